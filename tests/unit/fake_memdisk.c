/* A spool block device in host memory, for unit tests of the spool and of
 * what runs on it: writes can be limited (budget) and the last one torn,
 * reads made to fail. */
#include <stdlib.h>
#include <string.h>
#include "tests/unit/fake_memdisk.h"


static int md_read(struct spool_bdev *b, uint32_t blk, void *buf)
{
    struct memdisk *d = b->ctx;
    if (blk >= b->nblocks || d->fail_reads)
        return -1;
    memcpy(buf, d->data + (size_t)blk * SPOOL_BLKSIZE, SPOOL_BLKSIZE);
    return 0;
}

static int md_write(struct spool_bdev *b, uint32_t blk, const void *buf)
{
    struct memdisk *d = b->ctx;
    if (blk >= b->nblocks)
        return -1;
    if (d->budget == 0)
        return -1;
    d->writes++;
    if (d->budget > 0 && --d->budget == 0 && d->torn) {
        memcpy(d->data + (size_t)blk * SPOOL_BLKSIZE, buf, SPOOL_BLKSIZE / 2);
        return -1;
    }
    memcpy(d->data + (size_t)blk * SPOOL_BLKSIZE, buf, SPOOL_BLKSIZE);
    return 0;
}

struct memdisk *md_new(uint32_t nblocks)
{
    struct memdisk *d = calloc(1, sizeof *d);
    d->data = calloc(nblocks, SPOOL_BLKSIZE);
    d->b = (struct spool_bdev){ nblocks, md_read, md_write, d };
    d->budget = -1;
    return d;
}

void md_free(struct memdisk *d)
{
    free(d->data);
    free(d);
}

