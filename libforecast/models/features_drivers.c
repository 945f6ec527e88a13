/* features_drivers.c - trend, economic drivers and step/ramp events. */
#include <math.h>
#include <stdio.h>

#include "features_internal.h"

/* Years since the first training day, damped after the last one (features.h). */
static double damped_years(double t, double t1, double phi)
{
    if (t <= t1 || phi >= 1)
        return t;
    if (phi <= 0)
        return t1;
    return t1 + (pow(phi, t - t1) - 1) / log(phi);
}

int lf_features_add_trend(const lf_features *f, lf_date first, lf_colset *set, lf_error *err)
{
    for (int power = 1; power <= f->spec.trend; power++) {
        double *v = power == 1 ? lf_colset_add(set, LF_DRIVER_TREND, err, "trend")
                               : lf_colset_add(set, LF_DRIVER_TREND, err, "trend^2");
        if (!v)
            return err ? err->code : LF_ERR_NOMEM;
        for (size_t i = 0; i < set->nrows; i++) {
            double t = damped_years((double)(first + (lf_date)i - f->first) / 365.25,
                                    f->trend.hi, f->spec.trend_damping);
            v[i] = lf_safe_power(t, power, f->trend);
        }
    }
    return LF_OK;
}

static int add_economy(const lf_features *f, const lf_frame *frame, size_t k, lf_date first,
                       lf_colset *set, lf_error *err)
{
    const lf_economy_term *e = &f->spec.economy[k];
    const double *raw = lf_features_column(frame, e->column, "economic driver", err);
    if (!raw)
        return err ? err->code : LF_ERR_NOTFOUND;
    double *v = e->log ? lf_colset_add(set, LF_DRIVER_ECONOMY, err, "log(%s)", e->column)
                       : lf_colset_add(set, LF_DRIVER_ECONOMY, err, "%s", e->column);
    if (!v)
        return err ? err->code : LF_ERR_NOMEM;
    long r0 = lf_frame_row(frame, first);
    for (size_t i = 0; i < set->nrows; i++) {
        double x = raw[r0 + (long)i];
        char day[LF_DATE_STRLEN];
        lf_date_format(first + (lf_date)i, day);
        if (isinf(x))
            return lf_error_set(err, LF_ERR_DATA, "economic driver '%s' is infinite on %s",
                                e->column, day);
        if (e->log && x <= 0)
            return lf_error_set(err, LF_ERR_DATA, "log(%s) needs positive values; it is %g "
                                "on %s", e->column, x, day);
        v[i] = e->log ? log(x) : x;
        if (x < f->economy[k].lo || x > f->economy[k].hi)
            set->flags[i] |= LF_FLAG_ECONOMY_RANGE;
    }
    return LF_OK;
}

static double event_value(const lf_event_spec *e, lf_date d)
{
    if (d < e->start)
        return 0;
    if (e->kind == LF_EVENT_STEP)
        return e->end == 0 || d <= e->end ? 1 : 0;
    if (d >= e->end)
        return 1;
    return (double)(d - e->start + 1) / (double)(e->end - e->start + 1);
}

int lf_features_add_drivers(const lf_features *f, const lf_frame *frame, lf_date first,
                            lf_colset *set, lf_error *err)
{
    for (size_t k = 0; k < f->spec.neconomy; k++) {
        int rc = add_economy(f, frame, k, first, set, err);
        if (rc != LF_OK)
            return rc;
    }
    for (size_t k = 0; k < f->spec.nevents; k++) {
        const lf_event_spec *e = &f->spec.events[k];
        double *v = lf_colset_add(set, LF_DRIVER_EVENT, err, "%s", e->name);
        if (!v)
            return err ? err->code : LF_ERR_NOMEM;
        for (size_t i = 0; i < set->nrows; i++)
            v[i] = event_value(e, first + (lf_date)i);
    }
    return LF_OK;
}
