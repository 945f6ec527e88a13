/* peakshift_model.c - the columns and rules of the peak-shift program
 * (peakshift.h, "The schedule"): one call per customer, measure and deficit
 * day it may be made on, the unmet MW of each deficit day, and the rows for
 * cover, capacity, the customer's peak, weekly and monthly limits and gaps. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/grow.h"
#include "peakshift_internal.h"

const lf_dr_customer *ps_customer_of(const ps_model *m, const ps_call *c)
{
    return &m->portfolio->customers[c->customer];
}

const lf_dr_measure *ps_measure_of(const ps_model *m, const ps_call *c)
{
    return &ps_customer_of(m, c)->measures[c->measure];
}

double ps_call_mw(const ps_model *m, const ps_call *c)
{
    const lf_dr_measure *me = ps_measure_of(m, c);
    if (me->kind == LF_DR_REST_DAY)
        return m->sol[c->col_y] > 0.5 ? me->mw : 0;
    return m->sol[c->col_x];
}

/* ---- sums of terms ---------------------------------------------------------------- */

int ps_terms_alloc(ps_terms *t, size_t room, lf_error *err)
{
    t->n = 0;
    t->col = malloc((room + 1) * sizeof *t->col);
    t->coef = malloc((room + 1) * sizeof *t->coef);
    if (!t->col || !t->coef)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the schedule's program");
    return LF_OK;
}

void ps_terms_free(ps_terms *t)
{
    free(t->col);
    free(t->coef);
    t->col = NULL;
    t->coef = NULL;
}

void ps_put(ps_terms *t, int col, double coef)
{
    if (coef == 0)
        return;
    t->n++;
    t->col[t->n] = col;
    t->coef[t->n] = coef;
}

void ps_put_relief(const ps_model *m, ps_terms *t, const ps_call *c, double scale)
{
    const lf_dr_measure *me = ps_measure_of(m, c);
    if (me->kind == LF_DR_REST_DAY)
        ps_put(t, c->col_y, scale * me->mw);
    else
        ps_put(t, c->col_x, scale);
}

void ps_add_row(glp_prob *lp, const ps_terms *t, int type, double lo, double hi)
{
    int row = glp_add_rows(lp, 1);
    glp_set_mat_row(lp, row, t->n, t->col, t->coef);
    glp_set_row_bnds(lp, row, type, lo, hi);
}

/* ---- which calls exist ------------------------------------------------------------ */

static int allowed(const lf_dr_measure *me, lf_date first, lf_date day)
{
    if (day - first < me->notice_days) /* not first + notice: that may overflow */
        return 0;
    return me->weekdays == 0 || (me->weekdays >> (lf_date_weekday(day) - 1) & 1u);
}

/* Columns: a binary y (and a continuous x, unless a rest day) per call. */
static int add_call(ps_model *m, size_t i, size_t k, size_t d, size_t *cap, lf_error *err)
{
    ps_call *grown = lf_grow(m->calls, m->ncalls, cap, sizeof *grown);
    if (!grown)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu possible calls",
                            m->ncalls + 1);
    m->calls = grown;
    const lf_dr_measure *me = &m->portfolio->customers[i].measures[k];
    ps_call *c = &m->calls[m->ncalls++];
    *c = (ps_call){.customer = i, .measure = k, .day = d};
    c->col_y = glp_add_cols(m->lp, 1);
    glp_set_col_kind(m->lp, c->col_y, GLP_BV);
    if (me->kind != LF_DR_REST_DAY) {
        c->col_x = glp_add_cols(m->lp, 1);
        glp_set_col_bnds(m->lp, c->col_x, GLP_DB, 0, me->mw);
    }
    return LF_OK;
}

static int add_calls(ps_model *m, lf_error *err)
{
    const lf_portfolio *p = m->portfolio;
    size_t cap = 0;
    for (size_t i = 0; i < p->n; i++) {
        const lf_dr_customer *cu = &p->customers[i];
        for (size_t k = 0; !cu->is_protected && k < cu->nmeasures; k++)
            for (size_t d = 0; d < m->ndays; d++) {
                lf_date day = m->spec->first + (lf_date)d;
                if (m->deficit[d] <= 0 || !allowed(&cu->measures[k], m->spec->first, day))
                    continue;
                int rc = add_call(m, i, k, d, &cap, err);
                if (rc != LF_OK)
                    return rc;
            }
    }
    return LF_OK;
}

/* ---- rows ------------------------------------------------------------------------ */

/* Cover: relief of the day's calls + u_d >= D_d. */
static void add_cover_rows(ps_model *m, ps_terms *r)
{
    for (size_t d = 0; d < m->ndays; d++) {
        if (m->deficit[d] <= 0)
            continue;
        r->n = 0;
        ps_put(r, m->col_unmet[d], 1);
        for (size_t c = 0; c < m->ncalls; c++)
            if (m->calls[c].day == d)
                ps_put_relief(m, r, &m->calls[c], 1);
        ps_add_row(m->lp, r, GLP_LO, m->deficit[d], 0);
    }
}

/* x <= mw y: a measure takes MW off only when it is called. */
static void add_capacity_rows(ps_model *m, ps_terms *r)
{
    for (size_t c = 0; c < m->ncalls; c++) {
        const ps_call *call = &m->calls[c];
        if (!call->col_x)
            continue;
        r->n = 0;
        ps_put(r, call->col_x, 1);
        ps_put(r, call->col_y, -ps_measure_of(m, call)->mw);
        ps_add_row(m->lp, r, GLP_UP, 0, 0);
    }
}

/* Calls are sorted by customer, then measure, then day: [*lo, *hi) are the
 * calls of one customer on day d (the day's calls of that customer's measures). */
static void customer_day_rows(ps_model *m, ps_terms *r, size_t lo, size_t hi)
{
    const lf_dr_customer *cu = ps_customer_of(m, &m->calls[lo]);
    double most = 0;
    for (size_t k = 0; k < cu->nmeasures; k++)
        most += cu->measures[k].mw;
    if (most <= cu->peak_mw) /* the row could never bind */
        return;
    for (size_t d = 0; d < m->ndays; d++) {
        r->n = 0;
        for (size_t c = lo; c < hi; c++)
            if (m->calls[c].day == d)
                ps_put_relief(m, r, &m->calls[c], 1);
        if (r->n > 1)
            ps_add_row(m->lp, r, GLP_UP, 0, cu->peak_mw);
    }
}

static void add_customer_rows(ps_model *m, ps_terms *r)
{
    for (size_t lo = 0, hi; lo < m->ncalls; lo = hi) {
        for (hi = lo; hi < m->ncalls && m->calls[hi].customer == m->calls[lo].customer; hi++)
            ;
        customer_day_rows(m, r, lo, hi);
    }
}

/* At most `limit` of the calls [lo, hi) of one measure fall in one period,
 * periods told apart by key (week or month number). */
static void limit_rows(ps_model *m, ps_terms *r, size_t lo, size_t hi, int limit,
                       long (*key)(lf_date))
{
    for (size_t a = lo, b; a < hi; a = b) {
        long k = key(m->spec->first + (lf_date)m->calls[a].day);
        r->n = 0;
        for (b = a; b < hi && key(m->spec->first + (lf_date)m->calls[b].day) == k; b++)
            ps_put(r, m->calls[b].col_y, 1);
        if (r->n > limit)
            ps_add_row(m->lp, r, GLP_UP, 0, limit);
    }
}

/* The calendar periods: weeks by their Monday (1970-01-05, day 4, was one,
 * so monday - 4 divides by 7 exactly, before 1970 too), months as
 * year * 12 + month. */
long ps_week_of(lf_date day)
{
    lf_date monday = day - (lf_date)(lf_date_weekday(day) - 1);
    return (long)((monday - 4) / 7);
}

long ps_month_of(lf_date day)
{
    int y, mo, d;
    lf_date_to_ymd(day, &y, &mo, &d);
    return (long)y * 12 + mo;
}

/* Gap g: any two calls of the measure at most g days apart share a window
 * [day, day + g], so one row per call day keeps them apart. */
static void gap_rows(ps_model *m, ps_terms *r, size_t lo, size_t hi, int gap)
{
    for (size_t a = lo; a < hi; a++) {
        r->n = 0;
        for (size_t b = a; b < hi && m->calls[b].day <= m->calls[a].day + (size_t)gap; b++)
            ps_put(r, m->calls[b].col_y, 1);
        if (r->n > 1)
            ps_add_row(m->lp, r, GLP_UP, 0, 1);
    }
}

static void add_limit_rows(ps_model *m, ps_terms *r)
{
    for (size_t lo = 0, hi; lo < m->ncalls; lo = hi) {
        const ps_call *c = &m->calls[lo];
        for (hi = lo; hi < m->ncalls && m->calls[hi].customer == c->customer &&
                      m->calls[hi].measure == c->measure; hi++)
            ;
        const lf_dr_measure *me = ps_measure_of(m, c);
        if (me->max_per_week > 0)
            limit_rows(m, r, lo, hi, me->max_per_week, ps_week_of);
        if (me->max_per_month > 0)
            limit_rows(m, r, lo, hi, me->max_per_month, ps_month_of);
        if (me->min_gap_days > 0)
            gap_rows(m, r, lo, hi, me->min_gap_days);
    }
}

/* ---- the model ------------------------------------------------------------------- */

static int add_days(ps_model *m, lf_error *err)
{
    const lf_peakshift_spec *s = m->spec;
    m->ndays = (size_t)(s->last - s->first) + 1;
    m->deficit = malloc(m->ndays * sizeof *m->deficit);
    m->hours = malloc(m->ndays * sizeof *m->hours);
    m->col_unmet = calloc(m->ndays, sizeof *m->col_unmet);
    if (!m->deficit || !m->hours || !m->col_unmet)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu days", m->ndays);
    for (size_t d = 0; d < m->ndays; d++) {
        m->deficit[d] = fmax(0, s->peak_mw[d] - s->limit_mw[d]);
        m->hours[d] = s->window_hours ? s->window_hours[d] : m->portfolio->window_hours;
        if (m->deficit[d] > 0) {
            m->col_unmet[d] = glp_add_cols(m->lp, 1);
            glp_set_col_bnds(m->lp, m->col_unmet[d], GLP_LO, 0, 0);
        }
    }
    return LF_OK;
}

static int add_rows(ps_model *m, lf_error *err)
{
    ps_terms r; /* the longest row: a day's calls, or a measure's calls in one period */
    int rc = ps_terms_alloc(&r, m->ncalls + 2, err);
    if (rc == LF_OK) {
        add_cover_rows(m, &r);
        add_capacity_rows(m, &r);
        add_customer_rows(m, &r);
        add_limit_rows(m, &r);
    }
    ps_terms_free(&r);
    return rc;
}

int ps_model_build(ps_model *m, const lf_peakshift_spec *spec, const lf_portfolio *portfolio,
                   lf_error *err)
{
    memset(m, 0, sizeof *m);
    m->spec = spec;
    m->portfolio = portfolio;
    m->lp = glp_create_prob();
    int rc = add_days(m, err);
    if (rc == LF_OK)
        rc = add_calls(m, err);
    if (rc == LF_OK)
        rc = add_rows(m, err);
    return rc;
}

void ps_model_free(ps_model *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    free(m->deficit);
    free(m->hours);
    free(m->col_unmet);
    free(m->calls);
    free(m->sol);
    memset(m, 0, sizeof *m);
}
