/* records_read.c - what the readers of the customer records share
 * (records_internal.h): the id index, files opened at their header, and a
 * row's customer, month and amounts checked where they stand. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/suggest.h"
#include "records_internal.h"

int rec_nomem(lf_error *err, const char *what)
{
    return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s", what);
}

/* ---- the id index -------------------------------------------------------------------- */

/* FNV-1a: ids are short, and nothing here needs to resist chosen input. */
static size_t hash_id(const char *id)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return (size_t)h;
}

/* The slot holding id, or the empty slot where it would go. */
static size_t probe(const rec_index *x, const lf_customer *cs, const char *id)
{
    size_t mask = x->cap - 1, s = hash_id(id) & mask;
    while (x->slots[s] && strcmp(cs[x->slots[s] - 1].id, id) != 0)
        s = (s + 1) & mask;
    return s;
}

/* Twice the room, every id placed again (ids are distinct once added). */
static int grow(rec_index *x, const lf_customer *cs, lf_error *err)
{
    size_t cap = x->cap ? 2 * x->cap : 64;
    size_t *slots = cap <= SIZE_MAX / sizeof *slots ? calloc(cap, sizeof *slots) : NULL;
    if (!slots)
        return rec_nomem(err, "the customer ids");
    rec_index bigger = {slots, cap, x->count};
    for (size_t s = 0; s < x->cap; s++)
        if (x->slots[s])
            slots[probe(&bigger, cs, cs[x->slots[s] - 1].id)] = x->slots[s];
    free(x->slots);
    *x = bigger;
    return LF_OK;
}

int rec_index_add(rec_index *x, const lf_customer *cs, size_t i, long *dup, lf_error *err)
{
    *dup = -1;
    /* At most half full, so probes stay short and always end. */
    if (2 * (x->count + 1) > x->cap && grow(x, cs, err) != LF_OK)
        return LF_ERR_NOMEM;
    size_t s = probe(x, cs, cs[i].id);
    if (x->slots[s]) {
        *dup = (long)(x->slots[s] - 1);
        return LF_OK;
    }
    x->slots[s] = i + 1;
    x->count++;
    return LF_OK;
}

long rec_index_find(const rec_index *x, const lf_customer *cs, const char *id)
{
    if (!x->cap)
        return -1;
    size_t s = probe(x, cs, id);
    return x->slots[s] ? (long)(x->slots[s] - 1) : -1;
}

int rec_index_build(rec_index *x, const lf_customer_set *set, lf_error *err)
{
    memset(x, 0, sizeof *x);
    for (size_t i = 0; i < set->n; i++) {
        long dup;
        if (rec_index_add(x, set->customers, i, &dup, err) != LF_OK) {
            rec_index_free(x);
            return LF_ERR_NOMEM;
        }
    }
    return LF_OK;
}

void rec_index_free(rec_index *x)
{
    free(x->slots);
    memset(x, 0, sizeof *x);
}

/* ---- files --------------------------------------------------------------------------- */

int rec_open(const char *path, lf_csv **out, lf_error *err)
{
    lf_error sub; /* the code is needed even when the caller passes no record */
    lf_csv *csv = lf_csv_open(path, ',', &sub);
    int rc = csv ? lf_csv_read_header(csv, &sub) : sub.code;
    *out = rc == LF_OK ? csv : NULL;
    if (rc == LF_OK)
        return LF_OK;
    lf_csv_close(csv);
    rc = rc == LF_ERR_DATA ? LF_ERR_PARSE : rc;
    if (err) {
        *err = sub;
        err->code = rc;
    }
    return rc;
}

int rec_require(const lf_csv *csv, const char *name, size_t *index, lf_error *err)
{
    int rc = lf_csv_require(csv, name, index, err);
    if (rc == LF_ERR_NOTFOUND && err)
        err->code = LF_ERR_PARSE;
    return rc == LF_ERR_NOTFOUND ? LF_ERR_PARSE : rc;
}

/* ---- a row's customer, month and amounts --------------------------------------------- */

static int unknown_customer(const lf_csv *csv, size_t col, const lf_customer_set *set,
                            const char *id, lf_error *err)
{
    char hint[LF_CUSTOMER_ID_MAX + 32] = "";
    const char **ids = malloc(set->n * sizeof *ids);
    if (ids) { /* without memory there is no hint, the error still stands */
        for (size_t i = 0; i < set->n; i++)
            ids[i] = set->customers[i].id;
        lf_suggest_hint(hint, sizeof hint, id, ids, set->n);
        free(ids);
    }
    return lf_csv_error(csv, col, err, LF_ERR_PARSE, "customer '%.40s' is not in %s%s; "
                        "every row must name a customer of that file (ids are "
                        "case-sensitive)", id, set->source, hint);
}

int rec_customer_of(const lf_csv *csv, size_t col, const lf_customer_set *set,
                    const rec_index *x, size_t *customer, lf_error *err)
{
    const char *id = lf_csv_field(csv, col);
    if (!*id)
        return lf_csv_error(csv, col, err, LF_ERR_PARSE, "empty '%s': every row must name "
                            "a customer", lf_csv_header_name(csv, col));
    long i = rec_index_find(x, set->customers, id);
    if (i < 0)
        return unknown_customer(csv, col, set, id, err);
    *customer = (size_t)i;
    return LF_OK;
}

/* "2024-03" -> year and month; 0 unless exactly YYYY-MM inside years 1..9999. */
static int parse_month(const char *s, int *year, int *month)
{
    static const char form[] = "dddd-dd";
    if (strlen(s) != 7)
        return 0;
    for (int i = 0; i < 7; i++)
        if (form[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
            return 0;
    *year = atoi(s);
    *month = atoi(s + 5);
    return *year >= 1 && *month >= 1 && *month <= 12;
}

int rec_month_of(const lf_csv *csv, size_t col, long *month, lf_error *err)
{
    int y, m;
    const char *s = lf_csv_field(csv, col);
    if (!parse_month(s, &y, &m))
        return lf_csv_error(csv, col, err, LF_ERR_PARSE, "expected a month YYYY-MM (e.g. "
                            "2024-03, month 01..12) in column '%s', got '%.40s'",
                            lf_csv_header_name(csv, col), s);
    *month = (long)y * 12 + (m - 1);
    return LF_OK;
}

lf_date rec_month_date(long month)
{
    return lf_date_from_ymd((int)(month / 12), (int)(month % 12) + 1, 1);
}

long rec_month_number(lf_date date)
{
    int y, m, d;
    lf_date_to_ymd(date, &y, &m, &d);
    return (long)y * 12 + (m - 1);
}

int rec_amount(const lf_csv *csv, size_t col, const char *id, double *out, lf_error *err)
{
    int rc = lf_csv_number(csv, col, out, NULL, err);
    if (rc == LF_OK && *out < 0)
        return lf_csv_error(csv, col, err, LF_ERR_PARSE, "customer '%s': '%s' must be >= 0, "
                            "got '%s'", id, lf_csv_header_name(csv, col),
                            lf_csv_field(csv, col));
    return rc;
}
