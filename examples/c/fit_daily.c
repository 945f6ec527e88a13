/* fit_daily.c - fit a daily energy regression on the bundled sample and
 * explain a forecast: the coefficient table, then each predicted day split
 * into base, calendar, weather and economy.
 *
 *   cc fit_daily.c $(pkg-config --cflags --libs libforecast)
 *   ./a.out ../../datasets/sample/project.yaml
 *
 * The project config supplies the data (load, weather, economy, calendar);
 * the model is specified here in C to show the API (lfc fit reads the same
 * spec from the config's 'model' section).
 */
#include <libforecast.h>
#include <stdio.h>
#include <string.h>

static void make_spec(lf_model_spec *spec)
{
    lf_model_spec_init(spec);                /* target energy_mwh, OLS */
    lf_feature_spec *f = &spec->features;
    f->day_of_week = f->month = f->holiday = f->makeup_workday = 1;
    f->windows[f->nwindows++] = (lf_holiday_window){"Spring Festival", 10, 20};
    lf_temperature_spec *t = &f->temperature;  /* column tmean_c by default */
    t->auto_hdd = t->auto_cdd = 1;           /* bases chosen by AICc on 10..26 degC */
    t->smooth[t->nsmooth++] = 0.5;           /* heat build-up over hot spells */
    f->economy[f->neconomy++] = (lf_economy_term){"gdp_bn_cny", 1};
}

static void print_coefficients(const lf_regress *fit)
{
    printf("%-24s %-8s %12s %10s %7s\n", "coefficient", "driver", "estimate", "std_err", "t");
    for (size_t j = 0; j < fit->ncoef; j++) {
        const lf_coef *c = &fit->coef[j];
        if (c->dropped)
            printf("%-24s dropped: %s\n", c->name, c->note);
        else
            printf("%-24s %-8s %12.1f %10.1f %7.2f\n", c->name, lf_driver_name(c->driver),
                   c->estimate, c->std_error, c->t);
    }
    printf("R2 %.4f, sigma %.0f MWh, AICc %.1f, %zu days\n\n", fit->stats.r2,
           fit->stats.sigma, fit->stats.aicc, fit->stats.nobs);
}

static void print_forecast(const lf_prediction *p, const double *actual)
{
    printf("%-10s %9s %9s %19s %9s %9s %9s %9s\n", "date", "actual", "forecast", "95% interval",
           "base", "calendar", "weather", "economy");
    for (size_t i = 0; i < p->nrows; i++) {
        char day[LF_DATE_STRLEN];
        lf_date_format(p->first + (lf_date)i, day);
        printf("%-10s %9.0f %9.0f %9.0f..%-9.0f %9.0f %+9.0f %+9.0f %+9.0f\n", day, actual[i],
               p->mean[i], p->lower[i], p->upper[i], lf_prediction_contrib(p, i, LF_DRIVER_BASE),
               lf_prediction_contrib(p, i, LF_DRIVER_CALENDAR),
               lf_prediction_contrib(p, i, LF_DRIVER_WEATHER),
               lf_prediction_contrib(p, i, LF_DRIVER_ECONOMY));
    }
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
    lf_model *model = NULL;
    lf_prediction *pred = NULL;
    lf_model_spec spec;
    make_spec(&spec);
    lf_date train_first = lf_date_from_ymd(2021, 1, 1), train_last = lf_date_from_ymd(2023, 12, 31);
    lf_date first = lf_date_from_ymd(2024, 7, 20), last = lf_date_from_ymd(2024, 8, 2);
    int rc = lf_config_load(argv[1], &cfg, &err);
    if (rc == LF_OK)
        rc = lf_project_load(cfg, &project, &err);
    if (rc == LF_OK)
        rc = lf_model_fit(&spec, project->daily, project->calendar, train_first, train_last,
                          &model, &err);
    if (rc == LF_OK)
        rc = lf_model_predict(model, project->daily, project->calendar, first, last, 0.95,
                              &pred, &err);
    if (rc == LF_OK) {
        const lf_temperature_spec *t = &lf_model_spec_of(model)->features.temperature;
        printf("Degree-day bases chosen: HDD %g degC, CDD %g degC\n\n", t->hdd[0], t->cdd[0]);
        print_coefficients(lf_model_regress(model));
        const double *energy = lf_frame_column(project->daily, "energy_mwh");
        print_forecast(pred, energy + lf_frame_row(project->daily, first));
    } else {
        fprintf(stderr, "error: %s\n", err.message);
    }
    lf_prediction_free(pred);
    lf_model_free(model);
    lf_project_free(project);
    lf_config_free(cfg);
    return rc == LF_OK ? 0 : 2;
}
