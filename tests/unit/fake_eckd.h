/* tests/unit/fake_eckd.c: an in-memory 3390 behind cp/dev/eckd.h. */
#ifndef TESTS_UNIT_FAKE_ECKD_H
#define TESTS_UNIT_FAKE_ECKD_H
#include <stdint.h>
#include "cp/dev/rdev.h"

struct fake_track { uint32_t len; uint8_t data[65536]; };
struct fake_volume { struct rdev *rdev; uint32_t cyls; struct fake_track *tracks; };
extern struct fake_volume fake_volume;
extern int fake_eckd_fail;
extern int fake_eckd_reads, fake_eckd_writes;
extern int fake_eckd_ios;          /* eckd_read_tracks calls (real I/Os) */
/* r becomes a 3390 of cyls cylinders, every track R0 + per_track records
 * of blksize zero bytes (count fields with the real CCHH). */
void fake_volume_make(struct rdev *r, uint32_t cyls, uint32_t blksize, uint32_t per_track);
#endif
