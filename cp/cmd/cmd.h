/* The CP command language.  A line is split into blank-separated tokens;
 * the first names a command from cmd_table (cp/cmd/table.c) by a unique
 * prefix at least the entry's minimum abbreviation long.  A command the
 * user's privilege classes do not allow is, as on z/VM, unknown to them.
 * Portable: host tests drive cmd_execute with a fake output. */
#ifndef CP_CMD_CMD_H
#define CP_CMD_CMD_H
#include <stdint.h>

#define CMD_LINE_MAX 256
#define CMD_MAXARGS  32

struct vm;

/* Who issues a command: the operator console, or a logged-on user (whose
 * virtual machine the command may act on; vm is NULL for the operator). */
struct cmd_user {
    const char *userid;
    const char *classes;        /* privilege classes, e.g. "ABCDEFG" */
    uint64_t logon_tod;
    uint64_t cp_time;           /* TOD units CP spent on this user's commands */
    struct vm *vm;
};

struct cmd_ctx {
    struct cmd_user *user;
    void (*write)(void *arg, const char *line);
    void *arg;
};

struct cmd_args {
    int n;                      /* tokens after the command word(s) */
    char *v[CMD_MAXARGS];       /* upper-cased copies */
    const char *raw[CMD_MAXARGS];   /* each token's start in the original line */
};

typedef int (*cmd_fn)(struct cmd_ctx *ctx, struct cmd_args *a);

struct cmd_entry {
    const char *name;
    uint8_t minlen;             /* minimum abbreviation */
    const char *classes;        /* any one of these allows it; "*" = all */
    cmd_fn fn;
    const char *summary;        /* one line for the docs and HELP */
};

extern const struct cmd_entry cmd_table[];
extern const struct cmd_entry query_table[];

/* Split line into tokens (upper-cased into buf).  Returns the token count,
 * or -1 if they do not all fit (more than CMD_MAXARGS, or buf too small). */
int cmd_tokenize(const char *line, char *buf, int bufsize, struct cmd_args *a);
/* Does `word` name `e` (prefix of its name, at least minlen long)? */
int cmd_matches(const struct cmd_entry *e, const char *word);
/* Do the privilege classes `have` include one of `need` ("*": any)? */
int cmd_class_allows(const char *need, const char *have);
/* Look word up in a table; NULL if no entry matches or the classes forbid it. */
const struct cmd_entry *cmd_lookup(const struct cmd_entry *table, const char *word,
                                   const char *classes);
/* Run one command line; returns the command's return code (z/VM's rc). */
int cmd_execute(struct cmd_ctx *ctx, const char *line);
/* Run a subcommand from a table (e.g. QUERY's operands): a->v[0] names it. */
int cmd_dispatch_sub(struct cmd_ctx *ctx, struct cmd_args *a, const struct cmd_entry *table,
                     const char *what);
/* Drop the first n tokens from a. */
void cmd_shift(struct cmd_args *a, int n);

void cmd_out(struct cmd_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* z/VM return codes for the standard messages. */
#define RC_UNKNOWN_CMD   1     /* HCPCMD001E */
#define RC_INVALID_OPER  2     /* HCPCMD002E */
#define RC_INVALID_OPT   3     /* HCPCMD003E */
#define RC_MISSING_OPER  26    /* HCPCMD026E */

int msg_invalid_option(struct cmd_ctx *ctx, const char *opt);
int msg_invalid_operand(struct cmd_ctx *ctx, const char *opd);
int msg_missing_operand(struct cmd_ctx *ctx);
#endif
