/* forecast_internal.h (internal) - the forecast object behind lf_forecast and
 * the steps that fill it: forecast_run.c (paths), forecast_periods.c
 * (periods, quantiles), forecast_frame.c (scenario frames, shared with
 * normalize.c). */
#ifndef LF_FORECAST_FORECAST_INTERNAL_H
#define LF_FORECAST_FORECAST_INTERNAL_H

#include <gsl/gsl_rng.h>

#include "libforecast/forecast.h"

#define LF_PERIOD_KINDS 3 /* month, year, day: lf_period_kind values */

/* The two models a forecast runs: index LF_MEASURE_ENERGY and LF_MEASURE_PEAK. */
#define LF_MODELS 2

typedef struct lf_forecast_scenario {
    char name[LF_SCENARIO_NAME_MAX];
    double *paths[LF_MODELS];   /* npaths x ndays, connections included; NULL without model */
    double *normal[LF_MODELS];  /* ndays, connections included */
    double *contrib[LF_MODELS]; /* ndays x LF_DRIVER_COUNT: the normal's model part */
    /* each normal weather scenario on its own (nnormal rows): a period's normal
     * peak is the mean of their period peaks, not the peak of their mean */
    double *wnormal;            /* nnormal x ndays: peak, connections included */
    double *wcontrib;           /* nnormal x ndays x LF_DRIVER_COUNT: peak */
    lf_forecast_period *periods[LF_PERIOD_KINDS];
    size_t nperiods[LF_PERIOD_KINDS];
} lf_forecast_scenario;

struct lf_forecast {
    lf_forecast_spec spec;          /* connections point at the copy below */
    lf_connection *connections;
    lf_weather_scenarios *weather;  /* NULL when no model reads weather */
    size_t nweather;                /* weather paths: weather->n, or 1 */
    size_t nerror;                  /* error paths per weather path */
    size_t nnormal;                 /* weather paths the normal averages (1 for day_mean) */
    size_t npaths, ndays;
    int has[LF_MODELS];
    double *added[LF_MODELS];       /* ndays: what the connections add */
    size_t nscenarios;
    lf_forecast_scenario *scenarios;
    lf_residuals residuals;         /* the bootstrap's pool (auto: no bootstrap) */
    size_t residual_segments, residual_days;
};

/* Fill every scenario's periods from its paths and normal. */
int lf_forecast_summarize(lf_forecast *f, lf_error *err);

/* The weather columns the models read (at most 4, no repeats). */
size_t lf_forecast_weather_columns(const lf_model *const models[LF_MODELS],
                                   const char *columns[4]);

/* A copy of frame extended (NaN) to day last. */
lf_frame *lf_forecast_extend(const lf_frame *frame, lf_date last, lf_error *err);

/* Predict days first..last with model on frame into mean (and, when not
 * NULL, contrib: ndays x LF_DRIVER_COUNT).  A day without a prediction is an
 * error naming the day and the reason (flags), never a silent NaN, unless
 * allow_missing (history, where such a day simply stays NaN). */
int lf_forecast_predict(const lf_model *model, const lf_frame *frame, const lf_calendar *cal,
                        lf_date first, lf_date last, double *mean, double *contrib,
                        int allow_missing, lf_error *err);

/* ---- residual_pool.c: what the bootstrap draws from ------------------------------ */

typedef struct lf_residual_ctx {
    const lf_forecast_spec *spec;
    const lf_model *const *models;  /* LF_MODELS, either may be NULL */
    const lf_frame *history;
    const lf_calendar *cal;
} lf_residual_ctx;

/* Residuals of the models (index LF_MEASURE_*), segment after segment:
 * segment k is resid[m][segment[k] .. segment[k + 1]), each at least
 * block_days long, and every model has a residual on each of its days. */
typedef struct lf_residual_pool {
    lf_residuals kind;              /* in_sample or out_of_sample */
    double *resid[LF_MODELS];       /* an absent model's stay unset */
    size_t n;
    size_t *segment;                /* nsegments + 1 offsets */
    size_t nsegments;
} lf_residual_pool;

/* The pool of spec->residuals for a forecast of `horizon` days. */
int lf_residual_pool_make(const lf_residual_ctx *c, size_t horizon, lf_residual_pool *pool,
                          lf_error *err);
void lf_residual_pool_free(lf_residual_pool *pool);

/* The segment one path draws its blocks from: by chance in proportion to the
 * blocks of `block` days each holds (no draw when there is one segment). */
size_t lf_residual_pool_pick(const lf_residual_pool *pool, size_t block, gsl_rng *rng);

#endif
