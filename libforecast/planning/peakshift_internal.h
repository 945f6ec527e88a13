/* peakshift_internal.h (internal) - the mixed integer program behind
 * lf_peakshift_run: peakshift_model.c builds it (columns and rows),
 * peakshift_solve.c runs the lexicographic stages, peakshift_result.c reads
 * the schedule back. */
#ifndef LF_PLANNING_PEAKSHIFT_INTERNAL_H
#define LF_PLANNING_PEAKSHIFT_INTERNAL_H

#include <glpk.h>

#include "libforecast/peakshift.h"

/* A possible call: measure k of customer i on day d.  Calls exist only on
 * deficit days: a call elsewhere costs, uses up limits and adds burden
 * without relieving anything, so no stage's optimum has one. */
typedef struct ps_call {
    size_t customer, measure, day;
    int col_x;        /* MW taken off (continuous), 0 for a rest day */
    int col_y;        /* called (binary) */
} ps_call;

typedef struct ps_model {
    const lf_peakshift_spec *spec;
    const lf_portfolio *portfolio;
    size_t ndays;
    double *deficit;      /* ndays */
    double *hours;        /* ndays: the peak window */
    int *col_unmet;       /* ndays: u_d, 0 on days without deficit */
    ps_call *calls;
    size_t ncalls;
    glp_prob *lp;
} ps_model;

/* Columns and the rules (cover, capacity, customer, limits, gaps) of spec
 * on portfolio; no objective yet. */
int ps_model_build(ps_model *m, const lf_peakshift_spec *spec, const lf_portfolio *portfolio,
                   lf_error *err);
void ps_model_free(ps_model *m);

/* MW a call takes off when it is made: its x, or a rest day's whole MW. */
double ps_call_mw(const ps_model *m, const ps_call *c);

/* Add the row sum coef[k] col[k], k = 1..n (1-based like GLPK: index 0 is
 * unused), with type and bounds as glp_set_row_bnds takes them. */
void ps_add_row(glp_prob *lp, int n, const int *col, const double *coef, int type, double lo,
                double hi);

/* The schedule of the solved model (schedule->status and seconds are the
 * caller's). */
int ps_result_read(const ps_model *m, lf_peakshift *s, lf_error *err);

#endif
