/* Asynchronous page-in (docs/paging.md): this guest writes a pattern into
 * all its storage from 1 MiB up (several times the real machine's storage
 * when t_pageasync.py runs it), then, with the DIAG X'258' pfault
 * handshake on, reads it back and writes a second pattern, and reads that.
 * Its external-interruption handler does what Linux's pfault code
 * (arch/s390/mm/pfault.c) does in spirit: at a X'2603' page-fault init
 * (X'0600') it puts the faulting context aside and runs other work (a
 * counting loop, PSW program-mask bit 23 on, which the select mask
 * excludes, so its own faults just wait) until the completion (X'0680')
 * with the same token arrives; then the faulting context goes on.  Every
 * init gets a new token (the handler counts it up).  Checked: pattern,
 * init/completion pairs with matching tokens, that other work ran between
 * them, and that storage keys survived.  TAP through the console. */
#include "pattern.h"

/* Lowcore (the guest's own, prefix 0) fields of the handler. */
#define PF_INITS    0xF10
#define PF_ITOKEN   0xF18
#define PF_DONES    0xF20
#define PF_DTOKEN   0xF28
#define PF_OTHER    0xF30       /* other external interruptions */
#define PF_TOKEN    0xF40       /* the token CP reads at each fault */
#define PF_PENDING  0xF48       /* token of the init being waited for, 0: none */
#define PF_SAVEPSW  0xF50       /* the faulting context's PSW */
#define PF_WORK     0xF60       /* other-work loop iterations */
#define PF_WORKINIT 0xF68       /* PF_WORK at the last init */
#define PF_PAIRS    0xF70       /* completions with other work since their init */
#define PF_BADTOKEN 0xF78       /* completions whose token was not the pending one */
#define PF_SAVEREGS 0xF80       /* 16 GRs of the faulting context (to 0xFFF) */
#define PF_WORKPSW  0xEF0       /* PSW of the other-work loop */

__asm__(".text\n.globl pa_ext_entry\npa_ext_entry:\n"
        " stmg %r1,%r2,0xE00(%r0)\n"
        " llgh %r2,0x86(%r0)\n chi %r2,0x2603\n jne 8f\n"
        " llgh %r1,0x84(%r0)\n chi %r1,0x600\n jne 1f\n"
        /* init: note the token, give the next fault a new one */
        " lg %r2,0x11B8(%r0)\n stg %r2,0xF18(%r0)\n stg %r2,0xF48(%r0)\n"
        " lg %r1,0xF10(%r0)\n aghi %r1,1\n stg %r1,0xF10(%r0)\n"
        " lg %r1,0xF40(%r0)\n aghi %r1,1\n stg %r1,0xF40(%r0)\n"
        " lg %r1,0xF60(%r0)\n stg %r1,0xF68(%r0)\n"
        /* put the faulting context aside, run other work */
        " mvc 0xF50(16,%r0),0x130(%r0)\n"
        " lmg %r1,%r2,0xE00(%r0)\n"
        " stmg %r0,%r15,0xF80(%r0)\n"
        " lpswe 0xEF0(%r0)\n"
        /* completion */
        "1: chi %r1,0x680\n jne 8f\n"
        " lg %r2,0x11B8(%r0)\n stg %r2,0xF28(%r0)\n"
        " lg %r1,0xF20(%r0)\n aghi %r1,1\n stg %r1,0xF20(%r0)\n"
        " clg %r2,0xF48(%r0)\n je 2f\n"
        " lg %r1,0xF78(%r0)\n aghi %r1,1\n stg %r1,0xF78(%r0)\n j 9f\n"
        "2: xc 0xF48(8,%r0),0xF48(%r0)\n"
        " lg %r1,0xF60(%r0)\n cg %r1,0xF68(%r0)\n je 9f\n"
        " lg %r1,0xF70(%r0)\n aghi %r1,1\n stg %r1,0xF70(%r0)\n j 9f\n"
        "8: lg %r2,0xF30(%r0)\n aghi %r2,1\n stg %r2,0xF30(%r0)\n"
        "9: lmg %r1,%r2,0xE00(%r0)\n lpswe 0x130(%r0)\n"
        /* the other work: count until the completion cleared PF_PENDING */
        ".globl pa_other_work\npa_other_work:\n"
        " lg %r1,0xF60(%r0)\n aghi %r1,1\n stg %r1,0xF60(%r0)\n"
        " lg %r1,0xF48(%r0)\n ltgr %r1,%r1\n jnz pa_other_work\n"
        " lmg %r0,%r15,0xF80(%r0)\n lpswe 0xF50(%r0)\n");
extern char pa_ext_entry[], pa_other_work[];

static uint8_t want_key(int i)
{
    return (uint8_t)(((i + 3) & 0xF) << 4 | (i & 2 ? 0x08 : 0));
}

static struct zcp_pfault_plist pfl;

static uint32_t pfault(uint16_t sub)
{
    pfl.code = 0x258;
    pfl.subcode = sub;
    pfl.dwords = sub ? 2 : 5;
    pfl.version = 2;
    pfl.token_addr = sub ? 0 : PF_TOKEN;
    /* Faults with program-mask bit 23 on (the other-work loop) give no
     * init: select that bit, compare zero (Linux selects problem state). */
    pfl.select = sub ? 0 : 0x0000010000000000ULL;
    pfl.compare = 0;
    pfl.zarch = sub ? 0 : 0x8000000000000000ULL;
    return zcp_diag258(&pfl);
}

/* Read round r's pattern (top down, the other end from the writes) and,
 * with next, write round next's: bad doublewords. */
static uint64_t sweep(uint64_t size, uint64_t r, int write_next, uint64_t next)
{
    uint64_t bad = 0;
    for (uint64_t a = size - 8; a >= START; a -= 8) {
        volatile uint64_t *p = (volatile uint64_t *)a;
        if (*p != pattern(a, r))
            bad++;
        if (write_next)
            *p = pattern(a, next);
    }
    return bad;
}

int main(void)
{
    char user[9];
    pattern_seed(user);
    uint64_t size = zcp_diag60();
    tap_plan(6);
    print("# %s: %u MiB, pfault with other work", user, (unsigned)(size >> 20));

    keys_set(want_key);
    pattern_fill(size, 0);
    tap_ok(1, "the first pattern is written (no pfault)");

    uint64_t cr0;
    __asm__ volatile("stctg 0,0,%0" : "=Q"(cr0));
    cr0 |= 0x200;                               /* service-signal subclass */
    __asm__ volatile("lctlg 0,0,%0" : : "Q"(cr0));
    LC64(0x1B0) = 0x0000000180000000ULL;
    LC64(0x1B8) = (uint64_t)(unsigned long)pa_ext_entry;
    LC64(PF_WORKPSW) = 0x0100010180000000ULL;   /* ext on, program mask bit 23 */
    LC64(PF_WORKPSW + 8) = (uint64_t)(unsigned long)pa_other_work;
    for (uint64_t a = PF_INITS; a < PF_SAVEPSW; a += 8)
        LC64(a) = 0;
    LC64(PF_WORK) = LC64(PF_WORKINIT) = LC64(PF_PAIRS) = LC64(PF_BADTOKEN) = 0;
    LC64(PF_TOKEN) = 0x5A5A000000010000ULL;
    uint32_t rc = pfault(0);
    ext_enable(1);
    uint64_t bad1 = sweep(size, 0, 1, 1);
    uint64_t bad2 = sweep(size, 1, 0, 0);
    for (int i = 0; i < 1000000 && LC64(PF_PENDING); i++)
        __asm__ volatile("" ::: "memory");
    ext_enable(0);
    uint32_t rc2 = pfault(1);
    char line[120];
    snprint(line, sizeof line, "with pfault on: the first pattern read back, the second written "
            "and read back (%u and %u bad doublewords)", (unsigned)bad1, (unsigned)bad2);
    tap_ok(bad1 == 0 && bad2 == 0, line);
    tap_ok(rc == 0 && rc2 == 0, "DIAG X'258' TOKEN and CANCEL rc 0");
    uint64_t inits = LC64(PF_INITS), dones = LC64(PF_DONES);
    print("# pfault: %u init, %u completion, %u with other work between, %u other-work "
          "iterations, %u bad tokens, %u other interruptions", (unsigned)inits, (unsigned)dones,
          (unsigned)LC64(PF_PAIRS), (unsigned)LC64(PF_WORK), (unsigned)LC64(PF_BADTOKEN),
          (unsigned)LC64(PF_OTHER));
    snprint(line, sizeof line, "every X'2603' init (X'0600') got its completion (X'0680') with "
            "the same token (%u init, %u completion, %u mismatched)", (unsigned)inits,
            (unsigned)dones, (unsigned)LC64(PF_BADTOKEN));
    tap_ok(inits > 50 && dones == inits && LC64(PF_BADTOKEN) == 0 &&
           LC64(PF_ITOKEN) == LC64(PF_DTOKEN) && LC64(PF_DTOKEN) == LC64(PF_TOKEN) - 1, line);
    snprint(line, sizeof line, "the guest ran other work between init and completion "
            "(%u of %u pairs)", (unsigned)LC64(PF_PAIRS), (unsigned)dones);
    tap_ok(LC64(PF_PAIRS) > 0 && LC64(PF_WORK) > 0, line);

    tap_ok(keys_check(want_key), "storage keys (access key, fetch bit) and change bits survived paging");
    return 0;
}
