/* tariff_out.c - the files `lfc tariff` writes: the ranking, the bills, the
 * declared-demand plans, the peak-shift savings and the revenue change of a
 * proposed tariff table as CSV, all of it as one JSON document.  One row
 * writer per kind serves the CSV header, the CSV row and the JSON object, so
 * a column and its JSON key cannot drift apart.
 * Money is written to the cent, kWh to the Wh, kW to 0.1 kW. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../io/csv_out.h"
#include "../io/json_out.h"
#include "tariff_out.h"

const char *const lfc_tariff_files[TF_NFILES] = {"tariff_ranking.csv", "tariff_bills.csv",
                                                 "tariff_declared.csv", "tariff_shift.csv",
                                                 "tariff.json", "tariff_change.csv"};

enum { MONEY = 2, KWH = 3, KW = 1, EXACT = -1 };

const char *lfc_tariff_basic_name(const lf_tariff_option *o)
{
    return !o->two_part ? "none" : o->basic == LF_BASIC_BY_DEMAND ? "demand" : "capacity";
}

/* ---- one row: a CSV header, a CSV row or a JSON object -------------------------------- */

typedef enum { HEADER, CSV, JSON } row_mode;

typedef struct row {
    FILE *fp;
    row_mode mode;
    int fields;               /* written so far in this row */
} row;

static void row_begin(row *w)
{
    w->fields = 0;
    if (w->mode == JSON)
        fputc('{', w->fp);
}

static void row_end(row *w)
{
    fputs(w->mode == JSON ? "}" : "\n", w->fp);
}

/* The separator and, in JSON, the key; 0 when the value is not wanted (the
 * header). */
static int field(row *w, const char *key)
{
    if (w->fields++)
        fputs(w->mode == JSON ? ", " : ",", w->fp);
    if (w->mode == HEADER)
        fputs(key, w->fp);
    else if (w->mode == JSON)
        fprintf(w->fp, "\"%s\": ", key);
    return w->mode != HEADER;
}

/* s, or for NULL an empty field (CSV) or null (JSON). */
static void put_text(row *w, const char *key, const char *s)
{
    if (!field(w, key))
        return;
    if (!s)
        fputs(w->mode == JSON ? "null" : "", w->fp);
    else if (w->mode == JSON)
        lf_json_put_string(w->fp, s);
    else if (strpbrk(s, ",\"\r\n"))
        lf_csv_put_text(w->fp, s);
    else
        fputs(s, w->fp);
}

/* v with decimals places (EXACT: 10 significant digits); NaN is an empty
 * field in CSV and null in JSON. */
static void put_number(row *w, const char *key, double v, int decimals)
{
    if (!field(w, key))
        return;
    if (!isfinite(v))
        fputs(w->mode == JSON ? "null" : "", w->fp);
    else if (decimals == EXACT)
        fprintf(w->fp, "%.10g", v);
    else
        fprintf(w->fp, "%.*f", decimals, v + 0.0); /* + 0.0: no "-0.00" */
}

static void put_count(row *w, const char *key, long v)
{
    if (field(w, key))
        fprintf(w->fp, "%ld", v);
}

static void put_flag(row *w, const char *key, int v)
{
    if (field(w, key))
        fputs(w->mode == JSON ? (v ? "true" : "false") : (v ? "1" : "0"), w->fp);
}

/* ---- the rows ---------------------------------------------------------------------------- */

static const char *customer_of(const tf_account *a)
{
    return a->in->account->customer;
}

static void ranking_row(row *w, const tf_account *a, size_t i)
{
    const lf_tariff_ranking *r = a->ranking;
    const lf_tariff_option *o = &r->options[i];
    row_begin(w);
    put_text(w, "customer", customer_of(a));
    put_count(w, "rank", (long)i + 1);
    put_text(w, "tariff_id", o->tariff_id);
    put_text(w, "name", o->name);
    put_text(w, "basic", lfc_tariff_basic_name(o));
    put_flag(w, "declared_hindsight", o->declared_hindsight);
    put_number(w, "kwh", o->kwh, KWH);
    put_number(w, "energy_charge", o->energy_charge, MONEY);
    put_number(w, "basic_charge", o->basic_charge, MONEY);
    put_number(w, "demand_penalty", o->demand_penalty, MONEY);
    put_number(w, "pf_adjustment", o->pf_adjustment, MONEY);
    put_number(w, "surcharges", o->surcharges, MONEY);
    put_number(w, "total", o->total, MONEY);
    put_number(w, "price_per_kwh", o->price_per_kwh, EXACT);
    put_number(w, "peak_share", o->peak_share, EXACT);
    put_number(w, "saving", o->saving, MONEY);
    put_flag(w, "current", i == r->current);
    row_end(w);
}

static void bill_row(row *w, const tf_account *a, const tf_bill *b, size_t k, int with_key)
{
    const lf_tariff_option *o = &a->ranking->options[b->option];
    const lf_bill_month *m = &b->bill->months[k];
    row_begin(w);
    if (with_key) {
        put_text(w, "customer", customer_of(a));
        put_text(w, "tariff_id", o->tariff_id);
        put_text(w, "basic", lfc_tariff_basic_name(o));
    }
    put_count(w, "year", m->year);
    put_count(w, "month", m->month);
    put_count(w, "days", m->days);
    put_number(w, "kwh", m->kwh, KWH);
    for (int p = 0; p < LF_TOU_PERIODS; p++) {
        char key[32];
        snprintf(key, sizeof key, "kwh_%s", lf_tou_period_name((lf_tou_period)p));
        put_number(w, key, m->kwh_by_period[p], KWH);
    }
    put_number(w, "energy_charge", m->energy_charge, MONEY);
    put_number(w, "max_demand_kw", m->max_demand_kw, KW);
    put_number(w, "billing_kw", m->billing_kw, KW);
    put_number(w, "basic_charge", m->basic_charge, MONEY);
    put_number(w, "excess_kw", m->excess_kw, KW);
    put_number(w, "demand_penalty", m->demand_penalty, MONEY);
    put_number(w, "power_factor", m->power_factor, EXACT);
    put_number(w, "pf_percent", m->pf_percent, EXACT);
    put_number(w, "pf_adjustment", m->pf_adjustment, MONEY);
    put_number(w, "surcharges", m->surcharges, MONEY);
    put_number(w, "total", m->total, MONEY);
    put_number(w, "price_per_kwh", m->price_per_kwh, EXACT);
    row_end(w);
}

static void declared_row(row *w, const tf_account *a, const tf_plan *p, int m, int with_key)
{
    const lf_declared_month *d = &p->months[m];
    int has = p->has[m];
    row_begin(w);
    if (with_key) {
        put_text(w, "customer", customer_of(a));
        put_text(w, "tariff_id", p->tariff_id);
    }
    put_count(w, "year", a->in->plan_year);
    put_count(w, "month", m + 1);
    put_count(w, "nvalues", has ? (long)d->nvalues : 0);
    put_number(w, "max_kw_p10", has ? d->max_kw_p10 : NAN, KW);
    put_number(w, "max_kw_p50", has ? d->max_kw_p50 : NAN, KW);
    put_number(w, "max_kw_p90", has ? d->max_kw_p90 : NAN, KW);
    put_number(w, "declared_kw", has ? d->best.declared_kw : NAN, 0);
    put_number(w, "expected_charge", has ? d->best.expected_charge : NAN, MONEY);
    put_number(w, "penalty_probability", has ? d->best.penalty_probability : NAN, EXACT);
    put_number(w, "capacity_charge", has ? d->best.capacity_charge : NAN, MONEY);
    put_text(w, "choice", !has ? NULL : d->choice == LF_BASIC_BY_DEMAND ? "demand" : "capacity");
    put_number(w, "saving", has ? d->saving : NAN, MONEY);
    row_end(w);
}

static void shift_row(row *w, const tf_account *a, size_t k, int with_key)
{
    const lf_shift_saving *s = &a->shifts[k];
    row_begin(w);
    if (with_key) {
        put_text(w, "customer", customer_of(a));
        put_text(w, "tariff_id", a->shift_tariff);
    }
    put_number(w, "share", s->share, EXACT);
    put_number(w, "max_kw", s->max_kw > 0 ? s->max_kw : NAN, KW);
    put_number(w, "kwh_moved", s->kwh_moved, KWH);
    put_number(w, "bill_before", s->bill_before, MONEY);
    put_number(w, "bill_after", s->bill_after, MONEY);
    put_number(w, "saving", s->saving, MONEY);
    put_number(w, "saving_per_mwh", s->saving_per_mwh, MONEY);
    put_number(w, "max_demand_before_kw", s->max_demand_before_kw, KW);
    put_number(w, "max_demand_after_kw", s->max_demand_after_kw, KW);
    row_end(w);
}

/* level: customer, class or total. */
static void change_row(row *w, const char *level, const lf_impact_row *x)
{
    int total = !strcmp(level, "total");
    row_begin(w);
    put_text(w, "level", level);
    put_text(w, "id", x->id);
    put_text(w, "class", total ? NULL : x->customer_class);
    put_count(w, "customers", (long)x->ncustomers);
    put_number(w, "kwh", x->kwh, KWH);
    put_number(w, "peak_kwh", x->peak_kwh, KWH);
    put_number(w, "peak_share", x->peak_share, EXACT);
    put_number(w, "old_total", x->old_total, MONEY);
    put_number(w, "new_total", x->new_total, MONEY);
    put_number(w, "change", x->change, MONEY);
    put_number(w, "change_pct", x->change_pct, EXACT);
    put_number(w, "old_price", x->old_price, EXACT);
    put_number(w, "new_price", x->new_price, EXACT);
    put_number(w, "kwh_share", x->kwh_share, EXACT);
    put_number(w, "price_effect", x->price_effect, EXACT);
    row_end(w);
}

const lf_impact_class *lfc_tariff_change_driver(const lf_tariff_impact *change)
{
    const lf_impact_class *top = NULL;
    for (size_t k = 0; k + 1 < change->nclasses; k++)
        if (!top || fabs(change->classes[k].price_effect) > fabs(top->price_effect))
            top = &change->classes[k];
    return top;
}

/* ---- CSV files ----------------------------------------------------------------------------- */

/* An account with one empty row of each kind: what the headers are written
 * from, so that a file whose rows are all absent still names its columns. */
typedef struct blank {
    lf_config_tariff_account account;
    lf_config_tariff_customer customer;
    lf_tariff_option option;
    lf_tariff_ranking ranking;
    lf_bill_month month;
    lf_bill bill;
    tf_plan plan;
    tf_account a;
    tf_bill b;
} blank;

static void blank_init(blank *z)
{
    memset(z, 0, sizeof *z);
    z->customer.account = &z->account;
    z->ranking.n = 1;
    z->ranking.options = &z->option;
    z->bill.nmonths = 1;
    z->bill.months = &z->month;
    z->a.in = &z->customer;
    z->a.ranking = &z->ranking;
    z->b.bill = &z->bill;
}

static int write_ranking(FILE *fp, const void *ctx)
{
    const tf_run *r = ctx;
    blank z;
    blank_init(&z);
    row w = {fp, HEADER, 0};
    ranking_row(&w, &z.a, 0);
    w.mode = CSV;
    for (size_t i = 0; i < r->n; i++)
        for (size_t k = 0; k < r->accounts[i].ranking->n; k++)
            ranking_row(&w, &r->accounts[i], k);
    return ferror(fp) != 0;
}

static int write_bills(FILE *fp, const void *ctx)
{
    const tf_run *r = ctx;
    blank z;
    blank_init(&z);
    row w = {fp, HEADER, 0};
    bill_row(&w, &z.a, &z.b, 0, 1);
    w.mode = CSV;
    for (size_t i = 0; i < r->n; i++)
        for (size_t j = 0; j < r->accounts[i].nbills; j++)
            for (size_t k = 0; k < r->accounts[i].bills[j].bill->nmonths; k++)
                bill_row(&w, &r->accounts[i], &r->accounts[i].bills[j], k, 1);
    return ferror(fp) != 0;
}

static int write_declared(FILE *fp, const void *ctx)
{
    const tf_run *r = ctx;
    blank z;
    blank_init(&z);
    row w = {fp, HEADER, 0};
    declared_row(&w, &z.a, &z.plan, 0, 1);
    w.mode = CSV;
    for (size_t i = 0; i < r->n; i++)
        for (size_t j = 0; j < r->accounts[i].nplans; j++)
            for (int m = 0; m < 12; m++)
                declared_row(&w, &r->accounts[i], &r->accounts[i].plans[j], m, 1);
    return ferror(fp) != 0;
}

static int write_shift(FILE *fp, const void *ctx)
{
    const tf_run *r = ctx;
    blank z;
    blank_init(&z);
    row w = {fp, HEADER, 0};
    shift_row(&w, &z.a, 0, 1);
    w.mode = CSV;
    for (size_t i = 0; i < r->n; i++)
        for (size_t k = 0; k < r->accounts[i].nshifts; k++)
            shift_row(&w, &r->accounts[i], k, 1);
    return ferror(fp) != 0;
}

/* Customers, classes, then the total. */
static int write_change(FILE *fp, const void *ctx)
{
    const lf_tariff_impact *c = ((const tf_run *)ctx)->change;
    lf_impact_row blank = {0};
    row w = {fp, HEADER, 0};
    change_row(&w, "customer", &blank);
    w.mode = CSV;
    for (size_t i = 0; i < c->ncustomers; i++)
        change_row(&w, "customer", &c->customers[i]);
    for (size_t k = 0; k < c->nclasses; k++)
        change_row(&w, k + 1 < c->nclasses ? "class" : "total", &c->classes[k]);
    return ferror(fp) != 0;
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void json_money(FILE *fp, const char *key, double v, const char *sep)
{
    if (isfinite(v))
        fprintf(fp, "\"%s\": %.2f%s", key, v + 0.0, sep);
    else
        fprintf(fp, "\"%s\": null%s", key, sep);
}

static void json_date(FILE *fp, const char *key, lf_date d, const char *sep)
{
    char buf[LF_DATE_STRLEN];
    lf_date_format(d, buf);
    lf_json_put_text(fp, key, buf, sep);
}

static void json_account_head(FILE *fp, const tf_account *a)
{
    const lf_config_tariff_account *c = a->in->account;
    const lf_tariff_account *acc = &c->account;
    int forecast = c->declared_from == LF_DECLARED_FROM_FORECAST;
    lf_json_put_text(fp, "customer", c->customer, ", ");
    lf_json_put_text(fp, "name", a->in->name, ", ");
    lf_json_put_text(fp, "class", acc->customer_class, ", ");
    lf_json_put_number(fp, "voltage_kv", acc->voltage_kv, ", ");
    lf_json_put_number(fp, "capacity_kva", acc->capacity_kva, ", ");
    lf_json_put_text(fp, "current", c->current, ", ");
    lf_json_put_text(fp, "basic", acc->basic == LF_BASIC_BY_DEMAND ? "demand" : "capacity", ", ");
    lf_json_put_number(fp, "declared_kw", acc->declared_kw > 0 ? acc->declared_kw : NAN, ", ");
    lf_json_put_number(fp, "power_factor", acc->power_factor > 0 ? acc->power_factor : NAN,
                       ", ");
    lf_json_put_number(fp, "shiftable_kw", c->shiftable_kw > 0 ? c->shiftable_kw : NAN, ",\n    ");
    lf_json_put_number(fp, "growth", c->growth, ", ");
    lf_json_put_text(fp, "declared_from", forecast ? "forecast" : "history", ", ");
    lf_json_put_text(fp, "forecast", forecast ? c->forecast_file : NULL, ", ");
    lf_json_put_text(fp, "scenario", forecast ? a->in->scenario : NULL, ",\n    ");
    json_date(fp, "first", a->in->first, ", ");
    json_date(fp, "last", a->in->last, ", ");
    fprintf(fp, "\"months\": %zu, \"plan_year\": %d,\n", a->ranking->nmonths, a->in->plan_year);
}

static void json_ranking(FILE *fp, const tf_account *a)
{
    row w = {fp, JSON, 0};
    fputs("    \"ranking\": [", fp);
    for (size_t i = 0; i < a->ranking->n; i++) {
        fputs(i ? ",\n      " : "\n      ", fp);
        ranking_row(&w, a, i);
    }
    fputs("\n    ],\n", fp);
}

static void json_bills(FILE *fp, const tf_account *a)
{
    row w = {fp, JSON, 0};
    fputs("    \"bills\": [", fp);
    for (size_t j = 0; j < a->nbills; j++) {
        const tf_bill *b = &a->bills[j];
        const lf_tariff_option *o = &a->ranking->options[b->option];
        fputs(j ? ",\n      {" : "\n      {", fp);
        lf_json_put_text(fp, "role", b->role, ", ");
        lf_json_put_text(fp, "tariff_id", o->tariff_id, ", ");
        lf_json_put_text(fp, "basic", lfc_tariff_basic_name(o), ", ");
        json_money(fp, "total", b->bill->total, ", ");
        fputs("\"months\": [", fp);
        for (size_t k = 0; k < b->bill->nmonths; k++) {
            fputs(k ? ",\n        " : "\n        ", fp);
            bill_row(&w, a, b, k, 0);
        }
        fputs("]}", fp);
    }
    fputs(a->nbills ? "\n    ],\n" : "],\n", fp);
}

static void json_plans(FILE *fp, const tf_account *a)
{
    row w = {fp, JSON, 0};
    fputs("    \"declared\": [", fp);
    for (size_t j = 0; j < a->nplans; j++) {
        const tf_plan *p = &a->plans[j];
        fputs(j ? ",\n      {" : "\n      {", fp);
        lf_json_put_text(fp, "tariff_id", p->tariff_id, ", ");
        fprintf(fp, "\"year\": %d, \"months_planned\": %zu, ", a->in->plan_year, p->nplanned);
        json_money(fp, "saving", p->saving, ", ");
        json_money(fp, "current_declared_charge", p->current_charge, ", ");
        fputs("\"months\": [", fp);
        for (int m = 0; m < 12; m++) {
            fputs(m ? ",\n        " : "\n        ", fp);
            declared_row(&w, a, p, m, 0);
        }
        fputs("]}", fp);
    }
    fputs(a->nplans ? "\n    ],\n" : "],\n", fp);
}

static void json_shift(FILE *fp, const tf_account *a)
{
    row w = {fp, JSON, 0};
    if (!a->shift_tariff[0]) {
        fputs("    \"shift\": null\n", fp);
        return;
    }
    fputs("    \"shift\": {", fp);
    lf_json_put_text(fp, "tariff_id", a->shift_tariff, ", ");
    fprintf(fp, "\"current\": %s, \"rows\": [", a->shift_is_current ? "true" : "false");
    for (size_t k = 0; k < a->nshifts; k++) {
        fputs(k ? ",\n      " : "\n      ", fp);
        shift_row(&w, a, k, 0);
    }
    fputs("]}\n", fp);
}

static void json_change(FILE *fp, const tf_run *r)
{
    const lf_tariff_impact *c = r->change;
    row w = {fp, JSON, 0};
    if (!c) {
        fputs("  \"change\": null\n", fp);
        return;
    }
    fputs("  \"change\": {", fp);
    lf_json_put_text(fp, "proposed", r->cfg->tariff.proposed, ", ");
    lf_json_put_text(fp, "driver", lfc_tariff_change_driver(c)->id, ",\n    \"customers\": [");
    for (size_t i = 0; i < c->ncustomers; i++) {
        fputs(i ? ",\n      " : "\n      ", fp);
        change_row(&w, "customer", &c->customers[i]);
    }
    fputs("],\n    \"classes\": [", fp);
    for (size_t k = 0; k + 1 < c->nclasses; k++) {
        fputs(k ? ",\n      " : "\n      ", fp);
        change_row(&w, "class", &c->classes[k]);
    }
    fputs("],\n    \"total\": ", fp);
    change_row(&w, "total", &c->classes[c->nclasses - 1]);
    fputs("}\n", fp);
}

static int write_json(FILE *fp, const void *ctx)
{
    const tf_run *r = ctx;
    fputs("{\n  ", fp);
    lf_json_put_text(fp, "project", r->cfg->name, ",\n  ");
    lf_json_put_text(fp, "tariffs", r->cfg->tariff.tariffs, ",\n  ");
    fputs("\"shift_shares\": [", fp);
    for (size_t k = 0; k < r->cfg->tariff.nshift_shares; k++)
        fprintf(fp, "%s%.10g", k ? ", " : "", r->cfg->tariff.shift_shares[k]);
    fputs("],\n  \"accounts\": [", fp);
    for (size_t i = 0; i < r->n; i++) {
        const tf_account *a = &r->accounts[i];
        fputs(i ? ",\n   {" : "\n   {", fp);
        json_account_head(fp, a);
        json_ranking(fp, a);
        json_bills(fp, a);
        json_plans(fp, a);
        json_shift(fp, a);
        fputs("   }", fp);
    }
    fputs("\n  ],\n", fp);
    json_change(fp, r);
    fputs("}\n", fp);
    return ferror(fp) != 0;
}

/* ---- all the files or none -------------------------------------------------------------- */

static const lf_writer_fn WRITERS[TF_NFILES] = {write_ranking, write_bills, write_declared,
                                                write_shift, write_json, write_change};

static int write_part(size_t k, const char *path, const void *ctx, lf_error *err)
{
    return lf_atomic_write(path, WRITERS[k], ctx, err);
}

int lfc_tariff_write(const tf_run *r, const char *dir, char path[TF_NFILES][4096],
                     lf_error *err)
{
    size_t n = r->change ? TF_NFILES : TF_CHANGE; /* the change file is the last */
    return lfc_write_file_set(dir, lfc_tariff_files, n, lfc_tariff_files + n, TF_NFILES - n,
                              write_part, r, path, err);
}
