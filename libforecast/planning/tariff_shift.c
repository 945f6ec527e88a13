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

static int not_tou(const lf_tariff *t, lf_error *err)
{
    return lf_error_set(err, LF_ERR_ARG, "tariff %s has no time-of-use rates: moving load "
                        "between hours changes nothing", t->id);
}

static int check_shift(const lf_interval_load *load, double share, double max_kw,
                       lf_shift_saving *out, lf_error *err)
{
    if (!load || !load->kw || !out)
        return lf_error_set(err, LF_ERR_ARG, "a shift needs a tariff, load and a result");
    if (!(share >= 0 && share <= 1))
        return lf_error_set(err, LF_ERR_ARG, "the share of peak load to move must be in "
                            "0..1, got %g", share);
    if (!(max_kw >= 0 && isfinite(max_kw)))
        return lf_error_set(err, LF_ERR_ARG, "the most kW to move must be >= 0 (0: no "
                            "limit), got %g", max_kw);
    return LF_OK;
}

/* The tariff the load is billed under: one version, or an id of a set whose
 * months each take the version in force on their first day. */
typedef struct tariff_of {
    const lf_tariff *single;
    const lf_tariff_set *set;
    const char *id;
} tariff_of;

static const lf_tariff *version_on(const tariff_of *w, lf_date day)
{
    if (w->single)
        return w->single;
    return lf_tariff_set_find(w->set, w->id,
                              lf_date_from_ymd(lf_date_year(day), lf_date_month(day), 1));
}

static int bill(const tariff_of *w, const lf_tariff_account *a, const lf_interval_load *load,
                const lf_calendar *cal, lf_bill **out, lf_error *err)
{
    if (w->single)
        return lf_bill_intervals(w->single, a, load, cal, out, err);
    return lf_tariff_set_bill(w->set, w->id, a, load, cal, out, err);
}

/* kw (a copy of the load) reshaped day by day; *moved gets the kWh moved.
 * Runs after the first bill, so every day has a version. */
static int shift_days(const tariff_of *w, const lf_interval_load *load, const lf_calendar *cal,
                      double share, double max_kw, double *kw, double *moved, lf_error *err)
{
    size_t per_day = (size_t)(1440 / load->minutes);
    *moved = 0;
    for (size_t d = 0; d < load->n / per_day; d++) {
        lf_date day = load->first + (lf_date)d;
        const lf_tariff *t = version_on(w, day);
        unsigned kind = 0;
        if (t->energy != LF_ENERGY_TOU)
            return not_tou(t, err);
        int rc = tb_day_kind(cal, day, &kind, err);
        if (rc != LF_OK)
            return rc;
        *moved += shift_day(t, day, kind, load->minutes, share, max_kw, kw + d * per_day);
    }
    return LF_OK;
}

static int shift_saving(const tariff_of *w, const lf_tariff_account *a,
                        const lf_interval_load *load, const lf_calendar *cal, double share,
                        double max_kw, lf_shift_saving *out, lf_error *err)
{
    lf_bill *before = NULL, *after = NULL;
    int rc = bill(w, a, load, cal, &before, err); /* also checks the load */
    double *kw = rc == LF_OK ? malloc(load->n * sizeof *kw) : NULL;
    if (rc == LF_OK && !kw)
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu intervals", load->n);
    if (rc != LF_OK) {
        lf_bill_free(before);
        return rc;
    }
    memcpy(kw, load->kw, load->n * sizeof *kw);
    double moved = 0;
    rc = shift_days(w, load, cal, share, max_kw, kw, &moved, err);
    lf_interval_load shifted = *load;
    shifted.kw = kw;
    if (rc == LF_OK)
        rc = bill(w, a, &shifted, cal, &after, err);
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

int lf_tou_shift_saving(const lf_tariff *t, const lf_tariff_account *a,
                        const lf_interval_load *load, const lf_calendar *cal, double share,
                        double max_kw, lf_shift_saving *out, lf_error *err)
{
    if (!t)
        return lf_error_set(err, LF_ERR_ARG, "a shift needs a tariff, load and a result");
    int rc = check_shift(load, share, max_kw, out, err);
    if (rc == LF_OK && t->energy != LF_ENERGY_TOU)
        rc = not_tou(t, err);
    tariff_of w = {t, NULL, NULL};
    return rc == LF_OK ? shift_saving(&w, a, load, cal, share, max_kw, out, err) : rc;
}

int lf_tariff_set_shift_saving(const lf_tariff_set *set, const char *id,
                               const lf_tariff_account *a, const lf_interval_load *load,
                               const lf_calendar *cal, double share, double max_kw,
                               lf_shift_saving *out, lf_error *err)
{
    if (!set || !id)
        return lf_error_set(err, LF_ERR_ARG, "a shift needs a tariff, load and a result");
    int rc = check_shift(load, share, max_kw, out, err);
    tariff_of w = {NULL, set, id};
    return rc == LF_OK ? shift_saving(&w, a, load, cal, share, max_kw, out, err) : rc;
}
