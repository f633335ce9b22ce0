/* Host clock-comparator timers (cp/arch/clock.h) and the dispatcher's kick
 * (cp/sched/dispatch.h): timers are kept in a table a test can fire. */
#include <stddef.h>
#include "cp/arch/clock.h"
#include "tests/unit/fake_timer.h"

volatile int cp_kick;
struct fake_timer fake_timers[FAKE_TIMERS];

int timer_add(uint64_t when, timer_fn fn, void *arg)
{
    for (int i = 0; i < FAKE_TIMERS; i++)
        if (!fake_timers[i].active) {
            fake_timers[i] = (struct fake_timer){ when, fn, arg, 1 };
            return i;
        }
    return -1;
}

void timer_cancel(int handle)
{
    if (handle >= 0 && handle < FAKE_TIMERS)
        fake_timers[handle].active = 0;
}

int fake_timers_active(void)
{
    int n = 0;
    for (int i = 0; i < FAKE_TIMERS; i++)
        n += fake_timers[i].active;
    return n;
}

int fake_timers_fire(uint64_t now)
{
    int n = 0;
    for (int i = 0; i < FAKE_TIMERS; i++)
        if (fake_timers[i].active && fake_timers[i].when <= now) {
            fake_timers[i].active = 0;
            if (fake_timers[i].fn)
                fake_timers[i].fn(fake_timers[i].arg);
            n++;
        }
    return n;
}
