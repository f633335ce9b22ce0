#include "cp/sys/sysdir.h"
#include "cp/dev/eckd.h"
#include "cp/mm/frames.h"
#include "cp/mm/real.h"
#include "cp/sys/opcon.h"
#include "lib/be.h"
#include "lib/ebcdic.h"
#include "lib/mem.h"
#include "lib/str.h"

struct directory sysdir;
static char text[SYSDIR_MAX_TEXT];
static uint8_t rec[SYSDIR_RECLEN] __attribute__((aligned(8)));

static void report(void *arg, int line, const char *msg)
{
    opcon_printf("%s (USER DIRECT line %d)", msg, line);
}

static int read_rec(struct rdev *dev, uint32_t n)
{
    uint32_t track = n / SYSDIR_RECS_PER_TRACK;
    uint32_t cyl = SYSDIR_CYL + track / dev->heads, head = track % dev->heads;
    uint8_t r = (uint8_t)(n % SYSDIR_RECS_PER_TRACK + 1);
    return eckd_read(dev, cyl, head, r, rec, sizeof rec) == (int)sizeof rec ? 0 : -1;
}

int sysdir_load(void)
{
    struct rdev *dev = 0;
    for (int i = 0; i < rdev_count && !dev; i++)
        if (rdevs[i].cls == RDEV_DASD && strcmp(rdevs[i].volser, SYSDIR_VOLSER) == 0)
            dev = &rdevs[i];
    if (!dev || !dev->heads || read_rec(dev, 0) != 0) {
        opcon_printf("HCPDIR9101W No system directory: volume %s not found or not readable; no users can log on", SYSDIR_VOLSER);
        return -1;
    }
    char magic[9];
    ebcdic_to_ascii_buf(magic, rec, 8);
    magic[8] = 0;
    uint32_t len = be32_get(rec + 8);
    if (strcmp(magic, SYSDIR_MAGIC) != 0 || len > SYSDIR_MAX_TEXT) {
        opcon_printf("HCPDIR9102E No system directory on volume %s", SYSDIR_VOLSER);
        return -1;
    }
    uint32_t done = 0, off = 16, n = 0;
    while (done < len) {
        uint32_t k = SYSDIR_RECLEN - off < len - done ? SYSDIR_RECLEN - off : len - done;
        ebcdic_to_ascii_buf(text + done, rec + off, k);
        done += k;
        off = 0;
        if (done < len && read_rec(dev, ++n) != 0) {
            opcon_printf("HCPDIR9103E The system directory on volume %s is damaged", SYSDIR_VOLSER);
            return -1;
        }
    }
    int errs = dir_parse(&sysdir, text, len, report, 0);
    opcon_printf("HCPDIR9100I Directory loaded from %s: %d users, %d errors", SYSDIR_VOLSER,
                 sysdir.nusers, errs);
    return 0;
}
