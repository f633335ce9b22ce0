/* Dispatcher.  A guest runs under SIE until it intercepts, its slice ends
 * (a clock-comparator timer), or a host interruption brings CP work
 * (cp_kick; a page-in completion, page_kick, cuts a round-robin slice
 * only after QUANTUM_MS).  Guests whose page-in ended or who got a directed
 * yield go ahead of the round robin, within a limit (pick).  Waiting guests
 * cost nothing: they are skipped until an interruption for them is due,
 * and the CPU waits (enabled, with a wake-up at the earliest guest timer)
 * when no one can run.
 *
 * Several real CPUs: CP itself runs on the IPL CPU only (CPU 0: commands,
 * terminals, I/O interruptions, every intercept), the others only run
 * guests.  A second CPU claims a runnable vCPU (compare-and-swap on
 * vcpu->owner), runs it under SIE for a slice of its own clock comparator,
 * and at the first intercept or host fault hands it back (vcpu->handoff)
 * and wakes CPU 0 with SIGP external call.  Any vCPU may run there, those
 * of multi-CPU machines too, so a 2-way guest gets two real CPUs at once;
 * not one held by CP (vm_hold) or stopped in CP, and not one with an
 * interruption it is enabled for (CPU 0 presents interruptions; for one
 * it is not enabled for yet, SIE is asked to intercept when it enables,
 * as on CPU 0).  The second CPU never handles an intercept itself: every
 * one changes state CP keeps on CPU 0 (devices, storage, other vCPUs).
 *
 * The locking rule.  Only CPU 0 changes a vCPU's state (its PSW,
 * registers, prefix, run state, pending interruptions are taken), and
 * only while no other CPU owns it:
 * - CP holds the machine first (vm_hold: other CPUs claim none of its
 *   vCPUs, and the ones running there are kicked out of SIE with SIGP
 *   and waited for) whenever it changes a vCPU other than the one whose
 *   intercept it is handling: commands on the user's own machine
 *   (cmd/parse.c), IPL and resets, LOGOFF, and SIGP orders that change
 *   the target (start, stop, restart, resets, set prefix, store status;
 *   cp/vm/instr.c).
 * - Interruptions CP posts (vcpu_post_ext, vcss status) only set a
 *   pending bit that the other CPU never writes, then kick the CPU
 *   running the vCPU (vcpu_kick, vm_kick), which hands it back.
 * - A vCPU handed back whose intercept CP has not taken yet still counts
 *   as busy: a SIGP order that would change it answers condition code 2
 *   (busy; the guest retries, as Linux does), and if CP stopped or reset
 *   it meanwhile (SYSTEM RESET, IPL) its intercept is dropped: the reset
 *   ended that instruction.
 * - Guest storage: a page is stolen on CPU 0 with IPTE first; then the
 *   machine's vCPUs running on other CPUs are kicked out of SIE and
 *   waited for (vm_hold), because Hercules' IPTE does not reach a DAT-on
 *   guest's own TLB entries, while SIE entry purges them; only then is
 *   the frame's key taken and its contents written (cp/mm/paging.c
 *   shoot_down), so a sibling faults on the page instead of changing it. */
#include "cp/sched/dispatch.h"
#include "cp/arch/arch.h"
#include "cp/arch/clock.h"
#include "cp/arch/intr.h"
#include "cp/arch/lowcore.h"
#include "cp/vm/intercept.h"
#include "cp/vm/vm.h"
#include "cp/sys/system.h"
#include "cp/mm/paging.h"
#include "diagnose/diag.h"

volatile int cp_kick;
volatile int page_kick;
static volatile int slice_over;
static unsigned next_slot;          /* round robin: where the next pick starts */
#define SLOTS (VM_MAX * VCPU_MAX)   /* vCPU slot: VM index * VCPU_MAX + CPU index */
/* vCPUs to run before the round robin, once each, in the order preferred. */
static struct {
    unsigned slot[SLOTS];
    unsigned head, n;
    uint8_t queued[SLOTS];
} pref;

#define PGM_SEGMENT_TRANS 0x10
#define PGM_PAGE_TRANS    0x11
#define IDLE_POLL_MS      10        /* an idle second CPU looks for work */
#define QUANTUM_MS        5         /* a round-robin slice page-ins do not cut */
#define RR_DUE_MS         10        /* then preferred picks may hold the round robin off */
#define EXT_EXTERNAL_CALL 0x1202
#define STORAGE_WAIT_MS   50        /* paging full: retry a fault this much later */
#define PSW_IO_MASK       0x0200000000000000ULL
#define PSW_EXT_MASK      0x0100000000000000ULL

int cpu_self(void)
{
    return (int)LC_U64(LC_CPU_INDEX);
}

static int claim(struct vcpu *v)
{
    int none = 0;
    return __atomic_compare_exchange_n(&v->owner, &none, cpu_self() + 1, 0, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}

static void unclaim(struct vcpu *v)
{
    __atomic_store_n(&v->owner, 0, __ATOMIC_SEQ_CST);
}

static void end_slice(void *arg)
{
    slice_over = 1;
}

/* A host exception while the guest ran: back the page, or stop the guest. */
static void host_fault(struct vcpu *v, uint16_t code, uint64_t teid)
{
    if ((code & 0x7F) == PGM_SEGMENT_TRANS || (code & 0x7F) == PGM_PAGE_TRANS) {
        uint64_t addr = teid & ~0xFFFULL;
        if (paging_fault(v, addr))
            return;                     /* page-in started or joined: v waits, or pfault */
        if (gstor_real(&v->vm->stor, addr, 1) != (uint64_t)-1)
            return;
        if (paging_active() && addr < v->vm->stor.size) {
            /* Paging space full (docs/paging.md): this vCPU waits, the
             * others run; the fault is retried later. */
            paging_note_wait();
            v->storage_wait_tod = tod_now() + tod_from_ms(STORAGE_WAIT_MS);
            return;
        }
        vm_report(v->vm, "no real storage left to back guest page %llX: CPU %02X stopped",
                  (unsigned long long)addr, v->cpuaddr);
    } else {
        vm_report(v->vm, "host program check %04X at %llX under SIE: CPU %02X stopped",
                  code, (unsigned long long)teid, v->cpuaddr);
    }
    v->state = VCPU_HALTED;
}

/* Guest CR0 bits 52-53: clock comparator and CPU timer subclass masks. */
#define GCR0_CKC_CPUTMR 0x0C00ULL

/* Could vcpu_deliver() present anything?  Only if the vCPU's VM has an I/O
 * interruption pending, the vCPU an external one, or the guest enabled its
 * clock comparator or CPU timer (which vcpu_deliver checks against the
 * clock).  The common case for an intercept-heavy guest (a DIAG loop) is
 * none of these: then neither vcpu_deliver nor request_intervention has
 * anything to do, and the round trip skips both. */
static int maybe_pending(const struct vcpu *v)
{
    return v->vm->io_pending || v->ext_pending || (v->sd.gcr[0] & GCR0_CKC_CPUTMR);
}

/* Ask SIE to intercept as soon as the guest enables for what is pending. */
static void request_intervention(struct vcpu *v)
{
    v->sd.v = 0;
    if (vcpu_io_wanted(v))
        v->sd.v |= SIE_V_IO;
    if (vcpu_ext_wanted(v))
        v->sd.v |= SIE_V_EXT;
}

/* INDICATE USER's evidence that a machine's vCPUs run at the same time:
 * this SIE entry finds a sibling under SIE on another real CPU. */
static void note_sie_entry(struct vcpu *v)
{
    struct vm *vm = v->vm;
    __atomic_store_n(&v->in_sie, 1, __ATOMIC_SEQ_CST);
    for (int i = 0; i < vm->nvcpu; i++)
        if (vm->vcpu[i] != v && vm->vcpu[i]->in_sie) {
            __atomic_fetch_add(&vm->sie_parallel, 1, __ATOMIC_RELAXED);
            break;
        }
    if (cpu_self())
        v->sie_elsewhere++;
}

/* One SIE entry: 0, or the host program-check code that ended it. */
static uint16_t sie_once(struct vcpu *v)
{
    v->sd.icptcode = 0;
    LC_U16(LC_SIE_FAULT_CODE) = 0;
    note_sie_entry(v);
    uint64_t t0 = stck();                      /* tod_now(), inline: every intercept */
    sie_run(&v->sd, v->gpr);
    __atomic_store_n(&v->in_sie, 0, __ATOMIC_SEQ_CST);
    uint64_t spent = stck() - t0;
    v->cputime += spent;
    sys.guest_tod[LC_U64(LC_CPU)] += spent;     /* INDICATE LOAD */
    return LC_U16(LC_SIE_FAULT_CODE);
}

/* Is any vCPU but v ready to run on CPU 0 (or waiting with something to
 * present)?  A yield is pointless otherwise. */
static int others_runnable(const struct vcpu *v)
{
    for (int i = 0; i < VM_MAX; i++) {
        const struct vm *vm = &vms[i];
        if (!vm->in_use || vm->cp_stopped)
            continue;
        for (int k = 0; k < vm->nvcpu; k++) {
            const struct vcpu *o = vm->vcpu[k];
            if (o == v || o->owner)
                continue;
            if (o->state == VCPU_RUNNING || o->handoff ||
                (o->state == VCPU_WAIT && (vm->io_pending || o->ext_pending)))
                return 1;
        }
    }
    return 0;
}

/* DIAG X'9C', or the pager: a coming pick runs t first, once (pick), and
 * the round robin then goes on where it was.  (Moving the round robin
 * itself to t let two guests whose page-ins kept completing take turns
 * ahead of a CPU-bound third one for a minute: t_pageasync's LOOP01.)
 * A queue, not one slot: two pagers' completions in one slice would
 * otherwise leave the first of them to the round robin. */
static void prefer(struct vcpu *t)
{
    for (int i = 0; i < t->vm->nvcpu; i++)
        if (t->vm->vcpu[i] == t) {
            unsigned slot = (unsigned)(t->vm - vms) * VCPU_MAX + (unsigned)i;
            if (pref.queued[slot])
                return;
            pref.queued[slot] = 1;
            pref.slot[(pref.head + pref.n++) % SLOTS] = slot;
        }
}

/* The oldest preferred slot, taken off the queue; -1 if none. */
static int next_preferred(void)
{
    if (!pref.n)
        return -1;
    unsigned slot = pref.slot[pref.head];
    pref.head = (pref.head + 1) % SLOTS;
    pref.n--;
    pref.queued[slot] = 0;
    return (int)slot;
}

/* The pager made v dispatchable again (its page-in ended, or its pfault
 * completion is posted): run it next, as a vCPU back from an I/O wait. */
void dispatch_prefer(struct vcpu *v)
{
    prefer(v);
}

/* How many yields in a row may reuse one others_runnable() answer (see
 * run_slice). */
#define YIELD_RESCAN 32

/* Has a page-in completion (page_kick) ended the slice?  Not before
 * qend: a timer then takes the guest out of SIE to see it. */
static int paged_out_of_slice(int *qtimer, uint64_t qend)
{
    if (!page_kick)
        return 0;
    if (tod_now() >= qend)
        return 1;
    if (*qtimer < 0)
        *qtimer = timer_add(qend, 0, 0);
    return *qtimer < 0;                 /* no timer free: give way now */
}

/* CPU 0: run v (claimed) for a slice, handling its intercepts.  A round-
 * robin slice is protected: a page-in completion ends it only after its
 * first QUANTUM_MS (the completion's guest waits that long at most), so a
 * CPU-bound guest gets real time even while page-ins complete every few
 * microseconds.  Anything else CP must do (cp_kick) ends any slice. */
static void run_slice(struct vcpu *v, int protect)
{
    uint64_t asce = v->vm->stor.asce;
    vregs_load(v->fpr, &v->fpc, v->acr);
    lctlg(1, asce);
    slice_over = 0;
    uint64_t start = tod_now();
    uint64_t qend = protect ? start + tod_from_ms(QUANTUM_MS) : start;
    int qtimer = -1;
    int t = timer_add(start + tod_from_ms(SLICE_MS), end_slice, 0);
    /* others_runnable() scans every VM; a guest yielding in a loop (DIAG
     * X'44' while it waits for a lock) would pay that scan every time.
     * Its answer "nobody" is reused for up to YIELD_RESCAN yields in a row
     * with nothing in between: any other intercept or host fault forgets
     * it, and any host interruption that brings CP work or another CPU's
     * handoff sets cp_kick, which ends the slice anyway. */
    int idle_yields = 0;
    while (v->state == VCPU_RUNNING && !v->vm->cp_stopped && !slice_over && !cp_kick &&
           !paged_out_of_slice(&qtimer, qend) &&
           (!v->storage_wait_tod || v->storage_wait_tod <= tod_now())) {
        if (maybe_pending(v)) {
            vcpu_deliver(v);
            request_intervention(v);
        } else {
            v->sd.v = 0;
        }
        uint16_t fault = sie_once(v);
        if (fault)
            host_fault(v, fault, LC_U64(LC_SIE_FAULT_ADDR));
        else if (v->sd.icptcode)
            intercept_handle(v);
        if (!v->yield || fault) {
            idle_yields = 0;
        } else {
            v->yield = 0;
            struct vcpu *to = v->yield_to;
            v->yield_to = 0;
            if (to)
                prefer(to);
            /* A yield (DIAG X'44') with nobody else to run goes straight
             * back into SIE: ending the slice would only come back here.
             * Storage replaced under the guest (a clear re-IPL) needs its
             * new ASCE loaded, so that ends the slice too. */
            if (to || v->vm->stor.asce != asce)
                break;
            if (idle_yields == 0 || idle_yields >= YIELD_RESCAN) {
                if (others_runnable(v))
                    break;
                idle_yields = 0;
            }
            idle_yields++;
        }
    }
    timer_cancel(t);
    timer_cancel(qtimer);
    vregs_save(v->fpr, &v->fpc, v->acr);
}

/* CPU 0: what the other CPUs handed back. */
static int take_handoffs(void)
{
    int did = 0;
    for (int i = 0; i < VM_MAX; i++) {
        struct vm *vm = &vms[i];
        for (int k = 0; vm->in_use && k < vm->nvcpu; k++) {
            struct vcpu *v = vm->vcpu[k];
            if (!v->handoff || v->owner || !claim(v))
                continue;
            /* Stopped or reset by CP since it was handed back: the
             * reset ended the instruction; its intercept is dropped. */
            int live = v->state != VCPU_STOPPED && v->state != VCPU_HALTED;
            vregs_load(v->fpr, &v->fpc, v->acr);    /* as in run_slice (SIGP store status) */
            if (v->fault_code) {
                uint16_t code = v->fault_code;
                v->fault_code = 0;
                if (live)
                    host_fault(v, code, v->fault_addr);
            } else if (v->sd.icptcode && live) {
                intercept_handle(v);
            }
            vregs_save(v->fpr, &v->fpc, v->acr);
            if (v->yield && v->yield_to)
                prefer(v->yield_to);
            v->yield = 0;
            v->yield_to = 0;
            v->handoff = 0;
            unclaim(v);
            did = 1;
        }
    }
    return did;
}

/* The vCPU in slot, claimed, if it can run now; else 0 (and *wake lowered
 * to when it may). */
static struct vcpu *try_slot(unsigned slot, uint64_t *wake)
{
    struct vm *vm = &vms[slot / VCPU_MAX];
    if (!vm->in_use || vm->cp_stopped || (int)(slot % VCPU_MAX) >= vm->nvcpu)
        return 0;
    struct vcpu *v = vm->vcpu[slot % VCPU_MAX];
    if (v->owner || v->handoff || !claim(v))
        return 0;
    if (v->state == VCPU_WAIT)
        vcpu_check_wait(v);
    if (v->state == VCPU_RUNNING && v->storage_wait_tod > tod_now()) {
        if (v->storage_wait_tod < *wake)
            *wake = v->storage_wait_tod;
    } else if (v->state == VCPU_RUNNING) {
        return v;
    } else if (v->state == VCPU_WAIT) {
        uint64_t w = vcpu_wake_tod(v);
        if (w < *wake)
            *wake = w;
    }
    unclaim(v);
    return 0;
}

/* When the round robin's next protected slice is due: RR_DUE_MS after the
 * last one ended. */
static uint64_t rr_due;

/* The preferred vCPU if it can run, else round robin over every vCPU of
 * every VM, starting after the last one the round robin ran; the vCPU
 * returned is claimed.  Once the round robin is due (rr_due), it goes
 * before any preference and its slice is protected (*protect; see
 * run_slice).  Each page-in completion both prefers its guest and ends the
 * running slice, so two guests paging with pfault made every pick a
 * preferred one, and a CPU-bound guest on the round robin got no CPU for
 * 53 s (t_pageasync's LOOP01): now it gets at least QUANTUM_MS in every
 * QUANTUM_MS + RR_DUE_MS, and whatever the preferred leave. */
static struct vcpu *pick(uint64_t *wake, int *protect)
{
    int due = tod_now() >= rr_due;
    *protect = 0;
    for (int slot; !due && (slot = next_preferred()) >= 0;) {
        struct vcpu *v = try_slot((unsigned)slot, wake);
        if (v)
            return v;
    }
    for (unsigned k = 0; k < SLOTS; k++) {
        unsigned slot = (next_slot + k) % SLOTS;
        struct vcpu *v = try_slot(slot, wake);
        if (v) {
            next_slot = slot + 1;
            *protect = due;
            return v;
        }
    }
    return 0;
}

static void on_external_call(uint16_t code, uint32_t param)
{
    cp_kick = 1;                /* another CPU handed a vCPU back */
}

void dispatch_loop(int (*cp_work)(void))
{
    ext_register(EXT_EXTERNAL_CALL, on_external_call);
    lctlg(0, stctg(0) | CR0_EXTERNAL_CALL);
    for (;;) {
        cp_kick = 0;
        page_kick = 0;
        if (paging_work() || cp_work() || take_handoffs())
            continue;
        uint64_t wake = ~0ULL;
        int protect;
        struct vcpu *v = pick(&wake, &protect);
        if (v) {
            run_slice(v, protect);
            if (protect)
                rr_due = tod_now() + tod_from_ms(RR_DUE_MS);
            unclaim(v);
            continue;
        }
        if (cp_kick || page_kick)
            continue;
        if (wake == ~0ULL)
            cpu_enabled_wait();
        else
            clock_wait_until(wake);
    }
}

/* ---- the other CPUs ---------------------------------------------------- */

/* An interruption v is enabled for: CPU 0 presents it. */
static int deliverable(struct vcpu *v)
{
    return (vcpu_io_wanted(v) && (v->sd.psw_mask & PSW_IO_MASK)) ||
           (vcpu_ext_wanted(v) && (v->sd.psw_mask & PSW_EXT_MASK));
}

/* A vCPU a second CPU may run: see the comment at the top. */
static int runnable_elsewhere(struct vm *vm, struct vcpu *v)
{
    return vm->in_use && !vm->cp_stopped && !vm->held && v->state == VCPU_RUNNING &&
           !v->handoff && !deliverable(v) && v->storage_wait_tod <= tod_now();
}

/* Round robin over every vCPU of every VM, as pick() on CPU 0. */
static struct vcpu *claim_elsewhere(unsigned *next)
{
    for (unsigned k = 0; k < SLOTS; k++) {
        unsigned slot = (*next + k) % SLOTS;
        struct vm *vm = &vms[slot / VCPU_MAX];
        if ((int)(slot % VCPU_MAX) >= vm->nvcpu)
            continue;
        struct vcpu *v = vm->vcpu[slot % VCPU_MAX];
        if (!v || v->owner || !runnable_elsewhere(vm, v) || !claim(v))
            continue;
        /* Claimed: look again, now that CPU 0 can see our claim (vm_hold
         * sets held, then waits for owner to clear). */
        if (!runnable_elsewhere(vm, v)) {
            unclaim(v);
            continue;
        }
        *next = slot + 1;
        return v;
    }
    return 0;
}

static void run_elsewhere(struct vcpu *v)
{
    struct vm *vm = v->vm;
    vregs_load(v->fpr, &v->fpc, v->acr);
    lctlg(1, vm->stor.asce);
    LC_U64(LC_CPU_KICK) = 0;
    sckc(tod_now() + tod_from_ms(SLICE_MS));
    int back = 0;
    while (v->state == VCPU_RUNNING && !vm->cp_stopped && !vm->held && !LC_U64(LC_CPU_KICK)) {
        if (deliverable(v)) {
            back = 1;           /* CPU 0 presents interruptions */
            break;
        }
        request_intervention(v);
        uint16_t fault = sie_once(v);
        if (fault) {
            v->fault_code = fault;
            v->fault_addr = LC_U64(LC_SIE_FAULT_ADDR);
            v->handoff = back = 1;
            break;
        }
        if (v->sd.icptcode) {
            v->handoff = back = 1;
            break;
        }
    }
    sckc(~0ULL);
    vregs_save(v->fpr, &v->fpc, v->acr);
    /* Kicked because CP posted an interruption (vm_kick): CPU 0 presents
     * it, and must not sleep through it. */
    if (deliverable(v))
        back = 1;
    unclaim(v);
    if (back)
        cpu_kick(0);
}

void dispatch_secondary(void)
{
    unsigned next = (unsigned)cpu_self() * 7;
    for (;;) {
        struct vcpu *v = claim_elsewhere(&next);
        if (v) {
            run_elsewhere(v);
            continue;
        }
        sckc(tod_now() + tod_from_ms(IDLE_POLL_MS));
        cpu_enabled_wait();
        sckc(~0ULL);
    }
}
