/* A guest's SCLP (service-call logical processor), reached by SERVC:
 * Read SCP Info, and the event facility for a line-mode console
 * (cp/vm/vsclp.c).  Completion is a service-signal external interruption
 * X'2401' whose parameter is the SCCB address (bit 31 set if more events
 * are waiting for a Read Event Data). */
#ifndef CP_VM_VSCLP_H
#define CP_VM_VSCLP_H
#include <stdint.h>

#define VSCLP_LINES 8
#define VSCLP_LINE  160

struct vm;
struct vcpu;

struct vsclp {
    uint32_t cp_receive;        /* event types the guest takes (bit 0 = type 1) */
    uint32_t cp_send;           /* event types the guest sends */
    int signal;                 /* a service signal is pending (SERVC: cc 2) */
    uint32_t parm;              /* its parameter */
    char in[VSCLP_LINES][VSCLP_LINE];   /* lines typed, for Read Event Data */
    unsigned head, tail;
};

void instr_servc(struct vcpu *v);
/* A line the user typed: 1 if the guest's SCLP console took it (the guest
 * enabled receipt of operator-command events), else 0. */
int vsclp_console_input(struct vm *vm, const char *line);
/* System reset: event masks, pending signal and input are dropped. */
void vsclp_reset(struct vm *vm);
/* The service signal is being presented: its parameter; it is no longer
 * pending on any vCPU of the machine. */
uint32_t vsclp_take_signal(struct vm *vm);
#endif
