/* test_stl.c - STL and MSTL (libforecast/models/stl*.c, mstl.c):
 *  - the defaults each tool's rules give (lf_stl_spec_resolve);
 *  - STL against statsmodels 0.13 and R's stats::stl, MSTL against R's
 *    forecast::mstl, on a synthetic series and on NSW daily energy
 *    2012-2014 (fixtures and the scripts that made them in
 *    tests/reference/stl/; nothing here needs the data folder);
 *  - hand-checkable cases: a weekly sine on a line decomposes exactly, the
 *    components add back to y, a periodic season repeats, robustness
 *    weights drop an outlier, MSTL with one period is STL;
 *  - every error with its code and a message naming the offending value;
 *  - speed: 3000 days with periods 7 and 365.
 * Tests run from the repository root. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libforecast.h"

#define REF "tests/reference/stl/"
#define NSW_DAYS 1096
#define SYN_DAYS 240
#define PI 3.14159265358979323846

/* ---- fixtures -------------------------------------------------------------------- */

/* Column 1 (y) of a two-column CSV with a header. */
static double *read_series(const char *path, size_t expect)
{
    lf_error err;
    lf_csv *csv = lf_csv_open(path, ',', &err);
    cr_assert_not_null(csv, "%s", err.message);
    cr_assert_eq(lf_csv_read_header(csv, &err), LF_OK, "%s", err.message);
    double *y = malloc(expect * sizeof *y);
    size_t n = 0;
    int has_row;
    while (lf_csv_next(csv, &has_row, &err) == LF_OK && has_row) {
        cr_assert_lt(n, expect, "%s: more than %zu rows", path, expect);
        y[n++] = strtod(lf_csv_field(csv, 1), NULL);
    }
    lf_csv_close(csv);
    cr_assert_eq(n, expect, "%s: %zu rows, expected %zu", path, n, expect);
    return y;
}

/* Reference rows: case,what,index,value. */
typedef struct ref_row {
    char name[32], what[16];
    size_t index;
    double value;
} ref_row;

typedef struct ref_table {
    size_t n;
    ref_row *rows;
} ref_table;

static ref_table read_ref(const char *path)
{
    lf_error err;
    lf_csv *csv = lf_csv_open(path, ',', &err);
    cr_assert_not_null(csv, "%s", err.message);
    cr_assert_eq(lf_csv_read_header(csv, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_csv_header_count(csv), 4, "%s: expected 4 columns", path);
    ref_table t = {0, NULL};
    size_t cap = 0;
    int has_row;
    while (lf_csv_next(csv, &has_row, &err) == LF_OK && has_row) {
        if (t.n == cap) {
            cap = cap ? 2 * cap : 1024;
            t.rows = realloc(t.rows, cap * sizeof *t.rows);
            cr_assert_not_null(t.rows);
        }
        ref_row *r = &t.rows[t.n++];
        snprintf(r->name, sizeof r->name, "%s", lf_csv_field(csv, 0));
        snprintf(r->what, sizeof r->what, "%s", lf_csv_field(csv, 1));
        r->index = (size_t)strtoul(lf_csv_field(csv, 2), NULL, 10);
        r->value = strtod(lf_csv_field(csv, 3), NULL);
    }
    lf_csv_close(csv);
    cr_assert_gt(t.n, 0, "%s is empty", path);
    return t;
}

/* Compare got[] with every (name, what) row, each to tol times the largest
 * reference value of the series (weights: tol); the number of rows. */
static size_t check_ref(const ref_table *t, const char *name, const char *what,
                        const double *got, size_t n, double tol)
{
    double scale = 0;
    size_t count = 0;
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->rows[i].name, name) && !strcmp(t->rows[i].what, what))
            scale = fmax(scale, fabs(t->rows[i].value));
    if (!strcmp(what, "weight"))
        scale = 1;
    for (size_t i = 0; i < t->n; i++) {
        const ref_row *r = &t->rows[i];
        if (strcmp(r->name, name) || strcmp(r->what, what))
            continue;
        cr_assert_lt(r->index, n, "%s %s: index %zu out of range", name, what, r->index);
        double d = fabs(got[r->index] - r->value);
        cr_assert(d <= tol * scale, "%s %s[%zu]: got %.17g, reference %.17g (%.2e of %.3g)",
                  name, what, r->index, got[r->index], r->value, d / scale, scale);
        count++;
    }
    return count;
}

/* ---- specification ------------------------------------------------------------------ */

static lf_stl_spec resolved(const lf_stl_spec *s, size_t n)
{
    lf_stl_spec out;
    lf_error err;
    cr_assert_eq(lf_stl_spec_resolve(s, n, &out, &err), LF_OK, "%s", err.message);
    return out;
}

static void assert_resolved(const lf_stl_spec *r, const int want[12])
{
    const int got[12] = {r->trend,         r->low_pass,      r->seasonal_deg,
                         r->trend_deg,     r->low_pass_deg,  r->seasonal_jump,
                         r->trend_jump,    r->low_pass_jump, r->inner,
                         r->outer,         r->period,        r->seasonal};
    const char *names[12] = {"trend", "low_pass", "seasonal_deg", "trend_deg",
                             "low_pass_deg", "seasonal_jump", "trend_jump", "low_pass_jump",
                             "inner", "outer", "period", "seasonal"};
    for (int i = 0; i < 12; i++)
        cr_assert_eq(got[i], want[i], "%s: got %d, want %d", names[i], got[i], want[i]);
}

Test(stl, spec_defaults_follow_statsmodels)
{
    lf_stl_spec s;
    lf_stl_spec_init(&s, 7);
    cr_assert_eq(s.seasonal, 7);
    cr_assert_eq(s.robust, 0);
    cr_assert_eq(s.defaults, LF_STL_STATSMODELS);
    cr_assert_eq(s.trend, LF_STL_AUTO);
    cr_assert_eq(s.outer, LF_STL_AUTO);
    /* trend: 1.5 * 7 / (1 - 1.5 / 7) = 13.4 -> 14 -> odd 15; low pass: odd > 7 */
    lf_stl_spec r = resolved(&s, 100);
    assert_resolved(&r, (const int[12]){15, 9, 1, 1, 1, 1, 1, 1, 5, 0, 7, 7});
    s.robust = 1;
    r = resolved(&s, 100);
    assert_resolved(&r, (const int[12]){15, 9, 1, 1, 1, 1, 1, 1, 2, 15, 7, 7});
    /* annual: 1.5 * 365 / (1 - 1.5 / 7) = 696.8 -> 697; 367 */
    lf_stl_spec_init(&s, 365);
    r = resolved(&s, 1096);
    assert_resolved(&r, (const int[12]){697, 367, 1, 1, 1, 1, 1, 1, 5, 0, 365, 7});
    /* explicit values are kept */
    s.trend = 401;
    s.low_pass_deg = 0;
    s.inner = 3;
    s.outer = 0;
    s.robust = 1;
    r = resolved(&s, 1096);
    assert_resolved(&r, (const int[12]){401, 367, 1, 1, 0, 1, 1, 1, 3, 0, 365, 7});
}

Test(stl, spec_defaults_follow_r)
{
    lf_stl_spec s;
    lf_stl_spec_init(&s, 7);
    s.defaults = LF_STL_R;
    /* stl(x, s.window = 7): t.window 15, l.window 7, s.degree 0, jumps ceil(w / 10) */
    lf_stl_spec r = resolved(&s, 100);
    assert_resolved(&r, (const int[12]){15, 7, 0, 1, 1, 1, 2, 1, 2, 0, 7, 7});
    s.robust = 1;
    r = resolved(&s, 100);
    assert_resolved(&r, (const int[12]){15, 7, 0, 1, 1, 1, 2, 1, 1, 15, 7, 7});
    /* mstl's second STL, period 365, s.window 15: 1.5 * 365 / 0.9 = 608.3 -> 609 */
    lf_stl_spec_init(&s, 365);
    s.defaults = LF_STL_R;
    s.seasonal = 15;
    r = resolved(&s, 1096);
    assert_resolved(&r, (const int[12]){609, 365, 0, 1, 1, 2, 61, 37, 2, 0, 365, 15});
    /* l.degree follows t.degree */
    s.trend_deg = 0;
    r = resolved(&s, 1096);
    cr_assert_eq(r.low_pass_deg, 0);
    /* periodic: window 10 n + 1 = 1001, degree 0, jump 101; the trend window
       1.5 * 7 / (1 - 1.5 / 1001) = 10.52 -> 11 */
    lf_stl_spec_init(&s, 7);
    s.defaults = LF_STL_R;
    s.seasonal = LF_STL_PERIODIC;
    s.seasonal_deg = 1; /* overridden, as R does */
    r = resolved(&s, 100);
    assert_resolved(&r, (const int[12]){11, 7, 0, 1, 1, 101, 2, 1, 2, 0, 7, LF_STL_PERIODIC});
}

Test(stl, mstl_spec_defaults_follow_r)
{
    lf_mstl_spec m;
    lf_mstl_spec_init(&m, 3, (const int[]){7, 30, 365});
    cr_assert_eq(m.nperiods, 3);
    cr_assert_eq(m.periods[2], 365);
    cr_assert_eq(m.seasonal[0], 11);
    cr_assert_eq(m.seasonal[1], 15);
    cr_assert_eq(m.seasonal[2], 19);
    cr_assert_eq(m.iterations, 2);
    cr_assert_eq(m.stl.defaults, LF_STL_R);
    cr_assert_eq(m.stl.robust, 0);
    cr_assert_eq(m.stl.trend, LF_STL_AUTO);
    lf_mstl_spec_init(&m, 6, (const int[]){2, 3, 4, 5, 6, 7}); /* kept for the check */
    cr_assert_eq(m.nperiods, 6);
    cr_assert_eq(m.periods[3], 5);
}

/* ---- STL against statsmodels ---------------------------------------------------------- */

typedef struct stl_case {
    const char *name;
    const double *y;
    size_t n;
    lf_stl_spec spec;
} stl_case;

static lf_stl_spec sm_spec(int period, int seasonal, int robust)
{
    lf_stl_spec s;
    lf_stl_spec_init(&s, period);
    s.seasonal = seasonal;
    s.robust = robust;
    return s;
}

/* The cases of tests/reference/stl/stl_reference.py, same order. */
static size_t sm_cases(const double *syn, const double *nsw, stl_case *c)
{
    size_t k = 0;
    c[k++] = (stl_case){"syn_default", syn, SYN_DAYS, sm_spec(7, 7, 0)};
    c[k++] = (stl_case){"syn_robust", syn, SYN_DAYS, sm_spec(7, 7, 1)};
    lf_stl_spec s = sm_spec(7, 13, 1);
    s.trend = 23;
    s.low_pass = 9;
    s.seasonal_deg = 0;
    s.trend_deg = 1;
    s.low_pass_deg = 0;
    s.seasonal_jump = 2;
    s.trend_jump = 3;
    s.low_pass_jump = 2;
    s.inner = 3;
    s.outer = 4;
    c[k++] = (stl_case){"syn_custom", syn, SYN_DAYS, s};
    c[k++] = (stl_case){"syn_p30", syn, SYN_DAYS, sm_spec(30, 9, 0)};
    c[k++] = (stl_case){"nsw_week", nsw, NSW_DAYS, sm_spec(7, 7, 0)};
    s = sm_spec(7, 11, 1);
    s.seasonal_jump = 2;
    s.trend_jump = 3;
    s.low_pass_jump = 2;
    c[k++] = (stl_case){"nsw_week_robust", nsw, NSW_DAYS, s};
    c[k++] = (stl_case){"nsw_year", nsw, NSW_DAYS, sm_spec(365, 7, 0)};
    c[k++] = (stl_case){"nsw_year364_robust", nsw, NSW_DAYS, sm_spec(364, 11, 1)};
    return k;
}

/* Decompose and compare with the reference; the number of rows compared. */
static size_t check_stl_case(const ref_table *ref, const stl_case *c, double tol)
{
    double *s = malloc(c->n * sizeof *s), *t = malloc(c->n * sizeof *t);
    double *w = malloc(c->n * sizeof *w);
    lf_error err;
    cr_assert_eq(lf_stl(&c->spec, c->y, c->n, s, t, NULL, w, &err), LF_OK, "%s: %s", c->name,
                 err.message);
    size_t rows = check_ref(ref, c->name, "seasonal", s, c->n, tol) +
                  check_ref(ref, c->name, "trend", t, c->n, tol);
    cr_assert_gt(rows, 100, "%s: too few reference rows", c->name);
    size_t wrows = check_ref(ref, c->name, "weight", w, c->n, tol);
    if (wrows == 0) /* not robust: the weights are 1 */
        for (size_t i = 0; i < c->n; i++)
            cr_assert_eq(w[i], 1.0, "%s weight[%zu]", c->name, i);
    free(s);
    free(t);
    free(w);
    return rows + wrows;
}

Test(stl, matches_statsmodels)
{
    double *syn = read_series(REF "synthetic.csv", SYN_DAYS);
    double *nsw = read_series(REF "nsw_daily.csv", NSW_DAYS);
    ref_table ref = read_ref(REF "stl_statsmodels.csv");
    stl_case cases[8];
    size_t ncases = sm_cases(syn, nsw, cases), rows = 0;
    for (size_t i = 0; i < ncases; i++)
        rows += check_stl_case(&ref, &cases[i], 1e-9);
    cr_assert_eq(rows, ref.n, "%zu reference rows, %zu compared", ref.n, rows);
    free(ref.rows);
    free(syn);
    free(nsw);
}

/* ---- STL and MSTL against R ------------------------------------------------------------- */

static lf_stl_spec r_spec(int period, int seasonal, int robust)
{
    lf_stl_spec s = sm_spec(period, seasonal, robust);
    s.defaults = LF_STL_R;
    return s;
}

Test(stl, matches_r_stl)
{
    double *syn = read_series(REF "synthetic.csv", SYN_DAYS);
    double *nsw = read_series(REF "nsw_daily.csv", NSW_DAYS);
    ref_table ref = read_ref(REF "stl_r.csv");
    stl_case c[5];
    c[0] = (stl_case){"r_nsw_week", nsw, NSW_DAYS, r_spec(7, 7, 0)};
    c[1] = (stl_case){"r_nsw_week_periodic", nsw, NSW_DAYS, r_spec(7, LF_STL_PERIODIC, 0)};
    /* 1095 days: see the note on R's median in stl_reference.R */
    c[2] = (stl_case){"r_nsw_year_robust", nsw, NSW_DAYS - 1, r_spec(365, 13, 1)};
    c[3] = (stl_case){"r_syn_periodic_robust", syn, SYN_DAYS, r_spec(30, LF_STL_PERIODIC, 1)};
    lf_stl_spec s = r_spec(7, 9, 0);
    s.seasonal_deg = 1;
    s.trend = 15;
    s.low_pass = 7;
    s.trend_deg = 0;
    s.seasonal_jump = 1;
    s.inner = 3;
    s.outer = 2;
    c[4] = (stl_case){"r_syn_custom", syn, SYN_DAYS, s};
    size_t rows = 0;
    for (size_t i = 0; i < 5; i++)
        rows += check_stl_case(&ref, &c[i], 1e-9);
    cr_assert_eq(rows, ref.n);
    free(ref.rows);
    free(syn);
    free(nsw);
}

typedef struct mstl_case {
    const char *name;
    const double *y;
    size_t n;
    lf_mstl_spec spec;
    int nused;
} mstl_case;

static size_t check_mstl_case(const ref_table *ref, const mstl_case *c)
{
    size_t n = c->n, np = (size_t)c->spec.nperiods, rows = 0;
    double *s = malloc(np * n * sizeof *s), *t = malloc(n * sizeof *t);
    double *r = malloc(n * sizeof *r);
    int nused = -1;
    lf_error err;
    cr_assert_eq(lf_mstl(&c->spec, c->y, n, s, t, r, &nused, &err), LF_OK, "%s: %s", c->name,
                 err.message);
    cr_assert_eq(nused, c->nused, "%s: %d periods used", c->name, nused);
    double want_nused = -1;
    for (size_t i = 0; i < ref->n; i++)
        if (!strcmp(ref->rows[i].name, c->name) && !strcmp(ref->rows[i].what, "nused"))
            want_nused = ref->rows[i].value, rows++;
    cr_assert_eq(rows, 1, "%s: no nused row", c->name);
    cr_assert_eq(nused, (int)want_nused);
    for (int i = 0; i < nused; i++) {
        char what[16];
        snprintf(what, sizeof what, "seasonal%d", c->spec.periods[i]);
        rows += check_ref(ref, c->name, what, s + (size_t)i * n, n, 1e-8);
    }
    for (size_t i = (size_t)nused * n; i < np * n; i++)
        cr_assert_eq(s[i], 0.0, "%s: a dropped period's row is not 0", c->name);
    rows += check_ref(ref, c->name, "trend", t, n, 1e-8);
    rows += check_ref(ref, c->name, "remainder", r, n, 1e-8);
    free(s);
    free(t);
    free(r);
    return rows;
}

static lf_mstl_spec m_spec(int nperiods, const int *periods)
{
    lf_mstl_spec m;
    lf_mstl_spec_init(&m, nperiods, periods);
    return m;
}

Test(stl, matches_r_mstl)
{
    double *syn = read_series(REF "synthetic.csv", SYN_DAYS);
    double *nsw = read_series(REF "nsw_daily.csv", NSW_DAYS);
    ref_table ref = read_ref(REF "mstl_r.csv");
    mstl_case c[5];
    c[0] = (mstl_case){"m_nsw", nsw, NSW_DAYS, m_spec(2, (const int[]){7, 365}), 2};
    c[1] = (mstl_case){"m_nsw_364_robust", nsw, NSW_DAYS - 1, m_spec(2, (const int[]){7, 364}),
                       2};
    c[1].spec.stl.robust = 1;
    c[2] = (mstl_case){"m_syn_dropped", syn, SYN_DAYS, m_spec(3, (const int[]){7, 30, 120}), 2};
    c[3] = (mstl_case){"m_syn_custom", syn, SYN_DAYS, m_spec(2, (const int[]){7, 30}), 2};
    c[3].spec.iterations = 3;
    c[3].spec.seasonal[0] = 9;
    c[3].spec.seasonal[1] = 21;
    c[3].spec.stl.trend = 41;
    c[3].spec.stl.seasonal_deg = 1;
    c[4] = (mstl_case){"m_syn_periodic", syn, SYN_DAYS, m_spec(2, (const int[]){7, 30}), 2};
    c[4].spec.seasonal[0] = c[4].spec.seasonal[1] = LF_STL_PERIODIC;
    size_t rows = 0;
    for (size_t i = 0; i < 5; i++)
        rows += check_mstl_case(&ref, &c[i]);
    cr_assert_eq(rows, ref.n, "%zu reference rows, %zu compared", ref.n, rows);
    free(ref.rows);
    free(syn);
    free(nsw);
}

/* ---- hand-checkable ---------------------------------------------------------------------- */

/* With degree 1 everywhere (statsmodels' defaults) a line plus a pattern
 * summing to 0 over a period is reproduced exactly: each cycle-subseries is
 * a line, the three moving averages of the extended cycle series give the
 * line back, and the trend smooth of y - S is the line again. */
Test(stl, sine_on_a_line_decomposes_exactly)
{
    enum { N = 140 };
    double y[N], s[N], t[N], r[N], w[N];
    for (int i = 0; i < N; i++)
        y[i] = 500 + 1.5 * i + 40 * sin(2 * PI * i / 7);
    lf_stl_spec spec;
    lf_stl_spec_init(&spec, 7);
    lf_error err;
    cr_assert_eq(lf_stl(&spec, y, N, s, t, r, w, &err), LF_OK, "%s", err.message);
    for (int i = 0; i < N; i++) {
        cr_assert(fabs(s[i] - 40 * sin(2 * PI * i / 7)) < 1e-9, "seasonal[%d] = %.12f", i, s[i]);
        cr_assert(fabs(t[i] - (500 + 1.5 * i)) < 1e-9, "trend[%d] = %.12f", i, t[i]);
        cr_assert(fabs(r[i]) < 1e-9, "remainder[%d] = %g", i, r[i]);
        cr_assert_eq(w[i], 1.0);
    }
}

/* A load-like series with a weekly and an annual cycle. */
static double *daily_load(size_t n, uint64_t seed)
{
    double *y = malloc(n * sizeof *y);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        double u = (double)(seed >> 11) / 9007199254740992.0 - 0.5;
        double d = (double)i;
        y[i] = 150000 + 3 * d + 9000 * sin(2 * PI * d / 7) + 4000 * cos(4 * PI * d / 7) +
               15000 * cos(2 * PI * d / 365.25) + 2000 * u;
    }
    return y;
}

Test(stl, components_add_back_to_y)
{
    enum { N = 800 };
    double *y = daily_load(N, 1), s[N], t[N], r[N], adj[N], copy[N];
    lf_stl_spec spec;
    lf_stl_spec_init(&spec, 7);
    spec.robust = 1;
    lf_error err;
    cr_assert_eq(lf_stl(&spec, y, N, s, t, r, NULL, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_stl_adjust(y, N, s, 1, adj, &err), LF_OK);
    for (int i = 0; i < N; i++) {
        /* remainder is y - seasonal - trend, evaluated in that order */
        cr_assert_eq(r[i], y[i] - s[i] - t[i], "remainder[%d]", i);
        cr_assert_eq(adj[i], y[i] - s[i], "adjusted[%d]", i);
        cr_assert(fabs(s[i] + t[i] + r[i] - y[i]) <= 1e-15 * fabs(y[i]) * 4);
    }
    /* in place */
    memcpy(copy, y, sizeof copy);
    cr_assert_eq(lf_stl_adjust(copy, N, s, 1, copy, &err), LF_OK);
    cr_assert_eq(memcmp(copy, adj, sizeof adj), 0);
    /* deterministic to the bit */
    double s2[N], t2[N];
    cr_assert_eq(lf_stl(&spec, y, N, s2, t2, NULL, NULL, &err), LF_OK);
    cr_assert_eq(memcmp(s, s2, sizeof s), 0);
    cr_assert_eq(memcmp(t, t2, sizeof t), 0);
    /* no rows: the series itself */
    cr_assert_eq(lf_stl_adjust(y, N, NULL, 0, adj, &err), LF_OK);
    cr_assert_eq(memcmp(adj, y, sizeof adj), 0);
    free(y);
}

Test(stl, periodic_season_repeats)
{
    enum { N = 300, P = 7 };
    double *y = daily_load(N, 2), s[N], t[N], r[N];
    lf_stl_spec spec;
    lf_stl_spec_init(&spec, P);
    spec.seasonal = LF_STL_PERIODIC;
    lf_error err;
    cr_assert_eq(lf_stl(&spec, y, N, s, t, r, NULL, &err), LF_OK, "%s", err.message);
    double sum = 0;
    for (int i = 0; i < N; i++) {
        if (i >= P)
            cr_assert_eq(s[i], s[i - P], "seasonal[%d] != seasonal[%d]", i, i - P);
        cr_assert_eq(r[i], y[i] - s[i] - t[i]);
    }
    for (int i = 0; i < P; i++)
        sum += s[i];
    /* the weekly pattern is about +-9000 and sums to about 0 */
    cr_assert(fabs(sum) < 1000, "one cycle of the season sums to %g", sum);
    cr_assert(fabs(s[2] - (9000 * sin(4 * PI / 7) + 4000 * cos(8 * PI / 7))) < 1500,
              "s[2] = %g", s[2]);
    free(y);
}

Test(stl, robust_weights_drop_an_outlier)
{
    enum { N = 140 };
    double y[N], s[N], t[N], w[N], s0[N], t0[N];
    for (int i = 0; i < N; i++)
        y[i] = 500 + 1.5 * i + 40 * sin(2 * PI * i / 7) + 0.5 * sin(1.3 * i * i);
    y[60] += 400;
    lf_stl_spec spec;
    lf_stl_spec_init(&spec, 7);
    lf_error err;
    cr_assert_eq(lf_stl(&spec, y, N, s0, t0, NULL, NULL, &err), LF_OK);
    spec.robust = 1;
    cr_assert_eq(lf_stl(&spec, y, N, s, t, NULL, w, &err), LF_OK, "%s", err.message);
    cr_assert_eq(w[60], 0.0, "outlier weight %g", w[60]);
    double worst = 0, worst0 = 0, wmin = 1;
    for (int i = 0; i < N; i++) {
        cr_assert(w[i] >= 0 && w[i] <= 1);
        if (i != 60)
            wmin = fmin(wmin, w[i]);
        double truth = 40 * sin(2 * PI * i / 7);
        worst = fmax(worst, fabs(s[i] - truth));
        worst0 = fmax(worst0, fabs(s0[i] - truth));
    }
    cr_assert_gt(wmin, 0.3, "an ordinary point lost its weight (%g)", wmin);
    cr_assert_lt(worst, 2.0, "robust season off by %g", worst);
    cr_assert_gt(worst0, 10 * worst, "non-robust %g vs robust %g", worst0, worst);
}

Test(stl, mstl_with_one_period_is_stl)
{
    enum { N = 400 };
    double *y = daily_load(N, 3), s[N], t[N], r[N], ms[N], mt[N], mr[N];
    lf_mstl_spec m;
    lf_mstl_spec_init(&m, 1, (const int[]){7});
    m.iterations = 1;
    lf_stl_spec spec = m.stl;
    spec.period = 7;
    spec.seasonal = m.seasonal[0];
    lf_error err;
    int nused;
    cr_assert_eq(lf_stl(&spec, y, N, s, t, r, NULL, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_mstl(&m, y, N, ms, mt, mr, &nused, &err), LF_OK, "%s", err.message);
    cr_assert_eq(nused, 1);
    cr_assert_eq(memcmp(s, ms, sizeof s), 0);
    cr_assert_eq(memcmp(t, mt, sizeof t), 0);
    cr_assert_eq(memcmp(r, mr, sizeof r), 0);
    free(y);
}

Test(stl, mstl_separates_week_and_year)
{
    enum { N = 1461 };
    double *y = daily_load(N, 4), *s = malloc(2 * N * sizeof *s), t[N], r[N], adj[N];
    lf_mstl_spec m;
    lf_mstl_spec_init(&m, 2, (const int[]){7, 365});
    int nused;
    lf_error err;
    cr_assert_eq(lf_mstl(&m, y, N, s, t, r, &nused, &err), LF_OK, "%s", err.message);
    cr_assert_eq(nused, 2);
    cr_assert_eq(lf_stl_adjust(y, N, s, 2, adj, &err), LF_OK);
    /* the components against the truth, away from the ends: the noise is
       uniform with sd 577, the weekly pattern +-13000, the annual +-15000 */
    double week2 = 0, year2 = 0, trend2 = 0;
    int count = 0;
    for (int i = 400; i < N - 400; i++, count++) {
        double d = i, week = 9000 * sin(2 * PI * d / 7) + 4000 * cos(4 * PI * d / 7);
        double year = 15000 * cos(2 * PI * d / 365.25);
        week2 += (s[i] - week) * (s[i] - week);
        year2 += (s[N + i] - year) * (s[N + i] - year);
        trend2 += (t[i] - (150000 + 3 * d)) * (t[i] - (150000 + 3 * d));
    }
    cr_assert_lt(sqrt(week2 / count), 400, "weekly RMS error %.0f", sqrt(week2 / count));
    cr_assert_lt(sqrt(year2 / count), 500, "annual RMS error %.0f", sqrt(year2 / count));
    cr_assert_lt(sqrt(trend2 / count), 50, "trend RMS error %.0f", sqrt(trend2 / count));
    for (int i = 0; i < N; i++) {
        cr_assert_eq(r[i], y[i] - s[i] - s[N + i] - t[i]);
        cr_assert_eq(adj[i], y[i] - s[i] - s[N + i]);
    }
    free(s);
    free(y);
}

Test(stl, mstl_drops_periods_without_two_cycles)
{
    enum { N = 241 };
    double *y = daily_load(N, 5), *s = malloc(3 * N * sizeof *s), t[N];
    lf_mstl_spec m;
    lf_mstl_spec_init(&m, 3, (const int[]){7, 120, 121});
    int nused;
    lf_error err;
    /* 2 * 120 < 241 is kept, 2 * 121 >= 241 is not */
    cr_assert_eq(lf_mstl(&m, y, N, s, t, NULL, &nused, &err), LF_OK, "%s", err.message);
    cr_assert_eq(nused, 2);
    for (int i = 0; i < N; i++)
        cr_assert_eq(s[2 * N + i], 0.0);
    cr_assert_eq(lf_mstl(&m, y, 240, s, t, NULL, &nused, &err), LF_OK, "%s", err.message);
    cr_assert_eq(nused, 1);
    cr_assert_eq(lf_mstl(&m, y, 14, s, t, NULL, NULL, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "at least 15"), "%s", err.message);
    free(s);
    free(y);
}

/* ---- speed -------------------------------------------------------------------------------- */

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

Test(stl, three_thousand_days_are_fast, .timeout = 60)
{
    enum { N = 3000 };
    double *y = daily_load(N, 6), *s = malloc(2 * N * sizeof *s), t[N], r[N];
    lf_mstl_spec m;
    lf_mstl_spec_init(&m, 2, (const int[]){7, 365});
    lf_error err;
    double t0 = seconds();
    cr_assert_eq(lf_mstl(&m, y, N, s, t, r, NULL, &err), LF_OK, "%s", err.message);
    double r_defaults = seconds() - t0;
    /* every point smoothed (no jumps): the slowest plain setting */
    m.stl.seasonal_jump = m.stl.trend_jump = m.stl.low_pass_jump = 1;
    t0 = seconds();
    cr_assert_eq(lf_mstl(&m, y, N, s, t, r, NULL, &err), LF_OK, "%s", err.message);
    double no_jumps = seconds() - t0;
    /* generous bounds: sanitizer builds run several times slower */
    cr_assert_lt(r_defaults, 0.5, "MSTL of 3000 days took %.3f s", r_defaults);
    cr_assert_lt(no_jumps, 5.0, "MSTL without jumps took %.3f s", no_jumps);
    free(s);
    free(y);
}

/* ---- errors ------------------------------------------------------------------------------- */

static double *ramp(size_t n)
{
    double *y = malloc(n * sizeof *y);
    for (size_t i = 0; i < n; i++)
        y[i] = 100 + (double)i + 10 * (double)(i % 7);
    return y;
}

/* lf_stl's status for spec on ramp(n), the message in err. */
static int stl_status(const lf_stl_spec *spec, size_t n, lf_error *err)
{
    double *y = ramp(n), *s = malloc(n * sizeof *s), *t = malloc(n * sizeof *t);
    int rc = lf_stl(spec, y, n, s, t, NULL, NULL, err);
    free(y);
    free(s);
    free(t);
    return rc;
}

static void expect_arg(const lf_stl_spec *spec, const char *a, const char *b)
{
    lf_error err;
    cr_assert_eq(stl_status(spec, 60, &err), LF_ERR_ARG, "expected LF_ERR_ARG for %s", a);
    cr_assert(strstr(err.message, a) && strstr(err.message, b), "%s", err.message);
    lf_stl_spec out;
    cr_assert_eq(lf_stl_spec_resolve(spec, 60, &out, &err), LF_ERR_ARG);
}

Test(stl, bad_spec_names_the_setting)
{
    lf_stl_spec s;
    lf_stl_spec_init(&s, 1);
    expect_arg(&s, "period must be >= 2", "got 1");
    const struct {
        size_t offset;
        int value;
        const char *a, *b;
    } bad[] = {
        {offsetof(lf_stl_spec, seasonal), 8, "seasonal window must be an odd", "got 8"},
        {offsetof(lf_stl_spec, seasonal), 1, "LF_STL_PERIODIC", "got 1"},
        {offsetof(lf_stl_spec, seasonal), LF_STL_AUTO, "seasonal window", "got -1"},
        {offsetof(lf_stl_spec, trend), 4, "trend window must be an odd integer >= 3", "got 4"},
        {offsetof(lf_stl_spec, low_pass), 1, "low_pass window", "got 1"},
        {offsetof(lf_stl_spec, seasonal_deg), 2, "seasonal degree must be 0 or 1", "got 2"},
        {offsetof(lf_stl_spec, trend_deg), -3, "trend degree", "got -3"},
        {offsetof(lf_stl_spec, low_pass_deg), 5, "low_pass degree", "got 5"},
        {offsetof(lf_stl_spec, seasonal_jump), 0, "seasonal jump must be >= 1", "got 0"},
        {offsetof(lf_stl_spec, trend_jump), -5, "trend jump", "got -5"},
        {offsetof(lf_stl_spec, low_pass_jump), 0, "low_pass jump", "got 0"},
        {offsetof(lf_stl_spec, inner), 0, "inner iterations must be >= 1", "got 0"},
        {offsetof(lf_stl_spec, outer), -2, "outer iterations must be >= 0", "got -2"},
        {offsetof(lf_stl_spec, defaults), 7, "defaults must be", "got 7"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        lf_stl_spec_init(&s, 7);
        memcpy((char *)&s + bad[i].offset, &bad[i].value, sizeof(int));
        expect_arg(&s, bad[i].a, bad[i].b);
    }
    /* the boundaries are allowed */
    lf_stl_spec_init(&s, 2);
    s.seasonal = 3;
    s.trend = s.low_pass = 3;
    s.outer = 0;
    s.inner = 1;
    lf_error err;
    cr_assert_eq(stl_status(&s, 5, &err), LF_OK, "%s", err.message);
    cr_assert_eq(stl_status(NULL, 60, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "no specification"), "%s", err.message);
    lf_stl_spec_init(&s, 7);
    cr_assert_eq(lf_stl_spec_resolve(&s, 60, NULL, &err), LF_ERR_ARG);
}

Test(stl, too_short_says_how_many)
{
    lf_stl_spec s;
    lf_stl_spec_init(&s, 7);
    lf_error err;
    cr_assert_eq(stl_status(&s, 14, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "period 7") && strstr(err.message, "at least 15") &&
                  strstr(err.message, "got 14"),
              "%s", err.message);
    lf_stl_spec out;
    cr_assert_eq(lf_stl_spec_resolve(&s, 14, &out, &err), LF_ERR_DATA);
    cr_assert_eq(stl_status(&s, 15, &err), LF_OK, "%s", err.message);
    lf_stl_spec_init(&s, 365);
    cr_assert_eq(stl_status(&s, 730, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "at least 731"), "%s", err.message);
    cr_assert_eq(stl_status(&s, 0, &err), LF_ERR_DATA);
}

Test(stl, missing_and_infinite_values_are_named)
{
    enum { N = 60 };
    double *y = ramp(N), s[N], t[N];
    lf_stl_spec spec;
    lf_stl_spec_init(&spec, 7);
    lf_error err;
    y[23] = NAN;
    cr_assert_eq(lf_stl(&spec, y, N, s, t, NULL, NULL, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "y[23]") && strstr(err.message, "NaN") &&
                  strstr(err.message, "fill"),
              "%s", err.message);
    y[23] = 5;
    y[41] = -INFINITY;
    cr_assert_eq(lf_stl(&spec, y, N, s, t, NULL, NULL, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "y[41]") && strstr(err.message, "infinite"), "%s",
              err.message);
    lf_mstl_spec m;
    lf_mstl_spec_init(&m, 2, (const int[]){7, 14});
    double ms[2 * N];
    cr_assert_eq(lf_mstl(&m, y, N, ms, t, NULL, NULL, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "MSTL") && strstr(err.message, "y[41]"), "%s", err.message);
    /* a bad value after the sample does not matter */
    y[41] = 5;
    y[N - 1] = NAN;
    cr_assert_eq(lf_stl(&spec, y, N - 1, s, t, NULL, NULL, &err), LF_OK, "%s", err.message);
    free(y);
}

Test(stl, bad_arguments)
{
    enum { N = 60 };
    double *y = ramp(N), s[2 * N], t[N];
    lf_stl_spec spec;
    lf_stl_spec_init(&spec, 7);
    lf_error err;
    cr_assert_eq(lf_stl(&spec, NULL, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "no series"), "%s", err.message);
    cr_assert_eq(lf_stl(&spec, y, N, NULL, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "seasonal"), "%s", err.message);
    cr_assert_eq(lf_stl(&spec, y, N, s, NULL, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "trend"), "%s", err.message);
    cr_assert_eq(lf_stl(&spec, y, N, s, NULL, NULL, NULL, NULL), LF_ERR_ARG); /* no record */
    lf_mstl_spec m;
    lf_mstl_spec_init(&m, 1, (const int[]){7});
    cr_assert_eq(lf_mstl(&m, y, N, NULL, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_mstl(&m, y, N, s, NULL, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_mstl(&m, NULL, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_mstl(NULL, y, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_stl_adjust(NULL, N, s, 1, t, &err), LF_ERR_ARG);
    cr_assert_eq(lf_stl_adjust(y, N, NULL, 1, t, &err), LF_ERR_ARG);
    cr_assert_eq(lf_stl_adjust(y, N, s, 1, NULL, &err), LF_ERR_ARG);
    free(y);
}

Test(stl, bad_mstl_spec_names_the_setting)
{
    enum { N = 100 };
    double *y = ramp(N), s[4 * N], t[N];
    lf_mstl_spec m;
    lf_error err;
    lf_mstl_spec_init(&m, 0, NULL);
    cr_assert_eq(lf_mstl(&m, y, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "number of periods must be 1..4") &&
                  strstr(err.message, "got 0"),
              "%s", err.message);
    lf_mstl_spec_init(&m, 5, (const int[]){2, 3, 4, 5, 6});
    cr_assert_eq(lf_mstl(&m, y, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "got 5"), "%s", err.message);
    lf_mstl_spec_init(&m, 2, (const int[]){30, 7});
    cr_assert_eq(lf_mstl(&m, y, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "ascending") && strstr(err.message, "periods[1] = 7"), "%s",
              err.message);
    lf_mstl_spec_init(&m, 2, (const int[]){7, 7});
    cr_assert_eq(lf_mstl(&m, y, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    lf_mstl_spec_init(&m, 2, (const int[]){1, 7});
    cr_assert_eq(lf_mstl(&m, y, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "period must be >= 2"), "%s", err.message);
    lf_mstl_spec_init(&m, 2, (const int[]){7, 30});
    m.seasonal[1] = 10;
    cr_assert_eq(lf_mstl(&m, y, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "MSTL period 30") && strstr(err.message, "got 10"), "%s",
              err.message);
    /* a bad window of a period that would be dropped is still refused */
    lf_mstl_spec_init(&m, 2, (const int[]){7, 365});
    m.seasonal[1] = 4;
    cr_assert_eq(lf_mstl(&m, y, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    lf_mstl_spec_init(&m, 2, (const int[]){7, 30});
    m.iterations = 0;
    cr_assert_eq(lf_mstl(&m, y, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "iterations must be >= 1"), "%s", err.message);
    lf_mstl_spec_init(&m, 2, (const int[]){7, 30});
    m.stl.trend_deg = 3;
    cr_assert_eq(lf_mstl(&m, y, N, s, t, NULL, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "trend degree") && strstr(err.message, "got 3"), "%s",
              err.message);
    free(y);
}
