/* test_config_peakshift.c - the 'peakshift' section of a project config: every
 * key and its defaults, the three forms of limit_mw, the days read from the
 * demand, limit and profile files (tests/fixtures/config/peakshift_*.csv, by
 * hand), and the exact message of each mistake: file:line:column in the
 * config, file and date (or file:line) in the data.  Small bad data files are
 * written from the strings beside each check into a fresh directory, so their
 * lines can be counted there. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_test.h"

#define FIX "tests/fixtures/config"

/* The section's days with a built-in portfolio (window_hours 4); NULL and
 * err filled on failure. */
static lf_config_peakshift_input *read_days(const lf_config *cfg, lf_error *err)
{
    lf_portfolio *p = lf_portfolio_new(NULL);
    cr_assert_not_null(p);
    lf_config_peakshift_input *in = (lf_config_peakshift_input *)&err; /* must become NULL */
    int rc = lf_config_peakshift_load(cfg, p, &in, err);
    lf_portfolio_free(p);
    if (rc != LF_OK) {
        cr_assert_null(in, "*out must be NULL after an error");
        cr_assert_eq(err->code, rc);
        return NULL;
    }
    cr_assert_not_null(in);
    return in;
}

static lf_config_peakshift_input *days_of(const lf_config *cfg)
{
    lf_error err;
    lf_config_peakshift_input *in = read_days(cfg, &err);
    cr_assert_not_null(in, "%s", err.message);
    return in;
}

/* The config loads, and reading its days fails with exactly this. */
static void expect_days_error(const char *text, const char *dir, int code, const char *message)
{
    lf_config *cfg = load_at(text, dir);
    lf_error err;
    cr_assert_null(read_days(cfg, &err), "reading the days should fail with: %s", message);
    cr_assert_eq(err.code, code, "code %d: %s", err.code, err.message);
    cr_assert_str_eq(err.message, message);
    lf_config_free(cfg);
}

/* ---- a scratch directory for small bad files ------------------------------------- */

static void scratch_new(void)
{
    strcpy(scratch, "/tmp/lf_config_peakshift_XXXXXX");
    cr_assert_not_null(mkdtemp(scratch));
}

static void scratch_remove(void)
{
    static const char *const names[] = {"demand.csv", "limit.csv", "profile.csv"};
    scratch_clear(names, sizeof names / sizeof names[0]);
}

/* ---- the section ------------------------------------------------------------------ */

#define SECTION(limit)                                                                   \
    "name: x\n"                                                                          \
    "peakshift:\n"                                                                       \
    "  portfolio: dr/portfolio.yaml\n"                                                   \
    "  demand: {file: peakshift_forecast_daily.csv, column: peak_mw_p90}\n"              \
    "  limit_mw: " limit "\n"

Test(config_peakshift, every_key)
{
    lf_config *cfg = load_at("name: x\n"
                             "peakshift:\n"
                             "  portfolio: dr/portfolio.yaml\n"
                             "  first: 2025-07-31\n"
                             "  last: 2025-08-01\n"
                             "  demand:\n"
                             "    file: peakshift_forecast_daily.csv\n"
                             "    column: peak_mw_p90\n"
                             "    scenario: base\n"
                             "  limit_mw: {file: peakshift_limit.csv, column: emergency_mw}\n"
                             "  profile: {file: peakshift_profile.csv, column: load}\n"
                             "  spread_rest_days: false\n"
                             "  fair: no\n"
                             "  seconds_per_stage: 2.5\n"
                             "  method: greedy\n"
                             "  exact_max_calls: 500\n",
                             FIX);
    cr_assert(cfg->has_peakshift);
    const lf_config_peakshift *ps = &cfg->peakshift;
    cr_assert_str_eq(ps->portfolio, FIX "/dr/portfolio.yaml", "relative to the config");
    cr_assert(ps->has_first && ps->has_last);
    cr_assert_eq(ps->first, day(2025, 7, 31));
    cr_assert_eq(ps->last, day(2025, 8, 1));
    cr_assert_str_eq(ps->demand_file, FIX "/peakshift_forecast_daily.csv");
    cr_assert_str_eq(ps->demand_column, "peak_mw_p90");
    cr_assert_str_eq(ps->demand_scenario, "base");
    cr_assert_eq(ps->limit_kind, LF_LIMIT_FILE);
    cr_assert_str_eq(ps->limit_file, FIX "/peakshift_limit.csv");
    cr_assert_str_eq(ps->limit_column, "emergency_mw");
    cr_assert_eq(ps->limit_line, 10);
    cr_assert_eq(ps->limit_col, 13);
    cr_assert_str_eq(ps->profile_file, FIX "/peakshift_profile.csv");
    cr_assert_str_eq(ps->profile_column, "load");
    cr_assert_eq(ps->spec.spread_rest_days, 0);
    cr_assert_eq(ps->spec.fair, 0);
    cr_assert_eq(ps->spec.seconds_per_stage, 2.5);
    cr_assert_eq(ps->spec.method, LF_PEAKSHIFT_GREEDY);
    cr_assert_eq(ps->spec.exact_max_calls, 500);
    cr_assert_null(ps->spec.peak_mw, "the days are read later");
    lf_config_free(cfg);
}

Test(config_peakshift, defaults)
{
    lf_config *cfg = load(SECTION("9200"));
    const lf_config_peakshift *ps = &cfg->peakshift;
    cr_assert(!ps->has_first && !ps->has_last);
    cr_assert_null(ps->demand_scenario);
    cr_assert_null(ps->profile_file);
    cr_assert_eq(ps->limit_kind, LF_LIMIT_CONSTANT);
    cr_assert_eq(ps->limit_mw, 9200);
    lf_peakshift_spec init; /* the library's defaults */
    lf_peakshift_spec_init(&init);
    cr_assert_eq(ps->spec.spread_rest_days, 1);
    cr_assert_eq(ps->spec.fair, 1);
    cr_assert_eq(ps->spec.seconds_per_stage, init.seconds_per_stage);
    cr_assert_eq(ps->spec.method, LF_PEAKSHIFT_AUTO);
    cr_assert_eq(ps->spec.exact_max_calls, init.exact_max_calls);
    lf_config_free(cfg);
    cfg = load("name: x\n");
    cr_assert_eq(cfg->has_peakshift, 0);
    lf_config_free(cfg);
    cfg = load(SECTION("{file: limit.csv}"));
    cr_assert_str_eq(cfg->peakshift.limit_column, "limit_mw", "the file form's default");
    lf_config_free(cfg);
    cfg = load(SECTION("1") "  profile: {file: p.csv}\n");
    cr_assert_str_eq(cfg->peakshift.profile_column, "mw");
    lf_config_free(cfg);
}

Test(config_peakshift, limit_per_month)
{
    lf_config *cfg = load(SECTION("{2025-06: 9800, 2025-07: 9500.5}"));
    const lf_config_peakshift *ps = &cfg->peakshift;
    cr_assert_eq(ps->limit_kind, LF_LIMIT_MONTHLY);
    cr_assert_eq(ps->nlimit_months, 2);
    cr_assert_eq(ps->limit_months[0].year, 2025);
    cr_assert_eq(ps->limit_months[0].month, 6);
    cr_assert_eq(ps->limit_months[0].mw, 9800);
    cr_assert_eq(ps->limit_months[1].month, 7);
    cr_assert_eq(ps->limit_months[1].mw, 9500.5);
    cr_assert_eq(ps->limit_line, 5);
    cr_assert_eq(ps->limit_col, 13);
    lf_config_free(cfg);
}

Test(config_peakshift, section_mistakes_are_located)
{
    expect_error(SECTION("9200") "  fiirst: 2025-07-01\n",
                 "project.yaml:6:3: unknown key 'fiirst' in 'peakshift' (did you mean "
                 "'first'?)");
    expect_error("name: x\npeakshift:\n  demand: {file: d.csv, column: p}\n  limit_mw: 1\n",
                 "project.yaml:3:3: missing required key 'portfolio' in 'peakshift'");
    expect_error("name: x\npeakshift:\n  portfolio: p.yaml\n  limit_mw: 1\n",
                 "project.yaml:3:3: missing required key 'demand' in 'peakshift'");
    expect_error("name: x\npeakshift:\n  portfolio: p.yaml\n  demand: {file: d.csv, column: "
                 "p}\n",
                 "project.yaml:3:3: missing required key 'limit_mw' in 'peakshift'");
    expect_error(SECTION("9200") "  first: 2025-08-01\n  last: 2025-07-31\n",
                 "project.yaml:7:9: 'last' in 'peakshift' (2025-07-31) is before 'first' "
                 "(2025-08-01); expected first <= last");
    expect_error(SECTION("9200") "  first: 2025-02-30\n",
                 "project.yaml:6:10: 'first' in 'peakshift': invalid date '2025-02-30': day "
                 "30 does not exist in 2025-02");
    expect_error("name: x\npeakshift:\n  portfolio: p.yaml\n  demand: {file: d.csv, colum: "
                 "p}\n  limit_mw: 1\n",
                 "project.yaml:4:25: unknown key 'colum' in 'peakshift.demand' (did you mean "
                 "'column'?)");
    expect_error("name: x\npeakshift:\n  portfolio: p.yaml\n  demand: {file: d.csv}\n"
                 "  limit_mw: 1\n",
                 "project.yaml:4:11: missing required key 'column' in 'peakshift.demand'");
    expect_error("name: x\npeakshift:\n  portfolio: p.yaml\n  demand: d.csv\n  limit_mw: 1\n",
                 "project.yaml:4:11: 'demand' in 'peakshift' must be a mapping, got "
                 "'d.csv'");
    expect_error(SECTION("1") "  profile: {column: mw}\n",
                 "project.yaml:6:12: missing required key 'file' in 'peakshift.profile'");
    expect_error(SECTION("1") "  seconds_per_stage: 0\n",
                 "project.yaml:6:22: 'seconds_per_stage' in 'peakshift' must be a number "
                 "from 0.001 to 86400, got 0");
    expect_error(SECTION("1") "  method: fast\n",
                 "project.yaml:6:11: 'method' in 'peakshift' must be one of auto, exact, "
                 "greedy, got 'fast'");
    expect_error(SECTION("1") "  exact_max_calls: 0\n",
                 "project.yaml:6:20: 'exact_max_calls' in 'peakshift' must be an integer from "
                 "1 to 100000000, got 0");
    expect_error(SECTION("1") "  fair: sometimes\n",
                 "project.yaml:6:9: 'fair' in 'peakshift' must be true or false (or yes or "
                 "no), got 'sometimes'");
}

Test(config_peakshift, limit_mistakes_are_located)
{
    expect_error(SECTION("-5"),
                 "project.yaml:5:13: 'limit_mw' in 'peakshift' must be a number from 0 to "
                 "1e+07, got -5");
    expect_error(SECTION("9.2 GW"),
                 "project.yaml:5:13: 'limit_mw' in 'peakshift' must be a finite number, got "
                 "'9.2 GW'");
    expect_error(SECTION("[9200, 9300]"),
                 "project.yaml:5:13: 'limit_mw' in 'peakshift' got a list; limit_mw is a "
                 "number (MW), a limit per month {2025-07: 9300, ...} or a daily file {file: "
                 "limit.csv, column: limit_mw}");
    expect_error(SECTION("{}"),
                 "project.yaml:5:13: 'limit_mw' in 'peakshift' got an empty mapping; limit_mw "
                 "is a number (MW), a limit per month {2025-07: 9300, ...} or a daily file "
                 "{file: limit.csv, column: limit_mw}");
    expect_error(SECTION("{2025-06: 9800, 2025-13: 9500}"),
                 "project.yaml:5:29: '2025-13' in 'peakshift.limit_mw' is not a month YYYY-MM; "
                 "limit_mw is a number (MW), a limit per month {2025-07: 9300, ...} or a daily "
                 "file {file: limit.csv, column: limit_mw}");
    expect_error(SECTION("{2025-6: 9800}"),
                 "project.yaml:5:14: '2025-6' in 'peakshift.limit_mw' is not a month YYYY-MM; "
                 "limit_mw is a number (MW), a limit per month {2025-07: 9300, ...} or a daily "
                 "file {file: limit.csv, column: limit_mw}");
    expect_error(SECTION("{fille: limit.csv}"),
                 "project.yaml:5:14: 'fille' in 'peakshift.limit_mw' is not a month YYYY-MM "
                 "(did you mean 'file'?); limit_mw is a number (MW), a limit per month "
                 "{2025-07: 9300, ...} or a daily file {file: limit.csv, column: limit_mw}");
    expect_error(SECTION("{2025-06: -1}"),
                 "project.yaml:5:23: '2025-06' in 'peakshift.limit_mw' must be a number from 0 "
                 "to 1e+07, got -1");
    expect_error(SECTION("{file: limit.csv, 2025-06: 9800}"),
                 "project.yaml:5:31: give 'peakshift.limit_mw' either per month or as a file "
                 "{file, column}, not both");
    expect_error(SECTION("{column: limit_mw}"),
                 "project.yaml:5:13: missing required key 'file' in 'peakshift.limit_mw'");
    expect_error(SECTION("{file: limit.csv, colum: x}"),
                 "project.yaml:5:31: unknown key 'colum' in 'peakshift.limit_mw' (did you "
                 "mean 'column'?)");
}

/* ---- the days ---------------------------------------------------------------------- */

Test(config_peakshift, days_default_to_the_demand_file_and_its_first_scenario)
{
    lf_config *cfg = load_at(SECTION("1000"), FIX);
    lf_config_peakshift_input *in = days_of(cfg);
    cr_assert_str_eq(in->scenario, "low", "the file's first scenario");
    cr_assert_eq(in->spec.first, day(2025, 7, 30));
    cr_assert_eq(in->spec.last, day(2025, 8, 2));
    cr_assert_eq(in->ndays, 4);
    const double low[4] = {900, 950, 980, 940};
    for (size_t t = 0; t < 4; t++) {
        cr_assert_eq(in->peak_mw[t], low[t]);
        cr_assert_eq(in->limit_mw[t], 1000);
        cr_assert_eq(in->window_hours[t], 4, "the portfolio's");
        cr_assert(isnan(in->window_start[t]));
    }
    cr_assert_eq(in->profile_days, 0);
    cr_assert_eq(in->spec.peak_mw, in->peak_mw);
    cr_assert_eq(in->spec.limit_mw, in->limit_mw);
    cr_assert_eq(in->spec.window_hours, in->window_hours);
    cr_assert_eq(in->spec.window_start, in->window_start);
    cr_assert_eq(in->spec.fair, 1);
    lf_config_peakshift_free(in);
    lf_config_free(cfg);
}

Test(config_peakshift, a_scenario_and_days_chosen)
{
    lf_config *cfg = load_at("name: x\n"
                             "peakshift:\n"
                             "  portfolio: p.yaml\n"
                             "  first: 2025-07-31\n"
                             "  last: 2025-08-01\n"
                             "  demand: {file: peakshift_forecast_daily.csv, column: "
                             "peak_mw_normal, scenario: base}\n"
                             "  limit_mw: 990\n"
                             "  seconds_per_stage: 5\n",
                             FIX);
    lf_config_peakshift_input *in = days_of(cfg);
    cr_assert_str_eq(in->scenario, "base");
    cr_assert_eq(in->ndays, 2);
    cr_assert_eq(in->spec.first, day(2025, 7, 31));
    cr_assert_eq(in->peak_mw[0], 1000, "base's normal: p90 1050 - 50");
    cr_assert_eq(in->peak_mw[1], 1030);
    cr_assert_eq(in->spec.seconds_per_stage, 5);
    lf_config_peakshift_free(in);
    lf_config_free(cfg);
}

Test(config_peakshift, limit_per_month_spans_the_months)
{
    lf_config *cfg = load_at(SECTION("{2025-08: 1030, 2025-07: 1010, 2024-12: 1}"), FIX);
    lf_config_peakshift_input *in = days_of(cfg);
    const double want[4] = {1010, 1010, 1030, 1030};
    for (size_t t = 0; t < 4; t++)
        cr_assert_eq(in->limit_mw[t], want[t], "day %zu", t);
    lf_config_peakshift_free(in);
    lf_config_free(cfg);
}

Test(config_peakshift, limit_from_a_daily_file)
{
    lf_config *cfg = load_at(SECTION("{file: peakshift_limit.csv}"), FIX);
    lf_config_peakshift_input *in = days_of(cfg);
    const double want[4] = {1010, 1000, 990, 1020};
    for (size_t t = 0; t < 4; t++)
        cr_assert_eq(in->limit_mw[t], want[t]);
    lf_config_peakshift_free(in);
    lf_config_free(cfg);
    cfg = load_at(SECTION("{file: peakshift_limit.csv, column: emergency_mw}"), FIX);
    in = days_of(cfg);
    cr_assert_eq(in->limit_mw[2], 1090);
    lf_config_peakshift_free(in);
    lf_config_free(cfg);
}

/* peakshift_peak.csv: a plain date,peak_mw file; the profile covers 07-31
 * (hourly, 1050 MW 14:00-17:00) and 08-01 (half-hourly, 1080 MW 13:30-15:30). */
Test(config_peakshift, profile_windows_on_the_days_it_covers)
{
    lf_config *cfg = load_at("name: x\n"
                             "peakshift:\n"
                             "  portfolio: p.yaml\n"
                             "  demand: {file: peakshift_peak.csv, column: peak_mw}\n"
                             "  limit_mw: {file: peakshift_limit.csv}\n"
                             "  profile: {file: peakshift_profile.csv}\n",
                             FIX);
    lf_config_peakshift_input *in = days_of(cfg);
    cr_assert_str_eq(in->scenario, "", "a plain file has no scenario");
    cr_assert_eq(in->ndays, 4);
    cr_assert_eq(in->peak_mw[3], 1040);
    cr_assert_eq(in->profile_days, 2);
    cr_assert_eq(in->window_hours[0], 4, "07-30: not in the profile");
    cr_assert(isnan(in->window_start[0]));
    cr_assert_eq(in->window_hours[1], 3, "07-31: three hours above 1000 MW");
    cr_assert_eq(in->window_start[1], 14);
    cr_assert_eq(in->window_hours[2], 2, "08-01: four half-hours above 990 MW");
    cr_assert_eq(in->window_start[2], 13.5);
    cr_assert_eq(in->window_hours[3], 4, "08-02: not in the profile");
    lf_config_peakshift_free(in);
    lf_config_free(cfg);
}

Test(config_peakshift, profile_with_timestamps_and_a_day_without_deficit)
{
    scratch_new();
    scratch_file("demand.csv", "date,peak_mw\n2025-07-01,90\n2025-07-02,110\n");
    char text[4096] = "time,mw\n";
    for (int k = 0; k < 96; k++) /* 07-01 stays under the limit: no window needed */
        snprintf(text + strlen(text), sizeof text - strlen(text), "2025-07-01 %02d:%02d,%d\n",
                 k / 4, 15 * (k % 4), 95);
    for (int h = 0; h < 24; h++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "2025-07-02T%02d:00,%d\n", h,
                 h == 19 ? 110 : 80);
    scratch_file("profile.csv", text);
    lf_config *cfg = load_at("name: x\npeakshift:\n  portfolio: p.yaml\n"
                             "  demand: {file: demand.csv, column: peak_mw}\n"
                             "  limit_mw: 100\n  profile: {file: profile.csv}\n",
                             scratch);
    lf_config_peakshift_input *in = days_of(cfg);
    cr_assert_eq(in->window_hours[0], 4, "no deficit, nothing above the limit: the default");
    cr_assert(isnan(in->window_start[0]));
    cr_assert_eq(in->window_hours[1], 1);
    cr_assert_eq(in->window_start[1], 19);
    cr_assert_eq(in->profile_days, 1);
    lf_config_peakshift_free(in);
    lf_config_free(cfg);
    scratch_remove();
}

/* ---- mistakes in the data ------------------------------------------------------------ */

#define PLAIN                                                                            \
    "name: x\n"                                                                          \
    "peakshift:\n"                                                                       \
    "  portfolio: p.yaml\n"                                                              \
    "  demand: {file: demand.csv, column: peak_mw}\n"

Test(config_peakshift, missing_days_name_the_file_and_the_day)
{
    expect_days_error(SECTION("1000") "  last: 2025-08-04\n", FIX, LF_ERR_DATA,
                      FIX "/peakshift_forecast_daily.csv: no row of scenario 'low' for "
                      "2025-08-03, a scheduled day (2025-07-30 .. 2025-08-04); 2 scheduled "
                      "days are missing, the last 2025-08-04");
    expect_days_error(SECTION("1000") "  first: 2025-07-29\n  last: 2025-07-31\n", FIX,
                      LF_ERR_DATA,
                      FIX "/peakshift_forecast_daily.csv: no row of scenario 'low' for "
                      "2025-07-29, a scheduled day (2025-07-29 .. 2025-07-31)");
    scratch_new();
    scratch_file("demand.csv", "date,peak_mw\n2025-07-30,1\n2025-07-31,1\n2025-08-02,1\n");
    scratch_file("limit.csv", "date,limit_mw\n2025-07-30,1\n2025-08-01,1\n2025-08-02,1\n");
    expect_days_error(PLAIN "  limit_mw: 1\n", scratch, LF_ERR_DATA,
                      in_scratch("%s/demand.csv: no row for 2025-08-01, a scheduled day "
                                 "(2025-07-30 .. 2025-08-02)"));
    expect_days_error(PLAIN "  limit_mw: 1\n  last: 2025-07-31\n", FIX, LF_ERR_IO,
                      "the demand file of 'peakshift': cannot open "
                      FIX "/demand.csv: No such file or directory");
    expect_days_error(PLAIN "  limit_mw: {file: limit.csv}\n  last: 2025-07-31\n", scratch,
                      LF_ERR_DATA,
                      in_scratch("%s/limit.csv: no row for 2025-07-31, a scheduled day "
                                 "(2025-07-30 .. 2025-07-31)"));
    expect_days_error(SECTION("{2025-07: 9300, 2025-09: 9000}"), FIX, LF_ERR_CONFIG,
                      "project.yaml:5:13: 'limit_mw' in 'peakshift' has no limit for 2025-08, "
                      "a month of the schedule (2025-07-30 .. 2025-08-02); every scheduled "
                      "month needs one");
    scratch_remove();
}

Test(config_peakshift, the_scenario_must_be_in_the_file)
{
    expect_days_error("name: x\npeakshift:\n  portfolio: p.yaml\n"
                      "  demand: {file: peakshift_forecast_daily.csv, column: peak_mw_p90, "
                      "scenario: mid}\n  limit_mw: 1\n",
                      FIX, LF_ERR_DATA,
                      FIX "/peakshift_forecast_daily.csv: no rows of scenario 'mid'; the file "
                      "has: low, base");
    expect_days_error("name: x\npeakshift:\n  portfolio: p.yaml\n"
                      "  demand: {file: peakshift_peak.csv, column: peak_mw, scenario: base}\n"
                      "  limit_mw: 1\n",
                      FIX, LF_ERR_NOTFOUND,
                      FIX "/peakshift_peak.csv:1: no 'scenario' column to take scenario 'base' "
                      "from; leave 'scenario' out of 'peakshift.demand' for a file of one "
                      "series");
}

Test(config_peakshift, bad_rows_are_located)
{
    scratch_new();
    scratch_file("demand.csv", "date,peak_mw\n"
                               "2025-07-30,1000\n"
                               "2025-07-31,1010\n"
                               "2025-07-30,990\n");
    expect_days_error(PLAIN "  limit_mw: 1\n", scratch, LF_ERR_DATA,
                      in_scratch("%s/demand.csv:4: 2025-07-30 is given twice (first on line "
                                 "2)"));
    scratch_file("demand.csv", "date,peak_mw\n"
                               "2025-07-30,1000\n"
                               "2025-07-31,\n"
                               "2025-08-01,1020\n");
    expect_days_error(PLAIN "  limit_mw: 1\n", scratch, LF_ERR_DATA,
                      in_scratch("%s/demand.csv:3:12: no value in 'peak_mw' on 2025-07-31, a "
                                 "scheduled day"));
    scratch_file("demand.csv", "date,peak_mw\n"
                               "2025-07-30,-1000\n");
    expect_days_error(PLAIN "  limit_mw: 1\n", scratch, LF_ERR_DATA,
                      in_scratch("%s/demand.csv:2:12: 'peak_mw' must not be negative, got "
                                 "-1000"));
    scratch_file("demand.csv", "date,peak_mw\n"
                               "2025-07-30,1000\n"
                               "2025-07-32,1000\n");
    expect_days_error(PLAIN "  limit_mw: 1\n", scratch, LF_ERR_RANGE,
                      in_scratch("%s/demand.csv:3:1: invalid date '2025-07-32': day 32 does "
                                 "not exist in 2025-07"));
    scratch_file("demand.csv", "day,peak_mw\n2025-07-30,1000\n");
    expect_days_error(PLAIN "  limit_mw: 1\n", scratch, LF_ERR_NOTFOUND,
                      in_scratch("%s/demand.csv:1: no date column: expected one named 'date' "
                                 "(or 'period', as lfc forecast writes it); columns are: day, "
                                 "peak_mw"));
    scratch_file("demand.csv", "date,peak_mv\n2025-07-30,1000\n");
    expect_days_error(PLAIN "  limit_mw: 1\n", scratch, LF_ERR_NOTFOUND,
                      in_scratch("%s/demand.csv:1: no column 'peak_mw' in the header (did "
                                 "you mean 'peak_mv'?); columns are: date, peak_mv"));
    scratch_file("demand.csv", "date,peak_mw\n2025-07-30,1000,5\n");
    expect_days_error(PLAIN "  limit_mw: 1\n", scratch, LF_ERR_PARSE,
                      in_scratch("%s/demand.csv:2: row has 3 fields but the header has 2 (a "
                                 "missing or extra ','?)"));
    scratch_remove();
}

Test(config_peakshift, profile_mistakes)
{
    scratch_new();
    scratch_file("demand.csv", "date,peak_mw\n2025-07-30,110\n");
    char text[4096] = "date,time,mw\n";
    for (int h = 0; h < 23; h++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "2025-07-30,%02d:00,90\n", h);
    scratch_file("profile.csv", text);
    const char *config = PLAIN "  limit_mw: 100\n  profile: {file: profile.csv}\n";
    expect_days_error(config, scratch, LF_ERR_DATA,
                      in_scratch("%s/profile.csv:2: 2025-07-30 has 23 intervals in the "
                                 "profile; expected 24, 48 or 96 (hourly, half-hourly or "
                                 "15-minute), each once"));
    scratch_file("profile.csv", "date,time,mw\n2025-07-30,00:00,1\n2025-07-30,00:00,2\n");
    expect_days_error(config, scratch, LF_ERR_DATA,
                      in_scratch("%s/profile.csv:3: 2025-07-30 00:00 is given twice (first on "
                                 "line 2)"));
    strcpy(text, "date,time,mw\n");
    for (int h = 0; h < 24; h++) /* 05:00 missing, 05:30 in its place */
        snprintf(text + strlen(text), sizeof text - strlen(text), "2025-07-30,%02d:%s,90\n",
                 h, h == 5 ? "30" : "00");
    scratch_file("profile.csv", text);
    expect_days_error(config, scratch, LF_ERR_DATA,
                      in_scratch("%s/profile.csv:7: 2025-07-30 has no value for 05:00 in the "
                                 "profile (24 60-minute intervals expected)"));
    strcpy(text, "date,time,mw\n");
    for (int h = 0; h < 24; h++) /* every day stays under the limit, the forecast does not */
        snprintf(text + strlen(text), sizeof text - strlen(text), "2025-07-30,%02d:00,%d\n",
                 h, 70 + h);
    scratch_file("profile.csv", text);
    expect_days_error(config, scratch, LF_ERR_DATA,
                      in_scratch("%s/profile.csv: on 2025-07-30 the profile stays at or under "
                                 "the limit (highest 93.0 MW, limit 100.0 MW) while the "
                                 "demand forecast peaks at 110.0 MW, so the peak window cannot "
                                 "be measured; give a profile that matches the forecast, or "
                                 "leave the day out of it"));
    scratch_file("profile.csv", "date,time,mw\n2025-07-30,24:00,1\n");
    expect_days_error(config, scratch, LF_ERR_PARSE,
                      in_scratch("%s/profile.csv:2:12: '24:00' is not a time of day HH:MM from "
                                 "00:00 to 23:59 (the interval's start)"));
    scratch_file("profile.csv", "date,time,mw\n2025-07-30,12:00,\n");
    expect_days_error(config, scratch, LF_ERR_DATA,
                      in_scratch("%s/profile.csv:2:18: no value in 'mw' on a scheduled day"));
    scratch_file("profile.csv", "date,times,mw\n");
    expect_days_error(config, scratch, LF_ERR_NOTFOUND,
                      in_scratch("%s/profile.csv:1: no column 'time' in the header (did you "
                                 "mean 'times'?); columns are: date, times, mw"));
    scratch_remove();
}

Test(config_peakshift, no_section)
{
    lf_config *cfg = load("name: x\n");
    lf_error err;
    cr_assert_null(read_days(cfg, &err));
    cr_assert_eq(err.code, LF_ERR_CONFIG);
    cr_assert_str_eq(err.message, "project.yaml: no 'peakshift' section; its keys are in "
                                  "include/libforecast/config.h");
    lf_config_free(cfg);
}
