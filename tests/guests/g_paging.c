/* Paging (docs/paging.md): write a pattern into all of this guest's
 * storage from 1 MiB up (several times the real machine's storage when
 * t_paging.py runs it), then read it all back; storage keys set with SSKE
 * before the sweep must read the same with ISKE after it (the pages were
 * paged out and in meanwhile); DIAG X'10' releases pages, which then read
 * as zeros with key zero.  The second pass runs with the DIAG X'258'
 * pfault handshake on: page-ins give X'2603' init and completion
 * interruptions with the token.  DIAG X'214' pending release: pending
 * pages the pager wants are discarded (read as zeros), cancel with a key
 * sets it.  TAP through the console. */
#include "pattern.h"

static uint8_t want_key(int i)
{
    return (uint8_t)(((i + 1) & 0xF) << 4 | (i & 1 ? 0x08 : 0));
}

/* pfault: the external handler counts X'2603' init (X'0600') and
 * completion (X'0680') interruptions and keeps their last tokens; others
 * are counted apart.  Lowcore X'E00' saves R1-R2. */
#define PF_INITS    0xF10
#define PF_ITOKEN   0xF18
#define PF_DONES    0xF20
#define PF_DTOKEN   0xF28
#define PF_OTHER    0xF30
#define PF_TOKEN    0xF40       /* the token CP reads at each fault */
__asm__(".text\n.globl pf_ext_entry\npf_ext_entry:\n"
        " stmg %r1,%r2,0xE00(%r0)\n"
        " llgh %r2,0x86(%r0)\n chi %r2,0x2603\n jne 2f\n"
        " llgh %r1,0x84(%r0)\n lg %r2,0x11B8(%r0)\n"
        " chi %r1,0x600\n jne 1f\n"
        " stg %r2,0xF18(%r0)\n lg %r2,0xF10(%r0)\n aghi %r2,1\n stg %r2,0xF10(%r0)\n j 9f\n"
        "1: chi %r1,0x680\n jne 2f\n"
        " stg %r2,0xF28(%r0)\n lg %r2,0xF20(%r0)\n aghi %r2,1\n stg %r2,0xF20(%r0)\n j 9f\n"
        "2: lg %r2,0xF30(%r0)\n aghi %r2,1\n stg %r2,0xF30(%r0)\n"
        "9: lmg %r1,%r2,0xE00(%r0)\n lpswe 0x130(%r0)\n");
extern char pf_ext_entry[];

static struct zcp_pfault_plist pfl;

static uint32_t pfault(uint16_t sub, uint16_t ver)
{
    pfl.code = 0x258;
    pfl.subcode = sub;
    pfl.dwords = sub ? 2 : 5;
    pfl.version = ver;
    pfl.token_addr = sub ? 0 : PF_TOKEN;
    pfl.select = pfl.compare = 0;       /* any PSW (Linux: problem state) */
    pfl.zarch = sub ? 0 : 0x8000000000000000ULL;
    return zcp_diag258(&pfl);
}

static void pfault_v1(void *arg) { pfault(0, 1); }

static void d214_bad(void *arg)
{
    zcp_diag214(START, START, 4, 0, 0);
}

struct range { uint64_t first, last; };

static void diag10(void *arg)
{
    struct range *r = arg;
    register uint64_t rx __asm__("2") = r->first;
    register uint64_t ry __asm__("3") = r->last;
    __asm__ volatile("diag %0,%1,0x10" : : "d"(rx), "d"(ry) : "memory");
}

int main(void)
{
    char user[9];
    pattern_seed(user);
    uint64_t size = zcp_diag60();
    tap_plan(11);
    print("# %s: %u MiB to write", user, (unsigned)(size >> 20));

    keys_set(want_key);

    pattern_fill(size, 0);
    uint64_t bad = 0, first_bad = 0;
    for (uint64_t a = START; a < size; a += 8)
        if (*(volatile uint64_t *)a != pattern(a, 0) && !bad++)
            first_bad = a;
    char line[100];
    snprint(line, sizeof line, "all %u MiB read back as written (%u bad doublewords, first at %X)",
            (unsigned)((size - START) >> 20), (unsigned)bad, (unsigned)first_bad);
    tap_ok(bad == 0, line);

    /* A second pass over it all: pages come in and go out again; with
     * the pfault handshake on and external interruptions enabled. */
    uint64_t cr0;
    __asm__ volatile("stctg 0,0,%0" : "=Q"(cr0));
    cr0 |= 0x200;                               /* service-signal subclass */
    __asm__ volatile("lctlg 0,0,%0" : : "Q"(cr0));
    LC64(0x1B0) = 0x0000000180000000ULL;
    LC64(0x1B8) = (uint64_t)(unsigned long)pf_ext_entry;
    LC64(PF_INITS) = LC64(PF_DONES) = LC64(PF_OTHER) = 0;
    LC64(PF_ITOKEN) = LC64(PF_DTOKEN) = 0;
    LC64(PF_TOKEN) = 0x5A5A00000000C0DEULL;
    uint32_t rc1 = pfault(0, 2), rc2 = pfault(0, 2);
    ext_enable(1);
    bad = 0;
    for (uint64_t a = size - 8; a >= START; a -= 8)
        if (*(volatile uint64_t *)a != pattern(a, 0))
            bad++;
    for (int i = 0; i < 1000000 && LC64(PF_DONES) != LC64(PF_INITS); i++)
        __asm__ volatile("" ::: "memory");     /* the last completion */
    ext_enable(0);
    uint32_t rc3 = pfault(1, 2), rc4 = pfault(1, 2);
    tap_ok(bad == 0, "a second pass, top down, reads the same");
    snprint(line, sizeof line, "DIAG X'258' TOKEN rc 0, again rc 8, CANCEL rc 0, again rc 4 "
            "(got %u %u %u %u)", rc1, rc2, rc3, rc4);
    tap_ok(rc1 == 0 && rc2 == 8 && rc3 == 0 && rc4 == 4, line);
    print("# pfault: %u init, %u completion, %u other external interruptions",
          (unsigned)LC64(PF_INITS), (unsigned)LC64(PF_DONES), (unsigned)LC64(PF_OTHER));
    tap_ok(LC64(PF_INITS) > 100 && LC64(PF_DONES) == LC64(PF_INITS) &&
           LC64(PF_ITOKEN) == LC64(PF_TOKEN) && LC64(PF_DTOKEN) == LC64(PF_TOKEN),
           "page-ins gave X'2603' init (X'0600') and as many completions (X'0680'), with the token");
    tap_ok(expect_pgm(pfault_v1, 0) == 6, "DIAG X'258' with version 1: specification exception");

    tap_ok(keys_check(want_key), "storage keys (access key, fetch bit) and change bits survived paging");

    /* DIAG X'10': release 8 pages in the middle of the pattern. */
    struct range r = { START + (8ULL << 20), START + (8ULL << 20) + 7 * 4096 };
    uint16_t code = expect_pgm(diag10, &r);
    int zero = 1;
    for (uint64_t a = r.first; a < r.last + 4096; a += 8)
        if (*(volatile uint64_t *)a)
            zero = 0;
    tap_ok(code == 0 && zero && (iske(r.first) & 0xF8) == 0,
           "DIAG X'10' releases pages: they read as zeros, key zero");
    int kept = *(volatile uint64_t *)(r.first - 8) == pattern(r.first - 8, 0) &&
               *(volatile uint64_t *)(r.last + 4096) == pattern(r.last + 4096, 0);
    tap_ok(kept, "the pages around the released range are untouched");

    /* DIAG X'214': 8 pages pending release, then 32 MiB of other pages
     * read: the pager discards the pending ones (or they were on slots
     * and went at once): zeros.  Cancel and validate with key X'30'. */
    uint64_t e = START + (40ULL << 20), el = e + 7 * 4096;
    zcp_diag214(e, el, ZCP_D214_ESTABLISH, 0, 0);
    bad = 0;
    for (uint64_t a = START; a < START + (32ULL << 20); a += 8)
        if ((a < r.first || a >= r.last + 4096) && *(volatile uint64_t *)a != pattern(a, 0))
            bad++;                              /* (the X'10' pages read zeros) */
    zcp_diag214(e, el, ZCP_D214_VALIDATE, 1, 0x30);
    zero = 1;
    for (uint64_t a = e; a < el + 4096; a += 8)
        if (*(volatile uint64_t *)a)
            zero = 0;
    int kept2 = *(volatile uint64_t *)(el + 4096) == pattern(el + 4096, 0);
    snprint(line, sizeof line, "DIAG X'214': pending pages discarded (zeros %d), "
            "key X'30' (%02X), others kept (%d, %u bad)", zero, iske(e), kept2, (unsigned)bad);
    tap_ok(bad == 0 && zero && kept2 && (iske(e) & 0xF8) == 0x30, line);
    zcp_diag214(0, 0, ZCP_D214_CANCEL_ALL, 0, 0);
    tap_ok(expect_pgm(d214_bad, 0) == 6, "DIAG X'214' function 4: specification exception");

    struct range bad1 = { START + 4096, START };                /* first > last */
    struct range bad2 = { START + 100, START + 4096 };          /* not on a page */
    struct range bad3 = { START, size + 4096 };                 /* beyond storage */
    uint16_t c1 = expect_pgm(diag10, &bad1), c2 = expect_pgm(diag10, &bad2),
             c3 = expect_pgm(diag10, &bad3);
    snprint(line, sizeof line, "DIAG X'10' with bad ranges: specification, specification, "
            "addressing (got %04X %04X %04X)", c1, c2, c3);
    tap_ok(c1 == 6 && c2 == 6 && c3 == 5, line);
    return 0;
}
