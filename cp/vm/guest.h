/* Reaching a guest's operands: effective addresses from the intercepted
 * instruction, guest DAT (logical -> real), prefixing (real -> absolute),
 * and the program interruptions a bad operand gets. */
#ifndef CP_VM_GUEST_H
#define CP_VM_GUEST_H
#include <stddef.h>
#include "cp/vm/vm.h"

/* Second-operand address of an S-format instruction (B2, D2 in IPB),
 * wrapped to the guest's addressing mode. */
uint64_t guest_s_addr(struct vcpu *v);
/* R1 and R2 of an RRE-format instruction (IPB bits 24-31). */
int guest_rre_r1(struct vcpu *v);
int guest_rre_r2(struct vcpu *v);
/* Wrap an address to the guest's addressing mode (24, 31 or 64 bits). */
uint64_t guest_wrap(struct vcpu *v, uint64_t addr);
/* Copy at a guest real address: 0, or -1 outside the guest's storage. */
int guest_read(struct vcpu *v, uint64_t real, void *buf, size_t len);
int guest_write(struct vcpu *v, uint64_t real, const void *buf, size_t len);

/* Guest DAT (cp/vm/guest.c): a logical address of the current PSW's
 * address space to a guest real address, as the guest's CPU would.  0, or
 * the program-interruption code, with *teid the translation-exception
 * identification when the architecture stores one (else ~0). */
#define PGM_SEGMENT_TRANSLATION   0x10
#define PGM_PAGE_TRANSLATION      0x11
#define PGM_TRANSLATION_SPEC      0x12
#define PGM_ASCE_TYPE             0x38
#define PGM_REGION_FIRST_TRANS    0x39
#define PGM_REGION_SECOND_TRANS   0x3A
#define PGM_REGION_THIRD_TRANS    0x3B
#define GLC_TEID                  0xA8
int guest_translate(struct vcpu *v, uint64_t logical, int store, uint64_t *real, uint64_t *teid);
/* Present a translation/protection/addressing fault from guest_translate
 * (TEID to X'A8'; translation exceptions nullify, so the PSW is backed up
 * to the instruction). */
void guest_fault(struct vcpu *v, uint16_t code, uint64_t teid);

/* An instruction's storage operand at a logical address (translated when
 * the guest has DAT on): alignment (specification exception), then access
 * (translation, protection, addressing).  0, or -1 after the program
 * interruption has been presented (the instruction is then over).  Stores
 * are all-or-nothing. */
int guest_operand_read(struct vcpu *v, uint64_t addr, unsigned align, void *buf, size_t len);
int guest_operand_write(struct vcpu *v, uint64_t addr, unsigned align, const void *buf, size_t len);
/* The same for an operand the architecture gives as a real address. */
int guest_real_operand_read(struct vcpu *v, uint64_t addr, unsigned align, void *buf, size_t len);
int guest_real_operand_write(struct vcpu *v, uint64_t addr, unsigned align, const void *buf, size_t len);
#endif
