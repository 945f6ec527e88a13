/* balance_forecast.c - the balance plan's demand from a forecast made in the
 * same process (balance.h, lf_balance_demand_from_forecast): what
 * lf_balance_demand_from_csv and lf_balance_daily_from_csv read from lfc
 * forecast's files, taken from the lf_forecast itself, so a program (or
 * lfc plan) need not write and re-read them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "libforecast/forecast.h"
#include "balance_internal.h"

/* The scenario's index: by name, or 0 for NULL. */
static int find_scenario(const lf_forecast *f, const char *scenario, size_t *out,
                         lf_error *err)
{
    size_t n = lf_forecast_nscenarios(f);
    *out = 0;
    if (!scenario)
        return n ? LF_OK : lf_error_set(err, LF_ERR_DATA, "the forecast has no scenario");
    for (size_t s = 0; s < n; s++)
        if (strcmp(lf_forecast_scenario_name(f, s), scenario) == 0) {
            *out = s;
            return LF_OK;
        }
    char names[400] = "";
    for (size_t s = 0; s < n; s++) {
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s", s ? ", " : "",
                 lf_forecast_scenario_name(f, s));
    }
    return lf_error_set(err, LF_ERR_ARG, "the forecast has no scenario '%s' (it has %s)",
                        scenario, names);
}

/* The index of the quantile labelled label ("p90"), and of P50. */
static int find_quantile(const lf_forecast *f, const char *label, size_t *out, lf_error *err)
{
    const lf_forecast_spec *spec = lf_forecast_spec_of(f);
    char buf[LF_BALANCE_LABEL_MAX], names[256] = "";
    for (size_t k = 0; k < spec->nquantiles; k++) {
        lf_forecast_quantile_label(spec->quantiles[k], buf, sizeof buf);
        if (strcasecmp(buf, label) == 0) { /* "P90" as the CSV readers take it */
            *out = k;
            return LF_OK;
        }
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s", k ? ", " : "", buf);
    }
    return lf_error_set(err, LF_ERR_ARG, "the forecast has no quantile %s (it has %s)", label,
                        names);
}

/* The scenario and the two quantiles' indices, after the checks both readers share. */
typedef struct source {
    size_t scenario, p50, high;
} source;

static int find_source(const lf_forecast *f, const char *scenario, const char *high,
                       source *src, lf_error *err)
{
    if (!f)
        return lf_error_set(err, LF_ERR_ARG, "no forecast to take the demand from");
    int rc = lf_balance_check_label(high, err);
    if (rc == LF_OK)
        rc = find_scenario(f, scenario, &src->scenario, err);
    if (rc == LF_OK)
        rc = find_quantile(f, "p50", &src->p50, err);
    if (rc == LF_OK)
        rc = find_quantile(f, high, &src->high, err);
    if (rc == LF_OK && src->high < src->p50)
        rc = lf_error_set(err, LF_ERR_ARG, "the high quantile %s is below the P50: a plan "
                          "covers a quantile above the median (p90, p95...)", high);
    return rc;
}

static void copy_labels(const lf_forecast *f, const source *src, const char *high,
                        char *scenario, char *label)
{
    snprintf(scenario, LF_SCENARIO_NAME_MAX, "%s", lf_forecast_scenario_name(f, src->scenario));
    snprintf(label, LF_BALANCE_LABEL_MAX, "%s", high);
}

/* The whole calendar months of the periods: a forecast starting or ending
 * inside a month leaves that month out (a balance month is a calendar month). */
static void whole_months(const lf_forecast_period *p, size_t n, size_t *first, size_t *count)
{
    size_t a = 0, b = n;
    while (a < b && p[a].days != p[a].calendar_days)
        a++;
    while (b > a && p[b - 1].days != p[b - 1].calendar_days)
        b--;
    *first = a;
    *count = b - a;
}

/* The rules lf_balance_demand_from_csv applies to a file: every value
 * present and >= 0 (negative new connections can pull a forecast below 0). */
static int check_months(const lf_forecast_period *p, size_t n, const source *src,
                        lf_error *err)
{
    for (size_t k = 0; k < n; k++)
        for (int m = LF_MEASURE_ENERGY; m <= LF_MEASURE_PEAK; m++) {
            double lo = p[k].value[m].q[src->p50], hi = p[k].value[m].q[src->high];
            if (!(lo >= 0) || !(hi >= 0))
                return lf_error_set(err, LF_ERR_DATA, "%04d-%02d: the forecast %s is %g at "
                                    "P50 and %g at the high quantile; a plan needs values "
                                    ">= 0", p[k].year, p[k].month,
                                    m == LF_MEASURE_ENERGY ? "energy" : "peak", lo, hi);
        }
    return LF_OK;
}

int lf_balance_demand_from_forecast(const lf_forecast *f, const char *scenario,
                                    const char *high, lf_balance_demand **out, lf_error *err)
{
    source src;
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_balance_demand_from_forecast: out is NULL");
    *out = NULL;
    int rc = find_source(f, scenario, high, &src, err);
    if (rc != LF_OK)
        return rc;
    size_t n, a, count;
    const lf_forecast_period *p = lf_forecast_periods(f, src.scenario, LF_PERIOD_MONTH, &n);
    whole_months(p, n, &a, &count);
    if (count == 0 || count > LF_BALANCE_MAX_MONTHS)
        return lf_error_set(err, LF_ERR_DATA, "the forecast has %zu whole months; a plan "
                            "needs 1 to %d", count, LF_BALANCE_MAX_MONTHS);
    const lf_forecast_value *e = &p[a].value[LF_MEASURE_ENERGY];
    const lf_forecast_value *pk = &p[a].value[LF_MEASURE_PEAK];
    if (isnan(e->q[src.p50]) || isnan(pk->q[src.p50]))
        return lf_error_set(err, LF_ERR_DATA, "the forecast has no %s model: a plan needs "
                            "the energy and the peak forecast",
                            isnan(e->q[src.p50]) ? "energy" : "peak");
    lf_balance_demand *d = calloc(1, sizeof *d);
    double *v = d ? malloc(4 * count * sizeof *v) : NULL;
    if (!v) {
        free(d);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory taking the forecast's demand");
    }
    d->energy_p50 = v; /* one block, as lf_balance_demand_free expects */
    d->energy_high = v + count;
    d->peak_p50 = v + 2 * count;
    d->peak_high = v + 3 * count;
    if ((rc = check_months(p + a, count, &src, err)) != LF_OK)
        return rc;
    for (size_t k = 0; k < count; k++) {
        const lf_forecast_value *ek = &p[a + k].value[LF_MEASURE_ENERGY];
        const lf_forecast_value *pkk = &p[a + k].value[LF_MEASURE_PEAK];
        d->energy_p50[k] = ek->q[src.p50];
        d->energy_high[k] = ek->q[src.high];
        d->peak_p50[k] = pkk->q[src.p50];
        d->peak_high[k] = pkk->q[src.high];
    }
    d->year = p[a].year;
    d->month = p[a].month;
    d->nmonths = count;
    copy_labels(f, &src, high, d->scenario, d->high_label);
    *out = d;
    return LF_OK;
}

int lf_balance_daily_from_forecast(const lf_forecast *f, const char *scenario, const char *high,
                                   lf_balance_daily **out, lf_error *err)
{
    source src;
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_balance_daily_from_forecast: out is NULL");
    *out = NULL;
    int rc = find_source(f, scenario, high, &src, err);
    if (rc != LF_OK)
        return rc;
    size_t n;
    const lf_forecast_period *p = lf_forecast_periods(f, src.scenario, LF_PERIOD_DAY, &n);
    if (n == 0 || isnan(p[0].value[LF_MEASURE_PEAK].q[src.high]))
        return lf_error_set(err, LF_ERR_DATA, "the forecast has no daily peak forecast");
    lf_balance_daily *d = calloc(1, sizeof *d);
    double *v = d ? malloc(n * sizeof *v) : NULL;
    if (!v) {
        free(d);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory taking the forecast's peaks");
    }
    for (size_t t = 0; t < n; t++) {
        v[t] = p[t].value[LF_MEASURE_PEAK].q[src.high];
        if (!(v[t] >= 0)) {
            char day[LF_DATE_STRLEN];
            lf_date_format(p[t].first, day);
            free(v);
            free(d);
            return lf_error_set(err, LF_ERR_DATA, "%s: the forecast peak is %g at the high "
                                "quantile; a plan needs values >= 0", day, p[t].value[
                                    LF_MEASURE_PEAK].q[src.high]);
        }
    }
    d->first = p[0].first;
    d->ndays = n;
    d->peak_mw = v;
    copy_labels(f, &src, high, d->scenario, d->high_label);
    *out = d;
    return LF_OK;
}
