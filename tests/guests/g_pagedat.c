/* Paging under a two-CPU guest with DAT on (tests/system/t_pagedat.py,
 * Hercules with two real CPUs, a machine smaller than this guest).
 *
 * Both CPUs turn DAT on with the same identity-mapping tables.  CPU 01
 * writes rounds of a stamp over a small working set and checks each round
 * before the next; CPU 00 meanwhile sweeps the pattern over the rest of
 * storage (several times the real machine's) and reads it back, so CP
 * pages all the time; then CPU 00 releases CPU 01's pages (DIAG X'10')
 * under it and checks fresh pages of its own.  A guest running under SIE
 * on one real CPU keeps its TLB entries while CP, on the other, steals and
 * reuses frames: if CP took a page without getting it out of that guest
 * TLB, CPU 01 would store into a frame that is no longer its page, and a
 * stamp or CPU 00's pattern would come back wrong (cp/mm/paging.c
 * shoot_down).  Note: with shoot_down disabled this guest still passed on
 * the development host (the window is one SIE entry, at most a slice), so
 * it guards paging under a two-CPU DAT-on guest in general rather than
 * proving that one race. */
#include "pattern.h"
#include "smp.h"
#include "lib/mem.h"

#define SIGP_SET_PREFIX 0x0D
#define SIGP_RESTART 0x06
/* CPU 01's working set, 10 MiB: most of the 16M machine's frames, so
 * nearly every frame is referenced when the clock looks, its hand turns
 * once around in one call, and the pages it then takes are ones CPU 01
 * touched in its current SIE entry. */
#define WSET_PAGES 2560
#define WSET (START)                    /* CPU 01's pages; CPU 00's follow */
#define SWEEP (WSET + WSET_PAGES * 4096ULL)
#define SWEEPS 1
#define RELEASES 8
#define FRESH (4ULL << 20)              /* CPU 00's fresh pages in phase 2 */

/* DAT tables for up to 64 MiB: one segment table (a 4 KiB page, table
 * length 0 covers 512 segments) and a page table per MiB.  The first MiB
 * is mapped one to one (prefix areas, channel programs, DIAG operands are
 * real addresses); above it, virtual page p of a segment is real page
 * p + 1 (mod 256), so a virtual page and its real page never share
 * Hercules' TLB slot (TLBIX: the low 10 bits of the page number): a
 * one-to-one map would let Hercules' purge find the guest's entry through
 * the host's entry in the same slot, hiding the bug.  Formats: PoP
 * "Translation Tables" (segment-table entry: page-table origin, invalid
 * X'20'; page-table entry: frame address, invalid X'400'). */
#define MAX_SEGS 512                    /* entries in the segment table */
static uint64_t segtab[512] __attribute__((aligned(4096)));
static uint64_t pagetabs[64][256] __attribute__((aligned(2048)));

static uint8_t lc1[8192] __attribute__((aligned(8192)));
static uint8_t stack1[16384] __attribute__((aligned(8)));

/* Shared between the CPUs. */
static volatile uint64_t go, stop, phase2, rounds1, bad1, first_bad1, done1;
static uint64_t asce;


static void dat_on(void)
{
    uint8_t old;
    __asm__ volatile("lctlg 1,1,%0" : : "Q"(asce));
    __asm__ volatile("stosm %0,0x04" : "=Q"(old) : : "memory");
}

/* CPU 01: rounds of stamps over its working set, each checked whole;
 * in phase 2 (its pages released under it) it only stores. */
void cpu1_main(void)
{
    dat_on();
    while (!go)
        ;
    for (uint64_t r = 1; !stop; r++) {
        uint64_t o = (r * 8) & 0xFF8;           /* a doubleword a page, moving */
        for (uint64_t p = 0; p < WSET_PAGES; p++)
            *(volatile uint64_t *)(WSET + p * 4096 + o) = r << 32 | p;
        if (phase2)
            continue;
        for (uint64_t p = 0; p < WSET_PAGES; p++) {
            uint64_t a = WSET + p * 4096 + o;
            if (*(volatile uint64_t *)a != (r << 32 | p) && !bad1++)
                first_bad1 = a;
        }
        rounds1 = r;
    }
    done1 = 1;
    for (;;)
        ;
}

static int sigp(uint16_t cpu, uint8_t order, uint64_t parm)
{
    register uint64_t r2 __asm__("2") = 0;
    register uint64_t r3 __asm__("3") = parm;
    register uint64_t r4 __asm__("4") = cpu;
    int cc;
    for (int i = 0; i < 1000000; i++) {         /* busy (cc 2) is retried */
        __asm__ volatile("sigp %%r2,%%r4,0(%[o])\n ipm %[cc]\n srl %[cc],28"
                         : "+d"(r2), [cc] "=d"(cc)
                         : "d"(r3), "d"(r4), [o] "a"((uint64_t)order)
                         : "cc", "memory");
        if (cc != 2)
            break;
    }
    return cc;
}

int main(void)
{
    char user[9], line[120];
    pattern_seed(user);
    uint64_t size = zcp_diag60();
    tap_plan(5);
    uint64_t segs = size >> 20;
    if (segs > 64)
        segs = 64;
    size = segs << 20;
    for (int s = 0; s < MAX_SEGS; s++)
        segtab[s] = 0x20;
    for (uint64_t s = 0; s < segs; s++) {
        for (int p = 0; p < 256; p++)
            pagetabs[s][p] = (s << 20) | ((uint64_t)(s ? (p + 1) % 256 : p) << 12);
        segtab[s] = (uint64_t)(uintptr_t)pagetabs[s];
    }
    asce = (uint64_t)(uintptr_t)segtab;         /* DT 00, TL 0 */
    dat_on();
    tap_ok(*(volatile uint64_t *)&segtab[0] == (uint64_t)(uintptr_t)pagetabs[0],
           "CPU 00 runs with DAT on");

    static const char def[] = "DEFINE CPU 01";
    uint8_t cmd[sizeof def];
    ebcdic_from_ascii(cmd, def, sizeof def - 1);
    int defined = zcp_diag08(cmd, sizeof def - 1) == 0;
    cpu1_stack_top = (uint64_t)(uintptr_t)(stack1 + sizeof stack1);
    memset(lc1, 0, sizeof lc1);
    *(uint64_t *)(lc1 + 0x1A0) = 0x0000000180000000ULL;     /* 64-bit, DAT off, disabled */
    *(uint64_t *)(lc1 + 0x1A8) = (uint64_t)(uintptr_t)cpu1_restart;
    int started = defined && sigp(1, SIGP_SET_PREFIX, (uint64_t)(uintptr_t)lc1) == 0 &&
                  sigp(1, SIGP_RESTART, 0) == 0;
    print("# %s: %u MiB, CPU 01 %s", user, (unsigned)(size >> 20), started ? "started" : "not started");
    go = 1;

    uint64_t bad0 = 0, first_bad0 = 0;
    for (uint64_t round = 1; round <= SWEEPS; round++) {
        for (uint64_t a = SWEEP; a < size; a += 8)
            *(volatile uint64_t *)a = pattern(a, round);
        for (uint64_t a = SWEEP; a < size; a += 8)
            if (*(volatile uint64_t *)a != pattern(a, round) && !bad0++)
                first_bad0 = a;
        print("# sweep %u done, CPU 01 at round %u", (unsigned)round, (unsigned)rounds1);
    }
    uint64_t r1 = rounds1;
    snprint(line, sizeof line, "CPU 01 ran %u rounds over its %u pages meanwhile",
            (unsigned)r1, WSET_PAGES);
    tap_ok(started && r1 > 1, line);
    snprint(line, sizeof line, "CPU 01's stamps all read back (%u bad, first at %X)",
            (unsigned)bad1, (unsigned)first_bad1);
    tap_ok(started && bad1 == 0, line);
    snprint(line, sizeof line, "CPU 00's %u sweeps over %u MiB read back (%u bad, first at %X)",
            SWEEPS, (unsigned)((size - SWEEP) >> 20), (unsigned)bad0, (unsigned)first_bad0);
    tap_ok(bad0 == 0, line);

    /* Phase 2: CPU 00 releases CPU 01's pages (DIAG X'10') while CPU 01
     * stores into them, then fills fresh pages of its own and checks
     * them.  What CPU 01 then finds in its pages is up to the guest, but
     * its stores must never reach the frames CP gave CPU 00's pages. */
    phase2 = 1;
    uint64_t bad2 = 0, first_bad2 = 0;
    for (uint64_t it = 1; it <= RELEASES; it++) {
        zcp_diag10(SWEEP, size - 4096);
        zcp_diag10(WSET, WSET + (WSET_PAGES - 1) * 4096ULL);   /* just before the fresh pages */
        for (uint64_t a = SWEEP; a < SWEEP + FRESH; a += 8)
            *(volatile uint64_t *)a = pattern(a, it + SWEEPS);
        for (uint64_t a = SWEEP; a < SWEEP + FRESH; a += 8)
            if (*(volatile uint64_t *)a != pattern(a, it + SWEEPS) && !bad2++)
                first_bad2 = a;
    }
    stop = 1;
    for (unsigned long n = 0; n < 4000000000UL && !done1; n++)
        ;
    snprint(line, sizeof line, "%u times CPU 01's pages released under it: CPU 00's fresh "
            "pages read back (%u bad, first at %X; CPU 01 done %u)", RELEASES, (unsigned)bad2,
            (unsigned)first_bad2, (unsigned)done1);
    tap_ok(bad2 == 0 && done1, line);
    return 0;
}
