/* test_ahp.c - AHP weights (libforecast/customers/ahp.c): eigenvector,
 * lambda_max, CI and CR against hand computation and numpy, reciprocity
 * errors naming the cell, rejection of CR >= 0.1 with the CR still reported.
 *
 * Hand computation for 3 x 3: with a = a12, b = a13, c = a23 and x = ac / b,
 * the characteristic polynomial of a reciprocal 3 x 3 gives
 *     lambda_max = 1 + x^(1/3) + x^(-1/3)
 * and the principal eigenvector is proportional to the geometric means of
 * the rows (for n = 3 the two methods coincide).
 *
 * numpy values (numpy.linalg.eig, /usr/bin/python3):
 *     import numpy as np
 *     RI = [0, 0, .58, .90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]
 *     def ahp(A):
 *         A = np.array(A, float); n = len(A)
 *         vals, vecs = np.linalg.eig(A)
 *         k = np.argmax(vals.real); lam = vals[k].real
 *         w = vecs[:, k].real; w = w / w.sum()
 *         ci = (lam - n) / (n - 1); cr = ci / RI[n - 1]
 *         return w, lam, ci, cr
 * printed with repr() and copied below.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "libforecast.h"

static void near(double got, double want, double tol, const char *what)
{
    cr_assert(fabs(got - want) <= tol, "%s: got %.17g, want %.17g", what, got, want);
}

static lf_ahp_result weigh(const double *m, size_t n)
{
    lf_ahp_result r;
    lf_error err;
    cr_assert_eq(lf_ahp_weights(m, n, &r, &err), LF_OK, "%s", err.message);
    cr_assert_eq(r.n, n);
    return r;
}

/* ---- hand-computed and numpy cases ------------------------------------------------ */

/* a = 3, b = 5, c = 3: x = 9/5, lambda = 1 + 1.8^(1/3) + 1.8^(-1/3) = 3.0385110905581745;
 * rows' geometric means 15^(1/3), 1, 15^(-1/3) -> 0.63699, 0.25828, 0.10473;
 * CI = 0.019255545279087, CR = CI / 0.58 = 0.033199215998426 (numpy agrees to 1e-15). */
Test(ahp, three_by_three_by_hand)
{
    const double m[] = {1, 3, 5, 1.0 / 3, 1, 3, 1.0 / 5, 1.0 / 3, 1};
    lf_ahp_result r = weigh(m, 3);
    double g[3] = {cbrt(15), 1, 1 / cbrt(15)}, sum = g[0] + g[1] + g[2];
    for (int i = 0; i < 3; i++)
        near(r.weights[i], g[i] / sum, 1e-12, "weight (row geometric mean)");
    double lambda = 1 + cbrt(1.8) + 1 / cbrt(1.8);
    near(r.lambda_max, lambda, 1e-12, "lambda_max");
    near(r.ci, (lambda - 3) / 2, 1e-12, "CI");
    near(r.ri, 0.58, 0, "RI of order 3");
    near(r.cr, (lambda - 3) / 2 / 0.58, 1e-12, "CR");
    near(r.weights[0], 0.6369855717447569, 1e-12, "numpy w1");
    near(r.cr, 0.033199215998426276, 1e-12, "numpy CR");
    cr_assert(r.consistent);
}

/* numpy: w = [0.5650090537990473, 0.11750425004139854, 0.26220120556087323,
 * 0.05528549059868092], lambda = 4.11698244344727, CI = 0.03899414781575672,
 * CR = 0.04332683090639635 (RI 0.90).  Largest |ln(a_ij w_j / w_i)| is cell
 * (1, 4): judged 7, the weights imply 10.219843356378357. */
Test(ahp, four_by_four_against_numpy)
{
    const double m[] = {1,       5,       3,       7,                             /**/
                        1.0 / 5, 1,       1.0 / 3, 3,                             /**/
                        1.0 / 3, 3,       1,       5,                             /**/
                        1.0 / 7, 1.0 / 3, 1.0 / 5, 1};
    lf_ahp_result r = weigh(m, 4);
    const double w[] = {0.5650090537990473, 0.11750425004139854, 0.26220120556087323,
                        0.05528549059868092};
    for (int i = 0; i < 4; i++)
        near(r.weights[i], w[i], 1e-12, "weight");
    near(r.lambda_max, 4.11698244344727, 1e-12, "lambda_max");
    near(r.ci, 0.03899414781575672, 1e-12, "CI");
    near(r.ri, 0.90, 0, "RI of order 4");
    near(r.cr, 0.04332683090639635, 1e-12, "CR");
    cr_assert(r.consistent);
    cr_assert_eq(r.worst_row, 0);
    cr_assert_eq(r.worst_col, 3);
    near(r.worst_implied, 10.219843356378357, 1e-10, "implied a14");
}

/* a_ij = w_i / w_j with w proportional to 8, 4, 2, 1: lambda = n exactly,
 * CI = CR = 0 and the weights are 8/15, 4/15, 2/15, 1/15. */
Test(ahp, consistent_matrix_gives_exact_weights)
{
    const double m[] = {1,        2,        4,        8,   /**/
                        1.0 / 2,  1,        2,        4,   /**/
                        1.0 / 4,  1.0 / 2,  1,        2,   /**/
                        1.0 / 8,  1.0 / 4,  1.0 / 2,  1};
    lf_ahp_result r = weigh(m, 4);
    const double w[] = {8.0 / 15, 4.0 / 15, 2.0 / 15, 1.0 / 15};
    for (int i = 0; i < 4; i++)
        near(r.weights[i], w[i], 1e-14, "weight");
    near(r.lambda_max, 4, 1e-12, "lambda_max");
    near(r.ci, 0, 1e-12, "CI");
    near(r.cr, 0, 1e-12, "CR");
    cr_assert(r.ci >= 0, "CI is never below 0: %g", r.ci);
    cr_assert(r.consistent);
}

/* 4 : 2 : 1 is consistent, but LAPACK (as numpy.linalg.eig) returns lambda =
 * 2.999999999999999, a hair below n: CI and CR are reported as 0, never
 * negative. */
Test(ahp, rounding_below_n_is_no_negative_ci)
{
    const double m[] = {1, 2, 4, 1.0 / 2, 1, 2, 1.0 / 4, 1.0 / 2, 1};
    lf_ahp_result r = weigh(m, 3);
    near(r.lambda_max, 3, 1e-12, "lambda_max");
    near(r.weights[0], 4.0 / 7, 1e-14, "w1");
    cr_assert(r.ci >= 0, "CI %g", r.ci);
    cr_assert(r.cr >= 0, "CR %g", r.cr);
}

Test(ahp, order_one)
{
    const double m[] = {1};
    lf_ahp_result r = weigh(m, 1);
    near(r.weights[0], 1, 1e-15, "weight");
    near(r.lambda_max, 1, 1e-15, "lambda_max");
    near(r.ci, 0, 0, "CI");
    near(r.cr, 0, 0, "CR");
    cr_assert(r.consistent);
}

/* Any reciprocal 2 x 2 is consistent: w1 / w2 = a12 = 4, so 0.8 and 0.2; lambda 2. */
Test(ahp, order_two)
{
    const double m[] = {1, 4, 0.25, 1};
    lf_ahp_result r = weigh(m, 2);
    near(r.weights[0], 0.8, 1e-14, "w1");
    near(r.weights[1], 0.2, 1e-14, "w2");
    near(r.lambda_max, 2, 1e-14, "lambda_max");
    near(r.ci, 0, 1e-14, "CI");
    near(r.cr, 0, 0, "CR is 0 for n = 2 (RI 0)");
    cr_assert(r.consistent);
}

/* ---- acceptance at CR 0.1 ------------------------------------------------------------ */

/* By the 3 x 3 formula: a = 2, b = 3, c = 4: x = 8/3, lambda = 3.10784733385497,
 * CR = 0.0929718395301 (accepted); a = b = c = 3: x = 3, lambda =
 * 3.13561084465804, CR = 0.1169059005673 (rejected).  numpy agrees to 1e-14. */
Test(ahp, consistency_ratio_either_side_of_the_limit)
{
    const double ok[] = {1, 2, 3, 1.0 / 2, 1, 4, 1.0 / 3, 1.0 / 4, 1};
    const double bad[] = {1, 3, 3, 1.0 / 3, 1, 3, 1.0 / 3, 1.0 / 3, 1};
    lf_ahp_result r;
    lf_error err;
    double x = 8.0 / 3, lambda = 1 + cbrt(x) + 1 / cbrt(x);
    cr_assert_eq(lf_ahp_weights_consistent(ok, 3, &r, &err), LF_OK, "%s", err.message);
    near(r.cr, (lambda - 3) / 2 / 0.58, 1e-12, "CR of the accepted matrix");
    near(r.cr, 0.09297183953015146, 1e-12, "numpy CR");
    cr_assert(r.consistent);

    x = 3;
    lambda = 1 + cbrt(x) + 1 / cbrt(x);
    cr_assert_eq(lf_ahp_weights_consistent(bad, 3, &r, &err), LF_ERR_ARG);
    near(r.cr, (lambda - 3) / 2 / 0.58, 1e-12, "CR of the rejected matrix");
    cr_assert_not(r.consistent);
    cr_assert(strstr(err.message, "CR = 0.1169"), "%s", err.message);
}

/* a_14 reversed in the consistent 8:4:2:1 matrix (1/8 for 8, 8 for 1/8).
 * numpy: lambda = 6.734647601587597, CI = 0.9115492005291991,
 * CR = 1.0128324450324433, w = [0.21761204668097275, 0.301673418337241,
 * 0.1508367091686205, 0.3298778258131658]; the farthest judgement is cell
 * (1, 4) (|ln| 1.663 against 1.476 for the next), implied 0.6596746724171225. */
Test(ahp, inconsistent_matrix_is_rejected_with_its_cr)
{
    const double m[] = {1,       2,        4,        1.0 / 8,   /**/
                        1.0 / 2, 1,        2,        4,         /**/
                        1.0 / 4, 1.0 / 2,  1,        2,         /**/
                        8,       1.0 / 4,  1.0 / 2,  1};
    lf_ahp_result r = weigh(m, 4);   /* computing is fine; it is not consistent */
    cr_assert_not(r.consistent);

    lf_error err;
    memset(&r, 0, sizeof r);
    cr_assert_eq(lf_ahp_weights_consistent(m, 4, &r, &err), LF_ERR_ARG);
    cr_assert_eq(err.code, LF_ERR_ARG);
    near(r.lambda_max, 6.734647601587597, 1e-12, "lambda_max of the rejected matrix");
    near(r.ci, 0.9115492005291991, 1e-12, "CI");
    near(r.cr, 1.0128324450324433, 1e-12, "CR");
    const double w[] = {0.21761204668097275, 0.301673418337241, 0.1508367091686205,
                        0.3298778258131658};
    for (int i = 0; i < 4; i++)
        near(r.weights[i], w[i], 1e-12, "weight");
    cr_assert_eq(r.worst_row, 0);
    cr_assert_eq(r.worst_col, 3);
    near(r.worst_implied, 0.6596746724171225, 1e-10, "implied a14");
    cr_assert(strstr(err.message, "CR = 1.0128"), "%s", err.message);
    cr_assert(strstr(err.message, "revise the judgements"), "%s", err.message);
    cr_assert(strstr(err.message, "cell (1, 4): 0.125 where the weights imply 0.66"), "%s",
              err.message);
}

/* ---- malformed matrices ---------------------------------------------------------------- */

static void rejected(const double *m, size_t n, const char *expect)
{
    lf_ahp_result r;
    lf_error err;
    cr_assert_eq(lf_ahp_weights(m, n, &r, &err), LF_ERR_ARG, "expected: %s", expect);
    cr_assert(strstr(err.message, expect), "got '%s', expected '%s'", err.message, expect);
}

Test(ahp, non_reciprocal_cell_is_named)
{
    const double m[] = {1, 3, 5, 1.0 / 3, 1, 3, 0.5, 1.0 / 3, 1};
    rejected(m, 3, "not reciprocal: cell (1, 3) is 5 but cell (3, 1) is 0.5, not 1/5 = 0.2");
}

/* 0.333 for 1/3 is off by 1e-3, far beyond 1e-6; 1/3 rounded to 9 digits is within. */
Test(ahp, reciprocal_tolerance_is_relative_1e6)
{
    const double typed[] = {1, 3, 0.333, 1};
    rejected(typed, 2, "cell (1, 2) is 3 but cell (2, 1) is 0.333");
    const double close[] = {1, 3, 0.333333333, 1};
    weigh(close, 2);
}

Test(ahp, diagonal_and_positivity)
{
    const double diag[] = {1, 2, 0.5, 2};
    rejected(diag, 2, "cell (2, 2) is 2; the diagonal must be 1");
    const double neg[] = {1, -2, -0.5, 1};
    rejected(neg, 2, "cell (1, 2) is -2; a comparison must be a positive number");
    const double nan[] = {1, 2, NAN, 1};
    rejected(nan, 2, "cell (2, 1) is nan");
    const double zero[] = {1, 0, 0, 1};
    rejected(zero, 2, "cell (1, 2) is 0; a comparison must be a positive number");
    const double inf[] = {1, INFINITY, 0, 1};
    rejected(inf, 2, "cell (1, 2) is inf; a comparison must be a positive number");
}

Test(ahp, order_out_of_range)
{
    double m[16 * 16];
    for (int i = 0; i < 16 * 16; i++)
        m[i] = 1;
    rejected(m, 0, "1 to 15 rows, got 0");
    rejected(m, 16, "1 to 15 rows, got 16");
    rejected(NULL, 3, "no AHP matrix");
    lf_ahp_result r = weigh(m, 15);   /* all ones: consistent, equal weights */
    near(r.weights[14], 1.0 / 15, 1e-14, "equal weights");
    near(r.ri, 1.59, 0, "RI of order 15");
}

/* ---- helpers ----------------------------------------------------------------------------- */

Test(ahp, complete_fills_exact_reciprocals)
{
    double m[9] = {7, 3, 5, /**/ 0, 9, 3, /**/ 0, 0, 9};   /* lower half and diagonal ignored */
    lf_error err;
    cr_assert_eq(lf_ahp_complete(m, 3, &err), LF_OK, "%s", err.message);
    cr_assert_eq(m[0], 1);
    cr_assert_eq(m[4], 1);
    cr_assert_eq(m[8], 1);
    cr_assert_eq(m[3], 1.0 / 3);
    cr_assert_eq(m[6], 1.0 / 5);
    cr_assert_eq(m[7], 1.0 / 3);
    near(weigh(m, 3).cr, 0.033199215998426276, 1e-12, "the 3 x 3 of the first test");
    double bad[4] = {1, -1, 0, 1};
    cr_assert_eq(lf_ahp_complete(bad, 2, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "cell (1, 2) is -1"), "%s", err.message);
}

Test(ahp, random_index_table)
{
    const double ri[] = {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48,
                         1.56, 1.57, 1.59};
    for (size_t n = 1; n <= 15; n++)
        near(lf_ahp_random_index(n), ri[n - 1], 0, "RI");
    cr_assert(isnan(lf_ahp_random_index(0)));
    cr_assert(isnan(lf_ahp_random_index(16)));
}
