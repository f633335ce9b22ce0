/* TERMINAL and QUERY TERMINAL: the user's terminal as z/VM shows it.  ZCP's
 * terminals are line-mode 3215s, so CONMODE is always 3215 and none of
 * z/VM's line-editing characters are active.  Linux's conmode_default()
 * (arch/s390/kernel/setup.c) asks QUERY TERM through DIAG X'08', looks for
 * "CONMODE 3215" to choose its 3215 console driver, and then issues
 * TERMINAL CONMODE 3215 and TERMINAL AUTOCR OFF. */
#include "cp/cmd/cmd.h"
#include "cp/cmd/commands.h"
#include "cp/vm/vm.h"
#include "lib/mem.h"

int query_terminal(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n)
        return msg_invalid_option(ctx, a->v[0]);
    cmd_out(ctx, "LINEND OFF, LINEDEL OFF, CHARDEL OFF, ESCAPE OFF, TABCHAR OFF");
    struct vm *vm = ctx->user->vm;
    cmd_out(ctx, "MODE VM, CONMODE 3215, AUTOCR %s", vm && vm->autocr_off ? "OFF" : "ON");
    return 0;
}

/* TERMINAL CONMODE 3215: accepted (it is what the terminal is); another
 * mode is refused: ZCP has no 3270 console mode. */
static int term_conmode(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n == 0)
        return msg_missing_operand(ctx);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    if (strcmp(a->v[0], "3215") != 0)
        return msg_invalid_operand(ctx, a->v[0]);
    return 0;
}

/* TERMINAL AUTOCR ON|OFF: z/VM's carriage return after a VM READ on a
 * 3215-mode console.  Kept and shown; a line-mode terminal starts each
 * line on its own, so it changes nothing else. */
static int term_autocr(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n == 0)
        return msg_missing_operand(ctx);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    int off = strcmp(a->v[0], "OFF") == 0;
    if (!off && strcmp(a->v[0], "ON") != 0)
        return msg_invalid_option(ctx, a->v[0]);
    struct vm *vm = ctx->user->vm;
    if (vm)
        vm->autocr_off = (uint8_t)off;
    return 0;
}

static const struct cmd_entry terminal_table[] = {
    { "CONMODE", 3, "*", term_conmode, "the console mode: 3215" },
    { "AUTOCR",  6, "*", term_autocr,  "ON|OFF: carriage return after a VM READ" },
    { 0, 0, 0, 0, 0 },
};

int cmd_terminal(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return cmd_dispatch_sub(ctx, a, terminal_table, "TERMINAL");
}
