/* Memory and string functions.  On the host they are libc's; in the
 * freestanding nucleus lib/mem.c provides them (gcc may also emit calls
 * to memcpy/memset itself). */
#ifndef LIB_MEM_H
#define LIB_MEM_H
#include <stddef.h>
#ifdef ZCP_TARGET
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
#else
#include <string.h>
#endif
#endif
