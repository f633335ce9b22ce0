/* DIAGNOSE X'14' views of a spool file: SPLINK buffers and the SFBLOK
 * (layouts: spool/splink.h). */
#include "spool/splink.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"
#include "lib/str.h"
#include "lib/tod.h"

uint16_t splink_reclen(const struct spoolfile *f)
{
    if (f->a.origin_queue == SQ_PUN || f->a.devtype == 0x3505 || f->a.devtype == 0x2540)
        return 80;                      /* a card */
    return f->a.maxrec;
}

/* Trailing blanks eight bytes a step, with a fixed-size copy the compiler
 * makes one (unaligned) load: under Hercules a byte loop took ~5
 * instructions a byte. */
static inline uint64_t load8(const uint8_t *p)
{
    uint64_t v;
    __builtin_memcpy(&v, p, 8);
    return v;
}

static int trimmed(const uint8_t *rec, int len)
{
    int k = len;
    while (k >= 9 && load8(rec + k - 8) == 0x4040404040404040ULL)
        k -= 8;
    while (k > 1 && rec[k - 1] == 0x40)
        k--;
    return k;
}

/* out NULL: count only (skip).  Records are copied from the cursor's
 * block straight into the buffer, a block's records in one loop
 * (spool_block_ref): under Hercules the calls and checks per record
 * (peek, consume) cost as much as the copy. */
static int fill(struct spool *s, struct spool_cursor *c, const struct spoolfile *f,
                uint32_t bufno, uint8_t *out)
{
    if (out) {
        memset(out, 0, SPLINK_DATA);
        be32_put(out + 4, bufno);
    }
    uint32_t p = SPLINK_DATA;
    int n = 0;
    for (;;) {
        const uint8_t *q;
        int left = spool_block_ref(s, c, &q);
        if (left == SPOOL_ENOENT)
            break;
        if (left < 0)
            return left;
        uint32_t off = c->off;
        for (; left > 0; left--) {
            uint8_t op = q[0];
            int len = q[1] << 8 | q[2];
            if (off + 3 + (uint32_t)len > SPOOL_BLKSIZE)
                return SPOOL_EFORMAT;   /* as spool_peek: a record past its block */
            const uint8_t *rec = q + 3;
            int k = trimmed(rec, len);  /* trailing blanks go, as z/VM's CP removes them */
            uint32_t need = len ? SPLINK_REC_HDR + (uint32_t)k : 8;
            if (p + need > SPLINK_DATA_END) {
                if (n)
                    goto full;
                k = SPLINK_DATA_END - SPLINK_DATA - SPLINK_REC_HDR;   /* cannot happen from UR devices */
            }
            if (!len) {                 /* carriage motion: the CCW alone */
                if (out) {
                    memset(out + p, 0, 8);
                    out[p] = op;
                    out[p + 4] = SPLINK_CCW_IMMED;
                }
                p += 8;
            } else {
                if (out) {
                    uint8_t *r = out + p;
                    r[0] = op;
                    r[1] = r[2] = r[3] = r[4] = r[5] = r[8] = r[9] = 0;
                    be16_put(r + 6, (uint16_t)k);
                    be16_put(r + 10, (uint16_t)(SPLINK_REC_HDR + k));
                    memcpy(r + SPLINK_REC_HDR, rec, (size_t)k);   /* MVC on the target */
                }
                p += SPLINK_REC_HDR + (uint32_t)k;
            }
            spool_consume(c, (uint16_t)len);
            q = rec + len;
            off += 3 + (uint32_t)len;
            n++;
        }
    }
full:
    if (out) {
        memset(out + p, 0, SPLINK_SIZE - p);
        be32_put(out + 12, (uint32_t)n);
        be16_put(out + SPLINK_RECLEN_AT, splink_reclen(f));
        be16_put(out + SPLINK_SPOOLID_AT, f->id);
    }
    return n;
}

int splink_fill(struct spool *s, struct spool_cursor *c, const struct spoolfile *f,
                uint32_t bufno, uint8_t *out)
{
    return fill(s, c, f, bufno, out);
}

int splink_skip(struct spool *s, struct spool_cursor *c, const struct spoolfile *f)
{
    return fill(s, c, f, 0, 0);
}

static void put_text(uint8_t *dst, const char *s, int n)
{
    char pad[16];
    int len = (int)strlen(s);
    for (int i = 0; i < n; i++)
        pad[i] = i < len ? s[i] : ' ';
    ebcdic_from_ascii(dst, pad, (size_t)n);
}

static void two(char *p, int v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

/* VM type codes of the originating device (as DIAG X'24' gives them). */
static uint8_t type_byte(uint16_t devtype)
{
    switch (devtype) {
    case 0x2540: return 0x82;
    case 0x3505: case 0x3525: return 0x84;
    case 0x1403: return 0x41;
    default: return 0;
    }
}

void sfblok_build(const struct spoolfile *f, int in_use, uint8_t *out)
{
    const struct spool_attr *a = &f->a;
    memset(out, 0, SFBLOK_SIZE);
    put_text(out + 8, a->owner, 8);
    put_text(out + 16, a->origin, 8);
    be32_put(out + 24, a->records);
    be16_put(out + 28, splink_reclen(f));
    be16_put(out + 30, f->id);
    out[32] = (uint8_t)((in_use ? SFB_INUSE : 0) | (a->flags & SF_HOLD ? SFB_USERHOLD : 0) |
                        (a->flags & SF_SYSHOLD ? SFB_SYSHOLD : 0));
    out[33] = type_byte(a->devtype);
    put_text(out + 40, a->fn, 12);
    put_text(out + 52, a->ft, 12);
    struct civil_time t;
    tod_to_civil(a->created, &t);
    char d[9] = "00/00/00", h[9] = "00:00:00";
    two(d, t.month);
    two(d + 3, t.day);
    two(d + 6, t.year % 100);
    two(h, t.hour);
    two(h + 3, t.min);
    two(h + 6, t.sec);
    ebcdic_from_ascii(out + 64, d, 8);
    ebcdic_from_ascii(out + 72, h, 8);
    out[86] = ascii_to_ebcdic[(uint8_t)a->cls];
    put_text(out + 88, a->dist, 8);
    out[100] = a->copies;
    out[101] = (uint8_t)((a->flags & SF_KEEP ? SFB_ZCP_KEEP : 0) | (a->flags & SF_MSG ? SFB_ZCP_MSG : 0));
}
