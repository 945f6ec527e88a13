/* libforecast/ingest.h - reading metered load, weather and economic data into
 * daily frames (and, for billing, one cleaned interval series).
 *
 * Interval files (5/15/30/60-minute) come in two layouts:
 *   long  one row per interval: a timestamp column (or a date column plus an
 *         hour column, as GEFCom writes "Date,Hour") and value columns;
 *   wide  one row per day: a date column and 24, 48 or 96 interval columns,
 *         as utility metering systems export.
 * Each value column is aggregated to daily values by its kind (load gives
 * energy, peak, minimum, mean, load factor; temperature gives min, max, mean).
 *
 * Data quality rules (every case is counted in the report, never silent):
 *  - a run of at most max_gap_intervals missing intervals inside a day or across
 *    midnight is filled by linear interpolation between its neighbours;
 *  - longer runs stay missing, and any day with a missing interval gets NaN
 *    for its daily values (a partial sum would understate energy);
 *  - duplicate timestamps are resolved by the duplicates policy;
 *  - with clock_changes set, one whole clock hour missing that starts between
 *    00:00 and 03:00 is a daylight-saving spring-forward (a 23-hour day, not a
 *    gap) and one whole such hour repeated is a fall-back (a 25-hour day: both
 *    hours count; an empty second reading leaves the day missing);
 *  - timestamps that are not on the interval grid are errors.
 */
#ifndef LIBFORECAST_INGEST_H
#define LIBFORECAST_INGEST_H

#include <stddef.h>
#include "libforecast/date.h"
#include "libforecast/error.h"
#include "libforecast/frame.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lf_layout { LF_LAYOUT_LONG = 0, LF_LAYOUT_WIDE = 1 } lf_layout;

/* Does a long-form timestamp mark the start or the end of its interval? */
typedef enum lf_stamp { LF_STAMP_START = 0, LF_STAMP_END = 1 } lf_stamp;

typedef enum lf_duplicates {
    LF_DUP_MEAN = 0,   /* default: average the readings */
    LF_DUP_FIRST,
    LF_DUP_LAST,
    LF_DUP_ERROR       /* refuse the file */
} lf_duplicates;

typedef enum lf_series_kind {
    LF_SERIES_LOAD = 0,     /* power; daily energy_mwh, peak_mw, min_mw, mean_mw,
                               load_factor, peak_hour, intervals, interpolated */
    LF_SERIES_TEMPERATURE,  /* daily tmin_c, tmax_c, tmean_c */
    LF_SERIES_HUMIDITY,     /* daily humidity_pct (mean) */
    LF_SERIES_RAIN          /* daily rain_mm (sum) */
} lf_series_kind;

/* Units accepted for input values; everything is converted on input. */
typedef enum lf_unit {
    LF_UNIT_DEFAULT = 0, /* MW for load, degC for temperature, % and mm */
    LF_UNIT_KW, LF_UNIT_MW, LF_UNIT_GW,       /* power */
    LF_UNIT_KWH, LF_UNIT_MWH,                 /* energy per interval -> mean MW */
    LF_UNIT_CELSIUS, LF_UNIT_FAHRENHEIT
} lf_unit;

typedef struct lf_series_spec {
    const char *column;    /* input column (long layout); ignored for wide */
    lf_series_kind kind;
    lf_unit unit;
    const char *prefix;    /* put before output names ("cust1_"), or NULL */
} lf_series_spec;

typedef struct lf_interval_spec {
    const char *path;
    char delimiter;              /* 0 = ',' */
    lf_layout layout;
    int interval_minutes;        /* 5, 15, 30 or 60; 0 = infer from the data */
    /* long layout: either time_column, or date_column + hour_column */
    const char *time_column;
    const char *date_column;     /* also the wide layout's date column */
    const char *hour_column;     /* integer hours */
    int hour_ending;             /* hour column counts 1..24 (hour ending) */
    lf_stamp stamp;              /* timestamps mark interval start or end */
    const lf_series_spec *series;/* long: value columns; wide: exactly one */
    size_t nseries;
    int max_gap_intervals;       /* < 0 = default (4); 0 = never interpolate */
    lf_duplicates duplicates;
    int clock_changes;           /* recognise daylight-saving hours */
    lf_date first, last;         /* keep only these days; first > last = all */
} lf_interval_spec;

/* What ingest found and did, for the user to read. */
typedef enum lf_issue_kind {
    LF_ISSUE_GAP_FILLED = 0,  /* missing intervals interpolated */
    LF_ISSUE_GAP_LEFT,        /* missing intervals left missing */
    LF_ISSUE_DUPLICATE,       /* duplicate timestamp resolved by policy */
    LF_ISSUE_CLOCK_FORWARD,   /* missing clock hour taken as DST */
    LF_ISSUE_CLOCK_BACK,      /* repeated clock hour taken as DST */
    LF_ISSUE_INCOMPLETE_DAY,  /* first/last day only partly covered */
    LF_ISSUE_MISSING_VALUE,   /* empty / NA cell (kept missing) */
    LF_ISSUE_OUTSIDE_PERIOD   /* rows dropped by first/last */
} lf_issue_kind;

typedef struct lf_issue {
    lf_issue_kind kind;
    lf_time start;     /* first affected interval (start time) */
    long count;        /* intervals (or rows) affected */
    long line;         /* input line of the first affected row, 0 if none */
    char series[64];   /* column concerned */
} lf_issue;

typedef struct lf_ingest_report {
    long rows;                 /* data rows read */
    long intervals;            /* distinct intervals kept */
    long missing_values;       /* empty/NA cells */
    long interpolated;         /* intervals filled */
    long left_missing;         /* intervals still missing */
    long duplicates;           /* duplicate timestamps */
    long clock_forward, clock_back;
    int interval_minutes;      /* as given or inferred */
    lf_issue *issues;          /* one per contiguous event, in time order */
    size_t nissues, capacity;
} lf_ingest_report;

void lf_ingest_report_init(lf_ingest_report *report);
void lf_ingest_report_free(lf_ingest_report *report);
const char *lf_issue_kind_name(lf_issue_kind kind);
/* One readable line describing an issue, e.g. "2013-03-04 10:30 gap of 3
 * intervals in demand_mw filled by linear interpolation (line 1234)". */
void lf_issue_describe(const lf_issue *issue, int interval_minutes, char *buf,
                       size_t size);

/* Read an interval file and aggregate it to a new daily frame covering every day
 * touched by the data.  report may be NULL. */
int lf_ingest_intervals(const lf_interval_spec *spec, lf_frame **out,
                        lf_ingest_report *report, lf_error *err);

/* The cleaned values of one series on its interval grid, for work that needs
 * the intervals themselves (billing from meter data) rather than days.
 *
 * With per_day = 1440 / minutes, values[d x per_day + k] is the interval that
 * starts k x minutes after 00:00 of day first + d; n = ndays x per_day.
 * first is the day of the earliest reading kept (not spec->first), ndays runs
 * to the day of the latest; minutes is the interval (given or inferred).
 *
 * Values are in the library's units, converted exactly as lf_ingest_intervals
 * converts them: load in MW, the mean power over the interval (kW / 1000,
 * GW x 1000, and energy per interval, kWh or MWh, divided by the interval's
 * hours); temperature in degC; humidity and rain as read.
 *
 * The same cleaning as lf_ingest_intervals: sorting, period clipping,
 * duplicates by spec->duplicates, daylight-saving hours (clock_changes) and
 * gaps of at most max_gap_intervals filled by linear interpolation.  NaN marks
 * an interval without a value:
 *  - outside the data (before the first / after the last reading, so a partly
 *    covered first or last day has NaN at its ends);
 *  - a gap too long to fill, or an empty cell not filled;
 *  - a skipped clock hour (spring-forward): those intervals did not happen;
 *    the report's LF_ISSUE_CLOCK_FORWARD issues tell them from gaps;
 *  - a repeated clock hour (fall-back) holds, per interval, the mean of its two
 *    readings, whatever the duplicates policy; NaN when the repeat is empty
 *    (the first reading, if empty, is filled like any interval; the repeat
 *    never is, and the report counts it in left_missing).  The grid has one
 *    slot per clock interval, so summing such a day gives 24 hours of energy
 *    where the daily frame's energy_mwh counts both readings (25 hours).
 * The report is filled as by lf_ingest_intervals, except that a partly
 * covered first or last day adds no LF_ISSUE_INCOMPLETE_DAY issue. */
typedef struct lf_interval_series {
    lf_date first;   /* day of values[0] */
    int minutes;     /* interval length: 5, 15, 30 or 60 */
    size_t ndays;
    size_t n;        /* ndays x per_day */
    double *values;  /* n values, owned; free with lf_interval_series_free */
} lf_interval_series;

/* Read an interval file and return the cleaned intervals of spec->series[series]
 * into *out (the caller frees it).  Every series of the spec is read and
 * checked, as for lf_ingest_intervals.  series out of range is LF_ERR_ARG.  On
 * error *out is zeroed (values NULL).  report may be NULL. */
int lf_ingest_interval_series(const lf_interval_spec *spec, size_t series,
                              lf_interval_series *out, lf_ingest_report *report,
                              lf_error *err);
/* Free the values and zero *s.  NULL allowed. */
void lf_interval_series_free(lf_interval_series *s);

/* Daily weather file: a date column and any of these columns (NULL = absent). */
typedef struct lf_daily_weather_spec {
    const char *path;
    char delimiter;
    const char *date_column;
    const char *tmin_column, *tmax_column, *tmean_column;
    const char *humidity_column, *rain_column;
    lf_unit temperature_unit;    /* default or LF_UNIT_CELSIUS / FAHRENHEIT */
    lf_date first, last;         /* first > last = all */
} lf_daily_weather_spec;

/* Read daily weather into a new frame with tmin_c, tmax_c, tmean_c,
 * humidity_pct, rain_mm (those given).  When tmean is absent but tmin and tmax
 * are present, tmean_c = (tmin + tmax) / 2, the meteorological convention.
 * Missing days inside the range are NaN and counted in the report. */
int lf_ingest_daily_weather(const lf_daily_weather_spec *spec, lf_frame **out,
                            lf_ingest_report *report, lf_error *err);

typedef enum lf_frequency { LF_FREQ_ANNUAL = 0, LF_FREQ_QUARTERLY, LF_FREQ_MONTHLY } lf_frequency;
typedef enum lf_mapping {
    LF_MAP_STEP = 0,   /* every day takes its period's value */
    LF_MAP_LINEAR      /* linear between period mid-points; step at the ends */
} lf_mapping;

/* One economic indicator: period column ("2015", "2015Q1"/"2015-Q1",
 * "2015-03"), value column, optional row filter (filter_column = filter_value,
 * e.g. country = China), mapped onto the days of a frame as column `name`. */
typedef struct lf_economy_spec {
    const char *path;
    char delimiter;
    const char *period_column;
    const char *value_column;
    const char *filter_column, *filter_value;
    lf_frequency frequency;
    lf_mapping mapping;
    double scale;                /* multiply values (0 = 1) */
    const char *name;            /* output column name */
    const char *unit;            /* output unit text */
} lf_economy_spec;

/* Add the indicator as a column of frame.  Days outside the periods in the file
 * stay NaN (never extrapolated).  All-or-nothing. */
int lf_ingest_economy(const lf_economy_spec *spec, lf_frame *frame, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
