/* Virtual 3390 minidisk (see vdasd.h).  The guest's CCWs are interpreted
 * here, the way a 3990 control unit would, against an image of the track
 * under the virtual head; reads come from that image, writes change it and
 * go straight through to the real volume.  Facts: IBM 3990/9390 Storage
 * Control Reference GA32-0274 (commands, Define Extent and Locate Record
 * parameters, file mask, sense format 0 messages); Hercules ckddasd.c for
 * what the emulated device under us answers.  Count fields are stored as
 * the guest wrote them (its own, virtual, cylinder numbers), as on z/VM.
 * Write HA, Write R0, Erase, Read Track, Read Multiple CKD and Locate
 * Record Extended follow the same reference and what Linux's dasd_eckd
 * (drivers/s390/block/dasd_eckd.c) sends to format and read tracks.
 * Not offered: key searches, Prefix, LRE's extended operations (Read/Write
 * Any, Read Trackset); they are command rejects. */
#include "cp/vm/vdasd.h"
#include "cp/vm/vcss.h"
#include "cp/dev/eckd.h"
#include "cp/vm/tdisk.h"
#include "lib/be.h"
#include "lib/mem.h"
#include "lib/divmod.h"

/* Sense byte 0 / 1 bits and format-0 messages (GA32-0274, "Sense"). */
#define S0_CR   0x80        /* command reject */
#define S1_ITF  0x40        /* invalid track format */
#define S1_EOC  0x20        /* end of cylinder */
#define S1_NRF  0x08        /* no record found */
#define S1_FP   0x04        /* file protected */
#define MSG_SEQ   2         /* invalid command sequence */
#define MSG_LEN   3         /* CCW count less than required */
#define MSG_PARM  4         /* invalid parameter */
#define S0_EC   0x10        /* equipment check (real volume failed) */

/* Define Extent file mask (byte 0). */
#define FM_WRITE     0xC0
#define FM_INH_R0    0x00   /* write HA / R0 inhibited: the default */
#define FM_INH_ALL   0x40
#define FM_UPDATE    0x80   /* update writes only */
#define FM_RESV      0x20
#define FM_SEEK      0x18
#define FM_SEEK_ALL  0x00
#define FM_SEEK_CYLHD 0x08
#define FM_SEEK_NONE 0x18

/* Locate Record operation byte. */
#define LR_ORIENT(b) ((b) & 0xC0)
#define LR_CODE(b)   ((b) & 0x3F)
#define OR_COUNT 0x00
#define OR_HOME  0x40
#define OR_DATA  0x80
#define OR_INDEX 0xC0
#define OP_ORIENT 0x00
#define OP_WRITE  0x01
#define OP_FORMAT 0x03
#define OP_RDDATA 0x06
#define OP_WRTTRK 0x0B
#define OP_RDTRKS 0x0C
#define OP_READ   0x16
#define OP_EXT    0x3F      /* LRE: the operation is in byte 17 */
#define LR_AUX_TLF    0x80  /* bytes 14-15 hold a transfer length factor */
#define LR_AUX_SUFFIX 0x01  /* a Read Count ends the domain */

enum orient { AT_INDEX, AT_HA, AT_COUNT, AT_DATA };

#define TRACK_MAX   0xFFFF
#define TRACK_RECS  128
#define CACHE_SLOTS 64

/* A cached real track: records back to back (eckd.h's track image). */
struct track {
    struct rdev *rdev;
    uint32_t cyl, head;         /* real */
    uint32_t len;
    uint32_t age;
    int nrec;
    int regular;                /* record i is R i for every i: rec is at index rec */
    uint16_t off[TRACK_RECS];
    uint8_t data[TRACK_MAX + 16] __attribute__((aligned(8)));
};
static struct track cache[CACHE_SLOTS];
static uint32_t cache_clock;

struct vdasd {
    int in_use;
    uint32_t serial;
    struct rdev *rdev;
    uint32_t start, cyls;
    int readonly;
    int tdisk;                  /* temporary: erased when released */
    /* Channel-program state (reset at each start). */
    uint32_t starts;            /* d->starts when this program's state began */
    int dx;                     /* Define Extent given */
    uint8_t fmask;
    uint32_t dx_begin, dx_end;  /* tracks, cyl * 15 + head */
    int seeked;                 /* a Seek, Locate Record or Read IPL ran */
    uint32_t cyl, head;         /* virtual */
    enum orient orient;
    int rec;                    /* index in the track of the current record */
    int xmark;                  /* index point passed once */
    int id_equal;               /* last search compared equal */
    uint8_t prev, cur;          /* the previous and the current command */
    int lr_count;               /* records left in the Locate Record domain */
    uint8_t lr_op, lr_orient;
    int lr_suffix;              /* the domain's last command is a Read Count */
    int ha_equal;               /* Search HA matched, or Write HA outside a domain */
    int fmt_out;                /* the last command: Write R0 or Write CKD outside a domain */
};

#define VDASD_MAX (VM_MAX * 4)
static struct vdasd vdasds[VDASD_MAX];

static struct vdasd *state(const struct vdev *d)
{
    return d->ops == &vdasd_ops ? d->priv : 0;
}

/* ---- the track cache ------------------------------------------------------- */

static int index_track(struct track *t)
{
    uint32_t off = 0;
    t->nrec = 0;
    t->regular = 0;
    while (off + 8 <= t->len) {
        if (t->nrec == TRACK_RECS)
            return -1;
        t->off[t->nrec++] = (uint16_t)off;
        off += 8 + t->data[off + 5] + be16_get(t->data + off + 6);
    }
    /* A track formatted in fixed blocks (R0, R1 .. Rn in order): record
     * rec is found at index rec without the scan (vdasd_block_data). */
    t->regular = 1;
    for (int i = 1; i < t->nrec && t->regular; i++)
        t->regular = t->data[t->off[i] + 4] == i;
    return off == t->len && t->nrec ? 0 : -1;
}

/* Where a track was last found or put, by a hash of its address: a hint,
 * checked before it is believed, so a stale one costs only the scan. */
#define HINTS 64
static uint8_t hint[HINTS];
_Static_assert(CACHE_SLOTS <= 256, "hint[] holds slot numbers in a byte");

static unsigned hint_of(uint32_t cyl, uint32_t head)
{
    return (cyl * VDASD_HEADS + head) % HINTS;
}

static struct track *cached(const struct rdev *r, uint32_t cyl, uint32_t head)
{
    struct track *t = &cache[hint[hint_of(cyl, head)]];
    if (t->rdev == r && t->cyl == cyl && t->head == head)
        return t;
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (cache[i].rdev == r && cache[i].cyl == cyl && cache[i].head == head) {
            hint[hint_of(cyl, head)] = (uint8_t)i;
            return &cache[i];
        }
    return 0;
}

/* The track image of virtual (cyl, head).  A miss reads it and the tracks
 * after it to the end of the cylinder that are not cached yet, in one real
 * I/O, into the least recently used slots. */
static struct track *track_get(struct vdasd *s, uint32_t cyl, uint32_t head)
{
    uint32_t rc = s->start + cyl;
    struct track *t = cached(s->rdev, rc, head);
    if (t) {
        t->age = ++cache_clock;
        return t;
    }
    int n = 1;
    while (head + n < VDASD_HEADS && !cached(s->rdev, rc, head + n))
        n++;
    struct track *slot[VDASD_HEADS];
    uint8_t *bufs[VDASD_HEADS];
    uint32_t lens[VDASD_HEADS];
    for (int k = 0; k < n; k++) {
        struct track *old = 0;
        for (int i = 0; i < CACHE_SLOTS; i++) {
            int taken = 0;
            for (int j = 0; j < k; j++)
                taken |= slot[j] == &cache[i];
            if (!taken && (!old || cache[i].age < old->age))
                old = &cache[i];
        }
        old->rdev = 0;
        slot[k] = old;
        bufs[k] = old->data;
    }
    if (eckd_read_tracks(s->rdev, rc, head, n, bufs, sizeof cache[0].data, lens) != 0)
        return 0;
    for (int k = n - 1; k >= 0; k--) {      /* the track asked for is the youngest */
        t = slot[k];
        t->len = lens[k];
        if (index_track(t) != 0)
            continue;
        t->rdev = s->rdev;
        t->cyl = rc;
        t->head = head + (uint32_t)k;
        t->age = ++cache_clock;
        hint[hint_of(rc, t->head)] = (uint8_t)(t - cache);
    }
    return slot[0]->rdev ? slot[0] : 0;
}

static uint8_t *count_of(struct track *t, int i) { return t->data + t->off[i]; }
static uint32_t kl_of(struct track *t, int i) { return count_of(t, i)[5]; }
static uint32_t dl_of(struct track *t, int i) { return be16_get(count_of(t, i) + 6); }

uint32_t vdasd_cells(uint32_t kl, uint32_t dl)
{
    uint32_t dn = (dl + 6 + 231) / 232 + 1;
    uint32_t cells = 10 + 9 + (dl + 6 * dn + 33) / 34;
    if (kl) {
        uint32_t kn = (kl + 6 + 231) / 232 + 1;
        cells += 9 + (kl + 6 * kn + 33) / 34;
    }
    return cells;
}

/* ---- sense ---------------------------------------------------------------- */

static int unit_check(struct vdev *d, uint8_t s0, uint8_t s1, uint8_t msg, uint32_t *resid,
                      uint32_t count)
{
    struct vdasd *s = state(d);
    memset(d->sense, 0, sizeof d->sense);
    d->sense[0] = s0;
    d->sense[1] = s1;
    /* Bytes 5-6: cylinder and head (X'FFFF' beyond 4095 cylinders),
     * 7: format and message, 27: 24-byte compatible sense, 29-31: CCHH. */
    if (s->cyls > 4095) {
        d->sense[5] = d->sense[6] = 0xFF;
    } else {
        d->sense[5] = (uint8_t)s->cyl;
        d->sense[6] = (uint8_t)((s->cyl >> 8) << 4 | (s->head & 0xF));
    }
    d->sense[7] = msg;              /* format 0 */
    d->sense[27] = 0x80;
    be16_put(d->sense + 29, (uint16_t)s->cyl);
    d->sense[31] = (uint8_t)s->head;
    d->nsense = 32;
    *resid = count;
    return DEV_UC;
}
#define REJECT(msg) unit_check(d, S0_CR, 0, (msg), resid, count)
#define CHECK1(s1)  unit_check(d, 0, (s1), 0, resid, count)

/* ---- orientation ----------------------------------------------------------- */

static int in_extent(struct vdasd *s, uint32_t cyl, uint32_t head)
{
    uint32_t t = cyl * VDASD_HEADS + head;
    return !s->dx || (t >= s->dx_begin && t <= s->dx_end);
}

static void seek(struct vdasd *s, uint32_t cyl, uint32_t head)
{
    s->cyl = cyl;
    s->head = head;
    s->orient = AT_INDEX;
    s->rec = -1;
    s->xmark = 0;
    s->seeked = 1;
}

/* Move to the next count field (R0 only if with_r0).  Returns 0, or a
 * unit check: end of cylinder, file protected, no record found, or an
 * equipment check when the real track cannot be read. */
static int next_count(struct vdev *d, int with_r0, int multitrack, uint32_t *resid, uint32_t count)
{
    struct vdasd *s = state(d);
    for (int passes = 0; passes < 2 * VDASD_HEADS + 4; passes++) {
        struct track *t = track_get(s, s->cyl, s->head);
        if (!t)
            return unit_check(d, S0_EC, 0, 0, resid, count);
        int i = s->orient == AT_COUNT || s->orient == AT_DATA ? s->rec + 1 : 0;
        if (i == 0 && !with_r0)
            i = 1;
        if (i < t->nrec) {
            s->rec = i;
            s->orient = AT_COUNT;
            return 0;
        }
        /* End of track. */
        if (multitrack || s->lr_count > 0) {
            if (s->lr_count == 0 && s->head + 1 >= VDASD_HEADS)
                return CHECK1(S1_EOC);
            uint32_t c = s->cyl, h = s->head + 1;
            if (h == VDASD_HEADS)
                h = 0, c++;
            if (c >= s->cyls || !in_extent(s, c, h))
                return CHECK1(S1_FP);
            s->cyl = c;
            s->head = h;
            s->orient = AT_INDEX;
            continue;
        }
        if (s->xmark)
            return CHECK1(S1_NRF);
        s->xmark = 1;           /* around the track once more */
        s->orient = AT_INDEX;
    }
    return CHECK1(S1_NRF);
}

static int check_seek_addr(struct vdev *d, uint32_t cyl, uint32_t head, uint32_t *resid,
                           uint32_t count)
{
    struct vdasd *s = state(d);
    if (cyl >= s->cyls || head >= VDASD_HEADS)
        return REJECT(MSG_PARM);
    if (!in_extent(s, cyl, head))
        return CHECK1(S1_FP);
    return 0;
}

/* ---- commands -------------------------------------------------------------- */

static int define_extent(struct vdev *d, uint8_t *b, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    if (count < 16)
        return REJECT(MSG_LEN);
    if (s->dx || s->lr_count)
        return REJECT(MSG_SEQ);
    uint32_t bc = be16_get(b + 8), bh = be16_get(b + 10);
    uint32_t ec = be16_get(b + 12), eh = be16_get(b + 14);
    if ((b[0] & FM_RESV) || bc >= s->cyls || ec >= s->cyls || bh >= VDASD_HEADS ||
        eh >= VDASD_HEADS || bc * VDASD_HEADS + bh > ec * VDASD_HEADS + eh)
        return REJECT(MSG_PARM);
    s->dx = 1;
    s->fmask = b[0];
    s->dx_begin = bc * VDASD_HEADS + bh;
    s->dx_end = ec * VDASD_HEADS + eh;
    *resid = count - 16;
    return 0;
}

static int do_seek(struct vdev *d, uint8_t cmd, uint8_t *b, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    if (s->lr_count)
        return REJECT(MSG_SEQ);
    uint8_t sk = s->fmask & FM_SEEK;
    if ((cmd == 0x07 && sk != FM_SEEK_ALL) ||
        (cmd == 0x0B && sk != FM_SEEK_ALL && sk != FM_SEEK_CYLHD) ||
        (cmd == 0x1B && sk == FM_SEEK_NONE))
        return CHECK1(S1_FP);
    if (count < 6)
        return REJECT(MSG_LEN);
    if (cmd == 0x1B && !s->seeked)
        return REJECT(MSG_SEQ);
    uint32_t cyl = cmd == 0x1B ? s->cyl : be16_get(b + 2), head = be16_get(b + 4);
    if (be16_get(b) != 0)
        return REJECT(MSG_PARM);
    int rc = check_seek_addr(d, cyl, head, resid, count);
    if (rc)
        return rc;
    seek(s, cyl, head);
    *resid = count - 6;
    return 0;
}

static int search_id(struct vdev *d, uint8_t cmd, uint8_t *b, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    if (s->lr_count || !s->seeked)
        return REJECT(MSG_SEQ);
    int rc = next_count(d, 1, cmd & 0x80, resid, count);
    if (rc)
        return rc;
    struct track *t = track_get(s, s->cyl, s->head);
    uint32_t n = count < 5 ? count : 5;
    int cmp = memcmp(count_of(t, s->rec), b, n);
    int hit;
    switch (cmd & 0x7F) {
    case 0x31: hit = cmp == 0; break;           /* equal */
    case 0x51: hit = cmp > 0; break;            /* high */
    default:   hit = cmp >= 0; break;           /* equal or high */
    }
    s->id_equal = (cmd & 0x7F) == 0x31 && hit && n == 5;
    *resid = count - n;
    return hit ? DEV_SM : 0;
}

static int search_ha(struct vdev *d, uint8_t *b, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    if (s->lr_count || !s->seeked)
        return REJECT(MSG_SEQ);
    uint8_t ha[4];
    be16_put(ha, (uint16_t)s->cyl);
    be16_put(ha + 2, (uint16_t)s->head);
    uint32_t n = count < 4 ? count : 4;
    s->orient = AT_HA;
    s->rec = -1;
    *resid = count - n;
    s->ha_equal = n == 4 && memcmp(ha, b, 4) == 0;
    return memcmp(ha, b, n) == 0 ? DEV_SM : 0;
}

/* Copy n bytes of a record field to buf, return the status for a read. */
static int give(uint8_t *buf, const uint8_t *src, uint32_t n, uint32_t count, uint32_t *resid)
{
    uint32_t k = n < count ? n : count;
    memcpy(buf, src, k);
    *resid = count - k;
    return 0;
}

/* In a Locate Record domain, one more record operation; 0 if it may go
 * on.  *in_domain tells whether the command is in the domain. */
static int domain_step(struct vdev *d, uint8_t cmd, uint32_t count, uint32_t *resid, int *in_domain)
{
    struct vdasd *s = state(d);
    *in_domain = s->lr_count > 0;
    if (!s->lr_count)
        return 0;
    int ok;
    switch (s->lr_op) {
    case OP_WRITE:  ok = cmd == 0x05; break;
    case OP_FORMAT: ok = cmd == 0x1D || cmd == 0x15 || cmd == 0x19; break;
    case OP_RDDATA: ok = cmd == 0x06 || cmd == 0x86; break;
    case OP_WRTTRK: ok = cmd == 0x1D || cmd == 0x11; break;
    case OP_RDTRKS: ok = cmd == 0xDE; break;
    default:        ok = (cmd & 3) == 2 && cmd != 0x02 && cmd != 0xDE && cmd != 0x5E;
                    break;                                      /* any read */
    }
    if (s->lr_suffix && s->lr_count == 1)       /* the suffixed Read Count */
        ok = (cmd & 0x7F) == 0x12;
    if (!ok)
        return REJECT(MSG_SEQ);
    s->lr_count--;
    return 0;
}

/* Position on the record a data read or write acts on: the record whose
 * count was just passed, else the next one (R0 excluded). */
static int to_data(struct vdev *d, uint8_t cmd, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    if (s->orient == AT_COUNT)
        return 0;
    return next_count(d, 0, cmd & 0x80, resid, count);
}

static int read_cmd(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    int dom, rc = domain_step(d, cmd, count, resid, &dom);
    if (rc)
        return rc;
    if (!s->seeked && cmd != 0x02)
        return REJECT(MSG_SEQ);
    struct track *t;
    switch (cmd & 0x7F) {
    case 0x02:                                          /* Read IPL */
        seek(s, 0, 0);
        rc = next_count(d, 0, 0, resid, count);
        break;
    case 0x1A:                                          /* Read Home Address */
        s->orient = AT_HA;
        s->rec = -1;
        uint8_t ha[5] = { 0 };
        be16_put(ha + 1, (uint16_t)s->cyl);
        be16_put(ha + 3, (uint16_t)s->head);
        return give(buf, ha, 5, count, resid);
    case 0x16:                                          /* Read R0 */
        s->orient = AT_INDEX;
        rc = next_count(d, 1, 0, resid, count);
        if (!rc && count_of(track_get(s, s->cyl, s->head), s->rec)[4] != 0)
            return CHECK1(S1_NRF);
        break;
    case 0x12: case 0x1E:                               /* Read Count, Read CKD: */
        rc = next_count(d, 0, cmd & 0x80, resid, count);   /* the next record */
        break;
    default:                                            /* Read Data, Read Key and Data */
        rc = to_data(d, cmd, count, resid);
        break;
    }
    if (rc)
        return rc;
    t = track_get(s, s->cyl, s->head);
    if (!t)
        return unit_check(d, S0_EC, 0, 0, resid, count);
    uint8_t *c = count_of(t, s->rec);
    uint32_t kl = c[5], dl = be16_get(c + 6);
    s->orient = (cmd & 0x7F) == 0x12 ? AT_COUNT : AT_DATA;
    s->xmark = 0;
    switch (cmd & 0x7F) {
    case 0x12: return give(buf, c, 8, count, resid);
    case 0x16: case 0x1E: return give(buf, c, 8 + kl + dl, count, resid);
    case 0x0E: return give(buf, c + 8, kl + dl, count, resid);
    default:   return give(buf, c + 8 + kl, dl, count, resid);
    }
}

static int write_inhibited(struct vdasd *s, int format)
{
    uint8_t w = s->fmask & FM_WRITE;
    return s->readonly || w == FM_INH_ALL || (format && w == FM_UPDATE);
}

/* May this write go ahead: a Locate Record domain that allows it, or a
 * Search ID Equal that matched (or, to format, a Write CKD just before),
 * and a file mask and minidisk that allow writing.  0, or the unit check. */
static int write_allowed(struct vdev *d, uint8_t cmd, uint32_t count, uint32_t *resid, int format)
{
    struct vdasd *s = state(d);
    int dom, rc = domain_step(d, cmd, count, resid, &dom);
    if (rc)
        return rc;
    if (write_inhibited(s, format))
        return REJECT(MSG_SEQ);
    if (!dom && !(format && s->fmt_out) && !(s->id_equal && s->orient == AT_COUNT))
        return REJECT(MSG_SEQ);
    return 0;
}

static int write_update(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    int rc = write_allowed(d, cmd, count, resid, 0);
    if (rc || (rc = to_data(d, cmd, count, resid)) != 0)
        return rc;
    struct track *t = track_get(s, s->cyl, s->head);
    if (!t)
        return unit_check(d, S0_EC, 0, 0, resid, count);
    uint8_t *c = count_of(t, s->rec);
    uint32_t n = (cmd == 0x0D ? c[5] : 0) + be16_get(c + 6);
    uint8_t *field = c + 8 + (cmd == 0x0D ? 0 : c[5]);
    uint32_t k = count < n ? count : n;
    memcpy(field, buf, k);
    memset(field + k, 0, n - k);        /* a short write pads with zeros */
    *resid = count - k;
    s->orient = AT_DATA;
    s->id_equal = 0;
    if (eckd_update_record(s->rdev, t->cyl, t->head, c, cmd, field, n) != 0) {
        t->rdev = 0;                    /* the image no longer says what is there */
        return unit_check(d, S0_EC, 0, 0, resid, count);
    }
    return 0;
}

static int write_ckd(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    int rc = write_allowed(d, cmd, count, resid, 1);
    if (rc)
        return rc;
    if (count < 8)
        return REJECT(MSG_LEN);
    struct track *t = track_get(s, s->cyl, s->head);
    if (!t)
        return unit_check(d, S0_EC, 0, 0, resid, count);
    int after = s->orient == AT_INDEX || s->orient == AT_HA ? 0 : s->rec;
    uint32_t kl = buf[5], dl = be16_get(buf + 6), n = 8 + kl + dl;
    /* Room on a 3390 track: the records kept before, plus the new one. */
    uint32_t cells = vdasd_cells(kl, dl);
    for (int i = 1; i <= after; i++)
        cells += vdasd_cells(kl_of(t, i), dl_of(t, i));
    uint32_t end = after + 1 < t->nrec ? t->off[after + 1] : t->len;
    if (cells > VDASD_TRACK_CELLS || end + n > TRACK_MAX || after + 1 >= TRACK_RECS)
        return CHECK1(S1_ITF);
    uint32_t k = count < n ? count : n;
    memcpy(t->data + end, buf, k);
    memset(t->data + end + k, 0, n - k);
    t->len = end + n;                   /* every record after it is erased */
    index_track(t);
    s->rec = after + 1;
    s->orient = AT_DATA;
    s->id_equal = 0;
    *resid = count - k;
    if (eckd_write_track(s->rdev, t->cyl, t->head, t->data, t->len) != 0) {
        t->rdev = 0;
        return unit_check(d, S0_EC, 0, 0, resid, count);
    }
    return 0;
}

/* The virtual track's image, for a write or a read that needs it. */
#define TRACK_OR_EC(t)                                              \
    struct track *t = track_get(s, s->cyl, s->head);                \
    if (!t)                                                         \
        return unit_check(d, S0_EC, 0, 0, resid, count)

/* Write the whole image (R0 included) through to the real volume. */
static int write_through_r0(struct vdev *d, struct track *t, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    if (eckd_write_track_r0(s->rdev, t->cyl, t->head, t->data, t->len) != 0) {
        t->rdev = 0;
        return unit_check(d, S0_EC, 0, 0, resid, count);
    }
    return 0;
}

/* Write Home Address (X'19'): 5 bytes, flag and CCHH.  The home address
 * of a minidisk track is the real one, which CP keeps; the guest may
 * write only its own (virtual) CCHH back, and the records stay as they
 * are (Hercules, under us, also writes nothing).  It lets a Write R0
 * follow outside a Locate Record domain.  GA32-0274: the file mask must
 * permit every write (X'C0'), else file protected; in a domain only a
 * format write with index orientation. */
static int write_ha(struct vdev *d, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    int dom, rc = domain_step(d, 0x19, count, resid, &dom);
    if (rc)
        return rc;
    if (!s->seeked || (dom && s->lr_orient != OR_INDEX))
        return REJECT(MSG_SEQ);
    if (s->readonly)
        return REJECT(MSG_SEQ);
    if ((s->fmask & FM_WRITE) != FM_WRITE)
        return CHECK1(S1_FP);
    if (count < 5)
        return REJECT(MSG_LEN);
    if (be16_get(buf + 1) != s->cyl || be16_get(buf + 3) != s->head)
        return REJECT(MSG_PARM);
    s->orient = AT_HA;
    s->rec = -1;
    s->ha_equal = !dom;
    *resid = count - 5;
    return 0;
}

/* Write Record Zero (X'15'): a standard R0 (the current virtual CCHH,
 * R 0, no key, 8 data bytes, a short count padded with zeros) formats the
 * track anew: everything after it goes (GA32-0274 "Write Record Zero").
 * Outside a domain it follows a Search HA that matched or a Write HA; in
 * one, a format write with home or index orientation.  The file mask must
 * permit every write (X'C0'), else command reject message 2. */
static int write_r0(struct vdev *d, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    int ha_ok = s->ha_equal;
    int dom, rc = domain_step(d, 0x15, count, resid, &dom);
    if (rc)
        return rc;
    if (dom ? s->lr_orient != OR_HOME && s->lr_orient != OR_INDEX : !ha_ok)
        return REJECT(MSG_SEQ);
    if (s->readonly || (s->fmask & FM_WRITE) != FM_WRITE)
        return REJECT(MSG_SEQ);
    if (count < 8)
        return REJECT(MSG_LEN);
    if (be16_get(buf) != s->cyl || be16_get(buf + 2) != s->head || buf[4] != 0 ||
        buf[5] != 0 || be16_get(buf + 6) != 8)
        return REJECT(MSG_PARM);
    TRACK_OR_EC(t);
    uint32_t k = count < 16 ? count : 16;
    memcpy(t->data, buf, k);
    memset(t->data + k, 0, 16 - k);
    t->len = 16;
    index_track(t);
    s->rec = 0;
    s->orient = AT_DATA;
    s->id_equal = 0;
    *resid = count - k;
    return write_through_r0(d, t, count, resid);
}

/* Erase (X'11'): a count field (and the key and data lengths it names are
 * taken from the channel); every record after the current one goes.
 * Outside a domain after a Search ID Equal that matched or a Write R0 or
 * Write CKD; in one, a Write Track operation.  A file mask inhibiting
 * format writes: command reject message 2 (Hercules ckddasd.c). */
static int erase(struct vdev *d, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    int fmt = s->fmt_out, idq = s->id_equal && s->orient == AT_COUNT;
    int dom, rc = domain_step(d, 0x11, count, resid, &dom);
    if (rc)
        return rc;
    if (write_inhibited(s, 1) || (!dom && !fmt && !idq))
        return REJECT(MSG_SEQ);
    if (count < 8)
        return REJECT(MSG_LEN);
    TRACK_OR_EC(t);
    int after = s->orient == AT_INDEX || s->orient == AT_HA ? 0 : s->rec;
    uint32_t n = 8 + buf[5] + be16_get(buf + 6), cells = vdasd_cells(buf[5], be16_get(buf + 6));
    for (int i = 1; i <= after; i++)
        cells += vdasd_cells(kl_of(t, i), dl_of(t, i));
    if (cells > VDASD_TRACK_CELLS)
        return CHECK1(S1_ITF);
    t->len = after + 1 < t->nrec ? t->off[after + 1] : t->len;
    index_track(t);
    s->rec = after;
    s->orient = AT_DATA;
    s->id_equal = 0;
    *resid = count - (count < n ? count : n);
    if (eckd_write_track(s->rdev, t->cyl, t->head, t->data, t->len) != 0) {
        t->rdev = 0;
        return unit_check(d, S0_EC, 0, 0, resid, count);
    }
    return 0;
}

/* Copy records first..nrec-1 of t (count, key, data) to buf; returns the
 * bytes the records take. */
static uint32_t records_from(struct track *t, int first, uint8_t *buf, uint32_t count)
{
    uint32_t from = first < t->nrec ? t->off[first] : t->len, n = t->len - from;
    memcpy(buf, t->data + from, n < count ? n : count);
    return n;
}

/* Read Track (X'DE'): in a Read Tracks domain, right after the Locate
 * Record or another Read Track: every record of the track (R0 included)
 * after the orientation, then a pseudo count of eight X'FF'; each further
 * Read Track the next track from R0 (GA32-0274 "Read Track"). */
static int read_track(struct vdev *d, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    uint8_t prev = s->prev;
    int dom, rc = domain_step(d, 0xDE, count, resid, &dom);
    if (rc)
        return rc;
    if (!dom || (prev != 0x47 && prev != 0x4B && prev != 0xDE))
        return REJECT(MSG_SEQ);
    if (prev == 0xDE) {
        uint32_t c = s->cyl, h = s->head + 1;
        if (h == VDASD_HEADS)
            h = 0, c++;
        if (c >= s->cyls || !in_extent(s, c, h))
            return CHECK1(S1_FP);
        seek(s, c, h);
    }
    TRACK_OR_EC(t);
    int first = s->orient == AT_INDEX || s->orient == AT_HA ? 0 : s->rec + 1;
    uint32_t n = records_from(t, first, buf, count);
    static const uint8_t eot[8] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    if (n < count)
        memcpy(buf + n, eot, count - n < 8 ? count - n : 8);
    n += 8;
    *resid = count - (n < count ? n : count);
    s->rec = t->nrec - 1;
    s->orient = AT_DATA;
    s->xmark = 0;
    return 0;
}

/* Read Multiple Count, Key and Data (X'5E'): outside a domain, every
 * record after the current position to the end of the track, R0 not
 * included, no pseudo count (Hercules ckddasd.c). */
static int read_mckd(struct vdev *d, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    if (s->lr_count || !s->seeked)
        return REJECT(MSG_SEQ);
    TRACK_OR_EC(t);
    int first = s->orient == AT_INDEX || s->orient == AT_HA ? 1 : s->rec + 1;
    if (first < 1)
        first = 1;
    uint32_t n = records_from(t, first, buf, count);
    *resid = count - (n < count ? n : count);
    s->rec = t->nrec - 1;
    s->orient = AT_DATA;
    s->xmark = 0;
    return 0;
}

/* Locate Record (X'47', 16 bytes) and Locate Record Extended (X'4B', 20
 * bytes and extended parameters): the same operation byte, count, seek
 * address and search argument (GA32-0274 "Locate Record", "Locate Record
 * Extended"; the valid orientation and operation pairs as Hercules
 * ckddasd.c checks them).  LRE's extended operations (byte 0 X'3F': Write
 * Any, Read Any, Read Trackset) are not offered: invalid parameter. */
static int locate(struct vdev *d, uint8_t cmd, uint8_t *b, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    int ext = cmd == 0x4B;
    uint32_t need = ext ? 20 : 16;
    if (count < need)
        return REJECT(MSG_LEN);
    if (s->lr_count || !s->dx)
        return REJECT(MSG_SEQ);
    uint8_t op = LR_CODE(b[0]), orient = LR_ORIENT(b[0]);
    int ok;
    switch (op) {
    case OP_ORIENT:  ok = !ext && orient != OR_INDEX; break;
    case OP_WRITE:   ok = orient == OR_COUNT || orient == OR_DATA; break;
    case OP_FORMAT:  ok = orient != OR_DATA; break;
    case OP_RDDATA:  ok = orient != OR_INDEX; break;
    case OP_WRTTRK:  ok = orient == OR_COUNT; break;
    case OP_RDTRKS:  ok = orient == OR_COUNT || orient == OR_HOME; break;
    case OP_READ:    ok = 1; break;
    default:         ok = 0; break;                 /* OP_EXT included */
    }
    uint32_t tlf = be16_get(b + 14);
    if (!ok || b[2] != 0 || (b[1] & 0x7E) || (op == OP_ORIENT) != (b[3] == 0) ||
        ((b[1] & LR_AUX_SUFFIX) && (b[3] < 2 || (op != OP_WRITE && op != OP_READ))) ||
        (b[13] != 0xFF && b[13] >= 224) ||             /* a 3390 track has 224 sectors */
        ((b[1] & LR_AUX_TLF) ? tlf == 0 : tlf != 0))
        return REJECT(MSG_PARM);
    if (ext && (b[16] != 0 || b[17] != 0 || be16_get(b + 18) != 0))
        return REJECT(MSG_PARM);
    if ((op == OP_WRITE || op == OP_FORMAT || op == OP_WRTTRK) &&
        write_inhibited(s, op != OP_WRITE))
        return REJECT(MSG_SEQ);
    uint32_t cyl = be16_get(b + 4), head = be16_get(b + 6);
    int rc = check_seek_addr(d, cyl, head, resid, count);
    if (rc)
        return rc;
    seek(s, cyl, head);
    *resid = count - need;
    if (orient == OR_COUNT || orient == OR_DATA) {
        /* Search this track once for the count field b[8..12]. */
        struct track *t = track_get(s, cyl, head);
        if (!t)
            return unit_check(d, S0_EC, 0, 0, resid, count);
        int i;
        for (i = 0; i < t->nrec && memcmp(count_of(t, i), b + 8, 5) != 0; i++)
            ;
        if (i == t->nrec)
            return CHECK1(S1_NRF);
        s->rec = i;
        s->orient = orient == OR_DATA ? AT_DATA : AT_COUNT;
    } else if (orient == OR_HOME) {
        uint8_t ha[4];
        be16_put(ha, (uint16_t)cyl);
        be16_put(ha + 2, (uint16_t)head);
        if (memcmp(ha, b + 8, 4) != 0)
            return CHECK1(S1_NRF);
        s->orient = AT_HA;
    }
    /* With count orientation the domain's first data read or write is the
     * located record's; a format domain writes after it. */
    s->lr_count = b[3];
    s->lr_op = op;
    s->lr_orient = orient;
    s->lr_suffix = !!(b[1] & LR_AUX_SUFFIX);
    return 0;
}

/* A new channel program: no extent, no orientation (GA32-0274: Define
 * Extent and the file mask hold for one channel program). */
static void vdasd_start(struct vdev *d)
{
    struct vdasd *s = state(d);
    s->dx = 0;
    s->fmask = 0;
    s->seeked = 0;
    s->orient = AT_INDEX;
    s->rec = -1;
    s->xmark = s->id_equal = 0;
    s->prev = s->cur = 0;
    s->lr_count = 0;
    s->lr_suffix = s->ha_equal = s->fmt_out = 0;
}

static int vdasd_cmd(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    switch (cmd) {
    case 0x03:                                  /* no-operation */
        *resid = count;
        return 0;
    case 0x04: {                                /* sense: 32 bytes, then cleared */
        uint8_t sense[32];
        memcpy(sense, d->sense, 32);
        memset(d->sense, 0, sizeof d->sense);
        d->nsense = 0;
        return give(buf, sense, 32, count, resid);
    }
    case 0xE4: {                                /* sense ID */
        struct rdev *r = s->rdev;
        uint8_t id[7] = { 0xFF, (uint8_t)(r->cutype >> 8), (uint8_t)r->cutype, r->cumodel,
                          (uint8_t)(r->devtype >> 8), (uint8_t)r->devtype, r->model };
        return give(buf, id, 7, count, resid);
    }
    case 0x64: {                                /* read device characteristics */
        uint8_t rdc[64];
        memcpy(rdc, s->rdev->rdc, 64);
        be16_put(rdc + 12, (uint16_t)s->cyls);  /* primary cylinders: the minidisk's */
        return give(buf, rdc, 64, count, resid);
    }
    case 0x63:
        return define_extent(d, buf, count, resid);
    case 0x47: case 0x4B:
        return locate(d, cmd, buf, count, resid);
    case 0x07: case 0x0B: case 0x1B:
        return do_seek(d, cmd, buf, count, resid);
    case 0x13:                                  /* recalibrate */
        if (s->lr_count)
            return REJECT(MSG_SEQ);
        if (!in_extent(s, 0, 0))
            return CHECK1(S1_FP);
        seek(s, 0, 0);
        *resid = count;
        return 0;
    case 0x31: case 0x51: case 0x71: case 0xB1: case 0xD1: case 0xF1:
        return search_id(d, cmd, buf, count, resid);
    case 0x39:
        return search_ha(d, buf, count, resid);
    case 0x02: case 0x06: case 0x86: case 0x0E: case 0x8E: case 0x12: case 0x92:
    case 0x16: case 0x1A: case 0x1E: case 0x9E:
        return read_cmd(d, cmd, buf, count, resid);
    case 0x05: case 0x0D:
        return write_update(d, cmd, buf, count, resid);
    case 0x1D:
        return write_ckd(d, cmd, buf, count, resid);
    case 0x15:
        return write_r0(d, buf, count, resid);
    case 0x19:
        return write_ha(d, buf, count, resid);
    case 0x11:
        return erase(d, buf, count, resid);
    case 0xDE:
        return read_track(d, buf, count, resid);
    case 0x5E:
        return read_mckd(d, buf, count, resid);
    default:                                    /* invalid command code */
        return unit_check(d, S0_CR, 0, 1, resid, count);
    }
}

static int vdasd_ccw(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vdasd *s = state(d);
    if (s->starts != d->starts) {               /* a new channel program */
        vdasd_start(d);
        s->starts = d->starts;
    }
    s->prev = s->cur;
    s->cur = cmd;
    int outside = s->lr_count == 0;
    int rc = vdasd_cmd(d, cmd, buf, count, resid);
    /* What the next command may rely on: a Write R0 or Write CKD just
     * before, outside a domain (for Write CKD, Erase); a Search HA that
     * matched or a Write HA (for Write R0). */
    s->fmt_out = !(rc & DEV_UC) && outside && (cmd == 0x15 || cmd == 0x1D);
    if ((rc & DEV_UC) || (cmd != 0x39 && cmd != 0x19))
        s->ha_equal = 0;
    if (rc & DEV_UC)
        s->lr_count = 0;                        /* the program ends here */
    return rc;
}

static void vdasd_reset(struct vdev *d)
{
    memset(d->sense, 0, sizeof d->sense);
    vdasd_start(d);
}

static void vdasd_release(struct vdev *d)
{
    struct vdasd *s = state(d);
    if (s && s->tdisk) {
        /* A temporary disk leaves nothing behind: every track back to R0. */
        static uint8_t r0[16];
        for (uint32_t c = 0; c < s->cyls; c++)
            for (uint32_t h = 0; h < VDASD_HEADS; h++) {
                memset(r0, 0, sizeof r0);
                be16_put(r0, (uint16_t)(s->start + c));
                be16_put(r0 + 2, (uint16_t)h);
                r0[7] = 8;
                eckd_write_track_r0(s->rdev, s->start + c, h, r0, sizeof r0);
            }
        vdasd_cache_drop(s->rdev);
        tdisk_free(s->rdev, s->start);
    }
    if (s)
        s->in_use = 0;
    d->priv = 0;
}

const struct vdev_ops vdasd_ops = { "3390", vdasd_ccw, vdasd_reset, vdasd_release };

struct vdev *vdasd_define(struct vm *vm, uint16_t devno, struct rdev *r, uint32_t start,
                          uint32_t cyls, int readonly)
{
    struct vdasd *s = 0;
    for (int i = 0; i < VDASD_MAX && !s; i++)
        if (!vdasds[i].in_use)
            s = &vdasds[i];
    if (!s || !r || cyls == 0 || start + cyls > r->cylinders)
        return 0;
    struct vdev *d = vm_add_vdev(vm, devno, 0x3390, &vdasd_ops);
    if (!d)
        return 0;
    static uint32_t serials;
    memset(s, 0, sizeof *s);
    s->in_use = 1;
    s->serial = ++serials;
    s->rdev = r;
    s->start = start;
    s->cyls = cyls;
    s->readonly = readonly;
    d->model = r->model;
    d->priv = s;
    vdasd_reset(d);
    return d;
}

void vdasd_cache_drop(const struct rdev *r)
{
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (!r || cache[i].rdev == r)
            cache[i].rdev = 0;
}

void vdasd_set_tdisk(struct vdev *d)
{
    struct vdasd *s = state(d);
    if (s)
        s->tdisk = 1;
}

int vdasd_info(const struct vdev *d, struct vdasd_info *info)
{
    struct vdasd *s = state(d);
    if (!s)
        return -1;
    info->rdev = s->rdev;
    info->start = s->start;
    info->cyls = s->cyls;
    info->readonly = s->readonly;
    info->serial = s->serial;
    info->tdisk = s->tdisk;
    return 0;
}

/* The count field of record rec of virtual (cyl, head), its data length
 * checked: VDASD_OK with *cp and *tp, or the error. */
static int record_find(struct vdasd *s, uint32_t cyl, uint32_t head, uint8_t rec,
                       uint32_t len, struct track **tp, uint8_t **cp)
{
    if (!s || cyl >= s->cyls || head >= VDASD_HEADS || rec == 0)
        return VDASD_ENOTFOUND;
    struct track *t = track_get(s, cyl, head);
    if (!t)
        return VDASD_EIO;
    int i;
    for (i = 1; i < t->nrec && count_of(t, i)[4] != rec; i++)
        ;
    if (i == t->nrec)
        return VDASD_ENOTFOUND;
    uint8_t *c = count_of(t, i);
    if (be16_get(c + 6) != len)
        return VDASD_ELEN;
    *tp = t;
    *cp = c;
    return VDASD_OK;
}

int vdasd_record_io(struct vdev *d, int write, uint32_t cyl, uint32_t head, uint8_t rec,
                    uint8_t *buf, uint32_t len)
{
    struct vdasd *s = state(d);
    if (write && s && s->readonly && cyl < s->cyls && head < VDASD_HEADS && rec)
        return VDASD_ERO;
    struct track *t;
    uint8_t *c;
    int rc = record_find(s, cyl, head, rec, len, &t, &c);
    if (rc != VDASD_OK)
        return rc;
    uint8_t *data = c + 8 + c[5];
    if (!write) {
        memcpy(buf, data, len);
        return VDASD_OK;
    }
    memcpy(data, buf, len);
    if (eckd_update_record(s->rdev, t->cyl, t->head, c, 0x05, data, len) != 0) {
        t->rdev = 0;
        return VDASD_EIO;
    }
    return VDASD_OK;
}

const uint8_t *vdasd_record_data(struct vdev *d, uint32_t cyl, uint32_t head, uint8_t rec,
                                 uint32_t len, int *rc)
{
    struct track *t;
    uint8_t *c;
    *rc = record_find(state(d), cyl, head, rec, len, &t, &c);
    return *rc == VDASD_OK ? c + 8 + c[5] : 0;
}

uint32_t vdasd_serial(const struct vdev *d)
{
    struct vdasd *s = state(d);
    return s ? s->serial : 0;
}

/* DIAG X'250''s read path, once a block a BIOE.  The fast case is the one
 * record_find ends in for a track formatted in fixed blocks that is in the
 * cache where its hint says: the same checks (track inside the minidisk,
 * the record there and first of its number, its data length), without the
 * division into cylinder and head, the scan of the cache and the scan of
 * the track.  Anything else takes vdasd_record_data. */
const uint8_t *vdasd_block_data_cached(struct vdev *d, uint32_t track, uint8_t rec,
                                       uint32_t len, int *rc)
{
    struct vdasd *s = state(d);
    if (s && track < s->cyls * VDASD_HEADS && rec) {
        uint32_t real = s->start * VDASD_HEADS + track;
        struct track *t = &cache[hint[real % HINTS]];
        if (t->rdev == s->rdev && t->cyl * VDASD_HEADS + t->head == real && t->regular &&
            rec < t->nrec) {
            uint8_t *c = count_of(t, rec);
            if (be16_get(c + 6) == len) {
                t->age = ++cache_clock;
                *rc = VDASD_OK;
                return c + 8 + c[5];
            }
        }
    }
    return 0;
}

const uint8_t *vdasd_block_data(struct vdev *d, uint32_t track, uint8_t rec, uint32_t len,
                                int *rc)
{
    const uint8_t *p = vdasd_block_data_cached(d, track, rec, len, rc);
    if (p)
        return p;
    uint64_t head, cyl = udivmod(track, VDASD_HEADS, &head);
    return vdasd_record_data(d, (uint32_t)cyl, (uint32_t)head, rec, len, rc);
}
