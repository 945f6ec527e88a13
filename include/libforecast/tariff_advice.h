/* libforecast/tariff_advice.h - tariff advice for a key account (电价选择,
 * 用电指导): which tariff costs the customer least for its load curve, what
 * demand to declare each month, and what moving load out of peak hours saves.
 *
 * ---- Ranking -----------------------------------------------------------------------
 *
 * Every tariff of a set the account may choose (lf_tariff_eligible on the
 * version in force on the load's first day) bills the load, each month under
 * the version in force on its first day.  A two-part tariff gives one option
 * per way of setting its basic charge:
 *   by capacity   installed kVA x capacity_rate
 *   by demand     the account's declared demand when it has one (declared_kw
 *                 or declared_kw_by_month); otherwise each month's declared
 *                 value is the least that month's maximum demand would have
 *                 allowed without a penalty, ceil(max / penalty share), not
 *                 under the floor: a bound no customer reaches without
 *                 hindsight, flagged as such (declared_hindsight).
 * Options are ordered by total, cheapest first; saving is what each option
 * saves against the account's current tariff (the first option of
 * current_id, by the account's own basic choice), negative when it costs
 * more.
 *
 * ---- Declared demand ---------------------------------------------------------------
 *
 * Under a basic charge by demand, declaring D kW for a month whose maximum
 * demand turns out M kW costs (rate r, penalty share s = 1.05, factor f = 2):
 *     r x D                          when M <= s x D
 *     r x s x D + f x r x (M - s x D)  when M > s x D
 * Declared too low, the excess is charged twice; declared too high, kW that
 * are never used are paid.  Given the distribution of the month's maximum
 * demand (equally likely values, e.g. paths of a forecast, or quantiles
 * turned into values by lf_quantiles_to_values), the best D minimises the
 * expected charge.  D is a whole number of kW from ceil(floor share x kVA) to
 * the installed kVA (taken as the most a customer may declare).  The
 * expected charge is linear in D between the points where one value leaves
 * the penalty (the first whole kW >= M_i / s), so its minimum over whole kW
 * is at the floor, the cap, such a point or one kW below it:
 * lf_declared_demand_best evaluates exactly those candidates.
 *
 * The declared value of a month is compared with the capacity charge of the
 * same month: since 2016 a customer may change between the two monthly,
 * so the plan takes the cheaper each month.
 *
 * ---- Moving load out of the peak ---------------------------------------------------
 *
 * lf_tou_shift_saving lowers each peak and critical-peak interval's load by
 * a share (at most max_kw), and spreads the energy moved evenly over the same
 * day's valley and deep-valley intervals (a day without valley keeps its
 * load): energy is kept, the day's shape changes.  The load is billed again;
 * a raised valley can raise the month's maximum demand, which the new bill
 * includes.
 */
#ifndef LIBFORECAST_TARIFF_ADVICE_H
#define LIBFORECAST_TARIFF_ADVICE_H

#include <stddef.h>

#include "libforecast/tariff.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The bill of the load under tariff id, each month under the version in
 * force on its first day; a month no version covers is an error naming it. */
int lf_tariff_set_bill(const lf_tariff_set *set, const char *id, const lf_tariff_account *a,
                       const lf_interval_load *load, const lf_calendar *cal, lf_bill **out,
                       lf_error *err);

/* ---- ranking ------------------------------------------------------------------------ */

typedef struct lf_tariff_option {
    char tariff_id[LF_TARIFF_ID_MAX];
    char name[LF_TARIFF_NAME_MAX];
    int two_part;
    lf_basic_choice basic;        /* two-part only */
    int declared_hindsight;       /* by demand, declared from the load itself */
    double kwh, energy_charge, basic_charge, demand_penalty, pf_adjustment, surcharges,
        total;
    double price_per_kwh;         /* total / kwh */
    double peak_share;            /* kWh in critical and peak periods / kWh (tou) */
    double saving;                /* current total - total; NaN without a current */
} lf_tariff_option;

typedef struct lf_tariff_ranking {
    size_t n;
    lf_tariff_option *options;    /* owned, cheapest first */
    size_t current;               /* index of the current option, or n if none */
    size_t nmonths;
    int first_year, first_month;  /* the first month billed */
} lf_tariff_ranking;

/* current_id may be NULL (no saving then); a current tariff the account is
 * not eligible for or that is not in the set is an error.  No eligible
 * tariff is an error (LF_ERR_ARG) naming the account's class, kV and kVA. */
int lf_tariff_rank(const lf_tariff_set *set, const lf_tariff_account *a, const char *current_id,
                   const lf_interval_load *load, const lf_calendar *cal,
                   lf_tariff_ranking **out, lf_error *err);
void lf_tariff_ranking_free(lf_tariff_ranking *r);   /* NULL allowed */

/* The itemised bill of a ranked option, billed as the ranking billed it (the
 * declared values in hindsight included). */
int lf_tariff_option_bill(const lf_tariff_set *set, const lf_tariff_account *a,
                          const lf_tariff_option *option, const lf_interval_load *load,
                          const lf_calendar *cal, lf_bill **out, lf_error *err);

/* ---- declared demand ------------------------------------------------------------------ */

/* The month's basic charge plus penalty by demand (formula above; declared
 * taken as given, not floored). */
double lf_demand_charge(const lf_tariff *t, double declared_kw, double max_kw);

typedef struct lf_declared_demand {
    double declared_kw;           /* the best whole kW */
    double expected_charge;       /* expected basic charge + penalty at it */
    double penalty_probability;   /* chance the maximum exceeds share x declared */
    double floor_kw, cap_kw;      /* the range searched */
    double capacity_charge;       /* kVA x capacity_rate (0 without one) */
} lf_declared_demand;

/* The declared demand minimising the expected charge for a maximum demand
 * given by n values (kW, >= 0) with weights (NULL: equally likely; else >= 0,
 * not all 0).  The tariff needs a demand_rate; capacity_kva > 0. */
int lf_declared_demand_best(const lf_tariff *t, double capacity_kva, const double *max_kw,
                            const double *weights, size_t n, lf_declared_demand *out,
                            lf_error *err);

/* n equally likely values from k quantiles (probabilities p increasing in
 * (0, 1), values v non-decreasing): the quantile function at (i + 0.5) / n,
 * linear between the given quantiles and continued beyond the outer ones by
 * the slope of the nearest segment (a normal-like tail for P10/P50/P90),
 * never below 0.  With one quantile every value is it. */
int lf_quantiles_to_values(const double *p, const double *v, size_t k, size_t n, double *out,
                           lf_error *err);

/* A month of the declared-demand plan: the best declared value against the
 * capacity charge, the cheaper in expectation chosen. */
typedef struct lf_declared_month {
    int year, month;
    size_t nvalues;               /* values of the maximum demand it was made from */
    double max_kw_p10, max_kw_p50, max_kw_p90;   /* of those values (type 7) */
    lf_declared_demand best;
    lf_basic_choice choice;       /* by demand when its expected charge is lower */
    double expected_charge;       /* of the choice */
    double saving;                /* capacity charge - best expected demand charge
                                     (NaN when the tariff has no capacity rate) */
} lf_declared_month;

int lf_declared_month_plan(const lf_tariff *t, double capacity_kva, int year, int month,
                           const double *max_kw, size_t n, lf_declared_month *out,
                           lf_error *err);

/* Values of the maximum demand of month (1..12) of year from interval load
 * of earlier years: the month's largest interval in each year the load
 * covers the whole month, times (1 + growth) ^ (year - that year).  values
 * has room for one per year of load; *n is set (0 when no whole month). */
int lf_max_demand_history(const lf_interval_load *load, int year, int month, double growth,
                          double *values, size_t *n, lf_error *err);

/* ---- moving load out of the peak ------------------------------------------------------- */

typedef struct lf_shift_saving {
    double share;                 /* as asked */
    double max_kw;                /* as asked (0: no limit) */
    double kwh_moved;
    double bill_before, bill_after;
    double saving;                /* before - after */
    double saving_per_mwh;        /* saving / MWh moved (NaN when none moved) */
    double max_demand_before_kw, max_demand_after_kw;
} lf_shift_saving;

/* What moving share (0..1) of each peak interval's load, at most max_kw
 * (0: no limit), to the same day's valley saves under tariff version t. */
int lf_tou_shift_saving(const lf_tariff *t, const lf_tariff_account *a,
                        const lf_interval_load *load, const lf_calendar *cal, double share,
                        double max_kw, lf_shift_saving *out, lf_error *err);
/* The same under tariff id of a set, each month under the version in force
 * on its first day (every version used must be time of use). */
int lf_tariff_set_shift_saving(const lf_tariff_set *set, const char *id,
                               const lf_tariff_account *a, const lf_interval_load *load,
                               const lf_calendar *cal, double share, double max_kw,
                               lf_shift_saving *out, lf_error *err);

/* ---- a tariff change: what it does to revenue ------------------------------------------ */

/* One customer of a portfolio: its account, its load and the tariff it is
 * on, and the tariff id it would be on in the new table (NULL: the same id). */
typedef struct lf_impact_customer {
    const char *id;
    const lf_tariff_account *account;
    const lf_interval_load *load;
    const char *tariff_id;
    const char *new_tariff_id;
} lf_impact_customer;

/* A customer, a class or the whole portfolio: what it used and paid under
 * the old and the new table, and its part in the change of the average
 * price.  The same figures for each, so that they add up level by level. */
typedef struct lf_impact_row {
    char id[64];                  /* the customer's id, the class's name, or "total" */
    char customer_class[LF_TARIFF_ID_MAX];      /* the class ("total" on the total) */
    size_t ncustomers;            /* 1 on a customer's row */
    double kwh, peak_kwh;         /* peak_kwh: critical and peak periods (old tariff) */
    double old_total, new_total;
    double change;                /* new - old */
    double change_pct;            /* 100 x change / old (NaN when old is 0) */
    double old_price, new_price;  /* total / kWh */
    double kwh_share;             /* of the portfolio's kWh: the mix */
    double peak_share;            /* peak_kwh / kwh */
    double price_effect;          /* kwh_share x (new - old price): its part of the
                                     change in the average price */
} lf_impact_row;

/* A class, and on the last row of classes[] the whole portfolio. */
typedef lf_impact_row lf_impact_class;

/* The average price (revenue / kWh) is the kWh-weighted mean of the class
 * prices: sum of kwh_share x price.  On the same load the mix does not move,
 * so its change is the sum of the classes' price_effect (and of the
 * customers'); peak_share tells which classes a change of the peak rates
 * reaches. */
typedef struct lf_tariff_impact {
    size_t ncustomers;
    lf_impact_row *customers;     /* owned, in input order */
    size_t nclasses;              /* classes + 1 (the total, last) */
    lf_impact_class *classes;     /* owned, classes by name (id and customer_class
                                     the name), then the total (both "total") */
} lf_tariff_impact;

/* Bills every customer under its tariff in old_set and in new_set (each
 * month under the version in force).  An error names the customer. */
int lf_tariff_change_impact(const lf_tariff_set *old_set, const lf_tariff_set *new_set,
                            const lf_impact_customer *customers, size_t n,
                            const lf_calendar *cal,
                            lf_tariff_impact **out, lf_error *err);
void lf_tariff_impact_free(lf_tariff_impact *impact);   /* NULL allowed */

#ifdef __cplusplus
}
#endif

#endif
