/* test_economy_paths.c - economic scenarios (libforecast/forecast/economy_paths.c):
 * growth paths, explicit value paths, the default growth of a column and the
 * checks, every expected value worked out by hand in the comments from the
 * rules in scenario.h. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "libforecast/scenario.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

/* got == want to 1e-9 relative. */
#define NEAR(got, want)                                                                   \
    do {                                                                                  \
        double g_ = (got), w_ = (want);                                                   \
        cr_assert(fabs(g_ - w_) <= 1e-9 * fmax(1.0, fabs(w_)), "%s = %.17g, want %.17g", \
                  #got, g_, w_);                                                          \
    } while (0)

/* A frame first..last with one NaN column "gdp"; *col receives its values. */
static lf_frame *frame_with_gdp(lf_date first, lf_date last, double **col)
{
    lf_error err;
    lf_frame *f = lf_frame_new(first, (size_t)(last - first + 1), &err);
    cr_assert_not_null(f, "%s", err.message);
    *col = lf_frame_add_column(f, "gdp", "1", &err);
    cr_assert_not_null(*col, "%s", err.message);
    return f;
}

static double at(const lf_frame *f, const double *v, lf_date d)
{
    long r = lf_frame_row(f, d);
    cr_assert(r >= 0);
    return v[r];
}

static void set(const lf_frame *f, double *v, lf_date d, double x)
{
    long r = lf_frame_row(f, d);
    cr_assert(r >= 0);
    v[r] = x;
}

static lf_economy_path growth_path(const double *g, size_t n)
{
    lf_economy_path p;
    memset(&p, 0, sizeof p);
    strcpy(p.column, "gdp");
    p.ngrowth = n;
    memcpy(p.growth, g, n * sizeof *g);
    return p;
}

static lf_economy_path values_path(const int *years, const double *x, size_t n)
{
    lf_economy_path p;
    memset(&p, 0, sizeof p);
    strcpy(p.column, "gdp");
    p.nvalues = n;
    memcpy(p.value_years, years, n * sizeof *years);
    memcpy(p.values, x, n * sizeof *x);
    return p;
}

static void fill_ok(const lf_economy_path *p, lf_frame *f, lf_date first, lf_date last)
{
    lf_error err;
    int rc = lf_economy_fill(p, f, first, last, &err);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
}

/* ---- growth ------------------------------------------------------------------------ */

/* v0 = 100 on 2023-12-31, 5 % a year.  2024 is a leap year: each day multiplies
 * by 1.05^(1/366), so
 *   2024-01-01  100 * 1.05^(1/366)
 *   2024-07-01  day 183 of 2024 (31+29+31+30+31+30 = 182 days before it):
 *               100 * 1.05^(183/366) = 100 sqrt(1.05)
 *   2024-12-31  100 * 1.05 = 105                         (a whole leap year)
 *   2025-03-01  day 60 of 2025 (31+28 before it): 105 * 1.05^(60/365)
 *   2025-12-31  105 * 1.05 = 110.25 */
Test(economy_growth, compounds_across_a_leap_year)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2023, 12, 1), D(2025, 12, 31), &v);
    set(f, v, D(2023, 12, 30), 99);
    set(f, v, D(2023, 12, 31), 100);
    const double g[] = {0.05};
    lf_economy_path p = growth_path(g, 1);
    fill_ok(&p, f, D(2024, 1, 1), D(2025, 12, 31));
    NEAR(at(f, v, D(2024, 1, 1)), 100 * pow(1.05, 1.0 / 366));
    NEAR(at(f, v, D(2024, 7, 1)), 100 * sqrt(1.05));
    NEAR(at(f, v, D(2024, 12, 31)), 105);
    NEAR(at(f, v, D(2025, 3, 1)), 105 * pow(1.05, 60.0 / 365));
    NEAR(at(f, v, D(2025, 12, 31)), 110.25);
    /* history is not touched */
    cr_assert_eq(at(f, v, D(2023, 12, 31)), 100);
    cr_assert_eq(at(f, v, D(2023, 12, 30)), 99);
    lf_frame_free(f);
}

/* The closed form per year agrees with the documented daily recursion
 * v(d) = v(d-1) (1+g)^(1/days in year), stepped here one day at a time. */
Test(economy_growth, matches_the_daily_recursion)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2023, 6, 1), D(2026, 12, 31), &v);
    set(f, v, D(2023, 6, 10), 50);
    const double g[] = {0.03, -0.02, 0.07};
    lf_economy_path p = growth_path(g, 3);
    fill_ok(&p, f, D(2023, 6, 11), D(2026, 12, 31));
    double x = 50;
    for (lf_date d = D(2023, 6, 11); d <= D(2026, 12, 31); d++) {
        int y = lf_date_year(d), k = y - 2023 < 2 ? y - 2023 : 2; /* 2026 repeats g[2] */
        x *= pow(1 + g[k], 1.0 / lf_days_in_year(y));
        NEAR(at(f, v, d), x);
    }
    lf_frame_free(f);
}

/* Rates 10 %, 2 %: 2025 takes 10 %, 2026 and every later year the last, 2 %.
 *   2025-12-31  100 * 1.10 = 110
 *   2026-12-31  110 * 1.02 = 112.2
 *   2027-12-31  112.2 * 1.02 = 114.444
 *   2027-07-02  day 183 of 2027: 112.2 * 1.02^(183/365) */
Test(economy_growth, last_rate_repeats)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2024, 1, 1), D(2028, 12, 31), &v);
    set(f, v, D(2024, 12, 31), 100);
    const double g[] = {0.10, 0.02};
    lf_economy_path p = growth_path(g, 2);
    fill_ok(&p, f, D(2025, 1, 1), D(2027, 12, 31));
    NEAR(at(f, v, D(2025, 12, 31)), 110);
    NEAR(at(f, v, D(2026, 12, 31)), 112.2);
    NEAR(at(f, v, D(2027, 7, 2)), 112.2 * pow(1.02, 183.0 / 365));
    NEAR(at(f, v, D(2027, 12, 31)), 114.444);
    cr_assert(isnan(at(f, v, D(2028, 1, 1))), "days after last are not written");
    lf_frame_free(f);
}

/* A forecast starting mid-year: the first rate covers the rest of that year.
 * v0 = 200 on 2024-06-30; Jul 1..Dec 31 are 184 days of the 366:
 *   2024-12-31  200 * 1.05^(184/366);   2025-12-31  that * 1.01 (second rate) */
Test(economy_growth, mid_year_start)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2024, 1, 1), D(2025, 12, 31), &v);
    set(f, v, D(2024, 6, 30), 200);
    const double g[] = {0.05, 0.01};
    lf_economy_path p = growth_path(g, 2);
    fill_ok(&p, f, D(2024, 7, 1), D(2025, 12, 31));
    double dec31 = 200 * pow(1.05, 184.0 / 366);
    NEAR(at(f, v, D(2024, 12, 31)), dec31);
    NEAR(at(f, v, D(2025, 12, 31)), dec31 * 1.01);
    lf_frame_free(f);
}

/* Last known 2023-12-20 (= 80), forecast from 2024-01-01: the 11 days
 * 2023-12-21..31 grow at g_0 (5 %) in a 365-day year but are not written:
 *   2023-12-31 (internal) 80 * 1.05^(11/365)
 *   2024-12-31  80 * 1.05^(11/365) * 1.05;   2025-12-31  that * 1.10 */
Test(economy_growth, gap_before_first_grows_but_stays_unwritten)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2023, 12, 1), D(2025, 12, 31), &v);
    set(f, v, D(2023, 12, 20), 80);
    const double g[] = {0.05, 0.10};
    lf_economy_path p = growth_path(g, 2);
    fill_ok(&p, f, D(2024, 1, 1), D(2025, 12, 31));
    double start = 80 * pow(1.05, 11.0 / 365);
    NEAR(at(f, v, D(2024, 1, 1)), start * pow(1.05, 1.0 / 366));
    NEAR(at(f, v, D(2024, 12, 31)), start * 1.05);
    NEAR(at(f, v, D(2025, 12, 31)), start * 1.05 * 1.10);
    for (lf_date d = D(2023, 12, 21); d <= D(2023, 12, 31); d++)
        cr_assert(isnan(at(f, v, d)), "gap day %d written", (int)d);
    lf_frame_free(f);
}

/* ---- explicit values --------------------------------------------------------------- */

/* v0 = 100 on 2024-12-31; 2025 -> 110 at 2025-07-02, 2026 -> 130 at 2026-07-02;
 * the 2024 value (anchor 2024-07-02, before d0) is ignored.
 *   2024-12-31 .. 2025-07-02 is 183 days (31+28+31+30+31+30 = 181 to Jun 30)
 *   2025-01-01  100 + 10 * 1/183
 *   2025-03-01  100 + 10 * 60/183
 *   2025-07-02  110
 *   2025-07-02 .. 2026-07-02 is 365 days, 2025-07-02 .. 2026-01-01 is 183
 *   2026-01-01  110 + 20 * 183/365
 *   2026-07-02 and after: 130 */
Test(economy_values, interpolated_between_mid_year_anchors_and_held)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2024, 1, 1), D(2027, 12, 31), &v);
    set(f, v, D(2024, 12, 31), 100);
    const int years[] = {2024, 2025, 2026};
    const double x[] = {999, 110, 130};
    lf_economy_path p = values_path(years, x, 3);
    fill_ok(&p, f, D(2025, 1, 1), D(2027, 12, 31));
    NEAR(at(f, v, D(2025, 1, 1)), 100 + 10.0 / 183);
    NEAR(at(f, v, D(2025, 3, 1)), 100 + 10.0 * 60 / 183);
    cr_assert_eq(at(f, v, D(2025, 7, 2)), 110);
    NEAR(at(f, v, D(2026, 1, 1)), 110 + 20.0 * 183 / 365);
    cr_assert_eq(at(f, v, D(2026, 7, 2)), 130);
    cr_assert_eq(at(f, v, D(2026, 7, 3)), 130);
    cr_assert_eq(at(f, v, D(2027, 12, 31)), 130);
    lf_frame_free(f);
}

/* Interpolation starts from (d0, v0) even when the forecast starts later:
 * v0 = 100 on 2024-12-31, first 2025-03-01 (60 days on), anchor 2025-07-02. */
Test(economy_values, interpolates_from_d0_not_first)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2024, 1, 1), D(2025, 12, 31), &v);
    set(f, v, D(2024, 12, 31), 100);
    const int years[] = {2025};
    const double x[] = {110};
    lf_economy_path p = values_path(years, x, 1);
    fill_ok(&p, f, D(2025, 3, 1), D(2025, 12, 31));
    NEAR(at(f, v, D(2025, 3, 1)), 100 + 10.0 * 60 / 183);
    cr_assert(isnan(at(f, v, D(2025, 2, 28))));
    lf_frame_free(f);
}

/* Every anchor on or before d0: nothing ahead, so v0 is held. */
Test(economy_values, only_past_anchors_hold_v0)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2024, 1, 1), D(2025, 12, 31), &v);
    set(f, v, D(2024, 7, 2), 42);
    const int years[] = {2023, 2024};
    const double x[] = {1, 2};
    lf_economy_path p = values_path(years, x, 2);
    fill_ok(&p, f, D(2025, 1, 1), D(2025, 12, 31));
    cr_assert_eq(at(f, v, D(2025, 1, 1)), 42);
    cr_assert_eq(at(f, v, D(2025, 12, 31)), 42);
    lf_frame_free(f);
}

/* ---- default growth ---------------------------------------------------------------- */

static double default_growth_ok(const lf_frame *f, lf_date first)
{
    lf_error err;
    double g = NAN;
    int rc = lf_economy_default_growth(f, "gdp", first, &g, &err);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    return g;
}

/* 100 * 1.05^(year - 2020), constant within each year, 2020-01-01..2024-12-31.
 * d0 = 2024-12-31, history 1826 days = 4.999 years -> 3 years, 1096 days back
 * (round(1095.75)): 2021-12-31 (2024 is leap: 366 + 365 + 365).
 * g = (1.05^4 / 1.05^1)^(1/3) - 1 = 0.05. */
static lf_frame *yearly_steps(double **v)
{
    lf_frame *f = frame_with_gdp(D(2020, 1, 1), D(2025, 12, 31), v);
    for (lf_date d = D(2020, 1, 1); d <= D(2024, 12, 31); d++)
        set(f, *v, d, 100 * pow(1.05, lf_date_year(d) - 2020));
    return f;
}

Test(economy_default, three_years_of_yearly_steps)
{
    double *v;
    lf_frame *f = yearly_steps(&v);
    NEAR(default_growth_ok(f, D(2025, 1, 1)), 0.05);
    lf_frame_free(f);
}

/* NaN on the day 1096 days back and the next: the nearest known value after
 * it, 2022-01-02 = 100 * 1.05^2, is used: g = (1.05^4/1.05^2)^(1/3) - 1. */
Test(economy_default, missing_day_back_takes_next_known)
{
    double *v;
    lf_frame *f = yearly_steps(&v);
    set(f, v, D(2021, 12, 31), NAN);
    set(f, v, D(2022, 1, 1), NAN);
    NEAR(default_growth_ok(f, D(2025, 1, 1)), pow(1.05, 2.0 / 3) - 1);
    lf_frame_free(f);
}

/* Trailing NaN before first do not matter: d0 is the last known day.
 * first = 2025-06-01 with 2025 empty gives the same 0.05. */
Test(economy_default, d0_is_the_last_known_day)
{
    double *v;
    lf_frame *f = yearly_steps(&v);
    NEAR(default_growth_ok(f, D(2025, 6, 1)), 0.05);
    lf_frame_free(f);
}

/* Daily exponential v = 100 e^{r t}, t days since 2023-01-01, known through
 * 2024-12-31: 730 days = 1.998 years -> 1 year, 365 days back:
 * g = e^{365 r} - 1.  r = ln(1.04)/365.25, so g = 1.04^(365/365.25) - 1. */
Test(economy_default, one_whole_year_of_daily_exponential)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2023, 1, 1), D(2025, 12, 31), &v);
    double r = log(1.04) / 365.25;
    for (lf_date d = D(2023, 1, 1); d <= D(2024, 12, 31); d++)
        set(f, v, d, 100 * exp(r * (d - D(2023, 1, 1))));
    NEAR(default_growth_ok(f, D(2025, 1, 1)), pow(1.04, 365 / 365.25) - 1);
    lf_frame_free(f);
}

/* Leading NaN count as no history: known 2022-07-01..2024-12-31 is 914 days =
 * 2.50 years -> 2 years, round(730.5) = 731 days back = 2022-12-31.  With the
 * yearly steps 100 * 1.05^(year - 2020): g = (1.05^4/1.05^2)^(1/2) - 1 = 0.05. */
Test(economy_default, history_counts_from_first_known_day)
{
    double *v;
    lf_frame *f = yearly_steps(&v);
    for (lf_date d = D(2020, 1, 1); d < D(2022, 7, 1); d++)
        set(f, v, d, NAN);
    NEAR(default_growth_ok(f, D(2025, 1, 1)), 0.05);
    /* and 2024-12-31 - 731 is indeed 2022-12-31 */
    cr_assert_eq(D(2024, 12, 31) - 731, D(2022, 12, 31));
    lf_frame_free(f);
}

/* Under a year of history (2024-03-01..2024-12-31): growth 0. */
Test(economy_default, under_one_year_gives_zero)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2024, 1, 1), D(2025, 12, 31), &v);
    for (lf_date d = D(2024, 3, 1); d <= D(2024, 12, 31); d++)
        set(f, v, d, 100 + (d - D(2024, 3, 1)));
    cr_assert_eq(default_growth_ok(f, D(2025, 1, 1)), 0);
    lf_frame_free(f);
}

Test(economy_default, non_positive_values_are_an_error)
{
    double *v;
    lf_frame *f = yearly_steps(&v);
    set(f, v, D(2021, 12, 31), 0);
    lf_error err;
    double g = 123;
    cr_assert_eq(lf_economy_default_growth(f, "gdp", D(2025, 1, 1), &g, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "positive") && strstr(err.message, "gdp"), "%s",
              err.message);
    cr_assert_eq(g, 123, "growth untouched on error");
    lf_frame_free(f);
}

/* ---- errors -------------------------------------------------------------------------- */

Test(economy_errors, missing_column)
{
    double *v;
    lf_frame *f = yearly_steps(&v);
    const double g1[] = {0.05};
    lf_economy_path p = growth_path(g1, 1);
    strcpy(p.column, "cpi");
    lf_error err;
    cr_assert_eq(lf_economy_fill(&p, f, D(2025, 1, 1), D(2025, 12, 31), &err),
                 LF_ERR_NOTFOUND);
    cr_assert(strstr(err.message, "'cpi'"), "%s", err.message);
    double g;
    cr_assert_eq(lf_economy_default_growth(f, "cpi", D(2025, 1, 1), &g, &err),
                 LF_ERR_NOTFOUND);
    cr_assert(strstr(err.message, "'cpi'"), "%s", err.message);
    lf_frame_free(f);
}

Test(economy_errors, no_known_value_before_first)
{
    double *v;
    lf_frame *f = frame_with_gdp(D(2024, 1, 1), D(2025, 12, 31), &v);
    set(f, v, D(2025, 2, 1), 7); /* only after first: does not count */
    const double g1[] = {0.05};
    lf_economy_path p = growth_path(g1, 1);
    lf_error err;
    cr_assert_eq(lf_economy_fill(&p, f, D(2025, 1, 1), D(2025, 12, 31), &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "'gdp'") && strstr(err.message, "2025-01-01"), "%s",
              err.message);
    double g;
    cr_assert_eq(lf_economy_default_growth(f, "gdp", D(2025, 1, 1), &g, &err), LF_ERR_DATA);
    /* first on the frame's first day: nothing before it at all */
    cr_assert_eq(lf_economy_fill(&p, f, D(2024, 1, 1), D(2024, 12, 31), &err), LF_ERR_DATA);
    lf_frame_free(f);
}

Test(economy_errors, days_outside_the_frame)
{
    double *v;
    lf_frame *f = yearly_steps(&v);
    const double g1[] = {0.05};
    lf_economy_path p = growth_path(g1, 1);
    lf_error err;
    cr_assert_eq(lf_economy_fill(&p, f, D(2025, 1, 1), D(2026, 1, 1), &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'gdp'"), "%s", err.message);
    cr_assert_eq(lf_economy_fill(&p, f, D(2025, 6, 1), D(2025, 5, 1), &err), LF_ERR_ARG);
    cr_assert_eq(lf_economy_fill(&p, NULL, D(2025, 1, 1), D(2025, 2, 1), &err), LF_ERR_ARG);
    /* nothing was written */
    cr_assert(isnan(at(f, v, D(2025, 1, 1))));
    lf_frame_free(f);
}

/* check() returns LF_ERR_ARG naming the column, and fill refuses the same path. */
static void expect_bad(const lf_economy_path *p, const char *needle)
{
    lf_error err;
    cr_assert_eq(lf_economy_path_check(p, &err), LF_ERR_ARG, "accepted (want '%s')", needle);
    cr_assert(strstr(err.message, needle), "message '%s' lacks '%s'", err.message, needle);
    double *v;
    lf_frame *f = yearly_steps(&v);
    cr_assert_eq(lf_economy_fill(p, f, D(2025, 1, 1), D(2025, 12, 31), &err), LF_ERR_ARG);
    cr_assert(isnan(at(f, v, D(2025, 1, 1))));
    lf_frame_free(f);
}

Test(economy_errors, bad_paths)
{
    const double g1[] = {0.05};
    const int y2[] = {2025, 2026};
    const double x2[] = {1, 2};
    lf_economy_path ok = growth_path(g1, 1), p;
    lf_error err;
    cr_assert_eq(lf_economy_path_check(&ok, &err), LF_OK, "%s", err.message);
    lf_economy_path okv = values_path(y2, x2, 2);
    cr_assert_eq(lf_economy_path_check(&okv, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_economy_path_check(NULL, &err), LF_ERR_ARG);

    p = ok; p.column[0] = '\0';
    expect_bad(&p, "column");
    p = ok; memset(p.column, 'x', sizeof p.column);
    expect_bad(&p, "longer");
    p = ok; p.nvalues = 1; p.value_years[0] = 2025;
    expect_bad(&p, "not both");
    p = ok; p.ngrowth = 0;
    expect_bad(&p, "neither");
    p = ok; p.ngrowth = LF_ECONOMY_YEARS + 1;
    expect_bad(&p, "at most");
    p = okv; p.nvalues = LF_ECONOMY_YEARS + 1;
    expect_bad(&p, "at most");
    p = ok; p.growth[0] = -1;
    expect_bad(&p, "above -1");
    p = ok; p.growth[0] = NAN;
    expect_bad(&p, "'gdp'");
    p = ok; p.growth[0] = INFINITY;
    expect_bad(&p, "finite");
    p = okv; p.value_years[1] = 2025;
    expect_bad(&p, "increase");
    p = okv; p.value_years[0] = 0;
    expect_bad(&p, "1..9999");
    p = okv; p.values[1] = NAN;
    expect_bad(&p, "2026");
}
