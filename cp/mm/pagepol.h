/* Page-replacement policy: a global clock (second chance) over real
 * frames.  Portable: the caller says which frames hold pageable guest
 * pages and tests-and-resets their reference bits (on s390x: ISKE and
 * RRBE on the host frame, cp/mm/paging.c); the policy only moves the hand.
 *
 * Why a clock and not a working-set policy: the reference bit is the only
 * usage information the machine gives (the storage key's R bit, set by the
 * CPU on every access, also under SIE), a clock needs nothing else and
 * costs one bit test per frame passed, and it approximates LRU: a frame
 * is taken only if nobody touched it during the hand's last full turn. */
#ifndef CP_MM_PAGEPOL_H
#define CP_MM_PAGEPOL_H
#include <stdint.h>

struct pagepol_ops {
    /* May this frame be taken at all (it holds a pageable guest page)? */
    int (*pageable)(uint64_t frame, void *arg);
    /* Was it referenced since the last call?  Resets the reference bit. */
    int (*referenced)(uint64_t frame, void *arg);
};

struct pagepol {
    uint64_t nframes;           /* frames 0 .. nframes-1 */
    uint64_t hand;              /* next frame the hand looks at */
    uint64_t scanned;           /* statistics: frames the hand passed, */
    uint64_t taken;             /* and victims chosen */
};

void pagepol_init(struct pagepol *p, uint64_t nframes);
/* Choose up to max victims into out[]: frames that are pageable and were
 * not referenced since the hand last passed them.  Referenced frames get a
 * second chance (their bit is reset, the hand moves on).  The hand goes
 * round once, and a second time only if the first turn found nothing, so
 * a call ends even if every frame is busy and never repeats a frame.
 * Returns the number chosen (0: nothing pageable). */
int pagepol_select(struct pagepol *p, const struct pagepol_ops *ops, void *arg, uint64_t *out,
                   int max);
#endif
