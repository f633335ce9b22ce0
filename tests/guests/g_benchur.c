/* Spool read benchmark guest (bench/b_spool.py): the first file in its
 * reader after the IPL deck (100,000 cards put there by tools/zcpspool)
 * is read with DIAG X'14' spool buffers, then, kept (SPOOL RDR KEEP), read
 * again with reader CCWs (one Read a card).  Prints "BENCHUR START",
 * "BENCHUR D14 cards", "BENCHUR END d14cards ccwcards". */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

static uint8_t irb[96] __attribute__((aligned(8)));
static uint8_t buf[128] __attribute__((aligned(8)));
static struct { uint8_t cmd, flags; uint16_t count; uint32_t addr; } ccw __attribute__((aligned(8)));
static uint32_t orb[8] __attribute__((aligned(8)));
static uint8_t page[4096] __attribute__((aligned(4096)));
static uint8_t cmd[64];

static int io(uint32_t sid)
{
    ccw.cmd = 0x02;
    ccw.flags = 0x20;
    ccw.count = 80;
    ccw.addr = (uint32_t)(uintptr_t)buf;
    memset(orb, 0, sizeof orb);
    orb[0] = sid;
    orb[1] = 0x0080FF00;
    orb[2] = (uint32_t)(uintptr_t)&ccw;
    if (rt_ssch(sid, orb) != 0)
        return -1;
    wait_io(sid);
    if (rt_tsch(sid, irb) != 0)
        return -1;
    return irb[8];
}

static void cp(const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    ebcdic_from_ascii(cmd, s, n);
    zcp_diag08(cmd, n);
}

int main(void)
{
    uint32_t rdr = rt_enable_sch(0x000C);
    int st;
    while (rt_tsch(rdr, irb) == 0)
        ;
    while ((st = io(rdr)) >= 0 && !(st & 0x03))
        ;                               /* the rest of the IPL deck */
    cp("SPOOL RDR KEEP");
    print("BENCHUR START");
    uint32_t d14 = 0;
    int cc;
    while ((cc = zcp_diag14((uintptr_t)page, 0x000C, ZCP_D14_READ, 0)) == 0)
        d14 += (uint32_t)page[12] << 24 | page[13] << 16 | page[14] << 8 | page[15];
    print("BENCHUR D14 %u", d14);
    cp("CLOSE RDR");
    uint32_t n = 0;
    while ((st = io(rdr)) == 0x0C)
        n++;
    print("BENCHUR END %u %u", d14, n);
    return 0;
}
