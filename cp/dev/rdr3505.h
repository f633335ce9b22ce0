/* Real card readers: read a whole deck (until unit exception). */
#ifndef CP_DEV_RDR3505_H
#define CP_DEV_RDR3505_H
#include "cp/dev/rdev.h"
#include "cp/vm/deck.h"
/* Returns the number of cards read, or -1 (not ready / empty hopper /
 * error: message text in msg). */
int rdr_read_deck(struct rdev *dev, struct deck *out, char *msg, int msgsize);
#endif
