/* config_plan_supply.c - the supply of the config's 'plan' section (own
 * generation, purchases, own and import capacity, planned outages: each one
 * number for every month or a figure per month), and lf_config_plan_supply,
 * which lays them over the months of a plan. */
#include <math.h>
#include <stdio.h>

#include "config_internal.h"

/* Bounds, not models: China's whole grid uses under 1e9 MWh a month and
 * peaks near 1.5e6 MW, so a figure above these is kWh or kW written as MWh
 * or MW. */
#define MAX_MWH 1e9
#define MAX_MW 1e7

static const char *const KEYS[LF_PLAN_SUPPLY_COUNT] = {"own_mwh", "purchase_mwh", "own_mw",
                                                       "import_mw", "outage_mw"};

typedef struct unit {
    double max;
    const char *name, *smaller;
} unit;

static const unit MWH = {MAX_MWH, "MWh a month", "kWh"};
static const unit MW = {MAX_MW, "MW", "kW"};

static const unit *unit_of(int k)
{
    return k == LF_PLAN_OWN_MWH || k == LF_PLAN_PURCHASE_MWH ? &MWH : &MW;
}

static int read_figure(const lf_ynode *node, const void *ctx, double *out, lf_error *err)
{
    const unit *u = ctx;
    int rc = lf_ynode_double(node, 0, INFINITY, out, err);
    if (rc != LF_OK || *out <= u->max)
        return rc;
    char desc[300];
    lf_ynode_describe(node, desc, sizeof desc);
    return lf_ynode_error(node, err, LF_ERR_CONFIG, "%s must be at most %g %s, got %s; a "
                          "larger figure is likely in %s", desc, u->max, u->name, node->text,
                          u->smaller);
}

static int read_one(const lf_ynode *node, lf_arena *arena, int k, lf_config_supply *s,
                    lf_error *err)
{
    char forms[160];
    snprintf(forms, sizeof forms, "%s is a number (%s) or a figure per month {2025-01: 100, "
             "...}", KEYS[k], unit_of(k)->name);
    s->line = node->line;
    s->col = node->column;
    if (node->kind == LF_YSCALAR) {
        s->kind = LF_SUPPLY_CONSTANT;
        return read_figure(node, unit_of(k), &s->value, err);
    }
    if (node->kind != LF_YMAPPING || node->count == 0)
        return lf_ynode_error(node, err, LF_ERR_CONFIG, "'%s' in 'plan.supply' got %s; %s",
                              KEYS[k], node->kind == LF_YMAPPING
                                           ? "an empty mapping" : lf_ynode_kind_name(node->kind),
                              forms);
    if (node->count > LF_BALANCE_MAX_MONTHS)
        return lf_ynode_error(node, err, LF_ERR_CONFIG, "'%s' in 'plan.supply' names %zu "
                              "months; a plan has at most %d", KEYS[k], node->count,
                              LF_BALANCE_MAX_MONTHS);
    const lf_config_month_form form = {read_figure, unit_of(k), NULL, 0, forms};
    int rc = lf_config_read_months(node, arena, &form, &s->months, err);
    if (rc == LF_OK) {
        s->kind = LF_SUPPLY_MONTHLY;
        s->nmonths = node->count;
    }
    return rc;
}

int lf_config_read_plan_supply(const lf_ynode *map, lf_arena *arena, lf_config_plan *plan,
                               lf_error *err)
{
    int rc = lf_ymap_expect_keys(map, KEYS, LF_PLAN_SUPPLY_COUNT, err);
    for (int k = 0; k < LF_PLAN_SUPPLY_COUNT && rc == LF_OK; k++) {
        const lf_ynode *v = lf_ymap_get(map, KEYS[k]);
        if (v)
            rc = read_one(v, arena, k, &plan->supply[k], err);
    }
    return rc;
}

/* ---- the figures over a plan's months ------------------------------------------------ */

#define LABEL_SIZE 32 /* any two ints: no truncation to warn of */

/* The month t months after year-month: "YYYY-MM". */
static void month_label(int year, int month, long t, char buf[LABEL_SIZE])
{
    long i = (long)year * 12 + month - 1 + t;
    snprintf(buf, LABEL_SIZE, "%04d-%02d", (int)(i / 12), (int)(i % 12 + 1));
}

static int spread_months(const lf_config *cfg, int k, int year, int month, size_t nmonths,
                         double *out, lf_error *err)
{
    const lf_config_supply *s = &cfg->plan.supply[k];
    char first[LABEL_SIZE], last[LABEL_SIZE], missing[LABEL_SIZE];
    month_label(year, month, 0, first);
    month_label(year, month, (long)nmonths - 1, last);
    /* outages are planned in a few months; every other figure names each month */
    for (size_t t = 0; t < nmonths; t++)
        out[t] = k == LF_PLAN_OUTAGE_MW ? 0 : NAN;
    for (size_t i = 0; i < s->nmonths; i++) {
        const lf_config_month_limit *m = &s->months[i];
        long t = ((long)m->year * 12 + m->month) - ((long)year * 12 + month);
        if (t < 0 || t >= (long)nmonths)
            return lf_error_at(err, LF_ERR_CONFIG, cfg->path, m->line, m->col, "'%04d-%02d' "
                               "in 'plan.supply.%s' is outside the plan's months (%s .. %s); "
                               "a month of another year is likely a typo", m->year, m->month,
                               KEYS[k], first, last);
        out[t] = m->mw;
    }
    for (size_t t = 0; t < nmonths; t++) {
        if (!isnan(out[t]))
            continue;
        month_label(year, month, (long)t, missing);
        return lf_error_at(err, LF_ERR_CONFIG, cfg->path, s->line, s->col, "'%s' in "
                           "'plan.supply' has no figure for %s, a month of the plan (%s .. "
                           "%s); give every month, or one number for all", KEYS[k], missing,
                           first, last);
    }
    return LF_OK;
}

int lf_config_plan_supply(const lf_config *cfg, int year, int month, size_t nmonths,
                          double *out[LF_PLAN_SUPPLY_COUNT], lf_error *err)
{
    if (!cfg || !out || year < 1 || month < 1 || month > 12 || nmonths < 1 ||
        nmonths > LF_BALANCE_MAX_MONTHS)
        return lf_error_set(err, LF_ERR_ARG, "lf_config_plan_supply needs a config, a month "
                            "and 1..%d months", LF_BALANCE_MAX_MONTHS);
    for (int k = 0; k < LF_PLAN_SUPPLY_COUNT; k++)
        if (!out[k])
            return lf_error_set(err, LF_ERR_ARG, "lf_config_plan_supply needs an array for "
                                "%s", KEYS[k]);
    if (!cfg->has_plan)
        return lf_error_set(err, LF_ERR_CONFIG, "%s has no 'plan' section", cfg->path);
    for (int k = 0; k < LF_PLAN_SUPPLY_COUNT; k++) {
        const lf_config_supply *s = &cfg->plan.supply[k];
        if (s->kind == LF_SUPPLY_MONTHLY) {
            int rc = spread_months(cfg, k, year, month, nmonths, out[k], err);
            if (rc != LF_OK)
                return rc;
        } else {
            for (size_t t = 0; t < nmonths; t++)
                out[k][t] = s->kind == LF_SUPPLY_CONSTANT ? s->value : 0;
        }
    }
    return LF_OK;
}
