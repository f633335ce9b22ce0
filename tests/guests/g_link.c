/* LINK guest (tests/system/t_link.py): IPLed by users who linked TESTG6's
 * 0191 as their 0200 with the CP LINK command.  What DIAG X'250' INIT says
 * of the link decides the part it plays:
 *   rc 0 (R/W link, mode MW): the writer.  It writes block 3 and reads it
 *       back, then - through DIAG X'08' - defines a temporary disk 0300,
 *       formats a record on it with ECKD channel programs (after R0,
 *       whose count field carries the real cylinder of T-disk space), DETACHes it,
 *       defines it again and finds the record gone (T-disks are cleared
 *       when released, z/VM CP Commands and Utilities Reference: DEFINE).
 *   rc 4 (R/O link): a reader.  It finds what the writer wrote, and its
 *       writes are refused (DIAG 250 and an ECKD Write Data).
 * The system test checks which part each user's guest played. */
#include "dasd.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"

static uint8_t buf[4096] __attribute__((aligned(8)));
static uint8_t biopl[64] __attribute__((aligned(8)));
static uint8_t bioe[16] __attribute__((aligned(8)));
static uint8_t seekarg[6] __attribute__((aligned(8)));
static uint8_t idarg[5] __attribute__((aligned(8)));
static uint8_t rec[8 + 64] __attribute__((aligned(8)));
static uint8_t r0[16] __attribute__((aligned(8)));
static uint8_t cmd[64] __attribute__((aligned(8)));
static struct ccw1 prog[4];

static const char WORDS[] = "ZCP LINK BLOCK 3";

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

static uint32_t cp(const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    ebcdic_from_ascii(cmd, s, n);
    return zcp_diag08(cmd, n);
}

/* DIAG X'250' I/O of block 3 of 0200: cc << 8 | rc. */
static int block3(uint8_t type)
{
    uint64_t rc;
    memset(biopl, 0, 64);
    biopl[0] = 0x02; biopl[1] = 0x00;
    put32(biopl + 28, 1);
    put32(biopl + 36, A(bioe));
    memset(bioe, 0, 16);
    bioe[0] = type;
    put32(bioe + 4, 3);
    put32(bioe + 12, A(buf));
    int cc = diag250(biopl, 1, &rc);
    return cc << 8 | (int)rc;
}

/* Seek to cylinder 0 head 1, Search ID Equal for record r (the CCHH of
 * R0, read before), TIC, then op. */
static struct io_result on_record(uint32_t sid, uint8_t r, uint8_t op, void *data, uint16_t len)
{
    memset(seekarg, 0, 6);
    seekarg[5] = 1;
    memcpy(idarg, r0, 4);
    idarg[4] = r;
    prog[0] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[1] = (struct ccw1){ 0x31, CC, 5, A(idarg) };
    prog[2] = (struct ccw1){ 0x08, 0, 0, A(&prog[1]) };
    prog[3] = (struct ccw1){ op, SLI, len, A(data) };
    return dasd_run(sid, prog);
}

static int ok_end(struct io_result r) { return r.cc == 0 && r.dstat == 0x0C && r.cstat == 0; }

static void writer(void)
{
    tap_plan(10);
    memset(buf, 0, sizeof buf);
    memcpy(buf, WORDS, sizeof WORDS);
    tap_ok(block3(1) == 0, "writer: DIAG X'250' writes block 3 through the MW link");
    memset(buf, 0xEE, sizeof buf);
    tap_ok(block3(2) == 0 && !memcmp(buf, WORDS, sizeof WORDS), "writer: block 3 reads back");

    tap_ok(cp("DEFINE T3390 0300 1") == 0, "writer: DIAG X'08' DEFINE T3390 0300 1");
    uint32_t sid = dasd_schid(0x300);
    /* R0 of a T-disk track says which cylinder the space had on the real
     * volume: read it (Seek, Read R0) and search for what it holds. */
    memset(seekarg, 0, 6);
    seekarg[5] = 1;
    prog[0] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[1] = (struct ccw1){ 0x16, SLI, 16, A(r0) };
    struct io_result io = dasd_run(sid, prog);
    tap_ok(sid && ok_end(io) && r0[4] == 0 && r0[3] == 1, "writer: Read R0 of T-disk head 1");
    memset(rec, 0, sizeof rec);
    memcpy(rec, r0, 4);
    rec[4] = 1; rec[7] = 64;                        /* count: CCHH as R0's, R 1, KL 0, DL 64 */
    memcpy(rec + 8, "T-DISK RECORD", 13);
    io = on_record(sid, 0, 0x1D, rec, sizeof rec);
    tap_ok(sid && ok_end(io), "writer: Write CKD formats record 1 after R0 on the T-disk");
    memset(buf, 0, 64);
    io = on_record(sid, 1, 0x06, buf, 64);
    tap_ok(ok_end(io) && !memcmp(buf, "T-DISK RECORD", 13), "writer: the record reads back");
    tap_ok(cp("DETACH 0300") == 0, "writer: DIAG X'08' DETACH 0300 (the T-disk is released)");
    tap_ok(cp("DEFINE T3390 0300 1") == 0, "writer: DEFINE T3390 0300 1 again");
    sid = dasd_schid(0x300);
    io = on_record(sid, 1, 0x06, buf, 64);
    tap_ok(sid && io.dstat & 0x02 && io.sense[1] & 0x08,
           "writer: record 1 is gone (unit check, no record found)");
    tap_ok(cp("DEFINE T3390 0300 1") == 1012, "writer: DEFINE of a vdev in use: rc 1012");
}

static void reader(void)
{
    tap_plan(3);
    memset(buf, 0, sizeof buf);
    tap_ok(block3(2) == 0 && !memcmp(buf, WORDS, sizeof WORDS),
           "reader: block 3 holds what the writer wrote");
    tap_ok(block3(1) == (2 << 8 | 40) && bioe[1] == 3, "reader: DIAG X'250' write refused: cc 2 rc 40");
    uint32_t sid = dasd_schid(0x200);
    memset(seekarg, 0, 6);
    memset(idarg, 0, 5);
    idarg[4] = 3;
    prog[0] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[1] = (struct ccw1){ 0x31, CC, 5, A(idarg) };
    prog[2] = (struct ccw1){ 0x08, 0, 0, A(&prog[1]) };
    prog[3] = (struct ccw1){ 0x05, 0, 4096, A(buf) };
    struct io_result io = dasd_run(sid, prog);
    tap_ok(sid && io.dstat & 0x02 && io.sense[0] == 0x80, "reader: ECKD Write Data: command reject");
}

int main(void)
{
    uint64_t rc;
    memset(biopl, 0, 64);
    biopl[0] = 0x02; biopl[1] = 0x00;
    put32(biopl + 24, 4096);
    int cc = diag250(biopl, 0, &rc);
    if (cc == 0 && rc == 0)
        writer();
    else if (cc == 0 && rc == 4)
        reader();
    else {
        print("Bail out! DIAG X'250' INIT of 0200: cc %d rc %d", cc, (int)rc);
        disabled_wait(0xBAD);
    }
    disabled_wait(0);
}
