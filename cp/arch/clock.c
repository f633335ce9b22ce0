/* TOD clock and clock-comparator timers.  The comparator interrupts
 * (external code X'1004') whenever TOD > comparator and CR0 bit 52 is on,
 * so it is always set to the earliest active timer, or to the end of time. */
#include "cp/arch/clock.h"
#include "cp/arch/arch.h"
#include "cp/arch/intr.h"

#define EXT_CLOCK_COMPARATOR 0x1004
#define NTIMERS 32              /* a power of two: a handle's low bits are the slot */

static struct {
    uint64_t when;
    timer_fn fn;
    void *arg;
    int active;
    int handle;                 /* slot + NTIMERS * uses: a stale handle matches no more */
} timers[NTIMERS];

uint64_t tod_now(void)
{
    return stck();
}

static void reprogram(void)
{
    uint64_t next = ~0ULL;
    for (int i = 0; i < NTIMERS; i++)
        if (timers[i].active && timers[i].when < next)
            next = timers[i].when;
    sckc(next);
}

static void on_comparator(uint16_t code, uint32_t param)
{
    uint64_t now = stck();
    for (int i = 0; i < NTIMERS; i++)
        if (timers[i].active && timers[i].when <= now) {
            timers[i].active = 0;
            if (timers[i].fn)
                timers[i].fn(timers[i].arg);
        }
    reprogram();
}

void clock_init(void)
{
    sckc(~0ULL);
    ext_register(EXT_CLOCK_COMPARATOR, on_comparator);
    lctlg(0, stctg(0) | CR0_CLOCK_COMPARATOR);
}

int timer_add(uint64_t when, timer_fn fn, void *arg)
{
    for (int i = 0; i < NTIMERS; i++)
        if (!timers[i].active) {
            timers[i].when = when;
            timers[i].fn = fn;
            timers[i].arg = arg;
            timers[i].active = 1;
            timers[i].handle = (int)(((unsigned)timers[i].handle + NTIMERS) & 0x7FFFFFFF);
            timers[i].handle = (timers[i].handle & ~(NTIMERS - 1)) | i;
            reprogram();
            return timers[i].handle;
        }
    return -1;
}

/* A timer that already ran (or was cancelled) may have its slot taken by
 * a newer one; the handle tells them apart, so only the caller's own
 * timer is cancelled. */
void timer_cancel(int handle)
{
    int i = handle & (NTIMERS - 1);
    if (handle >= 0 && timers[i].active && timers[i].handle == handle) {
        timers[i].active = 0;
        reprogram();
    }
}

void clock_wait_until(uint64_t when)
{
    int h = timer_add(when, 0, 0);
    cpu_enabled_wait();
    timer_cancel(h);
}
