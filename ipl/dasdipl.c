/* 3390 IPL volume.
 *
 * IPL: the channel runs Read IPL on the device: Seek to cyl 0 head 0,
 * read R1's data (24 bytes) to real 0, then continue at the CCW at real 8
 * (Principles of Operation, "Initial Program Loading").  IPL1 is that
 * data: the IPL PSW, a Read Data that reads the next record (R2 = IPL2,
 * the device is positioned right after R1) to DASDIPL_IPL2_ADDR, and a
 * TIC there.  Hercules ckddasd.c treats Read IPL as opening a Locate
 * Record domain of two CCWs (Read IPL, Read Data), which this fits.
 *
 * IPL2 is a format-0 program made only of commands any 3990 accepts
 * (3990 Storage Control Reference): per nucleus track a Seek (BBCCHH),
 * per record Search ID Equal (CCHHR), TIC back to the search (the search
 * skips the TIC by status modifier when it matches), Read Data to the
 * record's load address.  Every CCW chains but the last.  The arguments
 * live in IPL2 behind the CCWs, one 8-byte slot each. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ipl/ccw0.h"
#include "ipl/dasdipl.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "tools/ckd.h"

#define READ_DATA  0x06
#define SEEK       0x07
#define TIC        0x08
#define SEARCH_ID  0x31
#define KEY_LEN    4
#define SEEK_LEN   6      /* BBCCHH */
#define SEARCH_LEN 5      /* CCHHR */

static int fail(struct dasdipl *d, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(struct dasdipl *d, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->err, sizeof d->err, fmt, ap);
    va_end(ap);
    return rc;
}

/* 3390 track capacity (IBM 3390 Reference Summary; Hercules dasdutil.c
 * capacity_calc uses the same constants): a record takes 19 cells plus
 * its data cells, and 9 more plus key cells if keyed; a field of n bytes
 * takes ceil((n + 6 + 6 * ceil((n + 6) / 232)) / 34) cells of 34 bytes. */
static size_t field_cells(size_t n)
{
    size_t groups = (n + 6 + 231) / 232;
    return (n + 6 + 6 * groups + 33) / 34;
}

size_t dasd3390_record_bytes(uint8_t keylen, uint16_t datalen)
{
    size_t cells = 19 + field_cells(datalen);
    if (keylen)
        cells += 9 + field_cells(keylen);
    return cells * 34;
}

static size_t track_of(size_t i)
{
    return DASDIPL_FIRST_TRACK + i / DASDIPL_RECS_PER_TRACK;
}

void dasdipl_locate(const struct dasdipl *d, size_t i, struct dasdipl_loc *loc)
{
    size_t t = track_of(i);
    loc->cyl = (uint16_t)(t / d->heads);
    loc->head = (uint16_t)(t % d->heads);
    loc->rec = (uint8_t)(1 + i % DASDIPL_RECS_PER_TRACK);
    loc->off = i * DASDIPL_REC_LEN;
    size_t left = d->len - loc->off;
    loc->len = (uint16_t)(left < DASDIPL_REC_LEN ? left : DASDIPL_REC_LEN);
}

static int check_limits(struct dasdipl *d, uint32_t cyls)
{
    uint64_t end = (uint64_t)d->load + d->len;
    if (d->len == 0)
        return fail(d, DASDIPL_EEMPTY, "the nucleus image is empty");
    if (d->entry > 0x7FFFFFFFu)
        return fail(d, DASDIPL_EENTRY, "entry %#x is not a 31-bit address", d->entry);
    if (end > DASDIPL_LIMIT_24)
        return fail(d, DASDIPL_E24, "nucleus at %#x-%#llx reaches above 16 MiB "
                    "(format-0 CCWs address 24 bits)", d->load, (unsigned long long)end - 1);
    uint32_t ipl2_end = DASDIPL_IPL2_ADDR + (uint32_t)d->ipl2_len;
    if (ipl2_end > DASDIPL_IPL2_END)
        return fail(d, DASDIPL_EIPL2, "IPL2 of %zu bytes at %#x passes %#x: the nucleus has "
                    "too many records (%zu)", d->ipl2_len, DASDIPL_IPL2_ADDR, DASDIPL_IPL2_END,
                    d->nrecs);
    size_t track0 = dasd3390_record_bytes(KEY_LEN, DASDIPL_IPL1_LEN) +
                    dasd3390_record_bytes(KEY_LEN, (uint16_t)d->ipl2_len) +
                    dasd3390_record_bytes(KEY_LEN, DASDIPL_VOL1_LEN);
    if (track0 > DASD3390_TRACK_BYTES)
        return fail(d, DASDIPL_EIPL2, "IPL2 of %zu bytes does not fit on track 0 of a 3390 "
                    "with IPL1 and VOL1", d->ipl2_len);
    if (d->load < ipl2_end)
        return fail(d, DASDIPL_EOVERLAP, "nucleus at %#x overlaps lowcore and IPL2 "
                    "(0-%#x); load it at %#x or above", d->load, ipl2_end - 1, ipl2_end);
    uint64_t tracks = (uint64_t)cyls * d->heads;
    if (DASDIPL_FIRST_TRACK + d->ntracks > tracks)
        return fail(d, DASDIPL_EVOLUME, "volume too small: the nucleus (%zu bytes) needs %zu "
                    "tracks from cyl 0 head 1, the volume has %llu (%u cyl x %u heads, less "
                    "track 0)", d->len, d->ntracks, (unsigned long long)tracks - 1, cyls, d->heads);
    return DASDIPL_OK;
}

/* Append one CCW at *ccw and advance. */
static void emit(struct dasdipl *d, size_t *ccw, uint8_t cmd, uint32_t addr, uint8_t flags,
                 uint16_t count)
{
    ccw0_put(d->ipl2 + *ccw, cmd, addr, flags, count);
    *ccw += 8;
}

static void build_ipl2(struct dasdipl *d)
{
    size_t ccw = 0;
    size_t arg = 8 * (d->ntracks + 3 * d->nrecs);   /* argument slots follow the CCWs */
    for (size_t i = 0; i < d->nrecs; i++) {
        struct dasdipl_loc loc;
        dasdipl_locate(d, i, &loc);
        if (i % DASDIPL_RECS_PER_TRACK == 0) {
            uint8_t *a = d->ipl2 + arg;         /* BB = 0, CC, HH */
            be16_put(a + 2, loc.cyl);
            be16_put(a + 4, loc.head);
            emit(d, &ccw, SEEK, DASDIPL_IPL2_ADDR + (uint32_t)arg, CCW_CC, SEEK_LEN);
            arg += 8;
        }
        uint8_t *a = d->ipl2 + arg;             /* CC, HH, R */
        be16_put(a, loc.cyl);
        be16_put(a + 2, loc.head);
        a[4] = loc.rec;
        uint32_t search = DASDIPL_IPL2_ADDR + (uint32_t)ccw;
        emit(d, &ccw, SEARCH_ID, DASDIPL_IPL2_ADDR + (uint32_t)arg, CCW_CC, SEARCH_LEN);
        emit(d, &ccw, TIC, search, 0, 0);
        int last = i + 1 == d->nrecs;
        emit(d, &ccw, READ_DATA, d->load + (uint32_t)loc.off, last ? 0 : CCW_CC, loc.len);
        arg += 8;
    }
}

int dasdipl_build(struct dasdipl *d, size_t len, uint32_t load, uint32_t entry,
                  uint32_t cyls, uint32_t heads)
{
    memset(d, 0, sizeof *d);
    d->len = len;
    d->load = load;
    d->entry = entry;
    d->heads = heads;
    if (heads < 2 || heads > 0xFFFF || cyls < 1 || cyls > 0x10000)
        return fail(d, DASDIPL_EGEOMETRY, "unusable geometry: %u cylinders of %u tracks",
                    cyls, heads);
    d->nrecs = (len + DASDIPL_REC_LEN - 1) / DASDIPL_REC_LEN;
    d->ntracks = (d->nrecs + DASDIPL_RECS_PER_TRACK - 1) / DASDIPL_RECS_PER_TRACK;
    d->ipl2_len = DASDIPL_IPL2_PER_TRACK * d->ntracks + DASDIPL_IPL2_PER_RECORD * d->nrecs;
    int rc = check_limits(d, cyls);
    if (rc != DASDIPL_OK)
        return rc;
    d->ipl2 = calloc(1, d->ipl2_len);
    if (!d->ipl2)
        return fail(d, DASDIPL_ENOMEM, "out of memory");
    build_ipl2(d);

    ipl_psw_put(d->ipl1, entry);
    ccw0_put(d->ipl1 + 8, READ_DATA, DASDIPL_IPL2_ADDR, CCW_CC, (uint16_t)d->ipl2_len);
    ccw0_put(d->ipl1 + 16, TIC, DASDIPL_IPL2_ADDR, 0, 0);
    return DASDIPL_OK;
}

void dasdipl_free(struct dasdipl *d)
{
    free(d->ipl2);
    d->ipl2 = NULL;
}

/* ---- writing the volume ------------------------------------------------- */

static int ckd_failed(struct dasdipl *d, const struct ckd_image *img, const char *what)
{
    return fail(d, DASDIPL_ECKD, "%s: %s", what, img->err);
}

/* The label dasdinit wrote (cyl 0 head 0 R3, key and data "VOL1..."). */
static int read_vol1(struct dasdipl *d, struct ckd_image *img, uint8_t *vol1)
{
    uint8_t key[CKD_KEY_MAX], keylen = 0, want[KEY_LEN];
    ebcdic_from_ascii(want, "VOL1", KEY_LEN);
    int n = ckd_read_record(img, 0, 0, 3, vol1, DASDIPL_VOL1_LEN, key, &keylen);
    if (n < 0 && n != CKD_ENOTFOUND && n != CKD_ESHORT)
        return ckd_failed(d, img, "reading the VOL1 label");
    if (n != DASDIPL_VOL1_LEN || keylen != KEY_LEN || memcmp(key, want, KEY_LEN) != 0 ||
        memcmp(vol1, want, KEY_LEN) != 0)
        return fail(d, DASDIPL_ENOVOL1, "no 80-byte VOL1 label at cyl 0 head 0 record 3 "
                    "(made with dasdinit -r?)");
    return DASDIPL_OK;
}

static int write_track0(struct dasdipl *d, struct ckd_image *img, const uint8_t *vol1)
{
    uint8_t k1[KEY_LEN], k2[KEY_LEN], k3[KEY_LEN];
    ebcdic_from_ascii(k1, "IPL1", KEY_LEN);
    ebcdic_from_ascii(k2, "IPL2", KEY_LEN);
    ebcdic_from_ascii(k3, "VOL1", KEY_LEN);
    const struct ckd_rec recs[] = {
        { 0, 0, 0, 0, 8, NULL, NULL },
        { 0, 0, 1, KEY_LEN, DASDIPL_IPL1_LEN, k1, d->ipl1 },
        { 0, 0, 2, KEY_LEN, (uint16_t)d->ipl2_len, k2, d->ipl2 },
        { 0, 0, 3, KEY_LEN, DASDIPL_VOL1_LEN, k3, vol1 },
    };
    if (ckd_write_track(img, 0, 0, recs, 4) != CKD_OK)
        return ckd_failed(d, img, "writing cyl 0 head 0");
    return DASDIPL_OK;
}

static int write_nucleus(struct dasdipl *d, struct ckd_image *img, const uint8_t *image)
{
    for (size_t first = 0; first < d->nrecs; first += DASDIPL_RECS_PER_TRACK) {
        struct ckd_rec recs[1 + DASDIPL_RECS_PER_TRACK];
        struct dasdipl_loc loc;
        size_t n = 1;
        dasdipl_locate(d, first, &loc);
        recs[0] = (struct ckd_rec){ loc.cyl, loc.head, 0, 0, 8, NULL, NULL };
        for (size_t i = first; i < d->nrecs && n <= DASDIPL_RECS_PER_TRACK; i++, n++) {
            dasdipl_locate(d, i, &loc);
            recs[n] = (struct ckd_rec){ loc.cyl, loc.head, loc.rec, 0, loc.len, NULL,
                                        image + loc.off };
        }
        if (ckd_write_track(img, loc.cyl, loc.head, recs, n) != CKD_OK)
            return ckd_failed(d, img, "writing the nucleus");
    }
    return DASDIPL_OK;
}

int dasdipl_write(struct dasdipl *d, struct ckd_image *img, const uint8_t *image, size_t len,
                  uint32_t load, uint32_t entry)
{
    uint8_t vol1[DASDIPL_VOL1_LEN];
    int rc = dasdipl_build(d, len, load, entry, img->cyls, img->heads);
    if (rc == DASDIPL_OK)
        rc = read_vol1(d, img, vol1);
    /* Track 0 last: a fresh volume that fails part-way has no IPL records
     * pointing at a partial nucleus. */
    if (rc == DASDIPL_OK)
        rc = write_nucleus(d, img, image);
    if (rc == DASDIPL_OK)
        rc = write_track0(d, img, vol1);
    return rc;
}
