/* DIAG X'250' read benchmark guest (bench/b_diag250.py): INIT its 0191 with
 * 4096-byte blocks, then ROUNDS rounds of five phases: a BRCTG loop of
 * LOOPS iterations (the speed of plain guest instructions), synchronous
 * reads of BLOCKS blocks with one BIOE a request, 8 and 64, and
 * asynchronous reads of ABLOCKS blocks with 8 BIOEs a request (each
 * request waited for: its X'2603' external interruption).  Blocks cycle
 * over the first 720 of the disk.  The same deck runs under ZCP (a 3390
 * minidisk) and directly on Hercules (an FBA disk: Hercules 3.13 does
 * DIAG X'250' for FBA only).
 *
 * Before each phase it prints "BENCH250 name READY n" (n blocks, or loop
 * iterations) and reads a console line; the host times a phase by the CPU
 * time Hercules spent between two READY lines, read while the guest waits
 * (the wall clock of a loaded shared host counts other programs' time).
 * After each phase: "BENCH250 END name bad usec", bad the requests that
 * failed, usec its TOD time (informative only: Hercules' TOD runs ahead
 * under SIE, DESIGN.md).  Last "BENCH250 DONE READY bad". */
#include "dasd.h"

#define BLOCKS 20000
#define ABLOCKS 2000        /* asynchronous: bare Hercules takes ms a request */
#define MAXN   64
#define ROUNDS 5
#define LOOPS  4000000UL

static uint8_t buf[MAXN][4096] __attribute__((aligned(4096)));
static uint8_t biopl[64] __attribute__((aligned(8)));
static uint8_t bioe[MAXN][16] __attribute__((aligned(8)));
static int bad_total;

static uint64_t tod(void)
{
    uint64_t t;
    __asm__ volatile("stck %0" : "=Q"(t) : : "cc");
    return t;
}

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

/* Say which phase comes, and wait for the host's go-ahead. */
static void ready(const char *name, unsigned long n)
{
    char line[16];
    print("BENCH250 %s READY %lu", name, n);
    con_read(line, sizeof line);
}

/* BLOCKS blocks, n BIOEs a request; async: each request with flag X'02',
 * then its completion interruption waited for. */
static void phase(const char *name, int n, int async)
{
    uint64_t rc;
    int bad = 0, reqs = ((async ? ABLOCKS : BLOCKS) + n - 1) / n;
    uint32_t blk = 0;
    uint16_t cpuaddr;
    ready(name, (unsigned long)reqs * (unsigned long)n);
    uint64_t t0 = tod();
    for (int i = 0; i < reqs; i++) {
        memset(biopl, 0, 64);
        biopl[0] = 0x01; biopl[1] = 0x91;
        biopl[25] = async ? 0x02 : 0;
        put32(biopl + 28, (uint32_t)n);
        put32(biopl + 36, A(bioe));
        put32(biopl + 40, (uint32_t)i);
        for (int k = 0; k < n; k++) {
            memset(bioe[k], 0, 16);
            bioe[k][0] = 2;
            put32(bioe[k] + 4, blk % 720 + 1);
            put32(bioe[k] + 12, A(buf[k]));
            blk++;
        }
        int cc = diag250(biopl, 1, &rc);
        if (async && cc == 0 && rc == 8) {
            /* Status 0 (all done) and the request's parameter. */
            if (wait_ext(&cpuaddr) != 0x2603 || cpuaddr != 0x0300 ||
                *(volatile uint32_t *)0x80 != (uint32_t)i)
                bad++;
        } else if (cc != 0 || rc != 0) {
            bad++;
        }
    }
    uint64_t us = (tod() - t0) >> 12;
    print("BENCH250 END %s %d %u", name, bad, (unsigned)us);
    bad_total += bad;
}

static void loop_phase(void)
{
    uint64_t n = LOOPS;
    ready("LOOP", LOOPS);
    uint64_t t0 = tod();
    __asm__ volatile("0: brctg %0,0b" : "+d"(n) : : "cc");
    print("BENCH250 END LOOP 0 %u", (unsigned)((tod() - t0) >> 12));
}

int main(void)
{
    uint64_t rc;
    memset(biopl, 0, 64);
    biopl[0] = 0x01; biopl[1] = 0x91;
    put32(biopl + 24, 4096);
    int cc = diag250(biopl, 0, &rc);
    if (cc != 0) {
        print("BENCH250 FAILED INIT cc %d rc %d", cc, (int)rc);
        return 1;
    }
    print("BENCH250 BEGIN");
    for (int r = 0; r < ROUNDS; r++) {
        loop_phase();
        phase("P1", 1, 0);
        phase("P8", 8, 0);
        phase("P64", 64, 0);
        phase("A8", 8, 1);
    }
    ready("DONE", (unsigned long)bad_total);
    return 0;
}
