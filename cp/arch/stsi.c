#include "cp/arch/stsi.h"

int machine_stsi(void *sysib, unsigned fc, unsigned s1, unsigned s2)
{
    register uint64_t r0 __asm__("0") = (uint64_t)(fc & 0xF) << 28 | (s1 & 0xFF);
    register uint64_t r1 __asm__("1") = s2 & 0xFFFF;
    int cc;
    __asm__ volatile("stsi 0(%[a])\n ipm %[cc]\n srl %[cc],28"
                     : [cc] "=d"(cc), "+d"(r0)
                     : "d"(r1), [a] "a"(sysib)
                     : "cc", "memory");
    if (fc == 0)
        return cc ? 0 : (int)(r0 >> 28) & 0xF;
    return cc;
}
