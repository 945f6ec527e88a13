/* libforecast/date.h - civil dates as day numbers, and interval timestamps.
 *
 * A date is an int32_t count of days since 1970-01-01 (negative before it) in
 * the proleptic Gregorian calendar.  A timestamp is an int64_t count of seconds
 * since 1970-01-01 00:00 on the data's own wall clock: libforecast does no time
 * zone arithmetic, because metering data are recorded in local standard time.
 * Supported years: 1..9999.
 */
#ifndef LIBFORECAST_DATE_H
#define LIBFORECAST_DATE_H

#include <stdint.h>
#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t lf_date;
typedef int64_t lf_time;

#define LF_SECONDS_PER_DAY 86400
#define LF_DATE_STRLEN 11 /* "YYYY-MM-DD" + NUL */
#define LF_TIME_STRLEN 20 /* "YYYY-MM-DD HH:MM:SS" + NUL */

enum lf_weekday { LF_MONDAY = 1, LF_TUESDAY, LF_WEDNESDAY, LF_THURSDAY, LF_FRIDAY,
                  LF_SATURDAY, LF_SUNDAY };

int lf_is_leap_year(int year);
int lf_days_in_month(int year, int month);     /* 0 when month is not 1..12 */
int lf_days_in_year(int year);

/* 1 when y-m-d is a real calendar day inside the supported years. */
int lf_date_is_valid(int year, int month, int day);

/* Day number of y-m-d.  The caller guarantees validity (see lf_date_make). */
lf_date lf_date_from_ymd(int year, int month, int day);
/* The same day of month `months` calendar months later (earlier when
 * negative), clamped to the last day of a shorter month: 31 Jan + 1 = 28/29 Feb. */
lf_date lf_date_add_months(lf_date date, int months);

/* Validated variant: LF_ERR_RANGE with a message naming the bad part. */
int lf_date_make(int year, int month, int day, lf_date *out, lf_error *err);

void lf_date_to_ymd(lf_date date, int *year, int *month, int *day);
int lf_date_year(lf_date date);
int lf_date_month(lf_date date);
int lf_date_weekday(lf_date date);              /* ISO: 1 = Monday .. 7 = Sunday */
/* "Mon" .. "Sun" for weekday 1..7 (lf_date_weekday's), "" out of range. */
const char *lf_weekday_name(int weekday);
int lf_date_day_of_year(lf_date date);          /* 1 .. 366 */
/* ISO 8601 week: weeks start on Monday, week 1 holds the year's first Thursday. */
void lf_date_iso_week(lf_date date, int *iso_year, int *week);
/* Date of the n-th (1..5) or, for n = -1, the last given weekday of a month;
 * LF_ERR_RANGE when that month has no such day. */
int lf_date_nth_weekday(int year, int month, int weekday, int n, lf_date *out,
                        lf_error *err);
/* Western (Gregorian) Easter Sunday, used by Australian holiday rules. */
lf_date lf_date_easter(int year);

/* Parse a whole string as a date.  Accepted: YYYY-MM-DD, YYYY/M/D (one or two
 * digit month and day, either separator) and YYYYMMDD.  On failure returns
 * LF_ERR_PARSE or LF_ERR_RANGE with a message that quotes the text (without a
 * file location: callers that know one add it). */
int lf_date_parse(const char *text, lf_date *out, lf_error *err);

/* Parse a timestamp: a date as above, optionally followed by ' ' or 'T' and
 * H:MM or HH:MM[:SS].  "24:00" is accepted and means 00:00 of the next day, as
 * some metering exports write the end of the last interval. */
int lf_time_parse(const char *text, lf_time *out, lf_error *err);

lf_time lf_time_from_date(lf_date date);
lf_date lf_time_date(lf_time t);                /* the day containing t */
int lf_time_second_of_day(lf_time t);           /* 0 .. 86399 */

/* Writers; buf must hold LF_DATE_STRLEN / LF_TIME_STRLEN bytes. */
void lf_date_format(lf_date date, char *buf);
void lf_time_format(lf_time t, char *buf);

#ifdef __cplusplus
}
#endif
#endif
