/* test_ingest_series.c - lf_ingest_interval_series (libforecast/io/ingest_pipeline.c):
 * the cleaned intervals of one series, for billing from meter data.
 *
 * Files whose numbers matter here are written by the tests into a private
 * mkdtemp directory (removed by fini) from the formulas given beside each
 * test, so every expected value can be redone by hand; the daylight-saving,
 * duplicate and two-column cases reuse tests/fixtures/ingest/ (described in
 * test_ingest.c and make_fixtures.py there).  Where the daily ingest sees the
 * same file, the daily frame is checked against the series too: both run one
 * pipeline. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch_file.h"
#include "libforecast/ingest.h"

#define FIX "tests/fixtures/ingest/"

/* ---- per-test state: a temporary directory, the result, the report ------------- */

static char tmpdir[64];
static lf_interval_series S;
static lf_ingest_report REP;
static lf_error ERR;

static void setup(void)
{
    strcpy(tmpdir, "/tmp/lf_test_series.XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir), "mkdtemp failed");
    memset(&S, 0, sizeof S);
    lf_ingest_report_init(&REP);
    lf_error_clear(&ERR);
}

static void teardown(void)
{
    lf_interval_series_free(&S);
    lf_ingest_report_free(&REP);
    scratch_remove_dir(tmpdir);
}

TestSuite(series, .init = setup, .fini = teardown);

static lf_date ymd(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

/* Open tmpdir/name for writing; the path goes to path[400]. */
static FILE *create(const char *name, char *path)
{
    snprintf(path, 400, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    return f;
}

static void close_file(FILE *f)
{
    cr_assert_eq(fclose(f), 0);
}

/* "2024-01-15 06:30" for slot i of a grid of `minutes` from 2024-01-15. */
static void stamp(size_t i, int minutes, char *buf, size_t size)
{
    size_t per_day = (size_t)(1440 / minutes), m = (i % per_day) * (size_t)minutes;
    snprintf(buf, size, "2024-01-%02zu %02zu:%02zu", 15 + i / per_day, m / 60, m % 60);
}

static lf_interval_spec long_spec(const char *path, const lf_series_spec *series,
                                  size_t nseries, int minutes)
{
    lf_interval_spec s;
    memset(&s, 0, sizeof s);
    s.path = path;
    s.layout = LF_LAYOUT_LONG;
    s.interval_minutes = minutes;
    s.time_column = "time";
    s.series = series;
    s.nseries = nseries;
    s.max_gap_intervals = -1; /* default 4 */
    s.duplicates = LF_DUP_MEAN;
    s.first = 1;
    s.last = 0; /* everything */
    return s;
}

/* Run into S, first filled with junk so a failing call is seen to zero it. */
static int run(const lf_interval_spec *spec, size_t series)
{
    static double junk;
    lf_interval_series_free(&S);
    lf_ingest_report_free(&REP);
    lf_error_clear(&ERR);
    S = (lf_interval_series){7, 99, 7, 7, &junk};
    int rc = lf_ingest_interval_series(spec, series, &S, &REP, &ERR);
    if (rc != LF_OK) {
        int zeroed = S.values == NULL && S.n == 0 && S.ndays == 0 && S.minutes == 0 &&
                     S.first == 0;
        if (S.values == &junk)
            S.values = NULL; /* not ours to free in fini */
        cr_assert(zeroed, "a failed call must zero *out");
        cr_assert_eq(ERR.code, rc);
    }
    return rc;
}

static void run_ok(const lf_interval_spec *spec, size_t series)
{
    int rc = run(spec, series);
    cr_assert_eq(rc, LF_OK, "%s: %s", spec->path, ERR.message);
    cr_assert_not_null(S.values);
    cr_assert_eq(S.n, S.ndays * (size_t)(1440 / S.minutes));
}

static void expect_shape(lf_date first, int minutes, size_t ndays)
{
    cr_assert_eq(S.first, first);
    cr_assert_eq(S.minutes, minutes);
    cr_assert_eq(S.ndays, ndays);
    cr_assert_eq(S.n, ndays * (size_t)(1440 / minutes));
}

/* values[i] is exactly want (NaN = NaN). */
static void expect_at(size_t i, double want)
{
    cr_assert_lt(i, S.n);
    if (isnan(want))
        cr_assert(isnan(S.values[i]), "values[%zu] = %.17g, expected NaN", i, S.values[i]);
    else
        cr_assert(S.values[i] == want, "values[%zu] = %.17g, expected %.17g", i,
                  S.values[i], want);
}

static void expect_near(size_t i, double want)
{
    cr_assert_lt(i, S.n);
    cr_assert(fabs(S.values[i] - want) <= 1e-12 * fmax(1, fabs(want)),
              "values[%zu] = %.17g, expected %.17g", i, S.values[i], want);
}

/* Sum of day d's values times the interval hours, NaN counted as 0. */
static double day_energy(size_t d)
{
    size_t per_day = S.n / S.ndays;
    double sum = 0;
    for (size_t i = d * per_day; i < (d + 1) * per_day; i++)
        sum += isnan(S.values[i]) ? 0 : S.values[i];
    return sum * S.minutes / 60.0;
}

/* Column `name` of the daily frame lf_ingest_intervals makes of spec, row d. */
static double daily(const lf_interval_spec *spec, const char *name, size_t d)
{
    lf_frame *f = NULL;
    lf_error err;
    cr_assert_eq(lf_ingest_intervals(spec, &f, NULL, &err), LF_OK, "%s", err.message);
    const double *v = lf_frame_column(f, name);
    cr_assert_not_null(v, "no column %s", name);
    cr_assert_lt(d, f->ndays);
    double x = v[d];
    lf_frame_free(f);
    return x;
}

static size_t count_issues(lf_issue_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < REP.nissues; i++)
        n += REP.issues[i].kind == kind;
    return n;
}

/* ==== units =========================================================================== */

/* Wide 15-minute file in kW, days 2024-01-15 and 16: quarter q of day d reads
 * 800.25 + 4q + 1000d kW (all exact in binary). */
static double wide_kw(size_t d, size_t q) { return 800.25 + 4.0 * (double)q + 1000.0 * (double)d; }

static const char *write_wide_kw(char *path)
{
    FILE *f = create("wide_kw.csv", path);
    fprintf(f, "date");
    for (int q = 1; q <= 96; q++)
        fprintf(f, ",q%d", q);
    for (size_t d = 0; d < 2; d++) {
        fprintf(f, "\n2024-01-%02zu", 15 + d);
        for (size_t q = 0; q < 96; q++)
            fprintf(f, ",%.2f", wide_kw(d, q));
    }
    fprintf(f, "\n");
    close_file(f);
    return path;
}

Test(series, wide_quarter_hours_kw_to_mw)
{
    char path[400];
    lf_series_spec s = {NULL, LF_SERIES_LOAD, LF_UNIT_KW, NULL};
    lf_interval_spec spec = long_spec(write_wide_kw(path), &s, 1, 0);
    spec.layout = LF_LAYOUT_WIDE;
    spec.time_column = NULL;
    spec.date_column = "date";
    run_ok(&spec, 0);
    expect_shape(ymd(2024, 1, 15), 15, 2);
    /* every value is its kW / 1000, bit for bit as the daily ingest converts */
    for (size_t d = 0; d < 2; d++)
        for (size_t q = 0; q < 96; q++)
            expect_at(d * 96 + q, wide_kw(d, q) / 1000.0);
    /* by hand: 800.25 kW = 0.80025 MW; day 2 23:45 = 800.25 + 380 + 1000 kW */
    expect_near(0, 0.80025);
    expect_near(95, 1.18025);
    expect_near(96 + 95, 2.18025);
    /* the daily frame of the same file: day 1 energy = sum x 0.25 h =
     * (96 x 800.25 + 4 x 4560) kW / 1000 / 4 = 95064 / 4000 = 23.766 MWh, peak
     * the last quarter; day 2 adds 96 x 1000 kW x 0.25 h = 24 MWh */
    cr_assert_float_eq(day_energy(0), 23.766, 1e-12);
    cr_assert_float_eq(day_energy(1), 47.766, 1e-12);
    cr_assert_float_eq(daily(&spec, "energy_mwh", 0), day_energy(0), 1e-12);
    cr_assert_eq(daily(&spec, "peak_mw", 1), S.values[191]);
    cr_assert_eq(REP.interval_minutes, 15);
    cr_assert_eq(REP.intervals, 192);
    cr_assert_eq(REP.nissues, 0);
}

Test(series, energy_per_interval_and_fahrenheit)
{
    /* kWh per 15 minutes is mean power: 250 kWh / 1000 / 0.25 h = 1 MW, 300 ->
     * 1.2 MW; degF to degC: 50 -> 10, 68 -> 20.  Two rows of one day. */
    char path[400];
    FILE *f = create("kwh.csv", path);
    fprintf(f, "time,kwh,temp_f\n2024-01-15 00:00,250,50\n2024-01-15 00:15,300,68\n");
    close_file(f);
    lf_series_spec s[2] = {{"kwh", LF_SERIES_LOAD, LF_UNIT_KWH, NULL},
                           {"temp_f", LF_SERIES_TEMPERATURE, LF_UNIT_FAHRENHEIT, NULL}};
    lf_interval_spec spec = long_spec(path, s, 2, 15);
    run_ok(&spec, 0);
    expect_shape(ymd(2024, 1, 15), 15, 1);
    expect_at(0, 1.0);
    expect_near(1, 1.2);
    expect_at(2, NAN); /* after the last reading */
    run_ok(&spec, 1);
    expect_at(0, 10.0);
    expect_at(1, 20.0);
}

/* ==== gaps ============================================================================== */

/* Long 30-minute file, 2024-01-15 and 16 (slots 0..95), load_mw =
 * 40 + (i mod 5) at slot i, except: slots 10, 11, 12 absent (a gap of 3),
 * slots 47 and 48 "NA" (a gap of 2 across midnight), slots 60..64 absent
 * (a gap of 5, longer than the default 4). */
static const char *write_long30(char *path)
{
    FILE *f = create("long30.csv", path);
    fprintf(f, "time,load_mw\n");
    for (size_t i = 0; i < 96; i++) {
        char when[32];
        stamp(i, 30, when, sizeof when);
        if ((i >= 10 && i <= 12) || (i >= 60 && i <= 64))
            continue;
        if (i == 47 || i == 48)
            fprintf(f, "%s,NA\n", when);
        else
            fprintf(f, "%s,%zu\n", when, 40 + i % 5);
    }
    close_file(f);
    return path;
}

Test(series, half_hours_gaps_filled_and_left)
{
    char path[400];
    lf_series_spec s = {"load_mw", LF_SERIES_LOAD, LF_UNIT_MW, NULL};
    lf_interval_spec spec = long_spec(write_long30(path), &s, 1, 30);
    run_ok(&spec, 0);
    expect_shape(ymd(2024, 1, 15), 30, 2);
    /* slot 9 = 44, slot 13 = 43: in quarters of -1 -> 43.75, 43.5, 43.25 */
    expect_at(9, 44);
    expect_at(10, 43.75);
    expect_at(11, 43.5);
    expect_at(12, 43.25);
    expect_at(13, 43);
    /* slot 46 = 41, slot 49 = 44: thirds of +3 -> 42 (23:30) and 43 (00:00) */
    expect_near(47, 42);
    expect_near(48, 43);
    /* 06:00..08:00 of day 2 stay missing, their neighbours are read */
    expect_at(59, 44);
    for (size_t i = 60; i <= 64; i++)
        expect_at(i, NAN);
    expect_at(65, 40);
    /* everything else as read */
    for (size_t i = 0; i < 96; i++)
        if (!((i >= 10 && i <= 12) || (i >= 47 && i <= 48) || (i >= 60 && i <= 64)))
            expect_at(i, 40 + (double)(i % 5));
    cr_assert_eq(REP.interpolated, 5);
    cr_assert_eq(REP.left_missing, 5);
    cr_assert_eq(REP.missing_values, 2);
    cr_assert_eq(count_issues(LF_ISSUE_GAP_FILLED), 2);
    cr_assert_eq(count_issues(LF_ISSUE_GAP_LEFT), 1);
    /* the daily frame sums the same values.  Day 1 without gaps: 48 slots of
     * 40 + (i mod 5), 48 x 40 + 9 x (0+1+2+3+4) + (0+1+2) = 2013 MW; slots
     * 10..12 hold 43.75 + 43.5 + 43.25 = 130.5 instead of 40 + 41 + 42 = 123,
     * slot 47 holds 42 as the formula does: 2020.5 MW x 0.5 h = 1010.25 MWh */
    cr_assert_float_eq(day_energy(0), 1010.25, 1e-9);
    cr_assert_float_eq(daily(&spec, "energy_mwh", 0), 1010.25, 1e-9);
    cr_assert(isnan(daily(&spec, "energy_mwh", 1)));
}

Test(series, max_gap_zero_leaves_every_gap)
{
    char path[400];
    lf_series_spec s = {"load_mw", LF_SERIES_LOAD, LF_UNIT_MW, NULL};
    lf_interval_spec spec = long_spec(write_long30(path), &s, 1, 30);
    spec.max_gap_intervals = 0;
    run_ok(&spec, 0);
    for (size_t i = 10; i <= 12; i++)
        expect_at(i, NAN);
    expect_at(47, NAN);
    expect_at(48, NAN);
    cr_assert_eq(REP.interpolated, 0);
    cr_assert_eq(REP.left_missing, 10);
}

/* ==== coverage and period =============================================================== */

/* Long 30-minute file from 2024-01-15 06:00 (slot 12) to 2024-01-16 11:30
 * (slot 71): load_mw = 100 + i. */
static const char *write_partial(char *path)
{
    FILE *f = create("partial30.csv", path);
    fprintf(f, "time,load_mw\n");
    for (size_t i = 12; i <= 71; i++) {
        char when[32];
        stamp(i, 30, when, sizeof when);
        fprintf(f, "%s,%zu\n", when, 100 + i);
    }
    close_file(f);
    return path;
}

Test(series, partly_covered_first_and_last_day)
{
    char path[400];
    lf_series_spec s = {"load_mw", LF_SERIES_LOAD, LF_UNIT_MW, NULL};
    lf_interval_spec spec = long_spec(write_partial(path), &s, 1, 30);
    /* a period wider than the data: the series still starts at the data */
    spec.first = ymd(2024, 1, 1);
    spec.last = ymd(2024, 1, 31);
    run_ok(&spec, 0);
    expect_shape(ymd(2024, 1, 15), 30, 2);
    for (size_t i = 0; i < 96; i++)
        expect_at(i, i >= 12 && i <= 71 ? 100 + (double)i : NAN);
    /* outside the data is neither a gap nor filled; no incomplete-day issue
     * (documented: the NaN are the record) */
    cr_assert_eq(REP.intervals, 60);
    cr_assert_eq(REP.left_missing, 0);
    cr_assert_eq(REP.interpolated, 0);
    cr_assert_eq(REP.nissues, 0);

    /* clipped to the second day: 00:00..11:30 read, the afternoon NaN */
    spec.first = spec.last = ymd(2024, 1, 16);
    run_ok(&spec, 0);
    expect_shape(ymd(2024, 1, 16), 30, 1);
    for (size_t i = 0; i < 48; i++)
        expect_at(i, i < 24 ? 148 + (double)i : NAN);
    cr_assert_eq(count_issues(LF_ISSUE_OUTSIDE_PERIOD), 1);
}

/* ==== choosing the series, errors ======================================================== */

Test(series, second_series_of_a_long_file)
{
    /* hourly_long.csv: load_mw and temp_c; temperature of day 1 hour h is
     * 0 0 -1 -1 -2 -2 -1 0 2 4 6 8 9 10 ..., day 2 = day 1 + 5 */
    lf_series_spec s[2] = {{"load_mw", LF_SERIES_LOAD, LF_UNIT_MW, NULL},
                           {"temp_c", LF_SERIES_TEMPERATURE, LF_UNIT_CELSIUS, NULL}};
    lf_interval_spec spec = long_spec(FIX "hourly_long.csv", s, 2, 60);
    spec.time_column = "timestamp";
    run_ok(&spec, 1);
    expect_shape(ymd(2024, 1, 15), 60, 2);
    expect_at(2, -1);
    expect_at(4, -2);
    expect_at(13, 10);
    expect_at(24 + 13, 15);
    run_ok(&spec, 0);
    expect_at(0, 50);
    expect_at(24 + 9, 100);
}

Test(series, series_out_of_range_and_other_errors)
{
    lf_series_spec s[2] = {{"load_mw", LF_SERIES_LOAD, LF_UNIT_MW, NULL},
                           {"temp_c", LF_SERIES_TEMPERATURE, LF_UNIT_CELSIUS, NULL}};
    lf_interval_spec spec = long_spec(FIX "hourly_long.csv", s, 2, 60);
    spec.time_column = "timestamp";
    cr_assert_eq(run(&spec, 2), LF_ERR_ARG);
    cr_assert(strstr(ERR.message, "series 2") != NULL, "%s", ERR.message);
    cr_assert_eq(run(&spec, SIZE_MAX), LF_ERR_ARG);
    cr_assert_eq(REP.rows, 0, "the file is not read for a bad index");
    /* no spec, no out, a malformed file: errors, *out zeroed */
    cr_assert_eq(run(NULL, 0), LF_ERR_ARG);
    cr_assert_eq(lf_ingest_interval_series(&spec, 0, NULL, NULL, NULL), LF_ERR_ARG);
    cr_assert_eq(run(&spec, 0), LF_OK);
    spec.path = FIX "badnum.csv";
    spec.nseries = 1;
    cr_assert_eq(run(&spec, 0), LF_ERR_PARSE);
    spec.nseries = 2;
    cr_assert_eq(run(&spec, 1), LF_ERR_NOTFOUND); /* no temp_c column */
    spec.path = FIX "no_such_file.csv";
    cr_assert_eq(run(&spec, 0), LF_ERR_IO);
    /* free: NULL allowed, and it zeroes, so a second free is harmless */
    lf_interval_series_free(NULL);
    spec.path = FIX "hourly_long.csv";
    run_ok(&spec, 0);
    lf_interval_series_free(&S);
    cr_assert(S.values == NULL && S.n == 0 && S.ndays == 0);
    lf_interval_series_free(&S);
}

/* ==== duplicates and daylight saving ====================================================== */

Test(series, duplicate_policy_honoured)
{
    /* dup.csv: 2024-01-15 10:00 = 82 (line 12) and 86 (line 50); dup3.csv:
     * 12:00 = 83, 86, 89.  Neighbours as read: 09:00 = 80, 11:00 = 84. */
    static const struct {
        lf_duplicates policy;
        double pair, three;
    } cases[] = {{LF_DUP_MEAN, 84, 86}, {LF_DUP_FIRST, 82, 83}, {LF_DUP_LAST, 86, 89}};
    lf_series_spec s = {"load_mw", LF_SERIES_LOAD, LF_UNIT_MW, NULL};
    for (size_t k = 0; k < 3; k++) {
        lf_interval_spec spec = long_spec(FIX "dup.csv", &s, 1, 60);
        spec.time_column = "timestamp";
        spec.duplicates = cases[k].policy;
        run_ok(&spec, 0);
        expect_shape(ymd(2024, 1, 15), 60, 2);
        expect_at(9, 80);
        expect_at(10, cases[k].pair);
        expect_at(11, 84);
        cr_assert_eq(REP.duplicates, 1);
        spec.path = FIX "dup3.csv";
        run_ok(&spec, 0);
        expect_at(12, cases[k].three);
        cr_assert_eq(REP.duplicates, 2);
    }
    lf_interval_spec spec = long_spec(FIX "dup.csv", &s, 1, 60);
    spec.time_column = "timestamp";
    spec.duplicates = LF_DUP_ERROR;
    cr_assert_eq(run(&spec, 0), LF_ERR_DATA);
    cr_assert(strstr(ERR.message, "dup.csv:50") != NULL, "%s", ERR.message);
}

Test(series, clock_forward_hour_is_nan)
{
    /* dst_forward.csv lacks 2024-01-15 02:00 (between 01:00 = 48 and 03:00 =
     * 45).  With clock_changes it did not happen: NaN, nothing filled, and
     * the series' day sums to the daily frame's 23-hour energy 1687 - 46 =
     * 1641.  Without, it is a gap: (48 + 45) / 2 = 46.5. */
    lf_series_spec s = {"load_mw", LF_SERIES_LOAD, LF_UNIT_MW, NULL};
    lf_interval_spec spec = long_spec(FIX "dst_forward.csv", &s, 1, 60);
    spec.time_column = "timestamp";
    spec.clock_changes = 1;
    run_ok(&spec, 0);
    expect_shape(ymd(2024, 1, 15), 60, 2);
    expect_at(1, 48);
    expect_at(2, NAN);
    expect_at(3, 45);
    cr_assert_eq(REP.clock_forward, 1);
    cr_assert_eq(REP.interpolated, 0);
    cr_assert_eq(count_issues(LF_ISSUE_CLOCK_FORWARD), 1);
    cr_assert_eq(day_energy(0), 1641);
    cr_assert_eq(daily(&spec, "energy_mwh", 0), 1641);
    spec.clock_changes = 0;
    run_ok(&spec, 0);
    expect_at(2, 46.5);
}

Test(series, clock_back_hour_is_the_mean_of_its_readings)
{
    /* dst_back.csv: 2024-01-15 01:00 = 48 (line 3) and 47 (line 4).  With
     * clock_changes the two readings share the slot as their mean 47.5 (not
     * the policy's first, 48); the day then sums to 1687 - 48 + 47.5 = 1686.5
     * while the daily frame counts both hours, 1687 + 47 = 1734. */
    lf_series_spec s = {"load_mw", LF_SERIES_LOAD, LF_UNIT_MW, NULL};
    lf_interval_spec spec = long_spec(FIX "dst_back.csv", &s, 1, 60);
    spec.time_column = "timestamp";
    spec.clock_changes = 1;
    spec.duplicates = LF_DUP_FIRST;
    run_ok(&spec, 0);
    expect_shape(ymd(2024, 1, 15), 60, 2);
    expect_at(0, 50);
    expect_at(1, 47.5);
    expect_at(2, 46);
    cr_assert_eq(REP.clock_back, 1);
    cr_assert_eq(REP.duplicates, 0);
    cr_assert_eq(day_energy(0), 1686.5);
    cr_assert_eq(daily(&spec, "energy_mwh", 0), 1734);
    /* without clock_changes it is a duplicate, resolved by the policy */
    spec.clock_changes = 0;
    run_ok(&spec, 0);
    expect_at(1, 48);
    cr_assert_eq(REP.duplicates, 1);
    /* an empty repeat: the slot is NaN (the daily frame leaves that day
     * missing) and the report counts it */
    spec.path = FIX "dst_back_na.csv";
    spec.clock_changes = 1;
    run_ok(&spec, 0);
    expect_at(0, 50);
    expect_at(1, NAN);
    expect_at(2, 46);
    cr_assert_eq(REP.left_missing, 1);
    cr_assert(isnan(daily(&spec, "energy_mwh", 0)));
}
