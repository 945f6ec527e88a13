/* make_portfolio.c - the demand-response / orderly-consumption portfolio
 * (portfolio.yaml) of the bundled sample dataset; part of the make_sample
 * generator (make_sample.c calls make_portfolio after the region load, whose
 * largest summer hour sizes the portfolio).  datasets/README.md documents it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "libforecast/date.h"
#include "libforecast/peakshift.h"

#include "make_sample.h"

/* ---- demand-response portfolio (portfolio.yaml) ----------------------------------- */

/* Tiers in the order they are cut (有序用电 priorities): energy-intensive,
 * polluting and poor-credit plants first, then ordinary industry, then
 * commercial buildings (air-conditioning set points, pre-cooling), last the
 * plants whose output matters most to the city or costs most to interrupt.
 * Protected customers (保安负荷) get no tier and no measures: never called. */
enum { TIER_RESTRICTED, TIER_GENERAL, TIER_COMMERCIAL, TIER_PRIORITY, NTIERS };
#define PROTECTED (-1)
static const char *const TIER_NAMES[NTIERS] = {"restricted", "general", "commercial",
                                                "priority"};
/* Dearer to call the later the tier is cut: lost output is worth more. */
static const double TIER_COST[NTIERS] = {1.0, 1.2, 1.4, 1.8};
/* The portfolio's single-day relief must stay within these shares of the
 * largest summer hour of region_load.csv, or the generator stops. */
#define RELIEF_SHARE_MIN 0.08
#define RELIEF_SHARE_MAX 0.12

/* A customer: its typical MW at the system peak (drawn within +-12% of this
 * unless it is metered in customers/, whose model fixes it) and the share of
 * that each measure takes off, in lf_dr_kind order (0: not offered). */
typedef struct dr_template {
    const char *id, *name, *industry, *note;
    double kv, peak_mw;
    int tier, metered;
    double share[LF_DR_KINDS]; /* shift, avoid_peak, rest_day, interrupt */
} dr_template;

#define R TIER_RESTRICTED
#define G TIER_GENERAL
#define M TIER_COMMERCIAL
#define P TIER_PRIORITY
static const dr_template PORTFOLIO[] = {
    {"C001", "Sample City steel works", "steel", "metered (customers/C001.csv): rolling "
     "mill to the night, arc furnace held in the window; on rest days all but the 4.5 MW "
     "of safety auxiliaries stops", 110, 61, R, 1, {0.30, 0.20, 0.92, 0.25}},
    {"C004", "Special steel plant (arc furnaces)", "steel", "energy-intensive, the largest "
     "account", 220, 175, R, 0, {0, 0.30, 0.85, 0.25}},
    {"C005", "Ferroalloy smelter", "ferroalloys", "energy-intensive; submerged-arc furnaces "
     "on an interruptible contract", 110, 70, R, 0, {0, 0.30, 0.85, 0.50}},
    {"C006", "Cement plant (clinker line)", "cement", "raw and cement mills grind at night; "
     "the kiln banks on rest days", 110, 40, R, 0, {0.45, 0, 0.75, 0}},
    {"C007", "Cement grinding station", "cement", "grinding only: moves freely", 35, 16, R, 0,
     {0.60, 0, 0.90, 0}},
    {"C008", "Chlor-alkali plant", "chemicals", "electrolysers at reduced current", 110, 60,
     R, 0, {0, 0.30, 0, 0.55}},
    {"C009", "Air separation plant", "industrial gases", "liquefies at night, runs on stored "
     "liquid in the window", 110, 32, R, 0, {0.40, 0, 0, 0.50}},
    {"C010", "Calcium carbide plant", "chemicals", "energy-intensive, poor credit (arrears "
     "in 2024)", 110, 50, R, 0, {0, 0.35, 0.80, 0.50}},
    {"C011", "Ceramic tile works", "building ceramics", "polluting; presses and glazing "
     "lines stop, kilns idle", 35, 15, R, 0, {0.30, 0, 0.80, 0}},
    {"C012", "Printing and dyeing mill", "textile dyeing", "polluting, poor credit", 35, 12,
     R, 0, {0.30, 0, 0.90, 0}},
    {"C013", "Aluminium extrusion plant", "non-ferrous metals", "energy-intensive; presses "
     "and ageing ovens", 35, 20, R, 0, {0, 0.40, 0.85, 0}},

    {"C014", "Cotton textile mill", "textiles", "rotates its rest day with the other mills "
     "of the park", 35, 24, G, 0, {0.30, 0, 0.85, 0}},
    {"C015", "Polyester fibre plant", "chemical fibre", "polymerisation runs on; spinning "
     "and texturing flex", 110, 48, G, 0, {0.25, 0.20, 0, 0.30}},
    {"C016", "Paper mill", "paper", "pulpers and refiners run before and after the window",
     110, 38, G, 0, {0.40, 0.30, 0.80, 0}},
    {"C017", "Auto parts factory", "automotive parts", "", 35, 28, G, 0, {0.35, 0, 0.80, 0}},
    {"C018", "Foundry and machining works", "machinery", "induction melting at night", 35,
     26, G, 0, {0.30, 0.20, 0.85, 0}},
    {"C019", "Tyre factory", "rubber", "", 35, 25, G, 0, {0.30, 0.25, 0.70, 0}},
    {"C020", "Plastics packaging plant", "plastics", "", 10, 12, G, 0, {0.40, 0, 0.90, 0}},
    {"C021", "Frozen food plant", "food", "cold stores pre-cooled in the morning", 10, 10, G,
     0, {0.40, 0.20, 0, 0}},
    {"C022", "Brewery", "beverages", "", 35, 12, G, 0, {0.40, 0.20, 0, 0}},
    {"C023", "Pharmaceutical plant", "pharmaceuticals", "GMP clean rooms never stop", 35, 16,
     G, 0, {0.20, 0.15, 0, 0}},
    {"C024", "Glass container works", "glass", "the furnace never stops: batch house and "
     "compressors only", 35, 22, G, 0, {0, 0.25, 0, 0.25}},
    {"C025", "Cold-chain logistics park", "cold storage", "", 10, 10, G, 0, {0.50, 0, 0, 0}},
    {"C026", "Wire and cable plant", "electrical equipment", "", 35, 20, G, 0,
     {0.30, 0, 0.80, 0}},

    {"C027", "Central shopping mall", "retail", "ice storage and set points raised 2 degC",
     10, 10, M, 0, {0.15, 0.15, 0, 0}},
    {"C028", "New-district shopping mall", "retail", "", 10, 8, M, 0, {0, 0.20, 0, 0}},
    {"C029", "CBD office towers", "offices", "", 10, 14, M, 0, {0.10, 0.20, 0, 0}},
    {"C030", "International hotel", "hotels", "", 10, 6, M, 0, {0, 0.15, 0, 0}},
    {"C031", "Exhibition and convention centre", "exhibitions", "rest days fall on days "
     "without a show", 10, 9, M, 0, {0, 0.30, 0.60, 0}},
    {"C032", "University campus", "education", "", 10, 11, M, 0, {0.20, 0.25, 0, 0}},
    {"C033", "District cooling plant (ice storage)", "district cooling", "chillers make ice "
     "at night", 10, 18, M, 0, {0.60, 0, 0, 0}},

    {"C002", "Sample City electronics factory", "electronics", "metered (customers/C002.csv):"
     " lines rest on a weekday, worked back on Sunday", 35, 15, P, 1, {0, 0.10, 0.60, 0}},
    {"C034", "Cloud data centre", "data centre", "batch jobs deferred; some halls on standby "
     "diesel", 110, 65, P, 0, {0.15, 0, 0, 0.40}},
    {"C035", "Semiconductor wafer fab", "semiconductors", "make-up air only; production "
     "never stops", 110, 35, P, 0, {0, 0.08, 0, 0}},
    {"C036", "Car assembly plant", "automobiles", "", 110, 45, P, 0, {0.20, 0, 0.75, 0}},
    {"C037", "Lithium battery plant", "batteries", "formation and ageing moved to the night",
     110, 40, P, 0, {0.25, 0.20, 0, 0}},
    {"C038", "Container port terminal", "port", "reefer pre-cooling, cranes flex", 35, 15, P,
     0, {0.20, 0.10, 0, 0}},

    {"C003", "Sample City central hospital", "health care", "metered (customers/C003.csv)",
     10, 5.5, PROTECTED, 1, {0}},
    {"C039", "Municipal water works", "water supply", "", 35, 14, PROTECTED, 0, {0}},
    {"C040", "Telecom switching centre", "communications", "", 10, 7, PROTECTED, 0, {0}},
};
#undef R
#undef G
#undef M
#undef P
#define NPORTFOLIO (sizeof PORTFOLIO / sizeof PORTFOLIO[0])

/* Uniform draws of one measure (its limits and costs, then its MW), made
 * whether it is offered or not, so that offering a measure or not does not
 * reshuffle the customers after it. */
#define MEASURE_DRAWS 5

static double between(double u, double lo, double hi) { return lo + u * (hi - lo); }

static void shift_limits(lf_dr_measure *m, const double *u, double f)
{
    m->notice_days = 1;
    m->max_per_week = 3 + (int)(3.0 * u[0]);
    m->cost_per_mwh = round_to(f * between(u[1], 30, 120), 10);
}

static void avoid_limits(lf_dr_measure *m, const double *u, double f)
{
    m->notice_days = 1;
    m->max_per_week = u[0] < 0.5 ? 2 : 3;
    m->max_per_month = 8 + (int)(5.0 * u[1]);
    m->min_gap_days = u[0] < 0.3 ? 1 : 0;
    m->cost_per_mwh = round_to(f * between(u[2], 200, 800), 10);
    m->cost_per_event = round_to(f * between(u[3], 1000, 5000), 500);
}

/* A rest day (轮休) is announced in the week's rotation plan; restricted
 * plants rest on any of three days Monday..Saturday, the others on two
 * working days.  order is a shuffle of Monday..Saturday (0..5). */
static void rest_limits(lf_dr_measure *m, const double *u, double f, const int *order,
                        int tier)
{
    m->notice_days = 3 + (int)(5.0 * u[0]);
    m->max_per_week = 1;
    m->max_per_month = 3 + (int)(2.0 * u[1]);
    for (int k = 0, n = 0; k < 6 && n < (tier == TIER_RESTRICTED ? 3 : 2); k++)
        if (tier == TIER_RESTRICTED || order[k] < 5) {
            m->weekdays |= 1u << order[k];
            n++;
        }
    m->cost_per_mwh = round_to(f * between(u[2], 40, 120), 10);
    m->cost_per_event = round_to(f * m->mw * between(u[3], 1000, 2500), 1000);
}

static void interrupt_limits(lf_dr_measure *m, const double *u, double f)
{
    m->notice_days = 0;
    m->max_per_month = 3 + (int)(4.0 * u[0]);
    m->min_gap_days = 1 + (int)(3.0 * u[1]);
    m->cost_per_mwh = round_to(f * between(u[2], 1500, 4000), 100);
    m->cost_per_event = round_to(f * between(u[3], 2000, 10000), 1000);
}

/* Measure kind k of customer c, if template t offers it. */
static void draw_measure(const dr_template *t, lf_dr_customer *c, lf_dr_kind k,
                         const double *u, const int *order)
{
    if (t->share[k] <= 0.0)
        return;
    lf_dr_measure *m = &c->measures[c->nmeasures++];
    double jitter = t->metered ? 1.0 : between(u[4], 0.9, 1.1);
    double f = TIER_COST[c->tier];
    m->kind = k;
    m->mw = fmin(c->peak_mw, fmax(0.5, round_to(t->share[k] * c->peak_mw * jitter, 0.5)));
    switch (k) {
    case LF_DR_SHIFT: shift_limits(m, u, f); break;
    case LF_DR_AVOID_PEAK: avoid_limits(m, u, f); break;
    case LF_DR_REST_DAY: rest_limits(m, u, f, order, t->tier); break;
    case LF_DR_INTERRUPT: interrupt_limits(m, u, f); break;
    }
}

/* The customer of template t with its draws from r: its size, contract
 * capacity (1.2-1.5 x its peak), rest weekdays, and measures. */
static lf_dr_customer draw_customer(const dr_template *t, gsl_rng *r)
{
    lf_dr_customer c;
    memset(&c, 0, sizeof c);
    double u_peak = gsl_rng_uniform(r), u_contract = gsl_rng_uniform(r);
    snprintf(c.id, sizeof c.id, "%s", t->id);
    snprintf(c.name, sizeof c.name, "%s", t->name);
    snprintf(c.industry, sizeof c.industry, "%s", t->industry);
    c.voltage_kv = t->kv;
    c.peak_mw = t->metered ? t->peak_mw : round_to(t->peak_mw * between(u_peak, 0.88, 1.12),
                                                   0.5);
    c.contract_mw = round_to(c.peak_mw * (t->metered ? 1.35 : between(u_contract, 1.2, 1.5)),
                             1);
    c.is_protected = t->tier == PROTECTED;
    c.tier = c.is_protected ? NTIERS - 1 : t->tier;
    int order[6] = {0, 1, 2, 3, 4, 5};
    gsl_ran_shuffle(r, order, 6, sizeof order[0]);
    for (int k = 0; k < LF_DR_KINDS; k++) {
        double u[MEASURE_DRAWS];
        for (int j = 0; j < MEASURE_DRAWS; j++)
            u[j] = gsl_rng_uniform(r);
        draw_measure(t, &c, (lf_dr_kind)k, u, order);
    }
    return c;
}

/* The most customer c can take off one day's peak: its measures together,
 * at most its peak_mw (what "callable MW" means in the file's header). */
static double relief_of(const lf_dr_customer *c)
{
    double mw = 0.0;
    for (size_t k = 0; k < c->nmeasures; k++)
        mw += c->measures[k].mw;
    return c->is_protected ? 0.0 : fmin(mw, c->peak_mw);
}

/* ---- writing it ---- */

/* Numbers as a person would write them: 18, 18.5. */
static const char *num(double v, char *buf)
{
    sprintf(buf, v == round(v) ? "%.0f" : "%.1f", v);
    return buf;
}

/* A YAML flow mapping "{a: 1, b: 2}" wrapped before column 90, continuation
 * lines aligned after the brace. */
typedef struct flow { FILE *f; int col, indent, items; } flow;

static void flow_put(flow *fl, const char *item)
{
    int len = (int)strlen(item);
    if (fl->items > 0 && fl->col + 2 + len + 1 > 90) {
        fprintf(fl->f, ",\n%*s", fl->indent, "");
        fl->col = fl->indent;
    } else if (fl->items > 0) {
        fputs(", ", fl->f);
        fl->col += 2;
    }
    fputs(item, fl->f);
    fl->col += len;
    fl->items++;
}

static void flow_int(flow *fl, const char *key, int v)
{
    char item[64];
    snprintf(item, sizeof item, "%s: %d", key, v);
    flow_put(fl, item);
}

static void write_weekdays(flow *fl, unsigned mask)
{
    static const char *const names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    char item[64] = "weekdays: [";
    for (int k = 0, n = 0; k < 7; k++)
        if (mask & 1u << k) {
            strcat(item, n++ ? ", " : "");
            strcat(item, names[k]);
        }
    strcat(item, "]");
    flow_put(fl, item);
}

/* One measure; limits left at 0 (no limit) are not written. */
static void write_measure(FILE *f, const lf_dr_measure *m)
{
    char item[64], buf[32];
    const char *kind = lf_dr_kind_name(m->kind);
    fprintf(f, "      %s: {", kind);
    flow fl = {f, 6 + (int)strlen(kind) + 3, 6 + (int)strlen(kind) + 3, 0};
    snprintf(item, sizeof item, "mw: %s", num(m->mw, buf));
    flow_put(&fl, item);
    flow_int(&fl, "notice_days", m->notice_days);
    if (m->max_per_week)
        flow_int(&fl, "max_per_week", m->max_per_week);
    if (m->max_per_month)
        flow_int(&fl, "max_per_month", m->max_per_month);
    if (m->min_gap_days)
        flow_int(&fl, "min_gap_days", m->min_gap_days);
    if (m->weekdays)
        write_weekdays(&fl, m->weekdays);
    if (m->cost_per_mwh > 0)
        flow_int(&fl, "cost_per_mwh", (int)m->cost_per_mwh);
    if (m->cost_per_event > 0)
        flow_int(&fl, "cost_per_event", (int)m->cost_per_event);
    fputs("}\n", f);
}

/* A comment at indent 2, words wrapped before column 90. */
static void write_note(FILE *f, const char *note)
{
    int col = 0;
    while (*note) {
        int len = (int)strcspn(note, " ");
        if (col > 0 && col + 1 + len > 89) {
            fputc('\n', f);
            col = 0;
        }
        col += fprintf(f, col ? " %.*s" : "  # %.*s", len, note);
        note += len + (note[len] == ' ');
    }
    if (col)
        fputc('\n', f);
}

static void write_customer(FILE *f, const lf_dr_customer *c, const char *note)
{
    char buf[32];
    write_note(f, note);
    fprintf(f, "  - id: %s\n    name: %s\n    industry: %s\n", c->id, c->name, c->industry);
    fprintf(f, "    voltage_kv: %s\n", num(c->voltage_kv, buf));
    fprintf(f, "    contract_mw: %s\n", num(c->contract_mw, buf));
    fprintf(f, "    peak_mw: %s\n", num(c->peak_mw, buf));
    if (c->is_protected) {
        fputs("    protected: true\n", f);
        return;
    }
    fprintf(f, "    tier: %s\n    measures:\n", TIER_NAMES[c->tier]);
    for (size_t k = 0; k < c->nmeasures; k++)
        write_measure(f, &c->measures[k]);
}

/* What the header says about the portfolio's size. */
typedef struct dr_totals {
    int callable;
    double peak_mw, relief_mw, tier_peak[NTIERS], tier_relief[NTIERS];
} dr_totals;

static dr_totals sum_portfolio(const lf_dr_customer *c, size_t n)
{
    dr_totals t;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < n; i++) {
        if (c[i].is_protected)
            continue;
        t.callable++;
        t.peak_mw += c[i].peak_mw;
        t.relief_mw += relief_of(&c[i]);
        t.tier_peak[c[i].tier] += c[i].peak_mw;
        t.tier_relief[c[i].tier] += relief_of(&c[i]);
    }
    return t;
}

static void write_portfolio_header(FILE *f, const sample *s, const dr_totals *t)
{
    char when[LF_TIME_STRLEN];
    lf_time_format(s->summer_peak_time, when);
    when[16] = '\0'; /* no seconds */
    fprintf(f,
            "# portfolio.yaml - the demand-response / orderly-consumption portfolio\n"
            "# (有序用电方案) of Sample City, for the peak-shift schedule of libforecast\n"
            "# (include/libforecast/peakshift.h; read it with lf_portfolio_load).\n"
            "#\n"
            "# GENERATED by datasets/make_sample.c (`make datasets`): do not edit, change\n"
            "# the generator.  FICTIONAL: the customers, their sizes, agreements and\n"
            "# costs are made up, plausible for a Yangtze-delta city.  C001 (steel works),\n"
            "# C002 (electronics factory) and C003 (hospital) are the customers metered\n"
            "# in customers/; their MW follow those meter files.\n"
            "#\n"
            "# The keys are documented in examples/peakshift/portfolio.yaml.  Units: MW,\n"
            "# kV; costs in CNY (yuan) per MWh taken off and per call.\n"
            "#\n"
            "# Size: %zu customers, %d of them callable (the others protected), with\n"
            "# peak_mw adding up to %.1f MW; their measures can take at most %.1f MW\n"
            "# off one day's peak, %.1f%% of the largest summer hour of region_load.csv\n"
            "# (%.1f MW, %s).  By tier, callable MW / peak_mw:",
            NPORTFOLIO, t->callable, t->peak_mw, t->relief_mw,
            100.0 * t->relief_mw / s->summer_peak, s->summer_peak, when);
    for (int k = 0; k < NTIERS; k++)
        fprintf(f, "%s%s %.1f / %.1f", k % 2 ? ", " : "\n#   ", TIER_NAMES[k],
                t->tier_relief[k], t->tier_peak[k]);
    fputs("\n\nwindow_hours: 4\n\n"
          "# Cut first: energy-intensive, polluting and poor-credit plants; then ordinary\n"
          "# industry; then commercial buildings; last the plants whose output matters\n"
          "# most to the city or costs most to interrupt.  Protected customers (保安负荷)\n"
          "# have no tier and are never called.\n"
          "tiers: [", f);
    for (int k = 0; k < NTIERS; k++)
        fprintf(f, "%s%s", k ? ", " : "", TIER_NAMES[k]);
    fputs("]\n\ncustomers:\n", f);
}

/* The file must load with the library's own reader, and mean what was written;
 * returns what it read (the customer records start from it). */
static lf_portfolio *check_portfolio(const sample *s, const dr_totals *t)
{
    char path[4096];
    lf_portfolio *p = NULL;
    lf_error err;
    snprintf(path, sizeof path, "%s/portfolio.yaml", s->dir);
    if (lf_portfolio_load(path, &p, &err) != LF_OK)
        die("portfolio.yaml", err.message);
    dr_totals back = sum_portfolio(p->customers, p->n);
    if (p->n != NPORTFOLIO || fabs(back.relief_mw - t->relief_mw) > 1e-9)
        die("portfolio.yaml", "reads back differently from what was written");
    double share = t->relief_mw / s->summer_peak;
    if (share < RELIEF_SHARE_MIN || share > RELIEF_SHARE_MAX)
        die("portfolio.yaml", "callable MW outside 8-12% of the summer peak: resize it");
    return p;
}

/* "# ---- restricted: cut first ----..." before each group of customers;
 * group NTIERS is the protected customers. */
static void write_heading(FILE *f, int group, int first)
{
    static const char *const heading[NTIERS + 1] = {
        "restricted: cut first", "general", "commercial", "priority: cut last",
        "protected: never called"};
    fprintf(f, "%s  # ---- %s ", first ? "" : "\n", heading[group]);
    for (size_t k = strlen(heading[group]); k < 72; k++)
        fputc('-', f);
    fputc('\n', f);
}

static int group_of(const lf_dr_customer *c) { return c->is_protected ? NTIERS : c->tier; }

lf_portfolio *make_portfolio(const sample *s)
{
    lf_dr_customer c[NPORTFOLIO];
    gsl_rng *r = rng_new(SEED_PORTFOLIO);
    for (size_t i = 0; i < NPORTFOLIO; i++)
        c[i] = draw_customer(&PORTFOLIO[i], r);
    gsl_rng_free(r);
    dr_totals t = sum_portfolio(c, NPORTFOLIO);
    FILE *f = open_out(s, "portfolio.yaml");
    write_portfolio_header(f, s, &t);
    for (size_t i = 0; i < NPORTFOLIO; i++) {
        if (i == 0 || group_of(&c[i]) != group_of(&c[i - 1]))
            write_heading(f, group_of(&c[i]), i == 0);
        write_customer(f, &c[i], PORTFOLIO[i].note);
    }
    close_out(f, "portfolio.yaml", (long)NPORTFOLIO);
    return check_portfolio(s, &t);
}
