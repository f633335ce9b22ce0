/* QUERY: TIME, CPLEVEL, STORAGE, PROCESSORS, DASD.  Output formats follow
 * z/VM's CP Commands and Utilities Reference (SC24-6268). */
#include "cp/cmd/commands.h"
#include "cp/arch/clock.h"
#include "cp/dev/rdev.h"
#include "cp/sys/system.h"
#include "cp/sys/version.h"
#include "cp/vm/vm.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/divmod.h"

int cmd_query(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return cmd_dispatch_sub(ctx, a, query_table, "QUERY");
}

static int no_more(struct cmd_ctx *ctx, struct cmd_args *a)
{
    return a->n ? msg_invalid_option(ctx, a->v[0]) : 0;
}

/* hh:mm:ss of a TOD interval. */
void hms(uint64_t tod, char *buf, int size)
{
    uint64_t s = udiv(tod / TOD_PER_US, 1000000);   /* TOD_PER_US: a shift */
    uint64_t sec, min = udivmod(s, 60, &sec);       /* lib/divmod.h: fast under Hercules */
    fmt(buf, (size_t)size, "%02llu:%02llu:%02llu", (unsigned long long)umod(udiv(min, 60), 100),
        (unsigned long long)umod(min, 60), (unsigned long long)sec);
}

/* mmm:ss.hh of a CPU-time interval. */
void cputime(uint64_t tod, char *buf, int size)
{
    uint64_t hs = udiv(tod / TOD_PER_US, 10000);     /* TOD_PER_US: a shift */
    uint64_t h, s = udivmod(hs, 100, &h);
    fmt(buf, (size_t)size, "%03llu:%02llu.%02llu", (unsigned long long)umod(udiv(s, 60), 1000),
        (unsigned long long)umod(s, 60), (unsigned long long)h);
}

int query_time(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (no_more(ctx, a))
        return RC_INVALID_OPT;
    uint64_t now = tod_now();
    struct civil_time t;
    char conn[16], virt[16], tot[16];
    tod_to_civil(now, &t);
    hms(now - ctx->user->logon_tod, conn, sizeof conn);
    uint64_t vcpu_time = 0;             /* VIRTCPU: the user's vCPUs in SIE */
    for (int i = 0; ctx->user->vm && i < ctx->user->vm->nvcpu; i++)
        vcpu_time += ctx->user->vm->vcpu[i]->cputime;
    cputime(vcpu_time, virt, sizeof virt);
    cputime(vcpu_time + ctx->user->cp_time, tot, sizeof tot);
    cmd_out(ctx, "TIME IS %02d:%02d:%02d UTC %s %02d/%02d/%02d", t.hour, t.min, t.sec,
            weekday_name(t.wday), t.month, t.day, t.year % 100);
    cmd_out(ctx, "CONNECT= %s VIRTCPU= %s TOTCPU= %s", conn, virt, tot);
    return 0;
}

/* __DATE__ is "Mmm dd yyyy": turn it into mm/dd/yy. */
static void build_date(char *buf, int size)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    int m = 0;
    for (int i = 0; i < 12; i++)
        if (memcmp(months + 3 * i, zcp_build_date, 3) == 0)
            m = i + 1;
    int d = (zcp_build_date[4] == ' ' ? 0 : zcp_build_date[4] - '0') * 10 + zcp_build_date[5] - '0';
    fmt(buf, (size_t)size, "%02d/%02d/%.2s", m, d, zcp_build_date + 9);
}

int query_cplevel(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (no_more(ctx, a))
        return RC_INVALID_OPT;
    char date[16];
    struct civil_time t;
    build_date(date, sizeof date);
    tod_to_civil(sys.ipl_tod, &t);
    cmd_out(ctx, "ZCP Version %d Release %d.%d, service level %s (64-bit)", ZCP_VERSION,
            ZCP_RELEASE, ZCP_MOD, ZCP_SERVICE);
    cmd_out(ctx, "Generated at %s %s UTC", date, zcp_build_time);
    cmd_out(ctx, "IPL at %02d/%02d/%02d %02d:%02d:%02d UTC", t.month, t.day, t.year % 100,
            t.hour, t.min, t.sec);
    return 0;
}

/* Sizes as z/VM shows them: the largest unit that divides exactly. */
static void size_str(uint64_t bytes, char *buf, int size)
{
    static const char units[] = "KMGT";
    uint64_t v = bytes >> 10;
    int u = 0;
    while (u < 3 && v && v % 1024 == 0) {
        v /= 1024;
        u++;
    }
    if (bytes == 0)
        fmt(buf, (size_t)size, "0");
    else
        fmt(buf, (size_t)size, "%llu%c", (unsigned long long)v, units[u]);
}

int query_storage(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (no_more(ctx, a))
        return RC_INVALID_OPT;
    char total[16], inc[16];
    size_str(sys.storage, total, sizeof total);
    size_str(sys.storage_inc, inc, sizeof inc);
    cmd_out(ctx, "STORAGE = %s CONFIGURED = %s INC = %s STANDBY = 0 RESERVED = 0", total, total, inc);
    return 0;
}

int query_processors(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (no_more(ctx, a))
        return RC_INVALID_OPT;
    for (int i = 0; i < sys.ncpus; i++) {
        const char *role = sys.cpu_addr[i] == sys.ipl_cpu ? "MASTER" :
                           sys.cpu_online[i] ? "ALTERNATE" : "STOPPED";
        cmd_out(ctx, "PROCESSOR %02X %s CP", sys.cpu_addr[i], role);
    }
    return 0;
}

int query_dasd(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (no_more(ctx, a))
        return RC_INVALID_OPT;
    int n = 0;
    for (int i = 0; i < rdev_count; i++) {
        const struct rdev *d = &rdevs[i];
        if (d->cls != RDEV_DASD)
            continue;
        n++;
        if (d->owner[0] && d->owner[0] != '*')
            cmd_out(ctx, "DASD %04X ATTACHED TO %-8s %-6s", d->devno, d->owner, d->volser);
        else if (d->owner[0])
            cmd_out(ctx, "DASD %04X %-6s FREE (DETACHED FROM SYSTEM)", d->devno, d->volser);
        else if (d->devno == sys.ipl_devno)
            cmd_out(ctx, "DASD %04X CP SYSTEM %-6s %4d", d->devno, d->volser, 0);
        else if (d->volser[0])
            cmd_out(ctx, "DASD %04X %-6s", d->devno, d->volser);
        else
            cmd_out(ctx, "DASD %04X (NO LABEL)", d->devno);
    }
    if (!n) {
        cmd_out(ctx, "HCPQDA040E No DASD devices found");
        return 40;              /* z/VM: an error message's rc is its number */
    }
    return 0;
}
