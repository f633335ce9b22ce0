/* zcpmdisk: 3390 user volumes and minidisks on the host.
 *   zcpmdisk create VOLUME VOLSER CYLS        new volume: IPL1, IPL2, VOL1 on cyl 0
 *   zcpmdisk format VOLUME START CYLS BLKSIZE format a minidisk in fixed blocks
 *   zcpmdisk layout VOLUME DIRECTORY          format every MDISK the directory puts
 *                                             on this volume (4096-byte blocks)
 *   zcpmdisk ipl -l LOAD -e ENTRY VOLUME START CYLS IMAGE
 *                                             make a minidisk IPL-able: the IPL
 *                                             records of ipl/dasdipl.h (IPL1, IPL2,
 *                                             a VOL1 label with volser MDISK) on its
 *                                             track 0, the image from its track 1
 * A minidisk in fixed blocks (what DIAG X'250' reads, cp/vm/vdasd.h): every
 * track of the slice holds R0 (8 bytes) and records R1-Rn of BLKSIZE bytes,
 * n the records a 3390 track holds (4096: 12, 2048: 21, 1024: 33, 512: 49,
 * as z/VM's CMS FORMAT lays them out).  Count fields carry the minidisk's
 * own cylinder numbers (cylinder 0 is the slice's first), as when a guest
 * formats it through CP.  Data is zeros.  Exit codes: 0 done, 1 error,
 * 2 usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>
#include "cp/sys/directory.h"
#include "ipl/dasdipl.h"
#include "lib/ebcdic.h"
#include "tools/ckd.h"
#include "tools/hostio.h"

#define HEADS 15

static int usage(void)
{
    fprintf(stderr, "usage: zcpmdisk create VOLUME VOLSER CYLS\n"
                    "       zcpmdisk format VOLUME START CYLS BLKSIZE\n"
                    "       zcpmdisk layout VOLUME DIRECTORY\n"
                    "       zcpmdisk ipl -l LOAD -e ENTRY VOLUME START CYLS IMAGE\n");
    return 2;
}

/* Records a 3390 track holds (IBM 3390 capacity formula, no keys). */
static uint32_t per_track(uint32_t bs)
{
    if (bs != 512 && bs != 1024 && bs != 2048 && bs != 4096)
        return 0;
    uint32_t dn = (bs + 6 + 231) / 232 + 1;
    return 1729 / (10 + 9 + (bs + 6 * dn + 33) / 34);
}

static int create(const char *path, const char *volser, uint32_t cyls)
{
    struct ckd_image img;
    if (strlen(volser) < 1 || strlen(volser) > 6 || cyls < 1) {
        fprintf(stderr, "zcpmdisk: volser must be 1-6 characters, cylinders at least 1\n");
        return 1;
    }
    if (ckd_create(&img, path, CKD_DEVTYPE_3390, cyls, CKD_3390_HEADS, CKD_3390_TRKSIZE) != CKD_OK) {
        fprintf(stderr, "zcpmdisk: %s: %s\n", path, img.err);
        return 1;
    }
    /* Track 0 as dasdinit writes it: R1 IPL1 (24 bytes), R2 IPL2 (144),
     * R3 the VOL1 label (key "VOL1", 80 bytes: VOL1, volser, blanks). */
    uint8_t key[4], vol1[80], ipl1[24] = { 0 }, ipl2[144] = { 0 };
    char label[81];
    snprintf(label, sizeof label, "VOL1%-6s%-70s", volser, "");
    for (char *p = label; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    ebcdic_from_ascii(key, "VOL1", 4);
    ebcdic_from_ascii(vol1, label, 80);
    struct ckd_rec recs[4] = {
        { 0, 0, 0, 0, 8, NULL, NULL },
        { 0, 0, 1, 0, sizeof ipl1, NULL, ipl1 },
        { 0, 0, 2, 0, sizeof ipl2, NULL, ipl2 },
        { 0, 0, 3, 4, sizeof vol1, key, vol1 },
    };
    int rc = ckd_write_track(&img, 0, 0, recs, 4);
    if (rc != CKD_OK)
        fprintf(stderr, "zcpmdisk: %s: %s\n", path, img.err);
    ckd_close(&img);
    return rc == CKD_OK ? 0 : 1;
}

static int format(struct ckd_image *img, const char *path, uint32_t start, uint32_t cyls,
                  uint32_t bs)
{
    uint32_t n = per_track(bs);
    if (!n) {
        fprintf(stderr, "zcpmdisk: block size %u is not 512, 1024, 2048 or 4096\n", bs);
        return 1;
    }
    if (start == 0 || cyls == 0 || start >= img->cyls || cyls > img->cyls - start) {
        fprintf(stderr, "zcpmdisk: %s: cylinders %u-%u are not on the volume (cylinder 0 "
                "holds the label; %u cylinders)\n", path, start, start + cyls - 1, img->cyls);
        return 1;
    }
    uint8_t *zero = calloc(1, bs);
    struct ckd_rec recs[64];
    for (uint32_t c = 0; c < cyls; c++)
        for (uint32_t h = 0; h < HEADS; h++) {
            recs[0] = (struct ckd_rec){ (uint16_t)c, (uint16_t)h, 0, 0, 8, NULL, NULL };
            for (uint32_t r = 1; r <= n; r++)
                recs[r] = (struct ckd_rec){ (uint16_t)c, (uint16_t)h, (uint8_t)r, 0,
                                            (uint16_t)bs, NULL, zero };
            if (ckd_write_track(img, start + c, h, recs, n + 1) != CKD_OK) {
                fprintf(stderr, "zcpmdisk: %s: %s\n", path, img->err);
                free(zero);
                return 1;
            }
        }
    free(zero);
    printf("zcpmdisk: %s: cylinders %u-%u formatted, %u blocks of %u bytes\n", path, start,
           start + cyls - 1, cyls * HEADS * n, bs);
    return 0;
}

static void dir_error(void *arg, int line, const char *msg)
{
    fprintf(stderr, "%s:%d: %s\n", (const char *)arg, line, msg);
}

/* Every MDISK on this volume's volser, checked against the volume and
 * each other (z/VM lets extents overlap; a test volume should not). */
static int layout(struct ckd_image *img, const char *path, const char *dirpath)
{
    uint8_t vol1[80];
    char volser[7] = "";
    if (ckd_read_record(img, 0, 0, 3, vol1, sizeof vol1, NULL, NULL) == 80) {
        ebcdic_to_ascii_buf(volser, vol1 + 4, 6);
        for (int k = 5; k >= 0 && volser[k] == ' '; k--)
            volser[k] = 0;
    }
    size_t len;
    char *text = (char *)read_file(dirpath, &len);
    static struct directory dir;
    if (!text || dir_parse(&dir, text, len, dir_error, (void *)dirpath) != 0)
        return 1;
    uint8_t *used = calloc(img->cyls, 1);
    int rc = 0, n = 0;
    for (int u = 0; u < dir.nusers && !rc; u++)
        for (int i = 0; i < dir.users[u].ndevs && !rc; i++) {
            const struct dir_dev *d = &dir.users[u].devs[i];
            if (d->kind != DIR_DEV_MDISK || d->u.mdisk.tdisk || strcmp(d->u.mdisk.volser, volser))
                continue;
            uint32_t cyls = d->u.mdisk.cyls == DIR_CYLS_END ? img->cyls - d->u.mdisk.start
                                                            : d->u.mdisk.cyls;
            /* The same extent named twice (one disk, two users) is formatted once. */
            int again = 0;
            for (int v = 0; v <= u && !again; v++)
                for (int j = 0; j < dir.users[v].ndevs && (v < u || j < i); j++) {
                    const struct dir_dev *o = &dir.users[v].devs[j];
                    again |= o->kind == DIR_DEV_MDISK && !strcmp(o->u.mdisk.volser, volser) &&
                             o->u.mdisk.start == d->u.mdisk.start && o->u.mdisk.cyls == d->u.mdisk.cyls;
                }
            if (again)
                continue;
            for (uint32_t c = d->u.mdisk.start; c < d->u.mdisk.start + cyls && c < img->cyls; c++)
                if (used[c]++) {
                    fprintf(stderr, "zcpmdisk: %s %04X overlaps another minidisk at cylinder %u\n",
                            dir.users[u].userid, d->vdev, c);
                    rc = 1;
                    break;
                }
            if (!rc)
                rc = format(img, path, d->u.mdisk.start, cyls, 4096);
            n++;
        }
    if (!rc && n == 0)
        printf("zcpmdisk: %s: no MDISK statement names volume %s\n", path, volser);
    free(used);
    free(text);
    return rc;
}

/* The IPL records for the slice's own geometry (its cylinder 0 is
 * START), count fields in its numbering, as dasdipl lays out a volume. */
static int make_ipl(struct ckd_image *img, const char *path, uint32_t start, uint32_t cyls,
                    const char *imgpath, uint32_t load, uint32_t entry)
{
    size_t len;
    uint8_t *image = read_file(imgpath, &len);
    struct dasdipl d;
    if (!image)
        return 1;
    if (start == 0 || cyls == 0 || start >= img->cyls || cyls > img->cyls - start ||
        dasdipl_build(&d, len, load, entry, cyls, HEADS) != DASDIPL_OK) {
        fprintf(stderr, "zcpmdisk: %s: cannot place a %zu-byte IPL image on cylinders %u-%u\n",
                path, len, start, start + cyls - 1);
        free(image);
        return 1;
    }
    int rc = CKD_OK;
    struct dasdipl_loc loc;
    for (size_t first = 0; first < d.nrecs && rc == CKD_OK; first += DASDIPL_RECS_PER_TRACK) {
        struct ckd_rec recs[1 + DASDIPL_RECS_PER_TRACK];
        size_t n = 1;
        dasdipl_locate(&d, first, &loc);
        recs[0] = (struct ckd_rec){ loc.cyl, loc.head, 0, 0, 8, NULL, NULL };
        for (size_t i = first; i < d.nrecs && n <= DASDIPL_RECS_PER_TRACK; i++, n++) {
            dasdipl_locate(&d, i, &loc);
            recs[n] = (struct ckd_rec){ loc.cyl, loc.head, loc.rec, 0, loc.len, NULL, image + loc.off };
        }
        rc = ckd_write_track(img, start + loc.cyl, loc.head, recs, n);
    }
    uint8_t k1[4], k2[4], k3[4], vol1[80];
    ebcdic_from_ascii(k1, "IPL1", 4);
    ebcdic_from_ascii(k2, "IPL2", 4);
    ebcdic_from_ascii(k3, "VOL1", 4);
    char label[81];
    snprintf(label, sizeof label, "VOL1MDISK %-70s", "");
    ebcdic_from_ascii(vol1, label, 80);
    const struct ckd_rec t0[] = {
        { 0, 0, 0, 0, 8, NULL, NULL },
        { 0, 0, 1, 4, DASDIPL_IPL1_LEN, k1, d.ipl1 },
        { 0, 0, 2, 4, (uint16_t)d.ipl2_len, k2, d.ipl2 },
        { 0, 0, 3, 4, 80, k3, vol1 },
    };
    if (rc == CKD_OK)
        rc = ckd_write_track(img, start, 0, t0, 4);
    if (rc != CKD_OK)
        fprintf(stderr, "zcpmdisk: %s: %s\n", path, img->err);
    else
        printf("zcpmdisk: %s: cylinders %u-%u IPL-able: %zu bytes at %#x, entry %#x\n", path, start,
               start + cyls - 1, len, load, entry);
    dasdipl_free(&d);
    free(image);
    return rc == CKD_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "ipl") == 0) {
        uint32_t load, entry, start, cyls;
        if (parse_load_entry(argc - 1, argv + 1, 4, &load, &entry) != 0)
            return usage();
        char **op = argv + 1 + optind;
        struct ckd_image img;
        if (parse_u32(op[1], &start) != 0 || parse_u32(op[2], &cyls) != 0)
            return usage();
        if (ckd_open(&img, op[0], 1) != CKD_OK) {
            fprintf(stderr, "zcpmdisk: %s: %s\n", op[0], img.err);
            return 1;
        }
        int rc = make_ipl(&img, op[0], start, cyls, op[3], load, entry);
        return ckd_close(&img) != CKD_OK ? 1 : rc;
    }
    uint32_t a = 0, b = 0, c = 0;
    if (argc == 5 && strcmp(argv[1], "create") == 0 && parse_u32(argv[4], &a) == 0)
        return create(argv[2], argv[3], a);
    int fmt = argc == 6 && strcmp(argv[1], "format") == 0 && parse_u32(argv[3], &a) == 0 &&
              parse_u32(argv[4], &b) == 0 && parse_u32(argv[5], &c) == 0;
    int lay = argc == 4 && strcmp(argv[1], "layout") == 0;
    if (!fmt && !lay)
        return usage();
    struct ckd_image img;
    if (ckd_open(&img, argv[2], 1) != CKD_OK) {
        fprintf(stderr, "zcpmdisk: %s: %s\n", argv[2], img.err);
        return 1;
    }
    int rc = fmt ? format(&img, argv[2], a, b, c) : layout(&img, argv[2], argv[3]);
    if (ckd_close(&img) != CKD_OK)
        rc = 1;
    return rc;
}
