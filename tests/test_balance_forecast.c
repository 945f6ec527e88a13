/* test_balance_forecast.c - the balance plan's demand and daily peaks taken
 * from a forecast made in the same process (libforecast/planning/
 * balance_forecast.c: lf_balance_demand_from_forecast,
 * lf_balance_daily_from_forecast), on a small real forecast.
 *
 * The region: history 2024-01-01..2025-01-14 with one economic driver,
 *   gdp = 100 + 0.02 r               (r = row, 0 on 2024-01-01)
 *   energy_mwh = 1000 + 3 gdp + n1(d),   peak_mw = 60 + 0.2 gdp + 0.5 n2(d)
 * n1, n2 a fixed pseudo-random noise in [-10, 10).  Energy and peak are each a
 * regression on intercept + gdp: no weather column, so no weather frame.  The
 * forecast runs 2025-01-15..2025-04-10 (January and April partial, February
 * and March whole) under two economic scenarios, "low" (gdp held) and "high"
 * (gdp +30 % a year), with 20 bootstrap paths, so each period's quantiles
 * differ from each other and between the scenarios (the fixture checks that
 * first, so a mix-up of scenario or quantile index cannot pass unseen).
 *
 * Expected values are the forecast's own periods (lf_forecast_periods) picked
 * by hand: the demand's month k is month period 1 + k, its P50 the period's
 * q[] at the spec's 0.5 and its high the q[] at the high quantile; the daily
 * peaks are the day periods' peak q[] at the high quantile. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

static void near(double got, double want, const char *what, size_t k)
{
    cr_assert(fabs(got - want) <= 1e-9 * fmax(1, fabs(want)), "%s [%zu]: got %.17g, want %.17g",
              what, k, got, want);
}

static void has(const lf_error *err, const char *text)
{
    cr_assert(strstr(err->message, text), "message '%s' lacks '%s'", err->message, text);
}

/* ---- the region ------------------------------------------------------------------------ */

/* A fixed pseudo-random number in [-10, 10) for (day, salt) (as test_forecast.c). */
static double noise(lf_date day, unsigned salt)
{
    uint32_t s = (uint32_t)day * 2654435761u ^ salt * 40503u;
    s = s * 1103515245u + 12345u;
    s = s * 1103515245u + 12345u;
    return ((double)(s >> 8 & 0xffff) / 65536.0 - 0.5) * 20;
}

static double *column(lf_frame *f, const char *name)
{
    lf_error err;
    double *v = lf_frame_add_column(f, name, "", &err);
    cr_assert_not_null(v, "%s", err.message);
    return v;
}

typedef struct region {
    lf_frame *history;
    lf_calendar *cal;
    lf_model *energy, *peak;
} region;

static lf_model *fit(const region *r, const char *target)
{
    lf_model_spec spec;
    lf_model_spec_init(&spec);
    strcpy(spec.target, target);
    spec.features.neconomy = 1;
    strcpy(spec.features.economy[0].column, "gdp");
    lf_model *m = NULL;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, r->history, r->cal, r->history->start,
                              lf_frame_end(r->history), &m, &err),
                 LF_OK, "lf_model_fit: %s", err.message);
    return m;
}

/* History 2024-01-01..last (a forecast starts at the latest the day after). */
static region region_until(lf_date last)
{
    region r;
    lf_error err;
    r.history = lf_frame_new(D(2024, 1, 1), (size_t)(last - D(2024, 1, 1)) + 1, &err);
    cr_assert_not_null(r.history, "%s", err.message);
    double *g = column(r.history, "gdp"), *e = column(r.history, "energy_mwh");
    double *p = column(r.history, "peak_mw");
    for (size_t i = 0; i < r.history->ndays; i++) {
        lf_date d = r.history->start + (lf_date)i;
        g[i] = 100 + 0.02 * (double)i;
        e[i] = 1000 + 3 * g[i] + noise(d, 1);
        p[i] = 60 + 0.2 * g[i] + 0.5 * noise(d, 2);
    }
    r.cal = lf_calendar_new(2020, 2050, &err);
    cr_assert_not_null(r.cal, "%s", err.message);
    r.energy = fit(&r, "energy_mwh");
    r.peak = fit(&r, "peak_mw");
    return r;
}

static region region_new(void) { return region_until(D(2025, 1, 14)); }

static void region_free(region *r)
{
    lf_model_free(r->energy);
    lf_model_free(r->peak);
    lf_calendar_free(r->cal);
    lf_frame_free(r->history);
}

static lf_economy_scenario growth(const char *name, double g)
{
    lf_economy_scenario sc;
    memset(&sc, 0, sizeof sc);
    strcpy(sc.name, name);
    sc.npaths = 1;
    strcpy(sc.paths[0].column, "gdp");
    sc.paths[0].ngrowth = 1;
    sc.paths[0].growth[0] = g;
    return sc;
}

/* first..last, "low" and "high", 20 bootstrap paths of in-sample residuals,
 * quantiles 0.1, 0.5, 0.9 (the default). */
static lf_forecast_spec spec_of(lf_date first, lf_date last)
{
    lf_forecast_spec s;
    lf_forecast_spec_init(&s);
    s.first = first;
    s.last = last;
    s.residuals = LF_RESIDUALS_IN_SAMPLE;
    s.nscenarios = 2;
    s.scenarios[0] = growth("low", 0);
    s.scenarios[1] = growth("high", 0.30);
    return s;
}

static lf_forecast_spec spec_new(void) { return spec_of(D(2025, 1, 15), D(2025, 4, 10)); }

static void set_quantiles(lf_forecast_spec *s, size_t n, const double *q)
{
    s->nquantiles = n;
    memcpy(s->quantiles, q, n * sizeof *q);
}

static lf_forecast *run_with(const lf_forecast_spec *s, const region *r, const lf_model *energy,
                             const lf_model *peak)
{
    lf_forecast *f = NULL;
    lf_error err;
    cr_assert_eq(lf_forecast_run(s, energy, peak, r->history, NULL, r->cal, &f, &err), LF_OK,
                 "lf_forecast_run: %s", err.message);
    cr_assert_not_null(f);
    return f;
}

static lf_forecast *run(const lf_forecast_spec *s, const region *r)
{
    return run_with(s, r, r->energy, r->peak);
}

static lf_balance_demand *demand(const lf_forecast *f, const char *scenario, const char *high)
{
    lf_balance_demand *d = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_forecast(f, scenario, high, &d, &err), LF_OK,
                 "demand (%s, %s): %s", scenario ? scenario : "NULL", high, err.message);
    cr_assert_not_null(d);
    return d;
}

static lf_balance_daily *daily(const lf_forecast *f, const char *scenario, const char *high)
{
    lf_balance_daily *d = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_daily_from_forecast(f, scenario, high, &d, &err), LF_OK,
                 "daily (%s, %s): %s", scenario ? scenario : "NULL", high, err.message);
    cr_assert_not_null(d);
    return d;
}

/* ---- hand checks against the forecast's periods --------------------------------------- */

/* Demand d is scenario s's month periods first..first + nmonths - 1, at
 * quantile indices k50 and kh. */
static void expect_demand(const lf_balance_demand *d, const lf_forecast *f, size_t s,
                          size_t first, size_t nmonths, size_t k50, size_t kh)
{
    size_t n;
    const lf_forecast_period *p = lf_forecast_periods(f, s, LF_PERIOD_MONTH, &n);
    cr_assert(first + nmonths <= n);
    cr_assert_eq(d->nmonths, nmonths);
    cr_assert_eq(d->year, p[first].year);
    cr_assert_eq(d->month, p[first].month);
    for (size_t k = 0; k < nmonths; k++) {
        const lf_forecast_period *m = &p[first + k];
        cr_assert_eq(m->days, m->calendar_days, "month %zu is whole", k);
        near(d->energy_p50[k], m->value[LF_MEASURE_ENERGY].q[k50], "energy p50", k);
        near(d->energy_high[k], m->value[LF_MEASURE_ENERGY].q[kh], "energy high", k);
        near(d->peak_p50[k], m->value[LF_MEASURE_PEAK].q[k50], "peak p50", k);
        near(d->peak_high[k], m->value[LF_MEASURE_PEAK].q[kh], "peak high", k);
    }
}

/* Daily peaks d are every day of scenario s at quantile index kh. */
static void expect_daily(const lf_balance_daily *d, const lf_forecast *f, size_t s, size_t kh)
{
    size_t n;
    const lf_forecast_period *p = lf_forecast_periods(f, s, LF_PERIOD_DAY, &n);
    const lf_forecast_spec *spec = lf_forecast_spec_of(f);
    cr_assert_eq(n, (size_t)(spec->last - spec->first) + 1);
    cr_assert_eq(d->first, spec->first);
    cr_assert_eq(d->ndays, n);
    for (size_t t = 0; t < n; t++) {
        cr_assert_eq(p[t].first, spec->first + (lf_date)t);
        near(d->peak_mw[t], p[t].value[LF_MEASURE_PEAK].q[kh], "daily peak", t);
    }
}

/* ---- the fixture itself ------------------------------------------------------------------ */

/* Months Jan (17 of 31 days), Feb, Mar whole, Apr (10 of 30); in every month
 * and day the three quantiles are distinct, and each month's and day's values
 * differ between low and high, so every check below can tell them apart. */
Test(balance_forecast, fixture_is_discriminating)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    cr_assert_eq(lf_forecast_nscenarios(f), 2);
    cr_assert_str_eq(lf_forecast_scenario_name(f, 0), "low");
    cr_assert_str_eq(lf_forecast_scenario_name(f, 1), "high");
    size_t n, n1, nd, nd1;
    const lf_forecast_period *lo = lf_forecast_periods(f, 0, LF_PERIOD_MONTH, &n);
    const lf_forecast_period *hi = lf_forecast_periods(f, 1, LF_PERIOD_MONTH, &n1);
    cr_assert(n == 4 && n1 == 4, "%zu months", n);
    const int days[] = {17, 28, 31, 10}, cal[] = {31, 28, 31, 30};
    for (size_t k = 0; k < 4; k++) {
        cr_assert_eq(lo[k].year, 2025);
        cr_assert_eq(lo[k].month, (int)k + 1);
        cr_assert_eq(lo[k].days, days[k]);
        cr_assert_eq(lo[k].calendar_days, cal[k]);
        for (int m = LF_MEASURE_ENERGY; m <= LF_MEASURE_PEAK; m++) {
            const double *q = lo[k].value[m].q, *qh = hi[k].value[m].q;
            cr_assert(q[0] < q[1] && q[1] < q[2], "month %zu measure %d", k, m);
            cr_assert(qh[0] < qh[1] && qh[1] < qh[2], "month %zu measure %d", k, m);
            for (size_t j = 0; j < 3; j++)
                cr_assert(fabs(q[j] - qh[j]) > 1e-6, "month %zu measure %d q%zu", k, m, j);
        }
    }
    const lf_forecast_period *dlo = lf_forecast_periods(f, 0, LF_PERIOD_DAY, &nd);
    const lf_forecast_period *dhi = lf_forecast_periods(f, 1, LF_PERIOD_DAY, &nd1);
    cr_assert(nd == 86 && nd1 == 86, "%zu days", nd); /* 17 + 28 + 31 + 10 */
    for (size_t t = 0; t < nd; t++) {
        const double *q = dlo[t].value[LF_MEASURE_PEAK].q, *qh = dhi[t].value[LF_MEASURE_PEAK].q;
        cr_assert(q[0] < q[1] && q[1] < q[2], "day %zu", t);
        cr_assert(fabs(q[2] - qh[2]) > 1e-6, "day %zu", t);
    }
    lf_forecast_free(f);
    region_free(&r);
}

/* ---- lf_balance_demand_from_forecast ----------------------------------------------------- */

/* Each scenario by name: February and March (month periods 1 and 2), P50 =
 * q[1], p90 = q[2]; the labels are copied. */
Test(balance_forecast, demand_of_each_scenario_whole_months_only)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    const char *names[] = {"low", "high"};
    for (size_t sc = 0; sc < 2; sc++) {
        lf_balance_demand *d = demand(f, names[sc], "p90");
        cr_assert_eq(d->year, 2025);
        cr_assert_eq(d->month, 2, "the partial January is left out");
        cr_assert_eq(d->nmonths, 2, "the partial April is left out");
        expect_demand(d, f, sc, 1, 2, 1, 2);
        cr_assert_str_eq(d->scenario, names[sc]);
        cr_assert_str_eq(d->high_label, "p90");
        lf_balance_demand_free(d);
    }
    lf_forecast_free(f);
    region_free(&r);
}

/* No scenario: the first ("low"), named in the result. */
Test(balance_forecast, demand_null_scenario_is_the_first)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    lf_balance_demand *d = demand(f, NULL, "p90");
    expect_demand(d, f, 0, 1, 2, 1, 2);
    cr_assert_str_eq(d->scenario, "low");
    lf_balance_demand_free(d);
    lf_forecast_free(f);
    region_free(&r);
}

/* Quantiles 0.5, 0.75, 0.9, 0.99: P50 is index 0 and p90 index 2 (not the
 * default's 1 and 2); p99 is index 3.  Quantiles 0.025, 0.5, 0.975: p97.5. */
Test(balance_forecast, demand_finds_the_quantile_indices)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    const double q4[] = {0.5, 0.75, 0.9, 0.99};
    set_quantiles(&s, 4, q4);
    lf_forecast *f = run(&s, &r);
    lf_balance_demand *d = demand(f, "high", "p90");
    expect_demand(d, f, 1, 1, 2, 0, 2);
    lf_balance_demand_free(d);
    d = demand(f, "low", "p99");
    expect_demand(d, f, 0, 1, 2, 0, 3);
    cr_assert_str_eq(d->high_label, "p99");
    lf_balance_demand_free(d);
    lf_forecast_free(f);

    const double q3[] = {0.025, 0.5, 0.975};
    set_quantiles(&s, 3, q3);
    f = run(&s, &r);
    d = demand(f, "low", "p97.5");
    expect_demand(d, f, 0, 1, 2, 1, 2);
    cr_assert_str_eq(d->high_label, "p97.5");
    lf_balance_demand_free(d);
    lf_forecast_free(f);
    region_free(&r);
}

/* A forecast of whole months only (history to 2025-01-31, forecast
 * 2025-02-01..2025-03-31): both months kept, the first is February. */
Test(balance_forecast, demand_keeps_whole_first_and_last_months)
{
    region r = region_until(D(2025, 1, 31));
    lf_forecast_spec s = spec_of(D(2025, 2, 1), D(2025, 3, 31));
    lf_forecast *f = run(&s, &r);
    lf_balance_demand *d = demand(f, "high", "p90");
    cr_assert_eq(d->year, 2025);
    cr_assert_eq(d->month, 2);
    cr_assert_eq(d->nmonths, 2);
    expect_demand(d, f, 1, 0, 2, 1, 2);
    lf_balance_demand_free(d);
    lf_forecast_free(f);
    region_free(&r);
}

/* 2025-01-15 .. 2045-02-10 has 240 whole months (Feb 2025 .. Jan 2045), the
 * most a plan takes; to 2045-03-10 it has 241: LF_ERR_DATA.  One path (no
 * model error, no weather) and one scenario keep it cheap. */
Test(balance_forecast, demand_at_most_240_months)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    s.error = LF_PATH_ERROR_NONE;
    s.nscenarios = 0;
    s.last = D(2045, 2, 10);
    lf_forecast *f = run(&s, &r);
    lf_balance_demand *d = demand(f, NULL, "p90");
    cr_assert_eq(d->nmonths, 240);
    cr_assert(d->year == 2025 && d->month == 2);
    cr_assert_str_eq(d->scenario, "base");
    expect_demand(d, f, 0, 1, 240, 1, 2);
    lf_balance_demand_free(d);
    lf_forecast_free(f);

    s.last = D(2045, 3, 10);
    f = run(&s, &r);
    static lf_balance_demand sentinel;
    d = &sentinel;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_forecast(f, NULL, "p90", &d, &err), LF_ERR_DATA);
    cr_assert_eq(err.code, LF_ERR_DATA);
    cr_assert_null(d);
    has(&err, "241 whole months");
    lf_forecast_free(f);
    region_free(&r);
}

/* ---- lf_balance_daily_from_forecast ------------------------------------------------------ */

/* Every forecast day from 2025-01-15 (86 days, the partial months too), the
 * day periods' peak at the high quantile, of the scenario named. */
Test(balance_forecast, daily_every_day_of_each_scenario)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    const char *names[] = {"low", "high"};
    for (size_t sc = 0; sc < 2; sc++) {
        lf_balance_daily *d = daily(f, names[sc], "p90");
        cr_assert_eq(d->first, D(2025, 1, 15));
        cr_assert_eq(d->ndays, 86);
        expect_daily(d, f, sc, 2);
        cr_assert_str_eq(d->scenario, names[sc]);
        cr_assert_str_eq(d->high_label, "p90");
        lf_balance_daily_free(d);
    }
    lf_balance_daily *d = daily(f, NULL, "p90");
    expect_daily(d, f, 0, 2);
    cr_assert_str_eq(d->scenario, "low");
    lf_balance_daily_free(d);
    lf_forecast_free(f);
    region_free(&r);
}

/* Quantiles 0.5, 0.75, 0.9, 0.99: p90 is index 2, p99 index 3. */
Test(balance_forecast, daily_finds_the_quantile_index)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    const double q4[] = {0.5, 0.75, 0.9, 0.99};
    set_quantiles(&s, 4, q4);
    lf_forecast *f = run(&s, &r);
    lf_balance_daily *d = daily(f, "high", "p90");
    expect_daily(d, f, 1, 2);
    lf_balance_daily_free(d);
    d = daily(f, "high", "p99");
    expect_daily(d, f, 1, 3);
    lf_balance_daily_free(d);
    lf_forecast_free(f);
    region_free(&r);
}

/* A forecast shorter than a month has daily peaks (16 days) but no demand. */
Test(balance_forecast, short_forecast_daily_yes_demand_no)
{
    region r = region_new();
    lf_forecast_spec s = spec_of(D(2025, 1, 10), D(2025, 1, 25));
    lf_forecast *f = run(&s, &r);
    lf_balance_daily *d = daily(f, "high", "p90");
    cr_assert_eq(d->first, D(2025, 1, 10));
    cr_assert_eq(d->ndays, 16);
    expect_daily(d, f, 1, 2);
    lf_balance_daily_free(d);
    static lf_balance_demand sentinel;
    lf_balance_demand *m = &sentinel;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_forecast(f, "high", "p90", &m, &err), LF_ERR_DATA);
    cr_assert_eq(err.code, LF_ERR_DATA);
    cr_assert_null(m);
    has(&err, "0 whole months");
    lf_forecast_free(f);
    region_free(&r);
}

/* ---- errors ------------------------------------------------------------------------------ */

/* Both readers fail with code and words, leave *out NULL, and return the
 * code with a NULL error record too. */
static void expect_both_fail(const lf_forecast *f, const char *scenario, const char *high,
                             int code, const char *words, const char *words2)
{
    static lf_balance_demand sd;
    static lf_balance_daily sy;
    lf_balance_demand *d = &sd;
    lf_balance_daily *y = &sy;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_forecast(f, scenario, high, &d, &err), code,
                 "demand (%s, %s): '%s'", scenario ? scenario : "NULL", high ? high : "NULL",
                 err.message);
    cr_assert_eq(err.code, code);
    cr_assert_null(d, "demand: *out must be NULL on error");
    has(&err, words);
    if (words2)
        has(&err, words2);
    cr_assert_eq(lf_balance_daily_from_forecast(f, scenario, high, &y, &err), code,
                 "daily (%s, %s): '%s'", scenario ? scenario : "NULL", high ? high : "NULL",
                 err.message);
    cr_assert_eq(err.code, code);
    cr_assert_null(y, "daily: *out must be NULL on error");
    has(&err, words);
    if (words2)
        has(&err, words2);
    d = &sd;
    y = &sy;
    cr_assert_eq(lf_balance_demand_from_forecast(f, scenario, high, &d, NULL), code);
    cr_assert_null(d);
    cr_assert_eq(lf_balance_daily_from_forecast(f, scenario, high, &y, NULL), code);
    cr_assert_null(y);
}

Test(balance_forecast_errors, unknown_scenario_lists_the_scenarios)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    expect_both_fail(f, "mid", "p90", LF_ERR_ARG, "'mid'", "(it has low, high)");
    expect_both_fail(f, "", "p90", LF_ERR_ARG, "no scenario ''", "low, high");
    expect_both_fail(f, "LOW", "p90", LF_ERR_ARG, "'LOW'", "low, high"); /* names are exact */
    lf_forecast_free(f);
    region_free(&r);
}

Test(balance_forecast_errors, unknown_quantile_lists_the_quantiles)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    expect_both_fail(f, "low", "p95", LF_ERR_ARG, "no quantile p95", "(it has p10, p50, p90)");
    expect_both_fail(f, NULL, "x", LF_ERR_ARG, "no quantile x", "p10, p50, p90");
    lf_forecast_free(f);
    /* a forecast without 0.9 has no p90 */
    const double q[] = {0.1, 0.5, 0.95};
    set_quantiles(&s, 3, q);
    f = run(&s, &r);
    expect_both_fail(f, "high", "p90", LF_ERR_ARG, "no quantile p90", "(it has p10, p50, p95)");
    lf_forecast_free(f);
    region_free(&r);
}

/* A high quantile below the median is no plan's quantile: refused before
 * any month is taken (the CSV reader refuses it at the file's first row). */
Test(balance_forecast_errors, high_quantile_below_the_p50)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    expect_both_fail(f, "low", "p10", LF_ERR_ARG, "p10 is below the P50", NULL);
    lf_forecast_free(f);
    region_free(&r);
}

/* The label in either case, as the CSV readers take "P90". */
Test(balance_forecast, upper_case_label_is_the_same_quantile)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    lf_balance_demand *lower = demand(f, "high", "p90"), *upper = demand(f, "high", "P90");
    cr_assert_eq(upper->nmonths, lower->nmonths);
    for (size_t k = 0; k < lower->nmonths; k++) {
        cr_assert_eq(upper->energy_high[k], lower->energy_high[k]);
        cr_assert_eq(upper->peak_high[k], lower->peak_high[k]);
    }
    lf_balance_demand_free(lower);
    lf_balance_demand_free(upper);
    lf_forecast_free(f);
    region_free(&r);
}

/* A forecast without 0.5 has no P50 for the demand, and the daily peaks,
 * which share the readers' checks, refuse it too. */
Test(balance_forecast_errors, forecast_without_p50)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    const double q[] = {0.1, 0.9};
    set_quantiles(&s, 2, q);
    lf_forecast *f = run(&s, &r);
    expect_both_fail(f, "low", "p90", LF_ERR_ARG, "no quantile p50", "(it has p10, p90)");
    lf_forecast_free(f);
    region_free(&r);
}

/* lf_balance_check_label's rules: not P50 (any case), 1..15 letters, digits,
 * '.', '_', '-'; a label is required. */
Test(balance_forecast_errors, bad_high_labels)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    expect_both_fail(f, "low", "p50", LF_ERR_ARG, "median", NULL);
    expect_both_fail(f, "low", "P50", LF_ERR_ARG, "median", NULL);
    expect_both_fail(f, "low", "", LF_ERR_ARG, "label ''", NULL);
    expect_both_fail(f, "low", "p 90", LF_ERR_ARG, "label 'p 90'", NULL);
    expect_both_fail(f, "low", "p90,p10", LF_ERR_ARG, "label 'p90,p10'", NULL);
    expect_both_fail(f, "low", "p1234567890abcde", LF_ERR_ARG, "1 to 15", NULL); /* 16 */
    expect_both_fail(f, "low", NULL, LF_ERR_ARG, "such as p90", NULL);
    /* the label is checked before the scenario */
    expect_both_fail(f, "mid", "p50", LF_ERR_ARG, "median", NULL);
    lf_forecast_free(f);
    region_free(&r);
}

Test(balance_forecast_errors, null_forecast_and_null_out)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    expect_both_fail(NULL, "low", "p90", LF_ERR_ARG, "no forecast", NULL);
    expect_both_fail(NULL, NULL, "p90", LF_ERR_ARG, "no forecast", NULL);
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_forecast(f, "low", "p90", NULL, &err), LF_ERR_ARG);
    cr_assert_eq(err.code, LF_ERR_ARG);
    has(&err, "out is NULL");
    cr_assert_eq(lf_balance_daily_from_forecast(f, "low", "p90", NULL, &err), LF_ERR_ARG);
    cr_assert_eq(err.code, LF_ERR_ARG);
    has(&err, "out is NULL");
    cr_assert_eq(lf_balance_demand_from_forecast(NULL, "low", "p90", NULL, NULL), LF_ERR_ARG);
    cr_assert_eq(lf_balance_daily_from_forecast(NULL, "low", "p90", NULL, NULL), LF_ERR_ARG);
    lf_forecast_free(f);
    region_free(&r);
}

/* No peak model: neither the monthly peak nor the daily peaks exist. */
Test(balance_forecast_errors, forecast_without_peak_model)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run_with(&s, &r, r.energy, NULL);
    static lf_balance_demand sd;
    static lf_balance_daily sy;
    lf_balance_demand *d = &sd;
    lf_balance_daily *y = &sy;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_forecast(f, "high", "p90", &d, &err), LF_ERR_DATA);
    cr_assert_eq(err.code, LF_ERR_DATA);
    cr_assert_null(d);
    has(&err, "no peak model");
    cr_assert_eq(lf_balance_daily_from_forecast(f, "high", "p90", &y, &err), LF_ERR_DATA);
    cr_assert_eq(err.code, LF_ERR_DATA);
    cr_assert_null(y);
    has(&err, "no daily peak");
    lf_forecast_free(f);
    region_free(&r);
}

/* No energy model: no monthly demand, but the daily peaks are there. */
Test(balance_forecast_errors, forecast_without_energy_model)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run_with(&s, &r, NULL, r.peak);
    static lf_balance_demand sd;
    lf_balance_demand *d = &sd;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_forecast(f, "high", "p90", &d, &err), LF_ERR_DATA);
    cr_assert_eq(err.code, LF_ERR_DATA);
    cr_assert_null(d);
    has(&err, "no energy model");
    lf_balance_daily *y = daily(f, "high", "p90");
    expect_daily(y, f, 1, 2);
    lf_balance_daily_free(y);
    lf_forecast_free(f);
    region_free(&r);
}

/* ---- through the plan -------------------------------------------------------------------- */

/* Scenario high at p90 through lf_balance_spec_set_demand / _set_daily and
 * lf_balance_run, reserve 0.25.  Supply: own 30000 + purchases 8000 = 38000
 * MWh a month.  February's capacity is own_mw = 1.25 L with L the midpoint
 * of February's least and largest daily p90 peak, so limit_mw = L and the
 * days at risk are the February days above L; March has 1000 MW, no day at
 * risk.  By hand from the periods (E, P = month period energy and peak):
 *   energy_balance_p50 = 38000 - E.q50,   energy_balance_high = 38000 - E.q90
 *   required_mw = 1.25 P.q90,  capacity_balance_mw = own_mw - required_mw
 *   days_at_risk = #{Feb days: peak > L},  mw_days = sum (peak - L) over them */
Test(balance_forecast, demand_and_daily_through_the_plan)
{
    region r = region_new();
    lf_forecast_spec s = spec_new();
    lf_forecast *f = run(&s, &r);
    lf_balance_demand *d = demand(f, "high", "p90");
    lf_balance_daily *y = daily(f, "high", "p90");
    size_t n, nd;
    const lf_forecast_period *m = lf_forecast_periods(f, 1, LF_PERIOD_MONTH, &n);
    const lf_forecast_period *days = lf_forecast_periods(f, 1, LF_PERIOD_DAY, &nd);
    const lf_forecast_period *feb = &m[1], *fd = &days[D(2025, 2, 1) - s.first];
    cr_assert(feb->month == 2 && fd->first == D(2025, 2, 1));

    double lo = INFINITY, hi = -INFINITY;
    for (int t = 0; t < 28; t++) {
        lo = fmin(lo, fd[t].value[LF_MEASURE_PEAK].q[2]);
        hi = fmax(hi, fd[t].value[LF_MEASURE_PEAK].q[2]);
    }
    const double L = (lo + hi) / 2;
    double at_risk = 0, mw_days = 0;
    for (int t = 0; t < 28; t++) {
        double pk = fd[t].value[LF_MEASURE_PEAK].q[2];
        cr_assert(fabs(pk - L) > 1e-6, "day %d sits on the limit", t);
        if (pk > L) {
            at_risk += 1;
            mw_days += pk - L;
        }
    }
    cr_assert(at_risk >= 1 && at_risk <= 27);

    const double own_mwh[] = {30000, 30000}, purchase[] = {8000, 8000};
    const double own_mw[] = {1.25 * L, 1000};
    lf_balance_spec spec;
    lf_balance_spec_init(&spec);
    lf_error err;
    cr_assert_eq(lf_balance_spec_set_demand(&spec, d, 0, 0, 0, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_balance_spec_set_daily(&spec, y, &err), LF_OK, "%s", err.message);
    spec.reserve = 0.25;
    spec.own_mwh = own_mwh;
    spec.purchase_mwh = purchase;
    spec.own_mw = own_mw;
    lf_balance *b = NULL;
    cr_assert_eq(lf_balance_run(&spec, &b, &err), LF_OK, "%s", err.message);
    cr_assert_eq(b->nmonths, 2);
    cr_assert(b->year == 2025 && b->month == 2);
    cr_assert_eq(b->has_daily, 1);
    cr_assert_str_eq(b->scenario, "high");
    cr_assert_str_eq(b->high_label, "p90");

    const lf_balance_month *bm = &b->months[0];
    const double *e = feb->value[LF_MEASURE_ENERGY].q, *p = feb->value[LF_MEASURE_PEAK].q;
    cr_assert(bm->year == 2025 && bm->month == 2 && bm->days == 28);
    near(bm->supply_mwh, 38000, "supply", 0);
    near(bm->energy_balance_p50, 38000 - e[1], "energy balance p50", 0);
    near(bm->energy_balance_high, 38000 - e[2], "energy balance p90", 0);
    near(bm->required_mw, 1.25 * p[2], "required", 0);
    near(bm->capacity_balance_mw, 1.25 * L - 1.25 * p[2], "capacity balance", 0);
    near(bm->limit_mw, L, "limit", 0);
    cr_assert_eq(bm->days_at_risk, at_risk, "days at risk %g, want %g", bm->days_at_risk,
                 at_risk);
    near(bm->mw_days_at_risk, mw_days, "MW-days at risk", 0);
    /* March: plenty of capacity, no day at risk */
    near(b->months[1].energy_balance_high, 38000 - m[2].value[LF_MEASURE_ENERGY].q[2],
         "march energy balance p90", 1);
    cr_assert_eq(b->months[1].days_at_risk, 0);
    near(b->totals.energy_p50,
         e[1] + m[2].value[LF_MEASURE_ENERGY].q[1], "total energy p50", 0);

    lf_balance_free(b);
    lf_balance_daily_free(y);
    lf_balance_demand_free(d);
    lf_forecast_free(f);
    region_free(&r);
}
