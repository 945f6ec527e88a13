/* key_account.c - key accounts (大客户): the utility's rules on voltage,
 * dedicated line, annual energy and capacity, and the Pareto set of the
 * profit ranking (customer_value.h, "Key accounts"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/customer_value.h"
#include "credit_internal.h"
#include "value_internal.h"

void lf_key_spec_default(lf_key_spec *spec)
{
    static const lf_key_spec defaults = {
        .nrules = 2,
        .rules = {{.name = ">=35kV", .min_kv = 35},
                  {.name = "10-20kV dedicated line >=10GWh", .min_kv = 10, .max_kv = 20,
                   .dedicated_line = 1, .min_annual_kwh = 10e6}},
        .pareto_share = 0.80,
    };
    *spec = defaults;
}

static int nonnegative(double x)
{
    return x >= 0 && isfinite(x);
}

static int check_rule(const lf_key_spec *spec, size_t r, lf_error *err)
{
    const lf_key_rule *k = &spec->rules[r];
    if (!credit_name_ok(k->name, sizeof k->name))
        return lf_error_set(err, LF_ERR_ARG, "key-account rule %zu has no name (or one longer "
                            "than %d bytes)", r + 1, LF_KEY_RULE_NAME_MAX - 1);
    for (size_t j = 0; j < r; j++)
        if (strcmp(spec->rules[j].name, k->name) == 0)
            return lf_error_set(err, LF_ERR_ARG, "key-account rule '%s' is listed twice",
                                k->name);
    if (!nonnegative(k->min_kv) || !nonnegative(k->min_annual_kwh) ||
        !nonnegative(k->min_capacity_kva))
        return lf_error_set(err, LF_ERR_ARG, "key-account rule '%s' has minimum voltage %g "
                            "kV, annual energy %g kWh, capacity %g kVA; give numbers >= 0 (0 "
                            "for no condition)", k->name, k->min_kv, k->min_annual_kwh,
                            k->min_capacity_kva);
    if (!nonnegative(k->max_kv) || (k->max_kv > 0 && k->max_kv < k->min_kv))
        return lf_error_set(err, LF_ERR_ARG, "key-account rule '%s' has maximum voltage %g "
                            "kV; give a number >= its minimum %g kV (0 for no condition)",
                            k->name, k->max_kv, k->min_kv);
    if (k->dedicated_line != 0 && k->dedicated_line != 1)
        return lf_error_set(err, LF_ERR_ARG, "key-account rule '%s' has dedicated_line %d; "
                            "give 1 (required) or 0 (no condition)", k->name,
                            k->dedicated_line);
    /* a rule without a condition would make every customer a key account */
    if (k->min_kv == 0 && k->max_kv == 0 && !k->dedicated_line && k->min_annual_kwh == 0 &&
        k->min_capacity_kva == 0)
        return lf_error_set(err, LF_ERR_ARG, "key-account rule '%s' sets no condition, so "
                            "every customer would meet it; set a voltage, dedicated line, "
                            "annual energy or capacity", k->name);
    return LF_OK;
}

int lf_key_spec_check(const lf_key_spec *spec, lf_error *err)
{
    if (!spec)
        return lf_error_set(err, LF_ERR_ARG, "no key-account spec given");
    if (spec->nrules > LF_KEY_RULES_MAX)
        return lf_error_set(err, LF_ERR_ARG, "a key-account spec has at most %d rules, got "
                            "%zu", LF_KEY_RULES_MAX, spec->nrules);
    for (size_t r = 0; r < spec->nrules; r++)
        if (check_rule(spec, r, err))
            return LF_ERR_ARG;
    if (!(spec->pareto_share >= 0 && spec->pareto_share <= 1))
        return lf_error_set(err, LF_ERR_ARG, "the key-account Pareto share is %g; give 0..1 "
                            "(0 turns it off)", spec->pareto_share);
    return LF_OK;
}

/* Annual energy is scaled from the months with a value, so it is a computed
 * figure: within a relative 1e-9 of the line counts as reaching it (9
 * months of 1e7 / 12 kWh scale to 9999999.999999998 kWh a year in double,
 * which is 10 GWh). */
static double annual_kwh(const lf_profit *p)
{
    return p->months ? p->kwh * 12 / (double)p->months : NAN;
}

static int rule_holds(const lf_key_rule *k, const lf_customer *c, const lf_profit *p)
{
    if (k->min_kv > 0 && !(c->voltage_kv >= k->min_kv))
        return 0;
    if (k->max_kv > 0 && !(c->voltage_kv <= k->max_kv))
        return 0;
    if (k->dedicated_line && !c->dedicated_line)
        return 0;
    if (k->min_capacity_kva > 0 && !(c->capacity_kva >= k->min_capacity_kva))
        return 0;
    /* NaN (no month with a value) fails the comparison */
    if (k->min_annual_kwh > 0 && !(annual_kwh(p) >= k->min_annual_kwh * (1 - VALUE_TOLERANCE)))
        return 0;
    return 1;
}

/* "rule; rule; pareto", cut with "..." when the names do not fit. */
static void write_reason(const lf_key_spec *spec, lf_key_account *a)
{
    char all[LF_KEY_RULES_MAX * (LF_KEY_RULE_NAME_MAX + 2) + 16] = "";
    size_t len = 0;
    for (size_t r = 0; r < spec->nrules; r++)
        if (a->rules_met & (1u << r))
            len += (size_t)snprintf(all + len, sizeof all - len, "%s%s", len ? "; " : "",
                                    spec->rules[r].name);
    if (a->by_pareto)
        len += (size_t)snprintf(all + len, sizeof all - len, "%spareto", len ? "; " : "");
    if (len >= sizeof a->reason)
        memcpy(all + sizeof a->reason - 4, "...", 4);
    memcpy(a->reason, all, sizeof a->reason);
    a->reason[sizeof a->reason - 1] = '\0';
}

/* by_pareto of every customer: class A of the ranking with A's line at the
 * Pareto share (0 leaves every by_pareto at 0). */
static int pareto_set(const lf_customer_set *set, const lf_profit *profits, double share,
                      lf_key_account *out, lf_error *err)
{
    if (share == 0)
        return LF_OK;
    double *profit = malloc(set->n * sizeof *profit);
    const char **ids = malloc(set->n * sizeof *ids);
    lf_abc_class *abc = malloc(set->n * sizeof *abc);
    int rc = profit && ids && abc ? LF_OK
                                  : lf_error_set(err, LF_ERR_NOMEM, "out of memory ranking "
                                                 "%zu customers", set->n);
    for (size_t i = 0; !rc && i < set->n; i++) {
        profit[i] = profits[i].profit;
        ids[i] = set->customers[i].id;
    }
    if (!rc)
        rc = lf_abc_classify(profit, ids, set->n, share, share, abc, NULL, err);
    for (size_t i = 0; !rc && i < set->n; i++)
        out[i].by_pareto = abc[i] == LF_ABC_A;
    free(profit);
    free(ids);
    free(abc);
    return rc;
}

int lf_key_accounts(const lf_customer_set *set, const lf_profit *profits,
                    const lf_key_spec *spec, lf_key_account *out, lf_error *err)
{
    int rc = value_window_check(set, 0, 0, err);
    if (!rc)
        rc = lf_key_spec_check(spec, err);
    if (rc || set->n == 0)
        return rc;
    if (!profits || !out)
        return lf_error_set(err, LF_ERR_ARG, "no profits or no key accounts to fill");
    memset(out, 0, set->n * sizeof *out);
    if ((rc = pareto_set(set, profits, spec->pareto_share, out, err)))
        return rc;
    for (size_t i = 0; i < set->n; i++) {
        for (size_t r = 0; r < spec->nrules; r++)
            if (rule_holds(&spec->rules[r], &set->customers[i], &profits[i]))
                out[i].rules_met |= 1u << r;
        out[i].is_key = out[i].rules_met || out[i].by_pareto;
        write_reason(spec, &out[i]);
    }
    return LF_OK;
}
