/* Test-guest entry: IPLed from a deck at X'10000' in 31-bit mode.  ZCP's
 * guests are z/Architecture from the start; SIGP set-architecture is
 * still issued (and ignored, as Linux does) so the same image also starts
 * on a machine that IPLs in ESA/390 mode. */
    .section .text.start,"ax"
    .globl _start
_start:
    lhi     %r1,1
    sigp    %r1,%r0,0x12
    sam64
    larl    %r2,_bss_start          /* the deck's CCW cards were read here */
    larl    %r3,_bss_end
1:  clgr    %r2,%r3
    jhe     2f
    mvi     0(%r2),0
    la      %r2,1(%r2)
    j       1b
2:  larl    %r15,stack_top
    aghi    %r15,-160
    brasl   %r14,rt_main
    j       .

/* Program-check entry: save the code and resume where the test asked. */
    .globl  rt_pgm_entry
rt_pgm_entry:
    stmg    %r0,%r15,0x200(%r0)
    larl    %r15,pgm_stack_top
    aghi    %r15,-160
    brasl   %r14,rt_pgm
    lmg     %r0,%r15,0x200(%r0)
    lpswe   0x150(%r0)

/* I/O entry: note the interruption, return to the (disabled) waiter. */
    .globl  rt_io_entry
rt_io_entry:
    stmg    %r0,%r15,0x280(%r0)
    larl    %r15,pgm_stack_top
    aghi    %r15,-160
    brasl   %r14,rt_io
    lmg     %r0,%r15,0x280(%r0)
    lpswe   0x170(%r0)

    .bss
    .align  4096
stack:
    .skip   16384
stack_top:
    .skip   8192
pgm_stack_top:

/* uint16_t expect_pgm(void (*fn)(void *), void *arg) */
    .text
    .globl  expect_pgm, pgm_landing
expect_pgm:
    larl    %r1,pgm_jmp
    stmg    %r6,%r15,0(%r1)
    larl    %r1,pgm_armed
    mvhi    0(%r1),1
    lgr     %r1,%r2
    lgr     %r2,%r3
    basr    %r14,%r1
    larl    %r1,pgm_armed
    mvhi    0(%r1),0
    larl    %r1,pgm_jmp
    lmg     %r6,%r15,0(%r1)
    lghi    %r2,0
    br      %r14
pgm_landing:
    larl    %r1,pgm_jmp
    lmg     %r6,%r15,0(%r1)
    larl    %r1,pgm_code
    llgh    %r2,0(%r1)
    br      %r14

    .data
    .align  8
    .globl  pgm_armed, pgm_code
pgm_jmp:
    .skip   80
pgm_armed:
    .long   0
pgm_code:
    .short  0
