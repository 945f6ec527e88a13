/* features_weather.c - temperature terms (polynomial, degree days, spline
 * hinges) of the current, lagged and smoothed temperature, their month and
 * day-type interactions, and humidity (see features.h for names). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "features_internal.h"

static const char *const MONTHS[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};

/* Days a smoother with weight a needs before its start value weighs < 5%. */
static long warmup_days(double a)
{
    return a >= 1 ? 0 : (long)ceil(log(0.05) / log1p(-a));
}

static void smoothed(const double *temp, const lf_frame *frame, double a, lf_date first,
                     size_t n, double *out)
{
    long r_first = lf_frame_row(frame, first), r_last = r_first + (long)n - 1;
    long warmup = warmup_days(a), run = 0;
    double s = NAN;
    for (long r = 0; r <= r_last; r++) {
        if (isnan(temp[r])) {
            run = 0;
            s = NAN;
        } else {
            s = run == 0 ? temp[r] : a * temp[r] + (1 - a) * s;
            run++;
        }
        if (r >= r_first)
            out[r - r_first] = run > warmup ? s : NAN;
    }
}

void lf_temperature_source(const lf_feature_spec *spec, const double *temp,
                           const lf_frame *frame, size_t s, lf_date first, size_t n,
                           double *out)
{
    const lf_temperature_spec *t = &spec->temperature;
    if (s > t->nlags) {
        smoothed(temp, frame, t->smooth[s - 1 - t->nlags], first, n, out);
        return;
    }
    int lag = s == 0 ? 0 : t->lags[s - 1];
    for (size_t i = 0; i < n; i++) {
        long r = lf_frame_row(frame, first + (lf_date)i - lag);
        out[i] = r >= 0 ? temp[r] : NAN;
    }
}

void lf_source_suffix(const lf_feature_spec *spec, size_t s, char *buf, size_t size)
{
    const lf_temperature_spec *t = &spec->temperature;
    if (s == 0)
        snprintf(buf, size, "%s", "");
    else if (s <= t->nlags)
        snprintf(buf, size, "_lag%d", t->lags[s - 1]);
    else
        snprintf(buf, size, "_ema%g", t->smooth[s - 1 - t->nlags]);
}

/* ---- the terms of one source -------------------------------------------------- */

typedef enum term_kind { TERM_POWER, TERM_HDD, TERM_CDD, TERM_HINGE } term_kind;

typedef struct term {
    term_kind kind;
    double param; /* power, base or knot */
} term;

/* The spec's terms in design order; returns how many (at most 3 + 3 * MAX). */
static size_t list_terms(const lf_temperature_spec *t, term *out)
{
    size_t n = 0;
    int powers = t->polynomial > 0 ? t->polynomial : t->nknots > 0 ? 1 : 0;
    for (int p = 1; p <= powers; p++)
        out[n++] = (term){TERM_POWER, p};
    for (size_t k = 0; k < t->nhdd; k++)
        out[n++] = (term){TERM_HDD, t->hdd[k]};
    for (size_t k = 0; k < t->ncdd; k++)
        out[n++] = (term){TERM_CDD, t->cdd[k]};
    for (size_t k = 0; k < t->nknots; k++)
        out[n++] = (term){TERM_HINGE, t->knots[k]};
    return n;
}

static void term_name(const term *tm, const char *sfx, char *buf, size_t size)
{
    switch (tm->kind) {
    case TERM_POWER:
        if (tm->param == 1)
            snprintf(buf, size, "T%s", sfx);
        else
            snprintf(buf, size, "T%s^%g", sfx, tm->param);
        break;
    case TERM_HDD: snprintf(buf, size, "HDD%g%s", tm->param, sfx); break;
    case TERM_CDD: snprintf(buf, size, "CDD%g%s", tm->param, sfx); break;
    case TERM_HINGE: snprintf(buf, size, "(T%s-%g)+", sfx, tm->param); break;
    }
}

static double term_value(const term *tm, double x, lf_range range)
{
    if (isnan(x))
        return NAN;
    switch (tm->kind) {
    case TERM_POWER: return lf_safe_power(x, (int)tm->param, range);
    case TERM_HDD: return x < tm->param ? tm->param - x : 0;
    case TERM_CDD: return x > tm->param ? x - tm->param : 0;
    case TERM_HINGE: return x > tm->param ? x - tm->param : 0;
    }
    return NAN;
}

/* What each row multiplies a current-temperature term by. */
typedef struct row_context {
    const lf_calendar *cal;
    lf_date first;
    unsigned char *nonworking; /* nrows, filled when by_day_type */
} row_context;

static int add_term(lf_colset *set, const term *tm, const char *sfx, const double *x,
                    lf_range range, int month, const unsigned char *gate, lf_date first,
                    lf_error *err)
{
    char name[LF_DESIGN_NAME_MAX];
    term_name(tm, sfx, name, sizeof name);
    double *v = month    ? lf_colset_add(set, LF_DRIVER_WEATHER, err, "%s:%s", name,
                                         MONTHS[month - 1])
                : gate   ? lf_colset_add(set, LF_DRIVER_WEATHER, err, "%s:nonworking", name)
                         : lf_colset_add(set, LF_DRIVER_WEATHER, err, "%s", name);
    if (!v)
        return err ? err->code : LF_ERR_NOMEM;
    for (size_t i = 0; i < set->nrows; i++) {
        double value = term_value(tm, x[i], range);
        if (month && lf_date_month(first + (lf_date)i) != month)
            value = isnan(value) ? NAN : 0; /* keep 'missing' visible */
        if (gate && !gate[i])
            value = isnan(value) ? NAN : 0;
        v[i] = value;
    }
    return LF_OK;
}

/* The range a month's own terms were fitted on (a month never seen in
 * training has all-zero columns, dropped, so its range does not matter: the
 * overall one is used). */
static lf_range month_range(const lf_features *f, int month)
{
    lf_range r = f->temperature_month[month - 1];
    return r.lo <= r.hi ? r : f->temperature[0];
}

static int add_source(const lf_features *f, lf_colset *set, size_t s, const double *x,
                      const row_context *ctx, lf_error *err)
{
    const lf_temperature_spec *t = &f->spec.temperature;
    term terms[3 + 3 * LF_FEATURE_MAX];
    size_t nterms = list_terms(t, terms);
    char sfx[32];
    lf_source_suffix(&f->spec, s, sfx, sizeof sfx);
    lf_range r = f->temperature[s];
    int rc = LF_OK;
    int by_month = s == 0 && t->by_month, by_type = s == 0 && t->by_day_type;
    for (size_t k = 0; rc == LF_OK && k < nterms; k++) {
        if (!by_month)
            rc = add_term(set, &terms[k], sfx, x, r, 0, NULL, ctx->first, err);
        for (int m = 1; by_month && rc == LF_OK && m <= 12; m++)
            rc = add_term(set, &terms[k], sfx, x, month_range(f, m), m, NULL, ctx->first,
                          err);
    }
    for (size_t k = 0; by_type && rc == LF_OK && k < nterms; k++)
        rc = add_term(set, &terms[k], sfx, x, r, 0, ctx->nonworking, ctx->first, err);
    for (size_t i = 0; i < set->nrows; i++) {
        lf_range ri = by_month ? month_range(f, lf_date_month(ctx->first + (lf_date)i)) : r;
        if (x[i] < ri.lo || x[i] > ri.hi)
            set->flags[i] |= LF_FLAG_TEMPERATURE_RANGE;
    }
    return rc;
}

/* An error for the first infinite value of a frame column on days from..last. */
static int check_finite(const lf_frame *frame, const double *v, const char *what,
                        const char *name, lf_date from, lf_date last, lf_error *err)
{
    long r0 = from < frame->start ? 0 : lf_frame_row(frame, from);
    for (long r = r0; r <= lf_frame_row(frame, last); r++)
        if (isinf(v[r])) {
            char day[LF_DATE_STRLEN];
            lf_date_format(frame->start + (lf_date)r, day);
            return lf_error_set(err, LF_ERR_DATA, "%s column '%s' is infinite on %s", what,
                                name, day);
        }
    return LF_OK;
}

static int fill_nonworking(const row_context *ctx, size_t n, lf_error *err)
{
    for (size_t i = 0; i < n; i++) {
        lf_day_info info;
        int rc = lf_calendar_day(ctx->cal, ctx->first + (lf_date)i, &info, err);
        if (rc != LF_OK)
            return rc;
        ctx->nonworking[i] = (unsigned char)lf_is_nonworking(info.type);
    }
    return LF_OK;
}

static int add_temperature(const lf_features *f, const lf_frame *frame, row_context *ctx,
                           lf_colset *set, lf_error *err)
{
    const lf_temperature_spec *t = &f->spec.temperature;
    const double *temp = lf_features_column(frame, t->column, "temperature", err);
    if (!temp)
        return err ? err->code : LF_ERR_NOTFOUND;
    size_t n = set->nrows;
    lf_date last = ctx->first + (lf_date)n - 1;
    /* earlier rows feed the lags and the smoothing */
    int rc = check_finite(frame, temp, "temperature", t->column, frame->start, last, err);
    double *x = rc == LF_OK ? malloc(n * sizeof *x) : NULL;
    ctx->nonworking = rc == LF_OK ? calloc(n, 1) : NULL;
    if (rc == LF_OK && (!x || !ctx->nonworking))
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory building temperature terms");
    if (rc == LF_OK && t->by_day_type)
        rc = fill_nonworking(ctx, n, err);
    for (size_t s = 0; rc == LF_OK && s < f->nsources; s++) {
        lf_temperature_source(&f->spec, temp, frame, s, ctx->first, n, x);
        rc = add_source(f, set, s, x, ctx, err);
    }
    free(x);
    free(ctx->nonworking);
    ctx->nonworking = NULL;
    return rc;
}

static int add_humidity(const lf_features *f, const lf_frame *frame, lf_date first,
                        lf_colset *set, lf_error *err)
{
    const double *h = lf_features_column(frame, f->spec.humidity, "humidity", err);
    if (!h)
        return err ? err->code : LF_ERR_NOTFOUND;
    int rc = check_finite(frame, h, "humidity", f->spec.humidity, first,
                          first + (lf_date)set->nrows - 1, err);
    double *v = rc == LF_OK ? lf_colset_add(set, LF_DRIVER_WEATHER, err, "humidity") : NULL;
    if (!v)
        return rc != LF_OK ? rc : err ? err->code : LF_ERR_NOMEM;
    long r0 = lf_frame_row(frame, first);
    for (size_t i = 0; i < set->nrows; i++) {
        v[i] = h[r0 + (long)i];
        if (v[i] < f->humidity.lo || v[i] > f->humidity.hi)
            set->flags[i] |= LF_FLAG_HUMIDITY_RANGE;
    }
    return LF_OK;
}

int lf_features_add_weather(const lf_features *f, const lf_frame *frame,
                            const lf_calendar *cal, lf_date first, lf_colset *set,
                            lf_error *err)
{
    row_context ctx = {cal, first, NULL};
    int rc = f->nsources > 0 ? add_temperature(f, frame, &ctx, set, err) : LF_OK;
    if (rc == LF_OK && f->spec.humidity[0])
        rc = add_humidity(f, frame, first, set, err);
    return rc;
}
