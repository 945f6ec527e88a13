/* test_model_ets.c - exponential smoothing through the one model interface:
 * the same fit as lf_ets_fit, forecasts that start from the latest known day,
 * short gaps filled and long ones refused, fitted values in sample, seeded
 * paths, and the config keys. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "libforecast.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

static void near(double got, double want, double tol, const char *what)
{
    cr_assert(fabs(got - want) <= tol * (fabs(want) > 1 ? fabs(want) : 1),
              "%s: got %.17g, want %.17g", what, got, want);
}

/* A weekly pattern on a slow wave with a little deterministic noise. */
static lf_frame *weekly_frame(size_t n)
{
    static const double pattern[7] = {100, 110, 105, 108, 112, 80, 70};
    lf_frame *f = lf_frame_new(D(2023, 1, 2), n, NULL);
    double *y = lf_frame_add_column(f, "energy_mwh", "MWh", NULL);
    for (size_t t = 0; t < n; t++)
        y[t] = pattern[t % 7] + 10 * sin((double)t / 40) + 3 * sin((double)t * 1.7);
    return f;
}

static lf_model *fit_ets(const lf_frame *f, const lf_calendar *cal, lf_date last)
{
    lf_model_spec spec;
    lf_model_spec_init(&spec);
    spec.kind = LF_MODEL_ETS;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, last, &m, &err), LF_OK, "%s",
                 err.message);
    return m;
}

Test(model_ets, fit_is_lf_ets_fit_on_the_training_days)
{
    lf_frame *f = weekly_frame(200);
    lf_calendar *cal = lf_calendar_new(2023, 2024, NULL);
    lf_model *m = fit_ets(f, cal, f->start + 149);
    lf_ets_spec es;
    lf_ets_spec_init(&es);
    lf_ets *direct;
    lf_error err;
    cr_assert_eq(lf_ets_fit(&es, lf_frame_column(f, "energy_mwh"), 150, &direct, &err), LF_OK);
    const lf_ets *e = lf_model_ets(m);
    cr_assert_not_null(e);
    cr_assert_null(lf_model_regress(m));
    near(e->alpha, direct->alpha, 0, "alpha");
    near(e->loglik, direct->loglik, 0, "loglik");
    const lf_model_info *info = lf_model_info_of(m);
    cr_assert_str_eq(info->name, "ETS(A,Ad,A)");
    cr_assert_eq(info->nobs, 150);
    near(info->aicc, direct->aicc, 1e-12, "AICc (both count sigma^2)");
    size_t np;
    const lf_param *p = lf_model_params(m, &np);
    cr_assert_eq(np, 7, "alpha beta gamma phi level0 trend0 sigma");
    cr_assert_str_eq(p[3].name, "phi");
    near(p[3].value, direct->phi, 0, "phi");
    lf_ets_free(direct);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* Predicting days 161..170 when days 151..160 are known runs the fitted
 * parameters over days 1..160 and forecasts 10 steps from there; with day 155
 * missing it runs them over days 1..154 (steps 7..16); with day 151 missing,
 * it forecasts from the training end, day 150 (steps 11..20). */
Test(model_ets, forecast_starts_from_the_latest_known_day)
{
    lf_frame *f = weekly_frame(200);
    lf_calendar *cal = lf_calendar_new(2023, 2024, NULL);
    lf_model *m = fit_ets(f, cal, f->start + 149);
    const lf_ets *e = lf_model_ets(m);
    double params[32], mean[20], lo[20], hi[20];
    lf_ets_params(e, params);
    double *y = lf_frame_column(f, "energy_mwh");
    lf_ets *rerun;
    lf_error err;
    cr_assert_eq(lf_ets_smooth(&e->spec, params, y, 160, &rerun, &err), LF_OK);
    cr_assert_eq(lf_ets_forecast(rerun, 10, 0.9, mean, lo, hi, &err), LF_OK);
    lf_prediction *p;
    cr_assert_eq(lf_model_predict(m, f, cal, f->start + 160, f->start + 169, 0.9, &p, &err),
                 LF_OK, "%s", err.message);
    for (size_t i = 0; i < 10; i++) {
        near(p->mean[i], mean[i], 1e-12, "mean from day 160");
        near(p->upper[i], hi[i], 1e-12, "upper");
        near(lf_prediction_contrib(p, i, LF_DRIVER_BASE), p->mean[i], 0, "all base");
    }
    lf_prediction_free(p);
    lf_ets_free(rerun);

    y[154] = NAN;
    cr_assert_eq(lf_ets_smooth(&e->spec, params, y, 154, &rerun, &err), LF_OK);
    cr_assert_eq(lf_ets_forecast(rerun, 16, 0.9, mean, lo, hi, &err), LF_OK);
    cr_assert_eq(lf_model_predict(m, f, cal, f->start + 160, f->start + 169, 0.9, &p, &err),
                 LF_OK, "%s", err.message);
    for (size_t i = 0; i < 10; i++)
        near(p->mean[i], mean[6 + i], 1e-12, "mean from day 154");
    lf_prediction_free(p);
    lf_ets_free(rerun);

    y[150] = NAN;
    cr_assert_eq(lf_ets_forecast(e, 20, 0.9, mean, lo, hi, &err), LF_OK);
    cr_assert_eq(lf_model_predict(m, f, cal, f->start + 160, f->start + 169, 0.9, &p, &err),
                 LF_OK, "%s", err.message);
    for (size_t i = 0; i < 10; i++)
        near(p->mean[i], mean[10 + i], 1e-12, "mean from the training end");
    lf_prediction_free(p);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(model_ets, in_sample_days_are_fitted_values_and_earlier_days_missing)
{
    lf_frame *f = weekly_frame(120);
    lf_calendar *cal = lf_calendar_new(2023, 2024, NULL);
    lf_model_spec spec;
    lf_model_spec_init(&spec);
    spec.kind = LF_MODEL_ETS;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start + 10, f->start + 99, &m, &err), LF_OK);
    lf_prediction *p;
    cr_assert_eq(lf_model_predict(m, f, cal, f->start + 8, f->start + 104, 0.95, &p, &err),
                 LF_OK, "%s", err.message);
    cr_assert(isnan(p->mean[0]) && isnan(p->mean[1]));
    cr_assert(p->flags[0] & LF_FLAG_MISSING_INPUT);
    const lf_ets *e = lf_model_ets(m);
    near(p->mean[2], e->fitted[0], 0, "first training day");
    near(p->mean[91], e->fitted[89], 0, "last training day");
    cr_assert(isfinite(p->mean[92]) && isfinite(p->mean[96]), "forecasts after training");
    lf_prediction_free(p);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* A 3-day gap is bridged by a straight line (so the fit equals lf_ets_fit on
 * the filled series); an 8-day gap or a missing first day is refused with
 * the dates. */
Test(model_ets, short_gaps_are_filled_long_ones_refused)
{
    lf_frame *f = weekly_frame(150);
    lf_calendar *cal = lf_calendar_new(2023, 2024, NULL);
    double *y = lf_frame_column(f, "energy_mwh");
    double filled[150];
    memcpy(filled, y, sizeof filled);
    double a = y[49], b = y[53];
    for (int k = 50; k <= 52; k++) {
        y[k] = NAN;
        filled[k] = a + (b - a) * (k - 49) / 4.0;
    }
    lf_model *m = fit_ets(f, cal, f->start + 149);
    lf_ets_spec es;
    lf_ets_spec_init(&es);
    lf_ets *direct;
    lf_error err;
    cr_assert_eq(lf_ets_fit(&es, filled, 150, &direct, &err), LF_OK);
    near(lf_model_info_of(m)->loglik, direct->loglik, 0, "fit of the filled series");
    lf_ets_free(direct);
    lf_model_free(m);

    lf_model_spec spec;
    lf_model_spec_init(&spec);
    spec.kind = LF_MODEL_ETS;
    for (int k = 50; k <= 57; k++)
        y[k] = NAN;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, f->start + 149, &m, &err), LF_ERR_DATA);
    cr_assert_null(m);
    cr_assert(strstr(err.message, "2023-02-21..2023-02-28 (8 days)"), "%s", err.message);
    y[0] = NAN;
    for (int k = 50; k <= 57; k++)
        y[k] = 100;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, f->start + 149, &m, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "first and last training day; 2023-01-02..2023-01-02"), "%s",
              err.message);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* Paths are seeded; their mean tracks the forecast; a bad ETS spec is an
 * argument error before any fitting. */
Test(model_ets, paths_are_seeded_and_specs_checked)
{
    lf_frame *f = weekly_frame(160);
    lf_calendar *cal = lf_calendar_new(2023, 2024, NULL);
    lf_model *m = fit_ets(f, cal, f->start + 149);
    enum { PATHS = 3000, H = 5 };
    static double a[PATHS * H], b[PATHS * H];
    lf_date first = f->start + 150, last = first + H - 1;
    lf_error err;
    cr_assert_eq(lf_model_simulate(m, f, cal, first, last, PATHS, 3, a, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(lf_model_simulate(m, f, cal, first, last, PATHS, 3, b, &err), LF_OK);
    cr_assert_eq(memcmp(a, b, sizeof a), 0);
    lf_prediction *p;
    cr_assert_eq(lf_model_predict(m, f, cal, first, last, 0.95, &p, &err), LF_OK);
    double sigma = lf_model_info_of(m)->sigma;
    for (size_t t = 0; t < H; t++) {
        double mean = 0;
        for (size_t k = 0; k < PATHS; k++)
            mean += a[k * H + t] / PATHS;
        cr_assert(fabs(mean - p->mean[t]) < 5 * sigma * sqrt(t + 1.0) / sqrt(PATHS),
                  "day %zu: %g vs %g", t, mean, p->mean[t]);
    }
    lf_prediction_free(p);
    lf_model_free(m);

    lf_model_spec spec;
    lf_model_spec_init(&spec);
    spec.kind = LF_MODEL_ETS;
    spec.ets.period = 1;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, f->start + 149, &m, &err), LF_ERR_ARG);
    cr_assert_null(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(model_ets, config_reads_kind_and_ets_keys)
{
    const char *yaml = "name: t\n"
                       "model:\n"
                       "  kind: ets\n"
                       "  ets: {trend: none, season: multiplicative, period: 7}\n";
    lf_config *cfg;
    lf_error err;
    cr_assert_eq(lf_config_load_string(yaml, "t.yaml", ".", &cfg, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(cfg->model.spec.kind, LF_MODEL_ETS);
    cr_assert_eq(cfg->model.spec.ets.trend, LF_ETS_TREND_NONE);
    cr_assert_eq(cfg->model.spec.ets.season, LF_ETS_SEASON_MULTIPLICATIVE);
    lf_config_free(cfg);
    const char *bad = "name: t\n"
                      "model:\n"
                      "  kind: ets\n"
                      "  ets: {trend: damped, season: multiplicitive}\n";
    cr_assert_eq(lf_config_load_string(bad, "t.yaml", ".", &cfg, &err), LF_ERR_CONFIG);
    cr_assert(strstr(err.message, "t.yaml:4:"), "%s", err.message);
    cr_assert(strstr(err.message, "multiplicative"), "%s", err.message);
}
