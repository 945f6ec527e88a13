/* alerts.c - usage alerts (用电异常预警, customer_segment.h): each recent
 * month of each customer against its baseline (last year, the months before,
 * or the caller's expectation), flagged by percent change or by z against
 * the customer's own history of changes, and ranked. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/customer_segment.h"
#include "../core/grow.h"

/* ---- names and spec ----------------------------------------------------------------- */

static const char *const baseline_names[] = {"last_year", "previous", "expected"};
static const char *const measure_names[] = {"percent", "z"};
#define COUNT(a) (sizeof (a) / sizeof *(a))

static int parse(const char *name, const char *const *names, size_t n)
{
    for (size_t k = 0; name && k < n; k++)
        if (strcmp(name, names[k]) == 0)
            return (int)k;
    return -1;
}

const char *lf_alert_baseline_name(lf_alert_baseline b)
{
    return (unsigned)b < COUNT(baseline_names) ? baseline_names[b] : "unknown";
}

int lf_alert_baseline_parse(const char *name)
{
    return parse(name, baseline_names, COUNT(baseline_names));
}

const char *lf_alert_measure_name(lf_alert_measure m)
{
    return (unsigned)m < COUNT(measure_names) ? measure_names[m] : "unknown";
}

int lf_alert_measure_parse(const char *name)
{
    return parse(name, measure_names, COUNT(measure_names));
}

void lf_alert_spec_default(lf_alert_spec *spec)
{
    *spec = (lf_alert_spec){.baseline = LF_ALERT_LAST_YEAR, .previous_months = 3,
                            .measure = LF_ALERT_PERCENT, .threshold = 0.30,
                            .recent_months = 1, .min_history = 6, .min_kwh = 0};
}

int lf_alert_spec_check(const lf_alert_spec *spec, lf_error *err)
{
    if (!spec)
        return lf_error_set(err, LF_ERR_ARG, "no alert spec given");
    if ((unsigned)spec->baseline >= COUNT(baseline_names))
        return lf_error_set(err, LF_ERR_ARG, "alert baseline %d is not last_year, previous or "
                            "expected", (int)spec->baseline);
    if ((unsigned)spec->measure >= COUNT(measure_names))
        return lf_error_set(err, LF_ERR_ARG, "alert measure %d is not percent or z",
                            (int)spec->measure);
    if (spec->previous_months < 1)
        return lf_error_set(err, LF_ERR_ARG, "alert previous_months is 0; give 1 or more");
    if (!(isfinite(spec->threshold) && spec->threshold > 0))
        return lf_error_set(err, LF_ERR_ARG, "alert threshold %g must be a number above 0 "
                            "(0.30 = 30%% for percent, 3 for z)", spec->threshold);
    if (spec->recent_months < 1)
        return lf_error_set(err, LF_ERR_ARG, "alert recent_months is 0; give 1 or more");
    if (spec->min_history < 2)
        return lf_error_set(err, LF_ERR_ARG, "alert min_history is %zu; a standard deviation "
                            "needs 2 or more months", spec->min_history);
    if (!(isfinite(spec->min_kwh) && spec->min_kwh >= 0))
        return lf_error_set(err, LF_ERR_ARG, "alert min_kwh %g must be a number >= 0",
                            spec->min_kwh);
    return LF_OK;
}

/* ---- inputs ------------------------------------------------------------------------- */

/* NaN, or finite and >= 0: a negative or infinite kWh would turn a change
 * around or make every share 0. */
static int values_ok(const lf_customer_set *set, const double *x, const char *what,
                     lf_error *err)
{
    for (size_t i = 0; i < set->n; i++)
        for (size_t m = 0; m < set->nmonths; m++) {
            double v = x[i * set->nmonths + m];
            if (isnan(v) || (isfinite(v) && v >= 0))
                continue;
            char month[LF_DATE_STRLEN];
            lf_date_format(lf_date_add_months(set->first_month, (int)m), month);
            return lf_error_set(err, LF_ERR_DATA, "customer '%.*s', month %.7s: %s energy is "
                                "%g kWh; give a number >= 0 (or nothing when missing)",
                                LF_CUSTOMER_ID_MAX - 1, set->customers[i].id, month, what, v);
        }
    return LF_OK;
}

static int inputs_ok(const lf_customer_set *set, const double *expected,
                     const lf_alert_spec *spec, lf_error *err)
{
    int rc = lf_alert_spec_check(spec, err);
    if (rc != LF_OK)
        return rc;
    if (!set)
        return lf_error_set(err, LF_ERR_ARG, "no customer set given for the usage alerts");
    if (set->n > 0 && (!set->customers || (set->nmonths > 0 && !set->energy_kwh)))
        return lf_error_set(err, LF_ERR_ARG, "the customer set has %zu customers but no "
                            "customer or energy array", set->n);
    if (spec->baseline == LF_ALERT_EXPECTED && !expected)
        return lf_error_set(err, LF_ERR_ARG, "baseline expected needs the expected energy "
                            "(n x nmonths kWh, e.g. from lf_customer_expected_load)");
    rc = values_ok(set, set->energy_kwh, "the actual", err);
    if (rc == LF_OK && spec->baseline == LF_ALERT_EXPECTED)
        rc = values_ok(set, expected, "the expected", err);
    return rc;
}

/* ---- one customer ------------------------------------------------------------------- */

/* base[m]: what month m of this customer was expected to be, NaN when its
 * baseline has no value. */
static void baseline_of(const double *energy, const double *expected, size_t nmonths,
                        const lf_alert_spec *spec, double *base)
{
    size_t p = spec->previous_months;
    for (size_t m = 0; m < nmonths; m++) {
        base[m] = NAN;
        if (spec->baseline == LF_ALERT_EXPECTED) {
            base[m] = expected[m];
        } else if (spec->baseline == LF_ALERT_LAST_YEAR) {
            if (m >= 12)
                base[m] = energy[m - 12];
        } else if (m >= p) {
            double sum = 0; /* a missing month makes the mean NaN: no baseline */
            for (size_t k = m - p; k < m; k++)
                sum += energy[k];
            base[m] = sum / (double)p;
        }
    }
}

/* Mean and sample standard deviation of the changes of months [0, end)
 * that have one; NaN with fewer than min_history of them. */
static void history_spread(const double *energy, const double *base, size_t end,
                           size_t min_history, double *mean, double *sd)
{
    size_t k = 0;
    double sum = 0, ss = 0;
    for (size_t m = 0; m < end; m++)
        if (!isnan(energy[m] - base[m])) {
            sum += energy[m] - base[m];
            k++;
        }
    *mean = *sd = NAN;
    if (k < min_history)
        return;
    *mean = sum / (double)k;
    for (size_t m = 0; m < end; m++)
        if (!isnan(energy[m] - base[m]))
            ss += (energy[m] - base[m] - *mean) * (energy[m] - base[m] - *mean);
    *sd = sqrt(ss / (double)(k - 1));
}

typedef struct alert_list {
    lf_usage_alert *items;
    size_t n, cap;
} alert_list;

static int push(alert_list *list, const lf_usage_alert *a, lf_error *err)
{
    lf_usage_alert *grown = lf_grow(list->items, list->n, &list->cap, sizeof *grown);
    if (!grown)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory listing usage alerts");
    list->items = grown;
    list->items[list->n++] = *a;
    return LF_OK;
}

static int customer_alerts(const lf_customer_set *set, size_t i, const double *base,
                           const lf_alert_spec *spec, alert_list *list, lf_error *err)
{
    const double *energy = set->energy_kwh + i * set->nmonths;
    size_t end = spec->through_months > 0 && spec->through_months < set->nmonths
                     ? spec->through_months : set->nmonths;
    size_t first = end > spec->recent_months ? end - spec->recent_months : 0;
    double mean, s;
    history_spread(energy, base, first, spec->min_history, &mean, &s);
    for (size_t m = first; m < end; m++) {
        if (isnan(energy[m]) || isnan(base[m]) || base[m] < spec->min_kwh)
            continue;
        lf_usage_alert a = {.customer = i, .actual = energy[m], .expected = base[m]};
        a.month = lf_date_add_months(set->first_month, (int)m);
        a.change = a.actual - a.expected;
        a.change_pct = a.expected == 0 ? NAN : a.change / a.expected;
        /* against the customer's usual change: steady growth is not a swing;
         * s = 0: no spread to measure against */
        a.z = s > 0 ? (a.change - mean) / s : NAN;
        double measure = spec->measure == LF_ALERT_PERCENT ? a.change_pct : a.z;
        if (!(fabs(measure) >= spec->threshold - LF_ALERT_TOLERANCE))
            continue;
        int rc = push(list, &a, err);
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}

/* ---- ranking ------------------------------------------------------------------------ */

/* Largest |measure| first, then largest |change|, then customer and month:
 * a total order, so the ranking does not depend on qsort. */
static int rank_rest(const lf_usage_alert *x, const lf_usage_alert *y)
{
    if (fabs(x->change) != fabs(y->change))
        return fabs(x->change) > fabs(y->change) ? -1 : 1;
    if (x->customer != y->customer)
        return x->customer < y->customer ? -1 : 1;
    return (x->month > y->month) - (x->month < y->month);
}

static int by_percent(const void *a, const void *b)
{
    const lf_usage_alert *x = a, *y = b;
    if (fabs(x->change_pct) != fabs(y->change_pct))
        return fabs(x->change_pct) > fabs(y->change_pct) ? -1 : 1;
    return rank_rest(x, y);
}

static int by_z(const void *a, const void *b)
{
    const lf_usage_alert *x = a, *y = b;
    if (fabs(x->z) != fabs(y->z))
        return fabs(x->z) > fabs(y->z) ? -1 : 1;
    return rank_rest(x, y);
}

int lf_usage_alerts(const lf_customer_set *set, const double *expected,
                    const lf_alert_spec *spec, lf_usage_alert **out, size_t *nout,
                    lf_error *err)
{
    if (!out || !nout)
        return lf_error_set(err, LF_ERR_ARG, "lf_usage_alerts needs out and nout");
    *out = NULL;
    *nout = 0;
    int rc = inputs_ok(set, expected, spec, err);
    if (rc != LF_OK || set->n == 0 || set->nmonths == 0)
        return rc;
    double *base = malloc(set->nmonths * sizeof *base);
    if (!base)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the usage alerts");
    alert_list list = {0};
    for (size_t i = 0; rc == LF_OK && i < set->n; i++) {
        baseline_of(set->energy_kwh + i * set->nmonths,
                    expected ? expected + i * set->nmonths : NULL, set->nmonths, spec, base);
        rc = customer_alerts(set, i, base, spec, &list, err);
    }
    free(base);
    if (rc != LF_OK) {
        free(list.items);
        return rc;
    }
    if (list.n > 1) /* qsort may not be passed the NULL of an empty list */
        qsort(list.items, list.n, sizeof *list.items,
              spec->measure == LF_ALERT_PERCENT ? by_percent : by_z);
    *out = list.items;
    *nout = list.n;
    return LF_OK;
}
