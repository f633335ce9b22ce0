/* Class D control of the real printers and punches (cp/dev/urout.c), in
 * z/VM's forms (z/VM CP Commands and Utilities Reference: START, DRAIN,
 * FLUSH, SPACE):
 *   START PRINTER|PUNCH|rdev|ALL [CLASS c...]   (up to 8 classes, or *)
 *   DRAIN PRINTER|PUNCH|rdev|ALL                 (after the file in progress)
 *   FLUSH rdev [ALL] [HOLD]                      (end the file in progress)
 *   SPACE rdev                                   (printer: single spacing)
 * Messages: docs/messages.md. */
#include "cp/cmd/commands.h"
#include "cp/dev/urout.h"
#include "cp/vm/vspool.h"
#include "lib/str.h"

static const char *qn(const struct urout *o)
{
    return o->queue == SQ_PRT ? "PRT" : "PUN";
}

/* Which devices a word names: sets sel[] and returns how many, or -1
 * (message given). */
static int select_devs(struct cmd_ctx *ctx, const char *w, int printer_only, struct urout **sel)
{
    int n = 0, q = 0;
    size_t l = strlen(w);
    if (l >= 1 && l <= 7 && !strncmp("PRINTER", w, l))
        q = SQ_PRT;
    else if (l >= 2 && l <= 5 && !strncmp("PUNCH", w, l))
        q = SQ_PUN;
    else if (!strcmp(w, "ALL"))
        q = -1;
    if (q) {
        for (int i = 0; i < urout_count(); i++) {
            struct urout *o = urout_at(i);
            if ((q < 0 || o->queue == q) && !(printer_only && o->queue != SQ_PRT))
                sel[n++] = o;
        }
        if (!n)
            cmd_out(ctx, "HCPCSU040E Device %s does not exist", w);
        return n ? n : -1;
    }
    uint32_t x = 0;
    int digits = 0;
    for (const char *p = w; *p; p++, digits++) {
        if (!ch_isxdigit(*p) || digits == 4) {
            msg_invalid_operand(ctx, w);
            return -1;
        }
        x = x * 16 + (uint32_t)(ch_isdigit(*p) ? *p - '0' : ch_upper(*p) - 'A' + 10);
    }
    struct urout *o = digits ? urout_find((uint16_t)x) : 0;
    if (!o || (printer_only && o->queue != SQ_PRT)) {
        cmd_out(ctx, "HCPCSU040E Device %04X does not exist", (unsigned)x);
        return -1;
    }
    sel[0] = o;
    return 1;
}

int cmd_start(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct urout *sel[UROUT_MAX];
    if (a->n < 1)
        return msg_missing_operand(ctx);
    int n = select_devs(ctx, a->v[0], 0, sel);
    if (n < 0)
        return 40;
    char classes[9] = "";
    int i = 1;
    if (i < a->n && (!strcmp(a->v[i], "CLASS") || !strcmp(a->v[i], "CL"))) {
        if (++i >= a->n)
            return msg_missing_operand(ctx);
        int k = 0;
        for (; i < a->n; i++) {
            const char *c = a->v[i];
            size_t l = strlen(c);
            for (size_t j = 0; j < l; j++) {
                if (!(ch_isdigit(c[j]) || (c[j] >= 'A' && c[j] <= 'Z') || (c[j] == '*' && l == 1)) ||
                    k == 8)
                    return msg_invalid_operand(ctx, c);
                classes[k++] = c[j];
                classes[k] = 0;
            }
        }
        if (strchr(classes, '*'))
            str_copy(classes, "*", sizeof classes);
    } else if (i < a->n) {
        return msg_invalid_option(ctx, a->v[i]);
    }
    for (int k = 0; k < n; k++) {
        if (classes[0])
            str_copy(sel[k]->classes, classes, sizeof sel[k]->classes);
        sel[k]->started = 1;
        cmd_out(ctx, "%s %04X STARTED CLASS %s", qn(sel[k]), sel[k]->devno, sel[k]->classes);
    }
    urout_kick();
    return 0;
}

int cmd_drain(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct urout *sel[UROUT_MAX];
    if (a->n < 1)
        return msg_missing_operand(ctx);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    int n = select_devs(ctx, a->v[0], 0, sel);
    if (n < 0)
        return 40;
    for (int k = 0; k < n; k++) {
        sel[k]->started = 0;
        sel[k]->space = 0;
        /* A file in progress is finished first; then DRAINED (urout.c). */
        sel[k]->draining = sel[k]->active != 0;
        cmd_out(ctx, "%s %04X %s", qn(sel[k]), sel[k]->devno, sel[k]->active ? "DRAINING" : "DRAINED");
    }
    return 0;
}

/* FLUSH rdev [ALL] [HOLD]: end the file the device is writing now: its
 * current copy (the next copy follows), or with ALL every copy; the file
 * is purged, or with HOLD kept in system hold (z/VM FLUSH).  The device
 * then takes its next file unless it is drained. */
int cmd_flush(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct urout *sel[UROUT_MAX];
    if (a->n < 1)
        return msg_missing_operand(ctx);
    int all = 0, hold = 0;
    for (int i = 1; i < a->n; i++) {
        const char *w = a->v[i];
        size_t l = strlen(w);
        if (!strcmp(w, "ALL") && !all)
            all = 1;
        else if (l >= 2 && l <= 4 && !strncmp("HOLD", w, l) && !hold)
            hold = 1;
        else
            return msg_invalid_option(ctx, w);
    }
    if (a->v[0][0] == 'P' || !strcmp(a->v[0], "ALL"))
        return msg_invalid_operand(ctx, a->v[0]);   /* one device, by number */
    if (select_devs(ctx, a->v[0], 0, sel) != 1)
        return 40;
    struct urout *o = sel[0];
    uint16_t id = 0;
    unsigned copy = 0;
    int r = urout_flush(o, all, hold, &id, &copy);
    if (!r)
        cmd_out(ctx, "%s %04X NOT ACTIVE", qn(o), o->devno);
    else if (r == 2)
        cmd_out(ctx, "%s %04X FILE %04d COPY %03u FLUSHED", qn(o), o->devno, id, copy);
    else
        cmd_out(ctx, "%s %04X FILE %04d FLUSHED%s", qn(o), o->devno, id, hold ? " AND HELD" : "");
    return 0;
}

int cmd_space(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct urout *sel[UROUT_MAX];
    if (a->n < 1)
        return msg_missing_operand(ctx);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    int n = select_devs(ctx, a->v[0], 1, sel);
    if (n < 0)
        return 40;
    for (int k = 0; k < n; k++) {
        sel[k]->space = 1;
        cmd_out(ctx, "PRT %04X SPACE 1 FORCED", sel[k]->devno);
    }
    return 0;
}
