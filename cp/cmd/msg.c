/* MESSAGE (MSG) and MSGNOH: a line for another user (z/VM CP Commands and
 * Utilities Reference, "MESSAGE (User)", "MESSAGE (Privileged)", "MSGNOH").
 *   MESSAGE|MSG userid|*|ALL text   arrives as "MSG FROM sender  : text"
 *   MSGNOH userid|*|ALL text        arrives as the text alone (class B)
 * * is the sender; ALL (classes A, B) is everyone logged on, the operator
 * included.  Delivery is user_message(): the user's terminal, or where a
 * disconnected user's console output goes. */
#include "cp/cmd/commands.h"
#include "cp/sys/control.h"
#include "cp/vm/vm.h"
#include "lib/fmt.h"
#include "lib/str.h"

static int send_msg(struct cmd_ctx *ctx, struct cmd_args *a, int header)
{
    if (a->n < 1) {
        cmd_out(ctx, "HCPMSG020E Userid missing or invalid");
        return 20;
    }
    if (a->n < 2)
        return msg_missing_operand(ctx);
    const char *to = a->v[0];
    char line[CMD_LINE_MAX + 32];
    if (header)
        fmt(line, sizeof line, "MSG FROM %-8s: %s", ctx->user->userid, a->raw[1]);
    else
        fmt(line, sizeof line, "%s", a->raw[1]);
    if (strcmp(to, "ALL") == 0) {
        if (!strchr(ctx->user->classes, 'A') && !strchr(ctx->user->classes, 'B')) {
            cmd_out(ctx, "HCPMSG045E ALL not logged on");
            return 45;
        }
        user_message("OPERATOR", line);
        for (int i = 0; i < VM_MAX; i++)
            if (vms[i].in_use)
                user_message(vms[i].userid, line);
        return 0;
    }
    if (strcmp(to, "*") == 0)
        to = ctx->user->userid;
    if (user_message(to, line) != 0) {
        cmd_out(ctx, "HCPMSG045E %s not logged on", to);
        return 45;
    }
    return 0;
}

int cmd_message(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return send_msg(ctx, a, 1);
}

int cmd_msgnoh(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return send_msg(ctx, a, 0);
}
