#ifndef CP_DEV_SPOOLVOL_H
#define CP_DEV_SPOOLVOL_H
/* Find the spool volume and warm start the spool from it (messages on the
 * operator console).  The number of files, or -1 without a spool. */
int spoolvol_start(void);
#endif
