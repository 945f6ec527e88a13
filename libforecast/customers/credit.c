/* credit.c - the credit rating (credit.h): indicator scores, weighted total,
 * grade and the default tables.  Raw indicators from records are in
 * credit_raw.c, the settlement advice of a grade in credit_settlement.c. */
#include <math.h>
#include <string.h>

#include "libforecast/credit.h"
#include "credit_internal.h"

/* ---- checks --------------------------------------------------------------------------- */

int credit_name_ok(const char *name, size_t size)
{
    return name[0] != '\0' && memchr(name, '\0', size) != NULL;
}

static int check_rule(const lf_credit_indicator *c, size_t i, lf_error *err)
{
    if (!credit_name_ok(c->name, sizeof c->name))
        return lf_error_set(err, LF_ERR_ARG, "credit indicator %zu has no name (or one "
                            "longer than %d bytes)", i + 1, LF_CREDIT_NAME_MAX - 1);
    if (!(c->weight >= 0 && isfinite(c->weight)))
        return lf_error_set(err, LF_ERR_ARG, "credit indicator '%s' has weight %g; give a "
                            "number >= 0", c->name, c->weight);
    if (c->kind == LF_CREDIT_GIVEN)
        return LF_OK;
    if (c->kind != LF_CREDIT_LINEAR)
        return lf_error_set(err, LF_ERR_ARG, "credit indicator '%s' has an unknown scoring "
                            "kind %d", c->name, (int)c->kind);
    if (!(isfinite(c->best) && isfinite(c->worst) && c->best != c->worst))
        return lf_error_set(err, LF_ERR_ARG, "credit indicator '%s' scores linearly from "
                            "worst %g to best %g; give two different finite values",
                            c->name, c->worst, c->best);
    return LF_OK;
}

int lf_credit_check_indicators(const lf_credit_indicator *ind, size_t n, lf_error *err)
{
    if (!ind || n < 1 || n > LF_CREDIT_MAX_INDICATORS)
        return lf_error_set(err, LF_ERR_ARG, "a credit rating has 1 to %d indicators, got %zu",
                            LF_CREDIT_MAX_INDICATORS, ind ? n : 0);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (check_rule(&ind[i], i, err))
            return LF_ERR_ARG;
        for (size_t j = 0; j < i; j++)
            if (strcmp(ind[j].name, ind[i].name) == 0)
                return lf_error_set(err, LF_ERR_ARG, "credit indicator '%s' is listed twice",
                                    ind[i].name);
        sum += ind[i].weight;
    }
    if (fabs(sum - 1) > LF_CREDIT_WEIGHT_TOLERANCE)
        return lf_error_set(err, LF_ERR_ARG, "the credit indicator weights sum to %.10g, not "
                            "1; divide each by the sum if that is what was meant", sum);
    return LF_OK;
}

static int check_grade(const lf_credit_grade *g, size_t i, lf_error *err)
{
    if (!credit_name_ok(g[i].name, sizeof g[i].name))
        return lf_error_set(err, LF_ERR_ARG, "credit grade %zu has no name (or one longer "
                            "than %d bytes)", i + 1, LF_CREDIT_GRADE_MAX - 1);
    if (isnan(g[i].min_score) || (i > 0 && !(g[i].min_score < g[i - 1].min_score)))
        return lf_error_set(err, LF_ERR_ARG, "credit grade '%s' starts at %g; thresholds must "
                            "decrease strictly from the best grade", g[i].name,
                            g[i].min_score);
    for (size_t j = 0; j < i; j++)
        if (strcmp(g[j].name, g[i].name) == 0)
            return lf_error_set(err, LF_ERR_ARG, "credit grade '%s' is listed twice",
                                g[i].name);
    return LF_OK;
}

int lf_credit_check_grades(const lf_credit_grade *grades, size_t n, lf_error *err)
{
    if (!grades || n < 1)
        return lf_error_set(err, LF_ERR_ARG, "no credit grades given");
    for (size_t i = 0; i < n; i++)
        if (check_grade(grades, i, err))
            return LF_ERR_ARG;
    if (grades[n - 1].min_score > 0)
        return lf_error_set(err, LF_ERR_ARG, "the lowest credit grade '%s' starts at %g; it "
                            "must start at 0 or below so every score has a grade",
                            grades[n - 1].name, grades[n - 1].min_score);
    return LF_OK;
}

/* ---- scores and grades ---------------------------------------------------------------- */

int lf_credit_set_weights(lf_credit_indicator *ind, size_t n, const lf_ahp_result *ahp,
                          lf_error *err)
{
    if (!ind || !ahp || ahp->n != n)
        return lf_error_set(err, LF_ERR_ARG, "the AHP weights are for %zu indicators, not %zu",
                            ahp ? ahp->n : 0, n);
    if (!ahp->consistent)
        return lf_error_set(err, LF_ERR_ARG, "the AHP weights come from a matrix with CR = "
                            "%.4f >= %g; revise the judgements", ahp->cr, LF_AHP_CR_LIMIT);
    for (size_t i = 0; i < n; i++)
        ind[i].weight = ahp->weights[i];
    return LF_OK;
}

int lf_credit_score(const lf_credit_indicator *ind, double raw, double *score, lf_error *err)
{
    if (isnan(raw))
        return lf_error_set(err, LF_ERR_DATA, "credit indicator '%s' has no value", ind->name);
    if (ind->kind == LF_CREDIT_GIVEN) {
        if (!(raw >= 0 && raw <= 100))
            return lf_error_set(err, LF_ERR_DATA, "credit indicator '%s' is a score given "
                                "as %g; it must be 0..100", ind->name, raw);
        *score = raw;
        return LF_OK;
    }
    double s = 100 * (raw - ind->worst) / (ind->best - ind->worst);
    *score = fmin(100, fmax(0, s));
    return LF_OK;
}

size_t lf_credit_grade_of(const lf_credit_grade *grades, size_t n, double total)
{
    /* The tolerance keeps a total that is a threshold in exact arithmetic
     * but a rounding below it in double from dropping a grade. */
    for (size_t i = 0; i + 1 < n; i++)
        if (total >= grades[i].min_score - LF_CREDIT_SCORE_TOLERANCE)
            return i;
    return n - 1;
}

int lf_credit_rate(const lf_credit_indicator *ind, size_t n, const double *raw,
                   const lf_credit_grade *grades, size_t ngrades, lf_credit_rating *out,
                   lf_error *err)
{
    if (!raw || !out)
        return lf_error_set(err, LF_ERR_ARG, "no raw values or no rating to fill");
    int rc = lf_credit_check_indicators(ind, n, err);
    if (!rc)
        rc = lf_credit_check_grades(grades, ngrades, err);
    if (rc)
        return rc;
    memset(out, 0, sizeof *out);
    out->n = n;
    for (size_t i = 0; i < n; i++) {
        if ((rc = lf_credit_score(&ind[i], raw[i], &out->scores[i], err)))
            return rc;
        out->contributions[i] = ind[i].weight * out->scores[i];
        out->total += out->contributions[i];
    }
    out->grade = lf_credit_grade_of(grades, ngrades, out->total);
    memcpy(out->grade_name, grades[out->grade].name, sizeof out->grade_name);
    return LF_OK;
}

/* ---- defaults (credit.h documents them) ------------------------------------------------ */

void lf_credit_default_indicators(lf_credit_indicator out[LF_CREDIT_NDEFAULT])
{
    static const lf_credit_indicator defaults[LF_CREDIT_NDEFAULT] = {
        [LF_CREDIT_ON_TIME_SHARE] = {"on_time_share", 0.25, LF_CREDIT_LINEAR, 1.0, 0.5},
        [LF_CREDIT_MEAN_DAYS_LATE] = {"mean_days_late", 0.15, LF_CREDIT_LINEAR, 0, 30},
        [LF_CREDIT_ARREARS_MONTHS] = {"arrears_months", 0.25, LF_CREDIT_LINEAR, 0, 3},
        [LF_CREDIT_BREACHES] = {"breaches", 0.15, LF_CREDIT_LINEAR, 0, 3},
        [LF_CREDIT_ENERGY_CV] = {"energy_cv", 0.10, LF_CREDIT_LINEAR, 0.05, 0.5},
        [LF_CREDIT_INDUSTRY_OUTLOOK] = {"industry_outlook", 0.10, LF_CREDIT_GIVEN, 0, 0},
    };
    memcpy(out, defaults, sizeof defaults);
}

void lf_credit_default_grades(lf_credit_grade out[LF_CREDIT_NDEFAULT_GRADES])
{
    static const lf_credit_grade defaults[LF_CREDIT_NDEFAULT_GRADES] = {
        {"AAA", 90}, {"AA", 80}, {"A", 70}, {"BBB", 60}, {"BB", 50}, {"B", 40}, {"C", 0}};
    memcpy(out, defaults, sizeof defaults);
}

void lf_credit_default_settlement(lf_credit_settlement_rule out[LF_CREDIT_NDEFAULT_SETTLEMENT])
{
    static const lf_credit_settlement_rule defaults[LF_CREDIT_NDEFAULT_SETTLEMENT] = {
        {"AAA", 30, 0}, {"AA", 30, 0}, {"A", 30, 0}, {"BBB", 30, 1},
        {"BB", 10, 1},  {"B", 10, 2},  {"C", 10, 3}};
    memcpy(out, defaults, sizeof defaults);
}
