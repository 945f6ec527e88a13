/* backtest_score.c - accuracy of every backtest run at the daily, monthly and
 * yearly scale, per origin and pooled over origins (see backtest.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backtest_internal.h"

/* Aggregates of the periods of one scale, appended across origins. */
typedef struct pool {
    double *actual, *forecast;
    size_t n, cap;
} pool;

static const lf_period_kind kinds[LF_SCALE_COUNT] = {LF_PERIOD_MONTH, LF_PERIOD_MONTH,
                                                     LF_PERIOD_YEAR};

/* The complete periods of one run at a monthly or yearly scale: scored into
 * acc and appended to the pool. */
static int score_periods(const lf_backtest *bt, size_t k, const double *forecast,
                         lf_backtest_scale scale, pool *pl, lf_accuracy *acc, lf_error *err)
{
    lf_date *starts = NULL;
    double *a = NULL, *f = NULL;
    size_t np = 0;
    int rc = lf_accuracy_aggregate(bt->starts[k], bt->horizon, bt->actual + k * bt->horizon,
                                   forecast, kinds[scale], bt->spec.agg, &starts, &a, &f, &np,
                                   err);
    if (rc == LF_OK)
        rc = lf_accuracy_compute(a, f, NULL, NULL, np, bt->spec.level, NAN, acc, err);
    if (rc == LF_OK && np > 0 && pl->n + np <= pl->cap) {
        memcpy(pl->actual + pl->n, a, np * sizeof *a);
        memcpy(pl->forecast + pl->n, f, np * sizeof *f);
        pl->n += np;
    }
    free(starts);
    free(a);
    free(f);
    return rc;
}

/* MASE scale of origin k: the weekly seasonal naive's in-sample MAE on its
 * training days. */
static int origin_scale(const lf_backtest *bt, size_t k, const double *train, lf_date first,
                        double *scale, lf_error *err)
{
    return lf_mase_scale(train, (size_t)(bt->starts[k] - first), 7, scale, err);
}

/* Every scale of model m at origin k, pooling the periods. */
static int score_run(lf_backtest *bt, size_t m, size_t k, double scale, pool *pools,
                     lf_error *err)
{
    size_t at = (m * bt->norigins + k) * bt->horizon;
    lf_accuracy *acc = lf_backtest_slot(bt, m, k, LF_SCALE_DAILY);
    int rc = lf_accuracy_compute(bt->actual + k * bt->horizon, bt->mean + at, bt->lower + at,
                                 bt->upper + at, bt->horizon, bt->spec.level, scale, acc, err);
    for (int s = LF_SCALE_MONTHLY; rc == LF_OK && s < LF_SCALE_COUNT; s++)
        rc = score_periods(bt, k, bt->mean + at, (lf_backtest_scale)s, &pools[s],
                           lf_backtest_slot(bt, m, k, (lf_backtest_scale)s), err);
    return rc;
}

/* Pooled daily accuracy: every origin's days together; MASE is the mean
 * scaled error, i.e. the per-origin MASE weighted by pairs. */
static int score_pooled_daily(lf_backtest *bt, size_t m, lf_error *err)
{
    size_t at = m * bt->norigins * bt->horizon, days = bt->norigins * bt->horizon;
    lf_accuracy *acc = lf_backtest_slot(bt, m, LF_BACKTEST_POOLED, LF_SCALE_DAILY);
    int rc = lf_accuracy_compute(bt->actual, bt->mean + at, bt->lower + at, bt->upper + at,
                                 days, bt->spec.level, NAN, acc, err);
    double sum = 0;
    size_t n = 0;
    for (size_t k = 0; k < bt->norigins; k++) {
        const lf_accuracy *a = lf_backtest_accuracy(bt, m, k, LF_SCALE_DAILY);
        if (a->n > 0 && isfinite(a->mase)) {
            sum += a->mase * (double)a->n;
            n += a->n;
        }
    }
    acc->mase = n ? sum / (double)n : NAN;
    return rc;
}

static int score_model(lf_backtest *bt, size_t m, const double *scales, pool *pools,
                       lf_error *err)
{
    int rc = LF_OK;
    for (int s = 0; s < LF_SCALE_COUNT; s++)
        pools[s].n = 0;
    for (size_t k = 0; rc == LF_OK && k < bt->norigins; k++)
        rc = score_run(bt, m, k, scales[k], pools, err);
    if (rc == LF_OK)
        rc = score_pooled_daily(bt, m, err);
    for (int s = LF_SCALE_MONTHLY; rc == LF_OK && s < LF_SCALE_COUNT; s++)
        rc = lf_accuracy_compute(pools[s].actual, pools[s].forecast, NULL, NULL, pools[s].n,
                                 bt->spec.level, NAN,
                                 lf_backtest_slot(bt, m, LF_BACKTEST_POOLED,
                                                  (lf_backtest_scale)s),
                                 err);
    return rc;
}

int lf_backtest_score(lf_backtest *bt, const double *train, lf_date first, lf_error *err)
{
    /* a horizon of h days holds at most h / 28 + 1 months and h / 365 + 1 years */
    size_t cap = bt->norigins * (bt->horizon / 28 + 2);
    pool pools[LF_SCALE_COUNT] = {{0}};
    double *scales = malloc(bt->norigins * sizeof *scales);
    int rc = scales ? LF_OK : lf_error_set(err, LF_ERR_NOMEM, "out of memory scoring");
    for (int s = LF_SCALE_MONTHLY; rc == LF_OK && s < LF_SCALE_COUNT; s++) {
        pools[s].cap = cap;
        pools[s].actual = malloc(cap * sizeof(double));
        pools[s].forecast = malloc(cap * sizeof(double));
        if (!pools[s].actual || !pools[s].forecast)
            rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory scoring");
    }
    for (size_t k = 0; rc == LF_OK && k < bt->norigins; k++)
        rc = origin_scale(bt, k, train, first, &scales[k], err);
    for (size_t m = 0; rc == LF_OK && m < bt->nmodels; m++)
        rc = score_model(bt, m, scales, pools, err);
    for (int s = 0; s < LF_SCALE_COUNT; s++) {
        free(pools[s].actual);
        free(pools[s].forecast);
    }
    free(scales);
    return rc;
}
