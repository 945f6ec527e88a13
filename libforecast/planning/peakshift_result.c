/* peakshift_result.c - the schedule read back from the solved program:
 * the calls, each day's relief and unmet MW, and each customer's burden. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "peakshift_internal.h"

/* Relief below this many MW (10 W) is the solver's rounding, not a call. */
#define PS_MW_EPS 1e-5
/* Calls are read to 0.1 kW, so a covered day can seem short by a few tenths
 * of a kW; unmet MW below 1 kW is that rounding, not a shortage. */
#define PS_UNMET_EPS 1e-3

static int alloc_result(const ps_model *m, lf_peakshift *s, lf_error *err)
{
    s->ndays = m->ndays;
    s->ncustomers = m->portfolio->n;
    s->days = calloc(m->ndays, sizeof *s->days);
    s->calls = calloc(m->ncalls ? m->ncalls : 1, sizeof *s->calls);
    s->customers = calloc(s->ncustomers ? s->ncustomers : 1, sizeof *s->customers);
    if (!s->days || !s->calls || !s->customers)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for a schedule");
    return LF_OK;
}

static void read_days(const ps_model *m, lf_peakshift *s)
{
    for (size_t d = 0; d < m->ndays; d++) {
        lf_peakshift_day *day = &s->days[d];
        day->date = m->spec->first + (lf_date)d;
        day->peak_mw = m->spec->peak_mw[d];
        day->limit_mw = m->spec->limit_mw[d];
        day->window_hours = m->hours[d];
        day->window_start = m->spec->window_start ? m->spec->window_start[d] : NAN;
        day->deficit_mw = m->deficit[d];
    }
}

/* Calls are made day by day in the model's order (customer, measure, day);
 * the result lists them by date, then customer. */
static int by_date_then_customer(const void *a, const void *b)
{
    const lf_peakshift_call *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->customer != y->customer)
        return x->customer < y->customer ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

static void read_calls(const ps_model *m, lf_peakshift *s)
{
    for (size_t c = 0; c < m->ncalls; c++) {
        const ps_call *call = &m->calls[c];
        /* to 0.1 kW: the solver's rounding (a 5 MW call read as 4.999999)
         * is not information */
        double mw = round(ps_call_mw(m, call) * 1e4) / 1e4;
        if (mw < PS_MW_EPS)
            continue;
        const lf_dr_measure *me = ps_measure_of(m, call);
        double hours = me->kind == LF_DR_REST_DAY ? 24 : m->hours[call->day];
        lf_peakshift_call *out = &s->calls[s->ncalls++];
        out->date = m->spec->first + (lf_date)call->day;
        out->customer = call->customer;
        out->kind = me->kind;
        out->mw = mw;
        out->mwh = mw * hours;
        out->cost = me->cost_per_event + me->cost_per_mwh * out->mwh;
    }
    qsort(s->calls, s->ncalls, sizeof *s->calls, by_date_then_customer);
}

static void add_up(const ps_model *m, lf_peakshift *s)
{
    double peak_sum = 0;
    for (size_t i = 0; i < m->portfolio->n; i++)
        if (!m->portfolio->customers[i].is_protected && m->portfolio->customers[i].nmeasures)
            peak_sum += m->portfolio->customers[i].peak_mw;
    for (size_t k = 0; k < s->ncalls; k++) {
        const lf_peakshift_call *c = &s->calls[k];
        lf_peakshift_day *day = &s->days[c->date - m->spec->first];
        lf_peakshift_customer *cu = &s->customers[c->customer];
        day->shed_mw += c->mw;
        day->ncalls++;
        cu->calls++;
        cu->calls_by_kind[c->kind]++;
        cu->mw_days += c->mw;
        cu->mwh += c->mwh;
        cu->cost += c->cost;
        s->total_cost += c->cost;
        s->shed_mw_days += c->mw;
        if (c->kind == LF_DR_REST_DAY)
            s->rest_days_by_weekday[lf_date_weekday(c->date) - 1]++;
    }
    for (size_t d = 0; d < s->ndays; d++) {
        lf_peakshift_day *day = &s->days[d];
        day->residual_peak_mw = day->peak_mw - day->shed_mw;
        day->unmet_mw = fmax(0, day->deficit_mw - day->shed_mw);
        if (day->unmet_mw < PS_UNMET_EPS)
            day->unmet_mw = 0;
        s->unmet_mw_days += day->unmet_mw;
    }
    for (size_t i = 0; i < s->ncustomers; i++) {
        const lf_dr_customer *cu = &m->portfolio->customers[i];
        int callable = !cu->is_protected && cu->nmeasures;
        s->customers[i].share_of_relief = s->shed_mw_days > 0
                                              ? s->customers[i].mw_days / s->shed_mw_days : 0;
        s->customers[i].share_of_peak = callable && peak_sum > 0 ? cu->peak_mw / peak_sum : 0;
    }
}

int ps_result_read(const ps_model *m, lf_peakshift *s, lf_error *err)
{
    int rc = alloc_result(m, s, err);
    if (rc != LF_OK)
        return rc;
    read_days(m, s);
    if (m->ncalls && m->sol)
        read_calls(m, s);
    add_up(m, s);
    return LF_OK;
}
