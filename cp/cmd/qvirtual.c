/* QUERY VIRTUAL: the issuer's own virtual machine (z/VM CP Commands and
 * Utilities Reference, "QUERY VIRTUAL ..."): ALL (the default), STORAGE,
 * CPUS, CONSOLE, READER|RDR, PUNCH|PUN, PRINTER|PRT, UR, DASD, or a vdev.
 * Device lines follow z/VM's two-line form (the device, then its type and
 * subchannel); a console shows the terminal it is on, or DISCONNECTED. */
#include "cp/cmd/commands.h"
#include "cp/cmd/vmcmd.h"
#include "cp/sys/sysdir.h"
#include "cp/sys/system.h"
#include "cp/sys/terminal.h"
#include "cp/vm/vdasd.h"
#include "cp/vm/vdevs.h"
#include "cp/vm/vspool.h"
#include "lib/fmt.h"
#include "lib/str.h"

enum vkind { VK_CONS, VK_RDR, VK_PUN, VK_PRT, VK_DASD, VK_OTHER, VK_NKINDS };

static enum vkind kind_of(const struct vdev *d)
{
    if (d->ops == &vcon_ops)
        return VK_CONS;
    if (d->ops == &vrdr_ops)
        return VK_RDR;
    if (d->ops == &vpun_ops)
        return VK_PUN;
    if (d->ops == &vprt_ops)
        return VK_PRT;
    switch (d->devtype) {
    case 0x2540: case 0x3525:
        return VK_PUN;
    case 0x1403: case 0x3203: case 0x3211:
        return VK_PRT;
    case 0x3380: case 0x3390: case 0x9336:
        return VK_DASD;
    default:
        return VK_OTHER;
    }
}

static void show_storage(struct cmd_ctx *ctx, struct vm *vm)
{
    char now[24], max[24];
    const struct dir_user *u = dir_find(&sysdir, vm->userid);
    dir_format_storage(vm->stor.size, now, sizeof now);
    dir_format_storage(u ? u->maxstorage : vm->stor.size, max, sizeof max);
    cmd_out(ctx, "STORAGE = %s MAX = %s INC = 1M STANDBY = 0 RESERVED = 0", now, max);
}

static void show_cpus(struct cmd_ctx *ctx, struct vm *vm)
{
    for (int i = 0; i < vm->nvcpu; i++) {
        const struct vcpu *v = vm->vcpu[i];
        /* The CPU id the guest's STIDP stores (cp/vm/instr.c). */
        uint64_t id = (sys.cpuid & 0x00F0FFFFFFFF0000ULL) | 0xFF00000000008000ULL |
                      (uint64_t)(v->cpuaddr & 0xF) << 48;
        int stopped = v->state == VCPU_STOPPED || v->state == VCPU_HALTED;
        cmd_out(ctx, "CPU %02X  ID  %016llX %s%sCP   CPUAFF ON", v->cpuaddr,
                (unsigned long long)id, i == 0 ? "(BASE) " : "", stopped ? "STOPPED " : "");
    }
}

/* A reader, punch or printer with its spooling options (SPOOL), in z/VM's
 * layout (CP Commands and Utilities Reference, QUERY VIRTUAL UR; z/VM
 * CMS User's Guide, "Displaying the spooling options"):
 *   RDR  000C CL * NOCONT NOHOLD EOF    READY
 *        000C 2540 CLOSED NOKEEP NORESCAN SUBCHANNEL = 0001
 *   PUN  000D CL A NOCONT NOHOLD COPY 001    READY FORM STANDARD
 *        000D TO SYSTEM   PUN DIST LINUX1   DEST OFF
 *        000D FLASH        CHAR       MDFY      0 FCB
 *        000D 2540 NOEOF CLOSED NOKEEP NOMSG NONAME
 *        000D SUBCHANNEL = 0002
 * a printer's third line ends in LPP OFF.  OPEN nnnn instead of CLOSED
 * names the file being written or read.  The first line's columns are
 * z/VM's: Linux's vmur reads the class at offset 13 and looks for "FORM "
 * and "DEST " (s390-tools vmur.cpp, save_spool_options).  ZCP keeps no
 * FLASH, CHAR, MDFY, FCB, LPP, DEST or EOF option: they show empty, OFF
 * and NOEOF. */
static void show_ur(struct cmd_ctx *ctx, struct vm *vm, const struct vdev *d, const struct dir_dev *dd)
{
    const struct vur *u = vur_of((struct vdev *)d);
    char cls = u ? u->cls : dd && dd->kind == DIR_DEV_SPOOL ? dd->u.spool.cls : '*';
    const char *cont = u && u->cont ? "  CONT" : "NOCONT";
    const char *hold = u && u->hold ? "  HOLD" : "NOHOLD";
    const char *keep = u && u->keep ? "KEEP" : "NOKEEP";
    char state[16] = "CLOSED";
    if (u && u->file)
        fmt(state, sizeof state, "OPEN %04d", u->file);
    if (kind_of(d) == VK_RDR) {
        cmd_out(ctx, "RDR  %04X CL %c %s %s EOF    READY", d->devno, cls, cont, hold);
        cmd_out(ctx, "     %04X %04X %s %s NORESCAN SUBCHANNEL = %04X", d->devno, d->devtype, state, keep,
                d->schnum);
        return;
    }
    int prt = kind_of(d) == VK_PRT;
    cmd_out(ctx, "%s  %04X CL %c %s %s COPY %03d    READY FORM %s", prt ? "PRT" : "PUN", d->devno, cls, cont,
            hold, u && u->copies ? u->copies : 1, u && u->form[0] ? u->form : "STANDARD");
    cmd_out(ctx, "     %04X TO %-8s %s DIST %-8s DEST OFF", d->devno, u && u->to[0] ? u->to : "SYSTEM",
            u && u->to[0] ? "RDR" : prt ? "PRT" : "PUN", u && u->dist[0] ? u->dist : vm->userid);
    cmd_out(ctx, "     %04X FLASH        CHAR       MDFY      0 FCB%s", d->devno, prt ? "       LPP OFF" : "");
    char name[24] = "NONAME";
    if (u && u->fn[0])
        fmt(name, sizeof name, "NAME %s%s%s", u->fn, u->ft[0] ? " " : "", u->ft);
    cmd_out(ctx, "     %04X %04X NOEOF %s %s %s %s", d->devno, d->devtype, state, keep,
            u && u->msg ? "MSG" : "NOMSG", name);
    cmd_out(ctx, "     %04X SUBCHANNEL = %04X", d->devno, d->schnum);
}

static void show_dev(struct cmd_ctx *ctx, struct vm *vm, const struct vdev *d)
{
    const struct dir_user *u = dir_find(&sysdir, vm->userid);
    const struct dir_dev *dd = u ? dir_find_dev(u, d->devno) : 0;
    switch (kind_of(d)) {
    case VK_CONS: {
        char where[16];
        uint16_t term = vm_terminal_devno(vm);
        if (term)
            fmt(where, sizeof where, "ON TERM %04X", term);
        else
            str_copy(where, "DISCONNECTED", sizeof where);
        if (vm->secuser[0])
            cmd_out(ctx, "CONS %04X %-12s   SECUSER %s", d->devno, where, vm->secuser);
        else
            cmd_out(ctx, "CONS %04X %s", d->devno, where);
        break;
    }
    case VK_RDR:
    case VK_PUN:
    case VK_PRT:
        show_ur(ctx, vm, d, dd);
        return;
    case VK_DASD: {
        /* One line, as z/VM's QUERY VIRTUAL DASD (and QUERY MDISK here). */
        struct vdasd_info info;
        if (vdasd_info(d, &info) == 0) {
            cmd_out(ctx, "DASD %04X %04X %-6s %s %6u CYL ON DASD  %04X SUBCHANNEL = %04X", d->devno,
                    d->devtype, info.tdisk ? "(TEMP)" : info.rdev->volser[0] ? info.rdev->volser : "------",
                    info.readonly ? "R/O" : "R/W", info.cyls, info.rdev->devno, d->schnum);
            return;
        }
        cmd_out(ctx, "DASD %04X %04X", d->devno, d->devtype);
        break;
    }
    default:
        cmd_out(ctx, "DEV  %04X", d->devno);
        break;
    }
    cmd_out(ctx, "     %04X %04X SUBCHANNEL = %04X", d->devno, d->devtype, d->schnum);
}

/* Every device of one kind (or all, kind < 0); 0 if there was none. */
static int show_kind(struct cmd_ctx *ctx, struct vm *vm, int kind)
{
    int n = 0;
    for (int k = 0; k < VK_NKINDS; k++)
        for (int i = 0; i < vm->nvdev; i++)
            if (kind_of(&vm->vdev[i]) == (enum vkind)k && (kind < 0 || kind == k)) {
                show_dev(ctx, vm, &vm->vdev[i]);
                n++;
            }
    return n;
}

enum { OP_ALL = -1, OP_STORAGE = -2, OP_CPUS = -3, OP_UR = -4 };

static const struct { const char *name; uint8_t minlen; int what; const char *none; } ops[] = {
    { "ALL",     3, OP_ALL,     0 },
    { "STORAGE", 4, OP_STORAGE, 0 },
    { "CPUS",    4, OP_CPUS,    0 },
    { "CONSOLE", 4, VK_CONS,    "console" },
    { "READER",  4, VK_RDR,     "reader" },
    { "RDR",     3, VK_RDR,     "reader" },
    { "PUNCH",   3, VK_PUN,     "punch" },
    { "PRINTER", 4, VK_PRT,     "printer" },
    { "PRT",     3, VK_PRT,     "printer" },
    { "UR",      2, OP_UR,      "unit record" },
    { "DASD",    4, VK_DASD,    "DASD" },
};

int query_virtual(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n > 1)
        return msg_invalid_option(ctx, a->v[1]);
    const char *op = a->n ? a->v[0] : "ALL";
    size_t len = strlen(op);
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (len < ops[i].minlen || len > strlen(ops[i].name) || strncmp(ops[i].name, op, len))
            continue;
        int n = 0;
        switch (ops[i].what) {
        case OP_ALL:
            show_storage(ctx, vm);
            show_cpus(ctx, vm);
            show_kind(ctx, vm, -1);
            return 0;
        case OP_STORAGE:
            show_storage(ctx, vm);
            return 0;
        case OP_CPUS:
            show_cpus(ctx, vm);
            return 0;
        case OP_UR:
            n = show_kind(ctx, vm, VK_RDR) + show_kind(ctx, vm, VK_PUN) + show_kind(ctx, vm, VK_PRT);
            break;
        default:
            n = show_kind(ctx, vm, ops[i].what);
            break;
        }
        if (!n)
            cmd_out(ctx, "HCPQVD9230I No virtual %s devices", ops[i].none);
        return 0;
    }
    uint16_t devno;
    if (dir_parse_vdev(op, &devno) != 0)
        return msg_invalid_option(ctx, op);
    const struct vdev *d = vm_vdev(vm, devno);
    if (!d) {
        cmd_out(ctx, "HCPQVD040E Device %04X does not exist", devno);
        return 40;
    }
    show_dev(ctx, vm, d);
    return 0;
}

/* QUERY CONSOLE: z/VM's short form of QUERY VIRTUAL CONSOLE.  Linux's
 * conmode_default() (arch/s390/kernel/setup.c) asks it through DIAG X'08'
 * and reads the console's device number at offset 5 of the answer
 * ("CONS 0009 ...") and its subchannel after "SUBCHANNEL =". */
int query_console(struct cmd_ctx *ctx, struct cmd_args *a)
{
    struct vm *vm = cmd_vm(ctx);
    if (!vm)
        return RC_NO_VM;
    if (a->n)
        return msg_invalid_option(ctx, a->v[0]);
    if (!show_kind(ctx, vm, VK_CONS))
        cmd_out(ctx, "HCPQVD9230I No virtual console devices");
    return 0;
}
