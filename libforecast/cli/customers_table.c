/* customers_table.c - the summary `lfc customers` prints: totals, ABC classes,
 * key accounts, the top customers by profit, credit grades with their
 * settlement, the value x credit segment matrix, curtailment tiers, and the
 * largest usage alerts.  The files hold every customer. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "customers_table.h"

#define TOP_CUSTOMERS 15
#define TOP_ALERTS 10

static void month_text(lf_date month, char *buf)
{
    lf_date_format(month, buf);
    buf[7] = '\0';
}

static void print_header(const cu_run *r)
{
    const lf_customer_eval *ev = r->ev;
    double kwh = 0, revenue = 0, profit = 0;
    for (size_t i = 0; i < ev->n; i++) {
        kwh += ev->results[i].profit.kwh;
        revenue += ev->results[i].profit.revenue;
        profit += ev->results[i].profit.profit;
    }
    char first[LF_DATE_STRLEN], last[LF_DATE_STRLEN], day[LF_DATE_STRLEN];
    month_text(lf_date_add_months(r->set->first_month, (int)ev->window_first), first);
    month_text(lf_date_add_months(r->set->first_month,
                                  (int)(ev->window_first + ev->window_count - 1)), last);
    lf_date_format(ev->evaluated, day);
    printf("Customer evaluation: %zu customers, %s .. %s (evaluated %s)\n", ev->n, first, last,
           day);
    printf("energy %.1f GWh, revenue %.2f M CNY, allocated cost %.2f M CNY, profit %.2f M "
           "CNY\n", kwh / 1e6, revenue / 1e6, (revenue - profit) / 1e6, profit / 1e6);
}

static void print_abc(const lf_customer_eval *ev)
{
    size_t count[3] = {0, 0, 0};
    double profit[3] = {0, 0, 0}, positive = 0;
    for (size_t i = 0; i < ev->n; i++) {
        const lf_customer_result *c = &ev->results[i];
        count[c->abc]++;
        profit[c->abc] += c->profit.profit;
        positive += fmax(0, c->profit.profit);
    }
    printf("\nABC by profit contribution\nclass  customers  share  profit M CNY  share\n");
    for (int k = 0; k < 3; k++) {
        printf("%-5s  %9zu  %4.1f%%  %12.2f", lf_abc_name((lf_abc_class)k), count[k],
               100.0 * (double)count[k] / (double)ev->n, profit[k] / 1e6);
        lfc_print_cell(positive > 0 ? 100 * profit[k] / positive : NAN, " %*.1f%%", 5);
        printf("\n");
    }
}

static void print_keys(const lf_customer_eval *ev, const lf_customer_eval_spec *spec)
{
    size_t keys = 0, pareto = 0, by_rule[LF_KEY_RULES_MAX] = {0};
    for (size_t i = 0; i < ev->n; i++) {
        const lf_key_account *k = &ev->results[i].key;
        keys += k->is_key != 0;
        pareto += k->by_pareto != 0;
        for (size_t q = 0; q < spec->key.nrules; q++)
            by_rule[q] += (k->rules_met >> q) & 1u;
    }
    printf("\nKey accounts: %zu of %zu (", keys, ev->n);
    for (size_t q = 0; q < spec->key.nrules; q++)
        printf("%s: %zu; ", spec->key.rules[q].name, by_rule[q]);
    if (spec->key.pareto_share > 0)
        printf("top %.0f%% of profit: %zu)\n", 100 * spec->key.pareto_share, pareto);
    else
        printf("Pareto rule off)\n");
}

static void print_top(const cu_run *r)
{
    const lf_customer_eval *ev = r->ev;
    const lf_customer_eval_spec *spec = &r->cfg->crm.spec;
    size_t n = ev->n < TOP_CUSTOMERS ? ev->n : TOP_CUSTOMERS;
    printf("\nTop %zu customers by profit\nrank  id          kV      GWh  profit M  ABC  key  "
           "RFM    V  value   credit    segment      tier        name\n", n);
    for (size_t k = 0; k < n; k++) {
        size_t i = ev->pareto[k].customer;
        const lf_customer *c = &r->set->customers[i];
        const lf_customer_result *x = &ev->results[i];
        const lf_segment_cell *cell = &spec->segment.cells[x->segment.level][x->segment.group];
        printf("%4zu  %-10s %4g %8.1f %9.2f  %-3s  %-3s  %s %5.1f  %-6s  %-3s %5.1f  %-12s %-11s "
               "%s\n", x->rank, c->id, c->voltage_kv, x->profit.kwh / 1e6,
               x->profit.profit / 1e6, lf_abc_name(x->abc), x->key.is_key ? "yes" : "no",
               x->rfm.code, x->value.value, spec->value.levels[x->value.level].name,
               x->credit.grade_name, x->credit.total, cell->segment,
               x->segment.tier < 0 ? "(protected)" : spec->segment.tiers[x->segment.tier],
               c->name);
    }
}

static void print_grades(const lf_customer_eval *ev, const lf_customer_eval_spec *spec)
{
    printf("\nCredit grades\ngrade  customers  mean score  cycle days  deposits M CNY\n");
    for (size_t g = 0; g < spec->ngrades; g++) {
        size_t count = 0;
        double score = 0, deposit = 0;
        int cycle = 0;
        for (size_t i = 0; i < ev->n; i++) {
            const lf_customer_result *x = &ev->results[i];
            if (x->credit.grade != g)
                continue;
            count++;
            score += x->credit.total;
            deposit += x->settlement.deposit;
            cycle = x->settlement.cycle_days;
        }
        if (count == 0)
            continue;
        printf("%-5s  %9zu  %10.1f  %10d  %14.2f\n", spec->grades[g].name, count,
               score / (double)count, cycle, deposit / 1e6);
    }
}

static void print_segments(const lf_customer_eval *ev, const lf_customer_eval_spec *spec)
{
    const lf_segment_spec *s = &spec->segment;
    printf("\nSegments: customers by value level (rows) and credit group (columns)\n%-8s",
           "");
    for (size_t g = 0; g < s->ngroups; g++)
        printf(" %8s", s->groups[g].name);
    printf("\n");
    for (size_t l = 0; l < s->nlevels; l++) {
        printf("%-8s", s->levels[l]);
        for (size_t g = 0; g < s->ngroups; g++) {
            size_t count = 0;
            for (size_t i = 0; i < ev->n; i++)
                count += ev->results[i].segment.level == l && ev->results[i].segment.group == g;
            printf(" %8zu", count);
        }
        printf("\n");
    }
    printf("Curtailment tiers (cut first to last):");
    for (int t = -1; t < (int)s->ntiers; t++) {
        size_t count = 0;
        for (size_t i = 0; i < ev->n; i++)
            count += ev->results[i].segment.tier == t;
        if (t >= 0)
            printf(" %s %zu%s", s->tiers[t], count, t + 1 < (int)s->ntiers ? "," : "");
        else if (count > 0)
            printf(" [protected %zu]", count);
    }
    printf("\n");
}

static void print_alerts(const cu_run *r)
{
    const lf_customer_eval *ev = r->ev;
    const lf_alert_spec *a = &r->cfg->crm.spec.alerts;
    printf("\nUsage alerts: %zu (%s, vs %s)\n", ev->nalerts,
           a->measure == LF_ALERT_PERCENT ? "change >= threshold share" : "|z| >= threshold",
           lf_alert_baseline_name(a->baseline));
    if (ev->nalerts == 0)
        return;
    printf("id          month    actual MWh  expected MWh  change %%      z  name\n");
    size_t n = ev->nalerts < TOP_ALERTS ? ev->nalerts : TOP_ALERTS;
    for (size_t k = 0; k < n; k++) {
        const lf_usage_alert *x = &ev->alerts[k];
        const lf_customer *c = &r->set->customers[x->customer];
        char month[LF_DATE_STRLEN];
        month_text(x->month, month);
        printf("%-10s  %s  %10.1f  %12.1f", c->id, month, x->actual / 1e3, x->expected / 1e3);
        lfc_print_cell(100 * x->change_pct, " %*.1f", 9);
        lfc_print_cell(x->z, " %*.1f", 6);
        printf("  %s\n", c->name);
    }
}

void lfc_customers_table(const cu_run *r)
{
    const lf_customer_eval_spec *spec = &r->cfg->crm.spec;
    print_header(r);
    print_abc(r->ev);
    print_keys(r->ev, spec);
    print_top(r);
    print_grades(r->ev, spec);
    print_segments(r->ev, spec);
    print_alerts(r);
}
