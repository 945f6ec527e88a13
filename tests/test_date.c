/* test_date.c - civil dates, ISO weeks, weekday rules, Easter, and the date and
 * timestamp parsers/writers (libforecast/core/date.c).
 *
 * Reference values are either well-known calendar facts (quoted in comments) or
 * computed in this file by a second, independent method (day-by-day walk for
 * day numbers, the ordinal-date formula for ISO weeks, Oudin's algorithm for
 * Easter), so a slip in date.c shows up as a disagreement. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "libforecast/date.h"

/* ---- helpers ------------------------------------------------------------ */

static int ref_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int ref_days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return d[m - 1] + (m == 2 && ref_leap(y));
}

static lf_date ymd(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

/* Assert that text parses as a date and equals y-m-d. */
static void expect_date(const char *text, int y, int m, int d)
{
    lf_error err;
    lf_date out = 0;
    lf_error_clear(&err);
    int rc = lf_date_parse(text, &out, &err);
    cr_assert_eq(rc, LF_OK, "'%s' should parse: %s", text, err.message);
    cr_assert_eq(out, ymd(y, m, d), "'%s' parsed to day %d, expected %04d-%02d-%02d", text,
                 (int)out, y, m, d);
}

/* Assert that text parses as a timestamp equal to y-m-d hh:mm:ss. */
static void expect_time(const char *text, int y, int m, int d, int hh, int mm, int ss)
{
    lf_error err;
    lf_time out = 0;
    lf_error_clear(&err);
    int rc = lf_time_parse(text, &out, &err);
    cr_assert_eq(rc, LF_OK, "'%s' should parse: %s", text, err.message);
    lf_time want = (lf_time)ymd(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
    cr_assert_eq(out, want, "'%s' parsed to %lld, expected %lld", text, (long long)out,
                 (long long)want);
}

/* Assert a rejection with the given code and a message quoting the text. */
static void expect_reject(int is_time, const char *text, int code)
{
    lf_error err;
    lf_error_clear(&err);
    lf_date d = 12345;
    lf_time t = 12345;
    int rc = is_time ? lf_time_parse(text, &t, &err) : lf_date_parse(text, &d, &err);
    cr_assert_eq(rc, code, "'%s': expected code %d, got %d (%s)", text, code, rc,
                 err.message);
    cr_assert_eq(err.code, code, "'%s': record code %d", text, err.code);
    char quoted[64];
    snprintf(quoted, sizeof quoted, "'%s'", text);
    cr_assert(strstr(err.message, quoted) != NULL, "message for %s does not quote it: %s",
              quoted, err.message);
    /* the output is untouched on failure */
    cr_assert_eq(d, 12345);
    cr_assert_eq(t, 12345);
}

/* ---- leap years, month lengths, validity --------------------------------- */

Test(date, leap_years)
{
    cr_assert_eq(lf_is_leap_year(1900), 0); /* divisible by 100, not by 400 */
    cr_assert_eq(lf_is_leap_year(2000), 1); /* divisible by 400 */
    cr_assert_eq(lf_is_leap_year(2024), 1);
    cr_assert_eq(lf_is_leap_year(2100), 0);
    cr_assert_eq(lf_is_leap_year(2023), 0);
    cr_assert_eq(lf_is_leap_year(1600), 1);
    cr_assert_eq(lf_days_in_year(2024), 366);
    cr_assert_eq(lf_days_in_year(1900), 365);
    cr_assert_eq(lf_days_in_month(2024, 2), 29);
    cr_assert_eq(lf_days_in_month(1900, 2), 28);
    cr_assert_eq(lf_days_in_month(2000, 2), 29);
    cr_assert_eq(lf_days_in_month(2023, 4), 30);
    cr_assert_eq(lf_days_in_month(2023, 12), 31);
    cr_assert_eq(lf_days_in_month(2023, 0), 0);
    cr_assert_eq(lf_days_in_month(2023, 13), 0);
}

Test(date, validity_and_make)
{
    cr_assert(lf_date_is_valid(2024, 2, 29));
    cr_assert(!lf_date_is_valid(2023, 2, 29));
    cr_assert(!lf_date_is_valid(2024, 4, 31));
    cr_assert(!lf_date_is_valid(2024, 1, 0));
    cr_assert(!lf_date_is_valid(0, 1, 1));     /* supported years are 1..9999 */
    cr_assert(!lf_date_is_valid(10000, 1, 1));
    cr_assert(lf_date_is_valid(1, 1, 1));
    cr_assert(lf_date_is_valid(9999, 12, 31));

    lf_error err;
    lf_date d = 0;
    cr_assert_eq(lf_date_make(2024, 2, 29, &d, &err), LF_OK);
    cr_assert_eq(d, 19782); /* 2024-01-01 = 19723 (54 years, 13 leap days), +31 +28 */
    cr_assert_eq(lf_date_make(2024, 13, 1, &d, &err), LF_ERR_RANGE);
    cr_assert(strstr(err.message, "month 13") != NULL, "%s", err.message);
    cr_assert_eq(lf_date_make(2023, 2, 29, &d, &err), LF_ERR_RANGE);
    cr_assert(strstr(err.message, "day 29") && strstr(err.message, "2023-02"), "%s",
              err.message);
    cr_assert_eq(lf_date_make(0, 1, 1, &d, &err), LF_ERR_RANGE);
    cr_assert(strstr(err.message, "year 0") != NULL, "%s", err.message);
    cr_assert_eq(lf_date_make(2024, 1, 1, &d, NULL), LF_OK); /* NULL record allowed */
    cr_assert_eq(lf_date_make(2024, 1, 32, &d, NULL), LF_ERR_RANGE);
}

/* ---- day numbers ---------------------------------------------------------- */

Test(date, known_day_numbers)
{
    cr_assert_eq(ymd(1970, 1, 1), 0);
    cr_assert_eq(ymd(1969, 12, 31), -1);
    cr_assert_eq(ymd(2000, 1, 1), 10957); /* 30 years x 365 + 7 leap days (72..96) */
    /* 1600-01-01: 370 years back, 90 leap years in 1600..1969 (93 multiples of
     * 4 minus 1700, 1800, 1900) -> -(370 x 365 + 90) = -135140 */
    cr_assert_eq(ymd(1600, 1, 1), -135140);
    /* 2401-01-01: 431 years, 105 leap years in 1970..2400 (108 minus 2100,
     * 2200, 2300) -> 431 x 365 + 105 = 157420 */
    cr_assert_eq(ymd(2401, 1, 1), 157420);
    cr_assert_eq(ymd(1, 1, 1), -719162);  /* the first supported day */
    int y, m, d;
    lf_date_to_ymd(-719162, &y, &m, &d);
    cr_assert(y == 1 && m == 1 && d == 1, "%d-%d-%d", y, m, d);
    lf_date_to_ymd(ymd(9999, 12, 31), &y, &m, &d);
    cr_assert(y == 9999 && m == 12 && d == 31, "%d-%d-%d", y, m, d);
}

/* Walk every day of 1600..2400 with an independent y-m-d counter: day
 * numbers must step by exactly one, and every accessor must agree. */
Test(date, round_trip_every_day_1600_2400)
{
    lf_date n = -135140; /* 1600-01-01, see known_day_numbers */
    int bad = 0, weekday = 6; /* 1600-01-01 was a Saturday, like 2000-01-01:
                                 400 years = 146097 days = 20871 weeks exactly */
    char first_bad[80] = "";
    for (int y = 1600; y <= 2400; y++) {
        int doy = 0;
        for (int m = 1; m <= 12; m++) {
            for (int d = 1; d <= ref_days_in_month(y, m); d++, n++) {
                doy++;
                int yy, mm, dd;
                lf_date_to_ymd(n, &yy, &mm, &dd);
                int ok = lf_date_from_ymd(y, m, d) == n && yy == y && mm == m && dd == d &&
                         lf_date_year(n) == y && lf_date_month(n) == m &&
                         lf_date_day_of_year(n) == doy && lf_date_weekday(n) == weekday &&
                         lf_date_is_valid(y, m, d);
                if (!ok && bad++ == 0)
                    snprintf(first_bad, sizeof first_bad, "%04d-%02d-%02d (day %d)", y, m, d,
                             (int)n);
                weekday = weekday % 7 + 1;
            }
        }
        if (doy != (ref_leap(y) ? 366 : 365) && bad++ == 0)
            snprintf(first_bad, sizeof first_bad, "year %d has %d days", y, doy);
    }
    cr_assert_eq(bad, 0, "%d mismatching days, first %s", bad, first_bad);
    cr_assert_eq(n, 157420, "walk ended at day %d, expected 2401-01-01 = 157420", (int)n);
}

Test(date, weekday_of_known_dates)
{
    cr_assert_eq(lf_date_weekday(ymd(1970, 1, 1)), LF_THURSDAY);
    cr_assert_eq(lf_date_weekday(ymd(2000, 1, 1)), LF_SATURDAY);
    cr_assert_eq(lf_date_weekday(ymd(2024, 2, 29)), LF_THURSDAY);
    cr_assert_eq(lf_date_weekday(ymd(1969, 12, 31)), LF_WEDNESDAY); /* negative day */
    cr_assert_eq(lf_date_weekday(ymd(1969, 12, 28)), LF_SUNDAY);    /* -4 */
    cr_assert_eq(lf_date_weekday(ymd(1900, 1, 1)), LF_MONDAY);
    cr_assert_eq(lf_date_weekday(ymd(2024, 12, 25)), LF_WEDNESDAY);
}

Test(date, day_of_year)
{
    cr_assert_eq(lf_date_day_of_year(ymd(2024, 1, 1)), 1);
    cr_assert_eq(lf_date_day_of_year(ymd(2024, 3, 1)), 61);  /* 31 + 29 + 1 */
    cr_assert_eq(lf_date_day_of_year(ymd(2023, 3, 1)), 60);  /* 31 + 28 + 1 */
    cr_assert_eq(lf_date_day_of_year(ymd(2024, 12, 31)), 366);
    cr_assert_eq(lf_date_day_of_year(ymd(1900, 12, 31)), 365);
}

/* ---- ISO weeks -------------------------------------------------------------- */

static void expect_iso(int y, int m, int d, int iso_year, int week)
{
    int iy = 0, w = 0;
    lf_date_iso_week(ymd(y, m, d), &iy, &w);
    cr_assert(iy == iso_year && w == week, "%04d-%02d-%02d: got %d-W%02d, expected %d-W%02d",
              y, m, d, iy, w, iso_year, week);
}

Test(date, iso_week_year_boundaries)
{
    expect_iso(2020, 12, 31, 2020, 53); /* Thursday: 2020 has 53 weeks */
    expect_iso(2021, 1, 3, 2020, 53);   /* Sunday of that week */
    expect_iso(2021, 1, 4, 2021, 1);    /* Monday */
    expect_iso(2024, 12, 30, 2025, 1);  /* Monday; its Thursday is 2025-01-02 */
    expect_iso(2026, 1, 1, 2026, 1);    /* Thursday */
    expect_iso(2008, 12, 29, 2009, 1);
    expect_iso(2010, 1, 3, 2009, 53);
    expect_iso(2024, 1, 1, 2024, 1);    /* a Monday */
    expect_iso(2023, 1, 1, 2022, 52);   /* a Sunday */
    expect_iso(2024, 6, 15, 2024, 24);
    int w = 0;
    lf_date_iso_week(ymd(2024, 6, 15), NULL, &w); /* NULL outputs allowed */
    cr_assert_eq(w, 24);
}

/* Independent check over 1600..2400 with the ordinal-date formula
 * week = (doy - weekday + 10) / 7, corrected at both ends of the year; a
 * year has 53 weeks when it starts on a Thursday, or on a Wednesday in a
 * leap year. */
static int ref_weeks_in_year(int y)
{
    int jan1 = lf_date_weekday(ymd(y, 1, 1)); /* weekday verified by the walk test */
    return (jan1 == 4 || (jan1 == 3 && ref_leap(y))) ? 53 : 52;
}

Test(date, iso_week_every_day_matches_ordinal_formula)
{
    int bad = 0;
    char first_bad[64] = "";
    for (lf_date n = ymd(1600, 1, 1); n <= ymd(2400, 12, 31); n++) {
        int y = lf_date_year(n), doy = lf_date_day_of_year(n), wd = lf_date_weekday(n);
        int ry = y, rw = (doy - wd + 10) / 7;
        if (rw < 1) {
            ry = y - 1;
            rw = ref_weeks_in_year(y - 1);
        } else if (rw > ref_weeks_in_year(y)) {
            ry = y + 1;
            rw = 1;
        }
        int iy, w;
        lf_date_iso_week(n, &iy, &w);
        if ((iy != ry || w != rw) && bad++ == 0)
            snprintf(first_bad, sizeof first_bad, "day %d: %d-W%d vs %d-W%d", (int)n, iy, w,
                     ry, rw);
    }
    cr_assert_eq(bad, 0, "%d mismatches, first %s", bad, first_bad);
}

/* ---- weekday rules -------------------------------------------------------------- */

static lf_date nth(int y, int m, int wd, int n)
{
    lf_date d = -1;
    lf_error err;
    int rc = lf_date_nth_weekday(y, m, wd, n, &d, &err);
    cr_assert_eq(rc, LF_OK, "%d-%d weekday %d n %d: %s", y, m, wd, n, err.message);
    return d;
}

Test(date, nth_and_last_weekday)
{
    /* US Thanksgiving 2024: 4th Thursday of November = 2024-11-28 */
    cr_assert_eq(nth(2024, 11, LF_THURSDAY, 4), ymd(2024, 11, 28));
    /* Labour Day 2024: 1st Monday of September = 2024-09-02 */
    cr_assert_eq(nth(2024, 9, LF_MONDAY, 1), ymd(2024, 9, 2));
    /* 1st of the month is itself the weekday: 2024-02-01 is a Thursday */
    cr_assert_eq(nth(2024, 2, LF_THURSDAY, 1), ymd(2024, 2, 1));
    /* February 2024 has five Thursdays: 1, 8, 15, 22, 29 */
    cr_assert_eq(nth(2024, 2, LF_THURSDAY, 5), ymd(2024, 2, 29));
    /* Memorial Day 2024: last Monday of May = 2024-05-27 */
    cr_assert_eq(nth(2024, 5, LF_MONDAY, -1), ymd(2024, 5, 27));
    /* EU summer time 2024: last Sundays of March and October */
    cr_assert_eq(nth(2024, 3, LF_SUNDAY, -1), ymd(2024, 3, 31));
    cr_assert_eq(nth(2024, 10, LF_SUNDAY, -1), ymd(2024, 10, 27));
    /* last day of the month is the weekday: 2024-08-31 is a Saturday */
    cr_assert_eq(nth(2024, 8, LF_SATURDAY, -1), ymd(2024, 8, 31));
    /* last Thursday of February 2024 is the leap day */
    cr_assert_eq(nth(2024, 2, LF_THURSDAY, -1), ymd(2024, 2, 29));
}

Test(date, nth_weekday_rejections)
{
    lf_error err;
    lf_date d = 777;
    /* Fridays of February 2024: 2, 9, 16, 23 - no fifth */
    cr_assert_eq(lf_date_nth_weekday(2024, 2, LF_FRIDAY, 5, &d, &err), LF_ERR_RANGE);
    cr_assert(strstr(err.message, "2024-02") != NULL, "%s", err.message);
    cr_assert_eq(d, 777);
    cr_assert_eq(lf_date_nth_weekday(2024, 2, LF_FRIDAY, 0, &d, &err), LF_ERR_RANGE);
    cr_assert_eq(lf_date_nth_weekday(2024, 2, LF_FRIDAY, 6, &d, &err), LF_ERR_RANGE);
    cr_assert_eq(lf_date_nth_weekday(2024, 2, LF_FRIDAY, -2, &d, &err), LF_ERR_RANGE);
    cr_assert_eq(lf_date_nth_weekday(2024, 2, 0, 1, &d, &err), LF_ERR_RANGE);
    cr_assert_eq(lf_date_nth_weekday(2024, 2, 8, 1, &d, &err), LF_ERR_RANGE);
    cr_assert_eq(lf_date_nth_weekday(2024, 13, LF_MONDAY, 1, &d, &err), LF_ERR_RANGE);
    cr_assert_eq(lf_date_nth_weekday(2024, 0, LF_MONDAY, -1, &d, NULL), LF_ERR_RANGE);
    cr_assert_eq(d, 777);
}

/* ---- Easter ------------------------------------------------------------------------ */

Test(date, easter_known_dates)
{
    cr_assert_eq(lf_date_easter(2024), ymd(2024, 3, 31));
    cr_assert_eq(lf_date_easter(2025), ymd(2025, 4, 20));
    cr_assert_eq(lf_date_easter(2019), ymd(2019, 4, 21));
    cr_assert_eq(lf_date_easter(2038), ymd(2038, 4, 25)); /* latest possible date */
    cr_assert_eq(lf_date_easter(2000), ymd(2000, 4, 23));
    cr_assert_eq(lf_date_easter(2008), ymd(2008, 3, 23));
    cr_assert_eq(lf_date_easter(1818), ymd(1818, 3, 22)); /* earliest possible date */
}

/* Oudin's (1940) algorithm, a different derivation of the Gregorian computus. */
static lf_date ref_easter(int y)
{
    int c = y / 100, n = y - 19 * (y / 19), k = (c - 17) / 25;
    int i = c - c / 4 - (c - k) / 3 + 19 * n + 15;
    i = i - 30 * (i / 30);
    i = i - (i / 28) * (1 - (i / 28) * (29 / (i + 1)) * ((21 - n) / 11));
    int j = y + y / 4 + i + 2 - c + c / 4;
    j = j - 7 * (j / 7);
    int l = i - j, m = 3 + (l + 40) / 44, d = l + 28 - 31 * (m / 4);
    return ymd(y, m, d);
}

Test(date, easter_every_year_matches_oudin)
{
    for (int y = 1600; y <= 2400; y++) {
        lf_date e = lf_date_easter(y);
        cr_assert_eq(e, ref_easter(y), "Easter %d", y);
        cr_assert_eq(lf_date_weekday(e), LF_SUNDAY, "Easter %d is not a Sunday", y);
        cr_assert(e >= ymd(y, 3, 22) && e <= ymd(y, 4, 25), "Easter %d out of range", y);
    }
}

/* ---- parsing ------------------------------------------------------------------------ */

Test(date, parse_accepted_date_formats)
{
    expect_date("2024-03-01", 2024, 3, 1);
    expect_date("2024/3/1", 2024, 3, 1);
    expect_date("2024/03/01", 2024, 3, 1);
    expect_date("2024-3-1", 2024, 3, 1);
    expect_date("2024-12-31", 2024, 12, 31);
    expect_date("2024/12/5", 2024, 12, 5);
    expect_date("20240301", 2024, 3, 1);
    expect_date("20240229", 2024, 2, 29);
    expect_date("1600-01-01", 1600, 1, 1);
    expect_date("0001-01-01", 1, 1, 1);
    expect_date("9999-12-31", 9999, 12, 31);
}

Test(date, parse_rejections_quote_the_text)
{
    expect_reject(0, "2023-02-29", LF_ERR_RANGE); /* 2023 is not a leap year */
    expect_reject(0, "2024-13-01", LF_ERR_RANGE);
    expect_reject(0, "2024-04-31", LF_ERR_RANGE);
    expect_reject(0, "20230229", LF_ERR_RANGE);
    expect_reject(0, "0000-01-01", LF_ERR_RANGE);
    expect_reject(0, "2024-1-1x", LF_ERR_PARSE);
    expect_reject(0, "24-01-01", LF_ERR_PARSE);
    expect_reject(0, "", LF_ERR_PARSE);
    expect_reject(0, "2024-01", LF_ERR_PARSE);
    expect_reject(0, "2024-001-01", LF_ERR_PARSE);
    expect_reject(0, "2024-01-001", LF_ERR_PARSE);
    expect_reject(0, "202403011", LF_ERR_PARSE);  /* 9 digits */
    expect_reject(0, "2024031", LF_ERR_PARSE);    /* 7 digits */
    expect_reject(0, "2024.03.01", LF_ERR_PARSE);
    expect_reject(0, " 2024-03-01", LF_ERR_PARSE);
    expect_reject(0, "2024-03-01 ", LF_ERR_PARSE);
    expect_reject(0, "2024-03-01 00:00", LF_ERR_PARSE); /* a timestamp is not a date */
    expect_reject(0, "-2024-03-01", LF_ERR_PARSE);
}

Test(date, parse_accepted_timestamps)
{
    expect_time("2024-03-01 13:30", 2024, 3, 1, 13, 30, 0);
    expect_time("2024-03-01T13:30", 2024, 3, 1, 13, 30, 0);
    expect_time("2024-03-01 13:30:15", 2024, 3, 1, 13, 30, 15);
    expect_time("2024-03-01T13:30:15", 2024, 3, 1, 13, 30, 15);
    expect_time("2024-03-01 7:05", 2024, 3, 1, 7, 5, 0); /* H:MM */
    expect_time("2024/3/1 00:00", 2024, 3, 1, 0, 0, 0);
    expect_time("20240301T23:59:59", 2024, 3, 1, 23, 59, 59);
    expect_time("2024-03-01", 2024, 3, 1, 0, 0, 0); /* date alone = midnight */
    /* 24:00 is the end of the day = 00:00 of the next, across month/year ends */
    expect_time("2024-03-01 24:00", 2024, 3, 2, 0, 0, 0);
    expect_time("2024-02-28 24:00", 2024, 2, 29, 0, 0, 0);
    expect_time("2024-12-31 24:00:00", 2025, 1, 1, 0, 0, 0);
    /* before 1970: negative seconds */
    expect_time("1969-12-31 23:59:59", 1969, 12, 31, 23, 59, 59);
    lf_time t;
    cr_assert_eq(lf_time_parse("1969-12-31 23:59:59", &t, NULL), LF_OK);
    cr_assert_eq(t, -1);
}

Test(date, parse_timestamp_rejections_quote_the_text)
{
    expect_reject(1, "2024-01-01 25:00", LF_ERR_RANGE);
    expect_reject(1, "2024-01-01 24:30", LF_ERR_RANGE);
    expect_reject(1, "2024-01-01 24:00:01", LF_ERR_RANGE);
    expect_reject(1, "2024-01-01 12:60", LF_ERR_RANGE);
    expect_reject(1, "2024-01-01 12:30:60", LF_ERR_RANGE);
    expect_reject(1, "2024-01-01 7:5", LF_ERR_PARSE);   /* minutes need two digits */
    expect_reject(1, "2024-01-01 07", LF_ERR_PARSE);
    expect_reject(1, "2024-01-01 07:30:5", LF_ERR_PARSE);
    expect_reject(1, "2024-01-01 07:30 ", LF_ERR_PARSE);
    expect_reject(1, "2024-01-01X07:30", LF_ERR_PARSE);
    expect_reject(1, "2024-01-01  07:30", LF_ERR_PARSE);
    expect_reject(1, "2024-01-01 123:00", LF_ERR_PARSE);
    expect_reject(1, "2023-02-29 10:00", LF_ERR_RANGE);
    expect_reject(1, "24-01-01 10:00", LF_ERR_PARSE);
    expect_reject(1, "", LF_ERR_PARSE);
}

Test(date, parse_null_error_record)
{
    lf_date d;
    cr_assert_eq(lf_date_parse("nonsense", &d, NULL), LF_ERR_PARSE);
    lf_time t;
    cr_assert_eq(lf_time_parse("2024-01-01 99:00", &t, NULL), LF_ERR_RANGE);
}

Test(date, long_text_is_truncated_in_message)
{
    char text[300];
    memset(text, '9', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    lf_error err;
    lf_date d;
    cr_assert_eq(lf_date_parse(text, &d, &err), LF_ERR_PARSE);
    cr_assert(strlen(err.message) < 200, "message not bounded: %zu", strlen(err.message));
}

/* ---- time helpers and writers ------------------------------------------------------ */

Test(date, time_helpers)
{
    lf_time t = lf_time_from_date(ymd(2024, 3, 1)) + 13 * 3600 + 30 * 60 + 15;
    cr_assert_eq(lf_time_date(t), ymd(2024, 3, 1));
    cr_assert_eq(lf_time_second_of_day(t), 48615); /* 13 x 3600 + 30 x 60 + 15 */
    cr_assert_eq(lf_time_from_date(ymd(2024, 3, 1)), (lf_time)19783 * 86400);
    /* before 1970 the day still is the floor: -1 s is 1969-12-31 23:59:59 */
    cr_assert_eq(lf_time_date(-1), -1);
    cr_assert_eq(lf_time_second_of_day(-1), 86399);
    cr_assert_eq(lf_time_date(-86400), -1);
    cr_assert_eq(lf_time_second_of_day(-86400), 0);
    cr_assert_eq(lf_time_date(-86401), -2);
}

Test(date, format_date_and_time)
{
    char buf[LF_TIME_STRLEN];
    lf_date_format(ymd(2024, 2, 29), buf);
    cr_assert_str_eq(buf, "2024-02-29");
    lf_date_format(ymd(1, 1, 1), buf);
    cr_assert_str_eq(buf, "0001-01-01");
    lf_date_format(ymd(9999, 12, 31), buf);
    cr_assert_str_eq(buf, "9999-12-31");
    lf_date_format(-1, buf);
    cr_assert_str_eq(buf, "1969-12-31");
    lf_time_format(lf_time_from_date(ymd(2024, 3, 1)) + 7 * 3600 + 5 * 60 + 9, buf);
    cr_assert_str_eq(buf, "2024-03-01 07:05:09");
    lf_time_format(-1, buf);
    cr_assert_str_eq(buf, "1969-12-31 23:59:59");
    /* written text parses back to the same value */
    lf_time t = (lf_time)ymd(2031, 10, 26) * 86400 + 3 * 3600 + 45 * 60, back;
    lf_time_format(t, buf);
    cr_assert_eq(lf_time_parse(buf, &back, NULL), LF_OK);
    cr_assert_eq(back, t);
}

Test(date, add_months_clamps_to_month_end)
{
    cr_assert_eq(lf_date_add_months(lf_date_from_ymd(2025, 1, 31), 1),
                 lf_date_from_ymd(2025, 2, 28));
    cr_assert_eq(lf_date_add_months(lf_date_from_ymd(2024, 1, 31), 1),
                 lf_date_from_ymd(2024, 2, 29));
    cr_assert_eq(lf_date_add_months(lf_date_from_ymd(2025, 3, 1), 9),
                 lf_date_from_ymd(2025, 12, 1));
    cr_assert_eq(lf_date_add_months(lf_date_from_ymd(2025, 11, 15), 14),
                 lf_date_from_ymd(2027, 1, 15));
    cr_assert_eq(lf_date_add_months(lf_date_from_ymd(2025, 3, 31), -1),
                 lf_date_from_ymd(2025, 2, 28));
    cr_assert_eq(lf_date_add_months(lf_date_from_ymd(2025, 1, 10), -13),
                 lf_date_from_ymd(2023, 12, 10));
    cr_assert_eq(lf_date_add_months(lf_date_from_ymd(2025, 6, 5), 0),
                 lf_date_from_ymd(2025, 6, 5));
}

Test(date, weekday_names)
{
    cr_assert_str_eq(lf_weekday_name(lf_date_weekday(lf_date_from_ymd(2025, 7, 7))), "Mon");
    cr_assert_str_eq(lf_weekday_name(7), "Sun");
    cr_assert_str_eq(lf_weekday_name(0), "");
    cr_assert_str_eq(lf_weekday_name(8), "");
}
