/* The virtual channel subsystem: a guest's subchannels (one a virtual
 * device, numbered from 0 in subchannel set 0) and the I/O instructions
 * that reach them.  Semantics: Principles of Operation, chapters 14-16. */
#ifndef CP_VM_VCSS_H
#define CP_VM_VCSS_H
#include "cp/vm/vm.h"

/* The I/O instructions, from the intercept handler: b2 = operand address
 * (guest logical, already computed).  Each sets the cc or presents a
 * program interruption. */
void vcss_ssch(struct vcpu *v, uint64_t addr);
void vcss_tsch(struct vcpu *v, uint64_t addr);
void vcss_stsch(struct vcpu *v, uint64_t addr);
void vcss_msch(struct vcpu *v, uint64_t addr);
void vcss_tpi(struct vcpu *v, uint64_t addr);
void vcss_hsch(struct vcpu *v);
void vcss_csch(struct vcpu *v);
void vcss_rsch(struct vcpu *v);
void vcss_stcrw(struct vcpu *v, uint64_t addr);

/* Continue a channel program a device parked with VDEV_SUSPEND. */
void vcss_resume(struct vdev *d);
/* Present unsolicited status (e.g. attention) on an idle subchannel. */
void vcss_unsolicited(struct vdev *d, uint8_t dstat);
/* A subchannel whose interruption is due, for the ISCs in mask; its
 * interruption counts as presented. */
struct vdev *vcss_take_interrupt(struct vm *vm, uint8_t isc_mask);
/* Reset every subchannel (guest IPL / system reset). */
void vcss_reset(struct vm *vm);
/* Run the IPL channel program for d: Read IPL into absolute 0, then the
 * CCWs from absolute 8 (format 0).  Returns 0 when it ended with channel
 * end and device end and nothing else. */
int vcss_ipl(struct vdev *d);
/* The commands every unit-record-like device shares: no-op, one-byte
 * sense, sense ID (7 bytes given), and command reject for anything else. */
int vdev_basic_ccw(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid,
                   const uint8_t sense_id[7]);
#endif
