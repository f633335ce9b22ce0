/* Virtual 3390 minidisks: a slice of cylinders of a real 3390 volume that
 * the guest sees as a whole 3390 whose cylinder 0 is the slice's first.
 * Channel programs run in CP against an image of the current track, read
 * from and written through to the real volume by cp/dev/eckd.c,
 * synchronously inside the guest's SSCH.  Details: docs/dasd.md. */
#ifndef CP_VM_VDASD_H
#define CP_VM_VDASD_H
#include "cp/vm/vm.h"
#include "cp/dev/rdev.h"

#define VDASD_HEADS 15          /* a 3390 has 15 tracks a cylinder */

extern const struct vdev_ops vdasd_ops;

/* Give vm a virtual 3390 at devno: cylinders [start, start+cyls) of the
 * real volume r; readonly refuses every write.  NULL if there is no room. */
struct vdev *vdasd_define(struct vm *vm, uint16_t devno, struct rdev *r, uint32_t start,
                          uint32_t cyls, int readonly);

struct vdasd_info {
    struct rdev *rdev;
    uint32_t start, cyls;
    int readonly;
    uint32_t serial;            /* differs for every vdasd_define */
    int tdisk;
};
/* 0 and *info if d is a virtual 3390, else -1. */
int vdasd_info(const struct vdev *d, struct vdasd_info *info);

/* Make d a temporary disk: erased (every track R0 only) and its space
 * given back (cp/vm/tdisk.h) when it is released. */
void vdasd_set_tdisk(struct vdev *d);
/* Forget cached tracks of r (NULL: of every volume), e.g. when it goes. */
void vdasd_cache_drop(const struct rdev *r);

/* Record-level access for DIAG X'250' (diagnose/blockio.c): read or write
 * the data of record rec (1-255) on virtual track (cyl, head); its data
 * length must be len. */
enum { VDASD_OK = 0, VDASD_ENOTFOUND = -1, VDASD_ELEN = -2, VDASD_EIO = -3, VDASD_ERO = -4 };
int vdasd_record_io(struct vdev *d, int write, uint32_t cyl, uint32_t head, uint8_t rec,
                    uint8_t *buf, uint32_t len);
/* A read without a copy: the record's data in the track cache (valid until
 * the next access to any minidisk), or NULL with *rc the error. */
const uint8_t *vdasd_record_data(struct vdev *d, uint32_t cyl, uint32_t head, uint8_t rec,
                                 uint32_t len, int *rc);

/* The same for block `rec` of virtual track `track` (cylinder x 15 +
 * head), with a fast path for tracks formatted in fixed blocks. */
const uint8_t *vdasd_block_data(struct vdev *d, uint32_t track, uint8_t rec, uint32_t len,
                                int *rc);
/* Only its fast path: NULL (and *rc untouched) unless the track is in the
 * cache where its hint says and formatted in fixed blocks, and the record
 * is there with data length len. */
const uint8_t *vdasd_block_data_cached(struct vdev *d, uint32_t track, uint8_t rec,
                                       uint32_t len, int *rc);
/* d's definition serial (vdasd_info's), 0 if d is not a virtual 3390. */
uint32_t vdasd_serial(const struct vdev *d);

/* Cells a record takes on a 3390 track (1729 a track after R0): IBM 3390
 * capacity formula, as Linux dasd_eckd.h's recs_per_track uses it. */
uint32_t vdasd_cells(uint32_t keylen, uint32_t datalen);
#define VDASD_TRACK_CELLS 1729
#endif
