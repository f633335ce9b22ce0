/* 3215 console driver: interrupt driven.  Output lines queue in a ring and
 * are written one channel program at a time, each started from the
 * previous one's completion.  Input is read only when the device presents
 * Attention (the operator typed a line), so no read ever waits on CP's
 * behalf, and complete lines queue for the task level (con_getline). */
#ifndef CP_DEV_CON3215_H
#define CP_DEV_CON3215_H
#include <stddef.h>
#include "cp/dev/rdev.h"

#define CON_LINE_MAX 130        /* longer output lines wrap */

/* Take dev as a console.  Returns 0, or -1 if no console slot is free. */
int con_attach(struct rdev *dev);
/* Take dev as an input-only console that always has a read started.  For
 * Hercules' integrated 3215-C: a line typed while the read waits goes
 * straight into it, and one typed between two reads stays in the device
 * buffer for the next read.  (Attention-driven input loses a line typed
 * while the device writes: Hercules refuses the Attention then.)  The
 * device can never be written to. */
int con_attach_input(struct rdev *dev);
/* Queue text (lines separated by '\n'); waits, enabled, if the ring is full. */
void con_write(struct rdev *dev, const char *text);
/* Queue text only if the ring has room for all of it: 0, else -1 (and
 * cp_kick is set once the ring has drained to half). */
int con_try_write(struct rdev *dev, const char *text);
/* What happened on a telnet 3215 since the last call (taken, cleared). */
#define CON_EV_CONNECT 0x01     /* a client connected */
#define CON_EV_LOST    0x02     /* the client went away; queued output dropped */
#define CON_EV_BREAK   0x04     /* the user pressed break (attention key) */
unsigned con_events(struct rdev *dev);
/* Is a client known to be connected? */
int con_connected(struct rdev *dev);
/* Ask the device whether a client is there (a no-op CCW; the answer comes
 * as CON_EV_CONNECT or CON_EV_LOST when it changes).  Does nothing while
 * the device is busy or has output queued (that output will tell). */
void con_probe(struct rdev *dev);
/* Take the next complete input line, if any: 1 and the line, else 0. */
int con_getline(struct rdev *dev, char *buf, size_t size);
/* Wait (enabled) until everything queued has been written. */
void con_flush(struct rdev *dev);
/* For the end of the world: write one line by polling, interruptions off. */
void con_write_polled(struct rdev *dev, const char *line);
#endif
