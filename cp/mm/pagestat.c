/* Paging counters (cp/mm/paging.h): kept apart from cp/mm/paging.c, which
 * is target-only, so that commands reading them build for host tests. */
#include "cp/mm/paging.h"

struct paging_stats paging_st;

int paging_active(void)
{
    return paging_st.volumes > 0;
}

void paging_note_wait(void)
{
    paging_st.waits++;
}
