/* cmsfs: the CMS-style file system (layout in cmsfs.h and docs/cms.md).
 * Portable: no libc beyond memcpy/memset/memcmp/strlen. */
#include "cms-guest/fs/cmsfs.h"
#ifdef ZCP_TARGET
#include "lib/mem.h"
#else
#include <string.h>
#endif

static const uint8_t MAGIC[4] = { 0xC3, 0xD4, 0xE2, 0xF1 };   /* "CMS1", EBCDIC */

static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = (uint8_t)v; }

static uint8_t scratch[CMSFS_BS];

static int rd(struct cmsfs *fs, uint32_t b, void *buf)
{
    if (b < 1 || b > fs->nblocks)
        return CMSFS_EIO;
    return fs->dev->read(fs->dev->ctx, b, buf) ? CMSFS_EIO : 0;
}
static int wr(struct cmsfs *fs, uint32_t b, const void *buf)
{
    if (fs->dev->readonly)
        return CMSFS_ERO;
    if (b < 1 || b > fs->nblocks)
        return CMSFS_EIO;
    return fs->dev->write(fs->dev->ctx, b, buf) ? CMSFS_EIO : 0;
}

int cmsfs_name(const char *in, char out[9])
{
    int n = 0;
    for (; in[n]; n++) {
        char c = in[n];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (n >= 8 || !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '#' ||
                        c == '@' || c == '+' || c == '-' || c == ':' || c == '_'))
            return CMSFS_EINVAL;
        out[n] = c;
    }
    out[n] = 0;
    return n ? 0 : CMSFS_EINVAL;
}

int cmsfs_match(const char *p, const char *s)
{
    for (; *p; p++) {
        if (*p == '*') {
            for (const char *t = s;; t++) {
                if (cmsfs_match(p + 1, t))
                    return 1;
                if (!*t)
                    return 0;
            }
        }
        if (!*s)
            return 0;
        char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
        if (c != '%' && c != *s)
            return 0;
        s++;
    }
    return !*s;
}

static int bit(struct cmsfs *fs, uint32_t b) { return fs->map[(b - 1) / 8] >> (7 - (b - 1) % 8) & 1; }
static void setbit(struct cmsfs *fs, uint32_t b, int on)
{
    uint8_t m = (uint8_t)(0x80 >> ((b - 1) % 8));
    if (on)
        fs->map[(b - 1) / 8] |= m;
    else
        fs->map[(b - 1) / 8] &= (uint8_t)~m;
    fs->used += on ? 1 : (uint32_t)-1;
}

static uint32_t alloc(struct cmsfs *fs)
{
    for (uint32_t b = CMSFS_DIR_BLK + CMSFS_DIR_BLKS; b <= fs->nblocks; b++)
        if (!bit(fs, b)) {
            setbit(fs, b, 1);
            return b;
        }
    return 0;
}

int cmsfs_format(struct cmsfs_dev *dev, const char *label, uint32_t date)
{
    if (dev->readonly)
        return CMSFS_ERO;
    uint32_t first = CMSFS_DIR_BLK + CMSFS_DIR_BLKS;
    if (dev->nblocks < first + 4 || dev->nblocks > CMSFS_MAXBLKS)
        return CMSFS_ESMALL;
    memset(scratch, 0, CMSFS_BS);
    for (uint32_t b = 0; b < CMSFS_DIR_BLKS; b++)
        if (dev->write(dev->ctx, CMSFS_DIR_BLK + b, scratch))
            return CMSFS_EIO;
    for (uint32_t b = 1; b < first; b++)
        scratch[(b - 1) / 8] |= (uint8_t)(0x80 >> ((b - 1) % 8));
    if (dev->write(dev->ctx, CMSFS_MAP_BLK, scratch))
        return CMSFS_EIO;
    memset(scratch, 0, CMSFS_BS);
    memcpy(scratch, MAGIC, 4);
    memset(scratch + 4, ' ', 6);
    for (int i = 0; i < 6 && label[i]; i++)
        scratch[4 + i] = (uint8_t)(label[i] >= 'a' && label[i] <= 'z' ? label[i] - 32 : label[i]);
    put32(scratch + 12, CMSFS_BS);
    put32(scratch + 16, dev->nblocks);
    put32(scratch + 20, CMSFS_MAP_BLK);
    put32(scratch + 24, CMSFS_DIR_BLK);
    put32(scratch + 28, CMSFS_DIR_BLKS);
    put32(scratch + 32, date);
    if (dev->write(dev->ctx, CMSFS_LABEL_BLK, scratch))
        return CMSFS_EIO;
    return 0;
}

static void decode(struct cmsfs_file *f, const uint8_t *e)
{
    memset(f, 0, sizeof *f);
    if (!e[0])
        return;
    f->used = 1;
    for (int i = 0; i < 8; i++) {
        f->fn[i] = e[i] == ' ' ? 0 : (char)e[i];
        f->ft[i] = e[8 + i] == ' ' ? 0 : (char)e[8 + i];
    }
    f->recfm = (char)e[16];
    f->lrecl = get32(e + 20);
    f->nrecs = get32(e + 24);
    f->nbytes = get32(e + 28);
    f->nblocks = get32(e + 32);
    f->ptr = get32(e + 36);
    f->date = get32(e + 40);
    f->time = get32(e + 44);
}

static void encode(const struct cmsfs_file *f, uint8_t *e)
{
    memset(e, 0, CMSFS_ENTLEN);
    if (!f->used)
        return;
    memset(e, ' ', 16);
    memcpy(e, f->fn, strlen(f->fn));
    memcpy(e + 8, f->ft, strlen(f->ft));
    e[16] = (uint8_t)f->recfm;
    put32(e + 20, f->lrecl);
    put32(e + 24, f->nrecs);
    put32(e + 28, f->nbytes);
    put32(e + 32, f->nblocks);
    put32(e + 36, f->ptr);
    put32(e + 40, f->date);
    put32(e + 44, f->time);
}

int cmsfs_mount(struct cmsfs *fs, struct cmsfs_dev *dev)
{
    memset(fs, 0, sizeof *fs);
    fs->dev = dev;
    fs->nblocks = dev->nblocks;
    if (dev->nblocks < CMSFS_DIR_BLK + CMSFS_DIR_BLKS)
        return CMSFS_ENOTCMS;
    if (dev->read(dev->ctx, CMSFS_LABEL_BLK, scratch))
        return CMSFS_EIO;
    if (memcmp(scratch, MAGIC, 4) || get32(scratch + 12) != CMSFS_BS ||
        get32(scratch + 20) != CMSFS_MAP_BLK || get32(scratch + 24) != CMSFS_DIR_BLK ||
        get32(scratch + 28) != CMSFS_DIR_BLKS)
        return CMSFS_ENOTCMS;
    uint32_t n = get32(scratch + 16);
    if (n > dev->nblocks || n < CMSFS_DIR_BLK + CMSFS_DIR_BLKS)
        return CMSFS_ENOTCMS;
    fs->nblocks = n;
    for (int i = 0; i < 6; i++)
        fs->label[i] = (char)scratch[4 + i];
    for (int i = 5; i >= 0 && fs->label[i] == ' '; i--)
        fs->label[i] = 0;
    fs->created = get32(scratch + 32);
    if (dev->read(dev->ctx, CMSFS_MAP_BLK, fs->map))
        return CMSFS_EIO;
    for (uint32_t b = 1; b <= n; b++)
        fs->used += bit(fs, b);
    for (uint32_t b = 0; b < CMSFS_DIR_BLKS; b++) {
        if (dev->read(dev->ctx, CMSFS_DIR_BLK + b, scratch))
            return CMSFS_EIO;
        for (int i = 0; i < CMSFS_BS / CMSFS_ENTLEN; i++) {
            struct cmsfs_file *f = &fs->dir[b * (CMSFS_BS / CMSFS_ENTLEN) + i];
            decode(f, scratch + i * CMSFS_ENTLEN);
            fs->nfiles += f->used;
        }
    }
    return 0;
}

int cmsfs_flush(struct cmsfs *fs)
{
    int rc = wr(fs, CMSFS_MAP_BLK, fs->map);
    for (uint32_t b = 0; b < CMSFS_DIR_BLKS && !rc; b++) {
        if (!fs->dirty[b])
            continue;
        for (int i = 0; i < CMSFS_BS / CMSFS_ENTLEN; i++)
            encode(&fs->dir[b * (CMSFS_BS / CMSFS_ENTLEN) + i], scratch + i * CMSFS_ENTLEN);
        rc = wr(fs, CMSFS_DIR_BLK + b, scratch);
        if (!rc)
            fs->dirty[b] = 0;
    }
    return rc;
}

static void touch(struct cmsfs *fs, int idx) { fs->dirty[idx / (CMSFS_BS / CMSFS_ENTLEN)] = 1; }

int cmsfs_lookup(struct cmsfs *fs, const char *fn, const char *ft)
{
    for (int i = 0; i < CMSFS_MAXFILES; i++)
        if (fs->dir[i].used && !strcmp(fs->dir[i].fn, fn) && !strcmp(fs->dir[i].ft, ft))
            return i;
    return CMSFS_ENOTFOUND;
}

/* Free the blocks of a file (its pointer chain). */
static int free_chain(struct cmsfs *fs, uint32_t ptr, uint32_t ndata)
{
    static uint8_t p[CMSFS_BS];
    while (ptr) {
        if (ptr > fs->nblocks || !bit(fs, ptr))
            return CMSFS_EIO;
        if (rd(fs, ptr, p))
            return CMSFS_EIO;
        for (uint32_t i = 0; i < CMSFS_PTRS && ndata; i++, ndata--) {
            uint32_t b = get32(p + 4 * i);
            if (b >= 1 && b <= fs->nblocks && bit(fs, b))
                setbit(fs, b, 0);
        }
        setbit(fs, ptr, 0);
        ptr = get32(p + 4 * CMSFS_PTRS);
    }
    return 0;
}

int cmsfs_erase(struct cmsfs *fs, int idx)
{
    if (fs->dev->readonly)
        return CMSFS_ERO;
    struct cmsfs_file *f = &fs->dir[idx];
    int rc = free_chain(fs, f->ptr, f->nblocks);
    memset(f, 0, sizeof *f);
    fs->nfiles--;
    touch(fs, idx);
    int rc2 = cmsfs_flush(fs);
    return rc ? rc : rc2;
}

int cmsfs_rename(struct cmsfs *fs, int idx, const char *fn, const char *ft)
{
    if (fs->dev->readonly)
        return CMSFS_ERO;
    char n1[9], n2[9];
    if (cmsfs_name(fn, n1) || cmsfs_name(ft, n2))
        return CMSFS_EINVAL;
    int o = cmsfs_lookup(fs, n1, n2);
    if (o >= 0 && o != idx)
        return CMSFS_EEXIST;
    memcpy(fs->dir[idx].fn, n1, 9);
    memcpy(fs->dir[idx].ft, n2, 9);
    touch(fs, idx);
    return cmsfs_flush(fs);
}

/* ---- reading ------------------------------------------------------------ */

int cmsfs_open(struct cmsfs *fs, int idx, struct cmsfs_reader *r)
{
    r->fs = fs;
    r->f = fs->dir[idx];
    r->pos = r->recno = 0;
    r->ptrblk = 0;
    r->ptrbase = 0;
    r->datak = -1;
    return 0;
}

static int getbytes(struct cmsfs_reader *r, uint8_t *dst, uint32_t n, uint32_t keep)
{
    while (n) {
        uint32_t k = r->pos / CMSFS_BS, off = r->pos % CMSFS_BS;
        if ((int32_t)k != r->datak) {
            if (k >= r->f.nblocks)
                return CMSFS_EIO;
            if (!r->ptrblk || k < r->ptrbase) {
                r->ptrblk = r->f.ptr;
                r->ptrbase = 0;
                if (rd(r->fs, r->ptrblk, r->ptr))
                    return CMSFS_EIO;
            }
            while (k >= r->ptrbase + CMSFS_PTRS) {
                r->ptrblk = get32(r->ptr + 4 * CMSFS_PTRS);
                r->ptrbase += CMSFS_PTRS;
                if (rd(r->fs, r->ptrblk, r->ptr))
                    return CMSFS_EIO;
            }
            if (rd(r->fs, get32(r->ptr + 4 * (k - r->ptrbase)), r->data))
                return CMSFS_EIO;
            r->datak = (int32_t)k;
        }
        uint32_t c = CMSFS_BS - off < n ? CMSFS_BS - off : n;
        uint32_t kc = c < keep ? c : keep;
        if (dst && kc) {
            memcpy(dst, r->data + off, kc);
            dst += kc;
        }
        keep -= kc;
        r->pos += c;
        n -= c;
    }
    return 0;
}

int cmsfs_get(struct cmsfs_reader *r, void *buf, uint32_t size)
{
    if (r->recno >= r->f.nrecs || r->pos >= r->f.nbytes)
        return CMSFS_EOF;
    uint32_t len = r->f.lrecl;
    if (r->f.recfm == 'V') {
        uint8_t l[2];
        int rc = getbytes(r, l, 2, 2);
        if (rc)
            return rc;
        len = (uint32_t)l[0] << 8 | l[1];
    }
    if (r->pos + len > r->f.nbytes)
        return CMSFS_EIO;
    int rc = getbytes(r, buf, len, size);
    if (rc)
        return rc;
    r->recno++;
    return (int)len;
}

/* ---- writing ------------------------------------------------------------- */

int cmsfs_create(struct cmsfs *fs, struct cmsfs_writer *w, const char *fn, const char *ft,
                 char recfm, uint32_t lrecl)
{
    memset(&w->f, 0, sizeof w->f);
    w->fs = fs;
    w->err = 0;
    w->ptrblk = w->nptr = w->datan = 0;
    if (fs->dev->readonly)
        return CMSFS_ERO;
    if (cmsfs_name(fn, w->f.fn) || cmsfs_name(ft, w->f.ft))
        return CMSFS_EINVAL;
    if (recfm >= 'a')
        recfm = (char)(recfm - 32);
    if ((recfm != 'F' && recfm != 'V') || (recfm == 'F' && (lrecl < 1 || lrecl > CMSFS_MAXLRECL)))
        return CMSFS_EINVAL;
    w->f.recfm = recfm;
    w->f.lrecl = recfm == 'F' ? lrecl : 0;
    w->f.used = 1;
    memset(w->ptr, 0, CMSFS_BS);
    return 0;
}

/* Write the full data buffer to a new block listed in the pointer chain. */
static int spill(struct cmsfs_writer *w)
{
    struct cmsfs *fs = w->fs;
    if (!w->ptrblk || w->nptr == CMSFS_PTRS) {
        uint32_t p = alloc(fs);
        if (!p)
            return CMSFS_EFULL;
        if (w->ptrblk) {
            put32(w->ptr + 4 * CMSFS_PTRS, p);
            if (wr(fs, w->ptrblk, w->ptr))
                return CMSFS_EIO;
            memset(w->ptr, 0, CMSFS_BS);
        } else
            w->f.ptr = p;
        w->ptrblk = p;
        w->nptr = 0;
    }
    uint32_t b = alloc(fs);
    if (!b)
        return CMSFS_EFULL;
    if (wr(fs, b, w->data)) {
        setbit(fs, b, 0);
        return CMSFS_EIO;
    }
    put32(w->ptr + 4 * w->nptr++, b);
    w->f.nblocks++;
    w->datan = 0;
    return 0;
}

static int putbytes(struct cmsfs_writer *w, const uint8_t *s, uint32_t n, int pad)
{
    while (n) {
        uint32_t c = CMSFS_BS - w->datan < n ? CMSFS_BS - w->datan : n;
        if (s) {
            memcpy(w->data + w->datan, s, c);
            s += c;
        } else
            memset(w->data + w->datan, pad, c);
        w->datan += c;
        w->f.nbytes += c;
        n -= c;
        if (w->datan == CMSFS_BS) {
            int rc = spill(w);
            if (rc)
                return rc;
        }
    }
    return 0;
}

int cmsfs_put(struct cmsfs_writer *w, const void *rec, uint32_t len)
{
    if (w->err)
        return w->err;
    int rc;
    if (w->f.recfm == 'F') {
        if (len > w->f.lrecl)
            return CMSFS_ELRECL;
        rc = putbytes(w, rec, len, 0);
        if (!rc)
            rc = putbytes(w, NULL, w->f.lrecl - len, ' ');   /* padded with blanks, as CMS does */
    } else {
        if (len > CMSFS_MAXLRECL)
            return CMSFS_ELRECL;
        if (len == 0)
            len = 0;
        uint8_t l[2] = { (uint8_t)(len >> 8), (uint8_t)len };
        rc = putbytes(w, l, 2, 0);
        if (!rc)
            rc = putbytes(w, rec, len, 0);
        if (len > w->f.lrecl)
            w->f.lrecl = len;
    }
    if (rc)
        w->err = rc;
    else
        w->f.nrecs++;
    return rc;
}

void cmsfs_abort(struct cmsfs_writer *w)
{
    struct cmsfs *fs = w->fs;
    /* Blocks written so far: the chain on disk, the last pointer block in memory. */
    if (w->ptrblk) {
        uint32_t full = w->f.nblocks - w->nptr;     /* data blocks in chained pointer blocks */
        if (full && w->f.ptr != w->ptrblk) {
            /* earlier pointer blocks are on disk; free them and their data */
            uint32_t p = w->f.ptr;
            static uint8_t pb[CMSFS_BS];
            while (p && p != w->ptrblk && !rd(fs, p, pb)) {
                for (uint32_t i = 0; i < CMSFS_PTRS; i++)
                    setbit(fs, get32(pb + 4 * i), 0);
                setbit(fs, p, 0);
                p = get32(pb + 4 * CMSFS_PTRS);
            }
        }
        for (uint32_t i = 0; i < w->nptr; i++)
            setbit(fs, get32(w->ptr + 4 * i), 0);
        setbit(fs, w->ptrblk, 0);
    }
    w->ptrblk = 0;
    w->err = CMSFS_EINVAL;
}

int cmsfs_commit(struct cmsfs_writer *w, uint32_t date, uint32_t time)
{
    struct cmsfs *fs = w->fs;
    int rc = w->err;
    if (!rc && w->datan) {
        memset(w->data + w->datan, 0, CMSFS_BS - w->datan);
        rc = spill(w);
    }
    if (!rc && w->ptrblk)
        rc = wr(fs, w->ptrblk, w->ptr) ? CMSFS_EIO : 0;
    int old = cmsfs_lookup(fs, w->f.fn, w->f.ft), slot = old;
    if (!rc && slot < 0) {
        for (slot = 0; slot < CMSFS_MAXFILES && fs->dir[slot].used; slot++)
            ;
        if (slot == CMSFS_MAXFILES)
            rc = CMSFS_EDIRFULL;
    }
    if (rc) {
        cmsfs_abort(w);
        return rc;
    }
    if (w->f.recfm == 'V' && w->f.lrecl == 0)
        w->f.lrecl = 1;
    if (old >= 0)
        rc = free_chain(fs, fs->dir[old].ptr, fs->dir[old].nblocks);
    else
        fs->nfiles++;
    w->f.date = date;
    w->f.time = time;
    fs->dir[slot] = w->f;
    touch(fs, slot);
    int rc2 = cmsfs_flush(fs);
    return rc ? rc : rc2;
}

const char *cmsfs_strerror(int err)
{
    switch (err) {
    case CMSFS_ENOTFOUND: return "file not found";
    case CMSFS_EEXIST: return "file already exists";
    case CMSFS_EFULL: return "disk full";
    case CMSFS_EDIRFULL: return "directory full";
    case CMSFS_EIO: return "device error";
    case CMSFS_ERO: return "disk is read-only";
    case CMSFS_ENOTCMS: return "not a CMS disk";
    case CMSFS_EINVAL: return "invalid fileid or format";
    case CMSFS_ELRECL: return "record too long";
    case CMSFS_ESMALL: return "disk too small or too large";
    default: return "error";
    }
}
