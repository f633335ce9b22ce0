/* cp/cmd: tokenizing, the command tables, privilege classes, and what each
 * command writes and returns (QUERY, SHUTDOWN, SLEEP). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/cmd/cmd.h"
#include "cp/dev/rdev.h"
#include "cp/sys/system.h"
#include "cp/sys/version.h"
#include "lib/tod.h"
#include "tests/unit/fakes.h"

#define MiB (1024ULL * 1024)
#define GiB (1024 * MiB)

/* ---- a console that keeps what commands write ---------------------------- */

#define OUT_LINES 32
static char out[OUT_LINES][512];
static int nout;

static void capture(void *arg, const char *line)
{
    assert_true(nout < OUT_LINES);
    snprintf(out[nout++], sizeof out[0], "%s", line);
}

static struct cmd_user user;
static struct cmd_ctx ctx = { .user = &user, .write = capture };

static int setup(void **state)
{
    fakes_reset();
    nout = 0;
    memset(&user, 0, sizeof user);
    user.userid = "OPERATOR";
    user.classes = "ABCDEFG";
    return 0;
}

/* Run a line as a user with `classes`; the output starts afresh. */
static int run_as(const char *classes, const char *line)
{
    nout = 0;
    user.classes = classes;
    return cmd_execute(&ctx, line);
}

static int run(const char *line)
{
    return run_as("ABCDEFG", line);
}

/* The output was exactly these lines (NULL-terminated). */
static void expect_lines(const char *first, ...)
{
    va_list ap;
    va_start(ap, first);
    int i = 0;
    for (const char *want = first; want; want = va_arg(ap, const char *), i++) {
        if (i >= nout)
            fail_msg("line %d missing, wanted \"%s\"", i + 1, want);
        assert_string_equal(out[i], want);
    }
    va_end(ap);
    assert_int_equal(nout, i);
}

/* ---- cmd_tokenize ------------------------------------------------------- */

static void tokenize_splits_on_blanks_and_tabs(void **state)
{
    char buf[64];
    struct cmd_args a;
    const char *line = "  query\t \tTime  x ";
    assert_int_equal(cmd_tokenize(line, buf, sizeof buf, &a), 3);
    assert_int_equal(a.n, 3);
    assert_string_equal(a.v[0], "QUERY");
    assert_string_equal(a.v[1], "TIME");
    assert_string_equal(a.v[2], "X");
}

static void tokenize_keeps_raw_pointers_into_the_line(void **state)
{
    char buf[64];
    struct cmd_args a;
    const char *line = " msg  Op hello, World";
    assert_int_equal(cmd_tokenize(line, buf, sizeof buf, &a), 4);
    assert_ptr_equal(a.raw[0], line + 1);
    assert_ptr_equal(a.raw[1], line + 6);
    assert_ptr_equal(a.raw[3], line + 16);
    assert_string_equal(a.raw[2], "hello, World");      /* case kept for text operands */
    assert_string_equal(a.v[2], "HELLO,");
}

static void tokenize_upper_cases_only_letters(void **state)
{
    char buf[64];
    struct cmd_args a;
    cmd_tokenize("a1b2-z_{}~", buf, sizeof buf, &a);
    assert_string_equal(a.v[0], "A1B2-Z_{}~");
}

static void tokenize_empty_and_blank_lines_have_no_tokens(void **state)
{
    char buf[8];
    struct cmd_args a = { .n = 99 };
    assert_int_equal(cmd_tokenize("", buf, sizeof buf, &a), 0);
    assert_int_equal(a.n, 0);
    assert_int_equal(cmd_tokenize(" \t  \t", buf, sizeof buf, &a), 0);
}

static void tokenize_refuses_more_than_cmd_maxargs_tokens(void **state)
{
    char line[4 * CMD_MAXARGS + 16] = "", buf[sizeof line * 2];
    struct cmd_args a;
    for (int i = 0; i < CMD_MAXARGS; i++)
        strcat(line, i % 2 ? "b " : "a ");
    assert_int_equal(cmd_tokenize(line, buf, sizeof buf, &a), CMD_MAXARGS);
    assert_string_equal(a.v[CMD_MAXARGS - 1], "B");
    strcat(line, "c");
    assert_int_equal(cmd_tokenize(line, buf, sizeof buf, &a), -1);
}

/* A line whose tokens do not all fit in buf is refused (-1), never cut
 * short, and nothing is written past bufsize (buf is exactly bufsize on the heap). */
static void tokenize_never_overruns_or_truncates_a_token(void **state)
{
    const char *line = "QUERY TIME EXTRAORDINARILY-LONG";
    for (int bufsize = 1; bufsize <= 40; bufsize++) {
        char *buf = malloc((size_t)bufsize);
        assert_non_null(buf);
        struct cmd_args a;
        int n = cmd_tokenize(line, buf, bufsize, &a);
        int want = bufsize >= 32 ? 3 : -1;
        assert_int_equal(n, want);
        if (n >= 1)
            assert_string_equal(a.v[0], "QUERY");
        if (n >= 2)
            assert_string_equal(a.v[1], "TIME");
        if (n >= 3)
            assert_string_equal(a.v[2], "EXTRAORDINARILY-LONG");
        free(buf);
    }
}

static void shift_drops_leading_tokens(void **state)
{
    char buf[64];
    struct cmd_args a;
    const char *line = "a b c";
    cmd_tokenize(line, buf, sizeof buf, &a);
    cmd_shift(&a, 1);
    assert_int_equal(a.n, 2);
    assert_string_equal(a.v[0], "B");
    assert_ptr_equal(a.raw[0], line + 2);
    cmd_shift(&a, 5);                                   /* more than there are */
    assert_int_equal(a.n, 0);
}

/* ---- the tables: every row's abbreviations ------------------------------ */

/* Every prefix at least minlen long names the row (and no other row),
 * one shorter does not, and nothing longer than the name does. */
static void check_table_abbreviations(const struct cmd_entry *table)
{
    int rows = 0;
    for (const struct cmd_entry *e = table; e->name; e++, rows++) {
        size_t len = strlen(e->name);
        char word[32];
        assert_true(len < sizeof word - 2);
        assert_true(e->minlen >= 1 && e->minlen <= len);
        assert_non_null(e->fn);
        assert_non_null(e->classes);
        assert_non_null(e->summary);
        for (size_t n = 1; n <= len; n++) {
            memcpy(word, e->name, n);
            word[n] = 0;
            assert_int_equal(cmd_matches(e, word), n >= e->minlen);
            const struct cmd_entry *hit = cmd_lookup(table, word, "ABCDEFG");
            if (n >= e->minlen)
                assert_ptr_equal(hit, e);
            else if (hit == e)
                fail_msg("%s found by %s, shorter than its minimum %d", e->name, word, e->minlen);
        }
        snprintf(word, sizeof word, "%sX", e->name);
        assert_false(cmd_matches(e, word));
        assert_null(cmd_lookup(table, word, "ABCDEFG"));
        assert_false(cmd_matches(e, ""));
    }
    assert_true(rows > 0);
}

static void every_command_abbreviation_works_and_no_shorter(void **state)
{
    check_table_abbreviations(cmd_table);
}

static void every_query_abbreviation_works_and_no_shorter(void **state)
{
    check_table_abbreviations(query_table);
}

/* The same through cmd_execute: the minimum runs the command, one
 * character less is an unknown command. */
static void command_minimum_abbreviations_run_through_execute(void **state)
{
    for (const struct cmd_entry *e = cmd_table; e->name; e++) {
        char word[32], want[80];
        snprintf(word, sizeof word, "%.*s", e->minlen, e->name);
        if (strcmp(e->name, "SHUTDOWN") != 0) {
            run(word);
            assert_true(nout == 0 || strncmp(out[0], "HCPCMD001E", 10) != 0);
        }
        if (e->minlen > 1) {
            snprintf(word, sizeof word, "%.*s", e->minlen - 1, e->name);
            if (!cmd_lookup(cmd_table, word, "ABCDEFG")) {
                assert_int_equal(run(word), RC_UNKNOWN_CMD);
                snprintf(want, sizeof want, "HCPCMD001E Unknown CP command: %s", word);
                expect_lines(want, NULL);
            }
        }
        snprintf(word, sizeof word, "%sX", e->name);
        assert_int_equal(run(word), RC_UNKNOWN_CMD);
    }
}

static void query_operand_minimum_abbreviations_run_through_execute(void **state)
{
    sys.storage = 64 * MiB;
    sys.storage_inc = 1 * MiB;
    for (const struct cmd_entry *e = query_table; e->name; e++) {
        char line[64], want[80];
        snprintf(line, sizeof line, "QUERY %.*s", e->minlen, e->name);
        run(line);
        assert_true(nout == 0 || strncmp(out[0], "HCPCMD003E", 10) != 0);
        snprintf(line, sizeof line, "QUERY %s", e->name);
        run(line);
        assert_true(nout == 0 || strncmp(out[0], "HCPCMD003E", 10) != 0);
        if (e->minlen > 1) {
            snprintf(line, sizeof line, "QUERY %.*s", e->minlen - 1, e->name);
            assert_int_equal(run(line), RC_INVALID_OPT);
            snprintf(want, sizeof want, "HCPCMD003E Invalid option - %.*s", e->minlen - 1, e->name);
            expect_lines(want, NULL);
        }
        snprintf(line, sizeof line, "QUERY %sX", e->name);
        assert_int_equal(run(line), RC_INVALID_OPT);
    }
}

static void commands_are_found_in_any_case(void **state)
{
    assert_int_equal(run("q tIMe"), 0);
    assert_int_equal(nout, 2);
    assert_int_equal(run("sLeEp 1 sec"), 0);
    assert_int_equal(fake_sleep_calls, 1);
}

/* ---- privilege classes ----------------------------------------------------- */

static void lookup_honours_classes(void **state)
{
    const struct cmd_entry *shut = cmd_lookup(cmd_table, "SHUTDOWN", "A");
    assert_non_null(shut);
    assert_null(cmd_lookup(cmd_table, "SHUTDOWN", "G"));
    assert_null(cmd_lookup(cmd_table, "SHUTDOWN", ""));
    assert_ptr_equal(cmd_lookup(cmd_table, "SHUTDOWN", "GA"), shut);
    assert_non_null(cmd_lookup(cmd_table, "QUERY", ""));        /* "*": everyone */
    assert_null(cmd_lookup(query_table, "DASD", "G"));
    assert_non_null(cmd_lookup(query_table, "DASD", "B"));
}

static void class_g_user_sees_shutdown_as_unknown(void **state)
{
    assert_int_equal(run_as("G", "SHUTDOWN"), RC_UNKNOWN_CMD);
    expect_lines("HCPCMD001E Unknown CP command: SHUTDOWN", NULL);
    assert_int_equal(fake_shutdown_calls, 0);
}

static void class_g_user_gets_invalid_option_for_class_b_queries(void **state)
{
    static const char *const opts[] = { "DASD", "STORAGE", "PROCESSORS" };
    for (int i = 0; i < 3; i++) {
        char line[32], want[64];
        snprintf(line, sizeof line, "QUERY %s", opts[i]);
        assert_int_equal(run_as("G", line), RC_INVALID_OPT);
        snprintf(want, sizeof want, "HCPCMD003E Invalid option - %s", opts[i]);
        expect_lines(want, NULL);
    }
}

static void class_g_user_may_query_time_and_sleep(void **state)
{
    assert_int_equal(run_as("G", "QUERY TIME"), 0);
    assert_int_equal(nout, 2);
    assert_int_equal(run_as("G", "QUERY CPLEVEL"), 0);
    assert_int_equal(nout, 3);
    assert_int_equal(run_as("G", "SLEEP 1"), 0);
    assert_int_equal(fake_sleep_calls, 1);
}

/* ---- cmd_execute: errors ------------------------------------------------------ */

static void unknown_command_is_hcpcmd001e(void **state)
{
    assert_int_equal(run("FOO"), RC_UNKNOWN_CMD);
    expect_lines("HCPCMD001E Unknown CP command: FOO", NULL);
    assert_int_equal(run("foo bar"), RC_UNKNOWN_CMD);
    expect_lines("HCPCMD001E Unknown CP command: FOO", NULL);
}

/* QUERY TERMINAL shows CONMODE 3215 (Linux's conmode_default() looks for
 * it); TERMINAL CONMODE accepts only 3215. */
static void terminal_conmode_is_3215(void **state)
{
    assert_int_equal(run("QUERY TERM"), 0);
    expect_lines("LINEND OFF, LINEDEL OFF, CHARDEL OFF, ESCAPE OFF, TABCHAR OFF",
                 "MODE VM, CONMODE 3215, AUTOCR ON", NULL);
    assert_int_equal(run("QUERY TERMINAL X"), RC_INVALID_OPT);
    expect_lines("HCPCMD003E Invalid option - X", NULL);
    assert_int_equal(run("TERM CONMODE 3215"), 0);
    assert_int_equal(nout, 0);
    assert_int_equal(run("terminal conm 3215"), 0);
    assert_int_equal(run("TERM CONMODE 3270"), RC_INVALID_OPER);
    expect_lines("HCPCMD002E Invalid operand - 3270", NULL);
    assert_int_equal(run("TERM CONMODE"), RC_MISSING_OPER);
    assert_int_equal(run("TERM CONMODE 3215 X"), RC_INVALID_OPT);
    assert_int_equal(run("TERM LINEND #"), RC_INVALID_OPT);
    expect_lines("HCPCMD003E Invalid option - LINEND", NULL);
    assert_int_equal(run("TERM"), RC_MISSING_OPER);
    assert_int_equal(run("TERM AUTOCR OFF"), 0);
    assert_int_equal(run("TERM AUTOCR MAYBE"), RC_INVALID_OPT);
    assert_int_equal(run("TERM AUTOCR"), RC_MISSING_OPER);
}

static void empty_line_does_nothing(void **state)
{
    user.cp_time = 77;
    fake_tod_step = TOD_PER_SEC;
    assert_int_equal(run(""), 0);
    assert_int_equal(run("   \t "), 0);
    assert_int_equal(nout, 0);
    assert_true(user.cp_time == 77);
    assert_true(fake_tod == 0);                 /* not even the clock was read */
}

static void query_without_operand_is_hcpcmd026e(void **state)
{
    assert_int_equal(run("QUERY"), RC_MISSING_OPER);
    expect_lines("HCPCMD026E Operand missing or invalid", NULL);
}

static void query_unknown_option_is_hcpcmd003e(void **state)
{
    assert_int_equal(run("QUERY FOO"), RC_INVALID_OPT);
    expect_lines("HCPCMD003E Invalid option - FOO", NULL);
}

static void query_extra_operand_is_hcpcmd003e(void **state)
{
    static const char *const lines[] = { "QUERY TIME NOW", "QUERY CPLEVEL X",
                                         "QUERY STORAGE X", "QUERY PROCESSORS X",
                                         "QUERY DASD ALL" };
    static const char *const bad[] = { "NOW", "X", "X", "X", "ALL" };
    for (int i = 0; i < 5; i++) {
        char want[64];
        assert_int_equal(run(lines[i]), RC_INVALID_OPT);
        snprintf(want, sizeof want, "HCPCMD003E Invalid option - %s", bad[i]);
        expect_lines(want, NULL);
    }
}

/* ---- QUERY TIME ---------------------------------------------------------------- */

static void query_time_shows_utc_time_weekday_and_date(void **state)
{
    fake_tod = tod_from_civil(2026, 11, 21, 14, 5, 9) + 999999 * TOD_PER_US;
    user.logon_tod = fake_tod - (1 * 3600 + 2 * 60 + 3) * TOD_PER_SEC;
    assert_int_equal(run("QUERY TIME"), 0);
    expect_lines("TIME IS 14:05:09 UTC SATURDAY 11/21/26",
                 "CONNECT= 01:02:03 VIRTCPU= 000:00.00 TOTCPU= 000:00.00", NULL);
}

static void query_time_pads_every_field_with_zeros(void **state)
{
    fake_tod = tod_from_civil(2001, 2, 3, 4, 5, 6);
    user.logon_tod = fake_tod;
    assert_int_equal(run("Q TIME"), 0);
    expect_lines("TIME IS 04:05:06 UTC SATURDAY 02/03/01",
                 "CONNECT= 00:00:00 VIRTCPU= 000:00.00 TOTCPU= 000:00.00", NULL);
}

static void query_time_shows_cp_time_in_minutes_seconds_hundredths(void **state)
{
    fake_tod = tod_from_civil(2026, 1, 1, 0, 0, 0);
    user.logon_tod = fake_tod - 59 * TOD_PER_SEC;
    user.cp_time = (20 * 60 + 34) * TOD_PER_SEC + 567 * TOD_PER_MS;
    run("QUERY TIME");
    assert_string_equal(out[1], "CONNECT= 00:00:59 VIRTCPU= 000:00.00 TOTCPU= 020:34.56");
}

/* cmd_execute charges the time between reading the clock before and after
 * a command to the user; the next QUERY TIME shows it. */
static void commands_add_their_time_to_totcpu(void **state)
{
    fake_tod = tod_from_civil(2026, 1, 1, 0, 0, 0);
    user.logon_tod = fake_tod;
    fake_tod_step = 250 * TOD_PER_MS;           /* every clock read is 1/4 s later */
    run("QUERY TIME");                          /* three reads: start, TIME, end */
    assert_string_equal(out[1], "CONNECT= 00:00:00 VIRTCPU= 000:00.00 TOTCPU= 000:00.00");
    assert_true(user.cp_time == 500 * TOD_PER_MS);
    run("QUERY TIME");
    assert_string_equal(out[1], "CONNECT= 00:00:01 VIRTCPU= 000:00.00 TOTCPU= 000:00.50");
    run("NOSUCH");                              /* failed commands count too */
    assert_true(user.cp_time == 1250 * TOD_PER_MS);
}

/* ---- QUERY CPLEVEL ------------------------------------------------------------- */

static void query_cplevel_shows_level_build_and_ipl_time(void **state)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char want0[80], want1[80];
    int month = (int)((strstr(months, (char[4]){ zcp_build_date[0], zcp_build_date[1],
                                                 zcp_build_date[2], 0 }) - months) / 3 + 1);
    snprintf(want0, sizeof want0, "ZCP Version %d Release %d.%d, service level %s (64-bit)",
             ZCP_VERSION, ZCP_RELEASE, ZCP_MOD, ZCP_SERVICE);
    snprintf(want1, sizeof want1, "Generated at %02d/%02d/%.2s %s UTC", month,
             atoi(zcp_build_date + 4), zcp_build_date + 9, zcp_build_time);
    sys.ipl_tod = tod_from_civil(2026, 11, 21, 6, 7, 8);
    assert_int_equal(run("QUERY CPLEVEL"), 0);
    expect_lines(want0, want1, "IPL at 11/21/26 06:07:08 UTC", NULL);
    assert_string_equal(out[0], "ZCP Version 0 Release 1.0, service level 0001 (64-bit)");
}

/* ---- QUERY STORAGE ------------------------------------------------------------- */

static void query_storage_64m(void **state)
{
    sys.storage = 64 * MiB;
    sys.storage_inc = 1 * MiB;
    assert_int_equal(run("QUERY STORAGE"), 0);
    expect_lines("STORAGE = 64M CONFIGURED = 64M INC = 1M STANDBY = 0 RESERVED = 0", NULL);
}

static void query_storage_uses_the_largest_exact_unit(void **state)
{
    sys.storage = 2 * GiB;
    sys.storage_inc = 1 * MiB;
    run("QUERY STOR");
    expect_lines("STORAGE = 2G CONFIGURED = 2G INC = 1M STANDBY = 0 RESERVED = 0", NULL);
    sys.storage = 1536 * MiB;
    sys.storage_inc = 256 * 1024;
    run("QUERY STOR");
    expect_lines("STORAGE = 1536M CONFIGURED = 1536M INC = 256K STANDBY = 0 RESERVED = 0", NULL);
    sys.storage = 4096 * GiB;
    sys.storage_inc = 0;
    run("QUERY STOR");
    expect_lines("STORAGE = 4T CONFIGURED = 4T INC = 0 STANDBY = 0 RESERVED = 0", NULL);
}

/* ---- QUERY PROCESSORS ---------------------------------------------------------- */

static void query_processors_shows_master_alternate_stopped(void **state)
{
    sys.ncpus = 3;
    sys.cpu_addr[0] = 0, sys.cpu_addr[1] = 1, sys.cpu_addr[2] = 2;
    sys.cpu_online[0] = 1, sys.cpu_online[1] = 1, sys.cpu_online[2] = 0;
    sys.ipl_cpu = 0;
    assert_int_equal(run("QUERY PROCESSORS"), 0);
    expect_lines("PROCESSOR 00 MASTER CP", "PROCESSOR 01 ALTERNATE CP",
                 "PROCESSOR 02 STOPPED CP", NULL);
}

static void query_processors_master_is_the_ipl_cpu_by_address(void **state)
{
    sys.ncpus = 2;
    sys.cpu_addr[0] = 0x00, sys.cpu_addr[1] = 0x1A;
    sys.cpu_online[0] = 1, sys.cpu_online[1] = 1;
    sys.ipl_cpu = 0x1A;
    run("Q PROC");
    expect_lines("PROCESSOR 00 ALTERNATE CP", "PROCESSOR 1A MASTER CP", NULL);
}

/* ---- QUERY DASD ---------------------------------------------------------------- */

static struct rdev *add_rdev(uint16_t devno, enum rdev_class cls, const char *volser)
{
    struct rdev *d = &rdevs[rdev_count++];
    d->devno = devno;
    d->cls = cls;
    snprintf(d->volser, sizeof d->volser, "%s", volser);
    return d;
}

static void query_dasd_lists_ipl_labelled_and_unlabelled_volumes(void **state)
{
    add_rdev(0x0009, RDEV_CONSOLE, "");
    add_rdev(0x0A80, RDEV_DASD, "ZCPRES");
    add_rdev(0x000C, RDEV_READER, "");
    add_rdev(0x0A81, RDEV_DASD, "USER01");
    add_rdev(0x0A82, RDEV_DASD, "");
    sys.ipl_devno = 0x0A80;
    assert_int_equal(run("QUERY DASD"), 0);
    expect_lines("DASD 0A80 CP SYSTEM ZCPRES    0", "DASD 0A81 USER01",
                 "DASD 0A82 (NO LABEL)", NULL);
}

static void query_dasd_keeps_the_ipl_line_columns_for_a_short_volser(void **state)
{
    add_rdev(0x0200, RDEV_DASD, "SYS");
    sys.ipl_devno = 0x0200;
    run("Q DA");
    expect_lines("DASD 0200 CP SYSTEM SYS       0", NULL);
}

static void query_dasd_without_dasd_is_hcpqda040e(void **state)
{
    add_rdev(0x0009, RDEV_CONSOLE, "");
    assert_int_equal(run("QUERY DASD"), 40);
    expect_lines("HCPQDA040E No DASD devices found", NULL);
    rdev_count = 0;
    assert_int_equal(run("QUERY DASD"), 40);
    expect_lines("HCPQDA040E No DASD devices found", NULL);
}

/* ---- SHUTDOWN -------------------------------------------------------------------- */

static void shutdown_writes_both_messages_then_shuts_down(void **state)
{
    assert_int_equal(run_as("A", "SHUTDOWN"), 0);
    expect_lines("HCPSHU960I SYSTEM SHUTDOWN STARTED", "HCPWRP961W SYSTEM SHUTDOWN COMPLETE", NULL);
    assert_int_equal(fake_shutdown_calls, 1);
}

static void shutdown_with_an_operand_is_refused(void **state)
{
    assert_int_equal(run_as("A", "SHUTDOWN NOW"), RC_INVALID_OPT);
    expect_lines("HCPCMD003E Invalid option - NOW", NULL);
    assert_int_equal(fake_shutdown_calls, 0);
}

/* A line too long to take whole must not lose its tail and shut down. */
static void shutdown_with_too_many_operands_is_refused_whole(void **state)
{
    char line[CMD_LINE_MAX] = "SHUTDOWN";
    for (int i = 0; i < CMD_MAXARGS + 2; i++)
        strcat(line, " X");
    assert_int_equal(run_as("A", line), 9001);
    expect_lines("HCPCMD9001E Command line too long or too many operands; nothing done", NULL);
    assert_int_equal(fake_shutdown_calls, 0);
}

static void shutdown_cannot_be_abbreviated(void **state)
{
    assert_int_equal(run_as("A", "SHUTDOWNX"), RC_UNKNOWN_CMD);
    assert_int_equal(run_as("A", "SHUTDOW"), RC_UNKNOWN_CMD);
    expect_lines("HCPCMD001E Unknown CP command: SHUTDOW", NULL);
    assert_int_equal(fake_shutdown_calls, 0);
}

/* ---- SLEEP ------------------------------------------------------------------------ */

static void check_sleep(const char *line, uint64_t interval)
{
    fake_sleep_calls = 0;
    fake_sleep_interval = 12345;
    assert_int_equal(run(line), 0);
    assert_int_equal(nout, 0);
    assert_int_equal(fake_sleep_calls, 1);
    if (fake_sleep_interval != interval)
        fail_msg("%s: slept %llu TOD units, wanted %llu", line,
                 (unsigned long long)fake_sleep_interval, (unsigned long long)interval);
}

static void check_sleep_refused(const char *line, int rc, const char *msg)
{
    fake_sleep_calls = 0;
    assert_int_equal(run(line), rc);
    expect_lines(msg, NULL);
    assert_int_equal(fake_sleep_calls, 0);
}

static void sleep_without_operands_waits_for_input(void **state)
{
    check_sleep("SLEEP", ~0ULL);
    check_sleep("SL", ~0ULL);
}

static void sleep_counts_seconds_by_default(void **state)
{
    check_sleep("SLEEP 5", 5 * TOD_PER_SEC);
    check_sleep("SLEEP 0", 0);
    check_sleep("SLEEP 0007", 7 * TOD_PER_SEC);
    check_sleep("SLEEP 9999", 9999 * TOD_PER_SEC);
}

static void sleep_units_sec_min_hr_and_their_abbreviations(void **state)
{
    static const char *const sec[] = { "SEC", "SECO", "SECON", "SECOND", "SECONDS" };
    static const char *const min[] = { "MIN", "MINU", "MINUT", "MINUTE", "MINUTES" };
    static const char *const hrs[] = { "HR", "HRS" };
    char line[32];
    for (int i = 0; i < 5; i++) {
        snprintf(line, sizeof line, "SLEEP 3 %s", sec[i]);
        check_sleep(line, 3 * TOD_PER_SEC);
        snprintf(line, sizeof line, "SLEEP 3 %s", min[i]);
        check_sleep(line, 3 * 60 * TOD_PER_SEC);
    }
    for (int i = 0; i < 2; i++) {
        snprintf(line, sizeof line, "SLEEP 2 %s", hrs[i]);
        check_sleep(line, 2 * 3600 * TOD_PER_SEC);
    }
    check_sleep("sleep 1 hr", 3600 * TOD_PER_SEC);
    check_sleep("SLEEP 9999 HR", 9999ULL * 3600 * TOD_PER_SEC);
}

static void sleep_bad_number_is_hcpcmd002e(void **state)
{
    check_sleep_refused("SLEEP X", RC_INVALID_OPER, "HCPCMD002E Invalid operand - X");
    check_sleep_refused("SLEEP 12345", RC_INVALID_OPER, "HCPCMD002E Invalid operand - 12345");
    check_sleep_refused("SLEEP -1", RC_INVALID_OPER, "HCPCMD002E Invalid operand - -1");
    check_sleep_refused("SLEEP 1A", RC_INVALID_OPER, "HCPCMD002E Invalid operand - 1A");
    check_sleep_refused("SLEEP SEC", RC_INVALID_OPER, "HCPCMD002E Invalid operand - SEC");
}

static void sleep_bad_unit_is_hcpcmd003e(void **state)
{
    check_sleep_refused("SLEEP 1 FOO", RC_INVALID_OPT, "HCPCMD003E Invalid option - FOO");
    check_sleep_refused("SLEEP 1 SE", RC_INVALID_OPT, "HCPCMD003E Invalid option - SE");
    check_sleep_refused("SLEEP 1 MI", RC_INVALID_OPT, "HCPCMD003E Invalid option - MI");
    check_sleep_refused("SLEEP 1 H", RC_INVALID_OPT, "HCPCMD003E Invalid option - H");
    check_sleep_refused("SLEEP 1 SECONDSX", RC_INVALID_OPT, "HCPCMD003E Invalid option - SECONDSX");
    check_sleep_refused("SLEEP 1 HRSX", RC_INVALID_OPT, "HCPCMD003E Invalid option - HRSX");
}

static void sleep_extra_operand_is_hcpcmd003e(void **state)
{
    check_sleep_refused("SLEEP 1 SEC NOW", RC_INVALID_OPT, "HCPCMD003E Invalid option - NOW");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, setup)
    const struct CMUnitTest tests[] = {
        T(tokenize_splits_on_blanks_and_tabs),
        T(tokenize_keeps_raw_pointers_into_the_line),
        T(tokenize_upper_cases_only_letters),
        T(tokenize_empty_and_blank_lines_have_no_tokens),
        T(tokenize_refuses_more_than_cmd_maxargs_tokens),
        T(tokenize_never_overruns_or_truncates_a_token),
        T(shift_drops_leading_tokens),
        T(every_command_abbreviation_works_and_no_shorter),
        T(every_query_abbreviation_works_and_no_shorter),
        T(command_minimum_abbreviations_run_through_execute),
        T(query_operand_minimum_abbreviations_run_through_execute),
        T(commands_are_found_in_any_case),
        T(lookup_honours_classes),
        T(class_g_user_sees_shutdown_as_unknown),
        T(class_g_user_gets_invalid_option_for_class_b_queries),
        T(class_g_user_may_query_time_and_sleep),
        T(unknown_command_is_hcpcmd001e),
        T(terminal_conmode_is_3215),
        T(empty_line_does_nothing),
        T(query_without_operand_is_hcpcmd026e),
        T(query_unknown_option_is_hcpcmd003e),
        T(query_extra_operand_is_hcpcmd003e),
        T(query_time_shows_utc_time_weekday_and_date),
        T(query_time_pads_every_field_with_zeros),
        T(query_time_shows_cp_time_in_minutes_seconds_hundredths),
        T(commands_add_their_time_to_totcpu),
        T(query_cplevel_shows_level_build_and_ipl_time),
        T(query_storage_64m),
        T(query_storage_uses_the_largest_exact_unit),
        T(query_processors_shows_master_alternate_stopped),
        T(query_processors_master_is_the_ipl_cpu_by_address),
        T(query_dasd_lists_ipl_labelled_and_unlabelled_volumes),
        T(query_dasd_keeps_the_ipl_line_columns_for_a_short_volser),
        T(query_dasd_without_dasd_is_hcpqda040e),
        T(shutdown_writes_both_messages_then_shuts_down),
        T(shutdown_with_an_operand_is_refused),
        T(shutdown_with_too_many_operands_is_refused_whole),
        T(shutdown_cannot_be_abbreviated),
        T(sleep_without_operands_waits_for_input),
        T(sleep_counts_seconds_by_default),
        T(sleep_units_sec_min_hr_and_their_abbreviations),
        T(sleep_bad_number_is_hcpcmd002e),
        T(sleep_bad_unit_is_hcpcmd003e),
        T(sleep_extra_operand_is_hcpcmd003e),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
