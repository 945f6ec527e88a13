/* evaluate.c - the whole customer evaluation (customer_eval.h): the window,
 * then profit, ABC, key accounts, RFM and value over all customers, then each
 * customer's credit, settlement and segment (evaluate_credit.c), then the
 * usage alerts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/customer_eval.h"
#include "evaluate_internal.h"

void lf_customer_eval_spec_init(lf_customer_eval_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->window_months = 12;
    lf_cost_rule_default(&spec->cost);
    spec->a_share = 0.80;
    spec->b_share = 0.95;
    lf_key_spec_default(&spec->key);
    lf_value_spec_default(&spec->value);
    lf_credit_default_indicators(spec->indicators);
    spec->ngrades = LF_CREDIT_NDEFAULT_GRADES;
    lf_credit_default_grades(spec->grades);
    spec->nsettlement = LF_CREDIT_NDEFAULT_SETTLEMENT;
    lf_credit_default_settlement(spec->settlement);
    spec->outlook_default = NAN;
    lf_segment_spec_default(&spec->segment);
    lf_alert_spec_default(&spec->alerts);
}

void lf_customer_eval_free(lf_customer_eval *ev)
{
    if (!ev)
        return;
    free(ev->results);
    free(ev->pareto);
    free(ev->alerts);
    free(ev);
}

static int find_window(const lf_customer_set *set, const lf_customer_eval_spec *spec,
                       eval_window *w, lf_error *err)
{
    if (set->n == 0 || set->nmonths == 0)
        return lf_error_set(err, LF_ERR_DATA, "the customer evaluation needs customers with "
                            "monthly energy and bills; %s has %s", set->source[0] ? set->source
                            : "the set", set->n == 0 ? "no customers" : "no monthly records");
    if (spec->window_months < 1)
        return lf_error_set(err, LF_ERR_ARG, "the evaluation window must be at least 1 month");
    lf_date last_day = lf_date_add_months(set->first_month, (int)set->nmonths) - 1;
    w->evaluated = spec->has_evaluated ? spec->evaluated : last_day;
    long last = lf_customer_month_index(set, w->evaluated);
    if (last < 0) {
        char e[LF_DATE_STRLEN], a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
        lf_date_format(w->evaluated, e);
        lf_date_format(set->first_month, a);
        lf_date_format(last_day, b);
        return lf_error_set(err, LF_ERR_ARG, "the evaluation date %s is outside the monthly "
                            "records (%s .. %s)", e, a, b);
    }
    size_t end = (size_t)last + 1;
    w->count = spec->window_months < end ? spec->window_months : end;
    w->first = end - w->count;
    return LF_OK;
}

/* The segment spec's value levels are the value spec's, by name and order. */
static int check_levels(const lf_customer_eval_spec *spec, lf_error *err)
{
    const lf_segment_spec *s = &spec->segment;
    int same = s->nlevels == spec->value.nlevels;
    for (size_t k = 0; same && k < s->nlevels; k++)
        same = strcmp(s->levels[k], spec->value.levels[k].name) == 0;
    return same ? LF_OK : lf_error_set(err, LF_ERR_ARG, "the segment matrix must have one "
                                       "row per value level, in the value levels' order (%zu "
                                       "levels, from '%s')", spec->value.nlevels,
                                       spec->value.levels[0].name);
}

static int credit_weights(const lf_customer_eval_spec *spec, lf_customer_eval *ev,
                          lf_credit_indicator *ind, lf_error *err)
{
    memcpy(ind, spec->indicators, sizeof spec->indicators);
    if (spec->use_ahp) {
        int rc = lf_ahp_weights_consistent(spec->ahp_matrix, LF_CREDIT_NDEFAULT, &ev->ahp, err);
        if (rc == LF_OK)
            rc = lf_credit_set_weights(ind, LF_CREDIT_NDEFAULT, &ev->ahp, err);
        if (rc != LF_OK)
            return lf_error_prefix(err, rc, "credit weights: ");
        ev->used_ahp = 1;
    }
    for (size_t k = 0; k < LF_CREDIT_NDEFAULT; k++)
        ev->weights[k] = ind[k].weight;
    return lf_credit_check_indicators(ind, LF_CREDIT_NDEFAULT, err);
}

static lf_customer_eval *eval_new(size_t n)
{
    lf_customer_eval *ev = calloc(1, sizeof *ev);
    if (!ev)
        return NULL;
    ev->n = n;
    ev->results = calloc(n, sizeof *ev->results);
    ev->pareto = calloc(n, sizeof *ev->pareto);
    if (!ev->results || !ev->pareto) {
        lf_customer_eval_free(ev);
        return NULL;
    }
    return ev;
}

/* Profit, ABC with its ranks, key accounts, RFM and value of every customer. */
static int eval_population(const lf_customer_set *set, const lf_customer_eval_spec *spec,
                           const eval_window *w, lf_customer_eval *ev, lf_error *err)
{
    size_t n = set->n;
    lf_profit *profits = malloc(n * sizeof *profits);
    double *profit = malloc(n * sizeof *profit);
    const char **ids = malloc(n * sizeof *ids);
    lf_abc_class *abc = malloc(n * sizeof *abc);
    lf_key_account *keys = malloc(n * sizeof *keys);
    lf_rfm *rfm = malloc(n * sizeof *rfm);
    lf_customer_value *value = malloc(n * sizeof *value);
    int rc = profits && profit && ids && abc && keys && rfm && value
                 ? LF_OK
                 : lf_error_set(err, LF_ERR_NOMEM, "out of memory evaluating %zu customers", n);
    if (rc == LF_OK)
        rc = lf_customer_profits(set, w->first, w->count, &spec->cost, profits, err);
    for (size_t i = 0; rc == LF_OK && i < n; i++) {
        profit[i] = profits[i].profit;
        ids[i] = set->customers[i].id;
    }
    if (rc == LF_OK)
        rc = lf_abc_classify(profit, ids, n, spec->a_share, spec->b_share, abc, ev->pareto, err);
    if (rc == LF_OK)
        rc = lf_key_accounts(set, profits, &spec->key, keys, err);
    if (rc == LF_OK)
        rc = lf_customer_rfm(set, w->first, w->count, w->evaluated, &spec->rfm, rfm,
                             &ev->rfm_edges, err);
    if (rc == LF_OK)
        rc = lf_customer_values(set, profits, &spec->value, value, err);
    for (size_t i = 0; rc == LF_OK && i < n; i++) {
        lf_customer_result *r = &ev->results[i];
        r->profit = profits[i];
        r->abc = abc[i];
        r->key = keys[i];
        r->rfm = rfm[i];
        r->value = value[i];
    }
    for (size_t k = 0; rc == LF_OK && k < n; k++) {
        ev->results[ev->pareto[k].customer].rank = ev->pareto[k].rank;
        ev->results[ev->pareto[k].customer].profit_share = ev->pareto[k].share;
    }
    free(profits);
    free(profit);
    free(ids);
    free(abc);
    free(keys);
    free(rfm);
    free(value);
    return rc;
}

static int eval_customer(const lf_customer_set *set, const double *expected, size_t i,
                         const lf_customer_eval_spec *spec, const lf_credit_indicator *ind,
                         const eval_window *w, lf_customer_result *r, lf_error *err)
{
    int rc = eval_credit(set, expected, i, spec, ind, w, r, err);
    if (rc != LF_OK)
        return rc;
    const char *level = spec->value.levels[r->value.level].name;
    return lf_customer_segment(&spec->segment, &set->customers[i], level,
                               r->credit.grade_name, &r->segment, err);
}

int lf_customer_evaluate(const lf_customer_set *set, const double *expected,
                         const lf_customer_eval_spec *spec, lf_customer_eval **out,
                         lf_error *err)
{
    if (!set || !spec || !out)
        return lf_error_set(err, LF_ERR_ARG, "lf_customer_evaluate needs a set, a spec and "
                            "a place for the result");
    *out = NULL;
    eval_window w;
    lf_credit_indicator ind[LF_CREDIT_NDEFAULT];
    int rc = find_window(set, spec, &w, err);
    /* both specs checked before their levels are compared: a count beyond
     * the arrays must not be read */
    if (rc == LF_OK)
        rc = lf_value_spec_check(&spec->value, err);
    if (rc == LF_OK)
        rc = lf_segment_spec_check(&spec->segment, err);
    if (rc == LF_OK)
        rc = check_levels(spec, err);
    if (rc != LF_OK)
        return rc;
    lf_customer_eval *ev = eval_new(set->n);
    if (!ev)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory evaluating %zu customers", set->n);
    ev->evaluated = w.evaluated;
    ev->window_first = w.first;
    ev->window_count = w.count;
    rc = credit_weights(spec, ev, ind, err);
    if (rc == LF_OK)
        rc = eval_population(set, spec, &w, ev, err);
    for (size_t i = 0; rc == LF_OK && i < set->n; i++)
        rc = eval_customer(set, expected, i, spec, ind, &w, &ev->results[i], err);
    lf_alert_spec alerts = spec->alerts;
    alerts.through_months = w.first + w.count; /* the recent months end with E's */
    if (rc == LF_OK)
        rc = lf_usage_alerts(set, expected, &alerts, &ev->alerts, &ev->nalerts, err);
    if (rc != LF_OK) {
        lf_customer_eval_free(ev);
        return rc;
    }
    *out = ev;
    return LF_OK;
}
