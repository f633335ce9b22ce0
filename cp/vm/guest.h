/* Reaching a guest's operands: effective addresses from the intercepted
 * instruction, and storage access at guest real addresses (with the
 * guest's prefixing).  Guests with DAT on are not handled here yet: their
 * operand addresses are virtual, and need a walk of the guest's tables. */
#ifndef CP_VM_GUEST_H
#define CP_VM_GUEST_H
#include <stddef.h>
#include "cp/vm/vm.h"

/* Second-operand address of an S-format instruction (B2, D2 in IPB),
 * wrapped to the guest's addressing mode. */
uint64_t guest_s_addr(struct vcpu *v);
/* Wrap an address to the guest's addressing mode (24, 31 or 64 bits). */
uint64_t guest_wrap(struct vcpu *v, uint64_t addr);
/* Copy at a guest real address: 0, or -1 outside the guest's storage. */
int guest_read(struct vcpu *v, uint64_t real, void *buf, size_t len);
int guest_write(struct vcpu *v, uint64_t real, const void *buf, size_t len);
/* An instruction's storage operand: alignment (specification exception),
 * then the access (addressing exception).  0, or -1 after the program
 * interruption has been presented (the instruction is then over). */
int guest_operand_read(struct vcpu *v, uint64_t addr, unsigned align, void *buf, size_t len);
int guest_operand_write(struct vcpu *v, uint64_t addr, unsigned align, const void *buf, size_t len);
#endif
