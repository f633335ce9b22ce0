/* cmsfs: a CMS-style file system on a minidisk of 4096-byte blocks.
 *
 * Portable C: the CMS guest runs it over DIAG X'250' (cms-guest/disk.c),
 * tools/main_cmsdisk.c over a 3390 image, tests/unit/test_cmsfs.c over
 * memory.  Blocks are numbered from 1 as DIAG X'250' numbers them.  The
 * layout (docs/cms.md):
 *   block 3        label: X'C3D4E2F1' ("CMS1" in EBCDIC), volume label,
 *                  block size, block count, bitmap and directory blocks
 *   block 4        allocation bitmap (bit k-1 = block k in use)
 *   blocks 5-20    directory: 64-byte entries, 1024 files
 *   the rest       pointer blocks and data blocks of files
 * Blocks 1-2 are left alone (IPL records on a real CMS disk).
 * A file: a chain of pointer blocks (1023 data block numbers and the next
 * pointer block), its records packed as a byte stream: RECFM F records of
 * LRECL bytes, RECFM V records each after a 2-byte length. */
#ifndef CMSFS_H
#define CMSFS_H
#include <stdint.h>
#include <stddef.h>

#define CMSFS_BS        4096
#define CMSFS_LABEL_BLK 3
#define CMSFS_MAP_BLK   4
#define CMSFS_DIR_BLK   5
#define CMSFS_DIR_BLKS  16
#define CMSFS_ENTLEN    64
#define CMSFS_MAXFILES  (CMSFS_DIR_BLKS * CMSFS_BS / CMSFS_ENTLEN)
#define CMSFS_MAXBLKS   (CMSFS_BS * 8)          /* one bitmap block */
#define CMSFS_PTRS      (CMSFS_BS / 4 - 1)      /* data blocks a pointer block lists */
#define CMSFS_MAXLRECL  65535

enum {
    CMSFS_OK = 0,
    CMSFS_ENOTFOUND = -1,   /* no such file */
    CMSFS_EEXIST = -2,      /* the new name exists */
    CMSFS_EFULL = -3,       /* no free block */
    CMSFS_EDIRFULL = -4,    /* no free directory entry */
    CMSFS_EIO = -5,         /* the device failed */
    CMSFS_ERO = -6,         /* read-only disk */
    CMSFS_ENOTCMS = -7,     /* no CMS label */
    CMSFS_EINVAL = -8,      /* bad name, RECFM or LRECL */
    CMSFS_ELRECL = -9,      /* record longer than LRECL */
    CMSFS_ESMALL = -10,     /* the disk is too small (or too big) */
    CMSFS_EOF = -11,        /* no more records */
};

struct cmsfs_dev {
    void *ctx;
    uint32_t nblocks;       /* blocks 1..nblocks */
    int readonly;
    int (*read)(void *ctx, uint32_t blk, void *buf);          /* 0 or -1 */
    int (*write)(void *ctx, uint32_t blk, const void *buf);
};

struct cmsfs_file {
    char fn[9], ft[9];      /* upper case, no blanks */
    char recfm;             /* 'F' or 'V' */
    uint8_t used;
    uint32_t lrecl, nrecs, nbytes, nblocks, ptr, date, time;   /* date yyyymmdd, time hhmmss */
};

struct cmsfs {
    struct cmsfs_dev *dev;
    char label[7];
    uint32_t nblocks, created;
    uint32_t nfiles, used;  /* files, blocks in use */
    uint8_t map[CMSFS_BS];
    uint8_t dirty[CMSFS_DIR_BLKS];
    struct cmsfs_file dir[CMSFS_MAXFILES];
};

struct cmsfs_reader {
    struct cmsfs *fs;
    struct cmsfs_file f;
    uint32_t pos, recno;
    uint32_t ptrblk, ptrbase;   /* loaded pointer block and its first data index */
    int32_t datak;              /* index of the loaded data block, -1 none */
    uint8_t ptr[CMSFS_BS], data[CMSFS_BS];
};

struct cmsfs_writer {
    struct cmsfs *fs;
    struct cmsfs_file f;
    uint32_t ptrblk, nptr, datan;
    int err;
    uint8_t ptr[CMSFS_BS], data[CMSFS_BS];
};

/* Names: 1-8 characters A-Z 0-9 $ # @ + - : _ ; upper-cased into out. */
int cmsfs_name(const char *in, char out[9]);
/* Pattern match: * any string, % one character. */
int cmsfs_match(const char *pat, const char *name);

int cmsfs_format(struct cmsfs_dev *dev, const char *label, uint32_t date);
int cmsfs_mount(struct cmsfs *fs, struct cmsfs_dev *dev);
int cmsfs_lookup(struct cmsfs *fs, const char *fn, const char *ft);
int cmsfs_erase(struct cmsfs *fs, int idx);
int cmsfs_rename(struct cmsfs *fs, int idx, const char *fn, const char *ft);
int cmsfs_flush(struct cmsfs *fs);

int cmsfs_open(struct cmsfs *fs, int idx, struct cmsfs_reader *r);
/* The next record into buf (at most size bytes kept): its length, or
 * CMSFS_EOF, or an error. */
int cmsfs_get(struct cmsfs_reader *r, void *buf, uint32_t size);

/* A new file (replacing one of the same name on commit).  LRECL for
 * RECFM V is the longest record written. */
int cmsfs_create(struct cmsfs *fs, struct cmsfs_writer *w, const char *fn, const char *ft,
                 char recfm, uint32_t lrecl);
int cmsfs_put(struct cmsfs_writer *w, const void *rec, uint32_t len);
int cmsfs_commit(struct cmsfs_writer *w, uint32_t date, uint32_t time);
void cmsfs_abort(struct cmsfs_writer *w);

const char *cmsfs_strerror(int err);
#endif
