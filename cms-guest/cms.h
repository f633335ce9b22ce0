/* The CMS-like guest (docs/cms.md): shared declarations. */
#ifndef CMS_H
#define CMS_H
#include <stdint.h>
#include <stddef.h>
#include "cms-guest/fs/cmsfs.h"

#define LINE 132            /* console line, with room for the NUL */

/* sys.c: hardware, console, CP */
void con_init(void);
void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_line(const char *s);
int con_read(char *buf, int size);      /* a line typed at the console (ASCII) */
int cp_cmd(const char *cmd, int show);  /* DIAG X'08', response lines printed; CP's rc */
int cp_cmd_resp(const char *cmd, char *resp, uint32_t size, uint32_t *rc);
uint32_t sys_enable(uint16_t devno);    /* subchannel of devno, enabled; 0 none */
int sys_run(uint32_t sid, void *ccws, uint8_t *dstat);   /* one channel program, waited for */
void sys_clock(char date[9], char time[9], uint64_t *vcpu, uint64_t *tcpu);
uint32_t sys_date(void);                /* yyyymmdd */
uint32_t sys_time(void);                /* hhmmss */
uint32_t sys_ipl_dev(void);
__attribute__((noreturn)) void sys_wait(uint64_t code);
int fmt(char *buf, size_t size, const char *f, ...) __attribute__((format(printf, 3, 4)));

/* words.c */
int split(char *line, char **w, int max);  /* in place, upper-casing */
void upper(char *s);
int parse_hex(const char *s, uint32_t *v);
int parse_dec(const char *s, uint32_t *v);

/* disk.c: accessed minidisks */
struct disk {
    char mode;              /* 'A'-'Z', 0 free */
    uint16_t vdev;
    int readonly;
    uint32_t offset;        /* DIAG X'250' offset (180 on an IPL disk) */
    uint32_t cyls;
    struct cmsfs_dev dev;
    struct cmsfs fs;
};
struct disk *disk_by_mode(char mode);
struct disk *disk_first(int i);         /* i-th accessed disk in mode order, NULL at end */
int disk_access(uint16_t vdev, char mode, int quiet);
int disk_open_raw(uint16_t vdev, struct cmsfs_dev *dev, uint32_t *offset, int *ro);
void disk_close_raw(uint16_t vdev);
void disk_release(struct disk *d);

/* command interface: argv upper-cased, raw = the line as typed after the verb */
typedef int (*cmd_fn)(int argc, char **argv, const char *raw);
int cms_command(const char *line);      /* one command line: its rc */
int cmd_fs(int argc, char **argv, const char *raw, int *handled);
int cmd_edit(int argc, char **argv, const char *raw);
int cmd_exec(int argc, char **argv, const char *raw);
int exec_find(const char *name);        /* 1 if NAME EXEC exists */
int cmd_spool(int argc, char **argv, const char *raw, int *handled);

/* batch.c: the batch machine (IPL PARM BATCH) */
void batch_main(const char *parm) __attribute__((noreturn));
int batch_mode(void);
void batch_output(void);                /* a line shown or printed */
void batch_console_read(void);
void batch_restart(int rc);
int batch_cp_check(const char *line, int explicit_cp);   /* a job's CP command: 0, or refused (rc, message shown) */
int batch_cms_check(const char *verb);  /* a job's CMS command: 0, or refused */
void batch_tick(void);                  /* an EXEC statement: the CPU limit */
int exec_job(const char *name);         /* exec.c: the job EXEC, traced; the job's rc */
void cms_ready(int rc);                 /* nucleus.c: the Ready line */
void sys_wait_dev(uint32_t sid);        /* sys.c: an enabled wait for sid's interruption */
int sys_ipl_parm(char *buf, int size);  /* sys.c: the IPL PARM (DIAG X'B0'), ASCII; its length or -1 */
/* spool.c: the reader for batch.c */
typedef int (*rdr_rec_fn)(const char *rec, int len, void *arg);
int rdr_descr(uint32_t after, uint32_t *id, char origin[9], int *held);
int rdr_read_file(uint32_t id, rdr_rec_fn fn, void *arg);

/* fscmds.c helpers shared with the editor and EXEC */
int file_find(const char *fn, const char *ft, const char *fm, struct disk **d, int *idx);
int parse_mode(const char *s, char *mode);
#endif
