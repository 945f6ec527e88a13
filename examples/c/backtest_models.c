/* backtest_models.c - compare three daily models on a rolling origin and let
 * cross-validation choose among them: a weather regression, exponential
 * smoothing and the same weekday last year.
 *
 *   cc backtest_models.c $(pkg-config --cflags --libs libforecast)
 *   ./a.out ../../datasets/sample/project.yaml
 *
 * The project config supplies the data; the candidates are specified here in
 * C (lfc backtest reads the same from the config's 'candidates' section).
 */
#include <libforecast.h>
#include <stdio.h>
#include <string.h>

static void make_candidates(lf_candidate c[3])
{
    memset(c, 0, 3 * sizeof *c);
    strcpy(c[0].name, "regression");
    lf_model_spec_init(&c[0].spec);
    lf_feature_spec *f = &c[0].spec.features;
    f->trend = 1; /* linear, in years: the sample's economy grows */
    f->day_of_week = f->month = f->holiday = f->makeup_workday = 1;
    f->temperature.hdd[f->temperature.nhdd++] = 14;
    f->temperature.cdd[f->temperature.ncdd++] = 22;
    f->temperature.smooth[f->temperature.nsmooth++] = 0.5;
    c[0].spec.ar_order = -1; /* AR errors, order by AICc */

    strcpy(c[1].name, "ets");
    lf_model_spec_init(&c[1].spec);
    c[1].spec.kind = LF_MODEL_ETS; /* ETS(A,Ad,A), weekly */

    strcpy(c[2].name, "last_year");
    lf_model_spec_init(&c[2].spec);
    c[2].spec.kind = LF_MODEL_SNAIVE;
    c[2].spec.season_lag = 364;
}

static void print_accuracy(const lf_backtest *bt)
{
    printf("%-12s %8s %8s %9s %9s %9s\n", "model", "MAPE %", "MASE", "cover %", "month %",
           "seconds");
    for (size_t m = 0; m < bt->nmodels; m++) {
        const lf_accuracy *d = lf_backtest_accuracy(bt, m, LF_BACKTEST_POOLED, LF_SCALE_DAILY);
        const lf_accuracy *mo = lf_backtest_accuracy(bt, m, LF_BACKTEST_POOLED,
                                                     LF_SCALE_MONTHLY);
        double seconds = 0;
        for (size_t k = 0; k < bt->norigins; k++)
            seconds += bt->seconds[m * bt->norigins + k];
        printf("%-12s %8.2f %8.3f %9.1f %9.2f %9.3f\n", bt->names[m], d->mape, d->mase,
               100 * d->coverage, mo->mape, seconds);
    }
    for (size_t k = 0; k < bt->norigins; k++)
        printf("origin %zu: auto %s\n", k + 1, bt->notes[(bt->nmodels - 1) * bt->norigins + k]);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s PROJECT.yaml\n", argv[0]);
        return 1;
    }
    lf_error err;
    lf_config *cfg = NULL;
    lf_project *project = NULL;
    lf_backtest *bt = NULL;
    lf_candidate c[3];
    make_candidates(c);
    lf_backtest_spec spec;      /* 2 origins of 91 days, ending 2024-12-31 */
    lf_backtest_spec_init(&spec);
    spec.origins = 2;
    spec.horizon = 91;
    lf_select_spec select;      /* auto: CV on 2 origins of 61 days in each training */
    lf_select_spec_init(&select);
    select.cv.origins = 2;
    select.cv.horizon = 61;
    select.cv.step = 61;
    int rc = lf_config_load(argv[1], &cfg, &err);
    if (rc == LF_OK)
        rc = lf_project_load(cfg, &project, &err);
    if (rc == LF_OK)
        rc = lf_backtest_run(c, 3, &select, &spec, project->daily, project->calendar,
                             lf_date_from_ymd(2021, 1, 1), lf_date_from_ymd(2024, 12, 31), &bt,
                             &err);
    if (rc == LF_OK)
        print_accuracy(bt);
    else
        fprintf(stderr, "error: %s\n", err.message);
    lf_backtest_free(bt);
    lf_project_free(project);
    lf_config_free(cfg);
    return rc == LF_OK ? 0 : 2;
}
