/* records_customers.c - customers.csv, one row per customer (customers.h):
 * its columns, every value checked where it stands, ids unique. */
#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/grow.h"
#include "../core/suggest.h"
#include "records_internal.h"

enum column {
    C_ID, C_NAME, C_CLASS, C_VOLTAGE, C_CAPACITY, /* required */
    C_INDUSTRY, C_DEDICATED, C_PROTECTED, C_BREACHES, C_OUTLOOK, C_ARREARS, C_POTENTIAL,
    C_CORRECTION, C_LOAD_FILE, C_COUNT
};
#define NREQUIRED (C_CAPACITY + 1)

static const char *const COLUMNS[C_COUNT] = {
    "id", "name", "class", "voltage_kv", "capacity_kva", "industry", "dedicated_line",
    "protected", "breaches", "industry_outlook", "arrears_cny", "potential_kwh",
    "correction", "load_file"};

typedef struct columns {
    long at[C_COUNT];             /* field index, -1 when the column is absent */
} columns;

/* ---- the header ---------------------------------------------------------------------- */

static int unknown_column(const lf_csv *csv, size_t k, lf_error *err)
{
    char hint[96], list[256] = "";
    const char *name = lf_csv_header_name(csv, k);
    lf_suggest_hint(hint, sizeof hint, name, COLUMNS, C_COUNT);
    for (size_t c = 0; c < C_COUNT; c++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", c ? ", " : "", COLUMNS[c]);
    }
    return lf_csv_error(csv, k, err, LF_ERR_PARSE, "unknown column '%.40s'%s; the columns "
                        "of a customers file are: %s", name, hint, list);
}

/* The required columns first, so that a misspelt one gets lf_csv_require's
 * 'did you mean'; then every header name is a known column, given once: a
 * typo in an optional column would otherwise pass as absent. */
static int find_columns(const lf_csv *csv, columns *c, lf_error *err)
{
    for (size_t k = 0; k < NREQUIRED; k++) {
        size_t index;
        int rc = rec_require(csv, COLUMNS[k], &index, err);
        if (rc != LF_OK)
            return rc;
    }
    for (size_t k = 0; k < C_COUNT; k++)
        c->at[k] = -1;
    for (size_t k = 0; k < lf_csv_header_count(csv); k++) {
        size_t j = 0;
        while (j < C_COUNT && strcasecmp(COLUMNS[j], lf_csv_header_name(csv, k)) != 0)
            j++;
        if (j == C_COUNT)
            return unknown_column(csv, k, err);
        if (c->at[j] >= 0)
            return lf_csv_error(csv, k, err, LF_ERR_PARSE, "column '%s' is given twice (first "
                                "as field %ld of the header)", COLUMNS[j], c->at[j] + 1);
        c->at[j] = (long)k;
    }
    return LF_OK;
}

/* ---- texts --------------------------------------------------------------------------- */

/* Field col into out (size bytes with the NUL), at least min bytes long;
 * id names the customer once its id is read ("" before). */
static int get_text(const lf_csv *csv, long col, const char *id, size_t min, char *out,
                    size_t size, lf_error *err)
{
    const char *s = col >= 0 ? lf_csv_field(csv, (size_t)col) : "";
    size_t len = strlen(s);
    const char *name = col >= 0 ? lf_csv_header_name(csv, (size_t)col) : "";
    char who[LF_CUSTOMER_ID_MAX + 16] = "";
    if (*id)
        snprintf(who, sizeof who, "customer '%s': ", id);
    if (len < min)
        return lf_csv_error(csv, (size_t)col, err, LF_ERR_PARSE, "%s'%s' is empty; every "
                            "customer needs one", who, name);
    if (len >= size)
        return lf_csv_error(csv, (size_t)col, err, LF_ERR_PARSE, "%s'%s' is %zu bytes long; "
                            "at most %zu fit", who, name, len, size - 1);
    memcpy(out, s, len + 1);
    return LF_OK;
}

static int get_id(const lf_csv *csv, const columns *c, lf_customer *out, lf_error *err)
{
    int rc = get_text(csv, c->at[C_ID], "", 1, out->id, sizeof out->id, err);
    for (const char *p = out->id; rc == LF_OK && *p; p++)
        if (isspace((unsigned char)*p))
            rc = lf_csv_error(csv, (size_t)c->at[C_ID], err, LF_ERR_PARSE, "customer id "
                              "'%s' has a space in it; ids are single words (use '_')",
                              out->id);
    return rc;
}

/* load_file against the customers file's directory; an absolute path is kept. */
static int get_load_file(const lf_csv *csv, long col, const char *source, lf_customer *out,
                         lf_error *err)
{
    const char *file = col >= 0 ? lf_csv_field(csv, (size_t)col) : "";
    const char *slash = strrchr(source, '/');
    int dir_len = file[0] && file[0] != '/' && slash ? (int)(slash - source + 1) : 0;
    size_t len = (size_t)dir_len + strlen(file);
    if (len >= sizeof out->load_file)
        return lf_csv_error(csv, (size_t)col, err, LF_ERR_PARSE, "customer '%s': load_file "
                            "makes a path of %zu bytes (with the directory of %s); at most "
                            "%zu fit", out->id, len, source, sizeof out->load_file - 1);
    snprintf(out->load_file, sizeof out->load_file, "%.*s%s", dir_len, source, file);
    return LF_OK;
}

/* ---- flags and numbers --------------------------------------------------------------- */

static int get_flag(const lf_csv *csv, long col, const char *id, int *out, lf_error *err)
{
    static const char *const yes[] = {"yes", "true", "1"}, *const no[] = {"no", "false", "0"};
    const char *s = col >= 0 ? lf_csv_field(csv, (size_t)col) : "";
    *out = 0;
    for (size_t k = 0; k < 3; k++) {
        if (strcasecmp(s, yes[k]) == 0)
            *out = 1;
        if (strcasecmp(s, yes[k]) == 0 || strcasecmp(s, no[k]) == 0)
            return LF_OK;
    }
    if (!*s)
        return LF_OK; /* empty: the default, no */
    return lf_csv_error(csv, (size_t)col, err, LF_ERR_PARSE, "customer '%s': expected yes/no, "
                        "true/false or 1/0 in column '%s', got '%.40s'", id,
                        lf_csv_header_name(csv, (size_t)col), s);
}

typedef struct number_rule {
    enum column col;
    size_t offset;                /* of the double in lf_customer */
    double fallback;              /* when absent or empty; NaN = required */
    double lo, hi;                /* range; lo excluded when lo_open */
    int lo_open, whole;
    const char *range;            /* the range as said in a message */
} number_rule;

#define AT(field) offsetof(lf_customer, field)
static const number_rule NUMBERS[] = {
    {C_VOLTAGE, AT(voltage_kv), NAN, 0, INFINITY, 1, 0, "> 0"},
    {C_CAPACITY, AT(capacity_kva), NAN, 0, INFINITY, 0, 0, ">= 0"},
    {C_BREACHES, AT(breaches), 0, 0, INFINITY, 0, 1, "a whole number >= 0"},
    {C_OUTLOOK, AT(industry_outlook), NAN, 0, 100, 0, 0, "0..100"},
    {C_ARREARS, AT(arrears), 0, 0, INFINITY, 0, 0, ">= 0"},
    {C_POTENTIAL, AT(potential_kwh), 0, 0, INFINITY, 0, 0, ">= 0"},
    {C_CORRECTION, AT(correction), 1, 0, INFINITY, 1, 0, "> 0"},
};

static int get_number(const lf_csv *csv, const number_rule *r, long col, lf_customer *c,
                      lf_error *err)
{
    double *out = (double *)((char *)c + r->offset), v = r->fallback;
    int missing = 1;
    int rc = col >= 0 ? lf_csv_number(csv, (size_t)col, &v, &missing, err) : LF_OK;
    if (rc != LF_OK)
        return rc;
    /* Only required columns have no fallback; industry_outlook's NaN is its value. */
    if (missing && r->col < NREQUIRED)
        return lf_csv_error(csv, (size_t)col, err, LF_ERR_PARSE, "customer '%s': '%s' has "
                            "no value; give a number %s", c->id, COLUMNS[r->col], r->range);
    if (missing) {
        *out = r->fallback;
        return LF_OK;
    }
    int ok = (r->lo_open ? v > r->lo : v >= r->lo) && v <= r->hi &&
             (!r->whole || v == floor(v));
    if (!ok)
        return lf_csv_error(csv, (size_t)col, err, LF_ERR_PARSE, "customer '%s': '%s' must be "
                            "%s, got '%s'", c->id, COLUMNS[r->col], r->range,
                            lf_csv_field(csv, (size_t)col));
    *out = v;
    return LF_OK;
}

/* ---- rows ---------------------------------------------------------------------------- */

static int read_row(const lf_csv *csv, const columns *c, const char *source, lf_customer *out,
                    lf_error *err)
{
    memset(out, 0, sizeof *out);
    out->line = lf_csv_line(csv);
    int rc = lf_csv_check_width(csv, err);
    if (rc == LF_OK)
        rc = get_id(csv, c, out, err);
    if (rc == LF_OK)
        rc = get_text(csv, c->at[C_NAME], out->id, 1, out->name, sizeof out->name, err);
    if (rc == LF_OK)
        rc = get_text(csv, c->at[C_CLASS], out->id, 1, out->class_name,
                      sizeof out->class_name, err);
    if (rc == LF_OK)
        rc = get_text(csv, c->at[C_INDUSTRY], out->id, 0, out->industry,
                      sizeof out->industry, err);
    for (size_t k = 0; rc == LF_OK && k < sizeof NUMBERS / sizeof NUMBERS[0]; k++)
        rc = get_number(csv, &NUMBERS[k], c->at[NUMBERS[k].col], out, err);
    if (rc == LF_OK)
        rc = get_flag(csv, c->at[C_DEDICATED], out->id, &out->dedicated_line, err);
    if (rc == LF_OK)
        rc = get_flag(csv, c->at[C_PROTECTED], out->id, &out->is_protected, err);
    if (rc == LF_OK)
        rc = get_load_file(csv, c->at[C_LOAD_FILE], source, out, err);
    return rc;
}

/* Row i read into set->customers[i] is added to the index unless its id is taken. */
static int add_customer(const lf_csv *csv, const columns *c, lf_customer_set *set,
                        rec_index *x, lf_error *err)
{
    long dup;
    int rc = rec_index_add(x, set->customers, set->n, &dup, err);
    if (rc != LF_OK)
        return rc;
    if (dup >= 0)
        return lf_csv_error(csv, (size_t)c->at[C_ID], err, LF_ERR_PARSE, "duplicate customer "
                            "id '%s' (first at line %ld); each id must be unique",
                            set->customers[set->n].id, set->customers[dup].line);
    set->n++;
    return LF_OK;
}

static int read_rows(lf_csv *csv, const columns *c, lf_customer_set *set, rec_index *x,
                     lf_error *err)
{
    size_t cap = 0;
    for (;;) {
        int has_row = 0, rc = lf_csv_next(csv, &has_row, err);
        if (rc != LF_OK || !has_row)
            return rc;
        lf_customer *grown = lf_grow(set->customers, set->n, &cap, sizeof *grown);
        if (!grown)
            return rec_nomem(err, set->source);
        set->customers = grown;
        rc = read_row(csv, c, set->source, &set->customers[set->n], err);
        if (rc == LF_OK)
            rc = add_customer(csv, c, set, x, err);
        if (rc != LF_OK)
            return rc;
    }
}

int rec_read_customers(lf_customer_set *set, rec_index *x, const char *path, lf_error *err)
{
    snprintf(set->source, sizeof set->source, "%s", path);
    lf_csv *csv;
    int rc = rec_open(path, &csv, err);
    if (rc != LF_OK)
        return rc;
    columns c;
    rc = find_columns(csv, &c, err);
    if (rc == LF_OK)
        rc = read_rows(csv, &c, set, x, err);
    lf_csv_close(csv);
    if (rc == LF_OK && set->n == 0)
        rc = lf_error_at(err, LF_ERR_PARSE, path, 1, 0, "no customers after the header: "
                         "there is nothing to evaluate");
    return rc;
}
