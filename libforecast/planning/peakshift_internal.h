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
    double *sol;          /* the current schedule: a value per column (1-based),
                             from the greedy, then from each stage's solution */
} ps_model;

/* Columns and the rules (cover, capacity, customer, limits, gaps) of spec
 * on portfolio; no objective yet. */
int ps_model_build(ps_model *m, const lf_peakshift_spec *spec, const lf_portfolio *portfolio,
                   lf_error *err);
void ps_model_free(ps_model *m);

/* A sum coef[k] col[k], k = 1..n (1-based, as GLPK takes them): a row
 * being built or a stage's objective. */
typedef struct ps_terms {
    int *col;
    double *coef;
    int n;
} ps_terms;

/* Room for `room` terms; ps_terms_free frees it (also after a failure). */
int ps_terms_alloc(ps_terms *t, size_t room, lf_error *err);
void ps_terms_free(ps_terms *t);
/* Add coef col (nothing when coef is 0). */
void ps_put(ps_terms *t, int col, double coef);
/* Add the MW call c takes off, times scale: its x, or mw y for a rest day. */
void ps_put_relief(const ps_model *m, ps_terms *t, const ps_call *c, double scale);
/* The row sum <= / >= ..., with type and bounds as glp_set_row_bnds takes them. */
void ps_add_row(glp_prob *lp, const ps_terms *t, int type, double lo, double hi);

const lf_dr_customer *ps_customer_of(const ps_model *m, const ps_call *c);
const lf_dr_measure *ps_measure_of(const ps_model *m, const ps_call *c);

/* The calendar week (Monday to Sunday) and month of a day, as numbers that
 * are equal for days of the same one. */
long ps_week_of(lf_date day);
long ps_month_of(lf_date day);

/* MW a call takes off in m->sol: its x, or a rest day's whole MW. */
double ps_call_mw(const ps_model *m, const ps_call *c);

/* The greedy schedule (peakshift_greedy.c): mw[c] the MW call c takes, 0
 * when it is not made; mw has room for m->ncalls. */
int ps_greedy(const ps_model *m, double *mw, lf_error *err);

/* The schedule of the solved model (schedule->status and seconds are the
 * caller's). */
int ps_result_read(const ps_model *m, lf_peakshift *s, lf_error *err);

#endif
