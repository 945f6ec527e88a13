/* libforecast/calendar.h - holiday calendars and the type of each day.
 *
 * A calendar is a set of dated entries (holidays and make-up working days)
 * expanded for a range of years when sources are added: explicit dates, rules
 * (fixed date, n-th weekday, Easter offset, with an observance rule), lists
 * read from CSV, and built-in calendars by name:
 *
 *   "CN"       China: New Year, Spring Festival, Qingming, Labour Day, Dragon
 *              Boat, Mid-Autumn, National Day.  The State Council's announced
 *              days off and make-up working days (调休) are shipped as a table
 *              for the years published; other years use the lunar/solar-term
 *              rules (see calendar_cn.c for the exact fallback).
 *   "US"       United States federal holidays (observed dates).
 *   "AU-NSW", "AU-VIC", "AU-QLD", "AU-SA", "AU-TAS", "AU-WA", "AU-ACT", "AU-NT"
 *              Australian state and territory public holidays.
 *
 * Several sources may be added to one calendar; when two give the same date the
 * later addition wins.  Weekends are Saturday and Sunday.
 * A calendar is read-only after construction and safe to share across threads.
 */
#ifndef LIBFORECAST_CALENDAR_H
#define LIBFORECAST_CALENDAR_H

#include "libforecast/date.h"
#include "libforecast/error.h"
#include "libforecast/frame.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lf_day_type {
    LF_DAY_WORKING = 0,        /* ordinary working day (Mon-Fri, no holiday) */
    LF_DAY_WEEKEND = 1,        /* Saturday or Sunday that is not a holiday */
    LF_DAY_HOLIDAY = 2,        /* public holiday or announced day off */
    LF_DAY_MAKEUP_WORKDAY = 3  /* weekend day declared a working day (调休) */
} lf_day_type;

#define LF_HOLIDAY_NAME_MAX 48

typedef struct lf_day_info {
    lf_day_type type;
    /* Name of the holiday on this day, or of the holiday whose block the day
     * belongs to (a weekend inside Spring Festival week); for a day added as a
     * working day (a make-up day), the name it was added with; "" otherwise. */
    char holiday[LF_HOLIDAY_NAME_MAX];
    /* Position (1-based) and length of the run of consecutive non-working days
     * (holidays and weekends) that contains at least one holiday; 0 and 0 for a
     * day outside such a run.  Spring Festival 2024 (Feb 10-17) gives 1..8 of 8. */
    int block_day;
    int block_length;
} lf_day_info;

/* How a rule-based holiday that falls on a weekend is observed. */
typedef enum lf_observance {
    LF_OBSERVE_NONE = 0,          /* the date itself, no substitute */
    LF_OBSERVE_NEAREST_WEEKDAY,   /* Saturday -> Friday, Sunday -> Monday (US) */
    LF_OBSERVE_NEXT_MONDAY,       /* Saturday or Sunday -> the following Monday */
    LF_OBSERVE_NEXT_FREE_WEEKDAY, /* the next weekday that is not already a holiday
                                     (Australian Christmas / Boxing Day) */
    LF_OBSERVE_ADD_MONDAY         /* keep the weekend day and add the next free weekday */
} lf_observance;

typedef enum lf_rule_kind {
    LF_RULE_FIXED = 0,      /* month/day every year */
    LF_RULE_NTH_WEEKDAY,    /* n-th (or last, n = -1) weekday of month */
    LF_RULE_EASTER          /* Easter Sunday + offset_days */
} lf_rule_kind;

typedef struct lf_holiday_rule {
    const char *name;
    lf_rule_kind kind;
    int month, day;           /* FIXED */
    int weekday, nth;         /* NTH_WEEKDAY: ISO weekday 1..7, n 1..5 or -1 */
    int offset_days;          /* EASTER (and added to NTH_WEEKDAY dates) */
    lf_observance observe;
    int first_year, last_year;/* years the rule applies; 0 = unbounded */
} lf_holiday_rule;

typedef struct lf_calendar lf_calendar;

/* An empty calendar covering first_year..last_year (inclusive, within
 * 1901..2099 for built-ins, 1..9999 otherwise). */
lf_calendar *lf_calendar_new(int first_year, int last_year, lf_error *err);
void lf_calendar_free(lf_calendar *cal);

int lf_calendar_first_year(const lf_calendar *cal);
int lf_calendar_last_year(const lf_calendar *cal);

/* Add a built-in calendar by name ("CN", "US", "AU-NSW", ...). LF_ERR_NOTFOUND
 * with the list of known names (and a 'did you mean') for an unknown name. */
int lf_calendar_add_builtin(lf_calendar *cal, const char *name, lf_error *err);
/* Names of the built-in calendars, NULL-terminated. */
const char *const *lf_calendar_builtin_names(void);

int lf_calendar_add_holiday(lf_calendar *cal, lf_date date, const char *name,
                            lf_error *err);
int lf_calendar_add_workday(lf_calendar *cal, lf_date date, const char *name,
                            lf_error *err);
int lf_calendar_add_rule(lf_calendar *cal, const lf_holiday_rule *rule, lf_error *err);

/* Read a CSV list with a header: a 'date' column, and optional 'name' and
 * 'type' columns (type: holiday | workday; default holiday).  Errors carry
 * file:line:column.  All-or-nothing: on error the calendar is unchanged. */
int lf_calendar_load_csv(lf_calendar *cal, const char *path, lf_error *err);

/* Classify one day.  Dates outside the calendar's years get only the weekday
 * classification and LF_ERR_RANGE is returned (info still filled). */
int lf_calendar_day(const lf_calendar *cal, lf_date date, lf_day_info *info,
                    lf_error *err);

/* Add the columns day_type (lf_day_type code), holiday (1/0), block_day and
 * block_length to a frame, for every row. */
int lf_calendar_annotate(const lf_calendar *cal, lf_frame *frame, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
