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
#include "lib/be.h"
#include "lib/mem.h"
#ifdef __s390x__
#include "cp/arch/arch.h"
#endif

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

/* X'214' Pending page release.  Rx (even) = first page, Rx+1 = last page
 * with the function code in its low byte: 0 establish, 1 cancel, 2 cancel
 * all, 3 cancel and validate.  For 1 and 3, Ry (unless it is R0) holds in
 * bits 56-60 the storage key and fetch bit the pages get.  cc 0.  (z/VM CP
 * Programming Services, "DIAGNOSE Code X'214'"; register use as Hercules
 * vm.c diag_ppagerel.)  Errors: odd Rx, a function above 3, first above
 * last -> specification; last beyond the guest's storage -> addressing
 * (the addresses are not checked for function 2).
 *
 * ZCP's pending release: a page's contents stay until the pager wants its
 * frame; then the page is discarded instead of written to a paging slot
 * (cp/mm/paging.c) and reads as zeros with key zero.  A page already on a
 * slot at establish time is released at once (its slot freed).  Cancel
 * ends the pending state (the page keeps what it holds now: its old
 * contents or zeros); validate also backs the page with a frame now.  The
 * guest's prefix area is never pending. */
static void set_key(struct gstor *g, uint64_t *pte, uint8_t key)
{
    if (*pte & 0x400) {
        gstor_pgste(pte)->key = key;            /* taken at page-in */
        return;
    }
#ifdef __s390x__
    sske(*pte & ~0xFFFULL, key);
#endif
}

void diag_x214(struct diag_args *a)
{
    if (diag_even(a, a->rx))
        return;
    struct vcpu *v = a->v;
    struct gstor *g = &v->vm->stor;
    uint64_t r1 = diag_addr(a, a->rx), r1b = diag_addr(a, a->rx + 1);
    unsigned func = (unsigned)(r1b & 0xFF);
    uint64_t first = r1 >> 12, last = r1b >> 12;
    if (func > 3)
        return (void)diag_spec(a);
    if (func == 2) {
        first = 0;
        last = (g->size >> 12) - 1;
    } else if (first > last) {
        return (void)diag_spec(a);
    } else if (last >= g->size >> 12) {
        return (void)diag_addressing(a);
    }
    int setkey = (func == 1 || func == 3) && a->ry != 0;
    uint8_t key = (uint8_t)(diag_reg(a, a->ry) & 0xF8);
    uint64_t px = v->sd.prefix >> 12;
    for (uint64_t p = first; p <= last; p++) {
        uint64_t *pte = gstor_pte(g, p, 0);
        if (!pte) {
            if (func != 3 && !setkey) {
                p |= 0xFF;                      /* untouched segment */
                continue;
            }
            if (gstor_real(g, p << 12, 1) == (uint64_t)-1)
                continue;                       /* no frame now: backed later */
            pte = gstor_pte(g, p, 0);
        }
        struct pgste *ps = gstor_pgste(pte);
        if (func == 0) {
            if (p < 2 || p == px || p == px + 1)
                continue;
            if ((*pte & 0x400) && ps->slot)
                gstor_release(g, p, p);         /* zeros, key zero */
            else if (!(*pte & 0x400))
                ps->resv[0] |= PGSTE_PENDING;
            continue;
        }
        ps->resv[0] &= (uint8_t)~PGSTE_PENDING;
        if (func == 3)
            gstor_real(g, p << 12, 1);          /* no frame now: backed later */
        if (setkey)
            set_key(g, gstor_pte(g, p, 0), key);
    }
}

/* X'258' Page-reference services (the pfault handshake Linux sets up in
 * arch/s390/mm/pfault.c).  Rx = guest real address of a parameter list,
 * doubleword aligned: halfwords code X'0258', subcode (0 TOKEN, 1 CANCEL),
 * length in doublewords (TOKEN >= 5, CANCEL >= 2), version 2; then for
 * TOKEN the token's address (doubleword aligned, in storage), the select
 * and compare masks (compare within select) and X'8000000000000000'.  Ry
 * gets the return code: TOKEN 0, or 8 if the handshake is on already;
 * CANCEL 0, or 4 if it was not on.  Anything else -> specification; a list
 * or token outside storage -> addressing.  (Checks as Linux KVM's
 * __diag_page_ref_service, arch/s390/kvm/diag.c.)  One handshake per
 * virtual CPU; a reset ends it. */
void diag_x258(struct diag_args *a)
{
    struct vcpu *v = a->v;
    uint64_t addr = diag_addr(a, a->rx);
    uint8_t pl[40];
    if (diag_check(a, addr, 8, 8) || diag_read(a, addr, pl, 8))
        return;
    uint16_t code = be16_get(pl), sub = be16_get(pl + 2), len = be16_get(pl + 4);
    if (code != 0x258 || be16_get(pl + 6) != 2 || sub > 1 || len < (sub ? 2 : 5))
        return (void)diag_spec(a);
    memset(pl + 8, 0, 32);
    if (diag_read(a, addr + 8, pl + 8, sub ? 8 : 32))
        return;
    uint64_t token = be64_get(pl + 8), sel = be64_get(pl + 16), cmp = be64_get(pl + 24);
    if (sub == 1) {
        if (token)
            return (void)diag_spec(a);
        diag_set32(a, a->ry, v->pf.on ? 0 : 4);
        v->pf.on = 0;
        return;
    }
    if (v->pf.on) {
        diag_set32(a, a->ry, 8);
        return;
    }
    if ((cmp & sel) != cmp || be64_get(pl + 32) != 0x8000000000000000ULL)
        return (void)diag_spec(a);
    if (diag_check(a, token, 8, 8))
        return;
    v->pf.on = 1;
    v->pf.token = token;
    v->pf.select = sel;
    v->pf.compare = cmp;
    diag_set32(a, a->ry, 0);
}

/* A host page fault on guest absolute addr needs a page-in.  With the
 * handshake on, the guest's PSW matching (PSW & select == compare), the
 * guest enabled for external interruptions and the service-signal
 * subclass (CR0 bit 54) and nothing else pending: CP presents X'2603' with
 * X'0600' (page-fault init) and the token (read now from the token
 * address) at X'11B8', the old PSW at the faulting instruction.  The pager
 * (cp/mm/paging.c) reads the page meanwhile, the guest runs other work,
 * and diag_pfault_done posts X'0680' (completion) with the same token when
 * the page is in.  As KVM's kvm_arch_setup_async_pf does (Linux
 * arch/s390/kvm/kvm-s390.c; the guest side is arch/s390/mm/pfault.c).
 * Returns 1 if it did. */
int diag_pfault_init(struct vcpu *v, uint64_t addr, uint64_t *token)
{
    struct gstor *g = &v->vm->stor;
    if (!v->pf.on || (v->sd.psw_mask & v->pf.select) != v->pf.compare)
        return 0;
    if (!(v->sd.psw_mask & 0x0100000000000000ULL) || !(v->sd.gcr[0] & 0x200))
        return 0;
    if (v->ext_pending || v->vm->io_pending)
        return 0;
    uint64_t *pte = gstor_pte(g, addr >> 12, 0);
    if (!pte || !(*pte & 0x400) || !gstor_pgste(pte)->slot)
        return 0;                               /* no page-in: nothing to wait for */
    uint8_t b[8];
    if (gstor_read(g, gstor_prefix(v->pf.token, v->sd.prefix), b, 8))
        return 0;
    *token = be64_get(b);
    if (vcpu_post_blockio(v, 0x06, 0x00, *token))
        return 0;
    v->pf.inits++;
    vcpu_deliver(v);                            /* the init, now */
    return 1;
}

/* The page is in: the completion, unless the handshake ended meanwhile
 * (CANCEL or a reset: the guest no longer waits for tokens). */
int diag_pfault_done(struct vcpu *v, uint64_t token)
{
    if (!v->pf.on)
        return 0;
    if (vcpu_post_blockio(v, 0x06, 0x80, token))
        return -1;
    v->pf_dones++;
    return 0;
}
