/* What CP does when SIE ends: one table by interception code, one table
 * by intercepted instruction (cp/vm/intercept.c). */
#ifndef CP_VM_INTERCEPT_H
#define CP_VM_INTERCEPT_H
#include "cp/vm/vm.h"

void intercept_handle(struct vcpu *v);

/* Instruction simulations outside the channel subsystem (cp/vm/instr.c). */
void instr_stidp(struct vcpu *v);
void instr_spx(struct vcpu *v);
void instr_stpx(struct vcpu *v);
void instr_stap(struct vcpu *v);
void instr_sck(struct vcpu *v);
void instr_stfl(struct vcpu *v);
void instr_stfle(struct vcpu *v);       /* cp/vm/facilities.c */
void instr_stsi(struct vcpu *v);        /* cp/vm/sysinfo.c */
/* The SYSIB for fc.s1.s2 (4 KiB): 0, or -1 if not provided (cc 3). */
int sysib_build(struct vcpu *v, unsigned fc, unsigned s1, unsigned s2, uint8_t *b);
void instr_servc(struct vcpu *v);
void instr_chsc(struct vcpu *v);
void instr_iucv(struct vcpu *v);
void instr_sigp(struct vcpu *v);
void instr_diag(struct vcpu *v);
void instr_key(struct vcpu *v);         /* cp/vm/keys.c: ISKE/RRBE/SSKE */

/* Report something about a guest on the operator console (rate-limited). */
void vm_report(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
