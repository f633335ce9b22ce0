/* uint16_t probe_sie(void) -- see probe.h.  In assembler so that the
 * resume point is exactly the instruction after SIE (a C label's address
 * is not reliable across optimisation).  struct pgm_probe: armed at 0
 * (int), code at 4 (halfword), resume at 8. */
    .text
    .globl  probe_sie
probe_sie:
    larl    %r1,pgm_probe
    xc      4(2,%r1),4(%r1)
    larl    %r2,1f
    stg     %r2,8(%r1)
    mvhi    0(%r1),1
    .insn   s,0xb2140000,0(%r0)         /* SIE 0 */
1:  larl    %r1,pgm_probe
    mvhi    0(%r1),0
    llgh    %r2,4(%r1)
    br      %r14
