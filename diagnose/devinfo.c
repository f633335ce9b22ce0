/* Device DIAGNOSE codes: X'24' (device type and features, in registers)
 * and X'210' (device information block, VRDCBLOK).  Class and type codes
 * are z/VM's (VM/SP SPG SC19-6203 p237; as Hercules' vm.c tabulates them).
 *
 * One row a virtual device type: a new device (punch, printer, minidisk)
 * adds its row here and both codes know it. */
#include "diagnose/diag.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/vspool.h"
#include "cp/vm/vdasd.h"
#include "cp/dev/rdev.h"
#include "lib/be.h"
#include "lib/mem.h"

#define DC_TERM 0x80            /* VM device classes */
#define DC_URI  0x20
#define DC_URO  0x10
#define DC_DASD 0x04
#define DC_SPEC 0x02
#define DT_UNKN 0x01

#define VS_BUSY 0x20            /* virtual device status */

static const struct {
    uint16_t devtype;
    uint8_t output;             /* 2540: the punch side (else the reader) */
    uint8_t cls, type;          /* VM class and type (virtual and real) */
    uint8_t model;
    uint8_t features;           /* real features; a console's line length */
    uint8_t spooled;            /* no real device behind it: X'210' cc 2 */
} devtypes[] = {
    { 0x3215, 0, DC_TERM, 0x00, 0x00, 132, 0 },
    { 0x2540, 0, DC_URI,  0x82, 0x00, 0,   1 },
    { 0x3505, 0, DC_URI,  0x84, 0x00, 0,   1 },
    { 0x2540, 1, DC_URO,  0x82, 0x00, 0,   1 },
    { 0x3525, 1, DC_URO,  0x84, 0x00, 0,   1 },
    { 0x1403, 1, DC_URO,  0x41, 0x00, 0,   1 },
    /* A minidisk (cp/vm/vdasd.c): ECKD class and 3390 type as z/VM and
     * Hercules' vm.c report it; the real volume's model (describe()),
     * features RPS (X'80') and extended sense (X'40': 32 sense bytes).
     * Linux's dasd_diag takes the class from X'210' to find its label
     * block (drivers/s390/block/dasd_diag.c: ECKD, block 3). */
    { 0x3390, 0, DC_DASD, 0x82, 0x00, 0xC0, 0 },
};

struct devdata {
    uint8_t vdat[4];            /* VRDCVDAT: class, type, status, flags */
    uint8_t rdat[4];            /* VRDCRCDT: class, type, model, features */
    int spooled;
};

static void describe(const struct vdev *d, struct devdata *o)
{
    memset(o, 0, sizeof *o);
    o->vdat[0] = o->rdat[0] = DC_SPEC;      /* a type not in the table */
    o->vdat[1] = o->rdat[1] = DT_UNKN;
    for (unsigned i = 0; i < sizeof devtypes / sizeof devtypes[0]; i++)
        if (devtypes[i].devtype == d->devtype && devtypes[i].output == (d->ops == &vpun_ops)) {
            o->vdat[0] = o->rdat[0] = devtypes[i].cls;
            o->vdat[1] = o->rdat[1] = devtypes[i].type;
            o->rdat[2] = devtypes[i].model;
            o->rdat[3] = devtypes[i].features;
            o->spooled = devtypes[i].spooled;
        }
    struct vdasd_info info;
    if (o->rdat[0] == DC_DASD && vdasd_info(d, &info) == 0 && info.rdev)
        o->rdat[2] = info.rdev->model;
    if (d->sch.busy || d->sch.pending)
        o->vdat[2] |= VS_BUSY;
    if (o->spooled)
        memset(o->rdat, 0, sizeof o->rdat);
}

/* X'24': Rx = device number, or -1 for the virtual console (its number is
 * then returned in Rx).  Ry = VRDCVDAT, Ry+1 = VRDCRCDT (unless Ry is
 * R15).  cc 0; cc 2 for a spooled device (no real data: Ry+1 unchanged);
 * cc 3 if there is no such device.  Not in 64-bit addressing mode. */
void diag_x24(struct diag_args *a)
{
    struct vm *vm = a->v->vm;
    if (diag_amode64(a))
        return (void)diag_spec(a);
    uint32_t rx = diag_reg32(a, a->rx);
    struct vdev *d;
    if (rx == 0xFFFFFFFF) {
        d = vm_console(vm);
        if (d)
            diag_set32(a, a->rx, d->devno);
    } else {
        d = vm_vdev(vm, (uint16_t)rx);
    }
    if (!d || (rx != 0xFFFFFFFF && rx > 0xFFFF)) {
        vcpu_set_cc(a->v, 3);
        return;
    }
    struct devdata o;
    describe(d, &o);
    diag_set32(a, a->ry, be32_get(o.vdat));
    if (!o.spooled && a->ry != 15)
        diag_set32(a, a->ry + 1, be32_get(o.rdat));
    vcpu_set_cc(a->v, o.spooled ? 2 : 0);
}

/* X'210': Rx -> VRDCBLOK (fullword-aligned): device number at 0, block
 * length at 2 (at least 8).  CP fills virtual data at 4, real data at 8,
 * as much of the first 16 bytes as the length allows.  cc 0 (real device),
 * 2 (virtual only, e.g. spooled unit record: as Linux vmur expects), 3 (no
 * such device).  Not in 64-bit addressing mode. */
void diag_x210(struct diag_args *a)
{
    uint64_t addr = diag_addr(a, a->rx);
    uint8_t b[16];
    if (diag_amode64(a))
        return (void)diag_spec(a);
    if (diag_check(a, addr, 4, 4) || diag_read(a, addr, b, 4))
        return;
    uint16_t len = be16_get(b + 2);
    if (len < 8)
        return (void)diag_spec(a);
    size_t n = len < sizeof b ? len : sizeof b;
    if (diag_check(a, addr, n, 4))
        return;
    struct vdev *d = vm_vdev(a->v->vm, be16_get(b));
    if (!d) {
        vcpu_set_cc(a->v, 3);
        return;
    }
    struct devdata o;
    describe(d, &o);
    memset(b + 4, 0, sizeof b - 4);
    memcpy(b + 4, o.vdat, 4);
    memcpy(b + 8, o.rdat, 4);
    if (diag_write(a, addr, b, n))
        return;
    vcpu_set_cc(a->v, o.spooled ? 2 : 0);
}
