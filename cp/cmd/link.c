/* LINK [TO] userid vdev1 [AS] vdev2 [mode] [[PASS=] password]: another
 * user's minidisk (or one's own) as vdev2, with z/VM's sharing rules
 * (cp/vm/mdlink.h).  The mode defaults to R.  A password is needed unless
 * the disk is one's own, the directory gives the user OPTION LNKNOPAS, or
 * the MDISK password for that mode is ALL; the owner's directory giving
 * no password for the mode means no such link.  ZCP does not prompt for
 * the password: it goes on the command line. */
#include "cp/cmd/commands.h"
#include "cp/sys/sysdir.h"
#include "cp/vm/mdlink.h"
#include "lib/str.h"

static int parse_mode(const char *s, enum dir_mode *m)
{
    for (int i = DIR_MODE_R; i <= DIR_MODE_MW; i++)
        if (!strcmp(s, dir_mode_name((enum dir_mode)i))) {
            *m = (enum dir_mode)i;
            return 0;
        }
    return -1;
}

static const char *const pw_kind[] = { "read", "read", "write", "write", "multi", "multi", "multi" };

int cmd_link(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = ctx->user->vm;
    int i = 0;
    uint16_t target, vdev;
    enum dir_mode mode = DIR_DEFAULT_LINK_MODE;
    const char *pw = 0;
    if (i < a->n && !strcmp(a->v[i], "TO"))
        i++;
    /* The userid is checked first, as z/VM does: `LINK userid` alone tells a
     * user not in the directory (rc 53) from one that is (rc 26, an operand
     * missing); Linux's vmur checks `vmur pun -u userid` that way. */
    if (i < a->n && strcmp(a->v[i], "*")) {
        if (strlen(a->v[i]) > 8) {
            cmd_out(ctx, "HCPLNM020E Userid missing or invalid");
            return 20;
        }
        if (!dir_find(&sysdir, a->v[i])) {
            cmd_out(ctx, "HCPLNM053E %s not in CP directory", a->v[i]);
            return 53;
        }
    }
    if (a->n - i < 3)
        return msg_missing_operand(ctx);
    const char *owner = a->v[i++];
    if (dir_parse_vdev(a->v[i], &target) != 0)
        return msg_invalid_operand(ctx, a->v[i]);
    if (!strcmp(a->v[++i], "AS") && i + 1 < a->n)
        i++;
    if (dir_parse_vdev(a->v[i], &vdev) != 0)
        return msg_invalid_operand(ctx, a->v[i]);
    i++;
    if (i < a->n && parse_mode(a->v[i], &mode) == 0)
        i++;
    if (i < a->n && !strcmp(a->v[i], "PASS=") && i + 1 < a->n)
        i++;
    if (i < a->n) {
        pw = !strncmp(a->v[i], "PASS=", 5) ? a->v[i] + 5 : a->v[i];
        i++;
    }
    if (i < a->n)
        return msg_invalid_option(ctx, a->v[i]);
    if (!vm) {
        cmd_out(ctx, "HCPLNM9134E %s has no virtual machine to link a disk to", ctx->user->userid);
        return 9134;
    }
    if (!strcmp(owner, "*"))
        owner = vm->userid;
    const struct dir_user *ou = dir_find(&sysdir, owner);
    const struct dir_dev *md = ou ? dir_find_dev(ou, target) : 0;
    const struct dir_user *me = dir_find(&sysdir, vm->userid);
    int own = ou && !str_casecmp(ou->userid, vm->userid);
    int nopass = own || (me && (me->options & DIR_OPT_LNKNOPAS));
    if (md && md->kind == DIR_DEV_MDISK && !nopass) {
        const char *want = mdisk_password(md, mode);
        if (!want[0]) {
            cmd_out(ctx, "HCPLNM113E %s %04X not linked; no %s password", ou->userid, target,
                    pw_kind[mode]);
            return 113;
        }
        if (str_casecmp(want, "ALL") && (!pw || str_casecmp(pw, want))) {
            cmd_out(ctx, "HCPLNM114E %s %04X not linked; password incorrect", ou->userid, target);
            return 114;
        }
    }
    char msg[160];
    int rc = mdisk_link(vm, owner, target, vdev, mode, msg, sizeof msg);
    if (msg[0])
        cmd_out(ctx, "%s", msg);
    return rc;
}
