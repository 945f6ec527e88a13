/* colset.c - named columns collected one by one, then packed into a design. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "features_internal.h"
#include "../core/grow.h"

int lf_colset_init(lf_colset *set, size_t nrows, lf_error *err)
{
    memset(set, 0, sizeof *set);
    set->nrows = nrows;
    set->flags = calloc(nrows, sizeof *set->flags);
    if (!set->flags)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu design rows", nrows);
    return LF_OK;
}

void lf_colset_free(lf_colset *set)
{
    for (size_t j = 0; j < set->n; j++)
        free(set->values[j]);
    free(set->values);
    free(set->names);
    free(set->drivers);
    free(set->flags);
    memset(set, 0, sizeof *set);
}

/* Room for one more column in all three arrays. */
static int reserve(lf_colset *set)
{
    if (set->n < set->cap)
        return 1;
    size_t cap = set->cap;
    void *names = lf_grow(set->names, set->n, &cap, sizeof *set->names);
    if (!names)
        return 0;
    set->names = names;
    cap = set->cap;
    void *drivers = lf_grow(set->drivers, set->n, &cap, sizeof *set->drivers);
    if (!drivers)
        return 0;
    set->drivers = drivers;
    cap = set->cap;
    void *values = lf_grow(set->values, set->n, &cap, sizeof *set->values);
    if (!values)
        return 0;
    set->values = values;
    set->cap = cap;
    return 1;
}

double *lf_colset_add(lf_colset *set, lf_driver driver, lf_error *err, const char *fmt, ...)
{
    char name[LF_DESIGN_NAME_MAX];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    if (len < 0 || (size_t)len >= sizeof name) {
        lf_error_set(err, LF_ERR_ARG, "design column name too long: '%s...'", name);
        return NULL;
    }
    for (size_t j = 0; j < set->n; j++)
        if (strcmp(set->names[j], name) == 0) {
            lf_error_set(err, LF_ERR_ARG, "two design columns would be named '%s'; rename "
                         "one of the drivers", name);
            return NULL;
        }
    double *v = reserve(set) ? calloc(set->nrows, sizeof *v) : NULL;
    if (!v) {
        lf_error_set(err, LF_ERR_NOMEM, "out of memory adding design column '%s'", name);
        return NULL;
    }
    memcpy(set->names[set->n], name, (size_t)len + 1);
    set->drivers[set->n] = driver;
    set->values[set->n++] = v;
    return v;
}

lf_design *lf_colset_to_design(lf_colset *set, lf_date first, lf_error *err)
{
    if (set->n == 0) {
        lf_error_set(err, LF_ERR_ARG, "the feature spec gives no column at all (no intercept "
                     "and no driver)");
        return NULL;
    }
    lf_design *d = lf_design_new(set->nrows, set->n, first, err);
    if (!d)
        return NULL;
    for (size_t j = 0; j < set->n; j++) {
        memcpy(lf_design_column(d, j), set->values[j], set->nrows * sizeof(double));
        memcpy(d->names[j], set->names[j], sizeof set->names[j]);
        d->drivers[j] = set->drivers[j];
    }
    memcpy(d->flags, set->flags, set->nrows * sizeof *d->flags);
    lf_colset_free(set);
    return d;
}
