/* config_forecast.c - the 'forecast' section of a project config (keys
 * documented in config.h): days, the energy and peak models, weather and
 * economic scenarios, model error, new connections, normalization. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- scalars --------------------------------------------------------------------- */

/* A growth rate: 0.05 or "5%"; between -99 % and +1000 %. */
static int read_rate(const lf_ynode *node, double *out, lf_error *err)
{
    int rc = lf_ynode_expect(node, LF_YSCALAR, err);
    if (rc != LF_OK)
        return rc;
    size_t n = strlen(node->text);
    if (n == 0 || node->text[n - 1] != '%')
        return lf_ynode_double(node, -0.99, 10, out, err);
    char *end;
    errno = 0;
    double v = strtod(node->text, &end) / 100;
    if (end != node->text + n - 1 || errno || !(v >= -0.99 && v <= 10))
        return lf_ynode_error(node, err, LF_ERR_CONFIG, "a growth rate must be a number "
                              "like 0.05 or 5%% between -99%% and 1000%%, got '%s'",
                              node->text);
    *out = v;
    return LF_OK;
}

/* ---- economic scenarios --------------------------------------------------------- */

static int read_growth(const lf_ynode *node, lf_economy_path *p, lf_error *err)
{
    if (node->kind != LF_YSEQUENCE) {
        p->ngrowth = 1;
        return read_rate(node, &p->growth[0], err);
    }
    if (node->count == 0 || node->count > LF_ECONOMY_YEARS)
        return lf_ynode_error(node, err, LF_ERR_CONFIG, "'growth' needs 1..%d rates, one "
                              "per forecast year", LF_ECONOMY_YEARS);
    p->ngrowth = node->count;
    int rc = LF_OK;
    for (size_t i = 0; i < node->count && rc == LF_OK; i++)
        rc = read_rate(node->items[i], &p->growth[i], err);
    return rc;
}

static int read_values(const lf_ynode *map, lf_economy_path *p, lf_error *err)
{
    int rc = lf_ynode_expect(map, LF_YMAPPING, err);
    if (rc == LF_OK && (map->count == 0 || map->count > LF_ECONOMY_YEARS))
        rc = lf_ynode_error(map, err, LF_ERR_CONFIG, "'values' needs 1..%d entries "
                            "{year: value}", LF_ECONOMY_YEARS);
    for (size_t i = 0; i < map->count && rc == LF_OK; i++) {
        const lf_ypair *pair = &map->pairs[i];
        rc = lf_ynode_int(pair->key, 1900, 2200, &p->value_years[i], err);
        if (rc == LF_OK)
            rc = lf_ynode_double(pair->value, -INFINITY, INFINITY, &p->values[i], err);
        if (rc == LF_OK && i > 0 && p->value_years[i] <= p->value_years[i - 1])
            rc = lf_ynode_error(pair->key, err, LF_ERR_CONFIG, "the years of 'values' must "
                                "increase");
    }
    p->nvalues = map->count;
    return rc;
}

/* column: {growth: ...} or {values: {...}}. */
static int read_path(const lf_ypair *pair, lf_economy_path *p, lf_error *err)
{
    static const char *const keys[] = {"growth", "values"};
    const lf_ynode *map = pair->value;
    if (strlen(pair->key->text) >= sizeof p->column)
        return lf_ynode_error(pair->key, err, LF_ERR_CONFIG, "column name too long");
    strcpy(p->column, pair->key->text);
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    const lf_ynode *g = rc == LF_OK ? lf_ymap_get(map, "growth") : NULL;
    const lf_ynode *v = rc == LF_OK ? lf_ymap_get(map, "values") : NULL;
    if (rc == LF_OK && (!g) == (!v))
        return lf_ynode_error(map, err, LF_ERR_CONFIG, "the path of '%s' needs exactly one "
                              "of 'growth' and 'values'", p->column);
    if (rc == LF_OK)
        rc = g ? read_growth(g, p, err) : read_values(v, p, err);
    if (rc == LF_OK && lf_economy_path_check(p, err) != LF_OK)
        rc = lf_ynode_relocate(pair->key, err, ""); /* at the column */
    return rc;
}

static int read_scenario(const lf_ynode *map, lf_economy_scenario *sc, lf_error *err)
{
    static const char *const keys[] = {"name", "economy"};
    const char *name = NULL;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "name", err);
    if (rc == LF_OK)
        rc = lf_ymap_string(map, "name", &name, err);
    if (rc == LF_OK && strlen(name) >= sizeof sc->name)
        rc = lf_ynode_error(lf_ymap_get(map, "name"), err, LF_ERR_CONFIG, "a scenario name "
                            "has at most %zu characters", sizeof sc->name - 1);
    if (rc != LF_OK)
        return rc;
    strcpy(sc->name, name);
    const lf_ynode *eco = lf_ymap_get(map, "economy");
    if (!eco)
        return LF_OK;
    if ((rc = lf_ynode_expect(eco, LF_YMAPPING, err)) != LF_OK)
        return rc;
    if (eco->count > LF_ECONOMY_PATHS)
        return lf_ynode_error(eco, err, LF_ERR_CONFIG, "at most %d economic drivers per "
                              "scenario", LF_ECONOMY_PATHS);
    sc->npaths = eco->count;
    for (size_t i = 0; i < eco->count && rc == LF_OK; i++)
        rc = read_path(&eco->pairs[i], &sc->paths[i], err);
    return rc;
}

static int read_scenarios(const lf_ynode *seq, lf_forecast_spec *spec, lf_error *err)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, err);
    if (rc == LF_OK && (seq->count == 0 || seq->count > LF_SCENARIO_MAX))
        rc = lf_ynode_error(seq, err, LF_ERR_CONFIG, "'scenarios' needs 1..%d scenarios",
                            LF_SCENARIO_MAX);
    for (size_t i = 0; i < seq->count && rc == LF_OK; i++) {
        rc = read_scenario(seq->items[i], &spec->scenarios[i], err);
        for (size_t j = 0; j < i && rc == LF_OK; j++)
            if (strcmp(spec->scenarios[i].name, spec->scenarios[j].name) == 0)
                rc = lf_ynode_error(lf_ymap_get(seq->items[i], "name"), err, LF_ERR_CONFIG,
                                    "scenario name '%s' is used twice",
                                    spec->scenarios[i].name);
    }
    spec->nscenarios = rc == LF_OK ? seq->count : 0;
    return rc;
}

/* ---- new connections -------------------------------------------------------------- */

static int read_connection(const lf_ynode *map, lf_connection *c, lf_error *err)
{
    static const char *const keys[] = {"name",        "start",       "end",
                                       "capacity_mw", "ramp_months", "load_factor",
                                       "annual_mwh",  "coincidence"};
    static const char *const required[] = {"name", "start", "capacity_mw"};
    const char *name = NULL;
    lf_connection_init(c);
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    for (size_t k = 0; k < COUNT(required) && rc == LF_OK; k++)
        rc = lf_ymap_require(map, required[k], err);
    if (rc == LF_OK)
        rc = lf_ymap_string(map, "name", &name, err);
    if (rc == LF_OK && strlen(name) >= sizeof c->name)
        rc = lf_ynode_error(lf_ymap_get(map, "name"), err, LF_ERR_CONFIG, "a connection name "
                            "has at most %zu characters", sizeof c->name - 1);
    if (rc == LF_OK) {
        strcpy(c->name, name);
        rc = lf_ymap_date(map, "start", &c->start, err);
    }
    if (rc == LF_OK)
        rc = lf_ymap_date(map, "end", &c->end, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "capacity_mw", -1e6, 1e6, &c->capacity_mw, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "ramp_months", 0, 120, &c->ramp_months, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "load_factor", 0, 1, &c->load_factor, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "annual_mwh", -1e9, 1e9, &c->annual_mwh, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "coincidence", 0, 1, &c->coincidence, err);
    if (rc == LF_OK && lf_connection_check(c, err) != LF_OK)
        rc = lf_ynode_relocate(map, err, ""); /* at the entry */
    return rc;
}

static int read_connections(const lf_ynode *seq, lf_arena *arena, lf_forecast_spec *spec,
                            lf_error *err)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, err);
    if (rc != LF_OK || seq->count == 0)
        return rc;
    lf_connection *c = lf_arena_alloc(arena, seq->count * sizeof *c);
    if (!c)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading new connections");
    for (size_t i = 0; i < seq->count && rc == LF_OK; i++) {
        rc = read_connection(seq->items[i], &c[i], err);
        for (size_t j = 0; j < i && rc == LF_OK; j++)
            if (strcmp(c[i].name, c[j].name) == 0)
                rc = lf_ynode_error(lf_ymap_get(seq->items[i], "name"), err, LF_ERR_CONFIG,
                                    "connection name '%s' is used twice", c[i].name);
    }
    spec->connections = c;
    spec->nconnections = rc == LF_OK ? seq->count : 0;
    return rc;
}

/* ---- weather and error ------------------------------------------------------------ */

static int read_years(const lf_ynode *map, lf_weather_spec *w, lf_error *err)
{
    static const char *const keys[] = {"first", "last"};
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "first", 1800, 2200, &w->first_year, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "last", 1800, 2200, &w->last_year, err);
    if (rc == LF_OK && w->first_year && w->last_year && w->first_year > w->last_year)
        rc = lf_ynode_error(lf_ymap_get(map, "last"), err, LF_ERR_CONFIG, "'last' (%d) is "
                            "before 'first' (%d)", w->last_year, w->first_year);
    return rc;
}

static int read_weather(const lf_ynode *map, lf_weather_spec *w, lf_error *err)
{
    static const char *const keys[] = {"years", "shift_days", "normal", "normal_years",
                                       "normal_window"};
    const char *normals[] = {lf_normal_kind_name(LF_NORMAL_SCENARIO_MEAN),
                             lf_normal_kind_name(LF_NORMAL_DAY_MEAN)};
    int normal = (int)w->normal;
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "years")))
        rc = read_years(v, w, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "shift_days", 0, 15, &w->shift_days, err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "normal", normals, COUNT(normals), &normal, err);
    w->normal = (lf_normal_kind)normal;
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "normal_years", 1, 200, &w->normal_years, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "normal_window", 0, 30, &w->normal_window, err);
    return rc;
}

static int read_error(const lf_ynode *map, lf_forecast_spec *spec, lf_error *err)
{
    static const char *const keys[] = {"kind", "paths", "block_days", "seed", "residuals",
                                       "origin_min_days", "origin_step_days"};
    const char *kinds[] = {lf_path_error_name(LF_PATH_ERROR_NONE),
                           lf_path_error_name(LF_PATH_ERROR_BOOTSTRAP),
                           lf_path_error_name(LF_PATH_ERROR_MODEL)};
    const char *pools[] = {lf_residuals_name(LF_RESIDUALS_AUTO),
                           lf_residuals_name(LF_RESIDUALS_IN_SAMPLE),
                           lf_residuals_name(LF_RESIDUALS_OUT_OF_SAMPLE)};
    int kind = (int)spec->error, paths = (int)spec->paths_per_weather;
    int pool = (int)spec->residuals;
    double seed = (double)spec->seed;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "kind", kinds, COUNT(kinds), &kind, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "paths", 1, 10000, &paths, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "block_days", 1, 366, &spec->block_days, err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "residuals", pools, COUNT(pools), &pool, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "origin_min_days", 1, 36600, &spec->origin_min_days, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "origin_step_days", 1, 36600, &spec->origin_step_days, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "seed", 0, 4294967295.0, &seed, err);
    if (rc == LF_OK && seed != floor(seed))
        rc = lf_ynode_error(lf_ymap_get(map, "seed"), err, LF_ERR_CONFIG, "'seed' must be a "
                            "whole number");
    spec->error = (lf_path_error)kind;
    spec->residuals = (lf_residuals)pool;
    spec->paths_per_weather = (size_t)paths;
    spec->seed = (unsigned long)seed;
    return rc;
}

/* ---- the section ------------------------------------------------------------------ */

/* energy_model / peak_model: a mapping over the model section, or false. */
static int read_model_choice(const lf_ynode *node, const lf_config_model *base, int *has,
                             lf_model_spec *spec, lf_error *err)
{
    if (node->kind == LF_YSCALAR) {
        int on = 1;
        int rc = lf_ynode_bool(node, &on, err);
        if (rc == LF_OK && on)
            rc = lf_ynode_error(node, err, LF_ERR_CONFIG, "give the model as a mapping of "
                                "model keys ({} for the model as it is) or false to leave "
                                "it out");
        *has = 0;
        return rc;
    }
    return lf_config_read_model_over(node, base, spec, err);
}

static int read_days_keys(const lf_ynode *map, lf_config_forecast *fc, lf_error *err)
{
    const lf_ynode *v;
    int rc = LF_OK;
    if ((v = lf_ymap_get(map, "first"))) {
        fc->has_first = 1;
        rc = lf_ymap_date(map, "first", &fc->first, err);
    }
    if (rc == LF_OK && (v = lf_ymap_get(map, "last"))) {
        fc->has_last = 1;
        rc = lf_ymap_date(map, "last", &fc->last, err);
        if (rc == LF_OK && lf_ymap_get(map, "months"))
            rc = lf_ynode_error(v, err, LF_ERR_CONFIG, "give 'last' or 'months', not both");
    }
    if (rc == LF_OK && fc->has_first && fc->has_last && fc->last < fc->first)
        rc = lf_ynode_error(v, err, LF_ERR_CONFIG, "'last' is before 'first'");
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "months", 1, 360, &fc->months, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "normalize"))) {
        fc->has_normalize = 1;
        rc = lf_config_read_days(v, &fc->normalize_first, &fc->normalize_last, err);
    }
    return rc;
}

static int read_quantiles(const lf_ynode *seq, lf_forecast_spec *spec, lf_error *err)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, err);
    if (rc == LF_OK && (seq->count == 0 || seq->count > LF_QUANTILE_MAX))
        rc = lf_ynode_error(seq, err, LF_ERR_CONFIG, "'quantiles' needs 1..%d values",
                            LF_QUANTILE_MAX);
    for (size_t i = 0; i < seq->count && rc == LF_OK; i++) {
        rc = lf_ynode_double(seq->items[i], 0.001, 0.999, &spec->quantiles[i], err);
        if (rc == LF_OK && i > 0 && spec->quantiles[i] <= spec->quantiles[i - 1])
            rc = lf_ynode_error(seq->items[i], err, LF_ERR_CONFIG, "quantiles must increase");
    }
    spec->nquantiles = seq->count;
    return rc;
}

void lf_config_forecast_defaults(const lf_config_model *base, lf_config_forecast *fc)
{
    memset(fc, 0, sizeof *fc);
    lf_forecast_spec_init(&fc->spec);
    fc->months = 12;
    fc->has_energy = fc->has_peak = 1;
    fc->energy = base->spec;
    fc->peak = base->spec;
    strcpy(fc->peak.target, "peak_mw");
}

int lf_config_read_forecast(const lf_ynode *map, const lf_config_model *base,
                            lf_arena *arena, lf_config_forecast *fc, lf_error *err)
{
    static const char *const keys[] = {"first",     "last",        "months",
                                       "quantiles", "energy_model", "peak_model",
                                       "weather",   "error",       "scenarios",
                                       "new_connections", "normalize"};
    lf_config_forecast_defaults(base, fc);
    lf_config_model peak_base = *base;
    strcpy(peak_base.spec.target, "peak_mw");
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = read_days_keys(map, fc, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "quantiles")))
        rc = read_quantiles(v, &fc->spec, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "energy_model")))
        rc = read_model_choice(v, base, &fc->has_energy, &fc->energy, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "peak_model")))
        rc = read_model_choice(v, &peak_base, &fc->has_peak, &fc->peak, err);
    if (rc == LF_OK && !fc->has_energy && !fc->has_peak)
        rc = lf_ynode_error(map, err, LF_ERR_CONFIG, "a forecast needs the energy model, "
                            "the peak model or both");
    if (rc == LF_OK && (v = lf_ymap_get(map, "weather")))
        rc = read_weather(v, &fc->spec.weather, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "error")))
        rc = read_error(v, &fc->spec, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "scenarios")))
        rc = read_scenarios(v, &fc->spec, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "new_connections")))
        rc = read_connections(v, arena, &fc->spec, err);
    return rc;
}
