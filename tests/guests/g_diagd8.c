/* DIAGNOSE X'D8' and X'F8' guest (tests/system/t_diagd8.py).  As TESTD1
 * (classes D and G) it spools files to its reader and to the system
 * printer queue, walks the system queues with X'D8' (by owner, any user,
 * one file, a short buffer, every condition code), stamps a punch file
 * with a network origin through X'F8' and queries origins, and draws every
 * program interruption docs/diagnose.md lists.  As a class G user (TESTG1)
 * it checks the privilege rules: X'D8' and X'F8' SET refused with a
 * specification exception, X'F8' QUERY of its own file allowed.  It tells
 * the two apart by its userid (DIAG X'00'). */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define STORAGE (16u << 20)
#define RDR     0x000C

static uint8_t irb[96] __attribute__((aligned(8)));
static uint8_t buf[256] __attribute__((aligned(8)));
static uint8_t desc[4096] __attribute__((aligned(4096)));
static uint8_t sfb[4096] __attribute__((aligned(4096)));
static uint8_t idbuf[40] __attribute__((aligned(8)));
static uint8_t cmd[256];
struct zcp_dd8parm pl;                  /* global: the assembler routines use them */
struct zcp_df8parm fl;
static uint8_t raw[64] __attribute__((aligned(8)));

/* The SDK's assembler macros (diagnose/zcpdiag.inc): cc into *cc, R4 back. */
__asm__(".include \"diagnose/zcpdiag.inc\"\n"
        ".text\n"
        ".globl asm_d8\nasm_d8:\n lgr %r1,%r2\n ZCP_DIAGD8 pl\n"
        "  ipm %r0\n srl %r0,28\n st %r0,0(%r1)\n lgr %r2,%r4\n br %r14\n"
        ".globl asm_f8q\nasm_f8q:\n lgr %r1,%r2\n ZCP_DIAGF8 4, fl\n"
        "  ipm %r0\n srl %r0,28\n st %r0,0(%r1)\n lgr %r2,%r4\n br %r14\n");
uint64_t asm_d8(int *cc);
uint64_t asm_f8q(int *cc);

static int io(uint32_t sid, uint8_t op, uint16_t count)
{
    while (rt_tsch(sid, irb) == 0)
        ;
    if (rt_ccw(sid, op, buf, count, irb) != 0)
        return -1;
    return irb[8];
}

static void cp(const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    ebcdic_from_ascii(cmd, s, n);
    zcp_diag08(cmd, n);
}

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static void name8(uint8_t *e, const char *s)
{
    char pad[8];
    for (int i = 0; i < 8; i++)
        pad[i] = i < (int)strlen(s) ? s[i] : ' ';
    ebcdic_from_ascii(e, pad, 8);
}

static int ebc_eq(const uint8_t *e, const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        char c = i < (int)strlen(s) ? s[i] : ' ';
        if (ebcdic_to_ascii[e[i]] != (unsigned char)c)
            return 0;
    }
    return 1;
}

/* The X'D8' list: previous spoolid, subfunction, owner ("" = any user). */
static void d8set(int16_t spid, uint16_t code, const char *owner, uint8_t queues, uint8_t size)
{
    memset(&pl, 0, sizeof pl);
    pl.spoolid = spid;
    pl.code = code;
    pl.buffer = (uint32_t)(uintptr_t)sfb;
    if (owner[0])
        name8(pl.user, owner);
    else
        pl.control = ZCP_D8_ANYVM;
    pl.queues = queues;
    pl.size = size;
}

static int d8(int16_t spid, uint16_t code, const char *owner, uint8_t queues, uint32_t *id)
{
    d8set(spid, code, owner, queues, 0);
    return zcp_diagd8(&pl, id);
}

static void f8set(int16_t version, uint16_t id, const char *node, const char *user)
{
    memset(&fl, 0, sizeof fl);
    fl.version = version;
    fl.id = id;
    name8(fl.node, node);
    name8(fl.user, user);
}

/* Program interruptions: the raw forms. */
static void d8_at(void *a)
{
    register uint64_t r2 __asm__("2") = (uint64_t)(uintptr_t)a;
    __asm__ volatile("diag 2,4,0xD8" : : "d"(r2) : "cc", "memory", "r4");
}
static uint16_t d8_pgm(void) { return expect_pgm(d8_at, &pl); }

static uint64_t f8_args[2];
static void f8_call(void *a)
{
    register uint64_t r2 __asm__("2") = f8_args[0];
    register uint64_t r4 __asm__("4") = f8_args[1];
    __asm__ volatile("diag 2,4,0xF8" : "+d"(r4) : "d"(r2) : "cc", "memory");
}
static uint16_t f8_pgm(uint32_t sub, uint64_t plist)
{
    f8_args[0] = sub;
    f8_args[1] = plist;
    return expect_pgm(f8_call, 0);
}

/* The next file of our reader after spoolid `after` (X'14' X'0FFF'). */
static uint16_t rdr_after(uint16_t after)
{
    return zcp_diag14((uintptr_t)desc, after, ZCP_D14_DESCR, 0) == 0 ? be16(desc + 30) : 0;
}

static int punch(uint32_t pun, int ncards)
{
    int ok = 1;
    for (int i = 0; i < ncards; i++) {
        char t[81];
        int n = snprint(t, sizeof t, "D8 CARD %d", i);
        while (n < 80)
            t[n++] = ' ';
        ebcdic_from_ascii(buf, t, 80);
        ok &= io(pun, 0x41, 80) == 0x0C;
    }
    return ok;
}

static void class_g(uint32_t pun)
{
    tap_plan(5);
    d8set(0, ZCP_D8_NEXT, "", ZCP_D8_PRT | ZCP_D8_PUN | ZCP_D8_RDR, 0);
    tap_ok(d8_pgm() == ZCP_PGM_SPECIFICATION, "X'D8' without class D: specification exception");
    f8set(ZCP_F8_VERSION, 0x000D, "NODE2", "REMUSER");
    tap_ok(f8_pgm(ZCP_F8_SET, (uintptr_t)&fl) == ZCP_PGM_SPECIFICATION,
           "X'F8' SET without class B or D: specification exception");
    cp("SPOOL PUN TO * CLASS A NOHOLD");
    int ok = punch(pun, 2);
    cp("CLOSE PUN NAME MINE FILE");
    uint16_t id = rdr_after(0);
    tap_ok(ok && id && ebc_eq(desc + 16, "TESTG1", 8), "a punch file in our reader, origin TESTG1");
    uint32_t why = 0;
    f8set(ZCP_F8_VERSION, id, "", "");
    int c = zcp_diagf8(ZCP_F8_QUERY, &fl, &why);
    tap_ok(c == 0 && ebc_eq(fl.node, "ZCP", 8) && ebc_eq(fl.user, "TESTG1", 8),
           "X'F8' QUERY of our own file: node ZCP, userid TESTG1");
    cp("PURGE RDR ALL");
    f8set(ZCP_F8_VERSION, id, "", "");
    c = zcp_diagf8(ZCP_F8_QUERY, &fl, &why);
    tap_ok(c == 3 && why == ZCP_F8_RS_NOFILE, "X'F8' QUERY once it is purged: cc 3, reason 12");
}

int main(void)
{
    uint32_t rdr = rt_enable_sch(RDR), pun = rt_enable_sch(0x000D), prt = rt_enable_sch(0x000E);
    int st;
    while ((st = io(rdr, 0x02, 80)) >= 0 && !(st & 0x03))
        ;                                   /* the rest of the IPL deck */
    zcp_diag00(idbuf, sizeof idbuf);
    if (!ebc_eq(idbuf + 16, "TESTD1", 8)) {
        class_g(pun);
        return 0;
    }
    tap_plan(27);
    tap_ok(rdr && pun && prt && (st & 0x01), "reader, punch and printer; the IPL deck read to its end");
    const uint8_t ALLQ = ZCP_D8_PRT | ZCP_D8_PUN | ZCP_D8_RDR;
    uint32_t id = 0, why = 0;
    tap_ok(d8(0, ZCP_D8_NEXT, "TESTD1", ALLQ, &id) == 1, "X'D8' by owner with no files: cc 1");

    /* ---- two reader files and a held file on the system printer queue ---- */
    cp("SPOOL PUN TO * CLASS A NOHOLD");
    int ok = punch(pun, 3);
    cp("CLOSE PUN NAME D8 ONE");
    ok &= punch(pun, 2);
    cp("CLOSE PUN NAME D8 TWO");
    cp("SPOOL PRT TO SYSTEM HOLD CLASS Q");
    const char *lines[2] = { "FIRST LINE", "SECOND LINE" };
    for (int i = 0; i < 2; i++) {
        ebcdic_from_ascii(buf, lines[i], strlen(lines[i]));
        ok &= io(prt, 0x09, (uint16_t)strlen(lines[i])) == 0x0C;
    }
    cp("CLOSE PRT NAME D8 LIST");
    uint16_t r1 = rdr_after(0), r2 = r1 ? rdr_after(r1) : 0;
    tap_ok(ok && r1 && r2 && rdr_after(r2) == 0, "two punch files in our reader, a print file to the system");

    /* ---- by owner: the printer queue first, then the reader's ---- */
    uint32_t p1 = 0, a = 0, b = 0;
    int c1 = d8(0, ZCP_D8_NEXT, "TESTD1", ALLQ, &p1);
    tap_ok(c1 == 0 && be16(sfb + 30) == p1 && ebc_eq(sfb + 8, "TESTD1", 8) && ebc_eq(sfb + 40, "D8", 12) &&
           ebc_eq(sfb + 52, "LIST", 12) && sfb[86] == 0xD8 && be32(sfb + 24) == 2 && (sfb[32] & 0x20),
           "X'D8' by owner: the held print file first (owner, name, class Q, 2 records, held)");
    int c2 = d8((int16_t)p1, ZCP_D8_NEXT, "TESTD1", ALLQ, &a);
    int c3 = d8((int16_t)a, ZCP_D8_NEXT, "TESTD1", ALLQ, &b);
    int c4 = d8((int16_t)b, ZCP_D8_NEXT, "TESTD1", ALLQ, &id);
    tap_ok(c2 == 0 && a == r1 && c3 == 0 && b == r2 && ebc_eq(sfb + 52, "TWO", 12) && c4 == 1,
           "then the two reader files in queue order, then cc 1");
    tap_ok(d8(0, ZCP_D8_NEXT, "TESTD1", ZCP_D8_PUN, &id) == 1 &&
           d8(0, ZCP_D8_NEXT, "", ZCP_D8_DATA, &id) == 1, "no punch files of ours, no system data files: cc 1");
    c1 = d8(0, ZCP_D8_NEXT, "TESTD1", ZCP_D8_RDR, &a);
    tap_ok(c1 == 0 && a == r1, "the reader queue alone starts at the first reader file");

    /* ---- any user: every file once, ours among them ---- */
    int n = 0, seen = 0, consistent = 1, c = 0;
    uint32_t prev = 0;
    while (n < 10000 && (c = d8((int16_t)prev, ZCP_D8_NEXT, "", ALLQ, &id)) == 0) {
        consistent &= be16(sfb + 30) == id;
        seen += (id == p1) + (id == r1) + (id == r2);
        prev = id;
        n++;
    }
    tap_ok(c == 1 && seen == 3 && consistent && n >= 3,
           "X'D8' over every user: each of our files once, Ry = the SFBLOK's spoolid, then cc 1");

    /* ---- one file, a short buffer, cc 2 ---- */
    c1 = d8((int16_t)r2, ZCP_D8_THIS, "", ALLQ, &id);
    tap_ok(c1 == 0 && id == r2 && be16(sfb + 30) == r2, "X'0004': the file named");
    tap_ok(d8((int16_t)r2, ZCP_D8_THIS, "", ZCP_D8_PRT, &id) == 2, "X'0004' of a file not on the queues asked: cc 2");
    tap_ok(d8((int16_t)p1, ZCP_D8_NEXT, "OPERATOR", ALLQ, &id) == 2,
           "by owner, a previous file of another owner: cc 2");
    memset(sfb, 0xFF, 128);
    d8set((int16_t)r1, ZCP_D8_THIS, "", ALLQ, 4);
    c1 = zcp_diagd8(&pl, &id);
    tap_ok(c1 == 0 && be16(sfb + 30) == r1 && sfb[32] == 0xFF && sfb[103] == 0xFF,
           "a 4-doubleword buffer gets 32 bytes, nothing after");

    /* ---- program interruptions ---- */
    d8set(0, 0x0008, "", ALLQ, 0);
    int p_code = d8_pgm() == ZCP_PGM_SPECIFICATION;
    d8set(0, ZCP_D8_NEXT, "", 0, 0);
    int p_q = d8_pgm() == ZCP_PGM_SPECIFICATION;
    d8set(0, ZCP_D8_NEXT, "", ALLQ, 0);
    pl.reserved[2] = 1;
    int p_rsv = d8_pgm() == ZCP_PGM_SPECIFICATION;
    d8set(-1, ZCP_D8_NEXT, "", ALLQ, 0);
    int p_id = d8_pgm() == ZCP_PGM_SPECIFICATION;
    tap_ok(p_code && p_q && p_rsv && p_id,
           "undefined subfunction, no queue, reserved byte set, spoolid -1: specification exceptions");
    d8set(0, ZCP_D8_NEXT, "", ALLQ, 0);
    pl.buffer = (uint32_t)(uintptr_t)sfb + 4000;
    int p_cross = d8_pgm() == ZCP_PGM_SPECIFICATION;
    pl.buffer = STORAGE;
    int p_out = d8_pgm() == ZCP_PGM_ADDRESSING;
    tap_ok(p_cross && p_out, "an SFBLOK crossing a page: specification; outside storage: addressing");
    memcpy(raw + 4, &pl, sizeof pl);
    int p_al = expect_pgm(d8_at, raw + 4) == ZCP_PGM_SPECIFICATION;
    int p_far = expect_pgm(d8_at, (void *)(uintptr_t)(STORAGE - 8)) == ZCP_PGM_ADDRESSING;
    tap_ok(p_al && p_far, "a misaligned list: specification; a list outside storage: addressing");
    d8set(0, ZCP_D8_NEXT, "US ER", ALLQ, 0);
    tap_ok(d8_pgm() == ZCP_PGM_SPECIFICATION, "by owner, an owner that is not a userid: specification");

    /* ---- X'F8': a file from another node ---- */
    f8set(ZCP_F8_VERSION, 0x000D, "NODE2", "REMUSER");
    int s = zcp_diagf8(ZCP_F8_SET, &fl, &why);
    ok = punch(pun, 2);
    cp("CLOSE PUN NAME FROM AFAR");
    uint16_t r3 = rdr_after(r2);
    tap_ok(s == 0 && ok && r3 && ebc_eq(desc + 16, "REMUSER", 8) && ebc_eq(desc + 52, "AFAR", 12),
           "X'F8' SET on the punch: its next file's SFBLOK shows origin REMUSER");
    f8set(ZCP_F8_VERSION, r3, "", "");
    c = zcp_diagf8(ZCP_F8_QUERY, &fl, &why);
    tap_ok(c == 0 && ebc_eq(fl.node, "NODE2", 8) && ebc_eq(fl.user, "REMUSER", 8) && fl.id == r3,
           "X'F8' QUERY: node NODE2, userid REMUSER");
    f8set(ZCP_F8_VERSION, r1, "", "");
    c = zcp_diagf8(ZCP_F8_QUERY, &fl, &why);
    tap_ok(c == 0 && ebc_eq(fl.node, "ZCP", 8) && ebc_eq(fl.user, "TESTD1", 8),
           "a file made here: node ZCP, userid TESTD1");
    d8set((int16_t)r1, ZCP_D8_THIS, "", ALLQ, 0);
    int acc = -1, fcc = -1;
    uint64_t aid = asm_d8(&acc);
    f8set(ZCP_F8_VERSION, r3, "", "");
    asm_f8q(&fcc);
    tap_ok(acc == 0 && aid == r1 && be16(sfb + 30) == r1 && fcc == 0 && ebc_eq(fl.node, "NODE2", 8),
           "the assembler macros ZCP_DIAGD8 and ZCP_DIAGF8 give the same");
    ok = punch(pun, 1);
    cp("CLOSE PUN NAME AFTER");
    uint16_t r4 = rdr_after(r3);
    tap_ok(ok && r4 && ebc_eq(desc + 16, "TESTD1", 8), "SET applies to one file: the next is ours again");
    f8set(ZCP_F8_VERSION, 0x0123, "", "X");
    int e4 = zcp_diagf8(ZCP_F8_SET, &fl, &why) == 3 && why == ZCP_F8_RS_DEVNO;
    f8set(ZCP_F8_VERSION, RDR, "", "X");
    int e8 = zcp_diagf8(ZCP_F8_SET, &fl, &why) == 3 && why == ZCP_F8_RS_DEVTYPE;
    f8set(ZCP_F8_VERSION, 9999, "", "");
    int e12 = zcp_diagf8(ZCP_F8_QUERY, &fl, &why) == 3 && why == ZCP_F8_RS_NOFILE;
    f8set(2, r1, "", "");
    int e16 = zcp_diagf8(ZCP_F8_QUERY, &fl, &why) == 3 && why == ZCP_F8_RS_VERSION;
    tap_ok(e4 && e8 && e12 && e16,
           "X'F8' cc 3: no such device 4, a reader 8, no such file 12, version 2 16");
    f8set(ZCP_F8_VERSION, 0x000D, "", "X");
    int f_sub = f8_pgm(8, (uintptr_t)&fl) == ZCP_PGM_SPECIFICATION;
    f8set(ZCP_F8_VERSION, 0x000D, "", "");
    int f_blank = f8_pgm(ZCP_F8_SET, (uintptr_t)&fl) == ZCP_PGM_SPECIFICATION;
    f8set(ZCP_F8_VERSION, 0x000D, "NO DE", "X");
    int f_node = f8_pgm(ZCP_F8_SET, (uintptr_t)&fl) == ZCP_PGM_SPECIFICATION;
    tap_ok(f_sub && f_blank && f_node, "X'F8' undefined subcode, blank userid, bad node: specification");
    f8set(ZCP_F8_VERSION, r1, "", "");
    memcpy(raw + 4, &fl, sizeof fl);
    int f_al = f8_pgm(ZCP_F8_QUERY, (uintptr_t)raw + 4) == ZCP_PGM_SPECIFICATION;
    int f_far = f8_pgm(ZCP_F8_QUERY, STORAGE) == ZCP_PGM_ADDRESSING;
    tap_ok(f_al && f_far, "X'F8' misaligned list: specification; outside storage: addressing");

    /* ---- purge: cc 2 for a file that is gone, nothing of ours left ---- */
    cp("PURGE RDR ALL");
    cp("PURGE PRT ALL");
    tap_ok(d8((int16_t)r2, ZCP_D8_THIS, "", ALLQ, &id) == 2 && d8((int16_t)r2, ZCP_D8_NEXT, "", ALLQ, &id) == 2,
           "a purged file: cc 2");
    tap_ok(d8(0, ZCP_D8_NEXT, "TESTD1", ALLQ, &id) == 1, "nothing of ours is left: cc 1");
    tap_ok(rdr_after(0) == 0, "our reader is empty");
    return 0;
}
