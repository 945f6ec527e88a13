/* model_internal.h (internal) - the fitted model behind lf_model and the
 * pieces each kind implements (model_regression.c, model_ar.c, model_snaive.c). */
#ifndef LF_MODELS_MODEL_INTERNAL_H
#define LF_MODELS_MODEL_INTERNAL_H

#include <gsl/gsl_rng.h>

#include "libforecast/model.h"

/* AR(p) model of a series (the regression's residuals). */
typedef struct lf_ar {
    int p;
    double phi[LF_AR_MAX];
    double sigma2;        /* innovation variance */
    size_t nobs;          /* rows in the final fit */
    double loglik;
} lf_ar;

#define LF_MODEL_MAX_PARAMS (LF_AR_MAX + 4)

struct lf_model {
    lf_model_spec spec;      /* degree-day bases resolved */
    lf_date first, last;     /* training days */
    lf_model_info info;
    lf_param params[LF_MODEL_MAX_PARAMS];
    size_t nparams;
    /* regression */
    lf_features *features;
    lf_regress *fit;
    lf_grid_try *grid;
    size_t ngrid;
    lf_ar ar;                /* p = 0: no AR errors */
    /* seasonal naive */
    double snaive_sigma;
    /* exponential smoothing */
    lf_ets *ets;
    size_t ets_filled;       /* training days filled by interpolation */
};

/* Fit the regression (with its grid search and AR errors) into m. */
int lf_model_fit_regression(lf_model *m, const lf_frame *frame, const lf_calendar *cal,
                            lf_error *err);
int lf_model_predict_regression(const lf_model *m, const lf_frame *frame,
                                const lf_calendar *cal, lf_date first, lf_date last,
                                double level, lf_prediction **out, lf_error *err);
/* Paths of the regression errors (AR or independent) added to mean. */
int lf_model_simulate_regression(const lf_model *m, const lf_frame *frame,
                                 const lf_calendar *cal, lf_date first, lf_date last,
                                 size_t npaths, gsl_rng *rng, double *paths, lf_error *err);

int lf_model_fit_snaive(lf_model *m, const lf_frame *frame, lf_error *err);
int lf_model_predict_snaive(const lf_model *m, const lf_frame *frame, lf_date first,
                            lf_date last, double level, lf_prediction **out, lf_error *err);
int lf_model_simulate_snaive(const lf_model *m, const lf_frame *frame, lf_date first,
                             lf_date last, size_t npaths, gsl_rng *rng, double *paths,
                             lf_error *err);

int lf_model_fit_ets(lf_model *m, const lf_frame *frame, lf_error *err);
int lf_model_predict_ets(const lf_model *m, const lf_frame *frame, lf_date first,
                         lf_date last, double level, lf_prediction **out, lf_error *err);
int lf_model_simulate_ets(const lf_model *m, const lf_frame *frame, lf_date first,
                          lf_date last, size_t npaths, gsl_rng *rng, double *paths,
                          lf_error *err);

/* AR errors: choose/fit on e (n values, NaN breaks the lags). */
int lf_ar_fit(const double *e, size_t n, int order, int max_order, lf_ar *out, lf_error *err);
/* h-step forecasts from the last p values of recent (most recent last; NaN
 * counts 0) and their error variances. */
void lf_ar_forecast(const lf_ar *ar, const double *recent, size_t h, double *mean,
                    double *var);

/* A prediction of n rows with every driver share 0 and no flags. */
lf_prediction *lf_prediction_new(size_t n, lf_date first, double level, lf_error *err);

/* Fill info's aic/aicc/bic from loglik, nobs and nparams. */
void lf_model_info_criteria(lf_model_info *info);
/* Append a named parameter to m->params. */
void lf_model_add_param(lf_model *m, const char *name, double value);

/* The target column, or LF_ERR_NOTFOUND with a 'did you mean'. */
const double *lf_model_target(const lf_model_spec *spec, const lf_frame *frame,
                              lf_error *err);

#endif
