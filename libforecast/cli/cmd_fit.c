/* cmd_fit.c - `lfc fit`: fit the config's daily regression model, print the
 * coefficient table and fit statistics, and predict the test days with
 * intervals and the per-driver decomposition. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DAYS_SHOWN 14

static const char usage[] =
    "usage: lfc fit --config FILE [--out DIR] [--format table|csv|json|md] [--quiet]\n\n"
    "Fit the daily regression the config's 'model' section describes (target,\n"
    "features, method; see config.h) on its training days, then predict its test\n"
    "days (or, without test days, the training days) and write to DIR (default:\n"
    "output.dir of the config):\n"
    "  coefficients.csv     name, driver, estimate, std_error, t, p_value, dropped, note\n"
    "  fit_stats.csv        R2, adjusted R2, sigma, AIC, AICc, BIC, rows used...\n"
    "  predictions.csv      date, actual, predicted, interval, and how much of each\n"
    "                       day comes from base, trend, calendar, weather, economy,\n"
    "                       event (relative to the average training day), flags\n"
    "  degree_day_grid.csv  every degree-day base tried (when hdd/cdd: auto)\n"
    "On stdout: the coefficient table, fit statistics, test accuracy and the\n"
    "decomposed predictions (--format csv: the coefficients of coefficients.csv, or\n"
    "name,value of the parameters of a model without them; md: the same as a\n"
    "Markdown table; json: everything).\n";

static int run_fit(int argc, char **argv);
const lfc_command lfc_cmd_fit = {"fit", "fit the daily regression model; coefficients, "
                                 "decomposed predictions", usage, run_fit, NULL, 0};

/* Everything one run produces. */
typedef struct fit_run {
    const lf_config *cfg;
    const lf_project *project;
    lf_date train_first, train_last, pred_first, pred_last;
    int has_test;
    lf_model *model;
    lf_prediction *pred;
    const double *actual; /* target on the predicted days */
} fit_run;

/* ---- the run ----------------------------------------------------------------- */

static int choose_days(fit_run *r, lf_error *err)
{
    const lf_config *cfg = r->cfg;
    const lf_frame *d = r->project->daily;
    if (!d)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: lfc fit needs 'load' data", cfg->path);
    if (!cfg->has_model)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: no 'model' section; add one (see "
                            "lfc help fit and the sample project)", cfg->path);
    const lf_config_model *m = &cfg->model;
    r->train_first = m->has_train ? m->train_first : d->start;
    r->train_last = m->has_train ? m->train_last : lf_frame_end(d);
    r->has_test = m->has_test;
    r->pred_first = m->has_test ? m->test_first : r->train_first;
    r->pred_last = m->has_test ? m->test_last : r->train_last;
    return LF_OK;
}

static int fit_and_predict(fit_run *r, lf_error *err)
{
    const lf_project *p = r->project;
    const lf_config_model *m = &r->cfg->model;
    int rc = lf_model_fit(&m->spec, p->daily, p->calendar, r->train_first, r->train_last,
                          &r->model, err);
    if (rc == LF_OK)
        rc = lf_model_predict(r->model, p->daily, p->calendar, r->pred_first, r->pred_last,
                              m->level, &r->pred, err);
    if (rc == LF_OK)
        r->actual = lf_frame_column(p->daily, m->spec.target) +
                    lf_frame_row(p->daily, r->pred_first);
    return rc;
}

/* ---- files --------------------------------------------------------------------- */

static int write_grid(FILE *fp, const void *ctx)
{
    size_t n;
    const lf_grid_try *g = lf_model_grid(ctx, &n);
    fputs("hdd_base,cdd_base,aicc\n", fp);
    for (size_t i = 0; i < n; i++) {
        if (!isnan(g[i].hdd))
            fprintf(fp, "%g", g[i].hdd);
        fputc(',', fp);
        if (!isnan(g[i].cdd))
            fprintf(fp, "%g", g[i].cdd);
        fputc(',', fp);
        if (!isnan(g[i].aicc))
            fprintf(fp, "%.10g", g[i].aicc);
        fputc('\n', fp);
    }
    return 0;
}

static int write_outputs(const fit_run *r, const char *dir, lf_error *err)
{
    char path[4096];
    const lf_regress *fit = lf_model_regress(r->model); /* NULL for other kinds */
    size_t ntries;
    lf_model_grid(r->model, &ntries);
    int rc = lfc_make_dirs(dir, err);
    if (rc == LF_OK && fit &&
        (rc = lfc_path_in(path, sizeof path, dir, "coefficients.csv", err)) == 0)
        rc = lf_regress_write_coefficients(fit, path, err);
    if (rc == LF_OK && fit && (rc = lfc_path_in(path, sizeof path, dir, "fit_stats.csv", err)) == 0)
        rc = lf_regress_write_stats(fit, path, err);
    if (rc == LF_OK && (rc = lfc_path_in(path, sizeof path, dir, "predictions.csv", err)) == 0)
        rc = lf_prediction_write_csv(r->pred, r->actual, path, err);
    if (rc == LF_OK && ntries &&
        (rc = lfc_path_in(path, sizeof path, dir, "degree_day_grid.csv", err)) == 0)
        rc = lf_atomic_write(path, write_grid, r->model, err);
    return rc;
}

/* ---- stdout ---------------------------------------------------------------------- */

static void print_regression_header(const fit_run *r, const lf_regress *fit)
{
    const lf_fit_stats *s = &fit->stats;
    const lf_temperature_spec *t = &lf_model_spec_of(r->model)->features.temperature;
    printf("Regression by %s: %zu days used; left out %zu without the target, %zu "
           "without an input (lags, smoothing warm-up, missing weather)\n",
           lf_fit_method_name(fit->method), s->nobs, s->nobs_missing_target,
           s->nobs_missing_input);
    size_t ntries;
    lf_model_grid(r->model, &ntries);
    if (ntries) {
        printf("Degree-day bases chosen by AICc over %zu tries on %g..%g by %g:", ntries,
               t->grid_from, t->grid_to, t->grid_step);
        if (r->cfg->model.spec.features.temperature.auto_hdd)
            printf(" HDD %g degC", t->hdd[0]);
        if (r->cfg->model.spec.features.temperature.auto_cdd)
            printf(" CDD %g degC", t->cdd[0]);
        printf("\n");
    }
    for (size_t j = 0; j < fit->ncoef; j++)
        if (fit->coef[j].dropped)
            printf("warning: column '%s' left out: %s\n", fit->coef[j].name,
                   fit->coef[j].note);
}

static void print_header(const fit_run *r)
{
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    lf_date_format(r->train_first, a);
    lf_date_format(r->train_last, b);
    const lf_model_info *info = lf_model_info_of(r->model);
    printf("%s: daily %s model of %s, trained on %s .. %s\n", r->cfg->name, info->name,
           lf_model_spec_of(r->model)->target, a, b);
    size_t nparams;
    const lf_param *params = lf_model_params(r->model, &nparams);
    printf("Likelihood over %zu days: AICc %.2f (every parameter and sigma counted), "
           "sigma %.6g", info->nobs, info->aicc, info->sigma);
    for (size_t k = 0; k < nparams; k++)
        printf("%s %s %.4g", k ? "," : ";", params[k].name, params[k].value);
    printf("\n");
    if (lf_model_regress(r->model))
        print_regression_header(r, lf_model_regress(r->model));
}

static void print_coefficients(const lf_regress *fit)
{
    printf("\n%-26s %-8s %14s %12s %8s %9s\n", "coefficient", "driver", "estimate",
           "std_error", "t", "p");
    for (size_t j = 0; j < fit->ncoef; j++) {
        const lf_coef *c = &fit->coef[j];
        if (c->dropped)
            continue;
        printf("%-26.26s %-8s %14.6g %12.6g %8.2f", c->name, lf_driver_name(c->driver),
               c->estimate, c->std_error, c->t);
        lfc_print_cell(c->p_value, " %*.2g", 9);
        printf("\n");
    }
    const lf_fit_stats *s = &fit->stats;
    printf("\nR2 %.4f  adj. R2 %.4f  sigma %.6g  AIC %.2f  AICc %.2f  BIC %.2f  "
           "condition %.3g\n", s->r2, s->adj_r2, s->sigma, s->aic, s->aicc, s->bic,
           s->condition);
}

static size_t count_flag(const lf_prediction *p, unsigned flag)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nrows; i++)
        n += (p->flags[i] & flag) != 0;
    return n;
}

/* Monthly MAPE over complete months: sums for energy, peaks for MW targets. */
static void print_monthly_accuracy(const fit_run *r)
{
    const lf_prediction *p = r->pred;
    long c = lf_frame_column_index(r->project->daily, lf_model_spec_of(r->model)->target);
    int peak = c >= 0 && strcmp(r->project->daily->cols[c].unit, "MW") == 0;
    lf_date *starts = NULL;
    double *actual = NULL, *forecast = NULL;
    size_t n = 0;
    lf_accuracy acc;
    if (lf_accuracy_aggregate(p->first, p->nrows, r->actual, p->mean, LF_PERIOD_MONTH,
                              peak ? LF_AGG_MAX : LF_AGG_SUM, &starts, &actual, &forecast, &n,
                              NULL) == LF_OK && n > 0 &&
        lf_accuracy_compute(actual, forecast, NULL, NULL, n, 0.95, NAN, &acc, NULL) == LF_OK)
        printf("Monthly %s over %zu complete months: MAPE %.2f%%, bias %+.2f%%\n",
               peak ? "peaks" : "totals", n, acc.mape, acc.bias_pct);
    free(starts);
    free(actual);
    free(forecast);
}

static void print_accuracy(const fit_run *r)
{
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    lf_date_format(r->pred_first, a);
    lf_date_format(r->pred_last, b);
    const lf_prediction *p = r->pred;
    lf_accuracy acc;
    if (lf_accuracy_compute(r->actual, p->mean, p->lower, p->upper, p->nrows, p->level, NAN,
                            &acc, NULL) != LF_OK)
        return;
    printf("\n%s %s .. %s: %zu days with actuals", r->has_test ? "Test" : "In-sample", a, b,
           acc.n);
    if (acc.n)
        printf("; MAPE %.2f%%, RMSE %.6g, bias %+.6g, %.0f%% interval coverage %.1f%%",
               acc.mape, acc.rmse, acc.bias, 100 * p->level, 100 * acc.coverage);
    printf("\n");
    print_monthly_accuracy(r);
    size_t t = count_flag(p, LF_FLAG_TEMPERATURE_RANGE),
           e = count_flag(p, LF_FLAG_ECONOMY_RANGE), miss = count_flag(p, LF_FLAG_MISSING_INPUT);
    if (t || e || miss)
        printf("Flagged days: %zu with temperature outside the training range (squared "
               "terms continue linearly there), %zu with an economic driver outside it, "
               "%zu without a prediction (missing input)\n", t, e, miss);
}

static void print_predictions(const fit_run *r)
{
    const lf_prediction *p = r->pred;
    size_t n = p->nrows < DAYS_SHOWN ? p->nrows : DAYS_SHOWN;
    printf("\nDecomposed predictions (first %zu days; all in predictions.csv)\n", n);
    printf("%-10s %11s %11s %11s %11s", "date", "actual", "predicted", "lower", "upper");
    for (int g = 0; g < LF_DRIVER_COUNT; g++)
        printf(" %9s", lf_driver_name((lf_driver)g));
    printf(" flags\n");
    for (size_t i = 0; i < n; i++) {
        char day[LF_DATE_STRLEN], flags[64];
        lf_date_format(p->first + (lf_date)i, day);
        printf("%-10s", day);
        lfc_print_cell(r->actual[i], " %*.0f", 11);
        lfc_print_cell(p->mean[i], " %*.0f", 11);
        lfc_print_cell(p->lower[i], " %*.0f", 11);
        lfc_print_cell(p->upper[i], " %*.0f", 11);
        for (int g = 0; g < LF_DRIVER_COUNT; g++)
            lfc_print_cell(lf_prediction_contrib(p, i, (lf_driver)g), " %+*.0f", 9);
        printf(" %s\n", lf_flags_text(p->flags[i], flags, sizeof flags));
    }
    if (lf_model_regress(r->model))
        printf("base = the average training day; the other columns say how much each "
               "driver adds to or takes from it.\n");
    else
        printf("%s has no drivers: the whole forecast is its base.\n",
               lf_model_kind_name(lf_model_info_of(r->model)->kind));
}

static void print_table(const fit_run *r)
{
    print_header(r);
    if (lf_model_regress(r->model))
        print_coefficients(lf_model_regress(r->model));
    print_accuracy(r);
    print_predictions(r);
}

/* ---- JSON ------------------------------------------------------------------------- */

static void print_json_coefficients(const lf_regress *fit)
{
    const lf_fit_stats *s = &fit->stats;
    printf(",\n \"method\": \"%s\", \"stats\": {\"nobs\": %zu, ",
           lf_fit_method_name(fit->method), s->nobs);
    lfc_json_number("r2", s->r2, ", ");
    lfc_json_number("adj_r2", s->adj_r2, ", ");
    lfc_json_number("sigma", s->sigma, ", ");
    lfc_json_number("aic", s->aic, ", ");
    lfc_json_number("aicc", s->aicc, ", ");
    lfc_json_number("bic", s->bic, "},\n \"coefficients\": [");
    for (size_t j = 0; j < fit->ncoef; j++) {
        const lf_coef *c = &fit->coef[j];
        printf("%s\n  {\"name\": ", j ? "," : "");
        lfc_json_string(c->name);
        printf(", \"driver\": \"%s\", \"dropped\": %s, ", lf_driver_name(c->driver),
               c->dropped ? "true" : "false");
        lfc_json_number("estimate", c->estimate, ", ");
        lfc_json_number("std_error", c->std_error, ", ");
        lfc_json_number("t", c->t, ", ");
        lfc_json_number("p_value", c->p_value, ", \"note\": ");
        lfc_json_string(c->note);
        printf("}");
    }
    printf("]");
}

static void print_json(const fit_run *r)
{
    const lf_model_info *info = lf_model_info_of(r->model);
    printf("{\"name\": ");
    lfc_json_string(r->cfg->name);
    printf(", \"target\": ");
    lfc_json_string(lf_model_spec_of(r->model)->target);
    printf(", \"model\": ");
    lfc_json_string(info->name);
    printf(", \"info\": {\"nobs\": %zu, ", info->nobs);
    lfc_json_number("nparams", info->nparams, ", ");
    lfc_json_number("sigma", info->sigma, ", ");
    lfc_json_number("loglik", info->loglik, ", ");
    lfc_json_number("aicc", info->aicc, "}, \"params\": {");
    size_t nparams;
    const lf_param *params = lf_model_params(r->model, &nparams);
    for (size_t k = 0; k < nparams; k++)
        lfc_json_number(params[k].name, params[k].value, k + 1 < nparams ? ", " : "");
    printf("}");
    if (lf_model_regress(r->model))
        print_json_coefficients(lf_model_regress(r->model));
    printf(",\n \"predictions\": [");
    const lf_prediction *p = r->pred;
    for (size_t i = 0; i < p->nrows; i++) {
        char day[LF_DATE_STRLEN];
        lf_date_format(p->first + (lf_date)i, day);
        printf("%s\n  {\"date\": \"%s\", ", i ? "," : "", day);
        lfc_json_number("actual", r->actual[i], ", ");
        lfc_json_number("predicted", p->mean[i], ", ");
        lfc_json_number("lower", p->lower[i], ", ");
        lfc_json_number("upper", p->upper[i], ", ");
        for (int g = 0; g < LF_DRIVER_COUNT; g++)
            lfc_json_number(lf_driver_name((lf_driver)g), lf_prediction_contrib(p, i, (lf_driver)g),
                        ", ");
        printf("\"flags\": %u}", p->flags[i]);
    }
    printf("\n]}\n");
}

/* --format csv: the coefficients, or the parameters of a model without them. */
static void print_csv(FILE *fp, const void *ctx)
{
    const lf_model *model = ctx;
    if (lf_model_regress(model)) {
        lf_regress_write_coefficients_stream(fp, lf_model_regress(model));
        return;
    }
    size_t n;
    const lf_param *params = lf_model_params(model, &n);
    fprintf(fp, "name,value\n");
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "%s,%.10g\n", params[k].name, params[k].value);
}

static int show(const lfc_options *opt, const fit_run *r, lf_error *err)
{
    if (opt->quiet)
        return LF_OK;
    if (opt->format == LFC_JSON)
        print_json(r);
    else if (opt->format == LFC_CSV)
        print_csv(stdout, r->model);
    else if (opt->format == LFC_MD)
        return lfc_csv_fn_to_markdown(stdout, print_csv, r->model, err);
    else
        print_table(r);
    return LF_OK;
}

static int run_fit(int argc, char **argv)
{
    lfc_options opt;
    int code = lfc_parse_options(&lfc_cmd_fit, argc, argv, &opt);
    if (code != LFC_OK)
        return code < 0 ? LFC_OK : code;
    lf_error err;
    lf_error_clear(&err);
    lf_config *cfg = NULL;
    lf_project *project = NULL;
    fit_run r;
    memset(&r, 0, sizeof r);
    int rc = lfc_open_project(opt.config, &cfg, &project, &err);
    r.cfg = cfg;
    r.project = project;
    if (rc == LF_OK)
        rc = choose_days(&r, &err);
    if (rc == LF_OK)
        rc = fit_and_predict(&r, &err);
    if (rc == LF_OK)
        rc = write_outputs(&r, opt.out ? opt.out : cfg->output_dir, &err);
    if (rc == LF_OK)
        rc = show(&opt, &r, &err);
    code = rc == LF_OK ? LFC_OK : lfc_fail("fit", &err);
    lf_prediction_free(r.pred);
    lf_model_free(r.model);
    lf_project_free(project);
    lf_config_free(cfg);
    return code;
}
