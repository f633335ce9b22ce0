/* Guest storage: each virtual machine is a host address space whose
 * virtual addresses are the guest's absolute addresses (SIE with MSO 0
 * reaches guest storage through the host primary ASCE, DESIGN.md).  The
 * DAT tables are z/Architecture format-0 tables: a segment table (four
 * frames: 2048 segments of 1 MiB, so up to 2 GiB a guest) and 2 KiB page
 * tables, one frame each.  Frames are allocated when first touched, by the
 * guest (a host translation exception in SIE) or by CP.
 *
 * The second half of each page-table frame holds a page-status entry
 * (PGSTE, 8 bytes) for every page-table entry, at PTE + 2048.  Hercules
 * reads bytes 0 and 1 of it for a guest's ISKE/IVSK when the page is not
 * resident (byte 0: access key and fetch bit, byte 1: guest reference and
 * change bits; Hercules control.c, ISKE under SIE with a z/Arch host), so
 * paging keeps a paged-out page's storage key there.  Bytes 4-7 hold the
 * page's paging slot + 1 (0: none), CP's own field (docs/paging.md). */
#ifndef CP_MM_GSTOR_H
#define CP_MM_GSTOR_H
#include <stddef.h>
#include <stdint.h>
#include "cp/mm/real.h"

#define GSTOR_MAX   (2048ULL << 20)
#define SEG_SIZE    (1ULL << 20)
#define GSTOR_SEGTAB_FRAMES 4

struct gstor {
    uint64_t size;              /* bytes, a multiple of 1 MiB */
    uint64_t segtab;            /* real address of the segment table */
    uint64_t asce;              /* for host CR1 while the guest runs */
    uint64_t resident;          /* frames backing guest pages */
    uint64_t tables;            /* frames used for page tables */
    /* Paging (cp/mm/paging.c): */
    uint64_t paged;             /* pages whose contents are on a paging slot */
    uint64_t pageins, pageouts; /* since logon */
    uint64_t released;          /* DIAG X'214' pending pages discarded by the pager */
    uint64_t inflight;          /* pages being read in (asynchronous page-in) */
};

/* A page-status entry (see above). */
struct pgste {
    uint8_t key;                /* not resident: access key | fetch bit */
    uint8_t rc;                 /* guest reference (X'04') and change (X'02') bits */
    uint8_t resv[2];            /* resv[0]: PGSTE_* flags */
    uint32_t slot;              /* paging slot + 1, or 0 */
};
/* DIAG X'214' pending release: the pager may discard the page instead of
 * writing it out (it then reads as zeros, key zero). */
#define PGSTE_PENDING 0x01
/* A page-in is in flight for the page (cp/mm/paging.c): the slot stays
 * the pager's until the read ended. */
#define PGSTE_INFLIGHT 0x02

/* What paging plugs in (cp/mm/paging.c); without it (host tests, no paging
 * volume) frames come from frame_alloc and new pages are zeros. */
struct gstor_pager {
    /* A frame for page `page` of g (paging others out if frames run
     * short), or 0 if none can be had now. */
    uint64_t (*get_frame)(struct gstor *g, uint64_t page);
    /* Fill the new frame of a page: its contents from the slot (which is
     * then freed) or zeros, and its storage key from the PGSTE.  0, or -1
     * (read error: the slot and PGSTE stay as they were). */
    int (*fill)(uint64_t frame, struct pgste *ps);
    /* Invalidate the PTE of `page` of g (page table at real pt) in every
     * CPU's TLB, the SIE guest TLBs of g's vCPUs included. */
    void (*unmap)(struct gstor *g, uint64_t pt, uint64_t page);
    /* The frame no longer backs a guest page (it is freed next). */
    void (*put_frame)(uint64_t frame);
    void (*free_slot)(uint32_t slot);
    /* The page (PGSTE_INFLIGHT) goes away while its read is in flight:
     * the pager frees frame and slot itself. */
    void (*cancel)(struct gstor *g, uint64_t page);
    /* CP needs the page (PGSTE_INFLIGHT) now: wait until its read ended. */
    void (*settle)(struct gstor *g, uint64_t page);
    /* A guest's virtual CPU (struct vcpu *) needs page addr: paging_fault
     * (cp/mm/paging.h), for paths outside the dispatcher (keys.c). */
    int (*fault)(void *vcpu, uint64_t addr);
    /* on: keep g's vCPUs out of SIE on other CPUs until the matching
     * off (nested), so a run of unmaps waits for them once. */
    void (*hold)(struct gstor *g, int on);
};
extern const struct gstor_pager *gstor_pager;

/* 0, or -1 if size is 0, not a multiple of 1 MiB, above GSTOR_MAX, or no frame. */
int gstor_init(struct gstor *g, uint64_t size);
/* Give back every frame (guest pages and tables) and paging slot. */
void gstor_free(struct gstor *g);
/* Real address backing guest absolute `addr`.  A page on a paging slot is
 * brought back.  With alloc, a page never touched gets a zeroed frame;
 * without, 0 means never touched (reads as zeros).  (uint64_t)-1: beyond
 * the guest's storage, or no frame to be had now. */
uint64_t gstor_real(struct gstor *g, uint64_t addr, int alloc);
/* The page-table entry of guest page number `page` (its page table's real
 * address in *pt), or 0 if its segment has no page table. */
uint64_t *gstor_pte(struct gstor *g, uint64_t page, uint64_t *pt);
static inline struct pgste *gstor_pgste(uint64_t *pte)
{
    return (struct pgste *)((uint8_t *)pte + 2048);
}
/* DIAG X'10': release pages [first, last] (page numbers): frames and slots
 * are given back, the keys reset to zero, the pages read as zeros. */
void gstor_release(struct gstor *g, uint64_t first, uint64_t last);
/* Copy to/from guest absolute storage (any alignment, crossing pages):
 * 0, or -1 if any byte is outside the guest's storage (or no frame). */
int gstor_read(struct gstor *g, uint64_t addr, void *buf, size_t len);
int gstor_write(struct gstor *g, uint64_t addr, const void *buf, size_t len);
int gstor_zero(struct gstor *g, uint64_t addr, size_t len);

/* Guest real -> guest absolute under prefix (8 KiB prefix area swap). */
static inline uint64_t gstor_prefix(uint64_t real, uint64_t prefix)
{
    if (real < 0x2000)
        return real + prefix;
    if (real >= prefix && real < prefix + 0x2000)
        return real - prefix;
    return real;
}

/* The real address backing guest absolute addr if its page is resident
 * now, else 0 (then gstor_real, which also pages in and allocates): the
 * first step of gstor_real inline, for fast paths such as DIAG X'250'
 * (diagnose/blockio.c).  Tables as gstor.c builds them: a segment-table
 * entry with bit X'20' (invalid) clear holds its page table's real
 * address, a page-table entry with bit X'400' (invalid) clear its frame's. */
static inline uint64_t gstor_resident(const struct gstor *g, uint64_t addr)
{
    if (addr >= g->size)
        return 0;
    uint64_t ste = ((const uint64_t *)real_ptr(g->segtab))[addr >> 20];
    if (ste & 0x20)
        return 0;
    uint64_t pte = ((const uint64_t *)real_ptr(ste & ~0x7FFULL))[(addr >> 12) & 0xFF];
    if (pte & 0x400)
        return 0;
    return (pte & ~0xFFFULL) | (addr & 0xFFF);
}
#endif
