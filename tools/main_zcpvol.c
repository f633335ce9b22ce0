/* zcpvol: make a dasdinit-made 3390 image IPL-able with a flat nucleus.
 *   zcpvol -l LOADADDR -e ENTRY volume.3390 nucleus.bin
 * Rewrites cyl 0 head 0 (IPL1, IPL2, the volume's own VOL1 label) and the
 * nucleus tracks from cyl 0 head 1 (ipl/dasdipl.h).  Exit codes: 0 done,
 * 1 other error, 2 usage, 3 a file is missing or unreadable, 4 not an
 * uncompressed CKD image, 5 not a 3390, 6 volume too small. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "ipl/dasdipl.h"
#include "lib/ebcdic.h"
#include "tools/ckd.h"
#include "tools/hostio.h"

enum { EXIT_USAGE = 2, EXIT_NOFILE = 3, EXIT_NOTCKD = 4, EXIT_NOT3390 = 5, EXIT_SMALL = 6 };

static void usage(void)
{
    fprintf(stderr, "usage: zcpvol -l LOADADDR -e ENTRY volume.3390 nucleus.bin\n");
    exit(EXIT_USAGE);
}

static int open_volume(struct ckd_image *img, const char *path)
{
    int rc = ckd_open(img, path, 1);
    if (rc != CKD_OK) {
        fprintf(stderr, "zcpvol: %s: %s\n", path, img->err);
        return rc == CKD_EOPEN ? EXIT_NOFILE : rc == CKD_EFORMAT ? EXIT_NOTCKD : EXIT_FAILURE;
    }
    if (img->devtype != CKD_DEVTYPE_3390) {
        fprintf(stderr, "zcpvol: %s: not a 3390 volume (device type 33%02X); "
                "make one with: dasdinit FILE 3390 VOLSER CYLS\n", path, img->devtype);
        ckd_close(img);
        return EXIT_NOT3390;
    }
    return EXIT_SUCCESS;
}

/* One line saying what went where, with the volser the label carries. */
static void report(struct ckd_image *img, const char *path, const struct dasdipl *d)
{
    uint8_t vol1[DASDIPL_VOL1_LEN];
    char volser[7] = "";
    if (ckd_read_record(img, 0, 0, 3, vol1, sizeof vol1, NULL, NULL) == DASDIPL_VOL1_LEN) {
        ebcdic_to_ascii_buf(volser, vol1 + 4, 6);
        for (int k = 6; k > 0 && (volser[k] == 0 || volser[k] == ' '); k--)
            volser[k] = 0;
    }
    struct dasdipl_loc last;
    dasdipl_locate(d, d->nrecs - 1, &last);
    printf("zcpvol: %s (%s): %zu-byte nucleus at %#x, entry %#x, in %zu records "
           "through cyl %u head %u; IPL2 %zu bytes\n", path, volser, d->len, d->load,
           d->entry, d->nrecs, last.cyl, last.head, d->ipl2_len);
}

int main(int argc, char **argv)
{
    uint32_t load = 0, entry = 0;
    if (parse_load_entry(argc, argv, 2, &load, &entry) != 0)
        usage();
    const char *volpath = argv[optind], *nucpath = argv[optind + 1];

    size_t len;
    uint8_t *image = read_file(nucpath, &len);
    if (!image)
        return EXIT_NOFILE;
    struct ckd_image img;
    int ex = open_volume(&img, volpath);
    if (ex != EXIT_SUCCESS) {
        free(image);
        return ex;
    }
    struct dasdipl d;
    int rc = dasdipl_write(&d, &img, image, len, load, entry);
    if (rc != DASDIPL_OK) {
        fprintf(stderr, "zcpvol: %s: %s\n", volpath, d.err);
        ex = rc == DASDIPL_EVOLUME ? EXIT_SMALL : EXIT_FAILURE;
    } else {
        report(&img, volpath, &d);
    }
    if (ckd_close(&img) != CKD_OK && ex == EXIT_SUCCESS) {
        fprintf(stderr, "zcpvol: %s: %s\n", volpath, img.err);
        ex = EXIT_FAILURE;
    }
    dasdipl_free(&d);
    free(image);
    return ex;
}
