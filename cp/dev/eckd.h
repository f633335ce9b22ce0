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
/* Last error's sense bytes (after a unit check). */
extern uint8_t eckd_last_sense[32];
#endif
