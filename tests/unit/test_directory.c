/* cp/sys/directory: the user directory (z/VM USER DIRECT syntax).
 * The shipped conf/user.direct, every statement's operands and defaults,
 * malformed input of every kind (the error, its line, what survives),
 * limits, line ends, formatting back, the shared helpers, and a mutation
 * run under the sanitizers.  Runs from the repository root. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/sys/directory.h"

#define KiB 1024ULL
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)

/* ---- collecting errors ----------------------------------------------------- */

#define MAX_ERRS 128
struct errs {
    int n;
    int line[MAX_ERRS];
    char msg[MAX_ERRS][256];
};

static void collect(void *arg, int line, const char *msg)
{
    struct errs *e = arg;
    if (e->n < MAX_ERRS) {
        e->line[e->n] = line;
        snprintf(e->msg[e->n], sizeof e->msg[0], "%s", msg);
    }
    e->n++;
}

static struct directory *dir;   /* one, on the heap: it is large */
static struct errs errs;

static int parse(const char *text)
{
    memset(&errs, 0, sizeof errs);
    int n = dir_parse(dir, text, strlen(text), collect, &errs);
    assert_int_equal(n, errs.n);
    assert_int_equal(dir->errors, errs.n);
    return n;
}

static int parse_len(const char *text, size_t len)
{
    memset(&errs, 0, sizeof errs);
    int n = dir_parse(dir, text, len, collect, &errs);
    assert_int_equal(n, errs.n);
    return n;
}

static void dump_errs(void)
{
    for (int i = 0; i < errs.n && i < MAX_ERRS; i++)
        print_message("  line %d: %s\n", errs.line[i], errs.msg[i]);
}

/* Exactly one error, on line `line`, whose message starts with `id`. */
static void expect_one_error(const char *text, int line, const char *id)
{
    if (errs.n != 1 || errs.line[0] != line || strncmp(errs.msg[0], id, strlen(id))) {
        dump_errs();
        fail_msg("input [%s]: wanted one error %s on line %d, got %d", text, id, line, errs.n);
    }
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (tests run from the repository root)", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static const struct dir_user *user(const char *id)
{
    const struct dir_user *u = dir_find(dir, id);
    if (!u)
        fail_msg("user %s is not in the directory", id);
    return u;
}

static const struct dir_dev *dev(const struct dir_user *u, uint16_t vdev)
{
    const struct dir_dev *d = dir_find_dev(u, vdev);
    if (!d)
        fail_msg("%s has no device %04X", u->userid, vdev);
    return d;
}

static uint32_t classes(const char *s)
{
    uint32_t m;
    assert_int_equal(dir_parse_classes(s, &m), 0);
    return m;
}

/* ---- the shipped directory ---------------------------------------------------- */

static void check_unit_record(const struct dir_user *u)
{
    const struct dir_dev *d = dev(u, 0x000C);
    assert_int_equal(d->kind, DIR_DEV_SPOOL);
    assert_int_equal(d->devtype, 2540);
    assert_int_equal(d->u.spool.what, DIR_SPOOL_READER);
    assert_int_equal(d->u.spool.cls, '*');
    d = dev(u, 0x000D);
    assert_int_equal(d->kind, DIR_DEV_SPOOL);
    assert_int_equal(d->devtype, 2540);
    assert_int_equal(d->u.spool.what, DIR_SPOOL_PUNCH);
    assert_int_equal(d->u.spool.cls, 'A');
    d = dev(u, 0x000E);
    assert_int_equal(d->kind, DIR_DEV_SPOOL);
    assert_int_equal(d->devtype, 1403);
    assert_int_equal(d->u.spool.what, DIR_SPOOL_PRINTER);
    assert_int_equal(d->u.spool.cls, 'A');
}

static void check_console(const struct dir_user *u, const char *secuser)
{
    const struct dir_dev *d = dev(u, 0x0009);
    assert_int_equal(d->kind, DIR_DEV_CONSOLE);
    assert_int_equal(d->devtype, 3215);
    assert_int_equal(d->u.console.cls, 'T');
    assert_string_equal(d->u.console.secuser, secuser);
}

static void check_mdisk(const struct dir_user *u, uint16_t vdev, uint32_t start, uint32_t cyls,
                        enum dir_mode mode)
{
    const struct dir_dev *d = dev(u, vdev);
    assert_int_equal(d->kind, DIR_DEV_MDISK);
    assert_int_equal(d->devtype, 3390);
    assert_false(d->u.mdisk.tdisk);
    assert_int_equal(d->u.mdisk.start, start);
    assert_int_equal(d->u.mdisk.cyls, cyls);
    assert_string_equal(d->u.mdisk.volser, "ZCPU01");
    assert_int_equal(d->u.mdisk.mode, mode);
}

static void check_link_0190(const struct dir_user *u)
{
    const struct dir_dev *d = dev(u, 0x0190);
    assert_int_equal(d->kind, DIR_DEV_LINK);
    assert_string_equal(d->u.link.userid, "MAINT");
    assert_int_equal(d->u.link.target, 0x0190);
    assert_int_equal(d->u.link.mode, DIR_MODE_RR);
}

static void conf_user_direct_parses_without_errors(void **state)
{
    size_t len;
    char *text = read_file("conf/user.direct", &len);
    memset(&errs, 0, sizeof errs);
    int n = dir_parse(dir, text, len, collect, &errs);
    if (n)
        dump_errs();
    assert_int_equal(n, 0);
    free(text);

    static const struct {
        const char *id, *pw;
        uint64_t stor, maxstor;
        const char *cls;
        int maxcpus, ndevs;
        const char *secuser, *account;
    } want[] = {
        { "OPERATOR", "OPERATOR", 32 * MiB, 128 * MiB, "ABCDEFG", 1, 4, "", "1" },
        { "MAINT", "MAINT", 64 * MiB, 256 * MiB, "ABCDEFG", 2, 6, "", "1" },
        { "USER1", "USER1", 32 * MiB, 256 * MiB, "G", 2, 6, "", "100" },
        { "USER2", "USER2", 32 * MiB, 256 * MiB, "G", 2, 6, "", "100" },
        { "TESTG1", "TESTG1", 16 * MiB, 64 * MiB, "G", 2, 7, "OPERATOR", "200" },
        { "TESTG2", "TESTG2", 16 * MiB, 64 * MiB, "G", 2, 5, "OPERATOR", "200" },
        { "TESTG3", "TESTG3", 16 * MiB, 64 * MiB, "G", 2, 4, "OPERATOR", "200" },
        { "TESTG4", "TESTG4", 16 * MiB, 64 * MiB, "G", 2, 4, "OPERATOR", "200" },
        { "TESTG5", "TESTG5", 16 * MiB, 64 * MiB, "G", 2, 5, "OPERATOR", "200" },
    };
    /* The entries above come first; bench and test users follow. */
    assert_true(dir->nusers >= (int)(sizeof want / sizeof want[0]));
    assert_non_null(user("LOOP10"));
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const struct dir_user *u = user(want[i].id);
        assert_ptr_equal(u, &dir->users[i]);           /* in file order */
        assert_string_equal(u->userid, want[i].id);
        assert_int_equal(u->pwkind, DIR_PW_PASSWORD);
        assert_string_equal(u->password, want[i].pw);
        assert_int_equal(u->storage, want[i].stor);
        assert_int_equal(u->maxstorage, want[i].maxstor);
        assert_int_equal(u->classes, classes(want[i].cls));
        assert_int_equal(u->machine, DIR_MACH_Z);
        assert_int_equal(u->maxcpus, want[i].maxcpus);
        assert_int_equal(u->ncpus, 0);
        assert_int_equal(u->ndevs, want[i].ndevs);
        assert_true(u->account_set);
        assert_string_equal(u->account, want[i].account);
        /* The test guests IPL their reader when XAUTOLOG logs them on. */
        if (strncmp(u->userid, "TESTG", 5) == 0) {
            assert_true(u->ipl && u->ipl_is_vdev);
            /* TESTG5 IPLs its minidisk (tests/system/t_dasd.py). */
            assert_int_equal(u->ipl_vdev, strcmp(u->userid, "TESTG5") ? 0x000C : 0x0191);
        } else {
            assert_false(u->ipl);
        }
        check_console(u, want[i].secuser);
        check_unit_record(u);
    }
    assert_true(dir_has_class(user("OPERATOR"), 'A'));
    assert_false(dir_has_class(user("USER1"), 'A'));
    assert_true(dir_has_class(user("USER1"), 'G'));

    const struct dir_user *m = user("MAINT");
    assert_int_equal(m->options, DIR_OPT_MAINTCCW | DIR_OPT_DEVMAINT | DIR_OPT_LNKNOPAS);
    check_mdisk(m, 0x0190, 1, 100, DIR_MODE_RR);
    assert_string_equal(dev(m, 0x0190)->u.mdisk.readpw, "ALL");
    check_mdisk(m, 0x0191, 101, 20, DIR_MODE_MR);
    check_mdisk(user("USER1"), 0x0191, 121, 10, DIR_MODE_MR);
    check_mdisk(user("USER2"), 0x0191, 131, 10, DIR_MODE_MR);
    /* The batch machine: AUTOONLY, XAUTOLOGged at IPL, CMS with PARM BATCH. */
    const struct dir_user *b = user("BATCH1");
    assert_non_null(b);
    assert_int_equal(b->pwkind, DIR_PW_AUTOONLY);
    assert_int_equal(b->options, DIR_OPT_AUTOSTART);
    assert_true(b->ipl && b->ipl_is_vdev);
    assert_int_equal(b->ipl_vdev, 0x0190);
    assert_string_equal(b->ipl_parm, "BATCH");
    check_console(b, "OPERATOR");
    check_unit_record(b);
    const struct dir_dev *bd = dev(b, 0x0191);
    assert_int_equal(bd->kind, DIR_DEV_MDISK);
    assert_int_equal(bd->u.mdisk.start, 20);
    assert_int_equal(bd->u.mdisk.cyls, 2);
    assert_string_equal(bd->u.mdisk.volser, "ZCPT01");
    assert_int_equal(bd->u.mdisk.mode, DIR_MODE_MR);
    check_link_0190(user("USER1"));
    check_link_0190(user("USER2"));
    for (int i = 1; i <= 4; i++) {
        char id[32];
        snprintf(id, sizeof id, "TESTG%d", i);
        assert_int_equal(user(id)->options, 0);
    }

    /* No two minidisks on a volume overlap, and every LINK names a
     * minidisk that exists. */
    for (int a = 0; a < dir->nusers; a++)
        for (int i = 0; i < dir->users[a].ndevs; i++) {
            const struct dir_dev *x = &dir->users[a].devs[i];
            if (x->kind == DIR_DEV_LINK) {
                const struct dir_user *o = user(x->u.link.userid);
                assert_int_equal(dev(o, x->u.link.target)->kind, DIR_DEV_MDISK);
            }
            if (x->kind != DIR_DEV_MDISK)
                continue;
            for (int b = a; b < dir->nusers; b++)
                for (int j = b == a ? i + 1 : 0; j < dir->users[b].ndevs; j++) {
                    const struct dir_dev *y = &dir->users[b].devs[j];
                    if (y->kind != DIR_DEV_MDISK || strcmp(x->u.mdisk.volser, y->u.mdisk.volser))
                        continue;
                    if (x->u.mdisk.start < y->u.mdisk.start + y->u.mdisk.cyls
                        && y->u.mdisk.start < x->u.mdisk.start + x->u.mdisk.cyls)
                        fail_msg("%s %04X overlaps %s %04X", dir->users[a].userid, x->vdev,
                                 dir->users[b].userid, y->vdev);
                }
        }
}

/* Clear the source line numbers so two parses can be compared. */
static void clear_lines(struct dir_user *u)
{
    u->line = 0;
    for (int i = 0; i < u->ndevs; i++)
        u->devs[i].line = 0;
}

/* Format every user back (with passwords), parse that, get the same. */
static void format_and_parse_again_gives_the_same_directory(void **state)
{
    size_t len;
    char *text = read_file("conf/user.direct", &len);
    assert_int_equal(parse_len(text, len), 0);
    free(text);
    struct directory *again = calloc(1, sizeof *again);
    static char out[DIR_MAX_USERS * 4096];
    size_t n = 0;
    for (int i = 0; i < dir->nusers; i++) {
        int k = dir_format_user(&dir->users[i], out + n, sizeof out - n, DIR_FMT_PASSWORDS);
        assert_true(k > 0 && (size_t)k < sizeof out - n);
        n += (size_t)k;
    }
    memset(&errs, 0, sizeof errs);
    assert_int_equal(dir_parse(again, out, n, collect, &errs), 0);
    assert_int_equal(again->nusers, dir->nusers);
    for (int i = 0; i < dir->nusers; i++) {
        clear_lines(&dir->users[i]);
        clear_lines(&again->users[i]);
        if (memcmp(&dir->users[i], &again->users[i], sizeof dir->users[i]))
            fail_msg("%s differs after format and parse", dir->users[i].userid);
    }
    free(again);
}

static void format_user_writes_canonical_statements(void **state)
{
    assert_int_equal(parse("user maint secret 64m 1g gabc\n"
                           " machine z 4\n"
                           " cpu 0 base\n"
                           " cpu 1\n"
                           " ipl 190 loadparm x1 parm AutoCR Mixed\n"
                           " option maxconn 10 quickdsp cpuid 0000ab lang ame\n"
                           " account 12 dist\n"
                           " console 9 3215 t operator\n"
                           " spool c 2540 rdr\n"
                           " spool d pun\n"
                           " spool e prt b\n"
                           " mdisk 191 3390 10 end vol1 mw rpw wpw mpw\n"
                           " mdisk 192 3390 t-disk 5\n"
                           " link * 191 291\n"), 0);
    char buf[2048];
    const char *want =
        "USER MAINT XXXXXXXX 64M 1G ABCG\n"
        " ACCOUNT 12 DIST\n"
        " MACHINE Z 4\n"
        " CPU 01\n"
        " IPL 190 LOADPARM X1 PARM AutoCR Mixed\n"
        " OPTION CPUID 0000AB LANG AME MAXCONN 10 QUICKDSP\n"
        " CONSOLE 0009 3215 T OPERATOR\n"
        " SPOOL 000C 2540 READER *\n"
        " SPOOL 000D 3525 A\n"
        " SPOOL 000E 1403 B\n"
        " MDISK 0191 3390 10 END VOL1 MW XXXXXXXX XXXXXXXX XXXXXXXX\n"
        " MDISK 0192 3390 T-DISK 5 W\n"
        " LINK * 0191 0291 R\n";
    int n = dir_format_user(&dir->users[0], buf, sizeof buf, 0);
    assert_string_equal(buf, want);
    assert_int_equal(n, (int)strlen(want));
    n = dir_format_user(&dir->users[0], buf, sizeof buf, DIR_FMT_PASSWORDS);
    assert_non_null(strstr(buf, "USER MAINT SECRET 64M 1G ABCG\n"));
    assert_non_null(strstr(buf, " VOL1 MW RPW WPW MPW\n"));

    /* A short buffer: NUL-terminated, and the full length is returned. */
    char small[10];
    memset(small, 'x', sizeof small);
    assert_int_equal(dir_format_user(&dir->users[0], small, sizeof small, 0), (int)strlen(want));
    assert_string_equal(small, "USER MAIN");
    assert_int_equal(dir_format_user(&dir->users[0], NULL, 0, 0), (int)strlen(want));

    assert_int_equal(dir_format_dev(dev(&dir->users[0], 0x000C), buf, sizeof buf, 0), 24);
    assert_string_equal(buf, "SPOOL 000C 2540 READER *");
}

/* ---- helpers shared with commands -------------------------------------------- */

static void storage_sizes_parse_and_format(void **state)
{
    static const struct { const char *s; uint64_t v; } good[] = {
        { "32M", 32 * MiB }, { "32m", 32 * MiB }, { "1G", GiB }, { "64K", 64 * KiB },
        { "1024K", MiB }, { "0016M", 16 * MiB }, { "16383G", 16383 * GiB },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        uint64_t v = 0;
        if (dir_parse_storage(good[i].s, &v) || v != good[i].v)
            fail_msg("dir_parse_storage(%s)", good[i].s);
    }
    static const char *const bad[] = {
        "", "M", "32", "32MB", "32 M", "-1M", "+1M", "0M", "0K", "1.5G", "32T", "G1",
        "17179869184G", "18014398509481984K", "99999999999999999999M", "M32",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint64_t v = 12345;
        if (!dir_parse_storage(bad[i], &v) || v != 12345)
            fail_msg("dir_parse_storage(%s) should fail", bad[i]);
    }
    static const struct { uint64_t v; const char *s; } fmts[] = {
        { 32 * MiB, "32M" }, { GiB, "1G" }, { 64 * KiB, "64K" }, { 1536 * MiB, "1536M" },
        { 1000, "1000" }, { 0, "0" }, { 4096 * GiB, "4096G" },
    };
    char buf[32];
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        dir_format_storage(fmts[i].v, buf, sizeof buf);
        assert_string_equal(buf, fmts[i].s);
    }
}

static void vdevs_userids_and_classes(void **state)
{
    static const struct { const char *s; uint16_t v; } good[] = {
        { "9", 9 }, { "000C", 0xC }, { "1a0", 0x1A0 }, { "FFFF", 0xFFFF }, { "0", 0 },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        uint16_t v = 1;
        assert_int_equal(dir_parse_vdev(good[i].s, &v), 0);
        assert_int_equal(v, good[i].v);
    }
    static const char *const badv[] = { "", "10000", "00000", "G", "0x9", "-1", "9 ", " 9" };
    for (size_t i = 0; i < sizeof badv / sizeof badv[0]; i++) {
        uint16_t v = 7;
        if (!dir_parse_vdev(badv[i], &v) || v != 7)
            fail_msg("dir_parse_vdev(%s) should fail", badv[i]);
    }

    static const char *const ids[] = { "MAINT", "a", "USER_1", "X-Y", "@#$", "12345678", "Maint" };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (!dir_valid_userid(ids[i]))
            fail_msg("userid %s should be valid", ids[i]);
    static const char *const badids[] = {
        "", "123456789", "A B", "A*", "A.B", "A%", "SYSTEM", "systemmp", "LOGN0001", "LOGLABCD",
        "logvxxxx", "*",
    };
    for (size_t i = 0; i < sizeof badids / sizeof badids[0]; i++)
        if (dir_valid_userid(badids[i]))
            fail_msg("userid %s should be invalid", badids[i]);
    assert_true(dir_valid_userid("LOGN"));          /* only the 8-character forms */
    assert_true(dir_valid_userid("SYSTEMS"));

    uint32_t m;
    assert_int_equal(dir_parse_classes("G", &m), 0);
    assert_int_equal(m, 1u << 6);
    assert_int_equal(dir_parse_classes("abcdefg", &m), 0);
    assert_int_equal(m, 0x7F);
    assert_int_equal(dir_parse_classes("Z16", &m), 0);
    assert_int_equal(m, (1u << 25) | (1u << 26) | (1u << 31));
    char buf[DIR_MAX_CLASSES + 1];
    dir_format_classes(0xFFFFFFFFu, buf);
    assert_string_equal(buf, "ABCDEFGHIJKLMNOPQRSTUVWXYZ123456");
    assert_int_equal(dir_parse_classes(buf, &m), 0);
    dir_format_classes(classes("GA3A"), buf);
    assert_string_equal(buf, "AG3");
    static const char *const badc[] = { "", "7", "0", "A*", "A B", "ABCDEFGHIJKLMNOPQRSTUVWXYZ1234567" };
    for (size_t i = 0; i < sizeof badc / sizeof badc[0]; i++)
        if (!dir_parse_classes(badc[i], &m))
            fail_msg("classes %s should be invalid", badc[i]);
    assert_int_equal(dir_class_bit('*'), 0);
    assert_string_equal(dir_option_name(DIR_OPT_TODENABLE), "TODENABLE");
    assert_null(dir_option_name(1u << 31));
    assert_string_equal(dir_mode_name(DIR_MODE_MW), "MW");
    assert_string_equal(dir_machine_name(DIR_MACH_XC), "XC");
}

/* ---- operands and defaults -------------------------------------------------- */

static void user_defaults_and_keywords(void **state)
{
    assert_int_equal(parse("USER A PW\n"), 0);
    const struct dir_user *u = user("A");
    assert_int_equal(u->storage, DIR_DEFAULT_STORAGE);
    assert_int_equal(u->maxstorage, DIR_DEFAULT_STORAGE);
    assert_int_equal(u->classes, DIR_DEFAULT_CLASSES);
    assert_int_equal(u->classes, classes("G"));
    assert_int_equal(u->machine, DIR_MACH_ESA);
    assert_int_equal(u->maxcpus, 1);
    assert_int_equal(u->ndevs, 0);
    assert_false(u->account_set);
    assert_false(u->ipl);
    assert_int_equal(u->line, 1);

    /* storage given, maxstorage not: the maximum is the logon size */
    assert_int_equal(parse("USER A PW 64M\n"), 0);
    assert_int_equal(user("A")->maxstorage, 64 * MiB);
    assert_int_equal(parse("USER A PW 2G 2048M\n"), 0);

    static const struct { const char *pw; enum dir_password k; } kw[] = {
        { "NOLOG", DIR_PW_NOLOG }, { "nopass", DIR_PW_NOPASS },
        { "AUTOONLY", DIR_PW_AUTOONLY }, { "LBYONLY", DIR_PW_LBYONLY },
        { "Secret", DIR_PW_PASSWORD },
    };
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "USER A %s 32M 64M G\n", kw[i].pw);
        assert_int_equal(parse(text), 0);
        assert_int_equal(user("a")->pwkind, kw[i].k);
        assert_string_equal(user("a")->password, kw[i].k == DIR_PW_PASSWORD ? "SECRET" : "");
    }
    char buf[256];
    dir_format_user(user("A"), buf, sizeof buf, DIR_FMT_PASSWORDS);
    assert_string_equal(buf, "USER A SECRET 32M 64M G\n MACHINE ESA 1\n");
    assert_int_equal(parse("USER B NOLOG\n"), 0);
    dir_format_user(user("B"), buf, sizeof buf, 0);
    assert_string_equal(buf, "USER B NOLOG 1M 1M G\n MACHINE ESA 1\n");

    /* DIRECTXA's extra USER tokens (placeholder, line-editing symbols) */
    assert_int_equal(parse("USER A PW 32M 64M G 64 # @ $ \"\n"), 0);
    assert_int_equal(dir->nusers, 1);
}

static void keywords_are_case_insensitive(void **state)
{
    assert_int_equal(parse("user Lower pw 32m 64m g\n"
                           "  Console 9 3215 t Operator\n"
                           "  sPOOL c reader\n"
                           "  machine xc 3\n"), 0);
    const struct dir_user *u = user("lower");
    assert_ptr_equal(u, user("LOWER"));
    assert_ptr_equal(u, user("LoWeR"));
    assert_string_equal(u->userid, "LOWER");
    assert_string_equal(dev(u, 9)->u.console.secuser, "OPERATOR");
    assert_int_equal(u->machine, DIR_MACH_XC);
    assert_int_equal(u->maxcpus, 3);
    assert_null(dir_find(dir, "LOWE"));
    assert_null(dir_find(dir, "LOWERX"));
    assert_null(dir_find_dev(u, 0x000D));
}

static void device_statements_and_their_defaults(void **state)
{
    assert_int_equal(parse("USER A PW 32M 64M G\n"
                           " CONSOLE 0009 3215\n"               /* line 2 */
                           " SPOOL 000C READER\n"
                           " SPOOL 000D PUNCH\n"
                           " SPOOL 000E PRINTER\n"
                           " SPOOL 0010 3505 B\n"
                           " SPOOL 0011 3525 C\n"
                           " SPOOL 0012 3211 1\n"
                           " SPOOL 0013 3203\n"
                           " SPOOL 0014 2540 PUNCH\n"            /* line 10 */
                           " SPOOL 0015 2540 READER 5\n"
                           " MDISK 0191 3390 1 10 VOL001\n"
                           " MDISK 0192 3380 0 END VOL002 R\n"
                           " MDISK 0193 3390 T-DISK 100\n"
                           " MDISK 0194 3390 T-DISK 100 MR\n"
                           " LINK MAINT 0190 0190\n"
                           " LINK * 0191 0291 W\n"
                           " CONSOLE 01F 3270\n"), 1);            /* a second CONSOLE */
    expect_one_error("", 18, "HCPDIR9122E");
    const struct dir_user *u = user("A");
    assert_int_equal(u->ndevs, 16);
    const struct dir_dev *d = dev(u, 9);
    assert_int_equal(d->u.console.cls, 'T');
    assert_string_equal(d->u.console.secuser, "");
    assert_int_equal(d->line, 2);
    static const struct { uint16_t vdev, type; enum dir_spoolkind what; char cls; } sp[] = {
        { 0xC, 3505, DIR_SPOOL_READER, '*' }, { 0xD, 3525, DIR_SPOOL_PUNCH, 'A' },
        { 0xE, 1403, DIR_SPOOL_PRINTER, 'A' }, { 0x10, 3505, DIR_SPOOL_READER, 'B' },
        { 0x11, 3525, DIR_SPOOL_PUNCH, 'C' }, { 0x12, 3211, DIR_SPOOL_PRINTER, '1' },
        { 0x13, 3203, DIR_SPOOL_PRINTER, 'A' }, { 0x14, 2540, DIR_SPOOL_PUNCH, 'A' },
        { 0x15, 2540, DIR_SPOOL_READER, '5' },
    };
    for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++) {
        d = dev(u, sp[i].vdev);
        assert_int_equal(d->kind, DIR_DEV_SPOOL);
        assert_int_equal(d->devtype, sp[i].type);
        assert_int_equal(d->u.spool.what, sp[i].what);
        assert_int_equal(d->u.spool.cls, sp[i].cls);
    }
    d = dev(u, 0x191);
    assert_int_equal(d->u.mdisk.mode, DIR_MODE_W);          /* z/VM's default */
    assert_string_equal(d->u.mdisk.readpw, "");
    d = dev(u, 0x192);
    assert_int_equal(d->devtype, 3380);
    assert_int_equal(d->u.mdisk.start, 0);
    assert_int_equal(d->u.mdisk.cyls, DIR_CYLS_END);
    assert_int_equal(d->u.mdisk.mode, DIR_MODE_R);
    d = dev(u, 0x193);
    assert_true(d->u.mdisk.tdisk);
    assert_int_equal(d->u.mdisk.cyls, 100);
    assert_string_equal(d->u.mdisk.volser, "");
    assert_int_equal(d->u.mdisk.mode, DIR_MODE_W);
    assert_int_equal(dev(u, 0x194)->u.mdisk.mode, DIR_MODE_MR);
    d = dev(u, 0x190);
    assert_int_equal(d->kind, DIR_DEV_LINK);
    assert_int_equal(d->u.link.mode, DIR_MODE_R);           /* z/VM's default */
    d = dev(u, 0x291);
    assert_string_equal(d->u.link.userid, "*");
    assert_int_equal(d->u.link.target, 0x191);
    assert_int_equal(d->u.link.mode, DIR_MODE_W);
    assert_null(dir_find_dev(u, 0x1F));

    /* every access mode */
    static const char *const modes[] = { "R", "RR", "W", "WR", "M", "MR", "MW" };
    for (int i = 0; i < 7; i++) {
        char text[128];
        snprintf(text, sizeof text, "USER A PW\n MDISK 191 3390 1 1 V %s\n LINK B 1 2 %s\n",
                 modes[i], modes[i]);
        assert_int_equal(parse(text), 0);
        assert_int_equal(dev(user("A"), 0x191)->u.mdisk.mode, (enum dir_mode)i);
        assert_int_equal(dev(user("A"), 2)->u.link.mode, (enum dir_mode)i);
    }
    /* the largest extent */
    assert_int_equal(parse("USER A PW\n MDISK 191 3390 0 65520 V\n MDISK 192 3390 65519 1 V\n"), 0);
}

static void machine_cpu_ipl_option_account(void **state)
{
    assert_int_equal(parse("USER A PW\n"
                           " MACHINE Z 64\n"
                           " CPU 00 BASE\n"
                           " CPU 3F\n"
                           " CPU 1\n"
                           " IPL CMS PARM  AutoCR   Mixed Case  \n"
                           " OPTION MAINTCCW\n"
                           " OPTION maxconn 128 todenable\n"
                           " ACCOUNT 1234 SYSPROG\n"), 0);
    const struct dir_user *u = user("A");
    assert_int_equal(u->machine, DIR_MACH_Z);
    assert_int_equal(u->maxcpus, 64);
    assert_int_equal(u->ncpus, 2);          /* CPU 00 is the base, always there */
    assert_int_equal(u->cpus[0], 0x3F);
    assert_int_equal(u->cpus[1], 1);
    assert_true(u->ipl);
    assert_string_equal(u->ipl_name, "CMS");
    assert_false(u->ipl_is_vdev);
    assert_string_equal(u->ipl_parm, "AutoCR   Mixed Case");   /* case kept, ends trimmed */
    assert_string_equal(u->loadparm, "");
    assert_int_equal(u->options, DIR_OPT_MAINTCCW | DIR_OPT_MAXCONN | DIR_OPT_TODENABLE);
    assert_int_equal(u->maxconn, 128);
    assert_string_equal(u->account, "1234");
    assert_string_equal(u->distcode, "SYSPROG");

    assert_int_equal(parse("USER A PW\n IPL 0190\n"), 0);
    assert_true(user("A")->ipl_is_vdev);
    assert_int_equal(user("A")->ipl_vdev, 0x190);
    assert_int_equal(parse("USER A PW\n IPL abc LOADPARM x PARM p=1\n"), 0);
    assert_true(user("A")->ipl_is_vdev);                    /* 1-4 hex digits: a device */
    assert_int_equal(user("A")->ipl_vdev, 0xABC);
    assert_string_equal(user("A")->loadparm, "X");
    assert_string_equal(user("A")->ipl_parm, "p=1");
    assert_int_equal(parse("USER A PW\n IPL LINUX1\n"), 0);
    assert_false(user("A")->ipl_is_vdev);
    /* PARM takes the rest of the line, keywords and all; 64 characters fit */
    char text[256];
    snprintf(text, sizeof text, "USER A PW\n IPL CMS PARM %064d\n", 7);
    assert_int_equal(parse(text), 0);
    assert_int_equal(strlen(user("A")->ipl_parm), 64);
    assert_int_equal(parse("USER A PW\n IPL CMS PARM LOADPARM PARM\n"), 0);
    assert_string_equal(user("A")->ipl_parm, "LOADPARM PARM");
    assert_int_equal(parse("USER A PW\n ACCOUNT 1\n OPTION CPUID 123456 LANG UCENG\n"), 0);
    assert_string_equal(user("A")->distcode, "");
    assert_int_equal(user("A")->cpuid, 0x123456);
    assert_string_equal(user("A")->lang, "UCENG");
    /* every OPTION keyword */
    assert_int_equal(parse("USER A PW\n OPTION ACCT APPLMON COMSRV CONCEAL D84NOPAS DEVINFO"
                           " DEVMAINT DIAG88 DIAG98 IGNMAXU LKFAC LNKEXCLU LNKNOPAS LNKSTABL"
                           " MAINTCCW MIH NOMDCFS QUICKDSP REALTIMER RMCHINFO STGEXEMPT SVC76"
                           " SVCOFF TODENABLE CPUID 1 LANG X MAXCONN 0\n"), 0);
    assert_int_equal(user("A")->options, (1u << 27) - 1);
}

/* ---- malformed input ---------------------------------------------------------- */

/* Each bad USER statement: one error on line 1 naming the entry skipped,
 * and no user. */
static void bad_user_statements(void **state)
{
    static const struct { const char *text, *id; } t[] = {
        { "USER", "HCPDIR9114E" },
        { "USER A", "HCPDIR9114E" },
        { "USER TOOLONGID PW", "HCPDIR9115E" },
        { "USER BAD%ID PW", "HCPDIR9115E" },
        { "USER A.B PW", "HCPDIR9115E" },
        { "USER SYSTEM PW", "HCPDIR9115E" },
        { "USER LOGN0001 PW", "HCPDIR9115E" },
        { "USER A PASSWORD9", "HCPDIR9115E" },
        { "USER A PW 32Q", "HCPDIR9115E" },
        { "USER A PW 32", "HCPDIR9115E" },
        { "USER A PW X", "HCPDIR9115E" },
        { "USER A PW 0M", "HCPDIR9115E" },
        { "USER A PW 1000K", "HCPDIR9115E" },            /* not whole megabytes */
        { "USER A PW 512K 1M", "HCPDIR9115E" },
        { "USER A PW 2048G", "HCPDIR9115E" },            /* above DIR_MAX_STORAGE */
        { "USER A PW 32M 64Q", "HCPDIR9115E" },
        { "USER A PW 32M 16M", "HCPDIR9119E" },
        { "USER A PW 1G 1023M", "HCPDIR9119E" },
        { "USER A PW 32M 64M H7", "HCPDIR9115E" },
        { "USER A PW 32M 64M G*", "HCPDIR9115E" },
        { "USER A PW 32M 64M ABCDEFGHIJKLMNOPQRSTUVWXYZ1234567", "HCPDIR9115E" },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "%s\n CONSOLE 0009 3215\n FOO\n", t[i].text);
        parse(text);
        expect_one_error(t[i].text, 1, t[i].id);       /* FOO is skipped silently */
        if (!strstr(errs.msg[0], "entry skipped"))
            fail_msg("[%s]: %s does not say the entry is skipped", t[i].text, errs.msg[0]);
        assert_int_equal(dir->nusers, 0);
    }
    /* the password is not echoed */
    parse("USER A TOPSECRET1\n");
    assert_null(strstr(errs.msg[0], "TOPSECRET1"));
}

/* Each bad statement inside a good entry: one error on line 2; the user
 * stays, the statement leaves no trace. */
static void bad_statements_in_an_entry(void **state)
{
    static const struct { const char *text, *id; } t[] = {
        { "MACHINE", "HCPDIR9114E" },
        { "MACHINE S390", "HCPDIR9115E" },
        { "MACHINE Z 0", "HCPDIR9115E" },
        { "MACHINE Z 65", "HCPDIR9115E" },
        { "MACHINE Z X", "HCPDIR9115E" },
        { "MACHINE Z 2 X", "HCPDIR9116E" },
        { "CPU", "HCPDIR9114E" },
        { "CPU 40", "HCPDIR9115E" },
        { "CPU 001", "HCPDIR9115E" },
        { "CPU G", "HCPDIR9115E" },
        { "CPU 01 FOO", "HCPDIR9116E" },
        { "CPU 00 BASE X", "HCPDIR9116E" },
        { "CPU 01 BASE", "HCPDIR9115E" },
        { "CONSOLE", "HCPDIR9114E" },
        { "CONSOLE 0009", "HCPDIR9114E" },
        { "CONSOLE 10000 3215", "HCPDIR9115E" },
        { "CONSOLE X9 3215", "HCPDIR9115E" },
        { "CONSOLE 0009 1403", "HCPDIR9115E" },
        { "CONSOLE 0009 3215X", "HCPDIR9115E" },
        { "CONSOLE 0009 3215 TT", "HCPDIR9115E" },
        { "CONSOLE 0009 3215 *", "HCPDIR9115E" },
        { "CONSOLE 0009 3215 T BAD%USER", "HCPDIR9115E" },
        { "CONSOLE 0009 3215 T OPERATOR X", "HCPDIR9116E" },
        { "SPOOL", "HCPDIR9114E" },
        { "SPOOL 000C", "HCPDIR9114E" },
        { "SPOOL 000C 9999", "HCPDIR9115E" },
        { "SPOOL 000C 3215", "HCPDIR9115E" },
        { "SPOOL 000C 2540", "HCPDIR9114E" },
        { "SPOOL 000C 2540 PRINTER", "HCPDIR9115E" },
        { "SPOOL 000D PUNCH *", "HCPDIR9115E" },         /* '*' is for readers */
        { "SPOOL 000E PRINTER AB", "HCPDIR9115E" },
        { "SPOOL 000E PRINTER A B", "HCPDIR9116E" },
        { "SPOOL 000C 2540 READER * X", "HCPDIR9116E" },
        { "MDISK", "HCPDIR9114E" },
        { "MDISK 0191", "HCPDIR9114E" },
        { "MDISK 0191 3390", "HCPDIR9114E" },
        { "MDISK 0191 3390 1", "HCPDIR9114E" },
        { "MDISK 0191 3390 1 10", "HCPDIR9114E" },
        { "MDISK 0191 3330 1 10 VOL", "HCPDIR9115E" },
        { "MDISK 0191 3390 X 10 VOL", "HCPDIR9115E" },
        { "MDISK 0191 3390 -1 10 VOL", "HCPDIR9115E" },
        { "MDISK 0191 3390 65520 1 VOL", "HCPDIR9115E" },
        { "MDISK 0191 3390 1 0 VOL", "HCPDIR9115E" },
        { "MDISK 0191 3390 1 X VOL", "HCPDIR9115E" },
        { "MDISK 0191 3390 65519 2 VOL", "HCPDIR9115E" },
        { "MDISK 0191 3390 1 99999999999 VOL", "HCPDIR9115E" },
        { "MDISK 0191 3390 1 10 VOLSER7", "HCPDIR9115E" },
        { "MDISK 0191 3390 1 10 VO.L", "HCPDIR9115E" },
        { "MDISK 0191 3390 1 10 VOL X", "HCPDIR9115E" },
        { "MDISK 0191 3390 1 10 VOL RW", "HCPDIR9115E" },
        { "MDISK 0191 3390 1 10 VOL MWV", "HCPDIR9115E" },
        { "MDISK 0191 3390 1 10 VOL MR TOOLONGPW", "HCPDIR9115E" },
        { "MDISK 0191 3390 1 10 VOL MR A B C D", "HCPDIR9116E" },
        { "MDISK 0191 3390 V-DISK 10", "HCPDIR9113E" },
        { "MDISK 0191 3390 T-DISK", "HCPDIR9114E" },
        { "MDISK 0191 3390 T-DISK 0", "HCPDIR9115E" },
        { "MDISK 0191 3390 T-DISK 10 X", "HCPDIR9115E" },
        { "MDISK 0191 3390 T-DISK 10 W PW", "HCPDIR9116E" },
        { "LINK", "HCPDIR9114E" },
        { "LINK MAINT", "HCPDIR9114E" },
        { "LINK MAINT 0190", "HCPDIR9114E" },
        { "LINK BAD%ID 0190 0190", "HCPDIR9115E" },
        { "LINK MAINT XYZ 0190", "HCPDIR9115E" },
        { "LINK MAINT 0190 XYZ", "HCPDIR9115E" },
        { "LINK MAINT 0190 0190 Q", "HCPDIR9115E" },
        { "LINK MAINT 0190 0190 RR X", "HCPDIR9116E" },
        { "IPL", "HCPDIR9114E" },
        { "IPL TOOLONGNAME", "HCPDIR9115E" },
        { "IPL C.S", "HCPDIR9115E" },
        { "IPL CMS FOO", "HCPDIR9116E" },
        { "IPL CMS PARM", "HCPDIR9114E" },
        { "IPL CMS PARM    ", "HCPDIR9114E" },
        { "IPL CMS PARM 12345678901234567890123456789012345678901234567890123456789012345",
          "HCPDIR9124E" },
        { "IPL CMS LOADPARM", "HCPDIR9114E" },
        { "IPL CMS LOADPARM TOOLONGLP", "HCPDIR9115E" },
        { "IPL CMS LOADPARM X Y", "HCPDIR9116E" },
        { "OPTION", "HCPDIR9114E" },
        { "OPTION FOO", "HCPDIR9115E" },
        { "OPTION MAINTCCW FOO", "HCPDIR9115E" },
        { "OPTION MAXCONN", "HCPDIR9114E" },
        { "OPTION MAXCONN X", "HCPDIR9115E" },
        { "OPTION MAXCONN 65536", "HCPDIR9115E" },
        { "OPTION CPUID 1234567", "HCPDIR9115E" },
        { "OPTION CPUID XYZ", "HCPDIR9115E" },
        { "OPTION LANG TOOLONG", "HCPDIR9115E" },
        { "ACCOUNT", "HCPDIR9114E" },
        { "ACCOUNT 123456789", "HCPDIR9115E" },
        { "ACCOUNT 1 123456789", "HCPDIR9115E" },
        { "ACCOUNT 1 2 3", "HCPDIR9116E" },
        { "FOO", "HCPDIR9112E" },
        { "MDISKS 0191 3390 1 1 V", "HCPDIR9112E" },
        { "INCLUDE IBMDFLT", "HCPDIR9113E" },
        { "DEDICATE 0200 0200", "HCPDIR9113E" },
        { "LOGONBY MAINT", "HCPDIR9113E" },
        { "STORAGE 64M", "HCPDIR9113E" },
        { " * indented comment", "HCPDIR9112E" },        /* comments start in column 1 */
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "USER A PW 32M 64M G\n %s\n", t[i].text);
        parse(text);
        expect_one_error(t[i].text, 2, t[i].id);
        assert_int_equal(dir->nusers, 1);
        const struct dir_user *u = user("A");
        if (u->ndevs || u->ncpus || u->ipl || u->options || u->account_set || u->maxcpus != 1
            || u->machine != DIR_MACH_ESA)
            fail_msg("[%s] left something behind", t[i].text);
    }
    /* minidisk passwords are not echoed either */
    parse("USER A PW\n MDISK 191 3390 1 1 V MR SECRETPW9\n");
    expect_one_error("mdisk pw", 2, "HCPDIR9115E");
    assert_null(strstr(errs.msg[0], "SECRETPW9"));
    /* an OPTION with a bad keyword sets none of its good ones */
    parse("USER A PW\n OPTION MAXCONN 5\n OPTION QUICKDSP MAXCONN 7 BAD\n");
    expect_one_error("OPTION", 3, "HCPDIR9115E");
    assert_int_equal(user("A")->options, DIR_OPT_MAXCONN);
    assert_int_equal(user("A")->maxconn, 5);
}

static void statements_before_the_first_user(void **state)
{
    parse("MACHINE Z\nUSER A PW\n CONSOLE 9 3215\n");
    expect_one_error("MACHINE before USER", 1, "HCPDIR9111E");
    assert_int_equal(user("A")->ndevs, 1);
    parse("* comment\n\nFOO BAR\nUSER A PW\n");
    expect_one_error("FOO before USER", 3, "HCPDIR9111E");
    /* z/VM's DIRECTORY statement: fine first, an error after a USER */
    assert_int_equal(parse("DIRECTORY 0123 3390 ZCPRES\nUSER A PW\n"), 0);
    parse("USER A PW\nDIRECTORY 0123 3390 ZCPRES\n CONSOLE 9 3215\n");
    expect_one_error("DIRECTORY after USER", 2, "HCPDIR9125E");
    assert_int_equal(user("A")->ndevs, 1);
}

static void duplicate_user_skips_the_second_entry(void **state)
{
    parse("USER A PW\n"
          " CONSOLE 0009 3215\n"
          "USER a PW2 64M\n"                    /* line 3 */
          " CONSOLE 0009 3215\n"                /* would be fine, but skipped */
          " SPOOL 000C BOGUS\n"                 /* bad, but skipped silently */
          "USER B PW\n"
          " SPOOL 000C READER\n");
    expect_one_error("duplicate user", 3, "HCPDIR9117E");
    assert_non_null(strstr(errs.msg[0], "first on line 1"));
    assert_int_equal(dir->nusers, 2);
    assert_int_equal(user("A")->ndevs, 1);
    assert_int_equal(user("A")->storage, MiB);
    assert_string_equal(user("A")->password, "PW");
    assert_int_equal(user("B")->ndevs, 1);
    assert_int_equal(user("B")->line, 6);
}

static void duplicate_vdevs_and_single_statements(void **state)
{
    parse("USER A PW\n"
          " CONSOLE 0009 3215\n"
          " SPOOL 9 READER\n");
    expect_one_error("dup vdev", 3, "HCPDIR9118E");
    assert_non_null(strstr(errs.msg[0], "0009"));
    assert_non_null(strstr(errs.msg[0], "first on line 2"));
    assert_int_equal(user("A")->ndevs, 1);
    assert_int_equal(dev(user("A"), 9)->kind, DIR_DEV_CONSOLE);

    static const char *const dup[] = {
        " MDISK 191 3390 1 1 V\n MDISK 0191 3390 2 1 V\n",
        " MDISK 191 3390 1 1 V\n LINK MAINT 190 191\n",
        " SPOOL C READER\n SPOOL 00C PUNCH\n",
        " CPU 1\n CPU 01\n",
        " CPU 0\n CPU 00 BASE\n",
    };
    for (size_t i = 0; i < sizeof dup / sizeof dup[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "USER A PW\n MACHINE ESA 4\n%s", dup[i]);
        parse(text);
        expect_one_error(dup[i], 4, "HCPDIR9118E");
    }
    /* one-per-entry statements */
    static const char *const once[] = {
        " MACHINE Z 2\n MACHINE ESA 1\n",
        " IPL CMS\n IPL 190\n",
        " ACCOUNT 1\n ACCOUNT 2\n",
        " CONSOLE 9 3215\n CONSOLE 1F 3215\n",
    };
    for (size_t i = 0; i < sizeof once / sizeof once[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "USER A PW\n%s", once[i]);
        parse(text);
        expect_one_error(once[i], 3, "HCPDIR9122E");
        assert_non_null(strstr(errs.msg[0], "first on line 2"));
    }
    assert_int_equal(user("A")->ndevs, 1);
    /* the first one counts */
    parse("USER A PW\n MACHINE Z 2\n MACHINE ESA 1\n");
    assert_int_equal(user("A")->machine, DIR_MACH_Z);
    /* and the count starts again in the next entry */
    assert_int_equal(parse("USER A PW\n MACHINE Z 2\nUSER B PW\n MACHINE ESA 1\n"), 0);
}

static void bad_entry_then_good_entry(void **state)
{
    parse("* a directory with a bad entry first\n"
          "USER BAD% PW 32M 64M G\n"             /* line 2 */
          " CONSOLE 0009 3215\n"
          " SPOOL 000C FOO\n"
          "USER GOOD PW 16M 32M G\n"            /* line 5 */
          " CONSOLE 0009 3215 T OPERATOR\n"
          " SPOOL 000C 2540 READER *\n"
          " MACHINE Z 2\n"
          " SPOOL 000D 2540 FOO\n"              /* line 9: bad, skipped */
          " SPOOL 000E 1403\n"
          "USER NEXT PW 16M 8M\n"               /* line 11: bad */
          " CONSOLE 0009 3215\n"
          "USER LAST PW\n");
    if (errs.n != 3)
        dump_errs();
    assert_int_equal(errs.n, 3);
    assert_int_equal(errs.line[0], 2);
    assert_int_equal(errs.line[1], 9);
    assert_int_equal(errs.line[2], 11);
    assert_int_equal(dir->nusers, 2);
    const struct dir_user *u = user("GOOD");
    assert_int_equal(u->line, 5);
    assert_int_equal(u->ndevs, 3);
    assert_int_equal(u->machine, DIR_MACH_Z);
    assert_int_equal(dev(u, 0xE)->line, 10);
    assert_null(dir_find_dev(u, 0xD));
    assert_int_equal(user("LAST")->ndevs, 0);
    assert_null(dir_find(dir, "NEXT"));
}

/* The example in docs/directory.md, message for message. */
static void the_documented_example(void **state)
{
    parse("USER BAD%ID PW 32M 64M G\n"
          " CONSOLE 0009 3215\n"
          "USER GOOD PW 16M 32M G\n"
          " SPOOL 000C 2540 READER *\n"
          " SPOOL 000C 1403\n"
          " MDISK 0191 3390 1 10\n"
          " FROB\n");
    assert_int_equal(errs.n, 4);
    assert_int_equal(errs.line[0], 1);
    assert_string_equal(errs.msg[0], "HCPDIR9115E Invalid userid on USER: BAD%ID; entry skipped");
    assert_int_equal(errs.line[1], 5);
    assert_string_equal(errs.msg[1], "HCPDIR9118E Duplicate virtual device 000C (first on line 4)");
    assert_int_equal(errs.line[2], 6);
    assert_string_equal(errs.msg[2], "HCPDIR9114E Missing operand on MDISK: volume serial");
    assert_int_equal(errs.line[3], 7);
    assert_string_equal(errs.msg[3], "HCPDIR9112E Unknown statement FROB");
    assert_int_equal(dir->nusers, 1);
    assert_int_equal(user("GOOD")->ndevs, 1);
}

static void unsupported_entries_are_skipped(void **state)
{
    parse("USER A PW\n"
          "PROFILE IBMDFLT\n"
          " CONSOLE 0009 3215\n"
          "USER B PW\n"
          " INCLUDE IBMDFLT\n"
          " CONSOLE 0009 3215\n"
          "IDENTITY C PW\n"
          " FOO\n");
    assert_int_equal(errs.n, 3);
    assert_int_equal(errs.line[0], 2);
    assert_int_equal(errs.line[1], 5);
    assert_int_equal(errs.line[2], 7);
    assert_int_equal(user("A")->ndevs, 0);
    assert_int_equal(user("B")->ndevs, 1);
    assert_int_equal(dir->nusers, 2);
}

/* ---- line handling ------------------------------------------------------------ */

static void line_ends_crlf_and_no_trailing_newline(void **state)
{
    assert_int_equal(parse("USER A PW\n CONSOLE 0009 3215"), 0);
    assert_int_equal(user("A")->ndevs, 1);
    assert_int_equal(parse("USER A PW\r\n CONSOLE 0009 3215 T OPERATOR\r\n IPL CMS PARM x y\r\n"), 0);
    assert_string_equal(dev(user("A"), 9)->u.console.secuser, "OPERATOR");
    assert_string_equal(user("A")->ipl_parm, "x y");
    assert_int_equal(parse("USER A PW\r\n SPOOL C READER\r"), 0);
    assert_int_equal(dev(user("A"), 0xC)->u.spool.cls, '*');
    assert_int_equal(parse("\t\tUSER\tA\tPW\t\n\t SPOOL\tC READER\t\n"), 0);
    assert_int_equal(user("A")->ndevs, 1);
    /* empty input, blank lines, comments only */
    assert_int_equal(parse(""), 0);
    assert_int_equal(dir->nusers, 0);
    assert_int_equal(parse("\n\n   \n*\n* x\n\r\n"), 0);
    assert_int_equal(dir->nusers, 0);
    /* error line numbers count CRLF lines and blank lines */
    parse("\r\n* c\r\nUSER A PW\r\n\r\n FOO\r\n");
    expect_one_error("crlf", 5, "HCPDIR9112E");

    /* the whole conf with CRLF line ends and no final line end parses the same */
    size_t len;
    char *text = read_file("conf/user.direct", &len);
    char *crlf = malloc(2 * len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = text[i];
    }
    n -= 2;                                     /* drop the last CRLF */
    struct directory *a = calloc(1, sizeof *a);
    assert_int_equal(dir_parse(a, text, len, NULL, NULL), 0);
    assert_int_equal(dir_parse(dir, crlf, n, NULL, NULL), 0);
    assert_int_equal(a->nusers, dir->nusers);
    assert_memory_equal(a, dir, sizeof *a);
    free(a);
    free(crlf);
    free(text);
}

static void long_lines_and_bad_characters(void **state)
{
    char text[2048], line[512];
    /* exactly DIR_MAX_LINE characters: fine */
    memset(line, ' ', sizeof line);
    memcpy(line, " OPTION QUICKDSP", 16);
    line[DIR_MAX_LINE] = 0;
    snprintf(text, sizeof text, "USER A PW\n%s\n", line);
    assert_int_equal(parse(text), 0);
    assert_int_equal(user("A")->options, DIR_OPT_QUICKDSP);
    /* one more: an error, the statement skipped */
    memset(line, ' ', sizeof line);
    memcpy(line, " OPTION QUICKDSP", 16);
    line[DIR_MAX_LINE + 1] = 0;
    snprintf(text, sizeof text, "USER A PW\n%s\n SPOOL C READER\n", line);
    parse(text);
    expect_one_error("long line", 2, "HCPDIR9121E");
    assert_int_equal(user("A")->options, 0);
    assert_int_equal(user("A")->ndevs, 1);
    /* a long USER line: its entry is skipped; a long comment is fine */
    memset(line, 'X', sizeof line);
    memcpy(line, "USER B PW 32M 64M G ", 20);
    line[300] = 0;
    snprintf(text, sizeof text, "USER A PW\n%s\n SPOOL C READER\nUSER C PW\n*%s\n", line, line);
    parse(text);
    expect_one_error("long USER", 2, "HCPDIR9121E");
    assert_int_equal(dir->nusers, 2);
    assert_int_equal(user("A")->ndevs, 0);
    assert_int_equal(user("C")->ndevs, 0);
    /* the long line itself is no statement even if it ends in one */
    memset(line, ' ', sizeof line);
    line[400] = 0;
    snprintf(text, sizeof text, "USER A PW\n%sSPOOL C READER\n", line);
    parse(text);
    expect_one_error("blank long", 2, "HCPDIR9121E");
    assert_int_equal(user("A")->ndevs, 0);

    /* too many tokens */
    strcpy(text, "USER A PW\n OPTION");
    for (int i = 0; i < DIR_MAX_TOKENS; i++)
        strcat(text, " MIH");
    strcat(text, "\n");
    parse(text);
    expect_one_error("tokens", 2, "HCPDIR9120E");
    assert_int_equal(user("A")->options, 0);

    /* control characters and bytes above 0x7E (a comment may hold anything) */
    static const char bad[] = "USER A PW\n CONSOLE 0009 3215\x01\n SPOOL C\x80 READER\n*\x01\xff\n";
    assert_int_equal(parse_len(bad, sizeof bad - 1), 2);
    assert_int_equal(errs.line[0], 2);
    assert_non_null(strstr(errs.msg[0], "HCPDIR9123E Invalid character X'01' in column 19"));
    assert_int_equal(errs.line[1], 3);
    assert_non_null(strstr(errs.msg[1], "X'80'"));
    assert_int_equal(user("A")->ndevs, 0);
    static const char nul[] = "USER A PW\n SPOOL C READER\0\n SPOOL D PUNCH\n";
    assert_int_equal(parse_len(nul, sizeof nul - 1), 1);
    assert_int_equal(errs.line[0], 2);
    assert_int_equal(user("A")->ndevs, 1);
    /* a bad character on a USER line skips the entry */
    static const char badu[] = "USER A\x07 PW\n SPOOL C READER\nUSER B PW\n";
    assert_int_equal(parse_len(badu, sizeof badu - 1), 1);
    assert_non_null(strstr(errs.msg[0], "entry skipped"));
    assert_int_equal(dir->nusers, 1);
}

/* ---- limits --------------------------------------------------------------------- */

static void limits_are_errors(void **state)
{
    static char text[64 * 1024];
    size_t n = 0;
    for (int i = 0; i <= DIR_MAX_USERS; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "USER U%d PW\n SPOOL C READER\n", i);
    parse(text);
    expect_one_error("65 users", 2 * DIR_MAX_USERS + 1, "HCPDIR9120E");
    assert_int_equal(dir->nusers, DIR_MAX_USERS);
    assert_null(dir_find(dir, "U64"));
    assert_non_null(dir_find(dir, "U63"));

    n = (size_t)snprintf(text, sizeof text, "USER A PW\n");
    for (int i = 0; i <= DIR_MAX_DEVS; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, " SPOOL %X PRINTER\n", 0x100 + i);
    parse(text);
    expect_one_error("33 devices", DIR_MAX_DEVS + 2, "HCPDIR9120E");
    assert_int_equal(user("A")->ndevs, DIR_MAX_DEVS);

    /* CPUs: CPU 00 and the extra ones no more than MACHINE allows
     * (checked at the end of the entry: MACHINE may come after CPU) */
    parse("USER A PW\n CPU 1\n MACHINE Z 3\n CPU 0\n CPU 2\n CPU 3\nUSER B PW\n");
    expect_one_error("4 CPUs for 3", 6, "HCPDIR9120E");
    assert_int_equal(user("A")->ncpus, 2);
    assert_int_equal(user("A")->cpus[1], 2);
    parse("USER A PW\n CPU 1\n CPU 2\n");
    assert_int_equal(errs.n, 2);
    assert_int_equal(errs.line[0], 2);
    assert_int_equal(errs.line[1], 3);
    assert_int_equal(user("A")->ncpus, 0);
    assert_int_equal(parse("USER A PW\n CPU 0 BASE\n"), 0);
    assert_int_equal(user("A")->ncpus, 0);
    n = (size_t)snprintf(text, sizeof text, "USER A PW\n MACHINE Z 64\n");
    for (int i = 0; i <= DIR_MAX_CPUADDR; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, " CPU %X\n", i);
    assert_int_equal(parse(text), 0);
    assert_int_equal(user("A")->ncpus, 63);
    n = (size_t)snprintf(text, sizeof text, "USER A PW\n MACHINE Z 63\n");
    for (int i = DIR_MAX_CPUADDR; i >= 0; i--)
        n += (size_t)snprintf(text + n, sizeof text - n, " CPU %X\n", i);
    parse(text);
    expect_one_error("64 CPUs for 63", 2 + 63, "HCPDIR9120E");   /* the 63rd extra one */
    assert_int_equal(user("A")->ncpus, 62);
}

/* ---- robustness ----------------------------------------------------------------- */

static void no_callback_still_counts(void **state)
{
    const char *t = "FOO\nUSER A PW\n BAR\n";
    assert_int_equal(dir_parse(dir, t, strlen(t), NULL, NULL), 2);
    assert_int_equal(dir->errors, 2);
    assert_int_equal(dir->nusers, 1);
}

/* Mutations of the shipped directory: never a crash (ASan/UBSan watch),
 * errors only on real lines, every user's tables within their limits. */
static void mutated_directories_do_not_break_the_parser(void **state)
{
    size_t len;
    char *text = read_file("conf/user.direct", &len);
    char *buf = malloc(len + 64);
    uint32_t seed = 12345;
    int lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    static const char pool[] = " \n\r\t*09AFGZ#$%-MRW\x01\x80\xff";
    for (int iter = 0; iter < 3000; iter++) {
        memcpy(buf, text, len);
        size_t n = len;
        for (int k = 0; k < 1 + iter % 8 && n > 1; k++) {
            seed = seed * 1103515245 + 12345;
            size_t at = (seed >> 8) % n;
            seed = seed * 1103515245 + 12345;
            switch (seed % 4) {
            case 0:
                buf[at] = pool[(seed >> 8) % (sizeof pool - 1)];
                break;
            case 1:             /* delete a byte */
                memmove(buf + at, buf + at + 1, n - at - 1);
                n--;
                break;
            case 2:             /* duplicate a byte */
                if (n < len + 60) {
                    memmove(buf + at + 1, buf + at, n - at);
                    n++;
                }
                break;
            default:            /* cut the text short */
                n = at + 1;
                break;
            }
        }
        memset(&errs, 0, sizeof errs);
        dir_parse(dir, buf, n, collect, &errs);
        for (int e = 0; e < errs.n && e < MAX_ERRS; e++)
            assert_true(errs.line[e] >= 1 && errs.line[e] <= lines + 64);
        assert_true(dir->nusers >= 0 && dir->nusers <= DIR_MAX_USERS);
        for (int u = 0; u < dir->nusers; u++) {
            assert_true(dir->users[u].ndevs <= DIR_MAX_DEVS);
            assert_true(1 + dir->users[u].ncpus <= dir->users[u].maxcpus);
            char out[4096];
            dir_format_user(&dir->users[u], out, sizeof out, DIR_FMT_PASSWORDS);
        }
    }
    free(buf);
    free(text);
}

static int setup(void **state)
{
    dir = calloc(1, sizeof *dir);
    return dir ? 0 : -1;
}

static int teardown(void **state)
{
    free(dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(conf_user_direct_parses_without_errors),
        cmocka_unit_test(format_and_parse_again_gives_the_same_directory),
        cmocka_unit_test(format_user_writes_canonical_statements),
        cmocka_unit_test(storage_sizes_parse_and_format),
        cmocka_unit_test(vdevs_userids_and_classes),
        cmocka_unit_test(user_defaults_and_keywords),
        cmocka_unit_test(keywords_are_case_insensitive),
        cmocka_unit_test(device_statements_and_their_defaults),
        cmocka_unit_test(machine_cpu_ipl_option_account),
        cmocka_unit_test(bad_user_statements),
        cmocka_unit_test(bad_statements_in_an_entry),
        cmocka_unit_test(statements_before_the_first_user),
        cmocka_unit_test(duplicate_user_skips_the_second_entry),
        cmocka_unit_test(duplicate_vdevs_and_single_statements),
        cmocka_unit_test(bad_entry_then_good_entry),
        cmocka_unit_test(the_documented_example),
        cmocka_unit_test(unsupported_entries_are_skipped),
        cmocka_unit_test(line_ends_crlf_and_no_trailing_newline),
        cmocka_unit_test(long_lines_and_bad_characters),
        cmocka_unit_test(limits_are_errors),
        cmocka_unit_test(no_callback_still_counts),
        cmocka_unit_test(mutated_directories_do_not_break_the_parser),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
