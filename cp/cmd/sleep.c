/* SLEEP [n [SEC|MIN|HR]]: wait for the time given (seconds if no unit),
 * or until the user types a line; with no operands, until a line. */
#include "cp/cmd/commands.h"
#include "cp/sys/control.h"
#include "lib/str.h"
#include "lib/tod.h"

#define SLEEP_MAX 9999

int cmd_sleep(struct cmd_ctx *ctx, struct cmd_args *a)
{
    uint64_t n = 0, unit = TOD_PER_SEC;
    if (a->n > 2)
        return msg_invalid_option(ctx, a->v[2]);
    if (a->n >= 1) {
        const char *s = a->v[0];
        if (!*s || strlen(s) > 4)
            return msg_invalid_operand(ctx, s);
        for (; *s; s++) {
            if (!ch_isdigit(*s))
                return msg_invalid_operand(ctx, a->v[0]);
            n = n * 10 + (uint64_t)(*s - '0');
        }
    }
    if (a->n == 2) {
        const char *u = a->v[1];
        size_t len = strlen(u);
        if (len >= 3 && strncmp("SECONDS", u, len) == 0 && len <= 7)
            unit = TOD_PER_SEC;
        else if (len >= 3 && strncmp("MINUTES", u, len) == 0 && len <= 7)
            unit = 60 * TOD_PER_SEC;
        else if (len >= 2 && strncmp("HRS", u, len) == 0 && len <= 3)   /* z/VM: HRs */
            unit = 3600 * TOD_PER_SEC;
        else
            return msg_invalid_option(ctx, u);
    }
    console_sleep(a->n ? n * unit : ~0ULL);
    return 0;
}
