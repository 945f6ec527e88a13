/* tariff_rank.c - every tariff an account may choose, billed on its load and
 * ordered by total (tariff_advice.h, "Ranking"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/tariff_advice.h"
#include "tariff_internal.h"

static size_t load_days(const lf_interval_load *load)
{
    return load->n / (size_t)(1440 / load->minutes);
}

/* Each month's declared value in hindsight: the least that kept its maximum
 * demand out of the penalty, not under the floor. */
static double *hindsight_declared(const lf_tariff_set *set, const char *id,
                                  const lf_tariff_account *a, const lf_interval_load *load,
                                  const lf_calendar *cal, lf_error *err)
{
    lf_tariff_account probe = *a;
    probe.basic = LF_BASIC_BY_CAPACITY; /* only the maximum demand is wanted */
    probe.declared_kw_by_month = NULL;
    lf_bill *b = NULL;
    if (lf_tariff_set_bill(set, id, &probe, load, cal, &b, err) != LF_OK)
        return NULL;
    double *declared = malloc(b->nmonths * sizeof *declared);
    if (!declared)
        lf_error_set(err, LF_ERR_NOMEM, "out of memory for declared demands");
    for (size_t k = 0; declared && k < b->nmonths; k++) {
        lf_date first = lf_date_from_ymd(b->months[k].year, b->months[k].month, 1);
        const lf_tariff *t = lf_tariff_set_find(set, id, first);
        double floor_kw = ceil(t->demand_floor_share * a->capacity_kva - 1e-9);
        double need = ceil(b->months[k].max_demand_kw / t->demand_penalty_share - 1e-9);
        declared[k] = fmax(floor_kw, need);
    }
    lf_bill_free(b);
    return declared;
}

static double peak_share(const lf_bill *b)
{
    double peak = 0;
    for (size_t k = 0; k < b->nmonths; k++)
        peak += b->months[k].kwh_by_period[LF_TOU_CRITICAL] +
                b->months[k].kwh_by_period[LF_TOU_PEAK];
    return b->kwh > 0 ? peak / b->kwh : NAN;
}

static void fill_option(const lf_tariff *t, const lf_bill *b, lf_tariff_option *o)
{
    snprintf(o->tariff_id, sizeof o->tariff_id, "%s", t->id);
    snprintf(o->name, sizeof o->name, "%s", t->name);
    o->two_part = t->capacity_rate > 0 || t->demand_rate > 0;
    o->kwh = b->kwh;
    o->energy_charge = b->energy_charge;
    o->basic_charge = b->basic_charge;
    o->demand_penalty = b->demand_penalty;
    o->pf_adjustment = b->pf_adjustment;
    o->surcharges = b->surcharges;
    o->total = b->total;
    o->price_per_kwh = b->kwh > 0 ? b->total / b->kwh : NAN;
    o->peak_share = peak_share(b);
    o->saving = NAN;
}

static int hindsight(const lf_tariff *t, const lf_tariff_account *a, lf_basic_choice basic)
{
    return basic == LF_BASIC_BY_DEMAND && t->demand_rate > 0 && !(a->declared_kw > 0) &&
           !a->declared_kw_by_month;
}

/* The bill of tariff t's id with the basic charge set by `basic`, declared
 * in hindsight when the account declares nothing. */
static int bill_basic(const lf_tariff_set *set, const lf_tariff *t,
                      const lf_tariff_account *a, lf_basic_choice basic,
                      const lf_interval_load *load, const lf_calendar *cal, lf_bill **out,
                      lf_error *err)
{
    lf_tariff_account acc = *a;
    acc.basic = basic;
    double *declared = NULL;
    if (hindsight(t, a, basic)) {
        declared = hindsight_declared(set, t->id, a, load, cal, err);
        if (!declared)
            return err ? err->code : LF_ERR_NOMEM;
        acc.declared_kw_by_month = declared;
    }
    int rc = lf_tariff_set_bill(set, t->id, &acc, load, cal, out, err);
    free(declared);
    return rc;
}

static int bill_option(const lf_tariff_set *set, const lf_tariff *t,
                       const lf_tariff_account *a, lf_basic_choice basic,
                       const lf_interval_load *load, const lf_calendar *cal,
                       lf_tariff_option *o, lf_error *err)
{
    lf_bill *b = NULL;
    int rc = bill_basic(set, t, a, basic, load, cal, &b, err);
    if (rc == LF_OK) {
        lf_tariff_account acc = *a;
        acc.basic = basic;
        memset(o, 0, sizeof *o);
        fill_option(t, b, o);
        o->basic = tb_basic_by_demand(t, &acc) ? LF_BASIC_BY_DEMAND : LF_BASIC_BY_CAPACITY;
        o->declared_hindsight = hindsight(t, a, basic);
    }
    lf_bill_free(b);
    return rc;
}

int lf_tariff_option_bill(const lf_tariff_set *set, const lf_tariff_account *a,
                          const lf_tariff_option *option, const lf_interval_load *load,
                          const lf_calendar *cal, lf_bill **out, lf_error *err)
{
    *out = NULL;
    if (!set || !a || !option || !load)
        return lf_error_set(err, LF_ERR_ARG, "an option's bill needs tariffs, an account, "
                            "the option and load");
    const lf_tariff *t = lf_tariff_set_find(set, option->tariff_id, load->first);
    if (!t)
        return lf_error_set(err, LF_ERR_ARG, "tariff %s is not in force on the load's first "
                            "day in %s", option->tariff_id, set->source);
    return bill_basic(set, t, a, option->basic, load, cal, out, err);
}

/* ---- the list ---------------------------------------------------------------------------- */

typedef struct options {
    lf_tariff_option *items;
    size_t n, cap;
} options;

static lf_tariff_option *next_slot(options *list, lf_error *err)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? 2 * list->cap : 8;
        lf_tariff_option *items = realloc(list->items, cap * sizeof *items);
        if (!items) {
            lf_error_set(err, LF_ERR_NOMEM, "out of memory for tariff options");
            return NULL;
        }
        list->items = items;
        list->cap = cap;
    }
    return &list->items[list->n];
}

/* The tariff's options: one, or by capacity and by demand for a two-part
 * tariff that has both rates. */
static int add_options(const lf_tariff_set *set, const lf_tariff *t,
                       const lf_tariff_account *a, const lf_interval_load *load,
                       const lf_calendar *cal, options *list, lf_error *err)
{
    int both = t->capacity_rate > 0 && t->demand_rate > 0;
    lf_basic_choice first = both || !(t->demand_rate > 0) ? LF_BASIC_BY_CAPACITY
                                                         : LF_BASIC_BY_DEMAND;
    for (int k = 0; k < (both ? 2 : 1); k++) {
        lf_tariff_option *o = next_slot(list, err);
        if (!o)
            return LF_ERR_NOMEM;
        int rc = bill_option(set, t, a, k ? LF_BASIC_BY_DEMAND : first, load, cal, o, err);
        if (rc != LF_OK)
            return rc;
        list->n++;
    }
    return LF_OK;
}

/* First version in the set of each id: each id is ranked once. */
static int first_of_id(const lf_tariff_set *set, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(set->tariffs[j].id, set->tariffs[i].id) == 0)
            return 0;
    return 1;
}

static int collect(const lf_tariff_set *set, const lf_tariff_account *a,
                   const lf_interval_load *load, const lf_calendar *cal, options *list,
                   lf_error *err)
{
    for (size_t i = 0; i < set->n; i++) {
        if (!first_of_id(set, i))
            continue;
        const lf_tariff *t = lf_tariff_set_find(set, set->tariffs[i].id, load->first);
        if (!t || !lf_tariff_eligible(t, a))
            continue;
        int rc = add_options(set, t, a, load, cal, list, err);
        if (rc != LF_OK)
            return rc;
    }
    if (list->n == 0)
        return lf_error_set(err, LF_ERR_ARG, "no tariff in %s is open to class '%s' at %g kV "
                            "and %g kVA", set->source, a->customer_class, a->voltage_kv,
                            a->capacity_kva);
    return LF_OK;
}

static int by_total(const void *x, const void *y)
{
    const lf_tariff_option *a = x, *b = y;
    if (a->total != b->total)
        return a->total < b->total ? -1 : 1;
    int c = strcmp(a->tariff_id, b->tariff_id);
    return c ? c : (int)a->basic - (int)b->basic;
}

/* The current option: current_id with the account's basic choice (or the
 * tariff's only one). */
static int find_current(const lf_tariff_set *set, const lf_tariff_account *a,
                        const char *current_id, lf_tariff_ranking *r, lf_error *err)
{
    r->current = r->n;
    if (!current_id)
        return LF_OK;
    for (size_t i = 0; i < r->n; i++) {
        const lf_tariff_option *o = &r->options[i];
        if (strcmp(o->tariff_id, current_id) == 0 &&
            (!o->two_part || o->basic == a->basic || r->current == r->n))
            r->current = i;
    }
    if (r->current == r->n)
        return lf_error_set(err, LF_ERR_ARG, "the current tariff %s is %s %s", current_id,
                            tb_set_has(set, current_id) ? "not open to this account in"
                                                        : "not in", set->source);
    for (size_t i = 0; i < r->n; i++)
        r->options[i].saving = tb_cents(r->options[r->current].total - r->options[i].total);
    return LF_OK;
}

int lf_tariff_rank(const lf_tariff_set *set, const lf_tariff_account *a, const char *current_id,
                   const lf_interval_load *load, const lf_calendar *cal,
                   lf_tariff_ranking **out, lf_error *err)
{
    *out = NULL;
    if (!set || !a || !load || load->minutes <= 0)
        return lf_error_set(err, LF_ERR_ARG, "a ranking needs tariffs, an account and load");
    options list = {0};
    int rc = collect(set, a, load, cal, &list, err);
    lf_tariff_ranking *r = rc == LF_OK ? calloc(1, sizeof *r) : NULL;
    if (rc == LF_OK && !r)
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory for a ranking");
    if (rc != LF_OK) {
        free(list.items);
        return rc;
    }
    qsort(list.items, list.n, sizeof *list.items, by_total);
    r->options = list.items;
    r->n = list.n;
    lf_date last = load->first + (lf_date)load_days(load) - 1;
    r->first_year = lf_date_year(load->first);
    r->first_month = lf_date_month(load->first);
    r->nmonths = (size_t)((lf_date_year(last) - r->first_year) * 12 + lf_date_month(last) -
                          r->first_month + 1);
    rc = find_current(set, a, current_id, r, err);
    if (rc != LF_OK) {
        lf_tariff_ranking_free(r);
        return rc;
    }
    *out = r;
    return LF_OK;
}

void lf_tariff_ranking_free(lf_tariff_ranking *r)
{
    if (!r)
        return;
    free(r->options);
    free(r);
}
