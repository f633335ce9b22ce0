/* Guest interruptions.  CP presents them the way the machine would: the
 * old PSW and the interruption codes go into the guest's prefix area, the
 * new PSW comes from it (Principles of Operation, "Interruptions").  While
 * the guest runs under SIE the machine presents its clock-comparator and
 * CPU-timer interruptions itself; CP does it while the guest waits. */
#include "cp/vm/vm.h"
#include "cp/vm/vcss.h"
#include "cp/arch/clock.h"
#include "lib/be.h"
#include "lib/mem.h"

#define PSW_IO   0x0200000000000000ULL
#define PSW_EXT  0x0100000000000000ULL
#define PSW_WAIT 0x0002000000000000ULL

/* CR0 external subclass masks (bits 49, 50, 52, 53). */
#define CR0_EMERG  0x4000ULL
#define CR0_EXTCALL 0x2000ULL
#define CR0_CKC    0x0800ULL
#define CR0_CPUTMR 0x0400ULL
#define CR0_SERVSIG 0x0200ULL

static void swap_psw(struct vcpu *v, uint64_t old_off, uint64_t new_off)
{
    struct gstor *g = &v->vm->stor;
    uint64_t pfx = v->sd.prefix;
    uint8_t buf[16];
    be64_put(buf, v->sd.psw_mask);
    be64_put(buf + 8, v->sd.psw_addr);
    gstor_write(g, pfx + old_off, buf, 16);
    gstor_read(g, pfx + new_off, buf, 16);
    v->sd.psw_mask = be64_get(buf);
    v->sd.psw_addr = be64_get(buf + 8);
}

void vcpu_program_interrupt(struct vcpu *v, uint16_t code, int ilc)
{
    uint8_t b[4];
    be16_put(b, (uint16_t)ilc);
    be16_put(b + 2, code);
    gstor_write(&v->vm->stor, v->sd.prefix + GLC_PGM_ILC, b, 4);
    swap_psw(v, GLC_PGM_OLD, GLC_PGM_NEW);
}

int vcpu_try_io_interrupt(struct vcpu *v)
{
    if (!(v->sd.psw_mask & PSW_IO))
        return 0;
    /* CR6 bits 32-39 enable I/O interruption subclasses 0-7. */
    uint8_t isc_mask = (uint8_t)(v->sd.gcr[6] >> 24);
    struct vdev *d = vcss_take_interrupt(v->vm, isc_mask);
    if (!d)
        return 0;
    uint8_t b[12];
    be32_put(b, 0x00010000u | d->schnum);
    be32_put(b + 4, d->sch.intparm);
    be32_put(b + 8, (uint32_t)d->sch.isc << 27);     /* interruption identification word */
    gstor_write(&v->vm->stor, v->sd.prefix + GLC_SUBCH_ID, b, 12);
    swap_psw(v, GLC_IO_OLD, GLC_IO_NEW);
    return 1;
}

void vcpu_post_ext(struct vcpu *v, unsigned what, uint16_t from_cpu)
{
    v->ext_pending |= what;
    if (what & VEXT_EMERGENCY)
        v->emergency_from = from_cpu;
    if (what & VEXT_EXTCALL)
        v->extcall_from = from_cpu;
    vcpu_kick(v);
}

int vcpu_post_blockio(struct vcpu *v, uint8_t subcode, uint8_t status, uint64_t parm)
{
    if (!(v->ext_pending & VEXT_BLOCKIO))
        v->nbio = 0;                    /* a reset dropped what was queued */
    if (v->nbio == sizeof v->bio / sizeof v->bio[0])
        return -1;
    v->bio[v->nbio].parm = parm;
    v->bio[v->nbio].code = (uint16_t)(subcode << 8 | status);
    v->nbio++;
    v->ext_pending |= VEXT_BLOCKIO;
    vcpu_kick(v);
    return 0;
}

/* Bring the CPU timer up to date while the guest is not in SIE. */
static void age_cpu_timer(struct vcpu *v)
{
    if (v->state == VCPU_WAIT && v->wait_tod) {
        uint64_t now = tod_now();
        v->sd.cputm -= now - v->wait_tod;
        v->wait_tod = now;
    }
}

static void present_ext(struct vcpu *v, uint16_t code, uint16_t cpu)
{
    uint8_t b[4];
    be16_put(b, cpu);
    be16_put(b + 2, code);
    gstor_write(&v->vm->stor, v->sd.prefix + GLC_EXT_CPU, b, 4);
    swap_psw(v, GLC_EXT_OLD, GLC_EXT_NEW);
}

/* An external interruption whose parameter, CPU address and code (the
 * 8 bytes of prefix-area X'80'-X'87') the machine gave with an intercept. */
void vcpu_external_interrupt(struct vcpu *v, const uint8_t fields[8])
{
    gstor_write(&v->vm->stor, v->sd.prefix + GLC_EXT_PARAMS, fields, 8);
    swap_psw(v, GLC_EXT_OLD, GLC_EXT_NEW);
}

static int try_ext_interrupt(struct vcpu *v)
{
    if (!(v->sd.psw_mask & PSW_EXT))
        return 0;
    uint64_t cr0 = v->sd.gcr[0];
    if ((v->ext_pending & VEXT_EMERGENCY) && (cr0 & CR0_EMERG)) {
        v->ext_pending &= ~VEXT_EMERGENCY;
        present_ext(v, 0x1201, v->emergency_from);
        return 1;
    }
    if ((v->ext_pending & VEXT_EXTCALL) && (cr0 & CR0_EXTCALL)) {
        v->ext_pending &= ~VEXT_EXTCALL;
        present_ext(v, 0x1202, v->extcall_from);
        return 1;
    }
    if ((v->ext_pending & VEXT_BLOCKIO) && (cr0 & CR0_SERVSIG)) {
        uint8_t b[8];
        uint16_t code = v->bio[0].code;
        be64_put(b, v->bio[0].parm);
        if ((code >> 8) == 0x07 || (code >> 8) == 0x06)     /* 06: pfault, diagnose/paging.c */
            gstor_write(&v->vm->stor, v->sd.prefix + 0x11B8, b, 8);
        else
            gstor_write(&v->vm->stor, v->sd.prefix + GLC_EXT_PARAMS, b + 4, 4);
        v->nbio--;
        memmove(&v->bio[0], &v->bio[1], v->nbio * sizeof v->bio[0]);
        if (!v->nbio)
            v->ext_pending &= ~VEXT_BLOCKIO;
        present_ext(v, 0x2603, code);
        return 1;
    }
    if ((cr0 & CR0_CKC) && tod_now() + v->sd.epoch > v->sd.ckc) {
        present_ext(v, 0x1004, 0);      /* stays pending until the guest moves the CKC */
        return 1;
    }
    age_cpu_timer(v);
    if ((cr0 & CR0_CPUTMR) && (int64_t)v->sd.cputm < 0) {
        present_ext(v, 0x1005, 0);
        return 1;
    }
    if ((v->ext_pending & VEXT_SERVICE) && (cr0 & CR0_SERVSIG)) {
        uint8_t parm[4];                /* the SCCB address (cp/vm/vsclp.c) */
        be32_put(parm, vsclp_take_signal(v->vm));
        gstor_write(&v->vm->stor, v->sd.prefix + GLC_EXT_PARAMS, parm, 4);
        present_ext(v, 0x2401, 0);
        return 1;
    }
    return 0;
}

/* Could the guest take a pending I/O (ext) interruption once its PSW
 * enables for it, given the subclass masks in CR6 (CR0)?  SIE is asked to
 * intercept only then: asking for one the guest has masked makes every
 * SIE entry end at once when the PSW is enabled, and the guest (Linux
 * polling its console with other interruptions pending) never advances. */
int vcpu_io_wanted(struct vcpu *v)
{
    if (!v->vm->io_pending)
        return 0;
    uint8_t isc_mask = (uint8_t)(v->sd.gcr[6] >> 24);
    for (int i = 0; i < v->vm->nvdev; i++) {
        const struct vdev *d = &v->vm->vdev[i];
        if (d->sch.irq && (isc_mask & (0x80 >> d->sch.isc)))
            return 1;
    }
    return 0;
}

int vcpu_ext_wanted(struct vcpu *v)
{
    uint64_t cr0 = v->sd.gcr[0];
    return ((v->ext_pending & VEXT_EMERGENCY) && (cr0 & CR0_EMERG)) ||
           ((v->ext_pending & VEXT_EXTCALL) && (cr0 & CR0_EXTCALL)) ||
           ((v->ext_pending & (VEXT_BLOCKIO | VEXT_SERVICE)) && (cr0 & CR0_SERVSIG));
}

int vcpu_deliver(struct vcpu *v)
{
    return vcpu_try_io_interrupt(v) || try_ext_interrupt(v);
}

uint64_t vcpu_wake_tod(struct vcpu *v)
{
    uint64_t when = ~0ULL;
    if (!(v->sd.psw_mask & PSW_EXT))
        return when;
    uint64_t cr0 = v->sd.gcr[0];
    if (cr0 & CR0_CKC)
        when = v->sd.ckc - v->sd.epoch;
    if ((cr0 & CR0_CPUTMR) && (int64_t)v->sd.cputm >= 0) {
        uint64_t t = tod_now() + v->sd.cputm;
        if (t < when)
            when = t;
    }
    return when;
}

void vcpu_check_wait(struct vcpu *v)
{
    if (v->state == VCPU_STOPPED || v->state == VCPU_HALTED)
        return;
    if (vcpu_deliver(v)) {
        v->state = VCPU_RUNNING;
        v->wait_tod = 0;
        return;
    }
    if (!(v->sd.psw_mask & PSW_WAIT)) {
        v->state = VCPU_RUNNING;
        v->wait_tod = 0;
        return;
    }
    /* A wait with I/O and external disabled can never end: reported, and
     * the vCPU stays halted until a reset (z/VM leaves the user in CP READ). */
    if (!(v->sd.psw_mask & (PSW_IO | PSW_EXT))) {
        v->state = VCPU_HALTED;
        return;
    }
    if (v->state != VCPU_WAIT) {
        v->state = VCPU_WAIT;
        v->wait_tod = tod_now();
    }
}
