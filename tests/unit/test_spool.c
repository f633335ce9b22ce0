/* spool/: the spool file system on a memory disk.  Round trips, warm start
 * from the on-disk image, spoolid reuse, a full volume, damaged blocks,
 * and crashes cut at every write (whole and torn). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spool/spool.h"
#include "spool/format.h"
#include "spool/splink.h"
#include "lib/be.h"
#include "tests/unit/fake_memdisk.h"

static struct spool *sp_new(void)
{
    struct spool *s = calloc(1, sizeof *s);
    assert_non_null(s);
    return s;
}

static int nreports;
static char last_report[200];
static void report(void *arg, const char *line)
{
    nreports++;
    snprintf(last_report, sizeof last_report, "%s", line);
}

static struct spool_attr attr(const char *owner, char cls)
{
    struct spool_attr a;
    memset(&a, 0, sizeof a);
    a.queue = SQ_RDR;
    a.origin_queue = SQ_PUN;
    a.cls = cls;
    a.copies = 1;
    a.devtype = 0x2540;
    snprintf(a.owner, sizeof a.owner, "%s", owner);
    snprintf(a.origin, sizeof a.origin, "USERA");
    snprintf(a.fn, sizeof a.fn, "PROFILE");
    snprintf(a.ft, sizeof a.ft, "EXEC");
    a.created = 0x1234;
    return a;
}

/* Card i of a file seeded by `seed`: 80 bytes, every byte value occurs. */
static void card(uint8_t *c, int seed, uint32_t i)
{
    for (int k = 0; k < 80; k++)
        c[k] = (uint8_t)(seed * 31 + i * 7 + k);
}

static int make_file(struct spool *s, const char *owner, int seed, uint32_t ncards)
{
    struct spool_attr a = attr(owner, 'A');
    int id = spool_open(s, &a);
    assert_true(id > 0);
    uint8_t c[80];
    for (uint32_t i = 0; i < ncards; i++) {
        card(c, seed, i);
        int rc = spool_write(s, id, 0x41, c, 80);
        if (rc)
            return rc;
    }
    int rc = spool_close(s, id);
    return rc ? rc : id;
}

static void check_file(struct spool *s, int id, int seed, uint32_t ncards)
{
    static struct spool_cursor cur;
    struct spoolfile *f = spool_file(s, id);
    assert_non_null(f);
    assert_int_equal(f->state, SF_CLOSED);
    assert_int_equal(f->a.records, ncards);
    assert_int_equal(spool_read_open(s, id, &cur), 0);
    uint8_t want[80], got[100], op;
    for (uint32_t i = 0; i < ncards; i++) {
        card(want, seed, i);
        assert_int_equal(spool_read(s, &cur, &op, got, sizeof got), 80);
        assert_int_equal(op, 0x41);
        assert_memory_equal(got, want, 80);
    }
    assert_int_equal(spool_read(s, &cur, &op, got, sizeof got), SPOOL_ENOENT);
}

static void test_format_mount_empty(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 2000);
    struct spool *s = sp_new();
    assert_int_equal(spool_mount(s, &d->b, report, 0), SPOOL_EFORMAT);
    assert_int_equal(spool_format(&d->b), 0);
    assert_int_equal(spool_mount(s, &d->b, report, 0), 0);
    assert_int_equal(spool_total_blocks(s), 2000);
    assert_int_equal(spool_free_blocks(s), 2000);
    struct memdisk *tiny = md_new(SPF_DATA_START);
    assert_int_equal(spool_format(&tiny->b), SPOOL_EINVAL);
    md_free(tiny);
    free(s);
    md_free(d);
}

static void test_round_trip_and_warm_start(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 3000);
    struct spool *s = sp_new();
    assert_int_equal(spool_format(&d->b), 0);
    assert_int_equal(spool_mount(s, &d->b, report, 0), 0);
    int a = make_file(s, "USERB", 1, 12);
    int b = make_file(s, "USERB", 2, 1000);       /* many blocks */
    int c = make_file(s, "USERC", 3, 0);          /* no records */
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
    assert_int_equal(c, 3);
    struct spoolfile *f = spool_file(s, b);
    assert_true(f->nblocks > 10);
    /* Attributes survive, changed ones too. */
    f->a.cls = 'X';
    f->a.flags = SF_HOLD | SF_KEEP;
    f->a.copies = 7;
    snprintf(f->a.dist, sizeof f->a.dist, "DEPT42");
    snprintf(f->a.form, sizeof f->a.form, "WIDE");
    assert_int_equal(spool_commit(s, b), 0);
    check_file(s, a, 1, 12);
    check_file(s, b, 2, 1000);
    check_file(s, c, 3, 0);
    uint32_t nfree = spool_free_blocks(s);

    struct spool *w = sp_new();
    nreports = 0;
    assert_int_equal(spool_mount(w, &d->b, report, 0), 3);
    assert_int_equal(nreports, 0);
    assert_int_equal(spool_free_blocks(w), nfree);
    check_file(w, a, 1, 12);
    check_file(w, b, 2, 1000);
    check_file(w, c, 3, 0);
    struct spoolfile *g = spool_file(w, b);
    assert_int_equal(g->a.cls, 'X');
    assert_int_equal(g->a.flags, SF_HOLD | SF_KEEP);
    assert_int_equal(g->a.copies, 7);
    assert_string_equal(g->a.dist, "DEPT42");
    assert_string_equal(g->a.form, "WIDE");
    assert_string_equal(g->a.owner, "USERB");
    assert_string_equal(g->a.origin, "USERA");
    assert_string_equal(g->a.fn, "PROFILE");
    assert_string_equal(g->a.ft, "EXEC");
    assert_int_equal(g->a.devtype, 0x2540);
    assert_int_equal(g->a.maxrec, 80);
    /* Queue order survives; the next spoolid follows the newest file. */
    assert_int_equal(spool_next_in_queue(w, SQ_RDR, "USERB", 0)->id, a);
    assert_int_equal(spool_next_in_queue(w, SQ_RDR, "USERB", spool_file(w, a)->order)->id, b);
    assert_null(spool_next_in_queue(w, SQ_RDR, "USERB", spool_file(w, b)->order));
    assert_int_equal(make_file(w, "USERB", 4, 1), 4);
    free(w);
    free(s);
    md_free(d);
}

static void test_records_as_written(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 200);
    struct spool *s = sp_new();
    spool_format(&d->b);
    spool_mount(s, &d->b, 0, 0);
    struct spool_attr a = attr("USERB", 'A');
    a.queue = SQ_PRT;
    int id = spool_open(s, &a);
    uint8_t line[132], big[SPOOL_REC_MAX + 1];
    for (int i = 0; i < 132; i++)
        line[i] = (uint8_t)(0xC1 + i % 9);      /* EBCDIC letters, stored as is */
    assert_int_equal(spool_write(s, id, 0x09, line, 132), 0);
    assert_int_equal(spool_write(s, id, 0x8B, line, 0), 0);     /* skip immediate: no data */
    assert_int_equal(spool_write(s, id, 0x11, line, 5), 0);
    assert_int_equal(spool_write(s, id, 0x01, big, sizeof big), SPOOL_EINVAL);
    assert_int_equal(spool_write(s, 999, 0x01, line, 1), SPOOL_ENOENT);
    assert_int_equal(spool_close(s, id), 0);
    assert_int_equal(spool_write(s, id, 0x01, line, 1), SPOOL_ENOENT);     /* closed */
    static struct spool_cursor c;
    uint8_t got[200], op;
    assert_int_equal(spool_read_open(s, id, &c), 0);
    assert_int_equal(spool_read(s, &c, &op, got, sizeof got), 132);
    assert_int_equal(op, 0x09);
    assert_memory_equal(got, line, 132);
    assert_int_equal(spool_read(s, &c, &op, got, sizeof got), 0);
    assert_int_equal(op, 0x8B);
    assert_int_equal(spool_read(s, &c, &op, got, sizeof got), 5);
    assert_int_equal(op, 0x11);
    assert_int_equal(spool_read_seek(s, &c, 1), 0);
    assert_int_equal(spool_read(s, &c, &op, got, sizeof got), 0);
    assert_int_equal(op, 0x8B);
    assert_int_equal(spool_file(s, id)->a.maxrec, 132);
    assert_int_equal(spool_file(s, id)->a.records, 3);
    free(s);
    md_free(d);
}

static void test_spoolid_reuse(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 10);
    struct spool *s = sp_new();
    spool_format(&d->b);
    spool_mount(s, &d->b, 0, 0);
    for (int i = 1; i <= SPOOL_MAXID; i++)
        assert_int_equal(make_file(s, "USERB", i, 0), i);
    struct spool_attr a = attr("USERB", 'A');
    assert_int_equal(spool_open(s, &a), SPOOL_ENOID);
    assert_int_equal(spool_purge(s, 77), 0);
    assert_int_equal(spool_purge(s, 77), SPOOL_ENOENT);
    assert_int_equal(spool_purge(s, 5000), 0);
    /* The next free one after the last given (9999): wraps to 77, then 5000. */
    assert_int_equal(make_file(s, "USERB", 1, 0), 77);
    assert_int_equal(make_file(s, "USERB", 1, 0), 5000);
    assert_int_equal(spool_open(s, &a), SPOOL_ENOID);
    struct spool *w = sp_new();
    assert_int_equal(spool_mount(w, &d->b, report, 0), SPOOL_MAXID);
    free(w);
    free(s);
    md_free(d);
}

static void test_volume_full(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 40);
    struct spool *s = sp_new();
    spool_format(&d->b);
    spool_mount(s, &d->b, 0, 0);
    int keep = make_file(s, "USERB", 9, 300);       /* about 6 blocks */
    assert_true(keep > 0);
    struct spool_attr a = attr("USERC", 'A');
    int id = spool_open(s, &a);
    uint8_t c[80];
    uint32_t n = 0;
    int rc;
    for (;;) {
        card(c, 10, n);
        rc = spool_write(s, id, 0x41, c, 80);
        if (rc)
            break;
        n++;
    }
    assert_int_equal(rc, SPOOL_EFULL);
    assert_int_equal(spool_free_blocks(s), 0);
    assert_int_equal(spool_write(s, id, 0x41, c, 80), SPOOL_EFULL);     /* still full, still open */
    /* Another writer is refused too; the first file is untouched. */
    struct spool_attr b = attr("USERD", 'A');
    int other = spool_open(s, &b);
    assert_int_equal(spool_write(s, other, 0x41, c, 80), SPOOL_EFULL);
    spool_discard(s, other);
    check_file(s, keep, 9, 300);
    /* What was written can still be closed, and is whole. */
    assert_int_equal(spool_close(s, id), 0);
    check_file(s, id, 10, n);
    struct spool *w = sp_new();
    assert_int_equal(spool_mount(w, &d->b, report, 0), 2);
    check_file(w, keep, 9, 300);
    check_file(w, id, 10, n);
    assert_int_equal(spool_free_blocks(w), 0);
    /* Purging gives the space back. */
    assert_int_equal(spool_purge(w, id), 0);
    assert_true(spool_free_blocks(w) > 30);
    assert_true(make_file(w, "USERB", 11, 200) > 0);
    free(w);
    free(s);
    md_free(d);
}

static void test_discard_frees(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 300);
    struct spool *s = sp_new();
    spool_format(&d->b);
    spool_mount(s, &d->b, 0, 0);
    uint32_t before = spool_free_blocks(s);
    struct spool_attr a = attr("USERB", 'A');
    int id = spool_open(s, &a);
    uint8_t c[80] = { 0 };
    for (int i = 0; i < 500; i++)
        assert_int_equal(spool_write(s, id, 0x41, c, 80), 0);
    assert_true(spool_free_blocks(s) < before);
    spool_discard(s, id);
    assert_int_equal(spool_free_blocks(s), before);
    assert_null(spool_file(s, id));
    /* An open file is not on the volume: a warm start does not see it. */
    id = spool_open(s, &a);
    spool_write(s, id, 0x41, c, 80);
    struct spool *w = sp_new();
    assert_int_equal(spool_mount(w, &d->b, 0, 0), 0);
    assert_int_equal(spool_free_blocks(w), before);
    free(w);
    free(s);
    md_free(d);
}

static void test_order(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 300);
    struct spool *s = sp_new();
    spool_format(&d->b);
    spool_mount(s, &d->b, 0, 0);
    int ids[4];
    for (int i = 0; i < 4; i++)
        ids[i] = make_file(s, "USERB", i, 1);
    int first[2] = { ids[3], ids[2] };
    assert_int_equal(spool_order_first(s, first, 2), 0);
    int bad[1] = { 4444 };
    assert_int_equal(spool_order_first(s, bad, 1), SPOOL_ENOENT);
    int want[4] = { ids[3], ids[2], ids[0], ids[1] };
    for (int pass = 0; pass < 2; pass++) {
        uint32_t after = 0;
        for (int i = 0; i < 4; i++) {
            struct spoolfile *f = spool_next_in_queue(s, SQ_RDR, "USERB", after);
            assert_non_null(f);
            assert_int_equal(f->id, want[i]);
            after = f->order;
        }
        assert_null(spool_next_in_queue(s, SQ_RDR, "USERB", after));
        assert_null(spool_next_in_queue(s, SQ_PRT, 0, 0));
        struct spool *w = sp_new();
        spool_mount(w, &d->b, 0, 0);
        memcpy(s, w, sizeof *s);     /* the same order after a warm start */
        free(w);
    }
    free(s);
    md_free(d);
}

static void test_damaged_block(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 500);
    struct spool *s = sp_new();
    spool_format(&d->b);
    spool_mount(s, &d->b, 0, 0);
    int a = make_file(s, "USERB", 1, 200);
    int b = make_file(s, "USERB", 2, 200);
    int c = make_file(s, "USERB", 3, 200);
    uint32_t blk = spool_file(s, b)->first;
    /* The second block of file b gets one flipped bit. */
    uint32_t second = s->next[blk];
    d->data[(size_t)second * SPOOL_BLKSIZE + 100] ^= 0x10;
    struct spool *w = sp_new();
    nreports = 0;
    assert_int_equal(spool_mount(w, &d->b, report, 0), 2);
    assert_int_equal(nreports, 1);
    assert_non_null(strstr(last_report, "HCPWRS9210W Spool file 0002 of USERB is lost: a block is damaged"));
    check_file(w, a, 1, 200);
    check_file(w, c, 3, 200);
    assert_null(spool_file(w, b));
    /* Its blocks are free again, and its entry is gone for good. */
    uint32_t used = 0;
    for (uint32_t i = w->data_start; i < w->data_end; i++)
        used += !!w->next[i];
    assert_int_equal(used, spool_file(w, a)->nblocks + spool_file(w, c)->nblocks);
    nreports = 0;
    assert_int_equal(spool_mount(w, &d->b, report, 0), 2);
    assert_int_equal(nreports, 0);
    /* An unreadable volume is an I/O error, not an empty spool. */
    d->fail_reads = 1;
    assert_int_equal(spool_mount(w, &d->b, report, 0), SPOOL_EIO);
    free(w);
    free(s);
    md_free(d);
}

/* The workload the crash test cuts: files closed, purged, changed,
 * written again (so freed blocks are reused).  Returns how many steps
 * completed; done[k] says whether file k's close (or purge) returned. */
struct outcome {
    int closed[8];      /* id of file k if its close returned 0 */
    int purged[8];      /* its purge returned 0 */
    int purging[8];     /* its purge was called */
    int changed;        /* file 1's class change returned */
};

static void workload(struct spool *s, struct outcome *o)
{
    memset(o, 0, sizeof *o);
    static const uint32_t sizes[8] = { 60, 1, 120, 0, 75, 200, 3, 51 };
    for (int k = 0; k < 8; k++) {
        int id = make_file(s, "USERB", k, sizes[k]);
        if (id < 0)
            return;
        o->closed[k] = id;
        if (k == 2) {
            o->purging[0] = 1;
            if (spool_purge(s, o->closed[0]))
                return;
            o->purged[0] = 1;
        }
        if (k == 4) {
            spool_file(s, o->closed[1])->a.cls = 'Z';
            if (spool_commit(s, o->closed[1]))
                return;
            o->changed = 1;
        }
        if (k == 6) {
            o->purging[5] = 1;
            if (spool_purge(s, o->closed[5]))
                return;
            o->purged[5] = 1;
        }
    }
}

static void crash_at(int budget, int torn, long *total, uint16_t start_id)
{
    static const uint32_t sizes[8] = { 60, 1, 120, 0, 75, 200, 3, 51 };
    struct memdisk *d = md_new(SPF_DATA_START + 30);
    struct spool *s = sp_new();
    spool_format(&d->b);
    spool_mount(s, &d->b, 0, 0);
    s->id_cursor = start_id;        /* 28: the files cross into directory block 1 (its mark) */
    d->writes = 0;
    d->budget = budget;
    d->torn = torn;
    struct outcome o;
    workload(s, &o);
    *total = d->writes;
    d->budget = -1;
    struct spool *w = sp_new();
    nreports = 0;
    int n = spool_mount(w, &d->b, report, 0);

    assert_true(n >= 0);
    /* Every file that was closed and not purged is there and whole.  The
     * only other file allowed is one whose close or purge was cut short:
     * all or nothing, never damaged (no reports). */
    assert_int_equal(nreports, 0);
    for (int k = 0; k < 8; k++) {
        int id = o.closed[k];
        if (id && !o.purging[k])
            check_file(w, id, k, sizes[k]);
    }
    int first_open = 0;
    while (first_open < 8 && o.closed[first_open])
        first_open++;
    for (int id = 1; id <= SPOOL_MAXID; id++) {
        struct spoolfile *f = spool_file(w, id);
        if (!f)
            continue;
        int k = -1;
        for (int j = 0; j < 8; j++)
            if (o.closed[j] == id && !o.purged[j])
                k = j;
        if (k < 0 && first_open < 8 && f->a.records == sizes[first_open])
            k = first_open;
        assert_true(k >= 0);
        check_file(w, id, k, sizes[k]);
    }
    if (o.changed)
        assert_int_equal(spool_file(w, o.closed[1])->a.cls, 'Z');
    /* Blocks in use are exactly those of the files found. */
    uint32_t used = 0, owned = 0;
    for (uint32_t i = w->data_start; i < w->data_end; i++)
        used += !!w->next[i];
    for (int id = 1; id <= SPOOL_MAXID; id++)
        if (spool_file(w, id))
            owned += spool_file(w, id)->nblocks;
    assert_int_equal(used, owned);
    free(w);
    free(s);
    md_free(d);
}

static void test_crash_at_every_write(void **st)
{
    static const uint16_t starts[2] = { 0, 28 };
    for (int st0 = 0; st0 < 2; st0++) {
        long total = 0;
        crash_at(-1, 0, &total, starts[st0]);   /* learn how many writes the workload makes */
        assert_true(total > 20);
        for (int torn = 0; torn < 2; torn++)
            for (long k = 1; k <= total; k++) {
                long t;
                crash_at((int)k, torn, &t, starts[st0]);
            }
    }
}

/* Warm start reads the directory only up to its high-water mark; the mark
 * rises before a block gets entries, falls at warm start; a block past the
 * mark written again after a fall keeps its new entries and never brings
 * back purged ones. */
static void test_dir_high_water_mark(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 400);
    struct spool *s = sp_new();
    assert_int_equal(spool_format(&d->b), 0);
    assert_int_equal(spool_mount(s, &d->b, 0, 0), 0);
    assert_int_equal(s->dir_reads, 2);              /* block 0 (the mark) and block 0 */
    assert_int_equal(s->dir_hwm, 1);
    int ids[100];
    for (int i = 0; i < 100; i++)                   /* spoolids 1-100: blocks 0-3 */
        ids[i] = make_file(s, "USERC", i, 1 + i % 3);
    assert_int_equal(s->dir_hwm, 4);
    memset(s, 0, sizeof *s);
    assert_int_equal(spool_mount(s, &d->b, 0, 0), 100);
    assert_int_equal(s->dir_reads, 5);
    for (int i = 0; i < 100; i++)
        check_file(s, ids[i], i, 1 + i % 3);
    for (int i = 31; i < 100; i++)                  /* only block 0's files stay */
        assert_int_equal(spool_purge(s, ids[i]), 0);
    memset(s, 0, sizeof *s);
    assert_int_equal(spool_mount(s, &d->b, 0, 0), 31);
    assert_int_equal(s->dir_reads, 5);              /* the old mark, then lowered */
    assert_int_equal(s->dir_hwm, 1);
    memset(s, 0, sizeof *s);
    assert_int_equal(spool_mount(s, &d->b, 0, 0), 31);
    assert_int_equal(s->dir_reads, 2);
    /* New files past the mark: blocks 1-3 hold old versions on the volume. */
    s->id_cursor = 90;
    int late = make_file(s, "USERC", 7, 2);
    assert_int_equal(late, 91);
    assert_int_equal(s->dir_hwm, 3);
    int late2 = make_file(s, "USERC", 8, 2);
    assert_int_equal(spool_purge(s, late2), 0);
    memset(s, 0, sizeof *s);
    assert_int_equal(spool_mount(s, &d->b, 0, 0), 32);
    check_file(s, late, 7, 2);
    for (int i = 0; i < 31; i++)
        check_file(s, ids[i], i, 1 + i % 3);
    assert_null(spool_file(s, late2));
    free(s);
    md_free(d);
}

/* DIAG X'14' views: SPLINK buffers (records packed whole, trailing blanks
 * removed, carriage motions as a bare CCW), skip agrees with fill, SFBLOK. */
static void test_splink_buffers(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 300);
    struct spool *s = sp_new();
    assert_int_equal(spool_format(&d->b), 0);
    assert_int_equal(spool_mount(s, &d->b, 0, 0), 0);
    struct spool_attr a = attr("USERB", 'C');
    a.flags = SF_HOLD | SF_KEEP;
    int id = spool_open(s, &a);
    assert_true(id > 0);
    uint8_t c[80];
    const uint32_t N = 100;
    for (uint32_t i = 0; i < N; i++) {
        memset(c, 0x40, sizeof c);
        memset(c, 0xC1 + i % 9, 1 + i % 70);        /* 1..70 data bytes, blanks after */
        assert_int_equal(spool_write(s, id, 0x41, c, 80), 0);
        if (i % 10 == 9)
            assert_int_equal(spool_write(s, id, 0x8B, c, 0), 0);   /* a carriage motion */
    }
    memset(c, 0x40, sizeof c);
    assert_int_equal(spool_write(s, id, 0x41, c, 80), 0);          /* a blank card */
    assert_int_equal(spool_close(s, id), 0);
    struct spoolfile *f = spool_file(s, id);
    static struct spool_cursor cur, cur2;
    static uint8_t buf[SPLINK_SIZE];
    assert_int_equal(spool_read_open(s, id, &cur), 0);
    assert_int_equal(spool_read_open(s, id, &cur2), 0);
    uint32_t card = 0, motions = 0, blank = 0, bufs = 0;
    for (;;) {
        int n = splink_fill(s, &cur, f, bufs + 1, buf);
        assert_int_equal(splink_skip(s, &cur2, f), n);
        if (n == 0)
            break;
        bufs++;
        assert_int_equal(be32_get(buf), 0);
        assert_int_equal(be32_get(buf + 4), bufs);
        assert_int_equal(be32_get(buf + 12), (uint32_t)n);
        assert_int_equal(be16_get(buf + SPLINK_RECLEN_AT), 80);
        assert_int_equal(be16_get(buf + SPLINK_SPOOLID_AT), id);
        uint32_t p = SPLINK_DATA;
        for (int r = 0; r < n; r++) {
            if (buf[p + 4] & SPLINK_CCW_IMMED) {
                assert_int_equal(buf[p], 0x8B);
                motions++;
                p += 8;
                continue;
            }
            uint16_t cnt = be16_get(buf + p + 6);
            assert_int_equal(buf[p], 0x41);
            assert_int_equal(be16_get(buf + p + 10), 12 + cnt);
            if (card < N) {
                assert_int_equal(cnt, 1 + card % 70);
                assert_int_equal(buf[p + 12], 0xC1 + card % 9);
            } else {
                assert_int_equal(cnt, 1);
                assert_int_equal(buf[p + 12], 0x40);
                blank++;
            }
            card++;
            p += 12 + cnt;
        }
        assert_true(p <= SPLINK_DATA_END);
        if (n > 0 && bufs == 1)
            assert_true(p > SPLINK_DATA_END - 12 - 80);   /* the next record did not fit */
    }
    assert_int_equal(card, N + 1);
    assert_int_equal(motions, N / 10);
    assert_int_equal(blank, 1);
    assert_true(bufs >= 2);

    uint8_t sfb[SFBLOK_SIZE];
    sfblok_build(f, 1, sfb);
    assert_int_equal(be32_get(sfb + 24), N + 1 + N / 10);
    assert_int_equal(be16_get(sfb + 28), 80);
    assert_int_equal(be16_get(sfb + 30), id);
    assert_int_equal(sfb[32], SFB_INUSE | SFB_USERHOLD);
    assert_int_equal(sfb[33], 0x82);
    assert_int_equal(sfb[8], 0xE4);             /* "USERB" in EBCDIC */
    assert_int_equal(sfb[40], 0xD7);            /* "PROFILE" */
    assert_int_equal(sfb[47], 0x40);
    assert_int_equal(sfb[86], 0xC3);            /* class C */
    assert_int_equal(sfb[100], 1);
    assert_int_equal(sfb[101], SFB_ZCP_KEEP);
    free(s);
    md_free(d);
}

/* spool_block_ref (the DIAG X'14' buffer builder's loop): a block's
 * records in place, the same records spool_read gives, across blocks; the
 * end; and a file purged under the cursor gives nothing more (no stale
 * records from the cursor's block). */
static void test_block_ref(void **st)
{
    struct memdisk *d = md_new(SPF_DATA_START + 300);
    struct spool *s = sp_new();
    assert_int_equal(spool_format(&d->b), 0);
    assert_int_equal(spool_mount(s, &d->b, 0, 0), 0);
    struct spool_attr a = attr("USERB", 'A');
    int id = spool_open(s, &a);
    assert_true(id > 0);
    uint8_t c[80];
    const uint32_t N = 150;                     /* about three blocks */
    for (uint32_t i = 0; i < N; i++) {
        memset(c, 0x40, sizeof c);
        memset(c, 0xC1 + i % 9, 1 + i % 80);
        assert_int_equal(spool_write(s, id, 0x41, c, 80), 0);
    }
    assert_int_equal(spool_close(s, id), 0);
    static struct spool_cursor cur, ref;
    assert_int_equal(spool_read_open(s, id, &cur), 0);
    assert_int_equal(spool_read_open(s, id, &ref), 0);
    uint32_t got = 0, blocks = 0;
    for (;;) {
        const uint8_t *q;
        int left = spool_block_ref(s, &cur, &q);
        if (left == SPOOL_ENOENT)
            break;
        assert_true(left > 0);
        blocks++;
        for (; left > 0; left--) {
            uint8_t op, data[80];
            int len = q[1] << 8 | q[2];
            assert_int_equal(spool_read(s, &ref, &op, data, sizeof data), len);
            assert_int_equal(q[0], op);
            assert_memory_equal(q + 3, data, (size_t)len);
            spool_consume(&cur, (uint16_t)len);
            q += 3 + len;
            got++;
        }
    }
    assert_int_equal(got, N);
    assert_true(blocks >= 3);
    uint8_t op, data[80];
    assert_int_equal(spool_read(s, &ref, &op, data, sizeof data), SPOOL_ENOENT);
    assert_int_equal(spool_block_ref(s, &cur, &(const uint8_t *){0}), SPOOL_ENOENT);

    /* Purged while a cursor is in its first block, records still left there. */
    assert_int_equal(spool_read_open(s, id, &cur), 0);
    const uint8_t *q;
    assert_true(spool_block_ref(s, &cur, &q) > 1);
    spool_consume(&cur, (uint16_t)(q[1] << 8 | q[2]));
    assert_int_equal(spool_purge(s, id), 0);
    assert_int_equal(spool_block_ref(s, &cur, &q), SPOOL_ENOENT);
    free(s);
    md_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_mount_empty),
        cmocka_unit_test(test_round_trip_and_warm_start),
        cmocka_unit_test(test_records_as_written),
        cmocka_unit_test(test_spoolid_reuse),
        cmocka_unit_test(test_volume_full),
        cmocka_unit_test(test_discard_frees),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_damaged_block),
        cmocka_unit_test(test_crash_at_every_write),
        cmocka_unit_test(test_splink_buffers),
        cmocka_unit_test(test_dir_high_water_mark),
        cmocka_unit_test(test_block_ref),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
