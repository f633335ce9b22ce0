/* Virtual unit record devices on spool files.  CCWs as the real devices
 * take them (IBM 2540 / 3505 / 3525 / 1403 component descriptions):
 *   reader  Read (any command ending in binary 10): one record, up to 80
 *           bytes; after the last record of a file, unit exception; an
 *           empty queue is intervention required (sense X'40').
 *   punch   Write (ending in 01, e.g. X'01' feed, X'41'/X'81' stacker
 *           select): one 80-column card, short data padded with blanks.
 *   printer Write (ending in binary 001: X'01' no space, X'09'/X'11'/X'19'
 *           space 1-3 after, X'89'... skip to channel after): a line of up
 *           to 132 bytes; control immediate (ending in 011, X'0B', X'8B',
 *           ...): a carriage motion, stored as an empty record.
 * All: X'03' no-op, X'04' sense, X'E4' sense ID; others command reject.
 * Records are stored as written: the command byte and the EBCDIC data. */
#include "cp/vm/vspool.h"
#include "cp/dev/urout.h"
#include "cp/vm/vcss.h"
#include "cp/arch/clock.h"
#include "cp/dev/rdev.h"
#include "cp/sys/control.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/str.h"

#define SENSE_CMDREJ  0x80
#define SENSE_INTREQ  0x40
#define SENSE_EQUIP   0x10

struct spool sysspool;

#define VUR_MAX  (VM_MAX * 4)
#define CUR_MAX  (VM_MAX * 2)
static struct vur vurs[VUR_MAX];
static struct spool_cursor cursors[CUR_MAX];
static uint8_t cursor_used[CUR_MAX];

struct vur *vur_of(struct vdev *d)
{
    return d->ops == &vrdr_ops || d->ops == &vpun_ops || d->ops == &vprt_ops ? d->priv : 0;
}

const char *spool_qname(int q)
{
    return q == SQ_RDR ? "RDR" : q == SQ_PRT ? "PRT" : q == SQ_PUN ? "PUN" : "???";
}

void spool_recs(char *out, uint32_t n)
{
    if (n <= 9999)
        fmt(out, 8, "%04u", n);
    else if (n < 1000000)
        fmt(out, 8, "%03uK", n / 1000);
    else
        fmt(out, 8, "%03uM", n / 1000000);
}

static const uint8_t *sense_id_of(struct vdev *d)
{
    static uint8_t id[7];
    id[0] = 0xFF;
    id[1] = (uint8_t)(d->devtype >> 8);
    id[2] = (uint8_t)d->devtype;
    id[3] = 0x01;
    id[4] = (uint8_t)(d->devtype >> 8);
    id[5] = (uint8_t)d->devtype;
    id[6] = 0x01;
    return id;
}

static int unit_check(struct vdev *d, uint8_t sense, uint32_t count, uint32_t *resid)
{
    d->sense[0] = sense;
    *resid = count;
    return DEV_UC;
}

/* ---- output: punch and printer --------------------------------------------------- */
static void spool_full_messages(struct vdev *d, struct vur *u, int id)
{
    char line[160];
    fmt(line, sizeof line, "HCPSPS9431E System spool space full: %s FILE %04d of %s closed and held",
        spool_qname(u->queue), id, d->vm->userid);
    console_message(line);
    fmt(line, sizeof line, "HCPSPS9432E Spool space full; %s FILE %04d closed and held",
        spool_qname(u->queue), id);
    user_message(d->vm->userid, line);
}

static int out_open_as(struct vm *vm, uint16_t devtype, struct vur *u);

static int out_open(struct vdev *d, struct vur *u)
{
    return out_open_as(d->vm, d->devtype, u);
}

static int out_open_as(struct vm *vm, uint16_t devtype, struct vur *u)
{
    struct spool_attr a;
    memset(&a, 0, sizeof a);
    a.queue = a.origin_queue = u->queue;
    a.cls = u->cls;
    a.copies = u->copies ? u->copies : 1;
    a.flags = (uint8_t)((u->hold ? SF_HOLD : 0) | (u->keep ? SF_KEEP : 0) | (u->msg ? SF_MSG : 0));
    a.devtype = devtype;
    str_copy(a.owner, vm->userid, sizeof a.owner);
    str_copy(a.origin, vm->userid, sizeof a.origin);
    if (u->f8_user[0]) {                    /* DIAG X'F8' set it for this file */
        str_copy(a.origin, u->f8_user, sizeof a.origin);
        str_copy(a.origin_node, u->f8_node, sizeof a.origin_node);
    }
    str_copy(a.fn, u->fn, sizeof a.fn);
    str_copy(a.ft, u->ft, sizeof a.ft);
    str_copy(a.form, u->form[0] ? u->form : "STANDARD", sizeof a.form);
    str_copy(a.dist, u->dist[0] ? u->dist : vm->userid, sizeof a.dist);
    a.created = tod_now();
    int id = spool_open(&sysspool, &a);
    if (id > 0) {
        u->file = id;
        u->f8_user[0] = u->f8_node[0] = 0;  /* X'F8' applies to one file */
    }
    return id;
}

/* Append one record to the device's file, opening it if needed. */
static int out_record(struct vdev *d, struct vur *u, uint8_t op, const uint8_t *data, uint16_t len,
                      uint32_t count, uint32_t *resid)
{
    if (!u->file) {
        int id = out_open(d, u);
        if (id < 0) {
            if (id == SPOOL_ENOID)
                console_message("HCPSPS9433E All 9999 spool file ids are in use");
            return unit_check(d, id == SPOOL_ENOVOL || id == SPOOL_ENOID ? SENSE_INTREQ : SENSE_EQUIP,
                              count, resid);
        }
    }
    int rc = spool_write(&sysspool, u->file, op, data, len);
    if (rc == SPOOL_EFULL) {
        /* Nothing written is lost: what the file holds is closed, held. */
        int id = u->file;
        struct spoolfile *f = spool_file(&sysspool, id);
        f->a.flags |= SF_SYSHOLD;
        if (spool_close(&sysspool, id) == 0)
            spool_full_messages(d, u, id);
        else
            spool_discard(&sysspool, id);
        u->file = 0;
        return unit_check(d, SENSE_INTREQ, count, resid);
    }
    if (rc)
        return unit_check(d, SENSE_EQUIP, count, resid);
    return 0;
}

static int vpun_ccw(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vur *u = d->priv;
    if ((cmd & 3) != 1)
        return vdev_basic_ccw(d, cmd, buf, count, resid, sense_id_of(d));
    uint8_t card[80];
    uint32_t n = count < 80 ? count : 80;
    memcpy(card, buf, n);
    memset(card + n, 0x40, 80 - n);         /* EBCDIC blanks: a card has 80 columns */
    int st = out_record(d, u, cmd, card, 80, count, resid);
    if (!st)
        *resid = count - n;
    return st;
}

static int vprt_ccw(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vur *u = d->priv;
    if ((cmd & 7) == 1) {                   /* write a line */
        uint32_t n = count < 132 ? count : 132;
        int st = out_record(d, u, cmd, buf, (uint16_t)n, count, resid);
        if (!st)
            *resid = count - n;
        return st;
    }
    if ((cmd & 7) == 3 && cmd != 0x03) {    /* control immediate: carriage motion */
        int st = out_record(d, u, cmd, buf, 0, count, resid);
        if (!st)
            *resid = count;
        return st;
    }
    return vdev_basic_ccw(d, cmd, buf, count, resid, sense_id_of(d));
}

void spool_sent_messages(const struct spoolfile *f, const char *from, int from_queue)
{
    spool_sent_messages_as(f, from, spool_qname(from_queue));
}

/* Where the closer's own line goes while a CLOSE command runs (its
 * response; a DIAG X'08' response buffer), else the user's console. */
static void (*close_out)(void *arg, const char *line);
static void *close_arg;

void vur_close_respond(void (*out)(void *arg, const char *line), void *arg)
{
    close_out = out;
    close_arg = arg;
}

static void closer_message(const char *userid, const char *line)
{
    if (close_out)
        close_out(close_arg, line);
    else
        user_message(userid, line);
}

void spool_sent_messages_as(const struct spoolfile *f, const char *from, const char *qname)
{
    char line[200], recs[8];
    spool_recs(recs, f->a.records);
    const char *hold = f->a.flags & (SF_HOLD | SF_SYSHOLD) ? "HOLD" : "NOHOLD";
    const char *keep = f->a.flags & SF_KEEP ? "KEEP" : "NOKEEP";
    fmt(line, sizeof line, "%s FILE %04d SENT TO %s RDR AS %04d RECS %s CPY %03d %c %s %s",
        qname, f->a.origin_id, f->a.owner, f->id, recs, f->a.copies, f->a.cls,
        hold, keep);
    closer_message(from, line);
    fmt(line, sizeof line, "RDR FILE %04d SENT FROM %s %s WAS %04d RECS %s CPY %03d %c %s %s",
        f->id, from, qname, f->a.origin_id, recs, f->a.copies, f->a.cls, hold,
        keep);
    user_message(f->a.owner, line);
}

static int ur_close(struct vm *vm, struct vur *u, const char *qname);

int vur_close(struct vdev *d)
{
    struct vur *u = vur_of(d);
    if (!u || u->queue == SQ_RDR || !u->file)
        return 0;
    return ur_close(d->vm, u, spool_qname(u->queue));
}

/* Close u's output file (a device's, or the console's: qname "CON"). */
static int ur_close(struct vm *vm, struct vur *u, const char *qname)
{
    int id = u->file;
    struct spoolfile *f = spool_file(&sysspool, id);
    f->a.origin_id = (uint16_t)id;
    if (u->to[0]) {                         /* to a user's reader */
        f->a.queue = SQ_RDR;
        str_copy(f->a.owner, u->to, sizeof f->a.owner);
    }
    int rc = spool_close(&sysspool, id);
    if (rc) {
        f->a.queue = u->queue;
        str_copy(f->a.owner, vm->userid, sizeof f->a.owner);
        char line[120];
        fmt(line, sizeof line, "HCPCLS9434E %s FILE %04d cannot be closed: spool volume error",
            qname, id);
        user_message(vm->userid, line);
        return rc;
    }
    u->file = 0;
    u->fn[0] = u->ft[0] = 0;                /* NAME applies to one file */
    if (u->to[0]) {
        spool_sent_messages_as(f, vm->userid, qname);
        vur_reader_notify(u->to);
    } else {
        char line[120];
        fmt(line, sizeof line, "%s FILE %04d TO SYSTEM COPY %03d %s", qname, id,
            f->a.copies, f->a.flags & SF_HOLD ? "HOLD" : "NOHOLD");
        closer_message(vm->userid, line);
        urout_kick();                       /* a started real printer/punch takes it */
    }
    return 0;
}

void vur_close_all(struct vm *vm)
{
    for (int i = 0; i < vm->nvdev; i++)
        vur_close(&vm->vdev[i]);
    vur_console_close(vm);
}

/* ---- console spooling (SPOOL CONSOLE) -------------------------------------------- */
/* What the user's console shows (guest output, CP's responses and
 * messages) goes, while started, into a printer spool file made by the
 * console (device type 3215), one line a record (write, space 1). */
static struct {
    struct vur u;
    uint8_t on;
    uint8_t busy;               /* writing: what this writes is not logged */
} cons[VM_MAX];

struct vur *vur_console(struct vm *vm)
{
    struct vur *u = &cons[vm - vms].u;
    if (!u->queue) {
        u->queue = SQ_PRT;
        u->cls = 'T';
        u->copies = 1;
    }
    return u;
}

int vur_console_on(struct vm *vm)
{
    return cons[vm - vms].on;
}

void vur_console_start(struct vm *vm, int on)
{
    vur_console(vm);
    cons[vm - vms].on = (uint8_t)(on != 0);
}

int vur_console_close(struct vm *vm)
{
    int k = (int)(vm - vms);
    if (!cons[k].u.file)
        return 0;
    cons[k].busy = 1;
    int rc = ur_close(vm, &cons[k].u, "CON");
    if (rc) {
        spool_discard(&sysspool, cons[k].u.file);
        cons[k].u.file = 0;
    }
    cons[k].busy = 0;
    return rc;
}

void vur_console_log(struct vm *vm, const char *text)
{
    int k = (int)(vm - vms);
    if (k < 0 || k >= VM_MAX || !cons[k].on || cons[k].busy)
        return;
    struct vur *u = vur_console(vm);
    cons[k].busy = 1;
    if (!u->file && out_open_as(vm, 0x3215, u) < 0) {
        cons[k].on = 0;
        user_message(vm->userid, "HCPCSP9435E Console spooling stopped: no spool file can be opened");
        cons[k].busy = 0;
        return;
    }
    /* A line longer than a print line goes on in the next record. */
    uint8_t e[132];
    size_t left = strlen(text);
    int rc = 0;
    do {
        size_t n = left > sizeof e ? sizeof e : left;
        ebcdic_from_ascii(e, text, n);
        rc = spool_write(&sysspool, u->file, 0x09, e, (uint16_t)n);
        text += n;
        left -= n;
    } while (!rc && left);
    if (rc) {                           /* spool full: what it has is closed, held */
        struct spoolfile *f = spool_file(&sysspool, u->file);
        if (f)
            f->a.flags |= SF_SYSHOLD;
        cons[k].on = 0;
        char line[120];
        fmt(line, sizeof line, "HCPSPS9432E Spool space full; CON FILE %04d closed and held; "
            "console spooling stopped", u->file);
        if (spool_close(&sysspool, u->file))
            spool_discard(&sysspool, u->file);
        u->file = 0;
        user_message(vm->userid, line);
    }
    cons[k].busy = 0;
}

/* LOGOFF: the console file closes; the options go back to the defaults. */
void vur_console_end(struct vm *vm)
{
    vur_console_close(vm);
    memset(&cons[vm - vms], 0, sizeof cons[0]);
}

/* ---- input: the reader ------------------------------------------------------------ */
static int rdr_eligible(const struct vur *u, const struct spoolfile *f)
{
    return !f->in_use && !(f->a.flags & (SF_HOLD | SF_SYSHOLD)) && (u->cls == '*' || u->cls == f->a.cls);
}

static struct spoolfile *rdr_pick(struct vdev *d, struct vur *u)
{
    for (struct spoolfile *f = spool_next_in_queue(&sysspool, SQ_RDR, d->vm->userid, 0); f;
         f = spool_next_in_queue(&sysspool, SQ_RDR, d->vm->userid, f->order))
        if (rdr_eligible(u, f))
            return f;
    return 0;
}

/* The file was read to its end: purge it, or keep it.  A file kept (the
 * file's KEEP or the reader's) is put in user hold, as z/VM does, so the
 * reader goes on to the next file instead of reading it again; a later
 * CHANGE ... NOHOLD offers it again.  Linux's reader IPL code relies on
 * this: after loading kernel, parameter file and initrd it issues CHANGE
 * RDR ALL KEEP NOHOLD (arch/s390/boot/head.S, "reset files in VM reader")
 * so that a re-IPL finds the three files again.  The reader's HOLD holds
 * every file it finishes. */
static void rdr_done(struct vur *u)
{
    struct spoolfile *f = spool_file(&sysspool, u->file);
    u->file = 0;
    u->d14 = u->d14_eof = u->d14_copy = 0;
    u->d14_bufs = 0;
    if (!f)
        return;
    f->in_use = 0;
    if (u->hold || (f->a.flags & SF_KEEP) || u->keep) {
        f->a.flags |= SF_HOLD;
        spool_commit(&sysspool, f->id);
    } else {
        spool_purge(&sysspool, f->id);
    }
}

static void rdr_release_file(struct vur *u)
{
    struct spoolfile *f = spool_file(&sysspool, u->file);
    if (f)
        f->in_use = 0;
    u->file = 0;
    u->eof_pending = 0;
    u->d14 = u->d14_eof = u->d14_copy = 0;
    u->d14_bufs = 0;
}

struct spoolfile *vur_rdr_pick(struct vdev *d)
{
    return rdr_pick(d, d->priv);
}

int vur_rdr_activate(struct vdev *d, struct spoolfile *f)
{
    struct vur *u = d->priv;
    int rc = spool_read_open(&sysspool, f->id, u->cur);
    if (rc)
        return rc;
    f->in_use = 1;
    u->file = f->id;
    u->eof_pending = 0;
    u->d14 = u->d14_eof = u->d14_copy = 0;
    u->d14_bufs = 0;
    return 0;
}

void vur_rdr_done(struct vdev *d)
{
    rdr_done(d->priv);
}

void vur_rdr_release(struct vdev *d)
{
    rdr_release_file(d->priv);
}

/* CLOSE of a reader (z/VM CLOSE: the active file is purged unless HOLD or
 * KEEP is in effect, from the CLOSE operands or the reader's options). */
void vur_rdr_close(struct vdev *d, int hold, int keep, int purge)
{
    struct vur *u = d->priv;
    struct spoolfile *f = spool_file(&sysspool, u->file);
    if (!f) {
        rdr_release_file(u);
        return;
    }
    int h = hold >= 0 ? hold : u->hold;
    int k = keep >= 0 ? keep : (u->keep || (f->a.flags & SF_KEEP));
    int id = f->id;
    rdr_release_file(u);
    if (purge || (!h && !k)) {
        spool_purge(&sysspool, id);
    } else if (h) {
        f->a.flags |= SF_HOLD;
        spool_commit(&sysspool, id);
    }
}

static int vrdr_ccw(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid)
{
    struct vur *u = d->priv;
    if ((cmd & 3) != 2)
        return vdev_basic_ccw(d, cmd, buf, count, resid, sense_id_of(d));
    for (;;) {
        if (!u->file) {
            struct spoolfile *f = rdr_pick(d, u);
            if (!f)
                return unit_check(d, SENSE_INTREQ, count, resid);     /* empty hopper */
            if (spool_read_open(&sysspool, f->id, u->cur))
                return unit_check(d, SENSE_EQUIP, count, resid);
            f->in_use = 1;
            u->file = f->id;
        }
        uint8_t op;
        /* Straight into the CCW's data (at most a card), one copy. */
        uint32_t max = count < 80 ? count : 80;
        int n = spool_read(&sysspool, u->cur, &op, buf, (uint16_t)max);
        if (n == SPOOL_ENOENT) {
            rdr_done(u);
            if (u->cont && rdr_pick(d, u))
                continue;                   /* CONT: files run together */
            *resid = count;
            return DEV_UX;
        }
        if (n < 0)
            return unit_check(d, SENSE_EQUIP, count, resid);
        if (n == 0)
            continue;                       /* a printer's carriage motion: no data */
        uint32_t k = max < (uint32_t)n ? max : (uint32_t)n;
        *resid = count - k;
        return 0;
    }
}

void vur_reader_notify(const char *userid)
{
    struct vm *vm = vm_find(userid);
    for (int i = 0; vm && i < vm->nvdev; i++) {
        struct vdev *d = &vm->vdev[i];
        if (d->ops == &vrdr_ops && !((struct vur *)d->priv)->file)
            vcss_unsolicited(d, DEV_ATTN);
    }
}

/* ---- life cycle --------------------------------------------------------------------- */
static void vur_reset(struct vdev *d)
{
    struct vur *u = d->priv;
    if (u->queue == SQ_RDR)
        rdr_release_file(u);        /* a reset ends the read; the file stays */
}

static void vur_release(struct vdev *d)
{
    struct vur *u = d->priv;
    if (u->queue == SQ_RDR) {
        rdr_release_file(u);
        cursor_used[u->cur - cursors] = 0;
    } else {
        vur_close(d);
        if (u->file)        /* could not be closed: nothing of it is on the volume */
            spool_discard(&sysspool, u->file);
    }
    memset(u, 0, sizeof *u);
    d->priv = 0;
}

const struct vdev_ops vrdr_ops = { "RDR", vrdr_ccw, vur_reset, vur_release };
const struct vdev_ops vpun_ops = { "PUN", vpun_ccw, vur_reset, vur_release };
const struct vdev_ops vprt_ops = { "PRT", vprt_ccw, vur_reset, vur_release };

struct vdev *vur_add(struct vm *vm, uint16_t devno, uint16_t devtype, int queue, char cls)
{
    struct vur *u = 0;
    for (int i = 0; i < VUR_MAX && !u; i++)
        if (!vurs[i].d)
            u = &vurs[i];
    int c = -1;
    for (int i = 0; queue == SQ_RDR && i < CUR_MAX && c < 0; i++)
        if (!cursor_used[i])
            c = i;
    if (!u || (queue == SQ_RDR && c < 0))
        return 0;
    const struct vdev_ops *ops = queue == SQ_RDR ? &vrdr_ops : queue == SQ_PUN ? &vpun_ops : &vprt_ops;
    struct vdev *d = vm_add_vdev(vm, devno, devtype, ops);
    if (!d)
        return 0;
    memset(u, 0, sizeof *u);
    u->d = d;
    u->queue = (uint8_t)queue;
    u->cls = cls;
    u->copies = 1;
    if (c >= 0) {
        cursor_used[c] = 1;
        u->cur = &cursors[c];
    }
    d->priv = u;
    return d;
}
