/* DIAGNOSE X'250' block I/O (diagnose/blockio.c). */
#ifndef DIAGNOSE_BLOCKIO_H
#define DIAGNOSE_BLOCKIO_H
#include "diagnose/diag.h"

void diag_x250(struct diag_args *a);
/* Blocks a 3390 track holds in this block size, 0 if not 512-4096. */
uint32_t blockio_per_track(uint32_t blksize);
#endif
