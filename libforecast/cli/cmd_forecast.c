/* cmd_forecast.c - `lfc forecast`: fit the energy and peak models, forecast
 * months and years under weather and economic scenarios with new
 * connections, normalize history to normal weather, write the products. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "forecast_out.h"

static const char usage[] =
    "usage: lfc forecast --config FILE [--out DIR] [--format table|csv|json|md] [--quiet]\n"
    "                    [--seed N]\n\n"
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
    "normalized years (--format csv: forecast_monthly.csv; md: the same as a Markdown\n"
    "table; json: forecast.json).\n"
    "--seed N (0..4294967295) replaces the config's forecast.error.seed for this run:\n"
    "the seed of every random draw (model-error paths), so the same seed gives the\n"
    "same files byte for byte.\n";

static int run_forecast(int argc, char **argv);
const lfc_command lfc_cmd_forecast = {"forecast", "monthly and yearly energy, peak and load "
                                      "factor with quantiles and scenarios", usage,
                                      run_forecast, NULL, LFC_TAKES_SEED};

static void monthly_csv(FILE *fp, const void *r)
{
    lf_forecast_write_stream(fp, ((const fc_run *)r)->forecast, LF_PERIOD_MONTH);
}

static int show(const lfc_options *opt, const fc_run *r, lf_error *err)
{
    if (opt->quiet)
        return LF_OK;
    if (opt->format == LFC_JSON)
        lfc_forecast_json(stdout, r);
    else if (opt->format == LFC_CSV)
        monthly_csv(stdout, r);
    else if (opt->format == LFC_MD)
        return lfc_csv_fn_to_markdown(stdout, monthly_csv, r, err);
    else
        lfc_forecast_table(r);
    return LF_OK;
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
    lfc_progress progress;
    fc_run r;
    memset(&r, 0, sizeof r);
    r.has_seed = opt.has_seed;
    r.seed = opt.seed;
    r.progress = &progress;
    lfc_progress_begin(&progress, "forecast", 5, lfc_progress_wanted(&opt));
    lfc_progress_step(&progress, "reading data");
    int rc = lfc_open_project(opt.config, &cfg, &project, &err);
    r.cfg = cfg;
    r.project = project;
    if (rc == LF_OK)
        rc = lfc_forecast_compute(&r, &err); /* steps 2-4 */
    if (rc == LF_OK) {
        lfc_progress_step(&progress, "writing");
        rc = lfc_forecast_write(&r, opt.out ? opt.out : cfg->output_dir, &err);
    }
    lfc_progress_end(&progress);
    if (rc == LF_OK)
        rc = show(&opt, &r, &err);
    code = rc == LF_OK ? LFC_OK : lfc_fail("forecast", &err);
    lfc_forecast_release(&r);
    lf_project_free(project);
    lf_config_free(cfg);
    return code;
}
