/* A two-CPU guest (tests/system/t_smp.py, Hercules with two real CPUs).
 * CPU 00 defines CPU 01 (DIAG 8 DEFINE CPU), gives it a prefix area of its
 * own and starts it with SIGP RESTART; CPU 01 then spins, counting, and
 * answers through shared storage.  CPU 00 checks the two alternate through
 * storage, spins itself while the test asks CP (INDICATE USER) whether the
 * two were under SIE at the same time on different real CPUs, then sends
 * every SIGP order at CPU 01 while it runs (PoP "Signal Processor": sense,
 * external call, emergency signal, stop, start, restart, set prefix, store
 * status, stop and store status, initial CPU reset), and finally fires
 * random orders with random parameters at it while CPU 01 fires random
 * orders back.  It ends spinning on both CPUs, for the test to log it off. */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"
#include "smp.h"

#define SIGP_SENSE 0x01
#define SIGP_EXTCALL 0x02
#define SIGP_EMERGENCY 0x03
#define SIGP_START 0x04
#define SIGP_STOP 0x05
#define SIGP_RESTART 0x06
#define SIGP_STOP_STORE 0x09
#define SIGP_INITIAL_RESET 0x0B
#define SIGP_CPU_RESET 0x0C
#define SIGP_SET_PREFIX 0x0D
#define SIGP_STORE_AT 0x0E
#define SIGP_SENSE_RUNNING 0x15
#define ST_NOT_RUNNING 0x400
#define ST_STOPPED 0x40
#define ST_INCORRECT 0x200
#define ST_INVALID_PARM 0x100

#define LC64(a) (*(volatile uint64_t *)(uintptr_t)(a))
#define LC32(a) (*(volatile uint32_t *)(uintptr_t)(a))

/* CPU 01's prefix area (8 KiB, 8 KiB aligned), stack and status area. */
static uint8_t lc1[8192] __attribute__((aligned(8192)));
static uint8_t stack1[16384] __attribute__((aligned(8)));
static uint8_t status_area[512] __attribute__((aligned(512)));

/* Shared with CPU 01. */
static volatile uint64_t count1, restarts1, ext_1201, ext_1202, hostile1;
static volatile uint16_t ext_from;
static volatile int turn, mode;         /* mode 1: CPU 01 fires random SIGPs,
                                         * mode 2: it waits for an external call */
static volatile uint64_t waiting1;         /* CPU 01 is in (or entering) its enabled wait */

extern char cpu1_ext[], cpu1_pgm[];

/* CPU 01's external and program interruption entries (registers kept in
 * its own prefix area at X'200'); its restart entry is smp.h's. */
__asm__(
    "    .text\n"
    "    .globl cpu1_ext, cpu1_pgm\n"
    "cpu1_ext:\n"
    "    stmg  %r0,%r15,0x200(%r0)\n"
    "    larl  %r15,cpu1_stack_top\n"
    "    lg    %r15,0(%r15)\n"
    "    aghi  %r15,-4096\n"
    "    brasl %r14,cpu1_ext_c\n"
    "    lmg   %r0,%r15,0x200(%r0)\n"
    "    lpswe 0x130(%r0)\n"
    "cpu1_pgm:\n"
    "    stmg  %r0,%r15,0x280(%r0)\n"
    "    lmg   %r0,%r15,0x280(%r0)\n"
    "    lpswe 0x150(%r0)\n");

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

/* Busy (cc 2: the target has an intercept CP has not handled) is retried,
 * as Linux does. */
static int sigp_retry(uint16_t cpu, uint8_t order, uint64_t parm, uint32_t *status)
{
    int cc;
    for (int i = 0; i < 1000000; i++)
        if ((cc = sigp(cpu, order, parm, status)) != 2)
            return cc;
    return 2;
}

static uint64_t seed1 = 0x9E3779B97F4A7C15ULL, seed0 = 0x2545F4914F6CDD1DULL;

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

void cpu1_ext_c(void)
{
    uint16_t code = *(volatile uint16_t *)0x86;
    ext_from = *(volatile uint16_t *)0x84;
    if (code == 0x1201)
        ext_1201++;
    else if (code == 0x1202)
        ext_1202++;
    /* An interruption that ended CPU 01's enabled wait (mode 2) returns
     * past the wait: the old PSW (its own prefix area) loses the wait bit. */
    *(volatile uint64_t *)0x130 &= ~0x0002000000000000ULL;
}

/* CPU 01 in mode 2: an enabled wait (external interruptions) until CPU 00
 * sends an external call. */
static void cpu1_wait(void)
{
    static struct psw w;
    w.mask = 0x0102000180000000ULL;             /* external enabled, wait, 64-bit */
    waiting1 = 1;
    __asm__ volatile("larl %%r1,0f\n stg %%r1,%0\n lpswe %1\n0:"
                     : "=Q"(w.addr) : "Q"(w) : "1", "memory");
    waiting1 = 0;
    mode = 0;
}

/* CPU 01: enabled for emergency signals and external calls, it counts;
 * it gives the turn back when CPU 00 hands it over; in mode 1 it sends
 * CPU 00 random orders that cannot stop it (sense, external call,
 * emergency signal, start, set prefix and store status of a running CPU)
 * and any order to CPUs that do not exist. */
void cpu1_main(void)
{
    uint64_t cr0;
    restarts1++;
    __asm__ volatile("stctg 0,0,%0" : "=Q"(cr0));
    cr0 |= 0x6000;
    __asm__ volatile("lctlg 0,0,%0" : : "Q"(cr0));
    static const uint8_t harmless[] = { SIGP_SENSE, SIGP_EXTCALL, SIGP_EMERGENCY, SIGP_START,
                                        SIGP_SET_PREFIX, SIGP_STORE_AT };
    uint8_t sysmask;
    __asm__ volatile("stosm 0(%0),0x01" : : "a"(&sysmask) : "memory");   /* external on */
    for (;;) {
        count1++;
        if (turn == 1)
            turn = 0;
        if (mode == 2)
            cpu1_wait();
        if (mode == 1) {
            uint64_t r = rnd(&seed1);
            if (r % 4 == 0)
                sigp((uint16_t)(2 + r % 64), (uint8_t)(r >> 8), r >> 16, 0);
            else
                sigp(0, harmless[(r >> 8) % sizeof harmless], r >> 16, 0);
            hostile1++;
        }
    }
}

static int wait_change(volatile uint64_t *p, uint64_t from)
{
    for (unsigned long n = 0; n < 4000000000UL; n++)
        if (*p != from)
            return 1;
    return 0;
}

static int start_cpu1(void)
{
    uint32_t st;
    uint64_t r = restarts1;
    return sigp_retry(1, SIGP_SET_PREFIX, (uint64_t)(uintptr_t)lc1, &st) == 0 &&
           sigp_retry(1, SIGP_RESTART, 0, &st) == 0 && wait_change(&restarts1, r);
}

static int stfle_bit(int n)
{
    static uint64_t f[4] __attribute__((aligned(8)));
    register uint64_t g0 __asm__("0") = 3;
    __asm__ volatile(".insn s,0xb2b00000,%0" : "=Q"(f), "+d"(g0) : : "cc", "memory");
    return (int)(f[n / 64] >> (63 - n % 64)) & 1;
}

static uint64_t be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)(p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]);
}

/* Spin (enabled for I/O, never waiting) until the console line comes. */
static void spin_for_line(const char *request)
{
    static uint8_t line[132] __attribute__((aligned(8)));
    static struct { uint8_t cmd, flags; uint16_t count; uint32_t addr; } ccw __attribute__((aligned(8)));
    static uint32_t orb[8] __attribute__((aligned(8)));
    static uint8_t irb[96] __attribute__((aligned(8)));
    uint8_t sysmask;
    uint32_t sid = con_schid();
    ccw.cmd = 0x0A;
    ccw.flags = 0x20;
    ccw.count = 130;
    ccw.addr = (uint32_t)(uintptr_t)line;
    memset(orb, 0, sizeof orb);
    orb[0] = sid;
    orb[1] = 0x0080FF00;
    orb[2] = (uint32_t)(uintptr_t)&ccw;
    volatile uint32_t *int_sid = (volatile uint32_t *)0xB8;
    print("# %s", request);
    *int_sid = 0;
    if (rt_ssch(sid, orb) == 1 && rt_tsch(sid, irb) == 0)
        rt_ssch(sid, orb);
    __asm__ volatile("stosm 0(%0),0x02" : : "a"(&sysmask) : "memory");
    while (*int_sid != sid)
        ;
    __asm__ volatile("stnsm 0(%0),0xFD" : : "a"(&sysmask) : "memory");
    if (rt_tsch(sid, irb) == 0 && !(irb[8] & 0x08)) {   /* an Attention: read it now */
        char text[132];
        con_read(text, sizeof text);
    }
}

int main(void)
{
    char name[160];
    uint32_t st = 0;
    int cc;
    tap_plan(28);
    cpu1_stack_top = (uint64_t)(uintptr_t)(stack1 + sizeof stack1);

    static const char def[] = "DEFINE CPU 01";
    uint8_t cmd[sizeof def];
    ebcdic_from_ascii(cmd, def, sizeof def - 1);
    tap_ok(zcp_diag08(cmd, sizeof def - 1) == 0, "DIAG 8 DEFINE CPU 01");

    cc = sigp(1, SIGP_SENSE, 0, &st);
    tap_ok(cc == 1 && st == ST_STOPPED, "SIGP SENSE: CPU 01 is stopped");

    /* Sense running status (PoP "Signal Processor"; facility 9): cc 0 if
     * the CPU runs on a real CPU now, else cc 1 and status X'400'. */
    tap_ok(stfle_bit(9), "STFLE: facility 9, sense running status, is offered");
    st = 0;
    cc = sigp(1, SIGP_SENSE_RUNNING, 0, &st);
    int cc0 = sigp(0, SIGP_SENSE_RUNNING, 0, 0);
    snprint(name, sizeof name, "SIGP SENSE RUNNING STATUS: stopped CPU 01 not running (cc %d status %X), "
            "CPU 00 itself running (cc %d)", cc, st, cc0);
    tap_ok(cc == 1 && st == ST_NOT_RUNNING && cc0 == 0, name);
    tap_ok(sigp(5, SIGP_SENSE_RUNNING, 0, &st) == 3,
           "SIGP SENSE RUNNING STATUS of a CPU the machine does not have: cc 3");

    /* CPU 01's new PSWs: restart into cpu1_restart, external and program
     * handlers; all 64-bit and disabled. */
    const uint64_t mask = 0x0000000180000000ULL;
    memset(lc1, 0, sizeof lc1);
    *(uint64_t *)(lc1 + 0x1A0) = mask;
    *(uint64_t *)(lc1 + 0x1A8) = (uint64_t)(uintptr_t)cpu1_restart;
    *(uint64_t *)(lc1 + 0x1B0) = mask;
    *(uint64_t *)(lc1 + 0x1B8) = (uint64_t)(uintptr_t)cpu1_ext;
    *(uint64_t *)(lc1 + 0x1D0) = mask;
    *(uint64_t *)(lc1 + 0x1D8) = (uint64_t)(uintptr_t)cpu1_pgm;
    tap_ok(start_cpu1(), "SIGP SET PREFIX and RESTART start CPU 01");

    /* Both CPUs alternate through one word: each round needs the other. */
    int rounds = 0;
    for (; rounds < 500; rounds++) {
        turn = 1;
        uint64_t n = 0;
        while (turn == 1 && n < 4000000000UL)
            n++;
        if (turn == 1)
            break;
    }
    tap_ok(rounds == 500, "500 rounds of handing a word back and forth between the CPUs");

    spin_for_line("both spinning");
    tap_ok(count1 > 0, "CPU 01 spun while CPU 00 did");

    cc = sigp(1, SIGP_SENSE, 0, &st);
    tap_ok(cc == 0, "SIGP SENSE of the running CPU 01: cc 0");
    uint64_t e = ext_1202;
    cc = sigp(1, SIGP_EXTCALL, 0, 0);
    tap_ok(cc == 0 && wait_change(&ext_1202, e) && ext_from == 0,
           "SIGP EXTERNAL CALL reaches the running CPU 01 (X'1202' from CPU 00)");
    e = ext_1201;
    cc = sigp(1, SIGP_EMERGENCY, 0, 0);
    tap_ok(cc == 0 && wait_change(&ext_1201, e) && ext_from == 0,
           "SIGP EMERGENCY SIGNAL reaches it (X'1201')");

    /* CPU 01 spins: running whenever a real CPU runs it.  Two real CPUs
     * here, but this CPU's SIGP may be handled while CPU 01 waits for one
     * (not running, rightly): asked until it is seen running. */
    int notrun = 0, odd = 0;
    for (int i = 0; i < 1000000; i++) {
        st = 0;
        cc = sigp(1, SIGP_SENSE_RUNNING, 0, &st);
        if (cc == 0)
            break;
        if (cc == 1 && st == ST_NOT_RUNNING)
            notrun++;
        else
            odd++;
    }
    snprint(name, sizeof name, "SIGP SENSE RUNNING STATUS of the spinning CPU 01: running, cc 0 "
            "(%d not-running answers before, %d others)", notrun, odd);
    tap_ok(cc == 0 && odd == 0, name);
    /* CPU 01 in an enabled wait: not running, until an external call. */
    mode = 2;
    while (!waiting1)
        ;
    for (int i = 0; i < 1000000; i++) {
        st = 0;
        if ((cc = sigp(1, SIGP_SENSE_RUNNING, 0, &st)) == 1)
            break;
    }
    int sc0 = sigp(1, SIGP_SENSE, 0, 0);
    snprint(name, sizeof name, "SIGP SENSE RUNNING STATUS of CPU 01 in an enabled wait: not running "
            "(cc %d status %X), not stopped (SENSE cc %d)", cc, st, sc0);
    tap_ok(cc == 1 && st == ST_NOT_RUNNING && sc0 == 0 && waiting1, name);
    e = ext_1202;
    cc = sigp(1, SIGP_EXTCALL, 0, 0);
    uint64_t c1 = count1;
    tap_ok(cc == 0 && wait_change(&ext_1202, e) && wait_change(&waiting1, 1) &&
           wait_change(&count1, c1), "SIGP EXTERNAL CALL ends CPU 01's wait: it counts again");

    cc = sigp_retry(1, SIGP_SET_PREFIX, (uint64_t)(uintptr_t)lc1, &st);
    tap_ok(cc == 1 && st == ST_INCORRECT, "SIGP SET PREFIX of a running CPU: incorrect state");
    cc = sigp_retry(1, SIGP_STORE_AT, (uint64_t)(uintptr_t)status_area, &st);
    tap_ok(cc == 1 && st == ST_INCORRECT, "SIGP STORE STATUS AT ADDRESS of a running CPU: incorrect state");

    cc = sigp_retry(1, SIGP_STOP, 0, 0);
    int sc = sigp(1, SIGP_SENSE, 0, &st);
    uint64_t c = count1;
    for (volatile unsigned long n = 0; n < 20000000UL; n++)
        ;
    snprint(name, sizeof name, "SIGP STOP: CPU 01 stopped at once (sense cc %d status %X) and counts no more",
            sc, st);
    tap_ok(cc == 0 && sc == 1 && st == ST_STOPPED && count1 == c, name);

    memset(status_area, 0xEE, sizeof status_area);
    cc = sigp_retry(1, SIGP_STORE_AT, (uint64_t)(uintptr_t)status_area, &st);
    uint64_t pswa = be64(status_area + 0x108);
    snprint(name, sizeof name, "SIGP STORE STATUS AT ADDRESS: prefix %X, PSW address %llX, CR0 %llX", be32(status_area + 0x118),
            (unsigned long long)pswa, (unsigned long long)be64(status_area + 0x180));
    uint64_t gr15 = be64(status_area + 0x80 + 15 * 8);
    tap_ok(cc == 0 && be32(status_area + 0x118) == (uint32_t)(uintptr_t)lc1 &&
           pswa >= 0x10000 && pswa < (uint64_t)(uintptr_t)lc1 &&
           (be64(status_area + 0x180) & 0x6000) == 0x6000 &&
           gr15 > (uint64_t)(uintptr_t)stack1 && gr15 < cpu1_stack_top, name);

    cc = sigp_retry(1, SIGP_START, 0, 0);
    tap_ok(cc == 0 && wait_change(&count1, count1), "SIGP START: CPU 01 counts again");

    uint64_t r = restarts1;
    cc = sigp_retry(1, SIGP_RESTART, 0, 0);
    tap_ok(cc == 0 && wait_change(&restarts1, r), "SIGP RESTART of the running CPU 01: it restarts");

    memset((void *)0x1200, 0, 512);
    cc = sigp_retry(1, SIGP_STOP_STORE, 0, 0);
    sc = sigp(1, SIGP_SENSE, 0, &st);
    tap_ok(cc == 0 && sc == 1 && st == ST_STOPPED && LC32(0x1318) == (uint32_t)(uintptr_t)lc1 &&
           *(volatile uint8_t *)0xA3 == 1,
           "SIGP STOP AND STORE STATUS: stopped, its prefix at absolute X'1318', X'A3' = 1");

    cc = sigp_retry(1, SIGP_INITIAL_RESET, 0, 0);
    memset(status_area, 0xEE, sizeof status_area);
    int cc2 = sigp_retry(1, SIGP_STORE_AT, (uint64_t)(uintptr_t)status_area, &st);
    tap_ok(cc == 0 && cc2 == 0 && be32(status_area + 0x118) == 0 && be64(status_area + 0x180) == 0xE0,
           "SIGP INITIAL CPU RESET: prefix 0, CR0 X'E0'");
    cc = sigp_retry(1, SIGP_SET_PREFIX, 0x7FFFE000, &st);
    tap_ok(cc == 1 && st == ST_INVALID_PARM, "SIGP SET PREFIX beyond storage: invalid parameter");
    tap_ok(start_cpu1(), "set prefix and restart again: CPU 01 runs");
    tap_ok(sigp(5, SIGP_SENSE, 0, &st) == 3, "SIGP to a CPU the machine does not have: cc 3");

    /* Hostile: random orders both ways while both run.  An initial CPU
     * reset leaves CPU 01 with prefix 0 and PSW 0, and a random START then
     * runs it there, in our prefix area: a loop at absolute 0 (bytes the
     * machine no longer uses after IPL) keeps it from running into our
     * code until a restart with its own prefix brings it back. */
    *(volatile uint32_t *)0 = 0xA7F40000;       /* j . */
    LC64(0x1A0) = 0x0000000180000000ULL;        /* a restart there: the same loop */
    LC64(0x1A8) = 0;
    mode = 1;
    int busy = 0, n = 0;
    for (; n < 4000; n++) {
        uint64_t x = rnd(&seed0);
        uint8_t order = (uint8_t)(x % 20);
        uint64_t parm;
        switch ((x >> 8) % 4) {
        case 0: parm = (uint64_t)(uintptr_t)lc1; break;
        case 1: parm = 0x7FFFE000 + (x >> 32) % 0x1000; break;      /* beyond storage */
        case 2: parm = (uint64_t)(uintptr_t)status_area; break;
        default: parm = x | 0x7F000000; break;                      /* far beyond */
        }
        /* Moving its prefix anywhere but its own area would take its
         * restart PSW with it; storing status into it, its new PSWs. */
        if (order == SIGP_SET_PREFIX && parm < 0x7F000000)
            parm = (uint64_t)(uintptr_t)lc1;
        if (order != SIGP_SET_PREFIX && parm == (uint64_t)(uintptr_t)lc1)
            parm = (uint64_t)(uintptr_t)status_area;
        uint16_t to = (x >> 16) % 8 == 0 ? (uint16_t)(x >> 20) : 1;
        if (to == 0)
            order = SIGP_SENSE;                 /* not ourselves */
        if (sigp(to, order, parm, &st) == 2)
            busy++;
        if (n % 100 == 99 && sigp(1, SIGP_SENSE, 0, &st) == 1 && (st & ST_STOPPED))
            start_cpu1();
    }
    mode = 0;
    snprint(name, sizeof name, "%d random orders at CPU 01 (%d busy) while it sent %llu back; CP is up",
            n, busy, (unsigned long long)hostile1);
    tap_ok(hostile1 > 0, name);
    cc = sigp_retry(1, SIGP_STOP, 0, 0);
    sc = sigp(1, SIGP_SENSE, 0, &st);
    tap_ok(cc == 0 && sc == 1 && st == ST_STOPPED, "after them SIGP STOP still stops CPU 01");
    tap_ok(start_cpu1(), "and it starts again");

    /* Both spin until the test logs the guest off. */
    print("# spinning for logoff");
    for (;;)
        __asm__ volatile("" : : : "memory");
}
