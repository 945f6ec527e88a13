/* stl_internal.h - what stl.c, mstl.c, stl_spec.c and stl_loess.c share: the
 * resolved settings in size_t form, the workspace, the smoothers. */
#ifndef LF_STL_INTERNAL_H
#define LF_STL_INTERNAL_H

#include <stddef.h>

#include "libforecast/stl.h"

/* A spec with every default filled and every window as used (a periodic
 * season has its 10 n + 1 window here), for a series of n values. */
typedef struct lf_stl_run {
    size_t n, period;
    size_t seasonal, trend, low_pass;
    int seasonal_deg, trend_deg, low_pass_deg;
    size_t seasonal_jump, trend_jump, low_pass_jump;
    size_t inner, outer;
    int periodic;
} lf_stl_run;

/* Scratch for one decomposition of n values with a period up to maxperiod;
 * allocated once, reused by every STL of an MSTL. */
typedef struct lf_stl_work {
    double *block;                /* the one allocation behind the rows below */
    double *detrended;            /* n: y - trend, then y - seasonal */
    double *cycle;                /* n + 2p: subseries smooths, a cycle each side */
    double *ma1, *ma2;            /* n + 2p: the low-pass moving averages */
    double *low;                  /* n: the low-pass series L */
    double *sub, *sub_rw, *sub_fit; /* n + 2: one cycle-subseries, its weights, fit */
    double *loess_w;              /* n: the loess weights of one local fit */
    double *abs_resid;            /* n: |y - fit|, sorted for the median */
    double *rw;                   /* n: robustness weights */
} lf_stl_work;

/* The spec checked, except against a length (messages start with who). */
int lf_stl_check(const lf_stl_spec *spec, const char *who, lf_error *err);

/* The spec checked and resolved for n values (error messages name the
 * caller, "STL" or "MSTL period 365"). */
int lf_stl_resolve_run(const lf_stl_spec *spec, size_t n, const char *who, lf_stl_run *run,
                       lf_error *err);

/* Check that the series is finite, naming the first bad index. */
int lf_stl_check_series(const double *y, size_t n, const char *who, lf_error *err);

int lf_stl_work_alloc(lf_stl_work *w, size_t n, size_t maxperiod, lf_error *err);
void lf_stl_work_free(lf_stl_work *w);

/* The decomposition proper (checked input, resolved settings): seasonal and
 * trend of n values; the robustness weights are left in w->rw. */
void lf_stl_decompose(const lf_stl_run *run, const double *y, lf_stl_work *w, double *seasonal,
                      double *trend);

/* Loess smooth of y[0..n-1] into ys[0..n-1] (the Fortran's stless): window
 * len, degree deg, evaluated every jump points; rw = robustness weights or
 * NULL; w = n doubles of scratch. */
void lf_stl_loess(const double *y, size_t n, size_t len, int deg, size_t jump, const double *rw,
                  double *ys, double *w);

/* One loess fit at the 1-based abscissa xs from points nleft..nright
 * (1-based, inclusive); 0 when every weight vanished (stlest). */
int lf_stl_loess_at(const double *y, size_t n, size_t len, int deg, double xs, size_t nleft,
                    size_t nright, const double *rw, double *w, double *ys);

/* Running mean of length len: ave[0 .. n-len] (stlma). */
void lf_stl_moving_average(const double *x, size_t n, size_t len, double *ave);

/* Bisquare robustness weights of y against fit (stlrwt); sorted = n scratch. */
void lf_stl_robustness_weights(const double *y, const double *fit, size_t n, double *sorted,
                               double *rw);

#endif
