/* forecast_out.c - the files `lfc forecast` writes: the library's CSVs of
 * the forecast periods and drivers, the normalized history, and one JSON
 * document with everything. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "forecast_out.h"

/* ---- normalized history ------------------------------------------------------------ */

typedef struct norm_rows {
    const fc_run *r;
    int yearly;
} norm_rows;

static void put_cell(FILE *fp, double v)
{
    fputc(',', fp);
    if (isfinite(v))
        fprintf(fp, "%.10g", v);
}

/* Normalized months (k = 0) and years (k = 1). */
static lf_period_kind norm_kind(int k)
{
    return k ? LF_PERIOD_YEAR : LF_PERIOD_MONTH;
}

static int write_normalized(FILE *fp, const void *ctx)
{
    const norm_rows *rows = ctx;
    const fc_run *r = rows->r;
    int k = rows->yearly;
    fputs("period,days,days_missing,actual_energy_mwh,normalized_energy_mwh,"
          "weather_effect_mwh,actual_peak_mw,normalized_peak_mw,weather_effect_mw\n", fp);
    for (size_t i = 0; i < r->nnorm[k]; i++) {
        const lf_normalized_period *n = &r->norm[k][i];
        char period[LF_PERIOD_LABEL_MAX];
        lf_period_label(n->first, norm_kind(k), period, sizeof period);
        fprintf(fp, "%s,%d,%d", period, n->days, n->days_missing);
        put_cell(fp, n->actual_energy_mwh);
        put_cell(fp, n->normalized_energy_mwh);
        put_cell(fp, n->actual_energy_mwh - n->normalized_energy_mwh);
        put_cell(fp, n->actual_peak_mw);
        put_cell(fp, n->normalized_peak_mw);
        put_cell(fp, n->actual_peak_mw - n->normalized_peak_mw);
        fputc('\n', fp);
    }
    return ferror(fp) != 0;
}

/* ---- JSON -------------------------------------------------------------------------- */

static void json_value(FILE *fp, const lf_forecast_spec *spec, const char *name,
                       const lf_forecast_value *v, const char *sep)
{
    fprintf(fp, "\"%s\": {", name);
    lfc_json_number_to(fp, "normal", v->normal, ", ");
    lfc_json_number_to(fp, "mean", v->mean, spec->nquantiles ? ", " : "");
    for (size_t q = 0; q < spec->nquantiles; q++) {
        char label[16];
        lf_forecast_quantile_label(spec->quantiles[q], label, sizeof label);
        lfc_json_number_to(fp, label, v->q[q], q + 1 < spec->nquantiles ? ", " : "");
    }
    fprintf(fp, "}%s", sep);
}

static void json_drivers(FILE *fp, const char *name, const double *drivers, double added,
                         const char *sep)
{
    fprintf(fp, "\"%s\": {", name);
    for (int g = 0; g < LF_DRIVER_COUNT; g++)
        lfc_json_number_to(fp, lf_driver_name((lf_driver)g), drivers[g], ", ");
    lfc_json_number_to(fp, "connections", added, "");
    fprintf(fp, "}%s", sep);
}

static void json_period(FILE *fp, const lf_forecast_spec *spec, const lf_forecast_period *p,
                        lf_period_kind kind, const char *sep)
{
    char period[LF_PERIOD_LABEL_MAX], day[LF_DATE_STRLEN];
    lf_period_label(p->first, kind, period, sizeof period);
    fprintf(fp, "      {\"period\": \"%s\", \"days\": %d, \"calendar_days\": %d, ", period,
            p->days, p->calendar_days);
    for (int m = 0; m < LF_MEASURE_COUNT; m++)
        json_value(fp, spec, lf_measure_name((lf_measure)m), &p->value[m], ", ");
    json_drivers(fp, "energy_drivers", p->energy_drivers, p->energy_connections, ", ");
    json_drivers(fp, "peak_drivers", p->peak_drivers, p->peak_connections, ", ");
    lf_date_format(p->normal_peak_date, day);
    fprintf(fp, "\"normal_peak_date\": ");
    if (isfinite(p->value[LF_MEASURE_PEAK].normal))
        fprintf(fp, "\"%s\"}%s\n", day, sep);
    else
        fprintf(fp, "null}%s\n", sep);
}

static void json_scenario(FILE *fp, const lf_forecast *f, size_t s, const char *sep)
{
    const lf_period_kind kinds[2] = {LF_PERIOD_MONTH, LF_PERIOD_YEAR};
    const char *names[2] = {"monthly", "yearly"};
    fprintf(fp, "    {\"name\": ");
    lfc_json_string_to(fp, lf_forecast_scenario_name(f, s));
    for (int k = 0; k < 2; k++) {
        size_t n;
        const lf_forecast_period *p = lf_forecast_periods(f, s, kinds[k], &n);
        fprintf(fp, ",\n     \"%s\": [\n", names[k]);
        for (size_t i = 0; i < n; i++)
            json_period(fp, lf_forecast_spec_of(f), &p[i], kinds[k], i + 1 < n ? "," : "");
        fprintf(fp, "     ]");
    }
    fprintf(fp, "}%s\n", sep);
}

static void json_normalized(FILE *fp, const fc_run *r)
{
    const char *names[2] = {"monthly", "yearly"};
    fprintf(fp, "  \"normalized\": {");
    for (int k = 0; k < 2 && r->normalized; k++) {
        fprintf(fp, "%s\n    \"%s\": [\n", k ? "," : "", names[k]);
        for (size_t i = 0; i < r->nnorm[k]; i++) {
            const lf_normalized_period *n = &r->norm[k][i];
            char period[LF_PERIOD_LABEL_MAX];
            lf_period_label(n->first, norm_kind(k), period, sizeof period);
            fprintf(fp, "      {\"period\": \"%s\", \"days_missing\": %d, ", period,
                    n->days_missing);
            lfc_json_number_to(fp, "actual_energy_mwh", n->actual_energy_mwh, ", ");
            lfc_json_number_to(fp, "normalized_energy_mwh", n->normalized_energy_mwh, ", ");
            lfc_json_number_to(fp, "actual_peak_mw", n->actual_peak_mw, ", ");
            lfc_json_number_to(fp, "normalized_peak_mw", n->normalized_peak_mw, "");
            fprintf(fp, "}%s\n", i + 1 < r->nnorm[k] ? "," : "");
        }
        fprintf(fp, "    ]");
    }
    fprintf(fp, "}\n");
}

static void json_weather(FILE *fp, const lf_forecast *f)
{
    const lf_weather_scenarios *ws = lf_forecast_weather(f);
    const lf_forecast_spec *spec = lf_forecast_spec_of(f);
    fprintf(fp, "  \"weather\": {\"normal\": \"%s\", \"years\": [",
            lf_normal_kind_name(spec->weather.normal));
    for (size_t i = 0; ws && i < ws->nsource; i++)
        fprintf(fp, "%s%d", i ? ", " : "", ws->source_years[i]);
    fprintf(fp, "], \"scenarios\": %zu},\n", ws ? ws->n : 0);
}

void lfc_forecast_json(FILE *fp, const fc_run *r)
{
    const lf_forecast *f = r->forecast;
    const lf_forecast_spec *spec = lf_forecast_spec_of(f);
    char first[LF_DATE_STRLEN], last[LF_DATE_STRLEN];
    lf_date_format(spec->first, first);
    lf_date_format(spec->last, last);
    fprintf(fp, "{\n  \"first\": \"%s\", \"last\": \"%s\", \"paths\": %zu, \"error\": \"%s\", "
            "\"seed\": %lu,\n", first, last, lf_forecast_npaths(f),
            lf_path_error_name(spec->error), spec->seed);
    size_t segments, days;
    lf_residuals pool = lf_forecast_residuals(f, &segments, &days);
    if (spec->error == LF_PATH_ERROR_BOOTSTRAP)
        fprintf(fp, "  \"residuals\": {\"kind\": \"%s\", \"origins\": %zu, \"days\": %zu},\n",
                lf_residuals_name(pool), pool == LF_RESIDUALS_OUT_OF_SAMPLE ? segments : 0,
                days);
    json_weather(fp, f);
    fprintf(fp, "  \"new_connections\": [");
    for (size_t i = 0; i < spec->nconnections; i++) {
        fprintf(fp, "%s", i ? ", " : "");
        lfc_json_string_to(fp, spec->connections[i].name);
    }
    fprintf(fp, "],\n  \"scenarios\": [\n");
    for (size_t s = 0; s < lf_forecast_nscenarios(f); s++)
        json_scenario(fp, f, s, s + 1 < lf_forecast_nscenarios(f) ? "," : "");
    fprintf(fp, "  ],\n");
    json_normalized(fp, r);
    fprintf(fp, "}\n");
}

static int write_json(FILE *fp, const void *ctx)
{
    lfc_forecast_json(fp, ctx);
    return ferror(fp) != 0;
}

/* ---- files ------------------------------------------------------------------------- */

static int write_file(const char *dir, const char *name, lf_writer_fn fn, const void *ctx,
                      lf_error *err)
{
    char path[4096];
    int rc = lfc_path_in(path, sizeof path, dir, name, err);
    return rc == LF_OK ? lf_atomic_write(path, fn, ctx, err) : rc;
}

static int write_products(const lf_forecast *f, const char *dir, lf_error *err)
{
    static const char *const periods[3] = {"forecast_monthly.csv", "forecast_yearly.csv",
                                           "forecast_daily.csv"};
    static const char *const drivers[2] = {"forecast_drivers_monthly.csv",
                                           "forecast_drivers_yearly.csv"};
    const lf_period_kind kinds[3] = {LF_PERIOD_MONTH, LF_PERIOD_YEAR, LF_PERIOD_DAY};
    char path[4096];
    int rc = LF_OK;
    for (int k = 0; k < 3 && rc == LF_OK; k++)
        if ((rc = lfc_path_in(path, sizeof path, dir, periods[k], err)) == LF_OK)
            rc = lf_forecast_write_csv(f, kinds[k], path, err);
    for (int k = 0; k < 2 && rc == LF_OK; k++)
        if ((rc = lfc_path_in(path, sizeof path, dir, drivers[k], err)) == LF_OK)
            rc = lf_forecast_write_drivers_csv(f, kinds[k], path, err);
    return rc;
}

int lfc_forecast_write(const fc_run *r, const char *dir, lf_error *err)
{
    int rc = lfc_make_dirs(dir, err);
    if (rc == LF_OK)
        rc = write_products(r->forecast, dir, err);
    norm_rows monthly = {r, 0}, yearly = {r, 1};
    if (rc == LF_OK && r->normalized)
        rc = write_file(dir, "normalized_monthly.csv", write_normalized, &monthly, err);
    if (rc == LF_OK && r->normalized)
        rc = write_file(dir, "normalized_yearly.csv", write_normalized, &yearly, err);
    if (rc == LF_OK)
        rc = write_file(dir, "forecast.json", write_json, r, err);
    return rc;
}
