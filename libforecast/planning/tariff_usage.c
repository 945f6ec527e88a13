/* tariff_usage.c - a customer's usage per calendar month as a tariff sees
 * it: kWh in each time-of-use period and the largest demand, read from
 * interval load or from days with a typical daily profile (tariff.h, "The
 * load"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tariff_internal.h"

double tb_cents(double x)
{
    double c = floor(fabs(x) * 100.0 + 0.5 + 1e-7);
    return copysign(c / 100.0, x);
}

/* ---- days ---------------------------------------------------------------------------- */

int tb_day_kind(const lf_calendar *cal, lf_date day, unsigned *kind, lf_error *err)
{
    if (!cal) {
        *kind = lf_date_weekday(day) >= 6 ? LF_TOU_WEEKEND : LF_TOU_WORKDAY;
        return LF_OK;
    }
    lf_day_info info;
    int rc = lf_calendar_day(cal, day, &info, err);
    if (rc != LF_OK)
        return rc;
    *kind = info.type == LF_DAY_HOLIDAY   ? LF_TOU_HOLIDAY
            : info.type == LF_DAY_WEEKEND ? LF_TOU_WEEKEND
                                          : LF_TOU_WORKDAY;
    return LF_OK;
}

/* ---- months ---------------------------------------------------------------------------- */

typedef struct months {
    tb_usage *m;
    size_t n;
    lf_date first, last;
} months;

static long month_index(lf_date first, lf_date day)
{
    int y0, m0, d0, y, m, d;
    lf_date_to_ymd(first, &y0, &m0, &d0);
    lf_date_to_ymd(day, &y, &m, &d);
    return (long)(y - y0) * 12 + (m - m0);
}

/* One usage entry for every month from first to last. */
static int months_alloc(months *ms, lf_date first, lf_date last, lf_error *err)
{
    ms->first = first;
    ms->last = last;
    ms->n = (size_t)month_index(first, last) + 1;
    ms->m = calloc(ms->n, sizeof *ms->m);
    if (!ms->m)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu months of a bill", ms->n);
    for (size_t k = 0; k < ms->n; k++) {
        int y, mo, d;
        lf_date_to_ymd(first, &y, &mo, &d);
        int month0 = mo - 1 + (int)k;
        ms->m[k].year = y + month0 / 12;
        ms->m[k].month = month0 % 12 + 1;
    }
    return LF_OK;
}

static tb_usage *month_of(const months *ms, lf_date day)
{
    return &ms->m[month_index(ms->first, day)];
}

/* kwh used from minute (0..1439) of a day of a kind. */
static void add_use(const lf_tariff *t, tb_usage *u, unsigned kind, int minute, double kwh)
{
    lf_tou_period p = lf_tariff_period(t, u->month, kind, minute);
    u->kwh += kwh;
    u->kwh_by_period[p] += kwh;
}

static int bad_value(lf_error *err, const char *what, lf_date day, int minute, double v)
{
    char d[LF_DATE_STRLEN];
    lf_date_format(day, d);
    return lf_error_set(err, LF_ERR_ARG, "%s %s %02d:%02d is %g: load must be a finite "
                        "number >= 0", what, d, minute / 60, minute % 60, v);
}

/* ---- interval load ----------------------------------------------------------------------- */

static int check_intervals(const lf_interval_load *load, lf_error *err)
{
    if (!load || !load->kw)
        return lf_error_set(err, LF_ERR_ARG, "a bill needs load");
    if (load->minutes != 15 && load->minutes != 30 && load->minutes != 60)
        return lf_error_set(err, LF_ERR_ARG, "interval load of %d minutes: 15, 30 or 60",
                            load->minutes);
    size_t per_day = (size_t)(1440 / load->minutes);
    if (load->n == 0 || load->n % per_day != 0)
        return lf_error_set(err, LF_ERR_ARG, "%zu intervals of %d minutes are not whole days "
                            "(%zu a day)", load->n, load->minutes, per_day);
    return LF_OK;
}

static int read_day(const lf_tariff *t, const lf_interval_load *load, size_t d, months *ms,
                    const lf_calendar *cal, lf_error *err)
{
    size_t per_day = (size_t)(1440 / load->minutes);
    lf_date day = load->first + (lf_date)d;
    unsigned kind;
    int rc = tb_day_kind(cal, day, &kind, err);
    tb_usage *u = month_of(ms, day);
    u->days++;
    for (size_t i = 0; rc == LF_OK && i < per_day; i++) {
        double kw = load->kw[d * per_day + i];
        int minute = (int)i * load->minutes;
        if (!isfinite(kw) || kw < 0)
            return bad_value(err, "interval load on", day, minute, kw);
        add_use(t, u, kind, minute, kw * load->minutes / 60.0);
        u->max_demand_kw = fmax(u->max_demand_kw, kw);
    }
    return rc;
}

int tb_usage_of_intervals(const lf_tariff *t, const lf_interval_load *load,
                          const lf_calendar *cal, tb_usage **out, size_t *nmonths,
                          lf_error *err)
{
    *out = NULL;
    *nmonths = 0;
    int rc = check_intervals(load, err);
    if (rc != LF_OK)
        return rc;
    size_t ndays = load->n / (size_t)(1440 / load->minutes);
    months ms = {0};
    rc = months_alloc(&ms, load->first, load->first + (lf_date)ndays - 1, err);
    for (size_t d = 0; rc == LF_OK && d < ndays; d++)
        rc = read_day(t, load, d, &ms, cal, err);
    if (rc != LF_OK) {
        free(ms.m);
        return rc;
    }
    *out = ms.m;
    *nmonths = ms.n;
    return LF_OK;
}

/* ---- daily load -------------------------------------------------------------------------- */

static int check_profile(const double profile[24], lf_error *err)
{
    double sum = 0;
    for (int h = 0; h < 24; h++) {
        if (!isfinite(profile[h]) || profile[h] < 0)
            return lf_error_set(err, LF_ERR_ARG, "the daily profile's hour %d is %g: shares "
                                "are >= 0", h, profile[h]);
        sum += profile[h];
    }
    if (fabs(sum - 1) > 1e-6)
        return lf_error_set(err, LF_ERR_ARG, "the daily profile's shares sum to %.9g, not 1",
                            sum);
    return LF_OK;
}

static int spread_day(const lf_tariff *t, lf_date day, double kwh, double peak_kw,
                      const double profile[24], months *ms, const lf_calendar *cal,
                      lf_error *err)
{
    if (!isfinite(kwh) || kwh < 0)
        return bad_value(err, "daily energy on", day, 0, kwh);
    if (!isfinite(peak_kw) || peak_kw < 0)
        return bad_value(err, "daily peak on", day, 0, peak_kw);
    unsigned kind;
    int rc = tb_day_kind(cal, day, &kind, err);
    tb_usage *u = month_of(ms, day);
    u->days++;
    for (int h = 0; rc == LF_OK && h < 24; h++)
        add_use(t, u, kind, 60 * h, kwh * profile[h]);
    u->max_demand_kw = fmax(u->max_demand_kw, peak_kw);
    return rc;
}

int tb_usage_of_days(const lf_tariff *t, lf_date first, size_t ndays, const double *kwh,
                     const double *peak_kw, const double profile[24], const lf_calendar *cal,
                     tb_usage **out, size_t *nmonths, lf_error *err)
{
    *out = NULL;
    *nmonths = 0;
    if (ndays == 0 || !kwh || !peak_kw || !profile)
        return lf_error_set(err, LF_ERR_ARG, "a bill from days needs days, their energy and "
                            "peak and a daily profile");
    int rc = check_profile(profile, err);
    months ms = {0};
    if (rc == LF_OK)
        rc = months_alloc(&ms, first, first + (lf_date)ndays - 1, err);
    for (size_t d = 0; rc == LF_OK && d < ndays; d++)
        rc = spread_day(t, first + (lf_date)d, kwh[d], peak_kw[d], profile, &ms, cal, err);
    if (rc != LF_OK) {
        free(ms.m);
        return rc;
    }
    *out = ms.m;
    *nmonths = ms.n;
    return LF_OK;
}
