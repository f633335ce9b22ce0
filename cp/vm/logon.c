/* Creating a virtual machine from its directory entry. */
#include "cp/vm/logon.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/vspool.h"
#include "cp/vm/mdlink.h"
#include "cp/sys/control.h"
#include "lib/fmt.h"
#include "lib/str.h"

/* The real volume with this volser that CP has (not dedicated to a
 * user, not detached from the system), or NULL. */
struct rdev *dasd_by_volser(const char *volser)
{
    for (int i = 0; i < rdev_count; i++)
        if (rdevs[i].cls == RDEV_DASD && rdevs[i].volser[0] && !rdevs[i].owner[0] &&
            str_casecmp(rdevs[i].volser, volser) == 0)
            return &rdevs[i];
    return 0;
}

/* MDISK and LINK statements: the user's own minidisk, or a link to
 * another user's, with z/VM's sharing rules.  What cannot be defined is
 * told to the user, as z/VM does at logon. */
static void define_mdisk(struct vm *vm, const struct dir_dev *dd)
{
    char line[160];
    int mdisk = dd->kind == DIR_DEV_MDISK;
    const char *owner = mdisk || !strcmp(dd->u.link.userid, "*") ? vm->userid : dd->u.link.userid;
    mdisk_link(vm, owner, mdisk ? dd->vdev : dd->u.link.target, dd->vdev,
               mdisk ? dd->u.mdisk.mode : dd->u.link.mode, line, sizeof line);
    if (line[0])
        user_message(vm->userid, line);
}

struct vm *vm_logon(const struct dir_user *u, char *msg, int msgsize)
{
    int ncpus = 1 + u->ncpus;
    if (ncpus > VCPU_MAX)
        ncpus = VCPU_MAX;
    struct vm *vm = vm_create(u->userid, u->storage, ncpus);
    if (!vm) {
        fmt(msg, (size_t)msgsize, "HCPLGA9110E %s cannot be logged on: no room for another "
            "virtual machine of %lluM", u->userid, (unsigned long long)(u->storage >> 20));
        return 0;
    }
    for (int i = 0; i < 32 && u->classes >> i; i++)
        if (u->classes & (1u << i)) {
            size_t n = strlen(vm->classes);
            vm->classes[n] = (char)(i < 26 ? 'A' + i : '1' + i - 26);
            vm->classes[n + 1] = 0;
        }
    for (int i = 0; i < u->ndevs; i++) {
        const struct dir_dev *dd = &u->devs[i];
        if (dd->kind == DIR_DEV_CONSOLE) {
            vm_add_vdev(vm, dd->vdev, 0x3215, &vcon_ops);
            str_copy(vm->secuser, dd->u.console.secuser, sizeof vm->secuser);
        } else if (dd->kind == DIR_DEV_SPOOL) {
            static const uint8_t queue[] = { [DIR_SPOOL_READER] = SQ_RDR,
                                             [DIR_SPOOL_PUNCH] = SQ_PUN,
                                             [DIR_SPOOL_PRINTER] = SQ_PRT };
            /* The statement's type is decimal (2540); the vdev's is BCD (X'2540'). */
            uint16_t t = dd->devtype;
            uint16_t bcd = (uint16_t)((t / 1000) << 12 | (t / 100 % 10) << 8 | (t / 10 % 10) << 4 | t % 10);
            vur_add(vm, dd->vdev, bcd, queue[dd->u.spool.what], dd->u.spool.cls);
        } else if (dd->kind == DIR_DEV_MDISK || dd->kind == DIR_DEV_LINK) {
            define_mdisk(vm, dd);
        }
        /* T-DISK statements are not supported yet. */
    }
    return vm;
}

int vm_logon_ipl(struct vm *vm, const struct dir_user *u, char *msg, int msgsize)
{
    if (!u->ipl)
        return 0;
    if (!u->ipl_is_vdev) {
        fmt(msg, (size_t)msgsize, "HCPLGA9134W IPL %s: named systems are not supported yet",
            u->ipl_name);
        return -1;
    }
    return vm_ipl(vm, u->ipl_vdev, 0, u->ipl_parm, msg, msgsize);
}

int vm_count(void)
{
    int n = 0;
    for (int i = 0; i < VM_MAX; i++)
        n += vms[i].in_use;
    return n;
}
