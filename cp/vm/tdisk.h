/* Temporary-disk space (cp/vm/tdisk.c): every attached 3390 whose volser
 * starts with TDSK (z/VM: CP-owned volumes with TDISK space), cylinders 1
 * to the end, handed out first fit. */
#ifndef CP_VM_TDISK_H
#define CP_VM_TDISK_H
#include <stdint.h>
#include "cp/dev/rdev.h"

#define TDISK_PREFIX "TDSK"
/* Find cyls free cylinders: 0 with *r and *start, or -1 if there is no room. */
int tdisk_alloc(uint32_t cyls, struct rdev **r, uint32_t *start);
void tdisk_free(const struct rdev *r, uint32_t start);
#endif
