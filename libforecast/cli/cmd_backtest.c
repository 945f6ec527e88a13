/* cmd_backtest.c - `lfc backtest`: rolling-origin evaluation of the config's
 * candidate models (and of the automatic choice among them), a pooled
 * accuracy table, and the selection a forecast would use today. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: lfc backtest --config FILE [--out DIR] [--format table|csv|json|md] [--quiet]\n\n"
    "Evaluate the config's 'candidates' (or, without them, its 'model') on a rolling\n"
    "origin as its 'backtest' section says (default: one origin forecasting the\n"
    "last 365 days with a target), with the actual weather of the forecast days\n"
    "(ex post).  With a 'selection' section the automatic choice among the\n"
    "candidates is evaluated too, as model 'auto' (re-selected at every origin on\n"
    "that origin's training days), and the choice on all days is reported.\n"
    "Keys: lfc help fit and include/libforecast/config.h.  Writes to DIR (default:\n"
    "output.dir of the config):\n"
    "  backtest_forecasts.csv  model, origin, date, actual, forecast, lower, upper\n"
    "  backtest_accuracy.csv   model, origin (or all), scale (daily, monthly, yearly),\n"
    "                          n, MAE, RMSE, MAPE, sMAPE, MASE, bias, bias %, pinball,\n"
    "                          coverage, Winkler score\n"
    "  backtest_timing.csv     model, origin, seconds (fit + forecast), status, note\n"
    "  selection.csv           with 'selection': candidate, score, AICc, chosen, note\n"
    "On stdout: pooled accuracy per model (--format csv: the pooled rows of\n"
    "backtest_accuracy.csv; md: the same as a Markdown table; json: the same with\n"
    "the selection).\n";

static int run_backtest(int argc, char **argv);
const lfc_command lfc_cmd_backtest = {"backtest", "rolling-origin accuracy of candidate "
                                      "models and the automatic choice", usage,
                                      run_backtest, NULL, 0};

typedef struct bt_run {
    const lf_config *cfg;
    const lf_project *project;
    lf_candidate single;            /* the model section when there are no candidates */
    const lf_candidate *cands;
    size_t ncands;
    const lf_select_spec *select;   /* NULL without a selection section */
    lf_backtest_spec spec;
    lf_date first, last;
    lf_backtest *bt;
    lf_selection *sel;              /* the choice on all days */
} bt_run;

static int choose_candidates(bt_run *r, lf_error *err)
{
    const lf_config *cfg = r->cfg;
    if (cfg->ncandidates) {
        r->cands = cfg->candidates;
        r->ncands = cfg->ncandidates;
    } else if (cfg->has_model) {
        memset(&r->single, 0, sizeof r->single);
        snprintf(r->single.name, sizeof r->single.name, "%s",
                 lf_model_kind_name(cfg->model.spec.kind));
        r->single.spec = cfg->model.spec;
        r->cands = &r->single;
        r->ncands = 1;
    } else {
        return lf_error_set(err, LF_ERR_CONFIG, "%s: lfc backtest needs 'candidates' or a "
                            "'model' section", cfg->path);
    }
    if (cfg->has_selection && r->ncands < 2)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: 'selection' needs at least two "
                            "'candidates'", cfg->path);
    r->select = cfg->has_selection ? &cfg->selection : NULL;
    return LF_OK;
}

/* The first and last day with a target (0 when none). */
static int target_days(const lf_frame *d, const char *target, lf_date *first, lf_date *last,
                       lf_error *err)
{
    const double *y = lf_frame_column(d, target);
    if (!y)
        return lf_error_set(err, LF_ERR_NOTFOUND, "target column '%s' is not in the data",
                            target);
    long a = 0, b = (long)d->ndays - 1;
    while (a <= b && isnan(y[a]))
        a++;
    while (b >= a && isnan(y[b]))
        b--;
    if (a > b)
        return lf_error_set(err, LF_ERR_DATA, "target column '%s' has no values", target);
    *first = d->start + (lf_date)a;
    *last = d->start + (lf_date)b;
    return LF_OK;
}

/* Days and spec: the backtest section, else the model's training start,
 * else the days with a target; aggregation by the target's name. */
static int choose_days(bt_run *r, lf_error *err)
{
    const lf_config *cfg = r->cfg;
    const lf_frame *d = r->project->daily;
    if (!d)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: lfc backtest needs 'load' data",
                            cfg->path);
    const char *target = r->cands[0].spec.target;
    int rc = target_days(d, target, &r->first, &r->last, err);
    if (rc != LF_OK)
        return rc;
    const lf_config_backtest *b = &cfg->backtest;
    if (cfg->has_backtest)
        r->spec = b->spec;
    else
        lf_backtest_spec_init(&r->spec);
    if (b->has_first)
        r->first = b->first;
    else if (cfg->has_model && cfg->model.has_train)
        r->first = cfg->model.train_first;
    if (b->has_last)
        r->last = b->last;
    if (!b->has_agg)
        r->spec.agg = strncmp(target, "peak", 4) == 0 ? LF_AGG_MAX : LF_AGG_SUM;
    return LF_OK;
}

static int run(bt_run *r, lf_error *err)
{
    const lf_project *p = r->project;
    int rc = lf_backtest_run(r->cands, r->ncands, r->select, &r->spec, p->daily, p->calendar,
                             r->first, r->last, &r->bt, err);
    if (rc == LF_OK && r->select)
        rc = lf_select(r->cands, r->ncands, r->select, p->daily, p->calendar, r->first,
                       r->last, &r->sel, err);
    return rc;
}

static int write_outputs(const bt_run *r, const char *dir, lf_error *err)
{
    char path[4096];
    int rc = lfc_make_dirs(dir, err);
    if (rc == LF_OK && (rc = lfc_path_in(path, sizeof path, dir, "backtest_forecasts.csv",
                                         err)) == LF_OK)
        rc = lf_backtest_write_forecasts(r->bt, path, err);
    if (rc == LF_OK && (rc = lfc_path_in(path, sizeof path, dir, "backtest_accuracy.csv",
                                         err)) == LF_OK)
        rc = lf_backtest_write_accuracy(r->bt, path, err);
    if (rc == LF_OK && (rc = lfc_path_in(path, sizeof path, dir, "backtest_timing.csv",
                                         err)) == LF_OK)
        rc = lf_backtest_write_timing(r->bt, path, err);
    if (rc == LF_OK && r->sel &&
        (rc = lfc_path_in(path, sizeof path, dir, "selection.csv", err)) == LF_OK)
        rc = lf_selection_write(r->sel, r->cands, path, err);
    return rc;
}

/* ---- stdout ---------------------------------------------------------------------- */

static double total_seconds(const lf_backtest *bt, size_t m)
{
    double s = 0;
    for (size_t k = 0; k < bt->norigins; k++)
        s += bt->seconds[m * bt->norigins + k];
    return s;
}

static size_t failures(const lf_backtest *bt, size_t m)
{
    size_t n = 0;
    for (size_t k = 0; k < bt->norigins; k++)
        n += bt->status[m * bt->norigins + k] != LF_OK;
    return n;
}

static void print_header(const bt_run *r)
{
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN], c[LF_DATE_STRLEN];
    const lf_backtest *bt = r->bt;
    lf_date_format(r->first, a);
    lf_date_format(bt->starts[0], b);
    lf_date_format(r->last, c);
    printf("%s: backtest of %s, %zu origin%s of %zu days every %d days (first forecast %s, "
           "last day %s), training from %s, ex post weather\n", r->cfg->name,
           r->cands[0].spec.target, bt->norigins, bt->norigins == 1 ? "" : "s", bt->horizon,
           bt->spec.step, b, c, a);
    printf("Monthly and yearly values: %s of the days of complete calendar periods\n\n",
           bt->spec.agg == LF_AGG_MAX ? "peak" : "total");
}

static void print_table(const bt_run *r)
{
    const lf_backtest *bt = r->bt;
    print_header(r);
    printf("%-22s %8s %10s %7s %7s %8s %8s %8s %8s %9s\n", "model", "MAPE %", "RMSE", "MASE",
           "bias %", "cover %", "month %", "year %", "seconds", "failures");
    for (size_t m = 0; m < bt->nmodels; m++) {
        const lf_accuracy *d = lf_backtest_accuracy(bt, m, LF_BACKTEST_POOLED, LF_SCALE_DAILY);
        printf("%-22s", bt->names[m]);
        lfc_print_cell(d->mape, " %*.2f", 8);
        lfc_print_cell(d->rmse, " %*.1f", 10);
        lfc_print_cell(d->mase, " %*.3f", 7);
        lfc_print_cell(d->bias_pct, " %*.2f", 7);
        lfc_print_cell(100 * d->coverage, " %*.1f", 8);
        lfc_print_cell(lf_backtest_accuracy(bt, m, LF_BACKTEST_POOLED, LF_SCALE_MONTHLY)->mape,
                       " %*.2f", 8);
        lfc_print_cell(lf_backtest_accuracy(bt, m, LF_BACKTEST_POOLED, LF_SCALE_YEARLY)->mape,
                       " %*.2f", 8);
        printf(" %8.2f %9zu\n", total_seconds(bt, m), failures(bt, m));
    }
    printf("\nMAPE, RMSE, MASE, bias and coverage (of the %.0f%% interval) are of daily "
           "values pooled over origins;\nmonth %% and year %% are the MAPE of complete months "
           "and years (- when none).\n", 100 * bt->spec.level);
    for (size_t m = 0; m < bt->nmodels; m++)
        for (size_t k = 0; k < bt->norigins; k++)
            if (bt->notes[m * bt->norigins + k][0]) {
                char day[LF_DATE_STRLEN];
                lf_date_format(bt->starts[k], day);
                printf("%s at %s: %s\n", bt->names[m], day, bt->notes[m * bt->norigins + k]);
            }
    if (r->sel)
        printf("\nSelection on all days (%s): %s (score %.4g; table in selection.csv)\n",
               r->sel->spec.by == LF_SELECT_AICC ? "AICc"
                                                 : lf_select_metric_name(r->sel->spec.metric),
               r->cands[r->sel->chosen].name, r->sel->score[r->sel->chosen]);
}

static void print_csv(FILE *fp, const void *ctx)
{
    const lf_backtest *bt = ctx;
    fprintf(fp, "model,scale,n,mae,rmse,mape,smape,mase,bias,bias_pct,pinball,coverage,"
                "seconds\n");
    for (size_t m = 0; m < bt->nmodels; m++)
        for (int s = 0; s < LF_SCALE_COUNT; s++) {
            const lf_accuracy *a = lf_backtest_accuracy(bt, m, LF_BACKTEST_POOLED,
                                                        (lf_backtest_scale)s);
            fprintf(fp, "%s,%s,%zu,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,"
                    "%.6f\n",
                    bt->names[m], lf_backtest_scale_name((lf_backtest_scale)s), a->n, a->mae,
                    a->rmse, a->mape, a->smape, a->mase, a->bias, a->bias_pct, a->pinball,
                    a->coverage, total_seconds(bt, m));
        }
}

static void print_json_model(const lf_backtest *bt, size_t m, const char *sep)
{
    printf("  {\"name\": ");
    lfc_json_string(bt->names[m]);
    printf(", ");
    lfc_json_number("seconds", total_seconds(bt, m), ", ");
    printf("\"failures\": %zu", failures(bt, m));
    for (int s = 0; s < LF_SCALE_COUNT; s++) {
        const lf_accuracy *a = lf_backtest_accuracy(bt, m, LF_BACKTEST_POOLED,
                                                    (lf_backtest_scale)s);
        printf(", \"%s\": {\"n\": %zu, ", lf_backtest_scale_name((lf_backtest_scale)s), a->n);
        lfc_json_number("mae", a->mae, ", ");
        lfc_json_number("rmse", a->rmse, ", ");
        lfc_json_number("mape", a->mape, ", ");
        lfc_json_number("smape", a->smape, ", ");
        lfc_json_number("mase", a->mase, ", ");
        lfc_json_number("bias_pct", a->bias_pct, ", ");
        lfc_json_number("pinball", a->pinball, ", ");
        lfc_json_number("coverage", a->coverage, "}");
    }
    printf("}%s\n", sep);
}

static void print_json(const bt_run *r)
{
    const lf_backtest *bt = r->bt;
    printf("{\"target\": ");
    lfc_json_string(r->cands[0].spec.target);
    printf(", \"origins\": %zu, \"horizon\": %zu, \"step\": %d,\n \"models\": [\n",
           bt->norigins, bt->horizon, bt->spec.step);
    for (size_t m = 0; m < bt->nmodels; m++)
        print_json_model(bt, m, m + 1 < bt->nmodels ? "," : "");
    printf(" ]");
    if (r->sel) {
        printf(",\n \"selection\": {\"chosen\": ");
        lfc_json_string(r->cands[r->sel->chosen].name);
        printf(", \"scores\": {");
        for (size_t i = 0; i < r->sel->ncandidates; i++)
            lfc_json_number(r->cands[i].name, r->sel->score[i],
                            i + 1 < r->sel->ncandidates ? ", " : "}}");
    }
    printf("}\n");
}

static int show(const lfc_options *opt, const bt_run *r, lf_error *err)
{
    if (opt->quiet)
        return LF_OK;
    if (opt->format == LFC_JSON)
        print_json(r);
    else if (opt->format == LFC_CSV)
        print_csv(stdout, r->bt);
    else if (opt->format == LFC_MD)
        return lfc_csv_fn_to_markdown(stdout, print_csv, r->bt, err);
    else
        print_table(r);
    return LF_OK;
}

/* The second of three stages: all of the library's work, in one call. */
static int run_stage(bt_run *r, lfc_progress *progress, lf_error *err)
{
    char what[96];
    snprintf(what, sizeof what, "backtesting %zu model%s%s", r->ncands,
             r->ncands == 1 ? "" : "s", r->select ? " and the choice among them" : "");
    lfc_progress_step(progress, what);
    return run(r, err);
}

static int run_backtest(int argc, char **argv)
{
    lfc_options opt;
    int code = lfc_parse_options(&lfc_cmd_backtest, argc, argv, &opt);
    if (code != LFC_OK)
        return code < 0 ? LFC_OK : code;
    lf_error err;
    lf_error_clear(&err);
    lf_config *cfg = NULL;
    lf_project *project = NULL;
    bt_run r;
    memset(&r, 0, sizeof r);
    lfc_progress progress;
    lfc_progress_begin(&progress, "backtest", 3, lfc_progress_wanted(&opt));
    lfc_progress_step(&progress, "reading data");
    int rc = lfc_open_project(opt.config, &cfg, &project, &err);
    r.cfg = cfg;
    r.project = project;
    if (rc == LF_OK)
        rc = choose_candidates(&r, &err);
    if (rc == LF_OK)
        rc = choose_days(&r, &err);
    if (rc == LF_OK)
        rc = run_stage(&r, &progress, &err);
    if (rc == LF_OK) {
        lfc_progress_step(&progress, "writing");
        rc = write_outputs(&r, opt.out ? opt.out : cfg->output_dir, &err);
    }
    lfc_progress_end(&progress);
    if (rc == LF_OK)
        rc = show(&opt, &r, &err);
    code = rc == LF_OK ? LFC_OK : lfc_fail("backtest", &err);
    lf_selection_free(r.sel);
    lf_backtest_free(r.bt);
    lf_project_free(project);
    lf_config_free(cfg);
    return code;
}
