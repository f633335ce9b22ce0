/* Real printers (1403) and punches (3525) for the system queues.
 * Channel programs as the devices take them (IBM 1403 and 3525
 * Component Descriptions; Hercules printer.c/cardpch.c): a printer
 * record is its stored CCW command (write with space/skip, or a
 * control-immediate carriage motion); a card is Write, feed (X'01'),
 * 80 bytes.  One CCW at a time (rdev_run), UROUT_CHUNK records a
 * dispatcher pass (urout_work, from CP's task loop on CPU 0, where the
 * commands run too: no locks): a started idle device takes its next file
 * at once (urout_kick), guests run between chunks, and DRAIN (stop after
 * this file) and FLUSH (end it now) act on a file in progress, as on
 * z/VM (CP Commands and Utilities Reference: DRAIN, FLUSH). */
#include "cp/dev/urout.h"
#include "cp/dev/rdev.h"
#include "cp/sys/opcon.h"
#include "cp/vm/vspool.h"
#include "cp/arch/clock.h"
#include "cp/sched/dispatch.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/str.h"
#include "lib/tod.h"

static struct urout outs[UROUT_MAX];
static int nouts;

#define UROUT_CHUNK   64        /* records a device writes per dispatcher pass */
#define UROUT_PACE_MS 10        /* the next chunk: at most this much later (a guest runs meanwhile) */

/* Where each device is in its active file. */
enum { PH_SEPARATOR, PH_COPY, PH_RECORDS };
static struct outstate {
    uint64_t serial;            /* the file's identity on the volume */
    uint8_t phase;
    uint8_t copy;               /* copies written so far */
    struct spool_cursor cur;
} st[UROUT_MAX];
static int pending;             /* urout_work has something to do */
static int pace_timer = -1;

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

/* A started idle device takes its next file: active, in use (so PURGE,
 * TRANSFER and readers leave it alone). */
static void begin(struct urout *o)
{
    if (o->active || !o->started)
        return;
    struct spoolfile *f = next_file(o);
    if (!f)
        return;
    struct outstate *s = &st[o - outs];
    f->in_use = 1;
    o->active = f->id;
    s->serial = f->serial;
    s->phase = PH_SEPARATOR;
    s->copy = 0;
}

/* The active file is done with (written, failed or flushed). */
static void end_file(struct urout *o, struct spoolfile *f)
{
    f->in_use = 0;
    o->active = 0;
    if (o->draining) {
        o->draining = 0;
        opcon_printf("%s %04X DRAINED", spool_qname(o->queue), o->devno);
    }
}

static int failed(struct urout *o, struct spoolfile *f)
{
    o->started = 0;
    o->draining = 0;
    opcon_printf("HCPURO9440E %s %04X failed on %s FILE %04d; device drained, file kept",
                 spool_qname(o->queue), o->devno, spool_qname(o->queue), f->id);
    end_file(o, f);
    return 0;
}

/* One record of the file on the device. */
static int record(struct urout *o, uint8_t op, const uint8_t *data, int n)
{
    if (o->queue == SQ_PUN) {
        uint8_t card[80];
        memset(card, 0x40, sizeof card);
        memcpy(card, data, n > 80 ? 80 : (size_t)n);
        return ccw(o, 0x01, card, 80);
    }
    if ((op & 7) == 3)                      /* control immediate */
        return o->space ? 0 : ccw(o, op, 0, 0);
    return ccw(o, o->space ? 0x09 : op, data, (uint16_t)(n > 132 ? 132 : n));
}

/* Up to UROUT_CHUNK records of o's active file (taking the next file if
 * it is idle).  Returns 1 if it did anything. */
static int step(struct urout *o)
{
    begin(o);
    if (!o->active)
        return 0;
    struct outstate *s = &st[o - outs];
    struct spoolfile *f = spool_file(&sysspool, o->active);
    if (!f || f->state != SF_CLOSED || f->serial != s->serial) {
        o->active = 0;                      /* gone meanwhile (nothing purges a file in use) */
        return 1;
    }
    static uint8_t data[SPOOL_REC_MAX];
    for (int budget = UROUT_CHUNK; budget > 0; budget--) {
        if (s->phase == PH_SEPARATOR) {
            if (separator(o, f))
                return failed(o, f) + 1;
            s->phase = PH_COPY;
        }
        if (s->phase == PH_COPY) {
            if (s->copy && o->queue == SQ_PRT && ccw(o, 0x8B, 0, 0))
                return failed(o, f) + 1;    /* a skip between copies */
            if (spool_read_open(&sysspool, f->id, &s->cur))
                return failed(o, f) + 1;
            s->phase = PH_RECORDS;
        }
        uint8_t op;
        int n = spool_read(&sysspool, &s->cur, &op, data, sizeof data);
        if (n == SPOOL_ENOENT) {            /* the end of a copy */
            if (++s->copy < (f->a.copies ? f->a.copies : 1)) {
                s->phase = PH_COPY;
                continue;
            }
            uint16_t id = f->id;
            o->done++;
            end_file(o, f);
            spool_purge(&sysspool, id);
            return 1;
        }
        if (n < 0 || record(o, op, data, n))
            return failed(o, f) + 1;
    }
    return 1;
}

static void pace(void *arg)
{
    (void)arg;
    pace_timer = -1;
    cp_kick = 1;                /* the dispatcher comes round to urout_work */
}

int urout_work(void)
{
    if (!pending)
        return 0;
    pending = 0;
    int did = 0;
    for (int i = 0; i < nouts; i++)
        did |= step(&outs[i]);
    if (did) {
        pending = 1;            /* more, or the next file: come back */
        if (pace_timer < 0)
            pace_timer = timer_add(tod_now() + tod_from_ms(UROUT_PACE_MS), pace, 0);
        if (pace_timer < 0)
            cp_kick = 1;        /* no timer free: come straight back */
    }
    return did;
}

void urout_kick(void)
{
    for (int i = 0; i < nouts; i++)
        begin(&outs[i]);
    pending = 1;
    cp_kick = 1;
}

int urout_flush(struct urout *o, int all, int hold, uint16_t *id, unsigned *copy)
{
    struct spoolfile *f = o->active ? spool_file(&sysspool, o->active) : 0;
    if (!f)
        return 0;
    struct outstate *s = &st[o - outs];
    *id = f->id;
    *copy = s->copy + 1u;
    pending = 1;
    cp_kick = 1;
    if (!all && s->copy + 1 < (f->a.copies ? f->a.copies : 1)) {
        s->copy++;                          /* this copy only: the next one follows */
        if (s->phase == PH_RECORDS)
            s->phase = PH_COPY;
        return 2;
    }
    end_file(o, f);
    if (hold) {
        f->a.flags |= SF_SYSHOLD;
        spool_commit(&sysspool, f->id);
    } else {
        spool_purge(&sysspool, f->id);
    }
    return 1;
}
