/* SIGP between the vCPUs of one virtual machine (cp/vm/instr.c), on the
 * host: the orders' effects and status, store status's save area, and the
 * busy answer for a target whose intercept CP has not handled yet (several
 * real CPUs: cp/sched/dispatch.c's locking rule). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/mm/frames.h"
#include "cp/vm/intercept.h"
#include "cp/vm/sie.h"
#include "cp/vm/vm.h"
#include "lib/be.h"
#include "tests/unit/fakes.h"

#define MiB (1024ULL * 1024)
#define REAL (64 * MiB)
#define PSW_64 0x0000000180000000ULL

static uint8_t *bitmap;
static struct vm *vm;
static struct vcpu *v0, *v1;

static int setup(void **state)
{
    fakes_reset();
    real_base = aligned_alloc(4096, REAL);
    bitmap = malloc(frames_bitmap_size(REAL));
    frames_init(bitmap, REAL, 1 * MiB);
    vm = vm_create("TESTVM", 16 * MiB, 2);
    assert_non_null(vm);
    v0 = vm->vcpu[0];
    v1 = vm->vcpu[1];
    v0->state = VCPU_RUNNING;
    v0->sd.psw_mask = PSW_64;
    v0->sd.psw_addr = 0x10004;
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

/* SIGP 2,4,order(0): status in GR2, parameter in GR3, CPU address in GR4. */
static int sigp(struct vcpu *t, uint8_t order, uint64_t parm, uint32_t *status)
{
    v0->sd.icptcode = ICPT_INST;
    v0->sd.ipa = 0xAE24;
    v0->sd.ipb = (uint32_t)order << 16;         /* B2 = 0, D2 = order */
    vcpu_set_gpr(v0, 2, 0xFFFFFFFF00000000ULL);
    vcpu_set_gpr(v0, 3, parm);
    vcpu_set_gpr(v0, 4, t ? t->cpuaddr : 7);
    intercept_handle(v0);
    if (status)
        *status = (uint32_t)vcpu_gpr(v0, 2);
    return (int)(v0->sd.psw_mask >> 44) & 3;
}

static uint64_t get64(uint64_t abs)
{
    uint8_t b[8];
    assert_int_equal(gstor_read(&vm->stor, abs, b, 8), 0);
    return be64_get(b);
}

static uint32_t get32(uint64_t abs)
{
    uint8_t b[4];
    assert_int_equal(gstor_read(&vm->stor, abs, b, 4), 0);
    return be32_get(b);
}

static void orders_change_the_target(void **state)
{
    uint32_t st;
    assert_int_equal(sigp(v1, 0x01, 0, &st), 1);            /* sense: stopped */
    assert_int_equal(st, 0x40);
    assert_int_equal(sigp(v1, 0x0D, 0x4000, 0), 0);         /* set prefix */
    assert_int_equal(v1->sd.prefix, 0x4000);
    assert_int_equal(sigp(v1, 0x0D, 0x7FFFE000, &st), 1);   /* beyond 16M */
    assert_int_equal(st, 0x100);
    uint8_t psw[16];
    be64_put(psw, PSW_64);
    be64_put(psw + 8, 0x20000);
    gstor_write(&vm->stor, 0x4000 + 0x1A0, psw, 16);
    assert_int_equal(sigp(v1, 0x06, 0, 0), 0);              /* restart */
    assert_int_equal(v1->state, VCPU_RUNNING);
    assert_int_equal(v1->sd.psw_addr, 0x20000);
    assert_int_equal(sigp(v1, 0x01, 0, 0), 0);              /* sense: running */
    assert_int_equal(sigp(v1, 0x0D, 0x6000, &st), 1);       /* set prefix: running */
    assert_int_equal(st, 0x200);
    assert_int_equal(sigp(v1, 0x0E, 0x8000, &st), 1);       /* store status: running */
    assert_int_equal(st, 0x200);
    assert_int_equal(sigp(v1, 0x05, 0, 0), 0);              /* stop */
    assert_int_equal(v1->state, VCPU_STOPPED);
    assert_int_equal(sigp(v1, 0x04, 0, 0), 0);              /* start */
    assert_int_equal(v1->state, VCPU_RUNNING);
    assert_int_equal(sigp(0, 0x01, 0, 0), 3);               /* no CPU 07 */
    assert_int_equal(sigp(v1, 0x1F, 0, &st), 1);            /* no such order */
    assert_int_equal(st, 0x02);
}

static void store_status_save_area(void **state)
{
    v1->state = VCPU_RUNNING;
    v1->sd.prefix = 0x4000;
    v1->sd.psw_mask = PSW_64;
    v1->sd.psw_addr = 0x23456;
    v1->sd.gcr[0] = 0x60E0;
    v1->sd.cputm = 0x1122334455667788ULL;
    v1->sd.ckc = 0xAABBCCDDEEFF0011ULL;
    v1->gpr[3] = 0x333;
    v1->sd.gg15 = 0xF15;
    v1->fpr[2] = 0xF2;
    v1->fpc = 0xFC;
    v1->acr[5] = 0xA5;
    assert_int_equal(sigp(v1, 0x09, 0, 0), 0);              /* stop and store status */
    assert_int_equal(v1->state, VCPU_STOPPED);
    assert_int_equal(get64(0x1300), PSW_64);
    assert_int_equal(get64(0x1308), 0x23456);
    assert_int_equal(get32(0x1318), 0x4000);
    assert_int_equal(get32(0x131C), 0xFC);
    assert_int_equal(get64(0x1200 + 2 * 8), 0xF2);
    assert_int_equal(get64(0x1280 + 3 * 8), 0x333);
    assert_int_equal(get64(0x1280 + 15 * 8), 0xF15);
    assert_int_equal(get64(0x1328), 0x1122334455667788ULL);
    assert_int_equal(get64(0x1330), 0x00AABBCCDDEEFF00ULL);  /* bits 0-55 at X'1331' */
    assert_int_equal(get32(0x1340 + 5 * 4), 0xA5);
    assert_int_equal(get64(0x1380), 0x60E0);
    uint8_t mode;
    gstor_read(&vm->stor, 0xA3, &mode, 1);
    assert_int_equal(mode, 1);
    /* At an address: the same area, 512-byte aligned (low bits ignored). */
    assert_int_equal(sigp(v1, 0x0E, 0x8000 + 0x1FF, 0), 0);
    assert_int_equal(get64(0x8000 + 0x108), 0x23456);
    assert_int_equal(get32(0x8000 + 0x118), 0x4000);
    uint32_t st;
    assert_int_equal(sigp(v1, 0x0E, 0x7FFFFE00, &st), 1);   /* beyond storage */
    assert_int_equal(st, 0x100);
}

/* Handed back by another real CPU, its intercept not handled yet: busy for
 * orders that change it, answered for those that do not. */
static void busy_while_a_handoff_is_pending(void **state)
{
    v1->state = VCPU_RUNNING;
    v1->handoff = 1;
    uint64_t before = v1->sd.psw_addr;
    assert_int_equal(sigp(v1, 0x05, 0, 0), 2);
    assert_int_equal(sigp(v1, 0x06, 0, 0), 2);
    assert_int_equal(sigp(v1, 0x0B, 0, 0), 2);
    assert_int_equal(v1->state, VCPU_RUNNING);
    assert_int_equal(v1->sd.psw_addr, before);
    assert_int_equal(vm->held, 0);                          /* released again */
    assert_int_equal(sigp(v1, 0x01, 0, 0), 0);              /* sense */
    assert_int_equal(sigp(v1, 0x03, 0, 0), 0);              /* emergency signal */
    assert_true(v1->ext_pending & VEXT_EMERGENCY);
    v1->handoff = 0;
    assert_int_equal(sigp(v1, 0x05, 0, 0), 0);
    assert_int_equal(v1->state, VCPU_STOPPED);
}

/* Sense running status (X'15'): running is dispatched on a real CPU now
 * (owned, cp/sched/dispatch.c) and not stopped or waiting; the issuer is
 * running; everything else is cc 1 with status X'400'. */
static void sense_running_status(void **state)
{
    uint32_t st = 0;
    assert_int_equal(sigp(v1, 0x15, 0, &st), 1);            /* stopped */
    assert_int_equal(st, 0x400);
    assert_int_equal(sigp(v0, 0x15, 0, &st), 0);            /* itself */
    v1->state = VCPU_RUNNING;
    assert_int_equal(sigp(v1, 0x15, 0, &st), 1);            /* waits for a real CPU */
    assert_int_equal(st, 0x400);
    v1->owner = 2;                                          /* under SIE on real CPU 1 */
    assert_int_equal(sigp(v1, 0x15, 0, &st), 0);
    v1->state = VCPU_WAIT;                                  /* owned for a look, waiting */
    assert_int_equal(sigp(v1, 0x15, 0, &st), 1);
    assert_int_equal(st, 0x400);
    v1->owner = 0;
    v1->state = VCPU_RUNNING;
    v1->handoff = 1;                                        /* handed back to CP */
    assert_int_equal(sigp(v1, 0x15, 0, &st), 1);
    v1->handoff = 0;
    assert_int_equal(sigp(0, 0x15, 0, 0), 3);               /* no CPU 07 */
    assert_int_equal(vm->held, 0);                          /* it holds nothing */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(orders_change_the_target, setup, teardown),
        cmocka_unit_test_setup_teardown(store_status_save_area, setup, teardown),
        cmocka_unit_test_setup_teardown(busy_while_a_handoff_is_pending, setup, teardown),
        cmocka_unit_test_setup_teardown(sense_running_status, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
