/* DRAIN and FLUSH of a real printer with a file in progress
 * (tests/system/t_urflush.py), from TESTD1 (class D): it prints files to
 * the system queue and drives the real printer 0E00 with CP commands
 * through DIAG X'08' (response into a buffer).  START and FLUSH in one
 * DIAG X'08' act on the file START just made active, before any of it is
 * printed, so what is printed does not depend on timing; a file of 16
 * chunks is still being printed when the guest next runs.  It follows
 * each file with DIAG X'D8' (in use, system hold, gone).  The host side
 * checks the Hercules print file. */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

static uint8_t irb[96] __attribute__((aligned(8)));
static uint8_t buf[256] __attribute__((aligned(8)));
static uint8_t sfb[4096] __attribute__((aligned(4096)));
static uint8_t cmd[256];
static uint8_t resp[2048];
static char text[2048];
static struct zcp_dd8parm pl;
static uint32_t prt;

static int io(uint32_t sid, uint8_t op, uint16_t count)
{
    while (rt_tsch(sid, irb) == 0)
        ;
    if (rt_ccw(sid, op, buf, count, irb) != 0)
        return -1;
    return irb[8];
}

/* CP command(s) (X'15' between them: written here as '|'); the response
 * as ASCII lines separated by '|' in text. */
static const char *cp(const char *s)
{
    uint32_t n = (uint32_t)strlen(s), rc = 0, len = 0;
    ebcdic_from_ascii(cmd, s, n);
    for (uint32_t i = 0; i < n; i++)
        if (s[i] == '|')
            cmd[i] = 0x15;
    zcp_diag08_resp(cmd, n, resp, sizeof resp, &rc, &len);
    for (uint32_t i = 0; i < len && i < sizeof text - 1; i++)
        text[i] = resp[i] == 0x15 ? '|' : (char)ebcdic_to_ascii[resp[i]];
    text[len < sizeof text ? len : sizeof text - 1] = 0;
    return text;
}

static int has(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (!memcmp(p, needle, n))
            return 1;
    return 0;
}


static void name8(uint8_t *e, const char *s)
{
    char pad[8];
    for (int i = 0; i < 8; i++)
        pad[i] = i < (int)strlen(s) ? s[i] : ' ';
    ebcdic_from_ascii(e, pad, 8);
}

/* X'D8' on our printer-queue files: code, previous spoolid. */
static int d8(uint16_t code, uint16_t spid, uint32_t *id)
{
    memset(&pl, 0, sizeof pl);
    pl.spoolid = (int16_t)spid;
    pl.code = code;
    pl.buffer = (uint32_t)(uintptr_t)sfb;
    name8(pl.user, "TESTD1");
    pl.queues = ZCP_D8_PRT;
    return zcp_diagd8(&pl, id);
}

/* The last of our files on the printer queue (the one just closed). */
static uint16_t last_prt(void)
{
    uint32_t id = 0, prev = 0;
    while (d8(ZCP_D8_NEXT, (uint16_t)prev, &id) == 0)
        prev = id;
    return (uint16_t)prev;
}

/* Print n lines "<tag> LINE nnnn" on our virtual printer: 1 if all went. */
static int lines(const char *tag, int n)
{
    char line[40];
    for (int i = 0; i < n; i++) {
        int len = snprint(line, sizeof line, "%s LINE %04d", tag, i);
        ebcdic_from_ascii(buf, line, (size_t)len);
        if (io(prt, 0x09, (uint16_t)len) != 0x0C)
            return 0;
    }
    return 1;
}

/* ... then CLOSE it to the system queue: its spoolid. */
static uint16_t print_file(const char *tag, int n, const char *name)
{
    if (!lines(tag, n))
        return 0;
    char c[40];
    snprint(c, sizeof c, "CLOSE PRT NAME %s", name);
    cp(c);
    return last_prt();
}

static uint64_t tod(void)
{
    uint64_t t;
    __asm__ volatile("stck %0" : "=Q"(t) : : "cc");
    return t;
}

/* Wait (yielding with DIAG X'44') until file id has left the queue: 1, or
 * 0 if it is still there after 5 minutes. */
static int gone(uint16_t id)
{
    uint64_t end = tod() + (300ULL * 1000000 << 12);
    uint32_t x;
    while (d8(ZCP_D8_THIS, id, &x) == 0) {
        if (tod() > end)
            return 0;
        zcp_diag44();
    }
    return 1;
}

int main(void)
{
    tap_plan(21);
    prt = rt_enable_sch(0x000E);
    cp("SPOOL PRT TO SYSTEM CLASS A COPY 2 NOHOLD");
    uint16_t a = print_file("A", 200, "FLUSH COPY");
    tap_ok(prt && a, "file A: 200 lines, 2 copies, on the printer queue");
    const char *r = cp("START PRINTER|FLUSH 0E00");
    char want[64];
    snprint(want, sizeof want, "PRT 0E00 FILE %04d COPY 001 FLUSHED", a);
    tap_ok(has(r, "PRT 0E00 STARTED CLASS *") && has(r, want),
           "START then FLUSH in one DIAG X'08': the first copy of A is flushed");
    tap_ok(gone(a), "the second copy is printed, then A is purged");

    /* The printer is started: CLOSE makes B active at once; FLUSH in the
     * same DIAG X'08' ends it before any of it is printed. */
    cp("SPOOL PRT COPY 1");
    int ok = lines("B", 100);
    r = cp("CLOSE PRT NAME FLUSH HOLD|FLUSH 0E00 ALL HOLD");
    uint16_t b = last_prt();
    snprint(want, sizeof want, "PRT 0E00 FILE %04d FLUSHED AND HELD", b);
    tap_ok(ok && b && has(r, want), "CLOSE then FLUSH ALL HOLD of B in one DIAG X'08'");
    uint32_t x;
    tap_ok(d8(ZCP_D8_THIS, b, &x) == 0 && sfb[32] == 0x04, "B stays on the queue in system hold, not in use");
    r = cp("FLUSH 0E00");
    tap_ok(has(r, "PRT 0E00 NOT ACTIVE"), "nothing else to print: FLUSH says NOT ACTIVE");

    r = cp("DRAIN PRINTER");
    tap_ok(has(r, "PRT 0E00 DRAINED"), "DRAIN of the idle printer: DRAINED");
    /* The operator's system hold (HOLD, FREE): the owner's CHANGE NOHOLD
     * does not end it; FREE does; HOLD puts it back; a file in both holds
     * keeps the user's after FREE.  The printer is drained: B stays. */
    snprint(want, sizeof want, "CHANGE PRT %04d NOHOLD", b);
    cp(want);
    tap_ok(d8(ZCP_D8_THIS, b, &x) == 0 && sfb[32] == 0x04, "CHANGE NOHOLD leaves B in system hold");
    r = cp("FREE TESTD1 PRT");
    tap_ok(has(r, "0001 FILE FREED") && d8(ZCP_D8_THIS, b, &x) == 0 && sfb[32] == 0x00,
           "FREE TESTD1 PRT: B out of system hold");
    r = cp("FREE TESTD1");
    tap_ok(has(r, "NO FILES FREED"), "FREE again: NO FILES FREED");
    r = cp("HOLD TESTD1 PRINTER");
    tap_ok(has(r, "0001 FILE HELD") && d8(ZCP_D8_THIS, b, &x) == 0 && sfb[32] == 0x04,
           "HOLD TESTD1 PRINTER: B in system hold again");
    snprint(want, sizeof want, "CHANGE PRT %04d HOLD|FREE ALL ALL", b);
    r = cp(want);
    tap_ok(has(r, "0001 FILE FREED") && d8(ZCP_D8_THIS, b, &x) == 0 && sfb[32] == 0x20,
           "CHANGE HOLD, then FREE ALL ALL: the system hold goes, the user hold stays");
    r = cp("HOLD|FREE NOSUCHID PRT|HOLD TESTD1 SOON|FREE TESTD1 PRT ALL");
    tap_ok(has(r, "HCPCMD026E Operand missing or invalid") &&
           has(r, "HCPCSU053E NOSUCHID not in CP directory") &&
           has(r, "HCPCMD003E Invalid option - SOON") && has(r, "HCPCMD003E Invalid option - ALL"),
           "HOLD and FREE refuse a missing operand, an unknown user, bad options");
    snprint(want, sizeof want, "PURGE PRT %04d", b);
    cp(want);
    tap_ok(d8(ZCP_D8_THIS, b, &x) == 2, "B purged");
    uint16_t c = print_file("C", 1000, "DRAIN BIG");
    uint16_t d = print_file("D", 3, "AFTER DRAIN");
    r = cp("START PRINTER|DRAIN PRINTER");
    int busy = d8(ZCP_D8_THIS, c, &x) == 0 && (sfb[32] & 0x80);
    tap_ok(c && d && has(r, "PRT 0E00 DRAINING") && busy,
           "START then DRAIN: DRAINING, C (1000 lines) in use on the printer");
    int cgone = gone(c);
    tap_ok(cgone && d8(ZCP_D8_THIS, d, &x) == 0 && !(sfb[32] & 0x80),
           "C is printed to its end; D waits, not taken by the draining printer");
    r = cp("START PRINTER");
    tap_ok(gone(d), "START again: D is printed");

    ok = lines("E", 50);
    r = cp("CLOSE PRT NAME FLUSH ONE|FLUSH 0E00");
    /* r also holds CLOSE's own answer, PRT FILE nnnn TO SYSTEM COPY 001 NOHOLD */
    tap_ok(ok && has(r, "FLUSHED") && !has(r, "COPY 001 FLUSHED") && !has(r, "HELD") && last_prt() == 0,
           "CLOSE then FLUSH of a one-copy file: purged");
    /* FLUSH HOLD, then FREE: the file goes out after all. */
    ok = lines("F", 20);
    r = cp("CLOSE PRT NAME HELD FREED|FLUSH 0E00 ALL HOLD");
    uint16_t f = last_prt();
    tap_ok(ok && f && has(r, "FLUSHED AND HELD") && d8(ZCP_D8_THIS, f, &x) == 0 && sfb[32] == 0x04,
           "CLOSE then FLUSH ALL HOLD of F: it waits in system hold");
    r = cp("FREE TESTD1 PRT");
    tap_ok(has(r, "0001 FILE FREED") && gone(f), "FREE TESTD1 PRT: the started printer prints F");
    r = cp("DRAIN PRINTER|FLUSH 0E00 SOON|FLUSH PRINTER");
    tap_ok(has(r, "PRT 0E00 DRAINED") && has(r, "HCPCMD003E Invalid option - SOON") &&
           has(r, "HCPCMD002E Invalid operand - PRINTER"), "DRAIN; FLUSH with a bad option or no device number");
    return 0;
}
