/* records_payments.c - payments.csv: bills and when they were paid
 * (customers.h), grouped by customer and sorted by due date within one. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/grow.h"
#include "records_internal.h"

typedef struct payment_row {
    size_t customer;
    size_t order;                 /* row number: equal due dates keep file order */
    lf_payment p;
} payment_row;

typedef struct payment_cols {
    size_t id, due, paid, amount;
} payment_cols;

/* A date field; an empty one is LF_PAYMENT_UNPAID when allowed. */
static int get_date(const lf_csv *csv, size_t col, const char *id, int empty_ok, lf_date *out,
                    lf_error *err)
{
    const char *s = lf_csv_field(csv, col);
    lf_error sub;
    if (!*s && empty_ok) {
        *out = LF_PAYMENT_UNPAID;
        return LF_OK;
    }
    if (!*s)
        return lf_csv_error(csv, col, err, LF_ERR_PARSE, "customer '%s': '%s' is empty; every "
                            "bill has a due date", id, lf_csv_header_name(csv, col));
    if (lf_date_parse(s, out, &sub) != LF_OK)
        return lf_csv_error(csv, col, err, LF_ERR_PARSE, "customer '%s', column '%s': %s", id,
                            lf_csv_header_name(csv, col), sub.message);
    return LF_OK;
}

static int read_row(const lf_csv *csv, const payment_cols *c, const lf_customer_set *set,
                    const rec_index *x, payment_row *row, lf_error *err)
{
    int rc = lf_csv_check_width(csv, err);
    if (rc == LF_OK)
        rc = rec_customer_of(csv, c->id, set, x, &row->customer, err);
    const char *id = rc == LF_OK ? set->customers[row->customer].id : "";
    if (rc == LF_OK)
        rc = get_date(csv, c->due, id, 0, &row->p.due, err);
    if (rc == LF_OK)
        rc = get_date(csv, c->paid, id, 1, &row->p.paid, err);
    if (rc == LF_OK)
        rc = rec_amount(csv, c->amount, id, &row->p.amount, err);
    if (rc == LF_OK && isnan(row->p.amount)) /* the cell was empty */
        rc = lf_csv_error(csv, c->amount, err, LF_ERR_PARSE, "customer '%s': '%s' is empty; "
                          "every bill has an amount (0 for none)", id,
                          lf_csv_header_name(csv, c->amount));
    return rc;
}

static int read_rows(lf_csv *csv, const lf_customer_set *set, const rec_index *x,
                     payment_row **rows, size_t *n, lf_error *err)
{
    payment_cols c;
    size_t cap = 0;
    int rc;
    if ((rc = rec_require(csv, "customer_id", &c.id, err)) == LF_OK &&
        (rc = rec_require(csv, "due_date", &c.due, err)) == LF_OK &&
        (rc = rec_require(csv, "paid_date", &c.paid, err)) == LF_OK)
        rc = rec_require(csv, "amount_cny", &c.amount, err);
    for (int has_row = 1; rc == LF_OK;) {
        rc = lf_csv_next(csv, &has_row, err);
        if (rc != LF_OK || !has_row)
            break;
        payment_row *grown = lf_grow(*rows, *n, &cap, sizeof *grown);
        if (!grown)
            return rec_nomem(err, lf_csv_path(csv));
        *rows = grown;
        grown[*n].order = *n;
        rc = read_row(csv, &c, set, x, &grown[*n], err);
        *n += rc == LF_OK;
    }
    return rc;
}

static int by_customer_due(const void *a, const void *b)
{
    const payment_row *x = a, *y = b;
    if (x->customer != y->customer)
        return x->customer < y->customer ? -1 : 1;
    if (x->p.due != y->p.due)
        return x->p.due < y->p.due ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The sorted rows into set->payments, customer i's starting at payment_start[i]. */
static int group(payment_row *rows, size_t n, lf_customer_set *set, lf_error *err)
{
    if (n)
        qsort(rows, n, sizeof *rows, by_customer_due);
    set->payments = n ? malloc(n * sizeof *set->payments) : NULL;
    if (n && !set->payments)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu payments", n);
    size_t k = 0;
    for (size_t i = 0; i < set->n; i++) {
        set->payment_start[i] = k;
        for (; k < n && rows[k].customer == i; k++)
            set->payments[k] = rows[k].p;
    }
    set->payment_start[set->n] = n;
    set->npayments = n;
    return LF_OK;
}

int rec_read_payments(lf_customer_set *set, const rec_index *x, const char *path,
                      lf_error *err)
{
    lf_csv *csv = NULL;
    payment_row *rows = NULL;
    size_t n = 0;
    int rc = path ? rec_open(path, &csv, err) : LF_OK;
    if (rc == LF_OK && csv)
        rc = read_rows(csv, set, x, &rows, &n, err);
    lf_csv_close(csv);
    if (rc == LF_OK)
        rc = group(rows, n, set, err);
    free(rows);
    return rc;
}
