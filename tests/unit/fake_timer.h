/* tests/unit/fake_timer.c: the host's timer table. */
#ifndef TESTS_UNIT_FAKE_TIMER_H
#define TESTS_UNIT_FAKE_TIMER_H
#include <stdint.h>
#include "cp/arch/clock.h"

#define FAKE_TIMERS 8
struct fake_timer {
    uint64_t when;
    timer_fn fn;
    void *arg;
    int active;
};
extern struct fake_timer fake_timers[FAKE_TIMERS];
extern volatile int cp_kick;
int fake_timers_active(void);
/* Run (and retire) every timer due at `now`; returns how many ran. */
int fake_timers_fire(uint64_t now);
#endif
