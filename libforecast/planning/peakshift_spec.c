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
    spec->seconds_per_stage = 60;
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
    }
    return LF_OK;
}

double lf_peakshift_window_hours(const double *profile, size_t n, double limit_mw)
{
    size_t above = 0;
    for (size_t i = 0; i < n; i++)
        above += profile[i] > limit_mw;
    return n ? 24.0 * (double)above / (double)n : 0;
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
