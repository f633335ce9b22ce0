/* The dispatcher: CP's own work first, then guests in time slices. */
#ifndef CP_SCHED_DISPATCH_H
#define CP_SCHED_DISPATCH_H
#include <stdint.h>

#define SLICE_MS 20             /* a guest's time slice */

/* Set from interruption handlers when CP has work (a console line...). */
extern volatile int cp_kick;

/* Run forever: `cp_work` is called whenever there may be CP work; it
 * returns nonzero if it did some. */
__attribute__((noreturn)) void dispatch_loop(int (*cp_work)(void));
#endif
