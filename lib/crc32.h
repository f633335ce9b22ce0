/* CRC-32 (the IEEE 802.3 polynomial, reflected, as zlib computes it): the
 * check on every spool block (spool/format.h). */
#ifndef LIB_CRC32_H
#define LIB_CRC32_H
#include <stddef.h>
#include <stdint.h>
/* Continue crc over len bytes; start with crc = 0. */
uint32_t crc32_update(uint32_t crc, const void *data, size_t len);
#endif
