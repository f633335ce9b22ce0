/* STORE: change a user's own virtual machine (z/VM CP Commands and
 * Utilities Reference, "STORE (Guest Storage - z/Architecture)", "STORE
 * (Registers)", "STORE PSW"):
 *   STORE PSW [w1 [w2 [w3]]] w4   up to four words, right-aligned in the PSW
 *   STORE Gn|Cn data [data ...]   data into register n, n+1, ...
 *   STORE [L|R]hexloc data [...]  the bytes of each data at hexloc, hexloc+...
 * data is 1-16 hex digits (an odd count gets a leading zero; into
 * storage it is that many bytes, into a register it is right-aligned).
 * Everything is checked first: a refused STORE stores nothing. */
#include "cp/cmd/commands.h"
#include "cp/cmd/gaddr.h"
#include "cp/cmd/vmcmd.h"
#include "cp/vm/guest.h"
#include "lib/str.h"

#define STORE_MAX 256           /* bytes one STORE may write (32 tokens of 8) */

static int store_psw(struct cmd_ctx *ctx, struct vcpu *v, struct cmd_args *a)
{
    uint32_t w[4] = { (uint32_t)(v->sd.psw_mask >> 32), (uint32_t)v->sd.psw_mask,
                      (uint32_t)(v->sd.psw_addr >> 32), (uint32_t)v->sd.psw_addr };
    if (a->n < 2)
        return msg_missing_operand(ctx);
    if (a->n > 5)
        return msg_invalid_option(ctx, a->v[5]);
    int first = 4 - (a->n - 1);
    for (int i = 1; i < a->n; i++) {
        uint64_t x;
        if (cmd_hex(a->v[i], 8, &x) != 0)
            return msg_invalid_operand(ctx, a->v[i]);
        w[first + i - 1] = (uint32_t)x;
    }
    v->sd.psw_mask = (uint64_t)w[0] << 32 | w[1];
    v->sd.psw_addr = (uint64_t)w[2] << 32 | w[3];
    return 0;
}

static int store_regs(struct cmd_ctx *ctx, struct vcpu *v, struct cmd_args *a)
{
    int first, last, rc;
    const char *op = a->v[0];
    if ((rc = gaddr_regs(ctx, "CMD", op, op + 1, &first, &last)) != 0)
        return rc;
    if (first != last || op[1] == 0)
        return msg_invalid_operand(ctx, op);
    if (a->n < 2)
        return msg_missing_operand(ctx);
    uint64_t val[16];
    for (int i = 1; i < a->n; i++) {
        if (first + i - 1 > 15)
            return msg_invalid_option(ctx, a->v[i]);
        if (cmd_hex(a->v[i], 16, &val[i - 1]) != 0)
            return msg_invalid_operand(ctx, a->v[i]);
    }
    for (int i = 1; i < a->n; i++) {
        int r = first + i - 1;
        if (op[0] == 'C')
            v->sd.gcr[r] = val[i - 1];
        else
            vcpu_set_gpr(v, r, val[i - 1]);
    }
    return 0;
}

static int store_storage(struct cmd_ctx *ctx, struct vcpu *v, struct cmd_args *a)
{
    const char *op = a->v[0];
    const char *s = op[0] == 'L' || op[0] == 'R' ? op + 1 : op;
    uint64_t addr, size = v->vm->stor.size;
    if (cmd_hex(s, 16, &addr) != 0)
        return msg_invalid_operand(ctx, op);
    if (addr >= size)
        return msg_exceeds_storage(ctx, "STO", addr);
    if (a->n < 2)
        return msg_missing_operand(ctx);
    uint8_t data[STORE_MAX];
    size_t len = 0;
    for (int i = 1; i < a->n; i++) {
        uint64_t x;
        size_t digits = strlen(a->v[i]);
        if (cmd_hex(a->v[i], 16, &x) != 0)
            return msg_invalid_operand(ctx, a->v[i]);
        for (size_t k = (digits + 1) / 2; k > 0; k--)
            data[len++] = (uint8_t)(x >> (8 * (k - 1)));
    }
    if (len > size - addr)
        return msg_exceeds_storage(ctx, "STO", size);
    guest_write(v, addr, data, len);
    return 0;
}

int cmd_store(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n == 0)
        return msg_missing_operand(ctx);
    struct vcpu *v = vm->vcpu[0];
    const char *op = a->v[0];
    int rc;
    if (strcmp(op, "PSW") == 0)
        rc = store_psw(ctx, v, a);
    else if (op[0] == 'G' || op[0] == 'C')
        rc = store_regs(ctx, v, a);
    else
        rc = store_storage(ctx, v, a);
    if (rc == 0)
        cmd_out(ctx, "Store complete.");
    return rc;
}
