/* Command parsing and dispatch (portable). */
#include <stdarg.h>
#include "cp/cmd/cmd.h"
#include "cp/vm/vm.h"
#include "cp/arch/clock.h"
#include "lib/fmt.h"
#include "lib/str.h"

int cmd_tokenize(const char *line, char *buf, int bufsize, struct cmd_args *a)
{
    int used = 0;
    a->n = 0;
    const char *p = line;
    while (*p) {
        while (ch_isspace(*p))
            p++;
        if (!*p)
            break;
        int len = 0;
        while (p[len] && !ch_isspace(p[len]))
            len++;
        /* A line that does not fit is refused whole: dropping its tail
         * could turn a bad command into a different good one. */
        if (a->n == CMD_MAXARGS || used + len + 1 > bufsize)
            return -1;
        char *tok = buf + used;
        for (int i = 0; i < len; i++)
            tok[i] = (char)ch_upper(p[i]);
        tok[len] = 0;
        used += len + 1;
        a->raw[a->n] = p;
        a->v[a->n++] = tok;
        p += len;
    }
    return a->n;
}

int cmd_matches(const struct cmd_entry *e, const char *word)
{
    size_t n = strlen(word);
    return n >= e->minlen && n <= strlen(e->name) && strncmp(e->name, word, n) == 0;
}

int cmd_class_allows(const char *need, const char *have)
{
    if (need[0] == '*')
        return 1;
    for (; *need; need++)
        if (strchr(have, *need))
            return 1;
    return 0;
}

const struct cmd_entry *cmd_lookup(const struct cmd_entry *table, const char *word,
                                   const char *classes)
{
    for (const struct cmd_entry *e = table; e->name; e++)
        if (cmd_matches(e, word))
            return cmd_class_allows(e->classes, classes) ? e : 0;
    return 0;
}

void cmd_shift(struct cmd_args *a, int n)
{
    if (n > a->n)
        n = a->n;
    for (int i = n; i < a->n; i++) {
        a->v[i - n] = a->v[i];
        a->raw[i - n] = a->raw[i];
    }
    a->n -= n;
}

void cmd_out(struct cmd_ctx *ctx, const char *f, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, f);
    vfmt(line, sizeof line, f, ap);
    va_end(ap);
    ctx->write(ctx->arg, line);
}

int msg_invalid_option(struct cmd_ctx *ctx, const char *opt)
{
    cmd_out(ctx, "HCPCMD003E Invalid option - %s", opt);
    return RC_INVALID_OPT;
}

int msg_invalid_operand(struct cmd_ctx *ctx, const char *opd)
{
    cmd_out(ctx, "HCPCMD002E Invalid operand - %s", opd);
    return RC_INVALID_OPER;
}

int msg_missing_operand(struct cmd_ctx *ctx)
{
    cmd_out(ctx, "HCPCMD026E Operand missing or invalid");
    return RC_MISSING_OPER;
}

int cmd_dispatch_sub(struct cmd_ctx *ctx, struct cmd_args *a, const struct cmd_entry *table,
                     const char *what)
{
    if (a->n == 0)
        return msg_missing_operand(ctx);
    const struct cmd_entry *e = cmd_lookup(table, a->v[0], ctx->user->classes);
    if (!e)
        return msg_invalid_option(ctx, a->v[0]);
    cmd_shift(a, 1);
    return e->fn(ctx, a);
}

int cmd_execute(struct cmd_ctx *ctx, const char *line)
{
    char buf[CMD_LINE_MAX * 2];
    struct cmd_args a;
    int n = cmd_tokenize(line, buf, sizeof buf, &a);
    if (n == 0)
        return 0;               /* an empty line does nothing */
    if (n < 0) {
        cmd_out(ctx, "HCPCMD9001E Command line too long or too many operands; nothing done");
        return 9001;
    }
    uint64_t start = tod_now();
    int rc;
    const struct cmd_entry *e = cmd_lookup(cmd_table, a.v[0], ctx->user->classes);
    if (!e) {
        cmd_out(ctx, "HCPCMD001E Unknown CP command: %s", a.v[0]);
        rc = RC_UNKNOWN_CMD;
    } else {
        cmd_shift(&a, 1);
        /* A command about the user's own VM must not race a second real
         * CPU running it (cp/sched/dispatch.c). */
        struct vm *vm = ctx->user->vm;
        if (vm)
            vm_hold(vm);
        rc = e->fn(ctx, &a);
        if (vm)
            vm_release(vm);
    }
    ctx->user->cp_time += tod_now() - start;
    return rc;
}
