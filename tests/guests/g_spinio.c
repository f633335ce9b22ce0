/* A guest that never waits (tests/system/t_smp.py): it starts a console
 * read, then spins enabled for I/O without intercepting, so with two real
 * CPUs it may well be running under SIE on the second one when the line
 * comes.  CP must make that CPU leave SIE to present the interruption
 * (cp/vm/vm.c vm_kick); the guest then reports the line it got. */
#include "rt/rt.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define SPIN_LIMIT 4000000000UL   /* gives up (not ok) after this many rounds */

static uint8_t line[132] __attribute__((aligned(8)));
static struct { uint8_t cmd, flags; uint16_t count; uint32_t addr; } ccw __attribute__((aligned(8)));
static uint32_t orb[8] __attribute__((aligned(8)));
static uint8_t irb[96] __attribute__((aligned(8)));
static uint8_t sysmask;

int main(void)
{
    tap_plan(3);
    uint32_t sid = con_schid();
    for (int round = 1; round <= 2; round++) {
        memset(line, 0, sizeof line);
        ccw.cmd = 0x0A;                         /* read inquiry */
        ccw.flags = 0x20;                       /* SLI */
        ccw.count = 130;
        ccw.addr = (uint32_t)(uintptr_t)line;
        memset(orb, 0, sizeof orb);
        orb[0] = sid;
        orb[1] = 0x0080FF00;
        orb[2] = (uint32_t)(uintptr_t)&ccw;
        volatile uint32_t *int_sid = (volatile uint32_t *)0xB8;
        /* The request first: the read below keeps the subchannel busy. */
        print("# spinning %d", round);
        *int_sid = 0;
        int cc = rt_ssch(sid, orb);
        if (cc == 1 && rt_tsch(sid, irb) == 0)  /* status pending (an Attention): */
            cc = rt_ssch(sid, orb);             /* the line waits for this read */
        unsigned long n = 0;
        /* Enabled for I/O (PSW bit 6), not waiting: a plain loop. */
        __asm__ volatile("stosm 0(%0),0x02" : : "a"(&sysmask) : "memory");
        while (*int_sid != sid && n < SPIN_LIMIT)
            n++;
        __asm__ volatile("stnsm 0(%0),0xFD" : : "a"(&sysmask) : "memory");
        int got = *int_sid == sid && rt_tsch(sid, irb) == 0;
        char text[132];
        int len;
        if (got && !(irb[8] & 0x08)) {          /* Attention, the read not done */
            len = con_read(text, sizeof text);
            got = len > 0;
        } else {
            len = got ? 130 - (irb[10] << 8 | irb[11]) : 0;
            if (len < 0 || len > 130)
                len = 0;
            ebcdic_to_ascii_buf(text, line, (size_t)len);
            text[len] = 0;
        }
        char name[200];
        snprint(name, sizeof name, "round %d: the line arrives while the guest spins: '%s'", round, text);
        tap_ok(cc == 0 && got && len > 0, name);
        if (round == 1)
            tap_ok(strcmp(text, "first line") == 0, "round 1: it is the line typed");
    }
    disabled_wait(0);
}
