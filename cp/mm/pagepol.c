/* Global clock page replacement: cp/mm/pagepol.h says why. */
#include "cp/mm/pagepol.h"

void pagepol_init(struct pagepol *p, uint64_t nframes)
{
    p->nframes = nframes;
    p->hand = 0;
    p->scanned = 0;
    p->taken = 0;
}

int pagepol_select(struct pagepol *p, const struct pagepol_ops *ops, void *arg, uint64_t *out,
                   int max)
{
    int n = 0;
    if (!p->nframes || max <= 0)
        return 0;
    /* A second turn only if the first found nothing (it reset the bits):
     * a frame is never chosen twice. */
    for (uint64_t k = 0; k < 2 * p->nframes && n < max && !(n && k == p->nframes); k++) {
        uint64_t f = p->hand;
        p->hand = (p->hand + 1) % p->nframes;
        p->scanned++;
        if (!ops->pageable(f, arg))
            continue;
        if (ops->referenced(f, arg))
            continue;           /* second chance */
        out[n++] = f;
    }
    p->taken += (uint64_t)n;
    return n;
}
