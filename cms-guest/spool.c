/* Spool commands: PUNCH, PRINT (unit-record CCWs to the virtual punch
 * 00D and printer 00E, then CP CLOSE), SENDFILE (PUNCH to another user),
 * and reading the reader 00C with DIAG X'14' (docs/diagnose.md): RDRLIST,
 * PEEK, RECEIVE, READCARD. */
#include "diagnose/zcpdiag.h"
#include "cms-guest/cms.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static struct { uint8_t cmd, flags; uint16_t count; uint32_t addr; } ccw __attribute__((aligned(8)));
static uint8_t card[160] __attribute__((aligned(8)));
static struct cmsfs_reader r;
static char rec[65537];

/* One record to a unit-record device; 0 or -1. */
static int ur_write(uint32_t sid, uint8_t cmd, const char *s, int len, int width)
{
    if (len > width)
        len = width;
    memset(card, 0x40, (size_t)width);
    ebcdic_from_ascii(card, s, (size_t)len);
    ccw.cmd = cmd;
    ccw.flags = 0x20;
    ccw.count = (uint16_t)(cmd == 0x01 ? 80 : (len ? len : 1));
    ccw.addr = (uint32_t)(uintptr_t)card;
    uint8_t ds;
    int resid = sys_run(sid, &ccw, &ds);
    return resid < 0 || (ds & 0x02) ? -1 : 0;
}

static int show_close = 1;

static int spool_file(int argc, char **argv, int punch)
{
    const char *p = punch ? "PUN" : "PRT";
    int header = punch;
    int nops = 0;
    while (nops + 1 < argc && strcmp(argv[nops + 1], "("))
        nops++;
    for (int i = nops + 2; i < argc; i++) {
        if (punch && (!strcmp(argv[i], "NOHEADER") || !strcmp(argv[i], "NOH")))
            header = 0;
        else if (punch && !strcmp(argv[i], "HEADER"))
            header = 1;
        else {
            out("DMS%s003E Invalid option %s", p, argv[i]);
            return 24;
        }
    }
    if (nops < 2) {
        out("DMS%s054E Incomplete fileid specified", p);
        return 24;
    }
    if (nops > 3) {
        out("DMS%s070E Invalid parameter %s", p, argv[4]);
        return 24;
    }
    const char *fm = nops > 2 ? argv[3] : "*";
    struct disk *d;
    int idx;
    char m;
    if (parse_mode(fm, &m)) {
        out("DMS%s048E Invalid mode %s", p, fm);
        return 24;
    }
    if (file_find(argv[1], argv[2], fm, &d, &idx)) {
        out("DMS%s002E File %s %s %s not found", p, argv[1], argv[2], fm);
        return 28;
    }
    uint16_t devno = punch ? 0x00D : 0x00E;
    uint32_t sid = sys_enable(devno);
    if (!sid) {
        out("DMS%s043E %s %03X not attached", p, punch ? "Punch" : "Printer", devno);
        return 100;
    }
    struct cmsfs_file *f = &d->fs.dir[idx];
    if (header) {
        /* CMS's header card: :READ  fn ft fm, read back by READCARD */
        char h[81];
        fmt(h, sizeof h, ":READ  %-8s %-8s %c1", f->fn, f->ft, d->mode);
        if (ur_write(sid, 0x01, h, (int)strlen(h), 80))
            goto ioerr;
    }
    cmsfs_open(&d->fs, idx, &r);
    for (;;) {
        int len = cmsfs_get(&r, rec, sizeof rec - 1);
        if (len == CMSFS_EOF)
            break;
        if (len < 0)
            goto ioerr;
        if (len > 132)
            len = 132;
        if (!punch)
            batch_output();             /* the batch job's output limit */
        if (punch ? ur_write(sid, 0x01, rec, len, 80) : ur_write(sid, 0x09, rec, len, 132))
            goto ioerr;
    }
    char cmd[60];
    fmt(cmd, sizeof cmd, "CLOSE %03X NAME %s %s", devno, f->fn, f->ft);
    return cp_cmd(cmd, show_close);
ioerr:
    out("DMS%s105S Error writing to %s %03X", p, punch ? "punch" : "printer", devno);
    return 100;
}

/* ---- the reader: DIAG X'14' ---------------------------------------------- */
static uint8_t sbuf[4096] __attribute__((aligned(4096)));
static uint8_t desc[256] __attribute__((aligned(8)));

static uint32_t g32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
static uint16_t g16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static void text(char *dst, const uint8_t *src, int n)
{
    ebcdic_to_ascii_buf(dst, src, (size_t)n);
    dst[n] = 0;
    while (n > 0 && (dst[n - 1] == ' ' || dst[n - 1] == 0))
        dst[--n] = 0;
}

/* The descriptor of the reader file after `after` (0: the first): 0, or
 * 1 when there is none. */
static int rdr_next(uint32_t after)
{
    uint32_t reason;
    int cc = zcp_diag14((uint64_t)(uintptr_t)desc, after, ZCP_D14_DESCR, &reason);
    return cc == 0 ? 0 : 1;
}

static int rdr_find(uint32_t spoolid)
{
    for (uint32_t id = 0; rdr_next(id) == 0;) {
        id = g16(desc + 30);
        if (id == spoolid)
            return 0;
    }
    return -1;
}

static int cmd_rdrlist(void)
{
    int n = 0;
    for (uint32_t id = 0; rdr_next(id) == 0; n++) {
        char origin[9], fn[13], ft[13], date[9], time[9];
        id = g16(desc + 30);
        text(origin, desc + 16, 8);
        text(fn, desc + 40, 12);
        text(ft, desc + 52, 12);
        text(date, desc + 64, 8);
        text(time, desc + 72, 8);
        char cl[2];
        text(cl, desc + 86, 1);
        if (!n)
            out("ORIGINID SPOOLID FILENAME FILETYPE CL RECORDS  DATE     TIME     HOLD");
        out("%-8s %04u    %-8s %-8s %-2s %7u  %-8s %-8s %s", origin, id, fn[0] ? fn : "-", ft[0] ? ft : "-",
            cl, g32(desc + 24), date, time, desc[32] & 0x24 ? "HOLD" : "NONE");
    }
    if (!n) {
        out("DMSRDL738I No files in your reader");
        return 28;
    }
    return 0;
}

/* Read the active/selected file record by record: fn(rec, len) for each;
 * returns 0, or -1 on an error (the reason shown). */
typedef int (*rec_fn)(const char *rec, int len, void *arg);
static int rdr_read(rec_fn fn, void *arg, int max)
{
    static char rec[256];
    int n = 0;
    for (;;) {
        uint32_t reason;
        int cc = zcp_diag14((uint64_t)(uintptr_t)sbuf, 0x00C, ZCP_D14_READ, &reason);
        if (cc == 1)
            return 0;
        if (cc == 2) {
            out("DMSRDC738E No reader file to read");
            return -1;
        }
        if (cc == 3) {
            out("DMSRDC105S Reader 00C error, reason %u", reason);
            return -1;
        }
        uint32_t nrec = g32(sbuf + 12), p = 16;
        for (uint32_t i = 0; i < nrec && p + 12 <= 4064; i++) {
            uint16_t el = g16(sbuf + p + 10);
            if (el < 12 || p + el > 4064)
                break;
            int len = el - 12;
            if (len > 255)
                len = 255;
            if (!(sbuf[p + 4] & 0x10) || len) {             /* not a carriage-control-only record */
                text(rec, sbuf + p + 12, len);
                if (n++ < max && fn(rec, (int)strlen(rec), arg))
                    return -1;
            }
            p += el;
        }
    }
}

static int peek_line(const char *rec, int len, void *arg)
{
    out_line(len ? rec : " ");
    return 0;
}

static int cmd_peek(int argc, char **argv)
{
    uint32_t id = 0;
    if (argc > 1 && strcmp(argv[1], "(") && parse_dec(argv[1], &id)) {
        out("DMSPEK070E Invalid parameter %s", argv[1]);
        return 24;
    }
    if (id ? rdr_find(id) : rdr_next(0)) {
        if (id)
            out("DMSPEK649E File %u not found in your reader", id);
        else
            out("DMSPEK738I No files in your reader");
        return 28;
    }
    id = g16(desc + 30);
    uint32_t reason;
    zcp_diag14(id, 0x00C, ZCP_D14_SELECT, &reason);
    int rc = rdr_read(peek_line, NULL, 200);
    cp_cmd("CLOSE 00C NOHOLD KEEP", 0);                    /* PEEK leaves the file in the reader */
    return rc ? 100 : 0;
}

struct recv { struct cmsfs_writer *w; int first; char hfn[9], hft[9]; int err; };

static int recv_line(const char *rec, int len, void *arg)
{
    struct recv *r = arg;
    int rc = cmsfs_put(r->w, len ? rec : " ", len ? (uint32_t)len : 1);
    if (rc)
        r->err = rc;
    return rc ? -1 : 0;
}

/* The name a reader file asks for: its :READ card (PUNCH's header), else
 * the spool file name. */
static int header_name(char *fn, char *ft)
{
    char first[141];
    text(first, desc + 112, 140 < 80 ? 140 : 80);
    if (!strncmp(first, ":READ ", 6)) {
        char *w[4];
        int n = split(first + 6, w, 4);
        if (n >= 2 && !cmsfs_name(w[0], fn) && !cmsfs_name(w[1], ft))
            return 1;
    }
    char a[13], b[13];
    text(a, desc + 40, 12);
    text(b, desc + 52, 12);
    if (!cmsfs_name(a, fn) && !cmsfs_name(b, ft))
        return 0;
    memcpy(fn, "UNNAMED", 8);
    memcpy(ft, "FILE", 5);
    return 0;
}

static int skip_first;
static int recv_skip(const char *rec, int len, void *arg)
{
    if (skip_first) {
        skip_first = 0;
        return 0;
    }
    return recv_line(rec, len, arg);
}

/* RECEIVE spoolid [fn ft [fm]] [(REPLACE]; READCARD fn ft [fm] (the next
 * file; * * takes the name from its :READ card). */
static int receive(int argc, char **argv, int readcard)
{
    const char *p = readcard ? "RDC" : "RCV";
    int nops = 0, replace = 0;
    while (nops + 1 < argc && strcmp(argv[nops + 1], "("))
        nops++;
    for (int i = nops + 2; i < argc; i++) {
        if (!strcmp(argv[i], "REPLACE") || !strcmp(argv[i], "REP"))
            replace = 1;
        else {
            out("DMS%s003E Invalid option %s", p, argv[i]);
            return 24;
        }
    }
    char **ops = argv + 1;
    uint32_t id = 0;
    if (!readcard) {
        if (nops < 1) {
            out("DMSRCV054E Incomplete command: spoolid missing");
            return 24;
        }
        if (parse_dec(ops[0], &id)) {
            out("DMSRCV070E Invalid parameter %s", ops[0]);
            return 24;
        }
        ops++;
        nops--;
    } else if (nops < 2) {
        out("DMSRDC054E Incomplete fileid specified");
        return 24;
    }
    if (nops == 1 || nops > 3) {
        out("DMS%s054E Incomplete fileid specified", p);
        return 24;
    }
    const char *fm = nops == 3 ? ops[2] : "A";
    char m;
    if (parse_mode(fm, &m) || m == '*') {
        out("DMS%s048E Invalid mode %s", p, fm);
        return 24;
    }
    struct disk *d = disk_by_mode(m);
    if (!d) {
        out("DMS%s069E Filemode %c not accessed", p, m);
        return 36;
    }
    if (d->readonly) {
        out("DMS%s037E Filemode %c(%03X) is accessed as read/only", p, d->mode, d->vdev);
        return 36;
    }
    if (id ? rdr_find(id) : rdr_next(0)) {
        if (id)
            out("DMS%s649E File %u not found in your reader", p, id);
        else
            out("DMS%s738I No files in your reader", p);
        return 28;
    }
    id = g16(desc + 30);
    char fn[9], ft[9], hfn[9], hft[9];
    int has_header = header_name(hfn, hft);
    if (nops >= 2 && strcmp(ops[0], "*") && strcmp(ops[0], "=")) {
        if (cmsfs_name(ops[0], fn)) {
            out("DMS%s062E Invalid character in fileid %s", p, ops[0]);
            return 20;
        }
    } else
        memcpy(fn, hfn, 9);
    if (nops >= 2 && strcmp(ops[1], "*") && strcmp(ops[1], "=")) {
        if (cmsfs_name(ops[1], ft)) {
            out("DMS%s062E Invalid character in fileid %s", p, ops[1]);
            return 20;
        }
    } else
        memcpy(ft, hft, 9);
    if (cmsfs_lookup(&d->fs, fn, ft) >= 0 && !replace) {
        out("DMS%s024E File %s %s %c1 already exists; specify REPLACE option", p, fn, ft, m);
        return 28;
    }
    static struct cmsfs_writer w;
    int rc = cmsfs_create(&d->fs, &w, fn, ft, 'V', 0);
    if (rc) {
        out("DMS%s105S Error %d (%s)", p, -rc, cmsfs_strerror(rc));
        return 100;
    }
    struct recv r = { &w, 1, "", "", 0 };
    uint32_t reason;
    zcp_diag14(id, 0x00C, ZCP_D14_SELECT, &reason);
    skip_first = has_header;
    char origin[9];
    text(origin, desc + 16, 8);
    if (rdr_read(recv_skip, &r, 0x7FFFFFFF)) {
        cmsfs_abort(&w);
        cp_cmd("CLOSE 00C NOHOLD KEEP", 0);
        if (r.err)
            out("DMS%s105S Error %d (%s) on disk %c", p, -r.err, cmsfs_strerror(r.err), m);
        return 100;
    }
    rc = cmsfs_commit(&w, sys_date(), sys_time());
    if (rc) {
        cp_cmd("CLOSE 00C NOHOLD KEEP", 0);
        out("DMS%s105S Error %d (%s) on disk %c", p, -rc, cmsfs_strerror(rc), m);
        return 100;
    }
    cp_cmd("CLOSE 00C NOHOLD NOKEEP", 0);                  /* received: the file goes */
    out("File %s %s %c1 received from %s", fn, ft, m, origin);
    return 0;
}

/* SENDFILE fn ft [fm] [TO] userid: PUNCH (with its :READ card) to them. */
static int cmd_sendfile(int argc, char **argv)
{
    char *w[8];
    int n = 0;
    for (int i = 1; i < argc && n < 8; i++)
        if (strcmp(argv[i], "TO"))
            w[n++] = argv[i];
    if (n < 3) {
        out("DMSSND054E Incomplete command: SENDFILE fn ft [fm] [TO] userid");
        return 24;
    }
    const char *user = w[n - 1];
    char cmd[60];
    fmt(cmd, sizeof cmd, "SPOOL PUNCH TO %s", user);
    int rc = cp_cmd(cmd, 0);
    if (rc) {
        out("DMSSND045E %s not in CP directory", user);
        return 12;
    }
    char *pargv[5] = { "PUNCH", w[0], w[1], n > 3 ? w[2] : "*", NULL };
    show_close = 0;
    rc = spool_file(4, pargv, 1);
    show_close = 1;
    cp_cmd("SPOOL PUNCH TO *", 0);
    if (rc)
        return rc;
    char date[9], time[9];
    sys_clock(date, time, 0, 0);
    out("File %s %s sent to %s on %s %s", w[0], w[1], user, date, time);
    return 0;
}

int cmd_spool(int argc, char **argv, const char *raw, int *handled)
{
    *handled = 1;
    if (!strcmp(argv[0], "RDRLIST") || !strcmp(argv[0], "RDRL"))
        return cmd_rdrlist();
    if (!strcmp(argv[0], "PEEK"))
        return cmd_peek(argc, argv);
    if (!strcmp(argv[0], "RECEIVE"))
        return receive(argc, argv, 0);
    if (!strcmp(argv[0], "READCARD"))
        return receive(argc, argv, 1);
    if (!strcmp(argv[0], "SENDFILE") || !strcmp(argv[0], "SENDF"))
        return cmd_sendfile(argc, argv);
    if (!strcmp(argv[0], "PUNCH") || !strcmp(argv[0], "PUN"))
        return spool_file(argc, argv, 1);
    if (!strcmp(argv[0], "PRINT") || !strcmp(argv[0], "PRT"))
        return spool_file(argc, argv, 0);
    *handled = 0;
    return 0;
}

/* ---- for the batch machine (batch.c) ---------------------------------------- */
/* The reader file after spoolid `after` (0: the first): 0 and its spoolid,
 * origin and hold, or -1 when there is none. */
int rdr_descr(uint32_t after, uint32_t *id, char origin[9], int *held)
{
    if (rdr_next(after))
        return -1;
    *id = g16(desc + 30);
    text(origin, desc + 16, 8);
    *held = (desc[32] & 0x24) != 0;
    return 0;
}

/* Every record of reader file id, through fn; the file stays active (the
 * caller CLOSEs 00C).  0, or -1 (a message shown). */
int rdr_read_file(uint32_t id, rdr_rec_fn fn, void *arg)
{
    uint32_t reason;
    if (zcp_diag14(id, 0x00C, ZCP_D14_SELECT, &reason) != 0)
        return -1;
    return rdr_read(fn, arg, 0x7FFFFFFF);
}
