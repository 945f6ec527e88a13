/* model_regression.c - the regression kind of lf_model: target and weights,
 * degree-day grid search, least squares, AR(p) errors, forecasts from an
 * origin and simulated paths (see model.h). */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "features_internal.h"
#include "model_internal.h"
#include "regress_internal.h"

/* The target and (for WLS) the weights of days first..last. */
static int target_and_weights(const lf_model_spec *spec, const lf_frame *frame,
                              lf_date first, size_t n, double *y, double *w, lf_error *err)
{
    const double *target = lf_model_target(spec, frame, err);
    if (!target)
        return err ? err->code : LF_ERR_NOTFOUND;
    long r0 = lf_frame_row(frame, first);
    memcpy(y, target + r0, n * sizeof *y);
    if (spec->fit.method != LF_FIT_WLS)
        return LF_OK;
    if (spec->weight_column[0]) {
        const double *wc = lf_features_column(frame, spec->weight_column, "weight", err);
        if (!wc)
            return err ? err->code : LF_ERR_NOTFOUND;
        memcpy(w, wc + r0, n * sizeof *w);
        return LF_OK;
    }
    if (!(spec->halflife_days > 0 && isfinite(spec->halflife_days)))
        return lf_error_set(err, LF_ERR_ARG, "weighted least squares needs weight_column or "
                            "a positive halflife_days");
    for (size_t i = 0; i < n; i++)
        w[i] = pow(0.5, (double)(n - 1 - i) / spec->halflife_days);
    return LF_OK;
}

/* Features learnt and their design built for the training days. */
static int design_for(const lf_feature_spec *fs, const lf_frame *frame, const lf_calendar *cal,
                      lf_date first, lf_date last, lf_features **features, lf_design **design,
                      lf_error *err)
{
    *design = NULL;
    int rc = lf_features_new(fs, frame, cal, first, last, features, err);
    if (rc == LF_OK && (rc = lf_features_design(*features, frame, cal, first, last, design,
                                                err)) != LF_OK) {
        lf_features_free(*features);
        *features = NULL;
    }
    return rc;
}

static size_t grid_points(const lf_temperature_spec *t)
{
    return (size_t)floor((t->grid_to - t->grid_from) / t->grid_step + 1e-9) + 1;
}

/* Try one pair of bases; its AICc, or NaN when that fit is impossible. */
static double try_bases(const lf_model *m, double hdd, double cdd, const lf_frame *frame,
                        const lf_calendar *cal, const double *y, const double *w)
{
    lf_feature_spec fs = m->spec.features;
    lf_temperature_spec *t = &fs.temperature;
    t->auto_hdd = t->auto_cdd = 0;
    if (!isnan(hdd))
        t->hdd[0] = hdd, t->nhdd = 1;
    if (!isnan(cdd))
        t->cdd[0] = cdd, t->ncdd = 1;
    lf_features *f;
    lf_design *d;
    double aicc = NAN;
    if (design_for(&fs, frame, cal, m->first, m->last, &f, &d, NULL) == LF_OK) {
        if (lf_regress_aicc(d, y, w, &m->spec.fit, &aicc, NULL) != LF_OK)
            aicc = NAN;
        lf_design_free(d);
        lf_features_free(f);
    }
    return aicc;
}

/* Grid search state: the tries so far and the best. */
typedef struct search {
    lf_model *m;
    const lf_frame *frame;
    const lf_calendar *cal;
    const double *y, *w;
    size_t best, cap;
} search;

static int tried(const lf_model *m, double h, double c)
{
    for (size_t k = 0; k < m->ngrid; k++)
        if ((m->grid[k].hdd == h || (isnan(h) && isnan(m->grid[k].hdd))) &&
            (m->grid[k].cdd == c || (isnan(c) && isnan(m->grid[k].cdd))))
            return 1;
    return 0;
}

/* Try one pair (NaN: that side not searched) unless tried or impossible. */
static void try_pair(search *s, double h, double c)
{
    lf_model *m = s->m;
    if ((!isnan(h) && !isnan(c) && h > c) || m->ngrid >= s->cap || tried(m, h, c))
        return; /* heating above cooling base makes no physical sense */
    lf_grid_try *g = &m->grid[m->ngrid++];
    *g = (lf_grid_try){h, c, try_bases(m, h, c, s->frame, s->cal, s->y, s->w)};
    if (!isnan(g->aicc) && (isnan(m->grid[s->best].aicc) || g->aicc < m->grid[s->best].aicc))
        s->best = m->ngrid - 1;
}

/* Grid index range of the bases within `reach` of `at` (the whole grid for
 * an unsearched side, which gives the single index 0). */
static void span(const lf_temperature_spec *t, int searched, double at, double reach,
                 size_t *lo, size_t *hi)
{
    size_t np = grid_points(t);
    *lo = 0;
    *hi = searched ? np - 1 : 0;
    if (!searched || isnan(reach))
        return;
    double a = ceil((at - reach - t->grid_from) / t->grid_step - 1e-9);
    double b = floor((at + reach - t->grid_from) / t->grid_step + 1e-9);
    *lo = a > 0 ? (size_t)a : 0;
    *hi = b < (double)(np - 1) ? (size_t)b : np - 1;
}

/* Every pair on the grid with both bases within reach of the best so far
 * (reach NaN: everywhere), every `stride` grid steps. */
static void sweep(search *s, double reach, size_t stride)
{
    const lf_temperature_spec *t = &s->m->spec.features.temperature;
    const lf_grid_try *b = s->m->ngrid ? &s->m->grid[s->best] : NULL;
    size_t h0, h1, c0, c1;
    span(t, t->auto_hdd, b ? b->hdd : NAN, reach, &h0, &h1);
    span(t, t->auto_cdd, b ? b->cdd : NAN, reach, &c0, &c1);
    for (size_t a = h0; a <= h1; a += (t->auto_hdd ? stride : 1))
        for (size_t c = c0; c <= c1; c += (t->auto_cdd ? stride : 1))
            try_pair(s, t->auto_hdd ? t->grid_from + (double)a * t->grid_step : NAN,
                     t->auto_cdd ? t->grid_from + (double)c * t->grid_step : NAN);
}

/* Try the bases on the grid (every pair, or coarse then fine around the
 * best); resolve the spec to the best. */
static int grid_search(lf_model *m, const lf_frame *frame, const lf_calendar *cal,
                       const double *y, const double *w, lf_error *err)
{
    lf_temperature_spec *t = &m->spec.features.temperature;
    size_t np = grid_points(t), nh = t->auto_hdd ? np : 1, nc = t->auto_cdd ? np : 1;
    search s = {m, frame, cal, y, w, 0, nh * nc};
    m->grid = malloc(s.cap * sizeof *m->grid);
    if (!m->grid)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the degree-day grid");
    double stride = t->grid_coarse > t->grid_step ? floor(t->grid_coarse / t->grid_step + 1e-9)
                                                  : 1;
    sweep(&s, NAN, (size_t)stride);
    if (stride > 1 && m->ngrid && !isnan(m->grid[s.best].aicc))
        sweep(&s, stride * t->grid_step, 1);
    if (m->ngrid == 0 || isnan(m->grid[s.best].aicc))
        return lf_error_set(err, LF_ERR_DATA, "degree-day grid search: no base on %g..%g "
                            "gave a usable fit", t->grid_from, t->grid_to);
    if (t->auto_hdd)
        t->hdd[0] = m->grid[s.best].hdd, t->nhdd = 1;
    if (t->auto_cdd)
        t->cdd[0] = m->grid[s.best].cdd, t->ncdd = 1;
    t->auto_hdd = t->auto_cdd = 0;
    return LF_OK;
}

/* Info and parameters once the regression (and its AR errors) are fitted. */
static void describe(lf_model *m)
{
    const lf_fit_stats *s = &m->fit->stats;
    double k = (double)s->nobs - s->df_resid; /* coefficients; effective for ridge */
    if (m->ar.p == 0) {
        snprintf(m->info.name, sizeof m->info.name, "regression");
        m->info.nobs = s->nobs;
        m->info.nparams = k + 1;
        m->info.sigma = s->sigma;
        m->info.loglik = s->loglik;
        return;
    }
    snprintf(m->info.name, sizeof m->info.name, "regression+AR(%d)", m->ar.p);
    m->info.nobs = m->ar.nobs;
    m->info.nparams = k + m->ar.p + 1;
    m->info.sigma = sqrt(m->ar.sigma2);
    m->info.loglik = m->ar.loglik;
    for (int i = 0; i < m->ar.p; i++) {
        char name[16];
        snprintf(name, sizeof name, "ar%d", i + 1);
        lf_model_add_param(m, name, m->ar.phi[i]);
    }
    lf_model_add_param(m, "sigma_a", sqrt(m->ar.sigma2));
}

int lf_model_fit_regression(lf_model *m, const lf_frame *frame, const lf_calendar *cal,
                            lf_error *err)
{
    size_t n = (size_t)(m->last - m->first + 1);
    double *y = malloc(n * sizeof *y), *w = malloc(n * sizeof *w);
    int rc = y && w ? LF_OK : lf_error_set(err, LF_ERR_NOMEM, "out of memory for the target");
    if (rc == LF_OK)
        rc = target_and_weights(&m->spec, frame, m->first, n, y, w, err);
    const lf_temperature_spec *t = &m->spec.features.temperature;
    if (rc == LF_OK && (t->auto_hdd || t->auto_cdd))
        rc = grid_search(m, frame, cal, y, w, err);
    lf_design *d = NULL;
    if (rc == LF_OK)
        rc = design_for(&m->spec.features, frame, cal, m->first, m->last, &m->features, &d,
                        err);
    if (rc == LF_OK)
        rc = lf_regress_fit(d, y, w, &m->spec.fit, &m->fit, err);
    if (rc == LF_OK && m->spec.ar_order != 0)
        rc = lf_ar_fit(m->fit->residuals, n, m->spec.ar_order, m->spec.ar_max, &m->ar, err);
    if (rc == LF_OK)
        describe(m);
    lf_design_free(d);
    free(y);
    free(w);
    return rc;
}

/* ---- forecasts ------------------------------------------------------------------ */

/* Regression predictions for days from..last (from <= first, so the days
 * before first give the recent residuals). */
static int regression_rows(const lf_model *m, const lf_frame *frame, const lf_calendar *cal,
                           lf_date from, lf_date last, double level, lf_prediction **out,
                           lf_error *err)
{
    lf_design *d;
    int rc = lf_features_design(m->features, frame, cal, from, last, &d, err);
    if (rc == LF_OK) {
        rc = lf_regress_predict(m->fit, d, level, out, err);
        lf_design_free(d);
    }
    return rc;
}

/* First day of the regression rows a forecast from `first` needs: the p
 * days before it give the recent residuals (as far as the frame reaches). */
static lf_date rows_from(const lf_model *m, const lf_frame *frame, lf_date first)
{
    return first - m->ar.p < frame->start ? frame->start : first - m->ar.p;
}

/* Residuals (actual - regression) of the p days before first, oldest first;
 * NaN where the actual or the prediction is missing.  reg starts at rows_from. */
static void recent_residuals(const lf_model *m, const lf_frame *frame,
                             const lf_prediction *reg, lf_date first, double *recent)
{
    const double *y = lf_frame_column(frame, m->spec.target);
    for (int k = 0; k < m->ar.p; k++) {
        lf_date d = first - m->ar.p + k;
        long r = lf_frame_row(frame, d), i = (long)(d - reg->first);
        recent[k] = r >= 0 && i >= 0 ? y[r] - reg->mean[i] : NAN;
    }
}

/* Copy rows of src starting at offset into a new prediction of h rows. */
static lf_prediction *tail_of(const lf_prediction *src, size_t offset, size_t h, lf_error *err)
{
    lf_prediction *p = lf_prediction_new(h, src->first + (lf_date)offset, src->level, err);
    if (!p)
        return NULL;
    memcpy(p->mean, src->mean + offset, h * sizeof(double));
    memcpy(p->se_fit, src->se_fit + offset, h * sizeof(double));
    memcpy(p->lower, src->lower + offset, h * sizeof(double));
    memcpy(p->upper, src->upper + offset, h * sizeof(double));
    memcpy(p->flags, src->flags + offset, h * sizeof(unsigned));
    memcpy(p->contrib, src->contrib + offset * LF_DRIVER_COUNT,
           h * LF_DRIVER_COUNT * sizeof(double));
    return p;
}

/* Add the AR errors' forecasts: mean, "recent" share, normal intervals. */
static void add_ar(lf_prediction *p, const double *emean, const double *evar, double level)
{
    double z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
    for (size_t i = 0; i < p->nrows; i++) {
        if (isnan(p->mean[i]))
            continue;
        p->mean[i] += emean[i];
        p->contrib[i * LF_DRIVER_COUNT + LF_DRIVER_RECENT] = emean[i];
        double half = z * sqrt(p->se_fit[i] * p->se_fit[i] + evar[i]);
        p->lower[i] = p->mean[i] - half;
        p->upper[i] = p->mean[i] + half;
    }
}

int lf_model_predict_regression(const lf_model *m, const lf_frame *frame,
                                const lf_calendar *cal, lf_date first, lf_date last,
                                double level, lf_prediction **out, lf_error *err)
{
    if (m->ar.p == 0)
        return regression_rows(m, frame, cal, first, last, level, out, err);
    lf_date from = rows_from(m, frame, first);
    lf_prediction *reg = NULL;
    size_t h = (size_t)(last - first + 1);
    double *emean = malloc(h * sizeof *emean), *evar = malloc(h * sizeof *evar);
    int rc = emean && evar ? LF_OK : lf_error_set(err, LF_ERR_NOMEM, "out of memory for "
                                                  "AR forecasts");
    if (rc == LF_OK)
        rc = regression_rows(m, frame, cal, from, last, level, &reg, err);
    if (rc == LF_OK) {
        double recent[LF_AR_MAX];
        recent_residuals(m, frame, reg, first, recent);
        lf_ar_forecast(&m->ar, recent, h, emean, evar);
        *out = tail_of(reg, (size_t)(first - from), h, err);
        rc = *out ? LF_OK : LF_ERR_NOMEM;
    }
    if (rc == LF_OK)
        add_ar(*out, emean, evar, level);
    lf_prediction_free(reg);
    free(emean);
    free(evar);
    return rc;
}

/* ---- simulation ----------------------------------------------------------------- */

int lf_model_simulate_regression(const lf_model *m, const lf_frame *frame,
                                 const lf_calendar *cal, lf_date first, lf_date last,
                                 size_t npaths, gsl_rng *rng, double *paths, lf_error *err)
{
    size_t h = (size_t)(last - first + 1);
    lf_date from = rows_from(m, frame, first);
    lf_prediction *reg = NULL;
    int rc = regression_rows(m, frame, cal, from, last, 0.95, &reg, err);
    if (rc != LF_OK)
        return rc;
    size_t off = (size_t)(first - from);
    int p = m->ar.p;
    double sigma = p ? sqrt(m->ar.sigma2) : m->fit->stats.sigma;
    double recent[LF_AR_MAX];
    recent_residuals(m, frame, reg, first, recent);
    for (size_t k = 0; k < npaths; k++) {
        double e[LF_AR_MAX] = {0}; /* e[0] the latest error; a missing one counts 0 */
        for (int j = 0; j < p; j++)
            e[j] = isnan(recent[p - 1 - j]) ? 0 : recent[p - 1 - j];
        for (size_t t = 0; t < h; t++) {
            double next = gsl_ran_gaussian(rng, sigma);
            for (int j = 0; j < p; j++)
                next += m->ar.phi[j] * e[j];
            for (int j = p - 1; j > 0; j--)
                e[j] = e[j - 1];
            if (p)
                e[0] = next;
            paths[k * h + t] = reg->mean[off + t] + next;
        }
    }
    lf_prediction_free(reg);
    return LF_OK;
}
