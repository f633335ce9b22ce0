/* mkdeck: build a 3505 IPL card deck from a flat nucleus image.
 *   mkdeck -l LOADADDR -e ENTRY image.bin deck
 * Attach the deck in Hercules as: 000C 3505 deck ebcdic autopad eof */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "ipl/deck.h"
#include "tools/hostio.h"

static void usage(void)
{
    fprintf(stderr, "usage: mkdeck -l LOADADDR -e ENTRY image.bin deck\n");
    exit(2);
}

int main(int argc, char **argv)
{
    uint32_t load = 0, entry = 0;
    if (parse_load_entry(argc, argv, 2, &load, &entry) != 0)
        usage();
    size_t len, ncards;
    uint8_t *image = read_file(argv[optind], &len);
    if (!image)
        return 1;
    uint8_t *deck = deck_build(image, len, load, entry, &ncards);
    if (!deck) {
        fprintf(stderr, "mkdeck: image of %zu bytes at %#x does not fit below 16 MiB\n", len, load);
        return 1;
    }
    if (write_file(argv[optind + 1], deck, ncards * CARD_LEN) != 0)
        return 1;
    free(deck);
    free(image);
    return 0;
}
