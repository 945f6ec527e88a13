/* test_forecast.c - forecast products (libforecast/forecast/forecast_run.c,
 * forecast_periods.c, forecast_spec.c) and weather normalization of history
 * (normalize.c), on a synthetic region small enough to work out by hand.
 *
 * The region: weather 2017..2022 (six complete source years), history
 * 2020..2022.  Temperature is a formula of the date, so every expected value
 * below is computed from the formula, never read back from a frame:
 *   T(Y, m, d) = (Y - 2000) + spike, spike = 10 + (Y - 2017) on day
 *   1 + ((Y - 2017) 5 + m) mod 28 of every month, else 0.
 * Each year's spike falls on a different day with a different size, so in a
 * month the mean over years of each year's peak (the documented 50/50 peak)
 * is not the peak of the averaged days.  Load is exactly linear:
 *   energy_mwh = 200 + 5 T,  peak_mw = 12 + 0.3 T
 * so regressions on T fit exactly and a forecast path is a formula too.
 * Tests about random draws add a fixed pseudo-random noise instead. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast.h"

#define Y0 2017      /* first weather year */
#define NY 6         /* weather years */
#define AE 200.0     /* energy = AE + BE T */
#define BE 5.0
#define AP 12.0      /* peak = AP + BP T */
#define BP 0.3
#define GDP_COEF 2.0 /* energy += GDP_COEF gdp in the economy tests */

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

/* got == want to 1e-9 relative; NEARF adds a context (format and arguments). */
#define NEARF(got, want, fmt, ...)                                                        \
    do {                                                                                  \
        double g_ = (got), w_ = (want);                                                   \
        cr_assert(fabs(g_ - w_) <= 1e-9 * fmax(1.0, fabs(w_)),                            \
                  "%s = %.17g, want %.17g " fmt, #got, g_, w_, __VA_ARGS__);              \
    } while (0)
#define NEAR(got, want) NEARF(got, want, "%s", "")

/* ---- the synthetic region ------------------------------------------------------------- */

static int spike_day(int y, int m) { return 1 + ((y - Y0) * 5 + m) % 28; }

static double temp(int y, int m, int d)
{
    return (double)(y - 2000) + (d == spike_day(y, m) ? 10.0 + (double)(y - Y0) : 0.0);
}

static double temp_on(lf_date day)
{
    int y, m, d;
    lf_date_to_ymd(day, &y, &m, &d);
    return temp(y, m, d);
}

/* Temperature forecast day `day` takes from source year y: same month and
 * day; 29 February from a common year is its 28 February (scenario.h). */
static double source_temp(lf_date day, int y)
{
    int fy, m, d;
    lf_date_to_ymd(day, &fy, &m, &d);
    if (m == 2 && d == 29 && !lf_is_leap_year(y))
        d = 28;
    return temp(y, m, d);
}

/* Source year of scenario j for `day` when the forecast starts in year fy0:
 * consecutive years from Y0 + j, wrapping after the newest. */
static int scenario_year(size_t j, lf_date day, int fy0)
{
    return Y0 + (int)((j + (size_t)(lf_date_year(day) - fy0)) % NY);
}

/* A fixed pseudo-random number in [-10, 10) for (day, salt). */
static double noise(lf_date day, unsigned salt)
{
    uint32_t s = (uint32_t)day * 2654435761u ^ salt * 40503u;
    s = s * 1103515245u + 12345u;
    s = s * 1103515245u + 12345u;
    return ((double)(s >> 8 & 0xffff) / 65536.0 - 0.5) * 20;
}

static lf_frame *new_frame(lf_date first, lf_date last)
{
    lf_error err;
    lf_frame *f = lf_frame_new(first, (size_t)(last - first) + 1, &err);
    cr_assert_not_null(f, "%s", err.message);
    return f;
}

static double *column(lf_frame *f, const char *name)
{
    lf_error err;
    double *v = lf_frame_add_column(f, name, "", &err);
    cr_assert_not_null(v, "%s", err.message);
    return v;
}

static lf_frame *weather_frame(void)
{
    lf_frame *w = new_frame(D(Y0, 1, 1), D(Y0 + NY - 1, 12, 31));
    double *t = column(w, "tmean_c");
    for (size_t r = 0; r < w->ndays; r++)
        t[r] = temp_on(w->start + (lf_date)r);
    return w;
}

/* History 2020-01-01..last; with `noisy` the loads get the fixed noise (so
 * the models have residuals to bootstrap and a sigma to simulate with). */
static lf_frame *history_frame(int noisy, lf_date last)
{
    lf_frame *h = new_frame(D(2020, 1, 1), last);
    double *t = column(h, "tmean_c"), *e = column(h, "energy_mwh"), *p = column(h, "peak_mw");
    for (size_t r = 0; r < h->ndays; r++) {
        lf_date d = h->start + (lf_date)r;
        t[r] = temp_on(d);
        e[r] = AE + BE * t[r] + (noisy ? noise(d, 1) : 0);
        p[r] = AP + BP * t[r] + (noisy ? 0.1 * noise(d, 2) : 0);
    }
    return h;
}

/* gdp = 100 + 0.01 (days since 2020-01-01), and energy gets GDP_COEF gdp. */
static void add_gdp(lf_frame *h)
{
    double *g = column(h, "gdp"), *e = lf_frame_column(h, "energy_mwh");
    for (size_t r = 0; r < h->ndays; r++) {
        g[r] = 100 + 0.01 * (double)r;
        e[r] += GDP_COEF * g[r];
    }
}

static lf_calendar *calendar(void)
{
    lf_calendar *cal = lf_calendar_new(2015, 2030, NULL);
    cr_assert_not_null(cal);
    return cal;
}

/* A regression of target on intercept + T (and gdp when asked). */
static lf_model *fit(const lf_frame *h, const lf_calendar *cal, const char *target, int gdp)
{
    lf_model_spec spec;
    lf_model_spec_init(&spec);
    strcpy(spec.target, target);
    spec.features.temperature.polynomial = 1;
    if (gdp) {
        spec.features.neconomy = 1;
        strcpy(spec.features.economy[0].column, "gdp");
    }
    lf_model *m = NULL;
    lf_error err;
    cr_assert_eq(lf_model_fit(&spec, h, cal, h->start, lf_frame_end(h), &m, &err), LF_OK,
                 "lf_model_fit: %s", err.message);
    return m;
}

/* Everything a forecast reads, built once per test. */
typedef struct region {
    lf_frame *history, *weather;
    lf_calendar *cal;
    lf_model *energy, *peak;
} region;

/* History to `last` (a forecast starts at the latest the day after). */
static region region_until(int noisy, int gdp, lf_date last)
{
    region r = {.history = history_frame(noisy, last), .weather = weather_frame(),
                .cal = calendar()};
    if (gdp)
        add_gdp(r.history);
    r.energy = fit(r.history, r.cal, "energy_mwh", gdp);
    r.peak = fit(r.history, r.cal, "peak_mw", 0);
    return r;
}

/* The usual region: history 2020..2022. */
static region region_new(int noisy, int gdp)
{
    return region_until(noisy, gdp, D(2022, 12, 31));
}

static void region_free(region *r)
{
    lf_model_free(r->energy);
    lf_model_free(r->peak);
    lf_calendar_free(r->cal);
    lf_frame_free(r->weather);
    lf_frame_free(r->history);
}

/* A spec for first..last with no model error (one path per weather year). */
static lf_forecast_spec spec_none(lf_date first, lf_date last)
{
    lf_forecast_spec s;
    lf_forecast_spec_init(&s);
    s.first = first;
    s.last = last;
    s.error = LF_PATH_ERROR_NONE;
    return s;
}

static lf_forecast *run(const lf_forecast_spec *s, const region *r)
{
    lf_forecast *f = NULL;
    lf_error err;
    cr_assert_eq(lf_forecast_run(s, r->energy, r->peak, r->history, r->weather, r->cal, &f,
                                 &err),
                 LF_OK, "lf_forecast_run: %s", err.message);
    cr_assert_not_null(f);
    return f;
}

static const double *paths(const lf_forecast *f, size_t s, lf_measure m, size_t *np,
                           size_t *nd)
{
    const double *p = lf_forecast_paths(f, s, m, np, nd);
    cr_assert_not_null(p, "no %s paths", lf_measure_name(m));
    return p;
}

/* The period of kind whose first day is `first`. */
static const lf_forecast_period *period_at(const lf_forecast *f, size_t s,
                                           lf_period_kind kind, lf_date first)
{
    size_t n;
    const lf_forecast_period *p = lf_forecast_periods(f, s, kind, &n);
    for (size_t i = 0; i < n; i++)
        if (p[i].first == first)
            return &p[i];
    cr_assert_fail("no period starting on day %ld", (long)first);
    return NULL;
}

/* Mean training temperature: what the decomposition is relative to. */
static double mean_history_temp(void)
{
    double sum = 0;
    lf_date a = D(2020, 1, 1), b = D(2022, 12, 31);
    for (lf_date d = a; d <= b; d++)
        sum += temp_on(d);
    return sum / (double)(b - a + 1);
}

/* ---- lf_quantile ------------------------------------------------------------------------- */

/* Type 7: h = (n - 1) p, x[floor h] + frac(h) (x[floor h + 1] - x[floor h]);
 * the values are numpy.quantile's (default method 'linear'). */
Test(quantile, type7_on_one_to_ten)
{
    double x[10];
    for (int i = 0; i < 10; i++)
        x[i] = 10 - i; /* reversed: lf_quantile sorts */
    NEAR(lf_quantile(x, 10, 0.1), 1.9);  /* h = 0.9 */
    NEAR(lf_quantile(x, 10, 0.5), 5.5);  /* h = 4.5 */
    NEAR(lf_quantile(x, 10, 0.9), 9.1);  /* h = 8.1 */
    NEAR(lf_quantile(x, 10, 0.25), 3.25); /* h = 2.25 */
    cr_assert_eq(lf_quantile(x, 10, 0), 1);
    cr_assert_eq(lf_quantile(x, 10, 1), 10);
    for (int i = 0; i < 10; i++)
        cr_assert_eq(x[i], i + 1, "sorted in place");
}

Test(quantile, unsorted_with_ties_and_edge_cases)
{
    /* sorted: 1 1 2 3 4 5 6 9; numpy.quantile gives these */
    double x[8] = {3, 1, 4, 1, 5, 9, 2, 6};
    NEAR(lf_quantile(x, 8, 0.25), 1.75); /* h = 1.75: 1 + 0.75 (2 - 1) */
    NEAR(lf_quantile(x, 8, 0.3), 2.1);   /* h = 2.1 */
    NEAR(lf_quantile(x, 8, 0.9), 6.9);   /* h = 6.3: 6 + 0.3 (9 - 6) */
    NEAR(lf_quantile(x, 8, 0.5), 3.5);
    double one = 42;
    cr_assert_eq(lf_quantile(&one, 1, 0), 42);
    cr_assert_eq(lf_quantile(&one, 1, 0.37), 42);
    cr_assert_eq(lf_quantile(&one, 1, 1), 42);
    double two[2] = {5, -5};
    NEAR(lf_quantile(two, 2, 0.75), 2.5);
    cr_assert(isnan(lf_quantile(two, 0, 0.5)));
}

/* ---- spec -------------------------------------------------------------------------------- */

Test(forecast_spec, defaults_and_names)
{
    lf_forecast_spec s;
    memset(&s, 0x5a, sizeof s);
    lf_forecast_spec_init(&s);
    cr_assert_eq(s.nquantiles, 3);
    cr_assert(s.quantiles[0] == 0.1 && s.quantiles[1] == 0.5 && s.quantiles[2] == 0.9);
    cr_assert_eq(s.error, LF_PATH_ERROR_BOOTSTRAP);
    cr_assert_eq(s.residuals, LF_RESIDUALS_AUTO);
    cr_assert_eq(s.origin_min_days, 730);
    cr_assert_eq(s.origin_step_days, 91);
    cr_assert_str_eq(lf_residuals_name(LF_RESIDUALS_OUT_OF_SAMPLE), "out_of_sample");
    cr_assert_eq(s.paths_per_weather, 20);
    cr_assert_eq(s.block_days, 30);
    cr_assert_eq(s.seed, 1);
    cr_assert_eq(s.nscenarios, 0);
    cr_assert_eq(s.nconnections, 0);
    cr_assert_eq(s.weather.normal, LF_NORMAL_SCENARIO_MEAN);
    cr_assert_str_eq(lf_path_error_name(LF_PATH_ERROR_NONE), "none");
    cr_assert_str_eq(lf_path_error_name(LF_PATH_ERROR_BOOTSTRAP), "bootstrap");
    cr_assert_str_eq(lf_path_error_name(LF_PATH_ERROR_MODEL), "model");
    cr_assert_str_eq(lf_measure_name(LF_MEASURE_ENERGY), "energy_mwh");
    cr_assert_str_eq(lf_measure_name(LF_MEASURE_PEAK), "peak_mw");
    cr_assert_str_eq(lf_measure_name(LF_MEASURE_LOAD_FACTOR), "load_factor");
}

static void expect_arg(const lf_forecast_spec *s, const char *words)
{
    lf_error err;
    cr_assert_eq(lf_forecast_spec_check(s, &err), LF_ERR_ARG, "accepted (%s)", words);
    cr_assert_not_null(strstr(err.message, words), "'%s' lacks '%s'", err.message, words);
}

Test(forecast_spec, check_refuses_bad_fields)
{
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 12, 31)), b;
    s.error = LF_PATH_ERROR_BOOTSTRAP;
    cr_assert_eq(lf_forecast_spec_check(&s, NULL), LF_OK);
    b = s; b.quantiles[1] = 0.05; expect_arg(&b, "increase");
    b = s; b.quantiles[2] = 0.5; expect_arg(&b, "increase"); /* equal is not increasing */
    b = s; b.quantiles[0] = 0; expect_arg(&b, "inside (0, 1)");
    b = s; b.quantiles[2] = 1; expect_arg(&b, "inside (0, 1)");
    b = s; b.nquantiles = LF_QUANTILE_MAX + 1; expect_arg(&b, "at most");
    b = s; b.last = b.first - 1; expect_arg(&b, "before its first");
    b = s; b.paths_per_weather = 0; expect_arg(&b, "paths per weather");
    b = s; b.block_days = 0; expect_arg(&b, "blocks");
    b = s; b.nscenarios = 1; expect_arg(&b, "no name");
    b = s; b.origin_min_days = 0; expect_arg(&b, "origin_min_days");
    b = s; b.origin_step_days = 0; expect_arg(&b, "origin_step_days");
    b = s; b.residuals = (lf_residuals)7; expect_arg(&b, "residual pool");
    /* paths_per_weather is ignored without model error */
    b = s; b.error = LF_PATH_ERROR_NONE; b.paths_per_weather = 0;
    cr_assert_eq(lf_forecast_spec_check(&b, NULL), LF_OK);
}

/* ---- paths and periods without model error ------------------------------------------------ */

/* One path per source year, path j = 200 + 5 T(Y0 + j, same day) exactly. */
Test(forecast, paths_follow_each_source_year)
{
    region r = region_new(0, 0);
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 12, 31));
    lf_forecast *f = run(&s, &r);
    cr_assert_eq(lf_forecast_npaths(f), NY);
    cr_assert_eq(lf_forecast_nscenarios(f), 1);
    cr_assert_str_eq(lf_forecast_scenario_name(f, 0), "base");
    cr_assert_null(lf_forecast_scenario_name(f, 1));
    cr_assert_eq(lf_forecast_weather(f)->n, NY);
    size_t np, nd, np2, nd2;
    const double *e = paths(f, 0, LF_MEASURE_ENERGY, &np, &nd);
    const double *p = paths(f, 0, LF_MEASURE_PEAK, &np2, &nd2);
    cr_assert(np == NY && nd == 365 && np2 == NY && nd2 == 365);
    cr_assert_null(lf_forecast_paths(f, 0, LF_MEASURE_LOAD_FACTOR, &np, &nd));
    cr_assert_null(lf_forecast_paths(f, 1, LF_MEASURE_ENERGY, &np, &nd));
    for (size_t j = 0; j < NY; j++)
        for (size_t i = 0; i < 365; i++) {
            double t = source_temp(s.first + (lf_date)i, Y0 + (int)j);
            NEARF(e[j * 365 + i], AE + BE * t, "path %zu day %zu", j, i);
            NEARF(p[j * 365 + i], AP + BP * t, "path %zu day %zu", j, i);
        }
    lf_forecast_free(f);
    region_free(&r);
}

/* Energy, peak and load factor of each path over days i0..i1. */
static void path_measures(const double *e, const double *p, size_t nd, size_t i0, size_t i1,
                          double out[3][NY])
{
    for (size_t j = 0; j < NY; j++) {
        double sum = 0, peak = -INFINITY;
        for (size_t i = i0; i <= i1; i++) {
            sum += e[j * nd + i];
            peak = fmax(peak, p[j * nd + i]);
        }
        out[0][j] = sum;
        out[1][j] = peak;
        out[2][j] = sum / (peak * 24.0 * (double)(i1 - i0 + 1));
    }
}

/* mean and the spec's quantiles of x, as the contract defines them. */
static void expect_value(const lf_forecast_value *v, const lf_forecast_spec *s,
                         const double *x, const char *what)
{
    double copy[NY], sum = 0;
    for (size_t j = 0; j < NY; j++)
        sum += x[j];
    NEARF(v->mean, sum / NY, "(%s mean)", what);
    for (size_t q = 0; q < s->nquantiles; q++) {
        memcpy(copy, x, sizeof copy);
        NEARF(v->q[q], lf_quantile(copy, NY, s->quantiles[q]), "(%s q%zu)", what, q);
    }
}

/* Every month of 2023 and the year: each measure's mean and quantiles over
 * the paths' own sums/peaks/load factors. */
Test(forecast, period_values_are_quantiles_of_the_paths)
{
    region r = region_new(0, 0);
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 12, 31));
    s.nquantiles = 4;
    s.quantiles[0] = 0.05; s.quantiles[1] = 0.3; s.quantiles[2] = 0.5; s.quantiles[3] = 0.95;
    lf_forecast *f = run(&s, &r);
    size_t np, nd, n;
    const double *e = paths(f, 0, LF_MEASURE_ENERGY, &np, &nd);
    const double *p = paths(f, 0, LF_MEASURE_PEAK, &np, &nd);
    const lf_forecast_period *months = lf_forecast_periods(f, 0, LF_PERIOD_MONTH, &n);
    cr_assert_eq(n, 12);
    for (size_t k = 0; k <= 12; k++) {
        const lf_forecast_period *pr = k < 12 ? &months[k]
                                              : lf_forecast_periods(f, 0, LF_PERIOD_YEAR, &n);
        cr_assert_eq(pr->month, k < 12 ? (int)k + 1 : 0);
        cr_assert_eq(pr->year, 2023);
        double x[3][NY];
        path_measures(e, p, nd, (size_t)(pr->first - s.first), (size_t)(pr->last - s.first), x);
        expect_value(&pr->value[LF_MEASURE_ENERGY], &s, x[0], "energy");
        expect_value(&pr->value[LF_MEASURE_PEAK], &s, x[1], "peak");
        expect_value(&pr->value[LF_MEASURE_LOAD_FACTOR], &s, x[2], "load factor");
    }
    cr_assert_eq(n, 1);
    lf_forecast_free(f);
    region_free(&r);
}

/* Expected normal of days i0..i1 over the normal source years y0..y0+ny-1
 * (for a one-year forecast): energy = sum of the mean day, peak = mean of
 * each year's largest day, and the peak of the averaged days. */
typedef struct normal_expect {
    double energy, peak, peak_of_mean;
    lf_date peak_of_mean_day;
} normal_expect;

static normal_expect expect_normal(lf_date first, size_t i0, size_t i1, int y0, int ny)
{
    normal_expect x = {0, 0, -INFINITY, 0};
    for (int y = y0; y < y0 + ny; y++) {
        double best = -INFINITY;
        for (size_t i = i0; i <= i1; i++)
            best = fmax(best, AP + BP * source_temp(first + (lf_date)i, y));
        x.peak += best / ny;
    }
    for (size_t i = i0; i <= i1; i++) {
        double t = 0;
        for (int y = y0; y < y0 + ny; y++)
            t += source_temp(first + (lf_date)i, y) / ny;
        x.energy += AE + BE * t;
        if (AP + BP * t > x.peak_of_mean) {
            x.peak_of_mean = AP + BP * t;
            x.peak_of_mean_day = first + (lf_date)i;
        }
    }
    return x;
}

static void expect_normal_period(const lf_forecast_period *pr, lf_date first, int y0, int ny)
{
    normal_expect x = expect_normal(first, (size_t)(pr->first - first),
                                    (size_t)(pr->last - first), y0, ny);
    NEARF(pr->value[LF_MEASURE_ENERGY].normal, x.energy, "(%d-%d)", pr->year, pr->month);
    NEARF(pr->value[LF_MEASURE_PEAK].normal, x.peak, "(%d-%d)", pr->year, pr->month);
    NEAR(pr->value[LF_MEASURE_LOAD_FACTOR].normal, x.energy / (x.peak * 24.0 * pr->days));
    cr_assert_eq(pr->normal_peak_date, x.peak_of_mean_day, "(%d-%d)", pr->year, pr->month);
}

/* Normal energy = mean over the six years; normal peak = mean of each
 * year's monthly peak, which the spikes on different days make larger than
 * the peak of the averaged days (asserted, so the test tells them apart). */
Test(forecast, normal_is_scenario_mean_and_fifty_fifty_peak)
{
    region r = region_new(0, 0);
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 12, 31));
    lf_forecast *f = run(&s, &r);
    size_t n;
    const lf_forecast_period *months = lf_forecast_periods(f, 0, LF_PERIOD_MONTH, &n);
    for (size_t k = 0; k < n; k++) {
        expect_normal_period(&months[k], s.first, Y0, NY);
        normal_expect x = expect_normal(s.first, (size_t)(months[k].first - s.first),
                                        (size_t)(months[k].last - s.first), Y0, NY);
        cr_assert_gt(x.peak - x.peak_of_mean, 0.5, "the two peaks must differ");
    }
    /* the year by hand: every year's peak is its spike, 12 + 0.3 (2 Y - 4017 + 10),
     * and the mean of 2Y - 4017 over 2017..2022 is 22: 12 + 0.3 x 32 = 21.6 */
    const lf_forecast_period *year = lf_forecast_periods(f, 0, LF_PERIOD_YEAR, &n);
    NEAR(year->value[LF_MEASURE_PEAK].normal, 21.6);
    expect_normal_period(year, s.first, Y0, NY);
    lf_forecast_free(f);
    region_free(&r);
}

/* normal_years 2: only the scenarios of 2021 and 2022 make the normal. */
Test(forecast, normal_years_takes_the_last_source_years)
{
    region r = region_new(0, 0);
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 12, 31));
    s.weather.normal_years = 2;
    lf_forecast *f = run(&s, &r);
    cr_assert_eq(lf_forecast_npaths(f), NY, "every year still makes a path");
    size_t n;
    const lf_forecast_period *months = lf_forecast_periods(f, 0, LF_PERIOD_MONTH, &n);
    for (size_t k = 0; k < n; k++)
        expect_normal_period(&months[k], s.first, 2021, 2);
    lf_forecast_free(f);
    region_free(&r);
}

/* The decomposition is relative to the average training day (Tbar):
 * base = 200 + 5 Tbar a day, weather = 5 (T - Tbar); nothing else moves. */
Test(forecast, drivers_add_up_to_the_normal)
{
    region r = region_new(0, 0);
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 12, 31));
    lf_forecast *f = run(&s, &r);
    double tbar = mean_history_temp();
    for (int kind = LF_PERIOD_MONTH; kind <= LF_PERIOD_YEAR; kind++) {
        size_t n;
        const lf_forecast_period *ps = lf_forecast_periods(f, 0, (lf_period_kind)kind, &n);
        for (size_t k = 0; k < n; k++) {
            const lf_forecast_period *pr = &ps[k];
            double se = pr->energy_connections, sp = pr->peak_connections;
            for (int g = 0; g < LF_DRIVER_COUNT; g++) {
                se += pr->energy_drivers[g];
                sp += pr->peak_drivers[g];
            }
            NEAR(se, pr->value[LF_MEASURE_ENERGY].normal);
            NEAR(sp, pr->value[LF_MEASURE_PEAK].normal);
            cr_assert_eq(pr->energy_connections, 0);
            NEAR(pr->energy_drivers[LF_DRIVER_BASE], pr->days * (AE + BE * tbar));
            NEAR(pr->peak_drivers[LF_DRIVER_BASE], AP + BP * tbar);
            double wd = pr->value[LF_MEASURE_ENERGY].normal - pr->days * (AE + BE * tbar);
            NEAR(pr->energy_drivers[LF_DRIVER_WEATHER], wd);
            NEAR(pr->peak_drivers[LF_DRIVER_WEATHER],
                 pr->value[LF_MEASURE_PEAK].normal - (AP + BP * tbar));
            for (int g = LF_DRIVER_TREND; g < LF_DRIVER_COUNT; g++)
                if (g != LF_DRIVER_WEATHER)
                    cr_assert(fabs(pr->energy_drivers[g]) < 1e-9 &&
                              fabs(pr->peak_drivers[g]) < 1e-9, "driver %d", g);
        }
    }
    lf_forecast_free(f);
    region_free(&r);
}

/* A forecast into a leap year that spans two calendar years: scenario j runs
 * through Y0 + j, then Y0 + j + 1 (2022 flows into 2017); 29 February 2024
 * takes 2020's own leap day or a common year's 28 February. */
Test(forecast, scenarios_run_through_consecutive_years)
{
    region r = region_until(0, 0, D(2023, 6, 30));
    lf_forecast_spec s = spec_none(D(2023, 7, 1), D(2024, 6, 30));
    lf_forecast *f = run(&s, &r);
    size_t np, nd, n;
    const double *e = paths(f, 0, LF_MEASURE_ENERGY, &np, &nd);
    cr_assert_eq(nd, 366);
    for (size_t j = 0; j < NY; j++)
        for (size_t i = 0; i < nd; i++) {
            lf_date d = s.first + (lf_date)i;
            NEARF(e[j * nd + i], AE + BE * source_temp(d, scenario_year(j, d, 2023)),
                 "path %zu day %zu", j, i);
        }
    /* spot checks by hand: scenario 5 in 2024 is 2017 (17 degC, no spike on 3 Jan);
     * scenario 2 on 2024-02-29 is 2020-02-29 (20 degC) */
    NEAR(e[5 * nd + (size_t)(D(2024, 1, 3) - s.first)], AE + BE * 17);
    NEAR(e[2 * nd + (size_t)(D(2024, 2, 29) - s.first)], AE + BE * 20);
    lf_forecast_periods(f, 0, LF_PERIOD_MONTH, &n);
    cr_assert_eq(n, 12);
    const lf_forecast_period *years = lf_forecast_periods(f, 0, LF_PERIOD_YEAR, &n);
    cr_assert_eq(n, 2);
    cr_assert(years[0].year == 2023 && years[0].days == 184 && years[0].calendar_days == 365);
    cr_assert(years[1].year == 2024 && years[1].days == 182 && years[1].calendar_days == 366);
    lf_forecast_free(f);
    region_free(&r);
}

/* 2023-01-15..2023-03-10: January has 17 of its 31 days, February all 28,
 * March 10 of 31, the year 55 of 365; a day period is one day. */
Test(forecast, periods_partially_covered)
{
    region r = region_until(0, 0, D(2023, 1, 14));
    lf_forecast_spec s = spec_none(D(2023, 1, 15), D(2023, 3, 10));
    lf_forecast *f = run(&s, &r);
    size_t n;
    const lf_forecast_period *m = lf_forecast_periods(f, 0, LF_PERIOD_MONTH, &n);
    cr_assert_eq(n, 3);
    const int days[3] = {17, 28, 10}, cal_days[3] = {31, 28, 31};
    const lf_date firsts[3] = {D(2023, 1, 15), D(2023, 2, 1), D(2023, 3, 1)};
    const lf_date lasts[3] = {D(2023, 1, 31), D(2023, 2, 28), D(2023, 3, 10)};
    for (int k = 0; k < 3; k++) {
        cr_assert(m[k].year == 2023 && m[k].month == k + 1 && m[k].day == 0);
        cr_assert_eq(m[k].days, days[k]);
        cr_assert_eq(m[k].calendar_days, cal_days[k]);
        cr_assert(m[k].first == firsts[k] && m[k].last == lasts[k]);
        expect_normal_period(&m[k], s.first, Y0, NY);
    }
    const lf_forecast_period *y = lf_forecast_periods(f, 0, LF_PERIOD_YEAR, &n);
    cr_assert(n == 1 && y->days == 55 && y->calendar_days == 365 && y->month == 0);
    cr_assert(y->first == s.first && y->last == s.last);
    const lf_forecast_period *d = lf_forecast_periods(f, 0, LF_PERIOD_DAY, &n);
    cr_assert_eq(n, 55);
    cr_assert(d[20].year == 2023 && d[20].month == 2 && d[20].day == 4);
    cr_assert(d[20].days == 1 && d[20].calendar_days == 1 && d[20].first == D(2023, 2, 4));
    /* a day's normal energy is the mean day; its normal peak the same value */
    double t = 0;
    for (int y = Y0; y < Y0 + NY; y++)
        t += temp(y, 2, 4) / NY;
    NEAR(d[20].value[LF_MEASURE_ENERGY].normal, AE + BE * t);
    NEAR(d[20].value[LF_MEASURE_PEAK].normal, AP + BP * t);
    lf_forecast_free(f);
    region_free(&r);
}

/* ---- connections ----------------------------------------------------------------------- */

/* 10 MW at load factor 0.5 from 2023-03-01, ramp 2 months: L = 31 + 30 = 61
 * days, energy 10 x 0.5 x 24 x k/61 = 120 k/61 MWh on its k-th day, peak
 * 10 k/61 MW.  March adds 120 (1 + .. + 31)/61 = 59520/61, April
 * 120 (32 + .. + 61)/61 = 167400/61, May the full 120 x 31 = 3720. */
static lf_connection ramped_plant(void)
{
    lf_connection c;
    lf_connection_init(&c);
    strcpy(c.name, "smelter");
    c.start = D(2023, 3, 1);
    c.capacity_mw = 10;
    c.load_factor = 0.5;
    c.ramp_months = 2;
    return c;
}

/* The normal peak with the connection: mean over years of the largest of
 * (weather peak + connection peak), and the mean connection peak on those days. */
static void expect_peak_with(const lf_connection *c, const lf_forecast_period *pr,
                             double *peak, double *added)
{
    *peak = *added = 0;
    for (int y = Y0; y < Y0 + NY; y++) {
        double best = -INFINITY, at = 0;
        for (lf_date d = pr->first; d <= pr->last; d++) {
            double e, p;
            lf_connection_day(c, d, &e, &p);
            if (AP + BP * source_temp(d, y) + p > best) {
                best = AP + BP * source_temp(d, y) + p;
                at = p;
            }
        }
        *peak += best / NY;
        *added += at / NY;
    }
}

Test(forecast, connection_adds_to_every_path_and_the_normal)
{
    region r = region_new(0, 0);
    lf_connection c = ramped_plant();
    lf_forecast_spec s0 = spec_none(D(2023, 1, 1), D(2023, 12, 31)), s1 = s0;
    s1.nconnections = 1;
    s1.connections = &c;
    lf_forecast *f0 = run(&s0, &r), *f1 = run(&s1, &r);
    size_t np, nd;
    const double *e0 = paths(f0, 0, LF_MEASURE_ENERGY, &np, &nd);
    const double *e1 = paths(f1, 0, LF_MEASURE_ENERGY, &np, &nd);
    const double *p0 = paths(f0, 0, LF_MEASURE_PEAK, &np, &nd);
    const double *p1 = paths(f1, 0, LF_MEASURE_PEAK, &np, &nd);
    for (size_t i = 0; i < np * nd; i++) {
        double e, p;
        lf_connection_day(&c, s0.first + (lf_date)(i % nd), &e, &p);
        NEARF(e1[i] - e0[i], e, "path %zu day %zu", i / nd, i % nd);
        NEARF(p1[i] - p0[i], p, "path %zu day %zu", i / nd, i % nd);
    }
    const double added[5] = {0, 0, 59520.0 / 61, 167400.0 / 61, 3720};
    for (int m = 1; m <= 5; m++) {
        const lf_forecast_period *a = period_at(f0, 0, LF_PERIOD_MONTH, D(2023, m, 1));
        const lf_forecast_period *b = period_at(f1, 0, LF_PERIOD_MONTH, D(2023, m, 1));
        NEARF(b->energy_connections, added[m - 1], "(month %d)", m);
        NEARF(b->value[LF_MEASURE_ENERGY].normal - a->value[LF_MEASURE_ENERGY].normal,
             added[m - 1], "(month %d)", m);
        double peak, add, sum = b->peak_connections;
        expect_peak_with(&c, b, &peak, &add);
        NEARF(b->value[LF_MEASURE_PEAK].normal, peak, "(month %d)", m);
        NEARF(b->peak_connections, add, "(month %d)", m);
        for (int g = 0; g < LF_DRIVER_COUNT; g++)
            sum += b->peak_drivers[g];
        NEARF(sum, peak, "(month %d: drivers + connections)", m);
    }
    /* the year: March and April, then May..December at full load, 245 days x 120 */
    const lf_forecast_period *y1 = period_at(f1, 0, LF_PERIOD_YEAR, s0.first);
    NEAR(y1->energy_connections, 226920.0 / 61 + 29400);
    lf_forecast_free(f0);
    lf_forecast_free(f1);
    region_free(&r);
}

/* ---- model error ------------------------------------------------------------------------- */

static lf_forecast_spec spec_error(lf_path_error kind, unsigned long seed)
{
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 12, 31));
    s.error = kind;
    s.paths_per_weather = 4;
    s.seed = seed;
    return s;
}

/* Same seed, same paths bit for bit; another seed, other paths. */
static void expect_reproducible(lf_path_error kind)
{
    region r = region_new(1, 0);
    lf_forecast_spec a = spec_error(kind, 7), b = spec_error(kind, 8);
    lf_forecast *f1 = run(&a, &r), *f2 = run(&a, &r), *f3 = run(&b, &r);
    cr_assert_eq(lf_forecast_npaths(f1), NY * 4);
    for (lf_measure m = LF_MEASURE_ENERGY; m <= LF_MEASURE_PEAK; m++) {
        size_t np, nd;
        const double *x1 = paths(f1, 0, m, &np, &nd), *x2 = paths(f2, 0, m, &np, &nd);
        const double *x3 = paths(f3, 0, m, &np, &nd);
        cr_assert_eq(np, NY * 4);
        cr_assert_eq(memcmp(x1, x2, np * nd * sizeof *x1), 0, "%s differs", lf_measure_name(m));
        cr_assert_neq(memcmp(x1, x3, np * nd * sizeof *x1), 0, "seed ignored");
    }
    lf_forecast_free(f1);
    lf_forecast_free(f2);
    lf_forecast_free(f3);
    region_free(&r);
}

Test(forecast_error, bootstrap_is_reproducible) { expect_reproducible(LF_PATH_ERROR_BOOTSTRAP); }
Test(forecast_error, model_is_reproducible) { expect_reproducible(LF_PATH_ERROR_MODEL); }

/* In-sample residuals (actual - model) over the training days. */
static double *residuals(const region *r, const lf_model *m, const char *target)
{
    lf_prediction *p = NULL;
    lf_error err;
    cr_assert_eq(lf_model_predict(m, r->history, r->cal, r->history->start,
                                  lf_frame_end(r->history), 0.9, &p, &err), LF_OK, "%s",
                 err.message);
    const double *y = lf_frame_column(r->history, target);
    double *e = malloc(p->nrows * sizeof *e);
    cr_assert_not_null(e);
    for (size_t i = 0; i < p->nrows; i++)
        e[i] = y[i] - p->mean[i];
    lf_prediction_free(p);
    return e;
}

/* Does x[0..len) equal the residuals from start on? */
static int run_matches(const double *resid, size_t start, const double *x, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (fabs(resid[start + k] - x[k]) > 1e-9 * fmax(1, fabs(x[k])))
            return 0;
    return 1;
}

/* Does every 30-day block of path k (minus its weather path; paths are
 * grouped 4 to a weather scenario) match a run of the residuals re, rp of
 * length seglen, the same start for energy and peak? */
static int path_in_segment(const double *be, const double *bp, const double *we,
                           const double *wp, size_t k, size_t nd, const double *re,
                           const double *rp, size_t seglen)
{
    double ee[30], ep[30];
    size_t w = k / 4;
    for (size_t i0 = 0; i0 < nd; i0 += 30) {
        size_t len = i0 + 30 <= nd ? 30 : nd - i0, found = 0;
        for (size_t i = 0; i < len; i++) {
            ee[i] = be[k * nd + i0 + i] - we[w * nd + i0 + i];
            ep[i] = bp[k * nd + i0 + i] - wp[w * nd + i0 + i];
        }
        for (size_t st = 0; st + 30 <= seglen && !found; st++)
            found = run_matches(re, st, ee, len) && run_matches(rp, st, ep, len);
        if (!found)
            return 0;
    }
    return 1;
}

/* A 2023 bootstrap forecast (4 paths per weather year) from the given pool,
 * checked to report that pool with nseg segments of ndays days in all. */
static lf_forecast *run_bootstrap(const region *r, lf_residuals pool, unsigned long seed,
                                  size_t nseg, size_t ndays)
{
    lf_forecast_spec s = spec_error(LF_PATH_ERROR_BOOTSTRAP, seed);
    s.residuals = pool;
    lf_forecast *f = run(&s, r);
    size_t got_seg, got_days;
    cr_assert_eq(lf_forecast_residuals(f, &got_seg, &got_days), pool);
    cr_assert_eq(got_seg, nseg);
    cr_assert_eq(got_days, ndays);
    return f;
}

/* Bootstrap path = weather path + blocks of 30 consecutive residuals, the
 * same block start for energy and peak (their errors stay correlated). */
Test(forecast_error, bootstrap_paths_are_residual_blocks)
{
    region r = region_new(1, 0);
    lf_forecast_spec sn = spec_none(D(2023, 1, 1), D(2023, 12, 31));
    lf_forecast *fn = run(&sn, &r);
    lf_forecast *fb = run_bootstrap(&r, LF_RESIDUALS_IN_SAMPLE, 3, 1, r.history->ndays);
    double *re = residuals(&r, r.energy, "energy_mwh"), *rp = residuals(&r, r.peak, "peak_mw");
    size_t nres = r.history->ndays, np, nd;
    const double *we = paths(fn, 0, LF_MEASURE_ENERGY, &np, &nd);
    const double *wp = paths(fn, 0, LF_MEASURE_PEAK, &np, &nd);
    const double *be = paths(fb, 0, LF_MEASURE_ENERGY, &np, &nd);
    const double *bp = paths(fb, 0, LF_MEASURE_PEAK, &np, &nd);
    cr_assert_eq(np, NY * 4);
    for (size_t k = 0; k < np; k++)
        cr_assert(path_in_segment(be, bp, we, wp, k, nd, re, rp, nres),
                  "path %zu has a block that is not a residual block", k);
    free(re);
    free(rp);
    lf_forecast_free(fn);
    lf_forecast_free(fb);
    region_free(&r);
}

/* Out-of-sample residuals of model m's spec refitted on the history up to
 * o - 1, over days o..last (the pool's segment from origin o). */
static double *refit_residuals(const region *r, const lf_model *m, const char *target,
                               lf_date o, lf_date last)
{
    lf_model *again = NULL;
    lf_prediction *p = NULL;
    lf_error err;
    cr_assert_eq(lf_model_fit(lf_model_spec_of(m), r->history, r->cal, r->history->start,
                              o - 1, &again, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_model_predict(again, r->history, r->cal, o, last, 0.9, &p, &err), LF_OK,
                 "%s", err.message);
    const double *y = lf_frame_column(r->history, target) + lf_frame_row(r->history, o);
    double *e = malloc(p->nrows * sizeof *e);
    cr_assert_not_null(e);
    for (size_t i = 0; i < p->nrows; i++)
        e[i] = y[i] - p->mean[i];
    lf_prediction_free(p);
    lf_model_free(again);
    return e;
}

/* History 2020-01-01..2022-12-31 (1096 days), origin_min_days 730, step 91:
 * origins 2021-12-31, 2022-04-01, 2022-07-01, 2022-09-30 (the next,
 * 2022-12-30, leaves no 30-day block).  Each segment runs as long as the
 * 365-day forecast, at most to 2022-12-31: 365, 275, 184 and 93 days.  Every
 * path draws all its blocks from ONE origin's refit residuals. */
Test(forecast_error, out_of_sample_paths_keep_one_origin)
{
    region r = region_new(1, 0);
    lf_forecast_spec sn = spec_none(D(2023, 1, 1), D(2023, 12, 31));
    lf_forecast *fn = run(&sn, &r);
    lf_forecast *fb = run_bootstrap(&r, LF_RESIDUALS_OUT_OF_SAMPLE, 5, 4,
                                    365 + 275 + 184 + 93);
    const lf_date origin[4] = {D(2021, 12, 31), D(2022, 4, 1), D(2022, 7, 1), D(2022, 9, 30)};
    const size_t len[4] = {365, 275, 184, 93};
    double *re[4], *rp[4];
    for (int k = 0; k < 4; k++) {
        lf_date last = origin[k] + (lf_date)len[k] - 1;
        re[k] = refit_residuals(&r, r.energy, "energy_mwh", origin[k], last);
        rp[k] = refit_residuals(&r, r.peak, "peak_mw", origin[k], last);
    }
    size_t np, nd, used[4] = {0};
    const double *we = paths(fn, 0, LF_MEASURE_ENERGY, &np, &nd);
    const double *wp = paths(fn, 0, LF_MEASURE_PEAK, &np, &nd);
    const double *be = paths(fb, 0, LF_MEASURE_ENERGY, &np, &nd);
    const double *bp = paths(fb, 0, LF_MEASURE_PEAK, &np, &nd);
    for (size_t k = 0; k < np; k++) {
        int seg = -1;
        for (int o = 0; o < 4 && seg < 0; o++)
            if (path_in_segment(be, bp, we, wp, k, nd, re[o], rp[o], len[o]))
                seg = o;
        cr_assert_geq(seg, 0, "path %zu mixes origins or is not made of refit residuals", k);
        used[seg]++;
    }
    cr_assert_gt(used[0], 0, "the longest segment was never drawn");
    cr_assert_lt(used[0], np, "only one segment was ever drawn");
    for (int k = 0; k < 4; k++) {
        free(re[k]);
        free(rp[k]);
    }
    lf_forecast_free(fn);
    lf_forecast_free(fb);
    region_free(&r);
}

/* 18 months of training hold no origin 730 days in: auto takes in-sample
 * residuals (and says so); out_of_sample is refused with what to change. */
Test(forecast_error, short_history_falls_back_to_in_sample)
{
    region r = region_until(1, 0, D(2021, 6, 30));
    lf_forecast_spec s = spec_error(LF_PATH_ERROR_BOOTSTRAP, 1);
    s.first = D(2021, 7, 1);
    s.last = D(2021, 12, 31);
    lf_forecast *f = run(&s, &r);
    size_t nseg, ndays;
    cr_assert_eq(lf_forecast_residuals(f, &nseg, &ndays), LF_RESIDUALS_IN_SAMPLE);
    cr_assert_eq(nseg, 1);
    cr_assert_eq(ndays, (size_t)(D(2021, 6, 30) - D(2020, 1, 1)) + 1);
    lf_forecast_free(f);
    s.residuals = LF_RESIDUALS_OUT_OF_SAMPLE;
    lf_error err;
    f = NULL;
    cr_assert_eq(lf_forecast_run(&s, r.energy, r.peak, r.history, r.weather, r.cal, &f, &err),
                 LF_ERR_DATA);
    cr_assert_null(f);
    cr_assert(strstr(err.message, "origin_min_days") && strstr(err.message, "in_sample"),
              "%s", err.message);
    s.origin_min_days = 365; /* now 2020-12-31 .. is an origin */
    f = run(&s, &r);
    cr_assert_eq(lf_forecast_residuals(f, &nseg, &ndays), LF_RESIDUALS_OUT_OF_SAMPLE);
    cr_assert_eq(nseg, 2); /* 2020-12-31 and 2021-04-01; 2021-07-01 is past the end */
    lf_forecast_free(f);
    region_free(&r);
}

/* ---- economic scenarios ------------------------------------------------------------------ */

static lf_economy_scenario growth_scenario(const char *name, double g)
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

/* gdp ends 2022 at v0 = 100 + 0.01 x 1095 = 110.95; "flat" holds it, "high"
 * grows 10 %: v0 1.1^(k/365) on day k of 2023.  The normal energy of a
 * month differs by 2 x v0 x sum of (1.1^(k/365) - 1), all of it economy. */
Test(forecast_economy, scenarios_differ_by_the_driver)
{
    region r = region_new(0, 1);
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 12, 31));
    s.nscenarios = 2;
    s.scenarios[0] = growth_scenario("flat", 0);
    s.scenarios[1] = growth_scenario("high", 0.10);
    lf_forecast *f = run(&s, &r);
    cr_assert_eq(lf_forecast_nscenarios(f), 2);
    cr_assert_str_eq(lf_forecast_scenario_name(f, 0), "flat");
    cr_assert_str_eq(lf_forecast_scenario_name(f, 1), "high");
    const double v0 = 110.95;
    for (int m = 1; m <= 12; m++) {
        const lf_forecast_period *a = period_at(f, 0, LF_PERIOD_MONTH, D(2023, m, 1));
        const lf_forecast_period *b = period_at(f, 1, LF_PERIOD_MONTH, D(2023, m, 1));
        double diff = 0;
        for (lf_date d = a->first; d <= a->last; d++)
            diff += GDP_COEF * v0 * (pow(1.1, (double)(d - s.first + 1) / 365) - 1);
        normal_expect x = expect_normal(s.first, (size_t)(a->first - s.first),
                                        (size_t)(a->last - s.first), Y0, NY);
        NEAR(a->value[LF_MEASURE_ENERGY].normal, x.energy + a->days * GDP_COEF * v0);
        NEARF(b->value[LF_MEASURE_ENERGY].normal - a->value[LF_MEASURE_ENERGY].normal, diff,
             "(month %d)", m);
        NEAR(b->energy_drivers[LF_DRIVER_ECONOMY] - a->energy_drivers[LF_DRIVER_ECONOMY], diff);
        NEAR(b->energy_drivers[LF_DRIVER_WEATHER], a->energy_drivers[LF_DRIVER_WEATHER]);
        NEAR(b->value[LF_MEASURE_PEAK].normal, a->value[LF_MEASURE_PEAK].normal);
    }
    /* a whole year at 10 %: the last day is exactly v0 x 1.1 */
    size_t np, nd;
    const double *e0 = paths(f, 0, LF_MEASURE_ENERGY, &np, &nd);
    const double *e1 = paths(f, 1, LF_MEASURE_ENERGY, &np, &nd);
    NEAR(e1[nd - 1] - e0[nd - 1], GDP_COEF * v0 * 0.1);
    lf_forecast_free(f);
    region_free(&r);
}

/* No scenario: "base" at the default growth.  gdp is known on rows 0..1095:
 * 1095 / 365.25 < 3, so two whole years, from row 1095 - round(730.5) = 364:
 * g = sqrt(110.95 / 103.64) - 1. */
Test(forecast_economy, base_scenario_uses_default_growth)
{
    region r = region_new(0, 1);
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 1, 31));
    lf_forecast *f = run(&s, &r);
    cr_assert_str_eq(lf_forecast_scenario_name(f, 0), "base");
    double g = sqrt(110.95 / 103.64) - 1, expect = 0;
    for (int k = 1; k <= 31; k++)
        expect += GDP_COEF * 110.95 * pow(1 + g, k / 365.0);
    normal_expect x = expect_normal(s.first, 0, 30, Y0, NY);
    NEAR(period_at(f, 0, LF_PERIOD_MONTH, s.first)->value[LF_MEASURE_ENERGY].normal,
         x.energy + expect);
    lf_forecast_free(f);
    region_free(&r);
}

/* ---- normal: day_mean -------------------------------------------------------------------- */

/* Day-of-year normal temperature of `day`: the mean over the years and over
 * source dates within +-window that the weather frame holds. */
static double day_mean_temp(lf_date day, int window)
{
    double sum = 0;
    int n = 0;
    for (int y = Y0; y < Y0 + NY; y++)
        for (int o = -window; o <= window; o++) {
            lf_date d = lf_date_from_ymd(y, lf_date_month(day), 1) + o +
                        (lf_date)(day - lf_period_start(day, LF_PERIOD_MONTH));
            if (d >= D(Y0, 1, 1) && d <= D(Y0 + NY - 1, 12, 31)) {
                sum += temp_on(d);
                n++;
            }
        }
    return sum / n;
}

/* With day_mean the normal is the model under one averaged year: energy
 * 200 + 5 Tn(d) summed, peak the largest 12 + 0.3 Tn(d); the paths are
 * still the six source years. */
static void expect_day_mean(int window)
{
    region r = region_new(0, 0);
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 12, 31));
    s.weather.normal = LF_NORMAL_DAY_MEAN;
    s.weather.normal_window = window;
    lf_forecast *f = run(&s, &r);
    cr_assert_eq(lf_forecast_npaths(f), NY);
    size_t n;
    const lf_forecast_period *months = lf_forecast_periods(f, 0, LF_PERIOD_MONTH, &n);
    for (size_t k = 0; k < n; k++) {
        double energy = 0, peak = -INFINITY;
        for (lf_date d = months[k].first; d <= months[k].last; d++) {
            double t = day_mean_temp(d, window);
            energy += AE + BE * t;
            peak = fmax(peak, AP + BP * t);
        }
        NEARF(months[k].value[LF_MEASURE_ENERGY].normal, energy, "(month %zu)", k + 1);
        NEARF(months[k].value[LF_MEASURE_PEAK].normal, peak, "(month %zu)", k + 1);
    }
    lf_forecast_free(f);
    region_free(&r);
}

Test(forecast_normal, day_mean_without_window) { expect_day_mean(0); }
Test(forecast_normal, day_mean_with_window) { expect_day_mean(3); }

/* ---- errors ------------------------------------------------------------------------------- */

static void expect_run_error(const lf_forecast_spec *s, const region *r,
                             const lf_frame *history, const lf_frame *weather, int code,
                             const char *words)
{
    lf_forecast *f = (lf_forecast *)1;
    lf_error err;
    int rc = lf_forecast_run(s, r->energy, r->peak, history, weather, r->cal, &f, &err);
    cr_assert_eq(rc, code, "rc %d (%s), want %d", rc, err.message, code);
    cr_assert_eq(err.code, code);
    cr_assert_null(f, "*out must be NULL on error");
    cr_assert_not_null(strstr(err.message, words), "'%s' lacks '%s'", err.message, words);
}

Test(forecast_errors, first_day_outside_the_history)
{
    region r = region_new(0, 0);
    lf_forecast_spec s = spec_none(D(2019, 6, 1), D(2019, 6, 30));
    expect_run_error(&s, &r, r.history, r.weather, LF_ERR_ARG, "2020-01-01");
    s.first = r.history->start; /* a forecast starts after the first day */
    s.last = s.first + 30;
    expect_run_error(&s, &r, r.history, r.weather, LF_ERR_ARG, "2020-01-01");
    s = spec_none(D(2023, 1, 2), D(2023, 1, 31)); /* a gap after the history */
    expect_run_error(&s, &r, r.history, r.weather, LF_ERR_ARG, "2023-01-01");
    region_free(&r);
}

Test(forecast_errors, weather_needed_and_bad_spec)
{
    region r = region_new(0, 0);
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 1, 31));
    expect_run_error(&s, &r, r.history, NULL, LF_ERR_DATA, "weather");
    lf_forecast_spec b = s;
    b.quantiles[0] = 0.9;
    b.quantiles[2] = 0.1;
    expect_run_error(&b, &r, r.history, r.weather, LF_ERR_ARG, "increase");
    lf_forecast *f = NULL;
    cr_assert_eq(lf_forecast_run(&s, NULL, NULL, r.history, r.weather, r.cal, &f, NULL),
                 LF_ERR_ARG);
    cr_assert_null(f);
    region_free(&r);
}

/* The history handed to the forecast has no gdp at all: no default path
 * can continue it, and the forecast refuses instead of a silent NaN. */
Test(forecast_errors, economy_driver_without_values)
{
    region r = region_new(0, 1);
    double *g = lf_frame_column(r.history, "gdp");
    for (size_t i = 0; i < r.history->ndays; i++)
        g[i] = NAN;
    lf_forecast_spec s = spec_none(D(2023, 1, 1), D(2023, 1, 31));
    /* no path: the default growth has nothing to grow from, and says which driver */
    expect_run_error(&s, &r, r.history, r.weather, LF_ERR_DATA, "driver gdp has no value");
    /* an explicit path names the column */
    s.nscenarios = 1;
    s.scenarios[0] = growth_scenario("high", 0.1);
    expect_run_error(&s, &r, r.history, r.weather, LF_ERR_DATA, "'gdp'");
    region_free(&r);
}

/* ---- weather normalization ----------------------------------------------------------------- */

static lf_normalized_period *normalize(const region *r, const lf_weather_spec *ws,
                                       lf_date first, lf_date last, lf_period_kind kind,
                                       size_t *n)
{
    lf_normalized_period *p = NULL;
    lf_error err;
    cr_assert_eq(lf_weather_normalize(ws, r->energy, r->peak, r->history, r->weather, r->cal,
                                      first, last, kind, &p, n, &err),
                 LF_OK, "lf_weather_normalize: %s", err.message);
    return p;
}

/* Expected normalized energy and peak of days a..b under source years
 * y0..y0+ny-1: the model is exact, so actual - model(actual) = 0 and only
 * model(normal year) is left. */
static void expect_normalized(const lf_normalized_period *p, int y0, int ny)
{
    double energy = 0, peak = 0, actual = 0, apeak = -INFINITY;
    for (lf_date d = p->first; d <= p->last; d++) {
        actual += AE + BE * temp_on(d);
        apeak = fmax(apeak, AP + BP * temp_on(d));
        for (int y = y0; y < y0 + ny; y++)
            energy += (AE + BE * source_temp(d, y)) / ny;
    }
    for (int y = y0; y < y0 + ny; y++) {
        double best = -INFINITY;
        for (lf_date d = p->first; d <= p->last; d++)
            best = fmax(best, AP + BP * source_temp(d, y));
        peak += best / ny;
    }
    if (p->days_missing == 0) {
        NEARF(p->actual_energy_mwh, actual, "(%d-%d)", p->year, p->month);
        NEARF(p->normalized_energy_mwh, energy, "(%d-%d)", p->year, p->month);
    }
    NEARF(p->actual_peak_mw, apeak, "(%d-%d)", p->year, p->month);
    NEARF(p->normalized_peak_mw, peak, "(%d-%d)", p->year, p->month);
}

Test(normalize, exact_model_gives_the_normal_years_load)
{
    region r = region_new(0, 0);
    lf_weather_spec ws;
    lf_weather_spec_init(&ws);
    size_t n;
    lf_normalized_period *p = normalize(&r, &ws, D(2022, 1, 1), D(2022, 12, 31),
                                        LF_PERIOD_MONTH, &n);
    cr_assert_eq(n, 12);
    for (size_t k = 0; k < n; k++) {
        cr_assert(p[k].year == 2022 && p[k].month == (int)k + 1 && p[k].days_missing == 0);
        cr_assert_eq(p[k].days, lf_days_in_month(2022, (int)k + 1));
        expect_normalized(&p[k], Y0, NY);
    }
    free(p);
    p = normalize(&r, &ws, D(2022, 1, 1), D(2022, 12, 31), LF_PERIOD_YEAR, &n);
    cr_assert(n == 1 && p->month == 0 && p->days == 365);
    expect_normalized(p, Y0, NY);
    NEAR(p->normalized_peak_mw, 21.6); /* as the forecast's year: 12 + 0.3 x 32 */
    free(p);
    region_free(&r);
}

/* A day without actual energy makes its month's (and year's) energy NaN and
 * counts as missing; peaks stay, over the days present. */
Test(normalize, missing_actual_day)
{
    region r = region_new(0, 0);
    lf_frame_column(r.history, "energy_mwh")[lf_frame_row(r.history, D(2022, 3, 10))] = NAN;
    lf_weather_spec ws;
    lf_weather_spec_init(&ws);
    size_t n;
    lf_normalized_period *p = normalize(&r, &ws, D(2022, 2, 1), D(2022, 4, 30),
                                        LF_PERIOD_MONTH, &n);
    cr_assert_eq(n, 3);
    cr_assert(p[0].days_missing == 0 && p[2].days_missing == 0);
    cr_assert_eq(p[1].days_missing, 1);
    cr_assert(isnan(p[1].actual_energy_mwh) && isnan(p[1].normalized_energy_mwh));
    for (size_t k = 0; k < n; k++)
        expect_normalized(&p[k], Y0, NY);
    free(p);
    p = normalize(&r, &ws, D(2022, 1, 1), D(2022, 12, 31), LF_PERIOD_YEAR, &n);
    cr_assert(n == 1 && p->days_missing == 1 && isnan(p->normalized_energy_mwh));
    expect_normalized(p, Y0, NY);
    free(p);
    region_free(&r);
}

/* normal_years 2: the normal years are 2021 and 2022, whichever month the
 * normalization starts in. */
static void expect_last_two_years(lf_date first, lf_date last)
{
    region r = region_new(0, 0);
    lf_weather_spec ws;
    lf_weather_spec_init(&ws);
    ws.normal_years = 2;
    size_t n;
    lf_normalized_period *p = normalize(&r, &ws, first, last, LF_PERIOD_MONTH, &n);
    for (size_t k = 0; k < n; k++)
        expect_normalized(&p[k], 2021, 2);
    free(p);
    region_free(&r);
}

Test(normalize, normal_years_from_march) { expect_last_two_years(D(2022, 3, 1), D(2022, 6, 30)); }
Test(normalize, normal_years_from_january) { expect_last_two_years(D(2022, 1, 1), D(2022, 6, 30)); }

/* day_mean with no window over all six years equals the scenario mean for a
 * linear model. */
Test(normalize, day_mean_equals_scenario_mean_when_linear)
{
    region r = region_new(0, 0);
    lf_weather_spec ws;
    lf_weather_spec_init(&ws);
    ws.normal = LF_NORMAL_DAY_MEAN;
    ws.normal_window = 0;
    size_t n;
    lf_normalized_period *p = normalize(&r, &ws, D(2022, 5, 1), D(2022, 8, 31),
                                        LF_PERIOD_MONTH, &n);
    cr_assert_eq(n, 4);
    for (size_t k = 0; k < n; k++) {
        double energy = 0, peak = -INFINITY;
        for (lf_date d = p[k].first; d <= p[k].last; d++) {
            energy += AE + BE * day_mean_temp(d, 0);
            peak = fmax(peak, AP + BP * day_mean_temp(d, 0));
        }
        NEAR(p[k].normalized_energy_mwh, energy);
        NEAR(p[k].normalized_peak_mw, peak);
    }
    free(p);
    region_free(&r);
}

Test(normalize, refuses_bad_calls)
{
    region r = region_new(0, 0);
    lf_weather_spec ws;
    lf_weather_spec_init(&ws);
    lf_normalized_period *p = (lf_normalized_period *)1;
    size_t n = 9;
    lf_error err;
    cr_assert_eq(lf_weather_normalize(&ws, r.energy, r.peak, r.history, r.weather, r.cal,
                                      D(2022, 1, 1), D(2022, 1, 31), LF_PERIOD_DAY, &p, &n,
                                      &err), LF_ERR_ARG);
    cr_assert(p == NULL && n == 0);
    cr_assert_eq(lf_weather_normalize(&ws, r.energy, r.peak, r.history, r.weather, r.cal,
                                      D(2022, 12, 1), D(2023, 1, 31), LF_PERIOD_MONTH, &p, &n,
                                      &err), LF_ERR_ARG);
    cr_assert_eq(lf_weather_normalize(&ws, r.energy, r.peak, r.history, NULL, r.cal,
                                      D(2022, 1, 1), D(2022, 1, 31), LF_PERIOD_MONTH, &p, &n,
                                      &err), LF_ERR_DATA);
    cr_assert_not_null(strstr(err.message, "weather"), "%s", err.message);
    region_free(&r);
}
