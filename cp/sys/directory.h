/* The user directory: z/VM's USER DIRECT source format, parsed into fixed
 * tables (no allocation), with lookup and formatting.  Portable: compiled
 * for the nucleus and on the host for unit tests.
 *
 * Syntax and meaning follow IBM z/VM CP Planning and Administration,
 * chapter "Creating and Updating a User Directory" (the USER, MACHINE,
 * CPU, CONSOLE, SPOOL, MDISK, LINK, IPL, OPTION and ACCOUNT directory
 * statements).  Where ZCP is stricter or simpler than DIRECTXA the
 * difference is listed in docs/directory.md. */
#ifndef CP_SYS_DIRECTORY_H
#define CP_SYS_DIRECTORY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- limits (exceeding one is reported as an error) ----------------------- */
#define DIR_MAX_USERS    64     /* USER entries in a directory */
#define DIR_MAX_DEVS     32     /* CONSOLE, SPOOL, MDISK and LINK statements a user */
#define DIR_MAX_CPUS     64     /* MACHINE ... n: virtual CPUs a user may have */
#define DIR_MAX_CPUADDR  0x3F   /* highest address on a CPU statement */
#define DIR_MAX_LINE     255    /* characters on one line (without the line end) */
#define DIR_MAX_TOKENS   40     /* blank-separated tokens on one line */
#define DIR_ID_LEN       8      /* userid, password, volser-like names */
#define DIR_VOLSER_LEN   6
#define DIR_MAX_PARM     64     /* IPL ... PARM text */
#define DIR_MAX_CLASSES  32     /* letters in a privilege class string */
#define DIR_MAX_CYLS     65520  /* cylinders on a 3390 (model A / mod 54 limit) */
#define DIR_MAX_MAXCONN  65535  /* OPTION MAXCONN n */

/* Storage sizes on USER are whole megabytes: SIE's MSO/MSE are 1 MiB
 * granular (DESIGN.md), so that is the unit of guest storage.  Between
 * DIR_MIN_STORAGE and DIR_MAX_STORAGE. */
#define DIR_STORAGE_GRAIN (1ull << 20)
#define DIR_MIN_STORAGE   (1ull << 20)
#define DIR_MAX_STORAGE   (1ull << 40)
#define DIR_DEFAULT_STORAGE (1ull << 20)   /* USER without a storage operand */

/* ---- privilege classes: one bit each, A..Z then 1..6 ------------------------ */
static inline uint32_t dir_class_bit(int c)
{
    if (c >= 'a' && c <= 'z')
        c -= 32;
    if (c >= 'A' && c <= 'Z')
        return 1u << (c - 'A');
    if (c >= '1' && c <= '6')
        return 1u << (26 + c - '1');
    return 0;
}
#define DIR_DEFAULT_CLASSES (1u << ('G' - 'A'))

enum dir_password {
    DIR_PW_PASSWORD,            /* the password field holds the password */
    DIR_PW_NOLOG,               /* nobody can log it on: it only owns things (minidisks) */
    DIR_PW_NOPASS,              /* logon needs no password */
    DIR_PW_AUTOONLY,            /* only AUTOLOG / XAUTOLOG can log it on */
    DIR_PW_LBYONLY,             /* only LOGON ... BY can log it on */
};

enum dir_machine { DIR_MACH_ESA, DIR_MACH_XA, DIR_MACH_XC, DIR_MACH_Z };
#define DIR_DEFAULT_MACHINE DIR_MACH_ESA   /* as z/VM without a MACHINE statement */

enum dir_devkind { DIR_DEV_CONSOLE, DIR_DEV_SPOOL, DIR_DEV_MDISK, DIR_DEV_LINK };
enum dir_spoolkind { DIR_SPOOL_READER, DIR_SPOOL_PUNCH, DIR_SPOOL_PRINTER };

/* Minidisk / link access modes (MDISK and LINK "mode"). */
enum dir_mode { DIR_MODE_R, DIR_MODE_RR, DIR_MODE_W, DIR_MODE_WR,
                DIR_MODE_M, DIR_MODE_MR, DIR_MODE_MW };
#define DIR_DEFAULT_MDISK_MODE DIR_MODE_W   /* z/VM MDISK: mode defaults to W */
#define DIR_DEFAULT_LINK_MODE  DIR_MODE_R   /* z/VM LINK: mode defaults to R */

#define DIR_CYLS_END 0xFFFFFFFFu            /* MDISK ... start END volser */

struct dir_dev {
    enum dir_devkind kind;
    uint16_t vdev;
    uint16_t devtype;           /* 3215, 2540, 3505, 3390...; 0 for LINK */
    int line;                   /* source line of the statement */
    union {
        struct {                /* CONSOLE vdev devtype [class [secuser]] */
            char cls;           /* spool class of console output, default T */
            char secuser[DIR_ID_LEN + 1];   /* "" if none */
        } console;
        struct {                /* SPOOL vdev devtype [class] */
            enum dir_spoolkind what;
            char cls;           /* A-Z 0-9, or '*' (readers only) */
        } spool;
        struct {                /* MDISK vdev devtype start cyls volser [mode [pr [pw [pm]]]] */
            bool tdisk;         /* MDISK vdev devtype T-DISK cyls [mode] */
            uint32_t start;     /* first real cylinder */
            uint32_t cyls;      /* cylinders, or DIR_CYLS_END */
            char volser[DIR_VOLSER_LEN + 1];    /* "" for T-DISK */
            enum dir_mode mode;
            char readpw[DIR_ID_LEN + 1], writepw[DIR_ID_LEN + 1], multipw[DIR_ID_LEN + 1];
        } mdisk;
        struct {                /* LINK userid vdev asvdev [mode] */
            char userid[DIR_ID_LEN + 1];    /* "*" means the entry's own user */
            uint16_t target;    /* the other user's vdev */
            enum dir_mode mode;
        } link;
    } u;
};

/* OPTION keywords, one bit each (the list is dir_option_name's table). */
#define DIR_OPT_ACCT      (1u << 0)
#define DIR_OPT_APPLMON   (1u << 1)
#define DIR_OPT_COMSRV    (1u << 2)
#define DIR_OPT_CONCEAL   (1u << 3)
#define DIR_OPT_CPUID     (1u << 4)     /* value in cpuid */
#define DIR_OPT_D84NOPAS  (1u << 5)
#define DIR_OPT_DEVINFO   (1u << 6)
#define DIR_OPT_DEVMAINT  (1u << 7)
#define DIR_OPT_DIAG88    (1u << 8)
#define DIR_OPT_DIAG98    (1u << 9)
#define DIR_OPT_IGNMAXU   (1u << 10)
#define DIR_OPT_LANG      (1u << 11)    /* value in lang */
#define DIR_OPT_LKFAC     (1u << 12)
#define DIR_OPT_LNKEXCLU  (1u << 13)
#define DIR_OPT_LNKNOPAS  (1u << 14)
#define DIR_OPT_LNKSTABL  (1u << 15)
#define DIR_OPT_MAINTCCW  (1u << 16)
#define DIR_OPT_MAXCONN   (1u << 17)    /* value in maxconn */
#define DIR_OPT_MIH       (1u << 18)
#define DIR_OPT_NOMDCFS   (1u << 19)
#define DIR_OPT_QUICKDSP  (1u << 20)
#define DIR_OPT_REALTIMER (1u << 21)
#define DIR_OPT_RMCHINFO  (1u << 22)
#define DIR_OPT_STGEXEMPT (1u << 23)
#define DIR_OPT_SVC76     (1u << 24)
#define DIR_OPT_SVCOFF    (1u << 25)
#define DIR_OPT_TODENABLE (1u << 26)
#define DIR_OPT_AUTOSTART (1u << 27)    /* ZCP: XAUTOLOG at IPL (cp/cmd/users.c) */

struct dir_user {
    char userid[DIR_ID_LEN + 1];        /* upper case */
    enum dir_password pwkind;
    char password[DIR_ID_LEN + 1];      /* upper case; "" unless DIR_PW_PASSWORD */
    uint64_t storage, maxstorage;       /* bytes */
    uint32_t classes;                   /* dir_class_bit() mask */
    enum dir_machine machine;
    int maxcpus;                        /* MACHINE ... n, default 1 */
    /* CPU statements: CPU 00 is always the base CPU (listed or not);
     * cpus[] holds the other addresses, the extra CPUs defined at logon.
     * 1 + ncpus <= maxcpus. */
    int ncpus;
    uint8_t cpus[DIR_MAX_CPUS];
    bool ipl;                           /* an IPL statement was given */
    char ipl_name[DIR_ID_LEN + 1];      /* vdev (as written, upper case) or system name */
    bool ipl_is_vdev;                   /* ipl_name is 1-4 hex digits */
    uint16_t ipl_vdev;
    char loadparm[DIR_ID_LEN + 1];      /* IPL ... LOADPARM lp, "" if none */
    char ipl_parm[DIR_MAX_PARM + 1];    /* IPL ... PARM text, case kept, "" if none */
    uint32_t options;                   /* DIR_OPT_* */
    uint32_t maxconn;
    uint32_t cpuid;
    char lang[6];
    bool account_set;
    char account[DIR_ID_LEN + 1], distcode[DIR_ID_LEN + 1];
    int ndevs;
    struct dir_dev devs[DIR_MAX_DEVS];  /* in source order */
    int line;                           /* line of the USER statement */
};

struct directory {
    int nusers;
    int errors;                         /* how many errors dir_parse reported */
    struct dir_user users[DIR_MAX_USERS];
};

/* Called once per error: line is 1-based, msg a complete message
 * ("HCPDIR9115E ...", no line end).  msg lives only during the call. */
typedef void dir_error_fn(void *arg, int line, const char *msg);

/* Parse len bytes of directory text into *d (which it clears first).
 * Lines end with '\n'; a '\r' before it is ignored, and the last line
 * needs no line end.  Every error goes to error(arg, ...) (may be NULL);
 * the messages are HCPDIR9111E-HCPDIR9125E (docs/directory.md);
 * the bad statement - for a bad USER statement, the whole entry up to
 * the next USER - is skipped, and the rest still comes up.
 * Returns the number of errors (also in d->errors). */
int dir_parse(struct directory *d, const char *text, size_t len,
              dir_error_fn *error, void *arg);

/* Lookup by userid, case-insensitive; NULL if there is none. */
const struct dir_user *dir_find(const struct directory *d, const char *userid);
/* A user's device statement for vdev; NULL if there is none. */
const struct dir_dev *dir_find_dev(const struct dir_user *u, uint16_t vdev);
static inline bool dir_has_class(const struct dir_user *u, int c)
{
    return (u->classes & dir_class_bit(c)) != 0;
}

/* Format a user's entry back as directory statements, one a line, each
 * ending in '\n' (the USER line first, then ACCOUNT, MACHINE, CPU, IPL,
 * OPTION, then the devices in source order).  Passwords (logon and
 * minidisk) are written only with DIR_FMT_PASSWORDS, else as "XXXXXXXX".
 * Output parsed again gives the same entry.  Always NUL-terminates;
 * returns the length the whole text has (as snprintf). */
#define DIR_FMT_PASSWORDS 1u
int dir_format_user(const struct dir_user *u, char *buf, size_t size, unsigned flags);
/* One device statement, without a line end ("SPOOL 000C 2540 READER *"). */
int dir_format_dev(const struct dir_dev *dev, char *buf, size_t size, unsigned flags);

/* ---- helpers shared with commands (DEFINE STORAGE 64M, vdev operands) ----- */
/* "32M" -> 33554432: decimal digits and one suffix K, M or G (upper or
 * lower case; required).  0 on success; -1 for a bad string, no suffix,
 * zero, or overflow. */
int dir_parse_storage(const char *s, uint64_t *bytes);
/* The shortest exact form: 33554432 -> "32M", 1073741824 -> "1G",
 * 65536 -> "64K"; a size not a multiple of 1K as plain bytes ("1000"). */
int dir_format_storage(uint64_t bytes, char *buf, size_t size);
/* A virtual device number: 1-4 hex digits ("9", "000C", "1a0").  0 or -1. */
int dir_parse_vdev(const char *s, uint16_t *vdev);
/* A userid as the directory accepts it: 1-8 of A-Z 0-9 @ # $ _ -
 * (either case), not one of z/VM's reserved forms. */
bool dir_valid_userid(const char *s);
/* "ABCDEFG" -> mask; 1-32 of A-Z (either case) and 1-6.  0 or -1. */
int dir_parse_classes(const char *s, uint32_t *mask);
/* mask -> "ABCDEFG" in the order A..Z, 1..6 (buf of at least 33 bytes). */
void dir_format_classes(uint32_t mask, char *buf);
/* Names for the enums (upper case, as the directory writes them). */
const char *dir_mode_name(enum dir_mode m);
const char *dir_machine_name(enum dir_machine m);
/* The OPTION keyword of a single DIR_OPT_* bit; NULL if unknown. */
const char *dir_option_name(uint32_t bit);
#endif
