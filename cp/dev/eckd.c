/* 3390 driver.  Command codes and data formats: IBM 3990/9390 Storage
 * Control Reference (GA32-0274): Seek X'07' (BBCCHH), Search ID Equal
 * X'31' (CCHHR), TIC X'08', Read Data X'06', Write Data X'05', Write
 * Count-Key-Data X'1D', Read Device Characteristics X'64' (cylinders at
 * bytes 12-13, tracks per cylinder at 14-15), Sense X'04'. */
#include "cp/dev/eckd.h"
#include "cp/mm/frames.h"
#include "cp/sys/abend.h"
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
