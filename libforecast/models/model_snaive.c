/* model_snaive.c - the seasonal naive baseline: a day is forecast by the last
 * known value a whole number of seasons (a week, or 52 weeks) earlier. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "model_internal.h"
#include "likelihood.h"

int lf_model_fit_snaive(lf_model *m, const lf_frame *frame, lf_error *err)
{
    const double *y = lf_model_target(&m->spec, frame, err);
    if (!y)
        return err ? err->code : LF_ERR_NOTFOUND;
    int lag = m->spec.season_lag;
    long r0 = lf_frame_row(frame, m->first), r1 = lf_frame_row(frame, m->last);
    double ssr = 0;
    size_t n = 0;
    for (long r = r0 + lag; r <= r1; r++)
        if (!isnan(y[r]) && !isnan(y[r - lag])) {
            ssr += (y[r] - y[r - lag]) * (y[r] - y[r - lag]);
            n++;
        }
    if (n < 2)
        return lf_error_set(err, LF_ERR_DATA, "seasonal naive (lag %d) needs at least two "
                            "pairs of days %d apart with values in the training days", lag,
                            lag);
    m->snaive_sigma = sqrt(ssr / (double)n);
    snprintf(m->info.name, sizeof m->info.name, "snaive(%d)", lag);
    m->info.nobs = n;
    m->info.nparams = 1;
    m->info.sigma = m->snaive_sigma;
    m->info.loglik = lf_gaussian_loglik(ssr, (double)n);
    lf_model_add_param(m, "lag", lag);
    lf_model_add_param(m, "sigma", m->snaive_sigma);
    return LF_OK;
}

/* The value k seasons back from day d (k the first that reaches back to the
 * day before first), or a season further when that one is missing. */
static double seasonal_value(const double *y, const lf_frame *frame, lf_date first, lf_date d,
                             int lag, int *seasons)
{
    int k = (int)((d - first) / lag) + 1;
    for (int tries = 0; tries < 4; tries++, k++) {
        long r = lf_frame_row(frame, d - (lf_date)k * lag);
        if (r >= 0 && !isnan(y[r])) {
            *seasons = k;
            return y[r];
        }
    }
    *seasons = k;
    return NAN;
}

int lf_model_predict_snaive(const lf_model *m, const lf_frame *frame, lf_date first,
                            lf_date last, double level, lf_prediction **out, lf_error *err)
{
    const double *y = lf_model_target(&m->spec, frame, err);
    if (!y)
        return err ? err->code : LF_ERR_NOTFOUND;
    size_t h = (size_t)(last - first + 1);
    lf_prediction *p = lf_prediction_new(h, first, level, err);
    if (!p)
        return LF_ERR_NOMEM;
    double z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
    for (size_t i = 0; i < h; i++) {
        int k;
        double v = seasonal_value(y, frame, first, first + (lf_date)i, m->spec.season_lag, &k);
        double half = z * m->snaive_sigma * sqrt((double)k);
        p->mean[i] = v;
        p->se_fit[i] = isnan(v) ? NAN : 0;
        p->lower[i] = v - half;
        p->upper[i] = v + half;
        p->contrib[i * LF_DRIVER_COUNT + LF_DRIVER_BASE] = v;
        if (isnan(v))
            p->flags[i] |= LF_FLAG_MISSING_INPUT;
    }
    *out = p;
    return LF_OK;
}

int lf_model_simulate_snaive(const lf_model *m, const lf_frame *frame, lf_date first,
                             lf_date last, size_t npaths, gsl_rng *rng, double *paths,
                             lf_error *err)
{
    lf_prediction *p;
    int rc = lf_model_predict_snaive(m, frame, first, last, 0.95, &p, err);
    if (rc != LF_OK)
        return rc;
    size_t h = p->nrows, lag = (size_t)m->spec.season_lag;
    double *eps = malloc(h * sizeof *eps);
    if (!eps) {
        lf_prediction_free(p);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory simulating");
    }
    /* a seasonal random walk: each season adds one innovation to the last */
    for (size_t k = 0; k < npaths; k++)
        for (size_t t = 0; t < h; t++) {
            eps[t] = (t >= lag ? eps[t - lag] : 0) + gsl_ran_gaussian(rng, m->snaive_sigma);
            paths[k * h + t] = p->mean[t] + eps[t];
        }
    free(eps);
    lf_prediction_free(p);
    return LF_OK;
}
