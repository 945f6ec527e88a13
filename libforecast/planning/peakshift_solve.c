/* peakshift_solve.c - lf_peakshift_run: the lexicographic stages of
 * peakshift.h solved one after another with GLPK's branch and cut; each
 * stage's optimum becomes a row the later stages keep. */
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "peakshift_internal.h"

typedef struct solver {
    ps_model model;
    ps_terms obj;           /* the stage's objective; room for every column */
    lf_peakshift_status status;
    int offered;            /* the current schedule went to this stage's search */
    double seconds;
} solver;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The value of terms t in the current schedule. */
static double value_of(const solver *s, const ps_terms *t)
{
    double v = 0;
    for (int k = 1; k <= t->n; k++)
        v += t->coef[k] * s->model.sol[t->col[k]];
    return v;
}

/* Keep the stage's value: sum <= value, with room for the solver's rounding
 * (binaries within 1e-9 of 0 or 1, bounds within 1e-7: see search).  A
 * later stage may use that room: at most 1e-6 MW-days, which
 * peakshift_result.c does not count as a call (PS_MW_EPS). */
static void keep(solver *s, double value)
{
    ps_add_row(s->model.lp, &s->obj, GLP_UP, 0, value + 1e-11 * fabs(value) + 1e-6);
}

/* GLPK's branch and cut asks for heuristic solutions at every node; the
 * current schedule (which meets every row: each stage keeps its own value)
 * is offered once, so the search starts with an incumbent and a stage that
 * runs out of time still ends with the best schedule known. */
static void offer_schedule(glp_tree *tree, void *info)
{
    solver *s = info;
    if (glp_ios_reason(tree) == GLP_IHEUR && !s->offered) {
        s->offered = 1;
        glp_ios_heur_sol(tree, s->model.sol);
    }
}

static void set_objective(solver *s)
{
    glp_prob *lp = s->model.lp;
    for (int j = 1; j <= glp_get_num_cols(lp); j++)
        glp_set_obj_coef(lp, j, 0);
    for (int k = 1; k <= s->obj.n; k++)
        glp_set_obj_coef(lp, s->obj.col[k], s->obj.coef[k]);
    glp_set_obj_dir(lp, GLP_MIN);
}

static int milliseconds(double seconds)
{
    return (int)fmax(1, fmin(seconds * 1000.0, 2e9));
}

/* How a stage's search ended. */
typedef enum search_end {
    PROVEN,         /* GLPK's schedule is optimal */
    FOUND,          /* it stopped early with a schedule, unproven */
    NOTHING_NEW     /* it stopped before one: the current schedule stands */
} search_end;

/* The LP relaxation, then branch and cut from the current schedule; the
 * presolver stays off because the offered schedule is in the columns of
 * the problem as built.  Whatever stops GLPK (time, or trouble it reports),
 * the run still has a schedule that keeps every rule: the current one. */
static search_end search(solver *s, double budget)
{
    glp_prob *lp = s->model.lp;
    double t0 = now();
    glp_smcp lp_parm;
    glp_init_smcp(&lp_parm);
    lp_parm.msg_lev = GLP_MSG_OFF;
    lp_parm.tm_lim = milliseconds(budget);
    int rc = glp_simplex(lp, &lp_parm);
    if (rc != 0 || glp_get_status(lp) != GLP_OPT)
        return NOTHING_NEW; /* out of time (or a singular basis) */
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.tol_int = 1e-9; /* a binary at 1 - 1e-5 would make a stage's optimum too low to keep */
    parm.tm_lim = milliseconds(budget - (now() - t0));
    parm.cb_func = offer_schedule;
    parm.cb_info = s;
    s->offered = 0;
    rc = glp_intopt(lp, &parm);
    int status = glp_mip_status(lp);
    if (rc == 0 && status == GLP_OPT)
        return PROVEN;
    /* stopped before the proof (time limit, or GLPK gave up on a node): a
     * schedule it found still counts, unproven */
    return status == GLP_FEAS || status == GLP_OPT ? FOUND : NOTHING_NEW;
}

/* Minimise s->obj from the current schedule and keep the value reached. */
static void solve_stage(solver *s)
{
    glp_prob *lp = s->model.lp;
    if (s->obj.n == 0)
        return;
    double current = value_of(s, &s->obj);
    if (current <= 1e-9) { /* every objective here is >= 0: nothing to gain */
        keep(s, current);
        return;
    }
    set_objective(s);
    double t0 = now();
    search_end end = search(s, s->model.spec->seconds_per_stage);
    s->seconds += now() - t0;
    if (end != NOTHING_NEW && glp_mip_obj_val(lp) < current) {
        for (int j = 1; j <= glp_get_num_cols(lp); j++)
            s->model.sol[j] = glp_mip_col_val(lp, j);
        current = glp_mip_obj_val(lp);
    }
    if (end != PROVEN)
        s->status = LF_PEAKSHIFT_TIME_LIMIT;
    keep(s, current);
}

/* ---- the stages' objectives ---------------------------------------------------------- */

static const lf_dr_measure *measure_of(const solver *s, const ps_call *c)
{
    return ps_measure_of(&s->model, c);
}

static void put_relief(solver *s, const ps_call *c, double scale)
{
    ps_put_relief(&s->model, &s->obj, c, scale);
}

static void stage_unmet(solver *s)
{
    s->obj.n = 0;
    for (size_t d = 0; d < s->model.ndays; d++)
        if (s->model.col_unmet[d])
            ps_put(&s->obj, s->model.col_unmet[d], 1);
    solve_stage(s);
}

/* Least MW-days from the last tier, then the one before... (not the first:
 * what is left is its to carry). */
static void stage_tiers(solver *s)
{
    for (size_t t = s->model.portfolio->ntiers; t-- > 1;) {
        s->obj.n = 0;
        for (size_t c = 0; c < s->model.ncalls; c++)
            if ((size_t)ps_customer_of(&s->model, &s->model.calls[c])->tier == t)
                put_relief(s, &s->model.calls[c], 1);
        solve_stage(s);
    }
}

/* A column v >= 0 that rows of add_bound_row keep above sums of terms; in
 * the current schedule it takes the least value they allow. */
static int add_bound_column(solver *s)
{
    int v = glp_add_cols(s->model.lp, 1);
    glp_set_col_bnds(s->model.lp, v, GLP_LO, 0, 0);
    s->model.sol[v] = 0;
    return v;
}

/* The row s->obj - v <= 0. */
static void add_bound_row(solver *s, int v)
{
    s->model.sol[v] = fmax(s->model.sol[v], value_of(s, &s->obj));
    ps_put(&s->obj, v, -1);
    ps_add_row(s->model.lp, &s->obj, GLP_UP, 0, 0);
}

/* The rest MW-days on weekday wd. */
static void put_weekday_rest(solver *s, int wd)
{
    for (size_t c = 0; c < s->model.ncalls; c++) {
        const ps_call *call = &s->model.calls[c];
        lf_date day = s->model.spec->first + (lf_date)call->day;
        if (measure_of(s, call)->kind == LF_DR_REST_DAY && lf_date_weekday(day) == wd)
            put_relief(s, call, 1);
    }
}

/* The weekdays that have deficit days on which a rest day may be called. */
static unsigned rest_weekdays(const solver *s)
{
    unsigned set = 0;
    for (size_t c = 0; c < s->model.ncalls; c++) {
        const ps_call *call = &s->model.calls[c];
        if (measure_of(s, call)->kind == LF_DR_REST_DAY)
            set |= 1u << (lf_date_weekday(s->model.spec->first + (lf_date)call->day) - 1);
    }
    return set;
}

/* z >= the rest MW-days on weekday w, for each weekday w that can have
 * them; least z.  The largest weekday comes down by moving rest days to
 * other weekdays or by using other measures instead, never by adding rest
 * days (which can only raise a weekday). */
static void stage_spread(solver *s)
{
    unsigned set = rest_weekdays(s);
    int n = 0;
    for (int wd = 0; wd < 7; wd++)
        n += (int)(set >> wd & 1u);
    if (n < 2)
        return; /* one weekday: nothing to spread */
    int z = add_bound_column(s);
    for (int wd = 1; wd <= 7; wd++) {
        if (!(set >> (wd - 1) & 1u))
            continue;
        s->obj.n = 0;
        put_weekday_rest(s, wd);
        add_bound_row(s, z);
    }
    s->obj.n = 0;
    ps_put(&s->obj, z, 1);
    solve_stage(s);
}

static void stage_cost(solver *s)
{
    s->obj.n = 0;
    for (size_t c = 0; c < s->model.ncalls; c++) {
        const ps_call *call = &s->model.calls[c];
        const lf_dr_measure *me = measure_of(s, call);
        if (me->kind == LF_DR_REST_DAY) {
            ps_put(&s->obj, call->col_y, me->cost_per_event + me->cost_per_mwh * me->mw * 24);
        } else {
            ps_put(&s->obj, call->col_y, me->cost_per_event);
            ps_put(&s->obj, call->col_x, me->cost_per_mwh * s->model.hours[call->day]);
        }
    }
    solve_stage(s);
}

/* Per tier a column b_t >= every callable customer's MW-days / peak_mw in
 * it; least sum of the b_t. */
static void stage_fair(solver *s)
{
    const ps_model *m = &s->model;
    int b[LF_TIER_MAX] = {0};
    for (size_t lo = 0, hi; lo < m->ncalls; lo = hi) {
        const lf_dr_customer *cu = ps_customer_of(&s->model, &m->calls[lo]);
        s->obj.n = 0;
        for (hi = lo; hi < m->ncalls && m->calls[hi].customer == m->calls[lo].customer; hi++)
            put_relief(s, &m->calls[hi], 1 / cu->peak_mw);
        if (!b[cu->tier])
            b[cu->tier] = add_bound_column(s);
        add_bound_row(s, b[cu->tier]);
    }
    s->obj.n = 0;
    for (size_t t = 0; t < m->portfolio->ntiers; t++)
        if (b[t])
            ps_put(&s->obj, b[t], 1);
    solve_stage(s);
}

/* ---- the run --------------------------------------------------------------------- */

/* The greedy schedule in the columns: every call's y and x, every day's
 * unmet MW; room for the columns the stages add (z, one b per tier). */
static int start_schedule(solver *s, lf_error *err)
{
    ps_model *m = &s->model;
    size_t ncols = (size_t)glp_get_num_cols(m->lp);
    m->sol = calloc(ncols + 2 + LF_TIER_MAX, sizeof *m->sol);
    double *mw = malloc((m->ncalls ? m->ncalls : 1) * sizeof *mw);
    int rc = m->sol && mw ? ps_greedy(m, mw, err)
                          : lf_error_set(err, LF_ERR_NOMEM, "out of memory for a schedule");
    for (size_t d = 0; rc == LF_OK && d < m->ndays; d++)
        if (m->col_unmet[d])
            m->sol[m->col_unmet[d]] = m->deficit[d];
    for (size_t c = 0; rc == LF_OK && c < m->ncalls; c++) {
        const ps_call *call = &m->calls[c];
        m->sol[call->col_y] = mw[c] > 0;
        if (call->col_x)
            m->sol[call->col_x] = mw[c];
        if (m->col_unmet[call->day])
            m->sol[m->col_unmet[call->day]] -= mw[c];
    }
    for (size_t d = 0; rc == LF_OK && d < m->ndays; d++)
        if (m->col_unmet[d])
            m->sol[m->col_unmet[d]] = fmax(0, m->sol[m->col_unmet[d]]);
    free(mw);
    return rc;
}

/* Keep the greedy schedule?  Asked for, or (auto) a program with more
 * possible calls than spec->exact_max_calls: GLPK's simplex alone takes
 * minutes on a utility's portfolio. */
static int greedy_only(const solver *s)
{
    const lf_peakshift_spec *spec = s->model.spec;
    return spec->method == LF_PEAKSHIFT_GREEDY ||
           (spec->method == LF_PEAKSHIFT_AUTO && s->model.ncalls > spec->exact_max_calls);
}

static int run_stages(solver *s, lf_error *err)
{
    double t0 = now();
    int rc = start_schedule(s, err);
    s->seconds += now() - t0;
    if (rc != LF_OK || greedy_only(s)) {
        s->status = LF_PEAKSHIFT_HEURISTIC;
        return rc;
    }
    /* room for every column, and for those the stages add: z, one b per tier */
    rc = ps_terms_alloc(&s->obj, (size_t)glp_get_num_cols(s->model.lp) + 1 + LF_TIER_MAX, err);
    if (rc != LF_OK)
        return rc;
    stage_unmet(s);
    stage_tiers(s);
    if (s->model.spec->spread_rest_days)
        stage_spread(s);
    stage_cost(s);
    if (s->model.spec->fair)
        stage_fair(s);
    return LF_OK;
}

/* GLPK calls abort() after its error hook returns (bad arguments, out of
 * memory); the hook jumps back here instead, and GLPK's environment is then
 * freed as its manual requires, which also frees the problem. */
static void glpk_failed(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

static int solve_guarded(solver *s, const lf_peakshift_spec *spec, const lf_portfolio *p,
                         lf_error *err)
{
    jmp_buf env;
    if (setjmp(env)) {
        glp_free_env();
        s->model.lp = NULL;
        return lf_error_set(err, LF_ERR_SOLVER, "the LP solver (GLPK) failed, most likely "
                            "out of memory");
    }
    glp_error_hook(glpk_failed, &env);
    int rc = ps_model_build(&s->model, spec, p, err);
    if (rc == LF_OK)
        rc = run_stages(s, err);
    glp_error_hook(NULL, NULL);
    return rc;
}

static int check_run(const lf_peakshift_spec *spec, const lf_portfolio *p, lf_error *err)
{
    if (!spec || !p)
        return lf_error_set(err, LF_ERR_ARG, "lf_peakshift_run needs a spec and a portfolio");
    int rc = lf_peakshift_spec_check(spec, err);
    return rc == LF_OK ? lf_portfolio_check(p, err) : rc;
}

int lf_peakshift_run(const lf_peakshift_spec *spec, const lf_portfolio *portfolio,
                     lf_peakshift **out, lf_error *err)
{
    *out = NULL;
    int rc = check_run(spec, portfolio, err);
    if (rc != LF_OK)
        return rc;
    solver s;
    memset(&s, 0, sizeof s);
    lf_peakshift *result = calloc(1, sizeof *result);
    rc = result ? solve_guarded(&s, spec, portfolio, err)
                : lf_error_set(err, LF_ERR_NOMEM, "out of memory for a schedule");
    if (rc == LF_OK)
        rc = ps_result_read(&s.model, result, err);
    if (rc == LF_OK) {
        result->status = s.status;
        result->seconds = s.seconds;
        *out = result;
    } else {
        lf_peakshift_free(result);
    }
    ps_terms_free(&s.obj);
    ps_model_free(&s.model);
    return rc;
}
