/* libforecast/peakshift.h - the peak-shift and orderly-consumption schedule
 * (错峰 / 避峰 / 轮休 / 有序用电): when the forecast peak exceeds what the grid
 * can supply, which large customers shift or shed how many MW on which days.
 *
 * ---- The portfolio --------------------------------------------------------------
 *
 * Customers that signed a demand-response or orderly-consumption agreement.
 * Each has a typical contribution to the system peak (peak_mw), a tier (tiers
 * are named in the portfolio and ordered: the first is cut first - poor credit,
 * energy-intensive, polluting - the last is cut last), an optional protected
 * flag (保安负荷: hospitals, water, gas, communications, safety loads of
 * hazardous plants - never scheduled), and up to one measure of each kind:
 *
 *   shift       错峰  MW moved out of the peak window to other hours of the
 *                     same day (the energy is still used)
 *   avoid_peak  避峰  MW shed during the peak window
 *   rest_day    轮休  the customer's MW off for the whole day, all or nothing,
 *                     only on its allowed weekdays
 *   interrupt   可中断 MW cut at short notice (interruptible contract)
 *
 * A measure has the MW it can take off the peak per call, the notice it needs,
 * limits on calls per calendar week (Monday..Sunday) and calendar month, a
 * least gap between calls, allowed weekdays, and a cost per MWh taken off and
 * per call.
 *
 * ---- The schedule (lf_peakshift_run) ----------------------------------------------
 *
 * Days d = first..last have a forecast peak P_d, a supply limit L_d and a peak
 * window of h_d hours (how long the load stays above the limit: from an
 * intraday profile with lf_peakshift_window_hours, or a default).  The
 * deficit is D_d = max(0, P_d - L_d).  Measure m of customer i called on day
 * d (y = 1) takes x MW off that day's peak:
 *
 *   cover       sum over calls of x + u_d >= D_d; u_d >= 0 is the UNMET MW of
 *               day d, reported, never hidden
 *   capacity    0 <= x <= mw_m y; a rest day is all or nothing: x = mw_m y
 *   customer    a customer's calls on one day take at most its peak_mw
 *   notice      no call on days before first + notice_days (the plan is
 *               issued on its first day)
 *   weekdays    no call on a weekday the measure does not allow
 *   limits      calls per calendar week <= max_per_week, per calendar month
 *               <= max_per_month (0: no limit; weeks and months cut by the
 *               period count their calls inside it), and at least min_gap_days
 *               days without a call between two calls
 *   protected   never called
 *
 * The objective is lexicographic: each stage is solved to optimality while
 * the stages before it keep their optimum (to a relative 1e-9 plus 1e-6):
 *
 *   1. least unmet MW, summed over the days;
 *   2. tiers are strict: least MW-days taken from the last tier, then from
 *      the tier before it, and so on - so a tier carries load only where the
 *      tiers cut before it cannot, within their limits;
 *   3. rest days spread over the week: the least largest MW-days of rest
 *      days falling on one weekday (no weekday carries all of them; when the
 *      rest days may fall on a single weekday only, there is nothing to
 *      spread and the stage is skipped);
 *   4. least cost: cost_per_event per call + cost_per_mwh x MWh taken off
 *      (x h_d for shift, avoid_peak and interrupt; x 24 for a rest day);
 *   5. fair rotation: the least largest burden, over the customers that can
 *      be called, of MW-days taken / peak_mw.
 *
 * Every stage is a mixed integer program (the calls y are 0/1), solved
 * exactly with GLPK's branch and cut (libglpk), starting from the greedy
 * schedule below as its first incumbent.  A stage stopped by its time limit
 * keeps the best schedule found and the run reports status time_limit,
 * never passing it off as optimal.  GLPK's error hook is set for the
 * duration of a run (GLPK would otherwise abort() when out of memory) and
 * cleared after it; a host that installs its own hook must set it again.
 *
 * ---- Large portfolios --------------------------------------------------------------
 *
 * GLPK proves these programs optimal for small portfolios (tens of
 * customers over a few deficit days, as in the tests) but not for a
 * utility's thousand customers over a summer: its simplex alone takes
 * minutes there.  Above spec.exact_max_calls possible calls (customer x
 * measure x deficit day), or with method greedy, the run returns the greedy
 * schedule with status heuristic, in well under a second for 1,000 customers.  The greedy keeps
 * every rule (notice, weekdays, limits, gaps, the customer's peak, protected
 * customers) and builds the schedule as a planner does by hand: days
 * hardest first (largest deficit), so scarce calls go where they are needed
 * most; on a day the tiers in order, each only after the tiers before it
 * gave all they could that day; within a tier the cheapest MW first, the
 * least burdened customer on equal cost, and a rest day last when its
 * weekday already carries more rest MW-days than the average weekday.  It
 * tries five day orders (hardest, tightest against the day's capacity,
 * least slack, earliest, latest first), repairs each by moving calls to the
 * days left short when that lowers the unmet MW (a counted number of moves,
 * so the result is the same on every machine), and keeps the best by the
 * stages' order (unmet, then tiers, then cost).  Its unmet MW and cost are
 * upper bounds of the optimum's: make bench-peakshift measures how far off
 * they are where GLPK can still prove the optimum.
 */
#ifndef LIBFORECAST_PEAKSHIFT_H
#define LIBFORECAST_PEAKSHIFT_H

#include <stddef.h>
#include <stdio.h>

#include "libforecast/date.h"
#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lf_dr_kind {
    LF_DR_SHIFT = 0,
    LF_DR_AVOID_PEAK,
    LF_DR_REST_DAY,
    LF_DR_INTERRUPT
} lf_dr_kind;

#define LF_DR_KINDS 4

/* "shift", "avoid_peak", "rest_day", "interrupt" ("unknown" out of range). */
const char *lf_dr_kind_name(lf_dr_kind kind);

typedef struct lf_dr_measure {
    lf_dr_kind kind;
    double mw;            /* MW off the peak per call, > 0 */
    int notice_days;      /* >= 0 */
    int max_per_week;     /* 0: no limit */
    int max_per_month;    /* 0: no limit */
    int min_gap_days;     /* days without a call between two calls, >= 0 */
    unsigned weekdays;    /* bit k set: may be called on weekday k (0 Monday ..
                             6 Sunday); 0 means every day */
    double cost_per_mwh;  /* >= 0 */
    double cost_per_event;/* >= 0 */
} lf_dr_measure;

#define LF_DR_ID_MAX 32
#define LF_DR_NAME_MAX 128 /* bytes: about 40 Chinese characters in UTF-8 */
#define LF_TIER_MAX 16

typedef struct lf_dr_customer {
    char id[LF_DR_ID_MAX];        /* unique in the portfolio */
    char name[LF_DR_NAME_MAX];
    char industry[LF_DR_NAME_MAX];
    double voltage_kv;            /* supply voltage, 0 unknown */
    double contract_mw;           /* contract capacity, 0 unknown */
    double peak_mw;               /* typical contribution to the system peak, > 0 */
    int is_protected;             /* never scheduled */
    int tier;                     /* 0-based index into the portfolio's tiers (a
                                     protected customer read without one: the last) */
    size_t nmeasures;
    lf_dr_measure measures[LF_DR_KINDS]; /* at most one of each kind */
    int line;                     /* where the customer starts in its file, 0 if none */
} lf_dr_customer;

typedef struct lf_portfolio {
    char source[256];             /* file it came from ("" if built in code) */
    size_t ntiers;                /* >= 1 */
    char tiers[LF_TIER_MAX][LF_DR_NAME_MAX]; /* cut first .. cut last */
    double window_hours;          /* default peak window, hours (default 4) */
    size_t n;
    lf_dr_customer *customers;    /* owned; only lf_portfolio_add may grow it (its
                                     capacity follows from n) */
} lf_portfolio;

/* An empty portfolio with one tier "general" and window_hours 4. */
lf_portfolio *lf_portfolio_new(lf_error *err);
void lf_portfolio_free(lf_portfolio *p); /* NULL allowed */
/* Append a copy of c (its id must be new). */
int lf_portfolio_add(lf_portfolio *p, const lf_dr_customer *c, lf_error *err);
/* Check every rule above: unique ids, known tiers, positive MW, a measure
 * taking at most the customer's peak_mw, limits >= 0... the message names the
 * customer (and file:line when it came from a file). */
int lf_portfolio_check(const lf_portfolio *p, lf_error *err);

/* Read a portfolio YAML file (format in examples/peakshift/portfolio.yaml);
 * errors (LF_ERR_CONFIG; LF_ERR_IO when unreadable) name file:line:column.
 * lf_portfolio_check's errors are LF_ERR_ARG. */
int lf_portfolio_load(const char *path, lf_portfolio **out, lf_error *err);

/* Tiers from the customer evaluation (customer_segment.h): a CSV file with
 * columns id and tier, as `lfc customers` writes it (tiers.csv); other
 * columns (a name, the segment, for the reader) are ignored.  Each
 * portfolio customer listed gets that tier, which must be one of the
 * portfolio's tiers, in any case as in the portfolio file (an error at
 * file:line:column otherwise, in every row: a tier unknown even in a row the
 * portfolio lacks means the file was made with other tiers).  An empty tier
 * marks a protected customer: it must be protected in the portfolio too, and a
 * customer protected in the portfolio must have an empty tier, since the
 * portfolio says which loads are safety loads and a tier file cannot change
 * that either way (an error at the row, naming the customer and where the
 * portfolio has it).  An id listed twice is an error at its second row, as
 * is an empty id or one longer than LF_DR_ID_MAX - 1 bytes.  Portfolio
 * customers not in the file keep their tier, ids not in the portfolio are
 * skipped; both are counted in the report (report may be NULL; it is zero
 * after an error).  The portfolio is checked first (lf_portfolio_check,
 * LF_ERR_ARG); the file's errors are LF_ERR_PARSE for a malformed row (its
 * width, its id), LF_ERR_NOTFOUND for a missing column, LF_ERR_DATA where
 * rows conflict with each other or with the portfolio (duplicate, tier,
 * protection) and LF_ERR_IO when it cannot be read.  Every row is read and
 * checked before any tier is set: on error the portfolio is unchanged. */
typedef struct lf_tiers_report {
    size_t applied;               /* portfolio customers listed in the file (a
                                     protected one, listed with its empty tier,
                                     counts and keeps its tier): applied +
                                     not_in_file = the portfolio's n */
    size_t changed;               /* of which the tier differs from before */
    size_t not_in_file;           /* portfolio customers the file does not list */
    size_t not_in_portfolio;      /* file rows whose id the portfolio lacks */
} lf_tiers_report;

int lf_portfolio_apply_tiers(lf_portfolio *p, const char *tiers_csv, lf_tiers_report *report,
                             lf_error *err);

/* ---- schedule ----------------------------------------------------------------------- */

typedef enum lf_peakshift_method {
    LF_PEAKSHIFT_AUTO = 0,        /* exact up to exact_max_calls, greedy above */
    LF_PEAKSHIFT_EXACT,           /* always the exact program (may take long) */
    LF_PEAKSHIFT_GREEDY           /* always the greedy schedule */
} lf_peakshift_method;

/* "auto", "exact", "greedy"; lf_peakshift_method_parse gives -1 for others. */
const char *lf_peakshift_method_name(lf_peakshift_method method);
int lf_peakshift_method_parse(const char *name);

typedef struct lf_peakshift_spec {
    lf_date first, last;          /* the days to schedule */
    const double *peak_mw;        /* per day: forecast peak, MW */
    const double *limit_mw;       /* per day: supply limit, MW */
    const double *window_hours;   /* per day, or NULL: the portfolio's window_hours */
    const double *window_start;   /* per day, or NULL: hour the window opens (0..24,
                                     from a profile with lf_peakshift_window; NaN
                                     unknown), reported with the day */
    int spread_rest_days;         /* stage 3, default 1 */
    int fair;                     /* stage 5, default 1 */
    double seconds_per_stage;     /* solver time limit per stage, default 10 */
    lf_peakshift_method method;   /* default auto */
    size_t exact_max_calls;       /* auto: solve exactly up to this many possible
                                     calls (customer x measure x deficit day),
                                     default 200; above it the greedy schedule
                                     (status heuristic) */
} lf_peakshift_spec;

void lf_peakshift_spec_init(lf_peakshift_spec *spec);
/* Days in order, every peak and limit finite (limit >= 0), windows in (0, 24]. */
int lf_peakshift_spec_check(const lf_peakshift_spec *spec, lf_error *err);

/* Hours of one day's intraday profile (n equal intervals, n = 24, 48 or 96)
 * above limit_mw; 0 when the day stays under it. */
double lf_peakshift_window_hours(const double *profile, size_t n, double limit_mw);
/* The same hours, and in *start and *end the hours of day (0..24) where the
 * first interval above the limit opens and the last one closes (NaN both
 * when the day stays under it): the window customers are asked to avoid. */
double lf_peakshift_window(const double *profile, size_t n, double limit_mw, double *start,
                           double *end);

typedef enum lf_peakshift_status {
    LF_PEAKSHIFT_OPTIMAL = 0,     /* every stage solved to optimality */
    LF_PEAKSHIFT_TIME_LIMIT,      /* a stage stopped before proving its optimum
                                     (time limit, or GLPK gave up): best found */
    LF_PEAKSHIFT_HEURISTIC        /* the program was too large to solve exactly:
                                     the greedy schedule (see "Large portfolios") */
} lf_peakshift_status;

/* "optimal", "time_limit", "heuristic" ("unknown" out of range). */
const char *lf_peakshift_status_name(lf_peakshift_status status);

/* One call: customer (index into the portfolio) takes mw off day date's peak. */
typedef struct lf_peakshift_call {
    lf_date date;
    size_t customer;
    lf_dr_kind kind;
    double mw;
    double mwh;                   /* mw x window hours (x 24 for a rest day) */
    double cost;
} lf_peakshift_call;

typedef struct lf_peakshift_day {
    lf_date date;
    double peak_mw, limit_mw, window_hours;
    double window_start;          /* hour of day the window opens, NaN unknown */
    double deficit_mw;            /* max(0, peak - limit) */
    double shed_mw;               /* taken off by the calls */
    double residual_peak_mw;      /* peak - shed */
    double unmet_mw;              /* deficit the portfolio could not cover */
    size_t ncalls;
} lf_peakshift_day;

typedef struct lf_peakshift_customer {
    size_t calls;                 /* calls over the period */
    size_t calls_by_kind[LF_DR_KINDS];
    double mw_days;               /* sum of MW taken off */
    double mwh;
    double cost;
    double share_of_relief;       /* mw_days / all customers' mw_days */
    double share_of_peak;         /* peak_mw / all callable customers' peak_mw */
} lf_peakshift_customer;

typedef struct lf_peakshift {
    lf_peakshift_status status;
    size_t ndays;
    lf_peakshift_day *days;
    size_t ncalls;
    lf_peakshift_call *calls;     /* by date, then customer */
    size_t ncustomers;            /* = the portfolio's n */
    lf_peakshift_customer *customers;
    double total_cost, unmet_mw_days, shed_mw_days;
    size_t rest_days_by_weekday[7];
    double seconds;               /* solver time, all stages */
} lf_peakshift;

int lf_peakshift_run(const lf_peakshift_spec *spec, const lf_portfolio *portfolio,
                     lf_peakshift **out, lf_error *err);
void lf_peakshift_free(lf_peakshift *s); /* NULL allowed */

/* ---- output (each file written atomically: complete or not at all) ------------------ */

/* One row per call:
 * date,weekday,customer_id,customer_name,tier,kind,mw,window_start,window_hours,mwh,cost
 * (window_start empty when unknown; a rest day's window is the whole day: 0, 24). */
int lf_peakshift_write_calls(const char *path, const lf_peakshift *s, const lf_portfolio *p,
                             lf_error *err);
/* One row per day:
 * date,weekday,peak_mw,limit_mw,deficit_mw,shed_mw,residual_peak_mw,unmet_mw,
 * window_start,window_hours,calls */
int lf_peakshift_write_days(const char *path, const lf_peakshift *s, lf_error *err);
/* One row per customer of the portfolio (protected ones too, with zeros):
 * id,name,industry,tier,protected,peak_mw,calls,shift,avoid_peak,rest_day,interrupt,
 * mw_days,mwh,cost,share_of_relief,share_of_peak */
int lf_peakshift_write_customers(const char *path, const lf_peakshift *s,
                                 const lf_portfolio *p, lf_error *err);
/* Everything above in one JSON document: {"status", "seconds", "totals": {...},
 * "rest_days_by_weekday": [...], "days": [...], "calls": [...], "customers": [...]}. */
int lf_peakshift_write_json(const char *path, const lf_peakshift *s, const lf_portfolio *p,
                            lf_error *err);

#ifdef __cplusplus
}
#endif

#endif
