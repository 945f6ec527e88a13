/* libforecast/backtest.h - rolling-origin backtests of named candidate models
 * and automatic model selection.
 *
 * Rolling origin (Tashman 2000; Hyndman & Athanasopoulos, "evaluation on a
 * rolling forecasting origin"): with days first..last, K origins, horizon H
 * and step S, origin k = 0..K-1 forecasts the H days starting at
 *   start_k = last - H + 1 - (K - 1 - k) S
 * from a model fitted on first..start_k - 1 (an expanding window), so the
 * last origin's horizon ends on `last`.  Forecasts are ex post: the frame's
 * actual weather and other inputs of the forecast days are used, and models
 * that use recent actuals (AR errors, ETS) see the days before start_k only.
 * Every origin refits every model.
 *
 * Accuracy (metrics.h) is reported per model, per origin and pooled over all
 * origins (the pairs of every origin together), at three scales:
 *   daily    the H daily values (MASE scaled by the in-sample MAE of the
 *            weekly seasonal naive on that origin's training days),
 *   monthly  complete calendar months inside the horizon (all their days
 *            present), aggregated by spec.agg: sum (energy) or max (peak),
 *   yearly   complete calendar years inside the horizon, likewise.
 * Monthly and yearly values have no intervals and no MASE (NaN).
 *
 * A candidate whose fit or forecast fails at an origin does not stop the
 * backtest: its forecasts there are NaN, its status is the error code and
 * its note the message.  Its accuracy counts the origins that worked (see n).
 *
 * Automatic selection (lf_select) chooses among candidates on the training
 * days first..last, by one of
 *   LF_SELECT_CV    the pooled daily `metric` of a rolling-origin backtest
 *                   inside the training days (spec.cv: origins, horizon,
 *                   step); a candidate that fails at any origin is out.
 *                   Each candidate is first fitted on all training days, and
 *                   its tuning found there (degree-day bases of a grid
 *                   search) is kept fixed in the CV origins: the CV compares
 *                   tuned candidates and the grid search runs once per
 *                   candidate, not once per origin (the bases see the CV
 *                   days, a mild optimism shared by every candidate; the
 *                   outer backtest's test days are never seen);
 *   LF_SELECT_AICC  the AICc of each candidate fitted on all training days
 *                   (lf_model_info: every parameter and sigma^2 counted).
 *                   Only comparable between models of the same target and
 *                   days: regression with AR(p) errors conditions on p fewer
 *                   days, so its AICc is slightly flattered; use CV to
 *                   compare families.
 * The lowest score wins (ties: the earlier candidate); its fit on all
 * training days is the selected model.  lf_backtest_run can add the selection itself as a
 * model named "auto": at every origin, lf_select runs on that origin's
 * training days (a nested backtest) and the chosen candidate forecasts; the
 * note says which it chose, and the time includes the selection.
 *
 * Times are wall-clock seconds (CLOCK_MONOTONIC) of fit + forecast, for
 * comparison with other tools run the same way; they vary between runs.
 */
#ifndef LIBFORECAST_BACKTEST_H
#define LIBFORECAST_BACKTEST_H

#include <stddef.h>

#include "libforecast/metrics.h"
#include "libforecast/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LF_CANDIDATE_NAME_MAX 48
#define LF_BACKTEST_MAX_ORIGINS 100
#define LF_BACKTEST_MAX_DAYS 3660 /* longest horizon and step, about ten years */
#define LF_BACKTEST_POOLED ((size_t)-1) /* origin index of the pooled accuracy */
#define LF_AUTO_MODEL_NAME "auto"

/* A model spec with a name ([A-Za-z0-9_.+-], not "auto"). */
typedef struct lf_candidate {
    char name[LF_CANDIDATE_NAME_MAX];
    lf_model_spec spec;
} lf_candidate;

/* Names given, unique, of letters, digits and _ . + -, not "auto"; one target
 * shared by all.  LF_ERR_ARG naming the candidate otherwise. */
int lf_candidates_check(const lf_candidate *c, size_t n, lf_error *err);

typedef struct lf_backtest_spec {
    int origins;      /* K, 1..LF_BACKTEST_MAX_ORIGINS (default 1) */
    int horizon;      /* H days (default 365) */
    int step;         /* S days between origins (default 0: = horizon) */
    double level;     /* interval coverage, 0 < level < 1 (default 0.95) */
    lf_agg_stat agg;  /* monthly/yearly aggregation (default LF_AGG_SUM) */
    int min_train_days; /* an origin needs at least this many training days
                           (default 28) */
} lf_backtest_spec;

void lf_backtest_spec_init(lf_backtest_spec *spec);

typedef enum lf_backtest_scale {
    LF_SCALE_DAILY = 0,
    LF_SCALE_MONTHLY,
    LF_SCALE_YEARLY
} lf_backtest_scale;
#define LF_SCALE_COUNT 3

/* "daily", "monthly", "yearly". */
const char *lf_backtest_scale_name(lf_backtest_scale scale);

typedef enum lf_select_by { LF_SELECT_CV = 0, LF_SELECT_AICC } lf_select_by;

/* The measure a cross-validated selection minimises (pooled daily values). */
typedef enum lf_select_metric {
    LF_METRIC_MAPE = 0,
    LF_METRIC_RMSE,
    LF_METRIC_MAE,
    LF_METRIC_SMAPE,
    LF_METRIC_MASE,
    LF_METRIC_PINBALL
} lf_select_metric;
#define LF_METRIC_COUNT 6

/* "mape", "rmse", "mae", "smape", "mase", "pinball". */
const char *lf_select_metric_name(lf_select_metric metric);
/* That measure of an lf_accuracy. */
double lf_accuracy_measure(const lf_accuracy *acc, lf_select_metric metric);

typedef struct lf_select_spec {
    lf_select_by by;          /* default LF_SELECT_CV */
    lf_select_metric metric;  /* default LF_METRIC_MAPE */
    lf_backtest_spec cv;      /* default 3 origins, horizon 91, step 91 */
} lf_select_spec;

void lf_select_spec_init(lf_select_spec *spec);

/* The result of a backtest.  Arrays are indexed [model][origin][day] etc. in
 * row-major order; read them through the accessors below. */
typedef struct lf_backtest {
    lf_backtest_spec spec;      /* step resolved */
    size_t nmodels, norigins, horizon;
    char (*names)[LF_CANDIDATE_NAME_MAX];   /* nmodels */
    lf_date *starts;            /* norigins: first forecast day of each origin */
    double *actual;             /* norigins x horizon */
    double *mean, *lower, *upper; /* nmodels x norigins x horizon */
    double *seconds;            /* nmodels x norigins */
    int *status;                /* nmodels x norigins: LF_OK or the error code */
    char (*notes)[LF_ERROR_MESSAGE_MAX]; /* nmodels x norigins */
    lf_accuracy *accuracy;      /* nmodels x (norigins + 1) x LF_SCALE_COUNT;
                                   origin norigins = pooled */
} lf_backtest;

/* Backtest candidates c[0..n-1] (n >= 1) on days first..last of frame; with
 * select non-NULL also the automatic choice among them, as the last model
 * ("auto").  Errors: bad arguments or spec, or days that leave an origin
 * fewer than min_train_days training days -> LF_ERR_ARG; a missing target
 * column -> LF_ERR_NOTFOUND.  A candidate failing is not an error (above). */
int lf_backtest_run(const lf_candidate *c, size_t n, const lf_select_spec *select,
                    const lf_backtest_spec *spec, const lf_frame *frame,
                    const lf_calendar *cal, lf_date first, lf_date last, lf_backtest **out,
                    lf_error *err);
void lf_backtest_free(lf_backtest *bt); /* NULL allowed */

/* Accuracy of model m at origin o (LF_BACKTEST_POOLED: all origins). */
const lf_accuracy *lf_backtest_accuracy(const lf_backtest *bt, size_t m, size_t o,
                                        lf_backtest_scale scale);
/* The index of a model by name, or -1. */
long lf_backtest_model_index(const lf_backtest *bt, const char *name);

/* CSV (atomic):
 *   forecasts: model,origin,date,actual,forecast,lower,upper
 *   accuracy:  model,origin,scale,n,mae,rmse,mape,smape,mase,bias,bias_pct,
 *              pinball,coverage,winkler   (origin "all" = pooled)
 *   timing:    model,origin,seconds,status,note */
int lf_backtest_write_forecasts(const lf_backtest *bt, const char *path, lf_error *err);
int lf_backtest_write_accuracy(const lf_backtest *bt, const char *path, lf_error *err);
int lf_backtest_write_timing(const lf_backtest *bt, const char *path, lf_error *err);

/* The outcome of a selection. */
typedef struct lf_selection {
    lf_select_spec spec;
    size_t ncandidates;
    size_t chosen;          /* index into the candidates */
    double *score;          /* ncandidates: the criterion (NaN: out) */
    double *aicc;           /* ncandidates: AICc on all training days (NaN:
                               not fitted, i.e. CV selection) */
    lf_backtest *cv;        /* the CV backtest (NULL for AICc) */
    lf_model *model;        /* the chosen candidate fitted on all training days */
} lf_selection;

/* Choose among c[0..n-1] on days first..last.  Errors as lf_backtest_run,
 * and LF_ERR_DATA when no candidate can be scored (the message gives each
 * candidate's reason). */
int lf_select(const lf_candidate *c, size_t n, const lf_select_spec *spec,
              const lf_frame *frame, const lf_calendar *cal, lf_date first, lf_date last,
              lf_selection **out, lf_error *err);
void lf_selection_free(lf_selection *sel); /* NULL allowed */

/* candidate,score,aicc,chosen,note (atomic; score is the CV metric or AICc). */
int lf_selection_write(const lf_selection *sel, const lf_candidate *c, const char *path,
                       lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
