/* config_tariff_data.c - what the config's 'tariff' section describes, read
 * from the files it names when the advice is made (lf_config_tariff_load):
 * the tariffs, each account's interval load in kW with the days billed, and
 * the peak quantiles of a forecast file for the declared-demand plan.
 * Nothing is filled in: an interval without a value inside the billed days is
 * an error naming the customer, the day and the time. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/suggest.h"
#include "libforecast/csv.h"
#include "config_internal.h"

#define QUANTILE_PREFIX "peak_mw_p"

static int nomem(lf_error *err)
{
    return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading the tariff inputs");
}

/* ---- the account's tariffs are in their files ----------------------------------------- */

/* The distinct ids of set, ", "-separated, into list; ids[] gets them. */
static size_t tariff_ids(const lf_tariff_set *set, const char **ids, char *list, size_t size)
{
    size_t n = 0;
    list[0] = '\0';
    for (size_t i = 0; i < set->n; i++) {
        size_t j = 0;
        while (j < n && strcmp(ids[j], set->tariffs[i].id))
            j++;
        if (j < n)
            continue;
        ids[n++] = set->tariffs[i].id;
        size_t used = strlen(list);
        snprintf(list + used, size - used, "%s%s", n > 1 ? ", " : "", set->tariffs[i].id);
    }
    return n;
}

/* id (the account's `what` tariff, at line:col of the config) is in set;
 * else an error with a suggestion, then `advice`. */
static int check_id(const lf_config *cfg, const lf_config_tariff_account *a, const char *what,
                    const char *id, long line, long col, const lf_tariff_set *set,
                    const char *advice, lf_error *err)
{
    const char **ids = malloc((set->n + 1) * sizeof *ids);
    if (!ids)
        return nomem(err);
    char list[512], hint[120];
    size_t n = tariff_ids(set, ids, list, sizeof list), j = 0;
    while (j < n && strcmp(ids[j], id))
        j++;
    if (j == n)
        lf_suggest_hint(hint, sizeof hint, id, ids, n);
    free(ids);
    if (j < n)
        return LF_OK;
    return lf_error_at(err, LF_ERR_CONFIG, cfg->path, line, col, "customer %s's %s tariff '%s' "
                       "is not in %s%s; %sits tariffs are: %s", a->customer, what, id,
                       set->source, hint, advice, list);
}

/* The current tariff is in the tariff file, and the proposed one (by
 * default the current id) in the proposed file. */
static int check_ids(const lf_config *cfg, const lf_config_tariff_account *a,
                     const lf_config_tariff_input *in, lf_error *err)
{
    int rc = LF_OK;
    if (a->current)
        rc = check_id(cfg, a, "current", a->current, a->current_line, a->current_col,
                      in->tariffs, "", err);
    if (rc != LF_OK || !in->proposed)
        return rc;
    if (a->proposed_tariff)
        return check_id(cfg, a, "proposed", a->proposed_tariff, a->proposed_line,
                        a->proposed_col, in->proposed, "", err);
    return check_id(cfg, a, "current", a->current, a->current_line, a->current_col,
                    in->proposed, "give 'proposed_tariff' for the tariff of the proposed "
                    "table it would be on; ", err);
}

/* ---- an account's load ---------------------------------------------------------------- */

/* 5-minute readings averaged to the 15-minute demand a meter bills (and a
 * tariff reads); NaN stays NaN. */
static void to_quarter_hours(lf_interval_series *s)
{
    size_t n = s->n / 3;
    for (size_t i = 0; i < n; i++)
        s->values[i] = (s->values[3 * i] + s->values[3 * i + 1] + s->values[3 * i + 2]) / 3;
    s->n = n;
    s->minutes = 15;
}

static int day_complete(const double *kw, size_t per_day)
{
    for (size_t k = 0; k < per_day; k++)
        if (isnan(kw[k]))
            return 0;
    return 1;
}

/* The account's series in kW, its incomplete first and last day dropped. */
static int read_series(const lf_config *cfg, lf_config_tariff_customer *c, lf_error *err)
{
    const lf_config_source *src = &cfg->customers[c->account->customer_index];
    lf_interval_series s;
    int rc = lf_ingest_interval_series(&src->spec, 0, &s, NULL, err);
    if (rc != LF_OK)
        return lf_error_prefix(err, rc, "customer %s: ", c->account->customer);
    if (s.minutes == 5)
        to_quarter_hours(&s);
    if (s.minutes != 15 && s.minutes != 30 && s.minutes != 60) {
        lf_interval_series_free(&s);
        return lf_error_set(err, LF_ERR_DATA, "%s: customer %s's load is in %d-minute "
                            "intervals; a bill reads 15, 30 or 60 minutes (or 5, averaged to "
                            "15)", src->spec.path, c->account->customer, s.minutes);
    }
    for (size_t i = 0; i < s.n; i++)
        s.values[i] *= 1000; /* MW -> kW */
    size_t per_day = (size_t)(1440 / s.minutes), d0 = 0, d1 = s.n / per_day;
    if (d1 > d0 && !day_complete(s.values, per_day))
        d0++;
    if (d1 > d0 && !day_complete(s.values + (d1 - 1) * per_day, per_day))
        d1--;
    c->kw_ = s.values;
    c->series.first = s.first + (lf_date)d0;
    c->series.minutes = s.minutes;
    c->series.n = (d1 - d0) * per_day;
    c->series.kw = s.values + d0 * per_day;
    if (d1 > d0)
        return LF_OK;
    return lf_error_set(err, LF_ERR_DATA, "%s: customer %s has no whole day of load",
                        src->spec.path, c->account->customer);
}

static lf_date month_first(lf_date d)
{
    return lf_date_from_ymd(lf_date_year(d), lf_date_month(d), 1);
}

/* The last 12 whole calendar months of days a .. b (fewer when there are
 * fewer). */
static int last_whole_months(const lf_config *cfg, const lf_config_tariff_customer *c,
                             lf_date a, lf_date b, lf_date *first, lf_date *last,
                             lf_error *err)
{
    lf_date start = a == month_first(a) ? a : lf_date_add_months(month_first(a), 1);
    lf_date end = month_first(b + 1); /* the day after the last whole month */
    if (end <= start) {
        char x[LF_DATE_STRLEN], y[LF_DATE_STRLEN];
        lf_date_format(a, x);
        lf_date_format(b, y);
        return lf_error_set(err, LF_ERR_DATA, "%s: customer %s's load (whole days %s .. %s) "
                            "covers no whole month; give the days to bill with 'first' and "
                            "'last' in 'tariff'", cfg->path, c->account->customer, x, y);
    }
    lf_date from = lf_date_add_months(end, -12);
    *first = from > start ? from : start;
    *last = end - 1;
    return LF_OK;
}

static int choose_days(const lf_config *cfg, lf_config_tariff_customer *c, lf_error *err)
{
    const lf_config_tariff *t = &cfg->tariff;
    size_t per_day = (size_t)(1440 / c->series.minutes);
    lf_date a = c->series.first, b = a + (lf_date)(c->series.n / per_day) - 1;
    int rc = LF_OK;
    if (!t->has_first && !t->has_last) {
        rc = last_whole_months(cfg, c, a, b, &c->first, &c->last, err);
    } else {
        c->first = t->has_first ? t->first : a;
        c->last = t->has_last ? t->last : b;
    }
    if (rc != LF_OK)
        return rc;
    char x[LF_DATE_STRLEN], y[LF_DATE_STRLEN], u[LF_DATE_STRLEN], v[LF_DATE_STRLEN];
    lf_date_format(c->first, x);
    lf_date_format(c->last, y);
    lf_date_format(a, u);
    lf_date_format(b, v);
    if (c->first < a || c->last > b || c->last < c->first)
        return lf_error_set(err, LF_ERR_DATA, "%s: 'tariff' bills %s .. %s, but customer %s's "
                            "load in %s has whole days %s .. %s only", cfg->path, x, y,
                            c->account->customer,
                            cfg->customers[c->account->customer_index].spec.path, u, v);
    c->billed = c->series;
    c->billed.first = c->first;
    c->billed.kw = c->series.kw + (size_t)(c->first - a) * per_day;
    c->billed.n = (size_t)(c->last - c->first + 1) * per_day;
    for (size_t i = 0; i < c->billed.n; i++) {
        if (!isnan(c->billed.kw[i]))
            continue;
        char day[LF_DATE_STRLEN];
        int minute = (int)(i % per_day) * c->series.minutes;
        lf_date_format(c->first + (lf_date)(i / per_day), day);
        return lf_error_set(err, LF_ERR_DATA, "%s: customer %s has no load in the interval "
                            "starting %s %02d:%02d, inside the billed days %s .. %s (a gap longer than "
                            "max_gap_intervals, or an empty value); a bill is not made from "
                            "filled-in load", cfg->customers[c->account->customer_index].spec.path,
                            c->account->customer, day, minute / 60, minute % 60, x, y);
    }
    c->plan_year = t->has_plan_year ? t->plan_year : lf_date_year(c->last) + 1;
    return LF_OK;
}

/* ---- the forecast file: peak quantiles per month ----------------------------------------- */

typedef struct forecast {
    const char *path;
    lf_scenario_rows scenario;         /* the rows read: of the one asked for, or the first */
    size_t nrows;                      /* rows of the scenario */
    size_t ncol;
    size_t col[LF_CONFIG_QUANTILES_MAX];   /* quantile columns by increasing p */
    long month_line[12];               /* where each plan month was read */
} forecast;

/* "peak_mw_p10" -> 0.1; 0 for other names. */
static double quantile_of(const char *name)
{
    size_t n = strlen(QUANTILE_PREFIX);
    if (strncmp(name, QUANTILE_PREFIX, n) != 0 || !name[n])
        return 0;
    char *end;
    double pct = strtod(name + n, &end);
    return *end || !(pct > 0 && pct < 100) ? 0 : pct / 100;
}

static int find_quantiles(const lf_csv *csv, forecast *f, lf_config_tariff_customer *c,
                          lf_error *err)
{
    f->ncol = 0;
    for (size_t k = 0; k < lf_csv_header_count(csv); k++) {
        double p = quantile_of(lf_csv_header_name(csv, k));
        if (p == 0)
            continue;
        if (f->ncol == LF_CONFIG_QUANTILES_MAX)
            return lf_error_at(err, LF_ERR_DATA, f->path, 1, 0, "more than %d %sXX columns",
                               LF_CONFIG_QUANTILES_MAX, QUANTILE_PREFIX);
        size_t j = f->ncol++; /* insertion by p */
        while (j > 0 && c->quantile_p[j - 1] > p) {
            c->quantile_p[j] = c->quantile_p[j - 1];
            f->col[j] = f->col[j - 1];
            j--;
        }
        if (j > 0 && c->quantile_p[j - 1] == p)
            return lf_error_at(err, LF_ERR_DATA, f->path, 1, 0, "two columns hold the %g%% "
                               "quantile of the peak", 100 * p);
        c->quantile_p[j] = p;
        f->col[j] = k;
    }
    c->nquantiles = f->ncol;
    if (f->ncol)
        return LF_OK;
    char list[512];
    lf_config_header_list(csv, list, sizeof list);
    return lf_error_at(err, LF_ERR_NOTFOUND, f->path, 1, 0, "no peak quantile column: "
                       "expected columns named %sXX (peak_mw_p10, peak_mw_p50, peak_mw_p90 as "
                       "lfc forecast writes them); columns are: %s", QUANTILE_PREFIX, list);
}

/* "2025-07" (or a day of it) -> year and month; 0 when it is neither. */
static int parse_month(const char *text, int *year, int *month)
{
    char buf[16];
    lf_date d;
    if (strlen(text) == 7 && snprintf(buf, sizeof buf, "%s-01", text) == 10 &&
        lf_date_parse(buf, &d, NULL) == LF_OK) {
        *year = lf_date_year(d);
        *month = lf_date_month(d);
        return 1;
    }
    return 0;
}

/* The quantiles of one row of the plan year: all present or none. */
static int month_values(lf_csv *csv, forecast *f, int month, lf_config_tariff_customer *c,
                        lf_error *err)
{
    double kw[LF_CONFIG_QUANTILES_MAX];
    size_t missing = 0, first_missing = 0;
    for (size_t j = 0; j < f->ncol; j++) {
        int gone = 0;
        int rc = lf_csv_number(csv, f->col[j], &kw[j], &gone, err);
        if (rc != LF_OK)
            return rc;
        if (gone && !missing++)
            first_missing = j;
        if (gone)
            continue;
        if (kw[j] < 0)
            return lf_csv_error(csv, f->col[j], err, LF_ERR_DATA, "'%s' must not be negative, "
                                "got %g", lf_csv_header_name(csv, f->col[j]), kw[j]);
        kw[j] *= 1000; /* MW -> kW */
    }
    if (missing == f->ncol)
        return LF_OK; /* a month without values: reported, not an error */
    if (missing)
        return lf_csv_error(csv, f->col[first_missing], err, LF_ERR_DATA, "no value in '%s' "
                            "while the row's other quantiles have one; give every quantile "
                            "of the month or none",
                            lf_csv_header_name(csv, f->col[first_missing]));
    for (size_t j = 1; j < f->ncol; j++)
        if (kw[j] < kw[j - 1])
            return lf_csv_error(csv, f->col[j], err, LF_ERR_DATA, "'%s' (%g MW) is below '%s' "
                                "(%g MW); quantiles must not decrease",
                                lf_csv_header_name(csv, f->col[j]), kw[j] / 1000,
                                lf_csv_header_name(csv, f->col[j - 1]), kw[j - 1] / 1000);
    memcpy(c->month_kw[month - 1], kw, f->ncol * sizeof *kw);
    c->month_nquantiles[month - 1] = f->ncol;
    return LF_OK;
}

static int forecast_row(lf_csv *csv, size_t period_col, forecast *f,
                        lf_config_tariff_customer *c, lf_error *err)
{
    int year, month;
    const char *text = lf_csv_field(csv, period_col);
    if (!parse_month(text, &year, &month))
        return lf_csv_error(csv, period_col, err, LF_ERR_PARSE, "'%.40s' is not a month "
                            "YYYY-MM", text);
    f->nrows++;
    if (year != c->plan_year)
        return LF_OK;
    if (f->month_line[month - 1])
        return lf_csv_error(csv, period_col, err, LF_ERR_DATA, "%04d-%02d is given twice "
                            "(first on line %ld)", year, month, f->month_line[month - 1]);
    f->month_line[month - 1] = lf_csv_line(csv);
    return month_values(csv, f, month, c, err);
}

static int forecast_rows(lf_csv *csv, forecast *f, lf_config_tariff_customer *c, lf_error *err)
{
    size_t period_col = 0;
    int rc = lf_csv_read_header(csv, err);
    if (rc == LF_OK)
        rc = lf_csv_require(csv, "period", &period_col, err);
    if (rc == LF_OK)
        rc = find_quantiles(csv, f, c, err);
    if (rc == LF_OK)
        rc = lf_scenario_rows_begin(csv, &f->scenario, "declared_from", err);
    int has_row = 1;
    while (rc == LF_OK && has_row)
        if ((rc = lf_scenario_rows_next(csv, &f->scenario, &has_row, err)) == LF_OK && has_row)
            rc = forecast_row(csv, period_col, f, c, err);
    return rc;
}

/* After the rows: the scenario was there, and some month of the plan year
 * has values. */
static int forecast_found(const forecast *f, const lf_config_tariff_customer *c, lf_error *err)
{
    int rc = lf_scenario_rows_found(&f->scenario, f->path, f->nrows, err);
    if (rc != LF_OK)
        return rc;
    for (int m = 0; m < 12; m++)
        if (c->month_nquantiles[m])
            return LF_OK;
    char of[LF_SCENARIO_NAME_MAX + 20];
    return lf_error_set(err, LF_ERR_DATA, "%s: no month of %d%s has peak quantiles; customer "
                        "%s's declared-demand plan for %d needs at least one", f->path,
                        c->plan_year, lf_scenario_rows_of(&f->scenario, of, sizeof of),
                        c->account->customer, c->plan_year);
}

static int read_forecast(lf_config_tariff_customer *c, lf_error *err)
{
    const lf_config_tariff_account *a = c->account;
    forecast f;
    memset(&f, 0, sizeof f);
    f.path = a->forecast_file;
    f.scenario.want = a->forecast_scenario;
    lf_csv *csv = lf_csv_open(f.path, ',', err);
    if (!csv)
        return lf_error_prefix(err, err->code, "the forecast of customer %s: ", a->customer);
    int rc = forecast_rows(csv, &f, c, err);
    lf_csv_close(csv);
    if (rc == LF_OK)
        rc = forecast_found(&f, c, err);
    snprintf(c->scenario, sizeof c->scenario, "%s", f.scenario.scenario);
    return rc;
}

/* ---- the whole input ------------------------------------------------------------------ */

void lf_config_tariff_free(lf_config_tariff_input *in)
{
    if (!in)
        return;
    for (size_t i = 0; in->accounts && i < in->naccounts; i++)
        free(in->accounts[i].kw_);
    free(in->accounts);
    lf_calendar_free(in->calendar);
    lf_tariff_set_free(in->tariffs);
    lf_tariff_set_free(in->proposed);
    free(in);
}

static int read_account(const lf_config *cfg, lf_config_tariff_customer *c, lf_error *err)
{
    int rc = read_series(cfg, c, err);
    if (rc == LF_OK)
        rc = choose_days(cfg, c, err);
    if (rc == LF_OK && c->account->declared_from == LF_DECLARED_FROM_FORECAST)
        rc = read_forecast(c, err);
    return rc;
}

/* The calendar over every year of load and every plan year. */
static int build_calendar(const lf_config *cfg, lf_config_tariff_input *in, lf_error *err)
{
    int first = 9999, last = 0;
    for (size_t i = 0; i < in->naccounts; i++) {
        const lf_config_tariff_customer *c = &in->accounts[i];
        size_t per_day = (size_t)(1440 / c->series.minutes);
        int y0 = lf_date_year(c->series.first);
        int y1 = lf_date_year(c->series.first + (lf_date)(c->series.n / per_day) - 1);
        first = y0 < first ? y0 : first;
        last = y1 > last ? y1 : last;
        last = c->plan_year > last ? c->plan_year : last;
    }
    return lf_config_build_calendar(cfg, first, last, &in->calendar, err);
}

static int read_inputs(const lf_config *cfg, lf_config_tariff_input *in, lf_error *err)
{
    const lf_config_tariff *t = &cfg->tariff;
    int rc = lf_tariff_set_load(t->tariffs, &in->tariffs, err);
    if (rc != LF_OK)
        return rc == LF_ERR_IO ? lf_error_prefix(err, rc, "the tariffs of 'tariff': ") : rc;
    if (t->proposed && (rc = lf_tariff_set_load(t->proposed, &in->proposed, err)) != LF_OK)
        return rc == LF_ERR_IO ? lf_error_prefix(err, rc, "the proposed tariffs of 'tariff': ")
                               : rc;
    for (size_t i = 0; i < t->naccounts && rc == LF_OK; i++)
        rc = check_ids(cfg, &t->accounts[i], in, err);
    in->accounts = calloc(t->naccounts, sizeof *in->accounts);
    if (rc == LF_OK && !in->accounts)
        rc = nomem(err);
    for (size_t i = 0; i < t->naccounts && rc == LF_OK; i++) {
        lf_config_tariff_customer *c = &in->accounts[i];
        c->account = &t->accounts[i];
        c->name = cfg->customers[t->accounts[i].customer_index].name;
        in->naccounts = i + 1;
        rc = read_account(cfg, c, err);
    }
    if (rc == LF_OK)
        rc = build_calendar(cfg, in, err);
    return rc;
}

int lf_config_tariff_load(const lf_config *cfg, lf_config_tariff_input **out, lf_error *err)
{
    lf_error local;
    if (!err)
        err = &local; /* the readers return err->code */
    if (!cfg || !out)
        return lf_error_set(err, LF_ERR_ARG, "lf_config_tariff_load needs cfg and out");
    *out = NULL;
    if (!cfg->has_tariff)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: no 'tariff' section; its keys are in "
                            "include/libforecast/config.h", cfg->path);
    lf_config_tariff_input *in = calloc(1, sizeof *in);
    if (!in)
        return nomem(err);
    int rc = read_inputs(cfg, in, err);
    if (rc != LF_OK) {
        lf_config_tariff_free(in);
        return rc;
    }
    *out = in;
    return LF_OK;
}
