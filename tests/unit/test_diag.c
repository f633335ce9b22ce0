/* diagnose/: the DIAGNOSE table and every handler, driven with a real
 * virtual machine (vm_create over host "real storage"), including the
 * error paths; SET EMSG and QUERY DIAG; docs/diagnose.md and the guest
 * header against the table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/mm/frames.h"
#include "cp/vm/intercept.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/vspool.h"
#include "diagnose/diag.h"
#include "diagnose/zcpdiag.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/tod.h"
#include "tests/unit/fake_timer.h"
#include "tests/unit/fakes.h"

#define MiB (1024ULL * 1024)
#define REAL (16 * MiB)
#define NEWPSW_ADDR 0xDEAD00ULL             /* program new PSW: a marker */
#define PSW_SUPER64 0x0000000180000000ULL
#define PSW_SUPER31 0x0000000080000000ULL

extern char fake_console[64][256];
extern int fake_console_n;

static uint8_t *realmem, *bitmap;
static struct vm *vm;
static struct vcpu *v;

static int setup(void **state)
{
    fakes_reset();
    fake_tod = tod_from_civil(2026, 3, 14, 15, 9, 26);
    memset(fake_timers, 0, sizeof fake_timers);
    cp_kick = 0;
    fake_console_n = 0;
    realmem = calloc(1, REAL);
    bitmap = malloc(frames_bitmap_size(REAL));
    real_base = realmem;
    frames_init(bitmap, REAL, 64 * 1024);
    memset(vms, 0, sizeof(struct vm) * VM_MAX);
    memset(diag_count, 0, sizeof(uint64_t) * DIAG_ROWS_MAX);
    diag_undefined = 0;
    diag_undef_codes = 0;
    memset(diag_undef_n, 0, sizeof diag_undef_n);
    vm = vm_create("TESTG1", 1 * MiB, 2);
    assert_non_null(vm);
    strcpy(vm->classes, "G");
    v = vm->vcpu[0];
    v->state = VCPU_RUNNING;
    v->sd.psw_mask = PSW_SUPER64;
    uint8_t np[16];
    be64_put(np, PSW_SUPER64);
    be64_put(np + 8, NEWPSW_ADDR);
    gstor_write(&vm->stor, 0x1D0, np, 16);
    return 0;
}

static int teardown(void **state)
{
    for (int i = 0; i < VM_MAX; i++)
        if (vms[i].in_use)
            vm_destroy(&vms[i]);
    free(realmem);
    free(bitmap);
    real_base = NULL;
    return 0;
}

/* Issue DIAG rx,ry,code on vCPU v; returns the program interruption code
 * it ended in (0 if none), and puts the PSW back. */
static int diag_on(struct vcpu *c, int rx, int ry, unsigned code)
{
    c->sd.ipa = (uint16_t)(0x8300 | rx << 4 | ry);
    c->sd.ipb = (code & 0xFFF) << 16;
    c->sd.psw_addr = 0x10004;
    uint64_t mask = c->sd.psw_mask;
    instr_diag(c);
    if (c->sd.psw_addr != NEWPSW_ADDR)
        return 0;
    uint8_t b[4];
    gstor_read(&c->vm->stor, c->sd.prefix + 0x8C, b, 4);
    assert_int_equal(be16_get(b), 4);           /* ILC of DIAG */
    c->sd.psw_mask = mask;
    return be16_get(b + 2);
}

static int diag(int rx, int ry, unsigned code)
{
    return diag_on(v, rx, ry, code);
}

static void reg(int r, uint64_t val) { vcpu_set_gpr(v, r, val); }
static uint64_t greg(int r) { return vcpu_gpr(v, r); }
static int cc(void) { return (int)(v->sd.psw_mask >> 44) & 3; }

static void put_ebcdic(uint64_t addr, const char *s)
{
    uint8_t e[256];
    ebcdic_from_ascii(e, s, strlen(s));
    for (size_t i = 0; i < strlen(s); i++)
        if (s[i] == ';')
            e[i] = 0x15;
    gstor_write(&vm->stor, addr, e, strlen(s));
}

static void get_ascii(uint64_t addr, char *out, size_t n)
{
    uint8_t e[512];
    gstor_read(&vm->stor, addr, e, n);
    for (size_t i = 0; i < n; i++)
        out[i] = e[i] == 0x15 ? '|' : (char)ebcdic_to_ascii[e[i]];
    out[n] = 0;
}

static char out[64][200];
static int nout;

static void capture(void *arg, const char *line)
{
    snprintf(out[nout++ & 63], 200, "%s", line);
}

/* ---- the mechanism ------------------------------------------------------- */

static void unknown_code_is_specification(void **state)
{
    assert_int_equal(diag(2, 4, 0x0FFE), PGM_SPECIFICATION);
    assert_int_equal(diag_undefined, 1);
    assert_int_equal(vm->diag.undefined, 1);
    assert_int_equal(diag_undef_codes, 1);          /* QUERY DIAG names the code */
    assert_int_equal(diag_undef_code[0], 0x0FFE);
    assert_int_equal(diag_undef_n[0], 1);
    assert_int_equal(vm->diag.undef_count[0], 1);
    assert_int_equal(diag(2, 4, 0x0FFE), PGM_SPECIFICATION);
    assert_int_equal(diag(2, 4, 0x0FFD), PGM_SPECIFICATION);
    assert_int_equal(diag_undef_codes, 2);
    assert_int_equal(diag_undef_n[0], 2);
    assert_int_equal(vm->diag.undef_count[1], 1);
    for (uint16_t c = 0x0F00; c < 0x0F00 + DIAG_UNDEF_MAX; c++)
        assert_int_equal(diag(2, 4, c), PGM_SPECIFICATION);
    assert_int_equal(diag_undef_codes, DIAG_UNDEF_MAX);     /* full: counted in the total only */
    assert_int_equal(diag_undefined, 3 + DIAG_UNDEF_MAX);
}

static void problem_state_is_privileged_operation(void **state)
{
    v->sd.psw_mask |= 0x0001000000000000ULL;
    assert_int_equal(diag(2, 4, 0x44), PGM_PRIVILEGED);
    assert_int_equal(diag(2, 4, 0x0FFE), PGM_PRIVILEGED);
    assert_int_equal(v->yield, 0);
    assert_int_equal(diag_count[diag_row(0x44)], 0);
}

static void class_not_allowed_is_specification(void **state)
{
    strcpy(vm->classes, "B");
    assert_int_equal(diag(2, 4, 0x44), PGM_SPECIFICATION);
    assert_int_equal(v->yield, 0);
}

static void counters_per_row_and_user(void **state)
{
    struct vm *other = vm_create("TESTG2", 1 * MiB, 1);
    strcpy(other->classes, "G");
    other->vcpu[0]->sd.psw_mask = PSW_SUPER64;
    assert_int_equal(diag(0, 0, 0x44), 0);
    assert_int_equal(diag(0, 0, 0x44), 0);
    assert_int_equal(diag_on(other->vcpu[0], 0, 0, 0x44), 0);
    int r = diag_row(0x44);
    assert_int_equal(diag_count[r], 3);
    assert_int_equal(vm->diag.count[r], 2);
    assert_int_equal(other->diag.count[r], 1);
}

static void table_rows_are_unique_and_complete(void **state)
{
    for (int i = 0; i < diag_rows; i++) {
        assert_non_null(diag_table[i].fn);
        assert_non_null(diag_table[i].name);
        assert_non_null(diag_table[i].classes);
        assert_int_equal(diag_row(diag_table[i].code), i);
    }
    assert_int_equal(diag_row(0x0FFE), -1);
}

/* The guest header lists exactly the table's codes. */
static void sdk_lists_the_table(void **state)
{
    static const uint16_t sdk[] = {
#define X(code, fn) code,
        ZCPDIAG_LIST(X)
#undef X
    };
    assert_int_equal(sizeof sdk / sizeof sdk[0], diag_rows);
    for (unsigned i = 0; i < sizeof sdk / sizeof sdk[0]; i++)
        assert_true(diag_row(sdk[i]) >= 0);
}

/* docs/diagnose.md's summary table: one row a code, same name, class and
 * problem-state answer as the table, and a section for each. */
static void docs_match_the_table(void **state)
{
    FILE *f = fopen("docs/diagnose.md", "r");
    assert_non_null(f);
    static char doc[200000];
    size_t n = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[n] = 0;
    int rows = 0;
    for (char *p = doc; (p = strstr(p, "\n| X'")); p++) {
        unsigned code;
        char name[80], cls[16], ps[8];
        if (sscanf(p, "\n| X'%x' | %79[^|]| %15[^|]| %7[^|]|", &code, name, cls, ps) != 4)
            continue;
        int r = diag_row((uint16_t)code);
        if (r < 0)
            fail_msg("docs/diagnose.md lists X'%X', which the table does not", code);
        for (char *e = name + strlen(name) - 1; *e == ' '; e--)
            *e = 0;
        for (char *e = cls + strlen(cls) - 1; *e == ' '; e--)
            *e = 0;
        assert_string_equal(name, diag_table[r].name);
        assert_string_equal(cls, diag_table[r].classes);
        assert_int_equal(strncmp(ps, "yes", 3) == 0, diag_table[r].problem_ok);
        char heading[64];
        snprintf(heading, sizeof heading, "\n## X'%04X'", code);
        if (!strstr(doc, heading))
            fail_msg("docs/diagnose.md has no section \"%s\"", heading + 1);
        rows++;
    }
    assert_int_equal(rows, diag_rows);
}

/* ---- X'00' ---------------------------------------------------------------- */

static void x00_stores_identification(void **state)
{
    reg(2, 0x2000);
    reg(4, 64);
    assert_int_equal(diag(2, 4, 0x00), 0);
    char s[9];
    get_ascii(0x2000, s, 8);
    assert_string_equal(s, "ZCP     ");
    get_ascii(0x2010, s, 8);
    assert_string_equal(s, "TESTG1  ");
    uint8_t b[40];
    gstor_read(&vm->stor, 0x2000, b, 40);
    assert_int_equal(b[11], 0xFF);
    assert_int_equal(be16_get(b + 14), 0);
    assert_int_equal(greg(4), 64 - 40);
}

static void x00_short_buffer_and_errors(void **state)
{
    uint8_t b[16];
    memset(b, 0xEE, sizeof b);
    gstor_write(&vm->stor, 0x2000, b, 16);
    reg(2, 0x2000);
    reg(4, 4);
    assert_int_equal(diag(2, 4, 0x00), 0);
    gstor_read(&vm->stor, 0x2000, b, 16);
    assert_int_equal(b[4], 0xEE);               /* only 4 bytes stored */
    assert_int_equal(greg(4), 0);
    reg(2, 0x2004);
    reg(4, 8);
    assert_int_equal(diag(2, 4, 0x00), PGM_SPECIFICATION);
    reg(2, 0x2000);
    reg(4, 0);
    assert_int_equal(diag(2, 4, 0x00), PGM_SPECIFICATION);
    reg(2, 1 * MiB - 8);
    reg(4, 40);
    assert_int_equal(diag(2, 4, 0x00), PGM_ADDRESSING);
}

/* ---- X'08' ---------------------------------------------------------------- */

static void x08_response_in_buffer(void **state)
{
    put_ebcdic(0x3000, "QUERY USERS");
    reg(2, 0x3000);
    reg(3, 0x4000);
    reg(4, 0x40000000 | 11);
    reg(5, 200);
    assert_int_equal(diag(2, 4, 0x08), 0);
    assert_int_equal(cc(), 0);
    assert_int_equal(greg(4), 0);
    const char *want = "    2 USERS,     0 DIALED,     0 NET|";
    assert_int_equal(greg(5), strlen(want));
    char s[80];
    get_ascii(0x4000, s, strlen(want));
    assert_string_equal(s, want);
    assert_int_equal(fake_console_n, 0);
}

static void x08_several_commands_and_last_rc(void **state)
{
    put_ebcdic(0x3000, "QUERY USERS;NOSUCH");
    reg(2, 0x3000);
    reg(3, 0x4000);
    reg(4, 0x40000000 | 18);
    reg(5, 200);
    assert_int_equal(diag(2, 4, 0x08), 0);
    assert_int_equal(greg(4), 1);                  /* HCPCMD001E's rc */
    char s[200];
    get_ascii(0x4000, s, greg(5));
    assert_string_equal(s, "    2 USERS,     0 DIALED,     0 NET|HCPCMD001E Unknown CP command: NOSUCH|");
}

static void x08_buffer_too_small_keeps_whole_lines(void **state)
{
    put_ebcdic(0x3000, "QUERY USERS;QUERY USERS");
    uint8_t fill[64];
    memset(fill, 0xEE, sizeof fill);
    gstor_write(&vm->stor, 0x4000, fill, sizeof fill);
    reg(2, 0x3000);
    reg(3, 0x4000);
    reg(4, 0x40000000 | 23);
    reg(5, 50);
    assert_int_equal(diag(2, 4, 0x08), 0);
    assert_int_equal(cc(), 1);
    assert_int_equal(greg(5), 37);                 /* the second line did not fit */
    uint8_t b[64];
    gstor_read(&vm->stor, 0x4000, b, 64);
    assert_int_equal(b[36], 0x15);
    assert_int_equal(b[37], 0xEE);                 /* nothing after the last whole line */
}

static void x08_response_to_console(void **state)
{
    put_ebcdic(0x3000, "QUERY USERS");
    reg(2, 0x3000);
    reg(4, 11);
    assert_int_equal(diag(2, 4, 0x08), 0);
    assert_int_equal(greg(4), 0);
    assert_int_equal(fake_console_n, 1);
    assert_string_equal(fake_console[0], "TESTG1:     2 USERS,     0 DIALED,     0 NET");
}

static void x08_user_classes_apply(void **state)
{
    put_ebcdic(0x3000, "SHUTDOWN");
    reg(2, 0x3000);
    reg(4, 8);
    assert_int_equal(diag(2, 4, 0x08), 0);
    assert_int_equal(greg(4), 1);                  /* class A: unknown to a class G user */
    assert_int_equal(fake_shutdown_calls, 0);
}

static void x08_ry_zero_is_cp_read(void **state)
{
    reg(4, 0);
    assert_int_equal(diag(2, 4, 0x08), 0);
    assert_int_equal(vm->cp_stopped, 1);
}

static void x08_errors(void **state)
{
    put_ebcdic(0x3000, "QUERY USERS");
    reg(2, 0x3000);
    reg(3, 0x4000);
    reg(5, 100);
    reg(4, 0x01000000 | 11);                       /* reserved flag */
    assert_int_equal(diag(2, 4, 0x08), PGM_SPECIFICATION);
    reg(4, 241);                                   /* too long */
    assert_int_equal(diag(2, 4, 0x08), PGM_SPECIFICATION);
    reg(4, 0x40000000 | 11);
    reg(3, 0x40000000 | 11);
    assert_int_equal(diag(2, 3, 0x08), PGM_SPECIFICATION);     /* consecutive */
    reg(15, 0x3000);
    assert_int_equal(diag(15, 4, 0x08), PGM_SPECIFICATION);    /* R15 */
    reg(2, 1 * MiB - 4);
    reg(4, 11);
    assert_int_equal(diag(2, 4, 0x08), PGM_ADDRESSING);        /* command beyond storage */
    reg(2, 0x3000);
    reg(3, 1 * MiB - 10);
    reg(4, 0x40000000 | 11);
    reg(5, 100);
    assert_int_equal(diag(2, 4, 0x08), PGM_ADDRESSING);        /* buffer beyond storage */
    assert_int_equal(fake_console_n, 0);                       /* nothing ran */
    assert_int_equal(vm->cp_stopped, 0);
}

/* ---- X'0C', X'270' ------------------------------------------------------------ */

static void x0c_date_time_cpu(void **state)
{
    v->cputime = 5000 * TOD_PER_US;
    vm->user.cp_time = 1000 * TOD_PER_US;
    reg(2, 0x2000);
    assert_int_equal(diag(2, 0, 0x0C), 0);
    char s[20];
    get_ascii(0x2000, s, 16);
    assert_string_equal(s, "03/14/2615:09:26");
    uint8_t b[32];
    gstor_read(&vm->stor, 0x2000, b, 32);
    assert_int_equal(be64_get(b + 16), 5000);
    assert_int_equal(be64_get(b + 24), 6000);
    reg(2, 0x2004);
    assert_int_equal(diag(2, 0, 0x0C), PGM_SPECIFICATION);
    reg(2, 1 * MiB - 16);
    assert_int_equal(diag(2, 0, 0x0C), PGM_ADDRESSING);
}

static void x270_formats_and_errors(void **state)
{
    reg(2, 0x2000);
    reg(4, 64);
    assert_int_equal(diag(2, 4, 0x270), 0);
    char s[20];
    get_ascii(0x2020, s, 10);
    assert_string_equal(s, "03/14/2026");
    get_ascii(0x2030, s, 10);
    assert_string_equal(s, "2026-03-14");
    uint8_t b[64];
    gstor_read(&vm->stor, 0x2000, b, 64);
    assert_int_equal(b[58], 1);
    reg(4, 0);
    assert_int_equal(diag(2, 4, 0x270), PGM_SPECIFICATION);
    reg(4, 64);
    assert_int_equal(diag(4, 4, 0x270), PGM_SPECIFICATION);    /* Rx = Ry */
    reg(2, 0x2001);
    assert_int_equal(diag(2, 4, 0x270), PGM_SPECIFICATION);
}

/* ---- X'24', X'210' ------------------------------------------------------------- */

static void add_devices(void)
{
    assert_non_null(vm_add_vdev(vm, 0x0009, 0x3215, &vcon_ops));
    assert_non_null(vur_add(vm, 0x000C, 0x3505, SQ_RDR, '*'));
    v->sd.psw_mask = PSW_SUPER31;
}

static void x24_console_reader_and_none(void **state)
{
    add_devices();
    reg(2, 0xFFFFFFFF);
    assert_int_equal(diag(2, 4, 0x24), 0);
    assert_int_equal(cc(), 0);
    assert_int_equal(greg(2), 0x0009);
    assert_int_equal(greg(4), 0x80000000);
    assert_int_equal(greg(5), 0x80000084);         /* 3215, line length 132 */
    reg(2, 0x000C);
    reg(5, 0x12345678);
    assert_int_equal(diag(2, 4, 0x24), 0);
    assert_int_equal(cc(), 2);
    assert_int_equal(greg(4), 0x20840000);
    assert_int_equal(greg(5), 0x12345678);         /* spooled: no real data */
    reg(2, 0x0123);
    assert_int_equal(diag(2, 4, 0x24), 0);
    assert_int_equal(cc(), 3);
    v->sd.psw_mask = PSW_SUPER64;
    assert_int_equal(diag(2, 4, 0x24), PGM_SPECIFICATION);
}

static void x210_block(void **state)
{
    add_devices();
    uint8_t b[16] = { 0x00, 0x0C, 0x00, 0x10 };
    gstor_write(&vm->stor, 0x2000, b, 16);
    reg(2, 0x2000);
    assert_int_equal(diag(2, 0, 0x210), 0);
    assert_int_equal(cc(), 2);
    gstor_read(&vm->stor, 0x2000, b, 16);
    assert_int_equal(b[4], 0x20);
    assert_int_equal(b[5], 0x84);
    b[1] = 0x09;
    gstor_write(&vm->stor, 0x2000, b, 16);
    assert_int_equal(diag(2, 0, 0x210), 0);
    assert_int_equal(cc(), 0);
    gstor_read(&vm->stor, 0x2000, b, 16);
    assert_int_equal(b[4], 0x80);
    assert_int_equal(b[8], 0x80);
    b[1] = 0x55;
    gstor_write(&vm->stor, 0x2000, b, 16);
    assert_int_equal(diag(2, 0, 0x210), 0);
    assert_int_equal(cc(), 3);
    b[3] = 4;                                      /* length below 8 */
    gstor_write(&vm->stor, 0x2000, b, 16);
    assert_int_equal(diag(2, 0, 0x210), PGM_SPECIFICATION);
    reg(2, 0x2002);
    assert_int_equal(diag(2, 0, 0x210), PGM_SPECIFICATION);
    reg(2, 2 * MiB);
    assert_int_equal(diag(2, 0, 0x210), PGM_ADDRESSING);
    v->sd.psw_mask = PSW_SUPER64;
    reg(2, 0x2000);
    assert_int_equal(diag(2, 0, 0x210), PGM_SPECIFICATION);
}

/* ---- X'44', X'9C' -------------------------------------------------------------- */

static void x44_and_x9c_end_the_slice(void **state)
{
    assert_int_equal(diag(0, 0, 0x44), 0);
    assert_int_equal(v->yield, 1);
    v->yield = 0;
    struct vcpu *t = vm->vcpu[1];
    t->state = VCPU_STOPPED;
    reg(2, 1);
    assert_int_equal(diag(2, 0, 0x9C), 0);
    assert_int_equal(v->yield, 1);
    assert_null(v->yield_to);                      /* stopped: plain time-slice end */
    t->state = VCPU_RUNNING;
    assert_int_equal(diag(2, 0, 0x9C), 0);
    assert_ptr_equal(v->yield_to, t);
    reg(2, 0);
    assert_int_equal(diag(2, 0, 0x9C), 0);
    assert_null(v->yield_to);                      /* itself */
    reg(2, 7);
    assert_int_equal(diag(2, 0, 0x9C), 0);
    assert_null(v->yield_to);                      /* no such CPU */
}

/* ---- X'5C' and SET EMSG ----------------------------------------------------------- */

static void set_emsg_as(const char *how)
{
    char line[40];
    struct cmd_ctx ctx = { .user = &vm->user, .write = NULL };
    snprintf(line, sizeof line, "SET EMSG %s", how);
    assert_int_equal(cmd_execute(&ctx, line), 0);
}

static void x5c_edits_by_emsg(void **state)
{
    const char *m = "DMSLIO001E File not found";
    put_ebcdic(0x3000, m);
    struct { const char *how; uint64_t addr; uint32_t len; } cases[] = {
        { "ON", 0x3000, 25 }, { "TEXT", 0x300B, 14 }, { "CODE", 0x3000, 10 },
        { "OFF", 0x3000, 0 }, { "IGNORE", 0x3000, 0 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        set_emsg_as(cases[i].how);
        reg(2, 0x3000);
        reg(4, strlen(m));
        assert_int_equal(diag(2, 4, 0x5C), 0);
        assert_int_equal(greg(2), cases[i].addr);
        assert_int_equal(greg(4), cases[i].len);
    }
    put_ebcdic(0x3100, "no code here");
    set_emsg_as("TEXT");
    reg(2, 0x3100);
    reg(4, 12);
    assert_int_equal(diag(2, 4, 0x5C), 0);
    assert_int_equal(greg(2), 0x3100);             /* no code: shown whole */
    assert_int_equal(greg(4), 12);
    reg(4, 0x80000000);
    assert_int_equal(diag(2, 4, 0x5C), PGM_SPECIFICATION);
    reg(2, 1 * MiB - 4);
    reg(4, 25);
    assert_int_equal(diag(2, 4, 0x5C), PGM_ADDRESSING);
}

static void set_emsg_errors(void **state)
{
    struct cmd_ctx ctx = { .user = &vm->user };
    nout = 0;
    ctx.write = capture;
    assert_int_equal(cmd_execute(&ctx, "SET EMSG MAYBE"), RC_INVALID_OPT);
    assert_string_equal(out[0], "HCPCMD003E Invalid option - MAYBE");
    assert_int_equal(cmd_execute(&ctx, "SET EMSG"), RC_MISSING_OPER);
    assert_int_equal(cmd_execute(&ctx, "SET EMSG ON OFF"), RC_INVALID_OPT);
    assert_int_equal(cmd_execute(&ctx, "SET NOTHING"), RC_INVALID_OPT);
    assert_int_equal(vm->diag.emsg, EMSG_ON);
}

/* ---- X'60', X'260', X'B0' ------------------------------------------------------------ */

static void x60_and_x260(void **state)
{
    reg(2, 0xFFFFFFFF00000000ULL);
    assert_int_equal(diag(2, 0, 0x60), 0);
    assert_int_equal(greg(2), 0xFFFFFFFF00100000ULL);
    reg(4, 0x0C);
    assert_int_equal(diag(2, 4, 0x260), 0);
    assert_int_equal(greg(2), 1 * MiB - 1);
    assert_int_equal(greg(4), 1 * MiB - 1);
    reg(4, 0x10);
    reg(2, 0x2000);
    reg(3, 32);
    assert_int_equal(diag(2, 4, 0x260), 0);
    uint8_t b[16];
    gstor_read(&vm->stor, 0x2000, b, 16);
    assert_int_equal(be64_get(b), 0);
    assert_int_equal(be64_get(b + 8), 1 * MiB - 1);
    assert_int_equal(greg(4), 1);
    assert_int_equal(cc(), 0);
    reg(4, 0x10);
    assert_int_equal(diag(3, 4, 0x260), PGM_SPECIFICATION);    /* Rx odd */
    reg(2, 0x2008);
    assert_int_equal(diag(2, 4, 0x260), PGM_SPECIFICATION);    /* not quadword */
    reg(2, 0x2000);
    reg(3, 24);
    assert_int_equal(diag(2, 4, 0x260), PGM_SPECIFICATION);    /* not 16n */
    reg(4, 0);
    assert_int_equal(diag(2, 4, 0x260), PGM_SPECIFICATION);    /* subcode 0 in 64-bit */
    v->sd.psw_mask = PSW_SUPER31;
    assert_int_equal(diag(2, 4, 0x260), 0);
    assert_int_equal(greg(2) & 0xFFFFFFFF, 1 * MiB - 1);
    reg(4, 4);
    reg(2, 0x2000);
    assert_int_equal(diag(2, 4, 0x260), 0);
    assert_int_equal(greg(5), 4);                  /* no BYUSER */
    assert_int_equal(diag(2, 5, 0x260), PGM_SPECIFICATION);
    reg(4, 0x99);
    assert_int_equal(diag(2, 4, 0x260), PGM_SPECIFICATION);
}

static void xb0_reipl_data(void **state)
{
    reg(2, 0x2000);
    reg(4, 16);
    assert_int_equal(diag(2, 4, 0xB0), 0);
    assert_int_equal(greg(4), 4);                  /* none */
    strcpy(vm->ipl_parm, "PHASE2");
    reg(4, 16);
    assert_int_equal(diag(2, 4, 0xB0), 0);
    assert_int_equal(greg(4), 0);
    char s[8];
    uint8_t n;
    gstor_read(&vm->stor, 0x2000, &n, 1);
    assert_int_equal(n, 6);
    get_ascii(0x2001, s, 6);
    assert_string_equal(s, "PHASE2");
    reg(4, 0x80000000);
    assert_int_equal(diag(2, 4, 0xB0), PGM_SPECIFICATION);
    reg(2, 2 * MiB);
    reg(4, 8);
    assert_int_equal(diag(2, 4, 0xB0), PGM_ADDRESSING);
}

/* ---- X'288' ------------------------------------------------------------------------------ */

static void arm(uint32_t func, uint32_t secs, const char *cmd)
{
    put_ebcdic(0x3000, cmd);
    reg(2, func);
    reg(3, secs);
    reg(4, 0x3000);
    reg(5, strlen(cmd));
}

static void x288_expiry_runs_the_command_at_task_level(void **state)
{
    arm(0, 20, "QUERY USERS");
    assert_int_equal(diag(2, 4, 0x288), 0);
    assert_int_equal(fake_timers_active(), 1);
    assert_int_equal(diag_task_work(), 0);         /* not yet */
    uint64_t when = fake_tod + 20 * TOD_PER_SEC;
    assert_int_equal(fake_timers_fire(when - 1), 0);
    assert_int_equal(fake_timers_fire(when + TOD_PER_SEC), 1);
    assert_int_equal(cp_kick, 1);                  /* the interrupt side only flags */
    assert_int_equal(fake_console_n, 0);
    fake_tod = when + TOD_PER_SEC;
    assert_int_equal(diag_task_work(), 1);
    assert_int_equal(fake_console_n, 2);
    assert_string_equal(fake_console[0],
        "TESTG1: HCPWDG9288I Watchdog timer expired after 20 seconds; CP runs: QUERY USERS");
    assert_string_equal(fake_console[1], "TESTG1:     2 USERS,     0 DIALED,     0 NET");
    assert_int_equal(vm->diag.wdog.armed, 0);
    assert_int_equal(diag_task_work(), 0);         /* once */
}

static void x288_reinit_change_cancel(void **state)
{
    arm(0x80000000, 15, "QUERY USERS");            /* CONCEAL bit accepted */
    assert_int_equal(diag(2, 4, 0x288), 0);
    fake_tod += 10 * TOD_PER_SEC;
    reg(2, 1);
    reg(3, 30);
    assert_int_equal(diag(2, 4, 0x288), 0);        /* change: 30 s from now */
    fake_tod += 20 * TOD_PER_SEC;
    assert_int_equal(diag_task_work(), 0);
    reg(2, 2);
    assert_int_equal(diag(2, 4, 0x288), 0);
    assert_int_equal(fake_timers_active(), 0);
    fake_tod += 3600 * TOD_PER_SEC;
    assert_int_equal(diag_task_work(), 0);
    assert_int_equal(diag(2, 4, 0x288), 0);        /* cancel again: no harm */
}

static void x288_errors(void **state)
{
    arm(0, 20, "QUERY USERS");
    assert_int_equal(diag(3, 4, 0x288), PGM_SPECIFICATION);    /* Rx odd */
    assert_int_equal(diag(2, 5, 0x288), PGM_SPECIFICATION);    /* Ry odd */
    reg(3, 14);
    assert_int_equal(diag(2, 4, 0x288), PGM_SPECIFICATION);    /* under 15 s */
    reg(3, 20);
    reg(2, 7);
    assert_int_equal(diag(2, 4, 0x288), PGM_SPECIFICATION);    /* function */
    reg(2, 1);
    assert_int_equal(diag(2, 4, 0x288), PGM_SPECIFICATION);    /* change, not armed */
    reg(2, 0);
    reg(5, 0);
    assert_int_equal(diag(2, 4, 0x288), PGM_SPECIFICATION);    /* no command */
    reg(5, 241);
    assert_int_equal(diag(2, 4, 0x288), PGM_SPECIFICATION);
    reg(5, 11);
    reg(4, 1 * MiB - 5);
    assert_int_equal(diag(2, 4, 0x288), PGM_ADDRESSING);
    assert_int_equal(vm->diag.wdog.armed, 0);
    assert_int_equal(fake_timers_active(), 0);
}

static void x288_logoff_disarms(void **state)
{
    arm(0, 15, "QUERY USERS");
    assert_int_equal(diag(2, 4, 0x288), 0);
    vm_destroy(vm);
    fake_tod += 60 * TOD_PER_SEC;
    assert_int_equal(diag_task_work(), 0);
    assert_int_equal(fake_console_n, 0);
}

/* ---- X'308' ------------------------------------------------------------------------------ */

static void put_iplb(uint64_t addr, uint16_t devno, const char *parm)
{
    struct zcp_iplb b;
    memset(&b, 0, sizeof b);
    uint8_t *p = (uint8_t *)&b;
    be32_put(p, sizeof b);
    be32_put(p + 8, sizeof b - 8);
    p[0x0C] = 2;
    be16_put(p + 0x6E, devno);
    if (parm) {
        p[0x70] = 0x80;
        be32_put(p + 0x74, (uint32_t)strlen(parm));
        ebcdic_from_ascii(p + 0x80, parm, strlen(parm));
    }
    gstor_write(&vm->stor, addr, &b, sizeof b);
}

static void x308_set_store_load(void **state)
{
    assert_int_equal(sizeof(struct zcp_iplb), 200);
    reg(2, 0x5000);
    reg(4, 6);
    assert_int_equal(diag(2, 4, 0x308), 0);
    assert_int_equal(greg(3), 0x0102);             /* nothing set yet */
    reg(4, 4);
    assert_int_equal(diag(2, 4, 0x308), 0);
    assert_int_equal(greg(3), 0x0102);
    put_iplb(0x5000, 0x0C, "PHASE2");
    reg(4, 5);
    assert_int_equal(diag(2, 4, 0x308), 0);
    assert_int_equal(greg(3), 0x0001);
    reg(2, 0x6000);
    reg(4, 6);
    assert_int_equal(diag(2, 4, 0x308), 0);
    assert_int_equal(greg(3), 0x0001);
    uint8_t a[200], b[200];
    gstor_read(&vm->stor, 0x5000, a, 200);
    gstor_read(&vm->stor, 0x6000, b, 200);
    assert_memory_equal(a, b, 200);
    /* Load from a device the user does not have: refused, the guest goes on. */
    reg(4, 4);
    assert_int_equal(diag(2, 4, 0x308), 0);
    assert_int_equal(greg(3), 0x0402);
    assert_int_equal(v->state, VCPU_RUNNING);
    /* A reader with nothing to read: the machine is reset, the user told. */
    assert_non_null(vur_add(vm, 0x000C, 0x3505, SQ_RDR, '*'));
    reg(4, 3);
    assert_int_equal(diag(2, 4, 0x308), 0);
    assert_int_equal(v->state, VCPU_STOPPED);
    assert_int_equal(v->yield, 1);
    assert_int_equal(fake_console_n, 1);
    assert_string_equal(fake_console[0],
        "TESTG1: HCPIPL3221E Device 000C IPL failed: the IPL channel program did not complete");
}

static void x308_errors(void **state)
{
    put_iplb(0x5000, 0x0C, NULL);
    reg(2, 0x5000);
    reg(4, 5);
    assert_int_equal(diag(3, 4, 0x308), PGM_SPECIFICATION);    /* Rx odd */
    reg(2, 0x5008);
    assert_int_equal(diag(2, 4, 0x308), PGM_SPECIFICATION);    /* not page-aligned */
    reg(2, 1 * MiB);
    assert_int_equal(diag(2, 4, 0x308), PGM_ADDRESSING);
    reg(4, 9);
    assert_int_equal(diag(2, 4, 0x308), PGM_SPECIFICATION);    /* subcode */
    uint8_t bad = 1;                                           /* type FCP: not offered */
    gstor_write(&vm->stor, 0x500C, &bad, 1);
    reg(2, 0x5000);
    reg(4, 5);
    assert_int_equal(diag(2, 4, 0x308), 0);
    assert_int_equal(greg(3), 0x0402);
    uint8_t big[4];
    be32_put(big, 8192);
    gstor_write(&vm->stor, 0x5000, big, 4);
    assert_int_equal(diag(2, 4, 0x308), 0);
    assert_int_equal(greg(3), 0x0402);
    assert_int_equal(vm->diag.iplb_len, 0);
}

/* After an IPL, STORE describes it (z/VM keeps the last IPL's information;
 * Linux stores it at boot and re-IPLs from it at reboot). */
static void x308_store_after_ipl(void **state)
{
    diag_ipl_record(vm, 0x000C, "PHASE2");
    reg(2, 0x6000);
    reg(4, 6);
    assert_int_equal(diag(2, 4, 0x308), 0);
    assert_int_equal(greg(3), 0x0001);
    put_iplb(0x5000, 0x000C, "PHASE2");
    uint8_t a[200], b[200];
    gstor_read(&vm->stor, 0x5000, a, 200);
    gstor_read(&vm->stor, 0x6000, b, 200);
    assert_memory_equal(a, b, 200);
    /* No PARM: the PARM-valid flag stays off, the length 0. */
    diag_ipl_record(vm, 0x0191, NULL);
    assert_int_equal(diag(2, 4, 0x308), 0);
    assert_int_equal(greg(3), 0x0001);
    put_iplb(0x5000, 0x0191, NULL);
    gstor_read(&vm->stor, 0x5000, a, 200);
    gstor_read(&vm->stor, 0x6000, b, 200);
    assert_memory_equal(a, b, 200);
}

/* ---- X'DC', X'318', QUERY DIAG ------------------------------------------------------------ */

static void xdc_x318_and_query(void **state)
{
    uint8_t pl[32] = { 0x00, 0xDC, 0x80, 32 };
    be64_put(pl + 0x10, 0x2100);
    gstor_write(&vm->stor, 0x2000, pl, 32);
    put_ebcdic(0x2100, "LINUXKR");
    reg(2, 0x2000);
    reg(4, 99);
    assert_int_equal(diag(2, 4, 0xDC), 0);
    assert_int_equal(greg(4), 0);
    reg(2, 0x0400000000000001ULL);
    assert_int_equal(diag(2, 0, 0x318), 0);
    reg(2, 0x2004);
    assert_int_equal(diag(2, 4, 0xDC), PGM_SPECIFICATION);
    pl[1] = 0xDD;
    gstor_write(&vm->stor, 0x2000, pl, 32);
    reg(2, 0x2000);
    assert_int_equal(diag(2, 4, 0xDC), PGM_SPECIFICATION);
    assert_int_equal(diag(2, 4, 0x0FFE), PGM_SPECIFICATION);

    nout = 0;
    struct cmd_user op = { .userid = "OPERATOR", .classes = "E" };
    struct cmd_ctx ctx = { .user = &op, .write = capture };
    assert_int_equal(cmd_execute(&ctx, "QUERY DIAG"), 0);
    assert_int_equal(nout, 1 + diag_rows + 2 + 2);
    assert_string_equal(out[0], "CODE NAME                                     TOTAL  BY USER");
    char want[200];
    int r = diag_row(0xDC);
    snprintf(want, sizeof want, "00DC %-38s %8d  TESTG1=3", "Application monitor data", 3);
    assert_string_equal(out[1 + r], want);
    snprintf(want, sizeof want, "0FFE %-38s %8d  TESTG1=1", "(undefined)", 1);
    assert_string_equal(out[1 + diag_rows], want);          /* each undefined code by name */
    snprintf(want, sizeof want, "%-43s %8d  TESTG1=1", "UNDEFINED (specification exception)", 1);
    assert_string_equal(out[2 + diag_rows], want);
    assert_string_equal(out[3 + diag_rows], "TESTG1   X'DC' 1 CALLS, LAST FUNCTION 80, PRODUCT LINUXKR");
    assert_string_equal(out[4 + diag_rows], "TESTG1   X'318' CPNC 04 CPVC 00000000000001");
    op.classes = "G";
    nout = 0;
    assert_int_equal(cmd_execute(&ctx, "QUERY DIAG"), RC_INVALID_OPT);     /* class E */
    assert_int_equal(cmd_execute(&ctx, "Q DIAGNOSE"), RC_INVALID_OPT);
    op.classes = "E";
    assert_int_equal(cmd_execute(&ctx, "Q DIAG X"), RC_INVALID_OPT);
}

/* ---- X'204', X'2FC' (diagnose/hyper.c) --------------------------------------- */

static void x204_simplified_data_for_the_virtual_machine(void **state)
{
    uint8_t b[16 + 16 + 2 * 24];
    vm->vcpu[0]->cputime = 0x123456;
    reg(2, 0x3000);
    reg(4, 4);                      /* subcode 4, format 0 */
    reg(5, 1);                      /* one page */
    assert_int_equal(diag(2, 4, 0x204), 0);
    assert_int_equal(greg(4), 0);
    assert_int_equal(greg(5), 1);
    gstor_read(&vm->stor, 0x3000, b, sizeof b);
    assert_int_equal(b[0], 1);                              /* one partition */
    assert_int_equal(be16_get(b + 6), 1);                   /* this one */
    assert_int_equal(b[16], 1);                             /* pn */
    assert_int_equal(b[17], vm->nvcpu);
    char name[9];
    for (int i = 0; i < 8; i++)
        name[i] = (char)ebcdic_to_ascii[b[24 + i]];
    name[8] = 0;
    assert_string_equal(name, "TESTG1  ");
    assert_int_equal(be16_get(b + 32), vm->vcpu[0]->cpuaddr);
    assert_int_equal(b[37], 0x20);                          /* online */
    assert_int_equal(be64_get(b + 40), 0x123456);           /* acc_time */
}

static void x204_other_subcodes_formats_and_errors(void **state)
{
    uint8_t before[64], after[64];
    gstor_read(&vm->stor, 0x3000, before, sizeof before);
    reg(2, 0x3000);
    reg(5, 1);
    static const uint64_t refused[] = { 5, 6, 7, 0x10005, 0x10004, 0, 0x20004 };
    for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        reg(4, refused[i]);
        assert_int_equal(diag(2, 4, 0x204), 0);
        assert_int_equal(greg(4), 4);                       /* not available: rc 4 */
    }
    gstor_read(&vm->stor, 0x3000, after, sizeof after);
    assert_memory_equal(before, after, sizeof before);      /* nothing stored */
    reg(4, 4);
    reg(5, 0);
    assert_int_equal(diag(2, 4, 0x204), 0);
    assert_int_equal(greg(4), 8);                           /* no room */
    reg(5, 1);
    assert_int_equal(diag(2, 3, 0x204), PGM_SPECIFICATION); /* odd Ry */
    reg(2, 0x3008);
    reg(4, 4);
    assert_int_equal(diag(2, 4, 0x204), PGM_SPECIFICATION); /* not on a page */
    reg(2, 1 * MiB);
    assert_int_equal(diag(2, 4, 0x204), PGM_ADDRESSING);
}

static void x2fc_plist(uint64_t at, const char *who, uint64_t buf, uint32_t size, uint32_t fmt)
{
    uint8_t p[32];
    memset(p, 0x40, 16);
    ebcdic_from_ascii(p, who, strlen(who));
    be64_put(p + 16, buf);
    be32_put(p + 24, size);
    be32_put(p + 28, fmt);
    gstor_write(&vm->stor, at, p, sizeof p);
}

static void x2fc_own_data_sized_then_stored(void **state)
{
    x2fc_plist(0x2000, "", 0, 0, 2);            /* blanks: the issuer */
    reg(2, 0x2000);
    reg(3, ~0ULL);
    assert_int_equal(diag(2, 3, 0x2FC), 0);
    assert_int_equal(greg(3), 112);             /* the size one record needs */
    x2fc_plist(0x2000, "", 0x4000, 112, 2);
    reg(2, 0x2000);
    reg(3, ~0ULL);
    assert_int_equal(diag(2, 3, 0x2FC), 0);
    assert_int_equal(greg(3), 0);
    assert_int_equal(greg(2), 0);               /* no residue */
    uint8_t r[112];
    gstor_read(&vm->stor, 0x4000, r, sizeof r);
    assert_int_equal(be32_get(r), 2);
    assert_int_equal(be32_get(r + 64), vm->nvcpu);
    assert_int_equal(be64_get(r + 40), 1024);   /* 1M of storage, in KB */
    assert_int_equal(r[104], 0xE3);             /* 'T' of TESTG1 */
    x2fc_plist(0x2000, "NOBODY", 0x4000, 112, 2);
    reg(2, 0x2000);
    assert_int_equal(diag(2, 3, 0x2FC), 0);
    assert_int_equal(greg(3), 0);               /* not logged on: no records */
}

static void x2fc_all_guests_needs_class_b(void **state)
{
    struct vm *other = vm_create("TESTG2", 1 * MiB, 1);
    strcpy(other->classes, "G");
    x2fc_plist(0x2000, "*", 0, 0, 2);
    reg(2, 0x2000);
    assert_int_equal(diag(2, 3, 0x2FC), PGM_SPECIFICATION);
    strcpy(vm->classes, "BG");
    reg(2, 0x2000);
    assert_int_equal(diag(2, 3, 0x2FC), 0);
    assert_int_equal(greg(3), 2 * 112);         /* TESTG1 and TESTG2 */
    x2fc_plist(0x2000, "*", 0x4000, 224, 2);
    reg(2, 0x2000);
    assert_int_equal(diag(2, 3, 0x2FC), 0);
    assert_int_equal(greg(3), 0);
    x2fc_plist(0x2000, "", 0x4000, 112, 1);     /* format 1 */
    reg(2, 0x2000);
    assert_int_equal(diag(2, 3, 0x2FC), PGM_SPECIFICATION);
    reg(2, 0x2004);
    assert_int_equal(diag(2, 3, 0x2FC), PGM_SPECIFICATION);    /* plist not on a doubleword */
    x2fc_plist(0x2000, "", 1 * MiB - 8, 112, 2);
    reg(2, 0x2000);
    assert_int_equal(diag(2, 3, 0x2FC), PGM_ADDRESSING);
}

/* ---- X'10' ------------------------------------------------------------------ */

static void x10_releases_pages_which_read_as_zeros(void **state)
{
    uint8_t b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, z[8];
    for (uint64_t a = 0x80000; a < 0x84000; a += 0x1000)
        assert_int_equal(gstor_write(&vm->stor, a + 8, b, 8), 0);
    uint64_t before = vm->stor.resident;
    reg(2, 0x81000);
    reg(4, 0x82000);
    assert_int_equal(diag(2, 4, 0x10), 0);
    assert_int_equal(vm->stor.resident, before - 2);
    for (uint64_t a = 0x80000; a < 0x84000; a += 0x1000) {
        assert_int_equal(gstor_read(&vm->stor, a + 8, z, 8), 0);
        int released = a == 0x81000 || a == 0x82000;
        assert_int_equal(memcmp(z, b, 8) == 0, !released);
        if (released)
            assert_int_equal(be64_get(z), 0);
    }
}

static void x10_bad_ranges_get_program_interruptions(void **state)
{
    static const struct { uint64_t first, last; int pgm; } bad[] = {
        { 0x81000, 0x80000, PGM_SPECIFICATION },      /* first above last */
        { 0x80800, 0x81000, PGM_SPECIFICATION },      /* not on a page */
        { 0x80000, 0x81800, PGM_SPECIFICATION },
        { 0x1000, 0x3000, PGM_SPECIFICATION },          /* below 8K */
        { 0x80000, 1 * MiB, PGM_ADDRESSING },          /* beyond storage */
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        reg(2, bad[i].first);
        reg(4, bad[i].last);
        assert_int_equal(diag(2, 4, 0x10), bad[i].pgm);
    }
}

/* ---- X'214' ----------------------------------------------------------------- */

static uint8_t pgflags(uint64_t addr)
{
    uint64_t *pte = gstor_pte(&vm->stor, addr >> 12, 0);
    return pte ? gstor_pgste(pte)->resv[0] : 0xFF;
}

static void x214_establish_cancel_and_cancel_all(void **state)
{
    uint8_t b[8] = { 9, 9, 9, 9, 9, 9, 9, 9 }, z[8];
    for (uint64_t a = 0x80000; a < 0x84000; a += 0x1000)
        assert_int_equal(gstor_write(&vm->stor, a, b, 8), 0);
    reg(2, 0x80000);
    reg(3, 0x83000 | 0);                         /* establish */
    assert_int_equal(diag(2, 4, 0x214), 0);
    for (uint64_t a = 0x80000; a < 0x84000; a += 0x1000) {
        assert_int_equal(pgflags(a) & PGSTE_PENDING, PGSTE_PENDING);
        assert_int_equal(gstor_read(&vm->stor, a, z, 8), 0);
        assert_memory_equal(z, b, 8);            /* kept until the pager wants it */
    }
    reg(2, 0x81000);
    reg(3, 0x81000 | 1);                         /* cancel one page */
    assert_int_equal(diag(2, 0, 0x214), 0);
    assert_int_equal(pgflags(0x81000) & PGSTE_PENDING, 0);
    assert_int_equal(pgflags(0x82000) & PGSTE_PENDING, PGSTE_PENDING);
    reg(2, 0xFFFFF000);                          /* ignored for cancel all */
    reg(3, 2);
    assert_int_equal(diag(2, 0, 0x214), 0);
    for (uint64_t a = 0x80000; a < 0x84000; a += 0x1000)
        assert_int_equal(pgflags(a) & PGSTE_PENDING, 0);
    /* Cancel and validate backs a page never touched; prefix pages are
     * never pending. */
    uint64_t res = vm->stor.resident;
    reg(2, 0xA0000);
    reg(3, 0xA0000 | 3);
    assert_int_equal(diag(2, 0, 0x214), 0);
    assert_int_equal(vm->stor.resident, res + 1);
    reg(2, 0);
    reg(3, 0x1000);
    assert_int_equal(diag(2, 0, 0x214), 0);
    assert_int_equal(pgflags(0) & PGSTE_PENDING, 0);
}

static void x214_errors(void **state)
{
    reg(2, 0x80000);
    reg(3, 0x81000);
    assert_int_equal(diag(3, 4, 0x214), PGM_SPECIFICATION);      /* odd Rx */
    reg(3, 0x81000 | 4);
    assert_int_equal(diag(2, 4, 0x214), PGM_SPECIFICATION);      /* function 4 */
    reg(2, 0x82000);
    reg(3, 0x81000 | 1);
    assert_int_equal(diag(2, 4, 0x214), PGM_SPECIFICATION);      /* first > last */
    reg(2, 0x80000);
    reg(3, (1 * MiB) | 0);
    assert_int_equal(diag(2, 4, 0x214), PGM_ADDRESSING);         /* beyond storage */
    reg(3, (1 * MiB) | 2);
    assert_int_equal(diag(2, 4, 0x214), 0);                      /* not checked for 2 */
}

/* ---- X'258' ----------------------------------------------------------------- */

static void put_pfault(uint64_t at, uint16_t sub, uint16_t len, uint16_t ver,
                       uint64_t token, uint64_t sel, uint64_t cmp, uint64_t last)
{
    uint8_t pl[40];
    be16_put(pl, 0x258);
    be16_put(pl + 2, sub);
    be16_put(pl + 4, len);
    be16_put(pl + 6, ver);
    be64_put(pl + 8, token);
    be64_put(pl + 16, sel);
    be64_put(pl + 24, cmp);
    be64_put(pl + 32, last);
    assert_int_equal(gstor_write(&vm->stor, at, pl, 40), 0);
}

#define ZARCH 0x8000000000000000ULL
#define PROB (1ULL << 48)

static void x258_token_and_cancel(void **state)
{
    put_pfault(0x9000, 1, 2, 2, 0, 0, 0, 0);
    reg(2, 0x9000);
    reg(4, 0x77);
    assert_int_equal(diag(2, 4, 0x258), 0);
    assert_int_equal(greg(4), 4);                /* cancel: was not on */
    put_pfault(0x9000, 0, 5, 2, 0x340, PROB, PROB, ZARCH);
    assert_int_equal(diag(2, 4, 0x258), 0);
    assert_int_equal(greg(4), 0);
    assert_int_equal(v->pf.on, 1);
    assert_int_equal(v->pf.token, 0x340);
    assert_int_equal(v->pf.select, PROB);
    assert_int_equal(v->pf.compare, PROB);
    assert_int_equal(vm->vcpu[1]->pf.on, 0);     /* one handshake per CPU */
    put_pfault(0x9000, 0, 5, 2, 0x348, 0, 0, ZARCH);
    assert_int_equal(diag(2, 4, 0x258), 0);
    assert_int_equal(greg(4), 8);                /* on already: unchanged */
    assert_int_equal(v->pf.token, 0x340);
    put_pfault(0x9000, 1, 2, 2, 0, 0, 0, 0);
    assert_int_equal(diag(2, 4, 0x258), 0);
    assert_int_equal(greg(4), 0);
    assert_int_equal(v->pf.on, 0);
    /* A reset ends it. */
    put_pfault(0x9000, 0, 5, 2, 0x340, 0, 0, ZARCH);
    assert_int_equal(diag(2, 4, 0x258), 0);
    assert_int_equal(v->pf.on, 1);
    vm_reset(vm, 0);
    assert_int_equal(v->pf.on, 0);
}

static void x258_errors(void **state)
{
    static const struct {
        uint64_t at; uint16_t sub, len, ver; uint64_t token, sel, cmp, last; int pgm;
    } bad[] = {
        { 0x9004, 0, 5, 2, 0x340, 0, 0, ZARCH, PGM_SPECIFICATION },      /* list misaligned */
        { 0x9000, 0, 5, 1, 0x340, 0, 0, ZARCH, PGM_SPECIFICATION },      /* version */
        { 0x9000, 0, 4, 2, 0x340, 0, 0, ZARCH, PGM_SPECIFICATION },      /* too short */
        { 0x9000, 2, 5, 2, 0x340, 0, 0, ZARCH, PGM_SPECIFICATION },      /* subcode */
        { 0x9000, 0, 5, 2, 0x344, 0, 0, ZARCH, PGM_SPECIFICATION },      /* token misaligned */
        { 0x9000, 0, 5, 2, 0x340, PROB, 3, ZARCH, PGM_SPECIFICATION },   /* compare outside */
        { 0x9000, 0, 5, 2, 0x340, 0, 0, 0, PGM_SPECIFICATION },          /* not X'8000..' */
        { 0x9000, 1, 2, 2, 0x340, 0, 0, 0, PGM_SPECIFICATION },          /* cancel with token */
        { 0x9000, 0, 5, 2, 1 * MiB, 0, 0, ZARCH, PGM_ADDRESSING },       /* token outside */
        { 1 * MiB, 0, 5, 2, 0x340, 0, 0, ZARCH, PGM_ADDRESSING },        /* list outside */
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (bad[i].at < 1 * MiB)
            put_pfault(bad[i].at, bad[i].sub, bad[i].len, bad[i].ver, bad[i].token,
                       bad[i].sel, bad[i].cmp, bad[i].last);
        reg(2, bad[i].at);
        reg(4, 0x55);
        assert_int_equal(diag(2, 4, 0x258), bad[i].pgm);
        assert_int_equal(greg(4), 0x55);
        assert_int_equal(v->pf.on, 0);
    }
    /* The code halfword must be X'0258'. */
    put_pfault(0x9000, 0, 5, 2, 0x340, 0, 0, ZARCH);
    uint8_t c[2] = { 0x02, 0x50 };
    gstor_write(&vm->stor, 0x9000, c, 2);
    reg(2, 0x9000);
    assert_int_equal(diag(2, 4, 0x258), PGM_SPECIFICATION);
}

/* With the handshake on and the guest enabled, a fault on a page that is
 * not on a paging slot (host build: no pager) gives no init: nothing to
 * wait for.  The PSW and CR0 conditions are checked first. */
static void x258_no_init_without_page_in(void **state)
{
    uint64_t token = 0;
    put_pfault(0x9000, 0, 5, 2, 0x340, 0, 0, ZARCH);
    reg(2, 0x9000);
    assert_int_equal(diag(2, 4, 0x258), 0);
    v->sd.psw_mask = PSW_SUPER64 | 0x0100000000000000ULL;
    v->sd.gcr[0] |= 0x200;
    assert_int_equal(diag_pfault_init(v, 0x80000, &token), 0);
    uint64_t *pte = gstor_pte(&vm->stor, 0x80, 0);
    if (!pte) {
        gstor_real(&vm->stor, 0x80000, 1);
        pte = gstor_pte(&vm->stor, 0x80, 0);
    }
    assert_int_equal(diag_pfault_init(v, 0x80000, &token), 0);
    assert_int_equal(v->ext_pending, 0);
    assert_int_equal(v->pf.inits, 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(unknown_code_is_specification),
        T(x204_simplified_data_for_the_virtual_machine),
        T(x204_other_subcodes_formats_and_errors),
        T(x2fc_own_data_sized_then_stored),
        T(x2fc_all_guests_needs_class_b),
        T(x10_releases_pages_which_read_as_zeros),
        T(x10_bad_ranges_get_program_interruptions),
        T(problem_state_is_privileged_operation),
        T(class_not_allowed_is_specification),
        T(counters_per_row_and_user),
        T(table_rows_are_unique_and_complete),
        T(sdk_lists_the_table),
        T(docs_match_the_table),
        T(x00_stores_identification),
        T(x00_short_buffer_and_errors),
        T(x08_response_in_buffer),
        T(x08_several_commands_and_last_rc),
        T(x08_buffer_too_small_keeps_whole_lines),
        T(x08_response_to_console),
        T(x08_user_classes_apply),
        T(x08_ry_zero_is_cp_read),
        T(x08_errors),
        T(x0c_date_time_cpu),
        T(x270_formats_and_errors),
        T(x24_console_reader_and_none),
        T(x210_block),
        T(x44_and_x9c_end_the_slice),
        T(x5c_edits_by_emsg),
        T(set_emsg_errors),
        T(x60_and_x260),
        T(xb0_reipl_data),
        T(x288_expiry_runs_the_command_at_task_level),
        T(x288_reinit_change_cancel),
        T(x288_errors),
        T(x288_logoff_disarms),
        T(x308_set_store_load),
        T(x308_errors),
        T(x308_store_after_ipl),
        T(xdc_x318_and_query),
        T(x214_establish_cancel_and_cancel_all),
        T(x214_errors),
        T(x258_token_and_cancel),
        T(x258_errors),
        T(x258_no_init_without_page_in),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
