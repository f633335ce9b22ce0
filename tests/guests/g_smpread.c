/* A two-CPU guest in CP READ (tests/system/t_smpread.py, Hercules with two
 * real CPUs).  CPU 00 defines CPU 01 (DIAG 8 DEFINE CPU 01) and starts it
 * with SIGP; CPU 01 counts in storage and stores the TOD clock after each
 * count.  CPU 00 prints where the counter is, stores the TOD clock and
 * stops the virtual machine with DIAG X'08' with Ry = 0 (CP READ).  z/VM
 * stops the whole virtual machine then, CPU 01 too, whichever real CPU it
 * runs on; the test displays the counter twice in CP READ, then BEGINs.
 * Back from the DIAG, CPU 00 checks that CPU 01 counts again.  Then both
 * CPUs spin for the test's #CP, BEGIN and DETACH CPU: CPU 00 counts too,
 * and says "# resumed" when it finds the word the test STOREs in CP READ
 * changed - only a CPU 00 that runs again after BEGIN can say it.
 *
 * (It once watched its TOD clock for a jump of more than a second
 * instead, and stayed silent now and then: Hercules 3.13 keeps its TOD
 * clock unique by adding a microsecond for every read within the same
 * microsecond of host time (clock.c, update_tod_clock), so two CPUs
 * reading it in tight loops push it seconds ahead of real time, and a
 * stop shorter than that lead shows no jump at all.) */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"
#include "smp.h"

#define SIGP_SENSE 0x01
#define SIGP_RESTART 0x06
#define SIGP_SET_PREFIX 0x0D

static uint8_t lc1[8192] __attribute__((aligned(8192)));
static uint8_t stack1[16384] __attribute__((aligned(8)));

/* Displayed by the test: CPU 01's count and TOD clock, CPU 00's count
 * and the word the test changes in CP READ. */
static volatile uint64_t shared[4] __attribute__((aligned(32)));
static volatile uint64_t tod0 __attribute__((aligned(16)));


static uint64_t stck(void)
{
    uint64_t t;
    __asm__ volatile("stck %0" : "=Q"(t) : : "cc");
    return t;
}

/* CPU 01: count, and the TOD clock of the last count. */
void cpu1_main(void)
{
    for (;;) {
        shared[0]++;
        shared[1] = stck();
    }
}

static int sigp(uint16_t cpu, uint8_t order, uint64_t parm, uint32_t *status)
{
    register uint64_t r2 __asm__("2") = 0;
    register uint64_t r3 __asm__("3") = parm;
    register uint64_t r4 __asm__("4") = cpu;
    int cc;
    __asm__ volatile("sigp %%r2,%%r4,0(%[o])\n ipm %[cc]\n srl %[cc],28"
                     : "+d"(r2), [cc] "=d"(cc)
                     : "d"(r3), "d"(r4), [o] "a"((uint64_t)order)
                     : "cc", "memory");
    if (status)
        *status = (uint32_t)r2;
    return cc;
}

static int sigp_retry(uint16_t cpu, uint8_t order, uint64_t parm)
{
    uint32_t st;
    int cc = 2;
    for (int i = 0; i < 1000000 && cc == 2; i++)
        cc = sigp(cpu, order, parm, &st);
    return cc;
}

static int wait_change(volatile uint64_t *p, uint64_t from)
{
    for (unsigned long n = 0; n < 4000000000UL; n++)
        if (*p != from)
            return 1;
    return 0;
}

int main(void)
{
    tap_plan(3);
    cpu1_stack_top = (uint64_t)(uintptr_t)(stack1 + sizeof stack1);
    static const char def[] = "DEFINE CPU 01";
    uint8_t cmd[sizeof def];
    ebcdic_from_ascii(cmd, def, sizeof def - 1);
    int defined = zcp_diag08(cmd, sizeof def - 1) == 0;

    const uint64_t mask = 0x0000000180000000ULL;     /* 64-bit, disabled */
    memset(lc1, 0, sizeof lc1);
    *(uint64_t *)(lc1 + 0x1A0) = mask;
    *(uint64_t *)(lc1 + 0x1A8) = (uint64_t)(uintptr_t)cpu1_restart;
    int started = defined && sigp_retry(1, SIGP_SET_PREFIX, (uint64_t)(uintptr_t)lc1) == 0 &&
                  sigp_retry(1, SIGP_RESTART, 0) == 0 && wait_change(&shared[0], 0);
    tap_ok(started, "CPU 01 defined, started with SIGP, and counting");

    print("# counter at %08X, CP READ at %08X, CPU 00 at %08X", (unsigned)(uintptr_t)shared,
          (unsigned)(uintptr_t)&tod0, (unsigned)(uintptr_t)&shared[2]);
    tod0 = stck();
    zcp_diag08(cmd, 0);                         /* Ry = 0: CP READ */
    uint64_t back = shared[0];
    tap_ok(wait_change(&shared[0], back), "after BEGIN, CPU 01 counts again");
    tap_ok(sigp(1, SIGP_SENSE, 0, 0) == 0, "SIGP SENSE: CPU 01 is running (cc 0)");
    /* Spin, counting; when the test has changed the word (in CP READ),
     * say so: the test sees BEGIN take effect before it types again. */
    print("# spinning");
    uint64_t seen = shared[3];
    for (;;) {
        shared[2]++;
        if (shared[3] != seen) {
            seen = shared[3];
            print("# resumed");
        }
    }
}
