/* ipl/deck.c: the 3505 IPL deck.  Decodes card 0 and the CCW cards, and
 * IPLs decks through a small model of a channel and a card reader to
 * check that storage ends up holding the image. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "ipl/ccw0.h"
#include "ipl/deck.h"
#include "lib/be.h"

#define LOAD  0x10000u
#define MEM   0x1000000u      /* 16 MiB: all a format-0 CCW can address */
#define READ  0x02
#define TIC   0x08

#include "tests/unit/ccw0_check.h"

static uint8_t *pattern(size_t len)
{
    uint8_t *p = malloc(len ? len : 1);
    assert_non_null(p);
    uint32_t x = (uint32_t)len * 2654435761u + 7;
    for (size_t i = 0; i < len; i++) {
        x = x * 1103515245u + 12345u;
        p[i] = (uint8_t)(x >> 16);
    }
    return p;
}

/* Card 0 and the shape of the deck, read as data. */
static void check_cards(const uint8_t *deck, size_t ncards, const uint8_t *image, size_t len,
                        uint32_t load, uint32_t entry)
{
    size_t ndata = (len + 79) / 80;
    size_t nccw = ndata <= 10 ? 1 : 1 + (ndata - 10 + 8) / 9;
    assert_int_equal(ncards, 1 + nccw + ndata);
    uint32_t base = deck_ccw_base(load, len);
    assert_int_equal(base % 4096, 0);
    assert_true(base >= load + len && base < load + len + 4096);

    assert_int_equal(be32_get(deck), 0x00080000);
    assert_int_equal(be32_get(deck + 4), 0x80000000u | entry);
    assert_ccw(deck + 8, READ, base, CCW_CC | CCW_SLI, 80);
    assert_ccw(deck + 16, TIC, base, 0, 0);
    for (int i = 24; i < 80; i++)
        assert_int_equal(deck[i], 0);

    /* Walk the CCW cards in the order the reader meets the cards: card
     * 0, CCW card 0, then per CCW card the next CCW card (read by its
     * first CCW, right behind itself) and its image cards. */
    size_t card = 1, pos = 2, off = 0;
    for (size_t k = 0; k < nccw; k++) {
        const uint8_t *c = deck + card * 80;
        uint32_t here = base + (uint32_t)(k * 80);
        int slot = 0;
        if (k + 1 < nccw) {
            assert_ccw(c, READ, here + 80, CCW_CC | CCW_SLI, 80);
            card = pos++;
            slot = 1;
        }
        for (; slot < 10 && off < len; slot++) {
            size_t n = len - off < 80 ? len - off : 80;
            int last = off + n == len;
            assert_ccw(c + 8 * slot, READ, load + (uint32_t)off,
                       (uint8_t)(last ? CCW_SLI : CCW_CC | CCW_SLI), (uint16_t)n);
            assert_memory_equal(deck + pos * 80, image + off, n);
            for (size_t i = n; i < 80; i++)
                assert_int_equal(deck[pos * 80 + i], 0);
            pos++;
            off += n;
        }
        assert_true(k + 1 == nccw || slot == 10);  /* only the last card has room */
        for (; slot < 10; slot++)                   /* unused slots are zero */
            assert_int_equal(be32_get(c + 8 * slot) | be32_get(c + 8 * slot + 4), 0);
    }
    assert_int_equal(off, len);
    assert_int_equal(pos, ncards);
}

/* IPL from a 3505: the IPL Read (24 bytes of card 0 to real 0, chaining,
 * SLI), then the program at real 8; every Read takes the next card.
 * Returns the number of cards read. */
static size_t sim_ipl(const uint8_t *deck, size_t ncards, uint8_t *mem)
{
    size_t next = 0;
    memcpy(mem, deck + next++ * 80, 24);
    uint32_t at = 8;
    for (int steps = 0; ; steps++) {
        assert_true(steps < 10000000);
        assert_int_equal(at % 8, 0);
        struct ccw c = ccw_at(mem + at);
        assert_int_equal(c.flags & (CCW_CD | CCW_SKIP), 0);
        if (c.cmd == TIC) {
            assert_int_not_equal(ccw_at(mem + c.addr).cmd, TIC);
            at = c.addr;
            continue;
        }
        assert_int_equal(c.cmd, READ);
        assert_true(next < ncards);                 /* else: unit exception, out of cards */
        if (!(c.flags & CCW_SLI))
            assert_int_equal(c.count, 80);          /* else: incorrect length */
        size_t n = c.count < 80 ? c.count : 80;
        assert_true(c.addr + n <= MEM);
        memcpy(mem + c.addr, deck + next++ * 80, n);
        if (!(c.flags & CCW_CC))
            return next;
        at += 8;
    }
}

static void build_and_ipl(size_t len, uint32_t load)
{
    uint8_t *image = pattern(len);
    size_t ncards = 0;
    uint32_t entry = load + 6;
    uint8_t *deck = deck_build(image, len, load, entry, &ncards);
    assert_non_null(deck);
    check_cards(deck, ncards, image, len, load, entry);

    uint8_t *mem = calloc(1, MEM);
    assert_non_null(mem);
    assert_int_equal(sim_ipl(deck, ncards, mem), ncards);  /* every card, no more */
    assert_memory_equal(mem, deck, 8);
    assert_memory_equal(mem + load, image, len);
    /* Only the PSW/CCWs, the image and the CCW area were written. */
    uint32_t base = deck_ccw_base(load, len);
    size_t ccw_bytes = (ncards - 1 - (len + 79) / 80) * 80;
    for (uint32_t a = 24; a < MEM; a++) {
        if (a == load)
            a += (uint32_t)len;
        if (a == base)
            a += (uint32_t)ccw_bytes;
        if (a < MEM && mem[a])
            fail_msg("stray byte at %06X", a);
    }
    free(mem);
    free(deck);
    free(image);
}

static void test_small_decks(void **state)
{
    const size_t sizes[] = { 1, 79, 80, 81, 800, 801, 880, 881 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        build_and_ipl(sizes[i], LOAD);
}

/* Exactly 10 data cards fit one CCW card; 11 need a second; the
 * boundaries of 9 more per extra CCW card. */
static void test_ccw_card_boundaries(void **state)
{
    const size_t cards[] = { 10, 11, 19, 20, 28, 29 };
    for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++) {
        build_and_ipl(cards[i] * 80, LOAD);
        build_and_ipl(cards[i] * 80 - 1, LOAD);
    }
}

static void test_large_deck(void **state)
{
    build_and_ipl(26040, LOAD);            /* about the nucleus today */
    build_and_ipl(1000003, LOAD);
    build_and_ipl(5000, 0x123455);         /* odd load address */
}

static void test_limits(void **state)
{
    uint8_t *image = pattern(0x20000);
    size_t n = 0;
    assert_null(deck_build(image, 0, LOAD, LOAD, &n));
    /* The image and the CCW cards above it must stay below 16 MiB. */
    uint8_t *ok = deck_build(image, 0x10000, 0xFE0000, 0xFE0000, &n);
    assert_non_null(ok);
    free(ok);
    assert_null(deck_build(image, 0x10000, 0xFF0000, 0xFF0000, &n));
    assert_null(deck_build(image, 0x20000, 0xFF0000, 0xFF0000, &n));
    assert_null(deck_build(image, 16, 0x1000000, 0x1000000, &n));
    assert_null(deck_build(image, 16, 0xFFFFFFF0u, 0x10000, &n));
    free(image);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_decks),
        cmocka_unit_test(test_ccw_card_boundaries),
        cmocka_unit_test(test_large_deck),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
