/* The last things CP does: print without interruptions, and stop.
 * Target: cp/dev/stop_s390x.c (polled console write, disabled wait);
 * host tests supply their own. */
#ifndef CP_SYS_STOP_H
#define CP_SYS_STOP_H
#include <stdint.h>
void stop_print(const char *line);
__attribute__((noreturn)) void stop_wait(uint64_t code);
#endif
