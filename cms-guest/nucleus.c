/* The CMS nucleus: start-up, the command loop and its Ready message,
 * commands passed to CP (DIAG X'08'), as CMS does them (z/VM CMS User's
 * Guide: "Ready; T=virtual/total hh:mm:ss", IMPCP). */
#include "cms-guest/cms.h"
#include "diagnose/zcpdiag.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static uint64_t last_v, last_t;
static int depth;             /* commands running inside commands (EXEC) */

void cms_ready(int rc)
{
    char time[9], r[24];
    uint64_t v, t;
    sys_clock(0, time, &v, &t);
    uint64_t dv = (v - last_v) / 10000, dt = (t - last_t) / 10000;     /* hundredths */
    if (rc == 0)
        fmt(r, sizeof r, "Ready;");
    else if (rc < 0)
        fmt(r, sizeof r, "Ready(-%04d);", -rc > 9999 ? 9999 : -rc);
    else
        fmt(r, sizeof r, "Ready(%05d);", rc > 99999 ? 99999 : rc);
    out("%s T=%llu.%02llu/%llu.%02llu %s", r, (unsigned long long)(dv / 100),
        (unsigned long long)(dv % 100), (unsigned long long)(dt / 100),
        (unsigned long long)(dt % 100), time);
    sys_clock(0, 0, &last_v, &last_t);
}

/* ZCPTEST: a test aid that makes the nucleus take a program check. */
static int cmd_zcptest(int argc, char **argv)
{
    if (argc < 2) {
        out("DMSZCT054E Incomplete command: specify OPERATION, ADDRESSING, SPECIFICATION, DIVIDE or LOOP");
        return 24;
    }
    if (!strcmp(argv[1], "OPERATION"))
        __asm__ volatile(".long 0x00000000");
    else if (!strcmp(argv[1], "ADDRESSING")) {
        volatile uint64_t *p = (volatile uint64_t *)0x7FFFFFF0UL;      /* beyond storage */
        *p = 1;
    } else if (!strcmp(argv[1], "SPECIFICATION")) {
        static struct { uint64_t mask, addr; } bad __attribute__((aligned(8))) = { 0x0000000180000001ULL, 0 };
        __asm__ volatile("lpswe %0" : : "Q"(bad));                     /* odd instruction address */
    } else if (!strcmp(argv[1], "LOOP")) {
        for (;;)                        /* a job that never ends (batch tests) */
            __asm__ volatile("" ::: "memory");
    } else if (!strcmp(argv[1], "DIVIDE")) {
        volatile int z = 0;
        register int r2 __asm__("2") = 0, r3 __asm__("3") = 5;
        __asm__ volatile("dr %0,%2" : "+d"(r2), "+d"(r3) : "d"(z));
    } else {
        out("DMSZCT070E Invalid parameter %s", argv[1]);
        return 24;
    }
    return 0;
}

static int pass_to_cp(const char *line, int explicit_cp)
{
    static char resp[8192];
    uint32_t rc;
    int refused = batch_cp_check(line, explicit_cp);         /* a batch job's CP command (batch.c) */
    if (refused)
        return refused;
    cp_cmd_resp(line, resp, sizeof resp, &rc);
    if (!explicit_cp && rc == 1) {
        out("Unknown CP/CMS command");
        return -3;
    }
    char *p = resp;
    while (*p) {
        char *e = strchr(p, '\n');
        if (e)
            *e = 0;
        out_line(p);
        if (!e)
            break;
        p = e + 1;
    }
    return (int)rc;
}

int cms_command(const char *line)
{
    static char copy[8][LINE];
    if (depth >= 8) {
        out("DMSCMD999E Commands nested too deeply");
        return 24;
    }
    char *buf = copy[depth];
    {
        size_t n = strlen(line);
        if (n >= LINE)
            n = LINE - 1;
        memcpy(buf, line, n);
        buf[n] = 0;
    }
    while (*line == ' ')
        line++;
    char *w[40];
    int n = split(buf, w, 40);
    if (n == 0)
        return 0;
    /* the raw operands: the line after the verb, case kept */
    const char *raw = line;
    while (*raw && *raw != ' ' && *raw != '(')
        raw++;
    while (*raw == ' ')
        raw++;
    depth++;
    int rc, handled = 0;
    if ((rc = batch_cms_check(w[0])) != 0)
        ;                               /* refused in a batch job (batch.c) */
    else if (!strcmp(w[0], "CP") && *raw)
        rc = pass_to_cp(raw, 1);
    else if (!strcmp(w[0], "CP")) {
        rc = batch_cp_check("", 1);     /* CP READ: no one answers in a batch job */
        if (!rc)
            zcp_cp_read();
    } else if (!strcmp(w[0], "ZCPTEST"))
        rc = cmd_zcptest(n, w);
    else if (!strcmp(w[0], "EXEC"))
        rc = cmd_exec(n - 1, w + 1, raw);
    else if (!strcmp(w[0], "EDIT") || !strcmp(w[0], "XEDIT"))
        rc = cmd_edit(n, w, raw);
    else {
        rc = cmd_fs(n, w, raw, &handled);
        if (!handled)
            rc = cmd_spool(n, w, raw, &handled);
        if (!handled && exec_find(w[0])) {
            handled = 1;
            rc = cmd_exec(n, w, raw);
        }
        if (!handled)
            rc = pass_to_cp(line, 0);
    }
    depth--;
    return rc;
}

static char linebuf[LINE];

__attribute__((noreturn)) void cms_restart(int rc)
{
    depth = 0;
    if (batch_mode())
        batch_restart(rc);
    cms_ready(rc);
    for (;;) {
        if (con_read(linebuf, sizeof linebuf) < 0)
            sys_wait(0x9010);
        if (!linebuf[0])
            continue;
        rc = cms_command(linebuf);
        cms_ready(rc);
    }
}

void cms_start(void)
{
    uint32_t ipl = sys_ipl_dev();       /* X'B8' holds the IPL subchannel until the first I/O */
    con_init();
    char date[9];
    sys_clock(date, 0, &last_v, &last_t);
    out("ZCP CMS 1.0  %s", date);
    disk_access(ipl ? (uint16_t)ipl : 0x190, 'S', 1);
    disk_access(0x191, 'A', 0);
    char parm[72];
    if (sys_ipl_parm(parm, sizeof parm) >= 5) {
        upper(parm);
        if (!strncmp(parm, "BATCH", 5) && (parm[5] == 0 || parm[5] == ' '))
            batch_main(parm + 5);       /* the batch machine (batch.c) */
    }
    int rc = 0;
    if (exec_find("PROFILE"))
        rc = cms_command("EXEC PROFILE");
    cms_restart(rc);
}
