/* test_ets.c - exponential smoothing (libforecast/models/ets_*.c):
 *  - at FIXED parameters, log-likelihood, one-step fitted values and
 *    forecasts against statsmodels' ETSModel (and, for a multiplicative
 *    season, where statsmodels uses another seasonal update, against the
 *    numpy twin of the book form), on a synthetic series and on NSW daily
 *    energy 2012-2013 (tests/reference/ets/ets_reference.py);
 *  - the fitted models on NSW: at least as good an optimum as statsmodels'
 *    and the script's refined one, with their parameters and forecasts;
 *  - a weekly pattern + trend recovered and continued, simulation,
 *    intervals against simulation, and bad input.
 * The NSW tests skip without ${LF_DATA_DIR:-../shared/data}.  Tests run from
 * the repository root. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast.h"
#include "realdata.h"

#define REF "tests/reference/ets/"
#define H 14
#define NSW_DAYS 731
#define MAXP (4 + 2 + 7)

/* ---- reference tables: series,model,source,what,index,value ------------------ */

typedef struct ref_row {
    char series[16], model[16], source[16], what[16];
    long index;
    double value;
} ref_row;

typedef struct ref_table {
    size_t n;
    ref_row *rows;
} ref_table;

static void copy_field(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src);
}

static ref_table read_ref(const char *path)
{
    lf_error err;
    lf_csv *csv = lf_csv_open(path, ',', &err);
    cr_assert_not_null(csv, "%s", err.message);
    cr_assert_eq(lf_csv_read_header(csv, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_csv_header_count(csv), 6, "%s: expected 6 columns", path);
    ref_table t = {0, NULL};
    size_t cap = 0;
    int has_row;
    while (lf_csv_next(csv, &has_row, &err) == LF_OK && has_row) {
        if (t.n == cap) {
            cap = cap ? 2 * cap : 256;
            t.rows = realloc(t.rows, cap * sizeof *t.rows);
            cr_assert_not_null(t.rows);
        }
        ref_row *r = &t.rows[t.n++];
        copy_field(r->series, sizeof r->series, lf_csv_field(csv, 0));
        copy_field(r->model, sizeof r->model, lf_csv_field(csv, 1));
        copy_field(r->source, sizeof r->source, lf_csv_field(csv, 2));
        copy_field(r->what, sizeof r->what, lf_csv_field(csv, 3));
        r->index = strtol(lf_csv_field(csv, 4), NULL, 10);
        r->value = strtod(lf_csv_field(csv, 5), NULL);
    }
    lf_csv_close(csv);
    cr_assert_gt(t.n, 0, "%s is empty", path);
    return t;
}

static int row_is(const ref_row *r, const char *series, const char *model, const char *what)
{
    return strcmp(r->series, series) == 0 && strcmp(r->model, model) == 0 &&
           strcmp(r->what, what) == 0;
}

/* Values of (series, model, what) in file order into out (at most max),
 * their indices into idx (may be NULL); the count. */
static size_t ref_values(const ref_table *t, const char *series, const char *model,
                         const char *what, double *out, long *idx, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++)
        if (row_is(&t->rows[i], series, model, what)) {
            cr_assert_lt(k, max, "too many %s rows for %s", what, model);
            out[k] = t->rows[i].value;
            if (idx)
                idx[k] = t->rows[i].index;
            k++;
        }
    return k;
}

static double ref_one(const ref_table *t, const char *series, const char *model,
                      const char *what)
{
    double v;
    cr_assert_eq(ref_values(t, series, model, what, &v, NULL, 1), 1, "no %s for %s %s", what,
                 series, model);
    return v;
}

/* Source of the (series, model) rows other than the statsmodels extras. */
static const char *ref_source(const ref_table *t, const char *series, const char *model)
{
    for (size_t i = 0; i < t->n; i++)
        if (row_is(&t->rows[i], series, model, "loglik") ||
            row_is(&t->rows[i], series, model, "ref_loglik"))
            return t->rows[i].source;
    cr_assert_fail("no rows for %s %s", series, model);
    return "";
}

/* ---- helpers ------------------------------------------------------------------ */

static void assert_rel(double got, double want, double tol, const char *what, const char *model)
{
    double scale = fabs(want) > 1e-300 ? fabs(want) : 1;
    cr_assert(fabs(got - want) <= tol * scale, "%s %s: got %.17g, want %.17g (rel %.2e)", model,
              what, got, want, fabs(got - want) / scale);
}

/* The nine models, in the reference's order. */
static lf_ets_spec model_spec(int i)
{
    lf_ets_spec s = {(lf_ets_trend)(i / 3), (lf_ets_season)(i % 3), 7};
    return s;
}

/* statsmodels' short name (the reference's model column): ETS(A,Ad,M) = AAdM. */
static const char *short_name(int i)
{
    static const char *const names[9] = {"ANN", "ANA", "ANM", "AAN", "AAA",
                                         "AAM", "AAdN", "AAdA", "AAdM"};
    return names[i];
}

static double *read_synthetic(size_t *n)
{
    lf_error err;
    lf_csv *csv = lf_csv_open(REF "synthetic.csv", ',', &err);
    cr_assert_not_null(csv, "%s", err.message);
    cr_assert_eq(lf_csv_read_header(csv, &err), LF_OK);
    double *y = malloc(200 * sizeof *y);
    int has_row;
    *n = 0;
    while (lf_csv_next(csv, &has_row, &err) == LF_OK && has_row && *n < 200)
        y[(*n)++] = strtod(lf_csv_field(csv, 1), NULL);
    lf_csv_close(csv);
    cr_assert_eq(*n, 84);
    return y;
}

/* Daily energy (MWh) of NSW 2012-01-01..2013-12-31; skips without the data. */
static double *read_nsw(void)
{
    lf_ingest_report rep;
    lf_ingest_report_init(&rep);
    lf_frame *f = ingest_aus("nsw", &rep);
    lf_ingest_report_free(&rep);
    cr_assert_eq(f->start, lf_date_from_ymd(2012, 1, 1));
    cr_assert_geq(f->ndays, NSW_DAYS);
    const double *e = lf_frame_column(f, "energy_mwh");
    cr_assert_not_null(e);
    double *y = malloc(NSW_DAYS * sizeof *y);
    memcpy(y, e, NSW_DAYS * sizeof *y);
    lf_frame_free(f);
    return y;
}

/* ---- specification ---------------------------------------------------------------- */

Test(ets, spec_defaults_names_and_counts)
{
    lf_ets_spec s;
    lf_ets_spec_init(&s);
    cr_assert_eq(s.trend, LF_ETS_TREND_DAMPED);
    cr_assert_eq(s.season, LF_ETS_SEASON_ADDITIVE);
    cr_assert_eq(s.period, 7);
    cr_assert_str_eq(lf_ets_name(&s), "ETS(A,Ad,A)");
    const char *names[9] = {"ETS(A,N,N)", "ETS(A,N,A)", "ETS(A,N,M)", "ETS(A,A,N)", "ETS(A,A,A)",
                            "ETS(A,A,M)", "ETS(A,Ad,N)", "ETS(A,Ad,A)", "ETS(A,Ad,M)"};
    /* parameter vector: smoothing + level + trend + m seasonal states */
    const size_t lengths[9] = {2, 10, 10, 4, 12, 12, 5, 13, 13};
    /* R's count: smoothing + level + trend + (m - 1) + sigma^2 */
    const size_t minimum[9] = {6, 14, 14, 8, 15, 15, 9, 16, 16};
    for (int i = 0; i < 9; i++) {
        lf_ets_spec m = model_spec(i);
        cr_assert_str_eq(lf_ets_name(&m), names[i]);
        cr_assert_eq(lf_ets_param_length(&m), lengths[i], "%s", names[i]);
        cr_assert_eq(lf_ets_min_nobs(&m), minimum[i], "%s", names[i]);
        cr_assert_eq(lf_ets_spec_check(&m, NULL), LF_OK);
    }
    lf_ets_spec bad = {LF_ETS_TREND_NONE, LF_ETS_SEASON_ADDITIVE, 1};
    cr_assert_str_eq(lf_ets_name(&bad), "ETS(?)");
    cr_assert_eq(lf_ets_param_length(&bad), 0);
    cr_assert_eq(lf_ets_min_nobs(&bad), 0);
    cr_assert_str_eq(lf_ets_name(NULL), "ETS(?)");
    /* without a season the period is ignored */
    lf_ets_spec plain = {LF_ETS_TREND_ADDITIVE, LF_ETS_SEASON_NONE, 0};
    cr_assert_eq(lf_ets_spec_check(&plain, NULL), LF_OK);
    /* period 364 (a yearly cycle of whole weeks): 2 * 364 observations at least */
    lf_ets_spec year = {LF_ETS_TREND_DAMPED, LF_ETS_SEASON_ADDITIVE, 364};
    cr_assert_eq(lf_ets_min_nobs(&year), 728);
}

/* ---- fixed parameters against statsmodels ----------------------------------------- */

static void check_fixed(const char *series, const double *y, size_t n)
{
    ref_table ref = read_ref(REF "fixed.csv");
    for (int i = 0; i < 9; i++) {
        lf_ets_spec spec = model_spec(i);
        const char *name = short_name(i);
        double p[MAXP], fitted[NSW_DAYS];
        long idx[NSW_DAYS];
        size_t np = ref_values(&ref, series, name, "param", p, NULL, MAXP);
        cr_assert_eq(np, lf_ets_param_length(&spec), "%s", name);
        lf_error err;
        double ll;
        cr_assert_eq(lf_ets_loglik(&spec, p, y, n, &ll, &err), LF_OK, "%s", err.message);
        assert_rel(ll, ref_one(&ref, series, name, "loglik"), 1e-9, "loglik", name);

        lf_ets *fit;
        cr_assert_eq(lf_ets_smooth(&spec, p, y, n, &fit, &err), LF_OK, "%s", err.message);
        assert_rel(fit->loglik, ll, 1e-13, "smooth loglik", name);
        assert_rel(fit->sse, ref_one(&ref, series, name, "sse"), 1e-9, "sse", name);
        size_t nf = ref_values(&ref, series, name, "fitted", fitted, idx, NSW_DAYS);
        cr_assert_gt(nf, 10);
        for (size_t k = 0; k < nf; k++) {
            cr_assert_lt((size_t)idx[k], n);
            assert_rel(fit->fitted[idx[k]], fitted[k], 1e-9, "fitted", name);
            cr_assert_eq(fit->residuals[idx[k]], y[idx[k]] - fit->fitted[idx[k]]);
        }

        double want[H], lo[H], hi[H], mean[H], lower[H], upper[H];
        cr_assert_eq(ref_values(&ref, series, name, "mean", want, NULL, H), H);
        cr_assert_eq(lf_ets_forecast(fit, H, 0.95, mean, lower, upper, &err), LF_OK, "%s",
                     err.message);
        for (int h = 0; h < H; h++)
            assert_rel(mean[h], want[h], 1e-9, "forecast mean", name);
        if (spec.season != LF_ETS_SEASON_MULTIPLICATIVE) {
            /* statsmodels' closed forms with sigma^2 = SSE / n; ours SSE / (n - k + 1) */
            cr_assert_str_eq(ref_source(&ref, series, name), "statsmodels");
            cr_assert_eq(ref_values(&ref, series, name, "lower", lo, NULL, H), H);
            cr_assert_eq(ref_values(&ref, series, name, "upper", hi, NULL, H), H);
            double ratio = fit->sigma / sqrt(fit->mse);
            for (int h = 0; h < H; h++) {
                assert_rel(upper[h] - mean[h], (hi[h] - want[h]) * ratio, 1e-9, "upper", name);
                assert_rel(mean[h] - lower[h], (want[h] - lo[h]) * ratio, 1e-9, "lower", name);
            }
        } else {
            /* statsmodels' own M form gives a (slightly) different likelihood */
            double sm = ref_one(&ref, series, name, "sm_loglik");
            cr_assert_str_eq(ref_source(&ref, series, name), "numpy-hyndman");
            cr_assert(isfinite(sm));
        }
        lf_ets_free(fit);
    }
    free(ref.rows);
}

Test(ets, fixed_parameters_match_reference_synthetic)
{
    size_t n;
    double *y = read_synthetic(&n);
    check_fixed("synthetic", y, n);
    free(y);
}

Test(ets, fixed_parameters_match_reference_nsw)
{
    double *y = read_nsw();
    check_fixed("nsw", y, NSW_DAYS);
    free(y);
}

/* ---- fitted models on NSW ----------------------------------------------------------- */

/* The fitted parameters near the reference optimum's: the smoothing
 * parameters to 2e-3 (several sit on a bound, where the likelihood is
 * flat), the states to 2e-3 of the level. */
static void check_params_near(const lf_ets *fit, const double *want, const char *name)
{
    double got[MAXP];
    lf_ets_params(fit, got);
    size_t np = lf_ets_param_length(&fit->spec);
    size_t nsmooth = np - 1 - (fit->spec.trend != LF_ETS_TREND_NONE) -
                     (fit->spec.season != LF_ETS_SEASON_NONE ? 7 : 0);
    for (size_t i = 0; i < np; i++) {
        double tol = i < nsmooth ? 2e-3 : 2e-3 * fabs(fit->level0);
        cr_assert(fabs(got[i] - want[i]) <= tol, "%s parameter %zu: got %.9g, reference %.9g",
                  name, i, got[i], want[i]);
    }
}

Test(ets, nsw_fit_at_least_as_good_as_statsmodels, .timeout = 300)
{
    double *y = read_nsw();
    ref_table ref = read_ref(REF "nsw_fit.csv");
    for (int i = 0; i < 9; i++) {
        lf_ets_spec spec = model_spec(i);
        const char *name = short_name(i);
        lf_ets *fit;
        lf_error err;
        cr_assert_eq(lf_ets_fit(&spec, y, NSW_DAYS, &fit, &err), LF_OK, "%s: %s", name,
                     err.message);
        cr_assert_eq(fit->converged, 1, "%s did not converge", name);
        double sm = ref_one(&ref, "nsw", name, "sm_loglik");
        double best = ref_one(&ref, "nsw", name, "ref_loglik");
        cr_assert_geq(fit->loglik, sm - 1e-3, "%s: loglik %.6f < statsmodels %.6f", name,
                      fit->loglik, sm);
        cr_assert_geq(fit->loglik, best - 1e-3, "%s: loglik %.6f < reference %.6f", name,
                      fit->loglik, best);
        /* the likelihood is recomputed from the reported parameters */
        double p[MAXP], ll;
        lf_ets_params(fit, p);
        cr_assert_eq(lf_ets_loglik(&spec, p, y, NSW_DAYS, &ll, &err), LF_OK);
        assert_rel(ll, fit->loglik, 1e-12, "loglik from params", name);

        double want[MAXP];
        ref_values(&ref, "nsw", name, "ref_param", want, NULL, MAXP);
        check_params_near(fit, want, name);

        double mean[H], lower[H], upper[H], rm[H], rl[H], ru[H];
        cr_assert_eq(lf_ets_forecast(fit, H, 0.95, mean, lower, upper, &err), LF_OK);
        ref_values(&ref, "nsw", name, "ref_mean", rm, NULL, H);
        ref_values(&ref, "nsw", name, "ref_lower", rl, NULL, H);
        ref_values(&ref, "nsw", name, "ref_upper", ru, NULL, H);
        /* exact intervals to 1e-3 of their width; M: 2000 simulated paths
           against 200000: a standard error of about 3% of the half-width */
        double itol = spec.season == LF_ETS_SEASON_MULTIPLICATIVE ? 0.15 : 1e-3;
        for (int h = 0; h < H; h++) {
            double half = ru[h] - rm[h];
            cr_assert(fabs(mean[h] - rm[h]) <= 1e-3 * half, "%s mean h=%d: %.3f vs %.3f", name,
                      h + 1, mean[h], rm[h]);
            cr_assert(fabs(upper[h] - ru[h]) <= itol * half, "%s upper h=%d: %.3f vs %.3f",
                      name, h + 1, upper[h], ru[h]);
            cr_assert(fabs(lower[h] - rl[h]) <= itol * half, "%s lower h=%d: %.3f vs %.3f",
                      name, h + 1, lower[h], rl[h]);
        }
        lf_ets_free(fit);
    }
    free(ref.rows);
    free(y);
}

/* ---- synthetic series: the pattern is recovered and continued -------------------- */

/* Deterministic noise, uniform in [-a, a] (a 64-bit LCG; no libc state). */
static double noise(uint64_t *state, double a)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return a * (2.0 * (double)(*state >> 11) / 9007199254740992.0 - 1.0);
}

static const double PATTERN[7] = {-80, 30, 35, 32, 28, 20, -65}; /* sums to 0 */

Test(ets, additive_weekly_pattern_and_trend_recovered)
{
    enum { N = 70 };
    double y[N];
    uint64_t st = 12345;
    for (int t = 0; t < N; t++)
        y[t] = 1000 + 2.0 * t + PATTERN[t % 7] + noise(&st, 1.5);
    lf_ets_spec spec = {LF_ETS_TREND_ADDITIVE, LF_ETS_SEASON_ADDITIVE, 7};
    lf_ets *fit;
    lf_error err;
    cr_assert_eq(lf_ets_fit(&spec, y, N, &fit, &err), LF_OK, "%s", err.message);
    cr_assert_eq(fit->converged, 1);
    cr_assert_eq(fit->nobs, N);
    cr_assert_eq(fit->nparams, 12);
    double sum = 0;
    for (int j = 0; j < 7; j++) {
        cr_assert(fabs(fit->season0[j] - PATTERN[j]) < 3, "season0[%d] = %.3f, pattern %.0f", j,
                  fit->season0[j], PATTERN[j]);
        sum += fit->season0[j];
    }
    cr_assert(fabs(sum) < 1e-9, "seasonal states sum to %g", sum);
    /* the first fitted value is the level0 + trend0 + season0[0] of y[0] */
    cr_assert(fabs(fit->fitted[0] - (fit->level0 + fit->trend0 + fit->season0[0])) < 1e-9);
    cr_assert(fit->sigma > 0.5 && fit->sigma < 1.5, "sigma %.3f (noise sd 0.87)", fit->sigma);
    double mean[21], lower[21], upper[21];
    cr_assert_eq(lf_ets_forecast(fit, 21, 0.9, mean, lower, upper, &err), LF_OK);
    for (int h = 0; h < 21; h++) {
        int t = N + h;
        double truth = 1000 + 2.0 * t + PATTERN[t % 7];
        cr_assert(fabs(mean[h] - truth) < 4, "h=%d: %.2f, continued pattern %.2f", h + 1,
                  mean[h], truth);
        cr_assert(lower[h] < mean[h] && mean[h] < upper[h]);
        if (h > 0) /* the interval widens with the horizon */
            cr_assert_geq(upper[h] - lower[h], upper[h - 1] - lower[h - 1] - 1e-9);
    }
    /* statistics as documented (R's counting, sigma^2 included) */
    double k = 12, n = N;
    assert_rel(fit->aic, -2 * fit->loglik + 2 * k, 1e-12, "aic", "AAA");
    assert_rel(fit->aicc, fit->aic + 2 * k * (k + 1) / (n - k - 1), 1e-12, "aicc", "AAA");
    assert_rel(fit->bic, -2 * fit->loglik + k * log(n), 1e-12, "bic", "AAA");
    assert_rel(fit->mse, fit->sse / n, 1e-14, "mse", "AAA");
    assert_rel(fit->sigma * fit->sigma, fit->sse / (n - k + 1), 1e-12, "sigma", "AAA");
    lf_ets_free(fit);
}

Test(ets, multiplicative_pattern_recovered)
{
    enum { N = 84 };
    const double factor[7] = {0.8, 1.08, 1.1, 1.07, 1.05, 1.0, 0.9}; /* mean 1 */
    double y[N];
    uint64_t st = 777;
    for (int t = 0; t < N; t++)
        y[t] = (500 + 3.0 * t) * factor[t % 7] * (1 + noise(&st, 0.004));
    lf_ets_spec spec = {LF_ETS_TREND_DAMPED, LF_ETS_SEASON_MULTIPLICATIVE, 7};
    lf_ets *fit;
    lf_error err;
    cr_assert_eq(lf_ets_fit(&spec, y, N, &fit, &err), LF_OK, "%s", err.message);
    cr_assert_eq(fit->converged, 1);
    double mean = 0;
    for (int j = 0; j < 7; j++) {
        cr_assert(fabs(fit->season0[j] - factor[j]) < 0.02, "season0[%d] = %.4f, factor %.2f",
                  j, fit->season0[j], factor[j]);
        mean += fit->season0[j] / 7;
    }
    cr_assert(fabs(mean - 1) < 1e-12, "seasonal states average %.15f", mean);
    cr_assert(fit->phi >= 0.8 && fit->phi <= 0.98);
    cr_assert(fit->beta > 0 && fit->beta < fit->alpha && fit->alpha < 1);
    cr_assert(fit->gamma >= 0 && fit->gamma < 1 - fit->alpha);
    double f[7], lo[7], hi[7];
    cr_assert_eq(lf_ets_forecast(fit, 7, 0.8, f, lo, hi, &err), LF_OK, "%s", err.message);
    for (int h = 0; h < 7; h++) {
        int t = N + h;
        double truth = (500 + 3.0 * t) * factor[t % 7];
        cr_assert(fabs(f[h] / truth - 1) < 0.01, "h=%d: %.2f, continued %.2f", h + 1, f[h],
                  truth);
        cr_assert(lo[h] < f[h] && f[h] < hi[h]);
    }
    lf_ets_free(fit);
}

Test(ets, long_period_fits)
{
    /* period 30 on 4 cycles: 33 states, well past the weekly case */
    enum { N = 120, M = 30 };
    double y[N];
    uint64_t st = 99;
    for (int t = 0; t < N; t++)
        y[t] = 200 + 20 * sin(2 * 3.14159265358979323846 * (t % M) / M) + noise(&st, 1);
    lf_ets_spec spec = {LF_ETS_TREND_NONE, LF_ETS_SEASON_ADDITIVE, M};
    lf_ets *fit;
    lf_error err;
    cr_assert_eq(lf_ets_fit(&spec, y, N, &fit, &err), LF_OK, "%s", err.message);
    double f[M];
    cr_assert_eq(lf_ets_forecast(fit, M, 0.95, f, NULL, NULL, &err), LF_OK);
    for (int h = 0; h < M; h++) {
        double truth = 200 + 20 * sin(2 * 3.14159265358979323846 * ((N + h) % M) / M);
        cr_assert(fabs(f[h] - truth) < 3, "h=%d: %.2f vs %.2f", h + 1, f[h], truth);
    }
    lf_ets_free(fit);
}

/* ---- parameters, simulation, intervals ---------------------------------------------- */

Test(ets, params_round_trip_through_smooth)
{
    size_t n;
    double *y = read_synthetic(&n);
    lf_ets_spec spec;
    lf_ets_spec_init(&spec);
    lf_ets *fit, *again;
    lf_error err;
    cr_assert_eq(lf_ets_fit(&spec, y, n, &fit, &err), LF_OK, "%s", err.message);
    /* deterministic: a second fit is the same to the last bit */
    cr_assert_eq(lf_ets_fit(&spec, y, n, &again, &err), LF_OK);
    cr_assert_eq(again->loglik, fit->loglik);
    cr_assert_eq(again->iterations, fit->iterations);
    cr_assert_eq(memcmp(again->season0, fit->season0, 7 * sizeof *y), 0);
    lf_ets_free(again);
    double p[MAXP];
    lf_ets_params(fit, p);
    cr_assert_eq(p[0], fit->alpha);
    cr_assert_eq(p[3], fit->phi);
    cr_assert_eq(p[6], fit->season0[0]);
    cr_assert_eq(lf_ets_smooth(&spec, p, y, n, &again, &err), LF_OK);
    cr_assert_eq(again->loglik, fit->loglik);
    cr_assert_eq(memcmp(again->fitted, fit->fitted, n * sizeof *y), 0);
    double a[H], b[H];
    cr_assert_eq(lf_ets_forecast(fit, H, 0.5, a, NULL, NULL, &err), LF_OK);
    cr_assert_eq(lf_ets_forecast(again, H, 0.5, b, NULL, NULL, &err), LF_OK);
    cr_assert_eq(memcmp(a, b, sizeof a), 0);
    /* a non-normalised seasonal vector is a valid point too */
    for (int j = 0; j < 7; j++)
        p[6 + j] += 5;
    p[4] -= 5;
    double ll;
    cr_assert_eq(lf_ets_loglik(&spec, p, y, n, &ll, &err), LF_OK);
    assert_rel(ll, fit->loglik, 1e-9, "shifted season", "AAdA");
    lf_ets_free(again);
    lf_ets_free(fit);
    free(y);
}

Test(ets, simulation_is_reproducible)
{
    size_t n;
    double *y = read_synthetic(&n);
    lf_ets_spec spec = {LF_ETS_TREND_ADDITIVE, LF_ETS_SEASON_MULTIPLICATIVE, 7};
    lf_ets *fit;
    lf_error err;
    cr_assert_eq(lf_ets_fit(&spec, y, n, &fit, &err), LF_OK, "%s", err.message);
    enum { NP = 50, HH = 10 };
    double *a = malloc(NP * HH * sizeof *a), *b = malloc(NP * HH * sizeof *b);
    cr_assert_eq(lf_ets_simulate(fit, HH, NP, 7, a, &err), LF_OK);
    cr_assert_eq(lf_ets_simulate(fit, HH, NP, 7, b, &err), LF_OK);
    cr_assert_eq(memcmp(a, b, NP * HH * sizeof *a), 0, "same seed, same paths");
    /* paths are drawn one after another: the first paths of a longer run agree */
    cr_assert_eq(lf_ets_simulate(fit, HH, 3, 7, b, &err), LF_OK);
    cr_assert_eq(memcmp(a, b, 3 * HH * sizeof *a), 0);
    cr_assert_eq(lf_ets_simulate(fit, HH, NP, 8, b, &err), LF_OK);
    cr_assert_neq(memcmp(a, b, NP * HH * sizeof *a), 0, "another seed, other paths");
    /* the M-season intervals come from a fixed seed: repeatable */
    double m1[HH], l1[HH], u1[HH], m2[HH], l2[HH], u2[HH];
    cr_assert_eq(lf_ets_forecast(fit, HH, 0.9, m1, l1, u1, &err), LF_OK);
    cr_assert_eq(lf_ets_forecast(fit, HH, 0.9, m2, l2, NULL, &err), LF_OK);
    cr_assert_eq(lf_ets_forecast(fit, HH, 0.9, m2, NULL, u2, &err), LF_OK);
    cr_assert_eq(memcmp(l1, l2, sizeof l1), 0);
    cr_assert_eq(memcmp(u1, u2, sizeof u1), 0);
    free(a);
    free(b);
    lf_ets_free(fit);
    free(y);
}

Test(ets, exact_intervals_agree_with_simulation)
{
    size_t n;
    double *y = read_synthetic(&n);
    lf_ets_spec spec;
    lf_ets_spec_init(&spec);
    double p[13] = {0.4, 0.1, 0.3, 0.9, 480, 1.2, -55, 20, 28, 30, 25, 12, -58};
    lf_ets *fit;
    lf_error err;
    cr_assert_eq(lf_ets_smooth(&spec, p, y, n, &fit, &err), LF_OK, "%s", err.message);
    enum { NP = 40000, HH = 16 };
    double *paths = malloc((size_t)NP * HH * sizeof *paths);
    cr_assert_eq(lf_ets_simulate(fit, HH, NP, 2024, paths, &err), LF_OK);
    double mean[HH], lower[HH], upper[HH];
    cr_assert_eq(lf_ets_forecast(fit, HH, 0.8, mean, lower, upper, &err), LF_OK);
    for (int h = 0; h < HH; h++) {
        double s = 0, ss = 0;
        for (int i = 0; i < NP; i++) {
            double v = paths[(size_t)i * HH + h];
            s += v;
            ss += v * v;
        }
        double m = s / NP, sd = sqrt(ss / NP - m * m);
        double sd_exact = (upper[h] - mean[h]) / 1.2815515655446004; /* z_0.9 */
        cr_assert(fabs(m - mean[h]) < 0.03 * sd_exact, "h=%d mean %.3f vs %.3f", h + 1, m,
                  mean[h]);
        cr_assert(fabs(sd / sd_exact - 1) < 0.02, "h=%d sd %.3f vs exact %.3f", h + 1, sd,
                  sd_exact);
    }
    free(paths);
    lf_ets_free(fit);
    free(y);
}

/* ---- bad input ------------------------------------------------------------------------ */

static double *ramp(size_t n)
{
    double *y = malloc(n * sizeof *y);
    for (size_t t = 0; t < n; t++)
        y[t] = 100 + (double)t + 10 * (double)(t % 7) + (double)((t * 7919) % 13) / 13.0;
    return y;
}

Test(ets, too_short_says_how_many)
{
    double *y = ramp(100);
    lf_ets_spec spec;
    lf_ets_spec_init(&spec);
    lf_ets dummy, *fit = &dummy; /* must be reset to NULL */
    lf_error err;
    cr_assert_eq(lf_ets_fit(&spec, y, 15, &fit, &err), LF_ERR_DATA);
    cr_assert_null(fit);
    cr_assert(strstr(err.message, "at least 16") != NULL, "%s", err.message);
    cr_assert(strstr(err.message, "ETS(A,Ad,A)") != NULL, "%s", err.message);
    cr_assert_eq(lf_ets_fit(&spec, y, 16, &fit, &err), LF_OK, "%s", err.message);
    lf_ets_free(fit);
    lf_ets_spec plain = {LF_ETS_TREND_NONE, LF_ETS_SEASON_NONE, 7};
    cr_assert_eq(lf_ets_fit(&plain, y, 5, &fit, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "at least 6") != NULL, "%s", err.message);
    cr_assert_eq(lf_ets_smooth(&plain, (double[]){0.5, 100}, y, 5, &fit, &err), LF_ERR_DATA);
    free(y);
}

Test(ets, missing_and_infinite_values_are_named)
{
    double *y = ramp(60);
    lf_ets_spec spec;
    lf_ets_spec_init(&spec);
    lf_ets *fit;
    lf_error err;
    y[23] = NAN;
    cr_assert_eq(lf_ets_fit(&spec, y, 60, &fit, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "y[23]") && strstr(err.message, "NaN"), "%s", err.message);
    double ll, p[13] = {0.4, 0.1, 0.3, 0.9, 100, 1, 0, 0, 0, 0, 0, 0, 0};
    cr_assert_eq(lf_ets_loglik(&spec, p, y, 60, &ll, &err), LF_ERR_DATA);
    y[23] = 50;
    y[41] = -INFINITY;
    cr_assert_eq(lf_ets_fit(&spec, y, 60, &fit, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "y[41]") && strstr(err.message, "infinite"), "%s",
              err.message);
    /* a NaN after the sample does not matter */
    y[41] = 50;
    y[59] = NAN;
    cr_assert_eq(lf_ets_fit(&spec, y, 59, &fit, &err), LF_OK, "%s", err.message);
    lf_ets_free(fit);
    free(y);
}

Test(ets, multiplicative_needs_positive_values)
{
    double *y = ramp(60);
    lf_ets_spec spec = {LF_ETS_TREND_NONE, LF_ETS_SEASON_MULTIPLICATIVE, 7};
    lf_ets *fit;
    lf_error err;
    y[30] = 0;
    cr_assert_eq(lf_ets_fit(&spec, y, 60, &fit, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "y[30]") && strstr(err.message, "> 0"), "%s", err.message);
    /* the additive season takes it */
    spec.season = LF_ETS_SEASON_ADDITIVE;
    cr_assert_eq(lf_ets_fit(&spec, y, 60, &fit, &err), LF_OK, "%s", err.message);
    lf_ets_free(fit);
    free(y);
}

Test(ets, bad_spec_and_arguments)
{
    double *y = ramp(60);
    lf_ets *fit;
    lf_error err;
    lf_ets_spec spec = {LF_ETS_TREND_NONE, LF_ETS_SEASON_ADDITIVE, 1};
    cr_assert_eq(lf_ets_fit(&spec, y, 60, &fit, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "period") && strstr(err.message, "got 1"), "%s", err.message);
    spec.period = 401;
    cr_assert_eq(lf_ets_fit(&spec, y, 60, &fit, &err), LF_ERR_ARG);
    spec.period = 7;
    spec.trend = (lf_ets_trend)7;
    cr_assert_eq(lf_ets_fit(&spec, y, 60, &fit, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "trend"), "%s", err.message);
    spec.trend = LF_ETS_TREND_NONE;
    spec.season = (lf_ets_season)-1;
    cr_assert_eq(lf_ets_fit(&spec, y, 60, &fit, &err), LF_ERR_ARG);
    cr_assert_eq(lf_ets_fit(NULL, y, 60, &fit, &err), LF_ERR_ARG);
    spec.season = LF_ETS_SEASON_ADDITIVE;
    cr_assert_eq(lf_ets_fit(&spec, NULL, 60, &fit, &err), LF_ERR_ARG);
    cr_assert_eq(lf_ets_fit(&spec, y, 60, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_ets_fit(&spec, y, 60, NULL, NULL), LF_ERR_ARG); /* no error record */
    double ll, p[10] = {0.4, 0.3, 100, 0, 0, 0, 0, 0, 0, 0};
    cr_assert_eq(lf_ets_loglik(&spec, p, y, 0, &ll, &err), LF_ERR_DATA);
    cr_assert_eq(lf_ets_loglik(&spec, NULL, y, 60, &ll, &err), LF_ERR_ARG);
    cr_assert_eq(lf_ets_loglik(&spec, p, y, 60, NULL, &err), LF_ERR_ARG);
    p[1] = NAN;
    cr_assert_eq(lf_ets_loglik(&spec, p, y, 60, &ll, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "parameter 1"), "%s", err.message);
    /* parameters that blow the recursion up are refused, not returned as NaN */
    double wild[10] = {1e308, 1e308, 100, 0, 0, 0, 0, 0, 0, 0};
    cr_assert_eq(lf_ets_loglik(&spec, wild, y, 60, &ll, &err), LF_ERR_DATA);
    free(y);
}

Test(ets, bad_forecast_arguments)
{
    double *y = ramp(60);
    lf_ets_spec spec;
    lf_ets_spec_init(&spec);
    lf_ets *fit;
    lf_error err;
    cr_assert_eq(lf_ets_fit(&spec, y, 60, &fit, &err), LF_OK, "%s", err.message);
    double m[3], lo[3], hi[3], paths[6];
    cr_assert_eq(lf_ets_forecast(fit, 0, 0.95, m, lo, hi, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "horizon"), "%s", err.message);
    const double levels[4] = {0, 1, -0.5, NAN};
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(lf_ets_forecast(fit, 3, levels[i], m, lo, hi, &err), LF_ERR_ARG);
        cr_assert(strstr(err.message, "level"), "%s", err.message);
    }
    cr_assert_eq(lf_ets_forecast(fit, 3, 0.95, NULL, lo, hi, &err), LF_ERR_ARG);
    cr_assert_eq(lf_ets_forecast(NULL, 3, 0.95, m, lo, hi, &err), LF_ERR_ARG);
    cr_assert_eq(lf_ets_forecast(fit, 3, 0.95, m, NULL, NULL, &err), LF_OK);
    cr_assert_eq(lf_ets_simulate(fit, 0, 2, 1, paths, &err), LF_ERR_ARG);
    cr_assert_eq(lf_ets_simulate(fit, 3, 0, 1, paths, &err), LF_ERR_ARG);
    cr_assert_eq(lf_ets_simulate(fit, 3, 2, 1, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_ets_simulate(fit, SIZE_MAX / 4, SIZE_MAX / 4, 1, paths, &err), LF_ERR_ARG);
    cr_assert_eq(lf_ets_simulate(NULL, 3, 2, 1, paths, &err), LF_ERR_ARG);
    lf_ets_free(fit);
    lf_ets_free(NULL);
    free(y);
}

Test(ets, exact_fit_is_refused)
{
    /* a constant series: ETS(A,N,N) reproduces it and the likelihood has no maximum */
    double y[20];
    for (int t = 0; t < 20; t++)
        y[t] = 42;
    lf_ets_spec spec = {LF_ETS_TREND_NONE, LF_ETS_SEASON_NONE, 7};
    lf_ets *fit;
    lf_error err;
    cr_assert_eq(lf_ets_fit(&spec, y, 20, &fit, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "exactly"), "%s", err.message);
    cr_assert_null(fit);
    double ll, p[2] = {0.3, 42};
    cr_assert_eq(lf_ets_loglik(&spec, p, y, 20, &ll, &err), LF_ERR_DATA);
    /* a noise-free trend + weekly pattern is reproduced by ETS(A,A,A) */
    double z[42];
    for (int t = 0; t < 42; t++)
        z[t] = 1000 + 2.0 * t + PATTERN[t % 7];
    spec = (lf_ets_spec){LF_ETS_TREND_ADDITIVE, LF_ETS_SEASON_ADDITIVE, 7};
    cr_assert_eq(lf_ets_fit(&spec, z, 42, &fit, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "exactly"), "%s", err.message);
}
