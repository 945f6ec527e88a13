/* test_customer_rfm.c - RFM scores (libforecast/customers/rfm.c): the score
 * of a value on and around each edge for R (lower better) and for F and M;
 * rank scores 1 + floor(5 (r - 1/2) / m) of hand-made populations (distinct
 * values, a tie on a score boundary, a large tie group like a utility's 12
 * payments a year, infinite and NaN values left out of m, either order);
 * recency and frequency from constructed payments at the 365-day boundary,
 * and the rank scores of a small customer set with ties and a customer that
 * never paid.  Every expected score is computed by hand in the comment above
 * its test (r the mid-rank, m the finite values). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "libforecast.h"

/* ---- lf_rfm_score ---------------------------------------------------------------------- */

/* R edges 10, 30, 90 (k = 4): 4 up to 10 inclusive, 3 up to 30, 2 up to 90,
 * 1 above 90 and for never (+inf). */
Test(rfm_score, recency_on_and_around_the_edges)
{
    lf_rfm_bins b = {.nedges = 3, .edges = {10, 30, 90}};
    cr_assert_eq(lf_rfm_score(&b, 0, 1), 4);
    cr_assert_eq(lf_rfm_score(&b, 10, 1), 4);
    cr_assert_eq(lf_rfm_score(&b, 10.5, 1), 3);
    cr_assert_eq(lf_rfm_score(&b, 30, 1), 3);
    cr_assert_eq(lf_rfm_score(&b, 31, 1), 2);
    cr_assert_eq(lf_rfm_score(&b, 90, 1), 2);
    cr_assert_eq(lf_rfm_score(&b, 90.01, 1), 1);
    cr_assert_eq(lf_rfm_score(&b, INFINITY, 1), 1);
}

/* F / M edges 2, 5, 9 (k = 4): 1 below 2, 2 from 2, 3 from 5, 4 from 9. */
Test(rfm_score, frequency_and_monetary_on_and_around_the_edges)
{
    lf_rfm_bins b = {.nedges = 3, .edges = {2, 5, 9}};
    cr_assert_eq(lf_rfm_score(&b, 0, 0), 1);
    cr_assert_eq(lf_rfm_score(&b, 1.99, 0), 1);
    cr_assert_eq(lf_rfm_score(&b, 2, 0), 2);
    cr_assert_eq(lf_rfm_score(&b, 4.99, 0), 2);
    cr_assert_eq(lf_rfm_score(&b, 5, 0), 3);
    cr_assert_eq(lf_rfm_score(&b, 8.99, 0), 3);
    cr_assert_eq(lf_rfm_score(&b, 9, 0), 4);
    cr_assert_eq(lf_rfm_score(&b, 1e9, 0), 4);
}

/* No edge: one score for all; a NaN scores the lowest either way; no bins or
 * too many edges: 0 (not a score). */
Test(rfm_score, degenerate_bins)
{
    lf_rfm_bins none = {0};
    cr_assert_eq(lf_rfm_score(&none, 5, 0), 1);
    cr_assert_eq(lf_rfm_score(&none, 5, 1), 1);
    lf_rfm_bins b = {.nedges = 2, .edges = {1, 2}};
    cr_assert_eq(lf_rfm_score(&b, NAN, 0), 1);
    cr_assert_eq(lf_rfm_score(&b, NAN, 1), 1);
    cr_assert_eq(lf_rfm_score(NULL, 5, 0), 0);
    b.nedges = LF_RFM_EDGES_MAX + 1;
    cr_assert_eq(lf_rfm_score(&b, 5, 0), 0);
}

/* ---- lf_rfm_rank_scores ---------------------------------------------------------------- */

static void rank_scores(const double *x, size_t n, int lower_is_better, const int *want,
                        const char *what)
{
    int got[256];
    lf_error err;
    cr_assert(n <= 256);
    cr_assert_eq(lf_rfm_rank_scores(x, n, lower_is_better, got, &err), LF_OK, "%s",
                 err.message);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(got[i], want[i], "%s: x[%zu] = %g scores %d, want %d", what, i, x[i],
                     got[i], want[i]);
}

/* Distinct 1..10 (shuffled), m = 10: 5 (r - 0.5) / 10 = 0.25, 0.75, 1.25,
 * ..., 4.75 for r = 1..10 -> 1,1,2,2,3,3,4,4,5,5; lower better reverses
 * (r counts from 10 down).  Five distinct values, m = 5: r - 0.5 = 0.5..4.5
 * -> 1..5, one each. */
Test(rfm_rank, distinct_values_spread_evenly)
{
    const double x[10] = {7, 1, 10, 4, 2, 9, 5, 3, 8, 6};
    rank_scores(x, 10, 0, (const int[]){4, 1, 5, 2, 1, 5, 3, 2, 4, 3}, "1..10");
    rank_scores(x, 10, 1, (const int[]){2, 5, 1, 4, 5, 1, 3, 4, 2, 3}, "1..10 lower better");
    const double five[5] = {0.5, -3, 1e6, 2, 0};
    rank_scores(five, 5, 0, (const int[]){3, 1, 5, 4, 2}, "five");
    rank_scores(five, 5, 1, (const int[]){3, 5, 1, 2, 4}, "five lower better");
}

/* 1 2 2 4 5 6 7 8 9 10, m = 10: the 2s hold ranks 2, 3, r = 2.5, 5 x 2 / 10 =
 * 1 exactly: both score 2 (a boundary: 2.5 - 0.5 counted below it would give
 * 1).  Then 4 (r 4): 1.75 -> 2, 5: 2.25 -> 3, 6 -> 3, 7 -> 4, 8 -> 4, 9 -> 5,
 * 10 -> 5; 1: 0.25 -> 1.  Lower better: the 2s hold ranks 8, 9 from the top,
 * r = 8.5, 5 x 8 / 10 = 4 -> 5; 1 (r 10) -> 5, 4 (r 7): 3.25 -> 4, ... */
Test(rfm_rank, a_tie_on_a_score_boundary)
{
    const double x[10] = {1, 2, 2, 4, 5, 6, 7, 8, 9, 10};
    rank_scores(x, 10, 0, (const int[]){1, 2, 2, 2, 3, 3, 4, 4, 5, 5}, "boundary");
    rank_scores(x, 10, 1, (const int[]){5, 5, 5, 4, 3, 3, 2, 2, 1, 1}, "boundary lower");
}

/* Payments a year as on the sample CRM: 8, 11, 11, 191 x 12, 13, 13, 13, 20,
 * 33, 36 (m = 200).  8: r 1, 5 x 0.5 / 200 -> 1; 11: ranks 2, 3, r 2.5 -> 1;
 * 12: ranks 4..194, r 99, 5 x 98.5 / 200 = 2.4625 -> 3 for all 191; 13: ranks
 * 195..197, r 196, 4.8875 -> 5; 20, 33, 36: ranks 198..200 -> 5.  Every 12
 * gets the middle score, and the same when the values come in reverse. */
Test(rfm_rank, a_large_tie_group_shares_the_middle_score)
{
    double x[200];
    int want[200];
    const double low[3] = {8, 11, 11}, high[6] = {13, 13, 13, 20, 33, 36};
    for (size_t i = 0; i < 200; i++)
        x[i] = 12, want[i] = 3;
    for (size_t i = 0; i < 3; i++)
        x[10 + 50 * i] = low[i], want[10 + 50 * i] = 1;
    for (size_t i = 0; i < 6; i++)
        x[5 + 30 * i] = high[i], want[5 + 30 * i] = 5;
    rank_scores(x, 200, 0, want, "sample F");
    double rx[200];
    int rwant[200];
    for (size_t i = 0; i < 200; i++)
        rx[i] = x[199 - i], rwant[i] = want[199 - i];
    rank_scores(rx, 200, 0, rwant, "sample F reversed");
    /* all equal: ranks 1..7, r 4, 5 x 3.5 / 7 = 2.5 -> 3 either way */
    const double same[7] = {12, 12, 12, 12, 12, 12, 12};
    rank_scores(same, 7, 0, (const int[]){3, 3, 3, 3, 3, 3, 3}, "all equal");
    rank_scores(same, 7, 1, (const int[]){3, 3, 3, 3, 3, 3, 3}, "all equal lower");
}

/* Not finite: left out of m and scores 1.  R of 5, inf, 1, NaN, 3, 2, 4,
 * lower better, m = 5: 1 -> 5, 2 -> 4, 3 -> 3, 4 -> 2, 5 -> 1; inf (never
 * paid) and NaN 1.  1, 2 among three NaN: m = 2, 1 (r 1): 5 x 0.5 / 2 =
 * 1.25 -> 2, 2 (r 2): 3.75 -> 4 (with m = 5 they would score 1 and 2).  A
 * lone value: r 1, m 1, 2.5 -> 3.  Nothing finite: all 1. */
Test(rfm_rank, infinite_and_nan_values)
{
    const double r[7] = {5, INFINITY, 1, NAN, 3, 2, 4};
    rank_scores(r, 7, 1, (const int[]){1, 1, 5, 1, 3, 4, 2}, "R with inf, NaN");
    rank_scores(r, 7, 0, (const int[]){5, 1, 1, 1, 3, 2, 4}, "higher better with inf, NaN");
    const double few[5] = {NAN, 2, NAN, 1, NAN};
    rank_scores(few, 5, 0, (const int[]){1, 4, 1, 2, 1}, "m = 2");
    rank_scores(few, 5, 1, (const int[]){1, 2, 1, 4, 1}, "m = 2 lower");
    rank_scores((const double[]){NAN, 42}, 2, 0, (const int[]){1, 3}, "lone value");
    rank_scores((const double[]){NAN, INFINITY, -INFINITY}, 3, 1, (const int[]){1, 1, 1},
                "nothing finite");
}

Test(rfm_rank, bad_arguments)
{
    lf_error err;
    int score[2];
    cr_assert_eq(lf_rfm_rank_scores(NULL, 0, 0, NULL, &err), LF_OK);
    cr_assert_eq(lf_rfm_rank_scores(NULL, 2, 0, score, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "no values"), "%s", err.message);
    cr_assert_eq(lf_rfm_rank_scores((const double[]){1, 2}, 2, 0, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_rfm_rank_scores((const double[]){1, 2}, SIZE_MAX / 8, 0, score, &err),
                 LF_ERR_ARG);
    cr_assert(strstr(err.message, "too many to rank"), "%s", err.message);
}

/* ---- the set --------------------------------------------------------------------------- */

#define NC 6
#define NM 2

static lf_customer C[NC];
static double energy[NC * NM], bill[NC * NM];
static lf_payment pay[16];
static size_t start[NC + 1];
static lf_customer_set S;
static lf_rfm R[NC];

static const lf_date E = 19904; /* 2024-06-30 (checked in the test) */

static lf_payment paid(int days_before, double amount)
{
    return (lf_payment){.due = E - days_before - 5, .paid = E - days_before, .amount = amount};
}

/* Evaluated at E = 2024-06-30, bills over 2024-05..06:
 *   c1 paid E, E-30, E-60; one bill unpaid      R 0    F 3   M 100 + 100 = 200
 *   c2 paid E-10                                 R 10   F 1   M 50 + -   = 50
 *   c3 paid E-365, E-364, E-10                   R 10   F 2   M 200 + 0  = 200
 *      (E-365 is outside (E - 365, E], E-364 inside)
 *   c4 one bill, unpaid                          R inf  F 0   M 0 + 0    = 0
 *   c5 paid E-10, E+1 (after E: not seen)        R 10   F 1   M - + -    = 0
 *   c6 paid E-400                                R 400  F 0   M 500 + 500 = 1000 */
static void build(void)
{
    memset(&S, 0, sizeof S);
    memset(C, 0, sizeof C);
    for (size_t i = 0; i < NC; i++) {
        snprintf(C[i].id, sizeof C[i].id, "c%zu", i + 1);
        C[i].voltage_kv = 10;
        C[i].correction = 1;
    }
    const double b[NC][NM] = {{100, 100}, {50, NAN}, {200, 0}, {0, 0}, {NAN, NAN}, {500, 500}};
    for (size_t i = 0; i < NC; i++)
        for (size_t j = 0; j < NM; j++) {
            bill[i * NM + j] = b[i][j];
            energy[i * NM + j] = 1000;
        }
    size_t k = 0;
    start[0] = k;
    pay[k++] = paid(60, 10), pay[k++] = paid(30, 10), pay[k++] = paid(0, 10);
    pay[k++] = (lf_payment){E - 3, LF_PAYMENT_UNPAID, 10};
    start[1] = k;
    pay[k++] = paid(10, 10);
    start[2] = k;
    pay[k++] = paid(365, 10), pay[k++] = paid(364, 10), pay[k++] = paid(10, 10);
    start[3] = k;
    pay[k++] = (lf_payment){E - 40, LF_PAYMENT_UNPAID, 10};
    start[4] = k;
    pay[k++] = paid(10, 10), pay[k++] = paid(-1, 10);
    start[5] = k;
    pay[k++] = paid(400, 10);
    start[6] = k;
    S = (lf_customer_set){.n = NC, .customers = C, .first_month = lf_date_from_ymd(2024, 5, 1),
                          .nmonths = NM, .energy_kwh = energy, .bill = bill, .npayments = k,
                          .payments = pay, .payment_start = start};
}

static void rfm(const lf_rfm_spec *spec, lf_rfm_spec *used)
{
    lf_error err;
    cr_assert_eq(lf_customer_rfm(&S, 0, NM, E, spec, R, used, &err), LF_OK, "%s", err.message);
}

static void edges(const lf_rfm_bins *b, size_t n, const double *want, const char *what)
{
    cr_assert_eq(b->nedges, n, "%s: %zu edges, want %zu", what, b->nedges, n);
    for (size_t j = 0; j < n; j++)
        cr_assert(fabs(b->edges[j] - want[j]) <= 1e-12, "%s edge %zu: %.17g, want %.17g",
                  what, j + 1, b->edges[j], want[j]);
}

Test(rfm, raw_values_from_payments_and_bills)
{
    cr_assert_eq(E, lf_date_from_ymd(2024, 6, 30));
    build();
    rfm(NULL, NULL);
    const double r[NC] = {0, 10, 10, INFINITY, 10, 400}, f[NC] = {3, 1, 2, 0, 1, 0};
    const double m[NC] = {200, 50, 200, 0, 0, 1000};
    for (size_t i = 0; i < NC; i++) {
        cr_assert_eq(R[i].recency_days, r[i], "c%zu R %g", i + 1, R[i].recency_days);
        cr_assert_eq(R[i].frequency, f[i], "c%zu F %g", i + 1, R[i].frequency);
        cr_assert_eq(R[i].monetary, m[i], "c%zu M %g", i + 1, R[i].monetary);
    }
}

/* Rank scores, 1 + floor(5 (r - 1/2) / m):
 *   R finite 0 10 10 10 400, lower better (c4's inf left out: R 1), m = 5;
 *      from the worst: 400 r 1 -> 0.5 -> 1; the 10s ranks 2..4, r 3 -> 2.5
 *      -> 3; 0 r 5 -> 4.5 -> 5
 *   F 0 0 1 1 2 3, m = 6: the 0s r 1.5 -> 0.83 -> 1; the 1s r 3.5 -> 2.5 ->
 *      3; 2 r 5 -> 3.75 -> 4; 3 r 6 -> 4.58 -> 5
 *   M 0 0 50 200 200 1000, m = 6: the 0s -> 1; 50 r 3 -> 2.08 -> 3; the 200s
 *      r 4.5 -> 3.33 -> 4; 1000 -> 5
 *   c1 R 0 -> 5    F 3 -> 5   M 200 -> 4    "554" 14
 *   c2 R 10 -> 3   F 1 -> 3   M 50 -> 3     "333"  9
 *   c3 R 10 -> 3   F 2 -> 4   M 200 -> 4    "344" 11
 *   c4 R inf -> 1  F 0 -> 1   M 0 -> 1      "111"  3
 *   c5 R 10 -> 3   F 1 -> 3   M 0 -> 1      "331"  7
 *   c6 R 400 -> 1  F 0 -> 1   M 1000 -> 5   "115"  7
 * No dimension has edges: used has nedges 0 for each. */
Test(rfm, rank_scores_of_the_population)
{
    build();
    lf_rfm_spec used;
    memset(&used, 0xff, sizeof used);
    rfm(NULL, &used);
    cr_assert_eq(used.recency.nedges, 0);
    cr_assert_eq(used.frequency.nedges, 0);
    cr_assert_eq(used.monetary.nedges, 0);
    const char *code[NC] = {"554", "333", "344", "111", "331", "115"};
    const int total[NC] = {14, 9, 11, 3, 7, 7};
    for (size_t i = 0; i < NC; i++) {
        cr_assert_str_eq(R[i].code, code[i], "c%zu: %s, want %s", i + 1, R[i].code, code[i]);
        cr_assert_eq(R[i].total, total[i]);
        cr_assert_eq(R[i].total, R[i].r + R[i].f + R[i].m);
    }
    /* a spec with no edge anywhere is the same as none */
    lf_rfm_spec none = {0};
    rfm(&none, &used);
    for (size_t i = 0; i < NC; i++)
        cr_assert_str_eq(R[i].code, code[i], "c%zu: %s, want %s", i + 1, R[i].code, code[i]);
}

/* Given R edges 0, 10 (k = 3): R 0 -> 3, 10 -> 2, 400 and inf -> 1.  Given F
 * edges 1, 3: 0 -> 1, 1 and 2 -> 2, 3 -> 3.  M by rank as above. */
Test(rfm, given_edges)
{
    build();
    lf_rfm_spec spec = {.recency = {2, {0, 10}}, .frequency = {2, {1, 3}}};
    lf_rfm_spec used;
    rfm(&spec, &used);
    edges(&used.recency, 2, (const double[]){0, 10}, "recency");
    edges(&used.frequency, 2, (const double[]){1, 3}, "frequency");
    cr_assert_eq(used.monetary.nedges, 0);
    const int r[NC] = {3, 2, 2, 1, 2, 1}, f[NC] = {3, 2, 2, 1, 2, 1};
    const int m[NC] = {4, 3, 4, 1, 1, 5};
    for (size_t i = 0; i < NC; i++) {
        cr_assert_eq(R[i].r, r[i], "c%zu r %d", i + 1, R[i].r);
        cr_assert_eq(R[i].f, f[i], "c%zu f %d", i + 1, R[i].f);
        cr_assert_eq(R[i].m, m[i], "c%zu m %d", i + 1, R[i].m);
    }
    cr_assert_str_eq(R[0].code, "334");
}

/* Nobody has paid (no payments at all, payment_start NULL): every R is inf,
 * no finite value to rank, R 1 for everyone; F is 0 for all six: one tie
 * group, r 3.5, 5 x 3 / 6 = 2.5 -> F 3 for everyone. */
Test(rfm, nobody_paid)
{
    build();
    S.npayments = 0;
    S.payments = NULL;
    S.payment_start = NULL;
    lf_rfm_spec used;
    rfm(NULL, &used);
    cr_assert_eq(used.recency.nedges, 0);
    cr_assert_eq(used.frequency.nedges, 0);
    for (size_t i = 0; i < NC; i++) {
        cr_assert(isinf(R[i].recency_days));
        cr_assert_eq(R[i].r, 1);
        cr_assert_eq(R[i].f, 3);
    }
}

Test(rfm, bad_arguments)
{
    build();
    lf_error err;
    lf_rfm_spec spec = {.monetary = {2, {50, 50}}};
    cr_assert_eq(lf_customer_rfm(&S, 0, NM, E, &spec, R, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "monetary edge 2 is 50 after 50"), "%s", err.message);
    spec = (lf_rfm_spec){.recency = {1, {NAN}}};
    cr_assert_eq(lf_customer_rfm(&S, 0, NM, E, &spec, R, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "recency edge 1 is nan"), "%s", err.message);
    spec = (lf_rfm_spec){.frequency = {LF_RFM_EDGES_MAX + 1, {0}}};
    cr_assert_eq(lf_customer_rfm(&S, 0, NM, E, &spec, R, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "frequency scores have 9 edges"), "%s", err.message);
    cr_assert_eq(lf_customer_rfm(&S, 1, NM, E, NULL, R, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_customer_rfm(&S, 0, NM, INT32_MAX, NULL, R, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "evaluation date"), "%s", err.message);
    start[3] = 1; /* c4's payments start before c3's */
    cr_assert_eq(lf_customer_rfm(&S, 0, NM, E, NULL, R, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "payments of customer 'c3' start after"), "%s", err.message);
    build();
    start[NC] = S.npayments + 1;
    cr_assert_eq(lf_customer_rfm(&S, 0, NM, E, NULL, R, NULL, &err), LF_ERR_ARG);
    build();
    bill[3] = -1;
    cr_assert_eq(lf_customer_rfm(&S, 0, NM, E, NULL, R, NULL, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "customer 'c2' has a bill of -1 in 2024-06"), "%s",
              err.message);
}
