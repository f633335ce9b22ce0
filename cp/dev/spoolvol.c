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

/* Reads go a track at a time (Seek, Search ID Equal R1, TIC, twelve
 * chained Read Data: each reads the next record's data), into a one-track
 * cache: warm start and readers go through blocks in order, and one
 * channel program instead of twelve matters under Hercules. */
static uint8_t track[SPOOL_RECS_PER_TRACK][SPOOL_BLKSIZE] __attribute__((aligned(8)));
static uint32_t cached = ~0u;          /* first block of the cached track */

static int track_read(uint32_t first)
{
    static struct ccw1 prog[3 + SPOOL_RECS_PER_TRACK];
    static uint8_t seek[6], search[5];
    struct spool_chr a = spool_block_chr(vol->heads, first);
    struct irb irb;
    memset(seek, 0, sizeof seek);
    seek[2] = (uint8_t)(a.cyl >> 8);
    seek[3] = (uint8_t)a.cyl;
    seek[5] = (uint8_t)a.head;
    search[0] = (uint8_t)(a.cyl >> 8);
    search[1] = (uint8_t)a.cyl;
    search[2] = 0;
    search[3] = (uint8_t)a.head;
    search[4] = 1;
    prog[0] = (struct ccw1){ 0x07, CCW_FLAG_CC, 6, ccw_addr(seek) };
    prog[1] = (struct ccw1){ 0x31, CCW_FLAG_CC, 5, ccw_addr(search) };
    prog[2] = (struct ccw1){ 0x08, 0, 0, ccw_addr(&prog[1]) };
    for (int r = 0; r < SPOOL_RECS_PER_TRACK; r++)
        prog[3 + r] = (struct ccw1){ 0x06, (uint8_t)(r + 1 < SPOOL_RECS_PER_TRACK ? CCW_FLAG_CC : 0),
                                     SPOOL_BLKSIZE, ccw_addr(track[r]) };
    cached = ~0u;
    if (rdev_run(vol, prog, &irb, 10000) != 0)
        return -1;
    cached = first;
    return 0;
}

static int vol_read(struct spool_bdev *b, uint32_t blk, void *buf)
{
    uint32_t first = blk - blk % SPOOL_RECS_PER_TRACK;
    if (cached != first && track_read(first) != 0) {
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
    uint32_t first = blk - blk % SPOOL_RECS_PER_TRACK;
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
