/* stl_spec.c - the STL specification: defaults, the checks with their
 * messages, and the two tools' rules for the fields left LF_STL_AUTO. */
#include <limits.h>
#include <math.h>

#include "stl_internal.h"

/* Longest series: a periodic window of 10 n + 1 must fit in an int. */
#define MAX_N ((size_t)(INT_MAX - 1) / 10)

void lf_stl_spec_init(lf_stl_spec *spec, int period)
{
    spec->period = period;
    spec->seasonal = 7;
    spec->trend = spec->low_pass = LF_STL_AUTO;
    spec->seasonal_deg = spec->trend_deg = spec->low_pass_deg = LF_STL_AUTO;
    spec->seasonal_jump = spec->trend_jump = spec->low_pass_jump = LF_STL_AUTO;
    spec->robust = 0;
    spec->inner = spec->outer = LF_STL_AUTO;
    spec->defaults = LF_STL_STATSMODELS;
}

static int check_window(int v, const char *name, const char *who, lf_error *err)
{
    if (v == LF_STL_AUTO || (v >= 3 && v % 2 == 1))
        return LF_OK;
    return lf_error_set(err, LF_ERR_ARG, "%s: %s window must be an odd integer >= 3 (or "
                        "LF_STL_AUTO), got %d", who, name, v);
}

static int check_degree(int v, const char *name, const char *who, lf_error *err)
{
    if (v == LF_STL_AUTO || v == 0 || v == 1)
        return LF_OK;
    return lf_error_set(err, LF_ERR_ARG, "%s: %s degree must be 0 or 1 (or LF_STL_AUTO), "
                        "got %d", who, name, v);
}

static int check_jump(int v, const char *name, const char *who, lf_error *err)
{
    if (v == LF_STL_AUTO || v >= 1)
        return LF_OK;
    return lf_error_set(err, LF_ERR_ARG, "%s: %s jump must be >= 1 (or LF_STL_AUTO), got %d",
                        who, name, v);
}

/* Everything but the period and the seasonal window (which MSTL supplies). */
static int check_options(const lf_stl_spec *s, const char *who, lf_error *err)
{
    int rc;
    if ((rc = check_window(s->trend, "trend", who, err)) ||
        (rc = check_window(s->low_pass, "low_pass", who, err)) ||
        (rc = check_degree(s->seasonal_deg, "seasonal", who, err)) ||
        (rc = check_degree(s->trend_deg, "trend", who, err)) ||
        (rc = check_degree(s->low_pass_deg, "low_pass", who, err)) ||
        (rc = check_jump(s->seasonal_jump, "seasonal", who, err)) ||
        (rc = check_jump(s->trend_jump, "trend", who, err)) ||
        (rc = check_jump(s->low_pass_jump, "low_pass", who, err)))
        return rc;
    if (s->inner != LF_STL_AUTO && s->inner < 1)
        return lf_error_set(err, LF_ERR_ARG, "%s: inner iterations must be >= 1 (or "
                            "LF_STL_AUTO), got %d", who, s->inner);
    if (s->outer != LF_STL_AUTO && s->outer < 0)
        return lf_error_set(err, LF_ERR_ARG, "%s: outer iterations must be >= 0 (or "
                            "LF_STL_AUTO), got %d", who, s->outer);
    if (s->defaults != LF_STL_STATSMODELS && s->defaults != LF_STL_R)
        return lf_error_set(err, LF_ERR_ARG, "%s: defaults must be LF_STL_STATSMODELS or "
                            "LF_STL_R, got %d", who, (int)s->defaults);
    return LF_OK;
}

int lf_stl_check(const lf_stl_spec *s, const char *who, lf_error *err)
{
    if (!s)
        return lf_error_set(err, LF_ERR_ARG, "%s: no specification", who);
    if (s->period < 2)
        return lf_error_set(err, LF_ERR_ARG, "%s: period must be >= 2, got %d", who, s->period);
    if (s->seasonal != LF_STL_PERIODIC && (s->seasonal < 3 || s->seasonal % 2 == 0))
        return lf_error_set(err, LF_ERR_ARG, "%s: seasonal window must be an odd integer >= 3 "
                            "(>= 7 recommended) or LF_STL_PERIODIC, got %d", who, s->seasonal);
    return check_options(s, who, err);
}

static int check_length(const lf_stl_spec *s, size_t n, const char *who, lf_error *err)
{
    if (n > MAX_N)
        return lf_error_set(err, LF_ERR_DATA, "%s: series of %zu values is too long (at most "
                            "%zu)", who, n, MAX_N);
    size_t p = (size_t)s->period;
    if (n <= 2 * p)
        return lf_error_set(err, LF_ERR_DATA, "%s: period %d needs more than two full periods: "
                            "at least %zu values, got %zu", who, s->period, 2 * p + 1, n);
    return LF_OK;
}

static size_t odd_above(double x) /* nextodd of R: even k -> k + 1 */
{
    size_t k = (size_t)ceil(x);
    return k % 2 == 0 ? k + 1 : k;
}

static size_t pick(int v, size_t fallback)
{
    return v == LF_STL_AUTO ? fallback : (size_t)v;
}

static int pick_degree(int v, int fallback)
{
    return v == LF_STL_AUTO ? fallback : v;
}

static size_t tenth_up(size_t window) /* R's ceiling(window / 10) */
{
    return (window + 9) / 10;
}

/* Windows first: R's jumps and low-pass degree follow from them. */
static void fill_windows(const lf_stl_spec *s, size_t n, lf_stl_run *r)
{
    int sm = s->defaults == LF_STL_STATSMODELS;
    r->n = n;
    r->period = (size_t)s->period;
    r->periodic = s->seasonal == LF_STL_PERIODIC;
    r->seasonal = r->periodic ? 10 * n + 1 : (size_t)s->seasonal;
    double p = (double)s->period;
    r->trend = pick(s->trend, odd_above(1.5 * p / (1 - 1.5 / (double)r->seasonal)));
    r->low_pass = pick(s->low_pass, odd_above(sm ? p + 1 : p));
}

static void fill_rest(const lf_stl_spec *s, lf_stl_run *r)
{
    int sm = s->defaults == LF_STL_STATSMODELS;
    /* a periodic season is a mean over all cycles: degree 0, as in R */
    r->seasonal_deg = r->periodic ? 0 : pick_degree(s->seasonal_deg, sm ? 1 : 0);
    r->trend_deg = pick_degree(s->trend_deg, 1);
    r->low_pass_deg = pick_degree(s->low_pass_deg, sm ? 1 : r->trend_deg);
    r->seasonal_jump = pick(s->seasonal_jump, sm ? 1 : tenth_up(r->seasonal));
    r->trend_jump = pick(s->trend_jump, sm ? 1 : tenth_up(r->trend));
    r->low_pass_jump = pick(s->low_pass_jump, sm ? 1 : tenth_up(r->low_pass));
    size_t inner = s->robust ? (sm ? 2 : 1) : (sm ? 5 : 2);
    r->inner = pick(s->inner, inner);
    r->outer = pick(s->outer, s->robust ? 15 : 0);
}

int lf_stl_resolve_run(const lf_stl_spec *spec, size_t n, const char *who, lf_stl_run *run,
                       lf_error *err)
{
    int rc = lf_stl_check(spec, who, err);
    if (rc || (rc = check_length(spec, n, who, err)))
        return rc;
    fill_windows(spec, n, run);
    fill_rest(spec, run);
    return LF_OK;
}

int lf_stl_spec_resolve(const lf_stl_spec *spec, size_t n, lf_stl_spec *out, lf_error *err)
{
    lf_stl_run r;
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "STL: no output specification");
    int rc = lf_stl_resolve_run(spec, n, "STL", &r, err);
    if (rc)
        return rc;
    /* every value fits an int: windows and jumps are at most 10 n + 1 */
    *out = *spec;
    out->trend = (int)r.trend;
    out->low_pass = (int)r.low_pass;
    out->seasonal_deg = r.seasonal_deg;
    out->trend_deg = r.trend_deg;
    out->low_pass_deg = r.low_pass_deg;
    out->seasonal_jump = (int)r.seasonal_jump;
    out->trend_jump = (int)r.trend_jump;
    out->low_pass_jump = (int)r.low_pass_jump;
    out->inner = (int)r.inner;
    out->outer = (int)r.outer;
    return LF_OK;
}

int lf_stl_check_series(const double *y, size_t n, const char *who, lf_error *err)
{
    if (!y)
        return lf_error_set(err, LF_ERR_ARG, "%s: no series", who);
    for (size_t t = 0; t < n; t++) {
        if (isnan(y[t]))
            return lf_error_set(err, LF_ERR_DATA, "%s: y[%zu] is missing (NaN); the series "
                                "must be complete: fill the gaps first", who, t);
        if (!isfinite(y[t]))
            return lf_error_set(err, LF_ERR_DATA, "%s: y[%zu] is infinite", who, t);
    }
    return LF_OK;
}
