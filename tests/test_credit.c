/* test_credit.c - the credit rating (libforecast/customers/credit.c): linear
 * scores and their clamps, totals and grades at the thresholds, raw
 * indicators from constructed payment records, settlement deposits; every
 * number computed by hand (or with numpy where said) in the comment above
 * its test. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "libforecast.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

static void near(double got, double want, double tol, const char *what)
{
    cr_assert(fabs(got - want) <= tol, "%s: got %.17g, want %.17g", what, got, want);
}

static lf_credit_indicator linear(const char *name, double weight, double best, double worst)
{
    lf_credit_indicator c = {.weight = weight, .kind = LF_CREDIT_LINEAR, .best = best,
                             .worst = worst};
    snprintf(c.name, sizeof c.name, "%s", name);
    return c;
}

static double score(const lf_credit_indicator *c, double raw)
{
    double s = -1;
    lf_error err;
    cr_assert_eq(lf_credit_score(c, raw, &s, &err), LF_OK, "%s", err.message);
    return s;
}

/* ---- scores ----------------------------------------------------------------------------- */

/* best 1, worst 0.5: 0.75 is half way (50), 0.9 is 80; beyond best 100, beyond worst 0. */
Test(score, linear_and_clamped)
{
    lf_credit_indicator c = linear("on_time_share", 1, 1.0, 0.5);
    near(score(&c, 0.75), 50, 1e-12, "half way");
    near(score(&c, 0.9), 80, 1e-12, "0.9");
    near(score(&c, 1.0), 100, 0, "at best");
    near(score(&c, 1.2), 100, 0, "beyond best clamps to 100");
    near(score(&c, 0.5), 0, 0, "at worst");
    near(score(&c, 0.4), 0, 0, "beyond worst clamps to 0");
}

/* best below worst (days late, best 0, worst 30): 6 days = 80, 24 days = 20. */
Test(score, linear_with_best_below_worst)
{
    lf_credit_indicator c = linear("mean_days_late", 1, 0, 30);
    near(score(&c, 6), 80, 1e-12, "6 days");
    near(score(&c, 24), 20, 1e-12, "24 days");
    near(score(&c, -1), 100, 0, "below best clamps to 100");
    near(score(&c, 45), 0, 0, "beyond worst clamps to 0");
    near(score(&c, INFINITY), 0, 0, "infinitely late");
}

Test(score, given_and_missing)
{
    lf_credit_indicator c = {.name = "industry_outlook", .weight = 1, .kind = LF_CREDIT_GIVEN};
    near(score(&c, 73), 73, 0, "given score");
    near(score(&c, 0), 0, 0, "given 0");
    near(score(&c, 100), 100, 0, "given 100");
    double s;
    lf_error err;
    cr_assert_eq(lf_credit_score(&c, 100.5, &s, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "'industry_outlook' is a score given as 100.5"), "%s",
              err.message);
    lf_credit_indicator l = linear("arrears_months", 1, 0, 3);
    cr_assert_eq(lf_credit_score(&l, NAN, &s, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "'arrears_months' has no value"), "%s", err.message);
}

/* ---- grades ------------------------------------------------------------------------------ */

static lf_credit_grade G[LF_CREDIT_NDEFAULT_GRADES];

static const char *grade(double total)
{
    lf_credit_default_grades(G);
    return G[lf_credit_grade_of(G, LF_CREDIT_NDEFAULT_GRADES, total)].name;
}

Test(grade, thresholds_are_inclusive)
{
    cr_assert_str_eq(grade(100), "AAA");
    cr_assert_str_eq(grade(90), "AAA");
    cr_assert_str_eq(grade(89.999), "AA");
    cr_assert_str_eq(grade(80), "AA");
    cr_assert_str_eq(grade(79.999), "A");
    cr_assert_str_eq(grade(60), "BBB");
    cr_assert_str_eq(grade(50), "BB");
    cr_assert_str_eq(grade(40), "B");
    cr_assert_str_eq(grade(39.999), "C");
    cr_assert_str_eq(grade(0), "C");
    /* the tolerance is 1e-9: exactly that far below still reaches, twice not */
    cr_assert_str_eq(grade(90 - 1e-9), "AAA");
    cr_assert_str_eq(grade(90 - 2e-9), "AA");
}

/* 100 (0.95 - 0.5) / 0.5 is 89.99999999999999 in double, 90 in exact
 * arithmetic: AAA, not AA.  So is six weights of 1/6 at 80 (79.99999999999999). */
Test(grade, rounding_below_a_threshold_keeps_the_grade)
{
    lf_credit_default_grades(G);
    lf_credit_indicator c = linear("on_time_share", 1, 1.0, 0.5);
    double raw = 0.95;
    lf_credit_rating r;
    lf_error err;
    cr_assert_eq(lf_credit_rate(&c, 1, &raw, G, LF_CREDIT_NDEFAULT_GRADES, &r, &err), LF_OK,
                 "%s", err.message);
    cr_assert(r.total < 90, "the premise: the double total is below 90 (%.17g)", r.total);
    cr_assert_str_eq(r.grade_name, "AAA");

    lf_credit_indicator six[6];
    double raws[6];
    for (int i = 0; i < 6; i++) {
        char name[16];
        snprintf(name, sizeof name, "x%d", i);
        six[i] = linear(name, 1.0 / 6, 100, 0);
        raws[i] = 80;
    }
    cr_assert_eq(lf_credit_rate(six, 6, raws, G, LF_CREDIT_NDEFAULT_GRADES, &r, &err), LF_OK,
                 "%s", err.message);
    cr_assert(r.total < 80, "the premise: %.17g", r.total);
    cr_assert_str_eq(r.grade_name, "AA");
}

Test(grade, good_fair_poor)
{
    lf_credit_grade g[] = {{"good", 80}, {"fair", 60}, {"poor", 0}};
    cr_assert_eq(lf_credit_check_grades(g, 3, NULL), LF_OK);
    cr_assert_eq(lf_credit_grade_of(g, 3, 80), 0);
    cr_assert_eq(lf_credit_grade_of(g, 3, 79.9), 1);
    cr_assert_eq(lf_credit_grade_of(g, 3, 59.9), 2);
}

Test(grade, bad_tables)
{
    lf_error err;
    lf_credit_grade up[] = {{"A", 50}, {"B", 70}, {"C", 0}};
    cr_assert_eq(lf_credit_check_grades(up, 3, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'B' starts at 70; thresholds must decrease"), "%s",
              err.message);
    lf_credit_grade gap[] = {{"A", 50}, {"B", 10}};
    cr_assert_eq(lf_credit_check_grades(gap, 2, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "lowest credit grade 'B' starts at 10"), "%s", err.message);
    lf_credit_grade twice[] = {{"A", 50}, {"A", 0}};
    cr_assert_eq(lf_credit_check_grades(twice, 2, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'A' is listed twice"), "%s", err.message);
    lf_credit_grade unnamed[] = {{"", 0}};
    cr_assert_eq(lf_credit_check_grades(unnamed, 1, &err), LF_ERR_ARG);
}

/* ---- a whole rating -------------------------------------------------------------------- */

/* Default indicators, raw on-time 0.9, 6 days late, 0.6 months of arrears, one
 * breach, CV 0.14, outlook 70:
 *   scores 80, 80, 80, 66.667, 100 (0.14 - 0.5) / (0.05 - 0.5) = 80, 70
 *   total 0.25x80 + 0.15x80 + 0.25x80 + 0.15x66.667 + 0.10x80 + 0.10x70
 *       = 20 + 12 + 20 + 10 + 8 + 7 = 77 -> A */
Test(rate, default_indicators_by_hand)
{
    lf_credit_indicator ind[LF_CREDIT_NDEFAULT];
    lf_credit_default_indicators(ind);
    lf_credit_default_grades(G);
    const double raw[LF_CREDIT_NDEFAULT] = {0.9, 6, 0.6, 1, 0.14, 70};
    lf_credit_rating r;
    lf_error err;
    cr_assert_eq(lf_credit_rate(ind, LF_CREDIT_NDEFAULT, raw, G, LF_CREDIT_NDEFAULT_GRADES, &r,
                                &err), LF_OK, "%s", err.message);
    const double s[] = {80, 80, 80, 200.0 / 3, 80, 70};
    for (int i = 0; i < LF_CREDIT_NDEFAULT; i++) {
        near(r.scores[i], s[i], 1e-9, ind[i].name);
        near(r.contributions[i], ind[i].weight * s[i], 1e-9, "contribution");
    }
    near(r.total, 77, 1e-9, "total");
    cr_assert_eq(r.grade, 2);
    cr_assert_str_eq(r.grade_name, "A");
}

Test(rate, weights_must_sum_to_one)
{
    lf_credit_indicator ind[2] = {linear("a", 0.5, 1, 0), linear("b", 0.49, 1, 0)};
    lf_error err;
    cr_assert_eq(lf_credit_check_indicators(ind, 2, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "weights sum to 0.99, not 1"), "%s", err.message);
    ind[1].weight = 0.5 + 5e-10;                            /* within 1e-9: accepted */
    cr_assert_eq(lf_credit_check_indicators(ind, 2, &err), LF_OK, "%s", err.message);
    ind[1].weight = 0.5 + 2e-9;                             /* beyond: rejected */
    cr_assert_eq(lf_credit_check_indicators(ind, 2, &err), LF_ERR_ARG);
    ind[1].weight = -0.5;
    cr_assert_eq(lf_credit_check_indicators(ind, 2, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'b' has weight -0.5"), "%s", err.message);
    ind[1] = linear("b", 0.5, 2, 2);
    cr_assert_eq(lf_credit_check_indicators(ind, 2, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'b' scores linearly from worst 2 to best 2"), "%s",
              err.message);
    ind[1] = linear("a", 0.5, 1, 0);
    cr_assert_eq(lf_credit_check_indicators(ind, 2, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'a' is listed twice"), "%s", err.message);
    ind[1] = linear("", 0.5, 1, 0);
    cr_assert_eq(lf_credit_check_indicators(ind, 2, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "indicator 2 has no name"), "%s", err.message);
}

Test(rate, missing_raw_value_names_the_indicator)
{
    lf_credit_indicator ind[LF_CREDIT_NDEFAULT];
    lf_credit_default_indicators(ind);
    lf_credit_default_grades(G);
    const double raw[LF_CREDIT_NDEFAULT] = {0.9, 6, 0.6, NAN, 0.14, 70};
    lf_credit_rating r;
    lf_error err;
    cr_assert_eq(lf_credit_rate(ind, LF_CREDIT_NDEFAULT, raw, G, LF_CREDIT_NDEFAULT_GRADES, &r,
                                &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "'breaches' has no value"), "%s", err.message);
}

/* Weights from the AHP 3 x 3 of test_ahp.c: 0.63699, 0.25828, 0.10473 (row
 * geometric means of [[1,3,5],[1/3,1,3],[1/5,1/3,1]]); scores 100, 50, 0 give
 * 63.699 + 12.914 = 76.613. An inconsistent matrix's weights are refused. */
Test(rate, weights_from_ahp)
{
    const double m[] = {1, 3, 5, 1.0 / 3, 1, 3, 1.0 / 5, 1.0 / 3, 1};
    lf_ahp_result ahp;
    lf_error err;
    cr_assert_eq(lf_ahp_weights_consistent(m, 3, &ahp, &err), LF_OK, "%s", err.message);
    lf_credit_indicator ind[3] = {linear("a", 0, 100, 0), linear("b", 0, 100, 0),
                                  linear("c", 0, 100, 0)};
    cr_assert_eq(lf_credit_set_weights(ind, 3, &ahp, &err), LF_OK, "%s", err.message);
    double g = cbrt(15), sum = g + 1 + 1 / g;
    near(ind[0].weight, g / sum, 1e-12, "w1");
    const double raw[] = {100, 50, 0};
    lf_credit_rating r;
    lf_credit_default_grades(G);
    cr_assert_eq(lf_credit_rate(ind, 3, raw, G, LF_CREDIT_NDEFAULT_GRADES, &r, &err), LF_OK,
                 "%s", err.message);
    near(r.total, 100 * g / sum + 50 / sum, 1e-9, "total");
    near(r.total, 76.61280689320046, 1e-9, "total (numbers)");
    cr_assert_str_eq(r.grade_name, "A");

    cr_assert_eq(lf_credit_set_weights(ind, 2, &ahp, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "for 3 indicators, not 2"), "%s", err.message);
    const double bad[] = {1, 3, 3, 1.0 / 3, 1, 3, 1.0 / 3, 1.0 / 3, 1};
    cr_assert_eq(lf_ahp_weights(bad, 3, &ahp, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_credit_set_weights(ind, 3, &ahp, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "CR = 0.1169 >= 0.1"), "%s", err.message);
}

/* ---- raw indicators from records --------------------------------------------------------- */

/* Evaluated 2025-07-01:
 *   due 01-15 paid 01-10  1000  on time (early)
 *   due 02-15 paid 02-15  1200  on time (on the due date)
 *   due 03-15 paid 03-20   900  5 days late
 *   due 04-15 paid 04-30  1100  15 days late
 *   due 05-15 unpaid      1000  unpaid: 47 days late at 07-01, outstanding
 *   due 06-05 paid 06-05   600  on time (a second bill in June)
 *   due 06-15 paid 07-05   800  paid after the evaluation: unpaid, 16 days late
 *   due 07-01 unpaid       700  due on the evaluation date: not assessed
 *   due 07-15 unpaid       500  not yet due: not assessed
 * Assessed 7, on time 3: share 3/7; late 4, mean (5 + 15 + 47 + 16) / 4 = 20.75;
 * outstanding 1000 + 800 = 1800; billed 6600 in 6 months (Jan..Jun): 1100 a
 * month; arrears 1800 / 1100 = 1.6363636.
 * Energy 100, 120, 80, 100, NaN, 100 MWh: 5 months, mean 100, population
 * sd sqrt(800 / 5) = 12.649: CV 0.1264911064067352 (numpy np.std / np.mean). */
static const lf_payment *bills(size_t *n)
{
    static lf_payment b[9];
    const lf_payment v[9] = {
        {D(2025, 1, 15), D(2025, 1, 10), 1000},    {D(2025, 2, 15), D(2025, 2, 15), 1200},
        {D(2025, 3, 15), D(2025, 3, 20), 900},     {D(2025, 4, 15), D(2025, 4, 30), 1100},
        {D(2025, 5, 15), LF_PAYMENT_UNPAID, 1000}, {D(2025, 6, 5), D(2025, 6, 5), 600},
        {D(2025, 6, 15), D(2025, 7, 5), 800},      {D(2025, 7, 1), LF_PAYMENT_UNPAID, 700},
        {D(2025, 7, 15), LF_PAYMENT_UNPAID, 500}};
    memcpy(b, v, sizeof v);
    *n = 9;
    return b;
}

static const double ENERGY[] = {100, 120, 80, 100, NAN, 100};

Test(raw, from_payment_records)
{
    size_t n;
    const lf_payment *b = bills(&n);
    lf_credit_raw r;
    lf_error err;
    cr_assert_eq(lf_credit_raw_from_records(b, n, ENERGY, 6, D(2025, 7, 1), &r, &err), LF_OK,
                 "%s", err.message);
    cr_assert_eq(r.bills_assessed, 7);
    cr_assert_eq(r.bills_late, 4);
    cr_assert_eq(r.bills_unpaid, 2);
    near(r.values[LF_CREDIT_ON_TIME_SHARE], 3.0 / 7, 1e-15, "on-time share");
    near(r.values[LF_CREDIT_MEAN_DAYS_LATE], 20.75, 1e-12, "mean days late");
    near(r.outstanding, 1800, 1e-9, "outstanding");
    near(r.mean_monthly_bill, 1100, 1e-9, "mean monthly bill");
    near(r.values[LF_CREDIT_ARREARS_MONTHS], 1800.0 / 1100, 1e-12, "arrears");
    cr_assert_eq(r.energy_months, 5);
    near(r.values[LF_CREDIT_ENERGY_CV], 0.1264911064067352, 1e-12, "CV");
    cr_assert(isnan(r.values[LF_CREDIT_BREACHES]), "breaches left to the caller");
    cr_assert(isnan(r.values[LF_CREDIT_INDUSTRY_OUTLOOK]), "outlook left to the caller");
}

/* Evaluated 2025-07-06 instead: the 06-15 bill is now paid (20 days late),
 * the 05-15 bill is 52 days late, the 07-01 bill is assessed and 5 days late.
 * Assessed 8, on time 3; late 5: (5 + 15 + 52 + 20 + 5) / 5 = 19.4;
 * outstanding 1000 + 700 = 1700; billed 7300 in 7 months: arrears
 * 1700 / (7300 / 7) = 1.6301369863. */
Test(raw, evaluation_date_moves_the_window)
{
    size_t n;
    const lf_payment *b = bills(&n);
    lf_credit_raw r;
    lf_error err;
    cr_assert_eq(lf_credit_raw_from_records(b, n, ENERGY, 6, D(2025, 7, 6), &r, &err), LF_OK,
                 "%s", err.message);
    cr_assert_eq(r.bills_assessed, 8);
    near(r.values[LF_CREDIT_ON_TIME_SHARE], 3.0 / 8, 1e-15, "on-time share");
    near(r.values[LF_CREDIT_MEAN_DAYS_LATE], 19.4, 1e-12, "mean days late");
    near(r.outstanding, 1700, 1e-9, "outstanding");
    near(r.values[LF_CREDIT_ARREARS_MONTHS], 1700 / (7300.0 / 7), 1e-12, "arrears");
}

Test(raw, all_on_time_and_nothing_assessed)
{
    lf_payment ok[] = {{D(2025, 1, 15), D(2025, 1, 15), 100}};
    double one[] = {50};
    lf_credit_raw r;
    lf_error err;
    cr_assert_eq(lf_credit_raw_from_records(ok, 1, one, 1, D(2025, 2, 1), &r, &err), LF_OK,
                 "%s", err.message);
    near(r.values[LF_CREDIT_ON_TIME_SHARE], 1, 0, "share");
    near(r.values[LF_CREDIT_MEAN_DAYS_LATE], 0, 0, "no late bill: 0 days");
    near(r.values[LF_CREDIT_ARREARS_MONTHS], 0, 0, "nothing owed");
    cr_assert(isnan(r.values[LF_CREDIT_ENERGY_CV]), "one month has no CV");
    cr_assert_eq(lf_credit_raw_from_records(ok, 1, NULL, 0, D(2025, 1, 15), &r, &err), LF_OK,
                 "%s", err.message);
    cr_assert_eq(r.bills_assessed, 0);
    cr_assert(isnan(r.values[LF_CREDIT_ON_TIME_SHARE]));
    cr_assert(isnan(r.values[LF_CREDIT_ARREARS_MONTHS]));
}

/* Bills in any order, evaluated 2025-06-20: the June bill due 06-25 is not
 * assessed, even though it comes first; the assessed ones fall in May and
 * June: 200 billed in 2 months = 100 a month. */
Test(raw, months_counted_from_assessed_bills_in_any_order)
{
    lf_payment b[] = {{D(2025, 6, 25), LF_PAYMENT_UNPAID, 900},
                      {D(2025, 6, 10), D(2025, 6, 10), 100},
                      {D(2025, 5, 10), D(2025, 5, 9), 100}};
    lf_credit_raw r;
    lf_error err;
    cr_assert_eq(lf_credit_raw_from_records(b, 3, NULL, 0, D(2025, 6, 20), &r, &err), LF_OK,
                 "%s", err.message);
    cr_assert_eq(r.bills_assessed, 2);
    near(r.mean_monthly_bill, 100, 1e-12, "mean monthly bill");
    near(r.outstanding, 0, 0, "the unassessed bill is not owed yet");
}

Test(raw, bad_records)
{
    lf_payment b[] = {{D(2025, 1, 15), D(2025, 1, 15), -5}};
    double e[] = {1, -1};
    lf_credit_raw r;
    lf_error err;
    cr_assert_eq(lf_credit_raw_from_records(b, 1, NULL, 0, D(2025, 2, 1), &r, &err),
                 LF_ERR_ARG);
    cr_assert(strstr(err.message, "bill 1 (due 2025-01-15) has amount -5"), "%s", err.message);
    b[0].amount = 5;
    b[0].paid = INT32_MAX;
    cr_assert_eq(lf_credit_raw_from_records(b, 1, NULL, 0, D(2025, 2, 1), &r, &err),
                 LF_ERR_ARG);
    cr_assert(strstr(err.message, "invalid paid date"), "%s", err.message);
    b[0].paid = LF_PAYMENT_UNPAID;
    cr_assert_eq(lf_credit_raw_from_records(b, 1, e, 2, D(2025, 2, 1), &r, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "monthly energy 2 is -1"), "%s", err.message);
}

/* The customer of from_payment_records with one breach and outlook 60, rated
 * on the default indicators:
 *   on-time 3/7 -> 0 (below worst 0.5); 20.75 days -> 100 (30 - 20.75) / 30 =
 *   30.8333; arrears 1.63636 -> 100 (3 - 1.63636) / 3 = 45.4545; 1 breach ->
 *   66.667; CV 0.126491 -> 100 (0.5 - 0.126491) / 0.45 = 83.00198; 60
 *   total 0.15x30.8333 + 0.25x45.4545 + 0.15x66.667 + 0.10x83.00198 + 0.10x60
 *       = 40.28883399904225 -> B -> ten-day billing, 2 cycles of deposit. */
Test(rate, from_records_to_settlement)
{
    size_t n;
    const lf_payment *b = bills(&n);
    lf_credit_raw raw;
    lf_error err;
    cr_assert_eq(lf_credit_raw_from_records(b, n, ENERGY, 6, D(2025, 7, 1), &raw, &err),
                 LF_OK, "%s", err.message);
    raw.values[LF_CREDIT_BREACHES] = 1;
    raw.values[LF_CREDIT_INDUSTRY_OUTLOOK] = 60;
    lf_credit_indicator ind[LF_CREDIT_NDEFAULT];
    lf_credit_default_indicators(ind);
    lf_credit_default_grades(G);
    lf_credit_rating r;
    cr_assert_eq(lf_credit_rate(ind, LF_CREDIT_NDEFAULT, raw.values, G,
                                LF_CREDIT_NDEFAULT_GRADES, &r, &err), LF_OK, "%s", err.message);
    near(r.scores[0], 0, 0, "on time clamps to 0");
    near(r.total, 40.28883399904225, 1e-9, "total");
    cr_assert_str_eq(r.grade_name, "B");

    lf_credit_settlement_rule rules[LF_CREDIT_NDEFAULT_SETTLEMENT];
    lf_credit_default_settlement(rules);
    lf_credit_settlement_advice a;
    cr_assert_eq(lf_credit_settlement(rules, LF_CREDIT_NDEFAULT_SETTLEMENT, r.grade_name, 3000,
                                      0.7, &a, &err), LF_OK, "%s", err.message);
    cr_assert_eq(a.cycle_days, 10);
    near(a.deposit, 3000.0 / 3 * 0.7 * 2, 1e-9, "1000 kWh x 0.7 x 2 = 1400");
}

/* ---- settlement ---------------------------------------------------------------------------- */

/* 300,000 kWh a month at 0.65 per kWh:
 *   BB  ten-day, 1 cycle:  100,000 kWh x 0.65 x 1 =  65,000
 *   B   ten-day, 2 cycles: 100,000 kWh x 0.65 x 2 = 130,000
 *   BBB monthly, 1 cycle:  300,000 kWh x 0.65 x 1 = 195,000
 *   AAA monthly, none:     0 */
Test(settlement, deposit_by_hand)
{
    lf_credit_settlement_rule rules[LF_CREDIT_NDEFAULT_SETTLEMENT];
    lf_credit_default_settlement(rules);
    const struct { const char *grade; int days; double kwh, deposit; } want[] = {
        {"BB", 10, 100000, 65000}, {"B", 10, 100000, 130000}, {"BBB", 30, 300000, 195000},
        {"AAA", 30, 300000, 0}, {"C", 10, 100000, 195000}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        lf_credit_settlement_advice a;
        lf_error err;
        cr_assert_eq(lf_credit_settlement(rules, LF_CREDIT_NDEFAULT_SETTLEMENT, want[i].grade,
                                          300000, 0.65, &a, &err), LF_OK, "%s", err.message);
        cr_assert_str_eq(a.grade, want[i].grade);
        cr_assert_eq(a.cycle_days, want[i].days, "%s", want[i].grade);
        near(a.cycle_kwh, want[i].kwh, 1e-6, want[i].grade);
        near(a.deposit, want[i].deposit, 1e-6, want[i].grade);
    }
}

/* A caller's own table: a 15-day cycle with 1.5 cycles, 60,000 kWh at 0.8:
 * 30,000 kWh x 0.8 x 1.5 = 36,000. */
Test(settlement, caller_table_and_errors)
{
    lf_credit_settlement_rule rules[] = {{"good", 30, 0}, {"poor", 15, 1.5}, {"poor", 10, 1}};
    lf_credit_settlement_advice a;
    lf_error err;
    cr_assert_eq(lf_credit_settlement(rules, 2, "poor", 60000, 0.8, &a, &err), LF_OK, "%s",
                 err.message);
    near(a.deposit, 36000, 1e-9, "deposit");
    cr_assert_eq(lf_credit_settlement(rules, 3, "poor", 60000, 0.8, &a, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'poor' has 2 settlement rules"), "%s", err.message);
    cr_assert_eq(lf_credit_settlement(rules, 2, "fair", 60000, 0.8, &a, &err), LF_ERR_NOTFOUND);
    cr_assert(strstr(err.message, "no settlement rule for credit grade 'fair'"), "%s",
              err.message);
    cr_assert_eq(lf_credit_settlement(rules, 2, "good", -1, 0.8, &a, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "monthly consumption is -1 kWh"), "%s", err.message);
    rules[0].cycle_days = 0;
    cr_assert_eq(lf_credit_settlement(rules, 2, "good", 1, 0.8, &a, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'good' has a 0-day cycle"), "%s", err.message);
}
