/* plan.h - what one `lfc plan` run holds: the demand (an in-process
 * forecast or lfc forecast's files), the supply of the config, the monthly
 * balance plan, the peak-shift schedule of its days at risk, and how they
 * are written (plan_build.c, plan_table.c, plan_report.c). */
#ifndef LFC_PLAN_H
#define LFC_PLAN_H

#include "forecast_out.h"

typedef struct plan_run {
    const lf_config *cfg;
    lf_project *project;          /* the data (history; the forecast's input), or
                                     NULL when demand comes from files and the
                                     config has no load */
    int has_forecast;             /* fc holds a forecast made by this run */
    fc_run fc;
    int has_seed;                 /* --seed: replaces forecast.error.seed */
    unsigned long seed;
    lf_balance_demand *demand;
    lf_balance_daily *daily;      /* NULL: days at risk unknown */
    double *supply_block;         /* the five supply arrays, nmonths each */
    double *supply[LF_PLAN_SUPPLY_COUNT];
    lf_balance *balance;
    char high[LF_BALANCE_LABEL_MAX]; /* the high quantile as people write it: "P90" */
    /* the same months and supply against each economic scenario's demand
     * (forecast by this run only; the plan covers the configured scenario) */
    lf_balance *by_scenario[LF_SCENARIO_MAX];
    size_t nscenarios;
    /* the schedule of the days at risk: NULL when there is none to make (no
     * day at risk, no portfolio, schedule: false, or no daily peaks) */
    lf_portfolio *portfolio;
    lf_tiers_report tiers;        /* when the plan's tiers were applied */
    int tiers_applied;
    double *limits;               /* per scheduled day */
    lf_peakshift_spec ps_spec;
    lf_peakshift *schedule;
    const char *no_schedule;      /* why there is none (a phrase), or NULL */
} plan_run;

/* The demand, the supply, the balance and the schedule into r (cfg and the
 * seed set; everything else zero).  progress gets a step per stage. */
int lfc_plan_build(plan_run *r, lfc_progress *progress, lf_error *err);
/* Frees what lfc_plan_build made, also after a failure. */
void lfc_plan_release(plan_run *r);

/* ---- the economic scenarios (plan_scenarios.c) ---- */

/* One line per scenario on stdout (nothing with fewer than two). */
void lfc_plan_print_scenarios(const plan_run *r);
/* plan_scenarios.csv: one row per scenario, the totals of its balance. */
int lfc_plan_write_scenarios(const plan_run *r, const char *path, lf_error *err);

/* ---- the report (plan_report.c) ---- */

#define LFC_PLAN_CHARTS_MAX 8
/* The planner's report of the run: summary, charts, tables. */
int lfc_plan_report(const plan_run *r, lf_report **out, lf_error *err);
/* Every chart file a report may hold ("plan_NAME.svg"), NULL-terminated: the
 * stale files a run without them removes. */
const char *const *lfc_plan_chart_files(void);

/* Demand at the high quantile left unmet by the plan: the months of energy
 * deficit and the MW-days the schedule (or, without one, the days at risk)
 * leaves; LFC_INFEASIBLE with the reasons on stderr, else LFC_OK. */
int lfc_plan_outcome(const plan_run *r, const char *dir);
/* The monthly balance table and the schedule's summary on stdout. */
void lfc_plan_table(const void *run);

#endif
