/* ingest_pipeline.c - lf_ingest_intervals and lf_ingest_interval_series:
 * readings -> checked grid -> daily frame, or one series' intervals.
 * The readers (ingest_long.c, ingest_wide.c) only parse; every data rule
 * (time grid, period, duplicates, gaps, units) is applied here once, so both
 * layouts behave the same. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"

void lf_readings_free(lf_readings *r)
{
    free(r->rows);
    free(r->values);
    r->rows = NULL;
    r->values = NULL;
    r->n = r->cap = 0;
}

int lf_readings_add(lf_readings *r, lf_time t, long line, long column,
                    const double *values, lf_error *err)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 4096;
        lf_reading *rows = realloc(r->rows, cap * sizeof *rows);
        if (rows)
            r->rows = rows;
        double *vals = rows ? realloc(r->values, cap * r->nseries * sizeof *vals) : NULL;
        if (!vals)
            return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s", r->path);
        r->values = vals;
        r->cap = cap;
    }
    lf_reading *row = &r->rows[r->n];
    row->t = t;
    row->line = line;
    row->column = column;
    row->vidx = r->n * r->nseries;
    memcpy(r->values + row->vidx, values, r->nseries * sizeof *values);
    r->n++;
    return LF_OK;
}

static int by_time_then_line(const void *a, const void *b)
{
    const lf_reading *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* The most common step between consecutive timestamps among 5/15/30/60 min. */
static int infer_step(const lf_readings *r, lf_error *err)
{
    static const int steps[4] = {300, 900, 1800, 3600};
    long count[4] = {0, 0, 0, 0};
    for (size_t i = 1; i < r->n; i++)
        for (int k = 0; k < 4; k++)
            count[k] += r->rows[i].t - r->rows[i - 1].t == steps[k];
    int best = -1;
    for (int k = 0; k < 4; k++)
        if (count[k] > 0 && (best < 0 || count[k] > count[best]))
            best = k;
    if (best < 0)
        return lf_error_set(err, LF_ERR_DATA,
                            "%s: cannot infer the interval: no two timestamps are 5, 15, 30 "
                            "or 60 minutes apart (set interval_minutes)", r->path);
    return steps[best];
}

static int check_on_grid(const lf_readings *r, lf_error *err)
{
    for (size_t i = 0; i < r->n; i++) {
        if (lf_time_second_of_day(r->rows[i].t) % r->step != 0) {
            char when[LF_TIME_STRLEN];
            lf_time_format(r->rows[i].t, when);
            return lf_error_at(err, LF_ERR_DATA, r->path, r->rows[i].line, r->rows[i].column,
                               "interval start %s is not on the %d-minute grid", when,
                               r->step / 60);
        }
    }
    return LF_OK;
}

/* Drop readings outside [first, last] (when first <= last), reporting them. */
static int clip_period(lf_readings *r, const lf_interval_spec *spec,
                       lf_ingest_report *report, lf_error *err)
{
    if (spec->first > spec->last)
        return LF_OK;
    size_t kept = 0, dropped = 0;
    long first_line = 0;
    lf_time first_t = 0;
    for (size_t i = 0; i < r->n; i++) {
        lf_date d = lf_time_date(r->rows[i].t);
        if (d >= spec->first && d <= spec->last) {
            r->rows[kept++] = r->rows[i];
        } else if (dropped++ == 0) {
            first_line = r->rows[i].line;
            first_t = r->rows[i].t;
        }
    }
    r->n = kept;
    if (!dropped)
        return LF_OK;
    return lf_report_add(report, LF_ISSUE_OUTSIDE_PERIOD, first_t, (long)dropped, first_line,
                         "", err);
}

/* Put a group of readings with one timestamp on the grid.  A pair is kept as
 * (value, extra) until lf_grid_resolve_duplicates knows whether it is a
 * daylight-saving hour; larger groups are collapsed by the policy now. */
static void place_group(lf_grid *g, const lf_readings *r, size_t first, size_t count,
                        lf_duplicates policy)
{
    size_t slot = (size_t)((r->rows[first].t - lf_time_from_date(g->day0)) / g->step);
    g->state[slot] = LF_SLOT_ROW;
    g->line[slot] = r->rows[first + (count > 1)].line;
    g->dups[slot] = (unsigned char)(count - 1 > 255 ? 255 : count - 1);
    for (size_t s = 0; s < r->nseries; s++) {
        double *v = &g->values[s * g->nslots + slot];
        double *x = &g->extra[s * g->nslots + slot];
        double sum = 0;
        size_t n = 0;
        for (size_t k = 0; k < count; k++) {
            double val = r->values[r->rows[first + k].vidx + s];
            if (!isnan(val)) {
                sum += val;
                n++;
            }
        }
        *v = r->values[r->rows[first].vidx + s];
        if (count == 2) {
            *x = r->values[r->rows[first + 1].vidx + s];
        } else if (count > 2) {
            if (policy == LF_DUP_LAST)
                *v = r->values[r->rows[first + count - 1].vidx + s];
            else if (policy == LF_DUP_MEAN)
                *v = n ? sum / (double)n : NAN;
        }
    }
}

static int build_grid(const lf_readings *r, const lf_interval_spec *spec, lf_grid *g,
                      lf_error *err)
{
    lf_date day0 = lf_time_date(r->rows[0].t);
    size_t ndays = (size_t)(lf_time_date(r->rows[r->n - 1].t) - day0) + 1;
    int rc = lf_grid_init(g, day0, ndays, r->step, r->nseries, err);
    if (rc != LF_OK)
        return rc;
    for (size_t i = 0; i < r->n;) {
        size_t j = i + 1;
        while (j < r->n && r->rows[j].t == r->rows[i].t)
            j++;
        if (j - i > 2 && spec->duplicates == LF_DUP_ERROR) {
            lf_grid_free(g);
            return lf_error_at(err, LF_ERR_DATA, spec->path, r->rows[i + 1].line, 0,
                               "timestamp repeated %zu times (set 'duplicates' to mean, "
                               "first or last to accept it)", j - i);
        }
        place_group(g, r, i, j - i, spec->duplicates);
        i = j;
    }
    return LF_OK;
}

/* Runs after sorting and clip_period, so rows[0..n) are no longer the first n
 * value blocks: reach each kept row's values through its vidx. */
static int convert_units(lf_readings *r, const lf_interval_spec *spec)
{
    for (size_t i = 0; i < r->n; i++)
        for (size_t s = 0; s < r->nseries; s++) {
            double *v = &r->values[r->rows[i].vidx + s];
            *v = lf_convert_value(&spec->series[s], *v, r->step);
        }
    return LF_OK;
}

static int check_spec(const lf_interval_spec *spec, lf_error *err)
{
    if (!spec || !spec->path || !spec->series || spec->nseries == 0)
        return lf_error_set(err, LF_ERR_ARG, "an interval spec needs a path and series");
    int m = spec->interval_minutes;
    if (m != 0 && m != 5 && m != 15 && m != 30 && m != 60)
        return lf_error_set(err, LF_ERR_ARG, "%s: interval_minutes must be 5, 15, 30 or 60, "
                            "got %d", spec->path, m);
    if (spec->layout == LF_LAYOUT_WIDE && spec->nseries != 1)
        return lf_error_set(err, LF_ERR_ARG, "%s: a wide file holds exactly one series",
                            spec->path);
    for (size_t s = 0; s < spec->nseries; s++) {
        int rc = lf_check_unit(&spec->series[s], err);
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}

/* Long files stamped at interval end: shift every reading to its start. */
static void shift_end_stamps(lf_readings *r, const lf_interval_spec *spec)
{
    if (spec->layout != LF_LAYOUT_LONG || !spec->time_column || spec->stamp != LF_STAMP_END)
        return;
    for (size_t i = 0; i < r->n; i++)
        r->rows[i].t -= r->step;
}

static int read_and_order(const lf_interval_spec *spec, lf_readings *r,
                          lf_ingest_report *report, lf_error *err)
{
    int rc = spec->layout == LF_LAYOUT_WIDE ? lf_read_wide(spec, r, err)
                                            : lf_read_long(spec, r, err);
    if (rc != LF_OK)
        return rc;
    if (report) {
        report->rows = r->rows_read;
        report->missing_values = r->missing_cells;
    }
    if (r->n == 0)
        return lf_error_set(err, LF_ERR_DATA, "%s: the file has no data rows", spec->path);
    qsort(r->rows, r->n, sizeof *r->rows, by_time_then_line);
    if (r->step == 0)
        r->step = spec->interval_minutes ? spec->interval_minutes * 60 : infer_step(r, err);
    if (r->step <= 0)
        return err ? err->code : LF_ERR_DATA;
    if (report)
        report->interval_minutes = r->step / 60;
    shift_end_stamps(r, spec);
    if ((rc = check_on_grid(r, err)) != LF_OK)
        return rc;
    if ((rc = clip_period(r, spec, report, err)) != LF_OK)
        return rc;
    if (r->n == 0)
        return lf_error_set(err, LF_ERR_DATA, "%s: no data rows inside the configured period",
                            spec->path);
    return convert_units(r, spec);
}

static int by_issue_time(const void *a, const void *b)
{
    const lf_issue *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

/* The steps after placing readings, in the order they depend on each other:
 * outside slots first (gaps are only looked for inside the data); duplicates
 * before gaps (a pair whose first reading is empty is resolved, not a gap, and
 * interpolation starts from resolved values); clock hours before gaps (a
 * skipped hour is not a gap). */
static int clean_grid(lf_grid *g, const lf_interval_spec *spec, lf_ingest_report *report,
                      lf_error *err)
{
    int rc;
    lf_grid_mark_outside(g);
    if ((rc = lf_grid_resolve_duplicates(g, spec, report, err)) != LF_OK)
        return rc;
    if (spec->clock_changes && (rc = lf_grid_mark_clock_forward(g, report, err)) != LF_OK)
        return rc;
    if ((rc = lf_grid_fill_gaps(g, spec, report, err)) != LF_OK)
        return rc;
    if (report)
        for (size_t i = 0; i < g->nslots; i++)
            report->intervals += g->state[i] == LF_SLOT_ROW;
    return LF_OK;
}

/* The one pipeline both entry points run: the file read into the finished
 * grid *g (spec already checked).  On error *g is freed. */
static int finished_grid(const lf_interval_spec *spec, lf_grid *g, lf_ingest_report *report,
                         lf_error *err)
{
    lf_readings r = {spec->path, spec->nseries, NULL, 0, 0, NULL, 0, 0, 0};
    memset(g, 0, sizeof *g);
    int rc = read_and_order(spec, &r, report, err);
    if (rc == LF_OK)
        rc = build_grid(&r, spec, g, err);
    lf_readings_free(&r);
    if (rc == LF_OK)
        rc = clean_grid(g, spec, report, err);
    if (rc != LF_OK)
        lf_grid_free(g);
    return rc;
}

/* The steps report in passes; readers want time order.  Guarded: issues is
 * NULL when nothing was reported, and qsort(NULL, 0, ...) is undefined
 * behaviour (its pointer argument is declared nonnull). */
static void sort_issues(lf_ingest_report *report)
{
    if (report && report->nissues > 1)
        qsort(report->issues, report->nissues, sizeof *report->issues, by_issue_time);
}

static int grid_to_frame(const lf_grid *g, const lf_interval_spec *spec, lf_frame **out,
                         lf_ingest_report *report, lf_error *err)
{
    lf_frame *frame = lf_frame_new(g->day0, g->ndays, err);
    if (!frame)
        return err ? err->code : LF_ERR_NOMEM;
    int rc = lf_grid_aggregate(g, spec, frame, report, err);
    if (rc != LF_OK) {
        lf_frame_free(frame);
        return rc;
    }
    sort_issues(report);
    *out = frame;
    return LF_OK;
}

int lf_ingest_intervals(const lf_interval_spec *spec, lf_frame **out,
                        lf_ingest_report *report, lf_error *err)
{
    *out = NULL;
    lf_grid g;
    int rc = check_spec(spec, err);
    if (rc != LF_OK)
        return rc;
    if ((rc = finished_grid(spec, &g, report, err)) != LF_OK)
        return rc;
    rc = grid_to_frame(&g, spec, out, report, err);
    lf_grid_free(&g);
    return rc;
}

/* Value of slot i of series s.  Slots that are neither a row nor a gap
 * (outside the data, a skipped clock hour) have no value; a repeated clock
 * hour, the only slots still marked in dups, holds two readings on one slot:
 * their mean (NaN when the repeat is empty, as the daily frame leaves that
 * day missing). */
static double slot_value(const lf_grid *g, size_t s, size_t i)
{
    if (g->state[i] != LF_SLOT_ROW && g->state[i] != LF_SLOT_ABSENT)
        return NAN;
    double v = lf_grid_series(g, s)[i];
    return g->dups[i] ? (v + g->extra[s * g->nslots + i]) / 2 : v;
}

static int grid_to_series(const lf_grid *g, size_t s, lf_interval_series *out,
                          lf_ingest_report *report, lf_error *err)
{
    double *values = malloc(g->nslots * sizeof *values);
    if (!values)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu intervals", g->nslots);
    for (size_t i = 0; i < g->nslots; i++)
        values[i] = slot_value(g, s, i);
    sort_issues(report);
    out->first = g->day0;
    out->minutes = g->step / 60;
    out->ndays = g->ndays;
    out->n = g->nslots;
    out->values = values;
    return LF_OK;
}

int lf_ingest_interval_series(const lf_interval_spec *spec, size_t series,
                              lf_interval_series *out, lf_ingest_report *report,
                              lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_ingest_interval_series needs out");
    memset(out, 0, sizeof *out);
    lf_grid g;
    int rc = check_spec(spec, err);
    if (rc != LF_OK)
        return rc;
    if (series >= spec->nseries)
        return lf_error_set(err, LF_ERR_ARG, "%s: series %zu asked for, the spec has %zu",
                            spec->path, series, spec->nseries);
    if ((rc = finished_grid(spec, &g, report, err)) != LF_OK)
        return rc;
    rc = grid_to_series(&g, series, out, report, err);
    lf_grid_free(&g);
    return rc;
}

void lf_interval_series_free(lf_interval_series *s)
{
    if (!s)
        return;
    free(s->values);
    memset(s, 0, sizeof *s);
}
