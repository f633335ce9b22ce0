/* The commands a user issues about their own virtual machine: DEFINE
 * STORAGE and CPU, SYSTEM RESET|CLEAR|RESTART, STOP, BEGIN and IPL (z/VM
 * CP Commands and Utilities Reference, class G).  Commands run between
 * time slices on the dispatching CPU, so no vCPU of the VM is in SIE
 * while they change it.  A command refused with a message changes nothing. */
#include "cp/cmd/commands.h"
#include "cp/cmd/vmcmd.h"
#include "cp/sys/sysdir.h"
#include "lib/fmt.h"
#include "lib/str.h"

struct vm *cmd_vm(struct cmd_ctx *ctx)
{
    struct vm *vm = ctx->user->vm;
    if (!vm)
        cmd_out(ctx, "HCPCMD9002E %s has no virtual machine", ctx->user->userid);
    return vm;
}

int cmd_hexn(const char *s, int len, int maxdigits, uint64_t *out)
{
    uint64_t v = 0;
    if (len < 1 || len > maxdigits)
        return -1;
    for (int i = 0; i < len; i++) {
        int c = ch_upper(s[i]);
        if (!ch_isxdigit(c))
            return -1;
        v = v << 4 | (uint64_t)(c <= '9' ? c - '0' : c - 'A' + 10);
    }
    *out = v;
    return 0;
}

int cmd_hex(const char *s, int maxdigits, uint64_t *out)
{
    return cmd_hexn(s, (int)strlen(s), maxdigits, out);
}

int msg_exceeds_storage(struct cmd_ctx *ctx, const char *mod, uint64_t addr)
{
    cmd_out(ctx, "HCP%s160E Hexloc %llX exceeds storage", mod, (unsigned long long)addr);
    return 160;
}

/* ---- DEFINE ---------------------------------------------------------------- */

static int define_storage(struct cmd_ctx *ctx, struct cmd_args *a);
static int define_cpu(struct cmd_ctx *ctx, struct cmd_args *a);

static const struct cmd_entry define_table[] = {
    { "STORAGE", 4, "G", define_storage, "DEFINE STORAGE [AS] n{K|M|G}" },
    { "CPU",     3, "G", define_cpu,     "DEFINE CPU cpuaddr" },
    { "T3390",   5, "G", define_t3390,   "DEFINE T3390 [AS] vdev [CYL] n (cp/cmd/dasd.c)" },
    { "READER",  3, "G", define_rdr,     "DEFINE READER|RDR|2540R [AS] vdev (cp/cmd/spoolcmd.c)" },
    { "RDR",     3, "G", define_rdr,     "DEFINE RDR [AS] vdev" },
    { "2540R",   5, "G", define_rdr,     "DEFINE 2540R [AS] vdev" },
    { "3505",    4, "G", define_3505,    "DEFINE 3505 [AS] vdev" },
    { "PUNCH",   3, "G", define_pun,     "DEFINE PUNCH|PCH|2540P [AS] vdev" },
    { "PCH",     3, "G", define_pun,     "DEFINE PCH [AS] vdev" },
    { "2540P",   5, "G", define_pun,     "DEFINE 2540P [AS] vdev" },
    { "3525",    4, "G", define_3525,    "DEFINE 3525 [AS] vdev" },
    { "PRINTER", 3, "G", define_prt,     "DEFINE PRINTER|PRT|1403 [AS] vdev" },
    { "PRT",     3, "G", define_prt,     "DEFINE PRT [AS] vdev" },
    { "1403",    4, "G", define_prt,     "DEFINE 1403 [AS] vdev" },
    { 0, 0, 0, 0, 0 },
};

int cmd_define(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return cmd_dispatch_sub(ctx, a, define_table, "DEFINE");
}

/* z/VM: the new size is at most the directory's maximum; the machine is
 * reset, its storage is new (zero), and it waits in CP for an IPL.  Sizes
 * are rounded up to whole megabytes (SIE's storage limit is 1 MiB grained;
 * z/VM also rounds K up to M). */
static int define_storage(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n && strcmp(a->v[0], "AS") == 0)
        cmd_shift(a, 1);
    if (a->n < 1)
        return msg_missing_operand(ctx);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    uint64_t bytes;
    if (dir_parse_storage(a->v[0], &bytes) != 0)
        return msg_invalid_operand(ctx, a->v[0]);
    bytes = (bytes + SEG_SIZE - 1) & ~(SEG_SIZE - 1);
    const struct dir_user *u = dir_find(&sysdir, vm->userid);
    uint64_t max = u ? u->maxstorage : vm->stor.size;
    char size[24];
    if (bytes > max) {
        dir_format_storage(max, size, sizeof size);
        cmd_out(ctx, "HCPDEF091E DEFINE exceeds directory maximum of %s", size);
        return 91;
    }
    if (bytes > GSTOR_MAX) {
        dir_format_storage(GSTOR_MAX, size, sizeof size);
        cmd_out(ctx, "HCPDEF9211E ZCP gives a guest at most %s of storage", size);
        return 9211;
    }
    uint64_t old = vm->stor.size;
    vm_reset(vm, 0);
    gstor_free(&vm->stor);
    if (gstor_init(&vm->stor, bytes) != 0) {
        gstor_init(&vm->stor, old);     /* the frame just freed serves again */
        cmd_out(ctx, "HCPDEF9212E No real storage for the new guest storage; it stays as it was");
        return 9212;
    }
    for (int i = 0; i < vm->nvcpu; i++)
        vm->vcpu[i]->sd.mse = bytes - 1;
    vm->cp_stopped = 1;
    dir_format_storage(bytes, size, sizeof size);
    cmd_out(ctx, "STORAGE = %s", size);
    return 0;
}

/* DEFINE CPU cpuaddr: one more virtual CPU, stopped, up to the directory's
 * MACHINE limit (z/VM: the new CPU waits for a SIGP from the guest). */
static int define_cpu(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n < 1)
        return msg_missing_operand(ctx);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    uint64_t addr;
    if (cmd_hex(a->v[0], 2, &addr) != 0 || addr > DIR_MAX_CPUADDR)
        return msg_invalid_operand(ctx, a->v[0]);
    for (int i = 0; i < vm->nvcpu; i++)
        if (vm->vcpu[i]->cpuaddr == addr) {
            cmd_out(ctx, "HCPDEF1457E CPU %02llX already defined", (unsigned long long)addr);
            return 1457;
        }
    const struct dir_user *u = dir_find(&sysdir, vm->userid);
    int max = u ? u->maxcpus : vm->nvcpu;
    if (vm->nvcpu >= max) {
        cmd_out(ctx, "HCPDEF1458E The maximum of %d virtual CPUs is already defined", max);
        return 1458;
    }
    if (!vm_add_vcpu(vm, (uint16_t)addr)) {
        cmd_out(ctx, "HCPDEF9210E ZCP has no room for another virtual CPU (at most %d a user)",
                VCPU_MAX);
        return RC_NO_ROOM;
    }
    cmd_out(ctx, "CPU %02llX defined", (unsigned long long)addr);
    return 0;
}

/* ---- DETACH CPU (cp/cmd/dasd.c's DETACH hands it here) ------------------------ */

/* DETACH CPU cpuaddr [cpuaddr ...] | ALL: virtual CPUs leave the
 * configuration (z/VM CP Commands and Utilities Reference, DETACH CPU,
 * class G).  The base CPU (00) stays: ALL means every other one.  As on
 * z/VM, changing the CPU configuration resets the virtual machine (a
 * system reset; storage is kept) and it waits in CP; each CPU is answered
 * with `CPU nn DETACHED`.  Every operand is checked first: a refused
 * command detaches nothing. */
int detach_cpu(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n < 1)
        return msg_missing_operand(ctx);
    uint64_t gone = 0;          /* bit per cpuaddr */
    if (!strcmp(a->v[0], "ALL")) {
        if (a->n > 1)
            return msg_invalid_option(ctx, a->v[1]);
        for (int i = 1; i < vm->nvcpu; i++)
            gone |= 1ULL << vm->vcpu[i]->cpuaddr;
    } else {
        for (int k = 0; k < a->n; k++) {
            uint64_t addr;
            if (cmd_hex(a->v[k], 2, &addr) != 0 || addr > DIR_MAX_CPUADDR)
                return msg_invalid_operand(ctx, a->v[k]);
            if (addr == vm->vcpu[0]->cpuaddr) {
                cmd_out(ctx, "HCPDTV9215E CPU %02llX is the base CPU; it cannot be detached",
                        (unsigned long long)addr);
                return 9215;
            }
            int found = 0;
            for (int i = 1; i < vm->nvcpu; i++)
                found |= vm->vcpu[i]->cpuaddr == addr;
            if (!found) {
                cmd_out(ctx, "HCPDTV9214E CPU %02llX does not exist", (unsigned long long)addr);
                return 9214;
            }
            gone |= 1ULL << addr;
        }
    }
    if (!gone) {                /* ALL with no CPU but the base */
        cmd_out(ctx, "HCPDTV9216E No CPU but the base CPU is defined");
        return 9216;
    }
    vm_reset(vm, 0);
    vm->cp_stopped = 1;
    for (int i = vm->nvcpu - 1; i >= 1; i--) {
        struct vcpu *v = vm->vcpu[i];
        if (gone & 1ULL << v->cpuaddr)
            vm_remove_vcpu(vm, v);
    }
    for (int c = 0; c <= DIR_MAX_CPUADDR; c++)
        if (gone & 1ULL << c)
            cmd_out(ctx, "CPU %02X DETACHED", c);
    return 0;
}

/* ---- SYSTEM ---------------------------------------------------------------- */

static int system_reset(struct cmd_ctx *ctx, struct cmd_args *a);
static int system_clear(struct cmd_ctx *ctx, struct cmd_args *a);
static int system_restart(struct cmd_ctx *ctx, struct cmd_args *a);

static const struct cmd_entry system_table[] = {
    { "RESET",   5, "G", system_reset,   "system reset: CPUs stopped, I/O reset" },
    { "CLEAR",   5, "G", system_clear,   "system reset and storage cleared to zero" },
    { "RESTART", 7, "G", system_restart, "restart interruption on the base CPU" },
    { 0, 0, 0, 0, 0 },
};

int cmd_system(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return cmd_dispatch_sub(ctx, a, system_table, "SYSTEM");
}

static int system_resets(struct cmd_ctx *ctx, struct cmd_args *a, int clear)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n)
        return msg_invalid_option(ctx, a->v[0]);
    vm_reset(vm, clear);
    vm->cp_stopped = 1;
    cmd_out(ctx, clear ? "Storage cleared - system reset." : "System reset.");
    return 0;
}

static int system_reset(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return system_resets(ctx, a, 0);
}

static int system_clear(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return system_resets(ctx, a, 1);
}

/* The restart key: the base CPU takes a restart interruption and runs. */
static int system_restart(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n)
        return msg_invalid_option(ctx, a->v[0]);
    if (vcpu_restart(vm->vcpu[0]) != 0)
        return msg_exceeds_storage(ctx, "SYS", vm->vcpu[0]->sd.prefix + 0x1A0);
    vm->cp_stopped = 0;
    return 0;
}

/* ---- STOP, BEGIN ------------------------------------------------------------- */

/* STOP: the virtual machine stays in CP (no vCPU runs) until BEGIN; the
 * vCPUs keep their states and PSWs. */
int cmd_stop(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n)
        return msg_invalid_option(ctx, a->v[0]);
    vm->cp_stopped = 1;
    return 0;
}

/* BEGIN [hexloc]: the machine leaves CP; the base CPU runs, from hexloc if
 * given.  A CPU the guest stopped with SIGP stays stopped. */
int cmd_begin(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    struct vcpu *v = vm->vcpu[0];
    if (a->n) {
        uint64_t addr;
        if (cmd_hex(a->v[0], 16, &addr) != 0)
            return msg_invalid_operand(ctx, a->v[0]);
        if (addr >= vm->stor.size)
            return msg_exceeds_storage(ctx, "BEG", addr);
        v->sd.psw_addr = addr;
    }
    if (v->state == VCPU_STOPPED || v->state == VCPU_HALTED || a->n)
        v->state = VCPU_RUNNING;
    vcpu_check_wait(v);         /* a wait PSW waits again, a disabled one halts */
    vm->cp_stopped = 0;
    return 0;
}

/* ---- IPL --------------------------------------------------------------------- */

/* IPL vdev [CLEAR|NOCLEAR] [STOP] [PARM text]: PARM takes the rest of the
 * line as typed (case kept), as z/VM does. */
int cmd_ipl(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n < 1)
        return msg_missing_operand(ctx);
    uint16_t devno;
    /* IPL CMS: ZCP has no named saved systems; CMS is the CMS system
     * disk at 0190 (cms-guest/, docs/cms.md). */
    if (strcmp(a->v[0], "CMS") == 0)
        devno = 0x0190;
    else if (dir_parse_vdev(a->v[0], &devno) != 0)
        return msg_invalid_operand(ctx, a->v[0]);
    int clear = 0, stop = 0;
    const char *parm = 0;
    for (int i = 1; i < a->n && !parm; i++) {
        if (strcmp(a->v[i], "CLEAR") == 0)
            clear = 1;
        else if (strcmp(a->v[i], "NOCLEAR") == 0)
            clear = 0;
        else if (strcmp(a->v[i], "STOP") == 0)
            stop = 1;
        else if (strcmp(a->v[i], "PARM") == 0) {
            if (i + 1 == a->n)
                return msg_missing_operand(ctx);
            parm = a->raw[i + 1];
            if (strlen(parm) > 64) {
                cmd_out(ctx, "HCPIPL9203E IPL PARM text is longer than 64 characters");
                return 9203;
            }
        } else
            return msg_invalid_option(ctx, a->v[i]);
    }
    char msg[120];
    int rc = vm_ipl(vm, devno, clear, parm, msg, sizeof msg);
    if (rc) {
        cmd_out(ctx, "%s", msg);
        if (rc != 40)           /* the device exists: the machine was reset */
            vm->cp_stopped = 1;
        return rc;
    }
    vm->cp_stopped = stop;
    return 0;
}
