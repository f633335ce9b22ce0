/* Virtual unit record devices on spool files (cp/vm/vur.c): readers
 * (2540R/3505), punches (2540P/3525) and printers (1403), each with its
 * SPOOL options; the system spool (sysspool) they read and write. */
#ifndef CP_VM_VSPOOL_H
#define CP_VM_VSPOOL_H
#include "cp/vm/vm.h"
#include "spool/spool.h"

extern struct spool sysspool;

extern const struct vdev_ops vrdr_ops;     /* 2540 reader / 3505 */
extern const struct vdev_ops vpun_ops;     /* 2540 punch / 3525 */
extern const struct vdev_ops vprt_ops;     /* 1403 */

/* A device's spool options (SPOOL command) and its file. */
struct vur {
    struct vdev *d;
    uint8_t queue;              /* SQ_RDR, SQ_PUN, SQ_PRT */
    char cls;                   /* output class; reader: class read, '*' = any */
    uint8_t cont, hold, keep, msg;
    uint8_t copies;
    char to[9];                 /* output: target user ("" = the system) */
    char form[9], dist[9];
    char fn[9], ft[9];          /* NAME for the next file */
    int file;                   /* spoolid open (output) or being read, 0 if none */
    uint8_t eof_pending;        /* reader: end of file reached, next read says UX */
    struct spool_cursor *cur;   /* reader */
};

/* The vur of a unit-record device, NULL for other devices. */
struct vur *vur_of(struct vdev *d);
/* Add a unit-record device to vm with the default options (class c). */
struct vdev *vur_add(struct vm *vm, uint16_t devno, uint16_t devtype, int queue, char cls);

/* Close the output file on d (CLOSE, LOGOFF, SPOOL ... CLOSE) and send it
 * where the options say; messages to the user.  0, or a negative spool error. */
int vur_close(struct vdev *d);
/* A file arrived in userid's reader queue: attention on an idle reader. */
void vur_reader_notify(const char *userid);
/* Close every open output file of vm (LOGOFF, SHUTDOWN). */
void vur_close_all(struct vm *vm);

/* "RDR", "PRT", "PUN". */
const char *spool_qname(int q);
/* RECS field as z/VM shows it: 4 digits, or nnnK. */
void spool_recs(char *out, uint32_t n);
/* A file arrives in `to`'s reader: messages to both users. */
void spool_sent_messages(const struct spoolfile *f, const char *from, int from_queue);
#endif
