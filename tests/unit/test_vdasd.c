/* cp/vm/vdasd.c: the virtual 3390 against an in-memory volume
 * (fake_eckd.c): relocation, extents, sense for refused accesses, search
 * loops, writes through to the volume, track capacity; and the block
 * geometry DIAG X'250' uses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "cp/vm/vdasd.h"
#include "cp/dev/eckd.h"
#include "diagnose/blockio.h"
#include "lib/be.h"
#include "tests/unit/fake_eckd.h"

static struct rdev vol;
static struct vm vm;
static struct vdev *d;
static uint8_t buf[65536];

#define START 2     /* the minidisk: real cylinders 2-4 */
#define CYLS  3

static int setup(void **state)
{
    fake_volume_make(&vol, 6, 4096, 12);
    vdasd_cache_drop(0);
    fake_eckd_fail = fake_eckd_reads = fake_eckd_writes = 0;
    memset(&vm, 0, sizeof vm);
    d = vdasd_define(&vm, 0x191, &vol, START, CYLS, 0);
    assert_non_null(d);
    return 0;
}

static int teardown(void **state)
{
    vdasd_ops.release(d);
    return 0;
}

/* One CCW of a channel program (new = it starts one). */
static int ccw(int new, uint8_t cmd, const void *data, uint32_t count, uint32_t *resid)
{
    if (new)
        d->starts++;
    if (data)
        memcpy(buf, data, count);
    return vdasd_ops.ccw(d, cmd, buf, count, resid);
}

static const uint8_t *seek_arg(uint16_t cyl, uint16_t head)
{
    static uint8_t b[6];
    memset(b, 0, 6);
    be16_put(b + 2, cyl);
    be16_put(b + 4, head);
    return b;
}

static const uint8_t *id_arg(uint16_t cyl, uint16_t head, uint8_t rec)
{
    static uint8_t b[5];
    be16_put(b, cyl);
    be16_put(b + 2, head);
    b[4] = rec;
    return b;
}

static void test_geometry(void **state)
{
    assert_int_equal(blockio_per_track(4096), 12);
    assert_int_equal(blockio_per_track(2048), 21);
    assert_int_equal(blockio_per_track(1024), 33);
    assert_int_equal(blockio_per_track(512), 49);
    assert_int_equal(blockio_per_track(1000), 0);
    assert_int_equal(blockio_per_track(8192), 0);
    uint32_t resid;
    assert_int_equal(ccw(1, 0x64, 0, 64, &resid), 0);
    assert_int_equal(be16_get(buf + 12), CYLS);         /* the minidisk's cylinders */
    assert_int_equal(be16_get(buf + 14), 15);
    assert_int_equal(resid, 0);
}

static void test_relocation(void **state)
{
    uint32_t resid;
    /* Mark real cyl START head 1 record 2; the guest sees it at cyl 0. */
    memset(buf, 0x5A, 4096);
    uint8_t id[5] = { 0, START, 0, 1, 2 };
    assert_int_equal(eckd_update_record(&vol, START, 1, id, 0x05, buf, 4096), 0);
    vdasd_cache_drop(0);
    assert_int_equal(ccw(1, 0x07, seek_arg(0, 1), 6, &resid), 0);
    /* The fake volume's count fields carry real cylinder numbers. */
    assert_int_equal(ccw(0, 0x31, id, 5, &resid), 0);                   /* R0 */
    assert_int_equal(ccw(0, 0x31, id, 5, &resid), 0);                   /* R1 */
    assert_int_equal(ccw(0, 0x31, id, 5, &resid), DEV_SM);              /* R2: equal */
    memset(buf, 0, sizeof buf);
    assert_int_equal(vdasd_ops.ccw(d, 0x06, buf, 4096, &resid), 0);
    assert_int_equal(resid, 0);
    assert_int_equal(buf[0], 0x5A);
    assert_int_equal(buf[4095], 0x5A);
    /* The same record by number, as DIAG X'250' reaches it. */
    memset(buf, 0, 4096);
    assert_int_equal(vdasd_record_io(d, 0, 0, 1, 2, buf, 4096), VDASD_OK);
    assert_int_equal(buf[17], 0x5A);
    /* And without a copy: the cached image holds the same bytes. */
    int rc = -99;
    const uint8_t *p = vdasd_record_data(d, 0, 1, 2, 4096, &rc);
    assert_non_null(p);
    assert_int_equal(rc, VDASD_OK);
    assert_memory_equal(p, buf, 4096);
}

static void test_outside_minidisk(void **state)
{
    uint32_t resid = 0;
    assert_int_equal(ccw(1, 0x07, seek_arg(CYLS, 0), 6, &resid), DEV_UC);
    assert_int_equal(d->sense[0], 0x80);        /* command reject */
    assert_int_equal(d->sense[7], 0x04);        /* format 0, invalid parameter */
    assert_int_equal(resid, 6);
    assert_int_equal(ccw(1, 0x07, seek_arg(0, 15), 6, &resid), DEV_UC);
    assert_int_equal(d->sense[0], 0x80);
    assert_int_equal(ccw(1, 0x07, seek_arg(0, 0), 4, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x03);        /* count too small */
    /* Sense hands the bytes over once, then they are gone. */
    assert_int_equal(ccw(1, 0x04, 0, 32, &resid), 0);
    assert_int_equal(buf[0], 0x80);
    assert_int_equal(buf[27], 0x80);
    assert_int_equal(ccw(1, 0x04, 0, 32, &resid), 0);
    assert_int_equal(buf[0], 0);
    assert_int_equal(vdasd_record_io(d, 0, CYLS, 0, 1, buf, 4096), VDASD_ENOTFOUND);
    assert_int_equal(vdasd_record_io(d, 0, 0, 0, 13, buf, 4096), VDASD_ENOTFOUND);
    assert_int_equal(vdasd_record_io(d, 0, 0, 0, 1, buf, 512), VDASD_ELEN);
    int rc = 0;
    assert_null(vdasd_record_data(d, CYLS, 0, 1, 4096, &rc));
    assert_int_equal(rc, VDASD_ENOTFOUND);
    assert_null(vdasd_record_data(d, 0, 0, 13, 4096, &rc));
    assert_int_equal(rc, VDASD_ENOTFOUND);
    assert_null(vdasd_record_data(d, 0, 0, 1, 512, &rc));
    assert_int_equal(rc, VDASD_ELEN);
}

static void test_define_extent(void **state)
{
    uint32_t resid;
    uint8_t dx[16] = { 0 };
    be16_put(dx + 12, 0);
    be16_put(dx + 14, 14);                      /* cylinder 0 only */
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(0, 14), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(1, 0), 6, &resid), DEV_UC);
    assert_int_equal(d->sense[1], 0x04);        /* file protected */
    assert_int_equal(ccw(0, 0x63, dx, 16, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);        /* a second Define Extent */
    be16_put(dx + 12, CYLS);                    /* extent beyond the minidisk */
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x04);
    /* Each channel program starts without an extent. */
    assert_int_equal(ccw(1, 0x07, seek_arg(2, 0), 6, &resid), 0);
    /* A file mask inhibiting seeks. */
    memset(dx, 0, 16);
    dx[0] = 0x18;
    be16_put(dx + 12, 2);
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(0, 0), 6, &resid), DEV_UC);
    assert_int_equal(d->sense[1], 0x04);
}

static void test_search_loop_ends(void **state)
{
    uint32_t resid;
    int calls = 0, st;
    assert_int_equal(ccw(1, 0x07, seek_arg(1, 3), 6, &resid), 0);
    while ((st = ccw(0, 0x31, id_arg(9, 9, 9), 5, &resid)) == 0)
        calls++;
    assert_int_equal(st, DEV_UC);
    assert_int_equal(d->sense[1], 0x08);        /* no record found */
    assert_int_equal(calls, 2 * 13);            /* R0-R12, twice round */
    /* Without a Seek first: sequence error. */
    assert_int_equal(ccw(1, 0x31, id_arg(0, 0, 1), 5, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);
    /* Multitrack past the minidisk's last track: end of cylinder. */
    assert_int_equal(ccw(1, 0x07, seek_arg(CYLS - 1, 14), 6, &resid), 0);
    while ((st = ccw(0, 0xB1, id_arg(9, 9, 9), 5, &resid)) == 0)
        ;
    assert_int_equal(st, DEV_UC);
    assert_int_equal(d->sense[1], 0x20);
}

static void test_writes(void **state)
{
    uint32_t resid;
    uint8_t id[5] = { 0, START + 1, 0, 4, 7 };
    /* Write Data needs a Search ID Equal that matched. */
    assert_int_equal(ccw(1, 0x07, seek_arg(1, 4), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x05, 0, 4096, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);
    assert_int_equal(ccw(1, 0x07, seek_arg(1, 4), 6, &resid), 0);
    while (ccw(0, 0x31, id, 5, &resid) != DEV_SM)
        ;
    memset(buf, 0x77, 100);
    int writes = fake_eckd_writes;
    assert_int_equal(vdasd_ops.ccw(d, 0x05, buf, 100, &resid), 0);     /* short: padded */
    assert_int_equal(fake_eckd_writes, writes + 1);
    struct fake_track *t = &fake_volume.tracks[(START + 1) * 15 + 4];
    uint8_t *data = t->data + 16 + 6 * (8 + 4096) + 8;                  /* R7's data */
    assert_int_equal(data[0], 0x77);
    assert_int_equal(data[99], 0x77);
    assert_int_equal(data[100], 0);
    /* A read-only minidisk refuses every write. */
    struct vdev *ro = vdasd_define(&vm, 0x192, &vol, START, 1, 1);
    assert_non_null(ro);
    ro->starts++;
    assert_int_equal(vdasd_ops.ccw(ro, 0x07, (uint8_t *)seek_arg(0, 0), 6, &resid), 0);
    memcpy(buf, id_arg(START, 0, 0), 5);
    assert_int_equal(vdasd_ops.ccw(ro, 0x31, buf, 5, &resid), DEV_SM);
    memset(buf, 0, 16);
    assert_int_equal(vdasd_ops.ccw(ro, 0x1D, buf, 16, &resid), DEV_UC);
    assert_int_equal(ro->sense[0], 0x80);
    assert_int_equal(vdasd_record_io(ro, 1, 0, 0, 1, buf, 4096), VDASD_ERO);
    vdasd_ops.release(ro);
}

static void test_format_track(void **state)
{
    uint32_t resid;
    uint8_t rec[8 + 4096];
    assert_int_equal(ccw(1, 0x07, seek_arg(2, 0), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x31, id_arg(START + 2, 0, 0), 5, &resid), DEV_SM);
    int st = 0, n;
    for (n = 1; n <= 13 && st == 0; n++) {
        memset(rec, n, sizeof rec);
        uint8_t c[8] = { 0, 2, 0, 0, (uint8_t)n, 0, 0x10, 0 };
        memcpy(rec, c, 8);
        st = ccw(0, 0x1D, rec, sizeof rec, &resid);
    }
    assert_int_equal(st, DEV_UC);               /* the 13th does not fit */
    assert_int_equal(n - 1, 13);
    assert_int_equal(d->sense[1], 0x40);        /* invalid track format */
    /* The volume has the 12, with the guest's (virtual) cylinder number. */
    struct fake_track *t = &fake_volume.tracks[(START + 2) * 15];
    assert_int_equal(t->len, 16 + 12 * (8 + 4096));
    assert_int_equal(t->data[16 + 1], 2);
    /* Write CKD right after a seek (no search): refused. */
    assert_int_equal(ccw(1, 0x07, seek_arg(2, 0), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x1D, rec, sizeof rec, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);
    assert_int_equal(vdasd_cells(0, 4096) * 12 <= VDASD_TRACK_CELLS, 1);
}

static void test_locate_record(void **state)
{
    uint32_t resid;
    uint8_t dx[16] = { 0 }, lr[16] = { 0 };
    be16_put(dx + 12, 2);
    be16_put(dx + 14, 14);
    lr[0] = 0x06;                               /* read data, count orientation */
    lr[3] = 2;                                  /* two records */
    be16_put(lr + 4, 1);
    be16_put(lr + 6, 14);
    memcpy(lr + 8, id_arg(START + 1, 14, 12), 5);
    /* Without Define Extent: refused. */
    assert_int_equal(ccw(1, 0x47, lr, 16, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x06, 0, 4096, &resid), 0);     /* 1/14 R12 */
    assert_int_equal(d->vm, &vm);
    /* The second record is on the next track: cylinder 2 head 0 R1. */
    assert_int_equal(ccw(0, 0x06, 0, 4096, &resid), 0);
    /* The domain is over: a Seek is allowed again. */
    assert_int_equal(ccw(0, 0x07, seek_arg(0, 0), 6, &resid), 0);
    /* A Seek inside a domain is not. */
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(0, 0), 6, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);
    /* Bad operation codes and searches that miss. */
    lr[0] = 0x3F;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x04);
    lr[0] = 0x06;
    lr[12] = 13;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), DEV_UC);
    assert_int_equal(d->sense[1], 0x08);
}

static void test_locate_record_writes(void **state)
{
    uint32_t resid;
    uint8_t dx[16] = { 0xC0 }, lr[16] = { 0 };  /* file mask: all writes */
    be16_put(dx + 12, 2);
    be16_put(dx + 14, 14);
    lr[0] = 0x01;                               /* write data, count orientation */
    lr[3] = 2;
    be16_put(lr + 4, 0);
    be16_put(lr + 6, 5);
    memcpy(lr + 8, id_arg(START, 5, 11), 5);
    uint8_t data[4096];
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), 0);
    memset(data, 0xB1, sizeof data);
    assert_int_equal(ccw(0, 0x05, data, 4096, &resid), 0);              /* R11 */
    memset(data, 0xB2, sizeof data);
    assert_int_equal(ccw(0, 0x05, data, 4096, &resid), 0);              /* R12 */
    /* The domain is over: a third Write Data has no search before it. */
    assert_int_equal(ccw(0, 0x05, data, 4096, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);
    struct fake_track *t = &fake_volume.tracks[START * 15 + 5];
    assert_int_equal(t->data[16 + 10 * (8 + 4096) + 8], 0xB1);
    assert_int_equal(t->data[16 + 11 * (8 + 4096) + 8], 0xB2);
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x06, 0, 4096, &resid), DEV_UC);            /* a read in a write domain */
    assert_int_equal(d->sense[7], 0x02);
    /* Format write, home orientation: two 512-byte records after R0. */
    lr[0] = 0x43;
    memcpy(lr + 8, id_arg(0, 6, 0), 4);
    be16_put(lr + 4, 0);
    be16_put(lr + 6, 6);
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), 0);
    uint8_t rec[8 + 512];
    for (int r = 1; r <= 2; r++) {
        memset(rec, r, sizeof rec);
        uint8_t c[8] = { 0, 0, 0, 6, (uint8_t)r, 0, 2, 0 };
        memcpy(rec, c, 8);
        assert_int_equal(ccw(0, 0x1D, rec, sizeof rec, &resid), 0);
    }
    t = &fake_volume.tracks[START * 15 + 6];
    assert_int_equal(t->len, 16 + 2 * (8 + 512));
    /* A format domain under a file mask for update writes only: refused. */
    dx[0] = 0x80;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), DEV_UC);
    assert_int_equal(d->sense[0], 0x80);
}

static void test_cache_reads_a_cylinder_at_once(void **state)
{
    uint8_t block[4096];
    int ios = fake_eckd_ios;
    for (uint32_t h = 3; h < 15; h++)
        assert_int_equal(vdasd_record_io(d, 0, 1, h, 1, block, 4096), VDASD_OK);
    assert_int_equal(fake_eckd_ios, ios + 1);                   /* heads 3-14: one I/O */
    assert_int_equal(vdasd_record_io(d, 0, 1, 0, 1, block, 4096), VDASD_OK);
    assert_int_equal(fake_eckd_ios, ios + 2);                   /* heads 0-2: another */
    /* A write goes through, and reads see it (no stale copy anywhere). */
    memset(block, 0x6B, sizeof block);
    assert_int_equal(vdasd_record_io(d, 1, 1, 2, 4, block, 4096), VDASD_OK);
    for (uint32_t c = 0; c < CYLS; c++)                         /* churn the cache */
        for (uint32_t h = 0; h < 15; h++)
            assert_int_equal(vdasd_record_io(d, 0, c, h, 1, block, 4096), VDASD_OK);
    memset(block, 0, sizeof block);
    assert_int_equal(vdasd_record_io(d, 0, 1, 2, 4, block, 4096), VDASD_OK);
    assert_int_equal(block[0], 0x6B);
    assert_int_equal(fake_volume.tracks[(START + 1) * 15 + 2].data[16 + 3 * (8 + 4096) + 8], 0x6B);
}

/* Real tracks 64 apart share a slot of the cache's lookup hints (cylinder
 * 0 head 0 and cylinder 4 head 4): each is still found, without an I/O,
 * and never the other's data. */
static void test_cache_hint_collisions(void **state)
{
    struct vdev *w = vdasd_define(&vm, 0x192, &vol, 0, 6, 0);
    assert_non_null(w);
    uint8_t a[4096], b[4096];
    memset(a, 0xA1, sizeof a);
    memset(b, 0xB2, sizeof b);
    assert_int_equal(vdasd_record_io(w, 1, 0, 0, 1, a, 4096), VDASD_OK);
    assert_int_equal(vdasd_record_io(w, 1, 4, 4, 1, b, 4096), VDASD_OK);
    int ios = fake_eckd_ios, rc = -99;
    for (int k = 0; k < 3; k++) {
        const uint8_t *p = vdasd_record_data(w, 0, 0, 1, 4096, &rc);
        assert_non_null(p);
        assert_memory_equal(p, a, 4096);
        p = vdasd_record_data(w, 4, 4, 1, 4096, &rc);
        assert_non_null(p);
        assert_memory_equal(p, b, 4096);
    }
    assert_int_equal(fake_eckd_ios, ios);
    /* Dropped from the cache: read again from the volume, same bytes. */
    vdasd_cache_drop(&vol);
    assert_non_null(vdasd_record_data(w, 4, 4, 1, 4096, &rc));
    assert_int_equal(fake_eckd_ios, ios + 1);
    assert_memory_equal(vdasd_record_data(w, 4, 4, 1, 4096, &rc), b, 4096);
    vdasd_ops.release(w);
}

/* vdasd_block_data (DIAG X'250''s reads) gives what vdasd_record_data
 * gives, on the fast path (a track of R1..R12 in order) and off it: bad
 * addresses, a wrong length, a track whose record numbers are out of order
 * or repeated, a track the guest reformats through CCWs, and writes
 * through another link of the same extent (one cache for every link). */
static void test_block_data(void **state)
{
    int rc = -99, rc2 = -99;
    for (uint32_t track = 0; track < CYLS * 15; track++)
        for (uint8_t rec = 1; rec <= 12; rec++) {
            const uint8_t *p = vdasd_block_data(d, track, rec, 4096, &rc);
            assert_int_equal(rc, VDASD_OK);
            assert_ptr_equal(p, vdasd_record_data(d, track / 15, track % 15, rec, 4096, &rc2));
        }
    assert_null(vdasd_block_data(d, 4, 13, 4096, &rc));
    assert_int_equal(rc, VDASD_ENOTFOUND);
    assert_null(vdasd_block_data(d, 4, 0, 4096, &rc));                 /* R0 is no block */
    assert_int_equal(rc, VDASD_ENOTFOUND);
    assert_null(vdasd_block_data(d, CYLS * 15, 1, 4096, &rc));         /* beyond the minidisk */
    assert_int_equal(rc, VDASD_ENOTFOUND);
    assert_null(vdasd_block_data(d, 4, 1, 2048, &rc));
    assert_int_equal(rc, VDASD_ELEN);

    /* Real track (START+1, 3): R1 and R2 numbered 2 and 1, R3 and R4 both
     * 3; the first record of a number is the one found. */
    struct fake_track *t = &fake_volume.tracks[(START + 1) * 15 + 3];
    uint8_t *r1 = t->data + 16, *r2 = r1 + 8 + 4096, *r3 = r2 + 8 + 4096, *r4 = r3 + 8 + 4096;
    r1[4] = 2, r2[4] = 1, r3[4] = 3, r4[4] = 3;
    r1[8] = 0xA1, r2[8] = 0xA2, r3[8] = 0xA3, r4[8] = 0xA4;
    vdasd_cache_drop(&vol);
    assert_int_equal(vdasd_block_data(d, 18, 1, 4096, &rc)[0], 0xA2);
    assert_int_equal(vdasd_block_data(d, 18, 2, 4096, &rc)[0], 0xA1);
    assert_int_equal(vdasd_block_data(d, 18, 3, 4096, &rc)[0], 0xA3);
    assert_null(vdasd_block_data(d, 18, 4, 4096, &rc));               /* R4 is numbered 3 now */
    assert_int_equal(rc, VDASD_ENOTFOUND);

    /* A write through another link of the extent: seen at once. */
    struct vdev *w = vdasd_define(&vm, 0x192, &vol, START, CYLS, 0);
    assert_non_null(w);
    uint8_t block[4096];
    memset(block, 0x5C, sizeof block);
    assert_non_null(vdasd_block_data(d, 20, 7, 4096, &rc));            /* cached */
    assert_int_equal(vdasd_record_io(w, 1, 1, 5, 7, block, 4096), VDASD_OK);
    assert_memory_equal(vdasd_block_data(d, 20, 7, 4096, &rc), block, 4096);

    /* The guest reformats virtual track (2, 0) in 2048-byte records: the
     * 4096-byte blocks there are gone, the new records are found. */
    assert_non_null(vdasd_block_data(d, 30, 1, 4096, &rc));
    uint32_t resid;
    uint8_t rec[8 + 2048];
    assert_int_equal(ccw(1, 0x07, seek_arg(2, 0), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x31, id_arg(START + 2, 0, 0), 5, &resid), DEV_SM);
    for (int n = 1; n <= 3; n++) {
        uint8_t c[8] = { 0, 2, 0, 0, (uint8_t)n, 0, 0x08, 0 };
        memset(rec, 0x20 + n, sizeof rec);
        memcpy(rec, c, 8);
        assert_int_equal(ccw(0, 0x1D, rec, sizeof rec, &resid), 0);
    }
    assert_null(vdasd_block_data(d, 30, 1, 4096, &rc));
    assert_int_equal(rc, VDASD_ELEN);
    assert_null(vdasd_block_data(d, 30, 4, 2048, &rc));
    assert_int_equal(rc, VDASD_ENOTFOUND);
    assert_int_equal(vdasd_block_data(d, 30, 3, 2048, &rc)[0], 0x23);
    vdasd_ops.release(w);
    assert_int_equal(vdasd_serial(w), 0);
    assert_int_not_equal(vdasd_serial(d), 0);
}

static void test_volume_failure(void **state)
{
    uint32_t resid;
    fake_eckd_fail = 1;
    assert_int_equal(ccw(1, 0x07, seek_arg(0, 0), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x31, id_arg(0, 0, 1), 5, &resid), DEV_UC);
    assert_int_equal(d->sense[0], 0x10);        /* equipment check */
    assert_int_equal(vdasd_record_io(d, 0, 0, 0, 1, buf, 4096), VDASD_EIO);
    fake_eckd_fail = 0;
    assert_int_equal(vdasd_record_io(d, 0, 0, 0, 1, buf, 4096), VDASD_OK);
}

/* Linux dasd_eckd's format with R0 (intensity 1): Define Extent permitting
 * every write, Locate Record home orientation format write, Write R0 (a
 * count of 8, the data padded), Write CKDs; then Read Track reads it all
 * back, R0 included, ending in the pseudo count; Erase cuts the track. */
static void test_write_r0_and_read_track(void **state)
{
    uint32_t resid;
    uint8_t dx[16] = { 0xC0, 0xC0 }, lr[16] = { 0 };
    be16_put(dx + 8, 1);
    be16_put(dx + 10, 3);
    be16_put(dx + 12, 1);
    be16_put(dx + 14, 4);
    lr[0] = 0x43;
    lr[3] = 3;                                  /* R0 and two records */
    be16_put(lr + 4, 1);
    be16_put(lr + 6, 3);
    be16_put(lr + 8, 1);
    be16_put(lr + 10, 3);
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), 0);
    uint8_t r0[8] = { 0, 1, 0, 3, 0, 0, 0, 8 };
    assert_int_equal(ccw(0, 0x15, r0, 8, &resid), 0);
    uint8_t rec[8 + 1024];
    for (int r = 1; r <= 2; r++) {
        memset(rec, 0xA0 + r, sizeof rec);
        uint8_t c[8] = { 0, 1, 0, 3, (uint8_t)r, 0, 4, 0 };
        memcpy(rec, c, 8);
        assert_int_equal(ccw(0, 0x1D, rec, sizeof rec, &resid), 0);
    }
    /* On the volume: the guest's R0 (its own CCHH) and two records. */
    struct fake_track *t = &fake_volume.tracks[(START + 1) * 15 + 3];
    assert_int_equal(t->len, 16 + 2 * (8 + 1024));
    assert_memory_equal(t->data, r0, 8);
    assert_int_equal(t->data[16 + 8], 0xA1);
    /* Read Track: LR read tracks (X'0C'), home orientation, two tracks. */
    lr[0] = 0x4C;
    lr[3] = 2;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), 0);
    assert_int_equal(ccw(0, 0xDE, 0, 8192, &resid), 0);
    uint32_t n = 16 + 2 * (8 + 1024);
    assert_int_equal(8192 - resid, n + 8);
    assert_memory_equal(buf, r0, 8);
    assert_int_equal(buf[16 + 4], 1);
    assert_int_equal(buf[16 + 8], 0xA1);
    for (int k = 0; k < 8; k++)
        assert_int_equal(buf[n + k], 0xFF);
    /* The second Read Track: the next track (1/4), as the fake made it. */
    assert_int_equal(ccw(0, 0xDE, 0, 65535, &resid), 0);
    assert_int_equal(65535 - resid, 16 + 12 * (8 + 4096) + 8);
    assert_int_equal(buf[3], 4);
    /* A third: the domain is over. */
    assert_int_equal(ccw(0, 0xDE, 0, 8192, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);
    /* Read Track beyond the extent: file protected. */
    lr[3] = 3;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), 0);
    assert_int_equal(ccw(0, 0xDE, 0, 8192, &resid), 0);
    assert_int_equal(ccw(0, 0xDE, 0, 65535, &resid), 0);
    assert_int_equal(ccw(0, 0xDE, 0, 8192, &resid), DEV_UC);
    assert_int_equal(d->sense[1], 0x04);
    /* Read Track not right after the Locate Record: refused. */
    lr[3] = 2;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x47, lr, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x03, 0, 1, &resid), 0);
    assert_int_equal(ccw(0, 0xDE, 0, 8192, &resid), DEV_UC);
    /* Erase after Search ID Equal on R1: R2 goes. */
    assert_int_equal(ccw(1, 0x07, seek_arg(1, 3), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x31, id_arg(1, 3, 1), 5, &resid), 0);         /* R0 */
    assert_int_equal(ccw(0, 0x31, id_arg(1, 3, 1), 5, &resid), DEV_SM);    /* R1 */
    uint8_t er[8] = { 0, 1, 0, 3, 2, 0, 0, 0 };
    assert_int_equal(ccw(0, 0x11, er, 8, &resid), 0);
    assert_int_equal(t->len, 16 + 8 + 1024);
    /* Read Multiple CKD: every record after R0, no pseudo count. */
    assert_int_equal(ccw(1, 0x07, seek_arg(1, 3), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x5E, 0, 8192, &resid), 0);
    assert_int_equal(8192 - resid, 8 + 1024);
    assert_int_equal(buf[4], 1);
    /* Erase with nothing before it: refused. */
    assert_int_equal(ccw(1, 0x07, seek_arg(1, 3), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x11, er, 8, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);
}

/* Write R0 outside a domain: after Search HA Equal (or Write HA), with
 * the file mask permitting it; a wrong R0 is an invalid parameter. */
static void test_write_r0_rules(void **state)
{
    uint32_t resid;
    uint8_t dx[16] = { 0xC0, 0xC0 }, dxr0[16] = { 0x00, 0xC0 };
    be16_put(dx + 12, 2);
    be16_put(dx + 14, 14);
    memcpy(dxr0 + 8, dx + 8, 8);
    uint8_t ha[4] = { 0, 2, 0, 7 }, r0[16] = { 0, 2, 0, 7, 0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8 };
    /* Without Define Extent the file mask inhibits Write R0. */
    assert_int_equal(ccw(1, 0x07, seek_arg(2, 7), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x39, ha, 4, &resid), DEV_SM);
    assert_int_equal(ccw(0, 0x15, r0, 16, &resid), DEV_UC);
    assert_int_equal(d->sense[0], 0x80);
    assert_int_equal(d->sense[7], 0x02);
    assert_int_equal(ccw(1, 0x63, dxr0, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(2, 7), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x39, ha, 4, &resid), DEV_SM);
    assert_int_equal(ccw(0, 0x15, r0, 16, &resid), DEV_UC);
    /* Not after a Search HA: refused. */
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(2, 7), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x15, r0, 16, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);
    /* A count field naming another track: invalid parameter. */
    r0[3] = 8;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(2, 7), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x39, ha, 4, &resid), DEV_SM);
    assert_int_equal(ccw(0, 0x15, r0, 16, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x04);
    r0[3] = 7;
    /* Short: message 3. */
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(2, 7), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x39, ha, 4, &resid), DEV_SM);
    assert_int_equal(ccw(0, 0x15, r0, 6, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x03);
    /* Write HA (its own CCHH), Write R0, Write CKD: the track is R0 and R1. */
    uint8_t hadata[5] = { 0, 0, 2, 0, 7 };
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(2, 7), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x19, hadata, 5, &resid), 0);
    assert_int_equal(ccw(0, 0x15, r0, 16, &resid), 0);
    uint8_t rec[8 + 100] = { 0, 2, 0, 7, 1, 0, 0, 100 };
    assert_int_equal(ccw(0, 0x1D, rec, sizeof rec, &resid), 0);
    struct fake_track *t = &fake_volume.tracks[(START + 2) * 15 + 7];
    assert_int_equal(t->len, 16 + 108);
    assert_memory_equal(t->data, r0, 16);
    /* Search HA (a TIC loop), Write R0, Seek, Read R0. */
    r0[8] = 0x6B;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(2, 7), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x39, ha, 4, &resid), DEV_SM);
    assert_int_equal(ccw(0, 0x15, r0, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(2, 7), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x16, 0, 16, &resid), 0);
    assert_memory_equal(buf, r0, 16);
    assert_int_equal(t->len, 16);
    /* Write HA of another track's CCHH, and with a file mask that does not
     * permit it. */
    hadata[4] = 9;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(2, 7), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x19, hadata, 5, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x04);
    hadata[4] = 7;
    assert_int_equal(ccw(1, 0x63, dxr0, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x07, seek_arg(2, 7), 6, &resid), 0);
    assert_int_equal(ccw(0, 0x19, hadata, 5, &resid), DEV_UC);
    assert_int_equal(d->sense[1], 0x04);
    /* A read-only minidisk: Write R0, Write HA, Erase all refused. */
    struct vdev *ro = vdasd_define(&vm, 0x192, &vol, START, 3, 1);
    ro->starts++;
    static uint8_t b2[64];
    memcpy(b2, dx, 16);
    assert_int_equal(vdasd_ops.ccw(ro, 0x63, b2, 16, &resid), 0);
    memcpy(b2, seek_arg(2, 7), 6);
    assert_int_equal(vdasd_ops.ccw(ro, 0x07, b2, 6, &resid), 0);
    memcpy(b2, hadata, 5);
    assert_int_equal(vdasd_ops.ccw(ro, 0x19, b2, 5, &resid), DEV_UC);
    assert_int_equal(ro->sense[0], 0x80);
    vdasd_ops.release(ro);
}

/* Locate Record Extended: the 20-byte form; its checks. */
static void test_locate_record_extended(void **state)
{
    uint32_t resid;
    uint8_t dx[16] = { 0x00, 0xC0 }, lre[20] = { 0 };
    be16_put(dx + 12, 2);
    be16_put(dx + 14, 14);
    lre[0] = 0x16;                              /* read, count orientation */
    lre[3] = 2;
    be16_put(lre + 4, 0);
    be16_put(lre + 6, 2);
    memcpy(lre + 8, id_arg(START, 2, 3), 5);
    lre[13] = 0xFF;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x4B, lre, 20, &resid), 0);
    assert_int_equal(ccw(0, 0x06, 0, 4096, &resid), 0);     /* R3 */
    assert_int_equal(ccw(0, 0x12, 0, 8, &resid), 0);        /* R4's count */
    assert_int_equal(buf[4], 4);
    assert_int_equal(ccw(0, 0x05, 0, 4096, &resid), DEV_UC);  /* no search: refused */
    /* Too short; extended operation; reserved bytes; outside the extent. */
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x4B, lre, 16, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x03);
    lre[0] = 0x3F;
    lre[17] = 0x0A;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x4B, lre, 20, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x04);
    lre[0] = 0x16;
    lre[17] = 0;
    lre[19] = 1;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x4B, lre, 20, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x04);
    lre[19] = 0;
    be16_put(dx + 12, 0);                       /* the extent: cylinder 0 head 0-14 */
    be16_put(lre + 4, 1);
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x4B, lre, 20, &resid), DEV_UC);
    assert_int_equal(d->sense[1], 0x04);
    /* Beyond the minidisk: command reject, invalid parameter. */
    be16_put(lre + 4, CYLS);
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x4B, lre, 20, &resid), DEV_UC);
    assert_int_equal(d->sense[0], 0x80);
    assert_int_equal(d->sense[7], 0x04);
    /* Read count suffix: the domain's last command must be a Read Count. */
    be16_put(lre + 4, 0);
    lre[1] = 0x01;
    assert_int_equal(ccw(1, 0x63, dx, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x4B, lre, 20, &resid), 0);
    assert_int_equal(ccw(0, 0x06, 0, 4096, &resid), 0);
    assert_int_equal(ccw(0, 0x06, 0, 4096, &resid), DEV_UC);
    assert_int_equal(d->sense[7], 0x02);
    /* Write Track (X'0B') and Erase: the track after R2 goes. */
    uint8_t dxw[16] = { 0x00, 0xC0 };
    be16_put(dxw + 12, 2);
    be16_put(dxw + 14, 14);
    memset(lre, 0, sizeof lre);
    lre[0] = 0x0B;
    lre[3] = 1;
    be16_put(lre + 6, 2);
    memcpy(lre + 8, id_arg(START, 2, 2), 5);
    assert_int_equal(ccw(1, 0x63, dxw, 16, &resid), 0);
    assert_int_equal(ccw(0, 0x4B, lre, 20, &resid), 0);
    uint8_t er[8] = { 0, 0, 0, 2, 3, 0, 0x10, 0 };
    assert_int_equal(ccw(0, 0x11, er, 8, &resid), 0);
    struct fake_track *t = &fake_volume.tracks[START * 15 + 2];
    assert_int_equal(t->len, 16 + 2 * (8 + 4096));
}

static void test_invalid_commands(void **state)
{
    uint32_t resid;
    static const uint8_t rejected[] = { 0x19, 0x15, 0x11, 0x4B, 0xDE, 0x5E, 0x29, 0xE7, 0xFF };
    for (size_t i = 0; i < sizeof rejected; i++) {
        assert_int_equal(ccw(1, rejected[i], 0, 16, &resid), DEV_UC);
        assert_int_equal(d->sense[0], 0x80);
    }
    assert_int_equal(ccw(1, 0x03, 0, 1, &resid), 0);
    assert_int_equal(ccw(1, 0xE4, 0, 7, &resid), 0);
    assert_int_equal(buf[0], 0xFF);
    assert_int_equal(be16_get(buf + 4), 0x3390);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_geometry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_relocation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outside_minidisk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_define_extent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_loop_ends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_track, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locate_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locate_record_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_reads_a_cylinder_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_hint_collisions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_block_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_volume_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_commands, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_r0_and_read_track, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_r0_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locate_record_extended, setup, teardown),
    };
    return cmocka_run_group_tests_name("vdasd", tests, 0, 0);
}
