/* Simulated privileged instructions (other than I/O and DIAGNOSE). */
#include <stdarg.h>
#include "cp/vm/intercept.h"
#include "cp/vm/guest.h"
#include "cp/arch/clock.h"
#include "cp/sys/control.h"
#include "cp/sys/system.h"
#include "lib/be.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define PSW_WAIT 0x0002000000000000ULL

void vm_report(struct vm *vm, const char *f, ...)
{
    char text[200], line[240];
    va_list ap;
    va_start(ap, f);
    vfmt(text, sizeof text, f, ap);
    va_end(ap);
    fmt(line, sizeof line, "HCPVMI9100W %s: %s", vm->userid, text);
    console_message(line);
}


/* STIDP: version code X'FF' marks a virtual machine (as z/VM reports it,
 * and as Linux's early setup checks); serial and machine type from the
 * real CPU, the low serial digit replaced by the virtual CPU address. */
void instr_stidp(struct vcpu *v)
{
    uint64_t id = (sys.cpuid & 0x00FFFFFFFFFF0000ULL) | (0xFFULL << 56);
    id = (id & ~0x000F000000000000ULL) | ((uint64_t)(v->cpuaddr & 0xF) << 48);
    id |= 0x8000;           /* format bit: as z/VM */
    uint8_t b[8];
    be64_put(b, id);
    guest_operand_write(v, guest_s_addr(v), 8, b, 8);
}

void instr_spx(struct vcpu *v)
{
    uint8_t b[4];
    if (guest_operand_read(v, guest_s_addr(v), 4, b, 4))
        return;
    uint32_t p = be32_get(b) & 0x7FFFE000;
    if (p + 0x2000 > v->vm->stor.size) {
        vcpu_program_interrupt(v, PGM_ADDRESSING, 4);
        return;
    }
    v->sd.prefix = p;
}

void instr_stpx(struct vcpu *v)
{
    uint8_t b[4];
    be32_put(b, v->sd.prefix);
    guest_operand_write(v, guest_s_addr(v), 4, b, 4);
}

void instr_stap(struct vcpu *v)
{
    uint8_t b[2];
    be16_put(b, v->cpuaddr);
    guest_operand_write(v, guest_s_addr(v), 2, b, 2);
}

/* SCK sets the guest's clock: the epoch difference to the real TOD. */
void instr_sck(struct vcpu *v)
{
    uint8_t b[8];
    if (guest_operand_read(v, guest_s_addr(v), 8, b, 8))
        return;
    v->sd.epoch = be64_get(b) - tod_now();
    vcpu_set_cc(v, 0);
}

/* CHSC (PoP: "Channel-Subsystem Call"; request and response blocks as
 * Linux drivers/s390/cio/chsc.h and Hercules chsc.c lay them out): the
 * response block follows the request, at the request's length.
 *
 * Store Channel-Path Description (X'0002'), format 0, is answered, as z/VM
 * answers it for its guests: every virtual subchannel has one path, CHPID
 * X'00' (STSCH: PIM X'80', CHPIDs 0), which is described as valid; other
 * CHPIDs are not.  Linux's cio registers a channel path only when this
 * says it is valid, and without one it counts no operational path, never
 * issues Sense ID and falls back to DIAG X'210', which names no DASD:
 * a minidisk was then no device at all.  Every other command: response
 * code X'0004' (command not installed). */
static void chsc_respond(struct vcpu *v, uint64_t at, uint16_t rlen, uint16_t code)
{
    uint8_t h[8] = { 0 };
    be16_put(h, rlen);
    be16_put(h + 2, code);
    if (guest_operand_write(v, at, 4, h, code == 0x0001 ? 8 : 4) == 0)
        vcpu_set_cc(v, 0);
}

void instr_chsc(struct vcpu *v)
{
    int r = (v->sd.ipb >> 20) & 0xF;   /* RRE: R1 in IPB bits 24-27 */
    uint64_t a = guest_wrap(v, vcpu_gpr(v, r));
    uint8_t req[16];
    if (guest_operand_read(v, a, 4096, req, 4))
        return;
    uint16_t len = be16_get(req);
    if (len < 16 || len > 4088 || (len & 7)) {
        vcpu_program_interrupt(v, PGM_OPERAND, 4);
        return;
    }
    if (be16_get(req + 2) != 0x0002) {
        chsc_respond(v, a + len, 8, 0x0004);
        return;
    }
    if (guest_operand_read(v, a, 4096, req, 16))
        return;
    uint8_t m_c_fmt = req[4] & 0x3F, cssid = req[5], rfmt = req[6] & 0x0F;
    uint8_t first = req[7], last = req[11];
    unsigned n = first <= last ? (unsigned)(last - first) + 1 : 0;
    /* Only format 0 of CSS 0, a request of 16 bytes, a response that fits. */
    if (len != 16 || m_c_fmt || cssid || rfmt || !n || len + 8 + 8 * n > 4096) {
        chsc_respond(v, a + len, 8, 0x0003);
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        uint8_t e[8] = { 0 };          /* flags, lsn, type, chpid, swla, 0, chla, chpp */
        e[3] = (uint8_t)(first + i);
        if (first + i == 0)
            e[0] = 0x80;                /* valid */
        if (guest_operand_write(v, a + len + 8 + 8 * i, 4, e, 8))
            return;
    }
    chsc_respond(v, a + len, (uint16_t)(8 + 8 * n), 0x0001);
}

/* SIGP between the CPUs of one virtual machine (PoP, "Signal Processor"). */
#define SIGP_ST_INVALID_ORDER  0x00000002
#define SIGP_ST_STOPPED        0x00000040
#define SIGP_ST_INVALID_PARM   0x00000100
#define SIGP_ST_INCORRECT      0x00000200
#define SIGP_ST_NOT_RUNNING    0x00000400

static struct vcpu *cpu_by_addr(struct vm *vm, uint64_t addr)
{
    for (int i = 0; i < vm->nvcpu; i++)
        if (vm->vcpu[i]->cpuaddr == addr)
            return vm->vcpu[i];
    return 0;
}

static void cpu_reset(struct vcpu *t, int initial)
{
    t->state = VCPU_STOPPED;
    t->ext_pending &= VEXT_SERVICE;     /* floating: stays for the other CPUs */
    if (initial) {
        t->sd.psw_mask = t->sd.psw_addr = 0;
        t->sd.prefix = 0;
        t->sd.cputm = t->sd.ckc = 0;
        memset(t->sd.gcr, 0, sizeof t->sd.gcr);
        t->sd.gcr[0] = 0xE0;
        t->sd.gcr[14] = 0xC2000000;
    }
}

int vcpu_restart(struct vcpu *t)
{
    uint8_t b[16];
    struct gstor *g = &t->vm->stor;
    be64_put(b, t->sd.psw_mask);
    be64_put(b + 8, t->sd.psw_addr);
    if (gstor_write(g, t->sd.prefix + 0x120, b, 16) || gstor_read(g, t->sd.prefix + 0x1A0, b, 16))
        return -1;
    t->sd.psw_mask = be64_get(b);
    t->sd.psw_addr = be64_get(b + 8);
    t->state = VCPU_RUNNING;
    return 0;
}

/* Store status (PoP "Store Status"; the z/Architecture save area as the
 * z/VM STORE STATUS command lists it): at absolute X'1200', or at a
 * 512-byte area the SIGP parameter names.  -1 if outside storage. */
static int store_status(struct vcpu *t, uint64_t at)
{
    uint8_t b[512];
    memset(b, 0, sizeof b);
    for (int i = 0; i < 16; i++) {
        be64_put(b + 0x00 + 8 * i, t->fpr[i]);
        be64_put(b + 0x80 + 8 * i, vcpu_gpr(t, i));
        be32_put(b + 0x140 + 4 * i, t->acr[i]);
        be64_put(b + 0x180 + 8 * i, t->sd.gcr[i]);
    }
    be64_put(b + 0x100, t->sd.psw_mask);
    be64_put(b + 0x108, t->sd.psw_addr);
    be32_put(b + 0x118, t->sd.prefix);
    be32_put(b + 0x11C, t->fpc);
    be64_put(b + 0x128, t->sd.cputm);
    be64_put(b + 0x130, t->sd.ckc >> 8);        /* bits 0-55 at X'1331' */
    return gstor_write(&t->vm->stor, at, b, sizeof b) ? -1 : 0;
}

/* Orders that change the target CPU: with several real CPUs the machine
 * is held first (cp/sched/dispatch.c, the locking rule). */
static int sigp_changes(uint8_t order)
{
    return order == 0x04 || order == 0x05 || order == 0x06 || order == 0x09 || order == 0x0B ||
           order == 0x0C || order == 0x0D || order == 0x0E;
}

static void sigp_order(struct vcpu *v, struct vcpu *t, uint8_t order, uint64_t parm, int r1);

void instr_sigp(struct vcpu *v)
{
    int r1 = (v->sd.ipa >> 4) & 0xF, r3 = v->sd.ipa & 0xF;
    uint8_t order = (uint8_t)guest_s_addr(v);
    uint64_t parm = vcpu_gpr(v, r1 | 1);
    struct vcpu *t = cpu_by_addr(v->vm, vcpu_gpr(v, r3) & 0xFFFF);
    if (!t && order != 0x12) {
        vcpu_set_cc(v, 3);
        return;
    }
    if (!t || t == v || !sigp_changes(order)) {
        sigp_order(v, t, order, parm, r1);
        return;
    }
    /* Another CPU of the machine, maybe under SIE on another real CPU:
     * held, it comes back (vm_hold waits).  Handed back with an intercept
     * CP has not handled yet, it is busy (cc 2): the guest tries again. */
    struct vm *vm = v->vm;
    vm_hold(vm);
    if (t->handoff)
        vcpu_set_cc(v, 2);
    else
        sigp_order(v, t, order, parm, r1);
    vm_release(vm);
}

static void sigp_order(struct vcpu *v, struct vcpu *t, uint8_t order, uint64_t parm, int r1)
{
    uint32_t status = 0;
    switch (order) {
    case 0x01:          /* sense */
        if (t->state == VCPU_STOPPED || t->state == VCPU_HALTED)
            status = SIGP_ST_STOPPED;
        break;
    case 0x02:          /* external call */
        vcpu_post_ext(t, VEXT_EXTCALL, v->cpuaddr);
        break;
    case 0x03:          /* emergency signal */
        vcpu_post_ext(t, VEXT_EMERGENCY, v->cpuaddr);
        break;
    case 0x04:          /* start */
        if (t->state == VCPU_STOPPED)
            t->state = VCPU_RUNNING;
        break;
    case 0x05:          /* stop */
        t->state = VCPU_STOPPED;
        break;
    case 0x09:          /* stop and store status */
        if (t == v)
            vregs_save(t->fpr, &t->fpc, t->acr);    /* its own are in the real registers */
        t->state = VCPU_STOPPED;
        if (store_status(t, 0x1200) == 0) {
            uint8_t mode = 1;                       /* z/Architecture (X'A3') */
            gstor_write(&v->vm->stor, 0xA3, &mode, 1);
        }
        break;
    case 0x0E:          /* store status at address */
        if (t->state != VCPU_STOPPED && t->state != VCPU_HALTED)
            status = SIGP_ST_INCORRECT;
        else if (store_status(t, parm & 0x7FFFFFFFFFFFFE00ULL) != 0)
            status = SIGP_ST_INVALID_PARM;
        break;
    case 0x06:          /* restart */
        if (vcpu_restart(t))
            status = SIGP_ST_INVALID_PARM;
        break;
    case 0x0B:          /* initial CPU reset */
    case 0x0C:          /* CPU reset */
        cpu_reset(t, order == 0x0B);
        break;
    case 0x0D:          /* set prefix */
        if (t->state != VCPU_STOPPED)
            status = SIGP_ST_INCORRECT;
        else if ((parm & 0x7FFFE000) + 0x2000 > v->vm->stor.size)
            status = SIGP_ST_INVALID_PARM;
        else
            t->sd.prefix = (uint32_t)(parm & 0x7FFFE000);
        break;
    case 0x15:          /* sense running status (facility 9) */
        /* PoP "Sense Running Status": cc 0 if the addressed CPU is running,
         * else cc 1 with status bit 21 (not running).  As z/VM and KVM
         * (arch/s390/kvm/sigp.c) mean it: the virtual CPU is dispatched on
         * a real CPU now - owned by one (cp/sched/dispatch.c) and neither
         * stopped nor waiting; the issuer itself is.  Linux asks it before
         * yielding to a lock holder (arch_vcpu_is_preempted, smp.c). */
        if (t != v && (t->state != VCPU_RUNNING || !__atomic_load_n(&t->owner, __ATOMIC_SEQ_CST)))
            status = SIGP_ST_NOT_RUNNING;
        break;
    case 0x12:          /* set architecture: the machine is z/Architecture only */
        status = SIGP_ST_INVALID_PARM;
        break;
    default:
        status = SIGP_ST_INVALID_ORDER;
        break;
    }
    if (status) {
        vcpu_set_gpr(v, r1, (vcpu_gpr(v, r1) & ~0xFFFFFFFFULL) | status);
        vcpu_set_cc(v, 1);
    } else {
        vcpu_set_cc(v, 0);
    }
}
