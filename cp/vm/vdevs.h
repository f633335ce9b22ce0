/* Virtual device types (one file each in cp/vm/). */
#ifndef CP_VM_VDEVS_H
#define CP_VM_VDEVS_H
#include "cp/vm/vm.h"

extern const struct vdev_ops vcon_ops;      /* 3215 console: vcon.c */

/* A line the user typed for the guest (no CP command): read by a pending
 * or later Read; Attention if the guest has no read outstanding. */
void vcon_input(struct vdev *d, const char *line);
struct vdev *vm_console(struct vm *vm);
/* Does the guest have a console read waiting for a line (VM READ)? */
int vcon_reading(struct vdev *d);
/* Where a guest's console output goes (cp/sys/opcon.c): the user's
 * terminal, or while disconnected the secondary user's console. */
void vm_console_write(struct vm *vm, const char *text);
#endif
