#include "cp/vm/guest.h"

#define PSW_EA 0x0000000100000000ULL
#define PSW_BA 0x0000000080000000ULL

uint64_t guest_wrap(struct vcpu *v, uint64_t addr)
{
    uint64_t m = v->sd.psw_mask;
    if (m & PSW_EA)
        return addr;
    return m & PSW_BA ? addr & 0x7FFFFFFF : addr & 0xFFFFFF;
}

uint64_t guest_s_addr(struct vcpu *v)
{
    int b2 = (int)(v->sd.ipb >> 28);
    uint64_t d2 = (v->sd.ipb >> 16) & 0xFFF;
    return guest_wrap(v, (b2 ? vcpu_gpr(v, b2) : 0) + d2);
}

/* An operand may cross the prefix boundary: copy page by page. */
static int access(struct vcpu *v, uint64_t real, uint8_t *in, const uint8_t *out, size_t len)
{
    while (len) {
        size_t n = 4096 - (real & 0xFFF);
        if (n > len)
            n = len;
        uint64_t abs = gstor_prefix(real, v->sd.prefix);
        int rc = in ? gstor_read(&v->vm->stor, abs, in, n) : gstor_write(&v->vm->stor, abs, out, n);
        if (rc)
            return -1;
        real += n;
        len -= n;
        if (in)
            in += n;
        else
            out += n;
    }
    return 0;
}

int guest_read(struct vcpu *v, uint64_t real, void *buf, size_t len)
{
    return access(v, real, buf, 0, len);
}

int guest_write(struct vcpu *v, uint64_t real, const void *buf, size_t len)
{
    return access(v, real, 0, buf, len);
}

static int misaligned(struct vcpu *v, uint64_t addr, unsigned align)
{
    if (addr & (align - 1)) {
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return 1;
    }
    return 0;
}

int guest_operand_read(struct vcpu *v, uint64_t addr, unsigned align, void *buf, size_t len)
{
    if (misaligned(v, addr, align))
        return -1;
    if (guest_read(v, addr, buf, len)) {
        vcpu_program_interrupt(v, PGM_ADDRESSING, 4);
        return -1;
    }
    return 0;
}

int guest_operand_write(struct vcpu *v, uint64_t addr, unsigned align, const void *buf, size_t len)
{
    if (misaligned(v, addr, align))
        return -1;
    if (guest_write(v, addr, buf, len)) {
        vcpu_program_interrupt(v, PGM_ADDRESSING, 4);
        return -1;
    }
    return 0;
}
