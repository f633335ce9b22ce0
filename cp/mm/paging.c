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
 * All of this runs on CPU 0 (DESIGN: CP runs there only), with
 * synchronous channel programs: while CPU 0 reads or writes pages, the
 * other CPUs go on running guests. */
#include "cp/mm/paging.h"
#include "cp/mm/frames.h"
#include "cp/mm/gstor.h"
#include "cp/mm/pagepol.h"
#include "cp/mm/real.h"
#include "cp/arch/arch.h"
#include "cp/arch/clock.h"
#include "cp/dev/eckd.h"
#include "cp/dev/rdev.h"
#include "cp/sys/opcon.h"
#include "cp/sys/system.h"
#include "cp/vm/vm.h"
#include "lib/be.h"
#include "lib/mem.h"
#include "lib/str.h"

#define BATCH       16          /* pages written by one channel program */
#define LOW_FRAMES  64          /* below this many free frames, page out */
#define CP_RESERVE  32          /* guests never take the last frames */
#define BELOW_2G    (2048ULL << 20)
#define SLOTS_PER_TRACK PAGING_RECS_PER_TRACK
#define IO_TIMEOUT_MS 20000

struct owner {
    struct gstor *g;            /* 0: not a guest page */
    uint32_t page;
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

/* Seek, Search ID Equal, TIC, then Read/Write Data of slot s at CCW i. */
static int slot_ccws(int i, int k, uint64_t s, uint8_t cmd, uint64_t buf, int last)
{
    struct volume *v = slot_volume(s);
    uint64_t r = s - v->first;
    uint16_t cyl = (uint16_t)(1 + r / (SLOTS_PER_TRACK * v->dev->heads));
    uint16_t head = (uint16_t)(r / SLOTS_PER_TRACK % v->dev->heads);
    memset(io.seek[k], 0, 8);
    be16_put(io.seek[k] + 2, cyl);
    be16_put(io.seek[k] + 4, head);
    be16_put(io.search[k], cyl);
    be16_put(io.search[k] + 2, head);
    io.search[k][4] = (uint8_t)(r % SLOTS_PER_TRACK + 1);
    io.ccw[i] = (struct ccw1){ 0x07, CCW_FLAG_CC, 6, ccw_addr(io.seek[k]) };
    io.ccw[i + 1] = (struct ccw1){ 0x31, CCW_FLAG_CC, 5, ccw_addr(io.search[k]) };
    io.ccw[i + 2] = (struct ccw1){ 0x08, 0, 0, ccw_addr(&io.ccw[i + 1]) };
    io.ccw[i + 3] = (struct ccw1){ cmd, (uint8_t)(last ? 0 : CCW_FLAG_CC), 4096, (uint32_t)buf };
    return i + 4;
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
    if (!o->g || o->page < 2)
        return 0;
    struct vm *vm = (struct vm *)((char *)o->g - __builtin_offsetof(struct vm, stor));
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
        ipte(pt, (uint64_t)o->page << 12);      /* no CPU can touch it now */
        uint8_t key = iske(f * FRAME_SIZE);
        struct pgste *ps = gstor_pgste(pte[k]);
        ps->key = key & 0xF8;
        ps->rc = (uint8_t)((ps->rc | key) & 0x06);
        victim[k] = f;
        slot[k] = s;
        k++;
    }
    if (!k)
        return nd;
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
}

static void unmap(uint64_t pt, uint64_t page)
{
    ipte(pt, page << 12);
}

static void free_slot(uint32_t s)
{
    slot_free(s);
}

static const struct gstor_pager pager = { get_frame, fill, unmap, put_frame, free_slot };

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
    st.volumes = nvols;
    st.slots = nslots;
    gstor_pager = &pager;
    for (int i = 0; i < nvols; i++)
        opcon_printf("HCPPAG9400I Paging volume %s (%04X): %llu slots of 4K", vols[i].dev->volser,
                     vols[i].dev->devno, (unsigned long long)vols[i].n);
    return nvols;
}
