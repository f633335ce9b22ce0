/* A CPU-bound guest: counts down a register loop forever, writing
 * "LOOP n" after every LOOP_SPINS iterations.  The same deck runs natively
 * on Hercules (IPL 00C, console 0009) and as a ZCP guest, so bench/ can
 * compare the marker rates; tests use it as the guest that never waits. */
#include "rt/rt.h"

#define LOOP_SPINS 100000000UL

static void spin(unsigned long n)
{
    __asm__ volatile("0: brctg %0,0b" : "+d"(n) :: "cc");
}

int main(void)
{
    print("LOOP START");
    for (unsigned long round = 1;; round++) {
        spin(LOOP_SPINS);
        print("LOOP %lu", round);
    }
    return 0;
}
