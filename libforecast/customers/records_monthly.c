/* records_monthly.c - monthly.csv (energy and bills, long form) and
 * expected.csv (expected energy) as n x nmonths arrays aligned with the
 * customers (customers.h).  The span of monthly.csv is known only at its
 * end, so its rows are kept until then; expected.csv is placed as it is
 * read, in the span the set already has. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/grow.h"
#include "records_internal.h"

typedef struct month_row {
    size_t customer;
    long month;                   /* year x 12 + month - 1 */
    double kwh, bill;
    long line, column;            /* of the month field */
} month_row;

typedef struct month_rows {
    month_row *rows;
    size_t n, cap;
    long lo, hi;                  /* the span so far */
    long lo_line, hi_line;        /* rows that set it */
} month_rows;

static void month_text(long month, char buf[32])
{
    snprintf(buf, 32, "%04ld-%02ld", month / 12, month % 12 + 1);
}

/* An array of n x nmonths cells, NaN (or 0 for lines), or NULL for memory. */
static void *cells(size_t n, size_t nmonths, size_t size)
{
    if (nmonths && n > SIZE_MAX / size / nmonths)
        return NULL;
    size_t count = n * nmonths > 0 ? n * nmonths : 1; /* never NULL on success */
    return calloc(count, size);
}

static double *nan_cells(size_t n, size_t nmonths)
{
    double *v = cells(n, nmonths, sizeof *v);
    for (size_t k = 0; v && k < n * nmonths; k++)
        v[k] = NAN;
    return v;
}

/* A (customer, month) given twice: named at the second, with the first's line. */
static int twice(const char *path, const lf_customer_set *set, size_t customer, long month,
                 long line, long column, long first_line, lf_error *err)
{
    char m[32];
    month_text(month, m);
    return lf_error_at(err, LF_ERR_PARSE, path, line, column, "customer '%s' has a second "
                       "row for %s (first at line %ld); give each month once",
                       set->customers[customer].id, m, first_line);
}

/* ---- monthly.csv --------------------------------------------------------------------- */

/* A span of more than LF_CUSTOMER_MONTHS_MAX months is a mistyped year far
 * more often than a century of records, and would cost n x months cells. */
static int widen_span(const lf_csv *csv, size_t col, month_rows *r, long month, lf_error *err)
{
    long lo = r->n && r->lo < month ? r->lo : month;
    long hi = r->n && r->hi > month ? r->hi : month;
    if (hi - lo + 1 > LF_CUSTOMER_MONTHS_MAX) {
        char a[32], b[32];
        month_text(month < r->lo ? r->hi : r->lo, a);
        month_text(month, b);
        return lf_csv_error(csv, col, err, LF_ERR_PARSE, "month %s is %ld months away from %s "
                            "(line %ld); the records may span at most %d months: is a year "
                            "mistyped?", b, hi - lo, a,
                            month < r->lo ? r->hi_line : r->lo_line, LF_CUSTOMER_MONTHS_MAX);
    }
    if (!r->n || month < r->lo)
        r->lo_line = lf_csv_line(csv);
    if (!r->n || month > r->hi)
        r->hi_line = lf_csv_line(csv);
    r->lo = lo;
    r->hi = hi;
    return LF_OK;
}

typedef struct monthly_cols {
    size_t id, month, kwh, bill;
} monthly_cols;

static int read_month_row(const lf_csv *csv, const monthly_cols *c, const lf_customer_set *set,
                          const rec_index *x, month_rows *r, lf_error *err)
{
    month_row row = {.line = lf_csv_line(csv), .column = lf_csv_column(csv, c->month)};
    int rc = lf_csv_check_width(csv, err);
    if (rc == LF_OK)
        rc = rec_customer_of(csv, c->id, set, x, &row.customer, err);
    if (rc == LF_OK)
        rc = rec_month_of(csv, c->month, &row.month, err);
    if (rc == LF_OK)
        rc = widen_span(csv, c->month, r, row.month, err);
    const char *id = rc == LF_OK ? set->customers[row.customer].id : "";
    if (rc == LF_OK)
        rc = rec_amount(csv, c->kwh, id, &row.kwh, err);
    if (rc == LF_OK)
        rc = rec_amount(csv, c->bill, id, &row.bill, err);
    if (rc != LF_OK)
        return rc;
    month_row *grown = lf_grow(r->rows, r->n, &r->cap, sizeof *grown);
    if (!grown)
        return rec_nomem(err, lf_csv_path(csv));
    r->rows = grown;
    r->rows[r->n++] = row;
    return LF_OK;
}

static int read_month_rows(const char *path, const lf_customer_set *set, const rec_index *x,
                           month_rows *r, lf_error *err)
{
    lf_csv *csv;
    int rc = rec_open(path, &csv, err);
    if (rc != LF_OK)
        return rc;
    monthly_cols c;
    if ((rc = rec_require(csv, "customer_id", &c.id, err)) == LF_OK &&
        (rc = rec_require(csv, "month", &c.month, err)) == LF_OK &&
        (rc = rec_require(csv, "energy_kwh", &c.kwh, err)) == LF_OK)
        rc = rec_require(csv, "bill_cny", &c.bill, err);
    for (int has_row = 1; rc == LF_OK;) {
        rc = lf_csv_next(csv, &has_row, err);
        if (rc != LF_OK || !has_row)
            break;
        rc = read_month_row(csv, &c, set, x, r, err);
    }
    lf_csv_close(csv);
    return rc;
}

/* The kept rows into the set's arrays, in file order so that a month given
 * twice is reported at its second row. */
static int place_rows(const char *path, const month_rows *r, lf_customer_set *set,
                      lf_error *err)
{
    size_t nm = (size_t)(r->hi - r->lo + 1);
    long *lines = cells(set->n, nm, sizeof *lines);
    set->energy_kwh = nan_cells(set->n, nm);
    set->bill = nan_cells(set->n, nm);
    if (!lines || !set->energy_kwh || !set->bill) {
        free(lines);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu customers x %zu months "
                            "of %s", set->n, nm, path);
    }
    set->first_month = rec_month_date(r->lo);
    set->nmonths = nm;
    int rc = LF_OK;
    for (size_t k = 0; rc == LF_OK && k < r->n; k++) {
        const month_row *row = &r->rows[k];
        size_t cell = row->customer * nm + (size_t)(row->month - r->lo);
        if (lines[cell])
            rc = twice(path, set, row->customer, row->month, row->line, row->column,
                       lines[cell], err);
        lines[cell] = row->line;
        set->energy_kwh[cell] = row->kwh;
        set->bill[cell] = row->bill;
    }
    free(lines);
    return rc;
}

int rec_read_monthly(lf_customer_set *set, const rec_index *x, const char *path,
                     lf_error *err)
{
    month_rows r = {0};
    int rc = read_month_rows(path, set, x, &r, err);
    if (rc == LF_OK && r.n)
        rc = place_rows(path, &r, set, err);
    free(r.rows);
    return rc;
}

/* ---- expected.csv -------------------------------------------------------------------- */

typedef struct expected_read {
    const lf_customer_set *set;
    rec_index index;
    size_t id, month, kwh;        /* columns */
    double *kwh_out;              /* n x nmonths */
    long *lines;                  /* where each cell was given, 0 = not yet */
} expected_read;

static int outside_span(const lf_csv *csv, size_t col, const lf_customer_set *set,
                        lf_error *err)
{
    if (!set->nmonths)
        return lf_csv_error(csv, col, err, LF_ERR_PARSE, "the customers have no monthly "
                            "records, so expected energy has nothing to compare with");
    char a[32], b[32];
    long first = rec_month_number(set->first_month);
    month_text(first, a);
    month_text(first + (long)set->nmonths - 1, b);
    return lf_csv_error(csv, col, err, LF_ERR_PARSE, "month '%s' is outside the monthly "
                        "records (%s .. %s); expected energy is compared with those months "
                        "only", lf_csv_field(csv, col), a, b);
}

static int read_expected_row(const lf_csv *csv, expected_read *e, lf_error *err)
{
    const lf_customer_set *set = e->set;
    size_t customer = 0;
    long month = 0, first = rec_month_number(set->first_month);
    int rc = lf_csv_check_width(csv, err);
    if (rc == LF_OK)
        rc = rec_customer_of(csv, e->id, set, &e->index, &customer, err);
    if (rc == LF_OK)
        rc = rec_month_of(csv, e->month, &month, err);
    if (rc == LF_OK && (!set->nmonths || month < first || month - first >= (long)set->nmonths))
        rc = outside_span(csv, e->month, set, err);
    double kwh = NAN;
    if (rc == LF_OK)
        rc = rec_amount(csv, e->kwh, set->customers[customer].id, &kwh, err);
    if (rc != LF_OK)
        return rc;
    size_t cell = customer * set->nmonths + (size_t)(month - first);
    if (e->lines[cell])
        return twice(lf_csv_path(csv), set, customer, month, lf_csv_line(csv),
                     lf_csv_column(csv, e->month), e->lines[cell], err);
    e->lines[cell] = lf_csv_line(csv);
    e->kwh_out[cell] = kwh;
    return LF_OK;
}

static int read_expected(const char *path, expected_read *e, lf_error *err)
{
    lf_csv *csv;
    int rc = rec_open(path, &csv, err);
    if (rc != LF_OK)
        return rc;
    if ((rc = rec_require(csv, "customer_id", &e->id, err)) == LF_OK &&
        (rc = rec_require(csv, "month", &e->month, err)) == LF_OK)
        rc = rec_require(csv, "expected_kwh", &e->kwh, err);
    for (int has_row = 1; rc == LF_OK;) {
        rc = lf_csv_next(csv, &has_row, err);
        if (rc != LF_OK || !has_row)
            break;
        rc = read_expected_row(csv, e, err);
    }
    lf_csv_close(csv);
    return rc;
}

int lf_customer_expected_load(const lf_customer_set *set, const char *expected_csv,
                              double **out, lf_error *err)
{
    if (!set || !expected_csv || !out)
        return lf_error_set(err, LF_ERR_ARG, "lf_customer_expected_load needs a customer set, "
                            "a path and out");
    *out = NULL;
    expected_read e = {.set = set};
    e.kwh_out = nan_cells(set->n, set->nmonths);
    e.lines = cells(set->n, set->nmonths, sizeof *e.lines);
    int rc = e.kwh_out && e.lines ? rec_index_build(&e.index, set, err)
                                  : rec_nomem(err, expected_csv);
    if (rc == LF_OK)
        rc = read_expected(expected_csv, &e, err);
    rec_index_free(&e.index);
    free(e.lines);
    if (rc != LF_OK) {
        free(e.kwh_out);
        return rc;
    }
    *out = e.kwh_out;
    return LF_OK;
}
