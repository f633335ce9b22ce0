/* A guest's view of the machine, on the host: CP's walk of the guest's
 * DAT tables (cp/vm/guest.c) over fake tables built in guest storage, the
 * guest SCLP's console input and Read Event Data (cp/vm/vsclp.c), and
 * STSI 3.2.2 when ZCP itself runs in a virtual machine (cp/vm/sysinfo.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/mm/frames.h"
#include "cp/sys/system.h"
#include "cp/vm/guest.h"
#include "cp/vm/intercept.h"
#include "cp/vm/vsclp.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/sie.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "tests/unit/fakes.h"

#define MiB (1024ULL * 1024)
#define REAL (64 * MiB)
#define PSW_DAT 0x0400000000000000ULL
#define PSW_64  0x0000000180000000ULL

static uint8_t *bitmap;
static struct vm *vm;
static struct vcpu *v;

extern char fake_console[64][256];
extern int fake_console_n;

static int setup(void **state)
{
    fakes_reset();
    real_base = aligned_alloc(4096, REAL);
    bitmap = malloc(frames_bitmap_size(REAL));
    frames_init(bitmap, REAL, 1 * MiB);
    vm = vm_create("TESTVM", 16 * MiB, 2);
    assert_non_null(vm);
    v = vm->vcpu[0];
    v->sd.psw_mask = PSW_64;
    /* Program new PSW: somewhere recognisable. */
    uint8_t psw[16] = { 0 };
    be64_put(psw, PSW_64);
    be64_put(psw + 8, 0xABC000);
    gstor_write(&vm->stor, 0x1D0, psw, 16);
    return 0;
}

static int teardown(void **state)
{
    vm_destroy(vm);
    free(bitmap);
    free(real_base);
    real_base = NULL;
    return 0;
}

static void put64(uint64_t abs, uint64_t val)
{
    uint8_t b[8];
    be64_put(b, val);
    assert_int_equal(gstor_write(&vm->stor, abs, b, 8), 0);
}

static uint64_t get64(uint64_t abs)
{
    uint8_t b[8];
    assert_int_equal(gstor_read(&vm->stor, abs, b, 8), 0);
    return be64_get(b);
}

static uint16_t pgm_code(void)
{
    uint8_t b[2];
    gstor_read(&vm->stor, 0x8E, b, 2);
    return (uint16_t)(b[0] << 8 | b[1]);
}

/* Tables at guest 1 MiB: a region-third table (DT 01) whose entry 0 holds
 * a segment table; segment 0 maps pages 0-255 identically through a page
 * table, except page 5 -> 0x300000, page 6 invalid, page 7 protected;
 * segment 1 invalid; segment 2 a 1 MiB frame (EDAT-1) at 0x500000. */
#define RTT  0x100000ULL
#define STO  0x102000ULL
#define PTO  0x104000ULL

static void build(void)
{
    for (int i = 0; i < 2048; i++) {
        put64(RTT + 8 * i, 0x20 | 0x4);          /* invalid, TT 01 */
        put64(STO + 8 * i, 0x20);
    }
    put64(RTT, STO | 0x4 | 3);                   /* region third: TT 01, TL 3 */
    for (int p = 0; p < 256; p++)
        put64(PTO + 8 * p, (uint64_t)p << 12);
    put64(PTO + 8 * 5, 0x300000);
    put64(PTO + 8 * 6, 0x400);
    put64(PTO + 8 * 7, 0x7000 | 0x200);
    put64(STO, PTO);
    put64(STO + 16, 0x500000 | 0x400);           /* FC: a 1 MiB frame */
    v->sd.gcr[1] = RTT | (1 << 2) | 3;           /* DT 01 (region third), TL 3 */
    v->sd.psw_mask = PSW_64 | PSW_DAT;
}

static void walk_translates_through_region_segment_page(void **state)
{
    build();
    uint64_t real, teid;
    assert_int_equal(guest_translate(v, 0x5123, 0, &real, &teid), 0);
    assert_int_equal(real, 0x300123);
    assert_int_equal(guest_translate(v, 0x8FFF, 1, &real, &teid), 0);
    assert_int_equal(real, 0x8FFF);
}

static void walk_reports_each_exception_with_its_teid(void **state)
{
    build();
    uint64_t real, teid;
    assert_int_equal(guest_translate(v, 0x6010, 0, &real, &teid), PGM_PAGE_TRANSLATION);
    assert_int_equal(teid, 0x6000);
    assert_int_equal(guest_translate(v, 0x100000, 0, &real, &teid), PGM_SEGMENT_TRANSLATION);
    assert_int_equal(teid, 0x100000);
    assert_int_equal(guest_translate(v, 0x7000, 1, &real, &teid), PGM_PROTECTION);
    assert_int_equal(teid, 0x7000 | 4);
    assert_int_equal(guest_translate(v, 0x7000, 0, &real, &teid), 0);   /* fetch is fine */
    /* Region-third index 1: beyond the region-third entry 0 that exists. */
    assert_int_equal(guest_translate(v, 0x80000000ULL, 0, &real, &teid), PGM_REGION_THIRD_TRANS);
    /* Region-second index: beyond what a region-third ASCE covers. */
    assert_int_equal(guest_translate(v, 1ULL << 42, 0, &real, &teid), PGM_ASCE_TYPE);
    assert_int_equal(teid, 1ULL << 42);
    /* A segment entry with the wrong table type. */
    put64(STO + 24, PTO | 0x4);
    assert_int_equal(guest_translate(v, 0x300000, 0, &real, &teid), PGM_TRANSLATION_SPEC);
    assert_int_equal(teid, ~0ULL);
    /* A table beyond the guest's storage. */
    put64(STO + 32, 0x7FFF0000);
    assert_int_equal(guest_translate(v, 0x400000, 0, &real, &teid), PGM_ADDRESSING);
}

static void large_frames_only_with_edat(void **state)
{
    build();
    uint64_t real, teid;
    sys.facilities[0] = 1ULL << (63 - 8);       /* EDAT-1 installed */
    v->sd.gcr[0] |= 0x800000;                    /* and enabled */
    assert_int_equal(guest_translate(v, 0x212345, 0, &real, &teid), 0);
    assert_int_equal(real, 0x512345);
    v->sd.gcr[0] &= ~0x800000ULL;                /* off: the entry is a page-table origin */
    assert_int_equal(guest_translate(v, 0x212345, 0, &real, &teid) == 0 && real == 0x512345, 0);
}

static void low_address_protection(void **state)
{
    uint64_t real, teid;
    v->sd.gcr[0] |= 0x10000000;
    assert_int_equal(guest_translate(v, 0x1F8, 1, &real, &teid), PGM_PROTECTION);
    assert_int_equal(guest_translate(v, 0x1100, 1, &real, &teid), PGM_PROTECTION);
    assert_int_equal(guest_translate(v, 0x200, 1, &real, &teid), 0);
    assert_int_equal(guest_translate(v, 0x1F8, 0, &real, &teid), 0);
    v->sd.gcr[0] &= ~0x10000000ULL;
    assert_int_equal(guest_translate(v, 0x1F8, 1, &real, &teid), 0);
}

static void operand_fault_nullifies_and_stores_teid(void **state)
{
    build();
    v->sd.psw_addr = 0x20004;                    /* past a 4-byte instruction */
    uint8_t buf[16] = { 1 };
    assert_int_equal(guest_operand_write(v, 0x6000, 8, buf, 16), -1);
    assert_int_equal(pgm_code(), PGM_PAGE_TRANSLATION);
    assert_int_equal(get64(0xA8), 0x6000);
    assert_int_equal(get64(0x158), 0x20000);     /* old PSW at the instruction */
    assert_int_equal(v->sd.psw_addr, 0xABC000);
    /* A store crossing into an invalid page stores nothing. */
    v->sd.psw_mask = PSW_64 | PSW_DAT;
    v->sd.psw_addr = 0x20004;
    put64(0x300FF8, 0);
    assert_int_equal(guest_operand_write(v, 0x5FF8, 8, buf, 16), -1);
    assert_int_equal(get64(0x300FF8), 0);
    /* Protection suppresses: the old PSW stays past the instruction. */
    v->sd.psw_mask = PSW_64 | PSW_DAT;
    v->sd.psw_addr = 0x20004;
    assert_int_equal(guest_operand_write(v, 0x7000, 8, buf, 8), -1);
    assert_int_equal(pgm_code(), PGM_PROTECTION);
    assert_int_equal(get64(0x158), 0x20004);
}

/* SERVC from the host: R1 = command, R2 = SCCB. */
static void servc(uint32_t cmd, uint64_t sccb)
{
    vcpu_set_gpr(v, 1, cmd);
    vcpu_set_gpr(v, 2, sccb);
    v->sd.ipb = 0x00120000;                      /* R1 = 1, R2 = 2 */
    instr_servc(v);
}

static int cc(void)
{
    return (int)(v->sd.psw_mask >> 44) & 3;
}

static void sclp_console_input_needs_the_guest_to_enable_it(void **state)
{
    assert_int_equal(vsclp_console_input(vm, "too early"), 0);
    uint8_t s[32] = { 0, 32 };
    s[11] = 4;
    s[12] = 0x80;                                /* receive operator commands */
    gstor_write(&vm->stor, 0x8000, s, sizeof s);
    servc(0x00780005, 0x8000);
    assert_int_equal(cc(), 0);
    assert_int_equal(vsclp_take_signal(vm), 0x8000);
    assert_int_equal(vsclp_console_input(vm, "query time"), 1);
    assert_true(v->ext_pending & VEXT_SERVICE);
    assert_true(vm->vcpu[1]->ext_pending & VEXT_SERVICE);   /* floating: every vCPU */
    assert_int_equal(vsclp_take_signal(vm), 1);             /* events pending, no SCCB */
    assert_false(vm->vcpu[1]->ext_pending & VEXT_SERVICE);

    /* Read Event Data: the line as an operator-command event. */
    uint8_t r[4096] = { 0x10, 0x00 };
    r[5] = 0x80;                                 /* variable length */
    gstor_write(&vm->stor, 0x9000, r, sizeof r);
    servc(0x00770005, 0x9000);
    assert_int_equal(cc(), 0);
    gstor_read(&vm->stor, 0x9000, r, sizeof r);
    assert_int_equal(be16_get(r + 6), 0x0020);
    assert_int_equal(r[10], 1);                  /* event type: operator command */
    assert_int_equal(be16_get(r + 16), 0x1310);  /* MDSMU */
    assert_int_equal(be16_get(r + 20), 0x1212);  /* CP-MSU */
    assert_int_equal(be16_get(r + 24), 0x1320);  /* text command */
    assert_int_equal(r[27], 0x31);
    assert_int_equal(r[29], 0x30);
    char text[11];
    ebcdic_to_ascii_buf(text, r + 30, 10);
    text[10] = 0;
    assert_string_equal(text, "query time");
    assert_int_equal(be16_get(r), 8 + 6 + 16 + 10);  /* shrunk to what was stored */
    assert_int_equal(r[5] & 0x80, 0);
    /* Busy until the signal is taken, then nothing more to read. */
    servc(0x00770005, 0x9000);
    assert_int_equal(cc(), 2);
    vsclp_take_signal(vm);
    r[0] = 0x10; r[1] = 0;
    gstor_write(&vm->stor, 0x9000, r, 8);
    servc(0x00770005, 0x9000);
    gstor_read(&vm->stor, 0x9000, r, 8);
    assert_int_equal(be16_get(r + 6), 0x60F0);
    /* A reset forgets the guest's registration. */
    vsclp_reset(vm);
    assert_int_equal(vsclp_console_input(vm, "after reset"), 0);
}

static void stsi_322_stacks_on_a_host_vm(void **state)
{
    uint8_t b[4096];
    fake_stsi_level = 3;
    assert_int_equal(sysib_build(v, 3, 2, 2, b), 0);
    fake_stsi_level = 2;
    assert_int_equal(b[31] & 0xF, 2);
    uint8_t zvm[4], kvm[3];
    ebcdic_from_ascii(zvm, "z/VM", 4);
    ebcdic_from_ascii(kvm, "KVM", 3);
    assert_memory_equal(b + 32 + 24, zvm, 4);            /* ours first */
    assert_memory_equal(b + 96 + 24, kvm, 3);            /* then the host's */
    assert_int_equal(be16_get(b + 32 + 4), 2);           /* this VM's two CPUs */
    assert_int_equal(sysib_build(v, 1, 2, 1, b), 0);
    assert_int_equal(be16_get(b + 102), 0);              /* the vCPU's address, not 10 */
    assert_int_equal(sysib_build(v, 2, 2, 3, b), -1);
    assert_int_equal(sysib_build(v, 1, 0x12, 1, b), -1);
}

/* A 3215 write CCW may carry several lines separated by X'15', as Linux's
 * con3215.c writes them (up to 50 lines a CCW); a final X'15' ends the
 * last line without adding an empty one. */
static void vcon_write_splits_lines_at_new_line(void **state)
{
    struct vdev *d = vm_add_vdev(vm, 0x0009, 0x3215, &vcon_ops);
    assert_non_null(d);
    uint8_t b[16];
    uint32_t resid = 99;
    ebcdic_from_ascii(b, "AB", 2);
    b[2] = 0x15;
    ebcdic_from_ascii(b + 3, "CD", 2);
    b[5] = 0x15;
    b[6] = 0x15;
    fake_console_n = 0;
    assert_int_equal(vcon_ops.ccw(d, 0x01, b, 7, &resid), 0);
    assert_int_equal(resid, 0);
    assert_int_equal(fake_console_n, 3);
    assert_string_equal(fake_console[0], "TESTVM: AB");
    assert_string_equal(fake_console[1], "TESTVM: CD");
    assert_string_equal(fake_console[2], "TESTVM: ");
    fake_console_n = 0;
    assert_int_equal(vcon_ops.ccw(d, 0x09, b, 2, &resid), 0);   /* no X'15': one line */
    assert_int_equal(fake_console_n, 1);
    assert_string_equal(fake_console[0], "TESTVM: AB");
    /* A line longer than the terminal is passed on whole (the terminal
     * wraps it); one longer than 1024 goes on in a second line. */
    static uint8_t big[1100];
    memset(big, 0xC1, sizeof big);                              /* A... */
    fake_console_n = 0;
    assert_int_equal(vcon_ops.ccw(d, 0x09, big, 200, &resid), 0);
    assert_int_equal(fake_console_n, 1);
    assert_int_equal(strlen(fake_console[0]), 8 + 200);
    fake_console_n = 0;
    assert_int_equal(vcon_ops.ccw(d, 0x09, big, sizeof big, &resid), 0);
    assert_int_equal(fake_console_n, 2);
    assert_int_equal(strlen(fake_console[1]), 8 + sizeof big - 1024);
}

/* Interception code X'14': an external interruption the machine took
 * while the guest ran; CP stores the fields it left in the state
 * description (X'C0'-X'C7') into the prefix area and swaps the PSWs. */
static void external_interruption_intercept_is_presented(void **state)
{
    uint8_t psw[16], f[8];
    be64_put(psw, PSW_64);
    be64_put(psw + 8, 0xE000);
    gstor_write(&vm->stor, 0x1B0, psw, 16);          /* external new PSW */
    v->sd.psw_mask = PSW_64 | 0x0100000000000000ULL;
    v->sd.psw_addr = 0x5000;
    uint8_t *sd = (uint8_t *)&v->sd;
    memset(sd + 0xC0, 0, 8);
    sd[0xC6] = 0x10;
    sd[0xC7] = 0x04;                                 /* clock comparator */
    v->sd.icptcode = ICPT_EXTINT;
    intercept_handle(v);
    assert_int_equal(v->sd.psw_addr, 0xE000);
    gstor_read(&vm->stor, 0x80, f, 8);
    assert_int_equal(be16_get(f + 6), 0x1004);
    gstor_read(&vm->stor, 0x130, psw, 16);
    assert_int_equal(be64_get(psw + 8), 0x5000);
    assert_int_equal(be64_get(psw), PSW_64 | 0x0100000000000000ULL);
}

/* IUCV with no partners (cp/vm/iucv.c): QUERY (what Linux's iucv_init
 * issues first) answers cc 0 with no connections allowed, CONNECT is
 * refused with IPRCODE 13 in the parameter list, and an unknown function
 * code is a specification exception. */
static void iucv_call(uint64_t fn, uint64_t plist)
{
    v->sd.psw_mask = PSW_64;
    vcpu_set_gpr(v, 0, fn);
    vcpu_set_gpr(v, 1, plist);
    v->sd.icptcode = ICPT_INST;
    v->sd.ipa = 0xB2F0;
    v->sd.ipb = 0x10000000;
    v->sd.psw_addr = 0x5004;
    intercept_handle(v);
}

static void iucv_without_partners(void **state)
{
    iucv_call(0, 0x9000);                           /* QUERY */
    assert_int_equal(cc(), 0);
    assert_int_equal(vcpu_gpr(v, 0), 40);
    assert_int_equal(vcpu_gpr(v, 1), 0);
    assert_int_equal(v->sd.psw_addr, 0x5004);

    uint8_t p[40] = { 0 };
    gstor_write(&vm->stor, 0x9000, p, sizeof p);
    iucv_call(11, 0x9000);                          /* CONNECT */
    assert_int_equal(cc(), 1);
    gstor_read(&vm->stor, 0x9000, p, sizeof p);
    assert_int_equal(p[3], 13);

    iucv_call(0xFE, 0x9000);
    uint8_t code[2];
    gstor_read(&vm->stor, 0x8E, code, 2);
    assert_int_equal(code[1], 0x06);
    assert_int_not_equal(v->sd.psw_addr, 0x5004);   /* to the program new PSW */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(walk_translates_through_region_segment_page, setup, teardown),
        cmocka_unit_test_setup_teardown(walk_reports_each_exception_with_its_teid, setup, teardown),
        cmocka_unit_test_setup_teardown(large_frames_only_with_edat, setup, teardown),
        cmocka_unit_test_setup_teardown(low_address_protection, setup, teardown),
        cmocka_unit_test_setup_teardown(operand_fault_nullifies_and_stores_teid, setup, teardown),
        cmocka_unit_test_setup_teardown(sclp_console_input_needs_the_guest_to_enable_it, setup, teardown),
        cmocka_unit_test_setup_teardown(stsi_322_stacks_on_a_host_vm, setup, teardown),
        cmocka_unit_test_setup_teardown(vcon_write_splits_lines_at_new_line, setup, teardown),
        cmocka_unit_test_setup_teardown(external_interruption_intercept_is_presented, setup, teardown),
        cmocka_unit_test_setup_teardown(iucv_without_partners, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
