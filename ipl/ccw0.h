/* Format-0 CCWs as the IPL channel programs use them (24-bit addresses).
 * Principles of Operation, "Channel-Command Word", format 0. */
#ifndef IPL_CCW0_H
#define IPL_CCW0_H
#include <stdint.h>
#include "lib/be.h"

#define CCW_CD   0x80   /* chain data      */
#define CCW_CC   0x40   /* chain command   */
#define CCW_SLI  0x20   /* suppress length */
#define CCW_SKIP 0x10

static inline void ccw0_put(uint8_t *p, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    p[0] = cmd;
    p[1] = (uint8_t)(addr >> 16);
    p[2] = (uint8_t)(addr >> 8);
    p[3] = (uint8_t)addr;
    p[4] = flags;
    p[5] = 0;
    be16_put(p + 6, count);
}

/* An ESA/390 IPL PSW: EC-mode bit (X'00080000'), 31-bit addressing, entry. */
static inline void ipl_psw_put(uint8_t *p, uint32_t entry)
{
    be32_put(p, 0x00080000);
    be32_put(p + 4, 0x80000000u | entry);
}

#endif
