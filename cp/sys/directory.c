/* The user directory: parse z/VM USER DIRECT text into struct directory.
 *
 * Reference: IBM z/VM CP Planning and Administration, "Creating and
 * Updating a User Directory" - the directory statements USER, MACHINE,
 * CPU, CONSOLE, SPOOL, MDISK, LINK, IPL, OPTION, ACCOUNT (operands,
 * defaults: CONSOLE class T, MDISK mode W, LINK mode R, privilege class G);
 * user ID characters and reserved IDs from z/VM CP Commands and Utilities
 * Reference, "Restricted User IDs" (A-Z 0-9 @ # $ _ -; LOGNxxxx, LOGLxxxx,
 * LOGVxxxx, SYSTEM, SYSTEMMP).  ZCP's choices where it is stricter or
 * simpler than DIRECTXA are in docs/directory.md.
 *
 * Portable C: lib/mem.h, lib/str.h and lib/fmt.h only, no allocation. */
#include <stdarg.h>
#include "cp/sys/directory.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/str.h"

/* ---- small helpers ------------------------------------------------------- */

static bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static bool is_alnum(int c) { return is_upper(ch_upper(c)) || ch_isdigit(c); }
static bool is_name_char(int c) { return is_alnum(c) || c == '@' || c == '#' || c == '$'; }
static bool is_userid_char(int c) { return is_name_char(c) || c == '_' || c == '-'; }

static int hexval(int c)
{
    c = ch_upper(c);
    return ch_isdigit(c) ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Unsigned decimal, no sign, no overflow past max.  0 or -1. */
static int parse_dec(const char *s, uint32_t max, uint32_t *out)
{
    uint64_t v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (!ch_isdigit(*s))
            return -1;
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > max)
            return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

/* 1..maxdigits hex digits, value <= max.  0 or -1. */
static int parse_hex(const char *s, int maxdigits, uint32_t max, uint32_t *out)
{
    uint32_t v = 0;
    int n = 0;
    for (; *s; s++, n++) {
        int h = hexval(*s);
        if (h < 0 || n >= maxdigits)
            return -1;
        v = v << 4 | (uint32_t)h;
    }
    if (n == 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

int dir_parse_vdev(const char *s, uint16_t *vdev)
{
    uint32_t v;
    if (parse_hex(s, 4, 0xFFFF, &v))
        return -1;
    *vdev = (uint16_t)v;
    return 0;
}

int dir_parse_storage(const char *s, uint64_t *bytes)
{
    uint64_t v = 0;
    int digits = 0;
    for (; ch_isdigit(*s); s++, digits++) {
        if (v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    int shift;
    switch (ch_upper(*s)) {
    case 'K': shift = 10; break;
    case 'M': shift = 20; break;
    case 'G': shift = 30; break;
    default: return -1;
    }
    if (!digits || s[1] || v == 0 || v > UINT64_MAX >> shift)
        return -1;
    *bytes = v << shift;
    return 0;
}

int dir_format_storage(uint64_t bytes, char *buf, size_t size)
{
    static const char unit[] = "KMG";
    int u = -1;
    while (u < 2 && bytes && (bytes & 1023) == 0) {
        bytes >>= 10;
        u++;
    }
    if (u < 0)
        return fmt(buf, size, "%llu", (unsigned long long)bytes);
    return fmt(buf, size, "%llu%c", (unsigned long long)bytes, unit[u]);
}

bool dir_valid_userid(const char *s)
{
    size_t n = strnlen(s, DIR_ID_LEN + 1);
    if (n == 0 || n > DIR_ID_LEN)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_userid_char(s[i]))
            return false;
    /* Reserved for CP (z/VM CP Commands and Utilities Reference). */
    if (!str_casecmp(s, "SYSTEM") || !str_casecmp(s, "SYSTEMMP"))
        return false;
    if (n == 8 && ch_upper(s[0]) == 'L' && ch_upper(s[1]) == 'O' && ch_upper(s[2]) == 'G'
        && (ch_upper(s[3]) == 'N' || ch_upper(s[3]) == 'L' || ch_upper(s[3]) == 'V'))
        return false;
    return true;
}

int dir_parse_classes(const char *s, uint32_t *mask)
{
    uint32_t m = 0;
    size_t n = 0;
    for (; *s; s++, n++) {
        uint32_t b = dir_class_bit(*s);
        if (!b || n >= DIR_MAX_CLASSES)
            return -1;
        m |= b;
    }
    if (n == 0)
        return -1;
    *mask = m;
    return 0;
}

void dir_format_classes(uint32_t mask, char *buf)
{
    int n = 0;
    for (int i = 0; i < 32; i++)
        if (mask & (1u << i))
            buf[n++] = (char)(i < 26 ? 'A' + i : '1' + i - 26);
    buf[n] = 0;
}

static const char *const mode_names[] = { "R", "RR", "W", "WR", "M", "MR", "MW" };
static const char *const machine_names[] = { "ESA", "XA", "XC", "Z" };

const char *dir_mode_name(enum dir_mode m)
{
    return (unsigned)m < sizeof mode_names / sizeof mode_names[0] ? mode_names[m] : "?";
}

const char *dir_machine_name(enum dir_machine m)
{
    return (unsigned)m < sizeof machine_names / sizeof machine_names[0] ? machine_names[m] : "?";
}

static int parse_mode(const char *s, enum dir_mode *m)
{
    for (unsigned i = 0; i < sizeof mode_names / sizeof mode_names[0]; i++)
        if (!strcmp(s, mode_names[i])) {
            *m = (enum dir_mode)i;
            return 0;
        }
    return -1;
}

enum optarg { OPTARG_NONE, OPTARG_MAXCONN, OPTARG_CPUID, OPTARG_LANG };
static const struct {
    const char *name;
    uint32_t bit;
    enum optarg arg;
} options[] = {
    { "ACCT", DIR_OPT_ACCT, OPTARG_NONE },
    { "APPLMON", DIR_OPT_APPLMON, OPTARG_NONE },
    { "COMSRV", DIR_OPT_COMSRV, OPTARG_NONE },
    { "CONCEAL", DIR_OPT_CONCEAL, OPTARG_NONE },
    { "CPUID", DIR_OPT_CPUID, OPTARG_CPUID },
    { "D84NOPAS", DIR_OPT_D84NOPAS, OPTARG_NONE },
    { "DEVINFO", DIR_OPT_DEVINFO, OPTARG_NONE },
    { "DEVMAINT", DIR_OPT_DEVMAINT, OPTARG_NONE },
    { "DIAG88", DIR_OPT_DIAG88, OPTARG_NONE },
    { "DIAG98", DIR_OPT_DIAG98, OPTARG_NONE },
    { "IGNMAXU", DIR_OPT_IGNMAXU, OPTARG_NONE },
    { "LANG", DIR_OPT_LANG, OPTARG_LANG },
    { "LKFAC", DIR_OPT_LKFAC, OPTARG_NONE },
    { "LNKEXCLU", DIR_OPT_LNKEXCLU, OPTARG_NONE },
    { "LNKNOPAS", DIR_OPT_LNKNOPAS, OPTARG_NONE },
    { "LNKSTABL", DIR_OPT_LNKSTABL, OPTARG_NONE },
    { "MAINTCCW", DIR_OPT_MAINTCCW, OPTARG_NONE },
    { "MAXCONN", DIR_OPT_MAXCONN, OPTARG_MAXCONN },
    { "MIH", DIR_OPT_MIH, OPTARG_NONE },
    { "NOMDCFS", DIR_OPT_NOMDCFS, OPTARG_NONE },
    { "QUICKDSP", DIR_OPT_QUICKDSP, OPTARG_NONE },
    { "REALTIMER", DIR_OPT_REALTIMER, OPTARG_NONE },
    { "RMCHINFO", DIR_OPT_RMCHINFO, OPTARG_NONE },
    { "STGEXEMPT", DIR_OPT_STGEXEMPT, OPTARG_NONE },
    { "SVC76", DIR_OPT_SVC76, OPTARG_NONE },
    { "SVCOFF", DIR_OPT_SVCOFF, OPTARG_NONE },
    { "TODENABLE", DIR_OPT_TODENABLE, OPTARG_NONE },
    { "AUTOSTART", DIR_OPT_AUTOSTART, OPTARG_NONE },   /* ZCP, not z/VM */
};
#define NOPTIONS (sizeof options / sizeof options[0])

const char *dir_option_name(uint32_t bit)
{
    for (unsigned i = 0; i < NOPTIONS; i++)
        if (options[i].bit == bit)
            return options[i].name;
    return NULL;
}

/* z/VM directory statements ZCP does not implement: named as unsupported
 * rather than unknown.  The ones that start an entry of their own end the
 * current entry (their statements are skipped up to the next USER). */
static const char *const unsupported_entries[] = {
    "PROFILE", "IDENTITY", "SUBCONFIG", "POOL",
};
static const char *const unsupported_stmts[] = {
    "INCLUDE", "BUILD", "GLOBALDEFS", "GLOBALOPTS", "DASDOPT", "MINIOPT",
    "DEDICATE", "SPECIAL", "NICDEF", "LOGONBY", "IUCV", "POSIXGROUP",
    "POSIXINFO", "POSIXGLIST", "POSIXOPT", "NAMESAVE", "STORAGE", "XSTORE",
    "IOPRIORITY", "SHARE", "CRYPTO", "SCREEN", "AUTOLOG", "CLASS",
    "DATEFORMAT", "STDEVOPT", "XAUTOLOG", "XCONFIG", "APPCPASS", "COMMAND",
    "LOAD", "SYSAFFIN", "VMRELOCATE", "SPOOLFILE", "CPOPTION", "COMMENT",
};

static bool in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, list[i]))
            return true;
    return false;
}

/* ---- the parser ---------------------------------------------------------- */

struct parser {
    struct directory *d;
    dir_error_fn *error;
    void *arg;
    int line;                   /* current line number, 1-based */
    struct dir_user *cur;       /* the entry being filled; NULL if none */
    bool seen_user;             /* a USER statement has been seen */
    bool skipping;              /* after a bad USER: ignore up to the next USER */
    bool user_stmt;             /* the statement being parsed is a USER */
    /* one-per-entry statements: line of the first one, 0 if none yet */
    int machine_line, console_line, ipl_line, account_line;
    int cpu0_line;              /* CPU 00 */
    int cpu_line[DIR_MAX_CPUS]; /* the entry's cpus[] */
    /* the current line: raw as written, and an upper-cased copy cut into tokens */
    const char *raw;
    size_t rawlen;
    int ntok;
    char *tok[DIR_MAX_TOKENS];
    size_t tokpos[DIR_MAX_TOKENS];  /* offset of each token in raw */
    char buf[DIR_MAX_LINE + 1];
};

static void err(struct parser *p, const char *f, ...) __attribute__((format(printf, 2, 3)));
static void err(struct parser *p, const char *f, ...)
{
    char msg[192];
    va_list ap;
    va_start(ap, f);
    int n = vfmt(msg, sizeof msg, f, ap);
    va_end(ap);
    if (p->user_stmt && n >= 0 && (size_t)n < sizeof msg)
        fmt(msg + n, sizeof msg - (size_t)n, "; entry skipped");
    p->d->errors++;
    if (p->error)
        p->error(p->arg, p->line, msg);
}

/* Operand i of the statement, or an error naming what is missing. */
static const char *need(struct parser *p, int i, const char *what)
{
    if (i < p->ntok)
        return p->tok[i];
    err(p, "HCPDIR9114E Missing operand on %s: %s", p->tok[0], what);
    return NULL;
}

static bool no_more(struct parser *p, int i)
{
    if (i >= p->ntok)
        return true;
    err(p, "HCPDIR9116E Extra operand on %s: %.40s", p->tok[0], p->tok[i]);
    return false;
}

static void bad(struct parser *p, const char *what, const char *tok)
{
    err(p, "HCPDIR9115E Invalid %s on %s: %.40s", what, p->tok[0], tok);
}

/* A name of 1..max characters, each accepted by ok (any if NULL: then
 * it may be a password, and an over-long one is not echoed), into
 * out.  Callers zero-fill out: the tables hold no stray bytes, so two
 * directories can be compared byte for byte. */
static bool get_name(struct parser *p, int i, const char *what, bool (*ok)(int),
                     size_t max, char *out)
{
    const char *t = need(p, i, what);
    if (!t)
        return false;
    size_t n = strlen(t);
    bool good = n >= 1 && n <= max;
    for (size_t k = 0; good && k < n; k++)
        good = ok ? ok(t[k]) : true;
    if (!good) {
        if (ok || n <= max)
            bad(p, what, t);
        else                    /* a password (or account) is not echoed */
            err(p, "HCPDIR9115E Invalid %s on %s: longer than %u characters", what,
                p->tok[0], (unsigned)max);
        return false;
    }
    memcpy(out, t, n + 1);
    return true;
}

/* End the entry being filled: checks that need the whole entry. */
static void finish_entry(struct parser *p)
{
    struct dir_user *u = p->cur;
    /* CPU 00 plus the extra CPUs must fit in MACHINE's number */
    if (u && 1 + u->ncpus > u->maxcpus) {
        int saved = p->line;
        for (int i = u->maxcpus - 1; i < u->ncpus; i++) {
            p->line = p->cpu_line[i];
            err(p, "HCPDIR9120E Too many CPU statements for %s: MACHINE allows %d CPU(s)",
                u->userid, u->maxcpus);
        }
        p->line = saved;
        u->ncpus = u->maxcpus - 1;
    }
    p->cur = NULL;
    p->machine_line = p->console_line = p->ipl_line = p->account_line = p->cpu0_line = 0;
}

static bool get_storage(struct parser *p, const char *t, const char *what, uint64_t *out)
{
    uint64_t v;
    if (dir_parse_storage(t, &v) || v % DIR_STORAGE_GRAIN || v < DIR_MIN_STORAGE
        || v > DIR_MAX_STORAGE) {
        bad(p, what, t);
        return false;
    }
    *out = v;
    return true;
}

static void stmt_user(struct parser *p)
{
    char userid[DIR_ID_LEN + 1] = "", password[DIR_ID_LEN + 1] = "";
    enum dir_password pwkind = DIR_PW_PASSWORD;
    uint64_t storage = DIR_DEFAULT_STORAGE, maxstorage;
    uint32_t classes = DIR_DEFAULT_CLASSES;
    finish_entry(p);
    p->seen_user = true;
    p->skipping = true;         /* until the statement proves good */
    if (!need(p, 1, "userid"))
        return;
    if (!dir_valid_userid(p->tok[1])) {
        bad(p, "userid", p->tok[1]);
        return;
    }
    memcpy(userid, p->tok[1], strlen(p->tok[1]) + 1);
    const char *pw = need(p, 2, "password");
    if (!pw)
        return;
    if (!strcmp(pw, "NOLOG"))
        pwkind = DIR_PW_NOLOG;
    else if (!strcmp(pw, "NOPASS"))
        pwkind = DIR_PW_NOPASS;
    else if (!strcmp(pw, "AUTOONLY"))
        pwkind = DIR_PW_AUTOONLY;
    else if (!strcmp(pw, "LBYONLY"))
        pwkind = DIR_PW_LBYONLY;
    else if (strlen(pw) > DIR_ID_LEN) {
        /* the password itself is not echoed */
        err(p, "HCPDIR9115E Invalid password on USER %s: longer than %d characters",
            userid, DIR_ID_LEN);
        return;
    } else
        memcpy(password, pw, strlen(pw) + 1);
    if (p->ntok > 3 && !get_storage(p, p->tok[3], "storage size", &storage))
        return;
    maxstorage = storage;
    if (p->ntok > 4 && !get_storage(p, p->tok[4], "maximum storage size", &maxstorage))
        return;
    if (storage > maxstorage) {
        err(p, "HCPDIR9119E Logon storage %s exceeds maximum storage %s",
            p->tok[3], p->tok[4]);
        return;
    }
    if (p->ntok > 5 && dir_parse_classes(p->tok[5], &classes)) {
        bad(p, "privilege classes", p->tok[5]);
        return;
    }
    /* Tokens 7-11 (the VM/SP placeholder and the line-editing symbols)
     * are ignored, and so is anything after them, as DIRECTXA does. */
    const struct dir_user *old = dir_find(p->d, userid);
    if (old) {
        err(p, "HCPDIR9117E Duplicate userid %s (first on line %d)", userid, old->line);
        return;
    }
    if (p->d->nusers >= DIR_MAX_USERS) {
        err(p, "HCPDIR9120E Too many users: the limit is %d", DIR_MAX_USERS);
        return;
    }
    struct dir_user *u = &p->d->users[p->d->nusers++];
    memset(u, 0, sizeof *u);
    memcpy(u->userid, userid, sizeof userid);
    u->pwkind = pwkind;
    memcpy(u->password, password, sizeof password);
    u->storage = storage;
    u->maxstorage = maxstorage;
    u->classes = classes;
    u->machine = DIR_DEFAULT_MACHINE;
    u->maxcpus = 1;
    u->line = p->line;
    p->cur = u;
    p->skipping = false;
}

/* Once-per-entry statements: false (with an error) for a second one. */
static bool first_of(struct parser *p, int *seen)
{
    if (*seen) {
        err(p, "HCPDIR9122E Only one %s statement is allowed in an entry (first on line %d)",
            p->tok[0], *seen);
        return false;
    }
    return true;
}

static void stmt_machine(struct parser *p)
{
    struct dir_user *u = p->cur;
    const char *t = need(p, 1, "mode");
    if (!t || !first_of(p, &p->machine_line))
        return;
    int m = -1;
    for (int i = 0; i < 4; i++)
        if (!strcmp(t, machine_names[i]))
            m = i;
    if (m < 0) {
        bad(p, "machine mode", t);
        return;
    }
    uint32_t n = 1;
    if (p->ntok > 2 && (parse_dec(p->tok[2], DIR_MAX_CPUS, &n) || n < 1)) {
        bad(p, "number of CPUs", p->tok[2]);
        return;
    }
    if (!no_more(p, 3))
        return;
    u->machine = (enum dir_machine)m;
    u->maxcpus = (int)n;
    p->machine_line = p->line;
}

/* CPU statements: CPU 00 is always the base CPU in ZCP, there whether
 * listed or not; cpus[] holds the others (the extra CPUs at logon). */
static void stmt_cpu(struct parser *p)
{
    struct dir_user *u = p->cur;
    const char *t = need(p, 1, "CPU address");
    uint32_t a;
    if (!t)
        return;
    if (parse_hex(t, 2, DIR_MAX_CPUADDR, &a)) {
        bad(p, "CPU address", t);
        return;
    }
    int i = 2;
    if (i < p->ntok && !strcmp(p->tok[i], "BASE")) {
        if (a != 0) {
            err(p, "HCPDIR9115E Invalid BASE on CPU %02X: the base CPU is always 00",
                (unsigned)a);
            return;
        }
        i++;
    }
    if (!no_more(p, i))
        return;
    int first = a == 0 ? p->cpu0_line : 0;
    for (int k = 0; k < u->ncpus && !first; k++)
        if (u->cpus[k] == a)
            first = p->cpu_line[k];
    if (first) {
        err(p, "HCPDIR9118E Duplicate CPU address %02X (first on line %d)", (unsigned)a, first);
        return;
    }
    if (a == 0) {
        p->cpu0_line = p->line;
        return;
    }
    /* no overflow: 01-3F are 63 distinct addresses, and cpus[] holds 64 */
    p->cpu_line[u->ncpus] = p->line;
    u->cpus[u->ncpus++] = (uint8_t)a;
}

/* Common start of a device statement: the vdev (operand 1), not a
 * duplicate, room for one more.  Returns the new device, not yet counted. */
static struct dir_dev *new_dev(struct parser *p, enum dir_devkind kind)
{
    struct dir_user *u = p->cur;
    const char *t = need(p, 1, "virtual device number");
    uint16_t vdev;
    if (!t)
        return NULL;
    if (dir_parse_vdev(t, &vdev)) {
        bad(p, "virtual device number", t);
        return NULL;
    }
    const struct dir_dev *old = dir_find_dev(u, vdev);
    if (old) {
        err(p, "HCPDIR9118E Duplicate virtual device %04X (first on line %d)",
            vdev, old->line);
        return NULL;
    }
    if (u->ndevs >= DIR_MAX_DEVS) {
        err(p, "HCPDIR9120E Too many device statements for %s: the limit is %d",
            u->userid, DIR_MAX_DEVS);
        return NULL;
    }
    struct dir_dev *d = &u->devs[u->ndevs];
    memset(d, 0, sizeof *d);
    d->kind = kind;
    d->vdev = vdev;
    d->line = p->line;
    return d;
}

static bool get_class(struct parser *p, int i, bool star_ok, char *out)
{
    const char *t = p->tok[i];
    if (strlen(t) != 1 || !(is_alnum(t[0]) || (star_ok && t[0] == '*'))) {
        bad(p, "spool class", t);
        return false;
    }
    *out = t[0];
    return true;
}

static void stmt_console(struct parser *p)
{
    struct dir_dev *d = new_dev(p, DIR_DEV_CONSOLE);
    const char *t;
    uint32_t type;
    if (!d || !(t = need(p, 2, "device type")))
        return;
    if (parse_dec(t, 9999, &type) || !(type == 3215 || type == 3270 || type == 3277
                                       || type == 3278 || type == 3279)) {
        bad(p, "console device type", t);
        return;
    }
    d->devtype = (uint16_t)type;
    d->u.console.cls = 'T';
    if (p->ntok > 3 && !get_class(p, 3, false, &d->u.console.cls))
        return;
    if (p->ntok > 4) {
        if (!dir_valid_userid(p->tok[4])) {
            bad(p, "secondary user", p->tok[4]);
            return;
        }
        memcpy(d->u.console.secuser, p->tok[4], strlen(p->tok[4]) + 1);
    }
    if (!no_more(p, 5) || !first_of(p, &p->console_line))
        return;
    p->console_line = p->line;
    p->cur->ndevs++;
}

static const struct {
    const char *name;
    uint16_t devtype;           /* 2540 needs READER or PUNCH after it */
    enum dir_spoolkind what;
} spool_types[] = {
    { "READER", 3505, DIR_SPOOL_READER }, { "RDR", 3505, DIR_SPOOL_READER },
    { "PUNCH", 3525, DIR_SPOOL_PUNCH }, { "PUN", 3525, DIR_SPOOL_PUNCH },
    { "PCH", 3525, DIR_SPOOL_PUNCH },
    { "PRINTER", 1403, DIR_SPOOL_PRINTER }, { "PRT", 1403, DIR_SPOOL_PRINTER },
    { "3505", 3505, DIR_SPOOL_READER }, { "3525", 3525, DIR_SPOOL_PUNCH },
    { "1403", 1403, DIR_SPOOL_PRINTER }, { "3203", 3203, DIR_SPOOL_PRINTER },
    { "3211", 3211, DIR_SPOOL_PRINTER },
};

static void stmt_spool(struct parser *p)
{
    struct dir_dev *d = new_dev(p, DIR_DEV_SPOOL);
    const char *t;
    if (!d || !(t = need(p, 2, "device type")))
        return;
    int i = 3;
    if (!strcmp(t, "2540")) {
        const char *w = need(p, 3, "READER or PUNCH after 2540");
        if (!w)
            return;
        d->devtype = 2540;
        if (!strcmp(w, "READER") || !strcmp(w, "RDR"))
            d->u.spool.what = DIR_SPOOL_READER;
        else if (!strcmp(w, "PUNCH") || !strcmp(w, "PUN") || !strcmp(w, "PCH"))
            d->u.spool.what = DIR_SPOOL_PUNCH;
        else {
            bad(p, "2540 function (READER or PUNCH)", w);
            return;
        }
        i = 4;
    } else {
        unsigned k;
        for (k = 0; k < sizeof spool_types / sizeof spool_types[0]; k++)
            if (!strcmp(t, spool_types[k].name))
                break;
        if (k == sizeof spool_types / sizeof spool_types[0]) {
            bad(p, "spool device type", t);
            return;
        }
        d->devtype = spool_types[k].devtype;
        d->u.spool.what = spool_types[k].what;
    }
    bool reader = d->u.spool.what == DIR_SPOOL_READER;
    d->u.spool.cls = reader ? '*' : 'A';
    if (p->ntok > i && !get_class(p, i, reader, &d->u.spool.cls))
        return;
    if (!no_more(p, i + 1))
        return;
    p->cur->ndevs++;
}

static bool get_mode(struct parser *p, int i, enum dir_mode *m)
{
    if (parse_mode(p->tok[i], m)) {
        bad(p, "access mode", p->tok[i]);
        return false;
    }
    return true;
}

static void stmt_mdisk(struct parser *p)
{
    struct dir_dev *d = new_dev(p, DIR_DEV_MDISK);
    const char *t;
    uint32_t type, v;
    if (!d || !(t = need(p, 2, "device type")))
        return;
    if (parse_dec(t, 9999, &type) || (type != 3390 && type != 3380)) {
        bad(p, "DASD device type", t);
        return;
    }
    d->devtype = (uint16_t)type;
    d->u.mdisk.mode = DIR_DEFAULT_MDISK_MODE;
    if (!(t = need(p, 3, "start cylinder")))
        return;
    int i;
    if (!strcmp(t, "T-DISK")) {
        d->u.mdisk.tdisk = true;
        if (!(t = need(p, 4, "cylinders")))
            return;
        if (parse_dec(t, DIR_MAX_CYLS, &v) || v == 0) {
            bad(p, "number of cylinders", t);
            return;
        }
        d->u.mdisk.cyls = v;
        i = 5;
    } else if (!strcmp(t, "V-DISK")) {
        err(p, "HCPDIR9113E Unsupported operand on MDISK: V-DISK");
        return;
    } else {
        if (parse_dec(t, DIR_MAX_CYLS - 1, &v)) {
            bad(p, "start cylinder", t);
            return;
        }
        d->u.mdisk.start = v;
        if (!(t = need(p, 4, "cylinders")))
            return;
        if (!strcmp(t, "END"))
            d->u.mdisk.cyls = DIR_CYLS_END;
        else if (parse_dec(t, DIR_MAX_CYLS, &v) || v == 0
                 || d->u.mdisk.start + v > DIR_MAX_CYLS) {
            bad(p, "number of cylinders", t);
            return;
        } else
            d->u.mdisk.cyls = v;
        if (!get_name(p, 5, "volume serial", is_name_char, DIR_VOLSER_LEN,
                      d->u.mdisk.volser))
            return;
        i = 6;
    }
    if (p->ntok > i && !get_mode(p, i, &d->u.mdisk.mode))
        return;
    if (!d->u.mdisk.tdisk) {
        char *pw[3] = { d->u.mdisk.readpw, d->u.mdisk.writepw, d->u.mdisk.multipw };
        static const char *const pwname[3] = { "read password", "write password",
                                               "multiple-write password" };
        for (int k = 0; k < 3; k++)
            if (p->ntok > i + 1 + k && !get_name(p, i + 1 + k, pwname[k], NULL, DIR_ID_LEN, pw[k]))
                return;
        i += 3;
    }
    if (!no_more(p, i + 1))
        return;
    p->cur->ndevs++;
}

static void stmt_link(struct parser *p)
{
    const char *t = need(p, 1, "userid");
    if (!t)
        return;
    if (strcmp(t, "*") && !dir_valid_userid(t)) {
        bad(p, "userid", t);
        return;
    }
    /* The vdevs are operands 2 and 3: shift the user out of the way so
     * new_dev() finds the link's own vdev (asvdev) as operand 1. */
    const char *target = need(p, 2, "virtual device number");
    if (!target || !need(p, 3, "virtual device number to link as"))
        return;
    uint16_t tv;
    if (dir_parse_vdev(target, &tv)) {
        bad(p, "virtual device number", target);
        return;
    }
    char userid[DIR_ID_LEN + 1] = "";
    memcpy(userid, t, strlen(t) + 1);
    char *save1 = p->tok[1];
    p->tok[1] = p->tok[3];
    struct dir_dev *d = new_dev(p, DIR_DEV_LINK);
    p->tok[1] = save1;
    if (!d)
        return;
    memcpy(d->u.link.userid, userid, sizeof userid);
    d->u.link.target = tv;
    d->u.link.mode = DIR_DEFAULT_LINK_MODE;
    if (p->ntok > 4 && !get_mode(p, 4, &d->u.link.mode))
        return;
    if (!no_more(p, 5))
        return;
    p->cur->ndevs++;
}

static void stmt_ipl(struct parser *p)
{
    struct dir_user *u = p->cur;
    char name[DIR_ID_LEN + 1] = "", lp[DIR_ID_LEN + 1] = "", parm[DIR_MAX_PARM + 1] = "";
    if (!get_name(p, 1, "device or system name", is_name_char, DIR_ID_LEN, name))
        return;
    int i = 2;
    if (i < p->ntok && !strcmp(p->tok[i], "LOADPARM")) {
        if (!get_name(p, i + 1, "load parameter", is_name_char, DIR_ID_LEN, lp))
            return;
        i += 2;
    }
    if (i < p->ntok && !strcmp(p->tok[i], "PARM")) {
        /* The rest of the line as written (case kept), blanks trimmed. */
        size_t a = p->tokpos[i] + 4, b = p->rawlen;
        while (a < b && ch_isspace(p->raw[a]))
            a++;
        while (b > a && ch_isspace(p->raw[b - 1]))
            b--;
        if (a == b) {
            err(p, "HCPDIR9114E Missing operand on IPL: PARM text");
            return;
        }
        if (b - a > DIR_MAX_PARM) {
            err(p, "HCPDIR9124E IPL PARM text is longer than %d characters", DIR_MAX_PARM);
            return;
        }
        memcpy(parm, p->raw + a, b - a);
        parm[b - a] = 0;
        i = p->ntok;
    }
    if (!no_more(p, i) || !first_of(p, &p->ipl_line))
        return;
    uint16_t vdev = 0;
    u->ipl = true;
    u->ipl_is_vdev = strlen(name) <= 4 && !dir_parse_vdev(name, &vdev);
    u->ipl_vdev = vdev;
    memcpy(u->ipl_name, name, sizeof name);
    memcpy(u->loadparm, lp, sizeof lp);
    memcpy(u->ipl_parm, parm, sizeof parm);
    p->ipl_line = p->line;
}

static void stmt_option(struct parser *p)
{
    struct dir_user *u = p->cur;
    uint32_t opts = 0, maxconn = u->maxconn, cpuid = u->cpuid;
    char lang[sizeof u->lang];
    memcpy(lang, u->lang, sizeof lang);
    if (!need(p, 1, "option"))
        return;
    for (int i = 1; i < p->ntok; i++) {
        const char *t = p->tok[i];
        unsigned k;
        for (k = 0; k < NOPTIONS; k++)
            if (!strcmp(t, options[k].name))
                break;
        if (k == NOPTIONS) {
            bad(p, "option", t);
            return;
        }
        opts |= options[k].bit;
        if (options[k].arg == OPTARG_NONE)
            continue;
        const char *v = need(p, ++i, options[k].name);
        if (!v)
            return;
        bool ok = true;
        switch (options[k].arg) {
        case OPTARG_MAXCONN:
            ok = !parse_dec(v, DIR_MAX_MAXCONN, &maxconn);
            break;
        case OPTARG_CPUID:
            ok = !parse_hex(v, 6, 0xFFFFFF, &cpuid);
            break;
        case OPTARG_LANG:
            ok = strlen(v) < sizeof lang;
            for (size_t n = 0; ok && v[n]; n++)
                ok = is_alnum(v[n]);
            if (ok) {
                memset(lang, 0, sizeof lang);
                memcpy(lang, v, strlen(v));
            }
            break;
        default:
            break;
        }
        if (!ok) {
            err(p, "HCPDIR9115E Invalid %s value on OPTION: %.40s", options[k].name, v);
            return;
        }
    }
    u->options |= opts;
    u->maxconn = maxconn;
    u->cpuid = cpuid;
    memcpy(u->lang, lang, sizeof lang);
}

static void stmt_account(struct parser *p)
{
    struct dir_user *u = p->cur;
    char acct[DIR_ID_LEN + 1] = "", dist[DIR_ID_LEN + 1] = "";
    if (!get_name(p, 1, "account number", NULL, DIR_ID_LEN, acct))
        return;
    if (p->ntok > 2 && !get_name(p, 2, "distribution code", NULL, DIR_ID_LEN, dist))
        return;
    if (!no_more(p, 3) || !first_of(p, &p->account_line))
        return;
    memcpy(u->account, acct, sizeof acct);
    memcpy(u->distcode, dist, sizeof dist);
    u->account_set = true;
    p->account_line = p->line;
}

static const struct {
    const char *name;
    void (*fn)(struct parser *p);
} statements[] = {
    { "MACHINE", stmt_machine }, { "CPU", stmt_cpu }, { "CONSOLE", stmt_console },
    { "SPOOL", stmt_spool }, { "MDISK", stmt_mdisk }, { "LINK", stmt_link },
    { "IPL", stmt_ipl }, { "OPTION", stmt_option }, { "ACCOUNT", stmt_account },
};

/* Cut the current line into upper-cased tokens.  Returns false if there
 * were more than DIR_MAX_TOKENS (the first DIR_MAX_TOKENS are kept). */
static bool tokenize(struct parser *p, size_t n)
{
    size_t i = 0;
    p->ntok = 0;
    memset(p->buf, 0, sizeof p->buf);
    for (size_t k = 0; k < n; k++)
        p->buf[k] = (char)ch_upper(p->raw[k]);
    for (;;) {
        while (i < n && ch_isspace(p->buf[i]))
            p->buf[i++] = 0;
        if (i >= n)
            return true;
        if (p->ntok == DIR_MAX_TOKENS)
            return false;
        p->tokpos[p->ntok] = i;
        p->tok[p->ntok++] = &p->buf[i];
        while (i < n && !ch_isspace(p->buf[i]))
            i++;
    }
}

static void start_skip(struct parser *p)
{
    finish_entry(p);
    p->seen_user = true;
    p->skipping = true;
}

static void parse_line(struct parser *p, const char *raw, size_t len)
{
    p->raw = raw;
    p->rawlen = len;
    p->user_stmt = false;
    if (len == 0 || raw[0] == '*')
        return;                 /* blank line or comment (any characters) */
    size_t n = len > DIR_MAX_LINE ? DIR_MAX_LINE : len;
    bool room = tokenize(p, n);
    if (p->ntok == 0 && len <= DIR_MAX_LINE)
        return;
    const char *kw = p->ntok ? p->tok[0] : "";
    bool is_user = !strcmp(kw, "USER");
    if (is_user) {
        finish_entry(p);
        p->user_stmt = true;
    }
    /* Problems with the line itself. */
    const char *what = NULL;
    unsigned badc = 0, badcol = 0;
    if (len > DIR_MAX_LINE)
        what = "long";
    else if (!room)
        what = "tokens";
    else
        for (size_t k = 0; k < len; k++) {
            unsigned char c = (unsigned char)raw[k];
            if ((c < 0x20 && c != '\t') || c >= 0x7F) {
                badc = c;
                badcol = (unsigned)k + 1;
                what = "char";
                break;
            }
        }
    if (what) {
        if (!is_user && (p->skipping || !strcmp(kw, "DIRECTORY")))
            return;             /* inside a skipped entry: nothing to say */
        if (*what == 'l')
            err(p, "HCPDIR9121E Line is longer than %d characters", DIR_MAX_LINE);
        else if (*what == 't')
            err(p, "HCPDIR9120E Too many operands: the limit is %d", DIR_MAX_TOKENS - 1);
        else
            err(p, "HCPDIR9123E Invalid character X'%02X' in column %u", badc, badcol);
        if (is_user)
            start_skip(p);
        return;
    }
    if (is_user) {
        stmt_user(p);
        return;
    }
    if (in_list(kw, unsupported_entries, sizeof unsupported_entries / sizeof unsupported_entries[0])) {
        err(p, "HCPDIR9113E Unsupported statement %s; its entry is skipped", kw);
        start_skip(p);
        return;
    }
    if (!strcmp(kw, "DIRECTORY")) {
        /* z/VM's first statement names the directory volume; nothing to do. */
        if (p->seen_user)
            err(p, "HCPDIR9125E DIRECTORY must come before the first USER statement");
        return;
    }
    if (p->skipping)
        return;                 /* inside a skipped entry */
    if (!p->seen_user) {
        err(p, "HCPDIR9111E Statement before the first USER statement: %.40s", kw);
        return;
    }
    for (unsigned i = 0; i < sizeof statements / sizeof statements[0]; i++)
        if (!strcmp(kw, statements[i].name)) {
            statements[i].fn(p);
            return;
        }
    if (in_list(kw, unsupported_stmts, sizeof unsupported_stmts / sizeof unsupported_stmts[0]))
        err(p, "HCPDIR9113E Unsupported statement %s", kw);
    else
        err(p, "HCPDIR9112E Unknown statement %.40s", kw);
}

int dir_parse(struct directory *d, const char *text, size_t len,
              dir_error_fn *error, void *arg)
{
    struct parser ps;           /* about 1.3 KB of stack */
    struct parser *p = &ps;
    memset(d, 0, sizeof *d);
    memset(p, 0, sizeof *p);
    p->d = d;
    p->error = error;
    p->arg = arg;
    size_t pos = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        size_t n = end - pos;
        if (n && text[pos + n - 1] == '\r')
            n--;
        p->line++;
        parse_line(p, text + pos, n);
        pos = end + 1;
    }
    p->user_stmt = false;
    finish_entry(p);
    return d->errors;
}

const struct dir_user *dir_find(const struct directory *d, const char *userid)
{
    for (int i = 0; i < d->nusers; i++)
        if (!str_casecmp(d->users[i].userid, userid))
            return &d->users[i];
    return NULL;
}

const struct dir_dev *dir_find_dev(const struct dir_user *u, uint16_t vdev)
{
    for (int i = 0; i < u->ndevs; i++)
        if (u->devs[i].vdev == vdev)
            return &u->devs[i];
    return NULL;
}

/* ---- formatting ------------------------------------------------------------ */

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, const char *f, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int n = vfmt(room ? o->buf + o->len : NULL, room, f, ap);
    va_end(ap);
    o->len += (size_t)n;
}

static void end(struct out *o)
{
    if (o->size)
        o->buf[o->len < o->size ? o->len : o->size - 1] = 0;
}

static const char *pw(const char *s, unsigned flags)
{
    return flags & DIR_FMT_PASSWORDS ? s : "XXXXXXXX";
}

static void format_dev(struct out *o, const struct dir_dev *d, unsigned flags)
{
    switch (d->kind) {
    case DIR_DEV_CONSOLE:
        put(o, "CONSOLE %04X %u %c", d->vdev, d->devtype, d->u.console.cls);
        if (d->u.console.secuser[0])
            put(o, " %s", d->u.console.secuser);
        break;
    case DIR_DEV_SPOOL: {
        static const char *const what[] = { "READER", "PUNCH", "PRINTER" };
        put(o, "SPOOL %04X ", d->vdev);
        if (d->devtype == 2540)
            put(o, "2540 %s", what[d->u.spool.what]);
        else
            put(o, "%u", d->devtype);
        put(o, " %c", d->u.spool.cls);
        break;
    }
    case DIR_DEV_MDISK:
        put(o, "MDISK %04X %u ", d->vdev, d->devtype);
        if (d->u.mdisk.tdisk)
            put(o, "T-DISK %u", d->u.mdisk.cyls);
        else if (d->u.mdisk.cyls == DIR_CYLS_END)
            put(o, "%u END %s", d->u.mdisk.start, d->u.mdisk.volser);
        else
            put(o, "%u %u %s", d->u.mdisk.start, d->u.mdisk.cyls, d->u.mdisk.volser);
        put(o, " %s", dir_mode_name(d->u.mdisk.mode));
        if (d->u.mdisk.readpw[0])
            put(o, " %s", pw(d->u.mdisk.readpw, flags));
        if (d->u.mdisk.writepw[0])
            put(o, " %s", pw(d->u.mdisk.writepw, flags));
        if (d->u.mdisk.multipw[0])
            put(o, " %s", pw(d->u.mdisk.multipw, flags));
        break;
    case DIR_DEV_LINK:
        put(o, "LINK %s %04X %04X %s", d->u.link.userid, d->u.link.target, d->vdev,
            dir_mode_name(d->u.link.mode));
        break;
    }
}

int dir_format_dev(const struct dir_dev *dev, char *buf, size_t size, unsigned flags)
{
    struct out o = { buf, size, 0 };
    format_dev(&o, dev, flags);
    end(&o);
    return (int)o.len;
}

int dir_format_user(const struct dir_user *u, char *buf, size_t size, unsigned flags)
{
    struct out o = { buf, size, 0 };
    char stor[24], maxs[24], cls[DIR_MAX_CLASSES + 1];
    static const char *const pwkw[] = { "", "NOLOG", "NOPASS", "AUTOONLY", "LBYONLY" };
    dir_format_storage(u->storage, stor, sizeof stor);
    dir_format_storage(u->maxstorage, maxs, sizeof maxs);
    dir_format_classes(u->classes, cls);
    put(&o, "USER %s %s %s %s %s\n", u->userid,
        u->pwkind == DIR_PW_PASSWORD ? pw(u->password, flags) : pwkw[u->pwkind],
        stor, maxs, cls);
    if (u->account_set)
        put(&o, " ACCOUNT %s%s%s\n", u->account, u->distcode[0] ? " " : "", u->distcode);
    put(&o, " MACHINE %s %d\n", dir_machine_name(u->machine), u->maxcpus);
    for (int i = 0; i < u->ncpus; i++)
        put(&o, " CPU %02X\n", u->cpus[i]);
    if (u->ipl) {
        put(&o, " IPL %s", u->ipl_name);
        if (u->loadparm[0])
            put(&o, " LOADPARM %s", u->loadparm);
        if (u->ipl_parm[0])
            put(&o, " PARM %s", u->ipl_parm);
        put(&o, "\n");
    }
    if (u->options) {
        put(&o, " OPTION");
        for (unsigned i = 0; i < NOPTIONS; i++) {
            if (!(u->options & options[i].bit))
                continue;
            put(&o, " %s", options[i].name);
            if (options[i].arg == OPTARG_MAXCONN)
                put(&o, " %u", u->maxconn);
            else if (options[i].arg == OPTARG_CPUID)
                put(&o, " %06X", u->cpuid);
            else if (options[i].arg == OPTARG_LANG)
                put(&o, " %s", u->lang);
        }
        put(&o, "\n");
    }
    for (int i = 0; i < u->ndevs; i++) {
        put(&o, " ");
        format_dev(&o, &u->devs[i], flags);
        put(&o, "\n");
    }
    end(&o);
    return (int)o.len;
}
