/* libforecast/customers.h - the customer records of a utility's CRM (客户档案):
 * who each customer is, its monthly energy and bills, and its payments, read
 * from three CSV files as a CRM exports them.  The evaluation (key accounts,
 * ABC, RFM, value, credit, segments, alerts) works on the set read here.
 *
 * ---- customers.csv: one row per customer ------------------------------------------
 *
 * Required columns:
 *   id             unique, 1..31 bytes, no spaces
 *   name           1..127 bytes (UTF-8: about 40 Chinese characters)
 *   class          the tariff class, e.g. large_industry, general_industry,
 *                  commercial, residential, agriculture (free text, 1..31
 *                  bytes; the value score and the segments look it up)
 *   voltage_kv     supply voltage, > 0 (0.38, 10, 35, 110, 220)
 *   capacity_kva   contract (installed transformer) capacity, >= 0
 * Optional columns (default when the column is absent or the cell empty):
 *   industry          free text, 0..63 bytes ("")
 *   dedicated_line    yes/no, true/false, 1/0 (no): supplied by its own line
 *                     (专线)
 *   protected         the same forms (no): a protected load (保安负荷: hospital,
 *                     water, gas, communications...) never curtailed
 *   breaches          contract breaches (违约用电) in the last 12 months, whole
 *                     number >= 0 (0)
 *   industry_outlook  0..100, the industry's prospects for the credit rating
 *                     (missing: NaN, for a table by industry to fill)
 *   arrears_cny       owed from before the first payment record, >= 0 (0)
 *   potential_kwh     extra annual kWh expected (业扩 applications, planned
 *                     expansions), >= 0 (0)
 *   correction        the value score's correction factor e, > 0 (1)
 *   load_file         path of the customer's interval load, relative to the
 *                     customers file's directory ("")
 * Any other column is an error naming the known ones: an optional column with
 * a typo in its name would otherwise be read as absent, every customer
 * silently getting the default.  So is a column given twice.  Column names
 * match ignoring ASCII case; ids match exactly ("A1" and "a1" are two
 * customers).  yes/no and the other forms match ignoring case.  A header
 * with no customer row is an error: there is nothing to evaluate.
 *
 * ---- monthly.csv: energy and bills (long form) --------------------------------------
 *
 *   customer_id, month (YYYY-MM), energy_kwh (>= 0), bill_cny (>= 0)
 * Rows in any order; an empty energy or bill cell is a missing value (NaN).
 * A customer id not in customers.csv, or a (customer, month) given twice, is an
 * error at file:line:column.  The set spans the first to the last month of
 * any row; a customer's months without a row are missing.  A span longer than
 * LF_CUSTOMER_MONTHS_MAX is an error (a mistyped year far more often than a
 * century of records).  A file with a header and no rows gives nmonths 0.
 *
 * ---- payments.csv: bills and when they were paid ------------------------------------
 *
 *   customer_id, due_date (YYYY-MM-DD), paid_date (YYYY-MM-DD, empty when
 *   unpaid), amount_cny (>= 0)
 * Rows in any order (kept sorted by due date per customer, equal due dates in
 * file order).  A paid date may precede the due date (paid early).  The due
 * date and the amount are required (0 for a bill of nothing); dates may also
 * be written as lf_date_parse reads them (2024/3/1, 20240301).
 *
 * ---- expected.csv: expected monthly energy (optional) -------------------------------
 *
 *   customer_id, month (YYYY-MM), expected_kwh (>= 0, empty = none)
 * The customers' own forecasts, for the usage alerts; months outside the set's
 * span are an error (there is nothing to compare them with), and so is a
 * (customer, month) given twice.
 *
 * In monthly.csv, payments.csv and expected.csv other columns are ignored (a
 * CRM export may carry names or regions beside the ones read here).
 *
 * Every file follows the CSV reader's rules (libforecast/csv.h): a header
 * line, ',' separator, optional BOM and quoting.  Errors are LF_ERR_PARSE (or
 * LF_ERR_IO when a file cannot be read, LF_ERR_NOMEM, LF_ERR_ARG for a NULL
 * argument) and name file:line:column (file:line for a missing column, an
 * empty file or a row of the wrong width).  Nothing is returned on error.
 */
#ifndef LIBFORECAST_CUSTOMERS_H
#define LIBFORECAST_CUSTOMERS_H

#include <stddef.h>

#include "libforecast/credit.h"
#include "libforecast/date.h"
#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LF_CUSTOMER_ID_MAX 32
#define LF_CUSTOMER_NAME_MAX 128
#define LF_CUSTOMER_CLASS_MAX 32
#define LF_CUSTOMER_INDUSTRY_MAX 64
#define LF_CUSTOMER_PATH_MAX 512
#define LF_CUSTOMER_MONTHS_MAX 1200   /* longest span of monthly records (100 years) */

typedef struct lf_customer {
    char id[LF_CUSTOMER_ID_MAX];
    char name[LF_CUSTOMER_NAME_MAX];
    char class_name[LF_CUSTOMER_CLASS_MAX];
    char industry[LF_CUSTOMER_INDUSTRY_MAX];
    double voltage_kv;            /* > 0 */
    double capacity_kva;          /* >= 0 */
    int dedicated_line;           /* 0 or 1 */
    int is_protected;             /* 0 or 1 */
    double breaches;              /* whole number >= 0 */
    double industry_outlook;      /* 0..100, NaN when not given */
    double arrears;               /* currency owed before the payment records */
    double potential_kwh;         /* >= 0 */
    double correction;            /* > 0 */
    char load_file[LF_CUSTOMER_PATH_MAX]; /* resolved against the customers file's
                                             directory; "" when none */
    long line;                    /* its row in customers.csv (0 if built in code) */
} lf_customer;

typedef struct lf_customer_set {
    char source[LF_CUSTOMER_PATH_MAX]; /* customers.csv ("" if built in code) */
    size_t n;
    lf_customer *customers;       /* n, in file order */
    lf_date first_month;          /* first day of the set's first month (0 when
                                     nmonths is 0) */
    size_t nmonths;               /* 0 when no monthly records */
    double *energy_kwh;           /* n x nmonths, row i = customer i; NaN missing;
                                     NULL when nmonths is 0 */
    double *bill;                 /* n x nmonths, currency; NaN missing; idem */
    size_t npayments;
    lf_payment *payments;         /* grouped by customer, by due date within one;
                                     NULL when npayments is 0 */
    size_t *payment_start;        /* n + 1: customer i's are
                                     payments[payment_start[i] .. payment_start[i+1]);
                                     always there in a loaded set (zeros when there
                                     are no payments) */
} lf_customer_set;

/* Read the three files; monthly_csv and payments_csv may be NULL (no energy,
 * no payments).  On success *out is a new set for lf_customer_set_free; on
 * error *out is NULL.  customers_csv is shorter than LF_CUSTOMER_PATH_MAX. */
int lf_customers_load(const char *customers_csv, const char *monthly_csv,
                      const char *payments_csv, lf_customer_set **out, lf_error *err);
void lf_customer_set_free(lf_customer_set *set); /* NULL allowed */

/* Index of the customer with this id (matched exactly), or -1. */
long lf_customer_find(const lf_customer_set *set, const char *id);

/* Customer i's monthly energy and bills (rows of nmonths); NULL when i >= n
 * or there are no months. */
const double *lf_customer_energy(const lf_customer_set *set, size_t i);
const double *lf_customer_bills(const lf_customer_set *set, size_t i);
/* Customer i's payments and their number; NULL and 0 when it has none. */
const lf_payment *lf_customer_payments(const lf_customer_set *set, size_t i, size_t *n);

/* Index of the month containing date in the set's span, or -1 outside it. */
long lf_customer_month_index(const lf_customer_set *set, lf_date date);

/* Sums of customer i's energy (kWh) and bills over months [first, first +
 * count) of the set (clipped to its span); *months gets the number of months
 * with an energy value (NaN months are skipped, in each sum on its own: a bill
 * counts in a month without an energy value).  Any pointer may be NULL. */
void lf_customer_totals(const lf_customer_set *set, size_t i, size_t first, size_t count,
                        double *kwh, double *billed, size_t *months);

/* Read expected.csv into a new n x nmonths array aligned with the set (NaN
 * where none is given; never NULL on success, even when n x nmonths is 0);
 * free it with free().  On error *out is NULL. */
int lf_customer_expected_load(const lf_customer_set *set, const char *expected_csv,
                              double **out, lf_error *err);

#ifdef __cplusplus
}
#endif

#endif
