/* lib/tod.c: TOD clock values <-> civil dates (UTC). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include "lib/tod.h"

/* Seconds from the TOD epoch (1900) to the Unix epoch (1970). */
#define SECS_1900_TO_1970 2208988800ULL

static void check_civil(uint64_t tod, int y, int mo, int d, int h, int mi, int s, int wday, int yday)
{
    struct civil_time t;
    tod_to_civil(tod, &t);
    assert_int_equal(t.year, y);
    assert_int_equal(t.month, mo);
    assert_int_equal(t.day, d);
    assert_int_equal(t.hour, h);
    assert_int_equal(t.min, mi);
    assert_int_equal(t.sec, s);
    assert_int_equal(t.wday, wday);
    assert_int_equal(t.yday, yday);
}

static void tod_units_are_bit_51_microseconds(void **state)
{
    assert_true(TOD_PER_US == 1ULL << 12);
    assert_true(TOD_PER_SEC == 4096000000ULL);
    assert_true(tod_from_ms(1500) == 1500 * TOD_PER_MS);
}

static void tod_zero_is_1900_01_01_a_monday(void **state)
{
    check_civil(0, 1900, 1, 1, 0, 0, 0, 1, 0);
    assert_true(tod_from_civil(1900, 1, 1, 0, 0, 0) == 0);
}

static void tod_of_unix_epoch_is_the_well_known_constant(void **state)
{
    assert_true(tod_from_civil(1970, 1, 1, 0, 0, 0) == 0x7D91048BCA000000ULL);
    check_civil(0x7D91048BCA000000ULL, 1970, 1, 1, 0, 0, 0, 4, 0);    /* Thursday */
}

static void tod_2000_02_29_is_a_leap_day_tuesday(void **state)
{
    check_civil(tod_from_civil(2000, 2, 29, 12, 34, 56), 2000, 2, 29, 12, 34, 56, 2, 59);
    /* The next day is March 1st: 2000 has 366 days. */
    check_civil(tod_from_civil(2000, 2, 29, 23, 59, 59) + TOD_PER_SEC, 2000, 3, 1, 0, 0, 0, 3, 60);
    check_civil(tod_from_civil(2000, 12, 31, 0, 0, 0), 2000, 12, 31, 0, 0, 0, 0, 365);
}

static void tod_1900_is_not_a_leap_year(void **state)
{
    check_civil(tod_from_civil(1900, 2, 28, 23, 59, 59) + TOD_PER_SEC, 1900, 3, 1, 0, 0, 0, 4, 59);
}

static void tod_2026_11_21_is_a_saturday(void **state)
{
    uint64_t tod = tod_from_civil(2026, 11, 21, 14, 5, 9);
    assert_true(tod == 0xE39DA21F04F40000ULL);
    check_civil(tod, 2026, 11, 21, 14, 5, 9, 6, 324);
    assert_string_equal(weekday_name(6), "SATURDAY");
}

static void tod_keeps_microseconds(void **state)
{
    struct civil_time t;
    tod_to_civil(tod_from_civil(2026, 1, 2, 3, 4, 5) + 123456 * TOD_PER_US + TOD_PER_US - 1, &t);
    assert_int_equal(t.usec, 123456);
    assert_int_equal(t.sec, 5);
}

/* The 64-bit TOD clock wraps in 2042: its last value. */
static void tod_last_value_is_2042_09_17(void **state)
{
    struct civil_time t;
    tod_to_civil(~0ULL, &t);
    check_civil(~0ULL, 2042, 9, 17, 23, 53, 47, 3, 259);
    assert_int_equal(t.usec, 370495);
}

/* Every day from 1900 to 2042 at a moving time of day, against the host's
 * gmtime, and back through tod_from_civil. */
static void tod_round_trips_every_day_against_gmtime(void **state)
{
    const uint64_t last_day = (~0ULL / TOD_PER_SEC) / 86400;
    for (uint64_t day = 0; day < last_day; day++) {
        uint64_t secs = day * 86400 + (day * 7919) % 86400;
        time_t utime = (time_t)((int64_t)secs - (int64_t)SECS_1900_TO_1970);
        struct tm g;
        assert_non_null(gmtime_r(&utime, &g));
        struct civil_time t;
        tod_to_civil(secs * TOD_PER_SEC, &t);
        if (t.year != g.tm_year + 1900 || t.month != g.tm_mon + 1 || t.day != g.tm_mday ||
            t.hour != g.tm_hour || t.min != g.tm_min || t.sec != g.tm_sec ||
            t.wday != g.tm_wday || t.yday != g.tm_yday)
            fail_msg("day %llu: %04d-%02d-%02d %02d:%02d:%02d w%d y%d", (unsigned long long)day,
                     t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday);
        assert_true(tod_from_civil(t.year, t.month, t.day, t.hour, t.min, t.sec) ==
                    secs * TOD_PER_SEC);
    }
}

static void weekday_names_start_on_sunday(void **state)
{
    static const char *const want[] = { "SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY",
                                        "THURSDAY", "FRIDAY", "SATURDAY" };
    for (int i = 0; i < 7; i++)
        assert_string_equal(weekday_name(i), want[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tod_units_are_bit_51_microseconds),
        cmocka_unit_test(tod_zero_is_1900_01_01_a_monday),
        cmocka_unit_test(tod_of_unix_epoch_is_the_well_known_constant),
        cmocka_unit_test(tod_2000_02_29_is_a_leap_day_tuesday),
        cmocka_unit_test(tod_1900_is_not_a_leap_year),
        cmocka_unit_test(tod_2026_11_21_is_a_saturday),
        cmocka_unit_test(tod_keeps_microseconds),
        cmocka_unit_test(tod_last_value_is_2042_09_17),
        cmocka_unit_test(tod_round_trips_every_day_against_gmtime),
        cmocka_unit_test(weekday_names_start_on_sunday),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
