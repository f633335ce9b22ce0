/* Minidisk links (cp/vm/mdlink.c): who shares a minidisk, z/VM's rules
 * for each access mode, and defining a user's virtual 3390 for another
 * user's (or its own) MDISK statement. */
#ifndef CP_VM_MDLINK_H
#define CP_VM_MDLINK_H
#include <stddef.h>
#include "cp/sys/directory.h"
#include "cp/vm/vm.h"
#include "cp/vm/logon.h"

struct mdisk_usage {
    int readers, writers;       /* other users' links, read-only and read/write */
    const char *writer;         /* one of the writers, for messages */
};
/* Links to the minidisk at [start, start+cyls) of r, by users other than except. */
void mdisk_usage(const struct rdev *r, uint32_t start, uint32_t cyls, const struct vm *except,
                 struct mdisk_usage *u);

enum { MDISK_REFUSED = -1, MDISK_READ = 0, MDISK_WRITE = 1, MDISK_FORCED_READ = 2 };
/* R: read unless someone writes; RR: read; W: write if nobody else has it;
 * WR: W, else read; M: write unless someone writes; MR: M, else read;
 * MW: write. */
int mdisk_access(enum dir_mode mode, const struct mdisk_usage *u);
/* The MDISK password that mode needs ("" if the owner gave none: no such link). */
const char *mdisk_password(const struct dir_dev *md, enum dir_mode mode);

/* Give vm a virtual 3390 at vdev for owner's minidisk target in mode
 * (the sharing rules applied; passwords are the caller's business).
 * 0, with a warning in msg when forced read-only (msg "" otherwise), or a
 * return code with the error message in msg. */
int mdisk_link(struct vm *vm, const char *owner, uint16_t target, uint16_t vdev,
               enum dir_mode mode, char *msg, size_t msgsize);
#endif
