/* test_balance.c - the monthly energy balance plan (libforecast/planning/
 * balance*.c): energy and capacity balances, limit_mw and the days at risk,
 * outages above capacity, rounding of the reserve share, the hand-over to
 * the peak-shift scheduler, every input check, the CSV and JSON files parsed
 * back, and the readers of lfc forecast's monthly and daily files on the
 * fixtures in tests/fixtures/balance/ (README.md there) and on broken files
 * with their file:line:column.  Every number is worked out by hand in the
 * comment above its test. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libforecast.h"
#include "scratch_file.h"

#define FIXTURES "tests/fixtures/balance/"
#define MONTHLY FIXTURES "forecast_monthly.csv"
#define DAILY FIXTURES "forecast_daily.csv"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

static void near(double got, double want, const char *what)
{
    cr_assert(fabs(got - want) <= 1e-9 * fmax(1, fabs(want)), "%s: got %.17g, want %.17g",
              what, got, want);
}

static void has(const lf_error *err, const char *text)
{
    cr_assert(strstr(err->message, text), "message '%s' lacks '%s'", err->message, text);
}

static lf_balance *run(const lf_balance_spec *spec)
{
    lf_balance *b = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_run(spec, &b, &err), LF_OK, "%s", err.message);
    return b;
}

/* ---- three months: a surplus, an energy deficit, a capacity deficit -------------------- */

/* Reserve 0.25 (exact in binary, so every figure below is exact):
 *
 *            demand MWh   own+purchase   balance MWh   peak MW    own+import-outage  required  balance  limit
 *            p50 / p90    = supply       p50 / p90     p50 / p90  = available        p90x1.25  MW       avail/1.25
 *   2025-01  1000 / 1100  800+400=1200   +200 / +100    90 / 100  100+40-0  = 140    125       +15      112
 *   2025-02  1150 / 1300  800+400=1200    +50 / -100    80 /  96  100+40-10 = 130    120       +10      104
 *   2025-03   900 /  950  800+400=1200   +300 / +250   110 / 120  100+40-20 = 120    150       -30       96
 *
 * Status: ok; energy_deficit (the P90 energy is short, the P50 is not);
 * capacity_deficit.  Totals: demand 3050 / 3350, own 2400, purchases 1200,
 * supply 3600, net +550 / +250, deficits 0 / 100 (February's), one month of
 * each status but both, the worst capacity month 2025-03 at -30.  No daily
 * peaks: the days at risk are unknown (NaN), not 0. */
static const double E50[] = {1000, 1150, 900}, E90[] = {1100, 1300, 950};
static const double P50[] = {90, 80, 110}, P90[] = {100, 96, 120};
static const double OWN_MWH[] = {800, 800, 800}, PURCHASE[] = {400, 400, 400};
static const double OWN_MW[] = {100, 100, 100}, IMPORT[] = {40, 40, 40};
static const double OUTAGE[] = {0, 10, 20};

static lf_balance_spec three_months(void)
{
    lf_balance_spec s;
    lf_balance_spec_init(&s);
    s.year = 2025;
    s.month = 1;
    s.nmonths = 3;
    s.energy_p50 = E50;
    s.energy_high = E90;
    s.peak_p50 = P50;
    s.peak_high = P90;
    s.own_mwh = OWN_MWH;
    s.purchase_mwh = PURCHASE;
    s.own_mw = OWN_MW;
    s.import_mw = IMPORT;
    s.outage_mw = OUTAGE;
    s.reserve = 0.25;
    s.high_label = "p90";
    return s;
}

Test(balance, three_months_each_figure)
{
    lf_balance_spec s = three_months();
    lf_balance *b = run(&s);
    cr_assert_eq(b->nmonths, 3);
    const double supply[] = {1200, 1200, 1200}, bal50[] = {200, 50, 300};
    const double bal90[] = {100, -100, 250}, avail[] = {140, 130, 120};
    const double req[] = {125, 120, 150}, cap[] = {15, 10, -30}, limit[] = {112, 104, 96};
    const lf_balance_status st[] = {LF_BALANCE_OK, LF_BALANCE_ENERGY_DEFICIT,
                                    LF_BALANCE_CAPACITY_DEFICIT};
    for (size_t k = 0; k < 3; k++) {
        const lf_balance_month *m = &b->months[k];
        cr_assert_eq(m->year, 2025);
        cr_assert_eq(m->month, (int)k + 1);
        near(m->supply_mwh, supply[k], "supply");
        near(m->energy_balance_p50, bal50[k], "energy balance p50");
        near(m->energy_balance_high, bal90[k], "energy balance p90");
        near(m->available_mw, avail[k], "available");
        near(m->required_mw, req[k], "required");
        near(m->capacity_balance_mw, cap[k], "capacity balance");
        near(m->limit_mw, limit[k], "limit");
        cr_assert_eq(m->status, st[k], "status of month %zu: %s", k,
                     lf_balance_status_name(m->status));
        cr_assert_eq(m->outages_exceed_capacity, 0);
        cr_assert(isnan(m->days_at_risk) && isnan(m->worst_shortfall_mw) &&
                  isnan(m->mw_days_at_risk) && !m->has_worst_day,
                  "without daily peaks the days at risk are unknown");
    }
    cr_assert_eq(b->months[1].days, 28);
    cr_assert_eq(b->has_daily, 0);
    cr_assert_str_eq(b->high_label, "p90");
    lf_balance_free(b);
}

Test(balance, three_months_totals)
{
    lf_balance_spec s = three_months();
    lf_balance *b = run(&s);
    const lf_balance_totals *t = &b->totals;
    near(t->energy_p50, 3050, "demand p50");
    near(t->energy_high, 3350, "demand p90");
    near(t->own_mwh, 2400, "own generation");
    near(t->purchase_mwh, 1200, "purchases");
    near(t->supply_mwh, 3600, "supply");
    near(t->energy_balance_p50, 550, "net p50");
    near(t->energy_balance_high, 250, "net p90");
    near(t->energy_deficit_p50, 0, "deficit p50");
    near(t->energy_deficit_high, 100, "deficit p90: February's, not netted against the rest");
    cr_assert_eq(t->months_by_status[LF_BALANCE_OK], 1);
    cr_assert_eq(t->months_by_status[LF_BALANCE_ENERGY_DEFICIT], 1);
    cr_assert_eq(t->months_by_status[LF_BALANCE_CAPACITY_DEFICIT], 1);
    cr_assert_eq(t->months_by_status[LF_BALANCE_BOTH], 0);
    cr_assert_eq(t->energy_deficit_months, 1);
    cr_assert_eq(t->capacity_deficit_months, 1);
    cr_assert_eq(t->worst_capacity_month, 2);
    near(t->worst_capacity_balance_mw, -30, "worst capacity balance");
    cr_assert(isnan(t->days_at_risk) && isnan(t->mw_days_at_risk));
    lf_balance_free(b);
}

/* Supply arrays left NULL are zero: with no supply at all every month is
 * short by its whole demand, 'both' where a peak needs capacity. */
Test(balance, missing_supply_is_zero)
{
    lf_balance_spec s = three_months();
    s.own_mwh = s.purchase_mwh = s.own_mw = s.import_mw = s.outage_mw = NULL;
    lf_balance *b = run(&s);
    near(b->months[0].supply_mwh, 0, "supply");
    near(b->months[0].energy_balance_high, -1100, "energy balance");
    near(b->months[2].capacity_balance_mw, -150, "capacity balance");
    cr_assert_eq(b->totals.months_by_status[LF_BALANCE_BOTH], 3);
    lf_balance_free(b);
}

/* ---- outages above capacity ------------------------------------------------------------- */

/* February 2025, reserve 0.25, no energy supply: demand 100 / 120 MWh gives
 * -100 / -120.  Own 50 + import 20 = 70 MW, outages 100: available clamps to
 * 0 and the month is flagged; required 10 x 1.25 = 12.5, balance -12.5,
 * limit 0: status both.  Daily peaks 10 MW every day but the 28th (0 MW, at
 * the limit of 0: not at risk): 27 days at risk, the worst the 1st (the
 * earliest of equal shortfalls) by 10 MW, 270 MW-days. */
Test(balance, outages_above_capacity)
{
    const double e50[] = {100}, e90[] = {120}, p50[] = {8}, p90[] = {10};
    const double own[] = {50}, imp[] = {20}, out[] = {100};
    double daily[28];
    for (int t = 0; t < 28; t++)
        daily[t] = t == 27 ? 0 : 10;
    lf_balance_spec s;
    lf_balance_spec_init(&s);
    s.year = 2025, s.month = 2, s.nmonths = 1, s.reserve = 0.25;
    s.energy_p50 = e50, s.energy_high = e90, s.peak_p50 = p50, s.peak_high = p90;
    s.own_mw = own, s.import_mw = imp, s.outage_mw = out;
    s.daily_first = D(2025, 2, 1), s.ndays = 28, s.daily_peak_mw = daily;
    lf_balance *b = run(&s);
    const lf_balance_month *m = &b->months[0];
    near(m->energy_balance_p50, -100, "energy balance p50");
    near(m->energy_balance_high, -120, "energy balance high");
    near(m->available_mw, 0, "available clamped");
    cr_assert_eq(m->outages_exceed_capacity, 1);
    near(m->required_mw, 12.5, "required");
    near(m->capacity_balance_mw, -12.5, "capacity balance");
    near(m->limit_mw, 0, "limit");
    cr_assert_eq(m->status, LF_BALANCE_BOTH);
    near(m->days_at_risk, 27, "days at risk");
    cr_assert(m->has_worst_day);
    cr_assert_eq(m->worst_day, D(2025, 2, 1));
    near(m->worst_shortfall_mw, 10, "worst shortfall");
    near(m->mw_days_at_risk, 270, "MW-days");
    cr_assert_str_eq(b->high_label, "high", "no label given");
    lf_balance_free(b);
}

/* Outages exactly equal to own + import: available 0, but not flagged. */
Test(balance, outages_equal_to_capacity_are_not_flagged)
{
    const double e[] = {0}, p[] = {0}, own[] = {50}, imp[] = {20}, out[] = {70};
    lf_balance_spec s;
    lf_balance_spec_init(&s);
    s.year = 2025, s.month = 2, s.nmonths = 1, s.reserve = 0.25;
    s.energy_p50 = s.energy_high = e, s.peak_p50 = s.peak_high = p;
    s.own_mw = own, s.import_mw = imp, s.outage_mw = out;
    lf_balance *b = run(&s);
    near(b->months[0].available_mw, 0, "available");
    cr_assert_eq(b->months[0].outages_exceed_capacity, 0);
    cr_assert_eq(b->months[0].status, LF_BALANCE_OK, "0 demand against 0 capacity");
    lf_balance_free(b);
}

/* ---- limit_mw and the days at risk -------------------------------------------------------- */

/* February and March 2025, reserve 0.25, own capacity 125 MW in February
 * (limit 125 / 1.25 = 100) and 150 in March (limit 120).
 * February's daily peaks: 90, but the 10th 100 (exactly at the limit: not at
 * risk), the 14th 104 (4 over), the 20th and 21st 107.5 (7.5 over each):
 * 3 days, the worst the 20th (the earlier of two equal) by 7.5, 4 + 7.5 +
 * 7.5 = 19 MW-days.  March: 110 every day, the 31st 120 (at the limit):
 * none at risk, no worst day, 0 shortfall, 0 MW-days.
 * The months: February's peak P90 107.5 needs 134.375 MW: -9.375, capacity
 * deficit; March's 120 needs 150 = 150: balance 0, ok.  Totals: 3 days,
 * 19 MW-days. */
static double FEB_MAR[59];
static const double FM_P50[] = {100, 110}, FM_P90[] = {107.5, 120}, FM_E[] = {0, 0};
static const double FM_OWN[] = {125, 150};

static lf_balance_spec feb_mar(void)
{
    for (int t = 0; t < 59; t++)
        FEB_MAR[t] = t < 28 ? 90 : 110;
    FEB_MAR[9] = 100;
    FEB_MAR[13] = 104;
    FEB_MAR[19] = FEB_MAR[20] = 107.5;
    FEB_MAR[58] = 120;
    lf_balance_spec s;
    lf_balance_spec_init(&s);
    s.year = 2025, s.month = 2, s.nmonths = 2, s.reserve = 0.25;
    s.energy_p50 = s.energy_high = FM_E, s.peak_p50 = FM_P50, s.peak_high = FM_P90;
    s.own_mw = FM_OWN;
    s.daily_first = D(2025, 2, 1), s.ndays = 59, s.daily_peak_mw = FEB_MAR;
    s.high_label = "p90";
    return s;
}

Test(balance, days_at_risk_and_the_day_at_the_limit)
{
    lf_balance_spec s = feb_mar();
    lf_balance *b = run(&s);
    const lf_balance_month *feb = &b->months[0], *mar = &b->months[1];
    near(feb->limit_mw, 100, "February's limit");
    near(feb->days_at_risk, 3, "February's days at risk");
    cr_assert(feb->has_worst_day);
    cr_assert_eq(feb->worst_day, D(2025, 2, 20));
    near(feb->worst_shortfall_mw, 7.5, "worst shortfall");
    near(feb->mw_days_at_risk, 19, "MW-days");
    near(feb->capacity_balance_mw, -9.375, "February's capacity balance");
    cr_assert_eq(feb->status, LF_BALANCE_CAPACITY_DEFICIT);
    near(mar->limit_mw, 120, "March's limit");
    near(mar->days_at_risk, 0, "March's days at risk: the 31st is at the limit");
    cr_assert(!mar->has_worst_day);
    near(mar->worst_shortfall_mw, 0, "no shortfall");
    near(mar->mw_days_at_risk, 0, "no MW-days");
    near(mar->capacity_balance_mw, 0, "March's capacity balance");
    cr_assert_eq(mar->status, LF_BALANCE_OK);
    near(b->totals.days_at_risk, 3, "days in all");
    near(b->totals.mw_days_at_risk, 19, "MW-days in all");
    cr_assert_eq(b->totals.worst_capacity_month, 0);
    cr_assert_eq(b->has_daily, 1);
    lf_balance_free(b);
}

/* 1.1 and 1.12 are not exact in binary: 100 x 1.1 = 110.00000000000001 and
 * 110 / 1.1 = 99.999999999999986.  January: peak 100 at reserve 0.1 against
 * 110 MW available is balanced (0, ok) and a day peaking at 100 is at the
 * limit, not at risk; energy 0.1 + 0.2 (= 0.30000000000000004) against 0.3
 * is balanced too.  February: a real shortfall of 0.0001 MW is still one:
 * 100.0001 x 1.1 = 110.00011, balance -0.00011, and its days are at risk
 * (0.0001 over each: 28 days, 0.0028 MW-days). */
Test(balance, rounding_of_the_reserve_share_is_no_deficit)
{
    const double e[] = {0.3, 0.3}, p[] = {100, 100.0001}, own_mw[] = {110, 110};
    const double own[] = {0.1, 0.1}, pur[] = {0.2, 0.2};
    double daily[59];
    for (int t = 0; t < 59; t++)
        daily[t] = t < 31 ? 100 : 100.0001;
    lf_balance_spec s;
    lf_balance_spec_init(&s);
    s.year = 2025, s.month = 1, s.nmonths = 2, s.reserve = 0.1;
    s.energy_p50 = s.energy_high = e, s.peak_p50 = s.peak_high = p;
    s.own_mwh = own, s.purchase_mwh = pur, s.own_mw = own_mw;
    s.daily_first = D(2025, 1, 1), s.ndays = 59, s.daily_peak_mw = daily;
    lf_balance *b = run(&s);
    const lf_balance_month *jan = &b->months[0], *feb = &b->months[1];
    cr_assert_eq(jan->capacity_balance_mw, 0.0, "got %.17g", jan->capacity_balance_mw);
    cr_assert_eq(jan->energy_balance_high, 0.0, "got %.17g", jan->energy_balance_high);
    cr_assert_eq(jan->status, LF_BALANCE_OK);
    cr_assert_eq(jan->days_at_risk, 0.0, "a day at 100 against 99.999999999999986");
    cr_assert(fabs(feb->capacity_balance_mw + 0.00011) < 1e-9, "got %.17g",
              feb->capacity_balance_mw);
    cr_assert_eq(feb->status, LF_BALANCE_CAPACITY_DEFICIT);
    near(feb->days_at_risk, 28, "February's days");
    cr_assert(fabs(feb->mw_days_at_risk - 0.0028) < 1e-9, "got %.17g", feb->mw_days_at_risk);
    lf_balance_free(b);
}

/* ---- the hand-over to the peak-shift scheduler ------------------------------------------ */

/* The days of February and March as lf_peakshift_spec.limit_mw takes them:
 * 27 Feb .. 2 Mar are 100, 100, 120, 120; a day before or after the plan's
 * months is refused, naming it. */
Test(balance, daily_limits_for_the_scheduler)
{
    lf_balance_spec s = feb_mar();
    lf_balance *b = run(&s);
    double limit[4];
    lf_error err;
    cr_assert_eq(lf_balance_daily_limits(b, D(2025, 2, 27), 4, limit, &err), LF_OK, "%s",
                 err.message);
    const double want[] = {100, 100, 120, 120};
    for (int t = 0; t < 4; t++)
        near(limit[t], want[t], "daily limit");
    cr_assert_eq(lf_balance_daily_limits(b, D(2025, 1, 31), 2, limit, &err), LF_ERR_ARG);
    has(&err, "2025-01-31 is outside the balance months (2025-02-01 .. 2025-03-31)");
    cr_assert_eq(lf_balance_daily_limits(b, D(2025, 3, 30), 3, limit, &err), LF_ERR_ARG);
    has(&err, "2025-04-01 is outside");
    lf_balance_free(b);
}

/* With the daily peaks and the plan's limits the scheduler's deficit days
 * are the plan's days at risk: February 14, 20, 21 with 4, 7.5, 7.5 MW
 * (19 MW-days), none on the 10th (at the limit) or in March.  One customer
 * shedding up to 10 MW covers all of it. */
Test(balance, scheduler_sees_the_days_at_risk)
{
    lf_balance_spec s = feb_mar();
    lf_balance *b = run(&s);
    double limit[59];
    lf_error err;
    cr_assert_eq(lf_balance_daily_limits(b, D(2025, 2, 1), 59, limit, &err), LF_OK);
    lf_portfolio *p = lf_portfolio_new(&err);
    cr_assert_not_null(p);
    lf_dr_customer c;
    memset(&c, 0, sizeof c);
    strcpy(c.id, "A");
    c.peak_mw = 20;
    c.nmeasures = 1;
    c.measures[0].kind = LF_DR_AVOID_PEAK;
    c.measures[0].mw = 10;
    cr_assert_eq(lf_portfolio_add(p, &c, &err), LF_OK, "%s", err.message);
    lf_peakshift_spec ps;
    lf_peakshift_spec_init(&ps);
    ps.first = D(2025, 2, 1);
    ps.last = D(2025, 3, 31);
    ps.peak_mw = FEB_MAR;
    ps.limit_mw = limit;
    ps.method = LF_PEAKSHIFT_GREEDY;
    lf_peakshift *sched = NULL;
    cr_assert_eq(lf_peakshift_run(&ps, p, &sched, &err), LF_OK, "%s", err.message);
    size_t deficit_days = 0;
    double deficit = 0;
    for (size_t d = 0; d < sched->ndays; d++) {
        deficit_days += sched->days[d].deficit_mw > 0;
        deficit += sched->days[d].deficit_mw;
    }
    cr_assert_eq(deficit_days, 3);
    near(deficit, b->totals.mw_days_at_risk, "MW-days");
    near(sched->days[9].deficit_mw, 0, "the day at the limit");
    near(sched->unmet_mw_days, 0, "covered");
    lf_peakshift_free(sched);
    lf_portfolio_free(p);
    lf_balance_free(b);
}

Test(balance, status_names)
{
    cr_assert_str_eq(lf_balance_status_name(LF_BALANCE_OK), "ok");
    cr_assert_str_eq(lf_balance_status_name(LF_BALANCE_ENERGY_DEFICIT), "energy_deficit");
    cr_assert_str_eq(lf_balance_status_name(LF_BALANCE_CAPACITY_DEFICIT), "capacity_deficit");
    cr_assert_str_eq(lf_balance_status_name(LF_BALANCE_BOTH), "both");
    cr_assert_str_eq(lf_balance_status_name((lf_balance_status)4), "unknown");
}

/* ---- input checks ------------------------------------------------------------------------ */

static void refused(const lf_balance_spec *s, const char *text)
{
    lf_balance *b = (lf_balance *)&b; /* must come back NULL */
    lf_error err;
    cr_assert_eq(lf_balance_run(s, &b, &err), LF_ERR_ARG, "accepted; wanted '%s'", text);
    cr_assert_null(b);
    has(&err, text);
}

Test(balance_check, horizon)
{
    lf_balance_spec s = three_months();
    s.nmonths = 0;
    refused(&s, "needs at least one month (nmonths is 0)");
    s.nmonths = 241;
    refused(&s, "at most 240 months (20 years), got 241");
    s = three_months();
    s.month = 13;
    refused(&s, "first month is 13; give 1 .. 12");
    s.month = 1;
    s.year = 0;
    refused(&s, "first year is 0");
    refused(NULL, "needs a spec");
}

/* 12 is a percentage: the message gives the share it meant. */
Test(balance_check, reserve)
{
    lf_balance_spec s = three_months();
    s.reserve = NAN;
    refused(&s, "the reserve margin is not set: give it as a share of the peak, 0.12 for 12 %");
    s.reserve = 12;
    refused(&s, "the reserve margin 12 is outside 0..1: give a share, 0.12 for 12 % (12 % is "
                "0.12)");
    s.reserve = -0.05;
    refused(&s, "the reserve margin -0.05 is outside 0..1: give a share, 0.12 for 12 %");
    s.reserve = 250;
    refused(&s, "the reserve margin 250 is outside 0..1");
    lf_balance_spec init;
    lf_balance_spec_init(&init);
    cr_assert(isnan(init.reserve), "unset by default");
    s.reserve = 0;
    lf_balance_free(run(&s));
    s.reserve = 1;
    lf_balance_free(run(&s));
}

Test(balance_check, demand)
{
    double e50[] = {1000, NAN, 900}, neg[] = {100, 96, -1}, low[] = {1100, 1100, 950};
    lf_balance_spec s = three_months();
    s.peak_high = NULL;
    refused(&s, "needs the demand peak at the high quantile per month (it is NULL)");
    s = three_months();
    s.energy_p50 = e50;
    refused(&s, "2025-02: the demand energy P50 is missing (NaN)");
    s = three_months();
    s.peak_high = neg;
    refused(&s, "2025-03: the demand peak at the high quantile is -1 MW; it must be finite "
                "and 0 or more");
    s = three_months();
    s.energy_high = low;
    refused(&s, "2025-02: the p90 demand energy 1100 MWh is below its P50 1150 MWh");
    s = three_months();
    s.peak_p50 = P90;
    s.peak_high = P50;
    refused(&s, "2025-01: the p90 demand peak 90 MW is below its P50 100 MW");
}

Test(balance_check, supply)
{
    double nan_[] = {800, 800, NAN}, neg[] = {0, -5, 0}, inf[] = {INFINITY, 0, 0};
    lf_balance_spec s = three_months();
    s.own_mwh = nan_;
    refused(&s, "2025-03: the own generation is missing (NaN); give 0 for none");
    s = three_months();
    s.purchase_mwh = neg;
    refused(&s, "2025-02: the purchased energy is -5 MWh; it must be finite and 0 or more");
    s = three_months();
    s.own_mw = inf;
    refused(&s, "2025-01: the own capacity is inf MW");
    s = three_months();
    s.import_mw = neg;
    refused(&s, "2025-02: the import capacity is -5 MW");
    s = three_months();
    s.outage_mw = nan_;
    refused(&s, "2025-03: the planned outage capacity is missing (NaN)");
}

Test(balance_check, labels)
{
    lf_balance_spec s = three_months();
    s.high_label = "P50";
    refused(&s, "the high quantile's label is p50, the median's");
    s.high_label = "p 90";
    refused(&s, "the high quantile's label 'p 90' must have 1 to 15 letters");
    s.high_label = "";
    refused(&s, "label '' must have");
    s.high_label = "p99.99999999999999";
    refused(&s, "must have 1 to 15");
    s.high_label = "p2.5";
    lf_balance_free(run(&s));
    s.scenario = "a-scenario-name-of-more-than-31-bytes";
    refused(&s, "the scenario name 'a-scenario-name-of-more-than-31-bytes' is longer than 31");
}

/* The horizon 2025-02 .. 2025-03 has 59 days from 2025-02-01. */
Test(balance_check, daily_peaks_must_be_the_horizon_days)
{
    lf_balance_spec s = feb_mar();
    s.daily_first = D(2025, 2, 2);
    refused(&s, "the daily peaks start on 2025-02-02; they must start on 2025-02-01, the "
                "first day of the balance months (2025-02-01 .. 2025-03-31)");
    s = feb_mar();
    s.ndays = 57;
    refused(&s, "the daily peaks do not cover the balance months (2025-02-01 .. 2025-03-31): "
                "2025-03-30 .. 2025-03-31 are missing");
    s.ndays = 58;
    refused(&s, ": 2025-03-31 is missing");
    s.ndays = 0;
    refused(&s, ": 2025-02-01 .. 2025-03-31 are missing");
    s = feb_mar();
    s.ndays = 60;
    refused(&s, "the daily peaks run past the balance months (2025-02-01 .. 2025-03-31): "
                "2025-04-01 is outside");
    s.ndays = 100000;
    refused(&s, "100000 daily peaks are more than 240 months hold");
}

Test(balance_check, daily_peak_values)
{
    lf_balance_spec s = feb_mar();
    FEB_MAR[40] = NAN;
    refused(&s, "2025-03-13: the daily peak is nan MW; it must be finite and 0 or more");
    s = feb_mar();
    FEB_MAR[0] = -1;
    refused(&s, "2025-02-01: the daily peak is -1 MW");
}

Test(balance_check, run_needs_an_out)
{
    lf_balance_spec s = three_months();
    lf_error err;
    cr_assert_eq(lf_balance_run(&s, NULL, &err), LF_ERR_ARG);
    has(&err, "needs somewhere to put the plan");
}

/* ---- the writers' files parsed back --------------------------------------------------------- */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/lf_test_balance.XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
    scratch_remove_dir(tmpdir);
}

static const char *tmp_path(const char *name)
{
    static char p[200];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    return p;
}

/* A month's numeric columns and what the plan holds for them. */
typedef struct column {
    const char *name;
    double v;
} column;

#define NCOLUMNS 21

static void columns_of(const lf_balance_month *m, column c[NCOLUMNS])
{
    const column all[NCOLUMNS] = {
        {"days", m->days}, {"demand_mwh_p50", m->energy_p50},
        {"demand_mwh_p90", m->energy_high}, {"own_generation_mwh", m->own_mwh},
        {"purchase_mwh", m->purchase_mwh}, {"supply_mwh", m->supply_mwh},
        {"energy_balance_mwh_p50", m->energy_balance_p50},
        {"energy_balance_mwh_p90", m->energy_balance_high}, {"peak_mw_p50", m->peak_p50},
        {"peak_mw_p90", m->peak_high}, {"own_mw", m->own_mw}, {"import_mw", m->import_mw},
        {"outage_mw", m->outage_mw}, {"available_mw", m->available_mw},
        {"required_mw", m->required_mw}, {"capacity_balance_mw", m->capacity_balance_mw},
        {"limit_mw", m->limit_mw}, {"days_at_risk", m->days_at_risk},
        {"worst_shortfall_mw", m->worst_shortfall_mw},
        {"mw_days_at_risk", m->mw_days_at_risk},
        {"outages_exceed_capacity", m->outages_exceed_capacity}};
    memcpy(c, all, sizeof all);
}

static void same(double got, double want, const char *what, size_t k)
{
    if (isnan(want)) {
        cr_assert(isnan(got), "%s of month %zu: got %g, want missing", what, k, got);
        return;
    }
    cr_assert(fabs(got - want) <= 1e-9 * fmax(1, fabs(want)), "%s of month %zu: got %.17g, "
              "want %.17g", what, k, got, want);
}

static const char *HEADER[] = {
    "month", "days", "demand_mwh_p50", "demand_mwh_p90", "own_generation_mwh", "purchase_mwh",
    "supply_mwh", "energy_balance_mwh_p50", "energy_balance_mwh_p90", "peak_mw_p50",
    "peak_mw_p90", "own_mw", "import_mw", "outage_mw", "available_mw",
    "outages_exceed_capacity", "required_mw", "capacity_balance_mw", "limit_mw",
    "days_at_risk", "worst_day", "worst_shortfall_mw", "mw_days_at_risk", "status"};

static void csv_row_is(lf_csv *csv, const lf_balance_month *m, size_t k)
{
    char month[8], day[LF_DATE_STRLEN] = "";
    snprintf(month, sizeof month, "%04d-%02d", m->year, m->month);
    cr_assert_str_eq(lf_csv_field(csv, 0), month);
    if (m->has_worst_day)
        lf_date_format(m->worst_day, day);
    cr_assert_str_eq(lf_csv_field(csv, (size_t)lf_csv_find(csv, "worst_day")), day);
    cr_assert_str_eq(lf_csv_field(csv, (size_t)lf_csv_find(csv, "status")),
                     lf_balance_status_name(m->status));
    column c[NCOLUMNS];
    columns_of(m, c);
    for (size_t i = 0; i < NCOLUMNS; i++) {
        double v;
        lf_error err;
        long col = lf_csv_find(csv, c[i].name);
        cr_assert(col >= 0, "no column %s", c[i].name);
        cr_assert_eq(lf_csv_number(csv, (size_t)col, &v, NULL, &err), LF_OK, "%s", err.message);
        same(v, c[i].v, c[i].name, k);
    }
}

static void csv_is(const char *path, const lf_balance *b)
{
    lf_error err;
    lf_csv *csv = lf_csv_open(path, ',', &err);
    cr_assert_not_null(csv, "%s", err.message);
    cr_assert_eq(lf_csv_read_header(csv, &err), LF_OK);
    size_t ncols = sizeof HEADER / sizeof HEADER[0];
    cr_assert_eq(lf_csv_header_count(csv), ncols);
    for (size_t i = 0; i < ncols; i++)
        cr_assert_str_eq(lf_csv_header_name(csv, i), HEADER[i]);
    int has_row;
    for (size_t k = 0; k < b->nmonths; k++) {
        cr_assert_eq(lf_csv_next(csv, &has_row, &err), LF_OK);
        cr_assert(has_row, "row %zu is missing", k);
        cr_assert_eq(lf_csv_check_width(csv, &err), LF_OK, "%s", err.message);
        csv_row_is(csv, &b->months[k], k);
    }
    cr_assert_eq(lf_csv_next(csv, &has_row, &err), LF_OK);
    cr_assert(!has_row, "a row too many");
    lf_csv_close(csv);
}

TestSuite(balance_write, .init = make_tmpdir, .fini = remove_tmpdir);

/* The three months (no daily peaks: the days-at-risk columns empty) and
 * February-March (3 days at risk, worst 2025-02-20): every field as the plan
 * holds it. */
Test(balance_write, csv_parsed_back)
{
    lf_balance_spec s = three_months();
    lf_balance *b = run(&s);
    lf_error err;
    cr_assert_eq(lf_balance_write_csv(tmp_path("a.csv"), b, &err), LF_OK, "%s", err.message);
    csv_is(tmp_path("a.csv"), b);
    lf_balance_free(b);
    s = feb_mar();
    b = run(&s);
    cr_assert_eq(lf_balance_write_csv(tmp_path("b.csv"), b, &err), LF_OK, "%s", err.message);
    csv_is(tmp_path("b.csv"), b);
    lf_balance_free(b);
}

/* Unknown is empty, none is 0: the two must not look alike in the file. */
Test(balance_write, csv_unknown_and_none_differ)
{
    lf_balance_spec s = three_months();
    lf_balance *b = run(&s);
    lf_error err;
    cr_assert_eq(lf_balance_write_csv(tmp_path("a.csv"), b, &err), LF_OK);
    FILE *fp = fopen(tmp_path("a.csv"), "r");
    char line[1024];
    cr_assert_not_null(fgets(line, sizeof line, fp));
    cr_assert_not_null(fgets(line, sizeof line, fp));
    fclose(fp);
    cr_assert_str_eq(line, "2025-01,31,1000,1100,800,400,1200,200,100,90,100,100,40,0,140,0,"
                           "125,15,112,,,,,ok\n");
    lf_balance_free(b);
}

/* ---- a small JSON reader: every leaf by its path, such as months[1].status ---- */

typedef struct leaf {
    char path[96];
    char text[64];        /* a string without its quotes, or the number or word */
} leaf;

static leaf leaves[1024];
static size_t nleaves;

static void ws(const char **p)
{
    while (**p && strchr(" \t\r\n", **p))
        (*p)++;
}

static int json_value(const char **p, const char *path);

static void add_leaf(const char *path, const char *start, size_t n)
{
    cr_assert(nleaves < 1024 && n < sizeof leaves[0].text);
    snprintf(leaves[nleaves].path, sizeof leaves[0].path, "%s", path);
    memcpy(leaves[nleaves].text, start, n);
    leaves[nleaves++].text[n] = '\0';
}

/* The writer escapes nothing in these documents, so a string ends at '"'. */
static int json_string(const char **p, char *out, size_t size)
{
    const char *start = ++*p;
    while (**p && **p != '"' && **p != '\\' && (unsigned char)**p >= 0x20)
        (*p)++;
    if (**p != '"' || (size_t)(*p - start) >= size)
        return 0;
    memcpy(out, start, (size_t)(*p - start));
    out[*p - start] = '\0';
    (*p)++;
    return 1;
}

static int json_object(const char **p, const char *path)
{
    (*p)++;
    ws(p);
    if (**p == '}')
        return ++*p, 1;
    for (;;) {
        char key[64], sub[160];
        ws(p);
        if (**p != '"' || !json_string(p, key, sizeof key))
            return 0;
        ws(p);
        if (*(*p)++ != ':')
            return 0;
        snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", key);
        if (!json_value(p, sub))
            return 0;
        ws(p);
        char c = *(*p)++;
        if (c == '}')
            return 1;
        if (c != ',')
            return 0;
    }
}

static int json_array(const char **p, const char *path)
{
    (*p)++;
    ws(p);
    if (**p == ']')
        return ++*p, 1;
    for (int i = 0;; i++) {
        char sub[160];
        snprintf(sub, sizeof sub, "%s[%d]", path, i);
        if (!json_value(p, sub))
            return 0;
        ws(p);
        char c = *(*p)++;
        if (c == ']')
            return 1;
        if (c != ',')
            return 0;
    }
}

static int json_value(const char **p, const char *path)
{
    ws(p);
    if (**p == '{')
        return json_object(p, path);
    if (**p == '[')
        return json_array(p, path);
    if (**p == '"') {
        char s[64];
        if (!json_string(p, s, sizeof s))
            return 0;
        add_leaf(path, s, strlen(s));
        return 1;
    }
    const char *words[] = {"null", "true", "false"};
    for (int k = 0; k < 3; k++)
        if (strncmp(*p, words[k], strlen(words[k])) == 0) {
            add_leaf(path, *p, strlen(words[k]));
            return *p += strlen(words[k]), 1;
        }
    const char *start = *p;
    char *end;
    strtod(start, &end);
    /* JSON numbers only: no leading '+', no nan or inf */
    if (end == start || *start == '+' || isalpha((unsigned char)*start))
        return 0;
    *p = end;
    add_leaf(path, start, (size_t)(end - start));
    return 1;
}

static void json_read(const char *path)
{
    static char buf[65536];
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp, "cannot open %s", path);
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    nleaves = 0;
    const char *p = buf;
    cr_assert(json_value(&p, ""), "not JSON near '%.40s'", p);
    ws(&p);
    cr_assert_eq(*p, '\0', "text after the document");
}

static const char *json_text(const char *path)
{
    for (size_t i = 0; i < nleaves; i++)
        if (strcmp(leaves[i].path, path) == 0)
            return leaves[i].text;
    return NULL;
}

static const char *json_get(const char *path)
{
    const char *t = json_text(path);
    cr_assert_not_null(t, "no %s in the document", path);
    return t;
}

/* A number, NaN for null, 1 / 0 for true / false. */
static double json_num(const char *path)
{
    const char *t = json_get(path);
    if (!strcmp(t, "null"))
        return NAN;
    if (!strcmp(t, "true") || !strcmp(t, "false"))
        return t[0] == 't';
    return strtod(t, NULL);
}

/* The reader reads what JSON allows and refuses what it does not. */
Test(balance_write, json_reader_is_strict)
{
    const char *bad[] = {"{\"a\": 1,}", "{\"a\": nan}", "[1 2]", "{\"a\" 1}", "{\"a\": +1}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *p = bad[i];
        nleaves = 0;
        int ok = json_value(&p, "");
        ws(&p);
        cr_assert(!ok || *p, "accepted %s", bad[i]);
    }
    const char *p = "{\"a\": [1, {\"b\": null}], \"c\": \"x\"}";
    nleaves = 0;
    cr_assert(json_value(&p, ""));
    cr_assert_str_eq(json_get("a[1].b"), "null");
    cr_assert_str_eq(json_get("c"), "x");
    cr_assert_str_eq(json_get("a[0]"), "1");
}

static void json_months_are(const lf_balance *b)
{
    for (size_t k = 0; k < b->nmonths; k++) {
        const lf_balance_month *m = &b->months[k];
        char path[96], month[8], day[LF_DATE_STRLEN] = "null";
        snprintf(month, sizeof month, "%04d-%02d", m->year, m->month);
        snprintf(path, sizeof path, "months[%zu].month", k);
        cr_assert_str_eq(json_get(path), month);
        if (m->has_worst_day)
            lf_date_format(m->worst_day, day);
        snprintf(path, sizeof path, "months[%zu].worst_day", k);
        cr_assert_str_eq(json_get(path), day);
        snprintf(path, sizeof path, "months[%zu].status", k);
        cr_assert_str_eq(json_get(path), lf_balance_status_name(m->status));
        column c[NCOLUMNS];
        columns_of(m, c);
        for (size_t i = 0; i < NCOLUMNS; i++) {
            snprintf(path, sizeof path, "months[%zu].%s", k, c[i].name);
            same(json_num(path), c[i].v, c[i].name, k);
        }
    }
    char path[96];
    snprintf(path, sizeof path, "months[%zu].month", b->nmonths);
    cr_assert_null(json_text(path), "a month too many");
}

/* The spec, the totals of the three months (see three_months_totals) and
 * every month's fields; without daily peaks the days at risk are null. */
Test(balance_write, json_parsed_back)
{
    lf_balance_spec s = three_months();
    s.scenario = "base";
    lf_balance *b = run(&s);
    lf_error err;
    cr_assert_eq(lf_balance_write_json(tmp_path("b.json"), b, &err), LF_OK, "%s", err.message);
    json_read(tmp_path("b.json"));
    cr_assert_str_eq(json_get("spec.first_month"), "2025-01");
    cr_assert_str_eq(json_get("spec.last_month"), "2025-03");
    near(json_num("spec.months"), 3, "months");
    near(json_num("spec.reserve"), 0.25, "reserve");
    cr_assert_str_eq(json_get("spec.high_quantile"), "p90");
    cr_assert_str_eq(json_get("spec.scenario"), "base");
    cr_assert_str_eq(json_get("spec.daily_peaks"), "false");
    near(json_num("totals.demand_mwh_p50"), 3050, "total demand p50");
    near(json_num("totals.demand_mwh_p90"), 3350, "total demand p90");
    near(json_num("totals.supply_mwh"), 3600, "supply");
    near(json_num("totals.own_generation_mwh"), 2400, "own");
    near(json_num("totals.purchase_mwh"), 1200, "purchases");
    near(json_num("totals.energy_balance_mwh_p50"), 550, "net p50");
    near(json_num("totals.energy_balance_mwh_p90"), 250, "net p90");
    near(json_num("totals.energy_deficit_mwh_p50"), 0, "deficit p50");
    near(json_num("totals.energy_deficit_mwh_p90"), 100, "deficit p90");
    near(json_num("totals.months_by_status.ok"), 1, "ok months");
    near(json_num("totals.months_by_status.energy_deficit"), 1, "energy months");
    near(json_num("totals.months_by_status.capacity_deficit"), 1, "capacity months");
    near(json_num("totals.months_by_status.both"), 0, "both");
    near(json_num("totals.energy_deficit_months"), 1, "energy deficit months");
    near(json_num("totals.capacity_deficit_months"), 1, "capacity deficit months");
    cr_assert_str_eq(json_get("totals.worst_capacity_month"), "2025-03");
    near(json_num("totals.worst_capacity_balance_mw"), -30, "worst");
    cr_assert(isnan(json_num("totals.days_at_risk")));
    cr_assert(isnan(json_num("totals.mw_days_at_risk")));
    json_months_are(b);
    lf_balance_free(b);
}

/* February-March with daily peaks: 3 days, 19 MW-days, the worst day. */
Test(balance_write, json_with_days_at_risk)
{
    lf_balance_spec s = feb_mar();
    lf_balance *b = run(&s);
    lf_error err;
    cr_assert_eq(lf_balance_write_json(tmp_path("c.json"), b, &err), LF_OK, "%s", err.message);
    json_read(tmp_path("c.json"));
    cr_assert_str_eq(json_get("spec.daily_peaks"), "true");
    cr_assert_str_eq(json_get("spec.scenario"), "null");
    near(json_num("totals.days_at_risk"), 3, "days");
    near(json_num("totals.mw_days_at_risk"), 19, "MW-days");
    cr_assert_str_eq(json_get("months[0].worst_day"), "2025-02-20");
    cr_assert_str_eq(json_get("months[1].worst_day"), "null");
    json_months_are(b);
    lf_balance_free(b);
}

/* Refused arguments are LF_ERR_ARG, a directory that does not exist
 * LF_ERR_IO; neither leaves a file. */
Test(balance_write, refused_and_failed_writes_leave_nothing)
{
    lf_balance_spec s = three_months();
    lf_balance *b = run(&s);
    lf_error err;
    cr_assert_eq(lf_balance_write_csv(NULL, b, &err), LF_ERR_ARG);
    cr_assert_eq(lf_balance_write_json(tmp_path("x.json"), NULL, &err), LF_ERR_ARG);
    has(&err, "needs a plan made by lf_balance_run");
    lf_balance broken = *b;
    broken.nmonths = 0;
    cr_assert_eq(lf_balance_write_csv(tmp_path("x.csv"), &broken, &err), LF_ERR_ARG);
    cr_assert_eq(access(tmp_path("x.json"), F_OK), -1);
    cr_assert_eq(access(tmp_path("x.csv"), F_OK), -1);
    cr_assert_eq(lf_balance_write_csv(tmp_path("no/such/dir.csv"), b, &err), LF_ERR_IO);
    cr_assert_eq(lf_balance_write_json(tmp_path("no/such/dir.json"), b, &err), LF_ERR_IO);
    DIR *d = opendir(tmpdir);
    int entries = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        entries += e->d_name[0] != '.';
    closedir(d);
    cr_assert_eq(entries, 0, "a file was left behind");
    lf_balance_free(b);
}

/* ---- reading lfc forecast's monthly file -------------------------------------------------- */

/* The fixture's base rows are the three months above; high's are
 * 1050/1200, 1200/1400, 950/1000 MWh and 95/108, 85/104, 115/130 MW. */
Test(balance_demand, fixture_scenarios)
{
    lf_balance_demand *d = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_csv(MONTHLY, NULL, "p90", &d, &err), LF_OK, "%s",
                 err.message);
    cr_assert_str_eq(d->scenario, "base", "the file's first scenario");
    cr_assert_str_eq(d->high_label, "p90");
    cr_assert_eq(d->year, 2025);
    cr_assert_eq(d->month, 1);
    cr_assert_eq(d->nmonths, 3);
    for (size_t k = 0; k < 3; k++) {
        near(d->energy_p50[k], E50[k], "energy p50");
        near(d->energy_high[k], E90[k], "energy p90");
        near(d->peak_p50[k], P50[k], "peak p50");
        near(d->peak_high[k], P90[k], "peak p90");
    }
    lf_balance_demand_free(d);
    cr_assert_eq(lf_balance_demand_from_csv(MONTHLY, "high", "P90", &d, &err), LF_OK, "%s",
                 err.message);
    cr_assert_str_eq(d->scenario, "high");
    const double eh[] = {1200, 1400, 1000}, ph[] = {108, 104, 130}, e50[] = {1050, 1200, 950};
    for (size_t k = 0; k < 3; k++) {
        near(d->energy_high[k], eh[k], "high energy p90");
        near(d->peak_high[k], ph[k], "high peak p90");
        near(d->energy_p50[k], e50[k], "high energy p50");
    }
    lf_balance_demand_free(d);
}

/* The fixture's demand through the plan gives the hand figures above. */
Test(balance_demand, fixture_through_the_plan)
{
    lf_balance_demand *d = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_csv(MONTHLY, "base", "p90", &d, &err), LF_OK);
    lf_balance_spec s = three_months();
    s.high_label = NULL;
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 0, 0, 0, &err), LF_OK, "%s", err.message);
    cr_assert_eq(s.nmonths, 3);
    lf_balance *b = run(&s);
    near(b->months[1].energy_balance_high, -100, "February");
    near(b->months[2].capacity_balance_mw, -30, "March");
    cr_assert_str_eq(b->scenario, "base");
    cr_assert_str_eq(b->high_label, "p90");
    lf_balance_free(b);
    lf_balance_demand_free(d);
}

/* p10 as the "high" quantile: 950 < 1000 on the first row (line 2), whose
 * energy_mwh_p10 field starts at column 42 (after "base,2025-01,2025-01-01,
 * 2025-01-31,31,31,", 41 characters). */
Test(balance_demand, high_below_p50_in_the_fixture)
{
    lf_balance_demand *d = (lf_balance_demand *)&d;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_csv(MONTHLY, NULL, "p10", &d, &err), LF_ERR_DATA);
    cr_assert_null(d);
    cr_assert_str_eq(err.message, MONTHLY ":2:42: 'energy_mwh_p10' 950 is below "
                                  "'energy_mwh_p50' 1000; the high quantile must be at least "
                                  "the P50");
}

/* A scratch file with the header below; columns of a row such as
 * "base,2025-01,31,31,1000,1100,90,100": scenario 1, period 6, days 14,
 * calendar_days 17, energy p50 20, p90 25, peak p50 30, p90 33. */
#define MHEAD "scenario,period,days,calendar_days,energy_mwh_p50,energy_mwh_p90,peak_mw_p50," \
              "peak_mw_p90\n"
#define JAN "base,2025-01,31,31,1000,1100,90,100\n"
#define FEB "base,2025-02,28,28,1000,1100,90,100\n"
#define MAR "base,2025-03,31,31,1000,1100,90,100\n"

/* Reading text must fail with code and a message that is exactly
 * "<path>:<where>" followed by what. */
static void monthly_fails(const char *text, const char *scenario, const char *high, int code,
                          const char *where, const char *what)
{
    scratch s;
    scratch_write(&s, "monthly.csv", text);
    lf_balance_demand *d = NULL;
    lf_error err;
    int rc = lf_balance_demand_from_csv(s.path, scenario, high, &d, &err);
    char want[600];
    snprintf(want, sizeof want, "%s%s%s", s.path, where, what);
    scratch_remove(&s);
    cr_assert_eq(rc, code, "got %d (%s), want %d", rc, err.message, code);
    cr_assert_null(d);
    cr_assert(strncmp(err.message, want, strlen(want)) == 0, "got '%s', want '%s'",
              err.message, want);
}

Test(balance_demand, months_in_order_without_gaps)
{
    monthly_fails(MHEAD JAN MAR, NULL, "p90", LF_ERR_DATA, ":3:6: ",
                  "2025-03 follows 2025-01: 2025-02 is missing; the months must be consecutive");
    monthly_fails(MHEAD JAN "base,2025-04,30,30,1,1,1,1\n", NULL, "p90", LF_ERR_DATA, ":3:6: ",
                  "2025-04 follows 2025-01: 2025-02 .. 2025-03 are missing");
    monthly_fails(MHEAD JAN FEB FEB, NULL, "p90", LF_ERR_DATA, ":4:6: ",
                  "2025-02 is given twice (first on line 3)");
    monthly_fails(MHEAD FEB JAN, NULL, "p90", LF_ERR_DATA, ":3:6: ",
                  "2025-01 follows 2025-02: the months must be in order");
}

Test(balance_demand, malformed_periods)
{
    monthly_fails(MHEAD JAN "base,2025-2,28,28,1000,1100,90,100\n", NULL, "p90", LF_ERR_PARSE,
                  ":3:6: ", "period '2025-2' is not a month YYYY-MM");
    monthly_fails(MHEAD "base,2025-13,31,31,1000,1100,90,100\n", NULL, "p90", LF_ERR_PARSE,
                  ":2:6: ", "period '2025-13' is not a month YYYY-MM");
    monthly_fails(MHEAD "base,2025-01-01,1,1,1000,1100,90,100\n", NULL, "p90", LF_ERR_PARSE,
                  ":2:6: ", "period '2025-01-01' is not a month YYYY-MM; this looks like a "
                  "daily file (lfc forecast writes the months to forecast_monthly.csv)");
}

/* A month forecast from its 22nd has 10 of its 31 days: its energy is a
 * third of the month's. */
Test(balance_demand, partial_month)
{
    monthly_fails(MHEAD "base,2025-01,10,31,1000,1100,90,100\n", NULL, "p90", LF_ERR_DATA,
                  ":2:14: ", "2025-01 is forecast for 10 of its 31 days; a balance month is a "
                  "whole calendar month");
}

Test(balance_demand, values)
{
    monthly_fails(MHEAD "base,2025-01,31,31,1000,,90,100\n", NULL, "p90", LF_ERR_DATA,
                  ":2:25: ", "no value in 'energy_mwh_p90'");
    monthly_fails(MHEAD "base,2025-01,31,31,1000,1100,-5,100\n", NULL, "p90", LF_ERR_DATA,
                  ":2:30: ", "'peak_mw_p50' must not be negative, got -5");
    monthly_fails(MHEAD "base,2025-01,31,31,1000,1100,90,80\n", NULL, "p90", LF_ERR_DATA,
                  ":2:33: ", "'peak_mw_p90' 80 is below 'peak_mw_p50' 90");
    monthly_fails(MHEAD "base,2025-01,31,31,1e,1100,90,100\n", NULL, "p90", LF_ERR_PARSE,
                  ":2:20: ", "");
    monthly_fails(MHEAD "base,2025-01,31,31,1000,1100,90\n", NULL, "p90", LF_ERR_PARSE,
                  ":2: ", "row has 7 fields but the header has 8");
}

Test(balance_demand, columns_scenarios_and_rows)
{
    monthly_fails(MHEAD JAN, NULL, "p95", LF_ERR_NOTFOUND, ":1: ",
                  "no column 'energy_mwh_p95' in the header");
    monthly_fails(MHEAD JAN, "mid", "p90", LF_ERR_DATA, ": ",
                  "no rows of scenario 'mid'; the file has: base");
    monthly_fails("period,energy_mwh_p50,energy_mwh_p90,peak_mw_p50,peak_mw_p90\n"
                  "2025-01,1,1,1,1\n", "base", "p90", LF_ERR_NOTFOUND, ":1: ",
                  "no 'scenario' column to take scenario 'base' from; pass no scenario (NULL) "
                  "for a file of one series");
    monthly_fails(MHEAD, NULL, "p90", LF_ERR_DATA, ": ", "no months");
    lf_balance_demand *d = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_csv(MONTHLY, NULL, "p50", &d, &err), LF_ERR_ARG);
    has(&err, "the high quantile's label is p50, the median's");
}

/* A file of one series (no scenario column, no days columns) is read whole. */
Test(balance_demand, one_series_without_day_counts)
{
    scratch s;
    scratch_write(&s, "m.csv", "period,energy_mwh_p50,energy_mwh_p95,peak_mw_p50,peak_mw_p95\n"
                               "2024-12,10,12,1,2\n2025-01,20,22,3,4\n");
    lf_balance_demand *d = NULL;
    lf_error err;
    int rc = lf_balance_demand_from_csv(s.path, NULL, "p95", &d, &err);
    scratch_remove(&s);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    cr_assert_eq(d->year, 2024);
    cr_assert_eq(d->month, 12);
    cr_assert_eq(d->nmonths, 2);
    cr_assert_str_eq(d->scenario, "");
    near(d->energy_high[1], 22, "energy p95 of 2025-01");
    near(d->peak_high[0], 2, "peak p95 of 2024-12");
    lf_balance_demand_free(d);
}

/* 241 months from 2000-01: the 241st (2020-01) is on line 242. */
Test(balance_demand, at_most_240_months)
{
    static char text[16384];
    size_t used = (size_t)snprintf(text, sizeof text, "%s", MHEAD);
    for (int k = 0; k < 241; k++) {
        int y = 2000 + k / 12, m = k % 12 + 1;
        used += (size_t)snprintf(text + used, sizeof text - used,
                                 "base,%04d-%02d,%d,%d,1,1,1,1\n", y, m,
                                 lf_days_in_month(y, m), lf_days_in_month(y, m));
    }
    monthly_fails(text, NULL, "p90", LF_ERR_DATA, ":242:6: ",
                  "2020-01: more than 240 months; a balance plan covers at most 240");
}

Test(balance_demand, arguments)
{
    lf_balance_demand *d = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_csv(FIXTURES "no_such.csv", NULL, "p90", &d, &err),
                 LF_ERR_IO);
    cr_assert_null(d);
    cr_assert_eq(lf_balance_demand_from_csv(MONTHLY, NULL, NULL, &d, &err), LF_ERR_ARG);
    has(&err, "give the high quantile's label, such as p90");
    cr_assert_eq(lf_balance_demand_from_csv(NULL, NULL, "p90", &d, &err), LF_ERR_ARG);
    cr_assert_eq(lf_balance_demand_from_csv(MONTHLY, NULL, "p90", NULL, &err), LF_ERR_ARG);
    lf_balance_demand_free(NULL);
}

/* ---- reading lfc forecast's daily file ------------------------------------------------------- */

/* The fixture's base peaks P90: 90 MW every day of 2025-02-01 .. 2025-03-31
 * but 96 on 10 Feb and 3 Mar, 100 on 10 Mar, 110 on 17 and 18 Mar, 101 on
 * 31 Mar; high's are 5 MW more. */
Test(balance_demand, daily_fixture)
{
    lf_balance_daily *d = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_daily_from_csv(DAILY, NULL, "p90", &d, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(d->first, D(2025, 2, 1));
    cr_assert_eq(d->ndays, 59);
    cr_assert_str_eq(d->scenario, "base");
    near(d->peak_mw[9], 96, "10 Feb");
    near(d->peak_mw[28 + 16], 110, "17 Mar");
    near(d->peak_mw[58], 101, "31 Mar");
    near(d->peak_mw[1], 90, "2 Feb");
    lf_balance_daily_free(d);
    cr_assert_eq(lf_balance_daily_from_csv(DAILY, "high", "p90", &d, &err), LF_OK);
    near(d->peak_mw[58], 106, "high, 31 Mar");
    lf_balance_daily_free(d);
    cr_assert_eq(lf_balance_daily_from_csv(DAILY, NULL, "p50", &d, &err), LF_ERR_ARG);
}

/* Columns of "base,2025-02-01,90": scenario 1, period 6, peak 17. */
#define DHEAD "scenario,period,peak_mw_p90\n"

static void daily_fails(const char *text, int code, const char *where, const char *what)
{
    scratch s;
    scratch_write(&s, "daily.csv", text);
    lf_balance_daily *d = NULL;
    lf_error err;
    int rc = lf_balance_daily_from_csv(s.path, NULL, "p90", &d, &err);
    char want[600];
    snprintf(want, sizeof want, "%s%s%s", s.path, where, what);
    scratch_remove(&s);
    cr_assert_eq(rc, code, "got %d (%s), want %d", rc, err.message, code);
    cr_assert_null(d);
    cr_assert(strncmp(err.message, want, strlen(want)) == 0, "got '%s', want '%s'",
              err.message, want);
}

Test(balance_demand, daily_errors)
{
    daily_fails(DHEAD "base,2025-02-01,90\nbase,2025-02-03,90\n", LF_ERR_DATA, ":3:6: ",
                "2025-02-03 follows 2025-02-01: 2025-02-02 is missing; the days must be "
                "consecutive");
    daily_fails(DHEAD "base,2025-02-01,90\nbase,2025-02-05,90\n", LF_ERR_DATA, ":3:6: ",
                "2025-02-05 follows 2025-02-01: 2025-02-02 .. 2025-02-04 are missing");
    daily_fails(DHEAD "base,2025-02-01,90\nbase,2025-02-02,90\nbase,2025-02-02,90\n",
                LF_ERR_DATA, ":4:6: ", "2025-02-02 is given twice (first on line 3)");
    daily_fails(DHEAD "base,2025-02-02,90\nbase,2025-02-01,90\n", LF_ERR_DATA, ":3:6: ",
                "2025-02-01 follows 2025-02-02: the days must be in order");
    daily_fails(DHEAD "base,2025-02-30,90\n", LF_ERR_RANGE, ":2:6: ", "");
    daily_fails(DHEAD "base,2025-02-01,\n", LF_ERR_DATA, ":2:17: ",
                "no value in 'peak_mw_p90'");
    daily_fails(DHEAD "base,2025-02-01,-3\n", LF_ERR_DATA, ":2:17: ",
                "'peak_mw_p90' must not be negative, got -3");
    daily_fails("scenario,day,peak_mw_p90\nbase,2025-02-01,90\n", LF_ERR_NOTFOUND, ":1: ",
                "no date column: expected one named 'date' (or 'period', as lfc forecast "
                "writes it); columns are: scenario, day, peak_mw_p90");
    daily_fails(DHEAD, LF_ERR_DATA, ": ", "no days");
}

/* A date column named 'date' and no scenario column: one series. */
Test(balance_demand, daily_with_a_date_column)
{
    scratch s;
    scratch_write(&s, "d.csv", "date,peak_mw_p90\n2024-02-28,5\n2024-02-29,6\n2024-03-01,7\n");
    lf_balance_daily *d = NULL;
    lf_error err;
    int rc = lf_balance_daily_from_csv(s.path, NULL, "p90", &d, &err);
    scratch_remove(&s);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    cr_assert_eq(d->first, D(2024, 2, 28));
    cr_assert_eq(d->ndays, 3);
    near(d->peak_mw[2], 7, "1 Mar");
    lf_balance_daily_free(d);
}

/* ---- pointing a spec at the months and days ----------------------------------------------- */

/* The fixture covers 2025-01 .. 2025-03: from February to the end is two
 * months starting at February's 1150 MWh; 2025-03 + 2 months lacks 2025-04;
 * 2024-11 + 3 months lacks 2024-11 .. 2024-12. */
Test(balance_demand, set_demand_windows)
{
    lf_balance_demand *d = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_csv(MONTHLY, "base", "p90", &d, &err), LF_OK);
    lf_balance_spec s;
    lf_balance_spec_init(&s);
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 2025, 2, 0, &err), LF_OK, "%s", err.message);
    cr_assert_eq(s.nmonths, 2);
    cr_assert_eq(s.month, 2);
    near(s.energy_p50[0], 1150, "February first");
    near(s.peak_high[1], 120, "then March");
    cr_assert_str_eq(s.high_label, "p90");
    cr_assert_str_eq(s.scenario, "base");
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 2025, 3, 2, &err), LF_ERR_ARG);
    has(&err, "the demand forecast (scenario 'base') covers 2025-01 .. 2025-03; the balance "
              "plan asks for 2025-03 .. 2025-04: 2025-04 is missing");
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 2024, 11, 3, &err), LF_ERR_ARG);
    has(&err, "asks for 2024-11 .. 2025-01: 2024-11 .. 2024-12 are missing");
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 2025, 4, 0, &err), LF_ERR_ARG);
    has(&err, "asks for 2025-04 .. 2025-04: 2025-04 is missing");
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 2025, 13, 1, &err), LF_ERR_ARG);
    has(&err, "first month 2025-13 is not a month");
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 2025, 1, 241, &err), LF_ERR_ARG);
    has(&err, "at most 240 months");
    lf_balance_demand_free(d);
}

/* February-March of the fixture's base scenario with its daily peaks,
 * reserve 0.25, supply 800 + 400 MWh, capacity 100 + 40 MW less outages of
 * 10 (February: 130, limit 104) and 20 (March: 120, limit 96).
 * February: demand P90 1300 > 1200 (energy deficit), peak 96 x 1.25 = 120
 * <= 130; no day above 104 (the highest is 96).
 * March: 120 x 1.25 = 150 > 120 (capacity deficit); 3 Mar at 96 is at the
 * limit, not at risk; 10 Mar 100 (4 over), 17 and 18 Mar 110 (14 over each),
 * 31 Mar 101 (5 over): 4 days, the worst 17 Mar by 14, 37 MW-days. */
Test(balance_demand, fixture_days_at_risk)
{
    lf_balance_demand *d = NULL;
    lf_balance_daily *dd = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_csv(MONTHLY, "base", "p90", &d, &err), LF_OK);
    cr_assert_eq(lf_balance_daily_from_csv(DAILY, "base", "p90", &dd, &err), LF_OK);
    lf_balance_spec s = three_months();
    s.own_mwh = OWN_MWH + 1, s.purchase_mwh = PURCHASE + 1;
    s.own_mw = OWN_MW + 1, s.import_mw = IMPORT + 1, s.outage_mw = OUTAGE + 1;
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 2025, 2, 2, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_balance_spec_set_daily(&s, dd, &err), LF_OK, "%s", err.message);
    cr_assert_eq(s.daily_first, D(2025, 2, 1));
    cr_assert_eq(s.ndays, 59);
    lf_balance *b = run(&s);
    const lf_balance_month *feb = &b->months[0], *mar = &b->months[1];
    cr_assert_eq(feb->status, LF_BALANCE_ENERGY_DEFICIT);
    near(feb->limit_mw, 104, "February's limit");
    near(feb->days_at_risk, 0, "February");
    cr_assert_eq(mar->status, LF_BALANCE_CAPACITY_DEFICIT);
    near(mar->limit_mw, 96, "March's limit");
    near(mar->days_at_risk, 4, "March");
    cr_assert_eq(mar->worst_day, D(2025, 3, 17));
    near(mar->worst_shortfall_mw, 14, "worst");
    near(mar->mw_days_at_risk, 37, "MW-days");
    near(b->totals.days_at_risk, 4, "days in all");
    lf_balance_free(b);
    lf_balance_daily_free(dd);
    lf_balance_demand_free(d);
}

/* The daily fixture starts on 1 Feb: January's days are missing.  Daily
 * peaks of another scenario or quantile, or before the months are set,
 * are refused. */
Test(balance_demand, set_daily_refuses)
{
    lf_balance_demand *d = NULL;
    lf_balance_daily *dd = NULL;
    lf_error err;
    cr_assert_eq(lf_balance_demand_from_csv(MONTHLY, "base", "p90", &d, &err), LF_OK);
    cr_assert_eq(lf_balance_daily_from_csv(DAILY, "high", "p90", &dd, &err), LF_OK);
    lf_balance_spec s;
    lf_balance_spec_init(&s);
    cr_assert_eq(lf_balance_spec_set_daily(&s, dd, &err), LF_ERR_ARG);
    has(&err, "set the balance months before the daily peaks: ");
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 2025, 2, 2, &err), LF_OK);
    cr_assert_eq(lf_balance_spec_set_daily(&s, dd, &err), LF_ERR_ARG);
    has(&err, "the daily peaks are of scenario 'high', the monthly demand of 'base'");
    snprintf(dd->scenario, sizeof dd->scenario, "base");
    snprintf(dd->high_label, sizeof dd->high_label, "p95");
    cr_assert_eq(lf_balance_spec_set_daily(&s, dd, &err), LF_ERR_ARG);
    has(&err, "the daily peaks are at p95, the monthly demand at p90");
    snprintf(dd->high_label, sizeof dd->high_label, "p90");
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 2025, 1, 3, &err), LF_OK);
    cr_assert_eq(lf_balance_spec_set_daily(&s, dd, &err), LF_ERR_ARG);
    has(&err, "the daily peaks (scenario 'base') cover 2025-02-01 .. 2025-03-31; the balance "
              "months need every day of 2025-01-01 .. 2025-03-31: 2025-01-01 .. 2025-01-31 "
              "are missing");
    cr_assert_eq(lf_balance_spec_set_demand(&s, d, 2025, 3, 1, &err), LF_OK);
    cr_assert_eq(lf_balance_spec_set_daily(&s, dd, &err), LF_OK, "%s", err.message);
    cr_assert_eq(s.ndays, 31);
    near(s.daily_peak_mw[30], 106, "31 Mar (high's peak, relabelled base above)");
    lf_balance_daily_free(dd);
    lf_balance_demand_free(d);
}
