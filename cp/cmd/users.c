/* Users and their virtual machines: XAUTOLOG, FORCE, SEND, QUERY NAMES,
 * QUERY USERS, and LOADRDR (class A: a deck from a real reader into a
 * user's reader, as a spool file). */
#include "cp/cmd/commands.h"
#include "cp/dev/rdev.h"
#include "cp/dev/rdr3505.h"
#include "cp/sys/control.h"
#include "cp/sys/system.h"
#include "cp/sys/sysdir.h"
#include "cp/sys/terminal.h"
#include "cp/vm/logon.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/vspool.h"
#include "cp/arch/clock.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"
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

/* At IPL z/VM XAUTOLOGs the users its SYSTEM CONFIG names (SYSTEM_USERIDS
 * STARTUP), unless the IPL said NOAUTOLOG (z/VM CP Planning and
 * Administration).  ZCP has no SYSTEM CONFIG: the directory marks them with
 * OPTION AUTOSTART, and a LOADPARM beginning NOAUTO (Hercules: loadparm
 * NOAUTO before ipl; CP reads it with SCLP Read SCP Info) skips them.  Each
 * is the operator's XAUTOLOG, in directory order, its answers on the
 * operator console. */
void autolog_startup(struct cmd_ctx *ctx)
{
    if (!strncmp(sys.loadparm, "NOAUTO", 6))
        return;
    for (int i = 0; i < sysdir.nusers; i++) {
        const struct dir_user *u = &sysdir.users[i];
        if (!(u->options & DIR_OPT_AUTOSTART))
            continue;
        char line[40];
        fmt(line, sizeof line, "XAUTOLOG %s", u->userid);
        cmd_execute(ctx, line);
    }
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
    struct vm *vm;
};

static void send_reply(void *arg, const char *line)
{
    struct send_reply *r = arg;
    if (r->vm)
        vur_console_log(r->vm, line);       /* it is the user's console output (SPOOL CONSOLE) */
    cmd_out(r->to, "%-8s: %s", r->userid, line);
}

static int send_cp(struct cmd_ctx *ctx, struct vm *vm, const char *line)
{
    static int depth;
    if (depth) {
        cmd_out(ctx, "HCPSND9240E SEND CP cannot be nested");
        return 9240;
    }
    struct send_reply r = { ctx, vm->userid, vm };
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

/* LOADRDR rdev [userid]: the deck on a real reader becomes a spool file in
 * userid's reader.  Without a userid the first card must be ID userid
 * (columns 1-2 "ID", the userid after blanks) and is not kept. */
struct loadrdr {
    const struct dir_user *u;
    int id;                     /* the spool file, 0 until the first card */
    int rc;                     /* spool error */
    const char *issuer;
};

static int loadrdr_card(void *arg, const uint8_t card[80])
{
    struct loadrdr *l = arg;
    if (!l->u) {
        char text[81], userid[9];
        ebcdic_to_ascii_buf(text, card, 80);
        text[80] = 0;
        int k = 2, n = 0;
        while (k < 80 && text[k] == ' ')
            k++;
        while (k < 80 && text[k] != ' ' && n < 8)
            userid[n++] = (char)ch_upper(text[k++]);
        userid[n] = 0;
        if (text[0] != 'I' || text[1] != 'D' || !n || !(l->u = dir_find(&sysdir, userid))) {
            l->rc = SPOOL_EINVAL;
            return -1;
        }
        return 0;
    }
    if (!l->id) {
        struct spool_attr a;
        memset(&a, 0, sizeof a);
        a.queue = a.origin_queue = SQ_RDR;
        a.cls = 'A';
        a.copies = 1;
        a.devtype = 0x3505;
        str_copy(a.owner, l->u->userid, sizeof a.owner);
        str_copy(a.origin, l->issuer, sizeof a.origin);
        a.created = tod_now();
        l->id = spool_open(&sysspool, &a);
        if (l->id < 0) {
            l->rc = l->id;
            l->id = 0;
            return -1;
        }
    }
    l->rc = spool_write(&sysspool, l->id, 0x02, card, 80);
    return l->rc;
}

int cmd_loadrdr(struct cmd_ctx *ctx, struct cmd_args *a)
{
    char msg[120];
    uint16_t rdevno;
    if (a->n < 1)
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
    struct loadrdr l = { 0, 0, 0, ctx->user->userid };
    if (a->n == 2 && !(l.u = dir_find(&sysdir, a->v[1]))) {
        cmd_out(ctx, "HCPLDR053E %s not in CP directory", a->v[1]);
        return 53;
    }
    int n = rdr_read_cards(rd, loadrdr_card, &l, msg, sizeof msg);
    if (n < 0 || l.rc) {
        if (l.id)
            spool_discard(&sysspool, l.id);
        if (l.rc == SPOOL_EINVAL && !l.u) {
            cmd_out(ctx, "HCPLDR9124E The deck on %04X does not start with an ID card naming a user "
                    "in the directory; deck discarded", rdevno);
            return 9124;
        }
        if (l.rc) {
            cmd_out(ctx, "HCPLDR9123E Spool %s; deck discarded",
                    l.rc == SPOOL_EFULL ? "space full" : l.rc == SPOOL_ENOVOL ? "not available" :
                    "error");
            return 9123;
        }
        cmd_out(ctx, "HCPLDR9120E %s", msg);
        return 9120;
    }
    if (!l.id) {        /* end of file at once (or only the ID card): nothing to spool */
        cmd_out(ctx, "HCPLDR9122E Reader %04X has no cards", rdevno);
        return 9122;
    }
    if (spool_close(&sysspool, l.id) != 0) {
        spool_discard(&sysspool, l.id);
        cmd_out(ctx, "HCPLDR9123E Spool error; deck discarded");
        return 9123;
    }
    struct spoolfile *f = spool_file(&sysspool, l.id);
    f->a.origin_id = f->id;
    spool_sent_messages(f, ctx->user->userid, SQ_RDR);
    vur_reader_notify(f->a.owner);
    return 0;
}
