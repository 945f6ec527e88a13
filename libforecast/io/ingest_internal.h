/* ingest_internal.h (internal) - the pieces shared by the interval readers.
 *
 * Pipeline: a reader (long or wide layout) turns rows into readings (interval
 * start time, input position, raw values); ingest_pipeline.c sorts them, checks
 * the time grid, resolves duplicates and places them on a grid of intervals;
 * interval_grid.c then handles daylight-saving hours and gaps and aggregates the
 * grid to daily frame columns. */
#ifndef LF_IO_INGEST_INTERNAL_H
#define LF_IO_INGEST_INTERNAL_H

#include <stddef.h>
#include "libforecast/csv.h"
#include "libforecast/ingest.h"

/* ---- readings --------------------------------------------------------- */

typedef struct lf_reading {
    lf_time t;      /* interval start */
    long line;      /* input position of the timestamp, for messages */
    long column;
    size_t vidx;    /* index of the first value in lf_readings.values */
} lf_reading;

typedef struct lf_readings {
    const char *path;
    size_t nseries;
    lf_reading *rows;
    size_t n, cap;
    double *values;        /* n x nseries raw values (NaN = missing) */
    int step;              /* seconds per interval, 0 until known */
    long missing_cells;
    long rows_read;        /* data rows in the file (a wide row holds a day) */
} lf_readings;

void lf_readings_free(lf_readings *r);
/* Append one reading with nseries values. */
int lf_readings_add(lf_readings *r, lf_time t, long line, long column,
                    const double *values, lf_error *err);

/* Readers: fill r from a file (r->nseries set by the caller). */
int lf_read_long(const lf_interval_spec *spec, lf_readings *r, lf_error *err);
int lf_read_wide(const lf_interval_spec *spec, lf_readings *r, lf_error *err);

/* ---- interval grid ---------------------------------------------------- */

enum lf_slot_state {
    LF_SLOT_ABSENT = 0,  /* no row for this interval */
    LF_SLOT_ROW = 1,     /* a row exists (values may still be NA) */
    LF_SLOT_SKIPPED = 2, /* clock hour that does not exist (DST start) */
    LF_SLOT_OUTSIDE = 3  /* before the first / after the last reading */
};

typedef struct lf_grid {
    lf_date day0;
    size_t ndays, per_day, nslots, nseries;
    int step;               /* seconds */
    double *values;         /* nseries x nslots, series-major */
    double *extra;          /* second reading of a repeated clock hour, or NaN */
    unsigned char *state;   /* per slot */
    unsigned char *filled;  /* nseries x nslots: 1 = interpolated */
    unsigned char *dups;    /* per slot: readings beyond the first; after
                               lf_grid_resolve_duplicates only the slots of a
                               repeated clock hour keep a non-zero mark */
    long *line;             /* per slot: input line, 0 = none */
} lf_grid;

int lf_grid_init(lf_grid *g, lf_date day0, size_t ndays, int step, size_t nseries,
                 lf_error *err);
void lf_grid_free(lf_grid *g);
static inline lf_time lf_grid_time(const lf_grid *g, size_t slot)
{
    return lf_time_from_date(g->day0) + (lf_time)slot * g->step;
}
static inline double *lf_grid_series(const lf_grid *g, size_t s)
{
    return g->values + s * g->nslots;
}

/* Mark slots before the first and after the last row as outside the data. */
void lf_grid_mark_outside(lf_grid *g);
/* Resolve repeated timestamps kept as (value, extra) pairs: a whole repeated
 * clock hour at night is a daylight-saving fall-back when clock_changes is set;
 * every other duplicate follows the policy. */
int lf_grid_resolve_duplicates(lf_grid *g, const lf_interval_spec *spec,
                               lf_ingest_report *report, lf_error *err);
/* Whole absent clock hours at night become skipped (DST start). */
int lf_grid_mark_clock_forward(lf_grid *g, lf_ingest_report *report, lf_error *err);
/* Interpolate short runs of missing values, report every run. */
int lf_grid_fill_gaps(lf_grid *g, const lf_interval_spec *spec,
                      lf_ingest_report *report, lf_error *err);
/* Daily columns of every series into frame (which covers the grid's days). */
int lf_grid_aggregate(const lf_grid *g, const lf_interval_spec *spec, lf_frame *frame,
                      lf_ingest_report *report, lf_error *err);

/* ---- shared helpers ---------------------------------------------------- */

int lf_report_add(lf_ingest_report *report, lf_issue_kind kind, lf_time start, long count,
                  long line, const char *series, lf_error *err);
/* Name of series i for messages: its column, or "value" in the wide layout. */
const char *lf_series_label(const lf_interval_spec *spec, size_t i);
/* Convert a raw value to MW / degC / % / mm given the unit and interval. */
double lf_convert_value(const lf_series_spec *s, double raw, int step_seconds);
int lf_check_unit(const lf_series_spec *s, lf_error *err);

#endif
