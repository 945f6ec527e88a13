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
    double seconds;
} solver;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The objective's value in the current solution. */
static double value_now(const solver *s)
{
    double v = 0;
    for (int k = 1; k <= s->obj.n; k++)
        v += s->obj.coef[k] * glp_mip_col_val(s->model.lp, s->obj.col[k]);
    return v;
}

/* Keep the stage's optimum: sum <= opt, with room for the solver's rounding
 * (binaries within 1e-9 of 0 or 1, bounds within 1e-7: see solve_stage).
 * A later stage may use that room: at most 1e-6 MW-days, which
 * peakshift_result.c does not count as a call (PS_MW_EPS). */
static void keep(solver *s, double opt)
{
    ps_add_row(s->model.lp, &s->obj, GLP_UP, 0, opt + 1e-11 * fabs(opt) + 1e-6);
}

/* Minimise s->obj and keep its optimum.  `first` is the first stage: there
 * is no solution yet to skip from; later a stage whose objective is already
 * 0 (its least possible value: every objective here is >= 0) only keeps it. */
static int solve_stage(solver *s, const char *what, int first, lf_error *err)
{
    glp_prob *lp = s->model.lp;
    if (s->obj.n == 0)
        return LF_OK;
    if (!first && value_now(s) <= 1e-9) {
        keep(s, 0);
        return LF_OK;
    }
    for (int j = 1; j <= glp_get_num_cols(lp); j++)
        glp_set_obj_coef(lp, j, 0);
    for (int k = 1; k <= s->obj.n; k++)
        glp_set_obj_coef(lp, s->obj.col[k], s->obj.coef[k]);
    glp_set_obj_dir(lp, GLP_MIN);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.tol_int = 1e-9; /* a binary at 1 - 1e-5 would make a stage's optimum too low to keep */
    parm.tm_lim = (int)fmin(s->model.spec->seconds_per_stage * 1000.0, 2e9);
    double t0 = now();
    int rc = glp_intopt(lp, &parm), status = glp_mip_status(lp);
    s->seconds += now() - t0;
    if (rc == GLP_ETMLIM && status == GLP_FEAS)
        s->status = LF_PEAKSHIFT_TIME_LIMIT;
    else if (rc != 0 || status != GLP_OPT)
        return lf_error_set(err, LF_ERR_SOLVER, "the peak-shift solver failed at the %s "
                            "stage (GLPK glp_intopt %d, status %d)", what, rc, status);
    keep(s, glp_mip_obj_val(lp));
    return LF_OK;
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

static int stage_unmet(solver *s, lf_error *err)
{
    s->obj.n = 0;
    for (size_t d = 0; d < s->model.ndays; d++)
        if (s->model.col_unmet[d])
            ps_put(&s->obj, s->model.col_unmet[d], 1);
    return solve_stage(s, "unmet MW", 1, err);
}

/* Least MW-days from the last tier, then the one before... (not the first:
 * what is left is its to carry). */
static int stage_tiers(solver *s, lf_error *err)
{
    int rc = LF_OK;
    for (size_t t = s->model.portfolio->ntiers; rc == LF_OK && t-- > 1;) {
        s->obj.n = 0;
        for (size_t c = 0; c < s->model.ncalls; c++)
            if ((size_t)ps_customer_of(&s->model, &s->model.calls[c])->tier == t)
                put_relief(s, &s->model.calls[c], 1);
        rc = solve_stage(s, "tier order", 0, err);
    }
    return rc;
}

/* sum over rest-day calls of (their MW-days on weekday wd) - (all their
 * MW-days) / n: one term per call (GLPK refuses a column twice in a row). */
static void put_weekday_excess(solver *s, int wd, int n)
{
    for (size_t c = 0; c < s->model.ncalls; c++) {
        const ps_call *call = &s->model.calls[c];
        lf_date day = s->model.spec->first + (lf_date)call->day;
        if (measure_of(s, call)->kind == LF_DR_REST_DAY)
            put_relief(s, call, (lf_date_weekday(day) == wd) - 1.0 / n);
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

/* z >= (rest MW-days on weekday w) - (their mean over the n weekdays that
 * can have them), for each such w; least z.  Measured against the mean, the
 * stage balances the rest days the schedule needs instead of simply using
 * fewer of them. */
static int stage_spread(solver *s, lf_error *err)
{
    unsigned set = rest_weekdays(s);
    int n = 0;
    for (int wd = 0; wd < 7; wd++)
        n += (int)(set >> wd & 1u);
    if (n < 2)
        return LF_OK; /* one weekday: nothing to spread */
    int z = glp_add_cols(s->model.lp, 1);
    glp_set_col_bnds(s->model.lp, z, GLP_LO, 0, 0);
    for (int wd = 1; wd <= 7; wd++) {
        if (!(set >> (wd - 1) & 1u))
            continue;
        s->obj.n = 0;
        put_weekday_excess(s, wd, n);
        ps_put(&s->obj, z, -1);
        ps_add_row(s->model.lp, &s->obj, GLP_UP, 0, 0);
    }
    s->obj.n = 0;
    ps_put(&s->obj, z, 1);
    /* z has no value in the current solution yet: solve (first = 1) */
    return solve_stage(s, "rest-day spread", 1, err);
}

static int stage_cost(solver *s, lf_error *err)
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
    return solve_stage(s, "cost", 0, err);
}

/* Per tier a column b_t >= every callable customer's MW-days / peak_mw in
 * it; least sum of the b_t. */
static int stage_fair(solver *s, lf_error *err)
{
    const ps_model *m = &s->model;
    int b[LF_TIER_MAX] = {0};
    for (size_t lo = 0, hi; lo < m->ncalls; lo = hi) {
        const lf_dr_customer *cu = ps_customer_of(&s->model, &m->calls[lo]);
        s->obj.n = 0;
        for (hi = lo; hi < m->ncalls && m->calls[hi].customer == m->calls[lo].customer; hi++)
            put_relief(s, &m->calls[hi], 1 / cu->peak_mw);
        if (!b[cu->tier]) {
            b[cu->tier] = glp_add_cols(m->lp, 1);
            glp_set_col_bnds(m->lp, b[cu->tier], GLP_LO, 0, 0);
        }
        ps_put(&s->obj, b[cu->tier], -1);
        ps_add_row(m->lp, &s->obj, GLP_UP, 0, 0);
    }
    s->obj.n = 0;
    for (size_t t = 0; t < m->portfolio->ntiers; t++)
        if (b[t])
            ps_put(&s->obj, b[t], 1);
    return solve_stage(s, "fair rotation", 1, err);
}

/* ---- the run --------------------------------------------------------------------- */

static int run_stages(solver *s, lf_error *err)
{
    /* room for every column, and for those the stages add: z, one b per tier */
    int rc = ps_terms_alloc(&s->obj, (size_t)glp_get_num_cols(s->model.lp) + 1 + LF_TIER_MAX,
                            err);
    if (rc == LF_OK)
        rc = stage_unmet(s, err);
    if (rc == LF_OK)
        rc = stage_tiers(s, err);
    if (rc == LF_OK && s->model.spec->spread_rest_days)
        rc = stage_spread(s, err);
    if (rc == LF_OK)
        rc = stage_cost(s, err);
    if (rc == LF_OK && s->model.spec->fair)
        rc = stage_fair(s, err);
    return rc;
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
        return lf_error_set(err, LF_ERR_NOMEM, "the LP solver (GLPK) failed, most likely "
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
