/* libforecast/model.h - daily load models fitted on a frame.
 *
 * A model spec names the target column (daily energy, daily peak...), the
 * features and the fitting method; lf_model_fit learns the features on the
 * training days, chooses degree-day bases when asked, and fits.
 * lf_model_predict then gives predictions, intervals and the per-driver
 * decomposition for any days whose drivers the frame holds.
 *
 * Degree-day grid search: with temperature.auto_hdd and/or auto_cdd, every
 * base (pair, heating <= cooling) on the grid is tried on the training days
 * and the one with the lowest AICc is kept; lf_model_grid lists the tries.
 *
 * WLS weights come from a frame column (weight_column) or decay with age
 * (halflife_days: a day halflife_days before the last training day counts
 * half as much), so recent years can count more.
 *
 * AR errors (ar_order): the regression's residuals e_t are modelled as
 * e_t = phi_1 e_{t-1} + .. + phi_p e_{t-p} + a_t (two steps: least squares,
 * then conditional least squares on its residuals; -1 chooses p by AICc on a
 * common sample).  A forecast for days first..last starts from the residuals
 * of the p days before first (actual - regression; a missing one counts 0), so
 * early days lean on recent deviations and later days revert to the
 * regression.  Their share is the "recent" driver of the decomposition, and
 * the interval uses the AR forecast-error variance sigma_a^2 sum psi_j^2 plus
 * the regression estimate's variance (normal quantiles).
 *
 * Seasonal naive (kind LF_MODEL_SNAIVE): the forecast of a day is the last
 * known value season_lag, 2 season_lag, ... days earlier, counting from the
 * day before first; sigma is the RMS of y_t - y_{t-lag} over the training
 * days and the interval widens as sigma sqrt(k) for the k-th season ahead.
 * The whole forecast is its base; the other drivers are 0.
 *
 * Exponential smoothing (kind LF_MODEL_ETS, ets.h): fitted by maximum
 * likelihood to the target on the training days, which must all have a
 * value, except that gaps of up to LF_ETS_MAX_GAP_DAYS days inside the
 * training days are filled by straight lines between their neighbours
 * (counted in info.nobs as observations; a longer gap is an error naming
 * it).  A forecast for days first..last after the training days starts from
 * the states at the last day before first whose target is known in the
 * frame without a gap since the training days (the fitted parameters are
 * re-run over those days, not re-estimated), so it uses recent actuals the
 * way AR errors do; otherwise from the end of the training days.  Days inside
 * the training days get the one-step fitted values with a +- z sigma
 * interval; days before them are missing (NaN, LF_FLAG_MISSING_INPUT).  The
 * forecast is all base; the other drivers are 0.
 *
 * Every model reports lf_model_info: log-likelihood and AIC/AICc/BIC counting
 * every estimated parameter INCLUDING the innovation variance (R's
 * convention, so families can be compared); note that lf_regress's own
 * stats follow statsmodels and count coefficients only.
 */
#ifndef LIBFORECAST_MODEL_H
#define LIBFORECAST_MODEL_H

#include <stddef.h>

#include "libforecast/calendar.h"
#include "libforecast/ets.h"
#include "libforecast/features.h"
#include "libforecast/frame.h"
#include "libforecast/regress.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lf_model_kind {
    LF_MODEL_REGRESSION = 0,  /* features + least squares, optionally AR(p) errors */
    LF_MODEL_SNAIVE,          /* seasonal naive: the same weekday a week (or a year) back */
    LF_MODEL_ETS              /* exponential smoothing of the target alone (ets.h) */
} lf_model_kind;

#define LF_MODEL_KIND_COUNT 3

/* "regression", "snaive", "ets". */
const char *lf_model_kind_name(lf_model_kind kind);

#define LF_AR_MAX 14   /* highest AR order of regression errors */

typedef struct lf_model_spec {
    lf_model_kind kind;                /* default regression */
    char target[LF_FEATURE_NAME_MAX];  /* default "energy_mwh" */
    /* regression */
    lf_feature_spec features;
    lf_regress_options fit;
    char weight_column[LF_FEATURE_NAME_MAX]; /* WLS: weights from this column, or */
    double halflife_days;                    /* WLS: weights 0.5^(age / halflife) */
    int ar_order;  /* AR order of the errors: 0 none (default), 1..LF_AR_MAX, or -1:
                      chosen by AICc among 0..ar_max */
    int ar_max;    /* default 7 */
    /* seasonal naive */
    int season_lag; /* 7 (default: same weekday last week) or 364 (last year) */
    /* exponential smoothing */
    lf_ets_spec ets; /* default ETS(A,Ad,A), period 7 (lf_ets_spec_init) */
} lf_model_spec;

void lf_model_spec_init(lf_model_spec *spec);

typedef struct lf_model lf_model;

/* Fit on the days first..last of frame (rows without a target are left out
 * and counted).  The calendar must cover those days. */
int lf_model_fit(const lf_model_spec *spec, const lf_frame *frame, const lf_calendar *cal,
                 lf_date first, lf_date last, lf_model **out, lf_error *err);
void lf_model_free(lf_model *model); /* NULL allowed */

/* Predict days first..last; earlier rows of the frame feed lagged and
 * smoothed temperature.  level: interval coverage, e.g. 0.95. */
int lf_model_predict(const lf_model *model, const lf_frame *frame, const lf_calendar *cal,
                     lf_date first, lf_date last, double level, lf_prediction **out,
                     lf_error *err);

const lf_model_spec *lf_model_spec_of(const lf_model *model); /* bases resolved */
/* The training days the model was fitted on (first..last of lf_model_fit). */
void lf_model_training_days(const lf_model *model, lf_date *first, lf_date *last);
/* The regression and its features (NULL for other kinds). */
const lf_regress *lf_model_regress(const lf_model *model);
const lf_features *lf_model_features(const lf_model *model);
/* The exponential smoothing fit (NULL for other kinds). */
const lf_ets *lf_model_ets(const lf_model *model);

#define LF_ETS_MAX_GAP_DAYS 7 /* longest training gap an ETS model fills */

/* Summary of any fitted model. */
typedef struct lf_model_info {
    lf_model_kind kind;
    char name[64];        /* "regression", "regression+AR(2)", "snaive(7)" */
    size_t nobs;          /* observations in the likelihood */
    double nparams;       /* estimated parameters, innovation variance included
                             (effective degrees of freedom for ridge) */
    double sigma;         /* one-step innovation standard deviation */
    double loglik, aic, aicc, bic;
} lf_model_info;

const lf_model_info *lf_model_info_of(const lf_model *model);

/* A named parameter for describing a model. */
typedef struct lf_param {
    char name[64];
    double value;
} lf_param;

/* Parameters in a fixed order: for regression the AR coefficients "ar1".. and
 * "sigma_a" (coefficients are in lf_model_regress); for seasonal naive
 * "lag" and "sigma"; for ETS "alpha", ["beta"], ["gamma"], ["phi"], "level0",
 * ["trend0"], "sigma" (the initial seasonal states are in lf_model_ets). */
const lf_param *lf_model_params(const lf_model *model, size_t *nparams);

/* npaths simulated paths of days first..last (row-major npaths x days),
 * seeded: the same seed gives the same paths.  Gaussian innovations with the
 * fitted sigma; parameter uncertainty is not simulated. */
int lf_model_simulate(const lf_model *model, const lf_frame *frame, const lf_calendar *cal,
                      lf_date first, lf_date last, size_t npaths, unsigned long seed,
                      double *paths, lf_error *err);

/* One try of the degree-day grid search. */
typedef struct lf_grid_try {
    double hdd, cdd;  /* NaN when that side was not searched */
    double aicc;      /* NaN when the fit failed */
} lf_grid_try;

/* The tries in grid order (NULL and 0 when there was no search). */
const lf_grid_try *lf_model_grid(const lf_model *model, size_t *ntries);

#ifdef __cplusplus
}
#endif
#endif
