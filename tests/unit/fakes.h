/* Host stand-ins for the target-only code the portable core calls, with
 * knobs for tests.  Every unit-test binary links all tests/unit/fake_*.c,
 * so these are the only definitions of tod_now, rdevs, sys, stop_* and
 * the cp/sys/control.h calls on the host.  Include after <cmocka.h>. */
#ifndef TESTS_UNIT_FAKES_H
#define TESTS_UNIT_FAKES_H
#include <setjmp.h>
#include <stdint.h>

/* fake_clock.c: tod_now() returns fake_tod, then advances it by
 * fake_tod_step (so time spent inside a call can be made visible). */
extern uint64_t fake_tod;
extern uint64_t fake_tod_step;

/* fake_system.c: `struct system sys`, system_shutdown, console_sleep. */
extern int fake_shutdown_calls;
extern int fake_sleep_calls;
extern uint64_t fake_sleep_interval;    /* the last interval asked for */
extern int fake_sleep_result;           /* what console_sleep returns */

/* fake_stop.c: stop_print keeps the lines; stop_wait records the code and
 * longjmps to *fake_stop_jmp, or fails the running test if none is set. */
#define FAKE_STOP_LINES 32
#define FAKE_STOP_LINE_MAX 256
extern char fake_stop_lines[FAKE_STOP_LINES][FAKE_STOP_LINE_MAX];
extern int fake_stop_nlines;
extern int fake_stop_calls;
extern uint64_t fake_stop_code;
extern jmp_buf *fake_stop_jmp;

/* fake_real.c: real_base (cp/mm/real.h), NULL until a test sets it. */
extern uint8_t *real_base;

/* fake_machine.c: the level the fake real machine answers STSI 0 with (2). */
extern int fake_stsi_level;

/* Everything above, `sys`, rdevs, rdev_count and real_base back to zero. */
void fakes_reset(void);

/* Run `stmt`, which must end in stop_wait (a CP abend); fails the test if
 * it returns instead. */
#define EXPECT_STOP(stmt)                                           \
    do {                                                            \
        jmp_buf stop_jb_;                                           \
        fake_stop_jmp = &stop_jb_;                                  \
        if (setjmp(stop_jb_) == 0) {                                \
            stmt;                                                   \
            fake_stop_jmp = NULL;                                   \
            fail_msg("expected a stop from: %s", #stmt);            \
        }                                                           \
        fake_stop_jmp = NULL;                                       \
    } while (0)
#endif
