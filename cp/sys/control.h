/* System control the portable command code asks the nucleus for.
 * Target: cp/sys/opcon.c.  Host tests: tests/unit/fake_system.c. */
#ifndef CP_SYS_CONTROL_H
#define CP_SYS_CONTROL_H
#include <stdint.h>
/* Write what is queued, then stop with the SHUTDOWN wait code X'961'. */
void system_shutdown(void);
/* Wait until `interval` TOD units have passed or a line is typed at the
 * console that issued the command; returns 1 if ended by input. */
int console_sleep(uint64_t interval);

/* One line on the operator console (messages about users and guests). */
void console_message(const char *line);

/* A CP message for one user: OPERATOR's goes to the operator console, a
 * logged-on user's to that user's terminal (or, disconnected, where its
 * console output goes).  0, or -1 if the user is not logged on. */
int user_message(const char *userid, const char *line);

#define WAIT_SHUTDOWN 0x961     /* as z/VM's HCPWRP961W */
#endif
