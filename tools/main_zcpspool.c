/* zcpspool: the spool volume from the host, while ZCP is down.
 *   zcpspool format VOLUME          make a dasdinit-made 3390 a spool volume
 *   zcpspool list VOLUME            one line a spool file
 *   zcpspool load VOLUME USERID FILE [FN FT]   a text file as cards, into
 *                                   USERID's reader (class A)
 *   zcpspool dump VOLUME SPOOLID OUT           a file's records as text lines
 * Layout: spool/volume.h; the file system: spool/spool.h, docs/spool.md.
 * Exit codes: 0 done, 1 error, 2 usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lib/ebcdic.h"
#include "spool/spool.h"
#include "spool/volume.h"
#include "tools/ckd.h"

static struct ckd_image img;
static struct spool sp;
static uint8_t track[CKD_3390_TRKSIZE * 2];

static int vol_read(struct spool_bdev *b, uint32_t blk, void *buf)
{
    struct spool_chr a = spool_block_chr(img.heads, blk);
    return ckd_read_record(&img, a.cyl, a.head, a.rec, buf, SPOOL_BLKSIZE, NULL, NULL) ==
           SPOOL_BLKSIZE ? 0 : -1;
}

/* Replace one record's data: read the track, swap the data, write it back. */
static int vol_write(struct spool_bdev *b, uint32_t blk, const void *buf)
{
    struct spool_chr a = spool_block_chr(img.heads, blk);
    struct ckd_rec recs[1 + SPOOL_RECS_PER_TRACK];
    size_t n;
    if (img.trksize > sizeof track ||
        ckd_read_track(&img, a.cyl, a.head, track, recs, 1 + SPOOL_RECS_PER_TRACK, &n) != CKD_OK ||
        n != 1 + SPOOL_RECS_PER_TRACK || recs[a.rec].datalen != SPOOL_BLKSIZE)
        return -1;
    static uint8_t copy[SPOOL_BLKSIZE];
    memcpy(copy, buf, SPOOL_BLKSIZE);
    recs[a.rec].data = copy;
    return ckd_write_track(&img, a.cyl, a.head, recs, n) == CKD_OK ? 0 : -1;
}

static struct spool_bdev bdev = { 0, vol_read, vol_write, 0 };

static int open_volume(const char *path)
{
    if (ckd_open(&img, path, 1) != CKD_OK) {
        fprintf(stderr, "zcpspool: %s: %s\n", path, img.err);
        return -1;
    }
    bdev.nblocks = spool_volume_blocks(img.cyls, img.heads);
    return 0;
}

static void report(void *arg, const char *line)
{
    fprintf(stderr, "zcpspool: %s\n", line);
}

static int mount(const char *path)
{
    if (open_volume(path))
        return -1;
    int rc = spool_mount(&sp, &bdev, report, 0);
    if (rc < 0)
        fprintf(stderr, "zcpspool: %s is not a usable spool volume (error %d); format it\n", path, rc);
    return rc;
}

static int cmd_format(const char *path)
{
    if (open_volume(path))
        return 1;
    static const uint8_t r0[8], zero[SPOOL_BLKSIZE];
    for (uint32_t c = 1; c < img.cyls; c++)
        for (uint32_t h = 0; h < img.heads; h++) {
            struct ckd_rec recs[1 + SPOOL_RECS_PER_TRACK];
            recs[0] = (struct ckd_rec){ (uint16_t)c, (uint16_t)h, 0, 0, 8, 0, r0 };
            for (int r = 1; r <= SPOOL_RECS_PER_TRACK; r++)
                recs[r] = (struct ckd_rec){ (uint16_t)c, (uint16_t)h, (uint8_t)r, 0, SPOOL_BLKSIZE, 0, zero };
            if (ckd_write_track(&img, c, h, recs, 1 + SPOOL_RECS_PER_TRACK) != CKD_OK) {
                fprintf(stderr, "zcpspool: %s: %s\n", path, img.err);
                return 1;
            }
        }
    int rc = spool_format(&bdev);
    if (rc) {
        fprintf(stderr, "zcpspool: %s: cannot format (%u blocks; error %d)\n", path, bdev.nblocks, rc);
        return 1;
    }
    printf("zcpspool: %s: spool volume of %u blocks (%u for files)\n", path, bdev.nblocks,
           bdev.nblocks - 1 - 2 * ((SPOOL_MAXID + 30) / 31));
    return ckd_close(&img) == CKD_OK ? 0 : 1;
}

static const char *qname(int q)
{
    return q == SQ_RDR ? "RDR" : q == SQ_PRT ? "PRT" : q == SQ_PUN ? "PUN" : "---";
}

static int cmd_list(const char *path)
{
    if (mount(path) < 0)
        return 1;
    printf("QUEUE ID   OWNER    ORIGIN   CL RECORDS FILENAME FILETYPE\n");
    for (int q = SQ_RDR; q <= SQ_PUN; q++)
        for (struct spoolfile *f = spool_next_in_queue(&sp, q, 0, 0); f;
             f = spool_next_in_queue(&sp, q, 0, f->order))
            printf("%s   %04d %-8s %-8s %c  %7u %-8s %-8s\n", qname(q), f->id, f->a.owner,
                   f->a.origin, f->a.cls, f->a.records, f->a.fn, f->a.ft);
    return 0;
}

static void upper8(char *dst, const char *src)
{
    int i = 0;
    for (; i < 8 && src[i]; i++)
        dst[i] = (char)(src[i] >= 'a' && src[i] <= 'z' ? src[i] - 32 : src[i]);
    dst[i] = 0;
}

static int cmd_load(const char *path, const char *userid, const char *file, const char *fn, const char *ft)
{
    FILE *in = fopen(file, "r");
    if (!in) {
        perror(file);
        return 1;
    }
    if (mount(path) < 0)
        return 1;
    struct spool_attr a;
    memset(&a, 0, sizeof a);
    a.queue = SQ_RDR;
    a.origin_queue = SQ_RDR;
    a.cls = 'A';
    a.copies = 1;
    a.devtype = 0x3505;
    upper8(a.owner, userid);
    upper8(a.origin, "SYSTEM");
    upper8(a.fn, fn ? fn : "");
    upper8(a.ft, ft ? ft : "");
    a.created = ((uint64_t)time(0) + 2208988800ULL) * 1000000ULL << 12;
    int id = spool_open(&sp, &a);
    if (id < 0) {
        fprintf(stderr, "zcpspool: cannot open a spool file (error %d)\n", id);
        return 1;
    }
    char line[256];
    while (fgets(line, sizeof line, in)) {
        char cardtext[81];
        size_t n = strcspn(line, "\r\n");
        memset(cardtext, ' ', 80);
        memcpy(cardtext, line, n < 80 ? n : 80);
        uint8_t card[80];
        ebcdic_from_ascii(card, cardtext, 80);
        int rc = spool_write(&sp, id, 0x01, card, 80);
        if (rc) {
            fprintf(stderr, "zcpspool: write failed (error %d%s)\n", rc,
                    rc == SPOOL_EFULL ? ": spool volume full" : "");
            spool_discard(&sp, id);
            return 1;
        }
    }
    fclose(in);
    if (spool_close(&sp, id)) {
        fprintf(stderr, "zcpspool: close failed\n");
        return 1;
    }
    printf("RDR FILE %04d TO %s RECS %04u\n", id, a.owner, sp.files[id].a.records);
    return ckd_close(&img) == CKD_OK ? 0 : 1;
}

static int cmd_dump(const char *path, const char *idtext, const char *out)
{
    if (mount(path) < 0)
        return 1;
    int id = atoi(idtext);
    static struct spool_cursor c;
    if (spool_read_open(&sp, id, &c)) {
        fprintf(stderr, "zcpspool: no spool file %s\n", idtext);
        return 1;
    }
    FILE *o = fopen(out, "w");
    if (!o) {
        perror(out);
        return 1;
    }
    uint8_t rec[SPOOL_BLKSIZE], op;
    int len;
    while ((len = spool_read(&sp, &c, &op, rec, sizeof rec)) >= 0) {
        char text[SPOOL_BLKSIZE + 1];
        ebcdic_to_ascii_buf(text, rec, (size_t)len);
        while (len > 0 && text[len - 1] == ' ')
            len--;
        text[len] = 0;
        int printer = sp.files[id].a.origin_queue == SQ_PRT;
        if (!printer || (op & 0x03) == 0x01)
            fprintf(o, "%s\n", text);
        if (printer && (op & 0xF8) == 0x88)       /* skip to channel 1: a new page */
            fputc('\f', o);
    }
    fclose(o);
    return len == SPOOL_ENOENT ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "format") == 0)
        return cmd_format(argv[2]);
    if (argc == 3 && strcmp(argv[1], "list") == 0)
        return cmd_list(argv[2]);
    if ((argc == 5 || argc == 7) && strcmp(argv[1], "load") == 0)
        return cmd_load(argv[2], argv[3], argv[4], argc == 7 ? argv[5] : 0, argc == 7 ? argv[6] : 0);
    if (argc == 5 && strcmp(argv[1], "dump") == 0)
        return cmd_dump(argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: zcpspool format VOLUME | list VOLUME | load VOLUME USERID FILE [FN FT]"
            " | dump VOLUME SPOOLID OUT\n");
    return 2;
}
