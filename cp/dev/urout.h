/* Real unit-record output: the system's 1403 printers and 3525 punches
 * that write closed PRT and PUN queue files, with a separator page (a
 * separator card on a punch) before each file.  Class D controls them:
 * START, DRAIN, FLUSH, SPACE (cp/cmd/urcmd.c).  Devices are drained at
 * IPL.  docs/spool.md "Real printers and punches". */
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
};

#define UROUT_MAX 8
/* Find the real printers and punches (after rdev_scan). */
void urout_init(void);
int urout_count(void);
struct urout *urout_at(int i);
struct urout *urout_find(uint16_t devno);
/* Write every eligible file (CLOSED, not held, its class taken) in the
 * PRT/PUN queues on the started devices, purging each once written. */
void urout_kick(void);
#endif
