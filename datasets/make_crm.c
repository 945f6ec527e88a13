/* make_crm.c - the customer records of the bundled sample dataset
 * (crm/customers.csv, monthly.csv, payments.csv) as a utility's CRM exports
 * them for the customer evaluation (formats: include/libforecast/customers.h);
 * part of the make_sample generator (make_sample.c calls make_crm last, with
 * the portfolio as read back from portfolio.yaml and the monthly sums of the
 * three meter files).  datasets/README.md documents what it makes and why.
 *
 * 200 accounts: the 40 of the demand-response portfolio (same ids, names,
 * industries, voltages and protected flags) and 160 smaller ones, C041..C200.
 * Monthly energy 2023-01 .. 2024-12 is typical MW x load factor x a daily
 * profile (calendar, Spring Festival, weather) summed over the month, x trend
 * x industrial cycle x noise; C001..C003's is the sum of their meter files.
 * Bills are energy x an average price by class and voltage; payments one bill
 * a month (three for ten-day settlement), paid as each account's habit draws.
 * A few accounts carry stories (late payers, a plant moving out, a new line)
 * for the evaluation to find; the generator stops if the set loses its shape
 * (Pareto share, year-on-year changes).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "libforecast/calendar.h"
#include "libforecast/date.h"
#include "libforecast/peakshift.h"

#include "make_sample.h"

#define PI 3.14159265358979323846

#define NACCOUNTS 200
#define NKEY 40                 /* the portfolio's, C001..C040 */
#define POWER_FACTOR 0.9        /* capacity kVA = kW / 0.9 */
#define CRM_CDD_BASE 22.0       /* degC on the smoothed temperature, as the meters */
#define CRM_HDD_BASE 14.0
#define DUE_DAY 15              /* a month's bill is due on the 15th of the next */
#define TENDAY_DUE_DAYS 5       /* a ten-day bill 5 days after its 旬 ends */
#define LOW_VOLTAGE_KVA 200     /* supplied at 0.4 kV up to this capacity */
#define LARGE_INDUSTRY_KVA 315  /* industry from this capacity is large_industry */
#define DEDICATED_KVA 10000     /* a 10 kV account this large has its own line */

/* The checks on the set's shape (the generator stops outside them). */
#define PARETO_MIN 0.78         /* profit share of the top 20% of accounts, 2024 */
#define PARETO_MAX 0.87
#define YOY_MAX 0.25            /* |Dec 2024 / Dec 2023 - 1| of accounts without a story */

/* ---- classes, prices, costs ------------------------------------------------------- */

static const char LARGE_INDUSTRY[] = "large_industry", GENERAL_INDUSTRY[] = "general_industry",
                  COMMERCIAL[] = "commercial", PUBLIC[] = "public",
                  RESIDENTIAL[] = "residential", AGRICULTURE[] = "agriculture";

/* Average price in CNY/kWh by class and supply voltage: illustrative, of the
 * order of a Yangtze-delta province's catalogue tariffs with the time-of-use
 * and demand charges averaged in (the higher the voltage, the cheaper).  An
 * account's class_name is one of the constants above, so compared by address. */
static double price_of(const char *cls, double kv)
{
    if (cls == LARGE_INDUSTRY)
        return kv >= 220 ? 0.60 : kv >= 110 ? 0.62 : kv >= 35 ? 0.65 : 0.70;
    if (cls == GENERAL_INDUSTRY)
        return kv >= 35 ? 0.70 : kv >= 10 ? 0.72 : 0.75;
    if (cls == COMMERCIAL)
        return kv >= 10 ? 0.80 : 0.83;
    if (cls == PUBLIC)
        return kv >= 35 ? 0.66 : kv >= 10 ? 0.68 : 0.70;
    if (cls == RESIDENTIAL)
        return 0.56;
    return 0.50; /* agriculture */
}

/* The library's default cost rule (customer_value.h), for the Pareto check. */
static double unit_cost(double kv)
{
    return kv >= 110 ? 0.44 : kv >= 35 ? 0.47 : kv >= 10 ? 0.52 : 0.60;
}
#define SERVICE_PER_MONTH 200.0

/* ---- daily profiles ---------------------------------------------------------------- */

/* How an account's use moves from day to day, relative to a working day:
 * weekends, holidays, the Spring Festival dip (its depth inside the block),
 * the weather (base + cdd x CDD + hdd x HDD, degree days on the smoothed
 * temperature), the industrial cycle (elasticity to the monthly index's
 * deviation from trend) and, for farms, a monthly shape. */
typedef struct profile {
    double sat, sun, holiday, sf_dip;
    double base, cdd, hdd;
    double cycle;
    const double *months;
} profile;

enum { PF_CONTINUOUS, PF_SHIFTS, PF_DAY_SHIFT, PF_COLD, PF_OFFICES, PF_RETAIL, PF_COOLING,
       PF_PUBLIC, PF_HOMES, PF_FARM, NPROFILES, PF_METERED = NPROFILES };

/* Rice irrigation in summer, little in winter (Yangtze delta). */
static const double FARM_MONTHS[12] = {0.55, 0.50, 0.60, 0.80, 1.05, 1.40,
                                       1.75, 1.70, 1.25, 0.85, 0.60, 0.55};

static const profile PROFILES[NPROFILES] = {
    /*                sat   sun   hol   SF    base  cdd    hdd    cycle */
    [PF_CONTINUOUS] = {1.00, 1.00, 0.97, 0.15, 1.0, 0.004, 0.000, 0.3, NULL},
    [PF_SHIFTS] =     {0.93, 0.88, 0.75, 0.55, 1.0, 0.010, 0.000, 0.6, NULL},
    [PF_DAY_SHIFT] =  {0.75, 0.50, 0.40, 0.75, 1.0, 0.015, 0.003, 0.6, NULL},
    [PF_COLD] =       {1.00, 1.00, 1.00, 0.20, 1.0, 0.030, 0.000, 0.2, NULL},
    [PF_OFFICES] =    {0.60, 0.50, 0.45, 0.45, 1.0, 0.050, 0.020, 0.0, NULL},
    [PF_RETAIL] =     {1.08, 1.05, 1.10, 0.15, 1.0, 0.050, 0.015, 0.0, NULL},
    [PF_COOLING] =    {0.80, 0.75, 0.70, 0.40, 0.25, 0.150, 0.000, 0.0, NULL},
    [PF_PUBLIC] =     {0.92, 0.90, 0.90, 0.05, 1.0, 0.030, 0.015, 0.0, NULL},
    [PF_HOMES] =      {1.04, 1.05, 1.06, 0.05, 1.0, 0.070, 0.035, 0.0, NULL},
    [PF_FARM] =       {1.00, 1.00, 1.00, 0.00, 1.0, 0.030, 0.000, 0.0, FARM_MONTHS},
};

/* Spring Festival, k days after the block's first day (len days): use winds
 * down over the 10 days before, sits at 1 - dip inside the block and comes
 * back over the 3 weeks after, like the region's industry. */
static double spring_festival(const profile *p, int k, int len, double day)
{
    if (k >= -10 && k < 0)
        return day * (1.0 - 0.4 * p->sf_dip * (k + 11) / 11.0);
    if (k >= 0 && k < len)
        return 1.0 - p->sf_dip;
    if (k >= len && k < len + 21)
        return day * (1.0 - 0.6 * p->sf_dip * 0.5 * (1.0 + cos(PI * (k - len + 1) / 22.0)));
    return day;
}

static double day_factor(const profile *p, const lf_day_info *info, int weekday, int sf_k,
                         int sf_len, const wx_day *wx, int month)
{
    double day = 1.0;
    if (info->type == LF_DAY_HOLIDAY || info->block_length > 0)
        day = p->holiday;
    else if (info->type == LF_DAY_WEEKEND)
        day = weekday == LF_SATURDAY ? p->sat : p->sun;
    day = spring_festival(p, sf_k, sf_len, day);
    double cdd = fmax(0.0, wx->t_eff - CRM_CDD_BASE);
    double hdd = fmax(0.0, CRM_HDD_BASE - wx->t_eff);
    double weather = p->base + p->cdd * cdd + p->hdd * hdd;
    return day * weather * (p->months ? p->months[month - 1] : 1.0);
}

/* Each profile's factors summed over each month, and their mean over the
 * two years (so an account's load factor is its mean over 2023-2024). */
static void profile_months(const sample *s, double sum[NPROFILES][CUST_MONTHS],
                           double mean[NPROFILES])
{
    lf_date first = lf_date_from_ymd(CUST_FIRST_YEAR, 1, 1);
    lf_date last = lf_date_from_ymd(CUST_LAST_YEAR, 12, 31);
    memset(sum, 0, sizeof(double) * NPROFILES * CUST_MONTHS);
    memset(mean, 0, sizeof(double) * NPROFILES);
    for (lf_date d = first; d <= last; d++) {
        lf_day_info info;
        lf_error err;
        if (lf_calendar_day(s->cal, d, &info, &err) != 0)
            die("calendar", err.message);
        int y, m;
        lf_date_to_ymd(d, &y, &m, NULL);
        int mi = 12 * (y - CUST_FIRST_YEAR) + m - 1, k = y - CAL_FIRST_YEAR;
        for (int p = 0; p < NPROFILES; p++) {
            double f = day_factor(&PROFILES[p], &info, lf_date_weekday(d),
                                  (int)(d - s->sf_start[k]), s->sf_length[k],
                                  &s->wx[d - s->wx_first], m);
            sum[p][mi] += f;
            mean[p] += f;
        }
    }
    for (int p = 0; p < NPROFILES; p++)
        mean[p] /= (double)(last - first + 1);
}

/* ---- accounts ---------------------------------------------------------------------- */

/* How an account pays: by direct debit a few days early, promptly (rarely a
 * few days late), ordinarily (a fifth late, up to 12 days), slowly (half late,
 * up to a month); C010 and C012 follow their own stories. */
enum { PAY_DEBIT, PAY_PROMPT, PAY_ORDINARY, PAY_SLOW, PAY_C010, PAY_C012 };

/* Stories in the energy, as factors on the account's own model: production
 * moved out (Sep-Dec 2024, December -44% on 2023), a new line commissioned
 * (December +41%), a new connection (from April 2024, ramping up). */
enum { STORY_NONE, STORY_DECLINE, STORY_RISE, STORY_NEW };
#define STORY_FIRST 20          /* 2024-09 */
static const double DECLINE[4] = {0.92, 0.78, 0.63, 0.53};
static const double RISE[4] = {1.05, 1.15, 1.24, 1.30};
#define NEW_FIRST 15            /* 2024-04 */
static const double NEW_RAMP[CUST_MONTHS - NEW_FIRST] = {0.30, 0.45, 0.60, 0.70, 0.80,
                                                         0.85, 0.90, 0.95, 1.00};
#define RISE_POTENTIAL 0.40     /* the new line's year, of the 2023 energy */

typedef struct account {
    char id[8], name[LF_DR_NAME_MAX], industry[LF_DR_NAME_MAX];
    const char *class_name;
    double kv, capacity_kva;
    double peak_kw, lf;         /* typical kW at the system peak; mean load / that */
    int profile, metered;       /* metered: n for customers/C00n.csv, else 0 */
    double growth;              /* a year */
    int dedicated, is_protected, breaches;
    double outlook;             /* < 0: none (a table by industry fills it) */
    double arrears, potential;  /* CNY, kWh */
    double correction;
    int pay, story;
    int tenday_from;            /* first month of ten-day bills; CUST_MONTHS: never */
    int first_month;            /* first month with energy (connected then) */
    long long energy[CUST_MONTHS]; /* 0.001 kWh, exact; -1 none */
    long long bill[CUST_MONTHS];   /* cents */
} account;

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

static void account_defaults(account *a, int number)
{
    memset(a, 0, sizeof *a);
    snprintf(a->id, sizeof a->id, "C%03d", number);
    a->outlook = -1.0;
    a->correction = 1.0;
    a->tenday_from = CUST_MONTHS;
}

static account *find(account *acc, const char *id)
{
    for (int i = 0; i < NACCOUNTS; i++)
        if (strcmp(acc[i].id, id) == 0)
            return &acc[i];
    die("crm", id);
    return NULL;
}

/* ---- the portfolio's 40 ------------------------------------------------------------- */

/* What the CRM knows about a portfolio customer beyond portfolio.yaml: its
 * tariff class, daily profile, load factor (mean load / its MW at the system
 * peak: 0.9 for continuous processes, 0.5 for buildings that peak with the
 * afternoon air conditioning), how it pays and whether it has its own line. */
typedef struct key_row {
    const char *id, *class_name;
    int profile;
    double lf;
    int pay, dedicated;
} key_row;

static const key_row KEY[NKEY] = {
    {"C001", LARGE_INDUSTRY, PF_METERED, 0, PAY_DEBIT, 1},
    {"C002", LARGE_INDUSTRY, PF_METERED, 0, PAY_PROMPT, 1},
    {"C003", PUBLIC, PF_METERED, 0, PAY_DEBIT, 1},
    {"C004", LARGE_INDUSTRY, PF_CONTINUOUS, 0.80, PAY_PROMPT, 1},
    {"C005", LARGE_INDUSTRY, PF_CONTINUOUS, 0.88, PAY_ORDINARY, 1},
    {"C006", LARGE_INDUSTRY, PF_CONTINUOUS, 0.80, PAY_PROMPT, 1},
    {"C007", LARGE_INDUSTRY, PF_SHIFTS, 0.70, PAY_ORDINARY, 1},
    {"C008", LARGE_INDUSTRY, PF_CONTINUOUS, 0.92, PAY_DEBIT, 1},
    {"C009", LARGE_INDUSTRY, PF_CONTINUOUS, 0.90, PAY_DEBIT, 1},
    {"C010", LARGE_INDUSTRY, PF_CONTINUOUS, 0.88, PAY_C010, 1},
    {"C011", LARGE_INDUSTRY, PF_SHIFTS, 0.78, PAY_ORDINARY, 1},
    {"C012", LARGE_INDUSTRY, PF_SHIFTS, 0.75, PAY_C012, 1},
    {"C013", LARGE_INDUSTRY, PF_SHIFTS, 0.72, PAY_PROMPT, 1},
    {"C014", LARGE_INDUSTRY, PF_SHIFTS, 0.78, PAY_PROMPT, 1},
    {"C015", LARGE_INDUSTRY, PF_CONTINUOUS, 0.88, PAY_DEBIT, 1},
    {"C016", LARGE_INDUSTRY, PF_CONTINUOUS, 0.85, PAY_PROMPT, 1},
    {"C017", LARGE_INDUSTRY, PF_SHIFTS, 0.62, PAY_PROMPT, 1},
    {"C018", LARGE_INDUSTRY, PF_SHIFTS, 0.65, PAY_ORDINARY, 1},
    {"C019", LARGE_INDUSTRY, PF_SHIFTS, 0.75, PAY_PROMPT, 1},
    {"C020", LARGE_INDUSTRY, PF_SHIFTS, 0.70, PAY_PROMPT, 1},
    {"C021", LARGE_INDUSTRY, PF_COLD, 0.72, PAY_PROMPT, 1},
    {"C022", LARGE_INDUSTRY, PF_SHIFTS, 0.62, PAY_PROMPT, 1},
    {"C023", LARGE_INDUSTRY, PF_CONTINUOUS, 0.80, PAY_DEBIT, 1},
    {"C024", LARGE_INDUSTRY, PF_CONTINUOUS, 0.90, PAY_PROMPT, 1},
    {"C025", COMMERCIAL, PF_COLD, 0.65, PAY_PROMPT, 1},
    {"C026", LARGE_INDUSTRY, PF_SHIFTS, 0.65, PAY_PROMPT, 1},
    {"C027", COMMERCIAL, PF_RETAIL, 0.50, PAY_DEBIT, 1},
    {"C028", COMMERCIAL, PF_RETAIL, 0.50, PAY_PROMPT, 1},
    {"C029", COMMERCIAL, PF_OFFICES, 0.42, PAY_DEBIT, 1},
    {"C030", COMMERCIAL, PF_RETAIL, 0.55, PAY_PROMPT, 0},
    {"C031", COMMERCIAL, PF_OFFICES, 0.35, PAY_ORDINARY, 0},
    {"C032", COMMERCIAL, PF_OFFICES, 0.45, PAY_DEBIT, 1},
    {"C033", COMMERCIAL, PF_COOLING, 0.40, PAY_PROMPT, 1},
    {"C034", LARGE_INDUSTRY, PF_CONTINUOUS, 0.92, PAY_DEBIT, 1},
    {"C035", LARGE_INDUSTRY, PF_CONTINUOUS, 0.90, PAY_DEBIT, 1},
    {"C036", LARGE_INDUSTRY, PF_SHIFTS, 0.60, PAY_DEBIT, 1},
    {"C037", LARGE_INDUSTRY, PF_SHIFTS, 0.75, PAY_PROMPT, 1},
    {"C038", GENERAL_INDUSTRY, PF_CONTINUOUS, 0.65, PAY_PROMPT, 1},
    {"C039", PUBLIC, PF_CONTINUOUS, 0.80, PAY_DEBIT, 1},
    {"C040", PUBLIC, PF_CONTINUOUS, 0.88, PAY_DEBIT, 1},
};

/* Portfolio customer c (its id Cnnn, nnn 1..40) as account nnn - 1. */
static void key_account(account *acc, const lf_dr_customer *c)
{
    int number = 0;
    if (sscanf(c->id, "C%3d", &number) != 1 || number < 1 || number > NKEY)
        die("crm: portfolio id outside C001..C040", c->id);
    account *a = &acc[number - 1];
    const key_row *row = &KEY[number - 1];
    if (strcmp(row->id, c->id) != 0 || a->id[0])
        die("crm: portfolio customer without its row, or twice", c->id);
    account_defaults(a, number);
    snprintf(a->name, sizeof a->name, "%s", c->name);
    snprintf(a->industry, sizeof a->industry, "%s", c->industry);
    a->class_name = row->class_name;
    a->kv = c->voltage_kv;
    a->capacity_kva = round_to(c->contract_mw * 1000.0 / POWER_FACTOR, 100);
    a->peak_kw = 1000.0 * c->peak_mw;
    a->lf = row->lf;
    a->profile = row->profile;
    a->metered = row->profile == PF_METERED ? number : 0;
    a->is_protected = c->is_protected;
    a->dedicated = row->dedicated;
    a->pay = row->pay;
}

/* ---- the 160 smaller accounts ------------------------------------------------------- */

enum { K_INDUSTRY, K_COMMERCIAL, K_PUBLIC, K_RESIDENTIAL, K_AGRICULTURE };

/* Industry takes its class from its capacity (large_industry from 315 kVA,
 * the two-part tariff's threshold), the others from their kind. */
static const char *class_of(int kind, double capacity_kva)
{
    switch (kind) {
    case K_INDUSTRY:
        return capacity_kva >= LARGE_INDUSTRY_KVA ? LARGE_INDUSTRY : GENERAL_INDUSTRY;
    case K_COMMERCIAL: return COMMERCIAL;
    case K_PUBLIC: return PUBLIC;
    case K_RESIDENTIAL: return RESIDENTIAL;
    default: return AGRICULTURE;
    }
}

/* Installed capacity for a peak of kW used at `use` of it: standard
 * distribution transformers (GB/T 6451), as many 2000-2500 kVA units as needed
 * above 2500 kVA. */
static double capacity_for(double peak_kw, double use)
{
    static const double kva[] = {30, 50, 63, 80, 100, 125, 160, 200, 250, 315,
                                 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500};
    double need = peak_kw / POWER_FACTOR / use;
    int n = need <= 2500 ? 1 : (int)ceil(need / 2000.0);
    for (size_t k = 0; k < sizeof kva / sizeof kva[0]; k++)
        if (kva[k] * n >= need)
            return kva[k] * n;
    return 2500.0 * n;
}

/* The accounts with a part in a story, or placed to make a rule have members. */
typedef struct small_row {
    int number;
    const char *name, *industry;
    int kind, profile;
    double peak_kw, lf;
    int dedicated, is_protected, pay;
} small_row;

static const small_row SPECIAL[] = {
    /* 10 kV dedicated lines with more than 10 GWh a year: the 10 kV key-account rule */
    {41, "Ruifeng plastic film plant", "plastics", K_INDUSTRY, PF_SHIFTS, 3400, 0.72, 1, 0,
     PAY_PROMPT},
    {42, "Lianda printed circuit board works", "electronics", K_INDUSTRY, PF_CONTINUOUS, 2900,
     0.74, 1, 0, PAY_DEBIT},
    {43, "Sanhe precision castings", "machinery", K_INDUSTRY, PF_SHIFTS, 2500, 0.62, 1, 0,
     PAY_ORDINARY},
    {44, "Hengtai stainless tube mill", "steel", K_INDUSTRY, PF_SHIFTS, 2700, 0.64, 1, 0,
     PAY_PROMPT},
    {45, "Xinyuan weaving mill", "textiles", K_INDUSTRY, PF_SHIFTS, 2100, 0.78, 1, 0,
     PAY_PROMPT},
    /* dedicated lines below 10 GWh: the rule's energy condition fails */
    {46, "Minghua glass processing works", "building materials", K_INDUSTRY, PF_DAY_SHIFT, 1500,
     0.50, 1, 0, PAY_ORDINARY},
    {47, "Qingshan district hospital", "health care", K_PUBLIC, PF_PUBLIC, 1400, 0.62, 1, 1,
     PAY_DEBIT},
    /* contract breaches (违约用电) and slow payment */
    {93, "Jinlong metal stamping works", "metal products", K_INDUSTRY, PF_DAY_SHIFT, 420, 0.40,
     0, 0, PAY_SLOW},
    {137, "Dongsheng plastics recycling", "plastics", K_INDUSTRY, PF_DAY_SHIFT, 260, 0.45, 0, 0,
     PAY_SLOW},
    {171, "Fuxing restaurant", "catering", K_COMMERCIAL, PF_RETAIL, 80, 0.45, 0, 0,
     PAY_ORDINARY},
    /* growth: 业扩 applications */
    {158, "Hupan Garden residential community", "residential", K_RESIDENTIAL, PF_HOMES, 1600,
     0.40, 0, 0, PAY_PROMPT},
    {196, "Binjiang EV charging hub", "EV charging", K_COMMERCIAL, PF_RETAIL, 1800, 0.32, 0, 0,
     PAY_PROMPT},
};
#define NSPECIAL (sizeof SPECIAL / sizeof SPECIAL[0])

/* The other smaller accounts, by kind: how many, their typical kW at the
 * system peak (lognormal: median, sigma) and load factor range. */
typedef struct small_type {
    const char *noun, *industry;
    int kind, profile, count, is_protected;
    double median_kw, sigma, lf_lo, lf_hi;
} small_type;

static const small_type TYPES[] = {
    /* workshops and shops: general industry and commercial, some at 0.4 kV */
    {"garment workshop", "apparel", K_INDUSTRY, PF_DAY_SHIFT, 10, 0, 200, 0.6, 0.40, 0.55},
    {"machining workshop", "machinery", K_INDUSTRY, PF_DAY_SHIFT, 10, 0, 180, 0.6, 0.40, 0.55},
    {"printing house", "printing", K_INDUSTRY, PF_DAY_SHIFT, 5, 0, 150, 0.6, 0.40, 0.50},
    {"supermarket", "retail", K_COMMERCIAL, PF_RETAIL, 7, 0, 250, 0.6, 0.50, 0.60},
    {"restaurant", "catering", K_COMMERCIAL, PF_RETAIL, 4, 0, 120, 0.5, 0.40, 0.50},
    {"aquaculture farm", "aquaculture", K_AGRICULTURE, PF_FARM, 2, 0, 100, 0.5, 0.30, 0.40},
    {"greenhouse vegetable base", "agriculture", K_AGRICULTURE, PF_FARM, 2, 0, 150, 0.5, 0.25,
     0.35},
    /* plants and buildings at 10 kV */
    {"garment factory", "apparel", K_INDUSTRY, PF_DAY_SHIFT, 5, 0, 1100, 0.5, 0.40, 0.55},
    {"furniture factory", "furniture", K_INDUSTRY, PF_DAY_SHIFT, 5, 0, 1200, 0.5, 0.35, 0.50},
    {"food processing plant", "food", K_INDUSTRY, PF_SHIFTS, 8, 0, 3000, 0.5, 0.55, 0.70},
    {"injection moulding works", "plastics", K_INDUSTRY, PF_SHIFTS, 8, 0, 2600, 0.5, 0.60,
     0.75},
    {"metal stamping works", "metal products", K_INDUSTRY, PF_DAY_SHIFT, 7, 0, 1400, 0.5, 0.40,
     0.55},
    {"electronics assembly plant", "electronics", K_INDUSTRY, PF_SHIFTS, 8, 0, 4200, 0.5, 0.55,
     0.70},
    {"corrugated packaging plant", "paper products", K_INDUSTRY, PF_SHIFTS, 4, 0, 2200, 0.5,
     0.50, 0.65},
    {"ready-mix concrete station", "building materials", K_INDUSTRY, PF_DAY_SHIFT, 3, 0, 1400,
     0.5, 0.30, 0.45},
    {"auto parts supplier", "automotive parts", K_INDUSTRY, PF_SHIFTS, 5, 0, 4800, 0.5, 0.50,
     0.65},
    {"weaving mill", "textiles", K_INDUSTRY, PF_SHIFTS, 4, 0, 4200, 0.5, 0.70, 0.85},
    {"coatings plant", "chemicals", K_INDUSTRY, PF_SHIFTS, 3, 0, 2600, 0.5, 0.55, 0.70},
    {"office building", "offices", K_COMMERCIAL, PF_OFFICES, 9, 0, 4200, 0.5, 0.35, 0.45},
    {"hotel", "hotels", K_COMMERCIAL, PF_RETAIL, 6, 0, 2400, 0.5, 0.50, 0.60},
    {"department store", "retail", K_COMMERCIAL, PF_RETAIL, 4, 0, 4800, 0.5, 0.45, 0.55},
    {"logistics warehouse", "logistics", K_COMMERCIAL, PF_RETAIL, 5, 0, 1800, 0.5, 0.40, 0.55},
    {"cinema and leisure complex", "entertainment", K_COMMERCIAL, PF_RETAIL, 3, 0, 1800, 0.5,
     0.35, 0.45},
    {"district hospital", "health care", K_PUBLIC, PF_PUBLIC, 3, 1, 2400, 0.4, 0.55, 0.65},
    {"wastewater treatment plant", "water supply", K_PUBLIC, PF_CONTINUOUS, 3, 1, 3000, 0.4,
     0.70, 0.80},
    {"gas compressor station", "gas supply", K_PUBLIC, PF_CONTINUOUS, 2, 1, 1200, 0.4, 0.65,
     0.75},
    {"telecom exchange", "communications", K_PUBLIC, PF_CONTINUOUS, 2, 1, 1000, 0.4, 0.80,
     0.90},
    {"Garden residential community", "residential", K_RESIDENTIAL, PF_HOMES, 7, 0, 3600, 0.4,
     0.35, 0.45},
    {"irrigation pumping station", "agriculture", K_AGRICULTURE, PF_FARM, 4, 0, 1000, 0.5, 0.15,
     0.25},
};
#define NTYPES (sizeof TYPES / sizeof TYPES[0])

/* Trade names for the generated accounts; a type walks them in steps of 7, so
 * no two accounts of a type share one (48 is prime to 7). */
static const char *const PREFIX[] = {
    "Anxin", "Baisheng", "Changfeng", "Chengda", "Dingsheng", "Dongyang", "Fengyuan", "Fuhua",
    "Gaoxin", "Guanghe", "Haifeng", "Hengxin", "Hongda", "Huafeng", "Huamei", "Jiahe",
    "Jianye", "Jinhui", "Jinqiao", "Kaiyuan", "Lianhe", "Longsheng", "Meilin", "Mingyang",
    "Nanhu", "Pinghu", "Qiaosheng", "Ruixiang", "Sanjiang", "Shengtai", "Shunda", "Taihe",
    "Tianyi", "Wanfeng", "Weiye", "Xiangyun", "Xinda", "Xingguang", "Yida", "Yongan",
    "Yuanfeng", "Yuhua", "Zhenxing", "Zixin", "Baihe", "Chunhui", "Donghai", "Hexiang"};
#define NPREFIX (sizeof PREFIX / sizeof PREFIX[0])

/* Size, capacity, voltage and class of a smaller account of kind `kind`;
 * draws use, growth and payment habit from r (always the same number). */
static void size_small(account *a, int kind, gsl_rng *r)
{
    double use = 0.55 + 0.30 * gsl_rng_uniform(r);
    double u_pay = gsl_rng_uniform(r);
    a->growth = clampd(0.03 + gsl_ran_gaussian(r, 0.045), -0.08, 0.12);
    a->capacity_kva = capacity_for(a->peak_kw, use);
    a->kv = a->capacity_kva <= LOW_VOLTAGE_KVA ? 0.4 : 10;
    a->class_name = class_of(kind, a->capacity_kva);
    if (a->pay < 0)
        a->pay = u_pay < 0.12 ? PAY_DEBIT : u_pay < 0.62 ? PAY_PROMPT
                 : u_pay < 0.94 ? PAY_ORDINARY : PAY_SLOW;
}

static void small_accounts(account *acc, gsl_rng *r)
{
    int slot_type[NACCOUNTS], nslots = 0, count[NTYPES] = {0};
    for (size_t t = 0; t < NTYPES; t++)
        for (int k = 0; k < TYPES[t].count; k++)
            slot_type[nslots++] = (int)t;
    if (nslots + (int)NSPECIAL != NACCOUNTS - NKEY)
        die("crm", "the smaller accounts' types do not add up to 160");
    gsl_ran_shuffle(r, slot_type, (size_t)nslots, sizeof slot_type[0]);
    for (int number = NKEY + 1, next = 0; number <= NACCOUNTS; number++) {
        account *a = &acc[number - 1];
        account_defaults(a, number);
        const small_row *sp = NULL;
        for (size_t k = 0; k < NSPECIAL; k++)
            if (SPECIAL[k].number == number)
                sp = &SPECIAL[k];
        double z = gsl_ran_gaussian(r, 1.0), u_lf = gsl_rng_uniform(r);
        if (sp) {
            snprintf(a->name, sizeof a->name, "%s", sp->name);
            snprintf(a->industry, sizeof a->industry, "%s", sp->industry);
            a->peak_kw = sp->peak_kw;
            a->lf = sp->lf;
            a->profile = sp->profile;
            a->dedicated = sp->dedicated;
            a->is_protected = sp->is_protected;
            a->pay = sp->pay;
            size_small(a, sp->kind, r);
            continue;
        }
        int t = slot_type[next++];
        const small_type *ty = &TYPES[t];
        const char *prefix = PREFIX[(11 * t + 7 * count[t]++) % NPREFIX];
        snprintf(a->name, sizeof a->name, "%s %s", prefix, ty->noun);
        snprintf(a->industry, sizeof a->industry, "%s", ty->industry);
        a->peak_kw = round_to(clampd(ty->median_kw * exp(ty->sigma * z), 40, 8000), 10);
        a->lf = ty->lf_lo + (ty->lf_hi - ty->lf_lo) * u_lf;
        a->profile = ty->profile;
        a->is_protected = ty->is_protected;
        a->pay = -1;
        size_small(a, ty->kind, r);
        a->dedicated = a->capacity_kva >= DEDICATED_KVA;
    }
}

/* ---- the stories --------------------------------------------------------------------- */

/* What a key-account manager would find in the records (datasets/README.md). */
static void tell_stories(account *acc)
{
    account *a;
    /* Calcium carbide under the overcapacity controls: output cut in 2024,
     * bills paid later and later, April and May 2024 left unpaid, put on
     * ten-day settlement from July 2024. */
    a = find(acc, "C010");
    a->growth = -0.06;
    a->tenday_from = 18;
    a->outlook = 35;
    /* The dyeing mill: on ten-day settlement throughout, pays late more often
     * than not, owes an old debt from 2022, two breaches (an unreported
     * transformer, load above its contract). */
    a = find(acc, "C012");
    a->tenday_from = 0;
    a->breaches = 2;
    a->arrears = 1250000.00;
    a->outlook = 35;
    /* The cotton mill moves its spinning to a sister mill inland from
     * September 2024. */
    a = find(acc, "C014");
    a->story = STORY_DECLINE;
    a->growth = 0.01;
    a->outlook = 45;
    /* The battery plant's second formation line comes on from September 2024;
     * its full year is the potential (set once the 2023 energy is known). */
    a = find(acc, "C037");
    a->story = STORY_RISE;
    a->growth = 0.05;
    a->outlook = 80;
    /* The data centre has applied for a new hall (业扩). */
    a = find(acc, "C034");
    a->potential = 80000000;
    a->correction = 1.1;
    a->outlook = 90;
    /* The wafer fab is the city's strategic project. */
    find(acc, "C035")->correction = 1.2;
    find(acc, "C036")->outlook = 70;
    find(acc, "C038")->outlook = 70;
    /* Smaller accounts: a second film line applied for; breaches; a new
     * residential phase and a charging hub opened in April 2024. */
    a = find(acc, "C041");
    a->potential = 6000000;
    a->outlook = 70;
    a = find(acc, "C093");
    a->breaches = 2;
    a->tenday_from = 0;
    a = find(acc, "C137");
    a->breaches = 3;
    a->arrears = 26500.00;
    find(acc, "C171")->breaches = 1;
    find(acc, "C158")->potential = 2400000;
    a = find(acc, "C196");
    a->story = STORY_NEW;
    a->first_month = NEW_FIRST;
    a->potential = 3000000;
}

/* ---- energy and bills ------------------------------------------------------------------ */

static void make_energy(const sample *s, account *acc, gsl_rng *r)
{
    double sum[NPROFILES][CUST_MONTHS], mean[NPROFILES];
    profile_months(s, sum, mean);
    for (int i = 0; i < NACCOUNTS; i++) {
        account *a = &acc[i];
        double sd = i < NKEY ? 0.02 : 0.035; /* the smaller, the noisier */
        for (int mi = 0; mi < CUST_MONTHS; mi++) {
            double noise = clampd(gsl_ran_gaussian(r, sd), -2 * sd, 2 * sd);
            if (mi < a->first_month) {
                a->energy[mi] = -1;
                continue;
            }
            if (a->metered) {
                a->energy[mi] = 25 * s->meter_tenths[a->metered - 1][mi]; /* 0.1 kW x 0.25 h */
            } else {
                const profile *p = &PROFILES[a->profile];
                int y = CUST_FIRST_YEAR + mi / 12, m = mi % 12 + 1;
                double cycle = s->cycle[12 * (y - MONTHLY_FIRST_YEAR) + m - 1];
                double days = sum[a->profile][mi] / mean[a->profile]; /* working-day equiv. */
                double kwh = a->peak_kw * a->lf * 24.0 * days *
                             pow(1.0 + a->growth, (mi - 11.5) / 12.0) *
                             (1.0 + p->cycle * cycle) * (1.0 + noise);
                if (a->story == STORY_DECLINE && mi >= STORY_FIRST)
                    kwh *= DECLINE[mi - STORY_FIRST];
                if (a->story == STORY_RISE && mi >= STORY_FIRST)
                    kwh *= RISE[mi - STORY_FIRST];
                if (a->story == STORY_NEW)
                    kwh *= NEW_RAMP[mi - NEW_FIRST];
                a->energy[mi] = 1000 * llround(kwh); /* whole kWh, as a register reads */
            }
            double price = price_of(a->class_name, a->kv);
            /* 0.001 kWh x CNY/kWh / 10 = cents */
            a->bill[mi] = llround((double)a->energy[mi] * price / 10.0);
        }
        if (a->story == STORY_RISE) {
            long long year = 0;
            for (int mi = 0; mi < 12; mi++)
                year += a->energy[mi];
            a->potential = round_to(RISE_POTENTIAL * (double)year / 1000.0, 100000);
        }
    }
}

/* ---- payments ------------------------------------------------------------------------- */

#define UNPAID INT32_MIN

/* Days from due date to payment (negative: early) of a bill of month mi
 * (0 = 2023-01), or UNPAID; u holds three uniform draws. */
static int pay_delay(const account *a, int mi, lf_date due, lf_date export_date,
                     const double *u)
{
    switch (a->pay) {
    case PAY_DEBIT: return -(1 + (int)(5 * u[0]));
    case PAY_PROMPT: return u[1] < 0.04 ? 1 + (int)(4 * u[2]) : -(int)(8 * u[0]);
    case PAY_ORDINARY: return u[1] < 0.22 ? 1 + (int)(12 * u[2]) : -(int)(6 * u[0]);
    case PAY_SLOW: return u[1] < 0.55 ? 1 + (int)(30 * u[2]) : -(int)(3 * u[0]);
    case PAY_C012:
        if (due > export_date - 31)
            return UNPAID; /* December's bills and the last of November's */
        return u[1] < 0.6 ? 3 + (int)(20 * u[2]) : -(int)(4 * u[0]);
    default: /* PAY_C010 */
        if (mi < 6)
            return u[1] < 0.04 ? 1 + (int)(4 * u[2]) : -(int)(8 * u[0]);
        if (mi < 12)
            return u[1] < 0.6 ? 3 + (int)(12 * u[2]) : -(int)(4 * u[0]);
        if (mi < 15)
            return 20 + (int)(26 * u[2]);
        if (mi < 17)
            return UNPAID; /* April and May 2024: the arrears */
        if (mi == 17)
            return 28 + (int)(10 * u[2]);
        if (mi == CUST_MONTHS - 1)
            return UNPAID; /* December's first ten days, due on the 15th */
        return u[1] < 0.5 ? 1 + (int)(10 * u[2]) : -(int)(3 * u[0]);
    }
}

static void put_date(FILE *f, lf_date d)
{
    char buf[LF_DATE_STRLEN];
    lf_date_format(d, buf);
    fprintf(f, ",%s", buf);
}

static void put_cents(FILE *f, long long cents)
{
    fprintf(f, ",%lld.%02lld", cents / 100, cents % 100);
}

/* One bill, if it is due by the export date (bills due later are not issued
 * yet); its payment date is left empty when unpaid at the export. */
static long write_bill(FILE *f, const account *a, int mi, lf_date due, long long cents,
                       lf_date export_date, gsl_rng *r)
{
    if (due > export_date)
        return 0;
    double u[3];
    for (int k = 0; k < 3; k++)
        u[k] = gsl_rng_uniform(r);
    int delay = pay_delay(a, mi, due, export_date, u);
    fputs(a->id, f);
    put_date(f, due);
    if (delay == UNPAID || due + delay > export_date)
        fputc(',', f);
    else
        put_date(f, due + delay);
    put_cents(f, cents);
    fputc('\n', f);
    return 1;
}

/* A month's bill due on the 15th of the next month, or three ten-day bills
 * (上旬 1-10, 中旬 11-20, 下旬 21-end, billed by days) each due 5 days after
 * its period ends; the three add up to the month's bill. */
static long write_payments(FILE *f, const account *a, lf_date export_date, gsl_rng *r)
{
    long rows = 0;
    for (int mi = a->first_month; mi < CUST_MONTHS; mi++) {
        int y = CUST_FIRST_YEAR + mi / 12, m = mi % 12 + 1, days = lf_days_in_month(y, m);
        lf_date first = lf_date_from_ymd(y, m, 1);
        if (mi < a->tenday_from) {
            lf_date due = lf_date_add_months(first, 1) + (DUE_DAY - 1);
            rows += write_bill(f, a, mi, due, a->bill[mi], export_date, r);
            continue;
        }
        long long c1 = llround((double)a->bill[mi] * 10.0 / days), c2 = c1;
        long long part[3] = {c1, c2, a->bill[mi] - c1 - c2};
        int ends[3] = {10, 20, days};
        for (int k = 0; k < 3; k++)
            rows += write_bill(f, a, mi, first + ends[k] - 1 + TENDAY_DUE_DAYS, part[k],
                               export_date, r);
    }
    return rows;
}

/* ---- writing ------------------------------------------------------------------------- */

static void put_kwh(FILE *f, long long thousandths)
{
    fprintf(f, ",%lld.%03lld", thousandths / 1000, thousandths % 1000);
}

static void write_customers(const sample *s, const account *acc)
{
    FILE *f = open_out(s, "crm/customers.csv");
    fputs("id,name,class,voltage_kv,capacity_kva,industry,dedicated_line,protected,breaches,"
          "industry_outlook,arrears_cny,potential_kwh,correction,load_file\n", f);
    for (int i = 0; i < NACCOUNTS; i++) {
        const account *a = &acc[i];
        fprintf(f, "%s,%s,%s,", a->id, a->name, a->class_name);
        fprintf(f, a->kv == round(a->kv) ? "%.0f" : "%.1f", a->kv);
        fprintf(f, ",%.0f,%s,%s,%s,", a->capacity_kva, a->industry, a->dedicated ? "yes" : "",
                a->is_protected ? "yes" : "");
        if (a->breaches)
            fprintf(f, "%d", a->breaches);
        fputc(',', f);
        if (a->outlook >= 0)
            fprintf(f, "%.0f", a->outlook);
        fputc(',', f);
        if (a->arrears > 0)
            fprintf(f, "%.2f", a->arrears);
        fputc(',', f);
        if (a->potential > 0)
            fprintf(f, "%.0f", a->potential);
        fprintf(f, ",%.1f,", a->correction);
        if (a->metered)
            fprintf(f, "../customers/C%03d.csv", a->metered);
        fputc('\n', f);
    }
    close_out(f, "crm/customers.csv", NACCOUNTS);
}

static void write_monthly(const sample *s, const account *acc)
{
    FILE *f = open_out(s, "crm/monthly.csv");
    long rows = 0;
    fputs("customer_id,month,energy_kwh,bill_cny\n", f);
    for (int i = 0; i < NACCOUNTS; i++)
        for (int mi = acc[i].first_month; mi < CUST_MONTHS; mi++, rows++) {
            fprintf(f, "%s,%04d-%02d", acc[i].id, CUST_FIRST_YEAR + mi / 12, mi % 12 + 1);
            put_kwh(f, acc[i].energy[mi]);
            put_cents(f, acc[i].bill[mi]);
            fputc('\n', f);
        }
    close_out(f, "crm/monthly.csv", rows);
}

static void write_all_payments(const sample *s, const account *acc, lf_date export_date)
{
    gsl_rng *r = rng_new(SEED_CRM_PAYMENTS);
    FILE *f = open_out(s, "crm/payments.csv");
    long rows = 0;
    fputs("customer_id,due_date,paid_date,amount_cny\n", f);
    for (int i = 0; i < NACCOUNTS; i++)
        rows += write_payments(f, &acc[i], export_date, r);
    close_out(f, "crm/payments.csv", rows);
    gsl_rng_free(r);
}

/* ---- checks ---------------------------------------------------------------------------- */

static int by_profit_desc(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? 1 : a > b ? -1 : 0;
}

/* The set must keep its shape: the top 20% of accounts make 78-87% of the
 * positive 2024 profit (default cost rule), and December 2024 is within 25%
 * of December 2023 for every account without a story. */
static void check_crm(const account *acc)
{
    double profit[NACCOUNTS], positive = 0.0, top = 0.0;
    for (int i = 0; i < NACCOUNTS; i++) {
        const account *a = &acc[i];
        double kwh = 0.0, billed = 0.0;
        int months = 0;
        for (int mi = 12; mi < CUST_MONTHS; mi++)
            if (a->energy[mi] >= 0) {
                kwh += (double)a->energy[mi] / 1000.0;
                billed += (double)a->bill[mi] / 100.0;
                months++;
            }
        profit[i] = billed - kwh * unit_cost(a->kv) - SERVICE_PER_MONTH * months;
        if (a->story == STORY_NONE) {
            double yoy = (double)a->energy[23] / (double)a->energy[11] - 1.0;
            if (fabs(yoy) > YOY_MAX)
                die(a->id, "December 2024 moved more than 25% from December 2023");
        }
    }
    qsort(profit, NACCOUNTS, sizeof profit[0], by_profit_desc);
    for (int i = 0; i < NACCOUNTS; i++)
        if (profit[i] > 0.0) {
            positive += profit[i];
            top += i < NACCOUNTS / 5 ? profit[i] : 0.0;
        }
    fprintf(stderr, "crm: the top 20%% of accounts make %.1f%% of the 2024 profit\n",
            100.0 * top / positive);
    if (top / positive < PARETO_MIN || top / positive > PARETO_MAX)
        die("crm", "the top 20% of accounts make under 78% or over 87% of the profit");
}

/* ---- main ------------------------------------------------------------------------------ */

void make_crm(const sample *s, const lf_portfolio *portfolio)
{
    account *acc = calloc(NACCOUNTS, sizeof *acc);
    if (!acc)
        die("crm", "out of memory");
    if (portfolio->n != NKEY)
        die("crm", "the portfolio does not have 40 customers");
    gsl_rng *r = rng_new(SEED_CRM);
    for (size_t k = 0; k < portfolio->n; k++)
        key_account(acc, &portfolio->customers[k]);
    for (int i = 0; i < NKEY; i++) /* in id order, whatever the portfolio's order */
        acc[i].growth = clampd(0.03 + gsl_ran_gaussian(r, 0.03), -0.03, 0.09);
    small_accounts(acc, r);
    gsl_rng_free(r);
    tell_stories(acc);

    r = rng_new(SEED_CRM_ENERGY);
    make_energy(s, acc, r);
    gsl_rng_free(r);
    check_crm(acc);

    write_customers(s, acc);
    write_monthly(s, acc);
    write_all_payments(s, acc, lf_date_from_ymd(CUST_LAST_YEAR, 12, 31));
    free(acc);
}
