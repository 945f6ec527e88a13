/* test_tariff_load.c - tariffs of tariff.h as values and from YAML
 * (libforecast/planning/tariff.c, tariff_load.c): the example set and a full
 * fixture read back field by field, versions found by date, the TOU period
 * of a minute on every kind of boundary, who may choose a tariff, each rule
 * of lf_tariff_check, and the exact file:line:column message of each kind
 * of mistake in a file.  Bad files are written from the strings below into
 * a fresh directory as tariffs.yaml, so the line and column in each message
 * can be counted in the string right above it.  Bills are test_tariff_bill.c. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch_file.h"
#include "libforecast.h"

#define FIX "tests/fixtures/tariff/"
#define EXAMPLE "examples/tariffs/tariffs.yaml"

static lf_tariff_set dummy; /* *out must be reset from this to NULL on error */

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }
static int HM(int h, int m) { return h * 60 + m; }

/* ---- helpers -------------------------------------------------------------------- */

static lf_tariff_set *load_file(const char *path)
{
    lf_error err;
    lf_error_clear(&err);
    lf_tariff_set *set = &dummy;
    cr_assert_eq(lf_tariff_set_load(path, &set, &err), LF_OK, "%s", err.message);
    cr_assert_not_null(set);
    return set;
}

static lf_tariff_set *load_text(const char *text)
{
    scratch s;
    scratch_write(&s, "tariffs.yaml", text);
    lf_error err;
    lf_error_clear(&err);
    lf_tariff_set *set = &dummy;
    int rc = lf_tariff_set_load(s.path, &set, &err);
    scratch_remove(&s); /* before asserting: a failure leaves no directory behind */
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    cr_assert_not_null(set);
    return set;
}

/* Loading text fails with LF_ERR_CONFIG and exactly this message after the
 * directory ("tariffs.yaml:line:column: ..."), and *out is NULL. */
static void expect_error(const char *text, const char *message)
{
    scratch s;
    scratch_write(&s, "tariffs.yaml", text);
    lf_error err;
    lf_error_clear(&err);
    lf_tariff_set *set = &dummy;
    int rc = lf_tariff_set_load(s.path, &set, &err);
    scratch_remove(&s);
    cr_assert_eq(rc, LF_ERR_CONFIG, "status %d: %s", rc, err.message);
    cr_assert_eq(err.code, LF_ERR_CONFIG);
    cr_assert_null(set, "*out must be NULL after an error");
    size_t n = strlen(s.dir);
    cr_assert(strncmp(err.message, s.dir, n) == 0 && err.message[n] == '/', "%s",
              err.message);
    cr_assert_str_eq(err.message + n + 1, message);
}

static void expect_window(const lf_tou_window *w, int start, int end, lf_tou_period p)
{
    cr_assert_eq(w->start_minute, start, "start %d, want %d", w->start_minute, start);
    cr_assert_eq(w->end_minute, end, "end %d, want %d", w->end_minute, end);
    cr_assert_eq(w->period, p, "period %s, want %s", lf_tou_period_name(w->period),
                 lf_tou_period_name(p));
}

static void expect_period(const lf_tariff *t, int month, unsigned kind, int minute,
                          lf_tou_period want)
{
    lf_tou_period got = lf_tariff_period(t, month, kind, minute);
    cr_assert_eq(got, want, "%s month %d kind %u %02d:%02d: %s, want %s", t->id, month, kind,
                 minute / 60, minute % 60, lf_tou_period_name(got), lf_tou_period_name(want));
}

/* ---- the example set ------------------------------------------------------------------ */

/* The 0.90 table by the rule the example's comment states (GLOSSARY, plus
 * its assumption below 0.70), for pf = hundredths / 100. */
static double glossary_percent(int hundredths)
{
    if (hundredths >= 95)
        return -0.75;
    if (hundredths > 90)
        return -0.15 * (hundredths - 90);
    if (hundredths >= 70)
        return 0.5 * (90 - hundredths);
    if (hundredths >= 65)
        return 10 + (70 - hundredths);
    return 15 + 2 * (65 - hundredths);
}

static void expect_pf_090(const lf_tariff *t)
{
    cr_assert_eq(t->pf_standard, 0.90);
    cr_assert_eq(t->npf, 36, "%s: %zu rows", t->id, t->npf);
    for (size_t k = 0; k < t->npf; k++) {
        int h = 60 + (int)k;
        cr_assert(fabs(t->pf_table[k].pf - h / 100.0) < 1e-12, "%s row %zu pf %g", t->id, k,
                  t->pf_table[k].pf);
        cr_assert(fabs(t->pf_table[k].percent - glossary_percent(h)) < 1e-12,
                  "%s pf %.2f: %g %%, want %g", t->id, h / 100.0, t->pf_table[k].percent,
                  glossary_percent(h));
    }
}

Test(tariff_load, example_large_industry)
{
    lf_tariff_set *set = load_file(EXAMPLE);
    cr_assert_str_eq(set->source, EXAMPLE);
    cr_assert_eq(set->n, 6);
    const lf_tariff *t = &set->tariffs[0];
    cr_assert_str_eq(t->id, "large_industry_tou_1_10kv");
    cr_assert_str_eq(t->name, "大工业两部制分时电价 (1-10千伏)");
    cr_assert_eq(t->effective_from, D(2024, 1, 1));
    cr_assert_eq(t->effective_to, D(2025, 12, 31));
    cr_assert_eq(t->min_kv, 1);
    cr_assert_eq(t->max_kv, 10);
    cr_assert_eq(t->min_kva, 315);
    cr_assert_eq(t->max_kva, 0);
    cr_assert_eq(t->nclasses, 1);
    cr_assert_str_eq(t->classes[0], "large_industry");
    cr_assert_eq(t->energy, LF_ENERGY_TOU);
    cr_assert_eq(t->tou_rate[LF_TOU_CRITICAL], 1.3056);
    cr_assert_eq(t->tou_rate[LF_TOU_PEAK], 1.0880);
    cr_assert_eq(t->tou_rate[LF_TOU_FLAT], 0.6400);
    cr_assert_eq(t->tou_rate[LF_TOU_VALLEY], 0.2432);
    cr_assert(isnan(t->tou_rate[LF_TOU_DEEP_VALLEY]));
    cr_assert_eq(t->nschedules, 2);
    cr_assert_eq(t->schedules[0].months, (1u << 6) | (1u << 7));
    cr_assert_eq(t->schedules[0].day_kinds, 0);
    cr_assert_eq(t->schedules[0].nwindows, 4);
    expect_window(&t->schedules[0].windows[1], HM(11, 0), HM(13, 0), LF_TOU_CRITICAL);
    expect_window(&t->schedules[0].windows[3], HM(22, 0), HM(6, 0), LF_TOU_VALLEY);
    cr_assert_eq(t->schedules[1].months, 0);
    cr_assert_eq(t->schedules[1].nwindows, 3);
    expect_window(&t->schedules[1].windows[1], HM(17, 0), HM(22, 0), LF_TOU_PEAK);
    cr_assert_eq(t->capacity_rate, 30);
    cr_assert_eq(t->demand_rate, 40);
    cr_assert_eq(t->demand_floor_share, 0.4);
    cr_assert_eq(t->demand_penalty_share, 1.05);
    cr_assert_eq(t->demand_penalty_factor, 2);
    expect_pf_090(t);
    cr_assert_eq(t->pf_table[30].percent, 0);       /* 0.90 */
    cr_assert_eq(t->pf_table[35].percent, -0.75);   /* 0.95 */
    cr_assert_eq(t->nsurcharges, 4);
    cr_assert_str_eq(t->surcharges[0].name, "国家重大水利工程建设基金");
    cr_assert_eq(t->surcharges[0].rate, 0.00196875);
    cr_assert_str_eq(t->surcharges[3].name, "可再生能源电价附加");
    cr_assert_eq(t->surcharges[3].rate, 0.019);
    cr_assert_eq(t->line, 90);

    t = &set->tariffs[2]; /* the same at 35-110 kV: lower rates */
    cr_assert_str_eq(t->id, "large_industry_tou_35_110kv");
    cr_assert_eq(t->min_kv, 35);
    cr_assert_eq(t->max_kv, 110);
    cr_assert_eq(t->tou_rate[LF_TOU_FLAT], 0.6150);
    cr_assert_eq(t->effective_to, INT32_MAX);
    for (int p = 0; p < LF_TOU_VALLEY + 1; p++)
        cr_assert_lt(t->tou_rate[p], set->tariffs[0].tou_rate[p], "%s",
                     lf_tou_period_name((lf_tou_period)p));
    expect_pf_090(t);
    expect_pf_090(&set->tariffs[1]);
    for (size_t i = 0; i < set->n; i++)
        cr_assert_eq(lf_tariff_check(&set->tariffs[i], NULL), LF_OK, "%s",
                     set->tariffs[i].id);
    lf_tariff_set_free(set);
}

Test(tariff_load, example_other_kinds)
{
    lf_tariff_set *set = load_file(EXAMPLE);
    const lf_tariff *t = &set->tariffs[3]; /* general I&C: TOU, single-part, pf 0.85 */
    cr_assert_str_eq(t->id, "general_ic_tou_1_10kv");
    cr_assert_eq(t->energy, LF_ENERGY_TOU);
    cr_assert_eq(t->tou_rate[LF_TOU_DEEP_VALLEY], 0.2040);
    cr_assert_eq(t->nschedules, 3);
    cr_assert_eq(t->schedules[0].months, 0x1u | 0x2u | 0x10u | 0x200u);
    cr_assert_eq(t->schedules[0].day_kinds, LF_TOU_HOLIDAY);
    expect_window(&t->schedules[0].windows[0], HM(10, 0), HM(14, 0), LF_TOU_DEEP_VALLEY);
    cr_assert_eq(t->capacity_rate, 0);
    cr_assert_eq(t->demand_rate, 0);
    cr_assert_eq(t->pf_standard, 0.85);
    cr_assert_eq(t->npf, 40);
    cr_assert_eq(t->pf_table[30].pf, 0.85);
    cr_assert_eq(t->pf_table[30].percent, 0);
    cr_assert_eq(t->pf_table[10].pf, 0.65);
    cr_assert_eq(t->pf_table[10].percent, 10);
    cr_assert_eq(t->pf_table[39].pf, 0.94);
    cr_assert_eq(t->pf_table[39].percent, -1.1);
    cr_assert_eq(t->nclasses, 2);
    cr_assert_str_eq(t->classes[1], "general_commercial");

    t = &set->tariffs[4]; /* single rate */
    cr_assert_str_eq(t->id, "general_commercial_below_1kv");
    cr_assert_eq(t->energy, LF_ENERGY_SINGLE);
    cr_assert_eq(t->rate, 0.6724);
    cr_assert_eq(t->max_kva, 100);
    cr_assert_eq(t->pf_standard, 0);
    cr_assert_eq(t->npf, 0);
    cr_assert_eq(t->nsurcharges, 3);
    cr_assert_eq(t->surcharges[1].rate, 0.0062);

    t = &set->tariffs[5]; /* residential inclining blocks */
    cr_assert_str_eq(t->id, "residential_blocks_below_1kv");
    cr_assert_eq(t->energy, LF_ENERGY_BLOCKS);
    cr_assert_eq(t->nblocks, 3);
    cr_assert_eq(t->block_upto_kwh[0], 230);
    cr_assert_eq(t->block_upto_kwh[1], 400);
    cr_assert_eq(t->block_rate[0], 0.5283);
    cr_assert_eq(t->block_rate[1], 0.5783);
    cr_assert_eq(t->block_rate[2], 0.8283);
    cr_assert_eq(t->nsurcharges, 0);
    cr_assert_eq(t->nschedules, 0);
    lf_tariff_set_free(set);
}

/* The 2026 version takes over on 2026-01-01, the month after the first ends. */
Test(tariff_load, versions_found_by_date)
{
    lf_tariff_set *set = load_file(EXAMPLE);
    const char *id = "large_industry_tou_1_10kv";
    const lf_tariff *old = &set->tariffs[0], *new = &set->tariffs[1];
    cr_assert_str_eq(new->id, id);
    cr_assert_eq(new->effective_from, D(2026, 1, 1));
    cr_assert_eq(new->effective_to, INT32_MAX);
    cr_assert_eq(new->tou_rate[LF_TOU_FLAT], 0.6250);
    cr_assert_eq(new->capacity_rate, 28);
    cr_assert_eq(new->demand_penalty_share, 1.05); /* not in the file: the default */
    cr_assert_eq(lf_tariff_set_find(set, id, D(2024, 1, 1)), old);
    cr_assert_eq(lf_tariff_set_find(set, id, D(2025, 12, 31)), old);
    cr_assert_eq(lf_tariff_set_find(set, id, D(2026, 1, 1)), new);
    cr_assert_eq(lf_tariff_set_find(set, id, D(2040, 7, 1)), new);
    cr_assert_null(lf_tariff_set_find(set, id, D(2023, 12, 31)));
    cr_assert_eq(lf_tariff_set_find(set, "large_industry_tou_35_110kv", D(2030, 1, 1)),
                 &set->tariffs[2]);
    cr_assert_null(lf_tariff_set_find(set, "large_industry", D(2025, 1, 1)));
    cr_assert_null(lf_tariff_set_find(set, NULL, D(2025, 1, 1)));
    cr_assert_null(lf_tariff_set_find(NULL, id, D(2025, 1, 1)));
    lf_tariff_set_free(set);
    lf_tariff_set_free(NULL);
}

/* ---- a full file ------------------------------------------------------------------------- */

Test(tariff_load, full_file_field_by_field)
{
    lf_tariff_set *set = load_file(FIX "full.yaml");
    cr_assert_str_eq(set->source, FIX "full.yaml");
    cr_assert_eq(set->n, 3);
    const lf_tariff *t = &set->tariffs[0];
    cr_assert_str_eq(t->id, "T-1.a");
    cr_assert_str_eq(t->name, "测试电价 full");
    cr_assert_eq(t->line, 5);
    cr_assert_eq(t->effective_from, D(2024, 3, 1));
    cr_assert_eq(t->effective_to, D(2024, 8, 31));
    cr_assert_eq(t->min_kv, 0.4);
    cr_assert_eq(t->max_kv, 20);
    cr_assert_eq(t->min_kva, 50);
    cr_assert_eq(t->max_kva, 5000);
    cr_assert_eq(t->nclasses, 2);
    cr_assert_str_eq(t->classes[0], "a_class");
    cr_assert_str_eq(t->classes[1], "b.class");
    cr_assert_eq(t->energy, LF_ENERGY_TOU);
    const double rates[LF_TOU_PERIODS] = {1.5, 1.2, 0.7, 0.3, 0.1};
    for (int p = 0; p < LF_TOU_PERIODS; p++)
        cr_assert_eq(t->tou_rate[p], rates[p]);
    cr_assert_eq(t->nschedules, 3);
    const lf_tou_schedule *s = t->schedules;
    cr_assert_eq(s[0].months, 1u << 11);
    cr_assert_eq(s[0].day_kinds, LF_TOU_WEEKEND);
    cr_assert_eq(s[0].nwindows, 0);
    cr_assert_eq(s[1].months, (1u << 5) | (1u << 6) | (1u << 7));
    cr_assert_eq(s[1].day_kinds, LF_TOU_WORKDAY | LF_TOU_HOLIDAY);
    cr_assert_eq(s[1].nwindows, 3);
    expect_window(&s[1].windows[0], 0, HM(6, 0), LF_TOU_DEEP_VALLEY);
    expect_window(&s[1].windows[1], HM(18, 30), 1440, LF_TOU_PEAK);
    expect_window(&s[1].windows[2], HM(12, 0), HM(12, 15), LF_TOU_CRITICAL);
    cr_assert_eq(s[2].months, 0);
    cr_assert_eq(s[2].day_kinds, 0);
    cr_assert_eq(s[2].nwindows, 2);
    expect_window(&s[2].windows[0], HM(21, 0), 0, LF_TOU_VALLEY);
    expect_window(&s[2].windows[1], HM(9, 0), HM(10, 0), LF_TOU_PEAK);
    cr_assert_eq(t->capacity_rate, 25.5);
    cr_assert_eq(t->demand_rate, 36.5);
    cr_assert_eq(t->demand_floor_share, 0.5);
    cr_assert_eq(t->demand_penalty_share, 1.1);
    cr_assert_eq(t->demand_penalty_factor, 3);
    cr_assert_eq(t->pf_standard, 0.8);
    cr_assert_eq(t->npf, 3);
    cr_assert_eq(t->pf_table[0].pf, 0.5);
    cr_assert_eq(t->pf_table[0].percent, 5);
    cr_assert_eq(t->pf_table[2].pf, 0.9);
    cr_assert_eq(t->pf_table[2].percent, -1.25);
    cr_assert_eq(t->nsurcharges, 2);
    cr_assert_str_eq(t->surcharges[0].name, "fund A");
    cr_assert_eq(t->surcharges[0].rate, 0.01);
    cr_assert_str_eq(t->surcharges[1].name, "基金B");
    cr_assert_eq(t->surcharges[1].rate, 0);

    t = &set->tariffs[1]; /* only what is required: the defaults of lf_tariff_init */
    cr_assert_str_eq(t->id, "single_x");
    cr_assert_eq(t->line, 31);
    cr_assert_str_eq(t->name, "");
    cr_assert_eq(t->effective_from, INT32_MIN);
    cr_assert_eq(t->effective_to, INT32_MAX);
    cr_assert_eq(t->energy, LF_ENERGY_SINGLE);
    cr_assert_eq(t->rate, 0);
    cr_assert_eq(t->min_kv + t->max_kv + t->min_kva + t->max_kva, 0);
    cr_assert_eq(t->nclasses, 0);
    for (int p = 0; p < LF_TOU_PERIODS; p++)
        cr_assert(isnan(t->tou_rate[p]));
    cr_assert_eq(t->capacity_rate + t->demand_rate, 0);
    cr_assert_eq(t->demand_floor_share, 0.4);
    cr_assert_eq(t->demand_penalty_share, 1.05);
    cr_assert_eq(t->demand_penalty_factor, 2);
    cr_assert_eq(t->pf_standard, 0);
    cr_assert_eq(t->npf + t->nsurcharges + t->nschedules + t->nblocks, 0);

    t = &set->tariffs[2]; /* one block; an open start; one class without a list */
    cr_assert_str_eq(t->id, "blocks_one");
    cr_assert_eq(t->effective_from, INT32_MIN);
    cr_assert_eq(t->effective_to, D(2030, 6, 30));
    cr_assert_eq(t->nclasses, 1);
    cr_assert_str_eq(t->classes[0], "residential");
    cr_assert_eq(t->energy, LF_ENERGY_BLOCKS);
    cr_assert_eq(t->nblocks, 1);
    cr_assert_eq(t->block_rate[0], 0.5);
    lf_tariff_set_free(set);
}

/* ---- periods -------------------------------------------------------------------------- */

Test(tariff_period, boundaries_of_the_large_industry_tariff)
{
    lf_tariff_set *set = load_file(EXAMPLE);
    const lf_tariff *t = &set->tariffs[0];
    unsigned W = LF_TOU_WORKDAY;
    expect_period(t, 6, W, HM(7, 59), LF_TOU_FLAT); /* no window: flat */
    expect_period(t, 6, W, HM(8, 0), LF_TOU_PEAK);
    expect_period(t, 6, W, HM(10, 59), LF_TOU_PEAK);
    expect_period(t, 6, W, HM(11, 0), LF_TOU_FLAT);
    expect_period(t, 6, W, HM(16, 59), LF_TOU_FLAT);
    expect_period(t, 6, W, HM(17, 0), LF_TOU_PEAK);
    expect_period(t, 6, W, HM(21, 59), LF_TOU_PEAK);
    expect_period(t, 6, W, HM(22, 0), LF_TOU_VALLEY); /* 22:00-06:00 across midnight */
    expect_period(t, 6, W, HM(23, 59), LF_TOU_VALLEY);
    expect_period(t, 6, W, HM(0, 0), LF_TOU_VALLEY);
    expect_period(t, 6, W, HM(5, 59), LF_TOU_VALLEY);
    expect_period(t, 6, W, HM(6, 0), LF_TOU_FLAT);
    /* July and August: the summer schedule's critical peak */
    expect_period(t, 7, W, HM(10, 59), LF_TOU_PEAK);
    expect_period(t, 7, W, HM(11, 0), LF_TOU_CRITICAL);
    expect_period(t, 8, LF_TOU_HOLIDAY, HM(12, 59), LF_TOU_CRITICAL);
    expect_period(t, 8, LF_TOU_WEEKEND, HM(13, 0), LF_TOU_FLAT);
    expect_period(t, 9, W, HM(12, 0), LF_TOU_FLAT);
    expect_period(t, 7, W, HM(23, 59), LF_TOU_VALLEY);
    /* outside a day or a year: no window matches */
    expect_period(t, 6, W, -1, LF_TOU_FLAT);
    expect_period(t, 6, W, 1440, LF_TOU_FLAT);
    expect_period(t, 13, W, HM(9, 0), LF_TOU_PEAK); /* only the all-months schedule */
    /* a tariff that is not TOU is flat all day */
    expect_period(&set->tariffs[4], 7, W, HM(11, 30), LF_TOU_FLAT);
    expect_period(&set->tariffs[5], 7, W, HM(9, 0), LF_TOU_FLAT);
    cr_assert_eq(lf_tariff_period(NULL, 7, W, HM(9, 0)), LF_TOU_FLAT);
    lf_tariff_set_free(set);
}

/* The first schedule matching month and day kind decides the whole day. */
Test(tariff_period, month_and_day_kind_select_the_schedule)
{
    lf_tariff_set *set = load_file(EXAMPLE);
    const lf_tariff *t = &set->tariffs[3]; /* holidays of 1, 2, 5, 10 first */
    expect_period(t, 5, LF_TOU_HOLIDAY, HM(12, 0), LF_TOU_DEEP_VALLEY);
    expect_period(t, 5, LF_TOU_HOLIDAY, HM(9, 0), LF_TOU_FLAT); /* not the later peak */
    expect_period(t, 5, LF_TOU_HOLIDAY, HM(23, 0), LF_TOU_VALLEY);
    expect_period(t, 5, LF_TOU_WORKDAY, HM(12, 0), LF_TOU_FLAT);
    expect_period(t, 5, LF_TOU_WORKDAY, HM(9, 0), LF_TOU_PEAK);
    expect_period(t, 5, LF_TOU_WEEKEND, HM(12, 0), LF_TOU_FLAT);
    expect_period(t, 10, LF_TOU_HOLIDAY, HM(13, 59), LF_TOU_DEEP_VALLEY);
    expect_period(t, 10, LF_TOU_HOLIDAY, HM(14, 0), LF_TOU_FLAT);
    expect_period(t, 6, LF_TOU_HOLIDAY, HM(12, 0), LF_TOU_FLAT);
    expect_period(t, 6, LF_TOU_HOLIDAY, HM(9, 0), LF_TOU_PEAK);
    expect_period(t, 7, LF_TOU_HOLIDAY, HM(11, 30), LF_TOU_CRITICAL);

    lf_tariff_set_free(set);
    set = load_file(FIX "full.yaml");
    t = &set->tariffs[0];
    expect_period(t, 12, LF_TOU_WEEKEND, HM(9, 30), LF_TOU_FLAT); /* windows: [] */
    expect_period(t, 12, LF_TOU_WORKDAY, HM(9, 30), LF_TOU_PEAK);
    expect_period(t, 12, LF_TOU_WORKDAY, HM(21, 0), LF_TOU_VALLEY); /* 21:00-00:00 */
    expect_period(t, 12, LF_TOU_WORKDAY, HM(23, 59), LF_TOU_VALLEY);
    expect_period(t, 12, LF_TOU_WORKDAY, HM(0, 0), LF_TOU_FLAT);
    expect_period(t, 6, LF_TOU_HOLIDAY, HM(12, 14), LF_TOU_CRITICAL);
    expect_period(t, 6, LF_TOU_HOLIDAY, HM(12, 15), LF_TOU_FLAT);
    expect_period(t, 6, LF_TOU_WORKDAY, HM(23, 59), LF_TOU_PEAK); /* to 24:00 */
    expect_period(t, 6, LF_TOU_WORKDAY, HM(18, 29), LF_TOU_FLAT);
    expect_period(t, 6, LF_TOU_WORKDAY, HM(0, 0), LF_TOU_DEEP_VALLEY);
    expect_period(t, 6, LF_TOU_WEEKEND, HM(9, 0), LF_TOU_PEAK); /* weekends: schedule 2 */
    expect_period(t, 6, LF_TOU_WEEKEND, HM(0, 0), LF_TOU_FLAT);
    lf_tariff_set_free(set);
}

Test(tariff_period, names)
{
    const char *names[] = {"critical", "peak", "flat", "valley", "deep_valley"};
    for (int p = 0; p < LF_TOU_PERIODS; p++) {
        cr_assert_str_eq(lf_tou_period_name((lf_tou_period)p), names[p]);
        cr_assert_eq(lf_tou_period_parse(names[p]), p);
    }
    cr_assert_str_eq(lf_tou_period_name((lf_tou_period)5), "unknown");
    cr_assert_str_eq(lf_tou_period_name((lf_tou_period)-1), "unknown");
    cr_assert_eq(lf_tou_period_parse("Valley"), LF_TOU_VALLEY);
    cr_assert_eq(lf_tou_period_parse("valey"), -1);
    cr_assert_eq(lf_tou_period_parse(""), -1);
    cr_assert_eq(lf_tou_period_parse(NULL), -1);
}

/* ---- who may choose a tariff ---------------------------------------------------------- */

static lf_tariff_account account(const char *cls, double kv, double kva)
{
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    snprintf(a.customer_class, sizeof a.customer_class, "%s", cls);
    a.voltage_kv = kv;
    a.capacity_kva = kva;
    return a;
}

Test(tariff_eligible, voltage_capacity_and_class)
{
    lf_tariff_set *set = load_file(EXAMPLE);
    const lf_tariff *li10 = &set->tariffs[0], *li110 = &set->tariffs[2],
                    *gic = &set->tariffs[3], *com = &set->tariffs[4], *res = &set->tariffs[5];
    lf_tariff_account a = account("large_industry", 10, 315); /* both bounds inclusive */
    cr_assert(lf_tariff_eligible(li10, &a));
    cr_assert_not(lf_tariff_eligible(li110, &a));
    cr_assert_not(lf_tariff_eligible(gic, &a)); /* class */
    a.capacity_kva = 314;
    cr_assert_not(lf_tariff_eligible(li10, &a));
    a = account("large_industry", 0.4, 1000);
    cr_assert_not(lf_tariff_eligible(li10, &a)); /* below 1 kV */
    a = account("large_industry", 110, 40000);
    cr_assert(lf_tariff_eligible(li110, &a));
    a.voltage_kv = 220;
    cr_assert_not(lf_tariff_eligible(li110, &a));
    a = account("general_commercial", 0.4, 100);
    cr_assert(lf_tariff_eligible(com, &a));
    cr_assert_not(lf_tariff_eligible(gic, &a)); /* 1-10 kV only */
    cr_assert_not(lf_tariff_eligible(res, &a));
    a.capacity_kva = 160;
    cr_assert_not(lf_tariff_eligible(com, &a));
    a = account("general_commercial", 10, 630);
    cr_assert(lf_tariff_eligible(gic, &a));
    a = account("residential", 0.22, 8);
    cr_assert(lf_tariff_eligible(res, &a));
    cr_assert_not(lf_tariff_eligible(com, &a));
    a = account("Residential", 0.22, 8); /* class ids are exact */
    cr_assert_not(lf_tariff_eligible(res, &a));

    lf_tariff open; /* no bounds: anyone */
    lf_tariff_init(&open);
    a = account("", 0, 0);
    cr_assert(lf_tariff_eligible(&open, &a));
    cr_assert_not(lf_tariff_eligible(NULL, &a));
    cr_assert_not(lf_tariff_eligible(&open, NULL));
    lf_tariff_set_free(set);
}

Test(tariff_eligible, account_init)
{
    lf_tariff_account a;
    memset(&a, 0x5a, sizeof a);
    lf_tariff_account_init(&a);
    cr_assert_str_eq(a.customer_class, "");
    cr_assert_eq(a.voltage_kv, 0);
    cr_assert_eq(a.capacity_kva, 0);
    cr_assert_eq(a.basic, LF_BASIC_BY_CAPACITY);
    cr_assert_eq(a.declared_kw, 0);
    cr_assert_null(a.declared_kw_by_month);
    cr_assert_eq(a.power_factor, 0);
    cr_assert_null(a.power_factor_by_month);
    lf_tariff_account_init(NULL);
}

/* ---- lf_tariff_init and lf_tariff_check ------------------------------------------------- */

Test(tariff_check, init_defaults)
{
    lf_tariff t;
    memset(&t, 0x5a, sizeof t);
    lf_tariff_init(&t);
    cr_assert_str_eq(t.id, "");
    cr_assert_str_eq(t.name, "");
    cr_assert_eq(t.effective_from, INT32_MIN);
    cr_assert_eq(t.effective_to, INT32_MAX);
    cr_assert_eq(t.energy, LF_ENERGY_SINGLE);
    cr_assert_eq(t.rate, 0);
    for (int p = 0; p < LF_TOU_PERIODS; p++)
        cr_assert(isnan(t.tou_rate[p]));
    cr_assert_eq(t.nblocks + t.nschedules + t.npf + t.nsurcharges + t.nclasses, 0);
    cr_assert_eq(t.min_kv + t.max_kv + t.min_kva + t.max_kva, 0);
    cr_assert_eq(t.capacity_rate + t.demand_rate + t.pf_standard, 0);
    cr_assert_eq(t.demand_floor_share, 0.4);
    cr_assert_eq(t.demand_penalty_share, 1.05);
    cr_assert_eq(t.demand_penalty_factor, 2);
    cr_assert_eq(t.line, 0);
    lf_error err;
    cr_assert_eq(lf_tariff_check(&t, &err), LF_ERR_ARG); /* no id yet */
    cr_assert_str_eq(err.message, "tariff: the id is empty; give each tariff an id");
    strcpy(t.id, "free");
    cr_assert_eq(lf_tariff_check(&t, &err), LF_OK, "%s", err.message);
    lf_tariff_init(NULL);
    cr_assert_eq(lf_tariff_check(NULL, &err), LF_ERR_ARG);
}

static void window(lf_tou_schedule *s, int from, int to, lf_tou_period p)
{
    s->windows[s->nwindows++] = (lf_tou_window){from, to, p};
}

/* Two-part TOU, 2024-2025, with a pf table and a surcharge; every check
 * below breaks one rule of it. */
static lf_tariff valid(void)
{
    lf_tariff t;
    lf_tariff_init(&t);
    strcpy(t.id, "x");
    t.effective_from = D(2024, 1, 1);
    t.effective_to = D(2025, 12, 31);
    t.min_kv = 1;
    t.max_kv = 10;
    t.nclasses = 1;
    strcpy(t.classes[0], "large_industry");
    t.energy = LF_ENERGY_TOU;
    t.tou_rate[LF_TOU_PEAK] = 1.0;
    t.tou_rate[LF_TOU_FLAT] = 0.6;
    t.tou_rate[LF_TOU_VALLEY] = 0.3;
    t.nschedules = 1;
    window(&t.schedules[0], HM(8, 0), HM(11, 0), LF_TOU_PEAK);
    window(&t.schedules[0], HM(22, 0), HM(6, 0), LF_TOU_VALLEY);
    t.capacity_rate = 30;
    t.demand_rate = 40;
    t.pf_standard = 0.9;
    t.npf = 2;
    t.pf_table[0] = (lf_pf_entry){0.7, 10};
    t.pf_table[1] = (lf_pf_entry){0.9, 0};
    t.nsurcharges = 1;
    strcpy(t.surcharges[0].name, "fund");
    t.surcharges[0].rate = 0.02;
    lf_error err;
    cr_assert_eq(lf_tariff_check(&t, &err), LF_OK, "%s", err.message);
    return t;
}

static void expect_check(const lf_tariff *t, const char *message)
{
    lf_error err;
    lf_error_clear(&err);
    int rc = lf_tariff_check(t, &err);
    cr_assert_eq(rc, LF_ERR_ARG, "status %d: %s", rc, err.message);
    cr_assert_str_eq(err.message, message);
}

Test(tariff_check, texts_dates_and_bounds)
{
    lf_tariff t = valid();
    memset(t.id, 'x', sizeof t.id);
    expect_check(&t, "tariff: the id is longer than 31 bytes");
    t = valid();
    strcpy(t.id, "a b");
    expect_check(&t, "tariff 'a b': the id has ' '; use only letters, digits, '_', '.' and "
                     "'-'");
    t = valid();
    memset(t.name, 'n', sizeof t.name);
    expect_check(&t, "tariff 'x': the name is longer than 127 bytes");
    t = valid();
    t.nclasses = 9;
    expect_check(&t, "tariff 'x': 9 customer classes; at most 8");
    t = valid();
    t.nclasses = 2;
    expect_check(&t, "tariff 'x': customer class 1 is empty");
    t = valid();
    t.effective_from = D(2024, 1, 2);
    expect_check(&t, "tariff 'x': effective_from 2024-01-02 is not the first day of a month; "
                     "tariffs change on the 1st");
    t = valid();
    t.effective_to = D(2024, 2, 28); /* 2024 is a leap year */
    expect_check(&t, "tariff 'x': effective_to 2024-02-28 is not the last day of a month; "
                     "tariffs change on the 1st");
    t = valid();
    t.effective_to = D(2024, 2, 29);
    cr_assert_eq(lf_tariff_check(&t, NULL), LF_OK);
    t.effective_from = D(2024, 3, 1);
    expect_check(&t, "tariff 'x': effective_from 2024-03-01 is after effective_to "
                     "2024-02-29");
    t = valid();
    t.min_kv = 35;
    expect_check(&t, "tariff 'x': min_kv 35 is above max_kv 10");
    t = valid();
    t.max_kva = -1;
    expect_check(&t, "tariff 'x': min_kva 0 and max_kva -1 must be finite numbers >= 0 (0: "
                     "no bound)");
    t = valid();
    t.max_kv = 0; /* no upper bound */
    cr_assert_eq(lf_tariff_check(&t, NULL), LF_OK);
}

Test(tariff_check, energy_rules)
{
    lf_tariff t = valid();
    t.energy = (lf_energy_kind)3;
    expect_check(&t, "tariff 'x': energy kind 3; expected 0..2 (single, blocks, tou)");
    t = valid();
    t.energy = LF_ENERGY_SINGLE;
    t.rate = NAN;
    expect_check(&t, "tariff 'x': rate nan must be a finite number >= 0");
    t.rate = 0.5;
    cr_assert_eq(lf_tariff_check(&t, NULL), LF_OK); /* TOU fields are not looked at */

    t = valid();
    t.energy = LF_ENERGY_BLOCKS;
    expect_check(&t, "tariff 'x': 0 blocks; give 1..8");
    t.nblocks = 3;
    t.block_upto_kwh[0] = 200;
    t.block_upto_kwh[1] = 200;
    t.block_upto_kwh[2] = -5; /* the last one is ignored */
    t.block_rate[0] = 0.5;
    t.block_rate[1] = 0.6;
    t.block_rate[2] = 0.8;
    expect_check(&t, "tariff 'x': block 1 ends at 200 kWh, not above block 0's 200 kWh; "
                     "blocks must be increasing");
    t.block_upto_kwh[1] = 400;
    cr_assert_eq(lf_tariff_check(&t, NULL), LF_OK);
    t.block_rate[2] = 0.55;
    expect_check(&t, "tariff 'x': block 2 rate 0.55 is below block 1's 0.6; inclining blocks "
                     "do not fall");
    t.block_rate[2] = 0.8;
    t.block_upto_kwh[0] = 0;
    expect_check(&t, "tariff 'x': block 0 upto_kwh 0 must be a finite number above 0");
    t.block_upto_kwh[0] = 200;
    t.block_rate[0] = -0.5;
    expect_check(&t, "tariff 'x': block 0 rate -0.5 must be a finite number >= 0");
}

Test(tariff_check, tou_rules)
{
    lf_tariff t = valid();
    t.nschedules = 0;
    expect_check(&t, "tariff 'x': 0 TOU schedules; give 1..8");
    t = valid();
    window(&t.schedules[0], HM(5, 0), HM(8, 0), LF_TOU_PEAK);
    expect_check(&t, "tariff 'x': schedule 0 window 2 (05:00-08:00) overlaps window 1 "
                     "(22:00-06:00) at 05:00; the windows of a schedule must not overlap");
    t = valid();
    window(&t.schedules[0], HM(23, 0), HM(1, 0), LF_TOU_PEAK); /* both cross midnight */
    expect_check(&t, "tariff 'x': schedule 0 window 2 (23:00-01:00) overlaps window 1 "
                     "(22:00-06:00) at 00:00; the windows of a schedule must not overlap");
    t = valid();
    window(&t.schedules[0], HM(6, 0), HM(8, 0), LF_TOU_PEAK); /* touching is fine */
    window(&t.schedules[0], HM(21, 0), HM(22, 0), LF_TOU_PEAK);
    cr_assert_eq(lf_tariff_check(&t, NULL), LF_OK);
    t = valid();
    window(&t.schedules[0], 1440, HM(1, 0), LF_TOU_PEAK);
    expect_check(&t, "tariff 'x': schedule 0 window 2 runs from minute 1440 to 60; the start "
                     "must be 0..1439, the end 0..1440 and not the start (an end at or before "
                     "the start crosses midnight)");
    t = valid();
    t.schedules[0].windows[0].end_minute = HM(8, 0);
    expect_check(&t, "tariff 'x': schedule 0 window 0 runs from minute 480 to 480; the start "
                     "must be 0..1439, the end 0..1440 and not the start (an end at or before "
                     "the start crosses midnight)");
    t = valid();
    t.schedules[0].windows[0].end_minute = 1441;
    expect_check(&t, "tariff 'x': schedule 0 window 0 runs from minute 480 to 1441; the start "
                     "must be 0..1439, the end 0..1440 and not the start (an end at or before "
                     "the start crosses midnight)");
    t = valid();
    t.schedules[0].windows[0].start_minute = 0;
    t.schedules[0].windows[0].end_minute = 1440; /* the whole day */
    t.schedules[0].nwindows = 1;
    cr_assert_eq(lf_tariff_check(&t, NULL), LF_OK);
    t = valid();
    t.schedules[0].windows[1].period = (lf_tou_period)5;
    expect_check(&t, "tariff 'x': schedule 0 window 1 has period 5; expected 0..4 (critical, "
                     "peak, flat, valley, deep_valley)");
    t = valid();
    t.schedules[0].months = 1u << 12;
    expect_check(&t, "tariff 'x': schedule 0 months 0x1000 sets bits above 11 (December); use "
                     "bit m - 1 for month m, or 0 for every month");
    t = valid();
    t.schedules[0].day_kinds = 8;
    expect_check(&t, "tariff 'x': schedule 0 day kinds 0x8 sets bits other than workday (1), "
                     "weekend (2) and holiday (4); 0 is every day");
    t = valid();
    t.schedules[0].nwindows = LF_TOU_WINDOWS_MAX + 1;
    expect_check(&t, "tariff 'x': schedule 0 has 17 windows; at most 16");
}

Test(tariff_check, tou_rates)
{
    lf_tariff t = valid();
    t.tou_rate[LF_TOU_FLAT] = NAN; /* every minute covered, but flat is still needed */
    t.schedules[0].nwindows = 1;
    t.schedules[0].windows[0] = (lf_tou_window){0, 1440, LF_TOU_PEAK};
    expect_check(&t, "tariff 'x': the flat period has no rate; minutes no window covers are "
                     "flat");
    t = valid();
    t.tou_rate[LF_TOU_VALLEY] = NAN;
    expect_check(&t, "tariff 'x': the valley period has no rate, but a window uses it");
    t = valid();
    t.tou_rate[LF_TOU_DEEP_VALLEY] = -0.1; /* unused, but given: still a rate */
    expect_check(&t, "tariff 'x': the deep_valley rate -0.1 must be a finite number >= 0");
    t = valid();
    t.tou_rate[LF_TOU_PEAK] = INFINITY;
    expect_check(&t, "tariff 'x': the peak rate inf must be a finite number >= 0");
    t = valid();
    t.nschedules = 2; /* a used period of a later schedule needs its rate too */
    window(&t.schedules[1], HM(11, 0), HM(12, 0), LF_TOU_CRITICAL);
    expect_check(&t, "tariff 'x': the critical period has no rate, but a window uses it");
    t.tou_rate[LF_TOU_CRITICAL] = 1.5;
    cr_assert_eq(lf_tariff_check(&t, NULL), LF_OK);
}

Test(tariff_check, basic_power_factor_and_surcharges)
{
    lf_tariff t = valid();
    t.capacity_rate = -1;
    expect_check(&t, "tariff 'x': capacity_rate -1 must be a finite number >= 0");
    t = valid();
    t.demand_rate = NAN;
    expect_check(&t, "tariff 'x': demand_rate nan must be a finite number >= 0");
    t = valid();
    t.demand_floor_share = 1.2;
    expect_check(&t, "tariff 'x': demand_floor_share 1.2 must be from 0 to 1");
    t = valid();
    t.demand_penalty_share = 0.95;
    expect_check(&t, "tariff 'x': demand_penalty_share 0.95 must be a finite number >= 1");
    t = valid();
    t.demand_penalty_factor = 0.5;
    expect_check(&t, "tariff 'x': demand_penalty_factor 0.5 must be a finite number >= 1");
    t = valid();
    t.npf = 0;
    expect_check(&t, "tariff 'x': pf_standard 0.9 has no power-factor table");
    t.pf_standard = 0; /* no adjustment */
    cr_assert_eq(lf_tariff_check(&t, NULL), LF_OK);
    t = valid();
    t.pf_standard = 0; /* also with a table, which is then not used */
    cr_assert_eq(lf_tariff_check(&t, NULL), LF_OK);
    t.pf_table[1].pf = 0.6; /* but it is still checked */
    expect_check(&t, "tariff 'x': power-factor row 1 has pf 0.6, not above row 0's 0.7; the "
                     "table must be increasing in pf");
    t = valid();
    t.pf_standard = 1.1;
    expect_check(&t, "tariff 'x': pf_standard 1.1 must be above 0 and at most 1 (0: no "
                     "adjustment)");
    t.pf_standard = -0.9;
    expect_check(&t, "tariff 'x': pf_standard -0.9 must be above 0 and at most 1 (0: no "
                     "adjustment)");
    t = valid();
    t.pf_table[1].pf = 0.7;
    expect_check(&t, "tariff 'x': power-factor row 1 has pf 0.7, not above row 0's 0.7; the "
                     "table must be increasing in pf");
    t = valid();
    t.pf_table[1].pf = 1.01;
    expect_check(&t, "tariff 'x': power-factor row 1 has pf 1.01; it must be above 0 and at "
                     "most 1");
    t = valid();
    t.pf_table[0].percent = NAN;
    expect_check(&t, "tariff 'x': power-factor row 0 has percent nan; it must be finite");
    t = valid();
    t.npf = LF_PF_ENTRIES_MAX + 1;
    expect_check(&t, "tariff 'x': 65 power-factor rows; at most 64");
    t = valid();
    t.surcharges[0].rate = -0.01;
    expect_check(&t, "tariff 'x': surcharge 'fund' rate -0.01 must be a finite number >= 0");
    t = valid();
    t.nsurcharges = 2;
    expect_check(&t, "tariff 'x': surcharge 1 has no name");
    t = valid();
    memset(t.surcharges[0].name, 's', sizeof t.surcharges[0].name);
    expect_check(&t, "tariff 'x': the name of surcharge 0 is longer than 127 bytes");
    t = valid();
    t.nsurcharges = 9;
    expect_check(&t, "tariff 'x': 9 surcharges; at most 8");
}

/* A tariff from a file names its line (the loader puts the file before it). */
Test(tariff_check, names_the_line)
{
    lf_tariff t = valid();
    t.line = 12;
    t.rate = -1; /* not looked at: the tariff is TOU */
    cr_assert_eq(lf_tariff_check(&t, NULL), LF_OK);
    t.tou_rate[LF_TOU_PEAK] = -1;
    expect_check(&t, "tariff 'x' (line 12): the peak rate -1 must be a finite number >= 0");
}

/* ---- mistakes in a file -------------------------------------------------------------- */

Test(tariff_load, unknown_key)
{
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "    surcharge: [{name: x, rate: 0.01}]\n",
                 "tariffs.yaml:4:5: unknown key 'surcharge' in 'tariffs[0]' (did you mean "
                 "'surcharges'?)");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy: {kind: single, rat: 0.5}\n",
                 "tariffs.yaml:3:28: unknown key 'rat' in 'tariffs[0].energy' (did you mean "
                 "'rate'?)");
    expect_error("tarifs:\n"
                 "  - id: t\n",
                 "tariffs.yaml:1:1: unknown key 'tarifs' at the top level (did you mean "
                 "'tariffs'?)");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy:\n"
                 "      kind: tou\n"
                 "      rates: {flat: 0.6, valey: 0.3}\n"
                 "      schedules: [{windows: []}]\n",
                 "tariffs.yaml:5:26: unknown key 'valey' in 'tariffs[0].energy.rates' (did you "
                 "mean 'valley'?)");
    /* a key of another kind is not a typo */
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy: {kind: single, rates: {flat: 0.6}}\n",
                 "tariffs.yaml:3:28: key 'rates' in 'tariffs[0].energy' is not used by kind "
                 "single, which takes 'rate'");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy: {kind: blocks, rate: 0.5}\n",
                 "tariffs.yaml:3:28: key 'rate' in 'tariffs[0].energy' is not used by kind "
                 "blocks, which takes 'blocks'");
}

Test(tariff_load, negative_rate)
{
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy: {kind: single, rate: -0.5}\n",
                 "tariffs.yaml:3:34: 'rate' in 'tariffs[0].energy' must be a number >= 0, got "
                 "-0.5");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy:\n"
                 "      kind: tou\n"
                 "      rates: {peak: -1, flat: 0.6}\n"
                 "      schedules: [{windows: []}]\n",
                 "tariffs.yaml:5:21: 'peak' in 'tariffs[0].energy.rates' must be a number >= "
                 "0, got -1");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "    surcharges:\n"
                 "      - {name: fund, rate: -0.002}\n",
                 "tariffs.yaml:5:28: 'rate' in 'tariffs[0].surcharges[0]' must be a number >= "
                 "0, got -0.002");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "    basic: {capacity_rate: 30, demand_penalty_share: 0.9}\n",
                 "tariffs.yaml:4:54: 'demand_penalty_share' in 'tariffs[0].basic' must be a "
                 "number >= 1, got 0.9");
}

/* A TOU tariff with schedules[0].windows given by the caller (10 spaces in). */
static void expect_windows_error(const char *windows, const char *message)
{
    char text[1024];
    snprintf(text, sizeof text,
             "tariffs:\n"
             "  - id: t\n"
             "    energy:\n"
             "      kind: tou\n"
             "      rates: {peak: 1, flat: 0.6, valley: 0.3}\n"
             "      schedules:\n"
             "        - windows:\n"
             "%s",
             windows);
    expect_error(text, message);
}

Test(tariff_load, overlapping_windows)
{
    expect_windows_error("            - {from: \"22:00\", to: \"06:00\", period: valley}\n"
                         "            - {from: \"08:00\", to: \"11:00\", period: peak}\n"
                         "            - {from: \"05:00\", to: \"08:00\", period: peak}\n",
                         "tariffs.yaml:10:15: 'tariffs[0].energy.schedules[0].windows[2]' "
                         "overlaps windows[0] (22:00-06:00) at 05:00; the windows of a "
                         "schedule must not overlap");
    expect_windows_error("            - {from: \"22:00\", to: \"06:00\", period: valley}\n"
                         "            - {from: \"23:30\", to: \"24:00\", period: peak}\n",
                         "tariffs.yaml:9:15: 'tariffs[0].energy.schedules[0].windows[1]' "
                         "overlaps windows[0] (22:00-06:00) at 23:30; the windows of a "
                         "schedule must not overlap");
    /* touching windows and a window to 00:00 are fine */
    static const char *fine =
        "tariffs:\n"
        "  - id: t\n"
        "    energy:\n"
        "      kind: tou\n"
        "      rates: {peak: 1, flat: 0.6, valley: 0.3}\n"
        "      schedules:\n"
        "        - windows:\n"
        "            - {from: \"06:00\", to: \"08:00\", period: peak}\n"
        "            - {from: \"22:00\", to: \"00:00\", period: valley}\n"
        "            - {from: \"00:00\", to: \"06:00\", period: valley}\n"
        "            - {from: \"08:00\", to: \"22:00\", period: flat}\n";
    lf_tariff_set *set = load_text(fine);
    expect_window(&set->tariffs[0].schedules[0].windows[1], HM(22, 0), 0, LF_TOU_VALLEY);
    lf_tariff_set_free(set);
}

Test(tariff_load, bad_times)
{
    expect_windows_error("            - {from: \"25:00\", to: \"06:00\", period: valley}\n",
                         "tariffs.yaml:8:22: 'from' in "
                         "'tariffs[0].energy.schedules[0].windows[0]' must be a time of day "
                         "HH:MM from 00:00 to 23:59, got '25:00'");
    expect_windows_error("            - {from: \"24:00\", to: \"06:00\", period: valley}\n",
                         "tariffs.yaml:8:22: 'from' in "
                         "'tariffs[0].energy.schedules[0].windows[0]' must be a time of day "
                         "HH:MM from 00:00 to 23:59, got '24:00'");
    expect_windows_error("            - {from: \"22:00\", to: \"24:01\", period: valley}\n",
                         "tariffs.yaml:8:35: 'to' in "
                         "'tariffs[0].energy.schedules[0].windows[0]' must be a time of day "
                         "HH:MM from 00:00 to 24:00, got '24:01'");
    expect_windows_error("            - {from: 8, to: \"09:60\", period: peak}\n",
                         "tariffs.yaml:8:22: 'from' in "
                         "'tariffs[0].energy.schedules[0].windows[0]' must be a time of day "
                         "HH:MM from 00:00 to 23:59, got '8'");
    expect_windows_error("            - {from: \"08:00\", to: \"09:60\", period: peak}\n",
                         "tariffs.yaml:8:35: 'to' in "
                         "'tariffs[0].energy.schedules[0].windows[0]' must be a time of day "
                         "HH:MM from 00:00 to 24:00, got '09:60'");
    expect_windows_error("            - {from: \"08:00\", to: \"08:00\", period: peak}\n",
                         "tariffs.yaml:8:35: 'to' in "
                         "'tariffs[0].energy.schedules[0].windows[0]' is the same time as "
                         "'from'; a window needs a length (a whole day is 00:00 to 24:00)");
    expect_windows_error("            - {from: \"08:00\", period: peak}\n",
                         "tariffs.yaml:8:15: missing required key 'to' in "
                         "'tariffs[0].energy.schedules[0].windows[0]'");
}

Test(tariff_load, unknown_period)
{
    expect_windows_error("            - {from: \"22:00\", to: \"06:00\", period: vally}\n",
                         "tariffs.yaml:8:52: 'period' in "
                         "'tariffs[0].energy.schedules[0].windows[0]' must be one of critical, "
                         "peak, flat, valley, deep_valley, got 'vally' (did you mean "
                         "'valley'?)");
    expect_windows_error("            - {from: \"11:00\", to: \"12:00\", period: critical}\n",
                         "tariffs.yaml:8:52: 'period' in "
                         "'tariffs[0].energy.schedules[0].windows[0]' is critical, but 'rates' "
                         "gives no critical rate");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy:\n"
                 "      kind: tou\n"
                 "      rates: {peak: 1, valley: 0.3}\n"
                 "      schedules: [{windows: []}]\n",
                 "tariffs.yaml:5:14: missing required key 'flat' in 'tariffs[0].energy.rates'; "
                 "minutes no window covers are charged the flat rate");
}

Test(tariff_load, months_and_days)
{
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy:\n"
                 "      kind: tou\n"
                 "      rates: {flat: 0.6}\n"
                 "      schedules: [{months: [6, 13], windows: []}]\n",
                 "tariffs.yaml:6:32: 'tariffs[0].energy.schedules[0].months[1]' must be an "
                 "integer from 1 to 12, got 13");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy:\n"
                 "      kind: tou\n"
                 "      rates: {flat: 0.6}\n"
                 "      schedules: [{months: [], windows: []}]\n",
                 "tariffs.yaml:6:28: 'months' is empty; list months 1..12, or leave it out for "
                 "every month");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy:\n"
                 "      kind: tou\n"
                 "      rates: {flat: 0.6}\n"
                 "      schedules: [{days: [workday, holidays], windows: []}]\n",
                 "tariffs.yaml:6:36: 'tariffs[0].energy.schedules[0].days[1]' must be one of "
                 "workday, weekend, holiday, got 'holidays' (did you mean 'holiday'?)");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy:\n"
                 "      kind: tou\n"
                 "      rates: {flat: 0.6}\n"
                 "      schedules: [{days: [weekend]}]\n",
                 "tariffs.yaml:6:19: missing required key 'windows' in "
                 "'tariffs[0].energy.schedules[0]'");
    expect_error("tariffs:\n"
                 "  - id: t\n"
                 "    energy:\n"
                 "      kind: tou\n"
                 "      rates: {flat: 0.6}\n"
                 "      schedules: []\n",
                 "tariffs.yaml:6:18: 'schedules' in 'tariffs[0].energy' has 0 schedules; give "
                 "1 to 8");
}

static void expect_blocks_error(const char *blocks, const char *message)
{
    char text[1024];
    snprintf(text, sizeof text,
             "tariffs:\n"
             "  - id: r\n"
             "    energy:\n"
             "      kind: blocks\n"
             "      blocks:\n"
             "%s",
             blocks);
    expect_error(text, message);
}

Test(tariff_load, blocks_not_increasing)
{
    expect_blocks_error("        - {upto_kwh: 200, rate: 0.5}\n"
                        "        - {upto_kwh: 150, rate: 0.6}\n"
                        "        - {rate: 0.8}\n",
                        "tariffs.yaml:7:22: 'upto_kwh' in 'tariffs[0].energy.blocks[1]' is "
                        "150, not above the 200 kWh of 'tariffs[0].energy.blocks[0]'; blocks "
                        "must be increasing");
    expect_blocks_error("        - {upto_kwh: 200, rate: 0.5}\n"
                        "        - {upto_kwh: 400, rate: 0.45}\n"
                        "        - {rate: 0.8}\n",
                        "tariffs.yaml:7:33: 'rate' in 'tariffs[0].energy.blocks[1]' is 0.45, "
                        "below the 0.5 of 'tariffs[0].energy.blocks[0]'; the rates of "
                        "inclining blocks do not fall");
    expect_blocks_error("        - {upto_kwh: 200, rate: 0.5}\n"
                        "        - {upto_kwh: 400, rate: 0.8}\n",
                        "tariffs.yaml:7:12: 'upto_kwh' in 'tariffs[0].energy.blocks[1]': the "
                        "last block has no end; remove it");
    expect_blocks_error("        - {rate: 0.5}\n"
                        "        - {rate: 0.8}\n",
                        "tariffs.yaml:6:11: missing required key 'upto_kwh' in "
                        "'tariffs[0].energy.blocks[0]'");
    expect_blocks_error("        - {upto_kwh: 0, rate: 0.5}\n"
                        "        - {rate: 0.8}\n",
                        "tariffs.yaml:6:22: 'upto_kwh' in 'tariffs[0].energy.blocks[0]' must "
                        "be a number above 0, got 0");
    expect_blocks_error("        []\n",
                        "tariffs.yaml:6:9: 'blocks' in 'tariffs[0].energy' has 0 blocks; give "
                        "1 to 8");
}

Test(tariff_load, duplicate_id_with_overlapping_dates)
{
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    effective: {from: 2024-01-01, to: 2025-12-31}\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "  - id: b\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "  - id: a\n"
                 "    effective: {from: 2025-06-01}\n"
                 "    energy: {kind: single, rate: 0.6}\n",
                 "tariffs.yaml:7:9: tariff 'a' in force 2025-06-01 on overlaps its version at "
                 "line 2 in force 2024-01-01 to 2025-12-31; versions of a tariff must not "
                 "overlap in time");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "  - id: a\n"
                 "    energy: {kind: single, rate: 0.6}\n",
                 "tariffs.yaml:4:9: tariff 'a' in force always overlaps its version at line 2 "
                 "in force always; versions of a tariff must not overlap in time");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    effective: {to: 2024-01-31}\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "  - id: a\n"
                 "    effective: {from: 2024-01-01, to: 2024-01-31}\n"
                 "    energy: {kind: single, rate: 0.6}\n",
                 "tariffs.yaml:5:9: tariff 'a' in force 2024-01-01 to 2024-01-31 overlaps its "
                 "version at line 2 in force until 2024-01-31; versions of a tariff must not "
                 "overlap in time");
    /* back to back, in either order: versions */
    lf_tariff_set *set = load_text("tariffs:\n"
                                   "  - id: a\n"
                                   "    effective: {from: 2024-02-01}\n"
                                   "    energy: {kind: single, rate: 0.6}\n"
                                   "  - id: a\n"
                                   "    effective: {to: 2024-01-31}\n"
                                   "    energy: {kind: single, rate: 0.5}\n");
    const lf_tariff *jan = lf_tariff_set_find(set, "a", D(2024, 1, 31));
    const lf_tariff *feb = lf_tariff_set_find(set, "a", D(2024, 2, 1));
    cr_assert(jan && feb);
    cr_assert_eq(jan->rate, 0.5);
    cr_assert_eq(feb->rate, 0.6);
    lf_tariff_set_free(set);
}

Test(tariff_load, missing_energy)
{
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    name: x\n",
                 "tariffs.yaml:2:5: missing required key 'energy' in 'tariffs[0]'");
    expect_error("tariffs:\n"
                 "  - name: x\n"
                 "    energy: {kind: single, rate: 0.5}\n",
                 "tariffs.yaml:2:5: missing required key 'id' in 'tariffs[0]'");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    energy: {kind: single}\n",
                 "tariffs.yaml:3:13: missing required key 'rate' in 'tariffs[0].energy'");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    energy: {kind: flat, rate: 0.5}\n",
                 "tariffs.yaml:3:20: 'kind' in 'tariffs[0].energy' must be one of single, "
                 "blocks, tou, got 'flat'");
}

Test(tariff_load, effective_dates)
{
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    effective: {from: 2024-01-15}\n"
                 "    energy: {kind: single, rate: 0.5}\n",
                 "tariffs.yaml:3:23: 'from' in 'tariffs[0].effective' is 2024-01-15, not the "
                 "first day of a month; tariffs change on the 1st");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    effective: {from: 2024-01-01, to: 2024-02-28}\n"
                 "    energy: {kind: single, rate: 0.5}\n",
                 "tariffs.yaml:3:39: 'to' in 'tariffs[0].effective' is 2024-02-28, not the "
                 "last day of a month; tariffs change on the 1st, so a version ends on the day "
                 "before");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    effective: {from: 2024-03-01, to: 2024-02-29}\n"
                 "    energy: {kind: single, rate: 0.5}\n",
                 "tariffs.yaml:3:39: 'to' in 'tariffs[0].effective' is 2024-02-29, before "
                 "'from' 2024-03-01");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    effective: {from: 2024-02-30}\n"
                 "    energy: {kind: single, rate: 0.5}\n",
                 "tariffs.yaml:3:23: 'from' in 'tariffs[0].effective': invalid date "
                 "'2024-02-30': day 30 does not exist in 2024-02");
}

Test(tariff_load, texts_too_long_or_bad)
{
    char name[200] = "";
    for (int i = 0; i < 42; i++)
        strcat(name, "电"); /* 3 bytes each: 126 */
    char text[512];
    snprintf(text, sizeof text,
             "tariffs:\n"
             "  - id: a\n"
             "    name: %sx\n" /* 127 bytes: fits */
             "    energy: {kind: single, rate: 0.5}\n",
             name);
    lf_tariff_set *set = load_text(text);
    cr_assert_eq(strlen(set->tariffs[0].name), 127);
    cr_assert_eq(strncmp(set->tariffs[0].name, name, 126), 0);
    lf_tariff_set_free(set);
    snprintf(text, sizeof text,
             "tariffs:\n"
             "  - id: a\n"
             "    name: %s电\n" /* 129 bytes */
             "    energy: {kind: single, rate: 0.5}\n",
             name);
    expect_error(text, "tariffs.yaml:3:11: 'name' in 'tariffs[0]' is 129 bytes long; at most "
                       "127 fit");
    expect_error("tariffs:\n"
                 "  - id: abcdefghijklmnopqrstuvwxyz012345\n"
                 "    energy: {kind: single, rate: 0.5}\n",
                 "tariffs.yaml:2:9: 'id' in 'tariffs[0]' is 32 bytes long; at most 31 fit");
    expect_error("tariffs:\n"
                 "  - id: large industry\n"
                 "    energy: {kind: single, rate: 0.5}\n",
                 "tariffs.yaml:2:9: 'id' in 'tariffs[0]' must use only letters, digits, '_', "
                 "'.' and '-', got 'large industry'");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    eligible: {classes: [large_industry, 大工业]}\n"
                 "    energy: {kind: single, rate: 0.5}\n",
                 "tariffs.yaml:3:42: 'tariffs[0].eligible.classes[1]' must use only letters, "
                 "digits, '_', '.' and '-', got '大工业'");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "    surcharges: [{rate: 0.01}]\n",
                 "tariffs.yaml:4:18: missing required key 'name' in "
                 "'tariffs[0].surcharges[0]'");
}

Test(tariff_load, eligible_and_power_factor)
{
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    eligible: {min_kv: 35, max_kv: 10}\n"
                 "    energy: {kind: single, rate: 0.5}\n",
                 "tariffs.yaml:3:36: 'max_kv' in 'tariffs[0].eligible' is 10, below 'min_kv' "
                 "35 (0: no bound)");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "    power_factor: {standard: 0.9, table: [[0.7, 10], [0.7, 5]]}\n",
                 "tariffs.yaml:4:55: 'tariffs[0].power_factor.table[1][0]' is 0.7, not above "
                 "the row before's 0.7; the table must be increasing in pf");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "    power_factor: {standard: 0.9, table: [[0.7, 10], [0.9]]}\n",
                 "tariffs.yaml:4:54: 'tariffs[0].power_factor.table[1]' must be a pair [pf, "
                 "percent], got 1 values");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "    power_factor: {standard: 90, table: [[0.9, 0]]}\n",
                 "tariffs.yaml:4:30: 'standard' in 'tariffs[0].power_factor' must be a number "
                 "above 0 and at most 1, got 90");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "    power_factor: {standard: 0.9}\n",
                 "tariffs.yaml:4:19: missing required key 'table' in "
                 "'tariffs[0].power_factor'");
}

Test(tariff_load, not_a_list_and_empty_files)
{
    expect_error("tariffs: {id: a}\n",
                 "tariffs.yaml:1:10: 'tariffs' must be a list, got a mapping");
    expect_error("tariffs: []\n",
                 "tariffs.yaml:1:10: 'tariffs' is empty; list at least one tariff");
    expect_error("currency: CNY\n",
                 "tariffs.yaml:1:1: missing required key 'tariffs' at the top level");
    expect_error("- id: a\n",
                 "tariffs.yaml:1:1: the document must be a mapping, got a list");
    expect_error("# nothing yet\n",
                 "tariffs.yaml:1:1: the tariff file is empty; expected a mapping with "
                 "'tariffs'");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    energy: {kind: tou, rates: {flat: 0.6}, schedules: {windows: []}}\n",
                 "tariffs.yaml:3:56: 'schedules' in 'tariffs[0].energy' must be a list, got a "
                 "mapping");
    expect_error("tariffs:\n"
                 "  - id: a\n"
                 "    energy: {kind: single, rate: 0.5}\n"
                 "    surcharges: {name: x, rate: 0.01}\n",
                 "tariffs.yaml:4:17: 'surcharges' in 'tariffs[0]' must be a list, got a "
                 "mapping");
}

Test(tariff_load, unreadable_file_and_arguments)
{
    lf_error err;
    lf_tariff_set *set = &dummy;
    cr_assert_eq(lf_tariff_set_load(FIX "no_such_file.yaml", &set, &err), LF_ERR_IO);
    cr_assert_null(set);
    cr_assert(strstr(err.message, "no_such_file.yaml"), "%s", err.message);
    cr_assert_eq(lf_tariff_set_load(NULL, &set, &err), LF_ERR_ARG);
    cr_assert_eq(lf_tariff_set_load(EXAMPLE, NULL, NULL), LF_ERR_ARG);
}
