/* Spool files as a guest sees them through DIAGNOSE X'14': 4 KiB spool
 * buffers in z/VM's SPLINK layout and the spool file block (SFBLOK).
 * Portable (host-tested).  Layouts as Linux reads them (drivers/s390/char/
 * vmur.h struct file_control_block, s390-tools vmur/vmur.h struct
 * splink_page / splink_record; VM/SP SPG SC19-6203 DIAG X'14'):
 *
 * Buffer (4096 bytes, big-endian):
 *   0 magic (4): 0 for a data file   4 ZCP: buffer number, 1-based (4)
 *   8 zero (4)   12 records in this buffer (4)   16 records ...
 *   4064 file record length (2)   4088 spoolid (2)   rest zero
 * A record: 0 CCW (8: command, 3 zero, flags, zero, data count (2)),
 *   8 zero (2), 10 entry length (2) = 12 + count, 12 data (count bytes,
 *   trailing EBCDIC blanks removed, at least one byte).  A printer's
 *   control-immediate command (carriage motion, no data) is the 8-byte CCW
 *   alone with flag X'10'.
 *
 * SFBLOK (104 bytes, 13 doublewords):
 *   8 owner  16 origin userid (EBCDIC, 8 each)  24 records (4)
 *   28 record length (2)  30 spoolid (2)  32 status (X'80' in use,
 *   X'20' user hold, X'04' system hold)  33 origin device type byte
 *   40 file name  52 file type (12 each, blank-padded)
 *   64 MM/DD/YY  72 HH:MM:SS (creation, UTC)  86 class  88 distribution (8)
 *   100 copies  101 ZCP flags (X'80' KEEP, X'40' MSG)  rest zero */
#ifndef SPOOL_SPLINK_H
#define SPOOL_SPLINK_H
#include "spool/spool.h"

#define SPLINK_SIZE        4096
#define SPLINK_DATA        16
#define SPLINK_DATA_END    4064
#define SPLINK_RECLEN_AT   4064
#define SPLINK_SPOOLID_AT  4088
#define SPLINK_REC_HDR     12
#define SPLINK_CCW_IMMED   0x10

#define SFBLOK_SIZE        104
#define SFB_INUSE          0x80
#define SFB_USERHOLD       0x20
#define SFB_SYSHOLD        0x04
#define SFB_ZCP_KEEP       0x80
#define SFB_ZCP_MSG        0x40

/* The file's record length as SFBLOK and the buffers give it. */
uint16_t splink_reclen(const struct spoolfile *f);
/* Fill out with the next buffer (number bufno) of the file read through c:
 * as many whole records as fit.  Returns the number of records put in it
 * (0: the file had no more), or a negative spool error. */
int splink_fill(struct spool *s, struct spool_cursor *c, const struct spoolfile *f,
                uint32_t bufno, uint8_t *out);
/* Skip one buffer's worth of records (what splink_fill would deliver). */
int splink_skip(struct spool *s, struct spool_cursor *c, const struct spoolfile *f);
/* The SFBLOK of f (in_use: active on a reader). */
void sfblok_build(const struct spoolfile *f, int in_use, uint8_t *out);
#endif
