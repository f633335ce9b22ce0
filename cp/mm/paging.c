/* Paging guest storage to 3390 paging volumes (docs/paging.md).
 *
 * Frames: every frame backing a guest page has an owner entry (the guest
 * storage and page number).  When a guest page needs a frame and fewer
 * than LOW_FRAMES are free, the clock (cp/mm/pagepol.c) chooses up to
 * BATCH victims among owned frames; each is invalidated with IPTE (so no
 * CPU can touch it any more), its storage key saved in its PGSTE
 * (cp/mm/gstor.h), and all of them written in one channel program to free
 * slots.  Then the frames are free.  Frames of page tables, segment tables
 * and everything else CP allocates have no owner: never paged.
 *
 * Slots: a paging volume is a 3390 labelled ZCPPGn whose tracks from
 * cylinder 1 on hold 12 records of 4096 bytes (tools/zcppage format); slot
 * s of a volume is cylinder 1 + s / 180, head s / 12 % 15, record s % 12 + 1.
 *
 * Keys: Hercules lets the guest's ISKE/SSKE/RRBE act on the host frame's
 * storage key (SIE with no key-instruction interception), and on the
 * PGSTE's key bytes when the page is not resident (Hercules control.c,
 * ISKE/IVSK under SIE with a z/Arch host: PTE + 2048 key, PTE + 2049 guest
 * R/C).  So a page's key travels like this: resident, it is the frame's key;
 * at page-out ISKE of the frame goes into the PGSTE; at page-in SSKE puts
 * it on the new frame.  The clock's RRBE would reset the guest-visible
 * reference bit, so a reference bit found on is also kept in the PGSTE's
 * guest R/C byte, which Hercules ORs into what the guest's ISKE sees.
 *
 * Because the guest's own SSKE can reset the change bit, the change bit
 * does not tell CP whether a page differs from its slot: every page-out
 * writes (and a slot is freed when its page comes back in).
 *
 * All of this runs on CPU 0 (DESIGN: CP runs there only).  Page-out
 * writes with a synchronous channel program; a guest's page-in is
 * asynchronous (below, "asynchronous page-in"): CPU 0 dispatches others
 * while the page is read.  Page-ins CP does for itself (gstor_real) are
 * synchronous. */
#include "cp/mm/paging.h"
#include "cp/mm/frames.h"
#include "cp/mm/gstor.h"
#include "cp/mm/pagepol.h"
#include "cp/mm/pgq.h"
#include "cp/mm/real.h"
#include "cp/arch/arch.h"
#include "cp/arch/clock.h"
#include "cp/dev/eckd.h"
#include "cp/dev/rdev.h"
#include "cp/sys/opcon.h"
#include "cp/sys/system.h"
#include "cp/sched/dispatch.h"
#include "cp/vm/vm.h"
#include "diagnose/diag.h"
#include "lib/be.h"
#include "lib/mem.h"
#include "lib/str.h"

#define BATCH       16          /* pages written by one channel program */
#define LOW_FRAMES  64          /* below this many free frames, page out */
#define CP_RESERVE  32          /* guests never take the last frames */
#define BELOW_2G    (2048ULL << 20)
#define SLOTS_PER_TRACK PAGING_RECS_PER_TRACK
#define IO_TIMEOUT_MS 20000
#define PAGEIN_RECHECK_MS 2000  /* a vCPU waiting for a page-in faults again after this */
#define STORAGE_RETRY_MS 50     /* after a failed read */

struct owner {
    struct gstor *g;            /* 0: not a guest page */
    uint32_t page;
    uint8_t filling;            /* a page-in reads into it: never a victim */
};

struct volume {
    struct rdev *dev;
    uint64_t first, n;          /* global slot numbers first .. first+n-1 */
};

static struct volume vols[PAGING_MAX_VOLUMES];
static int nvols;
static struct owner *owners;
static uint8_t *slotmap;        /* one bit a slot, 1 = in use */
static uint64_t nslots, slot_cursor;
#define slots_used paging_st.slots_used
static struct pagepol clock;
#define st paging_st
static uint64_t bounce[BATCH];  /* frames below 2 GiB for pages above it */

/* Channel program and operands for one batch. */
static struct {
    struct ccw1 ccw[4 * BATCH];
    uint8_t seek[BATCH][8];
    uint8_t search[BATCH][8];
} io __attribute__((aligned(8)));

static struct vm *vm_of(struct gstor *g)
{
    return (struct vm *)((char *)g - __builtin_offsetof(struct vm, stor));
}

/* After IPTE of a page of g, before its frame's key is taken, its contents
 * written or the frame reused.  IPTE alone does not reach a vCPU of g's
 * machine running under SIE on another real CPU: Hercules 3.13 (dat.h
 * purge_tlbe) clears a SIE guest's TLB entries only when they hold the
 * host PTE, and a DAT-on guest's entries hold its own PTE, so such a
 * guest could go on storing into the old frame (a Linux guest's kernel
 * image got corrupted that way).  SIE entry purges the guest TLB (sie.c),
 * so those vCPUs are kicked out of SIE and waited for (vm_hold). */
static void shoot_down(struct gstor *g)
{
    struct vm *vm = vm_of(g);
    vm_hold(vm);
    vm_release(vm);
}

/* ---- slots ---------------------------------------------------------------- */

static struct volume *slot_volume(uint64_t s)
{
    for (int i = 0; i < nvols; i++)
        if (s >= vols[i].first && s < vols[i].first + vols[i].n)
            return &vols[i];
    return 0;
}

static uint64_t slot_alloc(void)
{
    for (uint64_t k = 0; k < nslots; k++) {
        uint64_t s = (slot_cursor + k) % nslots;
        if (!(slotmap[s / 8] & (1u << (s % 8)))) {
            slotmap[s / 8] |= (uint8_t)(1u << (s % 8));
            slots_used++;
            slot_cursor = s + 1;
            return s;
        }
    }
    return ~0ULL;
}

static void slot_free(uint32_t s)
{
    if (s < nslots && (slotmap[s / 8] & (1u << (s % 8)))) {
        slotmap[s / 8] &= (uint8_t)~(1u << (s % 8));
        slots_used--;
        if (st.full && slots_used + BATCH <= nslots) {
            st.full = 0;
            opcon_printf("HCPPAG9403I Paging space available again: %llu of %llu slots in use",
                         (unsigned long long)slots_used, (unsigned long long)nslots);
        }
    }
}

/* Seek, Search ID Equal, TIC, then Read/Write Data of slot s at CCW i of
 * ccw, with the k-th seek and search operands. */
static int slot_ccws_in(struct ccw1 *ccw, uint8_t (*seek)[8], uint8_t (*search)[8], int i, int k,
                        uint64_t s, uint8_t cmd, uint64_t buf, int last)
{
    struct volume *v = slot_volume(s);
    uint64_t r = s - v->first;
    uint16_t cyl = (uint16_t)(1 + r / (SLOTS_PER_TRACK * v->dev->heads));
    uint16_t head = (uint16_t)(r / SLOTS_PER_TRACK % v->dev->heads);
    memset(seek[k], 0, 8);
    be16_put(seek[k] + 2, cyl);
    be16_put(seek[k] + 4, head);
    be16_put(search[k], cyl);
    be16_put(search[k] + 2, head);
    search[k][4] = (uint8_t)(r % SLOTS_PER_TRACK + 1);
    ccw[i] = (struct ccw1){ 0x07, CCW_FLAG_CC, 6, ccw_addr(seek[k]) };
    ccw[i + 1] = (struct ccw1){ 0x31, CCW_FLAG_CC, 5, ccw_addr(search[k]) };
    ccw[i + 2] = (struct ccw1){ 0x08, 0, 0, ccw_addr(&ccw[i + 1]) };
    ccw[i + 3] = (struct ccw1){ cmd, (uint8_t)(last ? 0 : CCW_FLAG_CC), 4096, (uint32_t)buf };
    return i + 4;
}

static int slot_ccws(int i, int k, uint64_t s, uint8_t cmd, uint64_t buf, int last)
{
    return slot_ccws_in(io.ccw, io.seek, io.search, i, k, s, cmd, buf, last);
}

static int run(struct volume *v, const char *what, uint64_t slot)
{
    struct irb irb;
    int rc = rdev_run(v->dev, io.ccw, &irb, IO_TIMEOUT_MS);
    if (rc)
        opcon_printf("HCPPAG9404E Paging %s error on %s (%04X) slot %llu: %s", what,
                     v->dev->volser, v->dev->devno, (unsigned long long)(slot - v->first),
                     rc == -1 ? "unit check" : rc == -2 ? "no response" : "not operational");
    return rc;
}

/* ---- page-out ------------------------------------------------------------ */

/* Guest pages SIE needs resident are never taken: the prefix areas of the
 * machine's virtual CPUs (Hercules ends SIE with a validity interception
 * when it cannot reach the guest's prefix area through host DAT; z/VM
 * likewise keeps them locked) and absolute pages 0-1. */
static int pageable(uint64_t f, void *arg)
{
    struct owner *o = &owners[f];
    if (!o->g || o->page < 2 || o->filling)
        return 0;
    struct vm *vm = vm_of(o->g);
    for (int i = 0; i < vm->nvcpu; i++) {
        uint64_t px = vm->vcpu[i]->sd.prefix >> 12;
        if (o->page == px || o->page == px + 1)
            return 0;
    }
    return 1;
}

static int referenced(uint64_t f, void *arg)
{
    if (!(rrbe(f * FRAME_SIZE) & 2))
        return 0;
    /* The guest sees this reference bit too: keep it for its ISKE. */
    uint64_t *pte = gstor_pte(owners[f].g, owners[f].page, 0);
    if (pte)
        gstor_pgste(pte)->rc |= 0x04;
    return 1;
}

static const struct pagepol_ops clock_ops = { pageable, referenced };

static void say_full(void)
{
    if (st.full)
        return;
    st.full = 1;
    opcon_printf("HCPPAG9401E Paging space full (%llu slots): no more page-outs; users that "
                 "need storage wait", (unsigned long long)nslots);
}

/* A page in DIAG X'214' pending-release state is not written out: its
 * frame is freed and the page reads as zeros (key zero) next time, as
 * z/VM CP Programming Services allows for such pages.  1 if discarded. */
static int discard(uint64_t f)
{
    struct owner *o = &owners[f];
    uint64_t pt;
    uint64_t *pte = gstor_pte(o->g, o->page, &pt);
    if (!pte || !(gstor_pgste(pte)->resv[0] & PGSTE_PENDING))
        return 0;
    ipte(pt, (uint64_t)o->page << 12);
    shoot_down(o->g);
    *pte = 0x400;                               /* invalid, no slot: zeros */
    memset(gstor_pgste(pte), 0, sizeof(struct pgste));
    o->g->resident--;
    o->g->released++;
    o->g = 0;
    frame_free(f * FRAME_SIZE);
    return 1;
}

/* Page out up to BATCH guest pages; returns how many frames were freed. */
static int reclaim(void)
{
    uint64_t victim[BATCH], slot[BATCH];
    uint64_t *pte[BATCH];
    st.reclaims++;
    int n = pagepol_select(&clock, &clock_ops, 0, victim, BATCH);
    int nd = 0;                 /* pending-release pages discarded */
    /* One volume a batch: the slots of the first one decide. */
    struct volume *vol = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
        uint64_t f = victim[i];
        if (discard(f)) {
            nd++;
            continue;
        }
        uint64_t s = slot_alloc();
        if (s == ~0ULL) {
            say_full();
            break;
        }
        if (!vol)
            vol = slot_volume(s);
        if (slot_volume(s) != vol) {
            slot_free((uint32_t)s);
            break;
        }
        uint64_t pt;
        struct owner *o = &owners[f];
        pte[k] = gstor_pte(o->g, o->page, &pt);
        ipte(pt, (uint64_t)o->page << 12);
        victim[k] = f;
        slot[k] = s;
        k++;
    }
    if (!k)
        return nd;
    /* Only now can no CPU touch them: take each key, then write. */
    for (int j = 0; j < k; j++) {
        if (j == 0 || owners[victim[j]].g != owners[victim[j - 1]].g)
            shoot_down(owners[victim[j]].g);
        uint8_t key = iske(victim[j] * FRAME_SIZE);
        struct pgste *ps = gstor_pgste(pte[j]);
        ps->key = key & 0xF8;
        ps->rc = (uint8_t)((ps->rc | key) & 0x06);
    }
    int i = 0;
    for (int j = 0; j < k; j++) {
        uint64_t buf = victim[j] * FRAME_SIZE;
        if (buf + FRAME_SIZE > BELOW_2G) {
            memcpy(real_ptr(bounce[j]), real_ptr(buf), FRAME_SIZE);
            buf = bounce[j];
        }
        i = slot_ccws(i, j, slot[j], 0x05, buf, j == k - 1);
    }
    if (run(vol, "write", slot[0]) != 0) {
        /* Nothing lost: the pages become valid again where they were. */
        for (int j = 0; j < k; j++) {
            struct pgste *ps = gstor_pgste(pte[j]);
            ps->key = 0;
            *pte[j] = victim[j] * FRAME_SIZE;
            slot_free((uint32_t)slot[j]);
        }
        return nd;
    }
    for (int j = 0; j < k; j++) {
        struct owner *o = &owners[victim[j]];
        gstor_pgste(pte[j])->slot = (uint32_t)slot[j] + 1;
        o->g->resident--;
        o->g->paged++;
        o->g->pageouts++;
        o->g = 0;
        frame_free(victim[j] * FRAME_SIZE);
        st.pageouts++;
    }
    return k + nd;
}

/* ---- the gstor_pager -------------------------------------------------------- */

static uint64_t get_frame(struct gstor *g, uint64_t page)
{
    if (nvols && frames_free() < LOW_FRAMES)
        reclaim();
    if (frames_free() <= CP_RESERVE)
        return 0;
    uint64_t frame = frame_alloc();
    if (frame) {
        owners[frame / FRAME_SIZE].g = g;
        owners[frame / FRAME_SIZE].page = (uint32_t)page;
        owners[frame / FRAME_SIZE].filling = 0;
    }
    return frame;
}

static int fill(uint64_t frame, struct pgste *ps)
{
    if (ps->slot) {
        uint64_t s = ps->slot - 1;
        struct volume *v = slot_volume(s);
        uint64_t buf = frame + FRAME_SIZE > BELOW_2G ? bounce[0] : frame;
        uint64_t t0 = tod_now();
        slot_ccws(0, 0, s, 0x06, buf, 1);
        if (!v || run(v, "read", s) != 0)
            return -1;
        st.pagein_tod += tod_now() - t0;
        if (buf != frame)
            memcpy(real_ptr(frame), real_ptr(buf), FRAME_SIZE);
        slot_free((uint32_t)s);
        ps->slot = 0;
        st.pageins++;
    } else {
        memset(real_ptr(frame), 0, FRAME_SIZE);
    }
    sske(frame, (uint8_t)((ps->key & 0xF8) | (ps->rc & 0x06)));
    ps->key = 0;
    ps->rc = 0;
    return 0;
}

static void put_frame(uint64_t frame)
{
    owners[frame / FRAME_SIZE].g = 0;
    owners[frame / FRAME_SIZE].filling = 0;
}

static void unmap(struct gstor *g, uint64_t pt, uint64_t page)
{
    ipte(pt, page << 12);
    shoot_down(g);
}

static void free_slot(uint32_t s)
{
    slot_free(s);
}

/* ---- asynchronous page-in ------------------------------------------------- */

/* A virtual CPU's host fault on a page that is on a slot starts the read
 * and returns to the dispatcher (paging_fault); the read's I/O
 * interruption only notes that it ended (read_done), and the dispatcher's
 * next turn installs the page (paging_work): frame, storage key from the
 * PGSTE, valid page-table entry, then the waiting virtual CPUs run again
 * and the pfault completions are posted.  The frame being filled is
 * marked (owner.filling), so the clock never takes it; the PGSTE is marked
 * (PGSTE_INFLIGHT), so a second fault on the page joins the read in
 * flight (cp/mm/pgq.c) instead of reading it again into another frame.
 * One channel program a volume at a time, reading up to BATCH queued
 * slots; volumes run in parallel. */

static struct pgq inq;

static struct rvol {
    struct ccw1 ccw[4 * BATCH];
    uint8_t seek[BATCH][8];
    uint8_t search[BATCH][8];
    struct pgq_ent *ent[BATCH];
    int n;                      /* entries of the program running, 0: idle */
    volatile int done;          /* its interruption came (or it failed to start) */
    int rc;                     /* 0, or rdev_start's / a timeout's -n */
    struct irb irb;
    uint64_t start_tod;
    uint64_t guest0;            /* CPU 0's guest time when it started */
} rv[PAGING_MAX_VOLUMES] __attribute__((aligned(8)));

/* Pfault completions the guest's queue had no room for yet. */
#define LATE_MAX 32
static struct { struct vcpu *v; uint64_t token; } late[LATE_MAX];
static int nlate;

/* From the I/O interruption: nothing but a note (CP's tables are changed
 * only in the dispatcher's turn, never in an interruption handler). */
static void read_done(struct rdev *dev, const struct irb *irb, void *arg)
{
    struct rvol *r = arg;
    r->irb = *irb;
    r->rc = 0;
    r->done = 1;
    page_kick = 1;
}

static void start_reads(int vi)
{
    struct rvol *r = &rv[vi];
    if (r->n)
        return;
    int n = pgq_batch(&inq, vi, r->ent, BATCH);
    if (!n)
        return;
    int i = 0;
    for (int k = 0; k < n; k++)
        i = slot_ccws_in(r->ccw, r->seek, r->search, i, k, r->ent[k]->slot, 0x06,
                         r->ent[k]->frame, k == n - 1);
    r->n = n;
    r->done = 0;
    r->start_tod = tod_now();
    r->guest0 = sys.guest_tod[0];
    int rc = rdev_start(vols[vi].dev, r->ccw, read_done, r);
    if (rc == -1) {
        /* Busy (cannot be ours: CP's own programs end before it goes on):
         * queued again, started on the next turn. */
        for (int k = 0; k < n; k++)
            r->ent[k]->state = PGQ_QUEUED;
        r->n = 0;
        return;
    }
    if (rc) {
        memset(&r->irb, 0, sizeof r->irb);
        r->rc = rc;
        r->done = 1;
    }
    st.pagein_batches++;
}

static void post_completion(struct vcpu *v, uint64_t token)
{
    if (diag_pfault_done(v, token) < 0 && nlate < LATE_MAX) {
        late[nlate].v = v;
        late[nlate].token = token;
        nlate++;
    }
}

/* The read of e ended (ok), or failed, or the page went away: the virtual
 * CPUs waiting for it run again (after a failure a little later: they
 * fault again and read again), the pfault tokens get their completion. */
static void wake(struct gstor *g, struct pgq_ent *e, int ok)
{
    struct vm *vm = vm_of(g);
    for (int k = 0; k < vm->nvcpu; k++) {
        struct vcpu *v = vm->vcpu[k];
        if (v->pgwait == e->page + 1) {
            v->pgwait = 0;
            v->storage_wait_tod = ok ? 0 : tod_now() + tod_from_ms(STORAGE_RETRY_MS);
            if (ok)
                dispatch_prefer(v);
        }
    }
    for (int i = 0; i < e->nwait; i++)
        for (int k = 0; k < vm->nvcpu; k++)
            if (vm->vcpu[k] == e->w[i].who) {
                post_completion(vm->vcpu[k], e->w[i].token);
                dispatch_prefer(vm->vcpu[k]);
            }
}

static void forget(struct pgq_ent *e)
{
    put_frame(e->frame);
    frame_free(e->frame);
    slot_free((uint32_t)e->slot);
    pgq_free(&inq, e);
}

static void finish(int vi)
{
    struct rvol *r = &rv[vi];
    struct volume *vol = &vols[vi];
    int ok = r->rc == 0 && !(r->irb.dstat & (DEV_UC | DEV_UX)) && !r->irb.cstat;
    if (!ok)
        opcon_printf("HCPPAG9404E Paging read error on %s (%04X) slot %llu: %s", vol->dev->volser,
                     vol->dev->devno, (unsigned long long)(r->ent[0]->slot - vol->first),
                     r->rc == -2 ? "no response" : r->rc == -3 ? "not operational" : "unit check");
    uint64_t now = tod_now();
    /* What CPU 0 (where CP runs) gave guests while the read ran: zero if
     * page-ins held it up. */
    st.pagein_overlap_tod += sys.guest_tod[0] - r->guest0;
    for (int k = 0; k < r->n; k++) {
        struct pgq_ent *e = r->ent[k];
        if (e->cancelled) {
            forget(e);                          /* released or logged off meanwhile */
            continue;
        }
        struct gstor *g = (struct gstor *)e->g;
        uint64_t *pte = gstor_pte(g, e->page, 0);
        struct pgste *ps = gstor_pgste(pte);
        ps->resv[0] &= (uint8_t)~PGSTE_INFLIGHT;
        g->inflight--;
        if (ok) {
            /* With the reference bit on: the clock must not take the page
             * before its waiting vCPU ran again and touched it (which sets
             * the bit anyway: the guest sees no difference). */
            sske(e->frame, (uint8_t)((ps->key & 0xF8) | (ps->rc & 0x06) | 0x04));
            ps->key = 0;
            ps->rc = 0;
            ps->slot = 0;
            slot_free((uint32_t)e->slot);
            owners[e->frame / FRAME_SIZE].filling = 0;
            *pte = e->frame;                    /* valid now: no TLB holds an invalid entry */
            g->paged--;
            g->pageins++;
            g->resident++;
            st.pageins++;
            st.pagein_tod += now - e->tod;
            wake(g, e, 1);
            pgq_free(&inq, e);
        } else {
            /* The page stays on its slot. */
            put_frame(e->frame);
            frame_free(e->frame);
            wake(g, e, 0);
            pgq_free(&inq, e);
        }
    }
    r->n = 0;
}

int paging_work(void)
{
    if (!nvols)
        return 0;
    int did = 0;
    for (int i = 0; i < nlate; i++) {
        if (diag_pfault_done(late[i].v, late[i].token) < 0)
            continue;
        late[i--] = late[--nlate];
        did = 1;
    }
    if (!inq.n)
        return did;
    uint64_t now = tod_now();
    for (int vi = 0; vi < nvols; vi++) {
        struct rvol *r = &rv[vi];
        if (r->n && !r->done && now - r->start_tod > tod_from_ms(IO_TIMEOUT_MS)) {
            csch(vols[vi].dev->schid);          /* the clear ends with an interruption */
            vols[vi].dev->busy = 0;
            r->rc = -2;
            r->done = 1;
        }
        if (r->n && r->done) {
            finish(vi);
            did = 1;
        }
        start_reads(vi);
    }
    return did;
}

int paging_fault(struct vcpu *v, uint64_t addr)
{
    struct gstor *g = &v->vm->stor;
    if (!nvols || addr >= g->size)
        return 0;
    uint64_t page = addr >> 12;
    uint64_t *pte = gstor_pte(g, page, 0);
    if (!pte || !(*pte & 0x400))
        return 0;
    struct pgste *ps = gstor_pgste(pte);
    struct pgq_ent *e = 0;
    if (ps->resv[0] & PGSTE_INFLIGHT) {
        e = pgq_find(&inq, g, page);
        if (!e)
            return 0;
        st.pagein_joins++;
    } else {
        if (!ps->slot || inq.n >= PGQ_MAX)
            return 0;                           /* nothing to read, or the table is full */
        struct volume *vol = slot_volume(ps->slot - 1);
        uint64_t frame = vol ? get_frame(g, page) : 0;
        if (!frame)
            return 0;                           /* the synchronous way: storage wait */
        /* A channel program reaches 2 GiB only: above, the synchronous
         * way (with its bounce buffer). */
        if (frame + FRAME_SIZE > BELOW_2G ||
            !(e = pgq_add(&inq, g, page, (int)(vol - vols), frame, ps->slot - 1, tod_now()))) {
            put_frame(frame);
            frame_free(frame);
            return 0;
        }
        owners[frame / FRAME_SIZE].filling = 1;
        ps->resv[0] |= PGSTE_INFLIGHT;
        g->inflight++;
        st.pagein_async++;
        start_reads(e->vol);
    }
    /* DIAG X'258': the guest is told and runs other work; the completion
     * is posted when the page is in.  A virtual CPU told once about this
     * page waits like any other. */
    uint64_t token;
    if (!pgq_waiting(e, v) && e->nwait < PGQ_WAITERS && diag_pfault_init(v, addr, &token)) {
        /* Reading the token may have waited for page-ins (settle), and
         * this one may be done now: then its completion goes at once. */
        e = pgq_find(&inq, g, page);
        if (!e || pgq_wait(e, v, token) != 0)
            post_completion(v, token);
        return 1;
    }
    if (!pgq_find(&inq, g, page))
        return 1;                               /* in meanwhile: just run again */
    v->pgwait = page + 1;
    v->storage_wait_tod = tod_now() + tod_from_ms(PAGEIN_RECHECK_MS);
    st.pagein_waits++;
    return 1;
}

/* The page is released or its storage freed while its read is in flight:
 * a read not started is dropped now; one running is forgotten when it
 * ends (its frame and slot freed then).  Called by gstor before it clears
 * the PGSTE. */
static void cancel(struct gstor *g, uint64_t page)
{
    struct pgq_ent *e = pgq_find(&inq, g, page);
    if (!e)
        return;
    g->inflight--;
    wake(g, e, 1);                              /* they fault again: zeros now */
    if (e->state == PGQ_QUEUED) {
        forget(e);
        return;
    }
    e->cancelled = 1;
    e->g = 0;
}

/* CP itself needs the page now (gstor_real): wait for its read. */
static void settle(struct gstor *g, uint64_t page)
{
    uint64_t until = tod_now() + tod_from_ms(IO_TIMEOUT_MS + 1000);
    while (pgq_find(&inq, g, page) && tod_now() < until) {
        if (paging_work())
            continue;
        uint64_t t = tod_now() + tod_from_ms(100);
        clock_wait_until(t < until ? t : until);
    }
}

static int fault_hook(void *v, uint64_t addr)
{
    return paging_fault(v, addr);
}

static void hold(struct gstor *g, int on)
{
    if (on)
        vm_hold(vm_of(g));
    else
        vm_release(vm_of(g));
}

static const struct gstor_pager pager = { get_frame, fill, unmap, put_frame, free_slot,
                                          cancel, settle, fault_hook, hold };

/* ---- start-up ---------------------------------------------------------------- */

static uint64_t alloc_zeroed(uint64_t bytes)
{
    uint64_t n = (bytes + FRAME_SIZE - 1) / FRAME_SIZE;
    uint64_t a = frames_alloc_run(n);
    if (a)
        memset(real_ptr(a), 0, n * FRAME_SIZE);
    return a;
}

int paging_init(void)
{
    static uint8_t probe[4096] __attribute__((aligned(8)));
    nvols = 0;
    nslots = 0;
    for (int i = 0; i < rdev_count && nvols < PAGING_MAX_VOLUMES; i++) {
        struct rdev *r = &rdevs[i];
        if (r->cls != RDEV_DASD || !r->heads || r->cylinders < 2 ||
            strncmp(r->volser, PAGING_VOLSER_PREFIX, 5) != 0)
            continue;
        /* Formatted: cylinder 1 track 0 record 1 holds 4096 bytes. */
        if (eckd_read(r, 1, 0, 1, probe, sizeof probe) != (int)sizeof probe) {
            opcon_printf("HCPPAG9402E Paging volume %s (%04X) is not formatted (tools/zcppage "
                         "format); not used", r->volser, r->devno);
            continue;
        }
        vols[nvols].dev = r;
        vols[nvols].first = nslots;
        vols[nvols].n = (uint64_t)(r->cylinders - 1) * r->heads * SLOTS_PER_TRACK;
        nslots += vols[nvols].n;
        str_copy(r->owner, "*PAGING", sizeof r->owner);
        nvols++;
    }
    uint64_t map = nvols ? alloc_zeroed((nslots + 7) / 8) : 0;
    uint64_t own = alloc_zeroed(frames_total() * sizeof(struct owner));
    if (!own || (nvols && !map)) {
        opcon_printf("HCPPAG9405E No real storage for the paging tables: paging is off");
        nvols = 0;
        st.volumes = 0;
        return 0;
    }
    owners = real_ptr(own);
    slotmap = nvols ? real_ptr(map) : 0;
    for (int i = 0; i < BATCH && nvols; i++)
        bounce[i] = frame_alloc_below(BELOW_2G);
    pagepol_init(&clock, frames_total());
    pgq_init(&inq);
    st.volumes = nvols;
    st.slots = nslots;
    gstor_pager = &pager;
    for (int i = 0; i < nvols; i++)
        opcon_printf("HCPPAG9400I Paging volume %s (%04X): %llu slots of 4K", vols[i].dev->volser,
                     vols[i].dev->devno, (unsigned long long)vols[i].n);
    return nvols;
}
