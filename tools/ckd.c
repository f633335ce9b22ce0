/* Hercules uncompressed CKD image files; format in tools/ckd.h.  Facts
 * from Hercules hstructs.h (header and track layout) and dasdutil.c (what
 * dasdinit writes: devid "CKD_P370", fileseq 0 and highcyl 0 for a
 * single-file volume, R0 with 8 zero data bytes). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/be.h"
#include "tools/ckd.h"

#define DEVID_PLAIN      "CKD_P370"
#define DEVID_COMPRESSED "CKD_C370"
#define DEVID_SHADOW     "CKD_S370"
#define R0_DATA_LEN      8
#define MAX_CYLS         65536u        /* cylinder numbers are 16 bits */
#define MAX_TRKSIZE      (1u << 20)
/* The smallest useful track: header, R0 with its 8 data bytes, EOT. */
#define MIN_TRKSIZE      (CKD_TRKHDR_LEN + CKD_COUNT_LEN + R0_DATA_LEN + CKD_EOT_LEN)

static int fail(struct ckd_image *img, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(struct ckd_image *img, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(img->err, sizeof img->err, fmt, ap);
    va_end(ap);
    return rc;
}

/* The header's heads, trksize and highcyl are little-endian (hstructs.h:
 * "bytes in reverse order"). */
static uint32_t le32_get(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static void le32_put(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static uint16_t le16_get(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static off_t track_offset(const struct ckd_image *img, uint32_t cyl, uint32_t head)
{
    return (off_t)CKD_DEVHDR_LEN + ((off_t)cyl * img->heads + head) * (off_t)img->trksize;
}

static int check_track(struct ckd_image *img, uint32_t cyl, uint32_t head)
{
    if (img->fd < 0)
        return fail(img, CKD_EARG, "image is not open");
    if (cyl >= img->cyls || head >= img->heads)
        return fail(img, CKD_ERANGE, "track cyl %u head %u is outside the volume (%u cyls, %u heads)",
                    cyl, head, img->cyls, img->heads);
    return CKD_OK;
}

static int geometry_ok(uint32_t heads, uint32_t trksize)
{
    return heads >= 1 && heads <= 0xFFFF && trksize >= MIN_TRKSIZE && trksize <= MAX_TRKSIZE;
}

static int read_header(struct ckd_image *img)
{
    uint8_t h[CKD_DEVHDR_LEN];
    ssize_t got = pread(img->fd, h, sizeof h, 0);
    if (got < 0)
        return fail(img, CKD_EIO, "cannot read the header: %s", strerror(errno));
    if (got < (ssize_t)sizeof h)
        return fail(img, CKD_EFORMAT, "not a CKD image: only %zd bytes", got);
    if (memcmp(h, DEVID_COMPRESSED, 8) == 0 || memcmp(h, DEVID_SHADOW, 8) == 0)
        return fail(img, CKD_EFORMAT, "compressed CKD image (CCKD); convert it with cckd2ckd");
    if (memcmp(h, DEVID_PLAIN, 8) != 0)
        return fail(img, CKD_EFORMAT, "not a CKD image: no \"" DEVID_PLAIN "\" device header");
    img->heads = le32_get(h + 8);
    img->trksize = le32_get(h + 12);
    img->devtype = h[16];
    if (!geometry_ok(img->heads, img->trksize))
        return fail(img, CKD_EFORMAT, "CKD header has implausible geometry: %u heads, track size %u",
                    img->heads, img->trksize);
    /* fileseq and highcyl are 0 only for a volume held in one file. */
    if (h[17] != 0 || le16_get(h + 18) != 0)
        return fail(img, CKD_EFORMAT, "multi-file CKD volumes are not supported (file sequence %u)",
                    h[17]);
    return CKD_OK;
}

static int read_size(struct ckd_image *img)
{
    struct stat st;
    if (fstat(img->fd, &st) != 0)
        return fail(img, CKD_EIO, "cannot stat: %s", strerror(errno));
    uint64_t cyl_bytes = (uint64_t)img->heads * img->trksize;
    uint64_t body = (uint64_t)st.st_size - CKD_DEVHDR_LEN;
    if (body == 0 || body % cyl_bytes != 0 || body / cyl_bytes > MAX_CYLS)
        return fail(img, CKD_EFORMAT, "CKD image size %lld is not a whole number of %llu-byte cylinders",
                    (long long)st.st_size, (unsigned long long)cyl_bytes);
    img->cyls = (uint32_t)(body / cyl_bytes);
    return CKD_OK;
}

int ckd_open(struct ckd_image *img, const char *path, int writable)
{
    memset(img, 0, sizeof *img);
    img->fd = open(path, writable ? O_RDWR : O_RDONLY);
    if (img->fd < 0)
        return fail(img, CKD_EOPEN, "%s", strerror(errno));
    int rc = read_header(img);
    if (rc == CKD_OK)
        rc = read_size(img);
    if (rc != CKD_OK) {
        close(img->fd);
        img->fd = -1;
    }
    return rc;
}

static int write_at(struct ckd_image *img, const void *buf, size_t len, off_t off)
{
    ssize_t put = pwrite(img->fd, buf, len, off);
    if (put != (ssize_t)len)
        return fail(img, CKD_EIO, "write at offset %lld failed: %s", (long long)off,
                    put < 0 ? strerror(errno) : "short write");
    return CKD_OK;
}

int ckd_create(struct ckd_image *img, const char *path, uint8_t devtype, uint32_t cyls,
               uint32_t heads, uint32_t trksize)
{
    memset(img, 0, sizeof *img);
    img->fd = -1;
    if (!geometry_ok(heads, trksize) || cyls < 1 || cyls > MAX_CYLS)
        return fail(img, CKD_EARG, "bad geometry: %u cyls, %u heads, track size %u",
                    cyls, heads, trksize);
    img->fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (img->fd < 0)
        return fail(img, CKD_EOPEN, "%s", strerror(errno));
    img->cyls = cyls;
    img->heads = heads;
    img->trksize = trksize;
    img->devtype = devtype;

    uint8_t h[CKD_DEVHDR_LEN] = { 0 };
    memcpy(h, DEVID_PLAIN, 8);
    le32_put(h + 8, heads);
    le32_put(h + 12, trksize);
    h[16] = devtype;            /* fileseq and highcyl stay 0: one file */
    int rc = write_at(img, h, sizeof h, 0);
    for (uint32_t c = 0; c < cyls && rc == CKD_OK; c++)
        for (uint32_t t = 0; t < heads && rc == CKD_OK; t++) {
            struct ckd_rec r0 = { (uint16_t)c, (uint16_t)t, 0, 0, R0_DATA_LEN, NULL, NULL };
            rc = ckd_write_track(img, c, t, &r0, 1);
        }
    if (rc != CKD_OK) {
        close(img->fd);
        img->fd = -1;
    }
    return rc;
}

size_t ckd_track_bytes(const struct ckd_rec *recs, size_t n)
{
    size_t len = CKD_TRKHDR_LEN + CKD_EOT_LEN;
    for (size_t i = 0; i < n; i++)
        len += CKD_COUNT_LEN + recs[i].keylen + recs[i].datalen;
    return len;
}

static void put_count(uint8_t *p, const struct ckd_rec *r)
{
    be16_put(p, r->cyl);
    be16_put(p + 2, r->head);
    p[4] = r->rec;
    p[5] = r->keylen;
    be16_put(p + 6, r->datalen);
}

static int is_eot(const uint8_t *p)
{
    static const uint8_t ff[CKD_EOT_LEN] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    return memcmp(p, ff, CKD_EOT_LEN) == 0;
}

/* Lay recs out in buf (trksize bytes, zeroed); NULL key or data means zeros. */
static void build_track(uint8_t *buf, uint32_t cyl, uint32_t head, const struct ckd_rec *recs,
                        size_t n)
{
    buf[0] = 0;                                 /* bin number */
    be16_put(buf + 1, (uint16_t)cyl);
    be16_put(buf + 3, (uint16_t)head);
    size_t pos = CKD_TRKHDR_LEN;
    for (size_t i = 0; i < n; i++) {
        put_count(buf + pos, &recs[i]);
        pos += CKD_COUNT_LEN;
        if (recs[i].key)
            memcpy(buf + pos, recs[i].key, recs[i].keylen);
        pos += recs[i].keylen;
        if (recs[i].data)
            memcpy(buf + pos, recs[i].data, recs[i].datalen);
        pos += recs[i].datalen;
    }
    memset(buf + pos, 0xFF, CKD_EOT_LEN);
}

int ckd_write_track(struct ckd_image *img, uint32_t cyl, uint32_t head,
                    const struct ckd_rec *recs, size_t n)
{
    int rc = check_track(img, cyl, head);
    if (rc != CKD_OK)
        return rc;
    if (n < 1 || recs[0].rec != 0)
        return fail(img, CKD_EARG, "a track starts with record 0");
    size_t need = ckd_track_bytes(recs, n);
    if (need > img->trksize)
        return fail(img, CKD_EFULL, "%zu records need %zu bytes on cyl %u head %u; the track holds %u",
                    n, need, cyl, head, img->trksize);
    uint8_t *buf = calloc(1, img->trksize);
    if (!buf)
        return fail(img, CKD_EIO, "out of memory");
    build_track(buf, cyl, head, recs, n);
    /* A count field of all X'FF' would read back as the end of the track. */
    size_t pos = CKD_TRKHDR_LEN;
    for (size_t i = 0; i < n && rc == CKD_OK; i++) {
        if (is_eot(buf + pos))
            rc = fail(img, CKD_EARG, "record %zu's count field equals the end-of-track marker", i);
        pos += CKD_COUNT_LEN + recs[i].keylen + recs[i].datalen;
    }
    if (rc == CKD_OK)
        rc = write_at(img, buf, img->trksize, track_offset(img, cyl, head));
    free(buf);
    return rc;
}

static int parse_track(struct ckd_image *img, uint32_t cyl, uint32_t head, const uint8_t *buf,
                       struct ckd_rec *recs, size_t max, size_t *n)
{
    if (buf[0] != 0 || be16_get(buf + 1) != cyl || be16_get(buf + 3) != head)
        return fail(img, CKD_ETRACK, "track cyl %u head %u has header bin %u cyl %u head %u",
                    cyl, head, buf[0], be16_get(buf + 1), be16_get(buf + 3));
    size_t pos = CKD_TRKHDR_LEN, count = 0;
    for (;;) {
        if (pos + CKD_COUNT_LEN > img->trksize)
            return fail(img, CKD_ETRACK, "track cyl %u head %u has no end-of-track marker", cyl, head);
        if (is_eot(buf + pos))
            break;
        if (count == max)
            return fail(img, CKD_ESHORT, "track cyl %u head %u has more than %zu records",
                        cyl, head, max);
        struct ckd_rec *r = &recs[count++];
        const uint8_t *c = buf + pos;
        r->cyl = be16_get(c);
        r->head = be16_get(c + 2);
        r->rec = c[4];
        r->keylen = c[5];
        r->datalen = be16_get(c + 6);
        r->key = c + CKD_COUNT_LEN;
        r->data = r->key + r->keylen;
        pos += CKD_COUNT_LEN + r->keylen + r->datalen;
        if (pos > img->trksize)
            return fail(img, CKD_ETRACK, "record %u on cyl %u head %u runs past the track",
                        r->rec, cyl, head);
    }
    *n = count;
    return CKD_OK;
}

int ckd_read_track(struct ckd_image *img, uint32_t cyl, uint32_t head, uint8_t *buf,
                   struct ckd_rec *recs, size_t max, size_t *n)
{
    int rc = check_track(img, cyl, head);
    if (rc != CKD_OK)
        return rc;
    off_t off = track_offset(img, cyl, head);
    ssize_t got = pread(img->fd, buf, img->trksize, off);
    if (got != (ssize_t)img->trksize)
        return fail(img, CKD_EIO, "read at offset %lld failed: %s", (long long)off,
                    got < 0 ? strerror(errno) : "short read");
    return parse_track(img, cyl, head, buf, recs, max, n);
}

int ckd_read_record(struct ckd_image *img, uint32_t cyl, uint32_t head, uint8_t rec,
                    uint8_t *data, size_t max, uint8_t *key, uint8_t *keylen)
{
    int rc = check_track(img, cyl, head);
    if (rc != CKD_OK)
        return rc;
    size_t maxrecs = img->trksize / CKD_COUNT_LEN, n;
    uint8_t *buf = malloc(img->trksize);
    struct ckd_rec *recs = calloc(maxrecs, sizeof *recs);
    if (!buf || !recs) {
        free(buf);
        free(recs);
        return fail(img, CKD_EIO, "out of memory");
    }
    rc = ckd_read_track(img, cyl, head, buf, recs, maxrecs, &n);
    const struct ckd_rec *r = NULL;
    for (size_t i = 0; rc == CKD_OK && i < n && !r; i++)
        if (recs[i].cyl == cyl && recs[i].head == head && recs[i].rec == rec)
            r = &recs[i];
    if (rc == CKD_OK && !r)
        rc = fail(img, CKD_ENOTFOUND, "no record %u on cyl %u head %u", rec, cyl, head);
    else if (rc == CKD_OK && r->datalen > max)
        rc = fail(img, CKD_ESHORT, "record %u on cyl %u head %u has %u data bytes, buffer %zu",
                  rec, cyl, head, r->datalen, max);
    if (rc == CKD_OK) {
        memcpy(data, r->data, r->datalen);
        if (key)
            memcpy(key, r->key, r->keylen);
        if (keylen)
            *keylen = r->keylen;
        rc = r->datalen;
    }
    free(buf);
    free(recs);
    return rc;
}

int ckd_close(struct ckd_image *img)
{
    if (img->fd < 0)
        return CKD_OK;
    int rc = close(img->fd);
    img->fd = -1;
    return rc == 0 ? CKD_OK : fail(img, CKD_EIO, "close failed: %s", strerror(errno));
}
