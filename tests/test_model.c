/* test_model.c - regression behaviour beyond the parity tests, on designs small
 * enough to work out by hand (the working is in the comments): statistics,
 * collinear columns, missing rows, WLS and ridge, prediction intervals and the
 * decomposition, and lf_model_fit's degree-day grid search and weights.
 *
 * The running example: x = 1..5, y = 2 4 5 4 5.
 *   xbar = 3, ybar = 4, Sxx = 4+1+0+1+4 = 10, Sxy = (-2)(-2)+(-1)0+0+1*0+2*1 = 6
 *   slope = Sxy/Sxx = 0.6, intercept = 4 - 0.6*3 = 2.2
 *   fitted 2.8 3.4 4.0 4.6 5.2, residuals -0.8 0.6 1.0 -0.6 -0.2
 *   SSR = .64+.36+1+.36+.04 = 2.4, df = 3, sigma^2 = 0.8
 *   TSS = 4+0+1+0+1 = 6, R^2 = 1 - 2.4/6 = 0.6, adj R^2 = 1 - 4/3*0.4 = 7/15
 *   se(slope) = sqrt(0.8/10) = sqrt(0.08)
 *   se(intercept) = sqrt(0.8 (1/5 + 9/10)) = sqrt(0.88)
 *   cov(intercept, slope) = -0.8 * 3/10 = -0.24 */
#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "libforecast.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

static const double X5[5] = {1, 2, 3, 4, 5};
static const double Y5[5] = {2, 4, 5, 4, 5};

static void near(double got, double want, double tol, const char *what)
{
    cr_assert(fabs(got - want) <= tol * (fabs(want) > 1 ? fabs(want) : 1),
              "%s: got %.17g, want %.17g", what, got, want);
}

/* A design of n rows from 2024-01-01: an intercept (when `intercept`), then
 * the given columns (named, each n values, driver weather). */
static lf_design *design(size_t n, int intercept, size_t ncols, const char *const *names,
                         const double *const *cols)
{
    lf_error err;
    lf_design *d = lf_design_new(n, ncols + (intercept != 0), D(2024, 1, 1), &err);
    cr_assert_not_null(d, "%s", err.message);
    size_t j = 0;
    if (intercept) {
        double one[64];
        cr_assert_leq(n, 64);
        for (size_t i = 0; i < n; i++)
            one[i] = 1;
        cr_assert_eq(lf_design_set_column(d, j++, "intercept", LF_DRIVER_BASE, one, &err),
                     LF_OK, "%s", err.message);
    }
    for (size_t c = 0; c < ncols; c++)
        cr_assert_eq(lf_design_set_column(d, j++, names[c], LF_DRIVER_WEATHER, cols[c], &err),
                     LF_OK, "%s", err.message);
    return d;
}

static lf_design *line_design(void)
{
    return design(5, 1, 1, (const char *[]){"x"}, (const double *[]){X5});
}

static lf_regress *fit_ok(const lf_design *d, const double *y, const double *w,
                          const lf_regress_options *opt)
{
    lf_regress *fit;
    lf_error err;
    cr_assert_eq(lf_regress_fit(d, y, w, opt, &fit, &err), LF_OK, "%s", err.message);
    return fit;
}

/* ---- OLS ------------------------------------------------------------------------ */

Test(model, exact_fit_has_zero_residuals_and_r2_one)
{
    double y[5];
    for (int i = 0; i < 5; i++)
        y[i] = 3 + 2 * X5[i]; /* 5 7 9 11 13 */
    lf_design *d = line_design();
    lf_regress *fit = fit_ok(d, y, NULL, NULL);
    near(fit->coef[0].estimate, 3, 1e-12, "intercept");
    near(fit->coef[1].estimate, 2, 1e-12, "slope");
    cr_assert_leq(fit->stats.ssr, 1e-20);
    for (int i = 0; i < 5; i++)
        cr_assert_leq(fabs(fit->residuals[i]), 1e-12);
    near(fit->stats.r2, 1, 1e-12, "R^2");
    lf_regress_free(fit);
    lf_design_free(d);
}

Test(model, small_ols_by_hand)
{
    lf_design *d = line_design();
    lf_regress *fit = fit_ok(d, Y5, NULL, NULL);
    const lf_fit_stats *st = &fit->stats;
    near(fit->coef[0].estimate, 2.2, 1e-12, "intercept");
    near(fit->coef[1].estimate, 0.6, 1e-12, "slope");
    near(fit->coef[1].std_error, sqrt(0.08), 1e-12, "se slope");
    near(fit->coef[0].std_error, sqrt(0.88), 1e-12, "se intercept");
    /* t = 0.6 / sqrt(0.08) = 2.1213; p two-sided with 3 df */
    near(fit->coef[1].t, 0.6 / sqrt(0.08), 1e-12, "t slope");
    near(fit->coef[1].p_value, 2 * gsl_cdf_tdist_Q(0.6 / sqrt(0.08), 3), 1e-10, "p slope");
    const double *cov = lf_regress_covariance(fit);
    near(cov[1], -0.24, 1e-12, "cov(intercept, slope)");
    near(cov[3], 0.08, 1e-12, "var(slope)");
    cr_assert_eq(st->nobs, 5);
    cr_assert_eq(st->nparams, 2);
    near(st->df_resid, 3, 0, "df_resid");
    near(st->df_model, 1, 0, "df_model");
    near(st->ssr, 2.4, 1e-12, "SSR");
    near(st->tss, 6, 1e-12, "TSS");
    near(st->sigma, sqrt(0.8), 1e-12, "sigma");
    near(st->r2, 0.6, 1e-12, "R^2");
    near(st->adj_r2, 7.0 / 15, 1e-12, "adj R^2");
    /* loglik = -5/2 (log(2 pi 2.4/5) + 1); AICc = AIC + 2*2*3/(5-2-1) = AIC + 6 */
    double ll = -2.5 * (log(2 * 3.14159265358979323846 * 0.48) + 1);
    near(st->loglik, ll, 1e-12, "loglik");
    near(st->aic, -2 * ll + 4, 1e-12, "AIC");
    near(st->aicc, -2 * ll + 4 + 6, 1e-12, "AICc");
    near(st->bic, -2 * ll + 2 * log(5), 1e-12, "BIC");
    double resid[5] = {-0.8, 0.6, 1.0, -0.6, -0.2};
    for (int i = 0; i < 5; i++)
        near(fit->residuals[i], resid[i], 1e-12, "residual");
    lf_regress_free(fit);
    lf_design_free(d);
}

/* ---- collinear columns ------------------------------------------------------------- */

static const double C5[5] = {5, 5, 5, 5, 5};
static const double Z5[5] = {0, 0, 0, 0, 0};

Test(model, duplicate_and_constant_columns_are_dropped)
{
    lf_design *d = design(5, 1, 3, (const char *[]){"x", "x_dup", "five"},
                          (const double *[]){X5, X5, C5});
    lf_regress *fit = fit_ok(d, Y5, NULL, NULL); /* default: LF_COLLINEAR_DROP */
    cr_assert_eq(fit->stats.nparams, 2);
    cr_assert_eq(fit->stats.ndropped, 2);
    /* the earlier columns win: the line fit is untouched */
    near(fit->coef[0].estimate, 2.2, 1e-12, "intercept");
    near(fit->coef[1].estimate, 0.6, 1e-12, "slope");
    near(fit->coef[1].std_error, sqrt(0.08), 1e-12, "se slope");
    near(fit->stats.sigma, sqrt(0.8), 1e-12, "sigma");
    for (size_t j = 2; j < 4; j++) {
        const lf_coef *c = &fit->coef[j];
        cr_assert(c->dropped, "%s", c->name);
        cr_assert_eq(c->estimate, 0);
        cr_assert(isnan(c->std_error) && isnan(c->t) && isnan(c->p_value), "%s", c->name);
    }
    cr_assert(strstr(fit->coef[2].note, "combination") && strstr(fit->coef[2].note, ": x"),
              "%s", fit->coef[2].note);
    cr_assert(strstr(fit->coef[3].note, "constant"), "%s", fit->coef[3].note);
    cr_assert_str_empty(fit->coef[1].note);
    cr_assert(!fit->coef[1].dropped);
    lf_regress_free(fit);
    lf_design_free(d);
}

Test(model, collinear_reject_names_the_column)
{
    lf_design *d = design(5, 1, 2, (const char *[]){"x", "x_dup"},
                          (const double *[]){X5, X5});
    lf_regress_options opt;
    lf_regress_options_init(&opt);
    opt.collinear = LF_COLLINEAR_REJECT;
    lf_regress *fit = NULL;
    lf_error err;
    cr_assert_eq(lf_regress_fit(d, Y5, NULL, &opt, &fit, &err), LF_ERR_DATA);
    cr_assert_null(fit);
    cr_assert(strstr(err.message, "'x_dup'"), "%s", err.message);
    lf_design_free(d);
}

Test(model, all_zero_column_is_dropped)
{
    lf_design *d = design(5, 1, 2, (const char *[]){"never", "x"},
                          (const double *[]){Z5, X5});
    lf_regress *fit = fit_ok(d, Y5, NULL, NULL);
    cr_assert(fit->coef[1].dropped);
    cr_assert(strstr(fit->coef[1].note, "all zero"), "%s", fit->coef[1].note);
    cr_assert(isnan(fit->coef[1].std_error));
    near(fit->coef[2].estimate, 0.6, 1e-12, "slope after the zero column");
    near(fit->coef[0].estimate, 2.2, 1e-12, "intercept");
    lf_regress_free(fit);
    lf_design_free(d);
}

/* An all-NaN column leaves no usable row; the error names the column. */
Test(model, all_nan_column_is_named)
{
    const double nan5[5] = {NAN, NAN, NAN, NAN, NAN};
    lf_design *d = design(5, 1, 2, (const char *[]){"x", "humidity"},
                          (const double *[]){X5, nan5});
    lf_regress *fit = NULL;
    lf_error err;
    cr_assert_eq(lf_regress_fit(d, Y5, NULL, NULL, &fit, &err), LF_ERR_DATA);
    cr_assert_null(fit);
    cr_assert_str_eq(err.message, "column 'humidity' has no value in any of the 5 rows");
    lf_design_free(d);
}

/* ---- rows ---------------------------------------------------------------------------- */

Test(model, nan_rows_are_left_out_and_counted)
{
    /* the five rows of the example plus one without a target and one without x */
    double x[7] = {1, 2, 3, 4, 5, 6, NAN};
    double y[7] = {2, 4, 5, 4, 5, NAN, 9};
    lf_design *d = design(7, 1, 1, (const char *[]){"x"}, (const double *[]){x});
    lf_regress *fit = fit_ok(d, y, NULL, NULL);
    cr_assert_eq(fit->stats.nobs, 5);
    cr_assert_eq(fit->stats.nobs_missing_target, 1);
    cr_assert_eq(fit->stats.nobs_missing_input, 1);
    near(fit->coef[0].estimate, 2.2, 1e-12, "intercept");
    near(fit->coef[1].estimate, 0.6, 1e-12, "slope");
    cr_assert(isnan(fit->residuals[5]) && isnan(fit->residuals[6]));
    cr_assert_eq(fit->weights[5], 0);
    cr_assert_eq(fit->weights[6], 0);
    cr_assert_eq(fit->weights[0], 1);
    lf_regress_free(fit);
    lf_design_free(d);
}

Test(model, infinite_target_names_the_date)
{
    double y[5] = {2, 4, INFINITY, 4, 5};
    lf_design *d = line_design();
    lf_regress *fit = NULL;
    lf_error err;
    cr_assert_eq(lf_regress_fit(d, y, NULL, NULL, &fit, &err), LF_ERR_DATA);
    cr_assert_null(fit);
    cr_assert(strstr(err.message, "2024-01-03"), "%s", err.message);
    lf_design_free(d);
}

Test(model, too_few_rows_is_a_data_error)
{
    /* 2 rows for 2 coefficients: need at least 3 */
    double x[2] = {1, 2}, x2[2] = {1, 4}, y[2] = {1, 3};
    lf_design *d = design(2, 1, 1, (const char *[]){"x"}, (const double *[]){x});
    lf_regress *fit = NULL;
    lf_error err;
    cr_assert_eq(lf_regress_fit(d, y, NULL, NULL, &fit, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "too few rows"), "%s", err.message);
    lf_design_free(d);
    /* more columns than rows (the 2 x 3 factor has only 2 diagonal entries) */
    d = design(2, 1, 2, (const char *[]){"x", "x^2"}, (const double *[]){x, x2});
    cr_assert_eq(lf_regress_fit(d, y, NULL, NULL, &fit, &err), LF_ERR_DATA);
    cr_assert_null(fit);
    lf_design_free(d);
    /* 4 rows, but 2 of them without a target */
    double x4[4] = {1, 2, 3, 4}, y4[4] = {1, NAN, NAN, 2};
    d = design(4, 1, 1, (const char *[]){"x"}, (const double *[]){x4});
    cr_assert_eq(lf_regress_fit(d, y4, NULL, NULL, &fit, &err), LF_ERR_DATA);
    lf_design_free(d);
}

/* ---- WLS and ridge -------------------------------------------------------------------- */

Test(model, wls_needs_valid_weights)
{
    lf_design *d = line_design();
    lf_regress_options opt;
    lf_regress_options_init(&opt);
    opt.method = LF_FIT_WLS;
    lf_regress *fit = NULL;
    lf_error err;
    cr_assert_eq(lf_regress_fit(d, Y5, NULL, &opt, &fit, &err), LF_ERR_ARG);
    double w[5] = {1, 1, -1, 1, 1};
    cr_assert_eq(lf_regress_fit(d, Y5, w, &opt, &fit, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "-1"), "%s", err.message);
    cr_assert_null(fit);
    lf_design_free(d);
}

Test(model, wls_with_equal_weights_equals_ols)
{
    /* W = 2I: beta = (X'2X)^-1 X'2y = OLS; weighted SSR = 2 SSR so sigma^2 doubles,
     * and cov = 2 sigma^2 (2 X'X)^-1 is the OLS covariance */
    lf_design *d = line_design();
    lf_regress *ols = fit_ok(d, Y5, NULL, NULL);
    lf_regress_options opt;
    lf_regress_options_init(&opt);
    opt.method = LF_FIT_WLS;
    double w[5] = {2, 2, 2, 2, 2};
    lf_regress *wls = fit_ok(d, Y5, w, &opt);
    for (size_t j = 0; j < 2; j++) {
        near(wls->coef[j].estimate, ols->coef[j].estimate, 1e-12, "estimate");
        near(wls->coef[j].std_error, ols->coef[j].std_error, 1e-12, "se");
    }
    near(wls->stats.r2, ols->stats.r2, 1e-12, "R^2");
    near(wls->stats.ssr, 2 * ols->stats.ssr, 1e-12, "weighted SSR");
    cr_assert_eq(wls->weights[0], 2);
    lf_regress_free(ols);
    lf_regress_free(wls);
    lf_design_free(d);
}

Test(model, ridge_lambda_zero_equals_ols_and_lambda_shrinks)
{
    lf_design *d = line_design();
    lf_regress *ols = fit_ok(d, Y5, NULL, NULL);
    lf_regress_options opt;
    lf_regress_options_init(&opt);
    opt.method = LF_FIT_RIDGE;
    opt.ridge_lambda = 0;
    lf_regress *r0 = fit_ok(d, Y5, NULL, &opt);
    for (size_t j = 0; j < 2; j++) {
        near(r0->coef[j].estimate, ols->coef[j].estimate, 1e-12, "estimate");
        near(r0->coef[j].std_error, ols->coef[j].std_error, 1e-10, "se");
    }
    near(r0->stats.df_resid, 3, 1e-12, "k_eff = 2");
    /* The penalty is lambda s^2 b^2 with s^2 = Sxx/n = 2, the intercept free,
     * so slope = Sxy / (Sxx + 2 lambda):
     *   lambda 1: 6/12 = 0.5, intercept 4 - 0.5*3 = 2.5
     *   lambda 5: 6/20 = 0.3, intercept 4 - 0.3*3 = 3.1 */
    opt.ridge_lambda = 1;
    lf_regress *r1 = fit_ok(d, Y5, NULL, &opt);
    opt.ridge_lambda = 5;
    lf_regress *r5 = fit_ok(d, Y5, NULL, &opt);
    near(r1->coef[1].estimate, 0.5, 1e-12, "slope lambda 1");
    near(r1->coef[0].estimate, 2.5, 1e-12, "intercept lambda 1");
    near(r5->coef[1].estimate, 0.3, 1e-12, "slope lambda 5");
    near(r5->coef[0].estimate, 3.1, 1e-12, "intercept lambda 5");
    cr_assert_eq(r5->method, LF_FIT_RIDGE);
    cr_assert_eq(r5->ridge_lambda, 5);
    lf_regress_free(ols);
    lf_regress_free(r0);
    lf_regress_free(r1);
    lf_regress_free(r5);
    lf_design_free(d);
}

/* ---- prediction ----------------------------------------------------------------------- */

Test(model, predict_rejects_other_columns_and_bad_levels)
{
    lf_design *d = line_design();
    lf_regress *fit = fit_ok(d, Y5, NULL, NULL);
    lf_design *other = design(5, 1, 1, (const char *[]){"z"}, (const double *[]){X5});
    lf_design *more = design(5, 1, 2, (const char *[]){"x", "z"}, (const double *[]){X5, X5});
    lf_prediction *p = NULL;
    lf_error err;
    cr_assert_eq(lf_regress_predict(fit, other, 0.95, &p, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'z'"), "%s", err.message);
    cr_assert_eq(lf_regress_predict(fit, more, 0.95, &p, &err), LF_ERR_ARG);
    cr_assert_eq(lf_regress_predict(fit, d, 0, &p, &err), LF_ERR_ARG);
    cr_assert_eq(lf_regress_predict(fit, d, 1, &p, &err), LF_ERR_ARG);
    cr_assert_eq(lf_regress_predict(fit, d, NAN, &p, &err), LF_ERR_ARG);
    cr_assert_null(p);
    lf_design_free(other);
    lf_design_free(more);
    lf_regress_free(fit);
    lf_design_free(d);
}

Test(model, interval_width_uses_t_sigma_and_se_fit)
{
    lf_design *d = line_design();
    lf_regress *fit = fit_ok(d, Y5, NULL, NULL);
    double x0[1] = {6};
    lf_design *nd = design(1, 1, 1, (const char *[]){"x"}, (const double *[]){x0});
    lf_prediction *p;
    lf_error err;
    cr_assert_eq(lf_regress_predict(fit, nd, 0.95, &p, &err), LF_OK, "%s", err.message);
    /* at x0 = 6: mean 2.2 + 0.6*6 = 5.8;
     * se_fit^2 = sigma^2 (1/n + (x0 - xbar)^2 / Sxx) = 0.8 (0.2 + 0.9) = 0.88;
     * half width = t(3, 0.975) sqrt(0.8 + 0.88) = 3.1824 * 1.2961 = 4.1249 */
    double half = gsl_cdf_tdist_Pinv(0.975, 3) * sqrt(1.68);
    near(p->mean[0], 5.8, 1e-12, "mean");
    near(p->se_fit[0], sqrt(0.88), 1e-12, "se_fit");
    near(p->upper[0] - p->mean[0], half, 1e-12, "upper half width");
    near(p->mean[0] - p->lower[0], half, 1e-12, "lower half width");
    near(half, 4.1249, 1e-4, "half width by hand");
    cr_assert_eq(p->level, 0.95);
    lf_prediction_free(p);
    lf_design_free(nd);
    lf_regress_free(fit);
    lf_design_free(d);
}

Test(model, decomposition_adds_up_around_the_average_day)
{
    lf_design *d = line_design();
    lf_regress *fit = fit_ok(d, Y5, NULL, NULL);
    double x[3] = {0, 3, 6};
    lf_design *nd = design(3, 1, 1, (const char *[]){"x"}, (const double *[]){x});
    lf_prediction *p;
    lf_error err;
    cr_assert_eq(lf_regress_predict(fit, nd, 0.9, &p, &err), LF_OK, "%s", err.message);
    /* base = mean fitted value = ybar = 4; weather = 0.6 (x - 3) = -1.8, 0, +1.8 */
    double fitted_mean = 0;
    for (int i = 0; i < 5; i++)
        fitted_mean += fit->fitted[i] / 5;
    near(fitted_mean, 4, 1e-12, "mean fitted value");
    double weather[3] = {-1.8, 0, 1.8};
    for (size_t i = 0; i < 3; i++) {
        double sum = 0;
        for (int g = 0; g < LF_DRIVER_COUNT; g++)
            sum += lf_prediction_contrib(p, i, (lf_driver)g);
        near(sum, p->mean[i], 1e-12, "sum of parts");
        near(lf_prediction_contrib(p, i, LF_DRIVER_BASE), fitted_mean, 1e-12, "base");
        near(lf_prediction_contrib(p, i, LF_DRIVER_WEATHER), weather[i], 1e-12, "weather");
        near(lf_prediction_contrib(p, i, LF_DRIVER_TREND), 0, 0, "trend");
    }
    lf_prediction_free(p);
    lf_design_free(nd);
    lf_regress_free(fit);
    lf_design_free(d);
}

/* ---- lf_model_fit ----------------------------------------------------------------------- */

/* 365 days from 2023-01-01: T = 5 + 0.3 ((37 i) mod 101) sweeps 5..35 in steps of
 * 0.3 (37 is a unit mod 101), load = 100 + heat * max(0, hbase - T)
 * + 5 max(0, T - 21) + 0.2 sin(1.3 i). */
static lf_frame *load_frame(double heat, double hbase)
{
    lf_frame *f = lf_frame_new(D(2023, 1, 1), 365, NULL);
    cr_assert_not_null(f);
    double *t = lf_frame_add_column(f, "tmean_c", "degC", NULL);
    double *y = lf_frame_add_column(f, "load_mwh", "MWh", NULL);
    for (size_t i = 0; i < 365; i++) {
        t[i] = 5 + 0.3 * (double)((37 * i) % 101);
        y[i] = 100 + heat * fmax(0, hbase - t[i]) + 5 * fmax(0, t[i] - 21) +
               0.2 * sin(1.3 * (double)i);
    }
    return f;
}

static lf_calendar *plain_cal(void)
{
    lf_calendar *cal = lf_calendar_new(2022, 2024, NULL);
    cr_assert_not_null(cal);
    return cal;
}

static void base_spec(lf_model_spec *spec)
{
    lf_model_spec_init(spec);
    strcpy(spec->target, "load_mwh");
    lf_temperature_spec *t = &spec->features.temperature;
    t->grid_from = 15;
    t->grid_to = 27;
    t->grid_step = 0.5;
}

Test(model, auto_cdd_finds_the_cooling_base)
{
    lf_frame *f = load_frame(0, 0);
    lf_calendar *cal = plain_cal();
    lf_model_spec spec;
    base_spec(&spec);
    spec.features.temperature.auto_cdd = 1;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, lf_frame_end(f), &m, &err), LF_OK, "%s",
                 err.message);
    const lf_temperature_spec *t = &lf_model_spec_of(m)->features.temperature;
    cr_assert_eq(t->auto_cdd, 0, "resolved");
    cr_assert_eq(t->ncdd, 1);
    cr_assert_eq(t->cdd[0], 21);
    cr_assert_eq(t->nhdd, 0);
    /* grid 15, 15.5, .., 27: 25 tries, the lowest AICc at 21 (index 12) */
    size_t n;
    const lf_grid_try *g = lf_model_grid(m, &n);
    cr_assert_eq(n, 25);
    for (size_t k = 0; k < n; k++) {
        cr_assert_eq(g[k].cdd, 15 + 0.5 * (double)k);
        cr_assert(isnan(g[k].hdd));
        cr_assert(isfinite(g[k].aicc));
        if (k != 12)
            cr_assert_gt(g[k].aicc, g[12].aicc, "try %zu", k);
    }
    const lf_regress *fit = lf_model_regress(m);
    cr_assert_str_eq(fit->coef[1].name, "CDD21");
    near(fit->coef[1].estimate, 5, 1e-2, "cooling slope");
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(model, auto_hdd_and_cdd_try_only_heating_below_cooling)
{
    lf_frame *f = load_frame(4, 16);
    lf_calendar *cal = plain_cal();
    lf_model_spec spec;
    base_spec(&spec);
    lf_temperature_spec *ts = &spec.features.temperature;
    ts->auto_hdd = ts->auto_cdd = 1;
    ts->grid_from = 14;
    ts->grid_to = 24;
    ts->grid_step = 1;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, lf_frame_end(f), &m, &err), LF_OK, "%s",
                 err.message);
    /* 11 bases 14..24: pairs h <= c number 11*12/2 = 66 */
    size_t n;
    const lf_grid_try *g = lf_model_grid(m, &n);
    cr_assert_eq(n, 66);
    for (size_t k = 0; k < n; k++)
        cr_assert_leq(g[k].hdd, g[k].cdd, "try %zu", k);
    const lf_temperature_spec *t = &lf_model_spec_of(m)->features.temperature;
    cr_assert_eq(t->hdd[0], 16);
    cr_assert_eq(t->cdd[0], 21);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* The two-stage search on the same data: coarse bases 14, 17, 20, 23 (pairs
 * h <= c: 10), then every base within 3 of the best coarse pair; it finds the
 * exhaustive search's (16, 21) with fewer fits. */
Test(model, coarse_then_fine_grid_finds_the_same_bases)
{
    lf_frame *f = load_frame(4, 16);
    lf_calendar *cal = plain_cal();
    lf_model_spec spec;
    base_spec(&spec);
    lf_temperature_spec *ts = &spec.features.temperature;
    ts->auto_hdd = ts->auto_cdd = 1;
    ts->grid_from = 14;
    ts->grid_to = 24;
    ts->grid_step = 1;
    ts->grid_coarse = 3;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, lf_frame_end(f), &m, &err), LF_OK, "%s",
                 err.message);
    size_t n;
    const lf_grid_try *g = lf_model_grid(m, &n);
    cr_assert_lt(n, 66, "fewer than the exhaustive 66 fits");
    for (size_t k = 0; k < 10; k++) {
        cr_assert_eq(fmod(g[k].hdd - 14, 3), 0, "coarse stage first");
        cr_assert_eq(fmod(g[k].cdd - 14, 3), 0, "coarse stage first");
    }
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < k; j++)
            cr_assert(g[j].hdd != g[k].hdd || g[j].cdd != g[k].cdd, "no pair twice");
    const lf_temperature_spec *t = &lf_model_spec_of(m)->features.temperature;
    cr_assert_eq(t->hdd[0], 16);
    cr_assert_eq(t->cdd[0], 21);
    lf_model_free(m);
    ts->grid_coarse = 0.5;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, lf_frame_end(f), &m, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "coarse step 0.5 must exceed the step 1"), "%s", err.message);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(model, no_grid_without_auto_bases)
{
    lf_frame *f = load_frame(0, 0);
    lf_calendar *cal = plain_cal();
    lf_model_spec spec;
    base_spec(&spec);
    spec.features.temperature.cdd[spec.features.temperature.ncdd++] = 21;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, lf_frame_end(f), &m, &err), LF_OK, "%s",
                 err.message);
    size_t n = 99;
    cr_assert_null(lf_model_grid(m, &n));
    cr_assert_eq(n, 0);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(model, wls_weights_halve_every_halflife)
{
    lf_frame *f = load_frame(0, 0);
    lf_calendar *cal = plain_cal();
    lf_model_spec spec;
    base_spec(&spec);
    spec.features.temperature.cdd[spec.features.temperature.ncdd++] = 21;
    spec.fit.method = LF_FIT_WLS;
    spec.halflife_days = 10;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, lf_frame_end(f), &m, &err), LF_OK, "%s",
                 err.message);
    const lf_regress *fit = lf_model_regress(m);
    /* last day weight 1, 10 days before 1/2, 20 days before 1/4, 5 days 2^-1/2 */
    cr_assert_eq(fit->method, LF_FIT_WLS);
    near(fit->weights[364], 1, 1e-15, "last day");
    near(fit->weights[354], 0.5, 1e-15, "10 days before");
    near(fit->weights[344], 0.25, 1e-15, "20 days before");
    near(fit->weights[359], sqrt(0.5), 1e-15, "5 days before");
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(model, wls_without_a_weight_source_is_an_argument_error)
{
    lf_frame *f = load_frame(0, 0);
    lf_calendar *cal = plain_cal();
    lf_model_spec spec;
    base_spec(&spec);
    spec.features.temperature.polynomial = 1;
    spec.fit.method = LF_FIT_WLS;
    lf_model *m = NULL;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, lf_frame_end(f), &m, &err), LF_ERR_ARG);
    cr_assert_null(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(model, fit_errors_unknown_target_and_days_outside_the_frame)
{
    lf_frame *f = load_frame(0, 0);
    lf_calendar *cal = plain_cal();
    lf_model_spec spec;
    base_spec(&spec);
    spec.features.temperature.polynomial = 1;
    lf_model *m = NULL;
    lf_error err;
    strcpy(spec.target, "lod_mwh");
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, lf_frame_end(f), &m, &err),
                 LF_ERR_NOTFOUND);
    cr_assert(strstr(err.message, "did you mean 'load_mwh'"), "%s", err.message);
    strcpy(spec.target, "load_mwh");
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start - 1, lf_frame_end(f), &m, &err),
                 LF_ERR_RANGE);
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, lf_frame_end(f) + 1, &m, &err),
                 LF_ERR_RANGE);
    cr_assert(strstr(err.message, "training days") && strstr(err.message, "inside the data"),
              "%s", err.message);
    /* reversed days are the caller's mistake, as in lf_features_new */
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start + 5, f->start, &m, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "the first is after the last"), "%s", err.message);
    cr_assert_null(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- safe extrapolation, end to end ------------------------------------------------ */

/* A cubic fitted on mild days (T 10..25) and asked about a 40-degree day: the
 * forecast follows the fitted curve's tangent at 25 degC, p(25) + p'(25) * 15,
 * instead of the cubic itself, and the day is flagged. */
Test(model, hot_day_beyond_training_follows_the_tangent)
{
    enum { N = 61 };
    lf_frame *f = lf_frame_new(D(2024, 1, 1), N, NULL);
    double *t = lf_frame_add_column(f, "tmean_c", "degC", NULL);
    double *y = lf_frame_add_column(f, "energy_mwh", "MWh", NULL);
    for (int i = 0; i < N; i++) {
        t[i] = 10 + (i * 7) % 16;                      /* 10..25, every value often */
        y[i] = 500 - 20 * t[i] + 1.5 * t[i] * t[i] - 0.02 * t[i] * t[i] * t[i] +
               ((i * 37) % 11 - 5) * 0.3;                /* deterministic noise */
    }
    t[N - 1] = 40; /* the hot day, predicted only */
    lf_calendar *cal = lf_calendar_new(2024, 2024, NULL);
    lf_model_spec spec;
    lf_model_spec_init(&spec);
    spec.features.temperature.polynomial = 3;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, D(2024, 1, 1), D(2024, 1, N - 1), &m, &err),
                 LF_OK, "%s", err.message);
    lf_prediction *p;
    cr_assert_eq(lf_model_predict(m, f, cal, D(2024, 1, N), D(2024, 1, N), 0.95, &p, &err),
                 LF_OK, "%s", err.message);
    const lf_coef *c = lf_model_regress(m)->coef; /* intercept, T, T^2, T^3 */
    double b0 = c[0].estimate, b1 = c[1].estimate, b2 = c[2].estimate, b3 = c[3].estimate;
    double x0 = 25, x = 40;
    double at_x0 = b0 + b1 * x0 + b2 * x0 * x0 + b3 * x0 * x0 * x0;
    double slope = b1 + 2 * b2 * x0 + 3 * b3 * x0 * x0;
    double cubic = b0 + b1 * x + b2 * x * x + b3 * x * x * x;
    near(p->mean[0], at_x0 + slope * (x - x0), 1e-10, "tangent continuation");
    cr_assert(fabs(cubic - p->mean[0]) > 50, "the raw cubic would differ: %g vs %g", cubic,
              p->mean[0]);
    cr_assert(p->flags[0] & LF_FLAG_TEMPERATURE_RANGE);
    lf_prediction_free(p);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- AR errors, seasonal naive, simulation ------------------------------------------ */

/* y = 1000 + e, e_t = 0.6 e_{t-1} + a_t with a fixed pseudo-random a_t. */
static lf_frame *ar1_frame(size_t n)
{
    lf_frame *f = lf_frame_new(D(2023, 1, 1), n, NULL);
    double *y = lf_frame_add_column(f, "energy_mwh", "MWh", NULL);
    double e = 0;
    unsigned s = 12345;
    for (size_t t = 0; t < n; t++) {
        s = s * 1103515245u + 12345u;
        double a = ((double)(s >> 8 & 0xffff) / 65536.0 - 0.5) * 20; /* uniform +-10 */
        e = 0.6 * e + a;
        y[t] = 1000 + e;
    }
    return f;
}

static lf_model *ar_model(const lf_frame *f, const lf_calendar *cal, int order, lf_date last)
{
    lf_model_spec spec;
    lf_model_spec_init(&spec);
    spec.ar_order = order;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, last, &m, &err), LF_OK, "%s",
                 err.message);
    return m;
}

/* Forecasts from day 300: mean_h = b0 + phi^h e_300 exactly, the "recent"
 * share is phi^h e_300, and the interval is z sqrt(se^2 + sigma_a^2 sum psi^2)
 * with psi_j = phi^j. */
Test(model, ar1_errors_decay_towards_the_regression)
{
    lf_frame *f = ar1_frame(400);
    lf_calendar *cal = lf_calendar_new(2023, 2024, NULL);
    lf_model *m = ar_model(f, cal, 1, D(2023, 1, 1) + 299);
    size_t np;
    const lf_param *par = lf_model_params(m, &np);
    cr_assert_eq(np, 2);
    cr_assert_str_eq(par[0].name, "ar1");
    double phi = par[0].value, sa = par[1].value;
    cr_assert(fabs(phi - 0.6) < 0.1, "phi %g", phi);
    cr_assert_str_eq(lf_model_info_of(m)->name, "regression+AR(1)");
    double b0 = lf_model_regress(m)->coef[0].estimate;
    double e300 = f->cols[0].values[299] - b0;
    lf_prediction *p;
    lf_error err;
    cr_assert_eq(lf_model_predict(m, f, cal, D(2023, 1, 1) + 300, D(2023, 1, 1) + 304, 0.95,
                                  &p, &err), LF_OK, "%s", err.message);
    double z = gsl_cdf_ugaussian_Pinv(0.975), sum_psi2 = 0;
    for (size_t h = 1; h <= 5; h++) {
        double share = pow(phi, (double)h) * e300;
        sum_psi2 += pow(phi, 2.0 * (double)(h - 1));
        near(p->mean[h - 1], b0 + share, 1e-10, "mean");
        near(lf_prediction_contrib(p, h - 1, LF_DRIVER_RECENT), share, 1e-9, "recent share");
        double se = p->se_fit[h - 1];
        near(p->upper[h - 1] - p->mean[h - 1], z * sqrt(se * se + sa * sa * sum_psi2), 1e-10,
             "half width");
    }
    lf_prediction_free(p);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(model, ar_order_auto_finds_the_dependence)
{
    lf_frame *f = ar1_frame(400);
    lf_calendar *cal = lf_calendar_new(2023, 2024, NULL);
    lf_model *m = ar_model(f, cal, -1, lf_frame_end(f));
    size_t np;
    const lf_param *par = lf_model_params(m, &np);
    cr_assert_geq(np, 2, "an AR order >= 1 was chosen");
    cr_assert(fabs(par[0].value - 0.6) < 0.15, "ar1 %g", par[0].value);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* y_t = pattern[weekday] + 0.5 t: every lag-7 difference is 3.5, so sigma =
 * 3.5; the forecast repeats the last week; the k-th week ahead has the
 * interval +- z 3.5 sqrt(k). */
Test(model, seasonal_naive_repeats_the_last_week)
{
    const double pattern[7] = {100, 110, 105, 108, 112, 80, 70};
    lf_frame *f = lf_frame_new(D(2024, 1, 1), 40, NULL);
    double *y = lf_frame_add_column(f, "energy_mwh", "MWh", NULL);
    for (size_t t = 0; t < 40; t++)
        y[t] = pattern[t % 7] + 0.5 * (double)t;
    lf_calendar *cal = lf_calendar_new(2024, 2024, NULL);
    lf_model_spec spec;
    lf_model_spec_init(&spec);
    spec.kind = LF_MODEL_SNAIVE;
    lf_model *m;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, D(2024, 1, 30), &m, &err), LF_OK, "%s",
                 err.message);
    near(lf_model_info_of(m)->sigma, 3.5, 1e-12, "sigma");
    cr_assert_null(lf_model_regress(m));
    lf_prediction *p;
    cr_assert_eq(lf_model_predict(m, f, cal, D(2024, 1, 31), D(2024, 2, 9), 0.95, &p, &err),
                 LF_OK, "%s", err.message);
    double z = gsl_cdf_ugaussian_Pinv(0.975);
    for (size_t i = 0; i < 10; i++) {
        size_t k = i / 7 + 1, t = 30 + i;
        near(p->mean[i], y[t - 7 * k], 1e-12, "last week's value");
        near(p->upper[i] - p->mean[i], z * 3.5 * sqrt((double)k), 1e-12, "half width");
        near(lf_prediction_contrib(p, i, LF_DRIVER_BASE), p->mean[i], 1e-12, "all base");
    }
    lf_prediction_free(p);
    lf_model_free(m);
    spec.season_lag = 30;
    cr_assert_eq(lf_model_fit(&spec, f, cal, f->start, D(2024, 1, 30), &m, &err), LF_ERR_ARG);
    cr_assert_null(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* Same seed, same paths; another seed, other paths; the paths' mean tracks
 * the forecast mean. */
Test(model, simulated_paths_are_seeded)
{
    lf_frame *f = ar1_frame(400);
    lf_calendar *cal = lf_calendar_new(2023, 2024, NULL);
    lf_model *m = ar_model(f, cal, 1, D(2023, 1, 1) + 299);
    enum { PATHS = 4000, H = 3 };
    static double a[PATHS * H], b[PATHS * H], c[PATHS * H];
    lf_date first = D(2023, 1, 1) + 300, last = first + H - 1;
    lf_error err;
    cr_assert_eq(lf_model_simulate(m, f, cal, first, last, PATHS, 7, a, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(lf_model_simulate(m, f, cal, first, last, PATHS, 7, b, &err), LF_OK);
    cr_assert_eq(lf_model_simulate(m, f, cal, first, last, PATHS, 8, c, &err), LF_OK);
    cr_assert_eq(memcmp(a, b, sizeof a), 0);
    cr_assert_neq(memcmp(a, c, sizeof a), 0);
    lf_prediction *p;
    cr_assert_eq(lf_model_predict(m, f, cal, first, last, 0.95, &p, &err), LF_OK);
    for (size_t t = 0; t < H; t++) {
        double mean = 0;
        for (size_t k = 0; k < PATHS; k++)
            mean += a[k * H + t] / PATHS;
        /* standard error of a 4000-path mean is sigma/63 ~ 0.1 */
        cr_assert(fabs(mean - p->mean[t]) < 0.6, "day %zu: %g vs %g", t, mean, p->mean[t]);
    }
    lf_prediction_free(p);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(f);
}
