/* DIAGNOSE codes about guest storage and paging (docs/paging.md).
 *
 * X'10' Release pages: Rx = guest real address of the first page, Ry = of
 * the last.  Both must be on a page boundary, first <= last and first at
 * or above 8 KiB (else specification exception), last inside the guest's
 * storage (else addressing exception); the guest's prefix area is never
 * released.  The pages' frames and paging slots are given back, their
 * storage keys become zero and they read as zeros afterwards.  (z/VM CP
 * Programming Services, "DIAGNOSE Code X'10' - Release Pages"; the checks
 * follow Linux KVM's diag_release_pages, arch/s390/kvm/diag.c.) */
#include "diagnose/diag.h"
#include "cp/mm/gstor.h"

void diag_x10(struct diag_args *a)
{
    struct vm *vm = a->v->vm;
    uint64_t first = diag_addr(a, a->rx), last = diag_addr(a, a->ry);
    if ((first & 0xFFF) || (last & 0xFFF) || first > last || first < 0x2000)
        return (void)diag_spec(a);
    if (last >= vm->stor.size)
        return (void)diag_addressing(a);
    uint64_t prefix = a->v->sd.prefix;
    for (uint64_t p = first; p <= last; p += 0x1000) {
        if (p >= prefix && p < prefix + 0x2000)
            continue;
        gstor_release(&vm->stor, p >> 12, p >> 12);
    }
}
