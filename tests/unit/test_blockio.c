/* diagnose/blockio.c: DIAG X'250' parameter checking and return codes,
 * on a virtual machine whose 0191 is a minidisk of the in-memory volume
 * (fake_eckd.c) formatted in 4096-byte blocks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/mm/frames.h"
#include "cp/mm/gstor.h"
#include "cp/vm/vdasd.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/vspool.h"
#include "diagnose/blockio.h"
#include "diagnose/diag.h"
#include "lib/be.h"
#include "tests/unit/fake_eckd.h"
#include "tests/unit/fakes.h"

#define MiB (1024ULL * 1024)
#define PL   0x2000u        /* the BIOPL */
#define LIST 0x3000u        /* the BIOE list */
#define DATA 0x4000u        /* a data buffer */

static uint8_t *bitmap;
static struct rdev vol;
static struct vm *vm;
static struct vcpu *v;
static uint8_t pl[64];

static int setup(void **state)
{
    fakes_reset();
    real_base = aligned_alloc(4096, 32 * MiB);
    bitmap = malloc(frames_bitmap_size(32 * MiB));
    frames_init(bitmap, 32 * MiB, MiB);
    fake_volume_make(&vol, 4, 4096, 12);
    vdasd_cache_drop(0);
    vm = vm_create("TESTG1", MiB, 1);
    assert_non_null(vm);
    v = vm->vcpu[0];
    assert_non_null(vdasd_define(vm, 0x191, &vol, 1, 2, 0));
    assert_non_null(vdasd_define(vm, 0x192, &vol, 3, 1, 1));
    assert_non_null(vur_add(vm, 0x00C, 0x3505, SQ_RDR, '*'));
    return 0;
}

static int teardown(void **state)
{
    vm_destroy(vm);
    free(bitmap);
    free(real_base);
    real_base = NULL;
    return 0;
}

static int cc(void) { return (int)(v->sd.psw_mask >> 44) & 3; }

/* DIAG 2,4,X'250' with the BIOPL pl at PL: the rc, or -1 after a
 * program interruption (its code in *pgm). */
static int diag(uint64_t addr, uint64_t fn, uint16_t *pgm)
{
    static const uint8_t zero[8];
    gstor_write(&vm->stor, 0x8C, zero, 4);
    gstor_write(&vm->stor, PL, pl, 64);
    vcpu_set_gpr(v, 2, addr);
    vcpu_set_gpr(v, 3, 0xEEEE);
    vcpu_set_gpr(v, 4, fn);
    struct diag_args a = { v, 2, 4, 0x250 };
    diag_x250(&a);
    uint8_t b[4];
    gstor_read(&vm->stor, 0x8C, b, 4);
    if (pgm)
        *pgm = be16_get(b + 2);
    if (be16_get(b + 2))
        return -1;
    gstor_read(&vm->stor, PL, pl, 64);
    return (int)vcpu_gpr(v, 3);
}

static void biopl(uint16_t devno, int is64)
{
    memset(pl, 0, 64);
    be16_put(pl, devno);
    pl[2] = is64 ? 0x80 : 0;
}

static int init(uint16_t devno, uint32_t bs)
{
    biopl(devno, 0);
    be32_put(pl + 24, bs);
    return diag(PL, 0, 0);
}

/* IOREQ with n 32-bit BIOEs already at LIST. */
static int ioreq(uint16_t devno, uint32_t n, uint8_t flags)
{
    biopl(devno, 0);
    pl[25] = flags;
    be32_put(pl + 28, n);
    be32_put(pl + 36, LIST);
    be32_put(pl + 40, 0xABCD);
    return diag(PL, 1, 0);
}

static void bioe(int i, uint8_t type, uint32_t blk, uint32_t buf)
{
    uint8_t e[16] = { type, 0xEE };
    be32_put(e + 4, blk);
    be32_put(e + 12, buf);
    gstor_write(&vm->stor, LIST + 16 * i, e, 16);
}

static uint8_t status(int i)
{
    uint8_t s;
    gstor_read(&vm->stor, LIST + 16 * i + 1, &s, 1);
    return s;
}

static void test_init(void **state)
{
    assert_int_equal(init(0x999, 4096), 16);
    assert_int_equal(cc(), 2);
    assert_int_equal(init(0x00C, 4096), 20);    /* a reader is not a disk */
    assert_int_equal(init(0x191, 1000), 24);
    assert_int_equal(init(0x191, 8192), 24);
    assert_int_equal(init(0x191, 256), 24);
    assert_int_equal(init(0x191, 4096), 0);
    assert_int_equal(cc(), 0);
    assert_int_equal(be32_get(pl + 32), 1);
    assert_int_equal(be32_get(pl + 36), 2 * 15 * 12);
    assert_int_equal(init(0x191, 4096), 28);    /* twice */
    assert_int_equal(init(0x192, 4096), 4);     /* read-only */
    assert_int_equal(cc(), 0);
    /* 64-bit, with an offset: blocks 1-offset .. n-offset. */
    biopl(0x191, 1);
    pl[1] = 0x91;
    memset(pl, 0, 64);
    be16_put(pl, 0x191);
    pl[2] = 0x80;
    be32_put(pl + 24, 4096);
    be64_put(pl + 32, 10);
    int rc = diag(PL, 2, 0);                    /* REMOVE the 32-bit one first */
    assert_int_equal(rc, 0);
    memset(pl, 0, 64);
    be16_put(pl, 0x191);
    pl[2] = 0x80;
    be32_put(pl + 24, 4096);
    be64_put(pl + 32, 10);
    assert_int_equal(diag(PL, 0, 0), 0);
    assert_int_equal((int64_t)be64_get(pl + 40), -9);
    assert_int_equal((int64_t)be64_get(pl + 48), 360 - 10);
}

static void test_program_checks(void **state)
{
    uint16_t pgm;
    biopl(0x191, 0);
    assert_int_equal(diag(PL + 4, 0, &pgm), -1);
    assert_int_equal(pgm, PGM_SPECIFICATION);
    assert_int_equal(diag(2 * MiB, 0, &pgm), -1);       /* beyond storage */
    assert_int_equal(pgm, PGM_ADDRESSING);
    assert_int_equal(diag(PL, 3, &pgm), -1);            /* no function 3 */
    assert_int_equal(pgm, PGM_SPECIFICATION);
    pl[2] = 0x40;                                       /* reserved flag bit */
    assert_int_equal(diag(PL, 0, &pgm), -1);
    assert_int_equal(pgm, PGM_SPECIFICATION);
    assert_int_equal(init(0x191, 4096), 0);
    bioe(0, 2, 1, DATA);
    biopl(0x191, 0);
    be32_put(pl + 28, 1);
    be32_put(pl + 36, LIST);
    pl[25] = 0x04;                                      /* reserved request flag */
    assert_int_equal(diag(PL, 1, &pgm), -1);
    assert_int_equal(pgm, PGM_SPECIFICATION);
    pl[25] = 0;
    pl[10] = 1;                                         /* reserved byte */
    assert_int_equal(diag(PL, 1, &pgm), -1);
    pl[10] = 0;
    be32_put(pl + 36, 2 * MiB);                         /* the list beyond storage */
    assert_int_equal(diag(PL, 1, &pgm), -1);
    assert_int_equal(pgm, PGM_ADDRESSING);
}

static void test_ioreq(void **state)
{
    bioe(0, 2, 1, DATA);
    assert_int_equal(ioreq(0x191, 1, 0), 28);           /* no INIT yet */
    assert_int_equal(ioreq(0x999, 1, 0), 16);
    assert_int_equal(init(0x191, 4096), 0);
    assert_int_equal(ioreq(0x191, 0, 0), 36);
    assert_int_equal(ioreq(0x191, 257, 0), 36);
    uint8_t block[4096];
    memset(block, 0x3C, sizeof block);
    gstor_write(&vm->stor, DATA, block, sizeof block);
    bioe(0, 1, 13, DATA);                               /* block 13: track 1 record 1 */
    assert_int_equal(ioreq(0x191, 1, 0), 0);
    assert_int_equal(cc(), 0);
    assert_int_equal(status(0), 0);
    struct fake_track *t = &fake_volume.tracks[1 * 15 + 1];
    assert_int_equal(t->data[16 + 8], 0x3C);            /* real cyl 1 head 1 R1 */
    bioe(0, 2, 13, DATA + 4096);
    bioe(1, 2, 0, DATA);                                /* below the first block */
    bioe(2, 2, 361, DATA);                              /* beyond the last */
    bioe(3, 7, 1, DATA);                                /* no such request type */
    bioe(4, 2, 1, 0xFFF800);                            /* buffer beyond storage */
    uint8_t resv[16] = { 2, 0, 1, 0 };                  /* reserved byte set */
    be32_put(resv + 4, 1);
    gstor_write(&vm->stor, LIST + 5 * 16, resv, 16);
    assert_int_equal(ioreq(0x191, 6, 0), 12);
    assert_int_equal(cc(), 1);
    assert_int_equal(status(0), 0x00);
    assert_int_equal(status(1), 0x01);
    assert_int_equal(status(2), 0x01);
    assert_int_equal(status(3), 0x06);
    assert_int_equal(status(4), 0x02);
    assert_int_equal(status(5), 0x0B);
    gstor_read(&vm->stor, DATA + 4096, block, 4096);
    assert_int_equal(block[4095], 0x3C);
    assert_int_equal(ioreq(0x191, 1, 0x02), 8);         /* asynchronous */
    assert_int_equal(cc(), 0);
    assert_int_equal(v->nbio, 1);
    assert_int_equal(v->bio[0].code, 0x0300);
    assert_int_equal(v->bio[0].parm, 0xABCD);
    bioe(0, 2, 0, DATA);
    assert_int_equal(ioreq(0x191, 1, 0x02), 8);
    assert_int_equal(v->bio[1].code, 0x0301);           /* status 1: some failed */
    bioe(0, 2, 1, DATA);
    for (int k = 2; k < 8; k++)
        assert_int_equal(ioreq(0x191, 1, 0x02), 8);
    assert_int_equal(ioreq(0x191, 1, 0x02), 0);         /* queue full: done synchronously */
    assert_int_equal(cc(), 0);
    assert_int_equal(v->nbio, 8);
    bioe(0, 2, 0, DATA);
    assert_int_equal(ioreq(0x191, 1, 0), 40);
    assert_int_equal(cc(), 2);
    /* The read-only disk. */
    assert_int_equal(init(0x192, 4096), 4);
    bioe(0, 1, 1, DATA);
    assert_int_equal(ioreq(0x192, 1, 0), 40);
    assert_int_equal(status(0), 0x03);
    /* Not formatted in this block size: status 4. */
    biopl(0x192, 0);
    assert_int_equal(diag(PL, 2, 0), 0);
    assert_int_equal(init(0x192, 512), 4);
    bioe(0, 2, 1, DATA);
    assert_int_equal(ioreq(0x192, 1, 0), 40);
    assert_int_equal(status(0), 0x04);
}

/* DIAG 2,4,X'250' (or rx,4) with the BIOPL pl copied to addr first: the
 * rc, or -1 after a program interruption (its code in *pgm). */
static int diag_at(uint64_t addr, int rx, uint64_t fn, uint16_t *pgm)
{
    static const uint8_t zero[8];
    gstor_write(&vm->stor, 0x8C, zero, 4);
    gstor_write(&vm->stor, addr, pl, 64);
    vcpu_set_gpr(v, rx, addr);
    vcpu_set_gpr(v, rx + 1, 0xEEEE);
    vcpu_set_gpr(v, 4, fn);
    struct diag_args a = { v, rx, 4, 0x250 };
    diag_x250(&a);
    uint8_t b[4];
    gstor_read(&vm->stor, 0x8C, b, 4);
    *pgm = be16_get(b + 2);
    return *pgm ? -1 : (int)vcpu_gpr(v, rx + 1);
}

/* The fast paths (host pointers into resident pages, the last
 * environment's device) give what the general paths give: an odd Rx,
 * every reserved byte of the list, a list or BIOE across a page boundary,
 * a prefixed list, a buffer never touched, and a device detached and
 * defined again at the same number. */
static void test_fast_path_edges(void **state)
{
    uint16_t pgm;
    biopl(0x191, 0);
    be32_put(pl + 24, 4096);
    assert_int_equal(diag_at(PL, 3, 0, &pgm), -1);      /* odd Rx */
    assert_int_equal(pgm, PGM_SPECIFICATION);
    assert_int_equal(diag_at(0x5FF8, 2, 0, &pgm), 0);   /* INIT across a page boundary */
    uint8_t back[64];
    gstor_read(&vm->stor, 0x5FF8, back, 64);
    assert_int_equal(be32_get(back + 36), 360);         /* last block stored back */

    /* Reserved bytes of an IOREQ list, one at a time (31- and 64-bit). */
    static const uint8_t resv31[] = { 3, 4, 11, 23, 26, 27, 44, 47, 48, 55, 56, 63 };
    static const uint8_t resv64[] = { 3, 12, 23, 26, 27, 36, 39, 56, 63 };
    static const uint8_t used31[] = { 28, 31, 38, 39, 40, 43 };
    bioe(0, 2, 1, DATA);
    for (int is64 = 0; is64 < 2; is64++) {
        const uint8_t *r = is64 ? resv64 : resv31;
        int nr = is64 ? (int)sizeof resv64 : (int)sizeof resv31;
        for (int k = 0; k < nr; k++) {
            biopl(0x191, is64);
            pl[r[k]] = 0x01;
            assert_int_equal(diag_at(PL, 2, 1, &pgm), -1);
            assert_int_equal(pgm, PGM_SPECIFICATION);
        }
    }
    for (size_t k = 0; k < sizeof used31; k++) {        /* not reserved: no exception */
        biopl(0x191, 0);
        be32_put(pl + 28, 1);
        be32_put(pl + 36, LIST);
        pl[used31[k]] |= 0x01;
        assert_int_not_equal(diag_at(PL, 2, 1, &pgm), -1);
    }

    /* A list of 31-bit BIOEs from 0x6FF8: the first one straddles pages. */
    uint8_t block[4096], e[16];
    for (int i = 0; i < 3; i++) {
        memset(e, 0, 16);
        e[0] = 2;
        be32_put(e + 4, (uint32_t)(20 + i));
        be32_put(e + 12, 0x8000u + 0x1000u * (uint32_t)i);
        gstor_write(&vm->stor, 0x6FF8 + 16 * i, e, 16);
        memset(fake_volume.tracks[1 * 15 + 1].data + 16 + (7 + i) * (8 + 4096) + 8, 0x40 + i, 4096);
    }
    vdasd_cache_drop(0);
    biopl(0x191, 0);
    be32_put(pl + 28, 3);
    be32_put(pl + 36, 0x6FF8);
    assert_int_equal(diag_at(PL, 2, 1, &pgm), 0);
    for (int i = 0; i < 3; i++) {
        gstor_read(&vm->stor, 0x6FF8 + 16 * i + 1, e, 1);
        assert_int_equal(e[0], 0);
        gstor_read(&vm->stor, 0x8000u + 0x1000u * (uint32_t)i, block, 4096);
        assert_int_equal(block[0], 0x40 + i);
        assert_int_equal(block[4095], 0x40 + i);
    }

    /* A list at real 0x1000 under prefix 0x10000 is at absolute 0x11000;
     * the buffer (absolute) in a page never touched before. */
    v->sd.prefix = 0x10000;
    memset(e, 0, 16);
    e[0] = 2;
    be32_put(e + 4, 20);
    be32_put(e + 12, 0x80000);
    gstor_write(&vm->stor, 0x11000, e, 16);
    biopl(0x191, 0);
    be32_put(pl + 28, 1);
    be32_put(pl + 36, 0x1000);
    assert_int_equal(diag_at(PL, 2, 1, &pgm), 0);
    gstor_read(&vm->stor, 0x11001, e, 1);
    assert_int_equal(e[0], 0);
    gstor_read(&vm->stor, 0x80000, block, 4096);
    assert_int_equal(block[100], 0x40);
    v->sd.prefix = 0;

    /* The device goes and a new one comes at 0191: the environment went
     * with the old one. */
    vm_detach_vdev(vm, vm_vdev(vm, 0x191));
    biopl(0x191, 0);
    be32_put(pl + 28, 1);
    be32_put(pl + 36, LIST);
    assert_int_equal(diag_at(PL, 2, 1, &pgm), 16);
    assert_non_null(vdasd_define(vm, 0x191, &vol, 1, 2, 0));
    assert_int_equal(diag_at(PL, 2, 1, &pgm), 28);
    assert_int_equal(init(0x191, 4096), 0);
    bioe(0, 2, 1, DATA);
    assert_int_equal(ioreq(0x191, 1, 0), 0);
    assert_int_equal(status(0), 0);

    /* Reads, then a write, a bad block, a read into a page never touched,
     * reads again: each BIOE its own status, the reads after the odd ones
     * done too, the write on the volume. */
    uint8_t w[4096];
    memset(w, 0x77, sizeof w);
    gstor_write(&vm->stor, 0x9000, w, sizeof w);
    bioe(0, 2, 20, 0x8000);
    bioe(1, 2, 21, 0xA000);
    bioe(2, 1, 30, 0x9000);                             /* write block 30 */
    bioe(3, 2, 999, 0xB000);                            /* beyond the last */
    bioe(4, 2, 22, 0xC0000);                            /* buffer never touched */
    bioe(5, 2, 30, 0xD000);                             /* what was just written */
    bioe(6, 2, 20, 0xE000);
    assert_int_equal(ioreq(0x191, 7, 0), 12);
    static const uint8_t want[7] = { 0, 0, 0, 1, 0, 0, 0 };
    for (int i = 0; i < 7; i++)
        assert_int_equal(status(i), want[i]);
    gstor_read(&vm->stor, 0xD000, block, 4096);
    assert_memory_equal(block, w, 4096);
    /* Block 30 of this disk (cylinder 1 on the volume): track 2, R6. */
    assert_int_equal(fake_volume.tracks[1 * 15 + 2].data[16 + 5 * (8 + 4096) + 8], 0x77);
    gstor_read(&vm->stor, 0xC0000, block, 4096);
    assert_int_equal(block[0], fake_volume.tracks[1 * 15 + 1].data[16 + 9 * (8 + 4096) + 8]);
    gstor_read(&vm->stor, 0xE000, block, 4096);
    assert_int_equal(block[0], fake_volume.tracks[1 * 15 + 1].data[16 + 7 * (8 + 4096) + 8]);
}

static void test_remove(void **state)
{
    biopl(0x999, 0);
    assert_int_equal(diag(PL, 2, 0), 16);
    biopl(0x191, 0);
    assert_int_equal(diag(PL, 2, 0), 28);
    assert_int_equal(init(0x191, 2048), 0);
    biopl(0x191, 0);
    assert_int_equal(diag(PL, 2, 0), 0);
    assert_int_equal(cc(), 0);
    assert_int_equal(diag(PL, 2, 0), 28);
    assert_int_equal(cc(), 2);
    /* A new session of the same user starts without environments. */
    assert_int_equal(init(0x191, 4096), 0);
    vm_destroy(vm);
    vm = vm_create("TESTG1", MiB, 1);
    v = vm->vcpu[0];
    assert_non_null(vdasd_define(vm, 0x191, &vol, 1, 2, 0));
    bioe(0, 2, 1, DATA);
    assert_int_equal(ioreq(0x191, 1, 0), 28);
}

/* What Linux's dasd_diag does when a disk comes online (drivers/s390/
 * block/dasd_diag.c, dasd_diag_check_device and dasd_start_diag), in the
 * 64-bit formats: DIAG X'210' for the class, REMOVE, then for each block
 * size from 512 up INIT and a synchronous read of block 3 (the CMS label
 * of an ECKD disk) until one works, INIT again, an asynchronous write. */
static int diag64(uint16_t devno, uint64_t fn, uint32_t bs, uint32_t n, uint8_t flags)
{
    memset(pl, 0, 64);
    be16_put(pl, devno);
    pl[2] = 0x80;
    if (fn == 0) {
        be32_put(pl + 24, bs);
    } else if (fn == 1) {
        pl[25] = flags;
        be32_put(pl + 28, n);
        be64_put(pl + 40, 0x0000000012345678ULL);
        be64_put(pl + 48, LIST);
    }
    return diag(PL, fn, 0);
}

static void bioe64(int i, uint8_t type, uint64_t blk, uint64_t buf)
{
    uint8_t e[24] = { type };
    be64_put(e + 8, blk);
    be64_put(e + 16, buf);
    gstor_write(&vm->stor, LIST + 24 * i, e, 24);
}

static void test_linux_dasd_diag(void **state)
{
    /* DIAG X'210': VRDCBLOK of 12 bytes, as struct dasd_diag_characteristics. */
    uint8_t rdc[16] = { 0x01, 0x91, 0x00, 0x0C };
    memset(rdc + 4, 0xEE, 12);
    gstor_write(&vm->stor, 0x1000, rdc, 16);
    v->sd.psw_mask = (v->sd.psw_mask & ~(3ULL << 31)) | (1ULL << 31);   /* 31-bit, as Linux's sam31 */
    vcpu_set_gpr(v, 2, 0x1000);
    struct diag_args a = { v, 2, 0, 0x210 };
    diag_x210(&a);
    assert_int_equal(cc(), 0);
    gstor_read(&vm->stor, 0x1000, rdc, 16);
    assert_int_equal(rdc[4], 0x04);                     /* ECKD class: label at block 3 */
    assert_int_equal(rdc[5], 0x82);                     /* 3390 */
    assert_int_equal(rdc[8], 0x04);
    assert_int_equal(rdc[9], 0x82);
    assert_int_equal(rdc[12], 0xEE);                    /* 12 bytes asked: 12 stored */
    assert_int_equal(diag64(0x191, 2, 0, 0, 0), 28);    /* REMOVE: none yet */
    uint32_t found = 0;
    for (uint32_t bs = 512; bs <= 4096 && !found; bs <<= 1) {
        assert_int_equal(diag64(0x191, 0, bs, 0, 0), 0);
        bioe64(0, 2, 3, DATA);
        int rc = diag64(0x191, 1, 0, 1, 0);
        assert_int_equal(diag64(0x191, 2, 0, 0, 0), 0);
        if (rc == 0 && cc() == 0)
            found = bs;
        else
            assert_int_equal(rc, 40);                   /* not formatted in bs: status 4 */
    }
    assert_int_equal(found, 4096);
    assert_int_equal(diag64(0x191, 0, 4096, 0, 0), 0);
    assert_int_equal((int64_t)be64_get(pl + 40), 1);
    assert_int_equal(be64_get(pl + 48), 360);          /* end_block: the whole minidisk */
    uint8_t block[4096];
    memset(block, 0x5A, sizeof block);
    gstor_write(&vm->stor, DATA, block, sizeof block);
    bioe64(0, 1, 360, DATA);                            /* the last block */
    bioe64(1, 1, 361, DATA);                            /* past the end */
    assert_int_equal(diag64(0x191, 1, 0, 2, 0x02), 8);
    assert_int_equal(v->nbio, 1);
    assert_int_equal(v->bio[0].code, 0x0701);           /* 64-bit, some failed */
    assert_int_equal(v->bio[0].parm, 0x12345678);
    uint8_t st[2];
    gstor_read(&vm->stor, LIST + 1, st, 1);
    gstor_read(&vm->stor, LIST + 24 + 1, st + 1, 1);
    assert_int_equal(st[0], 0x00);
    assert_int_equal(st[1], 0x01);
    bioe64(0, 2, 360, DATA + 4096);
    assert_int_equal(diag64(0x191, 1, 0, 1, 0), 0);
    gstor_read(&vm->stor, DATA + 4096, block, 4096);
    assert_int_equal(block[0], 0x5A);
    assert_int_equal(block[4095], 0x5A);
    /* The read-only disk: INIT rc 4 (Linux marks the device read-only). */
    assert_int_equal(diag64(0x192, 0, 4096, 0, 0), 4);
    bioe64(0, 1, 1, DATA);
    assert_int_equal(diag64(0x192, 1, 0, 1, 0), 40);
    gstor_read(&vm->stor, LIST + 1, st, 1);
    assert_int_equal(st[0], 0x03);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_init, setup, teardown),
        cmocka_unit_test_setup_teardown(test_program_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ioreq, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fast_path_edges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_linux_dasd_diag, setup, teardown),
    };
    return cmocka_run_group_tests_name("blockio", tests, 0, 0);
}
