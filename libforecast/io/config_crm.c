/* config_crm.c - the 'crm' section of a project config (keys documented in
 * config.h): the CRM's files, the evaluation date and window, and the parts
 * of the evaluation that are one short mapping each (cost, abc, key_accounts,
 * rfm, value), read over lf_customer_eval_spec_init's defaults.  Alerts are
 * read in config_crm_alerts.c, credit in config_crm_credit.c, the segments in
 * config_crm_segments.c, with the table helpers of config_crm_tables.c; the
 * files themselves when the evaluation is made.
 *
 * Where a library check (lf_cost_rule_check, lf_key_spec_check...) can
 * still fail after the reader's own checks, its message is re-located at the
 * mapping it came from, so every mistake names file:line:column. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config_crm_internal.h"

#define MAX_KV 1000         /* a bound, not a model: catches a voltage written in V */

int crm_check_at(const lf_ynode *node, lf_error *err, int rc)
{
    return rc == LF_OK ? LF_OK : lf_ynode_relocate(node, err, "");
}

/* ---- cost --------------------------------------------------------------------------- */

/* {kV: cost per kWh}: voltage keys from 0 up, document order. */
static int read_bands(const crm_reader *R, const lf_ynode *map)
{
    lf_cost_rule *c = &R->spec->cost;
    int rc = crm_table(R, map, LF_COST_BANDS_MAX);
    for (size_t i = 0; rc == LF_OK && i < map->count; i++) {
        const lf_ypair *p = &map->pairs[i];
        lf_cost_band *b = &c->bands[i];
        if (lf_ynode_double(p->key, 0, MAX_KV, &b->min_kv, NULL) != LF_OK)
            rc = lf_ynode_error(p->key, R->err, LF_ERR_CONFIG, "key '%s' in 'crm.cost.per_kwh' "
                                "must be a voltage in kV, a number from 0 to %d",
                                p->key->text, MAX_KV);
        if (rc == LF_OK)
            rc = lf_ynode_double(p->value, 0, INFINITY, &b->cost_per_kwh, R->err);
        if (rc == LF_OK && i == 0 && b->min_kv != 0)
            rc = lf_ynode_error(p->key, R->err, LF_ERR_CONFIG, "the first band of "
                                "'crm.cost.per_kwh' must start at 0 kV so every voltage has a "
                                "cost, got %s", p->key->text);
        if (rc == LF_OK && i > 0 && !(b->min_kv > b[-1].min_kv))
            rc = lf_ynode_error(p->key, R->err, LF_ERR_CONFIG, "band %s kV of "
                                "'crm.cost.per_kwh' must be above the band before it (%g kV); "
                                "bands go up in voltage", p->key->text, b[-1].min_kv);
    }
    if (rc == LF_OK)
        c->nbands = map->count;
    return rc;
}

static int read_cost(const crm_reader *R, const lf_ynode *map)
{
    static const char *const keys[] = {"per_kwh", "service_per_month"};
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, CRM_COUNT(keys), R->err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "per_kwh")))
        rc = read_bands(R, v);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "service_per_month", 0, INFINITY,
                            &R->spec->cost.service_per_month, R->err);
    return rc == LF_OK ? crm_check_at(map, R->err, lf_cost_rule_check(&R->spec->cost, R->err)) : rc;
}

/* ---- abc and key accounts ------------------------------------------------------------ */

static int read_abc(const crm_reader *R, const lf_ynode *map)
{
    static const char *const keys[] = {"a", "b"};
    const lf_ynode *a = lf_ymap_get(map, "a"), *b = lf_ymap_get(map, "b");
    int rc = lf_ymap_expect_keys(map, keys, CRM_COUNT(keys), R->err);
    if (rc == LF_OK && a)
        rc = lf_ynode_positive(a, 1, &R->spec->a_share, R->err);
    if (rc == LF_OK && b)
        rc = lf_ynode_positive(b, 1, &R->spec->b_share, R->err);
    if (rc != LF_OK || R->spec->a_share <= R->spec->b_share)
        return rc;
    return lf_ynode_error(b ? b : a, R->err, LF_ERR_CONFIG, "'a' in 'crm.abc' (%g) is above "
                          "'b' (%g%s); A ends before B: 0 < a <= b <= 1", R->spec->a_share,
                          R->spec->b_share, b ? "" : ", the default");
}

static int read_key_rule(const crm_reader *R, const lf_ynode *map, lf_key_rule *k)
{
    static const char *const keys[] = {"name", "min_kv", "dedicated_line", "min_annual_kwh",
                                       "min_capacity_kva"};
    memset(k, 0, sizeof *k);
    int rc = lf_ymap_expect_required(map, keys, CRM_COUNT(keys), 1, R->err);
    if (rc == LF_OK)
        rc = lf_ynode_text(lf_ymap_get(map, "name"), k->name, sizeof k->name, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "min_kv", 0, MAX_KV, &k->min_kv, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "dedicated_line", &k->dedicated_line, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "min_annual_kwh", 0, INFINITY, &k->min_annual_kwh, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "min_capacity_kva", 0, INFINITY, &k->min_capacity_kva, R->err);
    return rc;
}

/* The rules replace the defaults; each is checked with those before it, so
 * a rule without a condition or a repeated name is reported where it is. */
static int read_key_rules(const crm_reader *R, const lf_ynode *seq)
{
    lf_key_spec *ks = &R->spec->key;
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, R->err);
    if (rc == LF_OK && seq->count > LF_KEY_RULES_MAX)
        rc = lf_ynode_error(seq, R->err, LF_ERR_CONFIG, "'rules' in 'crm.key_accounts' has "
                            "%zu rules; at most %d", seq->count, LF_KEY_RULES_MAX);
    ks->nrules = 0;
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++) {
        rc = read_key_rule(R, seq->items[i], &ks->rules[i]);
        ks->nrules = i + 1;
        if (rc == LF_OK)
            rc = crm_check_at(seq->items[i], R->err, lf_key_spec_check(ks, R->err));
    }
    return rc;
}

static int read_key_accounts(const crm_reader *R, const lf_ynode *map)
{
    static const char *const keys[] = {"pareto_share", "rules"};
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, CRM_COUNT(keys), R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "pareto_share", 0, 1, &R->spec->key.pareto_share, R->err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "rules")))
        rc = read_key_rules(R, v);
    return rc;
}

/* ---- rfm ------------------------------------------------------------------------------ */

static int read_edges(const crm_reader *R, const lf_ynode *seq, lf_rfm_bins *bins)
{
    char desc[300];
    lf_ynode_describe(seq, desc, sizeof desc);
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, R->err);
    if (rc == LF_OK && (seq->count < 1 || seq->count > LF_RFM_EDGES_MAX))
        rc = lf_ynode_error(seq, R->err, LF_ERR_CONFIG, "%s needs 1 to %d bin edges, got %zu",
                            desc, LF_RFM_EDGES_MAX, seq->count);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++) {
        double *e = &bins->edges[i];
        rc = lf_ynode_double(seq->items[i], 0, INFINITY, e, R->err);
        if (rc == LF_OK && i > 0 && !(*e > e[-1])) {
            lf_ynode_describe(seq->items[i], desc, sizeof desc);
            rc = lf_ynode_error(seq->items[i], R->err, LF_ERR_CONFIG, "%s (%g) must be above "
                                "the edge before it (%g); edges increase strictly", desc, *e,
                                e[-1]);
        }
    }
    bins->nedges = rc == LF_OK ? seq->count : 0;
    return rc;
}

static int read_rfm(const crm_reader *R, const lf_ynode *map)
{
    static const char *const keys[] = {"recency_days", "frequency", "monetary"};
    lf_rfm_bins *bins[] = {&R->spec->rfm.recency, &R->spec->rfm.frequency,
                           &R->spec->rfm.monetary};
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, CRM_COUNT(keys), R->err);
    for (size_t k = 0; rc == LF_OK && k < CRM_COUNT(keys); k++)
        if ((v = lf_ymap_get(map, keys[k])))
            rc = read_edges(R, v, bins[k]);
    return rc;
}

/* ---- value ---------------------------------------------------------------------------- */

static int read_value_weights(const crm_reader *R, const lf_ynode *map)
{
    static const char *const keys[] = {"nature", "current", "potential"};
    lf_value_spec *vs = &R->spec->value;
    int rc = lf_ymap_expect_required(map, keys, CRM_COUNT(keys), CRM_COUNT(keys), R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "nature", 0, 1, &vs->w_nature, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "current", 0, 1, &vs->w_current, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "potential", 0, 1, &vs->w_potential, R->err);
    return rc;
}

static int read_nature(const crm_reader *R, const lf_ynode *map)
{
    lf_value_spec *vs = &R->spec->value;
    int rc = crm_table(R, map, LF_NATURE_MAX);
    for (size_t i = 0; rc == LF_OK && i < map->count; i++) {
        lf_nature_score *n = &vs->nature[i];
        rc = lf_ynode_text(map->pairs[i].key, n->class_name, sizeof n->class_name, R->err);
        if (rc == LF_OK)
            rc = lf_ynode_double(map->pairs[i].value, 0, 100, &n->score, R->err);
    }
    vs->nnature = map->count;
    return rc;
}

static int read_levels(const crm_reader *R, const lf_ynode *map)
{
    lf_value_spec *vs = &R->spec->value;
    double mins[LF_VALUE_LEVELS_MAX];
    int rc = crm_thresholds(R, map, LF_VALUE_LEVELS_MAX, LF_VALUE_LEVEL_NAME_MAX, "value level",
                            mins);
    for (size_t i = 0; rc == LF_OK && i < map->count; i++) {
        snprintf(vs->levels[i].name, sizeof vs->levels[i].name, "%s", map->pairs[i].key->text);
        vs->levels[i].min_value = mins[i];
    }
    if (rc == LF_OK)
        vs->nlevels = map->count;
    return rc;
}

/* Each part is checked as it is read, the others being defaults or already
 * checked, so a failure belongs to the part just read. */
static int read_value(const crm_reader *R, const lf_ynode *map)
{
    static const char *const keys[] = {"weights", "nature", "levels"};
    static int (*const readers[])(const crm_reader *, const lf_ynode *) = {
        read_value_weights, read_nature, read_levels};
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, CRM_COUNT(keys), R->err);
    for (size_t k = 0; rc == LF_OK && k < CRM_COUNT(keys); k++)
        if ((v = lf_ymap_get(map, keys[k]))) {
            rc = readers[k](R, v);
            if (rc == LF_OK)
                rc = crm_check_at(v, R->err, lf_value_spec_check(&R->spec->value, R->err));
        }
    return rc;
}

/* ---- the section ---------------------------------------------------------------------- */

static int read_files(const lf_ynode *map, lf_arena *arena, const char *dir,
                      lf_config_crm *crm, lf_error *err)
{
    int rc = lf_config_get_path(arena, dir, map, "customers", &crm->customers, err);
    if (rc == LF_OK)
        rc = lf_config_get_path(arena, dir, map, "monthly", &crm->monthly, err);
    if (rc == LF_OK)
        rc = lf_config_get_path(arena, dir, map, "payments", &crm->payments, err);
    if (rc == LF_OK)
        rc = lf_config_get_path(arena, dir, map, "expected", &crm->expected, err);
    return rc;
}

static int read_window(const crm_reader *R, const lf_ynode *map)
{
    lf_customer_eval_spec *s = R->spec;
    int months = (int)s->window_months;
    int rc = LF_OK;
    if (lf_ymap_get(map, "evaluated")) {
        s->has_evaluated = 1;
        rc = lf_ymap_date(map, "evaluated", &s->evaluated, R->err);
    }
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "window_months", 1, 120, &months, R->err);
    s->window_months = (size_t)months;
    return rc;
}

/* Value before segments, whose matrix rows are the value levels; credit
 * before segments, whose groups hold the grades. */
static int read_parts(const crm_reader *R, const lf_ynode *map)
{
    static const char *const keys[] = {"cost", "abc", "key_accounts", "rfm", "value",
                                       "alerts"};
    static int (*const readers[])(const crm_reader *, const lf_ynode *) = {
        read_cost, read_abc, read_key_accounts, read_rfm, read_value, crm_read_alerts};
    const lf_ynode *v;
    int rc = LF_OK;
    for (size_t k = 0; rc == LF_OK && k < CRM_COUNT(keys); k++)
        if ((v = lf_ymap_get(map, keys[k])))
            rc = readers[k](R, v);
    if (rc == LF_OK)
        rc = crm_read_credit(R, lf_ymap_get(map, "credit"));
    if (rc == LF_OK)
        rc = crm_read_segments(R, lf_ymap_get(map, "segments"));
    return rc;
}

int lf_config_read_crm(const lf_ynode *map, lf_arena *arena, const char *dir,
                       lf_config_crm *crm, lf_error *err)
{
    static const char *const keys[] = {"customers", "monthly", "payments", "expected",
                                       "evaluated", "window_months", "cost", "abc",
                                       "key_accounts", "rfm", "value", "credit", "segments",
                                       "alerts"};
    memset(crm, 0, sizeof *crm);
    lf_customer_eval_spec_init(&crm->spec);
    int rc = lf_ymap_expect_required(map, keys, CRM_COUNT(keys), 2, err);
    if (rc == LF_OK)
        rc = read_files(map, arena, dir, crm, err);
    crm_reader R = {map, &crm->spec, crm->expected != NULL, err};
    if (rc == LF_OK)
        rc = read_window(&R, map);
    if (rc == LF_OK)
        rc = read_parts(&R, map);
    return rc;
}
