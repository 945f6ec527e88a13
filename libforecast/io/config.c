/* config.c - the project config: YAML tree -> checked lf_config (see config.h).
 * Every string the config keeps is copied into one arena owned by the config,
 * and the YAML tree is dropped after loading, so a config is one allocation
 * graph with one owner and an error releases everything at once. */
#include "libforecast/config.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"
#include "yaml_tree.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct loader {
    lf_arena *arena;
    lf_config *cfg;
    lf_error *err;
} loader;

static int nomem(loader *L)
{
    return lf_error_set(L->err, LF_ERR_NOMEM, "out of memory loading %s", L->cfg->path);
}

/* Arena copy of a string from the tree (the tree dies with the loader). */
static int keep(loader *L, const char *text, const char **out)
{
    if (!text)
        return LF_OK;
    *out = lf_arena_strdup(L->arena, text);
    return *out ? LF_OK : nomem(L);
}

static int get_string(loader *L, const lf_ynode *map, const char *key, const char **out)
{
    const char *s = NULL;
    int rc = lf_ymap_string(map, key, &s, L->err);
    return rc == LF_OK ? keep(L, s, out) : rc;
}

/* Paths in a config are relative to the config file, not to the current
 * directory, so a project can be run from anywhere. */
int lf_config_resolve(lf_arena *arena, const char *dir, const char *path, const char **out,
                      lf_error *err)
{
    int absolute = path[0] == '/' || !strcmp(dir, ".");
    size_t n = (absolute ? 0 : strlen(dir) + 1) + strlen(path) + 1;
    char *s = lf_arena_alloc(arena, n);
    if (!s)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory resolving %s", path);
    if (absolute)
        memcpy(s, path, n);
    else
        snprintf(s, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", path);
    *out = s;
    return LF_OK;
}

static int resolve(loader *L, const char *path, const char **out)
{
    return lf_config_resolve(L->arena, L->cfg->dir, path, out, L->err);
}

int lf_config_get_path(lf_arena *arena, const char *dir, const lf_ynode *map, const char *key,
                       const char **out, lf_error *err)
{
    const char *s = NULL;
    int rc = lf_ymap_string(map, key, &s, err);
    return rc == LF_OK && s ? lf_config_resolve(arena, dir, s, out, err) : rc;
}

int lf_config_read_optional_days(const lf_ynode *map, const char *section, int *has_first,
                                 lf_date *first, int *has_last, lf_date *last, lf_error *err)
{
    int rc = LF_OK;
    if (lf_ymap_get(map, "first")) {
        *has_first = 1;
        rc = lf_ymap_date(map, "first", first, err);
    }
    if (rc == LF_OK && lf_ymap_get(map, "last")) {
        *has_last = 1;
        rc = lf_ymap_date(map, "last", last, err);
    }
    if (rc != LF_OK || !*has_first || !*has_last || *last >= *first)
        return rc;
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    lf_date_format(*first, a);
    lf_date_format(*last, b);
    return lf_ynode_error(lf_ymap_get(map, "last"), err, LF_ERR_CONFIG, "'last' in '%s' (%s) "
                          "is before 'first' (%s); expected first <= last", section, b, a);
}

static int get_path(loader *L, const lf_ynode *map, const char *key, const char **out)
{
    return lf_config_get_path(L->arena, L->cfg->dir, map, key, out, L->err);
}

/* Keys the user writes for "one of these shapes" errors. */
static int not_applicable(loader *L, const lf_ynode *map, const char *key, const char *why)
{
    const lf_ynode *k = lf_ymap_key(map, key);
    if (!k)
        return LF_OK;
    char desc[300];
    lf_ynode_describe(lf_ymap_get(map, key), desc, sizeof desc);
    return lf_ynode_error(k, L->err, LF_ERR_CONFIG, "%s does not apply %s; remove it", desc,
                          why);
}

/* A required key that depends on other settings; located at the mapping. */
static int require_because(loader *L, const lf_ynode *map, const char *key, const char *why)
{
    if (lf_ymap_get(map, key))
        return LF_OK;
    char path[200];
    lf_ynode_path(map, path, sizeof path);
    return lf_ynode_error(map, L->err, LF_ERR_CONFIG, "missing required key '%s' in '%s' (%s)",
                          key, path, why);
}

/* Ids and indicator names become CSV column names. */
static int check_column_name(loader *L, const lf_ynode *map, const char *key)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    if (!v || !strpbrk(v->text, ",;\"\t\r\n"))
        return LF_OK;
    char desc[300];
    lf_ynode_describe(v, desc, sizeof desc);
    return lf_ynode_error(v, L->err, LF_ERR_CONFIG, "%s must not contain , ; \" tab or line "
                          "breaks, got '%.60s'; it becomes an output column name", desc,
                          v->text);
}

/* Report the second of two equal values of key among the items of seq. */
static int check_unique(loader *L, const lf_ynode *seq, const char *key, const char *what)
{
    for (size_t i = 0; i < seq->count; i++) {
        const lf_ynode *a = lf_ymap_get(seq->items[i], key);
        for (size_t j = 0; a && j < i; j++) {
            const lf_ynode *b = lf_ymap_get(seq->items[j], key);
            if (b && !strcmp(a->text, b->text))
                return lf_ynode_error(a, L->err, LF_ERR_CONFIG,
                                      "duplicate %s '%s' (first used at line %ld, column "
                                      "%ld); each %s must be unique", what, a->text,
                                      b->line, b->column, what);
        }
    }
    return LF_OK;
}

static int get_delimiter(loader *L, const lf_ynode *map, char *out)
{
    const lf_ynode *v = lf_ymap_get(map, "delimiter");
    if (!v)
        return LF_OK;
    if (v->kind == LF_YSCALAR) {
        const char *t = v->text;
        if (!strcmp(t, ",") || !strcmp(t, ";") || !strcmp(t, "\t")) {
            *out = t[0];
            return LF_OK;
        }
        if (!strcmp(t, "tab")) {
            *out = '\t';
            return LF_OK;
        }
    }
    char desc[300];
    lf_ynode_describe(v, desc, sizeof desc);
    return lf_ynode_error(v, L->err, LF_ERR_CONFIG,
                          "%s must be \",\", \";\" or \"\\t\" (tab), got '%.20s'", desc,
                          v->kind == LF_YSCALAR ? v->text : lf_ynode_kind_name(v->kind));
}

/* ---- period ------------------------------------------------------------------ */

static int read_period(loader *L, const lf_ynode *map)
{
    static const char *const keys[] = {"first", "last"};
    lf_config *cfg = L->cfg;
    int rc = lf_ynode_expect(map, LF_YMAPPING, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_check_keys(map, keys, COUNT(keys), L->err);
    lf_date first = lf_date_from_ymd(1, 1, 1), last = lf_date_from_ymd(9999, 12, 31);
    if (rc == LF_OK)
        rc = lf_ymap_date(map, "first", &first, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_date(map, "last", &last, L->err);
    if (rc != LF_OK)
        return rc;
    if (first > last) {
        char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
        lf_date_format(first, a);
        lf_date_format(last, b);
        return lf_ynode_error(lf_ymap_get(map, "last"), L->err, LF_ERR_CONFIG,
                              "'last' in 'period' (%s) is before 'first' (%s); expected "
                              "first <= last", b, a);
    }
    cfg->has_period = 1;
    cfg->first = first;
    cfg->last = last;
    return LF_OK;
}

/* ---- interval sources (load and customers) ------------------------------------ */

static const char *const SOURCE_KEYS[] = {
    "path", "layout", "interval_minutes", "time_column", "date_column", "hour_column",
    "hour_ending", "timestamp", "value_column", "unit", "temperature_column",
    "temperature_unit", "humidity_column", "max_gap_intervals", "duplicates",
    "clock_changes", "delimiter", "id", "name"};
#define NSOURCE_KEYS_LOAD (COUNT(SOURCE_KEYS) - 2) /* id and name: customers only */

static const char *const LAYOUTS[] = {"long", "wide"};
static const char *const STAMPS[] = {"start", "end"};
static const char *const DUPLICATES[] = {"mean", "first", "last", "error"};
static const char *const LOAD_UNITS[] = {"kW", "MW", "GW", "kWh", "MWh"};
static const char *const TEMP_UNITS[] = {"C", "F"};
static const int INTERVALS[] = {5, 15, 30, 60};

static int read_temp_unit(loader *L, const lf_ynode *map, const char *key, lf_unit *out)
{
    int i = -1;
    int rc = lf_ymap_enum(map, key, TEMP_UNITS, COUNT(TEMP_UNITS), &i, L->err);
    if (rc == LF_OK && i >= 0)
        *out = i == 0 ? LF_UNIT_CELSIUS : LF_UNIT_FAHRENHEIT;
    return rc;
}

/* The typed scalar settings of a source. */
static int read_source_options(loader *L, const lf_ynode *map, lf_interval_spec *spec)
{
    int layout = LF_LAYOUT_LONG, stamp = LF_STAMP_START, dup = LF_DUP_MEAN;
    const lf_ynode *iv = lf_ymap_get(map, "interval_minutes");
    int rc = lf_ymap_enum(map, "layout", LAYOUTS, COUNT(LAYOUTS), &layout, L->err);
    if (rc == LF_OK && iv)
        rc = lf_ynode_int_choice(iv, INTERVALS, COUNT(INTERVALS), &spec->interval_minutes,
                                 L->err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "hour_ending", &spec->hour_ending, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "timestamp", STAMPS, COUNT(STAMPS), &stamp, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "max_gap_intervals", 0, INT_MAX, &spec->max_gap_intervals,
                         L->err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "duplicates", DUPLICATES, COUNT(DUPLICATES), &dup, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "clock_changes", &spec->clock_changes, L->err);
    if (rc == LF_OK)
        rc = get_delimiter(L, map, &spec->delimiter);
    spec->layout = (lf_layout)layout;
    spec->stamp = (lf_stamp)stamp;
    spec->duplicates = (lf_duplicates)dup;
    return rc;
}

static int read_source_columns(loader *L, const lf_ynode *map, lf_interval_spec *spec)
{
    int rc = get_path(L, map, "path", &spec->path);
    if (rc == LF_OK)
        rc = get_string(L, map, "time_column", &spec->time_column);
    if (rc == LF_OK)
        rc = get_string(L, map, "date_column", &spec->date_column);
    if (rc == LF_OK)
        rc = get_string(L, map, "hour_column", &spec->hour_column);
    return rc;
}

/* long: value_column and (time_column | date_column + hour_column);
 * wide: date_column, and nothing that names an interval column. */
static int check_layout(loader *L, const lf_ynode *map, const lf_interval_spec *spec)
{
    static const char *const wide_only_not[] = {"time_column", "hour_column", "value_column",
                                                "temperature_column", "humidity_column"};
    static const char *const long_how = "the long layout needs time_column, or "
                                        "date_column and hour_column";
    int rc = LF_OK;
    if (spec->layout == LF_LAYOUT_WIDE) {
        for (size_t i = 0; rc == LF_OK && i < COUNT(wide_only_not); i++)
            rc = not_applicable(L, map, wide_only_not[i], "to the wide layout (one row per "
                                "day, the interval columns hold the values)");
        return rc == LF_OK ? require_because(L, map, "date_column", "the wide layout needs "
                                             "it") : rc;
    }
    rc = require_because(L, map, "value_column", "the long layout needs it");
    if (rc == LF_OK && spec->time_column)
        rc = not_applicable(L, map, "hour_column", "together with time_column");
    if (rc == LF_OK && spec->time_column)
        rc = not_applicable(L, map, "date_column", "to the long layout together with "
                            "time_column (use either time_column or date_column + "
                            "hour_column)");
    if (rc == LF_OK && !spec->time_column && !spec->date_column)
        rc = require_because(L, map, "time_column", long_how);
    if (rc == LF_OK && !spec->time_column)
        rc = require_because(L, map, spec->date_column ? "hour_column" : "date_column",
                             long_how);
    return rc;
}

/* The load series, then temperature and humidity if named. */
static int read_series(loader *L, const lf_ynode *map, const char *prefix,
                       lf_config_source *src)
{
    lf_series_spec *s = lf_arena_alloc(L->arena, 3 * sizeof *s);
    if (!s)
        return nomem(L);
    int unit = -1;
    lf_unit temp_unit = LF_UNIT_DEFAULT;
    const char *temp = NULL, *hum = NULL;
    int rc = get_string(L, map, "value_column", &s[0].column);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "unit", LOAD_UNITS, COUNT(LOAD_UNITS), &unit, L->err);
    if (rc == LF_OK)
        rc = get_string(L, map, "temperature_column", &temp);
    if (rc == LF_OK)
        rc = read_temp_unit(L, map, "temperature_unit", &temp_unit);
    if (rc == LF_OK)
        rc = get_string(L, map, "humidity_column", &hum);
    if (rc != LF_OK)
        return rc;
    s[0].kind = LF_SERIES_LOAD;
    s[0].unit = unit < 0 ? LF_UNIT_DEFAULT : (lf_unit)(LF_UNIT_KW + unit);
    size_t n = 1;
    if (temp)
        s[n++] = (lf_series_spec){temp, LF_SERIES_TEMPERATURE, temp_unit, NULL};
    if (hum)
        s[n++] = (lf_series_spec){hum, LF_SERIES_HUMIDITY, LF_UNIT_DEFAULT, NULL};
    for (size_t i = 0; i < n; i++)
        s[i].prefix = prefix;
    src->series = s;
    src->nseries = n;
    src->spec.series = s;
    src->spec.nseries = n;
    return LF_OK;
}

/* Customer id, name and column prefix "<id>_". */
static int read_identity(loader *L, const lf_ynode *map, lf_config_source *src,
                         const char **prefix)
{
    const char *id = NULL;
    int rc = lf_ymap_require(map, "id", L->err);
    if (rc == LF_OK)
        rc = lf_ymap_string(map, "id", &id, L->err);
    if (rc == LF_OK)
        rc = check_column_name(L, map, "id");
    if (rc == LF_OK)
        rc = keep(L, id, &src->id);
    if (rc == LF_OK)
        rc = get_string(L, map, "name", &src->name);
    if (rc != LF_OK)
        return rc;
    if (!src->name)
        src->name = src->id;
    size_t n = strlen(id) + 2;
    char *p = lf_arena_alloc(L->arena, n);
    if (!p)
        return nomem(L);
    snprintf(p, n, "%s_", id);
    *prefix = p;
    return LF_OK;
}

static int read_source(loader *L, const lf_ynode *map, int customer, lf_config_source *src)
{
    const char *prefix = NULL;
    int rc = lf_ynode_expect(map, LF_YMAPPING, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_check_keys(map, SOURCE_KEYS,
                                customer ? COUNT(SOURCE_KEYS) : NSOURCE_KEYS_LOAD, L->err);
    if (rc == LF_OK && customer)
        rc = read_identity(L, map, src, &prefix);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "path", L->err);
    src->spec.max_gap_intervals = -1; /* ingest's default */
    if (rc == LF_OK)
        rc = read_source_options(L, map, &src->spec);
    if (rc == LF_OK)
        rc = read_source_columns(L, map, &src->spec);
    if (rc == LF_OK)
        rc = check_layout(L, map, &src->spec);
    if (rc == LF_OK)
        rc = read_series(L, map, prefix, src);
    src->spec.first = L->cfg->first;
    src->spec.last = L->cfg->last;
    return rc;
}

static int read_customers(loader *L, const lf_ynode *seq)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, L->err);
    if (rc != LF_OK)
        return rc;
    lf_config_source *c = lf_arena_alloc(L->arena, (seq->count + 1) * sizeof *c);
    if (!c)
        return nomem(L);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++)
        rc = read_source(L, seq->items[i], 1, &c[i]);
    if (rc == LF_OK)
        rc = check_unique(L, seq, "id", "customer id");
    L->cfg->customers = c;
    L->cfg->ncustomers = seq->count;
    return rc;
}

/* ---- weather --------------------------------------------------------------------- */

static int read_weather(loader *L, const lf_ynode *map)
{
    static const char *const keys[] = {"path", "date_column", "tmin_column", "tmax_column",
                                       "tmean_column", "humidity_column", "rain_column",
                                       "unit", "delimiter"};
    lf_daily_weather_spec *w = &L->cfg->weather;
    int rc = lf_ymap_expect_required(map, keys, COUNT(keys), 2, L->err);
    if (rc == LF_OK)
        rc = get_path(L, map, "path", &w->path);
    const char **columns[] = {&w->date_column, &w->tmin_column, &w->tmax_column,
                              &w->tmean_column, &w->humidity_column, &w->rain_column};
    for (size_t i = 0; rc == LF_OK && i < COUNT(columns); i++)
        rc = get_string(L, map, keys[i + 1], columns[i]);
    if (rc == LF_OK)
        rc = read_temp_unit(L, map, "unit", &w->temperature_unit);
    if (rc == LF_OK)
        rc = get_delimiter(L, map, &w->delimiter);
    if (rc == LF_OK && !w->tmin_column && !w->tmax_column && !w->tmean_column &&
        !w->humidity_column && !w->rain_column)
        rc = lf_ynode_error(map, L->err, LF_ERR_CONFIG, "'weather' names no value column; "
                            "expected at least one of tmin_column, tmax_column, "
                            "tmean_column, humidity_column, rain_column");
    w->first = L->cfg->first;
    w->last = L->cfg->last;
    L->cfg->has_weather = rc == LF_OK;
    return rc;
}

/* ---- economy --------------------------------------------------------------------- */

static const char *const FREQUENCIES[] = {"annual", "quarterly", "monthly"};
static const char *const MAPPINGS[] = {"step", "linear"};

static int read_filter(loader *L, const lf_ynode *map, lf_economy_spec *e)
{
    static const char *const keys[] = {"column", "value"};
    int rc = lf_ymap_expect_required(map, keys, COUNT(keys), COUNT(keys), L->err);
    if (rc == LF_OK)
        rc = get_string(L, map, "column", &e->filter_column);
    if (rc == LF_OK)
        rc = get_string(L, map, "value", &e->filter_value);
    return rc;
}

static int read_scale(loader *L, const lf_ynode *map, double *scale)
{
    const lf_ynode *v = lf_ymap_get(map, "scale");
    *scale = 1;
    int rc = v ? lf_ynode_double(v, -HUGE_VAL, HUGE_VAL, scale, L->err) : LF_OK;
    if (rc == LF_OK && *scale == 0) {
        char desc[300];
        lf_ynode_describe(v, desc, sizeof desc);
        rc = lf_ynode_error(v, L->err, LF_ERR_CONFIG, "%s must be a non-zero number, got "
                            "%s", desc, v->text);
    }
    return rc;
}

static int read_indicator(loader *L, const lf_ynode *map, lf_economy_spec *e)
{
    static const char *const keys[] = {"name", "path", "period_column", "value_column",
                                       "frequency", "filter", "mapping", "scale", "unit",
                                       "delimiter"};
    int freq = 0, mapping = LF_MAP_STEP;
    int rc = lf_ymap_expect_required(map, keys, COUNT(keys), 5, L->err);
    if (rc == LF_OK)
        rc = get_string(L, map, "name", &e->name);
    if (rc == LF_OK)
        rc = check_column_name(L, map, "name");
    if (rc == LF_OK)
        rc = get_path(L, map, "path", &e->path);
    if (rc == LF_OK)
        rc = get_string(L, map, "period_column", &e->period_column);
    if (rc == LF_OK)
        rc = get_string(L, map, "value_column", &e->value_column);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "frequency", FREQUENCIES, COUNT(FREQUENCIES), &freq, L->err);
    if (rc == LF_OK && lf_ymap_get(map, "filter"))
        rc = read_filter(L, lf_ymap_get(map, "filter"), e);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "mapping", MAPPINGS, COUNT(MAPPINGS), &mapping, L->err);
    if (rc == LF_OK)
        rc = read_scale(L, map, &e->scale);
    if (rc == LF_OK)
        rc = get_string(L, map, "unit", &e->unit);
    if (rc == LF_OK)
        rc = get_delimiter(L, map, &e->delimiter);
    e->frequency = (lf_frequency)freq;
    e->mapping = (lf_mapping)mapping;
    return rc;
}

static int read_economy(loader *L, const lf_ynode *seq)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, L->err);
    if (rc != LF_OK)
        return rc;
    lf_economy_spec *e = lf_arena_alloc(L->arena, (seq->count + 1) * sizeof *e);
    if (!e)
        return nomem(L);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++)
        rc = read_indicator(L, seq->items[i], &e[i]);
    if (rc == LF_OK)
        rc = check_unique(L, seq, "name", "economy name");
    L->cfg->economy = e;
    L->cfg->neconomy = seq->count;
    return rc;
}

/* ---- calendar -------------------------------------------------------------------- */

static int read_builtin(loader *L, const lf_ynode *node, lf_config_calendar *c)
{
    const char *const *names = lf_calendar_builtin_names();
    size_t nnames = 0;
    while (names[nnames])
        nnames++;
    if (node->kind == LF_YMAPPING || lf_ynode_is_null(node))
        return lf_ynode_expect(node, LF_YSEQUENCE, L->err);
    size_t n = node->kind == LF_YSEQUENCE ? node->count : 1;
    const char **out = lf_arena_alloc(L->arena, (n + 1) * sizeof *out);
    if (!out)
        return nomem(L);
    for (size_t i = 0; i < n; i++) {
        int k;
        const lf_ynode *item = node->kind == LF_YSEQUENCE ? node->items[i] : node;
        int rc = lf_ynode_enum(item, names, nnames, &k, L->err);
        if (rc != LF_OK)
            return rc;
        out[i] = names[k]; /* static, canonical spelling */
    }
    c->builtin = out;
    c->nbuiltin = n;
    return LF_OK;
}

static int read_files(loader *L, const lf_ynode *node, lf_config_calendar *c)
{
    const char **list = NULL;
    size_t n = 0;
    int rc = lf_ynode_string_list(node, &list, &n, L->err);
    const char **out = rc == LF_OK ? lf_arena_alloc(L->arena, (n + 1) * sizeof *out) : NULL;
    if (rc == LF_OK && !out)
        rc = nomem(L);
    for (size_t i = 0; rc == LF_OK && i < n; i++)
        rc = resolve(L, list[i], &out[i]);
    free(list);
    if (rc == LF_OK) {
        c->files = out;
        c->nfiles = n;
    }
    return rc;
}

static int read_days(loader *L, const lf_ynode *seq, const lf_config_day **days, size_t *n)
{
    static const char *const keys[] = {"date", "name"};
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, L->err);
    lf_config_day *d = rc == LF_OK ? lf_arena_alloc(L->arena, (seq->count + 1) * sizeof *d)
                                   : NULL;
    if (rc == LF_OK && !d)
        rc = nomem(L);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++) {
        const lf_ynode *map = seq->items[i];
        rc = lf_ymap_expect_required(map, keys, COUNT(keys), COUNT(keys), L->err);
        if (rc == LF_OK)
            rc = lf_ymap_date(map, "date", &d[i].date, L->err);
        if (rc == LF_OK)
            rc = get_string(L, map, "name", &d[i].name);
    }
    if (rc == LF_OK) {
        *days = d;
        *n = seq->count;
    }
    return rc;
}

static const char *const RULE_KEYS[] = {"name", "month", "day", "weekday", "nth",
                                        "easter_offset", "offset_days", "observe",
                                        "first_year", "last_year"};
static const char *const WEEKDAYS[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun",
                                       "monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
static const char *const OBSERVANCES[] = {"none", "nearest_weekday", "next_monday",
                                          "next_free_weekday", "add_monday"};

static int reject_keys(loader *L, const lf_ynode *map, const char *const *keys, size_t n,
                       const char *why)
{
    int rc = LF_OK;
    for (size_t i = 0; rc == LF_OK && i < n; i++)
        rc = not_applicable(L, map, keys[i], why);
    return rc;
}

static int read_rule_fixed(loader *L, const lf_ynode *map, lf_holiday_rule *r)
{
    static const char *const bad[] = {"nth", "offset_days"};
    static const char *const why = "to a fixed-date rule (month and day)";
    int rc = reject_keys(L, map, bad, COUNT(bad), why);
    if (rc == LF_OK)
        rc = require_because(L, map, "day", "a rule with month but no weekday is a fixed "
                             "date and needs day");
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "day", 1, lf_days_in_month(2000, r->month), &r->day, L->err);
    r->kind = LF_RULE_FIXED;
    return rc;
}

static int read_rule_nth(loader *L, const lf_ynode *map, lf_holiday_rule *r)
{
    int wd = 0;
    int rc = not_applicable(L, map, "day", "to an n-th weekday rule (month, weekday, nth)");
    if (rc == LF_OK)
        rc = require_because(L, map, "nth", "a weekday rule needs nth: 1..5 or -1 (last)");
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "weekday", WEEKDAYS, COUNT(WEEKDAYS), &wd, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "nth", -1, 5, &r->nth, L->err);
    if (rc == LF_OK && r->nth == 0) {
        char desc[300];
        lf_ynode_describe(lf_ymap_get(map, "nth"), desc, sizeof desc);
        rc = lf_ynode_error(lf_ymap_get(map, "nth"), L->err, LF_ERR_CONFIG,
                            "%s must be 1..5 or -1 (last), got 0", desc);
    }
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "offset_days", -366, 366, &r->offset_days, L->err);
    r->kind = LF_RULE_NTH_WEEKDAY;
    r->weekday = wd % 7 + 1;
    return rc;
}

static int read_rule_easter(loader *L, const lf_ynode *map, lf_holiday_rule *r)
{
    static const char *const bad[] = {"month", "day", "weekday", "nth", "offset_days"};
    int rc = reject_keys(L, map, bad, COUNT(bad), "to an Easter rule (easter_offset)");
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "easter_offset", -366, 366, &r->offset_days, L->err);
    r->kind = LF_RULE_EASTER;
    return rc;
}

static int read_rule_years(loader *L, const lf_ynode *map, lf_holiday_rule *r)
{
    int rc = lf_ymap_int(map, "first_year", 1, 9999, &r->first_year, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "last_year", 1, 9999, &r->last_year, L->err);
    if (rc == LF_OK && r->first_year && r->last_year && r->first_year > r->last_year)
        rc = lf_ynode_error(lf_ymap_get(map, "last_year"), L->err, LF_ERR_CONFIG,
                            "'last_year' (%d) is before 'first_year' (%d); expected "
                            "first_year <= last_year", r->last_year, r->first_year);
    return rc;
}

static int read_rule(loader *L, const lf_ynode *map, lf_holiday_rule *r)
{
    int observe = LF_OBSERVE_NONE;
    int rc = lf_ynode_expect(map, LF_YMAPPING, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_check_keys(map, RULE_KEYS, COUNT(RULE_KEYS), L->err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "name", L->err);
    if (rc == LF_OK)
        rc = get_string(L, map, "name", &r->name);
    if (rc == LF_OK && lf_ymap_get(map, "easter_offset"))
        rc = read_rule_easter(L, map, r);
    else if (rc == LF_OK) {
        rc = require_because(L, map, "month", "a rule needs month and day, month, weekday "
                             "and nth, or easter_offset");
        if (rc == LF_OK)
            rc = lf_ymap_int(map, "month", 1, 12, &r->month, L->err);
        if (rc == LF_OK)
            rc = lf_ymap_get(map, "weekday") ? read_rule_nth(L, map, r)
                                             : read_rule_fixed(L, map, r);
    }
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "observe", OBSERVANCES, COUNT(OBSERVANCES), &observe, L->err);
    if (rc == LF_OK)
        rc = read_rule_years(L, map, r);
    r->observe = (lf_observance)observe;
    return rc;
}

static int read_rules(loader *L, const lf_ynode *seq, lf_config_calendar *c)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, L->err);
    lf_holiday_rule *r = rc == LF_OK ? lf_arena_alloc(L->arena, (seq->count + 1) * sizeof *r)
                                     : NULL;
    if (rc == LF_OK && !r)
        rc = nomem(L);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++)
        rc = read_rule(L, seq->items[i], &r[i]);
    if (rc == LF_OK) {
        c->rules = r;
        c->nrules = seq->count;
    }
    return rc;
}

static int read_years(loader *L, const lf_ynode *seq, lf_config_calendar *c)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, L->err);
    if (rc == LF_OK && seq->count != 2)
        rc = lf_ynode_error(seq, L->err, LF_ERR_CONFIG, "'years' in 'calendar' must be a "
                            "list of two years [first, last], got %zu item%s", seq->count,
                            seq->count == 1 ? "" : "s");
    if (rc == LF_OK)
        rc = lf_ynode_int(seq->items[0], 1, 9999, &c->first_year, L->err);
    if (rc == LF_OK)
        rc = lf_ynode_int(seq->items[1], 1, 9999, &c->last_year, L->err);
    if (rc == LF_OK && c->first_year > c->last_year)
        rc = lf_ynode_error(seq->items[1], L->err, LF_ERR_CONFIG, "the last calendar year "
                            "(%d) is before the first (%d); expected [first, last]",
                            c->last_year, c->first_year);
    c->has_years = rc == LF_OK;
    return rc;
}

static int read_calendar(loader *L, const lf_ynode *map)
{
    static const char *const keys[] = {"builtin", "files", "holidays", "workdays", "rules",
                                       "years"};
    lf_config_calendar *c = &L->cfg->calendar;
    const lf_ynode *v;
    int rc = lf_ynode_expect(map, LF_YMAPPING, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_check_keys(map, keys, COUNT(keys), L->err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "builtin")))
        rc = read_builtin(L, v, c);
    if (rc == LF_OK && (v = lf_ymap_get(map, "files")))
        rc = read_files(L, v, c);
    if (rc == LF_OK && (v = lf_ymap_get(map, "holidays")))
        rc = read_days(L, v, &c->holidays, &c->nholidays);
    if (rc == LF_OK && (v = lf_ymap_get(map, "workdays")))
        rc = read_days(L, v, &c->workdays, &c->nworkdays);
    if (rc == LF_OK && (v = lf_ymap_get(map, "rules")))
        rc = read_rules(L, v, c);
    if (rc == LF_OK && (v = lf_ymap_get(map, "years")))
        rc = read_years(L, v, c);
    return rc;
}

/* ---- the whole file ------------------------------------------------------------- */

static int read_output(loader *L, const lf_ynode *map)
{
    static const char *const keys[] = {"dir"};
    int rc = lf_ynode_expect(map, LF_YMAPPING, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_check_keys(map, keys, COUNT(keys), L->err);
    if (rc == LF_OK)
        rc = get_path(L, map, "dir", &L->cfg->output_dir);
    return rc;
}

/* Each candidate over the model section (or the defaults without one). */
static int read_candidates(loader *L, const lf_ynode *seq)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, L->err);
    if (rc == LF_OK && seq->count == 0)
        rc = lf_ynode_error(seq, L->err, LF_ERR_CONFIG, "'candidates' needs at least one "
                            "model");
    lf_candidate *c = rc == LF_OK ? lf_arena_alloc(L->arena, seq->count * sizeof *c) : NULL;
    if (rc == LF_OK && !c)
        return nomem(L);
    lf_config_model base = L->cfg->model;
    if (!L->cfg->has_model)
        lf_config_read_defaults(&base);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++) {
        memset(&c[i], 0, sizeof c[i]);
        rc = lf_config_read_candidate(seq->items[i], &base, &c[i], L->err);
        for (size_t j = 0; rc == LF_OK && j < i; j++)
            if (strcmp(c[i].name, c[j].name) == 0)
                rc = lf_ynode_error(lf_ymap_get(seq->items[i], "name"), L->err,
                                    LF_ERR_CONFIG, "candidate name '%s' is used twice",
                                    c[i].name);
    }
    if (rc == LF_OK && lf_candidates_check(c, seq->count, L->err) != LF_OK)
        rc = lf_ynode_relocate(seq, L->err, "");
    L->cfg->candidates = c;
    L->cfg->ncandidates = rc == LF_OK ? seq->count : 0;
    return rc;
}

/* The forecast section over the model section; its defaults when absent. */
static int read_forecast(loader *L, const lf_ynode *map)
{
    lf_config_model base = L->cfg->model;
    if (!L->cfg->has_model)
        lf_config_read_defaults(&base);
    if (!map) {
        lf_config_forecast_defaults(&base, &L->cfg->forecast);
        return LF_OK;
    }
    int rc = lf_config_read_forecast(map, &base, L->arena, &L->cfg->forecast, L->err);
    L->cfg->has_forecast = rc == LF_OK;
    return rc;
}

static int read_root(loader *L, const lf_ynode *root)
{
    static const char *const keys[] = {"name", "period", "calendar", "load", "customers",
                                       "weather", "economy", "model", "candidates",
                                       "selection", "backtest", "forecast", "peakshift",
                                       "tariff", "crm", "plan", "output"};
    lf_config *cfg = L->cfg;
    const lf_ynode *v;
    int rc = lf_ynode_expect(root, LF_YMAPPING, L->err);
    if (rc == LF_OK)
        rc = lf_ymap_check_keys(root, keys, COUNT(keys), L->err);
    if (rc == LF_OK)
        rc = lf_ymap_require(root, "name", L->err);
    if (rc == LF_OK)
        rc = get_string(L, root, "name", &cfg->name);
    /* period first: every data spec copies it */
    if (rc == LF_OK && (v = lf_ymap_get(root, "period")))
        rc = read_period(L, v);
    if (rc == LF_OK && (v = lf_ymap_get(root, "calendar")))
        rc = read_calendar(L, v);
    if (rc == LF_OK && (v = lf_ymap_get(root, "load"))) {
        rc = read_source(L, v, 0, &cfg->load);
        cfg->has_load = rc == LF_OK;
    }
    if (rc == LF_OK && (v = lf_ymap_get(root, "customers")))
        rc = read_customers(L, v);
    if (rc == LF_OK && (v = lf_ymap_get(root, "weather")))
        rc = read_weather(L, v);
    if (rc == LF_OK && (v = lf_ymap_get(root, "economy")))
        rc = read_economy(L, v);
    if (rc == LF_OK && (v = lf_ymap_get(root, "model"))) {
        rc = lf_config_read_model(v, &cfg->model, L->err);
        cfg->has_model = rc == LF_OK;
    }
    if (rc == LF_OK && (v = lf_ymap_get(root, "candidates")))
        rc = read_candidates(L, v);
    if (rc == LF_OK && (v = lf_ymap_get(root, "selection"))) {
        rc = lf_config_read_selection(v, &cfg->selection, L->err);
        cfg->has_selection = rc == LF_OK;
    }
    if (rc == LF_OK && (v = lf_ymap_get(root, "backtest"))) {
        rc = lf_config_read_backtest(v, &cfg->backtest, L->err);
        cfg->has_backtest = rc == LF_OK;
    }
    if (rc == LF_OK)
        rc = read_forecast(L, lf_ymap_get(root, "forecast"));
    if (rc == LF_OK && (v = lf_ymap_get(root, "peakshift"))) {
        rc = lf_config_read_peakshift(v, L->arena, cfg->dir, &cfg->peakshift, L->err);
        cfg->has_peakshift = rc == LF_OK;
    }
    /* plan after forecast and peakshift: it checks its quantile against the
     * forecast's and takes peakshift's portfolio */
    if (rc == LF_OK && (v = lf_ymap_get(root, "plan"))) {
        rc = lf_config_read_plan(v, L->arena, cfg, &cfg->plan, L->err);
        cfg->has_plan = rc == LF_OK;
    }
    if (rc == LF_OK && (v = lf_ymap_get(root, "tariff"))) {
        rc = lf_config_read_tariff(v, L->arena, cfg->dir, cfg->customers, cfg->ncustomers,
                                   &cfg->tariff, L->err);
        cfg->has_tariff = rc == LF_OK;
    }
    if (rc == LF_OK && (v = lf_ymap_get(root, "crm"))) {
        rc = lf_config_read_crm(v, L->arena, cfg->dir, &cfg->crm, L->err);
        cfg->has_crm = rc == LF_OK;
    }
    if (rc == LF_OK && (v = lf_ymap_get(root, "output")))
        rc = read_output(L, v);
    if (rc == LF_OK && !cfg->output_dir)
        rc = resolve(L, "out", &cfg->output_dir);
    return rc;
}

/* Directory part of a path: "a/b.yaml" -> "a", "b.yaml" -> ".", "/b" -> "/". */
static int dir_of(loader *L, const char *path, const char **out)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return keep(L, ".", out);
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = lf_arena_alloc(L->arena, n + 1);
    if (!d)
        return nomem(L);
    memcpy(d, path, n);
    *out = d;
    return LF_OK;
}

/* A config with its arena, path and dir set; NULL when out of memory. */
static lf_config *new_config(loader *L, const char *path, const char *dir)
{
    L->arena = lf_arena_new();
    L->cfg = L->arena ? lf_arena_alloc(L->arena, sizeof *L->cfg) : NULL;
    if (!L->cfg || !(L->cfg->path = lf_arena_strdup(L->arena, path))) {
        lf_arena_free(L->arena);
        lf_error_set(L->err, LF_ERR_NOMEM, "out of memory loading %s", path);
        return NULL;
    }
    L->cfg->arena_ = L->arena;
    L->cfg->first = 1; /* first > last: no period */
    L->cfg->last = 0;
    int rc = dir ? keep(L, *dir ? dir : ".", &L->cfg->dir) : dir_of(L, path, &L->cfg->dir);
    if (rc != LF_OK) {
        lf_arena_free(L->arena);
        return NULL;
    }
    return L->cfg;
}

/* Turn a parsed document into a config; takes ownership of doc. */
static int finish(lf_ydoc *doc, const char *path, const char *dir, lf_config **out,
                  lf_error *err)
{
    loader L = {.err = err};
    lf_config *cfg = new_config(&L, path, dir);
    int rc = cfg ? LF_OK : LF_ERR_NOMEM;
    const lf_ynode *root = lf_ydoc_root(doc);
    if (rc == LF_OK && !root)
        rc = lf_error_at(err, LF_ERR_CONFIG, path, 1, 1, "the config is empty; expected a "
                         "mapping with at least 'name'");
    if (rc == LF_OK)
        rc = read_root(&L, root);
    lf_ydoc_free(doc);
    if (rc != LF_OK) {
        lf_config_free(cfg);
        return rc;
    }
    *out = cfg;
    return LF_OK;
}

int lf_config_load(const char *path, lf_config **out, lf_error *err)
{
    if (!out || !path)
        return lf_error_set(err, LF_ERR_ARG, "lf_config_load needs a path and out");
    *out = NULL;
    lf_ydoc *doc;
    int rc = lf_ydoc_load_file(path, &doc, err);
    return rc == LF_OK ? finish(doc, path, NULL, out, err) : rc;
}

int lf_config_load_string(const char *text, const char *name_for_errors,
                          const char *base_dir, lf_config **out, lf_error *err)
{
    if (!out || !text)
        return lf_error_set(err, LF_ERR_ARG, "lf_config_load_string needs text and out");
    *out = NULL;
    const char *name = name_for_errors ? name_for_errors : "<string>";
    lf_ydoc *doc;
    int rc = lf_ydoc_load_string(text, strlen(text), name, &doc, err);
    return rc == LF_OK ? finish(doc, name, base_dir ? base_dir : ".", out, err) : rc;
}

void lf_config_free(lf_config *cfg)
{
    if (cfg)
        lf_arena_free(cfg->arena_); /* the config itself lives in its arena */
}

/* ---- building the calendar ------------------------------------------------------ */

/* Prefix a calendar error with what in the config caused it. */
static int calendar_error(const lf_config *cfg, lf_error *err, int rc, const char *what,
                          const char *name)
{
    return lf_error_prefix(err, rc, "%s: calendar %s '%s': ", cfg->path, what, name);
}

static int add_days(const lf_config *cfg, lf_calendar *cal, const lf_config_day *days,
                    size_t n, int workday, lf_error *err)
{
    int first = lf_calendar_first_year(cal), last = lf_calendar_last_year(cal);
    for (size_t i = 0; i < n; i++) {
        int y = lf_date_year(days[i].date);
        if (y < first || y > last)
            continue; /* outside the years asked for: irrelevant, not wrong */
        int rc = workday ? lf_calendar_add_workday(cal, days[i].date, days[i].name, err)
                         : lf_calendar_add_holiday(cal, days[i].date, days[i].name, err);
        if (rc != LF_OK)
            return calendar_error(cfg, err, rc, workday ? "workday" : "holiday",
                                  days[i].name);
    }
    return LF_OK;
}

static int fill_calendar(const lf_config *cfg, lf_calendar *cal, lf_error *err)
{
    const lf_config_calendar *c = &cfg->calendar;
    int rc = LF_OK;
    for (size_t i = 0; rc == LF_OK && i < c->nbuiltin; i++)
        if ((rc = lf_calendar_add_builtin(cal, c->builtin[i], err)) != LF_OK)
            rc = calendar_error(cfg, err, rc, "builtin", c->builtin[i]);
    for (size_t i = 0; rc == LF_OK && i < c->nfiles; i++)
        rc = lf_calendar_load_csv(cal, c->files[i], err); /* located by the reader */
    for (size_t i = 0; rc == LF_OK && i < c->nrules; i++)
        if ((rc = lf_calendar_add_rule(cal, &c->rules[i], err)) != LF_OK)
            rc = calendar_error(cfg, err, rc, "rule", c->rules[i].name);
    if (rc == LF_OK)
        rc = add_days(cfg, cal, c->holidays, c->nholidays, 0, err);
    if (rc == LF_OK)
        rc = add_days(cfg, cal, c->workdays, c->nworkdays, 1, err);
    return rc;
}

int lf_config_build_calendar(const lf_config *cfg, int first_year, int last_year,
                             lf_calendar **out, lf_error *err)
{
    lf_error local;
    if (!err)
        err = &local; /* the wrappers above read the message back */
    if (!cfg || !out)
        return lf_error_set(err, LF_ERR_ARG, "lf_config_build_calendar needs cfg and out");
    *out = NULL;
    if (cfg->calendar.has_years) {
        first_year = cfg->calendar.first_year;
        last_year = cfg->calendar.last_year;
    }
    lf_error_clear(err);
    lf_calendar *cal = lf_calendar_new(first_year, last_year, err);
    if (!cal)
        return err->code != LF_OK ? err->code : LF_ERR_RANGE;
    int rc = fill_calendar(cfg, cal, err);
    if (rc != LF_OK) {
        lf_calendar_free(cal);
        return rc;
    }
    *out = cal;
    return LF_OK;
}
