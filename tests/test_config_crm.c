/* test_config_crm.c - the 'crm' section of a project config: every key read
 * back, the defaults of lf_customer_eval_spec_init when a key is absent (and
 * by name when levels or grades keep default names), the AHP matrix as its
 * upper triangle equal to the full form, and the exact file:line:column
 * message of a mistake in each key. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config_test.h"

/* Line 5 is the first line after HEAD. */
#define HEAD "name: x\ncrm:\n  customers: c.csv\n  monthly: m.csv\n"

static void bad(const char *lines, const char *message)
{
    char text[4000];
    snprintf(text, sizeof text, HEAD "%s\n", lines);
    expect_error(text, message);
}

/* The config fails with a message that starts with prefix and holds words. */
static void bad_start(const char *lines, const char *prefix, const char *words)
{
    char text[4000];
    snprintf(text, sizeof text, HEAD "%s\n", lines);
    lf_error err;
    lf_config *cfg = NULL;
    int rc = lf_config_load_string(text, "project.yaml", NULL, &cfg, &err);
    cr_assert_eq(rc, LF_ERR_CONFIG, "status %d: %s", rc, err.message);
    cr_assert_null(cfg);
    cr_assert_eq(strncmp(err.message, prefix, strlen(prefix)), 0, "%s", err.message);
    cr_assert_not_null(strstr(err.message, words), "%s", err.message);
}

static const lf_customer_eval_spec *spec_of(const lf_config *cfg)
{
    cr_assert(cfg->has_crm);
    return &cfg->crm.spec;
}

/* ---- every key ---------------------------------------------------------------------- */

static const char *EVERY_KEY =
    "name: x\n"
    "crm:\n"
    "  customers: crm/customers.csv\n"
    "  monthly: crm/monthly.csv\n"
    "  payments: crm/payments.csv\n"
    "  expected: /data/expected.csv\n"
    "  evaluated: 2024-11-30\n"
    "  window_months: 6\n"
    "  cost:\n"
    "    per_kwh: {0: 0.61, 10: 0.5, 220: 0.4}\n"
    "    service_per_month: 150\n"
    "  abc: {a: 0.7, b: 0.9}\n"
    "  key_accounts:\n"
    "    pareto_share: 0.5\n"
    "    rules:\n"
    "      - {name: big, min_kv: 110}\n"
    "      - {name: line, dedicated_line: yes, min_annual_kwh: 5e6, min_capacity_kva: 8000}\n"
    "  rfm:\n"
    "    recency_days: [10, 30]\n"
    "    frequency: [4, 8, 12]\n"
    "    monetary: [1e5]\n"
    "  value:\n"
    "    weights: {nature: 0.3, current: 0.3, potential: 0.4}\n"
    "    nature: {industry: 90, shop: 55}\n"
    "    levels: {top: 60, rest: -1}\n"
    "  credit:\n"
    "    indicators:\n"
    "      on_time_share: {weight: 0.3, best: 0.95, worst: 0.6}\n"
    "      mean_days_late: {worst: 20}\n"
    "      breaches: {weight: 0.1, best: 0}\n"
    "    grades: {G1: 75, G2: 45, G3: 0}\n"
    "    outlook: {steel: 40, \"Cement\": 35.5}\n"
    "    outlook_default: 60\n"
    "    settlement:\n"
    "      G3: {cycle_days: 10, deposit_cycles: 2.5}\n"
    "      G1: {cycle_days: 30}\n"
    "      G2: {cycle_days: 15, deposit_cycles: 1}\n"
    "  segments:\n"
    "    groups: {ok: [G1, G2], bad: G3}\n"
    "    matrix:\n"
    "      rest: {bad: [r-bad, basic], ok: [r-ok, standard]}\n"
    "      top: {ok: [t-ok, premium], bad: [t-bad, standard]}\n"
    "    tiers: [first, last]\n"
    "    tier_rules:\n"
    "      - {credit: bad, tier: first}\n"
    "      - {value: top, credit: ok, class: shop, industry: [retail, food], tier: LAST}\n"
    "      - {industry: mining, tier: first}\n"
    "      - {tier: last}\n"
    "  alerts:\n"
    "    baseline: previous\n"
    "    previous_months: 4\n"
    "    measure: z\n"
    "    threshold: 2.5\n"
    "    recent_months: 2\n"
    "    min_history: 8\n"
    "    min_kwh: 5000\n";

static void check_value_parts(const lf_customer_eval_spec *s)
{
    cr_expect_eq(s->cost.nbands, 3);
    cr_expect_eq(s->cost.bands[0].min_kv, 0);
    cr_expect_eq(s->cost.bands[0].cost_per_kwh, 0.61);
    cr_expect_eq(s->cost.bands[1].min_kv, 10);
    cr_expect_eq(s->cost.bands[1].cost_per_kwh, 0.5);
    cr_expect_eq(s->cost.bands[2].min_kv, 220);
    cr_expect_eq(s->cost.bands[2].cost_per_kwh, 0.4);
    cr_expect_eq(s->cost.service_per_month, 150);
    cr_expect_eq(s->a_share, 0.7);
    cr_expect_eq(s->b_share, 0.9);
    cr_expect_eq(s->key.pareto_share, 0.5);
    cr_expect_eq(s->key.nrules, 2);
    cr_expect_str_eq(s->key.rules[0].name, "big");
    cr_expect_eq(s->key.rules[0].min_kv, 110);
    cr_expect_eq(s->key.rules[0].dedicated_line, 0);
    cr_expect_eq(s->key.rules[0].min_annual_kwh, 0);
    cr_expect_str_eq(s->key.rules[1].name, "line");
    cr_expect_eq(s->key.rules[1].min_kv, 0);
    cr_expect_eq(s->key.rules[1].dedicated_line, 1);
    cr_expect_eq(s->key.rules[1].min_annual_kwh, 5e6);
    cr_expect_eq(s->key.rules[1].min_capacity_kva, 8000);
    cr_expect_eq(s->rfm.recency.nedges, 2);
    cr_expect_eq(s->rfm.recency.edges[1], 30);
    cr_expect_eq(s->rfm.frequency.nedges, 3);
    cr_expect_eq(s->rfm.frequency.edges[0], 4);
    cr_expect_eq(s->rfm.frequency.edges[2], 12);
    cr_expect_eq(s->rfm.monetary.nedges, 1);
    cr_expect_eq(s->rfm.monetary.edges[0], 1e5);
    cr_expect_eq(s->value.w_nature, 0.3);
    cr_expect_eq(s->value.w_current, 0.3);
    cr_expect_eq(s->value.w_potential, 0.4);
    cr_expect_eq(s->value.nnature, 2);
    cr_expect_str_eq(s->value.nature[1].class_name, "shop");
    cr_expect_eq(s->value.nature[1].score, 55);
    cr_expect_eq(s->value.nlevels, 2);
    cr_expect_str_eq(s->value.levels[0].name, "top");
    cr_expect_eq(s->value.levels[0].min_value, 60);
    cr_expect_str_eq(s->value.levels[1].name, "rest");
    cr_expect_eq(s->value.levels[1].min_value, -1);
}

static void check_credit(const lf_customer_eval_spec *s)
{
    const lf_credit_indicator *ind = s->indicators;
    cr_expect_eq(s->use_ahp, 0);
    cr_expect_eq(ind[LF_CREDIT_ON_TIME_SHARE].weight, 0.3);
    cr_expect_eq(ind[LF_CREDIT_ON_TIME_SHARE].best, 0.95);
    cr_expect_eq(ind[LF_CREDIT_ON_TIME_SHARE].worst, 0.6);
    cr_expect_eq(ind[LF_CREDIT_MEAN_DAYS_LATE].weight, 0.15); /* default kept */
    cr_expect_eq(ind[LF_CREDIT_MEAN_DAYS_LATE].best, 0);
    cr_expect_eq(ind[LF_CREDIT_MEAN_DAYS_LATE].worst, 20);
    cr_expect_eq(ind[LF_CREDIT_BREACHES].weight, 0.1);
    cr_expect_eq(ind[LF_CREDIT_BREACHES].worst, 3);
    cr_expect_eq(ind[LF_CREDIT_INDUSTRY_OUTLOOK].kind, LF_CREDIT_GIVEN);
    cr_expect_eq(s->ngrades, 3);
    cr_expect_str_eq(s->grades[1].name, "G2");
    cr_expect_eq(s->grades[1].min_score, 45);
    cr_expect_eq(s->noutlook, 2);
    cr_expect_str_eq(s->outlook[1].industry, "Cement");
    cr_expect_eq(s->outlook[1].score, 35.5);
    cr_expect_eq(s->outlook_default, 60);
    cr_expect_eq(s->nsettlement, 3);
    cr_expect_str_eq(s->settlement[0].grade, "G3"); /* document order */
    cr_expect_eq(s->settlement[0].cycle_days, 10);
    cr_expect_eq(s->settlement[0].deposit_cycles, 2.5);
    cr_expect_str_eq(s->settlement[1].grade, "G1");
    cr_expect_eq(s->settlement[1].deposit_cycles, 0);
    cr_expect_eq(s->settlement[2].cycle_days, 15);
}

static void check_segments(const lf_segment_spec *g)
{
    cr_expect_eq(g->ngroups, 2);
    cr_expect_str_eq(g->groups[0].name, "ok");
    cr_expect_eq(g->groups[0].ngrades, 2);
    cr_expect_str_eq(g->groups[0].grades[1], "G2");
    cr_expect_str_eq(g->groups[1].name, "bad");
    cr_expect_eq(g->groups[1].ngrades, 1);
    cr_expect_str_eq(g->groups[1].grades[0], "G3");
    cr_expect_eq(g->nlevels, 2);
    cr_expect_str_eq(g->levels[0], "top");
    cr_expect_str_eq(g->levels[1], "rest");
    /* [level][group] by name, whatever the document's order */
    cr_expect_str_eq(g->cells[0][0].segment, "t-ok");
    cr_expect_str_eq(g->cells[0][0].service, "premium");
    cr_expect_str_eq(g->cells[0][1].segment, "t-bad");
    cr_expect_str_eq(g->cells[1][0].segment, "r-ok");
    cr_expect_str_eq(g->cells[1][1].segment, "r-bad");
    cr_expect_str_eq(g->cells[1][1].service, "basic");
    cr_expect_eq(g->ntiers, 2);
    cr_expect_str_eq(g->tiers[1], "last");
    cr_expect_eq(g->nrules, 4);
    cr_expect_str_eq(g->rules[0].credit_group, "bad");
    cr_expect_str_eq(g->rules[0].tier, "first");
    const lf_tier_rule *r = &g->rules[1];
    cr_expect_str_eq(r->value_level, "top");
    cr_expect_str_eq(r->credit_group, "ok");
    cr_expect_str_eq(r->class_name, "shop");
    cr_expect_eq(r->nindustries, 2);
    cr_expect_str_eq(r->industries[1], "food");
    cr_expect_str_eq(r->tier, "LAST");
    cr_expect_eq(g->rules[2].nindustries, 1);
    cr_expect_str_eq(g->rules[2].industries[0], "mining");
    cr_expect_str_eq(g->rules[3].tier, "last");
    cr_expect_str_eq(g->rules[3].value_level, "");
}

Test(config_crm, every_key)
{
    lf_config *cfg = load_at(EVERY_KEY, "/base");
    const lf_customer_eval_spec *s = spec_of(cfg);
    cr_expect_str_eq(cfg->crm.customers, "/base/crm/customers.csv");
    cr_expect_str_eq(cfg->crm.monthly, "/base/crm/monthly.csv");
    cr_expect_str_eq(cfg->crm.payments, "/base/crm/payments.csv");
    cr_expect_str_eq(cfg->crm.expected, "/data/expected.csv");
    cr_expect_eq(s->has_evaluated, 1);
    cr_expect_eq(s->evaluated, day(2024, 11, 30));
    cr_expect_eq(s->window_months, 6);
    check_value_parts(s);
    check_credit(s);
    check_segments(&s->segment);
    cr_expect_eq(s->alerts.baseline, LF_ALERT_PREVIOUS);
    cr_expect_eq(s->alerts.previous_months, 4);
    cr_expect_eq(s->alerts.measure, LF_ALERT_ZSCORE);
    cr_expect_eq(s->alerts.threshold, 2.5);
    cr_expect_eq(s->alerts.recent_months, 2);
    cr_expect_eq(s->alerts.min_history, 8);
    cr_expect_eq(s->alerts.min_kwh, 5000);
    lf_config_free(cfg);
}

/* ---- defaults ----------------------------------------------------------------------- */

/* a and b hold the same values, member by member (memcmp would also compare
 * padding, which a struct copy need not keep). */
static void same_key_and_rfm(const lf_customer_eval_spec *a, const lf_customer_eval_spec *b)
{
    cr_expect_eq(a->key.nrules, b->key.nrules);
    for (size_t r = 0; r < a->key.nrules; r++) {
        const lf_key_rule *x = &a->key.rules[r], *y = &b->key.rules[r];
        cr_expect_str_eq(x->name, y->name);
        cr_expect(x->min_kv == y->min_kv && x->dedicated_line == y->dedicated_line &&
                  x->min_annual_kwh == y->min_annual_kwh &&
                  x->min_capacity_kva == y->min_capacity_kva, "key rule %zu", r);
    }
    cr_expect_eq(a->key.pareto_share, b->key.pareto_share);
    const lf_rfm_bins *ra[] = {&a->rfm.recency, &a->rfm.frequency, &a->rfm.monetary};
    const lf_rfm_bins *rb[] = {&b->rfm.recency, &b->rfm.frequency, &b->rfm.monetary};
    for (size_t d = 0; d < 3; d++) {
        cr_expect_eq(ra[d]->nedges, rb[d]->nedges);
        for (size_t e = 0; e < ra[d]->nedges; e++)
            cr_expect_eq(ra[d]->edges[e], rb[d]->edges[e]);
    }
}

static void same_value_and_credit(const lf_customer_eval_spec *a, const lf_customer_eval_spec *b)
{
    const lf_value_spec *va = &a->value, *vb = &b->value;
    cr_expect(va->w_nature == vb->w_nature && va->w_current == vb->w_current &&
              va->w_potential == vb->w_potential);
    cr_expect_eq(va->nnature, vb->nnature);
    for (size_t i = 0; i < va->nnature; i++) {
        cr_expect_str_eq(va->nature[i].class_name, vb->nature[i].class_name);
        cr_expect_eq(va->nature[i].score, vb->nature[i].score);
    }
    cr_expect_eq(va->nlevels, vb->nlevels);
    for (size_t i = 0; i < va->nlevels; i++) {
        cr_expect_str_eq(va->levels[i].name, vb->levels[i].name);
        cr_expect_eq(va->levels[i].min_value, vb->levels[i].min_value);
    }
    for (size_t k = 0; k < LF_CREDIT_NDEFAULT; k++) {
        const lf_credit_indicator *x = &a->indicators[k], *y = &b->indicators[k];
        cr_expect_str_eq(x->name, y->name);
        cr_expect(x->weight == y->weight && x->kind == y->kind && x->best == y->best &&
                  x->worst == y->worst, "indicator %s", x->name);
    }
    cr_expect_eq(a->use_ahp, b->use_ahp);
    cr_expect_eq(a->ngrades, b->ngrades);
    for (size_t g = 0; g < a->ngrades; g++) {
        cr_expect_str_eq(a->grades[g].name, b->grades[g].name);
        cr_expect_eq(a->grades[g].min_score, b->grades[g].min_score);
    }
    cr_expect_eq(a->nsettlement, b->nsettlement);
    for (size_t g = 0; g < a->nsettlement; g++) {
        cr_expect_str_eq(a->settlement[g].grade, b->settlement[g].grade);
        cr_expect(a->settlement[g].cycle_days == b->settlement[g].cycle_days &&
                  a->settlement[g].deposit_cycles == b->settlement[g].deposit_cycles);
    }
    cr_expect_eq(a->noutlook, b->noutlook);
    cr_expect(a->outlook_default == b->outlook_default ||
              (isnan(a->outlook_default) && isnan(b->outlook_default)));
}

static void same_segments(const lf_segment_spec *a, const lf_segment_spec *b)
{
    cr_expect_eq(a->ngroups, b->ngroups);
    for (size_t g = 0; g < a->ngroups; g++) {
        cr_expect_str_eq(a->groups[g].name, b->groups[g].name);
        cr_expect_eq(a->groups[g].ngrades, b->groups[g].ngrades);
        for (size_t k = 0; k < a->groups[g].ngrades; k++)
            cr_expect_str_eq(a->groups[g].grades[k], b->groups[g].grades[k]);
    }
    cr_expect_eq(a->nlevels, b->nlevels);
    for (size_t l = 0; l < a->nlevels; l++) {
        cr_expect_str_eq(a->levels[l], b->levels[l]);
        for (size_t g = 0; g < a->ngroups; g++) {
            cr_expect_str_eq(a->cells[l][g].segment, b->cells[l][g].segment);
            cr_expect_str_eq(a->cells[l][g].service, b->cells[l][g].service);
        }
    }
    cr_expect_eq(a->ntiers, b->ntiers);
    for (size_t t = 0; t < a->ntiers; t++)
        cr_expect_str_eq(a->tiers[t], b->tiers[t]);
    cr_expect_eq(a->nrules, b->nrules);
    for (size_t r = 0; r < a->nrules; r++) {
        const lf_tier_rule *x = &a->rules[r], *y = &b->rules[r];
        cr_expect_str_eq(x->value_level, y->value_level);
        cr_expect_str_eq(x->credit_group, y->credit_group);
        cr_expect_str_eq(x->class_name, y->class_name);
        cr_expect_eq(x->nindustries, y->nindustries);
        for (size_t k = 0; k < x->nindustries; k++)
            cr_expect_str_eq(x->industries[k], y->industries[k]);
        cr_expect_str_eq(x->tier, y->tier);
    }
}

static void expect_same_spec(const lf_customer_eval_spec *a, const lf_customer_eval_spec *b)
{
    cr_expect_eq(a->has_evaluated, b->has_evaluated);
    cr_expect_eq(a->window_months, b->window_months);
    cr_expect_eq(a->cost.nbands, b->cost.nbands);
    for (size_t i = 0; i < a->cost.nbands; i++)
        cr_expect(a->cost.bands[i].min_kv == b->cost.bands[i].min_kv &&
                  a->cost.bands[i].cost_per_kwh == b->cost.bands[i].cost_per_kwh);
    cr_expect_eq(a->cost.service_per_month, b->cost.service_per_month);
    cr_expect(a->a_share == b->a_share && a->b_share == b->b_share);
    same_key_and_rfm(a, b);
    same_value_and_credit(a, b);
    same_segments(&a->segment, &b->segment);
    const lf_alert_spec *x = &a->alerts, *y = &b->alerts;
    cr_expect(x->baseline == y->baseline && x->previous_months == y->previous_months &&
              x->measure == y->measure && x->threshold == y->threshold &&
              x->recent_months == y->recent_months && x->min_history == y->min_history &&
              x->min_kwh == y->min_kwh, "alerts");
}

Test(config_crm, defaults_when_absent)
{
    lf_config *cfg = load_at(HEAD, "base");
    lf_customer_eval_spec want;
    lf_customer_eval_spec_init(&want);
    cr_expect_str_eq(cfg->crm.customers, "base/c.csv");
    cr_expect_str_eq(cfg->crm.monthly, "base/m.csv");
    cr_expect_null(cfg->crm.payments);
    cr_expect_null(cfg->crm.expected);
    const lf_customer_eval_spec *s = spec_of(cfg);
    expect_same_spec(s, &want);
    cr_expect_eq(s->has_evaluated, 0);
    cr_expect_eq(s->window_months, 12);
    cr_expect(isnan(s->outlook_default));
    lf_config_free(cfg);
    cfg = load("name: x\n");
    cr_expect_eq(cfg->has_crm, 0);
    lf_config_free(cfg);
}

/* Empty parts (every key optional inside) change nothing either. */
Test(config_crm, empty_parts_keep_defaults)
{
    lf_config *cfg = load(HEAD "  cost: {}\n  abc: {}\n  key_accounts: {}\n  rfm: {}\n"
                               "  value: {}\n  credit: {}\n  segments: {}\n  alerts: {}\n");
    lf_customer_eval_spec want;
    lf_customer_eval_spec_init(&want);
    expect_same_spec(spec_of(cfg), &want);
    lf_config_free(cfg);
}

/* Levels and grades with default names keep the default segments and
 * settlement by name, even a subset of them. */
Test(config_crm, defaults_by_name)
{
    lf_config *cfg = load(HEAD "  value: {levels: {high: 60, low: 0}}\n"
                               "  credit: {grades: {A: 80, BBB: 50, C: 0}}\n");
    const lf_customer_eval_spec *s = spec_of(cfg);
    lf_segment_spec def;
    lf_segment_spec_default(&def);
    cr_expect_eq(s->segment.nlevels, 2);
    cr_expect_str_eq(s->segment.levels[1], "low");
    for (size_t g = 0; g < 3; g++) {
        cr_expect_str_eq(s->segment.cells[0][g].segment, def.cells[0][g].segment);
        cr_expect_str_eq(s->segment.cells[1][g].segment, def.cells[2][g].segment);
        cr_expect_str_eq(s->segment.cells[1][g].service, def.cells[2][g].service);
    }
    cr_expect_eq(s->ngrades, 3);
    cr_expect_eq(s->nsettlement, LF_CREDIT_NDEFAULT_SETTLEMENT);
    cr_expect_eq(s->segment.nrules, def.nrules);
    lf_config_free(cfg);
}

Test(config_crm, alert_thresholds)
{
    lf_config *cfg = load(HEAD "  alerts: {measure: z}\n");
    cr_expect_eq(spec_of(cfg)->alerts.threshold, 3, "measure z defaults to 3, not 0.30");
    lf_config_free(cfg);
    cfg = load(HEAD "  alerts: {threshold: 25%}\n");
    cr_expect_float_eq(spec_of(cfg)->alerts.threshold, 0.25, 1e-15);
    lf_config_free(cfg);
    cfg = load(HEAD "  alerts: {measure: percent, threshold: 0.4}\n");
    cr_expect_eq(spec_of(cfg)->alerts.threshold, 0.4);
    lf_config_free(cfg);
}

/* ---- AHP -------------------------------------------------------------------------------- */

/* A consistent matrix of weights proportional to 6, 3, 5, 2, 2, 2. */
#define AHP_UPPER                                                                          \
    "  credit:\n"                                                                          \
    "    ahp:\n"                                                                           \
    "      - [2, 1.2, 3, 3, 3]\n"                                                          \
    "      - [0.6, 1.5, 1.5, 1.5]\n"                                                       \
    "      - [2.5, 2.5, 2.5]\n"                                                            \
    "      - [1, 1]\n"                                                                     \
    "      - [1]\n"
#define AHP_FULL                                                                           \
    "  credit:\n"                                                                          \
    "    ahp:\n"                                                                           \
    "      - [1, 2, 1.2, 3, 3, 3]\n"                                                       \
    "      - [1/2, 1, 0.6, 1.5, 1.5, 1.5]\n"                                               \
    "      - [5/6, 5/3, 1, 2.5, 2.5, 2.5]\n"                                               \
    "      - [1/3, 2/3, 0.4, 1, 1, 1]\n"                                                   \
    "      - [1/3, 2/3, 0.4, 1, 1, 1]\n"                                                   \
    "      - [1/3, 2/3, 0.4, 1, 1, 1]\n"

Test(config_crm, ahp_upper_triangle_equals_full)
{
    lf_config *up = load(HEAD AHP_UPPER), *full = load(HEAD AHP_FULL);
    const lf_customer_eval_spec *a = spec_of(up), *b = spec_of(full);
    cr_assert_eq(a->use_ahp, 1);
    cr_assert_eq(b->use_ahp, 1);
    for (size_t k = 0; k < LF_CREDIT_NDEFAULT * LF_CREDIT_NDEFAULT; k++)
        cr_expect_float_eq(a->ahp_matrix[k], b->ahp_matrix[k], 1e-15, "cell %zu", k);
    lf_ahp_result res;
    cr_assert_eq(lf_ahp_weights(a->ahp_matrix, LF_CREDIT_NDEFAULT, &res, NULL), LF_OK);
    static const double w[] = {0.3, 0.15, 0.25, 0.1, 0.1, 0.1};
    for (size_t k = 0; k < LF_CREDIT_NDEFAULT; k++)
        cr_expect_float_eq(res.weights[k], w[k], 1e-12, "weight %zu", k);
    lf_config_free(up);
    lf_config_free(full);
}

Test(config_crm, bad_ahp)
{
    bad("  credit: {ahp: x}", "project.yaml:5:17: 'ahp' in 'crm.credit' must be a list, got 'x'");
    bad("  credit: {ahp: [[1,2],[1]]}",
        "project.yaml:5:17: 'ahp' in 'crm.credit' has 2 rows; give the 6 x 6 matrix over the "
        "indicators in credit.h's order (on_time_share, mean_days_late, arrears_months, "
        "breaches, energy_cv, industry_outlook) or its upper triangle (rows of 5, 4, 3, 2, 1)");
    bad("  credit: {ahp: [[2,2,2,2,2],[2,2,2],[2,2,2],[2,2],[2]]}",
        "project.yaml:5:30: 'crm.credit.ahp[1]' has 3 judgements; row 2 of the upper triangle "
        "has 4");
    bad("  credit: {ahp: [[2,2,2,2,2],[2,2,2,2,2],[2,2,2],[2,2],[2]]}",
        "project.yaml:5:30: 'crm.credit.ahp[1]' has 5 judgements; row 2 of the upper triangle "
        "has 4");
    bad("  credit: {ahp: [[1,2,2,2,2,2],[0.5,1,2,2,2,2],[0.5,0.5,1,2,2,2],[0.5,0.5,0.5,1,2,2],"
        "[0.5,0.5,0.5,0.5,1,2],[0.5,0.5,0.5,0.5,0.5]]}",
        "project.yaml:5:108: 'crm.credit.ahp[5]' has 5 judgements; row 6 of the full matrix "
        "has 6");
    bad("  credit: {ahp: [[2,2,2,2,0],[2,2,2,2],[2,2,2],[2,2],[2]]}",
        "project.yaml:5:27: 'crm.credit.ahp[0][4]' must be a judgement above 0, like 3 or 1/3, "
        "got '0'");
    bad("  credit: {ahp: [[2,2,2,2,1/0],[2,2,2,2],[2,2,2],[2,2],[2]]}",
        "project.yaml:5:27: 'crm.credit.ahp[0][4]' must be a judgement above 0, like 3 or 1/3, "
        "got '1/0'");
    bad("  credit: {ahp: [[1,2,2,2,2,2],[0.5,1,2,2,2,2],[0.5,0.5,1,2,2,2],[0.5,0.5,0.5,1,2,2],"
        "[0.5,0.5,0.5,0.5,1,2],[0.5,0.5,0.5,0.5,0.4,1]]}",
        "project.yaml:5:17: AHP matrix is not reciprocal: cell (5, 6) is 2 but cell (6, 5) is "
        "0.4, not 1/2 = 0.5");
    bad("  credit: {indicators: {breaches: {weight: 0.15}}, "
        "ahp: [[2,2,2,2,2],[2,2,2,2],[2,2,2],[2,2],[2]]}",
        "project.yaml:5:36: 'weight' of breaches cannot be set together with 'ahp' in "
        "'crm.credit' (line 5), which gives every weight; remove one of them");
}

/* Inconsistent judgements fail at the config with the CR and the cell. */
Test(config_crm, inconsistent_ahp)
{
    bad_start("  credit: {ahp: [[9,1/9,9,1/9,9],[9,1/9,9,1/9],[9,1/9,9],[9,1/9],[9]]}",
              "project.yaml:5:17: the AHP matrix is not consistent enough: CR = ",
              "revise the judgements, first cell (");
}

/* ---- the files, date and window ----------------------------------------------------------- */

Test(config_crm, bad_files_and_window)
{
    expect_error("name: x\ncrm: x\n", "project.yaml:2:6: 'crm' must be a mapping, got 'x'");
    expect_error("name: x\ncrm:\n  monthly: m.csv\n",
                 "project.yaml:3:3: missing required key 'customers' in 'crm'");
    expect_error("name: x\ncrm:\n  customers: c.csv\n",
                 "project.yaml:3:3: missing required key 'monthly' in 'crm'");
    bad("  custommers: x",
        "project.yaml:5:3: unknown key 'custommers' in 'crm' (did you mean 'customers'?)");
    bad("  payments: ~",
        "project.yaml:5:13: 'payments' in 'crm' must be a non-empty string, got no value");
    bad("  expected: {a: 1}",
        "project.yaml:5:13: 'expected' in 'crm' must be a non-empty string, got a mapping");
    bad("  evaluated: 2024-13-01", "project.yaml:5:14: 'evaluated' in 'crm': invalid date "
        "'2024-13-01': month 13 is not 1..12");
    bad("  window_months: 0",
        "project.yaml:5:18: 'window_months' in 'crm' must be an integer from 1 to 120, got 0");
    bad("  window_months: x",
        "project.yaml:5:18: 'window_months' in 'crm' must be an integer, got 'x'");
}

/* ---- cost, abc, key accounts, rfm ------------------------------------------------------------ */

Test(config_crm, bad_cost)
{
    bad("  cost: {per_kwh: {x: 0.6}}", "project.yaml:5:20: key 'x' in 'crm.cost.per_kwh' must "
        "be a voltage in kV, a number from 0 to 1000");
    bad("  cost: {per_kwh: {10: 0.6}}", "project.yaml:5:20: the first band of "
        "'crm.cost.per_kwh' must start at 0 kV so every voltage has a cost, got 10");
    bad("  cost: {per_kwh: {0: 0.6, 35: 0.5, 10: 0.4}}", "project.yaml:5:37: band 10 kV of "
        "'crm.cost.per_kwh' must be above the band before it (35 kV); bands go up in voltage");
    bad("  cost: {per_kwh: {0: -0.6}}",
        "project.yaml:5:23: '0' in 'crm.cost.per_kwh' must be a number >= 0, got -0.6");
    bad("  cost: {per_kwh: {}}",
        "project.yaml:5:19: 'per_kwh' in 'crm.cost' needs 1 to 8 entries, got 0");
    bad("  cost: {per_kwh: {0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1}}",
        "project.yaml:5:19: 'per_kwh' in 'crm.cost' needs 1 to 8 entries, got 9");
    bad("  cost: {service_per_month: -1}",
        "project.yaml:5:29: 'service_per_month' in 'crm.cost' must be a number >= 0, got -1");
}

Test(config_crm, bad_abc)
{
    bad("  abc: {a: 0}",
        "project.yaml:5:12: 'a' in 'crm.abc' must be a number above 0 and at most 1, got 0");
    bad("  abc: {b: 1.5}",
        "project.yaml:5:12: 'b' in 'crm.abc' must be a number above 0 and at most 1, got 1.5");
    bad("  abc: {a: 0.97}", "project.yaml:5:12: 'a' in 'crm.abc' (0.97) is above 'b' (0.95, "
        "the default); A ends before B: 0 < a <= b <= 1");
    bad("  abc: {a: 0.5, b: 0.4}", "project.yaml:5:20: 'a' in 'crm.abc' (0.5) is above 'b' "
        "(0.4); A ends before B: 0 < a <= b <= 1");
    bad("  abc: {c: 0.5}", "project.yaml:5:9: unknown key 'c' in 'crm.abc'; expected one of: "
        "a, b");
}

Test(config_crm, bad_key_accounts)
{
    bad("  key_accounts: {pareto_share: 1.5}", "project.yaml:5:32: 'pareto_share' in "
        "'crm.key_accounts' must be a number from 0 to 1, got 1.5");
    bad("  key_accounts: {rules: x}",
        "project.yaml:5:25: 'rules' in 'crm.key_accounts' must be a list, got 'x'");
    bad("  key_accounts: {rules: [{min_kv: 35}]}",
        "project.yaml:5:26: missing required key 'name' in 'crm.key_accounts.rules[0]'");
    bad("  key_accounts: {rules: [{name: a}]}", "project.yaml:5:26: key-account rule 'a' sets "
        "no condition, so every customer would meet it; set a voltage, dedicated line, annual "
        "energy or capacity");
    bad("  key_accounts: {rules: [{name: a, min_kv: 35}, {name: a, min_kv: 10}]}",
        "project.yaml:5:49: key-account rule 'a' is listed twice");
    bad("  key_accounts: {rules: [{name: a, dedicated_line: maybe}]}",
        "project.yaml:5:52: 'dedicated_line' in 'crm.key_accounts.rules[0]' must be true or "
        "false (or yes or no), got 'maybe'");
    bad("  key_accounts: {rules: [{name: a, min_kv: 2000}]}", "project.yaml:5:44: 'min_kv' in "
        "'crm.key_accounts.rules[0]' must be a number from 0 to 1000, got 2000");
    bad("  key_accounts: {rules: [{name: a, min_annual_kwh: -1}]}", "project.yaml:5:52: "
        "'min_annual_kwh' in 'crm.key_accounts.rules[0]' must be a number >= 0, got -1");
    bad("  key_accounts: {rules: [{name: a, min_capacity_kva: -1}]}", "project.yaml:5:54: "
        "'min_capacity_kva' in 'crm.key_accounts.rules[0]' must be a number >= 0, got -1");
    bad("  key_accounts: {rules: [{name: a, min_kva: 3}]}", "project.yaml:5:36: unknown key "
        "'min_kva' in 'crm.key_accounts.rules[0]' (did you mean 'min_kv'?)");
    bad("  key_accounts: {rules: [{name: a, min_kv: 1}, {name: b, min_kv: 1}, {name: c, "
        "min_kv: 1}, {name: d, min_kv: 1}, {name: e, min_kv: 1}, {name: f, min_kv: 1}, {name: "
        "g, min_kv: 1}, {name: h, min_kv: 1}, {name: i, min_kv: 1}]}",
        "project.yaml:5:25: 'rules' in 'crm.key_accounts' has 9 rules; at most 8");
}

Test(config_crm, key_account_rules_may_be_none)
{
    lf_config *cfg = load(HEAD "  key_accounts: {rules: []}\n");
    cr_expect_eq(spec_of(cfg)->key.nrules, 0);
    cr_expect_eq(spec_of(cfg)->key.pareto_share, 0.8);
    lf_config_free(cfg);
}

Test(config_crm, bad_rfm)
{
    bad("  rfm: {recency_days: [20, 10]}", "project.yaml:5:28: 'crm.rfm.recency_days[1]' (10) "
        "must be above the edge before it (20); edges increase strictly");
    bad("  rfm: {frequency: []}",
        "project.yaml:5:20: 'frequency' in 'crm.rfm' needs 1 to 8 bin edges, got 0");
    bad("  rfm: {monetary: [-1]}",
        "project.yaml:5:20: 'crm.rfm.monetary[0]' must be a number >= 0, got -1");
    bad("  rfm: {monetary: [1,2,3,4,5,6,7,8,9]}",
        "project.yaml:5:19: 'monetary' in 'crm.rfm' needs 1 to 8 bin edges, got 9");
    bad("  rfm: {recency: [1]}", "project.yaml:5:9: unknown key 'recency' in 'crm.rfm'; "
        "expected one of: recency_days, frequency, monetary");
}

/* ---- value ------------------------------------------------------------------------------------ */

Test(config_crm, bad_value)
{
    bad("  value: {weights: {nature: 0.2, current: 0.8}}",
        "project.yaml:5:20: missing required key 'potential' in 'crm.value.weights'");
    bad("  value: {weights: {nature: 0.2, current: 0.5, potential: 0.4}}",
        "project.yaml:5:20: the value weights (nature 0.2, current 0.5, potential 0.4) sum to "
        "1.1, not 1");
    bad("  value: {weights: {nature: 0.2, current: 1.5, potential: 0.3}}", "project.yaml:5:43: "
        "'current' in 'crm.value.weights' must be a number from 0 to 1, got 1.5");
    bad("  value: {nature: {industry: 120}}", "project.yaml:5:30: 'industry' in "
        "'crm.value.nature' must be a number from 0 to 100, got 120");
    bad("  value: {nature: {}}",
        "project.yaml:5:19: 'nature' in 'crm.value' needs 1 to 16 entries, got 0");
    bad("  value: {levels: {high: 70, medium: 80, low: 0}}", "project.yaml:5:38: 'medium' in "
        "'crm.value.levels' (80) must be below 'high' (70): each value level starts below the "
        "one before it, best first");
    bad("  value: {levels: {high: 70, medium: 40, low: 10}}", "project.yaml:5:47: 'low' in "
        "'crm.value.levels' (10) is the lowest value level and must start at 0 or below, so "
        "that every score has one");
    bad("  value: {levels: {a_very_long_level_name: 70, low: 0}}", "project.yaml:5:20: key "
        "'a_very_long_level_name' in 'crm.value.levels' is 22 bytes long; at most 15 fit");
    bad("  value: {levels: {a: 8, b: 7, c: 6, d: 5, e: 4, f: 3, g: 2, h: 1, i: 0}}",
        "project.yaml:5:19: 'levels' in 'crm.value' needs 1 to 8 entries, got 9");
    bad("  value: {level: {}}", "project.yaml:5:11: unknown key 'level' in 'crm.value' (did you "
        "mean 'levels'?)");
}

/* New level names need the matrix, and the default tier rules their names. */
Test(config_crm, renamed_levels)
{
    bad("  value: {levels: {high: 70, mid: 40, low: 0}}", "project.yaml:5:30: value level "
        "'mid' has no default segments; give 'matrix' in 'crm.segments' with a row for every "
        "value level and a cell for every credit group");
    bad("  value: {levels: {medium: 70, low: 0}}", "project.yaml:5:19: default tier rule 3 "
        "names value level 'high', which is gone; give 'tier_rules' in 'crm.segments'");
}

/* ---- credit --------------------------------------------------------------------------------- */

Test(config_crm, bad_indicators)
{
    bad("  credit: {indicators: {breach: {weight: 0.1}}}", "project.yaml:5:25: key 'breach' in "
        "'crm.credit.indicators' must be one of on_time_share, mean_days_late, arrears_months, "
        "breaches, energy_cv, industry_outlook, got 'breach' (did you mean 'breaches'?)");
    bad("  credit: {indicators: {industry_outlook: {best: 100}}}", "project.yaml:5:44: 'best' "
        "does not apply to industry_outlook, a score given 0..100: only its 'weight' can be "
        "set");
    bad("  credit: {indicators: {industry_outlook: {weight: 0.1, worst: 0}}}",
        "project.yaml:5:57: 'worst' does not apply to industry_outlook, a score given 0..100: "
        "only its 'weight' can be set");
    bad("  credit: {indicators: {breaches: {weight: 1.5}}}", "project.yaml:5:44: 'weight' in "
        "'crm.credit.indicators.breaches' must be a number from 0 to 1, got 1.5");
    bad("  credit: {indicators: {breaches: {best: 3}}}", "project.yaml:5:42: 'breaches' in "
        "'crm.credit.indicators' scores 100 at 'best' and 0 at 'worst', which are both 3; give "
        "two different values");
    bad("  credit: {indicators: {energy_cv: {worst: x}}}", "project.yaml:5:44: 'worst' in "
        "'crm.credit.indicators.energy_cv' must be a finite number, got 'x'");
    bad("  credit: {indicators: {breaches: {weight: 0.2}}}", "project.yaml:5:24: the credit "
        "indicator weights sum to 1.05, not 1; divide each by the sum if that is what was "
        "meant");
    bad("  credit: {indicators: {energy_cv: {weight: 0.1, level: 2}}}", "project.yaml:5:50: "
        "unknown key 'level' in 'crm.credit.indicators.energy_cv'; expected one of: weight, "
        "best, worst");
    bad("  credit: {indicators: {}}",
        "project.yaml:5:24: 'indicators' in 'crm.credit' needs 1 to 6 entries, got 0");
    bad("  credit: {indicators: {breaches: {weight: 0.15}, Breaches: {worst: 4}}}",
        "project.yaml:5:51: key 'Breaches' in 'crm.credit.indicators' is breaches again (line "
        "5); give each indicator once");
}

Test(config_crm, bad_grades_and_outlook)
{
    bad("  credit: {grades: {A: 80, B: 90, C: 0}}", "project.yaml:5:31: 'B' in "
        "'crm.credit.grades' (90) must be below 'A' (80): each credit grade starts below the "
        "one before it, best first");
    bad("  credit: {grades: {A: 80, B: 50, C: 10}}", "project.yaml:5:38: 'C' in "
        "'crm.credit.grades' (10) is the lowest credit grade and must start at 0 or below, so "
        "that every score has one");
    bad("  credit: {grades: {AAAAAAAAAAAAAAAAAAAAAA: 90, C: 0}}", "project.yaml:5:21: key "
        "'AAAAAAAAAAAAAAAAAAAAAA' in 'crm.credit.grades' is 22 bytes long; at most 15 fit");
    bad("  credit: {grades: {A: 80, BBB: 50, X: 0}}", "project.yaml:5:37: credit grade 'X' has "
        "no default settlement rule; give 'settlement' in 'crm.credit' with a rule for every "
        "grade");
    bad("  credit: {outlook: {steel: 120}}", "project.yaml:5:29: 'steel' in "
        "'crm.credit.outlook' must be a number from 0 to 100, got 120");
    bad("  credit: {outlook: {}}",
        "project.yaml:5:21: 'outlook' in 'crm.credit' needs 1 to 32 entries, got 0");
    bad("  credit: {outlook_default: -1}", "project.yaml:5:29: 'outlook_default' in "
        "'crm.credit' must be a number from 0 to 100, got -1");
}

Test(config_crm, bad_settlement)
{
    bad("  credit: {settlement: {AX: {cycle_days: 30}}}", "project.yaml:5:25: key 'AX' in "
        "'crm.credit.settlement' is not a credit grade (did you mean 'AA'?); the grades are: "
        "AAA, AA, A, BBB, BB, B, C");
    bad("  credit: {settlement: {AAA: {cycle_days: 30}}}", "project.yaml:5:24: 'settlement' in "
        "'crm.credit' has no rule for credit grade 'AA'; every grade needs one");
    bad("  credit: {settlement: {AAA: {cycle_days: 0}}}", "project.yaml:5:43: 'cycle_days' in "
        "'crm.credit.settlement.AAA' must be an integer from 1 to 31, got 0");
    bad("  credit: {settlement: {AAA: {deposit_cycles: 1}}}", "project.yaml:5:30: missing "
        "required key 'cycle_days' in 'crm.credit.settlement.AAA'");
    bad("  credit: {settlement: {AAA: {cycle_days: 30, deposit_cycles: -1}}}",
        "project.yaml:5:63: 'deposit_cycles' in 'crm.credit.settlement.AAA' must be a number "
        ">= 0, got -1");
    bad("  credit: {settlement: {AAA: 30}}",
        "project.yaml:5:30: 'AAA' in 'crm.credit.settlement' must be a mapping, got '30'");
}

/* ---- segments ------------------------------------------------------------------------------- */

#define NEW_GRADES                                                                         \
    "  credit: {grades: {P: 50, Q: 0}, settlement: {P: {cycle_days: 30}, Q: {cycle_days: "  \
    "10, deposit_cycles: 1}}}\n"

Test(config_crm, bad_groups)
{
    bad(NEW_GRADES, "project.yaml:5:21: credit grade 'P' is in none of the default credit "
        "groups; give 'groups' in 'crm.segments' with every grade");
    bad(NEW_GRADES "  segments: {groups: {good: P, bad: Q}}", "project.yaml:6:32: credit group "
        "'bad' has no default segments; give 'matrix' in 'crm.segments' with a row for every "
        "value level and a cell for every credit group");
    bad("  segments: {groups: {good: [AAA, AA, A], fair: [BBB, BB], poor: [B, C, AX]}}",
        "project.yaml:5:73: 'crm.segments.groups.poor[2]' is 'AX', not a credit grade (did you "
        "mean 'AA'?); the grades are: AAA, AA, A, BBB, BB, B, C");
    bad("  segments: {groups: {good: [AAA, AA, A], fair: [BBB, BB, A], poor: [B, C]}}",
        "project.yaml:5:59: grade 'A' is in group 'good' already; each grade belongs to one "
        "group");
    bad("  segments: {groups: {good: [AAA, AA, A], fair: [BBB], poor: [B, C]}}",
        "project.yaml:5:22: credit grade 'BB' is in none of the groups of "
        "'crm.segments.groups'; every grade needs one");
    bad("  segments: {groups: {good: [AAA, AA, A], fair: [BBB, BB], poor: [B, C], none: []}}",
        "project.yaml:5:80: 'none' in 'crm.segments.groups' needs 1 to 16 names, got 0");
    bad("  segments: {groups: {good: [AAA, AA, A], fair: {a: 1}, poor: [B, C]}}",
        "project.yaml:5:49: 'fair' in 'crm.segments.groups' must be a list of strings, got a "
        "mapping");
    bad("  segments: {grups: {}}", "project.yaml:5:14: unknown key 'grups' in 'crm.segments' "
        "(did you mean 'groups'?)");
}

/* New grades and groups with a matrix and rules of their own load. */
Test(config_crm, renamed_groups)
{
    lf_config *cfg = load(HEAD NEW_GRADES
                          "  segments:\n"
                          "    groups: {good: P, bad: Q}\n"
                          "    matrix: {high: {good: [a, b], bad: [c, d]}, medium: {good: [e, "
                          "f], bad: [g, h]}, low: {good: [i, j], bad: [k, l]}}\n"
                          "    tier_rules: [{credit: bad, tier: restricted}, {tier: general}]\n");
    const lf_segment_spec *g = &spec_of(cfg)->segment;
    cr_expect_eq(g->ngroups, 2);
    cr_expect_str_eq(g->cells[1][1].segment, "g");
    cr_expect_str_eq(g->cells[2][0].service, "j");
    lf_config_free(cfg);
    bad(NEW_GRADES "  segments:\n"
                   "    groups: {good: P, bad: Q}\n"
                   "    matrix: {high: {good: [a, b], bad: [c, d]}, medium: {good: [e, f], bad: "
                   "[g, h]}, low: {good: [i, j], bad: [k, l]}}\n",
        "project.yaml:7:13: default tier rule 1 names credit group 'poor', which is gone; give "
        "'tier_rules' in 'crm.segments'");
}

Test(config_crm, bad_matrix)
{
    bad("  segments: {matrix: {high: {good: [a, b], fair: [a, b], poor: [a, b]}}}",
        "project.yaml:5:22: 'matrix' in 'crm.segments' has no row for value level 'medium'; "
        "every level needs one");
    bad("  segments: {matrix: {top: {good: [a, b]}}}", "project.yaml:5:23: key 'top' in "
        "'crm.segments.matrix' is not a value level; the value levels are: high, medium, low");
    bad("  segments: {matrix: {high: {good: [a, b], fair: [a, b]}}}", "project.yaml:5:29: "
        "'high' in 'crm.segments.matrix' has no cell for credit group 'poor'; every group needs "
        "one");
    bad("  segments: {matrix: {high: {good: [a, b], fare: [a, b]}}}", "project.yaml:5:44: key "
        "'fare' in 'crm.segments.matrix.high' is not a credit group; the groups are: good, "
        "fair, poor");
    bad("  segments: {matrix: {high: {good: [a], fair: [a, b]}}}", "project.yaml:5:36: 'good' "
        "in 'crm.segments.matrix.high' must be [segment, service], two names, got 1");
}

Test(config_crm, bad_tiers_and_rules)
{
    bad("  segments: {tiers: [a, b, A]}", "project.yaml:5:28: tier 'A' is tier 'a' again; tier "
        "names must differ in more than case (the peak-shift portfolio looks them up that "
        "way)");
    bad("  segments: {tiers: []}",
        "project.yaml:5:21: 'tiers' in 'crm.segments' needs 1 to 16 names, got 0");
    bad("  segments: {tiers: [a, b]}", "project.yaml:5:21: default tier rule 1 names tier "
        "'restricted', which is gone; give 'tier_rules' in 'crm.segments'");
    bad("  segments: {tier_rules: [{tier: prio}]}", "project.yaml:5:34: 'tier' in "
        "'crm.segments.tier_rules[0]' is 'prio', not a tier; the tiers are: restricted, "
        "general, commercial, priority");
    bad("  segments: {tier_rules: [{value: hihg, tier: general}]}", "project.yaml:5:35: 'value' "
        "in 'crm.segments.tier_rules[0]' is 'hihg', not a value level (did you mean 'high'?); "
        "the value levels are: high, medium, low");
    bad("  segments: {tier_rules: [{credit: god, tier: general}]}", "project.yaml:5:36: "
        "'credit' in 'crm.segments.tier_rules[0]' is 'god', not a credit group (did you mean "
        "'good'?); the groups are: good, fair, poor");
    bad("  segments: {tier_rules: [{credit: good}]}",
        "project.yaml:5:27: missing required key 'tier' in 'crm.segments.tier_rules[0]'");
    bad("  segments: {tier_rules: [{industry: [], tier: general}]}", "project.yaml:5:38: "
        "'industry' in 'crm.segments.tier_rules[0]' needs 1 to 12 names, got 0");
    bad("  segments: {tier_rules: [{class: [a], tier: general}]}", "project.yaml:5:35: 'class' "
        "in 'crm.segments.tier_rules[0]' must be a non-empty string, got a list");
    bad("  segments: {tier_rules: []}",
        "project.yaml:5:26: 'tier_rules' in 'crm.segments' needs 1 to 16 rules, got 0");
    bad("  segments: {tier_rules: [{klass: x, tier: general}]}", "project.yaml:5:28: unknown "
        "key 'klass' in 'crm.segments.tier_rules[0]' (did you mean 'class'?)");
}

/* ---- alerts --------------------------------------------------------------------------------- */

Test(config_crm, bad_alerts)
{
    bad("  alerts: {baseline: lastyear}", "project.yaml:5:22: 'baseline' in 'crm.alerts' must "
        "be one of last_year, previous, expected, got 'lastyear' (did you mean 'last_year'?)");
    bad("  alerts: {baseline: expected}", "project.yaml:5:22: baseline expected in 'crm.alerts' "
        "compares with the expected energy; give 'expected' (the file) in 'crm'");
    bad("  alerts: {measure: zscore}", "project.yaml:5:21: 'measure' in 'crm.alerts' must be "
        "one of percent, z, got 'zscore'");
    bad("  alerts: {previous_months: 3}", "project.yaml:5:12: 'previous_months' in 'crm.alerts' "
        "applies to baseline previous only (the baseline is last_year); remove it");
    bad("  alerts: {baseline: previous, previous_months: 25}", "project.yaml:5:49: "
        "'previous_months' in 'crm.alerts' must be an integer from 1 to 24, got 25");
    bad("  alerts: {recent_months: 0}", "project.yaml:5:27: 'recent_months' in 'crm.alerts' "
        "must be an integer from 1 to 24, got 0");
    bad("  alerts: {min_history: 1}", "project.yaml:5:25: 'min_history' in 'crm.alerts' must "
        "be an integer from 2 to 240, got 1");
    bad("  alerts: {min_kwh: -1}",
        "project.yaml:5:21: 'min_kwh' in 'crm.alerts' must be a number >= 0, got -1");
    bad("  alerts: {thresold: 1}", "project.yaml:5:12: unknown key 'thresold' in 'crm.alerts' "
        "(did you mean 'threshold'?)");
}

Test(config_crm, bad_threshold)
{
    bad("  alerts: {threshold: 30}", "project.yaml:5:23: 'threshold' in 'crm.alerts' must be a "
        "share above 0 and at most 10 (1000%), like 0.3 or 30%, got '30'");
    bad("  alerts: {threshold: 0}", "project.yaml:5:23: 'threshold' in 'crm.alerts' must be a "
        "share above 0 and at most 10 (1000%), like 0.3 or 30%, got '0'");
    bad("  alerts: {threshold: x%}", "project.yaml:5:23: 'threshold' in 'crm.alerts' must be a "
        "share above 0 and at most 10 (1000%), like 0.3 or 30%, got 'x%'");
    bad("  alerts: {measure: z, threshold: 30%}", "project.yaml:5:35: 'threshold' in "
        "'crm.alerts' is a z-score with measure z, a number of standard deviations like 3, not "
        "a percentage; got '30%'");
    bad("  alerts: {measure: z, threshold: 0}", "project.yaml:5:35: 'threshold' in 'crm.alerts' "
        "must be a number above 0 and at most 100, got 0");
}
