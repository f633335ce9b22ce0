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
#define SEGMENTS      (GSTOR_SEGTAB_FRAMES * 512)

const struct gstor_pager *gstor_pager;

static uint64_t *seg_table(struct gstor *g)
{
    return real_ptr(g->segtab);
}

int gstor_init(struct gstor *g, uint64_t size)
{
    memset(g, 0, sizeof *g);
    if (size == 0 || size % SEG_SIZE || size > GSTOR_MAX)
        return -1;
    g->segtab = frames_alloc_run(GSTOR_SEGTAB_FRAMES);
    if (!g->segtab)
        return -1;
    uint64_t *st = seg_table(g);
    for (int i = 0; i < SEGMENTS; i++)
        st[i] = SEGTE_INVALID;
    g->size = size;
    g->asce = g->segtab | (GSTOR_SEGTAB_FRAMES - 1);   /* DT 00, TL 3 */
    return 0;
}

static void drop_frame(uint64_t frame)
{
    if (gstor_pager)
        gstor_pager->put_frame(frame);
    frame_free(frame);
}

/* Forget guest page `page` (its PTE in page table pt): frame and slot;
 * the PGSTE is cleared, so the key is zero again. */
static void drop_page(struct gstor *g, uint64_t *pte, uint64_t pt, uint64_t page)
{
    struct pgste *ps = gstor_pgste(pte);
    if (!(*pte & PTE_INVALID)) {
        uint64_t frame = *pte & PAGE_MASK;
        if (gstor_pager)
            gstor_pager->unmap(g, pt, page);    /* invalid, and out of every TLB */
        *pte = PTE_INVALID;
        drop_frame(frame);
        g->resident--;
    }
    if (ps->resv[0] & PGSTE_INFLIGHT) {
        if (gstor_pager)
            gstor_pager->cancel(g, page);       /* frees frame and slot */
        g->paged--;
    } else if (ps->slot) {
        if (gstor_pager)
            gstor_pager->free_slot(ps->slot - 1);
        g->paged--;
    }
    memset(ps, 0, sizeof *ps);
}

void gstor_free(struct gstor *g)
{
    if (!g->segtab)
        return;
    uint64_t *st = seg_table(g);
    for (int s = 0; s < SEGMENTS; s++) {
        if (st[s] & SEGTE_INVALID)
            continue;
        uint64_t pt_real = st[s] & ~0x7FFULL;
        uint64_t *pt = real_ptr(pt_real);
        for (int p = 0; p < 256; p++)
            drop_page(g, &pt[p], pt_real, (uint64_t)s * 256 + (uint64_t)p);
        frame_free(pt_real);
    }
    for (int i = 0; i < GSTOR_SEGTAB_FRAMES; i++)
        frame_free(g->segtab + (uint64_t)i * FRAME_SIZE);
    memset(g, 0, sizeof *g);
}

uint64_t *gstor_pte(struct gstor *g, uint64_t page, uint64_t *pt)
{
    uint64_t ste = seg_table(g)[page >> 8];
    if (ste & SEGTE_INVALID)
        return 0;
    if (pt)
        *pt = ste & ~0x7FFULL;
    return (uint64_t *)real_ptr(ste & ~0x7FFULL) + (page & 0xFF);
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
        memset(pt + 256, 0, 2048);             /* the PGSTEs */
        g->tables++;
        *ste = pt_real;         /* valid, page-table length implied full */
    }
    uint64_t *pt = real_ptr(*ste & ~0x7FFULL);
    uint64_t *pte = &pt[(addr >> 12) & 0xFF];
    if (*pte & PTE_INVALID) {
        struct pgste *ps = gstor_pgste(pte);
        if (ps->resv[0] & PGSTE_INFLIGHT) {
            /* Its read is in flight (a guest's fault started it): wait. */
            if (gstor_pager)
                gstor_pager->settle(g, addr >> 12);
            if (!(*pte & PTE_INVALID))
                return (*pte & PAGE_MASK) | (addr & 0xFFF);
            if (ps->resv[0] & PGSTE_INFLIGHT)
                return (uint64_t)-1;            /* still not in: no frame now */
        }
        if (!alloc && !ps->slot)
            return 0;
        uint64_t frame = gstor_pager ? gstor_pager->get_frame(g, addr >> 12) : frame_alloc();
        if (!frame)
            return (uint64_t)-1;
        int had_slot = ps->slot != 0;
        if (gstor_pager) {
            if (gstor_pager->fill(frame, ps) != 0) {
                drop_frame(frame);
                return (uint64_t)-1;
            }
        } else {
            memset(real_ptr(frame), 0, FRAME_SIZE);
        }
        if (had_slot) {
            g->paged--;
            g->pageins++;
        }
        g->resident++;
        *pte = frame;
    }
    return (*pte & PAGE_MASK) | (addr & 0xFFF);
}

void gstor_release(struct gstor *g, uint64_t first, uint64_t last)
{
    if (gstor_pager)
        gstor_pager->hold(g, 1);
    for (uint64_t p = first; p <= last && p < g->size >> 12; p++) {
        uint64_t pt;
        uint64_t *pte = gstor_pte(g, p, &pt);
        if (!pte) {
            p |= 0xFF;                          /* the whole segment is untouched */
            continue;
        }
        drop_page(g, pte, pt, p);
    }
    if (gstor_pager)
        gstor_pager->hold(g, 0);
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
