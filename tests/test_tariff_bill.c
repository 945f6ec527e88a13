/* test_tariff_bill.c - bills (libforecast/planning/tariff_bill.c,
 * tariff_usage.c) checked to the cent against hand computation: each kind of
 * energy charge, the basic charge by capacity and by demand with its penalty,
 * the power-factor adjustment, surcharges, partial months, leap years,
 * windows across midnight, and bad input. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

static void cents(double got, double want, const char *what)
{
    cr_assert(fabs(got - want) < 0.005, "%s: got %.4f, want %.2f", what, got, want);
}

/* ---- tariffs and load ------------------------------------------------------------------ */

static lf_tariff single(double rate)
{
    lf_tariff t;
    lf_tariff_init(&t);
    strcpy(t.id, "single");
    t.energy = LF_ENERGY_SINGLE;
    t.rate = rate;
    return t;
}

static void window(lf_tou_schedule *s, int from_h, int from_m, int to_h, int to_m,
                   lf_tou_period p)
{
    s->windows[s->nwindows++] = (lf_tou_window){from_h * 60 + from_m, to_h * 60 + to_m, p};
}

/* Peak 08:00-11:00 and 18:00-22:00 at 1.0, valley 22:00-06:00 at 0.3, the
 * rest flat at 0.6; weekends all flat; in July 11:00-13:00 critical at 1.5. */
static lf_tariff tou(void)
{
    lf_tariff t;
    lf_tariff_init(&t);
    strcpy(t.id, "tou");
    t.energy = LF_ENERGY_TOU;
    t.tou_rate[LF_TOU_CRITICAL] = 1.5;
    t.tou_rate[LF_TOU_PEAK] = 1.0;
    t.tou_rate[LF_TOU_FLAT] = 0.6;
    t.tou_rate[LF_TOU_VALLEY] = 0.3;
    t.nschedules = 3;
    t.schedules[0].day_kinds = LF_TOU_WEEKEND | LF_TOU_HOLIDAY; /* no windows: flat */
    lf_tou_schedule *july = &t.schedules[1], *rest = &t.schedules[2];
    july->months = 1u << 6;
    window(july, 8, 0, 11, 0, LF_TOU_PEAK);
    window(july, 11, 0, 13, 0, LF_TOU_CRITICAL);
    window(july, 18, 0, 22, 0, LF_TOU_PEAK);
    window(july, 22, 0, 6, 0, LF_TOU_VALLEY);
    window(rest, 8, 0, 11, 0, LF_TOU_PEAK);
    window(rest, 18, 0, 22, 0, LF_TOU_PEAK);
    window(rest, 22, 0, 6, 0, LF_TOU_VALLEY);
    return t;
}

/* kw[] of ndays days of `minutes` intervals, all at kw. */
static double *flat_load(size_t ndays, int minutes, double kw)
{
    size_t n = ndays * (size_t)(1440 / minutes);
    double *v = malloc(n * sizeof *v);
    cr_assert_not_null(v);
    for (size_t i = 0; i < n; i++)
        v[i] = kw;
    return v;
}

static lf_bill *bill_of(const lf_tariff *t, const lf_tariff_account *a, lf_date first,
                        size_t ndays, int minutes, const double *kw)
{
    lf_interval_load load = {first, minutes, ndays * (size_t)(1440 / minutes), kw};
    lf_bill *b = NULL;
    lf_error err;
    cr_assert_eq(lf_bill_intervals(t, a, &load, NULL, &b, &err), LF_OK, "%s", err.message);
    return b;
}

/* ---- energy ------------------------------------------------------------------------------ */

/* April 2025 at 100 kW: 72,000 kWh x 0.6123 = 44,085.60; surcharge
 * 0.0196875 x 72,000 = 1,417.50; total 45,503.10. */
Test(bill, single_rate_with_a_surcharge)
{
    lf_tariff t = single(0.6123);
    t.nsurcharges = 1;
    strcpy(t.surcharges[0].name, "funds");
    t.surcharges[0].rate = 0.0196875;
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    double *kw = flat_load(30, 60, 100);
    lf_bill *b = bill_of(&t, &a, D(2025, 4, 1), 30, 60, kw);
    cr_assert_eq(b->nmonths, 1);
    cents(b->months[0].kwh, 72000, "kWh");
    cents(b->months[0].energy_charge, 44085.60, "energy");
    cents(b->months[0].surcharges, 1417.50, "surcharge");
    cents(b->months[0].total, 45503.10, "total");
    cents(b->total, 45503.10, "bill total");
    lf_bill_free(b);
    free(kw);
}

/* 450 kWh in June: 200 x 0.5283 = 105.66, 200 x 0.5783 = 115.66, 50 x
 * 0.8283 = 41.415 -> 41.42 (half away from zero); 262.74. */
Test(bill, inclining_blocks_from_days)
{
    lf_tariff t;
    lf_tariff_init(&t);
    strcpy(t.id, "blocks");
    t.energy = LF_ENERGY_BLOCKS;
    t.nblocks = 3;
    t.block_upto_kwh[0] = 200;
    t.block_upto_kwh[1] = 400;
    t.block_rate[0] = 0.5283;
    t.block_rate[1] = 0.5783;
    t.block_rate[2] = 0.8283;
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    double kwh[30], peak[30], profile[24];
    for (int d = 0; d < 30; d++)
        kwh[d] = 15, peak[d] = 2;
    for (int h = 0; h < 24; h++)
        profile[h] = 1.0 / 24;
    lf_bill *b = NULL;
    lf_error err;
    cr_assert_eq(lf_bill_daily(&t, &a, D(2025, 6, 1), 30, kwh, peak, profile, NULL, &b, &err),
                 LF_OK, "%s", err.message);
    cents(b->months[0].kwh_by_block[2], 50, "third block kWh");
    cents(b->months[0].energy_by_block[0], 105.66, "block 1");
    cents(b->months[0].energy_by_block[1], 115.66, "block 2");
    cents(b->months[0].energy_by_block[2], 41.42, "block 3");
    cents(b->total, 262.74, "total");
    cents(b->months[0].max_demand_kw, 2, "max demand of days");
    lf_bill_free(b);
}

/* 1 kWh at 1.005 is 1.01 and at 0.285 is 0.29, though x 100 they are
 * 100.4999.. and 28.4999.. in binary. */
Test(bill, half_a_cent_rounds_away_from_zero)
{
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    double *kw = flat_load(1, 60, 0);
    kw[10] = 1;
    const double rate[] = {1.005, 0.285}, want[] = {1.01, 0.29};
    for (int k = 0; k < 2; k++) {
        lf_tariff t = single(rate[k]);
        lf_bill *b = bill_of(&t, &a, D(2025, 4, 1), 1, 60, kw);
        cents(b->total, want[k], "half a cent");
        lf_bill_free(b);
    }
    free(kw);
}

/* 100 kW on a working Monday, 15-minute data: peak 7 h (700 kWh x 1.0), the
 * valley across midnight 8 h (800 x 0.3 = 240), flat 9 h (900 x 0.6 = 540):
 * 1,480.  A Saturday is all flat: 2,400 x 0.6 = 1,440.  A July Monday moves
 * 11:00-13:00 from flat to critical: 200 x 1.5 = 300 for 120: 1,660. */
Test(bill, time_of_use_periods_across_midnight_weekends_and_seasons)
{
    lf_tariff t = tou();
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    double *kw = flat_load(1, 15, 100);
    lf_bill *b = bill_of(&t, &a, D(2025, 6, 2), 1, 15, kw); /* a Monday */
    cents(b->months[0].kwh_by_period[LF_TOU_PEAK], 700, "peak kWh");
    cents(b->months[0].kwh_by_period[LF_TOU_VALLEY], 800, "valley kWh");
    cents(b->months[0].kwh_by_period[LF_TOU_FLAT], 900, "flat kWh");
    cents(b->months[0].energy_by_period[LF_TOU_VALLEY], 240, "valley charge");
    cents(b->total, 1480, "weekday");
    cr_assert_eq(b->months[0].days, 1);
    lf_bill_free(b);
    b = bill_of(&t, &a, D(2025, 6, 7), 1, 15, kw); /* Saturday */
    cents(b->total, 1440, "Saturday");
    lf_bill_free(b);
    b = bill_of(&t, &a, D(2025, 7, 7), 1, 15, kw); /* a July Monday */
    cents(b->months[0].kwh_by_period[LF_TOU_CRITICAL], 200, "critical kWh");
    cents(b->total, 1660, "July");
    lf_bill_free(b);
    free(kw);
}

/* With China's calendar, National Day (Wednesday 2025-10-01) is a holiday
 * and flat all day (1,440 at 100 kW), while Sunday 2025-09-28, a make-up
 * working day (调休), has the working-day windows (1,480). */
Test(bill, holidays_and_make_up_working_days_from_the_calendar)
{
    lf_error err;
    lf_calendar *cal = lf_calendar_new(2025, 2025, &err);
    cr_assert_not_null(cal, "%s", err.message);
    cr_assert_eq(lf_calendar_add_builtin(cal, "CN", &err), LF_OK, "%s", err.message);
    lf_tariff t = tou();
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    double *kw = flat_load(1, 15, 100);
    const lf_date days[] = {D(2025, 10, 1), D(2025, 9, 28)};
    const double want[] = {1440, 1480};
    for (int k = 0; k < 2; k++) {
        lf_interval_load load = {days[k], 15, 96, kw};
        lf_bill *b = NULL;
        cr_assert_eq(lf_bill_intervals(&t, &a, &load, cal, &b, &err), LF_OK, "%s",
                     err.message);
        cents(b->total, want[k], k ? "make-up working day" : "holiday");
        lf_bill_free(b);
    }
    free(kw);
    lf_calendar_free(cal);
}

/* 15-minute intervals at the windows' edges: 07:45 is flat, 08:00 peak,
 * 21:45 peak, 22:00 valley, 05:45 valley, 06:00 flat. */
Test(bill, interval_edges)
{
    lf_tariff t = tou();
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    double *kw = flat_load(1, 15, 0);
    int slots[] = {7 * 4 + 3, 8 * 4, 21 * 4 + 3, 22 * 4, 5 * 4 + 3, 6 * 4};
    lf_tou_period want[] = {LF_TOU_FLAT, LF_TOU_PEAK, LF_TOU_PEAK, LF_TOU_VALLEY,
                            LF_TOU_VALLEY, LF_TOU_FLAT};
    for (int k = 0; k < 6; k++) {
        memset(kw, 0, 96 * sizeof *kw);
        kw[slots[k]] = 4; /* 1 kWh */
        lf_bill *b = bill_of(&t, &a, D(2025, 6, 2), 1, 15, kw);
        cents(b->months[0].kwh_by_period[want[k]], 1, lf_tou_period_name(want[k]));
        lf_bill_free(b);
    }
    free(kw);
}

/* ---- two-part tariffs ------------------------------------------------------------------ */

/* April 2025, 1,000 kW all month but one hour at 1,200; single rate 0.6;
 * declared 1,000 kW at 40 per kW: 1,050 x 40 = 42,000 and 150 x 40 x 2 =
 * 12,000; energy 720,200 kWh x 0.6 = 432,120; power factor 0.92: -0.30 %
 * of 486,120 = -1,458.36; total 484,661.64. */
static lf_tariff two_part(void)
{
    lf_tariff t = single(0.6);
    strcpy(t.id, "two_part");
    t.capacity_rate = 28;
    t.demand_rate = 40;
    t.pf_standard = 0.90;
    const double pf[][2] = {{0.89, 0.5}, {0.90, 0}, {0.91, -0.15}, {0.92, -0.30},
                            {0.95, -0.75}};
    t.npf = 5;
    for (size_t k = 0; k < t.npf; k++)
        t.pf_table[k] = (lf_pf_entry){pf[k][0], pf[k][1]};
    return t;
}

static lf_tariff_account by_demand(double declared, double pf)
{
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    a.capacity_kva = 2500;
    a.basic = LF_BASIC_BY_DEMAND;
    a.declared_kw = declared;
    a.power_factor = pf;
    return a;
}

Test(bill, demand_charge_with_penalty_and_power_factor)
{
    lf_tariff t = two_part();
    lf_tariff_account a = by_demand(1000, 0.92);
    double *kw = flat_load(30, 60, 1000);
    kw[100] = 1200;
    lf_bill *b = bill_of(&t, &a, D(2025, 4, 1), 30, 60, kw);
    const lf_bill_month *m = &b->months[0];
    cents(m->max_demand_kw, 1200, "max demand");
    cents(m->billing_kw, 1050, "billed kW");
    cents(m->basic_charge, 42000, "basic");
    cents(m->excess_kw, 150, "excess");
    cents(m->demand_penalty, 12000, "penalty");
    cents(m->energy_charge, 432120, "energy");
    cents(m->pf_percent, -0.30, "pf percent");
    cents(m->pf_adjustment, -1458.36, "pf adjustment");
    cents(m->total, 484661.64, "total");
    lf_bill_free(b);
    kw[100] = 1040; /* within 105 %: the declared 1,000 kW, no penalty */
    b = bill_of(&t, &a, D(2025, 4, 1), 30, 60, kw);
    cents(b->months[0].basic_charge, 40000, "basic within 105 %");
    cents(b->months[0].demand_penalty, 0, "no penalty");
    lf_bill_free(b);
    free(kw);
}

/* By capacity: 2,500 kVA x 28 = 70,000 a month; 15 days of April: 35,000;
 * February 2024 (29 days) whole: 70,000. */
Test(bill, capacity_charge_partial_months_and_leap_february)
{
    lf_tariff t = two_part();
    t.pf_standard = 0;
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    a.capacity_kva = 2500;
    double *kw = flat_load(31, 60, 10);
    lf_bill *b = bill_of(&t, &a, D(2025, 4, 16), 15, 60, kw);
    cr_assert_eq(b->months[0].days, 15);
    cents(b->months[0].basic_charge, 35000, "half of April");
    lf_bill_free(b);
    b = bill_of(&t, &a, D(2024, 2, 1), 29, 60, kw);
    cents(b->months[0].basic_charge, 70000, "February 2024");
    cents(b->months[0].kwh, 29 * 240, "29 days");
    lf_bill_free(b);
    b = bill_of(&t, &a, D(2024, 2, 28), 3, 60, kw); /* 28, 29 Feb and 1 March */
    cr_assert_eq(b->nmonths, 2);
    cr_assert_eq(b->months[0].days, 2);
    cr_assert_eq(b->months[1].month, 3);
    cents(b->months[0].basic_charge, 70000 * 2.0 / 29, "2 days of February");
    cents(b->months[1].basic_charge, 70000 / 31.0, "1 day of March");
    lf_bill_free(b);
    free(kw);
}

/* The power factor is rounded to 0.01 (0.915 -> 0.92, though 0.915 is
 * 0.91499.. in binary); below the table its first row applies. */
Test(bill, power_factor_rounding_and_below_the_table)
{
    lf_tariff t = two_part();
    double *kw = flat_load(30, 60, 1000);
    lf_tariff_account a = by_demand(1000, 0.915);
    lf_bill *b = bill_of(&t, &a, D(2025, 4, 1), 30, 60, kw);
    cents(b->months[0].power_factor, 0.92, "rounded");
    cents(b->months[0].pf_percent, -0.30, "percent");
    lf_bill_free(b);
    a.power_factor = 0.80;
    b = bill_of(&t, &a, D(2025, 4, 1), 30, 60, kw);
    cents(b->months[0].pf_percent, 0.5, "below the table");
    lf_bill_free(b);
    a.power_factor = 0; /* not metered */
    b = bill_of(&t, &a, D(2025, 4, 1), 30, 60, kw);
    cents(b->months[0].pf_adjustment, 0, "no adjustment");
    lf_bill_free(b);
    free(kw);
}

/* ---- bad input ------------------------------------------------------------------------- */

static int bill_error(const lf_tariff *t, const lf_tariff_account *a, lf_date first,
                      size_t n, int minutes, const double *kw, lf_error *err)
{
    lf_interval_load load = {first, minutes, n, kw};
    lf_bill *b = (lf_bill *)1;
    int rc = lf_bill_intervals(t, a, &load, NULL, &b, err);
    cr_assert_null(b, "no bill on an error");
    return rc;
}

Test(bill, bad_input_is_refused_with_its_place)
{
    lf_tariff t = two_part();
    lf_tariff_account a = by_demand(900, 0.9); /* under 40 % of 2,500 kVA */
    double *kw = flat_load(2, 60, 1000);
    lf_error err;
    cr_assert_eq(bill_error(&t, &a, D(2025, 4, 1), 48, 60, kw, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "declared demand 900") && strstr(err.message, "1000 kW"),
              "%s", err.message);
    a.declared_kw = 1000;
    kw[30] = NAN;
    cr_assert_eq(bill_error(&t, &a, D(2025, 4, 1), 48, 60, kw, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "2025-04-02 06:00"), "%s", err.message);
    kw[30] = 1000;
    cr_assert_eq(bill_error(&t, &a, D(2025, 4, 1), 47, 60, kw, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "whole days"), "%s", err.message);
    cr_assert_eq(bill_error(&t, &a, D(2025, 4, 1), 48, 20, kw, &err), LF_ERR_ARG);
    t.effective_from = D(2025, 5, 1);
    cr_assert_eq(bill_error(&t, &a, D(2025, 4, 1), 48, 60, kw, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "not in force in 2025-04"), "%s", err.message);
    t.effective_from = INT32_MIN;
    a.power_factor = 1.2;
    cr_assert_eq(bill_error(&t, &a, D(2025, 4, 1), 48, 60, kw, &err), LF_ERR_ARG);
    free(kw);
}
