/* SCLP (service-call logical processor) requests CP needs at IPL. */
#ifndef CP_ARCH_SCLP_H
#define CP_ARCH_SCLP_H
#include "cp/sys/system.h"
/* Read SCP Info: fills sys.storage, storage_inc, ncpus, cpu_addr, loadparm.
 * Returns 0, or -1 if the SCLP did not answer. */
int sclp_read_info(void);
#endif
