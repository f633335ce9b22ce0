/* The CMS nucleus's machine level: subchannels, the 3215 console, the
 * program-check handler, DIAG X'08' and X'0C'. */
#include <stdarg.h>
#include "cms-guest/cms.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define LC16(a) (*(volatile uint16_t *)(uintptr_t)(a))
#define LC32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define LC64(a) (*(volatile uint64_t *)(uintptr_t)(a))
static const uint64_t SUPER_MASK = 0x0000000180000000ULL;   /* 64-bit, disabled */

extern char cms_pgm_entry[], cms_io_entry[];

static int ssch(uint32_t sid, const void *orb)
{
    register uint32_t r1 __asm__("1") = sid;
    int cc;
    __asm__ volatile("ssch 0(%[o])\n ipm %[cc]\n srl %[cc],28" : [cc] "=d"(cc) : "d"(r1), [o] "a"(orb) : "cc", "memory");
    return cc;
}
static int tsch(uint32_t sid, void *irb)
{
    register uint32_t r1 __asm__("1") = sid;
    int cc;
    __asm__ volatile("tsch 0(%[o])\n ipm %[cc]\n srl %[cc],28" : [cc] "=d"(cc) : "d"(r1), [o] "a"(irb) : "cc", "memory");
    return cc;
}
static int stsch(uint32_t sid, void *schib)
{
    register uint32_t r1 __asm__("1") = sid;
    int cc;
    __asm__ volatile("stsch 0(%[o])\n ipm %[cc]\n srl %[cc],28" : [cc] "=d"(cc) : "d"(r1), [o] "a"(schib) : "cc", "memory");
    return cc;
}
static int msch(uint32_t sid, const void *schib)
{
    register uint32_t r1 __asm__("1") = sid;
    int cc;
    __asm__ volatile("msch 0(%[o])\n ipm %[cc]\n srl %[cc],28" : [cc] "=d"(cc) : "d"(r1), [o] "a"(schib) : "cc", "memory");
    return cc;
}

void sys_wait(uint64_t code)
{
    static struct { uint64_t mask, addr; } w __attribute__((aligned(8)));
    w.mask = 0x0002000180000000ULL;
    w.addr = code;
    __asm__ volatile("lpswe %0" : : "Q"(w));
    __builtin_unreachable();
}

static volatile uint32_t io_sid;
void cms_io(void)
{
    io_sid = LC32(0xB8);
    LC64(0x170) &= ~0x0302000000000000ULL;      /* back disabled, not waiting */
}

static void wait_io(uint32_t sid)
{
    static struct { uint64_t mask, addr; } w __attribute__((aligned(8)));
    for (;;) {
        io_sid = 0;
        w.mask = 0x0202000180000000ULL;
        __asm__ volatile("larl %%r1,0f\n stg %%r1,%0\n lpswe %1\n0:" : "=Q"(w.addr) : "Q"(w) : "1", "memory");
        if (io_sid == sid)
            return;
    }
}

static uint8_t irb[96] __attribute__((aligned(8)));

void sys_wait_dev(uint32_t sid)
{
    wait_io(sid);
    tsch(sid, irb);
}

int sys_ipl_parm(char *buf, int size)
{
    static uint8_t b[72] __attribute__((aligned(8)));
    if (zcp_diagb0(b, sizeof b) != 0)
        return -1;
    int n = b[0] < size - 1 ? b[0] : size - 1;
    if (n > 71)
        n = 71;
    ebcdic_to_ascii_buf(buf, b + 1, (size_t)n);
    buf[n] = 0;
    return n;
}

uint32_t sys_enable(uint16_t devno)
{
    static uint8_t schib[52] __attribute__((aligned(8)));
    for (uint32_t n = 0; n < 0x10000; n++) {
        uint32_t sid = 0x10000 | n;
        if (stsch(sid, schib) == 3)
            return 0;
        if ((schib[5] & 1) && schib[6] == devno >> 8 && schib[7] == (devno & 0xFF)) {
            memcpy(schib, &sid, 4);
            schib[4] = 3 << 3;
            schib[5] |= 0x80;
            for (int k = 0; k < 4 && tsch(sid, irb) == 0; k++)
                ;
            return msch(sid, schib) == 0 ? sid : 0;
        }
    }
    return 0;
}

/* Start a format-1 channel program and wait for its end: residual count,
 * or -1 if the subchannel refused it.  *dstat: device status. */
int sys_run(uint32_t sid, void *ccws, uint8_t *dstat)
{
    static uint32_t orb[8] __attribute__((aligned(8)));
    memset(orb, 0, sizeof orb);
    orb[0] = sid;
    orb[1] = 0x0080FF00;                        /* format-1 CCWs, all paths */
    orb[2] = (uint32_t)(uintptr_t)ccws;
    if (ssch(sid, orb) != 0)
        return -1;
    for (;;) {
        wait_io(sid);
        if (tsch(sid, irb) != 0)
            return -1;
        /* an attention alone (a line typed early) is not our ending */
        if ((irb[3] & 0x04) || (irb[8] & 0x0C) || irb[9])   /* primary status, CE/DE, errors */
            break;
    }
    if (dstat)
        *dstat = irb[8];
    return irb[10] << 8 | irb[11];
}

/* ---- console ------------------------------------------------------------- */
static uint32_t con_sid;
static uint8_t conbuf[256] __attribute__((aligned(8)));
static struct { uint8_t cmd, flags; uint16_t count; uint32_t addr; } conccw __attribute__((aligned(8)));

void con_init(void)
{
    uint64_t cr6 = 0x10000000ULL;               /* ISC 3 */
    __asm__ volatile("lctlg 6,6,%0" : : "Q"(cr6));
    LC64(0x1D0) = SUPER_MASK;
    LC64(0x1D8) = (uintptr_t)cms_pgm_entry;
    LC64(0x1F0) = SUPER_MASK;
    LC64(0x1F8) = (uintptr_t)cms_io_entry;
    uint32_t devno = 0xFFFFFFFF, v, r;
    if (zcp_diag24(&devno, &v, &r) == 3)        /* DIAG X'24': the console's number */
        devno = 0x0009;
    con_sid = sys_enable((uint16_t)devno);
    if (!con_sid)
        sys_wait(0x9009);
}

static int con_io(uint8_t cmd, uint16_t count)
{
    conccw.cmd = cmd;
    conccw.flags = 0x20;
    conccw.count = count;
    conccw.addr = (uint32_t)(uintptr_t)conbuf;
    int resid = sys_run(con_sid, &conccw, 0);
    return resid < 0 ? -1 : count - resid;
}

void out_line(const char *s)
{
    batch_output();
    size_t n = strlen(s);
    do {
        size_t k = n > 130 ? 130 : n;
        ebcdic_from_ascii(conbuf, s, k);
        if (k == 0)
            conbuf[k++] = 0x40;
        con_io(0x09, (uint16_t)k);
        s += k;
        n = n > k ? n - k : 0;
    } while (n);
}

void out(const char *f, ...)
{
    char b[512];
    va_list ap;
    va_start(ap, f);
    vfmt(b, sizeof b, f, ap);
    va_end(ap);
    out_line(b);
}

int con_read(char *buf, int size)
{
    batch_console_read();
    int n = con_io(0x0A, 130);
    if (n < 0)
        return -1;
    if (n > size - 1)
        n = size - 1;
    ebcdic_to_ascii_buf(buf, conbuf, (size_t)n);
    buf[n] = 0;
    while (n > 0 && buf[n - 1] == ' ')
        buf[--n] = 0;
    return n;
}

/* ---- CP ---------------------------------------------------------------------- */
static uint8_t cpcmd[244] __attribute__((aligned(8)));
static uint8_t cpresp[8192] __attribute__((aligned(8)));

int cp_cmd_resp(const char *cmd, char *resp, uint32_t size, uint32_t *rc)
{
    uint32_t len = (uint32_t)strlen(cmd), n;
    if (len > ZCP_D08_MAXCMD)
        len = ZCP_D08_MAXCMD;
    ebcdic_from_ascii(cpcmd, cmd, len);
    uint32_t lim = size - 1 < sizeof cpresp ? size - 1 : sizeof cpresp;
    int cc = zcp_diag08_resp(cpcmd, len, cpresp, lim, rc, &n);
    if (cc != 0)
        n = lim;            /* only whole lines were stored; trim below */
    ebcdic_to_ascii_buf(resp, cpresp, n);
    resp[n] = 0;
    for (uint32_t i = 0; i < n; i++)
        if (cpresp[i] == 0x15)
            resp[i] = '\n';
    return cc;
}

int cp_cmd(const char *cmd, int show)
{
    static char resp[8192];
    uint32_t rc;
    cp_cmd_resp(cmd, resp, sizeof resp, &rc);
    if (show) {
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
    }
    return (int)rc;
}

/* ---- clock --------------------------------------------------------------------- */
void sys_clock(char date[9], char time[9], uint64_t *vcpu, uint64_t *tcpu)
{
    static uint8_t b[32] __attribute__((aligned(8)));
    zcp_diag0c(b);
    if (date) {
        ebcdic_to_ascii_buf(date, b, 8);
        date[8] = 0;
    }
    if (time) {
        ebcdic_to_ascii_buf(time, b + 8, 8);
        time[8] = 0;
    }
    if (vcpu)
        memcpy(vcpu, b + 16, 8);
    if (tcpu)
        memcpy(tcpu, b + 24, 8);
}

static uint32_t two(const char *s) { return (uint32_t)(s[0] - '0') * 10 + (uint32_t)(s[1] - '0'); }

uint32_t sys_date(void)
{
    char d[9];
    sys_clock(d, 0, 0, 0);              /* MM/DD/YY */
    return (2000 + two(d + 6)) * 10000 + two(d) * 100 + two(d + 3);
}

uint32_t sys_time(void)
{
    char t[9];
    sys_clock(0, t, 0, 0);
    return two(t) * 10000 + two(t + 3) * 100 + two(t + 6);
}

uint32_t sys_ipl_dev(void)
{
    static uint8_t schib[52] __attribute__((aligned(8)));
    static uint32_t dev = 0xFFFFFFFF;
    if (dev == 0xFFFFFFFF) {
        uint32_t sid = LC32(0xB8);
        dev = 0;
        if (sid && stsch(sid, schib) == 0)
            dev = (uint32_t)schib[6] << 8 | schib[7];
    }
    return dev;
}

/* ---- program checks ------------------------------------------------------------ */
static const char *pgm_name(uint16_t code)
{
    switch (code & 0x7F) {
    case 0x01: return "Operation";
    case 0x02: return "Privileged operation";
    case 0x03: return "Execute";
    case 0x04: return "Protection";
    case 0x05: return "Addressing";
    case 0x06: return "Specification";
    case 0x07: return "Data";
    case 0x08: return "Fixed-point overflow";
    case 0x09: return "Fixed-point divide";
    default: return "Program";
    }
}

extern void cms_restart(int rc) __attribute__((noreturn));
static volatile int in_pgm;

/* z/VM CMS: DMSITP141T <type> exception occurred at <addr> in routine
 * <name>, then CMS ends the command (CMS Messages, DMS141T).  Here the
 * PSW is shown, and the command loop starts again. */
void cms_pgm(void)
{
    uint16_t code = LC16(0x8E);
    uint64_t mask = LC64(0x150), addr = LC64(0x158);
    if (in_pgm)
        sys_wait(0xDEAD);
    in_pgm = 1;
    out("DMSITP141T %s exception occurred at %016llX in routine CMS", pgm_name(code),
        (unsigned long long)addr);
    out("DMSITP143T PSW %016llX %016llX, interruption code %04X", (unsigned long long)mask,
        (unsigned long long)addr, code);
    in_pgm = 0;
    cms_restart(256 + (code & 0xFF));
}
