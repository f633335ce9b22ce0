/* cp/mm/pagepol.c: the clock page-replacement policy, against a model of
 * frames with reference bits; and frames_alloc_run (contiguous frames). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/mm/pagepol.h"
#include "cp/mm/frames.h"
#include "tests/unit/fakes.h"

#define N 64

/* The model: which frames hold guest pages, and their reference bits. */
static struct model {
    int pageable[N];
    int ref[N];
    int ref_tests;              /* referenced() calls */
} m;

static int is_pageable(uint64_t f, void *arg)
{
    struct model *mm = arg;
    assert_true(f < N);
    return mm->pageable[f];
}

static int test_ref(uint64_t f, void *arg)
{
    struct model *mm = arg;
    assert_true(f < N);
    assert_true(mm->pageable[f]);        /* only asked about pageable frames */
    mm->ref_tests++;
    int r = mm->ref[f];
    mm->ref[f] = 0;
    return r;
}

static const struct pagepol_ops ops = { is_pageable, test_ref };

static int setup(void **state)
{
    fakes_reset();
    memset(&m, 0, sizeof m);
    return 0;
}

static void unreferenced_frames_are_taken_in_hand_order(void **state)
{
    struct pagepol p;
    pagepol_init(&p, N);
    for (int i = 0; i < N; i++)
        m.pageable[i] = 1;
    uint64_t out[4];
    assert_int_equal(pagepol_select(&p, &ops, &m, out, 4), 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal(out[i], i);
    assert_int_equal(pagepol_select(&p, &ops, &m, out, 2), 2);
    assert_int_equal(out[0], 4);
    assert_int_equal(out[1], 5);
    assert_int_equal(p.taken, 6);
}

static void referenced_frames_get_a_second_chance(void **state)
{
    struct pagepol p;
    pagepol_init(&p, N);
    for (int i = 0; i < N; i++)
        m.pageable[i] = m.ref[i] = 1;
    m.ref[10] = 0;
    m.ref[20] = 0;
    uint64_t out[2];
    assert_int_equal(pagepol_select(&p, &ops, &m, out, 2), 2);
    assert_int_equal(out[0], 10);
    assert_int_equal(out[1], 20);
    /* Frames the hand passed lost their bit; those after 20 keep it. */
    for (int i = 0; i <= 20; i++)
        assert_int_equal(m.ref[i], 0);
    assert_int_equal(m.ref[21], 1);
}

static void all_referenced_takes_one_turn_then_the_oldest(void **state)
{
    struct pagepol p;
    pagepol_init(&p, N);
    for (int i = 0; i < N; i++)
        m.pageable[i] = m.ref[i] = 1;
    uint64_t out[3];
    /* First turn resets every bit, the second takes from the start. */
    assert_int_equal(pagepol_select(&p, &ops, &m, out, 3), 3);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 1);
    assert_int_equal(out[2], 2);
}

static void recently_used_page_survives_over_an_idle_one(void **state)
{
    /* LRU approximation: touch frame 5 between selections; the hand
     * keeps skipping it while idle frames are taken. */
    struct pagepol p;
    pagepol_init(&p, 8);
    for (int i = 0; i < 8; i++)
        m.pageable[i] = 1;
    uint64_t out[1];
    for (int round = 0; round < 7; round++) {
        m.ref[5] = 1;
        assert_int_equal(pagepol_select(&p, &ops, &m, out, 1), 1);
        assert_int_not_equal(out[0], 5);
    }
}

static void cp_frames_are_never_chosen(void **state)
{
    struct pagepol p;
    pagepol_init(&p, N);
    for (int i = 0; i < N; i += 3)
        m.pageable[i] = 1;
    uint64_t out[N];
    int n = pagepol_select(&p, &ops, &m, out, N);
    assert_int_equal(n, (N + 2) / 3);
    for (int i = 0; i < n; i++)
        assert_int_equal(out[i] % 3, 0);
}

static void nothing_pageable_ends_after_two_turns(void **state)
{
    struct pagepol p;
    pagepol_init(&p, N);
    uint64_t out[4];
    assert_int_equal(pagepol_select(&p, &ops, &m, out, 4), 0);
    assert_int_equal(p.scanned, 2 * N);
    assert_int_equal(m.ref_tests, 0);
    /* Busy frames only: still ends (taking them on the second turn). */
    m.pageable[7] = m.ref[7] = 1;
    assert_int_equal(pagepol_select(&p, &ops, &m, out, 4), 1);
    assert_int_equal(out[0], 7);
}

static void zero_frames_or_zero_wanted(void **state)
{
    struct pagepol p;
    uint64_t out[1];
    pagepol_init(&p, 0);
    assert_int_equal(pagepol_select(&p, &ops, &m, out, 1), 0);
    pagepol_init(&p, N);
    m.pageable[0] = 1;
    assert_int_equal(pagepol_select(&p, &ops, &m, out, 0), 0);
}

static void contiguous_frames_for_tables(void **state)
{
    uint64_t storage = 64 * FRAME_SIZE;
    uint8_t *bm = malloc(frames_bitmap_size(storage));
    frames_init(bm, storage, 4 * FRAME_SIZE);
    /* Break up the free space: every fourth frame in use. */
    uint64_t got[60];
    int n = 0;
    uint64_t f;
    while ((f = frame_alloc()) != 0)
        got[n++] = f;
    assert_int_equal(n, 60);
    for (int i = 0; i < n; i++)
        if ((got[i] / FRAME_SIZE) % 4 != 0)
            frame_free(got[i]);
    assert_int_equal(frames_alloc_run(4), 0);          /* no 4 in a row */
    uint64_t r = frames_alloc_run(3);
    assert_int_not_equal(r, 0);
    assert_int_equal((r / FRAME_SIZE) % 4, 1);
    assert_int_equal(frames_free(), 45 - 3);
    frame_free(got[8]);                 /* frame 12 */
    frame_free(got[12]);                /* frame 16 */
    uint64_t r4 = frames_alloc_run(4);
    assert_true(r4 >= 9 * FRAME_SIZE && r4 <= 13 * FRAME_SIZE);
    assert_int_equal(frames_alloc_run(0), 0);
    free(bm);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, NULL)
    const struct CMUnitTest tests[] = {
        T(unreferenced_frames_are_taken_in_hand_order),
        T(referenced_frames_get_a_second_chance),
        T(all_referenced_takes_one_turn_then_the_oldest),
        T(recently_used_page_survives_over_an_idle_one),
        T(cp_frames_are_never_chosen),
        T(nothing_pageable_ends_after_two_turns),
        T(zero_frames_or_zero_wanted),
        T(contiguous_frames_for_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
