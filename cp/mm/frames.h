/* Real-storage frames (4 KiB): a bitmap allocator.  Portable: the bitmap
 * lives wherever the caller puts it (after the nucleus on s390x; malloc'd
 * in host tests). */
#ifndef CP_MM_FRAMES_H
#define CP_MM_FRAMES_H
#include <stddef.h>
#include <stdint.h>

#define FRAME_SIZE 4096ULL

/* Bytes of bitmap needed for `storage` bytes of real storage. */
size_t frames_bitmap_size(uint64_t storage);
/* Start with every frame in use, then free [free_start, storage). */
void frames_init(uint8_t *bitmap, uint64_t storage, uint64_t free_start);
/* One frame (zeroed by the caller if it must be): its real address, or 0. */
uint64_t frame_alloc(void);
/* As frame_alloc, but below `limit` (I/O buffers: below 2 GiB). */
uint64_t frame_alloc_below(uint64_t limit);
void frame_free(uint64_t addr);
/* n frames in a row (tables longer than a frame): the first's address, or
 * 0.  Each is freed with frame_free. */
uint64_t frames_alloc_run(uint64_t n);
uint64_t frames_total(void);
uint64_t frames_free(void);
#endif
