/* Facility checks that need real instructions. */
#ifndef CP_ARCH_PROBE_H
#define CP_ARCH_PROBE_H
#include <stdint.h>
/* Program-interruption code that SIE with a zero state-description address
 * raises: X'0006' (specification) when SIE is installed, X'0001'
 * (operation) when it is not.  Hercules sie.c checks the address first. */
uint16_t probe_sie(void);
#endif
