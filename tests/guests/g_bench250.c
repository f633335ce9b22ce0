/* DIAG X'250' read benchmark guest (bench/b_diag250.py): INIT its 0191 with
 * 4096-byte blocks, then synchronous one-block reads, cycling over the
 * first 720 blocks.  The same deck runs under ZCP (a 3390 minidisk) and
 * directly on Hercules (an FBA disk: Hercules 3.13 does DIAG X'250' for
 * FBA only).  Prints "BENCH250 START" and "BENCH250 END reads bad". */
#include "dasd.h"

#define READS 4000

static uint8_t buf[4096] __attribute__((aligned(4096)));
static uint8_t biopl[64] __attribute__((aligned(8)));
static uint8_t bioe[16] __attribute__((aligned(8)));

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

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
    int bad = 0;
    print("BENCH250 START");
    for (int i = 0; i < READS; i++) {
        memset(biopl, 0, 64);
        biopl[0] = 0x01; biopl[1] = 0x91;
        put32(biopl + 28, 1);
        put32(biopl + 36, A(bioe));
        memset(bioe, 0, 16);
        bioe[0] = 2;
        put32(bioe + 4, (uint32_t)(i % 720) + 1);
        put32(bioe + 12, A(buf));
        if (diag250(biopl, 1, &rc) != 0 || rc != 0)
            bad++;
    }
    print("BENCH250 END %d %d", READS, bad);
    return 0;
}
