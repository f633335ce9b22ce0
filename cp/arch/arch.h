/* Privileged and system instructions as C functions: the only inline
 * assembly in ZCP outside cp/arch/ assembler.  Semantics: Principles of
 * Operation, SA22-7832. */
#ifndef CP_ARCH_ARCH_H
#define CP_ARCH_ARCH_H
#include <stdint.h>

/* PSW mask bits (first doubleword of a z/Architecture PSW). */
#define PSW_MASK_PER    0x4000000000000000ULL
#define PSW_MASK_DAT    0x0400000000000000ULL
#define PSW_MASK_IO     0x0200000000000000ULL
#define PSW_MASK_EXT    0x0100000000000000ULL
#define PSW_MASK_KEY    0x00F0000000000000ULL
#define PSW_MASK_MCHECK 0x0004000000000000ULL
#define PSW_MASK_WAIT   0x0002000000000000ULL
#define PSW_MASK_PSTATE 0x0001000000000000ULL
#define PSW_MASK_ASC    0x0000C00000000000ULL
#define PSW_MASK_CC     0x0000300000000000ULL
#define PSW_MASK_PM     0x00000F0000000000ULL
#define PSW_MASK_EA     0x0000000100000000ULL
#define PSW_MASK_BA     0x0000000080000000ULL
#define PSW_MASK_64     (PSW_MASK_EA | PSW_MASK_BA)

struct psw {
    uint64_t mask;
    uint64_t addr;
} __attribute__((aligned(8)));

/* Control register 0 external-interruption subclass masks (z/Arch bits 48-57). */
#define CR0_MALFUNCTION_ALERT 0x8000ULL
#define CR0_EMERGENCY_SIGNAL  0x4000ULL
#define CR0_EXTERNAL_CALL     0x2000ULL
#define CR0_CLOCK_COMPARATOR  0x0800ULL
#define CR0_CPU_TIMER         0x0400ULL
#define CR0_SERVICE_SIGNAL    0x0200ULL
#define CR0_INTERRUPT_KEY     0x0040ULL
/* CR0 bit 45: AFP-register control (FPRs 8-15, used to switch guests' FPRs). */
#define CR0_AFP               0x40000ULL

static inline uint64_t stctg(int cr)
{
    uint64_t v;
    switch (cr) {   /* the register number is part of the instruction */
    case 0:  __asm__ volatile("stctg 0,0,%0" : "=Q"(v)); break;
    case 1:  __asm__ volatile("stctg 1,1,%0" : "=Q"(v)); break;
    case 6:  __asm__ volatile("stctg 6,6,%0" : "=Q"(v)); break;
    case 13: __asm__ volatile("stctg 13,13,%0" : "=Q"(v)); break;
    case 14: __asm__ volatile("stctg 14,14,%0" : "=Q"(v)); break;
    default: v = 0; break;
    }
    return v;
}

static inline void lctlg(int cr, uint64_t v)
{
    switch (cr) {
    case 0:  __asm__ volatile("lctlg 0,0,%0" : : "Q"(v)); break;
    case 1:  __asm__ volatile("lctlg 1,1,%0" : : "Q"(v)); break;
    case 6:  __asm__ volatile("lctlg 6,6,%0" : : "Q"(v)); break;
    case 13: __asm__ volatile("lctlg 13,13,%0" : : "Q"(v)); break;
    case 14: __asm__ volatile("lctlg 14,14,%0" : : "Q"(v)); break;
    default: break;
    }
}

static inline uint16_t stap(void)
{
    uint16_t a;
    __asm__ volatile("stap %0" : "=Q"(a));
    return a;
}

static inline uint64_t stidp(void)
{
    uint64_t id;
    __asm__ volatile("stidp %0" : "=Q"(id));
    return id;
}

static inline uint64_t stck(void)
{
    uint64_t t;
    __asm__ volatile("stck %0" : "=Q"(t) : : "cc");
    return t;
}

static inline void sckc(uint64_t t)
{
    __asm__ volatile("sckc %0" : : "Q"(t));
}

static inline uint64_t stckc(void)
{
    uint64_t t;
    __asm__ volatile("stckc %0" : "=Q"(t));
    return t;
}

/* SIGP: returns the condition code; *status gets the status word on cc 1. */
static inline int sigp(uint16_t cpu, uint8_t order, uint64_t parm, uint32_t *status)
{
    register uint64_t r1 __asm__("1") = parm;
    register uint64_t r2 __asm__("2") = cpu;
    uint32_t st;
    int cc;
    __asm__ volatile("sigp %%r0,%[cpu],0(%[order])\n"
                     "ipm %[cc]\n"
                     "srl %[cc],28\n"
                     "st %%r0,%[st]\n"
                     : [cc] "=d"(cc), [st] "=Q"(st), "+d"(r1)
                     : [cpu] "d"(r2), [order] "a"((uint64_t)order)
                     : "0", "cc", "memory");
    if (status)
        *status = st;
    return cc;
}

/* STFLE: store up to n doublewords of facility bits; returns how many the CPU has. */
static inline int stfle(uint64_t *list, int n)
{
    register uint64_t r0 __asm__("0") = (uint64_t)(n - 1);
    __asm__ volatile(".insn s,0xb2b00000,%[list]"
                     : [list] "=Q"(*(uint64_t (*)[4])list), "+d"(r0) : : "cc", "memory");
    return (int)(r0 & 0xff) + 1;
}

/* SERVC (no mnemonic in binutils here, DESIGN.md): cc 0 accepted, 2 busy, 3 not operational. */
static inline int servc(uint32_t command, void *sccb)
{
    int cc;
    __asm__ volatile(".insn rre,0xb2200000,%[cmd],%[sccb]\n"
                     "ipm %[cc]\n"
                     "srl %[cc],28\n"
                     : [cc] "=d"(cc)
                     : [cmd] "d"((uint64_t)command), [sccb] "a"((uint64_t)(uintptr_t)sccb)
                     : "cc", "memory");
    return cc;
}

/* Channel-subsystem I/O instructions; the subsystem id goes in GR1. */
static inline int ssch(uint32_t schid, const void *orb)
{
    register uint32_t r1 __asm__("1") = schid;
    int cc;
    __asm__ volatile("ssch 0(%[orb])\n ipm %[cc]\n srl %[cc],28"
                     : [cc] "=d"(cc) : "d"(r1), [orb] "a"(orb) : "cc", "memory");
    return cc;
}

static inline int tsch(uint32_t schid, void *irb)
{
    register uint32_t r1 __asm__("1") = schid;
    int cc;
    __asm__ volatile("tsch 0(%[irb])\n ipm %[cc]\n srl %[cc],28"
                     : [cc] "=d"(cc) : "d"(r1), [irb] "a"(irb) : "cc", "memory");
    return cc;
}

static inline int stsch(uint32_t schid, void *schib)
{
    register uint32_t r1 __asm__("1") = schid;
    int cc;
    __asm__ volatile("stsch 0(%[schib])\n ipm %[cc]\n srl %[cc],28"
                     : [cc] "=d"(cc) : "d"(r1), [schib] "a"(schib) : "cc", "memory");
    return cc;
}

static inline int msch(uint32_t schid, const void *schib)
{
    register uint32_t r1 __asm__("1") = schid;
    int cc;
    __asm__ volatile("msch 0(%[schib])\n ipm %[cc]\n srl %[cc],28"
                     : [cc] "=d"(cc) : "d"(r1), [schib] "a"(schib) : "cc", "memory");
    return cc;
}

/* RESET CHANNEL PATH (B23B): the chpid in GR1; the completion is a
 * channel report, which CP leaves pending (CR14 does not enable it). */
static inline int rchp(uint8_t chpid)
{
    register uint64_t r1 __asm__("1") = chpid;
    int cc;
    __asm__ volatile(".insn s,0xb23b0000,0\n ipm %[cc]\n srl %[cc],28"
                     : [cc] "=d"(cc) : "d"(r1) : "cc", "memory");
    return cc;
}

static inline int csch(uint32_t schid)
{
    register uint32_t r1 __asm__("1") = schid;
    int cc;
    __asm__ volatile("csch\n ipm %[cc]\n srl %[cc],28" : [cc] "=d"(cc) : "d"(r1) : "cc", "memory");
    return cc;
}

static inline void lpswe(const struct psw *psw)
{
    __asm__ volatile("lpswe %0" : : "Q"(*psw) : "memory");
    __builtin_unreachable();
}

/* Storage keys of real frames (SA22-7832 "Storage keys"): ISKE, SSKE and
 * RRBE (condition code: 2 + 1 if the reference bit was one, + 1 for the
 * change bit), and IPTE (invalidate a page-table entry and purge it from
 * every CPU's TLB).  Used by paging (cp/mm/paging.c). */
static inline uint8_t iske(uint64_t frame)
{
    uint64_t k = 0;
    __asm__ volatile("iske %0,%1" : "+d"(k) : "a"(frame) : "memory");
    return (uint8_t)k;
}

static inline void sske(uint64_t frame, uint8_t key)
{
    __asm__ volatile("sske %0,%1" : : "d"((uint64_t)key), "a"(frame) : "memory");
}

static inline int rrbe(uint64_t frame)
{
    int cc;
    __asm__ volatile("rrbe 0,%1\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"(frame) : "cc", "memory");
    return cc;
}

static inline void ipte(uint64_t pto, uint64_t vaddr)
{
    __asm__ volatile("ipte %0,%1" : : "a"(pto), "a"(vaddr) : "memory");
}

/* Enter an enabled wait for I/O, external and machine-check interruptions;
 * returns (disabled again) after one has been handled.  cp/arch/entry.S. */
void cpu_enabled_wait(void);
/* Load a disabled wait PSW whose address field holds the wait code. */
__attribute__((noreturn)) void cpu_disabled_wait(uint64_t code);

#endif
