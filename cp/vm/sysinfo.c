/* STSI for guests (Principles of Operation, "Store System Information").
 * A guest is at configuration level 3, a virtual machine.  Levels 1 and 2
 * describe the real machine and its logical partition: CP passes the real
 * SYSIBs on, with the guest's CPU address in 1.2.1 and 2.2.1.  Level 3
 * (3.2.2) is CP's own: entry 0 is this virtual machine, under a control
 * program that calls itself "z/VM" (what Linux checks to enable its z/VM
 * support: arch/s390 detect_machine_type() compares the first four bytes
 * of the CPI with EBCDIC "z/VM"); if ZCP itself runs in a virtual machine,
 * the real 3.2.2 entries follow, as the architecture stacks levels. */
#include "cp/vm/intercept.h"
#include "cp/vm/guest.h"
#include "cp/arch/stsi.h"
#include "cp/sys/version.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define STSI_R0_RESERVED 0x0FFFFF00ULL      /* GR0 bits 36-55 */
#define STSI_R1_RESERVED 0xFFFF0000ULL      /* GR1 bits 32-47 */
#define LEVEL_VM 3
#define VM322_ENTRY 64                      /* bytes per 3.2.2 entry, from offset 32 */
#define VM322_MAX 8

static uint8_t real_sysib[4096] __attribute__((aligned(4096)));

static void ebcdic_field(uint8_t *dst, const char *text, size_t len)
{
    memset(dst, EBCDIC_SPACE, len);
    size_t n = strnlen(text, len);
    ebcdic_from_ascii(dst, text, n);
}

/* 3.2.2: this virtual machine first, then the real machine's own level-3
 * entries if it has any. */
static void build_322(struct vcpu *v, uint8_t *b)
{
    struct vm *vm = v->vm;
    int below = 0;
    memset(b, 0, 4096);
    if (machine_stsi(0, 0, 0, 0) >= LEVEL_VM && machine_stsi(real_sysib, 3, 2, 2) == 0) {
        below = real_sysib[31] & 0xF;
        if (below > VM322_MAX - 1)
            below = VM322_MAX - 1;
        memcpy(b + 32 + VM322_ENTRY, real_sysib + 32, (size_t)below * VM322_ENTRY);
    }
    b[31] = (uint8_t)(below + 1);
    uint8_t *e = b + 32;
    be16_put(e + 4, (uint16_t)vm->nvcpu);                   /* total */
    be16_put(e + 6, (uint16_t)vm->nvcpu);                   /* configured */
    be16_put(e + 8, 0);                                     /* standby */
    be16_put(e + 10, (uint16_t)(VCPU_MAX - vm->nvcpu));     /* reserved: could be defined */
    ebcdic_field(e + 12, vm->userid, 8);                    /* name */
    be32_put(e + 20, 1000);                                 /* capability adjustment factor */
    char cpi[17];
    fmt(cpi, sizeof cpi, "z/VM    %d.%d.%d", ZCP_VERSION, ZCP_RELEASE, ZCP_MOD);
    ebcdic_field(e + 24, cpi, 16);                          /* control-program identifier */
}

/* The SYSIB for fc.s1.s2 into b: 0, or -1 if that level/selector is not
 * provided (condition code 3). */
int sysib_build(struct vcpu *v, unsigned fc, unsigned s1, unsigned s2, uint8_t *b)
{
    if (s1 > 0xF || s2 > 0xF)
        return -1;
    switch (fc << 8 | s1 << 4 | s2) {
    case 0x111:
    case 0x121:
    case 0x122:
    case 0x221:
    case 0x222:
        if (machine_stsi(real_sysib, fc, s1, s2) != 0)
            return -1;
        memcpy(b, real_sysib, 4096);
        if (s2 == 1 && s1 == 2)
            be16_put(b + 102, v->cpuaddr);                  /* this CPU's address */
        return 0;
    case 0x322:
        build_322(v, b);
        return 0;
    }
    return -1;
}

void instr_stsi(struct vcpu *v)
{
    static uint8_t sysib[4096];
    uint64_t r0 = vcpu_gpr(v, 0), r1 = vcpu_gpr(v, 1);
    unsigned fc = (unsigned)(r0 >> 28) & 0xF;
    if ((r0 & STSI_R0_RESERVED) || (r1 & STSI_R1_RESERVED)) {
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return;
    }
    if (fc == 0) {                  /* the current level into GR0 bits 32-35 */
        vcpu_set_gpr(v, 0, (r0 & ~0xF0000000ULL) | (uint64_t)LEVEL_VM << 28);
        vcpu_set_cc(v, 0);
        return;
    }
    if (fc > LEVEL_VM) {            /* 4-15: not provided (no configuration topology) */
        vcpu_set_cc(v, 3);
        return;
    }
    uint64_t addr = guest_s_addr(v);
    if (addr & 0xFFF) {
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return;
    }
    if (sysib_build(v, fc, (unsigned)r0 & 0xFF, (unsigned)r1 & 0xFFFF, sysib) != 0) {
        vcpu_set_cc(v, 3);
        return;
    }
    if (guest_operand_write(v, addr, 4096, sysib, sizeof sysib) == 0)
        vcpu_set_cc(v, 0);
}
