/* 3390 (ECKD) DASD driver: geometry, volume label, records and tracks.
 * Channel programs use Seek / Search ID Equal / TIC and Read Data, Write
 * Data or Write Count-Key-Data: architected CKD commands that real 3990
 * control units and Hercules both accept.  Record numbers start at 1. */
#ifndef CP_DEV_ECKD_H
#define CP_DEV_ECKD_H
#include <stdint.h>
#include "cp/dev/rdev.h"

/* Learn geometry (Read Device Characteristics) and the volser (VOL1). */
int eckd_attach(struct rdev *dev);
/* Read record `rec` of track (cyl, head) into buf (up to len bytes);
 * returns the bytes read, or a negative rdev error. */
int eckd_read(struct rdev *dev, uint32_t cyl, uint32_t head, uint8_t rec, void *buf, uint16_t len);
/* Rewrite the data of an existing record (same length). */
int eckd_write(struct rdev *dev, uint32_t cyl, uint32_t head, uint8_t rec, const void *buf, uint16_t len);
/* Format a track with n records of reclen bytes (no keys) from data, erasing the rest. */
int eckd_format_track(struct rdev *dev, uint32_t cyl, uint32_t head, int n, uint16_t reclen,
                      const void *data);
/* Whole tracks for virtual minidisks (cp/vm/vdasd.c).  A track image is
 * its records back to back, R0 first: count field (CC HH R KL DL DL as
 * stored), key, data.  R0 is kept as a standard 8-byte record.  Errors are
 * reported on the operator console (HCPECK9301E/9302E) and returned
 * negative (rdev_run's codes, -4 for bad arguments); CP goes on. */
int eckd_read_track(struct rdev *dev, uint32_t cyl, uint32_t head, uint8_t *buf, uint32_t size,
                    uint32_t *len);
/* Tracks head .. head+n-1 of cylinder cyl (n <= 15) in one channel
 * program, each into its buffer of size bytes; lens get the image lengths. */
int eckd_read_tracks(struct rdev *dev, uint32_t cyl, uint32_t head, int n, uint8_t *const bufs[],
                     uint32_t size, uint32_t lens[]);
/* Rewrite every record after R0 from a track image (R0 stays). */
int eckd_write_track(struct rdev *dev, uint32_t cyl, uint32_t head, const uint8_t *recs, uint32_t len);
/* Format the track from an image, R0 included (Define Extent permitting
 * every write, Locate Record home address orientation, format write, then
 * Write R0 and a Write CKD for each record): what a guest's Write R0 on a
 * minidisk, and the release of a temporary disk, need. */
int eckd_write_track_r0(struct rdev *dev, uint32_t cyl, uint32_t head, const uint8_t *img,
                        uint32_t len);
/* Write Data (X'05') or Write Key and Data (X'0D') of the record whose
 * stored count field starts with id (CCHHR): len must be its size. */
int eckd_update_record(struct rdev *dev, uint32_t cyl, uint32_t head, const uint8_t id[5],
                       uint8_t cmd, const uint8_t *buf, uint32_t len);
/* Last error's sense bytes (after a unit check). */
extern uint8_t eckd_last_sense[32];
#endif
