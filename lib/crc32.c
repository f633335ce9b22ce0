/* CRC-32, reflected polynomial X'EDB88320' (zlib's), slicing by 8: eight
 * 256-entry tables, eight bytes a step (Intel's slicing-by-8; the tables
 * as Sarwate's, each the previous one advanced by a zero byte).  Bytes are
 * loaded one by one, so it is the same on big- and little-endian hosts.
 * Every spool block is checked with it (spool/format.h): under Hercules the
 * nibble-at-a-time version it replaces cost ~12 instructions a byte. */
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

uint32_t crc32_update(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = data;
    if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE))
        make_tables();
    crc = ~crc;
    for (; len >= 8; len -= 8, p += 8) {
        crc ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        crc = tab[7][crc & 0xFF] ^ tab[6][(crc >> 8) & 0xFF] ^ tab[5][(crc >> 16) & 0xFF] ^
              tab[4][crc >> 24] ^ tab[3][p[4]] ^ tab[2][p[5]] ^ tab[1][p[6]] ^ tab[0][p[7]];
    }
    while (len--)
        crc = (crc >> 8) ^ tab[0][(crc ^ *p++) & 0xFF];
    return ~crc;
}
