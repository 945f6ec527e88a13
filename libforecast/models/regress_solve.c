/* regress_solve.c - least squares by Householder QR (LAPACK): choosing the
 * usable rows, dropping columns that add nothing to the ones before them,
 * and solving OLS, WLS and ridge.  See regress.h for the rules. */
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regress_internal.h"

void lf_regress_options_init(lf_regress_options *opt)
{
    opt->method = LF_FIT_OLS;
    opt->ridge_lambda = 1;
    opt->collinear = LF_COLLINEAR_DROP;
    opt->rank_tol = 1e-9;
}

const char *lf_fit_method_name(lf_fit_method method)
{
    static const char *const names[] = {"ols", "wls", "ridge"};
    return (unsigned)method < 3 ? names[method] : "?";
}

void lf_lsq_free(lf_lsq *q)
{
    free(q->rows);
    free(q->xw);
    free(q->yw);
    free(q->norms);
    free(q->dropped);
    free(q->notes);
    free(q->kept);
    free(q->qr);
    free(q->tau);
    free(q->beta);
    memset(q, 0, sizeof *q);
}

static int nomem(lf_error *err)
{
    return lf_error_set(err, LF_ERR_NOMEM, "out of memory fitting a regression");
}

static int check_options(const lf_regress_options *o, const double *w, lf_error *err)
{
    if ((unsigned)o->method > LF_FIT_RIDGE)
        return lf_error_set(err, LF_ERR_ARG, "unknown fitting method %d", (int)o->method);
    if (o->method == LF_FIT_WLS && !w)
        return lf_error_set(err, LF_ERR_ARG, "weighted least squares needs weights");
    if (o->method == LF_FIT_RIDGE && !(o->ridge_lambda >= 0 && isfinite(o->ridge_lambda)))
        return lf_error_set(err, LF_ERR_ARG, "ridge lambda must be a finite number >= 0, "
                            "got %g", o->ridge_lambda);
    if (!(o->rank_tol > 0 && o->rank_tol < 1))
        return lf_error_set(err, LF_ERR_ARG, "rank tolerance must be in (0, 1), got %g",
                            o->rank_tol);
    return LF_OK;
}

static int infinite(const lf_design *d, size_t i, const char *what, lf_error *err)
{
    char day[LF_DATE_STRLEN];
    lf_date_format(d->first + (lf_date)i, day);
    return lf_error_set(err, LF_ERR_DATA, "%s is not finite on %s (row %zu)", what, day, i + 1);
}

/* Classify row i: 1 usable, 0 left out (counted), or an error. */
static int usable_row(lf_lsq *q, size_t i, lf_error *err)
{
    const lf_design *d = q->design;
    if (isinf(q->y[i]))
        return -infinite(d, i, "the target", err);
    if (q->w && q->opt.method == LF_FIT_WLS && !(q->w[i] >= 0 && isfinite(q->w[i]))) {
        char what[64];
        snprintf(what, sizeof what, "the weight (%g)", q->w[i]);
        return -(q->w[i] < 0 ? lf_error_set(err, LF_ERR_DATA, "weights must be >= 0; "
                                            "row %zu has %g", i + 1, q->w[i])
                             : infinite(d, i, what, err));
    }
    int missing = 0;
    for (size_t j = 0; j < d->ncols; j++) {
        double v = lf_design_column(d, j)[i];
        if (isinf(v)) {
            char what[LF_DESIGN_NAME_MAX + 16];
            snprintf(what, sizeof what, "column '%s'", d->names[j]);
            return -infinite(d, i, what, err);
        }
        missing |= isnan(v);
    }
    if (isnan(q->y[i])) {
        q->missing_target++;
        return 0;
    }
    if (missing || (q->opt.method == LF_FIT_WLS && q->w[i] == 0)) {
        q->missing_input++;
        return 0;
    }
    return 1;
}

/* Name the culprit when no row is usable: a column without any value. */
static int no_usable_row(const lf_lsq *q, lf_error *err)
{
    const lf_design *d = q->design;
    for (size_t j = 0; j < d->ncols; j++) {
        size_t i = 0;
        while (i < d->nrows && isnan(lf_design_column(d, j)[i]))
            i++;
        if (i == d->nrows)
            return lf_error_set(err, LF_ERR_DATA, "column '%s' has no value in any of the "
                                "%zu rows", d->names[j], d->nrows);
    }
    return lf_error_set(err, LF_ERR_DATA, "no usable row: of %zu rows, %zu lack the target "
                        "and %zu an input", d->nrows, q->missing_target, q->missing_input);
}

static int select_rows(lf_lsq *q, lf_error *err)
{
    const lf_design *d = q->design;
    q->rows = malloc(d->nrows * sizeof *q->rows);
    if (!q->rows)
        return nomem(err);
    for (size_t i = 0; i < d->nrows; i++) {
        int ok = usable_row(q, i, err);
        if (ok < 0)
            return -ok;
        if (ok)
            q->rows[q->m++] = i;
    }
    if (q->m == 0)
        return no_usable_row(q, err);
    return LF_OK;
}

/* Copy the usable rows, scaled by sqrt(w) for WLS. */
static int gather(lf_lsq *q, lf_error *err)
{
    size_t m = q->m, p = q->p;
    q->xw = malloc(m * p * sizeof *q->xw);
    q->yw = malloc(m * sizeof *q->yw);
    q->norms = calloc(p, sizeof *q->norms);
    q->dropped = calloc(p, sizeof *q->dropped);
    q->notes = calloc(p, sizeof *q->notes);
    q->kept = malloc(p * sizeof *q->kept);
    if (!q->xw || !q->yw || !q->norms || !q->dropped || !q->notes || !q->kept)
        return nomem(err);
    for (size_t r = 0; r < m; r++) {
        size_t i = q->rows[r];
        double s = q->opt.method == LF_FIT_WLS ? sqrt(q->w[i]) : 1;
        q->yw[r] = s * q->y[i];
        for (size_t j = 0; j < p; j++)
            q->xw[j * m + r] = s * lf_design_column(q->design, j)[i];
    }
    for (size_t j = 0; j < p; j++) {
        double ss = 0;
        for (size_t r = 0; r < m; r++)
            ss += q->xw[j * m + r] * q->xw[j * m + r];
        q->norms[j] = sqrt(ss);
    }
    return LF_OK;
}

/* QR of the kept columns of xw (plus ridge rows when penalised). */
static int factor(lf_lsq *q, int penalise, lf_error *err)
{
    size_t m = q->m, k = q->k, extra = 0;
    const double *pen = NULL;
    double *scale = NULL;
    if (penalise) {
        scale = calloc(k, sizeof *scale);
        if (!scale)
            return nomem(err);
        for (size_t c = 0; c < k; c++) {
            const double *x = q->xw + q->kept[c] * m;
            double mean = 0, ss = 0;
            for (size_t r = 0; r < m; r++)
                mean += x[r] / (double)m;
            for (size_t r = 0; r < m; r++)
                ss += (x[r] - mean) * (x[r] - mean);
            scale[c] = sqrt(ss / (double)m); /* 0 for a constant: not penalised */
            extra += scale[c] > 0;
        }
        pen = scale;
    }
    size_t rows = m + extra;
    free(q->qr);
    free(q->tau);
    q->qr = calloc(rows * k, sizeof *q->qr);
    q->tau = malloc(k * sizeof *q->tau);
    if (!q->qr || !q->tau) {
        free(scale);
        return nomem(err);
    }
    q->qr_rows = rows;
    for (size_t c = 0, e = m; c < k; c++) {
        memcpy(q->qr + c * rows, q->xw + q->kept[c] * m, m * sizeof *q->qr);
        if (pen && pen[c] > 0)
            q->qr[c * rows + e++] = sqrt(q->opt.ridge_lambda) * pen[c];
    }
    free(scale);
    lapack_int info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, (lapack_int)rows, (lapack_int)k, q->qr,
                                     (lapack_int)rows, q->tau);
    if (info != 0)
        return lf_error_set(err, LF_ERR_DATA, "QR factorisation failed (LAPACK dgeqrf info "
                            "%d)", (int)info);
    return LF_OK;
}

static int is_constant(const lf_lsq *q, size_t j)
{
    const double *x = lf_design_column(q->design, j);
    for (size_t r = 1; r < q->m; r++)
        if (x[q->rows[r]] != x[q->rows[0]])
            return 0;
    return x[q->rows[0]] != 0;
}

/* Why kept column c (position in the factor) depends on the ones before it:
 * solve R11 a = R12 and name the largest contributions. */
static void explain(lf_lsq *q, size_t c)
{
    size_t j = q->kept[c];
    char *note = q->notes[j];
    size_t notesz = sizeof q->notes[j];
    if (is_constant(q, j)) {
        int intercept = 0;
        for (size_t i = 0; i < c; i++)
            intercept |= is_constant(q, q->kept[i]);
        snprintf(note, notesz, intercept ? "constant in the rows used (the intercept already "
                 "covers it)" : "constant in the rows used (earlier columns, e.g. a full "
                 "set of dummies, already add up to a constant)");
        return;
    }
    size_t rows = q->qr_rows;
    double *a = c > 0 ? malloc(c * sizeof *a) : NULL;
    for (size_t i = 0; a && i < c; i++)
        a[i] = q->qr[c * rows + i];
    if (!a || LAPACKE_dtrtrs(LAPACK_COL_MAJOR, 'U', 'N', 'N', (lapack_int)c, 1, q->qr,
                             (lapack_int)rows, a, (lapack_int)c) != 0) {
        snprintf(note, notesz, "adds nothing to the columns before it");
        free(a);
        return;
    }
    size_t used = (size_t)snprintf(note, notesz, "a combination of earlier columns:");
    for (int shown = 0; shown < 3; shown++) {
        size_t best = c;
        double best_size = 1e-6 * q->norms[j];
        for (size_t i = 0; i < c; i++) {
            double size = fabs(a[i]) * q->norms[q->kept[i]];
            if (size > best_size) {
                best = i;
                best_size = size;
            }
        }
        if (best == c || used >= notesz)
            break;
        used += (size_t)snprintf(note + used, notesz - used, "%s %s", shown ? "," : "",
                                 q->design->names[q->kept[best]]);
        a[best] = 0;
    }
    free(a);
}

/* Drop all-zero columns, then repeatedly the first kept column whose R
 * diagonal is negligible against its norm, refactoring after each drop. */
static int choose_columns(lf_lsq *q, lf_error *err)
{
    q->k = 0;
    for (size_t j = 0; j < q->p; j++) {
        if (q->norms[j] == 0) {
            q->dropped[j] = 1;
            snprintf(q->notes[j], sizeof q->notes[j], "all zero in the rows used (this "
                     "level or event never occurs in the training days)");
        } else {
            q->kept[q->k++] = j;
        }
    }
    for (;;) {
        if (q->k == 0)
            return lf_error_set(err, LF_ERR_DATA, "every design column is zero in the rows "
                                "used");
        int rc = factor(q, 0, err);
        if (rc != LF_OK)
            return rc;
        /* R has only m diagonal entries: with more kept columns than usable
         * rows, column m lies in the span of the m columns before it */
        size_t c = 0;
        while (c < q->k && c < q->m && fabs(q->qr[c * q->qr_rows + c]) >
                               q->opt.rank_tol * q->norms[q->kept[c]])
            c++;
        if (c == q->k)
            return LF_OK;
        explain(q, c);
        q->dropped[q->kept[c]] = 1;
        memmove(q->kept + c, q->kept + c + 1, (q->k - c - 1) * sizeof *q->kept);
        q->k--;
    }
}

static int reject_dropped(const lf_lsq *q, lf_error *err)
{
    for (size_t j = 0; j < q->p; j++)
        if (q->dropped[j])
            return lf_error_set(err, LF_ERR_DATA, "design column '%s' is %s (collinear "
                                "columns are rejected; drop it from the spec or use "
                                "collinear: drop)", q->design->names[j], q->notes[j]);
    return LF_OK;
}

/* beta = R^-1 (Q'y)[0:k]; SSR from the residuals themselves. */
static int back_substitute(lf_lsq *q, lf_error *err)
{
    size_t rows = q->qr_rows, k = q->k, m = q->m;
    double *qty = calloc(rows, sizeof *qty);
    q->beta = malloc(k * sizeof *q->beta);
    if (!qty || !q->beta) {
        free(qty);
        return nomem(err);
    }
    memcpy(qty, q->yw, m * sizeof *qty); /* ridge rows have target 0 */
    lapack_int info = LAPACKE_dormqr(LAPACK_COL_MAJOR, 'L', 'T', (lapack_int)rows, 1,
                                     (lapack_int)k, q->qr, (lapack_int)rows, q->tau, qty,
                                     (lapack_int)rows);
    if (info == 0)
        info = LAPACKE_dtrtrs(LAPACK_COL_MAJOR, 'U', 'N', 'N', (lapack_int)k, 1, q->qr,
                              (lapack_int)rows, qty, (lapack_int)rows);
    if (info != 0) {
        free(qty);
        return lf_error_set(err, LF_ERR_DATA, "solving the least-squares system failed "
                            "(LAPACK info %d)", (int)info);
    }
    memcpy(q->beta, qty, k * sizeof *q->beta);
    free(qty);
    q->ssr = 0;
    for (size_t r = 0; r < m; r++) {
        double fit = 0;
        for (size_t c = 0; c < k; c++)
            fit += q->xw[q->kept[c] * m + r] * q->beta[c];
        q->ssr += (q->yw[r] - fit) * (q->yw[r] - fit);
    }
    return LF_OK;
}

/* Total sum of squares: centred on the weighted mean when a column is constant. */
static void total_ss(lf_lsq *q, int has_const)
{
    double sw = 0, swy = 0;
    for (size_t r = 0; r < q->m; r++) {
        double w = q->opt.method == LF_FIT_WLS ? q->w[q->rows[r]] : 1;
        sw += w;
        swy += w * q->y[q->rows[r]];
    }
    double mean = has_const ? swy / sw : 0;
    q->tss = 0;
    for (size_t r = 0; r < q->m; r++) {
        double w = q->opt.method == LF_FIT_WLS ? q->w[q->rows[r]] : 1;
        double dev = q->y[q->rows[r]] - mean;
        q->tss += w * dev * dev;
    }
}

int lf_lsq_has_const(const lf_lsq *q)
{
    for (size_t c = 0; c < q->k; c++)
        if (is_constant(q, q->kept[c]))
            return 1;
    return 0;
}

int lf_lsq_solve(lf_lsq *q, const lf_design *design, const double *y, const double *w,
                 const lf_regress_options *opt, lf_error *err)
{
    memset(q, 0, sizeof *q);
    if (!design || !y)
        return lf_error_set(err, LF_ERR_ARG, "a regression needs a design and a target");
    lf_regress_options_init(&q->opt);
    if (opt)
        q->opt = *opt;
    int rc = check_options(&q->opt, w, err);
    if (rc != LF_OK)
        return rc;
    q->design = design;
    q->y = y;
    q->w = q->opt.method == LF_FIT_WLS ? w : NULL;
    q->p = design->ncols;
    rc = select_rows(q, err);
    if (rc == LF_OK)
        rc = gather(q, err);
    if (rc == LF_OK)
        rc = choose_columns(q, err);
    if (rc == LF_OK && q->opt.collinear == LF_COLLINEAR_REJECT)
        rc = reject_dropped(q, err);
    if (rc == LF_OK && q->m < q->k + 1)
        rc = lf_error_set(err, LF_ERR_DATA, "too few rows: %zu usable rows for %zu "
                          "coefficients (need at least one more row than coefficients; "
                          "%zu rows lack the target, %zu an input)", q->m, q->k,
                          q->missing_target, q->missing_input);
    if (rc == LF_OK && q->opt.method == LF_FIT_RIDGE)
        rc = factor(q, 1, err);
    if (rc == LF_OK)
        rc = back_substitute(q, err);
    if (rc == LF_OK)
        total_ss(q, lf_lsq_has_const(q));
    q->k_eff = (double)q->k;
    return rc;
}
