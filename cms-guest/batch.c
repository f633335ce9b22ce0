/* The batch machine (docs/cms.md, "Batch"): CMS IPLed with PARM BATCH runs
 * the job decks punched to its reader, one job an IPL, in the manner of
 * the z/VM CMS Batch Facility (a service machine that reads /JOB decks
 * from its reader and spools each job's output back to its user).
 *
 *   /JOB userid jobname          the first card (after PUNCH's :READ card)
 *   /SET TIME n | CPU n | LINES n  optional limits, before the first command
 *   commands and EXEC lines      the job: run as an EXEC (docs/cms.md)
 *   slash-asterisk (/ then *)    the last card
 *
 * A job runs in a freshly IPLed CMS: the monitor writes it to $JOB EXEC A
 * and the state to BATCH STATE A on the batch machine's A-disk, purges the
 * reader file, and runs it; at the end it closes the job's spooled console
 * and printer files (SPOOL CONSOLE/PRINT TO the user), messages the user,
 * and re-IPLs itself (DIAG X'308') with PARM BATCH.  The time limit is CP's
 * watchdog (DIAG X'288'): when it expires CP runs IPL 190 PARM BATCH
 * TIMEOUT, and the new CMS finds the job still marked running in BATCH
 * STATE and ends it.  An empty reader is an enabled wait for the reader's
 * attention interruption (CP presents one when a file arrives). */
#include "cms-guest/cms.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define MAXJOB    500                   /* cards in a deck (an EXEC's lines) */
#define DEF_TIME  60                    /* seconds (elapsed) */
#define MIN_TIME  ZCP_D288_MIN_SECONDS
#define MAX_TIME  3600
#define DEF_LINES 5000                  /* console lines plus printed lines */
#define MAX_LINES 100000
#define DEF_CPU   60                    /* seconds of virtual CPU time */
#define MAX_CPU   3600

/* return codes of jobs the monitor ends */
#define RC_TIME   3001
#define RC_LINES  3002
#define RC_READ   3003
#define RC_REIPL  3004
#define RC_CPU    3005
/* the return code of a command a job may not give (the job goes on) */
#define RC_REFUSED 3006

struct state {
    int running;
    uint32_t seq;                       /* the next job's number */
    char user[9], job[9], origin[9];
    uint32_t time, lines;
};

static struct state st;
static void tidy(void);
static int mode_batch, job_running;
static uint32_t lines_used;
static uint32_t cpu_limit;              /* seconds; not in BATCH STATE: only this IPL needs it */
static uint64_t cpu_start;              /* virtual CPU time (DIAG X'0C', microseconds) at the start */
static uint32_t ticks;
static struct disk *adisk;
static char deck[MAXJOB][LINE];
static int ndeck;
/* Rejected files that could be neither returned nor held: not tried again
 * in this IPL (so one cannot stop the queue). */
static uint32_t skipped[64];
static int nskipped;

int batch_mode(void) { return mode_batch; }

/* ---- the state file: one record of words ------------------------------- */
static void state_write(void)
{
    static struct cmsfs_writer w;
    char rec[120];
    fmt(rec, sizeof rec, "%s %u %s %s %s %u %u", st.running ? "RUN" : "IDLE", st.seq,
        st.user[0] ? st.user : "-", st.job[0] ? st.job : "-", st.origin[0] ? st.origin : "-",
        st.time, st.lines);
    int rc = cmsfs_create(&adisk->fs, &w, "BATCH", "STATE", 'V', 0);
    if (!rc)
        rc = cmsfs_put(&w, rec, (uint32_t)strlen(rec));
    if (!rc)
        rc = cmsfs_commit(&w, sys_date(), sys_time());
    if (rc) {
        out("DMSBTM104S Cannot write BATCH STATE A: %s", cmsfs_strerror(rc));
        sys_wait(0xB104);
    }
}

static void copy8(char *dst, const char *src)
{
    size_t n = strlen(src) < 8 ? strlen(src) : 8;
    memcpy(dst, src, n);
    dst[n] = 0;
}

static void state_read(void)
{
    memset(&st, 0, sizeof st);
    st.seq = 1;
    int idx = cmsfs_lookup(&adisk->fs, "BATCH", "STATE");
    if (idx < 0)
        return;
    static struct cmsfs_reader r;
    char rec[128];
    cmsfs_open(&adisk->fs, idx, &r);
    int len = cmsfs_get(&r, rec, sizeof rec - 1);
    if (len < 0)
        return;
    rec[len] = 0;
    char *w[8];
    if (split(rec, w, 8) != 7)
        return;
    st.running = !strcmp(w[0], "RUN");
    parse_dec(w[1], &st.seq);
    copy8(st.user, w[2]);
    copy8(st.job, w[3]);
    copy8(st.origin, w[4]);
    parse_dec(w[5], &st.time);
    parse_dec(w[6], &st.lines);
}

/* ---- the end of a job, and the reset ------------------------------------ */
static void cp(const char *f, const char *a, const char *b)
{
    char c[160];
    fmt(c, sizeof c, f, a, b);
    cp_cmd(c, 0);
}

/* Re-IPL the IPL device with PARM BATCH (DIAG X'308' SET, then LOAD
 * CLEAR: storage zeroed, so nothing of a job survives). */
static __attribute__((noreturn)) void reipl(void)
{
    static uint8_t iplb[4096] __attribute__((aligned(4096)));
    static const char parm[] = "BATCH";
    memset(iplb, 0, sizeof iplb);
    iplb[3] = 200;                      /* length */
    iplb[11] = 192;                     /* block length */
    iplb[0x0C] = 2;                     /* CCW type */
    uint32_t dev = sys_ipl_dev() ? sys_ipl_dev() : 0x190;
    iplb[0x6E] = (uint8_t)(dev >> 8);
    iplb[0x6F] = (uint8_t)dev;
    iplb[0x70] = 0x80;                  /* the PARM is valid */
    iplb[0x77] = sizeof parm - 1;
    ebcdic_from_ascii(iplb + 0x80, parm, sizeof parm - 1);
    uint32_t rc = zcp_diag308(ZCP_D308_SET, iplb);
    if (rc == ZCP_D308_RC_OK)
        zcp_diag308(ZCP_D308_LOAD_CLEAR, 0);
    out("DMSBTM105S Re-IPL failed, rc %X", rc);
    sys_wait(0xB105);
}

static __attribute__((noreturn)) void end_job(int rc, const char *why)
{
    job_running = 0;
    zcp_diag288(ZCP_D288_CANCEL, 0, 0, 0);
    if (why)
        out("DMSBTM103E Job %s cancelled: %s", st.job, why);
    char date[9], time[9];
    sys_clock(date, time, 0, 0);
    out("DMSBTM102I Job %s (JOB%04u) ended %s %s, RC=%d", st.job, st.seq, date, time, rc);
    cp_cmd("CLOSE 00E", 0);             /* printed output not yet closed by PRINT */
    cp_cmd("CLOSE 00D", 0);
    cp_cmd("SPOOL CONSOLE STOP CLOSE", 0);
    cp_cmd("SPOOL PRT TO *", 0);
    cp_cmd("SPOOL PUN TO *", 0);
    char rcs[16];
    fmt(rcs, sizeof rcs, "%d", rc);
    char m[160];
    fmt(m, sizeof m, "MSG %s DMSBTM102I Job %s ended, RC=%s%s%s", st.user, st.job, rcs,
        why ? ": " : "", why ? why : "");
    cp_cmd(m, 0);
    st.running = 0;
    st.seq++;
    disk_access(0x191, 'A', 1);         /* the job may have changed what A is */
    adisk = disk_by_mode('A');
    if (!adisk || adisk->readonly) {
        out("DMSBTM100S The batch machine needs its 191 disk as A, read/write");
        sys_wait(0xB100);
    }
    tidy();
    state_write();
    reipl();
}

/* Called for every line the console shows or the printer prints while a
 * job runs. */
void batch_output(void)
{
    if (!job_running)
        return;
    if (++lines_used > st.lines) {
        char why[60];
        fmt(why, sizeof why, "output limit of %u lines", st.lines);
        end_job(RC_LINES, why);
    }
    batch_tick();
}

/* The CPU limit: the virtual CPU time the batch machine used since the
 * job started (DIAG X'0C', as CP's QUERY TIME VIRTCPU), looked at every
 * 32nd EXEC statement or output line and before every CP command of the
 * job.  CMS only sees it between statements: a single command that
 * loops is ended by the TIME limit (CP's watchdog), not by this. */
static void cpu_check(void)
{
    uint64_t v;
    sys_clock(0, 0, &v, 0);
    if (v - cpu_start > (uint64_t)cpu_limit * 1000000) {
        char why[60];
        fmt(why, sizeof why, "CPU time limit of %u seconds", cpu_limit);
        end_job(RC_CPU, why);
    }
}

void batch_tick(void)
{
    if (job_running && !(++ticks & 31))
        cpu_check();
}

/* A console read in a job: there is nobody to answer. */
void batch_console_read(void)
{
    if (job_running)
        end_job(RC_READ, "console read (a batch job has no console input)");
}

/* cms_restart in batch mode: a program check (or the end of a command
 * outside any job: the monitor itself failed). */
void batch_restart(int rc)
{
    if (job_running) {
        char why[40];
        fmt(why, sizeof why, "program check, RC=%d", rc);
        end_job(rc, why);
    }
    out("DMSBTM106S The batch monitor failed (rc %d); re-IPL", rc);
    reipl();
}

/* ---- what a job may not do ---------------------------------------------- */
/* VM/370's batch monitor (DMSBTP, VM/370 CMS Program Logic) checked every
 * CP command of a job against a table of the commands allowed in batch
 * and refused those not allowed, or allowed but about the batch reader,
 * its spooling devices or its disks, with an error message; the job went
 * on with its next card.  This is that table for ZCP's CP commands, in
 * cp/cmd/table.c's order (a word is the first command it abbreviates
 * there, as CP looks it up). */
enum { CP_OK, CP_NO, CP_DEFINE, CP_DETACH, CP_SPOOLDEV, CP_QUEUE };
static const struct {
    const char *name;
    uint8_t min, how;
    const char *why;                    /* CP_NO: why not */
} cpcmds[] = {
    { "QUERY", 1, CP_OK, 0 },
    { "SHUTDOWN", 8, CP_NO, "it is an operator command" },
    { "SLEEP", 2, CP_OK, 0 },
    { "XAUTOLOG", 5, CP_NO, "it is an operator command" },
    { "FORCE", 5, CP_NO, "it is an operator command" },
    { "SEND", 4, CP_NO, "it acts on another virtual machine" },
    { "LOADRDR", 7, CP_NO, "it is an operator command" },
    { "INDICATE", 2, CP_OK, 0 },
    { "LOGOFF", 3, CP_NO, "it would end the batch machine" },
    { "DISCONNECT", 4, CP_NO, "it would end the batch machine's session" },
    { "DEFINE", 3, CP_DEFINE, 0 },
    { "SYSTEM", 3, CP_NO, "it would reset the batch machine" },
    { "STOP", 4, CP_NO, "it would stop the batch machine" },
    { "BEGIN", 1, CP_NO, "it would restart the batch machine elsewhere" },
    { "IPL", 1, CP_NO, "it would re-IPL the batch machine" },
    { "DISPLAY", 1, CP_OK, 0 },
    { "STORE", 2, CP_NO, "it would change the batch monitor's storage" },
    { "MESSAGE", 1, CP_OK, 0 },
    { "MSG", 3, CP_OK, 0 },
    { "MSGNOH", 6, CP_OK, 0 },
    { "SPOOL", 2, CP_SPOOLDEV, 0 },
    { "CLOSE", 1, CP_SPOOLDEV, 0 },
    { "PURGE", 3, CP_QUEUE, 0 },
    { "ORDER", 3, CP_QUEUE, 0 },
    { "TRANSFER", 4, CP_QUEUE, 0 },
    { "CHANGE", 2, CP_QUEUE, 0 },
    { "SET", 3, CP_OK, 0 },
    { "LINK", 4, CP_OK, 0 },                 /* detached between jobs (tidy) */
    { "DETACH", 3, CP_DETACH, 0 },
};

/* The batch machine's own devices (its directory entry, conf/user.direct):
 * console, reader, punch, printer, the CMS system disk and its A-disk. */
static int own_device(uint32_t dev)
{
    static const uint16_t own[] = { 0x009, 0x00C, 0x00D, 0x00E, 0x190, 0x191 };
    for (unsigned i = 0; i < sizeof own / sizeof own[0]; i++)
        if (dev == own[i])
            return 1;
    return dev == sys_ipl_dev();
}

static int abbrev(const char *w, const char *name, size_t min)
{
    size_t n = strlen(w);
    return n >= min && n <= strlen(name) && !strncmp(name, w, n);
}

/* PRINTER|PRT|PUNCH|PCH as CP's spool commands take them (cp/cmd/spoolcmd.c). */
static int output_queue(const char *w)
{
    return abbrev(w, "PRINTER", 1) || abbrev(w, "PRT", 3) || abbrev(w, "PUNCH", 2) ||
           abbrev(w, "PCH", 3);
}

static int vdev_word(const char *w, uint32_t *dev)
{
    return strlen(w) >= 1 && strlen(w) <= 4 && !parse_hex(w, dev);
}

static const char not_batch[] = "it is not a CP command a batch job may give";

/* Why the job may not give CP command line, or NULL. */
static const char *cp_refusal(const char *line)
{
    /* all of what DIAG X'08' would pass (sys.c cuts at ZCP_D08_MAXCMD) */
    char buf[ZCP_D08_MAXCMD + 1], *w[ZCP_D08_MAXCMD / 2 + 1];
    int n = 0;
    size_t len = strlen(line) < ZCP_D08_MAXCMD ? strlen(line) : ZCP_D08_MAXCMD;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)line[i] < 0x20 || (unsigned char)line[i] > 0x7E)
            return "it has a character that is not printable";
    memcpy(buf, line, len);
    buf[len] = 0;
    upper(buf);
    for (char *p = buf; *p;) {          /* CP's words: blank-delimited only */
        while (*p == ' ')
            *p++ = 0;
        if (*p)
            w[n++] = p;
        while (*p && *p != ' ')
            p++;
    }
    if (n == 0)
        return "it is empty (CP READ: nobody would answer)";
    int k = -1;
    for (unsigned i = 0; i < sizeof cpcmds / sizeof cpcmds[0] && k < 0; i++)
        if (abbrev(w[0], cpcmds[i].name, cpcmds[i].min))
            k = (int)i;
    if (k < 0)
        return not_batch;
    uint32_t dev;
    switch (cpcmds[k].how) {
    case CP_OK:
        return NULL;
    case CP_NO:
        return cpcmds[k].why;
    case CP_DEFINE:                     /* a T-disk; not storage, CPUs, unit records */
        return n >= 2 && !strcmp(w[1], "T3390") ? NULL : "a job may only DEFINE T3390";
    case CP_DETACH:
        if (n < 2)
            return NULL;                /* CP says what is missing */
        for (int i = 1; i < n; i++) {
            if (!vdev_word(w[i], &dev))
                return "DETACH takes only devices the job added";
            if (own_device(dev))
                return "the device is the batch machine's own";
        }
        return NULL;
    case CP_SPOOLDEV:                   /* SPOOL, CLOSE: printer and punch only */
        if (n < 2 || output_queue(w[1]))
            return NULL;
        if (vdev_word(w[1], &dev) && dev != 0x009 && dev != 0x00C)
            return NULL;
        return "the batch machine's console and reader belong to the monitor";
    case CP_QUEUE:                      /* PURGE, ORDER, TRANSFER, CHANGE */
        if (n < 2 || output_queue(w[1]))
            return NULL;
        return "the batch machine's reader holds the other jobs";
    }
    return not_batch;
}

int batch_cp_check(const char *line, int explicit_cp)
{
    if (!job_running)
        return 0;
    cpu_check();
    const char *why = cp_refusal(line);
    if (!why)
        return 0;
    if (!explicit_cp && why == not_batch) {
        out("Unknown CP/CMS command");  /* as CMS says of a word CP does not know */
        return -3;
    }
    char verb[12];
    size_t n = 0;
    while (*line == ' ')
        line++;
    while (line[n] && line[n] != ' ' && n < sizeof verb - 1)
        n++;
    memcpy(verb, line, n);
    verb[n] = 0;
    upper(verb);
    out("DMSBTM108E CP command %s not allowed in a batch job: %s", n ? verb : "(none)", why);
    return RC_REFUSED;
}

/* CMS commands about the reader: the batch machine's reader is the job
 * queue (other users' decks), not the job's. */
int batch_cms_check(const char *verb)
{
    static const char *const rdr[] = { "RDRLIST", "PEEK", "RECEIVE", "READCARD" };
    if (!job_running)
        return 0;
    for (unsigned i = 0; i < sizeof rdr / sizeof rdr[0]; i++)
        if (!strcmp(verb, rdr[i])) {
            out("DMSBTM109E %s not allowed in a batch job: the batch machine's reader holds the other jobs", verb);
            return RC_REFUSED;
        }
    return 0;
}

/* Between jobs (each IPL of the monitor): what a job left goes.  Disks it
 * linked or defined are detached (as DMSBTP detached the job's LINKs), and
 * the A-disk is erased but for BATCH STATE (as z/VM's batch facility
 * erases its work disk), so that a job that filled it does not stop the
 * next ones and no job sees another's files. */
static void tidy(void)
{
    static char resp[2048];
    uint32_t rc;
    cp_cmd_resp("QUERY VIRTUAL DASD", resp, sizeof resp, &rc);
    for (char *p = resp; *p;) {
        char *e = strchr(p, '\n');
        if (e)
            *e = 0;
        uint32_t dev;
        char word[5];
        if (!strncmp(p, "DASD ", 5) && strlen(p) >= 9) {
            memcpy(word, p + 5, 4);
            word[4] = 0;
            if (!parse_hex(word, &dev) && !own_device(dev)) {
                char c[24];
                fmt(c, sizeof c, "DETACH %03X", dev);
                cp_cmd(c, 1);
            }
        }
        if (!e)
            break;
        p = e + 1;
    }
    for (int i = 0; i < CMSFS_MAXFILES; i++) {
        struct cmsfs_file *f = &adisk->fs.dir[i];
        if (f->used && (strcmp(f->fn, "BATCH") || strcmp(f->ft, "STATE")))
            cmsfs_erase(&adisk->fs, i);
    }
}

/* ---- the reader ---------------------------------------------------------- */
static int card(const char *rec, int len, void *arg)
{
    if (ndeck == 0 && !strncmp(rec, ":READ ", 6))
        return 0;                       /* PUNCH's header card */
    if (ndeck == MAXJOB) {
        ndeck = MAXJOB + 1;
        return 0;
    }
    if (ndeck > MAXJOB)
        return 0;
    size_t n = (size_t)len < LINE - 1 ? (size_t)len : LINE - 1;
    memcpy(deck[ndeck], rec, n);
    deck[ndeck++][n] = 0;
    return 0;
}

/* A deck that cannot run: say why on the console (the operator's, as the
 * secondary user) and to its origin, and return the file to the origin
 * (TRANSFER); if that fails it stays held in the reader for the operator. */
static void reject(uint32_t id, const char *origin, const char *why)
{
    out("DMSBTM201E Spool file %04u from %s not run: %s", id, origin, why);
    char c[160];
    fmt(c, sizeof c, "MSG %s DMSBTM201E Spool file %04u not run: %s", origin, id, why);
    cp_cmd(c, 0);
    cp_cmd("CLOSE 00C NOHOLD KEEP", 0);
    fmt(c, sizeof c, "TRANSFER RDR %u TO %s", id, origin);
    if (cp_cmd(c, 0) == 0) {
        out("DMSBTM202I Spool file %04u returned to %s", id, origin);
        return;
    }
    fmt(c, sizeof c, "CHANGE RDR %u HOLD", id);
    if (cp_cmd(c, 0) != 0 && nskipped < (int)(sizeof skipped / sizeof skipped[0]))
        skipped[nskipped++] = id;
    out("DMSBTM203W Spool file %04u held in the reader of the batch machine", id);
}

static int name_ok(const char *s)
{
    char nm[9];
    return strlen(s) <= 8 && !cmsfs_name(s, nm);
}

/* Check the deck and fill st; NULL or why not. */
static const char *parse(const char *origin)
{
    static char why[100];
    if (ndeck > MAXJOB) {
        fmt(why, sizeof why, "more than %d cards", MAXJOB);
        return why;
    }
    char first[LINE], *w[8];
    if (!ndeck)
        return "the file is empty: no /JOB card";
    memcpy(first, deck[0], LINE);
    int n = split(first, w, 8);
    if (n < 1 || strcmp(w[0], "/JOB"))
        return "no /JOB card";
    if (n != 3)
        return "the /JOB card is not /JOB userid jobname";
    if (!name_ok(w[2])) {
        fmt(why, sizeof why, "job name %.20s is not 1-8 of A-Z 0-9 $ # @ + - : _", w[2]);
        return why;
    }
    if (strlen(w[1]) > 8) {
        fmt(why, sizeof why, "user %.20s is not in the CP directory", w[1]);
        return why;
    }
    copy8(st.user, w[1]);
    copy8(st.job, w[2]);
    copy8(st.origin, origin);
    st.time = DEF_TIME;
    st.lines = DEF_LINES;
    cpu_limit = DEF_CPU;
    int end = -1;
    for (int i = 1; i < ndeck; i++) {
        char t[LINE];
        memcpy(t, deck[i], LINE);
        int k = split(t, w, 8);
        if (k >= 1 && !strcmp(w[0], "/*")) {
            end = i;
            break;
        }
        if (k >= 1 && !strcmp(w[0], "/JOB"))
            return "a second /JOB card before /*";
        if (k >= 1 && !strcmp(w[0], "/SET")) {
            uint32_t v;
            if (k != 3 || parse_dec(w[2], &v))
                return "/SET TIME seconds | /SET CPU seconds | /SET LINES n";
            if (!strcmp(w[1], "TIME") && v >= MIN_TIME && v <= MAX_TIME)
                st.time = v;
            else if (!strcmp(w[1], "CPU") && v >= 1 && v <= MAX_CPU)
                cpu_limit = v;
            else if (!strcmp(w[1], "LINES") && v >= 1 && v <= MAX_LINES)
                st.lines = v;
            else {
                fmt(why, sizeof why, "/SET %.8s %u: TIME %d-%d, CPU 1-%d or LINES 1-%d", w[1], v, MIN_TIME,
                    MAX_TIME, MAX_CPU, MAX_LINES);
                return why;
            }
            deck[i][0] = '*';           /* a comment in the job's EXEC */
        }
    }
    if (end < 0)
        return "no /* card at the end";
    ndeck = end;                        /* cards after the end card are not part of the job */
    return NULL;
}

/* The job as an EXEC on the A-disk: the cards between /JOB and the end card. */
static int write_job(void)
{
    static struct cmsfs_writer w;
    int rc = cmsfs_create(&adisk->fs, &w, "$JOB", "EXEC", 'V', 0);
    for (int i = 1; !rc && i < ndeck; i++)
        rc = cmsfs_put(&w, deck[i][0] ? deck[i] : " ", deck[i][0] ? (uint32_t)strlen(deck[i]) : 1);
    if (!rc)
        rc = cmsfs_commit(&w, sys_date(), sys_time());
    else
        cmsfs_abort(&w);
    return rc;
}

static __attribute__((noreturn)) void run_job(void)
{
    char c[160], date[9], time[9];
    fmt(c, sizeof c, "SPOOL CONSOLE START TO %s NAME %s JOBLOG", st.user, st.job);
    cp_cmd(c, 0);
    cp("SPOOL PUN TO %s", st.user, 0);
    sys_clock(date, time, 0, 0);
    out("DMSBTM101I Job %s (JOB%04u) for %s from %s started %s %s; TIME %u LINES %u CPU %u", st.job,
        st.seq, st.user, st.origin, date, time, st.time, st.lines, cpu_limit);
    fmt(c, sizeof c, "MSG %s DMSBTM101I Job %s (JOB%04u) started", st.user, st.job, st.seq);
    cp_cmd(c, 0);
    /* the time limit: CP re-IPLs us when it passes (DIAG X'288') */
    static uint8_t wd[64] __attribute__((aligned(8)));
    char wdc[64];
    fmt(wdc, sizeof wdc, "IPL %03X PARM BATCH TIMEOUT", sys_ipl_dev() ? sys_ipl_dev() : 0x190);
    ebcdic_from_ascii(wd, wdc, strlen(wdc));
    zcp_diag288(ZCP_D288_INIT, st.time, wd, (uint32_t)strlen(wdc));
    lines_used = 0;
    ticks = 0;
    sys_clock(0, 0, &cpu_start, 0);
    job_running = 1;
    int rc = exec_job("$JOB");
    end_job(rc, NULL);
}

static int is_skipped(uint32_t id)
{
    for (int i = 0; i < nskipped; i++)
        if (skipped[i] == id)
            return 1;
    return 0;
}

/* The first file in the reader that is not held: its spoolid and origin,
 * or -1. */
static int first_file(uint32_t *id, char origin[9])
{
    for (uint32_t after = 0;;) {
        int held;
        if (rdr_descr(after, id, origin, &held))
            return -1;
        if (!held && !is_skipped(*id))
            return 0;
        after = *id;
    }
}

void batch_main(const char *parm)
{
    mode_batch = 1;
    adisk = disk_by_mode('A');
    if (!adisk || adisk->readonly) {
        out("DMSBTM100S The batch machine needs its 191 disk as A, read/write");
        sys_wait(0xB100);
    }
    state_read();
    char p[66], *w[4];
    size_t pl = strlen(parm) < 65 ? strlen(parm) : 65;
    memcpy(p, parm, pl);
    p[pl] = 0;
    int n = split(p, w, 4);
    int timeout = n >= 1 && !strcmp(w[0], "TIMEOUT");
    if (st.running) {
        /* re-IPLed in the middle of a job: its time ran out (CP's
         * watchdog), or the job re-IPLed the machine itself */
        char why[60];
        if (timeout)
            fmt(why, sizeof why, "time limit of %u seconds", st.time);
        else
            fmt(why, sizeof why, "the batch machine was re-IPLed or restarted during the job");
        end_job(timeout ? RC_TIME : RC_REIPL, why);
    }
    /* CP keeps spool options across an IPL: undo what a job may have set */
    cp_cmd("SPOOL CONSOLE STOP", 0);
    cp_cmd("SPOOL PRT TO * CLASS A NOHOLD NOKEEP NOCONT COPY 1", 0);
    cp_cmd("SPOOL PUN TO * CLASS A NOHOLD NOKEEP NOCONT COPY 1", 0);
    cp_cmd("SPOOL RDR CLASS * NOHOLD NOKEEP NOCONT", 0);
    tidy();
    uint32_t rdr = sys_enable(0x00C);
    if (!rdr) {
        out("DMSBTM107S The batch machine has no reader 00C");
        sys_wait(0xB107);
    }
    out("DMSBTM100I Batch machine ready: next job JOB%04u", st.seq);
    for (;;) {
        uint32_t id;
        char origin[9];
        if (first_file(&id, origin)) {
            sys_wait_dev(rdr);          /* an enabled wait: a file's arrival wakes us */
            continue;
        }
        ndeck = 0;
        if (rdr_read_file(id, card, 0)) {
            cp_cmd("CLOSE 00C NOHOLD KEEP", 0);
            reject(id, origin, "the reader file cannot be read");
            continue;
        }
        const char *why = parse(origin);
        if (!why) {
            char c[40];
            fmt(c, sizeof c, "SPOOL PRT TO %s", st.user);
            if (cp_cmd(c, 0) != 0)
                why = "the user of the /JOB card is not in the CP directory";
        }
        if (why) {
            reject(id, origin, why);
            continue;
        }
        int rc = write_job();
        if (rc) {
            cp_cmd("SPOOL PRT TO *", 0);
            reject(id, origin, "the batch machine's A-disk is full");
            continue;
        }
        st.running = 1;
        state_write();
        cp_cmd("CLOSE 00C NOHOLD NOKEEP", 0);   /* the deck is on the A-disk now */
        run_job();
    }
}
