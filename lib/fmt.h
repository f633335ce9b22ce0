/* printf-style formatting into a buffer, for the nucleus and the host.
 * Conversions: %d %i %u %x %X %o %c %s %p %%; flags '-' '0'; width and
 * precision (also '*'); length l, ll, z, h.  Always NUL-terminates;
 * returns the length the full output would have (as snprintf). */
#ifndef LIB_FMT_H
#define LIB_FMT_H
#include <stdarg.h>
#include <stddef.h>

int vfmt(char *buf, size_t size, const char *f, va_list ap);
int fmt(char *buf, size_t size, const char *f, ...) __attribute__((format(printf, 3, 4)));
#endif
