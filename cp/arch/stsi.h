/* STORE SYSTEM INFORMATION on the real machine (cp/arch/stsi.c), for the
 * SYSIBs CP passes on to its guests. */
#ifndef CP_ARCH_STSI_H
#define CP_ARCH_STSI_H
#include <stdint.h>

/* Function code fc (1-3) with selectors s1, s2 into sysib (4 KiB, 4 KiB
 * aligned): the condition code (0 stored, 3 not provided).  fc 0: returns
 * the current configuration level (1 basic machine, 2 LPAR, 3 virtual
 * machine); sysib is not used. */
int machine_stsi(void *sysib, unsigned fc, unsigned s1, unsigned s2);
#endif
