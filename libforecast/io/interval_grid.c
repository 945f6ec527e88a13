/* interval_grid.c - the interval grid: duplicates, daylight-saving hours, gaps.
 * Daily aggregation of the grid lives in interval_daily.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"

#define DEFAULT_MAX_GAP 4

int lf_grid_init(lf_grid *g, lf_date day0, size_t ndays, int step, size_t nseries,
                 lf_error *err)
{
    memset(g, 0, sizeof *g);
    g->day0 = day0;
    g->ndays = ndays;
    g->step = step;
    g->per_day = (size_t)(LF_SECONDS_PER_DAY / step);
    g->nslots = ndays * g->per_day;
    g->nseries = nseries;
    size_t nv = g->nslots * nseries;
    g->values = malloc(nv * sizeof *g->values);
    g->extra = malloc(nv * sizeof *g->extra);
    g->filled = calloc(nv, 1);
    g->state = calloc(g->nslots, 1);
    g->dups = calloc(g->nslots, 1);
    g->line = calloc(g->nslots, sizeof *g->line);
    if (!g->values || !g->extra || !g->filled || !g->state || !g->dups || !g->line) {
        lf_grid_free(g);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu intervals", g->nslots);
    }
    for (size_t i = 0; i < nv; i++)
        g->values[i] = g->extra[i] = NAN;
    return LF_OK;
}

void lf_grid_free(lf_grid *g)
{
    free(g->values);
    free(g->extra);
    free(g->filled);
    free(g->state);
    free(g->dups);
    free(g->line);
    memset(g, 0, sizeof *g);
}

void lf_grid_mark_outside(lf_grid *g)
{
    size_t first = 0, last = g->nslots;
    while (first < g->nslots && g->state[first] != LF_SLOT_ROW)
        g->state[first++] = LF_SLOT_OUTSIDE;
    while (last > first && g->state[last - 1] != LF_SLOT_ROW)
        g->state[--last] = LF_SLOT_OUTSIDE;
}

/* Slots of the clock hour starting at `slot` if it is a whole hour beginning
 * between 00:00 and 03:00, the night hours in which daylight saving switches. */
static int is_night_hour_start(const lf_grid *g, size_t slot)
{
    int sec = lf_time_second_of_day(lf_grid_time(g, slot));
    return sec % 3600 == 0 && sec <= 3 * 3600 && g->step <= 3600;
}

/* Does day d have duplicated slots forming exactly one whole night clock hour
 * of pairs?  Returns its first slot, or (size_t)-1. */
static size_t repeated_clock_hour(const lf_grid *g, size_t d)
{
    size_t per_hour = (size_t)(3600 / g->step), first = (size_t)-1, count = 0;
    for (size_t i = d * g->per_day; i < (d + 1) * g->per_day; i++) {
        if (!g->dups[i])
            continue;
        if (g->dups[i] != 1 || (count && i != first + count))
            return (size_t)-1;
        if (!count)
            first = i;
        count++;
    }
    if (count != per_hour || !is_night_hour_start(g, first))
        return (size_t)-1;
    return first;
}

/* Collapse the pair (values, extra) of one slot by the policy. */
static void apply_policy(lf_grid *g, size_t slot, lf_duplicates policy)
{
    for (size_t s = 0; s < g->nseries; s++) {
        double *v = &g->values[s * g->nslots + slot], *x = &g->extra[s * g->nslots + slot];
        if (policy == LF_DUP_LAST && !isnan(*x))
            *v = *x;
        else if (policy == LF_DUP_MEAN && !isnan(*x))
            *v = isnan(*v) ? *x : (*v + *x) / 2;
        *x = NAN;
    }
}

/* A repeated hour's second reading that is empty leaves its day incomplete
 * (interval_daily.c sees dups set and extra NaN); say so per series. */
static int report_missing_repeats(const lf_grid *g, size_t hour, const lf_interval_spec *spec,
                                  lf_ingest_report *report, lf_error *err)
{
    size_t per_hour = (size_t)(3600 / g->step);
    for (size_t s = 0; s < g->nseries; s++) {
        long missing = 0;
        for (size_t i = hour; i < hour + per_hour; i++)
            missing += isnan(g->extra[s * g->nslots + i]);
        if (!missing)
            continue;
        if (report)
            report->left_missing += missing;
        int rc = lf_report_add(report, LF_ISSUE_GAP_LEFT, lf_grid_time(g, hour), missing,
                               g->line[hour], lf_series_label(spec, s), err);
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}

static int resolve_day(lf_grid *g, size_t d, const lf_interval_spec *spec,
                       lf_ingest_report *report, lf_error *err)
{
    size_t hour = spec->clock_changes ? repeated_clock_hour(g, d) : (size_t)-1;
    if (hour != (size_t)-1) {
        if (report)
            report->clock_back++;
        int rc = lf_report_add(report, LF_ISSUE_CLOCK_BACK, lf_grid_time(g, hour),
                               3600 / g->step, g->line[hour], "", err);
        return rc != LF_OK ? rc : report_missing_repeats(g, hour, spec, report, err);
    }
    for (size_t i = d * g->per_day; i < (d + 1) * g->per_day; i++) {
        if (!g->dups[i])
            continue;
        if (spec->duplicates == LF_DUP_ERROR) {
            char when[LF_TIME_STRLEN];
            lf_time_format(lf_grid_time(g, i), when);
            return lf_error_at(err, LF_ERR_DATA, spec->path, g->line[i], 0,
                               "timestamp %s appears %d times (set 'duplicates' to mean, "
                               "first or last to accept it)", when, g->dups[i] + 1);
        }
        if (g->dups[i] == 1) /* groups of 3+ were collapsed when placed */
            apply_policy(g, i, spec->duplicates);
        if (report)
            report->duplicates += g->dups[i];
        int rc = lf_report_add(report, LF_ISSUE_DUPLICATE, lf_grid_time(g, i), g->dups[i],
                               g->line[i], "", err);
        g->dups[i] = 0; /* resolved: only repeated clock hours keep the mark */
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}

int lf_grid_resolve_duplicates(lf_grid *g, const lf_interval_spec *spec,
                               lf_ingest_report *report, lf_error *err)
{
    for (size_t d = 0; d < g->ndays; d++) {
        int rc = resolve_day(g, d, spec, report, err);
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}

int lf_grid_mark_clock_forward(lf_grid *g, lf_ingest_report *report, lf_error *err)
{
    size_t per_hour = (size_t)(3600 / g->step);
    for (size_t i = 0; i + per_hour <= g->nslots; i++) {
        if (g->state[i] != LF_SLOT_ABSENT || !is_night_hour_start(g, i))
            continue;
        size_t n = 0;
        while (n < per_hour && g->state[i + n] == LF_SLOT_ABSENT)
            n++;
        int hour_only = n == per_hour && i > 0 && g->state[i - 1] == LF_SLOT_ROW &&
                        i + n < g->nslots && g->state[i + n] == LF_SLOT_ROW;
        if (!hour_only)
            continue;
        memset(g->state + i, LF_SLOT_SKIPPED, n);
        if (report)
            report->clock_forward++;
        int rc = lf_report_add(report, LF_ISSUE_CLOCK_FORWARD, lf_grid_time(g, i),
                               (long)n, g->line[i + n], "", err);
        if (rc != LF_OK)
            return rc;
        i += n;
    }
    return LF_OK;
}

static int is_active(const lf_grid *g, size_t i)
{
    return g->state[i] == LF_SLOT_ROW || g->state[i] == LF_SLOT_ABSENT;
}

/* Fill or report the run of missing slots run[0..len) of series s. */
static int handle_run(lf_grid *g, size_t s, const size_t *run, size_t len, size_t prev,
                      size_t next, size_t max_gap, const char *label,
                      lf_ingest_report *report, lf_error *err)
{
    double *v = lf_grid_series(g, s);
    int fill = len <= max_gap && prev != (size_t)-1 && next != (size_t)-1;
    for (size_t k = 0; fill && k < len; k++) {
        v[run[k]] = v[prev] + (v[next] - v[prev]) * (double)(k + 1) / (double)(len + 1);
        g->filled[s * g->nslots + run[k]] = 1;
    }
    long line = g->line[run[0]] ? g->line[run[0]] : (next != (size_t)-1 ? g->line[next] : 0);
    if (report) {
        if (fill)
            report->interpolated += (long)len;
        else
            report->left_missing += (long)len;
    }
    return lf_report_add(report, fill ? LF_ISSUE_GAP_FILLED : LF_ISSUE_GAP_LEFT,
                         lf_grid_time(g, run[0]), (long)len, line, label, err);
}

/* Walk the active slots of series s and handle each run of NaN. */
static int fill_series(lf_grid *g, size_t s, size_t max_gap, const char *label,
                       size_t *run, lf_ingest_report *report, lf_error *err)
{
    const double *v = lf_grid_series(g, s);
    size_t prev = (size_t)-1, len = 0;
    for (size_t i = 0; i < g->nslots; i++) {
        if (!is_active(g, i))
            continue;
        if (isnan(v[i])) {
            run[len++] = i;
            continue;
        }
        if (len) {
            int rc = handle_run(g, s, run, len, prev, i, max_gap, label, report, err);
            if (rc != LF_OK)
                return rc;
            len = 0;
        }
        prev = i;
    }
    if (len)
        return handle_run(g, s, run, len, prev, (size_t)-1, max_gap, label, report, err);
    return LF_OK;
}

int lf_grid_fill_gaps(lf_grid *g, const lf_interval_spec *spec, lf_ingest_report *report,
                      lf_error *err)
{
    size_t max_gap = spec->max_gap_intervals < 0 ? DEFAULT_MAX_GAP
                                                 : (size_t)spec->max_gap_intervals;
    size_t *run = malloc(g->nslots * sizeof *run);
    if (!run)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory filling gaps");
    int rc = LF_OK;
    for (size_t s = 0; s < g->nseries && rc == LF_OK; s++)
        rc = fill_series(g, s, max_gap, lf_series_label(spec, s), run, report, err);
    free(run);
    return rc;
}
