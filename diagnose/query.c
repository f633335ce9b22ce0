/* QUERY DIAG (class E): how often each DIAGNOSE code ran, in total since
 * IPL and for each user logged on, and what guests reported through X'DC'
 * and X'318'.
 *
 *   CODE NAME                                     TOTAL  BY USER
 *   0008 Virtual console function                    12  TESTG1=10 TESTG2=2
 *   ...
 *   0FFE (undefined)                                  1  TESTG2=1
 *   UNDEFINED (specification exception)               1  TESTG2=1
 *   TESTG1   X'DC' 3 CALLS, LAST FUNCTION 80, PRODUCT LINUXKR
 *   TESTG1   X'318' CPNC 04 CPVC 00000000000001 */
#include "diagnose/diag.h"
#include "cp/cmd/commands.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define LINE 200

/* row >= 0: a row of diag_table; -1: all undefined codes; -2 - slot: one
 * undefined code. */
static void by_user(char *line, size_t size, int row)
{
    size_t len = strlen(line);
    for (int i = 0; i < VM_MAX && len < size - 20; i++) {
        const struct vm *vm = &vms[i];
        uint32_t n = row >= 0 ? vm->diag.count[row] : row == -1 ? vm->diag.undefined
                   : vm->diag.undef_count[-2 - row];
        if (vm->in_use && n)
            len += (size_t)fmt(line + len, size - len, " %s=%u", vm->userid, n);
    }
}

int query_diag(struct cmd_ctx *ctx, struct cmd_args *a)
{
    char line[LINE];
    if (a->n)
        return msg_invalid_option(ctx, a->v[0]);
    cmd_out(ctx, "CODE NAME                                     TOTAL  BY USER");
    for (int r = 0; r < diag_rows; r++) {
        fmt(line, sizeof line, "%04X %-38s %8llu ", diag_table[r].code, diag_table[r].name,
            (unsigned long long)diag_count[r]);
        by_user(line, sizeof line, r);
        cmd_out(ctx, "%s", line);
    }
    for (int s = 0; s < diag_undef_codes; s++) {
        fmt(line, sizeof line, "%04X %-38s %8llu ", diag_undef_code[s], "(undefined)",
            (unsigned long long)diag_undef_n[s]);
        by_user(line, sizeof line, -2 - s);
        cmd_out(ctx, "%s", line);
    }
    fmt(line, sizeof line, "%-43s %8llu ", "UNDEFINED (specification exception)",
        (unsigned long long)diag_undefined);
    by_user(line, sizeof line, -1);
    cmd_out(ctx, "%s", line);
    for (int i = 0; i < VM_MAX; i++) {
        const struct vm *vm = &vms[i];
        if (!vm->in_use)
            continue;
        if (vm->diag.appldata.calls)
            cmd_out(ctx, "%-8s X'DC' %u CALLS, LAST FUNCTION %02X, PRODUCT %s", vm->userid,
                    vm->diag.appldata.calls, vm->diag.appldata.function,
                    vm->diag.appldata.product[0] ? vm->diag.appldata.product : "(NONE)");
        if (vm->diag.cpcodes)
            cmd_out(ctx, "%-8s X'318' CPNC %02X CPVC %014llX", vm->userid,
                    (unsigned)(vm->diag.cpcodes >> 56),
                    (unsigned long long)(vm->diag.cpcodes & 0x00FFFFFFFFFFFFFFULL));
    }
    return 0;
}
