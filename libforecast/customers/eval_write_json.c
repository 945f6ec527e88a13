/* eval_write_json.c - a customer evaluation as one JSON document
 * (customer_eval.h, "output"): the window and the settings that shaped the
 * result (credit weights, AHP consistency, RFM edges), then the customers,
 * the Pareto curve and the alerts with the keys of the CSV columns. */
#include <math.h>
#include <stdio.h>

#include "../io/json_out.h"
#include "eval_write_internal.h"
#include "libforecast/atomic.h"

static const char *const CREDIT_KEYS[LF_CREDIT_NDEFAULT] = {
    "on_time_share", "mean_days_late", "arrears_months", "breaches", "energy_cv",
    "industry_outlook"};

static void month_text(FILE *fp, const char *key, lf_date month, const char *sep)
{
    char buf[LF_DATE_STRLEN];
    lf_date_format(month, buf);
    buf[7] = '\0';
    lf_json_put_text(fp, key, buf, sep);
}

/* The edges, or "rank" for a dimension scored by rank quintile. */
static void edges(FILE *fp, const char *key, const lf_rfm_bins *b, const char *sep)
{
    if (b->nedges == 0) {
        fprintf(fp, "\"%s\": \"rank\"%s", key, sep);
        return;
    }
    fprintf(fp, "\"%s\": [", key);
    for (size_t k = 0; k < b->nedges; k++)
        fprintf(fp, "%s%.10g", k ? ", " : "", b->edges[k]);
    fprintf(fp, "]%s", sep);
}

static void head(FILE *fp, const eval_write_ctx *x)
{
    const lf_customer_eval *ev = x->ev;
    const lf_customer_set *set = x->set;
    char day[LF_DATE_STRLEN];
    lf_date_format(ev->evaluated, day);
    fputs("{\n  ", fp);
    lf_json_put_text(fp, "evaluated", day, ",\n  ");
    month_text(fp, "window_first", lf_date_add_months(set->first_month, (int)ev->window_first),
               ", ");
    month_text(fp, "window_last", lf_date_add_months(set->first_month, (int)(ev->window_first +
               ev->window_count - 1)), ",\n  ");
    fputs("\"credit_weights\": {", fp);
    for (size_t k = 0; k < LF_CREDIT_NDEFAULT; k++)
        lf_json_put_number(fp, CREDIT_KEYS[k], ev->weights[k], k + 1 < LF_CREDIT_NDEFAULT
                           ? ", " : "},\n  ");
    if (ev->used_ahp) {
        fputs("\"ahp\": {", fp);
        lf_json_put_number(fp, "lambda_max", ev->ahp.lambda_max, ", ");
        lf_json_put_number(fp, "ci", ev->ahp.ci, ", ");
        lf_json_put_number(fp, "ri", ev->ahp.ri, ", ");
        lf_json_put_number(fp, "cr", ev->ahp.cr, "},\n  ");
    }
    fputs("\"rfm_edges\": {", fp);
    edges(fp, "recency_days", &ev->rfm_edges.recency, ", ");
    edges(fp, "frequency", &ev->rfm_edges.frequency, ", ");
    edges(fp, "monetary", &ev->rfm_edges.monetary, "},\n");
}

static void customer_value(FILE *fp, const lf_customer_result *r,
                           const lf_customer_eval_spec *spec)
{
    const lf_profit *p = &r->profit;
    fprintf(fp, "\"months\": %zu, ", p->months);
    lf_json_put_number(fp, "kwh", p->kwh, ", ");
    lf_json_put_number(fp, "revenue", p->revenue, ", ");
    lf_json_put_number(fp, "cost", p->cost, ", ");
    lf_json_put_number(fp, "profit", p->profit, ", ");
    fprintf(fp, "\"rank\": %zu, ", r->rank);
    lf_json_put_number(fp, "profit_share", r->profit_share, ", ");
    lf_json_put_text(fp, "abc", lf_abc_name(r->abc), ", ");
    fprintf(fp, "\"key_account\": %s, ", r->key.is_key ? "true" : "false");
    lf_json_put_text(fp, "key_reason", r->key.reason, ", ");
    lf_json_put_number(fp, "recency_days", r->rfm.recency_days, ", ");
    lf_json_put_number(fp, "frequency", r->rfm.frequency, ", ");
    lf_json_put_number(fp, "monetary", r->rfm.monetary, ", ");
    fprintf(fp, "\"r\": %d, \"f\": %d, \"m\": %d, ", r->rfm.r, r->rfm.f, r->rfm.m);
    lf_json_put_text(fp, "rfm", r->rfm.code, ", ");
    lf_json_put_number(fp, "nature", r->value.nature, ", ");
    lf_json_put_number(fp, "current", r->value.current, ", ");
    lf_json_put_number(fp, "potential", r->value.potential, ", ");
    lf_json_put_number(fp, "correction", r->value.correction, ", ");
    lf_json_put_number(fp, "value", r->value.value, ", ");
    lf_json_put_text(fp, "value_level", spec->value.levels[r->value.level].name, ", ");
}

static void customer_credit(FILE *fp, const lf_customer_result *r)
{
    for (size_t k = 0; k < LF_CREDIT_NDEFAULT; k++)
        lf_json_put_number(fp, CREDIT_KEYS[k], r->credit_inputs[k], ", ");
    fprintf(fp, "\"no_payment_history\": %s, ", r->no_payment_history ? "true" : "false");
    lf_json_put_number(fp, "credit_score", r->credit.total, ", ");
    lf_json_put_text(fp, "credit_grade", r->credit.grade_name, ", ");
    fprintf(fp, "\"cycle_days\": %d, ", r->settlement.cycle_days);
    lf_json_put_number(fp, "deposit_cycles", r->settlement.deposit_cycles, ", ");
    lf_json_put_number(fp, "monthly_kwh", r->monthly_kwh, ", ");
    lf_json_put_number(fp, "price_per_kwh", r->price_per_kwh, ", ");
    lf_json_put_number(fp, "deposit", r->settlement.deposit, ", ");
}

static void customer(FILE *fp, const void *ctx, size_t i)
{
    const eval_write_ctx *x = ctx;
    const lf_customer *c = &x->set->customers[i];
    const lf_customer_result *r = &x->ev->results[i];
    fputs("{", fp);
    lf_json_put_text(fp, "id", c->id, ", ");
    lf_json_put_text(fp, "name", c->name, ", ");
    lf_json_put_text(fp, "class", c->class_name, ", ");
    lf_json_put_text(fp, "industry", c->industry, ", ");
    lf_json_put_number(fp, "voltage_kv", c->voltage_kv, ", ");
    lf_json_put_number(fp, "capacity_kva", c->capacity_kva, ", ");
    fprintf(fp, "\"protected\": %s, ", c->is_protected ? "true" : "false");
    customer_value(fp, r, x->spec);
    customer_credit(fp, r);
    const lf_segment_cell *cell = eval_cell(x->spec, &r->segment);
    lf_json_put_text(fp, "segment", cell->segment, ", ");
    lf_json_put_text(fp, "service", cell->service, ", ");
    lf_json_put_text(fp, "tier", r->segment.tier < 0 ? NULL : eval_tier_name(x->spec,
                     &r->segment), "}");
}

static void pareto_point(FILE *fp, const void *ctx, size_t k)
{
    const eval_write_ctx *x = ctx;
    const lf_pareto_point *p = &x->ev->pareto[k];
    fprintf(fp, "{\"rank\": %zu, ", p->rank);
    lf_json_put_text(fp, "id", x->set->customers[p->customer].id, ", ");
    lf_json_put_number(fp, "profit", p->profit, ", ");
    lf_json_put_number(fp, "profit_share", p->share, ", ");
    lf_json_put_number(fp, "customer_share", p->customer_share, ", ");
    lf_json_put_text(fp, "abc", lf_abc_name(x->ev->results[p->customer].abc), "}");
}

static void alert(FILE *fp, const void *ctx, size_t k)
{
    const eval_write_ctx *x = ctx;
    const lf_usage_alert *a = &x->ev->alerts[k];
    fprintf(fp, "{\"rank\": %zu, ", k + 1);
    lf_json_put_text(fp, "id", x->set->customers[a->customer].id, ", ");
    month_text(fp, "month", a->month, ", ");
    lf_json_put_number(fp, "actual_kwh", a->actual, ", ");
    lf_json_put_number(fp, "expected_kwh", a->expected, ", ");
    lf_json_put_number(fp, "change_kwh", a->change, ", ");
    lf_json_put_number(fp, "change_pct", a->change_pct, ", ");
    lf_json_put_number(fp, "z", a->z, ", ");
    lf_json_put_text(fp, "direction", a->change < 0 ? "down" : "up", "}");
}

static int write_json(FILE *fp, const void *vctx)
{
    const eval_write_ctx *x = vctx;
    head(fp, x);
    lf_json_put_list(fp, "customers", x->set->n, customer, x, ",\n");
    lf_json_put_list(fp, "pareto", x->ev->n, pareto_point, x, ",\n");
    lf_json_put_list(fp, "alerts", x->ev->nalerts, alert, x, "\n}\n");
    return ferror(fp) ? -1 : 0;
}

int lf_customer_eval_write_json(const char *path, const lf_customer_set *set,
                                const lf_customer_eval *ev, const lf_customer_eval_spec *spec,
                                lf_error *err)
{
    int rc = eval_write_check(path, set, ev, spec, err);
    eval_write_ctx ctx = {set, ev, spec};
    return rc == LF_OK ? lf_atomic_write(path, write_json, &ctx, err) : rc;
}
