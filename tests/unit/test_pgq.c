/* cp/mm/pgq.c: the table of page-ins in flight (docs/paging.md,
 * "Asynchronous page-in"): one read a page, joining waiters, batches in
 * order of arrival, one channel program a volume at a time. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/mm/pgq.h"

static struct pgq q;
static int g1, g2;              /* two guests' storage: only addresses matter */

static int setup(void **state)
{
    pgq_init(&q);
    return 0;
}

static void one_read_a_page(void **state)
{
    struct pgq_ent *e = pgq_add(&q, &g1, 100, 0, 0x5000, 7, 1);
    assert_non_null(e);
    assert_int_equal(e->state, PGQ_QUEUED);
    assert_ptr_equal(pgq_find(&q, &g1, 100), e);
    /* A second fault on the page finds the read; it never gets another. */
    assert_null(pgq_add(&q, &g1, 100, 0, 0x6000, 7, 2));
    assert_null(pgq_find(&q, &g1, 101));
    assert_null(pgq_find(&q, &g2, 100));
    /* The same page number of another guest is another page. */
    assert_non_null(pgq_add(&q, &g2, 100, 0, 0x6000, 8, 3));
    assert_int_equal(q.n, 2);
    pgq_free(&q, e);
    assert_null(pgq_find(&q, &g1, 100));
    assert_int_equal(q.n, 1);
    pgq_free(&q, e);                            /* twice: no harm */
    assert_int_equal(q.n, 1);
}

static void waiters_join_once(void **state)
{
    struct pgq_ent *e = pgq_add(&q, &g1, 5, 1, 0x5000, 1, 0);
    int cpu[PGQ_WAITERS + 1];
    assert_false(pgq_waiting(e, &cpu[0]));
    assert_int_equal(pgq_wait(e, &cpu[0], 0xAA), 0);
    assert_true(pgq_waiting(e, &cpu[0]));
    assert_int_equal(pgq_wait(e, &cpu[0], 0xBB), -1);      /* once a vCPU */
    for (int i = 1; i < PGQ_WAITERS; i++)
        assert_int_equal(pgq_wait(e, &cpu[i], (uint64_t)i), 0);
    assert_int_equal(pgq_wait(e, &cpu[PGQ_WAITERS], 9), -1);  /* full */
    assert_int_equal(e->nwait, PGQ_WAITERS);
    assert_int_equal(e->w[0].token, 0xAA);
}

static void batches_oldest_first_one_program_a_volume(void **state)
{
    struct pgq_ent *out[4];
    /* Volume 0: pages 10..15 in that order; volume 1: page 20. */
    for (int p = 10; p < 16; p++)
        assert_non_null(pgq_add(&q, &g1, (uint64_t)p, 0, 0x1000 * (uint64_t)p, (uint64_t)p, 0));
    assert_non_null(pgq_add(&q, &g1, 20, 1, 0x20000, 20, 0));
    assert_false(pgq_busy(&q, 0));
    int n = pgq_batch(&q, 0, out, 4);
    assert_int_equal(n, 4);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(out[i]->page, 10 + i);
        assert_int_equal(out[i]->state, PGQ_STARTED);
    }
    assert_true(pgq_busy(&q, 0));
    /* Volume 0 is busy: nothing more for it; volume 1 runs meanwhile. */
    struct pgq_ent *o2[4];
    assert_int_equal(pgq_batch(&q, 0, o2, 4), 0);
    assert_int_equal(pgq_batch(&q, 1, o2, 4), 1);
    assert_int_equal(o2[0]->page, 20);
    /* Faults while volume 0 reads queue behind the rest. */
    assert_non_null(pgq_add(&q, &g2, 30, 0, 0x30000, 30, 0));
    /* A page in flight is still found (joined) while its program runs. */
    assert_ptr_equal(pgq_find(&q, &g1, 11), out[1]);
    for (int i = 0; i < n; i++)
        pgq_free(&q, out[i]);
    assert_false(pgq_busy(&q, 0));
    n = pgq_batch(&q, 0, out, 4);
    assert_int_equal(n, 3);
    assert_int_equal(out[0]->page, 14);
    assert_int_equal(out[1]->page, 15);
    assert_int_equal(out[2]->page, 30);
    assert_ptr_equal(out[2]->g, &g2);
}

static void cancelled_entries_are_not_found(void **state)
{
    struct pgq_ent *e = pgq_add(&q, &g1, 7, 0, 0x7000, 3, 0);
    struct pgq_ent *out[1];
    assert_int_equal(pgq_batch(&q, 0, out, 1), 1);
    e->cancelled = 1;               /* released while its read runs */
    assert_null(pgq_find(&q, &g1, 7));
    /* The page may be read again later (a new slot): a new entry. */
    struct pgq_ent *e2 = pgq_add(&q, &g1, 7, 0, 0x8000, 4, 0);
    assert_non_null(e2);
    assert_ptr_not_equal(e2, e);
    /* The cancelled one still holds volume 0 until its program ended. */
    assert_true(pgq_busy(&q, 0));
    assert_int_equal(pgq_batch(&q, 0, out, 1), 0);
}

static void table_full_and_bad_volume(void **state)
{
    for (int i = 0; i < PGQ_MAX; i++)
        assert_non_null(pgq_add(&q, &g1, (uint64_t)i, i % PGQ_VOLS, 0, 0, 0));
    assert_null(pgq_add(&q, &g1, 1000, 0, 0, 0, 0));
    assert_int_equal(q.n, PGQ_MAX);
    pgq_init(&q);
    assert_null(pgq_add(&q, &g1, 1, -1, 0, 0, 0));
    assert_null(pgq_add(&q, &g1, 1, PGQ_VOLS, 0, 0, 0));
    assert_int_equal(q.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(one_read_a_page, setup),
        cmocka_unit_test_setup(waiters_join_once, setup),
        cmocka_unit_test_setup(batches_oldest_first_one_program_a_volume, setup),
        cmocka_unit_test_setup(cancelled_entries_are_not_found, setup),
        cmocka_unit_test_setup(table_full_and_bad_volume, setup),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
