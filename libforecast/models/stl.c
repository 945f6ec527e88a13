/* stl.c - the STL decomposition (see stl.h for the procedure): its workspace,
 * the inner pass (stlstp), the robustness weights (stlrwt), the outer loop
 * (stl), the periodic season, lf_stl itself and seasonal adjustment. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "stl_internal.h"

/* ---- workspace ------------------------------------------------------------------ */

int lf_stl_work_alloc(lf_stl_work *w, size_t n, size_t maxperiod, lf_error *err)
{
    size_t wide = n + 2 * maxperiod, total = 3 * wide + 6 * n + 3 * (n + 2);
    memset(w, 0, sizeof *w);
    /* n was bounded by the spec check (maxperiod < n / 2): total cannot wrap */
    if (total > SIZE_MAX / sizeof(double) ||
        !(w->block = malloc(total * sizeof(double))))
        return lf_error_set(err, LF_ERR_NOMEM, "STL: out of memory for the workspace of %zu "
                            "values", n);
    double *p = w->block;
    w->cycle = p, p += wide;
    w->ma1 = p, p += wide;
    w->ma2 = p, p += wide;
    w->detrended = p, p += n;
    w->low = p, p += n;
    w->loess_w = p, p += n;
    w->abs_resid = p, p += n;
    w->rw = p, p += n;
    w->sub = p, p += n + 2;
    w->sub_rw = p, p += n + 2;
    w->sub_fit = p;
    return LF_OK;
}

void lf_stl_work_free(lf_stl_work *w)
{
    free(w->block);
    w->block = NULL;
}

/* ---- one inner pass ------------------------------------------------------------- */

/* Smooth the cycle-subseries j of d (d[j], d[j + p], ...) and extend it one
 * point each way, into cycle[j], cycle[j + p], ... (k + 2 values). */
static void smooth_subseries(const lf_stl_run *r, const double *d, const double *rw, size_t j,
                             lf_stl_work *w)
{
    size_t np = r->period, k = (r->n - j - 1) / np + 1, ns = r->seasonal;
    int deg = r->seasonal_deg;
    for (size_t i = 0; i < k; i++) {
        w->sub[i] = d[i * np + j];
        if (rw)
            w->sub_rw[i] = rw[i * np + j];
    }
    const double *srw = rw ? w->sub_rw : NULL;
    double *fit = w->sub_fit;
    lf_stl_loess(w->sub, k, ns, deg, r->seasonal_jump, srw, fit + 1, w->loess_w);
    /* one cycle before the start and one after the end: the low-pass filter's
       three moving averages eat p + 1 points at each side */
    if (!lf_stl_loess_at(w->sub, k, ns, deg, 0.0, 1, ns < k ? ns : k, srw, w->loess_w, &fit[0]))
        fit[0] = fit[1];
    size_t nleft = k >= ns ? k - ns + 1 : 1;
    if (!lf_stl_loess_at(w->sub, k, ns, deg, (double)(k + 1), nleft, k, srw, w->loess_w,
                         &fit[k + 1]))
        fit[k + 1] = fit[k];
    for (size_t m = 0; m < k + 2; m++)
        w->cycle[m * np + j] = fit[m];
}

/* L: moving averages of length p, p, 3 of the extended cycle series, then loess. */
static void low_pass(const lf_stl_run *r, lf_stl_work *w)
{
    size_t n = r->n, np = r->period;
    lf_stl_moving_average(w->cycle, n + 2 * np, np, w->ma1);
    lf_stl_moving_average(w->ma1, n + np + 1, np, w->ma2);
    lf_stl_moving_average(w->ma2, n + 2, 3, w->ma1);
    lf_stl_loess(w->ma1, n, r->low_pass, r->low_pass_deg, r->low_pass_jump, NULL, w->low,
                 w->loess_w);
}

static void inner_pass(const lf_stl_run *r, const double *y, const double *rw, lf_stl_work *w,
                       double *seasonal, double *trend)
{
    size_t n = r->n;
    for (size_t i = 0; i < n; i++)
        w->detrended[i] = y[i] - trend[i];
    for (size_t j = 0; j < r->period; j++)
        smooth_subseries(r, w->detrended, rw, j, w);
    low_pass(r, w);
    for (size_t i = 0; i < n; i++) {
        seasonal[i] = w->cycle[r->period + i] - w->low[i];
        w->detrended[i] = y[i] - seasonal[i];
    }
    lf_stl_loess(w->detrended, n, r->trend, r->trend_deg, r->trend_jump, rw, trend, w->loess_w);
}

/* ---- robustness ----------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void lf_stl_robustness_weights(const double *y, const double *fit, size_t n, double *sorted,
                               double *rw)
{
    for (size_t i = 0; i < n; i++)
        sorted[i] = fabs(y[i] - fit[i]);
    /* a full sort where the Fortran partially sorts: the same order
       statistics, and n log n is nothing beside the loess passes */
    qsort(sorted, n, sizeof *sorted, cmp_double);
    double cmad = 3.0 * (sorted[n / 2] + sorted[n - n / 2 - 1]); /* 6 * median */
    double c9 = 0.999 * cmad, c1 = 0.001 * cmad;
    for (size_t i = 0; i < n; i++) {
        double r = fabs(y[i] - fit[i]);
        if (r <= c1) {
            rw[i] = 1.0;
        } else if (r <= c9) {
            double u = r / cmad, v = 1.0 - u * u;
            rw[i] = v * v;
        } else {
            rw[i] = 0.0;
        }
    }
}

/* ---- the decomposition ------------------------------------------------------------ */

/* Replace the season by its mean at each position of the cycle, computed as
 * R's mean() does (long double sum, then a correcting second pass), so that
 * R's periodic STL is matched to rounding. */
static void periodic_means(size_t n, size_t np, double *seasonal)
{
    for (size_t j = 0; j < np; j++) {
        size_t k = (n - j - 1) / np + 1;
        long double s = 0, t = 0;
        for (size_t i = j; i < n; i += np)
            s += seasonal[i];
        s /= (long double)k;
        for (size_t i = j; i < n; i += np)
            t += seasonal[i] - s;
        double mean = (double)(s + t / (long double)k);
        for (size_t i = j; i < n; i += np)
            seasonal[i] = mean;
    }
}

void lf_stl_decompose(const lf_stl_run *r, const double *y, lf_stl_work *w, double *seasonal,
                      double *trend)
{
    size_t n = r->n;
    const double *rw = NULL; /* no robustness weights in the first round */
    for (size_t i = 0; i < n; i++)
        trend[i] = 0;
    for (size_t round = 0;;) {
        for (size_t pass = 0; pass < r->inner; pass++)
            inner_pass(r, y, rw, w, seasonal, trend);
        if (++round > r->outer)
            break;
        for (size_t i = 0; i < n; i++)
            w->detrended[i] = trend[i] + seasonal[i];
        lf_stl_robustness_weights(y, w->detrended, n, w->abs_resid, w->rw);
        rw = w->rw;
    }
    if (r->outer == 0)
        for (size_t i = 0; i < n; i++)
            w->rw[i] = 1.0;
    if (r->periodic)
        periodic_means(n, r->period, seasonal);
}

int lf_stl(const lf_stl_spec *spec, const double *y, size_t n, double *seasonal, double *trend,
           double *remainder, double *weights, lf_error *err)
{
    lf_stl_run run;
    lf_stl_work w;
    int rc = lf_stl_resolve_run(spec, n, "STL", &run, err);
    if (rc || (rc = lf_stl_check_series(y, n, "STL", err)))
        return rc;
    if (!seasonal || !trend)
        return lf_error_set(err, LF_ERR_ARG, "STL: no output array for the %s",
                            seasonal ? "trend" : "seasonal component");
    if ((rc = lf_stl_work_alloc(&w, n, run.period, err)))
        return rc;
    lf_stl_decompose(&run, y, &w, seasonal, trend);
    if (remainder)
        for (size_t i = 0; i < n; i++)
            remainder[i] = y[i] - seasonal[i] - trend[i];
    if (weights)
        memcpy(weights, w.rw, n * sizeof *weights);
    lf_stl_work_free(&w);
    return LF_OK;
}

int lf_stl_adjust(const double *y, size_t n, const double *seasonal, size_t nrows,
                  double *adjusted, lf_error *err)
{
    if (!y || !adjusted || (nrows > 0 && !seasonal))
        return lf_error_set(err, LF_ERR_ARG, "seasonal adjustment: no %s",
                            !y ? "series" : !adjusted ? "output array" : "seasonal components");
    for (size_t t = 0; t < n; t++) {
        double a = y[t];
        for (size_t i = 0; i < nrows; i++)
            a -= seasonal[i * n + t];
        adjusted[t] = a;
    }
    return LF_OK;
}
