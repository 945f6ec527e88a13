/* test_weather_scenarios.c - weather scenarios (libforecast/forecast/
 * weather_scenarios.c, weather_normal.c): the spec, source dates and the leap
 * day rule, choosing source years, the (start, shift) scenarios and their
 * order, filling a frame, and day-of-year normal weather.
 *
 * The weather frames are built by hand with every value equal to its own day
 * number (tmean_c = date, rh_pct = -date), so a filled value names exactly the
 * source date it came from. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "libforecast/scenario.h"

static const char *const TMEAN[] = {"tmean_c"};
static const char *const BOTH[] = {"tmean_c", "rh_pct"};

static lf_date ymd(int y, int m, int d)
{
    return lf_date_from_ymd(y, m, d);
}

/* Days first..last with tmean_c = date and rh_pct = -date. */
static lf_frame *weather_frame(lf_date first, lf_date last)
{
    lf_error err;
    lf_frame *f = lf_frame_new(first, (size_t)(last - first) + 1, &err);
    cr_assert_not_null(f, "lf_frame_new: %s", err.message);
    double *t = lf_frame_add_column(f, "tmean_c", "degC", &err);
    double *h = lf_frame_add_column(f, "rh_pct", "%", &err);
    cr_assert(t && h, "%s", err.message);
    for (size_t r = 0; r < f->ndays; r++) {
        t[r] = (double)(first + (lf_date)r);
        h[r] = -(double)(first + (lf_date)r);
    }
    return f;
}

/* An empty destination frame (all NaN) with the given columns. */
static lf_frame *dst_frame(lf_date first, lf_date last, const char *const *names, size_t n)
{
    lf_error err;
    lf_frame *f = lf_frame_new(first, (size_t)(last - first) + 1, &err);
    cr_assert_not_null(f, "lf_frame_new: %s", err.message);
    for (size_t c = 0; c < n; c++)
        cr_assert_not_null(lf_frame_add_column(f, names[c], "", &err), "%s", err.message);
    return f;
}

static lf_weather_scenarios *build(const lf_weather_spec *spec, const lf_frame *w,
                                   const char *const *cols, size_t ncols, lf_date first,
                                   lf_date last)
{
    lf_error err;
    lf_weather_scenarios *ws = NULL;
    int rc = lf_weather_scenarios_new(spec, w, cols, ncols, first, last, &ws, &err);
    cr_assert_eq(rc, LF_OK, "lf_weather_scenarios_new: %s", err.message);
    cr_assert_not_null(ws);
    return ws;
}

/* Value of column name on day d of frame f. */
static double at(const lf_frame *f, const char *name, lf_date d)
{
    long r = lf_frame_row(f, d);
    cr_assert_geq(r, 0, "day outside the frame");
    return lf_frame_column(f, name)[r];
}

/* ---- spec ------------------------------------------------------------------------- */

Test(weather, kind_names)
{
    cr_assert_str_eq(lf_normal_kind_name(LF_NORMAL_SCENARIO_MEAN), "scenario_mean");
    cr_assert_str_eq(lf_normal_kind_name(LF_NORMAL_DAY_MEAN), "day_mean");
    cr_assert_not_null(lf_normal_kind_name((lf_normal_kind)7));
}

Test(weather, spec_defaults)
{
    lf_weather_spec s;
    memset(&s, 0x5a, sizeof s);
    lf_weather_spec_init(&s);
    cr_assert_eq(s.first_year, 0);
    cr_assert_eq(s.last_year, 0);
    cr_assert_eq(s.shift_days, 0);
    cr_assert_eq(s.normal, LF_NORMAL_SCENARIO_MEAN);
    cr_assert_eq(s.normal_years, 30);
    cr_assert_eq(s.normal_window, 7);
    cr_assert_eq(lf_weather_spec_check(&s, NULL), LF_OK);
}

/* Each bad field fails with LF_ERR_ARG and a message naming it. */
static void expect_bad(lf_weather_spec s, const char *field)
{
    lf_error err;
    cr_assert_eq(lf_weather_spec_check(&s, &err), LF_ERR_ARG, "%s accepted", field);
    cr_assert_eq(err.code, LF_ERR_ARG);
    cr_assert_not_null(strstr(err.message, field), "message '%s' lacks %s", err.message,
                       field);
}

Test(weather, spec_check)
{
    lf_weather_spec s, b;
    lf_weather_spec_init(&s);
    b = s; b.shift_days = 16; expect_bad(b, "shift_days");
    b = s; b.shift_days = -1; expect_bad(b, "shift_days");
    b = s; b.normal_years = 0; expect_bad(b, "normal_years");
    b = s; b.normal_years = 201; expect_bad(b, "normal_years");
    b = s; b.normal_window = -1; expect_bad(b, "normal_window");
    b = s; b.normal_window = 31; expect_bad(b, "normal_window");
    b = s; b.first_year = 2012; b.last_year = 2011; expect_bad(b, "first_year");
    b = s; b.first_year = -5; expect_bad(b, "first_year");
    b = s; b.normal = (lf_normal_kind)9; expect_bad(b, "normal");
    /* The limits themselves are fine, and a single bound is fine. */
    b = s; b.shift_days = 15; b.normal_years = 200; b.normal_window = 30;
    cr_assert_eq(lf_weather_spec_check(&b, NULL), LF_OK);
    b = s; b.normal_years = 1; b.normal_window = 0; b.first_year = 2012;
    cr_assert_eq(lf_weather_spec_check(&b, NULL), LF_OK);
    b = s; b.last_year = 1990;
    cr_assert_eq(lf_weather_spec_check(&b, NULL), LF_OK);
    b = s; b.first_year = 2011; b.last_year = 2011;
    cr_assert_eq(lf_weather_spec_check(&b, NULL), LF_OK);
}

/* ---- source dates ------------------------------------------------------------------- */

Test(weather, source_date_leap_rule)
{
    /* Leap forecast day, non-leap source year: the source's 28 February. */
    cr_assert_eq(lf_weather_source_date(ymd(2028, 2, 29), 2010, 0), ymd(2010, 2, 28));
    cr_assert_eq(lf_weather_source_date(ymd(2028, 3, 1), 2010, 0), ymd(2010, 3, 1));
    cr_assert_eq(lf_weather_source_date(ymd(2028, 2, 28), 2010, 0), ymd(2010, 2, 28));
    /* Leap source year: 29 February is used only by a leap forecast year, and a
     * non-leap forecast year's 1 March stays 1 March (no off-by-one). */
    cr_assert_eq(lf_weather_source_date(ymd(2028, 2, 29), 2012, 0), ymd(2012, 2, 29));
    cr_assert_eq(lf_weather_source_date(ymd(2027, 3, 1), 2012, 0), ymd(2012, 3, 1));
    cr_assert_eq(lf_weather_source_date(ymd(2027, 2, 28), 2012, 0), ymd(2012, 2, 28));
    cr_assert_eq(lf_weather_source_date(ymd(2027, 12, 31), 2012, 0), ymd(2012, 12, 31));
    /* The shift applies after the leap rule and may cross a year end. */
    cr_assert_eq(lf_weather_source_date(ymd(2028, 2, 29), 2010, 1), ymd(2010, 3, 1));
    cr_assert_eq(lf_weather_source_date(ymd(2028, 2, 29), 2010, -3), ymd(2010, 2, 25));
    cr_assert_eq(lf_weather_source_date(ymd(2030, 12, 31), 2010, 2), ymd(2011, 1, 2));
    cr_assert_eq(lf_weather_source_date(ymd(2030, 1, 1), 2010, -1), ymd(2009, 12, 31));
}

/* ---- filling keeps the forecast calendar -------------------------------------------- */

/* Forecast 2028 (leap) from source 2010: every row keeps its forecast date,
 * only the weather comes from 2010. */
Test(weather, fill_leap_forecast_from_common_year)
{
    lf_frame *w = weather_frame(ymd(2010, 1, 1), ymd(2010, 12, 31));
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    lf_date first = ymd(2028, 1, 1), last = ymd(2028, 12, 31);
    lf_weather_scenarios *ws = build(&spec, w, TMEAN, 1, first, last);
    cr_assert_eq(ws->nsource, 1);
    cr_assert_eq(ws->source_years[0], 2010);
    cr_assert_eq(ws->n, 1);
    cr_assert_eq(ws->first_year, 2028);

    lf_frame *dst = dst_frame(first, last, BOTH, 2);
    lf_error err;
    cr_assert_eq(lf_weather_fill(ws, 0, w, BOTH, 2, dst, first, last, &err), LF_OK, "%s",
                 err.message);
    /* The calendar is the forecast's: 366 rows from 2028-01-01, row 59 is
     * Tuesday 29 February 2028 and it holds Sunday 28 February 2010. */
    cr_assert_eq(dst->start, first);
    cr_assert_eq(dst->ndays, 366);
    cr_assert_eq(lf_frame_row(dst, ymd(2028, 2, 29)), 59);
    cr_assert_eq(lf_date_weekday(dst->start + 59), LF_TUESDAY);
    cr_assert_eq(lf_date_weekday(ymd(2010, 2, 28)), LF_SUNDAY);
    cr_assert_eq(at(dst, "tmean_c", ymd(2028, 2, 29)), (double)ymd(2010, 2, 28));
    cr_assert_eq(at(dst, "rh_pct", ymd(2028, 2, 29)), -(double)ymd(2010, 2, 28));
    cr_assert_eq(at(dst, "tmean_c", ymd(2028, 2, 28)), (double)ymd(2010, 2, 28));
    cr_assert_eq(at(dst, "tmean_c", ymd(2028, 3, 1)), (double)ymd(2010, 3, 1));
    cr_assert_eq(at(dst, "tmean_c", ymd(2028, 12, 31)), (double)ymd(2010, 12, 31));
    /* Every row: same month and day in 2010. */
    for (lf_date d = first; d <= last; d++)
        cr_assert_eq(at(dst, "tmean_c", d), (double)lf_weather_source_date(d, 2010, 0),
                     "row %ld", (long)(d - first));
    lf_frame_free(dst);
    lf_weather_scenarios_free(ws);
    lf_frame_free(w);
}

/* Forecast 2027 (common) from source 2012 (leap): 29 Feb 2012 is never used. */
Test(weather, fill_common_forecast_from_leap_year)
{
    lf_frame *w = weather_frame(ymd(2012, 1, 1), ymd(2012, 12, 31));
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    lf_date first = ymd(2027, 1, 1), last = ymd(2027, 12, 31);
    lf_weather_scenarios *ws = build(&spec, w, TMEAN, 1, first, last);
    lf_frame *dst = dst_frame(first, last, TMEAN, 1);
    cr_assert_eq(lf_weather_fill(ws, 0, w, TMEAN, 1, dst, first, last, NULL), LF_OK);
    cr_assert_eq(at(dst, "tmean_c", ymd(2027, 2, 28)), (double)ymd(2012, 2, 28));
    cr_assert_eq(at(dst, "tmean_c", ymd(2027, 3, 1)), (double)ymd(2012, 3, 1));
    cr_assert_eq(at(dst, "tmean_c", ymd(2027, 12, 31)), (double)ymd(2012, 12, 31));
    for (lf_date d = first; d <= last; d++)
        cr_assert_neq(at(dst, "tmean_c", d), (double)ymd(2012, 2, 29));
    lf_frame_free(dst);
    lf_weather_scenarios_free(ws);
    lf_frame_free(w);
}

/* ---- multi-year forecasts ------------------------------------------------------------ */

Test(weather, multi_year_wraps_through_history)
{
    lf_frame *w = weather_frame(ymd(2010, 1, 1), ymd(2012, 12, 31));
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    lf_date first = ymd(2030, 6, 1), last = ymd(2034, 1, 31);
    lf_weather_scenarios *ws = build(&spec, w, BOTH, 2, first, last);
    cr_assert_eq(ws->nsource, 3);
    cr_assert_eq(ws->n, 3);
    for (int j = 0; j < 3; j++) {
        cr_assert_eq(ws->source_years[j], 2010 + j);
        cr_assert_eq(ws->start[j], j);
        cr_assert_eq(ws->shift[j], 0);
    }
    const int want[] = {2011, 2012, 2010, 2011, 2012}; /* 2030..2034, scenario 1 */
    for (int k = 0; k < 5; k++)
        cr_assert_eq(lf_weather_scenario_year(ws, 1, 2030 + k), want[k], "year %d", 2030 + k);
    /* Years before the forecast walk back cyclically (warm-up). */
    cr_assert_eq(lf_weather_scenario_year(ws, 1, 2029), 2010);
    cr_assert_eq(lf_weather_scenario_year(ws, 0, 2029), 2012);
    cr_assert_eq(lf_weather_scenario_year(ws, 0, 2028), 2011);
    cr_assert_eq(lf_weather_scenario_year(ws, 0, 2027), 2010);
    cr_assert_eq(lf_weather_scenario_year(ws, 2, 2030), 2012);
    cr_assert_eq(lf_weather_scenario_year(ws, 2, 2031), 2010);

    lf_frame *dst = dst_frame(first, last, TMEAN, 1);
    cr_assert_eq(lf_weather_fill(ws, 1, w, TMEAN, 1, dst, first, last, NULL), LF_OK);
    cr_assert_eq(at(dst, "tmean_c", ymd(2030, 6, 1)), (double)ymd(2011, 6, 1));
    cr_assert_eq(at(dst, "tmean_c", ymd(2030, 12, 31)), (double)ymd(2011, 12, 31));
    cr_assert_eq(at(dst, "tmean_c", ymd(2031, 1, 1)), (double)ymd(2012, 1, 1));
    cr_assert_eq(at(dst, "tmean_c", ymd(2031, 12, 31)), (double)ymd(2012, 12, 31));
    cr_assert_eq(at(dst, "tmean_c", ymd(2032, 1, 1)), (double)ymd(2010, 1, 1));
    cr_assert_eq(at(dst, "tmean_c", ymd(2032, 2, 29)), (double)ymd(2010, 2, 28));
    cr_assert_eq(at(dst, "tmean_c", ymd(2033, 7, 4)), (double)ymd(2011, 7, 4));
    cr_assert_eq(at(dst, "tmean_c", ymd(2034, 1, 31)), (double)ymd(2012, 1, 31));
    lf_frame_free(dst);
    lf_weather_scenarios_free(ws);
    lf_frame_free(w);
}

/* ---- choosing source years ------------------------------------------------------------ */

static void expect_years(const lf_weather_scenarios *ws, const int *years, size_t n)
{
    cr_assert_eq(ws->nsource, n, "nsource %zu, expected %zu", ws->nsource, n);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(ws->source_years[i], years[i], "source year %zu", i);
    cr_assert_eq(ws->n, n, "unshifted: one scenario per source year");
}

Test(weather, incomplete_years_excluded)
{
    /* 2009 and 2013 are partial; a NaN removes 2011, then one in rh_pct 2012. */
    lf_frame *w = weather_frame(ymd(2009, 7, 1), ymd(2013, 3, 31));
    lf_frame_column(w, "tmean_c")[lf_frame_row(w, ymd(2011, 5, 5))] = NAN;
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    lf_date first = ymd(2030, 1, 1), last = ymd(2030, 12, 31);

    lf_weather_scenarios *ws = build(&spec, w, BOTH, 2, first, last);
    expect_years(ws, (const int[]){2010, 2012}, 2);
    lf_weather_scenarios_free(ws);

    lf_frame_column(w, "rh_pct")[lf_frame_row(w, ymd(2012, 12, 31))] = NAN;
    ws = build(&spec, w, BOTH, 2, first, last);
    expect_years(ws, (const int[]){2010}, 1);
    lf_weather_scenarios_free(ws);
    /* Only the named columns count. */
    ws = build(&spec, w, TMEAN, 1, first, last);
    expect_years(ws, (const int[]){2010, 2012}, 2);
    lf_weather_scenarios_free(ws);
    /* Bounds. */
    spec.first_year = 2011;
    ws = build(&spec, w, TMEAN, 1, first, last);
    expect_years(ws, (const int[]){2012}, 1);
    lf_weather_scenarios_free(ws);
    spec.first_year = 0;
    spec.last_year = 2011;
    ws = build(&spec, w, TMEAN, 1, first, last);
    expect_years(ws, (const int[]){2010}, 1);
    lf_weather_scenarios_free(ws);
    lf_frame_free(w);
}

/* ---- shifts and the scenario order ---------------------------------------------------- */

static void expect_order(const lf_weather_scenarios *ws, const int (*want)[2], size_t n)
{
    cr_assert_eq(ws->n, n, "n = %zu, expected %zu", ws->n, n);
    for (size_t j = 0; j < n; j++) {
        cr_assert_eq(ws->start[j], want[j][0], "scenario %zu start", j);
        cr_assert_eq(ws->shift[j], want[j][1], "scenario %zu shift", j);
    }
}

Test(weather, shifted_scenarios_dropped_at_frame_edge)
{
    /* History 2010..2012 only: 2010 cannot shift back (2009-12-31 missing),
     * 2012 cannot shift forward (2013-01-01 missing). */
    lf_frame *w = weather_frame(ymd(2010, 1, 1), ymd(2012, 12, 31));
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    spec.shift_days = 2;
    lf_date first = ymd(2030, 1, 1), last = ymd(2030, 12, 31);
    lf_weather_scenarios *ws = build(&spec, w, BOTH, 2, first, last);
    static const int want[][2] = {{0, 0},  {1, 0},  {2, 0},  {1, -1}, {2, -1}, {0, 1},
                                  {1, 1},  {1, -2}, {2, -2}, {0, 2},  {1, 2}};
    expect_order(ws, want, 11);

    /* Fill the (start 0, shift +2) scenario: it runs into 2011 at the end. */
    lf_frame *dst = dst_frame(first, last, TMEAN, 1);
    cr_assert_eq(lf_weather_fill(ws, 9, w, TMEAN, 1, dst, first, last, NULL), LF_OK);
    cr_assert_eq(at(dst, "tmean_c", ymd(2030, 1, 1)), (double)ymd(2010, 1, 3));
    cr_assert_eq(at(dst, "tmean_c", ymd(2030, 12, 31)), (double)ymd(2011, 1, 2));
    /* (start 1, shift -2): 2030-01-01 takes 2010-12-30. */
    cr_assert_eq(lf_weather_fill(ws, 7, w, TMEAN, 1, dst, first, last, NULL), LF_OK);
    cr_assert_eq(at(dst, "tmean_c", ymd(2030, 1, 1)), (double)ymd(2010, 12, 30));
    lf_frame_free(dst);
    lf_weather_scenarios_free(ws);

    /* A forecast away from the year ends keeps every shift: 3 x 5, in order. */
    ws = build(&spec, w, BOTH, 2, ymd(2030, 3, 1), ymd(2030, 10, 31));
    static const int all[][2] = {{0, 0},  {1, 0},  {2, 0},  {0, -1}, {1, -1},
                                 {2, -1}, {0, 1},  {1, 1},  {2, 1},  {0, -2},
                                 {1, -2}, {2, -2}, {0, 2},  {1, 2},  {2, 2}};
    expect_order(ws, all, 15);
    lf_weather_scenarios_free(ws);
    lf_frame_free(w);
}

/* A NaN next to a source year drops only the shifts that reach it. */
Test(weather, shift_blocked_by_missing_value)
{
    lf_frame *w = weather_frame(ymd(2009, 12, 1), ymd(2011, 1, 31));
    lf_frame_column(w, "rh_pct")[lf_frame_row(w, ymd(2009, 12, 30))] = NAN;
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    spec.shift_days = 2;
    lf_date first = ymd(2030, 1, 1), last = ymd(2030, 12, 31);
    lf_weather_scenarios *ws = build(&spec, w, BOTH, 2, first, last);
    cr_assert_eq(ws->nsource, 1);
    cr_assert_eq(ws->source_years[0], 2010);
    static const int want[][2] = {{0, 0}, {0, -1}, {0, 1}, {0, 2}}; /* -2 reaches the NaN */
    expect_order(ws, want, 4);
    lf_weather_scenarios_free(ws);
    /* tmean_c alone has no gap: all five shifts stay. */
    ws = build(&spec, w, TMEAN, 1, first, last);
    static const int all[][2] = {{0, 0}, {0, -1}, {0, 1}, {0, -2}, {0, 2}};
    expect_order(ws, all, 5);
    lf_weather_scenarios_free(ws);
    lf_frame_free(w);
}

Test(weather, warm_up_days_before_first)
{
    lf_frame *w = weather_frame(ymd(2010, 1, 1), ymd(2012, 12, 31));
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    spec.shift_days = 1;
    lf_date first = ymd(2030, 1, 1), last = ymd(2030, 12, 31);
    lf_weather_scenarios *ws = build(&spec, w, TMEAN, 1, first, last);
    static const int want[][2] = {{0, 0}, {1, 0}, {2, 0}, {1, -1}, {2, -1}, {0, 1}, {1, 1}};
    expect_order(ws, want, 7);

    lf_frame *dst = dst_frame(ymd(2029, 12, 1), last, TMEAN, 1);
    cr_assert_eq(lf_weather_fill(ws, 0, w, TMEAN, 1, dst, ymd(2029, 12, 25), ymd(2030, 1, 5),
                                 NULL), LF_OK);
    /* 2029 is one year before the first: cyclically the newest source year. */
    cr_assert_eq(at(dst, "tmean_c", ymd(2029, 12, 25)), (double)ymd(2012, 12, 25));
    cr_assert_eq(at(dst, "tmean_c", ymd(2029, 12, 31)), (double)ymd(2012, 12, 31));
    cr_assert_eq(at(dst, "tmean_c", ymd(2030, 1, 1)), (double)ymd(2010, 1, 1));
    cr_assert_eq(at(dst, "tmean_c", ymd(2030, 1, 5)), (double)ymd(2010, 1, 5));
    cr_assert(isnan(at(dst, "tmean_c", ymd(2029, 12, 24))), "outside first..last untouched");
    cr_assert(isnan(at(dst, "tmean_c", ymd(2030, 1, 6))), "outside first..last untouched");
    /* (start 0, shift +1): the warm-up's last day reaches past the history. */
    cr_assert_eq(lf_weather_fill(ws, 5, w, TMEAN, 1, dst, ymd(2029, 12, 30), ymd(2030, 1, 1),
                                 NULL), LF_OK);
    cr_assert_eq(at(dst, "tmean_c", ymd(2029, 12, 30)), (double)ymd(2012, 12, 31));
    cr_assert(isnan(at(dst, "tmean_c", ymd(2029, 12, 31))), "2013-01-01 has no weather");
    cr_assert_eq(at(dst, "tmean_c", ymd(2030, 1, 1)), (double)ymd(2010, 1, 2));
    lf_frame_free(dst);
    lf_weather_scenarios_free(ws);
    lf_frame_free(w);
}

/* ---- normal weather ------------------------------------------------------------------ */

static lf_weather_scenarios *normal_setup(lf_frame **w)
{
    *w = weather_frame(ymd(2001, 1, 1), ymd(2010, 12, 31));
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    return build(&spec, *w, TMEAN, 1, ymd(2031, 1, 1), ymd(2032, 12, 31));
}

static double fill_normal_one(const lf_weather_scenarios *ws, const lf_frame *w,
                              int years, int window, const char *col, lf_date d)
{
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    spec.normal = LF_NORMAL_DAY_MEAN;
    spec.normal_years = years;
    spec.normal_window = window;
    const char *const cols[] = {col};
    lf_frame *dst = dst_frame(d, d, cols, 1);
    lf_error err;
    cr_assert_eq(lf_weather_fill_normal(ws, &spec, w, cols, 1, dst, d, d, &err), LF_OK, "%s",
                 err.message);
    double v = at(dst, col, d);
    lf_frame_free(dst);
    return v;
}

/* On a linear series a symmetric window averages to its centre, so the normal is
 * the mean of the source dates themselves. */
Test(weather, normal_linear_series)
{
    lf_frame *w;
    lf_weather_scenarios *ws = normal_setup(&w);
    cr_assert_eq(ws->nsource, 10);
    double s3 = (double)ymd(2008, 6, 15) + ymd(2009, 6, 15) + ymd(2010, 6, 15);
    cr_assert_float_eq(fill_normal_one(ws, w, 3, 2, "tmean_c", ymd(2031, 6, 15)), s3 / 3,
                       1e-9);
    cr_assert_eq(fill_normal_one(ws, w, 1, 7, "tmean_c", ymd(2031, 6, 15)),
                 (double)ymd(2010, 6, 15));
    /* Window over a year end inside the history: all five days count. */
    cr_assert_eq(fill_normal_one(ws, w, 1, 2, "tmean_c", ymd(2031, 1, 1)),
                 (double)ymd(2010, 1, 1));
    /* At the history's end only 29..31 Dec 2010 exist: their mean is the 30th. */
    cr_assert_eq(fill_normal_one(ws, w, 1, 2, "tmean_c", ymd(2031, 12, 31)),
                 (double)ymd(2010, 12, 30));
    /* normal_years above nsource uses all ten; at the start 2001-01-01..03 count. */
    double s10 = 0;
    for (int y = 2001; y <= 2010; y++)
        s10 += (double)ymd(y, 1, 1);
    cr_assert_float_eq(fill_normal_one(ws, w, 50, 0, "tmean_c", ymd(2031, 1, 1)), s10 / 10,
                       1e-9);
    double edge = 5 * (s10 - ymd(2001, 1, 1)) + 3 * ((double)ymd(2001, 1, 1) + 1);
    cr_assert_float_eq(fill_normal_one(ws, w, 10, 2, "tmean_c", ymd(2031, 1, 1)),
                       edge / 48, 1e-9);
    /* Forecast 29 Feb: 2008 is leap, 2009 and 2010 give 28 Feb. */
    double feb = (double)ymd(2008, 2, 29) + ymd(2009, 2, 28) + ymd(2010, 2, 28);
    cr_assert_float_eq(fill_normal_one(ws, w, 3, 0, "tmean_c", ymd(2032, 2, 29)), feb / 3,
                       1e-9);
    lf_weather_scenarios_free(ws);
    lf_frame_free(w);
}

Test(weather, normal_skips_missing)
{
    lf_frame *w;
    lf_weather_scenarios *ws = normal_setup(&w);
    lf_error err;
    /* Columns not used to choose the years may have gaps. */
    double *rain = lf_frame_add_column(w, "rain_mm", "mm", &err);
    double *wind = lf_frame_add_column(w, "wind_ms", "m/s", &err);
    cr_assert(rain && wind);
    for (size_t r = 0; r < w->ndays; r++)
        rain[r] = (double)(w->start + (lf_date)r);
    rain[lf_frame_row(w, ymd(2010, 6, 14))] = NAN;
    cr_assert_eq(fill_normal_one(ws, w, 1, 1, "rain_mm", ymd(2031, 6, 15)),
                 (double)ymd(2010, 6, 15) + 0.5);
    cr_assert(isnan(fill_normal_one(ws, w, 3, 3, "wind_ms", ymd(2031, 6, 15))),
              "all missing gives NaN");
    lf_weather_scenarios_free(ws);
    lf_frame_free(w);
}

/* ---- errors ------------------------------------------------------------------------- */

Test(weather, new_errors)
{
    lf_frame *w = weather_frame(ymd(2005, 1, 1), ymd(2024, 12, 31));
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    lf_weather_scenarios *ws = (lf_weather_scenarios *)&spec; /* must be reset to NULL */
    lf_error err;
    const char *const missing[] = {"tmean_c", "ghi_wm2"};
    lf_date first = ymd(2030, 1, 1), last = ymd(2031, 12, 31);

    cr_assert_eq(lf_weather_scenarios_new(&spec, w, missing, 2, first, last, &ws, &err),
                 LF_ERR_NOTFOUND);
    cr_assert_null(ws);
    cr_assert_not_null(strstr(err.message, "'ghi_wm2'"), "%s", err.message);

    spec.first_year = 2030;
    spec.last_year = 2031;
    cr_assert_eq(lf_weather_scenarios_new(&spec, w, TMEAN, 1, first, last, &ws, &err),
                 LF_ERR_DATA);
    cr_assert_str_eq(err.message, "no complete year of tmean_c in 2005..2024 within "
                                  "2030..2031: the frame has no year inside the bounds");

    /* Every year has a gap: the message shows the first one. */
    spec.first_year = 0;
    spec.last_year = 0;
    double *t = lf_frame_column(w, "tmean_c");
    for (int y = 2005; y <= 2024; y++)
        t[lf_frame_row(w, ymd(y, 3, 4))] = NAN;
    cr_assert_eq(lf_weather_scenarios_new(&spec, w, BOTH, 2, first, last, &ws, &err),
                 LF_ERR_DATA);
    cr_assert_str_eq(err.message, "no complete year of tmean_c, rh_pct in 2005..2024: every "
                                  "year misses a day (2005: 2005-03-04 has NaN)");
    cr_assert_null(ws);

    spec.shift_days = 16;
    cr_assert_eq(lf_weather_scenarios_new(&spec, w, TMEAN, 1, first, last, &ws, &err),
                 LF_ERR_ARG);
    spec.shift_days = 0;
    cr_assert_eq(lf_weather_scenarios_new(&spec, w, TMEAN, 1, last, first, &ws, &err),
                 LF_ERR_ARG);
    cr_assert_eq(lf_weather_scenarios_new(&spec, NULL, TMEAN, 1, first, last, &ws, &err),
                 LF_ERR_ARG);
    cr_assert_eq(lf_weather_scenarios_new(&spec, w, TMEAN, 1, first, last, NULL, &err),
                 LF_ERR_ARG);
    lf_weather_scenarios_free(NULL);
    lf_frame_free(w);
}

/* A history that starts mid-year says the missing day is outside the frame. */
Test(weather, no_year_outside_frame_message)
{
    lf_frame *w = weather_frame(ymd(2009, 7, 1), ymd(2010, 6, 30));
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    lf_weather_scenarios *ws = NULL;
    lf_error err;
    cr_assert_eq(lf_weather_scenarios_new(&spec, w, TMEAN, 1, ymd(2030, 1, 1),
                                          ymd(2030, 1, 1), &ws, &err), LF_ERR_DATA);
    cr_assert_str_eq(err.message, "no complete year of tmean_c in 2009..2010: every year "
                                  "misses a day (2009: 2009-01-01 is outside the frame)");
    cr_assert_null(ws);
    lf_frame_free(w);
}

Test(weather, fill_errors)
{
    lf_frame *w = weather_frame(ymd(2010, 1, 1), ymd(2010, 12, 31));
    lf_weather_spec spec;
    lf_weather_spec_init(&spec);
    lf_date first = ymd(2030, 1, 1), last = ymd(2030, 1, 31);
    lf_weather_scenarios *ws = build(&spec, w, TMEAN, 1, first, last);
    lf_frame *dst = dst_frame(first, last, TMEAN, 1);
    lf_error err;

    cr_assert_eq(lf_weather_fill(ws, 1, w, TMEAN, 1, dst, first, last, &err), LF_ERR_ARG);
    cr_assert_eq(lf_weather_fill(ws, 0, w, TMEAN, 1, dst, first, last + 1, &err), LF_ERR_ARG);
    cr_assert_not_null(strstr(err.message, "2030-01-01..2030-02-01"), "%s", err.message);
    cr_assert_eq(lf_weather_fill(ws, 0, w, TMEAN, 1, dst, first - 1, last, &err), LF_ERR_ARG);
    cr_assert_eq(lf_weather_fill(ws, 0, w, TMEAN, 1, dst, last, first, &err), LF_ERR_ARG);
    /* rh_pct is in the weather but not in dst: nothing is written. */
    cr_assert_eq(lf_weather_fill(ws, 0, w, BOTH, 2, dst, first, last, &err), LF_ERR_NOTFOUND);
    cr_assert_not_null(strstr(err.message, "'rh_pct'"), "%s", err.message);
    cr_assert(isnan(at(dst, "tmean_c", first)), "a failed fill leaves dst untouched");
    const char *const nope[] = {"nope"};
    cr_assert_eq(lf_weather_fill(ws, 0, w, nope, 1, dst, first, last, &err), LF_ERR_NOTFOUND);

    lf_weather_spec bad = spec;
    bad.normal_window = 31;
    cr_assert_eq(lf_weather_fill_normal(ws, &bad, w, TMEAN, 1, dst, first, last, &err),
                 LF_ERR_ARG);
    cr_assert_eq(lf_weather_fill_normal(ws, &spec, w, TMEAN, 1, dst, first, last + 1, &err),
                 LF_ERR_ARG);
    cr_assert_eq(lf_weather_fill_normal(ws, &spec, w, BOTH, 2, dst, first, last, &err),
                 LF_ERR_NOTFOUND);
    cr_assert_eq(lf_weather_fill_normal(NULL, &spec, w, TMEAN, 1, dst, first, last, &err),
                 LF_ERR_ARG);
    cr_assert_eq(lf_weather_scenario_year(ws, 5, 2030), 0, "no such scenario");
    lf_frame_free(dst);
    lf_weather_scenarios_free(ws);
    lf_frame_free(w);
}
