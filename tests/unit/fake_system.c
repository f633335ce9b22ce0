/* Host `sys` (cp/sys/system.h) and system control (cp/sys/control.h):
 * the calls are recorded instead of stopping or waiting. */
#include <string.h>
#include "cp/dev/rdev.h"
#include "cp/sys/control.h"
#include "cp/sys/system.h"
#include "cp/sched/dispatch.h"
#include "tests/unit/fakes.h"

struct system sys;

int fake_shutdown_calls;
int fake_sleep_calls;
uint64_t fake_sleep_interval;
int fake_sleep_result;

void system_shutdown(void)
{
    fake_shutdown_calls++;
}

int console_sleep(uint64_t interval)
{
    fake_sleep_calls++;
    fake_sleep_interval = interval;
    return fake_sleep_result;
}

void fakes_reset(void)
{
    memset(&sys, 0, sizeof sys);
    memset(rdevs, 0, sizeof rdevs);
    rdev_count = 0;
    fake_tod = fake_tod_step = 0;
    fake_shutdown_calls = fake_sleep_calls = fake_sleep_result = 0;
    fake_sleep_interval = 0;
    memset(fake_stop_lines, 0, sizeof fake_stop_lines);
    fake_stop_nlines = fake_stop_calls = 0;
    fake_stop_code = 0;
    fake_stop_jmp = NULL;
    real_base = NULL;
}

/* One real CPU on the host: nothing to kick. */
int cpu_self(void)
{
    return 0;
}

void cpu_kick(int cpu)
{
}

/* No guest floating-point or access registers on the host: SIGP stop
 * and store status of the issuing CPU (cp/vm/instr.c) keeps what is saved. */
void vregs_save(uint64_t *fpr, uint32_t *fpc, uint32_t *acr)
{
}
