/* tariff_versions.c - a bill under a tariff id whose rates change: the load
 * cut into runs of months under one version, each run billed, the months
 * put together (tariff_advice.h). */
#include <stdlib.h>
#include <string.h>

#include "libforecast/tariff_advice.h"
#include "tariff_internal.h"

static lf_date month_start(lf_date day)
{
    return lf_date_from_ymd(lf_date_year(day), lf_date_month(day), 1);
}

/* The version in force on the first day of day's month. */
static const lf_tariff *version_of(const lf_tariff_set *set, const char *id, lf_date day,
                                   lf_error *err)
{
    lf_date start = month_start(day);
    const lf_tariff *t = lf_tariff_set_find(set, id, start);
    if (!t) {
        char when[16];
        lf_date_format(start, when);
        if (tb_set_has(set, id))
            lf_error_set(err, LF_ERR_ARG, "tariff %s has no version in force on %s (see its "
                         "effective dates in %s)", id, when, set->source);
        else
            lf_error_set(err, LF_ERR_ARG, "no tariff %s in %s", id, set->source);
    }
    return t;
}

/* A run: days [d0, d1) of the load under one version, its months from k0. */
typedef struct run {
    const lf_tariff *tariff;
    lf_date d0, d1;
    size_t k0, nmonths;
} run;

/* The run starting at day d0 (month index k0): as many whole months as
 * the same version covers. */
static int next_run(const lf_tariff_set *set, const char *id, lf_date d0, lf_date end,
                    size_t k0, run *r, lf_error *err)
{
    r->tariff = version_of(set, id, d0, err);
    if (!r->tariff)
        return err ? err->code : LF_ERR_ARG;
    r->d0 = d0;
    r->k0 = k0;
    r->nmonths = 0;
    lf_date d = d0;
    while (d < end && version_of(set, id, d, NULL) == r->tariff) {
        d = lf_date_add_months(month_start(d), 1);
        r->nmonths++;
    }
    r->d1 = d < end ? d : end;
    return LF_OK;
}

static int bill_run(const run *r, const lf_tariff_account *a, const lf_interval_load *load,
                    const lf_calendar *cal, lf_bill **out, lf_error *err)
{
    size_t per_day = (size_t)(1440 / load->minutes);
    lf_interval_load part = *load;
    part.first = r->d0;
    part.kw = load->kw + (size_t)(r->d0 - load->first) * per_day;
    part.n = (size_t)(r->d1 - r->d0) * per_day;
    lf_tariff_account acc = *a;
    if (a->declared_kw_by_month)
        acc.declared_kw_by_month = a->declared_kw_by_month + r->k0;
    if (a->power_factor_by_month)
        acc.power_factor_by_month = a->power_factor_by_month + r->k0;
    return lf_bill_intervals(r->tariff, &acc, &part, cal, out, err);
}

/* Appends part's months to *bill (taking *bill when it is the first). */
static int append(lf_bill **bill, lf_bill *part, lf_error *err)
{
    if (!*bill) {
        *bill = part;
        return LF_OK;
    }
    lf_bill *b = *bill;
    lf_bill_month *m = realloc(b->months, (b->nmonths + part->nmonths) * sizeof *m);
    if (!m) {
        lf_bill_free(part);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for a bill");
    }
    memcpy(m + b->nmonths, part->months, part->nmonths * sizeof *m);
    b->months = m;
    b->nmonths += part->nmonths;
    lf_bill_free(part);
    return LF_OK;
}

static int check_load(const lf_tariff_set *set, const char *id, const lf_tariff_account *a,
                      const lf_interval_load *load, lf_error *err)
{
    if (!set || !id || !a || !load || !load->kw)
        return lf_error_set(err, LF_ERR_ARG, "a bill needs a tariff set, an id, an account "
                            "and load");
    if (load->minutes != 15 && load->minutes != 30 && load->minutes != 60)
        return lf_error_set(err, LF_ERR_ARG, "interval load must be 15, 30 or 60 minutes, "
                            "got %d", load->minutes);
    size_t per_day = (size_t)(1440 / load->minutes);
    if (load->n == 0 || load->n % per_day != 0)
        return lf_error_set(err, LF_ERR_ARG, "interval load must be whole days of %zu "
                            "intervals, got %zu values", per_day, load->n);
    return LF_OK;
}

int lf_tariff_set_bill(const lf_tariff_set *set, const char *id, const lf_tariff_account *a,
                       const lf_interval_load *load, const lf_calendar *cal, lf_bill **out,
                       lf_error *err)
{
    *out = NULL;
    int rc = check_load(set, id, a, load, err);
    if (rc != LF_OK)
        return rc;
    lf_date end = load->first + (lf_date)(load->n / (size_t)(1440 / load->minutes));
    lf_bill *bill = NULL;
    run r = {0};
    for (lf_date d = load->first; rc == LF_OK && d < end; d = r.d1) {
        lf_bill *part = NULL;
        rc = next_run(set, id, d, end, bill ? bill->nmonths : 0, &r, err);
        if (rc == LF_OK)
            rc = bill_run(&r, a, load, cal, &part, err);
        if (rc == LF_OK)
            rc = append(&bill, part, err);
    }
    if (rc != LF_OK) {
        lf_bill_free(bill);
        return rc;
    }
    tb_bill_total(bill);
    *out = bill;
    return LF_OK;
}
