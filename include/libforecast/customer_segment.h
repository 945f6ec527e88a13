/* libforecast/customer_segment.h - segments that set each customer's service
 * level and curtailment tier (客户细分), and alerts on big usage swings
 * (用电异常预警).
 *
 * ---- Segments: value x credit -------------------------------------------------------
 *
 * A customer's value level (customer_value.h) and credit group (its credit
 * grade mapped to a group: good, fair, poor) pick a cell of the segment
 * matrix, which names the segment and its service level.  Every value level
 * and every group needs a cell.
 * Default matrix (service levels: premium = an account manager, priority
 * repair and quarterly visits; enhanced; standard; basic):
 *               good                  fair                 poor
 *   high     strategic / premium   key-watch / premium  key-risk / standard
 *   medium   growth / enhanced     core / standard      risk / standard
 *   low      basic / basic         basic / basic        watch / basic
 * Default groups: good AAA AA A; fair BBB BB; poor B C.
 *
 * ---- Curtailment tier (有序用电 order) ----------------------------------------------
 *
 * Tier rules are tried in order and the first that matches gives the tier;
 * a rule matches when each condition it sets holds (value level, credit
 * group, class, one of its industries).  A protected customer gets no tier
 * (never curtailed) whatever the rules say.  The last rule should set no
 * condition; a customer no rule matches is an error naming it.  The tiers are
 * those of the peak-shift portfolio, cut first to cut last.  Default rules,
 * after the glossary's order (energy-intensive, polluting and poor-credit
 * first; the most valuable last):
 *   credit poor                                         -> restricted
 *   industry steel, ferroalloys, cement, chemicals, non-ferrous metals,
 *            building ceramics, textile dyeing           -> restricted
 *   value high and credit good                          -> priority
 *   class commercial                                    -> commercial
 *   (any)                                               -> general
 * with tiers [restricted, general, commercial, priority].
 * Names: grades, value levels and group names match exactly (credit grades
 * are told apart by case); class and industry, free text from the CRM, and
 * tier names, which the peak-shift portfolio looks up that way, match ASCII
 * case-insensitively ("Steel" is steel, but "steel works" is not: an
 * industry matches as a whole name), so tier names must differ in more than
 * case.
 *
 * The result is exported as the tiers file that the peak-shift schedule
 * reads (lf_portfolio_apply_tiers in peakshift.h): `id,tier` with tier
 * empty for a protected customer.
 *
 * ---- Usage alerts -------------------------------------------------------------------
 *
 * Each of the last `recent_months` months of the set is compared, for every
 * customer with energy that month, with what was expected:
 *   last_year   the same month a year earlier (同比)
 *   previous    the mean of the previous_months months before it (环比; every
 *               one of them must have a value)
 *   expected    the caller's expected energy (e.g. the customer's forecast)
 * change = actual - expected, change_pct = change / expected (NaN when the
 * expected value is 0).  z = (change - c) / s, where c and s are the mean
 * and the sample standard deviation of the same baseline's changes over the
 * customer's months before the recent ones (at least min_history of them,
 * else z is NaN): a swing measured against the customer's usual change, so
 * that steady growth (every change positive) does not alert by itself.
 * With through_months set, the months after the first through_months are not
 * looked at: the recent months end there (an evaluation as of an earlier
 * date than the records' end).
 * Measure percent alerts when |change_pct| >= threshold (default 0.30);
 * measure z when |z| >= threshold (default 3); a value within 1e-9 below the
 * threshold counts as reaching it (LF_ALERT_TOLERANCE: (1.43 - 1.1) / 1.1 is
 * 0.2999999999999998 in double and alerts at 0.30).  A month whose expected
 * value is below min_kwh is skipped (small accounts swing by large shares
 * without mattering).  Alerts are ranked by the measure's absolute value,
 * largest first (ties by |change| then customer index then month).
 * Details: with fewer months in the set than recent_months, all are recent.
 * The history for s takes every earlier month with an actual and an expected
 * value, min_kwh or not (it measures how much this customer swings); s = 0
 * (the same change every month) gives z NaN, as there is no spread to
 * measure against.  z is computed whichever the measure.  Energy and expected
 * values must be NaN or finite and >= 0 (an error names the customer and
 * month).
 */
#ifndef LIBFORECAST_CUSTOMER_SEGMENT_H
#define LIBFORECAST_CUSTOMER_SEGMENT_H

#include <stddef.h>

#include "libforecast/customer_value.h"
#include "libforecast/customers.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- segments and tiers -------------------------------------------------------------- */

#define LF_SEGMENT_NAME_MAX 32
#define LF_CREDIT_GROUPS_MAX 6
#define LF_SEGMENT_TIERS_MAX 16
#define LF_TIER_RULES_MAX 16
#define LF_TIER_RULE_INDUSTRIES_MAX 12
#define LF_CREDIT_GROUP_GRADES_MAX 16

typedef struct lf_credit_group {
    char name[LF_SEGMENT_NAME_MAX];
    size_t ngrades;
    char grades[LF_CREDIT_GROUP_GRADES_MAX][LF_CREDIT_GRADE_MAX]; /* grades in it */
} lf_credit_group;

typedef struct lf_segment_cell {
    char segment[LF_SEGMENT_NAME_MAX];
    char service[LF_SEGMENT_NAME_MAX];
} lf_segment_cell;

typedef struct lf_tier_rule {
    char value_level[LF_VALUE_LEVEL_NAME_MAX];  /* "" any */
    char credit_group[LF_SEGMENT_NAME_MAX];     /* "" any */
    char class_name[LF_CUSTOMER_CLASS_MAX];     /* "" any */
    size_t nindustries;                         /* 0 any */
    char industries[LF_TIER_RULE_INDUSTRIES_MAX][LF_CUSTOMER_INDUSTRY_MAX];
    char tier[LF_SEGMENT_NAME_MAX];             /* one of the spec's tiers */
} lf_tier_rule;

typedef struct lf_segment_spec {
    size_t ngroups;
    lf_credit_group groups[LF_CREDIT_GROUPS_MAX];
    size_t nlevels;                             /* = the value spec's levels */
    char levels[LF_VALUE_LEVELS_MAX][LF_VALUE_LEVEL_NAME_MAX];
    lf_segment_cell cells[LF_VALUE_LEVELS_MAX][LF_CREDIT_GROUPS_MAX]; /* [level][group] */
    size_t ntiers;
    char tiers[LF_SEGMENT_TIERS_MAX][LF_SEGMENT_NAME_MAX]; /* cut first .. last */
    size_t nrules;
    lf_tier_rule rules[LF_TIER_RULES_MAX];
} lf_segment_spec;

/* The defaults above (levels high, medium, low). */
void lf_segment_spec_default(lf_segment_spec *spec);
/* Counts within their maxima (at least one group, level, tier and rule;
 * at least one grade per group), names non-empty, terminated and unique
 * (tiers in any case), every grade in at most one group, every cell named
 * (segment and service), every rule's tier, level and group known.  Errors
 * are LF_ERR_ARG, "segment spec: ...", with a 'did you mean' for a rule's
 * misspelt name.  The last rule setting no condition is not required. */
int lf_segment_spec_check(const lf_segment_spec *spec, lf_error *err);

typedef struct lf_segment {
    size_t level, group;          /* indices into the spec */
    const char *segment, *service;/* point into the spec */
    int tier;                     /* index into spec->tiers, -1 protected */
    size_t rule;                  /* the rule that gave the tier (protected: nrules) */
} lf_segment;

/* The segment of customer c, whose value level is level_name and credit
 * grade grade; a grade in no group, a level not in the spec, or no rule
 * matching an unprotected customer is an error naming the customer
 * (LF_ERR_DATA).  The spec is checked first (lf_segment_spec_check's errors
 * are LF_ERR_ARG).  out is left alone on error. */
int lf_customer_segment(const lf_segment_spec *spec, const lf_customer *c,
                        const char *level_name, const char *grade, lf_segment *out,
                        lf_error *err);

/* ---- usage alerts ------------------------------------------------------------------- */

typedef enum lf_alert_baseline {
    LF_ALERT_LAST_YEAR = 0,
    LF_ALERT_PREVIOUS,
    LF_ALERT_EXPECTED
} lf_alert_baseline;

typedef enum lf_alert_measure { LF_ALERT_PERCENT = 0, LF_ALERT_ZSCORE } lf_alert_measure;

#define LF_ALERT_TOLERANCE 1e-9   /* a measure this close below the threshold alerts */

/* "last_year", "previous", "expected"; "percent", "z"; parse gives -1 for others. */
const char *lf_alert_baseline_name(lf_alert_baseline b);
int lf_alert_baseline_parse(const char *name);
const char *lf_alert_measure_name(lf_alert_measure m);
int lf_alert_measure_parse(const char *name);

typedef struct lf_alert_spec {
    lf_alert_baseline baseline;   /* default last_year */
    size_t previous_months;       /* >= 1, default 3 */
    lf_alert_measure measure;     /* default percent */
    double threshold;             /* > 0; default 0.30 (percent) */
    size_t recent_months;         /* >= 1, default 1 */
    size_t min_history;           /* >= 2, default 6 */
    double min_kwh;               /* >= 0, default 0 */
    size_t through_months;        /* 0 (default): every month of the set */
} lf_alert_spec;

void lf_alert_spec_default(lf_alert_spec *spec);
int lf_alert_spec_check(const lf_alert_spec *spec, lf_error *err);

typedef struct lf_usage_alert {
    size_t customer;              /* index into the set */
    lf_date month;                /* first day */
    double actual, expected;      /* kWh */
    double change, change_pct;    /* kWh, fraction (0.25 = +25 %) */
    double z;                     /* NaN when the history is too short */
} lf_usage_alert;

/* The alerts of the set, ranked, into a new array *out (free()) of *nout
 * (NULL with 0).  expected (n x nmonths, NaN none) is required by baseline
 * expected and ignored otherwise. */
int lf_usage_alerts(const lf_customer_set *set, const double *expected,
                    const lf_alert_spec *spec, lf_usage_alert **out, size_t *nout,
                    lf_error *err);

#ifdef __cplusplus
}
#endif

#endif
