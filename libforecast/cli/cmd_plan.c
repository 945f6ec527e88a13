/* cmd_plan.c - `lfc plan`: the monthly energy balance plan (电量平衡计划) of
 * the config's 'plan' section and the peak-shift schedule of its days at
 * risk; the files all together, the tables, the report with --report; exit 3
 * when the plan does not close. */
#include <stdio.h>
#include <string.h>

#include "plan.h"

static const char usage[] =
    "usage: lfc plan --config FILE [--out DIR] [--format table|csv|json|md] [--quiet]\n"
    "                [--seed N] [--report]\n\n"
    "Balance next year's (or any horizon's) monthly demand against supply: energy at\n"
    "P50 and a high quantile (P90) against own generation and purchase contracts; the\n"
    "high peak plus the reserve margin against own and import capacity less planned\n"
    "outages.  Where days are at risk (their daily high peak over the month's limit,\n"
    "the capacity less the reserve), schedule the demand-response portfolio on them\n"
    "(the peak-shift of lfc peakshift).  The demand is forecast by this run from the\n"
    "config's 'forecast' section (or read from lfc forecast's files).\n"
    "Keys of the config's 'plan' section (include/libforecast/config.h):\n"
    "  first: 2025-01            first month (default: the demand's first whole month)\n"
    "  months: 12                the horizon, 1..240 months (default 12)\n"
    "  demand: forecast          run the forecast section (default), or files of an\n"
    "    {monthly: out/forecast_monthly.csv, daily: out/forecast_daily.csv}   earlier\n"
    "                            lfc forecast (daily optional: the days at risk)\n"
    "  scenario: base            the economic scenario (default: the first)\n"
    "  quantile: p90             the high quantile the plan covers (default p90)\n"
    "  reserve: 12%              required: the reserve margin, a share of the peak\n"
    "  supply:                   each a number (every month) or {2025-01: N, ...}:\n"
    "    own_mwh: 1.1e6          own generation, MWh        (every month when by month)\n"
    "    purchase_mwh: 3.8e6     purchase contracts, MWh    (every month when by month)\n"
    "    own_mw: 2400            own capacity at the peak   (every month when by month)\n"
    "    import_mw: 7850         import/transfer capacity   (every month when by month)\n"
    "    outage_mw: {2025-04: 1200}  planned outages, MW (months not named: 0)\n"
    "  portfolio: portfolio.yaml the demand-response customers (default: the peakshift\n"
    "                            section's); tiers: FILE as in lfc peakshift\n"
    "  schedule: true            schedule the days at risk (default true)\n"
    "Options:\n"
    "  --report                  also write the planner's report: plan_report.html (one\n"
    "                            self-contained page: charts and tables), plan_report.md\n"
    "                            and its charts as plan_*.svg\n"
    "  --seed N                  the forecast's random seed (default: forecast.error.seed)\n";

static const char usage_more[] =
    "Writes to DIR (default: output.dir of the config), all files or none:\n"
    "  plan_balance.csv          one row per month: demand, supply, energy balance (P50,\n"
    "                            high), peak, available, required, capacity balance, limit,\n"
    "                            days at risk, worst day, status\n"
    "  plan_balance.json         the same with the plan's settings and totals\n"
    "  plan_scenarios.csv        the plan's supply against each economic scenario's demand:\n"
    "                            its totals, deficits and days at risk (demand: forecast)\n"
    "  plan_peakshift_days.csv, plan_peakshift_calls.csv, plan_peakshift_customers.csv,\n"
    "  plan_peakshift.json       the schedule of the days at risk (as lfc peakshift's\n"
    "                            files), when there is one\n"
    "Files of an earlier run that this one does not make are removed.\n"
    "On stdout: the monthly balance, its totals and the schedule (--format csv:\n"
    "plan_balance.csv; json: plan_balance.json; md: the balance as a Markdown table).\n"
    "Exit status: 0 the plan closes; 3 it does not: energy short at the high quantile in\n"
    "some month, MW over the limit left unmet by the schedule (or not scheduled), or a\n"
    "month short of capacity whose days are unknown (demand files without daily); the\n"
    "files are still written and stderr says why; 2 bad config or data; 1 usage; 4 a file\n"
    "that cannot be read or written.\n";

static int run_plan(int argc, char **argv);
const lfc_command lfc_cmd_plan = {"plan", "the monthly energy balance plan and the peak-shift "
                                  "schedule that closes its gaps", usage, run_plan,
                                  usage_more, LFC_TAKES_SEED | LFC_TAKES_REPORT};

/* ---- files: all or none ------------------------------------------------------------- */

enum { BALANCE_CSV, BALANCE_JSON, SCENARIOS, PS_DAYS, PS_CALLS, PS_CUSTOMERS, PS_JSON,
       NFIXED };
static const char *const FIXED[NFIXED] = {
    "plan_balance.csv", "plan_balance.json", "plan_scenarios.csv", "plan_peakshift_days.csv",
    "plan_peakshift_calls.csv", "plan_peakshift_customers.csv", "plan_peakshift.json"};

#define MAX_FILES (NFIXED + 2 + LFC_PLAN_CHARTS_MAX)

/* The run and the names of this run's files; write_one maps an index back. */
typedef struct plan_files {
    const plan_run *run;
    const lf_report *report;      /* NULL without --report */
    const char *names[MAX_FILES];
    int kind[MAX_FILES];          /* index into FIXED, or REPORT_HTML.. */
    size_t chart[MAX_FILES];      /* for REPORT_CHART */
    char chart_names[LFC_PLAN_CHARTS_MAX][64];
    size_t n;
    const char *stale[MAX_FILES];
    size_t nstale;
} plan_files;

enum { REPORT_HTML = NFIXED, REPORT_MD, REPORT_CHART };

static void add(plan_files *f, const char *name, int kind, size_t chart)
{
    f->names[f->n] = name;
    f->kind[f->n] = kind;
    f->chart[f->n++] = chart;
}

/* This run's files, and those an earlier run may have left that it does not make. */
static void choose_files(plan_files *f)
{
    for (int k = 0; k < NFIXED; k++) {
        int made = k < SCENARIOS || (k == SCENARIOS ? f->run->nscenarios > 0
                                                    : f->run->schedule != NULL);
        if (made)
            add(f, FIXED[k], k, 0);
        else
            f->stale[f->nstale++] = FIXED[k];
    }
    const char *const *known = lfc_plan_chart_files();
    if (!f->report) {
        f->stale[f->nstale++] = "plan_report.html";
        f->stale[f->nstale++] = "plan_report.md";
        for (size_t i = 0; known[i]; i++)
            f->stale[f->nstale++] = known[i];
        return;
    }
    add(f, "plan_report.html", REPORT_HTML, 0);
    add(f, "plan_report.md", REPORT_MD, 0);
    size_t nc = lf_report_ncharts(f->report);
    for (size_t i = 0; i < nc && i < LFC_PLAN_CHARTS_MAX; i++) {
        snprintf(f->chart_names[i], sizeof f->chart_names[i], "plan_%s.svg",
                 lf_report_chart_name(f->report, i));
        add(f, f->chart_names[i], REPORT_CHART, i);
    }
    for (size_t i = 0; known[i]; i++) {
        int made = 0;
        for (size_t j = 0; j < nc && j < LFC_PLAN_CHARTS_MAX; j++)
            made |= strcmp(known[i], f->chart_names[j]) == 0;
        if (!made)
            f->stale[f->nstale++] = known[i];
    }
}

static int write_one(size_t k, const char *path, const void *ctx, lf_error *err)
{
    const plan_files *f = ctx;
    const plan_run *r = f->run;
    switch (f->kind[k]) {
    case BALANCE_CSV: return lf_balance_write_csv(path, r->balance, err);
    case BALANCE_JSON: return lf_balance_write_json(path, r->balance, err);
    case SCENARIOS: return lfc_plan_write_scenarios(r, path, err);
    case PS_DAYS: return lf_peakshift_write_days(path, r->schedule, err);
    case PS_CALLS: return lf_peakshift_write_calls(path, r->schedule, r->portfolio, err);
    case PS_CUSTOMERS:
        return lf_peakshift_write_customers(path, r->schedule, r->portfolio, err);
    case PS_JSON: return lf_peakshift_write_json(path, r->schedule, r->portfolio, err);
    case REPORT_HTML: return lf_report_write_html(f->report, path, err);
    case REPORT_MD: return lf_report_write_markdown(f->report, path, "plan_", err);
    default: return lf_report_write_chart(f->report, f->chart[k], path, err);
    }
}

/* ---- the run ---------------------------------------------------------------------------- */

static int plan_and_write(plan_run *r, const lfc_options *opt,
                          lfc_progress *progress, lf_report **report, char (*path)[4096],
                          lf_error *err)
{
    int rc = lfc_plan_build(r, progress, err);
    if (rc == LF_OK && opt->report) {
        lfc_progress_step(progress, "drawing the report");
        rc = lfc_plan_report(r, report, err);
    }
    if (rc != LF_OK)
        return rc;
    lfc_progress_step(progress, "writing");
    plan_files f;
    memset(&f, 0, sizeof f);
    f.run = r;
    f.report = *report;
    choose_files(&f);
    const char *dir = opt->out ? opt->out : r->cfg->output_dir;
    return lfc_write_file_set(dir, f.names, f.n, f.stale, f.nstale, write_one, &f, path, err);
}

/* --seed with demand from files would be ignored: a usage error instead. */
static int seed_without_forecast(const lf_config *cfg, const lfc_options *opt)
{
    if (!opt->has_seed || !cfg->has_plan || cfg->plan.demand != LF_PLAN_DEMAND_FILES)
        return 0;
    fprintf(stderr, "lfc plan: --seed seeds the forecast lfc plan makes, but this plan reads "
            "its demand from files (plan.demand); leave --seed out, or give the seed to the "
            "lfc forecast that made them\n");
    return 1;
}

static int run_plan(int argc, char **argv)
{
    lfc_options opt;
    int code = lfc_parse_options(&lfc_cmd_plan, argc, argv, &opt);
    if (code != LFC_OK)
        return code < 0 ? LFC_OK : code;
    lf_error err;
    lf_error_clear(&err);
    lf_config *cfg = NULL;
    lf_report *report = NULL;
    char path[MAX_FILES][4096];
    plan_run r;
    memset(&r, 0, sizeof r);
    r.has_seed = opt.has_seed;
    r.seed = opt.seed;
    lfc_progress progress;
    lfc_progress_begin(&progress, "plan", opt.report ? 6 : 5, lfc_progress_wanted(&opt));
    int rc = lf_config_load(opt.config, &cfg, &err);
    r.cfg = cfg;
    if (rc == LF_OK && seed_without_forecast(cfg, &opt)) {
        lf_config_free(cfg);
        return LFC_USAGE;
    }
    if (rc == LF_OK)
        rc = plan_and_write(&r, &opt, &progress, &report, path, &err);
    lfc_progress_end(&progress);
    if (rc == LF_OK)
        rc = lfc_show(&opt, path[BALANCE_CSV], path[BALANCE_JSON], lfc_plan_table, &r, &err);
    if (rc == LF_OK) {
        fflush(stdout); /* the tables before what the outcome says on stderr */
        code = lfc_plan_outcome(&r, opt.out ? opt.out : cfg->output_dir);
    } else {
        code = lfc_fail("plan", &err);
    }
    lf_report_free(report);
    lfc_plan_release(&r);
    lf_config_free(cfg);
    return code;
}
