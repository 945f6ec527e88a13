/* ets_internal.h (internal) - what the ETS files share: unpacked parameters,
 * the recursion, the start values and the final states behind a fit. */
#ifndef LF_MODELS_ETS_INTERNAL_H
#define LF_MODELS_ETS_INTERNAL_H

#include <stddef.h>

#include "libforecast/ets.h"

/* End-of-sample states: what forecasting and simulation start from. */
struct lf_ets_private {
    double level, trend; /* l_{n-1}, b_{n-1} */
    double *season;      /* m values: season[k] applies to y[n + k] (until updated) */
};

/* Parameters in the form the recursion uses.  phi is 1 for an undamped trend
 * and 0 without a trend (with trend0 = beta = 0), so phi * b is always the
 * trend term; gamma is 0 and season0 NULL without a season. */
typedef struct lf_ets_par {
    double alpha, beta, gamma, phi;
    double level0, trend0;
    const double *season0; /* m values, season0[j] for y[j] */
} lf_ets_par;

/* Seasonal period in use: spec->period, or 1 without a season. */
size_t lf_ets_period(const lf_ets_spec *spec);

/* Parameters from the public vector (layout of lf_ets_param_length); the
 * seasonal states are pointed to, not copied. */
void lf_ets_par_unpack(const lf_ets_spec *spec, const double *params, lf_ets_par *par);
void lf_ets_par_pack(const lf_ets_spec *spec, const lf_ets_par *par, double *params);

/* Number of estimated parameters k of the top of ets.h (sigma^2 included). */
size_t lf_ets_nparams(const lf_ets_spec *spec);

/* Check y[0..n-1]: finite, and positive for an M season. */
int lf_ets_check_data(const lf_ets_spec *spec, const double *y, size_t n, lf_error *err);

/* The recursion over y[0..n-1].  ring: period workspace values; on return it
 * holds the final seasonal states, slot (n + k) mod m for y[n + k].  fitted
 * (n values) may be NULL; level and trend receive the final states.  Returns
 * 0 with the SSE in *sse, or 1 + t when step t produced a non-finite value. */
size_t lf_ets_recursion(const lf_ets_spec *spec, const lf_ets_par *par, const double *y,
                        size_t n, double *ring, double *fitted, double *sse, double *level,
                        double *trend);


/* Checks shared by lf_ets_fit and lf_ets_smooth: spec, out, length, data. */
int lf_ets_check_fit_args(const lf_ets_spec *spec, const double *y, size_t n, lf_ets **out,
                          lf_error *err);

/* A model object at par over y (which passed lf_ets_check_data). */
int lf_ets_build(const lf_ets_spec *spec, const lf_ets_par *par, const double *y, size_t n,
                 lf_ets **out, lf_error *err);

/* ---- start values (ets_start.c) -------------------------------------------- */

/* Classical initial states: seasonal states from a centred moving average
 * of the first seasons, level and trend from a line through the first
 * seasonally adjusted values.  season: period values (normalised: sum 0 or
 * mean 1).  *scale: the spread of the first values, a step size for the
 * states in the optimiser (> 0). */
void lf_ets_start_states(const lf_ets_spec *spec, const double *y, size_t n, double *level0,
                         double *trend0, double *season, double *scale);

/* Replace par's initial states (level0, trend0 and season, period values
 * summing to 0 or averaging 1) by the least-squares ones given its smoothing
 * parameters, over the first max(1000, 10 x states) values; for an M season
 * those of the additive model, as factors.  work: lf_ets_ls_work_size(spec,
 * n) doubles.  Returns 0, or -1 (par and season untouched) when the problem
 * is singular or the factors would not be positive. */
size_t lf_ets_ls_work_size(const lf_ets_spec *spec, size_t n);
int lf_ets_ls_states(const lf_ets_spec *spec, lf_ets_par *par, double *season, const double *y,
                     size_t n, double *work);

#endif
