/* The 3505 IPL deck: builds a card deck that loads a flat image at its
 * link address and starts it (ipl/deck.c). */
#ifndef IPL_DECK_H
#define IPL_DECK_H
#include <stddef.h>
#include <stdint.h>

#define CARD_LEN 80

/* Build the deck for image[0..len) to be loaded at `load` and entered at
 * `entry` in ESA/390 31-bit mode.  Returns a malloc'd buffer of *ncards
 * 80-byte cards, or NULL if the image does not fit below 16 MiB (format-0
 * CCWs address 24 bits). */
uint8_t *deck_build(const uint8_t *image, size_t len, uint32_t load, uint32_t entry,
                    size_t *ncards);

/* Where the deck's CCW cards are read: just above the image, page aligned. */
uint32_t deck_ccw_base(uint32_t load, size_t len);

#endif
