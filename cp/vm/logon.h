#ifndef CP_VM_LOGON_H
#define CP_VM_LOGON_H
#include "cp/sys/directory.h"
#include "cp/vm/vm.h"
#include "cp/dev/rdev.h"
/* A virtual machine built from a directory entry: storage, vCPUs (1 + CPU
 * statements), console and reader.  NULL with a message on failure. */
struct vm *vm_logon(const struct dir_user *u, char *msg, int msgsize);
int vm_count(void);
/* IPL what the directory's IPL statement names, if anything: 0, or -1 with
 * a message (the user is then left in CP READ). */
int vm_logon_ipl(struct vm *vm, const struct dir_user *u, char *msg, int msgsize);
/* The real DASD volume with this volser (attached at IPL), or NULL. */
struct rdev *dasd_by_volser(const char *volser);
#endif
