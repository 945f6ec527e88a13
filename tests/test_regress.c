/* test_regress.c - least squares against exact and reference values:
 *  - Longley (NIST StRD, badly conditioned) against exact rational arithmetic
 *    (tests/reference/regress/longley.py);
 *  - a daily regression of NSW load (aus_elec) against statsmodels OLS, WLS
 *    and a numpy ridge solve on the same design, feature builder included
 *    (tests/reference/regress/nsw_daily.py); skips without the real data;
 *  - collinear and constant columns, missing rows and bad input.
 * Tests run from the repository root. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast.h"
#include "realdata.h"

#define REF "tests/reference/regress/"

/* ---- reading reference tables ----------------------------------------------- */

typedef struct table {
    size_t nrows, ncols;
    char **cells; /* nrows x ncols, row-major */
} table;

static table read_table(const char *path)
{
    lf_error err;
    lf_csv *csv = lf_csv_open(path, ',', &err);
    cr_assert_not_null(csv, "%s", err.message);
    cr_assert_eq(lf_csv_read_header(csv, &err), LF_OK, "%s", err.message);
    table t = {0, lf_csv_header_count(csv), NULL};
    size_t cap = 0;
    int has_row;
    while (lf_csv_next(csv, &has_row, &err) == LF_OK && has_row) {
        if (t.nrows == cap) {
            cap = cap ? 2 * cap : 64;
            t.cells = realloc(t.cells, cap * t.ncols * sizeof *t.cells);
        }
        for (size_t j = 0; j < t.ncols; j++)
            t.cells[t.nrows * t.ncols + j] = strdup(lf_csv_field(csv, j));
        t.nrows++;
    }
    lf_csv_close(csv);
    return t;
}

static void free_table(table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
}

static const char *cell(const table *t, size_t row, size_t col)
{
    return t->cells[row * t->ncols + col];
}

/* Value of `name` in a name,value table. */
static double named(const table *t, const char *name)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (strcmp(cell(t, i, 0), name) == 0)
            return strtod(cell(t, i, 1), NULL);
    cr_assert_fail("no '%s' in the reference", name);
    return NAN;
}

static void assert_rel(double got, double want, double tol, const char *what)
{
    double scale = fabs(want) > 1e-300 ? fabs(want) : 1;
    cr_assert(fabs(got - want) <= tol * scale, "%s: got %.17g, want %.17g (rel %.2e)", what,
              got, want, fabs(got - want) / scale);
}

/* ---- Longley ---------------------------------------------------------------------- */

static lf_design *longley_design(double *y)
{
    table t = read_table("tests/fixtures/regress/longley.csv");
    cr_assert_eq(t.nrows, 16);
    lf_design *d = lf_design_new(16, 7, lf_date_from_ymd(1947, 1, 1), NULL);
    const char *names[7] = {"intercept", "x1", "x2", "x3", "x4", "x5", "x6"};
    for (size_t j = 0; j < 7; j++) {
        double col[16];
        for (size_t i = 0; i < 16; i++)
            col[i] = j == 0 ? 1 : strtod(cell(&t, i, j), NULL);
        cr_assert_eq(lf_design_set_column(d, j, names[j], j ? LF_DRIVER_ECONOMY : LF_DRIVER_BASE,
                                          col, NULL), LF_OK);
    }
    for (size_t i = 0; i < 16; i++)
        y[i] = strtod(cell(&t, i, 0), NULL);
    free_table(&t);
    return d;
}

Test(regress, longley_matches_exact_arithmetic)
{
    double y[16];
    lf_design *d = longley_design(y);
    lf_regress *fit;
    lf_error err;
    cr_assert_eq(lf_regress_fit(d, y, NULL, NULL, &fit, &err), LF_OK, "%s", err.message);
    table ref = read_table(REF "longley_reference.csv");
    for (size_t j = 0; j < 7; j++) {
        char se[LF_DESIGN_NAME_MAX + 8];
        snprintf(se, sizeof se, "se_%s", fit->coef[j].name);
        /* cond(X) ~ 5e9: QR keeps ~1e-7 relative, the normal equations far less */
        assert_rel(fit->coef[j].estimate, named(&ref, fit->coef[j].name), 1e-7, "estimate");
        assert_rel(fit->coef[j].std_error, named(&ref, se), 1e-7, se);
    }
    assert_rel(fit->stats.ssr, named(&ref, "ssr"), 1e-9, "ssr");
    assert_rel(fit->stats.sigma, named(&ref, "sigma"), 1e-9, "sigma");
    assert_rel(fit->stats.r2, named(&ref, "r2"), 1e-12, "r2");
    cr_assert_eq(fit->stats.nobs, 16);
    cr_assert_eq(fit->stats.ndropped, 0);
    free_table(&ref);
    lf_regress_free(fit);
    lf_design_free(d);
}

/* ---- NSW daily load: the feature builder and the fits against statsmodels ---------- */

static lf_frame *nsw_frame(lf_calendar **cal)
{
    char holidays[512];
    lf_ingest_report rep;
    lf_ingest_report_init(&rep);
    lf_frame *f = ingest_aus("nsw", &rep);
    lf_ingest_report_free(&rep);
    lf_error err;
    *cal = lf_calendar_new(2000, 2020, &err);
    data_file(holidays, sizeof holidays, "aus_weather/nsw_holidays_2000_2015.csv");
    cr_assert_eq(lf_calendar_load_csv(*cal, holidays, &err), LF_OK, "%s", err.message);
    return f;
}

/* The spec nsw_daily.py builds by hand. */
static void nsw_spec(lf_model_spec *spec)
{
    lf_model_spec_init(spec);
    lf_feature_spec *fs = &spec->features;
    fs->trend = 1;
    fs->day_of_week = fs->month = fs->holiday = fs->bridge_day = 1;
    lf_temperature_spec *t = &fs->temperature;
    t->polynomial = 2;
    t->hdd[t->nhdd++] = 16;
    t->cdd[t->ncdd++] = 22;
    t->by_day_type = 1;
    t->lags[t->nlags++] = 1;
    t->smooth[t->nsmooth++] = 0.5;
    fs->events[0] = (lf_event_spec){"plant_ramp", LF_EVENT_RAMP, lf_date_from_ymd(2012, 6, 1),
                                    lf_date_from_ymd(2012, 8, 31)};
    fs->events[1] = (lf_event_spec){"plant_step", LF_EVENT_STEP, lf_date_from_ymd(2013, 7, 1),
                                    0};
    fs->nevents = 2;
}

static lf_model *nsw_fit(lf_fit_method method, lf_frame **frame, lf_calendar **cal)
{
    *frame = nsw_frame(cal);
    lf_model_spec spec;
    nsw_spec(&spec);
    spec.fit.method = method;
    spec.fit.ridge_lambda = 5;
    spec.halflife_days = 365;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, *frame, *cal, lf_date_from_ymd(2012, 1, 1),
                              lf_date_from_ymd(2013, 12, 31), &m, &err), LF_OK, "%s",
                 err.message);
    return m;
}

static void check_coefficients(const lf_regress *fit, const char *method, double tol)
{
    char path[128];
    snprintf(path, sizeof path, REF "nsw_%s_coef.csv", method);
    table ref = read_table(path);
    cr_assert_eq(ref.nrows, fit->ncoef, "%s: %zu coefficients, reference %zu", method,
                 fit->ncoef, ref.nrows);
    for (size_t j = 0; j < ref.nrows; j++) {
        cr_assert_str_eq(fit->coef[j].name, cell(&ref, j, 0));
        assert_rel(fit->coef[j].estimate, strtod(cell(&ref, j, 1), NULL), tol,
                   fit->coef[j].name);
        assert_rel(fit->coef[j].std_error, strtod(cell(&ref, j, 2), NULL), tol, "std error");
        assert_rel(fit->coef[j].t, strtod(cell(&ref, j, 3), NULL), tol, "t");
        assert_rel(fit->coef[j].p_value, strtod(cell(&ref, j, 4), NULL), 1e-6, "p");
    }
    free_table(&ref);
}

static void check_stats(const lf_fit_stats *st, const char *method, double tol)
{
    char path[128];
    snprintf(path, sizeof path, REF "nsw_%s_stats.csv", method);
    table ref = read_table(path);
    cr_assert_eq((double)st->nobs, named(&ref, "nobs"));
    assert_rel(st->df_resid, named(&ref, "df_resid"), tol, "df_resid");
    assert_rel(st->ssr, named(&ref, "ssr"), tol, "ssr");
    assert_rel(st->sigma, named(&ref, "sigma"), tol, "sigma");
    assert_rel(st->r2, named(&ref, "r2"), tol, "r2");
    assert_rel(st->adj_r2, named(&ref, "adj_r2"), tol, "adj_r2");
    assert_rel(st->loglik, named(&ref, "loglik"), tol, "loglik");
    assert_rel(st->aic, named(&ref, "aic"), tol, "aic");
    assert_rel(st->aicc, named(&ref, "aicc"), tol, "aicc");
    assert_rel(st->bic, named(&ref, "bic"), tol, "bic");
    free_table(&ref);
}

Test(regress, nsw_design_matches_reference_cells)
{
    lf_frame *frame;
    lf_calendar *cal;
    lf_model *m = nsw_fit(LF_FIT_OLS, &frame, &cal);
    lf_design *d;
    lf_error err;
    cr_assert_eq(lf_features_design(lf_model_features(m), frame, cal, frame->start,
                                    lf_frame_end(frame), &d, &err), LF_OK, "%s", err.message);
    table ref = read_table(REF "nsw_design_check.csv");
    for (size_t i = 0; i < ref.nrows; i++) {
        lf_date date;
        cr_assert_eq(lf_date_parse(cell(&ref, i, 0), &date, NULL), LF_OK);
        long j = lf_design_find(d, cell(&ref, i, 1));
        cr_assert_geq(j, 0, "no column '%s'", cell(&ref, i, 1));
        double got = lf_design_column(d, (size_t)j)[date - d->first];
        char what[96];
        snprintf(what, sizeof what, "%s on %s", cell(&ref, i, 1), cell(&ref, i, 0));
        assert_rel(got, strtod(cell(&ref, i, 2), NULL), 1e-12, what);
    }
    free_table(&ref);
    lf_design_free(d);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(frame);
}

Test(regress, nsw_ols_matches_statsmodels)
{
    lf_frame *frame;
    lf_calendar *cal;
    lf_model *m = nsw_fit(LF_FIT_OLS, &frame, &cal);
    const lf_regress *fit = lf_model_regress(m);
    check_coefficients(fit, "ols", 1e-8);
    check_stats(&fit->stats, "ols", 1e-8);
    cr_assert_eq(fit->stats.nobs_missing_input, 5, "lag and smoothing warm-up rows");
    cr_assert_eq(fit->stats.ndropped, 0);

    lf_prediction *p;
    lf_error err;
    cr_assert_eq(lf_model_predict(m, frame, cal, lf_date_from_ymd(2014, 1, 1),
                                  lf_date_from_ymd(2014, 12, 31), 0.95, &p, &err),
                 LF_OK, "%s", err.message);
    table ref = read_table(REF "nsw_ols_pred.csv");
    cr_assert_eq(ref.nrows, p->nrows);
    for (size_t i = 0; i < ref.nrows; i++) {
        assert_rel(p->mean[i], strtod(cell(&ref, i, 1), NULL), 1e-8, "mean");
        assert_rel(p->se_fit[i], strtod(cell(&ref, i, 2), NULL), 1e-8, "se_fit");
        assert_rel(p->lower[i], strtod(cell(&ref, i, 3), NULL), 1e-8, "lower");
        assert_rel(p->upper[i], strtod(cell(&ref, i, 4), NULL), 1e-8, "upper");
        cr_assert_eq((p->flags[i] & LF_FLAG_TEMPERATURE_RANGE) != 0,
                     strcmp(cell(&ref, i, 5), "1") == 0);
        double sum = 0;
        for (int g = 0; g < LF_DRIVER_COUNT; g++)
            sum += lf_prediction_contrib(p, i, (lf_driver)g);
        assert_rel(sum, p->mean[i], 1e-10, "decomposition adds up");
    }
    free_table(&ref);
    lf_prediction_free(p);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(frame);
}

Test(regress, nsw_wls_matches_statsmodels)
{
    lf_frame *frame;
    lf_calendar *cal;
    lf_model *m = nsw_fit(LF_FIT_WLS, &frame, &cal);
    check_coefficients(lf_model_regress(m), "wls", 1e-8);
    check_stats(&lf_model_regress(m)->stats, "wls", 1e-8);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(frame);
}

Test(regress, nsw_ridge_matches_numpy)
{
    lf_frame *frame;
    lf_calendar *cal;
    lf_model *m = nsw_fit(LF_FIT_RIDGE, &frame, &cal);
    check_coefficients(lf_model_regress(m), "ridge", 1e-8);
    check_stats(&lf_model_regress(m)->stats, "ridge", 1e-8);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(frame);
}
