/* make_sample.h - what make_sample.c and make_portfolio.c share: the periods
 * and seeds, the state the generators fill in, and a few helpers (defined in
 * make_sample.c).  Internal to the generator, not part of libforecast. */
#ifndef MAKE_SAMPLE_H
#define MAKE_SAMPLE_H

#include <stdio.h>

#include <gsl/gsl_rng.h>

#include "libforecast/calendar.h"
#include "libforecast/date.h"

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

enum {
    SEED_TEMPERATURE = 101, SEED_RAIN = 102, SEED_HUMIDITY = 103, SEED_HEAT_WAVES = 108,
    SEED_ECONOMY = 201, SEED_REGION = 301,
    SEED_C001 = 401, SEED_C002 = 402, SEED_C003 = 403,
    SEED_PORTFOLIO = 501
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
} sample;

/* ---- small helpers (make_sample.c) -------------------------------------------- */

void die(const char *what, const char *detail);
gsl_rng *rng_new(unsigned long seed);
double round_to(double v, double step);
FILE *open_out(const sample *s, const char *name);
void close_out(FILE *f, const char *name, long rows);

/* ---- demand-response portfolio (make_portfolio.c) ----------------------------- */

/* Writes portfolio.yaml; needs s->summer_peak from the region load. */
void make_portfolio(const sample *s);

#endif
