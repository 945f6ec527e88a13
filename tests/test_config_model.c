/* test_config_model.c - the 'model' section of a project config: every key
 * read into lf_config_model, defaults, and located messages for mistakes. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "config_test.h"

static const char full[] =
    "name: x\n"
    "model:\n"
    "  target: peak_mw\n"
    "  method: wls\n"
    "  collinear: reject\n"
    "  weights: {halflife_days: 730}\n"
    "  interval: 0.9\n"
    "  train: {first: 2021-01-01, last: 2023-12-31}\n"
    "  test: {first: 2024-01-01, last: 2024-06-30}\n"
    "  features:\n"
    "    intercept: false\n"
    "    trend: quadratic\n"
    "    trend_damping: 0.25\n"
    "    day_of_week: true\n"
    "    month: yes\n"
    "    holiday: true\n"
    "    bridge_day: true\n"
    "    makeup_workday: true\n"
    "    fourier: 2\n"
    "    holiday_windows:\n"
    "      - {holiday: Spring Festival, before: 7, after: 14}\n"
    "    temperature:\n"
    "      column: tavg\n"
    "      polynomial: 3\n"
    "      hdd: [14, 16]\n"
    "      cdd: auto\n"
    "      grid: {from: 18, to: 26, step: 0.25}\n"
    "      knots: [10, 25.5]\n"
    "      by_month: true\n"
    "      by_day_type: true\n"
    "      lags: [1, 2]\n"
    "      smooth: 0.5\n"
    "    humidity: rh\n"
    "    economy:\n"
    "      - {column: gdp, transform: log}\n"
    "      - {column: index}\n"
    "    events:\n"
    "      - {name: smelter, start: 2022-06-01}\n"
    "      - {name: park, kind: ramp, start: 2022-01-01, end: 2022-06-30}\n";

Test(config_model, every_key)
{
    lf_config *cfg = load(full);
    cr_assert(cfg->has_model);
    const lf_config_model *m = &cfg->model;
    const lf_model_spec *s = &m->spec;
    cr_assert_str_eq(s->target, "peak_mw");
    cr_assert_eq(s->fit.method, LF_FIT_WLS);
    cr_assert_eq(s->fit.collinear, LF_COLLINEAR_REJECT);
    cr_assert_eq(s->halflife_days, 730);
    cr_assert_eq(m->level, 0.9);
    cr_assert(m->has_train && m->has_test);
    cr_assert_eq(m->train_first, lf_date_from_ymd(2021, 1, 1));
    cr_assert_eq(m->test_last, lf_date_from_ymd(2024, 6, 30));
    const lf_feature_spec *f = &s->features;
    cr_assert_eq(f->intercept, 0);
    cr_assert_eq(f->trend, 2);
    cr_assert_eq(f->trend_damping, 0.25);
    cr_assert(f->day_of_week && f->month && f->holiday && f->bridge_day && f->makeup_workday);
    cr_assert_eq(f->fourier, 2);
    cr_assert_eq(f->nwindows, 1);
    cr_assert_str_eq(f->windows[0].holiday, "Spring Festival");
    cr_assert_eq(f->windows[0].before, 7);
    cr_assert_eq(f->windows[0].after, 14);
    const lf_temperature_spec *t = &f->temperature;
    cr_assert_str_eq(t->column, "tavg");
    cr_assert_eq(t->polynomial, 3);
    cr_assert_eq(t->nhdd, 2);
    cr_assert_eq(t->hdd[1], 16);
    cr_assert(t->auto_cdd && !t->auto_hdd);
    cr_assert_eq(t->grid_from, 18);
    cr_assert_eq(t->grid_step, 0.25);
    cr_assert_eq(t->nknots, 2);
    cr_assert_eq(t->knots[1], 25.5);
    cr_assert(t->by_month && t->by_day_type);
    cr_assert_eq(t->nlags, 2);
    cr_assert_eq(t->lags[1], 2);
    cr_assert_eq(t->nsmooth, 1);
    cr_assert_eq(t->smooth[0], 0.5);
    cr_assert_str_eq(f->humidity, "rh");
    cr_assert_eq(f->neconomy, 2);
    cr_assert(f->economy[0].log && !f->economy[1].log);
    cr_assert_str_eq(f->economy[1].column, "index");
    cr_assert_eq(f->nevents, 2);
    cr_assert_eq(f->events[0].kind, LF_EVENT_STEP);
    cr_assert_eq(f->events[0].end, 0);
    cr_assert_eq(f->events[1].kind, LF_EVENT_RAMP);
    cr_assert_eq(f->events[1].end, lf_date_from_ymd(2022, 6, 30));
    lf_config_free(cfg);
}

Test(config_model, defaults_match_the_c_defaults)
{
    lf_config *cfg = load("name: x\nmodel: {}\n");
    lf_model_spec c;
    lf_model_spec_init(&c);
    cr_assert(cfg->has_model);
    cr_assert_eq(memcmp(&cfg->model.spec, &c, sizeof c), 0);
    cr_assert_eq(cfg->model.level, 0.95);
    cr_assert(!cfg->model.has_train && !cfg->model.has_test);
    lf_config_free(cfg);
    cfg = load("name: x\n");
    cr_assert(!cfg->has_model);
    lf_config_free(cfg);
}

Test(config_model, located_errors)
{
    expect_error("name: x\nmodel:\n  method: lasso\n",
                 "project.yaml:3:11: 'method' in 'model' must be one of ols, wls, ridge, "
                 "got 'lasso'");
    expect_error("name: x\nmodel:\n  features:\n    temprature: {}\n",
                 "project.yaml:4:5: unknown key 'temprature' in 'model.features' (did you "
                 "mean 'temperature'?)");
    expect_error("name: x\nmodel:\n  features:\n    temperature: {polynomial: 4}\n",
                 "project.yaml:4:31: 'polynomial' in 'model.features.temperature' must be "
                 "an integer from 0 to 3, got 4");
    expect_error("name: x\nmodel:\n  features: {trend: linear, trend_damping: 2}\n",
                 "project.yaml:3:44: 'trend_damping' in 'model.features' must be a number "
                 "from 0 to 1, got 2");
    expect_error("name: x\nmodel:\n  method: wls\n",
                 "project.yaml:3:3: method 'wls' needs 'weights' (column or halflife_days)");
    expect_error("name: x\nmodel:\n  weights: {halflife_days: 30}\n",
                 "project.yaml:3:3: 'weights' applies to method 'wls' only");
    expect_error("name: x\nmodel:\n  features:\n    temperature: {lags: [1.5]}\n",
                 "project.yaml:4:25: lags are whole days, got 1.5");
    expect_error("name: x\nmodel:\n  features:\n    events:\n"
                 "      - {name: a, kind: ramp, start: 2022-01-01}\n",
                 "project.yaml:5:9: missing required key 'end' in 'model.features.events[0]'");
    expect_error("name: x\nmodel:\n  features:\n    temperature: {knots: [20, 10]}\n",
                 "project.yaml:4:5: model features: spline knots must increase: 10 after 20");
    expect_error("name: x\nmodel:\n  train: {first: 2022-01-01, last: 2021-01-01}\n",
                 "project.yaml:3:36: 'last' (2021-01-01) is before 'first' (2022-01-01)");
}

Test(config_model, kind_and_error_process)
{
    lf_config *cfg = load("name: x\nmodel: {kind: snaive, season_lag: 364}\n");
    cr_assert_eq(cfg->model.spec.kind, LF_MODEL_SNAIVE);
    cr_assert_eq(cfg->model.spec.season_lag, 364);
    lf_config_free(cfg);
    cfg = load("name: x\nmodel: {ar_order: auto, ar_max: 10}\n");
    cr_assert_eq(cfg->model.spec.ar_order, -1);
    cr_assert_eq(cfg->model.spec.ar_max, 10);
    lf_config_free(cfg);
    cfg = load("name: x\nmodel: {ar_order: 2}\n");
    cr_assert_eq(cfg->model.spec.ar_order, 2);
    lf_config_free(cfg);
    expect_error("name: x\nmodel: {season_lag: 30}\n",
                 "project.yaml:2:21: 'season_lag' in 'model' must be one of 7, 364, got 30");
    expect_error("name: x\nmodel: {kind: tbats}\n",
                 "project.yaml:2:15: 'kind' in 'model' must be one of regression, snaive, ets, got "
                 "'tbats'");
}
