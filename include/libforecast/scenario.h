/* libforecast/scenario.h - the inputs of a forecast that nobody knows yet:
 * future weather, the economy, and customers connecting or leaving (业扩).
 *
 * ---- Weather scenarios --------------------------------------------------------
 *
 * Future weather is taken from history: scenario j gives every forecast day
 * the weather of the same month and day in a historical "source" year.  The
 * days keep their own calendar (weekday, holidays, 调休 come from the forecast
 * date, never from the source year), so a Monday stays a Monday and Spring
 * Festival stays where it falls in the forecast year.
 *
 *   source years   every calendar year inside first_year..last_year whose
 *                  days all have a value in every weather column used;
 *                  sorted: y_0 < y_1 < ... < y_{n-1}
 *   scenario j     forecast calendar year year(first) + k takes source year
 *                  y_{(j + k) mod n}: a multi-year forecast runs through
 *                  consecutive history years (December flows into January),
 *                  wrapping to the oldest year after the newest
 *   leap days      29 February of a forecast year takes 28 February of a
 *                  non-leap source year; 29 February of a leap source year is
 *                  simply not used by a non-leap forecast year
 *   shift_days k   each source year is also used shifted by -k..k days
 *                  (forecast day d takes the weather of source date + s),
 *                  2k+1 scenarios per year: more draws of where a heat wave
 *                  falls (Xie and Hong 2016).  A shifted scenario whose dates
 *                  reach a day without weather is left out.
 *   order          by shift 0, -1, +1, -2, +2 .. then by start year: scenarios
 *                  0..nsource-1 are the unshifted ones, scenario j starting
 *                  at source_years[j]; read start[] and shift[] for the rest
 *                  (dropped shifted scenarios leave no gap)
 *
 * Normal weather ("what a typical year gives", used for the point forecast
 * and for weather normalization of history) is one of:
 *   LF_NORMAL_SCENARIO_MEAN  the mean of the model's forecasts over the
 *                  unshifted scenarios of the last normal_years source years
 *                  (scenarios that START at those years: in a multi-year
 *                  forecast with normal_years below the number of source
 *                  years, later forecast years run on into the following
 *                  years and wrap to the oldest, so their normal is a
 *                  different set of years; with every year as normal, the
 *                  default when the history has at most 30 years, each
 *                  forecast year averages all of them).
 *                  For a regression this is the forecast under normal degree
 *                  days and normal temperature terms (each term averaged over
 *                  the years, the utility-industry definition), because the
 *                  model is linear in its terms.  Default.
 *   LF_NORMAL_DAY_MEAN  the model's forecast under one "normal year" of weather:
 *                  each weather column's mean over the last normal_years source
 *                  years and over source dates within +- normal_window days
 *                  (the climatological normal temperature).  Averaging
 *                  temperature before the model flattens extremes, so its
 *                  normal energy is lower where load is convex in temperature.
 *
 * ---- Economic scenarios -------------------------------------------------------
 *
 * A path continues one economic column of the frame after its last known
 * value v0 (on day d0 < first):
 *   growth   annual rates g_0, g_1, ...: g_k applies to forecast calendar
 *            year year(first) + k (the last rate repeats); the value grows
 *            daily, v(d) = v(d - 1) (1 + g)^(1 / days in that year)
 *   values   explicit annual values, placed at 2 July of their year (the
 *            mid-point, as annual data are ingested with mapping: linear);
 *            days between d0 and the first value, and between two values,
 *            are interpolated linearly; after the last value it is held
 * A column with no path grows at its default rate: the compound annual growth
 * over the three years before d0 (or as many whole years as the frame has;
 * 0 with less than one year).
 *
 * ---- New connections and known changes (业扩) --------------------------------
 *
 * A connection adds, on each day d from start (to end, when given):
 *   ramp(d)  = 1, or with ramp_months m > 0: (d - start + 1) / L, at most 1,
 *              L the days from start to the day before start + m months (full
 *              load on the last day of the m-th month)
 *   energy   capacity_mw x load_factor x 24 x ramp(d)  MWh, or when annual_mwh
 *              is given instead of load_factor:
 *              annual_mwh / (days in the year of d) x ramp(d)
 *   peak     capacity_mw x coincidence x ramp(d)  MW (its share at the region's
 *              daily peak)
 * A negative capacity is load leaving (a plant closing) and subtracts.
 */
#ifndef LIBFORECAST_SCENARIO_H
#define LIBFORECAST_SCENARIO_H

#include <stddef.h>

#include "libforecast/date.h"
#include "libforecast/error.h"
#include "libforecast/features.h"
#include "libforecast/frame.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- weather -------------------------------------------------------------------- */

typedef enum lf_normal_kind {
    LF_NORMAL_SCENARIO_MEAN = 0, /* mean forecast over the source years (default) */
    LF_NORMAL_DAY_MEAN           /* forecast under day-of-year mean weather */
} lf_normal_kind;

/* "scenario_mean", "day_mean". */
const char *lf_normal_kind_name(lf_normal_kind kind);

typedef struct lf_weather_spec {
    int first_year, last_year; /* source years allowed; 0 = unbounded (default) */
    int shift_days;            /* 0..15, default 0 */
    lf_normal_kind normal;
    int normal_years;          /* normal from the last N source years; default 30 */
    int normal_window;         /* LF_NORMAL_DAY_MEAN: +- days averaged, default 7 */
} lf_weather_spec;

void lf_weather_spec_init(lf_weather_spec *spec);
int lf_weather_spec_check(const lf_weather_spec *spec, lf_error *err);

/* The source date whose weather day takes when its calendar year's source
 * year is source_year, shifted by shift days (leap-day rule above). */
lf_date lf_weather_source_date(lf_date day, int source_year, int shift);

/* The weather scenarios for forecast days first..last. */
typedef struct lf_weather_scenarios {
    size_t n;            /* scenarios */
    size_t nsource;      /* source years */
    int *source_years;   /* nsource, increasing */
    int first_year;      /* calendar year of the first forecast day */
    int *start;          /* n: index into source_years for first_year */
    int *shift;          /* n: days */
} lf_weather_scenarios;

/* Build the scenarios from the weather history for the named columns.
 * LF_ERR_DATA when no year qualifies (the message says why). */
int lf_weather_scenarios_new(const lf_weather_spec *spec, const lf_frame *weather,
                             const char *const *columns, size_t ncolumns, lf_date first,
                             lf_date last, lf_weather_scenarios **out, lf_error *err);
void lf_weather_scenarios_free(lf_weather_scenarios *ws); /* NULL allowed */

/* Source year of the forecast calendar year `year` in scenario j. */
int lf_weather_scenario_year(const lf_weather_scenarios *ws, size_t j, int year);

/* Write scenario j's weather into the named columns of dst for days
 * first..last (rows of dst; the columns must exist in both frames).  Days
 * outside the scenarios' span (warm-up days before it) whose source date is
 * not in the weather history get NaN.  On error dst is unchanged.  dst must
 * not be the weather frame itself (later fills read what earlier ones wrote). */
int lf_weather_fill(const lf_weather_scenarios *ws, size_t j, const lf_frame *weather,
                    const char *const *columns, size_t ncolumns, lf_frame *dst,
                    lf_date first, lf_date last, lf_error *err);

/* Write day-of-year normal weather (LF_NORMAL_DAY_MEAN) into the columns of
 * dst for days first..last, from the last spec->normal_years source years. */
int lf_weather_fill_normal(const lf_weather_scenarios *ws, const lf_weather_spec *spec,
                           const lf_frame *weather, const char *const *columns,
                           size_t ncolumns, lf_frame *dst, lf_date first, lf_date last,
                           lf_error *err);

/* ---- economy ---------------------------------------------------------------------- */

#define LF_ECONOMY_YEARS 16   /* rates or values per path */
#define LF_ECONOMY_PATHS 8    /* paths per scenario */
#define LF_SCENARIO_NAME_MAX 32

typedef struct lf_economy_path {
    char column[LF_FEATURE_NAME_MAX];
    size_t ngrowth;                     /* growth, or */
    double growth[LF_ECONOMY_YEARS];    /* 0.05 = 5 % a year */
    size_t nvalues;                     /* explicit values */
    int value_years[LF_ECONOMY_YEARS];  /* increasing */
    double values[LF_ECONOMY_YEARS];
} lf_economy_path;

typedef struct lf_economy_scenario {
    char name[LF_SCENARIO_NAME_MAX];    /* "low", "base", "high"... */
    size_t npaths;
    lf_economy_path paths[LF_ECONOMY_PATHS];
} lf_economy_scenario;

int lf_economy_path_check(const lf_economy_path *path, lf_error *err);

/* Fill path->column of frame on days first..last (rows of frame) from its
 * last known value before first.  LF_ERR_DATA when it has none. */
int lf_economy_fill(const lf_economy_path *path, lf_frame *frame, lf_date first,
                    lf_date last, lf_error *err);

/* The default annual growth of a column before day first (see above). */
int lf_economy_default_growth(const lf_frame *frame, const char *column, lf_date first,
                              double *growth, lf_error *err);

/* ---- new connections --------------------------------------------------------------- */

#define LF_CONNECTION_NAME_MAX 64

typedef struct lf_connection {
    char name[LF_CONNECTION_NAME_MAX];
    lf_date start;
    lf_date end;           /* last day, or 0: open-ended */
    double capacity_mw;    /* negative: load leaving */
    int ramp_months;       /* 0..120 */
    double load_factor;    /* 0 < lf <= 1, or NaN when annual_mwh is given */
    double annual_mwh;     /* NaN when load_factor is given */
    double coincidence;    /* 0..1, default 1 */
} lf_connection;

/* No name, start 0, no end, capacity 0, no ramp, load_factor and annual_mwh
 * NaN, coincidence 1. */
void lf_connection_init(lf_connection *c);
/* Exactly one of load_factor and annual_mwh; an annual energy the capacity
 * cannot deliver (implied load factor above 1) is refused. */
int lf_connection_check(const lf_connection *c, lf_error *err);
double lf_connection_ramp(const lf_connection *c, lf_date day); /* 0..1 */
/* Energy (MWh) and peak (MW) the connection adds on day. */
void lf_connection_day(const lf_connection *c, lf_date day, double *energy_mwh,
                       double *peak_mw);

#ifdef __cplusplus
}
#endif
#endif
