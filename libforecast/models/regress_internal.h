/* regress_internal.h (internal) - the working state of one least-squares fit,
 * shared by the files that select rows and columns, solve, and summarise. */
#ifndef LF_MODELS_REGRESS_INTERNAL_H
#define LF_MODELS_REGRESS_INTERNAL_H

#include <stddef.h>

#include "libforecast/regress.h"

struct lf_regress_private {
    size_t k;          /* kept columns */
    size_t *kept;      /* their design indices, increasing */
    double *beta;      /* k estimates */
    double *cov;       /* k x k row-major covariance (sigma^2 included) */
    double *means;     /* ncoef column means over the rows used */
    double tquant_df;  /* degrees of freedom for t quantiles */
    int has_const;
};

/* One fit in progress.  Matrices are column-major. */
typedef struct lf_lsq {
    const lf_design *design;
    const double *y, *w;
    lf_regress_options opt;
    size_t m, p;        /* usable rows, design columns */
    size_t *rows;       /* m design rows used */
    double *xw;         /* m x p: the used rows, times sqrt(w) for WLS */
    double *yw;         /* m */
    double *norms;      /* p column norms of xw */
    int *dropped;       /* p flags */
    char (*notes)[160]; /* p notes for dropped columns */
    size_t k;           /* kept columns */
    size_t *kept;       /* k */
    double *qr;         /* (m + penalty rows) x k factor from dgeqrf */
    double *tau;        /* k */
    size_t qr_rows;
    double *beta;       /* k */
    double ssr, tss;
    double k_eff;       /* k, or the trace of the hat matrix for ridge */
    size_t missing_target, missing_input;
} lf_lsq;

/* Select rows, drop collinear columns and solve (beta, SSR, TSS). */
int lf_lsq_solve(lf_lsq *q, const lf_design *design, const double *y, const double *w,
                 const lf_regress_options *opt, lf_error *err);
void lf_lsq_free(lf_lsq *q);

/* Is one of the kept columns constant (an intercept, for R^2)? */
int lf_lsq_has_const(const lf_lsq *q);

/* The k x k column-major covariance without sigma^2 ((R'R)^-1, or the ridge
 * sandwich), and for ridge the effective degrees of freedom into q->k_eff. */
int lf_lsq_unscaled_cov(lf_lsq *q, double *cov, lf_error *err);

/* log-likelihood and information criteria of a solved fit. */
void lf_lsq_criteria(const lf_lsq *q, double *loglik, double *aic, double *aicc, double *bic);

/* Everything callers see, built from a solved fit (moves what it needs). */
int lf_lsq_summarise(lf_lsq *q, lf_regress **out, lf_error *err);

/* AICc of a fit without building its summary (for grid searches). */
int lf_regress_aicc(const lf_design *design, const double *y, const double *w,
                    const lf_regress_options *opt, double *aicc, lf_error *err);

#endif
