/* DIAGNOSE X'14': input spool file manipulation (a guest reads its reader
 * files without CCWs).  Sources: VM/370 SPG GC20-1807 and VM/SP SPG
 * SC19-6203 "DIAGNOSE Code X'14'" (subcodes, condition codes, Ry+1 reason
 * codes); Linux drivers/s390/char/vmur.c (X'0000', X'0028', X'0FFF' as
 * Linux uses them, SFBLOK layout); s390-tools vmur (the spool buffer
 * layout).  Buffer and SFBLOK layouts: spool/splink.h.
 *
 * Rx: a buffer, a spoolid, a copy count or a buffer number (by subcode);
 * Ry (even): the virtual reader's device number, a spoolid (X'0FFF') or a
 * code (X'0FFE'); Ry+1: the subcode in bits 16-31, for the SFBLOK
 * subcodes the SFBLOK size in doublewords in bits 8-15 (0: all 13).
 * cc 0 done, 1 end of file / no more files, 2 no such file / no active
 * file, 3 error with the reason in Ry+1: 4 device number invalid, 8 not a
 * reader, 12 reader busy (a channel program runs, or CCWs are reading the
 * file), 16 spool volume I/O error (z/VM: paging I/O error).
 * Program interruptions: Ry odd, an undefined subcode, a buffer not on its
 * boundary (a page for spool buffers; an SFBLOK may not cross one), a
 * copy count not positive -> specification; a buffer outside the virtual
 * machine -> addressing. */
#include "diagnose/diag.h"
#include "cp/vm/vspool.h"
#include "spool/splink.h"
#include "lib/be.h"
#include "lib/mem.h"
#include "lib/str.h"

#define RS_DEVNO   4
#define RS_DEVTYPE 8
#define RS_BUSY    12
#define RS_IO      16

#define DESC_SIZE  252          /* X'0FFE'/X'0FFF': SFBLOK, first CCW, first record */

static uint8_t page[SPLINK_SIZE];
static struct spool_cursor tmpcur;

static void cc(struct diag_args *a, int c)
{
    vcpu_set_cc(a->v, c);
}

static void cc3(struct diag_args *a, uint32_t reason)
{
    diag_set32(a, a->ry + 1, reason);
    cc(a, 3);
}

/* The caller's reader files in queue order after `after` (0: first). */
static struct spoolfile *rdr_next(struct vm *vm, uint32_t after)
{
    return spool_next_in_queue(&sysspool, SQ_RDR, vm->userid, after);
}

/* ---- file descriptors: X'0FFE', X'0FFF' ------------------------------------------ */
static int descriptor(struct diag_args *a, uint64_t addr, struct spoolfile *f)
{
    static uint8_t d[DESC_SIZE];
    memset(d, 0, sizeof d);
    sfblok_build(f, f->in_use, d);
    if (spool_read_open(&sysspool, f->id, &tmpcur) == 0) {
        uint8_t op;
        int len = spool_read(&sysspool, &tmpcur, &op, d + SFBLOK_SIZE + 8, DESC_SIZE - SFBLOK_SIZE - 8);
        if (len >= 0) {
            d[SFBLOK_SIZE] = op;
            d[SFBLOK_SIZE + 4] = len ? 0 : SPLINK_CCW_IMMED;
            be16_put(d + SFBLOK_SIZE + 6, (uint16_t)len);
        }
    }
    return diag_write(a, addr, d, sizeof d);
}

static void sub_0fff(struct diag_args *a, uint64_t addr)
{
    struct vm *vm = a->v->vm;
    uint32_t id = diag_reg32(a, a->ry);
    uint32_t after = 0;
    if (id) {
        struct spoolfile *f = id <= SPOOL_MAXID ? spool_file(&sysspool, (int)id) : 0;
        if (!f || f->state != SF_CLOSED || f->a.queue != SQ_RDR || str_casecmp(f->a.owner, vm->userid)) {
            cc(a, 2);
            return;
        }
        after = f->order;
    }
    struct spoolfile *f = rdr_next(vm, after);
    if (!f) {
        cc(a, 1);
        return;
    }
    if (descriptor(a, addr, f) == 0)
        cc(a, 0);
}

static void sub_0ffe(struct diag_args *a, uint64_t addr)
{
    struct vm *vm = a->v->vm;
    if (diag_reg32(a, a->ry)) {         /* start again: every file is unseen */
        for (struct spoolfile *f = rdr_next(vm, 0); f; f = rdr_next(vm, f->order))
            f->a.flags &= (uint8_t)~SF_SEEN;
    }
    struct spoolfile *f = rdr_next(vm, 0);
    while (f && (f->a.flags & SF_SEEN))
        f = rdr_next(vm, f->order);
    if (!f) {
        cc(a, 1);
        return;
    }
    if (descriptor(a, addr, f) == 0) {
        f->a.flags |= SF_SEEN;          /* memory only: a re-IPL forgets it */
        cc(a, 0);
    }
}

/* ---- SFBLOK scans: X'0004' print, X'0008' card-image, X'001C' monitor ---------- */
static int sfb_kind(uint16_t sub, const struct spoolfile *f)
{
    switch (sub) {
    case 0x0004: return f->a.origin_queue == SQ_PRT;
    case 0x0008: return f->a.origin_queue == SQ_PUN || f->a.origin_queue == SQ_RDR;
    default: return 0;                  /* ZCP makes no monitor spool files */
    }
}

static void sub_sfblok(struct diag_args *a, struct vdev *d, struct vur *u, uint16_t sub,
                       uint64_t addr, uint32_t size)
{
    struct vm *vm = a->v->vm;
    int again = u->d14_sfb_code == sub;
    struct spoolfile *f = rdr_next(vm, again ? u->d14_sfb : 0);
    while (f && !sfb_kind(sub, f))
        f = rdr_next(vm, f->order);
    if (!f) {
        u->d14_sfb_code = 0;
        cc(a, again ? 1 : 2);
        return;
    }
    uint8_t b[SFBLOK_SIZE];
    sfblok_build(f, f->in_use, b);
    if (diag_write(a, addr, b, size))
        return;
    u->d14_sfb_code = (uint8_t)sub;
    u->d14_sfb = f->order;
    cc(a, 0);
}

/* ---- reading: X'0000', X'0014', X'0018', X'0024', X'0028' ------------------------- */
/* Restart the active file and skip n buffers.  0, SPOOL_ENOENT if the file
 * has fewer, or an error. */
static int seek_buffers(struct vur *u, struct spoolfile *f, uint32_t n)
{
    int rc = spool_read_open(&sysspool, f->id, u->cur);
    if (rc)
        return rc;
    u->d14_bufs = 0;
    u->d14_eof = 0;
    while (u->d14_bufs < n) {
        rc = splink_skip(&sysspool, u->cur, f);
        if (rc < 0)
            return rc;
        if (rc == 0)
            return SPOOL_ENOENT;
        u->d14_bufs++;
    }
    return 0;
}

/* Build the next buffer and store it at addr: 0 (cc 0 given), 1 at the
 * end of the file (nothing stored), or -1 (cc 3 or an interruption given). */
static int give_next(struct diag_args *a, struct vur *u, struct spoolfile *f, uint64_t addr)
{
    int n = splink_fill(&sysspool, u->cur, f, u->d14_bufs + 1, page);
    if (n < 0) {
        cc3(a, RS_IO);
        return -1;
    }
    if (n == 0)
        return 1;
    if (diag_write(a, addr, page, SPLINK_SIZE))
        return -1;
    u->d14_bufs++;
    cc(a, 0);
    return 0;
}

/* The file X'0000' takes when none is active: the one X'000C' selected,
 * else the first eligible one. */
static struct spoolfile *take_file(struct vm *vm, struct vdev *d, struct vur *u)
{
    struct spoolfile *f = 0;
    if (u->d14_sel) {
        f = spool_file(&sysspool, u->d14_sel);
        if (f && (f->state != SF_CLOSED || f->a.queue != SQ_RDR || f->in_use ||
                  str_casecmp(f->a.owner, vm->userid)))
            f = 0;
        u->d14_sel = 0;
    }
    return f ? f : vur_rdr_pick(d);
}

static void sub_read(struct diag_args *a, struct vdev *d, struct vur *u, uint64_t addr)
{
    struct vm *vm = a->v->vm;
    struct spoolfile *f = spool_file(&sysspool, u->file);
    if (!f) {
        f = take_file(vm, d, u);
        if (!f) {
            cc(a, 2);
            return;
        }
        if (vur_rdr_activate(d, f)) {
            cc3(a, RS_IO);
            return;
        }
        u->d14 = 1;
    }
    if (u->d14_eof) {
        cc(a, 1);
        return;
    }
    for (;;) {
        int r = give_next(a, u, f, addr);
        if (r <= 0)
            return;
        /* End of the file.  SPOOL CONT: the next copy, or the next file. */
        if (!u->cont) {
            u->d14_eof = 1;
            cc(a, 1);
            return;
        }
        if (++u->d14_copy < f->a.copies) {
            uint8_t copy = u->d14_copy;
            if (seek_buffers(u, f, 0)) {
                cc3(a, RS_IO);
                return;
            }
            u->d14_copy = copy;
            continue;
        }
        vur_rdr_done(d);
        f = vur_rdr_pick(d);
        if (!f) {
            cc(a, 1);
            return;
        }
        if (vur_rdr_activate(d, f)) {
            cc3(a, RS_IO);
            return;
        }
        u->d14 = 1;
    }
}

/* X'0014' restart (k = 0), X'0018' backspace, X'0024' re-read: give
 * buffer k + 1 after repositioning. */
static void sub_again(struct diag_args *a, struct vur *u, struct spoolfile *f, uint32_t k,
                      int at_first, uint64_t addr)
{
    int rc = seek_buffers(u, f, k);
    if (rc) {
        cc3(a, RS_IO);
        return;
    }
    int r = give_next(a, u, f, addr);
    if (r == 1) {                       /* an empty file */
        u->d14_eof = 1;
        cc(a, 1);
    } else if (r == 0 && at_first) {
        cc(a, 1);                       /* X'0018' at the first record */
    }
}

static void sub_position(struct diag_args *a, struct vur *u, struct spoolfile *f)
{
    uint32_t n = diag_reg32(a, a->rx);
    if (n == 0)
        n = 1;
    if (n != u->d14_bufs + 1 || u->d14_eof) {
        int rc = seek_buffers(u, f, n - 1);
        if (rc && rc != SPOOL_ENOENT) {
            cc3(a, RS_IO);
            return;
        }
        if (rc == SPOOL_ENOENT) {
            u->d14_eof = 1;
            cc(a, 3);                   /* beyond the end: the file stays at its end */
            return;
        }
    }
    uint8_t op;
    int len = spool_peek(&sysspool, u->cur, &op);
    if (len == SPOOL_ENOENT) {
        u->d14_eof = 1;
        cc(a, 3);
        return;
    }
    if (len < 0) {
        cc3(a, RS_IO);
        return;
    }
    cc(a, 0);
}

/* ---- the dispatcher ------------------------------------------------------------------ */
void diag_x14(struct diag_args *a)
{
    if (diag_even(a, a->ry))
        return;
    uint32_t ry1 = diag_reg32(a, a->ry + 1);
    uint16_t sub = (uint16_t)ry1;
    uint64_t addr = diag_addr(a, a->rx);
    uint32_t sfbsize = SFBLOK_SIZE;

    /* Operands first: the program interruptions come before any cc. */
    switch (sub) {
    case 0x0000: case 0x0014: case 0x0018: case 0x0020: case 0x0024:
        if (diag_check(a, addr, SPLINK_SIZE, SPLINK_SIZE))
            return;
        break;
    case 0x0004: case 0x0008: case 0x001C: {
        uint32_t dw = (ry1 >> 16) & 0xFF;
        if (dw && dw < SFBLOK_SIZE / 8)
            sfbsize = dw * 8;
        if ((addr & 0xFFF) + sfbsize > 0x1000)
            return (void)diag_spec(a);  /* an SFBLOK may not cross a page */
        if (diag_check(a, addr, sfbsize, 1))
            return;
        break;
    }
    case 0x0FFE: case 0x0FFF:
        if (diag_check(a, addr, DESC_SIZE, 1))
            return;
        break;
    case 0x000C: case 0x0010: case 0x0028:
        break;
    default:
        diag_spec(a);
        return;
    }
    if (sub == 0x0FFF)
        return sub_0fff(a, addr);
    if (sub == 0x0FFE)
        return sub_0ffe(a, addr);

    struct vm *vm = a->v->vm;
    uint64_t dv = diag_reg(a, a->ry);
    if (!diag_amode64(a))
        dv &= 0xFFFFFFFFu;
    struct vdev *d = dv <= 0xFFFF ? vm_vdev(vm, (uint16_t)dv) : 0;
    if (!d || !d->ops)
        return cc3(a, RS_DEVNO);
    struct vur *u = vur_of(d);
    if (!u || u->queue != SQ_RDR)
        return cc3(a, RS_DEVTYPE);
    if (d->sch.busy || (u->file && !u->d14))
        return cc3(a, RS_BUSY);
    if (sub != 0x0004 && sub != 0x0008 && sub != 0x001C)
        u->d14_sfb_code = 0;            /* an intervening call: SFBLOK scans start over */
    struct spoolfile *f = spool_file(&sysspool, u->file);

    switch (sub) {
    case 0x0000:
        return sub_read(a, d, u, addr);
    case 0x0004: case 0x0008: case 0x001C:
        return sub_sfblok(a, d, u, sub, addr, sfbsize);
    case 0x000C: {
        uint32_t id = diag_reg32(a, a->rx);
        struct spoolfile *s = id && id <= SPOOL_MAXID ? spool_file(&sysspool, (int)id) : 0;
        if (!s || s->state != SF_CLOSED || s->a.queue != SQ_RDR || str_casecmp(s->a.owner, vm->userid))
            return cc(a, 2);
        int one = (int)id;
        if (spool_order_first(&sysspool, &one, 1))
            return cc3(a, RS_IO);
        u->d14_sel = (uint16_t)id;
        return cc(a, 0);
    }
    case 0x0010: {
        if (!f)
            return cc(a, 2);
        int32_t n = (int32_t)diag_reg32(a, a->rx);
        if (n <= 0)
            return (void)diag_spec(a);
        n %= 256;                       /* VM/370: a count over 255 is taken modulo 256 */
        f->a.copies = (uint8_t)(n ? n : 1);
        if (spool_commit(&sysspool, f->id))
            return cc3(a, RS_IO);
        return cc(a, 0);
    }
    case 0x0014:
        if (!f)
            return cc(a, 2);
        return sub_again(a, u, f, 0, 0, addr);
    case 0x0018: {
        if (!f)
            return cc(a, 2);
        uint32_t k = u->d14_bufs;
        return sub_again(a, u, f, k >= 2 ? k - 2 : 0, k <= 1, addr);
    }
    case 0x0020:
        return cc(a, 2);                /* no monitor spool files in ZCP */
    case 0x0024:
        if (!f || !u->d14_bufs)
            return cc(a, 2);
        return sub_again(a, u, f, u->d14_bufs - 1, 0, addr);
    case 0x0028:
        if (!f)
            return cc(a, 2);
        return sub_position(a, u, f);
    }
}
