/* cmsdisk: put a CMS file system (cms-guest/fs/cmsfs.h) with files from
 * the host on a minidisk of a 3390 image.
 *   cmsdisk VOLUME START CYLS RESERVE LABEL [FILE...]
 * The minidisk is cylinders START..START+CYLS-1; its first RESERVE
 * cylinders are left alone (an IPL disk: IPL records and the nucleus,
 * `zcpmdisk ipl`), the file system takes the rest in 4096-byte blocks,
 * 12 a track, count fields in the minidisk's own cylinder numbers (as
 * `zcpmdisk format`).  FILE is a host text file named fn.ft (either case):
 * each line becomes a RECFM V record of the CMS file FN FT.  Exit 0 done,
 * 1 error, 2 usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cms-guest/fs/cmsfs.h"
#include "tools/ckd.h"
#include "tools/hostio.h"

#define HEADS 15
#define PER_TRACK 12
#define PER_CYL (HEADS * PER_TRACK)

static uint8_t *mem;

static int mread(void *ctx, uint32_t b, void *buf) { memcpy(buf, mem + (size_t)(b - 1) * CMSFS_BS, CMSFS_BS); return 0; }
static int mwrite(void *ctx, uint32_t b, const void *buf) { memcpy(mem + (size_t)(b - 1) * CMSFS_BS, buf, CMSFS_BS); return 0; }

static int usage(void)
{
    fprintf(stderr, "usage: cmsdisk VOLUME START CYLS RESERVE LABEL [FILE...]\n");
    return 2;
}

int main(int argc, char **argv)
{
    uint32_t start, cyls, reserve;
    if (argc < 6 || parse_u32(argv[2], &start) || parse_u32(argv[3], &cyls) || parse_u32(argv[4], &reserve) ||
        reserve >= cyls)
        return usage();
    struct ckd_image img;
    if (ckd_open(&img, argv[1], 1) != CKD_OK) {
        fprintf(stderr, "cmsdisk: %s: %s\n", argv[1], img.err);
        return 1;
    }
    if (start == 0 || start + cyls > img.cyls) {
        fprintf(stderr, "cmsdisk: %s: cylinders %u-%u are not on the volume\n", argv[1], start, start + cyls - 1);
        return 1;
    }
    uint32_t nblocks = (cyls - reserve) * PER_CYL;
    mem = calloc(nblocks, CMSFS_BS);
    static struct cmsfs fs;
    struct cmsfs_dev dev = { NULL, nblocks, 0, mread, mwrite };
    time_t now = time(NULL);
    struct tm *tm = gmtime(&now);
    uint32_t date = (uint32_t)((tm->tm_year + 1900) * 10000 + (tm->tm_mon + 1) * 100 + tm->tm_mday);
    uint32_t hms = (uint32_t)(tm->tm_hour * 10000 + tm->tm_min * 100 + tm->tm_sec);
    int rc = cmsfs_format(&dev, argv[5], date);
    if (!rc)
        rc = cmsfs_mount(&fs, &dev);
    static struct cmsfs_writer w;
    for (int i = 6; i < argc && !rc; i++) {
        const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
        char fn[32], ft[32];
        const char *dot = strchr(base, '.');
        if (!dot || (size_t)(dot - base) >= sizeof fn || strlen(dot + 1) >= sizeof ft) {
            fprintf(stderr, "cmsdisk: %s: name it fn.ft\n", argv[i]);
            rc = 1;
            break;
        }
        memcpy(fn, base, (size_t)(dot - base));
        fn[dot - base] = 0;
        strcpy(ft, dot + 1);
        size_t len;
        char *text = (char *)read_file(argv[i], &len);
        if (!text) {
            rc = 1;
            break;
        }
        rc = cmsfs_create(&fs, &w, fn, ft, 'V', 0);
        for (size_t p = 0; p < len && !rc;) {
            size_t e = p;
            while (e < len && text[e] != '\n')
                e++;
            size_t l = e - p;
            rc = l ? cmsfs_put(&w, text + p, (uint32_t)l) : cmsfs_put(&w, " ", 1);
            p = e + 1;
        }
        rc = rc ? rc : cmsfs_commit(&w, date, hms);
        if (rc)
            fprintf(stderr, "cmsdisk: %s: %s\n", argv[i], cmsfs_strerror(rc));
        free(text);
    }
    if (rc) {
        fprintf(stderr, "cmsdisk: %s\n", rc < 0 ? cmsfs_strerror(rc) : "failed");
        ckd_close(&img);
        return 1;
    }
    for (uint32_t c = reserve; c < cyls && !rc; c++)
        for (uint32_t h = 0; h < HEADS && !rc; h++) {
            struct ckd_rec recs[1 + PER_TRACK];
            recs[0] = (struct ckd_rec){ (uint16_t)c, (uint16_t)h, 0, 0, 8, NULL, NULL };
            for (uint32_t r = 1; r <= PER_TRACK; r++) {
                size_t b = (size_t)(c - reserve) * PER_CYL + h * PER_TRACK + (r - 1);
                recs[r] = (struct ckd_rec){ (uint16_t)c, (uint16_t)h, (uint8_t)r, 0, CMSFS_BS, NULL,
                                            mem + b * CMSFS_BS };
            }
            if (ckd_write_track(&img, start + c, h, recs, 1 + PER_TRACK) != CKD_OK) {
                fprintf(stderr, "cmsdisk: %s: %s\n", argv[1], img.err);
                rc = 1;
            }
        }
    if (ckd_close(&img) != CKD_OK)
        rc = 1;
    if (!rc)
        printf("cmsdisk: %s: cylinders %u-%u: CMS disk %s, %u files, %u of %u blocks used\n", argv[1],
               start + reserve, start + cyls - 1, argv[5], fs.nfiles, fs.used, nblocks);
    free(mem);
    return rc ? 1 : 0;
}
