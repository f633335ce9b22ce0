/* zcppage: make a 3390 image a ZCP paging volume (docs/paging.md).
 *
 *   zcppage format VOLUME     VOLUME made by `dasdinit FILE 3390 ZCPPGn CYLS`
 *
 * Every track from cylinder 1 on gets 12 records of 4096 bytes (zeros),
 * numbered 1-12: a page slot each.  Cylinder 0 (the volume label) stays.
 * Exit codes: 0 done, 1 error, 2 usage. */
#include <stdio.h>
#include <string.h>
#include "tools/ckd.h"
#include "lib/ebcdic.h"
#include "cp/mm/paging.h"

static int cmd_format(const char *path)
{
    struct ckd_image img;
    if (ckd_open(&img, path, 1) != CKD_OK) {
        fprintf(stderr, "zcppage: %s: %s\n", path, img.err);
        return 1;
    }
    uint8_t label[80];
    char volser[7] = "";
    if (ckd_read_record(&img, 0, 0, 3, label, sizeof label, NULL, NULL) >= 10) {
        char text[11];
        ebcdic_to_ascii_buf(text, label, 10);
        text[10] = 0;
        if (memcmp(text, "VOL1", 4) == 0)
            memcpy(volser, text + 4, 6);
    }
    if (strncmp(volser, PAGING_VOLSER_PREFIX, strlen(PAGING_VOLSER_PREFIX)) != 0)
        fprintf(stderr, "zcppage: %s: warning: volume label \"%s\" does not start with %s, so ZCP "
                "will not page to it\n", path, volser, PAGING_VOLSER_PREFIX);
    if (img.cyls < 2) {
        fprintf(stderr, "zcppage: %s: a paging volume needs at least 2 cylinders\n", path);
        return 1;
    }
    static const uint8_t r0[8], zero[4096];
    for (uint32_t c = 1; c < img.cyls; c++)
        for (uint32_t h = 0; h < img.heads; h++) {
            struct ckd_rec recs[1 + PAGING_RECS_PER_TRACK];
            recs[0] = (struct ckd_rec){ (uint16_t)c, (uint16_t)h, 0, 0, 8, 0, r0 };
            for (int r = 1; r <= PAGING_RECS_PER_TRACK; r++)
                recs[r] = (struct ckd_rec){ (uint16_t)c, (uint16_t)h, (uint8_t)r, 0, 4096, 0, zero };
            if (ckd_write_track(&img, c, h, recs, 1 + PAGING_RECS_PER_TRACK) != CKD_OK) {
                fprintf(stderr, "zcppage: %s: %s\n", path, img.err);
                return 1;
            }
        }
    printf("zcppage: %s: paging volume %s, %u slots of 4K\n", path, volser,
           (img.cyls - 1) * img.heads * PAGING_RECS_PER_TRACK);
    return ckd_close(&img) == CKD_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "format") == 0)
        return cmd_format(argv[2]);
    fprintf(stderr, "usage: zcppage format VOLUME\n");
    return 2;
}
