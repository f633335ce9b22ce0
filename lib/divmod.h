/* Division that is fast on Hercules.  Hercules 3.13 emulates DLGR (divide
 * logical, 64 bits) and MLGR (multiply logical, 128-bit product) with a
 * 64-step shift loop each (its inline.h, div_logical_long and
 * mult_logical_long), and GCC compiles every unsigned 64-bit division (and
 * every division by a constant, through MLGR) to one of them; DSGR (divide
 * single, signed 64 bits) is one host division.  udivmod() divides with
 * DSGR whenever both operands fit in 63 bits, which every count, time and
 * date CP formats does; otherwise, and on the host, it is plain C. */
#ifndef LIB_DIVMOD_H
#define LIB_DIVMOD_H
#include <stdint.h>

static inline uint64_t udivmod(uint64_t x, uint64_t d, uint64_t *rem)
{
#if defined(ZCP_TARGET) && defined(__s390x__)
    if ((int64_t)x >= 0 && (int64_t)d > 0) {
        unsigned __int128 pair = x;     /* even register 0, odd register x */
        __asm__("dsgr %0,%1" : "+d"(pair) : "d"(d) : "cc");
        if (rem)
            *rem = (uint64_t)(pair >> 64);
        return (uint64_t)pair;
    }
#endif
    if (rem)
        *rem = x % d;
    return x / d;
}

/* Signed, truncating toward zero as C does (and DSGR). */
static inline int64_t sdiv(int64_t x, int64_t d)
{
#if defined(ZCP_TARGET) && defined(__s390x__)
    if (d > 0) {
        unsigned __int128 pair = (uint64_t)x;
        __asm__("dsgr %0,%1" : "+d"(pair) : "d"(d) : "cc");
        return (int64_t)(uint64_t)pair;
    }
#endif
    return x / d;
}

static inline uint64_t udiv(uint64_t x, uint64_t d)
{
    return udivmod(x, d, 0);
}

static inline uint64_t umod(uint64_t x, uint64_t d)
{
    uint64_t r;
    udivmod(x, d, &r);
    return r;
}
#endif
