/* peakshift_greedy.c - a schedule built the way a planner builds one by
 * hand, fast enough for any portfolio: the first incumbent of the exact
 * program, and the schedule itself when the program is too large to solve
 * (peakshift.h, "Large portfolios").
 *
 * Days are taken one after another, hardest first (largest deficit) in the
 * first order tried, so the limited calls go where they are needed most.
 * On a day the tiers are called in order and a tier only after the tiers
 * before it gave all they could that day; within a
 * tier the cheapest MW first (cost per MW of relief), the least burdened
 * customer (MW-days / peak so far) on equal cost, and a rest day last when
 * its weekday already carries more rest MW-days than the average weekday.
 * Five day orders are tried, each repaired by moving calls to the days left
 * short, and the best schedule kept (peakshift.h, "Large portfolios").
 * Every rule of the exact program holds: notice, weekdays, weekly and
 * monthly limits, gaps, the customer's peak, protected customers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "peakshift_internal.h"

typedef struct greedy {
    const ps_model *m;
    double *mw;           /* per call: MW taken, 0 not called */
    size_t *measure_lo;   /* per call: the first call of its measure */
    size_t *measure_hi;   /* per call: one past its measure's last call */
    size_t *by_day;       /* calls grouped by day ... */
    size_t *day_start;    /* ... day d's are by_day[day_start[d] .. day_start[d + 1]) */
    double *customer_day; /* MW taken per customer and day */
    double *burden;       /* per customer: MW-days taken / peak_mw */
    double rest[7];       /* rest-day MW-days per weekday */
    double *day_relief;   /* per day: MW taken */
    size_t *log_call;     /* a repair's changes, to undo it: the call ... */
    double *log_mw;       /* ... and the MW it took before */
    size_t nlog;          /* entries; logging only while log_on */
    int log_on;
} greedy;

typedef struct candidate {
    size_t call;
    int late_rest;        /* a rest day on an already loaded weekday */
    double cost_per_mw;
    double burden;
} candidate;

static int by_preference(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->late_rest != y->late_rest)
        return x->late_rest - y->late_rest;
    if (x->cost_per_mw != y->cost_per_mw)
        return x->cost_per_mw < y->cost_per_mw ? -1 : 1;
    if (x->burden != y->burden)
        return x->burden < y->burden ? -1 : 1;
    return x->call < y->call ? -1 : x->call > y->call;
}

/* ---- indexes ------------------------------------------------------------------------ */

static void index_measures(greedy *g)
{
    const ps_model *m = g->m;
    for (size_t lo = 0, hi; lo < m->ncalls; lo = hi) {
        for (hi = lo; hi < m->ncalls && m->calls[hi].customer == m->calls[lo].customer &&
                      m->calls[hi].measure == m->calls[lo].measure; hi++)
            ;
        for (size_t c = lo; c < hi; c++) {
            g->measure_lo[c] = lo;
            g->measure_hi[c] = hi;
        }
    }
}

/* Counting sort of the calls by day; cursor has room for ndays. */
static void index_days(greedy *g, size_t *cursor)
{
    const ps_model *m = g->m;
    for (size_t c = 0; c < m->ncalls; c++)
        g->day_start[m->calls[c].day + 1]++;
    for (size_t d = 0; d < m->ndays; d++)
        g->day_start[d + 1] += g->day_start[d];
    memcpy(cursor, g->day_start, m->ndays * sizeof *cursor);
    for (size_t c = 0; c < m->ncalls; c++)
        g->by_day[cursor[m->calls[c].day]++] = c;
}

/* ---- the rules ------------------------------------------------------------------------ */

/* May call c be made, given the calls made so far? */
static int within_limits(const greedy *g, size_t c)
{
    const ps_model *m = g->m;
    const lf_dr_measure *me = ps_measure_of(m, &m->calls[c]);
    lf_date day = m->spec->first + (lf_date)m->calls[c].day;
    int week = 0, month = 0;
    for (size_t k = g->measure_lo[c]; k < g->measure_hi[c]; k++) {
        if (k == c || g->mw[k] <= 0)
            continue;
        lf_date other = m->spec->first + (lf_date)m->calls[k].day;
        if (me->min_gap_days > 0 && labs((long)(other - day)) <= me->min_gap_days)
            return 0;
        week += ps_week_of(other) == ps_week_of(day);
        month += ps_month_of(other) == ps_month_of(day);
    }
    return (me->max_per_week == 0 || week < me->max_per_week) &&
           (me->max_per_month == 0 || month < me->max_per_month);
}

/* Cost of one MW of relief from call c. */
static double cost_per_mw(const ps_model *m, const ps_call *c)
{
    const lf_dr_measure *me = ps_measure_of(m, c);
    double hours = me->kind == LF_DR_REST_DAY ? 24 : m->hours[c->day];
    return me->cost_per_mwh * hours + me->cost_per_event / me->mw;
}

/* Does weekday wd carry more rest MW-days than the average weekday? */
static int loaded_weekday(const greedy *g, int wd)
{
    double all = 0;
    for (int k = 0; k < 7; k++)
        all += g->rest[k];
    return g->rest[wd - 1] > all / 7;
}

/* ---- one day -------------------------------------------------------------------------- */

/* The calls of day d in tier t that may still be made, in order of preference. */
static size_t candidates(const greedy *g, size_t d, size_t t, candidate *out)
{
    const ps_model *m = g->m;
    int wd = lf_date_weekday(m->spec->first + (lf_date)d);
    size_t n = 0;
    for (size_t k = g->day_start[d]; k < g->day_start[d + 1]; k++) {
        size_t c = g->by_day[k];
        const ps_call *call = &m->calls[c];
        if ((size_t)ps_customer_of(m, call)->tier != t || !within_limits(g, c))
            continue;
        int rest = ps_measure_of(m, call)->kind == LF_DR_REST_DAY;
        out[n++] = (candidate){.call = c, .late_rest = rest && loaded_weekday(g, wd),
                               .cost_per_mw = cost_per_mw(m, call),
                               .burden = g->burden[call->customer]};
    }
    qsort(out, n, sizeof *out, by_preference);
    return n;
}

/* Call c takes mw MW (0: not made); every tally follows, and the change is
 * logged while a repair is being tried. */
static void set_mw(greedy *g, size_t c, double mw)
{
    const ps_model *m = g->m;
    const ps_call *call = &m->calls[c];
    const lf_dr_customer *cu = ps_customer_of(m, call);
    double delta = mw - g->mw[c];
    if (g->log_on) {
        g->log_call[g->nlog] = c;
        g->log_mw[g->nlog++] = g->mw[c];
    }
    g->mw[c] = mw;
    g->customer_day[call->customer * m->ndays + call->day] += delta;
    g->burden[call->customer] += delta / cu->peak_mw;
    g->day_relief[call->day] += delta;
    if (ps_measure_of(m, call)->kind == LF_DR_REST_DAY)
        g->rest[lf_date_weekday(m->spec->first + (lf_date)call->day) - 1] += delta;
}

/* Make call c with as many MW as the day still needs (a rest day: all of
 * them), within what its customer has left; returns the MW taken. */
static double make_call(greedy *g, size_t c, double need)
{
    const ps_model *m = g->m;
    const ps_call *call = &m->calls[c];
    const lf_dr_measure *me = ps_measure_of(m, call);
    double left = ps_customer_of(m, call)->peak_mw -
                  g->customer_day[call->customer * m->ndays + call->day];
    double take = me->kind == LF_DR_REST_DAY ? (me->mw <= left ? me->mw : 0)
                                             : fmin(me->mw, fmin(need, left));
    if (take <= 0)
        return 0;
    set_mw(g, c, take);
    return take;
}

/* MW day d still lacks. */
static double need_of(const greedy *g, size_t d)
{
    return fmax(0, g->m->deficit[d] - g->day_relief[d]);
}

static void schedule_day(greedy *g, size_t d, candidate *buf)
{
    double need = need_of(g, d);
    for (size_t t = 0; need > 0 && t < g->m->portfolio->ntiers; t++) {
        size_t n = candidates(g, d, t, buf);
        for (size_t k = 0; need > 0 && k < n; k++)
            need -= make_call(g, buf[k].call, need);
    }
}

/* ---- day orders ---------------------------------------------------------------------- */

/* The orders tried, each a key per day, larger first.  Which order leaves
 * least unmet depends on where the limits bind, so the greedy runs them
 * all and keeps the best schedule (see better). */
enum { HARDEST, TIGHTEST, LEAST_SLACK, EARLIEST, LATEST, NORDERS };

typedef struct day_key {
    double key;
    size_t day;
} day_key;

static int larger_key_first(const void *a, const void *b)
{
    const day_key *x = a, *y = b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return x->day < y->day ? -1 : x->day > y->day;
}

/* MW the day's possible calls could give, limits aside. */
static double day_capacity(const greedy *g, size_t d)
{
    double mw = 0;
    for (size_t k = g->day_start[d]; k < g->day_start[d + 1]; k++)
        mw += ps_measure_of(g->m, &g->m->calls[g->by_day[k]])->mw;
    return mw;
}

static double order_key(const greedy *g, int order, size_t d)
{
    double deficit = g->m->deficit[d], cap = day_capacity(g, d);
    switch (order) {
    case HARDEST: return deficit;
    case TIGHTEST: return cap > 0 ? deficit / cap : INFINITY;
    case LEAST_SLACK: return deficit - cap;
    case EARLIEST: return -(double)d;
    default: return (double)d;
    }
}

static void schedule_days(greedy *g, int order, day_key *days, candidate *buf)
{
    const ps_model *m = g->m;
    size_t n = 0;
    for (size_t d = 0; d < m->ndays; d++)
        if (m->deficit[d] > 0)
            days[n++] = (day_key){order_key(g, order, d), d};
    qsort(days, n, sizeof *days, larger_key_first);
    for (size_t k = 0; k < n; k++)
        schedule_day(g, days[k].day, buf);
}

/* ---- the best of the orders ---------------------------------------------------------- */

/* The stages' first values of the schedule in g->mw: unmet MW-days, then
 * MW-days per tier from the last to the second, then cost (score has room
 * for LF_TIER_MAX + 1). */
static void score(const greedy *g, double *score)
{
    const ps_model *m = g->m;
    size_t nt = m->portfolio->ntiers;
    memset(score, 0, (LF_TIER_MAX + 1) * sizeof *score);
    for (size_t c = 0; c < m->ncalls; c++) {
        if (g->mw[c] <= 0)
            continue;
        const ps_call *call = &m->calls[c];
        const lf_dr_measure *me = ps_measure_of(m, call);
        size_t t = (size_t)ps_customer_of(m, call)->tier;
        double hours = me->kind == LF_DR_REST_DAY ? 24 : m->hours[call->day];
        if (t > 0)
            score[nt - t] += g->mw[c];
        score[nt] += me->cost_per_event + me->cost_per_mwh * g->mw[c] * hours;
    }
    for (size_t d = 0; d < m->ndays; d++)
        score[0] += need_of(g, d);
}

/* Is score a lexicographically better than b (beyond rounding)? */
static int better(const double *a, const double *b, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        double tol = 1e-9 * fmax(1, fabs(b[k]));
        if (a[k] < b[k] - tol)
            return 1;
        if (a[k] > b[k] + tol)
            return 0;
    }
    return 0;
}

static void reset(greedy *g)
{
    const ps_model *m = g->m;
    memset(g->mw, 0, m->ncalls * sizeof *g->mw);
    memset(g->customer_day, 0, m->portfolio->n * m->ndays * sizeof *g->customer_day);
    memset(g->burden, 0, m->portfolio->n * sizeof *g->burden);
    memset(g->day_relief, 0, m->ndays * sizeof *g->day_relief);
    memset(g->rest, 0, sizeof g->rest);
}

/* ---- repair: moving a call to a day left short ---------------------------------------- */

/* Undo the logged changes, last first. */
static void undo(greedy *g)
{
    g->log_on = 0;
    while (g->nlog > 0) {
        g->nlog--;
        set_mw(g, g->log_call[g->nlog], g->log_mw[g->nlog]);
    }
}

/* Move made call k of a measure to call c of the same measure on day d
 * (where load goes unmet), then refill k's day from what may still be
 * called there; keep the move only when the two days' unmet MW falls. */
static int try_move(greedy *g, size_t k, size_t c, candidate *buf)
{
    size_t d = g->m->calls[c].day, dk = g->m->calls[k].day;
    double before = need_of(g, d) + need_of(g, dk);
    g->nlog = 0;
    g->log_on = 1;
    set_mw(g, k, 0);
    int moved = within_limits(g, c) && make_call(g, c, need_of(g, d)) > 0;
    if (moved)
        schedule_day(g, dk, buf);
    if (moved && need_of(g, d) + need_of(g, dk) < before - 1e-9) {
        g->log_on = 0;
        return 1;
    }
    undo(g);
    return 0;
}

/* Try the calls of day d not made, moving one of their measure's made calls
 * from another day, while *tries lasts.  Returns moves kept. */
static int repair_day(greedy *g, size_t d, int *tries, candidate *buf)
{
    const ps_model *m = g->m;
    int kept = 0, today = 100; /* tries on one day, so every short day gets some */
    for (size_t i = g->day_start[d]; i < g->day_start[d + 1] && *tries > 0 && today > 0; i++) {
        size_t c = g->by_day[i];
        if (g->mw[c] > 0 || need_of(g, d) <= 0)
            continue;
        for (size_t k = g->measure_lo[c];
             k < g->measure_hi[c] && *tries > 0 && today > 0; k++) {
            if (g->mw[k] <= 0 || m->calls[k].day == d)
                continue;
            --*tries;
            --today;
            if (try_move(g, k, c, buf)) {
                kept++;
                break;
            }
        }
    }
    return kept;
}

/* A few passes over the days left short.  The moves tried are counted, not
 * timed, so the schedule is the same on every machine; 4,000 of them keep a
 * 1,000-customer summer to about a second. */
static void repair(greedy *g, candidate *buf)
{
    int tries = 4000;
    for (int pass = 0; pass < 3 && tries > 0; pass++) {
        int kept = 0;
        for (size_t d = 0; d < g->m->ndays && tries > 0; d++)
            if (need_of(g, d) > 0)
                kept += repair_day(g, d, &tries, buf);
        if (!kept)
            break;
    }
}

/* Run every order; best gets the best schedule. */
static void best_of_orders(greedy *g, double *best, day_key *days, candidate *buf)
{
    size_t nscore = g->m->portfolio->ntiers + 1;
    double top[LF_TIER_MAX + 1], now[LF_TIER_MAX + 1];
    for (int order = 0; order < NORDERS; order++) {
        reset(g);
        schedule_days(g, order, days, buf);
        repair(g, buf);
        score(g, now);
        if (order == 0 || better(now, top, nscore)) {
            memcpy(top, now, sizeof top);
            memcpy(best, g->mw, g->m->ncalls * sizeof *best);
        }
    }
}

typedef struct work {
    size_t *cursor;
    day_key *days;
    candidate *buf;
} work;

static int alloc_greedy(greedy *g, work *w, lf_error *err)
{
    size_t nc = g->m->ncalls ? g->m->ncalls : 1, nd = g->m->ndays;
    size_t nu = g->m->portfolio->n ? g->m->portfolio->n : 1;
    g->mw = malloc(nc * sizeof *g->mw);
    g->measure_lo = malloc(nc * sizeof *g->measure_lo);
    g->measure_hi = malloc(nc * sizeof *g->measure_hi);
    g->by_day = malloc(nc * sizeof *g->by_day);
    g->day_start = calloc(nd + 1, sizeof *g->day_start);
    g->customer_day = calloc(nu * nd, sizeof *g->customer_day);
    g->burden = calloc(nu, sizeof *g->burden);
    g->day_relief = calloc(nd, sizeof *g->day_relief);
    g->log_call = malloc((nc + 2) * sizeof *g->log_call);
    g->log_mw = malloc((nc + 2) * sizeof *g->log_mw);
    w->cursor = malloc(nd * sizeof *w->cursor);
    w->days = malloc(nd * sizeof *w->days);
    w->buf = malloc(nc * sizeof *w->buf);
    if (!g->mw || !g->measure_lo || !g->measure_hi || !g->by_day || !g->day_start ||
        !g->customer_day || !g->burden || !g->day_relief || !g->log_call || !g->log_mw ||
        !w->cursor || !w->days || !w->buf)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the greedy schedule");
    return LF_OK;
}

static void free_greedy(greedy *g, work *w)
{
    free(g->mw);
    free(g->measure_lo);
    free(g->measure_hi);
    free(g->by_day);
    free(g->day_start);
    free(g->customer_day);
    free(g->burden);
    free(g->day_relief);
    free(g->log_call);
    free(g->log_mw);
    free(w->cursor);
    free(w->days);
    free(w->buf);
}

int ps_greedy(const ps_model *m, double *mw, lf_error *err)
{
    greedy g = {.m = m};
    work w = {0};
    int rc = alloc_greedy(&g, &w, err);
    if (rc == LF_OK) {
        index_measures(&g);
        index_days(&g, w.cursor);
        best_of_orders(&g, mw, w.days, w.buf);
    }
    free_greedy(&g, &w);
    return rc;
}
