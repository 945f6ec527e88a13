/* test_config_plan.c - the 'plan' section of a project config (lfc plan's
 * monthly energy balance): every key and its defaults, both forms of demand,
 * the checks against the forecast section (scenario, quantile) and the
 * portfolio taken from the peakshift section, the exact message of each
 * mistake (file:line:column), and lf_config_plan_supply laying the supply
 * over a plan's months. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "config_test.h"

/* The smallest plan: the reserve is its one required key; line 4 on is extra. */
#define PLAN(extra) "name: x\nplan:\n  reserve: 12%\n" extra

/* A plan with this supply mapping (line 4 is "  supply:", the keys from line 5). */
#define SUPPLY(keys) PLAN("  supply:\n" keys)

/* cfg's supply over nmonths months from year-month into out[k][0..nmonths). */
static int supply_of(const lf_config *cfg, int year, int month, size_t nmonths,
                     double out[LF_PLAN_SUPPLY_COUNT][24], lf_error *err)
{
    double *rows[LF_PLAN_SUPPLY_COUNT];
    for (int k = 0; k < LF_PLAN_SUPPLY_COUNT; k++) {
        rows[k] = out[k];
        for (size_t t = 0; t < 24; t++)
            out[k][t] = -1; /* every month must be written */
    }
    return lf_config_plan_supply(cfg, year, month, nmonths, rows, err);
}

/* The config loads, and laying its supply over the months fails with exactly this. */
static void expect_supply_error(const char *text, int year, int month, size_t nmonths,
                                const char *message)
{
    lf_config *cfg = load(text);
    double out[LF_PLAN_SUPPLY_COUNT][24];
    lf_error err;
    int rc = supply_of(cfg, year, month, nmonths, out, &err);
    cr_assert_eq(rc, LF_ERR_CONFIG, "status %d: %s", rc, rc ? err.message : "");
    cr_assert_str_eq(err.message, message);
    lf_config_free(cfg);
}

/* ---- the section ------------------------------------------------------------------ */

Test(config_plan, defaults)
{
    lf_config *cfg = load(PLAN(""));
    cr_assert(cfg->has_plan);
    const lf_config_plan *p = &cfg->plan;
    cr_assert_eq(p->has_first, 0, "the first whole month of the demand");
    cr_assert_eq(p->months, 12);
    cr_assert_eq(p->demand, LF_PLAN_DEMAND_FORECAST);
    cr_assert_null(p->monthly_file);
    cr_assert_null(p->daily_file);
    cr_assert_null(p->scenario, "the first scenario");
    cr_assert_str_eq(p->quantile, "p90");
    cr_assert_float_eq(p->reserve, 0.12, 1e-15);
    cr_assert_eq(p->reserve_line, 3);
    cr_assert_eq(p->reserve_col, 12);
    for (int k = 0; k < LF_PLAN_SUPPLY_COUNT; k++)
        cr_assert_eq(p->supply[k].kind, LF_SUPPLY_NONE, "supply %d", k);
    cr_assert_null(p->portfolio, "no peakshift section: nothing scheduled");
    cr_assert_null(p->tiers);
    cr_assert_eq(p->schedule, 1);
    lf_config_free(cfg);
    cfg = load("name: x\n");
    cr_assert_eq(cfg->has_plan, 0);
    lf_config_free(cfg);
}

Test(config_plan, every_key)
{
    lf_config *cfg = load_at("name: x\n"
                             "plan:\n"
                             "  first: 2025-01\n"
                             "  months: 24\n"
                             "  demand: {monthly: out/forecast_monthly.csv, daily: "
                             "out/forecast_daily.csv}\n"
                             "  scenario: high\n"
                             "  quantile: p97.5\n"
                             "  reserve: 0.15\n"
                             "  supply:\n"
                             "    own_mwh: 0\n"
                             "    purchase_mwh: 2.1e6\n"
                             "    own_mw: 120.5\n"
                             "    import_mw: 9500\n"
                             "    outage_mw: {2025-04: 800, 2025-10: 600}\n"
                             "  portfolio: dr/portfolio.yaml\n"
                             "  tiers: out/customers_tiers.csv\n"
                             "  schedule: false\n",
                             "proj");
    const lf_config_plan *p = &cfg->plan;
    cr_assert(p->has_first);
    cr_assert_eq(p->first_year, 2025);
    cr_assert_eq(p->first_month, 1);
    cr_assert_eq(p->months, 24);
    cr_assert_eq(p->demand, LF_PLAN_DEMAND_FILES);
    cr_assert_str_eq(p->monthly_file, "proj/out/forecast_monthly.csv", "relative to the config");
    cr_assert_str_eq(p->daily_file, "proj/out/forecast_daily.csv");
    cr_assert_str_eq(p->scenario, "high", "any name: the file decides");
    cr_assert_str_eq(p->quantile, "p97.5");
    cr_assert_eq(p->reserve, 0.15);
    cr_assert_eq(p->reserve_line, 8);
    cr_assert_eq(p->reserve_col, 12);
    const lf_config_supply *s = p->supply;
    cr_assert_eq(s[LF_PLAN_OWN_MWH].kind, LF_SUPPLY_CONSTANT, "0 given is still given");
    cr_assert_eq(s[LF_PLAN_OWN_MWH].value, 0);
    cr_assert_eq(s[LF_PLAN_PURCHASE_MWH].kind, LF_SUPPLY_CONSTANT);
    cr_assert_eq(s[LF_PLAN_PURCHASE_MWH].value, 2.1e6);
    cr_assert_eq(s[LF_PLAN_PURCHASE_MWH].line, 11);
    cr_assert_eq(s[LF_PLAN_PURCHASE_MWH].col, 19);
    cr_assert_eq(s[LF_PLAN_OWN_MW].value, 120.5);
    cr_assert_eq(s[LF_PLAN_IMPORT_MW].value, 9500);
    const lf_config_supply *o = &s[LF_PLAN_OUTAGE_MW];
    cr_assert_eq(o->kind, LF_SUPPLY_MONTHLY);
    cr_assert_eq(o->line, 14);
    cr_assert_eq(o->col, 16);
    cr_assert_eq(o->nmonths, 2);
    cr_assert_eq(o->months[0].year, 2025);
    cr_assert_eq(o->months[0].month, 4);
    cr_assert_eq(o->months[0].mw, 800);
    cr_assert_eq(o->months[0].line, 14, "where the month is written");
    cr_assert_eq(o->months[0].col, 17);
    cr_assert_eq(o->months[1].month, 10);
    cr_assert_eq(o->months[1].mw, 600);
    cr_assert_eq(o->months[1].col, 31);
    cr_assert_str_eq(p->portfolio, "proj/dr/portfolio.yaml");
    cr_assert_str_eq(p->tiers, "proj/out/customers_tiers.csv");
    cr_assert_eq(p->schedule, 0);
    lf_config_free(cfg);
}

Test(config_plan, demand_forms)
{
    lf_config *cfg = load(PLAN("  demand: forecast\n"));
    cr_assert_eq(cfg->plan.demand, LF_PLAN_DEMAND_FORECAST);
    cr_assert_null(cfg->plan.monthly_file);
    lf_config_free(cfg);
    cfg = load(PLAN("  demand: {monthly: /data/m.csv}\n"));
    cr_assert_eq(cfg->plan.demand, LF_PLAN_DEMAND_FILES);
    cr_assert_str_eq(cfg->plan.monthly_file, "/data/m.csv", "absolute stays");
    cr_assert_null(cfg->plan.daily_file, "daily is optional: days at risk unknown");
    lf_config_free(cfg);
    cfg = load(PLAN("  demand:\n    monthly: m.csv\n    daily: d.csv\n"));
    cr_assert_str_eq(cfg->plan.daily_file, "d.csv", "no base_dir: the current directory");
    lf_config_free(cfg);
}

Test(config_plan, reserve_forms)
{
    static const struct {
        const char *text;
        double share;
    } cases[] = {{"0.12", 0.12}, {"12%", 0.12}, {"0", 0}, {"0%", 0}, {"1", 1},
                 {"100%", 1},    {"7.5%", 0.075}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[200];
        snprintf(text, sizeof text, "name: x\nplan:\n  reserve: %s\n", cases[i].text);
        lf_config *cfg = load(text);
        cr_assert_float_eq(cfg->plan.reserve, cases[i].share, 1e-15, "%s", cases[i].text);
        lf_config_free(cfg);
    }
}

Test(config_plan, quantile_and_scenario_of_the_forecast)
{
    /* the forecast section after the plan: checked all the same */
    lf_config *cfg = load(PLAN("  quantile: p97.5\n  scenario: low\n"
                               "forecast:\n"
                               "  quantiles: [0.5, 0.975]\n"
                               "  scenarios: [{name: base}, {name: low}]\n"));
    cr_assert_str_eq(cfg->plan.quantile, "p97.5");
    cr_assert_str_eq(cfg->plan.scenario, "low");
    lf_config_free(cfg);
    cfg = load(PLAN("  scenario: base\n"));
    cr_assert_str_eq(cfg->plan.scenario, "base", "the only scenario without scenarios");
    lf_config_free(cfg);
    cfg = load(PLAN("  quantile: p95\n  scenario: anything\n  demand: {monthly: m.csv}\n"
                    "forecast:\n  quantiles: [0.1, 0.9]\n"));
    cr_assert_str_eq(cfg->plan.quantile, "p95", "the files form: the file decides");
    cr_assert_str_eq(cfg->plan.scenario, "anything");
    lf_config_free(cfg);
}

Test(config_plan, portfolio_and_tiers_default_to_peakshift)
{
#define PEAKSHIFT(tiers)                                                                   \
    "peakshift:\n"                                                                         \
    "  portfolio: dr/portfolio.yaml\n" tiers                                               \
    "  demand: {file: d.csv, column: peak_mw_p90}\n"                                       \
    "  limit_mw: 9000\n"
    /* peakshift after the plan in the file: read first all the same */
    lf_config *cfg = load_at(PLAN("") PEAKSHIFT("  tiers: out/tiers.csv\n"), "proj");
    cr_assert_str_eq(cfg->plan.portfolio, "proj/dr/portfolio.yaml");
    cr_assert_str_eq(cfg->plan.tiers, "proj/out/tiers.csv");
    lf_config_free(cfg);
    cfg = load_at(PLAN("") PEAKSHIFT(""), "proj");
    cr_assert_str_eq(cfg->plan.portfolio, "proj/dr/portfolio.yaml");
    cr_assert_null(cfg->plan.tiers, "peakshift has none: the portfolio's own");
    lf_config_free(cfg);
    cfg = load_at(PLAN("  portfolio: plan.yaml\n") PEAKSHIFT("  tiers: out/tiers.csv\n"),
                  "proj");
    cr_assert_str_eq(cfg->plan.portfolio, "proj/plan.yaml");
    cr_assert_null(cfg->plan.tiers, "peakshift's tiers rank peakshift's portfolio only");
    lf_config_free(cfg);
    cfg = load_at(PLAN("  tiers: t.csv\n") PEAKSHIFT("  tiers: out/tiers.csv\n"), "proj");
    cr_assert_str_eq(cfg->plan.portfolio, "proj/dr/portfolio.yaml");
    cr_assert_str_eq(cfg->plan.tiers, "proj/t.csv", "the plan's own tiers win");
    lf_config_free(cfg);
#undef PEAKSHIFT
}

Test(config_plan, plan_is_a_top_level_key)
{
    expect_error("name: x\nplna:\n  reserve: 1\n",
                 "project.yaml:2:1: unknown key 'plna' at the top level (did you mean "
                 "'plan'?)");
    expect_error("name: x\nplan: [1]\n",
                 "project.yaml:2:7: 'plan' must be a mapping, got a list");
}

/* ---- mistakes ---------------------------------------------------------------------- */

Test(config_plan, section_mistakes_are_located)
{
    expect_error(PLAN("  monts: 12\n"),
                 "project.yaml:4:3: unknown key 'monts' in 'plan' (did you mean 'months'?)");
    expect_error("name: x\nplan:\n  months: 12\n",
                 "project.yaml:3:3: missing required key 'reserve' in 'plan'");
    expect_error(PLAN("  first: 2025-01-01\n"),
                 "project.yaml:4:10: 'first' in 'plan' must be a month YYYY-MM (the plan goes "
                 "by calendar month), got '2025-01-01'");
    expect_error(PLAN("  first: 2025-13\n"),
                 "project.yaml:4:10: 'first' in 'plan' must be a month YYYY-MM (the plan goes "
                 "by calendar month), got '2025-13'");
    expect_error(PLAN("  months: 0\n"),
                 "project.yaml:4:11: 'months' in 'plan' must be an integer from 1 to 240, got 0");
    expect_error(PLAN("  months: 241\n"),
                 "project.yaml:4:11: 'months' in 'plan' must be an integer from 1 to 240, got "
                 "241");
    expect_error(PLAN("  schedule: maybe\n"),
                 "project.yaml:4:13: 'schedule' in 'plan' must be true or false (or yes or "
                 "no), got 'maybe'");
    expect_error(PLAN("  tiers: t.csv\n"),
                 "project.yaml:4:3: 'tiers' in 'plan' needs a portfolio to rank: give "
                 "'portfolio' (the config has no peakshift section to take one from)");
}

Test(config_plan, reserve_mistakes_are_located)
{
    expect_error("name: x\nplan:\n  reserve: 150%\n",
                 "project.yaml:3:12: 'reserve' in 'plan' must be a share of the peak from 0 "
                 "to 1, like 0.12 or 12%, got '150%'");
    expect_error("name: x\nplan:\n  reserve: 12\n",
                 "project.yaml:3:12: 'reserve' in 'plan' must be a share of the peak from 0 "
                 "to 1, like 0.12 or 12%, got '12'");
    expect_error("name: x\nplan:\n  reserve: -0.1\n",
                 "project.yaml:3:12: 'reserve' in 'plan' must be a share of the peak from 0 "
                 "to 1, like 0.12 or 12%, got '-0.1'");
    expect_error("name: x\nplan:\n  reserve: 12 %\n",
                 "project.yaml:3:12: 'reserve' in 'plan' must be a share of the peak from 0 "
                 "to 1, like 0.12 or 12%, got '12 %'");
    expect_error("name: x\nplan:\n  reserve: '%'\n",
                 "project.yaml:3:12: 'reserve' in 'plan' must be a share of the peak from 0 "
                 "to 1, like 0.12 or 12%, got '%'");
    expect_error("name: x\nplan:\n  reserve: [0.12]\n",
                 "project.yaml:3:12: 'reserve' in 'plan' must be a value, got a list");
}

Test(config_plan, demand_mistakes_are_located)
{
    expect_error(PLAN("  demand: forcast\n"),
                 "project.yaml:4:11: 'demand' in 'plan' must be forecast (the forecast "
                 "section, run in-process) or lfc forecast's files {monthly: FILE, daily: "
                 "FILE}, got 'forcast' (did you mean 'forecast'?)");
    expect_error(PLAN("  demand: [m.csv]\n"),
                 "project.yaml:4:11: 'demand' in 'plan' must be forecast (the forecast "
                 "section, run in-process) or lfc forecast's files {monthly: FILE, daily: "
                 "FILE}, got a list");
    expect_error(PLAN("  demand: {daily: d.csv}\n"),
                 "project.yaml:4:11: missing required key 'monthly' in 'plan.demand'");
    expect_error(PLAN("  demand: {monthly: m.csv, dayly: d.csv}\n"),
                 "project.yaml:4:28: unknown key 'dayly' in 'plan.demand' (did you mean "
                 "'daily'?)");
}

Test(config_plan, quantile_mistakes_are_located)
{
    static const char *const median = "project.yaml:4:13: 'quantile' in 'plan' must be a "
                                      "high quantile, above p50 and at most p99.9 (the plan "
                                      "covers the high side; its P50 balance comes with it), "
                                      "got '%s'";
    static const char *const labels[] = {"p50", "p10", "p100", "p99.95"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        char text[200], message[400];
        snprintf(text, sizeof text, "name: x\nplan:\n  reserve: 0.12\n  quantile: %s\n",
                 labels[i]);
        snprintf(message, sizeof message, median, labels[i]);
        expect_error(text, message);
    }
    expect_error(PLAN("  quantile: 90\n"),
                 "project.yaml:4:13: 'quantile' in 'plan' must be a quantile label like p90 "
                 "or p97.5, got '90'");
    expect_error(PLAN("  quantile: p90%\n"),
                 "project.yaml:4:13: 'quantile' in 'plan' must be a quantile label like p90 "
                 "or p97.5, got 'p90%'");
    expect_error(PLAN("  quantile: P90\n"),
                 "project.yaml:4:13: 'quantile' in 'plan' must be a quantile label like p90 "
                 "or p97.5, got 'P90'");
    expect_error(PLAN("  quantile: p90.0\n"),
                 "project.yaml:4:13: 'quantile' in 'plan' is written 'p90' (as lfc forecast "
                 "names its columns), got 'p90.0'");
    /* the forecast section after the plan: its quantiles are known all the same */
    expect_error(PLAN("  quantile: p95\nforecast:\n  quantiles: [0.1, 0.5, 0.9]\n"),
                 "project.yaml:4:13: 'quantile' in 'plan' is p95, not a quantile of the "
                 "forecast section; it makes p10, p50, p90 (add 0.95 to "
                 "'forecast.quantiles')");
    expect_error(PLAN("  quantile: p95\n"),
                 "project.yaml:4:13: 'quantile' in 'plan' is p95, not a quantile of the "
                 "forecast section; it makes p10, p50, p90 (add 0.95 to "
                 "'forecast.quantiles')");
    expect_error(PLAN("forecast:\n  quantiles: [0.05, 0.5, 0.95]\n"),
                 "project.yaml:3:3: 'plan' covers p90 unless 'quantile' says otherwise, but "
                 "the forecast section makes only p5, p50, p95; set 'quantile' in 'plan' to "
                 "one of them");
}

Test(config_plan, scenario_mistakes_are_located)
{
    expect_error(PLAN("  scenario: hihg\n"
                      "forecast:\n"
                      "  scenarios: [{name: low}, {name: base}, {name: high}]\n"),
                 "project.yaml:4:13: 'scenario' in 'plan' is 'hihg', not a scenario of the "
                 "forecast section (did you mean 'high'?); its scenarios are low, base, high");
    expect_error(PLAN("  scenario: high\n"),
                 "project.yaml:4:13: 'scenario' in 'plan' is 'high', not a scenario of the "
                 "forecast section; its scenarios are base");
    expect_error(PLAN("  scenario: a_name_of_thirty_two_characters_x\n"
                      "  demand: {monthly: m.csv}\n"),
                 "project.yaml:4:13: a scenario name has at most 31 characters");
}

Test(config_plan, supply_mistakes_are_located)
{
    expect_error(SUPPLY("    own_mvh: 1\n"),
                 "project.yaml:5:5: unknown key 'own_mvh' in 'plan.supply' (did you mean "
                 "'own_mwh'?)");
    expect_error(SUPPLY("    own_mw: -5\n"),
                 "project.yaml:5:13: 'own_mw' in 'plan.supply' must be a number >= 0, got -5");
    expect_error(SUPPLY("    import_mw: {2025-01: 9000, 2025-02: -1}\n"),
                 "project.yaml:5:41: '2025-02' in 'plan.supply.import_mw' must be a number "
                 ">= 0, got -1");
    expect_error(SUPPLY("    own_mw: 9.5 GW\n"),
                 "project.yaml:5:13: 'own_mw' in 'plan.supply' must be a finite number, got "
                 "'9.5 GW'");
    expect_error(SUPPLY("    purchase_mwh: 2.1e9\n"),
                 "project.yaml:5:19: 'purchase_mwh' in 'plan.supply' must be at most 1e+09 MWh "
                 "a month, got 2.1e9; a larger figure is likely in kWh");
    expect_error(SUPPLY("    import_mw: {2025-01: 9.5e7}\n"),
                 "project.yaml:5:26: '2025-01' in 'plan.supply.import_mw' must be at most "
                 "1e+07 MW, got 9.5e7; a larger figure is likely in kW");
    expect_error(SUPPLY("    outage_mw: {2025-4: 800}\n"),
                 "project.yaml:5:17: '2025-4' in 'plan.supply.outage_mw' is not a month "
                 "YYYY-MM; outage_mw is a number (MW) or a figure per month {2025-01: 100, "
                 "...}");
    expect_error(SUPPLY("    own_mwh: {2025-00: 1}\n"),
                 "project.yaml:5:15: '2025-00' in 'plan.supply.own_mwh' is not a month "
                 "YYYY-MM; own_mwh is a number (MWh a month) or a figure per month {2025-01: "
                 "100, ...}");
    expect_error(SUPPLY("    outage_mw: {2025-04: 800, 2025-04: 600}\n"),
                 "project.yaml:5:31: duplicate key '2025-04' in 'plan.supply.outage_mw' (first "
                 "given at line 5, column 17); give each key once");
    expect_error(SUPPLY("    own_mw: [9000, 9100]\n"),
                 "project.yaml:5:13: 'own_mw' in 'plan.supply' got a list; own_mw is a number "
                 "(MW) or a figure per month {2025-01: 100, ...}");
    expect_error(SUPPLY("    own_mw: {}\n"),
                 "project.yaml:5:13: 'own_mw' in 'plan.supply' got an empty mapping; own_mw is "
                 "a number (MW) or a figure per month {2025-01: 100, ...}");
    expect_error(PLAN("  supply: 9000\n"),
                 "project.yaml:4:11: 'supply' in 'plan' must be a mapping, got '9000'");
}

Test(config_plan, supply_names_at_most_240_months)
{
    char text[8000] = SUPPLY("    outage_mw: {");
    for (int i = 0; i < 241; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s%04d-%02d: 1",
                 i ? ", " : "", 2000 + i / 12, i % 12 + 1);
    strcat(text, "}\n");
    expect_error(text, "project.yaml:5:16: 'outage_mw' in 'plan.supply' names 241 months; a "
                       "plan has at most 240");
    strcpy(strstr(text, ", 2020-01: 1}"), "}\n"); /* the 241st month gone */
    lf_config *cfg = load(text);
    cr_assert_eq(cfg->plan.supply[LF_PLAN_OUTAGE_MW].nmonths, 240);
    lf_config_free(cfg);
}

/* ---- the supply over a plan's months ------------------------------------------------ */

Test(config_plan, supply_not_given_is_zero_and_a_number_is_every_month)
{
    lf_config *cfg = load(SUPPLY("    purchase_mwh: 2.1e6\n    import_mw: 9500\n"));
    double out[LF_PLAN_SUPPLY_COUNT][24];
    lf_error err;
    cr_assert_eq(supply_of(cfg, 2025, 11, 3, out, &err), LF_OK, "%s", err.message);
    for (size_t t = 0; t < 3; t++) {
        cr_assert_eq(out[LF_PLAN_OWN_MWH][t], 0);
        cr_assert_eq(out[LF_PLAN_PURCHASE_MWH][t], 2.1e6);
        cr_assert_eq(out[LF_PLAN_OWN_MW][t], 0);
        cr_assert_eq(out[LF_PLAN_IMPORT_MW][t], 9500);
        cr_assert_eq(out[LF_PLAN_OUTAGE_MW][t], 0);
    }
    cr_assert_eq(out[LF_PLAN_IMPORT_MW][3], -1, "nothing past nmonths");
    lf_config_free(cfg);
}

Test(config_plan, supply_per_month_in_any_order_across_a_year)
{
    lf_config *cfg = load(SUPPLY("    own_mw: {2026-01: 130, 2025-11: 110, 2025-12: 120}\n"
                                 "    outage_mw: {2025-12: 40}\n"));
    double out[LF_PLAN_SUPPLY_COUNT][24];
    lf_error err;
    cr_assert_eq(supply_of(cfg, 2025, 11, 3, out, &err), LF_OK, "%s", err.message);
    const double own[3] = {110, 120, 130}, outage[3] = {0, 40, 0};
    for (size_t t = 0; t < 3; t++) {
        cr_assert_eq(out[LF_PLAN_OWN_MW][t], own[t], "month %zu", t);
        cr_assert_eq(out[LF_PLAN_OUTAGE_MW][t], outage[t], "outages not named are 0");
    }
    lf_config_free(cfg);
}

Test(config_plan, supply_per_month_must_name_every_month)
{
    expect_supply_error(SUPPLY("    own_mwh: {2025-01: 1, 2025-03: 3}\n"), 2025, 1, 3,
                        "project.yaml:5:14: 'own_mwh' in 'plan.supply' has no figure for "
                        "2025-02, a month of the plan (2025-01 .. 2025-03); give every month, "
                        "or one number for all");
    expect_supply_error(SUPPLY("    import_mw:\n      2025-12: 1\n"), 2025, 12, 2,
                        "project.yaml:6:7: 'import_mw' in 'plan.supply' has no figure for "
                        "2026-01, a month of the plan (2025-12 .. 2026-01); give every month, "
                        "or one number for all");
}

Test(config_plan, supply_month_outside_the_plan_is_an_error)
{
    expect_supply_error(SUPPLY("    outage_mw: {2025-04: 800, 2052-10: 600}\n"), 2025, 1, 12,
                        "project.yaml:5:31: '2052-10' in 'plan.supply.outage_mw' is outside "
                        "the plan's months (2025-01 .. 2025-12); a month of another year is "
                        "likely a typo");
    expect_supply_error(SUPPLY("    own_mw: {2024-12: 1, 2025-01: 1}\n"), 2025, 1, 1,
                        "project.yaml:5:14: '2024-12' in 'plan.supply.own_mw' is outside the "
                        "plan's months (2025-01 .. 2025-01); a month of another year is likely "
                        "a typo");
    /* located at the month, not at its figure on the next line */
    expect_supply_error(SUPPLY("    own_mw:\n"
                               "      2025-01: 1\n"
                               "      2025-02:\n"
                               "        1\n"),
                        2025, 1, 1,
                        "project.yaml:7:7: '2025-02' in 'plan.supply.own_mw' is outside the "
                        "plan's months (2025-01 .. 2025-01); a month of another year is likely "
                        "a typo");
}

Test(config_plan, supply_arguments)
{
    lf_config *cfg = load(PLAN(""));
    double a[LF_PLAN_SUPPLY_COUNT][LF_BALANCE_MAX_MONTHS], *rows[LF_PLAN_SUPPLY_COUNT];
    for (int k = 0; k < LF_PLAN_SUPPLY_COUNT; k++)
        rows[k] = a[k];
    lf_error err;
    cr_assert_eq(lf_config_plan_supply(cfg, 2025, 1, 240, rows, &err), LF_OK, "240 months");
    cr_assert_eq(lf_config_plan_supply(cfg, 2025, 1, 241, rows, &err), LF_ERR_ARG);
    cr_assert_eq(lf_config_plan_supply(cfg, 2025, 1, 0, rows, &err), LF_ERR_ARG);
    cr_assert_eq(lf_config_plan_supply(cfg, 2025, 13, 1, rows, &err), LF_ERR_ARG);
    cr_assert_eq(lf_config_plan_supply(cfg, 2025, 0, 1, rows, &err), LF_ERR_ARG);
    cr_assert_eq(lf_config_plan_supply(NULL, 2025, 1, 1, rows, &err), LF_ERR_ARG);
    cr_assert_eq(lf_config_plan_supply(cfg, 2025, 1, 1, NULL, &err), LF_ERR_ARG);
    rows[LF_PLAN_OUTAGE_MW] = NULL;
    cr_assert_eq(lf_config_plan_supply(cfg, 2025, 1, 1, rows, NULL), LF_ERR_ARG, "err optional");
    lf_config_free(cfg);
    rows[LF_PLAN_OUTAGE_MW] = a[LF_PLAN_OUTAGE_MW];
    cfg = load("name: x\n");
    cr_assert_eq(lf_config_plan_supply(cfg, 2025, 1, 1, rows, &err), LF_ERR_CONFIG);
    cr_assert_str_eq(err.message, "project.yaml has no 'plan' section");
    lf_config_free(cfg);
}
