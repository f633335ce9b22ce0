/* Hercules uncompressed CKD image files (as `dasdinit FILE 3390 VOLSER
 * NCYLS` makes them): read and write tracks and records on the host.
 *
 * File layout (Hercules hstructs.h CKDDASD_DEVHDR/TRKHDR/RECHDR): a
 * 512-byte device header, then every track at 512 + (cyl * heads + head) *
 * trksize: a 5-byte track header (bin, CC, HH), the records (8-byte count
 * field CC HH R KL DL DL, key, data; record 0 first), an 8-byte X'FF'
 * end-of-track marker, zeros to trksize.  Count fields are big-endian; the
 * header's heads, trksize and highcyl are little-endian. */
#ifndef TOOLS_CKD_H
#define TOOLS_CKD_H
#include <stddef.h>
#include <stdint.h>

#define CKD_DEVHDR_LEN   512
#define CKD_TRKHDR_LEN   5
#define CKD_COUNT_LEN    8
#define CKD_EOT_LEN      8
#define CKD_KEY_MAX      255
#define CKD_DEVTYPE_3390 0x90    /* header devtype: last two digits of the type */
#define CKD_3390_HEADS   15
#define CKD_3390_TRKSIZE 56832   /* what dasdinit uses for a 3390 */

enum {
    CKD_OK = 0,
    CKD_EOPEN = -1,     /* cannot open or create the file (errno) */
    CKD_EIO = -2,       /* read/write failed or short (errno) */
    CKD_EFORMAT = -3,   /* not an uncompressed single-file CKD image */
    CKD_ERANGE = -4,    /* cylinder/head outside the volume */
    CKD_EFULL = -5,     /* records do not fit the image's track size */
    CKD_ENOTFOUND = -6, /* no such record on the track */
    CKD_ESHORT = -7,    /* caller's buffer smaller than the record */
    CKD_ETRACK = -8,    /* track contents are malformed */
    CKD_EARG = -9,      /* bad argument */
};

struct ckd_image {
    int fd;
    uint32_t cyls, heads, trksize;
    uint8_t devtype;        /* 0x90 = 3390, 0x80 = 3380, ... */
    char err[256];          /* what went wrong, for the message */
};

/* One record: the count field's CCHHR, the key and the data.  For
 * ckd_read_track the pointers point into the caller's track buffer. */
struct ckd_rec {
    uint16_t cyl, head;
    uint8_t rec;
    uint8_t keylen;
    uint16_t datalen;
    const uint8_t *key;
    const uint8_t *data;
};

/* Open an existing image (read-write if `writable`), validate its header
 * and learn its geometry; cylinders come from the file size. */
int ckd_open(struct ckd_image *img, const char *path, int writable);

/* Create (or truncate) an image of `cyls` cylinders whose tracks hold
 * only R0 (8 zero bytes), and leave it open read-write. */
int ckd_create(struct ckd_image *img, const char *path, uint8_t devtype, uint32_t cyls,
               uint32_t heads, uint32_t trksize);

/* Bytes the records take in a track image: header, counts, keys, data, EOT. */
size_t ckd_track_bytes(const struct ckd_rec *recs, size_t n);

/* Replace track (cyl, head) with recs[0..n) in that order (record 0
 * included).  CKD_EFULL if they exceed the image's track size. */
int ckd_write_track(struct ckd_image *img, uint32_t cyl, uint32_t head,
                    const struct ckd_rec *recs, size_t n);

/* Read track (cyl, head) into buf (img->trksize bytes) and list its
 * records in order in recs[0..max); *n gets the count. */
int ckd_read_track(struct ckd_image *img, uint32_t cyl, uint32_t head, uint8_t *buf,
                   struct ckd_rec *recs, size_t max, size_t *n);

/* Read the record whose count field is (cyl, head, rec) from track (cyl,
 * head): its data into data[0..max), its key into key[0..CKD_KEY_MAX) if
 * key is not NULL.  Returns the data length, or a negative CKD_E* code. */
int ckd_read_record(struct ckd_image *img, uint32_t cyl, uint32_t head, uint8_t rec,
                    uint8_t *data, size_t max, uint8_t *key, uint8_t *keylen);

/* Close the file; CKD_EIO if closing reported an error. */
int ckd_close(struct ckd_image *img);

#endif
