/* Host end of a CP abend (cp/sys/stop.h): keep the lines, and instead of
 * a disabled wait jump back into the test that expected the stop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include "cp/sys/stop.h"
#include "lib/str.h"
#include "tests/unit/fakes.h"

char fake_stop_lines[FAKE_STOP_LINES][FAKE_STOP_LINE_MAX];
int fake_stop_nlines;
int fake_stop_calls;
uint64_t fake_stop_code;
jmp_buf *fake_stop_jmp;

void stop_print(const char *line)
{
    if (fake_stop_nlines < FAKE_STOP_LINES)
        str_copy(fake_stop_lines[fake_stop_nlines++], line, FAKE_STOP_LINE_MAX);
}

void stop_wait(uint64_t code)
{
    fake_stop_calls++;
    fake_stop_code = code;
    if (fake_stop_jmp)
        longjmp(*fake_stop_jmp, 1);
    /* An abend nobody expected: show it and fail the running test. */
    for (int i = 0; i < fake_stop_nlines; i++)
        print_error("%s\n", fake_stop_lines[i]);
    fail_msg("unexpected CP stop, wait code %016llX", (unsigned long long)code);
    abort();    /* fail_msg does not return inside a test; outside one, stop */
}
