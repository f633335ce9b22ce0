/* File system commands, as z/VM CMS spells them (CMS Commands and
 * Utilities Reference): ACCESS, RELEASE, FORMAT, QUERY DISK, LISTFILE,
 * TYPE, COPYFILE, RENAME, ERASE, STATE.  Messages DMSxxxnnnt as CMS
 * numbers them (002E not found, 024E exists, 037E read-only, 048E bad
 * mode, 054E incomplete fileid, 069E not accessed, 070E bad parameter). */
#include "cms-guest/cms.h"
#include "lib/fmt.h"
#include "lib/mem.h"

int parse_mode(const char *s, char *mode)
{
    if (!strcmp(s, "*")) {
        *mode = '*';
        return 0;
    }
    if (!(s[0] >= 'A' && s[0] <= 'Z') || (s[1] && (s[1] < '0' || s[1] > '6' || s[2])))
        return -1;
    *mode = s[0];
    return 0;
}

static int bad_mode(const char *p, const char *s)
{
    out("DMS%s048E Invalid mode %s", p, s);
    return 24;
}
static int not_accessed(const char *p, char m)
{
    out("DMS%s069E Filemode %c not accessed", p, m);
    return 36;
}
static int read_only(const char *p, struct disk *d)
{
    out("DMS%s037E Filemode %c(%03X) is accessed as read/only", p, d->mode, d->vdev);
    return 36;
}
static int fs_error(const char *p, struct disk *d, int err)
{
    if (err == CMSFS_EFULL || err == CMSFS_EDIRFULL) {
        out("DMS%s157S Disk %c(%03X) is full", p, d->mode, d->vdev);
        return 13;
    }
    if (err == CMSFS_ERO)
        return read_only(p, d);
    out("DMS%s105S Error %d (%s) on disk %c(%03X)", p, -err, cmsfs_strerror(err), d->mode, d->vdev);
    return 100;
}

/* fn ft fm: the first match in mode order (fm '*': every disk). */
int file_find(const char *fn, const char *ft, const char *fm, struct disk **dp, int *idx)
{
    char m;
    if (parse_mode(fm, &m))
        return -1;
    for (int k = 0;; k++) {
        struct disk *d = m == '*' ? disk_first(k) : (k ? NULL : disk_by_mode(m));
        if (!d)
            return CMSFS_ENOTFOUND;
        for (int i = 0; i < CMSFS_MAXFILES; i++)
            if (d->fs.dir[i].used && cmsfs_match(fn, d->fs.dir[i].fn) && cmsfs_match(ft, d->fs.dir[i].ft)) {
                *dp = d;
                *idx = i;
                return 0;
            }
    }
}

/* Operands before '(' and the options after it. */
static int options(int argc, char **argv, int *nops, char ***opts)
{
    int i;
    for (i = 1; i < argc && strcmp(argv[i], "("); i++)
        ;
    *nops = i - 1;
    *opts = argv + (i < argc ? i + 1 : argc);
    return argc - (i < argc ? i + 1 : argc);
}

static int valid_name(const char *p, const char *s, int wild)
{
    char tmp[9];
    if (wild && (strchr(s, '*') || strchr(s, '%')))
        return strlen(s) <= 8;
    return cmsfs_name(s, tmp) == 0;
}

/* ---- ACCESS / RELEASE ---------------------------------------------------------- */
static int cmd_access(int n, char **w)
{
    uint32_t vdev = 0x191;
    char mode = 'A';
    if (n > 1 && parse_hex(w[1], &vdev) != 0) {
        out("DMSACC070E Invalid parameter %s", w[1]);
        return 24;
    }
    if (n > 2 && (parse_mode(w[2], &mode) || mode == '*'))
        return bad_mode("ACC", w[2]);
    if (n > 3 && strcmp(w[3], "(")) {
        out("DMSACC070E Invalid parameter %s", w[3]);
        return 24;
    }
    if (vdev > 0xFFFF) {
        out("DMSACC070E Invalid parameter %s", w[1]);
        return 24;
    }
    return disk_access((uint16_t)vdev, mode, 0);
}

static int cmd_release(int n, char **w)
{
    if (n < 2) {
        out("DMSARE017E No device specified");
        return 24;
    }
    struct disk *d = NULL;
    char mode;
    uint32_t vdev;
    if (strlen(w[1]) <= 2 && parse_mode(w[1], &mode) == 0 && mode != '*')
        d = disk_by_mode(mode);
    else if (parse_hex(w[1], &vdev) == 0) {
        for (int k = 0; (d = disk_first(k)) && d->vdev != vdev; k++)
            ;
    } else
        return bad_mode("ARE", w[1]);
    if (!d) {
        out("DMSARE069E Disk %s not accessed", w[1]);
        return 36;
    }
    disk_release(d);
    return 0;
}

/* ---- FORMAT ---------------------------------------------------------------------- */
static int cmd_format(int n, char **w)
{
    uint32_t vdev;
    char mode;
    if (n < 3) {
        out("DMSFOR017E No device specified");
        return 24;
    }
    if (parse_hex(w[1], &vdev) || vdev > 0xFFFF) {
        out("DMSFOR070E Invalid parameter %s", w[1]);
        return 24;
    }
    if (parse_mode(w[2], &mode) || mode == '*')
        return bad_mode("FOR", w[2]);
    for (int i = 3; i < n; i++)
        if (strcmp(w[i], "(") && strcmp(w[i], "BLKSIZE") && strcmp(w[i], "4096") && strcmp(w[i], "4K")) {
            out("DMSFOR003E Invalid option %s", w[i]);
            return 24;
        }
    static struct disk fd;
    uint32_t off;
    int ro;
    memset(&fd, 0, sizeof fd);
    fd.dev.ctx = &fd;
    fd.vdev = (uint16_t)vdev;
    /* a disk accessed now is released first (it is re-accessed after) */
    struct disk *cur = NULL;
    for (int k = 0; (cur = disk_first(k)) && cur->vdev != vdev; k++)
        ;
    int rc = disk_open_raw((uint16_t)vdev, &fd.dev, &off, &ro);
    if (rc == -16 || rc == -20) {
        out("DMSFOR113S %c(%03X) not attached", mode, vdev);
        return 100;
    }
    if (rc) {
        out("DMSFOR112S %c(%03X) device error", mode, vdev);
        return 100;
    }
    if (ro) {
        out("DMSFOR037E Disk %c(%03X) is read/only", mode, vdev);
        disk_close_raw((uint16_t)vdev);
        if (cur)
            disk_access(cur->vdev, cur->mode, 1);
        return 36;
    }
    char reply[LINE];
    out("DMSFOR603R FORMAT will erase all files on disk %c(%03X). Do you wish to continue?", mode, vdev);
    out("Enter 1 (YES) or 0 (NO).");
    con_read(reply, sizeof reply);
    upper(reply);
    if (strcmp(reply, "1") && strcmp(reply, "YES")) {
        disk_close_raw((uint16_t)vdev);
        if (cur)
            disk_access(cur->vdev, cur->mode, 1);
        return 100;
    }
    out("DMSFOR605R Enter disk label:");
    con_read(reply, sizeof reply);
    upper(reply);
    char label[7];
    int k = 0;
    for (const char *p = reply; *p && *p != ' ' && k < 6; p++)
        label[k++] = *p;
    label[k] = 0;
    if (!k)
        fmt(label, sizeof label, "CMS%03X", vdev & 0xFFF);
    out("DMSFOR733I Formatting disk %c", mode);
    rc = cmsfs_format(&fd.dev, label, sys_date());
    disk_close_raw((uint16_t)vdev);
    if (cur)
        disk_release(cur);
    if (rc) {
        out("DMSFOR105S Error %d (%s) formatting %c(%03X)", -rc, cmsfs_strerror(rc), mode, vdev);
        return 100;
    }
    out("DMSFOR732I %u cylinders formatted on %c(%03X)", (fd.dev.nblocks + off) / 180 - off / 180, mode, vdev);
    return disk_access((uint16_t)vdev, mode, 1);
}

/* ---- QUERY DISK -------------------------------------------------------------------- */
static void qdisk_line(struct disk *d)
{
    uint32_t total = d->fs.nblocks, used = d->fs.used;
    out("%-6s %03X  %c  %-4s %5u 3390 4096  %6u %10u-%02u %10u %10u", d->fs.label[0] ? d->fs.label : "-",
        d->vdev, d->mode, d->readonly ? "R/O" : "R/W", d->cyls, d->fs.nfiles, used,
        total ? used * 100 / total : 0, total - used, total);
}

static int cmd_query(int n, char **w, const char *raw, int *handled)
{
    if (n < 2 || strcmp(w[1], "DISK")) {
        *handled = 0;
        return 0;
    }
    char m = '*';
    if (n > 2 && (parse_mode(w[2], &m)))
        return bad_mode("QRY", w[2]);
    if (m != '*' && !disk_by_mode(m))
        return not_accessed("QRY", m);
    out("LABEL  VDEV M  STAT   CYL TYPE BLKSZ   FILES  BLKS USED-(%%) BLKS LEFT  BLK TOTAL");
    for (int k = 0;; k++) {
        struct disk *d = m == '*' ? disk_first(k) : (k ? NULL : disk_by_mode(m));
        if (!d)
            break;
        qdisk_line(d);
    }
    return 0;
}

/* ---- LISTFILE / STATE ------------------------------------------------------------- */
static int cmd_listfile(int argc, char **argv)
{
    int nops;
    char **opts;
    int nopt = options(argc, argv, &nops, &opts);
    const char *fn = nops > 0 ? argv[1] : "*", *ft = nops > 1 ? argv[2] : "*", *fm = nops > 2 ? argv[3] : "A";
    int label = 0, fmtopt = 0;
    if (nops > 3) {
        out("DMSLST070E Invalid parameter %s", argv[4]);
        return 24;
    }
    for (int i = 0; i < nopt; i++) {
        if (!strcmp(opts[i], "LABEL") || !strcmp(opts[i], "L") || !strcmp(opts[i], "DATE") || !strcmp(opts[i], "D"))
            label = 1;
        else if (!strcmp(opts[i], "FORMAT") || !strcmp(opts[i], "F"))
            fmtopt = 1;
        else {
            out("DMSLST003E Invalid option %s", opts[i]);
            return 24;
        }
    }
    if (!valid_name("LST", fn, 1) || !valid_name("LST", ft, 1)) {
        out("DMSLST062E Invalid character in fileid %s %s", fn, ft);
        return 20;
    }
    char m;
    if (parse_mode(fm, &m))
        return bad_mode("LST", fm);
    if (m != '*' && !disk_by_mode(m))
        return not_accessed("LST", m);
    int found = 0;
    for (int k = 0;; k++) {
        struct disk *d = m == '*' ? disk_first(k) : (k ? NULL : disk_by_mode(m));
        if (!d)
            break;
        for (int i = 0; i < CMSFS_MAXFILES; i++) {
            struct cmsfs_file *f = &d->fs.dir[i];
            if (!f->used || !cmsfs_match(fn, f->fn) || !cmsfs_match(ft, f->ft))
                continue;
            if (!found++ && (label || fmtopt))
                out(label ? "FILENAME FILETYPE FM FORMAT LRECL       RECS     BLOCKS   DATE     TIME"
                          : "FILENAME FILETYPE FM FORMAT LRECL       RECS     BLOCKS");
            if (label)
                out("%-8s %-8s %c1 %c %10u %10u %10u %02u/%02u/%02u %02u:%02u:%02u", f->fn, f->ft, d->mode,
                    f->recfm, f->lrecl, f->nrecs, f->nblocks + (f->ptr ? 1 : 0), f->date / 100 % 100,
                    f->date % 100, f->date / 10000 % 100, f->time / 10000, f->time / 100 % 100, f->time % 100);
            else if (fmtopt)
                out("%-8s %-8s %c1 %c %10u %10u %10u", f->fn, f->ft, d->mode, f->recfm, f->lrecl,
                    f->nrecs, f->nblocks + (f->ptr ? 1 : 0));
            else
                out("%-8s %-8s %c1", f->fn, f->ft, d->mode);
        }
    }
    if (!found) {
        out("DMSLST002E File not found");
        return 28;
    }
    return 0;
}

static int fileid(const char *p, int nops, char **w, const char **fn, const char **ft, const char **fm,
                  const char *defmode)
{
    if (nops < 2) {
        out("DMS%s054E Incomplete fileid specified", p);
        return 24;
    }
    *fn = w[0];
    *ft = w[1];
    *fm = nops > 2 ? w[2] : defmode;
    char m;
    if (parse_mode(*fm, &m))
        return bad_mode(p, *fm);
    if (m != '*' && !disk_by_mode(m))
        return not_accessed(p, m);
    return 0;
}

static int cmd_state(int argc, char **argv)
{
    int nops;
    char **opts;
    options(argc, argv, &nops, &opts);
    const char *fn, *ft, *fm;
    int rc = fileid("STT", nops, argv + 1, &fn, &ft, &fm, "*");
    if (rc)
        return rc;
    if (!valid_name("STT", fn, 1) || !valid_name("STT", ft, 1)) {
        out("DMSSTT062E Invalid character in fileid %s %s", fn, ft);
        return 20;
    }
    struct disk *d;
    int idx;
    if (file_find(fn, ft, fm, &d, &idx)) {
        out("DMSSTT002E File %s %s %s not found", fn, ft, fm);
        return 28;
    }
    return 0;
}

/* ---- TYPE ---------------------------------------------------------------------------- */
static struct cmsfs_reader rdr;
static char rec[65536 + 1];

static int cmd_type(int argc, char **argv)
{
    int nops;
    char **opts;
    options(argc, argv, &nops, &opts);
    const char *fn, *ft, *fm;
    int rc = fileid("TYP", nops, argv + 1, &fn, &ft, &fm, "*");
    if (rc)
        return rc;
    uint32_t first = 1, last = 0xFFFFFFFF;
    if ((nops > 3 && parse_dec(argv[4], &first)) || (nops > 4 && strcmp(argv[5], "*") && parse_dec(argv[5], &last)) ||
        nops > 5 || first == 0) {
        out("DMSTYP070E Invalid parameter %s", argv[nops > 4 ? 5 : 4]);
        return 24;
    }
    if (!valid_name("TYP", fn, 0) || !valid_name("TYP", ft, 0)) {
        out("DMSTYP062E Invalid character in fileid %s %s", fn, ft);
        return 20;
    }
    struct disk *d;
    int idx;
    if (file_find(fn, ft, fm, &d, &idx)) {
        out("DMSTYP002E File %s %s %s not found", fn, ft, fm);
        return 28;
    }
    cmsfs_open(&d->fs, idx, &rdr);
    for (uint32_t r = 1;; r++) {
        int len = cmsfs_get(&rdr, rec, sizeof rec - 1);
        if (len == CMSFS_EOF || r > last)
            break;
        if (len < 0)
            return fs_error("TYP", d, len);
        if (r < first)
            continue;
        if (len > (int)sizeof rec - 1)
            len = sizeof rec - 1;
        while (len > 0 && rec[len - 1] == ' ')
            len--;
        rec[len] = 0;
        for (int i = 0; i < len; i++)
            if ((unsigned char)rec[i] < 0x20)
                rec[i] = '.';
        out_line(rec);
    }
    return 0;
}

/* ---- COPYFILE -------------------------------------------------------------------------- */
static struct cmsfs_writer wtr;

static const char *eq(const char *s, const char *src) { return strcmp(s, "=") ? s : src; }

static int cmd_copyfile(int argc, char **argv)
{
    int nops;
    char **opts;
    int nopt = options(argc, argv, &nops, &opts);
    int replace = 0;
    char recfm = 0;
    uint32_t lrecl = 0;
    for (int i = 0; i < nopt; i++) {
        if (!strcmp(opts[i], "REPLACE") || !strcmp(opts[i], "REP"))
            replace = 1;
        else if (!strcmp(opts[i], "RECFM") && i + 1 < nopt && (!strcmp(opts[i + 1], "F") || !strcmp(opts[i + 1], "V")))
            recfm = opts[++i][0];
        else if (!strcmp(opts[i], "LRECL") && i + 1 < nopt && !parse_dec(opts[i + 1], &lrecl) && lrecl >= 1 &&
                 lrecl <= CMSFS_MAXLRECL)
            i++;
        else {
            out("DMSCPY003E Invalid option %s", opts[i]);
            return 24;
        }
    }
    if (nops < 4) {
        out("DMSCPY054E Incomplete fileid specified");
        return 24;
    }
    const char *fn1 = argv[1], *ft1 = argv[2], *fm1 = argv[3];
    if (nops < 6 && nops != 4) {
        out("DMSCPY054E Incomplete fileid specified");
        return 24;
    }
    if (nops > 6) {
        out("DMSCPY070E Invalid parameter %s", argv[7]);
        return 24;
    }
    /* COPYFILE fn ft fm fn2 ft2 fm2, or fn ft fm fm2 (the same name) */
    const char *fn2 = nops == 4 ? "=" : argv[4], *ft2 = nops == 4 ? "=" : argv[5], *fm2 = nops == 4 ? argv[4] : argv[6];
    char m1, m2;
    if (parse_mode(fm1, &m1))
        return bad_mode("CPY", fm1);
    if (!strcmp(fm2, "="))
        fm2 = fm1;
    if (parse_mode(fm2, &m2) || m2 == '*')
        return bad_mode("CPY", fm2);
    if (m1 != '*' && !disk_by_mode(m1))
        return not_accessed("CPY", m1);
    struct disk *d2 = disk_by_mode(m2);
    if (!d2)
        return not_accessed("CPY", m2);
    if (!valid_name("CPY", fn1, 0) || !valid_name("CPY", ft1, 0) || !valid_name("CPY", eq(fn2, fn1), 0) ||
        !valid_name("CPY", eq(ft2, ft1), 0)) {
        out("DMSCPY062E Invalid character in fileid");
        return 20;
    }
    struct disk *d1;
    int idx;
    if (file_find(fn1, ft1, fm1, &d1, &idx)) {
        out("DMSCPY002E File %s %s %s not found", fn1, ft1, fm1);
        return 28;
    }
    fn2 = eq(fn2, fn1);
    ft2 = eq(ft2, ft1);
    if (d2->readonly)
        return read_only("CPY", d2);
    int exists = cmsfs_lookup(&d2->fs, fn2, ft2);
    if (exists >= 0 && d1 == d2 && exists == idx && !recfm && !lrecl) {
        out("DMSCPY029E Input and output fileids are the same");
        return 24;
    }
    if (exists >= 0 && !replace) {
        out("DMSCPY024E File %s %s %c1 already exists; specify REPLACE option", fn2, ft2, m2);
        return 28;
    }
    struct cmsfs_file *src = &d1->fs.dir[idx];
    char ofm = recfm ? recfm : src->recfm;
    uint32_t olrecl = lrecl ? lrecl : src->lrecl;
    int rc = cmsfs_create(&d2->fs, &wtr, fn2, ft2, ofm, olrecl);
    if (rc)
        return fs_error("CPY", d2, rc);
    cmsfs_open(&d1->fs, idx, &rdr);
    for (;;) {
        int len = cmsfs_get(&rdr, rec, sizeof rec - 1);
        if (len == CMSFS_EOF)
            break;
        if (len < 0) {
            cmsfs_abort(&wtr);
            return fs_error("CPY", d1, len);
        }
        if (ofm == 'V' && src->recfm == 'F')
            while (len > 1 && rec[len - 1] == ' ')
                len--;                          /* F to V: trailing blanks go */
        if (ofm == 'F' && (uint32_t)len > olrecl)
            len = (int)olrecl;                  /* truncated to the LRECL */
        if (ofm == 'V' && lrecl && (uint32_t)len > lrecl)
            len = (int)lrecl;
        rc = cmsfs_put(&wtr, rec, (uint32_t)len);
        if (rc) {
            cmsfs_abort(&wtr);
            return fs_error("CPY", d2, rc);
        }
    }
    rc = cmsfs_commit(&wtr, sys_date(), sys_time());
    return rc ? fs_error("CPY", d2, rc) : 0;
}

/* ---- RENAME / ERASE ------------------------------------------------------------------- */
static int cmd_rename(int argc, char **argv)
{
    int nops;
    char **opts;
    options(argc, argv, &nops, &opts);
    if (nops < 6) {
        out("DMSRNM054E Incomplete fileid specified");
        return 24;
    }
    const char *fn1 = argv[1], *ft1 = argv[2], *fm1 = argv[3];
    const char *fn2 = eq(argv[4], fn1), *ft2 = eq(argv[5], ft1), *fm2 = eq(argv[6], fm1);
    char m1, m2;
    if (parse_mode(fm1, &m1) || m1 == '*')
        return bad_mode("RNM", fm1);
    if (parse_mode(fm2, &m2) || m2 != m1) {
        out("DMSRNM048E Invalid mode %s", fm2);
        return 24;
    }
    struct disk *d = disk_by_mode(m1);
    if (!d)
        return not_accessed("RNM", m1);
    if (!valid_name("RNM", fn1, 0) || !valid_name("RNM", ft1, 0) || !valid_name("RNM", fn2, 0) ||
        !valid_name("RNM", ft2, 0)) {
        out("DMSRNM062E Invalid character in fileid");
        return 20;
    }
    int idx = cmsfs_lookup(&d->fs, fn1, ft1);
    if (idx < 0) {
        out("DMSRNM002E File %s %s %s not found", fn1, ft1, fm1);
        return 28;
    }
    if (d->readonly)
        return read_only("RNM", d);
    int rc = cmsfs_rename(&d->fs, idx, fn2, ft2);
    if (rc == CMSFS_EEXIST) {
        out("DMSRNM024E File %s %s %c1 already exists", fn2, ft2, m1);
        return 28;
    }
    return rc ? fs_error("RNM", d, rc) : 0;
}

static int cmd_erase(int argc, char **argv)
{
    int nops;
    char **opts;
    options(argc, argv, &nops, &opts);
    const char *fn, *ft, *fm;
    int rc = fileid("ERS", nops, argv + 1, &fn, &ft, &fm, "A");
    if (rc)
        return rc;
    char m = fm[0];
    if (m == '*') {
        out("DMSERS048E Invalid mode *");
        return 24;
    }
    if (!valid_name("ERS", fn, 1) || !valid_name("ERS", ft, 1)) {
        out("DMSERS062E Invalid character in fileid %s %s", fn, ft);
        return 20;
    }
    struct disk *d = disk_by_mode(m);
    int n = 0;
    for (int i = 0; i < CMSFS_MAXFILES; i++) {
        struct cmsfs_file *f = &d->fs.dir[i];
        if (!f->used || !cmsfs_match(fn, f->fn) || !cmsfs_match(ft, f->ft))
            continue;
        if (d->readonly)
            return read_only("ERS", d);
        rc = cmsfs_erase(&d->fs, i);
        if (rc)
            return fs_error("ERS", d, rc);
        n++;
    }
    if (!n) {
        out("DMSERS002E File %s %s %s not found", fn, ft, fm);
        return 28;
    }
    return 0;
}

int cmd_fs(int argc, char **argv, const char *raw, int *handled)
{
    const char *v = argv[0];
    *handled = 1;
    if (!strcmp(v, "ACCESS") || !strcmp(v, "ACC"))
        return cmd_access(argc, argv);
    if (!strcmp(v, "RELEASE") || !strcmp(v, "REL"))
        return cmd_release(argc, argv);
    if (!strcmp(v, "FORMAT"))
        return cmd_format(argc, argv);
    if (!strcmp(v, "QUERY") || !strcmp(v, "Q"))
        return cmd_query(argc, argv, raw, handled);
    if (!strcmp(v, "LISTFILE") || !strcmp(v, "LISTF") || !strcmp(v, "L"))
        return cmd_listfile(argc, argv);
    if (!strcmp(v, "STATE"))
        return cmd_state(argc, argv);
    if (!strcmp(v, "TYPE") || !strcmp(v, "T"))
        return cmd_type(argc, argv);
    if (!strcmp(v, "COPYFILE") || !strcmp(v, "COPY"))
        return cmd_copyfile(argc, argv);
    if (!strcmp(v, "RENAME"))
        return cmd_rename(argc, argv);
    if (!strcmp(v, "ERASE") || !strcmp(v, "ER"))
        return cmd_erase(argc, argv);
    *handled = 0;
    return 0;
}
