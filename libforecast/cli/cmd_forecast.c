/* cmd_forecast.c - `lfc forecast`: fit the energy and peak models, forecast
 * months and years under weather and economic scenarios with new
 * connections, normalize history to normal weather, write the products. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "forecast_out.h"

static const char usage[] =
    "usage: lfc forecast --config FILE [--out DIR] [--format table|csv|json] [--quiet]\n\n"
    "Fit the energy and peak models of the config's 'forecast' section (by default\n"
    "the 'model' section, and the same with target peak_mw) on every day up to the\n"
    "forecast, then forecast each day of the horizon under every historical weather\n"
    "year (plus model error), each economic scenario and the new connections (业扩),\n"
    "and sum to months and years.  Keys: include/libforecast/config.h ('forecast').\n"
    "Writes to DIR (default: output.dir of the config):\n"
    "  forecast_monthly.csv     scenario, month, days; for energy_mwh, peak_mw and\n"
    "  forecast_yearly.csv      load_factor: normal-weather value, mean, quantiles\n"
    "  forecast_daily.csv       (P10/P50/P90 by default); what new connections add\n"
    "  forecast_drivers_monthly.csv   the normal forecast explained: base, trend,\n"
    "  forecast_drivers_yearly.csv    calendar, weather, economy, event, recent,\n"
    "                                 connections (they sum to the total)\n"
    "  normalized_monthly.csv   history restated under normal weather: actual,\n"
    "  normalized_yearly.csv    normalized and the weather effect, energy and peak\n"
    "  forecast.json            all of the above in one document\n"
    "On stdout: the monthly table of each scenario, the yearly totals and the\n"
    "normalized years (--format csv: forecast_monthly.csv; json: forecast.json).\n";

static int run_forecast(int argc, char **argv);
const lfc_command lfc_cmd_forecast = {"forecast", "monthly and yearly energy, peak and load "
                                      "factor with quantiles and scenarios", usage,
                                      run_forecast, NULL};

/* ---- days ------------------------------------------------------------------------ */

static int choose_days(fc_run *r, lf_error *err)
{
    const lf_config *cfg = r->cfg;
    const lf_frame *d = r->project->daily;
    const lf_config_forecast *fc = &cfg->forecast;
    if (!d)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: lfc forecast needs 'load' data",
                            cfg->path);
    r->spec = fc->spec;
    r->spec.first = fc->has_first ? fc->first : lf_frame_end(d) + 1;
    r->spec.last = fc->has_last ? fc->last : lf_date_add_months(r->spec.first, fc->months) - 1;
    r->train_first = cfg->model.has_train ? cfg->model.train_first : d->start;
    r->train_last = r->spec.first - 1;
    if (r->train_last <= r->train_first || lf_frame_row(d, r->train_last) < 0) {
        char a[LF_DATE_STRLEN];
        lf_date_format(r->spec.first, a);
        return lf_error_set(err, LF_ERR_CONFIG, "%s: the forecast starts on %s, which leaves "
                            "no history to fit on inside the load data", cfg->path, a);
    }
    r->norm_first = fc->has_normalize ? fc->normalize_first : r->train_first;
    r->norm_last = fc->has_normalize ? fc->normalize_last : r->train_last;
    return LF_OK;
}

/* ---- the run --------------------------------------------------------------------- */

static int fit_models(fc_run *r, lf_error *err)
{
    const lf_config_forecast *fc = &r->cfg->forecast;
    const lf_project *p = r->project;
    int rc = LF_OK;
    if (fc->has_energy)
        rc = lf_model_fit(&fc->energy, p->daily, p->calendar, r->train_first, r->train_last,
                          &r->energy, err);
    if (rc == LF_OK && fc->has_peak)
        rc = lf_model_fit(&fc->peak, p->daily, p->calendar, r->train_first, r->train_last,
                          &r->peak, err);
    return rc;
}

static int normalize(fc_run *r, lf_error *err)
{
    const lf_project *p = r->project;
    if (!lf_forecast_weather(r->forecast))
        return LF_OK; /* the models read no weather: nothing to normalize */
    int rc = LF_OK;
    for (int k = 0; rc == LF_OK && k < 2; k++)
        rc = lf_weather_normalize(&r->spec.weather, r->energy, r->peak, p->daily, p->weather,
                                  p->calendar, r->norm_first, r->norm_last,
                                  k ? LF_PERIOD_YEAR : LF_PERIOD_MONTH, &r->norm[k],
                                  &r->nnorm[k], err);
    r->normalized = rc == LF_OK;
    return rc;
}

static int run(fc_run *r, lf_error *err)
{
    const lf_project *p = r->project;
    int rc = fit_models(r, err);
    if (rc == LF_OK)
        rc = lf_forecast_run(&r->spec, r->energy, r->peak, p->daily, p->weather, p->calendar,
                             &r->forecast, err);
    if (rc == LF_OK)
        rc = normalize(r, err);
    return rc;
}

static void free_run(fc_run *r)
{
    for (int k = 0; k < 2; k++)
        free(r->norm[k]);
    lf_forecast_free(r->forecast);
    lf_model_free(r->energy);
    lf_model_free(r->peak);
}

static int run_forecast(int argc, char **argv)
{
    lfc_options opt;
    int code = lfc_parse_options(&lfc_cmd_forecast, argc, argv, &opt);
    if (code != LFC_OK)
        return code < 0 ? LFC_OK : code;
    lf_error err;
    lf_error_clear(&err);
    lf_config *cfg = NULL;
    lf_project *project = NULL;
    fc_run r;
    memset(&r, 0, sizeof r);
    int rc = lfc_open_project(opt.config, &cfg, &project, &err);
    r.cfg = cfg;
    r.project = project;
    if (rc == LF_OK)
        rc = choose_days(&r, &err);
    if (rc == LF_OK)
        rc = run(&r, &err);
    if (rc == LF_OK)
        rc = lfc_forecast_write(&r, opt.out ? opt.out : cfg->output_dir, &err);
    if (rc == LF_OK && !opt.quiet) {
        if (opt.format == LFC_JSON)
            lfc_forecast_json(stdout, &r);
        else if (opt.format == LFC_CSV)
            lf_forecast_write_stream(stdout, r.forecast, LF_PERIOD_MONTH);
        else
            lfc_forecast_table(&r);
    }
    code = rc == LF_OK ? LFC_OK : lfc_fail("forecast", &err);
    free_run(&r);
    lf_project_free(project);
    lf_config_free(cfg);
    return code;
}
