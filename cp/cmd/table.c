/* The CP command table: one row a command.  docs/commands.md lists the
 * same rows; tests/unit/test_cmd.c checks every abbreviation. */
#include "cp/cmd/cmd.h"
#include "cp/cmd/commands.h"

const struct cmd_entry cmd_table[] = {
    { "QUERY",    1, "*", cmd_query,    "display system and user information" },
    { "SHUTDOWN", 8, "A", cmd_shutdown, "stop the system (disabled wait X'961')" },
    { "SLEEP",    2, "*", cmd_sleep,    "wait n SEC|MIN|HR, or until a line is typed" },
    { "XAUTOLOG", 5, "AB", cmd_xautolog, "log a user on without a terminal, and IPL it" },
    { "FORCE",    5, "A", cmd_force,    "log a user off" },
    { "SEND",     4, "*", cmd_send,     "send a console line to a disconnected user's guest" },
    { "LOADRDR",  7, "A", cmd_loadrdr,  "read a deck on a real reader into a user's reader" },
    { "LINK",     4, "G", cmd_link,     "link another user's minidisk (or one's own) as a virtual 3390" },
    { "DETACH",   3, "BG", cmd_detach,  "detach a virtual device; class B: a real volume FROM userid|SYSTEM" },
    { "ATTACH",   3, "B", cmd_attach,   "dedicate a real volume TO a user, or give it back TO SYSTEM" },
    { "DEFINE",   3, "G", cmd_define,   "DEFINE T3390 vdev cyls: a temporary disk, erased when released" },
    { 0, 0, 0, 0, 0 },
};

const struct cmd_entry query_table[] = {
    { "TIME",       4, "*", query_time,       "time of day, connect and CPU time" },
    { "CPLEVEL",    5, "*", query_cplevel,    "ZCP's level, build and IPL time" },
    { "STORAGE",    4, "B", query_storage,    "real storage" },
    { "PROCESSORS", 4, "B", query_processors, "real processors and their state" },
    { "DASD",       2, "B", query_dasd,       "real DASD volumes" },
    { "NAMES",      1, "*", query_names,      "users logged on" },
    { "USERS",      1, "*", query_users,      "how many users are logged on" },
    { "MDISK",      5, "G", query_mdisk,      "one's virtual 3390s (minidisks, links, T-disks)" },
    { "LINKS",      5, "G", query_links,      "who links one's minidisks" },
    { 0, 0, 0, 0, 0 },
};
