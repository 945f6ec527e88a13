/* test_customer_records.c - the customer records loader
 * (libforecast/customers/records*.c): the fixture set under
 * tests/fixtures/customers read back field by field, the month span and its
 * holes, payments grouped and sorted, totals over clipped windows, expected
 * energy aligned; then one test per malformed input, each asserting the exact
 * file:line:column and the words a user acts on.  Bad inputs are written to a
 * scratch directory beside the text that makes them, so the line and column
 * counted in each comment can be checked against the text itself. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast.h"
#include "scratch_file.h"

#define FIX "tests/fixtures/customers/"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

static lf_customer_set *load(const char *customers, const char *monthly, const char *payments)
{
    lf_customer_set *set = NULL;
    lf_error err;
    int rc = lf_customers_load(customers, monthly, payments, &set, &err);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    cr_assert_not_null(set);
    return set;
}

static lf_customer_set *load_fixture(void)
{
    return load(FIX "customers.csv", FIX "monthly.csv", FIX "payments.csv");
}

/* NaN and numbers alike: NaN where NaN is wanted, else exactly the value. */
static void same(double got, double want, const char *what)
{
    if (isnan(want))
        cr_assert(isnan(got), "%s: got %.17g, want NaN", what, got);
    else
        cr_assert(got == want, "%s: got %.17g, want %.17g", what, got, want);
}

static void same_row(const double *got, const double *want, size_t n, const char *what)
{
    cr_assert_not_null(got, "%s: no row", what);
    for (size_t k = 0; k < n; k++) {
        char w[64];
        snprintf(w, sizeof w, "%s[%zu]", what, k);
        same(got[k], want[k], w);
    }
}

/* ---- the good set, field by field ---------------------------------------------------- */

/* customers.csv (with a byte-order mark) row 2: every optional column given. */
Test(records, customer_with_every_column)
{
    lf_customer_set *set = load_fixture();
    cr_assert_eq(set->n, 3);
    cr_assert_str_eq(set->source, FIX "customers.csv");
    const lf_customer *a = &set->customers[0];
    cr_assert_str_eq(a->id, "A1");
    cr_assert_str_eq(a->name, "Steel Works, East"); /* quoted, with its comma */
    cr_assert_str_eq(a->class_name, "large_industry");
    cr_assert_str_eq(a->industry, "steel");
    same(a->voltage_kv, 110, "voltage");
    same(a->capacity_kva, 50000, "capacity");
    cr_assert_eq(a->dedicated_line, 1);
    cr_assert_eq(a->is_protected, 0);
    same(a->breaches, 2, "breaches");
    same(a->industry_outlook, 40, "outlook");
    same(a->arrears, 1500.5, "arrears");
    same(a->potential_kwh, 2000000, "potential");
    same(a->correction, 1.2, "correction");
    /* relative: joined to the directory of customers.csv */
    cr_assert_str_eq(a->load_file, FIX "load/a1.csv");
    cr_assert_eq(a->line, 2);
    lf_customer_set_free(set);
}

/* Row 3: empty cells take the defaults (dedicated no, breaches 0, outlook
 * NaN, arrears 0, potential 0, correction 1); TRUE is yes; an absolute
 * load_file is kept as it is; a UTF-8 name (7 characters, 21 bytes). */
Test(records, empty_cells_take_defaults)
{
    lf_customer_set *set = load_fixture();
    const lf_customer *b = &set->customers[1];
    cr_assert_str_eq(b->id, "B2");
    cr_assert_str_eq(b->name, "市第一人民医院");
    cr_assert_eq(strlen(b->name), 21);
    cr_assert_str_eq(b->class_name, "commercial");
    cr_assert_str_eq(b->industry, "health");
    same(b->voltage_kv, 10, "voltage");
    same(b->capacity_kva, 2000, "capacity");
    cr_assert_eq(b->dedicated_line, 0);
    cr_assert_eq(b->is_protected, 1);
    same(b->breaches, 0, "breaches");
    same(b->industry_outlook, NAN, "outlook");
    same(b->arrears, 0, "arrears");
    same(b->potential_kwh, 0, "potential");
    same(b->correction, 1, "correction");
    cr_assert_str_eq(b->load_file, "/data/b2.csv");
    cr_assert_eq(b->line, 3);
    lf_customer_set_free(set);
}

/* Row 4: the edges of the ranges are accepted (voltage 0.38, capacity 0,
 * outlook 100, correction 0.5), 0/false read as no, empty industry and
 * load_file stay "". */
Test(records, range_edges_accepted)
{
    lf_customer_set *set = load_fixture();
    const lf_customer *c = &set->customers[2];
    cr_assert_str_eq(c->id, "C3");
    cr_assert_str_eq(c->industry, "");
    same(c->voltage_kv, 0.38, "voltage");
    same(c->capacity_kva, 0, "capacity");
    cr_assert_eq(c->dedicated_line, 0);
    cr_assert_eq(c->is_protected, 0);
    same(c->industry_outlook, 100, "outlook");
    same(c->correction, 0.5, "correction");
    cr_assert_str_eq(c->load_file, "");
    lf_customer_set_free(set);
}

/* customers_min.csv has the required columns only (header in mixed case:
 * names are matched ignoring case): every optional field is its default. */
Test(records, absent_optional_columns_take_defaults)
{
    lf_customer_set *set = load(FIX "customers_min.csv", NULL, NULL);
    cr_assert_eq(set->n, 1);
    const lf_customer *m = &set->customers[0];
    cr_assert_str_eq(m->id, "M1");
    cr_assert_str_eq(m->name, "Mill");
    cr_assert_str_eq(m->class_name, "general_industry");
    cr_assert_str_eq(m->industry, "");
    same(m->voltage_kv, 10, "voltage");
    same(m->capacity_kva, 800, "capacity");
    cr_assert_eq(m->dedicated_line, 0);
    cr_assert_eq(m->is_protected, 0);
    same(m->breaches, 0, "breaches");
    same(m->industry_outlook, NAN, "outlook");
    same(m->arrears, 0, "arrears");
    same(m->potential_kwh, 0, "potential");
    same(m->correction, 1, "correction");
    cr_assert_str_eq(m->load_file, "");
    /* no monthly and no payments file */
    cr_assert_eq(set->nmonths, 0);
    cr_assert_null(set->energy_kwh);
    cr_assert_null(set->bill);
    cr_assert_null(lf_customer_energy(set, 0));
    cr_assert_eq(set->npayments, 0);
    cr_assert_not_null(set->payment_start);
    cr_assert_eq(set->payment_start[0], 0);
    cr_assert_eq(set->payment_start[1], 0);
    size_t np = 9;
    cr_assert_null(lf_customer_payments(set, 0, &np));
    cr_assert_eq(np, 0);
    cr_assert_eq(lf_customer_month_index(set, D(2024, 1, 1)), -1);
    lf_customer_set_free(set);
}

/* ---- months -------------------------------------------------------------------------- */

/* monthly.csv months: 2024-01, 2023-11, 2023-12, 2024-02, 2024-02 -> the span
 * is 2023-11 .. 2024-02, 4 months, first 2023-11-01.  Cells (Nov Dec Jan Feb):
 *   A1 energy  -     (empty)  1000  1200      bills  -    650  700  800
 *   B2 energy  -     -        -     300       bills  -    -    -    (empty)
 *   C3 energy  50    -        -     -         bills  40   -    -    -
 * ('-' = no row: NaN, as is an empty cell). */
Test(records, month_span_and_holes)
{
    lf_customer_set *set = load_fixture();
    cr_assert_eq(set->nmonths, 4);
    cr_assert_eq(set->first_month, D(2023, 11, 1));
    const double ea[] = {NAN, NAN, 1000, 1200}, ba[] = {NAN, 650, 700, 800};
    const double eb[] = {NAN, NAN, NAN, 300}, bb[] = {NAN, NAN, NAN, NAN};
    const double ec[] = {50, NAN, NAN, NAN}, bc[] = {40, NAN, NAN, NAN};
    same_row(lf_customer_energy(set, 0), ea, 4, "A1 energy");
    same_row(lf_customer_bills(set, 0), ba, 4, "A1 bills");
    same_row(lf_customer_energy(set, 1), eb, 4, "B2 energy");
    same_row(lf_customer_bills(set, 1), bb, 4, "B2 bills");
    same_row(lf_customer_energy(set, 2), ec, 4, "C3 energy");
    same_row(lf_customer_bills(set, 2), bc, 4, "C3 bills");
    /* rows of the arrays themselves: customer i at i x nmonths */
    cr_assert_eq(lf_customer_energy(set, 2), set->energy_kwh + 8);
    cr_assert_null(lf_customer_energy(set, 3));
    cr_assert_null(lf_customer_bills(set, 3));
    lf_customer_set_free(set);
}

/* Span 2023-11-01 .. 2024-02-29 (2024 is a leap year): index 0 from the first
 * to the last day of November, 3 on 29 Feb, -1 a day either side. */
Test(records, month_index_at_the_edges)
{
    lf_customer_set *set = load_fixture();
    cr_assert_eq(lf_customer_month_index(set, D(2023, 11, 1)), 0);
    cr_assert_eq(lf_customer_month_index(set, D(2023, 11, 30)), 0);
    cr_assert_eq(lf_customer_month_index(set, D(2023, 12, 31)), 1);
    cr_assert_eq(lf_customer_month_index(set, D(2024, 1, 1)), 2);
    cr_assert_eq(lf_customer_month_index(set, D(2024, 2, 29)), 3);
    cr_assert_eq(lf_customer_month_index(set, D(2024, 3, 1)), -1);
    cr_assert_eq(lf_customer_month_index(set, D(2023, 10, 31)), -1);
    cr_assert_eq(lf_customer_month_index(set, D(2022, 11, 15)), -1); /* a year before */
    cr_assert_eq(lf_customer_month_index(NULL, D(2024, 1, 1)), -1);
    lf_customer_set_free(set);
}

/* A1 over months [1, 1 + 10) clipped to [1, 4) = Dec, Jan, Feb:
 *   kwh    = (Dec empty) + 1000 + 1200 = 2200, months with energy = 2
 *   billed = 650 + 700 + 800 = 2150 (a bill counts without an energy value)
 * [1, 1 + SIZE_MAX), where first + count would wrap to 0: the same.
 * [3, 4) = Feb only: 1200, 800, 1.  [4, ...) and count 0
 * are empty: 0, 0, 0.  C3 [0, 1): 50, 40, 1. */
Test(records, totals_on_clipped_windows)
{
    lf_customer_set *set = load_fixture();
    double kwh = -1, billed = -1;
    size_t months = 99;
    lf_customer_totals(set, 0, 1, 10, &kwh, &billed, &months);
    same(kwh, 2200, "kwh [1, 11)");
    same(billed, 2150, "billed [1, 11)");
    cr_assert_eq(months, 2);
    lf_customer_totals(set, 0, 1, SIZE_MAX, &kwh, &billed, &months);
    same(kwh, 2200, "kwh [1, SIZE_MAX)");
    same(billed, 2150, "billed [1, SIZE_MAX)");
    cr_assert_eq(months, 2);
    lf_customer_totals(set, 0, 3, 1, &kwh, &billed, &months);
    same(kwh, 1200, "kwh Feb");
    same(billed, 800, "billed Feb");
    cr_assert_eq(months, 1);
    lf_customer_totals(set, 0, 4, 5, &kwh, &billed, &months);
    cr_assert(kwh == 0 && billed == 0 && months == 0, "past the span");
    lf_customer_totals(set, 0, 1, 0, &kwh, &billed, &months);
    cr_assert(kwh == 0 && billed == 0 && months == 0, "count 0");
    lf_customer_totals(set, 2, 0, 1, &kwh, &billed, &months);
    same(kwh, 50, "C3 kwh");
    same(billed, 40, "C3 billed");
    cr_assert_eq(months, 1);
    lf_customer_totals(set, 0, 1, 10, NULL, &billed, NULL); /* any pointer may be NULL */
    same(billed, 2150, "billed alone");
    lf_customer_set_free(set);
}

/* ---- payments and find --------------------------------------------------------------- */

/* payments.csv rows 2..6 by customer: A1 has rows 2, 4, 5, 6, C3 row 3, B2
 * none.  A1 by due date: 2023-12-15 (row 5), 2024-01-15 (row 4, paid late on
 * 01-20), 2024-01-15 (row 6, unpaid; the same due date keeps file order),
 * 2024-02-15 (row 2, paid early on 02-10).  payment_start = 0, 4, 4, 5. */
Test(records, payments_grouped_and_sorted)
{
    lf_customer_set *set = load_fixture();
    cr_assert_eq(set->npayments, 5);
    cr_assert_eq(set->payment_start[0], 0);
    cr_assert_eq(set->payment_start[1], 4);
    cr_assert_eq(set->payment_start[2], 4);
    cr_assert_eq(set->payment_start[3], 5);
    size_t n = 0;
    const lf_payment *p = lf_customer_payments(set, 0, &n);
    cr_assert_eq(n, 4);
    cr_assert_eq(p[0].due, D(2023, 12, 15));
    cr_assert_eq(p[0].paid, D(2023, 12, 15));
    same(p[0].amount, 650, "A1 Dec");
    cr_assert_eq(p[1].due, D(2024, 1, 15));
    cr_assert_eq(p[1].paid, D(2024, 1, 20));
    same(p[1].amount, 700, "A1 Jan");
    cr_assert_eq(p[2].due, D(2024, 1, 15));
    cr_assert_eq(p[2].paid, LF_PAYMENT_UNPAID);
    same(p[2].amount, 5, "A1 Jan, second");
    cr_assert_eq(p[3].due, D(2024, 2, 15));
    cr_assert_eq(p[3].paid, D(2024, 2, 10));
    same(p[3].amount, 800, "A1 Feb");
    cr_assert_null(lf_customer_payments(set, 1, &n));
    cr_assert_eq(n, 0);
    p = lf_customer_payments(set, 2, &n);
    cr_assert_eq(n, 1);
    cr_assert_eq(p[0].due, D(2024, 1, 10));
    cr_assert_eq(p[0].paid, LF_PAYMENT_UNPAID);
    same(p[0].amount, 40, "C3");
    n = 9;
    cr_assert_null(lf_customer_payments(set, 3, &n));
    cr_assert_eq(n, 0);
    lf_customer_set_free(set);
}

/* Ids are matched exactly: B2 is index 1, b2 and unknown ids -1. */
Test(records, find)
{
    lf_customer_set *set = load_fixture();
    cr_assert_eq(lf_customer_find(set, "A1"), 0);
    cr_assert_eq(lf_customer_find(set, "B2"), 1);
    cr_assert_eq(lf_customer_find(set, "C3"), 2);
    cr_assert_eq(lf_customer_find(set, "b2"), -1);
    cr_assert_eq(lf_customer_find(set, "Z9"), -1);
    cr_assert_eq(lf_customer_find(set, ""), -1);
    cr_assert_eq(lf_customer_find(NULL, "A1"), -1);
    lf_customer_set_free(set);
}

/* Files with a header and no rows: no months, no payments. */
Test(records, empty_monthly_and_payments)
{
    lf_customer_set *set = load(FIX "customers.csv", FIX "monthly_empty.csv",
                                FIX "payments_empty.csv");
    cr_assert_eq(set->n, 3);
    cr_assert_eq(set->nmonths, 0);
    cr_assert_null(set->energy_kwh);
    cr_assert_eq(set->npayments, 0);
    cr_assert_eq(set->payment_start[3], 0);
    lf_customer_set_free(set);
}

/* expected.csv: B2 2024-02 = 280 -> cell 1 x 4 + 3 = 7; A1 2023-11 = 900 ->
 * cell 0; A1 2024-01 empty -> NaN (cell 2); every other of the 12 NaN. */
Test(records, expected_aligned)
{
    lf_customer_set *set = load_fixture();
    double *e = NULL;
    lf_error err;
    cr_assert_eq(lf_customer_expected_load(set, FIX "expected.csv", &e, &err), LF_OK, "%s",
                 err.message);
    const double want[12] = {900, NAN, NAN, NAN, NAN, NAN, NAN, 280, NAN, NAN, NAN, NAN};
    same_row(e, want, 12, "expected");
    free(e);
    lf_customer_set_free(set);
}

/* 31-byte id and 127-byte name fit exactly (one more is an error, below). */
Test(records, longest_id_and_name_fit)
{
    char id[32], name[128], text[512];
    memset(id, 'i', 31);
    id[31] = '\0';
    memset(name, 'n', 127);
    name[127] = '\0';
    snprintf(text, sizeof text, "id,name,class,voltage_kv,capacity_kva\n%s,%s,c,10,1\n", id,
             name);
    scratch s;
    scratch_write(&s, "customers.csv", text);
    lf_customer_set *set = load(s.path, NULL, NULL);
    cr_assert_str_eq(set->customers[0].id, id);
    cr_assert_str_eq(set->customers[0].name, name);
    lf_customer_set_free(set);
    scratch_remove(&s);
}

/* ---- errors -------------------------------------------------------------------------- */

static const char *const CUST = "id,name,class,voltage_kv,capacity_kva\n"
                                "A1,Alpha,large_industry,110,50000\n"
                                "B2,Beta,commercial,10,2000\n";
static const char *const MONTHLY_HEADER = "customer_id,month,energy_kwh,bill_cny\n";
static const char *const PAYMENTS_HEADER = "customer_id,due_date,paid_date,amount_cny\n";

typedef struct files {
    char dir[64];
    char path[3][128];            /* customers, monthly, payments */
} files;

static const char *const NAMES[3] = {"customers.csv", "monthly.csv", "payments.csv"};

/* The texts (NULL = no such file) in a new scratch directory. */
static void write_files(files *f, const char *customers, const char *monthly,
                        const char *payments)
{
    const char *texts[3] = {customers, monthly, payments};
    char dir[64] = "/tmp/lf_XXXXXX"; /* a copy: the paths are made from it */
    cr_assert_not_null(mkdtemp(dir));
    strcpy(f->dir, dir);
    for (int k = 0; k < 3; k++) {
        snprintf(f->path[k], sizeof f->path[k], "%s/%s", dir, NAMES[k]);
        if (!texts[k])
            continue;
        FILE *fp = fopen(f->path[k], "w");
        cr_assert_not_null(fp);
        fputs(texts[k], fp);
        fclose(fp);
    }
}

/* The message starts with dir/file:line:column (column 0: none) and holds
 * each of the '|'-separated words. */
static void check_message(const lf_error *err, const char *dir, const char *file, long line,
                          long column, const char *words)
{
    char prefix[256];
    if (column > 0)
        snprintf(prefix, sizeof prefix, "%s/%s:%ld:%ld: ", dir, file, line, column);
    else
        snprintf(prefix, sizeof prefix, "%s/%s:%ld: ", dir, file, line);
    cr_assert(strncmp(err->message, prefix, strlen(prefix)) == 0, "want prefix '%s' in: %s",
              prefix, err->message);
    char buf[512];
    snprintf(buf, sizeof buf, "%s", words);
    for (char *w = strtok(buf, "|"); w; w = strtok(NULL, "|"))
        cr_assert(strstr(err->message, w), "want '%s' in: %s", w, err->message);
}

/* Loading fails with LF_ERR_PARSE at file:line:column, and nothing is returned. */
static void load_fails(const char *customers, const char *monthly, const char *payments,
                       int file, long line, long column, const char *words)
{
    files f;
    write_files(&f, customers, monthly, payments);
    lf_customer_set *set = (lf_customer_set *)&f; /* must be reset to NULL */
    lf_error err;
    int rc = lf_customers_load(f.path[0], monthly ? f.path[1] : NULL,
                               payments ? f.path[2] : NULL, &set, &err);
    cr_assert_eq(rc, LF_ERR_PARSE, "rc %d: %s", rc, err.message);
    cr_assert_eq(err.code, LF_ERR_PARSE);
    cr_assert_null(set);
    check_message(&err, f.dir, NAMES[file], line, column, words);
    scratch_remove_dir(f.dir);
}

static void customers_fail(const char *customers, long line, long column, const char *words)
{
    load_fails(customers, NULL, NULL, 0, line, column, words);
}

/* customers.csv with the five required columns and one row. */
static void row_fails(const char *row, long column, const char *words)
{
    char text[512];
    snprintf(text, sizeof text, "id,name,class,voltage_kv,capacity_kva\n%s\n", row);
    customers_fail(text, 2, column, words);
}

/* The same with one optional column: its value after "A1,Alpha,large_industry,110,50000,",
 * which is 34 characters, so at column 35. */
static void optional_fails(const char *column_name, const char *value, const char *words)
{
    char text[1024];
    snprintf(text, sizeof text, "id,name,class,voltage_kv,capacity_kva,%s\n"
             "A1,Alpha,large_industry,110,50000,%s\n", column_name, value);
    customers_fail(text, 2, 35, words);
}

/* The second A1 is on line 4, column 1; the first on line 2. */
Test(records_errors, duplicate_id)
{
    char text[256];
    snprintf(text, sizeof text, "%sA1,Again,commercial,10,100\n", CUST);
    customers_fail(text, 4, 1, "duplicate customer id 'A1'|first at line 2|unique");
}

/* ",Alpha,..." : the id field is empty at column 1; a quoted "A 1" keeps its space. */
Test(records_errors, empty_id_or_id_with_spaces)
{
    row_fails(",Alpha,large_industry,110,50000", 1, "'id' is empty");
    row_fails("\"A 1\",Alpha,large_industry,110,50000", 1, "customer id 'A 1' has a space");
}

/* 32 bytes of id (31 fit); a 128-byte name after "A1," (column 4; 127 fit). */
Test(records_errors, id_or_name_too_long)
{
    char row[256], id[33], name[129];
    memset(id, 'i', 32);
    id[32] = '\0';
    memset(name, 'n', 128);
    name[128] = '\0';
    snprintf(row, sizeof row, "%s,Alpha,large_industry,110,50000", id);
    row_fails(row, 1, "'id' is 32 bytes long; at most 31 fit");
    snprintf(row, sizeof row, "A1,%s,large_industry,110,50000", name);
    row_fails(row, 4, "customer 'A1': 'name' is 128 bytes long; at most 127 fit");
}

/* "A1,,..." : the name at column 4 is empty; class after "A1,Alpha," at 10. */
Test(records_errors, empty_name_or_class)
{
    row_fails("A1,,large_industry,110,50000", 4, "customer 'A1': 'name' is empty");
    row_fails("A1,Alpha,,110,50000", 10, "customer 'A1': 'class' is empty");
}

/* voltage_k for voltage_kv: lf_csv_require's header message, on line 1. */
Test(records_errors, missing_required_column)
{
    customers_fail("id,name,class,voltage_k,capacity_kva\nA1,Alpha,large_industry,110,50000\n",
                   1, 0, "no column 'voltage_kv'|did you mean 'voltage_k'?|columns are: id, "
                   "name, class, voltage_k, capacity_kva");
}

/* "id,name,class,voltage_kv,capacity_kva," is 38 characters: breachs at column 39. */
Test(records_errors, unknown_column)
{
    customers_fail("id,name,class,voltage_kv,capacity_kva,breachs\n"
                   "A1,Alpha,large_industry,110,50000,1\n",
                   1, 39, "unknown column 'breachs'|did you mean 'breaches'?|id, name, class, "
                   "voltage_kv, capacity_kva, industry, dedicated_line, protected, breaches, "
                   "industry_outlook, arrears_cny, potential_kwh, correction, load_file");
    customers_fail("id,name,class,voltage_kv,capacity_kva,Name\n"
                   "A1,Alpha,large_industry,110,50000,x\n",
                   1, 39, "column 'name' is given twice|field 2");
}

Test(records_errors, bad_yes_no)
{
    optional_fails("protected", "maybe", "customer 'A1'|expected yes/no, true/false or 1/0|"
                   "'protected'|got 'maybe'");
    optional_fails("dedicated_line", "2", "'dedicated_line'|got '2'");
}

/* voltage after "A1,Alpha,large_industry," (24 characters): column 25. */
Test(records_errors, voltage_not_positive)
{
    row_fails("A1,Alpha,large_industry,0,50000", 25, "customer 'A1'|'voltage_kv' must be > 0, "
              "got '0'");
    row_fails("A1,Alpha,large_industry,-10,50000", 25, "'voltage_kv' must be > 0, got '-10'");
    row_fails("A1,Alpha,large_industry,,50000", 25, "'voltage_kv' has no value; give a "
              "number > 0");
    row_fails("A1,Alpha,large_industry,10kV,50000", 25, "expected a number in column "
              "'voltage_kv', got '10kV'");
}

/* capacity after "A1,Alpha,large_industry,110," (28 characters): column 29. */
Test(records_errors, negative_capacity_arrears_potential)
{
    row_fails("A1,Alpha,large_industry,110,-1", 29, "customer 'A1'|'capacity_kva' must be "
              ">= 0, got '-1'");
    optional_fails("arrears_cny", "-5", "'arrears_cny' must be >= 0, got '-5'");
    optional_fails("potential_kwh", "-0.5", "'potential_kwh' must be >= 0, got '-0.5'");
}

Test(records_errors, breaches_not_whole_or_negative)
{
    optional_fails("breaches", "1.5", "'breaches' must be a whole number >= 0, got '1.5'");
    optional_fails("breaches", "-1", "'breaches' must be a whole number >= 0, got '-1'");
}

Test(records_errors, outlook_outside_0_100)
{
    optional_fails("industry_outlook", "100.5", "'industry_outlook' must be 0..100, got "
                   "'100.5'");
    optional_fails("industry_outlook", "-1", "'industry_outlook' must be 0..100, got '-1'");
}

Test(records_errors, correction_not_positive)
{
    optional_fails("correction", "0", "'correction' must be > 0, got '0'");
    optional_fails("correction", "-2", "'correction' must be > 0, got '-2'");
}

/* A 508-byte load_file joined to "/tmp/lf_XXXXXX/" (15 bytes) is 523 > 511. */
Test(records_errors, load_file_path_too_long)
{
    char value[509];
    memset(value, 'f', 508);
    value[508] = '\0';
    optional_fails("load_file", value, "load_file makes a path of 523 bytes|at most 511 fit");
}

Test(records_errors, header_but_no_customers)
{
    customers_fail("id,name,class,voltage_kv,capacity_kva\n", 1, 0,
                   "no customers after the header|nothing to evaluate");
    customers_fail("", 1, 0, "the file is empty");
}

/* Four fields under a header of five: the row's line, no column. */
Test(records_errors, customer_row_of_wrong_width)
{
    row_fails("A1,Alpha,large_industry,110", 0, "row has 4 fields but the header has 5");
}

/* ---- monthly.csv --------------------------------------------------------------------- */

static void monthly_fails(const char *rows, long line, long column, const char *words)
{
    char text[512];
    snprintf(text, sizeof text, "%s%s", MONTHLY_HEADER, rows);
    load_fails(CUST, text, NULL, 1, line, column, words);
}

/* A2 is not a customer; A1 is one edit away (and before B2, also one away). */
Test(records_errors, monthly_unknown_customer)
{
    monthly_fails("A1,2024-01,10,5\nA2,2024-01,10,5\n", 3, 1,
                  "customer 'A2' is not in|customers.csv (did you mean 'A1'?)");
    monthly_fails(",2024-01,10,5\n", 2, 1, "empty 'customer_id'");
}

/* (A1, 2024-01) again on line 4; the month after "A1," at column 4. */
Test(records_errors, monthly_duplicate_customer_month)
{
    monthly_fails("A1,2024-01,10,5\nB2,2024-01,10,5\nA1,2024-01,11,6\n", 4, 4,
                  "customer 'A1' has a second row for 2024-01 (first at line 2)");
}

Test(records_errors, monthly_bad_month)
{
    monthly_fails("A1,2024-13,10,5\n", 2, 4, "expected a month YYYY-MM|'month'|got '2024-13'");
    monthly_fails("A1,2024/01,10,5\n", 2, 4, "expected a month YYYY-MM|got '2024/01'");
    monthly_fails("A1,2024-1,10,5\n", 2, 4, "got '2024-1'");
    monthly_fails("A1,0000-01,10,5\n", 2, 4, "got '0000-01'");
}

/* energy after "A1,2024-01," (11 characters) at column 12; bill after
 * "A1,2024-01,1," at column 14. */
Test(records_errors, monthly_negative_energy_or_bill)
{
    monthly_fails("A1,2024-01,-1,5\n", 2, 12, "customer 'A1'|'energy_kwh' must be >= 0, "
                  "got '-1'");
    monthly_fails("A1,2024-01,1,-5\n", 2, 14, "'bill_cny' must be >= 0, got '-5'");
}

/* 2024-01 then 1924-01: 1200 months apart, a span of 1201 > 1200 months. */
Test(records_errors, monthly_span_too_long)
{
    monthly_fails("A1,2024-01,1,1\nB2,1924-01,1,1\n", 3, 4,
                  "month 1924-01 is 1200 months away from 2024-01 (line 2)|at most 1200 "
                  "months|year mistyped");
}

/* 1924-02 .. 2024-01 is exactly 1200 months: accepted. */
Test(records, longest_month_span)
{
    files f;
    char text[256];
    snprintf(text, sizeof text, "%sA1,2024-01,1,1\nB2,1924-02,2,2\n", MONTHLY_HEADER);
    write_files(&f, CUST, text, NULL);
    lf_customer_set *set = load(f.path[0], f.path[1], NULL);
    cr_assert_eq(set->nmonths, 1200);
    cr_assert_eq(set->first_month, D(1924, 2, 1));
    same(set->energy_kwh[1199], 1, "A1 2024-01");
    same(set->energy_kwh[1200], 2, "B2 1924-02");
    lf_customer_set_free(set);
    scratch_remove_dir(f.dir);
}

Test(records_errors, monthly_wrong_width_or_missing_column)
{
    monthly_fails("A1,2024-01,10\n", 2, 0, "row has 3 fields but the header has 4");
    load_fails(CUST, "customer_id,month,energy,bill_cny\nA1,2024-01,1,1\n", NULL, 1, 1, 0,
               "no column 'energy_kwh'");
}

/* ---- payments.csv -------------------------------------------------------------------- */

static void payments_fails(const char *rows, long line, long column, const char *words)
{
    char text[512];
    snprintf(text, sizeof text, "%s%s", PAYMENTS_HEADER, rows);
    load_fails(CUST, NULL, text, 2, line, column, words);
}

Test(records_errors, payments_unknown_customer)
{
    payments_fails("A1,2024-01-15,,10\nC9,2024-01-15,,10\n", 3, 1,
                   "customer 'C9' is not in|customers.csv");
}

/* due after "A1," at column 4; paid after "A1,2024-02-15," (14) at column 15. */
Test(records_errors, payments_bad_dates)
{
    payments_fails("A1,2024-02-30,,10\n", 2, 4, "customer 'A1', column 'due_date'|invalid "
                   "date '2024-02-30'");
    payments_fails("A1,2024-02-15,15.02.2024,10\n", 2, 15, "column 'paid_date'|expected a "
                   "date like 2024-03-01");
    payments_fails("A1,,,10\n", 2, 4, "'due_date' is empty");
}

/* amount after "A1,2024-02-15,," (15) at column 16; after
 * "A1,2024-02-15,2024-02-15," (25) at column 26. */
Test(records_errors, payments_negative_or_empty_amount)
{
    payments_fails("A1,2024-02-15,,-3\n", 2, 16, "customer 'A1'|'amount_cny' must be >= 0, "
                   "got '-3'");
    payments_fails("A1,2024-02-15,2024-02-15,\n", 2, 26, "'amount_cny' is empty");
}

/* The monthly file is read, then payments fails: nothing leaks (ASan). */
Test(records_errors, payments_fail_after_monthly)
{
    char monthly[128], payments[128];
    snprintf(monthly, sizeof monthly, "%sA1,2024-01,1,1\n", MONTHLY_HEADER);
    snprintf(payments, sizeof payments, "%sA1,2024-01-15,x,1\n", PAYMENTS_HEADER);
    load_fails(CUST, monthly, payments, 2, 2, 15, "column 'paid_date'");
}

/* ---- expected.csv -------------------------------------------------------------------- */

/* The set spans 2024-01 .. 2024-03 (rows for 2024-01 and 2024-03). */
static void expected_fails(const char *rows, int with_monthly, long line, long column,
                           const char *words)
{
    files f;
    char monthly[128];
    snprintf(monthly, sizeof monthly, "%sA1,2024-01,10,5\nB2,2024-03,10,5\n", MONTHLY_HEADER);
    write_files(&f, CUST, monthly, NULL);
    lf_customer_set *set = load(f.path[0], with_monthly ? f.path[1] : NULL, NULL);
    char path[160], text[512];
    snprintf(path, sizeof path, "%s/expected.csv", f.dir);
    snprintf(text, sizeof text, "customer_id,month,expected_kwh\n%s", rows);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs(text, fp);
    fclose(fp);
    double *e = (double *)&f; /* must be reset to NULL */
    lf_error err;
    cr_assert_eq(lf_customer_expected_load(set, path, &e, &err), LF_ERR_PARSE, "%s",
                 err.message);
    cr_assert_null(e);
    check_message(&err, f.dir, "expected.csv", line, column, words);
    lf_customer_set_free(set);
    scratch_remove_dir(f.dir);
}

Test(records_errors, expected_month_outside_span)
{
    expected_fails("A1,2024-02,5\nA1,2023-12,5\n", 1, 3, 4, "month '2023-12' is outside the "
                   "monthly records (2024-01 .. 2024-03)");
    expected_fails("B2,2024-04,5\n", 1, 2, 4, "month '2024-04' is outside");
    expected_fails("B2,2024-01,5\n", 0, 2, 4, "no monthly records|nothing to compare");
}

Test(records_errors, expected_bad_rows)
{
    expected_fails("A3,2024-01,5\n", 1, 2, 1, "customer 'A3' is not in");
    expected_fails("A1,2024-01,5\nA1,2024-01,6\n", 1, 3, 4, "customer 'A1' has a second row "
                   "for 2024-01 (first at line 2)");
    expected_fails("A1,2024-01,-5\n", 1, 2, 12, "'expected_kwh' must be >= 0, got '-5'");
    expected_fails("A1,24-01,5\n", 1, 2, 4, "expected a month YYYY-MM");
    expected_fails("A1,2024-01\n", 1, 2, 0, "row has 2 fields but the header has 3");
}

/* ---- other failures ------------------------------------------------------------------ */

Test(records_errors, missing_files_and_arguments)
{
    lf_customer_set *set = (lf_customer_set *)&set;
    lf_error err;
    cr_assert_eq(lf_customers_load(FIX "no_such.csv", NULL, NULL, &set, &err), LF_ERR_IO);
    cr_assert_null(set);
    cr_assert(strstr(err.message, "no_such.csv"), "%s", err.message);
    /* customers read, then the monthly file is missing: nothing returned or leaked */
    set = (lf_customer_set *)&set;
    cr_assert_eq(lf_customers_load(FIX "customers.csv", FIX "no_such.csv", NULL, &set, &err),
                 LF_ERR_IO);
    cr_assert_null(set);
    cr_assert_eq(lf_customers_load(FIX "customers.csv", NULL, NULL, &set, NULL), LF_OK);
    lf_customer_set_free(set);
    cr_assert_eq(lf_customers_load(FIX "no_such.csv", NULL, NULL, &set, NULL), LF_ERR_IO);
    cr_assert_eq(lf_customers_load(NULL, NULL, NULL, &set, &err), LF_ERR_ARG);
    cr_assert_eq(lf_customers_load(FIX "customers.csv", NULL, NULL, NULL, &err), LF_ERR_ARG);
    double *e;
    cr_assert_eq(lf_customer_expected_load(NULL, FIX "expected.csv", &e, &err), LF_ERR_ARG);
    lf_customer_set_free(NULL);
}
