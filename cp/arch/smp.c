/* Secondary CPUs.  Start-up order per CPU (Principles of Operation,
 * "Signal Processor"): initial CPU reset, set prefix to an 8 KiB area of
 * its own holding a copy of our new PSWs, then restart: the CPU loads the
 * restart new PSW from its own prefix area and enters secondary_start
 * (cp/arch/entry.S) on the stack we left in LC_STACK_RESTART. */
#include "cp/arch/smp.h"
#include "cp/arch/arch.h"
#include "cp/arch/clock.h"
#include "cp/arch/intr.h"
#include "cp/arch/lowcore.h"
#include "cp/mm/frames.h"
#include "cp/sched/dispatch.h"
#include "cp/sys/opcon.h"
#include "cp/sys/system.h"
#include "lib/mem.h"

extern char secondary_start[];

static volatile int started[MAX_CPUS];
static uint16_t cpu_address[MAX_CPUS];      /* by dispatch index (LC_CPU_INDEX) */
static int ndispatch = 1;

/* C entry of a secondary CPU: enabled only for external interruptions
 * (CR6 = 0: I/O interruptions go to the IPL CPU); it runs guests. */
void cpu_secondary_main(int index)
{
    lctlg(6, 0);
    sckc(~0ULL);
    lctlg(0, stctg(0) | CR0_EMERGENCY_SIGNAL | CR0_EXTERNAL_CALL | CR0_CLOCK_COMPARATOR |
                 CR0_AFP);
    started[index] = 1;
    dispatch_secondary();
}

void cpu_kick(int cpu)
{
    if (cpu >= 0 && cpu < ndispatch && cpu != cpu_self())
        sigp(cpu_address[cpu], SIGP_EXTERNAL_CALL, 0, 0);
}

/* n adjacent frames below 2 GiB, the first aligned to `align`: taken one
 * at a time until a run forms (storage is nearly empty at IPL); frames
 * that do not fit are given back.  0 if no run formed. */
static uint64_t alloc_pages(int n, uint64_t align)
{
    uint64_t first = 0, prev = 0, spare[64];
    int got = 0, nspare = 0;
    for (int tries = 0; tries < 256 && got < n; tries++) {
        uint64_t f = frame_alloc_below(1ULL << 31);
        if (!f)
            break;
        if (got && f == prev + FRAME_SIZE) {
            prev = f;
            got++;
            continue;
        }
        for (; got; got--)                      /* a broken run: back */
            frame_free(first + (uint64_t)(got - 1) * FRAME_SIZE);
        if ((f & (align - 1)) && nspare < 64) {
            spare[nspare++] = f;
            continue;
        }
        first = prev = f;
        got = 1;
    }
    while (nspare)
        frame_free(spare[--nspare]);
    return got == n ? first : 0;
}

/* SIGP, retried while the target answers busy (cc 2): a CPU still
 * completing a reset is busy for a moment (seen on Hercules). */
static int sigp_retry(uint16_t addr, uint8_t order, uint64_t parm)
{
    uint64_t deadline = tod_now() + TOD_PER_SEC;
    int cc;
    while ((cc = sigp(addr, order, parm, 0)) == 2 && tod_now() < deadline)
        ;
    return cc;
}

static int start_cpu(int i)
{
    uint16_t addr = sys.cpu_addr[i];
    uint64_t prefix = alloc_pages(2, 0x2000);       /* 8 KiB, 8 KiB aligned */
    uint64_t stacks = alloc_pages(20, FRAME_SIZE);  /* 5 stacks of 16 KiB */
    if (!prefix || !stacks)
        return -2;
    uint8_t *lc = (uint8_t *)(uintptr_t)prefix;
    memcpy(lc, (void *)0, 0x2000);          /* new PSWs and all (real 0 is our lowcore) */
    *(uint64_t *)(lc + LC_STACK_IRQ) = stacks + 0x4000;
    *(uint64_t *)(lc + LC_STACK_PGM) = stacks + 0x8000;
    *(uint64_t *)(lc + LC_STACK_MCCK) = stacks + 0xC000;
    *(uint64_t *)(lc + LC_STACK_RESTART) = stacks + 0x10000;
    *(uint64_t *)(lc + LC_STACK_MAIN) = stacks + 0x14000;
    *(uint64_t *)(lc + LC_CPU) = (uint64_t)i;
    *(uint64_t *)(lc + LC_CPU_INDEX) = (uint64_t)ndispatch;
    *(uint64_t *)(lc + LC_CPU_KICK) = 0;
    *(uint64_t *)(lc + LC_RESTART_NEW_PSW) = PSW_MASK_64;
    *(uint64_t *)(lc + LC_RESTART_NEW_PSW + 8) = (uint64_t)(uintptr_t)secondary_start;

    cpu_address[ndispatch] = addr;
    int cc;
    if ((cc = sigp_retry(addr, SIGP_INITIAL_CPU_RESET, 0)) != 0)
        return -10 - cc;
    if ((cc = sigp_retry(addr, SIGP_SET_PREFIX, prefix)) != 0)
        return -20 - cc;
    if ((cc = sigp_retry(addr, SIGP_RESTART, 0)) != 0)
        return -30 - cc;
    uint64_t deadline = tod_now() + TOD_PER_SEC;
    while (!started[i] && tod_now() < deadline)
        ;
    if (!started[i])
        return -1;
    ndispatch++;
    return 0;
}

void smp_start(void)
{
    int n = 0;
    for (int i = 0; i < sys.ncpus; i++) {
        uint32_t status;
        if (sys.cpu_addr[i] == sys.ipl_cpu || sigp(sys.cpu_addr[i], SIGP_SENSE, 0, &status) != 3)
            sys.cpu_addr[n++] = sys.cpu_addr[i];
    }
    sys.ncpus = n;
    cpu_address[0] = sys.ipl_cpu;
    LC_U64(LC_CPU_INDEX) = 0;
    for (int i = 0; i < sys.ncpus; i++)
        if (sys.cpu_addr[i] == sys.ipl_cpu)
            LC_U64(LC_CPU) = (uint64_t)i;       /* our index in sys.cpu_addr */
    for (int i = 0; i < sys.ncpus; i++) {
        if (sys.cpu_addr[i] == sys.ipl_cpu) {
            sys.cpu_online[i] = 1;
            continue;
        }
        int rc = start_cpu(i);
        sys.cpu_online[i] = rc == 0;
        if (!sys.cpu_online[i])
            opcon_printf("HCPINI9023W Processor %02X did not start (%d)", sys.cpu_addr[i], rc);
    }
}
