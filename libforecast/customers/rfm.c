/* rfm.c - recency, frequency and monetary scores of every customer as of an
 * evaluation date, binned by given edges or scored by the quintile of the
 * customer's mid-rank in the population (customer_value.h, "RFM"). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/customer_value.h"
#include "value_internal.h"

#define RFM_DAYS 365              /* F counts payments in (E - 365, E] */
#define RFM_RANK_SCORES 5         /* rank scores are quintiles: 1..5 */

int lf_rfm_score(const lf_rfm_bins *bins, double x, int lower_is_better)
{
    if (!bins || bins->nedges > LF_RFM_EDGES_MAX)
        return 0;
    if (isnan(x))
        return 1;
    int k = (int)bins->nedges + 1, passed = 0;
    /* R: an edge counts against x once x is above it (on the edge is still
     * the better score); F, M: an edge counts for x from the edge up */
    for (size_t j = 0; j < bins->nedges; j++)
        passed += lower_is_better ? x > bins->edges[j] : x >= bins->edges[j];
    return lower_is_better ? k - passed : 1 + passed;
}

/* ---- checks ---------------------------------------------------------------------------- */

static int check_bins(const lf_rfm_bins *b, const char *dimension, lf_error *err)
{
    if (b->nedges > LF_RFM_EDGES_MAX)
        return lf_error_set(err, LF_ERR_ARG, "the %s scores have %zu edges; give at most %d "
                            "(scores 1..9), or none to score by rank", dimension, b->nedges,
                            LF_RFM_EDGES_MAX);
    for (size_t j = 0; j < b->nedges; j++) {
        if (!isfinite(b->edges[j]))
            return lf_error_set(err, LF_ERR_ARG, "%s edge %zu is %g; give a finite number",
                                dimension, j + 1, b->edges[j]);
        if (j > 0 && !(b->edges[j] > b->edges[j - 1]))
            return lf_error_set(err, LF_ERR_ARG, "%s edge %zu is %g after %g; edges must "
                                "increase strictly", dimension, j + 1, b->edges[j],
                                b->edges[j - 1]);
    }
    return LF_OK;
}

static int check_spec(const lf_rfm_spec *spec, lf_error *err)
{
    int rc = check_bins(&spec->recency, "recency", err);
    if (!rc)
        rc = check_bins(&spec->frequency, "frequency", err);
    if (!rc)
        rc = check_bins(&spec->monetary, "monetary", err);
    return rc;
}

/* The evaluation date and the payment groups, which the loops trust. */
static int check_records(const lf_customer_set *set, lf_date evaluated, lf_error *err)
{
    int y, m, d;
    lf_date_to_ymd(evaluated, &y, &m, &d);
    if (!lf_date_is_valid(y, m, d))
        return lf_error_set(err, LF_ERR_ARG, "the RFM evaluation date is not a valid date");
    if (!set->payment_start)
        return set->npayments ? lf_error_set(err, LF_ERR_ARG, "the customer set has %zu "
                                             "payments but no payment_start index",
                                             set->npayments)
                              : LF_OK;
    if (set->payment_start[set->n] > set->npayments || (set->npayments && !set->payments))
        return lf_error_set(err, LF_ERR_ARG, "the customer set's payment index runs past its "
                            "%zu payments", set->npayments);
    for (size_t i = 0; i < set->n; i++)
        if (set->payment_start[i] > set->payment_start[i + 1])
            return lf_error_set(err, LF_ERR_ARG, "the payments of customer '%s' start after "
                                "those of the next customer", set->customers[i].id);
    return LF_OK;
}

/* ---- raw values ------------------------------------------------------------------------ */

/* R and F from customer i's payments: the last paid date on or before E,
 * the payments made in (E - 365, E].  Unpaid bills and payments after E
 * are not seen, so a back-dated evaluation sees what E saw. */
static void recency_frequency(const lf_customer_set *set, size_t i, lf_date evaluated,
                              lf_rfm *o)
{
    size_t from = set->payment_start ? set->payment_start[i] : 0;
    size_t to = set->payment_start ? set->payment_start[i + 1] : 0;
    lf_date last = LF_PAYMENT_UNPAID;
    size_t f = 0;
    for (size_t p = from; p < to; p++) {
        lf_date paid = set->payments[p].paid;
        if (paid == LF_PAYMENT_UNPAID || paid > evaluated)
            continue;
        if (paid > last)
            last = paid;
        f += paid > evaluated - RFM_DAYS;
    }
    o->recency_days = last == LF_PAYMENT_UNPAID ? INFINITY : (double)evaluated - last;
    o->frequency = (double)f;
}

static int raw_values(const lf_customer_set *set, size_t first, size_t count,
                      lf_date evaluated, lf_rfm *out, lf_error *err)
{
    for (size_t i = 0; i < set->n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        recency_frequency(set, i, evaluated, &out[i]);
        int rc = value_window_sum(set, set->bill, "a bill of", "", i, first, count,
                                  &out[i].monetary, NULL, err);
        if (rc)
            return rc;
    }
    return LF_OK;
}

/* ---- rank scores ----------------------------------------------------------------------- */

typedef struct ranked {
    double x;
    size_t index;
} ranked;

static int compare_ranked(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    return (a->x > b->x) - (a->x < b->x);
}

/* The rank score of each of x[0..n-1] into score[n] (indexed as x), v a
 * workspace of n.  A tie group holds the sorted places [a, b) (0-based), so
 * its mid-rank is (a + 1 + b) / 2 and 2 r_mid - 1 = a + b: the score
 * 1 + floor(5 (r_mid - 1/2) / m) is 1 + floor(5 (a + b) / 2m), in integers
 * (no rounding at a boundary) and the same for the whole group whatever
 * order qsort leaves its members in.  Reversed (lower better), the group
 * holds places [m - b, m - a), so a + b becomes 2m - (a + b).  a + b < 2m:
 * the score never passes 5. */
static void rank_scores(const double *x, size_t n, int lower_is_better, ranked *v, int *score)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        score[i] = 1;
        if (isfinite(x[i]))
            v[m++] = (ranked){x[i], i};
    }
    qsort(v, m, sizeof *v, compare_ranked);
    for (size_t a = 0, b; a < m; a = b) {
        for (b = a + 1; b < m && v[b].x == v[a].x; b++)
            ;
        size_t twice = lower_is_better ? 2 * m - (a + b) : a + b;
        int s = 1 + (int)(RFM_RANK_SCORES * twice / (2 * m));
        for (size_t k = a; k < b; k++)
            score[v[k].index] = s;
    }
}

int lf_rfm_rank_scores(const double *x, size_t n, int lower_is_better, int *score,
                       lf_error *err)
{
    if (n && (!x || !score))
        return lf_error_set(err, LF_ERR_ARG, "no values or no scores to fill");
    /* 5 x 2m in rank_scores and the workspace's size must not wrap (a
     * customer set in memory is far smaller; a caller's count may not be) */
    if (n > SIZE_MAX / (2 * RFM_RANK_SCORES * sizeof(ranked)))
        return lf_error_set(err, LF_ERR_ARG, "%zu values are too many to rank", n);
    ranked *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory ranking %zu values", n);
    rank_scores(x, n, lower_is_better, v, score);
    free(v);
    return LF_OK;
}

/* ---- scores ---------------------------------------------------------------------------- */

typedef enum dimension { RECENCY, FREQUENCY, MONETARY } dimension;

static double raw_of(const lf_rfm *o, dimension d)
{
    return d == RECENCY ? o->recency_days : d == FREQUENCY ? o->frequency : o->monetary;
}

static int *score_of(lf_rfm *o, dimension d)
{
    return d == RECENCY ? &o->r : d == FREQUENCY ? &o->f : &o->m;
}

/* scratch for one dimension: its values, their rank scores, the ranking */
typedef struct rfm_scratch {
    double *x;
    int *score;
    ranked *v;
} rfm_scratch;

/* Every customer's score of one dimension by the given edges (copied into
 * used) or, with none, by rank (used gets no edge). */
static void score_dimension(lf_rfm *out, size_t n, dimension d, const lf_rfm_bins *given,
                            const rfm_scratch *w, lf_rfm_bins *used)
{
    memset(used, 0, sizeof *used);
    if (given && given->nedges) {
        *used = *given;
        for (size_t i = 0; i < n; i++)
            *score_of(&out[i], d) = lf_rfm_score(used, raw_of(&out[i], d), d == RECENCY);
        return;
    }
    for (size_t i = 0; i < n; i++)
        w->x[i] = raw_of(&out[i], d);
    rank_scores(w->x, n, d == RECENCY, w->v, w->score);
    for (size_t i = 0; i < n; i++)
        *score_of(&out[i], d) = w->score[i];
}

int lf_customer_rfm(const lf_customer_set *set, size_t first, size_t count,
                    lf_date evaluated, const lf_rfm_spec *spec, lf_rfm *out,
                    lf_rfm_spec *used, lf_error *err)
{
    int rc = value_window_check(set, first, count, err);
    if (!rc)
        rc = check_records(set, evaluated, err);
    if (!rc && spec)
        rc = check_spec(spec, err);
    if (!rc && set->n && !out)
        rc = lf_error_set(err, LF_ERR_ARG, "no RFM results to fill");
    if (!rc)
        rc = raw_values(set, first, count, evaluated, out, err);
    if (rc)
        return rc;
    size_t n1 = set->n ? set->n : 1;
    rfm_scratch w = {malloc(n1 * sizeof *w.x), malloc(n1 * sizeof *w.score),
                     malloc(n1 * sizeof *w.v)};
    if (!w.x || !w.score || !w.v) {
        free(w.x), free(w.score), free(w.v);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory scoring %zu customers", set->n);
    }
    lf_rfm_spec edges;
    score_dimension(out, set->n, RECENCY, spec ? &spec->recency : NULL, &w, &edges.recency);
    score_dimension(out, set->n, FREQUENCY, spec ? &spec->frequency : NULL, &w,
                    &edges.frequency);
    score_dimension(out, set->n, MONETARY, spec ? &spec->monetary : NULL, &w,
                    &edges.monetary);
    free(w.x), free(w.score), free(w.v);
    for (size_t i = 0; i < set->n; i++) {
        out[i].total = out[i].r + out[i].f + out[i].m;
        snprintf(out[i].code, sizeof out[i].code, "%d%d%d", out[i].r, out[i].f, out[i].m);
    }
    if (used)
        *used = edges;
    return LF_OK;
}
