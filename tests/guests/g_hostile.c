/* A hostile guest: every instruction CP intercepts, thousands of times,
 * with random registers and operands (good, misaligned, beyond storage,
 * random subsystem ids, random DIAG codes and SIGP orders).  Whatever
 * happens to this guest, CP must stay up; the guest reports how far it got.
 * SPX is left out only because moving the prefix would take the test's own
 * program-check handling with it (and then the report). */
#include "rt/rt.h"

static uint64_t seed = 0x2545F4914F6CDD1DULL;

static uint64_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

/* An operand address: aligned in storage, misaligned, or far beyond it. */
static uint64_t operand(void)
{
    switch (rnd() % 4) {
    case 0:
        return 0x200000 + (rnd() % 0x100000 & ~7ULL);      /* scratch, aligned */
    case 1:
        return 0x200001 + rnd() % 0x100000;                /* misaligned */
    case 2:
        return 0x7F000000 + (rnd() & 0xFFFF);              /* beyond 16M storage */
    default:
        return rnd();                                      /* anything */
    }
}

static uint64_t regs[3];

#define INSN(text) static void text##_op(void *a) { \
    register uint64_t r1 __asm__("1") = regs[0];          \
    register uint64_t r2 __asm__("2") = regs[1];          \
    register uint64_t r3 __asm__("3") = regs[2];          \
    __asm__ volatile(TEXT_##text : "+d"(r1), "+d"(r2), "+d"(r3) : : "memory", "cc"); }

#define TEXT_ssch  "ssch 0(%1)"
#define TEXT_tsch  "tsch 0(%1)"
#define TEXT_stsch "stsch 0(%1)"
#define TEXT_msch  "msch 0(%1)"
#define TEXT_tpi   "tpi 0(%1)"
#define TEXT_hsch  "hsch"
#define TEXT_csch  "csch"
#define TEXT_rsch  "rsch"
#define TEXT_stcrw "stcrw 0(%1)"
#define TEXT_stidp "stidp 0(%1)"
#define TEXT_stpx  "stpx 0(%1)"
#define TEXT_stap  "stap 0(%1)"
#define TEXT_stfl  "stfl 0"
#define TEXT_servc ".insn rre,0xb2200000,%1,%2"
#define TEXT_chsc  ".insn rre,0xb25f0000,%1,0"
#define TEXT_sigp  "sigp %0,%2,0(%1)"
#define TEXT_diag  "diag %0,%2,0(%1)"
INSN(ssch) INSN(tsch) INSN(stsch) INSN(msch) INSN(tpi) INSN(hsch) INSN(csch) INSN(rsch)
INSN(stcrw) INSN(stidp) INSN(stpx) INSN(stap) INSN(stfl) INSN(servc) INSN(chsc) INSN(sigp)
INSN(diag)

static void (*const ops[])(void *) = {
    ssch_op, tsch_op, stsch_op, msch_op, tpi_op, hsch_op, csch_op, rsch_op, stcrw_op,
    stidp_op, stpx_op, stap_op, stfl_op, servc_op, chsc_op, sigp_op, diag_op,
};
#define NOPS (sizeof ops / sizeof ops[0])

int main(void)
{
    int checks = 0, rounds = 3000;
    tap_plan(2);
    for (int i = 0; i < rounds; i++) {
        unsigned op = (unsigned)(rnd() % NOPS);
        /* GR1 is the subsystem id for the I/O ops: sometimes a real one. */
        regs[0] = rnd() % 3 ? 0x00010000 | (rnd() % 4) : rnd();
        regs[1] = operand();
        regs[2] = rnd() % 2 ? rnd() % 8 : rnd();
        /* SIGP and DIAG take their order/code from the address: keep the
         * DIAG codes away from none in particular, and SIGP to our CPUs. */
        if (op == NOPS - 1 && rnd() % 2)
            regs[1] = rnd() & 0x3FF;
        /* SIGP to itself could stop or reset this very CPU: only sense it. */
        if (ops[op] == sigp_op && (regs[2] & 0xFFFF) == 0)
            regs[1] = 1;
        if (expect_pgm(ops[op], 0))
            checks++;
        /* Keep our own console usable whatever the ops did to it. */
        if (i % 500 == 499)
            con_init(0x0009);
    }
    con_init(0x0009);
    print("# %d of %d operations ended in a program interruption", checks, rounds);
    tap_ok(1, "ran 3000 random intercepted operations and is still running");
    tap_ok(checks > 0 && checks < rounds, "some were refused with a program interruption, some not");
    return 0;
}
