/* libforecast/credit.h - a customer's credit rating (信用等级): indicator weights
 * from an AHP pairwise-comparison matrix, each indicator scored 0..100 from the
 * customer's raw values, the weighted total graded by thresholds, and the
 * settlement advice (billing cycle, prepayment deposit) of the grade.
 *
 * ---- AHP weights (层次分析法) -----------------------------------------------------
 *
 * An n x n matrix A (1 <= n <= 15, row-major) compares the indicators in pairs:
 * a_ij says how much more indicator i matters than j, on Saaty's 1..9 scale.
 * It must be positive and reciprocal: a_ii = 1 and a_ji = 1 / a_ij, checked as
 * |a_ij x a_ji - 1| <= 1e-6 (a relative tolerance, so 0.333 for 1/3 fails:
 * lf_ahp_complete fills the lower triangle exactly from the upper one).
 *   weights     the principal (Perron) eigenvector of A, scaled to sum 1
 *   lambda_max  its eigenvalue; lambda_max >= n, equal only when every
 *               judgement agrees with every other (a_ij a_jk = a_ik)
 *   CI          (lambda_max - n) / (n - 1), 0 for n = 1 (rounding below 0
 *               is reported as 0)
 *   RI          Saaty's random index: the mean CI of random reciprocal
 *               matrices of order n, from Saaty (1980), "The Analytic Hierarchy
 *               Process", for n = 1..15:
 *               0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
 *               1.51, 1.48, 1.56, 1.57, 1.59
 *   CR          CI / RI; 0 for n <= 2 (every reciprocal 2 x 2 is consistent)
 *   consistent  CR < 0.1 (LF_AHP_CR_LIMIT), Saaty's rule of acceptance
 * The judgement farthest from the weights, the cell (i < j) with the largest
 * |ln(a_ij w_j / w_i)|, is reported: it is the first one to revise.
 *
 * ---- Indicators and their scores -------------------------------------------------
 *
 * An indicator has a name, a weight and a scoring rule:
 *   LF_CREDIT_LINEAR  score = 100 (raw - worst) / (best - worst), clamped to
 *                     0..100: 100 at or beyond best, 0 at or beyond worst.  best
 *                     may be below worst (days late: best 0, worst 30).
 *   LF_CREDIT_GIVEN   the raw value is the score itself (0..100, else an error).
 * A raw value NaN (missing) is an error naming the indicator: a rating made
 * with a hole in it would look better or worse than the customer is.
 * Weights are >= 0 and must sum to 1 within 1e-9; they are not normalised,
 * because a sum far from 1 is a typo (0.03 for 0.3) that rescaling would hide
 * by moving every other weight.  Weights from AHP sum to 1 by construction.
 *
 * Total = sum of weight x score (0..100).  Grades are {name, min_score} in
 * strictly decreasing min_score, the last at most 0 so every total has one;
 * a total gets the first grade whose min_score it reaches.  A total within
 * 1e-9 below a threshold counts as reaching it: 100 (0.95 - 0.5) / 0.5 is
 * 89.99999999999999 in double arithmetic and must grade as 90.
 *
 * Default indicators (lf_credit_default_indicators; raw values in the order
 * of enum lf_credit_default_index, as lf_credit_raw_from_records gives them):
 *   on_time_share    weight 0.25  linear best 1.0  worst 0.5   share of bills paid
 *                                                              by their due date
 *   mean_days_late   weight 0.15  linear best 0    worst 30    days, over late bills
 *   arrears_months   weight 0.25  linear best 0    worst 3     outstanding / mean
 *                                                              monthly bill
 *   breaches         weight 0.15  linear best 0    worst 3     contract breaches in
 *                                                              the last 12 months
 *   energy_cv        weight 0.10  linear best 0.05 worst 0.5   coefficient of
 *                                                              variation of monthly
 *                                                              energy
 *   industry_outlook weight 0.10  given (0..100)
 * Default grades: AAA 90, AA 80, A 70, BBB 60, BB 50, B 40, C 0.
 * These are a starting point to be replaced by each utility's own policy.
 *
 * ---- Raw indicators from payment records ------------------------------------------
 *
 * Evaluated as of a date E, from the bills the caller passes (e.g. those of
 * the last 12 months):
 *   assessed     a bill whose due date is before E (a bill due on E can still
 *                be paid on time that day; a later one is not yet judged)
 *   paid         paid on a date <= E; a payment recorded after E is unpaid
 *                as of E, so a back-dated evaluation sees what E saw
 *   on time      paid on or before the due date
 *   days late    paid - due when paid late; E - due when unpaid
 *   on_time_share   on-time assessed bills / assessed bills
 *   mean_days_late  mean days late over the assessed bills that are late
 *                   (0 when none is): how late, not how often, which
 *                   on_time_share measures
 *   outstanding     amount of the assessed bills unpaid at E
 *   mean monthly bill  amount of the assessed bills / the number of calendar
 *                   months in which one falls due (10-day bills: three a month)
 *   arrears_months  outstanding / mean monthly bill (0 when nothing is owed)
 *   energy_cv       population standard deviation / mean of the monthly
 *                   energy, NaN months skipped; NaN with fewer than 2 months
 *                   or a mean of 0
 * With no assessed bill the payment indicators are NaN.  breaches and
 * industry_outlook do not come from the records: they are set to NaN for the
 * caller to fill.
 *
 * ---- Settlement advice (抄表结算, 预付费) -----------------------------------------
 *
 * A table given by the caller maps each grade to a billing cycle in days
 * (10 for ten-day settlement 旬结, 30 for monthly) and a prepayment deposit in
 * cycles.  The deposit is the forecast consumption of one cycle x price x
 * cycles, a cycle's consumption being the forecast month's x cycle_days / 30:
 * a month counts 30 days, so that a ten-day cycle is one third of it, as the
 * 上/中/下旬 of a month are.  Energy in kWh and price in currency per kWh, as
 * the tariff module bills (multiply MWh by 1000).
 * Default table (lf_credit_default_settlement): AAA, AA, A monthly without
 * deposit; BBB monthly, 1 cycle; BB ten-day, 1 cycle; B ten-day, 2 cycles;
 * C ten-day, 3 cycles.
 *
 * Everything here is re-entrant; results go to caller-owned structs.
 */
#ifndef LIBFORECAST_CREDIT_H
#define LIBFORECAST_CREDIT_H

#include <stddef.h>

#include "libforecast/date.h"
#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- AHP ------------------------------------------------------------------------- */

#define LF_AHP_MAX 15             /* largest order with a random index */
#define LF_AHP_CR_LIMIT 0.1       /* accepted when CR is below it */

typedef struct lf_ahp_result {
    size_t n;
    double weights[LF_AHP_MAX];   /* first n used, > 0, sum 1 */
    double lambda_max, ci, ri, cr;
    int consistent;               /* cr < LF_AHP_CR_LIMIT */
    size_t worst_row, worst_col;  /* 0-based, row < col: the judgement farthest from
                                     the weights (0, 0 when n = 1) */
    double worst_implied;         /* w_row / w_col, what the weights make of it */
} lf_ahp_result;

/* The weights, lambda_max, CI, RI and CR of the matrix (see above).  Any
 * positive reciprocal matrix succeeds, consistent or not: look at
 * out->consistent, or use lf_ahp_weights_consistent.  An error names the
 * first bad cell (1-based row, column and values). */
int lf_ahp_weights(const double *matrix, size_t n, lf_ahp_result *out, lf_error *err);

/* The same, and a matrix with CR >= 0.1 is an error (LF_ERR_ARG) with the CR
 * and the judgement to revise in the message; out is still filled, so the
 * caller can show the CR of the rejected matrix. */
int lf_ahp_weights_consistent(const double *matrix, size_t n, lf_ahp_result *out,
                              lf_error *err);

/* Sets a_ii = 1 and a_ji = 1 / a_ij below the diagonal from the upper
 * triangle (which must be positive and finite), so a matrix typed as its
 * upper half is exactly reciprocal. */
int lf_ahp_complete(double *matrix, size_t n, lf_error *err);

/* Saaty's random index of order n (1..15); NaN outside. */
double lf_ahp_random_index(size_t n);

/* ---- indicators, scores, grades --------------------------------------------------- */

#define LF_CREDIT_NAME_MAX 32
#define LF_CREDIT_GRADE_MAX 16
#define LF_CREDIT_MAX_INDICATORS LF_AHP_MAX
#define LF_CREDIT_SCORE_TOLERANCE 1e-9
#define LF_CREDIT_WEIGHT_TOLERANCE 1e-9

typedef enum lf_credit_kind { LF_CREDIT_LINEAR = 0, LF_CREDIT_GIVEN } lf_credit_kind;

typedef struct lf_credit_indicator {
    char name[LF_CREDIT_NAME_MAX];
    double weight;                /* >= 0; all weights sum to 1 */
    lf_credit_kind kind;
    double best, worst;           /* LINEAR: raw values scoring 100 and 0; differ */
} lf_credit_indicator;

typedef struct lf_credit_grade {
    char name[LF_CREDIT_GRADE_MAX];
    double min_score;             /* strictly decreasing; the last <= 0 */
} lf_credit_grade;

typedef struct lf_credit_rating {
    size_t n;
    double scores[LF_CREDIT_MAX_INDICATORS];        /* each indicator's 0..100 */
    double contributions[LF_CREDIT_MAX_INDICATORS]; /* weight x score: its part of total */
    double total;                 /* 0..100 */
    size_t grade;                 /* index into the grades */
    char grade_name[LF_CREDIT_GRADE_MAX];
} lf_credit_rating;

/* n indicators (1..15): names non-empty, weights and rules as above. */
int lf_credit_check_indicators(const lf_credit_indicator *ind, size_t n, lf_error *err);
/* n grades (>= 1): names non-empty and distinct, thresholds as above. */
int lf_credit_check_grades(const lf_credit_grade *grades, size_t n, lf_error *err);

/* The weights from an AHP result of the same order, which must be consistent
 * (a matrix with CR >= 0.1 is rejected, so are its weights). */
int lf_credit_set_weights(lf_credit_indicator *ind, size_t n, const lf_ahp_result *ahp,
                          lf_error *err);

/* One indicator's score from its raw value (the rule is assumed checked). */
int lf_credit_score(const lf_credit_indicator *ind, double raw, double *score, lf_error *err);

/* Index of the grade a total reaches (grades assumed checked). */
size_t lf_credit_grade_of(const lf_credit_grade *grades, size_t n, double total);

/* Scores, total and grade of a customer with raw values raw[0..n-1], in the
 * indicators' order.  Indicators and grades are checked first. */
int lf_credit_rate(const lf_credit_indicator *ind, size_t n, const double *raw,
                   const lf_credit_grade *grades, size_t ngrades, lf_credit_rating *out,
                   lf_error *err);

/* ---- defaults --------------------------------------------------------------------- */

enum lf_credit_default_index {
    LF_CREDIT_ON_TIME_SHARE = 0,
    LF_CREDIT_MEAN_DAYS_LATE,
    LF_CREDIT_ARREARS_MONTHS,
    LF_CREDIT_BREACHES,
    LF_CREDIT_ENERGY_CV,
    LF_CREDIT_INDUSTRY_OUTLOOK,
    LF_CREDIT_NDEFAULT
};
#define LF_CREDIT_NDEFAULT_GRADES 7
#define LF_CREDIT_NDEFAULT_SETTLEMENT 7

void lf_credit_default_indicators(lf_credit_indicator out[LF_CREDIT_NDEFAULT]);
void lf_credit_default_grades(lf_credit_grade out[LF_CREDIT_NDEFAULT_GRADES]);

/* ---- raw indicators from records ---------------------------------------------------- */

#define LF_PAYMENT_UNPAID INT32_MIN   /* paid date of a bill not paid */

typedef struct lf_payment {
    lf_date due;
    lf_date paid;                 /* LF_PAYMENT_UNPAID when not paid */
    double amount;                /* the bill, currency, >= 0 */
} lf_payment;

typedef struct lf_credit_raw {
    double values[LF_CREDIT_NDEFAULT];  /* by enum lf_credit_default_index */
    size_t bills_assessed, bills_late, bills_unpaid;
    double outstanding;           /* currency */
    double mean_monthly_bill;     /* currency */
    size_t energy_months;         /* months with a value */
} lf_credit_raw;

/* The raw indicators (definitions above) as of evaluated, from nbills bills
 * (any order) and nmonths of monthly energy (MWh; NaN = missing). */
int lf_credit_raw_from_records(const lf_payment *bills, size_t nbills,
                               const double *monthly_energy, size_t nmonths,
                               lf_date evaluated, lf_credit_raw *out, lf_error *err);

/* ---- settlement advice ------------------------------------------------------------- */

#define LF_CREDIT_DAYS_PER_MONTH 30

typedef struct lf_credit_settlement_rule {
    char grade[LF_CREDIT_GRADE_MAX];
    int cycle_days;               /* 1..31: 10 ten-day (旬结), 30 monthly */
    double deposit_cycles;        /* >= 0; 0 = no prepayment */
} lf_credit_settlement_rule;

typedef struct lf_credit_settlement_advice {
    char grade[LF_CREDIT_GRADE_MAX];
    int cycle_days;
    double deposit_cycles;
    double cycle_kwh;             /* monthly_kwh x cycle_days / 30 */
    double deposit;               /* cycle_kwh x price x deposit_cycles, currency */
} lf_credit_settlement_advice;

void lf_credit_default_settlement(lf_credit_settlement_rule out[LF_CREDIT_NDEFAULT_SETTLEMENT]);

/* The advice for grade from nrules rules (the grade must appear once) for a
 * customer whose forecast consumption is monthly_kwh (>= 0) at an average
 * price of price_per_kwh (>= 0). */
int lf_credit_settlement(const lf_credit_settlement_rule *rules, size_t nrules,
                         const char *grade, double monthly_kwh, double price_per_kwh,
                         lf_credit_settlement_advice *out, lf_error *err);

#ifdef __cplusplus
}
#endif

#endif
