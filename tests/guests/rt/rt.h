/* A tiny runtime for test guests: console output through the guest's own
 * 3215 (found by STSCH, driven with SSCH/TSCH and I/O interruptions), TAP
 * helpers, and catching program interruptions. */
#ifndef RT_H
#define RT_H
#include <stdint.h>
#include <stddef.h>

struct psw { uint64_t mask, addr; } __attribute__((aligned(8)));

/* Console: write a line (ASCII), read a line (ASCII, waits). */
int con_init(uint16_t devno);
int con_write(const char *s);
int con_read(char *buf, int size);
uint32_t con_schid(void);
/* Find devno's subchannel, enable it (ISC 3, intparm = schid) and drop
 * status left pending: its subsystem id, or 0 if there is none. */
uint32_t rt_enable_sch(uint16_t devno);

void tap_plan(int n);
void tap_ok(int cond, const char *name);
void tap_diag(const char *s);
void print(const char *fmt, ...);
int snprint(char *buf, int size, const char *fmt, ...);

/* Run fn(arg) expecting a program interruption: returns its code, or 0. */
uint16_t expect_pgm(void (*fn)(void *), void *arg);
/* The instruction address in the last program-interruption old PSW. */
extern volatile uint64_t pgm_old_addr;

/* Wait (enabled for I/O) until an I/O interruption for schid arrives;
 * returns its interruption parameter. */
uint32_t wait_io(uint32_t schid);

__attribute__((noreturn)) void disabled_wait(uint64_t code);

/* Instruction wrappers: condition code returned. */
/* One channel program of one CCW (SLI) on schid, waited for: 0 and its
 * IRB in irb (96 bytes, doubleword-aligned: device status at irb[8],
 * residual count at irb[10..11]), or -1 if SSCH or TSCH failed. */
int rt_ccw(uint32_t schid, uint8_t cmd, void *data, uint16_t count, uint8_t *irb);
int rt_ssch(uint32_t schid, const void *orb);
int rt_tsch(uint32_t schid, void *irb);
int rt_stsch(uint32_t schid, void *schib);
int rt_msch(uint32_t schid, const void *schib);

int rt_main(void);
int main(void);
#endif
