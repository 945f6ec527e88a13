/* abc.c - ABC classes by profit contribution and the Pareto curve
 * (customer_value.h, "ABC and the Pareto curve"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/customer_value.h"
#include "value_internal.h"

const char *lf_abc_name(lf_abc_class c)
{
    switch (c) {
    case LF_ABC_A: return "A";
    case LF_ABC_B: return "B";
    case LF_ABC_C: return "C";
    }
    return "?";
}

typedef struct ranked {
    double profit;
    const char *id;               /* NULL: ties by index */
    size_t index;
} ranked;

/* Largest profit first; equal profits by id, then by index, so the order
 * (and with it who crosses a line) never depends on qsort's whims. */
static int compare_ranked(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->profit != b->profit)
        return a->profit > b->profit ? -1 : 1;
    int c = a->id && b->id ? strcmp(a->id, b->id) : 0;
    if (c)
        return c;
    return (a->index > b->index) - (a->index < b->index);
}

static int check_abc_args(const double *profit, const char *const *ids, size_t n,
                          double a_share, double b_share, const lf_abc_class *abc,
                          lf_error *err)
{
    if (n && (!profit || !abc))
        return lf_error_set(err, LF_ERR_ARG, "no profits or no classes to fill");
    if (!(a_share > 0 && a_share <= b_share && b_share <= 1))
        return lf_error_set(err, LF_ERR_ARG, "the ABC shares are A %g and B %g; give 0 < A "
                            "<= B <= 1 (e.g. 0.80 and 0.95)", a_share, b_share);
    for (size_t i = 0; i < n; i++) {
        if (ids && !ids[i])
            return lf_error_set(err, LF_ERR_ARG, "customer %zu has no id", i + 1);
        if (isfinite(profit[i]))
            continue;
        if (ids)
            return lf_error_set(err, LF_ERR_DATA, "customer '%s' has profit %g; a ranking "
                                "needs a finite profit", ids[i], profit[i]);
        return lf_error_set(err, LF_ERR_DATA, "customer %zu has profit %g; a ranking needs "
                            "a finite profit", i + 1, profit[i]);
    }
    return LF_OK;
}

/* Total positive profit, summed in rank order as the cumulative sums are,
 * so the last positive customer's share is exactly 1. */
static double positive_total(const ranked *r, size_t n)
{
    double total = 0;
    for (size_t k = 0; k < n && r[k].profit > 0; k++)
        total += r[k].profit;
    return total;
}

/* Has the share reached the line?  Within the tolerance counts. */
static int reached(double share, double line)
{
    return share >= line - VALUE_TOLERANCE;
}

static void classify_ranked(const ranked *r, size_t n, double a_share, double b_share,
                            lf_abc_class *abc, lf_pareto_point *curve)
{
    double total = positive_total(r, n), cumulative = 0, before = 0;
    for (size_t k = 0; k < n; k++) {
        cumulative += r[k].profit;
        /* with no positive profit there is nothing to share: all C, shares 0 */
        double share = total > 0 ? cumulative / total : 0;
        lf_abc_class c = LF_ABC_C;
        if (r[k].profit > 0 && !reached(before, a_share))
            c = LF_ABC_A;
        else if (r[k].profit > 0 && !reached(before, b_share))
            c = LF_ABC_B;
        abc[r[k].index] = c;
        if (curve)
            curve[k] = (lf_pareto_point){.customer = r[k].index, .rank = k + 1,
                                         .profit = r[k].profit, .share_before = before,
                                         .share = share,
                                         .customer_share = (double)(k + 1) / (double)n};
        before = share;
    }
}

int lf_abc_classify(const double *profit, const char *const *ids, size_t n, double a_share,
                    double b_share, lf_abc_class *abc, lf_pareto_point *curve,
                    lf_error *err)
{
    int rc = check_abc_args(profit, ids, n, a_share, b_share, abc, err);
    if (rc || n == 0)
        return rc;
    ranked *r = malloc(n * sizeof *r);
    if (!r)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory ranking %zu customers", n);
    for (size_t i = 0; i < n; i++)
        r[i] = (ranked){profit[i], ids ? ids[i] : NULL, i};
    qsort(r, n, sizeof *r, compare_ranked);
    classify_ranked(r, n, a_share, b_share, abc, curve);
    free(r);
    return LF_OK;
}
