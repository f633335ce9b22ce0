/* SET: user settings, one row a setting in set_table (cp/cmd/table.c).
 * SET EMSG ON|TEXT|CODE|OFF|IGNORE: how error messages are shown, as z/VM
 * (CP Commands and Utilities Reference, SET EMSG); DIAG X'5C' edits a
 * guest's messages by it.  A virtual machine keeps its setting (ON at
 * logon); the operator's is kept for the operator. */
#include "cp/cmd/commands.h"
#include "cp/vm/vm.h"
#include "diagnose/diag.h"
#include "lib/mem.h"

uint8_t diag_operator_emsg;

int cmd_set(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return cmd_dispatch_sub(ctx, a, set_table, "SET");
}

int set_emsg(struct cmd_ctx *ctx, struct cmd_args *a)
{
    static const char *const names[] = { "ON", "TEXT", "CODE", "OFF", "IGNORE" };
    if (a->n == 0)
        return msg_missing_operand(ctx);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(a->v[0], names[i]) == 0) {
            struct vm *vm = ctx->user->vm;
            *(vm ? &vm->diag.emsg : &diag_operator_emsg) = (uint8_t)i;
            return 0;
        }
    return msg_invalid_option(ctx, a->v[0]);
}
