/* make_sample.h - what make_sample.c, make_portfolio.c and make_crm.c share:
 * the periods and seeds, the state the generators fill in, and a few helpers
 * (defined in make_sample.c).  Internal to the generator, not part of
 * libforecast. */
#ifndef MAKE_SAMPLE_H
#define MAKE_SAMPLE_H

#include <stdio.h>

#include <gsl/gsl_rng.h>

#include "libforecast/calendar.h"
#include "libforecast/date.h"
#include "libforecast/peakshift.h"

/* ---- periods and seeds ------------------------------------------------------ */

enum {
    WX_FIRST_YEAR = 2005, WX_LAST_YEAR = 2024,     /* 20 weather years */
    ECON_FIRST_YEAR = 2004, ECON_LAST_YEAR = 2025, /* 2025 is a plan value */
    MONTHLY_FIRST_YEAR = 2019, MONTHLY_LAST_YEAR = 2024,
    LOAD_FIRST_YEAR = 2021, LOAD_LAST_YEAR = 2024,
    CUST_FIRST_YEAR = 2023, CUST_LAST_YEAR = 2024,
    CAL_FIRST_YEAR = 2020, CAL_LAST_YEAR = 2025
};
#define ECON_YEARS (ECON_LAST_YEAR - ECON_FIRST_YEAR + 1)
#define MONTHS (12 * (MONTHLY_LAST_YEAR - MONTHLY_FIRST_YEAR + 1))
#define CAL_YEARS (CAL_LAST_YEAR - CAL_FIRST_YEAR + 1)
#define CUST_MONTHS (12 * (CUST_LAST_YEAR - CUST_FIRST_YEAR + 1))
#define NMETERED 3 /* customers/C001.csv .. C003.csv */

enum {
    SEED_TEMPERATURE = 101, SEED_RAIN = 102, SEED_HUMIDITY = 103, SEED_HEAT_WAVES = 108,
    SEED_ECONOMY = 201, SEED_REGION = 301,
    SEED_C001 = 401, SEED_C002 = 402, SEED_C003 = 403,
    SEED_PORTFOLIO = 501,
    SEED_CRM = 601, SEED_CRM_ENERGY = 602, SEED_CRM_PAYMENTS = 603
};

/* ---- state shared by the generators ------------------------------------------ */

typedef struct wx_day {
    double tmin, tmax, tmean, humidity, rain; /* as written (rounded) */
    double heat_wave;  /* heat-wave anomaly added to tmean, degC */
    double t_eff;      /* exponentially smoothed tmean: heat build-up */
} wx_day;

typedef struct sample {
    const char *dir;
    lf_date wx_first;
    int wx_days;
    wx_day *wx;                     /* one per day from wx_first */
    double gdp[ECON_YEARS];         /* as written */
    double industrial[ECON_YEARS];  /* as written */
    double monthly[MONTHS];         /* industrial index as written */
    double cycle[MONTHS];           /* monthly / trend - 1 */
    lf_calendar *cal;
    lf_date sf_start[CAL_YEARS];    /* first day of the Spring Festival block */
    int sf_length[CAL_YEARS];
    double summer_peak;             /* largest hourly MW of June-August, as written */
    lf_time summer_peak_time;
    /* Sum of each month's 15-minute kW of customers/C00n.csv as written, in
     * 0.1 kW, so energy in kWh = sum x 0.1 x 0.25 exactly (crm/monthly.csv). */
    long long meter_tenths[NMETERED][CUST_MONTHS];
} sample;

/* ---- small helpers (make_sample.c) -------------------------------------------- */

void die(const char *what, const char *detail);
gsl_rng *rng_new(unsigned long seed);
double round_to(double v, double step);
FILE *open_out(const sample *s, const char *name);
void close_out(FILE *f, const char *name, long rows);

/* ---- demand-response portfolio (make_portfolio.c) ----------------------------- */

/* Writes portfolio.yaml; needs s->summer_peak from the region load.  Returns
 * the portfolio as lf_portfolio_load reads it back (lf_portfolio_free). */
lf_portfolio *make_portfolio(const sample *s);

/* ---- customer records (make_crm.c) --------------------------------------------- */

/* Writes crm/customers.csv, monthly.csv and payments.csv: the portfolio's
 * customers and 160 smaller ones; needs the weather, calendar, industrial
 * cycle and s->meter_tenths. */
void make_crm(const sample *s, const lf_portfolio *portfolio);

#endif
