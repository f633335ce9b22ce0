/* 3505 reader: one Read (X'02', feed) channel program a card.  The end of
 * the deck is unit exception (Hercules: the "eof" option); an empty hopper
 * is unit check with intervention required (sense X'40'). */
#include "cp/dev/rdr3505.h"
#include "lib/fmt.h"

/* A card never takes long, but the TOD clock CP times it with runs ahead
 * of the wall clock under SIE (DESIGN.md), and a loaded host may not run
 * Hercules' reader thread for a while: 5 s cut a kernel's LOADRDR short
 * after 13431 cards (and a cleared read may lose its card).  A reader
 * that is not there answers at once (not operational), so wait long. */
#define CARD_TIMEOUT_MS 120000

int rdr_read_cards(struct rdev *dev, int (*put)(void *arg, const uint8_t card[80]), void *arg,
                   char *msg, int msgsize)
{
    static uint8_t card[80] __attribute__((aligned(8)));
    struct ccw1 ccw = { 0x02, CCW_FLAG_SLI, sizeof card, ccw_addr(card) };
    struct irb irb;
    int n = 0;
    for (;;) {
        int rc = rdev_run(dev, &ccw, &irb, CARD_TIMEOUT_MS);
        if (rc == 0) {
            if (put(arg, card) != 0) {
                fmt(msg, (size_t)msgsize, "the spool refused card %d", n + 1);
                return -1;
            }
            n++;
            continue;
        }
        if (rc == -1 && (irb.dstat & DEV_UX))
            return n;
        uint8_t sense[4] = { 0 };
        if (rc == -1 && (irb.dstat & DEV_UC))
            rdev_sense(dev, sense, sizeof sense);
        fmt(msg, (size_t)msgsize, "reader %04X %s after %d cards", dev->devno,
            sense[0] & 0x40 ? "is not ready" : rc == -2 ? "did not answer" : "reported an error", n);
        return -1;
    }
}
