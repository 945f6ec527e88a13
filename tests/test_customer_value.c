/* test_customer_value.c - profit contribution (profit.c), key accounts
 * (key_account.c), percentile mid-ranks and the value score V (value.c) on
 * customer sets built in code; every number computed by hand (or with numpy
 * and scipy.stats.rankdata where said) in the comment above its test. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "libforecast.h"

#define MAXC 11
#define MAXM 12

typedef struct fixture {
    lf_customer_set set;
    lf_customer c[MAXC];
    double energy[MAXC * MAXM], bill[MAXC * MAXM];
} fixture;

static fixture F;

/* n customers over nmonths months from 2024-01, every month missing. */
static void init(size_t n, size_t nmonths)
{
    memset(&F, 0, sizeof F);
    F.set.n = n;
    F.set.customers = F.c;
    F.set.first_month = lf_date_from_ymd(2024, 1, 1);
    F.set.nmonths = nmonths;
    F.set.energy_kwh = F.energy;
    F.set.bill = F.bill;
    for (size_t k = 0; k < MAXC * MAXM; k++)
        F.energy[k] = F.bill[k] = NAN;
}

static lf_customer *customer(size_t i, const char *id, const char *class_name, double kv)
{
    lf_customer *c = &F.c[i];
    snprintf(c->id, sizeof c->id, "%s", id);
    snprintf(c->class_name, sizeof c->class_name, "%s", class_name);
    c->voltage_kv = kv;
    c->correction = 1;
    c->industry_outlook = NAN;
    return c;
}

static void month(size_t i, size_t j, double kwh, double bill)
{
    F.energy[i * F.set.nmonths + j] = kwh;
    F.bill[i * F.set.nmonths + j] = bill;
}

static void near(double got, double want, double tol, const char *what)
{
    cr_assert(fabs(got - want) <= tol, "%s: got %.17g, want %.17g", what, got, want);
}

/* ---- cost rule ------------------------------------------------------------------------- */

Test(cost_rule, default_passes_its_check)
{
    lf_cost_rule r;
    lf_cost_rule_default(&r);
    lf_error err;
    cr_assert_eq(lf_cost_rule_check(&r, &err), LF_OK, "%s", err.message);
    cr_assert_eq(r.nbands, 4);
    near(r.bands[1].min_kv, 10, 0, "second band");
    near(r.bands[3].cost_per_kwh, 0.44, 0, "110 kV cost");
    near(r.service_per_month, 200, 0, "service");
}

Test(cost_rule, bands_must_start_at_zero_and_increase)
{
    lf_cost_rule r;
    lf_error err;
    lf_cost_rule_default(&r);
    r.bands[0].min_kv = 0.38;
    cr_assert_eq(lf_cost_rule_check(&r, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "first cost band starts at 0.38 kV"), "%s", err.message);
    lf_cost_rule_default(&r);
    r.bands[2].min_kv = 10; /* equal to the band before: not increasing */
    cr_assert_eq(lf_cost_rule_check(&r, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "cost band 3 starts at 10 kV after a band at 10 kV"), "%s",
              err.message);
    lf_cost_rule_default(&r);
    r.bands[3].min_kv = 20; /* below the band before */
    cr_assert_eq(lf_cost_rule_check(&r, &err), LF_ERR_ARG);
    lf_cost_rule_default(&r);
    r.bands[1].cost_per_kwh = -0.1;
    cr_assert_eq(lf_cost_rule_check(&r, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "cost band 2 (from 10 kV) costs -0.1 per kWh"), "%s",
              err.message);
    lf_cost_rule_default(&r);
    r.service_per_month = INFINITY;
    cr_assert_eq(lf_cost_rule_check(&r, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "service cost is inf per customer-month"), "%s",
              err.message);
    lf_cost_rule_default(&r);
    r.nbands = 0;
    cr_assert_eq(lf_cost_rule_check(&r, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "1 to 8 voltage bands, got 0"), "%s", err.message);
    r.nbands = LF_COST_BANDS_MAX + 1;
    cr_assert_eq(lf_cost_rule_check(&r, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "1 to 8 voltage bands, got 9"), "%s", err.message);
}

/* ---- profits --------------------------------------------------------------------------- */

/* Default rule, three months.
 *   c1 0.38 kV (0.60): energy 1000, -, 2000; bills 700, 650, 1300
 *      kWh 3000 over 2 months; revenue 2650; cost 3000 x 0.60 + 2 x 200 = 2200;
 *      profit 450
 *   c2 10 kV exactly (0.52): 10000 a month, bills 6000 a month
 *      revenue 18000; cost 30000 x 0.52 + 600 = 16200; profit 1800
 *   c3 9.99 kV (0.60): 100 a month; bills -, 50, 50
 *      revenue 100; cost 300 x 0.60 + 600 = 780; profit -680
 * Window months 1..2 of c1: kWh 2000 over 1 month, revenue 1950, cost 1200 +
 * 200 = 1400, profit 550. */
Test(profit, revenue_cost_and_profit)
{
    init(3, 3);
    customer(0, "c1", "commercial", 0.38);
    customer(1, "c2", "general_industry", 10);
    customer(2, "c3", "commercial", 9.99);
    month(0, 0, 1000, 700);
    month(0, 1, NAN, 650);
    month(0, 2, 2000, 1300);
    for (size_t j = 0; j < 3; j++) {
        month(1, j, 10000, 6000);
        month(2, j, 100, j ? 50 : NAN);
    }
    lf_cost_rule rule;
    lf_cost_rule_default(&rule);
    lf_profit p[3];
    lf_error err;
    cr_assert_eq(lf_customer_profits(&F.set, 0, 3, &rule, p, &err), LF_OK, "%s", err.message);
    near(p[0].kwh, 3000, 0, "c1 kWh");
    cr_assert_eq(p[0].months, 2);
    near(p[0].revenue, 2650, 0, "c1 revenue");
    near(p[0].cost, 2200, 1e-9, "c1 cost");
    near(p[0].profit, 450, 1e-9, "c1 profit");
    near(p[1].cost, 16200, 1e-9, "c2 cost at exactly 10 kV");
    near(p[1].profit, 1800, 1e-9, "c2 profit");
    cr_assert_eq(p[1].months, 3);
    near(p[2].revenue, 100, 0, "c3 revenue without the missing bill");
    near(p[2].cost, 780, 1e-9, "c3 cost just below 10 kV");
    near(p[2].profit, -680, 1e-9, "c3 profit");

    cr_assert_eq(lf_customer_profits(&F.set, 1, 2, &rule, p, &err), LF_OK, "%s", err.message);
    near(p[0].kwh, 2000, 0, "c1 window kWh");
    cr_assert_eq(p[0].months, 1);
    near(p[0].revenue, 1950, 0, "c1 window revenue");
    near(p[0].profit, 550, 1e-9, "c1 window profit");
}

/* Every band boundary with 1000 kWh, no bill, no service: cost 1000 x the
 * band's unit cost.  34.99 kV 0.52, 35 kV 0.47, 109.9 kV 0.47, 110 kV 0.44,
 * 500 kV 0.44. */
Test(profit, voltage_band_boundaries)
{
    const double kv[] = {34.99, 35, 109.9, 110, 500};
    const double want[] = {520, 470, 470, 440, 440};
    init(5, 1);
    for (size_t i = 0; i < 5; i++) {
        customer(i, "k", "commercial", kv[i]);
        month(i, 0, 1000, 0);
    }
    lf_cost_rule rule;
    lf_cost_rule_default(&rule);
    rule.service_per_month = 0;
    lf_profit p[5];
    lf_error err;
    cr_assert_eq(lf_customer_profits(&F.set, 0, 1, &rule, p, &err), LF_OK, "%s", err.message);
    for (size_t i = 0; i < 5; i++)
        cr_assert(fabs(p[i].cost - want[i]) <= 1e-9, "%g kV: cost %g, want %g", kv[i],
                  p[i].cost, want[i]);
}

Test(profit, bad_records_and_windows)
{
    init(2, 3);
    customer(0, "c1", "commercial", 10);
    customer(1, "c2", "commercial", 10);
    month(1, 2, -5, 10);
    lf_cost_rule rule;
    lf_cost_rule_default(&rule);
    lf_profit p[2];
    lf_error err;
    cr_assert_eq(lf_customer_profits(&F.set, 0, 3, &rule, p, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "customer 'c2' has energy -5 kWh in 2024-03"), "%s",
              err.message);
    month(1, 2, 5, INFINITY);
    cr_assert_eq(lf_customer_profits(&F.set, 0, 3, &rule, p, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "customer 'c2' has a bill of inf in 2024-03"), "%s",
              err.message);
    cr_assert_eq(lf_customer_profits(&F.set, 0, 2, &rule, p, &err), LF_OK,
                 "the bad month is outside this window: %s", err.message);
    cr_assert_eq(lf_customer_profits(&F.set, 1, 3, &rule, p, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "window of 3 months from month 1 (0-based) ends past the "
                                  "set's 3 months"), "%s", err.message);
    cr_assert_eq(lf_customer_profits(&F.set, 4, 0, &rule, p, &err), LF_ERR_ARG);
    cr_assert_eq(lf_customer_profits(&F.set, 1, SIZE_MAX, &rule, p, &err), LF_ERR_ARG,
                 "first + count wraps");
    cr_assert_eq(lf_customer_profits(&F.set, 3, 0, &rule, p, &err), LF_OK, "an empty window");
    cr_assert_eq(p[0].months, 0);
    F.c[0].voltage_kv = 0;
    cr_assert_eq(lf_customer_profits(&F.set, 0, 2, &rule, p, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "customer 'c1' has supply voltage 0 kV"), "%s", err.message);
    rule.nbands = 0;
    cr_assert_eq(lf_customer_profits(&F.set, 0, 2, &rule, p, &err), LF_ERR_ARG);
}

/* ---- key accounts ---------------------------------------------------------------------- */

static lf_profit P(double kwh, size_t months, double profit)
{
    return (lf_profit){.kwh = kwh, .months = months, .profit = profit};
}

static lf_key_account key[MAXC];

static void key_accounts(const lf_profit *p, const lf_key_spec *spec)
{
    lf_error err;
    cr_assert_eq(lf_key_accounts(&F.set, p, spec, key, &err), LF_OK, "%s", err.message);
}

/* Default rules (>= 35 kV; 10-20 kV dedicated line with 10 GWh a year;
 * Pareto 0.80), each condition at its boundary:
 *   K1 35 kV exactly                                -> rule 1
 *   K2 34.99 kV                                     -> not key
 *   K3 10 kV dedicated, 11 months of 1e7 / 12: annual = kWh x 12 / 11 = 1e7
 *                                                   -> rule 2
 *   K4 10 kV dedicated, (1e7 - 1) x 11 / 12 over 11 months: annual 1e7 - 1
 *                                                   -> not key
 *   K5 10 kV, not dedicated, 2e7                     -> not key
 *   K6 10 kV dedicated, no month with energy        -> not key
 *      (given 2e7 kWh, which lf_customer_profits would not give: the
 *      condition is decided by the months, not by a division by 0)
 *   K7 9.99 kV dedicated, 2e7                        -> not key
 *   K8 0.38 kV, profit 100                           -> pareto
 *   K9 110 kV, profit 100                            -> rule 1 and pareto
 *   KA 20 kV dedicated, 2e7                          -> rule 2
 *   KB 20.01 kV dedicated, 2e7 (above rule 2's 20 kV, below rule 1's 35)
 *                                                   -> not key
 * Profits 1 for K1..K7, KA, KB: P = 209.  Ranks K8 (tie with K9, by id; S
 * before 0), K9 (100/209 = 0.478 < 0.8), then K1 with 200/209 = 0.957: the
 * Pareto set is K8 and K9. */
Test(key, default_rules_at_their_boundaries)
{
    init(11, 12);
    customer(0, "K1", "large_industry", 35);
    customer(1, "K2", "large_industry", 34.99);
    customer(2, "K3", "general_industry", 10)->dedicated_line = 1;
    customer(3, "K4", "general_industry", 10)->dedicated_line = 1;
    customer(4, "K5", "general_industry", 10);
    customer(5, "K6", "general_industry", 10)->dedicated_line = 1;
    customer(6, "K7", "general_industry", 9.99)->dedicated_line = 1;
    customer(7, "K8", "commercial", 0.38);
    customer(8, "K9", "large_industry", 110);
    customer(9, "KA", "general_industry", 20)->dedicated_line = 1;
    customer(10, "KB", "general_industry", 20.01)->dedicated_line = 1;
    lf_profit p[11] = {P(0, 12, 1),           P(0, 12, 1),
                      P(11 * (1e7 / 12), 11, 1), P((1e7 - 1) * 11 / 12, 11, 1),
                      P(2e7, 12, 1),         P(2e7, 0, 1),
                      P(2e7, 12, 1),         P(0, 12, 100),
                      P(0, 12, 100),         P(2e7, 12, 1),
                      P(2e7, 12, 1)};
    lf_key_spec spec;
    lf_key_spec_default(&spec);
    key_accounts(p, &spec);
    const int want[11] = {1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0};
    for (size_t i = 0; i < 11; i++)
        cr_assert_eq(key[i].is_key, want[i], "%s: is_key %d (%s)", F.c[i].id, key[i].is_key,
                     key[i].reason);
    cr_assert_eq(key[0].rules_met, 1u);
    cr_assert_str_eq(key[0].reason, ">=35kV");
    cr_assert_eq(key[2].rules_met, 2u);
    cr_assert_str_eq(key[2].reason, "10-20kV dedicated line >=10GWh");
    cr_assert_eq(key[9].rules_met, 2u);
    cr_assert_str_eq(key[1].reason, "");
    cr_assert_eq(key[7].by_pareto, 1);
    cr_assert_eq(key[7].rules_met, 0u);
    cr_assert_str_eq(key[7].reason, "pareto");
    cr_assert_str_eq(key[8].reason, ">=35kV; pareto");
    cr_assert_eq(key[0].by_pareto, 0);
}

/* The annual energy from the set through lf_customer_profits: 9 months of
 * 1e7 / 12 kWh (3 missing) sum to 7499999.999999999 in double and scale to
 * 9999999.999999998 a year, 10 GWh but for rounding (numpy: the same sum in
 * the same order): within the relative 1e-9 it reaches the line.  833333 a
 * month (annual 9999996) does not. */
Test(key, annual_energy_scaled_from_the_months_with_a_value)
{
    init(2, 12);
    customer(0, "near", "general_industry", 10)->dedicated_line = 1;
    customer(1, "below", "general_industry", 10)->dedicated_line = 1;
    for (size_t j = 0; j < 9; j++) {
        month(0, j, 1e7 / 12, 0);
        month(1, j, 833333, 0);
    }
    lf_cost_rule rule;
    lf_cost_rule_default(&rule);
    lf_profit p[2];
    lf_error err;
    cr_assert_eq(lf_customer_profits(&F.set, 0, 12, &rule, p, &err), LF_OK, "%s", err.message);
    cr_assert(p[0].kwh * 12 / 9 < 1e7, "the premise: rounding below 1e7 (%.17g)",
              p[0].kwh * 12 / 9);
    lf_key_spec spec;
    lf_key_spec_default(&spec);
    spec.pareto_share = 0;
    key_accounts(p, &spec);
    cr_assert_eq(key[0].is_key, 1, "annual %.17g", p[0].kwh * 12 / 9);
    cr_assert_eq(key[1].is_key, 0);
}

/* Rules "5MVA" (capacity >= 5000 kVA) and ">=10kV", Pareto off:
 *   big   10 kV, 5000 kVA exactly   both rules: "5MVA; >=10kV", bits 11
 *   mid   10 kV, 4999.9 kVA         ">=10kV" only, bits 10
 *   small 9.99 kV, 4999.9 kVA       not key, though its profit is the top one */
Test(key, capacity_rule_two_rules_met_and_pareto_off)
{
    init(3, 12);
    customer(0, "big", "commercial", 10)->capacity_kva = 5000;
    customer(1, "mid", "commercial", 10)->capacity_kva = 4999.9;
    customer(2, "small", "commercial", 9.99)->capacity_kva = 4999.9;
    lf_key_spec spec = {.nrules = 2,
                        .rules = {{.name = "5MVA", .min_capacity_kva = 5000},
                                  {.name = ">=10kV", .min_kv = 10}},
                        .pareto_share = 0};
    lf_profit p[3] = {P(0, 12, 1), P(0, 12, 1), P(0, 12, 1000)};
    key_accounts(p, &spec);
    cr_assert_eq(key[0].is_key, 1);
    cr_assert_eq(key[0].rules_met, 3u);
    cr_assert_str_eq(key[0].reason, "5MVA; >=10kV");
    cr_assert_eq(key[1].rules_met, 2u);
    cr_assert_str_eq(key[1].reason, ">=10kV");
    cr_assert_eq(key[2].is_key, 0);
    cr_assert_eq(key[2].by_pareto, 0);
}

/* Eight rules of 47-byte names, all met: the reason (8 x 47 + 7 x 2 + 8 = 398
 * bytes) is cut to 124 bytes and "...", 127 in all. */
Test(key, long_reason_is_cut_with_an_ellipsis)
{
    init(1, 12);
    customer(0, "k", "commercial", 10);
    lf_key_spec spec = {.nrules = LF_KEY_RULES_MAX, .pareto_share = 0.8};
    for (size_t r = 0; r < LF_KEY_RULES_MAX; r++) {
        memset(spec.rules[r].name, 'a' + (int)r, LF_KEY_RULE_NAME_MAX - 1);
        spec.rules[r].min_kv = 1;
    }
    lf_profit p[1] = {P(0, 12, 1)};
    key_accounts(p, &spec);
    cr_assert_eq(key[0].rules_met, 0xffu);
    cr_assert_eq(strlen(key[0].reason), 127);
    cr_assert_eq(strncmp(key[0].reason, spec.rules[0].name, 47), 0);
    cr_assert_str_eq(key[0].reason + 124, "...");
}

Test(key, spec_checks)
{
    lf_key_spec spec;
    lf_error err;
    lf_key_spec_default(&spec);
    cr_assert_eq(lf_key_spec_check(&spec, &err), LF_OK, "%s", err.message);
    cr_assert_eq(spec.nrules, 2);
    near(spec.rules[1].min_annual_kwh, 1e7, 0, "10 GWh");
    near(spec.pareto_share, 0.8, 0, "pareto");
    spec.rules[1] = (lf_key_rule){.name = "everyone"};
    cr_assert_eq(lf_key_spec_check(&spec, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "rule 'everyone' sets no condition"), "%s", err.message);
    lf_key_spec_default(&spec);
    memcpy(spec.rules[1].name, spec.rules[0].name, sizeof spec.rules[0].name);
    cr_assert_eq(lf_key_spec_check(&spec, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'>=35kV' is listed twice"), "%s", err.message);
    lf_key_spec_default(&spec);
    spec.rules[0].min_kv = -35;
    cr_assert_eq(lf_key_spec_check(&spec, &err), LF_ERR_ARG);
    lf_key_spec_default(&spec);
    spec.rules[1].dedicated_line = 2;
    cr_assert_eq(lf_key_spec_check(&spec, &err), LF_ERR_ARG);
    lf_key_spec_default(&spec);
    spec.pareto_share = 1.5;
    cr_assert_eq(lf_key_spec_check(&spec, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "Pareto share is 1.5"), "%s", err.message);
    lf_key_spec_default(&spec);
    spec.nrules = LF_KEY_RULES_MAX + 1;
    cr_assert_eq(lf_key_spec_check(&spec, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "at most 8 rules, got 9"), "%s", err.message);
    lf_key_spec_default(&spec);
    spec.rules[0].name[0] = '\0';
    cr_assert_eq(lf_key_spec_check(&spec, &err), LF_ERR_ARG);
    lf_key_spec_default(&spec);
    spec.nrules = 0;
    cr_assert_eq(lf_key_spec_check(&spec, &err), LF_OK, "Pareto alone");
}

/* ---- percentile ranks ------------------------------------------------------------------ */

static double pct[MAXC];

static void ranks(const double *x, size_t n)
{
    lf_error err;
    cr_assert_eq(lf_percentile_ranks(x, n, pct, &err), LF_OK, "%s", err.message);
}

/* 10, 20, 20, 30: mid-ranks 1, 2.5, 2.5, 4 (scipy rankdata); 100 (r - 1) / 3
 * = 0, 50, 50, 100. */
Test(percentile, ties_share_the_mid_rank)
{
    const double x[] = {10, 20, 20, 30};
    ranks(x, 4);
    near(pct[0], 0, 0, "10");
    near(pct[1], 50, 1e-12, "20");
    near(pct[2], 50, 1e-12, "20 again");
    near(pct[3], 100, 0, "30");
    const double same[] = {7, 7, 7};
    ranks(same, 3);
    for (size_t i = 0; i < 3; i++)
        near(pct[i], 50, 1e-12, "all tied: rank 2 of 3");
}

/* 5, NaN, 5, 1, 9: NaN gets 0 and is left out, so n = 4: 1 rank 1, the
 * 5s rank 2.5, 9 rank 4: 50, 0, 50, 0, 100 (numpy/scipy as above). */
Test(percentile, nan_gets_zero_and_is_left_out)
{
    const double x[] = {5, NAN, 5, 1, 9};
    ranks(x, 5);
    near(pct[0], 50, 1e-12, "5");
    near(pct[1], 0, 0, "NaN");
    near(pct[2], 50, 1e-12, "5 again");
    near(pct[3], 0, 0, "1");
    near(pct[4], 100, 0, "9");
}

/* One value is 100; one value among NaNs too; all NaN all 0; infinities
 * rank at the ends (-inf 0, 0 50, inf 100). */
Test(percentile, single_values_and_infinities)
{
    const double one = 3;
    ranks(&one, 1);
    near(pct[0], 100, 0, "n = 1");
    const double nan_and_one[] = {NAN, 4, NAN};
    ranks(nan_and_one, 3);
    near(pct[0], 0, 0, "NaN");
    near(pct[1], 100, 0, "the only value");
    const double all_nan[] = {NAN, NAN};
    ranks(all_nan, 2);
    near(pct[0] + pct[1], 0, 0, "all NaN");
    const double inf[] = {INFINITY, 0, -INFINITY};
    ranks(inf, 3);
    near(pct[0], 100, 0, "+inf");
    near(pct[1], 50, 0, "0");
    near(pct[2], 0, 0, "-inf");
    lf_error err;
    cr_assert_eq(lf_percentile_ranks(NULL, 0, NULL, &err), LF_OK);
    cr_assert_eq(lf_percentile_ranks(NULL, 2, pct, &err), LF_ERR_ARG);
}

/* ---- value ----------------------------------------------------------------------------- */

static lf_customer_value V[MAXC];

/* Four customers, default spec (w 0.2, 0.5, 0.3; levels high 60, medium 35,
 * low 0):
 *   A large_industry a 100, 1.2e6 kWh over 12 months (annual 1.2e6), potential 0,    e 1
 *   B general_ind.   a 80,  7e5 over 6 (annual 1.4e6: B ranks above A on
 *                           annual energy, below it on the window's kWh), potential 5e5, e 1.2
 *   C commercial     a 70,  no energy (b 0, out of the ranking),   potential 0,    e 1
 *   D residential    a 40,  6000 over 12 (annual 6000),            potential 1000, e 1.5
 * b: 1.4e6, 1.2e6, 6000 rank 3, 2, 1 of 3: B 100, A 50, D 0; C 0.
 * d: 0, 5e5, 0, 1000: mid-ranks 1.5, 4, 1.5, 3 of 4: B 100, D 66.67; A and C
 *    have no potential: 0, not their mid-rank's 16.67.
 * V: A 0.2 x 100 + 0.5 x 50 + 0.3 x 0 = 20 + 25 = 45                  medium
 *    B 1.2 (16 + 50 + 30) = 115.2 (above 100: e > 1)                   high
 *    C 14 + 0 + 0 = 14                                                low
 *    D 1.5 (8 + 0 + 20) = 42                                          medium
 * (numpy with scipy.stats.rankdata, zeros set to 0, gives [45.0,
 * 115.19999999999999, 14.0, 42.0].) */
static void four_customers(lf_profit p[4])
{
    init(4, 12);
    customer(0, "A", "large_industry", 110);
    customer(1, "B", "general_industry", 10)->potential_kwh = 5e5;
    F.c[1].correction = 1.2;
    customer(2, "C", "commercial", 0.38);
    customer(3, "D", "residential", 0.22)->potential_kwh = 1000;
    F.c[3].correction = 1.5;
    p[0] = P(1.2e6, 12, 0);
    p[1] = P(7e5, 6, 0);
    p[2] = P(0, 0, 0);
    p[3] = P(6000, 12, 0);
}

Test(value, by_hand_for_four_customers)
{
    lf_profit p[4];
    four_customers(p);
    lf_value_spec spec;
    lf_value_spec_default(&spec);
    lf_error err;
    cr_assert_eq(lf_customer_values(&F.set, p, &spec, V, &err), LF_OK, "%s", err.message);
    const double a[] = {100, 80, 70, 40}, b[] = {50, 100, 0, 0};
    const double d[] = {0, 100, 0, 200.0 / 3}, v[] = {45, 115.2, 14, 42};
    const double e[] = {1, 1.2, 1, 1.5};
    const size_t level[] = {1, 0, 2, 1};
    for (size_t i = 0; i < 4; i++) {
        near(V[i].nature, a[i], 0, F.c[i].id);
        near(V[i].current, b[i], 1e-12, F.c[i].id);
        near(V[i].potential, d[i], 1e-12, F.c[i].id);
        near(V[i].correction, e[i], 0, F.c[i].id);
        near(V[i].value, v[i], 1e-12, F.c[i].id);
        cr_assert_eq(V[i].level, level[i], "%s: level %zu", F.c[i].id, V[i].level);
    }
}

/* Levels at exactly the values above: top 115.2, high 45, mid 42, low 14,
 * none 0.  Each value reaches its own level; B's 1.2 x 96 is
 * 115.19999999999999 in double, below 115.2, and still reaches top by the
 * 1e-9.  A line at 45 + 1e-9 is exactly 1e-9 above A ((45 + 1e-9) - 1e-9 is
 * the double 45): still reached.  Every line raised by 1e-6: each customer
 * drops a level. */
Test(value, level_thresholds_are_inclusive)
{
    lf_profit p[4];
    four_customers(p);
    lf_value_spec spec;
    lf_value_spec_default(&spec);
    const lf_value_level levels[] = {
        {"top", 115.2}, {"high", 45}, {"mid", 42}, {"low", 14}, {"none", 0}};
    spec.nlevels = 5;
    memcpy(spec.levels, levels, sizeof levels);
    lf_error err;
    cr_assert_eq(lf_customer_values(&F.set, p, &spec, V, &err), LF_OK, "%s", err.message);
    cr_assert(V[1].value < 115.2, "the premise: %.17g", V[1].value);
    const size_t want[] = {1, 0, 3, 2}, lower[] = {2, 1, 4, 3};
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(V[i].level, want[i], "%s at %.17g: level %zu", F.c[i].id, V[i].value,
                     V[i].level);
    spec.levels[1].min_value = 45 + 1e-9;
    cr_assert_eq((45 + 1e-9) - 1e-9, 45.0, "the premise");
    cr_assert_eq(lf_customer_values(&F.set, p, &spec, V, &err), LF_OK, "%s", err.message);
    cr_assert_eq(V[0].level, 1, "A exactly 1e-9 below the line");
    for (size_t k = 0; k < 4; k++)
        spec.levels[k].min_value = levels[k].min_value + 1e-6;
    cr_assert_eq(lf_customer_values(&F.set, p, &spec, V, &err), LF_OK, "%s", err.message);
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(V[i].level, lower[i], "%s at %.17g: level %zu", F.c[i].id, V[i].value,
                     V[i].level);
}

Test(value, class_missing_from_the_nature_table)
{
    lf_profit p[4];
    four_customers(p);
    /* a prefix of a class in the table is not that class */
    snprintf(F.c[2].class_name, sizeof F.c[2].class_name, "large");
    lf_value_spec spec;
    lf_value_spec_default(&spec);
    lf_error err;
    cr_assert_eq(lf_customer_values(&F.set, p, &spec, V, &err), LF_ERR_NOTFOUND);
    cr_assert(strstr(err.message, "customer 'C' has class 'large', which the nature table "
                                  "does not score"), "%s", err.message);
    cr_assert(strstr(err.message, "large_industry, general_industry"), "%s", err.message);
}

Test(value, bad_customer_values)
{
    lf_profit p[4];
    lf_value_spec spec;
    lf_value_spec_default(&spec);
    lf_error err;
    four_customers(p);
    F.c[1].correction = 0;
    cr_assert_eq(lf_customer_values(&F.set, p, &spec, V, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "customer 'B' has correction factor 0"), "%s", err.message);
    four_customers(p);
    F.c[3].potential_kwh = -1;
    cr_assert_eq(lf_customer_values(&F.set, p, &spec, V, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "customer 'D' has potential -1 kWh"), "%s", err.message);
    four_customers(p);
    p[0].kwh = NAN;
    cr_assert_eq(lf_customer_values(&F.set, p, &spec, V, &err), LF_ERR_DATA);
}

Test(value, spec_checks)
{
    lf_value_spec s;
    lf_error err;
    lf_value_spec_default(&s);
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_OK, "%s", err.message);
    cr_assert_eq(s.nnature, 6);
    cr_assert_str_eq(s.nature[5].class_name, "residential");
    cr_assert_eq(s.nlevels, 3);

    s.w_potential = 0.31; /* 0.2 + 0.5 + 0.31 = 1.01 */
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "sum to 1.01, not 1"), "%s", err.message);
    lf_value_spec_default(&s);
    s.w_nature = -0.1;
    s.w_current = 0.8;
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_ERR_ARG);
    lf_value_spec_default(&s);
    s.w_current = 0.5 + 1e-10; /* within the tolerance */
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_OK, "%s", err.message);

    lf_value_spec_default(&s);
    s.nature[2].score = 101;
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "class 'commercial' has nature score 101"), "%s",
              err.message);
    lf_value_spec_default(&s);
    snprintf(s.nature[3].class_name, sizeof s.nature[3].class_name, "commercial");
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'commercial' is in the nature table twice"), "%s",
              err.message);
    lf_value_spec_default(&s);
    s.nnature = 0;
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_ERR_ARG);

    lf_value_spec_default(&s);
    s.levels[1].min_value = 60; /* not below high's 60 */
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "value level 'medium' starts at 60"), "%s", err.message);
    lf_value_spec_default(&s);
    s.levels[2].min_value = 10;
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "lowest value level 'low' starts at 10"), "%s",
              err.message);
    lf_value_spec_default(&s);
    snprintf(s.levels[2].name, sizeof s.levels[2].name, "high");
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_ERR_ARG);
    lf_value_spec_default(&s);
    s.nlevels = 0;
    cr_assert_eq(lf_value_spec_check(&s, &err), LF_ERR_ARG);
}
