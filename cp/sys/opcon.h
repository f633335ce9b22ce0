/* The operator console: the first 3215 found (device 0009 preferred),
 * where CP's messages go and where the operator's commands come from. */
#ifndef CP_SYS_OPCON_H
#define CP_SYS_OPCON_H
#include <stdint.h>
#include "cp/dev/rdev.h"

extern struct rdev *opcon;
void opcon_init(void);
void opcon_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write everything queued, then stop with a disabled wait showing `code`. */
__attribute__((noreturn)) void opcon_stop(uint64_t code);
/* The command loop: never returns. */
__attribute__((noreturn)) void opcon_run(void);
#endif
