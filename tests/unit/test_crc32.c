/* lib/crc32.c: the CRC-32 every spool block carries (zlib's values), as
 * the table-driven slicing computes it: against the check value and a
 * bit-at-a-time reference for every length, alignment and split. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "lib/crc32.h"

/* The definition: reflected polynomial X'EDB88320', one bit a step. */
static uint32_t crc_bitwise(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

static void crc32_check_value(void **state)
{
    /* The CRC-32 check value of "123456789" (zlib, IEEE 802.3). */
    assert_int_equal(crc32_update(0, "123456789", 9), 0xCBF43926u);
    assert_int_equal(crc32_update(0, "", 0), 0);
    static uint8_t zero[4096];
    assert_int_equal(crc32_update(0, zero, sizeof zero), crc_bitwise(0, zero, sizeof zero));
}

static void crc32_every_length_and_alignment_matches_bitwise(void **state)
{
    static uint8_t buf[4096 + 64];
    srand(14);
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)rand();
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 0; n <= 300; n++)
            assert_int_equal(crc32_update(0, buf + off, n), crc_bitwise(0, buf + off, n));
    /* A whole spool block, and one with blanks (card images). */
    assert_int_equal(crc32_update(0, buf + 3, 4096), crc_bitwise(0, buf + 3, 4096));
    memset(buf, 0x40, sizeof buf);
    assert_int_equal(crc32_update(0, buf, 4096), crc_bitwise(0, buf, 4096));
}

static void crc32_continues_across_splits(void **state)
{
    static uint8_t buf[4096];
    srand(20);
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)rand();
    uint32_t whole = crc_bitwise(0, buf, sizeof buf);
    /* The spool checks a block as three pieces (the CRC field taken as zero). */
    for (size_t a = 0; a < 64; a++)
        for (size_t b = a; b < sizeof buf; b += 509) {
            uint32_t c = crc32_update(0, buf, a);
            c = crc32_update(c, buf + a, b - a);
            c = crc32_update(c, buf + b, sizeof buf - b);
            assert_int_equal(c, whole);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(crc32_check_value),
        cmocka_unit_test(crc32_every_length_and_alignment_matches_bitwise),
        cmocka_unit_test(crc32_continues_across_splits),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
