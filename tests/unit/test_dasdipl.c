/* ipl/dasdipl.c: the 3390 IPL records.  Decodes IPL1 and IPL2 CCW by
 * CCW, and IPLs written volumes through a small model of a channel and a
 * 3390 (Read IPL, Seek, Search ID Equal, TIC, Read Data) to check that
 * storage ends up holding the nucleus. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ipl/ccw0.h"
#include "ipl/dasdipl.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "tools/ckd.h"

#define LOAD  0x10000u
#define ENTRY 0x10000u
#define MEM   DASDIPL_LIMIT_24

#include "tests/unit/ccw0_check.h"

/* IPL2 bytes at a real address inside IPL2. */
static const uint8_t *ipl2_at(const struct dasdipl *d, uint32_t addr, size_t len)
{
    assert_true(addr >= DASDIPL_IPL2_ADDR && addr + len <= DASDIPL_IPL2_ADDR + d->ipl2_len);
    return d->ipl2 + (addr - DASDIPL_IPL2_ADDR);
}

static void test_ipl1(void **state)
{
    struct dasdipl d;
    assert_int_equal(dasdipl_build(&d, 26040, LOAD, ENTRY + 0x20, 20, 15), DASDIPL_OK);
    const uint8_t psw[8] = { 0x00, 0x08, 0x00, 0x00, 0x80, 0x01, 0x00, 0x20 };
    assert_memory_equal(d.ipl1, psw, 8);
    assert_ccw(d.ipl1 + 8, 0x06, DASDIPL_IPL2_ADDR, CCW_CC, (uint16_t)d.ipl2_len);
    assert_ccw(d.ipl1 + 16, 0x08, DASDIPL_IPL2_ADDR, 0, 0);
    /* 7 records on one track: Seek, then Search/TIC/Read per record. */
    assert_int_equal(d.nrecs, 7);
    assert_int_equal(d.ntracks, 1);
    assert_int_equal(d.ipl2_len, 16 + 7 * 32);
    dasdipl_free(&d);
}

/* Walk IPL2 as the channel would without a device: Seek per track,
 * Search/TIC/Read per record, arguments inside IPL2 behind the CCWs, and
 * the reads covering the image exactly once, in order. */
static void check_ipl2(size_t len, uint32_t load, uint32_t heads)
{
    struct dasdipl d;
    assert_int_equal(dasdipl_build(&d, len, load, load, 200, heads), DASDIPL_OK);
    size_t nrecs = (len + 4095) / 4096, ntracks = (nrecs + 11) / 12;
    assert_int_equal(d.nrecs, nrecs);
    assert_int_equal(d.ntracks, ntracks);
    assert_int_equal(d.ipl2_len, 16 * ntracks + 32 * nrecs);
    size_t nccw = ntracks + 3 * nrecs, pos = 0, covered = 0;
    uint32_t args_start = DASDIPL_IPL2_ADDR + 8 * (uint32_t)nccw;
    for (size_t i = 0; i < nrecs; i++) {
        size_t track = 1 + i / 12;
        uint16_t cyl = (uint16_t)(track / heads), head = (uint16_t)(track % heads);
        if (i % 12 == 0) {
            struct ccw s = ccw_at(d.ipl2 + pos);
            pos += 8;
            assert_int_equal(s.cmd, 0x07);
            assert_int_equal(s.flags, CCW_CC);
            assert_int_equal(s.count, 6);
            assert_true(s.addr >= args_start);
            const uint8_t *a = ipl2_at(&d, s.addr, 6);
            assert_int_equal(be16_get(a), 0);
            assert_int_equal(be16_get(a + 2), cyl);
            assert_int_equal(be16_get(a + 4), head);
        }
        uint32_t search_addr = DASDIPL_IPL2_ADDR + (uint32_t)pos;
        struct ccw s = ccw_at(d.ipl2 + pos);
        assert_int_equal(s.cmd, 0x31);
        assert_int_equal(s.flags, CCW_CC);
        assert_int_equal(s.count, 5);
        assert_true(s.addr >= args_start);
        const uint8_t *a = ipl2_at(&d, s.addr, 5);
        assert_int_equal(be16_get(a), cyl);
        assert_int_equal(be16_get(a + 2), head);
        assert_int_equal(a[4], 1 + i % 12);
        assert_ccw(d.ipl2 + pos + 8, 0x08, search_addr, 0, 0);
        struct ccw r = ccw_at(d.ipl2 + pos + 16);
        pos += 24;
        assert_int_equal(r.cmd, 0x06);
        assert_int_equal(r.addr, load + covered);
        assert_int_equal(r.flags, i + 1 < nrecs ? CCW_CC : 0);
        assert_int_equal(r.count, i + 1 < nrecs ? 4096 : len - 4096 * (nrecs - 1));
        covered += r.count;

        struct dasdipl_loc loc;
        dasdipl_locate(&d, i, &loc);
        assert_int_equal(loc.cyl, cyl);
        assert_int_equal(loc.head, head);
        assert_int_equal(loc.rec, 1 + i % 12);
        assert_int_equal(loc.off, 4096 * i);
        assert_int_equal(loc.len, r.count);
    }
    assert_int_equal(pos, 8 * nccw);
    assert_int_equal(covered, len);
    dasdipl_free(&d);
}

static void test_ipl2_ccws(void **state)
{
    const size_t sizes[] = { 1, 4095, 4096, 4097, 12 * 4096, 12 * 4096 + 1, 14 * 12 * 4096,
                             14 * 12 * 4096 + 100, 1000000 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        check_ipl2(sizes[i], LOAD, 15);
    check_ipl2(50000, 0x123457, 15);    /* odd load address: data needs no alignment */
    check_ipl2(100000, LOAD, 2);        /* small cylinders: several cylinder changes */
}

/* The real 3390 track: 1729 cells of 34 bytes after R0 (IBM 3390). */
static void test_3390_capacity(void **state)
{
    assert_int_equal(dasd3390_record_bytes(0, 56664), DASD3390_TRACK_BYTES);
    assert_true(dasd3390_record_bytes(0, 56665) > DASD3390_TRACK_BYTES);
    assert_true(12 * dasd3390_record_bytes(0, 4096) <= DASD3390_TRACK_BYTES);
    assert_true(13 * dasd3390_record_bytes(0, 4096) > DASD3390_TRACK_BYTES);
    assert_true(dasd3390_record_bytes(4, 80) > dasd3390_record_bytes(0, 80));
}

static int build_rc(size_t len, uint32_t load, uint32_t entry, uint32_t cyls, uint32_t heads)
{
    struct dasdipl d;
    int rc = dasdipl_build(&d, len, load, entry, cyls, heads);
    if (rc != DASDIPL_OK)
        assert_true(d.err[0] != 0);
    dasdipl_free(&d);
    return rc;
}

static void test_limits(void **state)
{
    assert_int_equal(build_rc(0, LOAD, ENTRY, 20, 15), DASDIPL_EEMPTY);
    assert_int_equal(build_rc(100, LOAD, 0x7FFFFFFF, 20, 15), DASDIPL_OK);
    assert_int_equal(build_rc(100, LOAD, 0x80000000u, 20, 15), DASDIPL_EENTRY);
    /* Everything below 16 MiB: ending exactly there is fine. */
    assert_int_equal(build_rc(0x10000, 0xFF0000, 0xFF0000, 20, 15), DASDIPL_OK);
    assert_int_equal(build_rc(0x10001, 0xFF0000, 0xFF0000, 20, 15), DASDIPL_E24);
    assert_int_equal(build_rc(16, 0x1000000, 0x1000000, 20, 15), DASDIPL_E24);
    /* The nucleus may not overlap lowcore or IPL2 (0x2000 + 48 bytes). */
    assert_int_equal(build_rc(4096, 0x2030, 0x2030, 20, 15), DASDIPL_OK);
    assert_int_equal(build_rc(4096, 0x202F, 0x202F, 20, 15), DASDIPL_EOVERLAP);
    assert_int_equal(build_rc(4096, 0, 0, 20, 15), DASDIPL_EOVERLAP);
    /* One cylinder holds 14 nucleus tracks of 12 records. */
    assert_int_equal(build_rc(14 * 12 * 4096, LOAD, ENTRY, 1, 15), DASDIPL_OK);
    assert_int_equal(build_rc(14 * 12 * 4096 + 1, LOAD, ENTRY, 1, 15), DASDIPL_EVOLUME);
    assert_int_equal(build_rc(100, LOAD, ENTRY, 1, 1), DASDIPL_EGEOMETRY);
    /* IPL2 must fit track 0 with IPL1 and VOL1 (and end below 0x10000):
     * 1627 records are the most. */
    assert_int_equal(build_rc(1627 * 4096, LOAD, ENTRY, 200, 15), DASDIPL_OK);
    assert_int_equal(build_rc(1627 * 4096 + 1, LOAD, ENTRY, 200, 15), DASDIPL_EIPL2);
    struct dasdipl d;
    assert_int_equal(dasdipl_build(&d, 1627 * 4096, LOAD, ENTRY, 200, 15), DASDIPL_OK);
    assert_true(DASDIPL_IPL2_ADDR + d.ipl2_len <= DASDIPL_IPL2_END);
    assert_true(dasd3390_record_bytes(4, 24) + dasd3390_record_bytes(4, (uint16_t)d.ipl2_len) +
                dasd3390_record_bytes(4, 80) <= DASD3390_TRACK_BYTES);
    dasdipl_free(&d);
}

/* ---- a channel and a 3390 ---------------------------------------------- */

struct sim {
    struct ckd_image *img;
    uint8_t *mem;
    uint8_t *trk;
    struct ckd_rec recs[64];
    size_t n, pos;          /* records on the track; the next one under the head */
    int oriented;           /* the last Search ID Equal matched recs[pos - 1] */
    int index_passes;       /* since the seek or the last match */
    int seeks, reads;
};

static void sim_seek(struct sim *s, uint32_t cyl, uint32_t head)
{
    assert_int_equal(ckd_read_track(s->img, cyl, head, s->trk, s->recs, 64, &s->n), CKD_OK);
    s->pos = 0;
    s->oriented = 0;
    s->index_passes = 0;
    s->seeks++;
}

/* Data of the record the device reads next (or was oriented to). */
static const struct ckd_rec *sim_data_record(struct sim *s)
{
    if (s->oriented)
        return &s->recs[s->pos - 1];
    assert_true(s->pos < s->n);
    return &s->recs[s->pos++];
}

static void sim_read(struct sim *s, const struct ckd_rec *r, uint32_t addr, uint16_t count,
                     uint8_t flags)
{
    if (!(flags & CCW_SLI))
        assert_int_equal(count, r->datalen);        /* else: incorrect length */
    size_t n = count < r->datalen ? count : r->datalen;
    assert_true(addr + n <= MEM);
    memcpy(s->mem + addr, r->data, n);
    s->reads++;
}

/* Search ID Equal: compare with the next count field.  Passing the index
 * point twice without a match is No Record Found. */
static int sim_search(struct sim *s, const uint8_t *cchhr)
{
    if (s->pos == s->n) {
        if (++s->index_passes == 2)
            fail_msg("no record found for CCHHR %04X %04X %02X", be16_get(cchhr),
                     be16_get(cchhr + 2), cchhr[4]);
        s->pos = 0;
    }
    const struct ckd_rec *r = &s->recs[s->pos++];
    int hit = r->cyl == be16_get(cchhr) && r->head == be16_get(cchhr + 2) && r->rec == cchhr[4];
    if (hit)
        s->index_passes = 0;
    return hit;
}

/* IPL: Read IPL (cyl 0 head 0, R1's data to real 0, 24 bytes), then run
 * the channel program at real 8.  Returns the number of CCWs run. */
static int sim_ipl(struct sim *s)
{
    sim_seek(s, 0, 0);
    s->pos = 1;                                     /* past R0 */
    sim_read(s, sim_data_record(s), 0, DASDIPL_IPL1_LEN, 0);
    uint32_t at = 8;
    int steps = 0, prev_search_hit = 0;
    for (;;) {
        assert_true(++steps < 1000000);
        assert_int_equal(at % 8, 0);
        struct ccw c = ccw_at(s->mem + at);
        assert_int_equal(c.flags & (CCW_CD | CCW_SKIP), 0);
        int hit = 0;
        switch (c.cmd) {
        case 0x08:                                  /* TIC */
            assert_int_not_equal(ccw_at(s->mem + c.addr).cmd, 0x08);
            at = c.addr;
            continue;
        case 0x07:                                  /* Seek BBCCHH */
            assert_int_equal(c.count, 6);
            assert_int_equal(be16_get(s->mem + c.addr), 0);
            sim_seek(s, be16_get(s->mem + c.addr + 2), be16_get(s->mem + c.addr + 4));
            break;
        case 0x31:                                  /* Search ID Equal CCHHR */
            assert_int_equal(c.count, 5);
            hit = sim_search(s, s->mem + c.addr);
            break;
        case 0x06:                                  /* Read Data */
            s->oriented = prev_search_hit;
            sim_read(s, sim_data_record(s), c.addr, c.count, c.flags);
            s->oriented = 0;
            break;
        default:
            fail_msg("unexpected command %02X at %06X", c.cmd, at);
        }
        prev_search_hit = hit;
        if (!(c.flags & CCW_CC))
            return steps;
        at += hit ? 16 : 8;                         /* status modifier skips one CCW */
    }
}

static void temp_path(char *buf, size_t len)
{
    const char *dir = getenv("TMPDIR");
    snprintf(buf, len, "%s/test_dasdipl.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(buf);
    assert_true(fd >= 0);
    close(fd);
}

/* A 3390 image laid out as dasdinit does: R0, IPL1, IPL2, VOL1 on track 0. */
static void make_volume(struct ckd_image *img, char *path, size_t plen, uint32_t cyls)
{
    temp_path(path, plen);
    assert_int_equal(ckd_create(img, path, CKD_DEVTYPE_3390, cyls, CKD_3390_HEADS,
                                CKD_3390_TRKSIZE), CKD_OK);
    uint8_t k1[4], k2[4], k3[4], ipl1[24] = { 0 }, ipl2[144] = { 0 }, vol1[80];
    ebcdic_from_ascii(k1, "IPL1", 4);
    ebcdic_from_ascii(k2, "IPL2", 4);
    ebcdic_from_ascii(k3, "VOL1", 4);
    memset(vol1, 0x40, sizeof vol1);
    ebcdic_from_ascii(vol1, "VOL1ZCPRES", 10);
    const struct ckd_rec recs[] = {
        { 0, 0, 0, 0, 8, NULL, NULL },
        { 0, 0, 1, 4, sizeof ipl1, k1, ipl1 },
        { 0, 0, 2, 4, sizeof ipl2, k2, ipl2 },
        { 0, 0, 3, 4, sizeof vol1, k3, vol1 },
    };
    assert_int_equal(ckd_write_track(img, 0, 0, recs, 4), CKD_OK);
}

static uint8_t *pattern(size_t len, unsigned seed)
{
    uint8_t *p = malloc(len);
    assert_non_null(p);
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < len; i++) {
        x = x * 1103515245u + 12345u;
        p[i] = (uint8_t)(x >> 16);
    }
    return p;
}

static void ipl_and_compare(size_t len, uint32_t load, uint32_t cyls)
{
    char path[256];
    struct ckd_image img;
    make_volume(&img, path, sizeof path, cyls);
    uint8_t *image = pattern(len, (unsigned)len);
    struct dasdipl d;
    assert_int_equal(dasdipl_write(&d, &img, image, len, load, load + 2), DASDIPL_OK);

    struct sim s = { .img = &img, .mem = calloc(1, MEM), .trk = malloc(img.trksize) };
    assert_non_null(s.mem);
    int steps = sim_ipl(&s);
    assert_memory_equal(s.mem, d.ipl1, 8);                  /* the IPL PSW */
    assert_int_equal(be32_get(s.mem + 4), 0x80000000u | (load + 2));
    assert_memory_equal(s.mem + DASDIPL_IPL2_ADDR, d.ipl2, d.ipl2_len);
    assert_memory_equal(s.mem + load, image, len);
    /* Nothing else was written: only IPL1, IPL2 and the nucleus. */
    for (uint32_t a = DASDIPL_IPL1_LEN; a < MEM; a++) {
        if (a == DASDIPL_IPL2_ADDR)
            a += (uint32_t)d.ipl2_len;
        if (a == load)
            a += (uint32_t)len;
        if (a < MEM && s.mem[a])
            fail_msg("stray byte at %06X", a);
    }
    assert_int_equal(s.reads, 2 + (int)d.nrecs);             /* IPL1, IPL2, records */
    assert_int_equal(s.seeks, 1 + (int)d.ntracks);
    /* IPL1's Read and TIC; per track Seek, a Search that meets R0 first
     * and its TIC back; per record the matching Search and the Read. */
    assert_int_equal(steps, 2 + 3 * (int)d.ntracks + 2 * (int)d.nrecs);

    /* Track 0 keeps the label and carries the keys dasdinit uses. */
    uint8_t vol1[80], key[CKD_KEY_MAX], kl;
    char text[11];
    assert_int_equal(ckd_read_record(&img, 0, 0, 3, vol1, sizeof vol1, key, &kl), 80);
    ebcdic_to_ascii_buf(text, vol1, 10);
    assert_memory_equal(text, "VOL1ZCPRES", 10);
    assert_int_equal(ckd_read_record(&img, 0, 0, 2, s.mem, MEM, key, &kl), (int)d.ipl2_len);
    ebcdic_to_ascii_buf(text, key, 4);
    assert_memory_equal(text, "IPL2", 4);

    free(s.mem);
    free(s.trk);
    free(image);
    dasdipl_free(&d);
    assert_int_equal(ckd_close(&img), CKD_OK);
    unlink(path);
}

static void test_ipl_from_volume(void **state)
{
    ipl_and_compare(1, LOAD, 1);
    ipl_and_compare(4096, LOAD, 1);
    ipl_and_compare(26040, LOAD, 2);
    ipl_and_compare(12 * 4096 + 1, 0x20001, 2);
    ipl_and_compare(1000000, LOAD, 3);                      /* crosses a cylinder */
    ipl_and_compare(1627 * 4096, 0x100000, 10);             /* the largest IPL2 */
}

/* zcpvol's refusals that dasdipl_write reports. */
static void test_write_refusals(void **state)
{
    char path[256];
    struct ckd_image img;
    struct dasdipl d;
    uint8_t *image = pattern(14 * 12 * 4096 + 1, 1);
    make_volume(&img, path, sizeof path, 1);
    assert_int_equal(dasdipl_write(&d, &img, image, 14 * 12 * 4096 + 1, LOAD, ENTRY),
                     DASDIPL_EVOLUME);
    assert_true(strstr(d.err, "needs 15 tracks") != NULL);
    dasdipl_free(&d);
    /* Refused before writing: track 0 still holds dasdinit's 144-byte IPL2. */
    uint8_t buf[256];
    assert_int_equal(ckd_read_record(&img, 0, 0, 2, buf, sizeof buf, NULL, NULL), 144);
    assert_int_equal(dasdipl_write(&d, &img, image, 14 * 12 * 4096, LOAD, ENTRY), DASDIPL_OK);
    dasdipl_free(&d);

    /* No VOL1 label: refused (a raw volume from dasdinit -r). */
    const struct ckd_rec r0 = { 0, 0, 0, 0, 8, NULL, NULL };
    assert_int_equal(ckd_write_track(&img, 0, 0, &r0, 1), CKD_OK);
    assert_int_equal(dasdipl_write(&d, &img, image, 100, LOAD, ENTRY), DASDIPL_ENOVOL1);
    assert_true(strstr(d.err, "VOL1") != NULL);
    dasdipl_free(&d);
    free(image);
    assert_int_equal(ckd_close(&img), CKD_OK);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ipl1),
        cmocka_unit_test(test_ipl2_ccws),
        cmocka_unit_test(test_3390_capacity),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_ipl_from_volume),
        cmocka_unit_test(test_write_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
