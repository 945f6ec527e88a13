/* config_sections.c - the config's sections by accessor, for callers that do
 * not mirror lf_config's layout (the Python binding). */
#include "libforecast/config.h"

const char *lf_config_output_dir(const lf_config *cfg)
{
    return cfg->output_dir;
}

const lf_config_model *lf_config_model_section(const lf_config *cfg)
{
    return cfg->has_model ? &cfg->model : NULL;
}

const lf_candidate *lf_config_candidates(const lf_config *cfg, size_t *n)
{
    *n = cfg->ncandidates;
    return cfg->ncandidates ? cfg->candidates : NULL;
}

const lf_select_spec *lf_config_selection_section(const lf_config *cfg)
{
    return cfg->has_selection ? &cfg->selection : NULL;
}

const lf_config_backtest *lf_config_backtest_section(const lf_config *cfg)
{
    return cfg->has_backtest ? &cfg->backtest : NULL;
}

const lf_config_forecast *lf_config_forecast_section(const lf_config *cfg)
{
    return &cfg->forecast;
}

const lf_config_peakshift *lf_config_peakshift_section(const lf_config *cfg)
{
    return cfg->has_peakshift ? &cfg->peakshift : NULL;
}

const lf_config_tariff *lf_config_tariff_section(const lf_config *cfg)
{
    return cfg->has_tariff ? &cfg->tariff : NULL;
}

const lf_config_crm *lf_config_crm_section(const lf_config *cfg)
{
    return cfg->has_crm ? &cfg->crm : NULL;
}

const lf_config_plan *lf_config_plan_section(const lf_config *cfg)
{
    return cfg->has_plan ? &cfg->plan : NULL;
}
