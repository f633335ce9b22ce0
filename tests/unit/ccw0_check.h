/* Decoding format-0 CCWs in host tests (test_deck, test_dasdipl).
 * Include after <cmocka.h>. */
#ifndef TESTS_UNIT_CCW0_CHECK_H
#define TESTS_UNIT_CCW0_CHECK_H
#include <stdint.h>
#include "lib/be.h"

struct ccw {
    uint8_t cmd, flags;
    uint32_t addr;
    uint16_t count;
};

static inline struct ccw ccw_at(const uint8_t *p)
{
    assert_int_equal(p[5], 0);
    return (struct ccw){ p[0], p[4], (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3],
                         be16_get(p + 6) };
}

static inline void assert_ccw(const uint8_t *p, uint8_t cmd, uint32_t addr, uint8_t flags,
                              uint16_t count)
{
    struct ccw c = ccw_at(p);
    assert_int_equal(c.cmd, cmd);
    assert_int_equal(c.addr, addr);
    assert_int_equal(c.flags, flags);
    assert_int_equal(c.count, count);
}
#endif
