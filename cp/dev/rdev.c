/* Real devices: channel-subsystem scan, starting channel programs and
 * routing their interruptions.  SCHIB/ORB/IRB layouts: Principles of
 * Operation, chapters 15-16. */
#include "cp/dev/rdev.h"
#include "cp/arch/arch.h"
#include "cp/arch/clock.h"
#include "cp/sys/abend.h"
#include "lib/mem.h"

struct rdev rdevs[RDEV_MAX];
int rdev_count;

#define IO_ISC 3    /* every device interrupts on subclass 3 (CR6 enables it) */

/* Subchannel-information block (STSCH/MSCH): PMCW, SCSW, model area. */
struct schib {
    uint32_t intparm;
    uint8_t isc;            /* ISC in bits 2-4 */
    uint8_t flags;          /* E, LM, MM, D, T, V */
    uint16_t devno;
    uint8_t lpm, pnom, lpum, pim;
    uint16_t mbi;
    uint8_t pom, pam;
    uint8_t chpid[8];
    uint32_t pmcw_flags;
    uint8_t scsw[12];
    uint8_t model[12];
} __attribute__((packed, aligned(4)));

#define PMCW_ENABLED 0x80
#define PMCW_DNV     0x01

static enum rdev_class classify(uint16_t type)
{
    switch (type) {
    case 0x3215: case 0x1052: case 0x3270:
        return RDEV_CONSOLE;
    case 0x3390: case 0x3380:
        return RDEV_DASD;
    case 0x3505: case 0x2501:
        return RDEV_READER;
    case 0x3525:
        return RDEV_PUNCH;
    case 0x1403: case 0x3211: case 0x3203:
        return RDEV_PRINTER;
    default:
        return RDEV_OTHER;
    }
}

static void identify(struct rdev *dev)
{
    static uint8_t id[32] __attribute__((aligned(8)));
    struct ccw1 ccw = { 0xE4, CCW_FLAG_SLI, sizeof id, ccw_addr(id) };
    struct irb irb;
    memset(id, 0, sizeof id);
    if (rdev_run(dev, &ccw, &irb, 2000) == 0 && id[0] == 0xFF) {
        dev->cutype = (uint16_t)(id[1] << 8 | id[2]);
        dev->cumodel = id[3];
        dev->devtype = (uint16_t)(id[4] << 8 | id[5]);
        dev->model = id[6];
        /* Old devices answer with a zero device type: the CU type is it. */
        if (dev->devtype == 0)
            dev->devtype = dev->cutype;
    }
    dev->cls = classify(dev->devtype);
}

/* MSCH, after clearing what an earlier system left on the subchannel: a
 * re-IPL finds the operator console's standing read (con_attach_input)
 * ended by the reset with its status still pending (MSCH cc 1), or the
 * read still running (cc 2). */
static int enable(uint32_t schid, struct schib *schib)
{
    struct irb irb;
    for (int tries = 0; tries < 100; tries++) {
        int cc = msch(schid, schib);
        if (cc == 0 || cc == 3)
            return cc;
        if (cc == 2)
            csch(schid);
        /* Hercules ends the woken read after the reset disabled the
         * subchannel: status pending that TSCH cannot take (cc 3, not
         * enabled) and MSCH will not pass.  Resetting the channel path
         * resets the device, as the IPL's reset did (channel.c chp_reset). */
        if (tsch(schid, &irb) == 3)
            rchp(schib->chpid[0]);
    }
    return -1;
}

void rdev_scan(void)
{
    static struct schib schib;
    lctlg(6, 0xFF000000ULL);        /* CR6: all I/O interruption subclasses */
    for (uint32_t sch = 0; sch <= 0xFFFF && rdev_count < RDEV_MAX; sch++) {
        uint32_t schid = 0x00010000 | sch;
        /* Subchannels are numbered densely from 0: cc 3 ends the set. */
        if (stsch(schid, &schib) == 3)
            break;
        if (!(schib.flags & PMCW_DNV))
            continue;
        struct rdev *dev = &rdevs[rdev_count];
        memset(dev, 0, sizeof *dev);
        dev->schid = schid;
        dev->devno = schib.devno;
        schib.intparm = (uint32_t)(uintptr_t)dev;
        schib.isc = IO_ISC << 3;
        schib.flags |= PMCW_ENABLED;
        if (enable(schid, &schib) != 0)
            continue;
        rdev_count++;
        identify(dev);
    }
}

struct rdev *rdev_find(uint16_t devno)
{
    for (int i = 0; i < rdev_count; i++)
        if (rdevs[i].devno == devno)
            return &rdevs[i];
    return 0;
}

int rdev_start(struct rdev *dev, const struct ccw1 *prog, rdev_done_t done, void *arg)
{
    if (dev->busy)
        return -1;
    memset(dev->orb, 0, sizeof dev->orb);
    dev->orb[0] = (uint32_t)(uintptr_t)dev;     /* interruption parameter */
    dev->orb[1] = 0x0080FF00;                   /* format-1 CCWs, all paths */
    dev->orb[2] = ccw_addr(prog);
    dev->done = done;
    dev->done_arg = arg;
    dev->busy = 1;
    for (int tries = 0; tries < 4; tries++) {
        int cc = ssch(dev->schid, dev->orb);
        if (cc == 0)
            return 0;
        if (cc == 3)
            break;
        if (cc == 1) {      /* status pending: take it (as unsolicited) and retry */
            struct irb irb;
            if (tsch(dev->schid, &irb) == 0 && dev->drv && dev->drv->unsolicited)
                dev->drv->unsolicited(dev, &irb);
            continue;
        }
        dev->busy = 0;
        return -1;          /* cc 2: busy */
    }
    dev->busy = 0;
    return -3;
}

void rdev_interrupt(uint32_t schid, uint32_t intparm)
{
    struct rdev *dev = (struct rdev *)(uintptr_t)intparm;
    if (dev < rdevs || dev >= rdevs + rdev_count || dev->schid != schid) {
        dev = 0;
        for (int i = 0; i < rdev_count; i++)
            if (rdevs[i].schid == schid)
                dev = &rdevs[i];
    }
    struct irb irb;
    if (tsch(schid, &irb) != 0 || !dev)
        return;
    uint8_t stctl = irb.scsw_flags & 0x1F;
    if (dev->busy && (stctl & (SC_PRIMARY | SC_ALERT))) {
        dev->busy = 0;
        if (dev->done)
            dev->done(dev, &irb, dev->done_arg);
        if ((irb.dstat & DEV_ATTN) && dev->drv && dev->drv->unsolicited)
            dev->drv->unsolicited(dev, &irb);
        return;
    }
    if (dev->drv && dev->drv->unsolicited)
        dev->drv->unsolicited(dev, &irb);
}

struct sync_wait {
    volatile int done;
    struct irb *irb;
};

static void sync_done(struct rdev *dev, const struct irb *irb, void *arg)
{
    struct sync_wait *w = arg;
    *w->irb = *irb;
    w->done = 1;
}

int rdev_run(struct rdev *dev, const struct ccw1 *prog, struct irb *irb, unsigned timeout_ms)
{
    struct sync_wait w = { 0, irb };
    int rc = rdev_start(dev, prog, sync_done, &w);
    if (rc == -1) {     /* busy with our own work: wait for it a while */
        uint64_t until = tod_now() + tod_from_ms(timeout_ms);
        while (dev->busy && tod_now() < until)
            clock_wait_until(until);
        rc = rdev_start(dev, prog, sync_done, &w);
    }
    if (rc)
        return rc;
    uint64_t deadline = tod_now() + tod_from_ms(timeout_ms);
    while (!w.done && tod_now() < deadline)
        clock_wait_until(deadline);
    if (!w.done) {
        csch(dev->schid);       /* the clear completes with an interruption */
        dev->busy = 0;
        return -2;
    }
    if ((irb->dstat & (DEV_UC | DEV_UX)) || irb->cstat)
        return -1;
    return 0;
}

int rdev_sense(struct rdev *dev, uint8_t *sense, int len)
{
    static uint8_t buf[32] __attribute__((aligned(8)));
    struct ccw1 ccw = { 0x04, CCW_FLAG_SLI, sizeof buf, ccw_addr(buf) };
    struct irb irb;
    memset(buf, 0, sizeof buf);
    if (rdev_run(dev, &ccw, &irb, 2000) != 0)
        return 0;
    int n = (int)sizeof buf - irb.count;
    if (n > len)
        n = len;
    memcpy(sense, buf, (size_t)n);
    return n;
}
