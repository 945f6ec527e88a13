/* test_features.c - the feature builder on small synthetic frames, every
 * expected value worked out by hand in the comments (see features.h for the
 * definitions).  2024-01-01 is a Monday; CN Spring Festival 2024 is the block
 * Feb 10 (Sat) .. Feb 17 (Sat), with make-up working Sundays Feb 4 and 18. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "libforecast.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

static lf_calendar *empty_cal(void)
{
    lf_calendar *cal = lf_calendar_new(2022, 2026, NULL);
    cr_assert_not_null(cal);
    return cal;
}

static lf_calendar *cn_cal(void)
{
    lf_error err;
    lf_calendar *cal = empty_cal();
    cr_assert_eq(lf_calendar_add_builtin(cal, "CN", &err), LF_OK, "%s", err.message);
    return cal;
}

/* A frame from `start` with one column per name, filled from vals (n values each). */
static lf_frame *frame_of(lf_date start, size_t n)
{
    lf_frame *f = lf_frame_new(start, n, NULL);
    cr_assert_not_null(f);
    return f;
}

static void add_col(lf_frame *f, const char *name, const double *vals)
{
    double *v = lf_frame_add_column(f, name, "", NULL);
    cr_assert_not_null(v);
    memcpy(v, vals, f->ndays * sizeof *v);
}

/* Learn the spec on t0..t1 and build the design for d0..d1 (both must succeed). */
static lf_design *build(const lf_feature_spec *spec, const lf_frame *f, const lf_calendar *cal,
                        lf_date t0, lf_date t1, lf_date d0, lf_date d1)
{
    lf_features *ft;
    lf_design *d;
    lf_error err;
    cr_assert_eq(lf_features_new(spec, f, cal, t0, t1, &ft, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_features_design(ft, f, cal, d0, d1, &d, &err), LF_OK, "%s", err.message);
    lf_features_free(ft);
    return d;
}

/* The cell of column `name` on `date` (the column must exist). */
static double at(const lf_design *d, const char *name, lf_date date)
{
    long j = lf_design_find(d, name);
    cr_assert_geq(j, 0, "no column '%s'", name);
    cr_assert(date >= d->first && date < d->first + (lf_date)d->nrows);
    return lf_design_column(d, (size_t)j)[date - d->first];
}

static unsigned flags_on(const lf_design *d, lf_date date) { return d->flags[date - d->first]; }

static void near(double got, double want, const char *what)
{
    cr_assert(fabs(got - want) <= 1e-12 * (fabs(want) > 1 ? fabs(want) : 1),
              "%s: got %.17g, want %.17g", what, got, want);
}

/* ---- names and order ------------------------------------------------------------- */

Test(features, column_names_and_order_with_everything_on)
{
    lf_date d0 = D(2024, 1, 1);
    lf_frame *f = frame_of(d0, 366);
    double t[366], rh[366], gdp[366];
    for (size_t i = 0; i < 366; i++)
        t[i] = 10 + (double)(i % 20), rh[i] = 60, gdp[i] = 100 + (double)i;
    add_col(f, "tmean_c", t);
    add_col(f, "rh_pct", rh);
    add_col(f, "gdp", gdp);
    lf_calendar *cal = cn_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.trend = 2;
    s.day_of_week = s.month = s.holiday = s.bridge_day = s.makeup_workday = 1;
    s.windows[s.nwindows++] = (lf_holiday_window){"Spring Festival", 1, 1};
    lf_temperature_spec *tp = &s.temperature;
    tp->polynomial = 2;
    tp->hdd[tp->nhdd++] = 18;
    tp->cdd[tp->ncdd++] = 22.5;
    tp->knots[tp->nknots++] = 25;
    tp->by_day_type = 1;
    tp->lags[tp->nlags++] = 1;
    tp->smooth[tp->nsmooth++] = 0.5;
    strcpy(s.humidity, "rh_pct");
    s.economy[s.neconomy++] = (lf_economy_term){"gdp", 1};
    s.events[s.nevents++] = (lf_event_spec){"plant", LF_EVENT_STEP, D(2024, 6, 1), 0};
    lf_design *d = build(&s, f, cal, d0, D(2024, 12, 31), d0, D(2024, 12, 31));
    /* Spring Festival 2024 is 8 days long, so "day 1".."day 8". */
    static const char *const want[] = {
        "intercept", "trend", "trend^2",
        "dow_tue", "dow_wed", "dow_thu", "dow_fri", "dow_sat", "dow_sun",
        "month_feb", "month_mar", "month_apr", "month_may", "month_jun", "month_jul",
        "month_aug", "month_sep", "month_oct", "month_nov", "month_dec",
        "holiday", "bridge_day", "makeup_workday",
        "Spring Festival -1", "Spring Festival day 1", "Spring Festival day 2",
        "Spring Festival day 3", "Spring Festival day 4", "Spring Festival day 5",
        "Spring Festival day 6", "Spring Festival day 7", "Spring Festival day 8",
        "Spring Festival +1",
        "T", "T^2", "HDD18", "CDD22.5", "(T-25)+",
        "T:nonworking", "T^2:nonworking", "HDD18:nonworking", "CDD22.5:nonworking",
        "(T-25)+:nonworking",
        "T_lag1", "T_lag1^2", "HDD18_lag1", "CDD22.5_lag1", "(T_lag1-25)+",
        "T_ema0.5", "T_ema0.5^2", "HDD18_ema0.5", "CDD22.5_ema0.5", "(T_ema0.5-25)+",
        "humidity", "log(gdp)", "plant"};
    size_t n = sizeof want / sizeof want[0];
    cr_assert_eq(d->ncols, n, "%zu columns, want %zu", d->ncols, n);
    for (size_t j = 0; j < n; j++)
        cr_assert_str_eq(d->names[j], want[j], "column %zu", j);
    cr_assert_eq(d->drivers[0], LF_DRIVER_BASE);
    cr_assert_eq(d->drivers[2], LF_DRIVER_TREND);
    cr_assert_eq(d->drivers[lf_design_find(d, "Spring Festival +1")], LF_DRIVER_CALENDAR);
    cr_assert_eq(d->drivers[lf_design_find(d, "(T_ema0.5-25)+")], LF_DRIVER_WEATHER);
    cr_assert_eq(d->drivers[lf_design_find(d, "humidity")], LF_DRIVER_WEATHER);
    cr_assert_eq(d->drivers[lf_design_find(d, "log(gdp)")], LF_DRIVER_ECONOMY);
    cr_assert_eq(d->drivers[n - 1], LF_DRIVER_EVENT);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- intercept and trend ------------------------------------------------------------ */

Test(features, trend_in_years_and_tangent_after_training)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 731);
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.trend = 2;
    lf_design *d = build(&s, f, cal, D(2024, 1, 1), D(2024, 12, 31), D(2024, 1, 1),
                         D(2025, 12, 31));
    cr_assert_eq(d->ncols, 3);
    near(at(d, "intercept", D(2025, 6, 1)), 1, "intercept");
    near(at(d, "trend", D(2024, 1, 1)), 0, "trend on day 0");
    /* 2024-07-02 is day 183: t = 183/365.25, t^2 inside the training period */
    near(at(d, "trend", D(2024, 7, 2)), 183 / 365.25, "trend mid-year");
    near(at(d, "trend^2", D(2024, 7, 2)), (183 / 365.25) * (183 / 365.25), "trend^2 mid-year");
    /* last training day: t1 = 365/365.25 */
    double t1 = 365 / 365.25;
    near(at(d, "trend^2", D(2024, 12, 31)), t1 * t1, "trend^2 on the last day");
    /* 2025-12-31 is day 730: t = 730/365.25 stays linear; trend^2 follows the
     * tangent t1^2 + 2 t1 (t - t1) = t1 (2t - t1) = (365/365.25)(1095/365.25)
     * = 2.9959 (the power would give 3.9945) */
    near(at(d, "trend", D(2025, 12, 31)), 730 / 365.25, "trend after training");
    near(at(d, "trend^2", D(2025, 12, 31)), (365 / 365.25) * (1095 / 365.25),
         "trend^2 after training");
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* Training 2024 (t1 = 365/365.25); 2025-12-31 is h = 365/365.25 years after
 * the last training day.  phi = 0.5: t1 + (0.5^h - 1) / ln 0.5 = t1 +
 * 0.72101 (not + 0.99932); phi = 0 holds t1; phi = 1 is the plain line.  Inside
 * the training days damping changes nothing. */
static double damped_trend_at(double phi, lf_date day)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 731);
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.trend = 1;
    s.trend_damping = phi;
    lf_design *d = build(&s, f, cal, D(2024, 1, 1), D(2024, 12, 31), D(2024, 1, 1),
                         D(2025, 12, 31));
    double t = at(d, "trend", day);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
    return t;
}

Test(features, damped_trend_levels_off_after_training)
{
    double t1 = 365 / 365.25, h = 365 / 365.25;
    near(damped_trend_at(0.5, D(2025, 12, 31)), t1 + (pow(0.5, h) - 1) / log(0.5),
         "phi 0.5 a year after");
    cr_assert(fabs(damped_trend_at(0.5, D(2025, 12, 31)) - t1 - 0.72101) < 1e-5, "by hand");
    near(damped_trend_at(0, D(2025, 12, 31)), t1, "phi 0 holds");
    near(damped_trend_at(0, D(2025, 1, 1)), t1, "phi 0 the day after");
    near(damped_trend_at(1, D(2025, 12, 31)), 730 / 365.25, "phi 1 is linear");
    near(damped_trend_at(0, D(2024, 7, 2)), 183 / 365.25, "inside training unchanged");
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    cr_assert_eq(s.trend_damping, 1.0);
    s.trend_damping = 1.5;
    lf_error err;
    cr_assert_eq(lf_feature_spec_check(&s, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "damping"), "%s", err.message);
}

/* ---- weekday and month dummies ---------------------------------------------------------- */

Test(features, dow_and_month_dummies_have_monday_and_january_as_reference)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 366);
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.day_of_week = s.month = 1;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    cr_assert_eq(d->ncols, 1 + 6 + 11);
    cr_assert_eq(lf_design_find(d, "dow_mon"), -1);
    cr_assert_eq(lf_design_find(d, "month_jan"), -1);
    /* 2024-01-01, a Monday in January: every dummy 0 */
    for (size_t j = 1; j < d->ncols; j++)
        cr_assert_eq(lf_design_column(d, j)[0], 0, "%s", d->names[j]);
    /* 2024-03-16 is a Saturday (Mar 1 is a Friday) */
    cr_assert_eq(at(d, "dow_sat", D(2024, 3, 16)), 1);
    cr_assert_eq(at(d, "dow_sun", D(2024, 3, 16)), 0);
    cr_assert_eq(at(d, "month_mar", D(2024, 3, 16)), 1);
    cr_assert_eq(at(d, "month_feb", D(2024, 3, 16)), 0);
    cr_assert_eq(at(d, "dow_sun", D(2024, 12, 29)), 1);
    cr_assert_eq(at(d, "month_dec", D(2024, 12, 29)), 1);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, without_intercept_the_first_dummy_set_keeps_all_levels)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 366);
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.intercept = 0;
    s.day_of_week = s.month = 1;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    /* weekday: 7 levels; month (not the first set): still 11 */
    cr_assert_eq(d->ncols, 7 + 11);
    cr_assert_str_eq(d->names[0], "dow_mon");
    cr_assert_str_eq(d->names[7], "month_feb");
    cr_assert_eq(at(d, "dow_mon", D(2024, 1, 1)), 1);
    cr_assert_eq(at(d, "dow_mon", D(2024, 1, 2)), 0);
    lf_design_free(d);

    s.day_of_week = 0; /* now month is the first set: 12 levels */
    d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    cr_assert_eq(d->ncols, 12);
    cr_assert_str_eq(d->names[0], "month_jan");
    cr_assert_eq(at(d, "month_jan", D(2024, 1, 31)), 1);
    cr_assert_eq(at(d, "month_jan", D(2024, 2, 1)), 0);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- holidays, bridge days, make-up days ------------------------------------------------ */

/* March 2024: Fri 1, Mon 4, Thu 7, Fri 8, Mon 11, Tue 12, Wed 13, Mon 18, Tue 19, Wed 20,
 * Thu 21, Fri 22, Sat 23. */
static lf_calendar *march_cal(void)
{
    lf_calendar *cal = empty_cal();
    const int days[] = {7, 12, 19, 21};
    for (size_t k = 0; k < 4; k++)
        cr_assert_eq(lf_calendar_add_holiday(cal, D(2024, 3, days[k]), "H", NULL), LF_OK);
    return cal;
}

Test(features, holiday_and_bridge_days)
{
    lf_frame *f = frame_of(D(2024, 3, 1), 31);
    lf_calendar *cal = march_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.holiday = s.bridge_day = 1;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    /* A bridge day is a working day with a holiday on one side and a weekend or
     * holiday on the other:
     *   Fri 8  (Thu 7 holiday, Sat 9 weekend)     yes
     *   Mon 11 (Sun 10 weekend, Tue 12 holiday)   yes
     *   Wed 13 (Tue 12 holiday, Thu 14 working)   no
     *   Mon 18 (Sun 17 weekend, Tue 19 holiday)   yes
     *   Wed 20 (Tue 19 and Thu 21 holidays)       yes: a holiday on both sides
     *   Fri 22 (Thu 21 holiday, Sat 23 weekend)   yes
     *   Wed 6  (Tue 5 working, Thu 7 holiday)     no */
    int bridges[] = {8, 11, 18, 20, 22};
    double sum = 0, hsum = 0;
    for (size_t i = 0; i < d->nrows; i++) {
        sum += lf_design_column(d, 2)[i];
        hsum += lf_design_column(d, 1)[i];
    }
    cr_assert_eq(sum, 5);
    cr_assert_eq(hsum, 4);
    for (size_t k = 0; k < 5; k++)
        cr_assert_eq(at(d, "bridge_day", D(2024, 3, bridges[k])), 1, "Mar %d", bridges[k]);
    cr_assert_eq(at(d, "bridge_day", D(2024, 3, 13)), 0);
    cr_assert_eq(at(d, "bridge_day", D(2024, 3, 6)), 0);
    cr_assert_eq(at(d, "holiday", D(2024, 3, 7)), 1);
    cr_assert_eq(at(d, "bridge_day", D(2024, 3, 7)), 0, "a holiday is no bridge day");
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, no_bridge_day_before_a_makeup_saturday)
{
    lf_frame *f = frame_of(D(2024, 3, 1), 31);
    lf_calendar *cal = march_cal();
    /* Sat 9 becomes a working day: Fri 8 has a holiday before it but a
     * working day after it */
    cr_assert_eq(lf_calendar_add_workday(cal, D(2024, 3, 9), "H", NULL), LF_OK);
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.bridge_day = s.makeup_workday = 1;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    cr_assert_eq(at(d, "bridge_day", D(2024, 3, 8)), 0);
    cr_assert_eq(at(d, "bridge_day", D(2024, 3, 11)), 1);
    cr_assert_eq(at(d, "makeup_workday", D(2024, 3, 9)), 1);
    cr_assert_eq(at(d, "makeup_workday", D(2024, 3, 16)), 0);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, cn_spring_festival_holidays_and_makeup_workdays)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 91); /* Jan 1 .. Mar 31 */
    lf_calendar *cal = cn_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.holiday = s.makeup_workday = 1;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    /* make-up working Sundays Feb 4 and Feb 18; Sat Feb 3 is a plain weekend */
    cr_assert_eq(at(d, "makeup_workday", D(2024, 2, 4)), 1);
    cr_assert_eq(at(d, "makeup_workday", D(2024, 2, 18)), 1);
    cr_assert_eq(at(d, "makeup_workday", D(2024, 2, 3)), 0);
    cr_assert_eq(at(d, "holiday", D(2024, 2, 4)), 0);
    /* days off Feb 10..17 (weekends inside included), Fri Feb 9 worked */
    for (int day = 10; day <= 17; day++)
        cr_assert_eq(at(d, "holiday", D(2024, 2, day)), 1, "Feb %d", day);
    cr_assert_eq(at(d, "holiday", D(2024, 2, 9)), 0);
    cr_assert_eq(at(d, "holiday", D(2024, 2, 18)), 0);
    /* Jan..Mar: New Year (1 day) + Spring Festival (8) holidays, 2 make-up days */
    double h = 0, m = 0;
    for (size_t i = 0; i < d->nrows; i++)
        h += at(d, "holiday", f->start + (lf_date)i), m += at(d, "makeup_workday",
                                                               f->start + (lf_date)i);
    cr_assert_eq(h, 9);
    cr_assert_eq(m, 2);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- windows around holidays ----------------------------------------------------------- */

Test(features, spring_festival_window_days)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 91);
    lf_calendar *cal = cn_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.windows[s.nwindows++] = (lf_holiday_window){"Spring Festival", 3, 2};
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    /* 3 before + 8 block days + 2 after */
    cr_assert_eq(d->ncols, 1 + 3 + 8 + 2);
    /* block Feb 10..17: -3 = Wed Feb 7, -1 = Fri Feb 9, day 1 = Feb 10,
     * day 8 = Feb 17, +1 = Feb 18 (a make-up Sunday), +2 = Feb 19 */
    struct { int day; const char *col; } want[] = {
        {7, "Spring Festival -3"}, {8, "Spring Festival -2"}, {9, "Spring Festival -1"},
        {10, "Spring Festival day 1"}, {13, "Spring Festival day 4"},
        {17, "Spring Festival day 8"}, {18, "Spring Festival +1"},
        {19, "Spring Festival +2"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        cr_assert_eq(at(d, want[k].col, D(2024, 2, want[k].day)), 1, "Feb %d %s",
                     want[k].day, want[k].col);
    /* each window column is 1 on exactly one day of Jan..Mar, and every day
     * carries at most one window column */
    for (size_t j = 1; j < d->ncols; j++) {
        double sum = 0;
        for (size_t i = 0; i < d->nrows; i++)
            sum += lf_design_column(d, j)[i];
        cr_assert_eq(sum, 1, "%s", d->names[j]);
    }
    for (size_t i = 0; i < d->nrows; i++) {
        double sum = 0;
        for (size_t j = 1; j < d->ncols; j++)
            sum += lf_design_column(d, j)[i];
        cr_assert_leq(sum, 1);
    }
    cr_assert_eq(at(d, "Spring Festival -3", D(2024, 2, 6)), 0);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, block_longer_than_in_training_counts_as_its_last_day)
{
    lf_frame *f = frame_of(D(2023, 1, 1), 456); /* 2023-01-01 .. 2024-03-31 */
    lf_calendar *cal = cn_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.windows[s.nwindows++] = (lf_holiday_window){"Spring Festival", 0, 1};
    /* trained on 2023 Q1: Spring Festival 2023 is Jan 21..27, 7 days */
    lf_design *d = build(&s, f, cal, D(2023, 1, 1), D(2023, 3, 31), D(2024, 2, 1),
                         D(2024, 2, 29));
    cr_assert_eq(d->ncols, 1 + 7 + 1);
    cr_assert_eq(lf_design_find(d, "Spring Festival day 8"), -1);
    /* 2024's 8-day block: Feb 16 is day 7, Feb 17 (day 8) counts as day 7 too */
    cr_assert_eq(at(d, "Spring Festival day 7", D(2024, 2, 16)), 1);
    cr_assert_eq(at(d, "Spring Festival day 7", D(2024, 2, 17)), 1);
    cr_assert_eq(at(d, "Spring Festival day 6", D(2024, 2, 17)), 0);
    cr_assert_eq(at(d, "Spring Festival +1", D(2024, 2, 18)), 1);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, unknown_window_holiday_is_notfound_with_a_hint)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 91);
    lf_calendar *cal = cn_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.windows[s.nwindows++] = (lf_holiday_window){"Spring Festivl", 1, 1};
    lf_features *ft = NULL;
    lf_error err;
    cr_assert_eq(lf_features_new(&s, f, cal, f->start, lf_frame_end(f), &ft, &err),
                 LF_ERR_NOTFOUND);
    cr_assert_null(ft);
    cr_assert(strstr(err.message, "did you mean 'Spring Festival'"), "%s", err.message);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- temperature terms ----------------------------------------------------------------- */

Test(features, polynomial_degree_days_and_hinge)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 3);
    add_col(f, "tmean_c", (double[]){10, 20, 30});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    lf_temperature_spec *t = &s.temperature;
    t->polynomial = 3;
    t->hdd[t->nhdd++] = 18;
    t->cdd[t->ncdd++] = 22.5;
    t->knots[t->nknots++] = 25;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    cr_assert_eq(d->ncols, 7);
    /*            T    T^2   T^3    HDD18  CDD22.5  (T-25)+
     *   T = 10:  10   100   1000   8      0        0
     *   T = 20:  20   400   8000   0      0        0
     *   T = 30:  30   900  27000   0      7.5      5 */
    double want[3][6] = {{10, 100, 1000, 8, 0, 0}, {20, 400, 8000, 0, 0, 0},
                         {30, 900, 27000, 0, 7.5, 5}};
    const char *cols[6] = {"T", "T^2", "T^3", "HDD18", "CDD22.5", "(T-25)+"};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 6; j++)
            near(at(d, cols[j], D(2024, 1, 1 + i)), want[i][j], cols[j]);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, spline_without_polynomial_adds_t)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 3);
    add_col(f, "tmean_c", (double[]){10, 20, 30});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.temperature.knots[0] = 15;
    s.temperature.knots[1] = 25;
    s.temperature.nknots = 2;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    cr_assert_eq(d->ncols, 4);
    cr_assert_str_eq(d->names[1], "T");
    cr_assert_str_eq(d->names[2], "(T-15)+");
    cr_assert_str_eq(d->names[3], "(T-25)+");
    /* T = 20: 20, 5, 0;  T = 30: 30, 15, 5 */
    near(at(d, "(T-15)+", D(2024, 1, 2)), 5, "hinge 15 at 20");
    near(at(d, "(T-25)+", D(2024, 1, 2)), 0, "hinge 25 at 20");
    near(at(d, "(T-15)+", D(2024, 1, 3)), 15, "hinge 15 at 30");
    near(at(d, "(T-25)+", D(2024, 1, 3)), 5, "hinge 25 at 30");
    near(at(d, "(T-15)+", D(2024, 1, 1)), 0, "hinge 15 at 10");
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, by_month_replaces_the_term_with_twelve)
{
    lf_frame *f = frame_of(D(2024, 1, 30), 4); /* Jan 30, 31, Feb 1, 2 */
    add_col(f, "tmean_c", (double[]){1, 2, 3, 4});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.temperature.polynomial = 1;
    s.temperature.hdd[s.temperature.nhdd++] = 18;
    s.temperature.by_month = 1;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    cr_assert_eq(d->ncols, 1 + 12 + 12);
    cr_assert_eq(lf_design_find(d, "T"), -1);
    cr_assert_str_eq(d->names[1], "T:jan");
    cr_assert_str_eq(d->names[12], "T:dec");
    cr_assert_str_eq(d->names[13], "HDD18:jan");
    /* T:jan = 1, 2, 0, 0; T:feb = 0, 0, 3, 4; HDD18:feb on Feb 1 = 18 - 3 = 15 */
    double tjan[4] = {1, 2, 0, 0}, tfeb[4] = {0, 0, 3, 4};
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(at(d, "T:jan", f->start + i), tjan[i]);
        cr_assert_eq(at(d, "T:feb", f->start + i), tfeb[i]);
        cr_assert_eq(at(d, "T:mar", f->start + i), 0);
    }
    cr_assert_eq(at(d, "HDD18:feb", D(2024, 2, 1)), 15);
    cr_assert_eq(at(d, "HDD18:jan", D(2024, 2, 1)), 0);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* A month's own T^2 term continues along its tangent beyond the temperatures
 * seen in THAT month in training: January saw 1..2, February 3..4; a January
 * day at 4 gets 2^2 + 2*2*(4 - 2) = 12 (not 16), and is flagged, although 4
 * lies inside the overall training range. */
Test(features, by_month_terms_extrapolate_beyond_their_own_month)
{
    lf_frame *f = frame_of(D(2024, 1, 30), 5); /* Jan 30, 31, Feb 1, 2, 3 */
    add_col(f, "tmean_c", (double[]){1, 2, 3, 4, 4});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.temperature.polynomial = 2;
    s.temperature.by_month = 1;
    lf_design *d = build(&s, f, cal, f->start, D(2024, 2, 2), f->start, D(2024, 2, 3));
    near(at(d, "T^2:feb", D(2024, 2, 2)), 16, "inside February's range");
    cr_assert_eq(flags_on(d, D(2024, 2, 2)) & LF_FLAG_TEMPERATURE_RANGE, 0);
    lf_design_free(d);
    lf_frame *g = frame_of(D(2024, 1, 30), 5);
    add_col(g, "tmean_c", (double[]){1, 2, 3, 4, 4});
    double *t = lf_frame_column(g, "tmean_c");
    lf_features *ft;
    lf_error err;
    cr_assert_eq(lf_features_new(&s, g, cal, g->start, D(2024, 2, 2), &ft, &err), LF_OK);
    t[1] = 4; /* Jan 31 turns out at 4 degC, above January's 1..2 */
    cr_assert_eq(lf_features_design(ft, g, cal, g->start, D(2024, 1, 31), &d, &err), LF_OK);
    near(at(d, "T^2:jan", D(2024, 1, 31)), 12, "January tangent at 2");
    cr_assert(flags_on(d, D(2024, 1, 31)) & LF_FLAG_TEMPERATURE_RANGE);
    lf_design_free(d);
    lf_features_free(ft);
    lf_calendar_free(cal);
    lf_frame_free(g);
    lf_frame_free(f);
}

Test(features, by_day_type_adds_the_nonworking_difference)
{
    lf_frame *f = frame_of(D(2024, 1, 5), 4); /* Fri 5, Sat 6, Sun 7, Mon 8 */
    add_col(f, "tmean_c", (double[]){5, 6, 7, 8});
    lf_calendar *cal = empty_cal();
    cr_assert_eq(lf_calendar_add_holiday(cal, D(2024, 1, 8), "H", NULL), LF_OK);
    cr_assert_eq(lf_calendar_add_workday(cal, D(2024, 1, 6), "W", NULL), LF_OK);
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.temperature.polynomial = 1;
    s.temperature.by_day_type = 1;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    cr_assert_eq(d->ncols, 3);
    cr_assert_str_eq(d->names[2], "T:nonworking");
    /* Fri working 0; Sat made a working day 0; Sun 7; Mon holiday 8 */
    double want[4] = {0, 0, 7, 8};
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(at(d, "T:nonworking", f->start + i), want[i], "row %d", i);
        cr_assert_eq(at(d, "T", f->start + i), 5 + i);
    }
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, safe_extrapolation_outside_the_training_range)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 6);
    /* trained on the first 4 days: range 5..20 */
    add_col(f, "tmean_c", (double[]){5, 10, 15, 20, 25, 0});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    lf_temperature_spec *t = &s.temperature;
    t->polynomial = 3;
    t->hdd[t->nhdd++] = 18;
    t->cdd[t->ncdd++] = 22;
    lf_design *d = build(&s, f, cal, D(2024, 1, 1), D(2024, 1, 4), f->start, lf_frame_end(f));
    /* T = 20, the hottest training day: plain powers, no flag */
    near(at(d, "T^2", D(2024, 1, 4)), 400, "T^2 at 20");
    cr_assert_eq(flags_on(d, D(2024, 1, 4)), 0);
    /* T = 25 above x0 = 20: T^2 = 400 + 2*20*5 = 600, T^3 = 8000 + 3*400*5 = 14000;
     * T, HDD18 = 0 and CDD22 = 3 unchanged */
    lf_date hot = D(2024, 1, 5), cold = D(2024, 1, 6);
    near(at(d, "T", hot), 25, "T hot");
    near(at(d, "T^2", hot), 600, "T^2 hot");
    near(at(d, "T^3", hot), 14000, "T^3 hot");
    near(at(d, "HDD18", hot), 0, "HDD hot");
    near(at(d, "CDD22", hot), 3, "CDD hot");
    cr_assert_eq(flags_on(d, hot), LF_FLAG_TEMPERATURE_RANGE);
    /* T = 0 below x0 = 5: T^2 = 25 + 2*5*(-5) = -25, T^3 = 125 + 3*25*(-5) = -250;
     * HDD18 = 18 */
    near(at(d, "T", cold), 0, "T cold");
    near(at(d, "T^2", cold), -25, "T^2 cold");
    near(at(d, "T^3", cold), -250, "T^3 cold");
    near(at(d, "HDD18", cold), 18, "HDD cold");
    cr_assert_eq(flags_on(d, cold), LF_FLAG_TEMPERATURE_RANGE);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- lags and smoothing --------------------------------------------------------------- */

Test(features, lags_come_from_earlier_frame_rows)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 6);
    add_col(f, "tmean_c", (double[]){1, 2, 3, 4, 5, 6});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.temperature.polynomial = 1;
    s.temperature.lags[0] = 1;
    s.temperature.lags[1] = 2;
    s.temperature.nlags = 2;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    /* over the whole frame: T_lag1 = NaN 1 2 3 4 5, T_lag2 = NaN NaN 1 2 3 4 */
    cr_assert(isnan(at(d, "T_lag1", D(2024, 1, 1))));
    cr_assert(isnan(at(d, "T_lag2", D(2024, 1, 2))));
    cr_assert_eq(at(d, "T_lag1", D(2024, 1, 2)), 1);
    cr_assert_eq(at(d, "T_lag2", D(2024, 1, 6)), 4);
    cr_assert_eq(flags_on(d, D(2024, 1, 1)), LF_FLAG_MISSING_INPUT);
    cr_assert_eq(flags_on(d, D(2024, 1, 2)), LF_FLAG_MISSING_INPUT);
    cr_assert_eq(flags_on(d, D(2024, 1, 3)), 0);
    lf_design_free(d);

    /* predicting Jan 4..6 only: the lags reach back into Jan 2..5 */
    d = build(&s, f, cal, f->start, lf_frame_end(f), D(2024, 1, 4), D(2024, 1, 6));
    double lag1[3] = {3, 4, 5}, lag2[3] = {2, 3, 4};
    for (size_t i = 0; i < 3; i++) {
        cr_assert_eq(lf_design_column(d, 2)[i], lag1[i]);
        cr_assert_eq(lf_design_column(d, 3)[i], lag2[i]);
        cr_assert_eq(d->flags[i], 0);
    }
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, smoothing_recursion_warmup_and_restart)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 14);
    add_col(f, "tmean_c",
            (double[]){16, 0, 8, 4, 12, 2, 6, NAN, 20, 0, 4, 8, 0, 16});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.temperature.polynomial = 1;
    s.temperature.smooth[s.temperature.nsmooth++] = 0.5;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    /* s = 0.5 T + 0.5 s_prev from T on the first day:
     *   16, 8, 8, 6, 9, 5.5, 5.75 | gap | 20, 10, 7, 7.5, 3.75, 9.875
     * warm-up ceil(ln 0.05 / ln 0.5) = ceil(4.32) = 5 days missing after each start */
    double nan = NAN;
    double want[14] = {nan, nan, nan, nan, nan, 5.5, 5.75, nan, nan, nan, nan, nan, nan,
                       9.875};
    long j = lf_design_find(d, "T_ema0.5");
    cr_assert_eq(j, 2);
    for (size_t i = 0; i < 14; i++) {
        double got = lf_design_column(d, (size_t)j)[i];
        if (isnan(want[i]))
            cr_assert(isnan(got), "row %zu: got %g, want NaN", i, got);
        else
            cr_assert_eq(got, want[i], "row %zu: got %.17g", i, got);
        cr_assert_eq((d->flags[i] & LF_FLAG_MISSING_INPUT) != 0, isnan(want[i]), "row %zu", i);
    }
    lf_design_free(d);

    /* a design of the last day alone still sees the earlier rows */
    d = build(&s, f, cal, f->start, lf_frame_end(f), D(2024, 1, 14), D(2024, 1, 14));
    cr_assert_eq(lf_design_column(d, 2)[0], 9.875);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- humidity, economy, events ---------------------------------------------------------- */

Test(features, humidity_and_economy_with_range_flags)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 5);
    /* trained on the first 3 days: humidity 50..70, gdp 100..400, pop 1..3 */
    add_col(f, "rh_pct", (double[]){50, 60, 70, 80, 55});
    add_col(f, "gdp", (double[]){100, 200, 400, 800, 150});
    add_col(f, "pop", (double[]){1, 2, 3, 2, 2});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    strcpy(s.humidity, "rh_pct");
    s.economy[s.neconomy++] = (lf_economy_term){"gdp", 1};
    s.economy[s.neconomy++] = (lf_economy_term){"pop", 0};
    lf_design *d = build(&s, f, cal, D(2024, 1, 1), D(2024, 1, 3), f->start, lf_frame_end(f));
    cr_assert_eq(d->ncols, 4);
    cr_assert_str_eq(d->names[1], "humidity");
    cr_assert_str_eq(d->names[2], "log(gdp)");
    cr_assert_str_eq(d->names[3], "pop");
    near(at(d, "log(gdp)", D(2024, 1, 2)), log(200), "log(200)");
    near(at(d, "humidity", D(2024, 1, 2)), 60, "humidity");
    near(at(d, "pop", D(2024, 1, 3)), 3, "pop");
    /* day 4: humidity 80 > 70 and gdp 800 > 400; day 5 inside both ranges */
    cr_assert_eq(flags_on(d, D(2024, 1, 4)), LF_FLAG_HUMIDITY_RANGE | LF_FLAG_ECONOMY_RANGE);
    cr_assert_eq(flags_on(d, D(2024, 1, 5)), 0);
    near(at(d, "log(gdp)", D(2024, 1, 4)), log(800), "log(800)");
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, log_of_a_non_positive_value_is_a_data_error)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 4);
    add_col(f, "gdp", (double[]){100, 200, 300, 0});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.economy[s.neconomy++] = (lf_economy_term){"gdp", 1};
    lf_features *ft;
    lf_design *d = NULL;
    lf_error err;
    /* learnt on Jan 1..3 (all positive); Jan 4 has 0 */
    cr_assert_eq(lf_features_new(&s, f, cal, D(2024, 1, 1), D(2024, 1, 3), &ft, &err), LF_OK,
                 "%s", err.message);
    cr_assert_eq(lf_features_design(ft, f, cal, f->start, lf_frame_end(f), &d, &err),
                 LF_ERR_DATA);
    cr_assert_null(d);
    cr_assert(strstr(err.message, "gdp") && strstr(err.message, "2024-01-04"), "%s",
              err.message);
    lf_features_free(ft);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, log_driver_not_positive_in_training_fails_to_learn)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 3);
    add_col(f, "gdp", (double[]){100, -5, 300});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.economy[s.neconomy++] = (lf_economy_term){"gdp", 1};
    lf_features *ft = NULL;
    lf_error err;
    cr_assert_eq(lf_features_new(&s, f, cal, f->start, lf_frame_end(f), &ft, &err),
                 LF_ERR_DATA);
    cr_assert_null(ft);
    cr_assert(strstr(err.message, "gdp") && strstr(err.message, "2024-01-02"), "%s",
              err.message);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, step_and_ramp_events)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 8);
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.intercept = 0;
    s.events[0] = (lf_event_spec){"outage", LF_EVENT_STEP, D(2024, 1, 3), D(2024, 1, 5)};
    s.events[1] = (lf_event_spec){"new_plant", LF_EVENT_STEP, D(2024, 1, 4), 0};
    s.events[2] = (lf_event_spec){"ramp", LF_EVENT_RAMP, D(2024, 1, 3), D(2024, 1, 6)};
    s.nevents = 3;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    /* step Jan 3..5 inclusive; open step from Jan 4; ramp over the 4 days Jan 3..6:
     * (d - start + 1) / 4 = 1/4, 2/4, 3/4, 1, then 1 */
    double outage[8] = {0, 0, 1, 1, 1, 0, 0, 0};
    double plant[8] = {0, 0, 0, 1, 1, 1, 1, 1};
    double ramp[8] = {0, 0, 0.25, 0.5, 0.75, 1, 1, 1};
    for (size_t i = 0; i < 8; i++) {
        cr_assert_eq(lf_design_column(d, 0)[i], outage[i], "outage row %zu", i);
        cr_assert_eq(lf_design_column(d, 1)[i], plant[i], "new_plant row %zu", i);
        cr_assert_eq(lf_design_column(d, 2)[i], ramp[i], "ramp row %zu", i);
    }
    cr_assert_eq(d->drivers[2], LF_DRIVER_EVENT);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- missing and bad inputs ------------------------------------------------------------- */

Test(features, missing_input_makes_cells_nan_and_flags_the_row)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 3);
    add_col(f, "tmean_c", (double[]){10, NAN, 12});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.temperature.polynomial = 2;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    cr_assert(isnan(at(d, "T", D(2024, 1, 2))));
    cr_assert(isnan(at(d, "T^2", D(2024, 1, 2))));
    cr_assert_eq(at(d, "intercept", D(2024, 1, 2)), 1, "other cells stay");
    cr_assert_eq(flags_on(d, D(2024, 1, 2)), LF_FLAG_MISSING_INPUT);
    cr_assert_eq(flags_on(d, D(2024, 1, 1)), 0);
    cr_assert_eq(at(d, "T^2", D(2024, 1, 3)), 144);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, infinite_temperature_names_column_and_date)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 4);
    add_col(f, "tmean_c", (double[]){10, 11, INFINITY, 12});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.temperature.polynomial = 1;
    lf_features *ft;
    lf_design *d = NULL;
    lf_error err;
    cr_assert_eq(lf_features_new(&s, f, cal, D(2024, 1, 1), D(2024, 1, 2), &ft, &err), LF_OK,
                 "%s", err.message);
    cr_assert_eq(lf_features_design(ft, f, cal, f->start, lf_frame_end(f), &d, &err),
                 LF_ERR_DATA);
    cr_assert_null(d);
    cr_assert(strstr(err.message, "tmean_c") && strstr(err.message, "2024-01-03"), "%s",
              err.message);
    lf_features_free(ft);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

Test(features, unknown_column_is_notfound_with_a_hint)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 3);
    add_col(f, "tmean_c", (double[]){10, 11, 12});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.temperature.polynomial = 1;
    strcpy(s.temperature.column, "tmeanc");
    lf_features *ft = NULL;
    lf_error err;
    cr_assert_eq(lf_features_new(&s, f, cal, f->start, lf_frame_end(f), &ft, &err),
                 LF_ERR_NOTFOUND);
    cr_assert_null(ft);
    cr_assert(strstr(err.message, "'tmeanc'") && strstr(err.message, "did you mean 'tmean_c'"),
              "%s", err.message);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- spec checks ------------------------------------------------------------------------- */

static void expect_bad_spec(const lf_feature_spec *s, const char *fragment)
{
    lf_error err;
    cr_assert_eq(lf_feature_spec_check(s, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, fragment), "'%s' not in: %s", fragment, err.message);
}

Test(features, spec_check_rejects_bad_values)
{
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    cr_assert_eq(lf_feature_spec_check(&s, NULL), LF_OK);

    s.temperature.polynomial = 4;
    expect_bad_spec(&s, "polynomial");

    lf_feature_spec_init(&s);
    s.temperature.knots[0] = 25;
    s.temperature.knots[1] = 15;
    s.temperature.nknots = 2;
    expect_bad_spec(&s, "knots must increase");

    lf_feature_spec_init(&s);
    s.temperature.polynomial = 1;
    s.temperature.smooth[s.temperature.nsmooth++] = 0;
    expect_bad_spec(&s, "smoothing weight");

    lf_feature_spec_init(&s);
    s.events[0] = (lf_event_spec){"plant", LF_EVENT_STEP, D(2024, 1, 1), 0};
    s.events[1] = (lf_event_spec){"plant", LF_EVENT_RAMP, D(2024, 1, 1), D(2024, 2, 1)};
    s.nevents = 2;
    expect_bad_spec(&s, "'plant' is used twice");

    lf_feature_spec_init(&s);
    s.temperature.polynomial = 1;
    s.temperature.lags[s.temperature.nlags++] = 0;
    expect_bad_spec(&s, "lag");
}

Test(features, auto_degree_days_are_rejected_by_features_new)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 3);
    add_col(f, "tmean_c", (double[]){10, 11, 12});
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.temperature.auto_cdd = 1;
    cr_assert_eq(lf_feature_spec_check(&s, NULL), LF_OK, "valid as a spec");
    lf_features *ft = NULL;
    lf_error err;
    cr_assert_eq(lf_features_new(&s, f, cal, f->start, lf_frame_end(f), &ft, &err), LF_ERR_ARG);
    cr_assert_null(ft);
    cr_assert(strstr(err.message, "auto"), "%s", err.message);
    lf_calendar_free(cal);
    lf_frame_free(f);
}

/* ---- annual Fourier terms -------------------------------------------------------------- */

Test(features, fourier_terms_follow_the_day_number)
{
    lf_frame *f = frame_of(D(2024, 1, 1), 3);
    lf_calendar *cal = empty_cal();
    lf_feature_spec s;
    lf_feature_spec_init(&s);
    s.fourier = 2;
    lf_design *d = build(&s, f, cal, f->start, lf_frame_end(f), f->start, lf_frame_end(f));
    cr_assert_eq(d->ncols, 5); /* intercept, sin1, cos1, sin2, cos2 */
    cr_assert_str_eq(d->names[1], "sin1_year");
    cr_assert_str_eq(d->names[4], "cos2_year");
    /* 2024-01-02 is day 19724 since 1970-01-01; 2 pi * 19724 / 365.25 */
    double phase = 6.283185307179586 * 19724 / 365.25;
    near(at(d, "sin1_year", D(2024, 1, 2)), sin(phase), "sin1");
    near(at(d, "cos2_year", D(2024, 1, 2)), cos(2 * phase), "cos2");
    cr_assert_eq(d->drivers[1], LF_DRIVER_CALENDAR);
    lf_design_free(d);
    lf_calendar_free(cal);
    lf_frame_free(f);
    s.fourier = 13;
    lf_error err;
    cr_assert_eq(lf_feature_spec_check(&s, &err), LF_ERR_ARG);
}
