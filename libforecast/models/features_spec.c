/* features_spec.c - defaults and consistency checks of a feature spec. */
#include "libforecast/features.h"

#include <math.h>
#include <string.h>

void lf_feature_spec_init(lf_feature_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->intercept = 1;
    spec->trend_damping = 1;
    strcpy(spec->temperature.column, "tmean_c");
    spec->temperature.grid_from = 10;
    spec->temperature.grid_to = 26;
    spec->temperature.grid_step = 0.5;
}

static int bad(lf_error *err, const char *fmt, const char *name)
{
    return lf_error_set(err, LF_ERR_ARG, fmt, name);
}

static int terminated(const char *s, size_t size)
{
    return memchr(s, '\0', size) != NULL;
}

static int check_list_sizes(const lf_feature_spec *s, lf_error *err)
{
    const lf_temperature_spec *t = &s->temperature;
    size_t sizes[] = {s->nwindows, s->neconomy, s->nevents, t->nhdd, t->ncdd,
                      t->nknots, t->nlags, t->nsmooth};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
        if (sizes[k] > LF_FEATURE_MAX)
            return lf_error_set(err, LF_ERR_ARG, "a feature list holds at most %d entries, "
                                "got %zu", LF_FEATURE_MAX, sizes[k]);
    return LF_OK;
}

static int check_bases(const double *v, size_t n, const char *what, lf_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]) || fabs(v[i]) > 100)
            return lf_error_set(err, LF_ERR_ARG, "%s %g is not a temperature in degC "
                                "(-100..100)", what, v[i]);
        for (size_t k = 0; k < i; k++)
            if (v[k] == v[i])
                return lf_error_set(err, LF_ERR_ARG, "%s %g is given twice", what, v[i]);
    }
    return LF_OK;
}

static int check_temperature(const lf_temperature_spec *t, lf_error *err)
{
    if (!terminated(t->column, sizeof t->column))
        return bad(err, "temperature column name is too long%s", "");
    if (t->polynomial < 0 || t->polynomial > 3)
        return lf_error_set(err, LF_ERR_ARG, "temperature polynomial degree must be 0..3, "
                            "got %d", t->polynomial);
    int rc = check_bases(t->hdd, t->nhdd, "heating degree-day base", err);
    if (rc == LF_OK)
        rc = check_bases(t->cdd, t->ncdd, "cooling degree-day base", err);
    if (rc == LF_OK)
        rc = check_bases(t->knots, t->nknots, "spline knot", err);
    if (rc != LF_OK)
        return rc;
    for (size_t i = 1; i < t->nknots; i++)
        if (t->knots[i] <= t->knots[i - 1])
            return lf_error_set(err, LF_ERR_ARG, "spline knots must increase: %g after %g",
                                t->knots[i], t->knots[i - 1]);
    if ((t->auto_hdd || t->auto_cdd) &&
        !(isfinite(t->grid_from) && isfinite(t->grid_to) && t->grid_step > 0 &&
          t->grid_from <= t->grid_to && (t->grid_to - t->grid_from) / t->grid_step <= 400))
        return lf_error_set(err, LF_ERR_ARG, "degree-day grid %g..%g by %g: needs from <= to "
                            "and at most 400 steps", t->grid_from, t->grid_to, t->grid_step);
    if ((t->auto_hdd || t->auto_cdd) && t->grid_coarse != 0 &&
        !(t->grid_coarse > t->grid_step && t->grid_coarse <= t->grid_to - t->grid_from))
        return lf_error_set(err, LF_ERR_ARG, "degree-day grid: coarse step %g must exceed the "
                            "step %g and fit in %g..%g (0: no coarse stage)", t->grid_coarse,
                            t->grid_step, t->grid_from, t->grid_to);
    for (size_t i = 0; i < t->nlags; i++)
        if (t->lags[i] < 1 || t->lags[i] > 366)
            return lf_error_set(err, LF_ERR_ARG, "temperature lag must be 1..366 days, got %d",
                                t->lags[i]);
    for (size_t i = 0; i < t->nsmooth; i++)
        if (!(t->smooth[i] > 0 && t->smooth[i] <= 1))
            return lf_error_set(err, LF_ERR_ARG, "smoothing weight must be in (0, 1], got %g",
                                t->smooth[i]);
    return LF_OK;
}

static int check_windows(const lf_feature_spec *s, lf_error *err)
{
    for (size_t i = 0; i < s->nwindows; i++) {
        const lf_holiday_window *w = &s->windows[i];
        if (!terminated(w->holiday, sizeof w->holiday) || !w->holiday[0])
            return bad(err, "a holiday window needs a holiday name%s", "");
        if (w->before < 0 || w->before > 60 || w->after < 0 || w->after > 60)
            return bad(err, "holiday window '%s': before and after must be 0..60 days",
                       w->holiday);
    }
    return LF_OK;
}

static int check_events(const lf_feature_spec *s, lf_error *err)
{
    for (size_t i = 0; i < s->nevents; i++) {
        const lf_event_spec *e = &s->events[i];
        if (!terminated(e->name, sizeof e->name) || !e->name[0])
            return bad(err, "an event needs a name%s", "");
        if (e->kind != LF_EVENT_STEP && e->kind != LF_EVENT_RAMP)
            return bad(err, "event '%s': kind must be step or ramp", e->name);
        if (e->kind == LF_EVENT_RAMP && e->end < e->start)
            return bad(err, "ramp event '%s' needs an end on or after its start", e->name);
        if (e->kind == LF_EVENT_STEP && e->end != 0 && e->end < e->start)
            return bad(err, "step event '%s' ends before it starts", e->name);
        for (size_t k = 0; k < i; k++)
            if (strcmp(s->events[k].name, e->name) == 0)
                return bad(err, "event name '%s' is used twice", e->name);
    }
    for (size_t i = 0; i < s->neconomy; i++)
        if (!terminated(s->economy[i].column, LF_FEATURE_NAME_MAX) || !s->economy[i].column[0])
            return bad(err, "an economic driver needs a column name%s", "");
    if (!terminated(s->humidity, sizeof s->humidity))
        return bad(err, "humidity column name is too long%s", "");
    return LF_OK;
}

int lf_feature_spec_check(const lf_feature_spec *spec, lf_error *err)
{
    if (!spec)
        return lf_error_set(err, LF_ERR_ARG, "no feature spec");
    if (spec->trend < 0 || spec->trend > 2)
        return lf_error_set(err, LF_ERR_ARG, "trend must be 0 (none), 1 (linear) or "
                            "2 (quadratic), got %d", spec->trend);
    if (!(spec->trend_damping >= 0 && spec->trend_damping <= 1))
        return lf_error_set(err, LF_ERR_ARG, "trend damping must be 0..1, got %g",
                            spec->trend_damping);
    if (spec->fourier < 0 || spec->fourier > 12)
        return lf_error_set(err, LF_ERR_ARG, "annual Fourier harmonics must be 0..12, got %d",
                            spec->fourier);
    int rc = check_list_sizes(spec, err);
    if (rc == LF_OK)
        rc = check_temperature(&spec->temperature, err);
    if (rc == LF_OK)
        rc = check_windows(spec, err);
    if (rc == LF_OK)
        rc = check_events(spec, err);
    return rc;
}
