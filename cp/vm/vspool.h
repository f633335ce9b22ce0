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
    /* DIAGNOSE X'14' on a reader (diagnose/spool.c) */
    uint8_t d14;                /* the active file was taken by DIAG X'14' */
    uint8_t d14_eof;            /* and its end was reached (cc 1) */
    uint8_t d14_copy;           /* copies of it read to the end (SPOOL CONT) */
    uint8_t d14_sfb_code;       /* X'0004'/X'0008'/X'001C' scan going on, 0: none */
    uint16_t d14_sel;           /* X'000C': the file to take next */
    uint32_t d14_bufs;          /* spool buffers delivered since its start */
    uint32_t d14_sfb;           /* queue order of the last SFBLOK the scan gave */
    /* DIAGNOSE X'F8' on a punch or printer (diagnose/spoolsys.c): the
     * origin for the next file it opens ("": none set) */
    char f8_node[9], f8_user[9];
};

/* The vur of a unit-record device, NULL for other devices. */
struct vur *vur_of(struct vdev *d);
/* Add a unit-record device to vm with the default options (class c). */
struct vdev *vur_add(struct vm *vm, uint16_t devno, uint16_t devtype, int queue, char cls);

/* Close the output file on d (CLOSE, LOGOFF, SPOOL ... CLOSE) and send it
 * where the options say; messages to the user.  0, or a negative spool error. */
int vur_close(struct vdev *d);
/* While set, the closer's own line of vur_close (PUN FILE nnnn SENT TO ...)
 * goes to out(arg, line) instead of the user's console: CLOSE's response. */
void vur_close_respond(void (*out)(void *arg, const char *line), void *arg);
/* A file arrived in userid's reader queue: attention on an idle reader. */
void vur_reader_notify(const char *userid);
/* Close every open output file of vm (LOGOFF, SHUTDOWN). */
void vur_close_all(struct vm *vm);

/* Readers: the first file the reader would take (class, hold, in use),
 * or NULL; start reading f on d (0, or a negative spool error); f read to
 * its end: purge, keep or hold it as the options say; stop reading (the
 * file stays); CLOSE: hold / keep -1 (the options decide), 0 or 1, purge
 * 1 to purge whatever the options say. */
struct spoolfile *vur_rdr_pick(struct vdev *d);
int vur_rdr_activate(struct vdev *d, struct spoolfile *f);
void vur_rdr_done(struct vdev *d);
void vur_rdr_release(struct vdev *d);
void vur_rdr_close(struct vdev *d, int hold, int keep, int purge);

/* Console spooling (SPOOL CONSOLE): the console's options (a printer
 * file, class T by default), START/STOP, CLOSE (0 or a spool error), a
 * console line to log, LOGOFF (close, options back to the defaults). */
struct vur *vur_console(struct vm *vm);
int vur_console_on(struct vm *vm);
void vur_console_start(struct vm *vm, int on);
int vur_console_close(struct vm *vm);
void vur_console_log(struct vm *vm, const char *text);
void vur_console_end(struct vm *vm);
/* spool_sent_messages with the origin queue's name ("CON"). */
void spool_sent_messages_as(const struct spoolfile *f, const char *from, const char *qname);

/* "RDR", "PRT", "PUN". */
const char *spool_qname(int q);
/* RECS field as z/VM shows it: 4 digits, or nnnK. */
void spool_recs(char *out, uint32_t n);
/* A file arrives in `to`'s reader: messages to both users. */
void spool_sent_messages(const struct spoolfile *f, const char *from, int from_queue);
#endif
