/* Guest storage DAT tables.  Entry formats: Principles of Operation,
 * "Translation Tables": a segment-table entry holds the page-table origin
 * (2 KiB aligned) and the invalid bit X'20'; a page-table entry holds the
 * frame address and the invalid bit X'400'.  ASCE: table origin, designation
 * type 00 (segment table) and table length in 4 KiB units minus 1. */
#include "cp/mm/gstor.h"
#include "cp/mm/frames.h"
#include "cp/mm/real.h"
#include "lib/mem.h"

#define SEGTE_INVALID 0x20ULL
#define PTE_INVALID   0x400ULL
#define PAGE_MASK     (~0xFFFULL)

static uint64_t *seg_table(struct gstor *g)
{
    return real_ptr(g->segtab);
}

int gstor_init(struct gstor *g, uint64_t size)
{
    memset(g, 0, sizeof *g);
    if (size == 0 || size % SEG_SIZE || size > GSTOR_MAX)
        return -1;
    g->segtab = frame_alloc();
    if (!g->segtab)
        return -1;
    uint64_t *st = seg_table(g);
    for (int i = 0; i < 512; i++)
        st[i] = SEGTE_INVALID;
    g->size = size;
    g->asce = g->segtab;        /* DT 00, TL 0: one 4 KiB segment table */
    return 0;
}

void gstor_free(struct gstor *g)
{
    if (!g->segtab)
        return;
    uint64_t *st = seg_table(g);
    for (int s = 0; s < 512; s++) {
        if (st[s] & SEGTE_INVALID)
            continue;
        uint64_t pt_real = st[s] & ~0x7FFULL;
        uint64_t *pt = real_ptr(pt_real);
        for (int p = 0; p < 256; p++)
            if (!(pt[p] & PTE_INVALID))
                frame_free(pt[p] & PAGE_MASK);
        frame_free(pt_real);
    }
    frame_free(g->segtab);
    memset(g, 0, sizeof *g);
}

uint64_t gstor_real(struct gstor *g, uint64_t addr, int alloc)
{
    if (addr >= g->size)
        return (uint64_t)-1;
    uint64_t *st = seg_table(g);
    uint64_t *ste = &st[addr >> 20];
    if (*ste & SEGTE_INVALID) {
        if (!alloc)
            return 0;
        uint64_t pt_real = frame_alloc();
        if (!pt_real)
            return (uint64_t)-1;
        uint64_t *pt = real_ptr(pt_real);
        for (int p = 0; p < 256; p++)
            pt[p] = PTE_INVALID;
        g->tables++;
        *ste = pt_real;         /* valid, page-table length implied full */
    }
    uint64_t *pt = real_ptr(*ste & ~0x7FFULL);
    uint64_t *pte = &pt[(addr >> 12) & 0xFF];
    if (*pte & PTE_INVALID) {
        if (!alloc)
            return 0;
        uint64_t frame = frame_alloc();
        if (!frame)
            return (uint64_t)-1;
        memset(real_ptr(frame), 0, FRAME_SIZE);
        g->resident++;
        *pte = frame;
    }
    return (*pte & PAGE_MASK) | (addr & 0xFFF);
}

static int copy(struct gstor *g, uint64_t addr, uint8_t *buf, const uint8_t *src, size_t len)
{
    if (addr > g->size || len > g->size - addr)
        return -1;
    while (len) {
        size_t n = 4096 - (addr & 0xFFF);
        if (n > len)
            n = len;
        /* Reading a page never touched reads zeros: no frame for that. */
        uint64_t real = gstor_real(g, addr, !buf);
        if (real == (uint64_t)-1)
            return -1;
        if (buf && !real)
            memset(buf, 0, n);
        else if (buf)
            memcpy(buf, real_ptr(real), n);
        else if (src)
            memcpy(real_ptr(real), src, n);
        else
            memset(real_ptr(real), 0, n);
        addr += n;
        len -= n;
        if (buf)
            buf += n;
        if (src)
            src += n;
    }
    return 0;
}

int gstor_read(struct gstor *g, uint64_t addr, void *buf, size_t len)
{
    return copy(g, addr, buf, 0, len);
}

int gstor_write(struct gstor *g, uint64_t addr, const void *buf, size_t len)
{
    return copy(g, addr, 0, buf, len);
}

int gstor_zero(struct gstor *g, uint64_t addr, size_t len)
{
    return copy(g, addr, 0, 0, len);
}
