/* EDIT: a line editor in the manner of CMS's line-mode EDIT/XEDIT
 * (subcommands INPUT, TOP, BOTTOM, NEXT, UP, TYPE, LOCATE, CHANGE,
 * DELETE, REPLACE, FILE, SAVE, QUIT, QQUIT; docs/cms.md). */
#include "cms-guest/cms.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define MAXLINES 2000
#define LW 256
static char text[MAXLINES][LW];
static int nlines, cur, changed;
static char fn[9], ft[9], fmode;
static char recfm;
static uint32_t lrecl;

static void show(int i)
{
    if (i <= 0)
        out("TOF:");
    else if (i > nlines)
        out("EOF:");
    else
        out_line(text[i - 1][0] ? text[i - 1] : " ");
}

static int insert_after(int at, const char *s)
{
    if (nlines >= MAXLINES) {
        out("DMSXIN519E File is full; line not inserted");
        return -1;
    }
    memmove(text[at + 1], text[at], (size_t)(nlines - at) * LW);
    size_t n = strlen(s);
    if (recfm == 'F' && n > lrecl)
        n = lrecl;
    if (n >= LW)
        n = LW - 1;
    memcpy(text[at], s, n);
    text[at][n] = 0;
    nlines++;
    changed = 1;
    return 0;
}

static int count_arg(const char *s, int def)
{
    uint32_t n;
    if (!s || !*s)
        return def;
    if (!strcmp(s, "*"))
        return MAXLINES + 1;
    if (parse_dec(s, &n))
        return -1;
    return (int)n;
}

static int save(const char *sfn, const char *sft, char sfm)
{
    struct disk *d = disk_by_mode(sfm);
    static struct cmsfs_writer w;
    if (!d) {
        out("DMSXSV069E Filemode %c not accessed", sfm);
        return 36;
    }
    if (d->readonly) {
        out("DMSXSV037E Filemode %c(%03X) is accessed as read/only", d->mode, d->vdev);
        return 36;
    }
    int rc = cmsfs_create(&d->fs, &w, sfn, sft, recfm, lrecl);
    for (int i = 0; i < nlines && !rc; i++) {
        uint32_t n = (uint32_t)strlen(text[i]);
        /* an empty line is kept as one blank (CMS has no empty records) */
        rc = n ? cmsfs_put(&w, text[i], n) : cmsfs_put(&w, " ", recfm == 'V' ? 1 : 0);
    }
    if (rc) {
        cmsfs_abort(&w);
    } else
        rc = cmsfs_commit(&w, sys_date(), sys_time());
    if (rc) {
        out("DMSXSV105S Error %d (%s) writing %s %s %c1", -rc, cmsfs_strerror(rc), sfn, sft, sfm);
        return 100;
    }
    changed = 0;
    return 0;
}

/* /old/new/ with any delimiter: 0 and the parts, or -1. */
static int delimited(const char *s, char *a, char *b)
{
    char dl = *s;
    if (!dl)
        return -1;
    const char *p = s + 1, *e = strchr(p, dl);
    if (!e)
        return -1;
    memcpy(a, p, (size_t)(e - p));
    a[e - p] = 0;
    if (!b)
        return 0;
    p = e + 1;
    e = strchr(p, dl);
    if (!e)
        e = p + strlen(p);
    memcpy(b, p, (size_t)(e - p));
    b[e - p] = 0;
    return 0;
}

static char *find(char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (!strncmp(hay, needle, n))
            return hay;
    return n == 0 ? hay : NULL;
}

static int change(const char *ops)
{
    static char a[LW], b[LW], w1[16], w2[16];
    if (delimited(ops, a, b)) {
        out("DMSXCG545E Missing delimiter");
        return 5;
    }
    const char *rest = strchr(strchr(ops + 1, ops[0]) + 1, ops[0]);
    rest = rest ? rest + 1 : "";
    w1[0] = w2[0] = 0;
    int k = 0;
    while (*rest == ' ')
        rest++;
    for (k = 0; *rest && *rest != ' ' && k < 15; rest++)
        w1[k++] = *rest;
    w1[k] = 0;
    while (*rest == ' ')
        rest++;
    for (k = 0; *rest && *rest != ' ' && k < 15; rest++)
        w2[k++] = *rest;
    w2[k] = 0;
    int nl = count_arg(w1, 1), occ = count_arg(w2, 1);
    if (nl < 0 || occ < 0) {
        out("DMSXCG520E Invalid operand");
        return 5;
    }
    if (cur < 1)
        cur = 1;
    int hits = 0;
    for (int i = cur; i <= nlines && i < cur + nl; i++) {
        char *line = text[i - 1], *p = line;
        int done = 0, any = 0;
        static char nb[LW];
        nb[0] = 0;
        size_t o = 0;
        while (done < occ) {
            char *h = find(p, a);
            if (!h || (!*a && done))
                break;
            size_t pre = (size_t)(h - p), bl = strlen(b);
            if (o + pre + bl >= LW - 1)
                break;
            memcpy(nb + o, p, pre);
            o += pre;
            memcpy(nb + o, b, bl);
            o += bl;
            p = h + strlen(a);
            done++;
            any = 1;
            if (!*a)
                break;
        }
        if (!any)
            continue;
        size_t tl = strlen(p);
        if (o + tl >= LW)
            tl = LW - 1 - o;
        memcpy(nb + o, p, tl);
        nb[o + tl] = 0;
        memcpy(line, nb, LW);
        hits++;
        changed = 1;
        show(i);
    }
    if (!hits) {
        out("DMSXCG520I No change");
        return 4;
    }
    return 0;
}

int cmd_edit(int argc, char **argv, const char *raw)
{
    if (argc < 3) {
        out("DMSXIN054E Incomplete fileid specified");
        return 24;
    }
    char m = 'A';
    if (argc > 3 && (parse_mode(argv[3], &m) || m == '*')) {
        out("DMSXIN048E Invalid mode %s", argv[3]);
        return 24;
    }
    if (cmsfs_name(argv[1], fn) || cmsfs_name(argv[2], ft)) {
        out("DMSXIN062E Invalid character in fileid %s %s", argv[1], argv[2]);
        return 20;
    }
    fmode = m;
    struct disk *d = disk_by_mode(m);
    if (!d) {
        out("DMSXIN069E Filemode %c not accessed", m);
        return 36;
    }
    nlines = 0;
    cur = 0;
    changed = 0;
    recfm = 'V';
    lrecl = 255;
    int idx = cmsfs_lookup(&d->fs, fn, ft);
    if (idx >= 0) {
        static struct cmsfs_reader r;
        static char rec[65537];
        cmsfs_open(&d->fs, idx, &r);
        recfm = d->fs.dir[idx].recfm;
        lrecl = d->fs.dir[idx].lrecl;
        for (;;) {
            int len = cmsfs_get(&r, rec, sizeof rec - 1);
            if (len == CMSFS_EOF)
                break;
            if (len < 0) {
                out("DMSXIN105S Error reading %s %s %c1", fn, ft, m);
                return 100;
            }
            if (nlines >= MAXLINES) {
                out("DMSXIN132S File %s %s %c1 too large", fn, ft, m);
                return 88;
            }
            if (len >= LW)
                len = LW - 1;
            while (len > 0 && rec[len - 1] == ' ')
                len--;
            memcpy(text[nlines], rec, (size_t)len);
            text[nlines++][len] = 0;
        }
    } else
        out("NEW FILE:");
    out("EDIT:");
    static char line[LINE], cmd[LINE];
    int input = 0;
    for (;;) {
        if (con_read(line, sizeof line) < 0)
            return 100;
        if (input) {
            if (!line[0]) {
                input = 0;
                out("EDIT:");
                continue;
            }
            if (insert_after(cur, line) == 0)
                cur++;
            continue;
        }
        memcpy(cmd, line, sizeof cmd);
        char *w[8];
        /* operands as typed: after the first word */
        const char *ops = line;
        while (*ops == ' ')
            ops++;
        while (*ops && *ops != ' ' && *ops != '/')
            ops++;
        if (*ops == ' ')
            ops++;
        int n = split(cmd, w, 8);
        if (n == 0)
            continue;
        const char *v = w[0];
        if (!strcmp(v, "INPUT") || !strcmp(v, "I")) {
            if (*ops) {
                if (insert_after(cur, ops) == 0)
                    cur++;
            } else {
                input = 1;
                out("INPUT:");
            }
        } else if (!strcmp(v, "TOP")) {
            cur = 0;
            show(cur);
        } else if (!strcmp(v, "BOTTOM") || !strcmp(v, "B")) {
            cur = nlines;
            show(cur);
        } else if (!strcmp(v, "NEXT") || !strcmp(v, "N") || !strcmp(v, "DOWN")) {
            int k = count_arg(n > 1 ? w[1] : 0, 1);
            if (k < 0) {
                out("DMSXSU003E Invalid operand %s", w[1]);
                continue;
            }
            cur = cur + k > nlines ? nlines + 1 : cur + k;
            show(cur);
        } else if (!strcmp(v, "UP") || !strcmp(v, "U")) {
            int k = count_arg(n > 1 ? w[1] : 0, 1);
            if (k < 0) {
                out("DMSXSU003E Invalid operand %s", w[1]);
                continue;
            }
            cur = cur - k < 0 ? 0 : cur - k;
            show(cur);
        } else if (!strcmp(v, "TYPE") || !strcmp(v, "T")) {
            int k = count_arg(n > 1 ? w[1] : 0, 1);
            if (k < 0) {
                out("DMSXSU003E Invalid operand %s", w[1]);
                continue;
            }
            if (cur == 0 && k > 0)
                show(cur++), k--;
            for (int i = 0; i < k && cur <= nlines; i++)
                show(cur++);
            if (cur > nlines)
                cur = nlines;
            else if (k)
                cur--;
        } else if (!strcmp(v, "LOCATE") || !strcmp(v, "L") || line[0] == '/') {
            static char a[LW];
            const char *t = line[0] == '/' ? line : ops;
            if (delimited(t, a, NULL)) {
                out("DMSXLO545E Missing delimiter");
                continue;
            }
            int i;
            for (i = cur + 1; i <= nlines && !find(text[i - 1], a); i++)
                ;
            if (i > nlines) {
                out("DMSXLO546E Target not found");
                cur = nlines + 1;
                show(cur);
                cur = nlines;
            } else {
                cur = i;
                show(cur);
            }
        } else if (!strcmp(v, "CHANGE") || !strcmp(v, "C")) {
            change(ops);
        } else if (!strcmp(v, "DELETE") || !strcmp(v, "DEL") || !strcmp(v, "D")) {
            int k = count_arg(n > 1 ? w[1] : 0, 1);
            if (k < 0) {
                out("DMSXSU003E Invalid operand %s", w[1]);
                continue;
            }
            if (cur == 0)
                cur = 1;
            if (cur > nlines) {
                show(cur);
                continue;
            }
            if (k > nlines - cur + 1)
                k = nlines - cur + 1;
            memmove(text[cur - 1], text[cur - 1 + k], (size_t)(nlines - cur + 1 - k) * LW);
            nlines -= k;
            changed = 1;
            if (cur > nlines) {
                cur = nlines;
                out("EOF:");
            }
        } else if (!strcmp(v, "REPLACE") || !strcmp(v, "R")) {
            if (cur < 1 || cur > nlines) {
                if (insert_after(nlines < cur ? nlines : cur, ops) == 0)
                    cur = cur < 1 ? 1 : nlines;
                continue;
            }
            size_t l = strlen(ops);
            if (l >= LW)
                l = LW - 1;
            memcpy(text[cur - 1], ops, l);
            text[cur - 1][l] = 0;
            changed = 1;
        } else if (!strcmp(v, "SAVE") || !strcmp(v, "FILE")) {
            char sfn[9], sft[9], sm = fmode;
            memcpy(sfn, fn, 9);
            memcpy(sft, ft, 9);
            if ((n > 1 && cmsfs_name(w[1], sfn)) || (n > 2 && cmsfs_name(w[2], sft)) ||
                (n > 3 && (parse_mode(w[3], &sm) || sm == '*'))) {
                out("DMSXSV062E Invalid fileid");
                continue;
            }
            int rc = save(sfn, sft, sm);
            if (rc == 0 && !strcmp(v, "FILE"))
                return 0;
        } else if (!strcmp(v, "QUIT") || !strcmp(v, "Q")) {
            if (changed) {
                out("DMSXCT577E File has been changed; type QQUIT to quit anyway");
                continue;
            }
            return 0;
        } else if (!strcmp(v, "QQUIT") || !strcmp(v, "QQ")) {
            return changed ? 1 : 0;
        } else {
            out("DMSXSU586E Invalid subcommand %s", w[0]);
        }
    }
}
