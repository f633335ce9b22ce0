/* DIAGNOSE (X'83'): the one dispatch table of codes (diagnose/diag.c).
 *
 * Adding a code is one row in diag_table and one handler (docs/internals.md).
 * A handler gets the decoded instruction in struct diag_args; it reaches
 * the guest only through the helpers below and cp/vm/guest.h (guest real
 * addresses, checked against the guest's storage).  A helper that returns
 * -1 has already presented the program interruption: the handler returns. */
#ifndef DIAGNOSE_DIAG_H
#define DIAGNOSE_DIAG_H
#include <stddef.h>
#include "cp/vm/vm.h"

struct diag_args {
    struct vcpu *v;
    int rx, ry;             /* register numbers: R1 and R3 of DIAG R1,R3,D2(B2) */
    uint16_t code;
};

typedef void (*diag_fn)(struct diag_args *a);

struct diag_entry {
    uint16_t code;
    const char *name;
    const char *classes;    /* privilege classes, any one allows it ("*": all) */
    uint8_t problem_ok;     /* a problem-state guest may issue it */
    diag_fn fn;
};

extern const struct diag_entry diag_table[];
extern const int diag_rows;
/* How often each row ran, system-wide since IPL (per user: vm->diag.count). */
extern uint64_t diag_count[DIAG_ROWS_MAX];
extern uint64_t diag_undefined;
/* The first DIAG_UNDEF_MAX undefined codes guests issued since IPL, each
 * with its count (per user: vm->diag.undef_count[slot]); the rest are only
 * in diag_undefined.  diag_undef_slot: the slot for code, a new one if
 * there is room, or -1. */
extern uint16_t diag_undef_code[DIAG_UNDEF_MAX];
extern uint64_t diag_undef_n[DIAG_UNDEF_MAX];
extern int diag_undef_codes;
int diag_undef_slot(uint16_t code);

/* The row for code, or -1. */
int diag_row(uint16_t code);

/* Registers (64 bits) and the low word most codes use. */
static inline uint64_t diag_reg(struct diag_args *a, int r) { return vcpu_gpr(a->v, r & 15); }
static inline uint32_t diag_reg32(struct diag_args *a, int r) { return (uint32_t)vcpu_gpr(a->v, r & 15); }
/* Set the low word, keeping bits 0-31 (as z/VM's 31-bit interfaces do). */
void diag_set32(struct diag_args *a, int r, uint32_t val);
/* An address from a register, wrapped to the guest's addressing mode. */
uint64_t diag_addr(struct diag_args *a, int r);
int diag_amode64(struct diag_args *a);

/* Program interruptions (ILC 4); always -1, for `return diag_spec(a);`. */
int diag_spec(struct diag_args *a);
int diag_addressing(struct diag_args *a);
/* Specification exception unless r is even. */
int diag_even(struct diag_args *a, int r);
/* Storage at guest real addr: alignment (specification), then every byte
 * inside the guest (addressing).  0, or -1 after the interruption. */
int diag_check(struct diag_args *a, uint64_t addr, uint64_t len, unsigned align);
int diag_read(struct diag_args *a, uint64_t addr, void *buf, size_t len);
int diag_write(struct diag_args *a, uint64_t addr, const void *buf, size_t len);

/* Run CP command lines (ASCII, several separated by X'15') as the VM's
 * user; each response line goes to out(arg, line).  Returns the last
 * command's return code.  Stops early if the VM is logged off meanwhile. */
int diag_run_commands(struct vm *vm, const char *cmds,
                      void (*out)(void *arg, const char *line), void *arg);

/* Handlers (one file a family). */
void diag_x00(struct diag_args *a);     /* info.c */
void diag_x0c(struct diag_args *a);
void diag_x270(struct diag_args *a);
void diag_x60(struct diag_args *a);
void diag_x260(struct diag_args *a);
void diag_xb0(struct diag_args *a);
void diag_x08(struct diag_args *a);     /* console.c */
void diag_x5c(struct diag_args *a);
void diag_x24(struct diag_args *a);     /* devinfo.c */
void diag_x210(struct diag_args *a);
void diag_x44(struct diag_args *a);     /* sched.c */
void diag_x9c(struct diag_args *a);
void diag_x308(struct diag_args *a);    /* ipl.c */
void diag_x288(struct diag_args *a);    /* watchdog.c */
void diag_xdc(struct diag_args *a);     /* monitor.c */
void diag_x318(struct diag_args *a);
void diag_x10(struct diag_args *a);     /* paging.c */
void diag_x214(struct diag_args *a);
void diag_x258(struct diag_args *a);
/* A host page fault at guest absolute addr that needs a page-in: present
 * the pfault init interruption if the guest set up DIAG X'258' for it
 * (diagnose/paging.c); 1 if it did, the token in *token.  The pager posts
 * the completion with diag_pfault_done when the page is in: 0, or -1 if
 * the guest's queue is full now (try again later). */
int diag_pfault_init(struct vcpu *v, uint64_t addr, uint64_t *token);
int diag_pfault_done(struct vcpu *v, uint64_t token);
void diag_x14(struct diag_args *a);     /* spool.c */
void diag_xd8(struct diag_args *a);     /* spoolsys.c */
void diag_xf8(struct diag_args *a);
void diag_x204(struct diag_args *a);    /* hyper.c */
void diag_x2fc(struct diag_args *a);

/* Work DIAG leaves for task level (watchdog expiry): run from CP's command
 * loop, never from an interruption handler.  Returns 1 if it did some. */
int diag_task_work(void);

/* SET EMSG (cp/cmd/set.c) for a user without a virtual machine. */
extern uint8_t diag_operator_emsg;
#endif
