/* ahp.c - AHP weights of a pairwise-comparison matrix: principal eigenvector,
 * lambda_max, consistency index and ratio (credit.h, "AHP weights").
 *
 * The eigenvector comes from LAPACK's dgeev rather than power iteration.
 * Power iteration converges at the rate |lambda_2| / lambda_max, which is
 * slowest for the badly inconsistent matrices whose CR we still have to
 * report exactly, and would need an iteration cap and a tolerance to tune;
 * dgeev is accurate to rounding whatever the spectrum, LAPACK is already a
 * dependency (least squares), and it reports failure by its info code,
 * never through an aborting handler as GSL's eigen routines would.  The
 * order is at most 15, so all of it lives on the stack.
 */
#include <lapacke.h>
#include <math.h>
#include <string.h>

#include "libforecast/credit.h"

#define RECIPROCAL_TOLERANCE 1e-6
/* Any lwork >= 4n is valid for dgeev with right vectors; this is ample for
 * the blocked path at n <= 15 and avoids a workspace query. */
#define DGEEV_LWORK (64 * LF_AHP_MAX)

/* Saaty (1980), The Analytic Hierarchy Process, random index for n = 1..15.
 * The dip at n = 12 is in the source table. */
static const double RANDOM_INDEX[LF_AHP_MAX] = {0,    0,    0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                                                1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};

double lf_ahp_random_index(size_t n)
{
    return n >= 1 && n <= LF_AHP_MAX ? RANDOM_INDEX[n - 1] : NAN;
}

static int check_order(const double *matrix, size_t n, lf_error *err)
{
    if (!matrix)
        return lf_error_set(err, LF_ERR_ARG, "no AHP matrix given");
    if (n < 1 || n > LF_AHP_MAX)
        return lf_error_set(err, LF_ERR_ARG, "an AHP matrix has 1 to %d rows, got %zu",
                            LF_AHP_MAX, n);
    return LF_OK;
}

static int check_cell_positive(const double *m, size_t n, size_t i, size_t j, lf_error *err)
{
    double a = m[i * n + j];
    if (!(a > 0 && isfinite(a)))
        return lf_error_set(err, LF_ERR_ARG, "AHP matrix cell (%zu, %zu) is %g; a comparison "
                            "must be a positive number", i + 1, j + 1, a);
    return LF_OK;
}

/* Positive, diagonal 1, a_ji = 1 / a_ij within the relative tolerance. */
static int check_reciprocal(const double *m, size_t n, lf_error *err)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (check_cell_positive(m, n, i, j, err))
                return LF_ERR_ARG;
    for (size_t i = 0; i < n; i++) {
        if (fabs(m[i * n + i] - 1) > RECIPROCAL_TOLERANCE)
            return lf_error_set(err, LF_ERR_ARG, "AHP matrix cell (%zu, %zu) is %g; the "
                                "diagonal must be 1", i + 1, i + 1, m[i * n + i]);
        for (size_t j = i + 1; j < n; j++) {
            double a = m[i * n + j], b = m[j * n + i];
            if (fabs(a * b - 1) > RECIPROCAL_TOLERANCE)
                return lf_error_set(err, LF_ERR_ARG, "AHP matrix is not reciprocal: cell "
                                    "(%zu, %zu) is %g but cell (%zu, %zu) is %g, not 1/%g = "
                                    "%g", i + 1, j + 1, a, j + 1, i + 1, b, a, 1 / a);
        }
    }
    return LF_OK;
}

/* The Perron root of a positive matrix is real, simple and the largest
 * eigenvalue, so it is the real eigenvalue with the largest real part. */
static int perron_index(const double *wr, const double *wi, size_t n, size_t *k)
{
    int found = 0;
    for (size_t j = 0; j < n; j++)
        if (wi[j] == 0 && (!found || wr[j] > wr[*k])) {
            *k = j;
            found = 1;
        }
    return found;
}

/* Column k of vr (column-major) scaled to sum 1; all entries of a Perron
 * vector share one sign, anything else means the solver went wrong. */
static int perron_weights(const double *vr, size_t n, size_t k, double *w)
{
    const double *v = vr + k * n;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    for (size_t i = 0; i < n; i++) {
        w[i] = v[i] / sum;
        if (!(w[i] > 0))
            return -1;
    }
    return 0;
}

static int principal_eigen(const double *m, size_t n, lf_ahp_result *out, lf_error *err)
{
    double a[LF_AHP_MAX * LF_AHP_MAX], vr[LF_AHP_MAX * LF_AHP_MAX];
    double wr[LF_AHP_MAX], wi[LF_AHP_MAX], work[DGEEV_LWORK], vl[1];
    for (size_t i = 0; i < n; i++)      /* row-major in, column-major for LAPACK */
        for (size_t j = 0; j < n; j++)
            a[i + j * n] = m[i * n + j];
    lapack_int nn = (lapack_int)n;
    lapack_int info = LAPACKE_dgeev_work(LAPACK_COL_MAJOR, 'N', 'V', nn, a, nn, wr, wi, vl,
                                         1, vr, nn, work, DGEEV_LWORK);
    size_t k = 0;
    if (info != 0 || !perron_index(wr, wi, n, &k) || perron_weights(vr, n, k, out->weights))
        return lf_error_set(err, LF_ERR_SOLVER, "the eigenvalues of the AHP matrix could not "
                            "be computed (LAPACK dgeev info %d)", (int)info);
    out->lambda_max = wr[k];
    return LF_OK;
}

/* Saaty's advice: revise first the judgement a_ij farthest from w_i / w_j. */
static void worst_judgement(const double *m, size_t n, lf_ahp_result *out)
{
    double worst = -1;
    out->worst_row = out->worst_col = 0;
    out->worst_implied = 1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double implied = out->weights[i] / out->weights[j];
            double d = fabs(log(m[i * n + j] / implied));
            if (d > worst) {
                worst = d;
                out->worst_row = i;
                out->worst_col = j;
                out->worst_implied = implied;
            }
        }
}

static void consistency(size_t n, lf_ahp_result *out)
{
    /* lambda_max >= n in exact arithmetic; a CI below 0 is rounding. */
    out->ci = n > 1 ? fmax(0, (out->lambda_max - (double)n) / (double)(n - 1)) : 0;
    out->ri = RANDOM_INDEX[n - 1];
    out->cr = n > 2 ? out->ci / out->ri : 0;
    out->consistent = out->cr < LF_AHP_CR_LIMIT;
}

int lf_ahp_weights(const double *matrix, size_t n, lf_ahp_result *out, lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "no AHP result to fill");
    memset(out, 0, sizeof *out);
    int rc = check_order(matrix, n, err);
    if (!rc)
        rc = check_reciprocal(matrix, n, err);
    if (!rc)
        rc = principal_eigen(matrix, n, out, err);
    if (rc)
        return rc;
    out->n = n;
    consistency(n, out);
    worst_judgement(matrix, n, out);
    return LF_OK;
}

int lf_ahp_weights_consistent(const double *matrix, size_t n, lf_ahp_result *out,
                              lf_error *err)
{
    int rc = lf_ahp_weights(matrix, n, out, err);
    if (rc || out->consistent)
        return rc;
    return lf_error_set(err, LF_ERR_ARG, "the AHP matrix is not consistent enough: CR = %.4f "
                        "(CI %.4f / RI %.2f), it must be below %g; revise the judgements, "
                        "first cell (%zu, %zu): %g where the weights imply %.3g",
                        out->cr, out->ci, out->ri, LF_AHP_CR_LIMIT, out->worst_row + 1,
                        out->worst_col + 1, matrix[out->worst_row * n + out->worst_col],
                        out->worst_implied);
}

int lf_ahp_complete(double *matrix, size_t n, lf_error *err)
{
    int rc = check_order(matrix, n, err);
    for (size_t i = 0; !rc && i < n; i++)
        for (size_t j = i + 1; !rc && j < n; j++)
            rc = check_cell_positive(matrix, n, i, j, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        matrix[i * n + i] = 1;
        for (size_t j = i + 1; j < n; j++)
            matrix[j * n + i] = 1 / matrix[i * n + j];
    }
    return LF_OK;
}
