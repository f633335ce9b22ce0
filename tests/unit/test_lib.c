/* lib/: EBCDIC (code page 037), big-endian accessors, fmt, string helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/str.h"

/* ---- EBCDIC ------------------------------------------------------------ */

static void ebcdic_letters_and_digits_are_cp037(void **state)
{
    static const struct { char a; unsigned char e; } runs[] = {
        { 'A', 0xC1 }, { 'J', 0xD1 }, { 'S', 0xE2 },
        { 'a', 0x81 }, { 'j', 0x91 }, { 's', 0xA2 },
        { '0', 0xF0 },
    };
    static const int run_len[] = { 9, 9, 8, 9, 9, 8, 10 };
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++)
        for (int i = 0; i < run_len[r]; i++) {
            unsigned char a = (unsigned char)(runs[r].a + i), e = (unsigned char)(runs[r].e + i);
            assert_int_equal(ascii_to_ebcdic[a], e);
            assert_int_equal(ebcdic_to_ascii[e], a);
        }
}

static void ebcdic_blank_is_x40(void **state)
{
    assert_int_equal(EBCDIC_SPACE, 0x40);
    assert_int_equal(ascii_to_ebcdic[' '], 0x40);
    assert_int_equal(ebcdic_to_ascii[0x40], ' ');
}

static void ebcdic_nl_x15_and_lf_x25_become_newline(void **state)
{
    assert_int_equal(ebcdic_to_ascii[0x15], '\n');
    assert_int_equal(ebcdic_to_ascii[0x25], '\n');
    assert_int_equal(ascii_to_ebcdic['\n'], 0x25);
}

/* The characters where 037 and 1047 differ pin down the code page. */
static void ebcdic_punctuation_is_cp037_not_1047(void **state)
{
    static const struct { char a; unsigned char e; } t[] = {
        { '[', 0xBA }, { ']', 0xBB }, { '^', 0xB0 }, { '!', 0x5A }, { '|', 0x4F },
        { '$', 0x5B }, { '@', 0x7C }, { '#', 0x7B }, { '{', 0xC0 }, { '}', 0xD0 },
        { '\\', 0xE0 }, { '~', 0xA1 }, { '`', 0x79 }, { '.', 0x4B }, { ',', 0x6B },
        { '*', 0x5C }, { '=', 0x7E }, { '\'', 0x7D }, { '"', 0x7F }, { '_', 0x6D },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        assert_int_equal(ascii_to_ebcdic[(unsigned char)t[i].a], t[i].e);
        assert_int_equal(ebcdic_to_ascii[t[i].e], (unsigned char)t[i].a);
    }
}

static void ebcdic_printable_ascii_round_trips(void **state)
{
    for (int c = 0x20; c < 0x7F; c++)
        assert_int_equal(ebcdic_to_ascii[ascii_to_ebcdic[c]], c);
}

static void ebcdic_every_ascii_code_maps_to_a_distinct_byte(void **state)
{
    int seen[256] = { 0 };
    for (int c = 0; c < 128; c++) {
        unsigned char e = ascii_to_ebcdic[c];
        assert_int_equal(seen[e], 0);
        seen[e] = 1;
        assert_int_equal(ebcdic_to_ascii[e], c);
    }
}

static void ebcdic_non_ascii_becomes_question_mark(void **state)
{
    for (int c = 128; c < 256; c++)
        assert_int_equal(ascii_to_ebcdic[c], 0x6F);     /* EBCDIC '?' */
    assert_int_equal(ebcdic_to_ascii[0x4A], '?');       /* cent sign */
    assert_int_equal(ebcdic_to_ascii[0xFF], '?');
}

static void ebcdic_buffers_convert_exactly_n_bytes(void **state)
{
    const char src[] = "Hi 1\0Z";
    unsigned char e[8];
    char back[8];
    memset(e, 0xEE, sizeof e);
    ebcdic_from_ascii(e, src, 6);
    const unsigned char want[] = { 0xC8, 0x89, 0x40, 0xF1, 0x00, 0xE9, 0xEE, 0xEE };
    assert_memory_equal(e, want, sizeof want);
    memset(back, 'x', sizeof back);
    ebcdic_to_ascii_buf(back, e, 6);
    assert_memory_equal(back, src, 6);
    assert_int_equal(back[6], 'x');
    ebcdic_from_ascii(e, "Q", 0);
    assert_int_equal(e[0], 0xC8);
}

/* ---- big-endian accessors -------------------------------------------- */

static void be_put_stores_most_significant_byte_first(void **state)
{
    uint8_t b[8];
    be16_put(b, 0x1234);
    assert_memory_equal(b, "\x12\x34", 2);
    be32_put(b, 0x89ABCDEF);
    assert_memory_equal(b, "\x89\xAB\xCD\xEF", 4);
    be64_put(b, 0x0123456789ABCDEFULL);
    assert_memory_equal(b, "\x01\x23\x45\x67\x89\xAB\xCD\xEF", 8);
}

static void be_get_reads_high_bytes_without_sign_extension(void **state)
{
    const uint8_t ff[8] = { 0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0xFA, 0xF9, 0xF8 };
    assert_int_equal(be16_get(ff), 0xFFFE);
    assert_int_equal(be32_get(ff), 0xFFFEFDFCu);
    assert_true(be64_get(ff) == 0xFFFEFDFCFBFAF9F8ULL);
}

/* Every offset of a buffer, so most accesses are unaligned; the bytes
 * around the value stay untouched. */
static void be_accessors_work_at_unaligned_addresses(void **state)
{
    for (int off = 0; off < 8; off++) {
        uint8_t buf[24];
        memset(buf, 0xA5, sizeof buf);
        be64_put(buf + off, 0x8877665544332211ULL);
        assert_true(be64_get(buf + off) == 0x8877665544332211ULL);
        assert_int_equal(buf[off], 0x88);
        assert_int_equal(buf[off + 7], 0x11);
        assert_int_equal(be32_get(buf + off + 1), 0x77665544u);
        assert_int_equal(be16_get(buf + off + 3), 0x5544);
        if (off)
            assert_int_equal(buf[off - 1], 0xA5);
        assert_int_equal(buf[off + 8], 0xA5);

        memset(buf, 0xA5, sizeof buf);
        be32_put(buf + off, 0xDEADBEEF);
        be16_put(buf + off + 4, 0xCAFE);
        assert_int_equal(be32_get(buf + off), 0xDEADBEEFu);
        assert_int_equal(be16_get(buf + off + 4), 0xCAFE);
        assert_int_equal(buf[off + 6], 0xA5);
    }
}

/* ---- fmt ----------------------------------------------------------------- */

/* fmt must agree with the host's snprintf on everything fmt.h documents. */
#define SAME_AS_LIBC(...)                                                   \
    do {                                                                    \
        char got_[128], want_[128];                                         \
        int n_ = fmt(got_, sizeof got_, __VA_ARGS__);                       \
        int w_ = snprintf(want_, sizeof want_, __VA_ARGS__);                \
        assert_string_equal(got_, want_);                                   \
        assert_int_equal(n_, w_);                                           \
    } while (0)

static void fmt_integer_conversions_match_snprintf(void **state)
{
    SAME_AS_LIBC("%d|%i|%d", 0, -42, 2147483647);
    SAME_AS_LIBC("%d", (int)-2147483647 - 1);
    SAME_AS_LIBC("%u|%u", 0u, 4294967295u);
    SAME_AS_LIBC("%x|%X|%o", 0xDEADBEEFu, 0xDEADBEEFu, 0777u);
    SAME_AS_LIBC("%x|%o", 0u, 0u);
    SAME_AS_LIBC("%ld|%lu|%lx", -1L, 18446744073709551615UL, 0x123456789ABCDEFUL);
    SAME_AS_LIBC("%lld|%llu", (long long)INT64_MIN, (unsigned long long)UINT64_MAX);
    SAME_AS_LIBC("%llX|%llo", 0xFEDCBA9876543210ULL, (unsigned long long)UINT64_MAX);
    SAME_AS_LIBC("%zu|%zx", (size_t)12345, (size_t)0xABC);
}

static void fmt_h_and_hh_convert_to_short_and_char(void **state)
{
    SAME_AS_LIBC("%hd|%hd|%hu|%hx", 70000, -1, 70000u, 0x1FFFFu);
    SAME_AS_LIBC("%hhd|%hhu|%hhX", 200, 0x1FFu, 0xABCu);
    SAME_AS_LIBC("%04hX", (unsigned short)0xBEEF);
}

/* The flag combinations gcc warns about are the point of these tests. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"

static void fmt_width_flags_and_precision_match_snprintf(void **state)
{
    SAME_AS_LIBC("[%5d][%-5d][%05d][%-05d]", 42, 42, 42, 42);
    SAME_AS_LIBC("[%5d][%05d][%-6d]", -42, -42, -42);
    SAME_AS_LIBC("[%08X][%-8x][%2x]", 0xBEEFu, 0xBEEFu, 0xBEEFu);
    SAME_AS_LIBC("[%.3d][%.3d][%5.3d][%-6.3d]", 7, -7, 7, -7);
    SAME_AS_LIBC("[%05.3d][%08.3x]", 7, 0xABu);         /* precision beats '0' */
    SAME_AS_LIBC("[%.0d][%.0x][%3.0u]", 0, 0u, 0u);     /* no digits for 0 */
    SAME_AS_LIBC("[%3d][%1d]", 123456, 0);              /* width never truncates */
}

/* Precision zeros are padded on output, not in fmt's digit buffer. */
static void fmt_precision_longer_than_any_number_is_safe(void **state)
{
    SAME_AS_LIBC("[%.30d][%.30d]", 1, -1);
    SAME_AS_LIBC("[%040.30llu]", (unsigned long long)UINT64_MAX);
    SAME_AS_LIBC("[%.60llo]", (unsigned long long)UINT64_MAX);
}

static void fmt_star_width_and_precision_come_from_arguments(void **state)
{
    SAME_AS_LIBC("[%*d][%*d]", 6, 17, -6, 17);          /* negative width: left */
    SAME_AS_LIBC("[%.*d][%.*s]", 4, 17, 2, "abcdef");
    SAME_AS_LIBC("[%.*d][%.*s]", -1, 17, -1, "abc");    /* negative: no precision */
    SAME_AS_LIBC("[%*s]", 5, "ab");
}

static void fmt_strings_and_characters_match_snprintf(void **state)
{
    SAME_AS_LIBC("[%s][%8s][%-8s][%.2s][%6.2s][%-6.2s]", "abc", "abc", "abc", "abc", "abc", "abc");
    SAME_AS_LIBC("[%s][%.0s][%.9s]", "", "abc", "abc");
    SAME_AS_LIBC("[%c][%3c][%-3c]", 'x', 'y', 'z');
    SAME_AS_LIBC("100%% [%%] %d%%", 5);
}

static void fmt_null_string_prints_null(void **state)
{
    char b[32];
    assert_int_equal(fmt(b, sizeof b, "<%s>", (const char *)NULL), 8);
    assert_string_equal(b, "<(null)>");
    fmt(b, sizeof b, "<%8s>", (const char *)NULL);
    assert_string_equal(b, "<  (null)>");
}

#pragma GCC diagnostic pop

/* Literal text and strings are copied in runs: cut at every buffer size,
 * the bytes and the length are snprintf's. */
static void fmt_runs_cut_at_every_size_like_snprintf(void **state)
{
    for (size_t size = 0; size <= 40; size++) {
        char got[48], want[48];
        memset(got, 0x55, sizeof got);
        memset(want, 0x55, sizeof want);
        int n = fmt(got, size, "TIME IS %s UTC %-6s| %d end", "10:20:54", "SAT", 42);
        int m = snprintf(want, size, "TIME IS %s UTC %-6s| %d end", "10:20:54", "SAT", 42);
        assert_int_equal(n, m);
        assert_memory_equal(got, want, sizeof got);
    }
}

static void fmt_pointer_is_0x_and_lowercase_hex(void **state)
{
    char b[32];
    fmt(b, sizeof b, "%p", (void *)(uintptr_t)0xABCDEF12u);
    assert_string_equal(b, "0xabcdef12");
    fmt(b, sizeof b, "%p", (void *)0);
    assert_string_equal(b, "0x0");
}

static void fmt_unknown_conversion_and_trailing_percent_are_kept(void **state)
{
    char b[32];
    const char *unknown = "a%yb%d", *trailing = "50%";    /* not literals: gcc would object */
    assert_int_equal(fmt(b, sizeof b, unknown, 3), 5);
    assert_string_equal(b, "a%yb3");
    assert_int_equal(fmt(b, sizeof b, trailing), 2);
    assert_string_equal(b, "50");
}

static void fmt_truncates_and_returns_full_length_like_snprintf(void **state)
{
    char b[8];
    memset(b, 'x', sizeof b);
    assert_int_equal(fmt(b, 5, "%s-%d", "abcdef", 123), 10);
    assert_string_equal(b, "abcd");
    assert_int_equal(b[5], 'x');                        /* nothing past size */
    assert_int_equal(fmt(b, 8, "%08X", 0x1u), 8);       /* exactly one too long */
    assert_string_equal(b, "0000000");
    assert_int_equal(fmt(b, 8, "%7d", 1), 7);           /* exactly fits */
    assert_string_equal(b, "      1");
}

static void fmt_size_one_writes_only_the_terminator(void **state)
{
    char b[4] = "zzz";
    assert_int_equal(fmt(b, 1, "hello"), 5);
    assert_int_equal(b[0], 0);
    assert_int_equal(b[1], 'z');
}

static void fmt_size_zero_writes_nothing_and_accepts_null(void **state)
{
    char b[4] = "zzz";
    assert_int_equal(fmt(b, 0, "hello %d", 42), 8);
    assert_string_equal(b, "zzz");
    assert_int_equal(fmt(NULL, 0, "%s", "sizing"), 6);
}

/* Exactly-sized heap buffers, so the sanitizer sees any write past size. */
static void fmt_never_writes_past_size(void **state)
{
    for (size_t size = 1; size < 24; size++) {
        char *b = malloc(size);
        assert_non_null(b);
        int n = fmt(b, size, "%-6s|%08llX|%c", "CP", 0xABCDEFULL, '!');
        assert_int_equal(n, 17);
        assert_int_equal(strlen(b), size - 1 < 17 ? size - 1 : 17);
        assert_memory_equal(b, "CP    |00ABCDEF|!", strlen(b));
        free(b);
    }
}

static int call_vfmt(char *buf, size_t size, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vfmt(buf, size, f, ap);
    va_end(ap);
    return n;
}

static void vfmt_takes_a_va_list(void **state)
{
    char b[32];
    assert_int_equal(call_vfmt(b, sizeof b, "%s=%04x", "R1", 0x1Fu), 7);
    assert_string_equal(b, "R1=001f");
}

/* ---- str ------------------------------------------------------------------ */

static void str_copy_copies_short_strings_whole(void **state)
{
    char b[8];
    assert_int_equal(str_copy(b, "ABC", sizeof b), 3);
    assert_string_equal(b, "ABC");
    assert_int_equal(str_copy(b, "", sizeof b), 0);
    assert_string_equal(b, "");
    assert_int_equal(str_copy(b, "1234567", sizeof b), 7);    /* exactly fits */
    assert_string_equal(b, "1234567");
}

static void str_copy_truncates_and_terminates(void **state)
{
    char *b = malloc(4);
    assert_non_null(b);
    assert_int_equal(str_copy(b, "OVERLONG", 4), 3);
    assert_string_equal(b, "OVE");
    assert_int_equal(str_copy(b, "X", 1), 0);                 /* size 1: empty */
    assert_string_equal(b, "");
    free(b);
}

static void str_casecmp_ignores_case_and_orders(void **state)
{
    assert_int_equal(str_casecmp("Query", "QUERY"), 0);
    assert_int_equal(str_casecmp("", ""), 0);
    assert_true(str_casecmp("abc", "ABD") < 0);
    assert_true(str_casecmp("ABD", "abc") > 0);
    assert_true(str_casecmp("AB", "abc") < 0);                /* prefix first */
    assert_true(str_casecmp("abc", "AB") > 0);
    assert_true(str_casecmp("[", "{") != 0);                  /* only letters fold */
}

static void ch_classes_are_ascii_only(void **state)
{
    for (int c = 0; c < 256; c++) {
        assert_int_equal(ch_upper(c), c >= 'a' && c <= 'z' ? c - 32 : c);
        assert_int_equal(!!ch_isdigit(c), c >= '0' && c <= '9');
        assert_int_equal(!!ch_isxdigit(c), (c >= '0' && c <= '9') ||
                                           (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'));
        assert_int_equal(!!ch_isspace(c), c == ' ' || c == '\t');
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ebcdic_letters_and_digits_are_cp037),
        cmocka_unit_test(ebcdic_blank_is_x40),
        cmocka_unit_test(ebcdic_nl_x15_and_lf_x25_become_newline),
        cmocka_unit_test(ebcdic_punctuation_is_cp037_not_1047),
        cmocka_unit_test(ebcdic_printable_ascii_round_trips),
        cmocka_unit_test(ebcdic_every_ascii_code_maps_to_a_distinct_byte),
        cmocka_unit_test(ebcdic_non_ascii_becomes_question_mark),
        cmocka_unit_test(ebcdic_buffers_convert_exactly_n_bytes),
        cmocka_unit_test(be_put_stores_most_significant_byte_first),
        cmocka_unit_test(be_get_reads_high_bytes_without_sign_extension),
        cmocka_unit_test(be_accessors_work_at_unaligned_addresses),
        cmocka_unit_test(fmt_integer_conversions_match_snprintf),
        cmocka_unit_test(fmt_h_and_hh_convert_to_short_and_char),
        cmocka_unit_test(fmt_width_flags_and_precision_match_snprintf),
        cmocka_unit_test(fmt_precision_longer_than_any_number_is_safe),
        cmocka_unit_test(fmt_star_width_and_precision_come_from_arguments),
        cmocka_unit_test(fmt_strings_and_characters_match_snprintf),
        cmocka_unit_test(fmt_null_string_prints_null),
        cmocka_unit_test(fmt_runs_cut_at_every_size_like_snprintf),
        cmocka_unit_test(fmt_pointer_is_0x_and_lowercase_hex),
        cmocka_unit_test(fmt_unknown_conversion_and_trailing_percent_are_kept),
        cmocka_unit_test(fmt_truncates_and_returns_full_length_like_snprintf),
        cmocka_unit_test(fmt_size_one_writes_only_the_terminator),
        cmocka_unit_test(fmt_size_zero_writes_nothing_and_accepts_null),
        cmocka_unit_test(fmt_never_writes_past_size),
        cmocka_unit_test(vfmt_takes_a_va_list),
        cmocka_unit_test(str_copy_copies_short_strings_whole),
        cmocka_unit_test(str_copy_truncates_and_terminates),
        cmocka_unit_test(str_casecmp_ignores_case_and_orders),
        cmocka_unit_test(ch_classes_are_ascii_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
