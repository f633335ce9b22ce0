/* A spool block device in host memory (tests/unit/fake_memdisk.c). */
#ifndef TESTS_UNIT_FAKE_MEMDISK_H
#define TESTS_UNIT_FAKE_MEMDISK_H
#include <stdint.h>
#include "spool/spool.h"

struct memdisk {
    struct spool_bdev b;
    uint8_t *data;
    long budget;        /* writes still allowed; -1 = no limit */
    int torn;           /* the write that exhausts the budget lands half */
    long writes;
    int fail_reads;
};

struct memdisk *md_new(uint32_t nblocks);
void md_free(struct memdisk *d);
#endif
