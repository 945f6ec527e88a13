/* tariff_impact.c - what a new tariff table does to revenue, customer by
 * customer, class by class and in total (tariff_advice.h, "a tariff
 * change"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/tariff_advice.h"
#include "tariff_internal.h"

static double peak_kwh_of(const lf_bill *b)
{
    double kwh = 0;
    for (size_t k = 0; k < b->nmonths; k++)
        kwh += b->months[k].kwh_by_period[LF_TOU_CRITICAL] +
               b->months[k].kwh_by_period[LF_TOU_PEAK];
    return kwh;
}

static double percent_of(double change, double base)
{
    return base != 0 ? 100 * change / base : NAN;
}

/* Both bills of one customer; an error is prefixed with its id. */
static int bill_customer(const lf_tariff_set *old_set, const lf_tariff_set *new_set,
                         const lf_impact_customer *c, const lf_calendar *cal,
                         lf_impact_row *row, lf_error *err)
{
    const char *new_id = c->new_tariff_id ? c->new_tariff_id : c->tariff_id;
    lf_bill *before = NULL, *after = NULL;
    int rc = lf_tariff_set_bill(old_set, c->tariff_id, c->account, c->load, cal, &before, err);
    if (rc == LF_OK)
        rc = lf_tariff_set_bill(new_set, new_id, c->account, c->load, cal, &after, err);
    if (rc == LF_OK) {
        snprintf(row->id, sizeof row->id, "%s", c->id);
        snprintf(row->customer_class, sizeof row->customer_class, "%s",
                 c->account->customer_class);
        row->ncustomers = 1;
        row->kwh = before->kwh;
        row->peak_kwh = peak_kwh_of(before);
        row->old_total = before->total;
        row->new_total = after->total;
    } else {
        lf_error_prefix(err, rc, "customer %s: ", c->id ? c->id : "?");
    }
    lf_bill_free(before);
    lf_bill_free(after);
    return rc;
}

/* ---- classes --------------------------------------------------------------------------------- */

static void name_row(lf_impact_row *r, const char *name)
{
    snprintf(r->id, sizeof r->id, "%s", name);
    snprintf(r->customer_class, sizeof r->customer_class, "%s", name);
}

static lf_impact_class *class_of(lf_tariff_impact *im, const char *name)
{
    for (size_t k = 0; k < im->nclasses; k++)
        if (strcmp(im->classes[k].customer_class, name) == 0)
            return &im->classes[k];
    lf_impact_class *c = &im->classes[im->nclasses++];
    name_row(c, name);
    return c;
}

static void add_row(lf_impact_class *c, const lf_impact_row *row)
{
    c->ncustomers += row->ncustomers;
    c->kwh += row->kwh;
    c->peak_kwh += row->peak_kwh;
    c->old_total += row->old_total;
    c->new_total += row->new_total;
}

/* The change, the prices and the drivers of a row whose kWh and totals are
 * in (a customer's, a class's sums, the total's). */
static void finish_row(lf_impact_row *c, double portfolio_kwh)
{
    c->old_total = tb_cents(c->old_total);
    c->new_total = tb_cents(c->new_total);
    c->change = tb_cents(c->new_total - c->old_total);
    c->change_pct = percent_of(c->change, c->old_total);
    c->old_price = c->kwh > 0 ? c->old_total / c->kwh : NAN;
    c->new_price = c->kwh > 0 ? c->new_total / c->kwh : NAN;
    c->kwh_share = portfolio_kwh > 0 ? c->kwh / portfolio_kwh : NAN;
    c->peak_share = c->kwh > 0 ? c->peak_kwh / c->kwh : NAN;
    c->price_effect = c->kwh_share * (c->new_price - c->old_price);
}

static int by_class_name(const void *a, const void *b)
{
    return strcmp(((const lf_impact_class *)a)->customer_class,
                  ((const lf_impact_class *)b)->customer_class);
}

/* Classes by name, then the total; classes has room for n + 1. */
static void sum_classes(lf_tariff_impact *im)
{
    lf_impact_class total = {0};
    name_row(&total, "total");
    for (size_t i = 0; i < im->ncustomers; i++) {
        add_row(class_of(im, im->customers[i].customer_class), &im->customers[i]);
        add_row(&total, &im->customers[i]);
    }
    qsort(im->classes, im->nclasses, sizeof *im->classes, by_class_name);
    for (size_t i = 0; i < im->ncustomers; i++)
        finish_row(&im->customers[i], total.kwh);
    for (size_t k = 0; k < im->nclasses; k++)
        finish_row(&im->classes[k], total.kwh);
    finish_row(&total, total.kwh);
    im->classes[im->nclasses++] = total;
}

int lf_tariff_change_impact(const lf_tariff_set *old_set, const lf_tariff_set *new_set,
                            const lf_impact_customer *customers, size_t n,
                            const lf_calendar *cal,
                            lf_tariff_impact **out, lf_error *err)
{
    *out = NULL;
    if (!old_set || !new_set || !customers || n == 0)
        return lf_error_set(err, LF_ERR_ARG, "a tariff change needs both tariff tables and "
                            "at least one customer");
    lf_tariff_impact *im = calloc(1, sizeof *im);
    if (im) {
        im->customers = calloc(n, sizeof *im->customers);
        im->classes = calloc(n + 1, sizeof *im->classes);
    }
    if (!im || !im->customers || !im->classes) {
        lf_tariff_impact_free(im);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for %zu customers", n);
    }
    for (size_t i = 0; i < n; i++) {
        int rc = bill_customer(old_set, new_set, &customers[i], cal, &im->customers[i], err);
        if (rc != LF_OK) {
            lf_tariff_impact_free(im);
            return rc;
        }
        im->ncustomers++;
    }
    sum_classes(im);
    *out = im;
    return LF_OK;
}

void lf_tariff_impact_free(lf_tariff_impact *impact)
{
    if (!impact)
        return;
    free(impact->customers);
    free(impact->classes);
    free(impact);
}
