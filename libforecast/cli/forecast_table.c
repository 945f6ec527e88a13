/* forecast_table.c - the readable tables `lfc forecast` prints: for each
 * economic scenario its months and years (energy and peak: normal weather and
 * quantiles; load factor; new connections), then history under normal weather. */
#include <math.h>
#include <stdio.h>

#include "forecast_out.h"

static void print_heading(const lf_forecast_spec *spec)
{
    printf("%-8s %12s", "period", "energy MWh");
    for (size_t q = 0; q < spec->nquantiles; q++) {
        char label[16];
        lf_forecast_quantile_label(spec->quantiles[q], label, sizeof label);
        printf(" %10s", label);
    }
    printf(" %9s", "peak MW");
    for (size_t q = 0; q < spec->nquantiles; q++) {
        char label[16];
        lf_forecast_quantile_label(spec->quantiles[q], label, sizeof label);
        printf(" %7s", label);
    }
    printf(" %6s %10s\n", "LF", "new MWh");
}

static void print_period(const lf_forecast_spec *spec, const lf_forecast_period *p,
                         lf_period_kind kind)
{
    char period[LF_PERIOD_LABEL_MAX];
    lf_period_label(p->first, kind, period, sizeof period);
    printf("%-8s", period);
    lfc_print_cell(p->value[LF_MEASURE_ENERGY].normal, " %*.0f", 12);
    for (size_t q = 0; q < spec->nquantiles; q++)
        lfc_print_cell(p->value[LF_MEASURE_ENERGY].q[q], " %*.0f", 10);
    lfc_print_cell(p->value[LF_MEASURE_PEAK].normal, " %*.1f", 9);
    for (size_t q = 0; q < spec->nquantiles; q++)
        lfc_print_cell(p->value[LF_MEASURE_PEAK].q[q], " %*.1f", 7);
    lfc_print_cell(p->value[LF_MEASURE_LOAD_FACTOR].normal, " %*.3f", 6);
    lfc_print_cell(p->energy_connections, " %*.0f", 10);
    printf("%s\n", p->days < p->calendar_days ? "  (part)" : "");
}

static void print_scenario(const lf_forecast *f, size_t s)
{
    const lf_forecast_spec *spec = lf_forecast_spec_of(f);
    printf("\nscenario %s: normal weather, and quantiles over %zu paths\n",
           lf_forecast_scenario_name(f, s), lf_forecast_npaths(f));
    print_heading(spec);
    size_t n;
    const lf_forecast_period *p = lf_forecast_periods(f, s, LF_PERIOD_MONTH, &n);
    for (size_t i = 0; i < n; i++)
        print_period(spec, &p[i], LF_PERIOD_MONTH);
    p = lf_forecast_periods(f, s, LF_PERIOD_YEAR, &n);
    for (size_t i = 0; i < n; i++)
        print_period(spec, &p[i], LF_PERIOD_YEAR);
}

static void print_weather(const lf_forecast *f)
{
    const lf_weather_scenarios *ws = lf_forecast_weather(f);
    const lf_forecast_spec *spec = lf_forecast_spec_of(f);
    if (ws)
        printf("weather: %zu scenarios from the years %d..%d (normal: %s)", ws->n,
               ws->source_years[0], ws->source_years[ws->nsource - 1],
               lf_normal_kind_name(spec->weather.normal));
    else
        printf("weather: not used by the models");
    size_t origins, days;
    lf_residuals pool = lf_forecast_residuals(f, &origins, &days);
    if (spec->error == LF_PATH_ERROR_MODEL)
        printf(", x %zu draws each of the model's error process", spec->paths_per_weather);
    else if (pool == LF_RESIDUALS_OUT_OF_SAMPLE)
        printf(", x %zu bootstrap draws each from the errors of %zu rolling-origin refits",
               spec->paths_per_weather, origins);
    else if (pool == LF_RESIDUALS_IN_SAMPLE)
        printf(", x %zu bootstrap draws each from in-sample residuals",
               spec->paths_per_weather);
    if (spec->error != LF_PATH_ERROR_NONE)
        printf(" (seed %lu)", spec->seed);
    printf("\n");
}

static void print_normalized(const fc_run *r)
{
    if (!r->normalized)
        return;
    printf("\nhistory under normal weather (energy MWh, peak MW)\n");
    printf("%-8s %12s %12s %9s %9s %9s\n", "year", "actual", "normalized", "effect %",
           "peak", "norm peak");
    for (size_t i = 0; i < r->nnorm[1]; i++) {
        const lf_normalized_period *n = &r->norm[1][i];
        double effect = n->actual_energy_mwh - n->normalized_energy_mwh;
        printf("%-8d", n->year);
        lfc_print_cell(n->actual_energy_mwh, " %*.0f", 12);
        lfc_print_cell(n->normalized_energy_mwh, " %*.0f", 12);
        lfc_print_cell(100 * effect / n->normalized_energy_mwh, " %*.2f", 9);
        lfc_print_cell(n->actual_peak_mw, " %*.1f", 9);
        lfc_print_cell(n->normalized_peak_mw, " %*.1f", 9);
        printf("%s\n", n->days_missing ? "  (incomplete)" : "");
    }
}

void lfc_forecast_table(const fc_run *r)
{
    const lf_forecast *f = r->forecast;
    const lf_forecast_spec *spec = lf_forecast_spec_of(f);
    char first[LF_DATE_STRLEN], last[LF_DATE_STRLEN], t0[LF_DATE_STRLEN];
    lf_date_format(spec->first, first);
    lf_date_format(spec->last, last);
    lf_date_format(r->train_first, t0);
    printf("forecast %s .. %s of %s, models fitted on %s .. the day before\n", first, last,
           r->cfg->name, t0);
    print_weather(f);
    for (size_t i = 0; i < spec->nconnections; i++)
        printf("new connection: %s\n", spec->connections[i].name);
    for (size_t s = 0; s < lf_forecast_nscenarios(f); s++)
        print_scenario(f, s);
    print_normalized(r);
}
