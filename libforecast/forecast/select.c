/* select.c - automatic model selection among candidates by cross-validated
 * accuracy or by AICc, and the selection table (see backtest.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backtest_internal.h"
#include "libforecast/atomic.h"
#include "../io/csv_out.h"

const char *lf_select_metric_name(lf_select_metric metric)
{
    static const char *const names[LF_METRIC_COUNT] = {"mape",  "rmse", "mae",
                                                       "smape", "mase", "pinball"};
    return (unsigned)metric < LF_METRIC_COUNT ? names[metric] : "?";
}

double lf_accuracy_measure(const lf_accuracy *a, lf_select_metric metric)
{
    switch (metric) {
    case LF_METRIC_MAPE: return a->mape;
    case LF_METRIC_RMSE: return a->rmse;
    case LF_METRIC_MAE: return a->mae;
    case LF_METRIC_SMAPE: return a->smape;
    case LF_METRIC_MASE: return a->mase;
    case LF_METRIC_PINBALL: return a->pinball;
    }
    return NAN;
}

void lf_select_spec_init(lf_select_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->by = LF_SELECT_CV;
    spec->metric = LF_METRIC_MAPE;
    lf_backtest_spec_init(&spec->cv);
    spec->cv.origins = 3;
    spec->cv.horizon = 91;
    spec->cv.step = 91;
}

int lf_select_spec_check(const lf_select_spec *s, lf_error *err)
{
    if (s->by != LF_SELECT_CV && s->by != LF_SELECT_AICC)
        return lf_error_set(err, LF_ERR_ARG, "unknown selection criterion %d", (int)s->by);
    if ((unsigned)s->metric >= LF_METRIC_COUNT)
        return lf_error_set(err, LF_ERR_ARG, "unknown selection metric %d", (int)s->metric);
    return LF_OK;
}

void lf_selection_free(lf_selection *sel)
{
    if (!sel)
        return;
    free(sel->score);
    free(sel->aicc);
    lf_backtest_free(sel->cv);
    lf_model_free(sel->model);
    free(sel);
}

/* Every candidate fitted on all days (NULL where the fit failed). */
static lf_model **fit_all(const lf_candidate *c, size_t n, const lf_frame *frame,
                          const lf_calendar *cal, lf_date first, lf_date last, lf_error *err)
{
    lf_model **models = calloc(n, sizeof *models);
    if (!models) {
        lf_error_set(err, LF_ERR_NOMEM, "out of memory for a selection");
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (lf_model_fit(&c[i].spec, frame, cal, first, last, &models[i], NULL) != LF_OK)
            models[i] = NULL;
    return models;
}

/* CV: each candidate's tuning (degree-day bases) is taken from its fit on
 * all days, then the pooled daily metric of the tuned candidates, for those
 * that worked at every origin. */
static int score_by_cv(lf_selection *sel, const lf_candidate *c, size_t n,
                       lf_model **models, const lf_frame *frame, const lf_calendar *cal,
                       lf_date first, lf_date last, lf_error *err)
{
    lf_candidate *tuned = malloc(n * sizeof *tuned);
    if (!tuned)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for a selection");
    for (size_t i = 0; i < n; i++) {
        tuned[i] = c[i];
        if (models[i])
            tuned[i].spec = *lf_model_spec_of(models[i]);
    }
    int rc = lf_backtest_run(tuned, n, NULL, &sel->spec.cv, frame, cal, first, last, &sel->cv,
                             err);
    free(tuned);
    for (size_t i = 0; rc == LF_OK && i < n; i++) {
        int ok = models[i] != NULL;
        for (size_t k = 0; k < sel->cv->norigins; k++)
            ok = ok && sel->cv->status[i * sel->cv->norigins + k] == LF_OK;
        const lf_accuracy *a = lf_backtest_accuracy(sel->cv, i, LF_BACKTEST_POOLED,
                                                    LF_SCALE_DAILY);
        sel->score[i] = ok ? lf_accuracy_measure(a, sel->spec.metric) : NAN;
    }
    return rc;
}

/* AICc of each fit on all days. */
static void score_by_aicc(lf_selection *sel, lf_model **models, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (models[i])
            sel->aicc[i] = sel->score[i] = lf_model_info_of(models[i])->aicc;
}

/* Why a candidate has no score: its first failure in the CV backtest, or
 * its fit on all training days ("" when it has a score). */
static const char *reason(const lf_selection *sel, size_t i)
{
    if (!isnan(sel->score[i]))
        return "";
    for (size_t k = 0; sel->cv && k < sel->cv->norigins; k++)
        if (sel->cv->status[i * sel->cv->norigins + k] != LF_OK)
            return sel->cv->notes[i * sel->cv->norigins + k];
    return "the fit on all training days failed";
}

/* The lowest finite score (ties: the earlier); LF_ERR_DATA when none. */
static int choose(lf_selection *sel, const lf_candidate *c, size_t n, lf_error *err)
{
    int found = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(sel->score[i]) && (!found || sel->score[i] < sel->score[sel->chosen])) {
            sel->chosen = i;
            found = 1;
        }
    if (found)
        return LF_OK;
    char why[LF_ERROR_MESSAGE_MAX] = "";
    size_t len = 0;
    for (size_t i = 0; i < n && len < sizeof why; i++)
        len += (size_t)snprintf(why + len, sizeof why - len, "%s%s: %s", i ? "; " : "",
                                c[i].name, reason(sel, i));
    return lf_error_set(err, LF_ERR_DATA, "no candidate could be scored: %s", why);
}

int lf_select(const lf_candidate *c, size_t n, const lf_select_spec *spec,
              const lf_frame *frame, const lf_calendar *cal, lf_date first, lf_date last,
              lf_selection **out, lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "lf_select needs out");
    *out = NULL;
    if (!spec || !frame || !cal)
        return lf_error_set(err, LF_ERR_ARG, "lf_select needs a spec, a frame and a calendar");
    int rc = lf_candidates_check(c, n, err);
    if (rc == LF_OK)
        rc = lf_select_spec_check(spec, err);
    if (rc != LF_OK)
        return rc;
    lf_selection *sel = calloc(1, sizeof *sel);
    if (sel) {
        sel->score = malloc(n * sizeof *sel->score);
        sel->aicc = malloc(n * sizeof *sel->aicc);
    }
    if (!sel || !sel->score || !sel->aicc) {
        lf_selection_free(sel);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for a selection");
    }
    sel->spec = *spec;
    sel->ncandidates = n;
    for (size_t i = 0; i < n; i++)
        sel->score[i] = sel->aicc[i] = NAN;
    lf_model **models = fit_all(c, n, frame, cal, first, last, err);
    if (!models)
        rc = LF_ERR_NOMEM;
    else if (spec->by == LF_SELECT_AICC)
        score_by_aicc(sel, models, n);
    else
        rc = score_by_cv(sel, c, n, models, frame, cal, first, last, err);
    if (rc == LF_OK)
        rc = choose(sel, c, n, err);
    if (rc == LF_OK) {
        sel->model = models[sel->chosen]; /* the chosen fit is kept, the others freed */
        models[sel->chosen] = NULL;
    }
    for (size_t i = 0; models && i < n; i++)
        lf_model_free(models[i]);
    free(models);
    if (rc != LF_OK) {
        lf_selection_free(sel);
        return rc;
    }
    *out = sel;
    return LF_OK;
}

typedef struct table_ctx {
    const lf_selection *sel;
    const lf_candidate *c;
} table_ctx;

static int write_table(FILE *fp, const void *ctx)
{
    const table_ctx *t = ctx;
    fputs("candidate,score,aicc,chosen,note\n", fp);
    for (size_t i = 0; i < t->sel->ncandidates; i++) {
        fputs(t->c[i].name, fp);
        lf_csv_put_number(fp, ",", t->sel->score[i]);
        lf_csv_put_number(fp, ",", t->sel->aicc[i]);
        fprintf(fp, ",%d,", i == t->sel->chosen);
        lf_csv_put_text(fp, reason(t->sel, i));
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

int lf_selection_write(const lf_selection *sel, const lf_candidate *c, const char *path,
                       lf_error *err)
{
    table_ctx t = {sel, c};
    return lf_atomic_write(path, write_table, &t, err);
}
