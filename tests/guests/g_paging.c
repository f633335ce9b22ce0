/* Paging (docs/paging.md): write a pattern into all of this guest's
 * storage from 1 MiB up (several times the real machine's storage when
 * t_paging.py runs it), then read it all back; storage keys set with SSKE
 * before the sweep must read the same with ISKE after it (the pages were
 * paged out and in meanwhile); DIAG X'10' releases pages, which then read
 * as zeros with key zero.  TAP through the console. */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"

#define START   (1ULL << 20)
#define KEYED   (START + (1ULL << 20))  /* 16 pages with keys */
#define NKEYED  16

static uint64_t seed;

static inline uint64_t pattern(uint64_t addr)
{
    return (addr * 0x9E3779B97F4A7C15ULL) ^ seed;
}

static void sske(uint64_t addr, uint8_t key)
{
    __asm__ volatile("sske %0,%1" : : "d"((uint64_t)key), "a"(addr) : "memory");
}

static uint8_t iske(uint64_t addr)
{
    uint64_t k = 0;
    __asm__ volatile("iske %0,%1" : "+d"(k) : "a"(addr) : "memory");
    return (uint8_t)k;
}

static uint8_t want_key(int i)
{
    return (uint8_t)(((i + 1) & 0xF) << 4 | (i & 1 ? 0x08 : 0));
}

struct range { uint64_t first, last; };

static void diag10(void *arg)
{
    struct range *r = arg;
    register uint64_t rx __asm__("2") = r->first;
    register uint64_t ry __asm__("3") = r->last;
    __asm__ volatile("diag %0,%1,0x10" : : "d"(rx), "d"(ry) : "memory");
}

int main(void)
{
    static uint8_t id[40] __attribute__((aligned(8)));
    char user[9] = { 0 };
    zcp_diag00(id, sizeof id);
    ebcdic_to_ascii_buf(user, id + 16, 8);
    for (int i = 0; i < 8; i++)
        seed = seed << 8 | (uint8_t)user[i];
    uint64_t size = zcp_diag60();
    tap_plan(6);
    print("# %s: %u MiB to write", user, (unsigned)(size >> 20));

    for (int i = 0; i < NKEYED; i++)
        sske(KEYED + (uint64_t)i * 4096, want_key(i));

    for (uint64_t a = START; a < size; a += 8)
        *(volatile uint64_t *)a = pattern(a);
    uint64_t bad = 0, first_bad = 0;
    for (uint64_t a = START; a < size; a += 8)
        if (*(volatile uint64_t *)a != pattern(a) && !bad++)
            first_bad = a;
    char line[100];
    snprint(line, sizeof line, "all %u MiB read back as written (%u bad doublewords, first at %X)",
            (unsigned)((size - START) >> 20), (unsigned)bad, (unsigned)first_bad);
    tap_ok(bad == 0, line);

    /* A second pass over it all: pages come in and go out again. */
    bad = 0;
    for (uint64_t a = size - 8; a >= START; a -= 8)
        if (*(volatile uint64_t *)a != pattern(a))
            bad++;
    tap_ok(bad == 0, "a second pass, top down, reads the same");

    int keys_ok = 1;
    for (int i = 0; i < NKEYED; i++) {
        uint8_t k = iske(KEYED + (uint64_t)i * 4096);
        if ((k & 0xF8) != want_key(i) || !(k & 0x02)) {
            keys_ok = 0;
            print("# page %X key %02X, set %02X", (unsigned)(KEYED + i * 4096), k, want_key(i));
        }
    }
    tap_ok(keys_ok, "storage keys (access key, fetch bit) and change bits survived paging");

    /* DIAG X'10': release 8 pages in the middle of the pattern. */
    struct range r = { START + (8ULL << 20), START + (8ULL << 20) + 7 * 4096 };
    uint16_t code = expect_pgm(diag10, &r);
    int zero = 1;
    for (uint64_t a = r.first; a < r.last + 4096; a += 8)
        if (*(volatile uint64_t *)a)
            zero = 0;
    tap_ok(code == 0 && zero && (iske(r.first) & 0xF8) == 0,
           "DIAG X'10' releases pages: they read as zeros, key zero");
    int kept = *(volatile uint64_t *)(r.first - 8) == pattern(r.first - 8) &&
               *(volatile uint64_t *)(r.last + 4096) == pattern(r.last + 4096);
    tap_ok(kept, "the pages around the released range are untouched");

    struct range bad1 = { START + 4096, START };                /* first > last */
    struct range bad2 = { START + 100, START + 4096 };          /* not on a page */
    struct range bad3 = { START, size + 4096 };                 /* beyond storage */
    uint16_t c1 = expect_pgm(diag10, &bad1), c2 = expect_pgm(diag10, &bad2),
             c3 = expect_pgm(diag10, &bad3);
    snprint(line, sizeof line, "DIAG X'10' with bad ranges: specification, specification, "
            "addressing (got %04X %04X %04X)", c1, c2, c3);
    tap_ok(c1 == 6 && c2 == 6 && c3 == 5, line);
    return 0;
}
