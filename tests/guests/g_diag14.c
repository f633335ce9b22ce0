/* DIAGNOSE X'14' guest: punches and prints files to its own reader (CCWs
 * on 000D/000E, SPOOL and CLOSE through DIAG X'08'), then reads them back
 * with DIAG X'14' the way CMS and Linux's vmur do: descriptors (X'0FFF',
 * X'0FFE'), SFBLOK scans (X'0004', X'0008'), select (X'000C'), spool
 * buffers (X'0000') checked record by record, restart, backspace,
 * re-read, position (X'0028'), copies (X'0010'); CLOSE of the reader
 * (purge, HOLD).  Bad paths: an empty reader, no such device, not a
 * reader, odd Ry, misaligned and out-of-storage buffers, undefined
 * subcode, a copy count of 0 (program interruptions and condition codes
 * as docs/diagnose.md gives them).  Self-contained: t_diag14.py only
 * loads and starts it. */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define STORAGE (16u << 20)
#define NCARDS  100
#define RDR     0x000C

static uint8_t irb[96] __attribute__((aligned(8)));
static uint8_t buf[256] __attribute__((aligned(8)));
static uint8_t page[4096] __attribute__((aligned(4096)));
static uint8_t desc[4096] __attribute__((aligned(4096)));
static uint8_t cmd[256];

static int io(uint32_t sid, uint8_t op, uint16_t count)
{
    while (rt_tsch(sid, irb) == 0)
        ;
    if (rt_ccw(sid, op, buf, count, irb) != 0)
        return -1;
    return irb[8] | (irb[10] << 8 | irb[11]) << 8;
}

static void cp(const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    ebcdic_from_ascii(cmd, s, n);
    zcp_diag08(cmd, n);
}

static int d14(uint64_t rx, uint32_t ry, uint32_t sub, uint32_t *reason)
{
    return zcp_diag14(rx, ry, sub, reason);
}

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static int ebc_eq(const uint8_t *e, const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        char c = i < (int)strlen(s) ? s[i] : ' ';
        if (ebcdic_to_ascii[e[i]] != (unsigned char)c)
            return 0;
    }
    return 1;
}

/* Card i: "CARD nnn" then 'A'+i%26 repeated i%60 times, blanks after. */
static void card(uint8_t *c, int i)
{
    char t[81];
    int n = snprint(t, sizeof t, "CARD %03d ", i);
    for (int k = 0; k < i % 60; k++)
        t[n++] = (char)('A' + i % 26);
    while (n < 80)
        t[n++] = ' ';
    ebcdic_from_ascii(c, t, 80);
}

static int card_len(int i)
{
    return 9 + i % 60 - (i % 60 == 0);     /* "CARD nnn " less its trailing blank */
}

/* Check the records of a punch-file buffer: cards *next.. in order. */
static int check_cards(const uint8_t *p, int *next, uint16_t spoolid)
{
    uint32_t n = be32(p + 12);
    if (be32(p) != 0 || be16(p + 4064) != 80 || be16(p + 4088) != spoolid || n == 0)
        return 0;
    const uint8_t *r = p + 16;
    for (uint32_t k = 0; k < n; k++) {
        uint8_t want[80];
        card(want, *next);
        uint16_t cnt = be16(r + 6);
        if (r[0] != 0x41 || cnt != card_len(*next) || be16(r + 10) != 12 + cnt ||
            memcmp(r + 12, want, cnt) != 0)
            return 0;
        r += 12 + cnt;
        (*next)++;
    }
    return r <= p + 4064;
}

/* Hostile forms. */
static void odd_ry(void *a)
{
    register uint64_t r2 __asm__("2") = (uintptr_t)page;
    register uint64_t r3 __asm__("3") = RDR;
    register uint64_t r4 __asm__("4") = 0;
    __asm__ volatile("sam31\n\tdiag 2,3,0x14\n\tsam64" : : "d"(r2), "d"(r3), "d"(r4) : "cc", "memory");
}
static void call(void *a)
{
    const uint64_t *v = a;
    d14(v[0], (uint32_t)v[1], (uint32_t)v[2], 0);
}

static uint16_t pgm(uint64_t rx, uint32_t ry, uint32_t sub)
{
    uint64_t v[3] = { rx, ry, sub };
    return expect_pgm(call, v);
}

int main(void)
{
    uint32_t why = 0;
    tap_plan(43);
    uint32_t rdr = rt_enable_sch(RDR), pun = rt_enable_sch(0x000D), prt = rt_enable_sch(0x000E);
    tap_ok(rdr && pun && prt, "reader, punch and printer found");
    int st;
    while ((st = io(rdr, 0x02, 80)) >= 0 && !(st & 0x03))
        ;                                   /* the rest of the IPL deck */
    tap_ok(st >= 0 && (st & 0x01), "the IPL deck read to its end");

    /* ---- an empty reader ---- */
    tap_ok(d14((uintptr_t)page, RDR, ZCP_D14_READ, 0) == 2, "X'0000' on an empty reader: cc 2");
    tap_ok(d14((uintptr_t)desc, 0, ZCP_D14_DESCR, 0) == 1, "X'0FFF' with no files: cc 1");
    tap_ok(d14((uintptr_t)desc, 0, ZCP_D14_UNSEEN, 0) == 1, "X'0FFE' with no files: cc 1");
    tap_ok(d14(1, RDR, ZCP_D14_POSITION, 0) == 2 && d14(3, RDR, ZCP_D14_COPIES, 0) == 2 &&
           d14((uintptr_t)page, RDR, ZCP_D14_REREAD, 0) == 2,
           "X'0028', X'0010', X'0024' with no active file: cc 2");
    tap_ok(d14((uintptr_t)page, 0x0123, ZCP_D14_READ, &why) == 3 && why == ZCP_D14_RS_DEVNO,
           "no such device: cc 3, reason 4");
    tap_ok(d14((uintptr_t)page, 0x000D, ZCP_D14_READ, &why) == 3 && why == ZCP_D14_RS_DEVTYPE,
           "the punch is not a reader: cc 3, reason 8");
    tap_ok(expect_pgm(odd_ry, 0) == ZCP_PGM_SPECIFICATION, "odd Ry: specification exception");
    tap_ok(pgm((uintptr_t)page + 8, RDR, ZCP_D14_READ) == ZCP_PGM_SPECIFICATION,
           "a buffer off its page boundary: specification exception");
    tap_ok(pgm(STORAGE, RDR, ZCP_D14_READ) == ZCP_PGM_ADDRESSING,
           "a buffer outside storage: addressing exception");
    tap_ok(pgm((uintptr_t)page, RDR, 0x0030) == ZCP_PGM_SPECIFICATION,
           "an undefined subcode: specification exception");
    tap_ok(pgm((uintptr_t)page + 4000, RDR, ZCP_D14_SFB_PUN) == ZCP_PGM_SPECIFICATION,
           "an SFBLOK crossing a page: specification exception");

    /* ---- three files into our own reader ---- */
    cp("SPOOL PUN TO * CLASS A NOHOLD");
    int ok = 1;
    for (int i = 0; i < NCARDS; i++) {
        card(buf, i);
        ok &= io(pun, 0x41, 80) == 0x0C;
    }
    cp("CLOSE PUN NAME DECK ONE");
    cp("SPOOL PRT TO * CLASS P");
    const char *lines[3] = { "FIRST LINE", "SECOND LINE", "THIRD LINE" };
    for (int i = 0; i < 3; i++) {
        ebcdic_from_ascii(buf, lines[i], strlen(lines[i]));
        ok &= io(prt, 0x09, (uint16_t)strlen(lines[i])) == 0x0C;
    }
    ok &= (io(prt, 0x8B, 1) & 0xFF) == 0x0C;
    cp("CLOSE PRT NAME LIST TWO");
    for (int i = 0; i < 3; i++) {
        card(buf, i);
        ok &= io(pun, 0x41, 80) == 0x0C;
    }
    cp("CLOSE PUN NAME DECK THREE");
    tap_ok(ok, "100 cards, a print file and 3 cards spooled to our reader");

    /* ---- descriptors ---- */
    uint16_t id[3] = { 0, 0, 0 };
    int c = d14((uintptr_t)desc, 0, ZCP_D14_DESCR, 0);
    uint8_t want[80];
    card(want, 0);
    id[0] = be16(desc + 30);
    tap_ok(c == 0 && ebc_eq(desc + 8, "TESTG1", 8) && ebc_eq(desc + 16, "TESTG1", 8) &&
           be32(desc + 24) == NCARDS && be16(desc + 28) == 80 && desc[32] == 0 &&
           ebc_eq(desc + 40, "DECK", 12) && ebc_eq(desc + 52, "ONE", 12) && desc[86] == 0xC1 &&
           desc[100] == 1, "X'0FFF' Ry=0: the first file's SFBLOK (owner, records, reclen, name, class)");
    tap_ok(desc[104] == 0x41 && be16(desc + 110) == 80 && memcmp(desc + 112, want, 80) == 0,
           "and its first record: CCW and card");
    c = d14((uintptr_t)desc, id[0], ZCP_D14_DESCR, 0);
    id[1] = be16(desc + 30);
    tap_ok(c == 0 && ebc_eq(desc + 40, "LIST", 12) && be32(desc + 24) == 4 && desc[86] == 0xD7 &&
           desc[33] == 0x41 && desc[104] == 0x09, "X'0FFF' Ry=spoolid: the next file (the print file)");
    c = d14((uintptr_t)desc, id[1], ZCP_D14_DESCR, 0);
    id[2] = be16(desc + 30);
    tap_ok(c == 0 && ebc_eq(desc + 52, "THREE", 12) && be32(desc + 24) == 3, "then the third");
    tap_ok(d14((uintptr_t)desc, id[2], ZCP_D14_DESCR, 0) == 1, "X'0FFF' after the last: cc 1");
    tap_ok(d14((uintptr_t)desc, 9999, ZCP_D14_DESCR, 0) == 2, "X'0FFF' with a spoolid not ours: cc 2");
    int u1 = d14((uintptr_t)desc, 0, ZCP_D14_UNSEEN, 0) == 0 && be16(desc + 30) == id[0];
    int u2 = d14((uintptr_t)desc, 0, ZCP_D14_UNSEEN, 0) == 0 && be16(desc + 30) == id[1];
    int u3 = d14((uintptr_t)desc, 0, ZCP_D14_UNSEEN, 0) == 0 && be16(desc + 30) == id[2];
    int u4 = d14((uintptr_t)desc, 0, ZCP_D14_UNSEEN, 0) == 1;
    int u5 = d14((uintptr_t)desc, 1, ZCP_D14_UNSEEN, 0) == 0 && be16(desc + 30) == id[0];
    tap_ok(u1 && u2 && u3 && u4 && u5, "X'0FFE': each unseen file once, cc 1, then Ry!=0 starts over");

    /* ---- SFBLOK scans ---- */
    int s1 = d14((uintptr_t)desc, RDR, ZCP_D14_SFB_PRT, 0) == 0 && be16(desc + 30) == id[1];
    int s2 = d14((uintptr_t)desc, RDR, ZCP_D14_SFB_PRT, 0) == 1;
    tap_ok(s1 && s2, "X'0004': the print file, then cc 1");
    s1 = d14((uintptr_t)desc, RDR, ZCP_D14_SFB_PUN, 0) == 0 && be16(desc + 30) == id[0];
    s2 = d14((uintptr_t)desc, RDR, ZCP_D14_SFB_PUN, 0) == 0 && be16(desc + 30) == id[2];
    int s3 = d14((uintptr_t)desc, RDR, ZCP_D14_SFB_PUN, 0) == 1;
    tap_ok(s1 && s2 && s3, "X'0008': the two card files, then cc 1");
    tap_ok(d14((uintptr_t)desc, RDR, ZCP_D14_SFB_MON, 0) == 2, "X'001C': no monitor files, cc 2");

    /* ---- select the third, read it, restart, CLOSE purges it ---- */
    tap_ok(d14(id[2], RDR, ZCP_D14_SELECT, 0) == 0, "X'000C' selects the third file");
    tap_ok(d14(4242, RDR, ZCP_D14_SELECT, 0) == 2, "X'000C' of a file we do not have: cc 2");
    c = d14((uintptr_t)page, RDR, ZCP_D14_READ, 0);
    int next = 0;
    tap_ok(c == 0 && be16(page + 4088) == id[2] && be32(page + 12) == 3 && check_cards(page, &next, id[2]),
           "X'0000' gives the selected file's buffer: its 3 cards");
    tap_ok(d14((uintptr_t)page, RDR, ZCP_D14_READ, 0) == 1, "then end of file: cc 1");
    memset(page, 0, sizeof page);
    next = 0;
    c = d14((uintptr_t)page, RDR, ZCP_D14_RESTART, 0);
    tap_ok(c == 0 && check_cards(page, &next, id[2]) && next == 3, "X'0014' restarts: the first buffer again");
    c = d14((uintptr_t)desc, 0, ZCP_D14_DESCR, 0);
    tap_ok(c == 0 && be16(desc + 30) == id[2] && (desc[32] & 0x80), "X'0FFF': it is first now, and in use");
    cp("CLOSE RDR");
    c = d14((uintptr_t)desc, id[0], ZCP_D14_DESCR, 0);
    tap_ok(c == 0 && be16(desc + 30) == id[1] && d14((uintptr_t)desc, id[1], ZCP_D14_DESCR, 0) == 1,
           "CLOSE RDR purged it (NOKEEP)");

    /* ---- the 100-card file: every buffer, then positioning ---- */
    next = 0;
    int bufs = 0;
    ok = 1;
    while ((c = d14((uintptr_t)page, RDR, ZCP_D14_READ, 0)) == 0) {
        bufs++;
        ok &= be32(page + 4) == (uint32_t)bufs && check_cards(page, &next, id[0]);
    }
    tap_ok(ok && c == 1 && next == NCARDS && bufs >= 2, "X'0000': all 100 cards, buffer by buffer, then cc 1");
    tap_ok(d14((uintptr_t)page, RDR, ZCP_D14_READ, 0) == 1, "still cc 1 at the end");
    c = d14(2, RDR, ZCP_D14_POSITION, 0);
    int c2 = d14((uintptr_t)page, RDR, ZCP_D14_READ, 0);
    tap_ok(c == 0 && c2 == 0 && be32(page + 4) == 2, "X'0028' to buffer 2, X'0000' gives buffer 2");
    memset(page, 0, sizeof page);
    tap_ok(d14((uintptr_t)page, RDR, ZCP_D14_REREAD, 0) == 0 && be32(page + 4) == 2, "X'0024' gives it again");
    c = d14((uintptr_t)page, RDR, ZCP_D14_BACKSPACE, 0);
    c2 = d14((uintptr_t)page, RDR, ZCP_D14_BACKSPACE, 0);
    tap_ok(c == 0 && c2 == 1 && be32(page + 4) == 1, "X'0018' backs to buffer 1, then cc 1 at the first");
    tap_ok(d14(999, RDR, ZCP_D14_POSITION, 0) == 3, "X'0028' beyond the end: cc 3");
    tap_ok(pgm(0, RDR, ZCP_D14_COPIES) == ZCP_PGM_SPECIFICATION, "X'0010' with 0 copies: specification exception");
    c = d14(3, RDR, ZCP_D14_COPIES, 0);
    c2 = d14((uintptr_t)desc, 0, ZCP_D14_DESCR, 0);
    tap_ok(c == 0 && c2 == 0 && desc[100] == 3, "X'0010' sets 3 copies");

    /* ---- CLOSE HOLD keeps it; a held file is not taken, but a selected one is ---- */
    cp("CLOSE RDR HOLD");
    c = d14((uintptr_t)desc, 0, ZCP_D14_DESCR, 0);
    tap_ok(c == 0 && be16(desc + 30) == id[0] && desc[32] == 0x20, "CLOSE RDR HOLD: held, not in use");
    c = d14((uintptr_t)page, RDR, ZCP_D14_READ, 0);
    int printed = c == 0 && be16(page + 4088) == id[1] && be32(page + 12) == 4 &&
                  page[16] == 0x09 && be16(page + 22) == 10 && ebc_eq(page + 28, "FIRST LINE", 10);
    const uint8_t *r = page + 16 + 22 + 23;
    printed &= r[0] == 0x09 && ebc_eq(r + 12, "THIRD LINE", 10);
    r += 22;
    printed &= r[0] == 0x8B && r[4] == 0x10;
    tap_ok(printed, "X'0000' skips the held file: the print file's lines and its carriage skip");
    cp("CLOSE RDR");
    tap_ok(d14(id[0], RDR, ZCP_D14_SELECT, 0) == 0 && d14((uintptr_t)page, RDR, ZCP_D14_READ, 0) == 0 &&
           be16(page + 4088) == id[0], "the held file, selected, is read");
    cp("CLOSE RDR NOHOLD");
    tap_ok(d14((uintptr_t)desc, 0, ZCP_D14_DESCR, 0) == 1, "CLOSE RDR NOHOLD purged it: the reader is empty");
    return 0;
}
