/* Channel-program suspension, RSCH and PCI on the guest's 3215
 * (tests/system/t_guests.py), as the Principles of Operation describe
 * them ("Suspension of Channel-Program Execution", "Resume Subchannel",
 * "Program-Controlled Interruption"): a CCW with the S flag suspends the
 * program before it runs when the ORB asked for suspend control, with an
 * intermediate interruption unless the ORB's U bit suppresses it; RSCH
 * refetches that CCW; without suspend control the S flag is a program
 * check; a CCW with the PCI flag shows PCI in the channel status.  Also
 * indirect data addressing ("Indirect Data Addressing"): format-1 IDAWs
 * (2K blocks) and, with ORB H, format-2 IDAWs (64-bit, 4K blocks, or 2K
 * with ORB T), as Linux's cio uses them; every IDAW after the first must
 * address a block boundary, else a program check.  The
 * console subchannel is busy while a program is suspended, so the results
 * are printed at the end. */
#include "rt/rt.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

struct ccw1 { uint8_t cmd, flags; uint16_t count; uint32_t addr; } __attribute__((aligned(8)));
#define CC   0x40
#define SLI  0x20
#define PCI  0x08
#define SUSP 0x02
#define IDA  0x04
#define ORB_H 0x00020000
#define ORB_T 0x00010000
#define A(p) ((uint32_t)(uintptr_t)(p))

static struct ccw1 prog[4];
static uint32_t orb[8] __attribute__((aligned(8)));
static uint8_t irb[96] __attribute__((aligned(8)));
static uint8_t schib[52] __attribute__((aligned(8)));
static uint8_t text[4][16] __attribute__((aligned(8)));

static uint8_t big[8192] __attribute__((aligned(4096)));
static uint32_t idal1[4] __attribute__((aligned(8)));
static uint64_t idal2[4] __attribute__((aligned(8)));

static int results[40];
static const char *names[40];
static int nres;

static void check(int cond, const char *name)
{
    results[nres] = cond;
    names[nres++] = name;
}

static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static int rsch(uint32_t sid)
{
    register uint32_t r1 __asm__("1") = sid;
    int cc;
    __asm__ volatile("rsch\n ipm %0\n srl %0,28" : "=d"(cc) : "d"(r1) : "cc", "memory");
    return cc;
}

static void line(int i, const char *s)
{
    memset(text[i], 0x40, sizeof text[i]);
    ebcdic_from_ascii(text[i], s, strlen(s));
    prog[i] = (struct ccw1){ 0x09, 0, (uint16_t)strlen(s), A(text[i]) };
}

static int start(uint32_t sid, uint32_t extra)
{
    memset(orb, 0, sizeof orb);
    orb[0] = sid;
    orb[1] = 0x0080FF00 | extra;
    orb[2] = A(prog);
    return rt_ssch(sid, orb);
}

int main(void)
{
    uint32_t sid = con_schid();
    uint32_t w0;

    /* 1. Suspend at the second CCW, intermediate interruption. */
    line(0, "susp A");
    line(1, "susp B");
    prog[0].flags = CC;
    prog[1].flags = SUSP;
    int cc = start(sid, 0x08000000);                    /* ORB S */
    wait_io(sid);
    check(cc == 0 && rsch(sid) == 1, "RSCH while the suspension's status is pending: cc 1");
    rt_tsch(sid, irb);
    w0 = get32(irb);
    check((w0 & 0xFFFF) == 0x4029 && (w0 & 0x08000000),
          "suspended: start function, activity suspended, intermediate status pending, S kept");
    check(get32(irb + 4) == A(&prog[1]) + 8 && irb[8] == 0 && irb[9] == 0,
          "CCW address 8 past the suspended CCW; no device or channel status");
    rt_stsch(sid, schib);
    check((get32(schib + 28) & 0xFFFF) == 0x4020, "STSCH after TSCH: still suspended, nothing pending");
    check(rt_ssch(sid, orb) == 2, "SSCH while suspended: cc 2 (busy)");

    /* 2. RSCH with the S flag still on: fetched again, suspended again. */
    check(rsch(sid) == 0, "RSCH of the suspended program: cc 0");
    wait_io(sid);
    rt_tsch(sid, irb);
    check((get32(irb) & 0xFFFF) == 0x4029, "the S flag left on: suspended again");

    /* 3. The program clears the flag and resumes: it ends normally. */
    prog[1].flags = 0;
    check(rsch(sid) == 0, "RSCH after clearing the S flag: cc 0");
    wait_io(sid);
    rt_tsch(sid, irb);
    w0 = get32(irb);
    check((w0 & 0xFFFF) == 0x4007 && irb[8] == 0x0C && irb[9] == 0 &&
          get32(irb + 4) == A(&prog[1]) + 8, "the resumed program ends: CE DE, primary and secondary");
    check(rsch(sid) == 2, "RSCH with no start function: cc 2");

    /* 4. ORB U: suspended without an interruption. */
    prog[1].flags = SUSP;
    cc = start(sid, 0x08000000 | 0x00080000);
    rt_stsch(sid, schib);
    w0 = get32(schib + 28);
    check(cc == 0 && (w0 & 0xFFFF) == 0x4020 && (w0 & 0x00080000),
          "ORB U: suspended, no status pending (STSCH)");
    prog[1].flags = 0;
    check(rsch(sid) == 0, "RSCH: cc 0");
    wait_io(sid);
    rt_tsch(sid, irb);
    check(irb[8] == 0x0C && irb[9] == 0, "it ends with CE DE");

    /* 5. The S flag without suspend control in the ORB: program check. */
    prog[1].flags = SUSP;
    cc = start(sid, 0);
    wait_io(sid);
    rt_tsch(sid, irb);
    check(cc == 0 && irb[9] == 0x20 && get32(irb + 4) == A(&prog[1]) + 8,
          "S flag without ORB S: program check at that CCW");
    check(rsch(sid) == 2, "RSCH after the program ended: cc 2");

    /* 6. PCI. */
    prog[0].flags = CC | PCI;
    prog[1].flags = 0;
    cc = start(sid, 0);
    wait_io(sid);
    rt_tsch(sid, irb);
    check(cc == 0 && irb[8] == 0x0C && (irb[9] & 0x80), "a CCW with the PCI flag: PCI in the channel status");
    prog[0].flags = CC;
    cc = start(sid, 0);
    wait_io(sid);
    rt_tsch(sid, irb);
    check(cc == 0 && irb[8] == 0x0C && irb[9] == 0, "without it, no PCI");

    /* 7. Indirect data addressing: a line split over two IDAWs. */
    prog[0] = (struct ccw1){ 0x09, IDA, 10, A(idal1) };
    memcpy(big + 2048 - 5, "\xC9\xC4\xC1\xE6\xF1", 5);        /* IDAW1 */
    memcpy(big + 2048, "\x40\xF2\xD2\x40\xD6", 5);            /*  2K O */
    idal1[0] = A(big + 2048 - 5);
    idal1[1] = A(big + 2048);
    cc = start(sid, 0);
    wait_io(sid);
    rt_tsch(sid, irb);
    check(cc == 0 && irb[8] == 0x0C && irb[9] == 0, "format-1 IDAWs across a 2K boundary: CE DE");
    idal1[1] = A(big + 2048 + 8);
    cc = start(sid, 0);
    wait_io(sid);
    rt_tsch(sid, irb);
    check(cc == 0 && irb[9] == 0x20, "format-1: a second IDAW not on a 2K boundary is a program check");
    idal1[0] = 0x80000000u | A(big);
    cc = start(sid, 0);
    wait_io(sid);
    rt_tsch(sid, irb);
    check(cc == 0 && irb[9] == 0x20, "format-1: an IDAW with bit 0 on is a program check");
    prog[0].addr = A(idal2);
    memcpy(big + 4096 - 5, "\xC9\xC4\xC1\xE6\xF2", 5);        /* IDAW2 */
    memcpy(big + 4096, "\x40\xF4\xD2\x40\xD6", 5);            /*  4K O */
    idal2[0] = A(big + 4096 - 5);
    idal2[1] = A(big + 4096);
    cc = start(sid, ORB_H);
    wait_io(sid);
    rt_tsch(sid, irb);
    check(cc == 0 && irb[8] == 0x0C && irb[9] == 0, "ORB H: format-2 IDAWs across a 4K boundary: CE DE");
    idal2[1] = A(big + 2048);
    cc = start(sid, ORB_H);
    wait_io(sid);
    rt_tsch(sid, irb);
    check(cc == 0 && irb[9] == 0x20, "format-2, 4K blocks: a second IDAW on a 2K (not 4K) boundary is a program check");
    memcpy(big + 2048 - 5, "\xC9\xC4\xC1\xE6\xF3", 5);        /* IDAW3 */
    idal2[0] = A(big + 2048 - 5);
    cc = start(sid, ORB_H | ORB_T);
    wait_io(sid);
    rt_tsch(sid, irb);
    check(cc == 0 && irb[8] == 0x0C && irb[9] == 0, "ORB H and T: format-2 IDAWs with 2K blocks: CE DE");
    prog[0].addr = A(idal2) + 4;
    cc = start(sid, ORB_H);
    wait_io(sid);
    rt_tsch(sid, irb);
    check(cc == 0 && irb[9] == 0x20, "format-2: an IDAL not on a doubleword is a program check");

    tap_plan(nres);
    for (int i = 0; i < nres; i++)
        tap_ok(results[i], names[i]);
    disabled_wait(0);
}
