/* Helpers for the commands a user issues about their own virtual machine
 * (DEFINE, SYSTEM, STOP, BEGIN, IPL, DISPLAY, STORE, QUERY VIRTUAL). */
#ifndef CP_CMD_VMCMD_H
#define CP_CMD_VMCMD_H
#include "cp/cmd/cmd.h"
#include "cp/vm/vm.h"

#define RC_NO_VM 9002           /* HCPCMD9002E */
#define RC_NO_ROOM 9210         /* HCPDEF9210E-9212E: limits of ZCP, not of z/VM */

/* The issuer's virtual machine; NULL after HCPCMD9002E (the operator
 * console has none). */
struct vm *cmd_vm(struct cmd_ctx *ctx);
/* 1 to maxdigits hex digits, nothing else: 0 and *out, or -1. */
int cmd_hex(const char *s, int maxdigits, uint64_t *out);
/* The same, for the first len characters of s. */
int cmd_hexn(const char *s, int len, int maxdigits, uint64_t *out);
/* HCPxxx160E Hexloc hexloc exceeds storage; returns its rc (160). */
int msg_exceeds_storage(struct cmd_ctx *ctx, const char *mod, uint64_t addr);
#endif
