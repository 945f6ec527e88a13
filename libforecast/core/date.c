/* date.c - civil calendar arithmetic on day numbers (proleptic Gregorian).
 * The conversions are Howard Hinnant's era-based algorithms: exact for every
 * year, no tables and no floating point. */
#include "libforecast/date.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MIN_YEAR 1
#define MAX_YEAR 9999

int lf_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int lf_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return days[month - 1] + (month == 2 && lf_is_leap_year(year));
}

int lf_days_in_year(int year) { return lf_is_leap_year(year) ? 366 : 365; }

int lf_date_is_valid(int year, int month, int day)
{
    return year >= MIN_YEAR && year <= MAX_YEAR && day >= 1 &&
           day <= lf_days_in_month(year, month);
}

lf_date lf_date_from_ymd(int year, int month, int day)
{
    long y = year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                     /* [0, 399] */
    long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             /* [0, 146096] */
    return (lf_date)(era * 146097 + doe - 719468);
}

lf_date lf_date_add_months(lf_date date, int months)
{
    int y, m, d;
    lf_date_to_ymd(date, &y, &m, &d);
    long total = (long)y * 12 + (m - 1) + months;    /* months since year 0 */
    long ny = total >= 0 ? total / 12 : -((11 - total) / 12);
    int nm = (int)(total - ny * 12) + 1;
    int last = lf_days_in_month((int)ny, nm);
    return lf_date_from_ymd((int)ny, nm, d <= last ? d : last);
}

int lf_date_make(int year, int month, int day, lf_date *out, lf_error *err)
{
    if (year < MIN_YEAR || year > MAX_YEAR)
        return lf_error_set(err, LF_ERR_RANGE, "year %d is outside %d..%d", year,
                            MIN_YEAR, MAX_YEAR);
    if (month < 1 || month > 12)
        return lf_error_set(err, LF_ERR_RANGE, "month %d is not 1..12", month);
    if (day < 1 || day > lf_days_in_month(year, month))
        return lf_error_set(err, LF_ERR_RANGE, "day %d does not exist in %04d-%02d", day,
                            year, month);
    *out = lf_date_from_ymd(year, month, day);
    return LF_OK;
}

void lf_date_to_ymd(lf_date date, int *year, int *month, int *day)
{
    long z = (long)date + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    if (year)
        *year = (int)(yoe + era * 400 + (m <= 2));
    if (month)
        *month = m;
    if (day)
        *day = d;
}

int lf_date_year(lf_date date)
{
    int y;
    lf_date_to_ymd(date, &y, NULL, NULL);
    return y;
}

int lf_date_month(lf_date date)
{
    int m;
    lf_date_to_ymd(date, NULL, &m, NULL);
    return m;
}

int lf_date_weekday(lf_date date)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    long w = ((long)date + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

const char *lf_weekday_name(int weekday)
{
    static const char *const names[8] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return weekday >= 1 && weekday <= 7 ? names[weekday] : "";
}

int lf_date_day_of_year(lf_date date)
{
    return (int)(date - lf_date_from_ymd(lf_date_year(date), 1, 1)) + 1;
}

void lf_date_iso_week(lf_date date, int *iso_year, int *week)
{
    /* The Thursday of the date's week decides which ISO year the week is in. */
    lf_date thursday = date - lf_date_weekday(date) + 4;
    int y = lf_date_year(thursday);
    if (iso_year)
        *iso_year = y;
    if (week)
        *week = (int)(thursday - lf_date_from_ymd(y, 1, 1)) / 7 + 1;
}

int lf_date_nth_weekday(int year, int month, int weekday, int n, lf_date *out,
                        lf_error *err)
{
    if (weekday < 1 || weekday > 7 || n == 0 || n < -1 || n > 5 ||
        !lf_date_is_valid(year, month, 1))
        return lf_error_set(err, LF_ERR_RANGE,
                            "no weekday rule for year %d month %d weekday %d n %d",
                            year, month, weekday, n);
    lf_date d;
    if (n > 0) {
        lf_date first = lf_date_from_ymd(year, month, 1);
        d = first + (weekday - lf_date_weekday(first) + 7) % 7 + 7 * (n - 1);
        if (lf_date_month(d) != month)
            return lf_error_set(err, LF_ERR_RANGE, "%04d-%02d has no weekday %d number %d",
                                year, month, weekday, n);
    } else {
        lf_date last = lf_date_from_ymd(year, month, lf_days_in_month(year, month));
        d = last - (lf_date_weekday(last) - weekday + 7) % 7;
    }
    *out = d;
    return LF_OK;
}

lf_date lf_date_easter(int year)
{
    /* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return lf_date_from_ymd(year, month, day);
}

/* Read 1..maxd decimal digits; returns the count read (0 = none). */
static int read_digits(const char **p, int maxd, int *value)
{
    int n = 0, v = 0;
    while (n < maxd && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        ++*p;
        ++n;
    }
    *value = v;
    return n;
}

static int bad_date(const char *text, lf_error *err)
{
    return lf_error_set(err, LF_ERR_PARSE,
                        "expected a date like 2024-03-01, 2024/3/1 or 20240301, got '%.40s'",
                        text);
}

/* Parse the date part at *p and advance past it. */
static int parse_date_part(const char **p, const char *text, lf_date *out, lf_error *err)
{
    int y, m, d;
    const char *s = *p;
    int ny = read_digits(&s, 8, &y);
    if (ny == 8) { /* YYYYMMDD */
        d = y % 100;
        m = (y / 100) % 100;
        y /= 10000;
    } else {
        char sep = *s;
        if (ny != 4 || (sep != '-' && sep != '/'))
            return bad_date(text, err);
        s++;
        if (read_digits(&s, 2, &m) == 0 || *s != sep)
            return bad_date(text, err);
        s++;
        if (read_digits(&s, 2, &d) == 0)
            return bad_date(text, err);
    }
    if (isdigit((unsigned char)*s))
        return bad_date(text, err);
    lf_error sub;
    if (lf_date_make(y, m, d, out, &sub) != LF_OK)
        return lf_error_set(err, LF_ERR_RANGE, "invalid date '%.40s': %s", text,
                            sub.message);
    *p = s;
    return LF_OK;
}

int lf_date_parse(const char *text, lf_date *out, lf_error *err)
{
    const char *p = text;
    lf_date d;
    int rc = parse_date_part(&p, text, &d, err);
    if (rc != LF_OK)
        return rc;
    if (*p != '\0')
        return bad_date(text, err);
    *out = d;
    return LF_OK;
}

static int bad_time(const char *text, lf_error *err)
{
    return lf_error_set(err, LF_ERR_PARSE,
                        "expected a timestamp like 2024-03-01 13:30 or 2024-03-01T13:30:00, "
                        "got '%.40s'", text);
}

int lf_time_parse(const char *text, lf_time *out, lf_error *err)
{
    const char *p = text;
    lf_date d;
    int rc = parse_date_part(&p, text, &d, err);
    if (rc != LF_OK)
        return rc;
    int hh = 0, mm = 0, ss = 0;
    if (*p == ' ' || *p == 'T') {
        p++;
        if (read_digits(&p, 2, &hh) == 0 || *p != ':')
            return bad_time(text, err);
        p++;
        if (read_digits(&p, 2, &mm) != 2)
            return bad_time(text, err);
        if (*p == ':') {
            p++;
            if (read_digits(&p, 2, &ss) != 2)
                return bad_time(text, err);
        }
    }
    if (*p != '\0')
        return bad_time(text, err);
    if (hh > 24 || mm > 59 || ss > 59 || (hh == 24 && (mm || ss)))
        return lf_error_set(err, LF_ERR_RANGE, "time of day out of range in '%.40s'", text);
    *out = lf_time_from_date(d) + (lf_time)hh * 3600 + mm * 60 + ss;
    return LF_OK;
}

lf_time lf_time_from_date(lf_date date) { return (lf_time)date * LF_SECONDS_PER_DAY; }

lf_date lf_time_date(lf_time t)
{
    lf_time q = t / LF_SECONDS_PER_DAY;
    if (t % LF_SECONDS_PER_DAY < 0)
        q--;
    return (lf_date)q;
}

int lf_time_second_of_day(lf_time t)
{
    return (int)(t - lf_time_from_date(lf_time_date(t)));
}

/* Write n decimal digits of v (0 <= v < 10^n) without snprintf, whose
 * truncation analysis cannot see that the fields are bounded. */
static char *put_digits(char *p, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + n;
}

void lf_date_format(lf_date date, char *buf)
{
    int y, m, d;
    lf_date_to_ymd(date, &y, &m, &d);
    char *p = put_digits(buf, (unsigned)(y < 0 ? 0 : y % 10000), 4);
    *p++ = '-';
    p = put_digits(p, (unsigned)m, 2);
    *p++ = '-';
    p = put_digits(p, (unsigned)d, 2);
    *p = '\0';
}

void lf_time_format(lf_time t, char *buf)
{
    unsigned s = (unsigned)lf_time_second_of_day(t);
    lf_date_format(lf_time_date(t), buf);
    char *p = buf + 10;
    *p++ = ' ';
    p = put_digits(p, s / 3600, 2);
    *p++ = ':';
    p = put_digits(p, s / 60 % 60, 2);
    *p++ = ':';
    p = put_digits(p, s % 60, 2);
    *p = '\0';
}
