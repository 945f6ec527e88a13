/* backtest_internal.h (internal) - pieces shared by backtest.c,
 * backtest_score.c, backtest_io.c and select.c. */
#ifndef LF_FORECAST_BACKTEST_INTERNAL_H
#define LF_FORECAST_BACKTEST_INTERNAL_H

#include <time.h>

#include "libforecast/backtest.h"

int lf_select_spec_check(const lf_select_spec *spec, lf_error *err);

/* Fill bt->accuracy from its forecasts; train[0..] is the target from day
 * first on (for the MASE scale of each origin's training days). */
int lf_backtest_score(lf_backtest *bt, const double *train, lf_date first, lf_error *err);

/* The accuracy slot of model m at origin o (LF_BACKTEST_POOLED: pooled). */
static inline lf_accuracy *lf_backtest_slot(lf_backtest *bt, size_t m, size_t o,
                                            lf_backtest_scale scale)
{
    size_t origin = o == LF_BACKTEST_POOLED ? bt->norigins : o;
    return &bt->accuracy[(m * (bt->norigins + 1) + origin) * LF_SCALE_COUNT + (size_t)scale];
}

/* Wall-clock seconds since t0 (CLOCK_MONOTONIC). */
double lf_backtest_seconds_since(const struct timespec *t0);

#endif
