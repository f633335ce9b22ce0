/* Real card readers: read a whole deck (until unit exception). */
#ifndef CP_DEV_RDR3505_H
#define CP_DEV_RDR3505_H
#include "cp/dev/rdev.h"
/* Read cards until the end of the deck, giving each to put (which returns
 * 0 to go on).  Returns the number of cards read, or -1 (not ready / empty
 * hopper / error, or put refused: message text in msg). */
int rdr_read_cards(struct rdev *dev, int (*put)(void *arg, const uint8_t card[80]), void *arg,
                   char *msg, int msgsize);
#endif
