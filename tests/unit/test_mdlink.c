/* cp/vm/mdlink.c and the DASD commands (cp/cmd/link.c, cp/cmd/dasd.c):
 * z/VM's sharing rules for each access mode, passwords, minidisks defined
 * at logon from MDISK and LINK statements, DETACH, QUERY MDISK and LINKS,
 * DEFINE T3390 (temporary disks erased when released), ATTACH/DETACH of
 * real volumes. */
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

/* A command as a logged-on user (class G); returns the rc, output in out[]. */
static int link_as(struct vm *vm, const char *line)
{
    vm->user.classes = "G";
    struct cmd_ctx ctx = { .user = &vm->user, .write = capture };
    nout = 0;
    out[0][0] = 0;
    return cmd_execute(&ctx, line);
}

/* A command as the operator (classes A-G, no virtual machine). */
static int operator(const char *line)
{
    static struct cmd_user op = { .userid = "OPERATOR", .classes = "ABCDEFG" };
    struct cmd_ctx ctx = { .user = &op, .write = capture };
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
    assert_string_equal(out[0], "HCPLNM104E OWNER 0191 not linked; R/W by OWNER");
    assert_null(vm_vdev(other, 0x391));
    assert_int_equal(link_as(other, "LINK OWNER 0191 0391 MR MPASS"), 0);
    assert_string_equal(out[0], "HCPLNM101W DASD 0391 forced R/O; R/W by OWNER");
    assert_int_equal(readonly(other, 0x391), 1);
    assert_int_equal(link_as(other, "LINK OWNER 0191 0491 M WRONG"), 114);
    assert_int_equal(link_as(other, "LINK OWNER 0191 0491 RR"), 114);      /* no password */
    assert_int_equal(link_as(other, "LINK TO OWNER 0191 AS 0491 RR PASS= rpass"), 0);
    assert_int_equal(link_as(other, "LINK OWNER 0193 0591 W"), 113);
    assert_string_equal(out[0], "HCPLNM113E OWNER 0193 not linked; no write password");
    assert_int_equal(link_as(other, "LINK OWNER 0192 0592 RR"), 0);        /* read password ALL */
    assert_int_equal(link_as(other, "LINK OWNER 0192 0592 RR"), 110);
    assert_int_equal(link_as(other, "LINK OWNER 0999 0693"), 107);
    assert_int_equal(link_as(other, "LINK NOBODY 0191 0693"), 53);
    assert_int_equal(link_as(other, "LINK OWNER 0191"), 26);
    assert_int_equal(link_as(other, "LINK OWNER"), 26);                    /* vmur's check: a known user */
    assert_int_equal(link_as(other, "LINK NOBODY"), 53);                   /* an unknown one, first */
    assert_int_equal(link_as(other, "LINK TOOLONGUSER"), 20);
    assert_int_equal(link_as(other, "LINK OWNER 0191 0693 XX PW EXTRA"), 3);
    assert_int_equal(link_as(owner, "LINK * 0193 0293 RR"), 0);            /* one's own: no password */
    /* OPTION LNKNOPAS: no password asked. */
    struct vm *nopass = logon("NOPASS");
    assert_int_equal(link_as(nopass, "LINK OWNER 0191 0191"), 104);        /* R: OWNER writes */
    assert_int_equal(link_as(nopass, "LINK OWNER 0191 0191 RR"), 0);
    /* With OWNER gone, other users' read links still stop a W link. */
    vm_destroy(owner);
    assert_int_equal(link_as(other, "LINK OWNER 0191 0791 W WPASS"), 105);
    assert_string_equal(out[0], "HCPLNM105E OWNER 0191 not linked; R/O by 001 users");
    assert_int_equal(link_as(other, "LINK OWNER 0191 0791 M MPASS"), 0);
    assert_int_equal(readonly(other, 0x791), 0);
    assert_int_equal(link_as(nopass, "LINK OWNER 0191 0891 M"), 104);
}

static void test_detach_and_queries(void **state)
{
    struct vm *owner = logon("OWNER");
    struct vm *other = logon("OTHER");
    assert_int_equal(link_as(owner, "QUERY LINKS 0191"), 0);
    assert_string_equal(out[0], "OWNER    0191 R/W, OTHER    0291 R/O");
    assert_int_equal(link_as(owner, "QUERY MDISK"), 0);
    assert_int_equal(nout, 3);
    assert_string_equal(out[0], "DASD 0191 3390 ZCPT01 R/W      2 CYL ON DASD  0A81 SUBCHANNEL = 0000");
    assert_string_equal(out[2], "DASD 0193 3390 ZCPT01 R/O      1 CYL ON DASD  0A81 SUBCHANNEL = 0002");
    struct vdev *d = vm_vdev(other, 0x291);
    int slot = (int)(d - other->vdev);
    assert_int_equal(link_as(other, "DETACH 0291"), 0);
    assert_string_equal(out[0], "DASD 0291 DETACHED");
    assert_null(vm_vdev(other, 0x291));
    assert_null(other->vdev[slot].ops);          /* the subchannel stays, without a device */
    assert_int_equal(link_as(other, "DETACH 0291"), 40);
    assert_string_equal(out[0], "HCPDTV040E Device 0291 does not exist");
    assert_int_equal(link_as(owner, "QUERY LINKS"), 0);
    assert_string_equal(out[0], "OWNER    0191 R/W");
    /* The next device takes the free subchannel. */
    assert_int_equal(link_as(other, "LINK OWNER 0192 0391 RR"), 0);
    assert_int_equal(vm_vdev(other, 0x391) - other->vdev, slot);
    assert_int_equal(link_as(other, "DETACH 0A81 FROM OWNER"), 3);     /* class B only */
    assert_int_equal(operator("QUERY MDISK"), 9134);
    assert_int_equal(link_as(other, "QUERY LINKS 0999"), 40);
    /* A real volume with minidisks in use cannot be dedicated or detached. */
    assert_int_equal(operator("ATTACH 0A81 TO OTHER AS 0200"), 131);
    assert_int_equal(operator("DETACH 0A81 FROM SYSTEM"), 143);
    assert_int_equal(operator("ATTACH 0A99 TO OTHER"), 40);
}

static void test_tdisk_and_dedicated(void **state)
{
    strcpy(rdevs[0].volser, "TDSK01");
    struct vm *other = logon("OTHER");          /* its LINK fails: no ZCPT01 now */
    assert_null(vm_vdev(other, 0x291));
    assert_int_equal(link_as(other, "DEFINE T3390 0300 2"), 0);
    assert_string_equal(out[0], "DASD 0300 DEFINED");
    assert_int_equal(link_as(other, "DEFINE T3390 AS 0301 CYL 3"), 0);
    assert_int_equal(link_as(other, "DEFINE T3390 0302 10"), 91);
    assert_int_equal(link_as(other, "DEFINE T3390 0300 1"), 1012);
    assert_int_equal(link_as(other, "DEFINE T3390 0303 0"), 2);
    assert_int_equal(link_as(other, "DEFINE T3380 0303 1"), 3);
    struct vdasd_info info;
    assert_int_equal(vdasd_info(vm_vdev(other, 0x300), &info), 0);
    assert_int_equal(info.start, 1);
    assert_int_equal(info.tdisk, 1);
    assert_int_equal(vdasd_info(vm_vdev(other, 0x301), &info), 0);
    assert_int_equal(info.start, 3);
    uint8_t block[4096];
    memset(block, 0x99, sizeof block);
    assert_int_equal(vdasd_record_io(vm_vdev(other, 0x300), 1, 1, 3, 2, block, 4096), VDASD_OK);
    assert_int_equal(link_as(other, "QUERY MDISK"), 0);
    assert_string_equal(out[0], "DASD 0300 3390 (TEMP) R/W      2 CYL ON DASD  0A81 SUBCHANNEL = 0000");
    /* Released: every track of the space back to R0 only, the space free. */
    assert_int_equal(link_as(other, "DETACH 0300"), 0);
    assert_int_equal(fake_volume.tracks[2 * 15 + 3].len, 16);
    assert_int_equal(fake_volume.tracks[1 * 15 + 0].len, 16);
    assert_int_equal(fake_volume.tracks[3 * 15 + 0].len, 16 + 12 * (8 + 4096));   /* 0301's */
    assert_int_equal(link_as(other, "DEFINE T3390 0302 2"), 0);
    assert_int_equal(vdasd_info(vm_vdev(other, 0x302), &info), 0);
    assert_int_equal(info.start, 1);
    /* Dedicating the whole volume: not while T-disks are on it. */
    assert_int_equal(operator("ATTACH 0A81 TO OTHER AS 0200"), 131);
    vm_destroy(other);
    other = logon("OTHER");
    assert_int_equal(operator("ATTACH 0A81 TO NOBODY"), 45);
    assert_int_equal(operator("ATTACH 0A81 TO OTHER AS 0200 R/O"), 0);
    assert_string_equal(out[0], "DASD 0A81 ATTACHED TO OTHER 0200 R/O");
    assert_int_equal(vdasd_info(vm_vdev(other, 0x200), &info), 0);
    assert_int_equal(info.start, 0);
    assert_int_equal(info.cyls, 8);
    assert_int_equal(info.readonly, 1);
    assert_int_equal(operator("QUERY DASD"), 0);
    assert_string_equal(out[0], "DASD 0A81 ATTACHED TO OTHER    TDSK01");
    assert_int_equal(link_as(other, "DEFINE T3390 0300 1"), 91);          /* dedicated: no T-disks */
    assert_int_equal(operator("ATTACH 0A81 TO OTHER"), 131);
    assert_int_equal(operator("DETACH 0A81 FROM NOPASS"), 45);
    assert_int_equal(operator("DETACH 0A81 FROM OTHER"), 0);
    assert_string_equal(out[0], "DASD 0A81 DETACHED OTHER 0200");
    assert_null(vm_vdev(other, 0x200));
    assert_int_equal(operator("DETACH 0A81 FROM SYSTEM"), 0);
    assert_int_equal(link_as(other, "DEFINE T3390 0300 1"), 91);          /* not the system's now */
    assert_int_equal(operator("ATTACH 0A81 TO SYSTEM"), 0);
    assert_int_equal(link_as(other, "DEFINE T3390 0300 1"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test_setup_teardown(test_logon_defines_minidisks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_command, setup, teardown),
        cmocka_unit_test_setup_teardown(test_detach_and_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tdisk_and_dedicated, setup, teardown),
    };
    return cmocka_run_group_tests_name("mdlink", tests, 0, 0);
}
