/* ets_recursion.c - the ETS recursions (one-step forecasts, errors, state
 * updates), the concentrated likelihood, and model objects at given
 * parameters (lf_ets_smooth, lf_ets_loglik).  Equations: top of ets.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ets_internal.h"
#include "likelihood.h"

static int nomem(lf_error *err)
{
    return lf_error_set(err, LF_ERR_NOMEM, "ETS: out of memory");
}

size_t lf_ets_recursion(const lf_ets_spec *spec, const lf_ets_par *par, const double *y,
                        size_t n, double *ring, double *fitted, double *sse, double *level,
                        double *trend)
{
    size_t m = lf_ets_period(spec);
    lf_ets_season season = spec->season;
    double l = par->level0, b = par->trend0, sum = 0;
    if (season != LF_ETS_SEASON_NONE)
        memcpy(ring, par->season0, m * sizeof *ring);
    for (size_t t = 0, j = 0; t < n; t++, j = j + 1 == m ? 0 : j + 1) {
        double phib = par->phi * b, lt = l + phib, f, e;
        if (season == LF_ETS_SEASON_NONE) {
            f = lt;
            e = y[t] - f;
            l = lt + par->alpha * e;
            b = phib + par->beta * e;
        } else if (season == LF_ETS_SEASON_ADDITIVE) {
            double s = ring[j];
            f = lt + s;
            e = y[t] - f;
            l = lt + par->alpha * e;
            b = phib + par->beta * e;
            ring[j] = s + par->gamma * e;
        } else {
            double s = ring[j];
            f = lt * s;
            e = y[t] - f;
            l = lt + par->alpha * e / s;
            b = phib + par->beta * e / s;
            ring[j] = s + par->gamma * e / lt; /* L_t, not the new level (as R) */
        }
        if (fitted)
            fitted[t] = f;
        sum += e * e;
        if (!isfinite(sum)) /* a NaN or infinity anywhere reaches the sum */
            return t + 1;
    }
    if (!isfinite(l) || !isfinite(b))
        return n;
    if (season != LF_ETS_SEASON_NONE)
        for (size_t k = 0; k < m; k++)
            if (!isfinite(ring[k]))
                return n;
    *sse = sum;
    *level = l;
    *trend = b;
    return 0;
}

static int check_params(const lf_ets_spec *spec, const double *params, lf_error *err)
{
    if (!params)
        return lf_error_set(err, LF_ERR_ARG, "ETS: no parameters");
    size_t np = lf_ets_param_length(spec);
    for (size_t i = 0; i < np; i++)
        if (!isfinite(params[i]))
            return lf_error_set(err, LF_ERR_ARG, "ETS: parameter %zu is not finite", i);
    return LF_OK;
}

static int diverged(lf_error *err, size_t step, size_t n)
{
    if (step == n)
        return lf_error_set(err, LF_ERR_DATA, "ETS: the states became non-finite at the end "
                            "of the sample: the parameters are unusable");
    return lf_error_set(err, LF_ERR_DATA, "ETS: the recursion produced a non-finite value at "
                        "y[%zu]: the parameters are unusable", step - 1);
}

/* Residuals at rounding level (RMS <= 1e-12 of the largest |y|): the
 * likelihood grows without bound there, so no estimate means anything. */
static int is_exact(double sse, const double *y, size_t n)
{
    double ymax = 0;
    for (size_t t = 0; t < n; t++)
        ymax = fabs(y[t]) > ymax ? fabs(y[t]) : ymax;
    return !(sqrt(sse / (double)n) > 1e-12 * ymax);
}

static int exact_fit(lf_error *err)
{
    return lf_error_set(err, LF_ERR_DATA, "ETS: the model reproduces the series exactly "
                        "(residuals at rounding level): the likelihood is unbounded");
}

int lf_ets_loglik(const lf_ets_spec *spec, const double *params, const double *y, size_t n,
                  double *loglik, lf_error *err)
{
    int rc = lf_ets_spec_check(spec, err);
    if (rc == LF_OK)
        rc = check_params(spec, params, err);
    if (rc == LF_OK && !loglik)
        rc = lf_error_set(err, LF_ERR_ARG, "ETS: no place for the log-likelihood");
    if (rc == LF_OK && n == 0)
        rc = lf_error_set(err, LF_ERR_DATA, "ETS: empty series");
    if (rc == LF_OK)
        rc = lf_ets_check_data(spec, y, n, err);
    if (rc != LF_OK)
        return rc;
    double *ring = malloc(lf_ets_period(spec) * sizeof *ring);
    if (!ring)
        return nomem(err);
    lf_ets_par par;
    lf_ets_par_unpack(spec, params, &par);
    double sse = 0, l, b;
    size_t bad = lf_ets_recursion(spec, &par, y, n, ring, NULL, &sse, &l, &b);
    free(ring);
    if (bad)
        return diverged(err, bad, n);
    if (is_exact(sse, y, n))
        return exact_fit(err);
    *loglik = lf_gaussian_loglik(sse, (double)n);
    return LF_OK;
}

void lf_ets_free(lf_ets *fit)
{
    if (!fit)
        return;
    if (fit->priv_)
        free(fit->priv_->season);
    free(fit->priv_);
    free(fit->season0);
    free(fit->fitted);
    free(fit->residuals);
    free(fit);
}

static lf_ets *alloc_fit(const lf_ets_spec *spec, size_t n)
{
    size_t m = lf_ets_period(spec);
    lf_ets *fit = calloc(1, sizeof *fit);
    if (!fit)
        return NULL;
    fit->priv_ = calloc(1, sizeof *fit->priv_);
    fit->fitted = malloc(n * sizeof *fit->fitted);
    fit->residuals = malloc(n * sizeof *fit->residuals);
    if (fit->priv_)
        fit->priv_->season = malloc(m * sizeof *fit->priv_->season);
    if (spec->season != LF_ETS_SEASON_NONE)
        fit->season0 = malloc(m * sizeof *fit->season0);
    if (!fit->priv_ || !fit->priv_->season || !fit->fitted || !fit->residuals ||
        (spec->season != LF_ETS_SEASON_NONE && !fit->season0)) {
        lf_ets_free(fit);
        return NULL;
    }
    return fit;
}

/* Copy the parameters and derive the statistics (see ets.h for the counts). */
static void summarise(lf_ets *fit, const lf_ets_spec *spec, const lf_ets_par *par, size_t n,
                      double sse)
{
    size_t m = lf_ets_period(spec);
    fit->spec = *spec;
    fit->alpha = par->alpha;
    fit->beta = par->beta;
    fit->gamma = par->gamma;
    fit->phi = spec->trend == LF_ETS_TREND_NONE ? 1 : par->phi;
    fit->level0 = par->level0;
    fit->trend0 = par->trend0;
    if (fit->season0)
        memcpy(fit->season0, par->season0, m * sizeof *fit->season0);
    double dn = (double)n, k = (double)lf_ets_nparams(spec);
    fit->nobs = n;
    fit->nparams = (size_t)k;
    fit->sse = sse;
    fit->mse = sse / dn;
    fit->sigma = sqrt(sse / (dn - k + 1));
    fit->loglik = lf_gaussian_loglik(sse, dn);
    lf_criteria(fit->loglik, dn, k, &fit->aic, &fit->aicc, &fit->bic); /* n > k + 2 always */
    fit->converged = 1;
}

/* The final seasonal states in forecast order: ring slot (n + k) mod m. */
static void unroll(double *dst, const double *ring, size_t m, size_t n)
{
    for (size_t k = 0; k < m; k++)
        dst[k] = ring[(n + k) % m];
}

int lf_ets_build(const lf_ets_spec *spec, const lf_ets_par *par, const double *y, size_t n,
                 lf_ets **out, lf_error *err)
{
    size_t m = lf_ets_period(spec);
    lf_ets *fit = alloc_fit(spec, n);
    double *ring = malloc(m * sizeof *ring);
    if (!fit || !ring) {
        lf_ets_free(fit);
        free(ring);
        return nomem(err);
    }
    double sse = 0;
    size_t bad = lf_ets_recursion(spec, par, y, n, ring, fit->fitted, &sse, &fit->priv_->level,
                                  &fit->priv_->trend);
    if (!bad)
        unroll(fit->priv_->season, ring, m, n);
    free(ring);
    if (bad || is_exact(sse, y, n)) {
        lf_ets_free(fit);
        return bad ? diverged(err, bad, n) : exact_fit(err);
    }
    for (size_t t = 0; t < n; t++)
        fit->residuals[t] = y[t] - fit->fitted[t];
    summarise(fit, spec, par, n, sse);
    *out = fit;
    return LF_OK;
}

/* Checks shared by lf_ets_fit and lf_ets_smooth. */
int lf_ets_check_fit_args(const lf_ets_spec *spec, const double *y, size_t n, lf_ets **out,
                          lf_error *err)
{
    if (out)
        *out = NULL;
    int rc = lf_ets_spec_check(spec, err);
    if (rc != LF_OK)
        return rc;
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "ETS: no place for the model");
    size_t need = lf_ets_min_nobs(spec);
    if (n < need && spec->season == LF_ETS_SEASON_NONE)
        return lf_error_set(err, LF_ERR_DATA, "ETS: %s needs at least %zu observations, got "
                            "%zu", lf_ets_name(spec), need, n);
    if (n < need)
        return lf_error_set(err, LF_ERR_DATA, "ETS: %s with period %d needs at least %zu "
                            "observations, got %zu", lf_ets_name(spec), spec->period, need, n);
    return lf_ets_check_data(spec, y, n, err);
}

int lf_ets_smooth(const lf_ets_spec *spec, const double *params, const double *y, size_t n,
                  lf_ets **out, lf_error *err)
{
    int rc = lf_ets_check_fit_args(spec, y, n, out, err);
    if (rc == LF_OK)
        rc = check_params(spec, params, err);
    if (rc != LF_OK)
        return rc;
    lf_ets_par par;
    lf_ets_par_unpack(spec, params, &par);
    return lf_ets_build(spec, &par, y, n, out, err);
}

void lf_ets_params(const lf_ets *fit, double *params)
{
    lf_ets_par par = {fit->alpha, fit->beta, fit->gamma, fit->phi, fit->level0, fit->trend0,
                      fit->season0};
    lf_ets_par_pack(&fit->spec, &par, params);
}
