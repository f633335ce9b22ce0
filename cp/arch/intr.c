/* Interruption handlers (C side of cp/arch/entry.S). */
#include "cp/arch/intr.h"
#include "cp/arch/lowcore.h"
#include "cp/arch/arch.h"
#include "cp/dev/rdev.h"
#include "cp/sys/abend.h"
#include "lib/mem.h"

extern char int_io[], int_ext[], int_svc[], int_pgm[], int_mcck[], int_restart[];
extern char sie_instr[], sie_exit[];

/* An interruption taken while a guest ran under SIE returns to sie_exit,
 * so the dispatcher sees what the handler queued before the guest goes on. */
static void leave_sie(uint64_t old_psw)
{
    uint64_t *addr = (uint64_t *)(uintptr_t)(old_psw + 8);
    if (*addr == (uintptr_t)sie_instr)
        *addr = (uintptr_t)sie_exit;
}

struct pgm_probe pgm_probe;

#define STACK_SIZE 16384
static uint8_t stacks[4][STACK_SIZE] __attribute__((aligned(4096)));

static void set_new_psw(uint64_t off, void *handler)
{
    /* 64-bit, DAT off, all interruptions disabled. */
    LC_U64(off) = PSW_MASK_64;
    LC_U64(off + 8) = (uint64_t)(uintptr_t)handler;
}

void intr_setup_cpu(void)
{
    LC_U64(LC_STACK_IRQ) = (uintptr_t)stacks[0] + STACK_SIZE;
    LC_U64(LC_STACK_PGM) = (uintptr_t)stacks[1] + STACK_SIZE;
    LC_U64(LC_STACK_MCCK) = (uintptr_t)stacks[2] + STACK_SIZE;
    LC_U64(LC_STACK_RESTART) = (uintptr_t)stacks[3] + STACK_SIZE;
    set_new_psw(LC_IO_NEW_PSW, int_io);
    set_new_psw(LC_EXT_NEW_PSW, int_ext);
    set_new_psw(LC_SVC_NEW_PSW, int_svc);
    set_new_psw(LC_PGM_NEW_PSW, int_pgm);
    set_new_psw(LC_MCCK_NEW_PSW, int_mcck);
    set_new_psw(LC_RESTART_NEW_PSW, int_restart);
}

/* An interruption that ended an enabled wait returns disabled to the
 * instruction after the wait (cpu_enabled_wait), not into the wait. */
static void leave_wait(uint64_t old_psw)
{
    uint64_t *mask = (uint64_t *)(uintptr_t)old_psw;
    if (*mask & PSW_MASK_WAIT)
        *mask &= ~(PSW_MASK_WAIT | PSW_MASK_IO | PSW_MASK_EXT | PSW_MASK_MCHECK);
}

void irq_io(struct regs *r)
{
    rdev_interrupt(LC_U32(LC_SUBCHANNEL_ID), LC_U32(LC_IO_INT_PARM));
    leave_wait(LC_IO_OLD_PSW);
    leave_sie(LC_IO_OLD_PSW);
}

#define MAX_EXT 8
static struct {
    uint16_t code;
    ext_handler_t fn;
} ext_table[MAX_EXT];

void ext_register(uint16_t code, ext_handler_t fn)
{
    for (int i = 0; i < MAX_EXT; i++)
        if (!ext_table[i].fn || ext_table[i].code == code) {
            ext_table[i].code = code;
            ext_table[i].fn = fn;
            return;
        }
    abend("INT001", "external interruption table full");
}

/* A second CPU (cp/sched/dispatch.c) takes only its slice end (clock
 * comparator) and kicks (external call, emergency signal): both end SIE. */
static void ext_secondary(uint16_t code)
{
    if (code == 0x1004)
        sckc(~0ULL);
    LC_U64(LC_CPU_KICK) = 1;
}

void irq_ext(struct regs *r)
{
    uint16_t code = LC_U16(LC_EXT_INT_CODE);
    uint32_t param = LC_U32(LC_EXT_PARAMS);
    if (LC_U64(LC_CPU_INDEX)) {
        ext_secondary(code);
        leave_wait(LC_EXT_OLD_PSW);
        leave_sie(LC_EXT_OLD_PSW);
        return;
    }
    for (int i = 0; i < MAX_EXT && ext_table[i].fn; i++)
        if (ext_table[i].code == code) {
            ext_table[i].fn(code, param);
            break;
        }
    /* Unsubscribed codes (e.g. an interrupt key) are dropped. */
    leave_wait(LC_EXT_OLD_PSW);
    leave_sie(LC_EXT_OLD_PSW);
}

void irq_pgm(struct regs *r)
{
    uint16_t code = LC_U16(LC_PGM_CODE);
    uint64_t at = LC_U64(LC_PGM_OLD_PSW + 8);
    if (at == (uintptr_t)sie_instr || at == (uintptr_t)sie_exit) {
        /* A host exception while the guest ran (e.g. a guest page with no
         * frame yet): the dispatcher resolves it and runs SIE again. */
        LC_U16(LC_SIE_FAULT_CODE) = code;
        LC_U64(LC_SIE_FAULT_ADDR) = LC_U64(LC_TRANS_EXC);
        LC_U64(LC_PGM_OLD_PSW + 8) = (uintptr_t)sie_exit;
        return;
    }
    if (pgm_probe.armed) {
        pgm_probe.armed = 0;
        pgm_probe.code = code;
        LC_U64(LC_PGM_OLD_PSW + 8) = pgm_probe.resume;
        return;
    }
    abend_at("PRG001", (const struct psw *)(uintptr_t)LC_PGM_OLD_PSW, r,
             "program check X'%04X' in CP", code);
}

void irq_svc(struct regs *r)
{
    abend_at("SVC001", (const struct psw *)(uintptr_t)LC_SVC_OLD_PSW, r,
             "SVC %u issued in CP", LC_U16(LC_SVC_CODE));
}

void irq_mcck(struct regs *r)
{
    uint64_t mcic = LC_U64(LC_MCCK_CODE);
    /* Bit 0 (system damage) or bit 1 (instruction-processing damage) is
     * fatal; anything else (repressible conditions) is noted and dropped. */
    if (mcic & 0xC000000000000000ULL)
        abend_at("MCK001", (const struct psw *)(uintptr_t)LC_MCCK_OLD_PSW, r,
                 "machine check, code %016llX", (unsigned long long)mcic);
    leave_wait(LC_MCCK_OLD_PSW);
}

void irq_restart(struct regs *r)
{
    abend_at("RST001", (const struct psw *)(uintptr_t)LC_RESTART_OLD_PSW, r,
             "operator restart");
}
