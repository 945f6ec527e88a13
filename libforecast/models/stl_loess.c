/* stl_loess.c - the smoothers STL is built from: loess with tricube weights
 * on an equally spaced abscissa (the Fortran's stlest and stless) and the
 * running mean of the low-pass filter (stlma).
 *
 * Positions are 1-based doubles, as in the Fortran: keeping its arithmetic
 * (same operations, same order) is what lets the results agree with R and
 * statsmodels to rounding rather than to a tolerance. */
#include <math.h>

#include "stl_internal.h"

static double cube(double x)
{
    return x * x * x;
}

/* Tricube weights of the points nleft..nright around xs, times rw; their sum. */
static double tricube(size_t nleft, size_t nright, double xs, double h, const double *rw,
                      double *w)
{
    double h9 = 0.999 * h, h1 = 0.001 * h, sum = 0;
    for (size_t j = nleft; j <= nright; j++) {
        double r = fabs((double)j - xs), wj = 0;
        if (r <= h9) {
            wj = r <= h1 ? 1.0 : cube(1.0 - cube(r / h));
            if (rw)
                wj = rw[j - 1] * wj;
            sum += wj;
        }
        w[j - 1] = wj;
    }
    return sum;
}

/* Turn the normalised weights of a local mean into those of a local line:
 * the fitted value stays sum w_j y_j.  Skipped when the abscissae are too
 * concentrated for a slope (the Fortran's 0.001 * range guard). */
static void tilt_to_line(size_t n, size_t nleft, size_t nright, double xs, double *w)
{
    double mean = 0, var = 0;
    for (size_t j = nleft; j <= nright; j++)
        mean += w[j - 1] * (double)j;
    double b = xs - mean;
    for (size_t j = nleft; j <= nright; j++) {
        double d = (double)j - mean;
        var += w[j - 1] * d * d;
    }
    if (sqrt(var) > 0.001 * ((double)n - 1.0)) {
        b = b / var;
        for (size_t j = nleft; j <= nright; j++)
            w[j - 1] = w[j - 1] * (b * ((double)j - mean) + 1.0);
    }
}

int lf_stl_loess_at(const double *y, size_t n, size_t len, int deg, double xs, size_t nleft,
                    size_t nright, const double *rw, double *w, double *ys)
{
    double h = fmax(xs - (double)nleft, (double)nright - xs);
    if (len > n) /* a window longer than the series widens the bandwidth */
        h += (double)((len - n) / 2);
    double sum = tricube(nleft, nright, xs, h, rw, w);
    if (sum <= 0)
        return 0;
    for (size_t j = nleft; j <= nright; j++)
        w[j - 1] = w[j - 1] / sum;
    if (h > 0 && deg > 0)
        tilt_to_line(n, nleft, nright, xs, w);
    double fit = 0;
    for (size_t j = nleft; j <= nright; j++)
        fit += w[j - 1] * y[j - 1];
    *ys = fit;
    return 1;
}

/* Fit at position i (1-based); a point whose weights all vanished keeps y. */
static void fit_at(const double *y, size_t n, size_t len, int deg, size_t i, size_t nleft,
                   size_t nright, const double *rw, double *w, double *ys)
{
    if (!lf_stl_loess_at(y, n, len, deg, (double)i, nleft, nright, rw, w, &ys[i - 1]))
        ys[i - 1] = y[i - 1];
}

/* Window [*nleft, *nright] of evaluation point i when jumping: centred,
 * clamped to the ends. */
static void window_at(size_t i, size_t n, size_t len, size_t *nleft, size_t *nright)
{
    size_t nsh = (len + 1) / 2;
    if (i < nsh) {
        *nleft = 1;
        *nright = len;
    } else if (i >= n - nsh + 1) {
        *nleft = n - len + 1;
        *nright = n;
    } else {
        *nleft = i - nsh + 1;
        *nright = len + i - nsh;
    }
}

/* Linear interpolation between the points evaluated every jump; the last
 * point is fitted (with the last window used) when the grid misses it. */
static void interpolate(const double *y, size_t n, size_t len, int deg, size_t jump,
                        size_t nleft, size_t nright, const double *rw, double *ys, double *w)
{
    for (size_t i = 1; i + jump <= n; i += jump) {
        double delta = (ys[i + jump - 1] - ys[i - 1]) / (double)jump;
        for (size_t j = i + 1; j < i + jump; j++)
            ys[j - 1] = ys[i - 1] + delta * (double)(j - i);
    }
    size_t k = ((n - 1) / jump) * jump + 1;
    if (k == n)
        return;
    fit_at(y, n, len, deg, n, nleft, nright, rw, w, ys);
    if (k != n - 1) {
        double delta = (ys[n - 1] - ys[k - 1]) / (double)(n - k);
        for (size_t j = k + 1; j < n; j++)
            ys[j - 1] = ys[k - 1] + delta * (double)(j - k);
    }
}

void lf_stl_loess(const double *y, size_t n, size_t len, int deg, size_t jump, const double *rw,
                  double *ys, double *w)
{
    if (n < 2) {
        ys[0] = y[0];
        return;
    }
    size_t nj = jump < n - 1 ? jump : n - 1;
    size_t nleft = 1, nright = n;
    if (len >= n) {
        for (size_t i = 1; i <= n; i += nj)
            fit_at(y, n, len, deg, i, nleft, nright, rw, w, ys);
    } else if (nj == 1) {
        /* the window slides one point at a time once past the first half */
        size_t nsh = (len + 1) / 2;
        nright = len;
        for (size_t i = 1; i <= n; i++) {
            if (i > nsh && nright != n) {
                nleft++;
                nright++;
            }
            fit_at(y, n, len, deg, i, nleft, nright, rw, w, ys);
        }
    } else {
        for (size_t i = 1; i <= n; i += nj) {
            window_at(i, n, len, &nleft, &nright);
            fit_at(y, n, len, deg, i, nleft, nright, rw, w, ys);
        }
    }
    if (nj != 1)
        interpolate(y, n, len, deg, nj, nleft, nright, rw, ys, w);
}

void lf_stl_moving_average(const double *x, size_t n, size_t len, double *ave)
{
    /* a running sum, updated in the Fortran's order (drop, then add) */
    double flen = (double)len, v = 0;
    for (size_t i = 0; i < len; i++)
        v += x[i];
    ave[0] = v / flen;
    for (size_t j = 1; j + len <= n; j++) {
        v = v - x[j - 1] + x[j + len - 1];
        ave[j] = v / flen;
    }
}
