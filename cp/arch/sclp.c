/* SCLP Read SCP Info.  The SCCB layout (storage increments at 8/10, CPU
 * entries at 16/18, the 64-bit increment fields at 100/104) is the one
 * Linux's drivers/s390/char/sclp_early.c reads and Hercules' service.c
 * fills.  SERVC is asynchronous: cc 0 means accepted, and completion is a
 * service-signal external interruption (code X'2401'). */
#include "cp/arch/sclp.h"
#include "cp/arch/arch.h"
#include "cp/arch/clock.h"
#include "cp/arch/intr.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define SCLP_READ_SCP_INFO        0x00020001
#define SCLP_READ_SCP_INFO_FORCED 0x00120001
#define EXT_SERVICE_SIGNAL        0x2401

static uint8_t sccb[4096] __attribute__((aligned(4096)));
static volatile int sclp_done;

static void on_service_signal(uint16_t code, uint32_t param)
{
    if ((param & ~7u) == (uint32_t)(uintptr_t)sccb)
        sclp_done = 1;
}

static int sclp_call(uint32_t cmd)
{
    memset(sccb, 0, sizeof sccb);
    be16_put(sccb, sizeof sccb);        /* SCCB length */
    sclp_done = 0;
    int cc = servc(cmd, sccb);
    if (cc != 0)
        return -1;
    uint64_t deadline = tod_now() + 5 * TOD_PER_SEC;
    while (!sclp_done && tod_now() < deadline)
        clock_wait_until(deadline);
    return sclp_done ? be16_get(sccb + 6) : -1;     /* response code */
}

int sclp_read_info(void)
{
    ext_register(EXT_SERVICE_SIGNAL, on_service_signal);
    lctlg(0, stctg(0) | CR0_SERVICE_SIGNAL);
    int resp = sclp_call(SCLP_READ_SCP_INFO_FORCED);
    if (resp != 0x0010)
        resp = sclp_call(SCLP_READ_SCP_INFO);
    if (resp != 0x0010)
        return -1;
    uint64_t incs = be16_get(sccb + 8);
    uint64_t inc_mb = sccb[10];
    if (!incs)
        incs = be64_get(sccb + 104);
    if (!inc_mb)
        inc_mb = be32_get(sccb + 100);
    sys.storage = incs * inc_mb << 20;
    sys.storage_inc = (uint32_t)(inc_mb << 20);
    int ncpu = be16_get(sccb + 16), off = be16_get(sccb + 18);
    sys.ncpus = 0;
    for (int i = 0; i < ncpu && sys.ncpus < MAX_CPUS && off + 16 * i < (int)sizeof sccb; i++)
        sys.cpu_addr[sys.ncpus++] = sccb[off + 16 * i];     /* CPU address, byte 0 */
    ebcdic_to_ascii_buf(sys.loadparm, sccb + 24, 8);
    sys.loadparm[8] = 0;
    return 0;
}
