/* Page-ins in flight (docs/paging.md, "Asynchronous page-in"): the table
 * the pager (cp/mm/paging.c) keeps of guest pages whose read from a paging
 * slot has been asked for and not yet finished.  Portable, unit-tested on
 * the host (tests/unit/test_pgq.c): it knows nothing of frames, DAT or
 * channel programs, only of (storage, page) keys, a volume index and the
 * order of arrival.
 *
 * An entry is QUEUED when created, STARTED when it is part of a channel
 * program on its volume (pgq_batch), and freed by the pager when that
 * program ended.  At most one entry a (storage, page): a second fault on a
 * page already in flight finds it (pgq_find) and waits for the same read.
 * Each volume runs one channel program at a time; pgq_batch gives the
 * oldest queued entries of a volume, up to a maximum, for the next one. */
#ifndef CP_MM_PGQ_H
#define CP_MM_PGQ_H
#include <stdint.h>

#define PGQ_MAX      64         /* page-ins in flight, all volumes */
#define PGQ_VOLS     8
#define PGQ_WAITERS  4          /* pfault tokens waiting for one page */

enum pgq_state { PGQ_FREE, PGQ_QUEUED, PGQ_STARTED };

struct pgq_waiter {
    void *who;                  /* a virtual CPU */
    uint64_t token;             /* its DIAG X'258' token for this fault */
};

struct pgq_ent {
    enum pgq_state state;
    int vol;
    int cancelled;              /* the page went away meanwhile (release, logoff) */
    const void *g;              /* the guest storage */
    uint64_t page;
    uint64_t frame;             /* real address being filled */
    uint64_t slot;
    uint64_t seq;               /* order of arrival */
    uint64_t tod;               /* when queued (service time) */
    int nwait;
    struct pgq_waiter w[PGQ_WAITERS];
};

struct pgq {
    struct pgq_ent e[PGQ_MAX];
    uint64_t seq;
    int n;                      /* entries not free */
};

void pgq_init(struct pgq *q);
/* The entry for (g, page), or 0. */
struct pgq_ent *pgq_find(struct pgq *q, const void *g, uint64_t page);
/* A new QUEUED entry, or 0 if the table is full or (g, page) is in it
 * already (never two reads of one page). */
struct pgq_ent *pgq_add(struct pgq *q, const void *g, uint64_t page, int vol, uint64_t frame,
                        uint64_t slot, uint64_t tod);
/* Does `who` wait on e with a token already? */
int pgq_waiting(const struct pgq_ent *e, const void *who);
/* `who` waits on e with `token`: 0, or -1 if e has no room for another
 * waiter or who is in it already. */
int pgq_wait(struct pgq_ent *e, void *who, uint64_t token);
/* The next channel program of volume vol: up to max of its oldest QUEUED
 * entries, now STARTED, into out (oldest first); how many.  0 while one of
 * its entries is STARTED (one program a volume at a time). */
int pgq_batch(struct pgq *q, int vol, struct pgq_ent **out, int max);
/* Is a channel program of volume vol running (an entry STARTED)? */
int pgq_busy(const struct pgq *q, int vol);
void pgq_free(struct pgq *q, struct pgq_ent *e);
#endif
