/* Minidisk links: z/VM's sharing rules and passwords (z/VM CP Commands
 * and Utilities Reference, LINK: access modes R, RR, W, WR, M, MR, MW).
 * "The same minidisk" is the same extent of the same real volume. */
#include "cp/vm/mdlink.h"
#include "cp/vm/vdasd.h"
#include "cp/sys/sysdir.h"
#include "lib/fmt.h"
#include "lib/str.h"

void mdisk_usage(const struct rdev *r, uint32_t start, uint32_t cyls, const struct vm *except,
                 struct mdisk_usage *u)
{
    *u = (struct mdisk_usage){ 0, 0, "" };
    for (int i = 0; i < VM_MAX; i++) {
        const struct vm *vm = &vms[i];
        if (!vm->in_use || vm == except)
            continue;
        for (int k = 0; k < vm->nvdev; k++) {
            struct vdasd_info info;
            if (vdasd_info(&vm->vdev[k], &info) != 0 || info.rdev != r || info.start != start ||
                info.cyls != cyls)
                continue;
            if (info.readonly) {
                u->readers++;
            } else {
                u->writers++;
                u->writer = vm->userid;
            }
        }
    }
}

int mdisk_access(enum dir_mode mode, const struct mdisk_usage *u)
{
    int others = u->readers + u->writers;
    switch (mode) {
    case DIR_MODE_R:  return u->writers ? MDISK_REFUSED : MDISK_READ;
    case DIR_MODE_RR: return MDISK_READ;
    case DIR_MODE_W:  return others ? MDISK_REFUSED : MDISK_WRITE;
    case DIR_MODE_WR: return others ? MDISK_FORCED_READ : MDISK_WRITE;
    case DIR_MODE_M:  return u->writers ? MDISK_REFUSED : MDISK_WRITE;
    case DIR_MODE_MR: return u->writers ? MDISK_FORCED_READ : MDISK_WRITE;
    default:          return MDISK_WRITE;       /* MW */
    }
}

const char *mdisk_password(const struct dir_dev *md, enum dir_mode mode)
{
    switch (mode) {
    case DIR_MODE_R: case DIR_MODE_RR: return md->u.mdisk.readpw;
    case DIR_MODE_W: case DIR_MODE_WR: return md->u.mdisk.writepw;
    default:                           return md->u.mdisk.multipw;
    }
}

/* Who has it, for a message: "R/W by USER1" or "R/O by 002 users". */
static void holders(const struct mdisk_usage *u, char *buf, size_t size)
{
    if (u->writers)
        fmt(buf, size, "R/W by %s", u->writer);
    else
        fmt(buf, size, "R/O by %03d users", u->readers);
}

int mdisk_link(struct vm *vm, const char *owner, uint16_t target, uint16_t vdev,
               enum dir_mode mode, char *msg, size_t msgsize)
{
    const struct dir_user *ou = dir_find(&sysdir, owner);
    const struct dir_dev *md = ou ? dir_find_dev(ou, target) : 0;
    char who[32];
    msg[0] = 0;
    if (!ou) {
        fmt(msg, msgsize, "HCPLNM053E %s not in CP directory", owner);
        return 53;
    }
    if (!md || md->kind != DIR_DEV_MDISK) {
        fmt(msg, msgsize, "HCPLNM107E %s %04X not linked; not in CP directory", ou->userid, target);
        return 107;
    }
    if (vm_vdev(vm, vdev)) {
        fmt(msg, msgsize, "HCPLNM110E %s %04X not linked; %04X already defined", ou->userid,
            target, vdev);
        return 110;
    }
    if (md->u.mdisk.tdisk || md->devtype != 3390) {
        fmt(msg, msgsize, "HCPLNM9130W %04X not defined; only 3390 minidisks on a volume are "
            "supported", vdev);
        return 9130;
    }
    struct rdev *r = dasd_by_volser(md->u.mdisk.volser);
    if (!r) {
        fmt(msg, msgsize, "HCPLNM108E %04X not linked; volid %s not mounted", vdev,
            md->u.mdisk.volser);
        return 108;
    }
    uint32_t start = md->u.mdisk.start;
    uint32_t cyls = md->u.mdisk.cyls == DIR_CYLS_END ? r->cylinders - start : md->u.mdisk.cyls;
    if (start >= r->cylinders || cyls > r->cylinders - start) {
        fmt(msg, msgsize, "HCPLNM9131E %04X not defined; cylinders %u-%u are beyond volume %s "
            "(%u cylinders)", vdev, start, start + cyls - 1, md->u.mdisk.volser, r->cylinders);
        return 9131;
    }
    struct mdisk_usage u;
    mdisk_usage(r, start, cyls, vm, &u);
    int access = mdisk_access(mode, &u);
    holders(&u, who, sizeof who);
    if (access == MDISK_REFUSED) {
        fmt(msg, msgsize, "HCPLNM%s %s %04X not linked; %s", u.writers ? "104E" : "105E",
            ou->userid, target, who);
        return u.writers ? 104 : 105;
    }
    if (!vdasd_define(vm, vdev, r, start, cyls, access != MDISK_WRITE)) {
        fmt(msg, msgsize, "HCPLNM9132E %04X not defined; no room for another virtual device", vdev);
        return 9132;
    }
    if (access == MDISK_FORCED_READ)
        fmt(msg, msgsize, "HCPLNM101W DASD %04X forced R/O; %s", vdev, who);
    return 0;
}
