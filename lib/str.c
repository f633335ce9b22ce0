/* Small string helpers shared by the nucleus and the host (portable). */
#include "lib/mem.h"
#include "lib/str.h"

size_t str_copy(char *dst, const char *src, size_t size)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = 0;
    return n;
}

int str_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = ch_upper(*a), y = ch_upper(*b);
        if (x != y || !x)
            return x - y;
    }
}
