/* cmd_peakshift.c - `lfc peakshift`: the peak-shift / orderly-consumption
 * schedule of the config's 'peakshift' section: read the portfolio and the
 * days (forecast peak, supply limit, peak windows), schedule, write the four
 * files all together, print the tables; exit 3 when MW stay unmet. */
#include <stdio.h>
#include <string.h>

#include "peakshift_table.h"

static const char usage[] =
    "usage: lfc peakshift --config FILE [--out DIR] [--format table|csv|json|md] [--quiet]\n\n"
    "Schedule the demand-response customers of a portfolio (错峰 shift, 避峰 avoid_peak,\n"
    "轮休 rest_day, 可中断 interrupt) so that each day's forecast peak stays under the\n"
    "supply limit: least unmet MW first, then tiers strictly in order, rest days spread\n"
    "over the week, least cost, fair rotation (include/libforecast/peakshift.h).\n"
    "Keys of the config's 'peakshift' section (paths relative to the config file):\n"
    "  portfolio: portfolio.yaml      required: the customers, their tiers and measures\n"
    "                                 (format: examples/peakshift/portfolio.yaml)\n"
    "  tiers: out/customers_tiers.csv the tiers of lfc customers (id,tier) instead of the\n"
    "                                 portfolio's, for the customers it lists\n"
    "  first: / last: 2025-06-01      days scheduled (default: the demand file's first\n"
    "                                 and last day)\n"
    "  demand:                        required: the daily peak forecast\n"
    "    file: out/forecast_daily.csv   lfc forecast's daily file, or any CSV with a\n"
    "                                 date column (date or period) and column\n"
    "    column: peak_mw_p90          required: the peak, MW\n"
    "    scenario: base               rows of this scenario (default: the file's first)\n"
    "  limit_mw: 9200                 required: the supply limit, MW, every day; or\n"
    "    {2025-07: 9300, 2025-08: 9250}   per month (every scheduled month); or\n"
    "    {file: limit.csv, column: limit_mw}   per day (every scheduled day)\n"
    "  profile: {file: peak_profile.csv, column: mw}   optional intraday load (date,\n"
    "                                 time HH:MM, MW; 24, 48 or 96 intervals a day): the\n"
    "                                 peak window of each day it covers; other days take\n"
    "                                 the portfolio's window_hours\n"
    "  spread_rest_days: true         spread rest days over the week (default true)\n"
    "  fair: true                     rotate the burden fairly (default true)\n"
    "  seconds_per_stage: 10          solver time limit per stage (default 10)\n"
    "  method: auto                   auto: the exact program up to exact_max_calls\n"
    "  exact_max_calls: 200           possible calls (customer x measure x deficit day),\n"
    "                                 the greedy schedule above (default 200); or exact,\n"
    "                                 or greedy\n"
    "Writes to DIR (default: output.dir of the config), all files or none:\n"
    "  peakshift_calls.csv       one row per call: date, customer, tier, kind, MW, window,\n"
    "                            MWh, cost\n"
    "  peakshift_days.csv        one row per day: peak, limit, deficit, shed, residual\n"
    "                            peak, unmet MW, window, calls\n"
    "  peakshift_customers.csv   one row per customer: calls by kind, MW-days, MWh, cost,\n"
    "                            share of the relief and of the callable peak\n"
    "  peakshift.json            all of the above in one document\n"
    "On stdout: the totals, the days with a deficit and the customers called\n"
    "(--format csv: peakshift_days.csv; md: the same as a Markdown table; json:\n"
    "peakshift.json).\n"
    "Exit status: 0 every deficit covered; 3 some MW stay unmet (the files are still\n"
    "written, and stderr names the days); 2 bad config, portfolio or data; 1 usage.\n";

static int run_peakshift(int argc, char **argv);
const lfc_command lfc_cmd_peakshift = {"peakshift", "peak-shift / orderly-consumption "
                                       "schedule of the demand-response portfolio", usage,
                                       run_peakshift, NULL, 0};

/* ---- the run ----------------------------------------------------------------------- */

/* The tiers of the customer evaluation over the portfolio's, said on stderr
 * (the schedule then follows the evaluation's order of curtailment). */
static int apply_tiers(lf_portfolio *p, const char *path, lf_error *err)
{
    lf_tiers_report rep;
    int rc = lf_portfolio_apply_tiers(p, path, &rep, err);
    if (rc == LF_OK)
        fprintf(stderr, "lfc peakshift: tiers from %s: %zu customers (%zu changed), %zu of "
                "the portfolio not in the file, %zu in the file not in the portfolio\n", path,
                rep.applied, rep.changed, rep.not_in_file, rep.not_in_portfolio);
    return rc;
}

static int schedule(void *vrun, const lf_config *cfg, lf_error *err)
{
    ps_run *r = vrun;
    r->cfg = cfg;
    if (!cfg->has_peakshift)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: no 'peakshift' section; see lfc help "
                            "peakshift", cfg->path);
    int rc = lf_portfolio_load(cfg->peakshift.portfolio, &r->portfolio, err);
    if (rc == LF_OK && cfg->peakshift.tiers)
        rc = apply_tiers(r->portfolio, cfg->peakshift.tiers, err);
    if (rc == LF_OK)
        rc = lf_config_peakshift_load(cfg, r->portfolio, &r->input, err);
    if (rc == LF_OK)
        rc = lf_peakshift_run(&r->input->spec, r->portfolio, &r->schedule, err);
    return rc;
}

/* ---- files: all four or none (lfc_write_file_set) ----------------------------------- */

enum { CALLS, DAYS, CUSTOMERS, JSON, NFILES };
static const char *const FILES[NFILES] = {"peakshift_calls.csv", "peakshift_days.csv",
                                          "peakshift_customers.csv", "peakshift.json"};

static int write_one(size_t k, const char *path, const void *ctx, lf_error *err)
{
    const ps_run *r = ctx;
    switch (k) {
    case CALLS: return lf_peakshift_write_calls(path, r->schedule, r->portfolio, err);
    case DAYS: return lf_peakshift_write_days(path, r->schedule, err);
    case CUSTOMERS: return lf_peakshift_write_customers(path, r->schedule, r->portfolio, err);
    default: return lf_peakshift_write_json(path, r->schedule, r->portfolio, err);
    }
}

/* ---- the outcome on stderr ------------------------------------------------------------ */

static void report_status(const lf_peakshift *s)
{
    if (s->status == LF_PEAKSHIFT_TIME_LIMIT)
        fprintf(stderr, "lfc peakshift: note: a stage of the schedule hit its time limit "
                "(seconds_per_stage): the schedule is the best found, not proven optimal\n");
    else if (s->status == LF_PEAKSHIFT_HEURISTIC)
        fprintf(stderr, "lfc peakshift: note: the schedule is the greedy one (method greedy, "
                "or more possible calls than exact_max_calls), not proven optimal\n");
}

/* LFC_INFEASIBLE with a line on stderr when some MW stay unmet. */
static int report_unmet(const lf_peakshift *s, const char *dir)
{
    size_t days;
    const lf_peakshift_day *worst = lfc_peakshift_worst_day(s, &days);
    if (!worst)
        return LFC_OK;
    char day[LF_DATE_STRLEN];
    lf_date_format(worst->date, day);
    fprintf(stderr, "lfc peakshift: the portfolio cannot cover the deficit: %zu %s "
            "%.1f MW-days unmet; the worst is %s with %.1f MW unmet of a %.1f MW deficit "
            "(schedule written to %s)\n", days, days == 1 ? "day keeps" : "days keep",
            s->unmet_mw_days, day,
            worst->unmet_mw, worst->deficit_mw, dir);
    return LFC_INFEASIBLE;
}

static void table(const void *r)
{
    lfc_peakshift_table(r);
}

static int write_files(const void *run, const char *dir, char (*path)[4096], lf_error *err)
{
    return lfc_write_file_set(dir, FILES, NFILES, NULL, 0, write_one, run, path, err);
}

/* The notes on stderr, and exit 3 when MW stay unmet. */
static int finish(const void *run, const char *dir)
{
    const ps_run *r = run;
    report_status(r->schedule);
    return report_unmet(r->schedule, dir);
}

static void release(void *vrun)
{
    ps_run *r = vrun;
    lf_peakshift_free(r->schedule);
    lf_config_peakshift_free(r->input);
    lf_portfolio_free(r->portfolio);
}

static int run_peakshift(int argc, char **argv)
{
    static const lfc_job job = {&lfc_cmd_peakshift, schedule, write_files, DAYS, JSON, table,
                                finish, release};
    ps_run r;
    memset(&r, 0, sizeof r);
    return lfc_run_job(&job, &r, argc, argv);
}
