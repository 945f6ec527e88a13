/* records.c - the customer records (customers.h): the set read from
 * customers.csv, monthly.csv and payments.csv in that order (the later files
 * name customers of the first), freed as a whole, and the accessors the
 * evaluation reads it through.  Each file's reader is in records_*.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "records_internal.h"

void lf_customer_set_free(lf_customer_set *set)
{
    if (!set)
        return;
    free(set->customers);
    free(set->energy_kwh);
    free(set->bill);
    free(set->payments);
    free(set->payment_start);
    free(set);
}

static int read_files(lf_customer_set *set, const char *customers_csv,
                      const char *monthly_csv, const char *payments_csv, lf_error *err)
{
    rec_index x = {0};
    int rc = rec_read_customers(set, &x, customers_csv, err);
    if (rc == LF_OK && monthly_csv)
        rc = rec_read_monthly(set, &x, monthly_csv, err);
    if (rc == LF_OK) {
        set->payment_start = calloc(set->n + 1, sizeof *set->payment_start);
        rc = set->payment_start ? rec_read_payments(set, &x, payments_csv, err)
                                : rec_nomem(err, customers_csv);
    }
    rec_index_free(&x);
    return rc;
}

int lf_customers_load(const char *customers_csv, const char *monthly_csv,
                      const char *payments_csv, lf_customer_set **out, lf_error *err)
{
    if (!customers_csv || !out)
        return lf_error_set(err, LF_ERR_ARG, "lf_customers_load needs a customers file and "
                            "out");
    *out = NULL;
    /* The path is kept in the set, and load_file is resolved against it. */
    if (strlen(customers_csv) >= LF_CUSTOMER_PATH_MAX)
        return lf_error_set(err, LF_ERR_ARG, "the customers file's path is %zu bytes long; at "
                            "most %d fit", strlen(customers_csv), LF_CUSTOMER_PATH_MAX - 1);
    lf_customer_set *set = calloc(1, sizeof *set);
    int rc = set ? read_files(set, customers_csv, monthly_csv, payments_csv, err)
                 : rec_nomem(err, customers_csv);
    if (rc != LF_OK) {
        lf_customer_set_free(set);
        return rc;
    }
    *out = set;
    return LF_OK;
}

/* ---- accessors ----------------------------------------------------------------------- */

/* Linear: a set built in code has no index, and the readers keep their own. */
long lf_customer_find(const lf_customer_set *set, const char *id)
{
    for (size_t i = 0; set && id && i < set->n; i++)
        if (strcmp(set->customers[i].id, id) == 0)
            return (long)i;
    return -1;
}

const double *lf_customer_energy(const lf_customer_set *set, size_t i)
{
    return set && i < set->n && set->energy_kwh ? set->energy_kwh + i * set->nmonths : NULL;
}

const double *lf_customer_bills(const lf_customer_set *set, size_t i)
{
    return set && i < set->n && set->bill ? set->bill + i * set->nmonths : NULL;
}

const lf_payment *lf_customer_payments(const lf_customer_set *set, size_t i, size_t *n)
{
    size_t count = 0;
    const lf_payment *p = NULL;
    if (set && i < set->n && set->payment_start && set->payments) {
        count = set->payment_start[i + 1] - set->payment_start[i];
        p = count ? set->payments + set->payment_start[i] : NULL;
    }
    if (n)
        *n = count;
    return p;
}

long lf_customer_month_index(const lf_customer_set *set, lf_date date)
{
    if (!set || !set->nmonths)
        return -1;
    long k = rec_month_number(date) - rec_month_number(set->first_month);
    return k >= 0 && k < (long)set->nmonths ? k : -1;
}

void lf_customer_totals(const lf_customer_set *set, size_t i, size_t first, size_t count,
                        double *kwh, double *billed, size_t *months)
{
    double e = 0, b = 0;
    size_t m = 0;
    const double *energy = lf_customer_energy(set, i), *bills = lf_customer_bills(set, i);
    /* Clipped without forming first + count, which may overflow. */
    size_t end = set && first < set->nmonths
                     ? first + (count < set->nmonths - first ? count : set->nmonths - first)
                     : first;
    for (size_t k = first; k < end; k++) {
        if (energy && !isnan(energy[k])) {
            e += energy[k];
            m++;
        }
        if (bills && !isnan(bills[k]))
            b += bills[k];
    }
    if (kwh)
        *kwh = e;
    if (billed)
        *billed = b;
    if (months)
        *months = m;
}
