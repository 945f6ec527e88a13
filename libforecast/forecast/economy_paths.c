/* economy_paths.c - economic scenarios: continuing an economic column of the
 * frame past its last known value, by annual growth rates or by explicit annual
 * values, and the default growth of a column that has no path (scenario.h). */
#include "libforecast/scenario.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- checking a path ------------------------------------------------------------ */

/* The column name is a fixed array filled by callers (config reader, Python):
 * make sure it is a terminated, non-empty string before printing it. */
static int check_column_name(const lf_economy_path *p, lf_error *err)
{
    if (!memchr(p->column, '\0', sizeof p->column))
        return lf_error_set(err, LF_ERR_ARG, "economy path: column name '%.*s...' is longer "
                            "than %d characters", 20, p->column, LF_FEATURE_NAME_MAX - 1);
    if (p->column[0] == '\0')
        return lf_error_set(err, LF_ERR_ARG, "economy path: no column named; say which "
                            "economic column the path continues");
    return LF_OK;
}

static int check_kind(const lf_economy_path *p, lf_error *err)
{
    if (p->ngrowth > LF_ECONOMY_YEARS || p->nvalues > LF_ECONOMY_YEARS)
        return lf_error_set(err, LF_ERR_ARG, "economy path for '%s': %zu growth rates and "
                            "%zu values given, at most %d of either", p->column, p->ngrowth,
                            p->nvalues, LF_ECONOMY_YEARS);
    if ((p->ngrowth > 0) == (p->nvalues > 0))
        return lf_error_set(err, LF_ERR_ARG, "economy path for '%s': give either growth "
                            "rates or explicit values, %s", p->column,
                            p->ngrowth ? "not both" : "neither is given");
    return LF_OK;
}

static int check_growth(const lf_economy_path *p, lf_error *err)
{
    for (size_t k = 0; k < p->ngrowth; k++) {
        double g = p->growth[k];
        /* g <= -1 would make the value zero or flip its sign. */
        if (!isfinite(g) || g <= -1)
            return lf_error_set(err, LF_ERR_ARG, "economy path for '%s': growth rate %zu "
                                "of %zu is %g; it must be finite and above -1 (0.05 = 5 %% "
                                "a year)", p->column, k + 1, p->ngrowth, g);
    }
    return LF_OK;
}

static int check_values(const lf_economy_path *p, lf_error *err)
{
    for (size_t k = 0; k < p->nvalues; k++) {
        int y = p->value_years[k];
        if (!lf_date_is_valid(y, 7, 2))
            return lf_error_set(err, LF_ERR_ARG, "economy path for '%s': value year %d is "
                                "outside 1..9999", p->column, y);
        if (k > 0 && y <= p->value_years[k - 1])
            return lf_error_set(err, LF_ERR_ARG, "economy path for '%s': value years must "
                                "increase, but %d follows %d", p->column, y,
                                p->value_years[k - 1]);
        if (!isfinite(p->values[k]))
            return lf_error_set(err, LF_ERR_ARG, "economy path for '%s': the value for %d "
                                "is not a finite number", p->column, y);
    }
    return LF_OK;
}

int lf_economy_path_check(const lf_economy_path *path, lf_error *err)
{
    if (!path)
        return lf_error_set(err, LF_ERR_ARG, "economy path: no path given");
    int rc = check_column_name(path, err);
    if (rc == LF_OK)
        rc = check_kind(path, err);
    if (rc == LF_OK)
        rc = check_growth(path, err);
    if (rc == LF_OK)
        rc = check_values(path, err);
    return rc;
}

/* ---- the last known value --------------------------------------------------------- */

/* Last row before day `before` with a value, or -1. */
static long last_known_row(const lf_frame *f, const double *v, lf_date before)
{
    int64_t r = (int64_t)before - f->start;
    if (r > (int64_t)f->ndays)
        r = (int64_t)f->ndays;
    while (--r >= 0)
        if (!isnan(v[r]))
            return (long)r;
    return -1;
}

/* The column's values and the row of its last known value before first. */
static int find_start(const lf_frame *frame, const char *column, lf_date first,
                      double **values, long *r0, lf_error *err)
{
    *values = lf_frame_column(frame, column);
    if (!*values)
        return lf_error_set(err, LF_ERR_NOTFOUND, "economy column '%s' is not in the frame",
                            column);
    *r0 = last_known_row(frame, *values, first);
    if (*r0 < 0) {
        char day[LF_DATE_STRLEN];
        lf_date_format(first, day);
        return lf_error_set(err, LF_ERR_DATA, "economy column '%s' has no known value before "
                            "%s to continue from; the frame needs its history before the "
                            "forecast starts", column, day);
    }
    if (isinf((*values)[*r0])) {
        char day[LF_DATE_STRLEN];
        lf_date_format(frame->start + (lf_date)*r0, day);
        return lf_error_set(err, LF_ERR_DATA, "economy column '%s' is infinite on %s, its "
                            "last known day before the forecast", column, day);
    }
    return LF_OK;
}

/* ---- growth paths ----------------------------------------------------------------- */

/* g_k for forecast calendar year year(first) + k; the last rate repeats, and
 * days before year(first) (a gap between d0 and first) take g_0. */
static double rate_of_year(const lf_economy_path *p, int k)
{
    size_t i = k < 0 ? 0 : (size_t)k;
    return p->growth[i < p->ngrowth ? i : p->ngrowth - 1];
}

/* v(d) = v(d-1) (1+g)^(1/days in year), written in closed form per calendar
 * year, v(d) = v(end of last year) (1+g)^(n/days in year): a year of daily
 * steps then gives exactly (1+g), without hundreds of rounding steps. */
static void fill_growth(const lf_economy_path *p, lf_frame *frame, double *v, long r0,
                        lf_date first, lf_date last)
{
    lf_date d0 = frame->start + (lf_date)r0;
    int year_first = lf_date_year(first);
    double base = v[r0], cur = v[r0];
    int year = lf_date_year(d0 + 1);
    int n = 0;
    for (lf_date d = d0 + 1; d <= last; d++) {
        int y = lf_date_year(d);
        if (y != year) {
            base = cur;
            year = y;
            n = 0;
        }
        double g = rate_of_year(p, y - year_first);
        cur = base * pow(1 + g, (double)++n / lf_days_in_year(y));
        if (d >= first)
            v[d - frame->start] = cur;
    }
}

/* ---- value paths ------------------------------------------------------------------ */

/* Annual values stand at the middle of their year, as annual data are
 * ingested with linear mapping. */
static lf_date anchor_day(const lf_economy_path *p, size_t k)
{
    return lf_date_from_ymd(p->value_years[k], 7, 2);
}

static void fill_values(const lf_economy_path *p, lf_frame *frame, double *v, long r0,
                        lf_date first, lf_date last)
{
    lf_date pd = frame->start + (lf_date)r0; /* previous point (day, value) */
    double pv = v[r0];
    size_t j = 0;                            /* next anchor; those up to d0 are ignored */
    while (j < p->nvalues && anchor_day(p, j) <= pd)
        j++;
    for (lf_date d = first; d <= last; d++) {
        while (j < p->nvalues && anchor_day(p, j) <= d) {
            pd = anchor_day(p, j);
            pv = p->values[j++];
        }
        if (j == p->nvalues || d == pd) {
            v[d - frame->start] = pv; /* held after the last anchor, exact on one */
            continue;
        }
        double w = (double)(d - pd) / (double)(anchor_day(p, j) - pd);
        v[d - frame->start] = pv + (p->values[j] - pv) * w;
    }
}

/* ---- public ------------------------------------------------------------------------ */

static int check_range(const lf_frame *frame, const char *column, lf_date first,
                       lf_date last, lf_error *err)
{
    if (!frame)
        return lf_error_set(err, LF_ERR_ARG, "economy path for '%s': no frame given",
                            column);
    if (first > last || lf_frame_row(frame, first) < 0 || lf_frame_row(frame, last) < 0) {
        char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN], fa[LF_DATE_STRLEN], fb[LF_DATE_STRLEN];
        lf_date_format(first, a);
        lf_date_format(last, b);
        lf_date_format(frame->start, fa);
        lf_date_format(lf_frame_end(frame), fb);
        return lf_error_set(err, LF_ERR_ARG, "economy path for '%s': days %s..%s are not "
                            "a range inside the frame (%s..%s)", column, a, b, fa, fb);
    }
    return LF_OK;
}

int lf_economy_fill(const lf_economy_path *path, lf_frame *frame, lf_date first,
                    lf_date last, lf_error *err)
{
    int rc = lf_economy_path_check(path, err);
    if (rc == LF_OK)
        rc = check_range(frame, path->column, first, last, err);
    double *v = NULL;
    long r0 = -1;
    if (rc == LF_OK)
        rc = find_start(frame, path->column, first, &v, &r0, err);
    if (rc != LF_OK)
        return rc;
    if (path->ngrowth > 0)
        fill_growth(path, frame, v, r0, first, last);
    else
        fill_values(path, frame, v, r0, first, last);
    return LF_OK;
}

/* ---- default growth ---------------------------------------------------------------- */

static long first_known_row(const double *v, long upto)
{
    long r = 0;
    while (r < upto && isnan(v[r]))
        r++;
    return r;
}

static int nonpositive_error(const lf_frame *f, const char *column, long r, double x,
                             lf_error *err)
{
    char day[LF_DATE_STRLEN];
    lf_date_format(f->start + (lf_date)r, day);
    return lf_error_set(err, LF_ERR_DATA, "economy column '%s': default growth compares "
                        "positive values, but it is %g on %s; give the column a growth or "
                        "values path", column, x, day);
}

int lf_economy_default_growth(const lf_frame *frame, const char *column, lf_date first,
                              double *growth, lf_error *err)
{
    if (!frame || !column || !growth)
        return lf_error_set(err, LF_ERR_ARG, "lf_economy_default_growth needs a frame, a "
                            "column and a place for the growth");
    double *v;
    long r0;
    int rc = find_start(frame, column, first, &v, &r0, err);
    if (rc != LF_OK)
        return rc;
    /* Whole years of history before d0, at most three. */
    double span = (double)(r0 - first_known_row(v, r0)) / 365.25;
    int years = span >= 3 ? 3 : (int)floor(span);
    if (years < 1) {
        *growth = 0;
        return LF_OK;
    }
    /* rb >= the first known row, since round(365.25 years) <= r0 - first known. */
    long rb = r0 - lround(365.25 * years);
    while (isnan(v[rb]))
        rb++; /* stops at r0 at the latest */
    if (!(v[rb] > 0))
        return nonpositive_error(frame, column, rb, v[rb], err);
    if (!(v[r0] > 0))
        return nonpositive_error(frame, column, r0, v[r0], err);
    *growth = pow(v[r0] / v[rb], 1.0 / years) - 1;
    return LF_OK;
}
