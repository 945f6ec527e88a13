/* normalize.c - weather normalization of history: each past day's actual load
 * with the model's weather effect swapped for normal weather's (forecast.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"

/* Days before `first` that also take scenario weather, so that lagged and
 * smoothed temperature see the scenario, not the actual weather, by `first`. */
#define WARMUP_DAYS 30

typedef struct norm_ctx {
    const lf_weather_spec *spec;
    const lf_model *models[LF_MODELS];
    const lf_frame *history, *weather;
    const lf_calendar *cal;
    lf_date first, last, fill_from;
    const char *wcols[4];
    size_t nwcols;
    lf_period_kind kind;
    lf_weather_scenarios *ws;
    size_t ndays, nnormal;
} norm_ctx;

static int check_normalize(const norm_ctx *c, lf_error *err)
{
    if (!c->spec || !c->history || !c->cal || (!c->models[0] && !c->models[1]))
        return lf_error_set(err, LF_ERR_ARG, "lf_weather_normalize needs a weather spec, a "
                            "history frame, a calendar and at least one model");
    int rc = lf_weather_spec_check(c->spec, err);
    if (rc != LF_OK)
        return rc;
    if (c->last < c->first || lf_frame_row(c->history, c->first) < 0 ||
        lf_frame_row(c->history, c->last) < 0)
        return lf_error_set(err, LF_ERR_ARG, "weather normalization covers days of the "
                            "history frame only");
    if (c->nwcols == 0)
        return lf_error_set(err, LF_ERR_DATA, "the models read no weather, so there is no "
                            "weather effect to normalize");
    if (!c->weather)
        return lf_error_set(err, LF_ERR_DATA, "weather normalization needs the weather "
                            "history (config 'weather')");
    return LF_OK;
}

/* The model's prediction of the days; a day it cannot predict (a missing
 * input in history) stays NaN and so does its normalized value. */
static int predict_days(const norm_ctx *c, const lf_model *model, const lf_frame *frame,
                        double *mean, lf_error *err)
{
    return lf_forecast_predict(model, frame, c->cal, c->first, c->last, mean, NULL, 1, err);
}

/* Each normal weather year's prediction of one model (nnormal x ndays): the
 * last normal_years unshifted scenarios, or day-of-year normal weather. */
static int normal_paths(const norm_ctx *c, const lf_model *model, lf_frame *ext,
                        double *paths, lf_error *err)
{
    if (c->spec->normal == LF_NORMAL_DAY_MEAN) {
        int rc = lf_weather_fill_normal(c->ws, c->spec, c->weather, c->wcols, c->nwcols, ext,
                                        c->fill_from, c->last, err);
        return rc == LF_OK ? predict_days(c, model, ext, paths, err) : rc;
    }
    int rc = LF_OK;
    size_t from = c->ws->nsource - c->nnormal;
    for (size_t k = 0; k < c->nnormal && rc == LF_OK; k++) {
        rc = lf_weather_fill(c->ws, from + k, c->weather, c->wcols, c->nwcols, ext,
                             c->fill_from, c->last, err);
        if (rc == LF_OK)
            rc = predict_days(c, model, ext, paths + k * c->ndays, err);
    }
    return rc;
}

/* One model's days: actual, prediction under actual weather, and under each
 * normal weather year. */
typedef struct model_days {
    const double *actual;  /* ndays */
    double *at_actual;     /* ndays */
    double *normal;        /* nnormal x ndays */
    unsigned char *known;  /* ndays: 1 when all of the above have a value */
} model_days;

static int day_known(const norm_ctx *c, const model_days *md, size_t i)
{
    if (!isfinite(md->actual[i]) || !isfinite(md->at_actual[i]))
        return 0;
    for (size_t k = 0; k < c->nnormal; k++)
        if (!isfinite(md->normal[k * c->ndays + i]))
            return 0;
    return 1;
}

static int model_days_new(const norm_ctx *c, const lf_model *model, lf_frame *ext,
                          model_days *md, lf_error *err)
{
    const char *target = lf_model_spec_of(model)->target;
    const double *y = lf_frame_column(c->history, target);
    if (!y)
        return lf_error_set(err, LF_ERR_NOTFOUND, "the history has no column %s", target);
    md->actual = y + lf_frame_row(c->history, c->first);
    md->at_actual = malloc(c->ndays * sizeof(double));
    md->normal = malloc(c->nnormal * c->ndays * sizeof(double));
    md->known = malloc(c->ndays);
    if (!md->at_actual || !md->normal || !md->known)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory normalizing");
    int rc = predict_days(c, model, c->history, md->at_actual, err);
    if (rc == LF_OK)
        rc = normal_paths(c, model, ext, md->normal, err);
    for (size_t i = 0; rc == LF_OK && i < c->ndays; i++)
        md->known[i] = (unsigned char)day_known(c, md, i);
    return rc;
}

/* Days i0..i1: actual and normalized energy (sum) or peak (largest day). */
static void normalize_span(const norm_ctx *c, const model_days *md, size_t i0, size_t i1,
                           int is_peak, double *actual, double *normalized, int *missing)
{
    double sum_a = 0, sum_n = 0, peak_a = -INFINITY, peak_n = 0;
    *missing = 0;
    for (size_t i = i0; i <= i1; i++) {
        if (!md->known[i]) {
            (*missing)++;
            continue;
        }
        sum_a += md->actual[i];
        peak_a = md->actual[i] > peak_a ? md->actual[i] : peak_a;
        for (size_t k = 0; k < c->nnormal; k++)
            sum_n += (md->actual[i] - md->at_actual[i] + md->normal[k * c->ndays + i]) /
                     (double)c->nnormal;
    }
    for (size_t k = 0; is_peak && k < c->nnormal; k++) {
        double best = -INFINITY;
        for (size_t i = i0; i <= i1; i++)
            if (md->known[i]) {
                double v = md->actual[i] - md->at_actual[i] + md->normal[k * c->ndays + i];
                best = v > best ? v : best;
            }
        peak_n += best / (double)c->nnormal;
    }
    if (is_peak) {
        *actual = isinf(peak_a) ? NAN : peak_a;
        *normalized = isinf(peak_a) ? NAN : peak_n;
    } else {
        *actual = *missing ? NAN : sum_a;
        *normalized = *missing ? NAN : sum_n;
    }
}

static int make_periods(const norm_ctx *c, const model_days md[LF_MODELS],
                        lf_normalized_period **out, size_t *n, lf_error *err)
{
    size_t count = 0;
    for (lf_date d = c->first; d <= c->last; d = lf_period_end(d, c->kind) + 1)
        count++;
    lf_normalized_period *p = calloc(count, sizeof *p);
    if (!p)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory normalizing");
    size_t j = 0;
    for (lf_date d = c->first; d <= c->last; d = lf_period_end(d, c->kind) + 1, j++) {
        lf_date end = lf_period_end(d, c->kind) < c->last ? lf_period_end(d, c->kind) : c->last;
        size_t i0 = (size_t)(d - c->first), i1 = (size_t)(end - c->first);
        int missing[LF_MODELS] = {0, 0};
        lf_date_to_ymd(d, &p[j].year, &p[j].month, NULL);
        p[j].month = c->kind == LF_PERIOD_YEAR ? 0 : p[j].month;
        p[j].first = d;
        p[j].last = end;
        p[j].days = (int)(end - d) + 1;
        p[j].actual_energy_mwh = p[j].normalized_energy_mwh = NAN;
        p[j].actual_peak_mw = p[j].normalized_peak_mw = NAN;
        if (c->models[0])
            normalize_span(c, &md[0], i0, i1, 0, &p[j].actual_energy_mwh,
                           &p[j].normalized_energy_mwh, &missing[0]);
        if (c->models[1])
            normalize_span(c, &md[1], i0, i1, 1, &p[j].actual_peak_mw,
                           &p[j].normalized_peak_mw, &missing[1]);
        p[j].days_missing = c->models[0] ? missing[0] : missing[1];
    }
    *out = p;
    *n = count;
    return LF_OK;
}

static int normalize(norm_ctx *c, lf_normalized_period **out, size_t *n, lf_error *err)
{
    lf_date from = c->first - WARMUP_DAYS;
    c->fill_from = from > c->history->start ? from : c->history->start;
    /* Scenario years count from first's year, not the warm-up's: otherwise a
     * January start would shift every normal year by one (and wrap). */
    int rc = lf_weather_scenarios_new(c->spec, c->weather, c->wcols, c->nwcols, c->first,
                                      c->last, &c->ws, err);
    if (rc != LF_OK)
        return rc;
    size_t years = (size_t)c->spec->normal_years;
    c->nnormal = c->spec->normal == LF_NORMAL_DAY_MEAN ? 1
                 : years < c->ws->nsource               ? years
                                                        : c->ws->nsource;
    lf_frame *ext = lf_forecast_extend(c->history, c->last, err);
    model_days md[LF_MODELS];
    memset(md, 0, sizeof md);
    if (!ext)
        rc = err ? err->code : LF_ERR_NOMEM;
    for (int m = 0; m < LF_MODELS && rc == LF_OK; m++)
        if (c->models[m])
            rc = model_days_new(c, c->models[m], ext, &md[m], err);
    if (rc == LF_OK)
        rc = make_periods(c, md, out, n, err);
    for (int m = 0; m < LF_MODELS; m++) {
        free(md[m].at_actual);
        free(md[m].normal);
        free(md[m].known);
    }
    lf_frame_free(ext);
    return rc;
}

int lf_weather_normalize(const lf_weather_spec *spec, const lf_model *energy,
                         const lf_model *peak, const lf_frame *history,
                         const lf_frame *weather, const lf_calendar *cal, lf_date first,
                         lf_date last, lf_period_kind kind, lf_normalized_period **out,
                         size_t *n, lf_error *err)
{
    *out = NULL;
    *n = 0;
    norm_ctx c = {.spec = spec, .models = {energy, peak}, .history = history,
                  .weather = weather, .cal = cal, .first = first, .last = last, .kind = kind};
    c.nwcols = lf_forecast_weather_columns(c.models, c.wcols);
    c.ndays = (size_t)(last - first) + 1;
    int rc = check_normalize(&c, err);
    if (rc == LF_OK && kind != LF_PERIOD_MONTH && kind != LF_PERIOD_YEAR)
        rc = lf_error_set(err, LF_ERR_ARG, "weather normalization gives months or years");
    if (rc == LF_OK)
        rc = normalize(&c, out, n, err);
    lf_weather_scenarios_free(c.ws);
    return rc;
}
