/* void sie_run(struct sie_block *sd, uint64_t *gprs)
 * SIE uses the real GRs 0-13 as the guest's (DESIGN.md): load them, run
 * with host I/O and external interruptions enabled (so CP's own work and
 * its time slice can end SIE), then store them back.  A host interruption
 * during SIE returns to sie_exit with the guest's GRs 0-13 still in the
 * registers (the handlers save and restore all 16); a host program check
 * in SIE (a guest page not yet backed) is steered to sie_exit by irq_pgm. */
    .text
    .globl  sie_run, sie_instr, sie_exit
sie_run:
    stmg    %r6,%r15,48(%r15)
    aghi    %r15,-176
    stg     %r3,160(%r15)           /* gprs */
    lgr     %r14,%r2                /* sd: r14 is the host's across SIE */
    lmg     %r0,%r13,0(%r3)
    stosm   168(%r15),0x03          /* enable I/O and external */
sie_instr:
    .insn   s,0xb2140000,0(%r14)    /* SIE 0(%r14) */
sie_exit:
    stnsm   168(%r15),0xfc          /* disable them again */
    lg      %r14,160(%r15)
    stmg    %r0,%r13,0(%r14)
    aghi    %r15,176
    lmg     %r6,%r15,48(%r15)
    br      %r14

/* void vregs_save(uint64_t *fpr, uint32_t *fpc, uint32_t *acr)
 * void vregs_load(const uint64_t *fpr, const uint32_t *fpc, const uint32_t *acr)
 * A guest's floating-point and access registers stay in the real ones
 * across SIE; CP (built -msoft-float, no AR use) never touches them, so
 * they are switched only when another vCPU is run on this CPU. */
    .globl  vregs_save, vregs_load
vregs_save:
    std     %f0,0(%r2)
    std     %f1,8(%r2)
    std     %f2,16(%r2)
    std     %f3,24(%r2)
    std     %f4,32(%r2)
    std     %f5,40(%r2)
    std     %f6,48(%r2)
    std     %f7,56(%r2)
    std     %f8,64(%r2)
    std     %f9,72(%r2)
    std     %f10,80(%r2)
    std     %f11,88(%r2)
    std     %f12,96(%r2)
    std     %f13,104(%r2)
    std     %f14,112(%r2)
    std     %f15,120(%r2)
    stfpc   0(%r3)
    stam    %a0,%a15,0(%r4)
    br      %r14
vregs_load:
    ld      %f0,0(%r2)
    ld      %f1,8(%r2)
    ld      %f2,16(%r2)
    ld      %f3,24(%r2)
    ld      %f4,32(%r2)
    ld      %f5,40(%r2)
    ld      %f6,48(%r2)
    ld      %f7,56(%r2)
    ld      %f8,64(%r2)
    ld      %f9,72(%r2)
    ld      %f10,80(%r2)
    ld      %f11,88(%r2)
    ld      %f12,96(%r2)
    ld      %f13,104(%r2)
    ld      %f14,112(%r2)
    ld      %f15,120(%r2)
    lfpc    0(%r3)
    lam     %a0,%a15,0(%r4)
    br      %r14
