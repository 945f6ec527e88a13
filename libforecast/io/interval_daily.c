/* interval_daily.c - aggregate the interval grid to daily frame columns.
 *
 * Load (MW): energy_mwh = sum of MW x interval hours; peak_mw and min_mw the
 * largest and smallest interval; mean_mw = energy / hours covered; load_factor
 * = mean / peak; peak_hour = start of the peak interval in hours; intervals =
 * readings actually observed; interpolated = intervals filled.  Temperature
 * gives tmin_c, tmax_c, tmean_c (mean of intervals); humidity its mean; rain
 * its sum.  A day with any interval still missing, or only partly covered by
 * the file, gets NaN: a partial sum would silently understate the day. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ingest_internal.h"

typedef struct day_stats {
    double sum, max, min;
    size_t n, observed, filled, peak_slot;
    int incomplete; /* missing or outside slots */
} day_stats;

static void add_value(day_stats *st, double x, size_t slot)
{
    st->sum += x;
    if (x > st->max) {
        st->max = x;
        st->peak_slot = slot;
    }
    if (x < st->min)
        st->min = x;
    st->n++;
}

static day_stats stats_of_day(const lf_grid *g, size_t s, size_t d)
{
    day_stats st = {0, -INFINITY, INFINITY, 0, 0, 0, 0, 0};
    const double *v = lf_grid_series(g, s), *x = g->extra + s * g->nslots;
    for (size_t i = d * g->per_day; i < (d + 1) * g->per_day; i++) {
        if (g->state[i] == LF_SLOT_SKIPPED)
            continue;
        if (g->state[i] == LF_SLOT_OUTSIDE || isnan(v[i])) {
            st.incomplete = 1;
            continue;
        }
        add_value(&st, v[i], i);
        if (g->filled[s * g->nslots + i])
            st.filled++;
        else
            st.observed++;
        if (g->dups[i] && isnan(x[i])) { /* repeated clock hour, second reading empty */
            st.incomplete = 1;
        } else if (g->dups[i]) { /* second reading of a repeated clock hour */
            add_value(&st, x[i], i);
            st.observed++;
        }
    }
    return st;
}

typedef struct out_col {
    const char *name, *unit;
    double *values;
} out_col;

static int add_columns(lf_frame *frame, const char *prefix, out_col *cols, size_t n,
                       lf_error *err)
{
    for (size_t k = 0; k < n; k++) {
        char name[128];
        snprintf(name, sizeof name, "%s%s", prefix ? prefix : "", cols[k].name);
        cols[k].values = lf_frame_add_column(frame, name, cols[k].unit, err);
        if (!cols[k].values)
            return err ? err->code : LF_ERR_ARG;
    }
    return LF_OK;
}

enum { L_ENERGY, L_PEAK, L_MIN, L_MEAN, L_LF, L_PEAK_HOUR, L_INTERVALS, L_FILLED, L_N };

static int aggregate_load(const lf_grid *g, size_t s, const lf_series_spec *spec,
                          lf_frame *frame, lf_error *err)
{
    out_col c[L_N] = {{"energy_mwh", "MWh", 0}, {"peak_mw", "MW", 0}, {"min_mw", "MW", 0},
                      {"mean_mw", "MW", 0},     {"load_factor", "1", 0},
                      {"peak_hour", "h", 0},    {"intervals", "count", 0},
                      {"interpolated", "count", 0}};
    int rc = add_columns(frame, spec->prefix, c, L_N, err);
    if (rc != LF_OK)
        return rc;
    double hours = g->step / 3600.0;
    for (size_t d = 0; d < g->ndays; d++) {
        day_stats st = stats_of_day(g, s, d);
        c[L_INTERVALS].values[d] = (double)st.observed;
        c[L_FILLED].values[d] = (double)st.filled;
        if (st.incomplete || st.n == 0)
            continue;
        double energy = st.sum * hours, mean = energy / ((double)st.n * hours);
        c[L_ENERGY].values[d] = energy;
        c[L_PEAK].values[d] = st.max;
        c[L_MIN].values[d] = st.min;
        c[L_MEAN].values[d] = mean;
        c[L_LF].values[d] = st.max > 0 ? mean / st.max : NAN;
        c[L_PEAK_HOUR].values[d] =
            lf_time_second_of_day(lf_grid_time(g, st.peak_slot)) / 3600.0;
    }
    return LF_OK;
}

static int aggregate_temperature(const lf_grid *g, size_t s, const lf_series_spec *spec,
                                 lf_frame *frame, lf_error *err)
{
    out_col c[3] = {{"tmin_c", "degC", 0}, {"tmax_c", "degC", 0}, {"tmean_c", "degC", 0}};
    int rc = add_columns(frame, spec->prefix, c, 3, err);
    if (rc != LF_OK)
        return rc;
    for (size_t d = 0; d < g->ndays; d++) {
        day_stats st = stats_of_day(g, s, d);
        if (st.incomplete || st.n == 0)
            continue;
        c[0].values[d] = st.min;
        c[1].values[d] = st.max;
        c[2].values[d] = st.sum / (double)st.n;
    }
    return LF_OK;
}

static int aggregate_simple(const lf_grid *g, size_t s, const lf_series_spec *spec,
                            lf_frame *frame, lf_error *err)
{
    int is_sum = spec->kind == LF_SERIES_RAIN;
    out_col c = is_sum ? (out_col){"rain_mm", "mm", 0} : (out_col){"humidity_pct", "%", 0};
    int rc = add_columns(frame, spec->prefix, &c, 1, err);
    if (rc != LF_OK)
        return rc;
    for (size_t d = 0; d < g->ndays; d++) {
        day_stats st = stats_of_day(g, s, d);
        if (!st.incomplete && st.n > 0)
            c.values[d] = is_sum ? st.sum : st.sum / (double)st.n;
    }
    return LF_OK;
}

static int report_incomplete_days(const lf_grid *g, lf_ingest_report *report, lf_error *err)
{
    for (size_t d = 0; d < g->ndays; d++) {
        size_t outside = 0, first = (size_t)-1;
        for (size_t i = d * g->per_day; i < (d + 1) * g->per_day; i++) {
            if (g->state[i] == LF_SLOT_OUTSIDE) {
                outside++;
                if (first == (size_t)-1)
                    first = i;
            }
        }
        if (outside) {
            int rc = lf_report_add(report, LF_ISSUE_INCOMPLETE_DAY, lf_grid_time(g, first),
                                   (long)outside, 0, "", err);
            if (rc != LF_OK)
                return rc;
        }
    }
    return LF_OK;
}

int lf_grid_aggregate(const lf_grid *g, const lf_interval_spec *spec, lf_frame *frame,
                      lf_ingest_report *report, lf_error *err)
{
    int rc = report_incomplete_days(g, report, err);
    for (size_t s = 0; s < g->nseries && rc == LF_OK; s++) {
        const lf_series_spec *ss = &spec->series[s];
        if (ss->kind == LF_SERIES_LOAD)
            rc = aggregate_load(g, s, ss, frame, err);
        else if (ss->kind == LF_SERIES_TEMPERATURE)
            rc = aggregate_temperature(g, s, ss, frame, err);
        else
            rc = aggregate_simple(g, s, ss, frame, err);
    }
    return rc;
}
