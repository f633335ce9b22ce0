/* The machine as a guest sees it: STSI, STFLE/STFL, the SCLP (SERVC and
 * the service signal), and CP's handling of operands through the guest's
 * own DAT tables.  Each test point is one architected outcome, including
 * the program interruptions hostile operands must get. */
#include "rt/rt.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define LC16(a) (*(volatile uint16_t *)(uintptr_t)(a))
#define LC32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define LC64(a) (*(volatile uint64_t *)(uintptr_t)(a))

static uint8_t page[4096] __attribute__((aligned(4096)));
static uint8_t page2[8192] __attribute__((aligned(4096)));
static char b[120];

/* ---- instruction wrappers ------------------------------------------------ */

static int stsi(void *sysib, uint64_t r0, uint64_t r1, uint64_t *r0_after)
{
    register uint64_t g0 __asm__("0") = r0;
    register uint64_t g1 __asm__("1") = r1;
    int cc;
    __asm__ volatile("stsi 0(%[a])\n ipm %[cc]\n srl %[cc],28"
                     : [cc] "=d"(cc), "+d"(g0) : "d"(g1), [a] "a"(sysib) : "cc", "memory");
    if (r0_after)
        *r0_after = g0;
    return cc;
}

static int stfle(void *list, unsigned n, uint64_t *r0_after)
{
    register uint64_t g0 __asm__("0") = n - 1;
    int cc;
    __asm__ volatile(".insn s,0xb2b00000,0(%[a])\n ipm %[cc]\n srl %[cc],28"
                     : [cc] "=d"(cc), "+d"(g0) : [a] "a"(list) : "cc", "memory");
    *r0_after = g0;
    return cc;
}

static int servc(uint32_t cmd, const void *sccb)
{
    int cc;
    __asm__ volatile(".insn rre,0xb2200000,%[c],%[s]\n ipm %[cc]\n srl %[cc],28"
                     : [cc] "=d"(cc) : [c] "d"((uint64_t)cmd), [s] "a"(sccb) : "cc", "memory");
    return cc;
}

static void lctlg0(uint64_t v) { __asm__ volatile("lctlg 0,0,%0" : : "Q"(v)); }
static void lctlg1(uint64_t v) { __asm__ volatile("lctlg 1,1,%0" : : "Q"(v)); }
static uint64_t stctg0(void) { uint64_t v; __asm__ volatile("stctg 0,0,%0" : "=Q"(v)); return v; }

/* ---- the service signal: external interruptions ---------------------------- */

volatile uint16_t ext_code;
volatile uint32_t ext_parm;

/* The handler proper, in C-free assembler: save the code and parameter,
 * return to the waiter disabled for external interruptions, not waiting. */
__asm__(".text\n"
        ".globl ext_handler\n"
        "ext_handler:\n"
        "  stmg  %r0,%r15,0x300(%r0)\n"
        "  larl  %r1,ext_code\n"
        "  mvc   0(2,%r1),0x86(%r0)\n"
        "  larl  %r1,ext_parm\n"
        "  mvc   0(4,%r1),0x80(%r0)\n"
        "  ni    0x130(%r0),0xFE\n"                 /* old PSW: external off */
        "  ni    0x131(%r0),0xFD\n"                 /* and not waiting */
        "  lmg   %r0,%r15,0x300(%r0)\n"
        "  lpswe 0x130(%r0)\n");
void ext_handler(void);

/* Wait (enabled for external interruptions) for the service signal. */
static int wait_service_signal(void)
{
    static struct psw w;
    LC64(0x1B0) = 0x0000000180000000ULL;
    LC64(0x1B8) = (uintptr_t)ext_handler;
    lctlg0(stctg0() | 0x200);                       /* service-signal subclass */
    ext_code = 0;
    w.mask = 0x0102000180000000ULL;
    __asm__ volatile("larl %%r1,0f\n stg %%r1,%0\n lpswe %1\n0:" : "=Q"(w.addr) : "Q"(w) : "1", "memory");
    return ext_code == 0x2401;
}

/* One SCLP command from start to the service signal: cc, and response. */
static int sclp(uint32_t cmd, uint8_t *sccb, uint16_t *resp)
{
    int cc = servc(cmd, sccb);
    *resp = 0xFFFF;
    if (cc == 0 && wait_service_signal() && (ext_parm & ~7u) == (uint32_t)(uintptr_t)sccb)
        *resp = (uint16_t)(sccb[6] << 8 | sccb[7]);
    return cc;
}

static void sccb_init(uint8_t *s, uint16_t len)
{
    memset(s, 0, len < 4096 ? 4096 : len);
    s[0] = (uint8_t)(len >> 8);
    s[1] = (uint8_t)len;
}

/* ---- hostile operands ---------------------------------------------------- */

static void stsi_r0_reserved(void *a) { stsi(page, 0x10000100 | 1, 1, 0); }
static void stsi_r1_reserved(void *a) { stsi(page, 0x10000001, 0x00010001, 0); }
static void stsi_unaligned(void *a) { stsi(page + 8, 0x10000001, 1, 0); }
static void stsi_beyond(void *a) { stsi((void *)0x7FFFF000, 0x30000002, 2, 0); }
static void stfle_unaligned(void *a) { uint64_t r; stfle(page + 4, 1, &r); }
static void servc_unaligned(void *a) { servc(0x00020001, page + 4); }
static void servc_beyond(void *a) { servc(0x00020001, (void *)0x7FFF0000); }
static void servc_above_2g(void *a) { servc(0x00020001, (void *)0x100000000ULL); }
static void problem_state(void *fn)
{
    static struct psw p = { 0x0001000180000000ULL, 0 };
    __asm__ volatile("larl %%r1,0f\n stg %%r1,%0\n lpswe %1\n0:\n" : "=Q"(p.addr) : "Q"(p) : "1", "memory");
    ((void (*)(void))fn)();
}
static void stsi_322(void) { stsi(page, 0x30000002, 2, 0); }
static void servc_info(void) { servc(0x00020001, page); }
static int stfle_problem_cc = -1;
/* STFLE in problem state, then a privileged STSI to get back (through
 * the privileged-operation exception) to the supervisor state. */
static void stfle_one(void) { uint64_t r; stfle_problem_cc = stfle(page, 4, &r); stsi_322(); }

/* One test point: fn(arg) must end in program interruption `want`. */
static void check_pgm(void (*fn)(void *), void *arg, uint16_t want, const char *what)
{
    uint16_t code = expect_pgm(fn, arg);
    snprint(b, sizeof b, "%s (got %04X)", what, code);
    tap_ok(code == want, b);
}

static void test_stsi(void)
{
    uint64_t r0;
    int cc = stsi(page, 0, 0, &r0);
    tap_ok(cc == 0 && (r0 & 0xF0000000) == 0x30000000, "STSI 0: current level 3 (virtual machine) in GR0");
    cc = stsi(page, 0x30000002, 2, 0);
    tap_ok(cc == 0 && (page[31] & 0xF) >= 1, "STSI 3.2.2: stored, at least one level-3 entry");
    static const uint8_t zvm[4] = { 0xA9, 0x61, 0xE5, 0xD4 };   /* EBCDIC "z/VM" */
    tap_ok(memcmp(page + 32 + 24, zvm, 4) == 0, "STSI 3.2.2: control program is z/VM-compatible (CPI 'z/VM')");
    static const uint8_t name[8] = { 0xE3, 0xC5, 0xE2, 0xE3, 0xC7, 0xF3, 0x40, 0x40 }; /* TESTG3 */
    tap_ok(memcmp(page + 32 + 12, name, 8) == 0, "STSI 3.2.2: the virtual machine's name is its userid");
    uint16_t total = (uint16_t)(page[36] << 8 | page[37]);
    uint16_t conf = (uint16_t)(page[38] << 8 | page[39]);
    tap_ok(total >= 1 && conf == total, "STSI 3.2.2: CPU counts (total = configured)");
    cc = stsi(page, 0x10000001, 1, 0);
    tap_ok(cc == 0 && page[32] != 0 && page[32] != 0x40, "STSI 1.1.1: the real machine's manufacturer");
    LC16((uintptr_t)page + 102) = 0xFFFF;
    cc = stsi(page, 0x10000002, 1, 0);
    tap_ok(cc == 0 && page[102] == 0 && page[103] == 0, "STSI 1.2.1: the guest's CPU address (0)");
    cc = stsi(page, 0x10000002, 2, 0);
    tap_ok(cc == 0, "STSI 1.2.2: stored");
    cc = stsi(page, 0x20000002, 1, 0);
    tap_ok(cc == 0 && page[102] == 0 && page[103] == 0, "STSI 2.2.1: the guest's CPU address");
    cc = stsi(page, 0x20000002, 2, 0);
    tap_ok(cc == 0, "STSI 2.2.2: the logical partition");
    tap_ok(stsi(page, 0x40000001, 1, 0) == 3, "STSI 4.1.1: cc 3 (no such level)");
    tap_ok(stsi(page, 0xF0000001, 2, 0) == 3, "STSI 15.1.2: cc 3 (no configuration topology)");
    tap_ok(stsi(page, 0x10000003, 1, 0) == 3, "STSI 1.3.1: cc 3 (no such selector)");
    tap_ok(stsi(page, 0x30000002, 1, 0) == 3, "STSI 3.2.1: cc 3");
    check_pgm(stsi_r0_reserved, 0, 0x06, "STSI with GR0 reserved bits: specification");
    check_pgm(stsi_r1_reserved, 0, 0x06, "STSI with GR1 reserved bits: specification");
    check_pgm(stsi_unaligned, 0, 0x06, "STSI operand not on 4K: specification");
    check_pgm(stsi_beyond, 0, 0x05, "STSI operand beyond storage: addressing");
    check_pgm(problem_state, (void *)stsi_322, 0x02, "STSI in problem state: privileged operation");
}

static int bit(const uint64_t *f, int n) { return (int)(f[n / 64] >> (63 - n % 64)) & 1; }

static void test_stfle(void)
{
    uint64_t f[4] = { 0, 0, 0, 0 }, r0;
    int cc = stfle(f, 4, &r0);
    unsigned m = (unsigned)(r0 & 0xFF) + 1;
    tap_ok(cc == 0 && m >= 1 && m <= 4, "STFLE: cc 0, GR0 says how many doublewords");
    tap_ok(bit(f, 1) && bit(f, 2), "STFLE: z/Architecture installed and active (bits 1, 2)");
    tap_ok(!bit(f, 10) && !bit(f, 11) && !bit(f, 14) && !bit(f, 129),
           "STFLE: facilities CP does not virtualize are off (10, 11, 14, 129)");
    tap_ok(bit(f, 9), "STFLE: sense running status (9), which CP simulates, is on");
    LC32(0xC8) = 0;
    __asm__ volatile("stfl 0(0)" ::: "memory");
    tap_ok(LC32(0xC8) == (uint32_t)(f[0] >> 32), "STFL at X'C8' agrees with STFLE's first word");
    uint64_t g[2] = { 0x1111, 0x2222 };
    cc = stfle(g, 1, &r0);
    tap_ok(cc == (m > 1 ? 3 : 0) && g[0] == f[0] && g[1] == 0x2222 && (r0 & 0xFF) + 1 == m,
           "STFLE with room for one doubleword: one stored, GR0 = needed - 1");
    uint16_t code = expect_pgm(problem_state, (void *)stfle_one);
    tap_ok(code == 0x02 && stfle_problem_cc == 0, "STFLE in problem state works (not privileged)");
    check_pgm(stfle_unaligned, 0, 0x06, "STFLE operand not on a doubleword: specification");
}

static void test_sclp(void)
{
    uint16_t resp;
    uint8_t *s = page;
    sccb_init(s, 4096);
    int cc = sclp(0x00020001, s, &resp);
    tap_ok(cc == 0 && resp == 0x0010, "SERVC Read SCP Info: cc 0, service signal X'2401' with the SCCB address, response X'0010'");
    unsigned incs = (unsigned)(s[8] << 8 | s[9]), size = s[10];
    tap_ok(incs * size == 16, "Read SCP Info: 16 increments of 1 MiB (the guest's storage)");
    unsigned ncpu = (unsigned)(s[16] << 8 | s[17]), off = (unsigned)(s[18] << 8 | s[19]);
    tap_ok(ncpu >= 1 && off >= 24 && s[off] == 0, "Read SCP Info: CPU entries, the first is CPU 0");
    stsi(page2, 0x30000002, 2, 0);
    tap_ok(ncpu == (unsigned)(page2[38] << 8 | page2[39]), "Read SCP Info and STSI 3.2.2 agree on the CPUs");
    sccb_init(s, 4096);
    cc = sclp(0x00120001, s, &resp);
    tap_ok(cc == 0 && resp == 0x0010 && (s[8] << 8 | s[9]) == (int)incs, "Read SCP Info (forced): the same");

    sccb_init(s, 16);
    cc = sclp(0x00020001, s, &resp);
    tap_ok(cc == 0 && resp == 0x0300, "Read SCP Info with a 16-byte SCCB: response X'0300'");
    sccb_init(s, 4096);
    cc = sclp(0x00990001, s, &resp);
    tap_ok(cc == 0 && resp == 0x01F0, "unknown SCLP command: response X'01F0'");
    sccb_init(page2 + 4000, 200);
    cc = sclp(0x00020001, page2 + 4000, &resp);
    tap_ok(cc == 0 && resp == 0x0100, "SCCB crossing a page boundary: response X'0100'");

    /* Busy: a second SERVC before the service signal was taken. */
    sccb_init(s, 4096);
    int cc1 = servc(0x00020001, s);
    int cc2 = servc(0x00020001, s);
    int got = wait_service_signal();
    tap_ok(cc1 == 0 && cc2 == 2 && got, "SERVC while the service signal is pending: cc 2 (busy)");

    /* The event facility: a line-mode console. */
    sccb_init(s, 32);
    s[11] = 4;                                      /* mask length 4 */
    s[16] = 0x40;                                   /* the program sends messages (type 2) */
    s[12] = 0x80;                                   /* and receives commands (type 1) */
    cc = sclp(0x00780005, s, &resp);
    tap_ok(cc == 0 && resp == 0x0020 && (s[20] & 0x40) && (s[24] & 0x80),
           "Write Event Mask: SCLP takes messages, sends operator commands");
    /* A message: event buffer, MDB, one message-text object. */
    static const char text[] = "hello from the sclp";
    unsigned n = sizeof text - 1, mto = 10 + n, mdb = 12 + mto, ev = 6 + mdb;
    sccb_init(s, (uint16_t)(8 + ev));
    s[8] = (uint8_t)(ev >> 8); s[9] = (uint8_t)ev; s[10] = 0x02;
    uint8_t *m = s + 14;
    m[0] = (uint8_t)(mdb >> 8); m[1] = (uint8_t)mdb; m[3] = 1;
    m[4] = 0xD4; m[5] = 0xC4; m[6] = 0xC2; m[7] = 0x40; m[11] = 1;
    uint8_t *o = m + 12;
    o[0] = (uint8_t)(mto >> 8); o[1] = (uint8_t)mto; o[3] = 4; o[4] = 0x10;
    ebcdic_from_ascii(o + 10, text, n);
    cc = sclp(0x00760005, s, &resp);
    tap_ok(cc == 0 && resp == 0x0020 && (s[11] & 0x80), "Write Event Data: message accepted (its line is on the console)");
    s[9] = 3;                                       /* buffer length 3: malformed */
    cc = sclp(0x00760005, s, &resp);
    tap_ok(cc == 0 && resp == 0x73F0, "Write Event Data with a malformed buffer: response X'73F0'");
    sccb_init(s, 4096);
    s[5] = 0x80;
    cc = sclp(0x00770005, s, &resp);
    tap_ok(cc == 0 && resp == 0x60F0, "Read Event Data with nothing typed: response X'60F0'");
    sccb_init(s, 32);
    cc = sclp(0x00780005, s, &resp);
    tap_ok(cc == 0 && resp == 0x74F0, "Write Event Mask with mask length 0: response X'74F0'");

    check_pgm(servc_unaligned, 0, 0x06, "SERVC with an SCCB not on a doubleword: specification");
    check_pgm(servc_above_2g, 0, 0x06, "SERVC with an SCCB above 2G: specification");
    check_pgm(servc_beyond, 0, 0x05, "SERVC with an SCCB beyond storage: addressing");
    check_pgm(problem_state, (void *)servc_info, 0x02, "SERVC in problem state: privileged operation");
}

/* ---- DAT ------------------------------------------------------------------ */

/* Identity map of segments 0-11 (12 MiB) through page tables; segment 12
 * invalid; segment 13 (X'D00000'): page 0 -> page, page 1 invalid,
 * page 2 -> page2 but protected, page 3 with the must-be-zero bit 52. */
static uint64_t segtab[512] __attribute__((aligned(4096)));
static uint64_t pagetabs[13][256] __attribute__((aligned(4096)));
#define VSEG13 0xD00000ULL

static void build_tables(void)
{
    for (int s = 0; s < 512; s++)
        segtab[s] = 0x20;                           /* invalid */
    for (int s = 0; s < 12; s++) {
        for (int p = 0; p < 256; p++)
            pagetabs[s][p] = ((uint64_t)s << 20) | ((uint64_t)p << 12);
        segtab[s] = (uintptr_t)pagetabs[s];
    }
    for (int p = 0; p < 256; p++)
        pagetabs[12][p] = 0x400;
    pagetabs[12][0] = (uintptr_t)page;
    pagetabs[12][2] = (uintptr_t)page2 | 0x200;
    pagetabs[12][3] = (uintptr_t)page2 | 0x800;
    segtab[13] = (uintptr_t)pagetabs[12];
    lctlg1((uintptr_t)segtab);                      /* primary ASCE: segment table, TL 0 */
}

static void dat_on(void) { __asm__ volatile("stosm 0(%%r15),0x04" ::: "memory"); }
static void dat_off(void) { __asm__ volatile("stnsm 0(%%r15),0xFB" ::: "memory"); }

static volatile uint64_t insn_addr;
static void stsi_at(uint64_t va)
{
    register uint64_t g0 __asm__("0") = 0x30000002;
    register uint64_t g1 __asm__("1") = 2;
    dat_on();
    __asm__ volatile("larl %%r3,0f\n stgrl %%r3,insn_addr\n0: stsi 0(%[a])"
                     : "+d"(g0) : "d"(g1), [a] "a"(va) : "3", "cc", "memory");
    dat_off();
}
static uint64_t fault_va;
static void stsi_fault(void *a) { stsi_at(fault_va); }

static void test_dat(void)
{
    build_tables();
    memset(page, 0, sizeof page);
    stsi_at(VSEG13);
    static const uint8_t zvm[4] = { 0xA9, 0x61, 0xE5, 0xD4 };
    tap_ok(memcmp(page + 32 + 24, zvm, 4) == 0, "DAT on: STSI stores through the guest's page table");
    uint64_t f[2], r0;
    dat_on();
    int cc = stfle((void *)(VSEG13 + 0x800), 2, &r0);
    dat_off();
    memcpy(f, page + 0x800, 16);
    tap_ok(cc <= 3 && bit(f, 2), "DAT on: STFLE stores through the guest's page table");

    struct { uint64_t va; uint16_t code; uint64_t teid; const char *what; } faults[] = {
        { VSEG13 + 0x1000, 0x11, VSEG13 + 0x1000, "invalid page: page translation" },
        { 0xC00000,        0x10, 0xC00000,        "invalid segment: segment translation" },
        { VSEG13 + 0x2000, 0x04, VSEG13 + 0x2004, "DAT-protected page: protection" },
        { 0x80000000,      0x38, 0x80000000,      "beyond the segment table's 2G: ASCE type" },
    };
    for (unsigned i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        fault_va = faults[i].va;
        LC64(0xA8) = 0xFFFF;
        uint16_t code = expect_pgm(stsi_fault, 0);
        uint64_t teid = LC64(0xA8) & ~3ULL;
        snprint(b, sizeof b, "DAT on, STSI to %llX, %s (got %04X, TEID %llX)",
                (unsigned long long)faults[i].va, faults[i].what, code, (unsigned long long)teid);
        tap_ok(code == faults[i].code && teid == faults[i].teid, b);
    }
    fault_va = VSEG13 + 0x1000;
    expect_pgm(stsi_fault, 0);
    tap_ok(pgm_old_addr == insn_addr, "page translation nullifies: the old PSW points at the STSI");
    fault_va = VSEG13 + 0x2000;
    expect_pgm(stsi_fault, 0);
    tap_ok(pgm_old_addr == insn_addr + 4, "protection suppresses: the old PSW points past the STSI");
    fault_va = VSEG13 + 0x3000;
    check_pgm(stsi_fault, 0, 0x12, "page-table entry with bit 52 on: translation specification");
}

int main(void)
{
    tap_plan(19 + 8 + 18 + 9);
    test_stsi();
    test_stfle();
    test_sclp();
    test_dat();
    return 0;
}
