/* Guest for the CP commands a user issues about their own virtual machine
 * (tests/system/t_vmcmds.py): it marks its storage, then serves console
 * lines the operator SENDs, so the test can see what DISPLAY, STORE, STOP,
 * BEGIN and IPL did from the inside:
 *   peek    the 16 bytes at MARK, in hex
 *   spin    burn CPU time (for QUERY TIME's VIRTCPU), then "spun"
 *   quit    end (disabled wait)
 *   other   echoed back as "echo <line>" */
#include "rt/rt.h"
#include "lib/mem.h"

#define MARK 0x80000UL          /* past the image, stack and buffers */

int main(void)
{
    static const uint8_t vmcmds[8] = { 0xE5, 0xD4, 0xC3, 0xD4, 0xC4, 0xE2, 0x40, 0x40 };  /* "VMCMDS  " */
    volatile uint8_t *mark = (volatile uint8_t *)MARK;
    for (int i = 0; i < 8; i++)
        mark[i] = vmcmds[i];
    print("vmcmds guest started");
    char b[132];
    for (;;) {
        print("# ready");
        if (con_read(b, sizeof b) < 0)
            return 8;
        if (strcmp(b, "peek") == 0) {
            char hex[40];
            for (int i = 0; i < 16; i++)
                snprint(hex + 2 * i, 3, "%02X", mark[i]);
            print("peek %s", hex);
        } else if (strcmp(b, "spin") == 0) {
            for (volatile uint32_t i = 0; i < 20000000; i++)
                ;
            print("spun");
        } else if (strcmp(b, "quit") == 0) {
            return 0;
        } else {
            print("echo %s", b);
        }
    }
}
