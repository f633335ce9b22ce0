/* Virtual machines and their vCPUs: fixed pools (state descriptions must
 * be 512-aligned and below 2 GiB, so they live in the nucleus' bss). */
#include "cp/vm/vm.h"
#include "cp/arch/clock.h"
#include "cp/sched/dispatch.h"
#include "cp/vm/vspool.h"
#include "lib/mem.h"
#include "lib/str.h"

struct vm vms[VM_MAX];
static struct vcpu vcpu_pool[VM_MAX * 2];
static uint8_t vcpu_used[VM_MAX * 2];

struct vm *vm_find(const char *userid)
{
    for (int i = 0; i < VM_MAX; i++)
        if (vms[i].in_use && str_casecmp(vms[i].userid, userid) == 0)
            return &vms[i];
    return 0;
}

static struct vcpu *vcpu_new(struct vm *vm, uint16_t addr)
{
    for (unsigned i = 0; i < sizeof vcpu_pool / sizeof vcpu_pool[0]; i++)
        if (!vcpu_used[i]) {
            struct vcpu *v = &vcpu_pool[i];
            vcpu_used[i] = 1;
            memset(v, 0, sizeof *v);
            v->vm = vm;
            v->cpuaddr = addr;
            v->state = VCPU_STOPPED;
            v->sd.mx = SIE_MX_ZARCH;
            v->sd.ictl = SIE_IC_STFL;
            v->sd.cpuad = addr;
            v->sd.mso = 0;
            v->sd.mse = vm->stor.size - 1;
            /* Initial CPU reset values of CR0 and CR14 (PoP, "Initial values"). */
            v->sd.gcr[0] = 0xE0;
            v->sd.gcr[14] = 0xC2000000;
            return v;
        }
    return 0;
}

struct vm *vm_create(const char *userid, uint64_t storage, int ncpus)
{
    struct vm *vm = 0;
    for (int i = 0; i < VM_MAX && !vm; i++)
        if (!vms[i].in_use)
            vm = &vms[i];
    if (!vm || ncpus < 1 || ncpus > VCPU_MAX)
        return 0;
    memset(vm, 0, sizeof *vm);
    if (gstor_init(&vm->stor, storage) != 0)
        return 0;
    vm->in_use = 1;
    str_copy(vm->userid, userid, sizeof vm->userid);
    vm->user = (struct cmd_user){ .userid = vm->userid, .classes = vm->classes,
                                  .logon_tod = tod_now(), .vm = vm };
    for (int i = 0; i < ncpus; i++) {
        vm->vcpu[i] = vcpu_new(vm, (uint16_t)i);
        if (!vm->vcpu[i]) {
            vm_destroy(vm);
            return 0;
        }
        vm->nvcpu++;
    }
    return vm;
}

void vm_hold(struct vm *vm)
{
    vm->held++;
    __sync_synchronize();       /* held is seen before we look at the owners */
    for (int i = 0; i < vm->nvcpu; i++)
        while (vm->vcpu[i]->owner && vm->vcpu[i]->owner != cpu_self() + 1)
            cpu_kick(vm->vcpu[i]->owner - 1);
}

void vm_kick(struct vm *vm)
{
    __sync_synchronize();       /* what is pending is seen before the kick */
    for (int i = 0; i < vm->nvcpu; i++) {
        int owner = vm->vcpu[i]->owner;
        if (owner && owner != cpu_self() + 1)
            cpu_kick(owner - 1);
    }
}

void vcpu_kick(struct vcpu *v)
{
    __sync_synchronize();       /* what is pending is seen before the kick */
    int owner = v->owner;
    if (owner && owner != cpu_self() + 1)
        cpu_kick(owner - 1);
}

void vm_release(struct vm *vm)
{
    if (vm->held > 0)
        vm->held--;
}

struct vcpu *vm_add_vcpu(struct vm *vm, uint16_t addr)
{
    if (vm->nvcpu == VCPU_MAX)
        return 0;
    struct vcpu *v = vcpu_new(vm, addr);
    if (v)
        vm->vcpu[vm->nvcpu++] = v;
    return v;
}

void vm_destroy(struct vm *vm)
{
    vm_hold(vm);
    /* Stopped first: the vCPU may be the one whose intercept (a DIAG 8
     * LOGOFF) brought us here, and the dispatcher must not run it again. */
    for (int i = 0; i < vm->nvcpu; i++) {
        vm->vcpu[i]->state = VCPU_STOPPED;
        vcpu_used[vm->vcpu[i] - vcpu_pool] = 0;
    }
    vur_console_end(vm);        /* the console spool file closes (SPOOL CONSOLE) */
    for (int i = 0; i < vm->nvdev; i++)
        if (vm->vdev[i].ops && vm->vdev[i].ops->release)
            vm->vdev[i].ops->release(&vm->vdev[i]);
    gstor_free(&vm->stor);
    memset(vm, 0, sizeof *vm);
}

struct vdev *vm_vdev(struct vm *vm, uint16_t devno)
{
    for (int i = 0; i < vm->nvdev; i++)
        if (vm->vdev[i].ops && vm->vdev[i].devno == devno)
            return &vm->vdev[i];
    return 0;
}

struct vdev *vm_add_vdev(struct vm *vm, uint16_t devno, uint16_t devtype, const struct vdev_ops *ops)
{
    if (vm_vdev(vm, devno))
        return 0;
    /* A detached device's subchannel is taken again before a new one. */
    int n = 0;
    while (n < vm->nvdev && vm->vdev[n].ops)
        n++;
    if (n == VDEV_MAX)
        return 0;
    struct vdev *d = &vm->vdev[n];
    memset(d, 0, sizeof *d);
    d->devno = devno;
    d->devtype = devtype;
    d->schnum = (uint16_t)n;
    d->ops = ops;
    d->vm = vm;
    if (n == vm->nvdev)
        vm->nvdev++;
    return d;
}

void vm_detach_vdev(struct vm *vm, struct vdev *d)
{
    if (d->ops && d->ops->release)
        d->ops->release(d);
    uint16_t schnum = d->schnum;
    memset(d, 0, sizeof *d);    /* ops NULL: the subchannel has no device */
    d->schnum = schnum;
    d->vm = vm;
}

uint64_t vcpu_gpr(struct vcpu *v, int r)
{
    return r == 14 ? v->sd.gg14 : r == 15 ? v->sd.gg15 : v->gpr[r & 15];
}

void vcpu_set_gpr(struct vcpu *v, int r, uint64_t val)
{
    if (r == 14)
        v->sd.gg14 = val;
    else if (r == 15)
        v->sd.gg15 = val;
    else
        v->gpr[r & 15] = val;
}

void vcpu_set_cc(struct vcpu *v, int cc)
{
    v->sd.psw_mask = (v->sd.psw_mask & ~0x0000300000000000ULL) | ((uint64_t)(cc & 3) << 44);
}

/* The virtual machine goes into CP (#CP, the break key, DIAG X'08' CP
 * READ): no vCPU of it runs until BEGIN.  z/VM stops the whole virtual
 * machine while its console is in CP READ, so a sibling vCPU under SIE on
 * another real CPU is kicked out now and waited for (vm_hold does both),
 * not left to finish its slice: when this returns, none runs. */
void vm_cp_stop(struct vm *vm)
{
    vm->cp_stopped = 1;
    vm_hold(vm);
    vm_release(vm);
}

/* DETACH CPU: v leaves the configuration (the caller holds the VM and has
 * reset it).  Its pool slot is free again; the vCPUs after it move down. */
void vm_remove_vcpu(struct vm *vm, struct vcpu *v)
{
    int at = -1;
    for (int i = 0; i < vm->nvcpu; i++)
        if (vm->vcpu[i] == v)
            at = i;
    if (at <= 0)                /* not this VM's, or the base CPU */
        return;
    for (int i = 0; i < vm->nvcpu; i++)
        if (vm->vcpu[i]->yield_to == v)
            vm->vcpu[i]->yield_to = 0;
    for (int i = at; i + 1 < vm->nvcpu; i++)
        vm->vcpu[i] = vm->vcpu[i + 1];
    vm->vcpu[--vm->nvcpu] = 0;
    v->state = VCPU_STOPPED;
    v->handoff = 0;
    vcpu_used[v - vcpu_pool] = 0;
}
