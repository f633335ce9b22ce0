/* The facility list a guest sees (STFLE, STFL, and the first word at
 * X'C8'): the real machine's, less what CP does not virtualize. */
#include "cp/vm/intercept.h"
#include "cp/vm/guest.h"
#include "cp/sys/system.h"
#include "lib/be.h"

/* Facility bits hidden from guests, and why. */
static const struct {
    uint8_t bit;
    const char *why;
} hidden[] = {
    { 10,  "conditional SSKE: guest keys are not CP's yet (basic SSKE only)" },
    { 11,  "configuration topology: no STSI 15.x.x, PTF not simulated" },
    { 28,  "TOD-clock steering: PTFF is not simulated (Linux's time setup issues it when the bit is on)" },
    { 14,  "nonquiescing key setting: as 10" },
    { 64,  "runtime instrumentation: its controls are not switched between guests" },
    { 66,  "RRBM: not verified under SIE here; RRBE is the basic form" },
    { 67,  "CPU-measurement counters: not virtualized" },
    { 68,  "CPU-measurement sampling: not virtualized" },
    { 74,  "STHYI: no hypervisor information is offered" },
    { 75,  "fetch/store indication: CP's TEIDs do not set bits 52-53" },
    { 129, "vector: CP does not switch vector registers between guests" },
    { 133, "guarded storage: its control block is not switched" },
    { 134, "vector packed decimal: needs the vector facility" },
    { 135, "vector enhancements 1: needs the vector facility" },
    { 139, "multiple epochs: CP keeps one guest epoch" },
    { 140, "extended-length SCCB: the guest SCLP takes one page" },
    { 148, "vector enhancements 2: needs the vector facility" },
    { 152, "vector packed decimal enhancement: needs the vector facility" },
    { 158, "ultravisor call: no protected virtualization" },
    { 161, "secure-execution unpack: no protected virtualization" },
    { 165, "NNP assist: needs the vector facility" },
    { 192, "vector-packed-decimal enhancement 2: needs the vector facility" },
};

#define FAC_WORDS (sizeof sys.facilities / sizeof sys.facilities[0])

/* The guest's facility doublewords into f; returns how many are needed
 * to hold every installed bit (at least 1). */
static unsigned guest_facilities(uint64_t f[FAC_WORDS])
{
    for (unsigned i = 0; i < FAC_WORDS; i++)
        f[i] = sys.facilities[i];
    for (unsigned i = 0; i < sizeof hidden / sizeof hidden[0]; i++) {
        unsigned b = hidden[i].bit;
        if (b / 64 < FAC_WORDS)
            f[b / 64] &= ~(1ULL << (63 - b % 64));
    }
    /* Facilities CP simulates whatever the real machine has: 9, SIGP
     * sense running status (every SIGP intercepts; cp/vm/instr.c). */
    f[0] |= 1ULL << (63 - 9);
    unsigned n = FAC_WORDS;
    while (n > 1 && !f[n - 1])
        n--;
    return n;
}

/* STFLE: N = GR0 bits 56-63 + 1 doublewords asked for; min(N, M) stored,
 * GR0 bits 56-63 set to M - 1; cc 0 if all fit, else cc 3.  Not
 * privileged.  The operand is logical and doubleword aligned. */
void instr_stfle(struct vcpu *v)
{
    uint64_t f[FAC_WORDS];
    uint8_t b[FAC_WORDS * 8];
    unsigned m = guest_facilities(f);
    uint64_t r0 = vcpu_gpr(v, 0);
    unsigned n = (unsigned)(r0 & 0xFF) + 1;
    unsigned k = n < m ? n : m;
    for (unsigned i = 0; i < k; i++)
        be64_put(b + 8 * i, f[i]);
    if (guest_operand_write(v, guest_s_addr(v), 8, b, 8 * k))
        return;
    vcpu_set_gpr(v, 0, (r0 & ~0xFFULL) | (m - 1));
    vcpu_set_cc(v, n >= m ? 0 : 3);
}

/* STFL: bits 0-31 of the same list into the prefix area at X'C8' (an
 * implicit store: no low-address protection). */
void instr_stfl(struct vcpu *v)
{
    uint64_t f[FAC_WORDS];
    uint8_t b[4];
    guest_facilities(f);
    be32_put(b, (uint32_t)(f[0] >> 32));
    guest_write(v, 0xC8, b, 4);
}
