/* config_internal.h (internal) - config sections read in their own files. */
#ifndef LF_IO_CONFIG_INTERNAL_H
#define LF_IO_CONFIG_INTERNAL_H

#include "libforecast/config.h"
#include "libforecast/csv.h"
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
/* The path under key of map (absent: LF_OK, *out untouched), resolved as
 * lf_config_resolve does. */
int lf_config_get_path(lf_arena *arena, const char *dir, const lf_ynode *map, const char *key,
                       const char **out, lf_error *err);
/* The optional first: and last: of a section's mapping, each flagged when
 * given; last before first is an error naming the section. */
int lf_config_read_optional_days(const lf_ynode *map, const char *section, int *has_first,
                                 lf_date *first, int *has_last, lf_date *last, lf_error *err);
/* ---- value forms several sections read (config_values.c) ---- */

/* "2025-07" -> year and month; 0 unless text is exactly YYYY-MM. */
int lf_config_parse_month(const char *text, int *year, int *month);
/* "0.12" or "12%" -> 0.12; 0 unless text is a finite number, with or without
 * a '%' right after it (the range is the caller's). */
int lf_config_parse_share(const char *text, double *out);

/* How a figure-per-month mapping {2025-07: 9300, ...} is read. */
typedef struct lf_config_month_form {
    /* reads one month's value (its own range and message) */
    int (*figure)(const lf_ynode *node, const void *ctx, double *out, lf_error *err);
    const void *ctx;
    const char *const *other_keys; /* the keys of the value's other form (for
                                      'did you mean' on a key that is no month) */
    size_t nother;
    const char *forms;             /* closes that message: what the value may be */
} lf_config_month_form;

/* Every key of map a month YYYY-MM, its value read by form->figure: map->count
 * months in document order, each with where its key is, into arena.  A month
 * given twice is a duplicate key, which the YAML reader refuses already. */
int lf_config_read_months(const lf_ynode *map, lf_arena *arena, const lf_config_month_form *form,
                          const lf_config_month_limit **out, lf_error *err);

/* The 'peakshift' mapping; paths resolved against dir, strings in arena. */
int lf_config_read_peakshift(const lf_ynode *map, lf_arena *arena, const char *dir,
                             lf_config_peakshift *ps, lf_error *err);
/* The 'tariff' mapping (config_tariff.c); its accounts name customers read
 * before it. */
int lf_config_read_tariff(const lf_ynode *map, lf_arena *arena, const char *dir,
                          const lf_config_source *customers, size_t ncustomers,
                          lf_config_tariff *t, lf_error *err);
/* The 'crm' mapping (config_crm.c); paths resolved against dir. */
int lf_config_read_crm(const lf_ynode *map, lf_arena *arena, const char *dir,
                       lf_config_crm *crm, lf_error *err);
/* The 'plan' mapping (config_plan.c); paths resolved against cfg->dir,
 * strings in arena.  Read after the forecast and peakshift sections (whatever
 * their place in the file): it checks its scenario and quantile against the
 * forecast section's and takes its portfolio and tiers from peakshift's. */
int lf_config_read_plan(const lf_ynode *map, lf_arena *arena, const lf_config *cfg,
                        lf_config_plan *plan, lf_error *err);
/* plan.supply (config_plan_supply.c). */
int lf_config_read_plan_supply(const lf_ynode *map, lf_arena *arena, lf_config_plan *plan,
                               lf_error *err);

/* ---- the CSV files a section names (scenario_rows.c) ---- */

/* The header's column names, comma-separated, for messages. */
void lf_config_header_list(const lf_csv *csv, char *buf, size_t size);

#define LF_SCENARIO_SEEN_MAX 16 /* names listed when the asked-for one is absent */

/* Which rows of a file with a 'scenario' column are read: those of the
 * scenario asked for, else of the file's first.  Zero it, then set want. */
typedef struct lf_scenario_rows {
    const char *want;                    /* scenario asked for, or NULL */
    long col;                            /* the 'scenario' column, -1 without one */
    char scenario[LF_SCENARIO_NAME_MAX]; /* the scenario read ("" without a column) */
    char seen[LF_SCENARIO_SEEN_MAX][LF_SCENARIO_NAME_MAX]; /* scenarios in the file */
    size_t nseen;
} lf_scenario_rows;

/* After the header: finds the 'scenario' column.  A scenario asked for in a
 * file without one is an error that says to leave 'scenario' out of key. */
int lf_scenario_rows_begin(const lf_csv *csv, lf_scenario_rows *s, const char *key,
                           lf_error *err);
/* The next row of the scenario read, its width checked (every row without a
 * scenario column); *has_row = 0 at the end of the file. */
int lf_scenario_rows_next(lf_csv *csv, lf_scenario_rows *s, int *has_row, lf_error *err);
/* After the rows, ntaken of them read: none of a file with a scenario column
 * is "PATH: no rows of scenario 'X'; the file has: a, b" (LF_ERR_DATA).  A
 * file without rows at all is left to the caller. */
int lf_scenario_rows_found(const lf_scenario_rows *s, const char *path, size_t ntaken,
                           lf_error *err);
/* " of scenario 'X'" for messages, or "" without a scenario column. */
const char *lf_scenario_rows_of(const lf_scenario_rows *s, char *buf, size_t size);

#endif
