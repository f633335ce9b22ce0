/* The z/Architecture lowcore (prefix area): architected fields, then ZCP's own
 * per-CPU fields from 0x200.  Offsets from the Principles of Operation
 * (SA22-7832, "Assigned storage locations"), cross-checked with Linux's
 * arch/s390/include/asm/lowcore.h.  Usable from C and from assembler. */
#ifndef CP_ARCH_LOWCORE_H
#define CP_ARCH_LOWCORE_H

/* Architected. */
#define LC_EXT_PARAMS       0x080   /* 4: external interruption parameter   */
#define LC_EXT_CPU_ADDR     0x084   /* 2: CPU address (ext. call, emerg.)   */
#define LC_EXT_INT_CODE     0x086   /* 2: external interruption code        */
#define LC_SVC_ILC          0x088   /* 2                                   */
#define LC_SVC_CODE         0x08A   /* 2                                   */
#define LC_PGM_ILC          0x08C   /* 2                                   */
#define LC_PGM_CODE         0x08E   /* 2                                   */
#define LC_TRANS_EXC        0x0A8   /* 8: translation-exception identif.    */
#define LC_SUBCHANNEL_ID    0x0B8   /* 4: I/O interruption / IPL device     */
#define LC_IO_INT_PARM      0x0BC   /* 4                                   */
#define LC_IO_INT_WORD      0x0C0   /* 4                                   */
#define LC_STFL_FAC_LIST    0x0C8   /* 4: STFL result                       */
#define LC_MCCK_CODE        0x0E8   /* 8: machine-check interruption code   */
#define LC_RESTART_OLD_PSW  0x120
#define LC_EXT_OLD_PSW      0x130
#define LC_SVC_OLD_PSW      0x140
#define LC_PGM_OLD_PSW      0x150
#define LC_MCCK_OLD_PSW     0x160
#define LC_IO_OLD_PSW       0x170
#define LC_RESTART_NEW_PSW  0x1A0
#define LC_EXT_NEW_PSW      0x1B0
#define LC_SVC_NEW_PSW      0x1C0
#define LC_PGM_NEW_PSW      0x1D0
#define LC_MCCK_NEW_PSW     0x1E0
#define LC_IO_NEW_PSW       0x1F0

/* ZCP's per-CPU fields (0x200-0x11FF is free for the control program). */
#define LC_SAVE_IO          0x200   /* 128: GPRs at an I/O interruption     */
#define LC_SAVE_EXT         0x280   /* 128: ... external                   */
#define LC_SAVE_PGM         0x300   /* 128: ... program                    */
#define LC_SAVE_MCCK        0x380   /* 128: ... machine check               */
#define LC_SAVE_SVC         0x400   /* 128: ... SVC                         */
#define LC_SAVE_RESTART     0x480   /* 128: ... restart                    */
#define LC_STACK_IRQ        0x500   /* 8: stack top for I/O, ext, SVC       */
#define LC_STACK_PGM        0x508   /* 8: stack top for program checks      */
#define LC_STACK_MCCK       0x510   /* 8: stack top for machine checks      */
#define LC_STACK_RESTART    0x518   /* 8: stack top for restart             */
#define LC_CPU              0x520   /* 8: this CPU's struct cpu *          */
#define LC_IPL_SCHID        0x528   /* 4: subchannel id of the IPL device   */
#define LC_STACK_MAIN       0x530   /* 8: a secondary CPU's own stack top   */
#define LC_SIE_FAULT_CODE   0x538   /* 2: host program check during SIE     */
#define LC_SIE_FAULT_ADDR   0x540   /* 8: its translation-exception address */
#define LC_CPU_INDEX        0x548   /* 8: 0 on the IPL CPU, 1.. on the others */
#define LC_CPU_KICK         0x550   /* 8: a second CPU: leave SIE, look again */

#ifndef __ASSEMBLY__
#include <stdint.h>
#define LC_U16(off) (*(volatile uint16_t *)(uintptr_t)(off))
#define LC_U32(off) (*(volatile uint32_t *)(uintptr_t)(off))
#define LC_U64(off) (*(volatile uint64_t *)(uintptr_t)(off))
#endif

#endif
