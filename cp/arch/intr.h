/* Interruption handling: lowcore set-up, handlers, and program-check
 * probes (run an instruction that may check, and learn the code). */
#ifndef CP_ARCH_INTR_H
#define CP_ARCH_INTR_H
#include <stdint.h>
#include "cp/arch/arch.h"

struct regs {
    uint64_t gpr[16];
};

/* Install the new PSWs and this CPU's interruption stacks. */
void intr_setup_cpu(void);

/* A probe: while armed, a program check on this CPU does not abend; the
 * handler records the interruption code and resumes at `resume`. */
struct pgm_probe {
    volatile int armed;
    volatile uint16_t code;     /* 0 = no program check happened */
    uint64_t resume;
};
extern struct pgm_probe pgm_probe;

/* Handlers called by cp/arch/entry.S. */
void irq_io(struct regs *r);
void irq_ext(struct regs *r);
void irq_svc(struct regs *r);
void irq_pgm(struct regs *r);
void irq_mcck(struct regs *r);
void irq_restart(struct regs *r);

/* External-interruption subscribers (one table, by interruption code). */
typedef void (*ext_handler_t)(uint16_t code, uint32_t param);
void ext_register(uint16_t code, ext_handler_t fn);

#endif
