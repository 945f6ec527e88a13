/* config_model.c - the 'model' section of a project config: YAML -> checked
 * lf_config_model (keys documented in config.h).  Every value is checked
 * where it is read, so errors point at the offending line and column. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config_internal.h"
#include "yaml_tree.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A name copied into a fixed buffer of the spec, checked for length and for
 * characters that would break CSV output. */
static int get_name(const lf_ynode *map, const char *key, char *out, size_t size,
                    lf_error *err)
{
    const char *s = NULL;
    int rc = lf_ymap_string(map, key, &s, err);
    if (rc != LF_OK || !s)
        return rc;
    const lf_ynode *v = lf_ymap_get(map, key);
    if (strlen(s) >= size)
        return lf_ynode_error(v, err, LF_ERR_CONFIG, "'%s' is longer than %zu characters",
                              key, size - 1);
    if (strpbrk(s, ",;\"\t\r\n"))
        return lf_ynode_error(v, err, LF_ERR_CONFIG, "'%s' must not contain , ; \" tab or "
                              "line breaks; it names an output column", key);
    memcpy(out, s, strlen(s) + 1);
    return LF_OK;
}

/* A number or a list of numbers in [min, max]. */
static int get_numbers(const lf_ynode *node, double min, double max, double *out, size_t *n,
                       lf_error *err)
{
    if (node->kind == LF_YSCALAR) {
        *n = 1;
        return lf_ynode_double(node, min, max, &out[0], err);
    }
    int rc = lf_ynode_expect(node, LF_YSEQUENCE, err);
    if (rc == LF_OK && node->count > LF_FEATURE_MAX)
        rc = lf_ynode_error(node, err, LF_ERR_CONFIG, "at most %d values, got %zu",
                            LF_FEATURE_MAX, node->count);
    for (size_t i = 0; rc == LF_OK && i < node->count; i++)
        rc = lf_ynode_double(node->items[i], min, max, &out[i], err);
    if (rc == LF_OK)
        *n = node->count;
    return rc;
}

/* hdd / cdd: 'auto', a base, or a list of bases. */
static int get_bases(const lf_ynode *map, const char *key, double *bases, size_t *n,
                     int *is_auto, lf_error *err)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    if (!v)
        return LF_OK;
    if (v->kind == LF_YSCALAR && strcmp(v->text, "auto") == 0) {
        *is_auto = 1;
        return LF_OK;
    }
    return get_numbers(v, -50, 50, bases, n, err);
}

static int read_grid(const lf_ynode *map, lf_temperature_spec *t, lf_error *err)
{
    static const char *const keys[] = {"from", "to", "step", "coarse"};
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "from", -50, 50, &t->grid_from, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "to", -50, 50, &t->grid_to, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "step", 0.01, 10, &t->grid_step, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "coarse", 0.02, 50, &t->grid_coarse, err);
    if (rc == LF_OK && t->grid_coarse != 0 && t->grid_coarse <= t->grid_step)
        rc = lf_ynode_error(lf_ymap_get(map, "coarse"), err, LF_ERR_CONFIG, "degree-day grid: "
                            "'coarse' (%g) must be larger than 'step' (%g)", t->grid_coarse,
                            t->grid_step);
    if (rc == LF_OK && t->grid_from > t->grid_to)
        rc = lf_ynode_error(map, err, LF_ERR_CONFIG, "degree-day grid: 'from' (%g) is above "
                            "'to' (%g)", t->grid_from, t->grid_to);
    return rc;
}

static int read_lags(const lf_ynode *node, lf_temperature_spec *t, lf_error *err)
{
    double v[LF_FEATURE_MAX];
    int rc = get_numbers(node, 1, 366, v, &t->nlags, err);
    for (size_t i = 0; rc == LF_OK && i < t->nlags; i++) {
        if (v[i] != floor(v[i]))
            return lf_ynode_error(node, err, LF_ERR_CONFIG, "lags are whole days, got %g",
                                  v[i]);
        t->lags[i] = (int)v[i];
    }
    return rc;
}

static int read_temperature(const lf_ynode *map, lf_temperature_spec *t, lf_error *err)
{
    static const char *const keys[] = {"column", "polynomial", "hdd", "cdd", "grid",
                                       "knots", "by_month", "by_day_type", "lags", "smooth"};
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = get_name(map, "column", t->column, sizeof t->column, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "polynomial", 0, 3, &t->polynomial, err);
    if (rc == LF_OK)
        rc = get_bases(map, "hdd", t->hdd, &t->nhdd, &t->auto_hdd, err);
    if (rc == LF_OK)
        rc = get_bases(map, "cdd", t->cdd, &t->ncdd, &t->auto_cdd, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "grid")))
        rc = read_grid(v, t, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "knots")))
        rc = get_numbers(v, -50, 50, t->knots, &t->nknots, err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "by_month", &t->by_month, err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "by_day_type", &t->by_day_type, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "lags")))
        rc = read_lags(v, t, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "smooth")))
        rc = get_numbers(v, 1e-6, 1, t->smooth, &t->nsmooth, err);
    return rc;
}

static int read_window(const lf_ynode *map, lf_holiday_window *w, lf_error *err)
{
    static const char *const keys[] = {"holiday", "before", "after"};
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "holiday", err);
    if (rc == LF_OK)
        rc = get_name(map, "holiday", w->holiday, sizeof w->holiday, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "before", 0, 60, &w->before, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "after", 0, 60, &w->after, err);
    return rc;
}

static int read_economy_term(const lf_ynode *map, lf_economy_term *e, lf_error *err)
{
    static const char *const keys[] = {"column", "transform"};
    static const char *const transforms[] = {"level", "log"};
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "column", err);
    if (rc == LF_OK)
        rc = get_name(map, "column", e->column, sizeof e->column, err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "transform", transforms, COUNT(transforms), &e->log, err);
    return rc;
}

static int read_event(const lf_ynode *map, lf_event_spec *e, lf_error *err)
{
    static const char *const keys[] = {"name", "kind", "start", "end"};
    static const char *const kinds[] = {"step", "ramp"};
    int kind = 0, rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    for (size_t k = 0; rc == LF_OK && k < 2; k++)
        rc = lf_ymap_require(map, k ? "start" : "name", err);
    if (rc == LF_OK)
        rc = get_name(map, "name", e->name, sizeof e->name, err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "kind", kinds, COUNT(kinds), &kind, err);
    e->kind = (lf_event_kind)kind;
    if (rc == LF_OK)
        rc = lf_ymap_date(map, "start", &e->start, err);
    if (rc == LF_OK && kind == LF_EVENT_RAMP)
        rc = lf_ymap_require(map, "end", err);
    if (rc == LF_OK)
        rc = lf_ymap_date(map, "end", &e->end, err);
    if (rc == LF_OK && lf_ymap_get(map, "end") && e->end < e->start)
        rc = lf_ynode_error(lf_ymap_get(map, "end"), err, LF_ERR_CONFIG, "event '%s' ends "
                            "before it starts", e->name);
    return rc;
}

/* A list of mappings read one by one into items of size `size`. */
static int read_list(const lf_ynode *seq, void *items, size_t size, size_t *n,
                     int (*read)(const lf_ynode *, void *, lf_error *), lf_error *err)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, err);
    if (rc == LF_OK && seq->count > LF_FEATURE_MAX)
        rc = lf_ynode_error(seq, err, LF_ERR_CONFIG, "at most %d entries, got %zu",
                            LF_FEATURE_MAX, seq->count);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++)
        rc = read(seq->items[i], (char *)items + i * size, err);
    if (rc == LF_OK)
        *n = seq->count;
    return rc;
}

static int read_window_v(const lf_ynode *m, void *w, lf_error *e) { return read_window(m, w, e); }
static int read_economy_v(const lf_ynode *m, void *x, lf_error *e) { return read_economy_term(m, x, e); }
static int read_event_v(const lf_ynode *m, void *x, lf_error *e) { return read_event(m, x, e); }

static int read_calendar_flags(const lf_ynode *map, lf_feature_spec *f, lf_error *err)
{
    static const char *const trends[] = {"none", "linear", "quadratic"};
    int rc = lf_ymap_bool(map, "intercept", &f->intercept, err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "trend", trends, COUNT(trends), &f->trend, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "trend_damping", 0, 1, &f->trend_damping, err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "day_of_week", &f->day_of_week, err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "month", &f->month, err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "holiday", &f->holiday, err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "bridge_day", &f->bridge_day, err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "makeup_workday", &f->makeup_workday, err);
    return rc;
}

static int read_features(const lf_ynode *map, lf_feature_spec *f, lf_error *err)
{
    static const char *const keys[] = {"intercept", "trend", "trend_damping", "day_of_week",
                                       "month",
                                       "holiday", "bridge_day", "makeup_workday",
                                       "holiday_windows", "fourier", "temperature",
                                       "humidity", "economy", "events"};
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = read_calendar_flags(map, f, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "holiday_windows")))
        rc = read_list(v, f->windows, sizeof f->windows[0], &f->nwindows, read_window_v, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "fourier", 0, 12, &f->fourier, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "temperature")))
        rc = read_temperature(v, &f->temperature, err);
    if (rc == LF_OK)
        rc = get_name(map, "humidity", f->humidity, sizeof f->humidity, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "economy")))
        rc = read_list(v, f->economy, sizeof f->economy[0], &f->neconomy, read_economy_v, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "events")))
        rc = read_list(v, f->events, sizeof f->events[0], &f->nevents, read_event_v, err);
    return rc;
}

static int read_weights(const lf_ynode *map, lf_model_spec *s, lf_error *err)
{
    static const char *const keys[] = {"column", "halflife_days"};
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK && (lf_ymap_get(map, "column") != NULL) ==
                           (lf_ymap_get(map, "halflife_days") != NULL))
        rc = lf_ynode_error(map, err, LF_ERR_CONFIG, "'weights' needs exactly one of "
                            "'column' and 'halflife_days'");
    if (rc == LF_OK)
        rc = get_name(map, "column", s->weight_column, sizeof s->weight_column, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "halflife_days", 1, 1e5, &s->halflife_days, err);
    return rc;
}

/* first/last of a days mapping; both required. */
int lf_config_read_days(const lf_ynode *map, lf_date *first, lf_date *last, lf_error *err)
{
    static const char *const keys[] = {"first", "last"};
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    for (size_t k = 0; rc == LF_OK && k < 2; k++)
        rc = lf_ymap_require(map, keys[k], err);
    if (rc == LF_OK)
        rc = lf_ymap_date(map, "first", first, err);
    if (rc == LF_OK)
        rc = lf_ymap_date(map, "last", last, err);
    if (rc == LF_OK && *first > *last) {
        char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
        lf_date_format(*first, a);
        lf_date_format(*last, b);
        rc = lf_ynode_error(lf_ymap_get(map, "last"), err, LF_ERR_CONFIG, "'last' (%s) is "
                            "before 'first' (%s)", b, a);
    }
    return rc;
}

static int read_fit(const lf_ynode *map, lf_config_model *m, lf_error *err)
{
    static const char *const methods[] = {"ols", "wls", "ridge"};
    static const char *const policies[] = {"drop", "reject"};
    lf_model_spec *s = &m->spec;
    int method = (int)s->fit.method, policy = (int)s->fit.collinear;
    const lf_ynode *v;
    int rc = lf_ymap_enum(map, "method", methods, COUNT(methods), &method, err);
    s->fit.method = (lf_fit_method)method;
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "ridge_lambda", 0, 1e12, &s->fit.ridge_lambda, err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "collinear", policies, COUNT(policies), &policy, err);
    s->fit.collinear = (lf_collinear_policy)policy;
    if (rc == LF_OK && (v = lf_ymap_get(map, "weights")))
        rc = read_weights(v, s, err);
    if (rc == LF_OK && s->fit.method == LF_FIT_WLS && !lf_ymap_get(map, "weights"))
        rc = lf_ynode_error(map, err, LF_ERR_CONFIG, "method 'wls' needs 'weights' "
                            "(column or halflife_days)");
    if (rc == LF_OK && s->fit.method != LF_FIT_WLS && lf_ymap_get(map, "weights"))
        rc = lf_ynode_error(lf_ymap_key(map, "weights"), err, LF_ERR_CONFIG, "'weights' "
                            "applies to method 'wls' only");
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "interval", 0.5, 0.999, &m->level, err);
    return rc;
}

/* ets: {trend, season, period}, every key optional. */
static int read_ets(const lf_ynode *map, lf_ets_spec *e, lf_error *err)
{
    static const char *const keys[] = {"trend", "season", "period"};
    static const char *const trends[] = {"none", "additive", "damped"};
    static const char *const seasons[] = {"none", "additive", "multiplicative"};
    int trend = (int)e->trend, season = (int)e->season;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "trend", trends, COUNT(trends), &trend, err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "season", seasons, COUNT(seasons), &season, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "period", LF_ETS_PERIOD_MIN, LF_ETS_PERIOD_MAX, &e->period, err);
    e->trend = (lf_ets_trend)trend;
    e->season = (lf_ets_season)season;
    return rc;
}

/* kind, and the options of the error process, seasonal naive and ETS. */
static int read_kind(const lf_ynode *map, lf_model_spec *s, lf_error *err)
{
    const char *kinds[LF_MODEL_KIND_COUNT]; /* the names lf_model_kind_name gives */
    for (int i = 0; i < LF_MODEL_KIND_COUNT; i++)
        kinds[i] = lf_model_kind_name((lf_model_kind)i);
    static const int lags[] = {7, 364};
    int kind = (int)s->kind;
    int rc = lf_ymap_enum(map, "kind", kinds, COUNT(kinds), &kind, err);
    s->kind = (lf_model_kind)kind;
    const lf_ynode *v = lf_ymap_get(map, "ar_order");
    if (rc == LF_OK && v && v->kind == LF_YSCALAR && strcmp(v->text, "auto") == 0)
        s->ar_order = -1;
    else if (rc == LF_OK)
        rc = lf_ymap_int(map, "ar_order", 0, LF_AR_MAX, &s->ar_order, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "ar_max", 1, LF_AR_MAX, &s->ar_max, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "season_lag")))
        rc = lf_ynode_int_choice(v, lags, COUNT(lags), &s->season_lag, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "ets")))
        rc = read_ets(v, &s->ets, err);
    return rc;
}

/* The keys of a model section read onto m, whose spec holds the defaults or
 * the candidates' base; features, when given, replace the base's wholesale. */
static int read_model_onto(const lf_ynode *map, lf_config_model *m, lf_error *err)
{
    const lf_ynode *v;
    int rc = get_name(map, "target", m->spec.target, sizeof m->spec.target, err);
    if (rc == LF_OK)
        rc = read_kind(map, &m->spec, err);
    if (rc == LF_OK)
        rc = read_fit(map, m, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "train"))) {
        rc = lf_config_read_days(v, &m->train_first, &m->train_last, err);
        m->has_train = rc == LF_OK;
    }
    if (rc == LF_OK && (v = lf_ymap_get(map, "test"))) {
        rc = lf_config_read_days(v, &m->test_first, &m->test_last, err);
        m->has_test = rc == LF_OK;
    }
    if (rc == LF_OK && (v = lf_ymap_get(map, "features"))) {
        lf_feature_spec_init(&m->spec.features);
        rc = read_features(v, &m->spec.features, err);
    }
    if (rc == LF_OK && lf_feature_spec_check(&m->spec.features, err) != LF_OK)
        rc = lf_ynode_relocate(lf_ymap_get(map, "features") ? lf_ymap_get(map, "features") : map,
                               err, "model features: ");
    return rc;
}

#define MODEL_KEYS "kind", "target", "method", "ridge_lambda", "collinear", "weights", \
                   "ar_order", "ar_max", "season_lag", "ets", "features"

void lf_config_read_defaults(lf_config_model *m)
{
    memset(m, 0, sizeof *m);
    lf_model_spec_init(&m->spec);
    m->level = 0.95;
}

int lf_config_read_model(const lf_ynode *map, lf_config_model *m, lf_error *err)
{
    static const char *const keys[] = {MODEL_KEYS, "interval", "train", "test"};
    lf_config_read_defaults(m);
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    return rc == LF_OK ? read_model_onto(map, m, err) : rc;
}

int lf_config_read_model_over(const lf_ynode *map, const lf_config_model *base,
                              lf_model_spec *spec, lf_error *err)
{
    static const char *const keys[] = {MODEL_KEYS};
    lf_config_model m = *base;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = read_model_onto(map, &m, err);
    *spec = m.spec;
    return rc;
}

int lf_config_read_candidate(const lf_ynode *map, const lf_config_model *base,
                             lf_candidate *c, lf_error *err)
{
    static const char *const keys[] = {"name", MODEL_KEYS};
    lf_config_model m = *base;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "name", err);
    if (rc == LF_OK)
        rc = get_name(map, "name", c->name, sizeof c->name, err);
    if (rc == LF_OK && lf_candidates_check(c, 1, err) != LF_OK)
        rc = lf_ynode_relocate(lf_ymap_get(map, "name"), err, "");
    if (rc == LF_OK)
        rc = read_model_onto(map, &m, err);
    c->spec = m.spec;
    return rc;
}
