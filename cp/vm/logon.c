/* Creating a virtual machine from its directory entry. */
#include "cp/vm/logon.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/vdasd.h"
#include "cp/sys/control.h"
#include "lib/fmt.h"
#include "lib/str.h"

/* The real volume with this volser, or NULL. */
struct rdev *dasd_by_volser(const char *volser)
{
    for (int i = 0; i < rdev_count; i++)
        if (rdevs[i].cls == RDEV_DASD && rdevs[i].volser[0] &&
            str_casecmp(rdevs[i].volser, volser) == 0)
            return &rdevs[i];
    return 0;
}

/* MDISK vdev 3390 start cyls volser mode: a virtual 3390 on the slice.
 * What cannot be defined is told to the user, as z/VM does at logon. */
static void define_mdisk(struct vm *vm, const struct dir_dev *dd)
{
    char line[128];
    const char *volser = dd->u.mdisk.volser;
    if (dd->u.mdisk.tdisk || dd->devtype != 3390) {
        fmt(line, sizeof line, "HCPLNM9130W %04X not defined; only 3390 minidisks on a volume "
            "are supported", dd->vdev);
        user_message(vm->userid, line);
        return;
    }
    struct rdev *r = dasd_by_volser(volser);
    if (!r) {
        fmt(line, sizeof line, "HCPLNM108E %04X not linked; volid %s not mounted", dd->vdev, volser);
        user_message(vm->userid, line);
        return;
    }
    uint32_t cyls = dd->u.mdisk.cyls == DIR_CYLS_END ? r->cylinders - dd->u.mdisk.start
                                                     : dd->u.mdisk.cyls;
    if (dd->u.mdisk.start >= r->cylinders || cyls > r->cylinders - dd->u.mdisk.start) {
        fmt(line, sizeof line, "HCPLNM9131E %04X not defined; cylinders %u-%u are beyond volume "
            "%s (%u cylinders)", dd->vdev, dd->u.mdisk.start, dd->u.mdisk.start + cyls - 1,
            volser, r->cylinders);
        user_message(vm->userid, line);
        return;
    }
    enum dir_mode m = dd->u.mdisk.mode;
    int readonly = m == DIR_MODE_R || m == DIR_MODE_RR;
    if (!vdasd_define(vm, dd->vdev, r, dd->u.mdisk.start, cyls, readonly)) {
        fmt(line, sizeof line, "HCPLNM9132E %04X not defined; no room for another virtual device",
            dd->vdev);
        user_message(vm->userid, line);
    }
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
        } else if (dd->kind == DIR_DEV_SPOOL && dd->u.spool.what == DIR_SPOOL_READER) {
            struct vdev *r = vm_add_vdev(vm, dd->vdev, 0x3505, &vrdr_ops);
            struct deck deck;
            if (r && deck_queue_take(vm->userid, &deck) == 0)
                vrdr_load(r, &deck);
        } else if (dd->kind == DIR_DEV_MDISK) {
            define_mdisk(vm, dd);
        }
        /* Punches and printers come with the spool; LINK statements and
         * T-DISKs are not defined yet. */
    }
    return vm;
}

int vm_count(void)
{
    int n = 0;
    for (int i = 0; i < VM_MAX; i++)
        n += vms[i].in_use;
    return n;
}
