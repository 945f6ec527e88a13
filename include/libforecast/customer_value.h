/* libforecast/customer_value.h - what a customer is worth to the utility:
 * profit contribution and its ABC class on the Pareto curve, key-account
 * identification (大客户), RFM scores and the customer value score V.
 *
 * All of it is evaluated over a window of the set's months: [first, first +
 * count), typically the 12 months ending with the evaluation month.  The
 * window must lie inside the set's months (count 0 is an empty window): one
 * reaching past them is an error, not clipped, so that a caller's off-by-one
 * does not quietly shorten the year.  A month's energy or bill below 0 or
 * infinite, a voltage <= 0, a correction <= 0 or a potential < 0 is an
 * error (LF_ERR_DATA) naming the customer (and the month).
 *
 * ---- Profit contribution ----------------------------------------------------------
 *
 *   revenue  the customer's bills over the window (NaN months skipped)
 *   cost     its energy over the window x the unit cost of its voltage band
 *            (purchase plus network cost: the lower the voltage, the more
 *            network the energy crosses) + service_per_month x the months
 *            with an energy value
 *   profit   revenue - cost (may be negative)
 * Cost bands are {min_kv, cost_per_kwh} in strictly increasing min_kv, the
 * first at 0; a customer takes the last band whose min_kv <= its voltage.
 *
 * ---- ABC and the Pareto curve -----------------------------------------------------
 *
 * Customers are ranked by profit, largest first (equal profits by id).  The
 * cumulative share of customer k is the profit of ranks 1..k over the total
 * positive profit.  With S(k-1) the share before customer k:
 *   A   profit > 0 and S(k-1) < a_share (default 0.80)
 *   B   profit > 0 and S(k-1) < b_share (default 0.95), not A
 *   C   every other customer, and every customer with profit <= 0
 * So A is the fewest top customers whose profit reaches a_share of the total:
 * the customer that crosses the line is A, the next one is not.  A share
 * within 1e-9 of a line counts as reaching it.  With no positive profit all
 * are C (and every share is 0).  The Pareto curve has one point per rank:
 * the cumulative share of customers (k / n) and of profit (S(k)); past the
 * positive customers S(k) comes down from 1 with each loss.
 *
 * ---- Key accounts -----------------------------------------------------------------
 *
 * A customer is a key account when any rule holds (every condition of a rule
 * that is set, i.e. non-zero, must hold) or when it is in the Pareto set:
 * profit > 0 and S(k-1) < pareto_share (the ABC rule with pareto_share; 0
 * turns it off).  Rule conditions: voltage_kv >= min_kv; voltage_kv <=
 * max_kv; a dedicated line
 * when dedicated_line is 1; annual energy >= min_annual_kwh, where annual
 * energy is the window's energy x 12 / the months with a value (a window with
 * no value fails the condition; a computed figure, so within a relative 1e-9
 * of the line counts as reaching it); capacity_kva >= min_capacity_kva.  A
 * rule that sets no condition is an error (every customer would be key).
 * The reason lists the rules met and "pareto", separated by "; ", cut with
 * "..." if it does not fit.
 * Default rules (one utility's): supply at 35 kV or more (">=35kV"); a
 * dedicated line at 10 or 20 kV with 10 GWh a year ("10-20kV dedicated line
 * >=10GWh"; a 110 kV line is the first rule's); pareto_share 0.80.
 *
 * ---- RFM --------------------------------------------------------------------------
 *
 * As of the evaluation date E, over the 365 days ending on E (payments) and
 * the window (bills):
 *   R  days from the customer's last payment on or before E to E (+inf when
 *      it has paid nothing): fewer is better
 *   F  payments made in (E - 365, E]
 *   M  its bills over the window (revenue above)
 * Each dimension is scored by rank unless edges are given for it.
 * By rank (the default), each score is the quintile of the customer's
 * mid-rank among the m customers with a finite value of the dimension:
 *   score = 1 + floor(5 (r - 1/2) / m)
 * where r is the 1-based mid-rank of the value in the order from worst to
 * best (F, M ascending; R descending, so the most recent payer ranks
 * highest); customers with equal values share the mean of their ranks, so
 * a tie group all gets one score.  Distinct values spread evenly over 1..5
 * (1..10 score 1,1,2,2,3,3,4,4,5,5), and a large tie group gets the score
 * of its middle: on a utility's records, where customers are billed on
 * fixed cycles, most customers make 12 payments a year and so share the
 * middle F score 3, above them 4..5, below them 1..2.  (Quintile edges of
 * the values would collapse there: with one edge at 12 every customer from
 * 12 payments up would score 2 of 2 -- the best score, reading as poor on a
 * 1..5 scale -- and codes would mix scales.)  A value that is not finite is
 * left out of the ranking (and of m) and scores 1: R = +inf (never paid),
 * NaN.  A lone finite value scores 3; the scores do not depend on the
 * customers' order.
 * By given edges (per dimension, k - 1 strictly increasing edges, k up to 9,
 * one digit each), each dimension is scored 1..k by value:
 *   R  k when R <= edge 1, k - 1 when R <= edge 2, ..., 1 above the last edge
 *   F, M  1 below edge 1, 2 from edge 1 up to below edge 2, ..., k from the
 *      last edge up
 * (NaN scores 1; R = +inf is above every edge.)  Edges read as fixed
 * business lines (R within 30 days, F of 12 payments) and keep their
 * meaning across years; ranks read relative to the year's population.
 * The RFM code is the three scores ("535"), the total their sum.
 *
 * ---- Customer value V -------------------------------------------------------------
 *
 *   V = e x (w_a a + w_b b + w_d d)
 *   a  nature: the score (0..100) of the customer's class in the nature
 *      table (1..16 classes, matched exactly); a class missing from the
 *      table is an error (LF_ERR_NOTFOUND) naming it
 *   b  current consumption: the percentile rank of its annual energy among
 *      the set's customers
 *   d  potential consumption: the percentile rank of its potential_kwh
 *      among all customers, and 0 for a customer without potential (many
 *      customers tie at 0, and their mid-rank would otherwise score them)
 *   e  the customer's correction factor (1 unless set: strategic importance,
 *      policy)
 * Percentile rank = 100 (r - 1) / (n - 1), r the mid-rank of the value in
 * ascending order (ties share the mean of their ranks), 100 when n = 1; a
 * customer without energy in the window gets 0.  Ranks rather than shares of
 * the largest, so that one 200 MW smelter does not flatten every other
 * customer to 0.  Weights >= 0 sum to 1 within 1e-9 (default w_a 0.2, w_b 0.5,
 * w_d 0.3).  V is 0..100 when e <= 1 and may exceed 100 above it.
 * Value levels are {name, min_value} in strictly decreasing min_value, the
 * last <= 0 (default high 60, medium 35, low 0), graded like the credit
 * grades (1e-9 tolerance).  With the default weights a large-industry
 * customer in the top fifth by energy reaches high (20 + 0.5 x 80 = 60)
 * without any potential; a commercial one needs the top 8 %.
 * Default nature table: large_industry 100, general_industry 80, commercial
 * 70, public 60, agriculture 50, residential 40.
 */
#ifndef LIBFORECAST_CUSTOMER_VALUE_H
#define LIBFORECAST_CUSTOMER_VALUE_H

#include <stddef.h>

#include "libforecast/customers.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- profit, ABC, Pareto --------------------------------------------------------- */

#define LF_COST_BANDS_MAX 8

typedef struct lf_cost_band {
    double min_kv;                /* first 0, strictly increasing */
    double cost_per_kwh;          /* >= 0 */
} lf_cost_band;

typedef struct lf_cost_rule {
    size_t nbands;                /* 1..LF_COST_BANDS_MAX */
    lf_cost_band bands[LF_COST_BANDS_MAX];
    double service_per_month;     /* >= 0, currency per customer-month */
} lf_cost_rule;

/* Illustrative defaults (CNY): 0.60/kWh below 10 kV, 0.52 at 10 kV, 0.47 at
 * 35 kV, 0.44 at 110 kV and above; 200 per month of service. */
void lf_cost_rule_default(lf_cost_rule *rule);
int lf_cost_rule_check(const lf_cost_rule *rule, lf_error *err);

typedef struct lf_profit {
    double kwh, revenue, cost, profit;
    size_t months;                /* months with an energy value */
} lf_profit;

/* Profit of every customer over months [first, first + count) of the set;
 * out has set->n entries. */
int lf_customer_profits(const lf_customer_set *set, size_t first, size_t count,
                        const lf_cost_rule *rule, lf_profit *out, lf_error *err);

typedef enum lf_abc_class { LF_ABC_A = 0, LF_ABC_B, LF_ABC_C } lf_abc_class;
const char *lf_abc_name(lf_abc_class c); /* "A", "B", "C" */

typedef struct lf_pareto_point {
    size_t customer;              /* index into the set */
    size_t rank;                  /* 1 = largest profit */
    double profit;
    double share_before;          /* S(k-1) */
    double share;                 /* S(k), cumulative profit share */
    double customer_share;        /* k / n */
} lf_pareto_point;

/* ABC classes of n customers with these profits (ids break ties; NULL: by
 * index) into abc[n], and the Pareto curve in rank order into curve[n] (may
 * be NULL).  0 < a_share <= b_share <= 1. */
int lf_abc_classify(const double *profit, const char *const *ids, size_t n, double a_share,
                    double b_share, lf_abc_class *abc, lf_pareto_point *curve,
                    lf_error *err);

/* ---- key accounts ---------------------------------------------------------------- */

#define LF_KEY_RULES_MAX 8
#define LF_KEY_RULE_NAME_MAX 48

typedef struct lf_key_rule {
    char name[LF_KEY_RULE_NAME_MAX]; /* shown as the reason, e.g. ">=35kV" */
    double min_kv;                /* 0: no condition */
    double max_kv;                /* 0: no condition; else >= min_kv */
    int dedicated_line;           /* 1: required */
    double min_annual_kwh;        /* 0: no condition */
    double min_capacity_kva;      /* 0: no condition */
} lf_key_rule;

typedef struct lf_key_spec {
    size_t nrules;                /* 0..LF_KEY_RULES_MAX */
    lf_key_rule rules[LF_KEY_RULES_MAX];
    double pareto_share;          /* 0..1, 0 off */
} lf_key_spec;

void lf_key_spec_default(lf_key_spec *spec);
int lf_key_spec_check(const lf_key_spec *spec, lf_error *err);

typedef struct lf_key_account {
    int is_key;
    unsigned rules_met;           /* bit r: rule r holds */
    int by_pareto;                /* in the Pareto set */
    char reason[128];             /* "rule names; pareto", "" when not key */
} lf_key_account;

/* Key accounts of the set given each customer's profit over the window (from
 * lf_customer_profits) ; out has set->n entries. */
int lf_key_accounts(const lf_customer_set *set, const lf_profit *profits,
                    const lf_key_spec *spec, lf_key_account *out, lf_error *err);

/* ---- RFM ------------------------------------------------------------------------- */

#define LF_RFM_EDGES_MAX 8

typedef struct lf_rfm_bins {
    size_t nedges;                /* 0: by rank quintiles (no edge); else 1..8 */
    double edges[LF_RFM_EDGES_MAX]; /* strictly increasing */
} lf_rfm_bins;

typedef struct lf_rfm_spec {     /* {0}: every dimension by rank quintiles */
    lf_rfm_bins recency, frequency, monetary;
} lf_rfm_spec;

typedef struct lf_rfm {
    double recency_days;          /* +inf when never paid */
    double frequency;             /* payments in the 365 days */
    double monetary;              /* bills over the window */
    int r, f, m;                  /* scores 1..5 by rank, 1..k by k - 1 edges */
    int total;                    /* r + f + m */
    char code[4];                 /* the three scores, "535" */
} lf_rfm;

/* Every customer's R, F, M and scores into out[set->n].  A dimension with
 * nedges 0 in spec, and every dimension when spec is NULL, is scored by rank
 * quintiles.  used (may be NULL) gets, per dimension, the edges it was
 * scored by: the given ones, or nedges 0 for a dimension scored by rank
 * (rank scores have no value edges: where a score starts depends on ties). */
int lf_customer_rfm(const lf_customer_set *set, size_t first, size_t count,
                    lf_date evaluated, const lf_rfm_spec *spec, lf_rfm *out,
                    lf_rfm_spec *used, lf_error *err);

/* The score of value x by edges, higher values better (F, M) or, when
 * lower_is_better, lower better (R).  NaN scores 1; bins NULL or with more
 * than LF_RFM_EDGES_MAX edges give 0 (no score). */
int lf_rfm_score(const lf_rfm_bins *bins, double x, int lower_is_better);

/* The rank scores (1..5, as above) of x[0..n-1] among themselves into
 * score[n], higher values better or, when lower_is_better, lower better.
 * A value that is not finite scores 1 and is left out of the ranking.  x or
 * score NULL with n > 0, or n too large to rank, is LF_ERR_ARG. */
int lf_rfm_rank_scores(const double *x, size_t n, int lower_is_better, int *score,
                       lf_error *err);

/* ---- customer value -------------------------------------------------------------- */

#define LF_NATURE_MAX 16
#define LF_VALUE_LEVELS_MAX 8
#define LF_VALUE_LEVEL_NAME_MAX 16

typedef struct lf_nature_score {
    char class_name[LF_CUSTOMER_CLASS_MAX];
    double score;                 /* 0..100 */
} lf_nature_score;

typedef struct lf_value_level {
    char name[LF_VALUE_LEVEL_NAME_MAX];
    double min_value;             /* strictly decreasing, the last <= 0 */
} lf_value_level;

typedef struct lf_value_spec {
    double w_nature, w_current, w_potential; /* >= 0, sum 1 */
    size_t nnature;
    lf_nature_score nature[LF_NATURE_MAX];
    size_t nlevels;
    lf_value_level levels[LF_VALUE_LEVELS_MAX];
} lf_value_spec;

void lf_value_spec_default(lf_value_spec *spec);
int lf_value_spec_check(const lf_value_spec *spec, lf_error *err);

typedef struct lf_customer_value {
    double nature, current, potential; /* a, b, d: 0..100 */
    double correction;            /* e */
    double value;                 /* V */
    size_t level;                 /* index into spec->levels */
} lf_customer_value;

/* V of every customer: annual energy from profits[i] (kwh x 12 / months).
 * out has set->n entries. */
int lf_customer_values(const lf_customer_set *set, const lf_profit *profits,
                       const lf_value_spec *spec, lf_customer_value *out, lf_error *err);

/* 100 (r - 1) / (n - 1) with r the mid-rank of x[i] among x[0..n-1]
 * (a NaN value gets 0 and is left out of the ranking, n counting the
 * others; infinities rank at the ends) into pct[n]. */
int lf_percentile_ranks(const double *x, size_t n, double *pct, lf_error *err);

#ifdef __cplusplus
}
#endif

#endif
