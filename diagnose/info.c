/* Information DIAGNOSE codes: X'00' (extended identification), X'0C' and
 * X'270' (pseudo timer), X'60' and X'260' (storage size and layout), X'B0'
 * (re-IPL data).  Layouts: VM/370 Data Areas SY20-0886 p67, z/VM CP
 * Programming Services (as Hercules' vm.c implements them for z/VM 5.4). */
#include "diagnose/diag.h"
#include "cp/arch/clock.h"
#include "cp/sys/version.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static void put_ebcdic(uint8_t *dst, const char *s, size_t width)
{
    memset(dst, EBCDIC_SPACE, width);
    size_t n = strnlen(s, width);
    ebcdic_from_ascii(dst, s, n);
}

/* X'00': Rx -> doubleword-aligned buffer, Ry = its length (> 0).  Up to 40
 * bytes are stored: system name, environment, version, STIDP version code
 * and MCEL, CPU address, userid, program product bitmap, time-zone
 * difference, version/release/modification.  Ry -= bytes stored. */
void diag_x00(struct diag_args *a)
{
    uint64_t addr = diag_addr(a, a->rx);
    int32_t len = (int32_t)diag_reg32(a, a->ry);
    if (len < 1)
        return (void)diag_spec(a);
    uint8_t b[40];
    memset(b, 0, sizeof b);
    put_ebcdic(b, "ZCP", 8);
    b[10] = ZCP_VERSION;
    b[11] = 0xFF;                       /* STIDP version code of a virtual machine */
    be16_put(b + 14, a->v->cpuaddr);
    put_ebcdic(b + 16, a->v->vm->userid, 8);
    /* 24-31 no program products; 32-35 zone difference 0: CP keeps UTC */
    b[36] = ZCP_VERSION;
    b[37] = ZCP_RELEASE;
    b[38] = ZCP_MOD;
    size_t n = (size_t)len < sizeof b ? (size_t)len : sizeof b;
    if (diag_check(a, addr, n, 8) || diag_write(a, addr, b, n))
        return;
    diag_set32(a, a->ry, (uint32_t)len - (uint32_t)n);
}

/* The 64 bytes X'270' can store; X'0C' stores the first 32.  0-7 date
 * MM/DD/YY, 8-15 time HH:MM:SS (EBCDIC, UTC), 16-23 virtual and 24-31
 * total CPU time in microseconds, 32-41 MM/DD/YYYY, 48-57 YYYY-MM-DD,
 * 58 version X'01', 59/60 user and system date format (X'20': ISO). */
static void pseudo_timer(struct vm *vm, uint8_t b[64])
{
    struct civil_time t;
    char s[24];
    uint64_t virt = 0;
    tod_to_civil(tod_now(), &t);
    for (int i = 0; i < vm->nvcpu; i++)
        virt += vm->vcpu[i]->cputime;
    memset(b, 0, 64);
    fmt(s, sizeof s, "%02d/%02d/%02d", t.month, t.day, t.year % 100);
    put_ebcdic(b, s, 8);
    fmt(s, sizeof s, "%02d:%02d:%02d", t.hour, t.min, t.sec);
    put_ebcdic(b + 8, s, 8);
    be64_put(b + 16, virt / TOD_PER_US);
    be64_put(b + 24, (virt + vm->user.cp_time) / TOD_PER_US);
    fmt(s, sizeof s, "%02d/%02d/%04d", t.month, t.day, t.year);
    put_ebcdic(b + 32, s, 10);
    fmt(s, sizeof s, "%04d-%02d-%02d", t.year, t.month, t.day);
    put_ebcdic(b + 48, s, 10);
    b[58] = 0x01;
    b[59] = b[60] = 0x20;
}

/* X'0C': Rx -> doubleword-aligned 32-byte area. */
void diag_x0c(struct diag_args *a)
{
    uint8_t b[64];
    uint64_t addr = diag_addr(a, a->rx);
    if (diag_check(a, addr, 32, 8))
        return;
    pseudo_timer(a->v->vm, b);
    diag_write(a, addr, b, 32);
}

/* X'270': Rx -> doubleword-aligned buffer, Ry = its length (> 0; Ry
 * naming R0 means 32); Rx and Ry distinct.  Up to 64 bytes stored. */
void diag_x270(struct diag_args *a)
{
    uint8_t b[64];
    uint64_t addr = diag_addr(a, a->rx);
    int32_t len = a->ry ? (int32_t)diag_reg32(a, a->ry) : 32;
    if ((a->ry && a->ry == a->rx) || len <= 0)
        return (void)diag_spec(a);
    size_t n = (size_t)len < sizeof b ? (size_t)len : sizeof b;
    if (diag_check(a, addr, n, 8))
        return;
    pseudo_timer(a->v->vm, b);
    diag_write(a, addr, b, n);
}

/* X'60': Rx = the virtual machine's storage size in bytes. */
void diag_x60(struct diag_args *a)
{
    diag_set32(a, a->rx, (uint32_t)a->v->vm->stor.size);
}

/* X'260': Ry = subcode.  0: Rx = highest addressable byte (not in 64-bit
 * mode).  4: BYUSER id (Rx -> doubleword, Ry even, Rx != Ry): ZCP has
 * none, Ry+1 = 4.  8: Rx = lines per page of the device in Rx (0 for a
 * console), Ry = 0, or Ry = 4 for another device.  X'C': Rx and Ry = highest
 * addressable byte (64 bits).  X'10': store the storage extents as pairs
 * of doublewords (first, last byte) at Rx (even, quadword-aligned), Rx+1 =
 * area length (> 0, multiple of 16); Ry = extents, cc 0 if all fitted. */
void diag_x260(struct diag_args *a)
{
    struct vm *vm = a->v->vm;
    uint64_t last = vm->stor.size - 1;
    switch (diag_reg32(a, a->ry)) {
    case 0x00:
        if (diag_amode64(a))
            return (void)diag_spec(a);
        diag_set32(a, a->rx, (uint32_t)last);
        return;
    case 0x04:
        if (a->rx == a->ry || (a->ry & 1) || (diag_addr(a, a->rx) & 7) || diag_amode64(a))
            return (void)diag_spec(a);
        diag_set32(a, a->ry + 1, 4);
        return;
    case 0x08: {
        if (diag_amode64(a))
            return (void)diag_spec(a);
        struct vdev *d = vm_vdev(vm, (uint16_t)diag_reg32(a, a->rx));
        if (d && d->devtype == 0x3215) {
            diag_set32(a, a->rx, 0);
            diag_set32(a, a->ry, 0);
        } else {
            diag_set32(a, a->ry, 4);
        }
        return;
    }
    case 0x0C:
        vcpu_set_gpr(a->v, a->rx, last);
        vcpu_set_gpr(a->v, a->ry, last);
        return;
    case 0x10: {
        uint64_t addr = diag_addr(a, a->rx);
        int64_t len = (int64_t)diag_reg(a, a->rx + 1);
        if ((a->rx & 1) || len <= 0 || (len & 15))
            return (void)diag_spec(a);
        uint8_t ext[16];
        be64_put(ext, 0);
        be64_put(ext + 8, last);
        if (diag_check(a, addr, 16, 16) || diag_write(a, addr, ext, 16))
            return;
        vcpu_set_gpr(a->v, a->ry, 1);
        vcpu_set_cc(a->v, 0);
        return;
    }
    default:
        diag_spec(a);
    }
}

/* X'B0': Rx -> buffer, Ry = its length (not negative).  The data saved by
 * the last IPL with PARM: byte 0 its length n, then n EBCDIC characters,
 * as much as fits; Ry = 0.  No data: a zero byte (if Ry > 0) and Ry = 4. */
void diag_xb0(struct diag_args *a)
{
    uint64_t addr = diag_addr(a, a->rx);
    int32_t len = (int32_t)diag_reg32(a, a->ry);
    if (len < 0)
        return (void)diag_spec(a);
    const char *parm = a->v->vm->ipl_parm;
    uint8_t b[1 + sizeof a->v->vm->ipl_parm];
    size_t n = strlen(parm);
    b[0] = (uint8_t)n;
    ebcdic_from_ascii(b + 1, parm, n);
    size_t store = (size_t)len < n + 1 ? (size_t)len : n + 1;
    if (store && diag_write(a, addr, b, store))
        return;
    diag_set32(a, a->ry, n ? 0 : 4);
}
