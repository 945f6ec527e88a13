/* test_realdata.c - ingest every file of the shared real datasets and check
 * row counts, date ranges and values computed independently with pandas
 * (tests/reference/realdata.py prints them).  Skips when the data folder is
 * absent: ${LF_DATA_DIR:-../shared/data}. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "libforecast.h"
#include "realdata.h"

static double at(const lf_frame *f, const char *col, int y, int m, int d)
{
    const double *v = lf_frame_column(f, col);
    cr_assert_not_null(v, "column %s", col);
    long r = lf_frame_row(f, lf_date_from_ymd(y, m, d));
    cr_assert_geq(r, 0);
    return v[r];
}

#define NEAR(a, b, tol) cr_assert(fabs((a) - (b)) <= (tol), "%s = %.6f, expected %.6f", #a, \
                                  (double)(a), (double)(b))

typedef struct aus_expect {
    const char *state;
    double energy, peak, tmean; /* 2013-07-15 */
    double energy_2013;
} aus_expect;


Test(realdata, aus_elec_every_state)
{
    /* pandas: groupby(day) of demand_mw * 0.5 h, max, mean of temperature_c */
    const aus_expect ex[5] = {
        {"nsw", 168109.656, 8985.38, 16.277083, 55778085.317},
        {"qld", 99553.2765, 5239.402, 15.264583, 36090466.875},
        {"sa", 30459.369, 1704.662, 13.570833, 10598094.198},
        {"tas", 13277.295, 740.867, 10.8375, 4201022.34},
        {"vic", 117792.187, 6108.645, 14.94375, 40733280.797}};
    for (int i = 0; i < 5; i++) {
        lf_ingest_report rep;
        lf_ingest_report_init(&rep);
        lf_frame *f = ingest_aus(ex[i].state, &rep);
        cr_assert_eq(rep.rows, 52608);
        cr_assert_eq(rep.interval_minutes, 30);
        cr_assert_eq(rep.nissues, 0, "%s: %zu issues", ex[i].state, rep.nissues);
        cr_assert_eq(f->ndays, 1096);
        cr_assert_eq(f->start, lf_date_from_ymd(2012, 1, 1));
        NEAR(at(f, "energy_mwh", 2013, 7, 15), ex[i].energy, 1e-6);
        NEAR(at(f, "peak_mw", 2013, 7, 15), ex[i].peak, 1e-9);
        NEAR(at(f, "tmean_c", 2013, 7, 15), ex[i].tmean, 1e-6);
        lf_period_summary *years = NULL;
        size_t n = 0;
        cr_assert_eq(lf_summarize(f, LF_PERIOD_YEAR, "", &years, &n, NULL), LF_OK);
        cr_assert_eq(n, 3);
        NEAR(years[1].energy_mwh, ex[i].energy_2013, 1e-3);
        free(years);
        lf_frame_free(f);
        lf_ingest_report_free(&rep);
    }
}

Test(realdata, gefcom_hour_ending_fahrenheit)
{
    char path[512];
    lf_series_spec series[2] = {{"load", LF_SERIES_LOAD, LF_UNIT_MW, NULL},
                                {"T", LF_SERIES_TEMPERATURE, LF_UNIT_FAHRENHEIT, NULL}};
    lf_interval_spec spec = {0};
    spec.path = data_file(path, sizeof path, "gefcom2014/load_temperature_hourly.csv");
    spec.date_column = "Date";
    spec.hour_column = "Hour";
    spec.hour_ending = 1;
    spec.series = series;
    spec.nseries = 2;
    spec.max_gap_intervals = -1;
    spec.first = 1;
    lf_frame *f = NULL;
    lf_ingest_report rep;
    lf_ingest_report_init(&rep);
    lf_error err;
    cr_assert_eq(lf_ingest_intervals(&spec, &f, &rep, &err), LF_OK, "%s", err.message);
    cr_assert_eq(f->ndays, 4018); /* 2004-01-01 .. 2014-12-31 */
    cr_assert_eq(rep.rows, 96432);
    cr_assert_eq(rep.interval_minutes, 60);
    /* load is empty before 2006: 2 years x 8784/8760 hours, one gap left missing */
    cr_assert_eq(rep.left_missing, 8784 + 8760);
    cr_assert_eq(rep.nissues, 1);
    cr_assert_eq(rep.issues[0].kind, LF_ISSUE_GAP_LEFT);
    cr_assert(isnan(at(f, "energy_mwh", 2005, 12, 31)));
    /* pandas on the raw rows: sum, max, (T - 32) * 5 / 9 mean/min/max */
    NEAR(at(f, "energy_mwh", 2006, 1, 1), 80938.0, 1e-9);
    NEAR(at(f, "peak_mw", 2006, 1, 1), 4159.0, 1e-9);
    NEAR(at(f, "peak_hour", 2006, 1, 1), 17.0, 0); /* hour ending 18 starts at 17:00 */
    NEAR(at(f, "tmean_c", 2006, 1, 1), -5.86412, 1e-5);
    NEAR(at(f, "energy_mwh", 2010, 7, 6), 105860.0, 1e-9);
    NEAR(at(f, "peak_hour", 2010, 7, 6), 14.0, 0);
    NEAR(at(f, "tmax_c", 2010, 7, 6), 35.372222, 1e-5);
    NEAR(at(f, "tmin_c", 2014, 12, 31), -12.038889, 1e-5);
    NEAR(at(f, "energy_mwh", 2014, 12, 31), 89246.0, 1e-9);
    lf_frame_free(f);
    lf_ingest_report_free(&rep);
}

Test(realdata, aus_weather_and_holidays)
{
    const char *states[5] = {"nsw", "qld", "sa", "tas", "vic"};
    const long rows[5] = {5538, 5569, 5538, 5538, 5538};
    const double tmean[5] = {22.36, 25.26, 23.47, 18.3, 21.04}; /* 2010-01-15 */
    /* distinct dates: SA lists 2011-04-25 twice (Easter Monday = Anzac Day) */
    const size_t holidays[5] = {262, 262, 279, 281, 180};
    for (int i = 0; i < 5; i++) {
        char rel[128], path[512];
        snprintf(rel, sizeof rel, "aus_weather/%s_daily_temperature_2000_2015.csv", states[i]);
        lf_daily_weather_spec spec = {0};
        spec.path = data_file(path, sizeof path, rel);
        spec.date_column = "date";
        spec.tmin_column = "tmin_c";
        spec.tmax_column = "tmax_c";
        spec.tmean_column = "tmean_c";
        spec.first = 1;
        lf_frame *f = NULL;
        lf_ingest_report rep;
        lf_ingest_report_init(&rep);
        lf_error err;
        cr_assert_eq(lf_ingest_daily_weather(&spec, &f, &rep, &err), LF_OK, "%s", err.message);
        cr_assert_eq(rep.rows, rows[i]);
        cr_assert_eq((long)f->ndays, rows[i]); /* no missing days */
        cr_assert_eq(rep.nissues, 0);
        cr_assert_eq(f->start, lf_date_from_ymd(2000, 1, 1));
        NEAR(at(f, "tmean_c", 2010, 1, 15), tmean[i], 1e-12);
        lf_frame_free(f);
        lf_ingest_report_free(&rep);

        snprintf(rel, sizeof rel, "aus_weather/%s_holidays_2000_2015.csv", states[i]);
        lf_calendar *cal = lf_calendar_new(1990, 2030, &err);
        cr_assert_not_null(cal, "%s", err.message);
        cr_assert_eq(lf_calendar_load_csv(cal, data_file(path, sizeof path, rel), &err), LF_OK,
                     "%s", err.message);
        size_t count = 0;
        for (lf_date d = lf_date_from_ymd(1990, 1, 1); d <= lf_date_from_ymd(2030, 12, 31); d++) {
            lf_day_info info;
            lf_calendar_day(cal, d, &info, NULL);
            count += info.type == LF_DAY_HOLIDAY;
        }
        cr_assert_eq(count, holidays[i], "%s: %zu holidays", states[i], count);
        lf_calendar_free(cal);
    }
}

Test(realdata, economy_gdp_filtered_by_country)
{
    char path[512];
    lf_economy_spec spec = {0};
    spec.path = data_file(path, sizeof path, "economy/gdp_annual.csv");
    spec.period_column = "year";
    spec.value_column = "gdp_usd";
    spec.filter_column = "country";
    spec.filter_value = "China";
    spec.frequency = LF_FREQ_ANNUAL;
    spec.scale = 1e-9; /* bn USD */
    spec.name = "gdp_bn_usd";
    lf_frame *f = lf_frame_new(lf_date_from_ymd(2009, 1, 1), 365 * 12, NULL);
    lf_error err;
    spec.mapping = LF_MAP_STEP;
    cr_assert_eq(lf_ingest_economy(&spec, f, &err), LF_OK, "%s", err.message);
    NEAR(at(f, "gdp_bn_usd", 2010, 3, 1), 6100.62048886755, 1e-6);
    NEAR(at(f, "gdp_bn_usd", 2011, 12, 31), 7572.55383687534, 1e-6);
    cr_assert(isnan(at(f, "gdp_bn_usd", 2018, 6, 1))); /* file ends in 2017 */
    spec.mapping = LF_MAP_LINEAR;
    spec.name = "gdp_linear";
    cr_assert_eq(lf_ingest_economy(&spec, f, &err), LF_OK, "%s", err.message);
    /* 2010's mid-point is 2010-07-02 (day 182 of 0..364), 2011's is 365 days later;
     * 2011-01-01 is 183 days after 2010's mid-point: 183/365 of the way. */
    double expect = 6100.62048886755 + (7572.55383687534 - 6100.62048886755) * 183.0 / 365.0;
    NEAR(at(f, "gdp_linear", 2011, 1, 1), expect, 1e-6);
    lf_frame_free(f);
}
