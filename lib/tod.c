/* TOD clock <-> civil date (proleptic Gregorian, UTC). */
#include "lib/tod.h"
#include "lib/divmod.h"

/* Days since 1970-01-01 for a civil date: Howard Hinnant's well-known
 * days_from_civil algorithm (public domain), written out here. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = sdiv(y >= 0 ? y : y - 399, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = sdiv(153 * (m + (m > 2 ? -3 : 9)) + 2, 5) + d - 1;
    int64_t doe = yoe * 365 + sdiv(yoe, 4) - sdiv(yoe, 100) + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = sdiv(z >= 0 ? z : z - 146096, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = sdiv(doe - sdiv(doe, 1460) + sdiv(doe, 36524) - sdiv(doe, 146096), 365);
    int64_t doy = doe - (365 * yoe + sdiv(yoe, 4) - sdiv(yoe, 100));
    int64_t mp = sdiv(5 * doy + 2, 153);
    *d = (int)(doy - sdiv(153 * mp + 2, 5) + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

#define DAYS_1900_TO_1970 25567

/* Divisions through lib/divmod.h: QUERY TIME runs this for every DIAG X'08'. */
void tod_to_civil(uint64_t tod, struct civil_time *t)
{
    uint64_t us = tod / TOD_PER_US;     /* a shift */
    uint64_t usec, rem;
    uint64_t secs = udivmod(us, 1000000, &usec);
    int64_t days = (int64_t)udivmod(secs, 86400, &rem) - DAYS_1900_TO_1970;
    uint64_t sec, mins = udivmod(rem, 60, &sec);
    t->usec = (int)usec;
    t->hour = (int)udiv(mins, 60);
    t->min = (int)umod(mins, 60);
    t->sec = (int)sec;
    civil_from_days(days, &t->year, &t->month, &t->day);
    int64_t w = days - sdiv(days, 7) * 7 + 7 + 4;  /* 1970-01-01 was a Thursday */
    t->wday = (int)(w >= 14 ? w - 14 : w >= 7 ? w - 7 : w);
    t->yday = (int)(days - days_from_civil(t->year, 1, 1));
}

uint64_t tod_from_civil(int year, int month, int day, int hour, int min, int sec)
{
    int64_t days = days_from_civil(year, month, day) + DAYS_1900_TO_1970;
    uint64_t secs = (uint64_t)days * 86400 + (uint64_t)(hour * 3600 + min * 60 + sec);
    return secs * TOD_PER_SEC;
}

const char *weekday_name(int wday)
{
    static const char *const names[7] = { "SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY",
                                          "THURSDAY", "FRIDAY", "SATURDAY" };
    return names[(unsigned)wday % 7];
}
