/* tariff_internal.h (internal) - what a bill is computed from: a month's
 * usage, read from interval or daily load by tariff_usage.c, then charged
 * item by item by tariff_bill.c. */
#ifndef LF_PLANNING_TARIFF_INTERNAL_H
#define LF_PLANNING_TARIFF_INTERNAL_H

#include "libforecast/tariff.h"

/* Period names in lf_tou_period order, as the YAML spells them. */
extern const char *const tariff_period_names[LF_TOU_PERIODS];
/* Some version of tariff id is in the set. */
int tb_set_has(const lf_tariff_set *set, const char *id);
/* A character allowed in an id: [A-Za-z0-9_.-]. */
int tariff_id_char(char c);
/* Minute of the day as "08:00"; 1440 is "24:00". */
void tariff_clock_text(int minute, char *buf, size_t size);

typedef struct tb_usage {
    int year, month;
    int days;
    double kwh;
    double kwh_by_period[LF_TOU_PERIODS];
    double max_demand_kw;
} tb_usage;

/* The usage of each month the load covers, in order: *out has *nmonths
 * entries (free it).  Errors name the interval or day that is bad. */
int tb_usage_of_intervals(const lf_tariff *t, const lf_interval_load *load,
                          const lf_calendar *cal, tb_usage **out, size_t *nmonths,
                          lf_error *err);
int tb_usage_of_days(const lf_tariff *t, lf_date first, size_t ndays, const double *kwh,
                     const double *peak_kw, const double profile[24], const lf_calendar *cal,
                     tb_usage **out, size_t *nmonths, lf_error *err);

/* The schedules' day kind of day (LF_TOU_WORKDAY...): a make-up working day
 * (调休) is a working day; without a calendar Saturday and Sunday are the
 * weekend.  Fails only for a day the calendar does not cover. */
int tb_day_kind(const lf_calendar *cal, lf_date day, unsigned *kind, lf_error *err);

/* The basic charge is by demand: the account chose it, or the tariff has
 * no capacity rate. */
int tb_basic_by_demand(const lf_tariff *t, const lf_tariff_account *a);
/* A bill's totals from its months, each to the cent. */
void tb_bill_total(lf_bill *bill);

/* Half away from zero, to the cent (robust to x * 100 landing a hair under
 * .5 in binary). */
double tb_cents(double x);

#endif
