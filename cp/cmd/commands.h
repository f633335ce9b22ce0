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
void autolog_startup(struct cmd_ctx *ctx);                      /* users.c: OPTION AUTOSTART at IPL */
int cmd_force(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_send(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_loadrdr(struct cmd_ctx *ctx, struct cmd_args *a);
int query_names(struct cmd_ctx *ctx, struct cmd_args *a);
int query_users(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_indicate(struct cmd_ctx *ctx, struct cmd_args *a);    /* indicate.c */
int query_frames(struct cmd_ctx *ctx, struct cmd_args *a);    /* frames.c */
int indicate_user(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_logoff(struct cmd_ctx *ctx, struct cmd_args *a);      /* session.c */
int cmd_disconnect(struct cmd_ctx *ctx, struct cmd_args *a);
/* hh:mm:ss and mmm:ss.hh of TOD intervals (query.c). */
void hms(uint64_t tod, char *buf, int size);
void cputime(uint64_t tod, char *buf, int size);
int cmd_define(struct cmd_ctx *ctx, struct cmd_args *a);     /* vmcmd.c */
int cmd_system(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_stop(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_begin(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_ipl(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_display(struct cmd_ctx *ctx, struct cmd_args *a);    /* display.c */
int cmd_store(struct cmd_ctx *ctx, struct cmd_args *a);      /* store.c */
int cmd_message(struct cmd_ctx *ctx, struct cmd_args *a);    /* msg.c */
int cmd_msgnoh(struct cmd_ctx *ctx, struct cmd_args *a);
int query_virtual(struct cmd_ctx *ctx, struct cmd_args *a);
int query_console(struct cmd_ctx *ctx, struct cmd_args *a);  /* qvirtual.c */
int query_terminal(struct cmd_ctx *ctx, struct cmd_args *a); /* terminal.c */
int cmd_terminal(struct cmd_ctx *ctx, struct cmd_args *a);   /* terminal.c */
int cmd_spool(struct cmd_ctx *ctx, struct cmd_args *a);       /* spoolcmd.c */
int cmd_close(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_purge(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_order(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_transfer(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_change(struct cmd_ctx *ctx, struct cmd_args *a);
/* cp/cmd/urcmd.c: real printers and punches (class D) */
int cmd_start(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_drain(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_flush(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_space(struct cmd_ctx *ctx, struct cmd_args *a);
/* spoolcmd.c: HOLD and FREE, the operator's system hold (class D) */
int cmd_hold(struct cmd_ctx *ctx, struct cmd_args *a);
int cmd_free(struct cmd_ctx *ctx, struct cmd_args *a);
/* vmcmd.c: DETACH CPU (cmd_detach, dasd.c, hands it the operands after CPU) */
int detach_cpu(struct cmd_ctx *ctx, struct cmd_args *a);
int query_rdr(struct cmd_ctx *ctx, struct cmd_args *a);
int query_prt(struct cmd_ctx *ctx, struct cmd_args *a);
int query_pun(struct cmd_ctx *ctx, struct cmd_args *a);
int query_files(struct cmd_ctx *ctx, struct cmd_args *a);
int query_diag(struct cmd_ctx *ctx, struct cmd_args *a);       /* diagnose/query.c */
int cmd_set(struct cmd_ctx *ctx, struct cmd_args *a);         /* set.c */
int set_emsg(struct cmd_ctx *ctx, struct cmd_args *a);
extern const struct cmd_entry set_table[];
int cmd_link(struct cmd_ctx *ctx, struct cmd_args *a);         /* link.c */
int cmd_detach(struct cmd_ctx *ctx, struct cmd_args *a);       /* dasd.c */
int cmd_attach(struct cmd_ctx *ctx, struct cmd_args *a);
int define_t3390(struct cmd_ctx *ctx, struct cmd_args *a);
/* DEFINE READER|PUNCH|PRINTER (cp/cmd/spoolcmd.c) */
int define_rdr(struct cmd_ctx *ctx, struct cmd_args *a);
int define_3505(struct cmd_ctx *ctx, struct cmd_args *a);
int define_pun(struct cmd_ctx *ctx, struct cmd_args *a);
int define_3525(struct cmd_ctx *ctx, struct cmd_args *a);
int define_prt(struct cmd_ctx *ctx, struct cmd_args *a);
int query_mdisk(struct cmd_ctx *ctx, struct cmd_args *a);
int query_links(struct cmd_ctx *ctx, struct cmd_args *a);
#endif
