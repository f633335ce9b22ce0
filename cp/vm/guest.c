/* Guest operands.  DAT follows the Principles of Operation, "Dynamic
 * Address Translation" (z/Architecture tables): ASCE designation types
 * region-first to segment, table offset/length checks, invalid bits,
 * table-type checks (translation-specification exception), DAT
 * protection in segment and page entries (and region entries with
 * EDAT-1), large frames with EDAT-1 (segment) and EDAT-2 (region third),
 * the real-space ASCE.  Table entries are fetched at absolute addresses,
 * as z/Architecture does.  The TEID for translation exceptions holds the
 * page address and the address-space id (bits 62-63); with DAT
 * protection, bit 61.  Not done: access-register mode (AR mode uses the
 * primary space) and the fetch/store indication of facility 75 (CP hides
 * that facility). */
#include "cp/vm/guest.h"
#include "cp/sys/system.h"
#include "lib/be.h"

#define PSW_DAT   0x0400000000000000ULL
#define PSW_ASC   0x0000C00000000000ULL
#define PSW_EA    0x0000000100000000ULL
#define PSW_BA    0x0000000080000000ULL
#define CR0_LAP   0x0000000010000000ULL     /* bit 35: low-address protection */
#define CR0_EDAT  0x0000000000800000ULL     /* bit 40: enhanced-DAT enablement */

#define ASCE_PRIVATE 0x100ULL
#define ASCE_REAL    0x020ULL
#define ENTRY_INVALID 0x020ULL              /* region and segment entries */
#define ENTRY_PROT    0x200ULL
#define ENTRY_FC      0x400ULL
#define STE_COMMON    0x010ULL
#define PTE_INVALID   0x400ULL
#define PTE_ZERO52    0x800ULL              /* must be zero */
#define TEID_DATPROT  0x4ULL                /* bit 61 */

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

int guest_rre_r1(struct vcpu *v)
{
    return (int)(v->sd.ipb >> 20) & 0xF;
}

int guest_rre_r2(struct vcpu *v)
{
    return (int)(v->sd.ipb >> 16) & 0xF;
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

/* ---- DAT ---------------------------------------------------------------- */

static int fetch_entry(struct vcpu *v, uint64_t abs, uint64_t *e)
{
    uint8_t b[8];
    if (gstor_read(&v->vm->stor, abs, b, 8))
        return -1;
    *e = be64_get(b);
    return 0;
}

/* Translation exception of each level, region-first (0) to segment (3). */
static const uint16_t level_exception[4] = {
    PGM_REGION_FIRST_TRANS, PGM_REGION_SECOND_TRANS, PGM_REGION_THIRD_TRANS, PGM_SEGMENT_TRANSLATION,
};

/* Walk the tables of asce for va: 0 with *real and *prot, or a program-
 * interruption code. */
static int walk(struct vcpu *v, uint64_t asce, uint64_t va, uint64_t *real, int *prot)
{
    *prot = 0;
    if (asce & ASCE_REAL) {
        *real = va;
        return 0;
    }
    int edat1 = (v->sd.gcr[0] & CR0_EDAT) && facility(8);
    int edat2 = edat1 && facility(78);
    /* 11-bit indexes: region first, second, third, segment. */
    uint64_t idx[4] = { va >> 53, (va >> 42) & 0x7FF, (va >> 31) & 0x7FF, (va >> 20) & 0x7FF };
    int first = 3 - (int)((asce >> 2) & 3);     /* DT 11: level 0 ... DT 00: level 3 */
    for (int k = 0; k < first; k++)
        if (idx[k])
            return PGM_ASCE_TYPE;               /* the address is beyond the table type */
    uint64_t origin = asce & ~0xFFFULL;
    unsigned tf = 0, tl = (unsigned)(asce & 3);
    for (int lvl = first; lvl < 4; lvl++) {
        unsigned top = (unsigned)(idx[lvl] >> 9);
        if (top < tf || top > tl)
            return level_exception[lvl];
        uint64_t e;
        if (fetch_entry(v, origin + idx[lvl] * 8, &e))
            return PGM_ADDRESSING;
        if (e & ENTRY_INVALID)
            return level_exception[lvl];
        unsigned tt = (unsigned)(e >> 2) & 3;
        if (lvl < 3) {
            if (tt != (unsigned)(3 - lvl))
                return PGM_TRANSLATION_SPEC;
            if (edat1 && (e & ENTRY_PROT))
                *prot = 1;
            if (lvl == 2 && edat2 && (e & ENTRY_FC)) {
                *real = (e & ~0x7FFFFFFFULL) | (va & 0x7FFFFFFF);   /* 2 GiB frame */
                return 0;
            }
            origin = e & ~0xFFFULL;
            tf = (unsigned)(e >> 6) & 3;
            tl = (unsigned)e & 3;
            continue;
        }
        if (tt != 0 || ((asce & ASCE_PRIVATE) && (e & STE_COMMON)))
            return PGM_TRANSLATION_SPEC;
        if (e & ENTRY_PROT)
            *prot = 1;
        if (edat1 && (e & ENTRY_FC)) {
            *real = (e & ~0xFFFFFULL) | (va & 0xFFFFF);             /* 1 MiB frame */
            return 0;
        }
        uint64_t pte;
        if (fetch_entry(v, (e & ~0x7FFULL) + ((va >> 12) & 0xFF) * 8, &pte))
            return PGM_ADDRESSING;
        if (pte & PTE_INVALID)
            return PGM_PAGE_TRANSLATION;
        if (pte & PTE_ZERO52)
            return PGM_TRANSLATION_SPEC;
        if (pte & ENTRY_PROT)
            *prot = 1;
        *real = (pte & ~0xFFFULL) | (va & 0xFFF);
    }
    return 0;
}

int guest_translate(struct vcpu *v, uint64_t logical, int store, uint64_t *real, uint64_t *teid)
{
    uint64_t mask = v->sd.psw_mask;
    int dat = (mask & PSW_DAT) != 0;
    /* Address-space control: 00 primary, 10 secondary, 11 home; 01 (AR
     * mode) is treated as primary. */
    unsigned as = (unsigned)(mask >> 46) & 3;
    uint64_t asce = as == 2 ? v->sd.gcr[7] : as == 3 ? v->sd.gcr[13] : v->sd.gcr[1];
    uint64_t asid = as == 1 ? 0 : as;
    *teid = ~0ULL;
    /* Low-address protection: stores to 0-511 and 4096-4607, unless the
     * space is private. */
    if (store && (v->sd.gcr[0] & CR0_LAP) && (logical & ~0x11FFULL) == 0 &&
        !(dat && (asce & ASCE_PRIVATE))) {
        *teid = (logical & ~0xFFFULL) | asid;
        return PGM_PROTECTION;
    }
    if (!dat) {
        *real = logical;
        return 0;
    }
    int prot;
    int code = walk(v, asce, logical, real, &prot);
    if (code == PGM_ADDRESSING || code == PGM_TRANSLATION_SPEC)
        return code;                            /* no TEID stored */
    if (code) {
        *teid = (logical & ~0xFFFULL) | asid;
        return code;
    }
    if (store && prot) {
        *teid = (logical & ~0xFFFULL) | TEID_DATPROT | asid;
        return PGM_PROTECTION;
    }
    return 0;
}

static int nullifying(uint16_t code)
{
    return code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION ||
           (code >= PGM_ASCE_TYPE && code <= PGM_REGION_THIRD_TRANS);
}

void guest_fault(struct vcpu *v, uint16_t code, uint64_t teid)
{
    if (teid != ~0ULL) {
        uint8_t b[8];
        be64_put(b, teid);
        gstor_write(&v->vm->stor, v->sd.prefix + GLC_TEID, b, 8);
    }
    if (nullifying(code))
        v->sd.psw_addr = guest_wrap(v, v->sd.psw_addr - 4);   /* intercepted instructions are 4 bytes */
    vcpu_program_interrupt(v, code, 4);
}

/* ---- operands ------------------------------------------------------------- */

static int misaligned(struct vcpu *v, uint64_t addr, unsigned align)
{
    if (addr & (align - 1)) {
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return 1;
    }
    return 0;
}

/* Check every page of the operand, then copy: a store happens whole or not
 * at all.  logical: translate through the guest's DAT first. */
static int operand(struct vcpu *v, uint64_t addr, unsigned align, uint8_t *in, const uint8_t *out,
                   size_t len, int logical)
{
    if (misaligned(v, addr, align))
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        uint64_t a = addr;
        size_t left = len, done = 0;
        while (left) {
            size_t n = 4096 - (a & 0xFFF);
            if (n > left)
                n = left;
            uint64_t real = a, teid = ~0ULL;
            int code = 0;
            if (logical)
                code = guest_translate(v, a, out != 0, &real, &teid);
            else if (out && (v->sd.gcr[0] & CR0_LAP) && (a & ~0x11FFULL) == 0) {
                code = PGM_PROTECTION;          /* low-address protection applies to real addresses too */
                teid = a & ~0xFFFULL;
            }
            uint64_t abs = gstor_prefix(real, v->sd.prefix);
            if (!code && (abs >= v->vm->stor.size || n > v->vm->stor.size - abs))
                code = PGM_ADDRESSING;
            if (code) {
                guest_fault(v, (uint16_t)code, teid);
                return -1;
            }
            if (pass == 1 && (in ? gstor_read(&v->vm->stor, abs, in + done, n)
                                 : gstor_write(&v->vm->stor, abs, out + done, n))) {
                guest_fault(v, PGM_ADDRESSING, ~0ULL);
                return -1;
            }
            a = guest_wrap(v, a + n);
            left -= n;
            done += n;
        }
    }
    return 0;
}

int guest_operand_read(struct vcpu *v, uint64_t addr, unsigned align, void *buf, size_t len)
{
    return operand(v, addr, align, buf, 0, len, 1);
}

int guest_operand_write(struct vcpu *v, uint64_t addr, unsigned align, const void *buf, size_t len)
{
    return operand(v, addr, align, 0, buf, len, 1);
}

int guest_real_operand_read(struct vcpu *v, uint64_t addr, unsigned align, void *buf, size_t len)
{
    return operand(v, addr, align, buf, 0, len, 0);
}

int guest_real_operand_write(struct vcpu *v, uint64_t addr, unsigned align, const void *buf, size_t len)
{
    return operand(v, addr, align, 0, buf, len, 0);
}
