/* test_metrics.c - forecast accuracy measures and calendar aggregation
 * (libforecast/models/metrics.c), every expected value worked out by hand in
 * the comments from the formulas in metrics.h.  The hand values are checked
 * once more with numpy by tests/reference/metrics/hand_examples.py. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

/* got == want to 1e-12 relative (the hand values are exact rationals). */
#define NEAR(got, want)                                                                    \
    do {                                                                                   \
        double g_ = (got), w_ = (want);                                                    \
        cr_assert(fabs(g_ - w_) <= 1e-12 * fmax(1.0, fabs(w_)), "%s = %.17g, want %.17g", \
                  #got, g_, w_);                                                           \
    } while (0)

static lf_accuracy compute_ok(const double *y, const double *f, const double *lo,
                              const double *hi, size_t n, double level, double scale)
{
    lf_error err;
    lf_accuracy a;
    int rc = lf_accuracy_compute(y, f, lo, hi, n, level, scale, &a, &err);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    return a;
}

/* ---- point measures ------------------------------------------------------------- */

/* y = 100 200   0  50 150
 * f = 110 180  10  50 165
 * e =  10 -20  10   0  15      (e = f - y)
 * mae  = (10+20+10+0+15)/5 = 55/5 = 11
 * rmse = sqrt((100+400+100+0+225)/5) = sqrt(165)
 * mape = 100 (10/100 + 20/200 + 0/50 + 15/150)/4 = 100 * 0.3/4 = 7.5  (y = 0 left out)
 * smape = (2000/210 + 4000/380 + 2000/10 + 0 + 3000/315)/5
 *       = (200/21 + 200/19 + 200 + 200/21)/5 = 40 + 2360/399
 * bias = 15/5 = 3;  bias_pct = 100 * 15/500 = 3;  mase (scale 5) = 11/5 = 2.2 */
static const double Y5[] = {100, 200, 0, 50, 150};
static const double F5[] = {110, 180, 10, 50, 165};

static void expect_point_example(const lf_accuracy *a)
{
    cr_assert_eq(a->n, 5);
    cr_assert_eq(a->n_mape, 4);
    NEAR(a->mae, 11);
    NEAR(a->rmse, sqrt(165));
    NEAR(a->mape, 7.5);
    NEAR(a->smape, 40 + 2360.0 / 399);
    NEAR(a->bias, 3);
    NEAR(a->bias_pct, 3);
    NEAR(a->mase, 2.2);
}

Test(metrics, point_measures_by_hand)
{
    lf_accuracy a = compute_ok(Y5, F5, NULL, NULL, 5, 0.9, 5.0);
    expect_point_example(&a);
    cr_assert(isnan(a.pinball) && isnan(a.coverage) && isnan(a.winkler));
    cr_assert_eq(a.n_interval, 0);
}

/* The same five pairs with three more rows that each miss a value: NaN actual,
 * NaN forecast, both NaN.  The results must not change. */
Test(metrics, nan_pairs_are_skipped)
{
    const double y[] = {100, NAN, 200, 0, 7, 50, NAN, 150};
    const double f[] = {110, 999, 180, 10, NAN, 50, NAN, 165};
    lf_accuracy a = compute_ok(y, f, NULL, NULL, 8, 0.9, 5.0);
    expect_point_example(&a);
}

/* y = 0 is left out of MAPE only: y = 0 0 4, f = 2 0 5.
 * mape = 100 * (1/4)/1 = 25 (n_mape 1); mae = (2+0+1)/3 = 1 (the zeros count);
 * smape = (200*2/2 + 0 (both zero: counts 0) + 200*1/9)/3 = (200 + 200/9)/3;
 * bias_pct = 100 * 3/4 = 75. */
Test(metrics, zero_actual_only_leaves_mape)
{
    const double y[] = {0, 0, 4}, f[] = {2, 0, 5};
    lf_accuracy a = compute_ok(y, f, NULL, NULL, 3, 0.9, NAN);
    cr_assert_eq(a.n, 3);
    cr_assert_eq(a.n_mape, 1);
    NEAR(a.mape, 25);
    NEAR(a.mae, 1);
    NEAR(a.smape, (200 + 200.0 / 9) / 3);
    NEAR(a.bias_pct, 75);
    cr_assert(isnan(a.mase), "NaN scale means no MASE");
}

/* All actuals 0: no MAPE (n_mape 0), no bias_pct (sum y = 0); y = 0 0, f = 1 3:
 * mae = 2, bias = 2, smape = 200. */
Test(metrics, all_zero_actuals)
{
    const double y[] = {0, 0}, f[] = {1, 3};
    lf_accuracy a = compute_ok(y, f, NULL, NULL, 2, 0.9, 0.0);
    cr_assert_eq(a.n_mape, 0);
    cr_assert(isnan(a.mape), "mape = %g", a.mape);
    cr_assert(isnan(a.bias_pct), "bias_pct = %g", a.bias_pct);
    cr_assert(isnan(a.mase), "scale 0 means no MASE");
    NEAR(a.mae, 2);
    NEAR(a.bias, 2);
    NEAR(a.smape, 200);
}

Test(metrics, negative_or_infinite_scale_means_no_mase)
{
    cr_assert(isnan(compute_ok(Y5, F5, NULL, NULL, 5, 0.9, -1.0).mase));
    cr_assert(isnan(compute_ok(Y5, F5, NULL, NULL, 5, 0.9, INFINITY).mase));
    NEAR(compute_ok(Y5, F5, NULL, NULL, 5, 0.9, 2.0).mase, 5.5); /* 11 / 2 */
}

Test(metrics, no_pairs_is_all_nan_not_an_error)
{
    lf_accuracy a = compute_ok(NULL, NULL, NULL, NULL, 0, 0.9, 1.0);
    cr_assert_eq(a.n, 0);
    cr_assert(isnan(a.mae) && isnan(a.rmse) && isnan(a.mape) && isnan(a.smape));
    cr_assert(isnan(a.mase) && isnan(a.bias) && isnan(a.bias_pct));
    const double y[] = {NAN, 1}, f[] = {2, NAN}, lo[] = {0, 0}, hi[] = {3, 3};
    a = compute_ok(y, f, lo, hi, 2, 0.8, 1.0);
    cr_assert_eq(a.n, 0);
    cr_assert_eq(a.n_interval, 0);
    cr_assert(isnan(a.mae) && isnan(a.pinball) && isnan(a.coverage) && isnan(a.winkler));
}

/* ---- MASE scale ----------------------------------------------------------------- */

/* Season 7 over 20 days (index: value), NaN at 12:
 *   0..6:  10 12 14 16 18 20 22
 *   7..13: 11 12 16 13 18 NaN 22
 *  14..19: 15 12 17 13 20 30
 * |y_t - y_{t-7}|: t7 1, t8 0, t9 2, t10 3, t11 0, t12 skip (NaN now),
 * t13 0, t14 4, t15 0, t16 1, t17 0, t18 2, t19 skip (NaN 7 days back)
 * -> 13 over 11 pairs. */
static const double TRAIN[] = {10, 12, 14, 16, 18, 20, 22, 11, 12, 16, 13, 18, NAN, 22,
                               15, 12, 17, 13, 20, 30};

Test(metrics, mase_scale_season_7_by_hand)
{
    lf_error err;
    double s = 0;
    cr_assert_eq(lf_mase_scale(TRAIN, 20, 7, &s, &err), LF_OK, "%s", err.message);
    NEAR(s, 13.0 / 11);
    /* fed back: mae 11 of the point example / (13/11) = 121/13 */
    NEAR(compute_ok(Y5, F5, NULL, NULL, 5, 0.9, s).mase, 121.0 / 13);
}

/* Season 1: 1 3 2 NaN 5 -> |3-1| = 2, |2-3| = 1, two pairs touch the NaN -> 1.5. */
Test(metrics, mase_scale_season_1)
{
    const double t[] = {1, 3, 2, NAN, 5};
    double s = 0;
    cr_assert_eq(lf_mase_scale(t, 5, 1, &s, NULL), LF_OK);
    NEAR(s, 1.5);
}

Test(metrics, mase_scale_without_pairs_is_nan)
{
    double s = 0;
    cr_assert_eq(lf_mase_scale(TRAIN, 7, 7, &s, NULL), LF_OK); /* no t >= 7 */
    cr_assert(isnan(s), "s = %g", s);
    s = 0;
    cr_assert_eq(lf_mase_scale(NULL, 0, 7, &s, NULL), LF_OK);
    cr_assert(isnan(s), "s = %g", s);
}

Test(metrics, mase_scale_errors)
{
    lf_error err;
    double s = 0;
    cr_assert_eq(lf_mase_scale(TRAIN, 20, 0, &s, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "season"), "%s", err.message);
    cr_assert(isnan(s));
    cr_assert_eq(lf_mase_scale(TRAIN, 20, 7, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_mase_scale(NULL, 3, 1, &s, &err), LF_ERR_ARG);
    const double t[] = {1, 2, 3, INFINITY, 5};
    cr_assert_eq(lf_mase_scale(t, 5, 1, &s, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "index 3"), "%s", err.message);
}

/* ---- intervals ------------------------------------------------------------------ */

/* level 0.8: alpha 0.2, lower = 0.1 quantile, upper = 0.9 quantile, 2/alpha = 10.
 *  row  y    l    u   f     L(y,l,.1)      L(y,u,.9)      mean   winkler
 *   0  100   90  120  105   .1*10 = 1      .1*20 = 2      1.5    30
 *   1   80   85  105   95   .9*5  = 4.5    .1*25 = 2.5    3.5    20 + 10*5 = 70
 *   2  130  100  125  112   .1*30 = 3      .9*5  = 4.5    3.75   25 + 10*5 = 75
 *   3   50   50   60   55   .1*0  = 0      .1*10 = 1      0.5    10 (y = l: covered)
 *   4   70  NaN   80   75   skipped: no lower bound
 *   5   90   80  100  NaN   skipped: no forecast
 * pinball = (1.5 + 3.5 + 3.75 + 0.5)/4 = 2.3125;  coverage = 2/4 (rows 0, 3)
 * winkler = (30 + 70 + 75 + 10)/4 = 46.25 = (4/alpha) pinball = 20 * 2.3125 */
Test(metrics, interval_scores_by_hand)
{
    const double y[] = {100, 80, 130, 50, 70, 90};
    const double f[] = {105, 95, 112, 55, 75, NAN};
    const double lo[] = {90, 85, 100, 50, NAN, 80};
    const double hi[] = {120, 105, 125, 60, 80, 100};
    lf_accuracy a = compute_ok(y, f, lo, hi, 6, 0.8, NAN);
    cr_assert_eq(a.n, 5);
    cr_assert_eq(a.n_interval, 4);
    NEAR(a.pinball, 2.3125);
    NEAR(a.coverage, 0.5);
    NEAR(a.winkler, 46.25);
}

/* y on the upper bound is covered; level 0.5 (alpha 0.5, taus .25 and .75):
 * y = 10, l = 4, u = 10: L_lo = .25*6 = 1.5, L_hi = .25*0 = 0 -> pinball 0.75,
 * coverage 1, winkler = 6. */
Test(metrics, upper_bound_is_covered)
{
    const double y[] = {10}, f[] = {7}, lo[] = {4}, hi[] = {10};
    lf_accuracy a = compute_ok(y, f, lo, hi, 1, 0.5, NAN);
    NEAR(a.pinball, 0.75);
    NEAR(a.coverage, 1);
    NEAR(a.winkler, 6);
}

/* ---- errors --------------------------------------------------------------------- */

static void expect_compute_error(const double *y, const double *f, const double *lo,
                                 const double *hi, size_t n, double level, int code,
                                 const char *needle)
{
    lf_error err;
    lf_accuracy a;
    a.n = 99;
    a.mae = 1;
    int rc = lf_accuracy_compute(y, f, lo, hi, n, level, 1.0, &a, &err);
    cr_assert_eq(rc, code, "rc %d, want %d (%s)", rc, code, err.message);
    cr_assert_eq(err.code, code);
    cr_assert(strstr(err.message, needle), "'%s' lacks '%s'", err.message, needle);
    cr_assert_eq(a.n, 0, "out is reset on error");
    cr_assert(isnan(a.mae));
}

Test(metrics, compute_argument_errors)
{
    const double y[] = {1, 2, 3}, f[] = {1, 2, 3}, lo[] = {0, 1, 2}, hi[] = {2, 3, 4};
    cr_assert_eq(lf_accuracy_compute(y, f, NULL, NULL, 3, 0.9, 1, NULL, NULL), LF_ERR_ARG);
    expect_compute_error(NULL, f, NULL, NULL, 3, 0.9, LF_ERR_ARG, "actual");
    expect_compute_error(y, NULL, NULL, NULL, 3, 0.9, LF_ERR_ARG, "forecast");
    expect_compute_error(y, f, lo, NULL, 3, 0.9, LF_ERR_ARG, "both");
    expect_compute_error(y, f, NULL, hi, 3, 0.9, LF_ERR_ARG, "both");
    expect_compute_error(y, f, lo, hi, 3, 0.0, LF_ERR_ARG, "level");
    expect_compute_error(y, f, lo, hi, 3, 1.0, LF_ERR_ARG, "level");
    expect_compute_error(y, f, lo, hi, 3, 95, LF_ERR_ARG, "level");
    expect_compute_error(y, f, lo, hi, 3, NAN, LF_ERR_ARG, "level");
    /* without intervals the level is not used, so any value is accepted */
    cr_assert_eq(compute_ok(y, f, NULL, NULL, 3, 95, NAN).n, 3);
}

Test(metrics, compute_data_errors_name_the_row)
{
    const double y[] = {1, 2, 3, 4}, f[] = {1, 2, 3, 4};
    const double lo[] = {0, 1, 5, 3}, hi[] = {2, 3, 4, 5}; /* row 2: 5 > 4 */
    expect_compute_error(y, f, lo, hi, 4, 0.9, LF_ERR_DATA, "index 2");
    const double y_inf[] = {1, 2, 3, INFINITY};
    expect_compute_error(y_inf, f, NULL, NULL, 4, 0.9, LF_ERR_DATA, "index 3");
    const double f_inf[] = {1, -INFINITY, 3, 4};
    expect_compute_error(y, f_inf, NULL, NULL, 4, 0.9, LF_ERR_DATA, "index 1");
    /* infinite even where the pair would be skipped */
    const double y_nan[] = {NAN, 2, 3, 4}, f_inf0[] = {INFINITY, 2, 3, 4};
    expect_compute_error(y_nan, f_inf0, NULL, NULL, 4, 0.9, LF_ERR_DATA, "index 0");
    const double hi_inf[] = {2, 3, INFINITY, 5}, lo_ok[] = {0, 1, 2, 3};
    expect_compute_error(y, f, lo_ok, hi_inf, 4, 0.9, LF_ERR_DATA, "upper");
    /* lower > upper is not checked against a missing bound */
    const double lo_nan[] = {0, 1, NAN, 3};
    cr_assert_eq(compute_ok(y, f, lo_nan, hi, 4, 0.9, NAN).n_interval, 3);
}

/* ---- calendar aggregation -------------------------------------------------------- */

typedef struct agg {
    lf_date *starts;
    double *a, *f;
    size_t n;
} agg;

static agg aggregate_ok(lf_date first, size_t n, const double *y, const double *f,
                        lf_period_kind kind, lf_agg_stat stat)
{
    lf_error err;
    agg r = {0};
    int rc = lf_accuracy_aggregate(first, n, y, f, kind, stat, &r.starts, &r.a, &r.f, &r.n,
                                   &err);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    return r;
}

static void agg_free(agg *r)
{
    free(r->starts);
    free(r->a);
    free(r->f);
}

/* Days 2023-01-30 .. 2023-04-10 (2 + 28 + 31 + 10 = 71 days), actual[i] = 10 + i,
 * forecast = 20.  January (starts before the arrays) and April (ends after
 * them) are partial and dropped.
 *   February = indices 2..29:  actual 28*10 + (2+29)*28/2 = 280 + 434 = 714,
 *                              forecast 28*20 = 560
 *   March    = indices 30..60: actual 31*10 + (30+60)*31/2 = 310 + 1395 = 1705,
 *                              forecast 31*20 = 620 */
#define NDAYS 71
static void fill_ramp(double *y, double *f)
{
    for (int i = 0; i < NDAYS; i++) {
        y[i] = 10 + i;
        f[i] = 20;
    }
}

Test(metrics, monthly_sums_keep_only_complete_months)
{
    double y[NDAYS], f[NDAYS];
    fill_ramp(y, f);
    agg r = aggregate_ok(D(2023, 1, 30), NDAYS, y, f, LF_PERIOD_MONTH, LF_AGG_SUM);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.starts[0], D(2023, 2, 1));
    cr_assert_eq(r.starts[1], D(2023, 3, 1));
    NEAR(r.a[0], 714);
    NEAR(r.f[0], 560);
    NEAR(r.a[1], 1705);
    NEAR(r.f[1], 620);
    agg_free(&r);
}

/* One NaN forecast on 2023-02-14 (index 15) drops February; one NaN actual on
 * 2023-03-31 (index 60, the month's last day) drops March: nothing is left. */
Test(metrics, month_with_a_missing_day_is_dropped)
{
    double y[NDAYS], f[NDAYS];
    fill_ramp(y, f);
    f[15] = NAN;
    agg r = aggregate_ok(D(2023, 1, 30), NDAYS, y, f, LF_PERIOD_MONTH, LF_AGG_SUM);
    cr_assert_eq(r.n, 1);
    cr_assert_eq(r.starts[0], D(2023, 3, 1));
    NEAR(r.a[0], 1705);
    agg_free(&r);
    y[60] = NAN;
    r = aggregate_ok(D(2023, 1, 30), NDAYS, y, f, LF_PERIOD_MONTH, LF_AGG_SUM);
    cr_assert_eq(r.n, 0);
    cr_assert(r.starts == NULL && r.a == NULL && r.f == NULL);
}

/* Max variant on February 2023 alone (28 days from 2023-02-01): actual 300
 * every day but 500 on Feb 10; forecast 310 but 480 on Feb 20.  Monthly peak:
 * actual 500, forecast 480 (on different days: still compared).  The sums
 * would be 27*300 + 500 = 8600 and 27*310 + 480 = 8850. */
Test(metrics, monthly_peak_is_the_max)
{
    double y[28], f[28];
    for (int i = 0; i < 28; i++) {
        y[i] = 300;
        f[i] = 310;
    }
    y[9] = 500;
    f[19] = 480;
    agg r = aggregate_ok(D(2023, 2, 1), 28, y, f, LF_PERIOD_MONTH, LF_AGG_MAX);
    cr_assert_eq(r.n, 1);
    cr_assert_eq(r.starts[0], D(2023, 2, 1));
    NEAR(r.a[0], 500);
    NEAR(r.f[0], 480);
    agg_free(&r);
    r = aggregate_ok(D(2023, 2, 1), 28, y, f, LF_PERIOD_MONTH, LF_AGG_SUM);
    NEAR(r.a[0], 8600);
    NEAR(r.f[0], 8850);
    agg_free(&r);
    /* a missing day drops the month for the max too (fmax alone would skip it) */
    f[3] = NAN;
    r = aggregate_ok(D(2023, 2, 1), 28, y, f, LF_PERIOD_MONTH, LF_AGG_MAX);
    cr_assert_eq(r.n, 0);
}

/* The max also works when every value is negative (net load of a customer
 * that exports): January 2023, actual -(i + 1) (peak -1 on Jan 1), forecast
 * -40 + i (peak -10 on Jan 31). */
Test(metrics, peak_of_negative_values)
{
    double y[31], f[31];
    for (int i = 0; i < 31; i++) {
        y[i] = -(i + 1);
        f[i] = -40 + i;
    }
    agg r = aggregate_ok(D(2023, 1, 1), 31, y, f, LF_PERIOD_MONTH, LF_AGG_MAX);
    cr_assert_eq(r.n, 1);
    NEAR(r.a[0], -1);
    NEAR(r.f[0], -10);
    agg_free(&r);
}

/* 2022-12-01 .. 2025-01-31 (31 + 365 + 366 + 31 days), actual 1, forecast 2 a
 * day: 2022 and 2025 are partial; 2023 sums 365 / 730, leap 2024 366 / 732.
 * Then a NaN on 2024-02-29 (index 31 + 365 + 59 = 455) drops 2024. */
Test(metrics, yearly_sums)
{
    enum { N = 31 + 365 + 366 + 31 };
    double *y = malloc(N * sizeof *y), *f = malloc(N * sizeof *f);
    for (int i = 0; i < N; i++) {
        y[i] = 1;
        f[i] = 2;
    }
    agg r = aggregate_ok(D(2022, 12, 1), N, y, f, LF_PERIOD_YEAR, LF_AGG_SUM);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.starts[0], D(2023, 1, 1));
    cr_assert_eq(r.starts[1], D(2024, 1, 1));
    NEAR(r.a[0], 365);
    NEAR(r.f[0], 730);
    NEAR(r.a[1], 366);
    NEAR(r.f[1], 732);
    agg_free(&r);
    cr_assert_eq(D(2022, 12, 1) + 455, D(2024, 2, 29));
    y[455] = NAN;
    r = aggregate_ok(D(2022, 12, 1), N, y, f, LF_PERIOD_YEAR, LF_AGG_SUM);
    cr_assert_eq(r.n, 1);
    cr_assert_eq(r.starts[0], D(2023, 1, 1));
    agg_free(&r);
    free(y);
    free(f);
}

/* Aggregated values feed lf_accuracy_compute: February and March above give
 * e = 560 - 714 = -154 and 620 - 1705 = -1085 -> mae = 1239/2 = 619.5,
 * bias_pct = 100 * -1239 / 2419. */
Test(metrics, monthly_accuracy_from_aggregates)
{
    double y[NDAYS], f[NDAYS];
    fill_ramp(y, f);
    agg r = aggregate_ok(D(2023, 1, 30), NDAYS, y, f, LF_PERIOD_MONTH, LF_AGG_SUM);
    lf_accuracy a = compute_ok(r.a, r.f, NULL, NULL, r.n, 0.9, NAN);
    NEAR(a.mae, 619.5);
    NEAR(a.bias_pct, -123900.0 / 2419);
    agg_free(&r);
}

Test(metrics, aggregate_empty_input)
{
    agg r = aggregate_ok(D(2023, 1, 1), 0, NULL, NULL, LF_PERIOD_MONTH, LF_AGG_SUM);
    cr_assert_eq(r.n, 0);
    cr_assert(r.starts == NULL && r.a == NULL && r.f == NULL);
}

Test(metrics, aggregate_errors)
{
    lf_error err;
    double y[31] = {0}, f[31] = {0};
    lf_date *s = (lf_date *)&err; /* non-NULL garbage: must be reset to NULL */
    double *a = y, *b = f;
    size_t n = 7;
    cr_assert_eq(lf_accuracy_aggregate(D(2023, 1, 1), 31, y, f, LF_PERIOD_MONTH, LF_AGG_SUM,
                                       NULL, &a, &b, &n, &err), LF_ERR_ARG);
    cr_assert_eq(lf_accuracy_aggregate(D(2023, 1, 1), 31, NULL, f, LF_PERIOD_MONTH,
                                       LF_AGG_SUM, &s, &a, &b, &n, &err), LF_ERR_ARG);
    cr_assert(s == NULL && a == NULL && b == NULL && n == 0);
    cr_assert_eq(lf_accuracy_aggregate(D(2023, 1, 1), 31, y, f, (lf_period_kind)7,
                                       LF_AGG_SUM, &s, &a, &b, &n, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "period"), "%s", err.message);
    cr_assert_eq(lf_accuracy_aggregate(D(2023, 1, 1), 31, y, f, LF_PERIOD_MONTH,
                                       (lf_agg_stat)9, &s, &a, &b, &n, &err), LF_ERR_ARG);
    /* 31 days from 9999-12-01 fit, 32 run past 9999-12-31 */
    cr_assert_eq(lf_accuracy_aggregate(D(9999, 12, 1), 31, y, f, LF_PERIOD_MONTH,
                                       LF_AGG_SUM, &s, &a, &b, &n, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(n, 1);
    free(s);
    free(a);
    free(b);
    double y32[32] = {0}, f32[32] = {0};
    cr_assert_eq(lf_accuracy_aggregate(D(9999, 12, 1), 32, y32, f32, LF_PERIOD_MONTH,
                                       LF_AGG_SUM, &s, &a, &b, &n, &err), LF_ERR_RANGE);
    cr_assert(strstr(err.message, "9999-12-01"), "%s", err.message);
    cr_assert_eq(lf_accuracy_aggregate(D(1, 1, 1) - 1, 1, y, f, LF_PERIOD_MONTH, LF_AGG_SUM,
                                       &s, &a, &b, &n, &err), LF_ERR_RANGE);
    f[20] = INFINITY; /* 2023-01-21 */
    cr_assert_eq(lf_accuracy_aggregate(D(2023, 1, 1), 31, y, f, LF_PERIOD_MONTH,
                                       LF_AGG_SUM, &s, &a, &b, &n, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "2023-01-21"), "%s", err.message);
    cr_assert(s == NULL && a == NULL && b == NULL && n == 0);
}
