/* portfolio.c - the demand-response portfolio of peakshift.h built in code:
 * new/free, appending customers, and the check of every rule a scheduler
 * relies on.  Reading one from YAML is portfolio_load.c. */
#include "libforecast/peakshift.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/grow.h"

const char *lf_dr_kind_name(lf_dr_kind kind)
{
    switch (kind) {
    case LF_DR_SHIFT: return "shift";
    case LF_DR_AVOID_PEAK: return "avoid_peak";
    case LF_DR_REST_DAY: return "rest_day";
    case LF_DR_INTERRUPT: return "interrupt";
    default: return "unknown";
    }
}

lf_portfolio *lf_portfolio_new(lf_error *err)
{
    lf_portfolio *p = calloc(1, sizeof *p);
    if (!p) {
        lf_error_set(err, LF_ERR_NOMEM, "out of memory allocating a portfolio");
        return NULL;
    }
    p->ntiers = 1;
    strcpy(p->tiers[0], "general");
    p->window_hours = 4;
    return p;
}

void lf_portfolio_free(lf_portfolio *p)
{
    if (!p)
        return;
    free(p->customers);
    free(p);
}

/* The struct has no capacity field, so the capacity is a function of n: the
 * array holds 16, 32, 64 ... customers, the smallest such size >= n, which
 * is what lf_grow made it.  This holds as long as only lf_portfolio_add (and
 * the loader, which goes through it) allocates the array. */
static size_t capacity_of(size_t n)
{
    if (n == 0)
        return 0;
    size_t cap = 16;
    while (cap < n)
        cap *= 2;
    return cap;
}

int lf_portfolio_add(lf_portfolio *p, const lf_dr_customer *c, lf_error *err)
{
    if (!p || !c)
        return lf_error_set(err, LF_ERR_ARG, "lf_portfolio_add needs a portfolio and a "
                            "customer");
    for (size_t i = 0; i < p->n; i++)
        if (strncmp(p->customers[i].id, c->id, LF_DR_ID_MAX) == 0)
            return lf_error_set(err, LF_ERR_ARG, "customer id '%.*s' is already in the "
                                "portfolio (customer %zu); each id must be unique",
                                LF_DR_ID_MAX - 1, c->id, i);
    size_t cap = capacity_of(p->n);
    lf_dr_customer *grown = lf_grow(p->customers, p->n, &cap, sizeof *grown);
    if (!grown)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory adding customer '%.*s'",
                            LF_DR_ID_MAX - 1, c->id);
    p->customers = grown;
    p->customers[p->n++] = *c;
    return LF_OK;
}

/* ---- checking ---------------------------------------------------------------------- */

/* Fixed arrays are filled by callers: one must be terminated before it is printed. */
static int terminated(const char *s, size_t size) { return memchr(s, '\0', size) != NULL; }

/* A rule broken by the portfolio as a whole: "[source: ]portfolio: ...". */
static int bad_portfolio(const lf_portfolio *p, lf_error *err, const char *fmt, ...)
{
    char what[LF_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (p->source[0])
        return lf_error_set(err, LF_ERR_ARG, "%.*s: portfolio: %s",
                            (int)sizeof p->source - 1, p->source, what);
    return lf_error_set(err, LF_ERR_ARG, "portfolio: %s", what);
}

/* A rule broken by customer i: "[source:line: ]customer 'id': ..." so the user
 * knows which record to fix (by index when the id itself is the problem). */
static int bad_customer(const lf_portfolio *p, size_t i, lf_error *err, const char *fmt, ...)
{
    const lf_dr_customer *c = &p->customers[i];
    char what[LF_ERROR_MESSAGE_MAX], who[64], source[sizeof p->source];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (terminated(c->id, sizeof c->id) && c->id[0])
        snprintf(who, sizeof who, "customer '%s'", c->id);
    else
        snprintf(who, sizeof who, "customer %zu", i);
    snprintf(source, sizeof source, "%.*s", (int)sizeof source - 1, p->source);
    if (c->line > 0 && source[0])
        return lf_error_at(err, LF_ERR_ARG, source, c->line, 0, "%s: %s", who, what);
    return lf_error_set(err, LF_ERR_ARG, "%s: %s", who, what);
}

static int check_tiers(const lf_portfolio *p, lf_error *err)
{
    if (p->ntiers < 1 || p->ntiers > LF_TIER_MAX)
        return bad_portfolio(p, err, "%zu tiers; give 1..%d tier names, cut first .. cut "
                             "last", p->ntiers, LF_TIER_MAX);
    for (size_t t = 0; t < p->ntiers; t++) {
        if (!terminated(p->tiers[t], sizeof p->tiers[t]))
            return bad_portfolio(p, err, "the name of tier %zu is longer than %d bytes",
                                 t, LF_DR_NAME_MAX - 1);
        if (!p->tiers[t][0])
            return bad_portfolio(p, err, "tier %zu has no name", t);
        /* case-insensitive: the loader looks tiers up that way */
        for (size_t u = 0; u < t; u++)
            if (strcasecmp(p->tiers[t], p->tiers[u]) == 0)
                return bad_portfolio(p, err, "tier '%s' is named twice (tiers %zu and %zu); "
                                     "each tier name must be unique", p->tiers[t], u, t);
    }
    if (!(p->window_hours > 0 && p->window_hours <= 24))
        return bad_portfolio(p, err, "window_hours %g must be above 0 and at most 24",
                             p->window_hours);
    return LF_OK;
}

static int check_texts(const lf_portfolio *p, size_t i, lf_error *err)
{
    const lf_dr_customer *c = &p->customers[i];
    if (!terminated(c->id, sizeof c->id))
        return bad_customer(p, i, err, "the id is longer than %d bytes",
                            LF_DR_ID_MAX - 1);
    if (!c->id[0])
        return bad_customer(p, i, err, "the id is empty; give each customer a unique id");
    for (size_t j = 0; j < i; j++) {
        if (strcmp(p->customers[j].id, c->id) != 0)
            continue;
        if (p->customers[j].line > 0)
            return bad_customer(p, i, err, "the id is used twice (first at line %d); each "
                                "id must be unique", p->customers[j].line);
        return bad_customer(p, i, err, "the id is used twice (customers %zu and %zu); "
                            "each id must be unique", j, i);
    }
    if (!terminated(c->name, sizeof c->name) || !terminated(c->industry, sizeof c->industry))
        return bad_customer(p, i, err, "name and industry have at most %d bytes",
                            LF_DR_NAME_MAX - 1);
    return LF_OK;
}

static int check_sizes(const lf_portfolio *p, size_t i, lf_error *err)
{
    const lf_dr_customer *c = &p->customers[i];
    if (!(isfinite(c->peak_mw) && c->peak_mw > 0))
        return bad_customer(p, i, err, "peak_mw %g must be a finite number above 0",
                            c->peak_mw);
    if (c->tier < 0 || (size_t)c->tier >= p->ntiers)
        return bad_customer(p, i, err, "tier %d is not one of the portfolio's %zu tiers "
                            "(0..%zu)", c->tier, p->ntiers, p->ntiers - 1);
    if (!(isfinite(c->voltage_kv) && c->voltage_kv >= 0))
        return bad_customer(p, i, err, "voltage_kv %g must be a finite number >= 0 "
                            "(0: unknown)", c->voltage_kv);
    if (!(isfinite(c->contract_mw) && c->contract_mw >= 0))
        return bad_customer(p, i, err, "contract_mw %g must be a finite number >= 0 "
                            "(0: unknown)", c->contract_mw);
    return LF_OK;
}

/* The limits of measure m of customer i (its kind is known to be valid). */
static int check_limits(const lf_portfolio *p, size_t i, const lf_dr_measure *m,
                        lf_error *err)
{
    const char *k = lf_dr_kind_name(m->kind);
    const struct { const char *name; int value; } ints[] = {
        {"notice_days", m->notice_days}, {"max_per_week", m->max_per_week},
        {"max_per_month", m->max_per_month}, {"min_gap_days", m->min_gap_days}};
    for (size_t j = 0; j < sizeof ints / sizeof ints[0]; j++)
        if (ints[j].value < 0)
            return bad_customer(p, i, err, "%s %s %d must be >= 0", k, ints[j].name,
                                ints[j].value);
    if (m->max_per_week > 7)
        return bad_customer(p, i, err, "%s max_per_week %d is more than the 7 days of a "
                            "week (0: no limit)", k, m->max_per_week);
    /* Bits 0..6 are the weekdays.  A mask allowing no day is the value 0,
     * which means every day, so no measure can be left without a day. */
    if (m->weekdays >= 128)
        return bad_customer(p, i, err, "%s weekdays 0x%x sets bits above 6 (Sunday); use "
                            "bits 0 (Monday) .. 6 (Sunday), or 0 for every day", k,
                            m->weekdays);
    if (!(isfinite(m->cost_per_mwh) && m->cost_per_mwh >= 0))
        return bad_customer(p, i, err, "%s cost_per_mwh %g must be a finite number >= 0", k,
                            m->cost_per_mwh);
    if (!(isfinite(m->cost_per_event) && m->cost_per_event >= 0))
        return bad_customer(p, i, err, "%s cost_per_event %g must be a finite number >= 0",
                            k, m->cost_per_event);
    return LF_OK;
}

static int check_measures(const lf_portfolio *p, size_t i, lf_error *err)
{
    const lf_dr_customer *c = &p->customers[i];
    if (c->nmeasures > LF_DR_KINDS)
        return bad_customer(p, i, err, "%zu measures; at most %d, one of each kind",
                            c->nmeasures, LF_DR_KINDS);
    int seen[LF_DR_KINDS] = {0};
    for (size_t j = 0; j < c->nmeasures; j++) {
        const lf_dr_measure *m = &c->measures[j];
        if ((int)m->kind < 0 || (int)m->kind >= LF_DR_KINDS)
            return bad_customer(p, i, err, "measure %zu has kind %d; expected 0..%d (shift, "
                                "avoid_peak, rest_day, interrupt)", j, (int)m->kind,
                                LF_DR_KINDS - 1);
        const char *k = lf_dr_kind_name(m->kind);
        if (seen[m->kind]++)
            return bad_customer(p, i, err, "two %s measures; at most one of each kind", k);
        if (!(isfinite(m->mw) && m->mw > 0))
            return bad_customer(p, i, err, "%s mw %g must be a finite number above 0", k,
                                m->mw);
        if (m->mw > c->peak_mw)
            return bad_customer(p, i, err, "%s takes %g MW, above the customer's peak_mw "
                                "of %g MW", k, m->mw, c->peak_mw);
        int rc = check_limits(p, i, m, err);
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}

int lf_portfolio_check(const lf_portfolio *p, lf_error *err)
{
    if (!p)
        return lf_error_set(err, LF_ERR_ARG, "lf_portfolio_check needs a portfolio");
    if (p->n > 0 && !p->customers)
        return bad_portfolio(p, err, "%zu customers but no customer array", p->n);
    int rc = check_tiers(p, err);
    for (size_t i = 0; rc == LF_OK && i < p->n; i++) {
        rc = check_texts(p, i, err);
        if (rc == LF_OK)
            rc = check_sizes(p, i, err);
        if (rc == LF_OK)
            rc = check_measures(p, i, err);
    }
    return rc;
}
