/* Accessed minidisks: DIAG X'250' block I/O (docs/dasd.md; z/VM CP
 * Programming Services, "DIAGNOSE Code X'250'") under the file system. */
#include "cms-guest/cms.h"
#include "diagnose/zcpdiag.h"
#include "lib/mem.h"

#define NDISKS 10
static struct disk disks[NDISKS];

static uint8_t biopl[64] __attribute__((aligned(8)));
static uint8_t bioe[16] __attribute__((aligned(8)));
static uint8_t bounce[CMSFS_BS] __attribute__((aligned(4096)));

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = (uint8_t)v; }
static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static int d250_init(uint16_t vdev, int32_t offset, uint32_t *last, int *ro)
{
    uint32_t rc;
    memset(biopl, 0, 64);
    biopl[0] = vdev >> 8;
    biopl[1] = (uint8_t)vdev;
    put32(biopl + 24, CMSFS_BS);
    put32(biopl + 28, (uint32_t)offset);
    int cc = zcp_diag250(0, biopl, &rc);
    if (cc != 0)
        return -(int)rc;
    *last = get32(biopl + 36);
    *ro = rc == 4;
    return 0;
}

static void d250_remove(uint16_t vdev)
{
    uint32_t rc;
    memset(biopl, 0, 64);
    biopl[0] = vdev >> 8;
    biopl[1] = (uint8_t)vdev;
    zcp_diag250(2, biopl, &rc);
}

/* One block; the BIOE status (0 done). */
static int d250_io(uint16_t vdev, int write, uint32_t blk, void *buf)
{
    uint32_t rc;
    memset(biopl, 0, 64);
    biopl[0] = vdev >> 8;
    biopl[1] = (uint8_t)vdev;
    put32(biopl + 28, 1);
    put32(biopl + 36, (uint32_t)(uintptr_t)bioe);
    memset(bioe, 0, 16);
    bioe[0] = write ? 1 : 2;
    put32(bioe + 4, blk);
    put32(bioe + 12, (uint32_t)(uintptr_t)buf);
    int cc = zcp_diag250(1, biopl, &rc);
    if (cc == 0)
        return 0;
    return bioe[1] ? bioe[1] : 99;
}

static int dev_read(void *ctx, uint32_t blk, void *buf)
{
    struct disk *d = ctx;
    return d250_io(d->vdev, 0, blk, buf) ? -1 : 0;
}
static int dev_write(void *ctx, uint32_t blk, const void *buf)
{
    struct disk *d = ctx;
    return d250_io(d->vdev, 1, blk, (void *)buf) ? -1 : 0;
}

static struct disk rawdisk;

/* A DIAG X'250' environment for vdev: blocks from 1 (offset 0), or, when
 * block 3 is not a 4096-byte block (an IPL disk: cylinder 0 holds the
 * IPL records and the nucleus), from cylinder 1 (offset 180). */
int disk_open_raw(uint16_t vdev, struct cmsfs_dev *dev, uint32_t *offset, int *ro)
{
    uint32_t last;
    int rc = d250_init(vdev, 0, &last, ro);
    if (rc == -28) {            /* an environment exists (an earlier ACCESS) */
        d250_remove(vdev);
        rc = d250_init(vdev, 0, &last, ro);
    }
    if (rc)
        return rc;
    *offset = 0;
    if (d250_io(vdev, 0, CMSFS_LABEL_BLK, bounce) == 4) {
        d250_remove(vdev);
        rc = d250_init(vdev, 180, &last, ro);
        if (rc)
            return rc;
        *offset = 180;
    }
    dev->nblocks = last;
    dev->readonly = *ro;
    dev->read = dev_read;
    dev->write = dev_write;
    return 0;
}

void disk_close_raw(uint16_t vdev)
{
    d250_remove(vdev);
}

struct disk *disk_by_mode(char mode)
{
    for (int i = 0; i < NDISKS; i++)
        if (disks[i].mode == mode)
            return &disks[i];
    return NULL;
}

struct disk *disk_first(int k)
{
    for (char m = 'A'; m <= 'Z'; m++) {
        struct disk *d = disk_by_mode(m);
        if (d && k-- == 0)
            return d;
    }
    return NULL;
}

void disk_release(struct disk *d)
{
    disk_close_raw(d->vdev);
    d->mode = 0;
}

/* ACCESS vdev mode: z/VM CMS messages DMSACC113S (not attached),
 * DMSACC112S (device error), DMSACC724I (replaces), DMSACC723I (R/O). */
int disk_access(uint16_t vdev, char mode, int quiet)
{
    struct disk *old = disk_by_mode(mode), *same = NULL;
    for (int i = 0; i < NDISKS; i++)
        if (disks[i].mode && disks[i].vdev == vdev)
            same = &disks[i];
    struct disk *d = &rawdisk;
    memset(&d->dev, 0, sizeof d->dev);
    d->dev.ctx = d;
    if (same)
        disk_release(same);
    d->vdev = vdev;
    int ro;
    uint32_t off;
    int rc = disk_open_raw(vdev, &d->dev, &off, &ro);
    if (rc == -16 || rc == -20) {
        if (!quiet || vdev != 0x191)
            out("DMSACC113S %c(%03X) not attached", mode, vdev);
        return 100;
    }
    if (rc) {
        out("DMSACC112S %c(%03X) device error", mode, vdev);
        return 100;
    }
    struct disk *slot = old;
    for (int i = 0; i < NDISKS && !slot; i++)
        if (!disks[i].mode)
            slot = &disks[i];
    if (!slot) {
        disk_close_raw(vdev);
        out("DMSACC017E Too many disks accessed");
        return 100;
    }
    static struct cmsfs tmp;
    rc = cmsfs_mount(&tmp, &d->dev);
    if (rc) {
        disk_close_raw(vdev);
        if (rc == CMSFS_ENOTCMS)
            out("DMSACC112S %c(%03X) device error: not formatted by FORMAT", mode, vdev);
        else
            out("DMSACC112S %c(%03X) device error", mode, vdev);
        return 100;
    }
    if (old && old->mode && old->vdev != vdev) {
        if (!quiet)
            out("DMSACC724I %03X replaces %c (%03X)", vdev, mode, old->vdev);
        disk_close_raw(old->vdev);
    }
    slot->fs = tmp;
    slot->mode = mode;
    slot->vdev = vdev;
    slot->readonly = ro;
    slot->offset = off;
    slot->cyls = (d->dev.nblocks + off) / 180;
    slot->dev = d->dev;
    slot->dev.ctx = slot;
    slot->fs.dev = &slot->dev;
    if (ro && !quiet)
        out("DMSACC723I %c (%03X) R/O", mode, vdev);
    return 0;
}
