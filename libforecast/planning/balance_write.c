/* balance_write.c - an energy balance plan as files (balance.h, "output"):
 * one CSV row per month, and the plan's spec, totals and months as one JSON
 * document.  Every file goes through lf_atomic_write, so it is complete or
 * absent. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../io/csv_out.h"
#include "../io/json_out.h"
#include "balance_internal.h"
#include "libforecast/atomic.h"

/* One month's fields are written by one function for the CSV header, the
 * CSV row and the JSON object alike, so the three cannot drift apart. */
typedef enum mode { HEADER, CSV, JSON } mode;

typedef struct sink {
    FILE *fp;
    mode mode;
    const char *label;    /* the high quantile's, for the keys that carry one */
    int nfields;          /* written so far in this row or object */
} sink;

/* Separator, then the key where the mode shows keys; the key is base, or
 * base_<q> when q is given ("demand_mwh" + "p90"). */
static void key(sink *s, const char *base, const char *q, char *full, size_t size)
{
    snprintf(full, size, q ? "%s_%s" : "%s", base, q ? q : "");
    if (s->nfields++)
        fputs(s->mode == JSON ? ", " : ",", s->fp);
    if (s->mode == HEADER)
        fputs(full, s->fp);
}

static void num(sink *s, const char *base, const char *q, double v)
{
    char full[64];
    key(s, base, q, full, sizeof full);
    if (s->mode == CSV)
        lf_csv_put_number(s->fp, "", v);
    else if (s->mode == JSON)
        lf_json_put_number(s->fp, full, v, "");
}

/* Plain text (months, days, status names: no comma or quote); "" is missing. */
static void text(sink *s, const char *base, const char *v)
{
    char full[64];
    key(s, base, NULL, full, sizeof full);
    if (s->mode == CSV)
        fputs(v, s->fp);
    else if (s->mode == JSON && *v)
        fprintf(s->fp, "\"%s\": \"%s\"", full, v);
    else if (s->mode == JSON)
        fprintf(s->fp, "\"%s\": null", full);
}

static void flag(sink *s, const char *base, int v)
{
    char full[64];
    key(s, base, NULL, full, sizeof full);
    if (s->mode == CSV)
        fputc(v ? '1' : '0', s->fp);
    else if (s->mode == JSON)
        fprintf(s->fp, "\"%s\": %s", full, v ? "true" : "false");
}

static void energy_fields(sink *s, const lf_balance_month *mo)
{
    num(s, "demand_mwh", "p50", mo->energy_p50);
    num(s, "demand_mwh", s->label, mo->energy_high);
    num(s, "own_generation_mwh", NULL, mo->own_mwh);
    num(s, "purchase_mwh", NULL, mo->purchase_mwh);
    num(s, "supply_mwh", NULL, mo->supply_mwh);
    num(s, "energy_balance_mwh", "p50", mo->energy_balance_p50);
    num(s, "energy_balance_mwh", s->label, mo->energy_balance_high);
}

static void capacity_fields(sink *s, const lf_balance_month *mo)
{
    num(s, "peak_mw", "p50", mo->peak_p50);
    num(s, "peak_mw", s->label, mo->peak_high);
    num(s, "own_mw", NULL, mo->own_mw);
    num(s, "import_mw", NULL, mo->import_mw);
    num(s, "outage_mw", NULL, mo->outage_mw);
    num(s, "available_mw", NULL, mo->available_mw);
    flag(s, "outages_exceed_capacity", mo->outages_exceed_capacity);
    num(s, "required_mw", NULL, mo->required_mw);
    num(s, "capacity_balance_mw", NULL, mo->capacity_balance_mw);
    num(s, "limit_mw", NULL, mo->limit_mw);
}

static void risk_fields(sink *s, const lf_balance_month *mo)
{
    char day[LF_DATE_STRLEN] = "";
    if (mo->has_worst_day)
        lf_date_format(mo->worst_day, day);
    num(s, "days_at_risk", NULL, mo->days_at_risk);
    text(s, "worst_day", day);
    num(s, "worst_shortfall_mw", NULL, mo->worst_shortfall_mw);
    num(s, "mw_days_at_risk", NULL, mo->mw_days_at_risk);
}

/* mo is NULL for the header. */
static void month_fields(sink *s, const lf_balance_month *mo)
{
    static const lf_balance_month none;
    char label[LF_MONTH_STRLEN] = "";
    if (!mo)
        mo = &none;
    else
        lf_balance_month_label(mo->year, mo->month, label);
    s->nfields = 0;
    text(s, "month", label);
    num(s, "days", NULL, mo->days);
    energy_fields(s, mo);
    capacity_fields(s, mo);
    risk_fields(s, mo);
    text(s, "status", lf_balance_status_name(mo->status));
}

/* ---- CSV ------------------------------------------------------------------------------ */

static int write_csv(FILE *fp, const void *vctx)
{
    const lf_balance *b = vctx;
    sink s = {fp, HEADER, b->high_label, 0};
    month_fields(&s, NULL);
    fputc('\n', fp);
    s.mode = CSV;
    for (size_t k = 0; k < b->nmonths; k++) {
        month_fields(&s, &b->months[k]);
        fputc('\n', fp);
    }
    return ferror(fp) != 0;
}

/* ---- JSON ----------------------------------------------------------------------------- */

static void json_month(FILE *fp, const void *vctx, size_t k)
{
    const lf_balance *b = vctx;
    sink s = {fp, JSON, b->high_label, 0};
    fputc('{', fp);
    month_fields(&s, &b->months[k]);
    fputc('}', fp);
}

static void json_spec(FILE *fp, const lf_balance *b)
{
    char first[LF_MONTH_STRLEN], last[LF_MONTH_STRLEN];
    int y, m;
    lf_balance_month_at(b->year, b->month, b->nmonths - 1, &y, &m);
    fprintf(fp, "  \"spec\": {\"first_month\": \"%s\", \"last_month\": \"%s\", "
            "\"months\": %zu, ", lf_balance_month_label(b->year, b->month, first),
            lf_balance_month_label(y, m, last), b->nmonths);
    lf_json_put_number(fp, "reserve", b->reserve, ", ");
    lf_json_put_text(fp, "high_quantile", b->high_label, ", ");
    lf_json_put_text(fp, "scenario", b->scenario[0] ? b->scenario : NULL, ", ");
    fprintf(fp, "\"daily_peaks\": %s},\n", b->has_daily ? "true" : "false");
}

static void json_status_counts(FILE *fp, const lf_balance_totals *t)
{
    fputs("\"months_by_status\": {", fp);
    for (int i = 0; i < 4; i++)
        fprintf(fp, "%s\"%s\": %zu", i ? ", " : "", lf_balance_status_name((lf_balance_status)i),
                t->months_by_status[i]);
    fprintf(fp, "}, \"energy_deficit_months\": %zu, \"capacity_deficit_months\": %zu, ",
            t->energy_deficit_months, t->capacity_deficit_months);
}

static void json_totals(FILE *fp, const lf_balance *b)
{
    const lf_balance_totals *t = &b->totals;
    const lf_balance_month *worst = &b->months[t->worst_capacity_month];
    char month[LF_MONTH_STRLEN];
    sink s = {fp, JSON, b->high_label, 0};
    fputs("  \"totals\": {", fp);
    num(&s, "demand_mwh", "p50", t->energy_p50);
    num(&s, "demand_mwh", s.label, t->energy_high);
    num(&s, "own_generation_mwh", NULL, t->own_mwh);
    num(&s, "purchase_mwh", NULL, t->purchase_mwh);
    num(&s, "supply_mwh", NULL, t->supply_mwh);
    num(&s, "energy_balance_mwh", "p50", t->energy_balance_p50);
    num(&s, "energy_balance_mwh", s.label, t->energy_balance_high);
    num(&s, "energy_deficit_mwh", "p50", t->energy_deficit_p50);
    num(&s, "energy_deficit_mwh", s.label, t->energy_deficit_high);
    fputs(", ", fp);
    json_status_counts(fp, t);
    s.nfields = 0;
    text(&s, "worst_capacity_month", lf_balance_month_label(worst->year, worst->month, month));
    num(&s, "worst_capacity_balance_mw", NULL, t->worst_capacity_balance_mw);
    num(&s, "days_at_risk", NULL, t->days_at_risk);
    num(&s, "mw_days_at_risk", NULL, t->mw_days_at_risk);
    fputs("},\n", fp);
}

static int write_json(FILE *fp, const void *vctx)
{
    const lf_balance *b = vctx;
    fputs("{\n", fp);
    json_spec(fp, b);
    json_totals(fp, b);
    lf_json_put_list(fp, "months", b->nmonths, json_month, b, "\n}\n");
    return ferror(fp) != 0;
}

/* ---- public writers ------------------------------------------------------------------ */

/* lf_atomic_write reports whatever fails inside a writer as LF_ERR_IO, so a
 * plan the writers cannot read is refused here, as LF_ERR_ARG. */
static int check_args(const char *path, const lf_balance *b, lf_error *err)
{
    if (!path)
        return lf_error_set(err, LF_ERR_ARG, "writing a balance plan needs a path");
    if (!b || !b->months || b->nmonths == 0 || b->nmonths > LF_BALANCE_MAX_MONTHS ||
        b->totals.worst_capacity_month >= b->nmonths)
        return lf_error_set(err, LF_ERR_ARG, "writing %s needs a plan made by lf_balance_run",
                            path);
    return LF_OK;
}

int lf_balance_write_csv(const char *path, const lf_balance *b, lf_error *err)
{
    int rc = check_args(path, b, err);
    return rc == LF_OK ? lf_atomic_write(path, write_csv, b, err) : rc;
}

int lf_balance_write_json(const char *path, const lf_balance *b, lf_error *err)
{
    int rc = check_args(path, b, err);
    return rc == LF_OK ? lf_atomic_write(path, write_json, b, err) : rc;
}
