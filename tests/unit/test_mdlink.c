/* cp/vm/mdlink.c and the LINK command (cp/cmd/link.c): z/VM's sharing
 * rules for each access mode, passwords, and minidisks defined at logon
 * from MDISK and LINK statements. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/cmd/cmd.h"
#include "cp/mm/frames.h"
#include "cp/sys/sysdir.h"
#include "cp/vm/logon.h"
#include "cp/vm/mdlink.h"
#include "cp/vm/vdasd.h"
#include "tests/unit/fake_eckd.h"
#include "tests/unit/fakes.h"

#define MiB (1024ULL * 1024)

static const char directory[] =
    "USER OWNER OWNER 1M 1M G\n"
    " MDISK 0191 3390 1 2 ZCPT01 MR RPASS WPASS MPASS\n"
    " MDISK 0192 3390 3 1 ZCPT01 W ALL\n"
    " MDISK 0193 3390 4 1 ZCPT01 RR\n"
    " MDISK 0194 3390 5 9 ZCPT01 W\n"
    " MDISK 0195 3390 1 2 NOVOL W\n"
    "USER OTHER OTHER 1M 1M G\n"
    " LINK OWNER 0191 0291 RR\n"
    "USER NOPASS NOPASS 1M 1M G\n"
    " OPTION LNKNOPAS\n";

static uint8_t *bitmap;
static char out[8][256];
static int nout;

static void capture(void *arg, const char *line)
{
    if (nout < 8)
        snprintf(out[nout++], sizeof out[0], "%s", line);
}

static int setup(void **state)
{
    fakes_reset();
    real_base = aligned_alloc(4096, 32 * MiB);
    bitmap = malloc(frames_bitmap_size(32 * MiB));
    frames_init(bitmap, 32 * MiB, MiB);
    fake_volume_make(&rdevs[0], 8, 4096, 12);
    strcpy(rdevs[0].volser, "ZCPT01");
    rdev_count = 1;
    vdasd_cache_drop(0);
    assert_int_equal(dir_parse(&sysdir, directory, strlen(directory), 0, 0), 0);
    return 0;
}

static int teardown(void **state)
{
    for (int i = 0; i < VM_MAX; i++)
        if (vms[i].in_use)
            vm_destroy(&vms[i]);
    free(bitmap);
    free(real_base);
    real_base = NULL;
    return 0;
}

static struct vm *logon(const char *userid)
{
    char msg[160];
    struct vm *vm = vm_logon(dir_find(&sysdir, userid), msg, sizeof msg);
    assert_non_null(vm);
    return vm;
}

/* LINK as a logged-on user; returns the rc, output in out[]. */
static int link_as(struct vm *vm, const char *line)
{
    struct cmd_ctx ctx = { .user = &vm->user, .write = capture };
    nout = 0;
    out[0][0] = 0;
    return cmd_execute(&ctx, line);
}

static int readonly(struct vm *vm, uint16_t vdev)
{
    struct vdasd_info info;
    struct vdev *d = vm_vdev(vm, vdev);
    assert_non_null(d);
    assert_int_equal(vdasd_info(d, &info), 0);
    return info.readonly;
}

static void test_rules(void **state)
{
    static const struct { struct mdisk_usage u; int want[7]; } cases[] = {
        /*                  R   RR  W   WR  M   MR  MW */
        { { 0, 0, "" },  { 0,  0,  1,  1,  1,  1,  1 } },
        { { 1, 0, "" },  { 0,  0, -1,  2,  1,  1,  1 } },
        { { 0, 1, "X" }, { -1, 0, -1,  2, -1,  2,  1 } },
        { { 2, 1, "X" }, { -1, 0, -1,  2, -1,  2,  1 } },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (int m = DIR_MODE_R; m <= DIR_MODE_MW; m++)
            assert_int_equal(mdisk_access((enum dir_mode)m, &cases[c].u), cases[c].want[m]);
}

static void test_logon_defines_minidisks(void **state)
{
    struct vm *owner = logon("OWNER");
    assert_int_equal(readonly(owner, 0x191), 0);
    assert_int_equal(readonly(owner, 0x192), 0);
    assert_int_equal(readonly(owner, 0x193), 1);
    assert_null(vm_vdev(owner, 0x194));         /* beyond the 8-cylinder volume */
    assert_null(vm_vdev(owner, 0x195));         /* volume not mounted */
    struct vm *other = logon("OTHER");
    assert_int_equal(readonly(other, 0x291), 1);
    struct mdisk_usage u;
    mdisk_usage(&rdevs[0], 1, 2, 0, &u);
    assert_int_equal(u.readers, 1);
    assert_int_equal(u.writers, 1);
    assert_string_equal(u.writer, "OWNER");
}

static void test_link_command(void **state)
{
    struct vm *owner = logon("OWNER");
    struct vm *other = logon("OTHER");
    assert_int_equal(link_as(other, "LINK OWNER 0191 0391 W WPASS"), 104);
    assert_string_equal(out[0], "HCPLNK104E OWNER 0191 not linked; R/W by OWNER");
    assert_null(vm_vdev(other, 0x391));
    assert_int_equal(link_as(other, "LINK OWNER 0191 0391 MR MPASS"), 0);
    assert_string_equal(out[0], "HCPLNK101W DASD 0391 forced R/O; R/W by OWNER");
    assert_int_equal(readonly(other, 0x391), 1);
    assert_int_equal(link_as(other, "LINK OWNER 0191 0491 M WRONG"), 114);
    assert_int_equal(link_as(other, "LINK OWNER 0191 0491 RR"), 114);      /* no password */
    assert_int_equal(link_as(other, "LINK TO OWNER 0191 AS 0491 RR PASS= rpass"), 0);
    assert_int_equal(link_as(other, "LINK OWNER 0193 0591 W"), 113);
    assert_string_equal(out[0], "HCPLNK113E OWNER 0193 not linked; no write password");
    assert_int_equal(link_as(other, "LINK OWNER 0192 0592 RR"), 0);        /* read password ALL */
    assert_int_equal(link_as(other, "LINK OWNER 0192 0592 RR"), 110);
    assert_int_equal(link_as(other, "LINK OWNER 0999 0693"), 107);
    assert_int_equal(link_as(other, "LINK NOBODY 0191 0693"), 53);
    assert_int_equal(link_as(other, "LINK OWNER 0191"), 26);
    assert_int_equal(link_as(other, "LINK OWNER 0191 0693 XX PW EXTRA"), 3);
    assert_int_equal(link_as(owner, "LINK * 0193 0293 RR"), 0);            /* one's own: no password */
    /* OPTION LNKNOPAS: no password asked. */
    struct vm *nopass = logon("NOPASS");
    assert_int_equal(link_as(nopass, "LINK OWNER 0191 0191"), 104);        /* R: OWNER writes */
    assert_int_equal(link_as(nopass, "LINK OWNER 0191 0191 RR"), 0);
    /* With OWNER gone, other users' read links still stop a W link. */
    vm_destroy(owner);
    assert_int_equal(link_as(other, "LINK OWNER 0191 0791 W WPASS"), 105);
    assert_string_equal(out[0], "HCPLNK105E OWNER 0191 not linked; R/O by 001 users");
    assert_int_equal(link_as(other, "LINK OWNER 0191 0791 M MPASS"), 0);
    assert_int_equal(readonly(other, 0x791), 0);
    assert_int_equal(link_as(nopass, "LINK OWNER 0191 0891 M"), 104);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test_setup_teardown(test_logon_defines_minidisks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_command, setup, teardown),
    };
    return cmocka_run_group_tests_name("mdlink", tests, 0, 0);
}
