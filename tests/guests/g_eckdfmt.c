/* Formatting guest (TESTG1): the ECKD commands a formatter and a track
 * reader use, on its scratch minidisk 0193 (ZCPT01 cylinders 6-7, seen as
 * cylinders 0-1) and its read-only 0192.  The channel programs are the
 * ones Linux's dasd_eckd builds (drivers/s390/block/dasd_eckd.c: format
 * with record zero, invalidate, raw track read) and the CKD ones of
 * CPFMTXA-style formatters (Write HA / Write R0 after a Seek); facts from
 * IBM 3990/9390 Storage Control Reference (GA32-0274).  Refusals are
 * checked against the unit check and sense a real 3990 gives. */
#include "dasd.h"
#include "lib/fmt.h"

static uint8_t track[65536] __attribute__((aligned(8)));
static uint8_t rec[3][8 + 1024] __attribute__((aligned(8)));
static uint8_t r0[16] __attribute__((aligned(8)));
static uint8_t ha[8] __attribute__((aligned(8)));
static uint8_t dx[16] __attribute__((aligned(8)));
static uint8_t lr[20] __attribute__((aligned(8)));
static uint8_t seekarg[8] __attribute__((aligned(8)));
static uint8_t idarg[8] __attribute__((aligned(8)));
static uint8_t cnt[8] __attribute__((aligned(8)));
static uint8_t data[3][1024] __attribute__((aligned(8)));
static struct ccw1 prog[16];

#define CYL  1      /* the track this guest formats: 0193's last */
#define HEAD 14

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }
static int ok_end(struct io_result r) { return r.cc == 0 && r.dstat == 0x0C && r.cstat == 0; }
/* Unit check with sense byte 0, byte 1 and (command reject) the message. */
static int uc(struct io_result r, uint8_t s0, uint8_t s1, uint8_t msg)
{
    return r.cc == 0 && (r.dstat & 0x02) && r.sense[0] == s0 && r.sense[1] == s1 &&
           (s0 != 0x80 || r.sense[7] == msg);
}

/* Define Extent: file mask, ECKD global attributes, the extent in tracks. */
static void set_dx(uint8_t mask, uint16_t bc, uint16_t bh, uint16_t ec, uint16_t eh)
{
    memset(dx, 0, 16);
    dx[0] = mask;
    dx[1] = 0xC0;
    put16(dx + 8, bc); put16(dx + 10, bh);
    put16(dx + 12, ec); put16(dx + 14, eh);
}

/* Locate Record (16 bytes) or Locate Record Extended (20). */
static void set_lr(uint8_t op, uint8_t count, uint16_t cyl, uint16_t head, uint8_t r)
{
    memset(lr, 0, 20);
    lr[0] = op;
    lr[3] = count;
    put16(lr + 4, cyl); put16(lr + 6, head);
    put16(lr + 8, cyl); put16(lr + 10, head);
    lr[12] = r;
    lr[13] = 0xFF;
}

static void set_count(uint8_t *c, uint16_t cyl, uint16_t head, uint8_t r, uint16_t dl)
{
    put16(c, cyl); put16(c + 2, head);
    c[4] = r; c[5] = 0;
    put16(c + 6, dl);
}

/* DX + LR + Read Track of (cyl, head) into track[]. */
static struct io_result read_track(uint16_t cyl, uint16_t head)
{
    set_dx(0x00, cyl, head, cyl, head);
    set_lr(0x4C, 1, cyl, head, 0);                      /* home, read tracks */
    memset(track, 0xEE, sizeof track);
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x47, CC, 16, A(lr) };
    prog[2] = (struct ccw1){ 0xDE, SLI, 0xFFFF, A(track) };
    return dasd_run(dasd_schid(0x193), prog);
}

/* Does track[] hold R0 then records 1..n of rec[] and the pseudo count? */
static int track_is(int n, uint16_t r0cyl)
{
    uint8_t want0[8];
    set_count(want0, r0cyl, HEAD, 0, 8);
    if (memcmp(track, want0, 8) != 0)
        return 0;
    uint8_t *p = track + 16;
    for (int i = 0; i < n; i++, p += 8 + 1024)
        if (memcmp(p, rec[i], 8 + 1024) != 0)
            return 0;
    for (int k = 0; k < 8; k++)
        if (p[k] != 0xFF)
            return 0;
    return 1;
}

int main(void)
{
    struct io_result r;
    tap_plan(29);
    uint32_t d3 = dasd_schid(0x193), d2 = dasd_schid(0x192);
    tap_ok(d3 && d2, "minidisks 0193 (scratch) and 0192 (read-only) have subchannels");
    if (!(d3 && d2)) {
        con_write("Bail out! no minidisks");
        disabled_wait(0xBAD);
    }
    for (int i = 0; i < 3; i++) {
        set_count(rec[i], CYL, HEAD, (uint8_t)(i + 1), 1024);
        memset(rec[i] + 8, 0xA1 + i, 1024);
    }

    /* ---- Linux's format with record zero (intensity 1) ---- */
    set_dx(0xC0, CYL, HEAD, CYL, HEAD);
    set_lr(0x43, 4, CYL, HEAD, 0);                      /* home, format write: R0 + 3 */
    set_count(r0, CYL, HEAD, 0, 8);
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x47, CC, 16, A(lr) };
    prog[2] = (struct ccw1){ 0x15, CC | SLI, 8, A(r0) };    /* count only: data zeros */
    for (int i = 0; i < 3; i++)
        prog[3 + i] = (struct ccw1){ 0x1D, (uint8_t)(i < 2 ? CC : 0), 8 + 1024, A(rec[i]) };
    r = dasd_run(d3, prog);
    tap_ok(ok_end(r), "format with R0: Define Extent, Locate Record (home, format write), Write R0, 3 Write CKD");
    r = read_track(CYL, HEAD);
    tap_ok(ok_end(r) && track_is(3, CYL),
           "Read Track: R0 (the guest's CCHH), the three records, the pseudo count");
    tap_ok(r.resid == 0xFFFF - (16 + 3 * (8 + 1024) + 8), "Read Track: the byte count it used");

    /* ---- Locate Record Extended, read: the data of R1-R3 ---- */
    set_dx(0x00, CYL, HEAD, CYL, HEAD);
    set_lr(0x16, 3, CYL, HEAD, 1);                      /* count orientation, read */
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x4B, CC, 20, A(lr) };
    for (int i = 0; i < 3; i++)
        prog[2 + i] = (struct ccw1){ 0x06, (uint8_t)(i < 2 ? CC : 0), 1024, A(data[i]) };
    r = dasd_run(d3, prog);
    tap_ok(ok_end(r) && memcmp(data[0], rec[0] + 8, 1024) == 0 &&
           memcmp(data[2], rec[2] + 8, 1024) == 0, "Locate Record Extended (read), 3 Read Data");

    /* ---- Erase: LRE write track, after R1 ---- */
    set_dx(0x00, CYL, HEAD, CYL, HEAD);
    set_lr(0x0B, 1, CYL, HEAD, 1);
    set_count(cnt, CYL, HEAD, 2, 0);
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x4B, CC, 20, A(lr) };
    prog[2] = (struct ccw1){ 0x11, SLI, 8, A(cnt) };
    r = dasd_run(d3, prog);
    tap_ok(ok_end(r), "Erase in a Locate Record Extended write-track domain");
    r = read_track(CYL, HEAD);
    tap_ok(ok_end(r) && track_is(1, CYL), "Read Track: R0, R1, then the end of the track");

    /* ---- CKD formatting: Seek, Write HA, Write R0, Write CKD, then Erase
     * after a Write CKD; Read R0 sees the new R0 ---- */
    set_dx(0xC0, CYL, HEAD, CYL, HEAD);
    memset(seekarg, 0, 8);
    put16(seekarg + 2, CYL); put16(seekarg + 4, HEAD);
    memset(ha, 0, 8);
    put16(ha + 1, CYL); put16(ha + 3, HEAD);
    set_count(r0, CYL, HEAD, 0, 8);
    memset(r0 + 8, 0x5A, 8);
    set_count(cnt, CYL, HEAD, 3, 0);
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[2] = (struct ccw1){ 0x19, CC, 5, A(ha) };
    prog[3] = (struct ccw1){ 0x15, CC, 16, A(r0) };
    prog[4] = (struct ccw1){ 0x1D, CC, 8 + 1024, A(rec[0]) };
    prog[5] = (struct ccw1){ 0x1D, CC, 8 + 1024, A(rec[1]) };
    prog[6] = (struct ccw1){ 0x11, SLI, 8, A(cnt) };
    r = dasd_run(d3, prog);
    tap_ok(ok_end(r), "Seek, Write HA, Write R0, 2 Write CKD, Erase");
    r = read_track(CYL, HEAD);
    tap_ok(ok_end(r) && track_is(2, CYL) && track[8] == 0x5A && track[15] == 0x5A,
           "Read Track: the new R0 with its data, R1, R2");
    /* The same with Search HA instead of Write HA, and Read R0. */
    memset(idarg, 0, 8);
    put16(idarg, CYL); put16(idarg + 2, HEAD);
    memset(r0 + 8, 0x6B, 8);
    set_dx(0xC0, CYL, HEAD, CYL, HEAD);         /* read_track() had its own */
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[2] = (struct ccw1){ 0x39, CC, 4, A(idarg) };
    prog[3] = (struct ccw1){ 0x08, 0, 0, A(&prog[2]) };
    prog[4] = (struct ccw1){ 0x15, CC, 16, A(r0) };
    prog[5] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[6] = (struct ccw1){ 0x16, SLI, 16, A(data[0]) };
    r = dasd_run(d3, prog);
    if (!ok_end(r)) {
        char m[100];
        fmt(m, sizeof m, "status %02X %02X resid %u sense %02X %02X %02X %02X", r.dstat, r.cstat,
            r.resid, r.sense[0], r.sense[1], r.sense[7], r.cc);
        tap_diag(m);
    }
    tap_ok(ok_end(r) && memcmp(data[0], r0, 16) == 0, "Search HA, Write R0, Seek, Read R0");
    r = read_track(CYL, HEAD);
    tap_ok(ok_end(r) && track_is(0, CYL), "Write R0 erased the records after it");

    /* ---- refusals ---- */
    /* Write R0 without Define Extent (file mask: no R0 writes). */
    prog[0] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[1] = (struct ccw1){ 0x39, CC, 4, A(idarg) };
    prog[2] = (struct ccw1){ 0x08, 0, 0, A(&prog[1]) };
    prog[3] = (struct ccw1){ 0x15, 0, 16, A(r0) };
    r = dasd_run(d3, prog);
    tap_ok(uc(r, 0x80, 0, 2), "Write R0 without a file mask permitting it: command reject, message 2");
    /* Write R0 not after a Search HA or Write HA. */
    set_dx(0xC0, CYL, HEAD, CYL, HEAD);
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[2] = (struct ccw1){ 0x15, 0, 16, A(r0) };
    r = dasd_run(d3, prog);
    tap_ok(uc(r, 0x80, 0, 2), "Write R0 right after a Seek: command reject, message 2");
    /* An R0 naming the real cylinder (7), not the guest's. */
    set_count(r0, 7, HEAD, 0, 8);
    set_lr(0x43, 1, CYL, HEAD, 0);
    prog[1] = (struct ccw1){ 0x47, CC, 16, A(lr) };
    prog[2] = (struct ccw1){ 0x15, 0, 16, A(r0) };
    r = dasd_run(d3, prog);
    tap_ok(uc(r, 0x80, 0, 4), "Write R0 of another track's address: command reject, message 4");
    set_count(r0, CYL, HEAD, 0, 8);
    /* Erase with no search, Write R0 or Write CKD before it. */
    prog[1] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[2] = (struct ccw1){ 0x11, SLI, 8, A(cnt) };
    r = dasd_run(d3, prog);
    tap_ok(uc(r, 0x80, 0, 2), "Erase after a Seek alone: command reject, message 2");
    /* Beyond the minidisk (2 cylinders): LRE seek address cylinder 2. */
    set_dx(0x00, 0, 0, CYL, HEAD);
    set_lr(0x4C, 1, 2, 0, 0);
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x4B, CC, 20, A(lr) };
    prog[2] = (struct ccw1){ 0xDE, SLI, 0xFFFF, A(track) };
    r = dasd_run(d3, prog);
    tap_ok(uc(r, 0x80, 0, 4), "LRE beyond the minidisk: command reject, message 4 (invalid parameter)");
    /* Outside the extent: file protected. */
    set_dx(0x00, CYL, HEAD, CYL, HEAD);
    set_lr(0x4C, 1, CYL, HEAD - 1, 0);
    r = dasd_run(d3, prog);
    tap_ok(uc(r, 0, 0x04, 0), "LRE outside the Define Extent: file protected");
    /* Read Track across the end of the minidisk: the second one is refused. */
    set_dx(0x00, 0, 0, CYL, HEAD);
    set_lr(0x4C, 2, CYL, HEAD, 0);
    prog[2] = (struct ccw1){ 0xDE, CC | SLI, 0xFFFF, A(track) };
    prog[3] = (struct ccw1){ 0xDE, SLI, 0xFFFF, A(track) };
    r = dasd_run(d3, prog);
    tap_ok(uc(r, 0, 0x04, 0), "a second Read Track past the minidisk's last track: file protected");
    /* Define Extent beyond the minidisk. */
    set_dx(0x00, 0, 0, 2, 0);
    prog[0] = (struct ccw1){ 0x63, 0, 16, A(dx) };
    r = dasd_run(d3, prog);
    tap_ok(uc(r, 0x80, 0, 4), "Define Extent beyond the minidisk: command reject, message 4");
    /* Read Track outside a read-tracks domain. */
    set_dx(0x00, CYL, HEAD, CYL, HEAD);
    set_lr(0x16, 1, CYL, HEAD, 0);
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x47, CC, 16, A(lr) };
    prog[2] = (struct ccw1){ 0xDE, SLI, 0xFFFF, A(track) };
    r = dasd_run(d3, prog);
    tap_ok(uc(r, 0x80, 0, 2), "Read Track in a read (X'16') domain: command reject, message 2");
    /* Extended operations are not offered. */
    set_lr(0x3F, 1, CYL, HEAD, 0);
    lr[17] = 0x0A;
    lr[19] = 1;
    prog[1] = (struct ccw1){ 0x4B, CC, 20, A(lr) };
    r = dasd_run(d3, prog);
    tap_ok(uc(r, 0x80, 0, 4), "LRE Read Any: command reject, message 4");

    /* ---- the read-only 0192 refuses every write-type command ---- */
    memset(seekarg, 0, 8);
    memset(ha, 0, 8);
    set_count(r0, 0, 0, 0, 8);
    set_count(cnt, 0, 0, 1, 0);
    memset(idarg, 0, 8);
    set_dx(0xC0, 0, 0, 0, 14);
    prog[0] = (struct ccw1){ 0x63, CC, 16, A(dx) };
    prog[1] = (struct ccw1){ 0x07, CC, 6, A(seekarg) };
    prog[2] = (struct ccw1){ 0x19, 0, 5, A(ha) };
    r = dasd_run(d2, prog);
    tap_ok(uc(r, 0x80, 0, 2), "read-only 0192: Write HA refused (command reject)");
    prog[2] = (struct ccw1){ 0x39, CC, 4, A(idarg) };
    prog[3] = (struct ccw1){ 0x08, 0, 0, A(&prog[2]) };
    prog[4] = (struct ccw1){ 0x15, 0, 16, A(r0) };
    r = dasd_run(d2, prog);
    tap_ok(uc(r, 0x80, 0, 2), "read-only 0192: Write R0 refused");
    prog[2] = (struct ccw1){ 0x31, CC, 5, A(cnt) };
    prog[3] = (struct ccw1){ 0x08, 0, 0, A(&prog[2]) };
    prog[4] = (struct ccw1){ 0x11, SLI, 8, A(cnt) };
    r = dasd_run(d2, prog);
    tap_ok(uc(r, 0x80, 0, 2), "read-only 0192: Erase refused");
    prog[4] = (struct ccw1){ 0x1D, 0, 8 + 1024, A(rec[0]) };
    r = dasd_run(d2, prog);
    tap_ok(uc(r, 0x80, 0, 2), "read-only 0192: Write CKD refused");
    prog[4] = (struct ccw1){ 0x05, SLI, 1024, A(data[0]) };
    r = dasd_run(d2, prog);
    tap_ok(uc(r, 0x80, 0, 2), "read-only 0192: Write Data refused");
    static const uint8_t ops[3] = { 0x43, 0x0B, 0x01 };
    static const char *names[3] = { "format write", "write track", "write data" };
    for (int i = 0; i < 3; i++) {
        set_lr(ops[i], 1, 0, 0, ops[i] == 0x43 ? 0 : 1);
        prog[1] = (struct ccw1){ 0x4B, CC, 20, A(lr) };
        prog[2] = (struct ccw1){ 0x03, 0, 1, A(data[0]) };
        r = dasd_run(d2, prog);
        char m[80];
        fmt(m, sizeof m, "read-only 0192: LRE %s refused", names[i]);
        tap_ok(uc(r, 0x80, 0, 2), m);
    }
    disabled_wait(0);
}
