/* test_config_tariff.c - the 'tariff' section of a project config: every key
 * and its defaults, the exact file:line:column message of each mistake, and
 * what lf_config_tariff_load reads from the files the section names: a
 * customer's hourly load (its incomplete first and last day dropped, kW kept
 * as kW through ingest's MW), the days billed (the last whole months by
 * default), a gap inside them named by customer, day and time, and a
 * forecast's peak quantiles per month (tests/fixtures/tariff/
 * forecast_monthly.csv, by hand), and a proposed tariff table with each
 * account's tariff in it.  Small files are written into a fresh directory,
 * so their lines can be counted there. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_test.h"

#define FIX "tests/fixtures/tariff"

/* ---- a scratch directory: the customer's load, tariffs, forecasts --------------------- */

/* Hourly kW of customer A from 2024-01-31 12:00 to 2024-04-01 05:00 (so the
 * first and the last day are incomplete): 500 + 10 x hour, and on
 * 2024-03-05 no row for 10:00 and 11:00 when gap is set. */
static void write_load(int gap)
{
    char path[128];
    snprintf(path, sizeof path, "%s/a.csv", scratch);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("time,kw\n", f);
    for (lf_date d = day(2024, 1, 31); d <= day(2024, 4, 1); d++) {
        char date[LF_DATE_STRLEN];
        lf_date_format(d, date);
        for (int h = 0; h < 24; h++) {
            if ((d == day(2024, 1, 31) && h < 12) || (d == day(2024, 4, 1) && h > 5))
                continue;
            if (gap && d == day(2024, 3, 5) && (h == 10 || h == 11))
                continue;
            fprintf(f, "%s %02d:00,%.1f\n", date, h, 500 + 10.0 * h);
        }
    }
    fclose(f);
}

static const char *TARIFFS = "tariffs:\n"
                             "  - id: big_two_part\n"
                             "    eligible: {classes: [industry]}\n"
                             "    energy: {kind: single, rate: 0.5}\n"
                             "    basic: {capacity_rate: 20, demand_rate: 30}\n"
                             "  - id: small_flat\n"
                             "    energy: {kind: single, rate: 0.7}\n";

/* A proposed table: big_two_part dearer, small_flat renamed. */
static const char *PROPOSED = "tariffs:\n"
                              "  - id: big_two_part\n"
                              "    energy: {kind: single, rate: 0.55}\n"
                              "    basic: {capacity_rate: 20, demand_rate: 30}\n"
                              "  - id: small_flat_2\n"
                              "    energy: {kind: single, rate: 0.75}\n";

static void scratch_new(void)
{
    strcpy(scratch, "/tmp/lf_config_tariff_XXXXXX");
    cr_assert_not_null(mkdtemp(scratch));
    scratch_file("tariffs.yaml", TARIFFS);
    write_load(0);
}

static void scratch_remove(void)
{
    static const char *const names[] = {"a.csv", "tariffs.yaml", "forecast.csv", "new.yaml"};
    scratch_clear(names, sizeof names / sizeof names[0]);
}

/* The section's files read, or NULL with err filled. */
static lf_config_tariff_input *read_inputs(const lf_config *cfg, lf_error *err)
{
    lf_config_tariff_input *in = (lf_config_tariff_input *)&err; /* must become NULL */
    int rc = lf_config_tariff_load(cfg, &in, err);
    if (rc != LF_OK) {
        cr_assert_null(in, "*out must be NULL after an error");
        cr_assert_eq(err->code, rc);
        return NULL;
    }
    cr_assert_not_null(in);
    return in;
}

static lf_config_tariff_input *inputs_of(const lf_config *cfg)
{
    lf_error err;
    lf_config_tariff_input *in = read_inputs(cfg, &err);
    cr_assert_not_null(in, "%s", err.message);
    return in;
}

/* The config loads, and reading its files fails with exactly this. */
static void expect_read_error(const char *text, int code, const char *message)
{
    lf_config *cfg = load_at(text, scratch);
    lf_error err;
    cr_assert_null(read_inputs(cfg, &err), "reading should fail with: %s", message);
    cr_assert_eq(err.code, code, "code %d: %s", err.code, err.message);
    cr_assert_str_eq(err.message, message);
    lf_config_free(cfg);
}

/* ---- the section ------------------------------------------------------------------ */

#define CUSTOMERS                                                                         \
    "name: x\n"                                                                          \
    "customers:\n"                                                                       \
    "  - {id: A, name: Plant A, path: a.csv, time_column: time, value_column: kw, unit: "  \
    "kW, interval_minutes: 60, max_gap_intervals: 0}\n"                                  \
    "  - {id: B, path: b.csv, time_column: time, value_column: kw, unit: kW}\n"

/* Line 5 is 'tariff:', line 8 the account (keys from column 7), line 9 free. */
#define SECTION(account)                                                                 \
    CUSTOMERS                                                                            \
    "tariff:\n"                                                                          \
    "  tariffs: tariffs.yaml\n"                                                          \
    "  accounts:\n"                                                                      \
    "    - {customer: A, class: industry, voltage_kv: 10, capacity_kva: 1000" account "}\n"

Test(config_tariff, every_key)
{
    lf_config *cfg = load_at(CUSTOMERS
                             "tariff:\n"
                             "  tariffs: ../tariffs/t.yaml\n"
                             "  first: 2024-02-01\n"
                             "  last: 2024-03-31\n"
                             "  plan_year: 2026\n"
                             "  shift_shares: [0.05, 0.5, 1]\n"
                             "  accounts:\n"
                             "    - customer: B\n"
                             "      class: large_industry\n"
                             "      voltage_kv: 35\n"
                             "      capacity_kva: 20000\n"
                             "      current: big_two_part\n"
                             "      basic: demand\n"
                             "      declared_kw: 12000\n"
                             "      power_factor: 0.93\n"
                             "      shiftable_kw: 1500\n"
                             "      growth: 3%\n"
                             "      declared_from: {forecast: fc/forecast_monthly.csv, "
                             "scenario: base}\n"
                             "    - customer: A\n"
                             "      class: industry\n"
                             "      voltage_kv: 0.4\n"
                             "      capacity_kva: 500\n"
                             "      growth: -0.02\n"
                             "      declared_from: history\n",
                             "proj");
    cr_assert(cfg->has_tariff);
    const lf_config_tariff *t = &cfg->tariff;
    cr_assert_str_eq(t->tariffs, "proj/../tariffs/t.yaml", "relative to the config");
    cr_assert(t->has_first && t->has_last && t->has_plan_year);
    cr_assert_eq(t->first, day(2024, 2, 1));
    cr_assert_eq(t->last, day(2024, 3, 31));
    cr_assert_eq(t->plan_year, 2026);
    cr_assert_eq(t->nshift_shares, 3);
    cr_assert_eq(t->shift_shares[0], 0.05);
    cr_assert_eq(t->shift_shares[1], 0.5);
    cr_assert_eq(t->shift_shares[2], 1);
    cr_assert_eq(t->naccounts, 2);
    const lf_config_tariff_account *b = &t->accounts[0];
    cr_assert_str_eq(b->customer, "B");
    cr_assert_eq(b->customer_index, 1);
    cr_assert_str_eq(b->account.customer_class, "large_industry");
    cr_assert_eq(b->account.voltage_kv, 35);
    cr_assert_eq(b->account.capacity_kva, 20000);
    cr_assert_str_eq(b->current, "big_two_part");
    cr_assert_eq(b->current_line, 16);
    cr_assert_eq(b->current_col, 16);
    cr_assert_eq(b->account.basic, LF_BASIC_BY_DEMAND);
    cr_assert_eq(b->account.declared_kw, 12000);
    cr_assert_null(b->account.declared_kw_by_month);
    cr_assert_eq(b->account.power_factor, 0.93);
    cr_assert_null(b->account.power_factor_by_month);
    cr_assert_eq(b->shiftable_kw, 1500);
    cr_assert_float_eq(b->growth, 0.03, 1e-15);
    cr_assert_eq(b->declared_from, LF_DECLARED_FROM_FORECAST);
    cr_assert_str_eq(b->forecast_file, "proj/fc/forecast_monthly.csv");
    cr_assert_str_eq(b->forecast_scenario, "base");
    const lf_config_tariff_account *a = &t->accounts[1];
    cr_assert_str_eq(a->customer, "A");
    cr_assert_eq(a->customer_index, 0);
    cr_assert_eq(a->account.voltage_kv, 0.4);
    cr_assert_eq(a->growth, -0.02);
    cr_assert_eq(a->declared_from, LF_DECLARED_FROM_HISTORY);
    cr_assert_null(a->forecast_file);
    lf_config_free(cfg);
}

Test(config_tariff, defaults)
{
    lf_config *cfg = load(SECTION(""));
    const lf_config_tariff *t = &cfg->tariff;
    cr_assert(cfg->has_tariff);
    cr_assert(!t->has_first && !t->has_last && !t->has_plan_year);
    cr_assert_eq(t->nshift_shares, 3);
    cr_assert_eq(t->shift_shares[0], 0.1);
    cr_assert_eq(t->shift_shares[1], 0.2);
    cr_assert_eq(t->shift_shares[2], 0.3);
    cr_assert_null(t->proposed, "no tariff change");
    const lf_config_tariff_account *a = &t->accounts[0];
    cr_assert_null(a->current);
    cr_assert_null(a->proposed_tariff);
    cr_assert_eq(a->account.basic, LF_BASIC_BY_CAPACITY);
    cr_assert_eq(a->account.declared_kw, 0);
    cr_assert_eq(a->account.power_factor, 0, "not metered: no adjustment");
    cr_assert_eq(a->shiftable_kw, 0, "no limit");
    cr_assert_eq(a->growth, 0);
    cr_assert_eq(a->declared_from, LF_DECLARED_FROM_HISTORY);
    lf_config_free(cfg);
    cfg = load(SECTION(", declared_from: {forecast: f.csv}, declared_kw: 400"));
    a = &cfg->tariff.accounts[0];
    cr_assert_null(a->forecast_scenario, "the file's first scenario");
    cr_assert_eq(a->account.basic, LF_BASIC_BY_CAPACITY, "a declared value alone keeps it");
    cr_assert_eq(a->account.declared_kw, 400);
    lf_config_free(cfg);
    cfg = load("name: x\n");
    cr_assert_eq(cfg->has_tariff, 0);
    lf_config_free(cfg);
}

Test(config_tariff, proposed_table)
{
    lf_config *cfg = load_at(SECTION(", current: big_two_part, proposed_tariff: new_big")
                             "  proposed: ../p/new.yaml\n", "proj");
    const lf_config_tariff *t = &cfg->tariff;
    cr_assert_str_eq(t->proposed, "proj/../p/new.yaml", "relative to the config");
    const lf_config_tariff_account *a = &t->accounts[0];
    cr_assert_str_eq(a->current, "big_two_part");
    cr_assert_str_eq(a->proposed_tariff, "new_big");
    cr_assert_eq(a->proposed_line, 8);
    cr_assert_eq(a->proposed_col, 114);
    lf_config_free(cfg);
    cfg = load(SECTION(", current: big_two_part") "  proposed: new.yaml\n");
    cr_assert_null(cfg->tariff.accounts[0].proposed_tariff, "the current id, when read");
    lf_config_free(cfg);
}

Test(config_tariff, proposed_mistakes_are_located)
{
    expect_error(SECTION("") "  proposed: new.yaml\n",
                 "project.yaml:8:7: 'tariff.accounts[0]' (customer A) has no 'current'; with "
                 "'proposed' in 'tariff' every account needs the tariff it is on now, which the "
                 "change is measured from");
    expect_error(SECTION(", proposed_tariff: big_two_part"),
                 "project.yaml:8:91: 'proposed_tariff' in 'tariff.accounts[0]' names a tariff of "
                 "the proposed table, but 'tariff' has no 'proposed' (the proposed tariff file)");
    expect_error(SECTION(", current: big_two_part") "  proposal: new.yaml\n",
                 "project.yaml:9:3: unknown key 'proposal' in 'tariff' (did you mean "
                 "'proposed'?)");
    expect_error(SECTION(", current: big_two_part, proposed_tarif: x"),
                 "project.yaml:8:97: unknown key 'proposed_tarif' in 'tariff.accounts[0]' (did "
                 "you mean 'proposed_tariff'?)");
    expect_error(SECTION(", current: big_two_part") "  proposed: [new.yaml]\n",
                 "project.yaml:9:13: 'proposed' in 'tariff' must be a non-empty string, got "
                 "a list");
}

Test(config_tariff, section_mistakes_are_located)
{
    expect_error(SECTION("") "  plan_yaer: 2025\n",
                 "project.yaml:9:3: unknown key 'plan_yaer' in 'tariff' (did you mean "
                 "'plan_year'?)");
    expect_error(CUSTOMERS "tariff:\n  accounts: []\n",
                 "project.yaml:6:3: missing required key 'tariffs' in 'tariff'");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n",
                 "project.yaml:6:3: missing required key 'accounts' in 'tariff'");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts: []\n",
                 "project.yaml:7:13: 'accounts' in 'tariff' needs at least one account");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts: {customer: A}\n",
                 "project.yaml:7:13: 'accounts' in 'tariff' must be a list, got a mapping");
    expect_error(CUSTOMERS "tariff: t.yaml\n",
                 "project.yaml:5:9: 'tariff' must be a mapping, got 't.yaml'");
    expect_error(SECTION("") "  first: 2024-06-01\n  last: 2024-05-31\n",
                 "project.yaml:10:9: 'last' in 'tariff' (2024-05-31) is before 'first' "
                 "(2024-06-01); expected first <= last");
    expect_error(SECTION("") "  first: 2024-02-30\n",
                 "project.yaml:9:10: 'first' in 'tariff': invalid date '2024-02-30': day 30 "
                 "does not exist in 2024-02");
    expect_error(SECTION("") "  plan_year: 1800\n",
                 "project.yaml:9:14: 'plan_year' in 'tariff' must be an integer from 1900 to "
                 "2200, got 1800");
    expect_error(SECTION("") "  shift_shares: [0.1, 0]\n",
                 "project.yaml:9:23: 'tariff.shift_shares[1]' must be a number above 0 and at "
                 "most 1, got 0");
    expect_error(SECTION("") "  shift_shares: [0.1, 1.5]\n",
                 "project.yaml:9:23: 'tariff.shift_shares[1]' must be a number above 0 and at "
                 "most 1, got 1.5");
    expect_error(SECTION("") "  shift_shares: 0.1\n",
                 "project.yaml:9:17: 'shift_shares' in 'tariff' must be a list, got '0.1'");
    expect_error(SECTION("") "  shift_shares: []\n",
                 "project.yaml:9:17: 'shift_shares' in 'tariff' needs 1 to 16 shares, got 0");
    expect_error(SECTION("") "  shift_shares: [.1,.1,.1,.1,.1,.1,.1,.1,.1,.1,.1,.1,.1,.1,.1,"
                             ".1,.1]\n",
                 "project.yaml:9:17: 'shift_shares' in 'tariff' needs 1 to 16 shares, got 17");
}

Test(config_tariff, account_mistakes_are_located)
{
    expect_error(SECTION(", declared_kwh: 5"),
                 "project.yaml:8:74: unknown key 'declared_kwh' in 'tariff.accounts[0]' (did "
                 "you mean 'declared_kw'?)");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts:\n"
                 "    - {class: industry, voltage_kv: 10, capacity_kva: 1000}\n",
                 "project.yaml:8:7: missing required key 'customer' in 'tariff.accounts[0]'");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts:\n"
                 "    - {customer: A, voltage_kv: 10, capacity_kva: 1000}\n",
                 "project.yaml:8:7: missing required key 'class' in 'tariff.accounts[0]'");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts:\n"
                 "    - {customer: A, class: industry, capacity_kva: 1000}\n",
                 "project.yaml:8:7: missing required key 'voltage_kv' in 'tariff.accounts[0]'");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts:\n"
                 "    - {customer: A, class: industry, voltage_kv: 10}\n",
                 "project.yaml:8:7: missing required key 'capacity_kva' in "
                 "'tariff.accounts[0]'");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts:\n"
                 "    - {customer: AA, class: industry, voltage_kv: 10, capacity_kva: 1000}\n",
                 "project.yaml:8:18: 'customer' in 'tariff.accounts[0]' is 'AA', not a "
                 "customer of the config (did you mean 'A'?); the customers are A, B");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts:\n"
                 "    - {customer: C009, class: industry, voltage_kv: 10, capacity_kva: 1}\n",
                 "project.yaml:8:18: 'customer' in 'tariff.accounts[0]' is 'C009', not a "
                 "customer of the config; the customers are A, B");
    expect_error("name: x\ntariff:\n  tariffs: t.yaml\n  accounts:\n"
                 "    - {customer: A, class: industry, voltage_kv: 10, capacity_kva: 1}\n",
                 "project.yaml:5:18: 'customer' in 'tariff.accounts[0]' is 'A', but the "
                 "config has no 'customers'; an account bills a customer's interval load");
    expect_error(SECTION("") "    - {customer: B, class: x, voltage_kv: 1, capacity_kva: 1}\n"
                             "    - {customer: A, class: x, voltage_kv: 1, capacity_kva: 1}\n",
                 "project.yaml:10:18: customer 'A' has a second account in 'tariff.accounts' "
                 "(the first at line 8, column 18); each customer has one account");
    expect_error(SECTION(", basic: demand"),
                 "project.yaml:8:81: 'basic' in 'tariff.accounts[0]' is demand, which needs "
                 "'declared_kw' (the demand declared now) in the same account");
    expect_error(SECTION(", basic: kva"),
                 "project.yaml:8:81: 'basic' in 'tariff.accounts[0]' must be one of capacity, "
                 "demand, got 'kva'");
    expect_error(SECTION(", declared_kw: 1200"),
                 "project.yaml:8:87: 'declared_kw' in 'tariff.accounts[0]' (1200 kW) is above "
                 "'capacity_kva' (1000 kVA); a customer declares at most its installed "
                 "capacity");
    expect_error(SECTION(", declared_kw: 0"),
                 "project.yaml:8:87: 'declared_kw' in 'tariff.accounts[0]' must be a number "
                 "above 0 and at most 1e+07, got 0");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts:\n"
                 "    - {customer: A, class: industry, voltage_kv: 0, capacity_kva: 1000}\n",
                 "project.yaml:8:50: 'voltage_kv' in 'tariff.accounts[0]' must be a number "
                 "above 0 and at most 1000, got 0");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts:\n"
                 "    - {customer: A, class: industry, voltage_kv: 10, capacity_kva: 1 MVA}\n",
                 "project.yaml:8:68: 'capacity_kva' in 'tariff.accounts[0]' must be a finite "
                 "number, got '1 MVA'");
    expect_error(SECTION(", power_factor: 1.5"),
                 "project.yaml:8:88: 'power_factor' in 'tariff.accounts[0]' must be a number "
                 "from 0 to 1, got 1.5");
    expect_error(SECTION(", shiftable_kw: -5"),
                 "project.yaml:8:88: 'shiftable_kw' in 'tariff.accounts[0]' must be a number "
                 "above 0 and at most 1e+07, got -5");
    expect_error(SECTION(", growth: 3 %"),
                 "project.yaml:8:82: 'growth' in 'tariff.accounts[0]' must be a growth rate "
                 "like 0.03 or 3% between -99% and 1000%, got '3 %'");
    expect_error(SECTION(", growth: -150%"),
                 "project.yaml:8:82: 'growth' in 'tariff.accounts[0]' must be a growth rate "
                 "like 0.03 or 3% between -99% and 1000%, got '-150%'");
    expect_error(SECTION(", growth: 20"),
                 "project.yaml:8:82: 'growth' in 'tariff.accounts[0]' must be a number from "
                 "-0.99 to 10, got 20");
    expect_error(SECTION(", declared_from: forecast"),
                 "project.yaml:8:89: 'declared_from' in 'tariff.accounts[0]' must be history or "
                 "a mapping {forecast: FILE, scenario: NAME}, got 'forecast'");
    expect_error(SECTION(", declared_from: [history]"),
                 "project.yaml:8:89: 'declared_from' in 'tariff.accounts[0]' must be history or "
                 "a mapping {forecast: FILE, scenario: NAME}, got a list");
    expect_error(SECTION(", declared_from: {scenario: base}"),
                 "project.yaml:8:89: missing required key 'forecast' in "
                 "'tariff.accounts[0].declared_from'");
    expect_error(SECTION(", declared_from: {forecast: f.csv, scenaro: base}"),
                 "project.yaml:8:107: unknown key 'scenaro' in "
                 "'tariff.accounts[0].declared_from' (did you mean 'scenario'?)");
    expect_error(SECTION(", class: a_class_name_of_thirty_two_chars"),
                 "project.yaml:8:74: duplicate key 'class' in 'tariff.accounts[0]' (first "
                 "given at line 8, column 21); give each key once");
    expect_error(CUSTOMERS "tariff:\n  tariffs: t.yaml\n  accounts:\n"
                 "    - {customer: A, class: a_class_name_of_thirty_two_chars, voltage_kv: 1, "
                 "capacity_kva: 1}\n",
                 "project.yaml:8:28: 'class' in 'tariff.accounts[0]' is 32 bytes long; at most "
                 "31 fit");
}

/* ---- the files ---------------------------------------------------------------------- */

Test(config_tariff, load_in_kw_and_the_last_whole_months)
{
    scratch_new();
    lf_config *cfg = load_at(SECTION(""), scratch);
    lf_config_tariff_input *in = inputs_of(cfg);
    cr_assert_eq(in->naccounts, 1);
    cr_assert_eq(in->tariffs->n, 2);
    cr_assert_not_null(in->calendar);
    const lf_config_tariff_customer *c = &in->accounts[0];
    cr_assert_eq(c->account, &cfg->tariff.accounts[0]);
    cr_assert_str_eq(c->name, "Plant A");
    cr_assert_eq(c->series.minutes, 60);
    cr_assert_eq(c->series.first, day(2024, 2, 1), "2024-01-31 starts at noon: dropped");
    cr_assert_eq(c->series.n, 60 * 24, "February (29 days) and March; 04-01 dropped");
    for (size_t i = 0; i < c->series.n; i++)
        cr_assert_float_eq(c->series.kw[i], 500 + 10.0 * (double)(i % 24), 1e-9,
                           "kW -> MW -> kW at %zu: %.12g", i, c->series.kw[i]);
    cr_assert_eq(c->first, day(2024, 2, 1), "the whole months: February and March");
    cr_assert_eq(c->last, day(2024, 3, 31));
    cr_assert_eq(c->billed.first, c->first);
    cr_assert_eq(c->billed.kw, c->series.kw);
    cr_assert_eq(c->billed.n, c->series.n);
    cr_assert_eq(c->plan_year, 2025, "the year after the last billed day");
    lf_config_tariff_free(in);
    lf_config_free(cfg);
    scratch_remove();
}

Test(config_tariff, days_chosen)
{
    scratch_new();
    lf_config *cfg = load_at(SECTION("") "  first: 2024-02-10\n  last: 2024-03-05\n"
                                          "  plan_year: 2030\n", scratch);
    lf_config_tariff_input *in = inputs_of(cfg);
    const lf_config_tariff_customer *c = &in->accounts[0];
    cr_assert_eq(c->first, day(2024, 2, 10));
    cr_assert_eq(c->last, day(2024, 3, 5));
    cr_assert_eq(c->billed.first, day(2024, 2, 10));
    cr_assert_eq(c->billed.n, 25 * 24);
    cr_assert_eq(c->billed.kw, c->series.kw + 9 * 24);
    cr_assert_eq(c->series.first, day(2024, 2, 1), "the whole series is kept for history");
    cr_assert_eq(c->plan_year, 2030);
    lf_config_tariff_free(in);
    lf_config_free(cfg);
    cfg = load_at(SECTION("") "  last: 2024-02-29\n", scratch);
    in = inputs_of(cfg);
    cr_assert_eq(in->accounts[0].first, day(2024, 2, 1), "from the first whole day");
    cr_assert_eq(in->accounts[0].last, day(2024, 2, 29));
    lf_config_tariff_free(in);
    lf_config_free(cfg);
    cfg = load_at(SECTION("") "  first: 2024-03-01\n", scratch);
    in = inputs_of(cfg);
    cr_assert_eq(in->accounts[0].last, day(2024, 3, 31), "first alone: to the last whole day");
    lf_config_tariff_free(in);
    lf_config_free(cfg);
    scratch_remove();
}

Test(config_tariff, load_mistakes_name_the_customer)
{
    scratch_new();
    expect_read_error(SECTION("") "  first: 2024-01-31\n", LF_ERR_DATA,
                      in_scratch("project.yaml: 'tariff' bills 2024-01-31 .. 2024-03-31, but "
                                 "customer A's load in %s/a.csv has whole days 2024-02-01 .. "
                                 "2024-03-31 only"));
    expect_read_error(SECTION("") "  last: 2024-04-01\n", LF_ERR_DATA,
                      in_scratch("project.yaml: 'tariff' bills 2024-02-01 .. 2024-04-01, but "
                                 "customer A's load in %s/a.csv has whole days 2024-02-01 .. "
                                 "2024-03-31 only"));
    write_load(1);
    expect_read_error(SECTION(""), LF_ERR_DATA,
                      in_scratch("%s/a.csv: customer A has no load in the interval starting "
                                 "2024-03-05 10:00, inside the billed days 2024-02-01 .. "
                                 "2024-03-31 (a gap longer than max_gap_intervals, or an "
                                 "empty value); a bill is not made from filled-in load"));
    lf_config *cfg = load_at(SECTION("") "  last: 2024-03-04\n", scratch);
    lf_config_tariff_input *in = inputs_of(cfg);
    cr_assert(isnan(in->accounts[0].series.kw[33 * 24 + 10]),
              "a gap outside the billed days stays in the series, as NaN");
    lf_config_tariff_free(in);
    lf_config_free(cfg);
    scratch_file("a.csv", "time,kw\n2024-03-05 10:00,1\n2024-03-05 11:00,1\n");
    expect_read_error(SECTION(""), LF_ERR_DATA,
                      in_scratch("%s/a.csv: customer A has no whole day of load"));
    scratch_file("a.csv", "time,kw\n2024-03-05 00:00,1\n2024-03-05 01:00,x\n");
    expect_read_error(SECTION(""), LF_ERR_PARSE,
                      in_scratch("customer A: %s/a.csv:3:18: expected a number in column 'kw', got "
                                 "'x'"));
    write_load(0);
    expect_read_error(SECTION(", current: big_two_prt"), LF_ERR_CONFIG,
                      in_scratch("project.yaml:8:83: customer A's current tariff "
                                 "'big_two_prt' is not in %s/tariffs.yaml (did you mean "
                                 "'big_two_part'?); its tariffs are: big_two_part, small_flat"));
    unlink(in_scratch("%s/tariffs.yaml"));
    expect_read_error(SECTION(""), LF_ERR_IO,
                      in_scratch("the tariffs of 'tariff': cannot open %s/tariffs.yaml: No "
                                 "such file or directory"));
    scratch_remove();
}

/* ---- the proposed tariff table ------------------------------------------------------------ */

Test(config_tariff, proposed_table_read)
{
    scratch_new();
    scratch_file("new.yaml", PROPOSED);
    lf_config *cfg = load_at(SECTION(", current: big_two_part") "  proposed: new.yaml\n",
                             scratch);
    lf_config_tariff_input *in = inputs_of(cfg);
    cr_assert_not_null(in->proposed);
    cr_assert_eq(in->proposed->n, 2);
    cr_assert_str_eq(in->proposed->tariffs[1].id, "small_flat_2");
    cr_assert_eq(in->tariffs->tariffs[1].rate, 0.7, "the current table is the tariffs file");
    lf_config_tariff_free(in);
    lf_config_free(cfg);
    cfg = load_at(SECTION(", current: small_flat, proposed_tariff: small_flat_2")
                  "  proposed: new.yaml\n", scratch);
    in = inputs_of(cfg);
    cr_assert_not_null(in->proposed, "proposed_tariff names a tariff of the proposed table");
    lf_config_tariff_free(in);
    lf_config_free(cfg);
    cfg = load_at(SECTION(""), scratch);
    in = inputs_of(cfg);
    cr_assert_null(in->proposed);
    lf_config_tariff_free(in);
    lf_config_free(cfg);
    scratch_remove();
}

Test(config_tariff, proposed_table_mistakes)
{
    scratch_new();
    scratch_file("new.yaml", PROPOSED);
    expect_read_error(SECTION(", current: small_flat, proposed_tariff: small_flat2")
                      "  proposed: new.yaml\n", LF_ERR_CONFIG,
                      in_scratch("project.yaml:8:112: customer A's proposed tariff "
                                 "'small_flat2' is not in %s/new.yaml (did you mean "
                                 "'small_flat_2'?); its tariffs are: big_two_part, "
                                 "small_flat_2"));
    expect_read_error(SECTION(", current: small_flat") "  proposed: new.yaml\n", LF_ERR_CONFIG,
                      in_scratch("project.yaml:8:83: customer A's current tariff 'small_flat' "
                                 "is not in %s/new.yaml (did you mean 'small_flat_2'?); give "
                                 "'proposed_tariff' for the tariff of the proposed table it "
                                 "would be on; its tariffs are: big_two_part, small_flat_2"));
    expect_read_error(SECTION(", current: small_flat, proposed_tariff: big_two_part")
                      "  proposed: old.yaml\n", LF_ERR_IO,
                      in_scratch("the proposed tariffs of 'tariff': cannot open %s/old.yaml: No "
                                 "such file or directory"));
    scratch_file("new.yaml", "tariffs:\n  - id: x\n    energy: {kind: single, rat: 1}\n");
    lf_config *cfg = load_at(SECTION(", current: small_flat") "  proposed: new.yaml\n",
                             scratch);
    lf_error err;
    cr_assert_null(read_inputs(cfg, &err));
    cr_assert_eq(err.code, LF_ERR_CONFIG);
    cr_assert(strstr(err.message, in_scratch("%s/new.yaml:3:")), "located in the file: %s",
              err.message);
    lf_config_free(cfg);
    scratch_remove();
}

/* ---- the forecast's peak quantiles ------------------------------------------------------ */

#define WITH_FORECAST(file, scenario)                                                     \
    SECTION(", declared_from: {forecast: " file scenario "}")

Test(config_tariff, forecast_quantiles_per_month)
{
    scratch_new();
    char text[2048];
    snprintf(text, sizeof text, "%s", WITH_FORECAST("FIXTURE", ", scenario: base"));
    lf_config *cfg = NULL;
    {
        char cwd[512], path[700], buf[2048];
        cr_assert_not_null(getcwd(cwd, sizeof cwd));
        snprintf(path, sizeof path, "%s/" FIX "/forecast_monthly.csv", cwd);
        char *at = strstr(text, "FIXTURE");
        snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - text), text, path, at + 7);
        cfg = load_at(buf, scratch);
    }
    lf_config_tariff_input *in = inputs_of(cfg);
    const lf_config_tariff_customer *c = &in->accounts[0];
    cr_assert_str_eq(c->scenario, "base");
    cr_assert_eq(c->plan_year, 2025);
    cr_assert_eq(c->nquantiles, 3, "peak_mw_p10/p50/p90; energy_mwh_pXX are not peaks");
    cr_assert_float_eq(c->quantile_p[0], 0.1, 1e-15);
    cr_assert_float_eq(c->quantile_p[1], 0.5, 1e-15);
    cr_assert_float_eq(c->quantile_p[2], 0.9, 1e-15);
    cr_assert_eq(c->month_nquantiles[0], 3);
    cr_assert_float_eq(c->month_kw[0][0], 14000, 1e-9, "2025-01 P10 14.0 MW");
    cr_assert_float_eq(c->month_kw[0][1], 15000, 1e-9);
    cr_assert_float_eq(c->month_kw[0][2], 16500, 1e-9);
    cr_assert_float_eq(c->month_kw[6][2], 18600, 1e-9, "2025-07 P90 18.6 MW");
    cr_assert_eq(c->month_nquantiles[11], 0, "base has no 2025-12: no values, not an error");
    lf_config_tariff_free(in);
    lf_config_free(cfg);
    scratch_remove();
}

Test(config_tariff, forecast_first_scenario_and_column_order)
{
    scratch_new();
    scratch_file("forecast.csv", "period,scenario,peak_mw_p90,peak_mw_p50,peak_mw_p10\n"
                                 "2025-03,low,3,2,1\n"
                                 "2025-03,high,6,5,4\n"
                                 "2024-03,low,9,9,9\n"
                                 "2025-04,low,,,\n"
                                 "2025-05,low,1.5,1.5,1.5\n");
    lf_config *cfg = load_at(WITH_FORECAST("forecast.csv", ""), scratch);
    lf_config_tariff_input *in = inputs_of(cfg);
    const lf_config_tariff_customer *c = &in->accounts[0];
    cr_assert_str_eq(c->scenario, "low", "the file's first");
    cr_assert_eq(c->quantile_p[0], 0.1, "sorted by probability");
    cr_assert_eq(c->quantile_p[2], 0.9);
    cr_assert_eq(c->month_kw[2][0], 1000);
    cr_assert_eq(c->month_kw[2][1], 2000);
    cr_assert_eq(c->month_kw[2][2], 3000);
    cr_assert_eq(c->month_nquantiles[3], 0, "every quantile empty: a month without values");
    cr_assert_eq(c->month_nquantiles[4], 3, "equal quantiles are allowed");
    cr_assert_eq(c->month_nquantiles[0], 0);
    lf_config_tariff_free(in);
    lf_config_free(cfg);
    scratch_remove();
}

Test(config_tariff, forecast_mistakes)
{
    scratch_new();
    const char *plain = WITH_FORECAST("forecast.csv", "");
    const char *base = WITH_FORECAST("forecast.csv", ", scenario: base");
    scratch_file("forecast.csv", "scenario,period,peak_mw_p10,peak_mw_p90\n"
                                 "low,2025-01,1,2\nbase,2025-01,1,\n");
    expect_read_error(base, LF_ERR_DATA,
                      in_scratch("%s/forecast.csv:3:16: no value in 'peak_mw_p90' while the "
                                 "row's other quantiles have one; give every quantile of the "
                                 "month or none"));
    scratch_file("forecast.csv", "scenario,period,peak_mw_p10,peak_mw_p90\nbase,2025-01,3,2\n");
    expect_read_error(base, LF_ERR_DATA,
                      in_scratch("%s/forecast.csv:2:16: 'peak_mw_p90' (2 MW) is below "
                                 "'peak_mw_p10' (3 MW); quantiles must not decrease"));
    scratch_file("forecast.csv", "scenario,period,peak_mw_p10\nbase,2025-01,-1\n");
    expect_read_error(base, LF_ERR_DATA,
                      in_scratch("%s/forecast.csv:2:14: 'peak_mw_p10' must not be negative, "
                                 "got -1"));
    scratch_file("forecast.csv", "scenario,period,peak_mw_p10\nbase,2025-01,1\n"
                                 "base,2025-01,1\n");
    expect_read_error(base, LF_ERR_DATA,
                      in_scratch("%s/forecast.csv:3:6: 2025-01 is given twice (first on line "
                                 "2)"));
    scratch_file("forecast.csv", "scenario,period,peak_mw_p10\nbase,2025-13,1\n");
    expect_read_error(base, LF_ERR_PARSE,
                      in_scratch("%s/forecast.csv:2:6: '2025-13' is not a month YYYY-MM"));
    scratch_file("forecast.csv", "scenario,period,peak_mw,peak_mw_p100\nbase,2025-01,1,1\n");
    expect_read_error(base, LF_ERR_NOTFOUND,
                      in_scratch("%s/forecast.csv:1: no peak quantile column: expected columns "
                                 "named peak_mw_pXX (peak_mw_p10, peak_mw_p50, peak_mw_p90 as "
                                 "lfc forecast writes them); columns are: scenario, period, "
                                 "peak_mw, peak_mw_p100"));
    scratch_file("forecast.csv", "scenario,month,peak_mw_p10\nbase,2025-01,1\n");
    expect_read_error(base, LF_ERR_NOTFOUND,
                      in_scratch("%s/forecast.csv:1: no column 'period' in the header; "
                                 "columns are: scenario, month, peak_mw_p10"));
    scratch_file("forecast.csv", "scenario,period,peak_mw_p10\nlow,2025-01,1\nhigh,2025-01,1\n");
    expect_read_error(base, LF_ERR_DATA,
                      in_scratch("%s/forecast.csv: no rows of scenario 'base'; the file has: "
                                 "low, high"));
    scratch_file("forecast.csv", "period,peak_mw_p10\n2025-01,1\n");
    expect_read_error(base, LF_ERR_NOTFOUND,
                      in_scratch("%s/forecast.csv:1: no 'scenario' column to take scenario "
                                 "'base' from; leave 'scenario' out of 'declared_from' for a "
                                 "file of one series"));
    scratch_file("forecast.csv", "period,peak_mw_p10\n2024-01,1\n2025-01,\n");
    expect_read_error(plain, LF_ERR_DATA,
                      in_scratch("%s/forecast.csv: no month of 2025 has peak quantiles; "
                                 "customer A's declared-demand plan for 2025 needs at least "
                                 "one"));
    unlink(in_scratch("%s/forecast.csv"));
    expect_read_error(plain, LF_ERR_IO,
                      in_scratch("the forecast of customer A: cannot open %s/forecast.csv: No "
                                 "such file or directory"));
    scratch_remove();
}

Test(config_tariff, no_section)
{
    lf_config *cfg = load("name: x\n");
    lf_error err;
    cr_assert_null(read_inputs(cfg, &err));
    cr_assert_eq(err.code, LF_ERR_CONFIG);
    cr_assert_str_eq(err.message, "project.yaml: no 'tariff' section; its keys are in "
                                  "include/libforecast/config.h");
    lf_config_free(cfg);
}
