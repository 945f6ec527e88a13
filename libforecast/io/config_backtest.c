/* config_backtest.c - the 'selection' and 'backtest' sections of a project
 * config (keys documented in config.h), checked where they are read. */
#include <string.h>

#include "config_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* origins, horizon, step: the rolling origin shared by both sections. */
static int read_origins(const lf_ynode *map, lf_backtest_spec *s, lf_error *err)
{
    int rc = lf_ymap_int(map, "origins", 1, LF_BACKTEST_MAX_ORIGINS, &s->origins, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "horizon", 1, LF_BACKTEST_MAX_DAYS, &s->horizon, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "step", 1, LF_BACKTEST_MAX_DAYS, &s->step, err);
    return rc;
}

int lf_config_read_selection(const lf_ynode *map, lf_select_spec *spec, lf_error *err)
{
    static const char *const keys[] = {"by", "metric", "origins", "horizon", "step"};
    static const char *const by[] = {"cv", "aicc"};
    const char *metrics[LF_METRIC_COUNT]; /* the names lf_select_metric_name gives */
    for (int i = 0; i < LF_METRIC_COUNT; i++)
        metrics[i] = lf_select_metric_name((lf_select_metric)i);
    lf_select_spec_init(spec);
    int b = (int)spec->by, metric = (int)spec->metric;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "by", by, COUNT(by), &b, err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "metric", metrics, COUNT(metrics), &metric, err);
    if (rc == LF_OK)
        rc = read_origins(map, &spec->cv, err);
    spec->by = (lf_select_by)b;
    spec->metric = (lf_select_metric)metric;
    return rc;
}

int lf_config_read_backtest(const lf_ynode *map, lf_config_backtest *bt, lf_error *err)
{
    static const char *const keys[] = {"origins", "horizon", "step",      "first",
                                       "last",    "aggregate", "interval", "min_train_days"};
    static const char *const aggs[] = {"sum", "max"};
    memset(bt, 0, sizeof *bt);
    lf_backtest_spec_init(&bt->spec);
    int agg = (int)bt->spec.agg;
    int rc = lf_ymap_expect_keys(map, keys, COUNT(keys), err);
    if (rc == LF_OK)
        rc = read_origins(map, &bt->spec, err);
    if (rc == LF_OK && lf_ymap_get(map, "first")) {
        rc = lf_ymap_date(map, "first", &bt->first, err);
        bt->has_first = 1;
    }
    if (rc == LF_OK && lf_ymap_get(map, "last")) {
        rc = lf_ymap_date(map, "last", &bt->last, err);
        bt->has_last = 1;
    }
    if (rc == LF_OK && bt->has_first && bt->has_last && bt->first >= bt->last)
        rc = lf_ynode_error(lf_ymap_get(map, "last"), err, LF_ERR_CONFIG,
                            "'last' must come after 'first'");
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "aggregate", aggs, COUNT(aggs), &agg, err);
    bt->spec.agg = (lf_agg_stat)agg;
    bt->has_agg = lf_ymap_get(map, "aggregate") != NULL;
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "interval", 0.5, 0.999, &bt->spec.level, err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "min_train_days", 1, 36600, &bt->spec.min_train_days, err);
    return rc;
}
