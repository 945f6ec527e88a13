/* records_internal.h (internal) - what the readers of the customer records
 * share: the id index, opening a file at its header, the customer and month
 * of a row (customers.h). */
#ifndef LF_CUSTOMERS_RECORDS_INTERNAL_H
#define LF_CUSTOMERS_RECORDS_INTERNAL_H

#include <stddef.h>

#include "libforecast/csv.h"
#include "libforecast/customers.h"

/* Customer ids -> their index in the customers array, a hash table of
 * open addressing.  It holds indices, not pointers, so the array may move
 * while customers.csv is read into it. */
typedef struct rec_index {
    size_t *slots;                /* index + 1; 0 = empty */
    size_t cap;                   /* a power of two, or 0 */
    size_t count;
} rec_index;

/* Adds customer i of cs; *dup gets the index of an earlier customer with the
 * same id (and i is not added), else -1.  Fails only for memory. */
int rec_index_add(rec_index *x, const lf_customer *cs, size_t i, long *dup, lf_error *err);
long rec_index_find(const rec_index *x, const lf_customer *cs, const char *id);
int rec_index_build(rec_index *x, const lf_customer_set *set, lf_error *err);
void rec_index_free(rec_index *x);

/* Opens path and reads its header.  Every input error is LF_ERR_PARSE, as
 * customers.h promises (the CSV reader says LF_ERR_DATA for an empty file). */
int rec_open(const char *path, lf_csv **out, lf_error *err);
/* lf_csv_require, its LF_ERR_NOTFOUND made LF_ERR_PARSE. */
int rec_require(const lf_csv *csv, const char *name, size_t *index, lf_error *err);

/* The customer named in field col of the row, or an error naming the
 * customers file with a 'did you mean'. */
int rec_customer_of(const lf_csv *csv, size_t col, const lf_customer_set *set,
                    const rec_index *x, size_t *customer, lf_error *err);

/* Field col as a month YYYY-MM: *month = year x 12 + month - 1. */
int rec_month_of(const lf_csv *csv, size_t col, long *month, lf_error *err);
lf_date rec_month_date(long month);  /* its first day */
long rec_month_number(lf_date date);

/* Field col as a number >= 0, or NaN when empty; id names the row's customer. */
int rec_amount(const lf_csv *csv, size_t col, const char *id, double *out, lf_error *err);

int rec_nomem(lf_error *err, const char *what);

/* The files after customers.csv (records_monthly.c, records_payments.c). */
int rec_read_monthly(lf_customer_set *set, const rec_index *x, const char *path,
                     lf_error *err);
int rec_read_payments(lf_customer_set *set, const rec_index *x, const char *path,
                      lf_error *err);
/* customers.csv (records_customers.c): fills set->source, n, customers and x. */
int rec_read_customers(lf_customer_set *set, rec_index *x, const char *path, lf_error *err);

#endif
