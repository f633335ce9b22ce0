/* Guest storage and register operands of DISPLAY and STORE (cp/cmd/gaddr.c). */
#ifndef CP_CMD_GADDR_H
#define CP_CMD_GADDR_H
#include <stdint.h>
#include "cp/cmd/cmd.h"

struct gspan {
    uint64_t from, to;          /* inclusive, both inside storage */
    int beyond;                 /* the range asked for went past the end */
};

/* Parse s (the operand without its letter): hexloc alone covers deflen
 * bytes.  0, or the rc after the message: HCPmod002E (form), HCPmod160E
 * (hexloc past the end of storage), HCPmod009E (range backwards or empty).
 * op is the operand as typed, for the messages. */
int gaddr_span(struct cmd_ctx *ctx, const char *mod, const char *op, const char *s,
               uint64_t deflen, uint64_t size, struct gspan *sp);
/* Register operand after its letter: "" is 0-15; n, n-m, n:m.  0 or rc. */
int gaddr_regs(struct cmd_ctx *ctx, const char *mod, const char *op, const char *s, int *first,
               int *last);
#endif
