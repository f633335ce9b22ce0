/* Conformance guest: intercepted instructions from the inside.  Each test
 * point is one documented outcome: condition codes, stored data, and the
 * program interruption a bad operand must get. */
#include "rt/rt.h"
#include "lib/mem.h"

static uint32_t orb[8] __attribute__((aligned(8)));
static uint8_t irb[128] __attribute__((aligned(8)));
static uint8_t ccw[8] __attribute__((aligned(8)));

static void do_ssch_problem_state(void *arg)
{
    static struct psw p = { 0x0001000180000000ULL, 0 };   /* problem state */
    __asm__ volatile("larl %%r1,0f\n stg %%r1,%0\n lpswe %1\n0:\n"
                     : "=Q"(p.addr) : "Q"(p) : "1", "memory");
    rt_ssch(con_schid(), orb);
}

static void do_ssch_bad_gr1(void *arg) { rt_ssch(0x00020000, orb); }
static void do_ssch_misaligned(void *arg) { rt_ssch(con_schid(), (uint8_t *)orb + 2); }
static void do_ssch_beyond(void *arg) { rt_ssch(con_schid(), (void *)0x7FFF0000); }
static void do_diag_unknown(void *arg) { __asm__ volatile("diag 0,0,0x0FFE" ::: "memory"); }
static void do_diag44(void *arg) { __asm__ volatile("diag 0,0,0x44" ::: "memory"); }
static void do_invalid_opcode(void *arg)
{
    __asm__ volatile(".short 0x0000" ::: "memory");     /* opcode X'00' is never assigned */
}

/* IUCV (X'B2F0'): function code in R0, the parameter list's real address
 * in R1; the condition code (cp/vm/iucv.c: a user with no partners). */
static uint8_t iplist[48] __attribute__((aligned(8)));
static uint8_t ibuf[40] __attribute__((aligned(8)));
static int iucv(uint64_t fn, void *plist, uint64_t *r0out, uint64_t *r1out)
{
    register uint64_t r0 __asm__("0") = fn;
    register uint64_t r1 __asm__("1") = (uint64_t)(uintptr_t)plist;
    int cc;
    __asm__ volatile(".long 0xb2f01000\n\tipm %2\n\tsrl %2,28"
                     : "+d"(r0), "+a"(r1), "=d"(cc) : : "cc", "memory");
    if (r0out)
        *r0out = r0;
    if (r1out)
        *r1out = r1;
    return cc;
}
static int iucv_buffer(void *buf)
{
    memset(iplist, 0, sizeof iplist);
    uint32_t a = (uint32_t)(uintptr_t)buf;
    memcpy(iplist + 12, &a, 4);                 /* IPBFADR1 */
    return iucv(12, iplist, 0, 0);              /* DECLARE BUFFER */
}
static void do_iucv_bad_fn(void *arg) { iucv(18, iplist, 0, 0); }
static void do_iucv_misaligned(void *arg) { iucv(16, iplist + 2, 0, 0); }
static void do_iucv_buffer_beyond(void *arg) { iucv_buffer((void *)0x7FFF0000); }

int main(void)
{
    int cc;
    char b[100];
    tap_plan(26);
    tap_ok(1, "console subchannel found and enabled (STSCH, MSCH)");

    /* STIDP: version code X'FF' says "virtual machine". */
    uint64_t id = 0;
    __asm__ volatile("stidp %0" : "=Q"(id));
    tap_ok((id >> 56) == 0xFF, "STIDP version code is X'FF'");
    uint16_t cpu = 0xFFFF;
    __asm__ volatile("stap %0" : "=Q"(cpu));
    tap_ok(cpu == 0, "STAP stores CPU address 0");

    /* SSCH with a good ORB, then TSCH: CE+DE, count 0. */
    memset(orb, 0, sizeof orb);
    orb[0] = 0x12345678;
    orb[1] = 0x0080FF00;
    orb[2] = (uint32_t)(uintptr_t)ccw;
    ccw[0] = 0x09; ccw[1] = 0x20; ccw[2] = 0; ccw[3] = 3;
    static uint8_t text[3] = { 0xC8, 0xC9, 0x5A };          /* "HI!" */
    uint32_t a = (uint32_t)(uintptr_t)text;
    memcpy(ccw + 4, &a, 4);
    /* (No output until TSCH has taken the status: the console is busy.) */
    int cc_ssch = rt_ssch(con_schid(), orb);
    uint32_t parm = wait_io(con_schid());
    int cc_tsch = rt_tsch(con_schid(), irb);
    int cc_tsch2 = rt_tsch(con_schid(), irb + 64);
    tap_ok(cc_ssch == 0, "SSCH accepted (cc 0)");
    tap_ok(parm == 0x12345678, "I/O interruption carries the ORB's parameter");
    tap_ok(cc_tsch == 0 && irb[8] == 0x0C && irb[9] == 0, "TSCH: status pending, CE+DE, no subchannel status");
    tap_ok(cc_tsch2 == 1, "TSCH again: cc 1, no status pending");
    /* A format-1 NOP with count 0 (Linux's path verification): valid. */
    int rc_nop = rt_ccw(con_schid(), 0x03, 0, 0, irb);
    tap_ok(rc_nop == 0 && irb[8] == 0x0C && irb[9] == 0, "format-1 NOP with count 0: CE+DE, no channel program check");
    cc = rt_ssch(0x0001FFFF, orb);
    tap_ok(cc == 3, "SSCH to a subchannel that does not exist: cc 3");

    /* Program interruptions for bad operands. */
    uint16_t code = expect_pgm(do_ssch_bad_gr1, 0);
    snprint(b, sizeof b, "SSCH with GR1 not a subsystem id: operand exception (got %04X)", code);
    tap_ok(code == 0x15, b);
    code = expect_pgm(do_ssch_misaligned, 0);
    snprint(b, sizeof b, "SSCH with a misaligned ORB: specification exception (got %04X)", code);
    tap_ok(code == 0x06, b);
    code = expect_pgm(do_ssch_beyond, 0);
    snprint(b, sizeof b, "SSCH with an ORB beyond storage: addressing exception (got %04X)", code);
    tap_ok(code == 0x05, b);
    code = expect_pgm(do_ssch_problem_state, 0);
    snprint(b, sizeof b, "SSCH in problem state: privileged-operation exception (got %04X)", code);
    tap_ok(code == 0x02, b);
    code = expect_pgm(do_diag_unknown, 0);
    snprint(b, sizeof b, "DIAG X'FFE' (unknown code): specification exception (got %04X)", code);
    tap_ok(code == 0x06, b);
    code = expect_pgm(do_diag44, 0);
    tap_ok(code == 0, "DIAG X'44' returns without a program interruption");
    code = expect_pgm(do_invalid_opcode, 0);
    snprint(b, sizeof b, "opcode X'00': operation exception (got %04X)", code);
    tap_ok(code == 0x01, b);

    /* IUCV: no partners (MAXCONN 0), as docs/linux-guest.md says. */
    uint64_t r0 = 99, r1 = 99;
    cc = iucv(0, iplist, &r0, &r1);
    tap_ok(cc == 0 && r0 == 40 && r1 == 0, "IUCV QUERY: cc 0, R0 = 40 (buffer size), R1 = 0 connections");
    tap_ok(iucv_buffer(ibuf) == 0, "IUCV DECLARE BUFFER: cc 0");
    cc = iucv_buffer(ibuf);
    tap_ok(cc == 1 && iplist[3] == 0x13, "IUCV DECLARE BUFFER again: cc 1, IPRCODE X'13'");
    memset(iplist, 0, sizeof iplist);
    cc = iucv(11, iplist, 0, 0);
    tap_ok(cc == 1 && iplist[3] == 13, "IUCV CONNECT: cc 1, IPRCODE 13 (maximum connections)");
    memset(iplist, 0, sizeof iplist);
    cc = iucv(15, iplist, 0, 0);
    tap_ok(cc == 1 && iplist[3] == 1, "IUCV SEVER of a path that does not exist: cc 1, IPRCODE 1");
    cc = iucv(2, iplist, 0, 0);
    tap_ok(cc == 0 && iucv_buffer(ibuf) == 0, "IUCV RETRIEVE BUFFER, then DECLARE BUFFER again: cc 0");
    code = expect_pgm(do_iucv_bad_fn, 0);
    snprint(b, sizeof b, "IUCV function 18: specification exception (got %04X)", code);
    tap_ok(code == 0x06, b);
    code = expect_pgm(do_iucv_misaligned, 0);
    snprint(b, sizeof b, "IUCV with a misaligned parameter list: specification exception (got %04X)", code);
    tap_ok(code == 0x06, b);
    iucv(2, iplist, 0, 0);
    code = expect_pgm(do_iucv_buffer_beyond, 0);
    snprint(b, sizeof b, "IUCV DECLARE BUFFER beyond storage: addressing exception (got %04X)", code);
    tap_ok(code == 0x05, b);

    /* Console input: the operator SENDs a line to this disconnected guest. */
    print("# send me a line");
    int n = con_read(b, sizeof b);
    tap_ok(n == 11 && memcmp(b, "hello guest", 11) == 0, "console read returns the line SENT by the operator");
    return 0;
}
