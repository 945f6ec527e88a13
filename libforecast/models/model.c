/* model.c - the one model interface: spec defaults, fit, predict, simulate,
 * describe; each kind lives in its own file (see model_internal.h). */
#include "libforecast/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "features_internal.h"
#include "model_internal.h"
#include "likelihood.h"

const char *lf_model_kind_name(lf_model_kind kind)
{
    static const char *const names[LF_MODEL_KIND_COUNT] = {"regression", "snaive", "ets"};
    return (unsigned)kind < LF_MODEL_KIND_COUNT ? names[kind] : "?";
}

void lf_model_spec_init(lf_model_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->kind = LF_MODEL_REGRESSION;
    strcpy(spec->target, "energy_mwh");
    lf_feature_spec_init(&spec->features);
    lf_regress_options_init(&spec->fit);
    spec->ar_max = 7;
    spec->season_lag = 7;
    lf_ets_spec_init(&spec->ets);
}

void lf_model_free(lf_model *model)
{
    if (!model)
        return;
    lf_features_free(model->features);
    lf_regress_free(model->fit);
    lf_ets_free(model->ets);
    free(model->grid);
    free(model);
}

const double *lf_model_target(const lf_model_spec *spec, const lf_frame *frame, lf_error *err)
{
    return lf_features_column(frame, spec->target, "target", err);
}

void lf_model_info_criteria(lf_model_info *info)
{
    lf_criteria(info->loglik, (double)info->nobs, info->nparams, &info->aic, &info->aicc,
                &info->bic);
}

void lf_model_add_param(lf_model *m, const char *name, double value)
{
    if (m->nparams >= LF_MODEL_MAX_PARAMS)
        return;
    snprintf(m->params[m->nparams].name, sizeof m->params[0].name, "%s", name);
    m->params[m->nparams++].value = value;
}

static int check_spec(const lf_model_spec *spec, lf_error *err)
{
    if ((unsigned)spec->kind >= LF_MODEL_KIND_COUNT)
        return lf_error_set(err, LF_ERR_ARG, "unknown model kind %d", (int)spec->kind);
    if (memchr(spec->target, '\0', sizeof spec->target) == NULL || !spec->target[0])
        return lf_error_set(err, LF_ERR_ARG, "the model needs a target column");
    if (spec->ar_order < -1 || spec->ar_order > LF_AR_MAX)
        return lf_error_set(err, LF_ERR_ARG, "AR order must be -1 (automatic) or 0..%d, "
                            "got %d", LF_AR_MAX, spec->ar_order);
    if (spec->ar_order == -1 && (spec->ar_max < 1 || spec->ar_max > LF_AR_MAX))
        return lf_error_set(err, LF_ERR_ARG, "ar_max must be 1..%d, got %d", LF_AR_MAX,
                            spec->ar_max);
    if (spec->kind == LF_MODEL_SNAIVE && spec->season_lag != 7 && spec->season_lag != 364)
        return lf_error_set(err, LF_ERR_ARG, "seasonal naive lag must be 7 (last week) or "
                            "364 (same weekday last year), got %d", spec->season_lag);
    if (spec->kind == LF_MODEL_ETS)
        return lf_ets_spec_check(&spec->ets, err);
    return spec->kind == LF_MODEL_REGRESSION ? lf_feature_spec_check(&spec->features, err)
                                             : LF_OK;
}

int lf_model_fit(const lf_model_spec *spec, const lf_frame *frame, const lf_calendar *cal,
                 lf_date first, lf_date last, lf_model **out, lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_model_fit needs out");
    *out = NULL;
    if (!spec || !frame || !cal)
        return lf_error_set(err, LF_ERR_ARG, "lf_model_fit needs a spec, a frame and a "
                            "calendar");
    int rc = check_spec(spec, err);
    if (rc == LF_OK)
        rc = lf_days_in_frame(frame, first, last, "training", err);
    lf_model *m = rc == LF_OK ? calloc(1, sizeof *m) : NULL;
    if (rc == LF_OK && !m)
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory for a model");
    if (rc != LF_OK)
        return rc;
    m->spec = *spec;
    m->first = first;
    m->last = last;
    m->info.kind = spec->kind;
    switch (spec->kind) {
    case LF_MODEL_SNAIVE: rc = lf_model_fit_snaive(m, frame, err); break;
    case LF_MODEL_ETS: rc = lf_model_fit_ets(m, frame, err); break;
    default: rc = lf_model_fit_regression(m, frame, cal, err); break;
    }
    if (rc != LF_OK) {
        lf_model_free(m);
        return rc;
    }
    lf_model_info_criteria(&m->info);
    *out = m;
    return LF_OK;
}

int lf_model_predict(const lf_model *model, const lf_frame *frame, const lf_calendar *cal,
                     lf_date first, lf_date last, double level, lf_prediction **out,
                     lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_model_predict needs out");
    *out = NULL;
    if (!model || !frame || !cal)
        return lf_error_set(err, LF_ERR_ARG, "lf_model_predict needs a model, a frame and "
                            "a calendar");
    if (!(level > 0 && level < 1))
        return lf_error_set(err, LF_ERR_ARG, "interval level must be between 0 and 1 "
                            "(e.g. 0.95), got %g", level);
    int rc = lf_days_in_frame(frame, first, last, "forecast", err);
    if (rc != LF_OK)
        return rc;
    if (model->spec.kind == LF_MODEL_SNAIVE)
        return lf_model_predict_snaive(model, frame, first, last, level, out, err);
    if (model->spec.kind == LF_MODEL_ETS)
        return lf_model_predict_ets(model, frame, first, last, level, out, err);
    return lf_model_predict_regression(model, frame, cal, first, last, level, out, err);
}

int lf_model_simulate(const lf_model *model, const lf_frame *frame, const lf_calendar *cal,
                      lf_date first, lf_date last, size_t npaths, unsigned long seed,
                      double *paths, lf_error *err)
{
    if (!model || !frame || !cal || !paths || npaths == 0)
        return lf_error_set(err, LF_ERR_ARG, "lf_model_simulate needs a model, a frame, a "
                            "calendar and room for at least one path");
    int rc = lf_days_in_frame(frame, first, last, "simulation", err);
    if (rc != LF_OK)
        return rc;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for a random generator");
    gsl_rng_set(rng, seed);
    switch (model->spec.kind) {
    case LF_MODEL_SNAIVE:
        rc = lf_model_simulate_snaive(model, frame, first, last, npaths, rng, paths, err);
        break;
    case LF_MODEL_ETS:
        rc = lf_model_simulate_ets(model, frame, first, last, npaths, rng, paths, err);
        break;
    default:
        rc = lf_model_simulate_regression(model, frame, cal, first, last, npaths, rng, paths,
                                          err);
        break;
    }
    gsl_rng_free(rng);
    return rc;
}

const lf_model_spec *lf_model_spec_of(const lf_model *model)
{
    return &model->spec;
}

void lf_model_training_days(const lf_model *model, lf_date *first, lf_date *last)
{
    *first = model->first;
    *last = model->last;
}

const lf_model_info *lf_model_info_of(const lf_model *model)
{
    return &model->info;
}

const lf_param *lf_model_params(const lf_model *model, size_t *nparams)
{
    *nparams = model->nparams;
    return model->params;
}

const lf_regress *lf_model_regress(const lf_model *model)
{
    return model->fit;
}

const lf_features *lf_model_features(const lf_model *model)
{
    return model->features;
}

const lf_ets *lf_model_ets(const lf_model *model)
{
    return model->ets;
}

const lf_grid_try *lf_model_grid(const lf_model *model, size_t *ntries)
{
    *ntries = model->ngrid;
    return model->ngrid ? model->grid : NULL;
}
