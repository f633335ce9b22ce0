/* cp_start: from the IPL to the operator console.  Order matters: the
 * interruption PSWs first (anything after may check), then the clock
 * (every wait has a deadline), SCLP for storage and CPUs, the facility
 * checks, frames, the device scan, the console, and the command loop. */
#include "cp/arch/arch.h"
#include "cp/arch/clock.h"
#include "cp/arch/intr.h"
#include "cp/arch/lowcore.h"
#include "cp/arch/probe.h"
#include "cp/arch/sclp.h"
#include "cp/arch/smp.h"
#include "cp/cmd/cmd.h"
#include "cp/dev/con3215.h"
#include "cp/dev/eckd.h"
#include "cp/dev/rdev.h"
#include "cp/dev/spoolvol.h"
#include "cp/dev/urout.h"
#include "cp/mm/frames.h"
#include "cp/mm/paging.h"
#include "cp/sys/abend.h"
#include "cp/sys/opcon.h"
#include "cp/sys/terminal.h"
#include "cp/sys/sysdir.h"
#include "cp/sys/system.h"
#include "cp/sys/version.h"
#include "lib/fmt.h"
#include "lib/mem.h"

struct system sys;
extern char _end[];

/* Facilities the nucleus is compiled to use (-march=z10) or relies on:
 * 1 z/Architecture installed, 18 long displacement, 21 extended
 * immediate, 34 general-instructions extension.  SA22-7832, "Facility
 * indications". */
static const struct { int bit; const char *name; } needed[] = {
    { 1, "z/Architecture" },
    { 18, "long-displacement" },
    { 21, "extended-immediate" },
    { 34, "general-instructions-extension" },
};

static void check_facilities(void)
{
    stfle(sys.facilities, 4);
    for (unsigned i = 0; i < sizeof needed / sizeof needed[0]; i++)
        if (!facility(needed[i].bit)) {
            opcon_printf("HCPINI9010E Required facility %d (%s) is not installed",
                         needed[i].bit, needed[i].name);
            opcon_stop(0x9010);
        }
    sys.sie = probe_sie() == 0x0006;
    if (!sys.sie) {
        opcon_printf("HCPINI9011E The SIE instruction is not available on this machine");
        opcon_stop(0x9011);
    }
}

static void logo(void)
{
    struct civil_time t;
    tod_to_civil(sys.ipl_tod, &t);
    opcon_printf("ZCP - a z/VM-style control program for z/Architecture");
    opcon_printf("ZCP Version %d Release %d.%d, service level %s (64-bit)",
                 ZCP_VERSION, ZCP_RELEASE, ZCP_MOD, ZCP_SERVICE);
    opcon_printf("HCPINI9020I IPL at %02d/%02d/%02d %02d:%02d:%02d UTC from device %04X",
                 t.month, t.day, t.year % 100, t.hour, t.min, t.sec, sys.ipl_devno);
}

void cp_start(void)
{
    intr_setup_cpu();
    lctlg(0, stctg(0) | CR0_AFP);
    sys.ipl_tod = tod_now();
    sys.ipl_cpu = stap();
    sys.cpuid = stidp();
    clock_init();

    /* Devices first, so that every later message has a console. */
    rdev_scan();
    opcon_init();
    for (int i = 0; i < rdev_count; i++)
        if (rdevs[i].schid == LC_U32(LC_IPL_SCHID))
            sys.ipl_devno = rdevs[i].devno;

    logo();
    if (sclp_read_info() != 0) {
        opcon_printf("HCPINI9012E SCLP Read SCP Info failed");
        opcon_stop(0x9012);
    }
    check_facilities();

    uint64_t bitmap = ((uint64_t)(uintptr_t)_end + 4095) & ~4095ULL;
    uint64_t free_start = bitmap + frames_bitmap_size(sys.storage);
    sys.nucleus_end = free_start;
    frames_init((uint8_t *)(uintptr_t)bitmap, sys.storage, free_start);
    smp_start();

    for (int i = 0; i < rdev_count; i++)
        if (rdevs[i].cls == RDEV_DASD)
            eckd_attach(&rdevs[i]);
    paging_init();

    sysdir_load();
    terminals_init();
    if (terminal_count())
        opcon_printf("HCPINI9024I %d user terminal(s): telnet to the Hercules console port",
                     terminal_count());
    spoolvol_start();
    urout_init();
    opcon_printf("HCPINI9021I %lluM storage, %d CPU(s), %d device(s)",
                 (unsigned long long)(sys.storage >> 20), sys.ncpus, rdev_count);
    opcon_printf("HCPINI9022I ZCP is ready");
    opcon_run();
}
