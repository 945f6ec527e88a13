/* tariff_table.c - the summary `lfc tariff` prints for each account: who it
 * is and what was billed, the ranking of its options, the declared-demand
 * plan of its best two-part tariff month by month, and what moving load out
 * of the peak saves; then, with a proposed tariff table, the revenue change
 * by class and in total.  The files hold the rest (every plan, the bills,
 * the change by customer). */
#include <math.h>
#include <stdio.h>

#include "tariff_table.h"

#define TOP_OPTIONS 8 /* options listed; the current one always is */

static void print_money(double v, int width)
{
    lfc_print_cell(v, "%*.0f", width);
}

static void print_account(const tf_account *a)
{
    const lf_config_tariff_customer *c = a->in;
    const lf_tariff_account *acc = &c->account->account;
    char first[LF_DATE_STRLEN], last[LF_DATE_STRLEN];
    lf_date_format(c->first, first);
    lf_date_format(c->last, last);
    printf("\n%s %s: %s, %g kV, %.0f kVA, power factor ", c->account->customer, c->name,
           acc->customer_class, acc->voltage_kv, acc->capacity_kva);
    if (acc->power_factor > 0)
        printf("%.2f", acc->power_factor);
    else
        printf("not adjusted");
    printf("\nbilled %s .. %s (%zu months, %.0f MWh)", first, last, a->ranking->nmonths,
           a->ranking->options[0].kwh / 1000);
    const lf_tariff_ranking *r = a->ranking;
    if (r->current < r->n && r->options[r->current].two_part)
        printf("; current %s by %s", c->account->current,
               lfc_tariff_basic_name(&r->options[r->current]));
    else if (r->current < r->n)
        printf("; current %s", c->account->current);
    else
        printf("; no current tariff given");
    printf("\n");
}

/* ---- the ranking ------------------------------------------------------------------------ */

static void print_option(const tf_account *a, size_t i)
{
    const lf_tariff_ranking *r = a->ranking;
    const lf_tariff_option *o = &r->options[i];
    char basic[16];
    snprintf(basic, sizeof basic, "%s%s", lfc_tariff_basic_name(o),
             o->declared_hindsight ? "*" : "");
    printf("%4zu  %-30s %-9s", i + 1, o->tariff_id, basic);
    print_money(o->total, 15);
    lfc_print_cell(o->price_per_kwh, " %*.4f", 8);
    lfc_print_cell(100 * o->peak_share, " %*.1f", 6);
    lfc_print_cell(o->saving, " %*.0f", 12);
    printf("%s\n", i == r->current ? "  current" : "");
}

static void print_ranking(const tf_account *a)
{
    const lf_tariff_ranking *r = a->ranking;
    int hindsight = 0;
    printf("%4s  %-30s %-9s %15s %8s %6s %12s\n", "rank", "tariff", "basic", "total CNY",
           "CNY/kWh", "peak%", "saving");
    for (size_t i = 0; i < r->n; i++) {
        if (i >= TOP_OPTIONS && i != r->current)
            continue;
        print_option(a, i);
        hindsight |= r->options[i].declared_hindsight;
    }
    if (r->n > TOP_OPTIONS)
        printf("      (%zu options in all: tariff_ranking.csv)\n", r->n);
    if (hindsight)
        printf("      * declared in hindsight: each month's least declared demand without a "
               "penalty\n        (a bound: no customer declares with hindsight)\n");
    if (r->current < r->n && r->current != 0)
        printf("best: %s by %s, %.0f CNY a year less than the current (%.1f %%)\n",
               r->options[0].tariff_id, lfc_tariff_basic_name(&r->options[0]),
               r->options[0].saving,
               100 * r->options[0].saving / r->options[r->current].total);
    else if (r->current == 0)
        printf("best: the current option\n");
}

/* ---- the declared-demand plan of the best two-part tariff ------------------------------- */

/* The plan's expected basic charge over its planned months. */
static double plan_cost(const tf_plan *p)
{
    double sum = 0;
    for (int m = 0; m < 12; m++)
        sum += p->has[m] ? p->months[m].expected_charge : 0;
    return sum;
}

static void print_plan_month(const tf_plan *p, int year, int m)
{
    const lf_declared_month *d = &p->months[m];
    printf("%04d-%02d", year, m + 1);
    if (!p->has[m]) {
        printf("  %6s  no values of the month's maximum demand\n", "0");
        return;
    }
    printf("  %6zu %11.0f %11.0f %12.0f %12.0f %5.0f%%  %-8s", d->nvalues, d->max_kw_p50,
           d->best.declared_kw, d->best.expected_charge, d->best.capacity_charge,
           100 * d->best.penalty_probability,
           d->choice == LF_BASIC_BY_DEMAND ? "demand" : "capacity");
    lfc_print_cell(d->saving, " %*.0f", 10);
    printf("\n");
}

static void print_source(const tf_account *a)
{
    const lf_config_tariff_account *acc = a->in->account;
    if (acc->declared_from == LF_DECLARED_FROM_FORECAST) {
        printf("from the peak quantiles of %s", acc->forecast_file);
        if (a->in->scenario[0])
            printf(" (scenario %s)", a->in->scenario);
    } else {
        printf("from the same month of earlier years, grown %g %% a year", 100 * acc->growth);
    }
}

static void print_plan(const tf_account *a)
{
    if (a->nplans == 0) {
        printf("declared demand: no two-part tariff with a demand rate is open to it\n");
        return;
    }
    const tf_plan *p = &a->plans[0];
    int year = a->in->plan_year;
    printf("declared demand %d under %s, ", year, p->tariff_id);
    print_source(a);
    printf(":\n%-7s  %6s %11s %11s %12s %12s %6s  %-8s %10s\n", "month", "values",
           "max P50 kW", "declared kW", "by demand", "by capacity", "P(pen)", "choice",
           "saving");
    for (int m = 0; m < 12; m++)
        print_plan_month(p, year, m);
    printf("the plan (the cheaper each month, %zu of 12 planned) saves ", p->nplanned);
    if (isfinite(p->saving))
        printf("%.0f CNY in expectation against the capacity charge every month\n", p->saving);
    else
        printf("nothing to compare: the tariff has no capacity rate\n");
    if (isfinite(p->current_charge))
        printf("declaring %.0f kW every month, as now, would cost %.0f CNY in expectation; "
               "the plan costs %.0f less\n", a->in->account->account.declared_kw, p->current_charge,
               p->current_charge - plan_cost(p));
    if (a->nplans > 1)
        printf("(plans of %zu more two-part tariffs: tariff_declared.csv)\n", a->nplans - 1);
}

/* ---- moving load out of the peak ----------------------------------------------------------- */

static void print_shifts(const tf_account *a)
{
    if (!a->shift_tariff[0]) {
        printf("peak shift: no time-of-use tariff is open to it\n");
        return;
    }
    double max_kw = a->in->account->shiftable_kw;
    printf("moving peak-period load to the same day's valley under %s (%s), ", a->shift_tariff,
           a->shift_is_current ? "current" : "best TOU option");
    if (max_kw > 0)
        printf("at most %.0f kW:\n", max_kw);
    else
        printf("no kW limit:\n");
    printf("%6s %11s %12s %9s  %s\n", "share", "MWh moved", "saving CNY", "CNY/MWh",
           "max kW before -> after");
    for (size_t k = 0; k < a->nshifts; k++) {
        const lf_shift_saving *s = &a->shifts[k];
        printf("%5.0f%% %11.1f %12.0f", 100 * s->share, s->kwh_moved / 1000, s->saving);
        lfc_print_cell(s->saving_per_mwh, " %*.1f", 9);
        printf(" %10.0f -> %.0f\n", s->max_demand_before_kw, s->max_demand_after_kw);
    }
}

/* ---- a proposed tariff table ---------------------------------------------------------- */

static void print_change_row(const lf_impact_row *x)
{
    printf("%-20s %5zu", x->id, x->ncustomers);
    lfc_print_cell(100 * x->kwh_share, " %*.1f", 6);
    lfc_print_cell(100 * x->peak_share, " %*.1f", 6);
    print_money(x->old_total, 14);
    print_money(x->new_total, 14);
    print_money(x->change, 12);
    lfc_print_cell(x->change_pct, " %*.2f", 6);
    printf("  %.4f -> %.4f  ", x->old_price, x->new_price);
    lfc_print_cell(x->price_effect, " %*.5f", 11);
    printf("\n");
}

static void print_change(const tf_run *r)
{
    const lf_tariff_impact *c = r->change;
    const lf_impact_class *total = &c->classes[c->nclasses - 1];
    const lf_impact_class *top = lfc_tariff_change_driver(c);
    double moved = total->new_price - total->old_price;
    printf("\ntariff change to %s\n(each account on its billed days, under its current "
           "and its proposed tariff; by customer: tariff_change.csv):\n",
           r->cfg->tariff.proposed);
    printf("%-20s %5s %6s %6s %14s %14s %12s %6s  %-18s %11s\n", "class", "cust.", "kWh%",
           "peak%", "old CNY", "new CNY", "change", "chg%", "CNY/kWh old -> new",
           "price eff.");
    for (size_t k = 0; k < c->nclasses; k++)
        print_change_row(&c->classes[k]);
    printf("the average price moves %.4f -> %.4f CNY/kWh (%+.4f); %s drives most of it:\n"
           "%+.4f CNY/kWh", total->old_price, total->new_price, moved, top->id,
           top->price_effect);
    if (moved != 0)
        printf(" (%.0f %% of the change)", 100 * top->price_effect / moved);
    printf(", with %.1f %% of the kWh, %.1f %% of its kWh in peak hours\n",
           100 * top->kwh_share, 100 * top->peak_share);
}

void lfc_tariff_table(const tf_run *r)
{
    const lf_config_tariff *t = &r->cfg->tariff;
    printf("tariff advice for %s: %zu account%s, tariffs from %s\n", r->cfg->name, r->n,
           r->n == 1 ? "" : "s", t->tariffs);
    for (size_t i = 0; i < r->n; i++) {
        const tf_account *a = &r->accounts[i];
        print_account(a);
        print_ranking(a);
        print_plan(a);
        print_shifts(a);
    }
    if (r->change)
        print_change(r);
}
