/* forecast_spec.c - defaults and checks of a forecast spec, the names of its
 * enums, and the sample quantile every product uses. */
#include "libforecast/forecast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *lf_path_error_name(lf_path_error e)
{
    switch (e) {
    case LF_PATH_ERROR_NONE: return "none";
    case LF_PATH_ERROR_BOOTSTRAP: return "bootstrap";
    case LF_PATH_ERROR_MODEL: return "model";
    }
    return "?";
}

const char *lf_measure_name(lf_measure m)
{
    switch (m) {
    case LF_MEASURE_ENERGY: return "energy_mwh";
    case LF_MEASURE_PEAK: return "peak_mw";
    case LF_MEASURE_LOAD_FACTOR: return "load_factor";
    case LF_MEASURE_COUNT: break;
    }
    return "?";
}

void lf_forecast_spec_init(lf_forecast_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->nquantiles = 3;
    spec->quantiles[0] = 0.1;
    spec->quantiles[1] = 0.5;
    spec->quantiles[2] = 0.9;
    lf_weather_spec_init(&spec->weather);
    spec->error = LF_PATH_ERROR_BOOTSTRAP;
    spec->paths_per_weather = 20;
    spec->block_days = 30;
    spec->origin_min_days = 730;
    spec->origin_step_days = 91;
    spec->seed = 1;
}

static int check_quantiles(const lf_forecast_spec *spec, lf_error *err)
{
    if (spec->nquantiles > LF_QUANTILE_MAX)
        return lf_error_set(err, LF_ERR_ARG, "at most %d quantiles, got %zu",
                            LF_QUANTILE_MAX, spec->nquantiles);
    for (size_t i = 0; i < spec->nquantiles; i++) {
        double q = spec->quantiles[i];
        if (!(q > 0 && q < 1))
            return lf_error_set(err, LF_ERR_ARG, "quantile %g is not inside (0, 1)", q);
        if (i > 0 && !(q > spec->quantiles[i - 1]))
            return lf_error_set(err, LF_ERR_ARG, "quantiles must increase: %g after %g", q,
                                spec->quantiles[i - 1]);
    }
    return LF_OK;
}

static int check_scenarios(const lf_forecast_spec *spec, lf_error *err)
{
    if (spec->nscenarios > LF_SCENARIO_MAX)
        return lf_error_set(err, LF_ERR_ARG, "at most %d economic scenarios, got %zu",
                            LF_SCENARIO_MAX, spec->nscenarios);
    for (size_t s = 0; s < spec->nscenarios; s++) {
        const lf_economy_scenario *sc = &spec->scenarios[s];
        if (!sc->name[0])
            return lf_error_set(err, LF_ERR_ARG, "economic scenario %zu has no name", s + 1);
        for (size_t t = 0; t < s; t++)
            if (strcmp(spec->scenarios[t].name, sc->name) == 0)
                return lf_error_set(err, LF_ERR_ARG, "economic scenario '%s' is given twice",
                                    sc->name);
        if (sc->npaths > LF_ECONOMY_PATHS)
            return lf_error_set(err, LF_ERR_ARG, "scenario '%s': at most %d paths", sc->name,
                                LF_ECONOMY_PATHS);
        for (size_t i = 0; i < sc->npaths; i++) {
            int rc = lf_economy_path_check(&sc->paths[i], err);
            if (rc != LF_OK)
                return lf_error_prefix(err, rc, "economic scenario '%s': ", sc->name);
        }
    }
    return LF_OK;
}

int lf_forecast_spec_check(const lf_forecast_spec *spec, lf_error *err)
{
    if (!spec)
        return lf_error_set(err, LF_ERR_ARG, "no forecast spec");
    if (spec->last < spec->first)
        return lf_error_set(err, LF_ERR_ARG, "the forecast's last day is before its first");
    if (spec->last - spec->first > 366 * 30)
        return lf_error_set(err, LF_ERR_ARG, "a forecast covers at most 30 years");
    int rc = check_quantiles(spec, err);
    if (rc == LF_OK)
        rc = lf_weather_spec_check(&spec->weather, err);
    if (rc != LF_OK)
        return rc;
    if (spec->error != LF_PATH_ERROR_NONE &&
        (spec->paths_per_weather < 1 || spec->paths_per_weather > 10000))
        return lf_error_set(err, LF_ERR_ARG, "paths per weather scenario must be 1..10000, "
                            "got %zu", spec->paths_per_weather);
    if (spec->error == LF_PATH_ERROR_BOOTSTRAP && (spec->block_days < 1 ||
                                                   spec->block_days > 366))
        return lf_error_set(err, LF_ERR_ARG, "bootstrap blocks must be 1..366 days, got %d",
                            spec->block_days);
    if (spec->error == LF_PATH_ERROR_BOOTSTRAP && ((int)spec->residuals < 0 ||
                                                   spec->residuals > LF_RESIDUALS_OUT_OF_SAMPLE))
        return lf_error_set(err, LF_ERR_ARG, "unknown residual pool %d", (int)spec->residuals);
    if (spec->error == LF_PATH_ERROR_BOOTSTRAP &&
        (spec->origin_min_days < 1 || spec->origin_step_days < 1))
        return lf_error_set(err, LF_ERR_ARG, "origin_min_days and origin_step_days must be "
                            "at least 1, got %d and %d", spec->origin_min_days,
                            spec->origin_step_days);
    rc = check_scenarios(spec, err);
    for (size_t i = 0; rc == LF_OK && i < spec->nconnections; i++)
        rc = lf_connection_check(&spec->connections[i], err);
    return rc;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double lf_quantile(double *x, size_t n, double p)
{
    if (n == 0)
        return NAN;
    qsort(x, n, sizeof *x, compare_doubles);
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}
