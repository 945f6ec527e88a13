/* libforecast/features.h - from a daily frame to a regression design.
 *
 * A feature spec says which drivers enter a daily load regression; a
 * "features" object is that spec after it has seen the training period (the
 * trend origin, the range of every weather and economic driver, the longest
 * holiday block), so that forecast days get exactly the same columns, built
 * the same way, as the training days.
 *
 * ---- The columns, in design order, and their names ------------------------
 *
 *   intercept         1                                           (base)
 *   trend, trend^2    t = (date - first training day) / 365.25,
 *                     i.e. years; t^2 when trend = 2               (trend)
 *                     After the last training day (t1) a damped trend
 *                     (trend_damping phi < 1) uses t1 + (phi^h - 1) / ln phi
 *                     in place of t, h = t - t1: its slope shrinks by phi
 *                     per year and it levels off at t1 - 1 / ln phi; phi = 0
 *                     holds it at t1.  (Gardner-McKenzie damping: trends
 *                     fitted on a few years rarely go on for ever.)
 *   dow_tue..dow_sun  weekday dummies (Monday is the reference)
 *   month_feb..month_dec  month dummies (January is the reference)
 *   holiday           day type LF_DAY_HOLIDAY
 *   bridge_day        a working day with a holiday on one side and a
 *                     non-working day (weekend or holiday) on the other
 *   makeup_workday    a weekend day declared a working day (调休)
 *   "<H> -k"          k = before..1 days before the block of holiday H
 *   "<H> day d"       d-th day of the block (the run of non-working days that
 *                     contains H), d = 1 .. the longest block in training
 *   "<H> +k"          k = 1..after days after the block
 *   sin1_year, cos1_year .. sinK_year, cosK_year
 *                     annual Fourier terms sin/cos(2 pi k d / 365.25), d the
 *                     day number, k = 1..fourier                (calendar)
 *   temperature terms of the current temperature T (column `column`):
 *     T, T^2, T^3     polynomial up to `polynomial`
 *     HDD<b>          max(0, b - T) for every heating base b
 *     CDD<b>          max(0, T - b) for every cooling base b
 *     (T-<k>)+        max(0, T - k) for every spline knot k (with T itself
 *                     added when polynomial = 0, so the spline is
 *                     piecewise linear)
 *     by_month:       every term above becomes twelve, "T^2:jan".."T^2:dec"
 *                     (one response per month; the common term is dropped)
 *     by_day_type:    every plain term (not each month's copy) also enters as
 *                     "<term>:nonworking", the difference on weekends and holidays
 *   the same terms (without interactions) of every lagged temperature
 *     T_lag<k> = T(date - k), and every smoothed one
 *     T_ema<a>: s(d) = a T(d) + (1 - a) s(d - 1), started at the first day
 *     and after every gap; the first ceil(ln 0.05 / ln(1 - a)) days after a
 *     start are missing (the smoother has not warmed up)
 *   humidity          the humidity column                      (weather)
 *   <column> or log(<column>)  each economic driver            (economy)
 *   <event name>      step: 1 from start (to end, when given), else 0;
 *                     ramp: 0 before start, (d - start + 1) / (end - start + 1)
 *                     from start to end (1 on end), 1 after     (event)
 * Numbers in names print with %g: HDD18, CDD22.5, T_ema0.3, (T-25)+.
 * When there is no intercept, the first dummy set (weekday, else month) keeps
 * all its levels.
 *
 * ---- Safe extrapolation -------------------------------------------------------
 *
 * Outside the range a driver took in the training period, polynomial terms
 * continue along their tangent at the nearest end of the range instead of
 * growing as powers: with x0 the range end, x^2 -> x0^2 + 2 x0 (x - x0) and
 * x^3 -> x0^3 + 3 x0^2 (x - x0).  Linear, degree-day and spline terms are
 * linear out there already.  So the fitted temperature response continues as
 * a straight line beyond the hottest and coldest training days (natural-spline
 * behaviour).  The same applies to trend^2 outside the training period (its
 * tangent at the start is flat, so trend^2 is 0 before it).  Rows
 * with a temperature, humidity or economic value outside its training range
 * get LF_FLAG_*_RANGE; rows with a missing input get LF_FLAG_MISSING_INPUT.
 */
#ifndef LIBFORECAST_FEATURES_H
#define LIBFORECAST_FEATURES_H

#include <stddef.h>

#include "libforecast/calendar.h"
#include "libforecast/design.h"
#include "libforecast/error.h"
#include "libforecast/frame.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LF_FEATURE_MAX 16        /* entries in each list of a spec */
#define LF_FEATURE_NAME_MAX 48   /* column, holiday and event names */

typedef struct lf_holiday_window {
    char holiday[LF_HOLIDAY_NAME_MAX]; /* as the calendar names it: "Spring Festival" */
    int before, after;                 /* days, 0..60 */
} lf_holiday_window;

typedef struct lf_temperature_spec {
    char column[LF_FEATURE_NAME_MAX];  /* frame column; "" = no temperature terms */
    int polynomial;                    /* 0..3 */
    size_t nhdd, ncdd, nknots;
    double hdd[LF_FEATURE_MAX];        /* heating bases, degC */
    double cdd[LF_FEATURE_MAX];        /* cooling bases, degC */
    double knots[LF_FEATURE_MAX];      /* spline knots, degC, increasing */
    /* Degree-day bases chosen by lf_model_fit: one heating and/or one cooling
     * base from grid_from..grid_to by grid_step, the pair with the lowest AICc
     * (heating base <= cooling base).  The list of the searched side (hdd
     * with auto_hdd, cdd with auto_cdd) is then ignored; the other is used.
     * With grid_coarse > grid_step the search has two stages: every base
     * from grid_from by grid_coarse first, then every grid_step base within
     * one grid_coarse of the best coarse pair (about 10x fewer fits for two
     * searched sides; it assumes the AICc surface has no second, better
     * valley between coarse points).  0 (default): every pair on the grid. */
    int auto_hdd, auto_cdd;
    double grid_from, grid_to, grid_step, grid_coarse;
    int by_month, by_day_type;
    size_t nlags, nsmooth;
    int lags[LF_FEATURE_MAX];          /* days, 1..366 */
    double smooth[LF_FEATURE_MAX];     /* smoothing weights a, 0 < a <= 1 */
} lf_temperature_spec;

typedef struct lf_economy_term {
    char column[LF_FEATURE_NAME_MAX];
    int log;                           /* 1: log(value), values must be > 0 */
} lf_economy_term;

typedef enum lf_event_kind { LF_EVENT_STEP = 0, LF_EVENT_RAMP } lf_event_kind;

typedef struct lf_event_spec {
    char name[LF_FEATURE_NAME_MAX];    /* the column name */
    lf_event_kind kind;
    lf_date start;
    lf_date end;                       /* step: last day (0 = open); ramp: day it reaches 1 */
} lf_event_spec;

typedef struct lf_feature_spec {
    int intercept;                     /* default 1 */
    int trend;                         /* 0 none (default), 1 linear, 2 quadratic */
    double trend_damping;              /* phi: after the training days the trend grows by
                                          phi^k of its slope in year k (1 default: goes
                                          on; 0: held at the last training day) */
    int day_of_week, month, holiday, bridge_day, makeup_workday; /* default 0 */
    size_t nwindows;
    lf_holiday_window windows[LF_FEATURE_MAX];
    int fourier;                       /* annual harmonics 0..12 (default 0) */
    lf_temperature_spec temperature;
    char humidity[LF_FEATURE_NAME_MAX];   /* "" = none */
    size_t neconomy;
    lf_economy_term economy[LF_FEATURE_MAX];
    size_t nevents;
    lf_event_spec events[LF_FEATURE_MAX];
} lf_feature_spec;

/* Defaults: an intercept and nothing else; temperature column "tmean_c" (used
 * once a temperature term is asked for); degree-day grid 10..26 by 0.5. */
void lf_feature_spec_init(lf_feature_spec *spec);

/* The weather columns the spec reads (the temperature column when any
 * temperature term is asked for, then humidity) into columns; their count. */
size_t lf_feature_spec_weather_columns(const lf_feature_spec *spec, const char *columns[2]);

/* Check a spec on its own (ranges, increasing knots, unique event names...). */
int lf_feature_spec_check(const lf_feature_spec *spec, lf_error *err);

typedef struct lf_features lf_features;

/* Learn what the spec needs from the training days first..last of frame
 * (which must lie inside it): the trend origin (first), each driver's range,
 * each holiday window's longest block.  Fails with a clear message when a
 * named column is absent (with a 'did you mean'), a window's holiday never
 * occurs in the training days, a driver has no value in them, a log driver is
 * not positive, or degree-day bases are still 'auto' (lf_model_fit resolves
 * them).  The calendar must cover the training days. */
int lf_features_new(const lf_feature_spec *spec, const lf_frame *frame,
                    const lf_calendar *cal, lf_date first, lf_date last,
                    lf_features **out, lf_error *err);
void lf_features_free(lf_features *features); /* NULL allowed */

/* The spec the features were learnt from. */
const lf_feature_spec *lf_features_spec(const lf_features *features);
/* The training period. */
lf_date lf_features_first(const lf_features *features);
lf_date lf_features_last(const lf_features *features);

/* Build the design for days first..last (inside the frame; earlier frame rows
 * feed lags and smoothing).  Columns follow the order above.  Inputs missing
 * on a day make that row's affected cells NaN and set LF_FLAG_MISSING_INPUT;
 * an infinite input is an error naming the column and date. */
int lf_features_design(const lf_features *features, const lf_frame *frame,
                       const lf_calendar *cal, lf_date first, lf_date last,
                       lf_design **out, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
