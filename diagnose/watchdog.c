/* X'288': the virtual machine watchdog ("time bomb").  Rx (even) = function
 * (0 init, 1 change, 2 cancel; bit X'80000000' asks z/VM to CONCEAL the
 * guest and is accepted without effect), Rx+1 = timeout in seconds (at
 * least 15, as z/VM and QEMU require), Ry (even) -> EBCDIC CP command(s)
 * run on expiry, Ry+1 = their length (1-240).  This is how Linux's
 * drivers/watchdog/diag288_wdt.c calls it under z/VM (its default command
 * is SYSTEM RESTART; it re-arms with init).  Errors are specification
 * exceptions; success leaves cc 0.
 *
 * Expiry and task level: the clock comparator's timers (cp/arch/clock.h)
 * call back from the external-interruption handler, where no command may
 * run.  So the callback only sets a flag and kicks the dispatcher; CP's
 * command loop calls diag_task_work(), which runs the commands of every
 * watchdog whose time has come, as that user, responses to its console.
 * One clock timer serves all watchdogs: always set to the earliest. */
#include "diagnose/diag.h"
#include "cp/arch/clock.h"
#include "cp/sched/dispatch.h"
#include "cp/sys/control.h"
#include "cp/vm/vdevs.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define WDT_INIT    0
#define WDT_CHANGE  1
#define WDT_CANCEL  2
#define WDT_CONCEAL 0x80000000u
#define WDT_MIN_SECONDS 15

static int timer = -1;
static uint64_t timer_when;
static volatile int due;

static void fired(void *arg)
{
    due = 1;
    timer = -1;
    cp_kick = 1;
}

/* Keep the one timer at the earliest armed watchdog. */
static void reprogram(void)
{
    uint64_t next = ~0ULL;
    for (int i = 0; i < VM_MAX; i++)
        if (vms[i].in_use && vms[i].diag.wdog.armed && vms[i].diag.wdog.expires < next)
            next = vms[i].diag.wdog.expires;
    if (timer >= 0 && timer_when == next)
        return;
    if (timer >= 0)
        timer_cancel(timer);
    timer = -1;
    if (next != ~0ULL) {
        timer_when = next;
        timer = timer_add(next, fired, 0);
        /* A full timer table leaves the check to the next pass of CP's
         * loop (diag_task_work runs every time it looks for work). */
    }
}

void diag_x288(struct diag_args *a)
{
    struct vm *vm = a->v->vm;
    if (diag_even(a, a->rx))
        return;
    uint32_t func = diag_reg32(a, a->rx) & ~WDT_CONCEAL;
    uint32_t seconds = diag_reg32(a, a->rx + 1);
    if (func == WDT_CANCEL) {
        vm->diag.wdog.armed = 0;
        reprogram();
        return;
    }
    if ((func != WDT_INIT && func != WDT_CHANGE) || seconds < WDT_MIN_SECONDS)
        return (void)diag_spec(a);
    if (func == WDT_CHANGE) {
        if (!vm->diag.wdog.armed)
            return (void)diag_spec(a);
    } else {
        uint32_t len = diag_reg32(a, a->ry + 1);
        uint8_t raw[DIAG_CMD_MAX];
        if (diag_even(a, a->ry))
            return;
        if (len == 0 || len > DIAG_CMD_MAX)
            return (void)diag_spec(a);
        if (diag_read(a, diag_addr(a, a->ry), raw, len))
            return;
        for (uint32_t i = 0; i < len; i++)
            vm->diag.wdog.cmd[i] = raw[i] == 0x15 ? '\x15' : (char)ebcdic_to_ascii[raw[i]];
        vm->diag.wdog.cmd[len] = 0;
    }
    vm->diag.wdog.seconds = seconds;
    vm->diag.wdog.expires = tod_now() + (uint64_t)seconds * TOD_PER_SEC;
    vm->diag.wdog.armed = 1;
    reprogram();
}

static void to_console(void *arg, const char *line)
{
    vm_console_write(arg, line);
}

int diag_task_work(void)
{
    int did = 0;
    due = 0;
    uint64_t now = tod_now();
    for (int i = 0; i < VM_MAX; i++) {
        struct vm *vm = &vms[i];
        if (!vm->in_use || !vm->diag.wdog.armed || vm->diag.wdog.expires > now)
            continue;
        char cmd[DIAG_CMD_MAX + 1], line[DIAG_CMD_MAX + 80];
        vm->diag.wdog.armed = 0;        /* one shot: the guest re-arms */
        memcpy(cmd, vm->diag.wdog.cmd, sizeof cmd);
        fmt(line, sizeof line, "HCPWDG9288I Watchdog timer expired after %u seconds; CP runs: %s",
            vm->diag.wdog.seconds, cmd);
        for (char *p = line; *p; p++)
            if (*p == '\x15')
                *p = ';';               /* separators shown as CMS users type them */
        vm_console_write(vm, line);
        diag_run_commands(vm, cmd, to_console, vm);
        did = 1;
    }
    reprogram();
    return did;
}
