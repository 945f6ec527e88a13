/* peakshift_greedy.c - a schedule built the way a planner builds one by
 * hand, fast enough for any portfolio: the first incumbent of the exact
 * program, and the schedule itself when the program is too large to solve
 * (peakshift.h, "Large portfolios").
 *
 * Days are taken hardest first (largest deficit), so the limited calls go
 * where they are needed most.  On a day the tiers are called in order and a
 * tier only after the tiers before it gave all they could that day; within a
 * tier the cheapest MW first (cost per MW of relief), the least burdened
 * customer (MW-days / peak so far) on equal cost, and a rest day last when
 * its weekday already carries more rest MW-days than the average weekday.
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
    double *day_relief;   /* per day: MW taken (for the score) */
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

static long week_key(lf_date day) { return (long)((day - (lf_date)(lf_date_weekday(day) - 1) - 4) / 7); }

static long month_key(lf_date day)
{
    int y, mo, d;
    lf_date_to_ymd(day, &y, &mo, &d);
    return (long)y * 12 + mo;
}

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
        week += week_key(other) == week_key(day);
        month += month_key(other) == month_key(day);
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

/* Make call c with as many MW as the day still needs (a rest day: all of
 * them), within what its customer has left; returns the MW taken. */
static double make_call(greedy *g, size_t c, double need)
{
    const ps_model *m = g->m;
    const ps_call *call = &m->calls[c];
    const lf_dr_customer *cu = ps_customer_of(m, call);
    const lf_dr_measure *me = ps_measure_of(m, call);
    double *used = &g->customer_day[call->customer * m->ndays + call->day];
    double left = cu->peak_mw - *used;
    double take = me->kind == LF_DR_REST_DAY ? (me->mw <= left ? me->mw : 0)
                                             : fmin(me->mw, fmin(need, left));
    if (take <= 0)
        return 0;
    g->mw[c] = take;
    *used += take;
    g->burden[call->customer] += take / cu->peak_mw;
    if (me->kind == LF_DR_REST_DAY)
        g->rest[lf_date_weekday(m->spec->first + (lf_date)call->day) - 1] += take;
    return take;
}

static void schedule_day(greedy *g, size_t d, candidate *buf)
{
    double need = g->m->deficit[d];
    for (size_t t = 0; need > 0 && t < g->m->portfolio->ntiers; t++) {
        size_t n = candidates(g, d, t, buf);
        for (size_t k = 0; need > 0 && k < n; k++)
            need -= make_call(g, buf[k].call, need);
    }
}

/* ---- the run -------------------------------------------------------------------------- */

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
    memset(g->day_relief, 0, m->ndays * sizeof *g->day_relief);
    for (size_t c = 0; c < m->ncalls; c++) {
        if (g->mw[c] <= 0)
            continue;
        const ps_call *call = &m->calls[c];
        const lf_dr_measure *me = ps_measure_of(m, call);
        size_t t = (size_t)ps_customer_of(m, call)->tier;
        double hours = me->kind == LF_DR_REST_DAY ? 24 : m->hours[call->day];
        g->day_relief[call->day] += g->mw[c];
        if (t > 0)
            score[nt - t] += g->mw[c];
        score[nt] += me->cost_per_event + me->cost_per_mwh * g->mw[c] * hours;
    }
    for (size_t d = 0; d < m->ndays; d++)
        score[0] += fmax(0, m->deficit[d] - g->day_relief[d]);
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
    memset(g->rest, 0, sizeof g->rest);
}

/* Run every order; best gets the best schedule. */
static void best_of_orders(greedy *g, double *best, day_key *days, candidate *buf)
{
    size_t nscore = g->m->portfolio->ntiers + 1;
    double top[LF_TIER_MAX + 1], now[LF_TIER_MAX + 1];
    for (int order = 0; order < NORDERS; order++) {
        reset(g);
        schedule_days(g, order, days, buf);
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
    w->cursor = malloc(nd * sizeof *w->cursor);
    w->days = malloc(nd * sizeof *w->days);
    w->buf = malloc(nc * sizeof *w->buf);
    if (!g->mw || !g->measure_lo || !g->measure_hi || !g->by_day || !g->day_start ||
        !g->customer_day || !g->burden || !g->day_relief || !w->cursor || !w->days || !w->buf)
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
