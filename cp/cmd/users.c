/* Users and their virtual machines: XAUTOLOG, FORCE, SEND, QUERY NAMES,
 * QUERY USERS, and LOADRDR (class A: a deck from a real reader into a
 * user's virtual reader, until the spool exists). */
#include "cp/cmd/commands.h"
#include "cp/dev/rdev.h"
#include "cp/dev/rdr3505.h"
#include "cp/sys/control.h"
#include "cp/sys/sysdir.h"
#include "cp/sys/terminal.h"
#include "cp/vm/logon.h"
#include "cp/vm/vdevs.h"
#include "lib/fmt.h"
#include "lib/str.h"

static void announce(const char *fmtstr, const char *userid)
{
    char line[120];
    fmt(line, sizeof line, fmtstr, userid, vm_count());
    console_message(line);
}

int cmd_xautolog(struct cmd_ctx *ctx, struct cmd_args *a)
{
    char msg[160];
    if (a->n < 1)
        return msg_missing_operand(ctx);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    const struct dir_user *u = dir_find(&sysdir, a->v[0]);
    if (!u || u->pwkind == DIR_PW_NOLOG) {
        cmd_out(ctx, "HCPCFX053E %s not in CP directory", a->v[0]);
        return 53;
    }
    if (vm_find(u->userid)) {
        cmd_out(ctx, "HCPCFX6054E %s is already logged on", u->userid);
        return 6054;
    }
    struct vm *vm = vm_logon(u, msg, sizeof msg);
    if (!vm) {
        cmd_out(ctx, "%s", msg);
        return 9110;
    }
    cmd_out(ctx, "Command accepted");
    announce("AUTO LOGON  ***   %-8s USERS = %03d", vm->userid);
    if (vm_logon_ipl(vm, u, msg, sizeof msg) != 0)
        vm_console_write(vm, msg);
    return 0;
}

int cmd_force(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n < 1)
        return msg_missing_operand(ctx);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    struct vm *vm = vm_find(a->v[0]);
    if (!vm) {
        cmd_out(ctx, "HCPCFX045E %s not logged on", a->v[0]);
        return 45;
    }
    char userid[9], where[12];
    str_copy(userid, vm->userid, sizeof userid);
    uint16_t term = vm_terminal_devno(vm);
    if (term)
        fmt(where, sizeof where, "TERM %04X", term);
    else
        str_copy(where, "USER DSC ", sizeof where);
    vm_terminal_logoff(vm);
    vm_destroy(vm);
    char line[120];
    fmt(line, sizeof line, "%s  LOGOFF AS  %-8s USERS = %03d    FORCED BY %s", where, userid,
        vm_count(), ctx->user->userid);
    console_message(line);
    return 0;
}

/* SEND CP userid command: the command runs as that user (its classes, its
 * virtual machine); each response line comes back to the sender as the
 * user's console output would, "USERID  : line".  Nested SEND CP is refused
 * (each level costs CP stack). */
struct send_reply {
    struct cmd_ctx *to;
    const char *userid;
};

static void send_reply(void *arg, const char *line)
{
    struct send_reply *r = arg;
    cmd_out(r->to, "%-8s: %s", r->userid, line);
}

static int send_cp(struct cmd_ctx *ctx, struct vm *vm, const char *line)
{
    static int depth;
    if (depth) {
        cmd_out(ctx, "HCPSND9240E SEND CP cannot be nested");
        return 9240;
    }
    struct send_reply r = { ctx, vm->userid };
    struct cmd_ctx as = { .user = &vm->user, .write = send_reply, .arg = &r };
    depth++;
    int rc = cmd_execute(&as, line);
    depth--;
    return rc;
}

/* SEND [CP] userid text: console input for a disconnected user's virtual
 * machine (with CP, a CP command it issues), from its secondary user (or
 * class C). */
int cmd_send(struct cmd_ctx *ctx, struct cmd_args *a)
{
    int cp = a->n > 0 && strcmp(a->v[0], "CP") == 0;
    if (cp)
        cmd_shift(a, 1);
    if (a->n < 2)
        return msg_missing_operand(ctx);
    struct vm *vm = vm_find(a->v[0]);
    if (!vm) {
        cmd_out(ctx, "HCPSND045E %s not logged on", a->v[0]);
        return 45;
    }
    if (str_casecmp(vm->secuser, ctx->user->userid) != 0 && !strchr(ctx->user->classes, 'C')) {
        cmd_out(ctx, "HCPSND1012E You are not the secondary user of %s", vm->userid);
        return 1012;
    }
    if (cp)
        return send_cp(ctx, vm, a->raw[1]);
    struct vdev *con = vm_console(vm);
    if (!con) {
        cmd_out(ctx, "HCPSND040E %s has no console", vm->userid);
        return 40;
    }
    vcon_input(con, a->raw[1]);
    return 0;
}

int query_names(struct cmd_ctx *ctx, struct cmd_args *a)
{
    char line[128];
    int len = 0, col = 0;
    if (a->n)
        return msg_invalid_option(ctx, a->v[0]);
    len = fmt(line, sizeof line, "%-8s - SYSC", "OPERATOR");
    col = 1;
    for (int i = 0; i < VM_MAX; i++) {
        if (!vms[i].in_use)
            continue;
        if (col == 4) {
            cmd_out(ctx, "%s", line);
            len = col = 0;
        }
        uint16_t term = vm_terminal_devno(&vms[i]);
        char where[8];
        if (term)
            fmt(where, sizeof where, "%04X", term);
        else
            str_copy(where, "DSC", sizeof where);
        len += fmt(line + len, sizeof line - (size_t)len, "%s%-8s - %s", col ? " , " : "",
                   vms[i].userid, where);
        col++;
    }
    cmd_out(ctx, "%s", line);
    return 0;
}

int query_users(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n)
        return msg_invalid_option(ctx, a->v[0]);
    cmd_out(ctx, "%5d USERS, %5d DIALED, %5d NET", vm_count() + 1, 0, 0);
    return 0;
}

int cmd_loadrdr(struct cmd_ctx *ctx, struct cmd_args *a)
{
    char msg[120];
    uint16_t rdevno;
    if (a->n < 2)
        return msg_missing_operand(ctx);
    if (a->n > 2)
        return msg_invalid_option(ctx, a->v[2]);
    if (dir_parse_vdev(a->v[0], &rdevno) != 0)
        return msg_invalid_operand(ctx, a->v[0]);
    struct rdev *rd = rdev_find(rdevno);
    if (!rd || rd->cls != RDEV_READER) {
        cmd_out(ctx, "HCPLDR040E Device %04X is not a real card reader", rdevno);
        return 40;
    }
    const struct dir_user *u = dir_find(&sysdir, a->v[1]);
    if (!u) {
        cmd_out(ctx, "HCPLDR053E %s not in CP directory", a->v[1]);
        return 53;
    }
    struct deck deck = { 0, 0, 0 };
    int n = rdr_read_deck(rd, &deck, msg, sizeof msg);
    if (n < 0) {
        cmd_out(ctx, "HCPLDR9120E %s", msg);
        return 9120;
    }
    if (n == 0) {       /* end of file at once: the deck was read already */
        cmd_out(ctx, "HCPLDR9122E Reader %04X has no cards", rdevno);
        return 9122;
    }
    struct vm *vm = vm_find(u->userid);
    struct vdev *rdr = 0;
    for (int i = 0; vm && i < vm->nvdev && !rdr; i++)
        if (vm->vdev[i].ops == &vrdr_ops)
            rdr = &vm->vdev[i];
    if (rdr) {
        vrdr_load(rdr, &deck);
    } else if (deck_queue_put(u->userid, &deck) != 0) {
        deck_free(&deck);
        cmd_out(ctx, "HCPLDR9121E Too many decks waiting; deck discarded");
        return 9121;
    }
    cmd_out(ctx, "RDR FILE LOADED FOR %s: %d CARDS%s", u->userid, n, rdr ? "" : " (HELD UNTIL LOGON)");
    return 0;
}
