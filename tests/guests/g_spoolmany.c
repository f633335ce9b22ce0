/* Many spool files: the guest punches file after file on its punch (000D),
 * each closed with DIAG X'08' CLOSE 00D, cards that say which file and
 * card they are.  The test tells it the mode on its console:
 *   ROUNDTRIP n  n files to its own reader, then (after "READ") reads
 *                them back with reader CCWs and checks every card (TAP).
 *   FOREVER      files to TESTG2 until Hercules is killed
 *                (tests/system/t_spoolcrash.py checks what survives).
 *   FILL         3 files to TESTG2, then one file until the punch fails
 *                (spool full): "FULL cards status sense"; after a line
 *                from the test, one more file: "AGAIN ok"
 *                (tests/system/t_spoolfull.py).
 * A file's cards: "SEQ sssss CARD ccc OF nnn " then a letter pattern. */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static uint8_t irb[96] __attribute__((aligned(8)));
static uint8_t buf[256] __attribute__((aligned(8)));
static uint8_t cmd[64] __attribute__((aligned(8)));

static int io(uint32_t sid, uint8_t op, uint16_t count)
{
    while (rt_tsch(sid, irb) == 0)
        ;                               /* drop status left pending (attention) */
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

static int ncards(int seq) { return 1 + (seq * 7) % 23; }

static void card(uint8_t *out, int seq, int c)
{
    char t[81];
    int n = snprint(t, sizeof t, "SEQ %05d CARD %03d OF %03d ", seq, c, ncards(seq));
    for (int i = n; i < 80; i++)
        t[i] = (char)('A' + (seq + c + i) % 26);
    t[80] = 0;
    ebcdic_from_ascii(out, t, 80);
}

static int punch_file(uint32_t pun, int seq)
{
    int ok = 1;
    for (int c = 1; c <= ncards(seq); c++) {
        card(buf, seq, c);
        ok &= io(pun, 0x41, 80) == 0x0C;
    }
    cp("CLOSE 00D");
    return ok;
}

int main(void)
{
    char line[100];
    uint32_t rdr = rt_enable_sch(0x000C), pun = rt_enable_sch(0x000D);
    int st;
    while ((st = io(rdr, 0x02, 80)) >= 0 && !(st & 0x03))
        ;                               /* the rest of the IPL deck */
    print("# mode?");
    con_read(line, sizeof line);
    if (!strncmp(line, "FOREVER", 7)) {
        cp("SPOOL 00D TO TESTG2 CLASS C");
        for (int seq = 1;; seq++)
            punch_file(pun, seq);
    }
    if (!strncmp(line, "FILL", 4)) {
        cp("SPOOL 00D TO TESTG2 CLASS F");
        for (int seq = 1; seq <= 3; seq++)
            punch_file(pun, seq);
        int cards = 0;
        for (;;) {
            card(buf, 4, cards + 1);
            if ((st = io(pun, 0x41, 80)) != 0x0C)
                break;
            cards++;
        }
        int sense = io(pun, 0x04, 1) == 0x0C ? buf[0] : -1;
        print("FULL %d %02X %02X", cards, st & 0xFF, sense & 0xFF);
        con_read(line, sizeof line);
        print("AGAIN %d", punch_file(pun, 5));
        for (;;)
            con_read(line, sizeof line);
    }
    int n = 0;
    for (const char *p = line + 10; *p >= '0' && *p <= '9'; p++)
        n = n * 10 + (*p - '0');
    tap_plan(4);
    tap_ok(rdr && pun && n > 0, "reader and punch found, a file count given");
    cp("SPOOL 00D TO * CLASS R");
    int ok = 1;
    for (int seq = 1; seq <= n; seq++)
        ok &= punch_file(pun, seq);
    tap_ok(ok, "every card punched");
    tap_diag("read them");
    con_read(line, sizeof line);
    int files = 0, bad = 0;
    uint8_t want[80];
    for (int seq = 1; seq <= n; seq++) {
        int c = 0;
        while ((st = io(rdr, 0x02, 80)) == 0x0C) {
            c++;
            card(want, seq, c);
            if (memcmp(buf, want, 80) && bad++ < 3)
                print("# file %d card %d differs", seq, c);
        }
        if (st < 0 || !(st & 0x01) || c != ncards(seq)) {
            print("# file %d: %d cards, status %x", seq, c, st);
            bad++;
            break;
        }
        files++;
    }
    char name[80];
    snprint(name, sizeof name, "%d files read back in order, every card as punched", files);
    tap_ok(files == n && !bad, name);
    st = io(rdr, 0x02, 80);
    tap_ok(st >= 0 && (st & 0x02), "then the reader is empty");
    return 0;
}
