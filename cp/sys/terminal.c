/* User terminals: the telnet 3215s (every real 3215 but the operator's).
 *
 * A terminal is in one of four states.  IDLE: no client (or not known yet).
 * LOGO: a client is connected and sees the logo; only LOGON is accepted.
 * PASSWORD: LOGON userid was entered and the password is asked for.  USER:
 * a virtual machine is connected to it.  Lines typed in USER state are CP
 * commands while the virtual machine is in CP mode (not IPLed, stopped,
 * in a disabled wait, or held by #CP / STOP / break), else input for the
 * guest's console; `#CP command` always goes to CP, `#CP` alone enters CP
 * mode.  DISCONNECT (or a dropped client) leaves the virtual machine
 * running; its console output is then kept (the last KEEP_LINES lines,
 * shown again at reconnect) and copied to its secondary user.
 *
 * Hercules facts (console.c of Hercules 3.x): a client connecting raises
 * attention + device end; a typed line attention; a break key attention +
 * unit exception; any CCW but Sense to a 3215 without client ends in unit
 * check (intervention required), which is how a dropped client is found:
 * by the next write, or by the no-op CP sends every PROBE_SEC seconds. */
#include <stdarg.h>
#include "cp/sys/terminal.h"
#include "cp/arch/clock.h"
#include "cp/cmd/cmd.h"
#include "cp/dev/con3215.h"
#include "cp/sys/control.h"
#include "cp/sys/opcon.h"
#include "cp/sys/sysdir.h"
#include "cp/sys/version.h"
#include "cp/vm/logon.h"
#include "cp/vm/vspool.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/vsclp.h"
#include "lib/fmt.h"
#include "lib/str.h"
#include "lib/tod.h"

#define TERM_MAX   15
#define KEEP_LINES 50
#define KEEP_LEN   132
#define PROBE_SEC  2

enum term_state { T_IDLE, T_LOGO, T_PASSWORD, T_USER };

/* Console states as z/VM shows them in a 3270's status area; a 3215 has
 * none, so CP writes the state on a line of its own when it changes. */
enum con_state { CS_NONE, CS_CP_READ, CS_VM_READ, CS_RUNNING };
static const char *const con_state_name[] = { "", "CP READ", "VM READ", "RUNNING" };

struct terminal {
    struct rdev *dev;
    enum term_state state;
    char userid[9];             /* PASSWORD: who is logging on */
    int here;                   /* LOGON ... HERE: take the session over */
    struct vm *vm;              /* USER */
    enum con_state shown;
};

static struct terminal terms[TERM_MAX];
static int nterms;
static struct terminal *term_of_vm[VM_MAX];

struct kept {
    char line[KEEP_LINES][KEEP_LEN + 1];
    unsigned head, n;
};
static struct kept kept[VM_MAX];

static volatile int probe_due;

static int vm_index(struct vm *vm)
{
    return (int)(vm - vms);
}

static void term_out(void *arg, const char *line)
{
    struct terminal *t = arg;
    if (t->vm)
        vur_console_log(t->vm, line);       /* SPOOL CONSOLE */
    con_write(t->dev, line);
}

static void term_printf(struct terminal *t, const char *f, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, f);
    vfmt(line, sizeof line, f, ap);
    va_end(ap);
    con_write(t->dev, line);
}

/* "hh:mm:ss UTC WEEKDAY mm/dd/yy", as z/VM stamps LOGON and LOGOFF. */
static void stamp(char *buf, size_t size)
{
    struct civil_time c;
    tod_to_civil(tod_now(), &c);
    fmt(buf, size, "%02d:%02d:%02d UTC %s %02d/%02d/%02d", c.hour, c.min, c.sec,
        weekday_name(c.wday), c.month, c.day, c.year % 100);
}

static void logo(struct terminal *t)
{
    t->state = T_LOGO;
    t->here = 0;
    term_printf(t, "ZCP ONLINE - a z/VM-style control program, version %d.%d.%d",
                ZCP_VERSION, ZCP_RELEASE, ZCP_MOD);
    term_printf(t, "Terminal %04X.  Enter LOGON userid to begin.", t->dev->devno);
}

static void op_note(const char *what, struct terminal *t, const char *userid)
{
    char line[120];
    fmt(line, sizeof line, "TERM %04X %-10s %-8s USERS = %03d", t->dev->devno, what, userid,
        vm_count());
    console_message(line);
}

/* ---- where a virtual machine's console output goes ------------------------ */

static void keep(struct vm *vm, const char *text)
{
    struct kept *k = &kept[vm_index(vm)];
    str_copy(k->line[k->head % KEEP_LINES], text, KEEP_LEN + 1);
    k->head++;
    if (k->n < KEEP_LINES)
        k->n++;
}

static void replay_kept(struct terminal *t, struct vm *vm)
{
    struct kept *k = &kept[vm_index(vm)];
    if (!k->n)
        return;
    term_printf(t, "HCPLGA9131I %u console line(s) written while disconnected follow", k->n);
    for (unsigned i = k->head - k->n; i != k->head; i++)
        con_write(t->dev, k->line[i % KEEP_LINES]);
    k->n = 0;
}

void vm_console_write(struct vm *vm, const char *text)
{
    struct terminal *t = term_of_vm[vm_index(vm)];
    vur_console_log(vm, text);              /* SPOOL CONSOLE */
    if (t) {
        con_write(t->dev, text);
        return;
    }
    keep(vm, text);
    if (!vm->secuser[0])
        return;
    char line[CON_LINE_MAX * 2];
    fmt(line, sizeof line, "%-8s: %s", vm->userid, text);
    if (str_casecmp(vm->secuser, "OPERATOR") == 0) {
        console_message(line);
        return;
    }
    struct vm *sec = vm_find(vm->secuser);
    if (sec && sec != vm && term_of_vm[vm_index(sec)])
        con_write(term_of_vm[vm_index(sec)]->dev, line);
}

/* ---- console state ---------------------------------------------------- */

int vm_in_cp_mode(struct vm *vm)
{
    if (vm->cp_stopped)
        return 1;
    for (int i = 0; i < vm->nvcpu; i++)
        if (vm->vcpu[i]->state == VCPU_RUNNING || vm->vcpu[i]->state == VCPU_WAIT)
            return 0;
    return 1;
}

static enum con_state con_state_of(struct vm *vm)
{
    if (vm_in_cp_mode(vm))
        return CS_CP_READ;
    struct vdev *con = vm_console(vm);
    return con && vcon_reading(con) ? CS_VM_READ : CS_RUNNING;
}

const char *vm_console_state(struct vm *vm)
{
    return con_state_name[con_state_of(vm)];
}

/* Show a change to CP READ or VM READ (RUNNING is what a guest's own
 * output shows). */
static void show_state(struct terminal *t)
{
    enum con_state s = con_state_of(t->vm);
    if (s != t->shown && s != CS_RUNNING)
        con_write(t->dev, con_state_name[s]);
    t->shown = s;
}

/* ---- connecting and disconnecting a virtual machine ----------------------- */

static void attach(struct terminal *t, struct vm *vm)
{
    t->state = T_USER;
    t->vm = vm;
    t->shown = CS_NONE;
    term_of_vm[vm_index(vm)] = t;
}

static void detach(struct terminal *t)
{
    if (t->vm)
        term_of_vm[vm_index(t->vm)] = 0;
    t->vm = 0;
}

uint16_t vm_terminal_devno(struct vm *vm)
{
    struct terminal *t = term_of_vm[vm_index(vm)];
    return t ? t->dev->devno : 0;
}

/* The user's virtual machine goes on without a terminal. */
static void disconnect(struct terminal *t, int by_user)
{
    char when[40];
    struct vm *vm = t->vm;
    if (by_user) {
        stamp(when, sizeof when);
        term_printf(t, "DISCONNECT AT %s", when);
    }
    detach(t);
    op_note("DISCONNECT", t, vm->userid);
    if (by_user)
        logo(t);
    else
        t->state = T_IDLE;
}

void vm_terminal_logoff(struct vm *vm)
{
    struct terminal *t = term_of_vm[vm_index(vm)];
    memset(&kept[vm_index(vm)], 0, sizeof kept[0]);
    if (!t)
        return;
    char when[40];
    stamp(when, sizeof when);
    term_printf(t, "LOGOFF AT %s", when);
    detach(t);
    logo(t);
}

/* ---- LOGON ---------------------------------------------------------------- */

static void logon_command(struct terminal *t, const char *line)
{
    char buf[CMD_LINE_MAX * 2];
    struct cmd_args a;
    static const struct cmd_entry logon_cmd = { "LOGON", 1, "*", 0, 0 };
    static const struct cmd_entry login_cmd = { "LOGIN", 4, "*", 0, 0 };
    int n = cmd_tokenize(line, buf, sizeof buf, &a);
    if (n <= 0)
        return;
    if (!cmd_matches(&logon_cmd, a.v[0]) && !cmd_matches(&login_cmd, a.v[0])) {
        term_printf(t, "HCPLGA9130E Enter LOGON userid first");
        return;
    }
    if (n < 2) {
        term_printf(t, "HCPLGA020E Userid missing or invalid");
        return;
    }
    if (strlen(a.v[1]) > 8) {
        term_printf(t, "HCPLGA020E Userid missing or invalid");
        return;
    }
    t->here = 0;
    for (int i = 2; i < n; i++) {
        if (str_casecmp(a.v[i], "HERE") == 0) {
            t->here = 1;
        } else {
            term_printf(t, "HCPLGA003E Invalid option - %s", a.v[i]);
            return;
        }
    }
    str_copy(t->userid, a.v[1], sizeof t->userid);
    t->state = T_PASSWORD;
    /* The 3215 cannot hide what is typed (the telnet client echoes it);
     * CP never repeats or logs it. */
    term_printf(t, "ENTER PASSWORD (IT WILL NOT APPEAR WHEN TYPED):");
}

static int password_ok(const struct dir_user *u, const char *pw)
{
    if (!u || u->pwkind == DIR_PW_NOLOG)
        return 0;
    if (u->pwkind == DIR_PW_NOPASS)
        return 1;
    return u->pwkind == DIR_PW_PASSWORD && str_casecmp(u->password, pw) == 0;
}

static void logon_password(struct terminal *t, const char *pw)
{
    char when[40], msg[160];
    const struct dir_user *u = dir_find(&sysdir, t->userid);
    /* Unknown user or wrong password: one message for both, as z/VM, so the
     * answer does not tell which userids exist. */
    if (!password_ok(u, pw)) {
        term_printf(t, "HCPLGA050E LOGON unsuccessful--incorrect userid and/or password");
        t->state = T_LOGO;
        return;
    }
    t->state = T_LOGO;
    stamp(when, sizeof when);
    struct vm *vm = vm_find(u->userid);
    if (vm) {
        struct terminal *old = term_of_vm[vm_index(vm)];
        if (old && !t->here) {
            term_printf(t, "HCPLGA054E Already logged on TERM %04X", old->dev->devno);
            return;
        }
        if (old) {
            con_write(old->dev, "HCPLGA9132I Session taken over by LOGON HERE from another terminal");
            detach(old);
            logo(old);
        }
        attach(t, vm);
        term_printf(t, "RECONNECTED AT %s", when);
        op_note("RECONNECT", t, vm->userid);
        replay_kept(t, vm);
        show_state(t);
        return;
    }
    vm = vm_logon(u, msg, sizeof msg);
    if (!vm) {
        term_printf(t, "%s", msg);
        return;
    }
    attach(t, vm);
    term_printf(t, "ZCP Version %d Release %d.%d, service level %s (64-bit)", ZCP_VERSION,
                ZCP_RELEASE, ZCP_MOD, ZCP_SERVICE);
    term_printf(t, "LOGON AT %s", when);
    op_note("LOGON AS", t, vm->userid);
    if (vm_logon_ipl(vm, u, msg, sizeof msg) != 0)
        term_printf(t, "%s", msg);
    show_state(t);
}

/* ---- a logged-on user's line ------------------------------------------------ */

static void cp_command(struct terminal *t, const char *line)
{
    struct cmd_ctx ctx = { .user = &t->vm->user, .write = term_out, .arg = t };
    cmd_execute(&ctx, line);
}

static void user_line(struct terminal *t, const char *line)
{
    struct vm *vm = t->vm;
    const char *p = line;
    while (*p == ' ')
        p++;
    if (ch_upper(p[0]) == '#' && ch_upper(p[1]) == 'C' && ch_upper(p[2]) == 'P' && (p[3] == 0 || p[3] == ' ')) {
        p += 3;
        while (*p == ' ')
            p++;
        if (*p)
            cp_command(t, p);
        else
            vm_cp_stop(vm);     /* every vCPU stops, on every real CPU */
        return;
    }
    if (vm_in_cp_mode(vm)) {
        cp_command(t, line);
        return;
    }
    /* A 3215 read waiting takes the line; else the guest's SCLP console if
     * it has asked for input events (Linux's line-mode console); else the
     * 3215 gets it with Attention. */
    struct vdev *con = vm_console(vm);
    if (con && vcon_reading(con))
        vcon_input(con, line);
    else if (vsclp_console_input(vm, line))
        return;
    else if (con)
        vcon_input(con, line);
    else
        term_printf(t, "HCPCNS9133E No virtual console: the line is not for the guest");
}

/* ---- the work loop ---------------------------------------------------------- */

static void probe_timer(void *arg)
{
    probe_due = 1;
}

void terminals_init(void)
{
    for (int i = 0; i < rdev_count && nterms < TERM_MAX; i++) {
        struct rdev *d = &rdevs[i];
        if (d->cls != RDEV_CONSOLE || d == opcon || d == opcon_in || con_attach(d) != 0)
            continue;
        terms[nterms].dev = d;
        terms[nterms].state = T_IDLE;
        nterms++;
        con_probe(d);           /* a client may have connected before IPL */
    }
    probe_due = 0;
    timer_add(tod_now() + tod_from_ms(PROBE_SEC * 1000), probe_timer, 0);
}

int terminal_count(void)
{
    return nterms;
}

static int events(struct terminal *t)
{
    unsigned ev = con_events(t->dev);
    if (!ev)
        return 0;
    if (ev & CON_EV_LOST) {
        if (t->state == T_USER)
            disconnect(t, 0);
        t->state = T_IDLE;
    }
    if (ev & CON_EV_CONNECT) {
        if (t->state == T_USER)
            disconnect(t, 0);
        logo(t);
    }
    if ((ev & CON_EV_BREAK) && t->state == T_USER) {
        vm_cp_stop(t->vm);
        show_state(t);
    }
    return 1;
}

int terminals_work(void)
{
    char line[CMD_LINE_MAX];
    int did = 0;
    if (probe_due) {
        probe_due = 0;
        for (int i = 0; i < nterms; i++)
            con_probe(terms[i].dev);
        timer_add(tod_now() + tod_from_ms(PROBE_SEC * 1000), probe_timer, 0);
    }
    for (int i = 0; i < nterms; i++) {
        struct terminal *t = &terms[i];
        did |= events(t);
        if (con_getline(t->dev, line, sizeof line)) {
            did = 1;
            if (t->state == T_IDLE)
                logo(t);            /* a client we had not heard connect */
            switch (t->state) {
            case T_LOGO:
                logon_command(t, line);
                break;
            case T_PASSWORD:
                logon_password(t, line);
                break;
            case T_USER:
                user_line(t, line);
                break;
            case T_IDLE:
                break;
            }
        }
        if (t->state == T_USER && t->vm)
            show_state(t);
    }
    return did;
}

int vm_disconnect(struct vm *vm)
{
    struct terminal *t = term_of_vm[vm_index(vm)];
    if (!t)
        return -1;
    disconnect(t, 1);
    return 0;
}
