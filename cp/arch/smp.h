/* Real CPUs: find which exist (SCLP lists up to MAXCPU entries; SIGP
 * SENSE answers cc 3 for those not configured) and bring the others
 * online, each with its own prefix area and stacks. */
#ifndef CP_ARCH_SMP_H
#define CP_ARCH_SMP_H
#include <stdint.h>

#define SIGP_SENSE              0x01
#define SIGP_EXTERNAL_CALL      0x02
#define SIGP_EMERGENCY_SIGNAL   0x03
#define SIGP_START              0x04
#define SIGP_STOP               0x05
#define SIGP_RESTART            0x06
#define SIGP_INITIAL_CPU_RESET  0x0B
#define SIGP_SET_PREFIX         0x0D
#define SIGP_SET_ARCHITECTURE   0x12

/* Keep only the CPUs that answer SIGP SENSE; then start every one but this. */
void smp_start(void);
/* Where a started CPU enters C (from cp/arch/entry.S). */
void cpu_secondary_main(int index);
#endif
