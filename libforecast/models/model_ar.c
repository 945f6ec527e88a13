/* model_ar.c - AR(p) errors of a regression: order by AICc on a common
 * sample, conditional least squares, a stationarity check, forecasts and
 * their error variances (psi weights). */
#include <gsl/gsl_poly.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "likelihood.h"

/* Row t belongs to the comparison sample of orders up to `start`: e_t and
 * its `start` previous values are all known. */
static int in_sample(const double *e, size_t t, size_t start)
{
    if (t < start || isnan(e[t]))
        return 0;
    for (size_t k = 1; k <= start; k++)
        if (isnan(e[t - k]))
            return 0;
    return 1;
}

/* Design of lags 1..p of e; rows outside the sample of orders up to `start`
 * get a NaN target, so every order is compared on the same rows. */
static int lag_fit(const double *e, size_t n, int p, size_t start, lf_regress **out,
                   lf_error *err)
{
    lf_design *d = lf_design_new(n, (size_t)p, 0, err);
    double *y = malloc(n * sizeof *y);
    int rc = d && y ? LF_OK : lf_error_set(err, LF_ERR_NOMEM, "out of memory fitting AR");
    for (int k = 1; rc == LF_OK && k <= p; k++) {
        char name[16];
        snprintf(name, sizeof name, "ar%d", k);
        rc = lf_design_set_column(d, (size_t)k - 1, name, LF_DRIVER_RECENT, NULL, err);
        double *x = rc == LF_OK ? lf_design_column(d, (size_t)k - 1) : NULL;
        for (size_t t = 0; x && t < n; t++)
            x[t] = t >= (size_t)k ? e[t - (size_t)k] : NAN;
    }
    for (size_t t = 0; y && t < n; t++)
        y[t] = in_sample(e, t, start) ? e[t] : NAN;
    if (rc == LF_OK)
        rc = lf_regress_fit(d, y, NULL, NULL, out, err);
    lf_design_free(d);
    free(y);
    return rc;
}

/* AICc of AR(p) with sigma counted. */
static double aicc_of(double ssr, size_t n, int p)
{
    double aic, aicc, bic;
    lf_criteria(lf_gaussian_loglik(ssr, (double)n), (double)n, p + 1, &aic, &aicc, &bic);
    return aicc;
}

/* All roots of 1 - phi_1 z - .. - phi_p z^p outside the unit circle? */
static int stationary(const double *phi, int p, double *smallest)
{
    double a[LF_AR_MAX + 1], z[2 * LF_AR_MAX];
    a[0] = 1;
    for (int i = 0; i < p; i++)
        a[i + 1] = -phi[i];
    *smallest = INFINITY;
    if (a[p] == 0) /* GSL needs a non-zero leading coefficient */
        return 0;
    gsl_poly_complex_workspace *w = gsl_poly_complex_workspace_alloc((size_t)p + 1);
    if (!w || gsl_poly_complex_solve(a, (size_t)p + 1, w, z) != 0) {
        gsl_poly_complex_workspace_free(w);
        return 0;
    }
    gsl_poly_complex_workspace_free(w);
    for (int i = 0; i < p; i++)
        *smallest = fmin(*smallest, hypot(z[2 * i], z[2 * i + 1]));
    return *smallest > 1 + 1e-6;
}

/* Residual sum of squares of order p on the rows from start (p = 0: e itself). */
static int order_ssr(const double *e, size_t n, int p, size_t start, double *ssr,
                     size_t *nobs, lf_error *err)
{
    if (p == 0) {
        *ssr = 0;
        *nobs = 0;
        for (size_t t = 0; t < n; t++)
            if (in_sample(e, t, start)) {
                *ssr += e[t] * e[t];
                (*nobs)++;
            }
        return LF_OK;
    }
    lf_regress *fit;
    int rc = lag_fit(e, n, p, start, &fit, err);
    if (rc == LF_OK) {
        *ssr = fit->stats.ssr;
        *nobs = fit->stats.nobs;
        lf_regress_free(fit);
    }
    return rc;
}

static int choose_order(const double *e, size_t n, int max, int *order, lf_error *err)
{
    double best = INFINITY;
    *order = 0;
    for (int p = 0; p <= max; p++) {
        double ssr;
        size_t nobs;
        lf_error local;
        if (order_ssr(e, n, p, (size_t)max, &ssr, &nobs, &local) != LF_OK || nobs == 0)
            continue; /* too few rows for this order: not a candidate */
        double a = aicc_of(ssr, nobs, p);
        if (a < best) {
            best = a;
            *order = p;
        }
    }
    if (!isfinite(best))
        return lf_error_set(err, LF_ERR_DATA, "AR errors: too few consecutive residuals to "
                            "choose an order up to %d", max);
    return LF_OK;
}

int lf_ar_fit(const double *e, size_t n, int order, int max_order, lf_ar *out, lf_error *err)
{
    memset(out, 0, sizeof *out);
    int p = order;
    int rc = order < 0 ? choose_order(e, n, max_order, &p, err) : LF_OK;
    if (rc != LF_OK || p == 0)
        return rc;
    lf_regress *fit;
    char inner[LF_ERROR_MESSAGE_MAX] = "";
    lf_error local;
    if (lag_fit(e, n, p, 0, &fit, &local) != LF_OK) {
        snprintf(inner, sizeof inner, "%s", local.message);
        return lf_error_set(err, LF_ERR_DATA, "AR(%d) errors: %s", p, inner);
    }
    for (int i = 0; i < p; i++)
        out->phi[i] = fit->coef[i].estimate;
    out->p = p;
    out->nobs = fit->stats.nobs;
    out->sigma2 = fit->stats.ssr / (double)fit->stats.nobs;
    out->loglik = lf_gaussian_loglik(fit->stats.ssr, (double)fit->stats.nobs);
    lf_regress_free(fit);
    double root;
    if (!stationary(out->phi, p, &root))
        return lf_error_set(err, LF_ERR_DATA, "AR(%d) fitted to the regression residuals is "
                            "not stationary (smallest root %.3f, must exceed 1); its "
                            "forecasts would not revert to the regression: choose a lower "
                            "ar_order or improve the regression", p, root);
    return LF_OK;
}

void lf_ar_forecast(const lf_ar *ar, const double *recent, size_t h, double *mean,
                    double *var)
{
    int p = ar->p;
    double hist[LF_AR_MAX]; /* hist[0] the latest value */
    for (int j = 0; j < p; j++)
        hist[j] = isnan(recent[p - 1 - j]) ? 0 : recent[p - 1 - j];
    double psi[LF_AR_MAX + 1] = {0}; /* the latest psi weights, psi[0] newest */
    double sum_psi2 = 0;
    for (size_t t = 0; t < h; t++) {
        double f = 0;
        for (int j = 0; j < p; j++)
            f += ar->phi[j] * hist[j];
        for (int j = p - 1; j > 0; j--)
            hist[j] = hist[j - 1];
        if (p)
            hist[0] = f;
        mean[t] = f;
        /* psi_t = sum_i phi_i psi_{t-i}; var_t = sigma^2 sum_{j<=t} psi_j^2 */
        double next = 1;
        if (t > 0) {
            next = 0;
            for (int i = 1; i <= p && (size_t)i <= t; i++)
                next += ar->phi[i - 1] * psi[i - 1];
        }
        for (int j = p; j > 0; j--)
            psi[j] = psi[j - 1];
        psi[0] = next;
        sum_psi2 += next * next;
        var[t] = ar->sigma2 * sum_psi2;
    }
}
