/* Operands DISPLAY and STORE share: guest storage locations and ranges
 * (hexloc, hexloc1-hexloc2, hexloc1:hexloc2, hexloc1-END, hexloc1.count)
 * and register numbers (0-15, or one hex digit A-F), as z/VM writes them. */
#include "cp/cmd/gaddr.h"
#include "cp/cmd/vmcmd.h"
#include "lib/str.h"

int gaddr_span(struct cmd_ctx *ctx, const char *mod, const char *op, const char *s,
               uint64_t deflen, uint64_t size, struct gspan *sp)
{
    size_t len = strlen(s), k = 0;
    while (k < len && s[k] != '-' && s[k] != ':' && s[k] != '.')
        k++;
    uint64_t from, to, count;
    if (cmd_hexn(s, (int)k, 16, &from) != 0)
        return msg_invalid_operand(ctx, op);
    if (from >= size)
        return msg_exceeds_storage(ctx, mod, from);
    const char *rest = s + k + 1;
    if (k == len) {
        to = from + deflen - 1;
    } else if (s[k] == '.') {
        if (cmd_hex(rest, 16, &count) != 0)
            return msg_invalid_operand(ctx, op);
        if (count == 0 || count - 1 > ~0ULL - from)
            goto bad_range;
        to = from + count - 1;
    } else if (strcmp(rest, "END") == 0) {
        to = size - 1;
    } else {
        if (cmd_hex(rest, 16, &to) != 0)
            return msg_invalid_operand(ctx, op);
        if (to < from)
            goto bad_range;
    }
    sp->from = from;
    sp->beyond = to >= size;
    sp->to = sp->beyond ? size - 1 : to;
    return 0;
bad_range:
    cmd_out(ctx, "HCP%s009E Invalid range - %s", mod, op);
    return 9;
}

/* A register number: 1-2 decimal digits (0-15) or one hex digit A-F. */
static int regno(const char *s, int len, int *out)
{
    uint64_t v;
    if (len == 1 && ch_isxdigit(s[0]) && cmd_hexn(s, 1, 1, &v) == 0) {
        *out = (int)v;
        return 0;
    }
    if (len == 2 && ch_isdigit(s[0]) && ch_isdigit(s[1])) {
        int n = (s[0] - '0') * 10 + s[1] - '0';
        if (n < 16) {
            *out = n;
            return 0;
        }
    }
    return -1;
}

int gaddr_regs(struct cmd_ctx *ctx, const char *mod, const char *op, const char *s, int *first,
               int *last)
{
    size_t len = strlen(s), k = 0;
    if (len == 0) {
        *first = 0;
        *last = 15;
        return 0;
    }
    while (k < len && s[k] != '-' && s[k] != ':')
        k++;
    if (regno(s, (int)k, first) != 0)
        return msg_invalid_operand(ctx, op);
    if (k == len) {
        *last = *first;
        return 0;
    }
    if (regno(s + k + 1, (int)(len - k - 1), last) != 0)
        return msg_invalid_operand(ctx, op);
    if (*last < *first) {
        cmd_out(ctx, "HCP%s009E Invalid range - %s", mod, op);
        return 9;
    }
    return 0;
}
