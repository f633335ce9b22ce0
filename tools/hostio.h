/* Small helpers the host tools share: whole-file I/O and number parsing. */
#ifndef TOOLS_HOSTIO_H
#define TOOLS_HOSTIO_H
#include <stddef.h>
#include <stdint.h>
/* Read a whole file (malloc'd); NULL and a message on stderr on failure. */
uint8_t *read_file(const char *path, size_t *len);
int write_file(const char *path, const void *data, size_t len);
/* Parse a number (0x.. hex or decimal) into *v; 0 on success. */
int parse_u32(const char *s, uint32_t *v);
/* The image builders' options: -l LOADADDR -e ENTRY, then `nargs` file
 * operands (left at argv[optind..]).  0, or -1 if anything is missing or bad. */
int parse_load_entry(int argc, char **argv, int nargs, uint32_t *load, uint32_t *entry);
#endif
