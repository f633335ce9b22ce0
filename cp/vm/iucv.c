/* IUCV (X'B2F0'), the part a guest sees when it has no IUCV partners.
 *
 * ZCP has no IUCV message passing and no CP system services (*MSG,
 * *ACCOUNT, ...): every user is as a z/VM user whose directory entry
 * allows no connections (MAXCONN 0).  That much is real IUCV, and it is
 * what a guest needs to start: Linux's iucv_init() (net/iucv/iucv.c) takes
 * IUCV for granted once STIDP says VM, and its IUCV users (hvc_iucv,
 * smsgiucv, af_iucv, netiucv) register handlers, which declares an
 * interrupt buffer on each CPU and sets the masks, then give up on their
 * own when CONNECT is refused.  (With IUCV QUERY failing, Linux 6.1's
 * hvc_iucv_init() still adds a device to the unregistered iucv bus and
 * the kernel oopses.)
 *
 * R0 holds the function code, R1 the guest real address of the parameter
 * list (doubleword aligned; Linux passes virt_to_phys()).  Condition code
 * 0 is success; cc 1 puts a return code in IPRCODE (byte 3 of the list).
 * Function codes and IPRCODEs as Linux's iucv.c and netiucv.c use them
 * (z/VM CP Programming Services, "IUCV"):
 *    0 QUERY     R0 = interrupt buffer size (40), R1 = maximum connections (0)
 *    2 RTRVBFR   the buffer is given back; masks cleared
 *   11 CONNECT   IPRCODE 13: the maximum number of connections is reached
 *   12 DCLBFR    IPBFADR1 (offset 12) names a 40-byte buffer; IPRCODE X'13'
 *                if one is declared already
 *   16 SETMASK, 17 SETCMASK  IPMASK (offset 0) kept
 *   1, 3-10, 13-15  functions on a path or message: there is none, so
 *                IPRCODE 1 (path ID not valid) -- ZCP's choice for the
 *                message functions, documented in docs/linux-guest.md
 * Any other function code gets a specification exception (ZCP's choice).
 * No IUCV external interruption (X'4000') is ever made pending: with no
 * paths there is nothing to report. */
#include "cp/vm/intercept.h"
#include "cp/vm/guest.h"
#include "lib/be.h"
#include "lib/mem.h"

#define IUCV_QUERY       0
#define IUCV_RTRVBFR     2
#define IUCV_CONNECT     11
#define IUCV_DCLBFR      12
#define IUCV_SETMASK     16
#define IUCV_SETCMASK    17
#define IUCV_LAST        17

#define IUCV_PLIST       40     /* the largest parameter list Linux builds */
#define IUCV_BUFFER      40     /* the external interrupt buffer */
#define IPRCODE          3
#define IPBFADR1         12

#define RC_PATHID        1      /* path ID not valid */
#define RC_MAXCONN       13     /* maximum connections reached */
#define RC_DECLARED      0x13   /* a buffer is declared already */

static void refuse(struct vcpu *v, uint64_t plist, uint8_t rc)
{
    if (guest_real_operand_write(v, plist + IPRCODE, 1, &rc, 1) == 0)
        vcpu_set_cc(v, 1);
}

void instr_iucv(struct vcpu *v)
{
    uint64_t fn = vcpu_gpr(v, 0);
    uint64_t plist = guest_wrap(v, vcpu_gpr(v, 1));
    uint8_t p[IUCV_PLIST];

    if (fn > IUCV_LAST) {
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return;
    }
    if (fn == IUCV_QUERY) {     /* needs no parameter list */
        vcpu_set_gpr(v, 0, IUCV_BUFFER);
        vcpu_set_gpr(v, 1, 0);
        vcpu_set_cc(v, 0);
        return;
    }
    if (guest_real_operand_read(v, plist, 8, p, sizeof p))
        return;
    switch (fn) {
    case IUCV_DCLBFR: {
        uint64_t buf = be32_get(p + IPBFADR1) & 0x7FFFFFFF;
        uint8_t probe[IUCV_BUFFER];
        if (v->iucv.declared) {
            refuse(v, plist, RC_DECLARED);
            return;
        }
        if (guest_real_operand_read(v, buf, 1, probe, sizeof probe))
            return;
        v->iucv.buffer = buf;
        v->iucv.declared = 1;
        vcpu_set_cc(v, 0);
        return;
    }
    case IUCV_RTRVBFR:
        v->iucv.declared = 0;
        v->iucv.mask = v->iucv.cmask = 0;
        vcpu_set_cc(v, 0);
        return;
    case IUCV_SETMASK:
        v->iucv.mask = p[0];
        vcpu_set_cc(v, 0);
        return;
    case IUCV_SETCMASK:
        v->iucv.cmask = p[0];
        vcpu_set_cc(v, 0);
        return;
    case IUCV_CONNECT:
        refuse(v, plist, RC_MAXCONN);
        return;
    default:
        refuse(v, plist, RC_PATHID);
        return;
    }
}
