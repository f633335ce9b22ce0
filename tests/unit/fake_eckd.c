/* Host stand-in for the whole-track calls of cp/dev/eckd.c: one in-memory
 * 3390 volume (fake_volume), tracks as eckd.h's track images.  Knobs:
 * fake_eckd_fail makes the next calls fail (a volume in error), and the
 * counters show what reached the "real" device. */
#include <stdlib.h>
#include <string.h>
#include "cp/dev/eckd.h"
#include "lib/be.h"
#include "tests/unit/fake_eckd.h"

struct fake_volume fake_volume;
int fake_eckd_fail;
int fake_eckd_reads, fake_eckd_writes, fake_eckd_ios;

void fake_volume_make(struct rdev *r, uint32_t cyls, uint32_t blksize, uint32_t per_track)
{
    free(fake_volume.tracks);
    fake_volume.cyls = cyls;
    fake_volume.tracks = calloc((size_t)cyls * 15, sizeof *fake_volume.tracks);
    fake_volume.rdev = r;
    memset(r, 0, sizeof *r);
    r->devno = 0x0A81;
    r->devtype = 0x3390;
    r->cutype = 0x3990;
    r->cls = RDEV_DASD;
    r->cylinders = cyls;
    r->heads = 15;
    be16_put(r->rdc + 12, (uint16_t)cyls);
    be16_put(r->rdc + 14, 15);
    for (uint32_t c = 0; c < cyls; c++)
        for (uint32_t h = 0; h < 15; h++) {
            struct fake_track *t = &fake_volume.tracks[c * 15 + h];
            uint8_t *p = t->data;
            /* R0, then per_track records of blksize, counts in the slice's
             * own numbering is the caller's business: real CCHH here. */
            uint8_t r0[8] = { (uint8_t)(c >> 8), (uint8_t)c, (uint8_t)(h >> 8), (uint8_t)h, 0, 0, 0, 8 };
            memcpy(p, r0, 8);
            p += 16;
            for (uint32_t k = 1; k <= per_track; k++) {
                uint8_t cnt[8] = { (uint8_t)(c >> 8), (uint8_t)c, (uint8_t)(h >> 8), (uint8_t)h,
                                   (uint8_t)k, 0, (uint8_t)(blksize >> 8), (uint8_t)blksize };
                memcpy(p, cnt, 8);
                p += 8 + blksize;
            }
            t->len = (uint32_t)(p - t->data);
        }
}

static struct fake_track *track(struct rdev *dev, uint32_t cyl, uint32_t head)
{
    if (dev != fake_volume.rdev || cyl >= fake_volume.cyls || head >= 15 || fake_eckd_fail)
        return 0;
    return &fake_volume.tracks[cyl * 15 + head];
}

int eckd_read_track(struct rdev *dev, uint32_t cyl, uint32_t head, uint8_t *buf, uint32_t size,
                    uint32_t *len)
{
    struct fake_track *t = track(dev, cyl, head);
    if (!t)
        return -1;
    fake_eckd_reads++;
    memcpy(buf, t->data, t->len);
    *len = t->len;
    return 0;
}

int eckd_read_tracks(struct rdev *dev, uint32_t cyl, uint32_t head, int n, uint8_t *const bufs[],
                     uint32_t size, uint32_t lens[])
{
    for (int k = 0; k < n; k++)
        if (eckd_read_track(dev, cyl, head + (uint32_t)k, bufs[k], size, &lens[k]) != 0)
            return -1;
    fake_eckd_ios++;
    return 0;
}

int eckd_write_track(struct rdev *dev, uint32_t cyl, uint32_t head, const uint8_t *recs, uint32_t len)
{
    struct fake_track *t = track(dev, cyl, head);
    if (!t || len < 16 || len > sizeof t->data)
        return -1;
    fake_eckd_writes++;
    memcpy(t->data + 16, recs + 16, len - 16);      /* R0 stays */
    t->len = len;
    return 0;
}

int eckd_write_track_r0(struct rdev *dev, uint32_t cyl, uint32_t head, const uint8_t *img,
                        uint32_t len)
{
    struct fake_track *t = track(dev, cyl, head);
    if (!t || len < 16 || len > sizeof t->data)
        return -1;
    fake_eckd_writes++;
    memcpy(t->data, img, len);
    t->len = len;
    return 0;
}

int eckd_update_record(struct rdev *dev, uint32_t cyl, uint32_t head, const uint8_t id[5],
                       uint8_t cmd, const uint8_t *buf, uint32_t len)
{
    struct fake_track *t = track(dev, cyl, head);
    if (!t)
        return -1;
    for (uint32_t off = 0; off + 8 <= t->len; ) {
        uint8_t *c = t->data + off;
        uint32_t kl = c[5], dl = be16_get(c + 6);
        if (memcmp(c, id, 5) == 0) {
            uint32_t n = (cmd == 0x0D ? kl : 0) + dl;
            if (n != len)
                return -1;
            memcpy(c + 8 + (cmd == 0x0D ? 0 : kl), buf, len);
            fake_eckd_writes++;
            return 0;
        }
        off += 8 + kl + dl;
    }
    return -1;
}
