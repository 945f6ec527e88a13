/* libforecast/balance.h - the monthly energy balance plan (电力电量平衡,
 * 电量平衡计划): month by month, forecast energy and peak demand against the
 * supply the utility has, with a reserve margin on the peak; the result is a
 * surplus or a deficit of energy and of capacity, and the days at risk.
 *
 * ---- Inputs, per month m of the horizon (first month + nmonths, 1..240) -------------
 *
 *   demand      energy P50 and at a high quantile (e.g. P90), MWh; peak P50 and
 *               high, MW: lfc forecast's monthly products, new connections
 *               (业扩) already inside (lf_balance_demand_from_csv reads them)
 *   supply      own generation energy, MWh; purchase contracts, MWh; own
 *               generating capacity available at the peak, MW; import /
 *               transfer capacity, MW; planned outages, MW of capacity
 *               unavailable that month.  Any of the five may be NULL: zero every
 *               month (a distribution utility owns no generation)
 *   reserve     the required reserve margin r, a SHARE of the peak (0.12 for
 *               12 %), 0..1: capacity must be peak x (1 + r)
 *   daily       optionally the daily peak forecast at the high quantile, MW,
 *               for every day of the horizon's months (first day of the first
 *               month to the last day of the last; lf_balance_spec_set_daily
 *               cuts them out of a longer forecast)
 *
 * ---- Per month results (lf_balance_run) -------------------------------------------
 *
 *   supply_mwh            = own generation + purchases
 *   energy_balance        = supply_mwh - demand energy, at P50 and at the high
 *                           quantile; negative is a deficit
 *   available_mw          = own_mw + import_mw - outage_mw, clamped at 0; when
 *                           the outages exceed own + import the month is
 *                           flagged (outages_exceed_capacity): the outage plan
 *                           takes out more than there is, worth a look
 *   required_mw           = peak_high x (1 + r)
 *   capacity_balance_mw   = available_mw - required_mw
 *   limit_mw              = available_mw / (1 + r): the largest peak the system
 *                           carries with its reserve intact
 *   days at risk          the month's days whose daily high peak exceeds
 *                           limit_mw (a day exactly at it is not at risk): their
 *                           count, the worst day (the largest shortfall, the
 *                           earliest of equals) and its shortfall (peak -
 *                           limit, MW), and the MW-days above the limit (the
 *                           sum of the shortfalls).  Without daily peaks these
 *                           are NaN (unknown), never 0.
 *   status                ok | energy_deficit | capacity_deficit | both
 *
 * The plan covers the high quantile: a month is in energy deficit when the
 * supply falls short of the HIGH demand energy, as it is in capacity deficit
 * when available_mw falls short of required_mw (made from the high peak).
 * The P50 balance says whether the month is short even in a median year.
 *
 * Rounding: the reserve share is rarely exact in binary (1.12 is not), so
 * peak x (1 + r) can miss an equal capacity by 1e-13.  A balance within
 * LF_BALANCE_TOLERANCE (relative to the larger side) is reported as exactly 0
 * and is no deficit, and a day counts as at risk only when its peak exceeds
 * limit_mw by more than that tolerance.
 *
 * Why a capacity-deficit month can have no day at risk: the month's high
 * peak is the high quantile of the month's largest day (over the forecast
 * paths), which is at least every single day's high quantile.  When several
 * days come close, the month is likely to have one over the limit although
 * no single day is: the days at risk then understate the risk, and the
 * capacity balance is the figure to plan with.
 *
 * ---- Totals over the horizon --------------------------------------------------------
 *
 * Energy sums (demand, supply, the net balances), the sums of the monthly
 * deficits alone (a surplus in April does not feed a deficit in July), the
 * months by status, the worst capacity month (the least capacity balance,
 * the earliest of equals) and the days at risk and MW-days of the horizon.
 *
 * ---- Handing the deficit months to the peak-shift scheduler -------------------------
 *
 * limit_mw is the supply limit the peak-shift scheduler (peakshift.h) works
 * against: lf_balance_daily_limits spreads each month's limit over its days
 * as lf_peakshift_spec.limit_mw takes them, and the config's monthly form
 * `peakshift: limit_mw: {2025-07: 9300, ...}` (config.h) takes the same
 * numbers by month.  With the daily high peaks as the scheduler's peak_mw,
 * its deficit days are this plan's days at risk - but for rounding: a day
 * within the tolerance of its limit (see above) is no risk here, while the
 * scheduler, which knows no tolerance, sees a deficit of some 1e-13 MW.
 */
#ifndef LIBFORECAST_BALANCE_H
#define LIBFORECAST_BALANCE_H

#include <stddef.h>

#include "libforecast/date.h"
#include "libforecast/error.h"
#include "libforecast/forecast.h"
#include "libforecast/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LF_BALANCE_MAX_MONTHS 240  /* twenty years */
#define LF_BALANCE_LABEL_MAX 16    /* a quantile label such as "p90", with its NUL */
#define LF_BALANCE_TOLERANCE 1e-9  /* relative; see "Rounding" above */

typedef struct lf_balance_spec {
    int year, month;              /* the first month of the horizon */
    size_t nmonths;               /* 1 .. LF_BALANCE_MAX_MONTHS */
    /* demand, per month, required (finite, >= 0, high >= P50) */
    const double *energy_p50, *energy_high;  /* MWh */
    const double *peak_p50, *peak_high;      /* MW */
    /* supply, per month, each NULL for zero (finite and >= 0 when given) */
    const double *own_mwh;        /* own generation */
    const double *purchase_mwh;   /* purchase contracts */
    const double *own_mw;         /* own capacity available at the peak */
    const double *import_mw;      /* import / transfer capacity */
    const double *outage_mw;      /* planned outages */
    double reserve;               /* share, 0..1; lf_balance_spec_init: NaN (unset) */
    /* daily peaks at the high quantile, optional (NULL: days at risk unknown):
     * daily_first must be the first month's first day and ndays the days of the
     * horizon's months */
    lf_date daily_first;
    size_t ndays;
    const double *daily_peak_mw;
    /* labels for the outputs: the high quantile ("p90"; NULL: "high"; 1..15
     * characters of letters, digits, '.', '_', '-', not "p50"), and the demand
     * scenario (NULL or "": none) */
    const char *high_label;
    const char *scenario;
} lf_balance_spec;

/* Everything NULL or 0, the reserve NaN: a plan must say its reserve. */
void lf_balance_spec_init(lf_balance_spec *spec);
/* Every rule above; the message names the month (or day) and the figure, as
 * LF_ERR_ARG. */
int lf_balance_spec_check(const lf_balance_spec *spec, lf_error *err);

typedef enum lf_balance_status {
    LF_BALANCE_OK = 0,
    LF_BALANCE_ENERGY_DEFICIT,
    LF_BALANCE_CAPACITY_DEFICIT,
    LF_BALANCE_BOTH
} lf_balance_status;

/* "ok", "energy_deficit", "capacity_deficit", "both" ("unknown" out of range). */
const char *lf_balance_status_name(lf_balance_status status);

typedef struct lf_balance_month {
    int year, month, days;        /* days: of the calendar month */
    double energy_p50, energy_high;          /* demand, MWh */
    double own_mwh, purchase_mwh, supply_mwh;
    double energy_balance_p50, energy_balance_high;
    double peak_p50, peak_high;              /* demand, MW */
    double own_mw, import_mw, outage_mw, available_mw, required_mw;
    int outages_exceed_capacity;  /* outage_mw > own_mw + import_mw: available 0 */
    double capacity_balance_mw, limit_mw;
    double days_at_risk;          /* a count; NaN without daily peaks */
    int has_worst_day;            /* days_at_risk > 0 */
    lf_date worst_day;            /* the largest shortfall, the earliest of equals */
    double worst_shortfall_mw;    /* 0 without a day at risk; NaN without daily peaks */
    double mw_days_at_risk;       /* likewise */
    lf_balance_status status;
} lf_balance_month;

typedef struct lf_balance_totals {
    double energy_p50, energy_high, own_mwh, purchase_mwh, supply_mwh;
    double energy_balance_p50, energy_balance_high;  /* net over the horizon */
    double energy_deficit_p50, energy_deficit_high;  /* sum of the monthly
                                                        deficits, MWh, >= 0 */
    size_t months_by_status[4];   /* indexed by lf_balance_status */
    size_t energy_deficit_months, capacity_deficit_months; /* "both" in each */
    size_t worst_capacity_month;  /* index into months */
    double worst_capacity_balance_mw;
    double days_at_risk, mw_days_at_risk;            /* NaN without daily peaks */
} lf_balance_totals;

typedef struct lf_balance {
    int year, month;              /* the first month */
    size_t nmonths;
    double reserve;
    int has_daily;
    char high_label[LF_BALANCE_LABEL_MAX];
    char scenario[LF_SCENARIO_NAME_MAX];  /* "" without one */
    lf_balance_month *months;
    lf_balance_totals totals;
} lf_balance;

/* Check the spec (lf_balance_spec_check) and compute the plan. */
int lf_balance_run(const lf_balance_spec *spec, lf_balance **out, lf_error *err);
void lf_balance_free(lf_balance *b); /* NULL allowed */

/* limit_mw[t] = the plan's limit_mw of the month holding day first + t, for
 * lf_peakshift_spec.limit_mw; every day must lie inside the plan's months
 * (LF_ERR_ARG naming the first day outside). */
int lf_balance_daily_limits(const lf_balance *b, lf_date first, size_t ndays,
                            double *limit_mw, lf_error *err);

/* ---- reading lfc forecast's files ---------------------------------------------------- */

/* The monthly demand of one scenario, consecutive months from year-month. */
typedef struct lf_balance_demand {
    int year, month;              /* the first month read */
    size_t nmonths;
    double *energy_p50, *energy_high, *peak_p50, *peak_high; /* nmonths each, in one
                                     block owned by the struct: free it with
                                     lf_balance_demand_free only */
    char scenario[LF_SCENARIO_NAME_MAX];  /* the scenario read ("" without a column) */
    char high_label[LF_BALANCE_LABEL_MAX];
} lf_balance_demand;

/* Read lfc forecast's monthly file (forecast_monthly.csv): the rows of
 * scenario (NULL: the file's first scenario; a file without a scenario
 * column holds one series) with columns period (YYYY-MM), energy_mwh_p50,
 * energy_mwh_<high>, peak_mw_p50 and peak_mw_<high> (high a label such as
 * "p90").  The months must be consecutive and in order, at most
 * LF_BALANCE_MAX_MONTHS, each forecast whole when the file has days and
 * calendar_days columns (a balance month is a calendar month), every value
 * present and >= 0, high >= P50.  Errors name file:line:column: LF_ERR_PARSE
 * (a malformed period, number or row), LF_ERR_NOTFOUND (a column),
 * LF_ERR_DATA (rules above, a scenario without rows), LF_ERR_IO. */
int lf_balance_demand_from_csv(const char *path, const char *scenario, const char *high,
                               lf_balance_demand **out, lf_error *err);
void lf_balance_demand_free(lf_balance_demand *d); /* NULL allowed */

/* Daily peaks of one scenario, consecutive days from first. */
typedef struct lf_balance_daily {
    lf_date first;
    size_t ndays;
    double *peak_mw;              /* owned */
    char scenario[LF_SCENARIO_NAME_MAX];
    char high_label[LF_BALANCE_LABEL_MAX];
} lf_balance_daily;

/* Read lfc forecast's daily file (forecast_daily.csv): the rows of scenario
 * as above, the day in a column named period (as lfc forecast writes it) or
 * date, the peak in peak_mw_<high>.  Days consecutive and in order, every
 * value present and >= 0; errors as lf_balance_demand_from_csv's. */
int lf_balance_daily_from_csv(const char *path, const char *scenario, const char *high,
                              lf_balance_daily **out, lf_error *err);
void lf_balance_daily_free(lf_balance_daily *d); /* NULL allowed */

/* ---- taking a forecast made in the same process (forecast.h) ------------------------ */

/* The same demand and daily peaks from an lf_forecast, without its files: the
 * scenario by name (NULL: the first), the quantiles P50 and high ("p90") by
 * their labels, which must be among the forecast's quantiles.  The monthly
 * demand is the forecast's whole calendar months (a forecast starting or
 * ending inside a month leaves that month out); the daily peaks are every
 * forecast day.  LF_ERR_ARG names a scenario or quantile the forecast lacks
 * (and lists those it has; the label in any case, "P90" = "p90"), or a high
 * quantile below the P50; LF_ERR_DATA a forecast without an energy or peak
 * model or without a whole month, or a value below 0 (naming the month or
 * day), as the CSV readers refuse one.  Free with lf_balance_demand_free and
 * lf_balance_daily_free. */
int lf_balance_demand_from_forecast(const lf_forecast *f, const char *scenario,
                                    const char *high, lf_balance_demand **out, lf_error *err);
int lf_balance_daily_from_forecast(const lf_forecast *f, const char *scenario, const char *high,
                                   lf_balance_daily **out, lf_error *err);

/* Point spec's demand at nmonths of d's months from year-month (year 0: d's
 * first month; nmonths 0: to d's last), and take d's labels.  The arrays stay
 * d's: keep d until the plan is run.  LF_ERR_ARG names the months d lacks. */
int lf_balance_spec_set_demand(lf_balance_spec *spec, const lf_balance_demand *d, int year,
                               int month, size_t nmonths, lf_error *err);
/* Point spec's daily peaks at the days of spec's months inside d (set the
 * months first).  LF_ERR_ARG names the days d lacks, or a scenario or
 * quantile other than the monthly demand's. */
int lf_balance_spec_set_daily(lf_balance_spec *spec, const lf_balance_daily *d,
                              lf_error *err);

/* ---- output (each file written atomically: complete or not at all) ------------------ */

/* One row per month, <h> the high quantile's label:
 * month,days,demand_mwh_p50,demand_mwh_<h>,own_generation_mwh,purchase_mwh,supply_mwh,
 * energy_balance_mwh_p50,energy_balance_mwh_<h>,peak_mw_p50,peak_mw_<h>,own_mw,import_mw,
 * outage_mw,available_mw,outages_exceed_capacity,required_mw,capacity_balance_mw,limit_mw,
 * days_at_risk,worst_day,worst_shortfall_mw,mw_days_at_risk,status
 * (days at risk and their figures empty when unknown, worst_day empty without
 * a day at risk). */
int lf_balance_write_csv(const char *path, const lf_balance *b, lf_error *err);
/* {"spec": {first_month, last_month, months, reserve, high_quantile, scenario,
 * daily_peaks}, "totals": {...}, "months": [one object per month, the CSV's
 * columns as keys in the same order; null where the CSV is empty]}. */
int lf_balance_write_json(const char *path, const lf_balance *b, lf_error *err);

#ifdef __cplusplus
}
#endif

#endif
