/* Spool guest: punches cards and prints lines on its virtual punch (000D)
 * and printer (000E), waits for the operator to CLOSE the punch (spooled
 * TO its own reader), takes the reader attention, reads the cards back
 * from its reader (000C) and checks them; then the bad paths: an empty
 * reader, a read on a punch.  The operator's steps are driven by
 * tests/system/t_spool.py, which waits for the "# ..." lines. */
#include "rt/rt.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define NCARDS 12

static uint8_t irb[96] __attribute__((aligned(8)));
static uint8_t buf[256] __attribute__((aligned(8)));

static uint32_t find_sch(uint16_t devno)
{
    return rt_enable_sch(devno);
}

/* One CCW; returns device status (low byte) | residual << 8, or -1. */
static int io(uint32_t sid, uint8_t cmd, uint16_t count)
{
    while (rt_tsch(sid, irb) == 0)
        ;                               /* drop status left pending (attention) */
    if (rt_ccw(sid, cmd, buf, count, irb) != 0)
        return -1;
    return irb[8] | (irb[10] << 8 | irb[11]) << 8;
}

static void card_text(char *t, int i)
{
    snprint(t, 81, "SPOOL TEST CARD %02d %-60s", i, "THE QUICK BROWN FOX");
}

int main(void)
{
    char line[100], text[81];
    tap_plan(8);
    uint32_t rdr = find_sch(0x000C), pun = find_sch(0x000D), prt = find_sch(0x000E);
    tap_ok(rdr && pun && prt, "reader, punch and printer subchannels found");
    /* The rest of the IPL deck: read to its end (unit exception). */
    int st, drained = 0;
    while ((st = io(rdr, 0x02, 80)) >= 0 && !(st & 0x03))
        drained++;
    tap_ok(st >= 0 && (st & 0x01), "the IPL deck's file ends in unit exception");
    tap_diag("send me a line");
    con_read(line, sizeof line);

    int ok = 1;
    for (int i = 0; i < NCARDS; i++) {
        card_text(text, i);
        ebcdic_from_ascii(buf, text, 80);
        ok &= io(pun, 0x41, 80) == 0x0C;        /* CE+DE, no residual */
    }
    tap_ok(ok, "12 cards punched");
    ok = 1;
    for (int i = 0; i < 3; i++) {
        snprint(text, sizeof text, "PRINT LINE %d", i);
        ebcdic_from_ascii(buf, text, strlen(text));
        ok &= io(prt, 0x09, (uint16_t)strlen(text)) == 0x0C;
    }
    ok &= (io(prt, 0x8B, 1) & 0xFF) == 0x0C;    /* skip to channel 1, immediate: no data */
    tap_ok(ok, "3 lines and a skip printed");

    tap_diag("close the punch");
    wait_io(rdr);
    tap_ok(rt_tsch(rdr, irb) == 0 && (irb[8] & 0x80), "reader attention when the file arrives");

    ok = 1;
    int n = 0;
    while ((st = io(rdr, 0x02, 80)) == 0x0C) {
        card_text(text, n);
        uint8_t want[80];
        ebcdic_from_ascii(want, text, 80);
        ok &= memcmp(buf, want, 80) == 0;
        n++;
    }
    tap_ok(ok && n == NCARDS && st >= 0 && (st & 0x01), "the 12 cards read back, then unit exception");
    st = io(rdr, 0x02, 80);
    int sense = io(rdr, 0x04, 1) == 0x0C ? buf[0] : -1;
    tap_ok(st >= 0 && (st & 0x02) && sense == 0x40, "empty reader: unit check, intervention required");
    st = io(pun, 0x02, 80);
    sense = io(pun, 0x04, 1) == 0x0C ? buf[0] : -1;
    tap_ok(st >= 0 && (st & 0x02) && sense == 0x80, "a read on the punch: command reject");
    return 0;
}
