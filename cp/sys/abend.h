/* CP abends: an internal invariant broke.  Prints the abend code, the PSW
 * and the registers on the operator console, then loads a disabled wait
 * whose PSW address holds the abend code in EBCDIC (e.g. PRG001 shows as
 * 0000D7D9C7F0F0F1 on the Hercules panel).  Codes: docs/messages.md. */
#ifndef CP_SYS_ABEND_H
#define CP_SYS_ABEND_H
#include <stdint.h>

struct psw;
struct regs;

__attribute__((noreturn, format(printf, 2, 3)))
void abend(const char *code, const char *fmt, ...);
__attribute__((noreturn, format(printf, 4, 5)))
void abend_at(const char *code, const struct psw *psw, const struct regs *r, const char *fmt, ...);

/* Wait-state code for an abend code: its six characters in EBCDIC. */
uint64_t abend_wait_code(const char *code);

#define CP_ASSERT(cond, code) do { if (!(cond)) abend(code, "assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); } while (0)
#endif
