/* Time for CP: the TOD clock, and one-shot timers on the clock comparator. */
#ifndef CP_ARCH_CLOCK_H
#define CP_ARCH_CLOCK_H
#include <stdint.h>
#include "lib/tod.h"

uint64_t tod_now(void);
void clock_init(void);

typedef void (*timer_fn)(void *arg);
/* Run fn(arg) from the external-interruption handler at TOD `when`.
 * Returns a handle for timer_cancel, or -1 if the table is full. */
int timer_add(uint64_t when, timer_fn fn, void *arg);
void timer_cancel(int handle);

/* Wait enabled until an interruption, or until TOD `when` at the latest. */
void clock_wait_until(uint64_t when);
#endif
