/* EXEC: command procedures in a small language modelled on CMS's EXEC 2
 * and EXEC (docs/cms.md, "EXEC language"):
 *   * comment            -label             &name = value | a op b
 *   &TYPE text           &EXIT [rc]         &GOTO -label
 *   &IF a op b stmt      &LOOP -label n     &READ VARS &a [&b ...]
 *   &ERROR stmt          anything else: a command (its rc in &RC)
 * &0 the EXEC's name, &1-&9 its arguments, &N how many, &RC. */
#include "cms-guest/cms.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define MAXL 500
#define VW 64
#define NVARS 64
#define MAXDEPTH 4

struct frame {
    char lines[MAXL][LINE];
    int n;
    char names[NVARS][16];
    char vals[NVARS][VW];
    int nvars;
    char err[LINE];
    int loop_start, loop_end, loop_left;
};
static struct frame frames[MAXDEPTH];
static int depth;
/* A batch job (exec_job): its own commands are shown, each followed by its
 * Ready line, and the last non-zero return code is kept. */
static int job, job_lastnz, job_exited;

int exec_find(const char *name)
{
    struct disk *d;
    int idx;
    char nm[9];
    if (cmsfs_name(name, nm))
        return 0;
    return file_find(nm, "EXEC", "*", &d, &idx) == 0;
}

static struct frame *F;

static void setvar(const char *name, const char *val)
{
    int i;
    for (i = 0; i < F->nvars && strcmp(F->names[i], name); i++)
        ;
    if (i == F->nvars) {
        if (F->nvars == NVARS)
            return;
        F->nvars++;
        size_t l = strlen(name) < 15 ? strlen(name) : 15;
        memcpy(F->names[i], name, l);
        F->names[i][l] = 0;
    }
    size_t l = strlen(val) < VW - 1 ? strlen(val) : VW - 1;
    memcpy(F->vals[i], val, l);
    F->vals[i][l] = 0;
}

static const char *getvar(const char *name)
{
    for (int i = 0; i < F->nvars; i++)
        if (!strcmp(F->names[i], name))
            return F->vals[i];
    return "";
}

static int is_namech(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '#' || c == '$' || c == '@';
}

/* Replace every &name by its value (names upper-cased). */
static void subst(const char *in, char *o, size_t size)
{
    size_t k = 0;
    while (*in && k + 1 < size) {
        if (*in == '&' && is_namech(in[1])) {
            char name[16];
            int n = 0;
            in++;
            while (is_namech(*in)) {
                if (n < 15)
                    name[n++] = (char)(*in >= 'a' && *in <= 'z' ? *in - 32 : *in);
                in++;
            }
            name[n] = 0;
            for (const char *v = getvar(name); *v && k + 1 < size; v++)
                o[k++] = *v;
        } else
            o[k++] = *in++;
    }
    o[k] = 0;
}

static int num(const char *s, long *v)
{
    long x = 0;
    int neg = 0;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        x = x * 10 + (*s - '0');
    }
    *v = neg ? -x : x;
    return 1;
}

static int find_label(const char *label)
{
    for (int i = 0; i < F->n; i++) {
        const char *p = F->lines[i];
        while (*p == ' ')
            p++;
        if (*p == '-' && !strncmp(p, label, strlen(label)) && (p[strlen(label)] == 0 || p[strlen(label)] == ' '))
            return i;
    }
    return -1;
}

static char execname[9];

static int fail(int line, const char *what)
{
    out("DMSEXT072E Error in EXEC file %s, line %d - %s", execname, line + 1, what);
    return -1;
}

/* One statement (words already substituted where they should be).
 * Returns: 0 go on, 1 exit (rc in *rc), 2 goto (line in *pc), -1 error. */
static int statement(char *s, int line, int *pc, int *rc)
{
    static char buf[LINE], t[LINE];
    char *w[40];
    while (*s == ' ')
        s++;
    if (!*s || *s == '*' || *s == '-')
        return 0;
    /* assignment: &name = ... */
    if (*s == '&') {
        char name[16];
        int n = 0;
        const char *p = s + 1;
        while (is_namech(*p) && n < 15)
            name[n++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p), p++;
        name[n] = 0;
        while (*p == ' ')
            p++;
        if (n && *p == '=' && (p[1] == ' ' || !p[1])) {
            subst(p + 1, buf, sizeof buf);
            memcpy(t, buf, sizeof t);
            int k = split(t, w, 40);
            long a, b;
            if (k == 3 && num(w[0], &a) && num(w[2], &b) && strlen(w[1]) == 1 && strchr("+-*/", w[1][0])) {
                if (w[1][0] == '/' && b == 0)
                    return fail(line, "division by zero");
                long v = w[1][0] == '+' ? a + b : w[1][0] == '-' ? a - b : w[1][0] == '*' ? a * b : a / b;
                fmt(buf, sizeof buf, "%ld", v);
                setvar(name, buf);
            } else {
                const char *v = buf;
                while (*v == ' ')
                    v++;
                setvar(name, v);
            }
            return 0;
        }
        /* a control word */
        char cw[16];
        n = 0;
        p = s;
        while (*p && *p != ' ' && n < 15)
            cw[n++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p), p++;
        cw[n] = 0;
        while (*p == ' ')
            p++;
        if (!strcmp(cw, "&TYPE")) {
            subst(p, buf, sizeof buf);
            for (size_t l = strlen(buf); l > 0 && buf[l - 1] == ' '; l--)
                buf[l - 1] = 0;
            out_line(buf[0] ? buf : " ");
            return 0;
        }
        if (!strcmp(cw, "&EXIT")) {
            subst(p, buf, sizeof buf);
            long v = 0;
            char *q = buf;
            while (*q == ' ')
                q++;
            if (*q && !num(q, &v))
                return fail(line, "&EXIT needs a number");
            *rc = (int)v;
            if (job && depth == 1)
                job_exited = 1;
            return 1;
        }
        if (!strcmp(cw, "&GOTO")) {
            subst(p, buf, sizeof buf);
            upper(buf);
            int target = find_label(buf);
            if (target < 0 && buf[0] != '-') {
                fmt(t, sizeof t, "-%s", buf);
                target = find_label(t);
            }
            if (target < 0)
                return fail(line, "label not found");
            *pc = target;
            return 2;
        }
        if (!strcmp(cw, "&LOOP")) {
            subst(p, buf, sizeof buf);
            int k = split(buf, w, 40);
            long count;
            if (k != 2 || !num(w[1], &count))
                return fail(line, "&LOOP -label count");
            int end = find_label(w[0]);
            if (end < 0 || end <= line)
                return fail(line, "&LOOP label not found after the &LOOP");
            if (count <= 0) {
                *pc = end;
                return 2;
            }
            F->loop_start = line + 1;
            F->loop_end = end;
            F->loop_left = (int)count;
            return 0;
        }
        if (!strcmp(cw, "&READ")) {
            subst(p, buf, sizeof buf);
            /* &READ VARS &a &b: words of one console line */
            memcpy(t, p, sizeof t);
            int k = split(t, w, 40);
            if (k < 1 || strcmp(w[0], "VARS"))
                return fail(line, "&READ VARS &name ...");
            static char in[LINE];
            if (con_read(in, sizeof in) < 0)
                return fail(line, "console read failed");
            char *iw[40];
            int m = split(in, iw, 40);
            for (int i = 1; i < k; i++)
                setvar(w[i][0] == '&' ? w[i] + 1 : w[i], i - 1 < m ? iw[i - 1] : "");
            return 0;
        }
        if (!strcmp(cw, "&ERROR")) {
            size_t l = strlen(p) < LINE - 1 ? strlen(p) : LINE - 1;
            memcpy(F->err, p, l);
            F->err[l] = 0;
            return 0;
        }
        if (!strcmp(cw, "&IF")) {
            /* &IF a op b statement: the first three words substituted */
            static char cond[LINE];
            const char *q = p;
            char *cw3[3];
            int k = 0;
            static char wbuf[3][LINE];
            for (; k < 3; k++) {
                while (*q == ' ')
                    q++;
                if (!*q)
                    break;
                int j = 0;
                while (*q && *q != ' ' && j < LINE - 1)
                    cond[j++] = *q++;
                cond[j] = 0;
                subst(cond, wbuf[k], LINE);
                cw3[k] = wbuf[k];
            }
            while (*q == ' ')
                q++;
            if (k < 3 || !*q)
                return fail(line, "&IF value op value statement");
            upper(cw3[1]);
            long a, b;
            int c;
            if (num(cw3[0], &a) && num(cw3[2], &b))
                c = a < b ? -1 : a > b;
            else
                c = strcmp(cw3[0], cw3[2]);
            const char *op = cw3[1];
            int yes;
            if (!strcmp(op, "=") || !strcmp(op, "EQ") || !strcmp(op, "=="))
                yes = c == 0;
            else if (!strcmp(op, "^=") || !strcmp(op, "NE") || !strcmp(op, "\\=") || !strcmp(op, "<>"))
                yes = c != 0;
            else if (!strcmp(op, "<") || !strcmp(op, "LT"))
                yes = c < 0;
            else if (!strcmp(op, ">") || !strcmp(op, "GT"))
                yes = c > 0;
            else if (!strcmp(op, "<=") || !strcmp(op, "LE"))
                yes = c <= 0;
            else if (!strcmp(op, ">=") || !strcmp(op, "GE"))
                yes = c >= 0;
            else
                return fail(line, "unknown comparison");
            if (!yes)
                return 0;
            memcpy(t, q, sizeof t);
            return statement(t, line, pc, rc);
        }
        fmt(t, sizeof t, "unknown control word %s", cw);
        return fail(line, t);
    }
    /* a command */
    subst(s, buf, sizeof buf);
    int top = job && depth == 1;
    if (top)
        out_line(buf);
    int r = cms_command(buf);
    if (top) {
        cms_ready(r);
        if (r)
            job_lastnz = r;
    }
    fmt(t, sizeof t, "%d", r);
    setvar("RC", t);
    if (r && F->err[0]) {
        memcpy(t, F->err, sizeof t);
        return statement(t, line, pc, rc);
    }
    return 0;
}

/* EXEC name [args]: argv[0] is the name. */
int cmd_exec(int argc, char **argv, const char *raw)
{
    if (argc < 1) {
        out("DMSEXC001E No filename specified");
        return 24;
    }
    char nm[9];
    if (cmsfs_name(argv[0], nm)) {
        out("DMSEXC062E Invalid character in fileid %s EXEC", argv[0]);
        return 20;
    }
    struct disk *d;
    int idx;
    if (file_find(nm, "EXEC", "*", &d, &idx)) {
        out("DMSEXC002E File %s EXEC * not found", nm);
        return 28;
    }
    if (depth >= MAXDEPTH) {
        out("DMSEXC998E EXECs nested too deeply");
        return 24;
    }
    struct frame *saved = F;
    char savedname[9];
    memcpy(savedname, execname, 9);
    F = &frames[depth++];
    memset(F, 0, sizeof *F);
    memcpy(execname, nm, 9);
    static struct cmsfs_reader r;
    static char rec[65537];
    cmsfs_open(&d->fs, idx, &r);
    int rc = 0;
    for (;;) {
        int len = cmsfs_get(&r, rec, sizeof rec - 1);
        if (len == CMSFS_EOF)
            break;
        if (len < 0 || F->n >= MAXL) {
            out(len < 0 ? "DMSEXC105S Error reading %s EXEC" : "DMSEXC132S File %s EXEC too large", nm);
            rc = 100;
            goto done;
        }
        if (len >= LINE)
            len = LINE - 1;
        while (len > 0 && rec[len - 1] == ' ')
            len--;
        memcpy(F->lines[F->n], rec, (size_t)len);
        F->lines[F->n++][len] = 0;
    }
    char t[16];
    setvar("0", nm);
    int nargs = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "("))
            continue;
        fmt(t, sizeof t, "%d", ++nargs);
        setvar(t, argv[i]);
    }
    fmt(t, sizeof t, "%d", nargs);
    setvar("N", t);
    setvar("RC", "0");
    int steps = 0;
    for (int pc = 0; pc < F->n;) {
        static char line[LINE];
        memcpy(line, F->lines[pc], LINE);
        int next = pc + 1;
        batch_tick();                   /* a batch job's CPU limit (batch.c) */
        int s = statement(line, pc, &next, &rc);
        if (s < 0) {
            rc = 1000;
            break;
        }
        if (s == 1)
            break;
        if (s == 0 && F->loop_left && pc == F->loop_end) {
            if (--F->loop_left > 0)
                next = F->loop_start;
        }
        if (s == 2 && F->loop_left && (next < F->loop_start || next > F->loop_end))
            F->loop_left = 0;
        pc = next;
        if (++steps > 1000000) {
            out("DMSEXT073E EXEC %s stopped after 1000000 statements", nm);
            rc = 1001;
            break;
        }
    }
done:
    depth--;
    F = saved;
    memcpy(execname, savedname, 9);
    return rc;
}

/* The batch job NAME EXEC (batch.c): its return code is &EXIT's value if it
 * ends with &EXIT, that of an EXEC error (1000, 1001), else the last
 * non-zero return code of its commands (0 if all ended with 0). */
int exec_job(const char *name)
{
    char nm[9];
    memcpy(nm, name, strlen(name) + 1 < 9 ? strlen(name) + 1 : 9);
    nm[8] = 0;
    char *argv[2] = { nm, NULL };
    job = 1;
    job_lastnz = job_exited = 0;
    int rc = cmd_exec(1, argv, "");
    job = 0;
    if (job_exited || rc >= 1000 || (rc && !job_lastnz))
        return rc;
    return job_lastnz;
}
