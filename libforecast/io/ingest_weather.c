/* ingest_weather.c - daily weather files (one row per day) into a frame.
 * Days absent from the file inside its range stay NaN and are reported as
 * gaps; a date given twice is an error, because two different observations
 * for one day cannot both be right. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/grow.h"
#include "ingest_internal.h"

enum { W_TMIN, W_TMAX, W_TMEAN, W_HUMIDITY, W_RAIN, W_N };

static const char *const out_name[W_N] = {"tmin_c", "tmax_c", "tmean_c", "humidity_pct",
                                          "rain_mm"};
static const char *const out_unit[W_N] = {"degC", "degC", "degC", "%", "mm"};

typedef struct day_row {
    lf_date date;
    long line;
    double v[W_N];
} day_row;

typedef struct weather_rows {
    day_row *rows;
    size_t n, cap;
} weather_rows;

static int push_row(weather_rows *w, const day_row *row, lf_error *err)
{
    day_row *rows = lf_grow(w->rows, w->n, &w->cap, sizeof *rows);
    if (!rows)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading weather");
    w->rows = rows;
    w->rows[w->n++] = *row;
    return LF_OK;
}

static int resolve_columns(lf_csv *csv, const lf_daily_weather_spec *spec, size_t *date,
                           long col[W_N], lf_error *err)
{
    const char *names[W_N] = {spec->tmin_column, spec->tmax_column, spec->tmean_column,
                              spec->humidity_column, spec->rain_column};
    if (!spec->date_column)
        return lf_error_set(err, LF_ERR_ARG, "%s: weather needs date_column", spec->path);
    int rc = lf_csv_require(csv, spec->date_column, date, err);
    for (int k = 0; k < W_N && rc == LF_OK; k++) {
        size_t idx = 0;
        col[k] = -1;
        if (names[k] && (rc = lf_csv_require(csv, names[k], &idx, err)) == LF_OK)
            col[k] = (long)idx;
    }
    if (rc == LF_OK && col[W_TMEAN] < 0 && (col[W_TMIN] < 0 || col[W_TMAX] < 0) &&
        (col[W_TMIN] >= 0 || col[W_TMAX] >= 0))
        return lf_error_set(err, LF_ERR_ARG, "%s: give tmean_column, or both tmin_column and "
                            "tmax_column", spec->path);
    return rc;
}

static double to_celsius(double v, lf_unit unit)
{
    return unit == LF_UNIT_FAHRENHEIT ? (v - 32.0) * 5.0 / 9.0 : v;
}

static int read_row(lf_csv *csv, const lf_daily_weather_spec *spec, size_t date_col,
                    const long col[W_N], day_row *row, long *missing, lf_error *err)
{
    lf_error sub;
    int rc = lf_csv_check_width(csv, err);
    if (rc != LF_OK)
        return rc;
    if (lf_date_parse(lf_csv_field(csv, date_col), &row->date, &sub) != LF_OK)
        return lf_csv_error(csv, date_col, err, sub.code, "%s", sub.message);
    row->line = lf_csv_line(csv);
    for (int k = 0; k < W_N; k++) {
        int miss = 0;
        row->v[k] = NAN;
        if (col[k] >= 0 && (rc = lf_csv_number(csv, (size_t)col[k], &row->v[k], &miss,
                                              err)) != LF_OK)
            return rc;
        *missing += miss;
        if (k <= W_TMEAN)
            row->v[k] = to_celsius(row->v[k], spec->temperature_unit);
    }
    if (col[W_TMEAN] < 0) /* meteorological convention */
        row->v[W_TMEAN] = (row->v[W_TMIN] + row->v[W_TMAX]) / 2.0;
    return LF_OK;
}

static int read_rows(const lf_daily_weather_spec *spec, weather_rows *w, long col[W_N],
                     long *missing, lf_error *err)
{
    lf_csv *csv = lf_csv_open(spec->path, spec->delimiter ? spec->delimiter : ',', err);
    if (!csv)
        return err ? err->code : LF_ERR_IO;
    size_t date_col = 0;
    int rc = lf_csv_read_header(csv, err);
    if (rc == LF_OK)
        rc = resolve_columns(csv, spec, &date_col, col, err);
    while (rc == LF_OK) {
        int has_row = 0;
        day_row row;
        if ((rc = lf_csv_next(csv, &has_row, err)) != LF_OK || !has_row)
            break;
        rc = read_row(csv, spec, date_col, col, &row, missing, err);
        int keep = spec->first > spec->last ||
                   (row.date >= spec->first && row.date <= spec->last);
        if (rc == LF_OK && keep)
            rc = push_row(w, &row, err);
    }
    lf_csv_close(csv);
    return rc;
}

static int place_rows(const lf_daily_weather_spec *spec, const weather_rows *w,
                      const long col[W_N], lf_frame *f, long *seen_line, lf_error *err)
{
    double *out[W_N] = {0};
    for (int k = 0; k < W_N; k++) {
        int present = col[k] >= 0 || (k == W_TMEAN && col[W_TMIN] >= 0);
        if (present && !(out[k] = lf_frame_add_column(f, out_name[k], out_unit[k], err)))
            return err ? err->code : LF_ERR_NOMEM;
    }
    for (size_t i = 0; i < w->n; i++) {
        long r = lf_frame_row(f, w->rows[i].date);
        if (seen_line[r])
            return lf_error_at(err, LF_ERR_DATA, spec->path, w->rows[i].line, 0,
                               "date already given on line %ld", seen_line[r]);
        seen_line[r] = w->rows[i].line;
        for (int k = 0; k < W_N; k++)
            if (out[k])
                out[k][r] = w->rows[i].v[k];
    }
    return LF_OK;
}

static int report_missing_days(const lf_frame *f, const long *seen_line,
                               lf_ingest_report *report, lf_error *err)
{
    for (size_t r = 0; r < f->ndays;) {
        if (seen_line[r]) {
            r++;
            continue;
        }
        size_t run = r;
        while (run < f->ndays && !seen_line[run])
            run++;
        if (report)
            report->left_missing += (long)(run - r);
        int rc = lf_report_add(report, LF_ISSUE_GAP_LEFT,
                               lf_time_from_date(f->start + (lf_date)r), (long)(run - r),
                               seen_line[run], "", err);
        if (rc != LF_OK)
            return rc;
        r = run;
    }
    return LF_OK;
}

static int build_frame(const lf_daily_weather_spec *spec, const weather_rows *w,
                       const long col[W_N], lf_frame **out, lf_ingest_report *report,
                       lf_error *err)
{
    lf_date lo = w->rows[0].date, hi = w->rows[0].date;
    for (size_t i = 1; i < w->n; i++) {
        lo = w->rows[i].date < lo ? w->rows[i].date : lo;
        hi = w->rows[i].date > hi ? w->rows[i].date : hi;
    }
    lf_frame *f = lf_frame_new(lo, (size_t)(hi - lo) + 1, err);
    long *seen = f ? calloc(f->ndays + 1, sizeof *seen) : NULL;
    if (!seen) {
        lf_frame_free(f);
        return f ? lf_error_set(err, LF_ERR_NOMEM, "out of memory") : (err ? err->code : 1);
    }
    int rc = place_rows(spec, w, col, f, seen, err);
    if (rc == LF_OK)
        rc = report_missing_days(f, seen, report, err);
    free(seen);
    if (rc != LF_OK)
        lf_frame_free(f);
    else
        *out = f;
    return rc;
}

int lf_ingest_daily_weather(const lf_daily_weather_spec *spec, lf_frame **out,
                            lf_ingest_report *report, lf_error *err)
{
    *out = NULL;
    if (!spec || !spec->path)
        return lf_error_set(err, LF_ERR_ARG, "a weather spec needs a path");
    if (spec->temperature_unit != LF_UNIT_DEFAULT && spec->temperature_unit != LF_UNIT_CELSIUS &&
        spec->temperature_unit != LF_UNIT_FAHRENHEIT)
        return lf_error_set(err, LF_ERR_ARG, "%s: temperature unit must be C or F", spec->path);
    weather_rows w = {NULL, 0, 0};
    long col[W_N], missing = 0;
    int rc = read_rows(spec, &w, col, &missing, err);
    if (rc == LF_OK && w.n == 0)
        rc = lf_error_set(err, LF_ERR_DATA, "%s: no weather rows%s", spec->path,
                          spec->first <= spec->last ? " inside the configured period" : "");
    if (rc == LF_OK)
        rc = build_frame(spec, &w, col, out, report, err);
    if (rc == LF_OK && report) {
        report->rows = (long)w.n;
        report->missing_values = missing;
    }
    free(w.rows);
    return rc;
}
