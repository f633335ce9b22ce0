/* DIAGNOSE X'250': block I/O on virtual 3390 minidisks (z/VM CP
 * Programming Services, "DIAGNOSE Code X'250'"; parameter-list layouts as
 * Linux drivers/s390/block/dasd_diag.h and Hercules vmd250.c use them).
 *
 *   Rx      address of the 64-byte BIOPL (doubleword aligned, guest real)
 *   Rx+1    return code, out
 *   Ry      function: 0 INIT, 1 IOREQ, 2 REMOVE
 *   cc      0 done, 1 partly done, 2 failed
 *
 * The BIOPL's flag byte (offset 2) bit 0 selects the 64-bit formats.  A
 * block is one record of a minidisk formatted in fixed blocks (tools/
 * zcpmdisk): block b of the environment is physical block p = b + offset,
 * counted from 1 at cylinder 0 head 0 record 1, records-per-track of the
 * block size on a 3390 (4096: 12, 2048: 21, 1024: 33, 512: 49).
 * Asynchronous requests are done at once and their completion is queued
 * as external interruption X'2603' (subcode 3 or 7, status 0 all good,
 * 1 some BIOEs failed); storage keys are not checked. */
#include "diagnose/diag.h"
#include "diagnose/blockio.h"
#include "cp/vm/guest.h"
#include "cp/vm/vdasd.h"
#include "cp/mm/gstor.h"
#include "cp/mm/real.h"
#include "lib/be.h"
#include "lib/mem.h"
#include "lib/divmod.h"

#define RC_READONLY  4      /* INIT done, the disk is read-only */
#define RC_ASYNC     8      /* asynchronous request started */
#define RC_PARTIAL  12      /* some blocks failed */
#define RC_NODEV    16      /* no such device */
#define RC_NOTDASD  20      /* not a supported disk */
#define RC_BLKSIZE  24      /* block size not supported */
#define RC_STATE    28      /* INIT twice, or IOREQ/REMOVE without INIT */
#define RC_COUNT    36      /* block count not 1-256 */
#define RC_ALLBAD   40      /* every block failed */

/* BIOE status (z/VM: "Block I/O Entry Format"). */
#define ST_OK        0x00
#define ST_BADBLOCK  0x01
#define ST_ADDR      0x02
#define ST_READONLY  0x03
#define ST_RECLEN    0x04
#define ST_IOERROR   0x05
#define ST_BADTYPE   0x06
#define ST_RESERVED  0x0B

struct bioenv {
    struct vm *vm;
    struct vdev *dev;           /* vm_vdev(vm, devno) at INIT */
    uint32_t serial;            /* the minidisk it belongs to (vdasd_info) */
    uint16_t devno;
    uint32_t blksize, per_track;
    int64_t offset, first, last;
};
static struct bioenv envs[VM_MAX * 4];

/* For copies by assignment (inline MVCs). */
struct biopl { uint8_t b[64]; };
struct bioe31 { uint8_t b[16]; };
struct bioe64 { uint8_t b[24]; };

/* An environment lives as long as its minidisk: a new definition (a new
 * logon, DETACH and LINK) has a new serial. */
static int env_live(const struct bioenv *e)
{
    struct vdasd_info info;
    struct vdev *d = e->vm && e->vm->in_use ? vm_vdev(e->vm, e->devno) : 0;
    return d && vdasd_info(d, &info) == 0 && info.serial == e->serial;
}

/* At most one live environment a (vm, devno): the last one found is
 * looked at first, the table is scanned only when it is not that one.
 * d is vm_vdev(vm, devno): for the calling machine (in use), the last
 * environment is live exactly when d is the minidisk of its serial. */
static struct bioenv *env_last;

static struct bioenv *env_find(struct vm *vm, uint16_t devno, const struct vdev *d)
{
    struct bioenv *e = env_last;
    if (e && e->vm == vm && e->devno == devno && d && vdasd_serial(d) == e->serial)
        return e;
    for (size_t i = 0; i < sizeof envs / sizeof envs[0]; i++) {
        e = &envs[i];
        if (e->vm == vm && e->devno == devno && env_live(e))
            return env_last = e;
    }
    return 0;
}

uint32_t blockio_per_track(uint32_t blksize)
{
    switch (blksize) {
    case 512: case 1024: case 2048: case 4096:
        return VDASD_TRACK_CELLS / vdasd_cells(0, blksize);
    default:
        return 0;
    }
}

static int init(struct vm *vm, uint8_t *pl, int is64)
{
    uint16_t devno = be16_get(pl);
    struct vdev *d = vm_vdev(vm, devno);
    struct vdasd_info info;
    if (!d)
        return RC_NODEV;
    if (vdasd_info(d, &info) != 0)
        return RC_NOTDASD;
    uint32_t bs = be32_get(pl + 24);
    uint32_t per_track = blockio_per_track(bs);
    if (!per_track)
        return RC_BLKSIZE;
    if (env_find(vm, devno, d))
        return RC_STATE;
    struct bioenv *e = 0;
    for (size_t i = 0; i < sizeof envs / sizeof envs[0] && !e; i++)
        if (!env_live(&envs[i]))
            e = &envs[i];
    if (!e)
        return RC_STATE;
    int64_t offset = is64 ? (int64_t)be64_get(pl + 32) : (int32_t)be32_get(pl + 28);
    int64_t blocks = (int64_t)info.cyls * VDASD_HEADS * per_track;
    *e = (struct bioenv){ vm, d, info.serial, devno, bs, per_track, offset, 1 - offset,
                          blocks - offset };
    /* Tell the guest its first and last block numbers. */
    if (is64) {
        be64_put(pl + 40, (uint64_t)e->first);
        be64_put(pl + 48, (uint64_t)e->last);
    } else {
        be32_put(pl + 32, (uint32_t)e->first);
        be32_put(pl + 36, (uint32_t)e->last);
    }
    return info.readonly ? RC_READONLY : 0;
}

/* ---- the fast path (docs/dasd.md, "Performance") ------------------------
 * Every BIOE of a request costs a read of the entry, a record lookup, a
 * copy of the block and a store of the status byte.  Where the bytes lie
 * in one resident page of the guest, CP reaches them through a host
 * pointer instead of the general page-by-page copy, and moves a block
 * with one MOVE LONG (Hercules moves it a page at a time inside the one
 * instruction; sixteen MVCs of 256 bytes took 2-3 times as long here). */

/* A host pointer to len bytes at guest absolute address abs, in one page
 * of storage that is there (made resident if paged out); NULL otherwise,
 * and the caller takes the general path. */
static inline __attribute__((always_inline)) uint8_t *host_ptr(struct vm *vm, uint64_t abs,
                                                               uint32_t len)
{
    if ((abs & 0xFFF) + len > 4096 || abs >= vm->stor.size)
        return 0;
    uint64_t r = gstor_resident(&vm->stor, abs);
    if (r)
        return (uint8_t *)real_ptr(r);
    r = gstor_real(&vm->stor, abs, 1);
    return r == (uint64_t)-1 || r == 0 ? 0 : (uint8_t *)real_ptr(r);
}

static void move_long(uint8_t *d, const uint8_t *s, uint64_t n)
{
#ifdef ZCP_HOST
    memcpy(d, s, n);
#else
    register uint64_t r2 __asm__("2") = (uintptr_t)d, r3 __asm__("3") = n;
    register uint64_t r4 __asm__("4") = (uintptr_t)s, r5 __asm__("5") = n;
    __asm__ volatile("mvcl 2,4" : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5) : : "cc", "memory");
#endif
}

/* One BIOE: its status. */
static uint8_t one_block(struct vcpu *v, struct bioenv *e, struct vdev *d, uint8_t type,
                         int64_t blk, uint64_t buf)
{
    static uint8_t data[4096] __attribute__((aligned(8)));
    if (type != 1 && type != 2)
        return ST_BADTYPE;
    if (blk < e->first || blk > e->last)
        return ST_BADBLOCK;
    if (buf + e->blksize < buf || buf + e->blksize > v->vm->stor.size)
        return ST_ADDR;
    /* Physical block p+1: record p % per_track + 1 of virtual track
     * p / per_track (one DSGR: lib/divmod.h). */
    uint64_t r, p = (uint64_t)(blk + e->offset) - 1;
    uint32_t track = (uint32_t)udivmod(p, e->per_track, &r);
    uint8_t rec = (uint8_t)(r + 1);
    int write = type == 1, rc;
    if (!write) {
        /* A read goes from the track cache straight to the guest. */
        const uint8_t *src = vdasd_block_data(d, track, rec, e->blksize, &rc);
        if (src) {
            uint8_t *to = host_ptr(v->vm, buf, e->blksize);
            if (to) {
                move_long(to, src, e->blksize);
                return ST_OK;
            }
            return gstor_write(&v->vm->stor, buf, src, e->blksize) ? ST_ADDR : ST_OK;
        }
    } else {
        if (gstor_read(&v->vm->stor, buf, data, e->blksize))
            return ST_ADDR;
        uint64_t head, cyl = udivmod(track, VDASD_HEADS, &head);
        rc = vdasd_record_io(d, write, (uint32_t)cyl, (uint32_t)head, rec, data, e->blksize);
    }
    switch (rc) {
    case VDASD_OK:
        return ST_OK;
    case VDASD_ERO:       return ST_READONLY;
    case VDASD_ENOTFOUND:
    case VDASD_ELEN:      return ST_RECLEN;     /* not formatted in this block size */
    default:              return ST_IOERROR;
    }
}

/* The common case, BIOE after BIOE: a read of a block whose buffer lies in
 * one resident page, from a track in the cache (vdasd_block_data's fast
 * path), BIOEs in one resident page (h: the first, count of them there).
 * The same checks as one_block in the same order, only the outcomes that
 * need nothing else are taken here: at the first BIOE that is anything
 * else (a write, any error status, a buffer not resident, a cache miss)
 * it stops, and the general path does that one.  No paging and no I/O
 * happen here, so h stays good.  Returns the BIOEs done (status 0). */
static inline __attribute__((always_inline)) uint32_t
fast_reads(struct vm *vm, const struct bioenv *e, struct vdev *d, uint8_t *h, uint32_t count,
           int is64)
{
    const uint32_t size = is64 ? 24 : 16, bs = e->blksize;
    const uint64_t stor = vm->stor.size;
    uint32_t k;
    for (k = 0; k < count; k++, h += size) {
        /* Type 2 (read), bytes 2-3 and the ALET zero. */
        if ((be32_get(h) & 0xFF00FFFF) != 0x02000000 || be32_get(h + (is64 ? 4 : 8)))
            break;
        int64_t blk = is64 ? (int64_t)be64_get(h + 8) : (int32_t)be32_get(h + 4);
        uint64_t buf = is64 ? be64_get(h + 16) : be32_get(h + 12) & 0x7FFFFFFF;
        if (blk < e->first || blk > e->last || buf + bs < buf || buf + bs > stor ||
            (buf & 0xFFF) + bs > 4096)
            break;
        uint64_t r, p = (uint64_t)(blk + e->offset) - 1;
        uint32_t track = (uint32_t)udivmod(p, e->per_track, &r);
        int rc;
        const uint8_t *src = vdasd_block_data_cached(d, track, (uint8_t)(r + 1), bs, &rc);
        uint64_t to = src ? gstor_resident(&vm->stor, buf) : 0;
        if (!to)
            break;
        move_long(real_ptr(to), src, bs);
        h[1] = ST_OK;
    }
    return k;
}

/* IOREQ: every BIOE, its status stored back.  Returns the rc (and sets
 * *psc for an asynchronous completion), or -1 after a program interruption. */
static int ioreq(struct vcpu *v, uint8_t *pl, int is64, int *cc)
{
    struct vm *vm = v->vm;
    uint8_t key = pl[24], flags = pl[25];
    /* Reserved: bytes 3-23 and 26-27, then 36-39 and 56-63 (64-bit) or
     * 44-63 (31-bit).  Word loads: be32/be64 of the list in hand. */
    int reserved_ok = !(be32_get(pl) & 0xFF) && !(be32_get(pl + 4) | be32_get(pl + 8) |
                                                  be32_get(pl + 12) | be32_get(pl + 16) |
                                                  be32_get(pl + 20)) &&
                      !(be16_get(pl + 26)) &&
                      (is64 ? !(be32_get(pl + 36) | be64_get(pl + 56))
                            : !(be32_get(pl + 44) | be64_get(pl + 48) | be64_get(pl + 56)));
    if (!reserved_ok || (flags & 0xFC) || (key & 0x0F)) {
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return -1;
    }
    uint16_t devno = be16_get(pl);
    *cc = 2;
    /* The last environment's device, if it is still that minidisk: a
     * device number is on one device of a machine at most (vm_add_vdev),
     * and a detached or redefined one has no or another serial. */
    struct bioenv *e = env_last;
    struct vdev *d;
    if (e && e->vm == vm && e->devno == devno && e->dev->ops && e->dev->devno == devno &&
        vdasd_serial(e->dev) == e->serial) {
        d = e->dev;
    } else {
        d = vm_vdev(vm, devno);
        if (!d)
            return RC_NODEV;
        e = env_find(vm, devno, d);
        if (!e)
            return RC_STATE;
    }
    uint32_t n = be32_get(pl + 28);
    if (n < 1 || n > 256)
        return RC_COUNT;
    uint64_t list = is64 ? be64_get(pl + 48) : be32_get(pl + 36) & 0x7FFFFFFF;
    uint64_t parm = is64 ? be64_get(pl + 40) : be32_get(pl + 40);
    uint32_t size = is64 ? 24 : 16;
    uint32_t good = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t b[24], *h;
        uint64_t at = list + (uint64_t)i * size;
        /* The list is at a guest real address: prefixed. */
        uint64_t abs = gstor_prefix(at, v->sd.prefix);
        h = host_ptr(vm, abs, size);
        if (h) {
            /* As many as lie in this page: the fast path first. */
            uint32_t room = (4096 - (uint32_t)(abs & 0xFFF)) / size, done;
            if (room > n - i)
                room = n - i;
            done = is64 ? fast_reads(vm, e, d, h, room, 1) : fast_reads(vm, e, d, h, room, 0);
            good += done;
            i += done;
            if (i == n)
                break;
            if (done) {
                at = list + (uint64_t)i * size;
                abs = gstor_prefix(at, v->sd.prefix);
                h = host_ptr(vm, abs, size);
            }
        }
        if (h) {
            /* Copied inline (one MVC), not by a call of memcpy. */
            if (is64)
                *(struct bioe64 *)b = *(const struct bioe64 *)h;
            else
                *(struct bioe31 *)b = *(const struct bioe31 *)h;
        } else if (guest_read(v, at, b, size)) {
            vcpu_program_interrupt(v, PGM_ADDRESSING, 4);
            return -1;
        }
        int64_t blk = is64 ? (int64_t)be64_get(b + 8) : (int32_t)be32_get(b + 4);
        uint64_t buf = is64 ? be64_get(b + 16) : be32_get(b + 12) & 0x7FFFFFFF;
        int resv = b[2] || b[3] || be32_get(b + (is64 ? 4 : 8)) != 0;   /* ALET 0 only */
        uint64_t gone = vm->stor.pageouts + vm->stor.released;
        uint8_t st = resv ? ST_RESERVED : one_block(v, e, d, b[0], blk, buf);
        b[1] = st;
        /* The status goes where the entry was, unless a frame for the
         * buffer took pages of this machine away (cp/mm/paging.c counts
         * each): then looked up again. */
        if (h && vm->stor.pageouts + vm->stor.released != gone)
            h = host_ptr(vm, abs, size);
        if (h)
            h[1] = st;
        else
            guest_write(v, at + 1, b + 1, 1);
        good += st == ST_OK;
    }
    uint8_t psc = good == n ? 0 : 1;
    /* Asynchronous: completion as X'2603'.  With 8 completions already
     * waiting for the guest, this one is answered as a synchronous request
     * (z/VM may complete an asynchronous request synchronously too). */
    if ((flags & 0x02) && vcpu_post_blockio(v, is64 ? 0x07 : 0x03, psc, parm) == 0) {
        *cc = 0;
        return RC_ASYNC;
    }
    *cc = good == n ? 0 : good ? 1 : 2;
    return good == n ? 0 : good ? RC_PARTIAL : RC_ALLBAD;
}

static int bio_remove(struct vm *vm, uint8_t *pl)
{
    uint16_t devno = be16_get(pl);
    struct vdev *d = vm_vdev(vm, devno);
    if (!d)
        return RC_NODEV;
    struct bioenv *e = env_find(vm, devno, d);
    if (!e)
        return RC_STATE;
    e->vm = 0;
    return 0;
}

void diag_x250(struct diag_args *a)
{
    struct vcpu *v = a->v;
    uint64_t addr = vcpu_gpr(v, a->rx);
    uint8_t pl[64] __attribute__((aligned(8)));
    /* The parameter list is at a guest real address (as Linux's dasd_diag
     * passes it, DAT on or off).  Inside one resident page it is copied
     * from there; otherwise the general operand read (its checks and
     * program interruptions: specification, addressing). */
    if (diag_even(a, a->rx))
        return;
    uint64_t abs = gstor_prefix(addr, v->sd.prefix);
    uint64_t r = (addr & 7) || (abs & 0xFFF) + sizeof pl > 4096 ? 0 : gstor_resident(&v->vm->stor, abs);
    if (r)
        *(struct biopl *)pl = *(const struct biopl *)real_ptr(r);   /* one MVC */
    else if (guest_real_operand_read(v, addr, 8, pl, sizeof pl))
        return;
    uint64_t fn = vcpu_gpr(v, a->ry) & 0xFFFFFFFF;
    int is64 = pl[2] & 0x80;
    if ((pl[2] & 0x7F) || fn > 2) {
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return;
    }
    int rc, cc = 2;
    if (fn == 0) {
        rc = init(v->vm, pl, is64);
        cc = rc == 0 || rc == RC_READONLY ? 0 : 2;
    } else if (fn == 1) {
        rc = ioreq(v, pl, is64, &cc);
        if (rc < 0)
            return;
    } else {
        rc = bio_remove(v->vm, pl);
        cc = rc ? 2 : 0;
    }
    if (fn == 0)                /* only INIT stores into the list */
        guest_write(v, addr, pl, sizeof pl);
    vcpu_set_gpr(v, a->rx + 1, rc);
    vcpu_set_cc(v, cc);
}
