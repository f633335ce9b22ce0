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
#include "cp/sys/opcon.h"
#include "cp/sys/system.h"
#include "lib/mem.h"

extern char secondary_start[];

static volatile int started[MAX_CPUS];

/* C entry of a secondary CPU: idle, enabled only for external
 * interruptions (CR6 = 0: I/O interruptions go to the IPL CPU). */
void cpu_secondary_main(int index)
{
    lctlg(6, 0);
    lctlg(0, stctg(0) | CR0_EMERGENCY_SIGNAL | CR0_EXTERNAL_CALL | CR0_AFP);
    started[index] = 1;
    for (;;)
        cpu_enabled_wait();
}

static uint64_t alloc_pages(int n)
{
    /* Frames come from a rotating bitmap: ask for n adjacent ones by
     * allocating until a run forms (cheap at IPL, storage is empty). */
    uint64_t first = frame_alloc_below(1ULL << 31);
    uint64_t prev = first;
    for (int i = 1; i < n; i++) {
        uint64_t f = frame_alloc_below(1ULL << 31);
        if (f != prev + FRAME_SIZE)
            return 0;
        prev = f;
    }
    return first;
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
    uint64_t prefix = alloc_pages(2);       /* 8 KiB, 8 KiB aligned below */
    if (prefix & 0x1FFF)
        prefix = alloc_pages(2);
    uint64_t stacks = alloc_pages(20);      /* 5 stacks of 16 KiB */
    if (!prefix || (prefix & 0x1FFF) || !stacks)
        return -1;
    uint8_t *lc = (uint8_t *)(uintptr_t)prefix;
    memcpy(lc, (void *)0, 0x2000);          /* new PSWs and all (real 0 is our lowcore) */
    *(uint64_t *)(lc + LC_STACK_IRQ) = stacks + 0x4000;
    *(uint64_t *)(lc + LC_STACK_PGM) = stacks + 0x8000;
    *(uint64_t *)(lc + LC_STACK_MCCK) = stacks + 0xC000;
    *(uint64_t *)(lc + LC_STACK_RESTART) = stacks + 0x10000;
    *(uint64_t *)(lc + LC_STACK_MAIN) = stacks + 0x14000;
    *(uint64_t *)(lc + LC_CPU) = (uint64_t)i;
    *(uint64_t *)(lc + LC_RESTART_NEW_PSW) = PSW_MASK_64;
    *(uint64_t *)(lc + LC_RESTART_NEW_PSW + 8) = (uint64_t)(uintptr_t)secondary_start;

    if (sigp_retry(addr, SIGP_INITIAL_CPU_RESET, 0) != 0 ||
        sigp_retry(addr, SIGP_SET_PREFIX, prefix) != 0 ||
        sigp_retry(addr, SIGP_RESTART, 0) != 0)
        return -1;
    uint64_t deadline = tod_now() + TOD_PER_SEC;
    while (!started[i] && tod_now() < deadline)
        ;
    return started[i] ? 0 : -1;
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
    for (int i = 0; i < sys.ncpus; i++) {
        if (sys.cpu_addr[i] == sys.ipl_cpu) {
            sys.cpu_online[i] = 1;
            continue;
        }
        sys.cpu_online[i] = start_cpu(i) == 0;
        if (!sys.cpu_online[i])
            opcon_printf("HCPINI9023W Processor %02X did not start", sys.cpu_addr[i]);
    }
}
