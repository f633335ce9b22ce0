/* A CPU-bound two-CPU guest (bench/b_smp.py): CPU 00 defines CPU 01
 * (DIAG 8 DEFINE CPU 01) and starts it (SIGP SET PREFIX, RESTART); both
 * count down the loop of g_loop.c, LOOP_SPINS iterations a round.  After
 * each of its rounds CPU 00 writes "LOOP2 a b": its rounds and CPU 01's.
 * With two real CPUs running both at once, the rounds add up to twice the
 * rate of one loop; on one CPU, to about the same rate. */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define LOOP_SPINS 100000000UL

static uint8_t lc1[8192] __attribute__((aligned(8192)));
static uint8_t stack1[8192] __attribute__((aligned(8)));
uint64_t loop2_stack_top;
static volatile unsigned long rounds1;

extern char loop2_restart[];

__asm__(
    "    .text\n"
    "    .globl loop2_restart\n"
    "loop2_restart:\n"
    "    larl  %r15,loop2_stack_top\n"
    "    lg    %r15,0(%r15)\n"
    "    aghi  %r15,-160\n"
    "    brasl %r14,loop2_cpu1\n"
    "    j     .\n");

static void spin(unsigned long n)
{
    __asm__ volatile("0: brctg %0,0b" : "+d"(n) :: "cc");
}

void loop2_cpu1(void)
{
    for (;;) {
        spin(LOOP_SPINS);
        rounds1++;
    }
}

static int sigp(uint16_t cpu, uint8_t order, uint64_t parm)
{
    register uint64_t r2 __asm__("2") = 0;
    register uint64_t r3 __asm__("3") = parm;
    register uint64_t r4 __asm__("4") = cpu;
    int cc;
    __asm__ volatile("sigp %%r2,%%r4,0(%[o])\n ipm %[cc]\n srl %[cc],28"
                     : "+d"(r2), [cc] "=d"(cc)
                     : "d"(r3), "d"(r4), [o] "a"((uint64_t)order)
                     : "cc", "memory");
    return cc;
}

int main(void)
{
    static const char def[] = "DEFINE CPU 01";
    uint8_t cmd[sizeof def];
    ebcdic_from_ascii(cmd, def, sizeof def - 1);
    zcp_diag08(cmd, sizeof def - 1);
    loop2_stack_top = (uint64_t)(uintptr_t)(stack1 + sizeof stack1);
    *(uint64_t *)(lc1 + 0x1A0) = 0x0000000180000000ULL;
    *(uint64_t *)(lc1 + 0x1A8) = (uint64_t)(uintptr_t)loop2_restart;
    int cc = sigp(1, 0x0D, (uint64_t)(uintptr_t)lc1);
    if (cc == 0)
        cc = sigp(1, 0x06, 0);
    print("LOOP2 START %d", cc);
    for (unsigned long round = 1;; round++) {
        spin(LOOP_SPINS);
        print("LOOP2 %lu %lu", round, rounds1);
    }
    return 0;
}
