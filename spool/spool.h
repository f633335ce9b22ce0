/* The spool file system: spool files with z/VM's attributes on a volume of
 * 4 KiB blocks.  Portable: it sees the volume only through struct
 * spool_bdev (a 3390 on the target, memory or a file in host tests and
 * tools).  Memory holds every file's attributes and the block chains;
 * the volume holds the truth.  On-disk format and the write ordering that
 * keeps closed files safe across crashes: spool/format.h, docs/spool.md.
 *
 * A file's life: spool_open (a spoolid, state OPEN, nothing on disk),
 * spool_write (records, buffered a block at a time), spool_close (last
 * block, then the directory entry: from now on it survives a crash), then
 * reads, attribute changes (spool_commit), and spool_purge. */
#ifndef SPOOL_SPOOL_H
#define SPOOL_SPOOL_H
#include <stdint.h>

#define SPOOL_BLKSIZE   4096
#define SPOOL_MAXID     9999            /* spoolids 1-9999, system-wide */
#define SPOOL_MAX_BLOCKS (1u << 18)     /* 1 GiB of spool */
#define SPOOL_OPEN_MAX  64              /* files being written at once */
#define SPOOL_REC_MAX   (SPOOL_BLKSIZE - 32 - 3)
#define SPOOL_NIL       0xFFFFFFFFu     /* end of a chain */

/* Errors (negative returns). */
#define SPOOL_EIO     (-1)      /* the volume failed a read or write */
#define SPOOL_EFULL   (-2)      /* no free block: spool space full */
#define SPOOL_ENOID   (-3)      /* all 9999 spoolids in use */
#define SPOOL_ENOENT  (-4)      /* no such file (or not in that state) */
#define SPOOL_EINVAL  (-5)      /* bad argument (record too long, ...) */
#define SPOOL_ENOBUF  (-6)      /* too many files open for writing */
#define SPOOL_ENOVOL  (-7)      /* no spool volume mounted */
#define SPOOL_EFORMAT (-8)      /* the volume is not a ZCP spool volume */

struct spool_bdev {
    uint32_t nblocks;
    /* 0, or -1 on an I/O error. */
    int (*read)(struct spool_bdev *b, uint32_t blk, void *buf);
    int (*write)(struct spool_bdev *b, uint32_t blk, const void *buf);
    void *ctx;
};

enum spool_queue { SQ_NONE, SQ_RDR, SQ_PRT, SQ_PUN };
enum spool_state { SF_FREE, SF_OPEN, SF_CLOSED };

/* Flags (struct spool_attr.flags). */
#define SF_HOLD     0x01        /* user hold */
#define SF_SYSHOLD  0x02        /* system hold (operator, or spool full) */
#define SF_KEEP     0x04        /* kept after it is read */
#define SF_MSG      0x08
#define SF_SEEN     0x10        /* a reader file's descriptor was read (DIAG X'14' X'0FFE') */

/* What a user or the system sees of a file.  Strings are ASCII, blank-free,
 * upper case; "" when not set. */
struct spool_attr {
    uint8_t queue;              /* enum spool_queue: where it is now */
    uint8_t origin_queue;       /* the device that made it: SQ_PUN, SQ_PRT (or SQ_RDR: real reader) */
    uint8_t flags;
    char cls;                   /* A-Z, 0-9 */
    uint8_t copies;             /* 1-255 */
    uint16_t devtype;           /* originating device type (0x2540, 0x1403, 0x3505...) */
    uint16_t origin_id;         /* spoolid at the origin (WAS nnnn) */
    char owner[9];
    char origin[9];             /* the user who created it */
    char fn[9], ft[9];
    char dist[9], form[9];
    uint64_t created;           /* TOD clock at open */
    uint32_t records;
    uint16_t maxrec;            /* longest record, bytes */
    char origin_node[9];        /* network node it came from (DIAG X'F8'); "": this system */
};

struct spoolfile {
    uint8_t state;              /* enum spool_state */
    uint8_t in_use;             /* being read (a reader, DIAG X'14') */
    uint16_t id;
    struct spool_attr a;
    uint64_t serial;            /* identity of this file's blocks on disk */
    uint32_t order;             /* queue order: smaller first */
    uint32_t first;             /* first data block, SPOOL_NIL if none */
    uint32_t nblocks;
    int wbuf;                   /* OPEN: index of its write buffer */
};

struct spool {
    struct spool_bdev *dev;
    uint32_t dir_start, dir_blocks;     /* logical directory blocks (two copies each) */
    uint32_t data_start, data_end;
    struct spoolfile files[SPOOL_MAXID + 1];     /* indexed by spoolid; [0] unused */
    uint32_t next[SPOOL_MAX_BLOCKS];    /* chain links; 0 = free block */
    uint32_t nfree;
    uint32_t alloc_cursor;
    uint16_t id_cursor;                 /* the last spoolid given */
    uint32_t order_lo, order_hi;        /* order values in use lie between */
    uint64_t last_serial;
    uint64_t dir_version[(SPOOL_MAXID + 30) / 31];
    uint32_t dir_hwm;                   /* directory blocks 0..hwm-1 may hold entries (block 0 says) */
    uint8_t dir_known[(SPOOL_MAXID + 30) / 31];  /* its version was read (warm start, or on first write) */
    uint32_t dir_reads;                 /* directory blocks read at warm start */
    struct {                            /* write buffers of OPEN files */
        uint8_t data[SPOOL_BLKSIZE];
        uint32_t blk;                   /* its block number */
        uint32_t index;                 /* block index in the file */
        uint16_t used, nrec;
        uint16_t id;                    /* 0 = free buffer */
        int full;                       /* holds a full block not yet written */
    } wb[SPOOL_OPEN_MAX];
    uint8_t io[SPOOL_BLKSIZE];
};

/* Read position in a closed file. */
struct spool_cursor {
    uint16_t id;
    uint32_t blk;               /* block in buf (SPOOL_NIL: past the end) */
    uint32_t recno;             /* records delivered so far */
    uint16_t off, left;         /* next record's offset in buf; records left in buf */
    uint8_t buf[SPOOL_BLKSIZE];
};

/* Lines about recovery for the operator. */
typedef void (*spool_report_fn)(void *arg, const char *line);

/* Write an empty spool file system on b (superblock, empty directory). */
int spool_format(struct spool_bdev *b);
/* Warm start: read the volume, rebuild the queues, check every chain; a
 * file whose blocks are damaged is dropped (reported) and its entry
 * removed.  Returns the number of files, or a negative error. */
int spool_mount(struct spool *s, struct spool_bdev *b, spool_report_fn report, void *arg);

/* A new file (state OPEN) with attributes a (records ignored); returns the
 * spoolid, or SPOOL_ENOID / SPOOL_ENOBUF / SPOOL_ENOVOL. */
int spool_open(struct spool *s, const struct spool_attr *a);
/* Append one record: the CCW command byte and the data (stored as written). */
int spool_write(struct spool *s, int id, uint8_t op, const void *data, uint16_t len);
/* Close: the data, then the directory entry, reach the volume.  After an
 * error the file is still OPEN (it may be discarded). */
int spool_close(struct spool *s, int id);
/* Drop an OPEN file; its blocks are free again. */
void spool_discard(struct spool *s, int id);
/* Remove a CLOSED file (entry first, then its blocks are reused). */
int spool_purge(struct spool *s, int id);
/* Write a CLOSED file's changed attributes (queue, owner, class, order...). */
int spool_commit(struct spool *s, int id);
/* Put the files ids[0..n) first in their queue, in that order. */
int spool_order_first(struct spool *s, const int *ids, int n);

struct spoolfile *spool_file(struct spool *s, int id);
/* The next CLOSED file after order `after` (0 = from the start) in queue q
 * owned by owner (NULL: any), in queue order; NULL at the end. */
struct spoolfile *spool_next_in_queue(struct spool *s, int q, const char *owner, uint32_t after);
uint32_t spool_free_blocks(const struct spool *s);
uint32_t spool_total_blocks(const struct spool *s);

/* Reading a CLOSED file: spool_read gives the next record (returns its
 * length, 0..; *op the command byte) or SPOOL_ENOENT at the end. */
int spool_read_open(struct spool *s, int id, struct spool_cursor *c);
int spool_read(struct spool *s, struct spool_cursor *c, uint8_t *op, void *data, uint16_t max);
/* The next record's length and command byte without taking it
 * (SPOOL_ENOENT at the end). */
int spool_peek(struct spool *s, struct spool_cursor *c, uint8_t *op);
/* The next record in place: its length (*data points into the cursor's
 * buffer, valid until the cursor moves), or SPOOL_ENOENT at the end;
 * spool_consume(c, len) then takes it. */
int spool_peek_ref(struct spool *s, struct spool_cursor *c, uint8_t *op, const uint8_t **data);
static inline void spool_consume(struct spool_cursor *c, uint16_t len)
{
    c->off = (uint16_t)(c->off + 3 + len);
    c->left--;
    c->recno++;
}
/* The records still in the cursor's block, in place (the next block is
 * loaded when this one is used up): returns how many (at least 1), *rec the
 * first (command byte, 2-byte length, data, then the next record; the caller
 * checks each length against the block as spool_peek does), SPOOL_ENOENT at
 * the end, or an error.  spool_consume takes them one by one.  For a loop
 * over many records (DIAG X'14' buffers): one call a block, not a record. */
int spool_block_ref(struct spool *s, struct spool_cursor *c, const uint8_t **rec);
/* Position at record n (0 = start). */
int spool_read_seek(struct spool *s, struct spool_cursor *c, uint32_t n);
#endif
