/* What CP learned about the machine at IPL: filled by cp/init.c from SCLP,
 * STFLE, the TOD clock and the channel subsystem; read by commands. */
#ifndef CP_SYS_SYSTEM_H
#define CP_SYS_SYSTEM_H
#include <stdint.h>

#define MAX_CPUS 64

struct system {
    uint64_t storage;           /* bytes of real storage */
    uint32_t storage_inc;       /* storage increment, bytes */
    int ncpus;
    uint16_t cpu_addr[MAX_CPUS];
    uint16_t ipl_cpu;           /* CPU address of the IPL (master) CPU */
    uint8_t cpu_online[MAX_CPUS];
    uint64_t ipl_tod;           /* TOD at IPL */
    uint16_t ipl_devno;
    char loadparm[9];
    uint64_t facilities[4];     /* STFLE bits */
    int sie;                    /* SIE is available */
    uint64_t nucleus_end;       /* first byte after the nucleus */
    uint64_t cpuid;             /* STIDP of the IPL CPU */
    volatile uint64_t guest_tod[MAX_CPUS];  /* TOD units each CPU spent in SIE */
};
extern struct system sys;

static inline int facility(int bit)
{
    return (int)(sys.facilities[bit / 64] >> (63 - bit % 64)) & 1;
}
#endif
