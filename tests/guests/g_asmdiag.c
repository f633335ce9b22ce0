/* The assembler macros of the guest SDK (diagnose/zcpdiag.inc) from a real
 * guest (tests/system/t_diag.py): each asm_* routine below is one macro
 * and a return; the C side checks what came back against what the C
 * header's functions give (diagnose/zcpdiag.h). */
#include "rt/rt.h"
#include "diagnose/zcpdiag.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

uint8_t idbuf[40] __attribute__((aligned(8)));
uint8_t cmdq[16] __attribute__((aligned(8)));
uint8_t rbuf[256] __attribute__((aligned(8)));
uint8_t area[32] __attribute__((aligned(8)));
uint8_t ext[64] __attribute__((aligned(8)));

/* Each returns R4 (or R2 / R5 as named) and stores the cc in *cc. */
__asm__(".include \"diagnose/zcpdiag.inc\"\n"
        ".text\n"
        ".globl asm_d00\nasm_d00:\n ZCP_DIAG00 idbuf, 40\n lgr %r2,%r4\n br %r14\n"
        ".globl asm_d08r\nasm_d08r:\n lgr %r1,%r2\n ZCP_DIAG08R cmdq, 10, rbuf, 256\n"
        "  ipm %r0\n srl %r0,28\n st %r0,0(%r1)\n lgr %r2,%r5\n br %r14\n"
        ".globl asm_d08rc\nasm_d08rc:\n ZCP_DIAG08 cmdq, 6\n lgr %r2,%r4\n br %r14\n"
        ".globl asm_d0c\nasm_d0c:\n ZCP_DIAG0C area\n br %r14\n"
        ".globl asm_d44\nasm_d44:\n ZCP_DIAG44\n br %r14\n"
        ".globl asm_d60\nasm_d60:\n ZCP_DIAG60\n br %r14\n"
        ".globl asm_d270\nasm_d270:\n ZCP_DIAG270 ext, 64\n br %r14\n"
        ".globl asm_d24\nasm_d24:\n stmg %r6,%r7,48(%r15)\n ZCP_DIAG24 -1\n"
        "  ipm %r0\n srl %r0,28\n lgr %r2,%r0\n lmg %r6,%r7,48(%r15)\n br %r14\n"
        ".globl asm_bad\nasm_bad:\n ZCPDIAG 0x777\n br %r14\n");
uint64_t asm_d00(void);
uint64_t asm_d08r(int *cc);
uint64_t asm_d08rc(void);
void asm_d0c(void);
void asm_d44(void);
uint64_t asm_d60(void);
void asm_d270(void);
uint64_t asm_d24(void);
void asm_bad(void);

static void call_bad(void *arg) { asm_bad(); }

static int ebc_eq(const uint8_t *e, const char *s)
{
    for (size_t i = 0; s[i]; i++)
        if (ebcdic_to_ascii[e[i]] != (unsigned char)s[i])
            return 0;
    return 1;
}

int main(void)
{
    tap_plan(8);
    uint64_t left = asm_d00();
    tap_ok(left == 0 && ebc_eq(idbuf, "ZCP") && ebc_eq(idbuf + 16, "TESTG2"),
           "ZCP_DIAG00: system name and userid, all 40 bytes stored");
    ebcdic_from_ascii(cmdq, "QUERY TIME", 10);
    int cc = -1;
    uint64_t n = asm_d08r(&cc);
    tap_ok(cc == 0 && n > 8 && ebc_eq(rbuf, "TIME IS ") && rbuf[n - 1] == 0x15,
           "ZCP_DIAG08R: QUERY TIME into the buffer, cc 0, its length in R5");
    ebcdic_from_ascii(cmdq, "NOSUCH", 6);
    tap_ok(asm_d08rc() == 1, "ZCP_DIAG08: an unknown command, rc 1 in R4");
    asm_d0c();
    tap_ok(ebc_eq(area + 2, "/") && ebc_eq(area + 10, ":"), "ZCP_DIAG0C: MM/DD/YY HH:MM:SS");
    asm_d44();
    tap_ok(asm_d60() == zcp_diag60(), "ZCP_DIAG60 agrees with zcp_diag60");
    asm_d270();
    tap_ok(ebc_eq(ext + 52, "-"), "ZCP_DIAG270: the ISO date");
    tap_ok(asm_d24() == 0, "ZCP_DIAG24 of the console (31-bit mode): cc 0");
    tap_ok(expect_pgm(call_bad, 0) == ZCP_PGM_SPECIFICATION, "ZCPDIAG of an undefined code: specification");
    disabled_wait(0);
}
