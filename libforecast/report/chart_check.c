/* chart_check.c - the input rules every chart shares (report_internal.h), so
 * their messages read alike: "<chart>: <field>[i] (<month>) ...". */
#include <math.h>
#include <stdio.h>

#include "report_internal.h"

int lf_check_value(double v, int nan_ok, const char *chart, const char *field, size_t i,
                   int year, int month, size_t k, lf_error *err)
{
    if ((nan_ok && isnan(v)) || fabs(v) <= LF_CHART_VALUE_MAX)
        return LF_OK;
    char where[64] = "";
    if (year)
        snprintf(where, sizeof where, " (%s)", lf_month_label(year, month, k).s);
    return lf_error_set(err, LF_ERR_ARG, "%s: %s[%zu]%s is %s", chart, field, i, where,
                        isnan(v) ? "NaN" : isinf(v) ? "infinite" : "beyond 1e15 in size");
}

int lf_check_month(const char *chart, int year, int month, lf_error *err)
{
    if (year < 1 || year > 9999)
        return lf_error_set(err, LF_ERR_ARG, "%s: year %d is not 1..9999", chart, year);
    if (month < 1 || month > 12)
        return lf_error_set(err, LF_ERR_ARG, "%s: month %d is not 1..12", chart, month);
    return LF_OK;
}

int lf_check_title(const char *chart, const char *title, lf_error *err)
{
    return title ? LF_OK : lf_error_set(err, LF_ERR_ARG, "%s: title is NULL", chart);
}
