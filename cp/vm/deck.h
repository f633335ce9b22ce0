/* A card deck held in real storage: 80-byte cards in a chain of frames.
 * The virtual reader reads from one; the real reader fills one.  Until the
 * spool (on DASD) arrives, this is how a deck reaches a user's reader. */
#ifndef CP_VM_DECK_H
#define CP_VM_DECK_H
#include <stdint.h>

#define CARDS_PER_FRAME 51      /* 51 * 80 = 4080 bytes, the link in the last 8 */

struct deck {
    uint64_t first;             /* real address of the first frame, 0 if empty */
    uint64_t last;
    uint32_t ncards;
};

/* Append one card (80 bytes); -1 if no frame was free. */
int deck_add(struct deck *d, const uint8_t card[80]);
/* Card i (0-based) into out; -1 past the end. */
int deck_card(const struct deck *d, uint32_t i, uint8_t out[80]);
void deck_free(struct deck *d);

/* Decks waiting for users not yet logged on (the class A LOADRDR command). */
#define DECK_QUEUE_MAX 16
int deck_queue_put(const char *userid, struct deck *d);
/* Take the oldest deck queued for userid; 0 if there was one. */
int deck_queue_take(const char *userid, struct deck *out);
#endif
