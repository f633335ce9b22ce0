/* X'308': IPL functions.  Ry = subcode; Rx (even) -> IPL parameter block
 * (IPLB) for SET/STORE; return code in Rx+1: X'0001' done, X'0102' no IPLB
 * set, X'0402' IPLB not valid (as QEMU's and KVM's handlers and Linux's
 * arch/s390/kernel/ipl.c use them).  IPLB: length at 0, block-0 length at
 * 8, type at X'0C' (2 = CCW), device number at X'6E', VM flags at X'70'
 * (X'80': VM PARM valid), PARM length at X'74', EBCDIC PARM at X'80'.
 *
 * Every successful IPL (the IPL command, the directory's IPL at logon, a
 * re-IPL through this DIAG) leaves a CCW-type IPLB describing the device and
 * PARM for STORE, as z/VM keeps the IPL information of the last IPL: Linux
 * STOREs it at boot (arch/s390/boot/ipl_parm.c) and re-IPLs from it at
 * `reboot` (arch/s390/kernel/ipl.c, reipl for type CCW: SET, then LOAD
 * NORMAL, subcode 4); without it Linux's IPL type is "unknown", its reboot
 * issues LOAD CLEAR with nothing set and ends in a disabled wait. */
#include "diagnose/diag.h"
#include "cp/vm/vdevs.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define X308_RESET_CLEAR  0     /* reset (modified clear) and re-IPL */
#define X308_RESET_NORMAL 1     /* reset and re-IPL */
#define X308_LOAD_CLEAR   3
#define X308_LOAD_NORMAL  4
#define X308_SET          5
#define X308_STORE        6

#define RC_OK       0x0001
#define RC_NO_CONF  0x0102
#define RC_INVALID  0x0402

#define IPLB_CCW_MIN 200        /* header + CCW block */
#define PBT_CCW      2

#define IPLB_CCW_LEN 200
#define IPLB_VM_PARM 0x80

void diag_ipl_record(struct vm *vm, uint16_t devno, const char *parm)
{
    struct diag_vm *s = &vm->diag;
    uint8_t *b = s->iplb;
    memset(b, 0, IPLB_CCW_LEN);
    be32_put(b, IPLB_CCW_LEN);                  /* version 0 */
    be32_put(b + 8, IPLB_CCW_LEN - 8);
    b[0x0C] = PBT_CCW;
    be16_put(b + 0x6E, devno);                  /* subchannel set 0 */
    size_t n = parm ? strnlen(parm, 64) : 0;
    if (n) {
        b[0x70] = IPLB_VM_PARM;
        be32_put(b + 0x74, (uint32_t)n);
        ebcdic_from_ascii(b + 0x80, parm, n);
    }
    s->iplb_len = IPLB_CCW_LEN;
}

static int iplb_valid(const uint8_t *b, uint32_t len)
{
    return len >= IPLB_CCW_MIN && be32_get(b + 8) >= IPLB_CCW_MIN - 8 && b[0x0C] == PBT_CCW;
}

static void set_iplb(struct diag_args *a, struct diag_vm *s, uint64_t addr)
{
    uint8_t head[4];
    if (diag_check(a, addr, 4096, 4096) || diag_read(a, addr, head, 4))
        return;
    uint32_t len = be32_get(head);
    if (len > DIAG_IPLB_MAX) {
        diag_set32(a, a->rx + 1, RC_INVALID);
        return;
    }
    static uint8_t block[DIAG_IPLB_MAX];    /* CP runs one DIAG at a time */
    if (len >= 4 && diag_read(a, addr, block, len))
        return;
    if (len < 4 || !iplb_valid(block, len)) {
        diag_set32(a, a->rx + 1, RC_INVALID);  /* the IPLB set before stays */
        return;
    }
    memcpy(s->iplb, block, len);
    s->iplb_len = len;
    diag_set32(a, a->rx + 1, RC_OK);
}

static void store_iplb(struct diag_args *a, struct diag_vm *s, uint64_t addr)
{
    if (diag_check(a, addr, 4096, 4096))
        return;
    if (!s->iplb_len) {
        diag_set32(a, a->rx + 1, RC_NO_CONF);
        return;
    }
    if (diag_write(a, addr, s->iplb, s->iplb_len) == 0)
        diag_set32(a, a->rx + 1, RC_OK);
}

/* Re-IPL from the IPLB's device with its PARM (cp/vm/ipl.c does the IPL).
 * On success the guest starts afresh and this DIAG never returns to it;
 * if the IPL fails the machine stays reset and the user is told why. */
static void load(struct diag_args *a, struct diag_vm *s, int clear)
{
    struct vm *vm = a->v->vm;
    if (!s->iplb_len) {
        diag_set32(a, a->rx + 1, RC_NO_CONF);
        return;
    }
    const uint8_t *b = s->iplb;
    char parm[65] = "";
    uint32_t plen = be32_get(b + 0x74);
    if ((b[0x70] & 0x80) && plen <= 64) {
        ebcdic_to_ascii_buf(parm, b + 0x80, plen);
        parm[plen] = 0;
    }
    uint16_t devno = be16_get(b + 0x6E);
    if (!vm_vdev(vm, devno)) {
        diag_set32(a, a->rx + 1, RC_INVALID);  /* nothing to IPL: the guest goes on */
        return;
    }
    char msg[160];
    static uint8_t used[DIAG_IPLB_MAX];     /* CP runs one DIAG at a time */
    uint32_t used_len = s->iplb_len;
    memcpy(used, s->iplb, used_len);
    vm->ipl_parm[0] = 0;
    a->v->yield = 1;            /* back through the dispatcher: storage may be new */
    if (vm_ipl(vm, devno, clear, parm, msg, sizeof msg) != 0) {
        vm_console_write(vm, msg);
        return;
    }
    memcpy(s->iplb, used, used_len);        /* STORE gives back the block IPLed */
    s->iplb_len = used_len;
}

void diag_x308(struct diag_args *a)
{
    struct diag_vm *s = &a->v->vm->diag;
    uint32_t sub = diag_reg32(a, a->ry);
    switch (sub) {
    case X308_SET:
    case X308_STORE:
        if (diag_even(a, a->rx))
            return;
        if (sub == X308_SET)
            set_iplb(a, s, diag_addr(a, a->rx));
        else
            store_iplb(a, s, diag_addr(a, a->rx));
        return;
    case X308_RESET_CLEAR:
    case X308_LOAD_CLEAR:
    case X308_RESET_NORMAL:
    case X308_LOAD_NORMAL:
        if (diag_even(a, a->rx))
            return;
        load(a, s, sub == X308_RESET_CLEAR || sub == X308_LOAD_CLEAR);
        return;
    default:
        diag_spec(a);
    }
}
