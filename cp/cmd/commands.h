/* Command handlers, one family a file in cp/cmd/. */
#ifndef CP_CMD_COMMANDS_H
#define CP_CMD_COMMANDS_H
#include "cp/cmd/cmd.h"

int cmd_query(struct cmd_ctx *ctx, struct cmd_args *a);       /* query.c */
int query_time(struct cmd_ctx *ctx, struct cmd_args *a);
int query_cplevel(struct cmd_ctx *ctx, struct cmd_args *a);
int query_storage(struct cmd_ctx *ctx, struct cmd_args *a);
int query_processors(struct cmd_ctx *ctx, struct cmd_args *a);
int query_dasd(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_shutdown(struct cmd_ctx *ctx, struct cmd_args *a);    /* shutdown.c */
int cmd_sleep(struct cmd_ctx *ctx, struct cmd_args *a);       /* sleep.c */
int cmd_xautolog(struct cmd_ctx *ctx, struct cmd_args *a);    /* users.c */
int cmd_force(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_send(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_loadrdr(struct cmd_ctx *ctx, struct cmd_args *a);
int query_names(struct cmd_ctx *ctx, struct cmd_args *a);
int query_users(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_link(struct cmd_ctx *ctx, struct cmd_args *a);         /* link.c */
int cmd_detach(struct cmd_ctx *ctx, struct cmd_args *a);       /* dasd.c */
int cmd_attach(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_define(struct cmd_ctx *ctx, struct cmd_args *a);
int query_mdisk(struct cmd_ctx *ctx, struct cmd_args *a);
int query_links(struct cmd_ctx *ctx, struct cmd_args *a);
#endif
