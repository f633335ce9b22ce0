/* DIAGNOSE X'D8' (SFBLOKs on the system queues) and X'F8' (spool file
 * origin), diagnose/spoolsys.c: driven through instr_diag on a real
 * virtual machine (vm_create over host "real storage") with the system
 * spool on a memory disk; every condition code and every program
 * interruption, the privilege rules, and the origin kept across a warm
 * start. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cp/cmd/cmd.h"
#include "cp/mm/frames.h"
#include "cp/sys/sysdir.h"
#include "cp/vm/intercept.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/vspool.h"
#include "diagnose/diag.h"
#include "diagnose/zcpdiag.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/tod.h"
#include "spool/format.h"
#include "spool/splink.h"
#include "tests/unit/fake_memdisk.h"
#include "tests/unit/fakes.h"

#define MiB (1024ULL * 1024)
#define REAL (16 * MiB)
#define NEWPSW_ADDR 0xDEAD00ULL
#define PSW_SUPER64 0x0000000180000000ULL
#define PL   0x2000ULL                  /* parameter list */
#define BUF  0x3000ULL                  /* SFBLOK area */

static uint8_t *realmem, *bitmap;
static struct memdisk *disk;
static struct vm *vm;                   /* OPER: classes D and G */
static struct vcpu *v;

static struct vm *new_vm(const char *userid, const char *classes)
{
    struct vm *m = vm_create(userid, 1 * MiB, 1);
    assert_non_null(m);
    strcpy(m->classes, classes);
    struct vcpu *c = m->vcpu[0];
    c->state = VCPU_RUNNING;
    c->sd.psw_mask = PSW_SUPER64;
    uint8_t np[16];
    be64_put(np, PSW_SUPER64);
    be64_put(np + 8, NEWPSW_ADDR);
    gstor_write(&m->stor, 0x1D0, np, 16);
    return m;
}

static int setup(void **state)
{
    fakes_reset();
    fake_tod = tod_from_civil(2026, 11, 21, 11, 30, 0);
    realmem = calloc(1, REAL);
    bitmap = malloc(frames_bitmap_size(REAL));
    real_base = realmem;
    frames_init(bitmap, REAL, 64 * 1024);
    memset(vms, 0, sizeof(struct vm) * VM_MAX);
    disk = md_new(SPF_DATA_START + 256);
    assert_int_equal(spool_format(&disk->b), 0);
    memset(&sysspool, 0, sizeof sysspool);
    assert_true(spool_mount(&sysspool, &disk->b, NULL, NULL) >= 0);
    vm = new_vm("OPER", "DG");
    v = vm->vcpu[0];
    return 0;
}

static int teardown(void **state)
{
    for (int i = 0; i < VM_MAX; i++)
        if (vms[i].in_use)
            vm_destroy(&vms[i]);
    memset(&sysspool, 0, sizeof sysspool);
    md_free(disk);
    free(realmem);
    free(bitmap);
    real_base = NULL;
    return 0;
}

/* DIAG rx,ry,code on c: the program interruption code, or 0. */
static int diag_on(struct vcpu *c, int rx, int ry, unsigned code)
{
    c->sd.ipa = (uint16_t)(0x8300 | rx << 4 | ry);
    c->sd.ipb = (code & 0xFFF) << 16;
    c->sd.psw_addr = 0x10004;
    uint64_t mask = c->sd.psw_mask;
    instr_diag(c);
    if (c->sd.psw_addr != NEWPSW_ADDR)
        return 0;
    uint8_t b[4];
    gstor_read(&c->vm->stor, c->sd.prefix + 0x8C, b, 4);
    assert_int_equal(be16_get(b), 4);
    c->sd.psw_mask = mask;
    return be16_get(b + 2);
}

static int cc_of(struct vcpu *c) { return (int)(c->sd.psw_mask >> 44) & 3; }
static void set_cc(struct vcpu *c, int n) { vcpu_set_cc(c, n); }

/* A closed file owned by owner on queue q. */
static int mkfile(const char *owner, int q, const char *fn, uint32_t ncards)
{
    struct spool_attr a;
    memset(&a, 0, sizeof a);
    a.queue = (uint8_t)q;
    a.origin_queue = q == SQ_PRT ? SQ_PRT : SQ_PUN;
    a.cls = 'A';
    a.copies = 1;
    a.devtype = q == SQ_PRT ? 0x1403 : 0x2540;
    strcpy(a.owner, owner);
    strcpy(a.origin, owner);
    strcpy(a.fn, fn);
    strcpy(a.ft, "DATA");
    a.created = fake_tod;
    int id = spool_open(&sysspool, &a);
    assert_true(id > 0);
    uint8_t card[80];
    memset(card, 0x40, sizeof card);
    for (uint32_t i = 0; i < ncards; i++)
        assert_int_equal(spool_write(&sysspool, id, q == SQ_PRT ? 0x09 : 0x41, card, 80), 0);
    assert_int_equal(spool_close(&sysspool, id), 0);
    return id;
}

static void put_name(uint8_t *e, const char *s)
{
    char pad[8];
    for (size_t i = 0; i < 8; i++)
        pad[i] = i < strlen(s) ? s[i] : ' ';
    ebcdic_from_ascii(e, pad, 8);
}

static int name_is(const uint8_t *e, const char *s)
{
    uint8_t want[8];
    put_name(want, s);
    return memcmp(e, want, 8) == 0;
}

/* ---- X'D8' ---------------------------------------------------------------------- */

static void d8_plist(struct vm *m, int16_t spid, uint16_t code, uint32_t buf, const char *user,
                     uint8_t queues, uint8_t size, uint8_t ctl)
{
    uint8_t p[24];
    memset(p, 0, sizeof p);
    be16_put(p, (uint16_t)spid);
    be16_put(p + 2, code);
    be32_put(p + 4, buf);
    if (user)
        put_name(p + 8, user);
    p[16] = queues;
    p[17] = size;
    p[18] = ctl;
    assert_int_equal(gstor_write(&m->stor, PL, p, sizeof p), 0);
}

/* Issue X'D8' with the list at PL as OPER: returns the cc (-1 after a
 * program interruption: *pgm its code). */
static int d8(int16_t spid, uint16_t code, const char *user, uint8_t queues, uint8_t size,
              uint8_t ctl, uint32_t *spoolid)
{
    d8_plist(vm, spid, code, (uint32_t)BUF, user, queues, size, ctl);
    vcpu_set_gpr(v, 2, PL);
    vcpu_set_gpr(v, 4, 0xAAAAAAAA);
    int pgm = diag_on(v, 2, 4, 0xD8);
    if (pgm)
        return -pgm;
    if (spoolid)
        *spoolid = (uint32_t)vcpu_gpr(v, 4);
    return cc_of(v);
}

static uint16_t sfb_id(void)
{
    uint8_t b[2];
    gstor_read(&vm->stor, BUF + 30, b, 2);
    return be16_get(b);
}

#define ALLQ (ZCP_D8_PRT | ZCP_D8_PUN | ZCP_D8_RDR)

static void d8_walks_every_queue_in_order(void **state)
{
    int p1 = mkfile("USERA", SQ_PRT, "P1", 3);
    int u1 = mkfile("USERB", SQ_PUN, "U1", 2);
    int r1 = mkfile("USERA", SQ_RDR, "R1", 1);
    int p2 = mkfile("USERB", SQ_PRT, "P2", 4);
    int want[] = { p1, p2, u1, r1 };
    uint32_t id = 0, prev = 0;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(d8((int16_t)prev, ZCP_D8_NEXT, NULL, ALLQ, 0, ZCP_D8_ANYVM, &id), 0);
        assert_int_equal(id, want[i]);
        assert_int_equal(sfb_id(), want[i]);
        prev = id;
    }
    uint8_t b[SFBLOK_SIZE], w[SFBLOK_SIZE];
    gstor_read(&vm->stor, BUF, b, sizeof b);
    sfblok_build(spool_file(&sysspool, r1), 0, w);
    assert_memory_equal(b, w, SFBLOK_SIZE);         /* the whole SFBLOK, as X'14' gives it */
    assert_true(name_is(b + 8, "USERA"));
    assert_int_equal(d8((int16_t)prev, ZCP_D8_NEXT, NULL, ALLQ, 0, ZCP_D8_ANYVM, &id), 1);
    assert_int_equal(vcpu_gpr(v, 4), 0xAAAAAAAA);    /* Ry only with cc 0 */
}

static void d8_by_owner_and_by_queue(void **state)
{
    int p1 = mkfile("USERA", SQ_PRT, "P1", 1);
    mkfile("USERB", SQ_PUN, "U1", 1);
    int r1 = mkfile("USERA", SQ_RDR, "R1", 1);
    uint32_t id = 0;
    assert_int_equal(d8(0, ZCP_D8_NEXT, "usera", ZCP_D8_PRT | ZCP_D8_RDR, 0, 0, &id), 0);
    assert_int_equal(id, p1);
    assert_int_equal(d8((int16_t)id, ZCP_D8_NEXT, "USERA", ZCP_D8_PRT | ZCP_D8_RDR, 0, 0, &id), 0);
    assert_int_equal(id, r1);
    assert_int_equal(d8((int16_t)id, ZCP_D8_NEXT, "USERA", ZCP_D8_PRT | ZCP_D8_RDR, 0, 0, &id), 1);
    assert_int_equal(d8(0, ZCP_D8_NEXT, "USERA", ZCP_D8_PUN, 0, 0, &id), 1);
    assert_int_equal(d8(0, ZCP_D8_NEXT, NULL, ZCP_D8_DATA, 0, ZCP_D8_ANYVM, &id), 1);
    assert_int_equal(d8(0, ZCP_D8_NEXT, "NOBODY", ALLQ, 0, 0, &id), 1);
}

static void d8_this_file_short_buffer_and_cc2(void **state)
{
    mkfile("USERA", SQ_PRT, "P1", 1);
    int u1 = mkfile("USERB", SQ_PUN, "U1", 1);
    int gone = mkfile("USERB", SQ_PUN, "GONE", 1);
    assert_int_equal(spool_purge(&sysspool, gone), 0);
    uint32_t id = 0;
    assert_int_equal(d8((int16_t)u1, ZCP_D8_THIS, NULL, ALLQ, 0, ZCP_D8_ANYVM, &id), 0);
    assert_int_equal(id, u1);
    assert_int_equal(d8((int16_t)u1, ZCP_D8_THIS, NULL, ZCP_D8_PRT, 0, ZCP_D8_ANYVM, &id), 2);
    assert_int_equal(d8((int16_t)u1, ZCP_D8_NEXT, "USERA", ALLQ, 0, 0, &id), 2);
    assert_int_equal(d8((int16_t)gone, ZCP_D8_NEXT, NULL, ALLQ, 0, ZCP_D8_ANYVM, &id), 2);
    assert_int_equal(d8((int16_t)gone, ZCP_D8_THIS, NULL, ALLQ, 0, ZCP_D8_ANYVM, &id), 2);
    /* A 4-doubleword buffer: 32 bytes stored, nothing after. */
    uint8_t ff[SFBLOK_SIZE];
    memset(ff, 0xFF, sizeof ff);
    gstor_write(&vm->stor, BUF, ff, sizeof ff);
    assert_int_equal(d8((int16_t)u1, ZCP_D8_THIS, NULL, ALLQ, 4, ZCP_D8_ANYVM, &id), 0);
    uint8_t b[SFBLOK_SIZE];
    gstor_read(&vm->stor, BUF, b, sizeof b);
    assert_int_equal(be16_get(b + 30), u1);
    assert_int_equal(b[32], 0xFF);
    /* An open file is on no queue. */
    struct spool_attr a;
    memset(&a, 0, sizeof a);
    a.queue = SQ_PUN;
    a.cls = 'A';
    a.copies = 1;
    strcpy(a.owner, "USERC");
    int open = spool_open(&sysspool, &a);
    assert_true(open > 0);
    assert_int_equal(d8((int16_t)open, ZCP_D8_THIS, NULL, ALLQ, 0, ZCP_D8_ANYVM, &id), 2);
    assert_int_equal(d8(0, ZCP_D8_NEXT, "USERC", ALLQ, 0, 0, &id), 1);
    spool_discard(&sysspool, open);
}

static void d8_every_bad_operand(void **state)
{
    int u1 = mkfile("USERB", SQ_PUN, "U1", 1);
    struct {
        int16_t spid;
        uint16_t code;
        const char *user;
        uint8_t q, size, ctl;
        uint32_t buf;
        int rsvd;
        int pgm;
    } bad[] = {
        { 0, 0x0008, NULL, ALLQ, 0, ZCP_D8_ANYVM, BUF, 0, PGM_SPECIFICATION },    /* subfunction */
        { 0, 0x0001, NULL, ALLQ, 0, ZCP_D8_ANYVM, BUF, 0, PGM_SPECIFICATION },
        { 0, 0, NULL, 0, 0, ZCP_D8_ANYVM, BUF, 0, PGM_SPECIFICATION },            /* no queue */
        { 0, 0, NULL, ALLQ | 0x08, 0, ZCP_D8_ANYVM, BUF, 0, PGM_SPECIFICATION },  /* undefined queue bit */
        { 0, 0, NULL, ALLQ, 0, ZCP_D8_ANYVM | 0x40, BUF, 0, PGM_SPECIFICATION },  /* control bit */
        { 0, 0, NULL, ALLQ, 0, ZCP_D8_ANYVM, BUF, 1, PGM_SPECIFICATION },         /* reserved */
        { -1, 0, NULL, ALLQ, 0, ZCP_D8_ANYVM, BUF, 0, PGM_SPECIFICATION },        /* spoolid */
        { 10000, 0, NULL, ALLQ, 0, ZCP_D8_ANYVM, BUF, 0, PGM_SPECIFICATION },
        { 0, ZCP_D8_THIS, NULL, ALLQ, 0, ZCP_D8_ANYVM, BUF, 0, PGM_SPECIFICATION },
        { 0, 0, "", ALLQ, 0, 0, BUF, 0, PGM_SPECIFICATION },                      /* owner blank */
        { 0, 0, "US ER", ALLQ, 0, 0, BUF, 0, PGM_SPECIFICATION },                 /* not a userid */
        { 0, 0, "US.ER", ALLQ, 0, 0, BUF, 0, PGM_SPECIFICATION },
        { 0, 0, NULL, ALLQ, 0, ZCP_D8_ANYVM, BUF + 4000, 0, PGM_SPECIFICATION },  /* crosses a page */
        { 0, 0, NULL, ALLQ, 2, ZCP_D8_ANYVM, BUF + 4080, 0, 0 },                 /* 16 bytes do not */
        { 0, 0, NULL, ALLQ, 0, ZCP_D8_ANYVM, (uint32_t)MiB, 0, PGM_ADDRESSING }, /* outside */
        { 0, 0, NULL, ALLQ, 1, ZCP_D8_ANYVM, (uint32_t)MiB - 8, 0, 0 },          /* the last doubleword */
    };
    uint8_t zero[SFBLOK_SIZE] = { 0 };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gstor_write(&vm->stor, BUF, zero, sizeof zero);
        d8_plist(vm, bad[i].spid, bad[i].code, bad[i].buf, bad[i].user, bad[i].q, bad[i].size, bad[i].ctl);
        if (bad[i].rsvd) {
            uint8_t one = 1;
            gstor_write(&vm->stor, PL + 21, &one, 1);
        }
        vcpu_set_gpr(v, 2, PL);
        vcpu_set_gpr(v, 4, 0x5555);
        set_cc(v, 3);
        int pgm = diag_on(v, 2, 4, 0xD8);
        if (pgm != bad[i].pgm)
            fail_msg("case %u: program interruption %d, expected %d", i, pgm, bad[i].pgm);
        if (pgm) {
            uint8_t b[SFBLOK_SIZE];
            gstor_read(&vm->stor, BUF, b, sizeof b);
            assert_memory_equal(b, zero, sizeof b);  /* nothing stored */
            assert_int_equal(vcpu_gpr(v, 4), 0x5555);
            assert_int_equal(cc_of(v), 3);
        } else {
            assert_int_equal(cc_of(v), 0);
            assert_int_equal(vcpu_gpr(v, 4), u1);
        }
    }
    /* The list itself: misaligned, outside storage. */
    vcpu_set_gpr(v, 2, PL + 4);
    assert_int_equal(diag_on(v, 2, 4, 0xD8), PGM_SPECIFICATION);
    vcpu_set_gpr(v, 2, MiB - 16);
    assert_int_equal(diag_on(v, 2, 4, 0xD8), PGM_ADDRESSING);
    vcpu_set_gpr(v, 2, 64 * MiB);
    assert_int_equal(diag_on(v, 2, 4, 0xD8), PGM_ADDRESSING);
}

static void d8_needs_class_d(void **state)
{
    mkfile("USERB", SQ_PUN, "U1", 1);
    struct vm *g = new_vm("USERG", "G");
    struct vcpu *c = g->vcpu[0];
    d8_plist(g, 0, ZCP_D8_NEXT, (uint32_t)BUF, NULL, ALLQ, 0, ZCP_D8_ANYVM);
    vcpu_set_gpr(c, 2, PL);
    assert_int_equal(diag_on(c, 2, 4, 0xD8), PGM_SPECIFICATION);
    assert_int_equal(g->diag.undefined, 1);
    strcpy(g->classes, "D");                        /* class D alone is enough */
    assert_int_equal(diag_on(c, 2, 4, 0xD8), 0);
    assert_int_equal(cc_of(c), 0);
    c->sd.psw_mask |= 0x0001000000000000ULL;        /* problem state */
    assert_int_equal(diag_on(c, 2, 4, 0xD8), PGM_PRIVILEGED);
}

/* ---- X'F8' ---------------------------------------------------------------------- */

static void f8_plist(struct vm *m, int16_t version, uint16_t id, const char *node, const char *user)
{
    uint8_t p[24];
    memset(p, 0, sizeof p);
    be16_put(p, (uint16_t)version);
    be16_put(p + 2, id);
    put_name(p + 4, node);
    put_name(p + 12, user);
    assert_int_equal(gstor_write(&m->stor, PL, p, sizeof p), 0);
}

/* X'F8' subcode sub on c with the list at PL: cc (reason in *why), or
 * -pgm. */
static int f8_on(struct vcpu *c, uint32_t sub, uint32_t *why)
{
    vcpu_set_gpr(c, 2, sub);
    vcpu_set_gpr(c, 4, PL);
    int pgm = diag_on(c, 2, 4, 0xF8);
    if (pgm)
        return -pgm;
    if (why)
        *why = (uint32_t)vcpu_gpr(c, 4);
    return cc_of(c);
}

static struct vdev *punch_of(struct vm *m)
{
    struct vdev *d = vur_add(m, 0x000D, 0x2540, SQ_PUN, 'A');
    assert_non_null(d);
    return d;
}

static int punch_card(struct vdev *d)
{
    uint8_t card[80];
    uint32_t resid = 0;
    memset(card, 0x40, sizeof card);
    return d->ops->ccw(d, 0x41, card, 80, &resid);
}

static void f8_set_applies_to_the_next_file_then_persists(void **state)
{
    struct vdev *d = punch_of(vm);
    struct vur *u = vur_of(d);
    uint32_t why = 0;
    /* No file open: the next one the punch opens gets it. */
    f8_plist(vm, ZCP_F8_VERSION, 0x000D, "REMOTE1", "alice");
    assert_int_equal(f8_on(v, ZCP_F8_SET, &why), 0);
    assert_int_equal(punch_card(d), 0);
    int id1 = u->file;
    assert_true(id1 > 0);
    assert_int_equal(vur_close(d), 0);
    struct spoolfile *f = spool_file(&sysspool, id1);
    assert_string_equal(f->a.origin, "ALICE");
    assert_string_equal(f->a.origin_node, "REMOTE1");
    /* One file only: the next is the user's own. */
    assert_int_equal(punch_card(d), 0);
    int id2 = u->file;
    assert_int_equal(vur_close(d), 0);
    assert_string_equal(spool_file(&sysspool, id2)->a.origin, "OPER");
    assert_string_equal(spool_file(&sysspool, id2)->a.origin_node, "");
    /* A file open now gets it; a blank node is this system. */
    assert_int_equal(punch_card(d), 0);
    int id3 = u->file;
    f8_plist(vm, ZCP_F8_VERSION, 0x000D, "", "BOB");
    assert_int_equal(f8_on(v, ZCP_F8_SET, &why), 0);
    assert_int_equal(vur_close(d), 0);
    assert_string_equal(spool_file(&sysspool, id3)->a.origin, "BOB");
    /* The SFBLOK shows the origin userid. */
    uint8_t b[SFBLOK_SIZE];
    sfblok_build(spool_file(&sysspool, id1), 0, b);
    assert_true(name_is(b + 16, "ALICE"));
    /* Warm start: node and userid come back from the volume. */
    memset(&sysspool, 0, sizeof sysspool);
    assert_true(spool_mount(&sysspool, &disk->b, NULL, NULL) >= 3);
    assert_string_equal(spool_file(&sysspool, id1)->a.origin_node, "REMOTE1");
    assert_string_equal(spool_file(&sysspool, id1)->a.origin, "ALICE");
    assert_string_equal(spool_file(&sysspool, id2)->a.origin_node, "");
    /* QUERY gives them back; a local file's node is ZCP. */
    f8_plist(vm, ZCP_F8_VERSION, (uint16_t)id1, "", "");
    assert_int_equal(f8_on(v, ZCP_F8_QUERY, &why), 0);
    uint8_t p[24];
    gstor_read(&vm->stor, PL, p, sizeof p);
    assert_true(name_is(p + 4, "REMOTE1") && name_is(p + 12, "ALICE"));
    assert_int_equal(be16_get(p + 2), id1);
    f8_plist(vm, ZCP_F8_VERSION, (uint16_t)id3, "", "");
    assert_int_equal(f8_on(v, ZCP_F8_QUERY, &why), 0);
    gstor_read(&vm->stor, PL, p, sizeof p);
    assert_true(name_is(p + 4, "ZCP") && name_is(p + 12, "BOB"));
}

static void f8_query_own_files_unless_class_d(void **state)
{
    int mine = mkfile("USERG", SQ_RDR, "MINE", 1);
    int theirs = mkfile("USERB", SQ_RDR, "THEIRS", 1);
    struct vm *g = new_vm("USERG", "G");
    struct vcpu *c = g->vcpu[0];
    uint32_t why = 0;
    f8_plist(g, ZCP_F8_VERSION, (uint16_t)mine, "", "");
    assert_int_equal(f8_on(c, ZCP_F8_QUERY, &why), 0);
    uint8_t p[24];
    gstor_read(&g->stor, PL, p, sizeof p);
    assert_true(name_is(p + 4, "ZCP") && name_is(p + 12, "USERG"));
    f8_plist(g, ZCP_F8_VERSION, (uint16_t)theirs, "", "");
    assert_int_equal(f8_on(c, ZCP_F8_QUERY, &why), 3);
    assert_int_equal(why, ZCP_F8_RS_NOFILE);
    f8_plist(vm, ZCP_F8_VERSION, (uint16_t)theirs, "", "");   /* OPER has class D */
    assert_int_equal(f8_on(v, ZCP_F8_QUERY, &why), 0);
    f8_plist(vm, ZCP_F8_VERSION, 4242, "", "");
    assert_int_equal(f8_on(v, ZCP_F8_QUERY, &why), 3);
    assert_int_equal(why, ZCP_F8_RS_NOFILE);
    f8_plist(vm, ZCP_F8_VERSION, 0, "", "");
    assert_int_equal(f8_on(v, ZCP_F8_QUERY, &why), 3);
    assert_int_equal(why, ZCP_F8_RS_NOFILE);
    f8_plist(vm, 2, (uint16_t)theirs, "", "");
    assert_int_equal(f8_on(v, ZCP_F8_QUERY, &why), 3);
    assert_int_equal(why, ZCP_F8_RS_VERSION);
    /* A class G user may not set an origin. */
    punch_of(g);
    f8_plist(g, ZCP_F8_VERSION, 0x000D, "N", "X");
    assert_int_equal(f8_on(c, ZCP_F8_SET, &why), -PGM_SPECIFICATION);
    strcpy(g->classes, "BG");
    assert_int_equal(f8_on(c, ZCP_F8_SET, &why), 0);
}

static void f8_errors(void **state)
{
    punch_of(vm);
    assert_non_null(vur_add(vm, 0x000C, 0x2540, SQ_RDR, '*'));
    uint32_t why = 0;
    f8_plist(vm, ZCP_F8_VERSION, 0x0123, "", "X");
    assert_int_equal(f8_on(v, ZCP_F8_SET, &why), 3);
    assert_int_equal(why, ZCP_F8_RS_DEVNO);
    f8_plist(vm, ZCP_F8_VERSION, 0x000C, "", "X");
    assert_int_equal(f8_on(v, ZCP_F8_SET, &why), 3);
    assert_int_equal(why, ZCP_F8_RS_DEVTYPE);
    f8_plist(vm, 0, 0x000D, "", "X");
    assert_int_equal(f8_on(v, ZCP_F8_SET, &why), 3);
    assert_int_equal(why, ZCP_F8_RS_VERSION);
    /* Program interruptions: nothing changed, Ry and the cc kept. */
    struct { uint32_t sub; uint64_t pl; const char *node, *user; int pgm; } bad[] = {
        { 8, PL, "", "X", PGM_SPECIFICATION },
        { 1, PL, "", "X", PGM_SPECIFICATION },
        { ZCP_F8_SET, PL + 2, "", "X", PGM_SPECIFICATION },
        { ZCP_F8_SET, PL, "", "", PGM_SPECIFICATION },          /* blank userid */
        { ZCP_F8_SET, PL, "", "A B", PGM_SPECIFICATION },
        { ZCP_F8_SET, PL, "NO DE", "X", PGM_SPECIFICATION },
        { ZCP_F8_SET, PL, "N*", "X", PGM_SPECIFICATION },
        { ZCP_F8_SET, MiB - 8, "", "X", PGM_ADDRESSING },
        { ZCP_F8_QUERY, MiB, "", "X", PGM_ADDRESSING },
        { ZCP_F8_QUERY, PL + 4, "", "X", PGM_SPECIFICATION },
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        f8_plist(vm, ZCP_F8_VERSION, 0x000D, bad[i].node, bad[i].user);
        vcpu_set_gpr(v, 2, bad[i].sub);
        vcpu_set_gpr(v, 4, bad[i].pl);
        set_cc(v, 2);
        int pgm = diag_on(v, 2, 4, 0xF8);
        if (pgm != bad[i].pgm)
            fail_msg("case %u: program interruption %d, expected %d", i, pgm, bad[i].pgm);
        assert_int_equal(vcpu_gpr(v, 4), bad[i].pl);
        assert_int_equal(cc_of(v), 2);
        assert_string_equal(vur_of(vm_vdev(vm, 0x000D))->f8_user, "");
    }
}


/* ---- what Linux's vmur reads of CP's answers (s390-tools vmur/vmur.cpp) ---- */
static char resp[4096];

static void collect(void *arg, const char *line)
{
    strcat(resp, line);
    strcat(resp, "\n");
}

/* A command as the user of vm m; its response as vmcp gives it (lines
 * ending in a newline), and the return code. */
static int cp_as(struct vm *m, const char *classes, const char *line)
{
    struct cmd_user u;
    memset(&u, 0, sizeof u);
    u.userid = m->userid;
    u.classes = classes;
    u.vm = m;
    struct cmd_ctx ctx = { .user = &u, .write = collect };
    resp[0] = 0;
    return cmd_execute(&ctx, line);
}

static void vmur_query_rdr_columns(void **state)
{
    struct vm *lx = new_vm("LINUX1", "G");
    assert_non_null(vur_add(lx, 0x000C, 0x2540, SQ_RDR, '*'));
    int id = mkfile("LINUX1", SQ_RDR, "SAMPLE", 3);
    strcpy(spool_file(&sysspool, id)->a.origin, "CMSUSER");
    char cmd[80];
    snprintf(cmd, sizeof cmd, "QUERY READER * %d ALL SHORTDATE", id);
    assert_int_equal(cp_as(lx, "G", cmd), 0);
    /* vmur: class at 91, hold state at 110, name at 130, type at 140. */
    if (strlen(resp) < 148)
        fail_msg("response: %s", resp);
    assert_int_equal(resp[91], 'A');
    assert_memory_equal(resp + 110, "NONE", 4);
    assert_memory_equal(resp + 130, "SAMPLE  ", 8);
    assert_memory_equal(resp + 140, "DATA    ", 8);
    assert_memory_equal(resp, "ORIGINID FILE CLASS", 19);
    assert_memory_equal(resp + 77, "CMSUSER  ", 9);
    /* vmur li: QUERY RDR * ALL; a file that is not there; held */
    assert_int_equal(cp_as(lx, "G", "QUERY RDR * ALL"), 0);
    assert_non_null(strstr(resp, " SAMPLE    DATA     "));
    assert_int_equal(cp_as(lx, "G", "QUERY RDR * 9999 ALL"), 0);
    assert_string_equal(resp, "NO RDR FILES\n");
    snprintf(cmd, sizeof cmd, "CHANGE * READER %d HOLD", id);
    assert_int_equal(cp_as(lx, "G", cmd), 0);
    snprintf(cmd, sizeof cmd, "QUERY READER * %d ALL SHORTDATE", id);
    assert_int_equal(cp_as(lx, "G", cmd), 0);
    assert_memory_equal(resp + 110, "USER", 4);
    /* ORDER/PURGE with *: a spoolid that is not one's own fails */
    assert_int_not_equal(cp_as(lx, "G", "ORDER * READER 9999"), 0);
    assert_non_null(strstr(resp, "HCPCSU042E RDR FILE 9999 does not exist"));
    int other = mkfile("OPER", SQ_RDR, "OTHER", 1);
    snprintf(cmd, sizeof cmd, "PURGE * RDR %d", other);
    assert_int_not_equal(cp_as(lx, "G", cmd), 0);
    assert_non_null(spool_file(&sysspool, other));
    /* QUERY VIRTUAL 00C: the class at 13 */
    assert_int_equal(cp_as(lx, "G", "QUERY VIRTUAL C"), 0);
    assert_int_equal(resp[13], '*');
}

static void vmur_close_punch_to_reader(void **state)
{
    static const char dir[] = "USER OPER OPER 1M 1M DG\nUSER LINUX1 LINUX1 1M 1M G\n";
    assert_int_equal(dir_parse(&sysdir, dir, strlen(dir), 0, 0), 0);
    struct vm *lx = new_vm("LINUX1", "G");
    struct vdev *d = vur_add(lx, 0x000D, 0x2540, SQ_PUN, 'A');
    assert_non_null(d);
    assert_int_equal(cp_as(lx, "G", "QUERY VIRTUAL D"), 0);
    assert_memory_equal(resp + 15, "NOCONT", 6);                /* not spooled CONT */
    assert_int_equal(punch_card(d), 0);
    int id = vur_of(d)->file;
    assert_int_equal(cp_as(lx, "G", "CLOSE D TO OPER RDR NAME back text"), 0);
    /* The spoolid at offset 9 of CLOSE's response */
    char want[80];
    snprintf(want, sizeof want, "PUN FILE %04d SENT TO OPER RDR AS %04d RECS 0001 ", id, id);
    assert_memory_equal(resp, want, strlen(want));
    struct spoolfile *f = spool_file(&sysspool, id);
    assert_int_equal(f->a.queue, SQ_RDR);
    assert_string_equal(f->a.owner, "OPER");
    assert_string_equal(f->a.fn, "BACK");
    assert_string_equal(f->a.ft, "TEXT");
    assert_string_equal(vur_of(d)->to, "");                     /* TO was for this file only */
    /* CLOSE PURGE discards an open file; a bad operand changes nothing */
    assert_int_equal(punch_card(d), 0);
    int gone = vur_of(d)->file;
    assert_int_equal(cp_as(lx, "G", "CLOSE D PURGE"), 0);
    assert_null(spool_file(&sysspool, gone));
    assert_int_equal(vur_of(d)->file, 0);
    assert_int_not_equal(cp_as(lx, "G", "CLOSE D TO NOSUCH RDR"), 0);
    assert_int_not_equal(cp_as(lx, "G", "CLOSE D BOGUS"), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(d8_walks_every_queue_in_order),
        T(d8_by_owner_and_by_queue),
        T(d8_this_file_short_buffer_and_cc2),
        T(d8_every_bad_operand),
        T(d8_needs_class_d),
        T(f8_set_applies_to_the_next_file_then_persists),
        T(f8_query_own_files_unless_class_d),
        T(f8_errors),
        T(vmur_query_rdr_columns),
        T(vmur_close_punch_to_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
