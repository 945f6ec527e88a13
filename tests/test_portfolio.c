/* test_portfolio.c - the demand-response portfolio of peakshift.h: a full
 * file read back field by field, defaults, building and checking in code,
 * and the exact file:line:column message of each kind of mistake in a file.
 * Bad files are written from the strings below into a fresh directory as
 * portfolio.yaml, so the line and column in each message can be counted in
 * the string right above it. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch_file.h"
#include "libforecast/peakshift.h"

#define FIX "tests/fixtures/portfolio/"
#define EXAMPLE "examples/peakshift/portfolio.yaml"

static lf_portfolio dummy; /* *out must be reset from this to NULL on error */

/* ---- helpers -------------------------------------------------------------------- */

static lf_portfolio *load_file(const char *path)
{
    lf_error err;
    lf_error_clear(&err);
    lf_portfolio *p = &dummy;
    cr_assert_eq(lf_portfolio_load(path, &p, &err), LF_OK, "%s", err.message);
    cr_assert_not_null(p);
    return p;
}

static lf_portfolio *load_text(const char *text)
{
    scratch s;
    scratch_write(&s, "portfolio.yaml", text);
    lf_error err;
    lf_error_clear(&err);
    lf_portfolio *p = &dummy;
    int rc = lf_portfolio_load(s.path, &p, &err);
    scratch_remove(&s); /* before asserting: a failure leaves no directory behind */
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    cr_assert_not_null(p);
    return p;
}

/* Loading text fails with LF_ERR_CONFIG and exactly this message after the
 * directory ("portfolio.yaml:line:column: ..."), and *out is NULL. */
static void expect_error(const char *text, const char *message)
{
    scratch s;
    scratch_write(&s, "portfolio.yaml", text);
    lf_error err;
    lf_error_clear(&err);
    lf_portfolio *p = &dummy;
    int rc = lf_portfolio_load(s.path, &p, &err);
    scratch_remove(&s);
    cr_assert_eq(rc, LF_ERR_CONFIG, "status %d: %s", rc, err.message);
    cr_assert_eq(err.code, LF_ERR_CONFIG);
    cr_assert_null(p, "*out must be NULL after an error");
    size_t n = strlen(s.dir);
    cr_assert(strncmp(err.message, s.dir, n) == 0 && err.message[n] == '/', "%s",
              err.message);
    cr_assert_str_eq(err.message + n + 1, message);
}

/* ---- a full file ------------------------------------------------------------------ */

static void expect_measure(const lf_dr_measure *m, lf_dr_kind kind, double mw, int notice,
                           int week, int month, int gap, unsigned weekdays, double mwh,
                           double event)
{
    cr_assert_eq(m->kind, kind);
    cr_assert_eq(m->mw, mw);
    cr_assert_eq(m->notice_days, notice);
    cr_assert_eq(m->max_per_week, week);
    cr_assert_eq(m->max_per_month, month);
    cr_assert_eq(m->min_gap_days, gap);
    cr_assert_eq(m->weekdays, weekdays, "weekdays 0x%x", m->weekdays);
    cr_assert_eq(m->cost_per_mwh, mwh);
    cr_assert_eq(m->cost_per_event, event);
}

Test(portfolio, full_file_field_by_field)
{
    lf_portfolio *p = load_file(FIX "full.yaml");
    cr_assert_str_eq(p->source, FIX "full.yaml");
    cr_assert_eq(p->window_hours, 3.5);
    cr_assert_eq(p->ntiers, 3);
    cr_assert_str_eq(p->tiers[0], "restricted");
    cr_assert_str_eq(p->tiers[1], "general");
    cr_assert_str_eq(p->tiers[2], "priority");
    cr_assert_eq(p->n, 3);

    const lf_dr_customer *c = &p->customers[0];
    cr_assert_str_eq(c->id, "C001");
    cr_assert_str_eq(c->name, "Steel mill");
    cr_assert_str_eq(c->industry, "steel");
    cr_assert_eq(c->voltage_kv, 110);
    cr_assert_eq(c->contract_mw, 120);
    cr_assert_eq(c->peak_mw, 95);
    cr_assert_eq(c->tier, 0);
    cr_assert_eq(c->is_protected, 0);
    cr_assert_eq(c->line, 5);
    cr_assert_eq(c->nmeasures, 4);
    expect_measure(&c->measures[0], LF_DR_SHIFT, 20, 0, 3, 0, 0, 0, 50, 0);
    expect_measure(&c->measures[1], LF_DR_AVOID_PEAK, 30, 0, 0, 8, 1, 0, 200, 0);
    expect_measure(&c->measures[2], LF_DR_REST_DAY, 60, 0, 1, 0, 0, 0x7, 0, 5000);
    expect_measure(&c->measures[3], LF_DR_INTERRUPT, 10, 2, 0, 0, 0, 0, 800, 0);

    c = &p->customers[1]; /* protected, no tier: counted with the tier cut last */
    cr_assert_str_eq(c->id, "H01");
    cr_assert_str_eq(c->name, "City hospital");
    cr_assert_str_eq(c->industry, "");
    cr_assert_eq(c->peak_mw, 4.5);
    cr_assert_eq(c->is_protected, 1);
    cr_assert_eq(c->tier, 2);
    cr_assert_eq(c->nmeasures, 0);
    cr_assert_eq(c->line, 18);

    c = &p->customers[2]; /* tier matched ignoring case; full weekday names */
    cr_assert_str_eq(c->id, "D7");
    cr_assert_eq(c->tier, 2);
    cr_assert_eq(c->line, 22);
    cr_assert_eq(c->nmeasures, 1);
    expect_measure(&c->measures[0], LF_DR_REST_DAY, 12, 0, 0, 0, 0, 0x60, 0, 0);
    cr_assert_eq(lf_portfolio_check(p, NULL), LF_OK);
    lf_portfolio_free(p);
}

Test(portfolio, defaults)
{
    lf_portfolio *p = load_text("tiers: [general]\n"
                                "customers:\n"
                                "  - id: A\n"
                                "    peak_mw: 5\n"
                                "    tier: general\n"
                                "    measures:\n"
                                "      shift: {mw: 1}\n"
                                "      rest_day: {mw: 5, weekdays: []}\n");
    cr_assert_eq(p->window_hours, 4);
    cr_assert_eq(p->ntiers, 1);
    cr_assert_eq(p->n, 1);
    const lf_dr_customer *c = &p->customers[0];
    cr_assert_str_eq(c->name, "");
    cr_assert_eq(c->voltage_kv, 0);
    cr_assert_eq(c->contract_mw, 0);
    cr_assert_eq(c->is_protected, 0);
    cr_assert_eq(c->line, 3);
    expect_measure(&c->measures[0], LF_DR_SHIFT, 1, 0, 0, 0, 0, 0, 0, 0);
    expect_measure(&c->measures[1], LF_DR_REST_DAY, 5, 0, 0, 0, 0, 0, 0, 0);
    lf_portfolio_free(p);

    p = load_text("tiers: general\n"); /* one name for a list of one; no customers */
    cr_assert_eq(p->ntiers, 1);
    cr_assert_str_eq(p->tiers[0], "general");
    cr_assert_eq(p->n, 0);
    cr_assert_null(p->customers);
    lf_portfolio_free(p);
}

/* The example of the docs stays loadable and uses what it says it shows. */
Test(portfolio, example_loads)
{
    lf_portfolio *p = load_file(EXAMPLE);
    cr_assert_eq(p->ntiers, 3);
    cr_assert_geq(p->n, 12);
    size_t kinds[LF_DR_KINDS] = {0}, protected = 0;
    for (size_t i = 0; i < p->n; i++) {
        const lf_dr_customer *c = &p->customers[i];
        protected += (size_t)c->is_protected;
        cr_assert(c->is_protected || c->nmeasures > 0, "%s has no measure", c->id);
        for (size_t j = 0; j < c->nmeasures; j++) {
            kinds[c->measures[j].kind]++;
            cr_assert_leq(c->measures[j].mw, c->peak_mw);
        }
    }
    cr_assert_eq(protected, 2);
    for (int k = 0; k < LF_DR_KINDS; k++)
        cr_assert_gt(kinds[k], 0, "no %s measure", lf_dr_kind_name((lf_dr_kind)k));
    lf_portfolio_free(p);
}

/* ---- built in code ------------------------------------------------------------------ */

Test(portfolio, new_and_kind_names)
{
    lf_portfolio *p = lf_portfolio_new(NULL);
    cr_assert_not_null(p);
    cr_assert_eq(p->ntiers, 1);
    cr_assert_str_eq(p->tiers[0], "general");
    cr_assert_eq(p->window_hours, 4);
    cr_assert_eq(p->n, 0);
    cr_assert_str_eq(p->source, "");
    cr_assert_eq(lf_portfolio_check(p, NULL), LF_OK);
    lf_portfolio_free(p);
    lf_portfolio_free(NULL);
    cr_assert_str_eq(lf_dr_kind_name(LF_DR_SHIFT), "shift");
    cr_assert_str_eq(lf_dr_kind_name(LF_DR_AVOID_PEAK), "avoid_peak");
    cr_assert_str_eq(lf_dr_kind_name(LF_DR_REST_DAY), "rest_day");
    cr_assert_str_eq(lf_dr_kind_name(LF_DR_INTERRUPT), "interrupt");
    cr_assert_str_eq(lf_dr_kind_name((lf_dr_kind)9), "unknown");
}

static lf_dr_customer customer(const char *id, double peak_mw)
{
    lf_dr_customer c;
    memset(&c, 0, sizeof c);
    snprintf(c.id, sizeof c.id, "%s", id);
    c.peak_mw = peak_mw;
    c.nmeasures = 2;
    c.measures[0] = (lf_dr_measure){.kind = LF_DR_SHIFT, .mw = 5, .max_per_week = 3};
    c.measures[1] = (lf_dr_measure){.kind = LF_DR_REST_DAY, .mw = peak_mw, .weekdays = 0x1f,
                                    .cost_per_event = 100};
    return c;
}

Test(portfolio, add_copies_and_grows)
{
    lf_error err;
    lf_portfolio *p = lf_portfolio_new(&err);
    char id[16];
    for (int i = 0; i < 100; i++) { /* past 16, 32 and 64: the array grows */
        snprintf(id, sizeof id, "C%03d", i);
        lf_dr_customer c = customer(id, 10 + i);
        cr_assert_eq(lf_portfolio_add(p, &c, &err), LF_OK, "%s", err.message);
        c.peak_mw = -1; /* a copy was added */
    }
    cr_assert_eq(p->n, 100);
    for (int i = 0; i < 100; i++) {
        snprintf(id, sizeof id, "C%03d", i);
        cr_assert_str_eq(p->customers[i].id, id);
        cr_assert_eq(p->customers[i].peak_mw, 10 + i);
        cr_assert_eq(p->customers[i].measures[1].mw, 10 + i);
    }
    cr_assert_eq(lf_portfolio_check(p, &err), LF_OK, "%s", err.message);

    lf_dr_customer again = customer("C042", 5);
    cr_assert_eq(lf_portfolio_add(p, &again, &err), LF_ERR_ARG);
    cr_assert_str_eq(err.message, "customer id 'C042' is already in the portfolio "
                                  "(customer 42); each id must be unique");
    cr_assert_eq(p->n, 100);
    cr_assert_eq(lf_portfolio_add(NULL, &again, &err), LF_ERR_ARG);
    cr_assert_eq(lf_portfolio_add(p, NULL, NULL), LF_ERR_ARG);
    lf_portfolio_free(p);
}

/* Two tiers and two valid customers; each check below breaks one rule. */
static lf_portfolio *valid(void)
{
    lf_portfolio *p = lf_portfolio_new(NULL);
    p->ntiers = 2;
    strcpy(p->tiers[0], "low");
    strcpy(p->tiers[1], "high");
    lf_dr_customer a = customer("C001", 20), b = customer("C002", 30);
    b.tier = 1;
    b.is_protected = 1;
    cr_assert_eq(lf_portfolio_add(p, &a, NULL), LF_OK);
    cr_assert_eq(lf_portfolio_add(p, &b, NULL), LF_OK);
    cr_assert_eq(lf_portfolio_check(p, NULL), LF_OK);
    return p;
}

static void expect_check(lf_portfolio *p, const char *message)
{
    lf_error err;
    lf_error_clear(&err);
    int rc = lf_portfolio_check(p, &err);
    cr_assert_eq(rc, LF_ERR_ARG, "status %d: %s", rc, err.message);
    cr_assert_str_eq(err.message, message);
    lf_portfolio_free(p);
}

Test(portfolio, check_portfolio_rules)
{
    lf_portfolio *p = valid();
    p->ntiers = 0;
    expect_check(p, "portfolio: 0 tiers; give 1..16 tier names, cut first .. cut last");
    p = valid();
    p->ntiers = LF_TIER_MAX + 1;
    expect_check(p, "portfolio: 17 tiers; give 1..16 tier names, cut first .. cut last");
    p = valid();
    p->tiers[1][0] = '\0';
    expect_check(p, "portfolio: tier 1 has no name");
    p = valid();
    strcpy(p->tiers[1], "LOW");
    expect_check(p, "portfolio: tier 'LOW' is named twice (tiers 0 and 1); each tier name "
                    "must be unique");
    p = valid();
    memset(p->tiers[0], 'x', sizeof p->tiers[0]);
    expect_check(p, "portfolio: the name of tier 0 is longer than 127 bytes");
    p = valid();
    p->window_hours = 0;
    expect_check(p, "portfolio: window_hours 0 must be above 0 and at most 24");
    p = valid();
    p->window_hours = NAN;
    expect_check(p, "portfolio: window_hours nan must be above 0 and at most 24");
    p = valid();
    strcpy(p->source, "plan.yaml");
    p->window_hours = 25;
    expect_check(p, "plan.yaml: portfolio: window_hours 25 must be above 0 and at most 24");
}

Test(portfolio, check_customer_rules)
{
    lf_portfolio *p = valid();
    p->customers[0].id[0] = '\0';
    expect_check(p, "customer 0: the id is empty; give each customer a unique id");
    p = valid();
    memset(p->customers[1].id, 'x', sizeof p->customers[1].id);
    expect_check(p, "customer 1: the id is longer than 31 bytes");
    p = valid();
    strcpy(p->customers[1].id, "C001");
    expect_check(p, "customer 'C001': the id is used twice (customers 0 and 1); each id "
                    "must be unique");
    p = valid();
    memset(p->customers[0].name, 'x', sizeof p->customers[0].name);
    expect_check(p, "customer 'C001': name and industry have at most 127 bytes");
    p = valid();
    p->customers[0].peak_mw = 0;
    expect_check(p, "customer 'C001': peak_mw 0 must be a finite number above 0");
    p = valid();
    p->customers[0].peak_mw = INFINITY;
    expect_check(p, "customer 'C001': peak_mw inf must be a finite number above 0");
    p = valid();
    p->customers[0].tier = 2;
    expect_check(p, "customer 'C001': tier 2 is not one of the portfolio's 2 tiers (0..1)");
    p = valid();
    p->customers[0].tier = -1;
    expect_check(p, "customer 'C001': tier -1 is not one of the portfolio's 2 tiers (0..1)");
    p = valid();
    p->customers[1].voltage_kv = -10;
    expect_check(p, "customer 'C002': voltage_kv -10 must be a finite number >= 0 "
                    "(0: unknown)");
    p = valid();
    p->customers[1].contract_mw = NAN;
    expect_check(p, "customer 'C002': contract_mw nan must be a finite number >= 0 "
                    "(0: unknown)");
}

Test(portfolio, check_measure_rules)
{
    lf_portfolio *p = valid();
    p->customers[0].nmeasures = 5;
    expect_check(p, "customer 'C001': 5 measures; at most 4, one of each kind");
    p = valid();
    p->customers[0].measures[1].kind = (lf_dr_kind)7;
    expect_check(p, "customer 'C001': measure 1 has kind 7; expected 0..3 (shift, "
                    "avoid_peak, rest_day, interrupt)");
    p = valid();
    p->customers[0].measures[1].kind = LF_DR_SHIFT;
    expect_check(p, "customer 'C001': two shift measures; at most one of each kind");
    p = valid();
    p->customers[0].measures[0].mw = -5;
    expect_check(p, "customer 'C001': shift mw -5 must be a finite number above 0");
    p = valid();
    p->customers[0].measures[1].mw = 20.5;
    expect_check(p, "customer 'C001': rest_day takes 20.5 MW, above the customer's peak_mw "
                    "of 20 MW");
    p = valid();
    p->customers[0].measures[0].notice_days = -1;
    expect_check(p, "customer 'C001': shift notice_days -1 must be >= 0");
    p = valid();
    p->customers[0].measures[0].max_per_month = -2;
    expect_check(p, "customer 'C001': shift max_per_month -2 must be >= 0");
    p = valid();
    p->customers[0].measures[0].min_gap_days = -3;
    expect_check(p, "customer 'C001': shift min_gap_days -3 must be >= 0");
    p = valid();
    p->customers[0].measures[0].max_per_week = 8;
    expect_check(p, "customer 'C001': shift max_per_week 8 is more than the 7 days of a "
                    "week (0: no limit)");
    p = valid();
    p->customers[0].measures[1].weekdays = 0x80;
    expect_check(p, "customer 'C001': rest_day weekdays 0x80 sets bits above 6 (Sunday); "
                    "use bits 0 (Monday) .. 6 (Sunday), or 0 for every day");
    p = valid();
    p->customers[0].measures[0].cost_per_mwh = -1;
    expect_check(p, "customer 'C001': shift cost_per_mwh -1 must be a finite number >= 0");
    p = valid();
    p->customers[0].measures[1].cost_per_event = INFINITY;
    expect_check(p, "customer 'C001': rest_day cost_per_event inf must be a finite number "
                    ">= 0");
    p = valid(); /* weekdays 0 is every day, not no day */
    p->customers[0].measures[1].weekdays = 0;
    cr_assert_eq(lf_portfolio_check(p, NULL), LF_OK);
    lf_portfolio_free(p);
}

/* A customer from a file is named with file:line, so the user can find it. */
Test(portfolio, check_names_source_and_line)
{
    lf_portfolio *p = valid();
    strcpy(p->source, "plan.yaml");
    p->customers[0].line = 5;
    p->customers[1].line = 9;
    strcpy(p->customers[1].id, "C001");
    expect_check(p, "plan.yaml:9: customer 'C001': the id is used twice (first at line 5); "
                    "each id must be unique");
    p = valid();
    p->customers[0].line = 5; /* a line without a source: no prefix */
    p->customers[0].peak_mw = -1;
    expect_check(p, "customer 'C001': peak_mw -1 must be a finite number above 0");
    cr_assert_eq(lf_portfolio_check(NULL, NULL), LF_ERR_ARG);
}

/* ---- mistakes in a file ------------------------------------------------------------- */

Test(portfolio, unknown_tier)
{
    expect_error("tiers: [restricted, general, priority]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n"
                 "    tier: generel\n",
                 "portfolio.yaml:5:11: 'tier' in 'customers[0]' must be one of restricted, "
                 "general, priority, got 'generel' (did you mean 'general'?)");
    expect_error("tiers: [restricted, general, priority]\n"
                 "customers:\n"
                 "  - {id: C001, peak_mw: 95, tier: vip}\n",
                 "portfolio.yaml:3:35: 'tier' in 'customers[0]' must be one of restricted, "
                 "general, priority, got 'vip'");
}

Test(portfolio, negative_mw)
{
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: -5\n"
                 "    tier: general\n",
                 "portfolio.yaml:4:14: 'peak_mw' in 'customers[0]' must be a number above 0, "
                 "got -5");
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n"
                 "    tier: general\n"
                 "    measures:\n"
                 "      shift: {mw: -20}\n",
                 "portfolio.yaml:7:19: 'mw' in 'customers[0].measures.shift' must be a number "
                 "above 0, got -20");
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - {id: C001, peak_mw: 95, tier: general, contract_mw: -1}\n",
                 "portfolio.yaml:3:57: 'contract_mw' in 'customers[0]' must be a number >= 0, "
                 "got -1");
}

Test(portfolio, duplicate_id)
{
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n"
                 "    tier: general\n"
                 "  - id: C002\n"
                 "    peak_mw: 5\n"
                 "    tier: general\n"
                 "  - id: C001\n"
                 "    peak_mw: 7\n"
                 "    tier: general\n",
                 "portfolio.yaml:9:9: duplicate customer id 'C001' (first used at line 3, "
                 "column 9); each customer id must be unique");
}

Test(portfolio, unknown_key)
{
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peek_mw: 95\n",
                 "portfolio.yaml:4:5: unknown key 'peek_mw' in 'customers[0]' (did you mean "
                 "'peak_mw'?)");
    expect_error("window_hour: 3\n"
                 "tiers: [general]\n",
                 "portfolio.yaml:1:1: unknown key 'window_hour' at the top level (did you mean "
                 "'window_hours'?)");
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n"
                 "    tier: general\n"
                 "    measures:\n"
                 "      shift: {mw: 5, cost_per_mw: 50}\n",
                 "portfolio.yaml:7:22: unknown key 'cost_per_mw' in "
                 "'customers[0].measures.shift' (did you mean 'cost_per_mwh'?)");
}

Test(portfolio, unknown_measure_kind)
{
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n"
                 "    tier: general\n"
                 "    measures:\n"
                 "      shed: {mw: 5}\n",
                 "portfolio.yaml:7:7: unknown key 'shed' in 'customers[0].measures'; "
                 "expected one of: shift, avoid_peak, rest_day, interrupt");
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n"
                 "    tier: general\n"
                 "    measures:\n"
                 "      restday: {mw: 5}\n",
                 "portfolio.yaml:7:7: unknown key 'restday' in 'customers[0].measures' (did "
                 "you mean 'rest_day'?)");
}

Test(portfolio, bad_weekday)
{
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n"
                 "    tier: general\n"
                 "    measures:\n"
                 "      rest_day: {mw: 5, weekdays: [mon, thur]}\n",
                 "portfolio.yaml:7:41: 'customers[0].measures.rest_day.weekdays[1]' must be "
                 "one of mon, tue, wed, thu, fri, sat, sun, monday, tuesday, wednesday, "
                 "thursday, friday, saturday, sunday, got 'thur' (did you mean 'thu'?)");
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n"
                 "    tier: general\n"
                 "    measures:\n"
                 "      rest_day: {mw: 5, weekdays: {mon: 1}}\n",
                 "portfolio.yaml:7:35: 'weekdays' in 'customers[0].measures.rest_day' must be "
                 "a list, got a mapping");
}

Test(portfolio, measure_above_peak)
{
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n"
                 "    tier: general\n"
                 "    measures:\n"
                 "      rest_day: {mw: 120}\n",
                 "portfolio.yaml:7:22: 'mw' in 'customers[0].measures.rest_day' is 120 MW, "
                 "above the peak_mw of customer 'C001' (95 MW); a measure cannot take off "
                 "more than the customer brings to the peak");
}

Test(portfolio, missing_keys)
{
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    tier: general\n",
                 "portfolio.yaml:3:5: missing required key 'peak_mw' in 'customers[0]'");
    expect_error("customers: []\n",
                 "portfolio.yaml:1:1: missing required key 'tiers' at the top level");
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n",
                 "portfolio.yaml:3:5: missing required key 'tier' in 'customers[0]' (customer "
                 "'C001'); only a protected customer may omit it");
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C001\n"
                 "    peak_mw: 95\n"
                 "    tier: general\n"
                 "    measures:\n"
                 "      shift: {cost_per_mwh: 5}\n",
                 "portfolio.yaml:7:14: missing required key 'mw' in "
                 "'customers[0].measures.shift'");
}

Test(portfolio, protected_customer_without_tier_is_fine)
{
    lf_portfolio *p = load_text("tiers: [low, high]\n"
                                "customers:\n"
                                "  - {id: H1, name: Hospital, peak_mw: 3, protected: yes}\n"
                                "  - {id: W1, peak_mw: 2, protected: true, tier: low}\n");
    cr_assert_eq(p->n, 2);
    cr_assert(p->customers[0].is_protected && p->customers[1].is_protected);
    cr_assert_eq(p->customers[0].tier, 1);
    cr_assert_eq(p->customers[1].tier, 0);
    lf_portfolio_free(p);
}

Test(portfolio, tiers_and_window)
{
    expect_error("tiers: []\n",
                 "portfolio.yaml:1:8: 'tiers' needs 1..16 tier names, cut first .. cut last; "
                 "got 0");
    expect_error("tiers: [a, b, A]\n",
                 "portfolio.yaml:1:15: duplicate tier 'A' (first used at line 1, column 9); "
                 "each tier must be unique");
    expect_error("tiers:\n",
                 "portfolio.yaml:1:7: 'tiers' must be a list, got no value");
    expect_error("tiers: {a: 1}\n",
                 "portfolio.yaml:1:8: 'tiers' must be a list, got a mapping");
    expect_error("window_hours: 30\n"
                 "tiers: [general]\n",
                 "portfolio.yaml:1:15: 'window_hours' must be a number above 0 and at most 24, "
                 "got 30");
    expect_error("window_hours: 0\n"
                 "tiers: [general]\n",
                 "portfolio.yaml:1:15: 'window_hours' must be a number above 0 and at most 24, "
                 "got 0");
}

Test(portfolio, other_mistakes)
{
    expect_error("", "portfolio.yaml:1:1: the portfolio is empty; expected a mapping with "
                     "'tiers' and 'customers'");
    expect_error("- a\n", "portfolio.yaml:1:1: the document must be a mapping, got a list");
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - id: C0123456789012345678901234567890\n"
                 "    peak_mw: 1\n"
                 "    tier: general\n",
                 "portfolio.yaml:3:9: 'id' in 'customers[0]' is 32 bytes long; at most 31 fit");
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - {id: C1, peak_mw: 9, tier: general,\n"
                 "     measures: {shift: {mw: 1, max_per_week: 8}}}\n",
                 "portfolio.yaml:4:46: 'max_per_week' in 'customers[0].measures.shift' must "
                 "be an integer from 0 to 7, got 8");
    expect_error("tiers: [general]\n"
                 "customers:\n"
                 "  - {id: C1, peak_mw: 9, tier: general, protected: maybe}\n",
                 "portfolio.yaml:3:52: 'protected' in 'customers[0]' must be true or false (or "
                 "yes or no), got 'maybe'");
}

Test(portfolio, load_arguments_and_io)
{
    lf_error err;
    lf_portfolio *p = &dummy;
    cr_assert_eq(lf_portfolio_load(FIX "no_such_file.yaml", &p, &err), LF_ERR_IO);
    cr_assert_null(p);
    cr_assert(strstr(err.message, "no_such_file.yaml") != NULL, "%s", err.message);
    cr_assert_eq(lf_portfolio_load(NULL, &p, &err), LF_ERR_ARG);
    cr_assert_eq(lf_portfolio_load(FIX "full.yaml", NULL, NULL), LF_ERR_ARG);
}
