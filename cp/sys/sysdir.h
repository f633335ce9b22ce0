/* The system directory: USER DIRECT text kept on the system residence
 * volume (volser ZCPRES), read at IPL.  On-volume layout (written by
 * tools/zcpvol -d): from cylinder 10 track 0 record 1, 4096-byte records,
 * 12 a track, as one byte stream: "ZCPDIR01" (EBCDIC), a 4-byte big-endian
 * text length, 4 reserved bytes, then the text in EBCDIC. */
#ifndef CP_SYS_SYSDIR_H
#define CP_SYS_SYSDIR_H
#include "cp/sys/directory.h"

#define SYSDIR_VOLSER "ZCPRES"
#define SYSDIR_CYL    10
#define SYSDIR_RECLEN 4096
#define SYSDIR_RECS_PER_TRACK 12
#define SYSDIR_MAGIC  "ZCPDIR01"
#define SYSDIR_MAX_TEXT (256 * 1024)

extern struct directory sysdir;
/* Read and parse; errors go to the operator console.  0, or -1 if there
 * is no directory (no ZCPRES volume or no header). */
int sysdir_load(void);
#endif
