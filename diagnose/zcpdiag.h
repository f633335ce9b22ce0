/* zcpdiag.h: DIAGNOSE from a guest of ZCP (z/VM's conventions).
 *
 * Freestanding: include it in any s390x guest (no libc needed).  Every
 * call goes through zcp_diag(): DIAG with Rx = R2 (Rx+1 = R3) and Ry = R4
 * (Ry+1 = R5), the code in a base register.  Addresses passed to CP are
 * guest REAL addresses: with DAT off (as the test guests run) a pointer is
 * one.  Buffers must lie inside the virtual machine's storage or the DIAG
 * ends in an addressing exception (X'0005'); misaligned ones in a
 * specification exception (X'0006').  Problem state gets X'0002'; a code
 * ZCP does not define (or the user's class does not allow) X'0006'.
 *
 * docs/diagnose.md is the reference: registers in and out, condition and
 * return codes, program interruptions, privilege class of every code.
 * The host build (unit tests) sees the constants and the list only. */
#ifndef ZCPDIAG_H
#define ZCPDIAG_H
#include <stdint.h>

/* The codes ZCP defines: X(code, name of the wrapper below). */
#define ZCPDIAG_LIST(X) \
    X(0x0000, zcp_diag00)  X(0x0008, zcp_diag08)  X(0x000C, zcp_diag0c) \
    X(0x0024, zcp_diag24)  X(0x0044, zcp_diag44)  X(0x005C, zcp_diag5c) \
    X(0x0060, zcp_diag60)  X(0x009C, zcp_diag9c)  X(0x00B0, zcp_diagb0) \
    X(0x00DC, zcp_diagdc)  X(0x0210, zcp_diag210) X(0x0250, zcp_diag250) \
    X(0x0260, zcp_diag260) \
    X(0x0270, zcp_diag270) X(0x0288, zcp_diag288) X(0x0308, zcp_diag308) \
    X(0x0318, zcp_diag318) \
    X(0x0010, zcp_diag10) \
    X(0x0014, zcp_diag14) \
    X(0x0214, zcp_diag214) X(0x0258, zcp_diag258) \
    X(0x00D8, zcp_diagd8)  X(0x00F8, zcp_diagf8) \
    X(0x0204, zcp_diag204) X(0x02FC, zcp_diag2fc)

/* Program interruption codes a DIAG can end in. */
#define ZCP_PGM_PRIVILEGED     0x0002
#define ZCP_PGM_ADDRESSING     0x0005
#define ZCP_PGM_SPECIFICATION  0x0006

/* X'08' flags (high byte of Ry's low word). */
#define ZCP_D08_RESPONSE  0x40      /* response into the buffer */
#define ZCP_D08_MAXCMD    240
/* X'5C' / SET EMSG: nothing to define; X'24'/X'210' classes: */
#define ZCP_DC_TERM 0x80
#define ZCP_DC_URI  0x20
#define ZCP_DC_URO  0x10
#define ZCP_DC_DASD 0x04
#define ZCP_DC_SPEC 0x02
/* X'260' subcodes */
#define ZCP_D260_HIGHEST31  0x00
#define ZCP_D260_BYUSER     0x04
#define ZCP_D260_LINES      0x08
#define ZCP_D260_HIGHEST64  0x0C
#define ZCP_D260_EXTENTS    0x10
/* X'288' functions */
#define ZCP_D288_INIT    0
#define ZCP_D288_CHANGE  1
#define ZCP_D288_CANCEL  2
#define ZCP_D288_MIN_SECONDS 15
/* X'308' subcodes and return codes (in Rx+1) */
#define ZCP_D308_LOAD_CLEAR  3
#define ZCP_D308_LOAD_NORMAL 4
#define ZCP_D308_SET         5
#define ZCP_D308_STORE       6
#define ZCP_D308_RC_OK       0x0001
#define ZCP_D308_RC_NOCONF   0x0102
#define ZCP_D308_RC_INVALID  0x0402

/* X'210' device information block (the first 16 bytes CP fills). */
struct zcp_vrdcblok {
    uint16_t devno;             /* in */
    uint16_t length;            /* in: at least 8 */
    uint8_t vclass, vtype, vstatus, vflags;
    uint8_t rclass, rtype, rmodel, rfeatures;
    uint8_t underlying, features2;
    uint16_t reserved;
} __attribute__((aligned(8)));

/* X'308' IPL parameter block, CCW type (page-aligned; 200 bytes used). */
struct zcp_iplb {
    uint32_t length;            /* 200 */
    uint8_t reserved0[3];
    uint8_t version;
    uint32_t blk0_length;       /* 192 */
    uint8_t pbt;                /* 2: CCW */
    uint8_t flags;
    uint16_t reserved1;
    uint8_t loadparm[8];
    uint8_t reserved2[85];
    uint8_t ssid;
    uint16_t devno;
    uint8_t vm_flags;           /* X'80': vm_parm valid */
    uint8_t reserved3[3];
    uint32_t vm_parm_len;
    uint8_t nss_name[8];
    uint8_t vm_parm[64];        /* EBCDIC */
    uint8_t reserved4[8];
} __attribute__((packed, aligned(8)));

/* X'DC' parameter list, 64-bit form (function | X'80'). */
struct zcp_appldata_plist {
    uint16_t diag;              /* X'00DC' */
    uint8_t function;           /* 0 start interval, 1 stop, 2 event, 3 start config */
    uint8_t length;             /* 32 */
    uint32_t unused1;
    uint16_t reserved;
    uint16_t buffer_length;
    uint32_t unused2;
    uint64_t product_id;        /* -> 7 EBCDIC characters, then function/record/version */
    uint64_t buffer;
} __attribute__((packed, aligned(8)));

/* X'14' subcodes (Ry+1), reasons with cc 3 (Ry+1), layouts: spool/splink.h */
#define ZCP_D14_READ      0x0000    /* next 4 KiB spool buffer */
#define ZCP_D14_SFB_PRT   0x0004    /* next print file's SFBLOK */
#define ZCP_D14_SFB_PUN   0x0008    /* next card-image file's SFBLOK */
#define ZCP_D14_SELECT    0x000C    /* Rx spoolid: take it next */
#define ZCP_D14_COPIES    0x0010    /* Rx copy count of the active file */
#define ZCP_D14_RESTART   0x0014
#define ZCP_D14_BACKSPACE 0x0018
#define ZCP_D14_SFB_MON   0x001C
#define ZCP_D14_READ_MON  0x0020
#define ZCP_D14_REREAD    0x0024
#define ZCP_D14_POSITION  0x0028    /* Rx buffer number (1-based) */
#define ZCP_D14_UNSEEN    0x0FFE    /* Ry 0: next unseen file; else all unseen again */
#define ZCP_D14_DESCR     0x0FFF    /* Ry spoolid (0: first) -> the next file's descriptor */
#define ZCP_D14_RS_DEVNO   4
#define ZCP_D14_RS_DEVTYPE 8
#define ZCP_D14_RS_BUSY    12
#define ZCP_D14_RS_IO      16
#define ZCP_D14_DESC_SIZE  252
#define ZCP_SFBLOK_SIZE    104

/* X'D8' (class D): SFBLOKs of the files on the system queues.  The
 * parameter list (z/VM's DD8PARM0; doubleword-aligned).  Subfunction
 * values are ZCP's (docs/diagnose.md). */
struct zcp_dd8parm {
    int16_t spoolid;            /* the previous file (0: from the start) */
    uint16_t code;              /* ZCP_D8_NEXT, ZCP_D8_THIS */
    uint32_t buffer;            /* SFBLOK area (31-bit real; may not cross a page) */
    uint8_t user[8];            /* owner (EBCDIC) unless control has ZCP_D8_ANYVM */
    uint8_t queues;             /* ZCP_D8_PRT | ZCP_D8_PUN | ZCP_D8_RDR | ZCP_D8_DATA */
    uint8_t size;               /* buffer size in doublewords (0: all 13) */
    uint8_t control;            /* ZCP_D8_ANYVM, or 0: the owner's files only */
    uint8_t reserved[5];        /* zero */
} __attribute__((packed, aligned(8)));
#define ZCP_D8_NEXT   0x0000    /* the file after spoolid on the queues */
#define ZCP_D8_THIS   0x0004    /* the file spoolid itself */
#define ZCP_D8_PRT    0x80
#define ZCP_D8_PUN    0x40
#define ZCP_D8_RDR    0x20
#define ZCP_D8_DATA   0x10      /* system data files: ZCP has none */
#define ZCP_D8_ANYVM  0x80

/* X'F8': spool file origin (node, userid).  The parameter list (z/VM's
 * DF8PARM; doubleword-aligned); subcodes and reasons are ZCP's. */
struct zcp_df8parm {
    int16_t version;            /* ZCP_F8_VERSION */
    uint16_t id;                /* SET: punch/printer devno; QUERY: spoolid */
    uint8_t node[8];            /* EBCDIC, blank-padded (SET: blank = this system) */
    uint8_t user[8];
    uint8_t reserved[4];
} __attribute__((packed, aligned(8)));
#define ZCP_F8_SET        0     /* class B or D */
#define ZCP_F8_QUERY      4
#define ZCP_F8_VERSION    1
#define ZCP_F8_RS_DEVNO   4
#define ZCP_F8_RS_DEVTYPE 8
#define ZCP_F8_RS_NOFILE  12
#define ZCP_F8_RS_VERSION 16

struct zcp_regs {
    uint64_t rx, rx1, ry, ry1;  /* R2, R3, R4, R5 in and out */
};

#ifdef __s390x__
/* DIAG 2,4,code between `pre` and `post` instructions; yields the cc. */
#define ZCP_DIAG_ASM(code, r, pre, post) ({                                     \
    register uint64_t r2 __asm__("2") = (r)->rx;                                \
    register uint64_t r3 __asm__("3") = (r)->rx1;                               \
    register uint64_t r4 __asm__("4") = (r)->ry;                                \
    register uint64_t r5 __asm__("5") = (r)->ry1;                               \
    int cc_;                                                                    \
    __asm__ volatile(pre "diag %%r2,%%r4,0(%[c])\n\tipm %[cc]\n\t" post "srl %[cc],28" \
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), [cc] "=&d"(cc_)   \
                     : [c] "a"((unsigned long)(code)) : "cc", "memory");         \
    (r)->rx = r2; (r)->rx1 = r3; (r)->ry = r4; (r)->ry1 = r5;                   \
    cc_; })

/* DIAG 2,4,code.  Returns the condition code. */
static inline int zcp_diag(unsigned code, struct zcp_regs *r)
{
    return ZCP_DIAG_ASM(code, r, "", "");
}

/* The same in 31-bit addressing mode, for the codes z/VM refuses in 64-bit
 * mode (X'24', X'210', X'260' subcodes 0-8); returns to 64-bit mode.
 * Call it from 64-bit code running below 2 GiB. */
static inline int zcp_diag31(unsigned code, struct zcp_regs *r)
{
    return ZCP_DIAG_ASM(code, r, "sam31\n\t", "sam64\n\t");
}

#define ZCP_ADDR(p) ((uint64_t)(unsigned long)(p))

/* X'00': up to 40 bytes of identification into buf (doubleword-aligned):
 * 0-7 system name "ZCP", 10 version, 11 X'FF', 14-15 CPU address, 16-23
 * userid (EBCDIC), 36-38 version/release/modification.  Returns the
 * length minus the bytes stored. */
static inline uint32_t zcp_diag00(void *buf, uint32_t len)
{
    struct zcp_regs r = { ZCP_ADDR(buf), 0, len, 0 };
    zcp_diag(0x00, &r);
    return (uint32_t)r.ry;
}

/* X'08': run CP command(s) (EBCDIC, X'15' between them, up to 240 bytes);
 * the response goes to the console.  Returns CP's return code. */
static inline uint32_t zcp_diag08(const void *cmd, uint32_t len)
{
    struct zcp_regs r = { ZCP_ADDR(cmd), 0, len, 0 };
    zcp_diag(0x08, &r);
    return (uint32_t)r.ry;
}

/* X'08' with a response buffer: EBCDIC lines, each ending in X'15'.
 * Returns cc: 0 (*n = response length) or 1 (did not fit: *n = bytes
 * left out).  *rc = CP's return code. */
static inline int zcp_diag08_resp(const void *cmd, uint32_t len, void *buf, uint32_t size,
                                  uint32_t *rc, uint32_t *n)
{
    struct zcp_regs r = { ZCP_ADDR(cmd), ZCP_ADDR(buf), (uint32_t)ZCP_D08_RESPONSE << 24 | len, size };
    int cc = zcp_diag(0x08, &r);
    *rc = (uint32_t)r.ry;
    *n = (uint32_t)r.ry1;
    return cc;
}

/* X'08' with Ry = 0: CP READ.  The virtual machine stops in CP until the
 * user types BEGIN. */
static inline void zcp_cp_read(void)
{
    struct zcp_regs r = { 0, 0, 0, 0 };
    zcp_diag(0x08, &r);
}

/* X'0C': 32 bytes at buf (doubleword-aligned): MM/DD/YY, HH:MM:SS
 * (EBCDIC, UTC), virtual and total CPU time in microseconds. */
static inline void zcp_diag0c(void *buf)
{
    struct zcp_regs r = { ZCP_ADDR(buf), 0, 0, 0 };
    zcp_diag(0x0C, &r);
}

/* X'270': as X'0C' plus MM/DD/YYYY at 32, YYYY-MM-DD at 48, version at
 * 58, date formats at 59/60; len bytes (up to 64) stored. */
static inline void zcp_diag270(void *buf, uint32_t len)
{
    struct zcp_regs r = { ZCP_ADDR(buf), 0, len, 0 };
    zcp_diag(0x270, &r);
}

/* X'24': devno, or 0xFFFFFFFF for the console (its number comes back in
 * *devno).  cc 0: *vdat virtual and *rdat real class/type/...; cc 2: a
 * spooled device (vdat only); cc 3: no such device. */
static inline int zcp_diag24(uint32_t *devno, uint32_t *vdat, uint32_t *rdat)
{
    struct zcp_regs r = { *devno, 0, 0, 0 };
    int cc = zcp_diag31(0x24, &r);
    *devno = (uint32_t)r.rx;
    *vdat = (uint32_t)r.ry;
    *rdat = (uint32_t)r.ry1;
    return cc;
}

static inline void zcp_diag44(void)
{
    struct zcp_regs r = { 0, 0, 0, 0 };
    zcp_diag(0x44, &r);
}

/* X'5C': edit a message by SET EMSG: *addr and *len come back as the part to
 * display (all of it, the text, the code, or nothing). */
static inline void zcp_diag5c(uint64_t *addr, uint32_t *len)
{
    struct zcp_regs r = { *addr, 0, *len, 0 };
    zcp_diag(0x5C, &r);
    *addr = r.rx;
    *len = (uint32_t)r.ry;
}

/* X'10': release the pages first .. last (guest real, page aligned): they
 * read as zeros afterwards (docs/paging.md). */
static inline void zcp_diag10(uint64_t first, uint64_t last)
{
    struct zcp_regs r = { first, 0, last, 0 };
    zcp_diag(0x10, &r);
}

/* X'214' functions (low byte of Rx+1). */
#define ZCP_D214_ESTABLISH  0       /* pending release */
#define ZCP_D214_CANCEL     1
#define ZCP_D214_CANCEL_ALL 2
#define ZCP_D214_VALIDATE   3       /* cancel and validate */

/* X'214': pending page release of the pages first .. last (guest real),
 * function ZCP_D214_*; for CANCEL/VALIDATE, key (access key << 4 | fetch
 * bit X'08') is what the pages get if setkey.  docs/paging.md. */
static inline int zcp_diag214(uint64_t first, uint64_t last, unsigned func,
                              int setkey, uint8_t key)
{
    struct zcp_regs r = { first & ~0xFFFULL, (last & ~0xFFFULL) | (func & 0xFF), key, 0 };
    if (!setkey) {
        /* Ry = R0: no key.  (zcp_diag always names R4: issue it here.) */
        register uint64_t r2 __asm__("2") = r.rx;
        register uint64_t r3 __asm__("3") = r.rx1;
        int cc;
        __asm__ volatile("diag %%r2,%%r0,0x214\n\tipm %[cc]\n\tsrl %[cc],28"
                         : [cc] "=d"(cc) : "d"(r2), "d"(r3) : "cc", "memory");
        return cc;
    }
    return zcp_diag(0x214, &r);
}

/* X'258' page-reference services (pfault) parameter list. */
struct zcp_pfault_plist {
    uint16_t code;              /* X'0258' */
    uint16_t subcode;           /* ZCP_D258_TOKEN / _CANCEL */
    uint16_t dwords;            /* 5 (TOKEN), 2 (CANCEL) */
    uint16_t version;           /* 2 */
    uint64_t token_addr;        /* guest real, doubleword aligned */
    uint64_t select, compare;   /* PSW masks */
    uint64_t zarch;             /* X'8000000000000000' */
} __attribute__((aligned(8)));
#define ZCP_D258_TOKEN   0
#define ZCP_D258_CANCEL  1
#define ZCP_D258_RC_ON      8   /* TOKEN: the handshake is on already */
#define ZCP_D258_RC_NOTON   4   /* CANCEL: it was not on */
#define ZCP_PFAULT_INIT      0x0600     /* X'2603' CPU-address field */
#define ZCP_PFAULT_COMPLETE  0x0680

/* X'258': TOKEN or CANCEL with the list at pl; returns Ry (0, 4 or 8). */
static inline uint32_t zcp_diag258(struct zcp_pfault_plist *pl)
{
    struct zcp_regs r = { ZCP_ADDR(pl), 0, 0, 0 };
    zcp_diag(0x258, &r);
    return (uint32_t)r.ry;
}

/* X'60': the virtual machine's storage size in bytes. */
static inline uint32_t zcp_diag60(void)
{
    struct zcp_regs r = { 0, 0, 0, 0 };
    zcp_diag(0x60, &r);
    return (uint32_t)r.rx;
}

/* X'9C': end the time slice, and run vCPU `cpu` next if it can run. */
static inline void zcp_diag9c(uint16_t cpu)
{
    struct zcp_regs r = { cpu, 0, 0, 0 };
    zcp_diag(0x9C, &r);
}

/* X'250': block I/O (docs/dasd.md).  fn 0 INIT, 1 IOREQ, 2 REMOVE on the
 * parameter list at plist (a guest real address); returns the cc, the
 * return code in *rc. */
static inline int zcp_diag250(unsigned fn, void *plist, uint32_t *rc)
{
    struct zcp_regs r = { ZCP_ADDR(plist), 0, fn, 0 };
    int cc = zcp_diag(0x250, &r);
    *rc = (uint32_t)r.rx1;
    return cc;
}

/* X'B0': re-IPL data (byte 0 length n, then n EBCDIC characters of the
 * last IPL PARM).  Returns 0, or 4 if there is none. */
static inline uint32_t zcp_diagb0(void *buf, uint32_t len)
{
    struct zcp_regs r = { ZCP_ADDR(buf), 0, len, 0 };
    zcp_diag(0xB0, &r);
    return (uint32_t)r.ry;
}

/* X'DC': APPLDATA; returns CP's return code (0). */
static inline uint32_t zcp_diagdc(struct zcp_appldata_plist *pl)
{
    struct zcp_regs r = { ZCP_ADDR(pl), 0, 0, 0 };
    zcp_diag(0xDC, &r);
    return (uint32_t)r.ry;
}

/* X'210': cc 0 (real device), 2 (virtual only), 3 (no device). */
static inline int zcp_diag210(struct zcp_vrdcblok *b)
{
    struct zcp_regs r = { ZCP_ADDR(b), 0, 0, 0 };
    return zcp_diag31(0x210, &r);
}

/* X'260' subcode X'0C': highest addressable byte (64-bit). */
static inline uint64_t zcp_diag260_highest(void)
{
    struct zcp_regs r = { 0, 0, ZCP_D260_HIGHEST64, 0 };
    zcp_diag(0x260, &r);
    return r.rx;
}

/* X'260' subcode X'10': storage extents (first, last byte) into ext
 * (quadword-aligned, len a multiple of 16).  Returns the number of
 * extents; *cc 0 if all fitted. */
static inline uint64_t zcp_diag260_extents(void *ext, uint64_t len, int *cc)
{
    struct zcp_regs r = { ZCP_ADDR(ext), len, ZCP_D260_EXTENTS, 0 };
    *cc = zcp_diag(0x260, &r);
    return r.ry;
}
#define zcp_diag260 zcp_diag260_highest

/* X'288': the watchdog.  For INIT the command (EBCDIC) runs as a CP
 * command when `seconds` pass without another INIT or CHANGE. */
static inline void zcp_diag288(uint32_t func, uint32_t seconds, const void *cmd, uint32_t len)
{
    struct zcp_regs r = { func, seconds, ZCP_ADDR(cmd), len };
    zcp_diag(0x288, &r);
}

/* X'308': returns the return code from Rx+1 (LOAD does not return when
 * the re-IPL starts). */
static inline uint32_t zcp_diag308(uint32_t subcode, void *iplb)
{
    struct zcp_regs r = { ZCP_ADDR(iplb), 0, subcode, 0 };
    zcp_diag(0x308, &r);
    return (uint32_t)r.rx1;
}

/* X'14': rx (buffer address, spoolid, count or buffer number by subcode),
 * ry (reader device number, spoolid or code), the subcode; returns the cc,
 * the reason (cc 3) in *reason.  Issued in 31-bit mode, as Linux does. */
static inline int zcp_diag14(uint64_t rx, uint32_t ry, uint32_t subcode, uint32_t *reason)
{
    struct zcp_regs r = { rx, 0, ry, subcode };
    int cc = zcp_diag31(0x14, &r);
    if (reason)
        *reason = (uint32_t)r.ry1;
    return cc;
}

/* X'D8' (class D): the next SFBLOK (or the one named) as *pl says.
 * Returns the cc: 0 stored (*spoolid its spoolid), 1 no further file,
 * 2 pl->spoolid is not a file on the queues selected. */
static inline int zcp_diagd8(struct zcp_dd8parm *pl, uint32_t *spoolid)
{
    struct zcp_regs r = { ZCP_ADDR(pl), 0, 0, 0 };
    int cc = zcp_diag(0xD8, &r);
    if (spoolid)
        *spoolid = (uint32_t)r.ry;
    return cc;
}

/* X'F8': subcode ZCP_F8_SET / ZCP_F8_QUERY with *pl.  Returns the cc: 0
 * done, 3 with the reason (ZCP_F8_RS_*) in *reason. */
static inline int zcp_diagf8(uint32_t subcode, struct zcp_df8parm *pl, uint32_t *reason)
{
    struct zcp_regs r = { subcode, 0, ZCP_ADDR(pl), 0 };
    int cc = zcp_diag(0xF8, &r);
    if (reason)
        *reason = (uint32_t)r.ry;
    return cc;
}

/* X'318': tell CP which control program this is (CPNC byte 0, CPVC). */
static inline void zcp_diag318(uint64_t codes)
{
    struct zcp_regs r = { codes, 0, 0, 0 };
    zcp_diag(0x318, &r);
}

/* X'204' partition data, simplified (format 0), subcode 4: a header
 * (partitions, flags, time slice, real CPUs, this partition, TOD), then
 * one partition (the virtual machine, named by its userid) and one entry
 * per virtual CPU.  Returns Ry: 0 stored, 4 subcode or format not
 * available to a virtual machine, 8 the buffer is too small. */
#define ZCP_D204_STIB4   4
#define ZCP_D204_EXT     0x00010000     /* extended format: LPAR only */
struct zcp_d204_hdr {
    uint8_t npar, flags;
    uint16_t tslice, phys_cpus, this_part;
    uint64_t curtod;
} __attribute__((packed));
struct zcp_d204_part {
    uint8_t pn, cpus, reserved[6];
    uint8_t name[8];            /* EBCDIC */
} __attribute__((packed));
struct zcp_d204_cpu {
    uint16_t cpu_addr;
    uint8_t reserved[2], ctidx, cflag;  /* cflag X'20': online */
    uint16_t weight;
    uint64_t acc_time, lp_time;         /* TOD units */
} __attribute__((packed));
static inline uint64_t zcp_diag204(uint64_t subcode, void *buf, uint64_t pages)
{
    struct zcp_regs r = { ZCP_ADDR(buf), 0, subcode, pages };
    zcp_diag(0x204, &r);
    return r.ry;
}

/* X'2FC' guest performance data: *pl names the guest (EBCDIC userid,
 * blanks: oneself, "*": every guest, class B) and the buffer.  Returns
 * Ry: 0 the records are stored (one struct zcp_d2fc_data a guest), else
 * the bytes they need. */
struct zcp_d2fc_plist {
    uint8_t userid[8], aci_group[8];
    uint64_t addr;
    uint32_t size, fmt;         /* fmt 2 */
} __attribute__((packed, aligned(8)));
struct zcp_d2fc_data {
    uint32_t version, flags;
    uint64_t used_cpu, el_time;                 /* microseconds */
    uint64_t mem_min_kb, mem_max_kb, mem_share_kb, mem_used_kb;
    uint32_t pcpus, lcpus, vcpus, ocpus, cpu_max, cpu_shares;
    uint32_t cpu_use_samp, cpu_delay_samp, page_wait_samp, idle_samp, other_samp, total_samp;
    uint8_t guest_name[8];                      /* EBCDIC */
} __attribute__((packed));
static inline uint64_t zcp_diag2fc(struct zcp_d2fc_plist *pl)
{
    struct zcp_regs r = { ZCP_ADDR(pl), 0, ~0ULL, 0 };
    zcp_diag(0x2FC, &r);
    return r.ry;
}
#endif /* __s390x__ */
#endif
