/* CMS nucleus entry: IPLed from the system disk at X'10000', 31-bit;
 * z/Architecture from here on (SIGP set-architecture as Linux does). */
    .section .text.start,"ax"
    .globl _start
_start:
    lhi     %r1,1
    sigp    %r1,%r0,0x12
    sam64
    larl    %r2,_bss_start
    larl    %r3,_bss_end
1:  clgr    %r2,%r3
    jhe     2f
    xc      0(256,%r2),0(%r2)       /* the linker aligns the bss to 256 */
    la      %r2,256(%r2)
    j       1b
2:  larl    %r15,stack_top
    aghi    %r15,-160
    brasl   %r14,cms_start
    j       .

/* Program-check entry: the old PSW is at X'150'.  Save the registers
 * at X'200' for the message, then restart the command loop on a fresh
 * stack (cms_pgm does not return). */
    .globl  cms_pgm_entry
cms_pgm_entry:
    stmg    %r0,%r15,0x200(%r0)
    larl    %r15,stack_top
    aghi    %r15,-160
    brasl   %r14,cms_pgm
    j       .

/* I/O entry: note the interruption, return to the (disabled) waiter. */
    .globl  cms_io_entry
cms_io_entry:
    stmg    %r0,%r15,0x280(%r0)
    larl    %r15,io_stack_top
    aghi    %r15,-160
    brasl   %r14,cms_io
    lmg     %r0,%r15,0x280(%r0)
    lpswe   0x170(%r0)

    .bss
    .align  4096
    .globl  stack_top
stack:
    .skip   65536
stack_top:
    .skip   8192
io_stack_top:
