/* Guest storage: each virtual machine is a host address space whose
 * virtual addresses are the guest's absolute addresses (SIE with MSO 0
 * reaches guest storage through the host primary ASCE, DESIGN.md).  The
 * DAT tables are z/Architecture format-0 tables: a segment table (one
 * frame: 512 segments of 1 MiB, so up to 512 MiB a guest for now) and
 * 2 KiB page tables, one frame each.  Frames are allocated when first
 * touched, by the guest (a host translation exception in SIE) or by CP. */
#ifndef CP_MM_GSTOR_H
#define CP_MM_GSTOR_H
#include <stddef.h>
#include <stdint.h>

#define GSTOR_MAX   (512ULL << 20)
#define SEG_SIZE    (1ULL << 20)

struct gstor {
    uint64_t size;              /* bytes, a multiple of 1 MiB */
    uint64_t segtab;            /* real address of the segment table */
    uint64_t asce;              /* for host CR1 while the guest runs */
    uint64_t resident;          /* frames backing guest pages */
    uint64_t tables;            /* frames used for page tables */
};

/* 0, or -1 if size is 0, not a multiple of 1 MiB, above GSTOR_MAX, or no frame. */
int gstor_init(struct gstor *g, uint64_t size);
/* Give back every frame (guest pages and tables). */
void gstor_free(struct gstor *g);
/* Real address backing guest absolute `addr`.  With alloc, an unbacked page
 * gets a zeroed frame; without, 0 means not backed.  (uint64_t)-1: beyond
 * the guest's storage, or no frame left. */
uint64_t gstor_real(struct gstor *g, uint64_t addr, int alloc);
/* Copy to/from guest absolute storage (any alignment, crossing pages):
 * 0, or -1 if any byte is outside the guest's storage. */
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
#endif
