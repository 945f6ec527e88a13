/* libforecast/forecast.h - monthly and yearly forecast products: energy, peak
 * and load factor with quantiles, under weather and economic scenarios, with
 * new connections, a per-driver explanation, and weather normalization of
 * history.
 *
 * ---- How a forecast is made ----------------------------------------------------
 *
 * Given a fitted daily energy model and a fitted daily peak model (either may
 * be NULL), the history frame they were fitted on, the weather history and the
 * calendar, for forecast days first..last:
 *
 *  1. For each economic scenario s (scenario.h; none given = one scenario
 *     "base" at each driver's default growth) the history frame is extended
 *     to `last` and its economic columns continued along the scenario's paths.
 *  2. For each weather scenario w (scenario.h) the forecast days take the
 *     weather of w's source years; the days before `first` keep their actual
 *     weather, so lags and smoothed temperature start from what happened.
 *     Each model predicts the days: the weather path p_w(d).
 *  3. Model error (error):
 *       LF_PATH_ERROR_NONE       one path per weather scenario, p_w
 *       LF_PATH_ERROR_BOOTSTRAP  paths_per_weather paths p_w(d) + e(d), e made
 *                  of blocks of block_days consecutive residuals (actual -
 *                  prediction; days where a model has none are left out of
 *                  the pool) taken from random starts (a moving-block
 *                  bootstrap: it keeps the day-to-day persistence of errors,
 *                  which is what makes a month's error larger than sqrt(30)
 *                  daily errors).  Energy and peak take the same blocks, so
 *                  their errors stay correlated as they were.  Default.
 *                  The residuals (residuals):
 *                    in_sample: of the fitted models over their training days.
 *                    out_of_sample: rolling origins o = first training day +
 *                      origin_min_days, then every origin_step_days while a
 *                      block still fits before the last training day; at each
 *                      the models are refitted (same spec, degree-day bases as
 *                      chosen) on the training days before o and predict, with
 *                      the actual weather, from o for as many days as the
 *                      forecast has (at most to the last training day).  Each
 *                      origin's residuals are a segment; a path draws one
 *                      segment (chance in proportion to the blocks it holds)
 *                      and all its blocks from it, so the level error a model
 *                      makes a year ahead - a drifting level, a trend that
 *                      does not continue - stays with the path, which
 *                      in-sample residuals cannot show.
 *                    auto (default): out_of_sample when at least one origin
 *                      fits, else in_sample.
 *                  origin_min_days defaults to two years: a refit on one year
 *                  sees each month once, so a trend is told from the season
 *                  only by the slopes inside months and runs wild, and its
 *                  errors would say more about that than about the model.
 *       LF_PATH_ERROR_MODEL      paths_per_weather paths from lf_model_simulate
 *                  (the model's own error process, Gaussian innovations).
 *     Every random draw comes from one generator seeded with seed.
 *  4. New connections add their energy and peak to every path (scenario.h).
 *  5. Periods: every calendar month and year that overlaps first..last,
 *     restricted to the forecast days (days says how many, calendar_days how
 *     many the period has).  On each path: energy = sum of daily energy,
 *     peak = largest daily peak, load factor = energy / (peak x 24 x days).
 *     Each measure's quantiles are taken over the paths (a path's load
 *     factor is computed before the quantile, so its P10 is not P10 energy
 *     over P10 peak).
 *  6. normal: the normal-weather point forecast (scenario.h) plus
 *     connections, with its decomposition into drivers: base, trend,
 *     calendar, weather, economy, event, recent (lf_driver; relative to the
 *     average training day as in lf_model_predict), and connections.  The
 *     drivers plus connections sum to the normal value.  A period's normal
 *     energy is the sum of the normal days; its normal peak is the MEAN OVER
 *     THE NORMAL WEATHER YEARS OF EACH YEAR'S PEAK in the period (the
 *     utility "50/50 peak" idea), not the peak of the averaged days, which
 *     would smooth every heat wave away; its drivers are the mean of those
 *     peak days' drivers.  normal_peak_date is the day the averaged days
 *     peak.  With normal: day_mean there is one normal weather year.
 *
 * Quantiles are sample quantiles with linear interpolation between order
 * statistics (Hyndman and Fan type 7, the default of R and numpy).
 */
#ifndef LIBFORECAST_FORECAST_H
#define LIBFORECAST_FORECAST_H

#include <stddef.h>
#include <stdio.h>

#include "libforecast/aggregate.h"
#include "libforecast/calendar.h"
#include "libforecast/design.h"
#include "libforecast/frame.h"
#include "libforecast/model.h"
#include "libforecast/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Type-7 quantile of n values for probability p in [0, 1]; sorts x in place.
 * NaN when n is 0. */
double lf_quantile(double *x, size_t n, double p);

typedef enum lf_path_error {
    LF_PATH_ERROR_NONE = 0,
    LF_PATH_ERROR_BOOTSTRAP,
    LF_PATH_ERROR_MODEL
} lf_path_error;

/* "none", "bootstrap", "model". */
const char *lf_path_error_name(lf_path_error e);

/* Which residuals the bootstrap draws from (step 3). */
typedef enum lf_residuals {
    LF_RESIDUALS_AUTO = 0,      /* out of sample when the training days allow an origin,
                                   else in sample (lf_forecast_residuals says which) */
    LF_RESIDUALS_IN_SAMPLE,
    LF_RESIDUALS_OUT_OF_SAMPLE
} lf_residuals;

/* "auto", "in_sample", "out_of_sample". */
const char *lf_residuals_name(lf_residuals r);

#define LF_QUANTILE_MAX 19
#define LF_SCENARIO_MAX 8

typedef struct lf_forecast_spec {
    lf_date first, last;          /* forecast days */
    size_t nquantiles;            /* default 3: 0.1, 0.5, 0.9 */
    double quantiles[LF_QUANTILE_MAX]; /* increasing, inside (0, 1) */
    lf_weather_spec weather;
    lf_path_error error;          /* default bootstrap */
    size_t paths_per_weather;     /* default 20 (ignored with error none) */
    int block_days;               /* bootstrap blocks, default 30 */
    lf_residuals residuals;       /* bootstrap pool, default auto */
    int origin_min_days;          /* out of sample: training days before the first
                                     origin, default 730 */
    int origin_step_days;         /* out of sample: days between origins, default 91 */
    unsigned long seed;           /* default 1 */
    size_t nscenarios;            /* economic scenarios; 0 = "base" at default growth */
    lf_economy_scenario scenarios[LF_SCENARIO_MAX];
    size_t nconnections;
    const lf_connection *connections; /* nconnections, owned by the caller */
} lf_forecast_spec;

void lf_forecast_spec_init(lf_forecast_spec *spec);
int lf_forecast_spec_check(const lf_forecast_spec *spec, lf_error *err);

typedef enum lf_measure {
    LF_MEASURE_ENERGY = 0,  /* MWh */
    LF_MEASURE_PEAK,        /* MW */
    LF_MEASURE_LOAD_FACTOR, /* 1 */
    LF_MEASURE_COUNT
} lf_measure;

/* "energy_mwh", "peak_mw", "load_factor". */
const char *lf_measure_name(lf_measure m);

typedef struct lf_forecast_value {
    double normal;                   /* normal-weather point forecast */
    double mean;                     /* mean over the paths */
    double q[LF_QUANTILE_MAX];       /* the spec's quantiles, in order */
} lf_forecast_value;

/* Periods of the forecast: months, years, or single days (LF_PERIOD_DAY). */
typedef struct lf_forecast_period {
    int year, month, day;            /* month 0 for a year, day 0 unless a day */
    lf_date first, last;             /* forecast days of the period */
    int days, calendar_days;
    lf_forecast_value value[LF_MEASURE_COUNT];  /* NaN for a measure without model */
    double energy_drivers[LF_DRIVER_COUNT]; /* explain value[ENERGY].normal, MWh ... */
    double energy_connections;               /* ... with this */
    double peak_drivers[LF_DRIVER_COUNT];   /* explain value[PEAK].normal, MW ... */
    double peak_connections;                 /* ... with this */
    lf_date normal_peak_date;
} lf_forecast_period;

typedef struct lf_forecast lf_forecast;

int lf_forecast_run(const lf_forecast_spec *spec, const lf_model *energy,
                    const lf_model *peak, const lf_frame *history, const lf_frame *weather,
                    const lf_calendar *cal, lf_forecast **out, lf_error *err);
void lf_forecast_free(lf_forecast *f); /* NULL allowed */

const lf_forecast_spec *lf_forecast_spec_of(const lf_forecast *f);
size_t lf_forecast_nscenarios(const lf_forecast *f);
const char *lf_forecast_scenario_name(const lf_forecast *f, size_t scenario);
const lf_weather_scenarios *lf_forecast_weather(const lf_forecast *f);
size_t lf_forecast_npaths(const lf_forecast *f);  /* weather scenarios x error paths */
/* The bootstrap's residual pool: in_sample or out_of_sample (auto resolved),
 * its segments (origins; 1 in sample) and days.  LF_RESIDUALS_AUTO and 0, 0
 * when the forecast did not bootstrap. */
lf_residuals lf_forecast_residuals(const lf_forecast *f, size_t *nsegments, size_t *ndays);

/* The periods of one economic scenario. */
const lf_forecast_period *lf_forecast_periods(const lf_forecast *f, size_t scenario,
                                              lf_period_kind kind, size_t *n);

/* Daily paths of a scenario, connections included: npaths x ndays row-major
 * (measure ENERGY or PEAK; NULL for LOAD_FACTOR or a measure without model). */
const double *lf_forecast_paths(const lf_forecast *f, size_t scenario, lf_measure m,
                                size_t *npaths, size_t *ndays);

/* ---- CSV output (atomic) --------------------------------------------------------- */

/* "p10" for 0.1, "p2.5" for 0.025: how quantile columns are named. */
void lf_forecast_quantile_label(double q, char *buf, size_t size);

/* Periods of every scenario: scenario,period,first,last,days,calendar_days,
 * then for energy_mwh, peak_mw and load_factor: <m>_normal, <m>_mean,
 * <m>_p10.. (the spec's quantiles); then connections_mwh, connections_mw
 * (what new connections add to the normal), normal_peak_date. */
int lf_forecast_write_csv(const lf_forecast *f, lf_period_kind kind, const char *path,
                          lf_error *err);

/* The same CSV to an open stream (stdout). */
int lf_forecast_write_stream(FILE *fp, const lf_forecast *f, lf_period_kind kind);

/* The explanation of the normal forecast, months or years:
 * scenario,period,measure,base,trend,calendar,weather,economy,event,recent,
 * connections,total (one row for energy_mwh, one for peak_mw). */
int lf_forecast_write_drivers_csv(const lf_forecast *f, lf_period_kind kind,
                                  const char *path, lf_error *err);

/* ---- weather normalization of history --------------------------------------------- */

/* History restated under normal weather, for days first..last of history
 * (inside the frame the models were fitted on):
 *   normalized_j(d) = actual(d) - model(d, actual weather) + model(d, weather j)
 * for each normal weather year j (scenario.h; one for day_mean): the day's
 * actual load with the model's weather effect swapped for year j's.  A
 * period's normalized energy is the mean over j of the sum (= the sum of the
 * mean day); its normalized peak is the mean over j of each one's largest
 * day, the same "50/50" definition as a forecast's normal peak.
 * Energy is NaN for a period with a day without actual energy or without a
 * prediction (days_missing counts them, as lf_summarize does); peaks are over
 * the days present. */
typedef struct lf_normalized_period {
    int year, month;                 /* month 0 for a year */
    lf_date first, last;             /* calendar bounds within first..last */
    int days, days_missing;
    double actual_energy_mwh, normalized_energy_mwh;  /* NaN without an energy model */
    double actual_peak_mw, normalized_peak_mw;        /* NaN without a peak model */
} lf_normalized_period;

/* Months or years (kind) of first..last; *out is a new array of *n, free()d
 * by the caller. */
int lf_weather_normalize(const lf_weather_spec *spec, const lf_model *energy,
                         const lf_model *peak, const lf_frame *history,
                         const lf_frame *weather, const lf_calendar *cal, lf_date first,
                         lf_date last, lf_period_kind kind, lf_normalized_period **out,
                         size_t *n, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
