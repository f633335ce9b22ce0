#include "cp/vm/deck.h"
#include "cp/mm/frames.h"
#include "cp/mm/real.h"
#include "lib/mem.h"
#include "lib/str.h"

static uint64_t *link_of(uint64_t frame)
{
    return (uint64_t *)((uint8_t *)real_ptr(frame) + 4088);
}

int deck_add(struct deck *d, const uint8_t card[80])
{
    uint32_t slot = d->ncards % CARDS_PER_FRAME;
    if (!d->first || slot == 0) {
        uint64_t f = frame_alloc();
        if (!f)
            return -1;
        *link_of(f) = 0;
        if (d->last)
            *link_of(d->last) = f;
        else
            d->first = f;
        d->last = f;
    }
    memcpy((uint8_t *)real_ptr(d->last) + slot * 80, card, 80);
    d->ncards++;
    return 0;
}

int deck_card(const struct deck *d, uint32_t i, uint8_t out[80])
{
    if (i >= d->ncards)
        return -1;
    uint64_t f = d->first;
    for (uint32_t k = i / CARDS_PER_FRAME; k; k--)
        f = *link_of(f);
    memcpy(out, (uint8_t *)real_ptr(f) + (i % CARDS_PER_FRAME) * 80, 80);
    return 0;
}

void deck_free(struct deck *d)
{
    for (uint64_t f = d->first; f;) {
        uint64_t next = *link_of(f);
        frame_free(f);
        f = next;
    }
    memset(d, 0, sizeof *d);
}

static struct {
    char userid[9];
    struct deck deck;
} queue[DECK_QUEUE_MAX];

int deck_queue_put(const char *userid, struct deck *d)
{
    for (int i = 0; i < DECK_QUEUE_MAX; i++)
        if (!queue[i].userid[0]) {
            str_copy(queue[i].userid, userid, sizeof queue[i].userid);
            queue[i].deck = *d;
            return 0;
        }
    return -1;
}

int deck_queue_take(const char *userid, struct deck *out)
{
    for (int i = 0; i < DECK_QUEUE_MAX; i++)
        if (queue[i].userid[0] && str_casecmp(queue[i].userid, userid) == 0) {
            *out = queue[i].deck;
            memset(&queue[i], 0, sizeof queue[i]);
            return 0;
        }
    return -1;
}
