/* portfolio_tiers.c - the tiers of a peak-shift portfolio from the customer
 * evaluation's tiers file (lf_portfolio_apply_tiers, peakshift.h).  The whole
 * file is read and checked against the portfolio before any customer is
 * touched, so a bad row leaves the portfolio as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "libforecast/csv.h"
#include "libforecast/peakshift.h"
#include "../core/grow.h"
#include "../core/suggest.h"

typedef struct tier_row {
    char id[LF_DR_ID_MAX];
    int tier;                     /* index into the portfolio's tiers; -1 empty */
    long line, id_column, tier_column;
    long first_line;              /* line of an earlier row with this id, 0 none */
    long customer;                /* index in the portfolio, -1 not in it */
} tier_row;

typedef struct tier_file {
    lf_csv *csv;
    size_t id_col, tier_col;
    tier_row *rows;
    size_t n, cap;
} tier_file;

/* ---- reading ------------------------------------------------------------------------ */

/* The tier named in the row (case-insensitive, as the portfolio file reads
 * tiers), or -1 for an empty cell. */
static int read_tier(const tier_file *f, const lf_portfolio *p, int *tier, lf_error *err)
{
    const char *name = lf_csv_field(f->csv, f->tier_col);
    *tier = -1;
    if (!name[0])
        return LF_OK;
    const char *names[LF_TIER_MAX];
    char list[LF_ERROR_MESSAGE_MAX / 2] = "", hint[96];
    for (size_t t = 0; t < p->ntiers; t++) {
        if (strcasecmp(name, p->tiers[t]) == 0) {
            *tier = (int)t;
            return LF_OK;
        }
        names[t] = p->tiers[t];
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", t ? ", " : "", p->tiers[t]);
    }
    lf_suggest_hint(hint, sizeof hint, name, names, p->ntiers);
    return lf_csv_error(f->csv, f->tier_col, err, LF_ERR_DATA, "customer '%s': tier '%.40s' "
                        "is not one of the portfolio's tiers (%s)%s; leave it empty for a "
                        "protected customer", lf_csv_field(f->csv, f->id_col), name, list,
                        hint);
}

static int read_row(tier_file *f, const lf_portfolio *p, lf_error *err)
{
    int rc = lf_csv_check_width(f->csv, err);
    if (rc != LF_OK)
        return rc;
    const char *id = lf_csv_field(f->csv, f->id_col);
    if (!id[0])
        return lf_csv_error(f->csv, f->id_col, err, LF_ERR_PARSE, "empty id; every row "
                            "names a customer");
    if (strlen(id) >= LF_DR_ID_MAX)
        return lf_csv_error(f->csv, f->id_col, err, LF_ERR_PARSE, "id '%.40s...' is longer "
                            "than %d bytes, the most a customer id has", id, LF_DR_ID_MAX - 1);
    tier_row row = {.line = lf_csv_line(f->csv), .customer = -1};
    row.id_column = lf_csv_column(f->csv, f->id_col);
    row.tier_column = lf_csv_column(f->csv, f->tier_col);
    strcpy(row.id, id);
    if ((rc = read_tier(f, p, &row.tier, err)) != LF_OK)
        return rc;
    tier_row *grown = lf_grow(f->rows, f->n, &f->cap, sizeof *grown);
    if (!grown)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s",
                            lf_csv_path(f->csv));
    f->rows = grown;
    f->rows[f->n++] = row;
    return LF_OK;
}

/* Columns id and tier; others (a name, the segment, for the reader) are
 * left alone. */
static int read_file(tier_file *f, const lf_portfolio *p, lf_error *err)
{
    int rc = lf_csv_read_header(f->csv, err);
    if (rc == LF_OK)
        rc = lf_csv_require(f->csv, "id", &f->id_col, err);
    if (rc == LF_OK)
        rc = lf_csv_require(f->csv, "tier", &f->tier_col, err);
    int has_row = 1;
    while (rc == LF_OK && (rc = lf_csv_next(f->csv, &has_row, err)) == LF_OK && has_row)
        rc = read_row(f, p, err);
    return rc;
}

/* ---- matching ----------------------------------------------------------------------- */

static int row_by_id(const void *a, const void *b)
{
    const tier_row *x = *(tier_row *const *)a, *y = *(tier_row *const *)b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int customer_by_id(const void *a, const void *b)
{
    const lf_dr_customer *x = *(const lf_dr_customer *const *)a,
                         *y = *(const lf_dr_customer *const *)b;
    return strcmp(x->id, y->id);
}

/* first_line of each row listed before, and customer of each row: by sorting
 * both sides by id, so that a utility's thousands of rows take no time. */
static int match(tier_file *f, const lf_portfolio *p, lf_error *err)
{
    tier_row **rows = malloc((f->n ? f->n : 1) * sizeof *rows);
    const lf_dr_customer **cust = malloc((p->n ? p->n : 1) * sizeof *cust);
    if (!rows || !cust) {
        free(rows);
        free(cust);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory matching %s",
                            lf_csv_path(f->csv));
    }
    for (size_t r = 0; r < f->n; r++)
        rows[r] = &f->rows[r];
    for (size_t i = 0; i < p->n; i++)
        cust[i] = &p->customers[i];
    qsort(rows, f->n, sizeof *rows, row_by_id);
    qsort(cust, p->n, sizeof *cust, customer_by_id);
    for (size_t r = 0, i = 0; r < f->n; r++) {
        if (r > 0 && strcmp(rows[r]->id, rows[r - 1]->id) == 0)
            rows[r]->first_line = rows[r - 1]->first_line ? rows[r - 1]->first_line
                                                          : rows[r - 1]->line;
        while (i < p->n && strcmp(cust[i]->id, rows[r]->id) < 0)
            i++;
        if (i < p->n && strcmp(cust[i]->id, rows[r]->id) == 0)
            rows[r]->customer = (long)(cust[i] - p->customers);
    }
    free(rows);
    free(cust);
    return LF_OK;
}

/* ---- checking and applying ---------------------------------------------------------- */

/* " (portfolio.yaml:12)" where the portfolio's customer came from, or "". */
static void where(const lf_portfolio *p, const lf_dr_customer *c, char *buf, size_t size)
{
    buf[0] = '\0';
    if (p->source[0] && c->line > 0)
        snprintf(buf, size, " (%.*s:%d)", (int)sizeof p->source - 1, p->source, c->line);
}

/* A row whose id is listed before, or whose protection differs from the
 * portfolio's: the portfolio says which loads are safety loads. */
static int check_row(const tier_file *f, const tier_row *r, const lf_portfolio *p,
                     lf_error *err)
{
    const char *path = lf_csv_path(f->csv);
    if (r->first_line)
        return lf_error_at(err, LF_ERR_DATA, path, r->line, r->id_column, "customer '%s' is "
                           "listed twice (first on line %ld); give each id one row", r->id,
                           r->first_line);
    if (r->customer < 0)
        return LF_OK;
    const lf_dr_customer *c = &p->customers[r->customer];
    char at[sizeof p->source + 16];
    where(p, c, at, sizeof at);
    if (c->is_protected && r->tier >= 0)
        return lf_error_at(err, LF_ERR_DATA, path, r->line, r->tier_column, "customer '%s' "
                           "is protected in the portfolio%s (a safety load, never cut) but "
                           "has tier '%s' here; leave its tier empty", r->id, at,
                           p->tiers[r->tier]);
    if (!c->is_protected && r->tier < 0)
        return lf_error_at(err, LF_ERR_DATA, path, r->line, r->tier_column, "customer '%s' "
                           "has an empty tier (protected) but is not protected in the "
                           "portfolio%s; give it one of the portfolio's tiers, or mark it "
                           "protected there", r->id, at);
    return LF_OK;
}

static void apply(const tier_file *f, lf_portfolio *p, lf_tiers_report *report)
{
    lf_tiers_report rep = {0};
    for (size_t k = 0; k < f->n; k++) {
        const tier_row *r = &f->rows[k];
        if (r->customer < 0) {
            rep.not_in_portfolio++;
            continue;
        }
        lf_dr_customer *c = &p->customers[r->customer];
        rep.applied++;
        if (r->tier >= 0 && c->tier != r->tier) { /* a protected one keeps its tier */
            c->tier = r->tier;
            rep.changed++;
        }
    }
    rep.not_in_file = p->n - rep.applied; /* ids are unique on both sides */
    if (report)
        *report = rep;
}

int lf_portfolio_apply_tiers(lf_portfolio *p, const char *tiers_csv, lf_tiers_report *report,
                             lf_error *err)
{
    lf_error local;
    lf_error *e = err ? err : &local; /* its code is needed when lf_csv_open fails */
    if (report)
        memset(report, 0, sizeof *report);
    if (!p || !tiers_csv)
        return lf_error_set(e, LF_ERR_ARG, "lf_portfolio_apply_tiers needs a portfolio and "
                            "a tiers file");
    int rc = lf_portfolio_check(p, e);
    if (rc != LF_OK)
        return rc;
    tier_file f = {.csv = lf_csv_open(tiers_csv, ',', e)};
    if (!f.csv)
        return e->code;
    rc = read_file(&f, p, e);
    if (rc == LF_OK)
        rc = match(&f, p, e);
    for (size_t k = 0; rc == LF_OK && k < f.n; k++) /* in file order: the first bad line */
        rc = check_row(&f, &f.rows[k], p, e);
    if (rc == LF_OK)
        apply(&f, p, report);
    lf_csv_close(f.csv);
    free(f.rows);
    return rc;
}
