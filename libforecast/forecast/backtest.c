/* backtest.c - rolling-origin backtests: origins placed back from the last
 * day, every candidate (and the automatic choice) refitted and forecast at
 * each, failures recorded rather than fatal (see backtest.h). */
#include "libforecast/backtest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backtest_internal.h"
#include "../models/model_internal.h" /* lf_model_target */

void lf_backtest_spec_init(lf_backtest_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->origins = 1;
    spec->horizon = 365;
    spec->step = 0;
    spec->level = 0.95;
    spec->agg = LF_AGG_SUM;
    spec->min_train_days = 28;
}

const char *lf_backtest_scale_name(lf_backtest_scale scale)
{
    static const char *const names[LF_SCALE_COUNT] = {"daily", "monthly", "yearly"};
    return (unsigned)scale < LF_SCALE_COUNT ? names[scale] : "?";
}

double lf_backtest_seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0->tv_nsec);
}

static int check_spec(const lf_backtest_spec *s, lf_error *err)
{
    if (s->origins < 1 || s->origins > LF_BACKTEST_MAX_ORIGINS)
        return lf_error_set(err, LF_ERR_ARG, "a backtest needs 1..%d origins, got %d",
                            LF_BACKTEST_MAX_ORIGINS, s->origins);
    if (s->horizon < 1 || s->horizon > LF_BACKTEST_MAX_DAYS)
        return lf_error_set(err, LF_ERR_ARG, "backtest horizon must be 1..%d days, got %d",
                            LF_BACKTEST_MAX_DAYS, s->horizon);
    if (s->step < 0 || s->step > LF_BACKTEST_MAX_DAYS)
        return lf_error_set(err, LF_ERR_ARG, "backtest step must be 1..%d days (0: the "
                            "horizon), got %d", LF_BACKTEST_MAX_DAYS, s->step);
    if (!(s->level > 0 && s->level < 1))
        return lf_error_set(err, LF_ERR_ARG, "interval level must be between 0 and 1, got %g",
                            s->level);
    if (s->agg != LF_AGG_SUM && s->agg != LF_AGG_MAX)
        return lf_error_set(err, LF_ERR_ARG, "unknown aggregation %d", (int)s->agg);
    if (s->min_train_days < 1)
        return lf_error_set(err, LF_ERR_ARG, "min_train_days must be at least 1, got %d",
                            s->min_train_days);
    return LF_OK;
}

int lf_candidates_check(const lf_candidate *c, size_t n, lf_error *err)
{
    if (!c || n == 0)
        return lf_error_set(err, LF_ERR_ARG, "a backtest or selection needs at least one "
                            "candidate model");
    for (size_t i = 0; i < n; i++) {
        const char *name = c[i].name;
        if (!memchr(name, '\0', sizeof c[i].name) || !name[0])
            return lf_error_set(err, LF_ERR_ARG, "candidate %zu has no name", i + 1);
        if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.+-") !=
            strlen(name))
            return lf_error_set(err, LF_ERR_ARG, "candidate name '%s' may use only letters, "
                                "digits and _ . + -", name);
        if (strcmp(name, LF_AUTO_MODEL_NAME) == 0)
            return lf_error_set(err, LF_ERR_ARG, "'%s' is reserved for the automatic choice; "
                                "rename candidate %zu", LF_AUTO_MODEL_NAME, i + 1);
        for (size_t j = 0; j < i; j++)
            if (strcmp(name, c[j].name) == 0)
                return lf_error_set(err, LF_ERR_ARG, "two candidates are named '%s'", name);
        if (strcmp(c[i].spec.target, c[0].spec.target) != 0)
            return lf_error_set(err, LF_ERR_ARG, "candidates must share one target: '%s' "
                                "forecasts %s, '%s' %s", c[0].name, c[0].spec.target, name,
                                c[i].spec.target);
    }
    return LF_OK;
}

void lf_backtest_free(lf_backtest *bt)
{
    if (!bt)
        return;
    free(bt->names);
    free(bt->starts);
    free(bt->actual);
    free(bt->mean);
    free(bt->lower);
    free(bt->upper);
    free(bt->seconds);
    free(bt->status);
    free(bt->notes);
    free(bt->accuracy);
    free(bt);
}

static lf_backtest *backtest_new(size_t nmodels, size_t norigins, size_t h, lf_error *err)
{
    lf_backtest *bt = calloc(1, sizeof *bt);
    size_t runs = nmodels * norigins, days = runs * h;
    if (bt) {
        bt->nmodels = nmodels;
        bt->norigins = norigins;
        bt->horizon = h;
        bt->names = calloc(nmodels, sizeof *bt->names);
        bt->starts = calloc(norigins, sizeof *bt->starts);
        bt->actual = malloc(norigins * h * sizeof *bt->actual);
        bt->mean = malloc(days * sizeof *bt->mean);
        bt->lower = malloc(days * sizeof *bt->lower);
        bt->upper = malloc(days * sizeof *bt->upper);
        bt->seconds = calloc(runs, sizeof *bt->seconds);
        bt->status = calloc(runs, sizeof *bt->status);
        bt->notes = calloc(runs, sizeof *bt->notes);
        bt->accuracy = calloc(nmodels * (norigins + 1) * LF_SCALE_COUNT,
                              sizeof *bt->accuracy);
    }
    if (!bt || !bt->names || !bt->starts || !bt->actual || !bt->mean || !bt->lower ||
        !bt->upper || !bt->seconds || !bt->status || !bt->notes || !bt->accuracy) {
        lf_backtest_free(bt);
        lf_error_set(err, LF_ERR_NOMEM, "out of memory for a backtest of %zu models x %zu "
                     "origins x %zu days", nmodels, norigins, h);
        return NULL;
    }
    for (size_t i = 0; i < days; i++)
        bt->mean[i] = bt->lower[i] = bt->upper[i] = NAN;
    return bt;
}

/* Origin starts back from last; each must leave min_train_days of training. */
static int place_origins(lf_backtest *bt, lf_date first, lf_date last, lf_error *err)
{
    const lf_backtest_spec *s = &bt->spec;
    for (size_t k = 0; k < bt->norigins; k++) {
        lf_date start = last - s->horizon + 1 - (lf_date)(bt->norigins - 1 - k) * s->step;
        if (start - first < s->min_train_days) {
            char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
            lf_date_format(first, a);
            lf_date_format(last, b);
            return lf_error_set(err, LF_ERR_ARG, "%s..%s is too short for %d origins of %d "
                                "days %d apart: the first origin would have %ld training "
                                "days, fewer than %d; use fewer origins, a shorter horizon "
                                "or step, or more days", a, b, s->origins, s->horizon,
                                s->step, (long)(start - first), s->min_train_days);
        }
        bt->starts[k] = start;
    }
    return LF_OK;
}

/* Copy a prediction into the model's slots for origin k. */
static void store(lf_backtest *bt, size_t m, size_t k, const lf_prediction *p)
{
    size_t at = (m * bt->norigins + k) * bt->horizon;
    memcpy(bt->mean + at, p->mean, bt->horizon * sizeof(double));
    memcpy(bt->lower + at, p->lower, bt->horizon * sizeof(double));
    memcpy(bt->upper + at, p->upper, bt->horizon * sizeof(double));
}

static void record_failure(lf_backtest *bt, size_t run, int rc, const lf_error *e)
{
    bt->status[run] = rc;
    snprintf(bt->notes[run], sizeof bt->notes[run], "%s", e->message);
}

/* Candidate m (or, with sel non-NULL, the automatic choice) at origin k. */
static void run_one(lf_backtest *bt, size_t m, size_t k, const lf_candidate *c, size_t n,
                    const lf_select_spec *sel, const lf_frame *frame, const lf_calendar *cal,
                    lf_date first)
{
    size_t run = m * bt->norigins + k;
    lf_date start = bt->starts[k], end = start + (lf_date)bt->horizon - 1;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    lf_error e = {0};
    lf_model *model = NULL;
    lf_selection *chosen = NULL;
    int rc = sel ? lf_select(c, n, sel, frame, cal, first, start - 1, &chosen, &e)
                 : lf_model_fit(&c[m].spec, frame, cal, first, start - 1, &model, &e);
    lf_prediction *p = NULL;
    if (rc == LF_OK)
        rc = lf_model_predict(sel ? chosen->model : model, frame, cal, start, end,
                              bt->spec.level, &p, &e);
    bt->seconds[run] = lf_backtest_seconds_since(&t0);
    if (rc == LF_OK) {
        store(bt, m, k, p);
        if (sel)
            snprintf(bt->notes[run], sizeof bt->notes[run], "chose %s (%s %.4g)",
                     c[chosen->chosen].name, chosen->spec.by == LF_SELECT_AICC
                         ? "AICc" : lf_select_metric_name(chosen->spec.metric),
                     chosen->score[chosen->chosen]);
    } else {
        record_failure(bt, run, rc, &e);
    }
    lf_prediction_free(p);
    lf_model_free(model);
    lf_selection_free(chosen);
}

int lf_backtest_run(const lf_candidate *c, size_t n, const lf_select_spec *select,
                    const lf_backtest_spec *spec, const lf_frame *frame,
                    const lf_calendar *cal, lf_date first, lf_date last, lf_backtest **out,
                    lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_backtest_run needs out");
    *out = NULL;
    if (!spec || !frame || !cal)
        return lf_error_set(err, LF_ERR_ARG, "lf_backtest_run needs a spec, a frame and a "
                            "calendar");
    int rc = check_spec(spec, err);
    if (rc == LF_OK)
        rc = lf_candidates_check(c, n, err);
    if (rc == LF_OK && select)
        rc = lf_select_spec_check(select, err);
    if (rc == LF_OK && first > last)
        rc = lf_error_set(err, LF_ERR_ARG, "backtest days are reversed");
    if (rc == LF_OK && (lf_frame_row(frame, first) < 0 || lf_frame_row(frame, last) < 0))
        rc = lf_error_set(err, LF_ERR_ARG, "backtest days lie outside the frame");
    const double *y = rc == LF_OK ? lf_model_target(&c[0].spec, frame, err) : NULL;
    if (rc == LF_OK && !y)
        rc = err ? err->code : LF_ERR_NOTFOUND;
    if (rc != LF_OK)
        return rc;
    lf_backtest *bt = backtest_new(n + (select != NULL), (size_t)spec->origins,
                                   (size_t)spec->horizon, err);
    if (!bt)
        return LF_ERR_NOMEM;
    bt->spec = *spec;
    if (bt->spec.step == 0)
        bt->spec.step = spec->horizon;
    rc = place_origins(bt, first, last, err);
    for (size_t m = 0; m < bt->nmodels; m++)
        snprintf(bt->names[m], sizeof bt->names[m], "%s",
                 m < n ? c[m].name : LF_AUTO_MODEL_NAME);
    for (size_t k = 0; rc == LF_OK && k < bt->norigins; k++) {
        memcpy(bt->actual + k * bt->horizon, y + lf_frame_row(frame, bt->starts[k]),
               bt->horizon * sizeof(double));
        for (size_t m = 0; m < bt->nmodels; m++)
            run_one(bt, m, k, c, n, m < n ? NULL : select, frame, cal, first);
    }
    if (rc == LF_OK)
        rc = lf_backtest_score(bt, y + lf_frame_row(frame, first), first, err);
    if (rc != LF_OK) {
        lf_backtest_free(bt);
        return rc;
    }
    *out = bt;
    return LF_OK;
}

const lf_accuracy *lf_backtest_accuracy(const lf_backtest *bt, size_t m, size_t o,
                                        lf_backtest_scale scale)
{
    return lf_backtest_slot((lf_backtest *)bt, m, o, scale);
}

long lf_backtest_model_index(const lf_backtest *bt, const char *name)
{
    for (size_t m = 0; m < bt->nmodels; m++)
        if (strcmp(bt->names[m], name) == 0)
            return (long)m;
    return -1;
}
