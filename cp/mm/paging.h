/* Paging guest storage to DASD: docs/paging.md.  cp/mm/paging.c. */
#ifndef CP_MM_PAGING_H
#define CP_MM_PAGING_H
#include <stdint.h>

#define PAGING_VOLSER_PREFIX "ZCPPG"    /* paging volumes: ZCPPG1, ZCPPG2, ... */
#define PAGING_MAX_VOLUMES 8
#define PAGING_RECS_PER_TRACK 12        /* 4096-byte records on a 3390 track */

/* Counters paging keeps (cp/mm/paging.c updates them; cp/mm/pagestat.c
 * holds them, so commands compile on the host too). */
struct paging_stats {
    int volumes;
    uint64_t slots, slots_used;
    uint64_t pageins, pageouts;         /* since IPL */
    uint64_t reclaims;                  /* times frames ran short */
    uint64_t waits;                     /* guest faults that had to wait: no frame */
    uint64_t pagein_tod;                /* TOD units spent reading pages */
    int full;                           /* paging space is full */
    /* Asynchronous page-in (docs/paging.md): */
    uint64_t pagein_async;              /* reads started from a guest's fault */
    uint64_t pagein_batches;            /* channel programs that read them */
    uint64_t pagein_joins;              /* faults on a page already in flight */
    uint64_t pagein_waits;              /* vCPUs that waited (no pfault init) */
    uint64_t pagein_overlap_tod;        /* guest time on CPU 0 while reads ran */
};
extern struct paging_stats paging_st;

/* At IPL, after the DASD are attached: find the paging volumes and plug
 * paging into guest storage (cp/mm/gstor.h).  Returns the volumes used. */
int paging_init(void);
/* Is paging on (at least one volume)?  cp/mm/pagestat.c */
int paging_active(void);
/* A guest fault could not get a frame: count it (QUERY FRAMES). */
void paging_note_wait(void);

struct vcpu;
/* A host fault of v on guest absolute addr (cp/sched/dispatch.c): if the
 * page is on a paging slot, or its read is in flight already, start (or
 * join) the read and return 1: v waits (vcpu->pgwait, storage_wait_tod),
 * or got the DIAG X'258' page-fault init and runs on.  0: serve it the
 * synchronous way (gstor_real).  cp/mm/paging.c, target only. */
int paging_fault(struct vcpu *v, uint64_t addr);
/* The dispatcher's turn: install pages whose reads ended, start the next
 * reads.  Nonzero if it did something. */
int paging_work(void);
#endif
