/* What the paging test guests (g_paging.c, g_pageasync.c) share: a
 * per-user pattern written into storage from 1 MiB up, 16 pages given
 * storage keys before the sweeps and checked after them, and the
 * external-interruption mask bit.  Header-only: each guest is one
 * translation unit. */
#ifndef PATTERN_H
#define PATTERN_H
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"

#define START   (1ULL << 20)            /* the pattern's first byte */
#define KEYED   (START + (1ULL << 20))  /* 16 pages with keys */
#define NKEYED  16

static uint64_t seed;

/* The userid (DIAG X'00', EBCDIC at offset 16) into user (9 bytes) and
 * the seed: two guests running at once write different patterns. */
static inline void pattern_seed(char user[9])
{
    static uint8_t id[40] __attribute__((aligned(8)));
    zcp_diag00(id, sizeof id);
    ebcdic_to_ascii_buf(user, id + 16, 8);
    user[8] = 0;
    for (int i = 0; i < 8; i++)
        seed = seed << 8 | (uint8_t)user[i];
}

/* The doubleword at addr in round r of the pattern. */
static inline uint64_t pattern(uint64_t addr, uint64_t round)
{
    return (addr * 0x9E3779B97F4A7C15ULL) ^ seed ^ round;
}

/* Round r of the pattern into storage from START to size. */
static inline void pattern_fill(uint64_t size, uint64_t round)
{
    for (uint64_t a = START; a < size; a += 8)
        *(volatile uint64_t *)a = pattern(a, round);
}

static inline void sske(uint64_t addr, uint8_t key)
{
    __asm__ volatile("sske %0,%1" : : "d"((uint64_t)key), "a"(addr) : "memory");
}

static inline uint8_t iske(uint64_t addr)
{
    uint64_t k = 0;
    __asm__ volatile("iske %0,%1" : "+d"(k) : "a"(addr) : "memory");
    return (uint8_t)k;
}

/* Key i of the NKEYED keyed pages (access key and fetch bit), as the
 * guest chooses them. */
typedef uint8_t (*key_fn)(int i);

static inline void keys_set(key_fn want_key)
{
    for (int i = 0; i < NKEYED; i++)
        sske(KEYED + (uint64_t)i * 4096, want_key(i));
}

/* 1 if every keyed page has its access key, fetch bit and the change bit
 * (the sweeps wrote them); each one that has not is printed. */
static inline int keys_check(key_fn want_key)
{
    int ok = 1;
    for (int i = 0; i < NKEYED; i++) {
        uint8_t k = iske(KEYED + (uint64_t)i * 4096);
        if ((k & 0xF8) != want_key(i) || !(k & 0x02)) {
            ok = 0;
            print("# page %X key %02X, set %02X", (unsigned)(KEYED + i * 4096), k, want_key(i));
        }
    }
    return ok;
}

/* External interruptions on or off (PSW bit 7). */
static inline void ext_enable(int on)
{
    uint8_t old;
    if (on)
        __asm__ volatile("stosm %0,0x01" : "=Q"(old) : : "memory");
    else
        __asm__ volatile("stnsm %0,0xFE" : "=Q"(old) : : "memory");
}

#define LC64(a) (*(volatile uint64_t *)(a))
#endif
