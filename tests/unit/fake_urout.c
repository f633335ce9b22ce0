/* Host stand-in for the real printers and punches (cp/dev/urout.c):
 * none, so commands see no such device. */
#include "cp/dev/urout.h"

void urout_init(void) {}
int urout_count(void) { return 0; }
struct urout *urout_at(int i) { (void)i; return 0; }
struct urout *urout_find(uint16_t devno) { (void)devno; return 0; }
void urout_kick(void) {}
int urout_work(void) { return 0; }
int urout_flush(struct urout *o, int all, int hold, uint16_t *id, unsigned *copy)
{
    (void)o; (void)all; (void)hold; (void)id; (void)copy;
    return 0;
}
