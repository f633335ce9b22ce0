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
/* Queue text (lines separated by '\n'); waits, enabled, if the ring is full. */
void con_write(struct rdev *dev, const char *text);
/* Take the next complete input line, if any: 1 and the line, else 0. */
int con_getline(struct rdev *dev, char *buf, size_t size);
/* Wait (enabled) until everything queued has been written. */
void con_flush(struct rdev *dev);
/* For the end of the world: write one line by polling, interruptions off. */
void con_write_polled(struct rdev *dev, const char *line);
#endif
