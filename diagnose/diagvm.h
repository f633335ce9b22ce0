/* What DIAGNOSE keeps for one virtual machine (struct vm's `diag`): per-code
 * counters, SET EMSG, the watchdog (X'288'), the IPL parameter block
 * (X'308') and what the guest reported through X'DC' and X'318'.  Plain
 * data, zeroed with the rest of struct vm at logon and logoff. */
#ifndef DIAGNOSE_DIAGVM_H
#define DIAGNOSE_DIAGVM_H
#include <stdint.h>

#define DIAG_ROWS_MAX   40      /* rows diag_table may have (counters) */
#define DIAG_IPLB_MAX   4096    /* an IPL parameter block is at most a page */
#define DIAG_CMD_MAX    240     /* a CP command string from a guest (X'08', X'288') */
#define DIAG_UNDEF_MAX  8       /* undefined codes QUERY DIAG names one by one */

enum diag_emsg { EMSG_ON, EMSG_TEXT, EMSG_CODE, EMSG_OFF, EMSG_IGNORE };

struct diag_vm {
    uint32_t count[DIAG_ROWS_MAX];  /* by row of diag_table */
    uint32_t undefined;             /* codes not in the table (or not allowed) */
    uint8_t emsg;                   /* enum diag_emsg; ON (0) at logon, as z/VM */
    struct {
        uint8_t armed;
        uint32_t seconds;
        uint64_t expires;           /* TOD */
        char cmd[DIAG_CMD_MAX + 1]; /* ASCII, commands separated by X'15' */
    } wdog;
    uint32_t iplb_len;              /* 0: none set */
    uint8_t iplb[DIAG_IPLB_MAX];
    struct {
        uint32_t calls;
        uint8_t function;
        char product[8];            /* ASCII, from the 64-bit parameter list */
    } appldata;
    uint64_t cpcodes;               /* X'318': CPNC (byte 0) and CPVC */
    uint32_t undef_count[DIAG_UNDEF_MAX];   /* by slot of diag_undef_code */
};

/* An IPL of devno (with parm, or none) succeeded: X'308' STORE describes it
 * from now on (diagnose/ipl.c). */
struct vm;
void diag_ipl_record(struct vm *vm, uint16_t devno, const char *parm);
#endif
