/* Virtual channel subsystem.  Channel programs run synchronously inside
 * the SSCH intercept (or resume later when a device parked one, e.g. a
 * console read waiting for a line); their ending status is made pending
 * with an I/O interruption, as the real channel subsystem would. */
#include "cp/vm/vcss.h"
#include "cp/vm/guest.h"
#include "cp/dev/rdev.h"
#include "lib/be.h"
#include "lib/mem.h"

/* SCSW function and status control bits (word 0). */
#define FC_START    0x4000
#define FC_HALT     0x2000
#define FC_CLEAR    0x1000
#define AC_SUSP     0x0020
#define AC_RESUME   0x0800          /* resume pending */
#define AC_ACTIVE   0x00C0          /* subchannel and device active */
#define SC_INTER    0x08            /* intermediate status */
#define SCSW_S      0x08000000      /* suspend control (ORB word 1, same bit) */
#define SCSW_U      0x00080000      /* no interruption when suspended (ditto) */
#define CCW_FLAG_PCI  0x08
#define CCW_FLAG_SUSP 0x02
#define SCSW_F      0x00800000      /* format-1 CCWs */
#define SC_DONE     (SC_PRIMARY | SC_SECONDARY | SC_PENDING)

/* Subchannel status bits. */
#define CST_PCI     0x80
#define CST_IL      0x40            /* incorrect length */
#define CST_PROG    0x20            /* program check */
#define CST_PROT    0x10            /* protection check */
#define CST_CDC     0x08            /* channel data check */

#define ORB_F       0x00800000      /* word 1: format-1 CCWs */
#define ORB_H       0x00020000      /* format-2 (64-bit) IDAWs */
#define ORB_T       0x00010000      /* with H: 2K IDAW blocks, else 4K */

static uint8_t iobuf[65536];

static struct vdev *lookup(struct vcpu *v)
{
    uint64_t sid = vcpu_gpr(v, 1) & 0xFFFFFFFF;
    if ((sid >> 16) != 0x0001) {
        vcpu_program_interrupt(v, PGM_OPERAND, 4);
        return 0;
    }
    uint16_t n = (uint16_t)sid;
    if (n >= v->vm->nvdev) {
        vcpu_set_cc(v, 3);
        return 0;
    }
    return &v->vm->vdev[n];
}

/* As lookup, and a subchannel whose device was detached is not operational. */
static struct vdev *lookup_dev(struct vcpu *v)
{
    struct vdev *d = lookup(v);
    if (d && !d->ops) {
        vcpu_set_cc(v, 3);
        return 0;
    }
    return d;
}

/* cc 1 if status is pending, cc 2 if a function is in progress: the
 * subchannel cannot take a new start or modification.  1 if it set one. */
static int refuse_if_engaged(struct vcpu *v, struct vdev *d)
{
    if (d->sch.pending || d->sch.busy) {
        vcpu_set_cc(v, d->sch.pending ? 1 : 2);
        return 1;
    }
    return 0;
}

static void make_pending(struct vdev *d, uint32_t sc)
{
    d->sch.scsw_flags = (d->sch.scsw_flags & ~0x1Fu) | sc;
    d->sch.pending = 1;
    d->sch.irq = 1;
    d->sch.busy = 0;
    d->vm->io_pending = 1;
    vm_kick(d->vm);
}

/* End the channel program: CCW address is that of the last CCW + 8. */
static void finish(struct vdev *d, uint8_t dstat, uint8_t cstat, uint32_t resid)
{
    if (d->sch.pending)             /* a PCI not yet cleared goes with the end */
        cstat |= d->sch.cstat & CST_PCI;
    d->sch.ccw_susp = d->sch.resume = 0;
    d->sch.scsw_flags &= ~(AC_RESUME | AC_ACTIVE);
    d->sch.dstat = dstat;
    d->sch.cstat = cstat;
    d->sch.count = (uint16_t)resid;
    d->sch.scsw_ccw = (uint32_t)d->ccw_addr + 8;
    make_pending(d, (dstat & (DEV_UC | DEV_UX)) || cstat ? SC_DONE | SC_ALERT : SC_DONE);
    d->sch.scsw_flags &= ~AC_SUSP;
}

struct ccw {
    uint8_t cmd, flags;
    uint32_t addr;
    uint16_t count;
};

static int fetch_ccw(struct vdev *d, uint64_t at, struct ccw *c)
{
    uint8_t b[8];
    if (at & 7 || gstor_read(&d->vm->stor, at, b, 8))
        return -1;
    if (d->ccw_fmt1) {
        c->cmd = b[0];
        c->flags = b[1];
        c->count = be16_get(b + 2);
        c->addr = be32_get(b + 4);
        if (c->addr & 0x80000000)
            return -1;
    } else {
        c->cmd = b[0];
        c->addr = (uint32_t)(b[1] << 16 | b[2] << 8 | b[3]);
        c->flags = b[4];
        c->count = be16_get(b + 6);
    }
    return 0;
}

/* Move data between iobuf and guest storage for one CCW: direct, or
 * through IDAWs.  Format-1 IDAWs are 4 bytes with 31-bit addresses and 2K
 * blocks; format-2 (ORB H) are 8 bytes with 64-bit addresses and 4K
 * blocks (2K with ORB T).  Every IDAW after the first must address the
 * start of a block (PoP, "Indirect Data Addressing"; Linux's cio sets
 * H for all its channel programs). */
static int transfer(struct vdev *d, const struct ccw *c, uint32_t off, uint32_t n, int to_guest)
{
    struct gstor *g = &d->vm->stor;
    if (!(c->flags & CCW_FLAG_IDA))
        return to_guest ? gstor_write(g, c->addr, iobuf + off, n)
                        : gstor_read(g, c->addr, iobuf + off, n);
    uint64_t idal = c->addr;
    uint32_t wsize = d->idaw_fmt2 ? 8 : 4;
    uint64_t block = d->idaw_fmt2 && !d->idaw_2k ? 4096 : 2048;
    uint32_t done = 0;
    if (idal & (wsize - 1))
        return -1;
    while (done < n) {
        uint8_t w[8];
        if (gstor_read(g, idal, w, wsize))
            return -1;
        uint64_t a = wsize == 8 ? be64_get(w) : be32_get(w);
        if ((wsize == 4 && a & 0x80000000) || (done && a & (block - 1)))
            return -1;
        uint64_t room = block - (a & (block - 1));
        uint32_t k = n - done < room ? n - done : (uint32_t)room;
        int rc = to_guest ? gstor_write(g, a, iobuf + off + done, k)
                          : gstor_read(g, a, iobuf + off + done, k);
        if (rc)
            return -1;
        done += k;
        idal += wsize;
    }
    return 0;
}

/* Write-type and control commands take data from storage (a control
 * command's parameters: Seek address, Define Extent, ...). */
static int is_write(uint8_t cmd) { return (cmd & 3) == 1 || ((cmd & 3) == 3 && cmd != 0x03); }
static int is_read(uint8_t cmd) { return (cmd & 3) == 2 || (cmd & 0xF) == 4 || (cmd & 0xF) == 0xC; }

/* Intermediate status while the program goes on or is suspended: a PCI,
 * or suspension (PoP "Suspension of Channel-Program Execution"; Hercules
 * channel.c does the same).  The subchannel stays busy. */
static void intermediate(struct vdev *d, uint8_t cstat, uint32_t ac)
{
    d->sch.scsw_flags = (d->sch.scsw_flags & ~(0x1Fu | AC_ACTIVE | AC_SUSP)) | ac | SC_INTER | SC_PENDING;
    d->sch.scsw_ccw = (uint32_t)d->ccw_addr + 8;
    d->sch.dstat = 0;
    d->sch.cstat = cstat;
    d->sch.count = 0;
    d->sch.pending = 1;
    d->sch.irq = 1;
    d->vm->io_pending = 1;
    vm_kick(d->vm);
}

/* Run the channel program from d->ccw_addr until it ends or parks. */
/* Channel programs run inside CP: one that loops (NOP, TIC back, ...) is
 * ended after this many CCWs with a channel-control check, so a guest
 * cannot hold CP. */
#define CCW_LIMIT   100000
#define CST_CCC     0x04            /* channel-control check */

static void run(struct vdev *d)
{
    int pci = 0;                /* a CCW with the PCI flag became current */
    for (unsigned n = 0;; n++) {
        struct ccw c, seg[32];
        if (n == CCW_LIMIT) {
            finish(d, 0, CST_CCC, 0);
            return;
        }
        if (fetch_ccw(d, d->ccw_addr, &c)) {
            finish(d, 0, CST_PROG, 0);
            return;
        }
        if ((c.cmd & 0x0F) == 0x08) {           /* TIC */
            uint64_t to = c.addr;
            struct ccw t;
            if (fetch_ccw(d, to, &t) || (t.cmd & 0x0F) == 0x08) {
                finish(d, 0, CST_PROG, 0);
                return;
            }
            d->ccw_addr = to;
            continue;
        }
        if (c.flags & CCW_FLAG_SUSP) {
            /* Suspend before this CCW (ORB S given; else a program check).
             * RSCH refetches it: the program clears the flag first. */
            if (!(d->sch.scsw_flags & SCSW_S)) {
                finish(d, 0, CST_PROG, 0);
                return;
            }
            if (d->sch.resume) {
                d->sch.resume = 0;
                d->sch.scsw_flags &= ~AC_RESUME;
            } else {
                d->sch.ccw_susp = 1;
                if (d->sch.scsw_flags & SCSW_U) {
                    d->sch.scsw_flags = (d->sch.scsw_flags & ~AC_ACTIVE) | AC_SUSP;
                    d->sch.scsw_ccw = (uint32_t)d->ccw_addr + 8;
                } else {
                    intermediate(d, pci ? CST_PCI : 0, AC_SUSP);
                }
                return;
            }
        }
        if (c.flags & CCW_FLAG_PCI)
            pci = 1;
        /* A zero count is valid in a format-1 CCW that is not data-chained
         * (PoP, "Count"; Hercules' channel.c agrees): Linux's path
         * verification is a NOP with count 0. */
        if (c.count == 0 && (!d->ccw_fmt1 || (c.flags & CCW_FLAG_CD))) {
            finish(d, 0, CST_PROG, 0);
            return;
        }
        /* Gather the data-chained CCWs that carry this command's data. */
        int nseg = 0;
        uint32_t total = 0;
        uint64_t at = d->ccw_addr;
        seg[nseg++] = c;
        total = c.count;
        while (seg[nseg - 1].flags & CCW_FLAG_CD) {
            struct ccw n;
            at += 8;
            if (nseg == 32 || fetch_ccw(d, at, &n) || n.count == 0 || total + n.count > sizeof iobuf) {
                finish(d, 0, CST_PROG, 0);
                return;
            }
            seg[nseg++] = n;
            total += n.count;
        }
        if (is_write(c.cmd)) {
            uint32_t off = 0;
            for (int i = 0; i < nseg; off += seg[i].count, i++)
                if (transfer(d, &seg[i], off, seg[i].count, 0)) {
                    finish(d, 0, CST_PROG, 0);
                    return;
                }
        }
        uint32_t resid = total;
        int st = d->ops->ccw(d, c.cmd, iobuf, total, &resid);
        if (st == VDEV_SUSPEND) {
            if (pci && !d->sch.pending)         /* the PCI is seen while it waits */
                intermediate(d, CST_PCI, AC_ACTIVE);
            d->sch.scsw_flags |= AC_SUSP;
            return;                             /* vcss_resume re-runs this CCW */
        }
        if (resid > total)
            resid = total;
        uint32_t got = total - resid;
        if (is_read(c.cmd) && !(c.flags & CCW_FLAG_SKIP)) {
            uint32_t off = 0;
            for (int i = 0; i < nseg && off < got; off += seg[i].count, i++) {
                uint32_t k = got - off < seg[i].count ? got - off : seg[i].count;
                if (transfer(d, &seg[i], off, k, 1)) {
                    finish(d, 0, CST_PROG, 0);
                    return;
                }
            }
        }
        d->ccw_addr = at;
        const struct ccw *last = &seg[nseg - 1];
        uint8_t cstat = resid && !(last->flags & CCW_FLAG_SLI) ? CST_IL : 0;
        if (st & (DEV_UC | DEV_UX) || cstat || !(last->flags & CCW_FLAG_CC)) {
            finish(d, (uint8_t)(DEV_CE | DEV_DE | (st & 0xFF)), (uint8_t)(cstat | (pci ? CST_PCI : 0)), resid);
            return;
        }
        d->ccw_addr += 8;
        if (st & DEV_SM)                        /* status modifier: skip a CCW */
            d->ccw_addr += 8;
    }
}

void vcss_resume(struct vdev *d)
{
    if (d->sch.busy)
        run(d);
}

void vcss_unsolicited(struct vdev *d, uint8_t dstat)
{
    if (d->sch.busy || d->sch.pending || !d->sch.enabled)
        return;
    d->sch.scsw_flags = 0;
    d->sch.dstat = dstat;
    d->sch.cstat = 0;
    d->sch.count = 0;
    d->sch.scsw_ccw = 0;
    make_pending(d, SC_ALERT | SC_PENDING);
}

void vcss_ssch(struct vcpu *v, uint64_t addr)
{
    struct vdev *d = lookup_dev(v);
    uint8_t orb[12];
    if (!d || guest_operand_read(v, addr, 4, orb, sizeof orb))
        return;
    uint32_t w1 = be32_get(orb + 4);
    if (be32_get(orb + 8) & 0x80000000) {
        vcpu_program_interrupt(v, PGM_OPERAND, 4);
        return;
    }
    if (!d->sch.enabled) {
        vcpu_set_cc(v, 3);
        return;
    }
    if (refuse_if_engaged(v, d))
        return;
    d->sch.intparm = be32_get(orb);
    d->sch.busy = 1;
    d->ccw_fmt1 = !!(w1 & ORB_F);
    d->idaw_fmt2 = !!(w1 & ORB_H);
    d->idaw_2k = !!(w1 & ORB_T);
    d->ccw_addr = be32_get(orb + 8);
    d->sch.scsw_flags = (w1 & (0xF0000000 | SCSW_S | SCSW_U)) | (d->ccw_fmt1 ? SCSW_F : 0) | FC_START;
    d->sch.ccw_susp = d->sch.resume = 0;
    vcpu_set_cc(v, 0);
    d->starts++;
    run(d);
}

void vcss_tsch(struct vcpu *v, uint64_t addr)
{
    struct vdev *d = lookup_dev(v);
    uint8_t irb[64];
    if (!d)
        return;
    memset(irb, 0, sizeof irb);
    be32_put(irb, d->sch.scsw_flags);
    be32_put(irb + 4, d->sch.scsw_ccw);
    irb[8] = d->sch.dstat;
    irb[9] = d->sch.cstat;
    be16_put(irb + 10, d->sch.count);
    if (guest_operand_write(v, addr, 4, irb, sizeof irb))
        return;
    if (!d->sch.pending) {
        vcpu_set_cc(v, 1);
        return;
    }
    /* Status withdrawn: the function is complete unless a program is parked. */
    d->sch.pending = 0;
    d->sch.irq = 0;
    d->sch.scsw_flags &= d->sch.busy ? ~0x1Fu : 0;
    d->sch.dstat = d->sch.cstat = 0;
    vcpu_set_cc(v, 0);
}

void vcss_stsch(struct vcpu *v, uint64_t addr)
{
    struct vdev *d = lookup(v);
    uint8_t s[52];
    if (!d)
        return;
    memset(s, 0, sizeof s);
    be32_put(s, d->sch.intparm);
    s[4] = (uint8_t)(d->sch.isc << 3);
    s[5] = (uint8_t)((d->sch.enabled ? 0x80 : 0) | (d->ops ? 0x01 : 0));   /* E, V */
    be16_put(s + 6, d->devno);
    s[8] = 0x80;                    /* LPM */
    s[10] = 0x80;                   /* LPUM */
    s[11] = 0x80;                   /* PIM */
    s[14] = 0xFF;                   /* POM */
    s[15] = 0x80;                   /* PAM */
    s[27] = d->sch.csense;          /* S: concurrent sense requested */
    be32_put(s + 28, d->sch.scsw_flags);
    be32_put(s + 32, d->sch.scsw_ccw);
    s[36] = d->sch.dstat;
    s[37] = d->sch.cstat;
    be16_put(s + 38, d->sch.count);
    if (guest_operand_write(v, addr, 4, s, sizeof s))
        return;
    vcpu_set_cc(v, 0);
}

void vcss_msch(struct vcpu *v, uint64_t addr)
{
    struct vdev *d = lookup_dev(v);
    uint8_t s[28];
    if (!d || guest_operand_read(v, addr, 4, s, sizeof s))
        return;
    /* Bits the program must leave zero in word 1 (PoP, "Modify Subchannel"). */
    if ((s[4] & 0xC7) || (s[5] & 0x06)) {
        vcpu_program_interrupt(v, PGM_OPERAND, 4);
        return;
    }
    if (refuse_if_engaged(v, d))
        return;
    d->sch.intparm = be32_get(s);
    d->sch.isc = (s[4] >> 3) & 7;
    d->sch.enabled = !!(s[5] & 0x80);
    /* Word 6 bit 31, concurrent sense: kept and shown by STSCH.  Linux's
     * cio_commit_config() (drivers/s390/cio/cio.c) sets it and reads the
     * SCHIB back, failing the device if it did not take.  Sense is still
     * only given by a SENSE CCW: the ERW's concurrent-sense bit in the IRB
     * stays zero, which tells the program to issue one. */
    d->sch.csense = s[27] & 0x01;
    vcpu_set_cc(v, 0);
}

struct vdev *vcss_take_interrupt(struct vm *vm, uint8_t isc_mask)
{
    if (!vm->io_pending)
        return 0;
    int more = 0;
    struct vdev *found = 0;
    for (int i = 0; i < vm->nvdev; i++) {
        struct vdev *d = &vm->vdev[i];
        if (!d->sch.irq)
            continue;
        if (!found && (isc_mask & (0x80 >> d->sch.isc)))
            found = d;
        else
            more = 1;
    }
    if (found)
        found->sch.irq = 0;
    vm->io_pending = more;
    return found;
}

void vcss_tpi(struct vcpu *v, uint64_t addr)
{
    uint8_t isc_mask = (uint8_t)(v->sd.gcr[6] >> 24);
    if (addr & 3) {
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return;
    }
    struct vdev *d = vcss_take_interrupt(v->vm, isc_mask);
    if (!d) {
        vcpu_set_cc(v, 0);
        return;
    }
    uint8_t b[12];
    be32_put(b, 0x00010000u | d->schnum);
    be32_put(b + 4, d->sch.intparm);
    be32_put(b + 8, (uint32_t)d->sch.isc << 27);
    /* Operand 0: the three words go to the I/O interruption fields of the
     * prefix area; otherwise the first two to the operand. */
    int rc = addr ? guest_operand_write(v, addr, 4, b, 8) : guest_write(v, GLC_SUBCH_ID, b, 12);
    if (rc) {                       /* the interruption stays pending */
        d->sch.irq = 1;
        v->vm->io_pending = 1;
        if (!addr)
            vcpu_program_interrupt(v, PGM_ADDRESSING, 4);
        return;
    }
    vcpu_set_cc(v, 1);
}

void vcss_hsch(struct vcpu *v)
{
    struct vdev *d = lookup_dev(v);
    if (!d)
        return;
    if (d->sch.pending) {
        vcpu_set_cc(v, 1);
        return;
    }
    vcpu_set_cc(v, 0);
    d->sch.scsw_flags = (d->sch.scsw_flags & 0xFFFF0000u) | FC_HALT | (d->sch.busy ? FC_START : 0);
    d->sch.dstat = 0;
    d->sch.cstat = 0;
    d->sch.busy = 0;
    d->sch.ccw_susp = d->sch.resume = 0;
    make_pending(d, SC_PRIMARY | SC_PENDING);
}

void vcss_csch(struct vcpu *v)
{
    struct vdev *d = lookup_dev(v);
    if (!d)
        return;
    d->sch.busy = 0;
    d->sch.ccw_susp = d->sch.resume = 0;
    d->sch.scsw_flags = FC_CLEAR;
    d->sch.dstat = d->sch.cstat = 0;
    d->sch.count = 0;
    d->sch.scsw_ccw = 0;
    make_pending(d, SC_PENDING);
    vcpu_set_cc(v, 0);
}

void vcss_rsch(struct vcpu *v)
{
    struct vdev *d = lookup_dev(v);
    if (!d)
        return;
    /* PoP "Resume Subchannel": cc 1 status pending; cc 2 unless a start
     * function with suspend control (ORB S) is there and no resume is
     * pending already; cc 0: a suspended program goes on at the CCW it
     * stopped before, a running one (parked by its device) does not suspend
     * at its next S flag. */
    if (d->sch.pending) {
        vcpu_set_cc(v, 1);
        return;
    }
    if (!d->sch.busy || !(d->sch.scsw_flags & SCSW_S) || d->sch.resume) {
        vcpu_set_cc(v, 2);
        return;
    }
    vcpu_set_cc(v, 0);
    if (!d->sch.ccw_susp) {
        d->sch.resume = 1;
        d->sch.scsw_flags |= AC_RESUME;
        return;
    }
    /* The CCW is fetched again; a suspend flag the program left on suspends
     * it again (as Hercules' channel.c). */
    d->sch.ccw_susp = 0;
    d->sch.scsw_flags = (d->sch.scsw_flags & ~AC_SUSP) | AC_ACTIVE;
    run(d);
}

void vcss_stcrw(struct vcpu *v, uint64_t addr)
{
    uint8_t zero[4] = { 0 };
    if (guest_operand_write(v, addr, 4, zero, 4) == 0)
        vcpu_set_cc(v, 1);      /* no channel report pending */
}

void vcss_reset(struct vm *vm)
{
    for (int i = 0; i < vm->nvdev; i++) {
        struct vdev *d = &vm->vdev[i];
        memset(&d->sch, 0, sizeof d->sch);
        if (d->ops && d->ops->reset)
            d->ops->reset(d);
    }
    vm->io_pending = 0;
}

int vcss_ipl(struct vdev *d)
{
    /* The IPL's implied first CCW: Read (X'02') 24 bytes to absolute 0,
     * command-chained, SLI; then format-0 CCWs from absolute 8. */
    uint8_t ccw0[8] = { 0x02, 0, 0, 0, CCW_FLAG_CC | CCW_FLAG_SLI, 0, 0, 24 };
    struct gstor *g = &d->vm->stor;
    /* Put the implied CCW at 0, where its own read then overwrites it. */
    gstor_write(g, 0, ccw0, 8);
    d->sch.enabled = 1;
    d->sch.busy = 1;
    d->ccw_fmt1 = 0;
    d->idaw_fmt2 = 0;
    d->ccw_addr = 0;
    d->sch.scsw_flags = FC_START;
    d->starts++;
    run(d);
    int ok = d->sch.pending && d->sch.dstat == (DEV_CE | DEV_DE) && d->sch.cstat == 0;
    /* The IPL leaves nothing pending and the IPL subchannel enabled
     * (ISC 0), as the machine does (Hercules' ipl.c sets the E bit): a
     * loader such as Linux's reader IPL code (arch/s390/boot/head.S)
     * issues SSCH on it at once, without MSCH. */
    memset(&d->sch, 0, sizeof d->sch);
    d->sch.enabled = ok;
    d->vm->io_pending = 0;
    return ok ? 0 : -1;
}

int vdev_basic_ccw(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid,
                   const uint8_t sense_id[7])
{
    switch (cmd) {
    case 0x03:                  /* no-operation */
        *resid = count;
        return 0;
    case 0x04:                  /* sense: one byte, then cleared */
        buf[0] = d->sense[0];
        d->sense[0] = 0;
        *resid = count - 1;
        return 0;
    case 0xE4: {                /* sense ID */
        uint32_t n = count < 7 ? count : 7;
        memcpy(buf, sense_id, n);
        *resid = count - n;
        return 0;
    }
    default:                    /* command reject */
        d->sense[0] = 0x80;
        *resid = count;
        return DEV_UC;
    }
}
