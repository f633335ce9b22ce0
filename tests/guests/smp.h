/* CPU 01's restart entry for the two-CPU test guests (g_smp, g_smpread,
 * g_pagedat): a fresh stack at cpu1_stack_top (the guest sets it before
 * it restarts CPU 01 with SIGP), then cpu1_main, which never returns.
 * Included by one file of each guest: it defines the entry. */
#ifndef GUEST_SMP_H
#define GUEST_SMP_H
#include <stdint.h>

uint64_t cpu1_stack_top;
extern char cpu1_restart[];
void cpu1_main(void);

__asm__("    .text\n"
        "    .globl cpu1_restart\n"
        "cpu1_restart:\n"
        "    larl  %r15,cpu1_stack_top\n"
        "    lg    %r15,0(%r15)\n"
        "    aghi  %r15,-160\n"
        "    brasl %r14,cpu1_main\n"
        "    j     .\n");
#endif
