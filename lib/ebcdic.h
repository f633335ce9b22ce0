/* EBCDIC (code page 037) conversion at the edges: guest storage, devices,
 * spool records as written.  C strings inside ZCP are ASCII. */
#ifndef LIB_EBCDIC_H
#define LIB_EBCDIC_H
#include <stddef.h>

#define EBCDIC_SPACE 0x40

extern const unsigned char ebcdic_to_ascii[256];
extern const unsigned char ascii_to_ebcdic[256];

/* Convert n bytes; no terminator is added. */
void ebcdic_from_ascii(unsigned char *dst, const char *src, size_t n);
void ebcdic_to_ascii_buf(char *dst, const unsigned char *src, size_t n);
#endif
