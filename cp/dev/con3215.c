/* 3215 console driver.  CCWs: X'09' write with carrier return, X'0A' read
 * inquiry (GA26-1588 / Hercules con1052c.c for what the emulator does). */
#include "cp/dev/con3215.h"
#include "cp/arch/arch.h"
#include "cp/arch/clock.h"
#include "cp/sched/dispatch.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define CON_MAX   16
#define OUT_RING  16384         /* bytes of queued output */
#define IN_LINES  64      /* type-ahead: CP may be slow to run commands under load */
#define IN_LEN    160
/* Lines written by one channel program (command-chained writes).  A line
 * typed while the 3215 is busy loses its Attention in Hercules (the
 * device refuses it), so CP keeps the device busy as little as it can:
 * one start for many lines instead of one a line. */
#define CHAIN_MAX 16

#define CCW_WRITE_ACR 0x09
#define CCW_READ      0x0A

struct con {
    struct rdev *dev;
    char out[OUT_RING];
    unsigned out_head, out_tail;        /* tail = next byte to write */
    char in[IN_LINES][IN_LEN];
    unsigned in_head, in_tail;
    int read_wanted;                    /* attention seen, read not yet started */
    int reading;
    int standing;                       /* input only: a read is always started */
    int connected;                      /* -1 unknown, 0 no client, 1 a client */
    volatile unsigned events;           /* CON_EV_*, taken by con_events */
    int want_room;                      /* a writer waits for ring space */
    struct ccw1 ccw;
    uint8_t buf[IN_LEN] __attribute__((aligned(8)));
    struct ccw1 wccw[CHAIN_MAX];
    uint8_t wbuf[CHAIN_MAX][CON_LINE_MAX];
};

static struct con cons[CON_MAX];
static void kick(struct con *c);

static struct con *con_of(struct rdev *dev)
{
    return dev ? (struct con *)dev->drvdata : 0;
}

static void post(struct con *c, unsigned ev)
{
    c->events |= ev;
    cp_kick = 1;                /* CP has something to look at */
}

/* The client is gone (Hercules: unit check, intervention required, on a
 * 3215 nobody is connected to): what was queued for it is dropped. */
static void lost(struct con *c)
{
    c->out_tail = c->out_head;
    c->read_wanted = 0;
    if (c->connected != 0)
        post(c, CON_EV_LOST);
    c->connected = 0;
}

static void connected(struct con *c)
{
    if (c->connected != 1)
        post(c, CON_EV_CONNECT);
    c->connected = 1;
}

/* Attention from a telnet 3215 (Hercules console.c): with device end when
 * a client connects, with unit exception for a break (IAC BRK / IP), alone
 * when a complete line was typed. */
static void on_unsolicited(struct rdev *dev, const struct irb *irb)
{
    struct con *c = con_of(dev);
    if (!c || !(irb->dstat & DEV_ATTN))
        return;
    if (irb->dstat & DEV_DE) {
        c->connected = 0;       /* a new client, even if one was there */
        connected(c);
    } else if (irb->dstat & DEV_UX) {
        post(c, CON_EV_BREAK);
    } else if (irb->dstat & DEV_UC) {
        lost(c);
    } else {
        c->read_wanted = 1;
    }
    kick(c);
}

static const struct rdev_driver con_driver = { "3215", on_unsolicited };

int con_attach_input(struct rdev *dev)
{
    if (con_attach(dev) != 0)
        return -1;
    con_of(dev)->standing = 1;
    kick(con_of(dev));
    return 0;
}

int con_attach(struct rdev *dev)
{
    for (int i = 0; i < CON_MAX; i++)
        if (!cons[i].dev) {
            memset(&cons[i], 0, sizeof cons[i]);
            cons[i].dev = dev;
            dev->drv = &con_driver;
            dev->drvdata = &cons[i];
            cons[i].connected = -1;
            return 0;
        }
    return -1;
}

static void write_done(struct rdev *dev, const struct irb *irb, void *arg)
{
    struct con *c = con_of(dev);
    if (irb->dstat & DEV_UC)
        lost(c);
    else
        connected(c);
    if (c->want_room && c->out_head - c->out_tail < OUT_RING / 2) {
        c->want_room = 0;
        cp_kick = 1;
    }
    kick(c);
}

static void read_done(struct rdev *dev, const struct irb *irb, void *arg)
{
    struct con *c = con_of(dev);
    c->reading = 0;
    if (irb->dstat & DEV_UC)
        lost(c);
    else {
        unsigned n = IN_LEN - 1 - irb->count;
        if (n > IN_LEN - 1)
            n = 0;
        if (c->in_head - c->in_tail < IN_LINES) {
            char *line = c->in[c->in_head % IN_LINES];
            ebcdic_to_ascii_buf(line, c->buf, n);
            line[n] = 0;
            c->in_head++;
            cp_kick = 1;        /* a command to run: end the guest's slice */
        }
        /* A full input queue drops the line: the operator is typing faster
         * than CP runs commands, and z/VM does the same (no type-ahead). */
    }
    kick(c);
}

/* Start the next channel program if the device is idle: a pending read
 * first (the operator is waiting), else the next queued output line. */
static void kick(struct con *c)
{
    if (!c || c->dev->busy)
        return;
    if (c->read_wanted || c->standing) {
        c->read_wanted = 0;
        c->reading = 1;
        c->ccw = (struct ccw1){ CCW_READ, CCW_FLAG_SLI, IN_LEN - 1, ccw_addr(c->buf) };
        if (rdev_start(c->dev, &c->ccw, read_done, 0) == 0)
            return;
        c->reading = 0;
    }
    int lines = 0;
    while (c->out_tail != c->out_head && lines < CHAIN_MAX) {
        uint8_t *b = c->wbuf[lines];
        unsigned n = 0;
        while (c->out_tail != c->out_head && n < CON_LINE_MAX) {
            char ch = c->out[c->out_tail % OUT_RING];
            c->out_tail++;
            if (ch == '\n')
                break;
            b[n++] = ascii_to_ebcdic[(unsigned char)ch];
        }
        /* A full line's own new line (con_write wraps at CON_LINE_MAX) is
         * not another, empty, line. */
        if (n == CON_LINE_MAX && c->out_tail != c->out_head && c->out[c->out_tail % OUT_RING] == '\n')
            c->out_tail++;
        if (n == 0)
            b[n++] = EBCDIC_SPACE;      /* a CCW count of zero is not allowed */
        c->wccw[lines] = (struct ccw1){ CCW_WRITE_ACR, CCW_FLAG_SLI | CCW_FLAG_CC, (uint16_t)n,
                                        ccw_addr(b) };
        lines++;
    }
    if (!lines)
        return;
    c->wccw[lines - 1].flags &= (uint8_t)~CCW_FLAG_CC;
    rdev_start(c->dev, c->wccw, write_done, 0);
}

static void put_char(struct con *c, char ch)
{
    while (c->out_head - c->out_tail >= OUT_RING) {
        kick(c);
        cpu_enabled_wait();
    }
    c->out[c->out_head % OUT_RING] = ch;
    c->out_head++;
}

void con_write(struct rdev *dev, const char *text)
{
    struct con *c = con_of(dev);
    if (!c)
        return;
    unsigned col = 0;
    for (; *text; text++) {
        if (*text == '\n') {
            col = 0;
        } else if (col == CON_LINE_MAX) {
            put_char(c, '\n');
            col = 0;
        }
        put_char(c, *text);
        if (*text != '\n')
            col++;
    }
    put_char(c, '\n');
    kick(c);
}

int con_getline(struct rdev *dev, char *buf, size_t size)
{
    struct con *c = con_of(dev);
    if (!c || c->in_head == c->in_tail)
        return 0;
    const char *line = c->in[c->in_tail % IN_LINES];
    size_t n = strnlen(line, size - 1);
    memcpy(buf, line, n);
    buf[n] = 0;
    c->in_tail++;
    return 1;
}

int con_try_write(struct rdev *dev, const char *text)
{
    struct con *c = con_of(dev);
    if (!c)
        return 0;
    size_t n = strlen(text);
    /* Room for the text, the wrapping newlines and the last one. */
    if (c->out_head - c->out_tail + n + n / CON_LINE_MAX + 2 > OUT_RING) {
        c->want_room = 1;
        return -1;
    }
    con_write(dev, text);
    return 0;
}

unsigned con_events(struct rdev *dev)
{
    struct con *c = con_of(dev);
    if (!c)
        return 0;
    unsigned ev = c->events;
    c->events = 0;
    return ev;
}

int con_connected(struct rdev *dev)
{
    struct con *c = con_of(dev);
    return c && c->connected == 1;
}

static struct ccw1 probe_ccw[CON_MAX];

static void probe_done(struct rdev *dev, const struct irb *irb, void *arg)
{
    struct con *c = con_of(dev);
    if (irb->dstat & DEV_UC)
        lost(c);
    else
        connected(c);
    kick(c);
}

void con_probe(struct rdev *dev)
{
    struct con *c = con_of(dev);
    if (!c || dev->busy || c->read_wanted || c->out_tail != c->out_head)
        return;
    struct ccw1 *ccw = &probe_ccw[c - cons];
    *ccw = (struct ccw1){ 0x03, CCW_FLAG_SLI, 1, ccw_addr(c->buf) };    /* no-op */
    rdev_start(dev, ccw, probe_done, 0);
}

void con_flush(struct rdev *dev)
{
    struct con *c = con_of(dev);
    while (c && (c->out_tail != c->out_head || (c->dev->busy && !c->reading))) {
        kick(c);
        cpu_enabled_wait();
    }
}

void con_write_polled(struct rdev *dev, const char *line)
{
    static uint8_t buf[CON_LINE_MAX] __attribute__((aligned(8)));
    static struct ccw1 ccw;
    static uint32_t orb[8] __attribute__((aligned(8)));
    struct irb irb;
    size_t n = strnlen(line, CON_LINE_MAX);
    if (!dev)
        return;
    ebcdic_from_ascii(buf, line, n);
    if (n == 0)
        buf[n++] = EBCDIC_SPACE;
    ccw = (struct ccw1){ CCW_WRITE_ACR, CCW_FLAG_SLI, (uint16_t)n, ccw_addr(buf) };
    memset(orb, 0, sizeof orb);
    orb[1] = 0x0080FF00;
    orb[2] = ccw_addr(&ccw);
    for (int spin = 0; spin < 1000000; spin++) {
        int cc = ssch(dev->schid, orb);
        if (cc == 0)
            break;
        if (cc == 3)
            return;
        tsch(dev->schid, &irb);     /* drain whatever is pending or finishing */
        if (spin == 999999)
            return;
    }
    for (int spin = 0; spin < 10000000; spin++)
        if (tsch(dev->schid, &irb) == 0 && (irb.scsw_flags & SC_PENDING) &&
            (irb.scsw_flags & (SC_PRIMARY | SC_ALERT)))
            return;
}
