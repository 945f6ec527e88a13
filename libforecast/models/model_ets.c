/* model_ets.c - the exponential smoothing kind of lf_model: the target of the
 * training days (short gaps filled), an ETS fit, and forecasts that start
 * from the latest known day (see model.h). */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

/* Fill gaps of y[0..n-1] of up to LF_ETS_MAX_GAP_DAYS days with straight
 * lines; the ends must be present.  *filled counts the days filled. */
static int fill_gaps(double *y, size_t n, lf_date first, size_t *filled, lf_error *err)
{
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    *filled = 0;
    for (size_t i = 0; i < n;) {
        if (!isnan(y[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && isnan(y[j]))
            j++;
        lf_date_format(first + (lf_date)i, a);
        lf_date_format(first + (lf_date)j - 1, b);
        if (i == 0 || j == n)
            return lf_error_set(err, LF_ERR_DATA, "exponential smoothing needs the target on "
                                "the first and last training day; %s..%s has none: move "
                                "the training days", a, b);
        if (j - i > LF_ETS_MAX_GAP_DAYS)
            return lf_error_set(err, LF_ERR_DATA, "exponential smoothing needs the target on "
                                "every training day; %s..%s (%zu days) has none, more than "
                                "the %d days it fills by interpolation", a, b, j - i,
                                LF_ETS_MAX_GAP_DAYS);
        for (size_t k = i; k < j; k++)
            y[k] = y[i - 1] + (y[j] - y[i - 1]) * (double)(k - i + 1) / (double)(j - i + 1);
        *filled += j - i;
        i = j;
    }
    return LF_OK;
}

/* The target of days first..last, gaps filled; NULL on error. */
static double *target_days(const lf_model *m, const lf_frame *frame, lf_date first,
                           lf_date last, size_t *filled, lf_error *err)
{
    const double *col = lf_model_target(&m->spec, frame, err);
    if (!col)
        return NULL;
    size_t n = (size_t)(last - first + 1);
    double *y = malloc(n * sizeof *y);
    if (!y) {
        lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu days", n);
        return NULL;
    }
    memcpy(y, col + lf_frame_row(frame, first), n * sizeof *y);
    if (fill_gaps(y, n, first, filled, err) != LF_OK) {
        free(y);
        return NULL;
    }
    return y;
}

static void describe(lf_model *m)
{
    const lf_ets *e = m->ets;
    const lf_ets_spec *s = &e->spec;
    snprintf(m->info.name, sizeof m->info.name, "%s", lf_ets_name(s));
    m->info.nobs = e->nobs;
    m->info.nparams = (double)e->nparams;
    m->info.sigma = e->sigma;
    m->info.loglik = e->loglik;
    lf_model_add_param(m, "alpha", e->alpha);
    if (s->trend != LF_ETS_TREND_NONE)
        lf_model_add_param(m, "beta", e->beta);
    if (s->season != LF_ETS_SEASON_NONE)
        lf_model_add_param(m, "gamma", e->gamma);
    if (s->trend == LF_ETS_TREND_DAMPED)
        lf_model_add_param(m, "phi", e->phi);
    lf_model_add_param(m, "level0", e->level0);
    if (s->trend != LF_ETS_TREND_NONE)
        lf_model_add_param(m, "trend0", e->trend0);
    lf_model_add_param(m, "sigma", e->sigma);
}

int lf_model_fit_ets(lf_model *m, const lf_frame *frame, lf_error *err)
{
    double *y = target_days(m, frame, m->first, m->last, &m->ets_filled, err);
    if (!y)
        return err ? err->code : LF_ERR_DATA;
    int rc = lf_ets_fit(&m->spec.ets, y, (size_t)(m->last - m->first + 1), &m->ets, err);
    free(y);
    if (rc == LF_OK)
        describe(m);
    return rc;
}

/* The last day before `first` up to which the target is known without a gap
 * since the training days (the training end when there is none). */
static lf_date known_until(const lf_model *m, const double *col, const lf_frame *frame,
                           lf_date first)
{
    lf_date d = m->last;
    while (d + 1 < first) {
        long r = lf_frame_row(frame, d + 1);
        if (r < 0 || isnan(col[r]))
            break;
        d++;
    }
    return d;
}

/* The fit re-run with its own parameters over the training days and the
 * known days after them up to `until` (a copy of the fit when until is the
 * training end).  The caller frees *out. */
static int states_until(const lf_model *m, const lf_frame *frame, lf_date until,
                        lf_ets **out, lf_error *err)
{
    const lf_ets *e = m->ets;
    size_t np = lf_ets_param_length(&e->spec), filled;
    double *params = malloc(np * sizeof *params);
    double *y = params ? target_days(m, frame, m->first, until, &filled, err) : NULL;
    int rc = y ? LF_OK : (params ? (err ? err->code : LF_ERR_DATA)
                                 : lf_error_set(err, LF_ERR_NOMEM, "out of memory"));
    if (rc == LF_OK) {
        lf_ets_params(e, params);
        rc = lf_ets_smooth(&e->spec, params, y, (size_t)(until - m->first + 1), out, err);
    }
    free(y);
    free(params);
    return rc;
}

/* Forecast rows of days max(first, training end + 1)..last into p. */
static int forecast_rows(const lf_model *m, const lf_frame *frame, lf_date first, lf_date last,
                         double level, lf_prediction *p, lf_error *err)
{
    const double *col = lf_model_target(&m->spec, frame, err);
    if (!col)
        return err ? err->code : LF_ERR_NOTFOUND;
    lf_date from = first > m->last ? first : m->last + 1;
    lf_date origin = known_until(m, col, frame, from);
    lf_ets *state = NULL;
    int rc = states_until(m, frame, origin, &state, err);
    size_t h = (size_t)(last - origin);
    double *buf = rc == LF_OK ? malloc(3 * h * sizeof *buf) : NULL;
    if (rc == LF_OK && !buf)
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu forecasts", h);
    if (rc == LF_OK)
        rc = lf_ets_forecast(state, h, level, buf, buf + h, buf + 2 * h, err);
    for (lf_date d = from; rc == LF_OK && d <= last; d++) {
        size_t i = (size_t)(d - first), k = (size_t)(d - origin - 1);
        p->mean[i] = buf[k];
        p->lower[i] = buf[h + k];
        p->upper[i] = buf[2 * h + k];
        p->se_fit[i] = 0;
        p->contrib[i * LF_DRIVER_COUNT + LF_DRIVER_BASE] = buf[k];
    }
    free(buf);
    lf_ets_free(state);
    return rc;
}

/* The one-step fitted value of a day up to the training end (NaN before). */
static double fitted_value(const lf_model *m, lf_date d)
{
    return d >= m->first ? m->ets->fitted[d - m->first] : NAN;
}

int lf_model_predict_ets(const lf_model *m, const lf_frame *frame, lf_date first,
                         lf_date last, double level, lf_prediction **out, lf_error *err)
{
    lf_prediction *p = lf_prediction_new((size_t)(last - first + 1), first, level, err);
    if (!p)
        return LF_ERR_NOMEM;
    double half = gsl_cdf_ugaussian_Pinv(0.5 + level / 2) * m->ets->sigma;
    /* days up to the training end: fitted values, or missing before them */
    for (lf_date d = first; d <= last && d <= m->last; d++) {
        size_t i = (size_t)(d - first);
        double v = fitted_value(m, d);
        p->mean[i] = v;
        p->lower[i] = v - half;
        p->upper[i] = v + half;
        p->se_fit[i] = isnan(v) ? NAN : 0;
        p->contrib[i * LF_DRIVER_COUNT + LF_DRIVER_BASE] = v;
        if (isnan(v))
            p->flags[i] |= LF_FLAG_MISSING_INPUT;
    }
    int rc = last > m->last ? forecast_rows(m, frame, first, last, level, p, err) : LF_OK;
    if (rc != LF_OK) {
        lf_prediction_free(p);
        return rc;
    }
    *out = p;
    return LF_OK;
}

/* Paths: in-sample days are fitted values plus an independent innovation;
 * days after the training end are lf_ets_simulate paths from the latest
 * known state, seeded from rng. */
int lf_model_simulate_ets(const lf_model *m, const lf_frame *frame, lf_date first,
                          lf_date last, size_t npaths, gsl_rng *rng, double *paths,
                          lf_error *err)
{
    size_t n = (size_t)(last - first + 1);
    const double *col = lf_model_target(&m->spec, frame, err);
    if (!col)
        return err ? err->code : LF_ERR_NOTFOUND;
    lf_date from = first > m->last ? first : m->last + 1;
    lf_date origin = known_until(m, col, frame, from);
    size_t h = last >= from ? (size_t)(last - origin) : 0;
    lf_ets *state = NULL;
    double *sim = h ? malloc(npaths * h * sizeof *sim) : NULL;
    int rc = h && !sim ? lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu simulated "
                                      "paths", npaths)
                       : LF_OK;
    if (rc == LF_OK && h)
        rc = states_until(m, frame, origin, &state, err);
    if (rc == LF_OK && h)
        rc = lf_ets_simulate(state, h, npaths, gsl_rng_get(rng), sim, err);
    for (size_t k = 0; rc == LF_OK && k < npaths; k++)
        for (size_t i = 0; i < n; i++) {
            lf_date d = first + (lf_date)i;
            paths[k * n + i] = d <= m->last
                                   ? fitted_value(m, d) + gsl_ran_gaussian(rng, m->ets->sigma)
                                   : sim[k * h + (size_t)(d - origin - 1)];
        }
    free(sim);
    lf_ets_free(state);
    return rc;
}
