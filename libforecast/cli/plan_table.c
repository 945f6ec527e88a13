/* plan_table.c - what `lfc plan` prints: the monthly balance table with its
 * totals and the schedule of the days at risk on stdout, and on stderr the
 * outcome that decides the exit code (plan.h). */
#include <math.h>
#include <stdio.h>

#include "peakshift_table.h"
#include "plan.h"

static const char *status_text(lf_balance_status s)
{
    static const char *const text[] = {"ok", "energy deficit", "capacity deficit",
                                       "energy+capacity"};
    return s <= LF_BALANCE_BOTH ? text[s] : "?";
}

static void print_header(const plan_run *r)
{
    const lf_balance *b = r->balance;
    const lf_balance_month *z = &b->months[b->nmonths - 1];
    printf("energy balance plan of %s, %04d-%02d .. %04d-%02d (%zu months)\n", r->cfg->name,
           b->year, b->month, z->year, z->month, b->nmonths);
    printf("demand: P50 and %s", r->high);
    if (b->scenario[0])
        printf(" of scenario %s", b->scenario);
    if (r->has_forecast)
        printf(", forecast by this run (seed %lu)", r->fc.spec.seed);
    else
        printf(", from %s", r->cfg->plan.monthly_file);
    printf("; the plan covers %s\nreserve margin: %.1f%% of the peak\n\n", r->high,
           100 * b->reserve);
}

static void print_months(const plan_run *r)
{
    const lf_balance *b = r->balance;
    printf("%-7s  %-35s  %-52s %5s\n", "", "------------ energy, GWh ------------",
           "--------------------- capacity, MW ---------------------", "days");
    printf("%-7s %8s %8s %8s %8s %9s %9s %9s %9s %9s %5s  %s\n", "month", "P50", r->high,
           "supply", "balance", r->high, "available", "required", "balance", "limit",
           "risk", "status");
    for (size_t k = 0; k < b->nmonths; k++) {
        const lf_balance_month *m = &b->months[k];
        printf("%04d-%02d %8.1f %8.1f %8.1f %8.1f %9.1f %9.1f %9.1f %9.1f %9.1f", m->year,
               m->month, m->energy_p50 / 1e3, m->energy_high / 1e3, m->supply_mwh / 1e3,
               m->energy_balance_high / 1e3, m->peak_high, m->available_mw, m->required_mw,
               m->capacity_balance_mw, m->limit_mw);
        lfc_print_cell(m->days_at_risk, "%*.0f", 6);
        printf("  %s%s\n", status_text(m->status),
               m->outages_exceed_capacity ? " (outages exceed capacity)" : "");
    }
    const lf_balance_totals *t = &b->totals;
    printf("%-7s %8.1f %8.1f %8.1f %8.1f\n", "total", t->energy_p50 / 1e3,
           t->energy_high / 1e3, t->supply_mwh / 1e3, t->energy_balance_high / 1e3);
}

static void print_totals(const plan_run *r)
{
    const lf_balance *b = r->balance;
    const lf_balance_totals *t = &b->totals;
    const lf_balance_month *w = &b->months[t->worst_capacity_month];
    printf("\nmonths: %zu ok, %zu short of energy at %s, %zu short of capacity\n",
           t->months_by_status[LF_BALANCE_OK], t->energy_deficit_months, r->high,
           t->capacity_deficit_months);
    printf("energy deficits: %.1f GWh at %s, %.1f GWh at P50\n", t->energy_deficit_high / 1e3,
           r->high, t->energy_deficit_p50 / 1e3);
    printf("least capacity balance: %.1f MW in %04d-%02d\n", t->worst_capacity_balance_mw,
           w->year, w->month);
    if (isnan(t->days_at_risk))
        printf("days at risk: unknown (no daily peaks)\n");
    else
        printf("days at risk: %.0f, %.1f MW-days over the limits\n", t->days_at_risk,
               t->mw_days_at_risk);
}

void lfc_plan_table(const void *run)
{
    const plan_run *r = run;
    print_header(r);
    print_months(r);
    print_totals(r);
    lfc_plan_print_scenarios(r);
    if (!r->schedule) {
        printf("\npeak-shift: nothing scheduled (%s)\n", r->no_schedule);
        return;
    }
    char a[LF_DATE_STRLEN], z[LF_DATE_STRLEN];
    lf_date_format(r->ps_spec.first, a);
    lf_date_format(r->ps_spec.last, z);
    printf("\npeak-shift schedule of the days at risk, %s .. %s, against each month's limit\n",
           a, z);
    lfc_peakshift_print_schedule(r->portfolio, r->schedule);
}

/* ---- the outcome ------------------------------------------------------------------------ */

static int energy_short(const plan_run *r)
{
    const lf_balance *b = r->balance;
    const lf_balance_month *worst = NULL;
    for (size_t k = 0; k < b->nmonths; k++)
        if (b->months[k].energy_balance_high < 0 &&
            (!worst || b->months[k].energy_balance_high < worst->energy_balance_high))
            worst = &b->months[k];
    if (!worst)
        return 0;
    fprintf(stderr, "lfc plan: the supply falls short of the %s energy in %zu month%s, "
            "%.1f GWh in all; the worst is %04d-%02d, %.1f GWh short: contract more energy\n",
            r->high, b->totals.energy_deficit_months,
            b->totals.energy_deficit_months == 1 ? "" : "s", b->totals.energy_deficit_high / 1e3,
            worst->year, worst->month, -worst->energy_balance_high / 1e3);
    return 1;
}

static int peak_short(const plan_run *r, const char *dir)
{
    const lf_balance_totals *t = &r->balance->totals;
    if (r->schedule) {
        size_t days;
        const lf_peakshift_day *worst = lfc_peakshift_worst_day(r->schedule, &days);
        if (!worst)
            return 0;
        char day[LF_DATE_STRLEN];
        lf_date_format(worst->date, day);
        fprintf(stderr, "lfc plan: the portfolio cannot cover the days at risk: %zu %s "
                "%.1f MW-days unmet; the worst is %s with %.1f MW unmet of %.1f MW over the "
                "limit (plan written to %s)\n", days, days == 1 ? "day keeps" : "days keep",
                r->schedule->unmet_mw_days, day, worst->unmet_mw, worst->deficit_mw, dir);
        return 1;
    }
    if (!(t->days_at_risk > 0))
        return 0;
    fprintf(stderr, "lfc plan: %.0f days at risk, %.1f MW-days over the limits, and nothing "
            "scheduled: %s\n", t->days_at_risk, t->mw_days_at_risk, r->no_schedule);
    return 1;
}

/* Months short of capacity at the monthly high peak with no day over the
 * limit: not a failure (no day's forecast needs a call), but worth saying.
 * Without daily peaks the days are unknown: such a month cannot be shown to
 * close, so it fails the plan (returns 1). */
static int capacity_short(const plan_run *r)
{
    const lf_balance *b = r->balance;
    size_t quiet = 0, unknown = 0;
    for (size_t k = 0; k < b->nmonths; k++) {
        if (!(b->months[k].capacity_balance_mw < 0))
            continue;
        unknown += isnan(b->months[k].days_at_risk);
        quiet += b->months[k].days_at_risk == 0;
    }
    if (quiet)
        fprintf(stderr, "lfc plan: note: %zu month%s short of capacity at the monthly %s "
                "peak without a day at risk: the largest day of the month may still cross "
                "the limit; plan the capacity on the monthly balance\n", quiet,
                quiet == 1 ? " is" : "s are", r->high);
    if (unknown)
        fprintf(stderr, "lfc plan: %zu month%s short of capacity at the monthly %s peak, and "
                "the days at risk are unknown (plan.demand has no daily file): nothing can be "
                "scheduled; give demand.daily (lfc forecast's forecast_daily.csv)\n", unknown,
                unknown == 1 ? " is" : "s are", r->high);
    return unknown > 0;
}

int lfc_plan_outcome(const plan_run *r, const char *dir)
{
    const lf_peakshift *s = r->schedule;
    if (s && s->status == LF_PEAKSHIFT_TIME_LIMIT)
        fprintf(stderr, "lfc plan: note: a stage of the schedule hit its time limit "
                "(peakshift.seconds_per_stage): the schedule is the best found, not proven "
                "optimal\n");
    else if (s && s->status == LF_PEAKSHIFT_HEURISTIC)
        fprintf(stderr, "lfc plan: note: the schedule is the greedy one (more possible calls "
                "than peakshift.exact_max_calls, or method greedy), not proven least-cost\n");
    int capacity = capacity_short(r);
    int energy = energy_short(r);
    int peak = peak_short(r, dir);
    return energy || peak || capacity ? LFC_INFEASIBLE : LFC_OK;
}
