/* User terminals (telnet 3215s): logo, LOGON, console routing, DISCONNECT.
 * cp/sys/terminal.c; the operator console is cp/sys/opcon.c. */
#ifndef CP_SYS_TERMINAL_H
#define CP_SYS_TERMINAL_H
#include <stdint.h>
#include "cp/vm/vm.h"

/* Take every 3215 but the operator's as a user terminal. */
void terminals_init(void);
int terminal_count(void);
/* CP work for the dispatcher: connections, typed lines; 1 if any. */
int terminals_work(void);

/* The terminal a virtual machine is connected to: its device number, or 0
 * when disconnected. */
uint16_t vm_terminal_devno(struct vm *vm);
/* DISCONNECT: the virtual machine goes on without its terminal; -1 if it
 * has none. */
int vm_disconnect(struct vm *vm);
/* LOGOFF (or FORCE) is about to end vm: its terminal says so and shows the
 * logo again; kept console output is dropped. */
void vm_terminal_logoff(struct vm *vm);
/* Is the virtual machine in CP mode (its lines are CP commands)? */
int vm_in_cp_mode(struct vm *vm);
/* "CP READ", "VM READ" or "RUNNING". */
const char *vm_console_state(struct vm *vm);
#endif
