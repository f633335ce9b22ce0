/* Real-output guest: punches 5 cards on its punch (000D) and prints 4
 * lines and a skip on its printer (000E), both spooled to the system, then
 * ends.  tests/system/t_urout.py closes the files and has them written on
 * the real printer and punch. */
#include "rt/rt.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static uint8_t irb[96] __attribute__((aligned(8)));
static uint8_t buf[256] __attribute__((aligned(8)));

/* One CCW; returns device status (low byte) | residual << 8, or -1. */
static int io(uint32_t sid, uint8_t cmd, uint16_t count)
{
    while (rt_tsch(sid, irb) == 0)
        ;
    if (rt_ccw(sid, cmd, buf, count, irb) != 0)
        return -1;
    return irb[8] | (irb[10] << 8 | irb[11]) << 8;
}

int main(void)
{
    char text[81];
    tap_plan(3);
    uint32_t pun = rt_enable_sch(0x000D), prt = rt_enable_sch(0x000E);
    tap_ok(pun && prt, "punch and printer subchannels found");
    int ok = 1;
    for (int i = 0; i < 5; i++) {
        snprint(text, sizeof text, "URTEST CARD %02d", i);
        memset(buf, 0x40, 80);
        ebcdic_from_ascii(buf, text, strlen(text));
        ok &= io(pun, 0x41, 80) == 0x0C;
    }
    tap_ok(ok, "5 cards punched");
    ok = 1;
    for (int i = 0; i < 4; i++) {
        snprint(text, sizeof text, "URTEST LINE %d", i);
        ebcdic_from_ascii(buf, text, strlen(text));
        ok &= io(prt, 0x09, (uint16_t)strlen(text)) == 0x0C;
        if (i == 1)
            ok &= (io(prt, 0x8B, 1) & 0xFF) == 0x0C;   /* skip to channel 1 */
    }
    tap_ok(ok, "4 lines and a skip printed");
    return 0;
}
