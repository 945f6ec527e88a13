/* config_peakshift_data.c - the days the config's 'peakshift' section
 * describes, read from the files it names when a schedule is made
 * (lf_config_peakshift_load): the daily peak forecast, the supply limit (one
 * number, one per month or a daily file) and the peak windows of an intraday
 * profile.  A scheduled day missing from a file is an error naming the file
 * and the day: nothing is filled in, shifted or skipped. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/grow.h"
#include "libforecast/csv.h"
#include "config_internal.h"

/* One row of a daily file. */
typedef struct day_value {
    lf_date date;
    double v;                 /* NaN: the file leaves it empty */
    long line, column;
} day_value;

typedef struct daily {
    const char *what;         /* "demand", "limit": which key of 'peakshift' names it */
    const char *path, *column;
    lf_scenario_rows scenario; /* the rows read: of the one asked for, or the first */
    day_value *rows;          /* sorted by date once read */
    size_t n, cap;
} daily;

static int nomem(lf_error *err)
{
    return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading the peak-shift inputs");
}

/* 'date', or 'period' as lfc forecast names the day of its daily file. */
static int find_date_column(const lf_csv *csv, size_t *out, lf_error *err)
{
    long i = lf_csv_find(csv, "date");
    if (i < 0)
        i = lf_csv_find(csv, "period");
    if (i >= 0) {
        *out = (size_t)i;
        return LF_OK;
    }
    char list[256];
    lf_config_header_list(csv, list, sizeof list);
    return lf_error_at(err, LF_ERR_NOTFOUND, lf_csv_path(csv), 1, 0, "no date column: "
                       "expected one named 'date' (or 'period', as lfc forecast writes it); "
                       "columns are: %s", list);
}

static int read_row(lf_csv *csv, size_t date_col, size_t value_col, daily *d, lf_error *err)
{
    lf_error sub;
    day_value row;
    if (lf_date_parse(lf_csv_field(csv, date_col), &row.date, &sub) != LF_OK)
        return lf_csv_error(csv, date_col, err, sub.code, "%s", sub.message);
    int rc = lf_csv_number(csv, value_col, &row.v, NULL, err);
    if (rc != LF_OK)
        return rc;
    if (row.v < 0)
        return lf_csv_error(csv, value_col, err, LF_ERR_DATA, "'%s' must not be negative, got "
                            "%g", d->column, row.v);
    row.line = lf_csv_line(csv);
    row.column = lf_csv_column(csv, value_col);
    day_value *rows = lf_grow(d->rows, d->n, &d->cap, sizeof *rows);
    if (!rows)
        return nomem(err);
    d->rows = rows;
    d->rows[d->n++] = row;
    return LF_OK;
}

static int read_rows(lf_csv *csv, daily *d, lf_error *err)
{
    size_t date_col = 0, value_col = 0;
    int rc = lf_csv_read_header(csv, err);
    if (rc == LF_OK)
        rc = find_date_column(csv, &date_col, err);
    if (rc == LF_OK)
        rc = lf_csv_require(csv, d->column, &value_col, err);
    if (rc == LF_OK)
        rc = lf_scenario_rows_begin(csv, &d->scenario, "peakshift.demand", err);
    int has_row = 1;
    while (rc == LF_OK && has_row)
        if ((rc = lf_scenario_rows_next(csv, &d->scenario, &has_row, err)) == LF_OK && has_row)
            rc = read_row(csv, date_col, value_col, d, err);
    return rc;
}

static int by_date(const void *a, const void *b)
{
    const day_value *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* Read a daily file and sort its rows; a day given twice is an error. */
static int read_daily(daily *d, lf_error *err)
{
    lf_csv *csv = lf_csv_open(d->path, ',', err);
    if (!csv)
        return lf_error_prefix(err, err->code, "the %s file of 'peakshift': ", d->what);
    int rc = read_rows(csv, d, err);
    lf_csv_close(csv);
    char buf[LF_SCENARIO_NAME_MAX + 20];
    if (rc == LF_OK)
        rc = lf_scenario_rows_found(&d->scenario, d->path, d->n, err);
    if (rc == LF_OK && d->n == 0)
        return lf_error_set(err, LF_ERR_DATA, "%s: no rows", d->path);
    if (rc != LF_OK)
        return rc;
    qsort(d->rows, d->n, sizeof *d->rows, by_date);
    for (size_t i = 1; i < d->n; i++)
        if (d->rows[i].date == d->rows[i - 1].date) {
            char day[LF_DATE_STRLEN];
            lf_date_format(d->rows[i].date, day);
            return lf_error_at(err, LF_ERR_DATA, d->path, d->rows[i].line, 0, "%s%s is given "
                               "twice (first on line %ld)", day,
                               lf_scenario_rows_of(&d->scenario, buf, sizeof buf),
                               d->rows[i - 1].line);
        }
    return LF_OK;
}

/* out[t] = the file's value on day first + t; every day must have one. */
static int place(const daily *d, lf_date first, size_t ndays, double *out, lf_error *err)
{
    char day[LF_DATE_STRLEN], a[LF_DATE_STRLEN], b[LF_DATE_STRLEN], buf[LF_SCENARIO_NAME_MAX + 20];
    size_t k = 0, missing = 0;
    lf_date first_missing = 0, last_missing = 0;
    for (size_t t = 0; t < ndays; t++) {
        lf_date date = first + (lf_date)t;
        while (k < d->n && d->rows[k].date < date)
            k++;
        if (k == d->n || d->rows[k].date != date) {
            first_missing = missing++ ? first_missing : date;
            last_missing = date;
            continue;
        }
        if (isnan(d->rows[k].v)) {
            lf_date_format(date, day);
            return lf_error_at(err, LF_ERR_DATA, d->path, d->rows[k].line, d->rows[k].column,
                               "no value in '%s' on %s, a scheduled day", d->column, day);
        }
        out[t] = d->rows[k].v;
    }
    if (!missing)
        return LF_OK;
    char more[80] = "";
    lf_date_format(first_missing, day);
    lf_date_format(first, a);
    lf_date_format(first + (lf_date)ndays - 1, b);
    if (missing > 1) {
        char last[LF_DATE_STRLEN];
        lf_date_format(last_missing, last);
        snprintf(more, sizeof more, "; %zu scheduled days are missing, the last %s", missing,
                 last);
    }
    return lf_error_set(err, LF_ERR_DATA, "%s: no row%s for %s, a scheduled day (%s .. %s)%s",
                        d->path, lf_scenario_rows_of(&d->scenario, buf, sizeof buf), day, a, b,
                        more);
}

/* ---- the days and the limit ---------------------------------------------------------- */

static int choose_days(const lf_config *cfg, const daily *demand, lf_config_peakshift_input *in,
                       lf_error *err)
{
    const lf_config_peakshift *ps = &cfg->peakshift;
    lf_date first = ps->has_first ? ps->first : demand->rows[0].date;
    lf_date last = ps->has_last ? ps->last : demand->rows[demand->n - 1].date;
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    lf_date_format(first, a);
    lf_date_format(last, b);
    if (last < first)
        return lf_error_set(err, LF_ERR_DATA, "%s: 'peakshift' has no days to schedule: it "
                            "would start on %s%s%s and end on %s%s%s", cfg->path, a,
                            ps->has_first ? "" : ", the first day of ",
                            ps->has_first ? "" : demand->path, b,
                            ps->has_last ? "" : ", the last day of ",
                            ps->has_last ? "" : demand->path);
    if (last - first >= LF_PEAKSHIFT_MAX_DAYS)
        return lf_error_set(err, LF_ERR_DATA, "%s: 'peakshift' schedules at most %d days, got "
                            "%s .. %s", cfg->path, LF_PEAKSHIFT_MAX_DAYS, a, b);
    in->spec.first = first;
    in->spec.last = last;
    in->ndays = (size_t)(last - first) + 1;
    double **arrays[4] = {&in->peak_mw, &in->limit_mw, &in->window_hours, &in->window_start};
    for (int k = 0; k < 4; k++)
        if (!(*arrays[k] = calloc(in->ndays, sizeof **arrays[k])))
            return nomem(err);
    return LF_OK;
}

static int monthly_limits(const lf_config *cfg, lf_config_peakshift_input *in, lf_error *err)
{
    const lf_config_peakshift *ps = &cfg->peakshift;
    for (size_t t = 0; t < in->ndays; t++) {
        int y, m, d;
        lf_date_to_ymd(in->spec.first + (lf_date)t, &y, &m, &d);
        size_t k = 0;
        while (k < ps->nlimit_months &&
               (ps->limit_months[k].year != y || ps->limit_months[k].month != m))
            k++;
        if (k == ps->nlimit_months) {
            char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
            lf_date_format(in->spec.first, a);
            lf_date_format(in->spec.last, b);
            return lf_error_at(err, LF_ERR_CONFIG, cfg->path, ps->limit_line, ps->limit_col,
                               "'limit_mw' in 'peakshift' has no limit for %04d-%02d, a month "
                               "of the schedule (%s .. %s); every scheduled month needs one",
                               y, m, a, b);
        }
        in->limit_mw[t] = ps->limit_months[k].mw;
    }
    return LF_OK;
}

static int read_limits(const lf_config *cfg, lf_config_peakshift_input *in, lf_error *err)
{
    const lf_config_peakshift *ps = &cfg->peakshift;
    if (ps->limit_kind == LF_LIMIT_CONSTANT) {
        for (size_t t = 0; t < in->ndays; t++)
            in->limit_mw[t] = ps->limit_mw;
        return LF_OK;
    }
    if (ps->limit_kind == LF_LIMIT_MONTHLY)
        return monthly_limits(cfg, in, err);
    daily limit = {.what = "limit", .path = ps->limit_file, .column = ps->limit_column};
    int rc = read_daily(&limit, err);
    if (rc == LF_OK)
        rc = place(&limit, in->spec.first, in->ndays, in->limit_mw, err);
    free(limit.rows);
    return rc;
}

/* ---- the profile: peak windows --------------------------------------------------------- */

typedef struct slot {
    lf_date date;
    int second;               /* of the day: when the interval starts */
    double mw;
    long line;
} slot;

typedef struct profile {
    const char *path, *column;
    lf_date first, last;      /* the days kept */
    slot *rows;
    size_t n, cap;
} profile;

/* "14:30" -> seconds of the day; 24:00 and beyond are not a start. */
static int parse_clock(const char *text, int *second)
{
    char buf[48];
    lf_time t;
    if (snprintf(buf, sizeof buf, "2000-01-01 %s", text) >= (int)sizeof buf ||
        lf_time_parse(buf, &t, NULL) != LF_OK ||
        lf_time_date(t) != lf_date_from_ymd(2000, 1, 1))
        return 0;
    *second = lf_time_second_of_day(t);
    return 1;
}

/* Date and start of the row: date + time of day, or time holding both. */
static int row_time(lf_csv *csv, long date_col, size_t time_col, slot *s, lf_error *err)
{
    lf_error sub;
    const char *time = lf_csv_field(csv, time_col);
    if (date_col < 0) {
        lf_time t;
        if (lf_time_parse(time, &t, &sub) != LF_OK)
            return lf_csv_error(csv, time_col, err, sub.code, "%s", sub.message);
        s->date = lf_time_date(t);
        s->second = lf_time_second_of_day(t);
        return LF_OK;
    }
    if (lf_date_parse(lf_csv_field(csv, (size_t)date_col), &s->date, &sub) != LF_OK)
        return lf_csv_error(csv, (size_t)date_col, err, sub.code, "%s", sub.message);
    if (!parse_clock(time, &s->second))
        return lf_csv_error(csv, time_col, err, LF_ERR_PARSE, "'%.40s' is not a time of day "
                            "HH:MM from 00:00 to 23:59 (the interval's start)", time);
    return LF_OK;
}

static int profile_row(lf_csv *csv, long date_col, size_t time_col, size_t value_col,
                       profile *p, lf_error *err)
{
    slot s;
    int rc = row_time(csv, date_col, time_col, &s, err);
    if (rc != LF_OK || s.date < p->first || s.date > p->last)
        return rc; /* days outside the schedule do not matter */
    int missing = 0;
    if ((rc = lf_csv_number(csv, value_col, &s.mw, &missing, err)) != LF_OK)
        return rc;
    if (missing)
        return lf_csv_error(csv, value_col, err, LF_ERR_DATA, "no value in '%s' on a "
                            "scheduled day", p->column);
    s.line = lf_csv_line(csv);
    slot *rows = lf_grow(p->rows, p->n, &p->cap, sizeof *rows);
    if (!rows)
        return nomem(err);
    p->rows = rows;
    p->rows[p->n++] = s;
    return LF_OK;
}

static int read_profile_rows(profile *p, lf_error *err)
{
    lf_csv *csv = lf_csv_open(p->path, ',', err);
    if (!csv)
        return lf_error_prefix(err, err->code, "the profile of 'peakshift': ");
    size_t time_col = 0, value_col = 0;
    int rc = lf_csv_read_header(csv, err);
    long date_col = rc == LF_OK ? lf_csv_find(csv, "date") : -1;
    if (rc == LF_OK)
        rc = lf_csv_require(csv, "time", &time_col, err);
    if (rc == LF_OK)
        rc = lf_csv_require(csv, p->column, &value_col, err);
    while (rc == LF_OK) {
        int has_row = 0;
        if ((rc = lf_csv_next(csv, &has_row, err)) != LF_OK || !has_row)
            break;
        rc = lf_csv_check_width(csv, err);
        if (rc == LF_OK)
            rc = profile_row(csv, date_col, time_col, value_col, p, err);
    }
    lf_csv_close(csv);
    return rc;
}

static int by_time(const void *a, const void *b)
{
    const slot *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->second != y->second)
        return x->second < y->second ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

static void clock_text(int second, char *buf, size_t size)
{
    snprintf(buf, size, "%02d:%02d", second / 3600, second / 60 % 60);
}

/* One day's n intervals, each once, on the grid 24 h / n; into mw[] (room
 * for 96). */
static int day_intervals(const profile *p, const slot *s, size_t n, double *mw, lf_error *err)
{
    char day[LF_DATE_STRLEN], at[16];
    lf_date_format(s[0].date, day);
    for (size_t i = 1; i < n; i++)
        if (s[i].second == s[i - 1].second) {
            clock_text(s[i].second, at, sizeof at);
            return lf_error_at(err, LF_ERR_DATA, p->path, s[i].line, 0, "%s %s is given twice "
                               "(first on line %ld)", day, at, s[i - 1].line);
        }
    if (n != 24 && n != 48 && n != 96)
        return lf_error_at(err, LF_ERR_DATA, p->path, s[0].line, 0, "%s has %zu intervals in "
                           "the profile; expected 24, 48 or 96 (hourly, half-hourly or "
                           "15-minute), each once", day, n);
    int step = (int)(LF_SECONDS_PER_DAY / n);
    for (size_t i = 0; i < n; i++) {
        if (s[i].second == (int)i * step) {
            mw[i] = s[i].mw;
            continue;
        }
        clock_text(s[i].second < (int)i * step ? s[i].second : (int)i * step, at, sizeof at);
        if (s[i].second < (int)i * step)
            return lf_error_at(err, LF_ERR_DATA, p->path, s[i].line, 0, "%s %s is not on the "
                               "%d-minute grid of a day with %zu intervals", day, at,
                               step / 60, n);
        return lf_error_at(err, LF_ERR_DATA, p->path, s[i].line, 0, "%s has no value for %s "
                           "in the profile (%zu %d-minute intervals expected)", day, at, n,
                           step / 60);
    }
    return LF_OK;
}

/* The window of day t from its intervals; a deficit day must rise above the
 * limit in its profile, or its window cannot be measured. */
static int day_window(const profile *p, const double *mw, size_t n, size_t t,
                      lf_config_peakshift_input *in, lf_error *err)
{
    double start, end, top = mw[0];
    double hours = lf_peakshift_window(mw, n, in->limit_mw[t], &start, &end);
    if (hours > 0) {
        in->window_hours[t] = hours;
        in->window_start[t] = start;
        in->profile_days++;
        return LF_OK;
    }
    if (!(in->peak_mw[t] > in->limit_mw[t]))
        return LF_OK; /* no deficit: the window does not matter */
    for (size_t i = 1; i < n; i++)
        top = fmax(top, mw[i]);
    char day[LF_DATE_STRLEN];
    lf_date_format(in->spec.first + (lf_date)t, day);
    return lf_error_set(err, LF_ERR_DATA, "%s: on %s the profile stays at or under the limit "
                        "(highest %.1f MW, limit %.1f MW) while the demand forecast peaks at "
                        "%.1f MW, so the peak window cannot be measured; give a profile that "
                        "matches the forecast, or leave the day out of it", p->path, day, top,
                        in->limit_mw[t], in->peak_mw[t]);
}

static int profile_windows(const lf_config_peakshift *ps, lf_config_peakshift_input *in,
                           lf_error *err)
{
    profile p = {.path = ps->profile_file, .column = ps->profile_column,
                 .first = in->spec.first, .last = in->spec.last};
    int rc = read_profile_rows(&p, err);
    if (rc == LF_OK)
        qsort(p.rows, p.n, sizeof *p.rows, by_time);
    for (size_t i = 0, j; rc == LF_OK && i < p.n; i = j) {
        double mw[96];
        for (j = i; j < p.n && p.rows[j].date == p.rows[i].date;)
            j++;
        size_t n = j - i;
        rc = day_intervals(&p, &p.rows[i], n, mw, err);
        if (rc == LF_OK)
            rc = day_window(&p, mw, n, (size_t)(p.rows[i].date - in->spec.first), in, err);
    }
    free(p.rows);
    return rc;
}

/* ---- the whole input ------------------------------------------------------------------ */

void lf_config_peakshift_free(lf_config_peakshift_input *in)
{
    if (!in)
        return;
    free(in->peak_mw);
    free(in->limit_mw);
    free(in->window_hours);
    free(in->window_start);
    free(in);
}

static int read_inputs(const lf_config *cfg, const lf_portfolio *portfolio,
                       lf_config_peakshift_input *in, lf_error *err)
{
    const lf_config_peakshift *ps = &cfg->peakshift;
    daily demand = {.what = "demand", .path = ps->demand_file, .column = ps->demand_column,
                    .scenario.want = ps->demand_scenario};
    int rc = read_daily(&demand, err);
    if (rc == LF_OK)
        rc = choose_days(cfg, &demand, in, err);
    if (rc == LF_OK)
        rc = place(&demand, in->spec.first, in->ndays, in->peak_mw, err);
    strcpy(in->scenario, demand.scenario.scenario);
    free(demand.rows);
    if (rc == LF_OK)
        rc = read_limits(cfg, in, err);
    for (size_t t = 0; rc == LF_OK && t < in->ndays; t++) {
        in->window_hours[t] = portfolio->window_hours;
        in->window_start[t] = NAN;
    }
    if (rc == LF_OK && ps->profile_file)
        rc = profile_windows(ps, in, err);
    return rc;
}

int lf_config_peakshift_load(const lf_config *cfg, const lf_portfolio *portfolio,
                             lf_config_peakshift_input **out, lf_error *err)
{
    lf_error local;
    if (!err)
        err = &local; /* the readers return err->code */
    if (!cfg || !portfolio || !out)
        return lf_error_set(err, LF_ERR_ARG, "lf_config_peakshift_load needs cfg, portfolio "
                            "and out");
    *out = NULL;
    if (!cfg->has_peakshift)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: no 'peakshift' section; its keys are in "
                            "include/libforecast/config.h", cfg->path);
    lf_config_peakshift_input *in = calloc(1, sizeof *in);
    if (!in)
        return nomem(err);
    in->spec = cfg->peakshift.spec;
    int rc = read_inputs(cfg, portfolio, in, err);
    if (rc == LF_OK) {
        in->spec.peak_mw = in->peak_mw;
        in->spec.limit_mw = in->limit_mw;
        in->spec.window_hours = in->window_hours;
        in->spec.window_start = in->window_start;
        rc = lf_peakshift_spec_check(&in->spec, err);
    }
    if (rc != LF_OK) {
        lf_config_peakshift_free(in);
        return rc;
    }
    *out = in;
    return LF_OK;
}
