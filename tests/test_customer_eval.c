/* test_customer_eval.c - the whole customer evaluation (customer_eval.h:
 * libforecast/customers/evaluate.c, evaluate_credit.c, eval_write.c,
 * eval_write_json.c) on a set of six customers built in code: the window and
 * the evaluation date, the credit inputs taken from the records (the year of
 * payments ending on E, payments after E, arrears from before the records,
 * the fill-ins for short histories, the industry outlook's three sources), the
 * rating, AHP weights, the settlement deposit, segments and tiers, the ranks,
 * the alerts' end at E, and the five files written and read back.  Every
 * expected number is worked out by hand in the comment above its test, from
 * the set described here.
 *
 * The set: six months 2023-09 .. 2024-02 (index 0 .. 5), kWh and CNY a month:
 *   S1 large_industry 110 kV, steel, breaches 1, potential 500000 kWh
 *      energy 900k 1.1M 900k 1.1M 900k 1.1M, bills 0.5/kWh (450k 550k ...)
 *   H2 public 10 kV, health, protected
 *      energy 100k a month, bills 70k a month
 *   M3 commercial 10 kV, retail, industry_outlook 75 in its record,
 *      arrears 20000 from before its records, potential 200000 kWh
 *      energy 50k x 5 then 70k, bills 40k x 5 then 56k
 *   G4 general_industry 35 kV, electronics, breaches 2, potential 1000000 kWh
 *      energy 200k x 4 then 300k 300k, bills 120k x 4 then 180k 180k
 *   N5 general_industry 10 kV, food, new: arrears 7500, no payment at all
 *      energy only 2024-02 (30k); bills 2024-01 9k (a connection fee) and
 *      2024-02 21k
 *   R6 agriculture 0.38 kV, farming, arrears 5000, no payment, no bill at all
 *      energy 10k a month
 * Payments (due, paid, amount), the month's bill due on the 15th of the next:
 *   S1 2023-10-15 10-14 450k | 11-15 11-25 550k | 12-15 12-15 450k |
 *      2024-01-15 01-10 550k | 02-15 unpaid 450k | 03-15 unpaid 550k
 *   H2 2023-03-01 unpaid 70k | 2023-03-02 03-02 70k | then 2023-10-15 ..
 *      2024-02-15 each paid on the 10th, 70k
 *   M3 2023-10-15 10-20 40k | 11-15 11-15 | 12-15 12-01 | 2024-01-15 01-15 |
 *      02-15 02-15 (40k each) | 03-15 unpaid 56k
 *   G4 2023-10-15 11-14 120k | 11-15 12-15 120k | 12-15 unpaid 120k |
 *      2024-01-15 unpaid 120k | 02-15 paid 2024-03-05 180k
 * Spec: the defaults, with the outlook table {steel 40, retail 20,
 * electronics 70}, outlook_default 60, and alerts against the previous month
 * (previous_months 1; a six-month set has no last year to compare with).
 *
 * Under the default cost rule (0.60/kWh below 10 kV, 0.52 at 10, 0.47 at 35,
 * 0.44 at 110; 200 a month of service) over the six months:
 *        kWh        revenue    cost                         profit
 *   S1   6000000    3000000    2640000 + 1200 = 2641200     358800
 *   H2    600000     420000     312000 + 1200 =  313200     106800
 *   M3    320000     256000     166400 + 1200 =  167600      88400
 *   G4   1400000     840000     658000 + 1200 =  659200     180800
 *   N5     30000      30000      15600 +  200 =   15800      14200
 *   R6     60000          0      36000 + 1200 =   37200     -37200
 * Positive profit 749000.  Value (0.2 a + 0.5 b + 0.3 d): annual energy 12M,
 * 1.2M, 640k, 2.8M, 360k, 120k ranks b = 100, 60, 40, 80, 20, 0; potential
 * 0 0 0 200k 500k 1M (ranks 4, 5, 6 of 6) gives d = 60 (M3), 80 (S1), 100
 * (G4), and 0 to those without; nature 100, 60, 70, 80, 80, 50.  V: S1 20+50+24 = 94 high; H2 12+30 = 42 medium; M3 14+20+18 = 52
 * medium; G4 16+40+30 = 86 high; N5 16+10 = 26 low; R6 10 low. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch_file.h"
#include "libforecast.h"
#include "libforecast/csv.h"
#include "libforecast/customer_eval.h"
#include "libforecast/peakshift.h"

#define NC 6
#define NM 6
#define NP 32
#define U LF_PAYMENT_UNPAID

enum { S1, H2, M3, G4, N5, R6 };
enum { RESTRICTED, GENERAL, COMMERCIAL, PRIORITY };
enum { HIGH, MEDIUM, LOW };
enum { GOOD, FAIR, POOR };

typedef struct fixture {
    lf_customer_set set;
    lf_customer c[NC];
    double energy[NC * NM], bill[NC * NM];
    lf_payment pay[NP];
    size_t start[NC + 1];
} fixture;

static fixture F;

static lf_date D(int y, int m, int d)
{
    return lf_date_from_ymd(y, m, d);
}

static lf_customer *customer(size_t i, const char *id, const char *name, const char *cls,
                             const char *industry, double kv)
{
    lf_customer *c = &F.c[i];
    snprintf(c->id, sizeof c->id, "%s", id);
    snprintf(c->name, sizeof c->name, "%s", name);
    snprintf(c->class_name, sizeof c->class_name, "%s", cls);
    snprintf(c->industry, sizeof c->industry, "%s", industry);
    c->voltage_kv = kv;
    c->capacity_kva = 1000;
    c->correction = 1;
    c->industry_outlook = NAN;
    return c;
}

static void months(size_t i, const double *kwh, const double *cny)
{
    for (size_t m = 0; m < NM; m++) {
        F.energy[i * NM + m] = kwh[m];
        F.bill[i * NM + m] = cny[m];
    }
}

/* Payments are added customer by customer, in due-date order. */
static void pay(size_t i, lf_date due, lf_date paid, double amount)
{
    size_t k = F.set.npayments++;
    cr_assert(k < NP);
    F.pay[k] = (lf_payment){due, paid, amount};
    for (size_t j = i + 1; j <= NC; j++)
        F.start[j] = F.set.npayments;
}

static void build(void)
{
    memset(&F, 0, sizeof F);
    F.set.n = NC;
    F.set.customers = F.c;
    F.set.first_month = D(2023, 9, 1);
    F.set.nmonths = NM;
    F.set.energy_kwh = F.energy;
    F.set.bill = F.bill;
    F.set.payments = F.pay;
    F.set.payment_start = F.start;

    lf_customer *c = customer(S1, "S1", "Steel works", "large_industry", "steel", 110);
    c->breaches = 1;
    c->potential_kwh = 500000;
    c->capacity_kva = 50000;
    months(S1, (double[]){900e3, 1100e3, 900e3, 1100e3, 900e3, 1100e3},
           (double[]){450e3, 550e3, 450e3, 550e3, 450e3, 550e3});
    c = customer(H2, "H2", "City hospital", "public", "health", 10);
    c->is_protected = 1;
    months(H2, (double[]){100e3, 100e3, 100e3, 100e3, 100e3, 100e3},
           (double[]){70e3, 70e3, 70e3, 70e3, 70e3, 70e3});
    c = customer(M3, "M3", "Mall, east gate", "commercial", "retail", 10);
    c->industry_outlook = 75;
    c->arrears = 20000;
    c->potential_kwh = 200000;
    months(M3, (double[]){50e3, 50e3, 50e3, 50e3, 50e3, 70e3},
           (double[]){40e3, 40e3, 40e3, 40e3, 40e3, 56e3});
    c = customer(G4, "G4", "Chip plant", "general_industry", "electronics", 35);
    c->breaches = 2;
    c->potential_kwh = 1000000;
    months(G4, (double[]){200e3, 200e3, 200e3, 200e3, 300e3, 300e3},
           (double[]){120e3, 120e3, 120e3, 120e3, 180e3, 180e3});
    c = customer(N5, "N5", "New bakery", "general_industry", "food", 10);
    c->arrears = 7500;
    months(N5, (double[]){NAN, NAN, NAN, NAN, NAN, 30e3},
           (double[]){NAN, NAN, NAN, NAN, 9e3, 21e3});
    c = customer(R6, "R6", "Farm pumps", "agriculture", "farming", 0.38);
    c->arrears = 5000;
    months(R6, (double[]){10e3, 10e3, 10e3, 10e3, 10e3, 10e3},
           (double[]){NAN, NAN, NAN, NAN, NAN, NAN});

    pay(S1, D(2023, 10, 15), D(2023, 10, 14), 450e3);
    pay(S1, D(2023, 11, 15), D(2023, 11, 25), 550e3);
    pay(S1, D(2023, 12, 15), D(2023, 12, 15), 450e3);
    pay(S1, D(2024, 1, 15), D(2024, 1, 10), 550e3);
    pay(S1, D(2024, 2, 15), U, 450e3);
    pay(S1, D(2024, 3, 15), U, 550e3);
    pay(H2, D(2023, 3, 1), U, 70e3);
    pay(H2, D(2023, 3, 2), D(2023, 3, 2), 70e3);
    for (int m = 10; m <= 14; m++) { /* 2023-10 .. 2024-02 */
        int y = m > 12 ? 2024 : 2023, mm = m > 12 ? m - 12 : m;
        pay(H2, D(y, mm, 15), D(y, mm, 10), 70e3);
    }
    pay(M3, D(2023, 10, 15), D(2023, 10, 20), 40e3);
    pay(M3, D(2023, 11, 15), D(2023, 11, 15), 40e3);
    pay(M3, D(2023, 12, 15), D(2023, 12, 1), 40e3);
    pay(M3, D(2024, 1, 15), D(2024, 1, 15), 40e3);
    pay(M3, D(2024, 2, 15), D(2024, 2, 15), 40e3);
    pay(M3, D(2024, 3, 15), U, 56e3);
    pay(G4, D(2023, 10, 15), D(2023, 11, 14), 120e3);
    pay(G4, D(2023, 11, 15), D(2023, 12, 15), 120e3);
    pay(G4, D(2023, 12, 15), U, 120e3);
    pay(G4, D(2024, 1, 15), U, 120e3);
    pay(G4, D(2024, 2, 15), D(2024, 3, 5), 180e3);
}

static void outlook(lf_customer_eval_spec *s, const char *industry, double score)
{
    lf_outlook_score *o = &s->outlook[s->noutlook++];
    snprintf(o->industry, sizeof o->industry, "%s", industry);
    o->score = score;
}

static void spec_main(lf_customer_eval_spec *s)
{
    lf_customer_eval_spec_init(s);
    outlook(s, "steel", 40);
    outlook(s, "retail", 20);
    outlook(s, "electronics", 70);
    s->outlook_default = 60;
    s->alerts.baseline = LF_ALERT_PREVIOUS;
    s->alerts.previous_months = 1;
}

static lf_customer_eval *evaluate(const lf_customer_eval_spec *s, const double *expected)
{
    lf_customer_eval *ev = NULL;
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(lf_customer_evaluate(&F.set, expected, s, &ev, &err), LF_OK, "%s",
                 err.message);
    cr_assert_not_null(ev);
    return ev;
}

/* The main set under the main spec, evaluated as of back-dated E (0: default). */
static lf_customer_eval *evaluate_main(lf_date E)
{
    build();
    lf_customer_eval_spec s;
    spec_main(&s);
    if (E) {
        s.has_evaluated = 1;
        s.evaluated = E;
    }
    return evaluate(&s, NULL);
}

/* Fails with code; the message contains each of the NULL-terminated parts. */
static void expect_failure(const lf_customer_eval_spec *s, int code, const char *const *parts)
{
    lf_customer_eval *ev = (lf_customer_eval *)&F; /* must come back NULL */
    lf_error err;
    lf_error_clear(&err);
    int rc = lf_customer_evaluate(&F.set, NULL, s, &ev, &err);
    cr_assert_eq(rc, code, "status %d, want %d: %s", rc, code, err.message);
    cr_assert_eq(err.code, code);
    cr_assert_null(ev, "no evaluation on error");
    for (size_t k = 0; parts[k]; k++)
        cr_assert(strstr(err.message, parts[k]), "'%s' not in: %s", parts[k], err.message);
}

static void near(double got, double want, double tol, const char *what)
{
    cr_assert(fabs(got - want) <= tol, "%s: got %.17g, want %.17g", what, got, want);
}

/* ---- the window ------------------------------------------------------------------------ */

/* Default E: the last day of 2024-02, a leap February: 2024-02-29.  The
 * 12-month window is clipped at the set's start: months 0 .. 5 (first 0,
 * count 6); S1's profit covers all six months (6 months, 6000000 kWh). */
Test(window, default_date_is_the_last_day_and_the_window_is_clipped)
{
    lf_customer_eval *ev = evaluate_main(0);
    cr_assert_eq(ev->evaluated, D(2024, 2, 29), "evaluated %d", (int)ev->evaluated);
    cr_assert_eq(ev->window_first, 0);
    cr_assert_eq(ev->window_count, 6);
    cr_assert_eq(ev->n, NC);
    cr_assert_eq(ev->results[S1].profit.months, 6);
    near(ev->results[S1].profit.kwh, 6e6, 0, "S1 kWh");
    lf_customer_eval_free(ev);
}

/* window_months 3, default E: months 3 .. 5 (2023-12 .. 2024-02); S1 kWh
 * 1.1M + 0.9M + 1.1M = 3.1M, revenue 550k + 450k + 550k = 1.55M.
 * E = 2023-11-15 with 12 months: the window ends with November (index 2) and
 * is clipped at the start: months 0 .. 2, S1 kWh 0.9M + 1.1M + 0.9M = 2.9M. */
Test(window, window_months_and_a_back_dated_date)
{
    build();
    lf_customer_eval_spec s;
    spec_main(&s);
    s.window_months = 3;
    lf_customer_eval *ev = evaluate(&s, NULL);
    cr_assert_eq(ev->evaluated, D(2024, 2, 29));
    cr_assert_eq(ev->window_first, 3);
    cr_assert_eq(ev->window_count, 3);
    cr_assert_eq(ev->results[S1].profit.months, 3);
    near(ev->results[S1].profit.kwh, 3.1e6, 0, "S1 kWh over 3 months");
    near(ev->results[S1].profit.revenue, 1.55e6, 0, "S1 revenue over 3 months");
    lf_customer_eval_free(ev);

    spec_main(&s);
    s.has_evaluated = 1;
    s.evaluated = D(2023, 11, 15);
    ev = evaluate(&s, NULL);
    cr_assert_eq(ev->evaluated, D(2023, 11, 15));
    cr_assert_eq(ev->window_first, 0);
    cr_assert_eq(ev->window_count, 3);
    near(ev->results[S1].profit.kwh, 2.9e6, 0, "S1 kWh to November");
    lf_customer_eval_free(ev);
}

/* The records span 2023-09-01 .. 2024-02-29: the day after and the day
 * before are outside, an error naming the date and the span. */
Test(window, a_date_outside_the_records_is_an_error)
{
    build();
    lf_customer_eval_spec s;
    spec_main(&s);
    s.has_evaluated = 1;
    s.evaluated = D(2024, 3, 1);
    expect_failure(&s, LF_ERR_ARG,
                   (const char *const[]){"the evaluation date 2024-03-01 is outside the "
                                         "monthly records (2023-09-01 .. 2024-02-29)", NULL});
    s.evaluated = D(2023, 8, 31);
    expect_failure(&s, LF_ERR_ARG, (const char *const[]){"2023-08-31 is outside", NULL});
    /* both ends are inside */
    s.evaluated = D(2023, 9, 1);
    lf_customer_eval_free(evaluate(&s, NULL));
}

/* No monthly records (nmonths 0), built in code and read from
 * tests/fixtures/customer_eval/customers.csv without a monthly file: an
 * error naming the set (the file). */
Test(window, a_set_without_monthly_records_is_an_error)
{
    build();
    F.set.nmonths = 0;
    F.set.first_month = 0;
    F.set.energy_kwh = F.set.bill = NULL;
    lf_customer_eval_spec s;
    spec_main(&s);
    expect_failure(&s, LF_ERR_DATA, (const char *const[]){"the set has no monthly records",
                                                          NULL});

    const char *path = "tests/fixtures/customer_eval/customers.csv";
    lf_customer_set *set = NULL;
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(lf_customers_load(path, NULL, NULL, &set, &err), LF_OK, "%s", err.message);
    cr_assert_eq(set->n, 2);
    cr_assert_eq(set->nmonths, 0);
    lf_customer_eval *ev = (lf_customer_eval *)set;
    cr_assert_eq(lf_customer_evaluate(set, NULL, &s, &ev, &err), LF_ERR_DATA);
    cr_assert_null(ev);
    cr_assert(strstr(err.message, path) && strstr(err.message, "no monthly records"), "%s",
              err.message);
    lf_customer_set_free(set);
}

/* ---- credit inputs --------------------------------------------------------------------- */

/* E = 2024-02-29, E - 365 = 2023-03-01: the year is due dates in
 * (2023-03-01, 2024-02-29].
 * H2: the bill due 2023-03-01 (unpaid) is out, the one due 2023-03-02 is in:
 *   assessed 6 (03-02 and 10-15 .. 02-15), all on time, none unpaid;
 *   on_time_share 1, mean_days_late 0, arrears 0.  (With 03-01 in: 7
 *   assessed, one unpaid 365 days late, on_time_share 6/7.)
 * S1: the bill due 2024-03-15 is after E, out: assessed 5 (10-15 .. 02-15);
 *   late: 11-15 paid 10 days late, 02-15 unpaid, E - due = 14 days;
 *   on_time_share 3/5 = 0.6, mean_days_late (10 + 14) / 2 = 12;
 *   outstanding 450000; mean monthly bill (450 + 550 + 450 + 550 + 450)k / 5
 *   months = 490000; arrears_months 450000 / 490000 = 45/49; breaches 1;
 *   energy_cv: mean 1M, population sd 0.1M: 0.1. */
Test(credit, payments_due_in_the_year_ending_on_E)
{
    cr_assert_eq(D(2024, 2, 29) - 365, D(2023, 3, 1));
    lf_customer_eval *ev = evaluate_main(0);
    const lf_customer_result *h = &ev->results[H2];
    cr_assert_eq(h->raw.bills_assessed, 6, "H2 assessed %zu", h->raw.bills_assessed);
    cr_assert_eq(h->raw.bills_unpaid, 0);
    near(h->credit_inputs[LF_CREDIT_ON_TIME_SHARE], 1, 0, "H2 on time");
    near(h->credit_inputs[LF_CREDIT_ARREARS_MONTHS], 0, 0, "H2 arrears");
    near(h->raw.mean_monthly_bill, 70e3, 1e-9, "H2 mean bill");
    cr_assert_not(h->no_payment_history);

    const lf_customer_result *r = &ev->results[S1];
    cr_assert_eq(r->raw.bills_assessed, 5);
    cr_assert_eq(r->raw.bills_late, 2);
    cr_assert_eq(r->raw.bills_unpaid, 1);
    near(r->raw.outstanding, 450e3, 1e-9, "S1 outstanding");
    near(r->raw.mean_monthly_bill, 490e3, 1e-9, "S1 mean bill");
    const double *in = r->credit_inputs;
    near(in[LF_CREDIT_ON_TIME_SHARE], 0.6, 1e-15, "S1 on time");
    near(in[LF_CREDIT_MEAN_DAYS_LATE], 12, 1e-12, "S1 days late");
    near(in[LF_CREDIT_ARREARS_MONTHS], 45.0 / 49, 1e-15, "S1 arrears months");
    near(in[LF_CREDIT_BREACHES], 1, 0, "S1 breaches");
    near(in[LF_CREDIT_ENERGY_CV], 0.1, 1e-12, "S1 energy cv");
    cr_assert_not(r->no_payment_history);
    cr_assert_not(r->no_energy_history);
    lf_customer_eval_free(ev);
}

/* G4 as of 2024-02-29: the bill due 02-15 was paid on 2024-03-05, after E,
 * so it is unpaid as of E, 14 days late.  Days late: 30 (10-15 -> 11-14),
 * 30 (11-15 -> 12-15), 76 (12-15 -> E: 16 + 31 + 29), 45 (01-15 -> E:
 * 16 + 29), 14; mean 195 / 5 = 39.  Unpaid 3, outstanding 120k + 120k + 180k
 * = 420000; mean bill 660000 / 5 = 132000; arrears_months 420/132 = 35/11.
 * (Counted as paid: 2 unpaid, 240000, mean days late 40.) */
Test(credit, a_payment_after_E_is_unpaid)
{
    lf_customer_eval *ev = evaluate_main(0);
    const lf_customer_result *r = &ev->results[G4];
    cr_assert_eq(r->raw.bills_assessed, 5);
    cr_assert_eq(r->raw.bills_late, 5);
    cr_assert_eq(r->raw.bills_unpaid, 3);
    near(r->raw.outstanding, 420e3, 1e-9, "G4 outstanding");
    near(r->credit_inputs[LF_CREDIT_ON_TIME_SHARE], 0, 0, "G4 on time");
    near(r->credit_inputs[LF_CREDIT_MEAN_DAYS_LATE], 39, 1e-12, "G4 days late");
    near(r->credit_inputs[LF_CREDIT_ARREARS_MONTHS], 35.0 / 11, 1e-12, "G4 arrears months");
    lf_customer_eval_free(ev);
}

/* M3 paid every assessed bill (nothing outstanding in the records) but owes
 * 20000 from before them: arrears_months (0 + 20000) / its mean monthly bill
 * 200000 / 5 = 40000 -> 0.5.  One bill paid 5 days late: on_time_share 4/5,
 * mean_days_late 5. */
Test(credit, arrears_before_the_records_count_in_months_of_the_mean_bill)
{
    lf_customer_eval *ev = evaluate_main(0);
    const lf_customer_result *r = &ev->results[M3];
    cr_assert_eq(r->raw.bills_assessed, 5);
    cr_assert_eq(r->raw.bills_unpaid, 0);
    near(r->raw.mean_monthly_bill, 40e3, 1e-9, "M3 mean bill");
    near(r->credit_inputs[LF_CREDIT_ARREARS_MONTHS], 0.5, 1e-15, "M3 arrears months");
    near(r->credit_inputs[LF_CREDIT_ON_TIME_SHARE], 0.8, 1e-15, "M3 on time");
    near(r->credit_inputs[LF_CREDIT_MEAN_DAYS_LATE], 5, 1e-12, "M3 days late");
    cr_assert_not(r->no_payment_history);
    lf_customer_eval_free(ev);
}

/* N5 and R6 have no payment at all: no_payment_history, on_time_share 1,
 * mean_days_late 0, and the raw payment values NaN (before the fill-ins).
 * N5's arrears 7500 in months of its window mean bill: bills 9000 (January,
 * a month without energy) and 21000 -> mean 15000 -> 0.5 (its total bill
 * 30000 would give 0.25).  R6 has no bill in the window at all: its 5000 of
 * arrears score as the worst, 0 points (the input is infinite).  With no
 * arrears and no bill, arrears_months is 0 (R6 with arrears 0). */
Test(credit, no_payment_history)
{
    lf_customer_eval *ev = evaluate_main(0);
    for (size_t i = N5; i <= R6; i++) {
        const lf_customer_result *r = &ev->results[i];
        cr_assert(r->no_payment_history, "customer %zu", i);
        cr_assert_eq(r->raw.bills_assessed, 0);
        cr_assert(isnan(r->raw.values[LF_CREDIT_ON_TIME_SHARE]), "raw stays NaN");
        near(r->credit_inputs[LF_CREDIT_ON_TIME_SHARE], 1, 0, "on time");
        near(r->credit_inputs[LF_CREDIT_MEAN_DAYS_LATE], 0, 0, "days late");
        near(r->credit.scores[LF_CREDIT_ON_TIME_SHARE], 100, 0, "on-time score");
        near(r->credit.scores[LF_CREDIT_MEAN_DAYS_LATE], 100, 0, "days-late score");
    }
    near(ev->results[N5].credit_inputs[LF_CREDIT_ARREARS_MONTHS], 0.5, 1e-15, "N5 arrears");
    near(ev->results[N5].credit.scores[LF_CREDIT_ARREARS_MONTHS], 250.0 / 3, 1e-9,
         "N5 arrears score");
    cr_assert(isinf(ev->results[R6].credit_inputs[LF_CREDIT_ARREARS_MONTHS]),
              "R6 owes with no bill: %g",
              ev->results[R6].credit_inputs[LF_CREDIT_ARREARS_MONTHS]);
    near(ev->results[R6].credit.scores[LF_CREDIT_ARREARS_MONTHS], 0, 0, "R6 arrears score");
    lf_customer_eval_free(ev);

    build();
    F.c[R6].arrears = 0;
    lf_customer_eval_spec s;
    spec_main(&s);
    ev = evaluate(&s, NULL);
    near(ev->results[R6].credit_inputs[LF_CREDIT_ARREARS_MONTHS], 0, 0, "R6 without arrears");
    near(ev->results[R6].credit.scores[LF_CREDIT_ARREARS_MONTHS], 100, 0, "its score");
    lf_customer_eval_free(ev);
}

/* N5 has energy in one month of the window: no_energy_history, energy_cv the
 * indicator's best (0.05; 0.2 when the spec says so), scoring 100; its raw
 * value stays NaN.  Back-dated to 2024-01-31 it has no month at all: the
 * same.  G4 has six: cv = sqrt(2)/7 (100k units 2 2 2 2 3 3: mean 7/3,
 * population variance 2/9), not flagged. */
Test(credit, no_energy_history)
{
    lf_customer_eval *ev = evaluate_main(0);
    const lf_customer_result *r = &ev->results[N5];
    cr_assert(r->no_energy_history);
    cr_assert_eq(r->raw.energy_months, 1);
    cr_assert(isnan(r->raw.values[LF_CREDIT_ENERGY_CV]));
    near(r->credit_inputs[LF_CREDIT_ENERGY_CV], 0.05, 0, "N5 cv");
    near(r->credit.scores[LF_CREDIT_ENERGY_CV], 100, 0, "N5 cv score");
    cr_assert_not(ev->results[G4].no_energy_history);
    near(ev->results[G4].credit_inputs[LF_CREDIT_ENERGY_CV], sqrt(2) / 7, 1e-15, "G4 cv");
    lf_customer_eval_free(ev);

    build();
    lf_customer_eval_spec s;
    spec_main(&s);
    s.indicators[LF_CREDIT_ENERGY_CV].best = 0.2;
    s.has_evaluated = 1;
    s.evaluated = D(2024, 1, 31);
    ev = evaluate(&s, NULL);
    cr_assert(ev->results[N5].no_energy_history);
    cr_assert_eq(ev->results[N5].raw.energy_months, 0);
    near(ev->results[N5].credit_inputs[LF_CREDIT_ENERGY_CV], 0.2, 0, "the spec's best");
    lf_customer_eval_free(ev);
}

/* M3's record says 75 (the table's retail 20 is not used); S1 steel 40 and
 * G4 electronics 70 from the table; H2 health, N5 food, R6 farming are not
 * in the table: the default 60.  The raw outlook stays NaN.  The table is
 * matched ignoring case: G4 as "ELECTRONICS" still gets 70. */
Test(credit, industry_outlook_from_record_table_or_default)
{
    lf_customer_eval *ev = evaluate_main(0);
    const double want[NC] = {40, 60, 75, 70, 60, 60};
    for (size_t i = 0; i < NC; i++) {
        near(ev->results[i].credit_inputs[LF_CREDIT_INDUSTRY_OUTLOOK], want[i], 0,
             F.c[i].id);
        near(ev->results[i].credit.scores[LF_CREDIT_INDUSTRY_OUTLOOK], want[i], 0, "score");
        cr_assert(isnan(ev->results[i].raw.values[LF_CREDIT_INDUSTRY_OUTLOOK]));
    }
    lf_customer_eval_free(ev);

    build();
    snprintf(F.c[G4].industry, sizeof F.c[G4].industry, "ELECTRONICS");
    lf_customer_eval_spec s;
    spec_main(&s);
    ev = evaluate(&s, NULL);
    near(ev->results[G4].credit_inputs[LF_CREDIT_INDUSTRY_OUTLOOK], 70, 0, "G4 in capitals");
    lf_customer_eval_free(ev);
}

/* Without a default, H2 (health, first in the set's order without an
 * outlook) is an error naming it, its industry and the two ways to give one. */
Test(credit, a_customer_without_an_outlook_is_an_error)
{
    build();
    lf_customer_eval_spec s;
    spec_main(&s);
    s.outlook_default = NAN;
    expect_failure(&s, LF_ERR_DATA,
                   (const char *const[]){"customer H2 (industry 'health') has no industry "
                                         "outlook", "industry_outlook column",
                                         "outlook table by industry", NULL});
}

/* Scores (linear 100 (raw - worst) / (best - worst), clamped) and totals
 * under the default weights 0.25 0.15 0.25 0.15 0.10 0.10:
 *   S1: on time 0.6 -> 20; days 12 -> 60; arrears 45/49 -> 3400/49; breaches
 *       1 -> 200/3; cv 0.1 -> 800/9; outlook 40.
 *       total 5 + 9 + 850/49 + 10 + 80/9 + 4 = 23918/441 = 54.2358276643991 BB
 *   M3: on time 0.8 -> 60; days 5 -> 250/3; arrears 0.5 -> 250/3; breaches 0
 *       -> 100; cv sqrt(5)/16 (10k units 5 5 5 5 5 7: mean 16/3, variance
 *       5/9) -> 100 (0.5 - sqrt(5)/16) / 0.45 = 80.05461142361402; outlook 75.
 *       total 15 + 12.5 + 20.8333 + 15 + 8.005461142 + 7.5 = 78.83879447569473 A
 *   H2: all 100 but the outlook 60: 96 AAA
 *   G4: 0, 0 (39 days), 0 (35/11 months), 100/3, 100 (0.5 - sqrt(2)/7) / 0.45,
 *       70: 5 + 6.621544246 + 7 = 18.62154424643462 C
 *   N5: 100, 100, 250/3, 100, 100, 60: 71 + 250/12 = 551/6 = 91.8333 AAA
 *   R6: 100, 100, 0, 100, 100 (cv 0), 60: 71 A */
Test(credit, rating_total_and_grade_by_hand)
{
    lf_customer_eval *ev = evaluate_main(0);
    near(ev->results[S1].credit.total, 23918.0 / 441, 1e-9, "S1 total");
    near(ev->results[M3].credit.total, 78.83879447569473, 1e-9, "M3 total");
    near(ev->results[H2].credit.total, 96, 1e-9, "H2 total");
    near(ev->results[G4].credit.total, 18.62154424643462, 1e-9, "G4 total");
    near(ev->results[N5].credit.total, 551.0 / 6, 1e-9, "N5 total");
    near(ev->results[R6].credit.total, 71, 1e-9, "R6 total");
    const char *grade[NC] = {"BB", "AAA", "A", "C", "AAA", "A"};
    for (size_t i = 0; i < NC; i++)
        cr_assert_str_eq(ev->results[i].credit.grade_name, grade[i], "customer %s", F.c[i].id);
    near(ev->results[S1].credit.scores[LF_CREDIT_ARREARS_MONTHS], 3400.0 / 49, 1e-9,
         "S1 arrears score");
    near(ev->results[M3].credit.scores[LF_CREDIT_ENERGY_CV], 80.05461142361402, 1e-9,
         "M3 cv score");
    cr_assert_not(ev->used_ahp);
    const double w[] = {0.25, 0.15, 0.25, 0.15, 0.10, 0.10};
    for (size_t k = 0; k < LF_CREDIT_NDEFAULT; k++)
        near(ev->weights[k], w[k], 0, "default weight");
    lf_customer_eval_free(ev);
}

/* ---- AHP --------------------------------------------------------------------------------- */

/* a_ij = w_i / w_j with w = 8 4 4 2 1 1: perfectly consistent (CR 0), weights
 * 0.4 0.2 0.2 0.1 0.05 0.05 (a pure-Python power iteration gives the same).
 * S1's total with them: 0.4 x 20 + 0.2 x 60 + 0.2 x 3400/49 + 0.1 x 200/3 +
 * 0.05 x 800/9 + 0.05 x 40 = 22 + 680/49 + 20/3 + 40/9 = 46.98866213151927: B
 * (BB under the default weights). */
static void ahp_matrix(double *m, int inconsistent)
{
    const double w[LF_CREDIT_NDEFAULT] = {8, 4, 4, 2, 1, 1};
    for (size_t i = 0; i < LF_CREDIT_NDEFAULT; i++)
        for (size_t j = 0; j < LF_CREDIT_NDEFAULT; j++)
            m[i * LF_CREDIT_NDEFAULT + j] = w[i] / w[j];
    if (inconsistent) { /* a_16 reversed: 1/8 for 8 */
        m[5] = 1.0 / 8;
        m[5 * LF_CREDIT_NDEFAULT] = 8;
    }
}

Test(ahp, a_consistent_matrix_gives_the_weights)
{
    build();
    lf_customer_eval_spec s;
    spec_main(&s);
    s.use_ahp = 1;
    ahp_matrix(s.ahp_matrix, 0);
    lf_ahp_result ahp;
    lf_error err;
    cr_assert_eq(lf_ahp_weights(s.ahp_matrix, LF_CREDIT_NDEFAULT, &ahp, &err), LF_OK, "%s",
                 err.message);
    lf_customer_eval *ev = evaluate(&s, NULL);
    cr_assert(ev->used_ahp);
    cr_assert_eq(ev->ahp.n, LF_CREDIT_NDEFAULT);
    cr_assert(ev->ahp.cr < 1e-9, "CR %g", ev->ahp.cr);
    const double w[] = {0.4, 0.2, 0.2, 0.1, 0.05, 0.05};
    for (size_t k = 0; k < LF_CREDIT_NDEFAULT; k++) {
        near(ev->weights[k], ahp.weights[k], 0, "weight as lf_ahp_weights gives it");
        near(ev->weights[k], w[k], 1e-12, "weight by hand");
    }
    near(ev->results[S1].credit.total, 46.98866213151927, 1e-9, "S1 total under AHP");
    cr_assert_str_eq(ev->results[S1].credit.grade_name, "B");
    lf_customer_eval_free(ev);
}

/* a_16 reversed: lambda_max 9.03728, CI 0.60746, CR 0.60746 / 1.24 = 0.4899
 * (pure-Python power iteration): rejected, the message led by "credit
 * weights: " and carrying the CR. */
Test(ahp, an_inconsistent_matrix_fails_with_its_cr)
{
    build();
    lf_customer_eval_spec s;
    spec_main(&s);
    s.use_ahp = 1;
    ahp_matrix(s.ahp_matrix, 1);
    lf_ahp_result ahp;
    cr_assert_eq(lf_ahp_weights(s.ahp_matrix, LF_CREDIT_NDEFAULT, &ahp, NULL), LF_OK);
    near(ahp.cr, 0.48988441709192365, 1e-9, "CR");
    char cr[32];
    snprintf(cr, sizeof cr, "CR = %.4f", ahp.cr);
    cr_assert_str_eq(cr, "CR = 0.4899");
    lf_customer_eval *ev = (lf_customer_eval *)&F;
    lf_error err;
    cr_assert_eq(lf_customer_evaluate(&F.set, NULL, &s, &ev, &err), LF_ERR_ARG);
    cr_assert_null(ev);
    cr_assert(strncmp(err.message, "credit weights: ", 16) == 0, "%s", err.message);
    cr_assert(strstr(err.message, cr), "%s", err.message);
}

/* ---- settlement -------------------------------------------------------------------------- */

/* Default table, default E, no expected values: the window's mean month.
 *   S1 BB (ten-day, 1 cycle): monthly 6M / 6 = 1M, price 3M / 6M = 0.5,
 *      cycle 1M x 10/30 = 333333.33 kWh, deposit x 0.5 x 1 = 166666.67
 *   G4 C (ten-day, 3 cycles): monthly 1.4M / 6 = 233333.33, price 840k /
 *      1.4M = 0.6, cycle 77777.78, deposit x 0.6 x 3 = 140000
 *   H2 AAA (monthly, none): monthly 100000, price 0.7, deposit 0
 *   N5: monthly 30000 (its one month), price 30000 / 30000 = 1 (January's bill
 *      counts without energy); R6: price 0 (no bill), deposit 0 */
Test(settlement, deposit_on_the_window_mean_month)
{
    lf_customer_eval *ev = evaluate_main(0);
    const lf_customer_result *r = &ev->results[S1];
    near(r->monthly_kwh, 1e6, 1e-6, "S1 monthly");
    near(r->price_per_kwh, 0.5, 1e-15, "S1 price");
    cr_assert_eq(r->settlement.cycle_days, 10);
    near(r->settlement.deposit_cycles, 1, 0, "S1 cycles");
    near(r->settlement.cycle_kwh, 1e6 / 3, 1e-6, "S1 cycle kWh");
    near(r->settlement.deposit, 5e5 / 3, 1e-6, "S1 deposit");
    r = &ev->results[G4];
    near(r->monthly_kwh, 1.4e6 / 6, 1e-6, "G4 monthly");
    near(r->price_per_kwh, 0.6, 1e-15, "G4 price");
    cr_assert_eq(r->settlement.cycle_days, 10);
    near(r->settlement.deposit_cycles, 3, 0, "G4 cycles");
    near(r->settlement.deposit, 140000, 1e-6, "G4 deposit");
    r = &ev->results[H2];
    near(r->monthly_kwh, 1e5, 1e-9, "H2 monthly");
    near(r->price_per_kwh, 0.7, 1e-15, "H2 price");
    cr_assert_eq(r->settlement.cycle_days, 30);
    near(r->settlement.deposit, 0, 0, "H2 deposit");
    near(ev->results[N5].monthly_kwh, 30e3, 0, "N5 monthly");
    near(ev->results[N5].price_per_kwh, 1, 0, "N5 price");
    near(ev->results[R6].price_per_kwh, 0, 0, "R6 price");
    near(ev->results[R6].settlement.deposit, 0, 0, "R6 deposit");
    lf_customer_eval_free(ev);
}

/* Every grade settles every 15 days with 1.5 cycles: deposit = monthly x
 * 15/30 x price x 1.5 = 0.75 x monthly x price.  Expected values: S1 1.2M
 * and R6 12000 in 2024-02, nothing else.
 * E = 2024-01-31 (window 2023-09 .. 2024-01):
 *   S1: the month after E is 2024-02, expected 1.2M; price 2.45M / 4.9M =
 *       0.5; deposit 0.75 x 1.2M x 0.5 = 450000
 *   G4: no expected value: window mean 1.1M / 5 = 220000; price 660k / 1.1M
 *       = 0.6; deposit 0.75 x 220000 x 0.6 = 99000
 *   R6: 12000 expected, price 0: deposit 0
 *   N5: no energy in the window: monthly 0, price 0 (its 9000 of bills have
 *       no kWh to divide), deposit 0
 * E = 2024-02-29: no month after E in the set, so S1 takes its window mean
 * 1M (not 2024-02's 1.2M): deposit 0.75 x 1M x 0.5 = 375000. */
Test(settlement, deposit_on_the_expected_month_after_E)
{
    build();
    lf_customer_eval_spec s;
    spec_main(&s);
    for (size_t g = 0; g < s.nsettlement; g++) {
        s.settlement[g].cycle_days = 15;
        s.settlement[g].deposit_cycles = 1.5;
    }
    double expected[NC * NM];
    for (size_t k = 0; k < NC * NM; k++)
        expected[k] = NAN;
    expected[S1 * NM + 5] = 1.2e6;
    expected[R6 * NM + 5] = 12e3;
    s.has_evaluated = 1;
    s.evaluated = D(2024, 1, 31);
    lf_customer_eval *ev = evaluate(&s, expected);
    near(ev->results[S1].monthly_kwh, 1.2e6, 0, "S1 expected month");
    near(ev->results[S1].price_per_kwh, 0.5, 1e-15, "S1 price");
    near(ev->results[S1].settlement.cycle_kwh, 6e5, 1e-9, "S1 cycle kWh");
    near(ev->results[S1].settlement.deposit, 450000, 1e-6, "S1 deposit");
    near(ev->results[G4].monthly_kwh, 220000, 1e-9, "G4 window mean");
    near(ev->results[G4].price_per_kwh, 0.6, 1e-15, "G4 price");
    near(ev->results[G4].settlement.deposit, 99000, 1e-6, "G4 deposit");
    near(ev->results[N5].monthly_kwh, 0, 0, "N5 without energy");
    near(ev->results[N5].price_per_kwh, 0, 0, "N5 price without energy");
    near(ev->results[N5].settlement.deposit, 0, 0, "N5 deposit");
    near(ev->results[R6].monthly_kwh, 12e3, 0, "R6 expected month");
    near(ev->results[R6].settlement.deposit, 0, 0, "R6 deposit");
    lf_customer_eval_free(ev);

    s.has_evaluated = 0;
    ev = evaluate(&s, expected);
    near(ev->results[S1].monthly_kwh, 1e6, 1e-6, "S1 window mean at the set's end");
    near(ev->results[S1].settlement.deposit, 375000, 1e-6, "S1 deposit");
    lf_customer_eval_free(ev);
}

/* ---- segments, tiers, ranks -------------------------------------------------------------- */

/* Levels (see the top): S1 high, H2 medium, M3 medium, G4 high, N5 low, R6
 * low.  Groups of the grades: S1 BB fair, H2 AAA good, M3 A good, G4 C poor,
 * N5 AAA good, R6 A good.  Cells: S1 key-watch/premium, H2 and M3
 * growth/enhanced, G4 key-risk/standard, N5 and R6 basic/basic.  Tiers, by
 * the first matching default rule: S1 steel -> restricted (rule 1), H2
 * protected -> none (-1, rule = nrules 5), M3 commercial (rule 3), G4 poor ->
 * restricted (rule 0), N5 and R6 general (rule 4). */
Test(segment, segment_and_tier_follow_value_level_and_grade)
{
    lf_customer_eval *ev = evaluate_main(0);
    const size_t level[NC] = {HIGH, MEDIUM, MEDIUM, HIGH, LOW, LOW};
    const size_t group[NC] = {FAIR, GOOD, GOOD, POOR, GOOD, GOOD};
    const char *cell[NC][2] = {{"key-watch", "premium"}, {"growth", "enhanced"},
                               {"growth", "enhanced"},   {"key-risk", "standard"},
                               {"basic", "basic"},       {"basic", "basic"}};
    const int tier[NC] = {RESTRICTED, -1, COMMERCIAL, RESTRICTED, GENERAL, GENERAL};
    const size_t rule[NC] = {1, 5, 3, 0, 4, 4};
    for (size_t i = 0; i < NC; i++) {
        const lf_customer_result *r = &ev->results[i];
        cr_assert_eq(r->value.level, level[i], "%s value level %zu", F.c[i].id, r->value.level);
        cr_assert_eq(r->segment.level, r->value.level, "%s: segment level", F.c[i].id);
        cr_assert_eq(r->segment.group, group[i], "%s: group %zu", F.c[i].id, r->segment.group);
        cr_assert_str_eq(r->segment.segment, cell[i][0], "%s", F.c[i].id);
        cr_assert_str_eq(r->segment.service, cell[i][1], "%s", F.c[i].id);
        cr_assert_eq(r->segment.tier, tier[i], "%s: tier %d", F.c[i].id, r->segment.tier);
        cr_assert_eq(r->segment.rule, rule[i], "%s: rule %zu", F.c[i].id, r->segment.rule);
    }
    near(ev->results[S1].value.value, 94, 1e-9, "S1 V");
    near(ev->results[M3].value.value, 52, 1e-9, "M3 V");
    lf_customer_eval_free(ev);
}

/* Profits 358800 (S1), 106800 (H2), 88400 (M3), 180800 (G4), 14200 (N5),
 * -37200 (R6); positive total 749000.  Ranks: S1 1, G4 2, H2 3, M3 4, N5 5,
 * R6 6.  S(k): 358800/749000 = 0.4790387183, 539600/749000, 646400/749000,
 * 734800/749000, 1, then 711800/749000 (R6's loss brings it down).  ABC
 * (0.80, 0.95 on S(k-1)): S1 A (0), G4 A (0.479), H2 A (0.720), M3 B (0.863),
 * N5 C (0.981), R6 C (a loss).  Key accounts: S1 and G4 ">=35kV; pareto", H2
 * "pareto" (the same ranking at 0.80), the others none. */
Test(segment, ranks_and_profit_share_from_the_pareto_curve)
{
    lf_customer_eval *ev = evaluate_main(0);
    const size_t rank[NC] = {1, 3, 4, 2, 5, 6};
    const double share[NC] = {358800.0 / 749000, 646400.0 / 749000, 734800.0 / 749000,
                              539600.0 / 749000, 1, 711800.0 / 749000};
    const lf_abc_class abc[NC] = {LF_ABC_A, LF_ABC_A, LF_ABC_B, LF_ABC_A, LF_ABC_C, LF_ABC_C};
    const char *reason[NC] = {">=35kV; pareto", "pareto", "", ">=35kV; pareto", "", ""};
    for (size_t i = 0; i < NC; i++) {
        const lf_customer_result *r = &ev->results[i];
        cr_assert_eq(r->rank, rank[i], "%s rank %zu", F.c[i].id, r->rank);
        near(r->profit_share, share[i], 1e-15, F.c[i].id);
        cr_assert_eq(r->abc, abc[i], "%s abc", F.c[i].id);
        cr_assert_str_eq(r->key.reason, reason[i], "%s", F.c[i].id);
        cr_assert_eq(r->key.is_key, reason[i][0] != '\0');
        const lf_pareto_point *p = &ev->pareto[rank[i] - 1];
        cr_assert_eq(p->customer, i, "pareto point %zu is customer %zu", rank[i], p->customer);
        cr_assert_eq(p->rank, rank[i]);
    }
    near(ev->results[S1].profit.profit, 358800, 1e-6, "S1 profit");
    near(ev->results[R6].profit.profit, -37200, 1e-6, "R6 profit");
    lf_customer_eval_free(ev);
}

/* The segment matrix's rows are the value levels by name and order: a value
 * level renamed "mid" (the matrix still says medium), or two levels against
 * three rows, is an error; renamed in both, the evaluation runs and H2 and
 * M3 sit in the row "mid". */
Test(segment, segment_levels_must_equal_value_levels)
{
    build();
    lf_customer_eval_spec s;
    spec_main(&s);
    snprintf(s.value.levels[MEDIUM].name, sizeof s.value.levels[MEDIUM].name, "mid");
    const char *const msg[] = {"the segment matrix must have one row per value level", NULL};
    expect_failure(&s, LF_ERR_ARG, msg);

    spec_main(&s);
    s.value.nlevels = 2;
    s.value.levels[1] = s.value.levels[2]; /* high 70, low 0 */
    expect_failure(&s, LF_ERR_ARG, msg);

    spec_main(&s);
    snprintf(s.value.levels[MEDIUM].name, sizeof s.value.levels[MEDIUM].name, "mid");
    snprintf(s.segment.levels[MEDIUM], sizeof s.segment.levels[MEDIUM], "mid");
    lf_customer_eval *ev = evaluate(&s, NULL);
    cr_assert_eq(ev->results[H2].segment.level, MEDIUM);
    cr_assert_eq(ev->results[M3].segment.level, MEDIUM);
    cr_assert_str_eq(ev->results[M3].segment.segment, "growth");
    lf_customer_eval_free(ev);
}

/* Nine levels on both sides (the maximum is 8): an error, found without
 * reading past either array of levels (the ASan+UBSan build checks the
 * bounds of levels[8]). */
Test(segment, more_levels_than_the_maximum_are_an_error)
{
    build();
    lf_customer_eval_spec s;
    spec_main(&s);
    s.value.nlevels = LF_VALUE_LEVELS_MAX + 1;
    s.segment.nlevels = LF_VALUE_LEVELS_MAX + 1;
    lf_customer_eval *ev = (lf_customer_eval *)&F;
    lf_error err;
    cr_assert_eq(lf_customer_evaluate(&F.set, NULL, &s, &ev, &err), LF_ERR_ARG, "%s",
                 err.message);
    cr_assert_null(ev);
}

/* ---- alerts ------------------------------------------------------------------------------- */

/* Against the previous month, 30 %, one recent month.
 * Default E (2024-02): M3 70000 against 50000, +40 %: the one alert (S1 1.1M
 *   against 0.9M is +22 %, G4 300k against 300k 0, N5 has no January).  z:
 *   4 earlier changes < min_history 6: NaN.
 * E = 2024-01-31: the recent month is January: G4 300000 against 200000,
 *   +50 %, the one alert; M3's February is not looked at. */
Test(alerts, alerts_end_with_the_evaluation_month)
{
    lf_customer_eval *ev = evaluate_main(0);
    cr_assert_eq(ev->nalerts, 1, "%zu alerts", ev->nalerts);
    const lf_usage_alert *a = &ev->alerts[0];
    cr_assert_eq(a->customer, M3);
    cr_assert_eq(a->month, D(2024, 2, 1));
    near(a->actual, 70e3, 0, "actual");
    near(a->expected, 50e3, 0, "expected");
    near(a->change, 20e3, 0, "change");
    near(a->change_pct, 0.4, 1e-15, "change pct");
    cr_assert(isnan(a->z));
    lf_customer_eval_free(ev);

    ev = evaluate_main(D(2024, 1, 31));
    cr_assert_eq(ev->nalerts, 1, "%zu alerts", ev->nalerts);
    a = &ev->alerts[0];
    cr_assert_eq(a->customer, G4, "alert for customer %zu", a->customer);
    cr_assert_eq(a->month, D(2024, 1, 1));
    near(a->change_pct, 0.5, 1e-15, "G4 change pct");
    lf_customer_eval_free(ev);
}

/* ---- writers ------------------------------------------------------------------------------ */

#define MAXF 64

typedef struct csv_row {
    size_t n;
    char names[MAXF][32];
    char values[MAXF][128];
} csv_row;

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void expect_header(const char *path, const char *header)
{
    const char *text = slurp(path);
    size_t n = strlen(header);
    cr_assert(strncmp(text, header, n) == 0 && text[n] == '\n', "header of %s:\n%.*s", path,
              (int)(strchr(text, '\n') ? strchr(text, '\n') - text : 0), text);
}

/* Rows of a CSV file read back with the library's reader, each as wide as
 * the header; the row whose column key is value goes to out (may be NULL).
 * Returns the number of rows.  The reader is closed before any check fails. */
static size_t read_rows(const char *path, const char *key, const char *value, csv_row *out)
{
    lf_error err;
    lf_error_clear(&err);
    lf_csv *csv = lf_csv_open(path, ',', &err);
    cr_assert_not_null(csv, "%s", err.message);
    int rc = lf_csv_read_header(csv, &err), has_row = 0;
    long k = key && rc == LF_OK ? lf_csv_find(csv, key) : -1;
    size_t rows = 0, found = 0;
    while (rc == LF_OK && (rc = lf_csv_next(csv, &has_row, &err)) == LF_OK && has_row) {
        rows++;
        if ((rc = lf_csv_check_width(csv, &err)) != LF_OK)
            break;
        if (!out || k < 0 || strcmp(lf_csv_field(csv, (size_t)k), value) != 0)
            continue;
        found++;
        out->n = lf_csv_nfields(csv) < MAXF ? lf_csv_nfields(csv) : MAXF;
        for (size_t i = 0; i < out->n; i++) {
            snprintf(out->names[i], sizeof out->names[i], "%s", lf_csv_header_name(csv, i));
            snprintf(out->values[i], sizeof out->values[i], "%s", lf_csv_field(csv, i));
        }
    }
    lf_csv_close(csv);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    cr_assert(!out || found == 1, "%zu rows with %s %s in %s", found, key, value, path);
    return rows;
}

static const char *field(const csv_row *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->names[i], name) == 0)
            return r->values[i];
    cr_assert_fail("no column %s", name);
    return NULL;
}

static void text_is(const csv_row *r, const char *name, const char *want)
{
    cr_assert_str_eq(field(r, name), want, "column %s", name);
}

/* A number as written (10 significant digits), within a relative 1e-9. */
static void number_is(const csv_row *r, const char *name, double want)
{
    const char *s = field(r, name);
    char *end;
    double x = strtod(s, &end);
    cr_assert(s[0] && *end == '\0', "column %s: '%s' is not a number", name, s);
    cr_assert(fabs(x - want) <= 1e-9 * fmax(1, fabs(want)), "column %s: %s, want %.17g", name,
              s, want);
}

typedef struct out_dir {
    char dir[32];
    char path[5][64];
} out_dir;

enum { CUSTOMERS, PARETO, ALERTS, TIERS, JSON };

static void out_dir_make(out_dir *o)
{
    static const char *const names[] = {"customers.csv", "pareto.csv", "alerts.csv",
                                        "tiers.csv", "customers.json"};
    strcpy(o->dir, "/tmp/lf_XXXXXX");
    cr_assert_not_null(mkdtemp(o->dir));
    for (size_t k = 0; k < 5; k++)
        snprintf(o->path[k], sizeof o->path[k], "%s/%s", o->dir, names[k]);
}

typedef int writer_fn(const char *, const lf_customer_set *, const lf_customer_eval *,
                      const lf_customer_eval_spec *, lf_error *);

static writer_fn *const WRITERS[5] = {
    lf_customer_eval_write_customers, lf_customer_eval_write_pareto,
    lf_customer_eval_write_alerts, lf_customer_eval_write_tiers, lf_customer_eval_write_json};

/* What a writer test makes, freed and removed after it even when it fails. */
static out_dir O;
static lf_customer_eval *EV;
static lf_customer_eval_spec SPEC;

static void writers_fini(void)
{
    lf_customer_eval_free(EV);
    EV = NULL;
    if (O.dir[0])
        scratch_remove_dir(O.dir);
    O.dir[0] = '\0';
}

TestSuite(writers, .fini = writers_fini);

/* The main evaluation (default E) into EV, a directory O, and file k in it. */
static void write_main(size_t k)
{
    build();
    spec_main(&SPEC);
    EV = evaluate(&SPEC, NULL);
    out_dir_make(&O);
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(WRITERS[k](O.path[k], &F.set, EV, &SPEC, &err), LF_OK, "%s", err.message);
}

static const char CUSTOMERS_HEADER[] =
    "id,name,class,industry,voltage_kv,capacity_kva,protected,months,kwh,revenue,cost,"
    "profit,rank,profit_share,abc,key_account,key_reason,recency_days,frequency,monetary,"
    "r,f,m,rfm,nature,current,potential,correction,value,value_level,on_time_share,"
    "mean_days_late,arrears_months,breaches,energy_cv,industry_outlook,no_payment_history,"
    "credit_score,credit_grade,cycle_days,deposit_cycles,monthly_kwh,price_per_kwh,deposit,"
    "segment,service,tier";

/* S1's row, every field from the numbers above.  R: its last payment on or
 * before E was 2024-01-10, 50 days before 2024-02-29; F: 4 payments in the
 * year; M: its bills 3000000.  Scores by rank, 1 + floor(5 (r - 1/2) / m):
 *   R, worst first, of the m = 4 finite: 76 (G4), 50 (S1), 19 (H2), 14 (M3):
 *     S1 r = 2: 1 + floor(1.875) = 2
 *   F ascending 0 0 2 4 5 6 (N5 R6 G4 S1 M3 H2), m = 6: S1 r = 4:
 *     1 + floor(2.9167) = 3
 *   M ascending 0 30k 256k 420k 840k 3M: S1 r = 6: 1 + floor(4.583) = 5
 * R6 never paid: its recency is an empty field,
 * and so is its infinite arrears_months; H2, protected, has an empty tier.
 * M3's name, with its comma, reads back whole. */
Test(writers, customers_file)
{
    write_main(CUSTOMERS);
    expect_header(O.path[CUSTOMERS], CUSTOMERS_HEADER);
    csv_row r;
    cr_assert_eq(read_rows(O.path[CUSTOMERS], "id", "S1", &r), NC);
    cr_assert_eq(r.n, 47);
    text_is(&r, "name", "Steel works");
    text_is(&r, "class", "large_industry");
    text_is(&r, "industry", "steel");
    number_is(&r, "voltage_kv", 110);
    number_is(&r, "capacity_kva", 50000);
    number_is(&r, "protected", 0);
    number_is(&r, "months", 6);
    number_is(&r, "kwh", 6e6);
    number_is(&r, "revenue", 3e6);
    number_is(&r, "cost", 2641200);
    number_is(&r, "profit", 358800);
    number_is(&r, "rank", 1);
    text_is(&r, "profit_share", "0.4790387183");
    text_is(&r, "abc", "A");
    number_is(&r, "key_account", 1);
    text_is(&r, "key_reason", ">=35kV; pareto");
    number_is(&r, "recency_days", 50);
    number_is(&r, "frequency", 4);
    number_is(&r, "monetary", 3e6);
    number_is(&r, "r", 2);
    number_is(&r, "f", 3);
    number_is(&r, "m", 5);
    text_is(&r, "rfm", "235");
    number_is(&r, "nature", 100);
    number_is(&r, "current", 100);
    number_is(&r, "potential", 80);
    number_is(&r, "correction", 1);
    number_is(&r, "value", 94);
    text_is(&r, "value_level", "high");
    number_is(&r, "on_time_share", 0.6);
    number_is(&r, "mean_days_late", 12);
    number_is(&r, "arrears_months", 45.0 / 49);
    number_is(&r, "breaches", 1);
    number_is(&r, "energy_cv", 0.1);
    number_is(&r, "industry_outlook", 40);
    number_is(&r, "no_payment_history", 0);
    number_is(&r, "credit_score", 23918.0 / 441);
    text_is(&r, "credit_grade", "BB");
    number_is(&r, "cycle_days", 10);
    number_is(&r, "deposit_cycles", 1);
    number_is(&r, "monthly_kwh", 1e6);
    number_is(&r, "price_per_kwh", 0.5);
    number_is(&r, "deposit", 5e5 / 3);
    text_is(&r, "segment", "key-watch");
    text_is(&r, "service", "premium");
    text_is(&r, "tier", "restricted");

    read_rows(O.path[CUSTOMERS], "id", "R6", &r);
    text_is(&r, "recency_days", "");
    text_is(&r, "arrears_months", "");
    number_is(&r, "no_payment_history", 1);
    number_is(&r, "revenue", 0);
    text_is(&r, "tier", "general");
    read_rows(O.path[CUSTOMERS], "id", "H2", &r);
    number_is(&r, "protected", 1);
    text_is(&r, "tier", "");
    read_rows(O.path[CUSTOMERS], "id", "M3", &r);
    text_is(&r, "name", "Mall, east gate");
    text_is(&r, "tier", "commercial");
}

/* By rank: S1 G4 H2 M3 N5 R6; the last: profit -37200, profit share
 * 711800/749000 = 0.9503337784, customer share 6/6, C.  The second: G4,
 * 180800, 539600/749000, 2/6, A. */
Test(writers, pareto_file)
{
    write_main(PARETO);
    expect_header(O.path[PARETO], "rank,id,name,profit,profit_share,customer_share,abc");
    const char *text = slurp(O.path[PARETO]);
    const char *order[] = {"\n1,\"S1\",", "\n2,\"G4\",", "\n3,\"H2\",", "\n4,\"M3\",",
                           "\n5,\"N5\",", "\n6,\"R6\","};
    const char *at = text;
    for (size_t k = 0; k < NC; k++) {
        const char *p = strstr(text, order[k]);
        cr_assert(p && p >= at, "rank %zu out of order:\n%s", k + 1, text);
        at = p;
    }
    csv_row r;
    cr_assert_eq(read_rows(O.path[PARETO], "id", "R6", &r), NC);
    number_is(&r, "rank", 6);
    text_is(&r, "name", "Farm pumps");
    number_is(&r, "profit", -37200);
    text_is(&r, "profit_share", "0.9503337784");
    number_is(&r, "customer_share", 1);
    text_is(&r, "abc", "C");
    read_rows(O.path[PARETO], "id", "G4", &r);
    number_is(&r, "rank", 2);
    number_is(&r, "profit", 180800);
    number_is(&r, "profit_share", 539600.0 / 749000);
    number_is(&r, "customer_share", 2.0 / 6);
    text_is(&r, "abc", "A");
}

/* The one alert (see alerts_end_with_the_evaluation_month): rank 1, M3,
 * 2024-02, 70000 against 50000, +20000, 0.4, z missing (empty), up. */
Test(writers, alerts_file)
{
    write_main(ALERTS);
    expect_header(O.path[ALERTS], "rank,id,name,month,actual_kwh,expected_kwh,change_kwh,"
                                  "change_pct,z,direction");
    csv_row r;
    cr_assert_eq(read_rows(O.path[ALERTS], "id", "M3", &r), 1);
    number_is(&r, "rank", 1);
    text_is(&r, "name", "Mall, east gate");
    text_is(&r, "month", "2024-02");
    number_is(&r, "actual_kwh", 70000);
    number_is(&r, "expected_kwh", 50000);
    number_is(&r, "change_kwh", 20000);
    number_is(&r, "change_pct", 0.4);
    text_is(&r, "z", "");
    text_is(&r, "direction", "up");
}

static int portfolio_tier(const lf_portfolio *p, const char *id)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->customers[i].id, id) == 0)
            return p->customers[i].tier;
    cr_assert_fail("no customer %s", id);
    return -2;
}

static void portfolio_add(lf_portfolio *p, const char *id, int tier, int is_protected)
{
    lf_dr_customer c;
    memset(&c, 0, sizeof c);
    snprintf(c.id, sizeof c.id, "%s", id);
    c.peak_mw = 5;
    c.tier = tier;
    c.is_protected = is_protected;
    lf_error err;
    cr_assert_eq(lf_portfolio_add(p, &c, &err), LF_OK, "%s", err.message);
}

/* tiers.csv: id,tier, one row per customer, H2's tier empty.  Applied to a
 * portfolio over the default tiers holding S1 (general), H2 (protected,
 * tier priority), M3 (commercial) and X9 (general, not evaluated): S1 becomes
 * restricted (changed), H2 keeps its tier, M3 stays commercial; applied 3,
 * changed 1, not in the file 1 (X9), not in the portfolio 3 (G4 N5 R6). */
Test(writers, tiers_file_applies_to_a_portfolio)
{
    write_main(TIERS);
    expect_header(O.path[TIERS], "id,tier");
    csv_row r;
    cr_assert_eq(read_rows(O.path[TIERS], "id", "S1", &r), NC);
    cr_assert_eq(r.n, 2);
    text_is(&r, "tier", "restricted");
    read_rows(O.path[TIERS], "id", "H2", &r);
    text_is(&r, "tier", "");
    read_rows(O.path[TIERS], "id", "G4", &r);
    text_is(&r, "tier", "restricted");
    read_rows(O.path[TIERS], "id", "N5", &r);
    text_is(&r, "tier", "general");

    lf_error err;
    lf_portfolio *p = lf_portfolio_new(&err);
    cr_assert_not_null(p, "%s", err.message);
    const char *tiers[] = {"restricted", "general", "commercial", "priority"};
    p->ntiers = 4;
    for (size_t t = 0; t < 4; t++)
        snprintf(p->tiers[t], sizeof p->tiers[t], "%s", tiers[t]);
    portfolio_add(p, "S1", GENERAL, 0);
    portfolio_add(p, "H2", PRIORITY, 1);
    portfolio_add(p, "M3", COMMERCIAL, 0);
    portfolio_add(p, "X9", GENERAL, 0);
    lf_tiers_report rep;
    memset(&rep, 0xff, sizeof rep);
    lf_error_clear(&err);
    cr_assert_eq(lf_portfolio_apply_tiers(p, O.path[TIERS], &rep, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(rep.applied, 3, "applied %zu", rep.applied);
    cr_assert_eq(rep.changed, 1, "changed %zu", rep.changed);
    cr_assert_eq(rep.not_in_file, 1);
    cr_assert_eq(rep.not_in_portfolio, 3);
    cr_assert_eq(portfolio_tier(p, "S1"), RESTRICTED);
    cr_assert_eq(portfolio_tier(p, "H2"), PRIORITY);
    cr_assert_eq(portfolio_tier(p, "M3"), COMMERCIAL);
    cr_assert_eq(portfolio_tier(p, "X9"), GENERAL);
    lf_portfolio_free(p);
}

/* The document opens with '{' and ends with "}\n"; it carries E, the
 * window 2023-09 .. 2024-02, every id, the default weights, no "ahp" part
 * without AHP, H2's tier as null and R6's arrears_months (infinite) as null.
 * With AHP weights it has its consistency. */
Test(writers, json_document)
{
    write_main(JSON);
    const char *text = slurp(O.path[JSON]);
    cr_assert_eq(text[0], '{', "%.40s", text);
    size_t n = strlen(text);
    cr_assert(n > 2 && strcmp(text + n - 2, "}\n") == 0);
    const char *want[] = {"\"evaluated\": \"2024-02-29\"", "\"window_first\": \"2023-09\"",
                          "\"window_last\": \"2024-02\"", "\"on_time_share\": 0.25",
                          "\"name\": \"Mall, east gate\"", "\"tier\": null}",
                          "\"tier\": \"restricted\"", "\"arrears_months\": null"};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++)
        cr_assert(strstr(text, want[k]), "no %s", want[k]);
    for (size_t i = 0; i < NC; i++) {
        char id[32];
        snprintf(id, sizeof id, "\"id\": \"%s\"", F.c[i].id);
        cr_assert(strstr(text, id), "no %s", id);
    }
    cr_assert_null(strstr(text, "\"ahp\""));
    lf_customer_eval_free(EV);

    SPEC.use_ahp = 1;
    ahp_matrix(SPEC.ahp_matrix, 0);
    EV = evaluate(&SPEC, NULL);
    lf_error err;
    cr_assert_eq(lf_customer_eval_write_json(O.path[JSON], &F.set, EV, &SPEC, &err), LF_OK,
                 "%s", err.message);
    text = slurp(O.path[JSON]);
    cr_assert(strstr(text, "\"ahp\": {\"lambda_max\": "), "no AHP part");
    cr_assert(strstr(text, "\"on_time_share\": 0.4"), "no AHP weight");
}

/* An evaluation of the six customers written with a set of five: every
 * writer fails with LF_ERR_ARG naming both counts, and writes nothing (no
 * file, no temporary; an existing file is left as it was). */
Test(writers, an_evaluation_of_another_set_is_refused)
{
    build();
    spec_main(&SPEC);
    EV = evaluate(&SPEC, NULL);
    lf_customer_set five = F.set;
    five.n = NC - 1;
    out_dir_make(&O);
    for (size_t k = 0; k < 5; k++) {
        lf_error err;
        lf_error_clear(&err);
        cr_assert_eq(WRITERS[k](O.path[k], &five, EV, &SPEC, &err), LF_ERR_ARG, "writer %zu", k);
        cr_assert_eq(err.code, LF_ERR_ARG);
        cr_assert(strstr(err.message, "the evaluation has 6 customers, the set 5"), "%s",
                  err.message);
        cr_assert_neq(access(O.path[k], F_OK), 0, "writer %zu wrote %s", k, O.path[k]);
    }
    DIR *d = opendir(O.dir);
    cr_assert_not_null(d);
    size_t entries = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        entries += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    cr_assert_eq(entries, 0, "%zu files left in %s", entries, O.dir);

    FILE *f = fopen(O.path[TIERS], "w");
    cr_assert_not_null(f);
    fputs("id,tier\nold,general\n", f);
    fclose(f);
    cr_assert_eq(lf_customer_eval_write_tiers(O.path[TIERS], &five, EV, &SPEC, NULL), LF_ERR_ARG);
    cr_assert_str_eq(slurp(O.path[TIERS]), "id,tier\nold,general\n");
}

/* "text is quoted": names are the caller's, so a value level "high, top", a
 * grade "BB,1" and a tier "restricted, first" (all allowed by their checks)
 * must read back whole from customers.csv and tiers.csv, as M3's name does.
 * S1 is high, BB and restricted (see above). */
Test(writers, names_with_commas_read_back_whole)
{
    build();
    lf_customer_eval_spec *s = &SPEC;
    spec_main(s);
    const char *level = "high, top", *grade = "BB,1", *tier = "restricted, first";
    snprintf(s->value.levels[HIGH].name, sizeof s->value.levels[HIGH].name, "%s", level);
    snprintf(s->segment.levels[HIGH], sizeof s->segment.levels[HIGH], "%s", level);
    snprintf(s->segment.rules[2].value_level, sizeof s->segment.rules[2].value_level, "%s",
             level);
    snprintf(s->grades[4].name, sizeof s->grades[4].name, "%s", grade);
    snprintf(s->settlement[4].grade, sizeof s->settlement[4].grade, "%s", grade);
    snprintf(s->segment.groups[FAIR].grades[1], sizeof s->segment.groups[FAIR].grades[1], "%s",
             grade);
    snprintf(s->segment.tiers[RESTRICTED], sizeof s->segment.tiers[RESTRICTED], "%s", tier);
    snprintf(s->segment.rules[0].tier, sizeof s->segment.rules[0].tier, "%s", tier);
    snprintf(s->segment.rules[1].tier, sizeof s->segment.rules[1].tier, "%s", tier);
    EV = evaluate(s, NULL);
    cr_assert_str_eq(EV->results[S1].credit.grade_name, grade);
    out_dir_make(&O);
    lf_error err;
    cr_assert_eq(lf_customer_eval_write_customers(O.path[CUSTOMERS], &F.set, EV, s, &err),
                 LF_OK, "%s", err.message);
    cr_assert_eq(lf_customer_eval_write_tiers(O.path[TIERS], &F.set, EV, s, &err), LF_OK,
                 "%s", err.message);
    csv_row r;
    read_rows(O.path[CUSTOMERS], "id", "S1", &r);
    text_is(&r, "value_level", level);
    text_is(&r, "credit_grade", grade);
    text_is(&r, "tier", tier);
    read_rows(O.path[TIERS], "id", "S1", &r);
    text_is(&r, "tier", tier);
}
