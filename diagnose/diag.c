/* DIAGNOSE dispatch.  Rx and Ry come from the instruction's R1/R3 fields
 * (IPA bits 8-15), the code from the second-operand address (base +
 * displacement, low 16 bits), as z/VM and KVM decode it.  Then, in order:
 * problem state -> privileged-operation exception (unless the row allows
 * it); a code not in the table, or one the user's privilege classes do not
 * allow -> specification exception, as z/VM treats an undefined code
 * (CP Commands and Utilities Reference, DEFINE DIAGNOSE usage notes).
 * Addresses in registers are guest real addresses (CP Programming
 * Services); storage is reached only through the checked helpers here. */
#include "diagnose/diag.h"
#include "cp/vm/guest.h"
#include "cp/vm/intercept.h"
#include "lib/mem.h"
#include "diagnose/blockio.h"

#define PSW_PSTATE 0x0001000000000000ULL
#define PSW_EA     0x0000000100000000ULL

const struct diag_entry diag_table[] = {
    { 0x0000, "Store extended identification code", "G", 0, diag_x00 },
    { 0x0008, "Virtual console function",           "G", 0, diag_x08 },
    { 0x000C, "Pseudo timer",                       "G", 0, diag_x0c },
    { 0x0010, "Release pages",                      "G", 0, diag_x10 },
    { 0x0014, "Input spool file manipulation",      "G", 0, diag_x14 },
    { 0x0024, "Device type and features",           "G", 0, diag_x24 },
    { 0x0044, "Voluntary time-slice end",           "G", 0, diag_x44 },
    { 0x005C, "Error message editing",              "G", 0, diag_x5c },
    { 0x0060, "Virtual machine storage size",       "G", 0, diag_x60 },
    { 0x009C, "Time-slice end with target CPU",     "G", 0, diag_x9c },
    { 0x00B0, "Access re-IPL data",                 "G", 0, diag_xb0 },
    { 0x00DC, "Application monitor data",           "G", 0, diag_xdc },
    { 0x0210, "Retrieve device information",        "G", 0, diag_x210 },
    { 0x0260, "Access virtual machine information", "G", 0, diag_x260 },
    { 0x0270, "Pseudo timer extended",              "G", 0, diag_x270 },
    { 0x0250, "Block I/O",                          "G", 0, diag_x250 },
    { 0x0288, "Virtual machine watchdog timer",     "G", 0, diag_x288 },
    { 0x0308, "IPL functions",                      "G", 0, diag_x308 },
    { 0x0318, "Set control program codes",          "G", 0, diag_x318 },
    { 0x0214, "Pending page release",               "G", 0, diag_x214 },
    { 0x0258, "Page-reference services",            "G", 0, diag_x258 },
    { 0x00D8, "Read spool file blocks on system queues", "D", 0, diag_xd8 },
    { 0x00F8, "Spool file origin information",      "G", 0, diag_xf8 },
    { 0x0204, "Partition data (simplified)",        "G", 0, diag_x204 },
    { 0x02FC, "Guest performance data",             "G", 0, diag_x2fc },
    { 0, 0, 0, 0, 0 },
};

const int diag_rows = sizeof diag_table / sizeof diag_table[0] - 1;
_Static_assert(sizeof diag_table / sizeof diag_table[0] - 1 <= DIAG_ROWS_MAX,
               "raise DIAG_ROWS_MAX (diagnose/diagvm.h)");

uint64_t diag_count[DIAG_ROWS_MAX];
uint64_t diag_undefined;
uint16_t diag_undef_code[DIAG_UNDEF_MAX];
uint64_t diag_undef_n[DIAG_UNDEF_MAX];
int diag_undef_codes;

int diag_undef_slot(uint16_t code)
{
    for (int i = 0; i < diag_undef_codes; i++)
        if (diag_undef_code[i] == code)
            return i;
    if (diag_undef_codes == DIAG_UNDEF_MAX)
        return -1;
    diag_undef_code[diag_undef_codes] = code;
    return diag_undef_codes++;
}

int diag_row(uint16_t code)
{
    static int last;            /* a guest mostly repeats its last code */
    if (diag_table[last].code == code && last < diag_rows)
        return last;
    for (int i = 0; i < diag_rows; i++)
        if (diag_table[i].code == code)
            return last = i;
    return -1;
}

void instr_diag(struct vcpu *v)
{
    struct diag_args a = {
        .v = v,
        .rx = (v->sd.ipa >> 4) & 0xF,
        .ry = v->sd.ipa & 0xF,
        .code = (uint16_t)guest_s_addr(v),
    };
    struct vm *vm = v->vm;
    int row = diag_row(a.code);
    if ((v->sd.psw_mask & PSW_PSTATE) && (row < 0 || !diag_table[row].problem_ok)) {
        vcpu_program_interrupt(v, PGM_PRIVILEGED, 4);
        return;
    }
    if (row < 0 || !cmd_class_allows(diag_table[row].classes, vm->classes)) {
        diag_undefined++;
        vm->diag.undefined++;
        int slot = diag_undef_slot(a.code);
        if (slot >= 0) {
            diag_undef_n[slot]++;
            vm->diag.undef_count[slot]++;
        }
        vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
        return;
    }
    diag_count[row]++;
    vm->diag.count[row]++;
    diag_table[row].fn(&a);
}

void diag_set32(struct diag_args *a, int r, uint32_t val)
{
    uint64_t old = vcpu_gpr(a->v, r & 15);
    vcpu_set_gpr(a->v, r & 15, (old & ~0xFFFFFFFFULL) | val);
}

uint64_t diag_addr(struct diag_args *a, int r)
{
    return guest_wrap(a->v, vcpu_gpr(a->v, r & 15));
}

int diag_amode64(struct diag_args *a)
{
    return (a->v->sd.psw_mask & PSW_EA) != 0;
}

int diag_spec(struct diag_args *a)
{
    vcpu_program_interrupt(a->v, PGM_SPECIFICATION, 4);
    return -1;
}

int diag_addressing(struct diag_args *a)
{
    vcpu_program_interrupt(a->v, PGM_ADDRESSING, 4);
    return -1;
}

int diag_even(struct diag_args *a, int r)
{
    return (r & 1) ? diag_spec(a) : 0;
}

/* Guest storage is contiguous from 0 and prefixing only swaps pages inside
 * it, so a real range is addressable exactly when it ends within the size. */
int diag_check(struct diag_args *a, uint64_t addr, uint64_t len, unsigned align)
{
    if (align > 1 && (addr & (align - 1)))
        return diag_spec(a);
    uint64_t size = a->v->vm->stor.size;
    if (addr > size || len > size - addr)
        return diag_addressing(a);
    return 0;
}

int diag_read(struct diag_args *a, uint64_t addr, void *buf, size_t len)
{
    if (diag_check(a, addr, len, 1))
        return -1;
    return guest_read(a->v, addr, buf, len) ? diag_addressing(a) : 0;
}

int diag_write(struct diag_args *a, uint64_t addr, const void *buf, size_t len)
{
    if (diag_check(a, addr, len, 1))
        return -1;
    return guest_write(a->v, addr, buf, len) ? diag_addressing(a) : 0;
}

int diag_run_commands(struct vm *vm, const char *cmds,
                      void (*out)(void *arg, const char *line), void *arg)
{
    struct cmd_ctx ctx = { .user = &vm->user, .write = out, .arg = arg };
    char line[DIAG_CMD_MAX + 1];
    int rc = 0;
    const char *p = cmds;
    for (;;) {
        size_t n = 0;
        while (p[n] && p[n] != '\x15' && n < sizeof line - 1)
            n++;
        memcpy(line, p, n);
        line[n] = 0;
        rc = cmd_execute(&ctx, line);
        if (!vm->in_use)
            return rc;          /* the command logged this user off */
        p += n;
        if (*p != '\x15')
            return rc;
        p++;
    }
}
