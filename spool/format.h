/* The spool volume's on-disk format (all big-endian, text in EBCDIC).
 * Blocks are 4096 bytes; block 0 is the superblock.  docs/spool.md tells
 * the whole story, including the ordering rules.
 *
 * Superblock (block 0, written once by spool_format):
 *   0 "ZCPSPOOL" (EBCDIC)  8 version (4)  12 block count (4)
 *   16 directory start (4)  20 logical directory blocks (4)
 *   24 data start (4)  28 CRC-32 of bytes 0-27
 *
 * Directory: logical block L (spoolids 31L+1 .. 31L+31) has two physical
 * copies, at dir_start + 2L and + 2L + 1.  An update writes the copy the
 * newer one is not in, with version + 1, so a torn write leaves the other
 * intact.  Layout:
 *   0 "SPDR"  4 logical number (4)  8 version (8)  16 CRC-32 (4) of the
 *   whole block with this field zero  20 logical block 0 only: the
 *   high-water mark H (4): blocks H.. hold no entry, warm start reads
 *   0..H-1 only (0: unknown, read them all)  24-31 zero
 *   32 + 128 * slot: entry
 * The mark is raised (block 0 written) before a block at or past it gets
 * its first entry; warm start lowers it to the last block in use + 1. A
 * block past the mark is read for its version before it is next written.
 *
 * Directory entry (128 bytes), spoolid 0 = empty slot:
 *   0 spoolid (2)  2 queue  3 flags  4 class  5 copies  6 devtype (2)
 *   8 owner  16 origin userid  24 fn  32 ft  40 dist  48 form (8 each)
 *   56 created TOD (8)  64 serial (8)  72 records (4)  76 first block (4)
 *   80 block count (4)  84 order (4)  88 longest record (2)
 *   90 origin spoolid (2)  92 origin queue  93-95 zero
 *   96 origin node (8; all zero: this system, as volumes written before
 *   DIAG X'F8' have it)  104-127 zero
 *
 * Data block:
 *   0 "SPDB"  4 serial of its file (8)  12 index in the file (4)
 *   16 next block (4, X'FFFFFFFF' = last)  20 records in it (2)
 *   22 bytes of records (2)  24 CRC-32 (4) of the whole block with this
 *   field zero  28-31 zero  32 records: command byte, length (2), data */
#ifndef SPOOL_FORMAT_H
#define SPOOL_FORMAT_H

#define SPF_VERSION       1
#define SPF_DIR_SLOTS     31
#define SPF_ENTRY_LEN     128
#define SPF_HDR_LEN       32
#define SPF_DIR_BLOCKS    ((SPOOL_MAXID + SPF_DIR_SLOTS - 1) / SPF_DIR_SLOTS)
#define SPF_DIR_START     1
#define SPF_DATA_START    (SPF_DIR_START + 2 * SPF_DIR_BLOCKS)
#endif
