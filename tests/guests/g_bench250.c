/* DIAG X'250' read benchmark guest (bench/b_diag250.py): INIT its 0191 with
 * 4096-byte blocks, then three phases of synchronous reads cycling over
 * the first 720 blocks: one block a request, 8 BIOEs a request, 64 BIOEs a
 * request, each reading BLOCKS blocks.  The same deck runs under ZCP (a
 * 3390 minidisk) and directly on Hercules (an FBA disk: Hercules 3.13 does
 * DIAG X'250' for FBA only).  Prints "BENCH250 START n" and
 * "BENCH250 END n requests bad usec" for each phase, and "BENCH250 LOOP
 * iterations usec" before and after them (n BIOEs a request),
 * usec the phase's time by the TOD clock: the host cannot time the phases
 * from the console lines, which CP may hold back while the guest keeps it
 * busy.  Under SIE Hercules' TOD runs a little ahead (DESIGN.md: about 1
 * microsecond each SIE entry or exit), which counts against ZCP. */
#include "dasd.h"

#define BLOCKS 20000
#define MAXN   64

static uint8_t buf[MAXN][4096] __attribute__((aligned(4096)));
static uint8_t biopl[64] __attribute__((aligned(8)));
static uint8_t bioe[MAXN][16] __attribute__((aligned(8)));

static uint64_t tod(void)
{
    uint64_t t;
    __asm__ volatile("stck %0" : "=Q"(t) : : "cc");
    return t;
}

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

static int phase(int n)
{
    uint64_t rc;
    int bad = 0, reqs = (BLOCKS + n - 1) / n;
    uint32_t blk = 0;
    print("BENCH250 START %d", n);
    uint64_t t0 = tod();
    for (int i = 0; i < reqs; i++) {
        memset(biopl, 0, 64);
        biopl[0] = 0x01; biopl[1] = 0x91;
        put32(biopl + 28, (uint32_t)n);
        put32(biopl + 36, A(bioe));
        for (int k = 0; k < n; k++) {
            memset(bioe[k], 0, 16);
            bioe[k][0] = 2;
            put32(bioe[k] + 4, blk % 720 + 1);
            put32(bioe[k] + 12, A(buf[k]));
            blk++;
        }
        if (diag250(biopl, 1, &rc) != 0 || rc != 0)
            bad++;
    }
    uint64_t us = (tod() - t0) >> 12;
    print("BENCH250 END %d %d %d %u", n, reqs, bad, (unsigned)us);
    return bad;
}

/* A BRCTG loop of LOOPS iterations, timed the same way: the speed of
 * ordinary guest instructions in this run, which the bench divides out
 * (the host is shared; its load moves every time by a factor). */
#define LOOPS 4000000
static void loop_phase(void)
{
    uint64_t n = LOOPS, t0 = tod();
    __asm__ volatile("0: brctg %0,0b" : "+d"(n) : : "cc");
    print("BENCH250 LOOP %d %u", LOOPS, (unsigned)((tod() - t0) >> 12));
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
    loop_phase();
    phase(1);
    phase(8);
    phase(64);
    loop_phase();
    print("BENCH250 DONE");
    return 0;
}
