/* plan_build.c - the work of `lfc plan` (plan.h): the demand, from a
 * forecast made here (plan.demand: forecast) or from lfc forecast's files;
 * the supply of the plan section; the monthly balance; and, when days are at
 * risk, the peak-shift schedule of the portfolio against the plan's limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

/* ---- the demand ------------------------------------------------------------------- */

static int forecast_demand(plan_run *r, lfc_progress *progress, lf_error *err)
{
    const lf_config_plan *pl = &r->cfg->plan;
    r->fc.cfg = r->cfg;
    r->fc.project = r->project;
    r->fc.has_seed = r->has_seed;
    r->fc.seed = r->seed;
    lfc_progress_step(progress, "fitting and forecasting");
    int rc = lfc_forecast_compute(&r->fc, err);
    r->has_forecast = rc == LF_OK;
    if (rc == LF_OK)
        rc = lf_balance_demand_from_forecast(r->fc.forecast, pl->scenario, pl->quantile,
                                             &r->demand, err);
    if (rc == LF_OK)
        rc = lf_balance_daily_from_forecast(r->fc.forecast, pl->scenario, pl->quantile,
                                            &r->daily, err);
    return rc;
}

static int file_demand(plan_run *r, lfc_progress *progress, lf_error *err)
{
    const lf_config_plan *pl = &r->cfg->plan;
    lfc_progress_step(progress, "reading the demand");
    int rc = lf_balance_demand_from_csv(pl->monthly_file, pl->scenario, pl->quantile,
                                        &r->demand, err);
    if (rc == LF_OK && pl->daily_file)
        rc = lf_balance_daily_from_csv(pl->daily_file, pl->scenario, pl->quantile, &r->daily,
                                       err);
    return rc;
}

/* The data: the forecast's input, and the history the report shows. */
static int read_data(plan_run *r, lfc_progress *progress, lf_error *err)
{
    lfc_progress_step(progress, "reading the data");
    int needed = r->cfg->plan.demand == LF_PLAN_DEMAND_FORECAST;
    if (needed && !r->cfg->has_load)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: plan.demand is forecast (the default), "
                            "which needs 'load' data to fit; give the section 'load', or "
                            "demand: {monthly: FILE} from lfc forecast", r->cfg->path);
    if (!r->cfg->has_load)
        return LF_OK;
    return lf_project_load(r->cfg, &r->project, err);
}

/* ---- the balance ---------------------------------------------------------------------- */

static int read_supply(plan_run *r, int year, int month, size_t n, lf_error *err)
{
    r->supply_block = calloc(LF_PLAN_SUPPLY_COUNT * n, sizeof(double));
    if (!r->supply_block)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the plan's supply");
    for (size_t k = 0; k < LF_PLAN_SUPPLY_COUNT; k++)
        r->supply[k] = r->supply_block + k * n;
    return lf_config_plan_supply(r->cfg, year, month, n, r->supply, err);
}

static void set_supply(const plan_run *r, lf_balance_spec *spec)
{
    spec->own_mwh = r->supply[LF_PLAN_OWN_MWH];
    spec->purchase_mwh = r->supply[LF_PLAN_PURCHASE_MWH];
    spec->own_mw = r->supply[LF_PLAN_OWN_MW];
    spec->import_mw = r->supply[LF_PLAN_IMPORT_MW];
    spec->outage_mw = r->supply[LF_PLAN_OUTAGE_MW];
    spec->reserve = r->cfg->plan.reserve;
}

/* The demand lacks months or days of the plan: say which keys set them. */
static int horizon_error(const lf_config *cfg, int year, int month, lf_error *err)
{
    char what[sizeof err->message];
    snprintf(what, sizeof what, "%s", err->message);
    return lf_error_set(err, err->code, "%s: the plan's %d months from %04d-%02d (plan.first, "
                        "plan.months) are not all in the demand: %s", cfg->path,
                        cfg->plan.months, year, month, what);
}

static int run_balance(plan_run *r, lf_error *err)
{
    const lf_config_plan *pl = &r->cfg->plan;
    lf_balance_spec spec;
    lf_balance_spec_init(&spec);
    int year = pl->has_first ? pl->first_year : r->demand->year;
    int month = pl->has_first ? pl->first_month : r->demand->month;
    int rc = lf_balance_spec_set_demand(&spec, r->demand, year, month, (size_t)pl->months,
                                        err);
    if (rc == LF_OK && r->daily)
        rc = lf_balance_spec_set_daily(&spec, r->daily, err);
    if (rc != LF_OK)
        return horizon_error(r->cfg, year, month, err);
    rc = read_supply(r, year, month, spec.nmonths, err);
    if (rc != LF_OK)
        return rc;
    set_supply(r, &spec);
    return lf_balance_run(&spec, &r->balance, err);
}

/* ---- the same plan under every economic scenario -------------------------------------- */

/* The plan's months and supply against scenario s's demand. */
static int scenario_balance(const plan_run *r, const char *name, lf_balance **out,
                            lf_error *err)
{
    const lf_balance *b = r->balance;
    lf_balance_demand *d = NULL;
    lf_balance_daily *y = NULL;
    lf_balance_spec spec;
    lf_balance_spec_init(&spec);
    int rc = lf_balance_demand_from_forecast(r->fc.forecast, name, b->high_label, &d, err);
    if (rc == LF_OK)
        rc = lf_balance_daily_from_forecast(r->fc.forecast, name, b->high_label, &y, err);
    if (rc == LF_OK)
        rc = lf_balance_spec_set_demand(&spec, d, b->year, b->month, b->nmonths, err);
    if (rc == LF_OK)
        rc = lf_balance_spec_set_daily(&spec, y, err);
    if (rc == LF_OK) {
        set_supply(r, &spec);
        rc = lf_balance_run(&spec, out, err);
    }
    lf_balance_daily_free(y);
    lf_balance_demand_free(d);
    return rc;
}

/* What the planner compares: the plan's supply against each scenario's
 * demand (the plan itself covers the configured one). */
static int run_scenarios(plan_run *r, lf_error *err)
{
    size_t n = lf_forecast_nscenarios(r->fc.forecast);
    int rc = LF_OK;
    for (size_t s = 0; rc == LF_OK && s < n && s < LF_SCENARIO_MAX; s++) {
        rc = scenario_balance(r, lf_forecast_scenario_name(r->fc.forecast, s),
                              &r->by_scenario[s], err);
        r->nscenarios = s + (rc == LF_OK);
    }
    return rc;
}

/* ---- the schedule of the days at risk ------------------------------------------------ */

/* The first and last month (indices) with a day at risk; 0 when none. */
static int risk_months(const lf_balance *b, size_t *first, size_t *last)
{
    int any = 0;
    for (size_t k = 0; k < b->nmonths; k++)
        if (b->months[k].days_at_risk > 0) {
            if (!any)
                *first = k;
            *last = k;
            any = 1;
        }
    return any;
}

static const char *why_not(const plan_run *r)
{
    const lf_config_plan *pl = &r->cfg->plan;
    if (!r->daily)
        return "no daily peaks (plan.demand has no daily file): the days at risk are unknown";
    if (!(r->balance->totals.days_at_risk > 0))
        return "no day at risk";
    if (!pl->schedule)
        return "plan.schedule is false";
    if (!pl->portfolio)
        return "no portfolio (plan.portfolio, or a peakshift section)";
    return NULL;
}

static int load_portfolio(plan_run *r, lf_error *err)
{
    const lf_config_plan *pl = &r->cfg->plan;
    int rc = lf_portfolio_load(pl->portfolio, &r->portfolio, err);
    if (rc == LF_OK && pl->tiers) {
        rc = lf_portfolio_apply_tiers(r->portfolio, pl->tiers, &r->tiers, err);
        r->tiers_applied = rc == LF_OK;
    }
    return rc;
}

/* The days of the months from the first to the last with a day at risk,
 * each with its month's limit: the scheduler acts on the days over it. */
static int schedule(plan_run *r, lf_error *err)
{
    const lf_balance *b = r->balance;
    size_t a = 0, z = 0;
    risk_months(b, &a, &z);
    lf_date first = lf_date_from_ymd(b->months[a].year, b->months[a].month, 1);
    lf_date last = lf_date_from_ymd(b->months[z].year, b->months[z].month, b->months[z].days);
    size_t ndays = (size_t)(last - first + 1);
    if (!(r->limits = malloc(ndays * sizeof *r->limits)))
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the schedule's limits");
    int rc = lf_balance_daily_limits(b, first, ndays, r->limits, err);
    if (rc == LF_OK)
        rc = load_portfolio(r, err);
    if (rc != LF_OK)
        return rc;
    if (r->cfg->has_peakshift)
        r->ps_spec = r->cfg->peakshift.spec; /* its solver settings */
    else
        lf_peakshift_spec_init(&r->ps_spec);
    r->ps_spec.first = first;
    r->ps_spec.last = last;
    r->ps_spec.peak_mw = r->daily->peak_mw + (first - r->daily->first);
    r->ps_spec.limit_mw = r->limits;
    r->ps_spec.window_hours = NULL; /* the portfolio's */
    r->ps_spec.window_start = NULL;
    return lf_peakshift_run(&r->ps_spec, r->portfolio, &r->schedule, err);
}

/* ---- the run -------------------------------------------------------------------------- */

/* With plan.first given, the supply's months are known before the long
 * work: a month missing from it fails at once, not after the forecast. */
static int check_supply_early(plan_run *r, lf_error *err)
{
    const lf_config_plan *pl = &r->cfg->plan;
    if (!pl->has_first)
        return LF_OK;
    int rc = read_supply(r, pl->first_year, pl->first_month, (size_t)pl->months, err);
    free(r->supply_block);
    r->supply_block = NULL;
    return rc;
}

int lfc_plan_build(plan_run *r, lfc_progress *progress, lf_error *err)
{
    if (!r->cfg->has_plan)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: no 'plan' section; see lfc help plan",
                            r->cfg->path);
    int rc = check_supply_early(r, err);
    if (rc == LF_OK)
        rc = read_data(r, progress, err);
    if (rc == LF_OK)
        rc = r->cfg->plan.demand == LF_PLAN_DEMAND_FORECAST ? forecast_demand(r, progress, err)
                                                            : file_demand(r, progress, err);
    if (rc == LF_OK) {
        lfc_progress_step(progress, "balancing");
        rc = run_balance(r, err);
    }
    if (rc == LF_OK && r->has_forecast)
        rc = run_scenarios(r, err);
    if (rc != LF_OK)
        return rc;
    snprintf(r->high, sizeof r->high, "P%s", r->balance->high_label + 1);
    r->no_schedule = why_not(r);
    if (r->no_schedule)
        return LF_OK;
    lfc_progress_step(progress, "scheduling the days at risk");
    return schedule(r, err);
}

void lfc_plan_release(plan_run *r)
{
    for (size_t s = 0; s < r->nscenarios; s++)
        lf_balance_free(r->by_scenario[s]);
    lf_peakshift_free(r->schedule);
    free(r->limits);
    lf_portfolio_free(r->portfolio);
    lf_balance_free(r->balance);
    free(r->supply_block);
    lf_balance_daily_free(r->daily);
    lf_balance_demand_free(r->demand);
    lfc_forecast_release(&r->fc); /* safe on a forecast never made */
    lf_project_free(r->project);
}
