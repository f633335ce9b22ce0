/* cms-guest/fs/cmsfs.c: the CMS-style file system against a memory
 * block device (blocks of 4096 bytes, numbered from 1 as DIAG X'250'). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cms-guest/fs/cmsfs.h"

#define NBLK 2400
static uint8_t disk[NBLK][CMSFS_BS];
static int fail_after = -1;             /* writes left before the device fails */
static int reads, writes;

static int mread(void *ctx, uint32_t b, void *buf)
{
    if (b < 1 || b > NBLK)
        return -1;
    reads++;
    memcpy(buf, disk[b - 1], CMSFS_BS);
    return 0;
}
static int mwrite(void *ctx, uint32_t b, const void *buf)
{
    if (b < 1 || b > NBLK || fail_after == 0)
        return -1;
    if (fail_after > 0)
        fail_after--;
    writes++;
    memcpy(disk[b - 1], buf, CMSFS_BS);
    return 0;
}
static struct cmsfs_dev dev = { NULL, NBLK, 0, mread, mwrite };
static struct cmsfs fs;
static struct cmsfs_writer w;
static struct cmsfs_reader r;

static int setup(void **state)
{
    memset(disk, 0xEE, sizeof disk);
    fail_after = -1;
    dev.readonly = 0;
    dev.nblocks = NBLK;
    assert_int_equal(cmsfs_format(&dev, "test01", 20261121), 0);
    assert_int_equal(cmsfs_mount(&fs, &dev), 0);
    return 0;
}

static void put_file(const char *fn, const char *ft, char recfm, uint32_t lrecl, int n, const char *prefix)
{
    char rec[100];
    assert_int_equal(cmsfs_create(&fs, &w, fn, ft, recfm, lrecl), 0);
    for (int i = 0; i < n; i++) {
        snprintf(rec, sizeof rec, "%s%d", prefix, i);
        assert_int_equal(cmsfs_put(&w, rec, (uint32_t)strlen(rec)), 0);
    }
    assert_int_equal(cmsfs_commit(&w, 20261121, 120000), 0);
}

static void format_writes_label_and_empty_directory(void **state)
{
    assert_string_equal(fs.label, "TEST01");
    assert_int_equal(fs.nfiles, 0);
    assert_int_equal(fs.used, 20);          /* blocks 1-20: reserved, label, map, directory */
    assert_int_equal(disk[2][0], 0xC3);     /* "CMS1" in EBCDIC */
    assert_int_equal(disk[2][3], 0xF1);
}

static void mount_refuses_an_unformatted_disk(void **state)
{
    memset(disk[2], 0, CMSFS_BS);
    struct cmsfs other;
    assert_int_equal(cmsfs_mount(&other, &dev), CMSFS_ENOTCMS);
}

static void format_refuses_small_and_readonly_disks(void **state)
{
    struct cmsfs_dev small = dev;
    small.nblocks = 10;
    assert_int_equal(cmsfs_format(&small, "X", 0), CMSFS_ESMALL);
    struct cmsfs_dev ro = dev;
    ro.readonly = 1;
    assert_int_equal(cmsfs_format(&ro, "X", 0), CMSFS_ERO);
}

static void variable_records_round_trip(void **state)
{
    put_file("PROFILE", "EXEC", 'V', 0, 3, "line ");
    int i = cmsfs_lookup(&fs, "PROFILE", "EXEC");
    assert_true(i >= 0);
    assert_int_equal(fs.dir[i].nrecs, 3);
    assert_int_equal(fs.dir[i].lrecl, 6);   /* the longest record */
    char buf[100];
    cmsfs_open(&fs, i, &r);
    for (int k = 0; k < 3; k++) {
        int n = cmsfs_get(&r, buf, sizeof buf);
        assert_int_equal(n, 6);
        buf[n] = 0;
        char want[20];
        snprintf(want, sizeof want, "line %d", k);
        assert_string_equal(buf, want);
    }
    assert_int_equal(cmsfs_get(&r, buf, sizeof buf), CMSFS_EOF);
    /* survives a new mount */
    struct cmsfs *again = malloc(sizeof *again);
    assert_int_equal(cmsfs_mount(again, &dev), 0);
    assert_int_equal(again->nfiles, 1);
    assert_int_equal(cmsfs_lookup(again, "PROFILE", "EXEC"), i);
    assert_int_equal(again->used, fs.used);
    free(again);
}

static void fixed_records_are_padded_and_checked(void **state)
{
    assert_int_equal(cmsfs_create(&fs, &w, "data", "file", 'F', 10), 0);
    assert_int_equal(cmsfs_put(&w, "abc", 3), 0);
    assert_int_equal(cmsfs_put(&w, "0123456789X", 11), CMSFS_ELRECL);
    assert_int_equal(cmsfs_commit(&w, 1, 2), 0);
    int i = cmsfs_lookup(&fs, "DATA", "FILE");
    assert_true(i >= 0);
    assert_int_equal(fs.dir[i].recfm, 'F');
    assert_int_equal(fs.dir[i].nrecs, 1);
    char buf[20];
    cmsfs_open(&fs, i, &r);
    assert_int_equal(cmsfs_get(&r, buf, sizeof buf), 10);
    assert_memory_equal(buf, "abc       ", 10);
}

static void bad_names_and_formats_are_refused(void **state)
{
    assert_int_equal(cmsfs_create(&fs, &w, "toolongname", "x", 'V', 0), CMSFS_EINVAL);
    assert_int_equal(cmsfs_create(&fs, &w, "a.b", "x", 'V', 0), CMSFS_EINVAL);
    assert_int_equal(cmsfs_create(&fs, &w, "", "x", 'V', 0), CMSFS_EINVAL);
    assert_int_equal(cmsfs_create(&fs, &w, "a", "x", 'U', 80), CMSFS_EINVAL);
    assert_int_equal(cmsfs_create(&fs, &w, "a", "x", 'F', 0), CMSFS_EINVAL);
    char out[9];
    assert_int_equal(cmsfs_name("prof$1", out), 0);
    assert_string_equal(out, "PROF$1");
}

static void patterns_match_like_listfile(void **state)
{
    assert_true(cmsfs_match("*", "PROFILE"));
    assert_true(cmsfs_match("P*", "PROFILE"));
    assert_true(cmsfs_match("*E", "PROFILE"));
    assert_true(cmsfs_match("PR%FILE", "PROFILE"));
    assert_true(cmsfs_match("p*f*e", "PROFILE"));
    assert_false(cmsfs_match("P%", "PROFILE"));
    assert_false(cmsfs_match("X*", "PROFILE"));
    assert_false(cmsfs_match("PROFILEX", "PROFILE"));
}

static void replace_frees_the_old_blocks(void **state)
{
    put_file("BIG", "DATA", 'V', 0, 3000, "record number ");
    uint32_t used = fs.used;
    assert_true(used > 20 + 10);
    put_file("BIG", "DATA", 'V', 0, 1, "x");
    assert_int_equal(fs.nfiles, 1);
    assert_int_equal(fs.used, 20 + 2);      /* one pointer block, one data block */
    int i = cmsfs_lookup(&fs, "BIG", "DATA");
    assert_int_equal(cmsfs_erase(&fs, i), 0);
    assert_int_equal(fs.used, 20);
    assert_int_equal(fs.nfiles, 0);
    assert_int_equal(cmsfs_lookup(&fs, "BIG", "DATA"), CMSFS_ENOTFOUND);
}

static void a_file_longer_than_one_pointer_block(void **state)
{
    /* 1023 data blocks per pointer block: 1100 blocks need two */
    static uint8_t blk[4096];
    assert_int_equal(cmsfs_create(&fs, &w, "LONG", "FILE", 'F', 4096), 0);
    for (int i = 0; i < 1100; i++) {
        memset(blk, i & 0xFF, sizeof blk);
        blk[0] = (uint8_t)(i >> 8);
        assert_int_equal(cmsfs_put(&w, blk, 4096), 0);
    }
    assert_int_equal(cmsfs_commit(&w, 0, 0), 0);
    int i = cmsfs_lookup(&fs, "LONG", "FILE");
    assert_int_equal(fs.dir[i].nblocks, 1100);
    assert_int_equal(fs.used, 20 + 1100 + 2);
    cmsfs_open(&fs, i, &r);
    for (int k = 0; k < 1100; k++) {
        assert_int_equal(cmsfs_get(&r, blk, sizeof blk), 4096);
        assert_int_equal(blk[0], (uint8_t)(k >> 8));
        assert_int_equal(blk[1], (uint8_t)k);
    }
    assert_int_equal(cmsfs_get(&r, blk, sizeof blk), CMSFS_EOF);
    assert_int_equal(cmsfs_erase(&fs, i), 0);
    assert_int_equal(fs.used, 20);
}

static void a_full_disk_keeps_nothing(void **state)
{
    static uint8_t blk[4096];
    assert_int_equal(cmsfs_create(&fs, &w, "FILL", "UP", 'F', 4096), 0);
    int rc = 0, n = 0;
    while ((rc = cmsfs_put(&w, blk, 4096)) == 0)
        n++;
    assert_int_equal(rc, CMSFS_EFULL);
    assert_int_equal(cmsfs_commit(&w, 0, 0), CMSFS_EFULL);
    assert_int_equal(fs.used, 20);          /* nothing kept */
    assert_int_equal(fs.nfiles, 0);
    assert_true(n > 2300);
    put_file("AFTER", "FULL", 'V', 0, 2, "ok");
    assert_int_equal(fs.nfiles, 1);
}

static void rename_checks_the_new_name(void **state)
{
    put_file("A", "B", 'V', 0, 1, "a");
    put_file("C", "D", 'V', 0, 1, "c");
    int i = cmsfs_lookup(&fs, "A", "B");
    assert_int_equal(cmsfs_rename(&fs, i, "C", "D"), CMSFS_EEXIST);
    assert_int_equal(cmsfs_rename(&fs, i, "bad.", "D"), CMSFS_EINVAL);
    assert_int_equal(cmsfs_rename(&fs, i, "new", "name"), 0);
    assert_int_equal(cmsfs_lookup(&fs, "NEW", "NAME"), i);
    assert_int_equal(cmsfs_lookup(&fs, "A", "B"), CMSFS_ENOTFOUND);
}

static void readonly_disk_refuses_changes(void **state)
{
    put_file("A", "B", 'V', 0, 1, "a");
    dev.readonly = 1;
    assert_int_equal(cmsfs_create(&fs, &w, "X", "Y", 'V', 0), CMSFS_ERO);
    assert_int_equal(cmsfs_erase(&fs, cmsfs_lookup(&fs, "A", "B")), CMSFS_ERO);
    dev.readonly = 0;
}

static void a_failing_device_is_reported(void **state)
{
    fail_after = 0;
    assert_int_equal(cmsfs_create(&fs, &w, "X", "Y", 'V', 0), 0);
    assert_int_equal(cmsfs_put(&w, "abc", 3), 0);
    assert_int_equal(cmsfs_commit(&w, 0, 0), CMSFS_EIO);
    fail_after = -1;
    assert_int_equal(fs.used, 20);
    assert_int_equal(cmsfs_lookup(&fs, "X", "Y"), CMSFS_ENOTFOUND);
}

static void directory_holds_1024_files(void **state)
{
    char fn[16];
    for (int i = 0; i < CMSFS_MAXFILES; i++) {
        snprintf(fn, sizeof fn, "F%d", i & 0xFFFF);
        assert_int_equal(cmsfs_create(&fs, &w, fn, "X", 'V', 0), 0);
        assert_int_equal(cmsfs_commit(&w, 0, 0), 0);   /* empty files take no block */
    }
    assert_int_equal(fs.nfiles, CMSFS_MAXFILES);
    assert_int_equal(cmsfs_create(&fs, &w, "ONEMORE", "X", 'V', 0), 0);
    assert_int_equal(cmsfs_commit(&w, 0, 0), CMSFS_EDIRFULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(format_writes_label_and_empty_directory, setup),
        cmocka_unit_test_setup(mount_refuses_an_unformatted_disk, setup),
        cmocka_unit_test_setup(format_refuses_small_and_readonly_disks, setup),
        cmocka_unit_test_setup(variable_records_round_trip, setup),
        cmocka_unit_test_setup(fixed_records_are_padded_and_checked, setup),
        cmocka_unit_test_setup(bad_names_and_formats_are_refused, setup),
        cmocka_unit_test_setup(patterns_match_like_listfile, setup),
        cmocka_unit_test_setup(replace_frees_the_old_blocks, setup),
        cmocka_unit_test_setup(a_file_longer_than_one_pointer_block, setup),
        cmocka_unit_test_setup(a_full_disk_keeps_nothing, setup),
        cmocka_unit_test_setup(rename_checks_the_new_name, setup),
        cmocka_unit_test_setup(readonly_disk_refuses_changes, setup),
        cmocka_unit_test_setup(a_failing_device_is_reported, setup),
        cmocka_unit_test_setup(directory_holds_1024_files, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
