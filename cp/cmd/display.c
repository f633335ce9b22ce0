/* DISPLAY: a user's look at their own virtual machine (z/VM CP Commands
 * and Utilities Reference, "DISPLAY (Guest Storage - z/Architecture)",
 * "DISPLAY (Registers)", "DISPLAY PSW").  Operands, any number of them:
 *   PSW                 PSW = mmmmmmmm mmmmmmmm aaaaaaaa aaaaaaaa
 *   G | Gn | Gn-m       GRG  n =  rrrrrrrrrrrrrrrr  rrrrrrrrrrrrrrrr (two a line)
 *   C | Cn | Cn-m       CRG  n =  ... (control registers)
 *   [L|R|N]hexloc[...]  R<16 hex digits>  words (from the fullword holding hexloc)
 *   Thexloc[...]        the same from the 16-byte line, with EBCDIC text *...*
 * Storage is the guest's real storage (with the base CPU's prefixing): a
 * guest running with DAT on gets no translation of L addresses yet.  A
 * run of whole lines equal to the one before is one line,
 * "R... TO ... SUPPRESSED LINE(S) SAME AS ABOVE ...". */
#include "cp/cmd/commands.h"
#include "cp/cmd/gaddr.h"
#include "cp/cmd/vmcmd.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/str.h"
#include "cp/vm/guest.h"

static void show_psw(struct cmd_ctx *ctx, struct vcpu *v)
{
    cmd_out(ctx, "PSW = %08X %08X %08X %08X", (unsigned)(v->sd.psw_mask >> 32),
            (unsigned)v->sd.psw_mask, (unsigned)(v->sd.psw_addr >> 32), (unsigned)v->sd.psw_addr);
}

/* Registers first..last, two a line, as z/VM shows 64-bit registers. */
static void show_regs(struct cmd_ctx *ctx, struct vcpu *v, int ctl, int first, int last)
{
    for (int r = first; r <= last; r += 2) {
        uint64_t a = ctl ? v->sd.gcr[r] : vcpu_gpr(v, r);
        char line[80];
        int n = fmt(line, sizeof line, "%s %2d =  %016llX", ctl ? "CRG" : "GRG", r,
                    (unsigned long long)a);
        if (r < last) {
            uint64_t b = ctl ? v->sd.gcr[r + 1] : vcpu_gpr(v, r + 1);
            fmt(line + n, sizeof line - (size_t)n, "  %016llX", (unsigned long long)b);
        }
        cmd_out(ctx, "%s", line);
    }
}

struct dump {
    struct cmd_ctx *ctx;
    struct vcpu *v;
    int text;
    uint8_t prev[16];
    int have_prev;              /* prev holds the last whole line shown */
    uint64_t sup_from, sup_to;  /* lines left out, if sup_from <= sup_to */
};

static void flush_suppressed(struct dump *d)
{
    if (d->sup_from <= d->sup_to)
        cmd_out(d->ctx, "R%016llX TO %016llX SUPPRESSED LINE(S) SAME AS ABOVE ...",
                (unsigned long long)d->sup_from, (unsigned long long)d->sup_to);
    d->sup_from = 1;
    d->sup_to = 0;
}

static void show_line(struct dump *d, uint64_t a, const uint8_t *b, int n)
{
    char line[120];
    int len = fmt(line, sizeof line, "R%016llX ", (unsigned long long)a);
    for (int i = 0; i < n; i += 4)
        len += fmt(line + len, sizeof line - (size_t)len, " %08X", be32_get(b + i));
    if (d->text) {
        char t[17];
        for (int i = 0; i < 16; i++) {
            int c = ebcdic_to_ascii[b[i]];
            t[i] = c >= 0x20 && c < 0x7F ? (char)c : '.';
        }
        t[16] = 0;
        fmt(line + len, sizeof line - (size_t)len, "  *%s*", t);
    }
    cmd_out(d->ctx, "%s", line);
}

static int all_zero(const uint8_t *b)
{
    for (int i = 0; i < 16; i++)
        if (b[i])
            return 0;
    return 1;
}

/* A guest page CP never backed reads as zeros: a run of zero lines skips it whole. */
static int unbacked(struct vcpu *v, uint64_t real)
{
    return gstor_real(&v->vm->stor, gstor_prefix(real & ~0xFFFULL, v->sd.prefix), 0) == 0;
}

static void show_storage(struct cmd_ctx *ctx, struct vcpu *v, int text, uint64_t from, uint64_t to)
{
    struct dump d = { .ctx = ctx, .v = v, .text = text, .sup_from = 1, .sup_to = 0 };
    uint64_t a = text ? from & ~15ULL : from & ~3ULL;
    uint64_t last = text ? to | 15 : to | 3;
    while (a <= last) {
        uint64_t end = a | 15;
        if (end > last)
            end = last;
        int n = (int)(end - a + 1);
        uint8_t b[16];
        guest_read(v, a, b, (size_t)n);
        int whole = n == 16;
        if (whole && d.have_prev && memcmp(b, d.prev, 16) == 0) {
            if (d.sup_from > d.sup_to)
                d.sup_from = a;
            if (all_zero(b) && unbacked(v, a) && (a | 0xFFF) <= last)
                end = a | 0xFFF;
            d.sup_to = end;
            a = end + 1;
            continue;
        }
        flush_suppressed(&d);
        show_line(&d, a, b, n);
        d.have_prev = whole;
        if (whole)
            memcpy(d.prev, b, 16);
        a = end + 1;
    }
    flush_suppressed(&d);
}

static int display_one(struct cmd_ctx *ctx, struct vm *vm, const char *op)
{
    struct vcpu *v = vm->vcpu[0];
    int first, last, rc;
    if (strcmp(op, "PSW") == 0) {
        show_psw(ctx, v);
        return 0;
    }
    if (op[0] == 'G' || op[0] == 'C') {
        if ((rc = gaddr_regs(ctx, "CMD", op, op + 1, &first, &last)) != 0)
            return rc;
        show_regs(ctx, v, op[0] == 'C', first, last);
        return 0;
    }
    if (op[0] == 'K') {
        cmd_out(ctx, "HCPDSP9220E Storage keys of guest storage cannot be displayed yet");
        return 9220;
    }
    int text = op[0] == 'T';
    const char *s = op[0] == 'L' || op[0] == 'R' || op[0] == 'N' || text ? op + 1 : op;
    struct gspan sp;
    if ((rc = gaddr_span(ctx, "DSP", op, s, 1, vm->stor.size, &sp)) != 0)
        return rc;
    show_storage(ctx, v, text, sp.from, sp.to);
    return sp.beyond ? msg_exceeds_storage(ctx, "DSP", vm->stor.size) : 0;
}

int cmd_display(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n == 0)
        return msg_missing_operand(ctx);
    for (int i = 0; i < a->n; i++) {
        int rc = display_one(ctx, vm, a->v[i]);
        if (rc)
            return rc;
    }
    return 0;
}
