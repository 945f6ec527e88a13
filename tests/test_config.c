/* test_config.c - the YAML tree and the project config loader: every field of a
 * full config, exact file:line:column messages for each kind of mistake, path
 * resolution, and no leaks on any error path. */
#include <criterion/criterion.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/yaml_tree.h"
#include "libforecast/config.h"

#define FIXTURES "tests/fixtures/config/"

static lf_config dummy; /* *out must be reset from this to NULL on error */

static lf_config *load_text(const char *text, const char *base_dir)
{
    lf_error err;
    lf_error_clear(&err);
    lf_config *cfg = &dummy;
    int rc = lf_config_load_string(text, "project.yaml", base_dir, &cfg, &err);
    cr_assert_eq(rc, LF_OK, "load failed: %s", err.message);
    cr_assert_not_null(cfg);
    return cfg;
}

/* The load fails with exactly this code and message, and *out is NULL. */
static void expect_error(const char *text, int code, const char *message)
{
    lf_error err;
    lf_error_clear(&err);
    lf_config *cfg = &dummy;
    int rc = lf_config_load_string(text, "project.yaml", NULL, &cfg, &err);
    cr_assert_eq(rc, code, "status %d, message: %s", rc, err.message);
    cr_assert_eq(err.code, code);
    cr_assert_null(cfg, "*out must be NULL after an error");
    cr_assert_str_eq(err.message, message);
}

static lf_date day(const char *text)
{
    lf_date d;
    cr_assert_eq(lf_date_parse(text, &d, NULL), LF_OK);
    return d;
}

/* ---- a full config ------------------------------------------------------------ */

Test(config, full_top_level_and_period)
{
    lf_error err;
    lf_config *cfg = NULL;
    cr_assert_eq(lf_config_load(FIXTURES "full.yaml", &cfg, &err), LF_OK, "%s", err.message);
    cr_assert_str_eq(cfg->path, FIXTURES "full.yaml");
    cr_assert_str_eq(cfg->dir, "tests/fixtures/config");
    cr_assert_str_eq(cfg->name, "Sample City");
    cr_assert(cfg->has_period);
    cr_assert_eq(cfg->first, day("2019-01-01"));
    cr_assert_eq(cfg->last, day("2024-12-31"));
    cr_assert_str_eq(cfg->output_dir, FIXTURES "results");
    lf_config_free(cfg);
}

Test(config, full_calendar)
{
    lf_config *cfg = NULL;
    cr_assert_eq(lf_config_load(FIXTURES "full.yaml", &cfg, NULL), LF_OK);
    const lf_config_calendar *c = &cfg->calendar;
    cr_assert_eq(c->nbuiltin, 1);
    cr_assert_str_eq(c->builtin[0], "CN");
    cr_assert_eq(c->nfiles, 1);
    cr_assert_str_eq(c->files[0], FIXTURES "extra_holidays.csv");
    cr_assert_eq(c->nholidays, 1);
    cr_assert_eq(c->holidays[0].date, day("2024-05-06"));
    cr_assert_str_eq(c->holidays[0].name, "Local festival");
    cr_assert_eq(c->nworkdays, 1);
    cr_assert_eq(c->workdays[0].date, day("2024-05-11"));
    cr_assert_str_eq(c->workdays[0].name, "Make-up day");
    cr_assert(c->has_years);
    cr_assert_eq(c->first_year, 1990);
    cr_assert_eq(c->last_year, 2040);

    cr_assert_eq(c->nrules, 3);
    const lf_holiday_rule *r = c->rules;
    cr_assert_str_eq(r[0].name, "Founders Day");
    cr_assert_eq(r[0].kind, LF_RULE_FIXED);
    cr_assert_eq(r[0].month, 6);
    cr_assert_eq(r[0].day, 1);
    cr_assert_eq(r[0].observe, LF_OBSERVE_NEXT_MONDAY);
    cr_assert_eq(r[0].first_year, 0);
    cr_assert_eq(r[0].last_year, 0);
    cr_assert_str_eq(r[1].name, "Memorial Day");
    cr_assert_eq(r[1].kind, LF_RULE_NTH_WEEKDAY);
    cr_assert_eq(r[1].month, 5);
    cr_assert_eq(r[1].weekday, LF_MONDAY);
    cr_assert_eq(r[1].nth, -1);
    cr_assert_eq(r[1].offset_days, 0);
    cr_assert_eq(r[1].observe, LF_OBSERVE_NONE);
    cr_assert_str_eq(r[2].name, "Good Friday");
    cr_assert_eq(r[2].kind, LF_RULE_EASTER);
    cr_assert_eq(r[2].offset_days, -2);
    cr_assert_eq(r[2].first_year, 2000);
    cr_assert_eq(r[2].last_year, 2030);
    lf_config_free(cfg);
}

Test(config, full_load)
{
    lf_config *cfg = NULL;
    cr_assert_eq(lf_config_load(FIXTURES "full.yaml", &cfg, NULL), LF_OK);
    cr_assert(cfg->has_load);
    const lf_config_source *s = &cfg->load;
    const lf_interval_spec *p = &s->spec;
    cr_assert_null(s->id);
    cr_assert_null(s->name);
    cr_assert_str_eq(p->path, FIXTURES "region_load.csv");
    cr_assert_eq(p->delimiter, ';');
    cr_assert_eq(p->layout, LF_LAYOUT_LONG);
    cr_assert_eq(p->interval_minutes, 60);
    cr_assert_null(p->time_column);
    cr_assert_str_eq(p->date_column, "date");
    cr_assert_str_eq(p->hour_column, "hour");
    cr_assert_eq(p->hour_ending, 1);
    cr_assert_eq(p->stamp, LF_STAMP_END);
    cr_assert_eq(p->max_gap_intervals, 6);
    cr_assert_eq(p->duplicates, LF_DUP_LAST);
    cr_assert_eq(p->clock_changes, 1);
    cr_assert_eq(p->first, day("2019-01-01"));
    cr_assert_eq(p->last, day("2024-12-31"));
    cr_assert_eq(p->series, s->series);
    cr_assert_eq(p->nseries, 3);
    cr_assert_eq(s->nseries, 3);
    cr_assert_str_eq(p->series[0].column, "load_mw");
    cr_assert_eq(p->series[0].kind, LF_SERIES_LOAD);
    cr_assert_eq(p->series[0].unit, LF_UNIT_MW);
    cr_assert_null(p->series[0].prefix);
    cr_assert_str_eq(p->series[1].column, "temp_c");
    cr_assert_eq(p->series[1].kind, LF_SERIES_TEMPERATURE);
    cr_assert_eq(p->series[1].unit, LF_UNIT_FAHRENHEIT);
    cr_assert_null(p->series[1].prefix);
    cr_assert_str_eq(p->series[2].column, "rh");
    cr_assert_eq(p->series[2].kind, LF_SERIES_HUMIDITY);
    cr_assert_null(p->series[2].prefix);
    lf_config_free(cfg);
}

Test(config, full_customers)
{
    lf_config *cfg = NULL;
    cr_assert_eq(lf_config_load(FIXTURES "full.yaml", &cfg, NULL), LF_OK);
    cr_assert_eq(cfg->ncustomers, 2);
    const lf_config_source *a = &cfg->customers[0], *b = &cfg->customers[1];
    cr_assert_str_eq(a->id, "C001");
    cr_assert_str_eq(a->name, "Steel works");
    cr_assert_str_eq(a->spec.path, FIXTURES "customers/C001.csv");
    cr_assert_eq(a->spec.layout, LF_LAYOUT_WIDE);
    cr_assert_eq(a->spec.interval_minutes, 15);
    cr_assert_str_eq(a->spec.date_column, "date");
    cr_assert_eq(a->spec.max_gap_intervals, -1, "omitted = ingest's default");
    cr_assert_eq(a->spec.delimiter, 0);
    cr_assert_eq(a->spec.first, day("2019-01-01"));
    cr_assert_eq(a->spec.nseries, 1);
    cr_assert_null(a->spec.series[0].column);
    cr_assert_eq(a->spec.series[0].unit, LF_UNIT_KW);
    cr_assert_str_eq(a->spec.series[0].prefix, "C001_");

    cr_assert_str_eq(b->id, "C002");
    cr_assert_str_eq(b->name, "C002", "name defaults to the id");
    cr_assert_str_eq(b->spec.path, "/data/customers/C002.csv", "absolute paths stay");
    cr_assert_eq(b->spec.layout, LF_LAYOUT_LONG);
    cr_assert_eq(b->spec.interval_minutes, 0, "omitted = infer");
    cr_assert_str_eq(b->spec.time_column, "timestamp");
    cr_assert_eq(b->spec.stamp, LF_STAMP_START);
    cr_assert_eq(b->spec.duplicates, LF_DUP_ERROR);
    cr_assert_eq(b->spec.delimiter, '\t');
    cr_assert_eq(b->spec.nseries, 1);
    cr_assert_str_eq(b->spec.series[0].column, "kwh");
    cr_assert_eq(b->spec.series[0].unit, LF_UNIT_KWH);
    cr_assert_str_eq(b->spec.series[0].prefix, "C002_");
    lf_config_free(cfg);
}

Test(config, full_weather_and_economy)
{
    lf_config *cfg = NULL;
    cr_assert_eq(lf_config_load(FIXTURES "full.yaml", &cfg, NULL), LF_OK);
    const lf_daily_weather_spec *w = &cfg->weather;
    cr_assert(cfg->has_weather);
    cr_assert_str_eq(w->path, FIXTURES "weather_daily.csv");
    cr_assert_eq(w->delimiter, ',');
    cr_assert_str_eq(w->date_column, "date");
    cr_assert_str_eq(w->tmin_column, "tmin_c");
    cr_assert_str_eq(w->tmax_column, "tmax_c");
    cr_assert_str_eq(w->tmean_column, "tmean_c");
    cr_assert_str_eq(w->humidity_column, "humidity_pct");
    cr_assert_str_eq(w->rain_column, "rain_mm");
    cr_assert_eq(w->temperature_unit, LF_UNIT_CELSIUS);
    cr_assert_eq(w->first, day("2019-01-01"));
    cr_assert_eq(w->last, day("2024-12-31"));

    cr_assert_eq(cfg->neconomy, 2);
    const lf_economy_spec *g = &cfg->economy[0], *i = &cfg->economy[1];
    cr_assert_str_eq(g->name, "gdp");
    cr_assert_str_eq(g->path, FIXTURES "economy.csv");
    cr_assert_str_eq(g->period_column, "year");
    cr_assert_str_eq(g->value_column, "gdp_bn_cny");
    cr_assert_str_eq(g->filter_column, "country");
    cr_assert_str_eq(g->filter_value, "China");
    cr_assert_eq(g->frequency, LF_FREQ_ANNUAL);
    cr_assert_eq(g->mapping, LF_MAP_LINEAR);
    cr_assert_eq(g->scale, 1.0);
    cr_assert_str_eq(g->unit, "bn CNY");
    cr_assert_eq(g->delimiter, 0);
    cr_assert_str_eq(i->name, "ipi");
    cr_assert_str_eq(i->path, FIXTURES "../shared/ipi.csv");
    cr_assert_eq(i->frequency, LF_FREQ_MONTHLY);
    cr_assert_eq(i->mapping, LF_MAP_STEP);
    cr_assert_eq(i->scale, 0.01);
    cr_assert_null(i->filter_column);
    cr_assert_null(i->unit);
    lf_config_free(cfg);
}

Test(config, minimal_defaults)
{
    lf_config *cfg = load_text("name: Minimal\n", NULL);
    cr_assert_str_eq(cfg->name, "Minimal");
    cr_assert_str_eq(cfg->dir, ".");
    cr_assert_not(cfg->has_period);
    cr_assert_gt(cfg->first, cfg->last, "no period: first > last means all");
    cr_assert_not(cfg->has_load);
    cr_assert_not(cfg->has_weather);
    cr_assert_eq(cfg->ncustomers, 0);
    cr_assert_eq(cfg->neconomy, 0);
    cr_assert_eq(cfg->calendar.nbuiltin + cfg->calendar.nrules + cfg->calendar.nfiles, 0);
    cr_assert_not(cfg->calendar.has_years);
    cr_assert_str_eq(cfg->output_dir, "out");
    lf_config_free(cfg);
}

Test(config, no_period_reaches_specs)
{
    lf_config *cfg = load_text("name: X\nload: {path: a.csv, time_column: t, value_column: v}\n"
                               "weather: {path: w.csv, date_column: d, tmax_column: x}\n",
                               NULL);
    cr_assert_gt(cfg->load.spec.first, cfg->load.spec.last);
    cr_assert_gt(cfg->weather.first, cfg->weather.last);
    cr_assert_eq(cfg->load.spec.series[0].unit, LF_UNIT_DEFAULT);
    cr_assert_eq(cfg->weather.temperature_unit, LF_UNIT_DEFAULT);
    lf_config_free(cfg);
}

Test(config, open_ended_period_and_friendly_spellings)
{
    lf_config *cfg = load_text("name: 2024\nperiod: {first: 2020/3/1}\n"
                               "calendar: {builtin: cn}\n"
                               "load: {path: a.csv, time_column: t, value_column: v,"
                               " unit: mwh, delimiter: tab, clock_changes: No}\n",
                               NULL);
    cr_assert_str_eq(cfg->name, "2024", "a number is a fine name");
    cr_assert_eq(cfg->first, day("2020-03-01"));
    cr_assert_eq(cfg->last, day("9999-12-31"));
    cr_assert_eq(cfg->calendar.nbuiltin, 1);
    cr_assert_str_eq(cfg->calendar.builtin[0], "CN", "canonical spelling kept");
    cr_assert_eq(cfg->load.spec.series[0].unit, LF_UNIT_MWH);
    cr_assert_eq(cfg->load.spec.delimiter, '\t');
    cr_assert_eq(cfg->load.spec.clock_changes, 0);
    lf_config_free(cfg);
}

/* ---- relative paths ----------------------------------------------------------- */

Test(config, paths_resolve_against_base_dir)
{
    const char *text = "name: X\nload: {path: a.csv, time_column: t, value_column: v}\n"
                       "calendar: {files: [h/x.csv, /abs/y.csv]}\n";
    lf_config *cfg = load_text(text, "/srv/project");
    cr_assert_str_eq(cfg->dir, "/srv/project");
    cr_assert_str_eq(cfg->load.spec.path, "/srv/project/a.csv");
    cr_assert_str_eq(cfg->calendar.files[0], "/srv/project/h/x.csv");
    cr_assert_str_eq(cfg->calendar.files[1], "/abs/y.csv");
    cr_assert_str_eq(cfg->output_dir, "/srv/project/out");
    lf_config_free(cfg);

    cfg = load_text(text, "/srv/project/");
    cr_assert_str_eq(cfg->load.spec.path, "/srv/project/a.csv", "no doubled slash");
    lf_config_free(cfg);

    cfg = load_text(text, NULL);
    cr_assert_str_eq(cfg->load.spec.path, "a.csv", "no base dir: current directory");
    lf_config_free(cfg);
}

Test(config, file_in_current_directory_and_root)
{
    lf_config *cfg = NULL;
    cr_assert_eq(chdir(FIXTURES), 0);
    cr_assert_eq(lf_config_load("full.yaml", &cfg, NULL), LF_OK);
    cr_assert_str_eq(cfg->dir, ".");
    cr_assert_str_eq(cfg->load.spec.path, "region_load.csv");
    lf_config_free(cfg);
}

Test(config, missing_file_is_io_error)
{
    lf_error err;
    lf_config *cfg = &dummy;
    cr_assert_eq(lf_config_load(FIXTURES "nope.yaml", &cfg, &err), LF_ERR_IO);
    cr_assert_null(cfg);
    cr_assert_str_eq(err.message, "cannot open " FIXTURES "nope.yaml: No such file or "
                                  "directory");
}

Test(config, file_errors_name_the_file)
{
    lf_error err;
    lf_config *cfg = &dummy;
    cr_assert_eq(lf_config_load(FIXTURES "bad_key.yaml", &cfg, &err), LF_ERR_CONFIG);
    cr_assert_null(cfg);
    cr_assert_str_eq(err.message, FIXTURES "bad_key.yaml:5:3: unknown key "
                     "'intervall_minutes' in 'load' (did you mean 'interval_minutes'?)");
}

/* ---- errors: every message exact, with line and column ---------------------- */

#define LOAD_HEAD "name: X\nload:\n  path: a.csv\n"

Test(config_errors, unknown_key_with_suggestion)
{
    expect_error(LOAD_HEAD "  time_column: t\n  value_column: v\n  intervall_minutes: 60\n",
                 LF_ERR_CONFIG, "project.yaml:6:3: unknown key 'intervall_minutes' in "
                 "'load' (did you mean 'interval_minutes'?)");
    expect_error("name: X\ncustomers:\n  - {id: A, nmae: B, path: a, layout: wide}\n",
                 LF_ERR_CONFIG, "project.yaml:3:13: unknown key 'nmae' in 'customers[0]' "
                 "(did you mean 'name'?)");
}

Test(config_errors, unknown_key_lists_the_allowed_ones)
{
    expect_error("name: X\ncolour: red\n", LF_ERR_CONFIG,
                 "project.yaml:2:1: unknown key 'colour' at the top level; expected one of: "
                 "name, period, calendar, load, customers, weather, economy, model, "
                 "candidates, selection, backtest, forecast, peakshift, tariff, crm, plan, "
                 "output");
    expect_error("name: X\nload: {path: a, id: C1}\n", LF_ERR_CONFIG,
                 "project.yaml:2:17: unknown key 'id' in 'load'; "
                 "expected one of: path, layout, interval_minutes, time_column, date_column, "
                 "hour_column, hour_ending, timestamp, value_column, unit, temperature_column, "
                 "temperature_unit, humidity_column, max_gap_intervals, duplicates, "
                 "clock_changes, delimiter");
}

Test(config_errors, wrong_type)
{
    expect_error(LOAD_HEAD "  time_column: t\n  value_column: v\n  max_gap_intervals: many\n",
                 LF_ERR_CONFIG, "project.yaml:6:22: 'max_gap_intervals' in 'load' must be "
                 "an integer, got 'many'");
    expect_error("name: X\nload: [a.csv]\n", LF_ERR_CONFIG,
                 "project.yaml:2:7: 'load' must be a mapping, got a list");
    expect_error("name: [X]\n", LF_ERR_CONFIG,
                 "project.yaml:1:7: 'name' must be a non-empty string, got a list");
    expect_error("name:\n", LF_ERR_CONFIG,
                 "project.yaml:1:6: 'name' must be a non-empty string, got no value");
    expect_error(LOAD_HEAD "  time_column: t\n  value_column: v\n  hour_ending: maybe\n",
                 LF_ERR_CONFIG, "project.yaml:6:16: 'hour_ending' in 'load' must be true "
                 "or false (or yes or no), got 'maybe'");
    expect_error("- name: X\n", LF_ERR_CONFIG,
                 "project.yaml:1:1: the document must be a mapping, got a list");
}

Test(config_errors, out_of_range_int)
{
    expect_error(LOAD_HEAD "  time_column: t\n  value_column: v\n  interval_minutes: 45\n",
                 LF_ERR_CONFIG, "project.yaml:6:21: 'interval_minutes' in 'load' must be "
                 "one of 5, 15, 30, 60, got 45");
    expect_error(LOAD_HEAD "  time_column: t\n  value_column: v\n  max_gap_intervals: -1\n",
                 LF_ERR_CONFIG, "project.yaml:6:22: 'max_gap_intervals' in 'load' must be "
                 "an integer >= 0, got -1");
    expect_error("name: X\ncalendar:\n  years: [1990, 12040]\n", LF_ERR_CONFIG,
                 "project.yaml:3:17: 'calendar.years[1]' must be an integer from 1 to 9999, "
                 "got 12040");
    expect_error("name: X\ncalendar:\n  rules: [{name: A, month: 2, day: 30}]\n",
                 LF_ERR_CONFIG, "project.yaml:3:36: 'day' in 'calendar.rules[0]' must be an "
                 "integer from 1 to 29, got 30");
    expect_error("name: X\ncalendar:\n  rules: [{name: A, month: 5, weekday: mon, nth: 0}]\n",
                 LF_ERR_CONFIG, "project.yaml:3:50: 'nth' in 'calendar.rules[0]' must be "
                 "1..5 or -1 (last), got 0");
    expect_error(LOAD_HEAD "  time_column: t\n  value_column: v\n"
                 "  max_gap_intervals: 99999999999999999999\n",
                 LF_ERR_CONFIG, "project.yaml:6:22: 'max_gap_intervals' in 'load' must be "
                 "an integer, got '99999999999999999999'");
}

Test(config_errors, bad_enum)
{
    expect_error(LOAD_HEAD "  layout: lnog\n", LF_ERR_CONFIG,
                 "project.yaml:4:11: 'layout' in 'load' must be one of long, wide, got "
                 "'lnog' (did you mean 'long'?)");
    expect_error(LOAD_HEAD "  time_column: t\n  value_column: v\n  unit: MJ\n", LF_ERR_CONFIG,
                 "project.yaml:6:9: 'unit' in 'load' must be one of kW, MW, GW, kWh, MWh, "
                 "got 'MJ' (did you mean 'MW'?)");
    /* the list of built-in calendars belongs to the calendar module */
    char expected[LF_ERROR_MESSAGE_MAX] =
        "project.yaml:2:26: 'calendar.builtin[1]' must be one of ";
    for (const char *const *n = lf_calendar_builtin_names(); *n; n++)
        snprintf(expected + strlen(expected), sizeof expected - strlen(expected), "%s%s",
                 n == lf_calendar_builtin_names() ? "" : ", ", *n);
    strcat(expected, ", got 'CM' (did you mean 'CN'?)");
    expect_error("name: X\ncalendar: {builtin: [CN, CM]}\n", LF_ERR_CONFIG, expected);
    expect_error(LOAD_HEAD "  time_column: t\n  value_column: v\n  delimiter: \"|\"\n",
                 LF_ERR_CONFIG, "project.yaml:6:14: 'delimiter' in 'load' must be \",\", "
                 "\";\" or \"\\t\" (tab), got '|'");
}

Test(config_errors, bad_date)
{
    expect_error("name: X\nperiod: {first: 2019-02-30, last: 2024-12-31}\n", LF_ERR_CONFIG,
                 "project.yaml:2:17: 'first' in 'period': invalid date '2019-02-30': day 30 "
                 "does not exist in 2019-02");
    expect_error("name: X\nperiod:\n  last: yesterday\n", LF_ERR_CONFIG,
                 "project.yaml:3:9: 'last' in 'period': expected a date like 2024-03-01, "
                 "2024/3/1 or 20240301, got 'yesterday'");
    expect_error("name: X\ncalendar:\n  holidays:\n    - {date: 2024-13-01, name: A}\n",
                 LF_ERR_CONFIG, "project.yaml:4:14: 'date' in 'calendar.holidays[0]': "
                 "invalid date '2024-13-01': month 13 is not 1..12");
    expect_error("name: X\nperiod: {first: 2024-01-02, last: 2024-01-01}\n", LF_ERR_CONFIG,
                 "project.yaml:2:35: 'last' in 'period' (2024-01-01) is before 'first' "
                 "(2024-01-02); expected first <= last");
}

Test(config_errors, yaml_syntax)
{
    expect_error("name: X\nload:\n  path: a.csv\n value_column: v\n", LF_ERR_CONFIG,
                 "project.yaml:4:2: YAML syntax error: did not find expected key (while "
                 "parsing a block mapping at line 1, column 1); check the indentation, "
                 "colons and quotes");
    expect_error("name: X\nperiod: {first: 2019-01-01\n", LF_ERR_CONFIG,
                 "project.yaml:3:1: YAML syntax error: did not find expected ',' or '}' "
                 "(while parsing a flow mapping at line 2, column 9); check the "
                 "indentation, colons and quotes");
    expect_error("name: X\nload:\n\tpath: a.csv\n", LF_ERR_CONFIG,
                 "project.yaml:3:1: YAML syntax error: found character that cannot start "
                 "any token (while scanning for the next token at line 3, column 1); indent "
                 "with spaces: YAML does not allow tabs");
}

Test(config_errors, duplicate_key)
{
    expect_error(LOAD_HEAD "  value_column: v\n  path: b.csv\n", LF_ERR_CONFIG,
                 "project.yaml:5:3: duplicate key 'path' in 'load' (first given at line 3, "
                 "column 3); give each key once");
    expect_error("name: X\nname: Y\n", LF_ERR_CONFIG,
                 "project.yaml:2:1: duplicate key 'name' at the top level (first given at "
                 "line 1, column 1); give each key once");
}

Test(config_errors, missing_required_key_names_the_mapping)
{
    expect_error("name: X\nload:\n  value_column: v\n  time_column: t\n", LF_ERR_CONFIG,
                 "project.yaml:3:3: missing required key 'path' in 'load'");
    expect_error("period: {first: 2019-01-01}\n", LF_ERR_CONFIG,
                 "project.yaml:1:1: missing required key 'name' at the top level");
    expect_error("name: X\ncustomers:\n  - {name: A, path: a.csv}\n", LF_ERR_CONFIG,
                 "project.yaml:3:5: missing required key 'id' in 'customers[0]'");
    expect_error("name: X\neconomy:\n  - name: gdp\n    path: e.csv\n    period_column: y\n"
                 "    value_column: v\n    frequency: annual\n    filter: {column: country}\n",
                 LF_ERR_CONFIG,
                 "project.yaml:8:13: missing required key 'value' in 'economy[0].filter'");
}

Test(config_errors, long_layout_needs_value_and_time_columns)
{
    expect_error(LOAD_HEAD "  time_column: t\n", LF_ERR_CONFIG,
                 "project.yaml:3:3: missing required key 'value_column' in 'load' (the "
                 "long layout needs it)");
    expect_error(LOAD_HEAD "  value_column: v\n", LF_ERR_CONFIG,
                 "project.yaml:3:3: missing required key 'time_column' in 'load' (the long "
                 "layout needs time_column, or date_column and hour_column)");
    expect_error(LOAD_HEAD "  value_column: v\n  date_column: d\n", LF_ERR_CONFIG,
                 "project.yaml:3:3: missing required key 'hour_column' in 'load' (the long "
                 "layout needs time_column, or date_column and hour_column)");
    expect_error(LOAD_HEAD "  value_column: v\n  time_column: t\n  hour_column: h\n",
                 LF_ERR_CONFIG, "project.yaml:6:3: 'hour_column' in 'load' does not apply "
                 "together with time_column; remove it");
}

Test(config_errors, wide_layout_rules)
{
    expect_error(LOAD_HEAD "  layout: wide\n  date_column: d\n  value_column: v\n",
                 LF_ERR_CONFIG, "project.yaml:6:3: 'value_column' in 'load' does not apply "
                 "to the wide layout (one row per day, the interval columns hold the "
                 "values); remove it");
    expect_error(LOAD_HEAD "  layout: wide\n", LF_ERR_CONFIG,
                 "project.yaml:3:3: missing required key 'date_column' in 'load' (the wide "
                 "layout needs it)");
}

Test(config_errors, duplicate_customer_id_and_economy_name)
{
    expect_error("name: X\ncustomers:\n"
                 "  - {id: C1, path: a.csv, layout: wide, date_column: d}\n"
                 "  - {id: C1, path: b.csv, layout: wide, date_column: d}\n", LF_ERR_CONFIG,
                 "project.yaml:4:10: duplicate customer id 'C1' (first used at line 3, "
                 "column 10); each customer id must be unique");
    expect_error("name: X\neconomy:\n"
                 "  - {name: gdp, path: e, period_column: y, value_column: v, frequency: annual}\n"
                 "  - {name: gdp, path: f, period_column: y, value_column: v, frequency: annual}\n",
                 LF_ERR_CONFIG, "project.yaml:4:12: duplicate economy name 'gdp' (first used "
                 "at line 3, column 12); each economy name must be unique");
    expect_error("name: X\ncustomers:\n  - {id: 'a,b', path: a.csv}\n", LF_ERR_CONFIG,
                 "project.yaml:3:10: 'id' in 'customers[0]' must not contain , ; \" tab or "
                 "line breaks, got 'a,b'; it becomes an output column name");
}

Test(config_errors, unsupported_yaml)
{
    expect_error("name: &n X\n", LF_ERR_CONFIG, "project.yaml:1:7: anchors (&n) are not "
                 "supported; write the value out in full");
    expect_error("name: X\nload: {path: a}\nweather: *w\n", LF_ERR_CONFIG,
                 "project.yaml:3:10: aliases (*w) are not supported; write the value out in "
                 "full");
    expect_error("name: !!str X\n", LF_ERR_CONFIG, "project.yaml:1:7: tags "
                 "(tag:yaml.org,2002:str) are not supported; write a plain value, quoted if "
                 "it must stay a string");
    expect_error("name: X\n---\nname: Y\n", LF_ERR_CONFIG, "project.yaml:2:1: a second YAML "
                 "document starts here; a config file holds one document");
    expect_error("name: X\n? [a, b]\n: c\n", LF_ERR_CONFIG, "project.yaml:2:3: a mapping key "
                 "must be a plain string, got a list");
    expect_error("", LF_ERR_CONFIG, "project.yaml:1:1: the config is empty; expected a "
                 "mapping with at least 'name'");
    expect_error("# only a comment\n", LF_ERR_CONFIG, "project.yaml:1:1: the config is "
                 "empty; expected a mapping with at least 'name'");
    expect_error("name: \"a\\0b\"\n", LF_ERR_CONFIG, "project.yaml:1:7: a string contains "
                 "a NUL character; write text without \\0 escapes");
}

Test(config_errors, deep_nesting_is_refused)
{
    char text[400] = "name: X\nload: ";
    for (int i = 0; i < 70; i++)
        strcat(text, "[");
    for (int i = 0; i < 70; i++)
        strcat(text, "]");
    strcat(text, "\n");
    expect_error(text, LF_ERR_CONFIG, "project.yaml:2:71: nesting is deeper than 64 levels; "
                 "flatten the structure");
}

Test(config_errors, rule_shapes)
{
    expect_error("name: X\ncalendar:\n  rules:\n    - {name: A, day: 3}\n", LF_ERR_CONFIG,
                 "project.yaml:4:7: missing required key 'month' in 'calendar.rules[0]' (a "
                 "rule needs month and day, month, weekday and nth, or easter_offset)");
    expect_error("name: X\ncalendar:\n  rules:\n    - {name: A, easter_offset: 1, month: 3}\n",
                 LF_ERR_CONFIG, "project.yaml:4:35: 'month' in 'calendar.rules[0]' does not "
                 "apply to an Easter rule (easter_offset); remove it");
    expect_error("name: X\ncalendar:\n  rules:\n    - {name: A, month: 3, weekday: mon}\n",
                 LF_ERR_CONFIG, "project.yaml:4:7: missing required key 'nth' in "
                 "'calendar.rules[0]' (a weekday rule needs nth: 1..5 or -1 (last))");
    expect_error("name: X\ncalendar:\n  rules:\n    - {name: A, month: 3, day: 1, observe: "
                 "next_mondy}\n", LF_ERR_CONFIG, "project.yaml:4:44: 'observe' in "
                 "'calendar.rules[0]' must be one of none, nearest_weekday, next_monday, "
                 "next_free_weekday, add_monday, got 'next_mondy' (did you mean "
                 "'next_monday'?)");
    expect_error("name: X\ncalendar:\n  years: [2000]\n", LF_ERR_CONFIG,
                 "project.yaml:3:10: 'years' in 'calendar' must be a list of two years "
                 "[first, last], got 1 item");
}

Test(config_errors, weather_and_economy_rules)
{
    expect_error("name: X\nweather: {path: w.csv, date_column: d}\n", LF_ERR_CONFIG,
                 "project.yaml:2:10: 'weather' names no value column; expected at least one "
                 "of tmin_column, tmax_column, tmean_column, humidity_column, rain_column");
    expect_error("name: X\neconomy:\n  - {name: g, path: e, period_column: y, value_column: "
                 "v, frequency: annual, scale: 0}\n", LF_ERR_CONFIG, "project.yaml:3:85: "
                 "'scale' in 'economy[0]' must be a non-zero number, got 0");
    expect_error("name: X\neconomy:\n  - {name: g, path: e, period_column: y, value_column: "
                 "v}\n", LF_ERR_CONFIG, "project.yaml:3:5: missing required key 'frequency' "
                 "in 'economy[0]'");
}

/* ---- calendar ----------------------------------------------------------------- */

Test(config, build_calendar_uses_config_years_and_entries)
{
    lf_error err;
    lf_config *cfg = load_text("name: X\ncalendar:\n  years: [2023, 2025]\n"
                               "  holidays: [{date: 2024-05-06, name: Fest},"
                               " {date: 1999-01-04, name: Old}]\n"
                               "  workdays: [{date: 2024-05-11, name: Make-up}]\n", NULL);
    lf_calendar *cal = NULL;
    cr_assert_eq(lf_config_build_calendar(cfg, 1990, 2000, &cal, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(lf_calendar_first_year(cal), 2023, "years: overrides the caller");
    cr_assert_eq(lf_calendar_last_year(cal), 2025);
    lf_day_info info;
    cr_assert_eq(lf_calendar_day(cal, day("2024-05-06"), &info, &err), LF_OK);
    cr_assert_eq(info.type, LF_DAY_HOLIDAY);
    cr_assert_eq(lf_calendar_day(cal, day("2024-05-11"), &info, &err), LF_OK);
    cr_assert_eq(info.type, LF_DAY_MAKEUP_WORKDAY);
    lf_calendar_free(cal);
    lf_config_free(cfg);
}

Test(config, build_calendar_caller_years_and_file_errors)
{
    lf_error err;
    lf_config *cfg = load_text("name: X\ncalendar: {files: [missing.csv]}\n",
                               "tests/fixtures/config");
    lf_calendar *cal = (lf_calendar *)&dummy;
    cr_assert_neq(lf_config_build_calendar(cfg, 2020, 2021, &cal, &err), LF_OK);
    cr_assert_null(cal);
    cr_assert(strstr(err.message, FIXTURES "missing.csv"), "%s", err.message);
    lf_config_free(cfg);

    cfg = load_text("name: X\ncalendar: {builtin: CN, files: [extra_holidays.csv]}\n",
                    "tests/fixtures/config");
    cr_assert_eq(lf_config_build_calendar(cfg, 2020, 2024, &cal, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(lf_calendar_first_year(cal), 2020);
    cr_assert_eq(lf_calendar_last_year(cal), 2024);
    lf_calendar_free(cal);
    lf_config_free(cfg);
}

/* ---- the reusable tree API ------------------------------------------------------- */

Test(yaml_tree, getters_and_paths)
{
    lf_ydoc *doc;
    lf_error err;
    const char *text = "a: {b: [x, {c: 1.5}]}\nflag: YES\nnum: 3\nlist: one\n";
    cr_assert_eq(lf_ydoc_load_string(text, strlen(text), "t.yaml", &doc, &err), LF_OK, "%s",
                 err.message);
    const lf_ynode *root = lf_ydoc_root(doc);
    const lf_ynode *c = lf_ymap_get(lf_ymap_get(lf_ymap_get(root, "a"), "b")->items[1], "c");
    char path[100];
    lf_ynode_path(c, path, sizeof path);
    cr_assert_str_eq(path, "a.b[1].c");
    cr_assert_eq(c->line, 1);
    cr_assert_eq(c->column, 16);
    cr_assert_str_eq(c->file, "t.yaml");
    double v = 0;
    cr_assert_eq(lf_ynode_double(c, 0, 10, &v, &err), LF_OK);
    cr_assert_eq(v, 1.5);
    cr_assert_eq(lf_ynode_double(c, 2, 10, &v, &err), LF_ERR_CONFIG);
    cr_assert_str_eq(err.message, "t.yaml:1:16: 'c' in 'a.b[1]' must be a number from 2 to "
                                  "10, got 1.5");
    int flag = 0, num = 7, untouched = 42;
    cr_assert_eq(lf_ymap_bool(root, "flag", &flag, &err), LF_OK);
    cr_assert_eq(flag, 1);
    cr_assert_eq(lf_ymap_int(root, "absent", 0, 9, &untouched, &err), LF_OK);
    cr_assert_eq(untouched, 42, "absent keys leave the default");
    cr_assert_eq(lf_ymap_int(root, "num", 4, INT_MAX, &num, &err), LF_ERR_CONFIG);
    cr_assert_eq(num, 7, "a failed getter leaves *out alone");
    cr_assert_str_eq(err.message, "t.yaml:3:6: 'num' must be an integer >= 4, got 3");
    const char **list;
    size_t n;
    cr_assert_eq(lf_ynode_string_list(lf_ymap_get(root, "list"), &list, &n, &err), LF_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(list[0], "one");
    cr_assert_null(list[1]);
    free(list);
    cr_assert_eq(lf_ynode_string_list(lf_ymap_get(root, "a"), &list, &n, &err),
                 LF_ERR_CONFIG);
    cr_assert_str_eq(err.message, "t.yaml:1:4: 'a' must be a list of strings, got a mapping");
    static const char *const allowed[] = {"a", "flag", "num", NULL};
    cr_assert_eq(lf_ymap_check_keys(root, allowed, (size_t)-1, &err), LF_ERR_CONFIG);
    cr_assert_str_eq(err.message, "t.yaml:4:1: unknown key 'list' at the top level; "
                                  "expected one of: a, flag, num");
    lf_ydoc_free(doc);
}

Test(yaml_tree, null_and_quoted_values)
{
    lf_ydoc *doc;
    lf_error err;
    const char *text = "a: ~\nb: '~'\nc: \"\"\nd:\n";
    cr_assert_eq(lf_ydoc_load_string(text, strlen(text), "t.yaml", &doc, &err), LF_OK);
    const lf_ynode *root = lf_ydoc_root(doc);
    cr_assert(lf_ynode_is_null(lf_ymap_get(root, "a")));
    cr_assert_not(lf_ynode_is_null(lf_ymap_get(root, "b")), "quoted ~ is a string");
    cr_assert(lf_ynode_is_null(lf_ymap_get(root, "d")));
    const char *s = NULL;
    cr_assert_eq(lf_ymap_string(root, "b", &s, &err), LF_OK);
    cr_assert_str_eq(s, "~");
    cr_assert_eq(lf_ymap_string(root, "c", &s, &err), LF_ERR_CONFIG);
    cr_assert_str_eq(err.message, "t.yaml:3:4: 'c' must be a non-empty string, got ''");
    lf_ydoc_free(doc);
}

/* ---- no leaks, whatever goes wrong --------------------------------------------- */

static const char *const BAD_CONFIGS[] = {
    "name: X\nload: {path: a, intervall_minutes: 5}\n",
    "name: X\nload: {path: a, layout: wide, date_column: d, value_column: v}\n",
    "name: X\ncustomers:\n  - {id: A, path: a, layout: wide, date_column: d}\n"
    "  - {id: A, path: b, layout: wide, date_column: d}\n",
    "name: X\neconomy: [{name: g, path: e, period_column: y, value_column: v, "
    "frequency: annual}, {name: g}]\n",
    "name: X\ncalendar: {builtin: [CN], files: [a], rules: [{name: R, month: 13}]}\n",
    "name: X\ncalendar: {holidays: [{date: 2024-01-01}]}\n",
    "name: X\nweather: {path: w, date_column: d, tmin_column: t, unit: K}\n",
    "name: X\nperiod: {first: 2019-01-01}\nload:\n  path: a\n  path: b\n",
    "name: X\nload: &a {path: b}\n",
    "name: X\n---\n",
    "name: X\n\tload: 1\n",
    "name: [unclosed\n",
};

/* Leak and fault-injection checks.  In the plain build this file replaces
 * malloc & co. (forwarding to glibc) to count live blocks and to fail the n-th
 * allocation on request; under ASan, whose allocator must stay in charge, the
 * leak checker is asked directly instead. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define COUNTING 0
#else
#define COUNTING 1
#include <stdatomic.h>
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

static atomic_int counting;      /* only the loader's own calls are counted */
static atomic_long live;         /* blocks allocated and not yet freed */
static atomic_long fail_after;   /* > 0: the fail_after-th allocation fails */
static atomic_int failed;        /* an injected failure happened */

static int inject_failure(void)
{
    if (!atomic_load(&counting) || atomic_load(&fail_after) <= 0)
        return 0;
    if (atomic_fetch_sub(&fail_after, 1) != 1)
        return 0;
    atomic_store(&failed, 1);
    return 1;
}

void *malloc(size_t size)
{
    void *p = inject_failure() ? NULL : __libc_malloc(size);
    if (p && atomic_load(&counting))
        atomic_fetch_add(&live, 1);
    return p;
}

void *calloc(size_t n, size_t size)
{
    void *p = inject_failure() ? NULL : __libc_calloc(n, size);
    if (p && atomic_load(&counting))
        atomic_fetch_add(&live, 1);
    return p;
}

void *realloc(void *p, size_t size)
{
    if (inject_failure())
        return NULL;
    void *q = __libc_realloc(p, size);
    if (atomic_load(&counting) && !p && q)
        atomic_fetch_add(&live, 1);
    else if (atomic_load(&counting) && p && !size)
        atomic_fetch_sub(&live, 1);
    return q;
}

void free(void *p)
{
    if (p && atomic_load(&counting))
        atomic_fetch_sub(&live, 1);
    __libc_free(p);
}
#endif

/* Load text (or the file, when text is NULL) and free the result; returns the
 * status.  No assertions in here: Criterion allocates when it reports. */
static int load_and_discard(const char *text)
{
    lf_config *cfg = &dummy;
    lf_error err;
    int rc = text ? lf_config_load_string(text, "leak.yaml", "/base", &cfg, &err)
                  : lf_config_load(FIXTURES "full.yaml", &cfg, &err);
    if (rc == LF_OK)
        lf_config_free(cfg);
    else if (cfg != NULL)
        rc = -1; /* *out must be NULL after an error */
    return rc;
}

static char *read_fixture(const char *path)
{
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp);
    char *text = calloc(1, 8192);
    cr_assert_not_null(text);
    size_t len = fread(text, 1, 8191, fp);
    fclose(fp);
    cr_assert_gt(len, 0);
    return text;
}

static void expect_no_leaks(void)
{
#if COUNTING
    long n = atomic_load(&live);
    atomic_store(&counting, 0);
    cr_assert_eq(n, 0, "%ld blocks leaked", n);
#else
    cr_assert_eq(__lsan_do_recoverable_leak_check(), 0, "leaks: see the report above");
#endif
}

static void start_counting(void)
{
#if COUNTING
    atomic_store(&live, 0);
    atomic_store(&counting, 1);
#endif
}

/* Every prefix of the full config fails somewhere different (syntax, missing
 * keys, layout rules, half a customer ...); none may leak. */
Test(config_leaks, every_error_path_frees_everything)
{
    char *full = read_fixture(FIXTURES "full.yaml");
    size_t len = strlen(full);
    char *prefix = malloc(len + 1);
    cr_assert_not_null(prefix);
    int failures = 0, bad_out = 0;
    start_counting();
    for (size_t n = 0; n <= len; n++) {
        memcpy(prefix, full, n);
        prefix[n] = '\0';
        int rc = load_and_discard(prefix);
        failures += rc != LF_OK;
        bad_out += rc == -1;
    }
    for (size_t i = 0; i < sizeof BAD_CONFIGS / sizeof *BAD_CONFIGS; i++) {
        int rc = load_and_discard(BAD_CONFIGS[i]);
        failures += rc != LF_OK;
        bad_out += rc == -1;
    }
    expect_no_leaks();
    free(prefix);
    free(full);
    cr_assert_eq(bad_out, 0, "*out was left set after an error");
    cr_assert_gt(failures, (int)len / 2, "the prefixes must exercise error paths");
}

/* Fail the 1st, 2nd, 3rd ... allocation (the loader's and libyaml's) until a
 * load gets through: each attempt must fail cleanly with LF_ERR_NOMEM and leave
 * nothing behind.  Loading from a file may instead fail to open, or succeed
 * when the failed allocation was stdio's buffer. */
Test(config_leaks, out_of_memory_at_every_allocation)
{
#if COUNTING
    char *full = read_fixture(FIXTURES "full.yaml");
    for (int file = 0; file < 2; file++) {
        long k = 1, wrong = 0, leaked = 0, first_wrong = 0;
        int wrong_rc = 0;
        for (;; k++) {
            atomic_store(&failed, 0);
            atomic_store(&fail_after, k);
            start_counting();
            int rc = load_and_discard(file ? NULL : full);
            atomic_store(&counting, 0);
            atomic_store(&fail_after, 0);
            leaked += atomic_load(&live);
            if (!atomic_load(&failed)) {
                if (rc != LF_OK && !wrong++) {
                    first_wrong = k;
                    wrong_rc = rc;
                }
                break;
            }
            /* stdio survives a failed buffer allocation by not buffering */
            int io_ok = file && (rc == LF_ERR_IO || rc == LF_OK);
            if (rc != LF_ERR_NOMEM && !io_ok && !wrong++) {
                first_wrong = k;
                wrong_rc = rc;
            }
        }
        cr_assert_gt(k, 50, "the loader allocates more than that");
        cr_assert_eq(wrong, 0, "%s: %ld attempts gave a status other than LF_ERR_NOMEM, "
                     "the first when allocation %ld failed: %d", file ? "file" : "string",
                     wrong, first_wrong, wrong_rc);
        cr_assert_eq(leaked, 0, "%ld blocks leaked over %ld attempts", leaked, k);
    }
    free(full);
#else
    cr_skip_test("allocation failures are injected in the plain build only");
#endif
}
