/* TOD-clock values: bit 51 is one microsecond, the epoch 1900-01-01 00:00
 * UTC (Principles of Operation, "TOD Clock").  Portable conversions. */
#ifndef LIB_TOD_H
#define LIB_TOD_H
#include <stdint.h>

#define TOD_PER_US   4096ULL
#define TOD_PER_MS   (TOD_PER_US * 1000)
#define TOD_PER_SEC  (TOD_PER_MS * 1000)

struct civil_time {
    int year, month, day;       /* 1900.., 1-12, 1-31 */
    int hour, min, sec;
    int usec;
    int wday;                   /* 0 = Sunday */
    int yday;                   /* 0-365 */
};

void tod_to_civil(uint64_t tod, struct civil_time *t);
/* Inverse, for tests and for building TOD values (seconds resolution). */
uint64_t tod_from_civil(int year, int month, int day, int hour, int min, int sec);
const char *weekday_name(int wday);     /* "SUNDAY" .. "SATURDAY" */

static inline uint64_t tod_from_ms(uint64_t ms) { return ms * TOD_PER_MS; }
#endif
