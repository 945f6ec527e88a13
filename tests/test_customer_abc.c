/* test_customer_abc.c - ABC classes and the Pareto curve
 * (libforecast/customers/abc.c): customers exactly on the A and B lines, the
 * customer that crosses a line, ties in profit broken by id, zero and
 * negative profits, no positive profit at all; every share computed by hand
 * in the comment above its test (P = the total positive profit, S(k) the
 * cumulative share after rank k). */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "libforecast.h"

#define N_MAX 8

static lf_abc_class abc[N_MAX];
static lf_pareto_point curve[N_MAX];

static void classify(const double *profit, const char *const *ids, size_t n, double a,
                     double b)
{
    lf_error err;
    cr_assert_eq(lf_abc_classify(profit, ids, n, a, b, abc, curve, &err), LF_OK, "%s",
                 err.message);
}

/* "ABBC" for classes in the input order. */
static const char *classes(size_t n)
{
    static char s[N_MAX + 1];
    for (size_t i = 0; i < n; i++)
        s[i] = lf_abc_name(abc[i])[0];
    s[n] = '\0';
    return s;
}

static void point(size_t k, size_t customer, double profit, double before, double share,
                  double customer_share)
{
    const lf_pareto_point *p = &curve[k];
    cr_assert_eq(p->rank, k + 1);
    cr_assert_eq(p->customer, customer, "rank %zu: customer %zu, want %zu", k + 1, p->customer,
                 customer);
    cr_assert_eq(p->profit, profit, "rank %zu profit %g", k + 1, p->profit);
    cr_assert(fabs(p->share_before - before) <= 1e-15, "rank %zu S(k-1) %.17g, want %.17g",
              k + 1, p->share_before, before);
    cr_assert(fabs(p->share - share) <= 1e-15, "rank %zu S(k) %.17g, want %.17g", k + 1,
              p->share, share);
    cr_assert(fabs(p->customer_share - customer_share) <= 1e-15, "rank %zu k/n %.17g", k + 1,
              p->customer_share);
}

Test(abc, names)
{
    cr_assert_str_eq(lf_abc_name(LF_ABC_A), "A");
    cr_assert_str_eq(lf_abc_name(LF_ABC_B), "B");
    cr_assert_str_eq(lf_abc_name(LF_ABC_C), "C");
}

/* 40, 40, 10, 10; P = 100.  S before each: 0, 0.4, 0.8, 0.9.  The third
 * customer starts exactly at 80 % (80 / 100 is the double 0.8): A is already
 * reached, so it is B; the fourth starts at 0.9 < 0.95: B. */
Test(abc, customer_exactly_at_the_a_line_is_not_a)
{
    const double p[] = {40, 40, 10, 10};
    const char *ids[] = {"a", "b", "c", "d"};
    classify(p, ids, 4, 0.80, 0.95);
    cr_assert_str_eq(classes(4), "AABB");
}

/* 50, 30, 15, 5; P = 100.  S before: 0, 0.5, 0.8, 0.95.  Third on the A line
 * (B), fourth exactly on the B line (95 / 100 is the double 0.95): C. */
Test(abc, customer_exactly_at_the_b_line_is_c)
{
    const double p[] = {50, 30, 15, 5};
    const char *ids[] = {"a", "b", "c", "d"};
    classify(p, ids, 4, 0.80, 0.95);
    cr_assert_str_eq(classes(4), "AABC");
}

/* 50, 20, 20, 10; P = 100.  S before: 0, 0.5, 0.7, 0.9.  The third takes S
 * from 0.7 across 0.8 to 0.9: it crosses the line, so it is A; the fourth
 * starts beyond it (0.9 < 0.95): B. */
Test(abc, customer_crossing_the_line_is_a)
{
    const double p[] = {50, 20, 20, 10};
    const char *ids[] = {"a", "b", "c", "d"};
    classify(p, ids, 4, 0.80, 0.95);
    cr_assert_str_eq(classes(4), "AAAB");
}

/* The 1e-9 tolerance: 40, 40, 10, 10 has S = 0.8 before the third.  A line
 * at 0.8 + 5e-10 is within 1e-9 of it, so reached (third is B); so is one
 * at 0.8 + 1e-9, exactly that far ((0.8 + 1e-9) - 1e-9 is the double 0.8);
 * a line at 0.8 + 2e-9 is not (third is A). */
Test(abc, share_within_tolerance_reaches_the_line)
{
    const double p[] = {40, 40, 10, 10};
    classify(p, NULL, 4, 0.80 + 5e-10, 0.95);
    cr_assert_str_eq(classes(4), "AABB");
    cr_assert_eq((0.80 + 1e-9) - 1e-9, 0.80, "the premise");
    classify(p, NULL, 4, 0.80 + 1e-9, 0.95);
    cr_assert_str_eq(classes(4), "AABB");
    classify(p, NULL, 4, 0.80 + 2e-9, 0.95);
    cr_assert_str_eq(classes(4), "AAAB");
}

/* x 70, b 15, a 15 (input order); P = 100.  Equal profits go by id: a before
 * b.  Ranks x (S before 0), a (0.7 < 0.8: A), b (0.85: B).  Without ids they
 * go by index: index 1 ("b") before index 2. */
Test(abc, tie_in_profit_broken_by_id)
{
    const double p[] = {70, 15, 15};
    const char *ids[] = {"x", "b", "a"};
    classify(p, ids, 3, 0.80, 0.95);
    cr_assert_str_eq(classes(3), "ABA");
    point(1, 2, 15, 0.7, 0.85, 2.0 / 3);
    point(2, 1, 15, 0.85, 1.0, 1.0);
    classify(p, NULL, 3, 0.80, 0.95);
    cr_assert_str_eq(classes(3), "AAB");
    point(1, 1, 15, 0.7, 0.85, 2.0 / 3);
}

/* 60, 0, -20, 40; P = 100 (the positive ones).  Ranks: 60 (S 0.6), 40
 * (S 1.0), 0 (S 1.0), -20 (S 0.8: the profit of ranks 1..4 over P).  The
 * zero and the negative customers are C; the curve comes back down. */
Test(abc, zero_and_negative_profits_are_c)
{
    const double p[] = {60, 0, -20, 40};
    const char *ids[] = {"p", "q", "r", "s"};
    classify(p, ids, 4, 0.80, 0.95);
    cr_assert_str_eq(classes(4), "ACCA");
    point(0, 0, 60, 0, 0.6, 0.25);
    point(1, 3, 40, 0.6, 1.0, 0.5);
    point(2, 1, 0, 1.0, 1.0, 0.75);
    point(3, 2, -20, 1.0, 0.8, 1.0);
}

/* No positive profit: P = 0, nothing to share.  All C, every share 0; the
 * ranking still holds (0 and 0 by id, then -5). */
Test(abc, all_non_positive_are_c)
{
    const double p[] = {0, -5, 0};
    const char *ids[] = {"z", "a", "m"};
    classify(p, ids, 3, 0.80, 0.95);
    cr_assert_str_eq(classes(3), "CCC");
    point(0, 2, 0, 0, 0, 1.0 / 3);
    point(1, 0, 0, 0, 0, 2.0 / 3);
    point(2, 1, -5, 0, 0, 1.0);
}

/* a 50, b 25, c 10, d 5, e 10 (input order a..e); P = 100.  Ranks a, b, c,
 * e (c before e on the tie), d.  S: 0.5, 0.75, 0.85, 0.95, 1.0 and k/n 0.2,
 * 0.4, 0.6, 0.8, 1.0.  Classes by S before: a 0 A, b 0.5 A, c 0.75 A, e 0.85
 * B, d 0.95 C. */
Test(abc, pareto_curve)
{
    const double p[] = {50, 25, 10, 5, 10};
    const char *ids[] = {"a", "b", "c", "d", "e"};
    classify(p, ids, 5, 0.80, 0.95);
    cr_assert_str_eq(classes(5), "AAACB");
    point(0, 0, 50, 0, 0.5, 0.2);
    point(1, 1, 25, 0.5, 0.75, 0.4);
    point(2, 2, 10, 0.75, 0.85, 0.6);
    point(3, 4, 10, 0.85, 0.95, 0.8);
    point(4, 3, 5, 0.95, 1.0, 1.0);
}

/* With a = b = 1 every positive customer is A (the last starts below 1), and
 * one customer alone is A with S 1. */
Test(abc, lines_at_one_and_a_single_customer)
{
    const double p[] = {3, 1, 0};
    classify(p, NULL, 3, 1, 1);
    cr_assert_str_eq(classes(3), "AAC");
    const double one = 7;
    classify(&one, NULL, 1, 0.80, 0.95);
    cr_assert_str_eq(classes(1), "A");
    point(0, 0, 7, 0, 1, 1);
    lf_error err;
    cr_assert_eq(lf_abc_classify(NULL, NULL, 0, 0.8, 0.95, NULL, NULL, &err), LF_OK);
    cr_assert_eq(lf_abc_classify(p, NULL, 3, 0.8, 0.95, abc, NULL, &err), LF_OK,
                 "the curve is optional");
}

Test(abc, bad_arguments)
{
    const double p[] = {1, 2};
    const char *ids[] = {"k1", "k2"};
    lf_error err;
    cr_assert_eq(lf_abc_classify(p, ids, 2, 0, 0.95, abc, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "A 0 and B 0.95"), "%s", err.message);
    cr_assert_eq(lf_abc_classify(p, ids, 2, 0.9, 0.8, abc, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_abc_classify(p, ids, 2, 0.8, 1.01, abc, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_abc_classify(p, ids, 2, NAN, 0.95, abc, NULL, &err), LF_ERR_ARG);
    const double bad[] = {1, NAN};
    cr_assert_eq(lf_abc_classify(bad, ids, 2, 0.8, 0.95, abc, NULL, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "customer 'k2' has profit nan"), "%s", err.message);
    const double inf[] = {INFINITY, 1};
    cr_assert_eq(lf_abc_classify(inf, NULL, 2, 0.8, 0.95, abc, NULL, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "customer 1 has profit inf"), "%s", err.message);
}
