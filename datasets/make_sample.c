/* make_sample.c - generates the bundled sample dataset of the fictional
 * "Sample City", a Yangtze-delta-like Chinese city (hot humid summers with a
 * large air-conditioning load, cool winters with some heating load).
 *
 *   usage: make_sample OUTDIR        (`make datasets` writes datasets/sample)
 *
 * Files written (datasets/README.md documents them and this model in prose;
 * keep the two in step):
 *   weather_daily.csv       daily weather 2005-01-01 .. 2024-12-31
 *   economy.csv             annual GDP and industrial index 2004 .. 2025
 *   economy_monthly.csv     monthly industrial index 2019-01 .. 2024-12
 *   region_load.csv         hourly region load 2021 .. 2024, with three
 *                           deliberate data-quality events (EVENTS below)
 *   customers/C00{1,2,3}.csv  15-minute wide meter exports 2023 .. 2024
 *   portfolio.yaml          the demand-response / orderly-consumption portfolio
 *                           (有序用电方案) of 40 large customers, C001..C003
 *                           among them, for the peak-shift schedule; written
 *                           by make_portfolio.c
 *   crm/customers.csv, monthly.csv, payments.csv
 *                           the customer records of 200 accounts (the
 *                           portfolio's 40 and 160 smaller ones) 2023 .. 2024,
 *                           for the customer evaluation; written by make_crm.c
 *
 * The output must be byte-for-byte reproducible (`make check-datasets`):
 * every random draw comes from its own gsl_rng_mt19937 stream with a fixed seed
 * (one stream per component, so retuning one component does not reshuffle the
 * others), loops run in date order, numbers are printed with fixed precision
 * and the program never calls setlocale, so printf uses the "C" locale.
 * make_sample.h holds the periods, seeds and state the three files share.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "libforecast/calendar.h"
#include "libforecast/date.h"

#include "make_sample.h"

#define PI 3.14159265358979323846

/* ---- model parameters (datasets/README.md lists them too) ------------------ */

/* Weather */
#define T_ANNUAL_MEAN 17.0   /* degC, 2015 climate */
#define T_WARMING 0.03       /* degC per year: a slow climate trend */
#define T_AMPLITUDE 12.0     /* degC: ~5 in late January, ~29 in late July */
#define T_COLDEST_DOY 25     /* day of year of the seasonal minimum */
#define T_AR 0.7             /* day-to-day persistence of anomalies */
#define HEAT_WAVES_PER_YEAR 1.3
#define HEAT_BUILDUP 0.55    /* weight of today in the smoothed temperature */

/* Region load, MW at mid-2021 on an ordinary working day without weather load */
#define INDUSTRY_MW 3250.0
#define OTHER_MW 2300.0      /* commercial + residential + public */
#define GDP_ELASTICITY 0.8   /* load ~ GDP^0.8 */
#define CYCLE_ELASTICITY 0.6 /* industry load vs the industrial index's deviation */
#define CDD_BASE 22.0        /* degC, on the smoothed temperature */
#define CDD_LINEAR 100.0     /* MW per degree day */
#define CDD_SQUARE 6.0       /* MW per degree day squared: cooling is convex */
#define HDD_BASE 14.0
#define HDD_LINEAR 65.0      /* MW per degree day */

/* Load-shape of each component by hour (interval start), normalised to mean 1
 * at start-up so that a component's daily mean times the shape gives MW. */
static double shape_industry[24] = {   /* flat, day-shift bump, lunch dip */
    0.93, 0.92, 0.92, 0.92, 0.92, 0.93, 0.95, 0.99, 1.06, 1.09, 1.10, 1.07,
    1.00, 1.06, 1.09, 1.09, 1.07, 1.02, 0.98, 0.98, 0.98, 0.96, 0.95, 0.94};
static double shape_other_work[24] = { /* morning and evening peaks */
    0.62, 0.56, 0.53, 0.51, 0.51, 0.55, 0.68, 0.85, 1.05, 1.20, 1.28, 1.27,
    1.15, 1.18, 1.24, 1.24, 1.21, 1.20, 1.30, 1.40, 1.40, 1.30, 1.05, 0.80};
static double shape_other_off[24] = {  /* later morning, higher evening */
    0.66, 0.59, 0.55, 0.53, 0.53, 0.55, 0.63, 0.76, 0.92, 1.08, 1.18, 1.22,
    1.17, 1.13, 1.12, 1.12, 1.14, 1.20, 1.34, 1.45, 1.45, 1.35, 1.12, 0.87};
static double shape_cooling[24] = {    /* afternoon AC peak, homes at night */
    0.72, 0.65, 0.60, 0.56, 0.54, 0.53, 0.58, 0.70, 0.88, 1.04, 1.17, 1.28,
    1.35, 1.42, 1.46, 1.46, 1.40, 1.30, 1.20, 1.18, 1.18, 1.12, 0.98, 0.84};
static double shape_heating[24] = {    /* morning and evening heating */
    0.80, 0.75, 0.72, 0.72, 0.74, 0.82, 1.00, 1.22, 1.30, 1.25, 1.12, 1.02,
    0.95, 0.92, 0.90, 0.92, 0.98, 1.10, 1.25, 1.32, 1.30, 1.20, 1.02, 0.88};

/* Real GDP growth of Sample City in percent, 2005 .. 2025 (2025: the plan). */
static const double GDP_GROWTH[ECON_YEARS - 1] = {
    12.8, 13.4, 14.2, 10.6, 10.1, 11.8, 10.4, 9.1, 8.8, 8.2, 7.6,
    7.4, 7.1, 6.9, 6.4, 2.9, 8.4, 3.1, 5.5, 5.1, 5.0};
#define GDP_2004 210.0       /* bn CNY at constant 2020 prices */

/* Data-quality events injected into region_load.csv (times = interval start). */
typedef enum { EV_EMPTY_VALUE, EV_MISSING_ROWS, EV_DUPLICATE } event_kind;
static const struct {
    const char *first;
    int hours;
    event_kind kind;
} EVENTS[] = {
    {"2022-03-15 02:00", 2, EV_EMPTY_VALUE},  /* short gap: ingest interpolates */
    {"2023-07-19 08:00", 9, EV_MISSING_ROWS}, /* long gap: stays missing */
    {"2024-05-20 10:00", 1, EV_DUPLICATE},    /* second reading 0.4% higher */
};
#define NEVENTS (sizeof EVENTS / sizeof EVENTS[0])

/* ---- state shared by the generators ------------------------------------------ */

/* wx_day and sample: make_sample.h. */

/* What the load models need to know about a day. */
typedef struct day_info {
    int weekday;        /* ISO 1..7 */
    int off;            /* not a working day (weekend or holiday) */
    int makeup;         /* weekend day worked (调休) */
    int holiday;        /* public holiday, or a weekend inside a holiday block */
    int block_day, block_length; /* position in a holiday block, 0 outside */
    int sf_offset;      /* days since the Spring Festival block began */
    int sf_length;
    const wx_day *wx;
} day_info;

/* ---- small helpers ------------------------------------------------------------ */

void die(const char *what, const char *detail)
{
    fprintf(stderr, "make_sample: %s: %s\n", what, detail);
    exit(1);
}

gsl_rng *rng_new(unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r)
        die("gsl_rng_alloc", "out of memory");
    gsl_rng_set(r, seed);
    return r;
}

double round_to(double v, double step) { return round(v / step) * step; }

static double clamp(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Print with fixed decimals; values that round to zero print without a sign
 * (printf would write "-0.0" for -0.01).  Returns the value as written. */
static double put_num(FILE *f, double v, int decimals)
{
    char buf[64];
    if (fabs(v) < 0.5 * pow(10.0, -decimals))
        v = 0.0;
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    fprintf(f, ",%s", buf);
    return strtod(buf, NULL);
}

FILE *open_out(const sample *s, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", s->dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        die(path, strerror(errno));
    return f;
}

void close_out(FILE *f, const char *name, long rows)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        die(name, "write failed");
    fprintf(stderr, "wrote %-22s %6ld rows\n", name, rows);
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        die(path, strerror(errno));
}

static void normalise(double *shape, int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        sum += shape[i];
    for (int i = 0; i < n; i++)
        shape[i] *= n / sum;
}

/* Hourly shape at a fractional hour (0 <= hour < 24), linear between the
 * middles of the hours, so 15-minute customer profiles have no steps. */
static double shape_at(const double *shape, double hour)
{
    double x = hour - 0.5;
    int i = (int)floor(x);
    double w = x - i;
    return (1.0 - w) * shape[(i + 24) % 24] + w * shape[(i + 25) % 24];
}

/* ---- weather ---------------------------------------------------------------------- */

/* 0 at the coldest day of the year, 2 pi a year later. */
static double season_phase(int doy) { return 2.0 * PI * (doy - T_COLDEST_DOY) / 365.25; }

/* 0 in the coldest week, 1 in the hottest. */
static double summerness(int doy) { return 0.5 * (1.0 - cos(season_phase(doy))); }

/* Heat waves: 0..3 a year (Poisson), starting between June 25 and August 20,
 * 4..10 days long, +2..4 degC at their height with a flat-topped profile.
 * Overlapping waves take the larger anomaly rather than adding up. */
static void add_heat_waves(sample *s)
{
    gsl_rng *r = rng_new(SEED_HEAT_WAVES);
    for (int y = WX_FIRST_YEAR; y <= WX_LAST_YEAR; y++) {
        unsigned n = gsl_ran_poisson(r, HEAT_WAVES_PER_YEAR);
        for (unsigned j = 0; j < n && j < 3; j++) {
            lf_date start = lf_date_from_ymd(y, 6, 25) + (lf_date)gsl_rng_uniform_int(r, 57);
            int days = 4 + (int)gsl_rng_uniform_int(r, 7);
            double amp = 2.0 + 2.0 * gsl_rng_uniform(r);
            char buf[LF_DATE_STRLEN];
            lf_date_format(start, buf);
            fprintf(stderr, "heat wave %s, %d days, +%.1f degC\n", buf, days, amp);
            for (int k = 0; k < days; k++) {
                double a = amp * sqrt(sin(PI * (k + 0.5) / days));
                wx_day *w = &s->wx[start + k - s->wx_first];
                w->heat_wave = fmax(w->heat_wave, a);
            }
        }
    }
    gsl_rng_free(r);
}

typedef struct wx_state {
    gsl_rng *r_temp, *r_rain, *r_humid;
    double anomaly, humid_anomaly, t_eff;
    int wet;
} wx_state;

/* Rain: a two-state Markov chain for wet days (wetter in spring and in the plum
 * rain season 梅雨, June 10 - July 15; driest in autumn) with gamma-distributed
 * amounts.  No rain under a heat wave's subtropical high.  Returns mm. */
static double draw_rain(wx_state *st, int doy, double heat_wave)
{
    int plum = doy >= 161 && doy <= 196;
    double p_wet = st->wet ? (plum ? 0.75 : 0.55)
                           : (plum ? 0.50 : 0.20 + 0.08 * sin(season_phase(doy)));
    double u = gsl_rng_uniform(st->r_rain);
    double scale = plum ? 22.0 : 7.0 + 9.0 * summerness(doy);
    double amount = gsl_ran_gamma(st->r_rain, 0.7, scale); /* drawn always: keeps the stream aligned */
    st->wet = u < p_wet && heat_wave < 0.5;
    return st->wet ? 0.1 + amount : 0.0;
}

static void weather_day(wx_state *st, lf_date d, wx_day *w)
{
    int doy = lf_date_day_of_year(d);
    double ph = season_phase(doy), su = summerness(doy);
    double sd = 1.3 + 0.45 * cos(ph); /* cold waves make winter more variable */
    st->anomaly = T_AR * st->anomaly + gsl_ran_gaussian(st->r_temp, sd);
    w->rain = round_to(draw_rain(st, doy, w->heat_wave), 0.1);
    int wet = w->rain > 0.0;

    double seasonal = T_ANNUAL_MEAN + T_WARMING * (lf_date_year(d) - 2015) - T_AMPLITUDE * cos(ph);
    double tmean = seasonal + st->anomaly + w->heat_wave - (wet ? 0.3 + 1.5 * su : 0.0);
    /* Diurnal range: small under cloud and rain, larger in sunny heat. */
    double range = wet ? 4.0 + gsl_ran_gaussian(st->r_temp, 1.0)
                       : 8.5 + gsl_ran_gaussian(st->r_temp, 1.2) + 0.5 * w->heat_wave;
    range = clamp(range, 2.0, 15.0);
    w->tmean = round_to(tmean, 0.1);
    w->tmax = round_to(tmean + 0.55 * range, 0.1);
    w->tmin = round_to(tmean - 0.45 * range, 0.1);

    st->humid_anomaly = 0.6 * st->humid_anomaly + gsl_ran_gaussian(st->r_humid, 3.5);
    double rh = 72.0 + 8.0 * su + (doy >= 161 && doy <= 196 ? 5.0 : 0.0) + (wet ? 11.0 : 0.0) -
                2.0 * w->heat_wave + st->humid_anomaly;
    w->humidity = round_to(clamp(rh, 30.0, 99.0), 0.1);

    st->t_eff = HEAT_BUILDUP * w->tmean + (1.0 - HEAT_BUILDUP) * st->t_eff;
    w->t_eff = st->t_eff;
}

static void make_weather(sample *s)
{
    s->wx_first = lf_date_from_ymd(WX_FIRST_YEAR, 1, 1);
    s->wx_days = (int)(lf_date_from_ymd(WX_LAST_YEAR, 12, 31) - s->wx_first) + 1;
    s->wx = calloc((size_t)s->wx_days, sizeof *s->wx);
    if (!s->wx)
        die("weather", "out of memory");
    add_heat_waves(s);

    wx_state st = {rng_new(SEED_TEMPERATURE), rng_new(SEED_RAIN), rng_new(SEED_HUMIDITY),
                   0.0, 0.0, 5.0, 0};
    FILE *f = open_out(s, "weather_daily.csv");
    fprintf(f, "date,tmin_c,tmax_c,tmean_c,humidity_pct,rain_mm\n");
    for (int i = 0; i < s->wx_days; i++) {
        wx_day *w = &s->wx[i];
        char buf[LF_DATE_STRLEN];
        weather_day(&st, s->wx_first + i, w);
        lf_date_format(s->wx_first + i, buf);
        fputs(buf, f);
        put_num(f, w->tmin, 1);
        put_num(f, w->tmax, 1);
        put_num(f, w->tmean, 1);
        put_num(f, w->humidity, 1);
        put_num(f, w->rain, 1);
        fputc('\n', f);
    }
    close_out(f, "weather_daily.csv", s->wx_days);
    gsl_rng_free(st.r_temp);
    gsl_rng_free(st.r_rain);
    gsl_rng_free(st.r_humid);
}

static const wx_day *weather_of(const sample *s, lf_date d)
{
    long i = (long)(d - s->wx_first);
    if (i < 0 || i >= s->wx_days)
        die("weather", "date outside the weather period");
    return &s->wx[i];
}

/* ---- economy -------------------------------------------------------------------- */

/* Industrial index (2020 = 100) trend: grows 1.15 x GDP growth - 0.6 points. */
static void annual_economy(sample *s)
{
    double gdp = GDP_2004, ind = 1.0;
    double raw_ind[ECON_YEARS];
    for (int i = 0; i < ECON_YEARS; i++) {
        if (i > 0) {
            gdp *= 1.0 + GDP_GROWTH[i - 1] / 100.0;
            ind *= 1.0 + (1.15 * GDP_GROWTH[i - 1] - 0.6) / 100.0;
        }
        s->gdp[i] = round_to(gdp, 0.1);
        raw_ind[i] = ind;
    }
    for (int i = 0; i < ECON_YEARS; i++)
        s->industrial[i] = raw_ind[i] / raw_ind[2020 - ECON_FIRST_YEAR] * 100.0;
}

/* Monthly industrial index = annual trend interpolated at mid-month (annual
 * values sit at mid-year) x (1 + business cycle), the cycle an AR(1) with
 * persistence 0.75 and 1.1% monthly shocks; seasonally adjusted, so no
 * Spring Festival dip.  The annual index of 2019..2024 is then the mean of the
 * months as written, so the two files agree. */
static void monthly_economy(sample *s)
{
    gsl_rng *r = rng_new(SEED_ECONOMY);
    double cycle = 0.0;
    for (int m = 0; m < MONTHS; m++) {
        double t = MONTHLY_FIRST_YEAR + (m + 0.5) / 12.0 - 0.5 - ECON_FIRST_YEAR;
        int i = (int)floor(t);
        double trend = s->industrial[i] + (t - i) * (s->industrial[i + 1] - s->industrial[i]);
        cycle = 0.75 * cycle + gsl_ran_gaussian(r, 0.011);
        s->monthly[m] = round_to(trend * (1.0 + cycle), 0.1);
        s->cycle[m] = s->monthly[m] / trend - 1.0;
    }
    for (int y = MONTHLY_FIRST_YEAR; y <= MONTHLY_LAST_YEAR; y++) {
        double sum = 0.0;
        for (int k = 0; k < 12; k++)
            sum += s->monthly[12 * (y - MONTHLY_FIRST_YEAR) + k];
        s->industrial[y - ECON_FIRST_YEAR] = sum / 12.0;
    }
    for (int i = 0; i < ECON_YEARS; i++)
        s->industrial[i] = round_to(s->industrial[i], 0.1);
    gsl_rng_free(r);
}

static void make_economy(sample *s)
{
    annual_economy(s);
    monthly_economy(s);
    FILE *f = open_out(s, "economy.csv");
    fprintf(f, "year,gdp_bn_cny,industrial_index\n");
    for (int i = 0; i < ECON_YEARS; i++) {
        fprintf(f, "%d", ECON_FIRST_YEAR + i);
        put_num(f, s->gdp[i], 1);
        put_num(f, s->industrial[i], 1);
        fputc('\n', f);
    }
    close_out(f, "economy.csv", ECON_YEARS);

    f = open_out(s, "economy_monthly.csv");
    fprintf(f, "month,industrial_index\n");
    for (int m = 0; m < MONTHS; m++) {
        fprintf(f, "%04d-%02d", MONTHLY_FIRST_YEAR + m / 12, m % 12 + 1);
        put_num(f, s->monthly[m], 1);
        fputc('\n', f);
    }
    close_out(f, "economy_monthly.csv", MONTHS);
}

/* Load growth factor relative to mid-2021: (GDP / GDP_2021)^elasticity, with
 * GDP linear between mid-years, as `mapping: linear` reads economy.csv. */
static double growth(const sample *s, lf_date d)
{
    int y = lf_date_year(d);
    double mid = lf_date_from_ymd(y, 7, 2);
    int y0 = d < mid ? y - 1 : y;
    double m0 = lf_date_from_ymd(y0, 7, 2), m1 = lf_date_from_ymd(y0 + 1, 7, 2);
    double g0 = s->gdp[y0 - ECON_FIRST_YEAR], g1 = s->gdp[y0 + 1 - ECON_FIRST_YEAR];
    double gdp = g0 + (d - m0) / (m1 - m0) * (g1 - g0);
    return pow(gdp / s->gdp[2021 - ECON_FIRST_YEAR], GDP_ELASTICITY);
}

static double cycle_of(const sample *s, lf_date d)
{
    int y, m;
    lf_date_to_ymd(d, &y, &m, NULL);
    return s->cycle[12 * (y - MONTHLY_FIRST_YEAR) + m - 1];
}

/* ---- calendar ------------------------------------------------------------------- */

/* The Spring Festival block of each year is the longest holiday block that
 * starts in January or February (New Year's block is 1-3 days, Spring
 * Festival's 7-9), so this does not depend on how the calendar names it. */
static void find_spring_festivals(sample *s)
{
    for (int y = CAL_FIRST_YEAR; y <= CAL_LAST_YEAR; y++) {
        int k = y - CAL_FIRST_YEAR;
        s->sf_length[k] = 0;
        for (lf_date d = lf_date_from_ymd(y, 1, 1); d <= lf_date_from_ymd(y, 2, 28); d++) {
            lf_day_info info;
            lf_error err;
            if (lf_calendar_day(s->cal, d, &info, &err) != 0)
                die("calendar", err.message);
            if (info.block_day == 1 && info.block_length > s->sf_length[k]) {
                s->sf_start[k] = d;
                s->sf_length[k] = info.block_length;
            }
        }
        if (s->sf_length[k] < 5)
            die("calendar", "no Spring Festival block found in January-February");
        char buf[LF_DATE_STRLEN];
        lf_date_format(s->sf_start[k], buf);
        fprintf(stderr, "Spring Festival %d: %s, %d days off\n", y, buf, s->sf_length[k]);
    }
}

static void make_calendar(sample *s)
{
    lf_error err;
    s->cal = lf_calendar_new(CAL_FIRST_YEAR, CAL_LAST_YEAR, &err);
    if (!s->cal || lf_calendar_add_builtin(s->cal, "CN", &err) != 0)
        die("calendar CN", err.message);
    find_spring_festivals(s);
}

static day_info describe_day(const sample *s, lf_date d)
{
    lf_day_info info;
    lf_error err;
    if (lf_calendar_day(s->cal, d, &info, &err) != 0)
        die("calendar", err.message);
    int k = lf_date_year(d) - CAL_FIRST_YEAR;
    day_info di = {lf_date_weekday(d),
                   info.type == LF_DAY_WEEKEND || info.type == LF_DAY_HOLIDAY,
                   info.type == LF_DAY_MAKEUP_WORKDAY,
                   info.type == LF_DAY_HOLIDAY || info.block_length > 0,
                   info.block_day, info.block_length,
                   (int)(d - s->sf_start[k]), s->sf_length[k], weather_of(s, d)};
    return di;
}

/* ---- region load ---------------------------------------------------------------- */

/* Calendar multipliers of the industry and the other (commercial + residential)
 * component.  Weekends: about -8% on Saturday and -12% on Sunday overall.
 * Holidays: industry -28%, other -10%, the middle of a long block deeper. */
static void calendar_factors(const day_info *di, double *ind, double *oth)
{
    *ind = *oth = 1.0;
    if (di->block_length > 0) {
        int edge = di->block_length >= 5 &&
                   (di->block_day == 1 || di->block_day == di->block_length);
        *ind = edge ? 0.80 : 0.72;
        *oth = 0.90;
    } else if (di->off) {
        *ind = di->weekday == LF_SATURDAY ? 0.90 : 0.86;
        *oth = di->weekday == LF_SATURDAY ? 0.94 : 0.90;
    } else if (di->makeup) {
        *ind = *oth = 0.97; /* a working Sunday is not quite a Tuesday */
    } else if (di->weekday == LF_MONDAY) {
        *ind = 0.99;        /* plants restart after the weekend */
    }
}

/* Spring Festival: industry winds down over the 10 days before the block (migrant
 * workers leave), runs at 38% during it (only continuous processes), and
 * recovers over 3 weeks after it as factories reopen gradually. */
static void spring_festival(const day_info *di, double *ind, double *oth)
{
    int k = di->sf_offset, len = di->sf_length;
    if (k >= -10 && k < 0) {
        double r = (k + 11) / 11.0;
        *ind *= 1.0 - 0.30 * pow(r, 1.5);
        *oth *= 1.0 - 0.05 * r;
    } else if (k >= 0 && k < len) {
        *ind = 0.38;
        *oth = 0.86;
    } else if (k >= len && k < len + 21) {
        double left = 0.5 * (1.0 + cos(PI * (k - len + 1) / 22.0));
        *ind *= 1.0 - 0.45 * left;
        *oth *= 1.0 - 0.08 * left;
    }
}

/* Daily mean MW of each component. */
typedef struct components { double industry, other, cooling, heating; } components;

static components region_day(const sample *s, lf_date d, const day_info *di)
{
    double ind, oth, g = growth(s, d);
    calendar_factors(di, &ind, &oth);
    spring_festival(di, &ind, &oth);
    double cdd = fmax(0.0, di->wx->t_eff - CDD_BASE);
    double hdd = fmax(0.0, HDD_BASE - di->wx->t_eff);
    double weather_use = di->off ? 0.92 : 1.0; /* offices closed, homes on */
    components c = {
        g * INDUSTRY_MW * ind * (1.0 + CYCLE_ELASTICITY * cycle_of(s, d)),
        g * OTHER_MW * oth,
        g * weather_use * (CDD_LINEAR * cdd + CDD_SQUARE * cdd * cdd),
        g * weather_use * HDD_LINEAR * hdd};
    return c;
}

static int event_at(lf_time t, event_kind *kind)
{
    for (size_t i = 0; i < NEVENTS; i++) {
        lf_time first;
        if (lf_time_parse(EVENTS[i].first, &first, NULL) != 0)
            die("event", EVENTS[i].first);
        if (t >= first && t < first + 3600 * (lf_time)EVENTS[i].hours) {
            *kind = EVENTS[i].kind;
            return 1;
        }
    }
    return 0;
}

/* One output row "YYYY-MM-DD HH:MM,value" (interval start), with the events. */
static long write_hour(FILE *f, lf_date d, int h, double mw)
{
    char buf[LF_DATE_STRLEN];
    event_kind kind;
    lf_date_format(d, buf);
    if (!event_at(lf_time_from_date(d) + 3600 * (lf_time)h, &kind)) {
        fprintf(f, "%s %02d:00,%.1f\n", buf, h, mw);
        return 1;
    }
    switch (kind) {
    case EV_EMPTY_VALUE:
        fprintf(f, "%s %02d:00,\n", buf, h);
        return 1;
    case EV_MISSING_ROWS:
        return 0;
    case EV_DUPLICATE:
        fprintf(f, "%s %02d:00,%.1f\n%s %02d:00,%.1f\n", buf, h, mw, buf, h, mw * 1.004);
        return 2;
    }
    return 0;
}

/* The largest summer hour as written (event hours left out: they are missing,
 * empty or doubled in the file); the portfolio is sized against it. */
static void note_summer_peak(sample *s, lf_date d, int h, double mw)
{
    int month = lf_date_month(d);
    lf_time t = lf_time_from_date(d) + 3600 * (lf_time)h;
    event_kind kind;
    mw = round_to(mw, 0.1);
    if (month >= 6 && month <= 8 && mw > s->summer_peak && !event_at(t, &kind)) {
        s->summer_peak = mw;
        s->summer_peak_time = t;
    }
}

/* Daily noise: AR(1), persistence 0.6, 1.2% shocks; hourly: 0.6% white noise. */
static void make_region_load(sample *s)
{
    gsl_rng *r = rng_new(SEED_REGION);
    FILE *f = open_out(s, "region_load.csv");
    long rows = 0;
    double noise = 0.0;
    fprintf(f, "time,load_mw\n");
    for (lf_date d = lf_date_from_ymd(LOAD_FIRST_YEAR, 1, 1);
         d <= lf_date_from_ymd(LOAD_LAST_YEAR, 12, 31); d++) {
        day_info di = describe_day(s, d);
        components c = region_day(s, d, &di);
        const double *other = di.off ? shape_other_off : shape_other_work;
        noise = 0.6 * noise + gsl_ran_gaussian(r, 0.012);
        for (int h = 0; h < 24; h++) {
            /* the day-shift bump of industry is smaller on days off */
            double ind = di.off ? 1.0 + 0.4 * (shape_industry[h] - 1.0) : shape_industry[h];
            double mw = c.industry * ind + c.other * other[h] + c.cooling * shape_cooling[h] +
                        c.heating * shape_heating[h];
            mw *= (1.0 + noise) * (1.0 + gsl_ran_gaussian(r, 0.006));
            rows += write_hour(f, d, h, mw);
            note_summer_peak(s, d, h, mw);
        }
    }
    close_out(f, "region_load.csv", rows);
    gsl_rng_free(r);
}

/* ---- large customers (15-minute wide exports, kW) ------------------------------- */

/* A customer model gives the mean kW of 15-minute interval i (0..95) of a day. */
typedef double (*customer_model)(const day_info *di, int i, gsl_rng *r);

/* Typical time-of-use windows for large industry: peak 08-11 and 17-22,
 * valley 00-08, flat otherwise. */
static int tou_period(double hour)
{
    if ((hour >= 8 && hour < 11) || (hour >= 17 && hour < 22))
        return 2;
    return hour < 8 ? 0 : 1;
}

static double cdd_of(const day_info *di) { return fmax(0.0, di->wx->t_eff - CDD_BASE); }
static double hdd_of(const day_info *di) { return fmax(0.0, HDD_BASE - di->wx->t_eff); }

/* C001 steel works, three shifts: 30 MW continuous process (blowers, oxygen
 * plant), a 20 MW rolling mill that follows the tariff (100% valley, 90% flat,
 * 72% peak), an electric arc furnace of 16 MW on for three quarters of each
 * hour, skipped 40% of the time in peak windows.  Shuts for the first 7 days
 * of Spring Festival with 4.5 MW of protected auxiliaries (保安负荷), restarting
 * over the following day. */
static double c001_steel(const day_info *di, int i, gsl_rng *r)
{
    double hour = (i + 0.5) / 4.0;
    double u = gsl_rng_uniform(r); /* drawn every interval: keeps the stream aligned */
    int k = di->sf_offset;
    if (k >= 0 && k < 7)
        return 4500.0;
    double ramp = k == 7 ? clamp(hour / 16.0, 0.3, 1.0) : 1.0; /* restart day */
    static const double mill_tou[3] = {1.00, 0.90, 0.72};
    int period = tou_period(hour);
    double eaf = (i % 4 != 3 && !(period == 2 && u < 0.4)) ? 16000.0 : 1500.0;
    return 30000.0 * (0.6 + 0.4 * ramp) + ramp * (20000.0 * mill_tou[period] + eaf) +
           150.0 * cdd_of(di);
}

/* C002 electronics factory, one day shift Monday to Saturday (and on make-up
 * working days), no work on holidays.  4.2 MW around the clock (clean-room air,
 * compressors), 8.8 MW of lines 08-17 with a lunch dip and overtime to 18:00,
 * AC on top.  Closes for ~3 weeks at Spring Festival (5 days before the block
 * to 15 days after its start) keeping 2.6 MW, then ramps up over a week. */
static double c002_electronics(const day_info *di, int i, gsl_rng *r)
{
    (void)r;
    double hour = (i + 0.5) / 4.0;
    int k = di->sf_offset;
    if (k >= -5 && k <= 15)
        return 2600.0;
    int working = di->makeup || (!di->holiday && di->weekday != LF_SUNDAY);
    double lines = 0.0;
    if (working) {
        if (hour >= 7.5 && hour < 8.0)
            lines = 0.5;
        else if ((hour >= 8 && hour < 12) || (hour >= 13 && hour < 17))
            lines = 1.0;
        else if (hour >= 12 && hour < 13)
            lines = 0.45;
        else if (hour >= 17 && hour < 18)
            lines = 0.55;
    }
    if (k > 15 && k <= 22)
        lines *= 0.4 + 0.6 * (k - 15) / 7.0;
    double ac = 260.0 * cdd_of(di) * (lines > 0.0 ? 1.0 : 0.45);
    return 4200.0 + 8800.0 * lines + ac;
}

/* C003 hospital, protected load: 3.2 MW around the clock, +1.0 MW for daytime
 * clinics on working days (+0.45 MW on days off), a small evening bump, and
 * convex AC plus a little heat-pump heating with the region's shapes. */
static double c003_hospital(const day_info *di, int i, gsl_rng *r)
{
    (void)r;
    double hour = (i + 0.5) / 4.0;
    double day = hour > 7 && hour < 19 ? 0.5 * (1.0 - cos(2.0 * PI * (hour - 7) / 12.0)) : 0.0;
    double evening = hour > 18 && hour < 22 ? sin(PI * (hour - 18) / 4.0) : 0.0;
    double cdd = cdd_of(di);
    return 3200.0 + (di->off ? 450.0 : 1000.0) * day + 200.0 * evening +
           (60.0 * cdd + 6.0 * cdd * cdd) * shape_at(shape_cooling, hour) +
           45.0 * hdd_of(di) * shape_at(shape_heating, hour);
}

/* Header "date,00:15,...,24:00": columns are labelled by interval END, as
 * Chinese metering systems export them. */
static void write_wide_header(FILE *f)
{
    fputs("date", f);
    for (int i = 1; i <= 96; i++)
        fprintf(f, ",%02d:%02d", i * 15 / 60, i * 15 % 60);
    fputc('\n', f);
}

/* Multiplicative AR(1) noise per interval (persistence 0.8) with shocks of
 * noise_sd, continuing across midnight.  month_tenths[CUST_MONTHS] gets each
 * month's sum of the values as written, in 0.1 kW (crm/monthly.csv's energy). */
static void make_customer(const sample *s, const char *name, customer_model model,
                          unsigned long seed, double noise_sd, long long *month_tenths)
{
    gsl_rng *r = rng_new(seed);
    FILE *f = open_out(s, name);
    long rows = 0;
    double noise = 0.0;
    write_wide_header(f);
    for (lf_date d = lf_date_from_ymd(CUST_FIRST_YEAR, 1, 1);
         d <= lf_date_from_ymd(CUST_LAST_YEAR, 12, 31); d++, rows++) {
        day_info di = describe_day(s, d);
        char buf[LF_DATE_STRLEN];
        lf_date_format(d, buf);
        fputs(buf, f);
        int y, m;
        lf_date_to_ymd(d, &y, &m, NULL);
        long long *tenths = &month_tenths[12 * (y - CUST_FIRST_YEAR) + m - 1];
        for (int i = 0; i < 96; i++) {
            noise = 0.8 * noise + gsl_ran_gaussian(r, noise_sd);
            *tenths += llround(10.0 * put_num(f, model(&di, i, r) * (1.0 + noise), 1));
        }
        fputc('\n', f);
    }
    close_out(f, name, rows);
    gsl_rng_free(r);
}

/* ---- main ------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
        return 2;
    }
    sample s;
    memset(&s, 0, sizeof s);
    s.dir = argv[1];
    make_dir(s.dir);
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/customers", s.dir);
    make_dir(sub);
    snprintf(sub, sizeof sub, "%s/crm", s.dir);
    make_dir(sub);

    normalise(shape_industry, 24);
    normalise(shape_other_work, 24);
    normalise(shape_other_off, 24);
    normalise(shape_cooling, 24);
    normalise(shape_heating, 24);

    make_calendar(&s);
    make_weather(&s);
    make_economy(&s);
    make_region_load(&s);
    make_customer(&s, "customers/C001.csv", c001_steel, SEED_C001, 0.012, s.meter_tenths[0]);
    make_customer(&s, "customers/C002.csv", c002_electronics, SEED_C002, 0.015,
                  s.meter_tenths[1]);
    make_customer(&s, "customers/C003.csv", c003_hospital, SEED_C003, 0.015,
                  s.meter_tenths[2]);
    lf_portfolio *portfolio = make_portfolio(&s);
    make_crm(&s, portfolio);

    lf_portfolio_free(portfolio);
    lf_calendar_free(s.cal);
    free(s.wx);
    return 0;
}
