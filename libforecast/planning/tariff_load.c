/* tariff_load.c - tariffs read from YAML (the format is
 * examples/tariffs/tariffs.yaml), and finding the version of a tariff in
 * force on a day.  Every value is checked where it is read, so a mistake is
 * reported at its file:line:column; lf_tariff_check (tariff.c) then runs on
 * each tariff as a safety net for the rules of tariff.h, its message put
 * after the file and the tariff's line. */
#include "libforecast/tariff.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/yaml_tree.h"
#include "tariff_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MINUTES_PER_DAY 1440

/* Bit k of lf_tou_schedule.day_kinds is DAY_KINDS[k]. */
static const char *const DAY_KINDS[] = {"workday", "weekend", "holiday"};
static const char *const ENERGY_KINDS[] = {"single", "blocks", "tou"};

/* ---- values -------------------------------------------------------------------------- */

/* A string of node copied into a fixed field; an id (tariff, customer class)
 * is also limited to [A-Za-z0-9_.-]. */
static int node_text(const lf_ynode *v, char *out, size_t size, int is_id, lf_error *err)
{
    int rc = lf_ynode_text(v, out, size, err);
    for (size_t i = 0; rc == LF_OK && is_id && out[i]; i++)
        if (!tariff_id_char(out[i])) {
            char desc[300];
            lf_ynode_describe(v, desc, sizeof desc);
            rc = lf_ynode_error(v, err, LF_ERR_CONFIG, "%s must use only letters, digits, "
                                "'_', '.' and '-', got '%s'", desc, out);
            out[0] = '\0';
        }
    return rc;
}

static int get_text(const lf_ynode *map, const char *key, char *out, size_t size, int is_id,
                    lf_error *err)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    return v ? node_text(v, out, size, is_id, err) : LF_OK;
}

static int get_rate(const lf_ynode *map, const char *key, double *out, lf_error *err)
{
    return lf_ymap_double(map, key, 0, INFINITY, out, err);
}

/* A list of at most max items ("blocks", "windows"...). */
static int expect_list(const lf_ynode *node, size_t min, size_t max, const char *items,
                       lf_error *err)
{
    int rc = lf_ynode_expect(node, LF_YSEQUENCE, err);
    if (rc != LF_OK || (node->count >= min && node->count <= max))
        return rc;
    char desc[300];
    lf_ynode_describe(node, desc, sizeof desc);
    return lf_ynode_error(node, err, LF_ERR_CONFIG, "%s has %zu %s; give %zu to %zu", desc,
                          node->count, items, min, max);
}

/* "HH:MM" (or "H:MM") -> minute of the day; "24:00" (1440) only as an end. */
static int node_clock(const lf_ynode *v, int is_end, int *out, lf_error *err)
{
    const char *s = v->kind == LF_YSCALAR ? v->text : "";
    size_t n = strlen(s);
    int ok = (n == 4 || n == 5) && s[n - 3] == ':';
    for (size_t i = 0; ok && i < n; i++)
        ok = i == n - 3 || (s[i] >= '0' && s[i] <= '9');
    int h = ok ? atoi(s) : -1, m = ok ? atoi(s + n - 2) : -1;
    if (ok && m < 60 && (h < 24 || (is_end && h == 24 && m == 0))) {
        *out = h * 60 + m;
        return LF_OK;
    }
    char desc[300];
    lf_ynode_describe(v, desc, sizeof desc);
    return lf_ynode_error(v, err, LF_ERR_CONFIG, "%s must be a time of day HH:MM from 00:00 "
                          "to %s, got %s%.40s%s", desc, is_end ? "24:00" : "23:59",
                          v->kind == LF_YSCALAR ? "'" : "",
                          v->kind == LF_YSCALAR ? s : lf_ynode_kind_name(v->kind),
                          v->kind == LF_YSCALAR ? "'" : "");
}

/* Each item of a list, or one scalar taken as a list of one; none for []. */
static size_t items_of(const lf_ynode *node)
{
    return node->kind == LF_YSEQUENCE ? node->count : 1;
}

static const lf_ynode *item_of(const lf_ynode *node, size_t i)
{
    return node->kind == LF_YSEQUENCE ? node->items[i] : node;
}

static int not_mapping_or_null(const lf_ynode *node, lf_error *err)
{
    if (node->kind == LF_YMAPPING || lf_ynode_is_null(node))
        return lf_ynode_expect(node, LF_YSEQUENCE, err);
    return LF_OK;
}

/* ---- who may choose it, and when ----------------------------------------------------- */

static int read_effective(const lf_ynode *map, lf_tariff *t, lf_error *err)
{
    static const char *const keys[] = {"from", "to"};
    const lf_ynode *from = lf_ymap_get(map, "from"), *to = lf_ymap_get(map, "to");
    char desc[300], a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    int y, m, d;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_date(map, "from", &t->effective_from, err);
    if (rc == LF_OK)
        rc = lf_ymap_date(map, "to", &t->effective_to, err);
    if (rc != LF_OK)
        return rc;
    if (from) {
        lf_date_to_ymd(t->effective_from, &y, &m, &d);
        lf_ynode_describe(from, desc, sizeof desc);
        if (d != 1)
            return lf_ynode_error(from, err, LF_ERR_CONFIG, "%s is %s, not the first day of "
                                  "a month; tariffs change on the 1st", desc, from->text);
    }
    if (to) {
        lf_date_to_ymd(t->effective_to, &y, &m, &d);
        lf_ynode_describe(to, desc, sizeof desc);
        if (d != lf_days_in_month(y, m))
            return lf_ynode_error(to, err, LF_ERR_CONFIG, "%s is %s, not the last day of a "
                                  "month; tariffs change on the 1st, so a version ends on "
                                  "the day before", desc, to->text);
        if (t->effective_to < t->effective_from) {
            lf_date_format(t->effective_from, a);
            lf_date_format(t->effective_to, b);
            return lf_ynode_error(to, err, LF_ERR_CONFIG, "%s is %s, before 'from' %s", desc,
                                  b, a);
        }
    }
    return LF_OK;
}

/* min_<what> and max_<what>: 0 for no bound, else min <= max (reported at max). */
static int read_bounds(const lf_ynode *map, const char *what, double *min, double *max,
                       lf_error *err)
{
    char kmin[16], kmax[16];
    snprintf(kmin, sizeof kmin, "min_%s", what);
    snprintf(kmax, sizeof kmax, "max_%s", what);
    int rc = lf_ymap_double(map, kmin, 0, INFINITY, min, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, kmax, 0, INFINITY, max, err);
    if (rc == LF_OK && *min > 0 && *max > 0 && *min > *max) {
        const lf_ynode *v = lf_ymap_get(map, kmax);
        char desc[300];
        lf_ynode_describe(v, desc, sizeof desc);
        rc = lf_ynode_error(v, err, LF_ERR_CONFIG, "%s is %g, below '%s' %g (0: no bound)",
                            desc, *max, kmin, *min);
    }
    return rc;
}

static int read_classes(const lf_ynode *node, lf_tariff *t, lf_error *err)
{
    size_t n = items_of(node);
    int rc = not_mapping_or_null(node, err);
    if (rc == LF_OK && n > LF_TARIFF_CLASSES_MAX)
        return lf_ynode_error(node, err, LF_ERR_CONFIG, "'classes' has %zu customer classes; "
                              "at most %d", n, LF_TARIFF_CLASSES_MAX);
    for (size_t i = 0; rc == LF_OK && i < n; i++)
        rc = node_text(item_of(node, i), t->classes[i], sizeof t->classes[i], 1, err);
    t->nclasses = rc == LF_OK ? n : 0;
    return rc;
}

static int read_eligible(const lf_ynode *map, lf_tariff *t, lf_error *err)
{
    static const char *const keys[] = {"min_kv", "max_kv", "min_kva", "max_kva", "classes"};
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = read_bounds(map, "kv", &t->min_kv, &t->max_kv, err);
    if (rc == LF_OK)
        rc = read_bounds(map, "kva", &t->min_kva, &t->max_kva, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "classes")))
        rc = read_classes(v, t, err);
    return rc;
}

/* ---- energy: blocks ------------------------------------------------------------------ */

/* Block k of n; upto_kwh rises and rates do not fall (inclining blocks). */
static int read_block(const lf_ynode *seq, size_t k, lf_tariff *t, lf_error *err)
{
    static const char *const keys[] = {"upto_kwh", "rate"};
    const lf_ynode *map = seq->items[k];
    int last = k + 1 == seq->count;
    char desc[300], prev[300];
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "rate", err);
    if (rc == LF_OK && !last)
        rc = lf_ymap_require(map, "upto_kwh", err);
    if (rc == LF_OK && last && lf_ymap_get(map, "upto_kwh")) {
        lf_ynode_describe(lf_ymap_get(map, "upto_kwh"), desc, sizeof desc);
        return lf_ynode_error(lf_ymap_key(map, "upto_kwh"), err, LF_ERR_CONFIG, "%s: the "
                              "last block has no end; remove it", desc);
    }
    if (rc == LF_OK && !last)
        rc = lf_ynode_positive(lf_ymap_get(map, "upto_kwh"), INFINITY, &t->block_upto_kwh[k], err);
    if (rc == LF_OK)
        rc = get_rate(map, "rate", &t->block_rate[k], err);
    if (rc != LF_OK || k == 0)
        return rc;
    lf_ynode_describe(seq->items[k - 1], prev, sizeof prev);
    if (!last && !(t->block_upto_kwh[k] > t->block_upto_kwh[k - 1])) {
        const lf_ynode *v = lf_ymap_get(map, "upto_kwh");
        lf_ynode_describe(v, desc, sizeof desc);
        return lf_ynode_error(v, err, LF_ERR_CONFIG, "%s is %g, not above the %g kWh of %s; "
                              "blocks must be increasing", desc, t->block_upto_kwh[k],
                              t->block_upto_kwh[k - 1], prev);
    }
    if (t->block_rate[k] < t->block_rate[k - 1]) {
        const lf_ynode *v = lf_ymap_get(map, "rate");
        lf_ynode_describe(v, desc, sizeof desc);
        return lf_ynode_error(v, err, LF_ERR_CONFIG, "%s is %g, below the %g of %s; the rates "
                              "of inclining blocks do not fall", desc, t->block_rate[k],
                              t->block_rate[k - 1], prev);
    }
    return LF_OK;
}

static int read_blocks(const lf_ynode *seq, lf_tariff *t, lf_error *err)
{
    int rc = expect_list(seq, 1, LF_TARIFF_BLOCKS_MAX, "blocks", err);
    for (size_t k = 0; rc == LF_OK && k < seq->count; k++)
        rc = read_block(seq, k, t, err);
    t->nblocks = rc == LF_OK ? seq->count : 0;
    return rc;
}

/* ---- energy: time of use ------------------------------------------------------------- */

/* rates: {period: rate}; flat is required because uncovered minutes are flat. */
static int read_rates(const lf_ynode *map, lf_tariff *t, lf_error *err)
{
    int rc = lf_ymap_expect_keys(map, tariff_period_names, LF_TOU_PERIODS, err);
    for (int p = 0; rc == LF_OK && p < LF_TOU_PERIODS; p++)
        rc = get_rate(map, tariff_period_names[p], &t->tou_rate[p], err);
    if (rc == LF_OK && !lf_ymap_get(map, "flat")) {
        char path[200];
        lf_ynode_path(map, path, sizeof path);
        rc = lf_ynode_error(map, err, LF_ERR_CONFIG, "missing required key 'flat' in '%s'; "
                            "minutes no window covers are charged the flat rate", path);
    }
    return rc;
}

/* months: [1..12] (or one month) -> bits; absent: every month (0). */
static int read_months(const lf_ynode *node, unsigned *out, lf_error *err)
{
    size_t n = items_of(node);
    int rc = not_mapping_or_null(node, err);
    if (rc == LF_OK && n == 0)
        return lf_ynode_error(node, err, LF_ERR_CONFIG, "'months' is empty; list months "
                              "1..12, or leave it out for every month");
    unsigned mask = 0;
    for (size_t i = 0; rc == LF_OK && i < n; i++) {
        int month = 0;
        rc = lf_ynode_int(item_of(node, i), 1, 12, &month, err);
        if (rc == LF_OK)
            mask |= 1u << (month - 1);
    }
    if (rc == LF_OK)
        *out = mask;
    return rc;
}

/* days: [workday, weekend, holiday] (or one) -> bits; absent: every day (0). */
static int read_days(const lf_ynode *node, unsigned *out, lf_error *err)
{
    size_t n = items_of(node);
    int rc = not_mapping_or_null(node, err);
    if (rc == LF_OK && n == 0)
        return lf_ynode_error(node, err, LF_ERR_CONFIG, "'days' is empty; list day kinds "
                              "(workday, weekend, holiday), or leave it out for every day");
    unsigned mask = 0;
    for (size_t i = 0; rc == LF_OK && i < n; i++) {
        int kind = 0;
        rc = lf_ynode_enum(item_of(node, i), DAY_KINDS, COUNT(DAY_KINDS), &kind, err);
        if (rc == LF_OK)
            mask |= 1u << kind;
    }
    if (rc == LF_OK)
        *out = mask;
    return rc;
}

/* Window j of seq: its own values, a rate for its period, and no minute that
 * an earlier window of the schedule has (owner[m]: that window, -1 none). */
static int read_window(const lf_ynode *seq, size_t j, const lf_tariff *t, lf_tou_schedule *s,
                       signed char owner[], lf_error *err)
{
    static const char *const keys[] = {"from", "to", "period"};
    const lf_ynode *map = seq->items[j];
    lf_tou_window *w = &s->windows[j];
    char desc[300], a[16], b[16], c[16];
    int period = 0;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    for (size_t k = 0; rc == LF_OK && k < COUNT(keys); k++)
        rc = lf_ymap_require(map, keys[k], err);
    if (rc == LF_OK)
        rc = node_clock(lf_ymap_get(map, "from"), 0, &w->start_minute, err);
    if (rc == LF_OK)
        rc = node_clock(lf_ymap_get(map, "to"), 1, &w->end_minute, err);
    if (rc == LF_OK && w->start_minute == w->end_minute) {
        const lf_ynode *v = lf_ymap_get(map, "to");
        lf_ynode_describe(v, desc, sizeof desc);
        return lf_ynode_error(v, err, LF_ERR_CONFIG, "%s is the same time as 'from'; a window "
                              "needs a length (a whole day is 00:00 to 24:00)", desc);
    }
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "period", tariff_period_names, LF_TOU_PERIODS, &period, err);
    if (rc != LF_OK)
        return rc;
    w->period = (lf_tou_period)period;
    if (isnan(t->tou_rate[period])) {
        const lf_ynode *v = lf_ymap_get(map, "period");
        lf_ynode_describe(v, desc, sizeof desc);
        return lf_ynode_error(v, err, LF_ERR_CONFIG, "%s is %s, but 'rates' gives no %s rate",
                              desc, tariff_period_names[period], tariff_period_names[period]);
    }
    /* Minute by minute: simple, and a day has only 1,440 of them. */
    for (int m = 0; m < MINUTES_PER_DAY; m++) {
        int in = w->start_minute < w->end_minute
                     ? m >= w->start_minute && m < w->end_minute
                     : m >= w->start_minute || m < w->end_minute;
        if (!in)
            continue;
        if (owner[m] >= 0) {
            const lf_tou_window *o = &s->windows[owner[m]];
            lf_ynode_describe(map, desc, sizeof desc);
            tariff_clock_text(o->start_minute, a, sizeof a);
            tariff_clock_text(o->end_minute, b, sizeof b);
            tariff_clock_text(m, c, sizeof c);
            return lf_ynode_error(map, err, LF_ERR_CONFIG, "%s overlaps windows[%d] (%s-%s) "
                                  "at %s; the windows of a schedule must not overlap", desc,
                                  owner[m], a, b, c);
        }
        owner[m] = (signed char)j;
    }
    return LF_OK;
}

static int read_windows(const lf_ynode *seq, const lf_tariff *t, lf_tou_schedule *s,
                        lf_error *err)
{
    signed char owner[MINUTES_PER_DAY];
    memset(owner, -1, sizeof owner);
    int rc = expect_list(seq, 0, LF_TOU_WINDOWS_MAX, "windows", err);
    for (size_t j = 0; rc == LF_OK && j < seq->count; j++)
        rc = read_window(seq, j, t, s, owner, err);
    s->nwindows = rc == LF_OK ? seq->count : 0;
    return rc;
}

static int read_schedule(const lf_ynode *map, const lf_tariff *t, lf_tou_schedule *s,
                         lf_error *err)
{
    static const char *const keys[] = {"months", "days", "windows"};
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "windows", err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "months")))
        rc = read_months(v, &s->months, err);
    if (rc == LF_OK && (v = lf_ymap_get(map, "days")))
        rc = read_days(v, &s->day_kinds, err);
    if (rc == LF_OK)
        rc = read_windows(lf_ymap_get(map, "windows"), t, s, err);
    return rc;
}

static int read_schedules(const lf_ynode *seq, lf_tariff *t, lf_error *err)
{
    int rc = expect_list(seq, 1, LF_TOU_SCHEDULES_MAX, "schedules", err);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++)
        rc = read_schedule(seq->items[i], t, &t->schedules[i], err);
    t->nschedules = rc == LF_OK ? seq->count : 0;
    return rc;
}

/* ---- energy -------------------------------------------------------------------------- */

/* The keys of each kind; a key of another kind is reported as such rather
 * than as unknown ('rates' with kind single is not a typo of 'rate'). */
static int keys_of_kind(const lf_ynode *map, int kind, lf_error *err)
{
    static const char *const uses[][3] = {{"rate"}, {"blocks"}, {"rates", "schedules"}};
    static const char *const takes[] = {"'rate'", "'blocks'", "'rates' and 'schedules'"};
    for (size_t i = 0; i < map->count; i++) {
        const lf_ynode *key = map->pairs[i].key;
        int ok = strcmp(key->text, "kind") == 0;
        for (size_t k = 0; !ok && k < 3 && uses[kind][k]; k++)
            ok = strcmp(key->text, uses[kind][k]) == 0;
        if (!ok) {
            char path[200];
            lf_ynode_path(map, path, sizeof path);
            return lf_ynode_error(key, err, LF_ERR_CONFIG, "key '%s' in '%s' is not used by "
                                  "kind %s, which takes %s", key->text, path,
                                  ENERGY_KINDS[kind], takes[kind]);
        }
    }
    return LF_OK;
}

static int read_energy(const lf_ynode *map, lf_tariff *t, lf_error *err)
{
    static const char *const keys[] = {"kind", "rate", "blocks", "rates", "schedules"};
    int kind = 0;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "kind", err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "kind", ENERGY_KINDS, COUNT(ENERGY_KINDS), &kind, err);
    if (rc == LF_OK)
        rc = keys_of_kind(map, kind, err);
    if (rc != LF_OK)
        return rc;
    t->energy = (lf_energy_kind)kind;
    switch (t->energy) {
    case LF_ENERGY_SINGLE:
        rc = lf_ymap_require(map, "rate", err);
        return rc == LF_OK ? get_rate(map, "rate", &t->rate, err) : rc;
    case LF_ENERGY_BLOCKS:
        rc = lf_ymap_require(map, "blocks", err);
        return rc == LF_OK ? read_blocks(lf_ymap_get(map, "blocks"), t, err) : rc;
    default:
        rc = lf_ymap_require(map, "rates", err);
        if (rc == LF_OK)
            rc = lf_ymap_require(map, "schedules", err);
        if (rc == LF_OK)
            rc = read_rates(lf_ymap_get(map, "rates"), t, err);
        return rc == LF_OK ? read_schedules(lf_ymap_get(map, "schedules"), t, err) : rc;
    }
}

/* ---- basic charge, power factor, surcharges ------------------------------------------ */

static int read_basic(const lf_ynode *map, lf_tariff *t, lf_error *err)
{
    static const char *const keys[] = {"capacity_rate", "demand_rate", "demand_floor_share",
                                       "demand_penalty_share", "demand_penalty_factor"};
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = get_rate(map, "capacity_rate", &t->capacity_rate, err);
    if (rc == LF_OK)
        rc = get_rate(map, "demand_rate", &t->demand_rate, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "demand_floor_share", 0, 1, &t->demand_floor_share, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "demand_penalty_share", 1, INFINITY,
                            &t->demand_penalty_share, err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "demand_penalty_factor", 1, INFINITY,
                            &t->demand_penalty_factor, err);
    return rc;
}

/* Row k of the table: [pf, percent], pf above the row before. */
static int read_pf_row(const lf_ynode *seq, size_t k, lf_tariff *t, lf_error *err)
{
    const lf_ynode *row = seq->items[k];
    lf_pf_entry *e = &t->pf_table[k];
    char desc[300];
    lf_ynode_describe(row, desc, sizeof desc);
    int rc = lf_ynode_expect(row, LF_YSEQUENCE, err);
    if (rc == LF_OK && row->count != 2)
        return lf_ynode_error(row, err, LF_ERR_CONFIG, "%s must be a pair [pf, percent], got "
                              "%zu values", desc, row->count);
    if (rc == LF_OK)
        rc = lf_ynode_positive(row->items[0], 1, &e->pf, err);
    if (rc == LF_OK)
        rc = lf_ynode_double(row->items[1], -INFINITY, INFINITY, &e->percent, err);
    if (rc == LF_OK && k > 0 && !(e->pf > t->pf_table[k - 1].pf)) {
        lf_ynode_describe(row->items[0], desc, sizeof desc);
        return lf_ynode_error(row->items[0], err, LF_ERR_CONFIG, "%s is %g, not above the "
                              "row before's %g; the table must be increasing in pf", desc,
                              e->pf, t->pf_table[k - 1].pf);
    }
    return rc;
}

static int read_power_factor(const lf_ynode *map, lf_tariff *t, lf_error *err)
{
    static const char *const keys[] = {"standard", "table"};
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    for (size_t k = 0; rc == LF_OK && k < COUNT(keys); k++)
        rc = lf_ymap_require(map, keys[k], err);
    if (rc == LF_OK)
        rc = lf_ynode_positive(lf_ymap_get(map, "standard"), 1, &t->pf_standard, err);
    const lf_ynode *seq = lf_ymap_get(map, "table");
    if (rc == LF_OK)
        rc = expect_list(seq, 1, LF_PF_ENTRIES_MAX, "rows", err);
    for (size_t k = 0; rc == LF_OK && k < seq->count; k++)
        rc = read_pf_row(seq, k, t, err);
    t->npf = rc == LF_OK ? seq->count : 0;
    return rc;
}

static int read_surcharges(const lf_ynode *seq, lf_tariff *t, lf_error *err)
{
    static const char *const keys[] = {"name", "rate"};
    int rc = expect_list(seq, 0, LF_SURCHARGES_MAX, "surcharges", err);
    for (size_t k = 0; rc == LF_OK && k < seq->count; k++) {
        const lf_ynode *map = seq->items[k];
        lf_surcharge *s = &t->surcharges[k];
        rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
        for (size_t i = 0; rc == LF_OK && i < COUNT(keys); i++)
            rc = lf_ymap_require(map, keys[i], err);
        if (rc == LF_OK)
            rc = get_text(map, "name", s->name, sizeof s->name, 0, err);
        if (rc == LF_OK)
            rc = get_rate(map, "rate", &s->rate, err);
    }
    t->nsurcharges = rc == LF_OK ? seq->count : 0;
    return rc;
}

/* ---- a tariff ------------------------------------------------------------------------ */

static int read_tariff(const lf_ynode *map, lf_tariff *t, lf_error *err)
{
    static const char *const keys[] = {"id", "name", "effective", "eligible", "energy",
                                       "basic", "power_factor", "surcharges"};
    static const struct {
        const char *key;
        int (*read)(const lf_ynode *, lf_tariff *, lf_error *);
    } parts[] = {{"effective", read_effective}, {"eligible", read_eligible},
                 {"energy", read_energy},       {"basic", read_basic},
                 {"power_factor", read_power_factor}, {"surcharges", read_surcharges}};
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "id", err);
    if (rc == LF_OK)
        rc = lf_ymap_require(map, "energy", err);
    if (rc == LF_OK)
        rc = get_text(map, "id", t->id, sizeof t->id, 1, err);
    if (rc == LF_OK)
        rc = get_text(map, "name", t->name, sizeof t->name, 0, err);
    for (size_t i = 0; rc == LF_OK && i < COUNT(parts); i++) {
        const lf_ynode *v = lf_ymap_get(map, parts[i].key);
        if (v)
            rc = parts[i].read(v, t, err);
    }
    return rc;
}

/* "2024-01-01 to 2025-12-31", "2026-01-01 on", "until 2025-12-31", "always" */
static void range_text(const lf_tariff *t, char *buf, size_t size)
{
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    lf_date_format(t->effective_from, a);
    lf_date_format(t->effective_to, b);
    int open_from = t->effective_from == INT32_MIN, open_to = t->effective_to == INT32_MAX;
    if (open_from && open_to)
        snprintf(buf, size, "always");
    else if (open_from)
        snprintf(buf, size, "until %s", b);
    else if (open_to)
        snprintf(buf, size, "%s on", a);
    else
        snprintf(buf, size, "%s to %s", a, b);
}

/* Tariff i against those before it: one id only for versions in force at
 * different times (reported at the later one's id, naming the earlier line). */
static int check_versions(const lf_ynode *seq, const lf_tariff_set *set, size_t i,
                          lf_error *err)
{
    const lf_tariff *t = &set->tariffs[i];
    for (size_t j = 0; j < i; j++) {
        const lf_tariff *u = &set->tariffs[j];
        if (strcmp(t->id, u->id) != 0 || t->effective_from > u->effective_to ||
            u->effective_from > t->effective_to)
            continue;
        char a[64], b[64];
        range_text(t, a, sizeof a);
        range_text(u, b, sizeof b);
        return lf_ynode_error(lf_ymap_get(seq->items[i], "id"), err, LF_ERR_CONFIG,
                              "tariff '%s' in force %s overlaps its version at line %d in "
                              "force %s; versions of a tariff must not overlap in time",
                              t->id, a, u->line, b);
    }
    return LF_OK;
}

/* Tariff i of the list, read, compared with those before and checked. */
static int add_tariff(const lf_ynode *seq, size_t i, lf_tariff_set *set, lf_error *err)
{
    lf_tariff *t = &set->tariffs[i];
    lf_tariff_init(t);
    int rc = read_tariff(seq->items[i], t, err);
    if (rc == LF_OK)
        rc = check_versions(seq, set, i, err);
    /* Every rule was checked above at its node; this only catches a reader
     * that falls behind the rules, and still names file:line (the line is
     * set after, so the check's message has none of its own). */
    if (rc == LF_OK && lf_tariff_check(t, err) != LF_OK)
        rc = lf_error_prefix(err, LF_ERR_CONFIG, "%s:%ld: ", set->source, seq->items[i]->line);
    t->line = (int)seq->items[i]->line;
    return rc;
}

static int read_tariffs(const lf_ynode *seq, lf_tariff_set *set, lf_error *err)
{
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, err);
    if (rc == LF_OK && seq->count == 0)
        return lf_ynode_error(seq, err, LF_ERR_CONFIG, "'tariffs' is empty; list at least "
                              "one tariff");
    if (rc != LF_OK)
        return rc;
    set->tariffs = calloc(seq->count, sizeof *set->tariffs);
    if (!set->tariffs)
        return lf_ynode_error(seq, err, LF_ERR_NOMEM, "out of memory for %zu tariffs",
                              seq->count);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++) {
        rc = add_tariff(seq, i, set, err);
        set->n = i + 1;
    }
    return rc;
}

static int read_document(const lf_ydoc *doc, const char *path, lf_tariff_set *set,
                         lf_error *err)
{
    static const char *const keys[] = {"currency", "tariffs"};
    const lf_ynode *root = lf_ydoc_root(doc);
    const char *currency = NULL;
    snprintf(set->source, sizeof set->source, "%s", path);
    if (!root)
        return lf_error_at(err, LF_ERR_CONFIG, path, 1, 1, "the tariff file is empty; "
                           "expected a mapping with 'tariffs'");
    int rc = lf_ymap_expect_keys(root, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_require(root, "tariffs", err);
    if (rc == LF_OK)
        rc = lf_ymap_string(root, "currency", &currency, err); /* informational */
    return rc == LF_OK ? read_tariffs(lf_ymap_get(root, "tariffs"), set, err) : rc;
}

/* ---- the set ------------------------------------------------------------------------- */

int lf_tariff_set_load(const char *path, lf_tariff_set **out, lf_error *err)
{
    if (!path || !out)
        return lf_error_set(err, LF_ERR_ARG, "lf_tariff_set_load needs a path and out");
    *out = NULL;
    lf_ydoc *doc = NULL;
    int rc = lf_ydoc_load_file(path, &doc, err);
    if (rc != LF_OK)
        return rc;
    lf_tariff_set *set = calloc(1, sizeof *set);
    rc = set ? read_document(doc, path, set, err)
             : lf_error_set(err, LF_ERR_NOMEM, "out of memory reading tariffs");
    lf_ydoc_free(doc);
    if (rc != LF_OK) {
        lf_tariff_set_free(set);
        return rc;
    }
    *out = set;
    return LF_OK;
}

void lf_tariff_set_free(lf_tariff_set *set)
{
    if (!set)
        return;
    free(set->tariffs);
    free(set);
}

const lf_tariff *lf_tariff_set_find(const lf_tariff_set *set, const char *id, lf_date day)
{
    if (!set || !id)
        return NULL;
    for (size_t i = 0; i < set->n; i++) {
        const lf_tariff *t = &set->tariffs[i];
        if (strcmp(t->id, id) == 0 && day >= t->effective_from && day <= t->effective_to)
            return t;
    }
    return NULL;
}

int tb_set_has(const lf_tariff_set *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->tariffs[i].id, id) == 0)
            return 1;
    return 0;
}
