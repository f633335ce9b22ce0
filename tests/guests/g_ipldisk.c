/* A guest IPLed from a minidisk (TESTG5's 0191 on ZCPT01, made IPL-able
 * by `zcpmdisk ipl`): the IPL channel program ran through the virtual
 * 3390 - Read IPL, then IPL2's Seek / Search ID Equal / TIC / Read Data
 * chains - and the IPL device's subsystem id is at X'B8'. */
#include "rt/rt.h"

int main(void)
{
    static uint8_t schib[52] __attribute__((aligned(8)));
    uint32_t sid = *(volatile uint32_t *)0xB8;
    tap_plan(2);
    tap_ok(1, "IPLed from a minidisk, the whole image loaded");
    int cc = rt_stsch(sid, schib);
    tap_ok(cc == 0 && schib[6] == 0x01 && schib[7] == 0x91,
           "the subsystem id at X'B8' is minidisk 0191's subchannel");
    return 0;
}
