/* Hypervisor performance data: DIAGNOSE X'204' (partition data, in the
 * simplified form z/VM gives a virtual machine) and X'2FC' (guest
 * performance data).  Linux's hypervisor file system asks both at boot
 * (arch/s390/hypfs: hypfs_diag_init probes X'204', hypfs_vm_init then asks
 * X'2FC' for all guests and for itself); with either refused, hypfs does
 * not come up.
 *
 * X'204' under z/VM: a guest gets the "simplified" data (format 0, the
 * subcode 4 store); the extended format (subcodes 5-7, format bit
 * X'00010000') is LPAR's (IBM SMF type 70 field SMF70VMG: "Simplified
 * Diagnose X'204' data provided for system running as z/VM guest").  The
 * layouts are Linux's arch/s390/include/asm/diag.h (diag204_info_blk_hdr,
 * diag204_part_hdr, diag204_cpu_info) and hypfs_vm.h (diag2fc_parm_list,
 * diag2fc_data), which read what z/VM stores.  X'2FC' takes logical
 * addresses (translated by the guest's DAT when it is on), unlike the
 * older codes: Linux passes a parameter list on its (vmalloc'ed) kernel
 * stack and a vmalloc'ed buffer (hypfs_vm.c diag2fc, diag2fc_store), which
 * only works if z/VM translates them.  X'2FC' for all guests ("*")
 * needs class B (Linux on IBM Z, "Setting up the S/390 hypervisor file
 * system": "To get data for all z/VM guests, privilege class B is
 * required ... For non-class B guests, data is provided only for the local
 * guest"); ZCP answers a class it does not allow with a specification
 * exception, its rule for class-restricted DIAGNOSE functions. */
#include "diagnose/diag.h"
#include "cp/arch/clock.h"
#include "cp/cmd/cmd.h"
#include "cp/sys/sysdir.h"
#include "cp/sys/system.h"
#include "cp/vm/guest.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define D204_SUBC_STIB4   4
#define D204_FORMAT_EXT   0x00010000u
#define D204_CPU_ONLINE   0x20
#define D204_RC_OK        0
#define D204_RC_SUBCODE   4         /* subcode or format not available to a virtual machine */
#define D204_RC_SIZE      8         /* the buffer is too small */

#define HDR_LEN   16                /* diag204_info_blk_hdr */
#define PART_LEN  16                /* diag204_part_hdr */
#define CPU_LEN   24                /* diag204_cpu_info */

static void put_name(uint8_t *dst, const char *s)
{
    memset(dst, EBCDIC_SPACE, 8);
    ebcdic_from_ascii(dst, s, strnlen(s, 8));
}

/* X'204': Rx -> page-aligned buffer, Ry (even) = subcode | format,
 * Ry+1 = the buffer's size in pages.  Subcode 4, format 0: store the
 * header (1 partition, the real CPUs, this partition 1, the TOD), the
 * virtual machine as partition 1 named by its userid, and one entry per
 * virtual CPU (address, online flag, weight 100, CPU time in TOD units).
 * Ry = 0 (all 64 bits, as Linux tests them), Ry+1 unchanged.  Any other
 * subcode or format: Ry = 4, nothing stored; too few pages: Ry = 8. */
void diag_x204(struct diag_args *a)
{
    if (diag_even(a, a->ry))
        return;
    struct vm *vm = a->v->vm;
    uint32_t sub = diag_reg32(a, a->ry);
    uint64_t pages = diag_reg32(a, a->ry + 1);
    if ((sub & 0xFFFF) != D204_SUBC_STIB4 || (sub & D204_FORMAT_EXT) || (sub & ~(D204_FORMAT_EXT | 0xFFFFu))) {
        vcpu_set_gpr(a->v, a->ry, D204_RC_SUBCODE);
        return;
    }
    uint8_t b[HDR_LEN + PART_LEN + VCPU_MAX * CPU_LEN];
    size_t n = HDR_LEN + PART_LEN + (size_t)vm->nvcpu * CPU_LEN;
    if (pages * 4096 < n) {
        vcpu_set_gpr(a->v, a->ry, D204_RC_SIZE);
        return;
    }
    uint64_t addr = diag_addr(a, a->rx);
    if (diag_check(a, addr, n, 4096))
        return;
    memset(b, 0, n);
    b[0] = 1;                                   /* npar */
    be16_put(b + 4, (uint16_t)(sys.ncpus ? sys.ncpus : 1));   /* phys_cpus */
    be16_put(b + 6, 1);                         /* this_part */
    be64_put(b + 8, tod_now());
    uint8_t *p = b + HDR_LEN;
    p[0] = 1;                                   /* pn */
    p[1] = (uint8_t)vm->nvcpu;
    put_name(p + 8, vm->userid);
    for (int i = 0; i < vm->nvcpu; i++) {
        const struct vcpu *v = vm->vcpu[i];
        uint8_t *c = b + HDR_LEN + PART_LEN + (size_t)i * CPU_LEN;
        be16_put(c, v->cpuaddr);
        c[5] = (v->state == VCPU_STOPPED || v->state == VCPU_HALTED) ? 0 : D204_CPU_ONLINE;
        be16_put(c + 6, 100);                   /* weight: an equal share */
        be64_put(c + 8, v->cputime);            /* acc_time */
        be64_put(c + 16, v->cputime);           /* lp_time */
    }
    if (diag_write(a, addr, b, n))
        return;
    vcpu_set_gpr(a->v, a->ry, D204_RC_OK);
}

#define D2FC_PLIST   32             /* userid, ACI group, buffer address, size, format */
#define D2FC_DATA    112            /* one diag2fc_data */

/* One guest's record (diag2fc_data): CPU and elapsed time in
 * microseconds, storage in KB, CPU counts, share, the userid. */
static void d2fc_record(const struct vm *vm, uint8_t *r)
{
    memset(r, 0, D2FC_DATA);
    uint64_t cpu = 0;
    uint32_t online = 0;
    for (int i = 0; i < vm->nvcpu; i++) {
        cpu += vm->vcpu[i]->cputime;
        if (vm->vcpu[i]->state != VCPU_STOPPED && vm->vcpu[i]->state != VCPU_HALTED)
            online++;
    }
    const struct dir_user *u = dir_find(&sysdir, vm->userid);
    uint64_t now = tod_now();
    be32_put(r + 0, 2);                                         /* version */
    be64_put(r + 8, cpu >> 12);                                 /* used_cpu, µs */
    be64_put(r + 16, now > vm->user.logon_tod ? (now - vm->user.logon_tod) >> 12 : 0);
    be64_put(r + 24, 0);                                        /* mem_min_kb */
    be64_put(r + 32, (u ? u->maxstorage : vm->stor.size) >> 10);  /* mem_max_kb */
    be64_put(r + 40, vm->stor.size >> 10);                      /* mem_share_kb */
    be64_put(r + 48, vm->stor.resident * 4);                    /* mem_used_kb */
    be32_put(r + 56, (uint32_t)(sys.ncpus ? sys.ncpus : 1));    /* pcpus */
    be32_put(r + 60, (uint32_t)(sys.ncpus ? sys.ncpus : 1));    /* lcpus */
    be32_put(r + 64, (uint32_t)vm->nvcpu);                      /* vcpus */
    be32_put(r + 68, online);                                   /* ocpus */
    be32_put(r + 76, 100);                                      /* cpu_shares: relative 100 */
    put_name(r + 104, vm->userid);
}

/* X'2FC': Rx -> parameter list (logical address, doubleword-aligned):
 * userid (EBCDIC; blanks: the issuer, "*": every guest logged on), ACI
 * group, buffer address (logical), buffer size, format (2).  Results in
 * all 64 bits of Rx and Ry (a 64-bit interface).  The records fit: they
 * are stored, Ry = 0 and Rx = 0 (no residue).  They do not: nothing is
 * stored and Ry = the bytes they need (Linux sizes its buffer from it).
 * A userid not logged on: Ry = 0, Rx = 0, no records. */
void diag_x2fc(struct diag_args *a)
{
    uint64_t pl = diag_addr(a, a->rx);
    uint8_t p[D2FC_PLIST];
    if (guest_operand_read(a->v, pl, 8, p, sizeof p))
        return;
    uint32_t fmt = be32_get(p + 28);
    if (fmt != 2)
        return (void)diag_spec(a);
    char who[9];
    for (int i = 0; i < 8; i++)
        who[i] = (char)ebcdic_to_ascii[p[i]];
    who[8] = 0;
    for (int i = 7; i >= 0 && who[i] == ' '; i--)
        who[i] = 0;
    struct vm *self = a->v->vm;
    int all = !strcmp(who, "*");
    if (all && !cmd_class_allows("B", self->classes))
        return (void)diag_spec(a);
    const char *name = who[0] ? who : self->userid;
    uint32_t count = 0;
    for (int i = 0; i < VM_MAX; i++)
        if (vms[i].in_use && (all || !strcmp(vms[i].userid, name)))
            count++;
    uint64_t need = (uint64_t)count * D2FC_DATA;
    uint64_t buf = guest_wrap(a->v, be64_get(p + 16));
    uint32_t size = be32_get(p + 24);
    if (size < need) {
        vcpu_set_gpr(a->v, a->ry, need);
        vcpu_set_gpr(a->v, a->rx, 0);
        return;
    }
    uint64_t at = buf;
    for (int i = 0; i < VM_MAX; i++) {
        if (!vms[i].in_use || !(all || !strcmp(vms[i].userid, name)))
            continue;
        uint8_t r[D2FC_DATA];
        d2fc_record(&vms[i], r);
        if (guest_operand_write(a->v, at, 1, r, sizeof r))
            return;
        at += sizeof r;
    }
    vcpu_set_gpr(a->v, a->ry, 0);
    vcpu_set_gpr(a->v, a->rx, 0);
}
