/* regress_predict.c - predictions from a fitted regression: the mean, its
 * standard error, t-based prediction intervals and the per-driver
 * decomposition around the average training day (see regress.h). */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "regress_internal.h"

void lf_prediction_free(lf_prediction *pred)
{
    if (!pred)
        return;
    free(pred->mean);
    free(pred->lower);
    free(pred->upper);
    free(pred->se_fit);
    free(pred->contrib);
    free(pred->flags);
    free(pred);
}

lf_prediction *lf_prediction_new(size_t n, lf_date first, double level, lf_error *err)
{
    lf_prediction *p = calloc(1, sizeof *p);
    if (p) {
        p->mean = malloc(n * sizeof(double));
        p->lower = malloc(n * sizeof(double));
        p->upper = malloc(n * sizeof(double));
        p->se_fit = malloc(n * sizeof(double));
        p->contrib = calloc(n * LF_DRIVER_COUNT, sizeof(double));
        p->flags = calloc(n, sizeof(unsigned));
    }
    if (!p || !p->mean || !p->lower || !p->upper || !p->se_fit || !p->contrib || !p->flags) {
        lf_prediction_free(p);
        lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu predictions", n);
        return NULL;
    }
    p->nrows = n;
    p->first = first;
    p->level = level;
    return p;
}

static int same_columns(const lf_regress *fit, const lf_design *d, lf_error *err)
{
    if (d->ncols != fit->ncoef)
        return lf_error_set(err, LF_ERR_ARG, "the prediction design has %zu columns, the "
                            "model %zu", d->ncols, fit->ncoef);
    for (size_t j = 0; j < d->ncols; j++)
        if (strcmp(d->names[j], fit->coef[j].name) != 0)
            return lf_error_set(err, LF_ERR_ARG, "prediction design column %zu is '%s', "
                                "the model's is '%s'", j + 1, d->names[j], fit->coef[j].name);
    for (size_t i = 0; i < d->nrows; i++)
        for (size_t j = 0; j < d->ncols; j++)
            if (isinf(lf_design_column(d, j)[i])) {
                char day[LF_DATE_STRLEN];
                lf_date_format(d->first + (lf_date)i, day);
                return lf_error_set(err, LF_ERR_DATA, "column '%s' is infinite on %s",
                                    d->names[j], day);
            }
    return LF_OK;
}

/* x' Cov x over the kept columns of row i. */
static double quad_form(const struct lf_regress_private *pv, const lf_design *d, size_t i)
{
    double s = 0;
    for (size_t a = 0; a < pv->k; a++) {
        double xa = lf_design_column(d, pv->kept[a])[i], row = 0;
        for (size_t b = 0; b < pv->k; b++)
            row += pv->cov[a * pv->k + b] * lf_design_column(d, pv->kept[b])[i];
        s += xa * row;
    }
    return s;
}

static void predict_row(const lf_regress *fit, const lf_design *d, size_t i, double tq,
                        lf_prediction *p)
{
    const struct lf_regress_private *pv = fit->priv_;
    double *contrib = p->contrib + i * LF_DRIVER_COUNT;
    for (int g = 0; g < LF_DRIVER_COUNT; g++)
        contrib[g] = 0;
    double mean = 0;
    for (size_t c = 0; c < pv->k; c++) {
        size_t j = pv->kept[c];
        double x = lf_design_column(d, j)[i], b = pv->beta[c];
        mean += b * x;
        contrib[LF_DRIVER_BASE] += b * pv->means[j];
        if (d->drivers[j] != LF_DRIVER_BASE)
            contrib[d->drivers[j]] += b * (x - pv->means[j]);
    }
    p->flags[i] = d->flags[i];
    if (isnan(mean)) {
        p->flags[i] |= LF_FLAG_MISSING_INPUT;
        p->mean[i] = p->lower[i] = p->upper[i] = p->se_fit[i] = NAN;
        for (int g = 0; g < LF_DRIVER_COUNT; g++)
            contrib[g] = NAN;
        return;
    }
    double s2 = fit->stats.sigma * fit->stats.sigma;
    double var_mean = quad_form(pv, d, i);
    double half = tq * sqrt(s2 + var_mean);
    p->mean[i] = mean;
    p->se_fit[i] = sqrt(var_mean);
    p->lower[i] = mean - half;
    p->upper[i] = mean + half;
}

int lf_regress_predict(const lf_regress *fit, const lf_design *design, double level,
                       lf_prediction **out, lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_regress_predict needs out");
    *out = NULL;
    if (!fit || !design)
        return lf_error_set(err, LF_ERR_ARG, "lf_regress_predict needs a fit and a design");
    if (!(level > 0 && level < 1))
        return lf_error_set(err, LF_ERR_ARG, "interval level must be between 0 and 1 "
                            "(e.g. 0.95), got %g", level);
    int rc = same_columns(fit, design, err);
    if (rc != LF_OK)
        return rc;
    lf_prediction *p = lf_prediction_new(design->nrows, design->first, level, err);
    if (!p)
        return LF_ERR_NOMEM;
    double df = fit->priv_->tquant_df;
    /* df > 0 always holds for a fit (at least one more row than coefficients);
     * checked anyway so GSL's error handler can never be reached. */
    double tq = df > 0 ? gsl_cdf_tdist_Pinv(0.5 + level / 2, df) : NAN;
    for (size_t i = 0; i < design->nrows; i++)
        predict_row(fit, design, i, tq, p);
    *out = p;
    return LF_OK;
}
