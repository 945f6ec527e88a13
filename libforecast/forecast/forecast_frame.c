/* forecast_frame.c - what forecasts and weather normalization share: the
 * weather columns the models read, frames extended past the history, and
 * predictions that refuse to return a silent NaN. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"

static int listed(const char *const *columns, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(columns[i], name) == 0)
            return 1;
    return 0;
}

size_t lf_forecast_weather_columns(const lf_model *const models[LF_MODELS],
                                   const char *columns[4])
{
    size_t n = 0;
    for (int m = 0; m < LF_MODELS; m++) {
        if (!models[m] || lf_model_spec_of(models[m])->kind != LF_MODEL_REGRESSION)
            continue;
        const char *own[2];
        size_t k = lf_feature_spec_weather_columns(&lf_model_spec_of(models[m])->features, own);
        for (size_t i = 0; i < k; i++)
            if (!listed(columns, n, own[i]))
                columns[n++] = own[i];
    }
    return n;
}

lf_frame *lf_forecast_extend(const lf_frame *frame, lf_date last, lf_error *err)
{
    lf_date end = lf_frame_end(frame) > last ? lf_frame_end(frame) : last;
    lf_frame *ext = lf_frame_new(frame->start, (size_t)(end - frame->start) + 1, err);
    if (ext && lf_frame_merge(ext, frame, NULL, err) != LF_OK) {
        lf_frame_free(ext);
        return NULL;
    }
    return ext;
}

static int no_prediction(const lf_model *model, const lf_prediction *p, size_t i,
                         lf_error *err)
{
    char day[LF_DATE_STRLEN], why[128];
    lf_date_format(p->first + (lf_date)i, day);
    lf_flags_text(p->flags[i], why, sizeof why);
    return lf_error_set(err, LF_ERR_DATA, "the %s model has no forecast for %s (%s); every "
                        "input it reads must have a value on the forecast days",
                        lf_model_spec_of(model)->target, day,
                        why[0] ? why : "its input is missing");
}

int lf_forecast_predict(const lf_model *model, const lf_frame *frame, const lf_calendar *cal,
                        lf_date first, lf_date last, double *mean, double *contrib,
                        int allow_missing, lf_error *err)
{
    lf_prediction *p = NULL;
    int rc = lf_model_predict(model, frame, cal, first, last, 0.9, &p, err);
    for (size_t i = 0; rc == LF_OK && !allow_missing && i < p->nrows; i++)
        if (!isfinite(p->mean[i]))
            rc = no_prediction(model, p, i, err);
    if (rc == LF_OK) {
        memcpy(mean, p->mean, p->nrows * sizeof *mean);
        if (contrib)
            memcpy(contrib, p->contrib, p->nrows * LF_DRIVER_COUNT * sizeof *contrib);
    }
    lf_prediction_free(p);
    return rc;
}
