/* config_plan.c - the 'plan' section of a project config (keys documented in
 * config.h): what lfc plan balances.  The demand files, the in-process
 * forecast and the portfolio are read when the plan is made; the supply is
 * in config_plan_supply.c. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/suggest.h"
#include "config_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define QUANTILE_TOP 99.9  /* the forecast's quantiles are 0.001..0.999 */

typedef struct reader {
    lf_arena *arena;
    const lf_config *cfg;  /* the sections read before this one */
    lf_error *err;
} reader;

/* An arena copy: the YAML tree is dropped after loading. */
static int keep(reader *R, const char *text, const char **out)
{
    *out = lf_arena_strdup(R->arena, text);
    return *out ? LF_OK : lf_error_set(R->err, LF_ERR_NOMEM, "out of memory reading 'plan'");
}

static int read_first(reader *R, const lf_ynode *map, lf_config_plan *plan)
{
    const lf_ynode *v = lf_ymap_get(map, "first");
    const char *text = NULL;
    if (!v)
        return LF_OK;
    int rc = lf_ynode_string(v, &text, R->err);
    if (rc == LF_OK && !lf_config_parse_month(text, &plan->first_year, &plan->first_month))
        rc = lf_ynode_error(v, R->err, LF_ERR_CONFIG, "'first' in 'plan' must be a month "
                            "YYYY-MM (the plan goes by calendar month), got '%s'", text);
    plan->has_first = rc == LF_OK;
    return rc;
}

/* demand: forecast, or lfc forecast's files {monthly, daily}. */
static int read_demand(reader *R, const lf_ynode *node, lf_config_plan *plan)
{
    static const char *const keys[] = {"monthly", "daily"};
    static const char *const word[] = {"forecast"};
    const char *text = NULL;
    if (node->kind == LF_YMAPPING) {
        plan->demand = LF_PLAN_DEMAND_FILES;
        int rc = lf_ymap_expect_required(node, keys, COUNT(keys), 1, R->err);
        if (rc == LF_OK)
            rc = lf_config_get_path(R->arena, R->cfg->dir, node, "monthly", &plan->monthly_file,
                                    R->err);
        if (rc == LF_OK)
            rc = lf_config_get_path(R->arena, R->cfg->dir, node, "daily", &plan->daily_file,
                                    R->err);
        return rc;
    }
    if (node->kind == LF_YSCALAR) {
        int rc = lf_ynode_string(node, &text, R->err);
        if (rc != LF_OK || !strcmp(text, "forecast"))
            return rc;
    }
    char hint[120];
    lf_suggest_hint(hint, sizeof hint, text ? text : "", word, COUNT(word));
    return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "'demand' in 'plan' must be forecast "
                          "(the forecast section, run in-process) or lfc forecast's files "
                          "{monthly: FILE, daily: FILE}, got %s%s%s%s", text ? "'" : "",
                          text ? text : lf_ynode_kind_name(node->kind), text ? "'" : "", hint);
}

/* ", "-separated names for messages (bounded: a long list is cut). */
static void append(char *list, size_t size, const char *name)
{
    size_t used = strlen(list);
    snprintf(list + used, size - used, "%s%s", used ? ", " : "", name);
}

/* The forecast's scenario names: its scenarios, or "base" without any. */
static size_t scenario_names(const lf_forecast_spec *spec, const char **names)
{
    if (spec->nscenarios == 0) {
        names[0] = "base";
        return 1;
    }
    for (size_t i = 0; i < spec->nscenarios; i++)
        names[i] = spec->scenarios[i].name;
    return spec->nscenarios;
}

/* demand: forecast runs only the forecast section's scenarios. */
static int check_forecast_scenario(reader *R, const lf_ynode *v, const char *text)
{
    const char *names[LF_SCENARIO_MAX];
    size_t n = scenario_names(&R->cfg->forecast.spec, names);
    char list[LF_SCENARIO_MAX * (LF_SCENARIO_NAME_MAX + 2)] = "", hint[120];
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(names[i], text))
            return LF_OK;
        append(list, sizeof list, names[i]);
    }
    lf_suggest_hint(hint, sizeof hint, text, names, n);
    return lf_ynode_error(v, R->err, LF_ERR_CONFIG, "'scenario' in 'plan' is '%s', not a "
                          "scenario of the forecast section%s; its scenarios are %s", text,
                          hint, list);
}

static int read_scenario(reader *R, const lf_ynode *map, lf_config_plan *plan)
{
    const lf_ynode *v = lf_ymap_get(map, "scenario");
    const char *text = NULL;
    int rc = v ? lf_ynode_string(v, &text, R->err) : LF_OK;
    if (rc != LF_OK || !v)
        return rc;
    if (strlen(text) >= LF_SCENARIO_NAME_MAX)
        return lf_ynode_error(v, R->err, LF_ERR_CONFIG, "a scenario name has at most %d "
                              "characters", LF_SCENARIO_NAME_MAX - 1);
    if (plan->demand == LF_PLAN_DEMAND_FORECAST && (rc = check_forecast_scenario(R, v, text)))
        return rc;
    return keep(R, text, &plan->scenario);
}

/* A high quantile's label as lfc forecast names its columns: p90, p97.5. */
static int check_label(reader *R, const lf_ynode *v, const char *text)
{
    char *end = (char *)text + 1, canon[32];
    double pct = text[0] == 'p' && isdigit((unsigned char)text[1]) ? strtod(text + 1, &end) : 0;
    if (end == text + 1 || *end)
        return lf_ynode_error(v, R->err, LF_ERR_CONFIG, "'quantile' in 'plan' must be a "
                              "quantile label like p90 or p97.5, got '%s'", text);
    if (!(pct > 50 && pct <= QUANTILE_TOP))
        return lf_ynode_error(v, R->err, LF_ERR_CONFIG, "'quantile' in 'plan' must be a high "
                              "quantile, above p50 and at most p%g (the plan covers the high "
                              "side; its P50 balance comes with it), got '%s'", QUANTILE_TOP,
                              text);
    lf_forecast_quantile_label(pct / 100, canon, sizeof canon);
    if (strcmp(canon, text) != 0)
        return lf_ynode_error(v, R->err, LF_ERR_CONFIG, "'quantile' in 'plan' is written '%s' "
                              "(as lfc forecast names its columns), got '%s'", canon, text);
    return LF_OK;
}

/* demand: forecast covers only the quantiles the forecast section makes. */
static int check_forecast_has(reader *R, const lf_ynode *at, const char *label, int given)
{
    const lf_forecast_spec *spec = &R->cfg->forecast.spec;
    char list[LF_QUANTILE_MAX * 12] = "", q[32];
    for (size_t i = 0; i < spec->nquantiles; i++) {
        lf_forecast_quantile_label(spec->quantiles[i], q, sizeof q);
        if (!strcmp(q, label))
            return LF_OK;
        append(list, sizeof list, q);
    }
    if (!given)
        return lf_ynode_error(at, R->err, LF_ERR_CONFIG, "'plan' covers %s unless 'quantile' "
                              "says otherwise, but the forecast section makes only %s; set "
                              "'quantile' in 'plan' to one of them", label, list);
    return lf_ynode_error(at, R->err, LF_ERR_CONFIG, "'quantile' in 'plan' is %s, not a "
                          "quantile of the forecast section; it makes %s (add %g to "
                          "'forecast.quantiles')", label, list, strtod(label + 1, NULL) / 100);
}

static int read_quantile(reader *R, const lf_ynode *map, lf_config_plan *plan)
{
    const lf_ynode *v = lf_ymap_get(map, "quantile");
    const char *text = plan->quantile;
    int rc = v ? lf_ynode_string(v, &text, R->err) : LF_OK;
    if (rc == LF_OK && v)
        rc = check_label(R, v, text);
    if (rc == LF_OK && plan->demand == LF_PLAN_DEMAND_FORECAST)
        rc = check_forecast_has(R, v ? v : map, text, v != NULL);
    return rc == LF_OK && v ? keep(R, text, &plan->quantile) : rc;
}

static int read_reserve(reader *R, const lf_ynode *map, lf_config_plan *plan)
{
    const lf_ynode *v = lf_ymap_get(map, "reserve");
    int rc = lf_ynode_expect(v, LF_YSCALAR, R->err);
    if (rc != LF_OK)
        return rc;
    plan->reserve_line = v->line;
    plan->reserve_col = v->column;
    if (lf_config_parse_share(v->text, &plan->reserve) && plan->reserve >= 0 &&
        plan->reserve <= 1)
        return LF_OK;
    return lf_ynode_error(v, R->err, LF_ERR_CONFIG, "'reserve' in 'plan' must be a share of "
                          "the peak from 0 to 1, like 0.12 or 12%%, got '%s'", v->text);
}

/* By default the days at risk are scheduled with the peakshift section's
 * portfolio and tiers: one portfolio for the project. */
static int read_portfolio(reader *R, const lf_ynode *map, lf_config_plan *plan)
{
    const lf_config *cfg = R->cfg;
    int rc = lf_config_get_path(R->arena, cfg->dir, map, "portfolio", &plan->portfolio, R->err);
    if (rc == LF_OK)
        rc = lf_config_get_path(R->arena, cfg->dir, map, "tiers", &plan->tiers, R->err);
    if (rc != LF_OK || plan->portfolio)
        return rc;
    if (cfg->has_peakshift) {
        plan->portfolio = cfg->peakshift.portfolio;
        if (!plan->tiers)
            plan->tiers = cfg->peakshift.tiers;
        return LF_OK;
    }
    if (plan->tiers)
        return lf_ynode_error(lf_ymap_key(map, "tiers"), R->err, LF_ERR_CONFIG, "'tiers' in "
                              "'plan' needs a portfolio to rank: give 'portfolio' (the config "
                              "has no peakshift section to take one from)");
    return LF_OK;
}

int lf_config_read_plan(const lf_ynode *map, lf_arena *arena, const lf_config *cfg,
                        lf_config_plan *plan, lf_error *err)
{
    static const char *const keys[] = {"reserve", "first",  "months",    "demand", "scenario",
                                       "quantile", "supply", "portfolio", "tiers",  "schedule"};
    reader R = {arena, cfg, err};
    memset(plan, 0, sizeof *plan);
    plan->months = 12;
    plan->quantile = "p90";
    plan->schedule = 1;
    const lf_ynode *v;
    int rc = lf_ymap_expect_required(map, keys, COUNT(keys), 1, err);
    if (rc == LF_OK)
        rc = read_first(&R, map, plan);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "months", 1, LF_BALANCE_MAX_MONTHS, &plan->months, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "demand")))
        rc = read_demand(&R, v, plan);
    if (rc == LF_OK)
        rc = read_scenario(&R, map, plan);
    if (rc == LF_OK)
        rc = read_quantile(&R, map, plan);
    if (rc == LF_OK)
        rc = read_reserve(&R, map, plan);
    if (rc == LF_OK && (v = lf_ymap_get(map, "supply")))
        rc = lf_config_read_plan_supply(v, arena, plan, err);
    if (rc == LF_OK)
        rc = read_portfolio(&R, map, plan);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "schedule", &plan->schedule, err);
    return rc;
}
