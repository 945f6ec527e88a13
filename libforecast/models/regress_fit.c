/* regress_fit.c - from a solved least-squares problem to what callers read:
 * covariance, standard errors, t and p values, R^2, information criteria,
 * fitted values.  Definitions follow statsmodels (see regress.h). */
#include <gsl/gsl_cdf.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regress_internal.h"
#include "likelihood.h"

static int nomem(lf_error *err)
{
    return lf_error_set(err, LF_ERR_NOMEM, "out of memory summarising a regression");
}

/* R^-1 of the k x k upper triangle of the factor, column-major. */
static int r_inverse(const lf_lsq *q, double *rinv, lf_error *err)
{
    size_t k = q->k;
    memset(rinv, 0, k * k * sizeof *rinv);
    for (size_t c = 0; c < k; c++)
        for (size_t r = 0; r <= c; r++)
            rinv[c * k + r] = q->qr[c * q->qr_rows + r];
    lapack_int info = LAPACKE_dtrtri(LAPACK_COL_MAJOR, 'U', 'N', (lapack_int)k, rinv,
                                     (lapack_int)k);
    if (info != 0)
        return lf_error_set(err, LF_ERR_DATA, "the design is singular (LAPACK dtrtri info "
                            "%d)", (int)info);
    return LF_OK;
}

/* out = A B' for k x k column-major A, B. */
static void times_transpose(const double *a, const double *b, size_t k, double *out)
{
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            double s = 0;
            for (size_t l = 0; l < k; l++)
                s += a[l * k + i] * b[l * k + j];
            out[j * k + i] = s;
        }
}

/* Ridge: Q1 = X R^-1 (the data part of the augmented Q), S = Q1'Q1,
 * covariance R^-1 S R^-T, k_eff = trace(S). */
static int ridge_sandwich(lf_lsq *q, const double *rinv, double *cov, lf_error *err)
{
    size_t m = q->m, k = q->k;
    double *q1 = calloc(m * k, sizeof *q1), *s = calloc(k * k, sizeof *s),
           *rs = malloc(k * k * sizeof *rs);
    if (!q1 || !s || !rs) {
        free(q1), free(s), free(rs);
        return nomem(err);
    }
    for (size_t c = 0; c < k; c++)
        for (size_t l = 0; l <= c; l++) {
            const double *x = q->xw + q->kept[l] * m;
            double f = rinv[c * k + l];
            for (size_t r = 0; r < m; r++)
                q1[c * m + r] += x[r] * f;
        }
    q->k_eff = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            double sum = 0;
            for (size_t r = 0; r < m; r++)
                sum += q1[i * m + r] * q1[j * m + r];
            s[j * k + i] = sum;
        }
    for (size_t i = 0; i < k; i++)
        q->k_eff += s[i * k + i];
    /* rs = R^-1 S, then cov = rs R^-T */
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            double sum = 0;
            for (size_t l = i; l < k; l++)
                sum += rinv[l * k + i] * s[j * k + l];
            rs[j * k + i] = sum;
        }
    times_transpose(rs, rinv, k, cov);
    free(q1), free(s), free(rs);
    return LF_OK;
}

int lf_lsq_unscaled_cov(lf_lsq *q, double *cov, lf_error *err)
{
    double *rinv = malloc(q->k * q->k * sizeof *rinv);
    if (!rinv)
        return nomem(err);
    int rc = r_inverse(q, rinv, err);
    if (rc == LF_OK && q->opt.method == LF_FIT_RIDGE)
        rc = ridge_sandwich(q, rinv, cov, err);
    else if (rc == LF_OK)
        times_transpose(rinv, rinv, q->k, cov);
    free(rinv);
    return rc;
}

void lf_lsq_criteria(const lf_lsq *q, double *loglik, double *aic, double *aicc, double *bic)
{
    double n = (double)q->m, k = q->k_eff;
    double ll = lf_gaussian_loglik(q->ssr, n);
    if (q->opt.method == LF_FIT_WLS)
        for (size_t r = 0; r < q->m; r++)
            ll += 0.5 * log(q->w[q->rows[r]]);
    *loglik = ll;
    lf_criteria(ll, n, k, aic, aicc, bic);
}

/* 2-norm condition number of the kept columns scaled to unit length. */
static double condition(const lf_lsq *q)
{
    size_t m = q->m, k = q->k;
    double *a = malloc(m * k * sizeof *a), *s = malloc(k * sizeof *s);
    double cond = NAN;
    if (a && s) {
        for (size_t c = 0; c < k; c++)
            for (size_t r = 0; r < m; r++)
                a[c * m + r] = q->xw[q->kept[c] * m + r] / q->norms[q->kept[c]];
        if (LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'N', (lapack_int)m, (lapack_int)k, a,
                           (lapack_int)m, s, NULL, 1, NULL, 1) == 0)
            cond = s[k - 1] > 0 ? s[0] / s[k - 1] : INFINITY;
    }
    free(a), free(s);
    return cond;
}

static void fill_stats(const lf_lsq *q, int has_const, lf_fit_stats *st)
{
    st->nobs = q->m;
    st->nobs_missing_target = q->missing_target;
    st->nobs_missing_input = q->missing_input;
    st->nparams = q->k;
    st->ndropped = q->p - q->k;
    st->df_model = q->k_eff - has_const;
    st->df_resid = (double)q->m - q->k_eff;
    st->ssr = q->ssr;
    st->tss = q->tss;
    st->sigma = sqrt(q->ssr / st->df_resid);
    st->r2 = 1 - q->ssr / q->tss;
    st->adj_r2 = 1 - ((double)q->m - has_const) / st->df_resid * (1 - st->r2);
    lf_lsq_criteria(q, &st->loglik, &st->aic, &st->aicc, &st->bic);
    st->condition = condition(q);
}

static void fill_coefficients(const lf_lsq *q, lf_regress *fit)
{
    const struct lf_regress_private *pv = fit->priv_;
    for (size_t j = 0, c = 0; j < q->p; j++) {
        lf_coef *co = &fit->coef[j];
        memcpy(co->name, q->design->names[j], sizeof co->name);
        co->driver = q->design->drivers[j];
        co->dropped = q->dropped[j];
        memcpy(co->note, q->notes[j], sizeof co->note);
        if (co->dropped) {
            co->estimate = 0;
            co->std_error = co->t = co->p_value = NAN;
            continue;
        }
        co->estimate = pv->beta[c];
        co->std_error = sqrt(pv->cov[c * pv->k + c]);
        co->t = co->estimate / co->std_error;
        co->p_value = isfinite(co->t) && pv->tquant_df > 0
                          ? 2 * gsl_cdf_tdist_Q(fabs(co->t), pv->tquant_df) : NAN;
        c++;
    }
}

/* Fitted values and residuals for every design row with inputs. */
static void fill_rows(const lf_lsq *q, lf_regress *fit)
{
    const struct lf_regress_private *pv = fit->priv_;
    const lf_design *d = q->design;
    for (size_t i = 0; i < d->nrows; i++) {
        double f = 0;
        for (size_t c = 0; c < pv->k; c++)
            f += lf_design_column(d, pv->kept[c])[i] * pv->beta[c];
        fit->fitted[i] = f;
        fit->residuals[i] = q->y[i] - f;
        fit->weights[i] = 0;
    }
    for (size_t r = 0; r < q->m; r++)
        fit->weights[q->rows[r]] = q->opt.method == LF_FIT_WLS ? q->w[q->rows[r]] : 1;
}

static void column_means(const lf_lsq *q, double *means)
{
    for (size_t j = 0; j < q->p; j++) {
        const double *x = lf_design_column(q->design, j);
        double s = 0;
        for (size_t r = 0; r < q->m; r++)
            s += x[q->rows[r]];
        means[j] = s / (double)q->m;
    }
}

static lf_regress *allocate(size_t p, size_t k, size_t nrows)
{
    lf_regress *fit = calloc(1, sizeof *fit);
    struct lf_regress_private *pv = calloc(1, sizeof *pv);
    if (fit) {
        fit->priv_ = pv;
        fit->coef = calloc(p, sizeof *fit->coef);
        fit->fitted = malloc(nrows * sizeof(double));
        fit->residuals = malloc(nrows * sizeof(double));
        fit->weights = malloc(nrows * sizeof(double));
    }
    if (pv) {
        pv->kept = malloc(k * sizeof *pv->kept);
        pv->beta = malloc(k * sizeof *pv->beta);
        pv->cov = malloc(k * k * sizeof *pv->cov);
        pv->means = malloc(p * sizeof *pv->means);
    }
    if (!fit || !pv || !fit->coef || !fit->fitted || !fit->residuals || !fit->weights ||
        !pv->kept || !pv->beta || !pv->cov || !pv->means) {
        if (fit)
            lf_regress_free(fit);
        else
            free(pv);
        return NULL;
    }
    return fit;
}

int lf_lsq_summarise(lf_lsq *q, lf_regress **out, lf_error *err)
{
    lf_regress *fit = allocate(q->p, q->k, q->design->nrows);
    if (!fit)
        return nomem(err);
    struct lf_regress_private *pv = fit->priv_;
    int rc = lf_lsq_unscaled_cov(q, pv->cov, err); /* sets k_eff for ridge */
    if (rc != LF_OK) {
        lf_regress_free(fit);
        return rc;
    }
    pv->k = q->k;
    pv->has_const = lf_lsq_has_const(q);
    memcpy(pv->kept, q->kept, q->k * sizeof *pv->kept);
    memcpy(pv->beta, q->beta, q->k * sizeof *pv->beta);
    fill_stats(q, pv->has_const, &fit->stats);
    pv->tquant_df = fit->stats.df_resid;
    double s2 = fit->stats.sigma * fit->stats.sigma;
    for (size_t i = 0; i < q->k * q->k; i++)
        pv->cov[i] *= s2; /* symmetric: row- and column-major agree */
    column_means(q, pv->means);
    fit->method = q->opt.method;
    fit->ridge_lambda = q->opt.method == LF_FIT_RIDGE ? q->opt.ridge_lambda : 0;
    fit->ncoef = q->p;
    fit->nrows = q->design->nrows;
    fit->first = q->design->first;
    fill_coefficients(q, fit);
    fill_rows(q, fit);
    *out = fit;
    return LF_OK;
}

int lf_regress_fit(const lf_design *design, const double *y, const double *w,
                   const lf_regress_options *opt, lf_regress **out, lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_regress_fit needs out");
    *out = NULL;
    lf_lsq q;
    int rc = lf_lsq_solve(&q, design, y, w, opt, err);
    if (rc == LF_OK)
        rc = lf_lsq_summarise(&q, out, err);
    lf_lsq_free(&q);
    return rc;
}

int lf_regress_aicc(const lf_design *design, const double *y, const double *w,
                    const lf_regress_options *opt, double *aicc, lf_error *err)
{
    lf_lsq q;
    int rc = lf_lsq_solve(&q, design, y, w, opt, err);
    double *cov = NULL;
    if (rc == LF_OK && q.opt.method == LF_FIT_RIDGE) { /* k_eff needs the covariance */
        cov = malloc(q.k * q.k * sizeof *cov);
        rc = cov ? lf_lsq_unscaled_cov(&q, cov, err) : nomem(err);
    }
    if (rc == LF_OK) {
        double ll, aic, bic;
        lf_lsq_criteria(&q, &ll, &aic, aicc, &bic);
    }
    free(cov);
    lf_lsq_free(&q);
    return rc;
}

void lf_regress_free(lf_regress *fit)
{
    if (!fit)
        return;
    if (fit->priv_) {
        free(fit->priv_->kept);
        free(fit->priv_->beta);
        free(fit->priv_->cov);
        free(fit->priv_->means);
        free(fit->priv_);
    }
    free(fit->coef);
    free(fit->fitted);
    free(fit->residuals);
    free(fit->weights);
    free(fit);
}

const double *lf_regress_covariance(const lf_regress *fit)
{
    return fit ? fit->priv_->cov : NULL;
}
