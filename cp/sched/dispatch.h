/* The dispatcher: CP's own work first, then guests in time slices. */
#ifndef CP_SCHED_DISPATCH_H
#define CP_SCHED_DISPATCH_H
#include <stdint.h>

#define SLICE_MS 20             /* a guest's time slice */

/* Set from interruption handlers when CP has work (a console line...). */
extern volatile int cp_kick;
/* A page-in read ended: ends a guest's slice too, but a round-robin slice
 * only after its first QUANTUM_MS (dispatch.c run_slice). */
extern volatile int page_kick;

/* Run forever: `cp_work` is called whenever there may be CP work; it
 * returns nonzero if it did some. */
__attribute__((noreturn)) void dispatch_loop(int (*cp_work)(void));
/* Real CPUs: this one's index (the IPL CPU's is 0), and making another
 * leave SIE at once (SIGP external call; cp/arch/smp.c). */
int cpu_self(void);
void cpu_kick(int cpu);
/* A second CPU's life: run guests' vCPUs under SIE, hand every intercept
 * back to the IPL CPU. */
__attribute__((noreturn)) void dispatch_secondary(void);
/* Run v next on CPU 0 (the pager: its page-in ended; cp/mm/paging.c). */
struct vcpu;
void dispatch_prefer(struct vcpu *v);
#endif
