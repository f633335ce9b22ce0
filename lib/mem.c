/* Freestanding memory and string functions for the nucleus. */
#include <stdint.h>
#include "lib/mem.h"

/* MOVE (CHARACTER) 256 bytes at a time, the rest by EXECUTE RELATIVE LONG
 * of one MVC: one instruction per 256 bytes instead of 32 loads and stores
 * (block I/O copies 4 KiB blocks through here, DIAG X'250').  MVC moves
 * left to right a byte at a time (PoP, "MOVE (CHARACTER)"), which is all
 * memcpy promises for overlapping operands. */
static void mvc_copy(uint8_t *dp, const uint8_t *sp, size_t n)
{
    for (; n >= 256; n -= 256, dp += 256, sp += 256)
        __asm__ volatile("mvc 0(256,%0),0(%1)" : : "a"(dp), "a"(sp) : "memory");
    if (n)
        __asm__ volatile("exrl %2,1f\n\tj 2f\n1:\tmvc 0(1,%0),0(%1)\n2:"
                         : : "a"(dp), "a"(sp), "a"(n - 1) : "memory");
}

/* EXCLUSIVE OR (CHARACTER) of a field with itself: zeros, 256 at a time. */
static void xc_zero(uint8_t *dp, size_t n)
{
    for (; n >= 256; n -= 256, dp += 256)
        __asm__ volatile("xc 0(256,%0),0(%0)" : : "a"(dp) : "memory", "cc");
    if (n)
        __asm__ volatile("exrl %1,1f\n\tj 2f\n1:\txc 0(1,%0),0(%0)\n2:"
                         : : "a"(dp), "a"(n - 1) : "memory", "cc");
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if (n >= 16) {
        mvc_copy(dp, sp, n);
        return d;
    }
    while (n--)
        *dp++ = *sp++;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if (dp < sp || dp >= sp + n)
        return memcpy(d, s, n);
    while (n--)
        dp[n] = sp[n];
    return d;
}

void *memset(void *d, int c, size_t n)
{
    uint8_t *dp = d;
    if (n >= 16 && (uint8_t)c == 0) {
        xc_zero(dp, n);
        return d;
    }
    if (n >= 16) {
        /* MVC one byte to the right propagates the first byte: it moves
         * a byte at a time, left to right (PoP, "MOVE (CHARACTER)"). */
        dp[0] = (uint8_t)c;
        mvc_copy(dp + 1, dp, n - 1);
        return d;
    }
    if (((uintptr_t)dp & 7) == 0) {
        uint64_t v = (uint8_t)c * 0x0101010101010101ULL;
        uint64_t *dq = (uint64_t *)dp;
        for (; n >= 8; n -= 8)
            *dq++ = v;
        dp = (uint8_t *)dq;
    }
    while (n--)
        *dp++ = (uint8_t)c;
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    if (n >= 8 && n <= 256) {
        /* COMPARE LOGICAL (CHARACTER): equal fields in one instruction;
         * the byte loop below finds where unequal ones differ. */
        int cc;
        __asm__ volatile("exrl %3,1f\n\tj 2f\n1:\tclc 0(1,%1),0(%2)\n2:\tipm %0\n\tsrl %0,28"
                         : "=d"(cc) : "a"(x), "a"(y), "a"(n - 1) : "memory", "cc");
        if (cc == 0)
            return 0;
    }
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (uint8_t)*a - (uint8_t)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (uint8_t)*a - (uint8_t)*b;
        if (!*a)
            break;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return 0;
    }
}
