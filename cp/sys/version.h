/* ZCP's level, as QUERY CPLEVEL and DIAG X'00' report it. */
#ifndef CP_SYS_VERSION_H
#define CP_SYS_VERSION_H
#define ZCP_VERSION  0
#define ZCP_RELEASE  1
#define ZCP_MOD      0
#define ZCP_SERVICE  "0001"
extern const char zcp_build_date[];     /* __DATE__ of cp/sys/version.c */
extern const char zcp_build_time[];
#endif
