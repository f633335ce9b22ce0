/* Host stand-in for the real machine's STSI (cp/arch/stsi.h): a machine
 * at level fake_stsi_level with recognisable SYSIBs.  At level 3 it is
 * itself a virtual machine with one 3.2.2 entry named "HOSTVM". */
#include <string.h>
#include "cp/arch/stsi.h"
#include "lib/ebcdic.h"
#include "tests/unit/fakes.h"

int fake_stsi_level = 2;

int machine_stsi(void *sysib, unsigned fc, unsigned s1, unsigned s2)
{
    uint8_t *b = sysib;
    if (fc == 0)
        return fake_stsi_level;
    if (fc > (unsigned)fake_stsi_level)
        return 3;
    memset(b, 0, 4096);
    switch (fc << 8 | s1 << 4 | s2) {
    case 0x111:
        ebcdic_from_ascii(b + 32, "HRC             ", 16);     /* manufacturer */
        ebcdic_from_ascii(b + 48, "2817", 4);                   /* type */
        return 0;
    case 0x121:
    case 0x221:
        b[102] = 0x0A;                                          /* real CPU address 10 */
        return 0;
    case 0x122:
    case 0x222:
        b[37] = 4;                                              /* CPUs total */
        return 0;
    case 0x322:
        b[31] = 1;
        b[32 + 7] = 2;
        ebcdic_from_ascii(b + 32 + 12, "HOSTVM  ", 8);
        ebcdic_from_ascii(b + 32 + 24, "KVM/Linux       ", 16);
        return 0;
    }
    return 3;
}
