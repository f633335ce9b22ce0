/* SIE interceptions.  Instruction intercepts arrive with the guest PSW
 * already past the instruction (DESIGN.md), IPA/IPB holding its text. */
#include "cp/vm/intercept.h"
#include "cp/vm/guest.h"
#include "cp/vm/vcss.h"

#define PSW_PSTATE 0x0001000000000000ULL

typedef void (*instr_fn)(struct vcpu *v);

static void io_ssch(struct vcpu *v) { vcss_ssch(v, guest_s_addr(v)); }
static void io_tsch(struct vcpu *v) { vcss_tsch(v, guest_s_addr(v)); }
static void io_stsch(struct vcpu *v) { vcss_stsch(v, guest_s_addr(v)); }
static void io_msch(struct vcpu *v) { vcss_msch(v, guest_s_addr(v)); }
static void io_tpi(struct vcpu *v) { vcss_tpi(v, guest_s_addr(v)); }
static void io_stcrw(struct vcpu *v) { vcss_stcrw(v, guest_s_addr(v)); }

/* Opcodes: one byte (DIAG, SIGP) as X'xx00' with one_byte set, or two
 * (X'B2xx').  All but STFLE are privileged: a problem-state guest gets X'0002'. */
static const struct {
    uint16_t op;
    uint8_t one_byte;
    const char *name;
    instr_fn fn;
} instr_table[] = {
    { 0x8300, 1, "DIAG",  instr_diag },
    { 0xAE00, 1, "SIGP",  instr_sigp },
    { 0xB202, 0, "STIDP", instr_stidp },
    { 0xB204, 0, "SCK",   instr_sck },
    { 0xB210, 0, "SPX",   instr_spx },
    { 0xB211, 0, "STPX",  instr_stpx },
    { 0xB212, 0, "STAP",  instr_stap },
    { 0xB220, 0, "SERVC", instr_servc },
    { 0xB230, 0, "CSCH",  vcss_csch },
    { 0xB231, 0, "HSCH",  vcss_hsch },
    { 0xB232, 0, "MSCH",  io_msch },
    { 0xB233, 0, "SSCH",  io_ssch },
    { 0xB234, 0, "STSCH", io_stsch },
    { 0xB235, 0, "TSCH",  io_tsch },
    { 0xB236, 0, "TPI",   io_tpi },
    { 0xB238, 0, "RSCH",  vcss_rsch },
    { 0xB239, 0, "STCRW", io_stcrw },
    { 0xB25F, 0, "CHSC",  instr_chsc },
    { 0xB2F0, 0, "IUCV",  instr_iucv },
    { 0xB2B1, 0, "STFL",  instr_stfl },
    { 0xB27D, 0, "STSI",  instr_stsi },
    { 0xB2B0, 0, "STFLE", instr_stfle },
    { 0xB229, 0, "ISKE",  instr_key },      /* page not resident: cp/vm/keys.c */
    { 0xB22A, 0, "RRBE",  instr_key },
    { 0xB22B, 0, "SSKE",  instr_key },
};

/* Instruction length from the first two opcode bits (PoP, "Instructions"). */
static int ilc_of(uint16_t ipa)
{
    int top = ipa >> 14;
    return top == 0 ? 2 : top == 3 ? 6 : 4;
}

static void instruction(struct vcpu *v)
{
    uint16_t ipa = v->sd.ipa;
    for (unsigned i = 0; i < sizeof instr_table / sizeof instr_table[0]; i++) {
        uint16_t op = instr_table[i].op;
        if (instr_table[i].one_byte ? (ipa >> 8) != (op >> 8) : ipa != op)
            continue;
        /* DIAG decides itself: its table says which codes problem state may issue;
         * STFLE is not privileged. */
        if ((v->sd.psw_mask & PSW_PSTATE) && ipa != 0xB2B0 && instr_table[i].fn != instr_diag) {
            vcpu_program_interrupt(v, PGM_PRIVILEGED, ilc_of(ipa));
            return;
        }
        instr_table[i].fn(v);
        return;
    }
    /* An instruction we do not simulate: as the machine would answer an
     * unknown one.  Named once on the operator console, for the guest's author. */
    vm_report(v->vm, "instruction %04X%08X intercepted, not simulated: operation exception",
              ipa, v->sd.ipb);
    vcpu_program_interrupt(v, PGM_OPERATION, ilc_of(ipa));
}

static void wait_state(struct vcpu *v)
{
    vcpu_check_wait(v);
    if (v->state == VCPU_HALTED)
        vm_report(v->vm, "CPU %02X disabled wait, PSW %016llX %016llX", v->cpuaddr,
                  (unsigned long long)v->sd.psw_mask, (unsigned long long)v->sd.psw_addr);
}

static void validity(struct vcpu *v)
{
    v->state = VCPU_HALTED;
    vm_report(v->vm, "CPU %02X stopped: SIE validity intercept, reason %04X", v->cpuaddr,
              (unsigned)(v->sd.ipb >> 16));
}

static void operation_exception(struct vcpu *v)
{
    vcpu_program_interrupt(v, PGM_OPERATION, ilc_of(v->sd.ipa));
}

/* A guest program interruption the machine intercepted (Hercules always
 * does for addressing, specification and special-operation exceptions):
 * its fields sit in the state description X'40' past their places in the
 * prefix area (ILC/code at X'CC', through the TEID at X'E8'); CP puts them
 * there and swaps the program PSWs, as the machine would have. */
static void program_interruption(struct vcpu *v)
{
    const uint8_t *sd = (const uint8_t *)&v->sd;
    uint16_t ilc = (uint16_t)(sd[0xCC] << 8 | sd[0xCD]);
    uint16_t code = (uint16_t)(sd[0xCE] << 8 | sd[0xCF]);
    gstor_write(&v->vm->stor, v->sd.prefix + 0x90, sd + 0xD0, 0xB0 - 0x90);
    vcpu_program_interrupt(v, code, ilc);
}

/* A guest external interruption (clock comparator, CPU timer) the machine
 * took while the guest ran and intercepted, as Hercules does without the
 * external-interruption assist (its external.c): the interruption code,
 * CPU address and parameter sit in the state description X'40' past their
 * places in the prefix area (X'80'-X'87'); the guest's PSW is the old PSW.
 * CP stores them and swaps the external PSWs, as the machine would have. */
static void external_interruption(struct vcpu *v)
{
    const uint8_t *sd = (const uint8_t *)&v->sd;
    vcpu_external_interrupt(v, sd + 0xC0);
}

static void unexpected(struct vcpu *v)
{
    v->state = VCPU_HALTED;
    vm_report(v->vm, "CPU %02X stopped: unexpected SIE interception code %u", v->cpuaddr,
              v->sd.icptcode);
}

/* The guest enabled for an interruption CP had pending (intervention
 * request): the dispatcher presents it before SIE runs again. */
static void deliver_next(struct vcpu *v)
{
}

static const struct {
    uint8_t code;
    instr_fn fn;
} icpt_table[] = {
    { ICPT_INST,     instruction },
    { ICPT_PROG,     program_interruption },
    { ICPT_INSTPROG, program_interruption },
    { ICPT_EXTREQ,   deliver_next },
    { ICPT_IOREQ,    deliver_next },
    { ICPT_EXTINT,   external_interruption },
    { ICPT_WAIT,     wait_state },
    { ICPT_VALIDITY, validity },
    { ICPT_OPEREXC,  operation_exception },
};

void intercept_handle(struct vcpu *v)
{
    v->intercepts++;
    /* DIAGNOSE, the commonest intercept of a guest talking to CP, goes
     * straight to its handler (as the table walks below would send it). */
    if (v->sd.icptcode == ICPT_INST && (v->sd.ipa >> 8) == 0x83) {
        instr_diag(v);
        return;
    }
    for (unsigned i = 0; i < sizeof icpt_table / sizeof icpt_table[0]; i++)
        if (icpt_table[i].code == v->sd.icptcode) {
            icpt_table[i].fn(v);
            return;
        }
    unexpected(v);
}
