/* Real devices: the table the channel-subsystem scan fills, starting
 * channel programs (format-1 CCWs), and routing their interruptions. */
#ifndef CP_DEV_RDEV_H
#define CP_DEV_RDEV_H
#include <stdint.h>

/* Format-1 CCW: 31-bit data address. */
struct ccw1 {
    uint8_t cmd;
    uint8_t flags;
    uint16_t count;
    uint32_t addr;
} __attribute__((packed, aligned(8)));

#define CCW_FLAG_CD   0x80
#define CCW_FLAG_CC   0x40
#define CCW_FLAG_SLI  0x20
#define CCW_FLAG_SKIP 0x10
#define CCW_FLAG_IDA  0x04

/* Interruption-response block: SCSW, ESW, ECW, EMW (96 bytes). */
struct irb {
    uint32_t scsw_flags;    /* key, flags, function/activity/status control */
    uint32_t scsw_ccw;      /* address after the last CCW executed */
    uint8_t dstat;          /* device status */
    uint8_t cstat;          /* subchannel status */
    uint16_t count;         /* residual count */
    uint8_t esw[20];
    uint8_t ecw[32];
    uint8_t emw[32];
} __attribute__((packed, aligned(4)));

/* Device status bits. */
#define DEV_ATTN 0x80
#define DEV_SM   0x40
#define DEV_CUE  0x20
#define DEV_BUSY 0x10
#define DEV_CE   0x08
#define DEV_DE   0x04
#define DEV_UC   0x02
#define DEV_UX   0x01
/* SCSW status-control bits (low byte of scsw_flags). */
#define SC_ALERT     0x10
#define SC_INTERMED  0x08
#define SC_PRIMARY   0x04
#define SC_SECONDARY 0x02
#define SC_PENDING   0x01

enum rdev_class { RDEV_OTHER, RDEV_CONSOLE, RDEV_DASD, RDEV_READER, RDEV_PUNCH, RDEV_PRINTER };

struct rdev;
typedef void (*rdev_done_t)(struct rdev *dev, const struct irb *irb, void *arg);

struct rdev_driver {
    const char *name;
    /* Status the device presented without a start from us (attention, ...). */
    void (*unsolicited)(struct rdev *dev, const struct irb *irb);
};

struct rdev {
    uint32_t schid;
    uint16_t devno;
    uint16_t devtype;
    uint8_t model;
    uint16_t cutype;
    uint8_t cumodel;
    enum rdev_class cls;
    const struct rdev_driver *drv;
    void *drvdata;
    volatile uint8_t busy;      /* a channel program of ours is running */
    rdev_done_t done;
    void *done_arg;
    uint32_t orb[8] __attribute__((aligned(8)));
    char volser[7];             /* DASD: from the VOL1 label, "" if none */
    uint32_t cylinders, heads;  /* DASD geometry */
    uint8_t rdc[64];            /* DASD: Read Device Characteristics data */
    char owner[9];              /* DASD: "" free, or the user it is attached to */
};

#define RDEV_MAX 256
extern struct rdev rdevs[RDEV_MAX];
extern int rdev_count;

/* Scan the channel subsystem: every valid subchannel with a device is
 * enabled (ISC 3) and identified with Sense ID.  cp/dev/rdev.c */
void rdev_scan(void);
struct rdev *rdev_find(uint16_t devno);

/* Start a channel program; `done` runs from the I/O interruption handler.
 * Returns 0, or -1 busy, -3 not operational. */
int rdev_start(struct rdev *dev, const struct ccw1 *prog, rdev_done_t done, void *arg);

/* Run a channel program and wait for it (other interruptions are served
 * meanwhile).  Returns 0 on channel end + device end without unit check or
 * channel errors; -1 if the device reported an error (irb tells), -2 if it
 * did not finish within timeout_ms, -3 if it is not operational. */
int rdev_run(struct rdev *dev, const struct ccw1 *prog, struct irb *irb, unsigned timeout_ms);

/* Issue Sense; returns the number of sense bytes stored. */
int rdev_sense(struct rdev *dev, uint8_t *sense, int len);

/* From the I/O interruption handler. */
void rdev_interrupt(uint32_t schid, uint32_t intparm);

static inline uint32_t ccw_addr(const void *p) { return (uint32_t)(uintptr_t)p; }
#endif
