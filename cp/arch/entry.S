/* Interruption entry and exit, and the wait states.
 * Each class saves the GPRs into its own lowcore area and runs its C
 * handler on its own per-CPU stack, so a program check inside an I/O
 * handler cannot overwrite the I/O handler's state.  The C handler may
 * change the old PSW in lowcore (e.g. to leave a wait, or to resume at a
 * recovery point); exit reloads the saved GPRs and that PSW. */
#include "cp/arch/lowcore.h"

.macro  INTENTRY name, save, stack, oldpsw, handler
    .globl \name
\name:
    stmg    %r0,%r15,\save(%r0)
    lg      %r15,\stack(%r0)
    aghi    %r15,-160
    la      %r2,\save(%r0)
    brasl   %r14,\handler
    lmg     %r0,%r15,\save(%r0)
    lpswe   \oldpsw(%r0)
.endm

    .text
    INTENTRY int_io,      LC_SAVE_IO,      LC_STACK_IRQ,     LC_IO_OLD_PSW,      irq_io
    INTENTRY int_ext,     LC_SAVE_EXT,     LC_STACK_IRQ,     LC_EXT_OLD_PSW,     irq_ext
    INTENTRY int_svc,     LC_SAVE_SVC,     LC_STACK_IRQ,     LC_SVC_OLD_PSW,     irq_svc
    INTENTRY int_pgm,     LC_SAVE_PGM,     LC_STACK_PGM,     LC_PGM_OLD_PSW,     irq_pgm
    INTENTRY int_mcck,    LC_SAVE_MCCK,    LC_STACK_MCCK,    LC_MCCK_OLD_PSW,    irq_mcck
    INTENTRY int_restart, LC_SAVE_RESTART, LC_STACK_RESTART, LC_RESTART_OLD_PSW, irq_restart

/* A secondary CPU's restart new PSW points here (cp/arch/smp.c). */
    .globl secondary_start
secondary_start:
    lg      %r15,LC_STACK_MAIN(%r0)
    aghi    %r15,-160
    lg      %r2,LC_CPU(%r0)
    brasl   %r14,cpu_secondary_main
    j       .

/* void cpu_enabled_wait(void): wait enabled for I/O, external and machine
 * checks.  The handler turns the old (wait) PSW into a disabled running
 * PSW, so we come back here with interruptions off again. */
    .globl cpu_enabled_wait
cpu_enabled_wait:
    larl    %r1,enabled_wait_psw
    lpswe   0(%r1)
wait_resume:
    br      %r14

/* void cpu_disabled_wait(uint64_t code): stop this CPU for good; the code
 * is in the PSW's address field, where the Hercules panel shows it. */
    .globl cpu_disabled_wait
cpu_disabled_wait:
    aghi    %r15,-16                /* build the PSW on this CPU's stack */
    larl    %r1,disabled_wait_mask
    mvc     0(8,%r15),0(%r1)
    stg     %r2,8(%r15)
    lpswe   0(%r15)

    .section .rodata
    .align  8
enabled_wait_psw:
    .quad   0x0306000180000000, wait_resume
disabled_wait_mask:
    .quad   0x0002000180000000
