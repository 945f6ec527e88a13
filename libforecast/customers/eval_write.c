/* eval_write.c - a customer evaluation as CSV files (customer_eval.h,
 * "output"): the customers, the Pareto curve, the alerts and the tiers file of
 * the peak-shift portfolio.  The JSON document is in eval_write_json.c. */
#include <math.h>
#include <stdio.h>

#include "../io/csv_out.h"
#include "eval_write_internal.h"
#include "libforecast/atomic.h"

const char *eval_tier_name(const lf_customer_eval_spec *spec, const lf_segment *s)
{
    return s->tier < 0 ? "" : spec->segment.tiers[s->tier];
}

const lf_segment_cell *eval_cell(const lf_customer_eval_spec *spec, const lf_segment *s)
{
    return &spec->segment.cells[s->level][s->group];
}

int eval_write_check(const char *path, const lf_customer_set *set, const lf_customer_eval *ev,
                     const lf_customer_eval_spec *spec, lf_error *err)
{
    if (!path || !set || !ev || !spec)
        return lf_error_set(err, LF_ERR_ARG, "writing a customer evaluation needs a path, "
                            "the customer set, the evaluation and its spec");
    if (ev->n != set->n)
        return lf_error_set(err, LF_ERR_ARG, "writing %s: the evaluation has %zu customers, "
                            "the set %zu; write it with the set it was made of", path, ev->n,
                            set->n);
    return LF_OK;
}

/* ---- customers.csv ----------------------------------------------------------------- */

static const char CUSTOMERS_HEADER[] =
    "id,name,class,industry,voltage_kv,capacity_kva,protected,months,kwh,revenue,cost,"
    "profit,rank,profit_share,abc,key_account,key_reason,recency_days,frequency,monetary,"
    "r,f,m,rfm,nature,current,potential,correction,value,value_level,on_time_share,"
    "mean_days_late,arrears_months,breaches,energy_cv,industry_outlook,no_payment_history,"
    "credit_score,credit_grade,cycle_days,deposit_cycles,monthly_kwh,price_per_kwh,deposit,"
    "segment,service,tier\n";

static void put_numbers(FILE *fp, const double *v, size_t n)
{
    for (size_t k = 0; k < n; k++)
        lf_csv_put_number(fp, ",", v[k]);
}

static void put_who(FILE *fp, const lf_customer *c)
{
    lf_csv_put_text(fp, c->id);
    fputc(',', fp);
    lf_csv_put_text(fp, c->name);
    fputc(',', fp);
    lf_csv_put_text(fp, c->class_name);
    fputc(',', fp);
    lf_csv_put_text(fp, c->industry);
    const double v[] = {c->voltage_kv, c->capacity_kva, c->is_protected};
    put_numbers(fp, v, 3);
}

static void put_value(FILE *fp, const lf_customer_result *r)
{
    const lf_profit *p = &r->profit;
    const double money[] = {(double)p->months, p->kwh, p->revenue, p->cost, p->profit,
                            (double)r->rank, r->profit_share};
    put_numbers(fp, money, 7);
    fprintf(fp, ",%s,%d,", lf_abc_name(r->abc), r->key.is_key);
    lf_csv_put_text(fp, r->key.reason);
    /* a customer that never paid has no recency: empty, not inf */
    const double rfm[] = {isinf(r->rfm.recency_days) ? NAN : r->rfm.recency_days,
                          r->rfm.frequency, r->rfm.monetary};
    put_numbers(fp, rfm, 3);
    fprintf(fp, ",%d,%d,%d,%s", r->rfm.r, r->rfm.f, r->rfm.m, r->rfm.code);
    const lf_customer_value *v = &r->value;
    const double parts[] = {v->nature, v->current, v->potential, v->correction, v->value};
    put_numbers(fp, parts, 5);
}

static void put_credit(FILE *fp, const lf_customer_result *r)
{
    for (size_t k = 0; k < LF_CREDIT_NDEFAULT; k++) {
        double x = r->credit_inputs[k];
        lf_csv_put_number(fp, ",", isinf(x) ? NAN : x);
    }
    fprintf(fp, ",%d", r->no_payment_history);
    lf_csv_put_number(fp, ",", r->credit.total);
    fputc(',', fp);
    lf_csv_put_text(fp, r->credit.grade_name);
    fprintf(fp, ",%d", r->settlement.cycle_days);
    const double s[] = {r->settlement.deposit_cycles, r->monthly_kwh, r->price_per_kwh,
                        r->settlement.deposit};
    put_numbers(fp, s, 4);
}

static int write_customers_csv(FILE *fp, const void *vctx)
{
    const eval_write_ctx *x = vctx;
    fputs(CUSTOMERS_HEADER, fp);
    for (size_t i = 0; i < x->set->n; i++) {
        const lf_customer_result *r = &x->ev->results[i];
        put_who(fp, &x->set->customers[i]);
        put_value(fp, r);
        fputc(',', fp);
        lf_csv_put_text(fp, x->spec->value.levels[r->value.level].name);
        put_credit(fp, r);
        const lf_segment_cell *cell = eval_cell(x->spec, &r->segment);
        fputc(',', fp);
        lf_csv_put_text(fp, cell->segment);
        fputc(',', fp);
        lf_csv_put_text(fp, cell->service);
        fputc(',', fp);
        lf_csv_put_text(fp, eval_tier_name(x->spec, &r->segment));
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

/* ---- pareto.csv ----------------------------------------------------------------------- */

static int write_pareto_csv(FILE *fp, const void *vctx)
{
    const eval_write_ctx *x = vctx;
    fputs("rank,id,name,profit,profit_share,customer_share,abc\n", fp);
    for (size_t k = 0; k < x->ev->n; k++) {
        const lf_pareto_point *p = &x->ev->pareto[k];
        const lf_customer *c = &x->set->customers[p->customer];
        fprintf(fp, "%zu,", p->rank);
        lf_csv_put_text(fp, c->id);
        fputc(',', fp);
        lf_csv_put_text(fp, c->name);
        const double v[] = {p->profit, p->share, p->customer_share};
        put_numbers(fp, v, 3);
        fprintf(fp, ",%s\n", lf_abc_name(x->ev->results[p->customer].abc));
    }
    return ferror(fp) ? -1 : 0;
}

/* ---- alerts.csv ----------------------------------------------------------------------- */

static int write_alerts_csv(FILE *fp, const void *vctx)
{
    const eval_write_ctx *x = vctx;
    fputs("rank,id,name,month,actual_kwh,expected_kwh,change_kwh,change_pct,z,direction\n", fp);
    for (size_t k = 0; k < x->ev->nalerts; k++) {
        const lf_usage_alert *a = &x->ev->alerts[k];
        const lf_customer *c = &x->set->customers[a->customer];
        char month[LF_DATE_STRLEN];
        lf_date_format(a->month, month);
        month[7] = '\0';
        fprintf(fp, "%zu,", k + 1);
        lf_csv_put_text(fp, c->id);
        fputc(',', fp);
        lf_csv_put_text(fp, c->name);
        fprintf(fp, ",%s", month);
        const double v[] = {a->actual, a->expected, a->change, a->change_pct, a->z};
        put_numbers(fp, v, 5);
        fprintf(fp, ",%s\n", a->change < 0 ? "down" : "up");
    }
    return ferror(fp) ? -1 : 0;
}

/* ---- tiers.csv ------------------------------------------------------------------------ */

static int write_tiers_csv(FILE *fp, const void *vctx)
{
    const eval_write_ctx *x = vctx;
    fputs("id,tier\n", fp);
    for (size_t i = 0; i < x->set->n; i++) {
        lf_csv_put_text(fp, x->set->customers[i].id);
        fputc(',', fp);
        lf_csv_put_text(fp, eval_tier_name(x->spec, &x->ev->results[i].segment));
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

/* ---- entry points ----------------------------------------------------------------------- */

static int write_with(const char *path, const lf_customer_set *set, const lf_customer_eval *ev,
                      const lf_customer_eval_spec *spec, lf_writer_fn fn, lf_error *err)
{
    int rc = eval_write_check(path, set, ev, spec, err);
    eval_write_ctx ctx = {set, ev, spec};
    return rc == LF_OK ? lf_atomic_write(path, fn, &ctx, err) : rc;
}

int lf_customer_eval_write_customers(const char *path, const lf_customer_set *set,
                                     const lf_customer_eval *ev,
                                     const lf_customer_eval_spec *spec, lf_error *err)
{
    return write_with(path, set, ev, spec, write_customers_csv, err);
}

int lf_customer_eval_write_pareto(const char *path, const lf_customer_set *set,
                                  const lf_customer_eval *ev, const lf_customer_eval_spec *spec,
                                  lf_error *err)
{
    return write_with(path, set, ev, spec, write_pareto_csv, err);
}

int lf_customer_eval_write_alerts(const char *path, const lf_customer_set *set,
                                  const lf_customer_eval *ev, const lf_customer_eval_spec *spec,
                                  lf_error *err)
{
    return write_with(path, set, ev, spec, write_alerts_csv, err);
}

int lf_customer_eval_write_tiers(const char *path, const lf_customer_set *set,
                                 const lf_customer_eval *ev, const lf_customer_eval_spec *spec,
                                 lf_error *err)
{
    return write_with(path, set, ev, spec, write_tiers_csv, err);
}
