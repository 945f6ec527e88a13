/* portfolio_load.c - a demand-response portfolio read from YAML (the format is
 * examples/peakshift/portfolio.yaml).  Every value is checked where it is
 * read, so a mistake is reported at its file:line:column; lf_portfolio_check
 * runs at the end as a safety net for the rules of peakshift.h. */
#include "libforecast/peakshift.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../io/yaml_tree.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Short and full names, as in the project config's holiday rules; index % 7
 * is the weekday bit (0 Monday .. 6 Sunday). */
static const char *const WEEKDAYS[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun",
                                       "monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

/* ---- values ------------------------------------------------------------------------ */

static int get_positive(const lf_ynode *map, const char *key, double max, double *out,
                        lf_error *err)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    return v ? lf_ynode_positive(v, max, out, err) : LF_OK;
}

static int get_text(const lf_ynode *map, const char *key, char *out, size_t size,
                    lf_error *err)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    return v ? lf_ynode_text(v, out, size, err) : LF_OK;
}

/* A list of weekday names (or one name) -> bit mask; none listed = every day (0). */
static int read_weekdays(const lf_ynode *node, unsigned *out, lf_error *err)
{
    if (node->kind == LF_YMAPPING || lf_ynode_is_null(node))
        return lf_ynode_expect(node, LF_YSEQUENCE, err);
    size_t n = node->kind == LF_YSEQUENCE ? node->count : 1;
    unsigned mask = 0;
    for (size_t i = 0; i < n; i++) {
        int wd = 0;
        int rc = lf_ynode_enum(node->kind == LF_YSEQUENCE ? node->items[i] : node, WEEKDAYS,
                               COUNT(WEEKDAYS), &wd, err);
        if (rc != LF_OK)
            return rc;
        mask |= 1u << (wd % 7);
    }
    *out = mask;
    return LF_OK;
}

/* ---- measures ---------------------------------------------------------------------- */

static int read_measure_limits(const lf_ynode *map, lf_dr_measure *m, lf_error *err)
{
    const lf_ynode *v;
    int rc = lf_ymap_int(map, "notice_days", 0, INT_MAX, &m->notice_days, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "max_per_week", 0, 7, &m->max_per_week, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "max_per_month", 0, INT_MAX, &m->max_per_month, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "min_gap_days", 0, INT_MAX, &m->min_gap_days, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "weekdays")))
        rc = read_weekdays(v, &m->weekdays, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "cost_per_mwh", 0, INFINITY, &m->cost_per_mwh, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "cost_per_event", 0, INFINITY, &m->cost_per_event, err);
    return rc;
}

/* One measure of customer c, whose peak_mw is already read: a measure cannot
 * take off more than the customer brings to the peak. */
static int read_measure(const lf_ynode *map, lf_dr_kind kind, const lf_dr_customer *c,
                        lf_dr_measure *m, lf_error *err)
{
    static const char *const keys[] = {"mw", "notice_days", "max_per_week", "max_per_month",
                                       "min_gap_days", "weekdays", "cost_per_mwh",
                                       "cost_per_event"};
    memset(m, 0, sizeof *m);
    m->kind = kind;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "mw", err);
    if (rc == LF_OK)
        rc = get_positive(map, "mw", INFINITY, &m->mw, err);
    if (rc == LF_OK && m->mw > c->peak_mw) {
        const lf_ynode *v = lf_ymap_get(map, "mw");
        char desc[300];
        lf_ynode_describe(v, desc, sizeof desc);
        rc = lf_ynode_error(v, err, LF_ERR_CONFIG, "%s is %g MW, above the peak_mw of "
                            "customer '%s' (%g MW); a measure cannot take off more than the "
                            "customer brings to the peak", desc, m->mw, c->id, c->peak_mw);
    }
    return rc == LF_OK ? read_measure_limits(map, m, err) : rc;
}

/* measures: {kind: measure, ...}; the mapping's keys make kinds unique. */
static int read_measures(const lf_ynode *map, lf_dr_customer *c, lf_error *err)
{
    const char *kinds[LF_DR_KINDS];
    for (int k = 0; k < LF_DR_KINDS; k++)
        kinds[k] = lf_dr_kind_name((lf_dr_kind)k);
    int rc = lf_ymap_expect_keys(map, kinds, LF_DR_KINDS, err);
    /* The tree rejects duplicate keys, so there are at most LF_DR_KINDS. */
    for (size_t i = 0; rc == LF_OK && i < map->count && i < LF_DR_KINDS; i++) {
        int k = 0;
        while (strcmp(map->pairs[i].key->text, kinds[k]) != 0)
            k++; /* found: the keys were checked above */
        rc = read_measure(map->pairs[i].value, (lf_dr_kind)k, c, &c->measures[i], err);
    }
    c->nmeasures = rc == LF_OK ? map->count : 0;
    return rc;
}

/* ---- customers --------------------------------------------------------------------- */

/* tier: one of the portfolio's names.  A protected customer is never cut, so
 * without a tier it goes with the tier cut last. */
static int read_tier(const lf_ynode *map, const lf_portfolio *p, lf_dr_customer *c,
                     lf_error *err)
{
    const char *names[LF_TIER_MAX];
    for (size_t t = 0; t < p->ntiers; t++)
        names[t] = p->tiers[t];
    if (lf_ymap_get(map, "tier"))
        return lf_ymap_enum(map, "tier", names, p->ntiers, &c->tier, err);
    if (c->is_protected) {
        c->tier = (int)p->ntiers - 1;
        return LF_OK;
    }
    char path[200];
    lf_ynode_path(map, path, sizeof path);
    return lf_ynode_error(map, err, LF_ERR_CONFIG, "missing required key 'tier' in '%s' "
                          "(customer '%s'); only a protected customer may omit it", path,
                          c->id);
}

static int read_customer(const lf_ynode *map, const lf_portfolio *p, lf_dr_customer *c,
                         lf_error *err)
{
    static const char *const keys[] = {"id", "name", "industry", "voltage_kv", "contract_mw",
                                       "peak_mw", "tier", "protected", "measures"};
    const lf_ynode *v;
    memset(c, 0, sizeof *c);
    c->line = (int)map->line;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "id", err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "peak_mw", err);
    if (rc == LF_OK)
        rc = get_text(map, "id", c->id, sizeof c->id, err);
    if (rc == LF_OK)
        rc = get_text(map, "name", c->name, sizeof c->name, err);
    if (rc == LF_OK)
        rc = get_text(map, "industry", c->industry, sizeof c->industry, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "voltage_kv", 0, INFINITY, &c->voltage_kv, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "contract_mw", 0, INFINITY, &c->contract_mw, err);
    if (rc == LF_OK)
        rc = get_positive(map, "peak_mw", INFINITY, &c->peak_mw, err);
    if (rc == LF_OK)
        rc = lf_ymap_bool(map, "protected", &c->is_protected, err);
    if (rc == LF_OK)
        rc = read_tier(map, p, c, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "measures")))
        rc = read_measures(v, c, err);
    return rc;
}

/* The id of customer i against those before it; reported at the second. */
static int check_new_id(const lf_ynode *seq, size_t i, lf_error *err)
{
    const lf_ynode *a = lf_ymap_get(seq->items[i], "id");
    for (size_t j = 0; j < i; j++) {
        const lf_ynode *b = lf_ymap_get(seq->items[j], "id");
        if (strcmp(a->text, b->text) == 0)
            return lf_ynode_error(a, err, LF_ERR_CONFIG, "duplicate customer id '%s' (first "
                                  "used at line %ld, column %ld); each customer id must be "
                                  "unique", a->text, b->line, b->column);
    }
    return LF_OK;
}

static int read_customers(const lf_ynode *seq, lf_portfolio *p, lf_error *err)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, err);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++) {
        lf_dr_customer c;
        rc = read_customer(seq->items[i], p, &c, err);
        if (rc == LF_OK)
            rc = check_new_id(seq, i, err);
        if (rc == LF_OK)
            rc = lf_portfolio_add(p, &c, err);
    }
    return rc;
}

/* ---- the document ------------------------------------------------------------------ */

/* tiers: [cut first, ..., cut last], or one name for a single tier, as the
 * tree's string lists; names unique ignoring case, as they are looked up. */
static int read_tiers(const lf_ynode *node, lf_portfolio *p, lf_error *err)
{
    int list = node->kind == LF_YSEQUENCE;
    size_t n = list ? node->count : 1;
    int one = node->kind == LF_YSCALAR && !lf_ynode_is_null(node);
    int rc = list || one ? LF_OK : lf_ynode_expect(node, LF_YSEQUENCE, err);
    if (rc == LF_OK && (n == 0 || n > LF_TIER_MAX))
        rc = lf_ynode_error(node, err, LF_ERR_CONFIG, "'tiers' needs 1..%d tier names, cut "
                            "first .. cut last; got %zu", LF_TIER_MAX, n);
    for (size_t t = 0; rc == LF_OK && t < n; t++) {
        const lf_ynode *item = list ? node->items[t] : node;
        const char *name = NULL;
        rc = lf_ynode_string(item, &name, err);
        if (rc == LF_OK && strlen(name) >= sizeof p->tiers[t])
            rc = lf_ynode_error(item, err, LF_ERR_CONFIG, "tier name '%.20s...' is %zu bytes "
                                "long; at most %zu fit", name, strlen(name),
                                sizeof p->tiers[t] - 1);
        for (size_t u = 0; rc == LF_OK && u < t; u++)
            if (strcasecmp(name, p->tiers[u]) == 0)
                rc = lf_ynode_error(item, err, LF_ERR_CONFIG, "duplicate tier '%s' (first "
                                    "used at line %ld, column %ld); each tier must be "
                                    "unique", name, node->items[u]->line,
                                    node->items[u]->column);
        if (rc == LF_OK)
            strcpy(p->tiers[t], name);
    }
    p->ntiers = rc == LF_OK ? n : p->ntiers;
    return rc;
}

static int read_root(const lf_ynode *root, lf_portfolio *p, lf_error *err)
{
    static const char *const keys[] = {"window_hours", "tiers", "customers"};
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(root, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(root, "tiers", err);
    if (rc == LF_OK)
        rc = get_positive(root, "window_hours", 24, &p->window_hours, err);
    if (rc == LF_OK)
        rc = read_tiers(lf_ymap_get(root, "tiers"), p, err);
    if (rc == LF_OK && (v = lf_ymap_get(root, "customers")))
        rc = read_customers(v, p, err);
    return rc;
}

/* The portfolio of a parsed document; errors are located in it. */
static int read_document(const lf_ydoc *doc, const char *path, lf_portfolio *p,
                         lf_error *err)
{
    const lf_ynode *root = lf_ydoc_root(doc);
    if (!root)
        return lf_error_at(err, LF_ERR_CONFIG, path, 1, 1, "the portfolio is empty; "
                           "expected a mapping with 'tiers' and 'customers'");
    snprintf(p->source, sizeof p->source, "%s", path);
    int rc = read_root(root, p, err);
    /* Every rule was checked above at its node; this only catches a reader
     * that falls behind the rules, and still names file:line. */
    if (rc == LF_OK && lf_portfolio_check(p, err) != LF_OK) {
        if (err)
            err->code = LF_ERR_CONFIG;
        rc = LF_ERR_CONFIG;
    }
    return rc;
}

int lf_portfolio_load(const char *path, lf_portfolio **out, lf_error *err)
{
    if (!path || !out)
        return lf_error_set(err, LF_ERR_ARG, "lf_portfolio_load needs a path and out");
    *out = NULL;
    lf_ydoc *doc = NULL;
    int rc = lf_ydoc_load_file(path, &doc, err);
    if (rc != LF_OK)
        return rc;
    lf_portfolio *p = lf_portfolio_new(err);
    rc = p ? read_document(doc, path, p, err) : LF_ERR_NOMEM;
    lf_ydoc_free(doc);
    if (rc != LF_OK) {
        lf_portfolio_free(p);
        return rc;
    }
    *out = p;
    return LF_OK;
}
