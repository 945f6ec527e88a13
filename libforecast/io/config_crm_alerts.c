/* config_crm_alerts.c - 'alerts' in the config's 'crm' section (config.h):
 * the baseline and measure of the usage alerts and the threshold, a share
 * (0.3 or 30%) for measure percent and a plain z-score for measure z, whose
 * default is 3 rather than percent's 0.30. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config_crm_internal.h"

#define MAX_SHARE 10        /* 1000 %: 30 meant as 30 % is caught, not a 3000 % line */
#define MAX_Z 100
#define DEFAULT_Z 3         /* customer_segment.h: measure z's default threshold */

/* A share in (0, max]: 0.3 or "30%". */
static int read_share(const crm_reader *R, const lf_ynode *node, double max, double *out)
{
    int rc = lf_ynode_expect(node, LF_YSCALAR, R->err);
    if (rc != LF_OK)
        return rc;
    const char *t = node->text;
    size_t n = strlen(t);
    char *end;
    double v = strtod(t, &end);
    if (n > 1 && t[n - 1] == '%' && end == t + n - 1)
        v /= 100;
    else if (end == t || end != t + n)
        v = NAN;
    if (v > 0 && v <= max) {
        *out = v;
        return LF_OK;
    }
    char desc[300];
    lf_ynode_describe(node, desc, sizeof desc);
    return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "%s must be a share above 0 and at "
                          "most %g (%g%%), like 0.3 or 30%%, got '%s'", desc, max, max * 100,
                          t);
}

/* measure percent: a share; z: a plain number of standard deviations. */
static int read_threshold(const crm_reader *R, const lf_ynode *node, lf_alert_measure measure,
                          double *out)
{
    if (measure == LF_ALERT_PERCENT)
        return read_share(R, node, MAX_SHARE, out);
    if (node->kind == LF_YSCALAR && strchr(node->text, '%')) {
        char desc[300];
        lf_ynode_describe(node, desc, sizeof desc);
        return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "%s is a z-score with measure z, a "
                              "number of standard deviations like 3, not a percentage; got "
                              "'%s'", desc, node->text);
    }
    return lf_ynode_positive(node, MAX_Z, out, R->err);
}

static int read_alert_counts(const crm_reader *R, const lf_ynode *map)
{
    lf_alert_spec *a = &R->spec->alerts;
    int previous = (int)a->previous_months, recent = (int)a->recent_months,
        history = (int)a->min_history;
    int rc = lf_ymap_int(map, "previous_months", 1, 24, &previous, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "recent_months", 1, 24, &recent, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_int(map, "min_history", 2, 240, &history, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_double(map, "min_kwh", 0, INFINITY, &a->min_kwh, R->err);
    a->previous_months = (size_t)previous;
    a->recent_months = (size_t)recent;
    a->min_history = (size_t)history;
    return rc;
}

/* previous_months belongs to baseline previous; expected needs the file. */
static int check_baseline(const crm_reader *R, const lf_ynode *map)
{
    lf_alert_baseline b = R->spec->alerts.baseline;
    const lf_ynode *k = lf_ymap_key(map, "previous_months");
    if (k && b != LF_ALERT_PREVIOUS)
        return lf_ynode_error(k, R->err, LF_ERR_CONFIG, "'previous_months' in 'crm.alerts' "
                              "applies to baseline previous only (the baseline is %s); "
                              "remove it", lf_alert_baseline_name(b));
    if (b == LF_ALERT_EXPECTED && !R->has_expected)
        return lf_ynode_error(lf_ymap_get(map, "baseline"), R->err, LF_ERR_CONFIG, "baseline "
                              "expected in 'crm.alerts' compares with the expected energy; "
                              "give 'expected' (the file) in 'crm'");
    return LF_OK;
}

int crm_read_alerts(const crm_reader *R, const lf_ynode *map)
{
    static const char *const keys[] = {"baseline", "previous_months", "measure", "threshold",
                                       "recent_months", "min_history", "min_kwh"};
    static const char *const baselines[] = {"last_year", "previous", "expected"};
    static const char *const measures[] = {"percent", "z"};
    lf_alert_spec *a = &R->spec->alerts;
    int baseline = (int)a->baseline, measure = (int)a->measure;
    const lf_ynode *v;
    int rc = lf_ymap_expect_keys(map, keys, CRM_COUNT(keys), R->err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "baseline", baselines, CRM_COUNT(baselines), &baseline, R->err);
    if (rc == LF_OK)
        rc = lf_ymap_enum(map, "measure", measures, CRM_COUNT(measures), &measure, R->err);
    a->baseline = (lf_alert_baseline)baseline;
    a->measure = (lf_alert_measure)measure;
    if (a->measure == LF_ALERT_ZSCORE)
        a->threshold = DEFAULT_Z;
    if (rc == LF_OK && (v = lf_ymap_get(map, "threshold")))
        rc = read_threshold(R, v, a->measure, &a->threshold);
    if (rc == LF_OK)
        rc = read_alert_counts(R, map);
    if (rc == LF_OK)
        rc = check_baseline(R, map);
    return rc == LF_OK ? crm_check_at(map, R->err, lf_alert_spec_check(a, R->err)) : rc;
}
