/* balance_demand.c - the balance plan's demand from lfc forecast's files
 * (balance.h, "reading lfc forecast's files"): the monthly energy and peak
 * at P50 and a high quantile, and the daily high peak, of one scenario; and
 * pointing a spec at the months and days it plans.  A gap, a repeat or a
 * partial month is an error at file:line:column: nothing is filled in. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/grow.h"
#include "../io/config_internal.h"
#include "balance_internal.h"

static int nomem(const char *path, lf_error *err)
{
    return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s", path);
}

/* ---- what both files share ------------------------------------------------------------ */

typedef struct reader {
    lf_csv *csv;
    const char *path;
    lf_scenario_rows sc;
    long prev_line;       /* the previous row taken, for "given twice" */
} reader;

/* The scenario column is checked here rather than by lf_scenario_rows_begin,
 * whose message speaks of a config key. */
static int open_reader(reader *r, const char *path, const char *scenario, lf_error *err)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->sc.want = scenario;
    if (!(r->csv = lf_csv_open(path, ',', err)))
        return err ? err->code : LF_ERR_IO;
    int rc = lf_csv_read_header(r->csv, err);
    if (rc == LF_OK && scenario && lf_csv_find(r->csv, "scenario") < 0)
        return lf_error_at(err, LF_ERR_NOTFOUND, path, 1, 0, "no 'scenario' column to take "
                           "scenario '%s' from; pass no scenario (NULL) for a file of one "
                           "series", scenario);
    return rc == LF_OK ? lf_scenario_rows_begin(r->csv, &r->sc, "", err) : rc;
}

/* The column base_<high>, such as peak_mw_p90. */
static int require_q(reader *r, const char *base, const char *q, size_t *col, lf_error *err)
{
    char name[64];
    snprintf(name, sizeof name, "%s_%s", base, q);
    return lf_csv_require(r->csv, name, col, err);
}

/* Field col as a number that must be there and not negative. */
static int value(reader *r, size_t col, double *out, lf_error *err)
{
    int missing = 0;
    int rc = lf_csv_number(r->csv, col, out, &missing, err);
    const char *name = lf_csv_header_name(r->csv, col);
    if (rc == LF_OK && missing)
        return lf_csv_error(r->csv, col, err, LF_ERR_DATA, "no value in '%s'", name);
    if (rc == LF_OK && *out < 0)
        return lf_csv_error(r->csv, col, err, LF_ERR_DATA, "'%s' must not be negative, got %g",
                            name, *out);
    return rc;
}

/* The high quantile of a path's measure is never below its median. */
static int ordered(reader *r, size_t p50_col, size_t high_col, double p50, double high,
                   lf_error *err)
{
    if (high >= p50)
        return LF_OK;
    return lf_csv_error(r->csv, high_col, err, LF_ERR_DATA, "'%s' %g is below '%s' %g; the "
                        "high quantile must be at least the P50", lf_csv_header_name(r->csv,
                        high_col), high, lf_csv_header_name(r->csv, p50_col), p50);
}

static int finish_reader(reader *r, size_t n, const char *what, lf_error *err)
{
    int rc = lf_scenario_rows_found(&r->sc, r->path, n, err);
    if (rc == LF_OK && n == 0)
        rc = lf_error_set(err, LF_ERR_DATA, "%s: no %s", r->path, what);
    return rc;
}

static void copy_labels(const reader *r, const char *high, char *scenario, char *label)
{
    snprintf(scenario, LF_SCENARIO_NAME_MAX, "%s", r->sc.scenario);
    snprintf(label, LF_BALANCE_LABEL_MAX, "%s", high);
}

/* ---- the monthly file ------------------------------------------------------------------ */

typedef struct month_row {
    double e50, eh, p50, ph;
} month_row;

typedef struct monthly {
    reader r;
    size_t period, e50, eh, p50, ph;
    long days, calendar_days;     /* -1 when the file has none */
    month_row *rows;
    size_t n, cap;
    int year, month;              /* the first month */
} monthly;

static int monthly_columns(monthly *m, const char *high, lf_error *err)
{
    int rc = lf_csv_require(m->r.csv, "period", &m->period, err);
    if (rc == LF_OK)
        rc = lf_csv_require(m->r.csv, "energy_mwh_p50", &m->e50, err);
    if (rc == LF_OK)
        rc = require_q(&m->r, "energy_mwh", high, &m->eh, err);
    if (rc == LF_OK)
        rc = lf_csv_require(m->r.csv, "peak_mw_p50", &m->p50, err);
    if (rc == LF_OK)
        rc = require_q(&m->r, "peak_mw", high, &m->ph, err);
    m->days = lf_csv_find(m->r.csv, "days");
    m->calendar_days = lf_csv_find(m->r.csv, "calendar_days");
    return rc;
}

/* YYYY-MM exactly: lfc forecast's period of a month. */
static int parse_month(reader *r, size_t col, int *y, int *m, lf_error *err)
{
    const char *s = lf_csv_field(r->csv, col);
    int ok = strlen(s) == 7 && s[4] == '-';
    for (int i = 0; ok && i < 7; i++)
        ok = i == 4 || isdigit((unsigned char)s[i]);
    if (ok) {
        *y = atoi(s);
        *m = atoi(s + 5);
        ok = *y >= 1 && *m >= 1 && *m <= 12;
    }
    if (ok)
        return LF_OK;
    lf_date day;
    int is_day = lf_date_parse(s, &day, NULL) == LF_OK;
    return lf_csv_error(r->csv, col, err, LF_ERR_PARSE, "period '%.40s' is not a month "
                        "YYYY-MM%s", s, is_day ? "; this looks like a daily file (lfc forecast "
                        "writes the months to forecast_monthly.csv)" : "");
}

/* Month y-mo where the next one (step 0) was due: a repeat, a step back or a
 * gap, or one month too many. */
static int month_out_of_line(monthly *m, int y, int mo, long step, lf_error *err)
{
    char got[LF_MONTH_STRLEN], prev[LF_MONTH_STRLEN], want[LF_MONTH_STRLEN];
    char last[LF_MONTH_STRLEN];
    int py, pm, wy, wm, ly, lm;
    lf_balance_month_at(m->year, m->month, m->n - 1, &py, &pm);
    lf_balance_month_at(m->year, m->month, m->n, &wy, &wm);
    lf_balance_month_label(y, mo, got);
    lf_balance_month_label(py, pm, prev);
    lf_balance_month_label(wy, wm, want);
    if (step == 0)
        return lf_csv_error(m->r.csv, m->period, err, LF_ERR_DATA, "%s: more than %d months; a "
                            "balance plan covers at most %d (20 years)", got,
                            LF_BALANCE_MAX_MONTHS, LF_BALANCE_MAX_MONTHS);
    if (step == -1)
        return lf_csv_error(m->r.csv, m->period, err, LF_ERR_DATA, "%s is given twice (first "
                            "on line %ld)", got, m->r.prev_line);
    if (step < 0)
        return lf_csv_error(m->r.csv, m->period, err, LF_ERR_DATA, "%s follows %s: the months "
                            "must be in order", got, prev);
    lf_balance_month_at(wy, wm, (size_t)step - 1, &ly, &lm);
    lf_balance_month_label(ly, lm, last);
    return lf_csv_error(m->r.csv, m->period, err, LF_ERR_DATA, "%s follows %s: %s%s%s %s "
                        "missing; the months must be consecutive", got, prev, want,
                        step > 1 ? " .. " : "", step > 1 ? last : "", step > 1 ? "are" : "is");
}

/* The months follow each other: a gap or a repeat would shift every month
 * after it against the supply. */
static int next_month(monthly *m, int y, int mo, lf_error *err)
{
    if (m->n == 0) {
        m->year = y;
        m->month = mo;
        return LF_OK;
    }
    long step = lf_balance_months_between(m->year, m->month, y, mo) - (long)m->n;
    if (step == 0 && m->n < LF_BALANCE_MAX_MONTHS)
        return LF_OK;
    return month_out_of_line(m, y, mo, step, err);
}

/* A month forecast for part of its days has part of its energy. */
static int whole_month(monthly *m, const char *label, lf_error *err)
{
    double days, calendar_days;
    if (m->days < 0 || m->calendar_days < 0)
        return LF_OK;
    int rc = value(&m->r, (size_t)m->days, &days, err);
    if (rc == LF_OK)
        rc = value(&m->r, (size_t)m->calendar_days, &calendar_days, err);
    if (rc != LF_OK || days == calendar_days)
        return rc;
    return lf_csv_error(m->r.csv, (size_t)m->days, err, LF_ERR_DATA, "%s is forecast for %g "
                        "of its %g days; a balance month is a whole calendar month (forecast "
                        "from its first day to its last)", label, days, calendar_days);
}

static int monthly_row(monthly *m, lf_error *err)
{
    int y = 0, mo = 0;
    char label[LF_MONTH_STRLEN];
    month_row row;
    int rc = parse_month(&m->r, m->period, &y, &mo, err);
    if (rc == LF_OK)
        rc = next_month(m, y, mo, err);
    if (rc == LF_OK)
        rc = whole_month(m, lf_balance_month_label(y, mo, label), err);
    if (rc == LF_OK)
        rc = value(&m->r, m->e50, &row.e50, err);
    if (rc == LF_OK)
        rc = value(&m->r, m->eh, &row.eh, err);
    if (rc == LF_OK)
        rc = value(&m->r, m->p50, &row.p50, err);
    if (rc == LF_OK)
        rc = value(&m->r, m->ph, &row.ph, err);
    if (rc == LF_OK)
        rc = ordered(&m->r, m->e50, m->eh, row.e50, row.eh, err);
    if (rc == LF_OK)
        rc = ordered(&m->r, m->p50, m->ph, row.p50, row.ph, err);
    if (rc != LF_OK)
        return rc;
    month_row *rows = lf_grow(m->rows, m->n, &m->cap, sizeof *rows);
    if (!rows)
        return nomem(m->r.path, err);
    m->rows = rows;
    m->rows[m->n++] = row;
    m->r.prev_line = lf_csv_line(m->r.csv);
    return LF_OK;
}

static int monthly_read(monthly *m, const char *scenario, const char *high, lf_error *err)
{
    int rc = open_reader(&m->r, m->r.path, scenario, err);
    if (rc == LF_OK)
        rc = monthly_columns(m, high, err);
    int has_row = 1;
    while (rc == LF_OK && has_row)
        if ((rc = lf_scenario_rows_next(m->r.csv, &m->r.sc, &has_row, err)) == LF_OK && has_row)
            rc = monthly_row(m, err);
    return rc == LF_OK ? finish_reader(&m->r, m->n, "months", err) : rc;
}

static int demand_of(const monthly *m, const char *high, lf_balance_demand **out, lf_error *err)
{
    lf_balance_demand *d = calloc(1, sizeof *d);
    double *v = d ? malloc(4 * m->n * sizeof *v) : NULL;
    if (!v) {
        free(d);
        return nomem(m->r.path, err);
    }
    /* one block: energy_p50 owns it, the others point into it */
    d->energy_p50 = v;
    d->energy_high = v + m->n;
    d->peak_p50 = v + 2 * m->n;
    d->peak_high = v + 3 * m->n;
    for (size_t k = 0; k < m->n; k++) {
        d->energy_p50[k] = m->rows[k].e50;
        d->energy_high[k] = m->rows[k].eh;
        d->peak_p50[k] = m->rows[k].p50;
        d->peak_high[k] = m->rows[k].ph;
    }
    d->year = m->year;
    d->month = m->month;
    d->nmonths = m->n;
    copy_labels(&m->r, high, d->scenario, d->high_label);
    *out = d;
    return LF_OK;
}

int lf_balance_demand_from_csv(const char *path, const char *scenario, const char *high,
                               lf_balance_demand **out, lf_error *err)
{
    if (!out || !path)
        return lf_error_set(err, LF_ERR_ARG, "lf_balance_demand_from_csv needs a path and "
                            "somewhere to put the demand");
    *out = NULL;
    int rc = lf_balance_check_label(high, err);
    if (rc != LF_OK)
        return rc;
    monthly m;
    memset(&m, 0, sizeof m);
    m.r.path = path;
    rc = monthly_read(&m, scenario, high, err);
    lf_csv_close(m.r.csv);
    if (rc == LF_OK)
        rc = demand_of(&m, high, out, err);
    free(m.rows);
    return rc;
}

void lf_balance_demand_free(lf_balance_demand *d)
{
    if (!d)
        return;
    free(d->energy_p50);
    free(d);
}

/* ---- the daily file ---------------------------------------------------------------------- */

typedef struct daily {
    reader r;
    size_t date, peak;
    double *peaks;
    size_t n, cap;
    lf_date first;
} daily;

/* 'date', or 'period' as lfc forecast names the day of its daily file. */
static int daily_columns(daily *d, const char *high, lf_error *err)
{
    long i = lf_csv_find(d->r.csv, "date");
    if (i < 0)
        i = lf_csv_find(d->r.csv, "period");
    if (i < 0) {
        char list[256];
        lf_config_header_list(d->r.csv, list, sizeof list);
        return lf_error_at(err, LF_ERR_NOTFOUND, d->r.path, 1, 0, "no date column: expected "
                           "one named 'date' (or 'period', as lfc forecast writes it); columns "
                           "are: %s", list);
    }
    d->date = (size_t)i;
    return require_q(&d->r, "peak_mw", high, &d->peak, err);
}

static int next_day(daily *d, lf_date day, lf_error *err)
{
    if (d->n == 0) {
        d->first = day;
        return LF_OK;
    }
    /* 64 bits: the parsed day may lie anywhere in years 1..9999 */
    int64_t step = (int64_t)day - d->first - (int64_t)d->n;
    char got[LF_DATE_STRLEN], prev[LF_DATE_STRLEN], want[LF_DATE_STRLEN];
    lf_date_format(day, got);
    lf_date_format(d->first + (lf_date)d->n - 1, prev);
    lf_date_format(d->first + (lf_date)d->n, want);
    if (step == 0)
        return LF_OK;
    if (step == -1)
        return lf_csv_error(d->r.csv, d->date, err, LF_ERR_DATA, "%s is given twice (first on "
                            "line %ld)", got, d->r.prev_line);
    if (step < 0)
        return lf_csv_error(d->r.csv, d->date, err, LF_ERR_DATA, "%s follows %s: the days must "
                            "be in order", got, prev);
    char last[LF_DATE_STRLEN];
    lf_date_format(day - 1, last);
    return lf_csv_error(d->r.csv, d->date, err, LF_ERR_DATA, "%s follows %s: %s%s%s %s "
                        "missing; the days must be consecutive", got, prev, want,
                        step > 1 ? " .. " : "", step > 1 ? last : "", step > 1 ? "are" : "is");
}

static int daily_row(daily *d, lf_error *err)
{
    lf_error sub;
    lf_date day;
    double peak;
    if (lf_date_parse(lf_csv_field(d->r.csv, d->date), &day, &sub) != LF_OK)
        return lf_csv_error(d->r.csv, d->date, err, sub.code, "%s", sub.message);
    int rc = next_day(d, day, err);
    if (rc == LF_OK)
        rc = value(&d->r, d->peak, &peak, err);
    if (rc != LF_OK)
        return rc;
    double *peaks = lf_grow(d->peaks, d->n, &d->cap, sizeof *peaks);
    if (!peaks)
        return nomem(d->r.path, err);
    d->peaks = peaks;
    d->peaks[d->n++] = peak;
    d->r.prev_line = lf_csv_line(d->r.csv);
    return LF_OK;
}

static int daily_read(daily *d, const char *scenario, const char *high, lf_error *err)
{
    int rc = open_reader(&d->r, d->r.path, scenario, err);
    if (rc == LF_OK)
        rc = daily_columns(d, high, err);
    int has_row = 1;
    while (rc == LF_OK && has_row)
        if ((rc = lf_scenario_rows_next(d->r.csv, &d->r.sc, &has_row, err)) == LF_OK && has_row)
            rc = daily_row(d, err);
    return rc == LF_OK ? finish_reader(&d->r, d->n, "days", err) : rc;
}

int lf_balance_daily_from_csv(const char *path, const char *scenario, const char *high,
                              lf_balance_daily **out, lf_error *err)
{
    if (!out || !path)
        return lf_error_set(err, LF_ERR_ARG, "lf_balance_daily_from_csv needs a path and "
                            "somewhere to put the peaks");
    *out = NULL;
    int rc = lf_balance_check_label(high, err);
    if (rc != LF_OK)
        return rc;
    daily d;
    memset(&d, 0, sizeof d);
    d.r.path = path;
    rc = daily_read(&d, scenario, high, err);
    lf_csv_close(d.r.csv);
    lf_balance_daily *o = rc == LF_OK ? calloc(1, sizeof *o) : NULL;
    if (rc == LF_OK && !o)
        rc = nomem(path, err);
    if (rc != LF_OK) {
        free(d.peaks);
        return rc;
    }
    o->first = d.first;
    o->ndays = d.n;
    o->peak_mw = d.peaks;
    copy_labels(&d.r, high, o->scenario, o->high_label);
    *out = o;
    return LF_OK;
}

void lf_balance_daily_free(lf_balance_daily *d)
{
    if (!d)
        return;
    free(d->peak_mw);
    free(d);
}

/* ---- pointing a spec at them ----------------------------------------------------------- */

/* " (scenario 'base')" or "" into buf. */
static const char *of_scenario(const char *scenario, char *buf, size_t size)
{
    if (!scenario[0])
        return "";
    snprintf(buf, size, " (scenario '%s')", scenario);
    return buf;
}

/* "YYYY-MM" of the month k months after d's first (k may be negative). */
static char *label_at(const lf_balance_demand *d, long k, char *buf)
{
    long i = (long)d->year * 12 + (d->month - 1) + k;
    return lf_balance_month_label((int)(i / 12), (int)(i % 12) + 1, buf);
}

/* Months are counted from d's first: the plan asks for [off, off + n), d has
 * [0, d->nmonths); the message names the first gap. */
static int months_missing(const lf_balance_demand *d, long off, size_t n, lf_error *err)
{
    long have = (long)d->nmonths, end = off + (long)n;
    long a = off < 0 ? off : (off > have ? off : have);
    long z = off < 0 ? (end < 0 ? end : 0) - 1 : end - 1;
    char f[LF_MONTH_STRLEN], l[LF_MONTH_STRLEN], x[LF_MONTH_STRLEN], y[LF_MONTH_STRLEN];
    char ga[LF_MONTH_STRLEN], gz[LF_MONTH_STRLEN], sc[LF_SCENARIO_NAME_MAX + 20];
    char gap[2 * LF_MONTH_STRLEN + 4];
    label_at(d, a, ga);
    snprintf(gap, sizeof gap, a == z ? "%s" : "%s .. %s", ga, label_at(d, z, gz));
    return lf_error_set(err, LF_ERR_ARG, "the demand forecast%s covers %s .. %s; the balance "
                        "plan asks for %s .. %s: %s %s missing",
                        of_scenario(d->scenario, sc, sizeof sc), label_at(d, 0, f),
                        label_at(d, have - 1, l), label_at(d, off, x), label_at(d, end - 1, y),
                        gap, a == z ? "is" : "are");
}

int lf_balance_spec_set_demand(lf_balance_spec *spec, const lf_balance_demand *d, int year,
                               int month, size_t nmonths, lf_error *err)
{
    if (!spec || !d || d->nmonths == 0)
        return lf_error_set(err, LF_ERR_ARG, "lf_balance_spec_set_demand needs a spec and a "
                            "demand read by lf_balance_demand_from_csv");
    if (year == 0) {
        year = d->year;
        month = d->month;
    }
    if (month < 1 || month > 12 || year < 1 || year > 9999)
        return lf_error_set(err, LF_ERR_ARG, "the balance plan's first month %d-%d is not a "
                            "month", year, month);
    if (nmonths > LF_BALANCE_MAX_MONTHS)
        return lf_error_set(err, LF_ERR_ARG, "the balance plan covers at most %d months (20 "
                            "years), got %zu", LF_BALANCE_MAX_MONTHS, nmonths);
    long off = lf_balance_months_between(d->year, d->month, year, month);
    if (nmonths == 0 && off >= 0 && (size_t)off < d->nmonths)
        nmonths = d->nmonths - (size_t)off;
    if (nmonths == 0 || off < 0 || (size_t)off > d->nmonths || nmonths > d->nmonths - (size_t)off)
        return months_missing(d, off, nmonths ? nmonths : 1, err);
    spec->year = year;
    spec->month = month;
    spec->nmonths = nmonths;
    spec->energy_p50 = d->energy_p50 + off;
    spec->energy_high = d->energy_high + off;
    spec->peak_p50 = d->peak_p50 + off;
    spec->peak_high = d->peak_high + off;
    spec->high_label = d->high_label;
    spec->scenario = d->scenario[0] ? d->scenario : NULL;
    return LF_OK;
}

/* Daily peaks of another scenario or quantile than the months would count
 * days at risk the months do not show. */
static int same_source(const lf_balance_spec *spec, const lf_balance_daily *d, lf_error *err)
{
    if (spec->high_label && strcasecmp(spec->high_label, d->high_label) != 0)
        return lf_error_set(err, LF_ERR_ARG, "the daily peaks are at %s, the monthly demand at "
                            "%s: read both at one quantile", d->high_label, spec->high_label);
    if (spec->scenario && spec->scenario[0] && d->scenario[0] &&
        strcmp(spec->scenario, d->scenario) != 0)
        return lf_error_set(err, LF_ERR_ARG, "the daily peaks are of scenario '%s', the "
                            "monthly demand of '%s': read both of one scenario", d->scenario,
                            spec->scenario);
    return LF_OK;
}

static int days_missing(const lf_balance_daily *d, lf_date start, lf_date end, lf_error *err)
{
    lf_date have_end = d->first + (lf_date)d->ndays;
    /* the first gap: before the peaks begin, else after they end */
    lf_date a = d->first > start ? start : (have_end > start ? have_end : start);
    lf_date z = d->first > start ? (d->first < end ? d->first : end) - 1 : end - 1;
    char f[LF_DATE_STRLEN], l[LF_DATE_STRLEN], s[LF_DATE_STRLEN], e[LF_DATE_STRLEN];
    char gap[2 * LF_DATE_STRLEN + 4], sc[LF_SCENARIO_NAME_MAX + 20];
    lf_date_format(d->first, f);
    lf_date_format(have_end - 1, l);
    lf_date_format(start, s);
    lf_date_format(end - 1, e);
    lf_date_format(a, gap);
    if (z != a) {
        strcat(gap, " .. ");
        lf_date_format(z, gap + strlen(gap));
    }
    return lf_error_set(err, LF_ERR_ARG, "the daily peaks%s cover %s .. %s; the balance months "
                        "need every day of %s .. %s: %s %s missing",
                        of_scenario(d->scenario, sc, sizeof sc), f, l, s, e, gap,
                        a == z ? "is" : "are");
}

int lf_balance_spec_set_daily(lf_balance_spec *spec, const lf_balance_daily *d, lf_error *err)
{
    if (!spec || !d || d->ndays == 0)
        return lf_error_set(err, LF_ERR_ARG, "lf_balance_spec_set_daily needs a spec and daily "
                            "peaks read by lf_balance_daily_from_csv");
    int rc = lf_balance_check_horizon(spec, err);
    if (rc != LF_OK)
        return lf_error_prefix(err, rc, "set the balance months before the daily peaks: ");
    if ((rc = same_source(spec, d, err)) != LF_OK)
        return rc;
    lf_date start = lf_balance_first_day(spec->year, spec->month);
    lf_date end = lf_balance_end_day(spec->year, spec->month, spec->nmonths);
    if (d->first > start || (int64_t)d->first + (int64_t)d->ndays < end)
        return days_missing(d, start, end, err);
    spec->daily_first = start;
    spec->ndays = (size_t)(end - start);
    spec->daily_peak_mw = d->peak_mw + (start - d->first);
    if (!spec->high_label)
        spec->high_label = d->high_label;
    return LF_OK;
}
