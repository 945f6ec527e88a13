/* ets_start.c - start values for the ETS optimiser: classical initial states
 * (Hyndman et al. 2008, sec. 2.6.1) and the least-squares initial states
 * given the smoothing parameters (exact for seasons N and A, through the
 * additive model for M). */
#include <lapacke.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include "ets_internal.h"

/* Centred moving average of order m at t (2 x m when m is even), which
 * needs y[t - m/2 .. t + m/2]. */
static double centred_average(const double *y, size_t t, size_t m)
{
    size_t half = m / 2;
    double sum = 0;
    if (m % 2) {
        for (size_t i = t - half; i <= t + half; i++)
            sum += y[i];
        return sum / (double)m;
    }
    sum = 0.5 * (y[t - half] + y[t + half]);
    for (size_t i = t - half + 1; i < t + half; i++)
        sum += y[i];
    return sum / (double)m;
}

/* Seasonal indices: the average deviation (or ratio) of y from its centred
 * moving average at each position, over the first k = min(5, n / m)
 * seasons (k >= 2, so every position has at least one value). */
static void classical_season(const lf_ets_spec *spec, const double *y, size_t n, double *s)
{
    size_t m = (size_t)spec->period, k = n / m < 5 ? n / m : 5, len = k * m, half = m / 2;
    int mult = spec->season == LF_ETS_SEASON_MULTIPLICATIVE;
    double mean = 0;
    for (size_t j = 0; j < m; j++) {
        double sum = 0;
        size_t count = 0;
        for (size_t t = j; t < len; t += m) {
            if (t < half || t + half >= len)
                continue;
            double ma = centred_average(y, t, m);
            sum += mult ? y[t] / ma : y[t] - ma;
            count++;
        }
        s[j] = sum / (double)count;
        mean += s[j] / (double)m;
    }
    for (size_t j = 0; j < m; j++)
        s[j] = mult ? s[j] / mean : s[j] - mean;
    if (!mult)
        return;
    /* R's ets does the same: a tiny or negative index would make the
       multiplicative recursion blow up from the first step */
    mean = 0;
    for (size_t j = 0; j < m; j++) {
        s[j] = s[j] > 1e-2 ? s[j] : 1e-2;
        mean += s[j] / (double)m;
    }
    for (size_t j = 0; j < m; j++)
        s[j] /= mean;
}

static double adjusted(const lf_ets_spec *spec, const double *y, const double *s, size_t t)
{
    if (spec->season == LF_ETS_SEASON_NONE)
        return y[t];
    double st = s[t % (size_t)spec->period];
    return spec->season == LF_ETS_SEASON_ADDITIVE ? y[t] - st : y[t] / st;
}

/* Standard deviation of y[0..len-1], never 0 (it sets optimiser steps). */
static double spread(const double *y, size_t len)
{
    double mean = 0, ss = 0;
    for (size_t t = 0; t < len; t++)
        mean += y[t] / (double)len;
    for (size_t t = 0; t < len; t++)
        ss += (y[t] - mean) * (y[t] - mean);
    double sd = sqrt(ss / (double)len);
    if (sd > 1e-9 * fabs(mean))
        return sd;
    return fabs(mean) > 0 ? 1e-3 * fabs(mean) : 1;
}

void lf_ets_start_states(const lf_ets_spec *spec, const double *y, size_t n, double *level0,
                         double *trend0, double *season, double *scale)
{
    size_t m = lf_ets_period(spec);
    if (spec->season != LF_ETS_SEASON_NONE)
        classical_season(spec, y, n, season);
    /* a line through the first max(10, 2m) adjusted values, t = 1, 2, ...:
       its value at t = 0 is the level just before y[0] */
    size_t len = 2 * m > 10 ? 2 * m : 10;
    len = len < n ? len : n;
    double st = 0, sy = 0, stt = 0, sty = 0;
    for (size_t t = 0; t < len; t++) {
        double x = (double)(t + 1), v = adjusted(spec, y, season, t);
        st += x, sy += v, stt += x * x, sty += x * v;
    }
    double dl = (double)len, det = dl * stt - st * st;
    double slope = len > 1 && det > 0 ? (dl * sty - st * sy) / det : 0;
    if (spec->trend == LF_ETS_TREND_NONE) {
        *level0 = sy / dl;
        *trend0 = 0;
    } else {
        *level0 = (sy - slope * st) / dl;
        *trend0 = slope;
    }
    size_t k = spec->season == LF_ETS_SEASON_NONE ? 20 : (n / m < 5 ? n / m : 5) * m;
    *scale = spread(y, k < n ? k : n);
}

/* ---- least-squares initial states ------------------------------------------ */

/* Free initial states: level0, [trend0], s_0 .. s_{m-2} (s_{m-1} = -sum). */
static size_t n_free_states(const lf_ets_spec *spec)
{
    size_t q = 1 + (spec->trend != LF_ETS_TREND_NONE);
    return q + (spec->season != LF_ETS_SEASON_NONE ? (size_t)spec->period - 1 : 0);
}

/* Rows the least-squares start uses: all of a daily series of a few years;
 * a very long one is cut (it is only a start) so the work stays small. */
static size_t ls_rows(const lf_ets_spec *spec, size_t n)
{
    size_t cap = 10 * n_free_states(spec) > 1000 ? 10 * n_free_states(spec) : 1000;
    return n < cap ? n : cap;
}

size_t lf_ets_ls_work_size(const lf_ets_spec *spec, size_t n)
{
    n = ls_rows(spec, n);
    return n * n_free_states(spec) + 2 * n + 2 * lf_ets_period(spec);
}

/* Set the states to the free vector z (NULL = 0) or to its i-th unit vector. */
static void set_states(const lf_ets_spec *spec, lf_ets_par *p, double *season,
                       const double *z, size_t unit)
{
    size_t q = n_free_states(spec), m = lf_ets_period(spec), i = 0;
    double v[LF_ETS_PERIOD_MAX + 2] = {0};
    if (z)
        memcpy(v, z, q * sizeof *v);
    else if (unit < q)
        v[unit] = 1;
    p->level0 = v[i++];
    p->trend0 = spec->trend != LF_ETS_TREND_NONE ? v[i++] : 0;
    if (spec->season == LF_ETS_SEASON_NONE)
        return;
    double sum = 0;
    for (size_t j = 0; j + 1 < m; j++)
        sum += season[j] = v[i++];
    season[m - 1] = -sum;
}

/* Seasons N and A.  The one-step errors are affine in the initial states:
 * e(z) = e(0) - A z, A's column i = f(unit i) - f(0).  Solve min |e(0) - A z|
 * by QR (LAPACK dgels).  The states go to p and (A) scratch (m values). */
static int ls_linear(const lf_ets_spec *spec, lf_ets_par *p, const double *y, size_t n,
                     double *work)
{
    size_t q = n_free_states(spec), m = lf_ets_period(spec);
    n = ls_rows(spec, n);
    if (n > (size_t)INT_MAX || n <= q)
        return -1;
    double *a = work, *rhs = a + n * q, *f0 = rhs + n, *ring = f0 + n, *scratch = ring + m;
    double sse, l, b;
    p->season0 = scratch;
    set_states(spec, p, scratch, NULL, q);
    if (lf_ets_recursion(spec, p, y, n, ring, f0, &sse, &l, &b))
        return -1;
    for (size_t t = 0; t < n; t++)
        rhs[t] = y[t] - f0[t];
    for (size_t i = 0; i < q; i++) {
        double *col = a + i * n;
        set_states(spec, p, scratch, NULL, i);
        if (lf_ets_recursion(spec, p, y, n, ring, col, &sse, &l, &b))
            return -1;
        for (size_t t = 0; t < n; t++)
            col[t] -= f0[t];
    }
    lapack_int info = LAPACKE_dgels(LAPACK_COL_MAJOR, 'N', (lapack_int)n, (lapack_int)q, 1, a,
                                    (lapack_int)n, rhs, (lapack_int)n);
    if (info != 0)
        return -1;
    for (size_t i = 0; i < q; i++)
        if (!isfinite(rhs[i]))
            return -1;
    set_states(spec, p, scratch, rhs, q);
    return 0;
}

/* An M season starts from the additive model's states, as factors
 * 1 + s / level0 (mean 1): the two fits are close when the seasonal swing is
 * moderate, as for load, and the additive problem is linear.  The same
 * smoothing parameters carry over (gamma e_t / L_t in M is gamma e_t in the
 * additive units). */
int lf_ets_ls_states(const lf_ets_spec *spec, lf_ets_par *par, double *season, const double *y,
                     size_t n, double *work)
{
    lf_ets_spec lin = *spec;
    if (spec->season == LF_ETS_SEASON_MULTIPLICATIVE)
        lin.season = LF_ETS_SEASON_ADDITIVE;
    lf_ets_par p = *par;
    if (ls_linear(&lin, &p, y, n, work) != 0)
        return -1;
    size_t m = lf_ets_period(spec);
    double *s = work + lf_ets_ls_work_size(spec, n) - m; /* the scratch states */
    if (spec->season == LF_ETS_SEASON_MULTIPLICATIVE) {
        if (!(p.level0 > 0))
            return -1;
        for (size_t j = 0; j < m; j++)
            if (!((s[j] = 1 + s[j] / p.level0) > 1e-2)) /* as the classical start */
                return -1;
    }
    par->level0 = p.level0;
    par->trend0 = p.trend0;
    if (spec->season != LF_ETS_SEASON_NONE)
        memcpy(season, s, m * sizeof *season);
    par->season0 = spec->season == LF_ETS_SEASON_NONE ? NULL : season;
    return 0;
}
