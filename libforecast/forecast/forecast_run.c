/* forecast_run.c - lf_forecast_run: the daily paths of every economic
 * scenario (weather scenarios x model-error draws, plus new connections) and
 * the normal-weather forecast with its decomposition (forecast.h, steps 1-4). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "forecast_internal.h"

/* What every step of one run reads. */
typedef struct run_ctx {
    const lf_forecast_spec *spec;
    const lf_model *models[LF_MODELS];
    const lf_frame *history, *weather;
    const lf_calendar *cal;
    const char *wcols[4];
    size_t nwcols;
    lf_residual_pool pool;    /* bootstrap: what the error blocks come from */
    size_t kept;              /* normal weather paths of the peak kept so far */
    gsl_rng *rng;
    lf_forecast *f;
} run_ctx;

/* ---- the forecast object ----------------------------------------------------------- */

static void free_scenario(lf_forecast_scenario *s)
{
    for (int m = 0; m < LF_MODELS; m++) {
        free(s->paths[m]);
        free(s->normal[m]);
        free(s->contrib[m]);
    }
    free(s->wnormal);
    free(s->wcontrib);
    for (int k = 0; k < LF_PERIOD_KINDS; k++)
        free(s->periods[k]);
}

void lf_forecast_free(lf_forecast *f)
{
    if (!f)
        return;
    for (size_t s = 0; s < f->nscenarios; s++)
        free_scenario(&f->scenarios[s]);
    free(f->scenarios);
    for (int m = 0; m < LF_MODELS; m++)
        free(f->added[m]);
    lf_weather_scenarios_free(f->weather);
    free(f->connections);
    free(f);
}

static int alloc_scenario(const lf_forecast *f, lf_forecast_scenario *s, lf_error *err)
{
    for (int m = 0; m < LF_MODELS; m++) {
        if (!f->has[m])
            continue;
        s->paths[m] = malloc(f->npaths * f->ndays * sizeof(double));
        s->normal[m] = calloc(f->ndays, sizeof(double));
        s->contrib[m] = calloc(f->ndays * LF_DRIVER_COUNT, sizeof(double));
        if (!s->paths[m] || !s->normal[m] || !s->contrib[m])
            return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu forecast paths of "
                                "%zu days", f->npaths, f->ndays);
    }
    if (f->has[LF_MEASURE_PEAK]) {
        s->wnormal = malloc(f->nnormal * f->ndays * sizeof(double));
        s->wcontrib = malloc(f->nnormal * f->ndays * LF_DRIVER_COUNT * sizeof(double));
        if (!s->wnormal || !s->wcontrib)
            return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the normal forecast");
    }
    return LF_OK;
}

/* The object with its sizes, copies of the spec and connections, and what
 * the connections add each day. */
static int new_forecast(const run_ctx *c, lf_forecast **out, lf_error *err)
{
    const lf_forecast_spec *spec = c->spec;
    lf_forecast *f = calloc(1, sizeof *f);
    if (!f)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for a forecast");
    *out = f;
    f->spec = *spec;
    f->ndays = (size_t)(spec->last - spec->first) + 1;
    f->nscenarios = spec->nscenarios ? spec->nscenarios : 1;
    f->scenarios = calloc(f->nscenarios, sizeof *f->scenarios);
    f->connections = calloc(spec->nconnections + 1, sizeof *f->connections);
    for (int m = 0; m < LF_MODELS; m++) {
        f->has[m] = c->models[m] != NULL;
        f->added[m] = calloc(f->ndays, sizeof(double));
    }
    if (!f->scenarios || !f->connections || !f->added[0] || !f->added[1])
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for a forecast");
    if (spec->nconnections) /* may be NULL: memcpy from NULL is undefined even for 0 */
        memcpy(f->connections, spec->connections, spec->nconnections * sizeof *f->connections);
    f->spec.connections = f->connections;
    for (size_t s = 0; s < f->nscenarios; s++)
        strcpy(f->scenarios[s].name, spec->nscenarios ? spec->scenarios[s].name : "base");
    for (size_t i = 0; i < f->ndays; i++)
        for (size_t k = 0; k < spec->nconnections; k++) {
            double e, p;
            lf_connection_day(&spec->connections[k], spec->first + (lf_date)i, &e, &p);
            f->added[LF_MEASURE_ENERGY][i] += e;
            f->added[LF_MEASURE_PEAK][i] += p;
        }
    return LF_OK;
}

/* ---- inputs ------------------------------------------------------------------------- */

static int make_weather(run_ctx *c, lf_error *err)
{
    lf_forecast *f = c->f;
    c->nwcols = lf_forecast_weather_columns(c->models, c->wcols);
    f->nweather = 1;
    if (c->nwcols == 0)
        return LF_OK;
    if (!c->weather)
        return lf_error_set(err, LF_ERR_DATA, "the models read %s, so a forecast needs a "
                            "weather history to draw weather scenarios from (config "
                            "'weather')", c->wcols[0]);
    int rc = lf_weather_scenarios_new(&c->spec->weather, c->weather, c->wcols, c->nwcols,
                                      c->spec->first, c->spec->last, &f->weather, err);
    if (rc == LF_OK)
        f->nweather = f->weather->n;
    return rc;
}

static int make_residuals(run_ctx *c, lf_error *err)
{
    lf_residual_ctx rc = {.spec = c->spec, .models = c->models, .history = c->history,
                          .cal = c->cal};
    int status = lf_residual_pool_make(&rc, c->f->ndays, &c->pool, err);
    if (status == LF_OK) {
        c->f->residuals = c->pool.kind;
        c->f->residual_segments = c->pool.nsegments;
        c->f->residual_days = c->pool.n;
    }
    return status;
}

/* A column the models read as an economic driver: continued by the
 * scenario's path, or at its default growth after its last known value. */
static int continue_default(lf_frame *ext, const char *column, lf_date first, lf_date last,
                            lf_error *err)
{
    const double *v = lf_frame_column(ext, column);
    if (!v)
        return LF_OK; /* the model's own check names it */
    long r = lf_frame_row(ext, last);
    while (r >= 0 && isnan(v[r]))
        r--;
    if (r < 0)
        return lf_error_set(err, LF_ERR_DATA, "the economic driver %s has no value at all; "
                            "give it a path (growth or values) in every scenario", column);
    lf_date from = ext->start + (lf_date)r + 1;
    if (from < first)
        from = first;
    if (from > last)
        return LF_OK;
    lf_economy_path path = {.ngrowth = 1};
    strcpy(path.column, column);
    int rc = lf_economy_default_growth(ext, column, from, &path.growth[0], err);
    return rc == LF_OK ? lf_economy_fill(&path, ext, from, last, err) : rc;
}

static int has_path(const lf_economy_scenario *sc, const char *column)
{
    for (size_t i = 0; sc && i < sc->npaths; i++)
        if (strcmp(sc->paths[i].column, column) == 0)
            return 1;
    return 0;
}

static int apply_economy(const run_ctx *c, const lf_economy_scenario *sc, lf_frame *ext,
                         lf_error *err)
{
    const lf_forecast_spec *spec = c->spec;
    int rc = LF_OK;
    for (size_t i = 0; sc && rc == LF_OK && i < sc->npaths; i++)
        rc = lf_economy_fill(&sc->paths[i], ext, spec->first, spec->last, err);
    for (int m = 0; m < LF_MODELS && rc == LF_OK; m++) {
        if (!c->models[m])
            continue;
        const lf_feature_spec *fs = &lf_model_spec_of(c->models[m])->features;
        for (size_t i = 0; i < fs->neconomy && rc == LF_OK; i++)
            if (!has_path(sc, fs->economy[i].column))
                rc = continue_default(ext, fs->economy[i].column, spec->first, spec->last, err);
    }
    return rc;
}

/* ---- paths ------------------------------------------------------------------------- */

/* Is weather scenario w one the normal forecast averages over? */
static int is_normal_scenario(const run_ctx *c, size_t w)
{
    const lf_weather_scenarios *ws = c->f->weather;
    if (!ws)
        return 1;
    if (c->spec->weather.normal != LF_NORMAL_SCENARIO_MEAN || w >= ws->nsource)
        return 0;
    size_t years = (size_t)c->spec->weather.normal_years;
    return years >= ws->nsource || (size_t)ws->start[w] >= ws->nsource - years;
}

static size_t normal_count(const run_ctx *c)
{
    if (c->f->weather && c->spec->weather.normal == LF_NORMAL_DAY_MEAN)
        return 1;
    size_t n = 0;
    for (size_t w = 0; w < c->f->nweather; w++)
        n += (size_t)is_normal_scenario(c, w);
    return n;
}

/* Keep normal weather path k of the peak model on its own. */
static void keep_peak_normal(const lf_forecast *f, lf_forecast_scenario *s, size_t k,
                             const double *mean, const double *contrib)
{
    memcpy(s->wnormal + k * f->ndays, mean, f->ndays * sizeof(double));
    memcpy(s->wcontrib + k * f->ndays * LF_DRIVER_COUNT, contrib,
           f->ndays * LF_DRIVER_COUNT * sizeof(double));
}

static void add_scaled(double *dst, const double *src, size_t n, double scale)
{
    for (size_t i = 0; i < n; i++)
        dst[i] += scale * src[i];
}

/* Model-error paths of weather path w from lf_model_simulate, seeded from
 * the run's generator so the whole run follows one seed. */
static int simulate_paths(run_ctx *c, lf_forecast_scenario *s, lf_frame *ext, size_t w,
                          lf_error *err)
{
    lf_forecast *f = c->f;
    for (int m = 0; m < LF_MODELS; m++) {
        if (!c->models[m])
            continue;
        unsigned long seed = gsl_rng_get(c->rng);
        double *dst = s->paths[m] + w * f->nerror * f->ndays;
        int rc = lf_model_simulate(c->models[m], ext, c->cal, c->spec->first, c->spec->last,
                                   f->nerror, seed, dst, err);
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}

/* Paths p_w + e with e made of residual blocks drawn at random starts in
 * one segment of the pool per path; the models share the starts so their
 * errors stay as correlated as they were. */
static void bootstrap_paths(run_ctx *c, lf_forecast_scenario *s, double *const mean[LF_MODELS],
                            size_t w)
{
    lf_forecast *f = c->f;
    const lf_residual_pool *pool = &c->pool;
    size_t block = (size_t)c->spec->block_days;
    for (size_t r = 0; r < f->nerror; r++) {
        size_t path = w * f->nerror + r, k = lf_residual_pool_pick(pool, block, c->rng);
        size_t seg0 = pool->segment[k], seglen = pool->segment[k + 1] - seg0;
        for (size_t i = 0; i < f->ndays; i += block) {
            size_t start = seg0 + gsl_rng_uniform_int(c->rng, seglen - block + 1);
            size_t len = i + block <= f->ndays ? block : f->ndays - i;
            for (int m = 0; m < LF_MODELS; m++) {
                if (!c->models[m])
                    continue;
                double *dst = s->paths[m] + path * f->ndays + i;
                for (size_t j = 0; j < len; j++)
                    dst[j] = mean[m][i + j] + pool->resid[m][start + j];
            }
        }
    }
}

static void copy_paths(const lf_forecast *f, lf_forecast_scenario *s, double *const mean[LF_MODELS],
                       size_t w)
{
    for (int m = 0; m < LF_MODELS; m++)
        if (f->has[m])
            for (size_t r = 0; r < f->nerror; r++)
                memcpy(s->paths[m] + (w * f->nerror + r) * f->ndays, mean[m],
                       f->ndays * sizeof(double));
}

/* Weather path w: its weather in the frame, each model's prediction, the
 * normal's share of it, and its error paths. */
static int weather_path(run_ctx *c, lf_forecast_scenario *s, lf_frame *ext, size_t w,
                        double *const mean[LF_MODELS], double *contrib, lf_error *err)
{
    lf_forecast *f = c->f;
    const lf_forecast_spec *spec = c->spec;
    int rc = LF_OK;
    if (f->weather)
        rc = lf_weather_fill(f->weather, w, c->weather, c->wcols, c->nwcols, ext, spec->first,
                             spec->last, err);
    double share = is_normal_scenario(c, w) ? 1.0 / (double)f->nnormal : 0;
    for (int m = 0; m < LF_MODELS && rc == LF_OK; m++) {
        if (!c->models[m])
            continue;
        rc = lf_forecast_predict(c->models[m], ext, c->cal, spec->first, spec->last, mean[m],
                                 contrib, 0, err);
        if (rc == LF_OK && share > 0) {
            add_scaled(s->normal[m], mean[m], f->ndays, share);
            add_scaled(s->contrib[m], contrib, f->ndays * LF_DRIVER_COUNT, share);
            if (m == LF_MEASURE_PEAK)
                keep_peak_normal(f, s, c->kept++, mean[m], contrib);
        }
    }
    if (rc != LF_OK)
        return rc;
    if (spec->error == LF_PATH_ERROR_MODEL)
        return simulate_paths(c, s, ext, w, err);
    if (spec->error == LF_PATH_ERROR_BOOTSTRAP)
        bootstrap_paths(c, s, mean, w);
    else
        copy_paths(f, s, mean, w);
    return LF_OK;
}

/* LF_NORMAL_DAY_MEAN: the forecast under one year of day-of-year normal weather. */
static int day_mean_normal(run_ctx *c, lf_forecast_scenario *s, lf_frame *ext, lf_error *err)
{
    const lf_forecast_spec *spec = c->spec;
    int rc = lf_weather_fill_normal(c->f->weather, &spec->weather, c->weather, c->wcols,
                                    c->nwcols, ext, spec->first, spec->last, err);
    for (int m = 0; m < LF_MODELS && rc == LF_OK; m++)
        if (c->models[m])
            rc = lf_forecast_predict(c->models[m], ext, c->cal, spec->first, spec->last,
                                     s->normal[m], s->contrib[m], 0, err);
    if (rc == LF_OK && c->models[LF_MEASURE_PEAK])
        keep_peak_normal(c->f, s, 0, s->normal[LF_MEASURE_PEAK], s->contrib[LF_MEASURE_PEAK]);
    return rc;
}

static void add_connections(const lf_forecast *f, lf_forecast_scenario *s)
{
    for (int m = 0; m < LF_MODELS; m++) {
        if (!f->has[m])
            continue;
        add_scaled(s->normal[m], f->added[m], f->ndays, 1);
        for (size_t k = 0; m == LF_MEASURE_PEAK && k < f->nnormal; k++)
            add_scaled(s->wnormal + k * f->ndays, f->added[m], f->ndays, 1);
        for (size_t p = 0; p < f->npaths; p++)
            add_scaled(s->paths[m] + p * f->ndays, f->added[m], f->ndays, 1);
    }
}

static int run_scenario(run_ctx *c, size_t index, lf_error *err)
{
    lf_forecast *f = c->f;
    lf_forecast_scenario *s = &f->scenarios[index];
    const lf_economy_scenario *sc = c->spec->nscenarios ? &c->spec->scenarios[index] : NULL;
    double *mean[LF_MODELS] = {malloc(f->ndays * sizeof(double)),
                               malloc(f->ndays * sizeof(double))};
    double *contrib = malloc(f->ndays * LF_DRIVER_COUNT * sizeof(double));
    lf_frame *ext = lf_forecast_extend(c->history, c->spec->last, err);
    c->kept = 0;
    int rc = ext ? alloc_scenario(f, s, err) : LF_ERR_NOMEM;
    if (rc == LF_OK && (!mean[0] || !mean[1] || !contrib))
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory for a forecast");
    if (rc == LF_OK)
        rc = apply_economy(c, sc, ext, err);
    for (size_t w = 0; rc == LF_OK && w < f->nweather; w++)
        rc = weather_path(c, s, ext, w, mean, contrib, err);
    if (rc == LF_OK && f->weather && c->spec->weather.normal == LF_NORMAL_DAY_MEAN)
        rc = day_mean_normal(c, s, ext, err);
    if (rc == LF_OK)
        add_connections(f, s);
    lf_frame_free(ext);
    free(mean[0]);
    free(mean[1]);
    free(contrib);
    return rc;
}

/* ---- the run ------------------------------------------------------------------------ */

static int check_run(const lf_forecast_spec *spec, const lf_model *energy, const lf_model *peak,
                     const lf_frame *history, const lf_calendar *cal, lf_error *err)
{
    if (!history || !cal || (!energy && !peak))
        return lf_error_set(err, LF_ERR_ARG, "lf_forecast_run needs a history frame, a "
                            "calendar and at least one model");
    int rc = lf_forecast_spec_check(spec, err);
    if (rc != LF_OK)
        return rc;
    if (spec->first <= history->start) {
        char day[LF_DATE_STRLEN];
        lf_date_format(history->start, day);
        return lf_error_set(err, LF_ERR_ARG, "a forecast starts after the first day of the "
                            "history (%s)", day);
    }
    if (spec->first > lf_frame_end(history) + 1) {
        char day[LF_DATE_STRLEN];
        lf_date_format(lf_frame_end(history) + 1, day);
        return lf_error_set(err, LF_ERR_ARG, "a forecast starts at the latest on the day "
                            "after the history ends (%s)", day);
    }
    return LF_OK;
}

static int run(run_ctx *c, lf_error *err)
{
    lf_forecast *f = c->f;
    const lf_forecast_spec *spec = c->spec;
    int rc = make_weather(c, err);
    if (rc != LF_OK)
        return rc;
    f->nerror = spec->error == LF_PATH_ERROR_NONE ? 1 : spec->paths_per_weather;
    f->npaths = f->nweather * f->nerror;
    f->nnormal = normal_count(c);
    if (spec->error == LF_PATH_ERROR_BOOTSTRAP && (rc = make_residuals(c, err)) != LF_OK)
        return rc;
    c->rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!c->rng)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for a random generator");
    gsl_rng_set(c->rng, spec->seed);
    for (size_t s = 0; s < f->nscenarios && rc == LF_OK; s++)
        rc = run_scenario(c, s, err);
    return rc == LF_OK ? lf_forecast_summarize(f, err) : rc;
}

int lf_forecast_run(const lf_forecast_spec *spec, const lf_model *energy,
                    const lf_model *peak, const lf_frame *history, const lf_frame *weather,
                    const lf_calendar *cal, lf_forecast **out, lf_error *err)
{
    *out = NULL;
    int rc = check_run(spec, energy, peak, history, cal, err);
    if (rc != LF_OK)
        return rc;
    run_ctx c = {.spec = spec, .models = {energy, peak}, .history = history,
                 .weather = weather, .cal = cal};
    rc = new_forecast(&c, &c.f, err);
    if (rc == LF_OK)
        rc = run(&c, err);
    gsl_rng_free(c.rng);
    lf_residual_pool_free(&c.pool);
    if (rc != LF_OK) {
        lf_forecast_free(c.f);
        return rc;
    }
    *out = c.f;
    return LF_OK;
}
