/* forecast_run.c - the forecast of the config's 'forecast' section, as
 * lfc forecast and lfc plan both make it: choose the days, fit the energy
 * and peak models on the history before the forecast, forecast every
 * scenario, normalize the history to normal weather. */
#include <stdlib.h>

#include "forecast_out.h"

/* ---- days ------------------------------------------------------------------------ */

static int choose_days(fc_run *r, lf_error *err)
{
    const lf_config *cfg = r->cfg;
    const lf_frame *d = r->project->daily;
    const lf_config_forecast *fc = &cfg->forecast;
    if (!d)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: lfc forecast needs 'load' data",
                            cfg->path);
    r->spec = fc->spec;
    if (r->has_seed)
        r->spec.seed = r->seed;
    r->spec.first = fc->has_first ? fc->first : lf_frame_end(d) + 1;
    r->spec.last = fc->has_last ? fc->last : lf_date_add_months(r->spec.first, fc->months) - 1;
    r->train_first = cfg->model.has_train ? cfg->model.train_first : d->start;
    r->train_last = r->spec.first - 1;
    if (r->train_last <= r->train_first || lf_frame_row(d, r->train_last) < 0) {
        char a[LF_DATE_STRLEN];
        lf_date_format(r->spec.first, a);
        return lf_error_set(err, LF_ERR_CONFIG, "%s: the forecast starts on %s, which leaves "
                            "no history to fit on inside the load data", cfg->path, a);
    }
    r->norm_first = fc->has_normalize ? fc->normalize_first : r->train_first;
    r->norm_last = fc->has_normalize ? fc->normalize_last : r->train_last;
    return LF_OK;
}

/* ---- the run --------------------------------------------------------------------- */

static int fit_models(fc_run *r, lf_error *err)
{
    const lf_config_forecast *fc = &r->cfg->forecast;
    const lf_project *p = r->project;
    int rc = LF_OK;
    if (fc->has_energy)
        rc = lf_model_fit(&fc->energy, p->daily, p->calendar, r->train_first, r->train_last,
                          &r->energy, err);
    if (rc == LF_OK && fc->has_peak)
        rc = lf_model_fit(&fc->peak, p->daily, p->calendar, r->train_first, r->train_last,
                          &r->peak, err);
    return rc;
}

static int normalize(fc_run *r, lf_error *err)
{
    const lf_project *p = r->project;
    if (!lf_forecast_weather(r->forecast))
        return LF_OK; /* the models read no weather: nothing to normalize */
    int rc = LF_OK;
    for (int k = 0; rc == LF_OK && k < 2; k++)
        rc = lf_weather_normalize(&r->spec.weather, r->energy, r->peak, p->daily, p->weather,
                                  p->calendar, r->norm_first, r->norm_last,
                                  k ? LF_PERIOD_YEAR : LF_PERIOD_MONTH, &r->norm[k],
                                  &r->nnorm[k], err);
    r->normalized = rc == LF_OK;
    return rc;
}

static int run(fc_run *r, lf_error *err)
{
    const lf_project *p = r->project;
    lfc_progress_step(r->progress, "fitting models");
    int rc = fit_models(r, err);
    if (rc == LF_OK) {
        lfc_progress_step(r->progress, "forecasting");
        rc = lf_forecast_run(&r->spec, r->energy, r->peak, p->daily, p->weather, p->calendar,
                             &r->forecast, err);
    }
    if (rc == LF_OK) {
        lfc_progress_step(r->progress, "normalizing");
        rc = normalize(r, err);
    }
    return rc;
}

void lfc_forecast_release(fc_run *r)
{
    for (int k = 0; k < 2; k++)
        free(r->norm[k]);
    lf_forecast_free(r->forecast);
    lf_model_free(r->energy);
    lf_model_free(r->peak);
}

int lfc_forecast_compute(fc_run *r, lf_error *err)
{
    int rc = choose_days(r, err);
    return rc == LF_OK ? run(r, err) : rc;
}
