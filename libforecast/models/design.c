/* design.c - the named, column-major design matrix and its CSV dump. */
#include "libforecast/design.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/atomic.h"

static const char *const DRIVER_NAMES[LF_DRIVER_COUNT] = {
    "base", "trend", "calendar", "weather", "economy", "event", "recent"};

const char *lf_driver_name(lf_driver driver)
{
    return (unsigned)driver < LF_DRIVER_COUNT ? DRIVER_NAMES[driver] : "?";
}

char *lf_flags_text(unsigned flags, char *buf, size_t size)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        {LF_FLAG_TEMPERATURE_RANGE, "temperature"}, {LF_FLAG_HUMIDITY_RANGE, "humidity"},
        {LF_FLAG_ECONOMY_RANGE, "economy"}, {LF_FLAG_MISSING_INPUT, "missing"}};
    size_t used = 0;
    if (size)
        buf[0] = '\0';
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (!(flags & names[k].bit) || used >= size)
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? "|" : "", names[k].name);
        used += n > 0 ? (size_t)n : 0;
    }
    return buf;
}

lf_design *lf_design_new(size_t nrows, size_t ncols, lf_date first, lf_error *err)
{
    if (nrows == 0 || ncols == 0 || nrows > ((size_t)1 << 40) / ncols) {
        lf_error_set(err, LF_ERR_ARG, "a design needs at least one row and one column, "
                     "got %zu x %zu", nrows, ncols);
        return NULL;
    }
    lf_design *d = calloc(1, sizeof *d);
    if (d) {
        d->x = calloc(nrows * ncols, sizeof *d->x);
        d->names = calloc(ncols, sizeof *d->names);
        d->drivers = calloc(ncols, sizeof *d->drivers);
        d->flags = calloc(nrows, sizeof *d->flags);
    }
    if (!d || !d->x || !d->names || !d->drivers || !d->flags) {
        lf_design_free(d);
        lf_error_set(err, LF_ERR_NOMEM, "out of memory for a %zu x %zu design", nrows, ncols);
        return NULL;
    }
    d->nrows = nrows;
    d->ncols = ncols;
    d->first = first;
    return d;
}

void lf_design_free(lf_design *design)
{
    if (!design)
        return;
    free(design->x);
    free(design->names);
    free(design->drivers);
    free(design->flags);
    free(design);
}

long lf_design_find(const lf_design *design, const char *name)
{
    for (size_t j = 0; j < design->ncols; j++)
        if (strcmp(design->names[j], name) == 0)
            return (long)j;
    return -1;
}

int lf_design_set_column(lf_design *design, size_t j, const char *name, lf_driver driver,
                         const double *values, lf_error *err)
{
    if (!design || j >= design->ncols || !name)
        return lf_error_set(err, LF_ERR_ARG, "lf_design_set_column: no such column %zu", j);
    size_t len = strlen(name);
    if (len == 0 || len >= LF_DESIGN_NAME_MAX)
        return lf_error_set(err, LF_ERR_ARG, "design column names need 1..%d characters: '%s'",
                            LF_DESIGN_NAME_MAX - 1, name);
    long other = lf_design_find(design, name);
    if (other >= 0 && (size_t)other != j)
        return lf_error_set(err, LF_ERR_ARG, "design column name '%s' is used twice", name);
    if ((unsigned)driver >= LF_DRIVER_COUNT)
        return lf_error_set(err, LF_ERR_ARG, "column '%s': unknown driver %d", name,
                            (int)driver);
    memcpy(design->names[j], name, len + 1);
    design->drivers[j] = driver;
    if (values)
        memcpy(lf_design_column(design, j), values, design->nrows * sizeof *values);
    return LF_OK;
}

static int write_design(FILE *fp, const void *ctx)
{
    const lf_design *d = ctx;
    fputs("date", fp);
    for (size_t j = 0; j < d->ncols; j++)
        fprintf(fp, ",%s", d->names[j]);
    fputs(",flags\n", fp);
    for (size_t i = 0; i < d->nrows; i++) {
        char day[LF_DATE_STRLEN], flags[64];
        lf_date_format(d->first + (lf_date)i, day);
        fputs(day, fp);
        for (size_t j = 0; j < d->ncols; j++) {
            double v = lf_design_column(d, j)[i];
            if (isnan(v))
                fputc(',', fp);
            else
                fprintf(fp, ",%.17g", v);
        }
        fprintf(fp, ",%s\n", lf_flags_text(d->flags[i], flags, sizeof flags));
    }
    return 0;
}

int lf_design_write_csv(const lf_design *design, const char *path, lf_error *err)
{
    if (!design || !path)
        return lf_error_set(err, LF_ERR_ARG, "lf_design_write_csv needs a design and a path");
    return lf_atomic_write(path, write_design, design, err);
}
