/* The 3390 IPL volume: IPL records that load a flat nucleus image at its
 * link address and start it (ipl/dasdipl.c).
 *
 * Cylinder 0 head 0: R0, R1 = IPL1 (key "IPL1", 24 bytes: IPL PSW + two
 * CCWs), R2 = IPL2 (key "IPL2": the loader channel program and its
 * arguments, read to DASDIPL_IPL2_ADDR), R3 = VOL1 (key "VOL1", 80 bytes).
 * The nucleus follows from cylinder 0 head 1 in 4096-byte records R1-R12,
 * the last one short. */
#ifndef IPL_DASDIPL_H
#define IPL_DASDIPL_H
#include <stddef.h>
#include <stdint.h>

#define DASDIPL_IPL1_LEN       24
#define DASDIPL_VOL1_LEN       80
#define DASDIPL_IPL2_ADDR      0x2000u    /* free during IPL: above lowcore */
#define DASDIPL_IPL2_END       0x10000u   /* IPL2 must end at or below this */
#define DASDIPL_LIMIT_24       0x1000000u /* format-0 CCWs address 24 bits */
#define DASDIPL_REC_LEN        4096
#define DASDIPL_RECS_PER_TRACK 12         /* 4 KiB records on a real 3390 track */
#define DASDIPL_FIRST_TRACK    1          /* the nucleus starts at cyl 0 head 1 */

/* IPL2 holds, per nucleus track, one Seek and an 8-byte argument slot,
 * and per record Search ID Equal, TIC, Read Data and an argument slot. */
#define DASDIPL_IPL2_PER_TRACK  16
#define DASDIPL_IPL2_PER_RECORD 32

/* Usable bytes of a real 3390 track after R0: 1729 cells of 34 bytes. */
#define DASD3390_TRACK_BYTES   58786

enum {
    DASDIPL_OK = 0,
    DASDIPL_EEMPTY = -1,    /* empty nucleus */
    DASDIPL_EENTRY = -2,    /* entry not a 31-bit address */
    DASDIPL_E24 = -3,       /* nucleus reaches above 16 MiB */
    DASDIPL_EOVERLAP = -4,  /* nucleus overlaps lowcore or IPL2 */
    DASDIPL_EIPL2 = -5,     /* IPL2 too big for its storage or for track 0 */
    DASDIPL_EVOLUME = -6,   /* volume too small for the nucleus */
    DASDIPL_EGEOMETRY = -7, /* not a usable volume geometry */
    DASDIPL_ENOMEM = -8,
    DASDIPL_ENOVOL1 = -9,   /* no VOL1 label to keep */
    DASDIPL_ECKD = -10,     /* the image file failed (see err) */
};

struct dasdipl {
    uint8_t ipl1[DASDIPL_IPL1_LEN];
    uint8_t *ipl2;          /* malloc'd; dasdipl_free */
    size_t ipl2_len;
    size_t len;             /* nucleus bytes */
    uint32_t load, entry;
    size_t nrecs;           /* nucleus records */
    size_t ntracks;         /* nucleus tracks */
    uint32_t heads;
    char err[256];          /* what went wrong, for the message */
};

/* Where nucleus record i lives and which part of the image it holds. */
struct dasdipl_loc {
    uint16_t cyl, head;
    uint8_t rec;
    size_t off;             /* image offset; loaded at load + off */
    uint16_t len;
};

/* Build IPL1 and IPL2 for a nucleus of `len` bytes loaded at `load` and
 * entered at `entry` (ESA/390, 31-bit), on a volume of cyls x heads. */
int dasdipl_build(struct dasdipl *d, size_t len, uint32_t load, uint32_t entry,
                  uint32_t cyls, uint32_t heads);
void dasdipl_locate(const struct dasdipl *d, size_t i, struct dasdipl_loc *loc);
void dasdipl_free(struct dasdipl *d);

/* Bytes a record takes on a real 3390 track (IBM 3390 capacity formula:
 * 34-byte cells; Hercules dasdtab.c carries the same constants). */
size_t dasd3390_record_bytes(uint8_t keylen, uint16_t datalen);

/* Build the IPL records and write them and the nucleus onto an open 3390
 * image, keeping its VOL1 label.  d is built here; dasdipl_free it. */
struct ckd_image;
int dasdipl_write(struct dasdipl *d, struct ckd_image *img, const uint8_t *image, size_t len,
                  uint32_t load, uint32_t entry);

#endif
