/* SHUTDOWN: stop ZCP.  Ends in a disabled wait with code X'961', the code
 * z/VM uses after HCPWRP961W. */
#include "cp/cmd/commands.h"
#include "cp/sys/control.h"
#include "cp/vm/vspool.h"

int cmd_shutdown(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n)
        return msg_invalid_option(ctx, a->v[0]);
    cmd_out(ctx, "HCPSHU960I SYSTEM SHUTDOWN STARTED");
    for (int i = 0; i < VM_MAX; i++)      /* open spool files are closed, as at LOGOFF */
        if (vms[i].in_use)
            vur_close_all(&vms[i]);
    cmd_out(ctx, "HCPWRP961W SYSTEM SHUTDOWN COMPLETE");
    system_shutdown();
    return 0;
}
