/* zcpdir: put the user directory on the system residence volume.
 *   zcpdir volume.3390 user.direct
 * Layout (cp/sys/sysdir.h): from cylinder 10 track 0, 4096-byte records
 * R1-R12 on each track, one byte stream: "ZCPDIR01" in EBCDIC, the text
 * length (4 bytes, big-endian), 4 reserved bytes, then the text in EBCDIC. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cp/sys/sysdir.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "tools/ckd.h"
#include "tools/hostio.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: zcpdir volume.3390 user.direct\n");
        return 2;
    }
    size_t len;
    uint8_t *text = read_file(argv[2], &len);
    if (!text)
        return 1;
    if (len > SYSDIR_MAX_TEXT) {
        fprintf(stderr, "zcpdir: %s is %zu bytes; at most %d fit\n", argv[2], len, SYSDIR_MAX_TEXT);
        return 1;
    }
    size_t total = 16 + len;
    size_t nrec = (total + SYSDIR_RECLEN - 1) / SYSDIR_RECLEN;
    uint8_t *stream = calloc(nrec, SYSDIR_RECLEN);
    if (!stream)
        return 1;
    ebcdic_from_ascii(stream, SYSDIR_MAGIC, 8);
    be32_put(stream + 8, (uint32_t)len);
    ebcdic_from_ascii(stream + 16, (const char *)text, len);

    struct ckd_image img;
    if (ckd_open(&img, argv[1], 1) != CKD_OK) {
        fprintf(stderr, "zcpdir: %s: %s\n", argv[1], img.err);
        return 1;
    }
    size_t ntracks = (nrec + SYSDIR_RECS_PER_TRACK - 1) / SYSDIR_RECS_PER_TRACK;
    if (SYSDIR_CYL + (ntracks + img.heads - 1) / img.heads > img.cyls) {
        fprintf(stderr, "zcpdir: %s has %u cylinders; the directory needs cylinder %d onward\n",
                argv[1], img.cyls, SYSDIR_CYL);
        return 1;
    }
    static const uint8_t r0data[8];
    for (size_t t = 0; t < ntracks; t++) {
        uint32_t cyl = SYSDIR_CYL + (uint32_t)(t / img.heads), head = (uint32_t)(t % img.heads);
        struct ckd_rec recs[1 + SYSDIR_RECS_PER_TRACK];
        size_t n = 0;
        recs[n++] = (struct ckd_rec){ (uint16_t)cyl, (uint16_t)head, 0, 0, 8, 0, r0data };
        for (size_t r = 0; r < SYSDIR_RECS_PER_TRACK; r++) {
            size_t i = t * SYSDIR_RECS_PER_TRACK + r;
            if (i >= nrec)
                break;
            recs[n++] = (struct ckd_rec){ (uint16_t)cyl, (uint16_t)head, (uint8_t)(r + 1), 0,
                                          SYSDIR_RECLEN, 0, stream + i * SYSDIR_RECLEN };
        }
        if (ckd_write_track(&img, cyl, head, recs, n) != CKD_OK) {
            fprintf(stderr, "zcpdir: %s: %s\n", argv[1], img.err);
            return 1;
        }
    }
    ckd_close(&img);
    free(stream);
    free(text);
    return 0;
}
