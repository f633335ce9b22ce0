/* Helpers the DASD test guests share: a minidisk's subchannel, channel
 * programs run to the end, DIAG X'250' and its completion interruption. */
#ifndef GUESTS_DASD_H
#define GUESTS_DASD_H
#include "rt/rt.h"
#include "lib/mem.h"

struct ccw1 { uint8_t cmd, flags; uint16_t count; uint32_t addr; } __attribute__((aligned(8)));
#define CC 0x40
#define SLI 0x20
#define A(p) ((uint32_t)(uintptr_t)(p))

struct io_result { int cc; uint8_t dstat, cstat; uint16_t resid; uint8_t sense[32]; };

/* Find and enable the subchannel of devno (ISC 3); 0 if none. */
static inline uint32_t dasd_schid(uint16_t devno)
{
    return rt_enable_sch(devno);
}

/* Run a format-1 channel program; on unit check, also Sense (32 bytes). */
static inline struct io_result dasd_run(uint32_t sid, struct ccw1 *prog)
{
    static uint32_t orb[8] __attribute__((aligned(8)));
    static uint8_t irb[96] __attribute__((aligned(8)));
    static struct ccw1 sense_ccw;
    static uint8_t sense[32] __attribute__((aligned(8)));
    struct io_result r;
    memset(&r, 0, sizeof r);
    memset(orb, 0, sizeof orb);
    orb[0] = sid;
    orb[1] = 0x0080FF00;
    orb[2] = A(prog);
    r.cc = rt_ssch(sid, orb);
    if (r.cc)
        return r;
    wait_io(sid);
    rt_tsch(sid, irb);
    r.dstat = irb[8];
    r.cstat = irb[9];
    r.resid = (uint16_t)(irb[10] << 8 | irb[11]);
    if (r.dstat & 0x02) {
        sense_ccw = (struct ccw1){ 0x04, SLI, 32, A(sense) };
        orb[2] = A(&sense_ccw);
        if (rt_ssch(sid, orb) == 0) {
            wait_io(sid);
            rt_tsch(sid, irb);
            memcpy(r.sense, sense, 32);
        }
    }
    return r;
}

/* DIAG X'250': Rx = 2 (BIOPL), Rx+1 = 3 (rc), Ry = 4 (function). */
static inline int diag250(void *biopl, uint64_t fn, uint64_t *rc)
{
    register uint64_t r2 __asm__("2") = (uintptr_t)biopl;
    register uint64_t r3 __asm__("3") = 0xEEEE;
    register uint64_t r4 __asm__("4") = fn;
    int cc;
    __asm__ volatile("diag 2,4,0x250\n ipm %[cc]\n srl %[cc],28"
                     : [cc] "=d"(cc), "+d"(r2), "+d"(r3) : "d"(r4) : "cc", "memory");
    *rc = r3;
    return cc;
}

/* External interruptions: the handler notes one at X'F00' and returns
 * to the waiter disabled and not waiting. */
__asm__(".text\n.globl dasd_ext_entry\ndasd_ext_entry:\n"
        " mvi 0xF00(%r0),1\n ni 0x130(%r0),0xFE\n ni 0x131(%r0),0xFD\n lpswe 0x130(%r0)\n");
extern char dasd_ext_entry[];

/* Wait (enabled for external interruptions, CR0 service-signal subclass)
 * until one comes; returns its code, CPU-address field in *cpuaddr. */
static inline uint16_t wait_ext(uint16_t *cpuaddr)
{
    static struct psw w;
    volatile uint8_t *seen = (volatile uint8_t *)0xF00;
    uint64_t cr0;
    __asm__ volatile("stctg 0,0,%0" : "=Q"(cr0));
    cr0 |= 0x200;
    __asm__ volatile("lctlg 0,0,%0" : : "Q"(cr0));
    *(volatile uint64_t *)0x1B0 = 0x0000000180000000ULL;
    *(volatile uint64_t *)0x1B8 = (uintptr_t)dasd_ext_entry;
    *seen = 0;
    w.mask = 0x0102000180000000ULL;
    __asm__ volatile("larl %%r1,0f\n stg %%r1,%0\n lpswe %1\n0:"
                     : "=Q"(w.addr) : "Q"(w) : "1", "memory");
    *cpuaddr = *(volatile uint16_t *)0x84;
    return *(volatile uint16_t *)0x86;
}
#endif
