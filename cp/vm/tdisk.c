/* Temporary-disk space: see tdisk.h. */
#include "cp/vm/tdisk.h"
#include "lib/mem.h"

#define TDISK_MAX 64

static struct { const struct rdev *r; uint32_t start, cyls; } used[TDISK_MAX];

static int is_tdisk_volume(const struct rdev *r)
{
    return r->cls == RDEV_DASD && !r->owner[0] && memcmp(r->volser, TDISK_PREFIX, 4) == 0;
}

/* The first used extent on r overlapping [start, start+cyls), or -1. */
static int overlap(const struct rdev *r, uint32_t start, uint32_t cyls)
{
    for (int i = 0; i < TDISK_MAX; i++)
        if (used[i].r == r && used[i].start < start + cyls && start < used[i].start + used[i].cyls)
            return i;
    return -1;
}

int tdisk_alloc(uint32_t cyls, struct rdev **rp, uint32_t *startp)
{
    int slot = -1;
    for (int i = 0; i < TDISK_MAX && slot < 0; i++)
        if (!used[i].r)
            slot = i;
    if (slot < 0 || cyls == 0)
        return -1;
    for (int k = 0; k < rdev_count; k++) {
        struct rdev *r = &rdevs[k];
        if (!is_tdisk_volume(r))
            continue;
        for (uint32_t start = 1; start + cyls <= r->cylinders; ) {
            int o = overlap(r, start, cyls);
            if (o < 0) {
                used[slot].r = r;
                used[slot].start = start;
                used[slot].cyls = cyls;
                *rp = r;
                *startp = start;
                return 0;
            }
            start = used[o].start + used[o].cyls;
        }
    }
    return -1;
}

void tdisk_free(const struct rdev *r, uint32_t start)
{
    for (int i = 0; i < TDISK_MAX; i++)
        if (used[i].r == r && used[i].start == start)
            used[i].r = 0;
}
