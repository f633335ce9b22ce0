/* Ending or leaving a session: LOGOFF and DISCONNECT (the user's own). */
#include "cp/cmd/commands.h"
#include "cp/arch/clock.h"
#include "cp/sys/control.h"
#include "cp/sys/terminal.h"
#include "cp/vm/logon.h"
#include "lib/fmt.h"
#include "lib/str.h"

static int operator_refused(struct cmd_ctx *ctx, const char *what)
{
    cmd_out(ctx, "HCPCMD9135E The operator console has no session to %s", what);
    return 9135;
}

static uint64_t virtual_cpu_time(struct vm *vm)
{
    uint64_t t = 0;
    for (int i = 0; i < vm->nvcpu; i++)
        t += vm->vcpu[i]->cputime;
    return t;
}

/* LOGOFF [HOLD]: as z/VM, the connect and CPU times, then LOGOFF AT. */
int cmd_logoff(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = ctx->user->vm;
    if (!vm)
        return operator_refused(ctx, "log off");
    if (a->n > 1 || (a->n == 1 && str_casecmp(a->v[0], "HOLD") != 0))
        return msg_invalid_option(ctx, a->v[a->n == 1 ? 0 : 1]);
    char conn[16], virt[16], tot[16], line[120], userid[9];
    uint64_t vcpu = virtual_cpu_time(vm);
    hms(tod_now() - vm->user.logon_tod, conn, sizeof conn);
    cputime(vcpu, virt, sizeof virt);
    cputime(vcpu + vm->user.cp_time, tot, sizeof tot);
    cmd_out(ctx, "CONNECT= %s VIRTCPU= %s TOTCPU= %s", conn, virt, tot);
    uint16_t term = vm_terminal_devno(vm);
    str_copy(userid, vm->userid, sizeof userid);
    vm_terminal_logoff(vm);
    vm_destroy(vm);
    if (term)
        fmt(line, sizeof line, "TERM %04X LOGOFF AS  %-8s USERS = %03d", term, userid, vm_count());
    else
        fmt(line, sizeof line, "USER DSC   LOGOFF AS  %-8s USERS = %03d", userid, vm_count());
    console_message(line);
    return 0;
}

int cmd_disconnect(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = ctx->user->vm;
    if (!vm)
        return operator_refused(ctx, "disconnect");
    if (a->n > 1 || (a->n == 1 && str_casecmp(a->v[0], "HOLD") != 0))
        return msg_invalid_option(ctx, a->v[a->n == 1 ? 0 : 1]);
    if (vm_disconnect(vm) != 0) {
        cmd_out(ctx, "HCPCMD9136E %s is already disconnected", vm->userid);
        return 9136;
    }
    return 0;
}
