/* tariff.c - the tariff of tariff.h as a value: its defaults, the check of
 * every rule a bill relies on, the TOU period of a minute, and who may
 * choose it.  Reading tariffs from YAML is tariff_load.c; bills are
 * tariff_bill.c. */
#include "libforecast/tariff.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tariff_internal.h"

#define MINUTES_PER_DAY 1440

/* ---- names --------------------------------------------------------------------------- */

const char *const tariff_period_names[LF_TOU_PERIODS] = {"critical", "peak", "flat", "valley",
                                                         "deep_valley"};

const char *lf_tou_period_name(lf_tou_period period)
{
    if ((int)period < 0 || (int)period >= LF_TOU_PERIODS)
        return "unknown";
    return tariff_period_names[period];
}

/* Ignoring ASCII case, as the YAML loader reads every name. */
int lf_tou_period_parse(const char *name)
{
    for (int p = 0; name && p < LF_TOU_PERIODS; p++)
        if (strcasecmp(name, tariff_period_names[p]) == 0)
            return p;
    return -1;
}

/* ---- defaults ------------------------------------------------------------------------ */

void lf_tariff_init(lf_tariff *t)
{
    if (!t)
        return;
    memset(t, 0, sizeof *t);
    t->effective_from = INT32_MIN;
    t->effective_to = INT32_MAX;
    for (int p = 0; p < LF_TOU_PERIODS; p++)
        t->tou_rate[p] = NAN;
    t->demand_floor_share = 0.4;
    t->demand_penalty_share = 1.05;
    t->demand_penalty_factor = 2;
}

void lf_tariff_account_init(lf_tariff_account *a)
{
    if (!a)
        return;
    memset(a, 0, sizeof *a);
    a->basic = LF_BASIC_BY_CAPACITY;
    a->declared_kw_by_month = NULL;
    a->power_factor_by_month = NULL;
}

/* ---- windows ------------------------------------------------------------------------- */

/* [start, end), or across midnight when end <= start: 22:00-06:00 holds
 * 23:59 and 00:00.  The check keeps start != end, so no window is empty. */
static int window_covers(const lf_tou_window *w, int minute)
{
    if (w->start_minute < w->end_minute)
        return minute >= w->start_minute && minute < w->end_minute;
    return minute >= w->start_minute || minute < w->end_minute;
}

static int schedule_applies(const lf_tou_schedule *s, int month, unsigned day_kind)
{
    int month_ok = s->months == 0 ||
                   (month >= 1 && month <= 12 && (s->months >> (month - 1)) & 1u);
    return month_ok && (s->day_kinds == 0 || (s->day_kinds & day_kind) != 0);
}

/* The first schedule that applies decides the whole day, even where none of
 * its windows covers the minute (that minute is flat): a later schedule is
 * not consulted, so a weekend schedule without windows makes weekends flat. */
lf_tou_period lf_tariff_period(const lf_tariff *t, int month, unsigned day_kind, int minute)
{
    if (!t || t->energy != LF_ENERGY_TOU || minute < 0 || minute >= MINUTES_PER_DAY)
        return LF_TOU_FLAT;
    size_t ns = t->nschedules < LF_TOU_SCHEDULES_MAX ? t->nschedules : LF_TOU_SCHEDULES_MAX;
    for (size_t i = 0; i < ns; i++) {
        const lf_tou_schedule *s = &t->schedules[i];
        if (!schedule_applies(s, month, day_kind))
            continue;
        size_t nw = s->nwindows < LF_TOU_WINDOWS_MAX ? s->nwindows : LF_TOU_WINDOWS_MAX;
        for (size_t j = 0; j < nw; j++)
            if (window_covers(&s->windows[j], minute))
                return s->windows[j].period;
        return LF_TOU_FLAT;
    }
    return LF_TOU_FLAT;
}

/* ---- who may choose it --------------------------------------------------------------- */

static int within(double value, double min, double max)
{
    return (min <= 0 || value >= min) && (max <= 0 || value <= max);
}

int lf_tariff_eligible(const lf_tariff *t, const lf_tariff_account *a)
{
    if (!t || !a)
        return 0;
    if (!within(a->voltage_kv, t->min_kv, t->max_kv) ||
        !within(a->capacity_kva, t->min_kva, t->max_kva))
        return 0;
    if (t->nclasses == 0)
        return 1;
    for (size_t i = 0; i < t->nclasses && i < LF_TARIFF_CLASSES_MAX; i++)
        if (strncmp(t->classes[i], a->customer_class, LF_TARIFF_ID_MAX) == 0)
            return 1;
    return 0;
}

/* ---- checking ------------------------------------------------------------------------ */

/* Fixed arrays are filled by callers: one must be terminated before it is printed. */
static int terminated(const char *s, size_t size) { return memchr(s, '\0', size) != NULL; }

int tariff_id_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-';
}

static int rate_ok(double x) { return isfinite(x) && x >= 0; }

/* A rule broken by the tariff: "tariff 'id'[ (line n)]: ...".  The tariff
 * does not know its file, so the loader, which does, checks it before
 * setting line and puts "file:line: " in front instead. */
static int bad(const lf_tariff *t, lf_error *err, const char *fmt, ...)
{
    char what[LF_ERROR_MESSAGE_MAX], who[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (terminated(t->id, sizeof t->id) && t->id[0])
        snprintf(who, sizeof who, "tariff '%s'", t->id);
    else
        snprintf(who, sizeof who, "tariff");
    if (t->line > 0)
        return lf_error_set(err, LF_ERR_ARG, "%s (line %d): %s", who, t->line, what);
    return lf_error_set(err, LF_ERR_ARG, "%s: %s", who, what);
}

/* "08:00", "24:00" */
void tariff_clock_text(int minute, char *buf, size_t size)
{
    snprintf(buf, size, "%02d:%02d", minute / 60, minute % 60);
}

static int check_texts(const lf_tariff *t, lf_error *err)
{
    if (!terminated(t->id, sizeof t->id))
        return bad(t, err, "the id is longer than %d bytes", LF_TARIFF_ID_MAX - 1);
    if (!t->id[0])
        return bad(t, err, "the id is empty; give each tariff an id");
    for (const char *c = t->id; *c; c++)
        if (!tariff_id_char(*c))
            return bad(t, err, "the id has '%c'; use only letters, digits, '_', '.' and '-'",
                       *c);
    if (!terminated(t->name, sizeof t->name))
        return bad(t, err, "the name is longer than %d bytes", LF_TARIFF_NAME_MAX - 1);
    if (t->nclasses > LF_TARIFF_CLASSES_MAX)
        return bad(t, err, "%zu customer classes; at most %d", t->nclasses,
                   LF_TARIFF_CLASSES_MAX);
    for (size_t i = 0; i < t->nclasses; i++) {
        if (!terminated(t->classes[i], sizeof t->classes[i]))
            return bad(t, err, "customer class %zu is longer than %d bytes", i,
                       LF_TARIFF_ID_MAX - 1);
        if (!t->classes[i][0])
            return bad(t, err, "customer class %zu is empty", i);
    }
    return LF_OK;
}

/* Tariffs change on the first day of a month (tariff.h), so a version ends
 * on the last day of one. */
static int check_dates(const lf_tariff *t, lf_error *err)
{
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    int y, m, d;
    if (t->effective_from != INT32_MIN) {
        lf_date_to_ymd(t->effective_from, &y, &m, &d);
        lf_date_format(t->effective_from, a);
        if (d != 1)
            return bad(t, err, "effective_from %s is not the first day of a month; tariffs "
                       "change on the 1st", a);
    }
    if (t->effective_to != INT32_MAX) {
        lf_date_to_ymd(t->effective_to, &y, &m, &d);
        lf_date_format(t->effective_to, b);
        if (d != lf_days_in_month(y, m))
            return bad(t, err, "effective_to %s is not the last day of a month; tariffs "
                       "change on the 1st", b);
    }
    if (t->effective_from > t->effective_to) {
        lf_date_format(t->effective_from, a);
        lf_date_format(t->effective_to, b);
        return bad(t, err, "effective_from %s is after effective_to %s", a, b);
    }
    return LF_OK;
}

static int check_bound(const lf_tariff *t, const char *what, double min, double max,
                       lf_error *err)
{
    if (!rate_ok(min) || !rate_ok(max))
        return bad(t, err, "min_%s %g and max_%s %g must be finite numbers >= 0 (0: no "
                   "bound)", what, min, what, max);
    if (min > 0 && max > 0 && min > max)
        return bad(t, err, "min_%s %g is above max_%s %g", what, min, what, max);
    return LF_OK;
}

static int check_blocks(const lf_tariff *t, lf_error *err)
{
    if (t->nblocks < 1 || t->nblocks > LF_TARIFF_BLOCKS_MAX)
        return bad(t, err, "%zu blocks; give 1..%d", t->nblocks, LF_TARIFF_BLOCKS_MAX);
    for (size_t k = 0; k < t->nblocks; k++) {
        if (!rate_ok(t->block_rate[k]))
            return bad(t, err, "block %zu rate %g must be a finite number >= 0", k,
                       t->block_rate[k]);
        if (k > 0 && t->block_rate[k] < t->block_rate[k - 1])
            return bad(t, err, "block %zu rate %g is below block %zu's %g; inclining blocks "
                       "do not fall", k, t->block_rate[k], k - 1, t->block_rate[k - 1]);
        if (k + 1 == t->nblocks)
            break; /* the last block has no end */
        double upto = t->block_upto_kwh[k];
        if (!(isfinite(upto) && upto > 0))
            return bad(t, err, "block %zu upto_kwh %g must be a finite number above 0", k,
                       upto);
        if (k > 0 && !(upto > t->block_upto_kwh[k - 1]))
            return bad(t, err, "block %zu ends at %g kWh, not above block %zu's %g kWh; "
                       "blocks must be increasing", k, upto, k - 1,
                       t->block_upto_kwh[k - 1]);
    }
    return LF_OK;
}

/* Window j of schedule i, and that it overlaps none before it; used[] marks
 * its period. */
static int check_window(const lf_tariff *t, size_t i, size_t j, signed char owner[],
                        int used[], lf_error *err)
{
    const lf_tou_window *w = &t->schedules[i].windows[j];
    char a[16], b[16], c[16];
    if ((int)w->period < 0 || (int)w->period >= LF_TOU_PERIODS)
        return bad(t, err, "schedule %zu window %zu has period %d; expected 0..%d (critical, "
                   "peak, flat, valley, deep_valley)", i, j, (int)w->period,
                   LF_TOU_PERIODS - 1);
    /* A start of 24:00 would be 00:00 again: starts are minutes of the day. */
    if (w->start_minute < 0 || w->start_minute >= MINUTES_PER_DAY || w->end_minute < 0 ||
        w->end_minute > MINUTES_PER_DAY || w->start_minute == w->end_minute)
        return bad(t, err, "schedule %zu window %zu runs from minute %d to %d; the start "
                   "must be 0..1439, the end 0..1440 and not the start (an end at or "
                   "before the start crosses midnight)", i, j, w->start_minute,
                   w->end_minute);
    for (int m = 0; m < MINUTES_PER_DAY; m++) {
        if (!window_covers(w, m))
            continue;
        if (owner[m] >= 0) {
            const lf_tou_window *o = &t->schedules[i].windows[owner[m]];
            char d[16], e[16];
            tariff_clock_text(w->start_minute, a, sizeof a);
            tariff_clock_text(w->end_minute, b, sizeof b);
            tariff_clock_text(o->start_minute, d, sizeof d);
            tariff_clock_text(o->end_minute, e, sizeof e);
            tariff_clock_text(m, c, sizeof c);
            return bad(t, err, "schedule %zu window %zu (%s-%s) overlaps window %d (%s-%s) "
                       "at %s; the windows of a schedule must not overlap", i, j, a, b,
                       owner[m], d, e, c);
        }
        owner[m] = (signed char)j;
    }
    used[w->period] = 1;
    return LF_OK;
}

static int check_schedule(const lf_tariff *t, size_t i, int used[], lf_error *err)
{
    const lf_tou_schedule *s = &t->schedules[i];
    if (s->months >= 1u << 12)
        return bad(t, err, "schedule %zu months 0x%x sets bits above 11 (December); use bit "
                   "m - 1 for month m, or 0 for every month", i, s->months);
    if (s->day_kinds >= 1u << 3)
        return bad(t, err, "schedule %zu day kinds 0x%x sets bits other than workday (1), "
                   "weekend (2) and holiday (4); 0 is every day", i, s->day_kinds);
    if (s->nwindows > LF_TOU_WINDOWS_MAX)
        return bad(t, err, "schedule %zu has %zu windows; at most %d", i, s->nwindows,
                   LF_TOU_WINDOWS_MAX);
    signed char owner[MINUTES_PER_DAY]; /* the window covering each minute, -1 none */
    memset(owner, -1, sizeof owner);
    for (size_t j = 0; j < s->nwindows; j++) {
        int rc = check_window(t, i, j, owner, used, err);
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}

/* A rate for flat (minutes no window covers are flat) and for every period a
 * window uses; an unused period may be NaN, any rate given is >= 0. */
static int check_tou(const lf_tariff *t, lf_error *err)
{
    if (t->nschedules < 1 || t->nschedules > LF_TOU_SCHEDULES_MAX)
        return bad(t, err, "%zu TOU schedules; give 1..%d", t->nschedules,
                   LF_TOU_SCHEDULES_MAX);
    int used[LF_TOU_PERIODS] = {0};
    used[LF_TOU_FLAT] = 1;
    for (size_t i = 0; i < t->nschedules; i++) {
        int rc = check_schedule(t, i, used, err);
        if (rc != LF_OK)
            return rc;
    }
    for (int p = 0; p < LF_TOU_PERIODS; p++) {
        double r = t->tou_rate[p];
        const char *name = tariff_period_names[p];
        if (isnan(r) && used[p] && p == LF_TOU_FLAT)
            return bad(t, err, "the flat period has no rate; minutes no window covers are "
                       "flat");
        if (isnan(r) && used[p])
            return bad(t, err, "the %s period has no rate, but a window uses it", name);
        if (!isnan(r) && !rate_ok(r))
            return bad(t, err, "the %s rate %g must be a finite number >= 0", name, r);
    }
    return LF_OK;
}

static int check_energy(const lf_tariff *t, lf_error *err)
{
    switch (t->energy) {
    case LF_ENERGY_SINGLE:
        if (!rate_ok(t->rate))
            return bad(t, err, "rate %g must be a finite number >= 0", t->rate);
        return LF_OK;
    case LF_ENERGY_BLOCKS:
        return check_blocks(t, err);
    case LF_ENERGY_TOU:
        return check_tou(t, err);
    default:
        return bad(t, err, "energy kind %d; expected 0..2 (single, blocks, tou)",
                   (int)t->energy);
    }
}

static int check_basic(const lf_tariff *t, lf_error *err)
{
    if (!rate_ok(t->capacity_rate))
        return bad(t, err, "capacity_rate %g must be a finite number >= 0", t->capacity_rate);
    if (!rate_ok(t->demand_rate))
        return bad(t, err, "demand_rate %g must be a finite number >= 0", t->demand_rate);
    if (!(t->demand_floor_share >= 0 && t->demand_floor_share <= 1))
        return bad(t, err, "demand_floor_share %g must be from 0 to 1",
                   t->demand_floor_share);
    if (!(isfinite(t->demand_penalty_share) && t->demand_penalty_share >= 1))
        return bad(t, err, "demand_penalty_share %g must be a finite number >= 1",
                   t->demand_penalty_share);
    if (!(isfinite(t->demand_penalty_factor) && t->demand_penalty_factor >= 1))
        return bad(t, err, "demand_penalty_factor %g must be a finite number >= 1",
                   t->demand_penalty_factor);
    return LF_OK;
}

static int check_power_factor(const lf_tariff *t, lf_error *err)
{
    if (t->npf > LF_PF_ENTRIES_MAX)
        return bad(t, err, "%zu power-factor rows; at most %d", t->npf, LF_PF_ENTRIES_MAX);
    /* pf_standard 0 turns the adjustment off (tariff.h), table or not; the
     * loader never makes that case, as a file's power_factor needs both. */
    if (!(t->pf_standard == 0 || (t->pf_standard > 0 && t->pf_standard <= 1)))
        return bad(t, err, "pf_standard %g must be above 0 and at most 1 (0: no "
                   "adjustment)", t->pf_standard);
    if (t->pf_standard > 0 && t->npf == 0)
        return bad(t, err, "pf_standard %g has no power-factor table", t->pf_standard);
    for (size_t k = 0; k < t->npf; k++) {
        const lf_pf_entry *e = &t->pf_table[k];
        if (!(e->pf > 0 && e->pf <= 1))
            return bad(t, err, "power-factor row %zu has pf %g; it must be above 0 and at "
                       "most 1", k, e->pf);
        if (k > 0 && !(e->pf > t->pf_table[k - 1].pf))
            return bad(t, err, "power-factor row %zu has pf %g, not above row %zu's %g; the "
                       "table must be increasing in pf", k, e->pf, k - 1,
                       t->pf_table[k - 1].pf);
        if (!isfinite(e->percent))
            return bad(t, err, "power-factor row %zu has percent %g; it must be finite", k,
                       e->percent);
    }
    return LF_OK;
}

static int check_surcharges(const lf_tariff *t, lf_error *err)
{
    if (t->nsurcharges > LF_SURCHARGES_MAX)
        return bad(t, err, "%zu surcharges; at most %d", t->nsurcharges, LF_SURCHARGES_MAX);
    for (size_t k = 0; k < t->nsurcharges; k++) {
        const lf_surcharge *s = &t->surcharges[k];
        if (!terminated(s->name, sizeof s->name))
            return bad(t, err, "the name of surcharge %zu is longer than %d bytes", k,
                       LF_TARIFF_NAME_MAX - 1);
        if (!s->name[0])
            return bad(t, err, "surcharge %zu has no name", k);
        if (!rate_ok(s->rate))
            return bad(t, err, "surcharge '%s' rate %g must be a finite number >= 0", s->name,
                       s->rate);
    }
    return LF_OK;
}

int lf_tariff_check(const lf_tariff *t, lf_error *err)
{
    if (!t)
        return lf_error_set(err, LF_ERR_ARG, "lf_tariff_check needs a tariff");
    int rc = check_texts(t, err);
    if (rc == LF_OK)
        rc = check_dates(t, err);
    if (rc == LF_OK)
        rc = check_bound(t, "kv", t->min_kv, t->max_kv, err);
    if (rc == LF_OK)
        rc = check_bound(t, "kva", t->min_kva, t->max_kva, err);
    if (rc == LF_OK)
        rc = check_energy(t, err);
    if (rc == LF_OK)
        rc = check_basic(t, err);
    if (rc == LF_OK)
        rc = check_power_factor(t, err);
    if (rc == LF_OK)
        rc = check_surcharges(t, err);
    return rc;
}
