/* libforecast/model.h - daily load models fitted on a frame.
 *
 * A model spec names the target column (daily energy, daily peak...), the
 * features and the fitting method; lf_model_fit learns the features on the
 * training days, chooses degree-day bases when asked, and fits.
 * lf_model_predict then gives predictions, intervals and the per-driver
 * decomposition for any days whose drivers the frame holds.
 *
 * Degree-day grid search: with temperature.auto_hdd and/or auto_cdd, every
 * base (pair, heating <= cooling) on the grid is tried on the training days
 * and the one with the lowest AICc is kept; lf_model_grid lists the tries.
 *
 * WLS weights come from a frame column (weight_column) or decay with age
 * (halflife_days: a day halflife_days before the last training day counts
 * half as much), so recent years can count more.
 */
#ifndef LIBFORECAST_MODEL_H
#define LIBFORECAST_MODEL_H

#include <stddef.h>

#include "libforecast/calendar.h"
#include "libforecast/features.h"
#include "libforecast/frame.h"
#include "libforecast/regress.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lf_model_spec {
    char target[LF_FEATURE_NAME_MAX];  /* default "energy_mwh" */
    lf_feature_spec features;
    lf_regress_options fit;
    char weight_column[LF_FEATURE_NAME_MAX]; /* WLS: weights from this column, or */
    double halflife_days;                    /* WLS: weights 0.5^(age / halflife) */
} lf_model_spec;

void lf_model_spec_init(lf_model_spec *spec);

typedef struct lf_model lf_model;

/* Fit on the days first..last of frame (rows without a target are left out
 * and counted).  The calendar must cover those days. */
int lf_model_fit(const lf_model_spec *spec, const lf_frame *frame, const lf_calendar *cal,
                 lf_date first, lf_date last, lf_model **out, lf_error *err);
void lf_model_free(lf_model *model); /* NULL allowed */

/* Predict days first..last; earlier rows of the frame feed lagged and
 * smoothed temperature.  level: interval coverage, e.g. 0.95. */
int lf_model_predict(const lf_model *model, const lf_frame *frame, const lf_calendar *cal,
                     lf_date first, lf_date last, double level, lf_prediction **out,
                     lf_error *err);

const lf_model_spec *lf_model_spec_of(const lf_model *model); /* bases resolved */
const lf_regress *lf_model_regress(const lf_model *model);
const lf_features *lf_model_features(const lf_model *model);

/* One try of the degree-day grid search. */
typedef struct lf_grid_try {
    double hdd, cdd;  /* NaN when that side was not searched */
    double aicc;      /* NaN when the fit failed */
} lf_grid_try;

/* The tries in grid order (NULL and 0 when there was no search). */
const lf_grid_try *lf_model_grid(const lf_model *model, size_t *ntries);

#ifdef __cplusplus
}
#endif
#endif
