/* The operator console: the first 3215 found (device 0009 preferred),
 * where CP's messages go and where the operator's commands come from;
 * with a 3215 at OPCON_OUTPUT too, output goes there and 0009 only reads
 * (opcon.c). */
#ifndef CP_SYS_OPCON_H
#define CP_SYS_OPCON_H
#include <stdint.h>
#include "cp/dev/rdev.h"

#define OPCON_OUTPUT 0x001F
extern struct rdev *opcon;          /* where CP writes */
extern struct rdev *opcon_in;       /* where the operator's lines come from */
void opcon_init(void);
void opcon_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write everything queued, then stop with a disabled wait showing `code`. */
__attribute__((noreturn)) void opcon_stop(uint64_t code);
/* The command loop: never returns. */
__attribute__((noreturn)) void opcon_run(void);
#endif
