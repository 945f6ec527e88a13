/* profit.c - each customer's profit contribution over a window of months:
 * revenue from its bills, cost from its energy at the unit cost of its
 * voltage band plus a service cost per month (customer_value.h, "Profit
 * contribution"); and the window checks the value files share. */
#include <math.h>
#include <string.h>

#include "libforecast/customer_value.h"
#include "value_internal.h"

/* ---- the window and the set's records -------------------------------------------------- */

int value_window_check(const lf_customer_set *set, size_t first, size_t count,
                       lf_error *err)
{
    if (!set)
        return lf_error_set(err, LF_ERR_ARG, "no customer set given");
    if (set->n && !set->customers)
        return lf_error_set(err, LF_ERR_ARG, "the customer set has %zu customers but no "
                            "customer records", set->n);
    if (set->n && set->nmonths && (!set->energy_kwh || !set->bill))
        return lf_error_set(err, LF_ERR_ARG, "the customer set has %zu months but no "
                            "monthly energy or bills", set->nmonths);
    /* written so that first + count cannot wrap */
    if (first > set->nmonths || count > set->nmonths - first)
        return lf_error_set(err, LF_ERR_ARG, "the window of %zu months from month %zu "
                            "(0-based) ends past the set's %zu months; shorten it or start "
                            "it earlier", count, first, set->nmonths);
    return LF_OK;
}

int value_window_sum(const lf_customer_set *set, const double *rows, const char *what,
                     const char *unit, size_t i, size_t first, size_t count, double *sum,
                     size_t *months, lf_error *err)
{
    const double *row = count ? rows + i * set->nmonths : NULL;
    double s = 0;
    size_t k = 0;
    for (size_t j = first; j < first + count; j++) {
        if (isnan(row[j]))
            continue;
        if (!(row[j] >= 0 && isfinite(row[j]))) {
            lf_date month = lf_date_add_months(set->first_month, (int)j);
            return lf_error_set(err, LF_ERR_DATA, "customer '%s' has %s %g%s in "
                                "%04d-%02d; give a number >= 0 (NaN when missing)",
                                set->customers[i].id, what, row[j], unit,
                                lf_date_year(month), lf_date_month(month));
        }
        s += row[j];
        k++;
    }
    *sum = s;
    if (months)
        *months = k;
    return LF_OK;
}

/* ---- cost rule ------------------------------------------------------------------------- */

void lf_cost_rule_default(lf_cost_rule *rule)
{
    static const lf_cost_rule defaults = {
        .nbands = 4,
        .bands = {{0, 0.60}, {10, 0.52}, {35, 0.47}, {110, 0.44}},
        .service_per_month = 200,
    };
    *rule = defaults;
}

static int check_band(const lf_cost_band *b, size_t i, lf_error *err)
{
    if (i == 0 && b->min_kv != 0)
        return lf_error_set(err, LF_ERR_ARG, "the first cost band starts at %g kV; it must "
                            "start at 0 so every voltage has a band", b->min_kv);
    if (i > 0 && !(b->min_kv > b[-1].min_kv && isfinite(b->min_kv)))
        return lf_error_set(err, LF_ERR_ARG, "cost band %zu starts at %g kV after a band at "
                            "%g kV; band voltages must increase strictly", i + 1, b->min_kv,
                            b[-1].min_kv);
    if (!(b->cost_per_kwh >= 0 && isfinite(b->cost_per_kwh)))
        return lf_error_set(err, LF_ERR_ARG, "cost band %zu (from %g kV) costs %g per kWh; "
                            "give a number >= 0", i + 1, b->min_kv, b->cost_per_kwh);
    return LF_OK;
}

int lf_cost_rule_check(const lf_cost_rule *rule, lf_error *err)
{
    if (!rule)
        return lf_error_set(err, LF_ERR_ARG, "no cost rule given");
    if (rule->nbands < 1 || rule->nbands > LF_COST_BANDS_MAX)
        return lf_error_set(err, LF_ERR_ARG, "a cost rule has 1 to %d voltage bands, got %zu",
                            LF_COST_BANDS_MAX, rule->nbands);
    for (size_t i = 0; i < rule->nbands; i++)
        if (check_band(&rule->bands[i], i, err))
            return LF_ERR_ARG;
    if (!(rule->service_per_month >= 0 && isfinite(rule->service_per_month)))
        return lf_error_set(err, LF_ERR_ARG, "the service cost is %g per customer-month; give "
                            "a number >= 0", rule->service_per_month);
    return LF_OK;
}

/* ---- profits --------------------------------------------------------------------------- */

static double unit_cost(const lf_cost_rule *rule, double kv)
{
    size_t b = 0;
    while (b + 1 < rule->nbands && rule->bands[b + 1].min_kv <= kv)
        b++;
    return rule->bands[b].cost_per_kwh;
}

static int customer_profit(const lf_customer_set *set, size_t i, size_t first, size_t count,
                           const lf_cost_rule *rule, lf_profit *p, lf_error *err)
{
    const lf_customer *c = &set->customers[i];
    if (!(c->voltage_kv > 0 && isfinite(c->voltage_kv)))
        return lf_error_set(err, LF_ERR_DATA, "customer '%s' has supply voltage %g kV; give a "
                            "number > 0", c->id, c->voltage_kv);
    memset(p, 0, sizeof *p);
    int rc = value_window_sum(set, set->energy_kwh, "energy", " kWh", i, first, count, &p->kwh,
                              &p->months, err);
    if (!rc)
        rc = value_window_sum(set, set->bill, "a bill of", "", i, first, count, &p->revenue,
                              NULL, err);
    if (rc)
        return rc;
    p->cost = p->kwh * unit_cost(rule, c->voltage_kv) +
              rule->service_per_month * (double)p->months;
    p->profit = p->revenue - p->cost;
    return LF_OK;
}

int lf_customer_profits(const lf_customer_set *set, size_t first, size_t count,
                        const lf_cost_rule *rule, lf_profit *out, lf_error *err)
{
    int rc = value_window_check(set, first, count, err);
    if (!rc)
        rc = lf_cost_rule_check(rule, err);
    if (rc)
        return rc;
    if (set->n && !out)
        return lf_error_set(err, LF_ERR_ARG, "no profits to fill");
    for (size_t i = 0; i < set->n; i++)
        if ((rc = customer_profit(set, i, first, count, rule, &out[i], err)))
            return rc;
    return LF_OK;
}
