/* INDICATE LOAD: the share of each real processor's time spent running
 * guests (under SIE) since the previous INDICATE LOAD, or since IPL. */
#include "cp/cmd/commands.h"
#include "cp/arch/clock.h"
#include "cp/sys/system.h"
#include "cp/mm/paging.h"
#include "lib/str.h"

static uint64_t last_tod, last_guest[MAX_CPUS], last_pages;

static unsigned percent(uint64_t part, uint64_t whole)
{
    if (!whole)
        return 0;
    uint64_t p = part / (whole / 100 ? whole / 100 : 1);
    return p > 100 ? 100 : (unsigned)p;
}

int cmd_indicate(struct cmd_ctx *ctx, struct cmd_args *a)
{
    if (a->n >= 1 && str_casecmp(a->v[0], "USER") == 0) {
        cmd_shift(a, 1);
        return indicate_user(ctx, a);
    }
    if (a->n < 1 || str_casecmp(a->v[0], "LOAD") != 0)
        return a->n ? msg_invalid_option(ctx, a->v[0]) : msg_missing_operand(ctx);
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    uint64_t now = tod_now();
    uint64_t since = last_tod ? last_tod : sys.ipl_tod;
    uint64_t whole = now > since ? now - since : 0;
    unsigned total = 0;
    unsigned pct[MAX_CPUS];
    for (int i = 0; i < sys.ncpus; i++) {
        uint64_t g = sys.guest_tod[i];
        pct[i] = percent(g - last_guest[i], whole);
        last_guest[i] = g;
        total += pct[i];
    }
    /* Paging (docs/paging.md): pages read and written a second. */
    uint64_t pages = paging_st.pageins + paging_st.pageouts;
    uint64_t secs = whole / tod_from_ms(1000);
    uint64_t rate = (pages - last_pages) / (secs ? secs : 1);
    last_pages = pages;
    last_tod = now;
    cmd_out(ctx, "AVGPROC-%03u%% %02d", sys.ncpus ? total / (unsigned)sys.ncpus : 0, sys.ncpus);
    for (int i = 0; i < sys.ncpus; i++)
        cmd_out(ctx, "PROC %04X-%03u%% CP", sys.cpu_addr[i], pct[i]);
    cmd_out(ctx, "PAGING-%llu/SEC", (unsigned long long)rate);
    return 0;
}
