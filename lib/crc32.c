/* CRC-32, reflected polynomial X'EDB88320' (zlib's), slicing by 8: eight
 * 256-entry tables, eight bytes a step (Intel's slicing-by-8; the tables
 * as Sarwate's, each the previous one advanced by a zero byte).  The eight
 * bytes are loaded as one little-endian number (on s390x one LRVG instead
 * of a 4-byte and four 1-byte loads), so it is the same on big- and
 * little-endian hosts.  Every spool block is checked with it
 * (spool/format.h): under Hercules the nibble-at-a-time version it
 * replaced cost ~12 instructions a byte, this ~2.6.  Four 64K-entry tables
 * (16-bit indices, ~1.6 instructions a byte) were tried and were no
 * faster under Hercules: 1 MiB of tables misses the host's caches
 * (docs/spool.md, Cost). */
#include "lib/crc32.h"

static uint32_t tab[8][256];
static volatile int ready;

static void make_tables(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        tab[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 8; t++)
            tab[t][i] = (tab[t - 1][i] >> 8) ^ tab[0][tab[t - 1][i] & 0xFF];
    /* Another CPU may make them at the same time: the same values. */
    __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
}

/* Eight bytes as a little-endian number (p[0] lowest). */
static inline uint64_t le64(const uint8_t *p)
{
    uint64_t v;
    __builtin_memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

uint32_t crc32_update(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = data;
    if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE))
        make_tables();
    crc = ~crc;
    /* In a step, byte j goes through tab[7 - j]. */
    for (; len >= 8; len -= 8, p += 8) {
        uint64_t w = le64(p) ^ crc;
        crc = tab[7][w & 0xFF] ^ tab[6][(w >> 8) & 0xFF] ^ tab[5][(w >> 16) & 0xFF] ^
              tab[4][(w >> 24) & 0xFF] ^ tab[3][(w >> 32) & 0xFF] ^ tab[2][(w >> 40) & 0xFF] ^
              tab[1][(w >> 48) & 0xFF] ^ tab[0][w >> 56];
    }
    while (len--)
        crc = (crc >> 8) ^ tab[0][(crc ^ *p++) & 0xFF];
    return ~crc;
}
