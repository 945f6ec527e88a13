/* test_config_backtest.c - the 'candidates', 'selection' and 'backtest'
 * sections: candidates copy the model section and replace its keys, the
 * defaults, and located messages for mistakes. */
#include <criterion/criterion.h>
#include <string.h>

#include "config_test.h"

Test(config_backtest, candidates_start_from_the_model_section)
{
    lf_config *cfg = load("name: x\n"
                          "model:\n"
                          "  target: peak_mw\n"
                          "  method: ridge\n"
                          "  features: {day_of_week: true, fourier: 3}\n"
                          "candidates:\n"
                          "  - {name: base}\n"
                          "  - {name: ar, ar_order: auto, features: {month: true}}\n"
                          "  - {name: hw, kind: ets, ets: {season: multiplicative}}\n");
    cr_assert_eq(cfg->ncandidates, 3);
    const lf_candidate *c = cfg->candidates;
    cr_assert_str_eq(c[0].name, "base");
    cr_assert_str_eq(c[0].spec.target, "peak_mw");
    cr_assert_eq(c[0].spec.fit.method, LF_FIT_RIDGE, "inherited");
    cr_assert_eq(c[0].spec.features.fourier, 3);
    cr_assert_eq(c[1].spec.ar_order, -1);
    cr_assert_eq(c[1].spec.fit.method, LF_FIT_RIDGE, "kept while other keys change");
    cr_assert(c[1].spec.features.month && !c[1].spec.features.day_of_week,
              "features replaced as a whole");
    cr_assert_eq(c[1].spec.features.fourier, 0);
    cr_assert_eq(c[2].spec.kind, LF_MODEL_ETS);
    cr_assert_eq(c[2].spec.ets.season, LF_ETS_SEASON_MULTIPLICATIVE);
    cr_assert_eq(c[2].spec.ets.trend, LF_ETS_TREND_DAMPED, "ETS default kept");
    cr_assert_eq(cfg->has_selection, 0);
    cr_assert_eq(cfg->has_backtest, 0);
    lf_config_free(cfg);
}

Test(config_backtest, selection_and_backtest_keys_and_defaults)
{
    lf_config *cfg = load("name: x\n"
                          "candidates: [{name: a}, {name: b, kind: snaive}]\n"
                          "selection: {by: aicc, metric: rmse, origins: 2}\n"
                          "backtest: {origins: 4, horizon: 28, first: 2020-01-01,\n"
                          "           last: 2023-12-31, aggregate: max, interval: 0.8}\n");
    cr_assert_eq(cfg->candidates[0].spec.kind, LF_MODEL_REGRESSION, "defaults without model");
    cr_assert_str_eq(cfg->candidates[0].spec.target, "energy_mwh");
    cr_assert_eq(cfg->selection.by, LF_SELECT_AICC);
    cr_assert_eq(cfg->selection.metric, LF_METRIC_RMSE);
    cr_assert_eq(cfg->selection.cv.origins, 2);
    cr_assert_eq(cfg->selection.cv.horizon, 91, "default");
    const lf_config_backtest *b = &cfg->backtest;
    cr_assert_eq(b->spec.origins, 4);
    cr_assert_eq(b->spec.horizon, 28);
    cr_assert_eq(b->spec.step, 0, "0: the horizon");
    cr_assert(b->has_first && b->has_last && b->has_agg);
    cr_assert_eq(b->first, lf_date_from_ymd(2020, 1, 1));
    cr_assert_eq(b->spec.agg, LF_AGG_MAX);
    cr_assert_eq(b->spec.level, 0.8);
    lf_config_free(cfg);
}

Test(config_backtest, mistakes_are_located)
{
    expect_error("name: x\ncandidates:\n  - {kind: ets}\n",
                 "project.yaml:3:5: missing required key 'name' in 'candidates[0]'");
    expect_error("name: x\ncandidates: [{name: a}, {name: a}]\n",
                 "project.yaml:2:32: candidate name 'a' is used twice");
    expect_error("name: x\ncandidates: [{name: auto}]\n",
                 "project.yaml:2:21: 'auto' is reserved for the automatic choice; rename "
                 "candidate 1");
    expect_error("name: x\ncandidates: [{name: a b}]\n",
                 "project.yaml:2:21: candidate name 'a b' may use only letters, digits and _ "
                 ". + -");
    expect_error("name: x\ncandidates: [{name: a, test: {first: 2020-01-01, last: "
                 "2020-02-01}}]\n",
                 "project.yaml:2:24: unknown key 'test' in 'candidates[0]'; expected one of: "
                 "name, kind, target, method, ridge_lambda, collinear, weights, ar_order, "
                 "ar_max, season_lag, ets, features");
    expect_error("name: x\ncandidates: [{name: a}, {name: b, target: peak_mw}]\n",
                 "project.yaml:2:13: candidates must share one target: 'a' forecasts "
                 "energy_mwh, 'b' peak_mw");
    expect_error("name: x\nselection: {by: bic}\n",
                 "project.yaml:2:17: 'by' in 'selection' must be one of cv, aicc, got 'bic'");
    expect_error("name: x\nbacktest: {origins: 0}\n",
                 "project.yaml:2:21: 'origins' in 'backtest' must be an integer from 1 to "
                 "100, got 0");
    expect_error("name: x\nbacktest: {first: 2020-01-01, last: 2019-01-01}\n",
                 "project.yaml:2:37: 'last' must come after 'first'");
    expect_error("name: x\ncandidates: []\n",
                 "project.yaml:2:13: 'candidates' needs at least one model");
}
