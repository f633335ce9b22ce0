/* Guest reset and IPL.  ZCP's virtual machines are z/Architecture from
 * the start (as z/VM's MACHINE Z): the 8-byte IPL PSW at absolute 0 is
 * taken as a short-format PSW, the way LPSW converts one (bit 12 must be
 * one, and is dropped; bit 32 is the 31-bit addressing mode).  The IPL
 * device's subsystem id goes to X'B8'; IPL PARM text goes into the guest's
 * GRs 0-15, four EBCDIC characters to a register's low word, as z/VM does. */
#include "cp/vm/vm.h"
#include "cp/vm/vcss.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

void vm_reset(struct vm *vm, int clear)
{
    vm_hold(vm);
    for (int i = 0; i < vm->nvcpu; i++) {
        struct vcpu *v = vm->vcpu[i];
        v->state = VCPU_STOPPED;
        v->ext_pending = 0;
        v->pf.on = 0;                   /* DIAG X'258' handshake ends */
        memset(&v->iucv, 0, sizeof v->iucv);   /* IUCV buffer given back */
        v->sd.psw_mask = v->sd.psw_addr = 0;
        v->sd.prefix = 0;
        v->sd.cputm = v->sd.ckc = 0;
        memset(v->sd.gcr, 0, sizeof v->sd.gcr);
        v->sd.gcr[0] = 0xE0;
        v->sd.gcr[14] = 0xC2000000;
        memset(v->gpr, 0, sizeof v->gpr);
        v->sd.gg14 = v->sd.gg15 = 0;
    }
    vcss_reset(vm);
    vsclp_reset(vm);
    if (clear) {
        uint64_t size = vm->stor.size;
        gstor_free(&vm->stor);
        gstor_init(&vm->stor, size);
    }
    vm_release(vm);
}

int vm_ipl(struct vm *vm, uint16_t devno, int clear, const char *parm, char *msg, int msgsize)
{
    struct vdev *d = vm_vdev(vm, devno);
    if (!d) {
        fmt(msg, (size_t)msgsize, "HCPIPL040E Device %04X does not exist", devno);
        return 40;
    }
    vm_reset(vm, clear);
    if (vcss_ipl(d) != 0) {
        fmt(msg, (size_t)msgsize, "HCPIPL3221E Device %04X IPL failed: the IPL channel program did not complete", devno);
        return 3221;
    }
    uint8_t psw[8], sid[4];
    gstor_read(&vm->stor, 0, psw, 8);
    be32_put(sid, 0x00010000u | d->schnum);
    gstor_write(&vm->stor, 0xB8, sid, 4);
    uint32_t w0 = be32_get(psw), w1 = be32_get(psw + 4);
    struct vcpu *v = vm->vcpu[0];
    if (!(w0 & 0x00080000)) {
        fmt(msg, (size_t)msgsize, "HCPIPL3222E Device %04X IPL PSW %08X %08X is not valid", devno, w0, w1);
        return 3222;
    }
    v->sd.psw_mask = (uint64_t)(w0 & ~0x00080000u) << 32 | (w1 & 0x80000000u);
    v->sd.psw_addr = w1 & 0x7FFFFFFF;
    if (parm && *parm) {
        uint8_t e[64];
        memset(e, EBCDIC_SPACE, sizeof e);
        size_t n = strnlen(parm, sizeof e);
        ebcdic_from_ascii(e, parm, n);
        for (int r = 0; r < 16; r++)
            vcpu_set_gpr(v, r, be32_get(e + 4 * r));
        fmt(vm->ipl_parm, sizeof vm->ipl_parm, "%s", parm);
    }
    diag_ipl_record(vm, devno, parm);
    v->state = VCPU_RUNNING;
    return 0;
}
