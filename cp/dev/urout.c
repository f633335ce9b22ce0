/* Real printers (1403) and punches (3525) for the system queues.
 * Channel programs as the devices take them (IBM 1403 and 3525
 * Component Descriptions; Hercules printer.c/cardpch.c): a printer
 * record is its stored CCW command (write with space/skip, or a
 * control-immediate carriage motion); a card is Write, feed (X'01'),
 * 80 bytes.  One CCW at a time, synchronous (rdev_run), from the
 * command or CLOSE that made the work. */
#include "cp/dev/urout.h"
#include "cp/dev/rdev.h"
#include "cp/sys/opcon.h"
#include "cp/vm/vspool.h"
#include "cp/arch/clock.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/str.h"
#include "lib/tod.h"

static struct urout outs[UROUT_MAX];
static int nouts;
static volatile int busy, again;

void urout_init(void)
{
    for (int i = 0; i < rdev_count && nouts < UROUT_MAX; i++) {
        struct rdev *d = &rdevs[i];
        if (d->cls != RDEV_PRINTER && d->cls != RDEV_PUNCH)
            continue;
        struct urout *o = &outs[nouts++];
        memset(o, 0, sizeof *o);
        o->dev = d;
        o->devno = d->devno;
        o->queue = d->cls == RDEV_PRINTER ? SQ_PRT : SQ_PUN;
        str_copy(o->classes, "*", sizeof o->classes);
    }
}

int urout_count(void) { return nouts; }
struct urout *urout_at(int i) { return i >= 0 && i < nouts ? &outs[i] : 0; }

struct urout *urout_find(uint16_t devno)
{
    for (int i = 0; i < nouts; i++)
        if (outs[i].devno == devno)
            return &outs[i];
    return 0;
}

static uint8_t iobuf[256] __attribute__((aligned(8)));

/* One CCW; 0 or -1 (the device failed). */
static int ccw(struct urout *o, uint8_t op, const uint8_t *data, uint16_t len)
{
    struct ccw1 c = { op, CCW_FLAG_SLI, len ? len : 1, ccw_addr(iobuf) };
    struct irb irb;
    memset(iobuf, 0x40, sizeof iobuf);
    if (len)
        memcpy(iobuf, data, len);
    return rdev_run(o->dev, &c, &irb, 10000) == 0 ? 0 : -1;
}

static int line(struct urout *o, const char *text)
{
    uint8_t e[132];
    size_t n = strlen(text);
    if (n > sizeof e)
        n = sizeof e;
    ebcdic_from_ascii(e, text, n);
    if (o->queue == SQ_PUN) {
        uint8_t card[80];
        memset(card, 0x40, sizeof card);
        memcpy(card, e, n > 80 ? 80 : n);
        return ccw(o, 0x01, card, 80);
    }
    return ccw(o, 0x09, e, (uint16_t)n);       /* write, space 1 */
}

/* The separator: a page on a printer (skip to channel 1, the file's
 * owner, spoolid, name, class and times, skip again), a card on a punch. */
static int separator(struct urout *o, const struct spoolfile *f)
{
    struct civil_time c, now;
    tod_to_civil(f->a.created, &c);
    tod_to_civil(tod_now(), &now);
    char t[132];
    if (o->queue == SQ_PUN) {
        fmt(t, sizeof t, "*** ZCP PUN FILE %04d %s %s %s CLASS %c %04d-%02d-%02d %02d:%02d:%02d",
            f->id, f->a.owner, f->a.fn[0] ? f->a.fn : "-", f->a.ft[0] ? f->a.ft : "-", f->a.cls,
            c.year, c.month, c.day, c.hour, c.min, c.sec);
        return line(o, t);
    }
    if (ccw(o, 0x8B, 0, 0))                    /* skip to channel 1 */
        return -1;
    char r[9][100];
    fmt(r[0], sizeof r[0], "**** ZCP SYSTEM PRINTER %04X  PRT FILE %04d ****", o->devno, f->id);
    fmt(r[1], sizeof r[1], "USERID   %s", f->a.owner);
    fmt(r[2], sizeof r[2], "ORIGIN   %s", f->a.origin);
    fmt(r[3], sizeof r[3], "SPOOLID  %04d", f->id);
    fmt(r[4], sizeof r[4], "NAME     %s %s", f->a.fn, f->a.ft);
    fmt(r[5], sizeof r[5], "CLASS    %c   FORM %s   DIST %s", f->a.cls,
        f->a.form[0] ? f->a.form : "STANDARD", f->a.dist[0] ? f->a.dist : f->a.owner);
    fmt(r[6], sizeof r[6], "RECORDS  %u   COPIES %u", (unsigned)f->a.records, (unsigned)f->a.copies);
    fmt(r[7], sizeof r[7], "CREATED  %04d-%02d-%02d %02d:%02d:%02d UTC", c.year, c.month, c.day,
        c.hour, c.min, c.sec);
    fmt(r[8], sizeof r[8], "PRINTED  %04d-%02d-%02d %02d:%02d:%02d UTC", now.year, now.month,
        now.day, now.hour, now.min, now.sec);
    for (int i = 0; i < 9; i++) {
        if (line(o, r[i]))
            return -1;
    }
    return ccw(o, 0x8B, 0, 0);
}

static struct spool_cursor cur;

/* The file's records on the device, copies times. */
static int output(struct urout *o, struct spoolfile *f)
{
    if (separator(o, f))
        return -1;
    for (unsigned copy = 0; copy < (f->a.copies ? f->a.copies : 1); copy++) {
        if (copy && o->queue == SQ_PRT && ccw(o, 0x8B, 0, 0))
            return -1;
        if (spool_read_open(&sysspool, f->id, &cur))
            return -1;
        static uint8_t data[SPOOL_REC_MAX];
        uint8_t op;
        int n;
        while ((n = spool_read(&sysspool, &cur, &op, data, sizeof data)) >= 0) {
            int rc;
            if (o->queue == SQ_PUN) {
                uint8_t card[80];
                memset(card, 0x40, sizeof card);
                memcpy(card, data, n > 80 ? 80 : (size_t)n);
                rc = ccw(o, 0x01, card, 80);
            } else if ((op & 7) == 3) {            /* control immediate */
                if (o->space)
                    continue;
                rc = ccw(o, op, 0, 0);
            } else {
                rc = ccw(o, o->space ? 0x09 : op, data, (uint16_t)(n > 132 ? 132 : n));
            }
            if (rc)
                return -1;
        }
    }
    return 0;
}

static int takes(const struct urout *o, char cls)
{
    return o->classes[0] == '*' || strchr(o->classes, cls) != 0;
}

static struct spoolfile *next_file(struct urout *o)
{
    uint32_t after = 0;
    struct spoolfile *f;
    while ((f = spool_next_in_queue(&sysspool, o->queue, 0, after)) != 0) {
        after = f->order;
        if (!f->in_use && !(f->a.flags & (SF_HOLD | SF_SYSHOLD)) && takes(o, f->a.cls))
            return f;
    }
    return 0;
}

void urout_kick(void)
{
    if (__atomic_exchange_n(&busy, 1, __ATOMIC_ACQUIRE)) {
        again = 1;
        return;
    }
    do {
        again = 0;
        for (int i = 0; i < nouts; i++) {
            struct urout *o = &outs[i];
            struct spoolfile *f;
            while (o->started && (f = next_file(o)) != 0) {
                f->in_use = 1;
                o->active = f->id;
                int rc = output(o, f);
                f->in_use = 0;
                o->active = 0;
                if (rc) {
                    o->started = 0;
                    opcon_printf("HCPURO9440E %s %04X failed on %s FILE %04d; device drained, file kept",
                                 spool_qname(o->queue), o->devno, spool_qname(o->queue), f->id);
                    break;
                }
                o->done++;
                spool_purge(&sysspool, f->id);
            }
        }
    } while (again);
    __atomic_store_n(&busy, 0, __ATOMIC_RELEASE);
    if (again)                  /* asked for between the last pass and now */
        urout_kick();
}
