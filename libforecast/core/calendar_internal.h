/* calendar_internal.h (internal) - what the built-in calendars (calendar_cn.c,
 * calendar_us.c, calendar_au.c) and the tests need from calendar.c and each other. */
#ifndef LF_CORE_CALENDAR_INTERNAL_H
#define LF_CORE_CALENDAR_INTERNAL_H

#include <stddef.h>
#include "libforecast/calendar.h"

/* Built-in calendars are defined for these years: the span of the lunar table,
 * over which every built-in rule has been checked against a reference. */
#define LF_CAL_BUILTIN_FIRST 1901
#define LF_CAL_BUILTIN_LAST 2099

/* Add rules as one batch.  A substitute (NEXT_FREE_WEEKDAY, ADD_MONDAY) avoids
 * every holiday already in the calendar and every actual date of the batch, so
 * Christmas and Boxing Day on a weekend get two different weekdays. */
int lf_calendar_add_rules(lf_calendar *cal, const lf_holiday_rule *rules, size_t n,
                          lf_error *err);

/* Add first..last (inclusive) as holidays (workday = 0) or working days,
 * clipped to the calendar's years. */
int lf_calendar_add_span(lf_calendar *cal, lf_date first, lf_date last, const char *name,
                         int workday, lf_error *err);

/* 1 when date is a holiday entry of the calendar (not a working-day entry). */
int lf_calendar_is_holiday(const lf_calendar *cal, lf_date date);

/* Built-in sources; the calendar's years are already checked to lie within
 * LF_CAL_BUILTIN_FIRST..LAST.  State is "NSW", "VIC", ... */
int lf_calendar_add_cn(lf_calendar *cal, lf_error *err);
int lf_calendar_add_us(lf_calendar *cal, lf_error *err);
int lf_calendar_add_au(lf_calendar *cal, const char *state, lf_error *err);

/* ---- China internals, exposed for the tests ---- */

/* Gregorian date of day `day` of the regular (non-leap) lunar month `month` of
 * lunar year `year` (1901..2099); LF_ERR_RANGE if there is no such day. */
int lf_cn_lunar_date(int year, int month, int day, lf_date *out);
/* Day of Qingming (solar longitude 15 degrees, Beijing time), 1901..2099. */
lf_date lf_cn_qingming(int year);

/* One row of the State Council table: a span of days off, or one make-up
 * working day (first == last), announced in the notice for notice_year. */
typedef struct lf_cn_arrangement {
    int notice_year;
    int workday;
    const char *name;
    lf_date first, last;
} lf_cn_arrangement;

size_t lf_cn_arrangement_count(void);
void lf_cn_arrangement_get(size_t i, lf_cn_arrangement *out);

#endif
