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
    { "INDICATE", 2, "EG", cmd_indicate, "INDICATE LOAD: how busy each processor is with guests" },
    { "LOGOFF",   3, "*", cmd_logoff,   "end your session and your virtual machine" },
    { "DISCONNECT", 4, "*", cmd_disconnect, "leave your virtual machine running without a terminal" },
    { "DEFINE",   3, "G", cmd_define,   "DEFINE STORAGE n{K|M|G} | CPU nn: change your virtual machine" },
    { "SYSTEM",   3, "G", cmd_system,   "SYSTEM RESET|CLEAR|RESTART: reset or restart your virtual machine" },
    { "STOP",     4, "G", cmd_stop,     "hold your virtual machine in CP until BEGIN" },
    { "BEGIN",    1, "G", cmd_begin,    "BEGIN [hexloc]: run your virtual machine again" },
    { "IPL",      1, "G", cmd_ipl,      "IPL vdev [CLEAR] [STOP] [PARM text]: load your virtual machine" },
    { "DISPLAY",  1, "G", cmd_display,  "DISPLAY PSW|G|C|storage of your virtual machine" },
    { "STORE",    2, "G", cmd_store,    "STORE PSW|G|C|storage of your virtual machine" },
    { "MESSAGE",  1, "ABG", cmd_message, "MESSAGE userid|*|ALL text: a message to a user" },
    { "MSG",      3, "ABG", cmd_message, "MSG userid|*|ALL text: the same as MESSAGE" },
    { "MSGNOH",   6, "B", cmd_msgnoh,   "MSGNOH userid|*|ALL text: a message without the header" },
    { "SPOOL",    2, "G", cmd_spool,    "set a spool device's options (CLASS, TO, HOLD, COPY...)" },
    { "CLOSE",    1, "G", cmd_close,    "close a spool device's file" },
    { "PURGE",    3, "DG", cmd_purge,   "purge spool files" },
    { "ORDER",    3, "DG", cmd_order,   "put spool files first in their queue" },
    { "TRANSFER", 4, "DG", cmd_transfer, "send spool files to a user's reader" },
    { "CHANGE",   2, "DG", cmd_change,  "change spool file attributes" },
    { "SET",      3, "*", cmd_set,      "change a user setting (SET EMSG)" },
    { "LINK",     4, "G", cmd_link,     "link another user's minidisk (or one's own) as a virtual 3390" },
    { "DETACH",   3, "BG", cmd_detach,  "detach a virtual device; class B: a real volume FROM userid|SYSTEM" },
    { "ATTACH",   3, "B", cmd_attach,   "dedicate a real volume TO a user, or give it back TO SYSTEM" },
    { "START",    3, "D", cmd_start,    "START PRINTER|PUNCH|rdev|ALL [CLASS c...]: real printers and punches write the system queues" },
    { "DRAIN",    2, "D", cmd_drain,    "DRAIN PRINTER|PUNCH|rdev|ALL: stop a real printer or punch" },
    { "FLUSH",    3, "D", cmd_flush,    "FLUSH rdev: stop the file a real printer or punch is writing" },
    { "SPACE",    3, "D", cmd_space,    "SPACE rdev: force single spacing on a real printer" },
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
    { "VIRTUAL",    1, "G", query_virtual,    "your virtual machine: ALL, STORAGE, CPUS, devices" },
    { "READER",     1, "DG", query_rdr,       "reader spool files" },
    { "RDR",        3, "DG", query_rdr,       "reader spool files" },
    { "PRINTER",    3, "DG", query_prt,       "printer spool files" },
    { "PRT",        3, "DG", query_prt,       "printer spool files" },
    { "PUNCH",      2, "DG", query_pun,       "punch spool files" },
    { "PCH",        3, "DG", query_pun,       "punch spool files" },
    { "FILES",      5, "DG", query_files,     "how many spool files in each queue" },
    { "DIAGNOSE",   4, "E", query_diag,       "how often each DIAGNOSE code ran, by user" },
    { "MDISK",      5, "G", query_mdisk,      "one's virtual 3390s (minidisks, links, T-disks)" },
    { "LINKS",      5, "G", query_links,      "who links one's minidisks" },
    { 0, 0, 0, 0, 0 },
};

const struct cmd_entry set_table[] = {
    { "EMSG",       4, "*", set_emsg,         "ON|TEXT|CODE|OFF|IGNORE: how error messages show" },
    { 0, 0, 0, 0, 0 },
};
