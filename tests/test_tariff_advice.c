/* test_tariff_advice.c - tariff advice (libforecast/planning/tariff_rank.c,
 * tariff_declared.c, tariff_shift.c, tariff_versions.c): rankings and
 * savings computed by hand, the declared demand against a brute-force scan
 * of every whole kW, quantiles turned into values, bills across tariff
 * versions. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scratch_file.h"
#include "libforecast.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

static void cents(double got, double want, const char *what)
{
    cr_assert(fabs(got - want) < 0.005, "%s: got %.4f, want %.2f", what, got, want);
}

/* Four tariffs: one rate 0.7; TOU (peak 08-12 at 1.0, valley 00-08 at 0.3,
 * the rest flat 0.6); two-part (energy 0.5, 20 per kVA or 30 per kW); one
 * for another class.  Then a tariff in two versions, 0.5 in 2025 and 0.4
 * from 2026, with a basic charge by demand of 10 and then 8 per kW. */
static const char *SET =
    "tariffs:\n"
    "  - id: flat_rate\n"
    "    eligible: {classes: [industry]}\n"
    "    energy: {kind: single, rate: 0.7}\n"
    "  - id: tou\n"
    "    eligible: {classes: [industry]}\n"
    "    energy:\n"
    "      kind: tou\n"
    "      rates: {peak: 1.0, flat: 0.6, valley: 0.3}\n"
    "      schedules:\n"
    "        - windows:\n"
    "            - {from: \"08:00\", to: \"12:00\", period: peak}\n"
    "            - {from: \"00:00\", to: \"08:00\", period: valley}\n"
    "  - id: two_part\n"
    "    eligible: {classes: [industry]}\n"
    "    energy: {kind: single, rate: 0.5}\n"
    "    basic: {capacity_rate: 20, demand_rate: 30}\n"
    "  - id: homes\n"
    "    eligible: {classes: [residential]}\n"
    "    energy: {kind: single, rate: 0.1}\n"
    "  - id: versioned\n"
    "    eligible: {classes: [other]}\n"
    "    effective: {from: 2025-01-01, to: 2025-12-31}\n"
    "    energy: {kind: single, rate: 0.5}\n"
    "    basic: {demand_rate: 10}\n"
    "  - id: versioned\n"
    "    eligible: {classes: [other]}\n"
    "    effective: {from: 2026-01-01}\n"
    "    energy: {kind: single, rate: 0.4}\n"
    "    basic: {demand_rate: 8}\n";

static lf_tariff_set *load_set(void)
{
    scratch s;
    scratch_write(&s, "tariffs.yaml", SET);
    lf_error err;
    lf_tariff_set *set = NULL;
    int rc = lf_tariff_set_load(s.path, &set, &err);
    scratch_remove(&s);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    return set;
}

static lf_tariff_account industry(void)
{
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    strcpy(a.customer_class, "industry");
    a.voltage_kv = 10;
    a.capacity_kva = 200;
    return a;
}

/* ndays of hourly load at kw from first. */
static lf_interval_load hourly(lf_date first, size_t ndays, double kw, double **buf)
{
    *buf = malloc(ndays * 24 * sizeof **buf);
    cr_assert_not_null(*buf);
    for (size_t i = 0; i < ndays * 24; i++)
        (*buf)[i] = kw;
    return (lf_interval_load){first, 60, ndays * 24, *buf};
}

/* ---- ranking ------------------------------------------------------------------------------ */

/* 100 kW through June 2025 (72,000 kWh):
 *   two_part by demand, declared in hindsight ceil(100 / 1.05) = 96 kW:
 *     36,000 + 96 x 30 = 38,880
 *   two_part by capacity: 36,000 + 200 x 20 = 40,000
 *   tou: a day 400 x 1.0 + 800 x 0.3 + 1,200 x 0.6 = 1,360; 30 days 40,800
 *   flat_rate: 72,000 x 0.7 = 50,400
 * homes is for another class. */
Test(rank, orders_every_eligible_option_and_saves_against_the_current)
{
    lf_tariff_set *set = load_set();
    lf_tariff_account a = industry();
    double *kw;
    lf_interval_load load = hourly(D(2025, 6, 1), 30, 100, &kw);
    lf_tariff_ranking *r = NULL;
    lf_error err;
    cr_assert_eq(lf_tariff_rank(set, &a, "flat_rate", &load, NULL, &r, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(r->n, 4);
    const char *ids[] = {"two_part", "two_part", "tou", "flat_rate"};
    double totals[] = {38880, 40000, 40800, 50400};
    for (size_t i = 0; i < 4; i++) {
        cr_assert_str_eq(r->options[i].tariff_id, ids[i]);
        cents(r->options[i].total, totals[i], ids[i]);
        cents(r->options[i].saving, 50400 - totals[i], "saving");
    }
    cr_assert_eq(r->options[0].basic, LF_BASIC_BY_DEMAND);
    cr_assert(r->options[0].declared_hindsight);
    cents(r->options[0].basic_charge, 2880, "declared 96 kW x 30");
    cr_assert_eq(r->options[1].basic, LF_BASIC_BY_CAPACITY);
    cr_assert_not(r->options[1].declared_hindsight);
    cr_assert_float_eq(r->options[2].peak_share, 400.0 / 2400.0, 1e-12);
    cr_assert_eq(r->current, 3);
    cr_assert_eq(r->nmonths, 1);
    cr_assert_eq(r->first_year, 2025);
    cr_assert_eq(r->first_month, 6);
    lf_tariff_ranking_free(r);
    free(kw);
    lf_tariff_set_free(set);
}

/* Declared 90 kW: the penalty starts at 94.5 kW, so 94.5 x 30 + 5.5 x 30 x 2
 * = 2,835 + 330; 36,000 + 3,165 = 39,165, not in hindsight. */
Test(rank, uses_the_accounts_declared_demand)
{
    lf_tariff_set *set = load_set();
    lf_tariff_account a = industry();
    a.declared_kw = 90;
    a.basic = LF_BASIC_BY_DEMAND;
    double *kw;
    lf_interval_load load = hourly(D(2025, 6, 1), 30, 100, &kw);
    lf_tariff_ranking *r = NULL;
    lf_error err;
    cr_assert_eq(lf_tariff_rank(set, &a, "two_part", &load, NULL, &r, &err), LF_OK, "%s",
                 err.message);
    const lf_tariff_option *o = &r->options[0];
    cr_assert_str_eq(o->tariff_id, "two_part");
    cr_assert_eq(o->basic, LF_BASIC_BY_DEMAND);
    cr_assert_not(o->declared_hindsight);
    cents(o->total, 39165, "two_part by declared 90 kW");
    cents(o->demand_penalty, 330, "penalty");
    cr_assert_eq(r->current, 0, "the current option is the account's own basic choice");
    cents(r->options[1].saving, 39165 - 40000, "capacity costs more");
    lf_tariff_ranking_free(r);
    free(kw);
    lf_tariff_set_free(set);
}

Test(rank, errors_name_what_is_wrong)
{
    lf_tariff_set *set = load_set();
    lf_tariff_account a = industry();
    double *kw;
    lf_interval_load load = hourly(D(2025, 6, 1), 30, 100, &kw);
    lf_tariff_ranking *r = NULL;
    lf_error err;
    cr_assert_eq(lf_tariff_rank(set, &a, "homes", &load, NULL, &r, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "the current tariff homes is not open to this account"),
              "%s", err.message);
    cr_assert_eq(lf_tariff_rank(set, &a, "nope", &load, NULL, &r, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "the current tariff nope is not in"), "%s", err.message);
    strcpy(a.customer_class, "farm");
    cr_assert_eq(lf_tariff_rank(set, &a, NULL, &load, NULL, &r, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "open to class 'farm' at 10 kV and 200 kVA"), "%s",
              err.message);
    cr_assert_null(r);
    free(kw);
    lf_tariff_set_free(set);
}

/* ---- versions --------------------------------------------------------------------------- */

/* 10 kW from 2025-12-15 to 2026-01-10, declared 50 kW in December and 20 in
 * January (floor 0.4 x 10 kVA):
 *   December 17 days x 240 kWh x 0.5 = 2,040; basic 50 x 10 x 17/31 = 274.19
 *   January  10 days x 240 kWh x 0.4 =   960; basic 20 x 8 x 10/31  =  51.61 */
Test(versions, each_month_under_the_version_in_force)
{
    lf_tariff_set *set = load_set();
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    strcpy(a.customer_class, "other");
    a.capacity_kva = 10;
    a.basic = LF_BASIC_BY_DEMAND;
    double declared[] = {50, 20};
    a.declared_kw_by_month = declared;
    double *kw;
    lf_interval_load load = hourly(D(2025, 12, 15), 27, 10, &kw);
    lf_bill *b = NULL;
    lf_error err;
    cr_assert_eq(lf_tariff_set_bill(set, "versioned", &a, &load, NULL, &b, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(b->nmonths, 2);
    cents(b->months[0].energy_charge, 2040, "December energy");
    cents(b->months[0].basic_charge, 274.19, "December basic");
    cents(b->months[1].energy_charge, 960, "January energy");
    cents(b->months[1].basic_charge, 51.61, "January basic");
    cents(b->total, 2040 + 274.19 + 960 + 51.61, "total");
    cr_assert_float_eq(b->kwh, 27 * 240.0, 1e-9);
    lf_bill_free(b);

    lf_interval_load early = hourly(D(2024, 12, 30), 3, 10, &(double *){NULL});
    cr_assert_eq(lf_tariff_set_bill(set, "versioned", &a, &early, NULL, &b, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "tariff versioned has no version in force on 2024-12-01"),
              "%s", err.message);
    cr_assert_null(b);
    free((void *)early.kw);
    free(kw);
    lf_tariff_set_free(set);
}

/* ---- declared demand ----------------------------------------------------------------------- */

static lf_tariff demand_tariff(double demand_rate, double capacity_rate)
{
    lf_tariff t;
    lf_tariff_init(&t);
    strcpy(t.id, "two_part");
    t.energy = LF_ENERGY_SINGLE;
    t.rate = 0.5;
    t.demand_rate = demand_rate;
    t.capacity_rate = capacity_rate;
    return t;
}

Test(declared, charge_by_hand)
{
    lf_tariff t = demand_tariff(40, 0);
    cr_assert_float_eq(lf_demand_charge(&t, 1000, 900), 40000, 1e-9);
    cr_assert_float_eq(lf_demand_charge(&t, 1000, 1050), 40000, 1e-9);
    cr_assert_float_eq(lf_demand_charge(&t, 1000, 1200), 40 * (1050 + 2 * 150), 1e-9);
}

/* Maximum demand 1,000, 1,100 or 1,200 kW, equally likely, rate 40:
 *   D = 1,048 (first whole kW >= 1,100 / 1.05): 41,920 + 41,920 + 40 x
 *     (1,100.4 + 2 x 99.6) = 51,984; mean 45,274.67
 *   D = 1,047: 41,880 + 40 x 1,100.65 + 40 x 1,300.65; mean 45,977.33
 *   D = 953: mean 47,356; D = 1,143: 45,720
 * By capacity: 2,000 kVA x 25 = 50,000. */
Test(declared, best_by_hand)
{
    lf_tariff t = demand_tariff(40, 25);
    double m[] = {1000, 1100, 1200};
    lf_declared_demand d;
    lf_error err;
    cr_assert_eq(lf_declared_demand_best(&t, 2000, m, NULL, 3, &d, &err), LF_OK, "%s",
                 err.message);
    cr_assert_float_eq(d.declared_kw, 1048, 1e-12);
    cr_assert_float_eq(d.expected_charge, 135824.0 / 3, 1e-6);
    cr_assert_float_eq(d.penalty_probability, 1.0 / 3, 1e-12);
    cr_assert_float_eq(d.floor_kw, 800, 1e-12);
    cr_assert_float_eq(d.cap_kw, 2000, 1e-12);
    cr_assert_float_eq(d.capacity_charge, 50000, 1e-9);
}

static double expected_by_scan(const lf_tariff *t, double d, const double *m, const double *w,
                               size_t n)
{
    double sum = 0, wsum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += (w ? w[i] : 1) * lf_demand_charge(t, d, m[i]);
        wsum += w ? w[i] : 1;
    }
    return sum / wsum;
}

/* Every whole kW from the floor to the cap, the lowest on ties. */
static void scan(const lf_tariff *t, double kva, const double *m, const double *w, size_t n,
                 double *best_d, double *best_cost)
{
    *best_d = NAN;
    *best_cost = INFINITY;
    for (double d = ceil(t->demand_floor_share * kva); d <= floor(kva); d++) {
        double c = expected_by_scan(t, d, m, w, n);
        if (c < *best_cost - 1e-9) {
            *best_cost = c;
            *best_d = d;
        }
    }
}

/* 600 random instances, among them capacities of 30 kVA where one kW below
 * a breakpoint can beat the breakpoint itself, and weighted values. */
Test(declared, equals_a_brute_force_scan)
{
    srand(7);
    const double kvas[] = {30, 500, 2000};
    for (int inst = 0; inst < 600; inst++) {
        double kva = kvas[inst % 3];
        lf_tariff t = demand_tariff(10 + rand() % 40, 0);
        t.demand_penalty_share = 1 + (rand() % 20) / 100.0;
        t.demand_penalty_factor = 1.5 + (rand() % 4) / 2.0;
        size_t n = 1 + (size_t)(rand() % 40);
        double m[40], w[40];
        for (size_t i = 0; i < n; i++) {
            m[i] = kva * 1.2 * rand() / RAND_MAX;
            w[i] = (rand() % 5);
        }
        w[0] = 1;
        const double *weights = inst % 2 ? w : NULL;
        lf_declared_demand got;
        lf_error err;
        cr_assert_eq(lf_declared_demand_best(&t, kva, m, weights, n, &got, &err), LF_OK,
                     "%s", err.message);
        double want_d, want_cost;
        scan(&t, kva, m, weights, n, &want_d, &want_cost);
        cr_assert(fabs(got.expected_charge - want_cost) < 1e-6 * want_cost,
                  "instance %d: expected charge %.6f, the scan finds %.6f at %g kW", inst,
                  got.expected_charge, want_cost, want_d);
        cr_assert_float_eq(got.declared_kw, want_d, 1e-12, "instance %d", inst);
    }
}

Test(declared, bad_input)
{
    lf_tariff t = demand_tariff(0, 25);
    double m[] = {100, -1};
    lf_declared_demand d;
    lf_error err;
    cr_assert_eq(lf_declared_demand_best(&t, 200, m, NULL, 1, &d, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "no basic charge by demand"), "%s", err.message);
    t.demand_rate = 30;
    cr_assert_eq(lf_declared_demand_best(&t, 200, m, NULL, 2, &d, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "maximum demand value 2 is -1"), "%s", err.message);
    cr_assert_eq(lf_declared_demand_best(&t, 0, m, NULL, 1, &d, &err), LF_ERR_ARG);
    double zero[] = {0};
    cr_assert_eq(lf_declared_demand_best(&t, 200, m, zero, 1, &d, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "all 0"), "%s", err.message);
}

/* P10 90, P50 100, P90 120: at 0.1, 0.3, 0.5, 0.7, 0.9 the values 90, 95,
 * 100, 110, 120; ten values reach 0.05 (90 - 25 x 0.05 = 88.75) and 0.95
 * (120 + 50 x 0.05 = 122.5) along the outer segments. */
Test(quantiles, to_values)
{
    double p[] = {0.1, 0.5, 0.9}, v[] = {90, 100, 120}, out[10];
    lf_error err;
    cr_assert_eq(lf_quantiles_to_values(p, v, 3, 5, out, &err), LF_OK, "%s", err.message);
    double five[] = {90, 95, 100, 110, 120};
    for (int i = 0; i < 5; i++)
        cr_assert_float_eq(out[i], five[i], 1e-9, "value %d", i);
    cr_assert_eq(lf_quantiles_to_values(p, v, 3, 10, out, &err), LF_OK);
    cr_assert_float_eq(out[0], 88.75, 1e-9);
    cr_assert_float_eq(out[9], 122.5, 1e-9);
    double low[] = {1, 100, 120};
    cr_assert_eq(lf_quantiles_to_values(p, low, 3, 10, out, &err), LF_OK);
    cr_assert_eq(out[0], 0, "never below 0");
    double bad_p[] = {0.5, 0.5, 0.9};
    cr_assert_eq(lf_quantiles_to_values(bad_p, v, 3, 10, out, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "probability 2 is 0.5"), "%s", err.message);
    double bad_v[] = {90, 80, 120};
    cr_assert_eq(lf_quantiles_to_values(p, bad_v, 3, 10, out, &err), LF_ERR_ARG);
}

/* ---- moving load out of the peak ------------------------------------------------------------ */

/* One Monday at 100 kW under tou: half of each peak hour (50 kW x 4 h = 200
 * kWh) goes to the 8 valley hours (+25 kW): 200 x (1.0 - 0.3) = 140 saved,
 * 700 a MWh; the valley now peaks at 125 kW.  At most 20 kW: 80 kWh, 56. */
Test(shift, saves_the_price_gap_on_the_energy_moved)
{
    lf_tariff_set *set = load_set();
    const lf_tariff *t = lf_tariff_set_find(set, "tou", D(2025, 6, 2));
    lf_tariff_account a = industry();
    double *kw;
    lf_interval_load load = hourly(D(2025, 6, 2), 1, 100, &kw);
    lf_shift_saving s;
    lf_error err;
    cr_assert_eq(lf_tou_shift_saving(t, &a, &load, NULL, 0.5, 0, &s, &err), LF_OK, "%s",
                 err.message);
    cr_assert_float_eq(s.kwh_moved, 200, 1e-9);
    cents(s.bill_before, 1360, "before");
    cents(s.bill_after, 1220, "after");
    cents(s.saving, 140, "saving");
    cr_assert_float_eq(s.saving_per_mwh, 700, 1e-9);
    cr_assert_float_eq(s.max_demand_after_kw, 125, 1e-9);
    cr_assert_eq(kw[9], 100, "the caller's load is not changed");

    cr_assert_eq(lf_tou_shift_saving(t, &a, &load, NULL, 0.5, 20, &s, &err), LF_OK);
    cr_assert_float_eq(s.kwh_moved, 80, 1e-9);
    cents(s.saving, 56, "saving at most 20 kW");

    const lf_tariff *flat = lf_tariff_set_find(set, "flat_rate", D(2025, 6, 2));
    cr_assert_eq(lf_tou_shift_saving(flat, &a, &load, NULL, 0.5, 0, &s, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "no time-of-use rates"), "%s", err.message);
    cr_assert_eq(lf_tou_shift_saving(t, &a, &load, NULL, 1.5, 0, &s, &err), LF_ERR_ARG);
    free(kw);
    lf_tariff_set_free(set);
}

/* ---- the declared-demand plan --------------------------------------------------------------- */

/* The hand case above; P10 of 1,000/1,100/1,200 is 1,020 (type 7), P90 1,180.
 * By capacity at 25: 50,000, so by demand saves 4,725.33; at 20 (40,000)
 * capacity is the cheaper. */
Test(plan, month_chooses_the_cheaper_basic_charge)
{
    lf_tariff t = demand_tariff(40, 25);
    double m[] = {1200, 1000, 1100};
    lf_declared_month p;
    lf_error err;
    cr_assert_eq(lf_declared_month_plan(&t, 2000, 2025, 7, m, 3, &p, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(p.year, 2025);
    cr_assert_eq(p.month, 7);
    cr_assert_eq(p.nvalues, 3);
    cr_assert_float_eq(p.max_kw_p10, 1020, 1e-9);
    cr_assert_float_eq(p.max_kw_p50, 1100, 1e-9);
    cr_assert_float_eq(p.max_kw_p90, 1180, 1e-9);
    cr_assert_float_eq(p.best.declared_kw, 1048, 1e-12);
    cr_assert_eq(p.choice, LF_BASIC_BY_DEMAND);
    cr_assert_float_eq(p.expected_charge, 135824.0 / 3, 1e-6);
    cr_assert_float_eq(p.saving, 50000 - 135824.0 / 3, 1e-6);

    t.capacity_rate = 20;
    cr_assert_eq(lf_declared_month_plan(&t, 2000, 2025, 7, m, 3, &p, &err), LF_OK);
    cr_assert_eq(p.choice, LF_BASIC_BY_CAPACITY);
    cr_assert_float_eq(p.expected_charge, 40000, 1e-9);
    cr_assert_float_eq(p.saving, 40000 - 135824.0 / 3, 1e-6);

    t.capacity_rate = 0;
    cr_assert_eq(lf_declared_month_plan(&t, 2000, 2025, 7, m, 3, &p, &err), LF_OK);
    cr_assert_eq(p.choice, LF_BASIC_BY_DEMAND);
    cr_assert(isnan(p.saving));
}

/* Hourly 100 kW through 2023 and 2024 with one 150 kW hour in March 2023
 * and one 200 kW hour in March 2024; for March 2025 at 10 % growth:
 * 150 x 1.1^2 = 181.5 and 200 x 1.1 = 220. */
Test(plan, history_takes_each_years_month_maximum_grown)
{
    double *kw;
    size_t days = (size_t)(D(2025, 1, 1) - D(2023, 1, 1));
    lf_interval_load load = hourly(D(2023, 1, 1), days, 100, &kw);
    kw[(D(2023, 3, 10) - D(2023, 1, 1)) * 24 + 12] = 150;
    kw[(D(2024, 3, 20) - D(2023, 1, 1)) * 24 + 7] = 200;
    double v[3];
    size_t n = 9;
    lf_error err;
    cr_assert_eq(lf_max_demand_history(&load, 2025, 3, 0.1, v, &n, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(n, 2);
    cr_assert_float_eq(v[0], 181.5, 1e-9);
    cr_assert_float_eq(v[1], 220, 1e-9);

    cr_assert_eq(lf_max_demand_history(&load, 2024, 3, 0.1, v, &n, &err), LF_OK);
    cr_assert_eq(n, 1, "only years before the plan's");
    cr_assert_float_eq(v[0], 165, 1e-9);

    lf_interval_load late = load; /* from 2023-03-05: March 2023 is not whole */
    late.first = D(2023, 3, 5);
    late.kw = kw + (D(2023, 3, 5) - D(2023, 1, 1)) * 24;
    late.n = load.n - (size_t)(D(2023, 3, 5) - D(2023, 1, 1)) * 24;
    cr_assert_eq(lf_max_demand_history(&late, 2025, 3, 0, v, &n, &err), LF_OK);
    cr_assert_eq(n, 1);
    cr_assert_float_eq(v[0], 200, 1e-9);
    cr_assert_eq(lf_max_demand_history(&load, 2025, 13, 0, v, &n, &err), LF_ERR_ARG);
    free(kw);
}

/* ---- a tariff change ------------------------------------------------------------------------ */

/* The proposal: one rate 0.77 (+10 %), TOU peak 1.2. */
static const char *NEW_SET =
    "tariffs:\n"
    "  - id: flat_rate\n"
    "    energy: {kind: single, rate: 0.77}\n"
    "  - id: tou\n"
    "    energy:\n"
    "      kind: tou\n"
    "      rates: {peak: 1.2, flat: 0.6, valley: 0.3}\n"
    "      schedules:\n"
    "        - windows:\n"
    "            - {from: \"08:00\", to: \"12:00\", period: peak}\n"
    "            - {from: \"00:00\", to: \"08:00\", period: valley}\n";

/* June 2025: A (industry, one rate, 100 kW, 72,000 kWh) 50,400 -> 55,440;
 * B (industry, TOU, 100 kW; 12,000 peak kWh) 40,800 -> 30 x (480 + 240 + 720)
 * = 43,200; C (shop, one rate, 50 kW) 25,200 -> 27,720.
 * industry: 144,000 kWh (share 0.8), 91,200 -> 98,640 (+7,440, +8.158 %),
 *   price 0.63333 -> 0.685, effect 0.8 x 0.051667 = 0.041333
 * shop: 36,000 kWh (0.2), price 0.7 -> 0.77, effect 0.014
 * total: 116,400 -> 126,360 (+9,960); average price 0.646667 -> 0.702, up
 *   0.055333 = 0.041333 + 0.014. */
Test(impact, revenue_by_customer_class_and_total)
{
    lf_tariff_set *old_set = load_set(), *new_set = NULL;
    scratch s;
    scratch_write(&s, "new.yaml", NEW_SET);
    lf_error err;
    int rc = lf_tariff_set_load(s.path, &new_set, &err);
    scratch_remove(&s);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    lf_tariff_account a = industry(), shop = industry();
    strcpy(shop.customer_class, "shop");
    double *k100, *k50;
    lf_interval_load l100 = hourly(D(2025, 6, 1), 30, 100, &k100);
    lf_interval_load l50 = hourly(D(2025, 6, 1), 30, 50, &k50);
    lf_impact_customer cs[] = {{"A", &a, &l100, "flat_rate", NULL},
                               {"B", &a, &l100, "tou", NULL},
                               {"C", &shop, &l50, "flat_rate", NULL}};
    lf_tariff_impact *im = NULL;
    cr_assert_eq(lf_tariff_change_impact(old_set, new_set, cs, 3, NULL, &im, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(im->ncustomers, 3);
    cents(im->customers[0].new_total, 55440, "A new");
    cents(im->customers[1].old_total, 40800, "B old");
    cents(im->customers[1].change, 2400, "B change");
    cr_assert_float_eq(im->customers[1].peak_kwh, 12000, 1e-9);
    cr_assert_float_eq(im->customers[2].change_pct, 10, 1e-9);
    /* a customer's row has a class's figures: A is 72,000 of 180,000 kWh (0.4),
     * its price 0.7 -> 0.77 */
    cr_assert_eq(im->customers[0].ncustomers, 1);
    cr_assert_float_eq(im->customers[0].kwh_share, 0.4, 1e-12);
    cr_assert_float_eq(im->customers[0].new_price, 0.77, 1e-12);
    cr_assert_float_eq(im->customers[0].price_effect, 0.4 * 0.07, 1e-12);
    cr_assert_float_eq(im->customers[1].peak_share, 12000.0 / 72000, 1e-12);
    cr_assert_eq(im->nclasses, 3);
    const lf_impact_class *ind = &im->classes[0], *sh = &im->classes[1], *tot = &im->classes[2];
    cr_assert_str_eq(ind->customer_class, "industry");
    cr_assert_str_eq(sh->customer_class, "shop");
    cr_assert_str_eq(tot->customer_class, "total");
    cr_assert_eq(ind->ncustomers, 2);
    cents(ind->change, 7440, "industry change");
    cr_assert_float_eq(ind->change_pct, 100 * 7440.0 / 91200, 1e-9);
    cr_assert_float_eq(ind->kwh_share, 0.8, 1e-12);
    cr_assert_float_eq(ind->peak_share, 12000.0 / 144000, 1e-12);
    cr_assert_float_eq(ind->price_effect, 0.8 * 7440.0 / 144000, 1e-12);
    cr_assert_float_eq(sh->price_effect, 0.2 * 0.07, 1e-12);
    cents(tot->old_total, 116400, "total old");
    cents(tot->new_total, 126360, "total new");
    cr_assert_float_eq(tot->new_price - tot->old_price, ind->price_effect + sh->price_effect,
                       1e-12);
    cr_assert_float_eq(tot->new_price - tot->old_price,
                       im->customers[0].price_effect + im->customers[1].price_effect +
                           im->customers[2].price_effect,
                       1e-12, "the customers' effects add up too");
    cr_assert_str_eq(ind->id, "industry");
    cr_assert_str_eq(tot->id, "total");
    cr_assert_eq(tot->ncustomers, 3);
    lf_tariff_impact_free(im);

    cs[1].new_tariff_id = "two_part"; /* not in the new table */
    cr_assert_eq(lf_tariff_change_impact(old_set, new_set, cs, 3, NULL, &im, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "customer B: no tariff two_part in"), "%s", err.message);
    cr_assert_null(im);
    free(k100);
    free(k50);
    lf_tariff_set_free(old_set);
    lf_tariff_set_free(new_set);
}

/* By id of a set: the same as by its one version; an id whose versions are
 * not time of use is refused by name. */
Test(shift, by_tariff_id_of_a_set)
{
    lf_tariff_set *set = load_set();
    lf_tariff_account a = industry();
    double *kw;
    lf_interval_load load = hourly(D(2025, 6, 2), 1, 100, &kw);
    lf_shift_saving s;
    lf_error err;
    cr_assert_eq(lf_tariff_set_shift_saving(set, "tou", &a, &load, NULL, 0.5, 0, &s, &err),
                 LF_OK, "%s", err.message);
    cr_assert_float_eq(s.kwh_moved, 200, 1e-9);
    cents(s.saving, 140, "saving");
    cr_assert_float_eq(s.max_demand_after_kw, 125, 1e-9);
    strcpy(a.customer_class, "other");
    a.capacity_kva = 10;
    a.declared_kw = 5;
    cr_assert_eq(lf_tariff_set_shift_saving(set, "versioned", &a, &load, NULL, 0.5, 0, &s,
                                            &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "tariff versioned has no time-of-use rates"), "%s",
              err.message);
    free(kw);
    lf_tariff_set_free(set);
}
