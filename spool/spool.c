/* Spool files on a block device: allocation, records, the directory and
 * warm start.  Format and ordering: spool/format.h, docs/spool.md.  The
 * rule that keeps closed files safe: a block is reused only after the
 * directory entry naming it is gone from the volume, and an entry reaches
 * the volume only after every block it names. */
#include "spool/spool.h"
#include "spool/format.h"
#include "lib/be.h"
#include "lib/crc32.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/str.h"

static const char SB_MAGIC[] = "ZCPSPOOL";

/* ---- encoding helpers ------------------------------------------------------ */
static void put_text(uint8_t *dst, const char *s, int n)
{
    char pad[9];
    int len = (int)strlen(s);
    for (int i = 0; i < n; i++)
        pad[i] = i < len ? s[i] : ' ';
    ebcdic_from_ascii(dst, pad, (size_t)n);
}

static void get_text(char *dst, const uint8_t *src, int n)
{
    ebcdic_to_ascii_buf(dst, src, (size_t)n);
    dst[n] = 0;
    for (int i = n - 1; i >= 0 && (dst[i] == ' ' || dst[i] == 0); i--)
        dst[i] = 0;
}

static int magic_is(const uint8_t *p, const char *m)
{
    uint8_t e[8];
    size_t n = strlen(m);
    ebcdic_from_ascii(e, m, n);
    return memcmp(p, e, n) == 0;
}

/* CRC of a block with its 4-byte CRC field at `at` taken as zero. */
static uint32_t block_crc(const uint8_t *b, int at)
{
    static const uint8_t zero[4];
    uint32_t c = crc32_update(0, b, (size_t)at);
    c = crc32_update(c, zero, 4);
    return crc32_update(c, b + at + 4, (size_t)(SPOOL_BLKSIZE - at - 4));
}

/* ---- superblock and format --------------------------------------------------------- */
int spool_format(struct spool_bdev *b)
{
    static uint8_t blk[SPOOL_BLKSIZE];
    if (b->nblocks < SPF_DATA_START + 1)
        return SPOOL_EINVAL;
    memset(blk, 0, sizeof blk);
    ebcdic_from_ascii(blk, SB_MAGIC, 8);
    be32_put(blk + 8, SPF_VERSION);
    be32_put(blk + 12, b->nblocks);
    be32_put(blk + 16, SPF_DIR_START);
    be32_put(blk + 20, SPF_DIR_BLOCKS);
    be32_put(blk + 24, SPF_DATA_START);
    be32_put(blk + 28, crc32_update(0, blk, 28));
    if (b->write(b, 0, blk))
        return SPOOL_EIO;
    /* Every directory block: an empty copy 0 at version 0, copy 1 invalid. */
    for (uint32_t l = 0; l < SPF_DIR_BLOCKS; l++) {
        memset(blk, 0, sizeof blk);
        if (b->write(b, SPF_DIR_START + 2 * l + 1, blk))
            return SPOOL_EIO;
        ebcdic_from_ascii(blk, "SPDR", 4);
        be32_put(blk + 4, l);
        if (l == 0)
            be32_put(blk + 20, 1);          /* high-water mark: no entries yet */
        be32_put(blk + 16, block_crc(blk, 16));
        if (b->write(b, SPF_DIR_START + 2 * l, blk))
            return SPOOL_EIO;
    }
    return 0;
}

/* ---- blocks ------------------------------------------------------------------------- */
static uint32_t block_alloc(struct spool *s)
{
    if (!s->nfree)
        return SPOOL_NIL;
    uint32_t n = s->data_end - s->data_start;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t b = s->data_start + (s->alloc_cursor + k) % n;
        if (!s->next[b]) {
            s->next[b] = SPOOL_NIL;
            s->nfree--;
            s->alloc_cursor = (b - s->data_start + 1) % n;
            return b;
        }
    }
    return SPOOL_NIL;
}

static void chain_free(struct spool *s, uint32_t b)
{
    while (b != SPOOL_NIL && b >= s->data_start && b < s->data_end && s->next[b]) {
        uint32_t n = s->next[b];
        s->next[b] = 0;
        s->nfree++;
        b = n;
    }
}

/* Read data block blk of file f into buf and check it is that file's
 * block number `index`. */
static int data_load(struct spool *s, const struct spoolfile *f, uint32_t blk, uint32_t index,
                     uint8_t *buf)
{
    if (s->dev->read(s->dev, blk, buf))
        return SPOOL_EIO;
    if (!magic_is(buf, "SPDB") || be32_get(buf + 24) != block_crc(buf, 24) ||
        be64_get(buf + 4) != f->serial || be32_get(buf + 12) != index ||
        be16_get(buf + 22) > SPOOL_BLKSIZE - SPF_HDR_LEN)
        return SPOOL_EFORMAT;
    return 0;
}

/* ---- the directory ------------------------------------------------------------------ */
static void entry_put(uint8_t *e, const struct spoolfile *f)
{
    const struct spool_attr *a = &f->a;
    be16_put(e, f->id);
    e[2] = a->queue;
    e[3] = a->flags;
    e[4] = ascii_to_ebcdic[(uint8_t)a->cls];
    e[5] = a->copies;
    be16_put(e + 6, a->devtype);
    put_text(e + 8, a->owner, 8);
    put_text(e + 16, a->origin, 8);
    put_text(e + 24, a->fn, 8);
    put_text(e + 32, a->ft, 8);
    put_text(e + 40, a->dist, 8);
    put_text(e + 48, a->form, 8);
    be64_put(e + 56, a->created);
    be64_put(e + 64, f->serial);
    be32_put(e + 72, a->records);
    be32_put(e + 76, f->first);
    be32_put(e + 80, f->nblocks);
    be32_put(e + 84, f->order);
    be16_put(e + 88, a->maxrec);
    be16_put(e + 90, a->origin_id);
    e[92] = a->origin_queue;
    if (a->origin_node[0])
        put_text(e + 96, a->origin_node, 8);
}

static void entry_get(const uint8_t *e, struct spoolfile *f)
{
    struct spool_attr *a = &f->a;
    memset(f, 0, sizeof *f);
    f->id = be16_get(e);
    a->queue = e[2];
    a->flags = e[3];
    a->cls = (char)ebcdic_to_ascii[e[4]];
    a->copies = e[5];
    a->devtype = be16_get(e + 6);
    get_text(a->owner, e + 8, 8);
    get_text(a->origin, e + 16, 8);
    get_text(a->fn, e + 24, 8);
    get_text(a->ft, e + 32, 8);
    get_text(a->dist, e + 40, 8);
    get_text(a->form, e + 48, 8);
    a->created = be64_get(e + 56);
    f->serial = be64_get(e + 64);
    a->records = be32_get(e + 72);
    f->first = be32_get(e + 76);
    f->nblocks = be32_get(e + 80);
    f->order = be32_get(e + 84);
    a->maxrec = be16_get(e + 88);
    a->origin_id = be16_get(e + 90);
    a->origin_queue = e[92];
    get_text(a->origin_node, e + 96, 8);
    f->state = SF_CLOSED;
}

/* Write logical directory block l from memory into the copy that does not
 * hold the newest version. */
static int64_t dir_read(struct spool *s, uint32_t l);

static int dir_write(struct spool *s, uint32_t l)
{
    if (l >= s->dir_hwm) {              /* the mark first: block 0 records it */
        uint32_t old = s->dir_hwm;
        s->dir_hwm = l + 1;
        if (dir_write(s, 0)) {
            s->dir_hwm = old;
            return SPOOL_EIO;
        }
    }
    if (!s->dir_known[l]) {             /* past the mark at warm start: learn its version */
        int64_t v = dir_read(s, l);
        s->dir_version[l] = v < 0 ? 0 : (uint64_t)v;
        s->dir_known[l] = 1;
    }
    uint8_t *b = s->io;
    memset(b, 0, SPOOL_BLKSIZE);
    ebcdic_from_ascii(b, "SPDR", 4);
    be32_put(b + 4, l);
    if (l == 0)
        be32_put(b + 20, s->dir_hwm);
    uint64_t v = s->dir_version[l] + 1;
    be64_put(b + 8, v);
    for (int i = 0; i < SPF_DIR_SLOTS; i++) {
        uint32_t id = l * SPF_DIR_SLOTS + (uint32_t)i + 1;
        if (id <= SPOOL_MAXID && s->files[id].state == SF_CLOSED)
            entry_put(b + SPF_HDR_LEN + i * SPF_ENTRY_LEN, &s->files[id]);
    }
    be32_put(b + 16, block_crc(b, 16));
    if (s->dev->write(s->dev, s->dir_start + 2 * l + (uint32_t)(v & 1), b))
        return SPOOL_EIO;
    s->dir_version[l] = v;
    return 0;
}

static uint32_t dir_of(int id)
{
    return (uint32_t)(id - 1) / SPF_DIR_SLOTS;
}

/* The newest valid copy of logical block l into s->io; its version, or -1. */
static int64_t dir_read(struct spool *s, uint32_t l)
{
    static uint8_t other[SPOOL_BLKSIZE];
    int64_t best = -1;
    for (uint32_t c = 0; c < 2; c++) {
        uint8_t *b = c ? other : s->io;
        if (s->dev->read(s->dev, s->dir_start + 2 * l + c, b))
            continue;
        if (!magic_is(b, "SPDR") || be32_get(b + 4) != l || be32_get(b + 16) != block_crc(b, 16) ||
            (be64_get(b + 8) & 1) != c)
            continue;
        int64_t v = (int64_t)be64_get(b + 8);
        if (v > best) {
            best = v;
            if (c)
                memcpy(s->io, other, SPOOL_BLKSIZE);
        }
    }
    return best;
}

/* ---- warm start ------------------------------------------------------------------- */
static void say(spool_report_fn report, void *arg, const char *f, int id, const char *owner,
                const char *why)
{
    char line[160];
    fmt(line, sizeof line, f, id, owner, why);
    if (report)
        report(arg, line);
}

/* Give back the first n blocks of f's chain that chain_walk claimed. */
static void chain_unclaim(struct spool *s, const struct spoolfile *f, uint32_t n)
{
    for (uint32_t b = f->first; n--;) {
        uint32_t next = s->next[b];
        s->next[b] = 0;
        b = next;
    }
}

/* Follow f's chain, checking every block and claiming it; on a fault,
 * give back what was claimed and say why. */
static const char *chain_check(struct spool *s, struct spoolfile *f)
{
    uint32_t b = f->first, n = 0, recs = 0;
    uint8_t *buf = s->io;
    const char *why = 0;
    while (b != SPOOL_NIL && !why) {
        int rc;
        if (b < s->data_start || b >= s->data_end || s->next[b] || n >= f->nblocks)
            why = "its block chain is broken";
        else if ((rc = data_load(s, f, b, n, buf)) != 0)
            why = rc == SPOOL_EIO ? "a block cannot be read" : "a block is damaged";
        else {
            recs += be16_get(buf + 20);
            s->next[b] = be32_get(buf + 16);
            b = s->next[b];
            n++;
        }
    }
    if (!why && (n != f->nblocks || recs != f->a.records))
        why = "it is incomplete";
    if (why)
        chain_unclaim(s, f, n);
    return why;
}

int spool_mount(struct spool *s, struct spool_bdev *b, spool_report_fn report, void *arg)
{
    memset(s, 0, sizeof *s);
    uint8_t *sb = s->io;
    if (b->read(b, 0, sb))
        return SPOOL_EIO;
    if (!magic_is(sb, SB_MAGIC) || be32_get(sb + 28) != crc32_update(0, sb, 28) ||
        be32_get(sb + 8) != SPF_VERSION || be32_get(sb + 12) > b->nblocks ||
        be32_get(sb + 20) != SPF_DIR_BLOCKS)
        return SPOOL_EFORMAT;
    s->dev = b;
    s->dir_start = be32_get(sb + 16);
    s->dir_blocks = be32_get(sb + 20);
    s->data_start = be32_get(sb + 24);
    s->data_end = be32_get(sb + 12) < SPOOL_MAX_BLOCKS ? be32_get(sb + 12) : SPOOL_MAX_BLOCKS;
    s->order_lo = s->order_hi = 0x80000000u;

    static uint8_t dirty[SPF_DIR_BLOCKS];
    memset(dirty, 0, sizeof dirty);
    /* Block 0 holds the high-water mark: read only the blocks below it. */
    uint32_t stored = dir_read(s, 0) >= 0 ? be32_get(s->io + 20) : 0;
    uint32_t hwm = stored >= 1 && stored <= s->dir_blocks ? stored : s->dir_blocks;
    s->dir_hwm = hwm;
    s->dir_reads = hwm + 1;
    for (uint32_t l = 0; l < hwm; l++) {
        s->dir_known[l] = 1;
        int64_t v = dir_read(s, l);
        if (v < 0) {
            say(report, arg, "HCPWRS9211W Spool directory block %d is unreadable%s%s; its files are lost",
                (int)l, "", "");
            dirty[l] = 1;
            continue;
        }
        s->dir_version[l] = (uint64_t)v;
        for (int i = 0; i < SPF_DIR_SLOTS; i++) {
            const uint8_t *e = s->io + SPF_HDR_LEN + i * SPF_ENTRY_LEN;
            int id = (int)(l * SPF_DIR_SLOTS) + i + 1;
            if (be16_get(e) == 0)
                continue;
            if (be16_get(e) != id || id > SPOOL_MAXID) {
                dirty[l] = 1;
                continue;
            }
            entry_get(e, &s->files[id]);
        }
    }
    int count = 0;
    uint64_t newest = 0;
    for (int id = 1; id <= SPOOL_MAXID; id++) {
        struct spoolfile *f = &s->files[id];
        if (f->state != SF_CLOSED)
            continue;
        const char *why = chain_check(s, f);
        if (why) {
            say(report, arg, "HCPWRS9210W Spool file %04d of %s is lost: %s", id, f->a.owner, why);
            f->state = SF_FREE;
            dirty[dir_of(id)] = 1;
            continue;
        }
        count++;
        if (f->serial > newest) {
            newest = f->serial;
            s->id_cursor = (uint16_t)id;
        }
        if (f->serial > s->last_serial)
            s->last_serial = f->serial;
        if (f->order < s->order_lo)
            s->order_lo = f->order;
        if (f->order > s->order_hi)
            s->order_hi = f->order;
    }
    for (uint32_t l = 0; l < hwm; l++)
        if (dirty[l] && dir_write(s, l))
            return SPOOL_EIO;
    /* Lower the mark to the last block in use (0, or an old volume's
     * unknown mark, becomes known this way too). */
    uint32_t used = 1;
    for (int id = SPOOL_MAXID; id >= 1; id--)
        if (s->files[id].state == SF_CLOSED) {
            used = dir_of(id) + 1;
            break;
        }
    if (used < hwm || stored != hwm) {
        s->dir_hwm = used < hwm ? used : hwm;
        if (dir_write(s, 0))
            return SPOOL_EIO;
    }
    for (uint32_t bl = s->data_start; bl < s->data_end; bl++)
        s->nfree += !s->next[bl];
    return count;
}

/* ---- files -------------------------------------------------------------------------- */
struct spoolfile *spool_file(struct spool *s, int id)
{
    if (id < 1 || id > SPOOL_MAXID || s->files[id].state == SF_FREE)
        return 0;
    return &s->files[id];
}

int spool_open(struct spool *s, const struct spool_attr *a)
{
    if (!s->dev)
        return SPOOL_ENOVOL;
    int w = -1;
    for (int i = 0; i < SPOOL_OPEN_MAX && w < 0; i++)
        if (!s->wb[i].id)
            w = i;
    if (w < 0)
        return SPOOL_ENOBUF;
    for (int k = 1; k <= SPOOL_MAXID; k++) {
        int id = (s->id_cursor + k - 1) % SPOOL_MAXID + 1;
        struct spoolfile *f = &s->files[id];
        if (f->state != SF_FREE)
            continue;
        memset(f, 0, sizeof *f);
        f->id = (uint16_t)id;
        f->a = *a;
        f->a.records = 0;
        f->a.maxrec = 0;
        f->serial = a->created > s->last_serial ? a->created : s->last_serial + 1;
        s->last_serial = f->serial;
        f->first = SPOOL_NIL;
        f->wbuf = w;
        f->state = SF_OPEN;
        s->wb[w].id = (uint16_t)id;
        s->wb[w].blk = SPOOL_NIL;
        s->id_cursor = (uint16_t)id;
        return id;
    }
    return SPOOL_ENOID;
}

static struct spoolfile *open_file(struct spool *s, int id)
{
    struct spoolfile *f = spool_file(s, id);
    return f && f->state == SF_OPEN ? f : 0;
}

/* Write the buffered block with its link. */
static int wb_flush(struct spool *s, struct spoolfile *f, uint32_t next)
{
    typeof(s->wb[0]) *w = &s->wb[f->wbuf];
    uint8_t *b = w->data;
    memset(b, 0, SPF_HDR_LEN);
    ebcdic_from_ascii(b, "SPDB", 4);
    be64_put(b + 4, f->serial);
    be32_put(b + 12, w->index);
    be32_put(b + 16, next);
    be16_put(b + 20, w->nrec);
    be16_put(b + 22, w->used);
    memset(b + SPF_HDR_LEN + w->used, 0, (size_t)(SPOOL_BLKSIZE - SPF_HDR_LEN - w->used));
    be32_put(b + 24, block_crc(b, 24));
    return s->dev->write(s->dev, w->blk, b) ? SPOOL_EIO : 0;
}

int spool_write(struct spool *s, int id, uint8_t op, const void *data, uint16_t len)
{
    struct spoolfile *f = open_file(s, id);
    if (!f)
        return SPOOL_ENOENT;
    if (len > SPOOL_REC_MAX)
        return SPOOL_EINVAL;
    typeof(s->wb[0]) *w = &s->wb[f->wbuf];
    if (w->blk == SPOOL_NIL) {
        uint32_t b = block_alloc(s);
        if (b == SPOOL_NIL)
            return SPOOL_EFULL;
        w->blk = f->first = b;
        w->index = 0;
        w->used = w->nrec = 0;
        f->nblocks = 1;
    } else if (SPF_HDR_LEN + w->used + 3 + len > SPOOL_BLKSIZE) {
        uint32_t b = block_alloc(s);
        if (b == SPOOL_NIL)
            return SPOOL_EFULL;
        if (wb_flush(s, f, b)) {
            s->next[b] = 0;
            s->nfree++;
            return SPOOL_EIO;
        }
        s->next[w->blk] = b;
        w->blk = b;
        w->index++;
        w->used = w->nrec = 0;
        f->nblocks++;
    }
    uint8_t *p = w->data + SPF_HDR_LEN + w->used;
    p[0] = op;
    be16_put(p + 1, len);
    memcpy(p + 3, data, len);
    w->used = (uint16_t)(w->used + 3 + len);
    w->nrec++;
    f->a.records++;
    if (len > f->a.maxrec)
        f->a.maxrec = len;
    return 0;
}

int spool_close(struct spool *s, int id)
{
    struct spoolfile *f = open_file(s, id);
    if (!f)
        return SPOOL_ENOENT;
    typeof(s->wb[0]) *w = &s->wb[f->wbuf];
    if (w->blk != SPOOL_NIL && wb_flush(s, f, SPOOL_NIL))
        return SPOOL_EIO;
    f->state = SF_CLOSED;
    uint32_t old_order = f->order;
    f->order = ++s->order_hi;
    if (dir_write(s, dir_of(id))) {
        f->state = SF_OPEN;
        f->order = old_order;
        s->order_hi--;
        return SPOOL_EIO;
    }
    w->id = 0;
    return 0;
}

void spool_discard(struct spool *s, int id)
{
    struct spoolfile *f = open_file(s, id);
    if (!f)
        return;
    chain_free(s, f->first);
    s->wb[f->wbuf].id = 0;
    memset(f, 0, sizeof *f);
}

int spool_purge(struct spool *s, int id)
{
    struct spoolfile *f = spool_file(s, id);
    if (!f || f->state != SF_CLOSED)
        return SPOOL_ENOENT;
    f->state = SF_FREE;
    if (dir_write(s, dir_of(id))) {
        f->state = SF_CLOSED;
        return SPOOL_EIO;
    }
    chain_free(s, f->first);        /* only now: the entry is off the volume */
    memset(f, 0, sizeof *f);
    return 0;
}

int spool_commit(struct spool *s, int id)
{
    struct spoolfile *f = spool_file(s, id);
    if (!f || f->state != SF_CLOSED)
        return SPOOL_ENOENT;
    return dir_write(s, dir_of(id));
}

int spool_order_first(struct spool *s, const int *ids, int n)
{
    for (int i = 0; i < n; i++)
        if (!spool_file(s, ids[i]) || s->files[ids[i]].state != SF_CLOSED)
            return SPOOL_ENOENT;
    uint32_t base = s->order_lo - (uint32_t)n;
    for (int i = 0; i < n; i++)
        s->files[ids[i]].order = base + (uint32_t)i;
    s->order_lo = base;
    for (int i = 0; i < n; i++) {
        int rc = spool_commit(s, ids[i]);
        if (rc)
            return rc;
    }
    return 0;
}

struct spoolfile *spool_next_in_queue(struct spool *s, int q, const char *owner, uint32_t after)
{
    struct spoolfile *best = 0;
    for (int id = 1; id <= SPOOL_MAXID; id++) {
        struct spoolfile *f = &s->files[id];
        if (f->state != SF_CLOSED || f->a.queue != q || (after && f->order <= after) ||
            (owner && str_casecmp(f->a.owner, owner) != 0))
            continue;
        if (!best || f->order < best->order)
            best = f;
    }
    return best;
}

uint32_t spool_free_blocks(const struct spool *s)
{
    return s->nfree;
}

uint32_t spool_total_blocks(const struct spool *s)
{
    return s->data_end - s->data_start;
}

/* ---- reading ------------------------------------------------------------------------ */
static int cursor_load(struct spool *s, struct spool_cursor *c, uint32_t blk, uint32_t index)
{
    int rc = data_load(s, &s->files[c->id], blk, index, c->buf);
    if (rc)
        return rc;
    c->blk = blk;
    c->off = SPF_HDR_LEN;
    c->left = be16_get(c->buf + 20);
    return 0;
}

int spool_read_open(struct spool *s, int id, struct spool_cursor *c)
{
    struct spoolfile *f = spool_file(s, id);
    if (!f || f->state != SF_CLOSED)
        return SPOOL_ENOENT;
    c->id = (uint16_t)id;
    c->recno = 0;
    c->left = 0;
    c->blk = SPOOL_NIL;
    return f->first == SPOOL_NIL ? 0 : cursor_load(s, c, f->first, 0);
}

/* Make the cursor's buffer hold its next record: 0, SPOOL_ENOENT at the
 * end, or an error. */
static int cursor_next(struct spool *s, struct spool_cursor *c)
{
    struct spoolfile *f = spool_file(s, c->id);
    if (!f || f->state != SF_CLOSED)
        return SPOOL_ENOENT;
    while (!c->left) {
        if (c->blk == SPOOL_NIL)
            return SPOOL_ENOENT;
        uint32_t next = be32_get(c->buf + 16);
        uint32_t index = be32_get(c->buf + 12) + 1;
        if (next == SPOOL_NIL) {
            c->blk = SPOOL_NIL;
            return SPOOL_ENOENT;
        }
        int rc = cursor_load(s, c, next, index);
        if (rc)
            return rc;
    }
    return 0;
}

int spool_peek(struct spool *s, struct spool_cursor *c, uint8_t *op)
{
    int rc = cursor_next(s, c);
    if (rc)
        return rc;
    const uint8_t *p = c->buf + c->off;
    uint16_t len = be16_get(p + 1);
    if (c->off + 3 + len > SPOOL_BLKSIZE)
        return SPOOL_EFORMAT;
    *op = p[0];
    return len;
}

int spool_peek_ref(struct spool *s, struct spool_cursor *c, uint8_t *op, const uint8_t **data)
{
    int rc = cursor_next(s, c);
    if (rc)
        return rc;
    const uint8_t *p = c->buf + c->off;
    uint16_t len = (uint16_t)(p[1] << 8 | p[2]);
    if (c->off + 3 + len > SPOOL_BLKSIZE)
        return SPOOL_EFORMAT;
    *op = p[0];
    *data = p + 3;
    return len;
}

int spool_block_ref(struct spool *s, struct spool_cursor *c, const uint8_t **rec)
{
    int rc = cursor_next(s, c);
    if (rc)
        return rc;
    *rec = c->buf + c->off;
    return c->left;
}

int spool_read(struct spool *s, struct spool_cursor *c, uint8_t *op, void *data, uint16_t max)
{
    int rc = cursor_next(s, c);
    if (rc)
        return rc;
    const uint8_t *p = c->buf + c->off;
    uint16_t len = be16_get(p + 1);
    if (c->off + 3 + len > SPOOL_BLKSIZE)
        return SPOOL_EFORMAT;
    *op = p[0];
    memcpy(data, p + 3, len < max ? len : max);
    c->off = (uint16_t)(c->off + 3 + len);
    c->left--;
    c->recno++;
    return len;
}

int spool_read_seek(struct spool *s, struct spool_cursor *c, uint32_t n)
{
    int rc = spool_read_open(s, c->id, c);
    uint8_t op, tmp[1];
    while (rc == 0 && c->recno < n) {
        int r = spool_read(s, c, &op, tmp, 0);
        if (r < 0)
            return r;
    }
    return rc;
}
