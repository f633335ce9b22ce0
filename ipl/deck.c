/* 3505 IPL deck.
 *
 * Card 0 is what the IPL Read puts at real 0: the IPL PSW, then two
 * format-0 CCWs the channel continues with: read one card (the first CCW
 * card) to the CCW area, and TIC there.  Each CCW card holds ten CCWs that
 * run in sequence from the CCW area: the first reads the next CCW card
 * into the 80 bytes that follow this one (so the channel runs straight on
 * into it), the other nine read image cards to their load addresses.  The
 * last CCW card has no successor, so all ten of its CCWs may read image
 * cards.  Deck order follows the reads:
 *   card0, ccw0, ccw1, data x9, ccw2, data x9, ..., ccwK-1, data (<=10). */
#include <stdlib.h>
#include <string.h>
#include "ipl/deck.h"
#include "ipl/ccw0.h"

#define READ_CARD 0x02
#define TIC       0x08
#define LIMIT_24  0x1000000u

uint32_t deck_ccw_base(uint32_t load, size_t len)
{
    return (uint32_t)((load + len + 4095) & ~(size_t)4095);
}

uint8_t *deck_build(const uint8_t *image, size_t len, uint32_t load, uint32_t entry,
                    size_t *ncards)
{
    size_t ndata = (len + CARD_LEN - 1) / CARD_LEN;
    /* K CCW cards carry 9 data reads each, the last one 10. */
    size_t nccw = ndata <= 10 ? 1 : 1 + (ndata - 10 + 8) / 9;
    uint32_t base = deck_ccw_base(load, len);
    if (len == 0 || (uint64_t)base + nccw * CARD_LEN >= LIMIT_24 || load + len >= LIMIT_24)
        return NULL;

    size_t total = 2 + nccw - 1 + ndata;
    uint8_t *deck = calloc(total, CARD_LEN);
    if (!deck)
        return NULL;

    uint8_t *c0 = deck;
    ipl_psw_put(c0, entry);
    ccw0_put(c0 + 8, READ_CARD, base, CCW_CC | CCW_SLI, CARD_LEN);
    ccw0_put(c0 + 16, TIC, base, 0, 0);

    size_t pos = 2, d = 0, card_pos = 1;   /* CCW card 0 is the second card */
    for (size_t k = 0; k < nccw; k++) {
        uint8_t *card = deck + card_pos * CARD_LEN;
        uint32_t here = base + (uint32_t)(k * CARD_LEN);
        int slot = 0;
        if (k + 1 < nccw) {   /* read the next CCW card right behind this one */
            ccw0_put(card + 8 * slot++, READ_CARD, here + CARD_LEN, CCW_CC | CCW_SLI, CARD_LEN);
            card_pos = pos++;
        }
        for (; slot < 10 && d < ndata; slot++, d++) {
            size_t off = d * CARD_LEN;
            size_t n = len - off < CARD_LEN ? len - off : CARD_LEN;
            int last = d + 1 == ndata;
            ccw0_put(card + 8 * slot, READ_CARD, load + (uint32_t)off,
                     (uint8_t)(last ? CCW_SLI : CCW_CC | CCW_SLI), (uint16_t)n);
            memcpy(deck + pos++ * CARD_LEN, image + off, n);
        }
    }
    size_t out = pos;
    *ncards = out;
    return deck;
}
