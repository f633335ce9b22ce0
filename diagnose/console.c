/* Console DIAGNOSE codes: X'08' (CP commands from the guest) and X'5C'
 * (error message editing by SET EMSG). */
#include "diagnose/diag.h"
#include "cp/vm/guest.h"
#include "cp/vm/vdevs.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"

#define X08_REJECT_PW  0x80     /* reject a password on the line (accepted, no effect) */
#define X08_RESPONSE   0x40     /* response into the buffer at Rx+1, length Ry+1 */
#define X08_PROMPT_PW  0x20     /* prompt for a password (accepted, no effect) */
#define X08_RESERVED   0x1F

/* Guest EBCDIC to ASCII, keeping X'15' (the command separator) as is. */
static void command_text(char *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i] == 0x15 ? '\x15' : (char)ebcdic_to_ascii[src[i]];
    dst[n] = 0;
}

/* A response buffer: complete lines only, each ending in X'15'; once a line
 * does not fit, it and every later line count as bytes that did not fit. */
struct x08_buf {
    struct diag_args *a;
    uint64_t addr, size, used, lost;
    int fault;
};

static void to_buffer(void *arg, const char *line)
{
    struct x08_buf *b = arg;
    size_t n = strlen(line);
    if (b->lost || b->used + n + 1 > b->size) {
        b->lost += n + 1;
        return;
    }
    uint8_t e[CMD_LINE_MAX * 2 + 1];
    if (n > sizeof e - 1)
        n = sizeof e - 1;
    ebcdic_from_ascii(e, line, n);
    e[n] = 0x15;
    if (guest_write(b->a->v, b->addr + b->used, e, n + 1))
        b->fault = 1;
    b->used += n + 1;
}

static void to_terminal(void *arg, const char *line)
{
    vm_console_write(arg, line);
}

/* X'08': Rx -> EBCDIC commands (X'15' between them), Ry = flags (byte 0 of
 * the low word) and length (up to 240).  Ry = 0: CP READ (the virtual
 * machine stops in CP until BEGIN).  With X'40', Rx+1 -> buffer of Ry+1
 * bytes; Rx, Ry must then not be consecutive nor R15.  On return Ry = the
 * CP return code; with a buffer cc 0 and Ry+1 = response length, or cc 1
 * and Ry+1 = bytes that did not fit.  (VM/370 SPG GC20-1807 p216, VM/PC
 * User's Guide A-7; limits as z/VM: 240 bytes of commands.) */
void diag_x08(struct diag_args *a)
{
    struct vm *vm = a->v->vm;
    uint32_t ry = diag_reg32(a, a->ry);
    uint8_t flags = (uint8_t)(ry >> 24);
    uint32_t len = ry & 0xFFFFFF;
    if (ry == 0) {
        vm_cp_stop(vm);                 /* CP READ: every vCPU stops */
        return;
    }
    int resp = flags & X08_RESPONSE;
    if ((flags & X08_RESERVED) || len > DIAG_CMD_MAX)
        return (void)diag_spec(a);
    if (resp && (a->rx == a->ry + 1 || a->ry == a->rx + 1 || a->rx == 15 || a->ry == 15))
        return (void)diag_spec(a);
    uint8_t raw[DIAG_CMD_MAX];
    char cmds[DIAG_CMD_MAX + 1];
    if (diag_read(a, diag_addr(a, a->rx), raw, len))
        return;
    struct x08_buf b = { .a = a };
    if (resp) {
        b.addr = diag_addr(a, a->rx + 1);
        b.size = diag_reg32(a, a->ry + 1);
        if (diag_check(a, b.addr, b.size, 1))
            return;
    }
    command_text(cmds, raw, len);
    int rc = diag_run_commands(vm, cmds, resp ? to_buffer : to_terminal, resp ? (void *)&b : vm);
    if (!vm->in_use) {
        a->v->state = VCPU_STOPPED;     /* logged off by its own command */
        return;
    }
    if (b.fault)
        return (void)diag_addressing(a);
    diag_set32(a, a->ry, (uint32_t)rc);
    if (resp) {
        diag_set32(a, a->ry + 1, (uint32_t)(b.lost ? b.lost : b.used));
        vcpu_set_cc(a->v, b.lost ? 1 : 0);
    }
}

/* The message's code: the first blank-delimited word, if it looks like
 * one (xxxmmmnnnS: at least 7 characters, a letter at the end). */
static size_t code_length(const uint8_t *m, size_t n)
{
    size_t i = 0;
    while (i < n && m[i] != EBCDIC_SPACE)
        i++;
    if (i < 7 || i > 12)
        return 0;
    char last = (char)ebcdic_to_ascii[m[i - 1]];
    return (last >= 'A' && last <= 'Z') ? i : 0;
}

/* X'5C': Rx -> a message, Ry = its length.  By the user's SET EMSG, CP
 * returns in Rx/Ry the part to show: ON all of it, TEXT the text after the
 * code and its blank, CODE the code only, OFF and IGNORE nothing (Ry = 0).
 * A message without a code is shown whole unless EMSG is OFF or IGNORE.
 * Nothing is written to storage; the condition code is unchanged. */
void diag_x5c(struct diag_args *a)
{
    uint64_t addr = diag_addr(a, a->rx);
    uint32_t len = diag_reg32(a, a->ry);
    if ((int32_t)len < 0)
        return (void)diag_spec(a);
    uint8_t head[13];
    size_t peek = len < sizeof head ? len : sizeof head;
    if (diag_check(a, addr, len, 1) || diag_read(a, addr, head, peek))
        return;
    size_t code = code_length(head, peek);
    switch (a->v->vm->diag.emsg) {
    case EMSG_TEXT:
        if (code) {
            size_t skip = code + 1 <= len ? code + 1 : len;
            vcpu_set_gpr(a->v, a->rx, diag_reg(a, a->rx) + skip);
            diag_set32(a, a->ry, len - (uint32_t)skip);
        }
        break;
    case EMSG_CODE:
        if (code)
            diag_set32(a, a->ry, (uint32_t)code);
        break;
    case EMSG_OFF:
    case EMSG_IGNORE:
        diag_set32(a, a->ry, 0);
        break;
    default:
        break;
    }
}
