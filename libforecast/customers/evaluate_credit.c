/* evaluate_credit.c - one customer's credit inputs, rating and settlement
 * advice inside lf_customer_evaluate (customer_eval.h): the raw indicators from
 * its records, with the fill-ins for short histories, arrears from before the
 * records, and the outlook from the table by industry. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "libforecast/customer_eval.h"
#include "evaluate_internal.h"
#include "value_internal.h"

#define DAYS_ASSESSED 365   /* the payments a rating looks at: the last year's */

static double outlook_of(const lf_customer_eval_spec *spec, const lf_customer *c)
{
    if (!isnan(c->industry_outlook))
        return c->industry_outlook;
    for (size_t k = 0; k < spec->noutlook; k++)
        if (strcasecmp(spec->outlook[k].industry, c->industry) == 0) /* as tier rules match */
            return spec->outlook[k].score;
    return spec->outlook_default;
}

/* The bills of customer i falling due in the year ending on E. */
static void assessed_bills(const lf_customer_set *set, size_t i, lf_date E,
                           const lf_payment **first, size_t *n)
{
    if (!set->payment_start) { /* a set built without payments */
        *first = NULL;
        *n = 0;
        return;
    }
    size_t a = set->payment_start[i], b = set->payment_start[i + 1];
    while (a < b && set->payments[a].due <= E - DAYS_ASSESSED)
        a++;
    size_t e = a;
    while (e < b && set->payments[e].due <= E)
        e++;
    *first = set->payments + a;
    *n = e - a;
}

/* The window's mean monthly bill, NaN when it has none. */
static int mean_window_bill(const lf_customer_set *set, size_t i, const eval_window *w,
                            double *mean, lf_error *err)
{
    double billed;
    size_t months;
    int rc = value_window_sum(set, set->bill, "a bill of", "", i, w->first, w->count, &billed,
                              &months, err);
    *mean = months > 0 ? billed / (double)months : NAN;
    return rc;
}

/* Outstanding in months of the mean bill: arrears from before the records
 * count with the unpaid bills; owing without any bill to compare scores worst. */
static double arrears_months(double owed, double mean_bill)
{
    if (!(owed > 0))
        return 0;
    return mean_bill > 0 ? owed / mean_bill : INFINITY;
}

static int fill_inputs(const lf_customer_set *set, size_t i, const lf_customer_eval_spec *spec,
                       const eval_window *w, lf_customer_result *r, lf_error *err)
{
    const lf_customer *c = &set->customers[i];
    const lf_payment *bills;
    size_t nbills;
    assessed_bills(set, i, w->evaluated, &bills, &nbills);
    int rc = lf_credit_raw_from_records(bills, nbills, set->energy_kwh + i * set->nmonths +
                                        w->first, w->count, w->evaluated, &r->raw, err);
    if (rc != LF_OK)
        return lf_error_prefix(err, rc, "customer %s: ", c->id);
    double *in = r->credit_inputs;
    memcpy(in, r->raw.values, sizeof r->raw.values);
    double mean_bill = r->raw.mean_monthly_bill;
    if (r->raw.bills_assessed == 0) {
        r->no_payment_history = 1;
        in[LF_CREDIT_ON_TIME_SHARE] = 1;
        in[LF_CREDIT_MEAN_DAYS_LATE] = 0;
        rc = mean_window_bill(set, i, w, &mean_bill, err);
        if (rc != LF_OK)
            return rc;
    }
    in[LF_CREDIT_ARREARS_MONTHS] = arrears_months(r->raw.outstanding + c->arrears, mean_bill);
    if (isnan(in[LF_CREDIT_ENERGY_CV])) {
        r->no_energy_history = 1;
        in[LF_CREDIT_ENERGY_CV] = spec->indicators[LF_CREDIT_ENERGY_CV].best;
    }
    in[LF_CREDIT_BREACHES] = c->breaches;
    in[LF_CREDIT_INDUSTRY_OUTLOOK] = outlook_of(spec, c);
    if (isnan(in[LF_CREDIT_INDUSTRY_OUTLOOK]))
        return lf_error_set(err, LF_ERR_DATA, "customer %s (industry '%s') has no industry "
                            "outlook for its credit rating; give it in the customers file's "
                            "industry_outlook column or in the outlook table by industry "
                            "(or a default for the table)", c->id, c->industry);
    return LF_OK;
}

/* The month the deposit is sized on: the caller's expectation for the month
 * after E when there is one, else the window's mean month. */
static double expected_month(const lf_customer_set *set, const double *expected, size_t i,
                             const eval_window *w, const lf_profit *p)
{
    size_t next = w->first + w->count;
    if (expected && next < set->nmonths && !isnan(expected[i * set->nmonths + next]))
        return expected[i * set->nmonths + next];
    return p->months > 0 ? p->kwh / (double)p->months : 0;
}

int eval_credit(const lf_customer_set *set, const double *expected, size_t i,
                const lf_customer_eval_spec *spec, const lf_credit_indicator *ind,
                const eval_window *w, lf_customer_result *r, lf_error *err)
{
    const lf_customer *c = &set->customers[i];
    int rc = fill_inputs(set, i, spec, w, r, err);
    if (rc != LF_OK)
        return rc;
    rc = lf_credit_rate(ind, LF_CREDIT_NDEFAULT, r->credit_inputs, spec->grades, spec->ngrades,
                        &r->credit, err);
    if (rc != LF_OK)
        return lf_error_prefix(err, rc, "customer %s: ", c->id);
    r->monthly_kwh = expected_month(set, expected, i, w, &r->profit);
    r->price_per_kwh = r->profit.kwh > 0 ? r->profit.revenue / r->profit.kwh : 0;
    rc = lf_credit_settlement(spec->settlement, spec->nsettlement, r->credit.grade_name,
                              r->monthly_kwh, r->price_per_kwh, &r->settlement, err);
    return rc == LF_OK ? LF_OK : lf_error_prefix(err, rc, "customer %s: ", c->id);
}
