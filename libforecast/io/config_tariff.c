/* config_tariff.c - the 'tariff' section of a project config (keys documented
 * in config.h): the tariff file, a proposed tariff file, the days billed, the
 * plan year, the shares of peak load to move, and one account per large
 * customer.  The files it names are read when the advice is made
 * (config_tariff_data.c). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/suggest.h"
#include "config_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_KV 1000      /* bounds, not models: catch a value in the wrong unit */
#define MAX_KVA 1e7
#define MAX_KW 1e7

typedef struct reader {
    lf_arena *arena;
    const char *dir;                   /* the config file's directory */
    const lf_config_source *customers;
    size_t ncustomers;
    lf_error *err;
} reader;

static int nomem(reader *R)
{
    return lf_error_set(R->err, LF_ERR_NOMEM, "out of memory reading 'tariff'");
}

static int keep(reader *R, const char *text, const char **out)
{
    if (!text)
        return LF_OK;
    *out = lf_arena_strdup(R->arena, text);
    return *out ? LF_OK : nomem(R);
}

/* ---- the section's days, plan year and shares ---------------------------------------- */

static int read_shares(reader *R, const lf_ynode *node, lf_config_tariff *t)
{
    char desc[300];
    lf_ynode_describe(node, desc, sizeof desc);
    int rc = lf_ynode_expect(node, LF_YSEQUENCE, R->err);
    if (rc != LF_OK)
        return rc;
    if (node->count == 0 || node->count > LF_CONFIG_SHIFT_SHARES_MAX)
        return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "%s needs 1 to %d shares, got %zu",
                              desc, LF_CONFIG_SHIFT_SHARES_MAX, node->count);
    for (size_t i = 0; i < node->count && rc == LF_OK; i++) {
        const lf_ynode *v = node->items[i];
        rc = lf_ynode_positive(v, 1, &t->shift_shares[i], R->err);
    }
    t->nshift_shares = node->count;
    return rc;
}

/* ---- an account ------------------------------------------------------------------------ */

/* A growth rate: 0.03 or "3%"; between -99 % and +1000 % (as the forecast's). */
static int read_growth(reader *R, const lf_ynode *node, double *out)
{
    int rc = lf_ynode_expect(node, LF_YSCALAR, R->err);
    if (rc != LF_OK)
        return rc;
    size_t n = strlen(node->text);
    if (n == 0 || node->text[n - 1] != '%')
        return lf_ynode_double(node, -0.99, 10, out, R->err);
    char *end;
    errno = 0;
    double v = strtod(node->text, &end) / 100;
    if (end != node->text + n - 1 || end == node->text || errno || !(v >= -0.99 && v <= 10)) {
        char desc[300];
        lf_ynode_describe(node, desc, sizeof desc);
        return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "%s must be a growth rate like 0.03 "
                              "or 3%% between -99%% and 1000%%, got '%s'", desc, node->text);
    }
    *out = v;
    return LF_OK;
}

/* 'customer' names one of the config's customers. */
static int read_customer(reader *R, const lf_ynode *map, lf_config_tariff_account *a)
{
    const lf_ynode *v = lf_ymap_get(map, "customer");
    const char *id = NULL;
    int rc = lf_ynode_string(v, &id, R->err);
    if (rc != LF_OK)
        return rc;
    for (size_t i = 0; i < R->ncustomers; i++)
        if (!strcmp(R->customers[i].id, id)) {
            a->customer_index = i;
            return keep(R, id, &a->customer);
        }
    char desc[300], hint[120] = "", list[400] = "";
    const char **ids = malloc((R->ncustomers + 1) * sizeof *ids);
    if (!ids)
        return nomem(R);
    for (size_t i = 0; i < R->ncustomers; i++) {
        ids[i] = R->customers[i].id;
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", ids[i]);
    }
    lf_suggest_hint(hint, sizeof hint, id, ids, R->ncustomers);
    free(ids);
    lf_ynode_describe(v, desc, sizeof desc);
    if (!R->ncustomers)
        return lf_ynode_error(v, R->err, LF_ERR_CONFIG, "%s is '%s', but the config has no "
                              "'customers'; an account bills a customer's interval load", desc,
                              id);
    return lf_ynode_error(v, R->err, LF_ERR_CONFIG, "%s is '%s', not a customer of the "
                          "config%s; the customers are %s", desc, id, hint, list);
}

/* history, or {forecast: FILE, scenario: NAME}. */
static int read_declared_from(reader *R, const lf_ynode *node, lf_config_tariff_account *a)
{
    static const char *const keys[] = {"forecast", "scenario"};
    if (node->kind == LF_YSCALAR && !strcmp(node->text, "history")) {
        a->declared_from = LF_DECLARED_FROM_HISTORY;
        return LF_OK;
    }
    if (node->kind != LF_YMAPPING || lf_ynode_is_null(node)) {
        char desc[300];
        lf_ynode_describe(node, desc, sizeof desc);
        return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "%s must be history or a mapping "
                              "{forecast: FILE, scenario: NAME}, got %s%s%s", desc,
                              node->kind == LF_YSCALAR ? "'" : "",
                              node->kind == LF_YSCALAR ? node->text
                                                       : lf_ynode_kind_name(node->kind),
                              node->kind == LF_YSCALAR ? "'" : "");
    }
    a->declared_from = LF_DECLARED_FROM_FORECAST;
    int rc = lf_ymap_expect_required(node, keys, COUNT(keys), 1, R->err);
    if (rc == LF_OK)
        rc = lf_config_get_path(R->arena, R->dir, node, "forecast", &a->forecast_file, R->err);
    const char *s = NULL;
    if (rc == LF_OK)
        rc = lf_ymap_string(node, "scenario", &s, R->err);
    if (rc == LF_OK && s && strlen(s) >= LF_SCENARIO_NAME_MAX)
        rc = lf_ynode_error(lf_ymap_get(node, "scenario"), R->err, LF_ERR_CONFIG, "a scenario "
                            "name has at most %d characters", LF_SCENARIO_NAME_MAX - 1);
    if (rc == LF_OK)
        rc = keep(R, s, &a->forecast_scenario);
    return rc;
}

/* capacity | demand; demand needs the declared value it is billed on. */
static int read_basic(reader *R, const lf_ynode *map, lf_config_tariff_account *a)
{
    static const char *const names[] = {"capacity", "demand"};
    int basic = LF_BASIC_BY_CAPACITY;
    int rc = lf_ymap_enum(map, "basic", names, COUNT(names), &basic, R->err);
    const lf_ynode *v = lf_ymap_get(map, "declared_kw");
    if (rc == LF_OK && v)
        rc = lf_ynode_positive(v, MAX_KW, &a->account.declared_kw, R->err);
    if (rc == LF_OK && v && a->account.declared_kw > a->account.capacity_kva) {
        char desc[300];
        lf_ynode_describe(v, desc, sizeof desc);
        rc = lf_ynode_error(v, R->err, LF_ERR_CONFIG, "%s (%g kW) is above 'capacity_kva' "
                            "(%g kVA); a customer declares at most its installed capacity",
                            desc, a->account.declared_kw, a->account.capacity_kva);
    }
    if (rc == LF_OK && basic == LF_BASIC_BY_DEMAND && !v) {
        const lf_ynode *b = lf_ymap_get(map, "basic");
        char desc[300];
        lf_ynode_describe(b, desc, sizeof desc);
        rc = lf_ynode_error(b, R->err, LF_ERR_CONFIG, "%s is demand, which needs "
                            "'declared_kw' (the demand declared now) in the same account",
                            desc);
    }
    a->account.basic = (lf_basic_choice)basic;
    return rc;
}

static int read_sizes(reader *R, const lf_ynode *map, lf_config_tariff_account *a)
{
    const lf_ynode *v;
    int rc = lf_ynode_text(lf_ymap_get(map, "class"), a->account.customer_class,
                           sizeof a->account.customer_class, R->err);
    if (rc == LF_OK)
        rc = lf_ynode_positive(lf_ymap_get(map, "voltage_kv"), MAX_KV, &a->account.voltage_kv,
                               R->err);
    if (rc == LF_OK)
        rc = lf_ynode_positive(lf_ymap_get(map, "capacity_kva"), MAX_KVA,
                               &a->account.capacity_kva, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "power_factor", 0, 1, &a->account.power_factor, R->err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "shiftable_kw")))
        rc = lf_ynode_positive(v, MAX_KW, &a->shiftable_kw, R->err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "growth")))
        rc = read_growth(R, v, &a->growth);
    return rc;
}

/* A tariff id (current, proposed_tariff), with where it is for the messages
 * of lf_config_tariff_load, which checks it against the tariff file. */
static int read_tariff_id(reader *R, const lf_ynode *map, const char *key, const char **out,
                          long *line, long *col)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    if (!v)
        return LF_OK;
    char id[LF_TARIFF_ID_MAX];
    int rc = lf_ynode_text(v, id, sizeof id, R->err);
    if (rc == LF_OK)
        rc = keep(R, id, out);
    *line = v->line;
    *col = v->column;
    return rc;
}

static int read_account(reader *R, const lf_ynode *map, lf_config_tariff_account *a)
{
    static const char *const keys[] = {"customer", "class", "voltage_kv", "capacity_kva",
                                       "current", "proposed_tariff", "basic", "declared_kw",
                                       "power_factor", "shiftable_kw", "growth",
                                       "declared_from"};
    lf_tariff_account_init(&a->account);
    const lf_ynode *v;
    int rc = lf_ymap_expect_required(map, keys, COUNT(keys), 4, R->err);
    if (rc == LF_OK)
        rc = read_customer(R, map, a);
    if (rc == LF_OK)
        rc = read_sizes(R, map, a);
    if (rc == LF_OK)
        rc = read_basic(R, map, a);
    if (rc == LF_OK)
        rc = read_tariff_id(R, map, "current", &a->current, &a->current_line, &a->current_col);
    if (rc == LF_OK)
        rc = read_tariff_id(R, map, "proposed_tariff", &a->proposed_tariff, &a->proposed_line,
                            &a->proposed_col);
    if (rc == LF_OK && (v = lf_ymap_get(map, "declared_from")))
        rc = read_declared_from(R, v, a);
    return rc;
}

/* Each customer has one account. */
static int check_unique(reader *R, const lf_ynode *seq)
{
    for (size_t i = 0; i < seq->count; i++) {
        const lf_ynode *a = lf_ymap_get(seq->items[i], "customer");
        for (size_t j = 0; j < i; j++) {
            const lf_ynode *b = lf_ymap_get(seq->items[j], "customer");
            if (!strcmp(a->text, b->text))
                return lf_ynode_error(a, R->err, LF_ERR_CONFIG, "customer '%s' has a second "
                                      "account in 'tariff.accounts' (the first at line %ld, "
                                      "column %ld); each customer has one account", a->text,
                                      b->line, b->column);
        }
    }
    return LF_OK;
}

/* With 'proposed', the change is measured from each account's current
 * tariff; without it, a proposed_tariff has no table to be in. */
static int check_proposal(reader *R, const lf_ynode *map, const lf_config_tariff_account *a,
                          const lf_config_tariff *t)
{
    char desc[300];
    if (t->proposed && !a->current) {
        lf_ynode_describe(map, desc, sizeof desc);
        return lf_ynode_error(map, R->err, LF_ERR_CONFIG, "%s (customer %s) has no 'current'; "
                              "with 'proposed' in 'tariff' every account needs the tariff it "
                              "is on now, which the change is measured from", desc,
                              a->customer);
    }
    if (t->proposed || !a->proposed_tariff)
        return LF_OK;
    const lf_ynode *v = lf_ymap_get(map, "proposed_tariff");
    lf_ynode_describe(v, desc, sizeof desc);
    return lf_ynode_error(v, R->err, LF_ERR_CONFIG, "%s names a tariff of the proposed table, "
                          "but 'tariff' has no 'proposed' (the proposed tariff file)", desc);
}

static int read_accounts(reader *R, const lf_ynode *seq, lf_config_tariff *t)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, R->err);
    if (rc != LF_OK)
        return rc;
    if (seq->count == 0)
        return lf_ynode_error(seq, R->err, LF_ERR_CONFIG, "'accounts' in 'tariff' needs at "
                              "least one account");
    lf_config_tariff_account *a = lf_arena_alloc(R->arena, seq->count * sizeof *a);
    if (!a)
        return nomem(R);
    for (size_t i = 0; i < seq->count && rc == LF_OK; i++)
        rc = read_account(R, seq->items[i], &a[i]);
    if (rc == LF_OK)
        rc = check_unique(R, seq);
    for (size_t i = 0; i < seq->count && rc == LF_OK; i++)
        rc = check_proposal(R, seq->items[i], &a[i], t);
    t->accounts = a;
    t->naccounts = rc == LF_OK ? seq->count : 0;
    return rc;
}

int lf_config_read_tariff(const lf_ynode *map, lf_arena *arena, const char *dir,
                          const lf_config_source *customers, size_t ncustomers,
                          lf_config_tariff *t, lf_error *err)
{
    static const char *const keys[] = {"tariffs", "accounts", "proposed", "first", "last",
                                       "plan_year", "shift_shares"};
    static const double shares[] = {0.1, 0.2, 0.3};
    reader R = {arena, dir, customers, ncustomers, err};
    memset(t, 0, sizeof *t);
    t->nshift_shares = COUNT(shares);
    memcpy(t->shift_shares, shares, sizeof shares);
    const lf_ynode *v;
    int rc = lf_ymap_expect_required(map, keys, COUNT(keys), 2, R.err);
    if (rc == LF_OK)
        rc = lf_config_get_path(R.arena, R.dir, map, "tariffs", &t->tariffs, R.err);
    if (rc == LF_OK)
        rc = lf_config_get_path(R.arena, R.dir, map, "proposed", &t->proposed, R.err);
    if (rc == LF_OK)
        rc = lf_config_read_optional_days(map, "tariff", &t->has_first, &t->first, &t->has_last,
                                          &t->last, R.err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "plan_year"))) {
        t->has_plan_year = 1;
        rc = lf_ynode_int(v, 1900, 2200, &t->plan_year, err);
    }
    if (rc == LF_OK && (v = lf_ymap_get(map, "shift_shares")))
        rc = read_shares(&R, v, t);
    if (rc == LF_OK)
        rc = read_accounts(&R, lf_ymap_get(map, "accounts"), t);
    return rc;
}
