/* CP abend: report and stop this CPU.  Portable except for the final wait,
 * which cp/sys/stop.h provides (a disabled wait on s390x, exit() on the host). */
#include <stdarg.h>
#include "cp/sys/abend.h"
#include "cp/sys/stop.h"
#include "lib/ebcdic.h"
#include "lib/fmt.h"

struct psw_words { uint64_t mask, addr; };
struct regs_words { uint64_t gpr[16]; };

uint64_t abend_wait_code(const char *code)
{
    uint64_t v = 0;
    for (int i = 0; i < 6; i++)
        v = v << 8 | (code[i] ? ascii_to_ebcdic[(unsigned char)code[i]] : 0x40);
    return v;
}

static void report(const char *code, const struct psw *psw, const struct regs *r,
                   const char *fmtstr, va_list ap)
{
    char line[160], why[120];
    vfmt(why, sizeof why, fmtstr, ap);
    fmt(line, sizeof line, "HCPABN9000W CP ABEND %.6s: %s", code, why);
    stop_print(line);
    if (psw) {
        const struct psw_words *p = (const void *)psw;
        fmt(line, sizeof line, "PSW %016llX %016llX",
            (unsigned long long)p->mask, (unsigned long long)p->addr);
        stop_print(line);
    }
    if (r) {
        const struct regs_words *g = (const void *)r;
        for (int i = 0; i < 16; i += 4) {
            fmt(line, sizeof line, "GR %2d-%2d %016llX %016llX %016llX %016llX", i, i + 3,
                (unsigned long long)g->gpr[i], (unsigned long long)g->gpr[i + 1],
                (unsigned long long)g->gpr[i + 2], (unsigned long long)g->gpr[i + 3]);
            stop_print(line);
        }
    }
    fmt(line, sizeof line, "HCPABN9001W SYSTEM STOPPED, WAIT CODE %016llX",
        (unsigned long long)abend_wait_code(code));
    stop_print(line);
}

void abend(const char *code, const char *fmtstr, ...)
{
    va_list ap;
    va_start(ap, fmtstr);
    report(code, 0, 0, fmtstr, ap);
    va_end(ap);
    stop_wait(abend_wait_code(code));
}

void abend_at(const char *code, const struct psw *psw, const struct regs *r, const char *fmtstr, ...)
{
    va_list ap;
    va_start(ap, fmtstr);
    report(code, psw, r, fmtstr, ap);
    va_end(ap);
    stop_wait(abend_wait_code(code));
}
