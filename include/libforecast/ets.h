/* libforecast/ets.h - exponential smoothing (ETS / Holt-Winters) for a daily
 * series with a weekly (or any period 2..400) season.
 *
 * Model: the innovations state-space form of Hyndman, Koehler, Ord & Snyder
 * (2008), "Forecasting with Exponential Smoothing", additive errors only.
 * With L_t = l_{t-1} + phi b_{t-1} (phi = 1 for an undamped trend, and no
 * b term without a trend) and s = s_{t-m}:
 *   forecast  f_t = L_t (+ s  |  * s)           season none | A | M
 *   error     e_t = y_t - f_t
 *   level     l_t = L_t + alpha e_t             (e_t / s for M)
 *   trend     b_t = phi b_{t-1} + beta e_t      (e_t / s for M)
 *   season    s_t = s + gamma e_t               (gamma e_t / L_t for M)
 * This is R forecast::ets's form.  statsmodels' ETSModel (0.13) agrees for
 * seasons N and A; for M with additive errors it divides the seasonal update
 * by the new level l_t instead of L_t, so its M numbers differ slightly (see
 * tests/reference/ets/ets_reference.py).
 *
 * Parameters (the "usual" region of R's ets):
 *   0 < alpha < 1,  0 < beta < alpha,  0 < gamma < 1 - alpha,  0.8 <= phi <= 0.98.
 * Initial states: level0, trend0 and season0[0..m-1], season0[j] being the
 * seasonal state applied to y[j] (and, until updated, y[j + m], ...).
 * statsmodels lists the seasonal states the other way round: its
 * initial_seasonal.0 is s_{-1} = season0[m-1].
 *
 * Fitting (lf_ets_fit): maximum likelihood with sigma^2 concentrated out,
 *   loglik = -n/2 (log(2 pi SSE / n) + 1),
 * over the smoothing parameters and the initial states, with the seasonal
 * states normalised (sum 0 for A, mean 1 for M: m - 1 of them are free).
 * The admissible region is kept by a smooth transform, not a penalty
 * (MINUIT's sine map, B(u; lo, hi) = lo + (hi - lo)(1 + sin u) / 2):
 *   alpha = B(u1; e, 1 - e),  beta = alpha B(u2; e, 1 - e),
 *   gamma = (1 - alpha) B(u3; e, 1 - e),  phi = B(u4; 0.8, 0.98),  e = 1e-8,
 *   M seasonal states = m softmax(z) (positive, mean 1),
 * so every point GSL's Nelder-Mead simplex (nmsimplex2) tries is admissible,
 * and a bound is reached at a finite u (the simplex does not strand on the
 * plateau a logistic map makes near a bound).  The region searched is thus
 * alpha, beta / alpha, gamma / (1 - alpha) in [1e-8, 1 - 1e-8]: inside the
 * open intervals above, and wider than statsmodels' and R's [1e-4, 0.9999].
 * Starts are deterministic: classical initial states (centred moving average
 * of the first seasons, then a line through the first seasonally adjusted
 * values) with three sets of smoothing parameters (alpha 0.2, 0.5, 0.9); each
 * start's initial states are then replaced by their exact least-squares
 * values given its smoothing parameters (the one-step errors are linear in
 * the initial states for seasons N and A; an M season takes the additive
 * model's states as factors 1 + s / level0).  From each start the
 * simplex runs until its size falls below 1e-8 (in the transformed
 * coordinates) or a window of 100 + 20 dim iterations gains nothing, and is
 * restarted from its best point until a restart gains less than 1e-9
 * (relative); the best start wins.  A fit runs at most LF_ETS_MAX_ITER
 * simplex iterations, shared equally by the starts: when that cap (or 30
 * restarts) ends a start, the best point found is still returned, with
 * converged = 0, not an error.  A weekly model on two or three years of
 * days takes 0.01-0.3 s; a period of 364 (up to 369 free parameters) runs
 * into the cap after 3-6 s and comes back with converged = 0.
 *
 * Information criteria follow R forecast::ets: k = nparams counts the
 * smoothing parameters, the free initial states (m - 1 seasonal ones) AND 1
 * for sigma^2:
 *   AIC = -2 loglik + 2k,  AICc = AIC + 2k(k + 1) / (n - k - 1),
 *   BIC = -2 loglik + k log n,  mse = SSE / n,  sigma^2 = SSE / (n - k + 1).
 * The regression module (regress.h) counts coefficients only, without
 * sigma^2, as statsmodels' OLS does: add 2 to its AIC (and adjust AICc/BIC)
 * before comparing it with an ETS AIC.  statsmodels' ETSModel counts all m
 * seasonal states, one more than here.
 *
 * Forecasts: the mean is the usual recursion (damped trend: phi + ... +
 * phi^h times b); with an M season it is the point forecast of R's ets, not
 * the mean of the simulated paths (the two part slightly after one season).  Intervals: seasons N and A (linear models) use the exact
 * variance sigma^2 [1 + sum_{j=1}^{h-1} c_j^2], c_j = alpha + beta (phi +
 * ... + phi^j) + gamma [j mod m == 0] (Hyndman et al. 2008, table 6.1);
 * an M season uses quantiles (GSL, linear interpolation, R type 7) of
 * LF_ETS_SIM_PATHS simulated paths from seed LF_ETS_SIM_SEED, so they are
 * reproducible but carry Monte-Carlo error (a standard error of about 3% of
 * the half-width of a 95% interval).
 *
 * Data: y must be finite inside the sample (NaN = missing is refused with the
 * index: trim the series first), strictly positive for an M season, and at
 * least lf_ets_min_nobs(spec) long.  A series the model reproduces exactly
 * (residuals at rounding level, RMS <= 1e-12 max |y|: a constant with
 * ETS(A,N,N)) has no maximum likelihood and is refused (LF_ERR_DATA).
 *
 * GSL: its default error handler aborts.  Arguments are checked before every
 * GSL call and the objective always returns a finite value, so the handler is
 * never reached, except when GSL itself runs out of memory allocating the
 * simplex or the random generator (GSL reports that only through the handler).
 * The handler is not changed here.  Everything is re-entrant.
 */
#ifndef LIBFORECAST_ETS_H
#define LIBFORECAST_ETS_H

#include <stddef.h>

#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LF_ETS_PERIOD_MIN 2
#define LF_ETS_PERIOD_MAX 400
#define LF_ETS_SIM_PATHS 2000  /* paths behind an M-season interval */
#define LF_ETS_SIM_SEED 42ul   /* and their seed */
#define LF_ETS_MAX_ITER 300000 /* simplex iterations of one fit, all starts (cap) */

typedef enum lf_ets_trend { LF_ETS_TREND_NONE = 0, LF_ETS_TREND_ADDITIVE, LF_ETS_TREND_DAMPED } lf_ets_trend;
typedef enum lf_ets_season {
    LF_ETS_SEASON_NONE = 0,
    LF_ETS_SEASON_ADDITIVE,
    LF_ETS_SEASON_MULTIPLICATIVE
} lf_ets_season;

typedef struct lf_ets_spec {
    lf_ets_trend trend;
    lf_ets_season season;
    int period;  /* m, 2..400; ignored without a season */
} lf_ets_spec;

/* ETS(A,Ad,A) with period 7: daily load has a weekly pattern of a roughly
 * constant size, and a damped trend does not extrapolate a short-run slope
 * far into the future. */
void lf_ets_spec_init(lf_ets_spec *spec);

/* "ETS(A,Ad,M)"; "ETS(?)" for an invalid spec.  Static storage, never NULL. */
const char *lf_ets_name(const lf_ets_spec *spec);

/* Is the spec usable?  LF_ERR_ARG with a message when not. */
int lf_ets_spec_check(const lf_ets_spec *spec, lf_error *err);

/* Length of the parameter vector of lf_ets_loglik / lf_ets_smooth /
 * lf_ets_params (0 for an invalid spec):
 *   alpha, [beta], [gamma], [phi], level0, [trend0], [season0[0..m-1]]
 * (brackets: only with a trend, a season, a damped trend, a trend, a season). */
size_t lf_ets_param_length(const lf_ets_spec *spec);

/* Smallest series length lf_ets_fit accepts: max(2m, k + 3) with a season,
 * k + 3 without, k = nparams (so the AICc and sigma^2 are defined). 0 for an
 * invalid spec. */
size_t lf_ets_min_nobs(const lf_ets_spec *spec);

/* A fitted model.  Read-only for callers; free with lf_ets_free. */
typedef struct lf_ets {
    lf_ets_spec spec;
    double alpha, beta, gamma, phi; /* beta 0 without a trend, gamma 0 without a
                                       season, phi 1 unless damped */
    double level0, trend0;          /* trend0 0 without a trend */
    double *season0;                /* spec.period values (NULL without a season) */
    size_t nobs;                    /* n */
    size_t nparams;                 /* k, sigma^2 included (see top) */
    double sse, mse, sigma;         /* mse = SSE / n; sigma^2 = SSE / (n - k + 1) */
    double loglik, aic, aicc, bic;
    double *fitted, *residuals;     /* n one-step-ahead forecasts and y - fitted */
    int converged;                  /* 0: an iteration cap was hit (best point kept) */
    size_t iterations;              /* simplex iterations, all starts and restarts */
    struct lf_ets_private *priv_;   /* final states */
} lf_ets;

/* Fit the spec to y[0..n-1] by maximum likelihood. */
int lf_ets_fit(const lf_ets_spec *spec, const double *y, size_t n, lf_ets **out,
               lf_error *err);

/* The same model at GIVEN parameters (layout of lf_ets_param_length; the
 * seasonal states need not be normalised and the parameters need not lie in
 * the admissible region, only be finite): fitted values, states and the
 * statistics, counted as if estimated (converged = 1, iterations = 0).  For
 * re-using parameters on new data and for parity with other tools. */
int lf_ets_smooth(const lf_ets_spec *spec, const double *params, const double *y, size_t n,
                  lf_ets **out, lf_error *err);

void lf_ets_free(lf_ets *fit); /* NULL allowed */

/* The fit's parameter vector (lf_ets_param_length(&fit->spec) values). */
void lf_ets_params(const lf_ets *fit, double *params);

/* Log-likelihood of y[0..n-1] (n >= 1) at given parameters (as lf_ets_smooth). */
int lf_ets_loglik(const lf_ets_spec *spec, const double *params, const double *y, size_t n,
                  double *loglik, lf_error *err);

/* Forecasts for h >= 1 steps after the sample: mean[0..h-1] and the central
 * `level` interval (0 < level < 1; lower and upper may each be NULL). */
int lf_ets_forecast(const lf_ets *fit, size_t h, double level, double *mean, double *lower,
                    double *upper, lf_error *err);

/* npaths >= 1 simulated future paths of h >= 1 steps, row-major npaths x h:
 * Gaussian innovations N(0, sigma^2) from GSL's mt19937 seeded with `seed`
 * (GSL maps seed 0 to its default, 4357), drawn path by path, step by step,
 * with gsl_ran_gaussian_ziggurat: the same seed gives the same paths. */
int lf_ets_simulate(const lf_ets *fit, size_t h, size_t npaths, unsigned long seed,
                    double *paths, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
