/* test_usage_alerts.c - usage alerts (libforecast/customers/alerts.c) on
 * series built here: each baseline (last year, previous months, expected),
 * the percent threshold reached exactly, just missed and reached within the
 * rounding tolerance, z against a hand-computed sample standard deviation,
 * too short a history, min_kwh, an expected value of 0, and the ranking
 * with its ties.  Every expected number is worked out in the comment above
 * its test (the standard deviations also with numpy: np.std(h, ddof=1)). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast.h"

#define MAXN 8
#define N NAN

typedef struct fixture {
    lf_customer customers[MAXN];
    lf_customer_set set;
} fixture;

/* n customers K0, K1, ... with energy (n x nmonths, row-major) from January 2023. */
static void build(fixture *f, size_t n, size_t nmonths, double *energy)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < n; i++) {
        snprintf(f->customers[i].id, sizeof f->customers[i].id, "K%zu", i);
        f->customers[i].correction = 1;
    }
    f->set.n = n;
    f->set.customers = f->customers;
    f->set.first_month = lf_date_from_ymd(2023, 1, 1);
    f->set.nmonths = nmonths;
    f->set.energy_kwh = energy;
}

static size_t run(const fixture *f, const double *expected, const lf_alert_spec *spec,
                  lf_usage_alert **out)
{
    size_t n = 99;
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(lf_usage_alerts(&f->set, expected, spec, out, &n, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(n == 0, *out == NULL, "NULL exactly when there is no alert");
    return n;
}

static void near(double got, double want, double tol, const char *what)
{
    cr_assert(fabs(got - want) <= tol, "%s: got %.17g, want %.17g", what, got, want);
}

static void expect_alert(const lf_usage_alert *a, size_t customer, int year, int month,
                         double actual, double expected)
{
    cr_assert_eq(a->customer, customer, "customer %zu, want %zu", a->customer, customer);
    cr_assert_eq(a->month, lf_date_from_ymd(year, month, 1), "month of customer %zu",
                 customer);
    cr_assert_eq(a->actual, actual);
    cr_assert_eq(a->expected, expected);
    cr_assert_eq(a->change, actual - expected);
}

/* ---- names and spec ----------------------------------------------------------------- */

Test(alert_names, round_trip)
{
    const char *b[] = {"last_year", "previous", "expected"};
    for (int k = 0; k < 3; k++) {
        cr_assert_str_eq(lf_alert_baseline_name((lf_alert_baseline)k), b[k]);
        cr_assert_eq(lf_alert_baseline_parse(b[k]), k);
    }
    cr_assert_str_eq(lf_alert_measure_name(LF_ALERT_PERCENT), "percent");
    cr_assert_str_eq(lf_alert_measure_name(LF_ALERT_ZSCORE), "z");
    cr_assert_eq(lf_alert_measure_parse("percent"), LF_ALERT_PERCENT);
    cr_assert_eq(lf_alert_measure_parse("z"), LF_ALERT_ZSCORE);
    cr_assert_eq(lf_alert_baseline_parse("Last_Year"), -1);
    cr_assert_eq(lf_alert_baseline_parse(NULL), -1);
    cr_assert_eq(lf_alert_measure_parse("zscore"), -1);
    cr_assert_str_eq(lf_alert_baseline_name((lf_alert_baseline)3), "unknown");
    cr_assert_str_eq(lf_alert_measure_name((lf_alert_measure)2), "unknown");
}

Test(alert_spec, defaults)
{
    lf_alert_spec s;
    memset(&s, 0xff, sizeof s);
    lf_alert_spec_default(&s);
    cr_assert_eq(s.baseline, LF_ALERT_LAST_YEAR);
    cr_assert_eq(s.previous_months, 3);
    cr_assert_eq(s.measure, LF_ALERT_PERCENT);
    cr_assert_eq(s.threshold, 0.30);
    cr_assert_eq(s.recent_months, 1);
    cr_assert_eq(s.min_history, 6);
    cr_assert_eq(s.min_kwh, 0);
    cr_assert_eq(lf_alert_spec_check(&s, NULL), LF_OK);
}

static void expect_bad_spec(const lf_alert_spec *s, const char *message)
{
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(lf_alert_spec_check(s, &err), LF_ERR_ARG, "%s", err.message);
    cr_assert_str_eq(err.message, message);
}

/* Each bound at its edge: previous_months and recent_months 1 pass, 0 fail;
 * min_history 2 passes, 1 fails; min_kwh 0 passes, below fails. */
Test(alert_spec, bounds)
{
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.previous_months = 1;
    s.recent_months = 1;
    s.min_history = 2;
    s.min_kwh = 0;
    cr_assert_eq(lf_alert_spec_check(&s, NULL), LF_OK);
    s.previous_months = 0;
    expect_bad_spec(&s, "alert previous_months is 0; give 1 or more");
    lf_alert_spec_default(&s);
    s.recent_months = 0;
    expect_bad_spec(&s, "alert recent_months is 0; give 1 or more");
    lf_alert_spec_default(&s);
    s.min_history = 1;
    expect_bad_spec(&s, "alert min_history is 1; a standard deviation needs 2 or more months");
    lf_alert_spec_default(&s);
    s.threshold = 0;
    expect_bad_spec(&s, "alert threshold 0 must be a number above 0 (0.30 = 30% for percent, "
                        "3 for z)");
    s.threshold = NAN;
    expect_bad_spec(&s, "alert threshold nan must be a number above 0 (0.30 = 30% for "
                        "percent, 3 for z)");
    lf_alert_spec_default(&s);
    s.min_kwh = -1e-9;
    expect_bad_spec(&s, "alert min_kwh -1e-09 must be a number >= 0");
    lf_alert_spec_default(&s);
    s.baseline = (lf_alert_baseline)3;
    expect_bad_spec(&s, "alert baseline 3 is not last_year, previous or expected");
    lf_alert_spec_default(&s);
    s.measure = (lf_alert_measure)2;
    expect_bad_spec(&s, "alert measure 2 is not percent or z");
}

/* ---- last year, percent ------------------------------------------------------------- */

/* 13 months (2023-01 .. 2024-01); the recent month is 2024-01, compared
 * with 2023-01.  change_pct = (a - b) / b:
 *   K0  100 -> 130      30 / 100 = 0.3 exactly            alert (at the threshold)
 *   K1  100 -> 129.99   29.99 / 100 = 0.2999 < 0.3        none
 *   K2  100 -> 70      -30 / 100 = -0.3                   alert
 *   K3  200 -> 260      60 / 200 = 0.3, change 60         alert
 *   K4  1.1 -> 1.43     0.33 / 1.1 = 0.2999999999999998   alert (within 1e-9)
 *       in double (Python: (1.43 - 1.1) / 1.1)
 *   K5  NaN -> 500      no value a year before             none
 *   K6  100 -> NaN      no energy this month              none
 * Ranked by |pct| (0.3 for K0, K2, K3; 0.2999999999999998 for K4), then by
 * |change| (K3's 60 before the 30 of K0 and K2), then by index (K0, K2):
 * K3, K0, K2, K4.  No earlier months to form a history: z NaN. */
Test(alerts_last_year, percent_threshold_and_ranking)
{
    double e[7][13];
    for (size_t i = 0; i < 7; i++)
        for (size_t m = 0; m < 13; m++)
            e[i][m] = 100;
    double before[7] = {100, 100, 100, 200, 1.1, N, 100};
    double now[7] = {130, 129.99, 70, 260, 1.43, 500, N};
    for (size_t i = 0; i < 7; i++) {
        e[i][0] = before[i];
        e[i][12] = now[i];
    }
    fixture f;
    build(&f, 7, 13, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    lf_usage_alert *a = NULL;
    size_t n = run(&f, NULL, &s, &a);
    cr_assert_eq(n, 4, "%zu alerts", n);
    expect_alert(&a[0], 3, 2024, 1, 260, 200);
    expect_alert(&a[1], 0, 2024, 1, 130, 100);
    expect_alert(&a[2], 2, 2024, 1, 70, 100);
    expect_alert(&a[3], 4, 2024, 1, 1.43, 1.1);
    cr_assert_eq(a[1].change_pct, 0.3);
    cr_assert_eq(a[2].change_pct, -0.3);
    cr_assert(a[3].change_pct < 0.3, "the tolerance case is below 0.3 in double");
    for (size_t k = 0; k < n; k++)
        cr_assert(isnan(a[k].z), "no history: z NaN");
    free(a);
}

/* A year before a month with energy missing: K0 has 2023-02 missing, so its
 * 2024-02 (recent_months 2: 2024-01 and 2024-02) gets no alert; 2024-01
 * against 2023-01: 150 / 100 -> 0.5.  K1 has both months +50%: equal |pct|
 * and |change| rank by month, 2024-01 before 2024-02. */
Test(alerts_last_year, missing_month_and_month_order)
{
    double e[2][14];
    for (size_t i = 0; i < 2; i++)
        for (size_t m = 0; m < 14; m++)
            e[i][m] = 100;
    e[0][1] = N;
    e[0][12] = e[0][13] = 150;
    e[1][12] = e[1][13] = 150;
    fixture f;
    build(&f, 2, 14, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.recent_months = 2;
    lf_usage_alert *a = NULL;
    size_t n = run(&f, NULL, &s, &a);
    cr_assert_eq(n, 3, "%zu alerts", n);
    expect_alert(&a[0], 0, 2024, 1, 150, 100);
    expect_alert(&a[1], 1, 2024, 1, 150, 100);
    expect_alert(&a[2], 1, 2024, 2, 150, 100);
    free(a);
}

/* ---- previous months ---------------------------------------------------------------- */

/* previous_months 3, recent_months 2 (months 3 and 4, 2023-04 and 2023-05):
 *   K0  90 100 110 150 100   m3: mean(90,100,110) = 100, 150 -> +0.5    alert
 *                            m4: mean(100,110,150) = 120, 100 -> -1/6  none
 *   K1  100 NaN 100 200 200  m3 and m4: a NaN in the window           none
 *   K2  NaN 100 100 100 200  m3: NaN in the window                    none
 *                            m4: mean(100,100,100) = 100 -> +1.0      alert
 * Ranked: K2 2023-05 (1.0), K0 2023-04 (0.5). */
Test(alerts_previous, mean_of_the_months_before)
{
    double e[3][5] = {{90, 100, 110, 150, 100},
                      {100, N, 100, 200, 200},
                      {N, 100, 100, 100, 200}};
    fixture f;
    build(&f, 3, 5, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.baseline = LF_ALERT_PREVIOUS;
    s.recent_months = 2;
    lf_usage_alert *a = NULL;
    size_t n = run(&f, NULL, &s, &a);
    cr_assert_eq(n, 2, "%zu alerts", n);
    expect_alert(&a[0], 2, 2023, 5, 200, 100);
    expect_alert(&a[1], 0, 2023, 4, 150, 100);
    near(a[0].change_pct, 1.0, 1e-15, "K2");
    near(a[1].change_pct, 0.5, 1e-15, "K0");
    free(a);
}

/* previous_months 4 with the same K0: month 3 has only 3 months before it,
 * so no baseline; month 4: mean(90,100,110,150) = 112.5, 100 -> -0.111. */
Test(alerts_previous, too_few_months_before)
{
    double e[1][5] = {{90, 100, 110, 150, 100}};
    fixture f;
    build(&f, 1, 5, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.baseline = LF_ALERT_PREVIOUS;
    s.previous_months = 4;
    s.recent_months = 2;
    s.threshold = 0.1;
    lf_usage_alert *a = NULL;
    size_t n = run(&f, NULL, &s, &a);
    cr_assert_eq(n, 1, "%zu alerts", n);
    expect_alert(&a[0], 0, 2023, 5, 100, 112.5);
    near(a[0].change_pct, -12.5 / 112.5, 1e-15, "pct");
    free(a);
}

/* z with baseline previous (previous_months 2, min_history 3), months
 * 100 100 110 100 90 160 (2023-01 .. 2023-06), the last one recent.
 * Months 0 and 1 have no two months before them: no baseline, not history.
 *   m2  mean(100, 100) = 100, change  10
 *   m3  mean(100, 110) = 105, change  -5
 *   m4  mean(110, 100) = 105, change -15
 *   m5  mean(100,  90) =  95, change  65 (recent)
 * History 10, -5, -15: mean -10/3, squares (40/3)^2 + (5/3)^2 + (35/3)^2 =
 * 2850/9, s = sqrt(2850/18) = 12.583057392117915 (numpy: np.std([10, -5,
 * -15], ddof=1)); z = (65 - (-10/3)) / s = 5.430582663966679 (numpy:
 * (65 - h.mean()) / h.std(ddof=1)); change_pct 65/95. */
Test(alerts_previous, history_for_z)
{
    double e[1][6] = {{100, 100, 110, 100, 90, 160}};
    fixture f;
    build(&f, 1, 6, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.baseline = LF_ALERT_PREVIOUS;
    s.previous_months = 2;
    s.min_history = 3;
    s.measure = LF_ALERT_ZSCORE;
    s.threshold = 3;
    lf_usage_alert *a = NULL;
    cr_assert_eq(run(&f, NULL, &s, &a), 1);
    expect_alert(&a[0], 0, 2023, 6, 160, 95);
    near(a[0].z, 5.430582663966679, 1e-12, "z");
    near(a[0].change_pct, 65.0 / 95.0, 1e-15, "pct");
    free(a);
}

/* ---- expected and z ----------------------------------------------------------------- */

/* Baseline expected, measure z (threshold 3), months 0..5 the history,
 * month 6 (2023-07) the recent one.  Expected 100 every month; actual =
 * 100 + change.
 *   K0  changes 1 -1 2 -2 0 0: mean 0, sum of squares 10, s = sqrt(10/5) =
 *       sqrt(2) = 1.4142135623730951; month 6 change +5: z = 5 / sqrt(2) =
 *       3.5355339059327373                                      alert
 *   K1  the same, but month 5's expected is NaN: 5 months of history <
 *       min_history 6: z NaN                                    none
 *   K2  K0's history; month 6 expected 0, actual 5: change 5, change_pct
 *       NaN, z 3.5355...                                        alert
 *   K3  changes 3 -3 1 -1 0 0: mean 0, squares 20, s = sqrt(20/5) = 2;
 *       month 6 change +6: z = 3 exactly                        alert
 *   K4  K3's history, month 6 change -5.99: z = -2.995          none
 *   K5  changes 1 1 1 1 1 1: s = 0, z NaN                        none
 * Ranked by |z|: K0 and K2 tie at 3.5355 with |change| 5 each: by index, K0
 * then K2; then K3 (3). */
Test(alerts_expected, z_scores)
{
    double hist[6][6] = {{1, -1, 2, -2, 0, 0}, {1, -1, 2, -2, 0, 0}, {1, -1, 2, -2, 0, 0},
                         {3, -3, 1, -1, 0, 0}, {3, -3, 1, -1, 0, 0}, {1, 1, 1, 1, 1, 1}};
    double last[6] = {5, 50, 5, 6, -5.99, 40};
    double e[6][7], x[6][7];
    for (size_t i = 0; i < 6; i++) {
        for (size_t m = 0; m < 6; m++) {
            x[i][m] = 100;
            e[i][m] = 100 + hist[i][m];
        }
        x[i][6] = 100;
        e[i][6] = 100 + last[i];
    }
    x[1][5] = N;
    x[2][6] = 0;
    e[2][6] = 5;
    fixture f;
    build(&f, 6, 7, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.baseline = LF_ALERT_EXPECTED;
    s.measure = LF_ALERT_ZSCORE;
    s.threshold = 3;
    lf_usage_alert *a = NULL;
    size_t n = run(&f, &x[0][0], &s, &a);
    cr_assert_eq(n, 3, "%zu alerts", n);
    expect_alert(&a[0], 0, 2023, 7, 105, 100);
    expect_alert(&a[1], 2, 2023, 7, 5, 0);
    expect_alert(&a[2], 3, 2023, 7, 106, 100);
    near(a[0].z, 3.5355339059327373, 1e-12, "K0 z");
    near(a[0].change_pct, 0.05, 1e-15, "K0 pct");
    near(a[1].z, 3.5355339059327373, 1e-12, "K2 z");
    cr_assert(isnan(a[1].change_pct), "expected 0: change_pct NaN");
    near(a[2].z, 3.0, 1e-12, "K3 z");
    free(a);
}

/* Measure percent on a like set (history changes 1 -1 1 -1 0 0, K5's all
 * 1; month 6 as above): K1's +50 on 100 (0.5) alerts, and its z is NaN (5
 * months of history); K0's 0.05, K3's 0.06 and K4's -0.0599 do not; K2's
 * change_pct is NaN so it never alerts by percent; K5's +40% alerts with z
 * NaN (s = 0).  Ranked: K1 (0.5), K5 (0.4). */
Test(alerts_expected, z_reported_with_percent)
{
    double e[6][7], x[6][7];
    double last[6] = {5, 50, 5, 6, -5.99, 40};
    for (size_t i = 0; i < 6; i++) {
        for (size_t m = 0; m < 7; m++) {
            x[i][m] = 100;
            e[i][m] = 100 + (m % 2 ? -1 : 1) * (double)(m < 4);
        }
        e[i][6] = 100 + last[i];
    }
    for (size_t m = 0; m < 6; m++)
        e[5][m] = 101;
    x[1][5] = N;
    x[2][6] = 0;
    e[2][6] = 5;
    fixture f;
    build(&f, 6, 7, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.baseline = LF_ALERT_EXPECTED;
    lf_usage_alert *a = NULL;
    size_t n = run(&f, &x[0][0], &s, &a);
    cr_assert_eq(n, 2, "%zu alerts", n);
    expect_alert(&a[0], 1, 2023, 7, 150, 100);
    expect_alert(&a[1], 5, 2023, 7, 140, 100);
    cr_assert(isnan(a[0].z), "5 months of history: z NaN");
    cr_assert(isnan(a[1].z), "s = 0: z NaN");
    free(a);
}

/* min_history 2, exactly met: history changes 1 and -1 (months 0, 1; month
 * 2's expected is NaN), s = sqrt(2), month 3 change 5: z = 3.5355 (alert);
 * min_history 3 is not met: no z alert. */
Test(alerts_expected, min_history_boundary)
{
    double e[1][4] = {{101, 99, 100, 105}}, x[1][4] = {{100, 100, N, 100}};
    fixture f;
    build(&f, 1, 4, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.baseline = LF_ALERT_EXPECTED;
    s.measure = LF_ALERT_ZSCORE;
    s.threshold = 3;
    s.min_history = 2;
    lf_usage_alert *a = NULL;
    cr_assert_eq(run(&f, &x[0][0], &s, &a), 1);
    near(a[0].z, 3.5355339059327373, 1e-12, "z");
    free(a);
    s.min_history = 3;
    cr_assert_eq(run(&f, &x[0][0], &s, &a), 0);
}

/* min_kwh skips a month whose expected value is below it, not one equal to
 * it: expected 1000, actual 2000 (+100%).  min_kwh 1000 keeps it, 1000.001
 * skips it. */
Test(alerts_expected, min_kwh_boundary)
{
    double e[1][1] = {{2000}}, x[1][1] = {{1000}};
    fixture f;
    build(&f, 1, 1, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.baseline = LF_ALERT_EXPECTED;
    s.min_kwh = 1000;
    lf_usage_alert *a = NULL;
    cr_assert_eq(run(&f, &x[0][0], &s, &a), 1);
    free(a);
    s.min_kwh = 1000.001;
    cr_assert_eq(run(&f, &x[0][0], &s, &a), 0);
}

/* recent_months 5 on a 2-month set: both months are recent.  Expected 100,
 * actual 200 and 50: +1.0 (2023-01) and -0.5 (2023-02), in that order. */
Test(alerts_expected, more_recent_months_than_the_set)
{
    double e[1][2] = {{200, 50}}, x[1][2] = {{100, 100}};
    fixture f;
    build(&f, 1, 2, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.baseline = LF_ALERT_EXPECTED;
    s.recent_months = 5;
    lf_usage_alert *a = NULL;
    cr_assert_eq(run(&f, &x[0][0], &s, &a), 2);
    expect_alert(&a[0], 0, 2023, 1, 200, 100);
    expect_alert(&a[1], 0, 2023, 2, 50, 100);
    free(a);
}

/* ---- errors and empty sets ---------------------------------------------------------- */

Test(alerts_errors, expected_required)
{
    double e[1][1] = {{1}};
    fixture f;
    build(&f, 1, 1, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.baseline = LF_ALERT_EXPECTED;
    lf_usage_alert *a = (lf_usage_alert *)&s;
    size_t n = 7;
    lf_error err;
    cr_assert_eq(lf_usage_alerts(&f.set, NULL, &s, &a, &n, &err), LF_ERR_ARG);
    cr_assert_str_eq(err.message, "baseline expected needs the expected energy (n x nmonths "
                                  "kWh, e.g. from lf_customer_expected_load)");
    cr_assert_null(a);
    cr_assert_eq(n, 0);
}

/* A negative or infinite value names the customer and the month (K1's
 * third month: 2023-03); expected values are checked only when used. */
Test(alerts_errors, bad_values)
{
    double e[2][3] = {{1, 2, 3}, {1, 2, -4}}, x[2][3] = {{1, INFINITY, 1}, {1, 1, 1}};
    fixture f;
    build(&f, 2, 3, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    lf_usage_alert *a = NULL;
    size_t n = 0;
    lf_error err;
    cr_assert_eq(lf_usage_alerts(&f.set, &x[0][0], &s, &a, &n, &err), LF_ERR_DATA);
    cr_assert_str_eq(err.message, "customer 'K1', month 2023-03: the actual energy is -4 "
                                  "kWh; give a number >= 0 (or nothing when missing)");
    e[1][2] = 4;
    cr_assert_eq(lf_usage_alerts(&f.set, &x[0][0], &s, &a, &n, &err), LF_OK, "%s",
                 err.message);
    s.baseline = LF_ALERT_EXPECTED;
    cr_assert_eq(lf_usage_alerts(&f.set, &x[0][0], &s, &a, &n, &err), LF_ERR_DATA);
    cr_assert_str_eq(err.message, "customer 'K0', month 2023-02: the expected energy is inf "
                                  "kWh; give a number >= 0 (or nothing when missing)");
    cr_assert_null(a);
}

Test(alerts_errors, arguments_and_empty_sets)
{
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    lf_usage_alert *a = NULL;
    size_t n = 5;
    cr_assert_eq(lf_usage_alerts(NULL, NULL, &s, &a, &n, NULL), LF_ERR_ARG);
    cr_assert_eq(lf_usage_alerts(NULL, NULL, &s, NULL, &n, NULL), LF_ERR_ARG);
    fixture f;
    build(&f, 0, 0, NULL);
    cr_assert_eq(run(&f, NULL, &s, &a), 0);
    build(&f, 2, 0, NULL); /* customers without monthly records */
    cr_assert_eq(run(&f, NULL, &s, &a), 0);
    s.threshold = -1;
    cr_assert_eq(lf_usage_alerts(&f.set, NULL, &s, &a, &n, NULL), LF_ERR_ARG);
}

/* Steady growth is not a swing.  Baseline last_year, z, threshold 3; months
 * 2023-01 .. 2024-12, energy 100 + 10 m in month m (m = 0..23).
 *   K0  every 2024 month is 120 above 2023's: the history of changes is 120
 *       eleven times, s = 0, z NaN: no alert, however large 120 is
 *   K1  the same growth with a wobble of +2 / -2 on 2024-01 .. 2024-11
 *       (changes 122 118 ... 122: six 122, five 118) and 2024-12 raised by
 *       100 to 430 against 2023-12's 210 (change 220).  numpy: mean
 *       120.18181818181819, s = 2.0889318714683736 (ddof=1), z = (220 -
 *       mean) / s = 47.78431655983906; uncentred it would be 105.3. */
Test(alerts_last_year, z_centred_on_usual_change)
{
    double e[2][24];
    for (size_t m = 0; m < 24; m++)
        e[0][m] = e[1][m] = 100 + 10 * (double)m;
    for (size_t m = 12; m < 23; m++)
        e[1][m] += (m % 2 == 0) ? 2 : -2;
    e[1][23] += 100;
    fixture f;
    build(&f, 2, 24, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.measure = LF_ALERT_ZSCORE;
    s.threshold = 3;
    lf_usage_alert *a = NULL;
    cr_assert_eq(run(&f, NULL, &s, &a), 1);
    expect_alert(&a[0], 1, 2024, 12, 430, 210);
    near(a[0].z, 47.78431655983906, 1e-9, "z");
    free(a);
}

/* through_months: the recent months end there.  Energy 100 every month but
 * 2023-03 (200) and 2023-06 (300), baseline previous (1 month), percent
 * 0.3: through 3 months, 2023-03 (+100%) is the recent one; through 0 (all),
 * 2023-06 (+200%). */
Test(alerts_previous, through_months)
{
    double e[1][6] = {{100, 100, 200, 100, 100, 300}};
    fixture f;
    build(&f, 1, 6, &e[0][0]);
    lf_alert_spec s;
    lf_alert_spec_default(&s);
    s.baseline = LF_ALERT_PREVIOUS;
    s.previous_months = 1;
    s.through_months = 3;
    lf_usage_alert *a = NULL;
    cr_assert_eq(run(&f, NULL, &s, &a), 1);
    expect_alert(&a[0], 0, 2023, 3, 200, 100);
    free(a);
    s.through_months = 0;
    cr_assert_eq(run(&f, NULL, &s, &a), 1);
    expect_alert(&a[0], 0, 2023, 6, 300, 100);
    free(a);
}
