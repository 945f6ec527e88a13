/* plan_scenarios.c - the plan's supply against the demand of every economic
 * scenario of the forecast (plan.h, by_scenario): the comparison a planner
 * makes before committing to one, on stdout and as plan_scenarios.csv. */
#include <stdio.h>
#include <string.h>

#include "../io/csv_out.h"
#include "plan.h"

static int planned(const plan_run *r, const lf_balance *b)
{
    return strcmp(b->scenario, r->balance->scenario) == 0;
}

void lfc_plan_print_scenarios(const plan_run *r)
{
    if (r->nscenarios < 2)
        return;
    printf("\nthe same supply under each economic scenario, before any peak-shift (short:\n"
           "months short of energy at %s, and the GWh; capacity: months short; least: the\n"
           "least capacity balance, MW; risk: days at risk, and their MW-days):\n", r->high);
    printf("%-12s %10s %6s %9s %8s %9s %5s %9s\n", "scenario", "GWh", "short", "GWh",
           "capacity", "least", "risk", "MW-days");
    for (size_t s = 0; s < r->nscenarios; s++) {
        const lf_balance *b = r->by_scenario[s];
        const lf_balance_totals *t = &b->totals;
        printf("%-12s %10.1f %6zu %9.1f %8zu %9.1f", b->scenario, t->energy_high / 1e3,
               t->energy_deficit_months, t->energy_deficit_high / 1e3,
               t->capacity_deficit_months, t->worst_capacity_balance_mw);
        lfc_print_cell(t->days_at_risk, "%*.0f", 6);
        lfc_print_cell(t->mw_days_at_risk, "%*.1f", 10);
        printf("%s\n", planned(r, b) ? "  (planned)" : "");
    }
}

/* ---- plan_scenarios.csv ---------------------------------------------------------------- */

static int write_rows(FILE *fp, const void *ctx)
{
    const plan_run *r = ctx;
    const char *h = r->balance->high_label;
    fprintf(fp, "scenario,planned,demand_mwh_p50,demand_mwh_%s,supply_mwh,"
            "energy_deficit_months,energy_deficit_mwh_%s,capacity_deficit_months,"
            "worst_capacity_month,worst_capacity_balance_mw,days_at_risk,mw_days_at_risk\n",
            h, h);
    for (size_t s = 0; s < r->nscenarios; s++) {
        const lf_balance *b = r->by_scenario[s];
        const lf_balance_totals *t = &b->totals;
        const lf_balance_month *w = &b->months[t->worst_capacity_month];
        lf_csv_put_text(fp, b->scenario);
        fprintf(fp, ",%d", planned(r, b));
        lf_csv_put_number(fp, ",", t->energy_p50);
        lf_csv_put_number(fp, ",", t->energy_high);
        lf_csv_put_number(fp, ",", t->supply_mwh);
        fprintf(fp, ",%zu", t->energy_deficit_months);
        lf_csv_put_number(fp, ",", t->energy_deficit_high);
        fprintf(fp, ",%zu,%04d-%02d", t->capacity_deficit_months, w->year, w->month);
        lf_csv_put_number(fp, ",", t->worst_capacity_balance_mw);
        lf_csv_put_number(fp, ",", t->days_at_risk);
        lf_csv_put_number(fp, ",", t->mw_days_at_risk);
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

int lfc_plan_write_scenarios(const plan_run *r, const char *path, lf_error *err)
{
    return lf_atomic_write(path, write_rows, r, err);
}
