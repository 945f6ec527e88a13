/* model.c - a daily regression model on a frame: target, weights,
 * degree-day grid search, fit and prediction (see model.h). */
#include "libforecast/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "features_internal.h"
#include "regress_internal.h"

struct lf_model {
    lf_model_spec spec;      /* degree-day bases resolved */
    lf_features *features;
    lf_regress *fit;
    lf_grid_try *grid;
    size_t ngrid;
};

void lf_model_spec_init(lf_model_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    strcpy(spec->target, "energy_mwh");
    lf_feature_spec_init(&spec->features);
    lf_regress_options_init(&spec->fit);
}

void lf_model_free(lf_model *model)
{
    if (!model)
        return;
    lf_features_free(model->features);
    lf_regress_free(model->fit);
    free(model->grid);
    free(model);
}

/* The target and (for WLS) the weights of days first..last. */
static int target_and_weights(const lf_model_spec *spec, const lf_frame *frame,
                              lf_date first, size_t n, double *y, double *w, lf_error *err)
{
    const double *target = lf_features_column(frame, spec->target, "target", err);
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
static double try_bases(const lf_model_spec *spec, double hdd, double cdd,
                        const lf_frame *frame, const lf_calendar *cal, lf_date first,
                        lf_date last, const double *y, const double *w)
{
    lf_feature_spec fs = spec->features;
    lf_temperature_spec *t = &fs.temperature;
    t->auto_hdd = t->auto_cdd = 0;
    if (!isnan(hdd))
        t->hdd[0] = hdd, t->nhdd = 1;
    if (!isnan(cdd))
        t->cdd[0] = cdd, t->ncdd = 1;
    lf_features *f;
    lf_design *d;
    double aicc = NAN;
    if (design_for(&fs, frame, cal, first, last, &f, &d, NULL) == LF_OK) {
        if (lf_regress_aicc(d, y, w, &spec->fit, &aicc, NULL) != LF_OK)
            aicc = NAN;
        lf_design_free(d);
        lf_features_free(f);
    }
    return aicc;
}

/* Try every base (pair) on the grid; resolve spec to the best. */
static int grid_search(lf_model *m, const lf_frame *frame, const lf_calendar *cal,
                       lf_date first, lf_date last, const double *y, const double *w,
                       lf_error *err)
{
    lf_temperature_spec *t = &m->spec.features.temperature;
    size_t np = grid_points(t), nh = t->auto_hdd ? np : 1, nc = t->auto_cdd ? np : 1;
    m->grid = malloc(nh * nc * sizeof *m->grid);
    if (!m->grid)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the degree-day grid");
    size_t best = 0;
    for (size_t a = 0; a < nh; a++)
        for (size_t b = 0; b < nc; b++) {
            double h = t->auto_hdd ? t->grid_from + (double)a * t->grid_step : NAN;
            double c = t->auto_cdd ? t->grid_from + (double)b * t->grid_step : NAN;
            if (!isnan(h) && !isnan(c) && h > c)
                continue; /* heating above cooling base makes no physical sense */
            lf_grid_try *g = &m->grid[m->ngrid++];
            *g = (lf_grid_try){h, c, try_bases(&m->spec, h, c, frame, cal, first, last, y, w)};
            if (!isnan(g->aicc) && (isnan(m->grid[best].aicc) || g->aicc < m->grid[best].aicc))
                best = m->ngrid - 1;
        }
    if (m->ngrid == 0 || isnan(m->grid[best].aicc))
        return lf_error_set(err, LF_ERR_DATA, "degree-day grid search: no base on %g..%g "
                            "gave a usable fit", t->grid_from, t->grid_to);
    if (t->auto_hdd)
        t->hdd[0] = m->grid[best].hdd, t->nhdd = 1;
    if (t->auto_cdd)
        t->cdd[0] = m->grid[best].cdd, t->ncdd = 1;
    t->auto_hdd = t->auto_cdd = 0;
    return LF_OK;
}

static int fit_model(lf_model *m, const lf_frame *frame, const lf_calendar *cal,
                     lf_date first, lf_date last, lf_error *err)
{
    size_t n = (size_t)(last - first + 1);
    double *y = malloc(n * sizeof *y), *w = malloc(n * sizeof *w);
    int rc = y && w ? LF_OK : lf_error_set(err, LF_ERR_NOMEM, "out of memory for the target");
    if (rc == LF_OK)
        rc = target_and_weights(&m->spec, frame, first, n, y, w, err);
    const lf_temperature_spec *t = &m->spec.features.temperature;
    if (rc == LF_OK && (t->auto_hdd || t->auto_cdd))
        rc = grid_search(m, frame, cal, first, last, y, w, err);
    lf_design *d = NULL;
    if (rc == LF_OK)
        rc = design_for(&m->spec.features, frame, cal, first, last, &m->features, &d, err);
    if (rc == LF_OK)
        rc = lf_regress_fit(d, y, w, &m->spec.fit, &m->fit, err);
    lf_design_free(d);
    free(y);
    free(w);
    return rc;
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
    if (memchr(spec->target, '\0', sizeof spec->target) == NULL || !spec->target[0])
        return lf_error_set(err, LF_ERR_ARG, "the model needs a target column");
    int rc = lf_feature_spec_check(&spec->features, err);
    if (rc == LF_OK && (first > last || first < frame->start || last > lf_frame_end(frame)))
        rc = lf_error_set(err, LF_ERR_RANGE, "the training days must lie inside the data");
    lf_model *m = rc == LF_OK ? calloc(1, sizeof *m) : NULL;
    if (rc == LF_OK && !m)
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory for a model");
    if (rc != LF_OK)
        return rc;
    m->spec = *spec;
    rc = fit_model(m, frame, cal, first, last, err);
    if (rc != LF_OK) {
        lf_model_free(m);
        return rc;
    }
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
    if (!model)
        return lf_error_set(err, LF_ERR_ARG, "lf_model_predict needs a model");
    lf_design *d;
    int rc = lf_features_design(model->features, frame, cal, first, last, &d, err);
    if (rc == LF_OK) {
        rc = lf_regress_predict(model->fit, d, level, out, err);
        lf_design_free(d);
    }
    return rc;
}

const lf_model_spec *lf_model_spec_of(const lf_model *model)
{
    return &model->spec;
}

const lf_regress *lf_model_regress(const lf_model *model)
{
    return model->fit;
}

const lf_features *lf_model_features(const lf_model *model)
{
    return model->features;
}

const lf_grid_try *lf_model_grid(const lf_model *model, size_t *ntries)
{
    *ntries = model->ngrid;
    return model->ngrid ? model->grid : NULL;
}
