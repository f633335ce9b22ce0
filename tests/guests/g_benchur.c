/* Spool read benchmark guest (bench/b_spool.py): the first file in its
 * reader after the IPL deck (100,000 cards put there by tools/zcpspool)
 * is read with DIAG X'14' spool buffers, then, kept (SPOOL RDR KEEP), read
 * again with reader CCWs (one Read a card).  Prints "BENCHUR START",
 * "BENCHUR D14 cards", "BENCHUR END d14cards ccwcards"; before each phase
 * it reads a console line (the bench's SEND), so the bench can read
 * Hercules' CPU time while the guest waits (bench/hostcpu.py). */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

static uint8_t irb[96] __attribute__((aligned(8)));
static uint8_t buf[128] __attribute__((aligned(8)));
static uint8_t page[4096] __attribute__((aligned(4096)));
static uint8_t cmd[64];

static int io(uint32_t sid)
{
    if (rt_ccw(sid, 0x02, buf, 80, irb) != 0)
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
    char line[16];
    print("BENCHUR READY D14");
    con_read(line, sizeof line);
    print("BENCHUR START");
    uint32_t d14 = 0;
    int cc;
    while ((cc = zcp_diag14((uintptr_t)page, 0x000C, ZCP_D14_READ, 0)) == 0)
        d14 += (uint32_t)page[12] << 24 | page[13] << 16 | page[14] << 8 | page[15];
    print("BENCHUR D14 %u", d14);
    cp("CLOSE RDR");
    print("BENCHUR READY CCW");
    con_read(line, sizeof line);
    uint32_t n = 0;
    while ((st = io(rdr)) == 0x0C)
        n++;
    print("BENCHUR END %u %u", d14, n);
    return 0;
}
