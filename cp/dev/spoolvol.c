/* The spool volume: the 3390 labelled ZCPSPL (spool/volume.h), reached
 * through the ECKD driver as the spool's block device, and the warm start
 * at IPL.  The driver's writes are synchronous: when eckd_write returns 0
 * the channel program has ended and Hercules has the record in its file,
 * which is what the spool's ordering rules (docs/spool.md) rely on. */
#include "cp/dev/spoolvol.h"
#include "cp/dev/eckd.h"
#include "cp/sys/opcon.h"
#include "cp/vm/vspool.h"
#include "spool/volume.h"
#include "lib/mem.h"

static struct rdev *vol;
static struct spool_bdev bdev;

/* Reads go GROUP_TRACKS tracks at a time, into a cache of that many
 * tracks: one channel program (per track: Seek, Search ID Equal R1, TIC,
 * twelve chained Read Data, each the next record's data).  Warm start and
 * readers go through blocks in order; under Hercules every I/O costs two
 * thread hand-offs (CPU thread to device thread and back), which on a
 * loaded host was most of a DIAG X'14' read's wall time with one track an
 * I/O (docs/spool.md, Cost).  Blocks are grouped from block 0, so a group
 * never straddles the end of the volume except the last, which is cut
 * short there. */
#define GROUP_TRACKS 8
#define GROUP_BLOCKS (GROUP_TRACKS * SPOOL_RECS_PER_TRACK)
static uint8_t track[GROUP_BLOCKS][SPOOL_BLKSIZE] __attribute__((aligned(8)));
static uint32_t cached = ~0u;          /* first block of the cached group */

static int group_read(uint32_t first)
{
    static struct ccw1 prog[GROUP_TRACKS * (3 + SPOOL_RECS_PER_TRACK)];
    static uint8_t seek[GROUP_TRACKS][6], search[GROUP_TRACKS][5];
    struct irb irb;
    int n = 0;
    uint32_t tracks = (bdev.nblocks - first + SPOOL_RECS_PER_TRACK - 1) / SPOOL_RECS_PER_TRACK;
    if (tracks > GROUP_TRACKS)
        tracks = GROUP_TRACKS;
    for (uint32_t t = 0; t < tracks; t++) {
        struct spool_chr a = spool_block_chr(vol->heads, first + t * SPOOL_RECS_PER_TRACK);
        memset(seek[t], 0, sizeof seek[t]);
        seek[t][2] = (uint8_t)(a.cyl >> 8);
        seek[t][3] = (uint8_t)a.cyl;
        seek[t][5] = (uint8_t)a.head;
        search[t][0] = (uint8_t)(a.cyl >> 8);
        search[t][1] = (uint8_t)a.cyl;
        search[t][2] = 0;
        search[t][3] = (uint8_t)a.head;
        search[t][4] = 1;
        prog[n++] = (struct ccw1){ 0x07, CCW_FLAG_CC, 6, ccw_addr(seek[t]) };
        int s = n;
        prog[n++] = (struct ccw1){ 0x31, CCW_FLAG_CC, 5, ccw_addr(search[t]) };
        prog[n++] = (struct ccw1){ 0x08, 0, 0, ccw_addr(&prog[s]) };
        for (int r = 0; r < SPOOL_RECS_PER_TRACK; r++)
            prog[n++] = (struct ccw1){ 0x06, CCW_FLAG_CC, SPOOL_BLKSIZE,
                                       ccw_addr(track[t * SPOOL_RECS_PER_TRACK + r]) };
    }
    prog[n - 1].flags = 0;              /* the last Read Data ends the chain */
    cached = ~0u;
    if (rdev_run(vol, prog, &irb, 10000) != 0)
        return -1;
    cached = first;
    return 0;
}

static int vol_read(struct spool_bdev *b, uint32_t blk, void *buf)
{
    uint32_t first = blk - blk % GROUP_BLOCKS;
    if (cached != first && group_read(first) != 0) {
        /* Fall back to the single record (and say nothing: it may work). */
        struct spool_chr a = spool_block_chr(vol->heads, blk);
        return eckd_read(vol, a.cyl, a.head, a.rec, buf, SPOOL_BLKSIZE) == SPOOL_BLKSIZE ? 0 : -1;
    }
    memcpy(buf, track[blk - first], SPOOL_BLKSIZE);
    return 0;
}

static int vol_write(struct spool_bdev *b, uint32_t blk, const void *buf)
{
    struct spool_chr a = spool_block_chr(vol->heads, blk);
    uint32_t first = blk - blk % GROUP_BLOCKS;
    if (eckd_write(vol, a.cyl, a.head, a.rec, buf, SPOOL_BLKSIZE) == 0) {
        if (cached == first)
            memcpy(track[blk - first], buf, SPOOL_BLKSIZE);
        return 0;
    }
    if (cached == first)
        cached = ~0u;
    opcon_printf("HCPSPV9203E Write error on spool volume %s (%04X) block %u", SPOOL_VOLSER,
                 vol->devno, blk);
    return -1;
}

static void report(void *arg, const char *line)
{
    opcon_printf("%s", line);
}

int spoolvol_start(void)
{
    vol = 0;
    for (int i = 0; i < rdev_count && !vol; i++)
        if (rdevs[i].cls == RDEV_DASD && strcmp(rdevs[i].volser, SPOOL_VOLSER) == 0 && rdevs[i].heads)
            vol = &rdevs[i];
    if (!vol) {
        opcon_printf("HCPSPV9200W No spool volume %s: spooling is not available", SPOOL_VOLSER);
        return -1;
    }
    bdev = (struct spool_bdev){ spool_volume_blocks(vol->cylinders, vol->heads), vol_read, vol_write, 0 };
    int n = spool_mount(&sysspool, &bdev, report, 0);
    if (n < 0) {
        sysspool.dev = 0;
        opcon_printf("HCPSPV9201E Spool volume %s (%04X) cannot be used (%s); spooling is not available",
                     SPOOL_VOLSER, vol->devno, n == SPOOL_EFORMAT ? "not formatted: tools/zcpspool format" :
                     "I/O error");
        return -1;
    }
    opcon_printf("HCPSPV9202I Warm start: %d spool files on %s (%04X), %u of %u blocks free", n,
                 SPOOL_VOLSER, vol->devno, spool_free_blocks(&sysspool), spool_total_blocks(&sysspool));
    return n;
}
