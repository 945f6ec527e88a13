/* test_backtest.c - rolling-origin backtests and automatic selection on
 * series whose forecasts are known by hand:
 *   a weekly pattern repeated exactly: seasonal naive (lag 7) is exact;
 *   an intercept-only regression forecasts the training mean. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "libforecast.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

static const double PATTERN[7] = {100, 110, 105, 108, 112, 80, 70};

static void near(double got, double want, double tol, const char *what)
{
    cr_assert(fabs(got - want) <= tol * (fabs(want) > 1 ? fabs(want) : 1),
              "%s: got %.17g, want %.17g", what, got, want);
}

/* 2024-01-01 .. 2024-04-30 (121 days), the weekly pattern exactly. */
static lf_frame *weekly_frame(void)
{
    lf_frame *f = lf_frame_new(D(2024, 1, 1), 121, NULL);
    double *y = lf_frame_add_column(f, "energy_mwh", "MWh", NULL);
    for (size_t t = 0; t < f->ndays; t++)
        y[t] = PATTERN[t % 7];
    return f;
}

static void candidates(lf_candidate c[2])
{
    memset(c, 0, 2 * sizeof *c);
    strcpy(c[0].name, "mean");
    lf_model_spec_init(&c[0].spec); /* regression: intercept only */
    strcpy(c[1].name, "snaive7");
    lf_model_spec_init(&c[1].spec);
    c[1].spec.kind = LF_MODEL_SNAIVE;
}

static double mean_of(const double *y, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += y[i];
    return s / (double)n;
}

/* Three origins of 10 days, 5 apart, ending 2024-03-31: starts 03-12, 03-17,
 * 03-22; each model is refitted on the days before its start. */
Test(backtest, origins_expanding_window_and_daily_accuracy)
{
    lf_frame *f = weekly_frame();
    lf_calendar *cal = lf_calendar_new(2024, 2024, NULL);
    lf_candidate c[2];
    candidates(c);
    lf_backtest_spec spec;
    lf_backtest_spec_init(&spec);
    spec.origins = 3;
    spec.horizon = 10;
    spec.step = 5;
    lf_backtest *bt;
    lf_error err;
    cr_assert_eq(lf_backtest_run(c, 2, NULL, &spec, f, cal, f->start, D(2024, 3, 31), &bt,
                                 &err), LF_OK, "%s", err.message);
    cr_assert_eq(bt->norigins, 3);
    cr_assert_eq(bt->starts[0], D(2024, 3, 12));
    cr_assert_eq(bt->starts[2], D(2024, 3, 22));
    const double *y = lf_frame_column(f, "energy_mwh");
    for (size_t k = 0; k < 3; k++) {
        size_t ntrain = (size_t)(bt->starts[k] - f->start);
        double mu = mean_of(y, ntrain), ape = 0, mae = 0;
        for (size_t i = 0; i < 10; i++) {
            double a = y[ntrain + i];
            near(bt->mean[k * 10 + i], mu, 1e-12, "mean model forecasts the training mean");
            near(bt->mean[(3 + k) * 10 + i], a, 1e-12, "seasonal naive is exact");
            ape += fabs(mu - a) / a / 10;
            mae += fabs(mu - a) / 10;
        }
        const lf_accuracy *a = lf_backtest_accuracy(bt, 0, k, LF_SCALE_DAILY);
        near(a->mape, 100 * ape, 1e-12, "MAPE of the mean model");
        /* MASE scale: the in-sample weekly naive error is 0 here, so no MASE */
        cr_assert(isnan(a->mase));
        near(mae, a->mae, 1e-12, "MAE");
        near(lf_backtest_accuracy(bt, 1, k, LF_SCALE_DAILY)->mape, 0, 1e-12, "exact");
        cr_assert_eq(lf_backtest_accuracy(bt, 1, k, LF_SCALE_DAILY)->coverage, 1);
    }
    const lf_accuracy *pooled = lf_backtest_accuracy(bt, 0, LF_BACKTEST_POOLED,
                                                     LF_SCALE_DAILY);
    cr_assert_eq(pooled->n, 30);
    double want = 0;
    for (size_t k = 0; k < 3; k++)
        want += lf_backtest_accuracy(bt, 0, k, LF_SCALE_DAILY)->mape / 3;
    near(pooled->mape, want, 1e-12, "pooled MAPE = mean of equal-size origins");
    cr_assert_eq(lf_backtest_model_index(bt, "snaive7"), 1);
    cr_assert_eq(lf_backtest_model_index(bt, "nope"), -1);
    lf_backtest_free(bt);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* One origin forecasting March 2024 (31 days): one complete month, whose
 * total is 31 x the training mean for the mean model; no complete year. */
Test(backtest, monthly_totals_and_peaks_of_complete_months)
{
    lf_frame *f = weekly_frame();
    lf_calendar *cal = lf_calendar_new(2024, 2024, NULL);
    lf_candidate c[2];
    candidates(c);
    lf_backtest_spec spec;
    lf_backtest_spec_init(&spec);
    spec.horizon = 31;
    lf_backtest *bt;
    lf_error err;
    cr_assert_eq(lf_backtest_run(c, 2, NULL, &spec, f, cal, f->start, D(2024, 3, 31), &bt,
                                 &err), LF_OK, "%s", err.message);
    const double *y = lf_frame_column(f, "energy_mwh");
    double mu = mean_of(y, 60), march = 0;
    for (size_t i = 60; i < 91; i++)
        march += y[i];
    const lf_accuracy *m = lf_backtest_accuracy(bt, 0, 0, LF_SCALE_MONTHLY);
    cr_assert_eq(m->n, 1);
    near(m->bias, 31 * mu - march, 1e-9, "monthly total error");
    cr_assert(isnan(m->pinball), "no intervals for aggregates");
    cr_assert_eq(lf_backtest_accuracy(bt, 0, 0, LF_SCALE_YEARLY)->n, 0);
    lf_backtest_free(bt);

    /* with max aggregation the month's value is its peak: 112 for both */
    spec.agg = LF_AGG_MAX;
    cr_assert_eq(lf_backtest_run(c, 2, NULL, &spec, f, cal, f->start, D(2024, 3, 31), &bt,
                                 &err), LF_OK);
    near(lf_backtest_accuracy(bt, 1, 0, LF_SCALE_MONTHLY)->mae, 0, 0, "peak of the month");
    near(lf_backtest_accuracy(bt, 0, 0, LF_SCALE_MONTHLY)->bias, mu - 112, 1e-9, "peak bias");
    lf_backtest_free(bt);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* A failing candidate (multiplicative season on a series with a zero) is
 * recorded, not fatal; the others go on. */
Test(backtest, a_failing_candidate_is_recorded)
{
    lf_frame *f = weekly_frame();
    lf_frame_column(f, "energy_mwh")[3] = 0;
    lf_calendar *cal = lf_calendar_new(2024, 2024, NULL);
    lf_candidate c[2];
    candidates(c);
    c[0].spec.kind = LF_MODEL_ETS;
    c[0].spec.ets.season = LF_ETS_SEASON_MULTIPLICATIVE;
    lf_backtest_spec spec;
    lf_backtest_spec_init(&spec);
    spec.horizon = 14;
    lf_backtest *bt;
    lf_error err;
    cr_assert_eq(lf_backtest_run(c, 2, NULL, &spec, f, cal, f->start, D(2024, 4, 30), &bt,
                                 &err), LF_OK, "%s", err.message);
    cr_assert_eq(bt->status[0], LF_ERR_DATA);
    cr_assert(strstr(bt->notes[0], "multiplicative season needs values > 0"), "%s", bt->notes[0]);
    cr_assert(isnan(bt->mean[0]));
    cr_assert_eq(lf_backtest_accuracy(bt, 0, 0, LF_SCALE_DAILY)->n, 0);
    cr_assert_eq(bt->status[1], LF_OK);
    lf_backtest_free(bt);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(backtest, bad_arguments_are_named)
{
    lf_frame *f = weekly_frame();
    lf_calendar *cal = lf_calendar_new(2024, 2024, NULL);
    lf_candidate c[2];
    candidates(c);
    lf_backtest_spec spec;
    lf_backtest_spec_init(&spec);
    lf_backtest *bt;
    lf_error err;
    /* 365 days of horizon do not fit into 121 days */
    cr_assert_eq(lf_backtest_run(c, 2, NULL, &spec, f, cal, f->start, D(2024, 4, 30), &bt,
                                 &err), LF_ERR_ARG);
    cr_assert_null(bt);
    cr_assert(strstr(err.message, "too short for 1 origins of 365 days"), "%s", err.message);
    spec.horizon = 7;
    strcpy(c[1].name, "mean");
    cr_assert_eq(lf_backtest_run(c, 2, NULL, &spec, f, cal, f->start, D(2024, 4, 30), &bt,
                                 &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "two candidates are named 'mean'"), "%s", err.message);
    strcpy(c[1].name, "auto");
    cr_assert_eq(lf_backtest_run(c, 2, NULL, &spec, f, cal, f->start, D(2024, 4, 30), &bt,
                                 &err), LF_ERR_ARG);
    strcpy(c[1].name, "peak");
    strcpy(c[1].spec.target, "peak_mw");
    cr_assert_eq(lf_backtest_run(c, 2, NULL, &spec, f, cal, f->start, D(2024, 4, 30), &bt,
                                 &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "share one target"), "%s", err.message);
    candidates(c);
    strcpy(c[0].spec.target, "energy");
    strcpy(c[1].spec.target, "energy");
    cr_assert_eq(lf_backtest_run(c, 2, NULL, &spec, f, cal, f->start, D(2024, 4, 30), &bt,
                                 &err), LF_ERR_NOTFOUND);
    cr_assert(strstr(err.message, "target column 'energy'"), "%s", err.message);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* Cross-validation prefers the exact seasonal naive; its table has both
 * scores; the chosen model is refitted on every training day. */
Test(select, cv_chooses_the_exact_model_and_reports_every_score)
{
    lf_frame *f = weekly_frame();
    lf_calendar *cal = lf_calendar_new(2024, 2024, NULL);
    lf_candidate c[2];
    candidates(c);
    lf_select_spec spec;
    lf_select_spec_init(&spec);
    spec.cv.origins = 2;
    spec.cv.horizon = 14;
    spec.cv.step = 7;
    lf_selection *sel;
    lf_error err;
    cr_assert_eq(lf_select(c, 2, &spec, f, cal, f->start, D(2024, 4, 30), &sel, &err), LF_OK,
                 "%s", err.message);
    cr_assert_eq(sel->chosen, 1);
    near(sel->score[1], 0, 0, "snaive CV MAPE");
    near(sel->score[0], lf_backtest_accuracy(sel->cv, 0, LF_BACKTEST_POOLED,
                                             LF_SCALE_DAILY)->mape, 0, "mean CV MAPE");
    cr_assert(sel->score[0] > 5);
    cr_assert(isnan(sel->aicc[0]));
    cr_assert_str_eq(lf_model_info_of(sel->model)->name, "snaive(7)");
    cr_assert_eq(lf_model_info_of(sel->model)->nobs, 121 - 7, "fitted on every day");
    lf_selection_free(sel);

    /* by RMSE too */
    spec.metric = LF_METRIC_RMSE;
    cr_assert_eq(lf_select(c, 2, &spec, f, cal, f->start, D(2024, 4, 30), &sel, &err), LF_OK);
    cr_assert_eq(sel->chosen, 1);
    lf_selection_free(sel);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* AICc: a line y = 2 t + noise-free weekly wiggle is better explained by a
 * trend regression than by the mean; both AICc values are reported. */
Test(select, aicc_compares_fits_on_all_days)
{
    lf_frame *f = weekly_frame();
    double *y = lf_frame_column(f, "energy_mwh");
    for (size_t t = 0; t < f->ndays; t++)
        y[t] += 0.5 * (double)t;
    lf_calendar *cal = lf_calendar_new(2024, 2024, NULL);
    lf_candidate c[2];
    candidates(c);
    strcpy(c[1].name, "trend");
    c[1].spec.kind = LF_MODEL_REGRESSION;
    c[1].spec.features.trend = 1;
    lf_select_spec spec;
    lf_select_spec_init(&spec);
    spec.by = LF_SELECT_AICC;
    lf_selection *sel;
    lf_error err;
    cr_assert_eq(lf_select(c, 2, &spec, f, cal, f->start, D(2024, 4, 30), &sel, &err), LF_OK,
                 "%s", err.message);
    cr_assert_eq(sel->chosen, 1);
    cr_assert(sel->aicc[1] < sel->aicc[0]);
    near(sel->aicc[1], lf_model_info_of(sel->model)->aicc, 0, "the kept fit");
    cr_assert_null(sel->cv);
    char path[] = "/tmp/lf_select_XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(lf_selection_write(sel, c, path, &err), LF_OK, "%s", err.message);
    FILE *fp = fopen(path, "r");
    char line[256];
    cr_assert_not_null(fgets(line, sizeof line, fp));
    cr_assert_str_eq(line, "candidate,score,aicc,chosen,note\n");
    cr_assert_not_null(fgets(line, sizeof line, fp));
    cr_assert(strncmp(line, "mean,", 5) == 0 && strstr(line, ",0,\"\""), "%s", line);
    cr_assert_not_null(fgets(line, sizeof line, fp));
    cr_assert(strncmp(line, "trend,", 6) == 0 && strstr(line, ",1,"), "%s", line);
    fclose(fp);
    remove(path);
    lf_selection_free(sel);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* The automatic choice as a backtest model: re-selected at each origin,
 * it forecasts like seasonal naive and says so. */
Test(select, auto_model_in_a_backtest)
{
    lf_frame *f = weekly_frame();
    lf_calendar *cal = lf_calendar_new(2024, 2024, NULL);
    lf_candidate c[2];
    candidates(c);
    lf_select_spec sel;
    lf_select_spec_init(&sel);
    sel.cv.origins = 2;
    sel.cv.horizon = 14;
    sel.cv.step = 14;
    lf_backtest_spec spec;
    lf_backtest_spec_init(&spec);
    spec.origins = 2;
    spec.horizon = 14;
    lf_backtest *bt;
    lf_error err;
    cr_assert_eq(lf_backtest_run(c, 2, &sel, &spec, f, cal, f->start, D(2024, 4, 30), &bt,
                                 &err), LF_OK, "%s", err.message);
    cr_assert_eq(bt->nmodels, 3);
    cr_assert_str_eq(bt->names[2], "auto");
    for (size_t k = 0; k < 2; k++) {
        cr_assert_eq(bt->status[2 * 2 + k], LF_OK, "%s", bt->notes[2 * 2 + k]);
        cr_assert(strstr(bt->notes[2 * 2 + k], "chose snaive7 (mape 0)"), "%s",
                  bt->notes[2 * 2 + k]);
    }
    near(lf_backtest_accuracy(bt, 2, LF_BACKTEST_POOLED, LF_SCALE_DAILY)->mape, 0, 0, "auto");
    char dir[] = "/tmp/lf_bt_XXXXXX", path[64], line[256];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/forecasts.csv", dir);
    cr_assert_eq(lf_backtest_write_forecasts(bt, path, &err), LF_OK, "%s", err.message);
    FILE *fp = fopen(path, "r");
    size_t lines = 0;
    while (fgets(line, sizeof line, fp))
        lines++;
    fclose(fp);
    cr_assert_eq(lines, 1 + 3 * 2 * 14);
    remove(path);
    snprintf(path, sizeof path, "%s/accuracy.csv", dir);
    cr_assert_eq(lf_backtest_write_accuracy(bt, path, &err), LF_OK);
    fp = fopen(path, "r");
    for (lines = 0; fgets(line, sizeof line, fp);)
        lines++;
    fclose(fp);
    cr_assert_eq(lines, 1 + 3 * 3 * 3, "models x (origins + pooled) x scales");
    remove(path);
    snprintf(path, sizeof path, "%s/timing.csv", dir);
    cr_assert_eq(lf_backtest_write_timing(bt, path, &err), LF_OK);
    remove(path);
    remove(dir);
    lf_backtest_free(bt);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* When no candidate can be scored the error names every one with its reason. */
Test(select, no_scorable_candidate_names_each_reason)
{
    lf_frame *f = weekly_frame();
    lf_frame_column(f, "energy_mwh")[3] = 0;
    lf_calendar *cal = lf_calendar_new(2024, 2024, NULL);
    lf_candidate c[2];
    candidates(c);
    for (int i = 0; i < 2; i++) {
        c[i].spec.kind = LF_MODEL_ETS;
        c[i].spec.ets.season = LF_ETS_SEASON_MULTIPLICATIVE;
    }
    lf_select_spec spec;
    lf_select_spec_init(&spec);
    spec.by = LF_SELECT_AICC;
    lf_selection *sel;
    lf_error err;
    cr_assert_eq(lf_select(c, 2, &spec, f, cal, f->start, D(2024, 4, 30), &sel, &err),
                 LF_ERR_DATA);
    cr_assert_null(sel);
    cr_assert(strstr(err.message, "no candidate could be scored: mean: the fit on all "
                                  "training days failed; snaive7: the fit"), "%s", err.message);
    lf_calendar_free(cal);
    lf_frame_free(f);
}
