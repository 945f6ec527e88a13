/* test_connections.c - new connections and known load changes
 * (libforecast/forecast/connections.c): defaults, checks, the ramp to full
 * load and the energy and peak added per day, every expected value worked out
 * by hand in the comments from the rules in scenario.h. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "libforecast/scenario.h"

static lf_date D(int y, int m, int d) { return lf_date_from_ymd(y, m, d); }

/* got == want to 1e-9 relative. */
#define NEAR(got, want)                                                                   \
    do {                                                                                  \
        double g_ = (got), w_ = (want);                                                   \
        cr_assert(fabs(g_ - w_) <= 1e-9 * fmax(1.0, fabs(w_)), "%s = %.17g, want %.17g", \
                  #got, g_, w_);                                                          \
    } while (0)

/* A checked connection "plant": capacity cap MW at load factor lf, no ramp. */
static lf_connection plant(lf_date start, double cap, double lf)
{
    lf_connection c;
    lf_connection_init(&c);
    strcpy(c.name, "plant");
    c.start = start;
    c.capacity_mw = cap;
    c.load_factor = lf;
    lf_error err;
    cr_assert_eq(lf_connection_check(&c, &err), LF_OK, "%s", err.message);
    return c;
}

static double energy(const lf_connection *c, lf_date d)
{
    double e = NAN, p = NAN;
    lf_connection_day(c, d, &e, &p);
    return e;
}

static double peak(const lf_connection *c, lf_date d)
{
    double e = NAN, p = NAN;
    lf_connection_day(c, d, &e, &p);
    return p;
}

Test(connection, init_defaults)
{
    lf_connection c;
    memset(&c, 0x5a, sizeof c);
    lf_connection_init(&c);
    cr_assert_eq(c.name[0], '\0');
    cr_assert_eq(c.start, 0);
    cr_assert_eq(c.end, 0);
    cr_assert_eq(c.capacity_mw, 0);
    cr_assert_eq(c.ramp_months, 0);
    cr_assert(isnan(c.load_factor) && isnan(c.annual_mwh));
    cr_assert_eq(c.coincidence, 1);
}

/* ---- ramp ---------------------------------------------------------------------------- */

/* start 2025-01-01, 3 months: full load on the day before 2025-04-01, i.e.
 * 2025-03-31; L = 31 + 28 + 31 = 90 days.
 *   2025-01-01  1/90      2025-02-14  (31 + 14)/90 = 0.5
 *   2025-03-30  89/90     2025-03-31  1 exactly, and 1 after */
Test(connection_ramp, three_months_from_new_year)
{
    lf_connection c = plant(D(2025, 1, 1), 10, 0.5);
    c.ramp_months = 3;
    cr_assert_eq(lf_connection_ramp(&c, D(2024, 12, 31)), 0);
    NEAR(lf_connection_ramp(&c, D(2025, 1, 1)), 1.0 / 90);
    NEAR(lf_connection_ramp(&c, D(2025, 2, 14)), 0.5);
    NEAR(lf_connection_ramp(&c, D(2025, 3, 30)), 89.0 / 90);
    cr_assert_eq(lf_connection_ramp(&c, D(2025, 3, 31)), 1.0);
    cr_assert_eq(lf_connection_ramp(&c, D(2025, 4, 1)), 1.0);
    cr_assert_eq(lf_connection_ramp(&c, D(2030, 1, 1)), 1.0);
}

/* No ramp: 1 from the start day on, 0 the day before. */
Test(connection_ramp, no_ramp_is_full_at_once)
{
    lf_connection c = plant(D(2025, 5, 10), 10, 0.5);
    cr_assert_eq(lf_connection_ramp(&c, D(2025, 5, 9)), 0);
    cr_assert_eq(lf_connection_ramp(&c, D(2025, 5, 10)), 1);
}

/* start 2025-01-31 + 1 month: 31 Feb clamps to 2025-02-28, so full load on
 * 2025-02-27 and L = 28.  In 2024 it clamps to 02-29: full on 02-28, L = 29. */
Test(connection_ramp, month_end_clamps)
{
    lf_connection c = plant(D(2025, 1, 31), 10, 0.5);
    c.ramp_months = 1;
    NEAR(lf_connection_ramp(&c, D(2025, 1, 31)), 1.0 / 28);
    NEAR(lf_connection_ramp(&c, D(2025, 2, 26)), 27.0 / 28);
    cr_assert_eq(lf_connection_ramp(&c, D(2025, 2, 27)), 1.0);
    c.start = D(2024, 1, 31);
    NEAR(lf_connection_ramp(&c, D(2024, 2, 27)), 28.0 / 29);
    cr_assert_eq(lf_connection_ramp(&c, D(2024, 2, 28)), 1.0);
}

/* Across a year end: 2025-11-15 + 3 months = 2026-02-15, L = 30 + 31 + 31 = 92;
 * 2025-12-31 is day 16 + 31 = 47 of the ramp. */
Test(connection_ramp, across_year_end)
{
    lf_connection c = plant(D(2025, 11, 15), 10, 0.5);
    c.ramp_months = 3;
    NEAR(lf_connection_ramp(&c, D(2025, 12, 31)), 47.0 / 92);
    NEAR(lf_connection_ramp(&c, D(2026, 2, 13)), 91.0 / 92);
    cr_assert_eq(lf_connection_ramp(&c, D(2026, 2, 14)), 1.0);
}

/* 120 months from 2025-03-15: to 2035-03-15 is 3650 + 2 leap days = 3652;
 * 2030-03-14 is day 1826 (5 years, one leap day) = exactly half. */
Test(connection_ramp, ten_years)
{
    lf_connection c = plant(D(2025, 3, 15), 10, 0.5);
    c.ramp_months = 120;
    NEAR(lf_connection_ramp(&c, D(2030, 3, 14)), 0.5);
    cr_assert_eq(lf_connection_ramp(&c, D(2035, 3, 14)), 1.0);
    cr_assert(lf_connection_ramp(&c, D(2035, 3, 13)) < 1);
}

/* end 2025-06-30: full on the end day, nothing the day after. */
Test(connection_ramp, nothing_after_end)
{
    lf_connection c = plant(D(2025, 1, 1), 10, 0.5);
    c.end = D(2025, 6, 30);
    c.ramp_months = 12;
    /* L = 365; 2025-06-30 is day 181 */
    NEAR(lf_connection_ramp(&c, D(2025, 6, 30)), 181.0 / 365);
    cr_assert_eq(lf_connection_ramp(&c, D(2025, 7, 1)), 0);
    double e = 1, p = 1;
    lf_connection_day(&c, D(2025, 7, 1), &e, &p);
    cr_assert(e == 0 && p == 0, "after end: %g MWh %g MW", e, p);
    lf_connection_day(&c, D(2024, 12, 31), &e, &p);
    cr_assert(e == 0 && p == 0, "before start: %g MWh %g MW", e, p);
}

/* ---- energy and peak ----------------------------------------------------------------- */

/* 50 MW at load factor 0.6: 50 x 0.6 x 24 = 720 MWh a day; peak 50 x 0.8 = 40
 * MW with coincidence 0.8.  Mid-ramp (0.5): 360 MWh and 20 MW. */
Test(connection_day, load_factor_energy_and_coincident_peak)
{
    lf_connection c = plant(D(2025, 1, 1), 50, 0.6);
    c.coincidence = 0.8;
    NEAR(energy(&c, D(2025, 8, 1)), 720);
    NEAR(peak(&c, D(2025, 8, 1)), 40);
    c.ramp_months = 3; /* 2025-02-14 is ramp 0.5, see above */
    NEAR(energy(&c, D(2025, 2, 14)), 360);
    NEAR(peak(&c, D(2025, 2, 14)), 20);
}

/* annual 43800 MWh on 10 MW (implied load factor 43800/87600 = 0.5): 2024 is
 * a leap year, 43800/366 a day, summing to 43800 over the year; 2025: 120. */
Test(connection_day, annual_energy_per_day_in_a_leap_year)
{
    lf_connection c;
    lf_connection_init(&c);
    strcpy(c.name, "smelter");
    c.start = D(2024, 1, 1);
    c.capacity_mw = 10;
    c.annual_mwh = 43800;
    lf_error err;
    cr_assert_eq(lf_connection_check(&c, &err), LF_OK, "%s", err.message);
    NEAR(energy(&c, D(2024, 2, 29)), 43800.0 / 366);
    NEAR(energy(&c, D(2025, 2, 28)), 120);
    double sum = 0;
    for (lf_date d = D(2024, 1, 1); d <= D(2024, 12, 31); d++)
        sum += energy(&c, d);
    NEAR(sum, 43800);
    NEAR(peak(&c, D(2024, 6, 1)), 10);
}

/* A plant closing: -20 MW at load factor 0.5 takes 240 MWh and 20 MW away;
 * given as annual -43800 MWh on -10 MW it takes 120 MWh a day in 2025. */
Test(connection_day, negative_capacity_subtracts)
{
    lf_connection c = plant(D(2025, 1, 1), -20, 0.5);
    NEAR(energy(&c, D(2025, 3, 1)), -240);
    NEAR(peak(&c, D(2025, 3, 1)), -20);
    c.load_factor = NAN;
    c.capacity_mw = -10;
    c.annual_mwh = -43800;
    lf_error err;
    cr_assert_eq(lf_connection_check(&c, &err), LF_OK, "%s", err.message);
    NEAR(energy(&c, D(2025, 3, 1)), -120);
    NEAR(peak(&c, D(2025, 3, 1)), -10);
}

Test(connection_day, null_outputs_allowed)
{
    lf_connection c = plant(D(2025, 1, 1), 5, 1);
    double e = 0;
    lf_connection_day(&c, D(2025, 1, 2), &e, NULL);
    NEAR(e, 120);
    lf_connection_day(&c, D(2025, 1, 2), NULL, NULL);
}

/* ---- check ------------------------------------------------------------------------------ */

static lf_connection good(void)
{
    lf_connection c;
    lf_connection_init(&c);
    strcpy(c.name, "plant");
    c.start = D(2025, 1, 1);
    c.capacity_mw = 10;
    c.load_factor = 0.5;
    return c;
}

static void expect_bad(const lf_connection *c, const char *needle)
{
    lf_error err;
    cr_assert_eq(lf_connection_check(c, &err), LF_ERR_ARG, "accepted (want '%s')", needle);
    cr_assert(strstr(err.message, needle), "message '%s' lacks '%s'", err.message, needle);
}

Test(connection_check, accepts)
{
    lf_error err;
    lf_connection c = good();
    cr_assert_eq(lf_connection_check(&c, &err), LF_OK, "%s", err.message);
    c.start = 0; /* 1970-01-01 is a day like any other */
    c.end = 0;
    cr_assert_eq(lf_connection_check(&c, &err), LF_OK, "%s", err.message);
    c = good();
    c.end = c.start; /* a one-day connection */
    c.ramp_months = 120;
    c.coincidence = 0;
    cr_assert_eq(lf_connection_check(&c, &err), LF_OK, "%s", err.message);
    c = good();
    c.load_factor = NAN;
    c.capacity_mw = 1;
    c.annual_mwh = 8760; /* implied load factor exactly 1 */
    cr_assert_eq(lf_connection_check(&c, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_connection_check(NULL, &err), LF_ERR_ARG);
}

Test(connection_check, rejects)
{
    lf_connection c;
    c = good(); c.name[0] = '\0';
    expect_bad(&c, "name");
    c = good(); memset(c.name, 'x', sizeof c.name);
    expect_bad(&c, "longer");
    c = good(); c.end = c.start - 1;
    expect_bad(&c, "connection 'plant': end");
    c = good(); c.start = D(1, 1, 1) - 1;
    expect_bad(&c, "start");
    c = good(); c.capacity_mw = 0;
    expect_bad(&c, "capacity");
    c = good(); c.capacity_mw = NAN;
    expect_bad(&c, "capacity");
    c = good(); c.capacity_mw = INFINITY;
    expect_bad(&c, "capacity");
    c = good(); c.ramp_months = -1;
    expect_bad(&c, "ramp");
    c = good(); c.ramp_months = 121;
    expect_bad(&c, "0..120");
    c = good(); c.annual_mwh = 100;
    expect_bad(&c, "not both");
    c = good(); c.load_factor = NAN;
    expect_bad(&c, "neither");
    c = good(); c.load_factor = 0;
    expect_bad(&c, "load factor");
    c = good(); c.load_factor = 1.0000001;
    expect_bad(&c, "load factor");
    c = good(); c.load_factor = INFINITY;
    expect_bad(&c, "load factor");
    c = good(); c.load_factor = NAN; c.annual_mwh = -100;
    expect_bad(&c, "same sign");
    c = good(); c.load_factor = NAN; c.annual_mwh = 0;
    expect_bad(&c, "annual");
    c = good(); c.load_factor = NAN; c.annual_mwh = INFINITY;
    expect_bad(&c, "finite");
    c = good(); c.load_factor = NAN; c.capacity_mw = 1; c.annual_mwh = 8761;
    expect_bad(&c, "cannot deliver");
    c = good(); c.coincidence = -0.1;
    expect_bad(&c, "coincidence");
    c = good(); c.coincidence = 1.1;
    expect_bad(&c, "coincidence");
    c = good(); c.coincidence = NAN;
    expect_bad(&c, "connection 'plant': coincidence");
}
