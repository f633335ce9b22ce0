/* What a guest tells CP about itself: X'DC' (application monitor data,
 * APPLDATA) and X'318' (control program name and version codes).  ZCP has
 * no monitor to pass the data to; it accepts both as z/VM does, records
 * what the guest reported (QUERY DIAG shows it) and returns success. */
#include "diagnose/diag.h"
#include "cp/vm/guest.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

/* X'DC': Rx -> doubleword-aligned parameter list (ZVM-CB DDCBK; Linux
 * arch/s390/include/asm/appldata.h): X'00DC' at 0, function at 2 (0 start
 * interval records, 1 stop, 2 generate event record, 3 start configuration
 * records; X'80' added: the 64-bit list, product-id address at X'10',
 * buffer address at X'18'), list length at 3, buffer length at X'0A'.
 * Ry = return code 0.  A list that is not one: specification exception. */
void diag_xdc(struct diag_args *a)
{
    struct vm *vm = a->v->vm;
    uint64_t addr = diag_addr(a, a->rx);
    uint8_t pl[32];
    if (diag_check(a, addr, 16, 8) || diag_read(a, addr, pl, 16))
        return;
    uint8_t fn = pl[2];
    if (be16_get(pl) != 0x00DC || (fn & 0x7F) > 3)
        return (void)diag_spec(a);
    if (fn & 0x80) {
        uint8_t prod[7];
        if (diag_read(a, addr, pl, sizeof pl) ||
            diag_read(a, guest_wrap(a->v, be64_get(pl + 0x10)), prod, sizeof prod))
            return;
        ebcdic_to_ascii_buf(vm->diag.appldata.product, prod, sizeof prod);
        vm->diag.appldata.product[7] = 0;
    }
    vm->diag.appldata.function = fn;
    vm->diag.appldata.calls++;
    diag_set32(a, a->ry, 0);
}

/* X'318': Rx = the guest's control program codes: name code (CPNC) in
 * byte 0, version code (CPVC) in bytes 1-7, as Linux sets them at boot.
 * Kept for QUERY DIAG; the condition code is unchanged. */
void diag_x318(struct diag_args *a)
{
    a->v->vm->diag.cpcodes = diag_reg(a, a->rx);
}
