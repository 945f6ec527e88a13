/* config_peakshift.c - the 'peakshift' section of a project config (keys
 * documented in config.h).  The files it names are read when a schedule is
 * made (config_peakshift_data.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_MW 1e7       /* a bound, not a model: catches a limit written in kW */

typedef struct reader {
    lf_arena *arena;
    const char *dir;      /* the config file's directory */
    lf_error *err;
} reader;

static int keep(reader *R, const char *text, const char **out)
{
    if (!text)
        return LF_OK;
    *out = lf_arena_strdup(R->arena, text);
    return *out ? LF_OK : lf_error_set(R->err, LF_ERR_NOMEM, "out of memory reading "
                                       "'peakshift'");
}

static int get_string(reader *R, const lf_ynode *map, const char *key, const char **out)
{
    const char *s = NULL;
    int rc = lf_ymap_string(map, key, &s, R->err);
    return rc == LF_OK ? keep(R, s, out) : rc;
}

static int read_days(reader *R, const lf_ynode *map, lf_config_peakshift *ps)
{
    int rc = lf_config_read_optional_days(map, "peakshift", &ps->has_first, &ps->first,
                                          &ps->has_last, &ps->last, R->err);
    if (rc != LF_OK || !ps->has_first || !ps->has_last ||
        ps->last - ps->first < LF_PEAKSHIFT_MAX_DAYS)
        return rc;
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    lf_date_format(ps->first, a);
    lf_date_format(ps->last, b);
    return lf_ynode_error(lf_ymap_get(map, "last"), R->err, LF_ERR_CONFIG, "'peakshift' "
                          "schedules at most %d days, got %s .. %s", LF_PEAKSHIFT_MAX_DAYS, a, b);
}

static int read_demand(reader *R, const lf_ynode *map, lf_config_peakshift *ps)
{
    static const char *const keys[] = {"file", "column", "scenario"};
    int rc = lf_ymap_expect_required(map, keys, COUNT(keys), 2, R->err);
    if (rc == LF_OK)
        rc = lf_config_get_path(R->arena, R->dir, map, "file", &ps->demand_file, R->err);
    if (rc == LF_OK)
        rc = get_string(R, map, "column", &ps->demand_column);
    if (rc == LF_OK)
        rc = get_string(R, map, "scenario", &ps->demand_scenario);
    if (rc == LF_OK && ps->demand_scenario &&
        strlen(ps->demand_scenario) >= LF_SCENARIO_NAME_MAX)
        rc = lf_ynode_error(lf_ymap_get(map, "scenario"), R->err, LF_ERR_CONFIG, "a scenario "
                            "name has at most %d characters", LF_SCENARIO_NAME_MAX - 1);
    return rc;
}

static int read_profile(reader *R, const lf_ynode *map, lf_config_peakshift *ps)
{
    static const char *const keys[] = {"file", "column"};
    ps->profile_column = "mw";
    int rc = lf_ymap_expect_required(map, keys, COUNT(keys), 1, R->err);
    if (rc == LF_OK)
        rc = lf_config_get_path(R->arena, R->dir, map, "file", &ps->profile_file, R->err);
    if (rc == LF_OK)
        rc = get_string(R, map, "column", &ps->profile_column);
    return rc;
}

/* ---- limit_mw: a number, months, or a daily file ------------------------------------ */

static const char *const LIMIT_FORMS = "limit_mw is a number (MW), a limit per month "
                                       "{2025-07: 9300, ...} or a daily file {file: "
                                       "limit.csv, column: limit_mw}";

static int limit_figure(const lf_ynode *node, const void *ctx, double *out, lf_error *err)
{
    (void)ctx;
    return lf_ynode_double(node, 0, MAX_MW, out, err);
}

static int read_limit_months(reader *R, const lf_ynode *map, lf_config_peakshift *ps)
{
    static const char *const file_keys[] = {"file", "column"};
    const lf_config_month_form form = {limit_figure, NULL, file_keys, COUNT(file_keys),
                                       LIMIT_FORMS};
    int rc = lf_config_read_months(map, R->arena, &form, &ps->limit_months, R->err);
    if (rc != LF_OK)
        return rc;
    ps->limit_kind = LF_LIMIT_MONTHLY;
    ps->nlimit_months = map->count;
    return LF_OK;
}

static int read_limit_file(reader *R, const lf_ynode *map, lf_config_peakshift *ps)
{
    static const char *const keys[] = {"file", "column"};
    int year, month;
    for (size_t i = 0; i < map->count; i++)
        if (lf_config_parse_month(map->pairs[i].key->text, &year, &month))
            return lf_ynode_error(map->pairs[i].key, R->err, LF_ERR_CONFIG, "give "
                                  "'peakshift.limit_mw' either per month or as a file "
                                  "{file, column}, not both");
    ps->limit_kind = LF_LIMIT_FILE;
    ps->limit_column = "limit_mw";
    int rc = lf_ymap_expect_required(map, keys, COUNT(keys), 1, R->err);
    if (rc == LF_OK)
        rc = lf_config_get_path(R->arena, R->dir, map, "file", &ps->limit_file, R->err);
    if (rc == LF_OK)
        rc = get_string(R, map, "column", &ps->limit_column);
    return rc;
}

static int read_limit(reader *R, const lf_ynode *node, lf_config_peakshift *ps)
{
    ps->limit_line = node->line;
    ps->limit_col = node->column;
    if (node->kind == LF_YSCALAR) {
        ps->limit_kind = LF_LIMIT_CONSTANT;
        return lf_ynode_double(node, 0, MAX_MW, &ps->limit_mw, R->err);
    }
    if (node->kind == LF_YMAPPING && node->count > 0)
        return lf_ymap_get(node, "file") || lf_ymap_get(node, "column")
                   ? read_limit_file(R, node, ps)
                   : read_limit_months(R, node, ps);
    return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "'limit_mw' in 'peakshift' got %s; %s",
                          node->kind == LF_YMAPPING ? "an empty mapping"
                                                    : lf_ynode_kind_name(node->kind),
                          LIMIT_FORMS);
}

int lf_config_read_peakshift(const lf_ynode *map, lf_arena *arena, const char *dir,
                             lf_config_peakshift *ps, lf_error *err)
{
    static const char *const keys[] = {"portfolio", "demand", "limit_mw", "first", "last",
                                       "profile", "spread_rest_days", "fair",
                                       "seconds_per_stage", "method", "exact_max_calls",
                                       "tiers"};
    const char *methods[] = {lf_peakshift_method_name(LF_PEAKSHIFT_AUTO),
                             lf_peakshift_method_name(LF_PEAKSHIFT_EXACT),
                             lf_peakshift_method_name(LF_PEAKSHIFT_GREEDY)};
    reader R = {arena, dir, err};
    memset(ps, 0, sizeof *ps);
    lf_peakshift_spec_init(&ps->spec);
    int method = (int)ps->spec.method, max_calls = (int)ps->spec.exact_max_calls;
    const lf_ynode *v;
    int rc = lf_ymap_expect_required(map, keys, COUNT(keys), 3, R.err);
    if (rc == LF_OK)
        rc = lf_config_get_path(R.arena, R.dir, map, "portfolio", &ps->portfolio, R.err);
    if (rc == LF_OK)
        rc = lf_config_get_path(R.arena, R.dir, map, "tiers", &ps->tiers, R.err);
    if (rc == LF_OK)
        rc = read_days(&R, map, ps);
    if (rc == LF_OK)
        rc = read_demand(&R, lf_ymap_get(map, "demand"), ps);
    if (rc == LF_OK)
        rc = read_limit(&R, lf_ymap_get(map, "limit_mw"), ps);
    if (rc == LF_OK && (v = lf_ymap_get(map, "profile")))
        rc = read_profile(&R, v, ps);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "spread_rest_days", &ps->spec.spread_rest_days, err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "fair", &ps->spec.fair, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "seconds_per_stage", 0.001, 86400, &ps->spec.seconds_per_stage,
                            err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "method", methods, COUNT(methods), &method, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "exact_max_calls", 1, 100000000, &max_calls, err);
    ps->spec.method = (lf_peakshift_method)method;
    ps->spec.exact_max_calls = (size_t)max_calls;
    return rc;
}
