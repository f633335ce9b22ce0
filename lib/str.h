/* Character classes and small string helpers (ASCII). */
#ifndef LIB_STR_H
#define LIB_STR_H
#include "lib/mem.h"

static inline int ch_upper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
static inline int ch_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline int ch_isxdigit(int c)
{
    return ch_isdigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}
static inline int ch_isspace(int c) { return c == ' ' || c == '\t'; }
/* Bounded copy that always terminates (dst holds size > 0 bytes); returns the length. */
size_t str_copy(char *dst, const char *src, size_t size);
int str_casecmp(const char *a, const char *b);
#endif
