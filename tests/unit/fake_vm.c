/* Host stand-ins for the target-only pieces the virtual-machine code and
 * the user commands call: the operator console, the real reader and the
 * system directory (a test fills it with dir_parse). */
#include <string.h>
#include "cp/dev/rdev.h"
#include "cp/dev/rdr3505.h"
#include "cp/sys/control.h"
#include "cp/sys/sysdir.h"
#include "cp/vm/vdevs.h"
#include "lib/fmt.h"

struct directory sysdir;

#define FAKE_MSGS 64
char fake_console[FAKE_MSGS][256];
int fake_console_n;

static void keep(const char *line)
{
    if (fake_console_n < FAKE_MSGS)
        fmt(fake_console[fake_console_n++], sizeof fake_console[0], "%s", line);
}

void console_message(const char *line)
{
    keep(line);
}

void vm_console_write(struct vm *vm, const char *text)
{
    char line[256];
    fmt(line, sizeof line, "%s: %s", vm->userid, text);
    keep(line);
}

int user_message(const char *userid, const char *line)
{
    if (strcmp(userid, "OPERATOR") != 0 && !vm_find(userid))
        return -1;              /* as cp/sys/opcon.c: not logged on */
    char l[300];
    fmt(l, sizeof l, "->%s: %s", userid, line);
    keep(l);
    return 0;
}

uint16_t vm_terminal_devno(struct vm *vm)
{
    return 0;
}

void vm_terminal_logoff(struct vm *vm)
{
}

int vm_disconnect(struct vm *vm)
{
    return -1;
}

struct rdev *rdev_find(uint16_t devno)
{
    for (int i = 0; i < rdev_count; i++)
        if (rdevs[i].devno == devno)
            return &rdevs[i];
    return 0;
}

int rdr_read_cards(struct rdev *dev, int (*put)(void *arg, const uint8_t card[80]), void *arg,
                   char *msg, int msgsize)
{
    fmt(msg, (size_t)msgsize, "reader %04X is not ready after 0 cards", dev->devno);
    return -1;
}
