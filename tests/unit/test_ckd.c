/* tools/ckd.c: Hercules CKD image files (header, tracks, records, limits). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/ebcdic.h"
#include "tools/ckd.h"

#define TRK CKD_3390_TRKSIZE

/* A fresh temporary file name; the file is removed by the caller. */
static void temp_path(char *buf, size_t len)
{
    const char *dir = getenv("TMPDIR");
    snprintf(buf, len, "%s/test_ckd.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(buf);
    assert_true(fd >= 0);
    close(fd);
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(*len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, *len, f), *len);
    fclose(f);
    return buf;
}

static void spill(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static uint8_t *track_at(uint8_t *file, uint32_t heads, uint32_t cyl, uint32_t head)
{
    return file + CKD_DEVHDR_LEN + ((size_t)cyl * heads + head) * TRK;
}

static void create_3390(char *path, size_t len, uint32_t cyls)
{
    struct ckd_image img;
    temp_path(path, len);
    assert_int_equal(ckd_create(&img, path, CKD_DEVTYPE_3390, cyls, CKD_3390_HEADS, TRK), CKD_OK);
    assert_int_equal(ckd_close(&img), CKD_OK);
}

static void test_create_header_and_geometry(void **state)
{
    char path[256];
    create_3390(path, sizeof path, 3);
    size_t len;
    uint8_t *f = slurp(path, &len);
    assert_int_equal(len, CKD_DEVHDR_LEN + 3 * 15 * TRK);
    assert_memory_equal(f, "CKD_P370", 8);
    /* heads and trksize little-endian, devtype, fileseq/highcyl 0. */
    const uint8_t hdr[12] = { 15, 0, 0, 0, 0x00, 0xDE, 0, 0, 0x90, 0, 0, 0 };
    assert_memory_equal(f + 8, hdr, sizeof hdr);
    for (int i = 20; i < CKD_DEVHDR_LEN; i++)
        assert_int_equal(f[i], 0);
    /* Every track: header, R0 (8 data bytes), end of track. */
    const uint8_t *t = track_at(f, 15, 2, 14);
    const uint8_t want[] = { 0, 0, 2, 0, 14, 0, 2, 0, 14, 0, 0, 0, 8,
                             0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    assert_memory_equal(t, want, sizeof want);
    free(f);

    struct ckd_image img;
    assert_int_equal(ckd_open(&img, path, 0), CKD_OK);
    assert_int_equal(img.cyls, 3);
    assert_int_equal(img.heads, 15);
    assert_int_equal(img.trksize, TRK);
    assert_int_equal(img.devtype, CKD_DEVTYPE_3390);
    uint8_t data[8];
    assert_int_equal(ckd_read_record(&img, 2, 14, 0, data, sizeof data, NULL, NULL), 8);
    assert_int_equal(ckd_close(&img), CKD_OK);
    unlink(path);
}

/* An image dasdinit made reads back with the same header we write and
 * its VOL1 label (Hercules dasdutil.c layout). */
static void test_dasdinit_image(void **state)
{
    if (system("command -v dasdinit >/dev/null 2>&1") != 0)
        skip();
    char path[256], cmd[600], ours[256];
    temp_path(path, sizeof path);
    unlink(path);
    snprintf(cmd, sizeof cmd, "dasdinit %s 3390 TESTVL 2 >/dev/null 2>&1", path);
    assert_int_equal(system(cmd), 0);
    struct ckd_image img;
    assert_int_equal(ckd_open(&img, path, 0), CKD_OK);
    assert_int_equal(img.cyls, 2);
    assert_int_equal(img.heads, 15);
    assert_int_equal(img.trksize, TRK);
    assert_int_equal(img.devtype, CKD_DEVTYPE_3390);
    uint8_t vol1[80], key[CKD_KEY_MAX], keylen = 0;
    assert_int_equal(ckd_read_record(&img, 0, 0, 3, vol1, sizeof vol1, key, &keylen), 80);
    char text[11];
    ebcdic_to_ascii_buf(text, vol1, 10);
    assert_memory_equal(text, "VOL1TESTVL", 10);
    assert_int_equal(keylen, 4);
    ebcdic_to_ascii_buf(text, key, 4);
    assert_memory_equal(text, "VOL1", 4);
    assert_int_equal(ckd_close(&img), CKD_OK);

    create_3390(ours, sizeof ours, 2);
    size_t la, lb;
    uint8_t *a = slurp(path, &la), *b = slurp(ours, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, CKD_DEVHDR_LEN);
    free(a);
    free(b);
    unlink(path);
    unlink(ours);
}

static void test_write_and_read_records(void **state)
{
    char path[256];
    create_3390(path, sizeof path, 2);
    struct ckd_image img;
    assert_int_equal(ckd_open(&img, path, 1), CKD_OK);

    uint8_t key[3] = { 0xC1, 0xC2, 0xC3 }, small[100], big[4096];
    for (size_t i = 0; i < sizeof small; i++)
        small[i] = (uint8_t)(i * 7);
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(i ^ 0x5A);
    const struct ckd_rec recs[] = {
        { 1, 3, 0, 0, 8, NULL, NULL },
        { 1, 3, 1, 3, sizeof small, key, small },
        { 1, 3, 2, 0, sizeof big, NULL, big },
        { 1, 3, 3, 0, 0, NULL, NULL },          /* end-of-file record */
    };
    assert_int_equal(ckd_write_track(&img, 1, 3, recs, 4), CKD_OK);

    uint8_t data[4096], k[CKD_KEY_MAX], kl = 9;
    assert_int_equal(ckd_read_record(&img, 1, 3, 1, data, sizeof data, k, &kl), sizeof small);
    assert_int_equal(kl, 3);
    assert_memory_equal(k, key, 3);
    assert_memory_equal(data, small, sizeof small);
    assert_int_equal(ckd_read_record(&img, 1, 3, 2, data, sizeof data, k, &kl), sizeof big);
    assert_int_equal(kl, 0);
    assert_memory_equal(data, big, sizeof big);
    assert_int_equal(ckd_read_record(&img, 1, 3, 3, data, sizeof data, NULL, NULL), 0);

    /* The track lists its records in order, pointing into the buffer. */
    uint8_t *trk = malloc(TRK);
    struct ckd_rec got[8];
    size_t n = 0;
    assert_int_equal(ckd_read_track(&img, 1, 3, trk, got, 8, &n), CKD_OK);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(got[i].cyl, 1);
        assert_int_equal(got[i].head, 3);
        assert_int_equal(got[i].rec, i);
        assert_int_equal(got[i].keylen, recs[i].keylen);
        assert_int_equal(got[i].datalen, recs[i].datalen);
        assert_true(got[i].data >= trk && got[i].data + got[i].datalen <= trk + TRK);
    }
    assert_memory_equal(got[2].data, big, sizeof big);
    assert_int_equal(ckd_read_track(&img, 1, 3, trk, got, 3, &n), CKD_ESHORT);
    free(trk);

    /* Missing record, small buffer, tracks outside the volume. */
    assert_int_equal(ckd_read_record(&img, 1, 3, 4, data, sizeof data, NULL, NULL), CKD_ENOTFOUND);
    assert_int_equal(ckd_read_record(&img, 1, 3, 2, data, 4095, NULL, NULL), CKD_ESHORT);
    assert_int_equal(ckd_read_record(&img, 2, 0, 0, data, sizeof data, NULL, NULL), CKD_ERANGE);
    assert_int_equal(ckd_read_record(&img, 0, 15, 0, data, sizeof data, NULL, NULL), CKD_ERANGE);
    assert_int_equal(ckd_write_track(&img, 2, 0, recs, 1), CKD_ERANGE);
    assert_true(strstr(img.err, "outside") != NULL);
    /* A track begins with record 0. */
    assert_int_equal(ckd_write_track(&img, 1, 4, recs + 1, 1), CKD_EARG);
    assert_int_equal(ckd_close(&img), CKD_OK);

    /* On disk: track header, count fields big-endian, EOT, zeros, and
     * the neighbouring tracks untouched. */
    size_t len;
    uint8_t *f = slurp(path, &len);
    uint8_t *t = track_at(f, 15, 1, 3);
    const uint8_t head[] = { 0, 0, 1, 0, 3, 0, 1, 0, 3, 0, 0, 0, 8 };
    assert_memory_equal(t, head, sizeof head);
    const uint8_t c1[] = { 0, 1, 0, 3, 1, 3, 0, 100, 0xC1, 0xC2, 0xC3 };
    assert_memory_equal(t + 21, c1, sizeof c1);
    size_t end = ckd_track_bytes(recs, 4);
    assert_int_equal(end, 5 + 16 + 8 + 3 + 100 + 8 + 4096 + 8 + 8);
    for (size_t i = end - 8; i < end; i++)
        assert_int_equal(t[i], 0xFF);
    for (size_t i = end; i < TRK; i++)
        assert_int_equal(t[i], 0);
    assert_int_equal(track_at(f, 15, 1, 2)[4], 2);
    assert_int_equal(track_at(f, 15, 1, 4)[4], 4);
    assert_int_equal(track_at(f, 15, 1, 4)[21], 0xFF);
    free(f);
    unlink(path);
}

/* Records that need more than trksize bytes are refused and leave the
 * track as it was; exactly trksize fits. */
static void test_track_overflow(void **state)
{
    char path[256];
    create_3390(path, sizeof path, 1);
    struct ckd_image img;
    assert_int_equal(ckd_open(&img, path, 1), CKD_OK);
    uint16_t room = (uint16_t)(TRK - 5 - 16 - 8 - 8);   /* hdr, R0, R1 count, EOT */
    struct ckd_rec recs[] = {
        { 0, 1, 0, 0, 8, NULL, NULL },
        { 0, 1, 1, 0, room, NULL, NULL },
    };
    assert_int_equal(ckd_track_bytes(recs, 2), TRK);
    assert_int_equal(ckd_write_track(&img, 0, 1, recs, 2), CKD_OK);
    recs[1].datalen++;
    assert_int_equal(ckd_write_track(&img, 0, 1, recs, 2), CKD_EFULL);
    assert_true(strstr(img.err, "track holds") != NULL);
    uint8_t *data = malloc(TRK);
    assert_int_equal(ckd_read_record(&img, 0, 1, 1, data, TRK, NULL, NULL), room);

    /* Twelve 4 KiB records, as on a real 3390, fit Hercules' track. */
    struct ckd_rec twelve[13] = { { 0, 2, 0, 0, 8, NULL, NULL } };
    for (int i = 1; i <= 12; i++)
        twelve[i] = (struct ckd_rec){ 0, 2, (uint8_t)i, 0, 4096, NULL, NULL };
    assert_int_equal(ckd_write_track(&img, 0, 2, twelve, 13), CKD_OK);
    assert_int_equal(ckd_read_record(&img, 0, 2, 12, data, TRK, NULL, NULL), 4096);

    /* On a track big enough to hold it, a count field equal to the
     * end-of-track marker is still refused: it would end the track. */
    char wide[256];
    struct ckd_image w;
    temp_path(wide, sizeof wide);
    assert_int_equal(ckd_create(&w, wide, 0x90, 1, 1, 0x20000), CKD_OK);
    struct ckd_rec eot[] = { { 0, 0, 0, 0, 8, NULL, NULL },
                             { 0xFFFF, 0xFFFF, 0xFF, 0xFF, 0xFFFF, NULL, NULL } };
    assert_int_equal(ckd_write_track(&w, 0, 0, eot, 2), CKD_EARG);
    eot[1].datalen = 0xFFFE;
    assert_int_equal(ckd_write_track(&w, 0, 0, eot, 2), CKD_OK);
    assert_int_equal(ckd_read_record(&w, 0, 0, 0, data, 8, NULL, NULL), 8);
    assert_int_equal(ckd_close(&w), CKD_OK);
    unlink(wide);
    free(data);
    assert_int_equal(ckd_close(&img), CKD_OK);
    unlink(path);
}

static int open_rc(const char *path)
{
    struct ckd_image img;
    int rc = ckd_open(&img, path, 0);
    if (rc == CKD_OK)
        ckd_close(&img);
    else
        assert_int_equal(img.fd, -1);
    return rc;
}

static void test_bad_images_refused(void **state)
{
    char path[256], bad[256];
    create_3390(path, sizeof path, 1);
    temp_path(bad, sizeof bad);
    size_t len;
    uint8_t *f = slurp(path, &len);

    assert_int_equal(open_rc("/nonexistent/dir/vol.3390"), CKD_EOPEN);
    spill(bad, "hello", 5);                                 /* too short */
    assert_int_equal(open_rc(bad), CKD_EFORMAT);
    uint8_t *g = malloc(len);
    memcpy(g, f, len);
    memcpy(g, "FBA_P370", 8);                               /* wrong device id */
    spill(bad, g, len);
    assert_int_equal(open_rc(bad), CKD_EFORMAT);
    memcpy(g, "CKD_C370", 8);                               /* compressed */
    spill(bad, g, len);
    assert_int_equal(open_rc(bad), CKD_EFORMAT);
    memcpy(g, f, len);
    g[17] = 1;                                              /* multi-file */
    spill(bad, g, len);
    assert_int_equal(open_rc(bad), CKD_EFORMAT);
    memcpy(g, f, len);
    memset(g + 8, 0, 4);                                    /* no heads */
    spill(bad, g, len);
    assert_int_equal(open_rc(bad), CKD_EFORMAT);
    memcpy(g, f, len);
    g[12] = 1;                                              /* odd track size */
    spill(bad, g, len);
    assert_int_equal(open_rc(bad), CKD_EFORMAT);
    spill(bad, f, len - 100);                               /* truncated */
    assert_int_equal(open_rc(bad), CKD_EFORMAT);
    spill(bad, f, CKD_DEVHDR_LEN);                          /* no cylinders */
    assert_int_equal(open_rc(bad), CKD_EFORMAT);
    spill(bad, f, len);
    assert_int_equal(open_rc(bad), CKD_OK);

    /* A damaged track is reported, not trusted. */
    struct ckd_image img;
    uint8_t data[16];
    memcpy(g, f, len);
    track_at(g, 15, 0, 5)[4] = 6;                           /* wrong head in track header */
    memset(track_at(g, 15, 0, 6) + 21, 0, 8);               /* no end-of-track marker */
    spill(bad, g, len);
    assert_int_equal(ckd_open(&img, bad, 0), CKD_OK);
    assert_int_equal(ckd_read_record(&img, 0, 5, 0, data, sizeof data, NULL, NULL), CKD_ETRACK);
    assert_int_equal(ckd_read_record(&img, 0, 6, 0, data, sizeof data, NULL, NULL), CKD_ETRACK);
    assert_int_equal(ckd_read_record(&img, 0, 7, 0, data, sizeof data, NULL, NULL), 8);
    ckd_close(&img);

    struct ckd_image c;
    assert_int_equal(ckd_create(&c, bad, 0x90, 1, 0, TRK), CKD_EARG);
    assert_int_equal(ckd_create(&c, bad, 0x90, 0, 15, TRK), CKD_EARG);
    assert_int_equal(ckd_create(&c, bad, 0x90, 1, 15, 20), CKD_EARG);
    free(f);
    free(g);
    unlink(path);
    unlink(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_header_and_geometry),
        cmocka_unit_test(test_dasdinit_image),
        cmocka_unit_test(test_write_and_read_records),
        cmocka_unit_test(test_track_overflow),
        cmocka_unit_test(test_bad_images_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
