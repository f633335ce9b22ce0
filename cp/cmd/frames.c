/* QUERY FRAMES and INDICATE USER: real storage and paging (docs/paging.md).
 *
 *   QUERY FRAMES (class E)
 *     FRAMES: TOTAL=n FREE=n GUEST=n CP=n
 *     PAGING: VOLUMES=n SLOTS=n SLOTS-USED=n PAGEINS=n PAGEOUTS=n WAITS=n INFLIGHT=n
 *     PAGE-INS: ASYNC=n READS=n JOINS=n VCPU-WAITS=n OVERLAP-MS=n
 *   INDICATE USER [userid] (class G: oneself; class E: anyone)
 *     USERID=PAGER1   STOR=64M VCPUS=1
 *     PAGES: RES=n PAGED=n TABLES=n
 *     READS=n WRITES=n
 *     CPU nn ELSEWHERE=n   (each vCPU: SIE entries on a real CPU but the IPL CPU)
 *     PARALLEL=n           (SIE entries that found a sibling vCPU under SIE)
 *     PAGE-WAIT: VCPUS=n INFLIGHT=n PFAULT-INITS=n PFAULT-DONES=n
 * z/VM's own QUERY FRAMES and INDICATE USER show more (and differently
 * named) figures; these are the ones ZCP keeps. */
#include "cp/cmd/commands.h"
#include "cp/mm/frames.h"
#include "cp/mm/paging.h"
#include "cp/sys/directory.h"
#include "cp/vm/vm.h"
#include "lib/str.h"
#include "lib/tod.h"

int query_frames(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n)
        return msg_invalid_option(ctx, a->v[0]);
    uint64_t guest = 0, inflight = 0;
    for (int i = 0; i < VM_MAX; i++)
        if (vms[i].in_use) {
            guest += vms[i].stor.resident;
            inflight += vms[i].stor.inflight;
        }
    uint64_t total = frames_total(), free = frames_free();
    cmd_out(ctx, "FRAMES: TOTAL=%llu FREE=%llu GUEST=%llu CP=%llu", (unsigned long long)total,
            (unsigned long long)free, (unsigned long long)guest,
            (unsigned long long)(total - free - guest));
    const struct paging_stats *p = &paging_st;
    cmd_out(ctx, "PAGING: VOLUMES=%d SLOTS=%llu SLOTS-USED=%llu PAGEINS=%llu PAGEOUTS=%llu WAITS=%llu "
            "INFLIGHT=%llu%s",
            p->volumes, (unsigned long long)p->slots, (unsigned long long)p->slots_used,
            (unsigned long long)p->pageins, (unsigned long long)p->pageouts,
            (unsigned long long)p->waits, (unsigned long long)inflight, p->full ? " FULL" : "");
    /* Asynchronous page-in (docs/paging.md): reads started from faults,
     * the channel programs that did them, faults that joined a read in
     * flight, vCPUs that waited, and the guest time CPU 0 ran meanwhile. */
    cmd_out(ctx, "PAGE-INS: ASYNC=%llu READS=%llu JOINS=%llu VCPU-WAITS=%llu OVERLAP-MS=%llu",
            (unsigned long long)p->pagein_async, (unsigned long long)p->pagein_batches,
            (unsigned long long)p->pagein_joins, (unsigned long long)p->pagein_waits,
            (unsigned long long)(p->pagein_overlap_tod / TOD_PER_MS));
    return 0;
}

int indicate_user(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    struct vm *vm = ctx->user->vm;
    if (a->n) {
        int other = !ctx->user->userid || str_casecmp(a->v[0], ctx->user->userid) != 0;
        if (other && !strchr(ctx->user->classes, 'E'))
            return msg_invalid_option(ctx, a->v[0]);
        vm = vm_find(a->v[0]);
        if (!vm) {
            cmd_out(ctx, "HCPIND045E %s not logged on", a->v[0]);
            return 45;
        }
    }
    if (!vm) {
        cmd_out(ctx, "HCPIND045E %s not logged on", ctx->user->userid ? ctx->user->userid : "");
        return 45;
    }
    char size[24];
    dir_format_storage(vm->stor.size, size, sizeof size);
    cmd_out(ctx, "USERID=%-8s STOR=%s VCPUS=%d", vm->userid, size, vm->nvcpu);
    cmd_out(ctx, "PAGES: RES=%llu PAGED=%llu TABLES=%llu", (unsigned long long)vm->stor.resident,
            (unsigned long long)vm->stor.paged, (unsigned long long)vm->stor.tables);
    cmd_out(ctx, "READS=%llu WRITES=%llu", (unsigned long long)vm->stor.pageins,
            (unsigned long long)vm->stor.pageouts);
    /* Several real CPUs (cp/sched/dispatch.c): each vCPU's SIE entries on
     * a real CPU other than the IPL CPU, and the machine's SIE entries
     * that found a sibling vCPU under SIE on another real CPU. */
    for (int i = 0; i < vm->nvcpu; i++)
        cmd_out(ctx, "CPU %02X ELSEWHERE=%llu", vm->vcpu[i]->cpuaddr,
                (unsigned long long)vm->vcpu[i]->sie_elsewhere);
    cmd_out(ctx, "PARALLEL=%llu", (unsigned long long)vm->sie_parallel);
    /* Virtual CPUs waiting for a page-in now, pages being read, and the
     * DIAG X'258' interruptions given (docs/paging.md). */
    int waiting = 0;
    uint64_t inits = 0, dones = 0;
    for (int i = 0; i < vm->nvcpu; i++) {
        waiting += vm->vcpu[i]->pgwait != 0;
        inits += vm->vcpu[i]->pf.inits;
        dones += vm->vcpu[i]->pf_dones;
    }
    cmd_out(ctx, "PAGE-WAIT: VCPUS=%d INFLIGHT=%llu PFAULT-INITS=%llu PFAULT-DONES=%llu", waiting,
            (unsigned long long)vm->stor.inflight, (unsigned long long)inits,
            (unsigned long long)dones);
    return 0;
}
