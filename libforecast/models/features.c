/* features.c - learning a feature spec on the training days, and assembling
 * the design from its calendar, weather and other-driver parts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "features_internal.h"
#include "../core/suggest.h"

int lf_is_nonworking(lf_day_type type)
{
    return type == LF_DAY_WEEKEND || type == LF_DAY_HOLIDAY;
}

double lf_safe_power(double x, int power, lf_range range)
{
    double x0 = x < range.lo ? range.lo : x > range.hi ? range.hi : x;
    if (power <= 1 || x0 == x)
        return power == 1 ? x : power == 2 ? x * x : x * x * x;
    if (power == 2)
        return x0 * x0 + 2 * x0 * (x - x0);
    return x0 * x0 * x0 + 3 * x0 * x0 * (x - x0);
}

const double *lf_features_column(const lf_frame *frame, const char *name, const char *what,
                                 lf_error *err)
{
    const double *v = lf_frame_column(frame, name);
    if (v)
        return v;
    const char **names = malloc((frame->ncols + 1) * sizeof *names);
    char hint[128] = "";
    if (names) {
        for (size_t c = 0; c < frame->ncols; c++)
            names[c] = frame->cols[c].name;
        lf_suggest_hint(hint, sizeof hint, name, names, frame->ncols);
        free(names);
    }
    lf_error_set(err, LF_ERR_NOTFOUND, "%s column '%s' is not in the data%s", what, name, hint);
    return NULL;
}

int lf_days_in_frame(const lf_frame *frame, lf_date first, lf_date last, const char *what,
                     lf_error *err)
{
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN], fa[LF_DATE_STRLEN], fb[LF_DATE_STRLEN];
    lf_date_format(first, a);
    lf_date_format(last, b);
    if (first > last)
        return lf_error_set(err, LF_ERR_ARG, "%s days %s..%s: the first is after the last",
                            what, a, b);
    if (first < frame->start || last > lf_frame_end(frame)) {
        lf_date_format(frame->start, fa);
        lf_date_format(lf_frame_end(frame), fb);
        return lf_error_set(err, LF_ERR_RANGE, "%s days %s..%s are not all inside the data "
                            "(%s..%s)", what, a, b, fa, fb);
    }
    return LF_OK;
}

/* Days inside the frame and covered by the calendar. */
static int check_days(const lf_frame *frame, const lf_calendar *cal, lf_date first,
                      lf_date last, const char *what, lf_error *err)
{
    int rc = lf_days_in_frame(frame, first, last, what, err);
    if (rc != LF_OK)
        return rc;
    lf_day_info info;
    if (lf_calendar_day(cal, first, &info, err) != LF_OK ||
        lf_calendar_day(cal, last, &info, err) != LF_OK)
        return LF_ERR_RANGE;
    return LF_OK;
}

static void widen(lf_range *r, double v)
{
    if (isnan(v))
        return;
    if (v < r->lo)
        r->lo = v;
    if (v > r->hi)
        r->hi = v;
}

static const lf_range EMPTY = {INFINITY, -INFINITY};

static int uses_temperature(const lf_temperature_spec *t)
{
    return t->polynomial > 0 || t->nhdd || t->ncdd || t->nknots || t->auto_hdd || t->auto_cdd;
}

size_t lf_feature_spec_weather_columns(const lf_feature_spec *spec, const char *columns[2])
{
    size_t n = 0;
    if (uses_temperature(&spec->temperature) && spec->temperature.column[0])
        columns[n++] = spec->temperature.column;
    if (spec->humidity[0])
        columns[n++] = spec->humidity;
    return n;
}

static int learn_temperature(lf_features *f, const lf_frame *frame, lf_error *err)
{
    const lf_temperature_spec *t = &f->spec.temperature;
    if (!uses_temperature(t)) {
        if (t->nlags || t->nsmooth || t->by_month || t->by_day_type)
            return lf_error_set(err, LF_ERR_ARG, "temperature lags, smoothing and "
                                "interactions need temperature terms (polynomial, degree "
                                "days or knots)");
        return LF_OK;
    }
    const double *temp = lf_features_column(frame, t->column, "temperature", err);
    if (!temp)
        return err ? err->code : LF_ERR_NOTFOUND;
    size_t n = (size_t)(f->last - f->first + 1);
    double *v = malloc(n * sizeof *v);
    if (!v)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory learning temperature ranges");
    f->nsources = 1 + t->nlags + t->nsmooth;
    for (size_t s = 0; s < f->nsources; s++) {
        lf_temperature_source(&f->spec, temp, frame, s, f->first, n, v);
        f->temperature[s] = EMPTY;
        for (size_t i = 0; i < n; i++)
            widen(&f->temperature[s], v[i]);
        for (int m = 0; s == 0 && m < 12; m++)
            f->temperature_month[m] = EMPTY;
        for (size_t i = 0; s == 0 && i < n; i++)
            widen(&f->temperature_month[lf_date_month(f->first + (lf_date)i) - 1], v[i]);
    }
    free(v);
    if (f->temperature[0].lo > f->temperature[0].hi)
        return lf_error_set(err, LF_ERR_DATA, "temperature column '%s' has no value in the "
                            "training days", t->column);
    return LF_OK;
}

/* Range of a frame column over the training days; an error if it has none. */
static int learn_range(const lf_features *f, const lf_frame *frame, const char *column,
                       const char *what, lf_range *out, lf_error *err)
{
    const double *v = lf_features_column(frame, column, what, err);
    if (!v)
        return err ? err->code : LF_ERR_NOTFOUND;
    *out = EMPTY;
    long r0 = lf_frame_row(frame, f->first);
    for (long r = r0; r <= r0 + (f->last - f->first); r++)
        widen(out, v[r]);
    if (out->lo > out->hi)
        return lf_error_set(err, LF_ERR_DATA, "%s column '%s' has no value in the training "
                            "days", what, column);
    return LF_OK;
}

/* The error for a log driver with a value <= 0 in the training days. */
static int not_positive(const lf_features *f, const lf_frame *frame, const char *column,
                        lf_error *err)
{
    const double *v = lf_frame_column(frame, column);
    long r0 = lf_frame_row(frame, f->first);
    for (long r = r0; r <= r0 + (f->last - f->first); r++)
        if (v[r] <= 0) {
            char day[LF_DATE_STRLEN];
            lf_date_format(frame->start + (lf_date)r, day);
            return lf_error_set(err, LF_ERR_DATA, "log(%s) needs positive values; it is %g "
                                "on %s", column, v[r], day);
        }
    return LF_OK;
}

/* The names of the holidays in the training days, for a 'did you mean'. */
static int unknown_holiday(const lf_features *f, const lf_day_table *t, const char *name,
                           lf_error *err)
{
    enum { MAXN = 64 };
    const char *seen[MAXN];
    size_t n = 0, ndays = (size_t)(f->last - f->first + 1);
    for (size_t i = 0; i < ndays && n < MAXN; i++) {
        const char *holiday = t->info[i + t->margin].holiday;
        size_t k = 0;
        while (k < n && strcmp(seen[k], holiday) != 0)
            k++;
        if (k == n && holiday[0])
            seen[n++] = holiday;
    }
    char hint[128];
    lf_suggest_hint(hint, sizeof hint, name, seen, n);
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    lf_date_format(f->first, a);
    lf_date_format(f->last, b);
    return lf_error_set(err, LF_ERR_NOTFOUND, "holiday window: no holiday named '%s' in the "
                        "training days %s..%s%s", name, a, b, hint);
}

/* The longest block of each window's holiday in the training days. */
static int learn_windows(lf_features *f, const lf_calendar *cal, lf_error *err)
{
    if (f->spec.nwindows == 0)
        return LF_OK;
    lf_day_table t;
    size_t ndays = (size_t)(f->last - f->first + 1);
    int rc = lf_day_table_init(&t, f, cal, f->first, ndays, err);
    if (rc != LF_OK)
        return rc;
    for (size_t w = 0; rc == LF_OK && w < f->spec.nwindows; w++) {
        const char *name = f->spec.windows[w].holiday;
        int longest = 0;
        for (size_t k = t.margin; k < t.margin + ndays; k++)
            if (t.info[k].block_length > longest && lf_day_table_in_block_of(&t, k, name))
                longest = t.info[k].block_length;
        if (longest == 0)
            rc = unknown_holiday(f, &t, name, err);
        f->window_days[w] = longest;
    }
    free(t.info);
    return rc;
}

static int learn(lf_features *f, const lf_frame *frame, const lf_calendar *cal,
                 lf_error *err)
{
    const lf_feature_spec *s = &f->spec;
    f->trend = (lf_range){0, (double)(f->last - f->first) / 365.25};
    int rc = learn_temperature(f, frame, err);
    if (rc == LF_OK && s->humidity[0])
        rc = learn_range(f, frame, s->humidity, "humidity", &f->humidity, err);
    for (size_t k = 0; rc == LF_OK && k < s->neconomy; k++) {
        rc = learn_range(f, frame, s->economy[k].column, "economic driver", &f->economy[k],
                         err);
        if (rc == LF_OK && s->economy[k].log && f->economy[k].lo <= 0)
            rc = not_positive(f, frame, s->economy[k].column, err);
    }
    if (rc == LF_OK)
        rc = learn_windows(f, cal, err);
    return rc;
}

int lf_features_new(const lf_feature_spec *spec, const lf_frame *frame,
                    const lf_calendar *cal, lf_date first, lf_date last,
                    lf_features **out, lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_features_new needs out");
    *out = NULL;
    if (!frame || !cal)
        return lf_error_set(err, LF_ERR_ARG, "lf_features_new needs a frame and a calendar");
    int rc = lf_feature_spec_check(spec, err);
    if (rc == LF_OK && (spec->temperature.auto_hdd || spec->temperature.auto_cdd))
        rc = lf_error_set(err, LF_ERR_ARG, "degree-day bases are 'auto': lf_model_fit "
                          "chooses them; lf_features_new needs numbers");
    if (rc == LF_OK)
        rc = check_days(frame, cal, first, last, "training", err);
    if (rc != LF_OK)
        return rc;
    lf_features *f = calloc(1, sizeof *f);
    if (!f)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for features");
    f->spec = *spec;
    f->first = first;
    f->last = last;
    rc = learn(f, frame, cal, err);
    if (rc != LF_OK) {
        free(f);
        return rc;
    }
    *out = f;
    return LF_OK;
}

void lf_features_free(lf_features *features)
{
    free(features);
}

const lf_feature_spec *lf_features_spec(const lf_features *features)
{
    return &features->spec;
}

lf_date lf_features_first(const lf_features *features)
{
    return features->first;
}

lf_date lf_features_last(const lf_features *features)
{
    return features->last;
}

/* Rows with a missing cell get LF_FLAG_MISSING_INPUT. */
static void flag_missing(lf_colset *set)
{
    for (size_t j = 0; j < set->n; j++)
        for (size_t i = 0; i < set->nrows; i++)
            if (isnan(set->values[j][i]))
                set->flags[i] |= LF_FLAG_MISSING_INPUT;
}

int lf_features_design(const lf_features *features, const lf_frame *frame,
                       const lf_calendar *cal, lf_date first, lf_date last,
                       lf_design **out, lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_features_design needs out");
    *out = NULL;
    if (!features || !frame || !cal)
        return lf_error_set(err, LF_ERR_ARG, "lf_features_design needs features, a frame "
                            "and a calendar");
    int rc = check_days(frame, cal, first, last, "design", err);
    lf_colset set;
    if (rc == LF_OK)
        rc = lf_colset_init(&set, (size_t)(last - first + 1), err);
    if (rc != LF_OK)
        return rc;
    if (features->spec.intercept) {
        double *one = lf_colset_add(&set, LF_DRIVER_BASE, err, "intercept");
        rc = one ? LF_OK : err ? err->code : LF_ERR_NOMEM;
        for (size_t i = 0; one && i < set.nrows; i++)
            one[i] = 1;
    }
    if (rc == LF_OK)
        rc = lf_features_add_trend(features, first, &set, err);
    if (rc == LF_OK)
        rc = lf_features_add_calendar(features, cal, first, &set, err);
    if (rc == LF_OK)
        rc = lf_features_add_weather(features, frame, cal, first, &set, err);
    if (rc == LF_OK)
        rc = lf_features_add_drivers(features, frame, first, &set, err);
    if (rc == LF_OK) {
        flag_missing(&set);
        *out = lf_colset_to_design(&set, first, err);
        rc = *out ? LF_OK : err ? err->code : LF_ERR_NOMEM;
    }
    lf_colset_free(&set);
    return rc;
}
