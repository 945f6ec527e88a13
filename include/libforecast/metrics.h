/* libforecast/metrics.h - forecast accuracy for backtests: point errors,
 * interval scores and calendar aggregation of daily values.
 *
 * Pairs: row i counts when actual y_i and forecast f_i are both present (not
 * NaN); every measure is over those n pairs unless said otherwise.  A missing
 * value is skipped, never an error; an infinite value anywhere (also on a row
 * that is skipped) is LF_ERR_DATA naming the row, because it means something
 * upstream went wrong.  Rows are named by their 0-based index.
 *
 * Point measures, e_i = f_i - y_i (so a positive bias is over-forecasting):
 *   mae      = mean |e_i|
 *   rmse     = sqrt(mean e_i^2)
 *   mape     = 100 mean |e_i| / |y_i| over the n_mape pairs with y_i != 0
 *              (the others have no percentage error; they still count in
 *              every other measure)
 *   smape    = mean 200 |e_i| / (|y_i| + |f_i|)   (Hyndman & Koehler 2006,
 *              range 0..200); a pair with y_i = f_i = 0 adds 0
 *   mase     = mae / scale, scale from lf_mase_scale on the training data
 *              (Hyndman & Koehler 2006); NaN when no positive finite scale
 *   bias     = mean e_i
 *   bias_pct = 100 sum e_i / sum y_i   (NaN when sum y_i = 0)
 *
 * Interval measures, for the central `level` interval [l_i, u_i], alpha =
 * 1 - level, over the n_interval pairs whose l_i and u_i are also present:
 *   pinball  = mean (L(y_i, l_i, alpha/2) + L(y_i, u_i, 1 - alpha/2)) / 2,
 *              L(y, q, tau) = tau (y - q) when y >= q, (1 - tau) (q - y) otherwise
 *              (the quantile loss, averaged over the two bounds)
 *   coverage = share (0..1, compare with level) of pairs with l_i <= y_i <= u_i
 *   winkler  = mean of (u_i - l_i) + (2 / alpha) (l_i - y_i) when y_i < l_i,
 *                       (u_i - l_i) + (2 / alpha) (y_i - u_i) when y_i > u_i,
 *                       (u_i - l_i) otherwise
 *              (Winkler 1972; Gneiting & Raftery 2007's interval score), which
 *              works out to winkler = (4 / alpha) pinball.
 * Without intervals these three are NaN.  Measures of an empty set (n = 0,
 * n_mape = 0, n_interval = 0) are NaN: no data is not an error.
 *
 * Monthly and yearly accuracy: aggregate the daily arrays with
 * lf_accuracy_aggregate, then call lf_accuracy_compute on the result.
 */
#ifndef LIBFORECAST_METRICS_H
#define LIBFORECAST_METRICS_H

#include <stddef.h>

#include "libforecast/aggregate.h"
#include "libforecast/date.h"
#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lf_accuracy {
    size_t n;           /* pairs: actual and forecast both present */
    size_t n_mape;      /* pairs with actual != 0 (those MAPE uses) */
    size_t n_interval;  /* pairs with lower and upper also present */
    double mae, rmse, mape, smape, mase, bias, bias_pct; /* see above */
    double pinball, coverage, winkler; /* NaN without intervals */
} lf_accuracy;

/* Accuracy of n forecasts against n actuals.  lower and upper are both NULL
 * (no intervals) or both given, with 0 < level < 1 (level is ignored without
 * them).  mase_scale that is not a positive finite number means no MASE.
 * Arrays may be NULL when n == 0.  Errors: out NULL or only one bound given
 * or level outside (0, 1) -> LF_ERR_ARG; an infinite value, or l_i > u_i on
 * a row where both are present -> LF_ERR_DATA.  *out is all NaN (counts 0)
 * on error. */
int lf_accuracy_compute(const double *actual, const double *forecast, const double *lower,
                        const double *upper, size_t n, double level, double mase_scale,
                        lf_accuracy *out, lf_error *err);

/* MASE scale: mean |y_t - y_{t-season}| over t = season .. n-1 where both are
 * present (season 1 = naive, 7 = weekly seasonal naive on daily data), i.e.
 * the in-sample MAE of the seasonal naive forecast.  *scale is NaN when no
 * such pair exists (not an error; lf_accuracy_compute then leaves MASE NaN).
 * Errors: scale NULL, train NULL with n > 0, or season < 1 -> LF_ERR_ARG; an
 * infinite value -> LF_ERR_DATA naming the row. */
int lf_mase_scale(const double *train, size_t n, int season, double *scale, lf_error *err);

/* How lf_accuracy_aggregate combines the days of a period. */
typedef enum lf_agg_stat {
    LF_AGG_SUM = 0, /* sum: daily energy (MWh) -> monthly / yearly energy */
    LF_AGG_MAX = 1  /* largest value: daily peak (MW) -> the period's peak */
} lf_agg_stat;

/* Calendar aggregation of daily actuals and forecasts for monthly or yearly
 * accuracy.  Day i of the arrays is date first + i.  Only COMPLETE periods
 * are returned: every day of the calendar month (kind LF_PERIOD_MONTH) or
 * year (LF_PERIOD_YEAR) lies inside the arrays and has both actual and
 * forecast present, since a partial sum or a peak over fewer days would be
 * compared with a different quantity.  So a series starting on 15 January
 * has no January, and a month with one missing day is left out.
 *
 * Outputs, *nperiods entries each, in date order, malloc'ed (caller frees;
 * all NULL when *nperiods is 0): period start dates (the 1st of the month,
 * 1 January), the actual and the forecast aggregate (stat: LF_AGG_SUM or
 * LF_AGG_MAX; with LF_AGG_MAX the actual and forecast peaks may fall on
 * different days - that is the usual monthly peak comparison).
 *
 * Interval bounds are deliberately not aggregated: the sum of daily bounds
 * is not an interval for the sum (it ignores how errors of different days
 * offset or compound), and the max of daily bounds is not one for the peak.
 * Intervals for monthly or yearly values must come from the forecast model
 * (e.g. from simulated daily paths).
 *
 * Errors: an output pointer NULL, actual/forecast NULL with n > 0 or an
 * unknown kind/stat -> LF_ERR_ARG; dates outside years 1..9999 ->
 * LF_ERR_RANGE; an infinite value -> LF_ERR_DATA naming its date.  Outputs
 * are NULL / 0 on error. */
int lf_accuracy_aggregate(lf_date first, size_t n, const double *actual,
                          const double *forecast, lf_period_kind kind, lf_agg_stat stat,
                          lf_date **starts, double **actual_agg, double **forecast_agg,
                          size_t *nperiods, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
