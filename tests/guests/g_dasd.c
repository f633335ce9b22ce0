/* Minidisk guest (TESTG1): ECKD channel programs and DIAG X'250' against
 * its minidisks on ZCPT01 (conf/user.direct): 0191 4 cylinders MR and
 * 0193 2 cylinders MR, both formatted in 4096-byte blocks, and 0192
 * read-only (RR).  Good paths and hostile ones: every refusal checked
 * against the unit check, sense, cc or rc the real device or z/VM gives.
 * It leaves block 5 of 0191 holding "ZCP BLOCK 5" for the next guest. */
#include "dasd.h"

static uint8_t buf[4096] __attribute__((aligned(8)));
static uint8_t buf2[4096] __attribute__((aligned(8)));
static uint8_t seekarg[6] __attribute__((aligned(8)));
static uint8_t idarg[5] __attribute__((aligned(8)));
static uint8_t dx[16] __attribute__((aligned(8)));
static uint8_t lr[16] __attribute__((aligned(8)));
static struct ccw1 prog[8];
static uint8_t biopl[64] __attribute__((aligned(8)));
static uint8_t bioes[4 * 24] __attribute__((aligned(8)));
#define BIOE(i, is64) (bioes + (i) * ((is64) ? 24 : 16))
#define bioe bioes
static char msg[120];

static void set_seek(uint16_t cyl, uint16_t head, uint8_t rec)
{
    memset(seekarg, 0, 6);
    seekarg[2] = (uint8_t)(cyl >> 8); seekarg[3] = (uint8_t)cyl;
    seekarg[4] = (uint8_t)(head >> 8); seekarg[5] = (uint8_t)head;
    memcpy(idarg, seekarg + 2, 4);
    idarg[4] = rec;
}

/* Seek, Search ID Equal, TIC back, then cmd on the record. */
static struct io_result record_io(uint32_t sid, uint8_t cmd, uint16_t cyl, uint16_t head,
                                  uint8_t rec, void *data, uint16_t len)
{
    set_seek(cyl, head, rec);
    prog[0] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[1] = (struct ccw1){ 0x31, CC, 5, A(idarg) };
    prog[2] = (struct ccw1){ 0x08, 0, 0, A(&prog[1]) };
    prog[3] = (struct ccw1){ cmd, SLI, len, A(data) };
    return dasd_run(sid, prog);
}

static int ok_end(struct io_result r) { return r.cc == 0 && r.dstat == 0x0C && r.cstat == 0; }

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }
static void put64(uint8_t *p, uint64_t v) { put32(p, v >> 32); put32(p + 4, (uint32_t)v); }
static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static void pl_init(uint16_t devno, int is64, uint32_t bs)
{
    memset(biopl, 0, 64);
    biopl[0] = devno >> 8; biopl[1] = (uint8_t)devno;
    biopl[2] = is64 ? 0x80 : 0;
    put32(biopl + 24, bs);
}

static void pl_io(uint16_t devno, int is64, uint8_t flags, uint32_t n, uint64_t parm)
{
    memset(biopl, 0, 64);
    biopl[0] = devno >> 8; biopl[1] = (uint8_t)devno;
    biopl[2] = is64 ? 0x80 : 0;
    biopl[25] = flags;
    put32(biopl + 28, n);
    if (is64) {
        put64(biopl + 40, parm);
        put64(biopl + 48, (uintptr_t)bioe);
    } else {
        put32(biopl + 36, A(bioe));
        put32(biopl + 40, (uint32_t)parm);
    }
}

static void set_bioe(int i, int is64, uint8_t type, uint64_t blk, void *data)
{
    uint8_t *e = BIOE(i, is64);
    memset(e, 0, is64 ? 24 : 16);
    e[0] = type;
    e[1] = 0xEE;
    if (is64) {
        put64(e + 8, blk);
        put64(e + 16, (uintptr_t)data);
    } else {
        put32(e + 4, (uint32_t)blk);
        put32(e + 12, A(data));
    }
}

static void diag_misaligned(void *arg) { uint64_t rc; diag250((uint8_t *)biopl + 4, 0, &rc); }
static void diag_ioreq(void *arg) { uint64_t rc; diag250(biopl, 1, &rc); }
static void diag_badflag(void *arg)
{
    uint64_t rc;
    pl_init(0x191, 0, 4096);
    biopl[2] = 0x01;
    diag250(biopl, 0, &rc);
}

int main(void)
{
    struct io_result r;
    uint64_t rc;
    int cc;
    uint16_t cpuaddr, code;
    tap_plan(40);
    uint32_t d1 = dasd_schid(0x191), d2 = dasd_schid(0x192), d3 = dasd_schid(0x193);
    tap_ok(d1 && d2 && d3, "minidisks 0191, 0192, 0193 have subchannels");
    if (!(d1 && d2 && d3)) {
        con_write("Bail out! no minidisks");
        disabled_wait(0xBAD);
    }

    /* ---- ECKD channel programs ---- */
    prog[0] = (struct ccw1){ 0xE4, SLI, 7, A(buf) };
    r = dasd_run(d1, prog);
    tap_ok(ok_end(r) && buf[0] == 0xFF && buf[4] == 0x33 && buf[5] == 0x90,
           "Sense ID: a 3390");
    prog[0] = (struct ccw1){ 0x64, SLI, 64, A(buf) };
    r = dasd_run(d1, prog);
    tap_ok(ok_end(r) && buf[12] == 0 && buf[13] == 4 && buf[15] == 15,
           "Read Device Characteristics: 4 cylinders (the minidisk's), 15 heads");
    memset(buf, 0xAA, 4096);
    r = record_io(d1, 0x06, 0, 0, 1, buf, 4096);
    tap_ok(ok_end(r) && r.resid == 0 && buf[0] == 0 && buf[4095] == 0,
           "Seek, Search ID Equal, TIC, Read Data: record 1 of cyl 0 head 0, 4096 zeros");
    for (int i = 0; i < 4096; i++)
        buf[i] = (uint8_t)(i * 7);
    r = record_io(d1, 0x05, 1, 2, 3, buf, 4096);
    tap_ok(ok_end(r), "Write Data to cyl 1 head 2 record 3");
    memset(buf2, 0, 4096);
    r = record_io(d1, 0x06, 1, 2, 3, buf2, 4096);
    tap_ok(ok_end(r) && memcmp(buf, buf2, 4096) == 0, "read back in another channel program: the same");

    /* Define Extent + Locate Record (read data, count orientation). */
    memset(dx, 0, 16);
    dx[0] = 0x40;                               /* file mask: inhibit all writes */
    dx[13] = 1; dx[15] = 14;                    /* extent 0/0 - 1/14 */
    memset(lr, 0, 16);
    lr[0] = 0x06; lr[3] = 1;                    /* read data, 1 record */
    lr[5] = 1; lr[7] = 2;                       /* seek cyl 1 head 2 */
    lr[9] = 1; lr[11] = 2; lr[12] = 3;          /* search 1 2 3 */
    memset(buf2, 0, 4096);
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x47, CC, 16, A(lr) };
    prog[2] = (struct ccw1){ 0x06, 0, 4096, A(buf2) };
    r = dasd_run(d1, prog);
    tap_ok(ok_end(r) && memcmp(buf, buf2, 4096) == 0, "Define Extent, Locate Record, Read Data");
    prog[2] = (struct ccw1){ 0x05, 0, 4096, A(buf2) };
    lr[0] = 0x01;                               /* write data under a read-only mask */
    r = dasd_run(d1, prog);
    tap_ok(r.dstat & 0x02 && r.sense[0] == 0x80 && r.sense[7] == 0x02,
           "Locate Record write under a file mask inhibiting writes: command reject, msg 2");

    /* Outside the minidisk or the extent. */
    set_seek(4, 0, 1);
    prog[0] = (struct ccw1){ 0x07, 0, 6, A(seekarg) };
    r = dasd_run(d1, prog);
    snprint(msg, sizeof msg, "Seek to cylinder 4 of a 4-cylinder minidisk: unit check, command reject, "
            "msg 4 (sense %02X %02X %02X)", r.sense[0], r.sense[1], r.sense[7]);
    tap_ok(r.dstat == 0x0E && r.sense[0] == 0x80 && r.sense[7] == 0x04, msg);
    set_seek(0xFFFF, 0, 1);
    r = dasd_run(d1, prog);
    tap_ok(r.dstat & 0x02 && r.sense[0] == 0x80, "Seek to cylinder X'FFFF': command reject");
    memset(dx, 0, 16);                          /* extent: cylinder 0 only */
    dx[15] = 14;
    set_seek(1, 0, 1);
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x07, 0, 6, A(seekarg) };
    r = dasd_run(d1, prog);
    tap_ok(r.dstat & 0x02 && r.sense[0] == 0 && r.sense[1] == 0x04,
           "Seek outside the Define Extent extent: file protected");
    set_seek(0, 0, 99);
    prog[0] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[1] = (struct ccw1){ 0x31, CC, 5, A(idarg) };
    prog[2] = (struct ccw1){ 0x08, 0, 0, A(&prog[1]) };
    prog[3] = (struct ccw1){ 0x06, SLI, 4096, A(buf2) };
    r = dasd_run(d1, prog);
    tap_ok(r.dstat & 0x02 && r.sense[1] == 0x08,
           "Search ID loop for a record that is not there: no record found after two index points");
    prog[0] = (struct ccw1){ 0x47, 0, 16, A(lr) };
    r = dasd_run(d1, prog);
    tap_ok(r.dstat & 0x02 && r.sense[0] == 0x80 && r.sense[7] == 0x02,
           "Locate Record without Define Extent: command reject, msg 2");
    prog[0] = (struct ccw1){ 0x19, 0, 8, A(buf2) };
    r = dasd_run(d1, prog);
    tap_ok(r.dstat & 0x02 && r.sense[0] == 0x80, "Write Home Address: command reject");
    r = record_io(d2, 0x05, 0, 0, 1, buf, 4096);
    tap_ok(r.dstat & 0x02 && r.sense[0] == 0x80, "Write Data to the read-only minidisk 0192: command reject");
    r = record_io(d2, 0x06, 0, 0, 1, buf2, 4096);
    tap_ok(ok_end(r), "reading 0192 works");

    /* Formatting a track of the scratch disk 0193: two 512-byte records. */
    static uint8_t ckd[2][8 + 512] __attribute__((aligned(8)));
    for (int i = 0; i < 2; i++) {
        memset(ckd[i], 0x40 + i, sizeof ckd[i]);
        uint8_t c[8] = { 0, 1, 0, 0, (uint8_t)(i + 1), 0, 2, 0 };
        memcpy(ckd[i], c, 8);
    }
    set_seek(1, 0, 0);
    prog[0] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[1] = (struct ccw1){ 0x31, CC, 5, A(idarg) };
    prog[2] = (struct ccw1){ 0x08, 0, 0, A(&prog[1]) };
    prog[3] = (struct ccw1){ 0x1D, CC, sizeof ckd[0], A(ckd[0]) };
    prog[4] = (struct ccw1){ 0x1D, 0, sizeof ckd[1], A(ckd[1]) };
    r = dasd_run(d3, prog);
    tap_ok(ok_end(r), "Write CKD after R0 twice: track cyl 1 head 0 of 0193 formatted with 2 records");
    static uint8_t counts[3][8];
    prog[0] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[1] = (struct ccw1){ 0x12, CC, 8, A(counts[0]) };
    prog[2] = (struct ccw1){ 0x12, CC, 8, A(counts[1]) };
    prog[3] = (struct ccw1){ 0x06, 0, 512, A(buf2) };
    r = dasd_run(d3, prog);
    tap_ok(ok_end(r) && counts[0][4] == 1 && counts[1][4] == 2 && counts[1][6] == 2 &&
           buf2[0] == 0x41 && buf2[511] == 0x41,
           "Read Count, Read Count, Read Data: the new records, as written");
    r = record_io(d3, 0x06, 1, 0, 3, buf2, 4096);
    tap_ok(r.dstat & 0x02 && r.sense[1] == 0x08, "record 3 is gone (the rest of the track was erased)");
    for (int i = 0; i < 13; i++) {
        static uint8_t big[8 + 4096] __attribute__((aligned(8)));
        uint8_t c[8] = { 0, 1, 0, 1, (uint8_t)(i + 1), 0, 0x10, 0 };
        memcpy(big, c, 8);
        r = record_io(d3, 0x1D, 1, 1, (uint8_t)i, big, sizeof big);
        if (i == 12) {
            tap_ok(r.dstat & 0x02 && r.sense[1] == 0x40,
                   "a 13th 4096-byte record does not fit a 3390 track: invalid track format");
        } else if (!ok_end(r)) {
            snprint(msg, sizeof msg, "formatting record %d failed: %02X %02X", i + 1, r.dstat, r.sense[1]);
            tap_ok(0, msg);
            break;
        }
    }
    prog[0] = (struct ccw1){ 0x02, SLI, 24, A(buf2) };
    r = dasd_run(d1, prog);
    tap_ok(ok_end(r), "Read IPL (record 1 of cylinder 0 track 0)");
    prog[0] = (struct ccw1){ 0x03, CC | SLI, 1, A(buf2) };
    prog[1] = (struct ccw1){ 0x08, 0, 0, A(&prog[0]) };
    r = dasd_run(d1, prog);
    snprint(msg, sizeof msg, "a channel program that loops for ever (NOP, TIC back): ended, "
            "channel-control check (cc %d, status %02X %02X)", r.cc, r.dstat, r.cstat);
    tap_ok(r.cc == 0 && r.cstat == 0x04, msg);

    /* ---- DIAG X'250' ---- */
    pl_init(0x999, 0, 4096);
    cc = diag250(biopl, 0, &rc);
    tap_ok(cc == 2 && rc == 16, "INIT of a device that does not exist: cc 2, rc 16");
    pl_init(0x191, 0, 1000);
    cc = diag250(biopl, 0, &rc);
    tap_ok(cc == 2 && rc == 24, "INIT with block size 1000: rc 24");
    pl_io(0x191, 0, 0, 1, 0);
    cc = diag250(biopl, 1, &rc);
    tap_ok(cc == 2 && rc == 28, "IOREQ before INIT: rc 28");
    pl_init(0x191, 0, 4096);
    cc = diag250(biopl, 0, &rc);
    snprint(msg, sizeof msg, "INIT 0191, 4096: cc 0 rc 0, blocks 1-720 (cc %d rc %d, %u-%u)", cc,
            (int)rc, get32(biopl + 32), get32(biopl + 36));
    tap_ok(cc == 0 && rc == 0 && get32(biopl + 32) == 1 && get32(biopl + 36) == 720, msg);
    cc = diag250(biopl, 0, &rc);
    tap_ok(cc == 2 && rc == 28, "INIT twice: rc 28");

    memset(buf, 0, 4096);
    memcpy(buf, "ZCP BLOCK 5", 11);
    set_bioe(0, 0, 1, 5, buf);
    pl_io(0x191, 0, 0, 1, 0);
    cc = diag250(biopl, 1, &rc);
    memset(buf2, 0, 4096);
    set_bioe(0, 0, 2, 5, buf2);
    pl_io(0x191, 0, 0, 1, 0);
    int cc2 = diag250(biopl, 1, &rc);
    tap_ok(cc == 0 && cc2 == 0 && rc == 0 && BIOE(0, 0)[1] == 0 && memcmp(buf, buf2, 4096) == 0,
           "synchronous write and read of block 5");
    r = record_io(d1, 0x06, 0, 0, 5, buf2, 4096);
    tap_ok(ok_end(r) && memcmp(buf, buf2, 4096) == 0, "block 5 is record 5 of cyl 0 head 0 (ECKD read)");
    set_bioe(0, 0, 2, 7, buf2);
    set_bioe(1, 0, 2, 721, buf2);
    set_bioe(2, 0, 9, 7, buf2);
    set_bioe(3, 0, 2, 7, (void *)0x7FFFF000);
    pl_io(0x191, 0, 0, 4, 0);
    cc = diag250(biopl, 1, &rc);
    snprint(msg, sizeof msg, "one good BIOE, block 721 (status %d), type 9 (status %d), buffer beyond "
            "storage (status %d): cc 1 rc 12", BIOE(1, 0)[1], BIOE(2, 0)[1], BIOE(3, 0)[1]);
    tap_ok(cc == 1 && rc == 12 && BIOE(0, 0)[1] == 0 && BIOE(1, 0)[1] == 1 && BIOE(2, 0)[1] == 6 &&
           BIOE(3, 0)[1] == 2, msg);
    pl_io(0x191, 0, 0, 1, 0);
    put32(biopl + 36, 0x7FFFF000);
    code = expect_pgm(diag_ioreq, 0);
    tap_ok(code == 0x05, "BIOE list beyond storage: addressing exception");
    set_bioe(0, 0, 2, 0, buf2);
    pl_io(0x191, 0, 0, 1, 0);
    cc = diag250(biopl, 1, &rc);
    tap_ok(cc == 2 && rc == 40 && BIOE(0, 0)[1] == 1, "block 0 only: cc 2 rc 40, status 1");
    pl_io(0x191, 0, 0, 0, 0);
    cc = diag250(biopl, 1, &rc);
    tap_ok(cc == 2 && rc == 36, "block count 0: rc 36");
    set_bioe(0, 0, 2, 5, buf2);
    memset(buf2, 0, 4096);
    pl_io(0x191, 0, 0x02, 1, 0xCAFE);
    cc = diag250(biopl, 1, &rc);
    code = wait_ext(&cpuaddr);
    snprint(msg, sizeof msg, "asynchronous read: cc 0 rc 8, then X'2603' subcode 03 status 0 parm "
            "X'CAFE' (got %d %d %04X %04X %08X)", cc, (int)rc, code, cpuaddr, *(volatile uint32_t *)0x80);
    tap_ok(cc == 0 && rc == 8 && code == 0x2603 && cpuaddr == 0x0300 &&
           *(volatile uint32_t *)0x80 == 0xCAFE && memcmp(buf, buf2, 4096) == 0, msg);

    /* 64-bit forms on the read-only disk. */
    pl_init(0x192, 1, 4096);
    cc = diag250(biopl, 0, &rc);
    tap_ok(cc == 0 && rc == 4, "64-bit INIT of the read-only 0192: cc 0 rc 4");
    set_bioe(0, 1, 1, 1, buf);
    pl_io(0x192, 1, 0, 1, 0);
    cc = diag250(biopl, 1, &rc);
    tap_ok(cc == 2 && rc == 40 && BIOE(0, 1)[1] == 3, "write to the read-only disk: status 3, rc 40");
    set_bioe(0, 1, 2, 1, buf2);
    pl_io(0x192, 1, 0x02, 1, 0x123456789AULL);
    cc = diag250(biopl, 1, &rc);
    code = wait_ext(&cpuaddr);
    tap_ok(cc == 0 && rc == 8 && code == 0x2603 && cpuaddr == 0x0700 &&
           *(volatile uint64_t *)0x11B8 == 0x123456789AULL,
           "64-bit asynchronous read: subcode 07, parameter at X'11B8'");

    memset(biopl, 0, 64);
    biopl[0] = 0x01; biopl[1] = 0x91;
    cc = diag250(biopl, 2, &rc);
    int cc3 = diag250(biopl, 2, &rc);
    uint64_t rc3 = rc;
    pl_io(0x191, 0, 0, 1, 0);
    cc2 = diag250(biopl, 1, &rc);
    tap_ok(cc == 0 && cc3 == 2 && rc3 == 28 && cc2 == 2 && rc == 28,
           "REMOVE: cc 0; again, or IOREQ after it: rc 28");
    code = expect_pgm(diag_misaligned, 0);
    tap_ok(code == 0x06, "BIOPL not on a doubleword: specification exception");
    code = expect_pgm(diag_badflag, 0);
    tap_ok(code == 0x06, "reserved flag bits: specification exception");
    disabled_wait(0);
}
