/* ets_forecast.c - forecasts from a fitted ETS model: the mean recursion,
 * exact intervals for the linear models, simulated future paths, and
 * simulated intervals for a multiplicative season (see ets.h). */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ets_internal.h"

static int nomem(lf_error *err)
{
    return lf_error_set(err, LF_ERR_NOMEM, "ETS: out of memory forecasting");
}

static int check_fit(const lf_ets *fit, size_t h, lf_error *err)
{
    if (!fit || !fit->priv_ || lf_ets_spec_check(&fit->spec, NULL) != LF_OK)
        return lf_error_set(err, LF_ERR_ARG, "ETS: no fitted model");
    if (h == 0)
        return lf_error_set(err, LF_ERR_ARG, "ETS: the horizon must be at least 1 step");
    return LF_OK;
}

/* Damping multiplier of b_n in the h-step forecast: 0, h, or phi + ... + phi^h. */
static double trend_factor(const lf_ets *fit, size_t h, double prev)
{
    switch (fit->spec.trend) {
    case LF_ETS_TREND_NONE:
        return 0;
    case LF_ETS_TREND_ADDITIVE:
        return (double)h;
    default:
        return prev + pow(fit->phi, (double)h);
    }
}

static void point_forecasts(const lf_ets *fit, size_t h, double *mean)
{
    const struct lf_ets_private *st = fit->priv_;
    size_t m = lf_ets_period(&fit->spec);
    double damp = 0;
    for (size_t k = 1; k <= h; k++) {
        damp = trend_factor(fit, k, damp);
        double lt = st->level + damp * st->trend, s = st->season[(k - 1) % m];
        switch (fit->spec.season) {
        case LF_ETS_SEASON_NONE:
            mean[k - 1] = lt;
            break;
        case LF_ETS_SEASON_ADDITIVE:
            mean[k - 1] = lt + s;
            break;
        default:
            mean[k - 1] = lt * s;
        }
    }
}

/* Linear models: var_h = sigma^2 (1 + sum_{j<h} c_j^2),
 * c_j = alpha + beta (phi + ... + phi^j) + gamma [j mod m == 0]. */
static void exact_intervals(const lf_ets *fit, size_t h, double z, const double *mean,
                            double *lower, double *upper)
{
    size_t m = lf_ets_period(&fit->spec);
    double sum = 1, damp = 0, s2 = fit->sigma * fit->sigma;
    for (size_t k = 1; k <= h; k++) {
        double half = z * sqrt(s2 * sum);
        if (lower)
            lower[k - 1] = mean[k - 1] - half;
        if (upper)
            upper[k - 1] = mean[k - 1] + half;
        /* c_k enters from horizon k + 1 on */
        damp = trend_factor(fit, k, damp);
        double c = fit->alpha + fit->beta * damp;
        if (fit->spec.season != LF_ETS_SEASON_NONE && k % m == 0)
            c += fit->gamma;
        sum += c * c;
    }
}

/* One path of h steps from the end-of-sample states (ring: m workspace).
 * Returns 0, or -1 when a value became non-finite. */
static int one_path(const lf_ets *fit, gsl_rng *rng, size_t h, double *ring, double *out)
{
    const struct lf_ets_private *st = fit->priv_;
    size_t m = lf_ets_period(&fit->spec);
    double l = st->level, b = st->trend;
    double phi = fit->spec.trend == LF_ETS_TREND_DAMPED ? fit->phi
                                                        : (double)(fit->spec.trend != LF_ETS_TREND_NONE);
    memcpy(ring, st->season, m * sizeof *ring);
    for (size_t k = 0; k < h; k++) {
        double phib = phi * b, lt = l + phib, s = ring[k % m], f;
        double e = gsl_ran_gaussian_ziggurat(rng, fit->sigma);
        if (fit->spec.season == LF_ETS_SEASON_MULTIPLICATIVE) {
            f = lt * s;
            l = lt + fit->alpha * e / s;
            b = phib + fit->beta * e / s;
            ring[k % m] = s + fit->gamma * e / lt;
        } else {
            f = fit->spec.season == LF_ETS_SEASON_ADDITIVE ? lt + s : lt;
            l = lt + fit->alpha * e;
            b = phib + fit->beta * e;
            ring[k % m] = s + fit->gamma * e;
        }
        out[k] = f + e;
        if (!isfinite(out[k]))
            return -1;
    }
    return 0;
}

int lf_ets_simulate(const lf_ets *fit, size_t h, size_t npaths, unsigned long seed,
                    double *paths, lf_error *err)
{
    int rc = check_fit(fit, h, err);
    if (rc != LF_OK)
        return rc;
    if (npaths == 0)
        return lf_error_set(err, LF_ERR_ARG, "ETS: at least one path is needed");
    if (!paths)
        return lf_error_set(err, LF_ERR_ARG, "ETS: no place for the paths");
    if (npaths > SIZE_MAX / sizeof(double) / h)
        return lf_error_set(err, LF_ERR_ARG, "ETS: %zu paths of %zu steps is too many", npaths,
                            h);
    double *ring = malloc(lf_ets_period(&fit->spec) * sizeof *ring);
    if (!ring)
        return nomem(err);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937); /* out of memory here reaches GSL's handler */
    if (!rng) {
        free(ring);
        return nomem(err);
    }
    gsl_rng_set(rng, seed);
    for (size_t p = 0; p < npaths && rc == LF_OK; p++)
        if (one_path(fit, rng, h, ring, paths + p * h) != 0)
            rc = lf_error_set(err, LF_ERR_DATA, "ETS: simulated path %zu became non-finite: "
                              "the model is unstable over %zu steps", p, h);
    gsl_rng_free(rng);
    free(ring);
    return rc;
}

/* M season: quantiles of LF_ETS_SIM_PATHS simulated paths per horizon. */
static int simulated_intervals(const lf_ets *fit, size_t h, double level, double *lower,
                               double *upper, lf_error *err)
{
    size_t np = LF_ETS_SIM_PATHS;
    if (h > SIZE_MAX / sizeof(double) / (np + 1))
        return lf_error_set(err, LF_ERR_ARG, "ETS: horizon %zu is too long", h);
    double *paths = malloc(np * h * sizeof *paths), *col = malloc(np * sizeof *col);
    int rc = paths && col ? lf_ets_simulate(fit, h, np, LF_ETS_SIM_SEED, paths, err)
                          : nomem(err);
    for (size_t k = 0; rc == LF_OK && k < h; k++) {
        for (size_t p = 0; p < np; p++)
            col[p] = paths[p * h + k];
        gsl_sort(col, 1, np);
        if (lower)
            lower[k] = gsl_stats_quantile_from_sorted_data(col, 1, np, (1 - level) / 2);
        if (upper)
            upper[k] = gsl_stats_quantile_from_sorted_data(col, 1, np, (1 + level) / 2);
    }
    free(paths);
    free(col);
    return rc;
}

int lf_ets_forecast(const lf_ets *fit, size_t h, double level, double *mean, double *lower,
                    double *upper, lf_error *err)
{
    int rc = check_fit(fit, h, err);
    if (rc != LF_OK)
        return rc;
    if (!(level > 0 && level < 1))
        return lf_error_set(err, LF_ERR_ARG, "ETS: interval level must be in (0, 1), got %g",
                            level);
    if (!mean)
        return lf_error_set(err, LF_ERR_ARG, "ETS: no place for the forecasts");
    point_forecasts(fit, h, mean);
    if (!lower && !upper)
        return LF_OK;
    if (fit->spec.season == LF_ETS_SEASON_MULTIPLICATIVE)
        return simulated_intervals(fit, h, level, lower, upper, err);
    exact_intervals(fit, h, gsl_cdf_ugaussian_Pinv(0.5 + level / 2), mean, lower, upper);
    return LF_OK;
}
