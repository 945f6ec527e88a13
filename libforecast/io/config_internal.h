/* config_internal.h (internal) - config sections read in their own files. */
#ifndef LF_IO_CONFIG_INTERNAL_H
#define LF_IO_CONFIG_INTERNAL_H

#include "libforecast/config.h"
#include "yaml_tree.h"

/* The most days a peak-shift schedule covers: a hundred years. */
#define LF_PEAKSHIFT_MAX_DAYS 36600

/* A model section with every default (what an absent 'model' means). */
void lf_config_read_defaults(lf_config_model *m);
/* The 'model' mapping; errors are located at the offending node. */
int lf_config_read_model(const lf_ynode *map, lf_config_model *model, lf_error *err);
/* One entry of 'candidates': the model section's keys (not train, test or
 * interval) plus name, read over a copy of base. */
int lf_config_read_candidate(const lf_ynode *map, const lf_config_model *base,
                             lf_candidate *c, lf_error *err);
/* The model section's keys (not train, test or interval) over a copy of base. */
int lf_config_read_model_over(const lf_ynode *map, const lf_config_model *base,
                              lf_model_spec *spec, lf_error *err);
/* {first: DATE, last: DATE}, both required, first <= last. */
int lf_config_read_days(const lf_ynode *map, lf_date *first, lf_date *last, lf_error *err);
/* The forecast section's defaults over the model section (base). */
void lf_config_forecast_defaults(const lf_config_model *base, lf_config_forecast *fc);
/* The 'forecast' mapping over the model section (base); arrays in arena. */
int lf_config_read_forecast(const lf_ynode *map, const lf_config_model *base,
                            lf_arena *arena, lf_config_forecast *fc, lf_error *err);
/* The 'selection' and 'backtest' mappings. */
int lf_config_read_selection(const lf_ynode *map, lf_select_spec *spec, lf_error *err);
int lf_config_read_backtest(const lf_ynode *map, lf_config_backtest *bt, lf_error *err);
/* path relative to dir (the config file's directory; absolute paths stay as
 * they are), copied into arena. */
int lf_config_resolve(lf_arena *arena, const char *dir, const char *path, const char **out,
                      lf_error *err);
/* The 'peakshift' mapping; paths resolved against dir, strings in arena. */
int lf_config_read_peakshift(const lf_ynode *map, lf_arena *arena, const char *dir,
                             lf_config_peakshift *ps, lf_error *err);
/* The 'tariff' mapping (config_tariff.c); its accounts name customers read
 * before it. */
int lf_config_read_tariff(const lf_ynode *map, lf_arena *arena, const char *dir,
                          const lf_config_source *customers, size_t ncustomers,
                          lf_config_tariff *t, lf_error *err);

#endif
