/* balance.c - the monthly energy balance plan (balance.h): each month's
 * energy and capacity balance, its supply limit and days at risk, the
 * totals over the horizon, and the limit spread over days for the
 * peak-shift scheduler. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "balance_internal.h"

/* ---- months ------------------------------------------------------------------------ */

void lf_balance_month_at(int year, int month, size_t k, int *y, int *m)
{
    long i = (long)(month - 1) + (long)k;
    *y = year + (int)(i / 12);
    *m = (int)(i % 12) + 1;
}

char *lf_balance_month_label(int year, int month, char *buf)
{
    snprintf(buf, LF_MONTH_STRLEN, "%04u-%02u", (unsigned)year % 10000u, (unsigned)month % 100u);
    return buf;
}

lf_date lf_balance_first_day(int year, int month)
{
    return lf_date_from_ymd(year, month, 1);
}

lf_date lf_balance_end_day(int year, int month, size_t nmonths)
{
    int y, m;
    lf_balance_month_at(year, month, nmonths, &y, &m);
    return lf_balance_first_day(y, m);
}

long lf_balance_months_between(int year, int month, int y, int m)
{
    return ((long)y - year) * 12 + (m - month);
}

const char *lf_balance_status_name(lf_balance_status status)
{
    static const char *const names[] = {"ok", "energy_deficit", "capacity_deficit", "both"};
    return (unsigned)status < 4 ? names[status] : "unknown";
}

/* ---- one month ----------------------------------------------------------------------- */

static double at(const double *v, size_t k)
{
    return v ? v[k] : 0;
}

/* supply - demand, exactly 0 within the tolerance (see "Rounding" in balance.h). */
static double balance(double supply, double demand)
{
    double d = supply - demand;
    double scale = fmax(fabs(supply), fabs(demand));
    return fabs(d) <= LF_BALANCE_TOLERANCE * scale ? 0 : d;
}

static void energy(const lf_balance_spec *spec, size_t k, lf_balance_month *mo)
{
    mo->energy_p50 = spec->energy_p50[k];
    mo->energy_high = spec->energy_high[k];
    mo->own_mwh = at(spec->own_mwh, k);
    mo->purchase_mwh = at(spec->purchase_mwh, k);
    mo->supply_mwh = mo->own_mwh + mo->purchase_mwh;
    mo->energy_balance_p50 = balance(mo->supply_mwh, mo->energy_p50);
    mo->energy_balance_high = balance(mo->supply_mwh, mo->energy_high);
}

static void capacity(const lf_balance_spec *spec, size_t k, lf_balance_month *mo)
{
    mo->peak_p50 = spec->peak_p50[k];
    mo->peak_high = spec->peak_high[k];
    mo->own_mw = at(spec->own_mw, k);
    mo->import_mw = at(spec->import_mw, k);
    mo->outage_mw = at(spec->outage_mw, k);
    double total = mo->own_mw + mo->import_mw;
    mo->outages_exceed_capacity = mo->outage_mw > total;
    mo->available_mw = mo->outages_exceed_capacity ? 0 : total - mo->outage_mw;
    mo->required_mw = mo->peak_high * (1 + spec->reserve);
    mo->capacity_balance_mw = balance(mo->available_mw, mo->required_mw);
    mo->limit_mw = mo->available_mw / (1 + spec->reserve);
}

/* Days of the month above its limit; peaks point at the month's first day. */
static void days_at_risk(const double *peaks, lf_date first, lf_balance_month *mo)
{
    mo->days_at_risk = 0;
    mo->worst_shortfall_mw = 0;
    mo->mw_days_at_risk = 0;
    for (int t = 0; t < mo->days; t++) {
        double over = peaks[t] - mo->limit_mw;
        if (!(over > LF_BALANCE_TOLERANCE * mo->limit_mw)) /* at the limit is no risk */
            continue;
        mo->days_at_risk++;
        mo->mw_days_at_risk += over;
        if (over > mo->worst_shortfall_mw) {
            mo->worst_shortfall_mw = over;
            mo->worst_day = first + t;
            mo->has_worst_day = 1;
        }
    }
}

static lf_balance_status status_of(const lf_balance_month *mo)
{
    int energy_short = mo->energy_balance_high < 0;
    int capacity_short = mo->capacity_balance_mw < 0;
    if (energy_short && capacity_short)
        return LF_BALANCE_BOTH;
    if (energy_short)
        return LF_BALANCE_ENERGY_DEFICIT;
    return capacity_short ? LF_BALANCE_CAPACITY_DEFICIT : LF_BALANCE_OK;
}

static void month(const lf_balance_spec *spec, size_t k, lf_balance_month *mo)
{
    lf_balance_month_at(spec->year, spec->month, k, &mo->year, &mo->month);
    mo->days = lf_days_in_month(mo->year, mo->month);
    energy(spec, k, mo);
    capacity(spec, k, mo);
    mo->days_at_risk = mo->worst_shortfall_mw = mo->mw_days_at_risk = NAN;
    if (spec->daily_peak_mw) {
        lf_date first = lf_balance_first_day(mo->year, mo->month);
        days_at_risk(spec->daily_peak_mw + (first - spec->daily_first), first, mo);
    }
    mo->status = status_of(mo);
}

/* ---- the horizon ----------------------------------------------------------------------- */

static void add_month(lf_balance_totals *t, const lf_balance_month *mo, size_t k)
{
    t->energy_p50 += mo->energy_p50;
    t->energy_high += mo->energy_high;
    t->own_mwh += mo->own_mwh;
    t->purchase_mwh += mo->purchase_mwh;
    t->supply_mwh += mo->supply_mwh;
    t->energy_deficit_p50 += fmax(0, -mo->energy_balance_p50);
    t->energy_deficit_high += fmax(0, -mo->energy_balance_high);
    t->months_by_status[mo->status]++;
    t->energy_deficit_months += mo->energy_balance_high < 0;
    t->capacity_deficit_months += mo->capacity_balance_mw < 0;
    if (k == 0 || mo->capacity_balance_mw < t->worst_capacity_balance_mw) {
        t->worst_capacity_month = k;
        t->worst_capacity_balance_mw = mo->capacity_balance_mw;
    }
    t->days_at_risk += mo->days_at_risk;    /* NaN stays NaN without daily peaks */
    t->mw_days_at_risk += mo->mw_days_at_risk;
}

static void totals(lf_balance *b)
{
    lf_balance_totals *t = &b->totals;
    memset(t, 0, sizeof *t);
    for (size_t k = 0; k < b->nmonths; k++)
        add_month(t, &b->months[k], k);
    /* the net balances from the sums, so they agree with them to the last digit */
    t->energy_balance_p50 = balance(t->supply_mwh, t->energy_p50);
    t->energy_balance_high = balance(t->supply_mwh, t->energy_high);
}

static void copy_labels(const lf_balance_spec *spec, lf_balance *b)
{
    snprintf(b->high_label, sizeof b->high_label, "%s",
             spec->high_label ? spec->high_label : "high");
    snprintf(b->scenario, sizeof b->scenario, "%s", spec->scenario ? spec->scenario : "");
}

int lf_balance_run(const lf_balance_spec *spec, lf_balance **out, lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_balance_run needs somewhere to put the plan");
    *out = NULL;
    int rc = lf_balance_spec_check(spec, err);
    if (rc != LF_OK)
        return rc;
    lf_balance *b = calloc(1, sizeof *b);
    if (b)
        b->months = calloc(spec->nmonths, sizeof *b->months);
    if (!b || !b->months) {
        lf_balance_free(b);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for a balance plan of %zu "
                            "months", spec->nmonths);
    }
    b->year = spec->year;
    b->month = spec->month;
    b->nmonths = spec->nmonths;
    b->reserve = spec->reserve;
    b->has_daily = spec->daily_peak_mw != NULL;
    copy_labels(spec, b);
    for (size_t k = 0; k < spec->nmonths; k++)
        month(spec, k, &b->months[k]);
    totals(b);
    *out = b;
    return LF_OK;
}

void lf_balance_free(lf_balance *b)
{
    if (!b)
        return;
    free(b->months);
    free(b);
}

/* ---- for the peak-shift scheduler ------------------------------------------------------- */

int lf_balance_daily_limits(const lf_balance *b, lf_date first, size_t ndays, double *limit_mw,
                            lf_error *err)
{
    if (!b || (ndays && !limit_mw))
        return lf_error_set(err, LF_ERR_ARG, "lf_balance_daily_limits needs a plan and an "
                            "array for the limits");
    lf_date start = lf_balance_first_day(b->year, b->month);
    lf_date end = lf_balance_end_day(b->year, b->month, b->nmonths);
    for (size_t t = 0; t < ndays; t++) {
        /* compared in 64 bits: first + t may lie far outside the date range */
        int64_t day = (int64_t)first + (int64_t)t;
        if (day < start || day >= end) {
            char d[LF_DATE_STRLEN] = "?", a[LF_DATE_STRLEN], z[LF_DATE_STRLEN];
            if (day >= INT32_MIN && day <= INT32_MAX)
                lf_date_format((lf_date)day, d);
            lf_date_format(start, a);
            lf_date_format(end - 1, z);
            return lf_error_set(err, LF_ERR_ARG, "%s is outside the balance months (%s .. "
                                "%s): the plan has no limit for it", d, a, z);
        }
        int y, m, dd;
        lf_date_to_ymd((lf_date)day, &y, &m, &dd);
        limit_mw[t] = b->months[lf_balance_months_between(b->year, b->month, y, m)].limit_mw;
    }
    return LF_OK;
}
