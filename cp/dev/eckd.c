/* 3390 driver.  Command codes and data formats: IBM 3990/9390 Storage
 * Control Reference (GA32-0274): Seek X'07' (BBCCHH), Search ID Equal
 * X'31' (CCHHR), TIC X'08', Read Data X'06', Write Data X'05', Write
 * Count-Key-Data X'1D', Read Device Characteristics X'64' (cylinders at
 * bytes 12-13, tracks per cylinder at 14-15), Sense X'04'. */
#include "cp/dev/eckd.h"
#include "cp/mm/frames.h"
#include "cp/sys/abend.h"
#include "cp/sys/control.h"
#include "lib/fmt.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define SEEK       0x07
#define SEARCH_ID  0x31
#define TIC        0x08
#define READ_DATA  0x06
#define WRITE_DATA 0x05
#define WRITE_CKD  0x1D
#define RDC        0x64
#define IO_TIMEOUT_MS 10000

uint8_t eckd_last_sense[32];

/* Channel programs and their small operands live here (below 2 GiB). */
static struct {
    struct ccw1 ccw[64];
    uint8_t seek[8];
    uint8_t search[8];
    uint8_t counts[60][8];
    uint8_t rdc[64];
    uint8_t seeks[15][8];
    uint8_t dx[16], lr[16];
} io __attribute__((aligned(8)));

static int run(struct rdev *dev, struct irb *irb)
{
    int rc = rdev_run(dev, io.ccw, irb, IO_TIMEOUT_MS);
    if (rc == -1 && (irb->dstat & DEV_UC))
        rdev_sense(dev, eckd_last_sense, sizeof eckd_last_sense);
    return rc;
}

/* Seek + Search ID Equal + TIC: orient to (cyl, head, rec); returns the next CCW slot. */
static int orient(uint32_t cyl, uint32_t head, uint8_t rec)
{
    memset(io.seek, 0, sizeof io.seek);
    be16_put(io.seek + 2, (uint16_t)cyl);
    be16_put(io.seek + 4, (uint16_t)head);
    be16_put(io.search, (uint16_t)cyl);
    be16_put(io.search + 2, (uint16_t)head);
    io.search[4] = rec;
    io.ccw[0] = (struct ccw1){ SEEK, CCW_FLAG_CC, 6, ccw_addr(io.seek) };
    io.ccw[1] = (struct ccw1){ SEARCH_ID, CCW_FLAG_CC, 5, ccw_addr(io.search) };
    io.ccw[2] = (struct ccw1){ TIC, 0, 0, ccw_addr(&io.ccw[1]) };
    return 3;
}

static int in_range(struct rdev *dev, uint32_t cyl, uint32_t head)
{
    return cyl < dev->cylinders && head < dev->heads;
}

int eckd_read(struct rdev *dev, uint32_t cyl, uint32_t head, uint8_t rec, void *buf, uint16_t len)
{
    struct irb irb;
    if (!in_range(dev, cyl, head))
        return -4;
    int i = orient(cyl, head, rec);
    io.ccw[i] = (struct ccw1){ READ_DATA, CCW_FLAG_SLI, len, ccw_addr(buf) };
    int rc = run(dev, &irb);
    return rc ? rc : len - irb.count;
}

int eckd_write(struct rdev *dev, uint32_t cyl, uint32_t head, uint8_t rec, const void *buf, uint16_t len)
{
    struct irb irb;
    if (!in_range(dev, cyl, head))
        return -4;
    int i = orient(cyl, head, rec);
    io.ccw[i] = (struct ccw1){ WRITE_DATA, 0, len, ccw_addr(buf) };
    return run(dev, &irb);
}

int eckd_format_track(struct rdev *dev, uint32_t cyl, uint32_t head, int n, uint16_t reclen,
                      const void *data)
{
    struct irb irb;
    if (!in_range(dev, cyl, head) || n < 1 || n > 60)
        return -4;
    int i = orient(cyl, head, 0);       /* after record 0: Write CKD writes R1.. */
    for (int r = 0; r < n; r++) {
        uint8_t *c = io.counts[r];
        be16_put(c, (uint16_t)cyl);
        be16_put(c + 2, (uint16_t)head);
        c[4] = (uint8_t)(r + 1);
        c[5] = 0;
        be16_put(c + 6, reclen);
        /* Count field, then the data, data-chained into one Write CKD. */
        io.ccw[i++] = (struct ccw1){ WRITE_CKD, CCW_FLAG_CD, 8, ccw_addr(c) };
        io.ccw[i++] = (struct ccw1){ WRITE_CKD, (uint8_t)(r + 1 < n ? CCW_FLAG_CC : 0), reclen,
                                     ccw_addr((const uint8_t *)data + (size_t)r * reclen) };
    }
    return run(dev, &irb);
}

int eckd_attach(struct rdev *dev)
{
    struct irb irb;
    static uint8_t vol1[80] __attribute__((aligned(8)));
    io.ccw[0] = (struct ccw1){ RDC, CCW_FLAG_SLI, sizeof io.rdc, ccw_addr(io.rdc) };
    if (run(dev, &irb) != 0)
        return -1;
    memcpy(dev->rdc, io.rdc, sizeof dev->rdc);
    dev->cylinders = be16_get(io.rdc + 12);
    dev->heads = be16_get(io.rdc + 14);
    dev->volser[0] = 0;
    if (eckd_read(dev, 0, 0, 3, vol1, sizeof vol1) == (int)sizeof vol1) {
        char label[11];
        ebcdic_to_ascii_buf(label, vol1, 10);
        label[10] = 0;
        if (memcmp(label, "VOL1", 4) == 0) {
            memcpy(dev->volser, label + 4, 6);
            dev->volser[6] = 0;
            for (int k = 5; k >= 0 && dev->volser[k] == ' '; k--)
                dev->volser[k] = 0;
        }
    }
    return 0;
}

/* ---- whole tracks, for virtual minidisks (cp/vm/vdasd.c) ---------------- */

#define READ_R0    0x16
#define READ_MCKD  0x5E
#define ERASE      0x11
#define R0_DATA    8

/* A volume that fails is reported once per error on the operator console;
 * the caller gets a negative code and CP goes on. */
static void report(struct rdev *dev, const char *what, uint32_t cyl, uint32_t head, int rc)
{
    char line[160];
    if (rc == -1)
        fmt(line, sizeof line, "HCPECK9301E DASD %04X %s error at cyl %u head %u: sense "
            "%02X%02X%02X%02X %02X%02X%02X%02X", dev->devno, what, cyl, head,
            eckd_last_sense[0], eckd_last_sense[1], eckd_last_sense[2], eckd_last_sense[3],
            eckd_last_sense[4], eckd_last_sense[5], eckd_last_sense[6], eckd_last_sense[7]);
    else
        fmt(line, sizeof line, "HCPECK9302E DASD %04X %s at cyl %u head %u: %s", dev->devno,
            what, cyl, head, rc == -2 ? "no response (timed out)" : "not operational");
    console_message(line);
}

static int checked(struct rdev *dev, const char *what, uint32_t cyl, uint32_t head)
{
    struct irb irb;
    memset(eckd_last_sense, 0, sizeof eckd_last_sense);
    int rc = run(dev, &irb);
    if (rc)
        report(dev, what, cyl, head, rc);
    return rc;
}

static void seek_to(uint32_t cyl, uint32_t head)
{
    memset(io.seek, 0, sizeof io.seek);
    be16_put(io.seek + 2, (uint16_t)cyl);
    be16_put(io.seek + 4, (uint16_t)head);
    io.ccw[0] = (struct ccw1){ SEEK, CCW_FLAG_CC, 6, ccw_addr(io.seek) };
}

/* Where a track image read into a buffer prefilled with X'FF' ends: Read
 * Multiple CKD stops before the end-of-track marker, so the first count
 * field of all ones (no real one is) marks it. */
static uint32_t image_len(const uint8_t *buf, uint32_t size)
{
    static const uint8_t ones[8] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    uint32_t off = 16;
    while (off + 8 <= size && memcmp(buf + off, ones, 8) != 0)
        off += 8 + buf[off + 5] + be16_get(buf + off + 6);
    return off <= size ? off : size;
}

int eckd_read_tracks(struct rdev *dev, uint32_t cyl, uint32_t head, int n, uint8_t *const bufs[],
                     uint32_t size, uint32_t lens[])
{
    if (n < 1 || n > 15 || !in_range(dev, cyl, head + (uint32_t)n - 1) || size < 16 + 8 ||
        size > 0xFFFF + 16)
        return -4;
    struct irb irb;
    /* Per track: Seek, R0 (count and its 8 data bytes), then every record
     * after it up to the end of the track (Read Multiple CKD stops there);
     * all of them one channel program, so one I/O brings a cylinder. */
    int i = 0;
    for (int k = 0; k < n; k++) {
        uint8_t *sk = io.seeks[k];
        memset(sk, 0, 8);
        be16_put(sk + 2, (uint16_t)cyl);
        be16_put(sk + 4, (uint16_t)(head + (uint32_t)k));
        memset(bufs[k], 0xFF, size);
        io.ccw[i++] = (struct ccw1){ SEEK, CCW_FLAG_CC, 6, ccw_addr(sk) };
        io.ccw[i++] = (struct ccw1){ READ_R0, CCW_FLAG_CC | CCW_FLAG_SLI, 8 + R0_DATA,
                                     ccw_addr(bufs[k]) };
        io.ccw[i++] = (struct ccw1){ READ_MCKD, CCW_FLAG_CC | CCW_FLAG_SLI, (uint16_t)(size - 16),
                                     ccw_addr(bufs[k] + 16) };
    }
    io.ccw[i - 1].flags = CCW_FLAG_SLI;
    memset(eckd_last_sense, 0, sizeof eckd_last_sense);
    int rc = run(dev, &irb);
    if (rc) {
        report(dev, "read track", cyl, head, rc);
        return rc;
    }
    for (int k = 0; k < n; k++) {
        uint8_t *buf = bufs[k];
        /* R0 is kept as a standard 8-byte record. */
        if (be16_get(buf + 6) > R0_DATA || buf[5])
            buf[5] = 0, be16_put(buf + 6, R0_DATA);
        lens[k] = image_len(buf, size);
    }
    return 0;
}

int eckd_read_track(struct rdev *dev, uint32_t cyl, uint32_t head, uint8_t *buf, uint32_t size,
                    uint32_t *len)
{
    uint8_t *const bufs[1] = { buf };
    return eckd_read_tracks(dev, cyl, head, 1, bufs, size, len);
}

/* Seek, Search ID Equal id (the 5-byte CCHHR as stored), TIC back. */
static int orient_id(uint32_t cyl, uint32_t head, const uint8_t id[5])
{
    seek_to(cyl, head);
    memcpy(io.search, id, 5);
    io.ccw[1] = (struct ccw1){ SEARCH_ID, CCW_FLAG_CC, 5, ccw_addr(io.search) };
    io.ccw[2] = (struct ccw1){ TIC, 0, 0, ccw_addr(&io.ccw[1]) };
    return 3;
}

int eckd_write_track(struct rdev *dev, uint32_t cyl, uint32_t head, const uint8_t *recs, uint32_t len)
{
    if (!in_range(dev, cyl, head) || len < 16)
        return -4;
    int i = orient_id(cyl, head, recs);          /* after R0: rewrite R1 .. */
    uint32_t off = 16;
    while (off + 8 <= len && i < 62) {
        uint32_t n = 8 + recs[off + 5] + be16_get(recs + off + 6);
        if (off + n > len)
            return -4;
        io.ccw[i++] = (struct ccw1){ WRITE_CKD, CCW_FLAG_CC, (uint16_t)n, ccw_addr(recs + off) };
        off += n;
    }
    if (off != len)
        return -4;
    if (i == 3) {       /* no records after R0: erase the rest of the track */
        static uint8_t dummy[8] __attribute__((aligned(8)));
        io.ccw[i++] = (struct ccw1){ ERASE, 0, 8, ccw_addr(dummy) };
    } else {
        io.ccw[i - 1].flags = 0;
    }
    return checked(dev, "write track", cyl, head);
}

#define DEFINE_EXTENT 0x63
#define LOCATE_RECORD 0x47
#define WRITE_R0      0x15

int eckd_write_track_r0(struct rdev *dev, uint32_t cyl, uint32_t head, const uint8_t *img,
                        uint32_t len)
{
    if (!in_range(dev, cyl, head) || len < 16 || be16_get(img + 6) != R0_DATA || img[5])
        return -4;
    /* Define Extent: file mask X'C0' (every write, Write R0 included),
     * global attributes X'C0' (ECKD mode), the one track as the extent. */
    uint8_t *dx = io.dx, *lr = io.lr;
    memset(dx, 0, 16);
    dx[0] = 0xC0;
    dx[1] = 0xC0;
    be16_put(dx + 8, (uint16_t)cyl);
    be16_put(dx + 10, (uint16_t)head);
    be16_put(dx + 12, (uint16_t)cyl);
    be16_put(dx + 14, (uint16_t)head);
    io.ccw[0] = (struct ccw1){ DEFINE_EXTENT, CCW_FLAG_CC, 16, ccw_addr(dx) };
    int i = 2;
    io.ccw[i++] = (struct ccw1){ WRITE_R0, CCW_FLAG_CC, 16, ccw_addr(img) };
    uint32_t off = 16;
    while (off + 8 <= len && i < 63) {
        uint32_t n = 8 + img[off + 5] + be16_get(img + off + 6);
        if (off + n > len)
            return -4;
        io.ccw[i++] = (struct ccw1){ WRITE_CKD, CCW_FLAG_CC, (uint16_t)n, ccw_addr(img + off) };
        off += n;
    }
    if (off != len)
        return -4;
    io.ccw[i - 1].flags = 0;
    /* Locate Record: home address orientation, format write (X'43'), a
     * domain of R0 and every record after it. */
    memset(lr, 0, 16);
    lr[0] = 0x43;
    lr[3] = (uint8_t)(i - 2);
    be16_put(lr + 4, (uint16_t)cyl);
    be16_put(lr + 6, (uint16_t)head);
    be16_put(lr + 8, (uint16_t)cyl);
    be16_put(lr + 10, (uint16_t)head);
    io.ccw[1] = (struct ccw1){ LOCATE_RECORD, CCW_FLAG_CC, 16, ccw_addr(lr) };
    return checked(dev, "write track", cyl, head);
}

int eckd_update_record(struct rdev *dev, uint32_t cyl, uint32_t head, const uint8_t id[5],
                       uint8_t cmd, const uint8_t *buf, uint32_t len)
{
    if (!in_range(dev, cyl, head) || (cmd != WRITE_DATA && cmd != 0x0D) || len > 0xFFFF)
        return -4;
    int i = orient_id(cyl, head, id);
    io.ccw[i] = (struct ccw1){ cmd, 0, (uint16_t)len, ccw_addr(buf) };
    return checked(dev, "write", cyl, head);
}
