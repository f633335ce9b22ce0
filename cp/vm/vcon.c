/* Virtual 3215 console.  Commands as the real 3215 (GA26-1588): X'01'/X'09'
 * write (without / with carrier return), X'0A' read inquiry, X'03' no-op,
 * X'0B' audible alarm, X'04' sense (one byte), X'E4' sense ID. */
#include "cp/vm/vdevs.h"
#include "cp/vm/vcss.h"
#include "cp/dev/rdev.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"
#include "lib/str.h"

#define VCON_LINES 8
#define VCON_LEN   132
#define VCON_OUT   1024         /* longest line passed on whole; longer continues */

struct vcon {
    char in[VCON_LINES][VCON_LEN];
    char out[VCON_OUT + 1];     /* the line being written (per VM: no sharing) */
    unsigned head, tail;
    int read_parked;
};

static struct vcon vcons[VM_MAX];

static struct vcon *state(struct vdev *d)
{
    if (!d->priv)
        d->priv = &vcons[d->vm - vms];
    return d->priv;
}

static int vcon_ccw(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vcon *c = state(d);
    switch (cmd) {
    case 0x01:
    case 0x09: {
        /* One or more lines: X'15' (EBCDIC new line) separates them, as
         * z/VM takes a 3215 write; Linux's con3215.c puts up to 50 lines
         * (3968 bytes) into one CCW.  A line is passed on whole (the
         * terminal wraps it at its width); one longer than VCON_OUT goes on
         * in the next.  The final X'15' of the data ends the last line; it
         * does not add an empty one. */
        uint32_t at = 0;
        do {
            uint32_t n = 0;
            while (at + n < count && buf[at + n] != 0x15 && n < VCON_OUT)
                n++;
            ebcdic_to_ascii_buf(c->out, buf + at, n);
            c->out[n] = 0;
            vm_console_write(d->vm, c->out);
            at += n;
            if (at < count && buf[at] == 0x15)
                at++;
        } while (at < count);
        *resid = 0;
        return 0;
    }
    case 0x0A: {
        if (c->head == c->tail) {
            c->read_parked = 1;
            return VDEV_SUSPEND;
        }
        c->read_parked = 0;
        const char *line = c->in[c->tail % VCON_LINES];
        uint32_t n = (uint32_t)strlen(line);
        if (n > count)
            n = count;          /* the rest of the line is lost, as on a 3215 */
        ebcdic_from_ascii(buf, line, n);
        c->tail++;
        *resid = count - n;
        return 0;
    }
    case 0x0B:                  /* audible alarm */
        *resid = count;
        return 0;
    default: {
        static const uint8_t id[7] = { 0xFF, 0x32, 0x15, 0x00, 0x32, 0x15, 0x00 };
        return vdev_basic_ccw(d, cmd, buf, count, resid, id);
    }
    }
}

static void vcon_reset(struct vdev *d)
{
    struct vcon *c = state(d);
    c->read_parked = 0;
}

static void vcon_release(struct vdev *d)
{
    memset(state(d), 0, sizeof(struct vcon));
    d->priv = 0;
}

const struct vdev_ops vcon_ops = { "3215", vcon_ccw, vcon_reset, vcon_release };

void vcon_input(struct vdev *d, const char *line)
{
    struct vcon *c = state(d);
    if (c->head - c->tail < VCON_LINES) {
        str_copy(c->in[c->head % VCON_LINES], line, VCON_LEN);
        c->head++;
    }
    if (c->read_parked)
        vcss_resume(d);
    else
        vcss_unsolicited(d, DEV_ATTN);
}

int vcon_reading(struct vdev *d)
{
    return state(d)->read_parked;
}

struct vdev *vm_console(struct vm *vm)
{
    for (int i = 0; i < vm->nvdev; i++)
        if (vm->vdev[i].ops == &vcon_ops)
            return &vm->vdev[i];
    return 0;
}
