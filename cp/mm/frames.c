/* Frame allocator: one bit a frame, 1 = in use.  A rotating cursor keeps
 * allocation cheap; freeing a frame that is already free is a CP abend
 * (it means two owners thought they had it). */
#include "cp/mm/frames.h"
#include "cp/sys/abend.h"
#include "lib/mem.h"

static uint8_t *map;
static uint64_t nframes, nfree, cursor;

size_t frames_bitmap_size(uint64_t storage)
{
    return (size_t)((storage / FRAME_SIZE + 7) / 8);
}

void frames_init(uint8_t *bitmap, uint64_t storage, uint64_t free_start)
{
    map = bitmap;
    nframes = storage / FRAME_SIZE;
    memset(map, 0xFF, frames_bitmap_size(storage));
    nfree = 0;
    uint64_t first = (free_start + FRAME_SIZE - 1) / FRAME_SIZE;
    /* Frame 0 stays in use even if free_start is 0: frame_alloc's 0 means "none". */
    for (uint64_t f = first ? first : 1; f < nframes; f++) {
        map[f / 8] &= (uint8_t)~(1u << (f % 8));
        nfree++;
    }
    cursor = 0;
}

static uint64_t take(uint64_t limit_frame)
{
    if (limit_frame > nframes)
        limit_frame = nframes;
    for (uint64_t i = 0; i < limit_frame; i++) {
        uint64_t f = (cursor + i) % limit_frame;
        if (f % 8 == 0 && f + 8 <= limit_frame && map[f / 8] == 0xFF) {
            i += 7;                     /* a full byte: skip its eight frames */
            continue;
        }
        if (!(map[f / 8] & (1u << (f % 8)))) {
            map[f / 8] |= (uint8_t)(1u << (f % 8));
            nfree--;
            cursor = f + 1;
            return f * FRAME_SIZE;
        }
    }
    return 0;
}

uint64_t frame_alloc(void)
{
    return take(nframes);
}

uint64_t frame_alloc_below(uint64_t limit)
{
    return take(limit / FRAME_SIZE);
}

void frame_free(uint64_t addr)
{
    uint64_t f = addr / FRAME_SIZE;
    if (addr % FRAME_SIZE || f >= nframes || !(map[f / 8] & (1u << (f % 8))))
        abend("FRM001", "frame_free of a frame not in use: %016llX", (unsigned long long)addr);
    map[f / 8] &= (uint8_t)~(1u << (f % 8));
    nfree++;
}

uint64_t frames_total(void)
{
    return nframes;
}

uint64_t frames_free(void)
{
    return nfree;
}

uint64_t frames_alloc_run(uint64_t n)
{
    uint64_t run = 0;
    for (uint64_t f = 1; n && f < nframes; f++) {
        run = (map[f / 8] & (1u << (f % 8))) ? 0 : run + 1;
        if (run == n) {
            uint64_t first = f + 1 - n;
            for (uint64_t k = first; k <= f; k++)
                map[k / 8] |= (uint8_t)(1u << (k % 8));
            nfree -= n;
            return first * FRAME_SIZE;
        }
    }
    return 0;
}
