/* Dispatcher (on the IPL CPU for now).  A guest runs under SIE until it
 * intercepts, its slice ends (a clock-comparator timer), or a host
 * interruption brings CP work (cp_kick).  Waiting guests cost nothing:
 * they are skipped until an interruption for them is due, and the CPU
 * waits (enabled, with a wake-up at the earliest guest timer) when no
 * one can run. */
#include "cp/sched/dispatch.h"
#include "cp/arch/arch.h"
#include "cp/arch/clock.h"
#include "cp/arch/lowcore.h"
#include "cp/vm/intercept.h"
#include "cp/vm/vm.h"

volatile int cp_kick;
static volatile int slice_over;
static struct vcpu *regs_owner;     /* whose FPRs/ARs are in the real registers */
static unsigned next_slot;

#define PGM_SEGMENT_TRANS 0x10
#define PGM_PAGE_TRANS    0x11

static void end_slice(void *arg)
{
    slice_over = 1;
}

/* A host exception while the guest ran: back the page, or stop the guest. */
static void host_fault(struct vcpu *v, uint16_t code, uint64_t teid)
{
    if ((code & 0x7F) == PGM_SEGMENT_TRANS || (code & 0x7F) == PGM_PAGE_TRANS) {
        uint64_t addr = teid & ~0xFFFULL;
        if (gstor_real(&v->vm->stor, addr, 1) != (uint64_t)-1)
            return;
        vm_report(v->vm, "no real storage left to back guest page %llX: CPU %02X stopped",
                  (unsigned long long)addr, v->cpuaddr);
    } else {
        vm_report(v->vm, "host program check %04X at %llX under SIE: CPU %02X stopped",
                  code, (unsigned long long)teid, v->cpuaddr);
    }
    v->state = VCPU_HALTED;
}

/* Ask SIE to intercept as soon as the guest enables for what is pending. */
static void request_intervention(struct vcpu *v)
{
    v->sd.v = 0;
    if (v->vm->io_pending)
        v->sd.v |= SIE_V_IO;
    if (v->ext_pending)
        v->sd.v |= SIE_V_EXT;
}

/* DIAG X'9C': the next pick starts at this vCPU's slot. */
static void prefer(struct vcpu *t)
{
    for (int i = 0; i < t->vm->nvcpu; i++)
        if (t->vm->vcpu[i] == t)
            next_slot = (unsigned)(t->vm - vms) * VCPU_MAX + (unsigned)i;
}

static void run_slice(struct vcpu *v)
{
    if (regs_owner != v) {
        if (regs_owner)
            vregs_save(regs_owner->fpr, &regs_owner->fpc, regs_owner->acr);
        vregs_load(v->fpr, &v->fpc, v->acr);
        regs_owner = v;
    }
    lctlg(1, v->vm->stor.asce);
    slice_over = 0;
    int t = timer_add(tod_now() + tod_from_ms(SLICE_MS), end_slice, 0);
    while (v->state == VCPU_RUNNING && !v->vm->cp_stopped && !slice_over && !cp_kick) {
        vcpu_deliver(v);
        request_intervention(v);
        v->sd.icptcode = 0;
        LC_U16(LC_SIE_FAULT_CODE) = 0;
        uint64_t t0 = tod_now();
        sie_run(&v->sd, v->gpr);
        v->cputime += tod_now() - t0;
        uint16_t fault = LC_U16(LC_SIE_FAULT_CODE);
        if (fault)
            host_fault(v, fault, LC_U64(LC_SIE_FAULT_ADDR));
        else if (v->sd.icptcode)
            intercept_handle(v);
        if (v->yield) {
            v->yield = 0;
            if (v->yield_to)
                prefer(v->yield_to);
            v->yield_to = 0;
            break;
        }
    }
    timer_cancel(t);
}

/* Round robin over every vCPU of every VM, starting after the last one run. */
static struct vcpu *pick(uint64_t *wake)
{
    unsigned n = VM_MAX * VCPU_MAX;
    for (unsigned k = 0; k < n; k++) {
        unsigned slot = (next_slot + k) % n;
        struct vm *vm = &vms[slot / VCPU_MAX];
        if (!vm->in_use || vm->cp_stopped || (int)(slot % VCPU_MAX) >= vm->nvcpu)
            continue;
        struct vcpu *v = vm->vcpu[slot % VCPU_MAX];
        if (v->state == VCPU_WAIT)
            vcpu_check_wait(v);
        if (v->state == VCPU_RUNNING) {
            next_slot = slot + 1;
            return v;
        }
        if (v->state == VCPU_WAIT) {
            uint64_t w = vcpu_wake_tod(v);
            if (w < *wake)
                *wake = w;
        }
    }
    return 0;
}

void dispatch_loop(int (*cp_work)(void))
{
    for (;;) {
        cp_kick = 0;
        if (cp_work())
            continue;
        uint64_t wake = ~0ULL;
        struct vcpu *v = pick(&wake);
        if (v) {
            run_slice(v);
            continue;
        }
        if (cp_kick)
            continue;
        if (wake == ~0ULL)
            cpu_enabled_wait();
        else
            clock_wait_until(wake);
    }
}
