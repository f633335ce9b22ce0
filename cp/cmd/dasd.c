/* DASD commands: DETACH, ATTACH, DEFINE T3390, QUERY MDISK, QUERY LINKS.
 *   DETACH vdev                     (G) a virtual device of one's own
 *   DETACH rdev FROM userid|SYSTEM  (B) a dedicated volume from its user,
 *                                       or a volume from CP (no new minidisks)
 *   ATTACH rdev TO userid [AS vdev] [R/O]   (B) dedicate a whole volume
 *   ATTACH rdev TO SYSTEM           (B) give a volume back to CP
 *   DEFINE T3390 [AS] vdev [CYL] n  (G) a temporary disk (cp/vm/tdisk.h)
 * Output and messages follow z/VM's where it has them (docs/commands.md). */
#include "cp/vm/vspool.h"
#include "cp/cmd/commands.h"
#include "cp/dev/rdev.h"
#include "cp/sys/directory.h"
#include "cp/vm/mdlink.h"
#include "cp/vm/tdisk.h"
#include "cp/vm/vdasd.h"
#include "lib/fmt.h"
#include "lib/str.h"

#define OFFLINE "*SYSTEM"       /* rdev->owner of a volume detached from CP */

static int has_class(struct cmd_ctx *ctx, char c)
{
    return strchr(ctx->user->classes, c) != 0;
}

static int need_vm(struct cmd_ctx *ctx)
{
    if (ctx->user->vm)
        return 0;
    cmd_out(ctx, "HCPCMD9134E %s has no virtual machine", ctx->user->userid);
    return 9134;
}

static int vdev_operand(struct cmd_ctx *ctx, const char *s, uint16_t *v)
{
    return dir_parse_vdev(s, v) == 0 ? 0 : msg_invalid_operand(ctx, s);
}

/* The virtual 3390 a user has on real volume r, if any. */
static struct vdev *user_of(const struct rdev *r, struct vm **vmp)
{
    for (int i = 0; i < VM_MAX; i++)
        for (int k = 0; vms[i].in_use && k < vms[i].nvdev; k++) {
            struct vdasd_info info;
            if (vdasd_info(&vms[i].vdev[k], &info) == 0 && info.rdev == r) {
                *vmp = &vms[i];
                return &vms[i].vdev[k];
            }
        }
    return 0;
}

static struct rdev *real_dasd(struct cmd_ctx *ctx, const char *s, const char *cmd)
{
    uint16_t devno;
    if (dir_parse_vdev(s, &devno) != 0) {
        msg_invalid_operand(ctx, s);
        return 0;
    }
    struct rdev *r = rdev_find(devno);
    if (!r || r->cls != RDEV_DASD) {
        cmd_out(ctx, "HCP%s040E Device %04X does not exist", cmd, devno);
        return 0;
    }
    return r;
}

static int detach_real(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (!has_class(ctx, 'B'))
        return msg_invalid_option(ctx, a->v[1]);
    if (a->n != 3)
        return a->n < 3 ? msg_missing_operand(ctx) : msg_invalid_option(ctx, a->v[3]);
    struct rdev *r = real_dasd(ctx, a->v[0], "DTA");
    if (!r)
        return 40;
    struct vm *vm;
    struct vdev *d = user_of(r, &vm);
    if (!strcmp(a->v[2], "SYSTEM")) {
        if (r->owner[0] || d) {
            cmd_out(ctx, "HCPDTA143E DASD %04X in use; %s", r->devno,
                    r->owner[0] ? (!strcmp(r->owner, OFFLINE) ? "not attached to the system"
                                                               : "attached to a user")
                                : "minidisks are linked");
            return 143;
        }
        str_copy(r->owner, OFFLINE, sizeof r->owner);
        vdasd_cache_drop(r);
        cmd_out(ctx, "DASD %04X DETACHED SYSTEM", r->devno);
        return 0;
    }
    if (!d || str_casecmp(r->owner, a->v[2]) || str_casecmp(vm->userid, a->v[2])) {
        cmd_out(ctx, "HCPDTA045E DASD %04X not attached to %s", r->devno, a->v[2]);
        return 45;
    }
    uint16_t vdev = d->devno;
    vm_detach_vdev(vm, d);
    r->owner[0] = 0;
    vdasd_cache_drop(r);
    cmd_out(ctx, "DASD %04X DETACHED %s %04X", r->devno, vm->userid, vdev);
    return 0;
}

int cmd_detach(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n < 1)
        return msg_missing_operand(ctx);
    if (!strcmp(a->v[0], "CPU")) {      /* DETACH CPU (cp/cmd/vmcmd.c) */
        cmd_shift(a, 1);
        return detach_cpu(ctx, a);
    }
    if (a->n > 1 && !strcmp(a->v[1], "FROM"))
        return detach_real(ctx, a);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    uint16_t vdev;
    int rc = need_vm(ctx);
    if (rc || (rc = vdev_operand(ctx, a->v[0], &vdev)))
        return rc;
    struct vm *vm = ctx->user->vm;
    struct vdev *d = vm_vdev(vm, vdev);
    if (!d) {
        cmd_out(ctx, "HCPDTV040E Device %04X does not exist", vdev);
        return 40;
    }
    struct vdasd_info info;
    int dedicated = vdasd_info(d, &info) == 0 && !str_casecmp(info.rdev->owner, vm->userid);
    const char *what = d->devtype == 0x3390 ? "DASD" : d->devtype == 0x3215 ? "CONS" :
                       vur_of(d) ? spool_qname(vur_of(d)->queue) : "DEV";
    if (dedicated)
        info.rdev->owner[0] = 0;
    vm_detach_vdev(vm, d);
    cmd_out(ctx, "%s %04X DETACHED", what, vdev);
    return 0;
}

int cmd_attach(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n < 3 || strcmp(a->v[1], "TO"))
        return a->n < 3 ? msg_missing_operand(ctx) : msg_invalid_operand(ctx, a->v[1]);
    struct rdev *r = real_dasd(ctx, a->v[0], "ATR");
    if (!r)
        return 40;
    struct vm *other;
    if (!strcmp(a->v[2], "SYSTEM")) {
        if (a->n > 3)
            return msg_invalid_option(ctx, a->v[3]);
        if (strcmp(r->owner, OFFLINE) != 0) {
            cmd_out(ctx, "HCPATR131E DASD %04X already attached to %s", r->devno,
                    r->owner[0] ? r->owner : "SYSTEM");
            return 131;
        }
        r->owner[0] = 0;
        cmd_out(ctx, "DASD %04X ATTACHED TO SYSTEM %s", r->devno, r->volser);
        return 0;
    }
    struct vm *vm = vm_find(a->v[2]);
    uint16_t vdev = r->devno;
    int i = 3, ro = 0;
    if (i + 1 < a->n && !strcmp(a->v[i], "AS")) {
        if (dir_parse_vdev(a->v[i + 1], &vdev) != 0)
            return msg_invalid_operand(ctx, a->v[i + 1]);
        i += 2;
    }
    if (i < a->n && (!strcmp(a->v[i], "R/O") || !strcmp(a->v[i], "RO")))
        ro = 1, i++;
    if (i < a->n)
        return msg_invalid_option(ctx, a->v[i]);
    if (!vm) {
        cmd_out(ctx, "HCPATR045E %s not logged on", a->v[2]);
        return 45;
    }
    if (r->owner[0] || user_of(r, &other)) {
        cmd_out(ctx, "HCPATR131E DASD %04X already attached to %s", r->devno,
                r->owner[0] && strcmp(r->owner, OFFLINE) ? r->owner : "SYSTEM");
        return 131;
    }
    if (vm_vdev(vm, vdev)) {
        cmd_out(ctx, "HCPATR1012E %s %04X already defined", vm->userid, vdev);
        return 1012;
    }
    /* The whole volume, cylinder 0 (its label) included. */
    if (!vdasd_define(vm, vdev, r, 0, r->cylinders, ro)) {
        cmd_out(ctx, "HCPATR9132E %04X not attached; no room for another virtual device", vdev);
        return 9132;
    }
    str_copy(r->owner, vm->userid, sizeof r->owner);
    cmd_out(ctx, "DASD %04X ATTACHED TO %s %04X%s", r->devno, vm->userid, vdev, ro ? " R/O" : "");
    return 0;
}

int define_t3390(struct cmd_ctx *ctx, struct cmd_args *a)
{
    int i = 0;                  /* after DEFINE T3390 (cmd/vmcmd.c's table) */
    uint16_t vdev;
    uint32_t cyls = 0;
    if (i < a->n && !strcmp(a->v[i], "AS"))
        i++;
    if (i >= a->n)
        return msg_missing_operand(ctx);
    int rc = vdev_operand(ctx, a->v[i++], &vdev);
    if (rc)
        return rc;
    if (i < a->n && !strcmp(a->v[i], "CYL"))
        i++;
    if (i >= a->n)
        return msg_missing_operand(ctx);
    for (const char *p = a->v[i]; *p; p++) {
        if (*p < '0' || *p > '9' || cyls > 65520)
            return msg_invalid_operand(ctx, a->v[i]);
        cyls = cyls * 10 + (uint32_t)(*p - '0');
    }
    if (cyls == 0 || cyls > 65520)
        return msg_invalid_operand(ctx, a->v[i]);
    if (++i < a->n)
        return msg_invalid_option(ctx, a->v[i]);
    if ((rc = need_vm(ctx)) != 0)
        return rc;
    struct vm *vm = ctx->user->vm;
    if (vm_vdev(vm, vdev)) {
        cmd_out(ctx, "HCPDEF1012E %s %04X already defined", vm->userid, vdev);
        return 1012;
    }
    struct rdev *r;
    uint32_t start;
    if (tdisk_alloc(cyls, &r, &start) != 0) {
        cmd_out(ctx, "HCPDEF091E DASD %04X not defined; temp space not available", vdev);
        return 91;
    }
    struct vdev *d = vdasd_define(vm, vdev, r, start, cyls, 0);
    if (!d) {
        tdisk_free(r, start);
        cmd_out(ctx, "HCPDEF9132E %04X not defined; no room for another virtual device", vdev);
        return 9132;
    }
    vdasd_set_tdisk(d);
    cmd_out(ctx, "DASD %04X DEFINED", vdev);
    return 0;
}

/* One user's virtual 3390s, as z/VM's QUERY VIRTUAL DASD shows them. */
int query_mdisk(struct cmd_ctx *ctx, struct cmd_args *a)
{
    int rc = need_vm(ctx), n = 0;
    if (rc)
        return rc;
    if (a->n > 0)
        return msg_invalid_option(ctx, a->v[0]);
    struct vm *vm = ctx->user->vm;
    for (int k = 0; k < vm->nvdev; k++) {
        struct vdasd_info info;
        const struct vdev *d = &vm->vdev[k];
        if (vdasd_info(d, &info) != 0)
            continue;
        n++;
        cmd_out(ctx, "DASD %04X 3390 %-6s %s %6u CYL ON DASD  %04X SUBCHANNEL = %04X",
                d->devno, info.tdisk ? "(TEMP)" : info.rdev->volser[0] ? info.rdev->volser : "------",
                info.readonly ? "R/O" : "R/W", info.cyls, info.rdev->devno, d->schnum);
    }
    if (!n) {
        cmd_out(ctx, "HCPQVD040E No minidisks");
        return 40;
    }
    return 0;
}

/* Who links a minidisk of one's own: "USERID vdev R/O|R/W", four a line. */
int query_links(struct cmd_ctx *ctx, struct cmd_args *a)
{
    int rc = need_vm(ctx);
    if (rc)
        return rc;
    struct vm *me = ctx->user->vm;
    uint16_t only = 0;
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    if (a->n == 1 && (rc = vdev_operand(ctx, a->v[0], &only)) != 0)
        return rc;
    int shown = 0;
    for (int k = 0; k < me->nvdev; k++) {
        struct vdasd_info mine;
        const struct vdev *d = &me->vdev[k];
        if (vdasd_info(d, &mine) != 0 || (a->n == 1 && d->devno != only))
            continue;
        char line[160];
        size_t len = 0;
        int per_line = 0;
        line[0] = 0;
        for (int i = 0; i < VM_MAX; i++)
            for (int j = 0; vms[i].in_use && j < vms[i].nvdev; j++) {
                struct vdasd_info o;
                if (vdasd_info(&vms[i].vdev[j], &o) != 0 || o.rdev != mine.rdev ||
                    o.start != mine.start || o.cyls != mine.cyls)
                    continue;
                len += (size_t)fmt(line + len, sizeof line - len, "%s%-8s %04X %s",
                                   per_line ? ", " : "", vms[i].userid, vms[i].vdev[j].devno,
                                   o.readonly ? "R/O" : "R/W");
                if (++per_line == 4) {
                    cmd_out(ctx, "%s", line);
                    len = 0;
                    per_line = 0;
                }
            }
        if (per_line)
            cmd_out(ctx, "%s", line);
        shown++;
    }
    if (!shown) {
        if (a->n == 1)
            cmd_out(ctx, "HCPQLN040E Device %04X does not exist", only);
        else
            cmd_out(ctx, "HCPQLN040E No minidisks");
        return 40;
    }
    return 0;
}
