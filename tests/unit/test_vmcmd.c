/* The commands a user issues about their own virtual machine (cp/cmd:
 * vmcmd.c, display.c, store.c, qvirtual.c, msg.c, SEND CP in users.c),
 * run against a real struct vm logged on from a parsed directory, with
 * guest storage in host memory.  Every bad operand: its message, its rc,
 * and nothing changed. */
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
#include "cp/sys/system.h"
#include "cp/vm/logon.h"
#include "cp/vm/vdevs.h"
#include "lib/be.h"
#include "cp/vm/vspool.h"
#include "spool/format.h"
#include "tests/unit/fake_memdisk.h"
#include "lib/ebcdic.h"
#include "lib/tod.h"
#include "tests/unit/fakes.h"

#define MiB (1024ULL * 1024)
#define REAL (32 * MiB)         /* host stand-in for real storage */

extern char fake_console[64][256];
extern int fake_console_n;

static const char directory[] =
    "USER TESTG1 TESTG1 16M 64M G\n"
    " MACHINE Z 2\n"
    " CONSOLE 0009 3215 T OPERATOR\n"
    " SPOOL 000C 2540 READER *\n"
    "USER TESTG2 TESTG2 16M 16M G\n"
    " MACHINE Z 1\n"
    " CONSOLE 0009 3215 T TESTG1\n"
    " SPOOL 000C 2540 READER A\n"
    " SPOOL 000D 2540 PUNCH A\n"
    " SPOOL 000E 1403 A\n"
    "USER USER1 USER1 16M 16M G\n"
    " CONSOLE 0009 3215 T\n";

static uint8_t *real, *bitmap;
static struct vm *vm;

#define OUT_LINES 300
static char out[OUT_LINES][160];
static int nout;

static void capture(void *arg, const char *line)
{
    assert_true(nout < OUT_LINES);
    snprintf(out[nout++], sizeof out[0], "%s", line);
}

static struct cmd_user operator_user = { .userid = "OPERATOR", .classes = "ABCDEFG" };
static struct cmd_user user1 = { .userid = "USER1", .classes = "G" };

static int run_as(struct cmd_user *u, const char *line)
{
    struct cmd_ctx ctx = { .user = u, .write = capture };
    nout = 0;
    fake_console_n = 0;
    return cmd_execute(&ctx, line);
}

/* As TESTG1 itself, the way a logged-on user types a command. */
static int run(const char *line)
{
    return run_as(&vm->user, line);
}

static void expect_lines(const char *first, ...)
{
    va_list ap;
    va_start(ap, first);
    int i = 0;
    for (const char *want = first; want; want = va_arg(ap, const char *), i++) {
        if (i >= nout)
            fail_msg("line %d missing, wanted \"%s\"", i + 1, want);
        assert_string_equal(out[i], want);
    }
    va_end(ap);
    assert_int_equal(nout, i);
}

/* Each bad command: its rc, exactly its message, and unchanged() holds. */
struct refusal {
    const char *cmd;
    int rc;
    const char *msg;
};

static void refuse_all(const struct refusal *bad, size_t n, void (*unchanged)(void))
{
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(run(bad[i].cmd), bad[i].rc);
        expect_lines(bad[i].msg, NULL);
        unchanged();
    }
}

static struct memdisk *disk;

static struct vm *logon(const char *userid)
{
    char msg[160];
    struct vm *v = vm_logon(dir_find(&sysdir, userid), msg, sizeof msg);
    assert_non_null(v);
    return v;
}

static int setup(void **state)
{
    fakes_reset();
    real = calloc(1, REAL);
    bitmap = malloc(frames_bitmap_size(REAL));
    assert_non_null(real);
    assert_non_null(bitmap);
    real_base = real;
    frames_init(bitmap, REAL, 1 * MiB);
    assert_int_equal(dir_parse(&sysdir, directory, strlen(directory), NULL, NULL), 0);
    /* A spool on a memory disk: IPL decks are reader files. */
    disk = md_new(SPF_DATA_START + 256);
    assert_int_equal(spool_format(&disk->b), 0);
    memset(&sysspool, 0, sizeof sysspool);
    assert_true(spool_mount(&sysspool, &disk->b, NULL, NULL) >= 0);
    vm = logon("TESTG1");
    return 0;
}

static int teardown(void **state)
{
    for (int i = 0; i < VM_MAX; i++)
        if (vms[i].in_use)
            vm_destroy(&vms[i]);
    free(real);
    free(bitmap);
    memset(&sysspool, 0, sizeof sysspool);
    md_free(disk);
    return 0;
}

static void put(uint64_t addr, const void *b, size_t n)
{
    assert_int_equal(gstor_write(&vm->stor, addr, b, n), 0);
}

static uint32_t word_at(uint64_t addr)
{
    uint8_t b[4];
    assert_int_equal(gstor_read(&vm->stor, addr, b, 4), 0);
    return be32_get(b);
}

/* A card deck that IPLs: card 0 holds the IPL PSW (start at X'2000') and
 * one format-0 CCW reading card 1 to X'2000'. */
static void load_deck(uint16_t rdr, const char *text)
{
    uint8_t card[80] = { 0 };
    struct spool_attr a;
    memset(&a, 0, sizeof a);
    a.queue = a.origin_queue = SQ_RDR;
    a.cls = 'A';
    a.copies = 1;
    a.devtype = 0x3505;
    strcpy(a.owner, vm->userid);
    strcpy(a.origin, "OPERATOR");
    int id = spool_open(&sysspool, &a);
    assert_true(id > 0);
    be32_put(card, 0x00080000);
    be32_put(card + 4, 0x80002000);
    be32_put(card + 8, 0x02002000);     /* read, data address X'2000' */
    be32_put(card + 12, 0x00000050);    /* no flags, 80 bytes */
    assert_int_equal(spool_write(&sysspool, id, 0x02, card, 80), 0);
    memset(card, 0, sizeof card);
    ebcdic_from_ascii(card, text, strlen(text));
    assert_int_equal(spool_write(&sysspool, id, 0x02, card, 80), 0);
    assert_int_equal(spool_close(&sysspool, id), 0);
    (void)rdr;
}

/* ---- the operator has no virtual machine ------------------------------ */

static void operator_has_no_virtual_machine(void **state)
{
    static const char *cmds[] = { "Q V", "DEF STOR 32M", "DEF CPU 1", "SYSTEM RESET", "STOP",
                                  "BEGIN", "IPL 00C", "D PSW", "STORE G1 1" };
    for (unsigned i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        assert_int_equal(run_as(&operator_user, cmds[i]), 9002);
        expect_lines("HCPCMD9002E OPERATOR has no virtual machine", NULL);
    }
}

static void class_g_commands_need_class_g(void **state)
{
    struct cmd_user b = { .userid = "TESTG1", .classes = "B", .vm = vm };
    assert_int_equal(run_as(&b, "DISPLAY PSW"), 1);
    expect_lines("HCPCMD001E Unknown CP command: DISPLAY", NULL);
    assert_int_equal(run("MSGNOH OPERATOR hi"), 1);        /* class B */
    assert_int_equal(fake_console_n, 0);
}

/* ---- SEND CP ----------------------------------------------------------- */

static void send_cp_runs_as_the_user_and_answers_the_sender(void **state)
{
    assert_int_equal(run_as(&operator_user, "SEND CP TESTG1 QUERY VIRTUAL STORAGE"), 0);
    expect_lines("TESTG1  : STORAGE = 16M MAX = 64M INC = 1M STANDBY = 0 RESERVED = 0", NULL);
    /* The secondary user may, without class C. */
    struct cmd_user op_g = { .userid = "OPERATOR", .classes = "G" };
    assert_int_equal(run_as(&op_g, "send cp testg1 stop"), 0);
    expect_lines(NULL);
    assert_int_equal(vm->cp_stopped, 1);
    /* The command has the target's classes, not the sender's. */
    assert_int_equal(run_as(&operator_user, "SEND CP TESTG1 SHUTDOWN"), 1);
    expect_lines("TESTG1  : HCPCMD001E Unknown CP command: SHUTDOWN", NULL);
    assert_int_equal(fake_shutdown_calls, 0);
}

static void send_cp_refusals(void **state)
{
    assert_int_equal(run_as(&user1, "SEND CP TESTG1 STOP"), 1012);
    expect_lines("HCPSND1012E You are not the secondary user of TESTG1", NULL);
    assert_int_equal(vm->cp_stopped, 0);
    assert_int_equal(run_as(&operator_user, "SEND CP NOBODY Q V"), 45);
    expect_lines("HCPSND045E NOBODY not logged on", NULL);
    assert_int_equal(run_as(&operator_user, "SEND CP TESTG1"), 26);
    expect_lines("HCPCMD026E Operand missing or invalid", NULL);
    assert_int_equal(run_as(&operator_user, "SEND CP"), 26);
    /* TESTG1 is TESTG2's secondary user, but SEND CP inside SEND CP is refused. */
    struct vm *g2 = logon("TESTG2");
    assert_int_equal(run_as(&operator_user, "SEND CP TESTG1 SEND CP TESTG2 STOP"), 9240);
    expect_lines("TESTG1  : HCPSND9240E SEND CP cannot be nested", NULL);
    assert_int_equal(g2->cp_stopped, 0);
    assert_int_equal(run("SEND CP TESTG2 STOP"), 0);        /* TESTG1 itself may */
    assert_int_equal(g2->cp_stopped, 1);
}

/* ---- QUERY VIRTUAL, QUERY TIME ------------------------------------------ */

static void query_virtual_all_and_each_part(void **state)
{
    sys.cpuid = 0x0012345620648000ULL;
    assert_int_equal(run("Q V"), 0);
    expect_lines("STORAGE = 16M MAX = 64M INC = 1M STANDBY = 0 RESERVED = 0",
                 "CPU 00  ID  FF10345620648000 (BASE) STOPPED CP   CPUAFF ON",
                 "CONS 0009 DISCONNECTED   SECUSER OPERATOR",
                 "     0009 3215 SUBCHANNEL = 0000",
                 "RDR  000C CL * NOCONT NOHOLD EOF    READY",
                 "     000C 2540 CLOSED NOKEEP NORESCAN SUBCHANNEL = 0001", NULL);
    int n = nout;
    assert_int_equal(run("QUERY VIRTUAL ALL"), 0);
    assert_int_equal(nout, n);
    assert_int_equal(run("Q V STOR"), 0);
    expect_lines("STORAGE = 16M MAX = 64M INC = 1M STANDBY = 0 RESERVED = 0", NULL);
    vm->vcpu[0]->state = VCPU_RUNNING;
    assert_int_equal(run("Q V CPUS"), 0);
    expect_lines("CPU 00  ID  FF10345620648000 (BASE) CP   CPUAFF ON", NULL);
    assert_int_equal(run("Q V CONS"), 0);
    expect_lines("CONS 0009 DISCONNECTED   SECUSER OPERATOR", "     0009 3215 SUBCHANNEL = 0000", NULL);
    assert_int_equal(run("Q V RDR"), 0);
    assert_string_equal(out[0], "RDR  000C CL * NOCONT NOHOLD EOF    READY");
    assert_int_equal(run("Q V UR"), 0);
    assert_int_equal(nout, 2);
    assert_int_equal(run("Q V C"), 0);                      /* a vdev: 000C */
    assert_int_equal(nout, 2);
    assert_string_equal(out[1], "     000C 2540 CLOSED NOKEEP NORESCAN SUBCHANNEL = 0001");
    assert_int_equal(run("Q V DASD"), 0);
    expect_lines("HCPQVD9230I No virtual DASD devices", NULL);
}

/* Unit-record devices show their SPOOL options as z/VM lays them out
 * (qvirtual.c show_ur): KEEP, HOLD, CONT, MSG, NAME, TO, DIST, FORM, COPY. */
static void query_virtual_ur_shows_spool_options(void **state)
{
    struct vm *g2 = logon("TESTG2");
    assert_int_equal(run_as(&g2->user, "Q V UR"), 0);
    expect_lines("RDR  000C CL A NOCONT NOHOLD EOF    READY",
                 "     000C 2540 CLOSED NOKEEP NORESCAN SUBCHANNEL = 0001",
                 "PUN  000D CL A NOCONT NOHOLD COPY 001    READY FORM STANDARD",
                 "     000D TO SYSTEM   PUN DIST TESTG2   DEST OFF",
                 "     000D FLASH        CHAR       MDFY      0 FCB",
                 "     000D 2540 NOEOF CLOSED NOKEEP NOMSG NONAME",
                 "     000D SUBCHANNEL = 0002",
                 "PRT  000E CL A NOCONT NOHOLD COPY 001    READY FORM STANDARD",
                 "     000E TO SYSTEM   PRT DIST TESTG2   DEST OFF",
                 "     000E FLASH        CHAR       MDFY      0 FCB       LPP OFF",
                 "     000E 1403 NOEOF CLOSED NOKEEP NOMSG NONAME",
                 "     000E SUBCHANNEL = 0003", NULL);
    assert_int_equal(run_as(&g2->user, "SPOOL 00C KEEP HOLD CONT CLASS B"), 0);
    assert_int_equal(run_as(&g2->user, "Q V RDR"), 0);
    expect_lines("RDR  000C CL B   CONT   HOLD EOF    READY",
                 "     000C 2540 CLOSED KEEP NORESCAN SUBCHANNEL = 0001", NULL);
    assert_int_equal(run_as(&g2->user, "SPOOL 00D KEEP MSG COPY 3 TO TESTG1 FORM F1 DIST D1 NAME MY FILE"), 0);
    assert_int_equal(run_as(&g2->user, "Q V 00D"), 0);
    expect_lines("PUN  000D CL A NOCONT NOHOLD COPY 003    READY FORM F1",
                 "     000D TO TESTG1   RDR DIST D1       DEST OFF",
                 "     000D FLASH        CHAR       MDFY      0 FCB",
                 "     000D 2540 NOEOF CLOSED KEEP MSG NAME MY FILE",
                 "     000D SUBCHANNEL = 0002", NULL);
    assert_int_equal(run_as(&g2->user, "SPOOL 00D NOKEEP NOMSG"), 0);
    assert_int_equal(run_as(&g2->user, "Q V PUN"), 0);
    assert_string_equal(out[3], "     000D 2540 NOEOF CLOSED NOKEEP NOMSG NAME MY FILE");
    assert_int_equal(run_as(&g2->user, "Q V PRT"), 0);
    assert_string_equal(out[3], "     000E 1403 NOEOF CLOSED NOKEEP NOMSG NONAME");     /* its own options */
}

static void query_virtual_refusals(void **state)
{
    assert_int_equal(run("Q V 0123"), 40);
    expect_lines("HCPQVD040E Device 0123 does not exist", NULL);
    assert_int_equal(run("Q V FOO"), 3);
    expect_lines("HCPCMD003E Invalid option - FOO", NULL);
    assert_int_equal(run("Q V STOR X"), 3);
    expect_lines("HCPCMD003E Invalid option - X", NULL);
    assert_int_equal(run("Q V 12345"), 3);
}

static void query_time_counts_the_virtual_cpus(void **state)
{
    fake_tod = 100 * TOD_PER_SEC;
    vm->user.logon_tod = 40 * TOD_PER_SEC;
    vm->user.cp_time = 250 * TOD_PER_MS;
    vm->vcpu[0]->cputime = 61 * TOD_PER_SEC + 500 * TOD_PER_MS;
    assert_int_equal(run("DEF CPU 1"), 0);
    vm->vcpu[1]->cputime = 2 * TOD_PER_SEC;
    assert_int_equal(run("Q TIME"), 0);
    assert_int_equal(nout, 2);
    assert_string_equal(out[1], "CONNECT= 00:01:00 VIRTCPU= 001:03.50 TOTCPU= 001:03.75");
}

/* ---- DEFINE ----------------------------------------------------------------- */

static void define_storage_resets_and_gives_new_storage(void **state)
{
    put(0x2000, "\xC1\xC2", 2);
    vm->vcpu[0]->sd.psw_addr = 0x2000;
    vm->vcpu[0]->state = VCPU_RUNNING;
    assert_int_equal(run("DEFINE STORAGE 32M"), 0);
    expect_lines("STORAGE = 32M", NULL);
    assert_int_equal(vm->stor.size, 32 * MiB);
    assert_int_equal(vm->vcpu[0]->sd.mse, 32 * MiB - 1);
    assert_int_equal(vm->vcpu[0]->state, VCPU_STOPPED);
    assert_int_equal(vm->vcpu[0]->sd.psw_addr, 0);
    assert_int_equal(vm->cp_stopped, 1);
    assert_int_equal(word_at(0x2000), 0);
    assert_int_equal(run("DEF STOR AS 1500K"), 0);      /* rounded up to a megabyte */
    expect_lines("STORAGE = 2M", NULL);
    assert_int_equal(run("def stor 64m"), 0);           /* the directory's maximum */
    expect_lines("STORAGE = 64M", NULL);
}

static void define_storage_refusals_change_nothing_unchanged(void)
{
    assert_int_equal(vm->stor.size, 16 * MiB);
    assert_int_equal(word_at(0x2000), 0xC1C2C3C4);
    assert_int_equal(vm->cp_stopped, 0);
}

static void define_storage_refusals_change_nothing(void **state)
{
    put(0x2000, "\xC1\xC2\xC3\xC4", 4);
    static const struct refusal bad[] = {
        { "DEF STOR 65M",     91, "HCPDEF091E DEFINE exceeds directory maximum of 64M" },
        { "DEF STOR 1G",      91, "HCPDEF091E DEFINE exceeds directory maximum of 64M" },
        { "DEF STOR",         26, "HCPCMD026E Operand missing or invalid" },
        { "DEF STOR AS",      26, "HCPCMD026E Operand missing or invalid" },
        { "DEF STOR 0M",       2, "HCPCMD002E Invalid operand - 0M" },
        { "DEF STOR 32",       2, "HCPCMD002E Invalid operand - 32" },
        { "DEF STOR 3XM",      2, "HCPCMD002E Invalid operand - 3XM" },
        { "DEF STOR 32M X",    3, "HCPCMD003E Invalid option - X" },
        { "DEF FOO",           3, "HCPCMD003E Invalid option - FOO" },
        { "DEF",              26, "HCPCMD026E Operand missing or invalid" },
    };
    refuse_all(bad, sizeof bad / sizeof bad[0], define_storage_refusals_change_nothing_unchanged);
}

static void define_storage_beyond_what_zcp_gives(void **state)
{
    /* A directory may allow more than ZCP's 2G of guest storage. */
    ((struct dir_user *)dir_find(&sysdir, "TESTG1"))->maxstorage = 4ULL << 30;
    assert_int_equal(run("DEF STOR 3G"), 9211);
    expect_lines("HCPDEF9211E ZCP gives a guest at most 2G of storage", NULL);
    assert_int_equal(vm->stor.size, 16 * MiB);
}

static void define_cpu_adds_a_stopped_cpu_up_to_the_machine_limit(void **state)
{
    vm->vcpu[0]->state = VCPU_RUNNING;
    assert_int_equal(run("DEFINE CPU 01"), 0);
    expect_lines("CPU 01 defined", NULL);
    assert_int_equal(vm->nvcpu, 2);
    assert_int_equal(vm->vcpu[1]->cpuaddr, 1);
    assert_int_equal(vm->vcpu[1]->state, VCPU_STOPPED);
    assert_int_equal(vm->vcpu[0]->state, VCPU_RUNNING);     /* no reset */
    assert_int_equal(vm->vcpu[1]->sd.mse, 16 * MiB - 1);
    assert_int_equal(run("DEF CPU 01"), 1457);
    expect_lines("HCPDEF1457E CPU 01 already defined", NULL);
    assert_int_equal(run("DEF CPU 3"), 1458);
    expect_lines("HCPDEF1458E The maximum of 2 virtual CPUs is already defined", NULL);
    assert_int_equal(vm->nvcpu, 2);
}

static void define_cpu_beyond_what_zcp_gives(void **state)
{
    ((struct dir_user *)dir_find(&sysdir, "TESTG1"))->maxcpus = 8;
    assert_int_equal(run("DEF CPU 1"), 0);
    assert_int_equal(run("DEF CPU 2"), 0);
    assert_int_equal(run("DEF CPU 3F"), 0);
    expect_lines("CPU 3F defined", NULL);
    assert_int_equal(run("DEF CPU 4"), 9210);
    expect_lines("HCPDEF9210E ZCP has no room for another virtual CPU (at most 4 a user)", NULL);
    assert_int_equal(vm->nvcpu, 4);
}

static void define_cpu_refusals_unchanged(void)
{
    assert_int_equal(vm->nvcpu, 1);
}

static void define_cpu_refusals(void **state)
{
    static const struct refusal bad[] = {
        { "DEF CPU",       26, "HCPCMD026E Operand missing or invalid" },
        { "DEF CPU 40",     2, "HCPCMD002E Invalid operand - 40" },
        { "DEF CPU 001",    2, "HCPCMD002E Invalid operand - 001" },
        { "DEF CPU XY",     2, "HCPCMD002E Invalid operand - XY" },
        { "DEF CPU 1 2",    3, "HCPCMD003E Invalid option - 2" },
        { "DEF CPU 00",  1457, "HCPDEF1457E CPU 00 already defined" },
    };
    refuse_all(bad, sizeof bad / sizeof bad[0], define_cpu_refusals_unchanged);
}

/* ---- DETACH CPU ------------------------------------------------------------------ */

static void detach_cpu_removes_cpus_and_resets(void **state)
{
    ((struct dir_user *)dir_find(&sysdir, "TESTG1"))->maxcpus = 4;
    assert_int_equal(run("DEF CPU 1"), 0);
    assert_int_equal(run("DEF CPU 2"), 0);
    assert_int_equal(run("DEF CPU 3"), 0);
    for (int i = 0; i < vm->nvcpu; i++)
        vm->vcpu[i]->state = VCPU_RUNNING;
    vm->vcpu[0]->sd.psw_addr = 0x2000;
    struct vcpu *three = vm->vcpu[3];
    assert_int_equal(run("DETACH CPU 02 1"), 0);
    expect_lines("CPU 01 DETACHED", "CPU 02 DETACHED", NULL);
    assert_int_equal(vm->nvcpu, 2);
    assert_int_equal(vm->vcpu[0]->cpuaddr, 0);
    assert_ptr_equal(vm->vcpu[1], three);                   /* moved down */
    assert_null(vm->vcpu[2]);
    assert_int_equal(vm->vcpu[0]->state, VCPU_STOPPED);     /* system reset */
    assert_int_equal(vm->vcpu[1]->state, VCPU_STOPPED);
    assert_int_equal(vm->vcpu[0]->sd.psw_addr, 0);
    assert_true(vm->cp_stopped);
    assert_int_equal(run("DET CPU ALL"), 0);
    expect_lines("CPU 03 DETACHED", NULL);
    assert_int_equal(vm->nvcpu, 1);
    /* The pool slots come back: define and detach many times over. */
    for (int i = 0; i < 200; i++) {
        assert_int_equal(run("DEF CPU 3F"), 0);
        assert_int_equal(run("DET CPU 3F"), 0);
    }
    expect_lines("CPU 3F DETACHED", NULL);
    assert_int_equal(vm->nvcpu, 1);
}

static void detach_cpu_refusals_unchanged(void)
{
    assert_int_equal(vm->nvcpu, 2);
    assert_int_equal(vm->vcpu[1]->cpuaddr, 1);
    assert_int_equal(vm->vcpu[0]->state, VCPU_RUNNING);     /* no reset */
}

static void detach_cpu_refusals(void **state)
{
    assert_int_equal(run("DEF CPU 01"), 0);
    vm->vcpu[0]->state = VCPU_RUNNING;
    static const struct refusal bad[] = {
        { "DETACH CPU",          26, "HCPCMD026E Operand missing or invalid" },
        { "DETACH CPU XY",        2, "HCPCMD002E Invalid operand - XY" },
        { "DETACH CPU 40",        2, "HCPCMD002E Invalid operand - 40" },
        { "DETACH CPU 001",       2, "HCPCMD002E Invalid operand - 001" },
        { "DETACH CPU 05",     9214, "HCPDTV9214E CPU 05 does not exist" },
        { "DETACH CPU 1 5",    9214, "HCPDTV9214E CPU 05 does not exist" },
        { "DETACH CPU 00",     9215, "HCPDTV9215E CPU 00 is the base CPU; it cannot be detached" },
        { "DETACH CPU 1 0",    9215, "HCPDTV9215E CPU 00 is the base CPU; it cannot be detached" },
        { "DETACH CPU ALL 1",     3, "HCPCMD003E Invalid option - 1" },
    };
    refuse_all(bad, sizeof bad / sizeof bad[0], detach_cpu_refusals_unchanged);
    assert_int_equal(run("DETACH CPU 1"), 0);
    vm->vcpu[0]->state = VCPU_RUNNING;
    assert_int_equal(run("DETACH CPU ALL"), 9216);
    expect_lines("HCPDTV9216E No CPU but the base CPU is defined", NULL);
    assert_int_equal(vm->vcpu[0]->state, VCPU_RUNNING);
}

/* ---- SYSTEM, STOP, BEGIN ------------------------------------------------------ */

static void system_reset_and_clear(void **state)
{
    struct vcpu *v = vm->vcpu[0];
    put(0x2000, "\x12\x34\x56\x78", 4);
    v->sd.psw_mask = 0x0706000180000000ULL;
    v->sd.psw_addr = 0x2000;
    v->state = VCPU_RUNNING;
    vcpu_set_gpr(v, 3, 7);
    assert_int_equal(run("SYSTEM RESET"), 0);
    expect_lines("System reset.", NULL);
    assert_int_equal(v->state, VCPU_STOPPED);
    assert_int_equal(v->sd.psw_mask, 0);
    assert_int_equal(vcpu_gpr(v, 3), 0);
    assert_int_equal(vm->cp_stopped, 1);
    assert_int_equal(word_at(0x2000), 0x12345678);       /* RESET keeps storage */
    assert_int_equal(run("SYS CLEAR"), 0);
    expect_lines("Storage cleared - system reset.", NULL);
    assert_int_equal(word_at(0x2000), 0);
    assert_int_equal(vm->stor.size, 16 * MiB);
}

static void system_restart_takes_a_restart_interruption(void **state)
{
    struct vcpu *v = vm->vcpu[0];
    uint8_t newpsw[16];
    be64_put(newpsw, 0x0000000180000000ULL);
    be64_put(newpsw + 8, 0x3000);
    put(0x1A0, newpsw, 16);
    v->sd.psw_mask = 0x0706000180000000ULL;
    v->sd.psw_addr = 0x2468;
    vm->cp_stopped = 1;
    assert_int_equal(run("SYSTEM RESTART"), 0);
    expect_lines(NULL);
    assert_int_equal(v->sd.psw_addr, 0x3000);
    assert_int_equal(v->state, VCPU_RUNNING);
    assert_int_equal(vm->cp_stopped, 0);
    assert_int_equal(word_at(0x120), 0x07060001);
    assert_int_equal(word_at(0x12C), 0x2468);
}

static void system_refusals_unchanged(void)
{
    assert_int_equal(vm->vcpu[0]->state, VCPU_RUNNING);
    assert_int_equal(vm->cp_stopped, 0);
}

static void system_refusals(void **state)
{
    vm->vcpu[0]->state = VCPU_RUNNING;
    static const struct refusal bad[] = {
        { "SYSTEM",           26, "HCPCMD026E Operand missing or invalid" },
        { "SYSTEM FOO",        3, "HCPCMD003E Invalid option - FOO" },
        { "SYSTEM RES",        3, "HCPCMD003E Invalid option - RES" },
        { "SYSTEM RESET X",    3, "HCPCMD003E Invalid option - X" },
        { "SYSTEM CLEAR NOW",  3, "HCPCMD003E Invalid option - NOW" },
        { "SYSTEM RESTART 1",  3, "HCPCMD003E Invalid option - 1" },
        { "SY RESET",          1, "HCPCMD001E Unknown CP command: SY" },
    };
    refuse_all(bad, sizeof bad / sizeof bad[0], system_refusals_unchanged);
}

static void stop_holds_the_machine_and_begin_lets_it_go(void **state)
{
    struct vcpu *v = vm->vcpu[0];
    v->state = VCPU_RUNNING;
    v->sd.psw_mask = 0x0000000180000000ULL;
    v->sd.psw_addr = 0x2000;
    assert_int_equal(run("STOP"), 0);
    expect_lines(NULL);
    assert_int_equal(vm->cp_stopped, 1);
    assert_int_equal(v->state, VCPU_RUNNING);               /* kept for BEGIN */
    assert_int_equal(run("STOP X"), 3);
    assert_int_equal(run("BEGIN X Y"), 3);
    expect_lines("HCPCMD003E Invalid option - Y", NULL);
    assert_int_equal(run("B XYZ"), 2);
    expect_lines("HCPCMD002E Invalid operand - XYZ", NULL);
    assert_int_equal(run("BEGIN 1000000"), 160);
    expect_lines("HCPBEG160E Hexloc 1000000 exceeds storage", NULL);
    assert_int_equal(vm->cp_stopped, 1);
    assert_int_equal(v->sd.psw_addr, 0x2000);
    assert_int_equal(run("BEGIN"), 0);
    expect_lines(NULL);
    assert_int_equal(vm->cp_stopped, 0);
    assert_int_equal(v->sd.psw_addr, 0x2000);
    vm->cp_stopped = 1;
    assert_int_equal(run("BEGIN 3000"), 0);
    assert_int_equal(v->sd.psw_addr, 0x3000);
    assert_int_equal(v->state, VCPU_RUNNING);
}

static void begin_after_a_reset_starts_the_base_cpu_only(void **state)
{
    assert_int_equal(run("DEF CPU 1"), 0);
    assert_int_equal(run("SYSTEM RESET"), 0);
    assert_int_equal(run("BEGIN 2000"), 0);
    assert_int_equal(vm->vcpu[0]->state, VCPU_RUNNING);
    assert_int_equal(vm->vcpu[1]->state, VCPU_STOPPED);
    /* A disabled wait PSW stays halted. */
    vm->vcpu[0]->sd.psw_mask = 0x0002000180000000ULL;
    vm->vcpu[0]->state = VCPU_HALTED;
    assert_int_equal(run("BEGIN"), 0);
    assert_int_equal(vm->vcpu[0]->state, VCPU_HALTED);
}

/* ---- IPL ---------------------------------------------------------------------- */

static void ipl_loads_and_starts_the_guest(void **state)
{
    load_deck(0x00C, "HELLO");
    vm->cp_stopped = 1;
    assert_int_equal(run("IPL 00C PARM Hello World"), 0);
    expect_lines(NULL);
    struct vcpu *v = vm->vcpu[0];
    assert_int_equal(v->state, VCPU_RUNNING);
    assert_int_equal(v->sd.psw_addr, 0x2000);
    assert_int_equal(vm->cp_stopped, 0);
    assert_int_equal(word_at(0x2000), 0xC8C5D3D3);           /* "HELL" */
    assert_int_equal(vcpu_gpr(v, 0), 0xC8859393);           /* "Hell": case kept */
    assert_string_equal(vm->ipl_parm, "Hello World");
    /* STOP: loaded, but held in CP.  The reader still holds the file it
     * IPLed from (a reset rewinds it), so the same deck loads again. */
    assert_int_equal(gstor_zero(&vm->stor, 0x2000, 4), 0);
    assert_int_equal(run("I C STOP"), 0);          /* I: IPL, as on z/VM */
    assert_int_equal(vm->cp_stopped, 1);
    assert_int_equal(word_at(0x2000), 0xC8C5D3D3);
}

/* A file read to its end is purged; a KEEP file is kept and put in user
 * hold (z/VM), so the reader goes on to the next file; CHANGE ... NOHOLD
 * offers it again (Linux's reader IPL code re-IPLs that way). */
static void reader_keep_holds_the_file_it_read(void **state)
{
    load_deck(0x00C, "ONE");
    load_deck(0x00C, "TWO");
    struct spoolfile *f1 = spool_next_in_queue(&sysspool, SQ_RDR, vm->userid, 0);
    struct spoolfile *f2 = spool_next_in_queue(&sysspool, SQ_RDR, vm->userid, f1->order);
    int id1 = f1->id, id2 = f2->id;
    assert_int_equal(run("CHANGE RDR ALL KEEP"), 0);
    struct vdev *d = vm_vdev(vm, 0x000C);
    uint8_t buf[80];
    uint32_t resid;
    for (int i = 0; i < 2; i++)
        assert_int_equal(d->ops->ccw(d, 0x02, buf, 80, &resid), 0);
    assert_int_equal(d->ops->ccw(d, 0x02, buf, 80, &resid), DEV_UX);
    assert_non_null(spool_file(&sysspool, id1));
    assert_true(spool_file(&sysspool, id1)->a.flags & SF_HOLD);
    /* The next read takes the second file, not the first again. */
    assert_int_equal(d->ops->ccw(d, 0x02, buf, 80, &resid), 0);
    assert_int_equal(d->ops->ccw(d, 0x02, buf, 80, &resid), 0);
    assert_memory_equal(buf, "\xE3\xE6\xD6", 3);                  /* TWO */
    assert_int_equal(d->ops->ccw(d, 0x02, buf, 80, &resid), DEV_UX);
    assert_true(spool_file(&sysspool, id2)->a.flags & SF_HOLD);
    /* Both held: the reader is empty until CHANGE NOHOLD. */
    assert_int_equal(d->ops->ccw(d, 0x02, buf, 80, &resid), DEV_UC);
    assert_int_equal(run("CHANGE RDR ALL NOKEEP NOHOLD"), 0);
    assert_int_equal(d->ops->ccw(d, 0x02, buf, 80, &resid), 0);
    assert_int_equal(d->ops->ccw(d, 0x02, buf, 80, &resid), 0);
    assert_memory_equal(buf, "\xD6\xD5\xC5", 3);                  /* ONE */
    assert_int_equal(d->ops->ccw(d, 0x02, buf, 80, &resid), DEV_UX);
    assert_null(spool_file(&sysspool, id1));                        /* NOKEEP: purged */
}

static void ipl_refusals_unchanged(void)
{
    assert_int_equal(word_at(0x2000), 0x11223344);
    assert_int_equal(vm->cp_stopped, 0);
}

static void ipl_refusals(void **state)
{
    put(0x2000, "\x11\x22\x33\x44", 4);
    static const struct refusal bad[] = {
        { "IPL",             26, "HCPCMD026E Operand missing or invalid" },
        { "IPL 00D",         40, "HCPIPL040E Device 000D does not exist" },
        { "IPL CMS",         40, "HCPIPL040E Device 0190 does not exist" },   /* IPL CMS is IPL 0190 */
        { "IPL CMX",          2, "HCPCMD002E Invalid operand - CMX" },
        { "IPL 00C FOO",      3, "HCPCMD003E Invalid option - FOO" },
        { "IPL 00C PARM",    26, "HCPCMD026E Operand missing or invalid" },
        { "IPL 00C CLEAR PARM 12345678901234567890123456789012345678901234567890123456789012345",
          9203, "HCPIPL9203E IPL PARM text is longer than 64 characters" },
    };
    refuse_all(bad, sizeof bad / sizeof bad[0], ipl_refusals_unchanged);
    /* An empty reader: the machine was reset (and cleared), the IPL fails, CP holds it. */
    assert_int_equal(run("IPL 00C CLEAR"), 3221);
    assert_int_equal(nout, 1);
    assert_memory_equal(out[0], "HCPIPL3221E Device 000C IPL failed", 34);
    assert_int_equal(word_at(0x2000), 0);
    assert_int_equal(vm->cp_stopped, 1);
}

/* ---- DISPLAY -------------------------------------------------------------------- */

static void display_psw_and_registers(void **state)
{
    struct vcpu *v = vm->vcpu[0];
    v->sd.psw_mask = 0x0706000180000000ULL;
    v->sd.psw_addr = 0x12345678ULL;
    for (int r = 0; r < 16; r++)
        vcpu_set_gpr(v, r, 0x1111111111111111ULL * (uint64_t)r);
    assert_int_equal(run("DISPLAY PSW"), 0);
    expect_lines("PSW = 07060001 80000000 00000000 12345678", NULL);
    assert_int_equal(run("D G"), 0);
    assert_int_equal(nout, 8);
    assert_string_equal(out[0], "GRG  0 =  0000000000000000  1111111111111111");
    assert_string_equal(out[7], "GRG 14 =  EEEEEEEEEEEEEEEE  FFFFFFFFFFFFFFFF");
    assert_int_equal(run("D G5"), 0);
    expect_lines("GRG  5 =  5555555555555555", NULL);
    assert_int_equal(run("D GB-13"), 0);
    expect_lines("GRG 11 =  BBBBBBBBBBBBBBBB  CCCCCCCCCCCCCCCC", "GRG 13 =  DDDDDDDDDDDDDDDD", NULL);
    assert_int_equal(run("D C0 PSW"), 0);
    expect_lines("CRG  0 =  00000000000000E0", "PSW = 07060001 80000000 00000000 12345678", NULL);
    assert_int_equal(run("D C14:15"), 0);
    expect_lines("CRG 14 =  00000000C2000000  0000000000000000", NULL);
}

static void display_storage_hex_and_text(void **state)
{
    uint8_t b[20];
    ebcdic_from_ascii(b, "ZCP VMCMDS test!1234", 20);
    put(0x2000, b, 20);
    assert_int_equal(run("D 2000"), 0);
    expect_lines("R0000000000002000  E9C3D740", NULL);
    assert_int_equal(run("D L2002-2009"), 0);
    expect_lines("R0000000000002000  E9C3D740 E5D4C3D4 C4E240A3", NULL);
    assert_int_equal(run("D T2004.10"), 0);
    expect_lines("R0000000000002000  E9C3D740 E5D4C3D4 C4E240A3 85A2A35A  *ZCP VMCMDS test!*",
                 "R0000000000002010  F1F2F3F4 00000000 00000000 00000000  *1234............*", NULL);
    assert_int_equal(run("D R200C:2013"), 0);
    expect_lines("R000000000000200C  85A2A35A", "R0000000000002010  F1F2F3F4", NULL);
}

static void display_leaves_out_repeated_lines(void **state)
{
    put(0x10, "\x01", 1);
    assert_int_equal(run("D 0-FFFF"), 0);
    expect_lines("R0000000000000000  00000000 00000000 00000000 00000000",
                 "R0000000000000010  01000000 00000000 00000000 00000000",
                 "R0000000000000020  00000000 00000000 00000000 00000000",
                 "R0000000000000030 TO 000000000000FFFF SUPPRESSED LINE(S) SAME AS ABOVE ...", NULL);
    /* The whole of a 16M guest, most of it never touched: quick, and short. */
    assert_int_equal(run("D T0-END"), 0);
    assert_int_equal(nout, 4);
    assert_string_equal(out[3],
                        "R0000000000000030 TO 0000000000FFFFFF SUPPRESSED LINE(S) SAME AS ABOVE ...");
}

static void display_uses_the_prefix(void **state)
{
    put(0x6000, "\xAB", 1);
    vm->vcpu[0]->sd.prefix = 0x6000;
    assert_int_equal(run("D 0"), 0);
    expect_lines("R0000000000000000  AB000000", NULL);
}

static void display_refusals_unchanged(void)
{
    assert_int_equal(vm->cp_stopped, 0);        /* DISPLAY only looks */
}

static void display_refusals(void **state)
{
    static const struct refusal bad[] = {
        { "D",               26, "HCPCMD026E Operand missing or invalid" },
        { "D 1000000",      160, "HCPDSP160E Hexloc 1000000 exceeds storage" },
        { "D T2000-1000",     9, "HCPDSP009E Invalid range - T2000-1000" },
        { "D 2000.0",         9, "HCPDSP009E Invalid range - 2000.0" },
        { "D 2000.",          2, "HCPCMD002E Invalid operand - 2000." },
        { "D 2000-XYZ",       2, "HCPCMD002E Invalid operand - 2000-XYZ" },
        { "D XYZ",            2, "HCPCMD002E Invalid operand - XYZ" },
        { "D 12345678901234567", 2, "HCPCMD002E Invalid operand - 12345678901234567" },
        { "D G16",            2, "HCPCMD002E Invalid operand - G16" },
        { "D G5-2",           9, "HCPCMD009E Invalid range - G5-2" },
        { "D G5-",            2, "HCPCMD002E Invalid operand - G5-" },
        { "D CAFE",           2, "HCPCMD002E Invalid operand - CAFE" },
        { "D K0",          9220, "HCPDSP9220E Storage keys of guest storage cannot be displayed yet" },
    };
    refuse_all(bad, sizeof bad / sizeof bad[0], display_refusals_unchanged);
    /* Past the end: what there is, then the message. */
    assert_int_equal(run("D FFFFF8-1000007"), 160);
    expect_lines("R0000000000FFFFF8  00000000 00000000", "HCPDSP160E Hexloc 1000000 exceeds storage",
                 NULL);
    /* Operands before a bad one are shown. */
    assert_int_equal(run("D G0 G99"), 2);
    assert_int_equal(nout, 2);
}

/* ---- STORE ----------------------------------------------------------------------- */

static void store_psw_registers_and_storage(void **state)
{
    struct vcpu *v = vm->vcpu[0];
    v->sd.psw_mask = 0x0706000180000000ULL;
    assert_int_equal(run("STORE PSW 2000"), 0);
    expect_lines("Store complete.", NULL);
    assert_int_equal(v->sd.psw_mask, 0x0706000180000000ULL);
    assert_int_equal(v->sd.psw_addr, 0x2000);
    assert_int_equal(run("ST PSW 00000001 80000000 0 3000"), 0);
    assert_int_equal(v->sd.psw_mask, 0x0000000180000000ULL);
    assert_int_equal(v->sd.psw_addr, 0x3000);
    assert_int_equal(run("STORE G5 123456789ABCDEF0"), 0);
    assert_int_equal(vcpu_gpr(v, 5), 0x123456789ABCDEF0ULL);
    assert_int_equal(run("STORE G14 E F"), 0);            /* r14, r15 live in the SIE block */
    assert_int_equal(v->sd.gg14, 0xE);
    assert_int_equal(v->sd.gg15, 0xF);
    assert_int_equal(run("STORE C0 0"), 0);
    assert_int_equal(v->sd.gcr[0], 0);
    assert_int_equal(run("STORE 2000 C1C2C3C4 5 678"), 0);
    assert_int_equal(word_at(0x2000), 0xC1C2C3C4);
    assert_int_equal(word_at(0x2004), 0x05067800);
    assert_int_equal(run("STORE R2FFE 11223344"), 0);        /* across a page */
    assert_int_equal(word_at(0x2FFE), 0x11223344);
    /* Prefixing: real 0 is the prefix area. */
    v->sd.prefix = 0x6000;
    assert_int_equal(run("STORE L0 AB"), 0);
    assert_int_equal(word_at(0x6000) >> 24, 0xAB);
}

static void store_refusals_store_nothing_unchanged(void)
{
    struct vcpu *v = vm->vcpu[0];
    assert_int_equal(v->sd.psw_mask | v->sd.psw_addr, 0);
    for (int r = 0; r < 16; r++)
        assert_int_equal(vcpu_gpr(v, r), 0);
    assert_int_equal(word_at(0xFFFFF0), 0x55555555);
    assert_int_equal(word_at(0xFFFFFC), 0);
}

static void store_refusals_store_nothing(void **state)
{
    put(0xFFFFF0, "\x55\x55\x55\x55", 4);
    static const struct refusal bad[] = {
        { "STORE",                   26, "HCPCMD026E Operand missing or invalid" },
        { "STORE PSW",               26, "HCPCMD026E Operand missing or invalid" },
        { "STORE PSW 1 2 3 4 5",      3, "HCPCMD003E Invalid option - 5" },
        { "STORE PSW 123456789",      2, "HCPCMD002E Invalid operand - 123456789" },
        { "STORE PSW 1 XYZ",          2, "HCPCMD002E Invalid operand - XYZ" },
        { "STORE G5",                26, "HCPCMD026E Operand missing or invalid" },
        { "STORE G",                  2, "HCPCMD002E Invalid operand - G" },
        { "STORE G1-3 1",             2, "HCPCMD002E Invalid operand - G1-3" },
        { "STORE G16 1",              2, "HCPCMD002E Invalid operand - G16" },
        { "STORE G15 1 2",            3, "HCPCMD003E Invalid option - 2" },
        { "STORE G5 12345678901234567", 2, "HCPCMD002E Invalid operand - 12345678901234567" },
        { "STORE FFFFF0",            26, "HCPCMD026E Operand missing or invalid" },
        { "STORE FFFFF0 1 XYZ",       2, "HCPCMD002E Invalid operand - XYZ" },
        { "STORE FFFFFE 11223344",  160, "HCPSTO160E Hexloc 1000000 exceeds storage" },
        { "STORE 1000000 1",        160, "HCPSTO160E Hexloc 1000000 exceeds storage" },
        { "STORE XYZ 1",              2, "HCPCMD002E Invalid operand - XYZ" },
    };
    refuse_all(bad, sizeof bad / sizeof bad[0], store_refusals_store_nothing_unchanged);
}

/* ---- MESSAGE, MSGNOH --------------------------------------------------------------- */

static void messages_reach_users_with_the_header(void **state)
{
    assert_int_equal(run("MSG OPERATOR Hello,  Operator"), 0);
    expect_lines(NULL);
    assert_int_equal(fake_console_n, 1);
    assert_string_equal(fake_console[0], "->OPERATOR: MSG FROM TESTG1  : Hello,  Operator");
    assert_int_equal(run_as(&operator_user, "M testg1 hi"), 0);
    assert_string_equal(fake_console[0], "->TESTG1: MSG FROM OPERATOR: hi");
    assert_int_equal(run("MESSAGE * to me"), 0);
    assert_string_equal(fake_console[0], "->TESTG1: MSG FROM TESTG1  : to me");
    assert_int_equal(run_as(&operator_user, "MSGNOH TESTG1 just this"), 0);
    assert_string_equal(fake_console[0], "->TESTG1: just this");
    logon("TESTG2");
    assert_int_equal(run_as(&operator_user, "MSG ALL everyone"), 0);
    assert_int_equal(fake_console_n, 3);
    assert_string_equal(fake_console[0], "->OPERATOR: MSG FROM OPERATOR: everyone");
    assert_string_equal(fake_console[1], "->TESTG1: MSG FROM OPERATOR: everyone");
    assert_string_equal(fake_console[2], "->TESTG2: MSG FROM OPERATOR: everyone");
}

static void message_refusals_unchanged(void)
{
    assert_int_equal(fake_console_n, 0);
}

static void message_refusals(void **state)
{
    static const struct refusal bad[] = {
        { "MSG NOBODY hi",   45, "HCPMSG045E NOBODY not logged on" },
        { "MSG USER1 hi",    45, "HCPMSG045E USER1 not logged on" },
        { "MSG ALL hi",      45, "HCPMSG045E ALL not logged on" },     /* ALL is class A, B */
        { "MSG",             20, "HCPMSG020E Userid missing or invalid" },
        { "MSG OPERATOR",    26, "HCPCMD026E Operand missing or invalid" },
        { "MS OPERATOR hi",   1, "HCPCMD001E Unknown CP command: MS" },
    };
    refuse_all(bad, sizeof bad / sizeof bad[0], message_refusals_unchanged);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(operator_has_no_virtual_machine),
        T(class_g_commands_need_class_g),
        T(send_cp_runs_as_the_user_and_answers_the_sender),
        T(send_cp_refusals),
        T(query_virtual_all_and_each_part),
        T(query_virtual_ur_shows_spool_options),
        T(query_virtual_refusals),
        T(query_time_counts_the_virtual_cpus),
        T(define_storage_resets_and_gives_new_storage),
        T(define_storage_refusals_change_nothing),
        T(define_storage_beyond_what_zcp_gives),
        T(define_cpu_adds_a_stopped_cpu_up_to_the_machine_limit),
        T(define_cpu_refusals),
        T(define_cpu_beyond_what_zcp_gives),
        T(detach_cpu_removes_cpus_and_resets),
        T(detach_cpu_refusals),
        T(system_reset_and_clear),
        T(system_restart_takes_a_restart_interruption),
        T(system_refusals),
        T(stop_holds_the_machine_and_begin_lets_it_go),
        T(begin_after_a_reset_starts_the_base_cpu_only),
        T(ipl_loads_and_starts_the_guest),
        T(reader_keep_holds_the_file_it_read),
        T(ipl_refusals),
        T(display_psw_and_registers),
        T(display_storage_hex_and_text),
        T(display_leaves_out_repeated_lines),
        T(display_uses_the_prefix),
        T(display_refusals),
        T(store_psw_registers_and_storage),
        T(store_refusals_store_nothing),
        T(messages_reach_users_with_the_header),
        T(message_refusals),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
