/* Scheduling DIAGNOSE codes: X'44' (time-slice end) and X'9C' (directed
 * yield).  Both end the issuing vCPU's slice; the dispatcher runs others
 * first (cp/sched/dispatch.c).  No operands are checked by X'44'; X'9C'
 * takes a CPU address in Rx (as Linux's smp_yield_cpu issues it). */
#include "diagnose/diag.h"

void diag_x44(struct diag_args *a)
{
    a->v->yield = 1;
}

/* X'9C': Rx = CPU address of a vCPU of the same virtual machine.  If that
 * vCPU can run, it is dispatched next; otherwise (itself, stopped,
 * waiting, or no such CPU) this is a plain time-slice end, as X'44'. */
void diag_x9c(struct diag_args *a)
{
    struct vm *vm = a->v->vm;
    uint32_t addr = diag_reg32(a, a->rx);
    a->v->yield = 1;
    a->v->yield_to = 0;
    for (int i = 0; i < vm->nvcpu; i++) {
        struct vcpu *t = vm->vcpu[i];
        if (t->cpuaddr == addr && t != a->v && t->state == VCPU_RUNNING)
            a->v->yield_to = t;
    }
}
