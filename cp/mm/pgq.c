/* Page-ins in flight: cp/mm/pgq.h. */
#include "cp/mm/pgq.h"
#include "lib/mem.h"

void pgq_init(struct pgq *q)
{
    memset(q, 0, sizeof *q);
}

struct pgq_ent *pgq_find(struct pgq *q, const void *g, uint64_t page)
{
    if (!q->n)
        return 0;
    for (int i = 0; i < PGQ_MAX; i++) {
        struct pgq_ent *e = &q->e[i];
        if (e->state != PGQ_FREE && !e->cancelled && e->g == g && e->page == page)
            return e;
    }
    return 0;
}

struct pgq_ent *pgq_add(struct pgq *q, const void *g, uint64_t page, int vol, uint64_t frame,
                        uint64_t slot, uint64_t tod)
{
    if (vol < 0 || vol >= PGQ_VOLS || pgq_find(q, g, page))
        return 0;
    for (int i = 0; i < PGQ_MAX; i++) {
        struct pgq_ent *e = &q->e[i];
        if (e->state != PGQ_FREE)
            continue;
        memset(e, 0, sizeof *e);
        e->state = PGQ_QUEUED;
        e->vol = vol;
        e->g = g;
        e->page = page;
        e->frame = frame;
        e->slot = slot;
        e->seq = ++q->seq;
        e->tod = tod;
        q->n++;
        return e;
    }
    return 0;
}

int pgq_waiting(const struct pgq_ent *e, const void *who)
{
    for (int i = 0; i < e->nwait; i++)
        if (e->w[i].who == who)
            return 1;
    return 0;
}

int pgq_wait(struct pgq_ent *e, void *who, uint64_t token)
{
    if (e->nwait == PGQ_WAITERS || pgq_waiting(e, who))
        return -1;
    e->w[e->nwait].who = who;
    e->w[e->nwait].token = token;
    e->nwait++;
    return 0;
}

int pgq_busy(const struct pgq *q, int vol)
{
    for (int i = 0; q->n && i < PGQ_MAX; i++)
        if (q->e[i].state == PGQ_STARTED && q->e[i].vol == vol)
            return 1;
    return 0;
}

int pgq_batch(struct pgq *q, int vol, struct pgq_ent **out, int max)
{
    if (pgq_busy(q, vol))
        return 0;
    int n = 0;
    /* Oldest first: max passes at worst over a small table. */
    while (n < max) {
        struct pgq_ent *best = 0;
        for (int i = 0; i < PGQ_MAX; i++) {
            struct pgq_ent *e = &q->e[i];
            if (e->state == PGQ_QUEUED && e->vol == vol && (!best || e->seq < best->seq))
                best = e;
        }
        if (!best)
            break;
        best->state = PGQ_STARTED;
        out[n++] = best;
    }
    return n;
}

void pgq_free(struct pgq *q, struct pgq_ent *e)
{
    if (e->state == PGQ_FREE)
        return;
    memset(e, 0, sizeof *e);
    q->n--;
}
