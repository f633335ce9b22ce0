/* DIAGNOSE (X'83'): the one dispatch table of codes (diagnose/diag.c). */
#ifndef DIAGNOSE_DIAG_H
#define DIAGNOSE_DIAG_H
#include "cp/vm/vm.h"

struct diag_args {
    struct vcpu *v;
    int rx, ry;             /* register numbers from the instruction */
    uint16_t code;
};

typedef void (*diag_fn)(struct diag_args *a);

struct diag_entry {
    uint16_t code;
    const char *name;
    diag_fn fn;
};

extern const struct diag_entry diag_table[];
/* Counters: how often each table row ran (index = row). */
extern uint64_t diag_count[];
#endif
