#include <stdarg.h>
#include "rt.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"
#include "lib/mem.h"

extern char rt_pgm_entry[], rt_io_entry[], pgm_landing[];
extern volatile int pgm_armed;
extern volatile uint16_t pgm_code;

#define LC16(a) (*(volatile uint16_t *)(uintptr_t)(a))
#define LC32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define LC64(a) (*(volatile uint64_t *)(uintptr_t)(a))

static const uint64_t SUPER_MASK = 0x0000000180000000ULL;   /* 64-bit, all disabled */

int rt_ssch(uint32_t schid, const void *orb)
{
    register uint32_t r1 __asm__("1") = schid;
    int cc;
    __asm__ volatile("ssch 0(%[o])\n ipm %[cc]\n srl %[cc],28" : [cc] "=d"(cc) : "d"(r1), [o] "a"(orb) : "cc", "memory");
    return cc;
}
int rt_tsch(uint32_t schid, void *irb)
{
    register uint32_t r1 __asm__("1") = schid;
    int cc;
    __asm__ volatile("tsch 0(%[o])\n ipm %[cc]\n srl %[cc],28" : [cc] "=d"(cc) : "d"(r1), [o] "a"(irb) : "cc", "memory");
    return cc;
}
int rt_stsch(uint32_t schid, void *schib)
{
    register uint32_t r1 __asm__("1") = schid;
    int cc;
    __asm__ volatile("stsch 0(%[o])\n ipm %[cc]\n srl %[cc],28" : [cc] "=d"(cc) : "d"(r1), [o] "a"(schib) : "cc", "memory");
    return cc;
}
int rt_msch(uint32_t schid, const void *schib)
{
    register uint32_t r1 __asm__("1") = schid;
    int cc;
    __asm__ volatile("msch 0(%[o])\n ipm %[cc]\n srl %[cc],28" : [cc] "=d"(cc) : "d"(r1), [o] "a"(schib) : "cc", "memory");
    return cc;
}

void disabled_wait(uint64_t code)
{
    static struct psw w;
    w.mask = 0x0002000180000000ULL;
    w.addr = code;
    __asm__ volatile("lpswe %0" : : "Q"(w));
    __builtin_unreachable();
}

/* Program checks: recover into expect_pgm, or give up. */
volatile uint64_t pgm_old_addr;

void rt_pgm(void)
{
    uint16_t code = LC16(0x8E);
    pgm_old_addr = LC64(0x158);
    if (pgm_armed) {
        pgm_armed = 0;
        pgm_code = code;
        LC64(0x150) = SUPER_MASK;
        LC64(0x158) = (uintptr_t)pgm_landing;
        return;
    }
    char b[80];
    snprint(b, sizeof b, "Bail out! unexpected program check %04X at %llX", code,
            (unsigned long long)LC64(0x158));
    con_write(b);
    disabled_wait(0xBAD);
}

static volatile uint32_t io_sid, io_parm;

void rt_io(void)
{
    io_sid = LC32(0xB8);
    io_parm = LC32(0xBC);
    /* Back to the waiter, disabled and not waiting. */
    LC64(0x170) &= ~0x0302000000000000ULL;
}

uint32_t wait_io(uint32_t schid)
{
    static struct psw w;
    for (;;) {
        io_sid = 0;
        w.mask = 0x0202000180000000ULL;         /* I/O enabled wait, 64-bit */
        __asm__ volatile("larl %%r1,0f\n stg %%r1,%0\n lpswe %1\n0:"
                         : "=Q"(w.addr) : "Q"(w) : "1", "memory");
        if (io_sid == schid)
            return io_parm;
    }
}

static uint32_t con_sid;
static uint8_t iobuf[256] __attribute__((aligned(8)));
static struct { uint8_t cmd, flags; uint16_t count; uint32_t addr; } ccw __attribute__((aligned(8)));
static uint32_t orb[8] __attribute__((aligned(8)));

uint32_t con_schid(void)
{
    return con_sid;
}

static uint8_t irb[96] __attribute__((aligned(8)));

uint32_t rt_enable_sch(uint16_t devno)
{
    static uint8_t schib[52] __attribute__((aligned(8)));
    for (uint32_t n = 0; n < 0x10000; n++) {
        uint32_t sid = 0x10000 | n;
        if (rt_stsch(sid, schib) == 3)
            return 0;
        if ((schib[5] & 1) && schib[6] == devno >> 8 && schib[7] == (devno & 0xFF)) {
            memcpy(schib, &sid, 4);             /* intparm = the schid */
            schib[4] = 3 << 3;                  /* ISC 3 */
            schib[5] |= 0x80;                   /* enabled */
            for (int k = 0; k < 4 && rt_tsch(sid, irb) == 0; k++)
                ;                               /* drop status left pending */
            return rt_msch(sid, schib) == 0 ? sid : 0;
        }
    }
    return 0;
}

int con_init(uint16_t devno)
{
    uint32_t sid = rt_enable_sch(devno);
    if (!sid)
        return -1;
    uint64_t cr6 = 0x10000000ULL;               /* CR6: ISC 3 */
    __asm__ volatile("lctlg 6,6,%0" : : "Q"(cr6));
    LC64(0x1D0) = SUPER_MASK;
    LC64(0x1D8) = (uintptr_t)rt_pgm_entry;
    LC64(0x1F0) = SUPER_MASK;
    LC64(0x1F8) = (uintptr_t)rt_io_entry;
    con_sid = sid;
    return 0;
}

int rt_ccw(uint32_t schid, uint8_t cmd, void *data, uint16_t count, uint8_t *irb_out)
{
    ccw.cmd = cmd;
    ccw.flags = 0x20;                           /* SLI */
    ccw.count = count;
    ccw.addr = (uint32_t)(uintptr_t)data;
    memset(orb, 0, sizeof orb);
    orb[0] = 0xC0FFEE;
    orb[1] = 0x0080FF00;                        /* format-1 CCWs, all paths */
    orb[2] = (uint32_t)(uintptr_t)&ccw;
    if (rt_ssch(schid, orb) != 0)
        return -1;
    wait_io(schid);
    return rt_tsch(schid, irb_out) == 0 ? 0 : -1;
}

static int con_io(uint8_t cmd, uint16_t count)
{
    if (rt_ccw(con_sid, cmd, iobuf, count, irb) != 0)
        return -1;
    return count - (irb[10] << 8 | irb[11]);
}

int con_write(const char *s)
{
    size_t n = strlen(s);
    if (n > 130)
        n = 130;
    ebcdic_from_ascii(iobuf, s, n);
    if (n == 0)
        iobuf[n++] = 0x40;
    return con_io(0x09, (uint16_t)n) < 0 ? -1 : 0;
}

int con_read(char *buf, int size)
{
    int n = con_io(0x0A, 130);
    if (n < 0)
        return -1;
    if (n > size - 1)
        n = size - 1;
    ebcdic_to_ascii_buf(buf, iobuf, (size_t)n);
    buf[n] = 0;
    return n;
}

int snprint(char *buf, int size, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vfmt(buf, (size_t)size, f, ap);
    va_end(ap);
    return n;
}

void print(const char *f, ...)
{
    char b[160];
    va_list ap;
    va_start(ap, f);
    vfmt(b, sizeof b, f, ap);
    va_end(ap);
    con_write(b);
}

static int tap_n;

void tap_plan(int n)
{
    print("1..%d", n);
}

void tap_ok(int cond, const char *name)
{
    print("%s %d - %s", cond ? "ok" : "not ok", ++tap_n, name);
}

void tap_diag(const char *s)
{
    print("# %s", s);
}

int rt_main(void)
{
    if (con_init(0x0009) != 0)
        disabled_wait(0x9009);
    int rc = main();
    disabled_wait((uint64_t)rc);
}
