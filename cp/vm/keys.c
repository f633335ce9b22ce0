/* Storage-key instructions a guest issues for a page that is not resident
 * (docs/paging.md).  Hercules lets SSKE, ISKE and RRBE under SIE act on
 * the host frame's key, but intercepts them when the guest page has no
 * frame (host translation fails and the storage-key assist is off:
 * Hercules control.c).  CP then brings the page in (its key comes from
 * the PGSTE, cp/mm/paging.c) and backs the PSW up over the instruction, so
 * the guest executes it again, now on a resident page.  A page that was
 * resident already is not retried (that would loop): operation exception,
 * as for any instruction CP does not simulate. */
#include "cp/vm/intercept.h"
#include "cp/vm/guest.h"
#include "cp/mm/gstor.h"

void instr_key(struct vcpu *v)
{
    int r2 = v->sd.ipb >> 16 & 0xF;
    uint64_t real = guest_wrap(v, vcpu_gpr(v, r2)) & ~0xFFFULL;
    uint64_t abs = gstor_prefix(real, v->sd.prefix);
    struct gstor *g = &v->vm->stor;
    if (abs >= g->size) {
        vcpu_program_interrupt(v, PGM_ADDRESSING, 4);
        return;
    }
    uint64_t *pte = gstor_pte(g, abs >> 12, 0);
    if (pte && !(*pte & 0x400)) {
        vm_report(v->vm, "instruction %04X%08X intercepted, not simulated: operation exception",
                  v->sd.ipa, v->sd.ipb);
        vcpu_program_interrupt(v, PGM_OPERATION, 4);
        return;
    }
    /* Back up first: without a frame now (paging space full), the
     * dispatcher's storage wait applies when the guest faults again. */
    v->sd.psw_addr = guest_wrap(v, v->sd.psw_addr - 4);
    /* A page on a slot is read asynchronously, as for a fault in SIE: the
     * vCPU waits (or gets the pfault init) while others run. */
    if (gstor_pager && gstor_pager->fault && gstor_pager->fault(v, abs))
        return;
    gstor_real(g, abs, 1);
}
