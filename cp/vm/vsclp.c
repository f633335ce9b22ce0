/* A guest's SCLP.  Formats as Linux (drivers/s390/char/sclp*.c) and
 * Hercules (service.c) use them: the SCCB header (length, function code,
 * control mask, response code at 6), Read SCP Info (storage increments at
 * 8/10 and 100/104, CPU entries from the offset at 18, 16 bytes each),
 * the event facility (Write Event Mask: four masks of mask_length bytes
 * from 12, the program's receive and send masks then the SCLP's; event
 * buffers: length, type, flags).  Messages (type 2) carry an MDB whose
 * message-text objects are the lines; operator commands (type 1) carry
 * the text in GDS vectors MDSMU / CP-MSU / text command / self-defining
 * text / text.  Text is EBCDIC 037, as Linux uses under z/VM.
 * Response codes: X'0010'/X'0020' done, X'0100' SCCB crosses a page,
 * X'01F0' unknown command, X'0300' SCCB too short, X'40F0' function not
 * supported, X'60F0' no events to read, X'70F0' bad selection mask,
 * X'73F0' event buffer syntax, X'74F0' bad mask length, X'75F0' event
 * does not fit. */
#include "cp/vm/vsclp.h"
#include "cp/vm/vm.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/guest.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"
#include "lib/str.h"

#define CMD_READ_SCP_INFO        0x00020001
#define CMD_READ_SCP_INFO_FORCED 0x00120001
#define CMD_WRITE_EVENT_DATA     0x00760005
#define CMD_READ_EVENT_DATA      0x00770005
#define CMD_WRITE_EVENT_MASK     0x00780005

#define RC_INFO          0x0010
#define RC_DONE          0x0020
#define RC_BOUNDARY      0x0100
#define RC_BAD_COMMAND   0x01F0
#define RC_SHORT_SCCB    0x0300
#define RC_BAD_FUNCTION  0x40F0
#define RC_NO_EVENTS     0x60F0
#define RC_BAD_SELECTION 0x70F0
#define RC_SYNTAX        0x73F0
#define RC_BAD_MASKLEN   0x74F0
#define RC_TOO_BIG       0x75F0

#define EV_OPCMD   1
#define EV_MSG     2
#define EV_PMSGCMD 9
#define MASK(t)    (0x80000000u >> ((t) - 1))
/* What this SCLP takes from the guest, and what it can send it. */
#define SCLP_RECEIVES (MASK(EV_MSG) | MASK(EV_PMSGCMD))
#define SCLP_SENDS    MASK(EV_OPCMD)

#define EVBUF_ACCEPTED   0x80
#define VARIABLE_LENGTH  0x80      /* control mask byte 2 */
#define MDB_TAG          0xD4C4C240u   /* EBCDIC "MDB " */
#define OBJ_MTO          4
#define PARM_EVENTS      1u         /* ext. parameter: events pending */
#define SCCB_MAX         4096
#define INFO_CPU_OFF     128        /* CPU entries start here */

static uint8_t sccb[SCCB_MAX];

/* ---- the service signal --------------------------------------------------- */

static void post_signal(struct vm *vm, uint32_t parm)
{
    vm->sclp.parm = vm->sclp.signal ? (vm->sclp.parm | parm) : parm;
    vm->sclp.signal = 1;
    for (int i = 0; i < vm->nvcpu; i++)
        vcpu_post_ext(vm->vcpu[i], VEXT_SERVICE, 0);
}

uint32_t vsclp_take_signal(struct vm *vm)
{
    vm->sclp.signal = 0;
    for (int i = 0; i < vm->nvcpu; i++)
        vm->vcpu[i]->ext_pending &= ~VEXT_SERVICE;
    return vm->sclp.parm;
}

static int events_waiting(struct vm *vm)
{
    return vm->sclp.head != vm->sclp.tail && (vm->sclp.cp_receive & SCLP_SENDS);
}

void vsclp_reset(struct vm *vm)
{
    if (vm->sclp.signal)
        vsclp_take_signal(vm);
    memset(&vm->sclp, 0, sizeof vm->sclp);
}

int vsclp_console_input(struct vm *vm, const char *line)
{
    struct vsclp *s = &vm->sclp;
    if (!(s->cp_receive & MASK(EV_OPCMD)))
        return 0;
    if (s->head - s->tail < VSCLP_LINES) {
        str_copy(s->in[s->head % VSCLP_LINES], line, VSCLP_LINE);
        s->head++;
    }
    post_signal(vm, PARM_EVENTS);
    return 1;
}

/* ---- commands: each works on the SCCB copy, len bytes, returns the response code */

static int read_scp_info(struct vcpu *v, unsigned len)
{
    struct vm *vm = v->vm;
    unsigned need = INFO_CPU_OFF + 16 * (unsigned)vm->nvcpu;
    if (len < need)
        return RC_SHORT_SCCB;
    memset(sccb + 8, 0, need - 8);
    uint64_t incs = vm->stor.size >> 20;            /* 1 MiB increments */
    be16_put(sccb + 8, (uint16_t)incs);
    sccb[10] = 1;
    be16_put(sccb + 16, (uint16_t)vm->nvcpu);
    be16_put(sccb + 18, INFO_CPU_OFF);
    memset(sccb + 24, EBCDIC_SPACE, 8);             /* load parameter */
    be32_put(sccb + 100, 1);
    be64_put(sccb + 104, incs);
    be16_put(sccb + 120, VCPU_MAX - 1);             /* highest CPU address */
    for (int i = 0; i < vm->nvcpu; i++)
        sccb[INFO_CPU_OFF + 16 * i] = (uint8_t)vm->vcpu[i]->cpuaddr;   /* type 0: CP */
    return RC_INFO;
}

/* A mask of len bytes as the 32 event types CP knows (longer masks: the
 * rest is zero). */
static uint32_t mask_get(const uint8_t *m, unsigned len)
{
    uint8_t b[4] = { 0, 0, 0, 0 };
    memcpy(b, m, len < 4 ? len : 4);
    return be32_get(b);
}

static void mask_put(uint8_t *m, unsigned len, uint32_t val)
{
    uint8_t b[4];
    be32_put(b, val);
    memset(m, 0, len);
    memcpy(m, b, len < 4 ? len : 4);
}

static int write_event_mask(struct vcpu *v, unsigned len)
{
    unsigned ml = be16_get(sccb + 10);
    if (ml == 0 || ml > 1021)
        return RC_BAD_MASKLEN;
    if (len < 12 + 4 * ml)
        return RC_SHORT_SCCB;
    struct vsclp *s = &v->vm->sclp;
    s->cp_receive = mask_get(sccb + 12, ml);
    s->cp_send = mask_get(sccb + 12 + ml, ml);
    mask_put(sccb + 12 + 2 * ml, ml, SCLP_RECEIVES);
    mask_put(sccb + 12 + 3 * ml, ml, SCLP_SENDS);
    return RC_DONE;
}

/* The message-text objects of one message event: one console line each. */
static int write_message(struct vcpu *v, uint8_t *ev, unsigned evlen)
{
    if (evlen < 6 + 12)
        return RC_SYNTAX;
    uint8_t *mdb = ev + 6;
    unsigned mlen = be16_get(mdb);
    if (mlen < 12 || mlen > evlen - 6 || be16_get(mdb + 2) != 1 || be32_get(mdb + 4) != MDB_TAG)
        return RC_SYNTAX;
    for (unsigned off = 12; off < mlen;) {
        uint8_t *obj = mdb + off;
        if (mlen - off < 4)
            return RC_SYNTAX;
        unsigned olen = be16_get(obj);
        if (olen < 4 || olen > mlen - off)
            return RC_SYNTAX;
        if (be16_get(obj + 2) == OBJ_MTO && olen >= 10) {
            char line[VSCLP_LINE + 1];
            unsigned n = olen - 10 < VSCLP_LINE ? olen - 10 : VSCLP_LINE;
            ebcdic_to_ascii_buf(line, obj + 10, n);
            line[n] = 0;
            vm_console_write(v->vm, line);
        }
        off += olen;
    }
    return RC_DONE;
}

static int write_event_data(struct vcpu *v, unsigned len)
{
    if (sccb[2] != 0)                       /* function code: normal write */
        return RC_BAD_FUNCTION;
    /* First the lengths of every buffer, then the buffers. */
    unsigned off = 8;
    while (off < len) {
        unsigned el = len - off < 6 ? 0 : be16_get(sccb + off);
        if (el < 6 || el > len - off)
            return RC_SYNTAX;
        off += el;
    }
    uint32_t accepted = SCLP_RECEIVES & v->vm->sclp.cp_send;
    for (off = 8; off < len;) {
        uint8_t *ev = sccb + off;
        unsigned el = be16_get(ev);
        if (ev[2] == 0 || ev[2] > 32 || !(accepted & MASK(ev[2])))
            return RC_BAD_FUNCTION;
        int rc = write_message(v, ev, el);
        if (rc != RC_DONE)
            return rc;
        ev[3] |= EVBUF_ACCEPTED;
        off += el;
    }
    return RC_DONE;
}

/* One typed line as an operator-command event: GDS vectors MDSMU > CP-MSU
 * > text command > self-defining text (key X'31') > text (key X'30'). */
static unsigned build_opcmd(uint8_t *ev, const char *line)
{
    unsigned n = (unsigned)strlen(line);
    unsigned sv30 = 2 + n, sv31 = 2 + sv30, text = 4 + sv31, cpmsu = 4 + text, mdsmu = 4 + cpmsu;
    unsigned total = 6 + mdsmu;
    be16_put(ev, (uint16_t)total);
    ev[2] = EV_OPCMD;
    ev[3] = 0;
    be16_put(ev + 4, 0);
    be16_put(ev + 6, (uint16_t)mdsmu);
    be16_put(ev + 8, 0x1310);
    be16_put(ev + 10, (uint16_t)cpmsu);
    be16_put(ev + 12, 0x1212);
    be16_put(ev + 14, (uint16_t)text);
    be16_put(ev + 16, 0x1320);
    ev[18] = (uint8_t)sv31;
    ev[19] = 0x31;
    ev[20] = (uint8_t)sv30;
    ev[21] = 0x30;
    ebcdic_from_ascii(ev + 22, line, n);
    return total;
}

static int read_event_data(struct vcpu *v, unsigned len)
{
    struct vsclp *s = &v->vm->sclp;
    uint32_t select = s->cp_receive;
    if (sccb[2] == 1) {                     /* selective read: mask at 8 */
        if (len < 12)
            return RC_SHORT_SCCB;
        select = be32_get(sccb + 8);
        if (!s->cp_receive || (select & ~s->cp_receive))
            return RC_BAD_SELECTION;
    } else if (sccb[2] != 0) {              /* 0: unconditional read */
        return RC_BAD_FUNCTION;
    }
    unsigned off = 8;
    while ((select & MASK(EV_OPCMD)) && s->head != s->tail) {
        const char *line = s->in[s->tail % VSCLP_LINES];
        unsigned need = 6 + 16 + (unsigned)strlen(line);
        if (off + need > len) {
            if (off == 8)
                return RC_TOO_BIG;
            break;
        }
        off += build_opcmd(sccb + off, line);
        s->tail++;
    }
    if (off == 8)
        return RC_NO_EVENTS;
    if (sccb[5] & VARIABLE_LENGTH) {        /* the SCCB shrinks to what was stored */
        sccb[5] &= ~VARIABLE_LENGTH;
        be16_put(sccb, (uint16_t)off);
    }
    return RC_DONE;
}

/* ---- SERVC ------------------------------------------------------------------ */

/* SERVC R1,R2: R1 the command word, R2 the real address of the SCCB
 * (doubleword aligned, below 2 GiB: else specification).  CP completes
 * the command at once and makes the service signal pending; while it is,
 * the SCLP is busy (cc 2). */
void instr_servc(struct vcpu *v)
{
    struct vm *vm = v->vm;
    uint32_t cmd = (uint32_t)vcpu_gpr(v, guest_rre_r1(v));
    uint64_t addr = vcpu_gpr(v, guest_rre_r2(v));
    uint8_t hdr[8];
    if (addr & ~0x7FFFFFF8ULL) {
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return;
    }
    if (guest_read(v, addr, hdr, 8)) {
        vcpu_program_interrupt(v, PGM_ADDRESSING, 4);
        return;
    }
    unsigned len = be16_get(hdr);
    uint8_t last;
    if (len < 8) {
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return;
    }
    if (guest_read(v, addr + len - 1, &last, 1)) {
        vcpu_program_interrupt(v, PGM_ADDRESSING, 4);
        return;
    }
    if (vm->sclp.signal) {
        vcpu_set_cc(v, 2);
        return;
    }
    /* An SCCB must not cross a page: then only the header is answered. */
    int crosses = (addr & 0xFFF) + len > SCCB_MAX;
    if (crosses)
        len = 8;
    guest_read(v, addr, sccb, len);
    int rc;
    if (crosses)
        rc = RC_BOUNDARY;
    else if (cmd == CMD_READ_SCP_INFO || cmd == CMD_READ_SCP_INFO_FORCED)
        rc = read_scp_info(v, len);
    else if (cmd == CMD_WRITE_EVENT_MASK)
        rc = write_event_mask(v, len);
    else if (cmd == CMD_WRITE_EVENT_DATA)
        rc = write_event_data(v, len);
    else if (cmd == CMD_READ_EVENT_DATA)
        rc = read_event_data(v, len);
    else
        rc = RC_BAD_COMMAND;
    be16_put(sccb + 6, (uint16_t)rc);
    guest_write(v, addr, sccb, len);        /* in storage: checked above */
    post_signal(vm, (uint32_t)addr | (events_waiting(vm) ? PARM_EVENTS : 0));
    vcpu_set_cc(v, 0);
}
