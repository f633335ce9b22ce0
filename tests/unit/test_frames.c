/* cp/mm/frames.c: the real-storage frame allocator. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/mm/frames.h"
#include "tests/unit/fakes.h"

#define MiB (1024ULL * 1024)

/* The bitmap is malloc'd at exactly frames_bitmap_size, so the sanitizer
 * catches the allocator touching a byte past it. */
static uint8_t *bitmap;

static void start(uint64_t storage, uint64_t free_start)
{
    free(bitmap);
    bitmap = malloc(frames_bitmap_size(storage));
    assert_non_null(bitmap);
    frames_init(bitmap, storage, free_start);
}

static int setup(void **state)
{
    fakes_reset();
    return 0;
}

static int teardown(void **state)
{
    free(bitmap);
    bitmap = NULL;
    return 0;
}

/* Allocate every frame there is; returns how many, checking each. */
static uint64_t alloc_all(uint64_t storage, uint64_t free_start, uint8_t *seen)
{
    uint64_t n = 0, a;
    while ((a = frame_alloc()) != 0) {
        assert_int_equal(a % FRAME_SIZE, 0);
        assert_true(a >= free_start);
        assert_true(a + FRAME_SIZE <= storage);
        assert_int_equal(seen[a / FRAME_SIZE], 0);      /* never handed out twice */
        seen[a / FRAME_SIZE] = 1;
        n++;
    }
    return n;
}

static void bitmap_size_is_one_bit_a_whole_frame(void **state)
{
    assert_int_equal(frames_bitmap_size(64 * MiB), 64 * MiB / FRAME_SIZE / 8);
    assert_int_equal(frames_bitmap_size(13 * FRAME_SIZE), 2);
    assert_int_equal(frames_bitmap_size(16 * FRAME_SIZE), 2);
    assert_int_equal(frames_bitmap_size(17 * FRAME_SIZE - 1), 2);   /* partial frame: not one */
    assert_int_equal(frames_bitmap_size(0), 0);
}

static void init_frees_everything_from_free_start(void **state)
{
    start(64 * MiB, 2 * MiB);
    assert_int_equal(frames_total(), 16384);
    assert_int_equal(frames_free(), 16384 - 512);
}

static void init_rounds_free_start_up_to_a_frame(void **state)
{
    start(1 * MiB, 5 * FRAME_SIZE + 1);
    assert_int_equal(frames_free(), 256 - 6);
    uint8_t seen[256] = { 0 };
    alloc_all(1 * MiB, 6 * FRAME_SIZE, seen);
    assert_int_equal(seen[5], 0);
}

static void alloc_until_exhausted_then_returns_zero(void **state)
{
    static uint8_t seen[1024];
    memset(seen, 0, sizeof seen);
    start(4 * MiB, 64 * FRAME_SIZE);
    assert_int_equal(alloc_all(4 * MiB, 64 * FRAME_SIZE, seen), 1024 - 64);
    assert_int_equal(frames_free(), 0);
    assert_int_equal(frame_alloc(), 0);
    assert_int_equal(frame_alloc_below(4 * MiB), 0);
    assert_int_equal(frames_free(), 0);
}

static void freed_frame_is_allocated_again(void **state)
{
    static uint8_t seen[1024];
    memset(seen, 0, sizeof seen);
    start(4 * MiB, FRAME_SIZE);
    alloc_all(4 * MiB, FRAME_SIZE, seen);
    frame_free(100 * FRAME_SIZE);
    frame_free(7 * FRAME_SIZE);
    assert_int_equal(frames_free(), 2);
    uint64_t a = frame_alloc(), b = frame_alloc();
    assert_true((a == 7 * FRAME_SIZE && b == 100 * FRAME_SIZE) ||
                (a == 100 * FRAME_SIZE && b == 7 * FRAME_SIZE));
    assert_int_equal(frame_alloc(), 0);
    assert_int_equal(frames_free(), 0);
}

static void alloc_below_stays_under_the_limit(void **state)
{
    start(8 * MiB, FRAME_SIZE);
    const uint64_t limit = 1 * MiB + 100;       /* not frame-aligned: whole frames only */
    uint64_t n = 0, a;
    while ((a = frame_alloc_below(limit)) != 0) {
        assert_true(a + FRAME_SIZE <= limit);
        n++;
    }
    assert_int_equal(n, 255);                   /* frames 1..255 */
    assert_int_equal(frames_free(), 2048 - 256);
    a = frame_alloc();                          /* frames above the limit remain */
    assert_true(a >= 1 * MiB);
    frame_free(3 * FRAME_SIZE);
    assert_int_equal(frame_alloc_below(limit), 3 * FRAME_SIZE);
}

static void alloc_below_a_frame_or_beyond_storage(void **state)
{
    start(1 * MiB, FRAME_SIZE);
    assert_int_equal(frame_alloc_below(FRAME_SIZE), 0);     /* only frame 0 is below */
    assert_int_equal(frame_alloc_below(0), 0);
    assert_int_equal(frames_free(), 255);
    uint64_t n = 0;
    while (frame_alloc_below(~0ULL))                        /* limit clamps to storage */
        n++;
    assert_int_equal(n, 255);
}

static void frame_zero_is_never_handed_out(void **state)
{
    static uint8_t seen[256];
    memset(seen, 0, sizeof seen);
    start(1 * MiB, 0);
    assert_int_equal(frames_free(), 255);       /* 0 would read as "no frame" */
    assert_int_equal(alloc_all(1 * MiB, FRAME_SIZE, seen), 255);
}

/* 13 frames: the last bitmap byte is partly beyond storage. */
static void storage_not_a_multiple_of_eight_frames(void **state)
{
    uint8_t seen[16] = { 0 };
    start(13 * FRAME_SIZE, FRAME_SIZE);
    assert_int_equal(frames_total(), 13);
    assert_int_equal(frames_free(), 12);
    assert_int_equal(alloc_all(13 * FRAME_SIZE, FRAME_SIZE, seen), 12);
    frame_free(12 * FRAME_SIZE);
    assert_int_equal(frame_alloc(), 12 * FRAME_SIZE);
}

static void storage_with_a_partial_last_frame(void **state)
{
    uint8_t seen[16] = { 0 };
    start(10 * FRAME_SIZE + 100, 2 * FRAME_SIZE);
    assert_int_equal(frames_total(), 10);
    assert_int_equal(alloc_all(10 * FRAME_SIZE, 2 * FRAME_SIZE, seen), 8);
}

static void check_abend_frm001(uint64_t addr)
{
    EXPECT_STOP(frame_free(addr));
    assert_int_equal(fake_stop_calls, 1);
    assert_true(fake_stop_code == 0x0000C6D9D4F0F0F1ULL);   /* "FRM001" in EBCDIC */
    assert_int_equal(fake_stop_nlines, 2);
    char want[128];
    snprintf(want, sizeof want,
             "HCPABN9000W CP ABEND FRM001: frame_free of a frame not in use: %016llX",
             (unsigned long long)addr);
    assert_string_equal(fake_stop_lines[0], want);
    assert_string_equal(fake_stop_lines[1],
                        "HCPABN9001W SYSTEM STOPPED, WAIT CODE 0000C6D9D4F0F0F1");
    fakes_reset();
}

static void double_free_is_abend_frm001(void **state)
{
    start(1 * MiB, 16 * FRAME_SIZE);
    uint64_t a = frame_alloc();
    frame_free(a);
    uint64_t before = frames_free();
    check_abend_frm001(a);
    assert_int_equal(frames_free(), before);
}

static void freeing_a_never_allocated_frame_is_an_abend(void **state)
{
    start(1 * MiB, 16 * FRAME_SIZE);
    check_abend_frm001(20 * FRAME_SIZE);        /* free, never allocated */
    assert_int_equal(frames_free(), 240);
}

static void freeing_a_bad_address_is_an_abend(void **state)
{
    start(1 * MiB + 3 * FRAME_SIZE, 16 * FRAME_SIZE);
    uint64_t a = frame_alloc();
    check_abend_frm001(a + 8);                  /* not a frame boundary */
    check_abend_frm001(1 * MiB + 3 * FRAME_SIZE);   /* just past storage */
    check_abend_frm001(~0ULL & ~(FRAME_SIZE - 1));
    assert_int_equal(frames_free(), 259 - 16 - 1);
    frame_free(a);                              /* the good free still works */
    assert_int_equal(frames_free(), 259 - 16);
}

/* Random allocs and frees against a model: the counts and ownership agree. */
static void counts_stay_right_under_random_use(void **state)
{
    enum { FRAMES = 203, FIRST = 5 };
    uint64_t held[FRAMES];
    int nheld = 0;
    uint8_t used[FRAMES] = { 0 };
    start(FRAMES * FRAME_SIZE, FIRST * FRAME_SIZE);
    srand(12345);
    for (int step = 0; step < 20000; step++) {
        int r = rand() % 100;
        if (r < 50 || nheld == 0) {
            uint64_t a = r < 15 ? frame_alloc_below(64 * FRAME_SIZE) : frame_alloc();
            if (a == 0) {
                if (r >= 15)
                    assert_int_equal(nheld, FRAMES - FIRST);
                continue;
            }
            assert_true(a >= FIRST * FRAME_SIZE && a < FRAMES * FRAME_SIZE);
            if (r < 15)
                assert_true(a < 64 * FRAME_SIZE);
            assert_int_equal(used[a / FRAME_SIZE], 0);
            used[a / FRAME_SIZE] = 1;
            held[nheld++] = a;
        } else {
            int i = rand() % nheld;
            frame_free(held[i]);
            used[held[i] / FRAME_SIZE] = 0;
            held[i] = held[--nheld];
        }
        assert_int_equal(frames_free(), FRAMES - FIRST - nheld);
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(bitmap_size_is_one_bit_a_whole_frame),
        T(init_frees_everything_from_free_start),
        T(init_rounds_free_start_up_to_a_frame),
        T(alloc_until_exhausted_then_returns_zero),
        T(freed_frame_is_allocated_again),
        T(alloc_below_stays_under_the_limit),
        T(alloc_below_a_frame_or_beyond_storage),
        T(frame_zero_is_never_handed_out),
        T(storage_not_a_multiple_of_eight_frames),
        T(storage_with_a_partial_last_frame),
        T(double_free_is_abend_frm001),
        T(freeing_a_never_allocated_frame_is_an_abend),
        T(freeing_a_bad_address_is_an_abend),
        T(counts_stay_right_under_random_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
