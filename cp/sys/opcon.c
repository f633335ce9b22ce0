/* Operator console and CP's command loop.  CP runs disabled; when there is
 * nothing to do it waits enabled, and interruption handlers queue what
 * arrived (console lines, completions) for this loop. */
#include <stdarg.h>
#include "cp/sys/opcon.h"
#include "cp/arch/arch.h"
#include "cp/arch/clock.h"
#include "cp/cmd/cmd.h"
#include "cp/cmd/commands.h"
#include "cp/dev/con3215.h"
#include "cp/dev/urout.h"
#include "cp/sched/dispatch.h"
#include "cp/sys/control.h"
#include "cp/vm/vdevs.h"
#include "diagnose/diag.h"
#include "lib/str.h"
#include "cp/sys/stop.h"
#include "cp/sys/terminal.h"
#include "lib/fmt.h"

struct rdev *opcon;
struct rdev *opcon_in;

/* The operator console is 0009 (else the first 3215).  When 001F is a
 * 3215 as well, the two are one console split in two (conf/zcp.cnf.in):
 * CP writes to 001F and keeps a read always started on 0009, so no line
 * the operator types is lost while CP writes (con_attach_input). */
void opcon_init(void)
{
    struct rdev *out = 0;
    for (int i = 0; i < rdev_count; i++) {
        if (rdevs[i].cls != RDEV_CONSOLE)
            continue;
        if (!opcon || rdevs[i].devno == 0x0009)
            opcon = &rdevs[i];
        if (rdevs[i].devno == OPCON_OUTPUT)
            out = &rdevs[i];
    }
    if (out && opcon && out != opcon && con_attach(out) == 0 && con_attach_input(opcon) == 0) {
        opcon_in = opcon;
        opcon = out;
        return;
    }
    if (!opcon || con_attach(opcon) != 0)
        cpu_disabled_wait(0x9001);      /* no console: nobody to tell */
    opcon_in = opcon;
}

void opcon_printf(const char *f, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, f);
    vfmt(line, sizeof line, f, ap);
    va_end(ap);
    con_write(opcon, line);
}

void opcon_stop(uint64_t code)
{
    con_flush(opcon);
    cpu_disabled_wait(code);
}

/* For abends (cp/sys/stop.h): no interruptions, no queues. */
void stop_print(const char *line)
{
    con_write_polled(opcon, line);
}

void stop_wait(uint64_t code)
{
    cpu_disabled_wait(code);
}

void system_shutdown(void)
{
    opcon_stop(WAIT_SHUTDOWN);
}

static volatile int sleep_over;

static void sleep_timer(void *arg)
{
    sleep_over = 1;
}

int console_sleep(uint64_t interval)
{
    char line[CMD_LINE_MAX];
    uint64_t now = tod_now();
    uint64_t until = interval > ~0ULL - now ? ~0ULL : now + interval;
    sleep_over = 0;
    int h = until == ~0ULL ? -1 : timer_add(until, sleep_timer, 0);
    int by_input = 0;
    while (!sleep_over) {
        if (con_getline(opcon_in, line, sizeof line)) {
            by_input = 1;
            break;
        }
        cpu_enabled_wait();
    }
    timer_cancel(h);
    return by_input;
}

static void opcon_out(void *arg, const char *line)
{
    con_write(opcon, line);
}

void console_message(const char *line)
{
    con_write(opcon, line);
}

int user_message(const char *userid, const char *line)
{
    if (str_casecmp(userid, "OPERATOR") == 0) {
        console_message(line);
        return 0;
    }
    struct vm *vm = vm_find(userid);
    if (!vm)
        return -1;
    vm_console_write(vm, line);
    return 0;
}

static struct cmd_user operator_user = { .userid = "OPERATOR", .classes = "ABCDEFG" };

/* CP work for the dispatcher: a chunk of real printer and punch output
 * (not counted as work, so guests get their slices between chunks), one
 * operator command a call, then what the user terminals brought. */
static int cp_work(void)
{
    static struct cmd_ctx ctx = { .user = &operator_user, .write = opcon_out };
    char line[CMD_LINE_MAX];
    static int started;
    if (!started) {             /* once, when the dispatcher first runs */
        started = 1;
        autolog_startup(&ctx);
        return 1;
    }
    urout_work();               /* a chunk on each real printer/punch; guests run between */
    if (diag_task_work())
        return 1;
    int did = terminals_work();
    if (!con_getline(opcon_in, line, sizeof line))
        return did;
    cmd_execute(&ctx, line);
    return 1;
}

void opcon_run(void)
{
    operator_user.logon_tod = tod_now();
    dispatch_loop(cp_work);
}
