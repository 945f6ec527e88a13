/* libforecast/regress.h - linear least squares on a design: OLS, WLS, ridge.
 *
 * Fitting uses Householder QR from LAPACK on the design itself (never the
 * normal equations), so accuracy follows the conditioning of X, not of X'X.
 * Reproducible bit for bit for a given BLAS and thread count: a threaded
 * BLAS (OpenBLAS splits LAPACK's matrix-vector products between threads
 * above a size) rounds differently, some 1e-12 relative in the estimates and
 * everything made from them.  lfc runs OpenBLAS on one thread; a host
 * program chooses its own (the Python binding: lf.blas_threads).
 *
 * Rows: a row whose target or any design value is NaN is left out and
 * counted (nobs_missing_target, nobs_missing_input), as is a WLS row of
 * weight 0.  An infinite value, a negative or non-finite weight, fewer usable
 * rows than kept columns + 1, or no usable column is an error.
 *
 * Columns: column j is dropped when it is (numerically) a combination of the
 * kept columns before it - an all-zero or constant column (with an
 * intercept), a dummy whose level never occurs, a duplicate, one dummy too
 * many.  Earlier columns win, so the intercept, trend and main effects stay
 * and the later, redundant column goes.  The test is |R_jj| <= rank_tol *
 * ||x_j|| in an unpivoted QR of the usable rows (R_jj is the distance of x_j
 * from the span of the columns before it).  With LF_COLLINEAR_DROP (default)
 * the column's estimate is 0 with NaN statistics and a note says why; with
 * LF_COLLINEAR_REJECT the fit fails with that note as the message.
 *
 * Statistics follow statsmodels' OLS/WLS (so results can be compared):
 *   k = kept columns, n = usable rows, df_resid = n - k, sigma^2 = SSR / df_resid,
 *   R^2 = 1 - SSR / TSS, TSS centred on the (weighted) mean when there is an
 *   intercept (a constant column), otherwise uncentred;
 *   adj R^2 = 1 - (n - c) / df_resid (1 - R^2), c = 1 with an intercept else 0;
 *   loglik = -n/2 (log(2 pi SSR / n) + 1) (+ 1/2 sum log w for WLS);
 *   AIC = -2 loglik + 2k, BIC = -2 loglik + k log n,
 *   AICc = AIC + 2k(k + 1) / (n - k - 1)   (k counts coefficients, not sigma);
 *   SSR and TSS weighted for WLS.
 * Ridge minimises SSR + lambda sum_j (s_j b_j)^2 over the non-constant
 * columns, s_j the column's standard deviation (so lambda does not depend on
 * units; the intercept is not penalised).  Its statistics use the effective
 * degrees of freedom k_eff = trace of the hat matrix in place of k, and the
 * covariance sigma^2 (X'X + P)^-1 X'X (X'X + P)^-1; its t statistics and
 * intervals are approximate (ridge estimates are biased).
 */
#ifndef LIBFORECAST_REGRESS_H
#define LIBFORECAST_REGRESS_H

#include <stddef.h>
#include <stdio.h>

#include "libforecast/design.h"
#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lf_fit_method { LF_FIT_OLS = 0, LF_FIT_WLS, LF_FIT_RIDGE } lf_fit_method;
typedef enum lf_collinear_policy { LF_COLLINEAR_DROP = 0, LF_COLLINEAR_REJECT } lf_collinear_policy;

typedef struct lf_regress_options {
    lf_fit_method method;          /* default OLS */
    double ridge_lambda;           /* ridge penalty >= 0 (default 1) */
    lf_collinear_policy collinear; /* default drop */
    double rank_tol;               /* default 1e-9 */
} lf_regress_options;

void lf_regress_options_init(lf_regress_options *opt);
/* "ols", "wls", "ridge". */
const char *lf_fit_method_name(lf_fit_method method);

typedef struct lf_coef {
    char name[LF_DESIGN_NAME_MAX];
    lf_driver driver;
    int dropped;                  /* 1: left out (collinear or empty); see note */
    double estimate;              /* 0 when dropped */
    double std_error, t, p_value; /* NaN when dropped */
    char note[160];               /* why it was dropped, "" otherwise */
} lf_coef;

typedef struct lf_fit_stats {
    size_t nobs;                  /* rows used */
    size_t nobs_missing_target;   /* rows left out: target NaN */
    size_t nobs_missing_input;    /* rows left out: a design value NaN (or weight 0) */
    size_t nparams;               /* kept columns k */
    size_t ndropped;              /* dropped columns */
    double df_model, df_resid;    /* k - c and n - k (effective for ridge) */
    double ssr, tss, sigma, r2, adj_r2, loglik, aic, aicc, bic;
    double condition;             /* 2-norm condition of the kept, column-scaled design */
} lf_fit_stats;

/* A fitted regression.  Read-only for callers; free with lf_regress_free. */
typedef struct lf_regress {
    lf_fit_method method;
    double ridge_lambda;
    size_t ncoef;                 /* = design columns, in design order */
    lf_coef *coef;
    lf_fit_stats stats;
    size_t nrows;                 /* rows of the training design */
    lf_date first;                /* its first date */
    double *fitted;               /* nrows: for every row with inputs (NaN otherwise) */
    double *residuals;            /* nrows: target - fitted where both exist */
    double *weights;              /* nrows: 1 for OLS/ridge, the WLS weight; 0 for
                                     every row left out of the fit */
    struct lf_regress_private *priv_;
} lf_regress;

/* Fit y (design->nrows values) on the design, with weights w for WLS (NULL
 * otherwise; required for WLS).  opt NULL = defaults. */
int lf_regress_fit(const lf_design *design, const double *y, const double *w,
                   const lf_regress_options *opt, lf_regress **out, lf_error *err);
void lf_regress_free(lf_regress *fit); /* NULL allowed */

/* Coefficient covariance of the kept columns, k x k row-major, in design order
 * skipping dropped columns (the memory belongs to fit). */
const double *lf_regress_covariance(const lf_regress *fit);

/* Predictions for the rows of a design with the training design's columns
 * (same names, same order).  For each row: mean; lower/upper, the central
 * `level` prediction interval (0 < level < 1; t with df_resid degrees of
 * freedom: mean -/+ t sqrt(sigma^2 + x' Cov x)); and the decomposition:
 *   mean = base + sum over drivers d != base of contrib[d],
 *   base = sum_j b_j mean_j (the fitted value of the average training day),
 *   contrib[d] = sum over columns j of driver d of b_j (x_j - mean_j),
 * mean_j the column's mean over the rows used in the fit.  So "weather
 * +310 MWh" reads "weather added 310 MWh compared with the average training
 * day".  Rows with a missing input have NaN values and keep their flags. */
typedef struct lf_prediction {
    size_t nrows;
    lf_date first;
    double level;
    double *mean, *lower, *upper, *se_fit; /* se_fit: standard error of the mean */
    double *contrib;              /* nrows x LF_DRIVER_COUNT, row-major; [.., BASE] = base */
    unsigned *flags;              /* nrows, LF_FLAG_* (from the design) */
} lf_prediction;

int lf_regress_predict(const lf_regress *fit, const lf_design *design, double level,
                       lf_prediction **out, lf_error *err);
void lf_prediction_free(lf_prediction *pred); /* NULL allowed */

static inline double lf_prediction_contrib(const lf_prediction *p, size_t row, lf_driver d)
{
    return p->contrib[row * LF_DRIVER_COUNT + (size_t)d];
}

/* ---- CSV output (atomic: the file appears complete or not at all) ---------- */

/* name,driver,estimate,std_error,t,p_value,dropped,note */
int lf_regress_write_coefficients(const lf_regress *fit, const char *path, lf_error *err);
/* The same rows to an open stream (stdout). */
void lf_regress_write_coefficients_stream(FILE *fp, const lf_regress *fit);
/* name,value: every lf_fit_stats field plus method and ridge_lambda */
int lf_regress_write_stats(const lf_regress *fit, const char *path, lf_error *err);
/* date,actual,predicted,lower,upper,base,trend,calendar,weather,economy,event,flags;
 * actual (nrows values, NaN = unknown) may be NULL. */
int lf_prediction_write_csv(const lf_prediction *pred, const double *actual,
                            const char *path, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
