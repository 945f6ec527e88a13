/* ingest_long.c - long-layout interval files: one row per interval with a
 * timestamp (or a date and an hour number) and value columns. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"

#define MAX_SERIES 32

typedef struct long_columns {
    size_t time, date, hour;
    int has_time;
    size_t value[MAX_SERIES];
} long_columns;

static int find_columns(lf_csv *csv, const lf_interval_spec *spec, long_columns *c,
                        lf_error *err)
{
    int rc;
    c->has_time = spec->time_column != NULL;
    if (c->has_time) {
        rc = lf_csv_require(csv, spec->time_column, &c->time, err);
    } else if (spec->date_column && spec->hour_column) {
        rc = lf_csv_require(csv, spec->date_column, &c->date, err);
        if (rc == LF_OK)
            rc = lf_csv_require(csv, spec->hour_column, &c->hour, err);
    } else {
        rc = lf_error_set(err, LF_ERR_ARG, "%s: a long file needs time_column, or "
                          "date_column and hour_column", spec->path);
    }
    for (size_t s = 0; s < spec->nseries && rc == LF_OK; s++) {
        if (!spec->series[s].column)
            return lf_error_set(err, LF_ERR_ARG, "%s: series %zu has no column", spec->path, s);
        rc = lf_csv_require(csv, spec->series[s].column, &c->value[s], err);
    }
    return rc;
}

/* Hour numbers: 0..23 for hour-beginning, 1..24 for hour-ending files. */
static int parse_hour(lf_csv *csv, size_t i, int hour_ending, int *hour, lf_error *err)
{
    const char *s = lf_csv_field(csv, i);
    char *end;
    errno = 0;
    long h = strtol(s, &end, 10);
    int lo = hour_ending ? 1 : 0, hi = hour_ending ? 24 : 23;
    if (*s == '\0' || *end != '\0' || h < lo || h > hi)
        return lf_csv_error(csv, i, err, LF_ERR_PARSE,
                            "expected an hour number %d..%d%s, got '%.20s'", lo, hi,
                            hour_ending ? " (hour ending)" : "", s);
    *hour = (int)h;
    return LF_OK;
}

/* Interval start time of the current row, before any end-stamp shift. */
static int row_time(lf_csv *csv, const lf_interval_spec *spec, const long_columns *c,
                    lf_time *t, long *column, lf_error *err)
{
    lf_error sub;
    size_t i = c->has_time ? c->time : c->date;
    *column = lf_csv_column(csv, i);
    if (c->has_time) {
        if (lf_time_parse(lf_csv_field(csv, i), t, &sub) != LF_OK)
            return lf_csv_error(csv, i, err, sub.code, "%s", sub.message);
        return LF_OK;
    }
    lf_date d;
    if (lf_date_parse(lf_csv_field(csv, i), &d, &sub) != LF_OK)
        return lf_csv_error(csv, i, err, sub.code, "%s", sub.message);
    int hour = 0;
    int rc = parse_hour(csv, c->hour, spec->hour_ending, &hour, err);
    if (rc != LF_OK)
        return rc;
    /* Hour-ending h covers [h-1, h): its start is h-1. */
    *t = lf_time_from_date(d) + (lf_time)(hour - (spec->hour_ending ? 1 : 0)) * 3600;
    return LF_OK;
}

static int read_rows(lf_csv *csv, const lf_interval_spec *spec, const long_columns *c,
                     lf_readings *r, lf_error *err)
{
    double vals[MAX_SERIES];
    for (;;) {
        int has_row = 0, rc = lf_csv_next(csv, &has_row, err);
        if (rc != LF_OK || !has_row)
            return rc;
        if ((rc = lf_csv_check_width(csv, err)) != LF_OK)
            return rc;
        r->rows_read++;
        lf_time t;
        long column;
        if ((rc = row_time(csv, spec, c, &t, &column, err)) != LF_OK)
            return rc;
        for (size_t s = 0; s < spec->nseries; s++) {
            int missing;
            rc = lf_csv_number(csv, c->value[s], &vals[s], &missing, err);
            if (rc != LF_OK)
                return rc;
            r->missing_cells += missing;
        }
        if ((rc = lf_readings_add(r, t, lf_csv_line(csv), column, vals, err)) != LF_OK)
            return rc;
    }
}

int lf_read_long(const lf_interval_spec *spec, lf_readings *r, lf_error *err)
{
    if (spec->nseries > MAX_SERIES)
        return lf_error_set(err, LF_ERR_ARG, "at most %d series per file", MAX_SERIES);
    lf_csv *csv = lf_csv_open(spec->path, spec->delimiter ? spec->delimiter : ',', err);
    if (!csv)
        return err ? err->code : LF_ERR_IO;
    long_columns c;
    memset(&c, 0, sizeof c);
    int rc = lf_csv_read_header(csv, err);
    if (rc == LF_OK)
        rc = find_columns(csv, spec, &c, err);
    if (rc == LF_OK)
        rc = read_rows(csv, spec, &c, r, err);
    lf_csv_close(csv);
    return rc;
}
