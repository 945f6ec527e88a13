/* tariff_bill.c - a month's usage charged item by item under a tariff
 * (tariff.h, "A tariff"): energy by period or block, the basic charge and its
 * penalty, the power-factor adjustment and the surcharges, each to the cent. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tariff_internal.h"

/* ---- energy ---------------------------------------------------------------------------- */

static void charge_blocks(const lf_tariff *t, const tb_usage *u, lf_bill_month *b)
{
    double below = 0; /* kWh of the blocks before */
    for (size_t k = 0; k < t->nblocks; k++) {
        int last = k + 1 == t->nblocks;
        double top = last ? INFINITY : t->block_upto_kwh[k];
        double kwh = fmax(0, fmin(u->kwh, top) - below);
        b->kwh_by_block[k] = kwh;
        b->energy_by_block[k] = tb_cents(kwh * t->block_rate[k]);
        b->energy_charge += b->energy_by_block[k];
        below = top;
    }
}

static void charge_energy(const lf_tariff *t, const tb_usage *u, lf_bill_month *b)
{
    b->kwh = u->kwh;
    memcpy(b->kwh_by_period, u->kwh_by_period, sizeof b->kwh_by_period);
    if (t->energy == LF_ENERGY_SINGLE) {
        b->energy_charge = tb_cents(u->kwh * t->rate);
    } else if (t->energy == LF_ENERGY_BLOCKS) {
        charge_blocks(t, u, b);
    } else {
        for (int p = 0; p < LF_TOU_PERIODS; p++) {
            if (u->kwh_by_period[p] == 0)
                continue; /* an unused period may have no rate (NaN) */
            b->energy_by_period[p] = tb_cents(u->kwh_by_period[p] * t->tou_rate[p]);
            b->energy_charge += b->energy_by_period[p];
        }
    }
}

/* ---- basic charge ------------------------------------------------------------------------ */

/* The month's share of a monthly charge: its days with load. */
static double month_share(const tb_usage *u)
{
    return (double)u->days / (double)lf_days_in_month(u->year, u->month);
}

static void charge_by_demand(const lf_tariff *t, double declared, const tb_usage *u,
                             lf_bill_month *b)
{
    double allowed = t->demand_penalty_share * declared;
    b->billing_kw = u->max_demand_kw > allowed ? allowed : declared;
    b->excess_kw = fmax(0, u->max_demand_kw - allowed);
    b->basic_charge = tb_cents(b->billing_kw * t->demand_rate * month_share(u));
    b->demand_penalty = tb_cents(b->excess_kw * t->demand_rate * t->demand_penalty_factor);
}

static void charge_basic(const lf_tariff *t, const lf_tariff_account *a, double declared,
                         const tb_usage *u, lf_bill_month *b)
{
    if (tb_basic_by_demand(t, a)) {
        charge_by_demand(t, declared, u, b);
    } else if (t->capacity_rate > 0) {
        b->billing_kw = a->capacity_kva;
        b->basic_charge = tb_cents(a->capacity_kva * t->capacity_rate * month_share(u));
    }
}

/* ---- power factor and surcharges ---------------------------------------------------------- */

/* The table's percent for pf (already rounded to 0.01): the row with the
 * largest pf not above it, the first row below the table. */
static double pf_percent(const lf_tariff *t, double pf)
{
    double percent = t->pf_table[0].percent;
    for (size_t k = 0; k < t->npf; k++)
        if (t->pf_table[k].pf <= pf + 1e-9)
            percent = t->pf_table[k].percent;
    return percent;
}

static void adjust_power_factor(const lf_tariff *t, double pf, lf_bill_month *b)
{
    if (t->pf_standard <= 0 || t->npf == 0 || pf <= 0)
        return;
    b->power_factor = floor(pf * 100 + 0.5 + 1e-7) / 100; /* 0.915 is 0.91499.. in binary */
    b->pf_percent = pf_percent(t, b->power_factor);
    double base = b->energy_charge + b->basic_charge + b->demand_penalty;
    b->pf_adjustment = tb_cents(base * b->pf_percent / 100);
}

static void add_surcharges(const lf_tariff *t, lf_bill_month *b)
{
    for (size_t k = 0; k < t->nsurcharges; k++) {
        b->surcharge[k] = tb_cents(b->kwh * t->surcharges[k].rate);
        b->surcharges += b->surcharge[k];
    }
}

/* ---- a month, a bill ------------------------------------------------------------------------ */

static double nth_or(const double *by_month, size_t k, double value)
{
    return by_month ? by_month[k] : value;
}

static int check_month(const lf_tariff *t, const lf_tariff_account *a, double declared,
                       double pf, const tb_usage *u, lf_error *err)
{
    if (!(pf >= 0 && pf <= 1))
        return lf_error_set(err, LF_ERR_ARG, "%04d-%02d: power factor %g is not in 0..1 "
                            "(0: not metered)", u->year, u->month, pf);
    lf_date first = lf_date_from_ymd(u->year, u->month, 1);
    if (first < t->effective_from || first > t->effective_to)
        return lf_error_set(err, LF_ERR_ARG, "tariff %s is not in force in %04d-%02d",
                            t->id, u->year, u->month);
    if (tb_basic_by_demand(t, a)) {
        double floor = t->demand_floor_share * a->capacity_kva;
        if (!(declared > 0) || declared < floor - 1e-9)
            return lf_error_set(err, LF_ERR_ARG, "%04d-%02d: declared demand %g kW; tariff %s "
                                "takes at least %g kW (%g of %g kVA)", u->year, u->month,
                                declared, t->id, floor, t->demand_floor_share,
                                a->capacity_kva);
    }
    return LF_OK;
}

static int bill_month(const lf_tariff *t, const lf_tariff_account *a, const tb_usage *u,
                      size_t k, lf_bill_month *b, lf_error *err)
{
    double declared = nth_or(a->declared_kw_by_month, k, a->declared_kw);
    double pf = nth_or(a->power_factor_by_month, k, a->power_factor);
    int rc = check_month(t, a, declared, pf, u, err);
    if (rc != LF_OK)
        return rc;
    memset(b, 0, sizeof *b);
    b->year = u->year;
    b->month = u->month;
    b->days = u->days;
    b->max_demand_kw = u->max_demand_kw;
    charge_energy(t, u, b);
    charge_basic(t, a, declared, u, b);
    adjust_power_factor(t, pf, b);
    add_surcharges(t, b);
    b->total = tb_cents(b->energy_charge + b->basic_charge + b->demand_penalty +
                        b->pf_adjustment + b->surcharges);
    b->price_per_kwh = b->kwh > 0 ? b->total / b->kwh : NAN;
    return LF_OK;
}

int tb_basic_by_demand(const lf_tariff *t, const lf_tariff_account *a)
{
    if (!(t->demand_rate > 0))
        return 0;
    return a->basic == LF_BASIC_BY_DEMAND || !(t->capacity_rate > 0);
}

static void add_to_bill(lf_bill *bill, const lf_bill_month *m)
{
    bill->kwh += m->kwh;
    bill->energy_charge += m->energy_charge;
    bill->basic_charge += m->basic_charge;
    bill->demand_penalty += m->demand_penalty;
    bill->pf_adjustment += m->pf_adjustment;
    bill->surcharges += m->surcharges;
    bill->total += m->total;
}

/* Sums of cents, to the cent again: binary fractions drift when added. */
void tb_bill_total(lf_bill *bill)
{
    bill->kwh = bill->energy_charge = bill->basic_charge = bill->demand_penalty = 0;
    bill->pf_adjustment = bill->surcharges = bill->total = 0;
    for (size_t k = 0; k < bill->nmonths; k++)
        add_to_bill(bill, &bill->months[k]);
    double *items[] = {&bill->energy_charge, &bill->basic_charge, &bill->demand_penalty,
                       &bill->pf_adjustment, &bill->surcharges, &bill->total};
    for (size_t k = 0; k < sizeof items / sizeof *items; k++)
        *items[k] = tb_cents(*items[k]);
}

static int make_bill(const lf_tariff *t, const lf_tariff_account *a, const tb_usage *u,
                     size_t n, lf_bill **out, lf_error *err)
{
    lf_bill *bill = calloc(1, sizeof *bill);
    if (bill)
        bill->months = calloc(n, sizeof *bill->months);
    if (!bill || !bill->months) {
        lf_bill_free(bill);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for a bill of %zu months", n);
    }
    snprintf(bill->tariff_id, sizeof bill->tariff_id, "%s", t->id);
    bill->nmonths = n;
    for (size_t k = 0; k < n; k++) {
        int rc = bill_month(t, a, &u[k], k, &bill->months[k], err);
        if (rc != LF_OK) {
            lf_bill_free(bill);
            return rc;
        }
    }
    tb_bill_total(bill);
    *out = bill;
    return LF_OK;
}

static int check_args(const lf_tariff *t, const lf_tariff_account *a, lf_bill **out,
                      lf_error *err)
{
    if (out)
        *out = NULL;
    if (!t || !a || !out)
        return lf_error_set(err, LF_ERR_ARG, "a bill needs a tariff, an account and a result");
    return lf_tariff_check(t, err);
}

int lf_bill_intervals(const lf_tariff *t, const lf_tariff_account *a,
                      const lf_interval_load *load, const lf_calendar *cal, lf_bill **out,
                      lf_error *err)
{
    int rc = check_args(t, a, out, err);
    tb_usage *u = NULL;
    size_t n = 0;
    if (rc == LF_OK)
        rc = tb_usage_of_intervals(t, load, cal, &u, &n, err);
    if (rc == LF_OK)
        rc = make_bill(t, a, u, n, out, err);
    free(u);
    return rc;
}

int lf_bill_daily(const lf_tariff *t, const lf_tariff_account *a, lf_date first, size_t ndays,
                  const double *kwh, const double *peak_kw, const double profile[24],
                  const lf_calendar *cal, lf_bill **out, lf_error *err)
{
    int rc = check_args(t, a, out, err);
    tb_usage *u = NULL;
    size_t n = 0;
    if (rc == LF_OK)
        rc = tb_usage_of_days(t, first, ndays, kwh, peak_kw, profile, cal, &u, &n, err);
    if (rc == LF_OK)
        rc = make_bill(t, a, u, n, out, err);
    free(u);
    return rc;
}

void lf_bill_free(lf_bill *b)
{
    if (!b)
        return;
    free(b->months);
    free(b);
}
