/* ingest_economy.c - annual, quarterly or monthly indicators mapped onto days.
 *
 * step:   every day takes the value of its period.
 * linear: values sit at period mid-points and days between two adjacent
 *         periods' mid-points are interpolated; days before the first or after
 *         the last mid-point keep their period's value (no extrapolation).
 * Days in no period stay NaN: the library never invents economic data. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/grow.h"
#include "ingest_internal.h"

typedef struct period {
    lf_date first, last;
    double value;
    long line;
} period;

typedef struct periods {
    period *p;
    size_t n, cap;
} periods;

static const char *freq_example(lf_frequency f)
{
    return f == LF_FREQ_ANNUAL ? "2015" : f == LF_FREQ_QUARTERLY ? "2015Q1 or 2015-Q1"
                                                                 : "2015-03 or 201503";
}

static int read_int(const char **s, int digits, int *out)
{
    int v = 0;
    for (int i = 0; i < digits; i++) {
        if ((*s)[i] < '0' || (*s)[i] > '9')
            return 0;
        v = v * 10 + ((*s)[i] - '0');
    }
    *s += digits;
    *out = v;
    return 1;
}

/* Parse a period label of the given frequency into its first and last day. */
static int parse_period(const char *text, lf_frequency f, lf_date *first, lf_date *last)
{
    const char *s = text;
    int y, q = 0, m = 0;
    if (!read_int(&s, 4, &y) || y < 1 || y > 9998)
        return 0;
    if (f == LF_FREQ_ANNUAL) {
        if (*s)
            return 0;
        *first = lf_date_from_ymd(y, 1, 1);
        *last = lf_date_from_ymd(y, 12, 31);
        return 1;
    }
    if (f == LF_FREQ_QUARTERLY) {
        if (*s == '-' || *s == ' ')
            s++;
        if (*s != 'Q' && *s != 'q')
            return 0;
        s++;
        if (!read_int(&s, 1, &q) || *s != '\0' || q < 1 || q > 4)
            return 0;
        m = 3 * q - 2;
        *first = lf_date_from_ymd(y, m, 1);
        *last = lf_date_from_ymd(y, m + 2, lf_days_in_month(y, m + 2));
        return 1;
    }
    if (*s == '-' || *s == '/')
        s++;
    if (!read_int(&s, 2, &m) && !read_int(&s, 1, &m))
        return 0;
    if (*s || m < 1 || m > 12)
        return 0;
    *first = lf_date_from_ymd(y, m, 1);
    *last = lf_date_from_ymd(y, m, lf_days_in_month(y, m));
    return 1;
}

static int push_period(periods *ps, period p, lf_error *err)
{
    period *np = lf_grow(ps->p, ps->n, &ps->cap, sizeof *np);
    if (!np)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading an indicator");
    ps->p = np;
    ps->p[ps->n++] = p;
    return LF_OK;
}

typedef struct econ_cols {
    size_t period, value, filter;
    int has_filter;
} econ_cols;

static int read_row(lf_csv *csv, const lf_economy_spec *spec, const econ_cols *c,
                    periods *ps, lf_error *err)
{
    int rc = lf_csv_check_width(csv, err);
    if (rc != LF_OK)
        return rc;
    if (c->has_filter && strcmp(lf_csv_field(csv, c->filter), spec->filter_value) != 0)
        return LF_OK;
    period p = {0, 0, 0, lf_csv_line(csv)};
    if (!parse_period(lf_csv_field(csv, c->period), spec->frequency, &p.first, &p.last))
        return lf_csv_error(csv, c->period, err, LF_ERR_PARSE,
                            "expected a period like %s, got '%.20s'",
                            freq_example(spec->frequency), lf_csv_field(csv, c->period));
    int missing;
    if ((rc = lf_csv_number(csv, c->value, &p.value, &missing, err)) != LF_OK || missing)
        return rc; /* a period without a value is simply absent */
    p.value *= spec->scale != 0 ? spec->scale : 1.0;
    return push_period(ps, p, err);
}

static int read_periods(const lf_economy_spec *spec, periods *ps, lf_error *err)
{
    lf_csv *csv = lf_csv_open(spec->path, spec->delimiter ? spec->delimiter : ',', err);
    if (!csv)
        return err ? err->code : LF_ERR_IO;
    econ_cols c = {0, 0, 0, spec->filter_column != NULL};
    int rc = lf_csv_read_header(csv, err);
    if (rc == LF_OK)
        rc = lf_csv_require(csv, spec->period_column, &c.period, err);
    if (rc == LF_OK)
        rc = lf_csv_require(csv, spec->value_column, &c.value, err);
    if (rc == LF_OK && c.has_filter)
        rc = lf_csv_require(csv, spec->filter_column, &c.filter, err);
    while (rc == LF_OK) {
        int has_row = 0;
        if ((rc = lf_csv_next(csv, &has_row, err)) != LF_OK || !has_row)
            break;
        rc = read_row(csv, spec, &c, ps, err);
    }
    lf_csv_close(csv);
    return rc;
}

static int by_first_day(const void *a, const void *b)
{
    const period *x = a, *y = b;
    return (x->first > y->first) - (x->first < y->first);
}

static int check_distinct(const lf_economy_spec *spec, periods *ps, lf_error *err)
{
    qsort(ps->p, ps->n, sizeof *ps->p, by_first_day);
    for (size_t i = 1; i < ps->n; i++)
        if (ps->p[i].first == ps->p[i - 1].first)
            return lf_error_at(err, LF_ERR_DATA, spec->path, ps->p[i].line, 0,
                               "period given twice (also on line %ld)%s", ps->p[i - 1].line,
                               spec->filter_column ? "" : "; set a filter if the file holds "
                               "several series");
    return LF_OK;
}

static double midpoint(const period *p) { return (p->first + p->last) / 2.0; }

/* Value of day d inside period i under the mapping. */
static double value_on(const periods *ps, size_t i, lf_date d, lf_mapping mapping)
{
    const period *p = &ps->p[i];
    if (mapping == LF_MAP_STEP)
        return p->value;
    double mid = midpoint(p);
    const period *q = NULL;
    if (d < mid && i > 0 && ps->p[i - 1].last + 1 == p->first)
        q = &ps->p[i - 1];
    else if (d > mid && i + 1 < ps->n && p->last + 1 == ps->p[i + 1].first)
        q = &ps->p[i + 1];
    if (!q)
        return p->value;
    double qm = midpoint(q);
    return p->value + (q->value - p->value) * (d - mid) / (qm - mid);
}

int lf_ingest_economy(const lf_economy_spec *spec, lf_frame *frame, lf_error *err)
{
    if (!spec || !spec->path || !spec->period_column || !spec->value_column || !spec->name)
        return lf_error_set(err, LF_ERR_ARG, "an indicator needs path, period_column, "
                            "value_column and name");
    if (spec->filter_column && !spec->filter_value)
        return lf_error_set(err, LF_ERR_ARG, "%s: filter_column needs filter_value", spec->path);
    periods ps = {NULL, 0, 0};
    int rc = read_periods(spec, &ps, err);
    if (rc == LF_OK && ps.n == 0)
        rc = lf_error_set(err, LF_ERR_DATA, "%s: no values for indicator '%s'", spec->path,
                          spec->name);
    if (rc == LF_OK)
        rc = check_distinct(spec, &ps, err);
    double *out = rc == LF_OK ? lf_frame_add_column(frame, spec->name, spec->unit, err) : NULL;
    if (rc == LF_OK && !out)
        rc = err ? err->code : LF_ERR_NOMEM;
    for (size_t r = 0, i = 0; rc == LF_OK && r < frame->ndays; r++) {
        lf_date d = frame->start + (lf_date)r;
        while (i < ps.n && ps.p[i].last < d)
            i++;
        if (i < ps.n && ps.p[i].first <= d)
            out[r] = value_on(&ps, i, d, spec->mapping);
    }
    free(ps.p);
    return rc;
}
