/* Spool commands: SPOOL and CLOSE (a user's devices), QUERY RDR|PRT|PUN
 * and QUERY FILES, PURGE, TRANSFER, ORDER, CHANGE (spool files).  A class
 * G user acts on their own files; class D may name another user (or ALL)
 * after the queue, as z/VM's operator forms do.  Syntax and messages:
 * docs/commands.md and docs/messages.md (z/VM CP Commands and Utilities
 * Reference for the model). */
#include "cp/cmd/commands.h"
#include "cp/sys/sysdir.h"
#include "cp/vm/vspool.h"
#include "cp/dev/urout.h"
#include "lib/fmt.h"
#include "lib/str.h"
#include "lib/tod.h"

static int is_d(struct cmd_ctx *ctx)
{
    return strchr(ctx->user->classes, 'D') != 0;
}

/* RDR|READER, PRT|PRINTER, PUN|PUNCH|PCH: the queue, or 0. */
static int queue_word(const char *w)
{
    static const struct { const char *name; uint8_t min; uint8_t q; } words[] = {
        { "READER", 1, SQ_RDR }, { "RDR", 3, SQ_RDR }, { "PRINTER", 1, SQ_PRT },
        { "PRT", 3, SQ_PRT }, { "PUNCH", 2, SQ_PUN }, { "PCH", 3, SQ_PUN },
    };
    size_t n = strlen(w);
    for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++)
        if (n >= words[i].min && n <= strlen(words[i].name) && strncmp(words[i].name, w, n) == 0)
            return words[i].q;
    return 0;
}

static int parse_num(const char *s, uint32_t max, uint32_t *v)
{
    uint32_t x = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (!ch_isdigit(*s) || x > max)
            return -1;
        x = x * 10 + (uint32_t)(*s - '0');
    }
    if (x > max)
        return -1;
    *v = x;
    return 0;
}

static int parse_hex(const char *s, uint16_t *v)
{
    uint32_t x = 0;
    int n = 0;
    for (; *s; s++, n++) {
        if (!ch_isxdigit(*s) || n == 4)
            return -1;
        x = x * 16 + (uint32_t)(ch_isdigit(*s) ? *s - '0' : ch_upper(*s) - 'A' + 10);
    }
    *v = (uint16_t)x;
    return n ? 0 : -1;
}

static int no_vm(struct cmd_ctx *ctx)
{
    cmd_out(ctx, "HCPCMD9050E %s has no virtual machine", ctx->user->userid);
    return 9050;
}

static int spool_down(struct cmd_ctx *ctx)
{
    if (sysspool.dev)
        return 0;
    cmd_out(ctx, "HCPSPS9200E Spooling is not available: no spool volume");
    return 9200;
}

/* The user's unit-record devices a device operand names: a queue word
 * (every device of that kind) or a vdev.  Fills out[], returns the count,
 * or -1 after a message. */
static int devices(struct cmd_ctx *ctx, const char *w, struct vdev **out, int max)
{
    struct vm *vm = ctx->user->vm;
    int q = queue_word(w), n = 0;
    uint16_t devno = 0;
    if (!q && parse_hex(w, &devno) != 0) {
        msg_invalid_option(ctx, w);
        return -1;
    }
    for (int i = 0; i < vm->nvdev && n < max; i++) {
        struct vur *u = vur_of(&vm->vdev[i]);
        if (u && (q ? u->queue == q : vm->vdev[i].devno == devno))
            out[n++] = &vm->vdev[i];
    }
    if (!n) {
        if (q)
            cmd_out(ctx, "HCPCMD040E Device %s does not exist", w);
        else
            cmd_out(ctx, "HCPCMD040E Device %04X does not exist", devno);
        return -1;
    }
    return n;
}

static void name8(char *dst, const char *src)
{
    str_copy(dst, src, 9);
}

/* SPOOL CONSOLE [START|STOP] [CLOSE] [TO userid|*|OFF|SYSTEM] [CLASS c]
 * [HOLD|NOHOLD] [KEEP|NOKEEP] [COPY n] [NAME fn [ft]]: spool what the
 * console shows into a printer file (z/VM SPOOL CONSOLE).  A bad operand
 * changes nothing; START/STOP first, then the options, then CLOSE. */

/* The TO operand of SPOOL and CHANGE: OFF or SYSTEM (the system queue), *
 * (oneself) or a userid in the directory.  0, or the return code after
 * the message. */
static int parse_to(struct cmd_ctx *ctx, const char *next, char *to)
{
    if (!next)
        return msg_missing_operand(ctx);
    if (!strcmp(next, "OFF") || !strcmp(next, "SYSTEM"))
        to[0] = 0;
    else if (!strcmp(next, "*"))
        name8(to, ctx->user->userid);
    else if (!dir_find(&sysdir, next)) {
        cmd_out(ctx, "HCPCSP053E %s not in CP directory", next);
        return 53;
    } else
        name8(to, next);
    return 0;
}
static int spool_console(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = ctx->user->vm;
    struct vur opt = *vur_console(vm);
    int start = -1, close = 0;
    for (int i = 1; i < a->n; i++) {
        const char *w = a->v[i];
        const char *next = i + 1 < a->n ? a->v[i + 1] : 0;
        uint32_t n;
        if (!strcmp(w, "START") || !strcmp(w, "STA")) {
            start = 1;
        } else if (!strcmp(w, "STOP") || !strcmp(w, "STO")) {
            start = 0;
        } else if (!strcmp(w, "CLOSE") || !strcmp(w, "CLO")) {
            close = 1;
        } else if (!strcmp(w, "CLASS") || !strcmp(w, "CL")) {
            if (!next || strlen(next) != 1 || !(ch_isdigit(*next) || (*next >= 'A' && *next <= 'Z')))
                return msg_missing_operand(ctx);
            opt.cls = *next;
            i++;
        } else if (!strcmp(w, "HOLD") || !strcmp(w, "HO") || !strcmp(w, "NOHOLD") || !strcmp(w, "NOH")) {
            opt.hold = w[0] == 'H';
        } else if (!strcmp(w, "KEEP") || !strcmp(w, "KE") || !strcmp(w, "NOKEEP") || !strcmp(w, "NOK")) {
            opt.keep = w[0] == 'K';
        } else if (!strcmp(w, "COPY") || !strcmp(w, "CO")) {
            if (!next || parse_num(next[0] == '*' ? next + 1 : next, 255, &n) || !n)
                return msg_missing_operand(ctx);
            opt.copies = (uint8_t)n;
            i++;
        } else if (!strcmp(w, "TO") || !strcmp(w, "T")) {
            int rc = parse_to(ctx, next, opt.to);
            if (rc)
                return rc;
            i++;
        } else if (!strcmp(w, "NAME") || !strcmp(w, "NA")) {
            if (!next || strlen(next) > 8 || (i + 2 < a->n && strlen(a->v[i + 2]) > 8))
                return msg_missing_operand(ctx);
            name8(opt.fn, next);
            name8(opt.ft, i + 2 < a->n ? a->v[i + 2] : "");
            i = a->n;
        } else {
            return msg_invalid_option(ctx, w);
        }
    }
    if (start >= 0)
        vur_console_start(vm, start);
    struct vur *u = vur_console(vm);
    int file = u->file;
    *u = opt;
    u->file = file;
    if (close && vur_console_close(vm) != 0)
        return 9434;
    return 0;
}

/* SPOOL dev options...  (also the options CLOSE takes) */
int cmd_spool(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vdev *dv[VDEV_MAX];
    if (!ctx->user->vm)
        return no_vm(ctx);
    if (a->n < 2)
        return msg_missing_operand(ctx);
    if (!strcmp(a->v[0], "CONSOLE") || !strcmp(a->v[0], "CONS") || !strcmp(a->v[0], "CON"))
        return spool_console(ctx, a);
    int nd = devices(ctx, a->v[0], dv, VDEV_MAX);
    if (nd < 0)
        return RC_INVALID_OPT;
    /* Parse everything into a copy first: a bad operand changes nothing. */
    struct vur opt = *vur_of(dv[0]);
    int set_cls = 0, set_to = 0, set_form = 0, set_dist = 0, set_copy = 0, set_name = 0, close = 0;
    int set_hold = -1, set_keep = -1, set_cont = -1, set_msg = -1;
    for (int i = 1; i < a->n; i++) {
        const char *w = a->v[i];
        const char *next = i + 1 < a->n ? a->v[i + 1] : 0;
        uint32_t n;
        if (!strcmp(w, "CLASS") || !strcmp(w, "CL")) {
            if (!next || strlen(next) != 1 || !(ch_isdigit(*next) || (*next >= 'A' && *next <= 'Z') || *next == '*'))
                return msg_missing_operand(ctx);
            opt.cls = *next;
            set_cls = 1;
            i++;
        } else if (!strcmp(w, "HOLD") || !strcmp(w, "HO")) {
            set_hold = 1;
        } else if (!strcmp(w, "NOHOLD") || !strcmp(w, "NOH")) {
            set_hold = 0;
        } else if (!strcmp(w, "KEEP") || !strcmp(w, "KE")) {
            set_keep = 1;
        } else if (!strcmp(w, "NOKEEP") || !strcmp(w, "NOK")) {
            set_keep = 0;
        } else if (!strcmp(w, "CONT") || !strcmp(w, "CON")) {
            set_cont = 1;
        } else if (!strcmp(w, "NOCONT") || !strcmp(w, "NOC")) {
            set_cont = 0;
        } else if (!strcmp(w, "MSG")) {
            set_msg = 1;
        } else if (!strcmp(w, "NOMSG")) {
            set_msg = 0;
        } else if (!strcmp(w, "COPY") || !strcmp(w, "CO")) {
            if (!next || parse_num(next[0] == '*' ? next + 1 : next, 255, &n) || !n)
                return msg_missing_operand(ctx);
            opt.copies = (uint8_t)n;
            set_copy = 1;
            i++;
        } else if (!strcmp(w, "TO") || !strcmp(w, "T")) {
            int rc = parse_to(ctx, next, opt.to);
            if (rc)
                return rc;
            set_to = 1;
            i++;
        } else if (!strcmp(w, "FORM") || !strcmp(w, "DIST") || !strcmp(w, "DI")) {
            if (!next || strlen(next) > 8)
                return msg_missing_operand(ctx);
            char *dst = w[0] == 'F' ? opt.form : opt.dist;
            name8(dst, strcmp(next, "OFF") ? next : "");
            *(w[0] == 'F' ? &set_form : &set_dist) = 1;
            i++;
        } else if (!strcmp(w, "CLOSE") || !strcmp(w, "CLO")) {
            close = 1;
        } else if (!strcmp(w, "NAME") || !strcmp(w, "NA")) {
            if (!next || strlen(next) > 8 || (i + 2 < a->n && strlen(a->v[i + 2]) > 8))
                return msg_missing_operand(ctx);
            name8(opt.fn, next);
            name8(opt.ft, i + 2 < a->n ? a->v[i + 2] : "");
            set_name = 1;
            i = a->n;           /* NAME is last */
        } else {
            return msg_invalid_option(ctx, w);
        }
    }
    for (int k = 0; k < nd; k++) {
        struct vur *u = vur_of(dv[k]);
        int out = u->queue != SQ_RDR;
        if ((set_cls && opt.cls == '*' && out) || ((set_to || set_copy || set_form || set_dist || set_name ||
                                                     set_msg >= 0 || close) && !out)) {
            cmd_out(ctx, "HCPCSP003E Invalid option for a %s - %s", spool_qname(u->queue), a->v[1]);
            return RC_INVALID_OPT;
        }
    }
    for (int k = 0; k < nd; k++) {
        struct vur *u = vur_of(dv[k]);
        if (set_cls) u->cls = opt.cls;
        if (set_hold >= 0) u->hold = (uint8_t)set_hold;
        if (set_keep >= 0) u->keep = (uint8_t)set_keep;
        if (set_cont >= 0) u->cont = (uint8_t)set_cont;
        if (set_msg >= 0) u->msg = (uint8_t)set_msg;
        if (set_copy) u->copies = opt.copies;
        if (set_to) name8(u->to, opt.to);
        if (set_form) name8(u->form, opt.form);
        if (set_dist) name8(u->dist, opt.dist);
        if (set_name) {
            name8(u->fn, opt.fn);
            name8(u->ft, opt.ft);
        }
        if (close)
            vur_close(dv[k]);
    }
    return 0;
}

/* The sender's answer to a CLOSE (PUN FILE nnnn SENT TO ... / TO SYSTEM)
 * is the command's response: a DIAG X'08' response buffer gets it. */
static void close_line(void *c, const char *line)
{
    cmd_out(c, "%s", line);
}

/* CLOSE dev [NAME fn ft]: close the output file (a reader: end the file
 * being read, keeping it unless it was read to the end). */
int cmd_close(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vdev *dv[VDEV_MAX];
    if (!ctx->user->vm)
        return no_vm(ctx);
    if (a->n < 1)
        return msg_missing_operand(ctx);
    if (!strcmp(a->v[0], "CONSOLE") || !strcmp(a->v[0], "CONS") || !strcmp(a->v[0], "CON")) {
        if (a->n > 1)
            return msg_invalid_option(ctx, a->v[1]);
        return vur_console_close(ctx->user->vm) ? 9434 : 0;
    }
    int nd = devices(ctx, a->v[0], dv, VDEV_MAX);
    if (nd < 0)
        return RC_INVALID_OPT;
    if (nd > 0 && vur_of(dv[0])->queue == SQ_RDR) {
        /* A reader: [HOLD|NOHOLD] [KEEP|NOKEEP] [PURGE] for its active file. */
        int hold = -1, keep = -1, purge = 0;
        for (int i = 1; i < a->n; i++) {
            const char *w = a->v[i];
            if (!strcmp(w, "HOLD") || !strcmp(w, "NOHOLD"))
                hold = w[0] == 'H';
            else if (!strcmp(w, "KEEP") || !strcmp(w, "NOKEEP"))
                keep = w[0] == 'K';
            else if (!strcmp(w, "PURGE") || !strcmp(w, "PUR"))
                purge = 1;
            else
                return msg_invalid_option(ctx, w);
        }
        for (int k = 0; k < nd; k++)
            vur_rdr_close(dv[k], hold, keep, purge);
        return 0;
    }
    /* A punch or printer: [HOLD|NOHOLD] [KEEP|NOKEEP] [DIST d] [TO userid|* [RDR]]
     * [PURGE] [NAME fn [ft]] for this file only (z/VM CLOSE; Linux's vmur
     * closes its punch with `CLOSE vdev TO userid RDR NAME fn ft` and reads
     * the spoolid from the answer, `CLOSE vdev PURGE` when it fails). */
    int hold = -1, keep = -1, purge = 0, name = 0;
    char to[9] = "", dist[9] = "", fn[9] = "", ft[9] = "";
    int set_to = 0;
    for (int i = 1; i < a->n; i++) {
        const char *w = a->v[i], *next = i + 1 < a->n ? a->v[i + 1] : 0;
        if (!strcmp(w, "HOLD") || !strcmp(w, "HO") || !strcmp(w, "NOHOLD") || !strcmp(w, "NOH")) {
            hold = w[0] == 'H';
        } else if (!strcmp(w, "KEEP") || !strcmp(w, "KE") || !strcmp(w, "NOKEEP") || !strcmp(w, "NOK")) {
            keep = w[0] == 'K';
        } else if (!strcmp(w, "PURGE") || !strcmp(w, "PUR")) {
            purge = 1;
        } else if (!strcmp(w, "DIST") || !strcmp(w, "DI")) {
            if (!next || strlen(next) > 8)
                return msg_missing_operand(ctx);
            name8(dist, next);
            i++;
        } else if (!strcmp(w, "TO") || !strcmp(w, "T")) {
            int rc = parse_to(ctx, next, to);
            if (rc)
                return rc;
            if (!to[0])
                return msg_invalid_option(ctx, next);
            set_to = 1;
            i++;
            if (i + 1 < a->n && queue_word(a->v[i + 1]) == SQ_RDR)
                i++;
        } else if (!strcmp(w, "NAME") || !strcmp(w, "NA")) {
            if (!next || strlen(next) > 8 || a->n > i + 3 || (i + 2 < a->n && strlen(a->v[i + 2]) > 8))
                return msg_invalid_option(ctx, w);
            name8(fn, next);
            name8(ft, i + 2 < a->n ? a->v[i + 2] : "");
            name = 1;
            i = a->n;           /* NAME is last */
        } else {
            return msg_invalid_option(ctx, w);
        }
    }
    for (int k = 0; k < nd; k++) {
        struct vur *u = vur_of(dv[k]);
        if (u->queue == SQ_RDR)
            continue;
        struct spoolfile *f = u->file ? spool_file(&sysspool, u->file) : 0;
        if (f && purge) {
            spool_discard(&sysspool, u->file);
            u->file = 0;
            u->fn[0] = u->ft[0] = 0;
            continue;
        }
        if (f) {
            if (name) {
                name8(f->a.fn, fn);
                name8(f->a.ft, ft);
            }
            if (hold >= 0)
                f->a.flags = (uint8_t)(hold ? f->a.flags | SF_HOLD : f->a.flags & ~SF_HOLD);
            if (keep >= 0)
                f->a.flags = (uint8_t)(keep ? f->a.flags | SF_KEEP : f->a.flags & ~SF_KEEP);
            if (dist[0])
                name8(f->a.dist, dist);
        }
        char was[9];
        name8(was, u->to);
        if (set_to)
            name8(u->to, to);
        vur_close_respond(close_line, ctx);
        int rc = vur_close(dv[k]);
        vur_close_respond(0, 0);
        name8(u->to, was);
        if (rc != 0)
            return 9434;
    }
    return 0;
}

/* ---- file selection ---------------------------------------------------------------- */
/* QUEUE [userid|ALL] for class D, the issuer's own files otherwise:
 * returns the owner filter ("" = all users) in owner; the words used. */
static int owner_operand(struct cmd_ctx *ctx, struct cmd_args *a, int at, char *owner)
{
    str_copy(owner, ctx->user->userid, 9);
    if (at < a->n && !strcmp(a->v[at], "*"))
        return 1;                       /* one's own files (z/VM: USERID *), any class */
    if (at < a->n && is_d(ctx)) {
        if (!strcmp(a->v[at], "ALL")) {
            owner[0] = 0;
            return 1;
        }
        if (!queue_word(a->v[at]) && dir_find(&sysdir, a->v[at])) {
            str_copy(owner, a->v[at], 9);
            return 1;
        }
    }
    return 0;
}

static const char *hold_word(const struct spoolfile *f)
{
    static const char *w[4] = { "NONE", "USER", "SYS ", "USYS" };
    return w[(f->a.flags & SF_HOLD ? 1 : 0) | (f->a.flags & SF_SYSHOLD ? 2 : 0)];
}

/* QUERY RDR|PRT|PUN [*|userid|ALL (class D)] [spoolid] [ALL] [CLASS c]
 * [SHORTDATE|FULLDATE|ISODATE].  One's own files (`*`, or a class G
 * user's default) in z/VM's class G layout: without ALL
 *   ORIGINID FILE CLASS RECORDS  CPY HOLD FORM     DEST     KEEP MSG
 * with ALL
 *   ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME     NAME      TYPE     DIST
 * (the columns Linux's vmur reads at fixed offsets: class at 14, hold at
 * 33, name at 53, type at 63 of the data line; s390-tools vmur/vmur.cpp).
 * Other users' files (class D) in the layout with the queue column:
 *   OWNERID  FILE TYPE CLASS RECORDS  CPY HOLD DATE  TIME     NAME     TYPE     DIST */
static int query_queue(struct cmd_ctx *ctx, struct cmd_args *a, int q)
{
    char owner[9];
    if (spool_down(ctx))
        return 9200;
    int at = owner_operand(ctx, a, 0, owner);
    uint32_t only = 0;
    if (at < a->n && parse_num(a->v[at], SPOOL_MAXID, &only) == 0 && only)
        at++;
    else
        only = 0;
    int all = 0, datefmt = 0;           /* 0 SHORTDATE, 1 FULLDATE, 2 ISODATE */
    char cls = 0;
    for (; at < a->n; at++) {
        const char *w = a->v[at];
        if (!strcmp(w, "ALL"))
            all = 1;
        else if (!strncmp(w, "SHORTDATE", strlen(w)) && strlen(w) >= 3)
            datefmt = 0;
        else if (!strncmp(w, "FULLDATE", strlen(w)) && strlen(w) >= 3)
            datefmt = 1;
        else if (!strncmp(w, "ISODATE", strlen(w)) && strlen(w) >= 3)
            datefmt = 2;
        else if ((!strcmp(w, "CLASS") || !strcmp(w, "CL")) && at + 1 < a->n && strlen(a->v[at + 1]) == 1)
            cls = a->v[++at][0];
        else
            return msg_invalid_option(ctx, w);
    }
    int mine = owner[0] && !str_casecmp(owner, ctx->user->userid);
    int n = 0;
    for (struct spoolfile *f = spool_next_in_queue(&sysspool, q, owner[0] ? owner : 0, 0); f;
         f = spool_next_in_queue(&sysspool, q, owner[0] ? owner : 0, f->order)) {
        if ((only && f->id != (int)only) || (cls && f->a.cls != cls))
            continue;
        struct civil_time t;
        tod_to_civil(f->a.created, &t);
        char date[12];
        if (datefmt == 1)
            fmt(date, sizeof date, "%02d/%02d/%04d", t.month, t.day, t.year);
        else if (datefmt == 2)
            fmt(date, sizeof date, "%04d-%02d-%02d", t.year, t.month, t.day);
        else
            fmt(date, sizeof date, "%02d/%02d", t.month, t.day);
        const char *dh = datefmt ? "DATE       " : "DATE  ";
        if (!mine) {
            if (!n++)
                cmd_out(ctx, "OWNERID  FILE TYPE CLASS RECORDS  CPY HOLD %sTIME     NAME     TYPE     DIST", dh);
            cmd_out(ctx, "%-8s %04d %s  %c %s %08u %03d %s %s %02d:%02d:%02d %-8s %-8s %s",
                    f->a.owner, f->id, spool_qname(q), f->a.cls, spool_qname(f->a.origin_queue),
                    f->a.records, f->a.copies, hold_word(f), date, t.hour, t.min, t.sec,
                    f->a.fn, f->a.ft, f->a.dist);
        } else if (all) {
            if (!n++)
                cmd_out(ctx, "ORIGINID FILE CLASS RECORDS  CPY HOLD %sTIME     NAME      TYPE     DIST", dh);
            cmd_out(ctx, "%-8s %04d %c %s %08u %03d %s %s %02d:%02d:%02d %-8s  %-8s %s",
                    f->a.origin, f->id, f->a.cls, spool_qname(f->a.origin_queue),
                    f->a.records, f->a.copies, hold_word(f), date, t.hour, t.min, t.sec,
                    f->a.fn, f->a.ft, f->a.dist);
        } else {
            if (!n++)
                cmd_out(ctx, "ORIGINID FILE CLASS RECORDS  CPY HOLD FORM     DEST     KEEP MSG");
            cmd_out(ctx, "%-8s %04d %c %s %08u %03d %s %-8s %-8s %-4s %s",
                    f->a.origin, f->id, f->a.cls, spool_qname(f->a.origin_queue),
                    f->a.records, f->a.copies, hold_word(f), f->a.form[0] ? f->a.form : "STANDARD",
                    "OFF", f->a.flags & SF_KEEP ? "ON" : "OFF", f->a.flags & SF_MSG ? "ON" : "OFF");
        }
    }
    if (!n)
        cmd_out(ctx, "NO %s FILES", spool_qname(q));
    return 0;
}

int query_rdr(struct cmd_ctx *ctx, struct cmd_args *a) { return query_queue(ctx, a, SQ_RDR); }
int query_prt(struct cmd_ctx *ctx, struct cmd_args *a) { return query_queue(ctx, a, SQ_PRT); }
int query_pun(struct cmd_ctx *ctx, struct cmd_args *a) { return query_queue(ctx, a, SQ_PUN); }

/* QUERY FILES: how many files the issuer has in each queue. */
int query_files(struct cmd_ctx *ctx, struct cmd_args *a)
{
    char owner[9], part[3][16];
    if (spool_down(ctx))
        return 9200;
    int at = owner_operand(ctx, a, 0, owner);
    if (at < a->n)
        return msg_invalid_option(ctx, a->v[at]);
    for (int q = SQ_RDR; q <= SQ_PUN; q++) {
        int n = 0;
        for (struct spoolfile *f = spool_next_in_queue(&sysspool, q, owner[0] ? owner : 0, 0); f;
             f = spool_next_in_queue(&sysspool, q, owner[0] ? owner : 0, f->order))
            n++;
        if (n)
            fmt(part[q - 1], sizeof part[0], "%04d %s", n, spool_qname(q));
        else
            fmt(part[q - 1], sizeof part[0], "  NO %s", spool_qname(q));
    }
    cmd_out(ctx, "FILES: %s, %s, %s", part[0], part[1], part[2]);
    return 0;
}

/* The files `PURGE|CHANGE|ORDER|TRANSFER [userid|ALL] queue sel...` name:
 * spoolids, CLASS c, or ALL.  ids[] gets them (in queue order for ALL and
 * CLASS, as given otherwise); returns the count, or -1 after a message.
 * *next is the first operand after the selection. */
static int select_files(struct cmd_ctx *ctx, struct cmd_args *a, int *q, int *ids, int max, int *next)
{
    char owner[9];
    int at = owner_operand(ctx, a, 0, owner);
    if (at >= a->n || !(*q = queue_word(a->v[at]))) {
        if (at >= a->n)
            msg_missing_operand(ctx);
        else
            msg_invalid_option(ctx, a->v[at]);
        return -1;
    }
    at++;
    int n = 0;
    if (at < a->n && (!strcmp(a->v[at], "ALL") || !strcmp(a->v[at], "CLASS") || !strcmp(a->v[at], "CL"))) {
        char cls = 0;
        if (a->v[at][0] == 'C') {
            if (at + 1 >= a->n || strlen(a->v[at + 1]) != 1) {
                msg_missing_operand(ctx);
                return -1;
            }
            cls = a->v[++at][0];
        }
        at++;
        for (struct spoolfile *f = spool_next_in_queue(&sysspool, *q, owner[0] ? owner : 0, 0); f && n < max;
             f = spool_next_in_queue(&sysspool, *q, owner[0] ? owner : 0, f->order))
            if (!cls || f->a.cls == cls)
                ids[n++] = f->id;
    } else {
        uint32_t id;
        while (at < a->n && parse_num(a->v[at], SPOOL_MAXID, &id) == 0 && n < max) {
            struct spoolfile *f = spool_file(&sysspool, (int)id);
            if (!f || f->state != SF_CLOSED || f->a.queue != *q ||
                (owner[0] && str_casecmp(f->a.owner, owner) != 0)) {
                cmd_out(ctx, "HCPCSU042E %s FILE %04u does not exist", spool_qname(*q), id);
                return -1;
            }
            ids[n++] = (int)id;
            at++;
        }
        if (!n) {
            if (at < a->n)
                msg_invalid_option(ctx, a->v[at]);
            else
                msg_missing_operand(ctx);
            return -1;
        }
    }
    *next = at;
    return n;
}

static int ids_buf[SPOOL_MAXID];

/* The start every file command shares: the spool is up, the selection is
 * good (and, with `alone`, nothing follows it).  Returns the file count
 * (ids in ids_buf), or -1 with *rc set after a message. */
static int selection(struct cmd_ctx *ctx, struct cmd_args *a, int alone, int *q, int *next, int *rc)
{
    if ((*rc = spool_down(ctx)) != 0)
        return -1;
    *rc = RC_INVALID_OPT;
    int n = select_files(ctx, a, q, ids_buf, SPOOL_MAXID, next);
    if (n >= 0 && alone && *next < a->n) {
        *rc = msg_invalid_option(ctx, a->v[*next]);
        return -1;
    }
    return n;
}

int cmd_purge(struct cmd_ctx *ctx, struct cmd_args *a)
{
    int q, next, rc;
    int n = selection(ctx, a, 1, &q, &next, &rc);
    if (n < 0)
        return rc;
    int done = 0;
    for (int i = 0; i < n; i++) {
        struct spoolfile *f = spool_file(&sysspool, ids_buf[i]);
        if (f->in_use)
            continue;           /* being read: purged when the reader lets go */
        done += spool_purge(&sysspool, ids_buf[i]) == 0;
    }
    if (done)
        cmd_out(ctx, "%04d FILE%s PURGED", done, done == 1 ? "" : "S");
    else
        cmd_out(ctx, "NO FILES PURGED");
    return 0;
}

int cmd_order(struct cmd_ctx *ctx, struct cmd_args *a)
{
    int q, next, rc;
    int n = selection(ctx, a, 1, &q, &next, &rc);
    if (n < 0)
        return rc;
    if (spool_order_first(&sysspool, ids_buf, n) != 0) {
        cmd_out(ctx, "HCPCSU9434E Spool volume error; order may be partly changed");
        return 9434;
    }
    return 0;
}

/* TRANSFER [userid|ALL] queue sel TO userid [RDR]: into another user's reader. */
int cmd_transfer(struct cmd_ctx *ctx, struct cmd_args *a)
{
    int q, next, rc;
    int n = selection(ctx, a, 0, &q, &next, &rc);
    if (n < 0)
        return rc;
    if (next >= a->n || strcmp(a->v[next], "TO") || next + 1 >= a->n)
        return msg_missing_operand(ctx);
    const char *to = a->v[next + 1];
    if (!strcmp(to, "*"))
        to = ctx->user->userid;
    if (!dir_find(&sysdir, to)) {
        cmd_out(ctx, "HCPCSU053E %s not in CP directory", to);
        return 53;
    }
    if (next + 2 < a->n && queue_word(a->v[next + 2]) != SQ_RDR)
        return msg_invalid_option(ctx, a->v[next + 2]);
    for (int i = 0; i < n; i++) {
        struct spoolfile *f = spool_file(&sysspool, ids_buf[i]);
        if (f->in_use)
            continue;
        char from[9];
        str_copy(from, f->a.owner, sizeof from);
        f->a.origin_id = f->id;
        f->a.queue = SQ_RDR;
        str_copy(f->a.owner, to, sizeof f->a.owner);
        if (spool_commit(&sysspool, f->id) != 0) {
            f->a.queue = (uint8_t)q;
            str_copy(f->a.owner, from, sizeof f->a.owner);
            cmd_out(ctx, "HCPCSU9434E Spool volume error; %s FILE %04d not transferred", spool_qname(q), f->id);
            return 9434;
        }
        spool_sent_messages(f, from, q);
    }
    vur_reader_notify(to);
    return 0;
}

/* CHANGE [userid|ALL] queue sel options: CLASS c, NAME fn [ft], COPY n,
 * HOLD/NOHOLD, KEEP/NOKEEP, DIST d, FORM f. */
int cmd_change(struct cmd_ctx *ctx, struct cmd_args *a)
{
    int q, next, rc;
    int n = selection(ctx, a, 0, &q, &next, &rc);
    if (n < 0)
        return rc;
    if (next >= a->n)
        return msg_missing_operand(ctx);
    struct spoolfile want;
    memset(&want, 0, sizeof want);
    int cls = 0, copies = 0, hold = -1, keep = -1, dist = 0, form = 0, name = 0;
    for (int i = next; i < a->n; i++) {
        const char *w = a->v[i], *v = i + 1 < a->n ? a->v[i + 1] : 0;
        uint32_t x;
        if (!strcmp(w, "CLASS") || !strcmp(w, "CL")) {
            if (!v || strlen(v) != 1 || !(ch_isdigit(*v) || (*v >= 'A' && *v <= 'Z')))
                return msg_missing_operand(ctx);
            want.a.cls = *v;
            cls = 1;
            i++;
        } else if (!strcmp(w, "COPY") || !strcmp(w, "CO")) {
            if (!v || parse_num(v, 255, &x) || !x)
                return msg_missing_operand(ctx);
            want.a.copies = (uint8_t)x;
            copies = 1;
            i++;
        } else if (!strcmp(w, "HOLD") || !strcmp(w, "NOHOLD")) {
            hold = w[0] == 'H';
        } else if (!strcmp(w, "KEEP") || !strcmp(w, "NOKEEP")) {
            keep = w[0] == 'K';
        } else if (!strcmp(w, "DIST") || !strcmp(w, "FORM")) {
            if (!v || strlen(v) > 8)
                return msg_missing_operand(ctx);
            name8(w[0] == 'D' ? want.a.dist : want.a.form, v);
            *(w[0] == 'D' ? &dist : &form) = 1;
            i++;
        } else if (!strcmp(w, "NAME") || !strcmp(w, "NA")) {
            if (!v || strlen(v) > 8 || (i + 2 < a->n && strlen(a->v[i + 2]) > 8))
                return msg_missing_operand(ctx);
            name8(want.a.fn, v);
            name8(want.a.ft, i + 2 < a->n ? a->v[i + 2] : "");
            name = 1;
            i = a->n;
        } else {
            return msg_invalid_option(ctx, w);
        }
    }
    int done = 0;
    for (int i = 0; i < n; i++) {
        struct spoolfile *f = spool_file(&sysspool, ids_buf[i]);
        struct spool_attr old = f->a;
        if (cls) f->a.cls = want.a.cls;
        if (copies) f->a.copies = want.a.copies;
        if (hold >= 0) f->a.flags = (uint8_t)(hold ? f->a.flags | SF_HOLD : f->a.flags & ~SF_HOLD);
        if (keep >= 0) f->a.flags = (uint8_t)(keep ? f->a.flags | SF_KEEP : f->a.flags & ~SF_KEEP);
        if (dist) name8(f->a.dist, want.a.dist);
        if (form) name8(f->a.form, want.a.form);
        if (name) {
            name8(f->a.fn, want.a.fn);
            name8(f->a.ft, want.a.ft);
        }
        if (spool_commit(&sysspool, f->id) != 0) {
            f->a = old;
            break;
        }
        done++;
    }
    if (done)
        cmd_out(ctx, "%04d FILE%s CHANGED", done, done == 1 ? "" : "S");
    else
        cmd_out(ctx, "NO FILES CHANGED");
    if (hold == 0)
        for (int i = 0; i < n; i++)
            vur_reader_notify(spool_file(&sysspool, ids_buf[i])->a.owner);
    if (done)
        urout_kick();           /* released or reclassed files a real device takes */
    return 0;
}

/* ---- DEFINE READER|PUNCH|PRINTER [AS] vdev (cp/cmd/vmcmd.c's table) ---------------- */
static int define_ur(struct cmd_ctx *ctx, struct cmd_args *a, uint16_t devtype, int queue)
{
    int i = 0;
    uint16_t vdev;
    if (!ctx->user->vm)
        return no_vm(ctx);
    if (i < a->n && !strcmp(a->v[i], "AS"))
        i++;
    if (i >= a->n)
        return msg_missing_operand(ctx);
    if (strlen(a->v[i]) > 4 || parse_hex(a->v[i], &vdev) != 0)
        return msg_invalid_operand(ctx, a->v[i]);
    if (i + 1 < a->n)
        return msg_invalid_option(ctx, a->v[i + 1]);
    struct vm *vm = ctx->user->vm;
    if (vm_vdev(vm, vdev)) {
        cmd_out(ctx, "HCPDEF1012E %s %04X already defined", vm->userid, vdev);
        return 1012;
    }
    if (!vur_add(vm, vdev, devtype, queue, queue == SQ_RDR ? '*' : 'A')) {
        cmd_out(ctx, "HCPDEF9132E %04X not defined; no room for another virtual device", vdev);
        return 9132;
    }
    cmd_out(ctx, "%s %04X DEFINED", spool_qname(queue), vdev);
    return 0;
}

int define_rdr(struct cmd_ctx *ctx, struct cmd_args *a) { return define_ur(ctx, a, 0x2540, SQ_RDR); }
int define_3505(struct cmd_ctx *ctx, struct cmd_args *a) { return define_ur(ctx, a, 0x3505, SQ_RDR); }
int define_pun(struct cmd_ctx *ctx, struct cmd_args *a) { return define_ur(ctx, a, 0x2540, SQ_PUN); }
int define_3525(struct cmd_ctx *ctx, struct cmd_args *a) { return define_ur(ctx, a, 0x3525, SQ_PUN); }
int define_prt(struct cmd_ctx *ctx, struct cmd_args *a) { return define_ur(ctx, a, 0x1403, SQ_PRT); }

/* ---- HOLD and FREE (class D): the operator's system hold ------------------------- */

/* HOLD|FREE userid|ALL [READER|RDR|PRINTER|PRT|PUNCH|PCH|ALL]: put the
 * closed files of a user (of every user with ALL) on the queue named (all
 * three by default) in system hold, or take them out of it.  As z/VM's
 * HOLD and FREE (CP Commands and Utilities Reference, class D): system
 * hold is the operator's and only FREE ends it; the owner's user hold
 * (CHANGE HOLD|NOHOLD) is a separate flag, and a file held both ways
 * needs both released.  It is how a file FLUSH HOLD or a full spool
 * volume left in system hold goes out again.  A file a real device or a
 * reader is using now is left alone.  ZCP holds the files that exist
 * when HOLD is issued, not the user's later ones. */
static int sys_hold(struct cmd_ctx *ctx, struct cmd_args *a, int hold)
{
    const char *verb = hold ? "HELD" : "FREED";
    if (spool_down(ctx))
        return 9200;
    if (a->n < 1)
        return msg_missing_operand(ctx);
    char owner[9] = "";
    if (strcmp(a->v[0], "ALL") != 0) {
        if (strlen(a->v[0]) > 8 || !dir_find(&sysdir, a->v[0])) {
            cmd_out(ctx, "HCPCSU053E %s not in CP directory", a->v[0]);
            return 53;
        }
        str_copy(owner, a->v[0], sizeof owner);
    }
    int want = 0;               /* bit per queue */
    if (a->n > 1) {
        int q = queue_word(a->v[1]);
        if (!q && strcmp(a->v[1], "ALL") != 0)
            return msg_invalid_option(ctx, a->v[1]);
        want = q ? 1 << q : 0;
    }
    if (a->n > 2)
        return msg_invalid_option(ctx, a->v[2]);
    if (!want)
        want = 1 << SQ_RDR | 1 << SQ_PRT | 1 << SQ_PUN;
    int done = 0, failed = 0;
    static const int queues[] = { SQ_RDR, SQ_PRT, SQ_PUN };
    for (unsigned k = 0; k < sizeof queues / sizeof queues[0]; k++) {
        int q = queues[k];
        if (!(want & 1 << q))
            continue;
        for (struct spoolfile *f = spool_next_in_queue(&sysspool, q, owner[0] ? owner : 0, 0); f;
             f = spool_next_in_queue(&sysspool, q, owner[0] ? owner : 0, f->order)) {
            if (f->in_use || !(f->a.flags & SF_SYSHOLD) == !hold)
                continue;
            uint8_t old = f->a.flags;
            f->a.flags = (uint8_t)(hold ? f->a.flags | SF_SYSHOLD : f->a.flags & ~SF_SYSHOLD);
            if (spool_commit(&sysspool, f->id) != 0) {
                f->a.flags = old;
                failed = 1;
                break;
            }
            done++;
        }
    }
    if (done)
        cmd_out(ctx, "%04d FILE%s %s", done, done == 1 ? "" : "S", verb);
    else
        cmd_out(ctx, "NO FILES %s", verb);
    if (failed)
        cmd_out(ctx, "HCPCSU9434E Spool volume error; the other files are not %s", verb);
    if (!hold && done) {
        if (owner[0])
            vur_reader_notify(owner);
        else
            for (int i = 0; i < VM_MAX; i++)
                if (vms[i].in_use)
                    vur_reader_notify(vms[i].userid);
        urout_kick();           /* a started real device takes what FREE released */
    }
    return failed ? 9434 : 0;
}

int cmd_hold(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return sys_hold(ctx, a, 1);
}

int cmd_free(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return sys_hold(ctx, a, 0);
}
