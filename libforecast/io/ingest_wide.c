/* ingest_wide.c - wide-layout interval files: one row per day, a date column
 * and 24, 48 or 96 interval columns, as metering systems export them.  The
 * interval columns are every column but the date, in file order; their labels
 * are not interpreted (exports label intervals by start, end or number), only
 * their count, which fixes the interval length. */
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"

static int interval_count_ok(size_t n, int minutes)
{
    if (minutes)
        return n == (size_t)(1440 / minutes);
    return n == 24 || n == 48 || n == 96 || n == 288;
}

static int setup_columns(lf_csv *csv, const lf_interval_spec *spec, size_t *date_col,
                         size_t *nvals, lf_error *err)
{
    if (!spec->date_column)
        return lf_error_set(err, LF_ERR_ARG, "%s: a wide file needs date_column", spec->path);
    int rc = lf_csv_require(csv, spec->date_column, date_col, err);
    if (rc != LF_OK)
        return rc;
    *nvals = lf_csv_header_count(csv) - 1;
    if (!interval_count_ok(*nvals, spec->interval_minutes))
        return lf_error_at(err, LF_ERR_DATA, spec->path, 1, 0,
                           "a wide file needs one interval column per %s of the day "
                           "(24, 48, 96 or 288 besides '%s'), found %zu",
                           spec->interval_minutes ? "interval" : "hour, half hour, quarter or "
                           "5 minutes", spec->date_column, *nvals);
    return LF_OK;
}

static int read_day(lf_csv *csv, size_t date_col, size_t nvals, lf_readings *r,
                    lf_error *err)
{
    lf_error sub;
    lf_date d;
    int rc = lf_csv_check_width(csv, err);
    if (rc != LF_OK)
        return rc;
    r->rows_read++;
    if (lf_date_parse(lf_csv_field(csv, date_col), &d, &sub) != LF_OK)
        return lf_csv_error(csv, date_col, err, sub.code, "%s", sub.message);
    size_t k = 0;
    for (size_t i = 0; i < nvals + 1; i++) {
        if (i == date_col)
            continue;
        double v;
        int missing;
        if ((rc = lf_csv_number(csv, i, &v, &missing, err)) != LF_OK)
            return rc;
        r->missing_cells += missing;
        lf_time t = lf_time_from_date(d) + (lf_time)k * r->step;
        rc = lf_readings_add(r, t, lf_csv_line(csv), lf_csv_column(csv, i), &v, err);
        if (rc != LF_OK)
            return rc;
        k++;
    }
    return LF_OK;
}

int lf_read_wide(const lf_interval_spec *spec, lf_readings *r, lf_error *err)
{
    lf_csv *csv = lf_csv_open(spec->path, spec->delimiter ? spec->delimiter : ',', err);
    if (!csv)
        return err ? err->code : LF_ERR_IO;
    size_t date_col = 0, nvals = 0;
    int rc = lf_csv_read_header(csv, err);
    if (rc == LF_OK)
        rc = setup_columns(csv, spec, &date_col, &nvals, err);
    if (rc == LF_OK)
        r->step = (int)(LF_SECONDS_PER_DAY / nvals);
    while (rc == LF_OK) {
        int has_row = 0;
        rc = lf_csv_next(csv, &has_row, err);
        if (rc != LF_OK || !has_row)
            break;
        rc = read_day(csv, date_col, nvals, r, err);
    }
    lf_csv_close(csv);
    return rc;
}
