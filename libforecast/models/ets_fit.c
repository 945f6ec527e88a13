/* ets_fit.c - maximum-likelihood fitting of an ETS model: the smooth
 * transform onto the admissible region, the objective, and GSL's
 * Nelder-Mead simplex (nmsimplex2) with deterministic starts and restarts.
 * The strategy is described at the top of ets.h. */
#include <float.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ets_internal.h"

/* Optimiser settings (fixed, so a fit is reproducible). */
#define SIZE_TOL 1e-8       /* simplex size (transformed coordinates) that ends a run */
#define STALL_TOL 1e-11     /* relative gain over a stall window that ends a run */
#define RESTART_TOL 1e-9    /* relative gain below which a restart ends the search */
#define MAX_RESTARTS 30     /* simplex runs per start */
#define PENALTY 1e300       /* objective where the recursion breaks down (finite: GSL
                               reports a non-finite value through its aborting handler) */
#define TWO_PI 6.283185307179586476925286766559
#define EDGE 1e-8           /* alpha, beta / alpha, gamma / (1 - alpha) in [EDGE, 1 - EDGE] */
#define NSTARTS 3

/* Smoothing-parameter starts: alpha, beta / alpha, gamma / (1 - alpha),
 * (phi - 0.8) / 0.18.  A slow, a middling and a fast level. */
static const double STARTS[NSTARTS][4] = {
    {0.2, 0.1, 0.05, 0.8}, {0.5, 0.01, 0.1, 0.5}, {0.9, 0.001, 0.01, 0.3}};

/* The optimisation problem: y, the spec and the map from the free vector
 * u (dimension dim) to parameters.  The states are offsets from a centre
 * (the start's states) in units of `scale`; an M season is m softmax(z). */
typedef struct problem {
    lf_ets_spec spec;
    const double *y;
    size_t n, m, dim;
    double scale, trend_scale;
    double level_c, trend_c; /* centres */
    double *season_c;        /* m: A: states; M: log(s_j / s_{m-1}) */
    double *season;          /* m: the states of the point being evaluated */
    double *ring;            /* m: recursion workspace */
} problem;

/* Onto [lo, hi] by lo + (hi - lo)(1 + sin u) / 2 (MINUIT's transform): smooth,
 * and a bound is reached at a finite u and left again past it, so the simplex
 * never strands on a plateau (a logistic map flattens out towards a bound,
 * and a simplex that drifted there could not come back).  u is reduced first
 * because along a direction that does not matter the simplex may drift far. */
static double bounded(double u, double lo, double hi)
{
    return lo + (hi - lo) * 0.5 * (1 + sin(remainder(u, TWO_PI)));
}

static double unbounded(double p, double lo, double hi)
{
    return asin(2 * (p - lo) / (hi - lo) - 1);
}

/* Seasonal states from the tail v (m - 1 values) of u.  A: centre + scale v,
 * the last state closing the sum to 0.  M: m softmax(centre + v, 0), so
 * positive with mean 1 wherever the simplex goes. */
static void season_from(problem *pb, const double *v)
{
    size_t m = pb->m;
    double sum = 0;
    if (pb->spec.season == LF_ETS_SEASON_ADDITIVE) {
        for (size_t j = 0; j + 1 < m; j++)
            sum += pb->season[j] = pb->season_c[j] + pb->scale * v[j];
        pb->season[m - 1] = -sum;
        return;
    }
    double zmax = 0; /* z_{m-1} = 0 */
    for (size_t j = 0; j + 1 < m; j++)
        if (pb->season_c[j] + v[j] > zmax)
            zmax = pb->season_c[j] + v[j];
    for (size_t j = 0; j < m; j++) {
        double z = j + 1 < m ? pb->season_c[j] + v[j] : 0;
        sum += pb->season[j] = exp(z - zmax);
    }
    for (size_t j = 0; j < m; j++)
        pb->season[j] *= (double)m / sum;
}

/* u -> parameters (par->season0 points into pb->season). */
static void to_par(problem *pb, const double *u, lf_ets_par *par)
{
    const lf_ets_spec *s = &pb->spec;
    size_t i = 0;
    par->alpha = bounded(u[i++], EDGE, 1 - EDGE);
    par->beta = s->trend != LF_ETS_TREND_NONE ? par->alpha * bounded(u[i++], EDGE, 1 - EDGE) : 0;
    par->gamma = s->season != LF_ETS_SEASON_NONE
                     ? (1 - par->alpha) * bounded(u[i++], EDGE, 1 - EDGE) : 0;
    par->phi = s->trend == LF_ETS_TREND_DAMPED ? bounded(u[i++], 0.8, 0.98)
                                               : (double)(s->trend != LF_ETS_TREND_NONE);
    par->level0 = pb->level_c + pb->scale * u[i++];
    par->trend0 = s->trend != LF_ETS_TREND_NONE ? pb->trend_c + pb->trend_scale * u[i++] : 0;
    par->season0 = NULL;
    if (s->season != LF_ETS_SEASON_NONE) {
        season_from(pb, u + i);
        par->season0 = pb->season;
    }
}

/* Centre the states on par's and return the u of its smoothing parameters
 * (states at offset 0) and the step sizes of a fresh simplex. */
static void from_par(problem *pb, const lf_ets_par *par, double *u, double *step)
{
    const lf_ets_spec *s = &pb->spec;
    size_t i = 0, m = pb->m;
    pb->level_c = par->level0;
    pb->trend_c = par->trend0;
    for (size_t j = 0; s->season != LF_ETS_SEASON_NONE && j < m; j++)
        pb->season_c[j] = s->season == LF_ETS_SEASON_ADDITIVE
                              ? par->season0[j]
                              : log(par->season0[j] / par->season0[m - 1]);
    step[i] = 0.5, u[i++] = unbounded(par->alpha, EDGE, 1 - EDGE);
    if (s->trend != LF_ETS_TREND_NONE)
        step[i] = 0.5, u[i++] = unbounded(par->beta / par->alpha, EDGE, 1 - EDGE);
    if (s->season != LF_ETS_SEASON_NONE)
        step[i] = 0.5, u[i++] = unbounded(par->gamma / (1 - par->alpha), EDGE, 1 - EDGE);
    if (s->trend == LF_ETS_TREND_DAMPED)
        step[i] = 0.5, u[i++] = unbounded(par->phi, 0.8, 0.98);
    for (; i < pb->dim; i++)
        u[i] = 0, step[i] = s->season == LF_ETS_SEASON_MULTIPLICATIVE && i >= pb->dim - (m - 1)
                                ? 0.05 : 0.1;
}

/* (n/2) log(SSE / n): minus the log-likelihood up to a constant. */
static double objective(const gsl_vector *x, void *params)
{
    problem *pb = params;
    lf_ets_par par;
    to_par(pb, x->data, &par);
    double sse, l, b;
    if (lf_ets_recursion(&pb->spec, &par, pb->y, pb->n, pb->ring, NULL, &sse, &l, &b))
        return PENALTY;
    /* an exact fit (SSE = 0) stays finite here; lf_ets_build refuses it */
    return 0.5 * (double)pb->n * log((sse > DBL_MIN ? sse : DBL_MIN) / (double)pb->n);
}

/* ---- the simplex ----------------------------------------------------------- */

typedef struct search {
    gsl_multimin_fminimizer *nm;
    gsl_vector *x, *step;
    size_t iterations; /* so far, all starts */
    size_t budget;     /* the current start may run until iterations reaches this */
} search;

/* One simplex run from s->x; leaves the best point in s->x.  Returns 1 when
 * the iteration cap ended it. */
static int run(problem *pb, search *s, double *fbest)
{
    gsl_multimin_function fn = {objective, pb->dim, pb};
    gsl_multimin_fminimizer_set(s->nm, &fn, s->x, s->step);
    size_t window = 100 + 20 * pb->dim, iter = 0;
    double mark = HUGE_VAL; /* GSL's minimum is only set by an iteration */
    int capped = 1;
    while (s->iterations + iter < s->budget) {
        if (gsl_multimin_fminimizer_iterate(s->nm) != GSL_SUCCESS)
            break; /* not reached: the objective is always finite */
        iter++;
        if (gsl_multimin_fminimizer_size(s->nm) < SIZE_TOL) {
            capped = 0;
            break;
        }
        /* a flat direction (a parameter pushed to its bound) keeps the simplex
           wide: stop when a whole window gains nothing */
        if (iter % window == 0) {
            double f = gsl_multimin_fminimizer_minimum(s->nm);
            if (mark - f <= STALL_TOL * fabs(f)) {
                capped = 0;
                break;
            }
            mark = f;
        }
    }
    s->iterations += iter;
    if (iter == 0) { /* no budget left: the start is the result */
        *fbest = objective(s->x, pb);
        return capped;
    }
    gsl_vector_memcpy(s->x, gsl_multimin_fminimizer_x(s->nm));
    *fbest = gsl_multimin_fminimizer_minimum(s->nm);
    return capped;
}

/* Runs from s->x until a fresh simplex gains less than RESTART_TOL.  Returns
 * 1 when that happened (converged), 0 when a cap ended the search. */
static int search_from(problem *pb, search *s, double *fbest)
{
    double prev = HUGE_VAL;
    *fbest = HUGE_VAL;
    for (int r = 0; r < MAX_RESTARTS && s->iterations < s->budget; r++) {
        int capped = run(pb, s, fbest);
        if (prev - *fbest <= RESTART_TOL * fabs(*fbest))
            return !capped;
        prev = *fbest;
    }
    return 0;
}

/* ---- starts and the driver ------------------------------------------------------ */

typedef struct best {
    double f;
    lf_ets_par par;
    double *season; /* m */
    int converged;
} best;

/* The start's parameters: the start's smoothing values with the
 * least-squares states for them (the classical states when that fails). */
static void start_par(problem *pb, const lf_ets_par *classic, const double *classic_season,
                      size_t k, double *work, lf_ets_par *par)
{
    *par = *classic;
    par->alpha = STARTS[k][0];
    par->beta = pb->spec.trend != LF_ETS_TREND_NONE ? par->alpha * STARTS[k][1] : 0;
    par->gamma = pb->spec.season != LF_ETS_SEASON_NONE ? (1 - par->alpha) * STARTS[k][2] : 0;
    if (pb->spec.trend == LF_ETS_TREND_DAMPED)
        par->phi = 0.8 + 0.18 * STARTS[k][3];
    memcpy(pb->season, classic_season, pb->m * sizeof *pb->season);
    par->season0 = pb->spec.season != LF_ETS_SEASON_NONE ? pb->season : NULL;
    lf_ets_ls_states(&pb->spec, par, pb->season, pb->y, pb->n, work);
}

static void try_start(problem *pb, search *s, const lf_ets_par *par, best *b)
{
    from_par(pb, par, s->x->data, s->step->data);
    double f;
    int converged = search_from(pb, s, &f);
    if (f < b->f) {
        to_par(pb, s->x->data, &b->par);
        memcpy(b->season, pb->season, pb->m * sizeof *b->season);
        b->par.season0 = pb->spec.season != LF_ETS_SEASON_NONE ? b->season : NULL;
        b->f = f;
        b->converged = converged;
    }
}

static size_t n_free(const lf_ets_spec *spec)
{
    return lf_ets_nparams(spec) - 1; /* all but sigma^2 */
}

/* Everything the search allocates, in one place. */
typedef struct arena {
    double *mem;
    search s;
} arena;

static void arena_free(arena *a)
{
    free(a->mem);
    if (a->s.nm)
        gsl_multimin_fminimizer_free(a->s.nm);
    if (a->s.x)
        gsl_vector_free(a->s.x);
    if (a->s.step)
        gsl_vector_free(a->s.step);
}

static int arena_alloc(arena *a, problem *pb, double **classic_season, double **best_season,
                       double **work, lf_error *err)
{
    size_t m = pb->m, wsize = lf_ets_ls_work_size(&pb->spec, pb->n);
    memset(a, 0, sizeof *a);
    a->mem = malloc((5 * m + wsize) * sizeof *a->mem);
    if (!a->mem)
        return lf_error_set(err, LF_ERR_NOMEM, "ETS: out of memory fitting");
    pb->season_c = a->mem;
    pb->season = pb->season_c + m;
    pb->ring = pb->season + m;
    *classic_season = pb->ring + m;
    *best_season = *classic_season + m;
    *work = *best_season + m;
    /* dim >= 2 (alpha and level0) and the sizes match: no GSL error can arise */
    a->s.nm = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, pb->dim);
    a->s.x = gsl_vector_alloc(pb->dim);
    a->s.step = gsl_vector_alloc(pb->dim);
    if (!a->s.nm || !a->s.x || !a->s.step) {
        arena_free(a);
        return lf_error_set(err, LF_ERR_NOMEM, "ETS: out of memory fitting");
    }
    return LF_OK;
}

int lf_ets_fit(const lf_ets_spec *spec, const double *y, size_t n, lf_ets **out, lf_error *err)
{
    int rc = lf_ets_check_fit_args(spec, y, n, out, err);
    if (rc != LF_OK)
        return rc;
    problem pb = {*spec, y, n, lf_ets_period(spec), n_free(spec), 0, 0, 0, 0, NULL, NULL, NULL};
    arena a;
    double *classic_season = NULL, *work = NULL;
    best b = {HUGE_VAL, {0, 0, 0, 0, 0, 0, NULL}, NULL, 0};
    rc = arena_alloc(&a, &pb, &classic_season, &b.season, &work, err);
    if (rc != LF_OK)
        return rc;
    lf_ets_par classic = {0, 0, 0, 1, 0, 0, NULL};
    lf_ets_start_states(spec, y, n, &classic.level0, &classic.trend0, classic_season, &pb.scale);
    /* a slope adds up over a season: a tenth of the spread per season (>= 7 steps) */
    pb.trend_scale = pb.scale / (10.0 * (double)(pb.m > 7 ? pb.m : 7));
    for (size_t k = 0; k < NSTARTS; k++) {
        lf_ets_par par;
        a.s.budget = (k + 1) * (LF_ETS_MAX_ITER / NSTARTS);
        start_par(&pb, &classic, classic_season, k, work, &par);
        try_start(&pb, &a.s, &par, &b);
    }
    rc = lf_ets_build(spec, &b.par, y, n, out, err);
    if (rc == LF_OK) {
        (*out)->converged = b.converged;
        (*out)->iterations = a.s.iterations;
    }
    arena_free(&a);
    return rc;
}
