/* Real unit-record output: the system's 1403 printers and 3525 punches
 * that write closed PRT and PUN queue files, with a separator page (a
 * separator card on a punch) before each file.  Class D controls them:
 * START, DRAIN, FLUSH, SPACE (cp/cmd/urcmd.c).  Devices are drained at
 * IPL.  A file is taken at once (urout_kick) and written a chunk of
 * records per dispatcher pass (urout_work), so guests run meanwhile and
 * DRAIN and FLUSH find it in progress.  docs/spool.md "Real printers and
 * punches". */
#ifndef CP_DEV_UROUT_H
#define CP_DEV_UROUT_H
#include <stdint.h>

struct rdev;

struct urout {
    struct rdev *dev;
    uint16_t devno;
    uint8_t queue;              /* SQ_PRT or SQ_PUN */
    uint8_t started;
    uint8_t space;              /* SPACE: force single spacing (printer) */
    char classes[9];            /* classes it takes ("*": any) */
    uint16_t active;            /* spoolid being written, 0 none */
    uint32_t done;              /* files written since IPL */
    uint8_t draining;           /* DRAIN with a file active: stops after it */
};

#define UROUT_MAX 8
/* Find the real printers and punches (after rdev_scan). */
void urout_init(void);
int urout_count(void);
struct urout *urout_at(int i);
struct urout *urout_find(uint16_t devno);
/* Every eligible file (CLOSED, not held, its class taken) in the PRT/PUN
 * queues gets written on a started device and purged: an idle started
 * device takes the first one now (it is active, in use), and its records
 * follow from urout_work. */
void urout_kick(void);
/* CP's task loop, each pass: a chunk of records on each active device.
 * Returns 1 if it wrote anything (it keeps a timer going while work
 * remains, so an idle CPU comes back for the next chunk). */
int urout_work(void);
/* FLUSH: end the active file's current copy (all copies if all, or if it
 * is the last): the file is purged, or with hold kept in system hold.
 * Returns 0 if o has no active file, 1 if the file ended, 2 if only a
 * copy did; *id its spoolid, *copy the copy flushed (1-based). */
int urout_flush(struct urout *o, int all, int hold, uint16_t *id, unsigned *copy);
#endif
