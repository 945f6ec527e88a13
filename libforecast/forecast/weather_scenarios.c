/* weather_scenarios.c - weather scenarios from history: the spec, the source
 * date of a forecast day, and choosing source years and (start, shift)
 * scenarios.  Filling a frame with a scenario's or the normal weather is in
 * weather_normal.c.
 *
 * Scenario order (callers and the header rely on it): by shift first, in the
 * order 0, -1, +1, -2, +2, ..., -k, +k, and within one shift by start index.
 * So scenarios 0..nsource-1 are the unshifted ones, scenario j (j < nsource)
 * starting at source year source_years[j]; a shifted scenario that reaches a
 * day without weather is left out, so later indices are not a fixed function
 * of (start, shift): read ws->start[j] and ws->shift[j]. */
#include "libforecast/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define SHIFT_MAX 15
#define NORMAL_YEARS_MAX 200
#define WINDOW_MAX 30

const char *lf_normal_kind_name(lf_normal_kind kind)
{
    switch (kind) {
    case LF_NORMAL_SCENARIO_MEAN: return "scenario_mean";
    case LF_NORMAL_DAY_MEAN: return "day_mean";
    default: return "unknown";
    }
}

void lf_weather_spec_init(lf_weather_spec *spec)
{
    spec->first_year = 0;
    spec->last_year = 0;
    spec->shift_days = 0;
    spec->normal = LF_NORMAL_SCENARIO_MEAN;
    spec->normal_years = 30;
    spec->normal_window = 7;
}

int lf_weather_spec_check(const lf_weather_spec *spec, lf_error *err)
{
    if (!spec)
        return lf_error_set(err, LF_ERR_ARG, "weather spec is NULL");
    if (spec->first_year < 0 || spec->first_year > 9999)
        return lf_error_set(err, LF_ERR_ARG, "weather first_year must be 0 or 1..9999, got %d",
                            spec->first_year);
    if (spec->last_year < 0 || spec->last_year > 9999)
        return lf_error_set(err, LF_ERR_ARG, "weather last_year must be 0 or 1..9999, got %d",
                            spec->last_year);
    if (spec->first_year && spec->last_year && spec->first_year > spec->last_year)
        return lf_error_set(err, LF_ERR_ARG, "weather first_year %d is after last_year %d",
                            spec->first_year, spec->last_year);
    if (spec->shift_days < 0 || spec->shift_days > SHIFT_MAX)
        return lf_error_set(err, LF_ERR_ARG, "weather shift_days must be 0..%d, got %d",
                            SHIFT_MAX, spec->shift_days);
    if (spec->normal != LF_NORMAL_SCENARIO_MEAN && spec->normal != LF_NORMAL_DAY_MEAN)
        return lf_error_set(err, LF_ERR_ARG, "weather normal must be scenario_mean or day_mean");
    if (spec->normal_years < 1 || spec->normal_years > NORMAL_YEARS_MAX)
        return lf_error_set(err, LF_ERR_ARG, "weather normal_years must be 1..%d, got %d",
                            NORMAL_YEARS_MAX, spec->normal_years);
    if (spec->normal_window < 0 || spec->normal_window > WINDOW_MAX)
        return lf_error_set(err, LF_ERR_ARG, "weather normal_window must be 0..%d, got %d",
                            WINDOW_MAX, spec->normal_window);
    return LF_OK;
}

lf_date lf_weather_source_date(lf_date day, int source_year, int shift)
{
    int y, m, d;
    lf_date_to_ymd(day, &y, &m, &d);
    if (m == 2 && d == 29 && !lf_is_leap_year(source_year))
        d = 28; /* the forecast keeps its leap day; the weather repeats 28 Feb */
    return lf_date_from_ymd(source_year, m, d) + shift;
}

/* Index into the source years for forecast year first_year + k; k < 0 (warm-up
 * days before the forecast) walks back through history cyclically. */
static size_t source_index(size_t nsource, int start, long k)
{
    long i = ((long)start + k) % (long)nsource;
    return (size_t)(i < 0 ? i + (long)nsource : i);
}

int lf_weather_scenario_year(const lf_weather_scenarios *ws, size_t j, int year)
{
    if (!ws || j >= ws->n || ws->nsource == 0)
        return 0;
    return ws->source_years[source_index(ws->nsource, ws->start[j],
                                         (long)year - ws->first_year)];
}

void lf_weather_scenarios_free(lf_weather_scenarios *ws)
{
    if (!ws)
        return;
    free(ws->source_years);
    free(ws->start);
    free(ws->shift);
    free(ws);
}

/* ---- building -------------------------------------------------------------------- */

/* The weather columns, resolved once; ok[r] says row r has every value. */
typedef struct weather_rows {
    const lf_frame *frame;
    const double **cols;
    size_t ncols;
    unsigned char *ok;
} weather_rows;

static int resolve_columns(const lf_frame *frame, const char *const *names, size_t n,
                           const double **cols, lf_error *err)
{
    for (size_t c = 0; c < n; c++) {
        if (!names[c])
            return lf_error_set(err, LF_ERR_ARG, "weather column %zu has no name", c);
        cols[c] = lf_frame_column(frame, names[c]);
        if (!cols[c])
            return lf_error_set(err, LF_ERR_NOTFOUND, "weather column '%s' is not in the frame",
                                names[c]);
    }
    return LF_OK;
}

static int rows_init(weather_rows *w, const lf_frame *frame, const char *const *names,
                     size_t n, lf_error *err)
{
    w->frame = frame;
    w->ncols = n;
    w->cols = malloc((n ? n : 1) * sizeof *w->cols);
    w->ok = malloc(frame->ndays);
    if (!w->cols || !w->ok)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory choosing weather years");
    int rc = resolve_columns(frame, names, n, w->cols, err);
    if (rc)
        return rc;
    for (size_t r = 0; r < frame->ndays; r++) {
        w->ok[r] = 1;
        for (size_t c = 0; c < n && w->ok[r]; c++)
            w->ok[r] = !isnan(w->cols[c][r]);
    }
    return LF_OK;
}

static int day_ok(const weather_rows *w, lf_date d)
{
    long r = lf_frame_row(w->frame, d);
    return r >= 0 && w->ok[r];
}

/* First day of year y without weather (outside the frame or a NaN), or 0 and
 * *found = 0 when the year is complete. */
static lf_date year_gap(const weather_rows *w, int y, int *found)
{
    lf_date end = lf_date_from_ymd(y, 12, 31);
    for (lf_date d = lf_date_from_ymd(y, 1, 1); d <= end; d++)
        if (!day_ok(w, d)) {
            *found = 1;
            return d;
        }
    *found = 0;
    return 0;
}

static int year_allowed(const lf_weather_spec *spec, int y)
{
    return (!spec->first_year || y >= spec->first_year) &&
           (!spec->last_year || y <= spec->last_year);
}

/* "a, b, c" into buf, truncated when long. */
static void join_names(const char *const *names, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t c = 0; c < n && used < size; c++) {
        int k = snprintf(buf + used, size - used, "%s%s", c ? ", " : "", names[c]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

/* Why no year qualified: the frame's years, the bounds, and one example gap. */
static int no_year_error(const lf_weather_spec *spec, const weather_rows *w,
                         const char *const *names, lf_error *err)
{
    char cols[160], bounds[48] = "", why[96] = "the frame has no year inside the bounds";
    int y0 = lf_date_year(w->frame->start), y1 = lf_date_year(lf_frame_end(w->frame));
    join_names(names, w->ncols, cols, sizeof cols);
    if (spec->first_year || spec->last_year) {
        char a[8] = "", b[8] = "";
        if (spec->first_year)
            snprintf(a, sizeof a, "%d", spec->first_year);
        if (spec->last_year)
            snprintf(b, sizeof b, "%d", spec->last_year);
        snprintf(bounds, sizeof bounds, " within %s..%s", a, b);
    }
    for (int y = y0; y <= y1; y++) {
        int found;
        lf_date gap = year_gap(w, y, &found);
        if (year_allowed(spec, y) && found) {
            char day[LF_DATE_STRLEN];
            lf_date_format(gap, day);
            snprintf(why, sizeof why, "every year misses a day (%d: %s %s)", y, day,
                     lf_frame_row(w->frame, gap) < 0 ? "is outside the frame" : "has NaN");
            break;
        }
    }
    return lf_error_set(err, LF_ERR_DATA, "no complete year of %s in %d..%d%s: %s", cols, y0,
                        y1, bounds, why);
}

/* The complete, allowed years of the frame, increasing. */
static int choose_years(const lf_weather_spec *spec, const weather_rows *w,
                        const char *const *names, lf_weather_scenarios *ws, lf_error *err)
{
    int y0 = lf_date_year(w->frame->start), y1 = lf_date_year(lf_frame_end(w->frame));
    ws->source_years = malloc((size_t)(y1 - y0 + 1) * sizeof *ws->source_years);
    if (!ws->source_years)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory choosing weather years");
    for (int y = y0; y <= y1; y++) {
        int found;
        if (year_allowed(spec, y) && (year_gap(w, y, &found), !found))
            ws->source_years[ws->nsource++] = y;
    }
    return ws->nsource ? LF_OK : no_year_error(spec, w, names, err);
}

/* Does scenario (start, shift) find weather for every forecast day? */
static int scenario_fits(const lf_weather_scenarios *ws, const weather_rows *w, int start,
                         int shift, lf_date first, lf_date last)
{
    for (lf_date d = first; d <= last; d++) {
        long k = (long)lf_date_year(d) - ws->first_year;
        int sy = ws->source_years[source_index(ws->nsource, start, k)];
        if (!day_ok(w, lf_weather_source_date(d, sy, shift)))
            return 0;
    }
    return 1;
}

/* Shifts 0, -1, +1, -2, +2, ... then start index: see the top of the file. */
static int build_scenarios(lf_weather_scenarios *ws, const weather_rows *w, int k,
                           lf_date first, lf_date last, lf_error *err)
{
    size_t max = ws->nsource * (size_t)(2 * k + 1);
    ws->start = malloc(max * sizeof *ws->start);
    ws->shift = malloc(max * sizeof *ws->shift);
    if (!ws->start || !ws->shift)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory building weather scenarios");
    for (int t = 0; t <= 2 * k; t++) {
        int s = t == 0 ? 0 : (t % 2 ? -(t + 1) / 2 : t / 2);
        for (size_t i = 0; i < ws->nsource; i++)
            if (scenario_fits(ws, w, (int)i, s, first, last)) {
                ws->start[ws->n] = (int)i;
                ws->shift[ws->n++] = s;
            }
    }
    return LF_OK;
}

int lf_weather_scenarios_new(const lf_weather_spec *spec, const lf_frame *weather,
                             const char *const *columns, size_t ncolumns, lf_date first,
                             lf_date last, lf_weather_scenarios **out, lf_error *err)
{
    if (!out || !weather || (ncolumns && !columns))
        return lf_error_set(err, LF_ERR_ARG, "weather scenarios need a frame, columns and out");
    *out = NULL;
    int rc = lf_weather_spec_check(spec, err);
    if (rc)
        return rc;
    if (first > last)
        return lf_error_set(err, LF_ERR_ARG, "forecast first day is after its last day");
    lf_weather_scenarios *ws = calloc(1, sizeof *ws);
    weather_rows w = {0};
    if (!ws)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory building weather scenarios");
    ws->first_year = lf_date_year(first);
    rc = rows_init(&w, weather, columns, ncolumns, err);
    if (!rc)
        rc = choose_years(spec, &w, columns, ws, err);
    if (!rc)
        rc = build_scenarios(ws, &w, spec->shift_days, first, last, err);
    free(w.cols);
    free(w.ok);
    if (rc)
        lf_weather_scenarios_free(ws);
    else
        *out = ws;
    return rc;
}
