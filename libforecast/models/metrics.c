/* metrics.c - forecast accuracy (point errors, interval scores, MASE scale)
 * and the calendar aggregation used for monthly / yearly accuracy; the
 * formulas and rules are in metrics.h. */
#include "libforecast/metrics.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- input checks -------------------------------------------------------------- */

static int check_finite(const double *x, size_t n, const char *what, lf_error *err)
{
    for (size_t i = 0; x && i < n; i++)
        if (isinf(x[i]))
            return lf_error_set(err, LF_ERR_DATA, "%s is infinite at index %zu", what, i);
    return LF_OK;
}

static int check_bounds(const double *lower, const double *upper, size_t n, lf_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (lower[i] > upper[i]) /* false when either is NaN: those rows are skipped */
            return lf_error_set(err, LF_ERR_DATA, "interval lower bound %g is above the "
                                "upper bound %g at index %zu", lower[i], upper[i], i);
    return LF_OK;
}

static int check_compute_args(const double *y, const double *f, const double *lo,
                              const double *hi, size_t n, double level, lf_error *err)
{
    if (n > 0 && (!y || !f))
        return lf_error_set(err, LF_ERR_ARG, "lf_accuracy_compute needs the actual and "
                            "forecast arrays");
    if (!lo != !hi)
        return lf_error_set(err, LF_ERR_ARG, "interval bounds come in pairs: give both "
                            "lower and upper, or neither");
    if (lo && !(level > 0 && level < 1))
        return lf_error_set(err, LF_ERR_ARG, "interval level must be between 0 and 1 "
                            "(e.g. 0.9), got %g", level);
    int rc = check_finite(y, n, "actual", err);
    if (rc == LF_OK)
        rc = check_finite(f, n, "forecast", err);
    if (rc == LF_OK && lo)
        rc = check_finite(lo, n, "interval lower bound", err);
    if (rc == LF_OK && lo)
        rc = check_finite(hi, n, "interval upper bound", err);
    if (rc == LF_OK && lo)
        rc = check_bounds(lo, hi, n, err);
    return rc;
}

/* ---- accuracy ------------------------------------------------------------------ */

static void set_empty(lf_accuracy *a)
{
    a->n = a->n_mape = a->n_interval = 0;
    a->mae = a->rmse = a->mape = a->smape = a->mase = a->bias = a->bias_pct = NAN;
    a->pinball = a->coverage = a->winkler = NAN;
}

static void point_measures(const double *y, const double *f, size_t n, double mase_scale,
                           lf_accuracy *a)
{
    double abs_sum = 0, sq_sum = 0, ape_sum = 0, sape_sum = 0, e_sum = 0, y_sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i]) || isnan(f[i]))
            continue;
        double e = f[i] - y[i], ae = fabs(e);
        a->n++;
        abs_sum += ae;
        sq_sum += e * e;
        e_sum += e;
        y_sum += y[i];
        if (y[i] != 0) {
            a->n_mape++;
            ape_sum += ae / fabs(y[i]);
        }
        double denom = fabs(y[i]) + fabs(f[i]);
        if (denom > 0) /* both 0: a perfect forecast of nothing adds 0 */
            sape_sum += ae / denom;
    }
    if (a->n == 0)
        return;
    double m = (double)a->n;
    a->mae = abs_sum / m;
    a->rmse = sqrt(sq_sum / m);
    a->mape = a->n_mape ? 100.0 * ape_sum / (double)a->n_mape : NAN;
    a->smape = 200.0 * sape_sum / m;
    a->bias = e_sum / m;
    a->bias_pct = y_sum != 0 ? 100.0 * e_sum / y_sum : NAN;
    a->mase = isfinite(mase_scale) && mase_scale > 0 ? a->mae / mase_scale : NAN;
}

/* Quantile (pinball) loss of q as the tau quantile when y happens. */
static double quantile_loss(double y, double q, double tau)
{
    return y >= q ? tau * (y - q) : (1 - tau) * (q - y);
}

static void interval_measures(const double *y, const double *f, const double *lo,
                              const double *hi, size_t n, double level, lf_accuracy *a)
{
    double alpha = 1 - level, pin_sum = 0, wink_sum = 0;
    size_t covered = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i]) || isnan(f[i]) || isnan(lo[i]) || isnan(hi[i]))
            continue;
        a->n_interval++;
        pin_sum += (quantile_loss(y[i], lo[i], alpha / 2) +
                    quantile_loss(y[i], hi[i], 1 - alpha / 2)) / 2;
        double w = hi[i] - lo[i];
        if (y[i] < lo[i])
            w += 2 / alpha * (lo[i] - y[i]);
        else if (y[i] > hi[i])
            w += 2 / alpha * (y[i] - hi[i]);
        else
            covered++;
        wink_sum += w;
    }
    if (a->n_interval == 0)
        return;
    double m = (double)a->n_interval;
    a->pinball = pin_sum / m;
    a->coverage = (double)covered / m;
    a->winkler = wink_sum / m;
}

int lf_accuracy_compute(const double *actual, const double *forecast, const double *lower,
                        const double *upper, size_t n, double level, double mase_scale,
                        lf_accuracy *out, lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_accuracy_compute needs out");
    set_empty(out);
    int rc = check_compute_args(actual, forecast, lower, upper, n, level, err);
    if (rc != LF_OK)
        return rc;
    point_measures(actual, forecast, n, mase_scale, out);
    if (lower)
        interval_measures(actual, forecast, lower, upper, n, level, out);
    return LF_OK;
}

int lf_mase_scale(const double *train, size_t n, int season, double *scale, lf_error *err)
{
    if (!scale)
        return lf_error_set(err, LF_ERR_ARG, "lf_mase_scale needs scale");
    *scale = NAN;
    if (n > 0 && !train)
        return lf_error_set(err, LF_ERR_ARG, "lf_mase_scale needs the training values");
    if (season < 1)
        return lf_error_set(err, LF_ERR_ARG, "MASE season must be at least 1 (1 = naive, "
                            "7 = weekly on daily data), got %d", season);
    int rc = check_finite(train, n, "training value", err);
    if (rc != LF_OK)
        return rc;
    double sum = 0;
    size_t m = 0;
    for (size_t t = (size_t)season; t < n; t++) {
        double d = train[t] - train[t - (size_t)season]; /* NaN when either is missing */
        if (!isnan(d)) {
            sum += fabs(d);
            m++;
        }
    }
    if (m > 0)
        *scale = sum / (double)m;
    return LF_OK;
}

/* ---- calendar aggregation ----------------------------------------------------- */

static int check_aggregate_args(lf_date first, size_t n, const double *actual,
                                const double *forecast, lf_period_kind kind,
                                lf_agg_stat stat, lf_error *err)
{
    if (n > 0 && (!actual || !forecast))
        return lf_error_set(err, LF_ERR_ARG, "lf_accuracy_aggregate needs the actual and "
                            "forecast arrays");
    if (kind != LF_PERIOD_MONTH && kind != LF_PERIOD_YEAR)
        return lf_error_set(err, LF_ERR_ARG, "unknown period kind %d", (int)kind);
    if (stat != LF_AGG_SUM && stat != LF_AGG_MAX)
        return lf_error_set(err, LF_ERR_ARG, "unknown aggregate %d (LF_AGG_SUM or "
                            "LF_AGG_MAX)", (int)stat);
    if (n == 0)
        return LF_OK;
    /* int64 so that first + n cannot overflow before the comparison */
    int64_t lo = lf_date_from_ymd(1, 1, 1), hi = lf_date_from_ymd(9999, 12, 31);
    if (first < lo || first > hi)
        return lf_error_set(err, LF_ERR_RANGE, "first date (day number %ld) is outside the "
                            "years 1..9999", (long)first);
    if (n > (uint64_t)(hi - first) + 1) {
        char day[LF_DATE_STRLEN];
        lf_date_format(first, day);
        return lf_error_set(err, LF_ERR_RANGE, "%zu days from %s run past 9999-12-31", n, day);
    }
    return LF_OK;
}

static int check_finite_dated(const double *x, size_t n, lf_date first, const char *what,
                              lf_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (isinf(x[i])) {
            char day[LF_DATE_STRLEN];
            lf_date_format(first + (lf_date)i, day);
            return lf_error_set(err, LF_ERR_DATA, "%s is infinite on %s (index %zu)",
                                what, day, i);
        }
    return LF_OK;
}

/* Aggregate rows [i0, i1] of x; NaN when any is missing (the period is then
 * incomplete). */
static double aggregate_rows(const double *x, size_t i0, size_t i1, lf_agg_stat stat)
{
    double v = stat == LF_AGG_SUM ? 0 : -INFINITY;
    for (size_t i = i0; i <= i1; i++) {
        if (isnan(x[i]))
            return NAN;
        v = stat == LF_AGG_SUM ? v + x[i] : fmax(v, x[i]);
    }
    return v;
}

typedef struct agg_out {
    lf_date *starts;
    double *actual, *forecast;
    size_t count;
} agg_out;

static int agg_alloc(agg_out *o, size_t cap)
{
    o->starts = malloc(cap * sizeof *o->starts);
    o->actual = malloc(cap * sizeof *o->actual);
    o->forecast = malloc(cap * sizeof *o->forecast);
    return o->starts && o->actual && o->forecast;
}

static void agg_free(agg_out *o)
{
    free(o->starts);
    free(o->actual);
    free(o->forecast);
    o->starts = NULL;
    o->actual = o->forecast = NULL;
    o->count = 0;
}

/* Periods overlapping first .. last: an upper bound on the complete ones. */
static size_t count_periods(lf_date first, lf_date last, lf_period_kind kind)
{
    size_t cap = 0;
    for (lf_date ps = lf_period_start(first, kind); ps <= last;
         ps = lf_period_end(ps, kind) + 1)
        cap++;
    return cap;
}

static void collect(lf_date first, lf_date last, const double *actual, const double *forecast,
                    lf_period_kind kind, lf_agg_stat stat, agg_out *o)
{
    for (lf_date ps = lf_period_start(first, kind); ps <= last;
         ps = lf_period_end(ps, kind) + 1) {
        lf_date pe = lf_period_end(ps, kind);
        if (ps < first || pe > last)
            continue; /* only partly inside the arrays */
        size_t i0 = (size_t)(ps - first), i1 = (size_t)(pe - first);
        double a = aggregate_rows(actual, i0, i1, stat);
        double f = aggregate_rows(forecast, i0, i1, stat);
        if (isnan(a) || isnan(f))
            continue;
        o->starts[o->count] = ps;
        o->actual[o->count] = a;
        o->forecast[o->count] = f;
        o->count++;
    }
}

int lf_accuracy_aggregate(lf_date first, size_t n, const double *actual,
                          const double *forecast, lf_period_kind kind, lf_agg_stat stat,
                          lf_date **starts, double **actual_agg, double **forecast_agg,
                          size_t *nperiods, lf_error *err)
{
    if (!starts || !actual_agg || !forecast_agg || !nperiods)
        return lf_error_set(err, LF_ERR_ARG, "lf_accuracy_aggregate needs all four outputs");
    *starts = NULL;
    *actual_agg = *forecast_agg = NULL;
    *nperiods = 0;
    int rc = check_aggregate_args(first, n, actual, forecast, kind, stat, err);
    if (rc == LF_OK)
        rc = check_finite_dated(actual, n, first, "actual", err);
    if (rc == LF_OK)
        rc = check_finite_dated(forecast, n, first, "forecast", err);
    if (rc != LF_OK || n == 0)
        return rc;
    lf_date last = first + (lf_date)(n - 1);
    agg_out o = {0};
    if (!agg_alloc(&o, count_periods(first, last, kind))) {
        agg_free(&o);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory aggregating %zu days", n);
    }
    collect(first, last, actual, forecast, kind, stat, &o);
    if (o.count == 0) {
        agg_free(&o); /* documented: all NULL when there is no complete period */
        return LF_OK;
    }
    *starts = o.starts;
    *actual_agg = o.actual;
    *forecast_agg = o.forecast;
    *nperiods = o.count;
    return LF_OK;
}
