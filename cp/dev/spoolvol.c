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

static int vol_read(struct spool_bdev *b, uint32_t blk, void *buf)
{
    struct spool_chr a = spool_block_chr(vol->heads, blk);
    return eckd_read(vol, a.cyl, a.head, a.rec, buf, SPOOL_BLKSIZE) == SPOOL_BLKSIZE ? 0 : -1;
}

static int vol_write(struct spool_bdev *b, uint32_t blk, const void *buf)
{
    struct spool_chr a = spool_block_chr(vol->heads, blk);
    if (eckd_write(vol, a.cyl, a.head, a.rec, buf, SPOOL_BLKSIZE) == 0)
        return 0;
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
