/* peakshift_write.c - a peak-shift schedule as files (peakshift.h, "output"):
 * its calls, days and customers as CSV, and all of it as one JSON document.
 * Every file goes through lf_atomic_write, so it is complete or absent. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../io/csv_out.h"
#include "../io/json_out.h"
#include "libforecast/atomic.h"
#include "libforecast/peakshift.h"

typedef struct write_ctx {
    const lf_peakshift *s;
    const lf_portfolio *p; /* NULL for the days file */
} write_ctx;

/* ---- checks before any file is touched --------------------------------------------- */

/* lf_atomic_write reports whatever fails inside a writer as LF_ERR_IO, so a
 * schedule that does not fit its portfolio is refused here, as LF_ERR_ARG. */
static int check_portfolio(const char *path, const lf_peakshift *s, const lf_portfolio *p,
                           lf_error *err)
{
    /* the check also guarantees what the writers rely on: terminated names
     * and every tier index inside the portfolio's tiers */
    int rc = lf_portfolio_check(p, err);
    if (rc != LF_OK)
        return lf_error_prefix(err, rc, "writing %s: ", path);
    if (s->ncustomers != p->n)
        return lf_error_set(err, LF_ERR_ARG, "writing %s: the schedule has %zu customers, "
                            "the portfolio %zu; write it with the portfolio it was run on",
                            path, s->ncustomers, p->n);
    return LF_OK;
}

/* Index of date in the schedule's days (consecutive from days[0]), -1 if none. */
static long day_index(const lf_peakshift *s, lf_date date)
{
    if (s->ndays == 0)
        return -1;
    int64_t d = (int64_t)date - s->days[0].date;
    if (d < 0 || (uint64_t)d >= s->ndays || s->days[d].date != date)
        return -1;
    return (long)d;
}

/* A call's row needs its customer and its day (for the peak window). */
static int check_calls(const char *path, const lf_peakshift *s, lf_error *err)
{
    for (size_t k = 0; k < s->ncalls; k++) {
        const lf_peakshift_call *c = &s->calls[k];
        if (c->customer >= s->ncustomers || day_index(s, c->date) < 0)
            return lf_error_set(err, LF_ERR_ARG, "writing %s: call %zu names customer %zu "
                                "or a day outside the schedule", path, k, c->customer);
    }
    return LF_OK;
}

static int check_args(const char *path, const lf_peakshift *s, const lf_portfolio *p,
                      int needs_portfolio, lf_error *err)
{
    if (!path)
        return lf_error_set(err, LF_ERR_ARG, "writing a peak-shift schedule needs a path");
    if (!s || (needs_portfolio && !p))
        return lf_error_set(err, LF_ERR_ARG, "writing %s needs a schedule%s", path,
                            needs_portfolio ? " and its portfolio" : "");
    if (!needs_portfolio)
        return LF_OK;
    int rc = check_portfolio(path, s, p, err);
    return rc == LF_OK ? check_calls(path, s, err) : rc;
}

/* ---- what CSV and JSON rows share ---------------------------------------------------- */

static const char *weekday_name(lf_date date)
{
    return lf_weekday_name(lf_date_weekday(date));
}

/* The hours a call covers: a rest day takes the customer off for the whole
 * day, whatever the day's peak window. */
static void call_window(const lf_peakshift *s, const lf_peakshift_call *c, double *start,
                        double *hours)
{
    const lf_peakshift_day *day = &s->days[day_index(s, c->date)];
    *start = c->kind == LF_DR_REST_DAY ? 0 : day->window_start;
    *hours = c->kind == LF_DR_REST_DAY ? 24 : day->window_hours;
}

static const char *tier_name(const lf_portfolio *p, const lf_dr_customer *c)
{
    return p->tiers[c->tier];
}

/* ---- CSV ------------------------------------------------------------------------------ */

/* sep, then text quoted only when RFC 4180 needs it, so plain ids stay plain. */
static void put_field(FILE *fp, const char *sep, const char *s)
{
    fputs(sep, fp);
    if (strpbrk(s, ",\"\r\n"))
        lf_csv_put_text(fp, s);
    else
        fputs(s, fp);
}

static void put_date(FILE *fp, lf_date date)
{
    char buf[LF_DATE_STRLEN];
    lf_date_format(date, buf);
    fprintf(fp, "%s,%s", buf, weekday_name(date));
}

static void put_call_row(FILE *fp, const write_ctx *ctx, const lf_peakshift_call *c)
{
    const lf_dr_customer *cu = &ctx->p->customers[c->customer];
    double start, hours;
    call_window(ctx->s, c, &start, &hours);
    put_date(fp, c->date);
    put_field(fp, ",", cu->id);
    put_field(fp, ",", cu->name);
    put_field(fp, ",", tier_name(ctx->p, cu));
    put_field(fp, ",", lf_dr_kind_name(c->kind));
    lf_csv_put_number(fp, ",", c->mw);
    lf_csv_put_number(fp, ",", start);
    lf_csv_put_number(fp, ",", hours);
    lf_csv_put_number(fp, ",", c->mwh);
    lf_csv_put_number(fp, ",", c->cost);
    fputc('\n', fp);
}

static int write_calls_csv(FILE *fp, const void *vctx)
{
    const write_ctx *ctx = vctx;
    fputs("date,weekday,customer_id,customer_name,tier,kind,mw,window_start,window_hours,"
          "mwh,cost\n", fp);
    for (size_t k = 0; k < ctx->s->ncalls; k++)
        put_call_row(fp, ctx, &ctx->s->calls[k]);
    return ferror(fp) != 0;
}

static void put_day_row(FILE *fp, const lf_peakshift_day *d)
{
    put_date(fp, d->date);
    lf_csv_put_number(fp, ",", d->peak_mw);
    lf_csv_put_number(fp, ",", d->limit_mw);
    lf_csv_put_number(fp, ",", d->deficit_mw);
    lf_csv_put_number(fp, ",", d->shed_mw);
    lf_csv_put_number(fp, ",", d->residual_peak_mw);
    lf_csv_put_number(fp, ",", d->unmet_mw);
    lf_csv_put_number(fp, ",", d->window_start);
    lf_csv_put_number(fp, ",", d->window_hours);
    fprintf(fp, ",%zu\n", d->ncalls);
}

static int write_days_csv(FILE *fp, const void *vctx)
{
    const write_ctx *ctx = vctx;
    fputs("date,weekday,peak_mw,limit_mw,deficit_mw,shed_mw,residual_peak_mw,unmet_mw,"
          "window_start,window_hours,calls\n", fp);
    for (size_t d = 0; d < ctx->s->ndays; d++)
        put_day_row(fp, &ctx->s->days[d]);
    return ferror(fp) != 0;
}

static void put_customer_row(FILE *fp, const write_ctx *ctx, size_t i)
{
    const lf_dr_customer *c = &ctx->p->customers[i];
    const lf_peakshift_customer *r = &ctx->s->customers[i];
    put_field(fp, "", c->id);
    put_field(fp, ",", c->name);
    put_field(fp, ",", c->industry);
    put_field(fp, ",", tier_name(ctx->p, c));
    fprintf(fp, ",%d", c->is_protected != 0);
    lf_csv_put_number(fp, ",", c->peak_mw);
    fprintf(fp, ",%zu", r->calls);
    for (int k = 0; k < LF_DR_KINDS; k++)
        fprintf(fp, ",%zu", r->calls_by_kind[k]);
    lf_csv_put_number(fp, ",", r->mw_days);
    lf_csv_put_number(fp, ",", r->mwh);
    lf_csv_put_number(fp, ",", r->cost);
    lf_csv_put_number(fp, ",", r->share_of_relief);
    lf_csv_put_number(fp, ",", r->share_of_peak);
    fputc('\n', fp);
}

static int write_customers_csv(FILE *fp, const void *vctx)
{
    const write_ctx *ctx = vctx;
    /* the kind columns follow lf_dr_kind's order, as calls_by_kind does */
    fputs("id,name,industry,tier,protected,peak_mw,calls,shift,avoid_peak,rest_day,"
          "interrupt,mw_days,mwh,cost,share_of_relief,share_of_peak\n", fp);
    for (size_t i = 0; i < ctx->p->n; i++)
        put_customer_row(fp, ctx, i);
    return ferror(fp) != 0;
}

/* ---- JSON ---------------------------------------------------------------------------- */

static void json_count(FILE *fp, const char *key, size_t n, const char *sep)
{
    fprintf(fp, "\"%s\": %zu%s", key, n, sep);
}

static void json_date(FILE *fp, lf_date date)
{
    char buf[LF_DATE_STRLEN];
    lf_date_format(date, buf);
    lf_json_put_text(fp, "date", buf, ", ");
    lf_json_put_text(fp, "weekday", weekday_name(date), ", ");
}

/* The items below carry the same keys, in the same order, as the CSV columns. */
static void json_day(FILE *fp, const void *vctx, size_t i)
{
    const write_ctx *ctx = vctx;
    const lf_peakshift_day *d = &ctx->s->days[i];
    fputc('{', fp);
    json_date(fp, d->date);
    lf_json_put_number(fp, "peak_mw", d->peak_mw, ", ");
    lf_json_put_number(fp, "limit_mw", d->limit_mw, ", ");
    lf_json_put_number(fp, "deficit_mw", d->deficit_mw, ", ");
    lf_json_put_number(fp, "shed_mw", d->shed_mw, ", ");
    lf_json_put_number(fp, "residual_peak_mw", d->residual_peak_mw, ", ");
    lf_json_put_number(fp, "unmet_mw", d->unmet_mw, ", ");
    lf_json_put_number(fp, "window_start", d->window_start, ", ");
    lf_json_put_number(fp, "window_hours", d->window_hours, ", ");
    json_count(fp, "calls", d->ncalls, "}");
}

static void json_call(FILE *fp, const void *vctx, size_t k)
{
    const write_ctx *ctx = vctx;
    const lf_peakshift_call *c = &ctx->s->calls[k];
    const lf_dr_customer *cu = &ctx->p->customers[c->customer];
    double start, hours;
    call_window(ctx->s, c, &start, &hours);
    fputc('{', fp);
    json_date(fp, c->date);
    lf_json_put_text(fp, "customer_id", cu->id, ", ");
    lf_json_put_text(fp, "customer_name", cu->name, ", ");
    lf_json_put_text(fp, "tier", tier_name(ctx->p, cu), ", ");
    lf_json_put_text(fp, "kind", lf_dr_kind_name(c->kind), ", ");
    lf_json_put_number(fp, "mw", c->mw, ", ");
    lf_json_put_number(fp, "window_start", start, ", ");
    lf_json_put_number(fp, "window_hours", hours, ", ");
    lf_json_put_number(fp, "mwh", c->mwh, ", ");
    lf_json_put_number(fp, "cost", c->cost, "}");
}

static void json_customer(FILE *fp, const void *vctx, size_t i)
{
    const write_ctx *ctx = vctx;
    const lf_dr_customer *c = &ctx->p->customers[i];
    const lf_peakshift_customer *r = &ctx->s->customers[i];
    fputc('{', fp);
    lf_json_put_text(fp, "id", c->id, ", ");
    lf_json_put_text(fp, "name", c->name, ", ");
    lf_json_put_text(fp, "industry", c->industry, ", ");
    lf_json_put_text(fp, "tier", tier_name(ctx->p, c), ", ");
    fprintf(fp, "\"protected\": %s, ", c->is_protected ? "true" : "false");
    lf_json_put_number(fp, "peak_mw", c->peak_mw, ", ");
    json_count(fp, "calls", r->calls, ", ");
    for (int k = 0; k < LF_DR_KINDS; k++)
        json_count(fp, lf_dr_kind_name((lf_dr_kind)k), r->calls_by_kind[k], ", ");
    lf_json_put_number(fp, "mw_days", r->mw_days, ", ");
    lf_json_put_number(fp, "mwh", r->mwh, ", ");
    lf_json_put_number(fp, "cost", r->cost, ", ");
    lf_json_put_number(fp, "share_of_relief", r->share_of_relief, ", ");
    lf_json_put_number(fp, "share_of_peak", r->share_of_peak, "}");
}

static void json_head(FILE *fp, const lf_peakshift *s)
{
    fputs("{\n  ", fp);
    lf_json_put_text(fp, "status", lf_peakshift_status_name(s->status), ",\n  ");
    lf_json_put_number(fp, "seconds", s->seconds, ",\n  ");
    fputs("\"totals\": {", fp);
    lf_json_put_number(fp, "cost", s->total_cost, ", ");
    lf_json_put_number(fp, "shed_mw_days", s->shed_mw_days, ", ");
    lf_json_put_number(fp, "unmet_mw_days", s->unmet_mw_days, ", ");
    json_count(fp, "calls", s->ncalls, "},\n");
    fputs("  \"rest_days_by_weekday\": [", fp);
    for (int w = 0; w < 7; w++)
        fprintf(fp, "%s%zu", w ? ", " : "", s->rest_days_by_weekday[w]);
    fputs("],\n", fp);
}

static int write_json(FILE *fp, const void *vctx)
{
    const write_ctx *ctx = vctx;
    json_head(fp, ctx->s);
    lf_json_put_list(fp, "days", ctx->s->ndays, json_day, ctx, ",\n");
    lf_json_put_list(fp, "calls", ctx->s->ncalls, json_call, ctx, ",\n");
    lf_json_put_list(fp, "customers", ctx->p->n, json_customer, ctx, "\n}\n");
    return ferror(fp) != 0;
}

/* ---- public writers ------------------------------------------------------------------ */

int lf_peakshift_write_calls(const char *path, const lf_peakshift *s, const lf_portfolio *p,
                             lf_error *err)
{
    int rc = check_args(path, s, p, 1, err);
    write_ctx ctx = {s, p};
    return rc == LF_OK ? lf_atomic_write(path, write_calls_csv, &ctx, err) : rc;
}

int lf_peakshift_write_days(const char *path, const lf_peakshift *s, lf_error *err)
{
    int rc = check_args(path, s, NULL, 0, err);
    write_ctx ctx = {s, NULL};
    return rc == LF_OK ? lf_atomic_write(path, write_days_csv, &ctx, err) : rc;
}

int lf_peakshift_write_customers(const char *path, const lf_peakshift *s,
                                 const lf_portfolio *p, lf_error *err)
{
    int rc = check_args(path, s, p, 1, err);
    write_ctx ctx = {s, p};
    return rc == LF_OK ? lf_atomic_write(path, write_customers_csv, &ctx, err) : rc;
}

int lf_peakshift_write_json(const char *path, const lf_peakshift *s, const lf_portfolio *p,
                            lf_error *err)
{
    int rc = check_args(path, s, p, 1, err);
    write_ctx ctx = {s, p};
    return rc == LF_OK ? lf_atomic_write(path, write_json, &ctx, err) : rc;
}
