/* Second minidisk guest (TESTG2): its 0191 is TESTG1's 0191, read-only
 * (RR).  Run after g_dasd.c wrote block 5 - in the system test, after a
 * SHUTDOWN and a new IPL of ZCP - it finds the data there, and every
 * write is refused. */
#include "dasd.h"

static uint8_t buf[4096] __attribute__((aligned(8)));
static uint8_t biopl[64] __attribute__((aligned(8)));
static uint8_t bioe[16] __attribute__((aligned(8)));
static uint8_t seekarg[6] __attribute__((aligned(8)));
static uint8_t idarg[5] __attribute__((aligned(8))) = { 0, 0, 0, 0, 5 };
static struct ccw1 prog[4];

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

static int request(uint8_t type)
{
    uint64_t rc;
    memset(biopl, 0, 64);
    biopl[0] = 0x01; biopl[1] = 0x91;
    put32(biopl + 28, 1);
    put32(biopl + 36, A(bioe));
    memset(bioe, 0, 16);
    bioe[0] = type;
    put32(bioe + 4, 5);
    put32(bioe + 12, A(buf));
    int cc = diag250(biopl, 1, &rc);
    return cc << 8 | (int)rc;
}

int main(void)
{
    uint64_t rc;
    tap_plan(4);
    uint32_t sid = dasd_schid(0x191);
    memset(biopl, 0, 64);
    biopl[0] = 0x01; biopl[1] = 0x91;
    put32(biopl + 24, 4096);
    int cc = diag250(biopl, 0, &rc);
    tap_ok(sid && cc == 0 && rc == 4, "INIT of the shared 0191 (RR): rc 4, read-only");
    if (!sid) {
        con_write("Bail out! no minidisk 0191");
        disabled_wait(0xBAD);
    }
    memset(buf, 0, sizeof buf);
    int r = request(2);
    tap_ok(r == 0 && memcmp(buf, "ZCP BLOCK 5", 11) == 0,
           "block 5 holds what TESTG1 wrote (before the SHUTDOWN)");
    r = request(1);
    tap_ok(r == (2 << 8 | 40) && bioe[1] == 3, "DIAG X'250' write: status 3, cc 2 rc 40");
    prog[0] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[1] = (struct ccw1){ 0x31, CC, 5, A(idarg) };
    prog[2] = (struct ccw1){ 0x08, 0, 0, A(&prog[1]) };
    prog[3] = (struct ccw1){ 0x05, 0, 4096, A(buf) };
    struct io_result io = dasd_run(sid, prog);
    tap_ok(io.dstat & 0x02 && io.sense[0] == 0x80, "ECKD Write Data: unit check, command reject");
    disabled_wait(0);
}
