/* DIAGNOSE X'D8' (read spool file blocks on the system queues, class D)
 * and X'F8' (spool file origin information): what spool managers and
 * networking servers (RSCS-like) use.  docs/diagnose.md is the reference.
 *
 * Sources: the parameter lists are z/VM's, from the z/VM 7.3 control block
 * pages DD8PARM0 (HCPSFB, "Parameter List Dsect for HCPSFB (Diag. D8)")
 * and DF8PARM ("Diagnose X'F8' Parameter List", located by Ry).  The
 * subfunction values, which register holds what, the condition codes and
 * reasons could not be found in the public material we have (CP
 * Programming Services' pages for these codes): they are ZCP's choices,
 * made in the style of DIAG X'14' and documented as such.
 *
 * X'D8': Rx = DD8PARM0 (24 bytes, doubleword-aligned):
 *   0 previous spoolid (2)  2 subfunction (2): 0 the next file after it,
 *   4 that file  4 buffer address (4, 31-bit)  8 owner (8, EBCDIC) when
 *   selecting by user  16 queues: X'80' PRT, X'40' PUN, X'20' RDR, X'10'
 *   system data (ZCP has none)  17 buffer size in doublewords (0: all 13)
 *   18 control: X'80' any user's files, X'00' only the owner's
 *   19-23 reserved, zero.
 *   Queues are scanned in the order of their bits (PRT, PUN, RDR), each in
 *   queue order.  cc 0: the SFBLOK is stored, Ry = its spoolid; cc 1: no
 *   (further) file; cc 2: the previous spoolid is not a file on the
 *   queues selected (or not the owner's).
 * X'F8': Rx = subcode, Ry = DF8PARM (24 bytes, doubleword-aligned):
 *   0 version (2, must be 1)  2 devno or spoolid (2)  4 origin node (8)
 *   12 origin userid (8).  Subcode 0 (class B or D): the file the virtual
 *   punch or printer devno is writing, or if none the next one it opens,
 *   gets this origin (node blank: this system).  Subcode 4: store the
 *   origin of spool file spoolid (the caller's own, or any with class D);
 *   a file made here has node "ZCP", the system name DIAG X'00' gives.
 *   cc 0 done; cc 3 with a reason in Ry: 4 no such device, 8 not a
 *   virtual punch or printer, 12 no such spool file, 16 version code not
 *   supported.
 * Program interruptions (before any cc): a parameter list misaligned, an
 * undefined subfunction or subcode, a bad queue or control byte, reserved
 * bytes not zero, a spoolid out of range, a userid or node that is not a
 * name, an SFBLOK buffer crossing a page -> specification; X'F8' subcode
 * 0 without class B or D -> specification (as a code the user may not
 * use); an operand outside the virtual machine -> addressing. */
#include "diagnose/diag.h"
#include "cp/vm/vspool.h"
#include "spool/splink.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"
#include "lib/str.h"

#define PLIST_LEN   24
#define D8_NEXT     0x0000
#define D8_THIS     0x0004
#define D8_PRT      0x80
#define D8_PUN      0x40
#define D8_RDR      0x20
#define D8_DATA     0x10
#define D8_ANYVM    0x80

#define F8_SET      0
#define F8_QUERY    4
#define F8_VERSION  1
#define F8_RS_DEVNO   4
#define F8_RS_DEVTYPE 8
#define F8_RS_NOFILE  12
#define F8_RS_VERSION 16

#define LOCAL_NODE  "ZCP"

/* An 8-byte EBCDIC name: 1-8 characters, no blank inside, blanks after.
 * Into out (ASCII, upper case, NUL-terminated).  Returns its length, 0
 * if all blank, -1 if it is not a name. */
static int get_name(char *out, const uint8_t *e)
{
    int n = 0, ended = 0;
    for (int i = 0; i < 8; i++) {
        unsigned char c = ebcdic_to_ascii[e[i]];
        if (c == ' ') {
            ended = 1;
            continue;
        }
        if (ended || !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                       (c >= '0' && c <= '9') || c == '@' || c == '#' || c == '$' || c == '_'))
            return -1;
        out[n++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    out[n] = 0;
    return n;
}

static void put_name(uint8_t *e, const char *s)
{
    char pad[8];
    size_t n = strlen(s);
    for (size_t i = 0; i < 8; i++)
        pad[i] = i < n ? s[i] : ' ';
    ebcdic_from_ascii(e, pad, 8);
}

/* ---- X'D8' ---------------------------------------------------------------------- */
static const uint8_t d8_bits[] = { D8_PRT, D8_PUN, D8_RDR };
static const uint8_t d8_queue[] = { SQ_PRT, SQ_PUN, SQ_RDR };

static int d8_index(int q)
{
    for (int i = 0; i < 3; i++)
        if (d8_queue[i] == q)
            return i;
    return -1;
}

/* The file after f (NULL: the first) on the queues in mask, by owner. */
static struct spoolfile *d8_next(uint8_t mask, const char *owner, const struct spoolfile *f)
{
    int i = f ? d8_index(f->a.queue) : 0;
    uint32_t after = f ? f->order : 0;
    for (; i < 3; i++, after = 0) {
        if (!(mask & d8_bits[i]))
            continue;
        struct spoolfile *n = spool_next_in_queue(&sysspool, d8_queue[i], owner, after);
        if (n)
            return n;
    }
    return 0;                           /* X'10': ZCP keeps no system data files */
}

void diag_xd8(struct diag_args *a)
{
    uint64_t pl = diag_addr(a, a->rx);
    uint8_t p[PLIST_LEN];
    if (diag_check(a, pl, PLIST_LEN, 8) || diag_read(a, pl, p, PLIST_LEN))
        return;
    int16_t spid = (int16_t)be16_get(p);
    uint16_t code = be16_get(p + 2);
    uint64_t buf = be32_get(p + 4) & 0x7FFFFFFFu;
    uint8_t mask = p[16], size = p[17], ctl = p[18];
    char owner[9];
    int byuser = !(ctl & D8_ANYVM);

    /* Every operand first: the program interruptions come before any cc. */
    if (code != D8_NEXT && code != D8_THIS)
        return (void)diag_spec(a);
    if (!(mask & 0xF0) || (mask & 0x0F) || (ctl & 0x7F))
        return (void)diag_spec(a);
    for (int i = 19; i < PLIST_LEN; i++)
        if (p[i])
            return (void)diag_spec(a);
    if (spid < 0 || spid > SPOOL_MAXID || (code == D8_THIS && spid == 0))
        return (void)diag_spec(a);
    if (byuser && get_name(owner, p + 8) <= 0)
        return (void)diag_spec(a);
    uint32_t len = size && size < SFBLOK_SIZE / 8 ? size * 8u : SFBLOK_SIZE;
    if ((buf & 0xFFF) + len > 0x1000)
        return (void)diag_spec(a);      /* an SFBLOK may not cross a page, as for X'14' */
    if (diag_check(a, buf, len, 1))
        return;

    const char *who = byuser ? owner : 0;
    struct spoolfile *f = 0;
    if (spid) {
        f = spool_file(&sysspool, spid);
        if (!f || f->state != SF_CLOSED || d8_index(f->a.queue) < 0 ||
            !(mask & d8_bits[d8_index(f->a.queue)]) || (who && str_casecmp(f->a.owner, who))) {
            vcpu_set_cc(a->v, 2);
            return;
        }
    }
    if (code == D8_NEXT)
        f = d8_next(mask, who, f);
    if (!f) {
        vcpu_set_cc(a->v, 1);
        return;
    }
    uint8_t b[SFBLOK_SIZE];
    sfblok_build(f, f->in_use, b);
    if (diag_write(a, buf, b, len))
        return;
    diag_set32(a, a->ry, f->id);
    vcpu_set_cc(a->v, 0);
}

/* ---- X'F8' ---------------------------------------------------------------------- */
static void f8_reason(struct diag_args *a, uint32_t reason)
{
    diag_set32(a, a->ry, reason);
    vcpu_set_cc(a->v, 3);
}

void diag_xf8(struct diag_args *a)
{
    struct vm *vm = a->v->vm;
    uint32_t sub = diag_reg32(a, a->rx);
    uint64_t pl = diag_addr(a, a->ry);
    uint8_t p[PLIST_LEN];
    if (sub != F8_SET && sub != F8_QUERY)
        return (void)diag_spec(a);
    if (sub == F8_SET && !cmd_class_allows("BD", vm->classes))
        return (void)diag_spec(a);      /* setting an origin is for spool managers */
    if (diag_check(a, pl, PLIST_LEN, 8) || diag_read(a, pl, p, PLIST_LEN))
        return;
    char node[9], user[9];
    if (sub == F8_SET && (get_name(user, p + 12) <= 0 || get_name(node, p + 4) < 0))
        return (void)diag_spec(a);
    if (be16_get(p) != F8_VERSION)
        return f8_reason(a, F8_RS_VERSION);

    if (sub == F8_SET) {
        struct vdev *d = vm_vdev(vm, be16_get(p + 2));
        if (!d || !d->ops)
            return f8_reason(a, F8_RS_DEVNO);
        struct vur *u = vur_of(d);
        if (!u || u->queue == SQ_RDR)
            return f8_reason(a, F8_RS_DEVTYPE);
        struct spoolfile *f = u->file ? spool_file(&sysspool, u->file) : 0;
        if (f && f->state == SF_OPEN) {     /* the file being written: stamped at CLOSE */
            str_copy(f->a.origin, user, sizeof f->a.origin);
            str_copy(f->a.origin_node, node, sizeof f->a.origin_node);
        } else {
            str_copy(u->f8_user, user, sizeof u->f8_user);
            str_copy(u->f8_node, node, sizeof u->f8_node);
        }
        vcpu_set_cc(a->v, 0);
        return;
    }

    uint16_t id = be16_get(p + 2);
    struct spoolfile *f = id && id <= SPOOL_MAXID ? spool_file(&sysspool, id) : 0;
    if (!f || f->state != SF_CLOSED ||
        (!cmd_class_allows("D", vm->classes) && str_casecmp(f->a.owner, vm->userid)))
        return f8_reason(a, F8_RS_NOFILE);
    uint8_t out[16];
    put_name(out, f->a.origin_node[0] ? f->a.origin_node : LOCAL_NODE);
    put_name(out + 8, f->a.origin);
    if (diag_write(a, pl + 4, out, sizeof out))
        return;
    vcpu_set_cc(a->v, 0);
}
