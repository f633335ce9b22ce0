/* A guest to start from: `make guest G=tests/guests/template.c` builds it,
 * IPLs it as TESTG4 under ZCP and shows what it prints (docs/guests.md).
 *
 * The runtime (tests/guests/rt) gives you print() to the virtual 3215 at
 * 0009, expect_pgm() to catch program interruptions, and the channel
 * instruction wrappers; diagnose/zcpdiag.h has one function per DIAGNOSE
 * code.  main()'s return value becomes the address of the disabled-wait
 * PSW the guest ends in (0: all went well). */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"

int main(void)
{
    static uint8_t id[40] __attribute__((aligned(8)));
    char user[9] = { 0 };

    /* DIAG X'00': who am I?  The userid is EBCDIC at offset 16. */
    zcp_diag00(id, sizeof id);
    ebcdic_to_ascii_buf(user, id + 16, 8);
    for (int i = 7; i > 0 && user[i] == ' '; i--)
        user[i] = 0;
    print("HELLO FROM %s, %u MIB OF STORAGE", user, zcp_diag60() >> 20);
    return 0;
}
