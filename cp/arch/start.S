/* IPL entry.  The deck or the IPL volume loaded the nucleus at its link
 * address and loaded an ESA/390 PSW pointing here: 31-bit, DAT off, all
 * interruptions disabled.  Switch the CPU to z/Architecture with SIGP
 * set-architecture (order X'12', parameter 1), go 64-bit, get a stack,
 * clear .bss and enter C.  Linux's arch/s390/boot/head.S does the same
 * and also ignores the condition code: a CPU already in z/Architecture
 * answers with cc 1 or 2 and is where we want it. */
#include "cp/arch/lowcore.h"

    .section .text.start,"ax"
    .globl _start
_start:
    l       %r2,LC_SUBCHANNEL_ID(%r0)   /* the IPL device, before anything */
    lhi     %r1,1                       /* 1 = z/Architecture mode         */
    sigp    %r1,%r0,0x12
    sam64
    st      %r2,LC_IPL_SCHID(%r0)
    larl    %r15,boot_stack_top
    aghi    %r15,-160
    /* Clear .bss (the deck's CCW cards may have been read into it).
     * MVCLE with a zero-length source pads the whole target with the pad
     * byte (0, the second-operand address): one instruction for ~8 MiB,
     * where a byte loop took a sixth of a second.  cc 3: not done yet. */
    larl    %r2,_bss_start
    larl    %r3,_bss_end
    sgr     %r3,%r2
    lghi    %r4,0
    lghi    %r5,0
1:  mvcle   %r2,%r4,0
    jo      1b
    brasl   %r14,cp_start
    /* cp_start never returns; if it does, stop with wait code X'DEAD'. */
    larl    %r1,dead_psw
    lpswe   0(%r1)

    .section .rodata
    .align 8
dead_psw:
    .quad   0x0002000180000000, 0xDEAD

    .section .bss
    .align  4096
    .globl  boot_stack_top
boot_stack:
    .skip   16384
boot_stack_top:
