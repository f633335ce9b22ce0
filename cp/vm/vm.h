/* A virtual machine: its storage, virtual CPUs and virtual devices. */
#ifndef CP_VM_VM_H
#define CP_VM_VM_H
#include <stdint.h>
#include "cp/mm/gstor.h"
#include "cp/vm/sie.h"
#include "cp/vm/vsclp.h"
#include "cp/cmd/cmd.h"
#include "diagnose/diagvm.h"

#define VM_MAX        32        /* logged-on users */
#define VCPU_MAX      4         /* virtual CPUs a user (MACHINE Z n, up to) */
#define VDEV_MAX      24        /* virtual devices a user */

struct vm;
struct vdev;

enum vcpu_state {
    VCPU_STOPPED,               /* not running: CP READ / before IPL */
    VCPU_RUNNING,               /* dispatchable */
    VCPU_WAIT,                  /* enabled wait: until an interruption is due */
    VCPU_HALTED,                /* disabled wait or check-stop: only a reset helps */
};

struct vcpu {
    struct sie_block sd;        /* first: 512-aligned */
    uint64_t gpr[16];           /* guest GRs 0-13 (14/15 in sd while running) */
    struct vm *vm;
    uint16_t cpuaddr;
    enum vcpu_state state;
    uint64_t cputime;           /* TOD units spent in SIE */
    uint64_t intercepts;
    unsigned ext_pending;       /* VEXT_* */
    int yield;                  /* DIAG X'44': end this time slice */
    struct vcpu *yield_to;      /* DIAG X'9C': and run this vCPU next */
    uint16_t emergency_from, extcall_from;
    uint64_t wait_tod;          /* TOD when the wait began (CPU timer runs on) */
    uint64_t fpr[16];           /* floating-point and access registers: */
    uint32_t fpc;               /*  SIE leaves them in the real registers */
    uint32_t acr[16];
    /* Dispatching on several real CPUs (cp/sched/dispatch.c): */
    volatile int owner;         /* 1 + index of the real CPU running it, or 0 */
    volatile int handoff;       /* a second CPU stopped it with work for CP */
    uint16_t fault_code;        /* ... a host program check in SIE, */
    uint64_t fault_addr;        /*     and its translation-exception address */
    /* DIAG X'250' completions not yet presented (external X'2603'). */
    uint8_t nbio;
    struct { uint64_t parm; uint16_t code; } bio[8];
    /* Paging: no frame for its page now; not run before this TOD. */
    uint64_t storage_wait_tod;
    /* DIAG X'258' pfault handshake (diagnose/paging.c). */
    struct {
        uint8_t on;
        uint64_t token;             /* guest real address of the token */
        uint64_t select, compare;   /* PSW masks */
        uint64_t inits;             /* page-fault init interruptions given */
    } pf;
    /* Several real CPUs (cp/sched/dispatch.c): under SIE now, and SIE
     * entries made on a real CPU other than the IPL CPU (INDICATE USER). */
    volatile int in_sie;
    uint64_t sie_elsewhere;
    /* Waiting for the asynchronous page-in of guest page pgwait - 1 (0:
     * not), cp/mm/paging.c; storage_wait_tod keeps it off the CPUs. */
    uint64_t pgwait;
    uint64_t pf_dones;          /* DIAG X'258' completions posted */
    /* IUCV (cp/vm/iucv.c): the declared interrupt buffer and the masks. */
    struct {
        uint64_t buffer;            /* guest real address; valid if declared */
        uint8_t declared, mask, cmask;
    } iucv;
} __attribute__((aligned(512)));

/* Virtual subchannel status, as the guest's TSCH sees it. */
struct vsch {
    uint32_t intparm;
    uint8_t isc;
    uint8_t enabled;
    uint8_t busy;               /* start function in progress */
    uint8_t pending;            /* status pending */
    uint8_t irq;                /* its I/O interruption not yet presented */
    uint32_t scsw_flags;
    uint32_t scsw_ccw;
    uint8_t dstat, cstat;
    uint16_t count;
    uint32_t orb[3];
    uint8_t ccw_susp;           /* suspended at a CCW with the S flag (RSCH resumes) */
    uint8_t resume;             /* resume pending: the next S flag does not suspend */
    uint8_t csense;             /* PMCW concurrent-sense bit as MSCH set it */
};

struct vdev_ops {
    const char *name;
    /* Execute one command (data-chained CCWs arrive as one).  Write-type
     * commands find their data in buf; read-type ones fill it.  Returns 0,
     * or device status to end the channel program with (DEV_UC with sense
     * set, DEV_UX), or VDEV_SUSPEND to park it until vcss_resume(d).
     * *resid = count - bytes transferred. */
    int (*ccw)(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *resid);
    void (*reset)(struct vdev *d);          /* system reset */
    void (*release)(struct vdev *d);        /* the device goes away (LOGOFF) */
};
#define VDEV_SUSPEND 0x100

struct vdev {
    uint16_t devno;
    uint16_t devtype;           /* 0x3215, 0x3505, ... */
    uint8_t model;
    uint16_t schnum;            /* guest subchannel number */
    const struct vdev_ops *ops;
    struct vm *vm;
    struct vsch sch;
    uint8_t sense[32];
    uint8_t nsense;
    /* Channel-program state while it runs (or is suspended). */
    uint64_t ccw_addr;          /* guest address of the current CCW */
    int ccw_fmt1;
    uint8_t idaw_fmt2;          /* ORB H: format-2 (64-bit) IDAWs */
    uint8_t idaw_2k;            /* ORB T: their blocks are 2K, not 4K */
    uint32_t starts;            /* channel programs started (a device sees a new one) */
    void *priv;                 /* device-specific state */
};

struct vm {
    int in_use;
    char userid[9];
    char classes[33];
    char secuser[9];            /* gets console output while disconnected */
    struct gstor stor;
    struct vcpu *vcpu[VCPU_MAX];
    int nvcpu;
    struct vdev vdev[VDEV_MAX];
    int nvdev;
    int io_pending;             /* some vdev has status for the guest */
    struct cmd_user user;       /* as a command issuer: userid, classes, times */
    int cp_stopped;             /* held in CP (STOP, #CP, DIAG 8 CP READ): no vCPU
                                 * runs until BEGIN; vCPU states are kept */
    volatile int held;          /* vm_hold: no other real CPU may run it */
    char ipl_parm[65];
    struct vsclp sclp;          /* the guest's SCLP (cp/vm/vsclp.c) */
    struct diag_vm diag;        /* DIAGNOSE state (diagnose/diagvm.h) */
    /* SIE entries of a vCPU made while a sibling vCPU was under SIE on
     * another real CPU (cp/sched/dispatch.c; INDICATE USER). */
    uint64_t sie_parallel;
    uint8_t autocr_off;         /* TERMINAL AUTOCR OFF (cp/cmd/terminal.c) */
};

extern struct vm vms[VM_MAX];
struct vm *vm_find(const char *userid);
/* A new VM with storage and one stopped vCPU, or NULL (message given). */
struct vm *vm_create(const char *userid, uint64_t storage, int ncpus);
void vm_destroy(struct vm *vm);
/* Keep the VM's vCPUs off the other real CPUs (and wait until none runs
 * there), so CP may change their state; vm_release undoes it.  Nests. */
void vm_hold(struct vm *vm);
void vm_release(struct vm *vm);
/* CP has posted an interruption for vm: a real CPU running one of its
 * vCPUs under SIE leaves SIE now (SIGP external call), so the vCPU comes
 * back to the IPL CPU, which presents it, instead of at its slice end. */
void vm_kick(struct vm *vm);
/* The same for one vCPU (a SIGP external call or emergency signal). */
void vcpu_kick(struct vcpu *v);
/* One more vCPU at address addr, stopped (DEFINE CPU); NULL if the VM has
 * VCPU_MAX already or the pool is empty. */
struct vcpu *vm_add_vcpu(struct vm *vm, uint16_t addr);
struct vdev *vm_vdev(struct vm *vm, uint16_t devno);
struct vdev *vm_add_vdev(struct vm *vm, uint16_t devno, uint16_t devtype, const struct vdev_ops *ops);
/* #CP, break, DIAG X'08' CP READ: cp_stopped, and no vCPU of vm is left
 * under SIE on another real CPU when it returns (cp/vm/vm.c). */
void vm_cp_stop(struct vm *vm);
/* DETACH CPU: a vCPU other than the base one leaves the VM (held, reset). */
void vm_remove_vcpu(struct vm *vm, struct vcpu *v);
/* DETACH: the device goes (release), its subchannel stays without a device
 * (ops NULL: STSCH shows no valid device, the others cc 3) until reused. */
void vm_detach_vdev(struct vm *vm, struct vdev *d);

/* IPL the guest from vdev (cp/vm/ipl.c): reset, run the device's IPL
 * channel program, load the PSW from absolute 0.  Returns 0, or an error
 * message in msg. */
int vm_ipl(struct vm *vm, uint16_t devno, int clear, const char *parm, char *msg, int msgsize);
/* System reset of every vCPU and device; with clear, storage too. */
void vm_reset(struct vm *vm, int clear);

/* Guest register access (r14/r15 live in the state description). */
uint64_t vcpu_gpr(struct vcpu *v, int r);
void vcpu_set_gpr(struct vcpu *v, int r, uint64_t val);
/* A restart interruption (SIGP restart, SYSTEM RESTART): old PSW to X'120',
 * new from X'1A0' under the vCPU's prefix; the vCPU runs.  -1 if the prefix
 * area is outside storage. */
int vcpu_restart(struct vcpu *v);
/* Condition code in the guest PSW. */
void vcpu_set_cc(struct vcpu *v, int cc);

/* Guest interruptions, presented by CP (cp/vm/interrupt.c). */
void vcpu_program_interrupt(struct vcpu *v, uint16_t code, int ilc);
void vcpu_external_interrupt(struct vcpu *v, const uint8_t fields[8]);
/* Present a pending I/O interruption if the guest is enabled; 1 if done. */
int vcpu_try_io_interrupt(struct vcpu *v);
/* Put the guest in (enabled or disabled) wait, or let it go on. */
void vcpu_check_wait(struct vcpu *v);

/* Program-interruption codes (Principles of Operation). */
#define PGM_OPERATION       0x01
#define PGM_PRIVILEGED      0x02
#define PGM_PROTECTION      0x04
#define PGM_ADDRESSING      0x05
#define PGM_SPECIFICATION   0x06
#define PGM_OPERAND         0x15

/* Guest lowcore offsets used by CP (same as the real ones). */
#define GLC_EXT_PARAMS   0x80
#define GLC_EXT_CPU      0x84
#define GLC_EXT_CODE     0x86
#define GLC_PGM_ILC      0x8C
#define GLC_PGM_CODE     0x8E
#define GLC_SUBCH_ID     0xB8
#define GLC_IO_PARM      0xBC
#define GLC_IO_WORD      0xC0
#define GLC_EXT_OLD      0x130
#define GLC_PGM_OLD      0x150
#define GLC_IO_OLD       0x170
#define GLC_EXT_NEW      0x1B0
#define GLC_PGM_NEW      0x1D0
#define GLC_IO_NEW       0x1F0
#endif

/* Pending guest external interruptions (per vCPU, cp/vm/interrupt.c). */
#define VEXT_EMERGENCY  0x01    /* X'1201' */
#define VEXT_EXTCALL    0x02    /* X'1202' */
#define VEXT_SERVICE    0x04    /* X'2401': floating, posted on every vCPU (cp/vm/vsclp.c) */
#define VEXT_BLOCKIO    0x08    /* X'2603': DIAG X'250' completions in v->bio */
/* Queue a block I/O completion: subcode X'03' (31-bit, parm to X'80') or
 * X'07' (64-bit, parm to X'11B8'), status in the low byte of X'84'.
 * 0, or -1 if the queue is full. */
int vcpu_post_blockio(struct vcpu *v, uint8_t subcode, uint8_t status, uint64_t parm);
void vcpu_post_ext(struct vcpu *v, unsigned what, uint16_t from_cpu);
/* Present what is due (I/O first, then external); 1 if something was. */
int vcpu_deliver(struct vcpu *v);
int vcpu_io_wanted(struct vcpu *v);
int vcpu_ext_wanted(struct vcpu *v);
/* TOD at which the vCPU's clock comparator or CPU timer will be due while
 * it waits, or ~0 (for the dispatcher's wake-up timer). */
uint64_t vcpu_wake_tod(struct vcpu *v);
