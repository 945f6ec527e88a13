/* libforecast/stl.h - STL and MSTL seasonal decomposition, for the seasonal
 * adjustment of daily load (a weekly period 7 and an annual 365 or 364).
 *
 * STL (Cleveland, Cleveland, McRae & Terpenning 1990, J. Official Statistics
 * 6, 3-73) splits y = seasonal + trend + remainder with local regressions
 * (loess).  This is a port of the netlib Fortran as R's stats::stl runs it
 * (stl.f); statsmodels' STL (0.13) is a port of the same code.  One pass of
 * the inner loop, with period p and the current trend T (0 at the start):
 *   1. detrend:  D = y - T;
 *   2. cycle-subseries smoothing: the values of D at each position of the
 *      cycle (D[j], D[j+p], ...) are smoothed by loess (window `seasonal`,
 *      degree `seasonal_deg`) and extended one point before and after, giving
 *      C of length n + 2p;
 *   3. low-pass filter of C: moving averages of length p, p and 3, then loess
 *      (window `low_pass`, degree `low_pass_deg`): L, of length n;
 *   4. seasonal S = C[p .. p+n-1] - L (the low-pass removes what the
 *      subseries smooth took from the trend);
 *   5. deseasonalise y - S and smooth it by loess (window `trend`, degree
 *      `trend_deg`): the new T.
 * `inner` passes make one fit.  Robust STL then repeats: robustness weights
 * rho_t = B(|y_t - S_t - T_t| / (6 median |y - S - T|)), B(u) = (1 - u^2)^2
 * for u < 1 and 0 beyond (Tukey's bisquare, with the Fortran's cut-offs at
 * 0.001 and 0.999), multiply the loess weights of steps 2 and 5, and the
 * inner loop runs again; `outer` such rounds follow the first fit.  The
 * weights returned are those of the last round (all 1 when outer = 0).
 * Loess with degree 1 fits a weighted line, degree 0 a weighted mean, with
 * tricube weights over the `window` nearest points (a window longer than
 * the series widens the bandwidth by half the excess, as in the Fortran);
 * with a jump J > 1 it is evaluated at every J-th point only and linearly
 * interpolated between them (faster, nearly the same).  Cost is O(n window)
 * per smooth.  The remainder is y - seasonal - trend, evaluated as written,
 * so the three components add back to y up to one rounding.
 *
 * Periodic season (seasonal = LF_STL_PERIODIC, R's s.window = "periodic"):
 * the subseries window is 10 n + 1 with degree 0, and the seasonal component
 * is replaced by its mean at each position of the cycle (position = index
 * mod p, index 0 being position 0), after the trend is fitted; the same
 * pattern repeats every cycle.
 *
 * Defaults.  Fields set to LF_STL_AUTO are filled when the decomposition
 * runs, by the rules of one of the two reference tools (spec.defaults):
 *                     LF_STL_STATSMODELS (0.13)        LF_STL_R (stats::stl)
 *   trend             nextodd(ceil(1.5 p / (1 - 1.5 / s)))   (both)
 *   low_pass          smallest odd > p               smallest odd >= p
 *   seasonal_deg      1                              0
 *   trend_deg         1                              1
 *   low_pass_deg      1                              trend_deg
 *   *_jump            1                              ceil(window / 10)
 *   inner             robust ? 2 : 5                 robust ? 1 : 2
 *   outer             robust ? 15 : 0                robust ? 15 : 0
 * where s is the seasonal window (10 n + 1 when periodic) and nextodd(k) is
 * k + 1 for an even k.  `robust` only chooses the iteration defaults: an
 * explicit outer > 0 makes any fit robust, as in both tools.  With these
 * rules lf_stl reproduces
 *   statsmodels: STL(y, period=p, seasonal=s, robust=r).fit()   and
 *   R:           stl(ts(y, frequency=p), s.window=s, robust=r)
 * to rounding (1e-12 relative or better), and any explicit setting of
 * either, with two exceptions for robust fits:
 *   - R's median of |residuals| comes from a partial sort (psort) that
 *     stl.f hands the two middle indices in descending order; for an even
 *     n psort then misses one of them now and then (about 1 call in 18 on
 *     random data) and R's weights are off by a few percent from that
 *     round on.  Here the true median is used, as statsmodels does; for an
 *     odd n R agrees.
 *   - with only two or three cycles per subseries (an annual period on
 *     three years) the robustness rounds can be ill-conditioned: a weight
 *     at the bisquare's cut-off, or a window whose weights all vanish, can
 *     turn a rounding-level difference into a visible one, so any two
 *     faithful implementations may differ there.
 * Windows must be odd and >= 3 (the Fortran would silently round an even
 * one up; here it is refused); a seasonal window >= 7 is recommended.
 *
 * Data: y must be finite (NaN = missing is refused with its index: fill the
 * gaps first) and longer than two periods, n > 2 p, as R requires (and as
 * MSTL's rule for dropping a period); n < 2^31 / 10.
 *
 * MSTL (Bandara, Hyndman & Bergmeir 2021, arXiv:2107.13462), as R's
 * forecast::mstl (8.20) does it, for k periods p_1 < ... < p_k:
 *   periods with 2 p_i >= n are dropped (R: "fewer than two full periods");
 *   S_i = 0; D = y;
 *   repeat `iterations` times: for i = 1..k:
 *       D = D + S_i;  S_i = seasonal of STL(D, period p_i, window s_i);
 *       D = D - S_i;
 *   trend = the trend of the last STL fit (period p_k, last iteration);
 *   remainder = y - S_1 - ... - S_k - trend.
 * lf_mstl_spec_init gives R's defaults: s_i = 7 + 4 i (11, 15, 19, 23),
 * 2 iterations and stats::stl's defaults for the rest (defaults = LF_STL_R),
 * so that lf_mstl matches
 *   mstl(msts(y, seasonal.periods = c(p_1, ..., p_k)), lambda = NULL)
 * to rounding.  Other STL settings go in spec.stl (its period and seasonal
 * fields are ignored; its LF_STL_AUTO fields are resolved per period).
 *
 * Seasonal adjustment: y minus the sum of the seasonal components
 * (lf_stl_adjust), i.e. trend + remainder.
 *
 * Nothing is printed, nothing is global: every call is re-entrant.  Memory:
 * about 12 n + 6 p doubles of workspace per call.
 */
#ifndef LIBFORECAST_STL_H
#define LIBFORECAST_STL_H

#include <stddef.h>

#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LF_STL_AUTO (-1)           /* a field filled by spec.defaults' rule */
#define LF_STL_PERIODIC (-2)       /* seasonal window: one fixed pattern */
#define LF_MSTL_MAX_PERIODS 4

typedef enum lf_stl_defaults { LF_STL_STATSMODELS = 0, LF_STL_R = 1 } lf_stl_defaults;

typedef struct lf_stl_spec {
    int period;                   /* p >= 2 */
    int seasonal;                 /* odd >= 3, or LF_STL_PERIODIC */
    int trend, low_pass;          /* odd >= 3, or LF_STL_AUTO */
    int seasonal_deg, trend_deg, low_pass_deg;     /* 0 or 1, or LF_STL_AUTO */
    int seasonal_jump, trend_jump, low_pass_jump;  /* >= 1, or LF_STL_AUTO */
    int robust;                   /* nonzero: robust iteration defaults */
    int inner;                    /* >= 1, or LF_STL_AUTO */
    int outer;                    /* >= 0, or LF_STL_AUTO */
    lf_stl_defaults defaults;     /* whose rules fill the LF_STL_AUTO fields */
} lf_stl_spec;

/* statsmodels' STL(y, period) defaults: seasonal 7, not robust, every other
 * field LF_STL_AUTO, defaults LF_STL_STATSMODELS.  For R's stats::stl, set
 * spec.defaults = LF_STL_R (and the seasonal window, which R requires). */
void lf_stl_spec_init(lf_stl_spec *spec, int period);

/* The spec with every LF_STL_AUTO field filled for a series of n values
 * (seasonal stays LF_STL_PERIODIC if it was; its window is then 10 n + 1 and
 * seasonal_deg 0).  LF_ERR_ARG for an invalid spec, LF_ERR_DATA for an n
 * not above 2 periods, with a message saying what is allowed. */
int lf_stl_spec_resolve(const lf_stl_spec *spec, size_t n, lf_stl_spec *out, lf_error *err);

/* Decompose y[0..n-1]: seasonal, trend (required) and remainder, weights
 * (robustness weights; each may be NULL) receive n values each.  Outputs
 * must not overlap y or each other. */
int lf_stl(const lf_stl_spec *spec, const double *y, size_t n, double *seasonal, double *trend,
           double *remainder, double *weights, lf_error *err);

typedef struct lf_mstl_spec {
    int nperiods;                          /* 1..LF_MSTL_MAX_PERIODS */
    int periods[LF_MSTL_MAX_PERIODS];      /* strictly ascending, each >= 2 */
    int seasonal[LF_MSTL_MAX_PERIODS];     /* each odd >= 3, or LF_STL_PERIODIC */
    int iterations;                        /* >= 1 */
    lf_stl_spec stl;                       /* every other STL setting */
} lf_mstl_spec;

/* R forecast::mstl's defaults for the given periods (copied; at most
 * LF_MSTL_MAX_PERIODS are read, a larger nperiods is kept for the check to
 * refuse): seasonal 7 + 4 i, 2 iterations, stl = stats::stl's defaults. */
void lf_mstl_spec_init(lf_mstl_spec *spec, int nperiods, const int *periods);

/* Decompose y[0..n-1] into spec->nperiods seasonal rows (row-major,
 * seasonal[i * n + t] for period i), trend and remainder (NULL allowed).
 * Periods with 2 p >= n are dropped, their rows set to 0; *nused (NULL
 * allowed) gets the number kept, always the first ones.  LF_ERR_DATA when
 * none is kept. */
int lf_mstl(const lf_mstl_spec *spec, const double *y, size_t n, double *seasonal, double *trend,
            double *remainder, int *nused, lf_error *err);

/* Seasonally adjusted series: adjusted[t] = y[t] - sum_i seasonal[i * n + t]
 * for nrows rows (1 for STL, nused for MSTL).  adjusted may be y itself. */
int lf_stl_adjust(const double *y, size_t n, const double *seasonal, size_t nrows,
                  double *adjusted, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
