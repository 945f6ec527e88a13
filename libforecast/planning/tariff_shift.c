/* tariff_shift.c - what moving load from peak to valley hours of the same
 * day saves (tariff_advice.h, "Moving load out of the peak"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/tariff_advice.h"
#include "tariff_internal.h"

static int is_peak(lf_tou_period p) { return p == LF_TOU_CRITICAL || p == LF_TOU_PEAK; }
static int is_valley(lf_tou_period p) { return p == LF_TOU_VALLEY || p == LF_TOU_DEEP_VALLEY; }

/* One day's intervals kw[0..per_day) of a day kind reshaped in place;
 * returns kWh moved. */
static double shift_day(const lf_tariff *t, lf_date day, unsigned kind, int minutes,
                        double share, double max_kw, double *kw)
{
    size_t per_day = (size_t)(1440 / minutes), nvalley = 0;
    int month = lf_date_month(day);
    for (size_t i = 0; i < per_day; i++)
        nvalley += is_valley(lf_tariff_period(t, month, kind, (int)i * minutes));
    if (nvalley == 0)
        return 0;
    double moved_kw_intervals = 0; /* sum of kW taken off, over intervals */
    for (size_t i = 0; i < per_day; i++)
        if (is_peak(lf_tariff_period(t, month, kind, (int)i * minutes))) {
            double cut = share * kw[i];
            if (max_kw > 0 && cut > max_kw)
                cut = max_kw;
            kw[i] -= cut;
            moved_kw_intervals += cut;
        }
    double add = moved_kw_intervals / (double)nvalley;
    for (size_t i = 0; i < per_day; i++)
        if (is_valley(lf_tariff_period(t, month, kind, (int)i * minutes)))
            kw[i] += add;
    return moved_kw_intervals * minutes / 60.0;
}

static double max_of(const double *x, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m = fmax(m, x[i]);
    return m;
}

static int check_shift(const lf_tariff *t, const lf_interval_load *load, double share,
                       double max_kw, lf_shift_saving *out, lf_error *err)
{
    if (!t || !load || !load->kw || !out)
        return lf_error_set(err, LF_ERR_ARG, "a shift needs a tariff, load and a result");
    if (t->energy != LF_ENERGY_TOU)
        return lf_error_set(err, LF_ERR_ARG, "tariff %s has no time-of-use rates: moving load "
                            "between hours changes nothing", t->id);
    if (!(share >= 0 && share <= 1))
        return lf_error_set(err, LF_ERR_ARG, "the share of peak load to move must be in "
                            "0..1, got %g", share);
    if (!(max_kw >= 0 && isfinite(max_kw)))
        return lf_error_set(err, LF_ERR_ARG, "the most kW to move must be >= 0 (0: no "
                            "limit), got %g", max_kw);
    return LF_OK;
}

int lf_tou_shift_saving(const lf_tariff *t, const lf_tariff_account *a,
                        const lf_interval_load *load, const lf_calendar *cal, double share,
                        double max_kw, lf_shift_saving *out, lf_error *err)
{
    int rc = check_shift(t, load, share, max_kw, out, err);
    lf_bill *before = NULL, *after = NULL;
    if (rc == LF_OK)
        rc = lf_bill_intervals(t, a, load, cal, &before, err); /* also checks the load */
    double *kw = rc == LF_OK ? malloc(load->n * sizeof *kw) : NULL;
    if (rc == LF_OK && !kw)
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu intervals", load->n);
    if (rc != LF_OK) {
        lf_bill_free(before);
        return rc;
    }
    memcpy(kw, load->kw, load->n * sizeof *kw);
    size_t per_day = (size_t)(1440 / load->minutes);
    double moved = 0;
    for (size_t d = 0; rc == LF_OK && d < load->n / per_day; d++) {
        unsigned kind = 0;
        rc = tb_day_kind(cal, load->first + (lf_date)d, &kind, err);
        if (rc == LF_OK)
            moved += shift_day(t, load->first + (lf_date)d, kind, load->minutes, share,
                               max_kw, kw + d * per_day);
    }
    lf_interval_load shifted = *load;
    shifted.kw = kw;
    if (rc == LF_OK)
        rc = lf_bill_intervals(t, a, &shifted, cal, &after, err);
    if (rc == LF_OK) {
        lf_shift_saving s = {share, max_kw, moved, before->total, after->total, 0, NAN,
                             max_of(load->kw, load->n), max_of(kw, load->n)};
        s.saving = tb_cents(s.bill_before - s.bill_after);
        if (moved > 0)
            s.saving_per_mwh = s.saving / (moved / 1000.0);
        *out = s;
    }
    lf_bill_free(before);
    lf_bill_free(after);
    free(kw);
    return rc;
}
