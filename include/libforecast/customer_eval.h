/* libforecast/customer_eval.h - the whole customer evaluation of a set in one
 * call, as `lfc customers` makes it: for every customer its profit and ABC
 * class, key-account status, RFM, value, credit rating and settlement advice,
 * segment and curtailment tier; the Pareto curve; the usage alerts.
 *
 * The window is the window_months months ending with the month of the
 * evaluation date E (default: the last day of the set's last month), clipped
 * to the set's span.  E must lie in the set's span.
 *
 * Credit: the indicators are the six of credit.h (lf_credit_default_index),
 * whose raw values come from the records: payments up to E over the 365 days
 * ending on E plus the customer's arrears from before its records (the
 * arrears_months input includes them; raw, what the records alone give, does
 * not), the window's monthly energy,
 * breaches from customers.csv, the industry outlook from customers.csv or
 * else the outlook table by industry (matched ignoring case, as the tier
 * rules match industries; else its default; NaN default: a
 * customer without one is an error naming it and the two ways to give it).
 * A customer without an assessed bill gets the payment indicators of a
 * customer who always paid on time, flagged (no_payment_history): a new
 * customer has not yet had the chance to pay late; its arrears still count,
 * in months of its mean bill over the window (no bill at all: any arrears
 * score as the worst).  Likewise a customer with fewer than 2 months of
 * energy in the window, or a mean of 0 (no CV exists), gets the best
 * energy_cv, flagged (no_energy_history).
 * Weights as given, or from an AHP matrix over the six in enum order (it must
 * be consistent: CR < 0.1).
 *
 * Settlement: the deposit is sized on one cycle of the customer's expected
 * monthly consumption - its expected energy for the month after E when the
 * caller passes expected values covering it, else the window's mean monthly
 * energy - at its own average price over the window (bills / energy).
 *
 * The value level and the credit group give the segment (customer_segment.h);
 * the Pareto set (pareto_share) and ABC use the same ranking.
 */
#ifndef LIBFORECAST_CUSTOMER_EVAL_H
#define LIBFORECAST_CUSTOMER_EVAL_H

#include <stddef.h>

#include "libforecast/credit.h"
#include "libforecast/customer_segment.h"
#include "libforecast/customer_value.h"
#include "libforecast/customers.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LF_OUTLOOK_MAX 32

typedef struct lf_outlook_score {
    char industry[LF_CUSTOMER_INDUSTRY_MAX];
    double score;                 /* 0..100 */
} lf_outlook_score;

typedef struct lf_customer_eval_spec {
    int has_evaluated;            /* 0: the last day of the set's last month */
    lf_date evaluated;
    size_t window_months;         /* >= 1, default 12 */
    lf_cost_rule cost;
    double a_share, b_share;      /* ABC, default 0.80 and 0.95 */
    lf_key_spec key;
    lf_rfm_spec rfm;
    lf_value_spec value;
    lf_credit_indicator indicators[LF_CREDIT_NDEFAULT]; /* in enum order */
    int use_ahp;                  /* weights from ahp_matrix instead */
    double ahp_matrix[LF_CREDIT_NDEFAULT * LF_CREDIT_NDEFAULT];
    size_t ngrades;
    lf_credit_grade grades[LF_CREDIT_GROUP_GRADES_MAX];
    size_t nsettlement;
    lf_credit_settlement_rule settlement[LF_CREDIT_GROUP_GRADES_MAX];
    size_t noutlook;
    lf_outlook_score outlook[LF_OUTLOOK_MAX];
    double outlook_default;       /* for industries not in the table; NaN none */
    lf_segment_spec segment;
    lf_alert_spec alerts;
} lf_customer_eval_spec;

/* Every default of the headers; outlook table empty with default NaN. */
void lf_customer_eval_spec_init(lf_customer_eval_spec *spec);

typedef struct lf_customer_result {
    lf_profit profit;
    lf_abc_class abc;
    size_t rank;                  /* by profit, 1 = largest */
    double profit_share;          /* cumulative profit share S(rank) */
    lf_key_account key;
    lf_rfm rfm;
    lf_customer_value value;
    lf_credit_raw raw;            /* from the records (before the fill-ins) */
    double credit_inputs[LF_CREDIT_NDEFAULT]; /* what the rating used */
    int no_payment_history, no_energy_history;
    lf_credit_rating credit;
    double monthly_kwh;           /* the expected month the deposit is sized on */
    double price_per_kwh;         /* window bills / energy (0 without energy) */
    lf_credit_settlement_advice settlement;
    lf_segment segment;
} lf_customer_result;

typedef struct lf_customer_eval {
    lf_date evaluated;
    size_t window_first, window_count;    /* months of the set */
    size_t n;
    lf_customer_result *results;  /* n, in the set's order */
    lf_pareto_point *pareto;      /* n, by rank */
    lf_rfm_spec rfm_edges;        /* the edges used; nedges 0: scored by rank */
    int used_ahp;
    lf_ahp_result ahp;            /* when used_ahp */
    double weights[LF_CREDIT_NDEFAULT]; /* the credit weights used */
    size_t nalerts;
    lf_usage_alert *alerts;       /* ranked */
} lf_customer_eval;

/* Evaluate set (expected: n x nmonths or NULL) under spec; *out is new, for
 * lf_customer_eval_free.  Errors name the customer (and the spec's part). */
int lf_customer_evaluate(const lf_customer_set *set, const double *expected,
                         const lf_customer_eval_spec *spec, lf_customer_eval **out,
                         lf_error *err);
void lf_customer_eval_free(lf_customer_eval *ev); /* NULL allowed */

/* ---- output ---------------------------------------------------------------------------
 *
 * Every writer takes the set, the evaluation and the spec it was made with,
 * and writes one file whole or not at all (lf_atomic_write).  Numbers have 10
 * significant digits, a missing value is an empty field (JSON: null), text
 * is quoted.
 *   customers   one row per customer in the set's order: who it is, kWh,
 *               revenue, cost, profit, rank, cumulative share, ABC, key
 *               account and why, R F M and their scores, the value's parts,
 *               V and its level, the six credit inputs, score, grade,
 *               billing cycle and deposit, segment, service, tier
 *   pareto      the Pareto curve by rank: id, profit, cumulative profit and
 *               customer shares, ABC
 *   alerts      the alerts, ranked: id, month, actual, expected, change
 *               (kWh and share), z, up/down
 *   tiers       id,tier for the peak-shift portfolio (lf_portfolio_apply_tiers);
 *               an empty tier for a protected customer
 *   json        all of it, with the window, the credit weights (and the AHP
 *               consistency when used) and the RFM edges used (per
 *               dimension a list, or "rank" when scored by rank quintile)
 */
int lf_customer_eval_write_customers(const char *path, const lf_customer_set *set,
                                     const lf_customer_eval *ev,
                                     const lf_customer_eval_spec *spec, lf_error *err);
int lf_customer_eval_write_pareto(const char *path, const lf_customer_set *set,
                                  const lf_customer_eval *ev, const lf_customer_eval_spec *spec,
                                  lf_error *err);
int lf_customer_eval_write_alerts(const char *path, const lf_customer_set *set,
                                  const lf_customer_eval *ev, const lf_customer_eval_spec *spec,
                                  lf_error *err);
int lf_customer_eval_write_tiers(const char *path, const lf_customer_set *set,
                                 const lf_customer_eval *ev, const lf_customer_eval_spec *spec,
                                 lf_error *err);
int lf_customer_eval_write_json(const char *path, const lf_customer_set *set,
                                const lf_customer_eval *ev, const lf_customer_eval_spec *spec,
                                lf_error *err);

#ifdef __cplusplus
}
#endif

#endif
