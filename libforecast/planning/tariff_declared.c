/* tariff_declared.c - the declared demand that minimises a month's expected
 * demand charge (tariff_advice.h, "Declared demand"), and quantiles turned
 * into equally likely values for it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/forecast.h"
#include "libforecast/tariff_advice.h"

double lf_demand_charge(const lf_tariff *t, double declared_kw, double max_kw)
{
    double allowed = t->demand_penalty_share * declared_kw;
    if (max_kw <= allowed)
        return t->demand_rate * declared_kw;
    return t->demand_rate * (allowed + t->demand_penalty_factor * (max_kw - allowed));
}

typedef struct outcomes {
    const double *max_kw, *weights;
    size_t n;
    double total_weight;
} outcomes;

static double weight_of(const outcomes *o, size_t i)
{
    return o->weights ? o->weights[i] : 1.0;
}

static double expected_charge(const lf_tariff *t, const outcomes *o, double declared)
{
    double sum = 0;
    for (size_t i = 0; i < o->n; i++)
        sum += weight_of(o, i) * lf_demand_charge(t, declared, o->max_kw[i]);
    return sum / o->total_weight;
}

static double penalty_probability(const lf_tariff *t, const outcomes *o, double declared)
{
    double w = 0;
    for (size_t i = 0; i < o->n; i++)
        if (o->max_kw[i] > t->demand_penalty_share * declared)
            w += weight_of(o, i);
    return w / o->total_weight;
}

static int check_outcomes(const lf_tariff *t, double capacity_kva, outcomes *o,
                          lf_error *err)
{
    if (!(t->demand_rate > 0))
        return lf_error_set(err, LF_ERR_ARG, "tariff %s has no basic charge by demand "
                            "(demand_rate)", t->id);
    if (!(capacity_kva > 0 && isfinite(capacity_kva)))
        return lf_error_set(err, LF_ERR_ARG, "the installed capacity must be above 0 kVA, "
                            "got %g", capacity_kva);
    if (o->n == 0 || !o->max_kw)
        return lf_error_set(err, LF_ERR_ARG, "no values of the month's maximum demand");
    o->total_weight = 0;
    for (size_t i = 0; i < o->n; i++) {
        if (!(o->max_kw[i] >= 0 && isfinite(o->max_kw[i])))
            return lf_error_set(err, LF_ERR_ARG, "maximum demand value %zu is %g; give kW "
                                ">= 0", i + 1, o->max_kw[i]);
        if (!(weight_of(o, i) >= 0 && isfinite(weight_of(o, i))))
            return lf_error_set(err, LF_ERR_ARG, "weight %zu is %g; give a number >= 0",
                                i + 1, weight_of(o, i));
        o->total_weight += weight_of(o, i);
    }
    if (!(o->total_weight > 0))
        return lf_error_set(err, LF_ERR_ARG, "the weights of the maximum demand values are "
                            "all 0");
    return LF_OK;
}

/* Keep the candidate when it is cheaper; on a tie the lower declared value,
 * which risks less capacity the customer pays for but does not use. */
static void consider(const lf_tariff *t, const outcomes *o, double declared,
                     lf_declared_demand *best)
{
    double cost = expected_charge(t, o, declared);
    if (cost < best->expected_charge - 1e-9 ||
        (fabs(cost - best->expected_charge) <= 1e-9 && declared < best->declared_kw)) {
        best->expected_charge = cost;
        best->declared_kw = declared;
    }
}

int lf_declared_demand_best(const lf_tariff *t, double capacity_kva, const double *max_kw,
                            const double *weights, size_t n, lf_declared_demand *out,
                            lf_error *err)
{
    outcomes o = {max_kw, weights, n, 0};
    int rc = t && out ? check_outcomes(t, capacity_kva, &o, err)
                      : lf_error_set(err, LF_ERR_ARG, "no tariff or no result");
    if (rc != LF_OK)
        return rc;
    lf_declared_demand best = {0};
    best.floor_kw = ceil(t->demand_floor_share * capacity_kva - 1e-9);
    best.cap_kw = fmax(best.floor_kw, floor(capacity_kva + 1e-9));
    best.capacity_charge = t->capacity_rate * capacity_kva;
    best.declared_kw = best.floor_kw;
    best.expected_charge = expected_charge(t, &o, best.floor_kw);
    consider(t, &o, best.cap_kw, &best);
    /* Between the points where a value leaves the penalty (the first whole
     * kW >= M / share) the expected charge is linear in D, so its least
     * whole-kW value is at one end of such a stretch: at such a point or
     * one kW below it. */
    for (size_t i = 0; i < n; i++) {
        double d = ceil(max_kw[i] / t->demand_penalty_share - 1e-9);
        for (double c = d - 1; c <= d; c++)
            if (c > best.floor_kw && c < best.cap_kw)
                consider(t, &o, c, &best);
    }
    best.penalty_probability = penalty_probability(t, &o, best.declared_kw);
    *out = best;
    return LF_OK;
}

/* ---- quantiles -> values ------------------------------------------------------------------ */

static int check_quantiles(const double *p, const double *v, size_t k, size_t n, double *out,
                           lf_error *err)
{
    if (!p || !v || !out || k == 0 || n == 0)
        return lf_error_set(err, LF_ERR_ARG, "give at least one quantile and one value to make");
    for (size_t j = 0; j < k; j++) {
        if (!(p[j] > 0 && p[j] < 1) || (j > 0 && !(p[j] > p[j - 1])))
            return lf_error_set(err, LF_ERR_ARG, "quantile probabilities must increase inside "
                                "(0, 1); probability %zu is %g", j + 1, p[j]);
        if (!isfinite(v[j]) || (j > 0 && v[j] < v[j - 1]))
            return lf_error_set(err, LF_ERR_ARG, "quantile values must be finite and not "
                                "decrease; value %zu (p %g) is %g", j + 1, p[j], v[j]);
    }
    return LF_OK;
}

/* The quantile function at probability q: linear through the points, and
 * beyond the outer points along the nearest segment. */
static double quantile_at(const double *p, const double *v, size_t k, double q)
{
    if (k == 1)
        return v[0];
    size_t j = 1;
    while (j + 1 < k && q > p[j])
        j++;
    double slope = (v[j] - v[j - 1]) / (p[j] - p[j - 1]);
    return v[j - 1] + slope * (q - p[j - 1]);
}

int lf_quantiles_to_values(const double *p, const double *v, size_t k, size_t n, double *out,
                           lf_error *err)
{
    int rc = check_quantiles(p, v, k, n, out, err);
    if (rc != LF_OK)
        return rc;
    for (size_t i = 0; i < n; i++)
        out[i] = fmax(0, quantile_at(p, v, k, ((double)i + 0.5) / (double)n));
    return LF_OK;
}

/* ---- a month of the plan --------------------------------------------------------------------- */

static int summarise(const double *max_kw, size_t n, lf_declared_month *out, lf_error *err)
{
    double *sorted = malloc(n * sizeof *sorted);
    if (!sorted)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu values", n);
    memcpy(sorted, max_kw, n * sizeof *sorted);
    /* lf_quantile sorts in place: the later calls find the copy sorted */
    out->max_kw_p10 = lf_quantile(sorted, n, 0.1);
    out->max_kw_p50 = lf_quantile(sorted, n, 0.5);
    out->max_kw_p90 = lf_quantile(sorted, n, 0.9);
    free(sorted);
    return LF_OK;
}

int lf_declared_month_plan(const lf_tariff *t, double capacity_kva, int year, int month,
                           const double *max_kw, size_t n, lf_declared_month *out,
                           lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "no result for the declared-demand plan");
    lf_declared_month m = {0};
    m.year = year;
    m.month = month;
    m.nvalues = n;
    int rc = lf_declared_demand_best(t, capacity_kva, max_kw, NULL, n, &m.best, err);
    if (rc == LF_OK)
        rc = summarise(max_kw, n, &m, err);
    if (rc != LF_OK)
        return rc;
    int has_capacity = t->capacity_rate > 0;
    m.choice = has_capacity && m.best.capacity_charge <= m.best.expected_charge
                   ? LF_BASIC_BY_CAPACITY
                   : LF_BASIC_BY_DEMAND;
    m.expected_charge = m.choice == LF_BASIC_BY_CAPACITY ? m.best.capacity_charge
                                                         : m.best.expected_charge;
    m.saving = has_capacity ? m.best.capacity_charge - m.best.expected_charge : NAN;
    *out = m;
    return LF_OK;
}
