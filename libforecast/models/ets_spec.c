/* ets_spec.c - the ETS model specification: defaults, names, checks, the
 * layout of the public parameter vector and the parameter count. */
#include <math.h>
#include <string.h>

#include "ets_internal.h"

void lf_ets_spec_init(lf_ets_spec *spec)
{
    spec->trend = LF_ETS_TREND_DAMPED;
    spec->season = LF_ETS_SEASON_ADDITIVE;
    spec->period = 7;
}

static int valid(const lf_ets_spec *spec)
{
    if (!spec || (unsigned)spec->trend > LF_ETS_TREND_DAMPED ||
        (unsigned)spec->season > LF_ETS_SEASON_MULTIPLICATIVE)
        return 0;
    return spec->season == LF_ETS_SEASON_NONE ||
           (spec->period >= LF_ETS_PERIOD_MIN && spec->period <= LF_ETS_PERIOD_MAX);
}

const char *lf_ets_name(const lf_ets_spec *spec)
{
    /* every combination spelled out: static storage, no buffer to own */
    static const char *const names[3][3] = {
        {"ETS(A,N,N)", "ETS(A,N,A)", "ETS(A,N,M)"},
        {"ETS(A,A,N)", "ETS(A,A,A)", "ETS(A,A,M)"},
        {"ETS(A,Ad,N)", "ETS(A,Ad,A)", "ETS(A,Ad,M)"},
    };
    return valid(spec) ? names[spec->trend][spec->season] : "ETS(?)";
}

int lf_ets_spec_check(const lf_ets_spec *spec, lf_error *err)
{
    if (!spec)
        return lf_error_set(err, LF_ERR_ARG, "ETS: no model specification");
    if ((unsigned)spec->trend > LF_ETS_TREND_DAMPED)
        return lf_error_set(err, LF_ERR_ARG, "ETS: unknown trend type %d", (int)spec->trend);
    if ((unsigned)spec->season > LF_ETS_SEASON_MULTIPLICATIVE)
        return lf_error_set(err, LF_ERR_ARG, "ETS: unknown season type %d", (int)spec->season);
    if (!valid(spec))
        return lf_error_set(err, LF_ERR_ARG, "ETS: seasonal period must be %d..%d, got %d",
                            LF_ETS_PERIOD_MIN, LF_ETS_PERIOD_MAX, spec->period);
    return LF_OK;
}

size_t lf_ets_period(const lf_ets_spec *spec)
{
    return spec->season == LF_ETS_SEASON_NONE ? 1 : (size_t)spec->period;
}

static size_t has_trend(const lf_ets_spec *spec)
{
    return spec->trend != LF_ETS_TREND_NONE;
}

static size_t has_season(const lf_ets_spec *spec)
{
    return spec->season != LF_ETS_SEASON_NONE;
}

static size_t n_smoothing(const lf_ets_spec *spec)
{
    return 1 + has_trend(spec) + has_season(spec) + (spec->trend == LF_ETS_TREND_DAMPED);
}

size_t lf_ets_param_length(const lf_ets_spec *spec)
{
    if (!valid(spec))
        return 0;
    return n_smoothing(spec) + 1 + has_trend(spec) + (has_season(spec) ? lf_ets_period(spec) : 0);
}

size_t lf_ets_nparams(const lf_ets_spec *spec)
{
    /* m - 1 free seasonal states (the normalisation fixes one), + sigma^2 */
    size_t seasonal = has_season(spec) ? lf_ets_period(spec) - 1 : 0;
    return n_smoothing(spec) + 1 + has_trend(spec) + seasonal + 1;
}

size_t lf_ets_min_nobs(const lf_ets_spec *spec)
{
    if (!valid(spec))
        return 0;
    size_t need = lf_ets_nparams(spec) + 3;
    size_t seasons = has_season(spec) ? 2 * lf_ets_period(spec) : 0;
    return need > seasons ? need : seasons;
}

void lf_ets_par_unpack(const lf_ets_spec *spec, const double *params, lf_ets_par *par)
{
    size_t i = 0;
    par->alpha = params[i++];
    par->beta = has_trend(spec) ? params[i++] : 0;
    par->gamma = has_season(spec) ? params[i++] : 0;
    par->phi = spec->trend == LF_ETS_TREND_DAMPED ? params[i++] : (double)has_trend(spec);
    par->level0 = params[i++];
    par->trend0 = has_trend(spec) ? params[i++] : 0;
    par->season0 = has_season(spec) ? params + i : NULL;
}

void lf_ets_par_pack(const lf_ets_spec *spec, const lf_ets_par *par, double *params)
{
    size_t i = 0;
    params[i++] = par->alpha;
    if (has_trend(spec))
        params[i++] = par->beta;
    if (has_season(spec))
        params[i++] = par->gamma;
    if (spec->trend == LF_ETS_TREND_DAMPED)
        params[i++] = par->phi;
    params[i++] = par->level0;
    if (has_trend(spec))
        params[i++] = par->trend0;
    if (has_season(spec))
        memcpy(params + i, par->season0, lf_ets_period(spec) * sizeof *params);
}

int lf_ets_check_data(const lf_ets_spec *spec, const double *y, size_t n, lf_error *err)
{
    if (!y)
        return lf_error_set(err, LF_ERR_ARG, "ETS: no series");
    for (size_t t = 0; t < n; t++) {
        if (isnan(y[t]))
            return lf_error_set(err, LF_ERR_DATA, "ETS: y[%zu] is missing (NaN); the series "
                                "must be complete: trim or fill it first", t);
        if (!isfinite(y[t]))
            return lf_error_set(err, LF_ERR_DATA, "ETS: y[%zu] is infinite", t);
        if (spec->season == LF_ETS_SEASON_MULTIPLICATIVE && !(y[t] > 0))
            return lf_error_set(err, LF_ERR_DATA, "ETS: y[%zu] = %g, but a multiplicative "
                                "season needs values > 0", t, y[t]);
    }
    return LF_OK;
}
