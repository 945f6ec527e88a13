/* peakshift_spec.c - defaults and checks of a peak-shift spec, the peak
 * window of an intraday profile, and freeing a schedule. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/peakshift.h"

void lf_peakshift_spec_init(lf_peakshift_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->spread_rest_days = 1;
    spec->fair = 1;
    spec->seconds_per_stage = 10;
    spec->exact_max_calls = 200;
}

static int bad_day(lf_error *err, const lf_peakshift_spec *spec, size_t d, const char *what,
                   double v)
{
    char day[LF_DATE_STRLEN];
    lf_date_format(spec->first + (lf_date)d, day);
    return lf_error_set(err, LF_ERR_ARG, "%s: %s %g is not allowed", day, what, v);
}

int lf_peakshift_spec_check(const lf_peakshift_spec *spec, lf_error *err)
{
    if (spec->last < spec->first)
        return lf_error_set(err, LF_ERR_ARG, "the schedule's last day is before its first");
    if (!spec->peak_mw || !spec->limit_mw)
        return lf_error_set(err, LF_ERR_ARG, "a schedule needs a peak and a limit per day");
    if (strcmp(lf_peakshift_method_name(spec->method), "unknown") == 0)
        return lf_error_set(err, LF_ERR_ARG, "unknown peak-shift method %d", (int)spec->method);
    if (!(spec->seconds_per_stage > 0))
        return lf_error_set(err, LF_ERR_ARG, "seconds_per_stage must be positive, got %g",
                            spec->seconds_per_stage);
    for (size_t d = 0; d <= (size_t)(spec->last - spec->first); d++) {
        if (!isfinite(spec->peak_mw[d]) || spec->peak_mw[d] < 0)
            return bad_day(err, spec, d, "peak MW", spec->peak_mw[d]);
        if (!isfinite(spec->limit_mw[d]) || spec->limit_mw[d] < 0)
            return bad_day(err, spec, d, "supply limit MW", spec->limit_mw[d]);
        if (spec->window_hours && !(spec->window_hours[d] > 0 && spec->window_hours[d] <= 24))
            return bad_day(err, spec, d, "peak window hours", spec->window_hours[d]);
        if (spec->window_start && !isnan(spec->window_start[d]) &&
            !(spec->window_start[d] >= 0 && spec->window_start[d] < 24))
            return bad_day(err, spec, d, "peak window start hour", spec->window_start[d]);
    }
    return LF_OK;
}

double lf_peakshift_window_hours(const double *profile, size_t n, double limit_mw)
{
    double start, end;
    return lf_peakshift_window(profile, n, limit_mw, &start, &end);
}

double lf_peakshift_window(const double *profile, size_t n, double limit_mw, double *start,
                           double *end)
{
    size_t above = 0, first = n, last = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(profile[i] > limit_mw))
            continue;
        above++;
        first = i < first ? i : first;
        last = i;
    }
    *start = *end = NAN;
    if (above == 0)
        return 0;
    double step = 24.0 / (double)n;
    *start = step * (double)first;
    *end = step * (double)(last + 1);
    return step * (double)above;
}

static const char *const method_names[] = {"auto", "exact", "greedy"};

const char *lf_peakshift_method_name(lf_peakshift_method method)
{
    return (unsigned)method < sizeof method_names / sizeof *method_names
               ? method_names[method] : "unknown";
}

int lf_peakshift_method_parse(const char *name)
{
    for (size_t k = 0; name && k < sizeof method_names / sizeof *method_names; k++)
        if (strcmp(name, method_names[k]) == 0)
            return (int)k;
    return -1;
}

const char *lf_peakshift_status_name(lf_peakshift_status status)
{
    switch (status) {
    case LF_PEAKSHIFT_OPTIMAL: return "optimal";
    case LF_PEAKSHIFT_TIME_LIMIT: return "time_limit";
    case LF_PEAKSHIFT_HEURISTIC: return "heuristic";
    }
    return "unknown";
}

void lf_peakshift_free(lf_peakshift *s)
{
    if (!s)
        return;
    free(s->days);
    free(s->calls);
    free(s->customers);
    free(s);
}
