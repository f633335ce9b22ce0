/* Real storage as C pointers.  CP runs with DAT off, so a real address is
 * a pointer; host unit tests map "real storage" onto a buffer they own. */
#ifndef CP_MM_REAL_H
#define CP_MM_REAL_H
#include <stdint.h>
#ifdef ZCP_HOST
extern uint8_t *real_base;      /* tests/unit/fake_*.c */
static inline void *real_ptr(uint64_t real) { return real_base + real; }
#else
static inline void *real_ptr(uint64_t real) { return (void *)(uintptr_t)real; }
#endif
#endif
