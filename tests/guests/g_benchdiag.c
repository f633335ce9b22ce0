/* DIAGNOSE costs for bench/b_diag.py: three phases, each measured by the
 * host as the CPU time Hercules' CPU thread spends on it (Hercules' TOD
 * runs ahead under SIE, so the guest does not time itself).
 *   LOOP  BENCHDIAG_LOOP iterations of BRCTG on itself: ONE instruction
 *         an iteration, so the phase gives the cost of one ordinary guest
 *         instruction;
 *   D44   BENCHDIAG_N44 DIAG X'44' (time-slice end);
 *   D08   BENCHDIAG_N08 DIAG X'08' "QUERY TIME" with a response buffer.
 * Before each phase (and once after the last) the guest writes
 * "BENCHDIAG name READY n" and reads a console line: while it waits the
 * CPU thread is idle, so the host reads the thread's CPU time there and
 * starts the phase with a line (SEND).  The three phases run
 * BENCHDIAG_ROUNDS times in turn.  Counts are fixed (printed with the
 * markers) and sized for about a second a phase on Hercules 3.13; the DIAG
 * loops add a few instructions an iteration (register set-up, BRCTG),
 * negligible next to a DIAG. */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#ifndef BENCHDIAG_ROUNDS
#define BENCHDIAG_ROUNDS 3
#endif
#ifndef BENCHDIAG_LOOP
#define BENCHDIAG_LOOP 200000000UL
#endif
#ifndef BENCHDIAG_N44
#define BENCHDIAG_N44 300000UL
#endif
#ifndef BENCHDIAG_N08
#define BENCHDIAG_N08 6000UL
#endif

static void spin(unsigned long n)
{
    __asm__ volatile("0: brctg %0,0b" : "+d"(n) :: "cc");
}

/* Say which phase comes, and wait for the host's go-ahead. */
static void ready(const char *name, unsigned long n)
{
    char line[16];
    print("BENCHDIAG %s READY %lu", name, n);
    con_read(line, sizeof line);
}

int main(void)
{
    static uint8_t cmd[16], buf[256] __attribute__((aligned(8)));
    const char *q = "QUERY TIME";
    uint32_t len = (uint32_t)strlen(q), rc = 0, n = 0;
    int cc = 0;

    ebcdic_from_ascii(cmd, q, len);
    /* One call first: a failing DIAG would make the figures meaningless. */
    cc = zcp_diag08_resp(cmd, len, buf, sizeof buf, &rc, &n);
    if (cc != 0 || rc != 0 || n == 0) {
        print("BENCHDIAG FAILED QUERY TIME cc %d rc %u n %u", cc, rc, n);
        return 1;
    }

    unsigned long bad = 0;
    for (unsigned round = 1; round <= BENCHDIAG_ROUNDS; round++) {
        ready("LOOP", BENCHDIAG_LOOP);
        spin(BENCHDIAG_LOOP);

        ready("D44", BENCHDIAG_N44);
        for (unsigned long i = 0; i < BENCHDIAG_N44; i++)
            zcp_diag44();

        ready("D08", BENCHDIAG_N08);
        for (unsigned long i = 0; i < BENCHDIAG_N08; i++)
            bad += zcp_diag08_resp(cmd, len, buf, sizeof buf, &rc, &n) != 0 || rc != 0;
    }
    ready("DONE", bad);         /* n: DIAG X'08' calls that failed */
    return 0;
}
