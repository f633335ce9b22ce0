/* DIAGNOSE dispatch.  Rx and Ry come from the instruction's R1/R3 fields
 * (IPA bits 8-15), the code from the second-operand address (base +
 * displacement, low 16 bits), as z/VM and KVM decode it.  A problem-state
 * guest has already had its privileged-operation exception
 * (cp/vm/intercept.c); an unknown code gets a specification exception,
 * as on z/VM.  Each family of codes lives in its own file here. */
#include "diagnose/diag.h"
#include "cp/vm/guest.h"
#include "cp/vm/intercept.h"
#include "diagnose/blockio.h"

/* X'44': voluntary time-slice end.  The guest gives up the rest of its
 * slice; the dispatcher runs others before it (cp/sched/dispatch.c). */
static void diag_x44(struct diag_args *a)
{
    a->v->yield = 1;
}

const struct diag_entry diag_table[] = {
    { 0x0044, "Voluntary time-slice end", diag_x44 },
    { 0x0250, "Block I/O", diag_x250 },
    { 0, 0, 0 },
};

uint64_t diag_count[sizeof diag_table / sizeof diag_table[0]];

void instr_diag(struct vcpu *v)
{
    struct diag_args a = {
        .v = v,
        .rx = (v->sd.ipa >> 4) & 0xF,
        .ry = v->sd.ipa & 0xF,
        .code = (uint16_t)guest_s_addr(v),
    };
    for (int i = 0; diag_table[i].fn; i++)
        if (diag_table[i].code == a.code) {
            diag_count[i]++;
            diag_table[i].fn(&a);
            return;
        }
    vcpu_program_interrupt(v, PGM_SPECIFICATION, 4);
}
