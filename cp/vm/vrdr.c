/* Virtual 3505 card reader.  Any read-type command (low bits 10) feeds one
 * card: 80 bytes, fewer if the count is smaller (incorrect length unless
 * SLI).  After the last card, a read ends with unit exception and the deck
 * is gone (as a spool file without HOLD/KEEP).  X'03' no-op, X'04' sense,
 * X'E4' sense ID; anything else is rejected. */
#include "cp/vm/vdevs.h"
#include "cp/vm/vcss.h"
#include "cp/dev/rdev.h"
#include "lib/mem.h"

#define SENSE_INTREQ 0x40

struct vrdr {
    struct deck deck;
    uint32_t next;
    int eof_seen;
};

static struct vrdr vrdrs[VM_MAX];

static struct vrdr *state(struct vdev *d)
{
    if (!d->priv)
        d->priv = &vrdrs[d->vm - vms];
    return d->priv;
}

static int vrdr_ccw(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vrdr *r = state(d);
    if ((cmd & 3) == 2) {
        uint8_t card[80];
        if (!r->deck.ncards) {
            d->sense[0] = SENSE_INTREQ;         /* empty hopper: not ready */
            *resid = count;
            return DEV_UC;
        }
        if (deck_card(&r->deck, r->next, card) != 0) {
            deck_free(&r->deck);                /* read to the end: the file is done */
            r->next = 0;
            *resid = count;
            return DEV_UX;
        }
        r->next++;
        uint32_t n = count < 80 ? count : 80;
        memcpy(buf, card, n);
        *resid = count - n;
        return 0;
    }
    static const uint8_t id[7] = { 0xFF, 0x35, 0x05, 0x00, 0x35, 0x05, 0x00 };
    return vdev_basic_ccw(d, cmd, buf, count, resid, id);
}

static void vrdr_reset(struct vdev *d)
{
    state(d)->next = 0;      /* a reset rewinds the file being read */
}

static void vrdr_release(struct vdev *d)
{
    deck_free(&state(d)->deck);
    d->priv = 0;
}

const struct vdev_ops vrdr_ops = { "3505", vrdr_ccw, vrdr_reset, vrdr_release };

void vrdr_load(struct vdev *d, struct deck *deck)
{
    struct vrdr *r = state(d);
    deck_free(&r->deck);
    r->deck = *deck;
    r->next = 0;
}

uint32_t vrdr_cards(struct vdev *d)
{
    return state(d)->deck.ncards;
}
