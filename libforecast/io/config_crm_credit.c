/* config_crm_credit.c - 'credit' in the config's 'crm' section (config.h):
 * indicator overrides or an AHP matrix for the weights, grades, the industry
 * outlook table and the settlement rule of each grade.  The AHP matrix is
 * checked here, so a matrix with CR >= 0.1 fails at the config with its CR
 * and the judgement to revise. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_crm_internal.h"

#define N LF_CREDIT_NDEFAULT

/* ---- indicators ----------------------------------------------------------------------- */

/* best and worst belong to the linear indicators and must differ. */
static int read_rule(const crm_reader *R, const lf_ynode *map, lf_credit_indicator *ind)
{
    const lf_ynode *best = lf_ymap_get(map, "best"), *worst = lf_ymap_get(map, "worst");
    int rc = lf_ymap_double(map, "best", -INFINITY, INFINITY, &ind->best, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "worst", -INFINITY, INFINITY, &ind->worst, R->err);
    if (rc != LF_OK || (!best && !worst) || ind->best != ind->worst)
        return rc;
    char desc[300];
    lf_ynode_describe(map, desc, sizeof desc);
    return lf_ynode_error(best ? best : worst, R->err, LF_ERR_CONFIG, "%s scores 100 at 'best' "
                          "and 0 at 'worst', which are both %g; give two different values",
                          desc, ind->best);
}

static int read_indicator(const crm_reader *R, const lf_ynode *map, lf_credit_indicator *ind,
                          const lf_ynode *ahp)
{
    static const char *const keys[] = {"weight", "best", "worst"};
    int given = ind->kind == LF_CREDIT_GIVEN;
    const lf_ynode *k = lf_ymap_key(map, "best") ? lf_ymap_key(map, "best")
                                                : lf_ymap_key(map, "worst");
    int rc = lf_ynode_expect(map, LF_YMAPPING, R->err);
    if (rc == LF_OK && given && k)
        return lf_ynode_error(k, R->err, LF_ERR_CONFIG, "'%s' does not apply to %s, a score "
                              "given 0..100: only its 'weight' can be set", k->text, ind->name);
    if (rc == LF_OK)
        rc = lf_ymap_expect_keys(map, keys, CRM_COUNT(keys), R->err);
    if (rc == LF_OK && ahp && (k = lf_ymap_key(map, "weight")))
        return lf_ynode_error(k, R->err, LF_ERR_CONFIG, "'weight' of %s cannot be set together "
                              "with 'ahp' in 'crm.credit' (line %ld), which gives every weight; "
                              "remove one of them", ind->name, ahp->line);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "weight", 0, 1, &ind->weight, R->err);
    return rc == LF_OK && !given ? read_rule(R, map, ind) : rc;
}

static int read_indicators(const crm_reader *R, const lf_ynode *map, const lf_ynode *ahp)
{
    const char *names[N];
    const lf_ynode *seen[N] = {NULL};
    for (size_t k = 0; k < N; k++)
        names[k] = R->spec->indicators[k].name;
    int rc = crm_table(R, map, N);
    for (size_t i = 0; rc == LF_OK && i < map->count; i++) {
        const lf_ynode *key = map->pairs[i].key;
        int k = 0;
        rc = lf_ynode_enum(key, names, N, &k, R->err);
        if (rc == LF_OK && seen[k]) /* the names match in any case: Breaches is breaches */
            return lf_ynode_error(key, R->err, LF_ERR_CONFIG, "key '%s' in "
                                  "'crm.credit.indicators' is %s again (line %ld); give each "
                                  "indicator once", key->text, names[k], seen[k]->line);
        if (rc == LF_OK)
            rc = read_indicator(R, map->pairs[i].value, &R->spec->indicators[k], ahp);
        seen[k] = key;
    }
    return rc;
}

/* ---- the AHP matrix ------------------------------------------------------------------- */

/* A judgement: a number or a fraction like 1/3 (0.333 is not reciprocal
 * enough for the check), above 0. */
static int read_judgement(const crm_reader *R, const lf_ynode *node, double *out)
{
    double a = NAN, b = 1;
    if (node->kind == LF_YSCALAR) {
        const char *t = node->text;
        char *end;
        a = strtod(t, &end);
        if (end != t && *end == '/') {
            const char *d = end + 1;
            b = strtod(d, &end);
            if (end == d)
                b = NAN;
        }
        if (end == t || *end)
            a = NAN;
    }
    double v = a / b;
    if (a > 0 && b > 0 && isfinite(v) && v > 0) {
        *out = v;
        return LF_OK;
    }
    char desc[300];
    lf_ynode_describe(node, desc, sizeof desc);
    return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "%s must be a judgement above 0, like 3 "
                          "or 1/3, got %s%s%s", desc, node->kind == LF_YSCALAR ? "'" : "",
                          node->kind == LF_YSCALAR ? node->text : lf_ynode_kind_name(node->kind),
                          node->kind == LF_YSCALAR ? "'" : "");
}

/* Row r of the full matrix (6 cells) or of the upper triangle (5 - r cells,
 * columns r + 2 .. 6). */
static int read_ahp_row(const crm_reader *R, const lf_ynode *row, size_t r, int full,
                        double *m)
{
    size_t want = full ? N : N - 1 - r, first = full ? 0 : r + 1;
    int rc = lf_ynode_expect(row, LF_YSEQUENCE, R->err);
    if (rc == LF_OK && row->count != want) {
        char desc[300];
        lf_ynode_describe(row, desc, sizeof desc);
        return lf_ynode_error(row, R->err, LF_ERR_CONFIG, "%s has %zu judgements; row %zu of "
                              "the %s has %zu", desc, row->count, r + 1,
                              full ? "full matrix" : "upper triangle", want);
    }
    for (size_t j = 0; rc == LF_OK && j < want; j++)
        rc = read_judgement(R, row->items[j], &m[r * N + first + j]);
    return rc;
}

static int read_ahp(const crm_reader *R, const lf_ynode *seq, lf_ahp_result *res)
{
    double m[N * N];
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, R->err);
    int full = rc == LF_OK && seq->count == N;
    if (rc == LF_OK && !full && seq->count != N - 1) {
        char desc[300];
        lf_ynode_describe(seq, desc, sizeof desc);
        return lf_ynode_error(seq, R->err, LF_ERR_CONFIG, "%s has %zu rows; give the %d x %d "
                              "matrix over the indicators in credit.h's order (on_time_share, "
                              "mean_days_late, arrears_months, breaches, energy_cv, "
                              "industry_outlook) or its upper triangle (rows of 5, 4, 3, 2, 1)",
                              desc, seq->count, N, N);
    }
    for (size_t r = 0; rc == LF_OK && r < seq->count; r++)
        rc = read_ahp_row(R, seq->items[r], r, full, m);
    if (rc == LF_OK && !full)
        rc = lf_ahp_complete(m, N, R->err);
    if (rc == LF_OK)
        rc = lf_ahp_weights_consistent(m, N, res, R->err);
    if (rc != LF_OK)
        return rc == LF_ERR_CONFIG ? rc : lf_ynode_relocate(seq, R->err, "");
    R->spec->use_ahp = 1;
    memcpy(R->spec->ahp_matrix, m, sizeof m);
    return LF_OK;
}

/* The weights given (or the AHP's) with the linear rules sum to 1. */
static int check_weights(const crm_reader *R, const lf_ynode *map, const lf_ahp_result *ahp)
{
    lf_credit_indicator ind[N];
    memcpy(ind, R->spec->indicators, sizeof ind);
    int rc = R->spec->use_ahp ? lf_credit_set_weights(ind, N, ahp, R->err) : LF_OK;
    if (rc == LF_OK)
        rc = lf_credit_check_indicators(ind, N, R->err);
    if (rc == LF_OK)
        return LF_OK;
    const lf_ynode *at = lf_ymap_get(map, R->spec->use_ahp ? "ahp" : "indicators");
    return lf_ynode_relocate(at ? at : map, R->err, "");
}

/* ---- grades, outlook, settlement ---------------------------------------------------- */

static int read_grades(const crm_reader *R, const lf_ynode *map)
{
    lf_customer_eval_spec *s = R->spec;
    double mins[LF_CREDIT_GROUP_GRADES_MAX];
    int rc = crm_thresholds(R, map, LF_CREDIT_GROUP_GRADES_MAX, LF_CREDIT_GRADE_MAX,
                            "credit grade", mins);
    for (size_t i = 0; rc == LF_OK && i < map->count; i++) {
        snprintf(s->grades[i].name, sizeof s->grades[i].name, "%s", map->pairs[i].key->text);
        s->grades[i].min_score = mins[i];
    }
    if (rc == LF_OK)
        s->ngrades = map->count;
    return rc == LF_OK ? crm_check_at(map, R->err, lf_credit_check_grades(s->grades, s->ngrades,
                                                                        R->err))
                       : rc;
}

static int read_outlook(const crm_reader *R, const lf_ynode *map)
{
    lf_customer_eval_spec *s = R->spec;
    int rc = crm_table(R, map, LF_OUTLOOK_MAX);
    for (size_t i = 0; rc == LF_OK && i < map->count; i++) {
        lf_outlook_score *o = &s->outlook[i];
        rc = lf_ynode_text(map->pairs[i].key, o->industry, sizeof o->industry, R->err);
        if (rc == LF_OK)
            rc = lf_ynode_double(map->pairs[i].value, 0, 100, &o->score, R->err);
    }
    s->noutlook = rc == LF_OK ? map->count : 0;
    return rc;
}

/* Index of grade among the spec's grades, or -1. */
static long grade_index(const lf_customer_eval_spec *s, const char *grade)
{
    for (size_t g = 0; g < s->ngrades; g++)
        if (!strcmp(s->grades[g].name, grade))
            return (long)g;
    return -1;
}

static int read_settlement_rule(const crm_reader *R, const lf_ypair *p,
                                lf_credit_settlement_rule *rule)
{
    static const char *const keys[] = {"cycle_days", "deposit_cycles"};
    const char *names[LF_CREDIT_GROUP_GRADES_MAX];
    for (size_t g = 0; g < R->spec->ngrades; g++)
        names[g] = R->spec->grades[g].name;
    if (grade_index(R->spec, p->key->text) < 0)
        return crm_unknown(R, p->key, "a credit grade", "the grades are", names,
                           R->spec->ngrades);
    snprintf(rule->grade, sizeof rule->grade, "%s", p->key->text);
    rule->deposit_cycles = 0;
    int rc = lf_ymap_expect_required(p->value, keys, CRM_COUNT(keys), 1, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_int(p->value, "cycle_days", 1, 31, &rule->cycle_days, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(p->value, "deposit_cycles", 0, INFINITY, &rule->deposit_cycles,
                            R->err);
    return rc;
}

/* The table replaces the defaults and has a rule for every grade. */
static int read_settlement(const crm_reader *R, const lf_ynode *map)
{
    lf_customer_eval_spec *s = R->spec;
    int rc = crm_table(R, map, LF_CREDIT_GROUP_GRADES_MAX);
    for (size_t i = 0; rc == LF_OK && i < map->count; i++)
        rc = read_settlement_rule(R, &map->pairs[i], &s->settlement[i]);
    if (rc != LF_OK)
        return rc;
    s->nsettlement = map->count;
    for (size_t g = 0; g < s->ngrades; g++)
        if (!lf_ymap_get(map, s->grades[g].name))
            return lf_ynode_error(map, R->err, LF_ERR_CONFIG, "'settlement' in 'crm.credit' "
                                  "has no rule for credit grade '%s'; every grade needs one",
                                  s->grades[g].name);
    return LF_OK;
}

/* Without 'settlement', the default table must know every grade given. */
static int check_default_settlement(const crm_reader *R, const lf_ynode *grades)
{
    const lf_customer_eval_spec *s = R->spec;
    for (size_t g = 0; g < s->ngrades; g++) {
        size_t k = 0;
        while (k < s->nsettlement && strcmp(s->settlement[k].grade, s->grades[g].name))
            k++;
        if (k == s->nsettlement)
            return lf_ynode_error(lf_ymap_key(grades, s->grades[g].name), R->err, LF_ERR_CONFIG,
                                  "credit grade '%s' has no default settlement rule; give "
                                  "'settlement' in 'crm.credit' with a rule for every grade",
                                  s->grades[g].name);
    }
    return LF_OK;
}

static int read_tables(const crm_reader *R, const lf_ynode *map)
{
    const lf_ynode *v, *grades = lf_ymap_get(map, "grades");
    int rc = grades ? read_grades(R, grades) : LF_OK;
    if (rc == LF_OK && (v = lf_ymap_get(map, "outlook")))
        rc = read_outlook(R, v);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "outlook_default", 0, 100, &R->spec->outlook_default, R->err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "settlement")))
        rc = read_settlement(R, v);
    else if (rc == LF_OK && grades)
        rc = check_default_settlement(R, grades);
    return rc;
}

int crm_read_credit(const crm_reader *R, const lf_ynode *map)
{
    static const char *const keys[] = {"indicators", "ahp", "grades", "outlook",
                                       "outlook_default", "settlement"};
    if (!map)
        return LF_OK;
    const lf_ynode *v, *ahp = lf_ymap_get(map, "ahp");
    lf_ahp_result res;
    int rc = lf_ymap_expect_keys(map, keys, CRM_COUNT(keys), R->err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "indicators")))
        rc = read_indicators(R, v, ahp);
    if (rc == LF_OK && ahp)
        rc = read_ahp(R, ahp, &res);
    if (rc == LF_OK)
        rc = check_weights(R, map, &res);
    return rc == LF_OK ? read_tables(R, map) : rc;
}
