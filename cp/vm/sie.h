/* The SIE state description, format 2 (512 bytes, 512-aligned, below
 * 2 GiB).  Offsets as Hercules 3.13 esa390.h (SIE2BK) and Linux's
 * arch/s390/include/asm/kvm_host.h (struct kvm_s390_sie_block) agree. */
#ifndef CP_VM_SIE_H
#define CP_VM_SIE_H
#include <stdint.h>

struct sie_block {
    uint8_t v;                  /* 0x000 intervention requests */
    uint8_t s;                  /* 0x001 state controls */
    uint8_t mx;                 /* 0x002 machine mode: X'08' z/Architecture guest */
    uint8_t m;                  /* 0x003 mode controls */
    uint32_t prefix;            /* 0x004 guest prefix */
    uint8_t r008[0x20];         /* 0x008 */
    uint64_t cputm;             /* 0x028 guest CPU timer */
    uint64_t ckc;               /* 0x030 guest clock comparator */
    uint64_t epoch;             /* 0x038 guest TOD - host TOD */
    uint32_t svcc;              /* 0x040 */
    uint16_t lctl;              /* 0x044 */
    uint16_t cpuad;             /* 0x046 guest CPU address */
    uint32_t ictl;              /* 0x048 interception controls */
    uint32_t eca;               /* 0x04C execution controls */
    uint8_t icptcode;           /* 0x050 interception code */
    uint8_t icptstatus;         /* 0x051 */
    uint16_t ihcpu;             /* 0x052 last host CPU */
    uint16_t r054;              /* 0x054 */
    uint16_t ipa;               /* 0x056 instruction parameter A */
    uint32_t ipb;               /* 0x058 instruction parameter B */
    uint8_t r05c[0x24];         /* 0x05C */
    uint64_t mso;               /* 0x080 main-storage origin */
    uint64_t mse;               /* 0x088 main-storage extent (last byte) */
    uint64_t psw_mask;          /* 0x090 guest PSW */
    uint64_t psw_addr;          /* 0x098 */
    uint64_t gg14;              /* 0x0A0 guest GR 14 */
    uint64_t gg15;              /* 0x0A8 guest GR 15 */
    uint8_t r0b0[0x50];         /* 0x0B0 interruption parameters (unused: CP presents
                                         guest interruptions itself) */
    uint64_t gcr[16];           /* 0x100 guest control registers */
    uint8_t r180[0x80];         /* 0x180 */
} __attribute__((packed, aligned(512)));

_Static_assert(sizeof(struct sie_block) == 512, "SIE block size");
_Static_assert(__builtin_offsetof(struct sie_block, icptcode) == 0x50, "icptcode");
_Static_assert(__builtin_offsetof(struct sie_block, mso) == 0x80, "mso");
_Static_assert(__builtin_offsetof(struct sie_block, psw_mask) == 0x90, "psw");
_Static_assert(__builtin_offsetof(struct sie_block, gcr) == 0x100, "gcr");

#define SIE_MX_ZARCH 0x08

/* Interception controls (ictl, Hercules esa390.h SIE_IC0): STFL and
 * STFLE intercept, so the guest sees CP's facility list. */
#define SIE_IC_STFL  0x10000000u

/* Interception codes. */
#define ICPT_NONE       0       /* SIE ended for a host interruption */
#define ICPT_INST       4
#define ICPT_PROG       8
#define ICPT_INSTPROG   12
#define ICPT_EXTREQ     16
#define ICPT_EXTINT     20
#define ICPT_IOREQ      24
#define ICPT_WAIT       28
#define ICPT_VALIDITY   32
#define ICPT_STOP       40
#define ICPT_OPEREXC    44

/* Run the guest until it intercepts or a host interruption ends SIE.
 * gprs holds guest GRs 0-13 (14 and 15 live in the state description).
 * cp/arch/sie.S */
void sie_run(struct sie_block *sd, uint64_t *gprs);
#endif

/* Switch a vCPU's floating-point and access registers in and out (cp/arch/sie.S). */
void vregs_save(uint64_t *fpr, uint32_t *fpc, uint32_t *acr);
void vregs_load(const uint64_t *fpr, const uint32_t *fpc, const uint32_t *acr);

/* Intervention requests (byte v): intercept as soon as the guest can take one. */
#define SIE_V_IO  0x02
#define SIE_V_EXT 0x01
#define ICPT_IOREQ_CODE  24
