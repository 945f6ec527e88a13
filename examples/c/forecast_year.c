/* forecast_year.c - next year's monthly energy and peak with a P10-P90 band:
 * a weather regression for daily energy and one for the daily peak, every
 * historical weather year as a scenario plus bootstrapped model error, and a
 * new data centre connecting in spring (业扩).
 *
 *   cc forecast_year.c $(pkg-config --cflags --libs libforecast)
 *   ./a.out ../../datasets/sample/project.yaml
 *
 * The project config supplies the data; the models, scenarios and the new
 * connection are specified here in C (lfc forecast reads the same from the
 * config's 'forecast' section).
 */
#include <libforecast.h>
#include <stdio.h>
#include <string.h>

static void make_model(lf_model_spec *spec, const char *target)
{
    lf_model_spec_init(spec);
    strcpy(spec->target, target);
    lf_feature_spec *f = &spec->features;
    f->trend = 1;
    f->day_of_week = f->month = f->holiday = f->makeup_workday = 1;
    f->temperature.hdd[f->temperature.nhdd++] = 14;
    f->temperature.cdd[f->temperature.ncdd++] = 22;
    f->temperature.smooth[f->temperature.nsmooth++] = 0.5;
}

static void print_months(const lf_forecast *fc)
{
    size_t n;
    const lf_forecast_period *p = lf_forecast_periods(fc, 0, LF_PERIOD_MONTH, &n);
    printf("%-8s %11s %11s %11s %8s %8s %8s %8s\n", "month", "MWh P10", "MWh P50",
           "MWh P90", "MW P50", "MW P90", "LF", "new MWh");
    for (size_t i = 0; i < n; i++, p++)
        printf("%04d-%02d  %11.0f %11.0f %11.0f %8.1f %8.1f %8.3f %8.0f\n", p->year, p->month,
               p->value[LF_MEASURE_ENERGY].q[0], p->value[LF_MEASURE_ENERGY].q[1],
               p->value[LF_MEASURE_ENERGY].q[2], p->value[LF_MEASURE_PEAK].q[1],
               p->value[LF_MEASURE_PEAK].q[2], p->value[LF_MEASURE_LOAD_FACTOR].normal,
               p->energy_connections);
    p = lf_forecast_periods(fc, 0, LF_PERIOD_YEAR, &n);
    printf("year %d: %.0f MWh under normal weather (P10 %.0f, P90 %.0f), peak %.1f MW\n",
           p->year, p->value[LF_MEASURE_ENERGY].normal, p->value[LF_MEASURE_ENERGY].q[0],
           p->value[LF_MEASURE_ENERGY].q[2], p->value[LF_MEASURE_PEAK].normal);
}

static int forecast(const lf_project *project, lf_error *err)
{
    const lf_frame *d = project->daily;
    lf_model_spec energy_spec, peak_spec;
    make_model(&energy_spec, "energy_mwh");
    make_model(&peak_spec, "peak_mw");
    lf_connection dc; /* 50 MW at load factor 0.8, ramping up over 6 months */
    lf_connection_init(&dc);
    strcpy(dc.name, "data centre");
    dc.start = lf_date_from_ymd(lf_date_year(lf_frame_end(d)) + 1, 4, 1);
    dc.capacity_mw = 50;
    dc.ramp_months = 6;
    dc.load_factor = 0.8;
    lf_forecast_spec spec; /* P10/P50/P90, bootstrap error, every weather year */
    lf_forecast_spec_init(&spec);
    spec.first = lf_frame_end(d) + 1;
    spec.last = lf_date_from_ymd(lf_date_year(spec.first), 12, 31);
    spec.connections = &dc;
    spec.nconnections = 1;
    lf_model *energy = NULL, *peak = NULL;
    lf_forecast *fc = NULL;
    int rc = lf_model_fit(&energy_spec, d, project->calendar, d->start, spec.first - 1,
                          &energy, err);
    if (rc == LF_OK)
        rc = lf_model_fit(&peak_spec, d, project->calendar, d->start, spec.first - 1, &peak,
                          err);
    if (rc == LF_OK)
        rc = lf_forecast_run(&spec, energy, peak, d, project->weather, project->calendar, &fc,
                             err);
    if (rc == LF_OK)
        print_months(fc);
    lf_forecast_free(fc);
    lf_model_free(energy);
    lf_model_free(peak);
    return rc;
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
    int rc = lf_config_load(argv[1], &cfg, &err);
    if (rc == LF_OK)
        rc = lf_project_load(cfg, &project, &err);
    if (rc == LF_OK)
        rc = forecast(project, &err);
    if (rc != LF_OK)
        fprintf(stderr, "forecast_year: %s\n", err.message);
    lf_project_free(project);
    lf_config_free(cfg);
    return rc == LF_OK ? 0 : 1;
}
