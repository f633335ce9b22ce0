/* Where spool blocks live on a 3390 spool volume (the tool that formats
 * it, tools/main_zcpspool.c, and CP's driver, cp/dev/spoolvol.c, agree
 * here).  Cylinder 0 keeps the volume label as dasdinit wrote it; from
 * cylinder 1 on every track holds records 1-12 of 4096 bytes (a 3390
 * track holds twelve), and spool block b is record b % 12 + 1 of the
 * (b / 12)-th track after cylinder 0. */
#ifndef SPOOL_VOLUME_H
#define SPOOL_VOLUME_H
#include <stdint.h>

#define SPOOL_VOLSER          "ZCPSPL"
#define SPOOL_RECS_PER_TRACK  12

struct spool_chr { uint32_t cyl, head; uint8_t rec; };

static inline struct spool_chr spool_block_chr(uint32_t heads, uint32_t blk)
{
    uint32_t track = heads + blk / SPOOL_RECS_PER_TRACK;
    return (struct spool_chr){ track / heads, track % heads, (uint8_t)(blk % SPOOL_RECS_PER_TRACK + 1) };
}

static inline uint32_t spool_volume_blocks(uint32_t cyls, uint32_t heads)
{
    return cyls > 1 ? (cyls - 1) * heads * SPOOL_RECS_PER_TRACK : 0;
}
#endif
