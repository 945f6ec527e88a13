/* value.c - the customer value score V = e (w_a a + w_b b + w_d d), its
 * level, and the percentile mid-ranks behind b and d (customer_value.h,
 * "Customer value V"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/customer_value.h"
#include "credit_internal.h"
#include "value_internal.h"

/* ---- spec ------------------------------------------------------------------------------ */

void lf_value_spec_default(lf_value_spec *spec)
{
    static const lf_value_spec defaults = {
        .w_nature = 0.2,
        .w_current = 0.5,
        .w_potential = 0.3,
        .nnature = 6,
        .nature = {{"large_industry", 100}, {"general_industry", 80}, {"commercial", 70},
                   {"public", 60}, {"agriculture", 50}, {"residential", 40}},
        .nlevels = 3,
        .levels = {{"high", 60}, {"medium", 35}, {"low", 0}},
    };
    *spec = defaults;
}

static int check_weights(const lf_value_spec *s, lf_error *err)
{
    double w[3] = {s->w_nature, s->w_current, s->w_potential};
    for (int i = 0; i < 3; i++)
        if (!(w[i] >= 0 && isfinite(w[i])))
            return lf_error_set(err, LF_ERR_ARG, "the value weights are nature %g, current "
                                "%g, potential %g; give numbers >= 0", w[0], w[1], w[2]);
    /* not normalised: a sum far from 1 is a typo that rescaling would hide */
    double sum = w[0] + w[1] + w[2];
    if (fabs(sum - 1) > VALUE_TOLERANCE)
        return lf_error_set(err, LF_ERR_ARG, "the value weights (nature %g, current %g, "
                            "potential %g) sum to %.10g, not 1", w[0], w[1], w[2], sum);
    return LF_OK;
}

static int check_nature(const lf_value_spec *s, lf_error *err)
{
    if (s->nnature < 1 || s->nnature > LF_NATURE_MAX)
        return lf_error_set(err, LF_ERR_ARG, "the nature table has 1 to %d classes, got %zu",
                            LF_NATURE_MAX, s->nnature);
    for (size_t i = 0; i < s->nnature; i++) {
        const lf_nature_score *c = &s->nature[i];
        if (!credit_name_ok(c->class_name, sizeof c->class_name))
            return lf_error_set(err, LF_ERR_ARG, "nature table entry %zu has no class (or one "
                                "longer than %d bytes)", i + 1, LF_CUSTOMER_CLASS_MAX - 1);
        if (!(c->score >= 0 && c->score <= 100))
            return lf_error_set(err, LF_ERR_ARG, "class '%s' has nature score %g; give 0..100",
                                c->class_name, c->score);
        for (size_t j = 0; j < i; j++)
            if (strcmp(s->nature[j].class_name, c->class_name) == 0)
                return lf_error_set(err, LF_ERR_ARG, "class '%s' is in the nature table "
                                    "twice", c->class_name);
    }
    return LF_OK;
}

static int check_levels(const lf_value_spec *s, lf_error *err)
{
    if (s->nlevels < 1 || s->nlevels > LF_VALUE_LEVELS_MAX)
        return lf_error_set(err, LF_ERR_ARG, "a value spec has 1 to %d levels, got %zu",
                            LF_VALUE_LEVELS_MAX, s->nlevels);
    for (size_t i = 0; i < s->nlevels; i++) {
        const lf_value_level *l = &s->levels[i];
        if (!credit_name_ok(l->name, sizeof l->name))
            return lf_error_set(err, LF_ERR_ARG, "value level %zu has no name (or one longer "
                                "than %d bytes)", i + 1, LF_VALUE_LEVEL_NAME_MAX - 1);
        if (isnan(l->min_value) || (i > 0 && !(l->min_value < l[-1].min_value)))
            return lf_error_set(err, LF_ERR_ARG, "value level '%s' starts at %g; thresholds "
                                "must decrease strictly from the highest level", l->name,
                                l->min_value);
        for (size_t j = 0; j < i; j++)
            if (strcmp(s->levels[j].name, l->name) == 0)
                return lf_error_set(err, LF_ERR_ARG, "value level '%s' is listed twice",
                                    l->name);
    }
    const lf_value_level *last = &s->levels[s->nlevels - 1];
    if (last->min_value > 0)
        return lf_error_set(err, LF_ERR_ARG, "the lowest value level '%s' starts at %g; it "
                            "must start at 0 or below so every value has a level", last->name,
                            last->min_value);
    return LF_OK;
}

int lf_value_spec_check(const lf_value_spec *spec, lf_error *err)
{
    if (!spec)
        return lf_error_set(err, LF_ERR_ARG, "no value spec given");
    int rc = check_weights(spec, err);
    if (!rc)
        rc = check_nature(spec, err);
    if (!rc)
        rc = check_levels(spec, err);
    return rc;
}

/* ---- percentile ranks ------------------------------------------------------------------ */

typedef struct valued {
    double x;
    size_t index;
} valued;

static int compare_valued(const void *pa, const void *pb)
{
    const valued *a = pa, *b = pb;
    return (a->x > b->x) - (a->x < b->x);
}

int lf_percentile_ranks(const double *x, size_t n, double *pct, lf_error *err)
{
    if (n && (!x || !pct))
        return lf_error_set(err, LF_ERR_ARG, "no values or no ranks to fill");
    valued *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory ranking %zu values", n);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        pct[i] = 0;
        if (!isnan(x[i]))
            v[m++] = (valued){x[i], i};
    }
    qsort(v, m, sizeof *v, compare_valued);
    /* ties v[a..b) hold 1-based ranks a+1..b and share their mean */
    for (size_t a = 0, b; a < m; a = b) {
        for (b = a + 1; b < m && v[b].x == v[a].x; b++)
            ;
        double r = (double)(a + 1 + b) / 2;
        for (size_t k = a; k < b; k++)
            pct[v[k].index] = m == 1 ? 100 : 100 * (r - 1) / (double)(m - 1);
    }
    free(v);
    return LF_OK;
}

/* ---- value ----------------------------------------------------------------------------- */

/* The nature score of customer c's class, or an error listing the classes
 * the table knows, so the fix (add the class, or correct its spelling) is
 * plain. */
static int nature_of(const lf_value_spec *spec, const lf_customer *c, double *score,
                     lf_error *err)
{
    char known[256] = "";
    size_t len = 0;
    for (size_t k = 0; k < spec->nnature; k++) {
        if (strcmp(spec->nature[k].class_name, c->class_name) == 0) {
            *score = spec->nature[k].score;
            return LF_OK;
        }
        if (len < sizeof known)
            len += (size_t)snprintf(known + len, sizeof known - len, "%s%s", k ? ", " : "",
                                    spec->nature[k].class_name);
    }
    return lf_error_set(err, LF_ERR_NOTFOUND, "customer '%s' has class '%s', which the nature "
                        "table does not score; add it to the table (it has %s)", c->id,
                        c->class_name, known);
}

static int check_customer(const lf_customer *c, const lf_profit *p, lf_error *err)
{
    if (!(c->correction > 0 && isfinite(c->correction)))
        return lf_error_set(err, LF_ERR_DATA, "customer '%s' has correction factor %g; give a "
                            "number > 0 (1 for none)", c->id, c->correction);
    if (!(c->potential_kwh >= 0 && isfinite(c->potential_kwh)))
        return lf_error_set(err, LF_ERR_DATA, "customer '%s' has potential %g kWh; give a "
                            "number >= 0", c->id, c->potential_kwh);
    if (p->months && !(p->kwh >= 0 && isfinite(p->kwh)))
        return lf_error_set(err, LF_ERR_DATA, "customer '%s' has %g kWh over the window; give "
                            "a number >= 0", c->id, p->kwh);
    return LF_OK;
}

/* The first level V reaches, within the tolerance (like the credit grades). */
static size_t level_of(const lf_value_spec *spec, double value)
{
    for (size_t i = 0; i + 1 < spec->nlevels; i++)
        if (value >= spec->levels[i].min_value - VALUE_TOLERANCE)
            return i;
    return spec->nlevels - 1;
}

/* b and d of every customer: percentile ranks of annual energy (NaN, so 0
 * and out of the ranking, without a month of energy) and of potential. */
static int consumption_ranks(const lf_customer_set *set, const lf_profit *profits,
                             double *work, lf_error *err)
{
    size_t n = set->n;
    double *annual = work, *potential = work + n;
    for (size_t i = 0; i < n; i++) {
        const lf_profit *p = &profits[i];
        annual[i] = p->months ? p->kwh * 12 / (double)p->months : NAN;
        potential[i] = set->customers[i].potential_kwh;
    }
    int rc = lf_percentile_ranks(annual, n, work + 2 * n, err);
    if (!rc)
        rc = lf_percentile_ranks(potential, n, work + 3 * n, err);
    return rc;
}

static int value_inputs(const lf_customer_set *set, const lf_profit *profits,
                        const lf_value_spec *spec, lf_customer_value *out, lf_error *err)
{
    for (size_t i = 0; i < set->n; i++) {
        const lf_customer *c = &set->customers[i];
        int rc = check_customer(c, &profits[i], err);
        if (!rc)
            rc = nature_of(spec, c, &out[i].nature, err);
        if (rc)
            return rc;
        out[i].correction = c->correction;
    }
    return LF_OK;
}

int lf_customer_values(const lf_customer_set *set, const lf_profit *profits,
                       const lf_value_spec *spec, lf_customer_value *out, lf_error *err)
{
    int rc = value_window_check(set, 0, 0, err);
    if (!rc)
        rc = lf_value_spec_check(spec, err);
    if (rc || set->n == 0)
        return rc;
    if (!profits || !out)
        return lf_error_set(err, LF_ERR_ARG, "no profits or no values to fill");
    memset(out, 0, set->n * sizeof *out);
    if ((rc = value_inputs(set, profits, spec, out, err)))
        return rc;
    double *work = malloc(4 * set->n * sizeof *work);
    if (!work)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory ranking %zu customers", set->n);
    if (!(rc = consumption_ranks(set, profits, work, err)))
        for (size_t i = 0; i < set->n; i++) {
            lf_customer_value *v = &out[i];
            v->current = work[2 * set->n + i];
            /* no potential is no potential, however many share it: a tie
             * at 0 would otherwise earn its mid-rank */
            v->potential = set->customers[i].potential_kwh > 0 ? work[3 * set->n + i] : 0;
            v->value = v->correction * (spec->w_nature * v->nature +
                                        spec->w_current * v->current +
                                        spec->w_potential * v->potential);
            v->level = level_of(spec, v->value);
        }
    free(work);
    return rc;
}
