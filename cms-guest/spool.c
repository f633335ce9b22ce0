/* Spool commands: PUNCH and PRINT (unit-record CCWs to the virtual
 * punch 00D and printer 00E, then CP CLOSE).  Reading the reader needs
 * DIAG X'14' (not in this build): READCARD, RECEIVE, RDRLIST, PEEK are
 * not done (docs/cms.md). */
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
        if (punch ? ur_write(sid, 0x01, rec, len, 80) : ur_write(sid, 0x09, rec, len, 132))
            goto ioerr;
    }
    char cmd[40];
    fmt(cmd, sizeof cmd, "CLOSE %03X", devno);
    return cp_cmd(cmd, 1);
ioerr:
    out("DMS%s105S Error writing to %s %03X", p, punch ? "punch" : "printer", devno);
    return 100;
}

int cmd_spool(int argc, char **argv, const char *raw, int *handled)
{
    *handled = 1;
    if (!strcmp(argv[0], "PUNCH") || !strcmp(argv[0], "PUN"))
        return spool_file(argc, argv, 1);
    if (!strcmp(argv[0], "PRINT") || !strcmp(argv[0], "PRT"))
        return spool_file(argc, argv, 0);
    *handled = 0;
    return 0;
}
