/* residual_pool.c - the residuals the bootstrap draws model error from
 * (forecast.h, step 3): in-sample residuals of the fitted models, or
 * out-of-sample residuals of the same models refitted at rolling origins.
 *
 * Why out of sample: in-sample residuals of a regression average zero over
 * every month the model has a dummy for, so blocks of them know nothing of
 * what goes wrong a year ahead - a level that drifts, a trend fitted on two
 * years that does not continue.  A model refitted on the days before an
 * origin and run forward over days it has not seen makes exactly those errors
 * (with actual weather, so weather uncertainty is not counted twice: the
 * weather scenarios add it).  Each origin's run is a segment of the pool; a
 * path draws all its blocks from one segment, so its level error persists
 * across the months and years of the path as a real forecast's does. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"

const char *lf_residuals_name(lf_residuals r)
{
    switch (r) {
    case LF_RESIDUALS_AUTO: return "auto";
    case LF_RESIDUALS_IN_SAMPLE: return "in_sample";
    case LF_RESIDUALS_OUT_OF_SAMPLE: return "out_of_sample";
    }
    return "?";
}

void lf_residual_pool_free(lf_residual_pool *pool)
{
    for (int m = 0; m < LF_MODELS; m++)
        free(pool->resid[m]);
    free(pool->segment);
    memset(pool, 0, sizeof *pool);
}

/* The origins: every step days from first + min_days while a whole block of
 * days follows before the end of training. */
static size_t count_origins(const lf_forecast_spec *spec, lf_date first, lf_date last)
{
    lf_date o = first + spec->origin_min_days;
    if (o + spec->block_days - 1 > last)
        return 0;
    return (size_t)((last - spec->block_days + 1 - o) / spec->origin_step_days) + 1;
}

/* One model's residuals over days first..last (NaN where unknown): actual
 * minus the prediction of `model`, which may be a refit of the forecast's. */
static int residuals_of(const lf_model *model, const lf_frame *history, const lf_calendar *cal,
                        lf_date first, lf_date last, double *e, lf_error *err)
{
    const double *y = lf_frame_column(history, lf_model_spec_of(model)->target);
    long r0 = lf_frame_row(history, first);
    int rc = lf_forecast_predict(model, history, cal, first, last, e, NULL, 1, err);
    for (long i = 0; rc == LF_OK && i <= (long)(last - first); i++)
        e[i] = y ? y[r0 + i] - e[i] : NAN;
    return rc;
}

/* Prefix the message of a failed refit with what was being done. */
static int refit_failed(lf_error *err, int rc, int m, lf_date train_last)
{
    char day[LF_DATE_STRLEN];
    lf_date_format(train_last, day);
    return lf_error_prefix(err, rc, "out-of-sample residuals: refitting the %s model on the "
                           "days up to %s: ", m == LF_MEASURE_ENERGY ? "energy" : "peak", day);
}

/* Model m's residuals over first..last: of the model itself (in sample), or
 * of its refit on the training days before first (out of sample). */
static int segment_residuals(const lf_residual_ctx *c, int m, int refit, lf_date first,
                             lf_date last, double *e, lf_error *err)
{
    const lf_model *model = c->models[m];
    if (!refit)
        return residuals_of(model, c->history, c->cal, first, last, e, err);
    lf_date train_first, train_last;
    lf_model_training_days(model, &train_first, &train_last);
    lf_model *again = NULL;
    int rc = lf_model_fit(lf_model_spec_of(model), c->history, c->cal, train_first, first - 1,
                          &again, err);
    if (rc == LF_OK)
        rc = residuals_of(again, c->history, c->cal, first, last, e, err);
    lf_model_free(again);
    return rc == LF_OK ? LF_OK : refit_failed(err, rc, m, first - 1);
}

/* Append the residuals of days first..last as one segment, keeping the days
 * where every model has one (a day without load is no evidence of zero error). */
static int add_segment(const lf_residual_ctx *c, lf_residual_pool *pool, int refit,
                       lf_date first, lf_date last, double *scratch[LF_MODELS], lf_error *err)
{
    size_t n = (size_t)(last - first) + 1, kept = 0;
    for (int m = 0; m < LF_MODELS; m++) {
        int rc = c->models[m] ? segment_residuals(c, m, refit, first, last, scratch[m], err)
                              : LF_OK;
        if (rc != LF_OK)
            return rc;
    }
    for (size_t i = 0; i < n; i++) {
        int known = 1;
        for (int m = 0; m < LF_MODELS; m++)
            known = known && (!c->models[m] || isfinite(scratch[m][i]));
        for (int m = 0; known && m < LF_MODELS; m++)
            pool->resid[m][pool->n + kept] = scratch[m][i];
        kept += (size_t)known;
    }
    if (kept >= (size_t)c->spec->block_days) { /* too short a segment holds no block */
        pool->segment[pool->nsegments++] = pool->n;
        pool->n += kept;
    }
    return LF_OK;
}

static int pool_alloc(lf_residual_pool *pool, size_t capacity, size_t nsegments,
                      double *scratch[LF_MODELS], size_t nscratch, lf_error *err)
{
    pool->segment = malloc((nsegments + 1) * sizeof *pool->segment);
    int ok = pool->segment != NULL;
    for (int m = 0; m < LF_MODELS; m++) {
        pool->resid[m] = malloc(capacity * sizeof(double));
        scratch[m] = malloc(nscratch * sizeof(double));
        ok = ok && pool->resid[m] && scratch[m];
    }
    return ok ? LF_OK : lf_error_set(err, LF_ERR_NOMEM, "out of memory for residuals");
}

/* Days of the segment from origin o: the forecast's length, or to the end of training. */
static lf_date segment_last(lf_date o, lf_date train_last, size_t horizon)
{
    lf_date last = o + (lf_date)horizon - 1;
    return last < train_last ? last : train_last;
}

/* The segments' days in total and the longest one. */
static void segment_sizes(const lf_forecast_spec *spec, lf_date first, lf_date last,
                          size_t norigins, size_t horizon, size_t *total, size_t *longest)
{
    *total = *longest = 0;
    for (size_t k = 0; k < norigins; k++) {
        lf_date o = first + spec->origin_min_days + (lf_date)k * spec->origin_step_days;
        size_t n = (size_t)(segment_last(o, last, horizon) - o) + 1;
        *total += n;
        *longest = n > *longest ? n : *longest;
    }
}

int lf_residual_pool_make(const lf_residual_ctx *c, size_t horizon, lf_residual_pool *pool,
                          lf_error *err)
{
    const lf_forecast_spec *spec = c->spec;
    memset(pool, 0, sizeof *pool);
    lf_date first, last;
    lf_model_training_days(c->models[0] ? c->models[0] : c->models[1], &first, &last);
    size_t ndays = (size_t)(last - first) + 1, norigins = count_origins(spec, first, last);
    int out = spec->residuals == LF_RESIDUALS_OUT_OF_SAMPLE ||
              (spec->residuals == LF_RESIDUALS_AUTO && norigins > 0);
    if (out && norigins == 0)
        return lf_error_set(err, LF_ERR_DATA, "out-of-sample residuals need more than "
                            "origin_min_days + block_days = %d training days, the model has "
                            "%zu (lower origin_min_days, or take residuals: in_sample)",
                            spec->origin_min_days + spec->block_days, ndays);
    size_t nseg = out ? norigins : 1, total = ndays, longest = ndays;
    if (out)
        segment_sizes(spec, first, last, norigins, horizon, &total, &longest);
    double *scratch[LF_MODELS] = {NULL, NULL};
    int rc = pool_alloc(pool, total, nseg, scratch, longest, err);
    pool->kind = out ? LF_RESIDUALS_OUT_OF_SAMPLE : LF_RESIDUALS_IN_SAMPLE;
    for (size_t k = 0; rc == LF_OK && k < nseg; k++) {
        lf_date o = out ? first + spec->origin_min_days + (lf_date)k * spec->origin_step_days
                        : first;
        rc = add_segment(c, pool, out, o, out ? segment_last(o, last, horizon) : last,
                         scratch, err);
    }
    free(scratch[0]);
    free(scratch[1]);
    if (rc == LF_OK && pool->nsegments == 0)
        rc = lf_error_set(err, LF_ERR_DATA, "the bootstrap needs at least %d consecutive "
                          "days with known residuals (block_days); the model has too few",
                          spec->block_days);
    if (rc != LF_OK) {
        lf_residual_pool_free(pool);
        return rc;
    }
    pool->segment[pool->nsegments] = pool->n;
    return LF_OK;
}

size_t lf_residual_pool_pick(const lf_residual_pool *pool, size_t block, gsl_rng *rng)
{
    if (pool->nsegments == 1) /* no draw: the in-sample stream stays as it always was */
        return 0;
    size_t blocks = 0;
    for (size_t k = 0; k < pool->nsegments; k++)
        blocks += pool->segment[k + 1] - pool->segment[k] - block + 1;
    size_t u = gsl_rng_uniform_int(rng, blocks), k = 0;
    while (u >= pool->segment[k + 1] - pool->segment[k] - block + 1) {
        u -= pool->segment[k + 1] - pool->segment[k] - block + 1;
        k++;
    }
    return k;
}
