/* credit_settlement.c - the settlement advice of a credit grade: billing
 * cycle and a prepayment deposit sized from the forecast consumption of one
 * cycle (credit.h, "Settlement"). */
#include <math.h>
#include <string.h>

#include "libforecast/credit.h"
#include "credit_internal.h"

/* ---- settlement advice ----------------------------------------------------------------- */

static int find_rule(const lf_credit_settlement_rule *rules, size_t n, const char *grade,
                     size_t *k, lf_error *err)
{
    size_t found = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(rules[i].grade, grade, sizeof rules[i].grade) == 0 && found++ == 0)
            *k = i;
    if (found == 0)
        return lf_error_set(err, LF_ERR_NOTFOUND, "no settlement rule for credit grade '%s'",
                            grade);
    if (found > 1)
        return lf_error_set(err, LF_ERR_ARG, "credit grade '%s' has %zu settlement rules; "
                            "give one", grade, found);
    return LF_OK;
}

static int check_settlement_args(const lf_credit_settlement_rule *r, double monthly_kwh,
                                 double price, lf_error *err)
{
    if (!credit_name_ok(r->grade, sizeof r->grade))
        return lf_error_set(err, LF_ERR_ARG, "a settlement rule's grade name is longer than "
                            "%d bytes", LF_CREDIT_GRADE_MAX - 1);
    if (r->cycle_days < 1 || r->cycle_days > 31)
        return lf_error_set(err, LF_ERR_ARG, "the settlement rule of grade '%s' has a %d-day "
                            "cycle; give 1 to 31 days", r->grade, r->cycle_days);
    if (!(r->deposit_cycles >= 0 && isfinite(r->deposit_cycles)))
        return lf_error_set(err, LF_ERR_ARG, "the settlement rule of grade '%s' has a deposit "
                            "of %g cycles; give a number >= 0", r->grade, r->deposit_cycles);
    if (!(monthly_kwh >= 0 && isfinite(monthly_kwh)))
        return lf_error_set(err, LF_ERR_ARG, "the forecast monthly consumption is %g kWh; "
                            "give a number >= 0", monthly_kwh);
    if (!(price >= 0 && isfinite(price)))
        return lf_error_set(err, LF_ERR_ARG, "the average price is %g per kWh; give a number "
                            ">= 0", price);
    return LF_OK;
}

int lf_credit_settlement(const lf_credit_settlement_rule *rules, size_t nrules,
                         const char *grade, double monthly_kwh, double price_per_kwh,
                         lf_credit_settlement_advice *out, lf_error *err)
{
    if (!rules || !grade || !out)
        return lf_error_set(err, LF_ERR_ARG, "no settlement rules, grade or advice given");
    size_t k = 0;
    int rc = find_rule(rules, nrules, grade, &k, err);
    if (!rc)
        rc = check_settlement_args(&rules[k], monthly_kwh, price_per_kwh, err);
    if (rc)
        return rc;
    const lf_credit_settlement_rule *r = &rules[k];
    memset(out, 0, sizeof *out);
    memcpy(out->grade, r->grade, sizeof out->grade);
    out->cycle_days = r->cycle_days;
    out->deposit_cycles = r->deposit_cycles;
    out->cycle_kwh = monthly_kwh * r->cycle_days / LF_CREDIT_DAYS_PER_MONTH;
    out->deposit = out->cycle_kwh * price_per_kwh * r->deposit_cycles;
    return LF_OK;
}
