/* DIAGNOSE conformance guest, written against the guest SDK
 * (diagnose/zcpdiag.h): every code it can check from the inside, with
 * hostile registers and operands (odd registers, bad addresses, problem
 * state, undefined codes).  Phase 1 ends by re-IPLing itself through
 * X'308' with PARM PHASE2; phase 2 (found through X'B0') arms the
 * watchdog and enters CP READ, where it stays: the system test
 * (tests/system/t_diag.py) sees the watchdog's command run. */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define STORAGE (16u << 20)

static uint8_t buf[512] __attribute__((aligned(4096)));
static uint8_t page[4096] __attribute__((aligned(4096)));
static uint8_t cmd[256];

static uint32_t ebc(const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    ebcdic_from_ascii(cmd, s, n);
    return n;
}

static int ebc_eq(const uint8_t *e, const char *s)
{
    for (size_t i = 0; s[i]; i++)
        if (ebcdic_to_ascii[e[i]] != (unsigned char)s[i])
            return 0;
    return 1;
}

/* Hostile forms the SDK's fixed registers cannot express. */
static void d08_consecutive(void *a)
{
    register uint64_t r2 __asm__("2") = (uintptr_t)cmd;
    register uint64_t r3 __asm__("3") = 0x40000000u | 11;
    register uint64_t r4 __asm__("4") = (uintptr_t)buf;
    __asm__ volatile("diag 2,3,8" : : "d"(r2), "d"(r3), "d"(r4) : "cc", "memory");
}
static void d08_beyond(void *a)
{
    register uint64_t r2 __asm__("2") = STORAGE - 4;
    register uint64_t r4 __asm__("4") = 11;
    __asm__ volatile("diag 2,4,8" : : "d"(r2), "d"(r4) : "cc", "memory");
}
static void d288_odd(void *a)
{
    __asm__ volatile("diag 3,4,0x288" : : : "cc", "memory");
}
static void d288_short(void *a)
{
    zcp_diag288(ZCP_D288_INIT, 5, cmd, ebc("QUERY USERS"));
}
static void d_undefined(void *a)
{
    struct zcp_regs r = { 0, 0, 0, 0 };
    zcp_diag(0xFFE, &r);
}
static void d00_misaligned(void *a)
{
    zcp_diag00(buf + 4, 8);
}
static void d0c_beyond(void *a)
{
    zcp_diag0c((void *)(uintptr_t)(STORAGE - 8));
}
static void d210_amode64(void *a)
{
    struct zcp_regs r = { (uintptr_t)buf, 0, 0, 0 };
    zcp_diag(0x210, &r);
}
static struct zcp_d2fc_plist d2fc_pl;
static struct zcp_d2fc_data d2fc_rec;
static void d2fc_all(void *a)
{
    memset(d2fc_pl.userid, 0x40, 16);
    d2fc_pl.userid[0] = 0x5C;   /* '*': every guest, class B */
    d2fc_pl.fmt = 2;
    zcp_diag2fc(&d2fc_pl);
}
static void d204_odd(void *a)
{
    __asm__ volatile("diag 2,5,0x204" : : : "cc", "memory");
}

/* DIAG X'44' in problem state. */
static void d44_problem(void *a)
{
    static struct psw p = { 0x0001000180000000ULL, 0 };
    __asm__ volatile("larl 1,0f\n\tstg 1,%0\n\tlpswe %1\n0:\tdiag 0,0,0x44"
                     : "=Q"(p.addr) : "Q"(p) : "1", "cc", "memory");
}

static void phase2(uint8_t n)
{
    tap_plan(2);
    tap_ok(n == 6 && ebc_eq(buf + 1, "PHASE2"), "phase 2: X'B0' returns the PARM of the X'308' re-IPL");
    zcp_diag288(ZCP_D288_INIT, 15, cmd, ebc("QUERY USERS"));
    tap_ok(1, "X'288' watchdog armed for 15 seconds (QUERY USERS on expiry)");
    tap_diag("entering CP READ");
    zcp_cp_read();
    tap_diag("returned from CP READ");
}

int main(void)
{
    uint32_t rc, n;
    int cc;

    memset(buf, 0, sizeof buf);
    if (zcp_diagb0(buf, sizeof buf) == 0) {
        phase2(buf[0]);
        return 0;
    }
    tap_plan(31);

    tap_ok(zcp_diag00(buf, 64) == 24 && ebc_eq(buf, "ZCP     ") && ebc_eq(buf + 16, "TESTG1  ") &&
           buf[11] == 0xFF, "X'00': system name ZCP, userid TESTG1, version code FF");

    cc = zcp_diag08_resp(cmd, ebc("QUERY USERS"), buf, sizeof buf, &rc, &n);
    tap_ok(cc == 0 && rc == 0 && n > 10 && buf[n - 1] == 0x15 && ebc_eq(buf + 6, "USERS"),
           "X'08' QUERY USERS into a buffer: cc 0, rc 0, one line ending in X'15'");
    cc = zcp_diag08_resp(cmd, ebc("NOSUCH"), buf, sizeof buf, &rc, &n);
    tap_ok(cc == 0 && rc == 1 && ebc_eq(buf, "HCPCMD001E"), "X'08' unknown command: rc 1, HCPCMD001E in the buffer");
    cc = zcp_diag08_resp(cmd, ebc("QUERY USERS"), buf, 10, &rc, &n);
    tap_ok(cc == 1 && n > 10, "X'08' buffer too small: cc 1, Ry+1 = bytes that did not fit");
    ebc("QUERY USERS");
    cmd[5] = 0x15;      /* "QUERY" X'15' "USERS": two commands */
    cc = zcp_diag08_resp(cmd, 11, buf, sizeof buf, &rc, &n);
    tap_ok(cc == 0 && rc == 1 && ebc_eq(buf, "HCPCMD026E"),
           "X'08' QUERY X'15' USERS: two commands, both answer, rc of the last (1)");
    tap_ok(expect_pgm(d08_consecutive, 0) == ZCP_PGM_SPECIFICATION,
           "X'08' with a buffer and consecutive Rx, Ry: specification exception");
    tap_ok(expect_pgm(d08_beyond, 0) == ZCP_PGM_ADDRESSING, "X'08' command beyond storage: addressing exception");
    tap_ok(zcp_diag08(cmd, ebc("SET EMSG TEXT")) == 0, "X'08' SET EMSG TEXT (response to the console)");
    {
        uint64_t a = (uintptr_t)buf;
        uint32_t l = ebc("DMSLIO001E File not found");
        memcpy(buf, cmd, l);
        zcp_diag5c(&a, &l);
        tap_ok(a == (uintptr_t)buf + 11 && l == 14, "X'5C' with EMSG TEXT: the text past the code");
    }

    zcp_diag0c(buf);
    tap_ok(ebcdic_to_ascii[buf[2]] == '/' && ebcdic_to_ascii[buf[10]] == ':', "X'0C' date MM/DD/YY, time HH:MM:SS");
    zcp_diag270(buf, 64);
    tap_ok(ebcdic_to_ascii[buf[52]] == '-' && buf[58] == 1, "X'270' ISO date and version 1");
    tap_ok(zcp_diag60() == STORAGE, "X'60': 16M");
    tap_ok(zcp_diag260_highest() == STORAGE - 1, "X'260' subcode C: highest byte 16M-1");
    {
        uint64_t ext[2] __attribute__((aligned(16)));
        int c;
        tap_ok(zcp_diag260_extents(ext, 16, &c) == 1 && c == 0 && ext[0] == 0 && ext[1] == STORAGE - 1,
               "X'260' subcode X'10': one extent 0 to 16M-1");
    }
    {
        uint32_t dev = 0xFFFFFFFF, vd, rd;
        cc = zcp_diag24(&dev, &vd, &rd);
        tap_ok(cc == 0 && dev == 0x0009 && vd >> 24 == ZCP_DC_TERM, "X'24' -1: the console 0009, class terminal");
        dev = 0x0123;
        tap_ok(zcp_diag24(&dev, &vd, &rd) == 3, "X'24' no such device: cc 3");
    }
    {
        struct zcp_vrdcblok *b = (void *)buf;
        memset(b, 0, sizeof *b);
        b->devno = 0x000C;
        b->length = sizeof *b;
        cc = zcp_diag210(b);
        tap_ok(cc == 2 && b->vclass == ZCP_DC_URI, "X'210' reader 000C: cc 2 (spooled), class UR input");
    }
    tap_ok(expect_pgm(d210_amode64, 0) == ZCP_PGM_SPECIFICATION, "X'210' in 64-bit mode: specification exception");
    tap_ok(expect_pgm(d288_odd, 0) == ZCP_PGM_SPECIFICATION, "X'288' odd Rx: specification exception");
    tap_ok(expect_pgm(d288_short, 0) == ZCP_PGM_SPECIFICATION, "X'288' timeout under 15 s: specification exception");
    tap_ok(expect_pgm(d_undefined, 0) == ZCP_PGM_SPECIFICATION, "undefined code X'FFE': specification exception");
    tap_ok(expect_pgm(d44_problem, 0) == ZCP_PGM_PRIVILEGED, "DIAG in problem state: privileged-operation exception");
    tap_ok(expect_pgm(d00_misaligned, 0) == ZCP_PGM_SPECIFICATION, "X'00' misaligned buffer: specification exception");
    tap_ok(expect_pgm(d0c_beyond, 0) == ZCP_PGM_ADDRESSING, "X'0C' area beyond storage: addressing exception");
    zcp_diag44();
    zcp_diag9c(0);
    zcp_diag318(0x0400000000000001ULL);
    {
        static struct zcp_appldata_plist pl;
        static uint8_t prod[16];
        ebcdic_from_ascii(prod, "ZCPTEST", 7);
        pl.diag = 0xDC;
        pl.function = 0x80;
        pl.length = sizeof pl;
        pl.product_id = (uintptr_t)prod;
        tap_ok(zcp_diagdc(&pl) == 0, "X'44', X'9C', X'318' return; X'DC' start: rc 0");
    }
    {
        /* Before any SET, STORE describes the last IPL: the directory's
         * IPL 000C at logon, without PARM (z/VM keeps the IPL information). */
        struct zcp_iplb *b = (void *)page;
        memset(page, 0xEE, sizeof page);
        rc = zcp_diag308(ZCP_D308_STORE, page);
        tap_ok(rc == ZCP_D308_RC_OK && b->length == 200 && b->pbt == 2 && b->devno == 0x000C &&
               b->vm_flags == 0 && b->vm_parm_len == 0,
               "X'308' STORE before SET: the IPL of 000C at logon, no PARM: rc X'0001'");
    }
    {
        struct zcp_iplb *b = (void *)page;
        memset(page, 0, sizeof page);
        b->length = sizeof *b;
        b->blk0_length = sizeof *b - 8;
        b->pbt = 2;
        b->devno = 0x000C;
        b->vm_flags = 0x80;
        b->vm_parm_len = 6;
        ebcdic_from_ascii(b->vm_parm, "PHASE2", 6);
        rc = zcp_diag308(ZCP_D308_SET, page);
        memset(page, 0, sizeof page);
        uint32_t rc2 = zcp_diag308(ZCP_D308_STORE, page);
        tap_ok(rc == ZCP_D308_RC_OK && rc2 == ZCP_D308_RC_OK && b->devno == 0x000C && b->length == 200,
               "X'308' SET then STORE gives the IPLB back: rc X'0001'");
    }
    {
        /* X'204' and X'2FC': what Linux's hypfs asks at boot. */
        memset(page, 0xEE, sizeof page);
        const struct zcp_d204_hdr *h = (void *)page;
        const struct zcp_d204_part *p = (void *)(page + sizeof *h);
        const struct zcp_d204_cpu *c = (void *)(page + sizeof *h + sizeof *p);
        uint64_t r204 = zcp_diag204(ZCP_D204_STIB4, page, 1);
        tap_ok(r204 == 0 && h->npar == 1 && h->this_part == 1 && p->pn == 1 && p->cpus == 1 &&
               ebc_eq(p->name, "TESTG1  ") && c->cpu_addr == 0 && c->cflag == 0x20,
               "X'204' subcode 4: one partition, TESTG1, its online CPU 00: Ry 0");
        tap_ok(zcp_diag204(5 | ZCP_D204_EXT, 0, 0) == 4 && zcp_diag204(ZCP_D204_STIB4, page, 0) == 8 &&
               expect_pgm(d204_odd, 0) == ZCP_PGM_SPECIFICATION,
               "X'204' extended format: Ry 4; no room: Ry 8; odd Ry: specification exception");
        memset(d2fc_pl.userid, 0x40, 16);
        d2fc_pl.addr = 0;
        d2fc_pl.size = 0;
        d2fc_pl.fmt = 2;
        uint64_t need = zcp_diag2fc(&d2fc_pl);
        d2fc_pl.addr = (uintptr_t)&d2fc_rec;
        d2fc_pl.size = sizeof d2fc_rec;
        uint64_t r2fc = zcp_diag2fc(&d2fc_pl);
        tap_ok(need == sizeof d2fc_rec && r2fc == 0 && d2fc_rec.version == 2 && d2fc_rec.vcpus == 1 &&
               d2fc_rec.mem_share_kb == STORAGE / 1024 && ebc_eq(d2fc_rec.guest_name, "TESTG1  "),
               "X'2FC' own data: Ry = 112 bytes needed, then the record: TESTG1, 1 CPU, 16M");
        tap_ok(expect_pgm(d2fc_all, 0) == ZCP_PGM_SPECIFICATION,
               "X'2FC' for every guest from class G: specification exception (class B)");
    }
    tap_diag("re-IPL through X'308' LOAD NORMAL");
    zcp_diag308(ZCP_D308_LOAD_NORMAL, page);
    tap_diag("X'308' LOAD returned");
    return 1;
}
