/* features_calendar.c - weekday, month, holiday, bridge-day and make-up-day
 * dummies, and the days around long holidays (see features.h for names). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "features_internal.h"

static const char *const WEEKDAYS[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const MONTHS[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};

int lf_day_table_init(lf_day_table *t, const lf_features *f, const lf_calendar *cal,
                      lf_date first, size_t nrows, lf_error *err)
{
    int widest = 0;
    for (size_t w = 0; w < f->spec.nwindows; w++) {
        int m = f->spec.windows[w].before > f->spec.windows[w].after
                    ? f->spec.windows[w].before : f->spec.windows[w].after;
        widest = m > widest ? m : widest;
    }
    t->margin = (size_t)widest + 40; /* a window reach plus a whole block beyond it */
    t->n = nrows + 2 * t->margin;
    t->first = first - (lf_date)t->margin;
    t->info = malloc(t->n * sizeof *t->info);
    if (!t->info)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory classifying %zu days", t->n);
    for (size_t k = 0; k < t->n; k++) {
        int rc = lf_calendar_day(cal, t->first + (lf_date)k, &t->info[k],
                                 k >= t->margin && k < t->margin + nrows ? err : NULL);
        if (rc != LF_OK && k >= t->margin && k < t->margin + nrows) {
            free(t->info);
            return rc; /* a design day the calendar does not cover */
        }
    }
    return LF_OK;
}

static int add_dummies(lf_colset *set, const lf_day_table *t, int full, const char *prefix,
                       const char *const *levels, int nlevels, int weekday,
                       lf_error *err)
{
    for (int level = full ? 0 : 1; level < nlevels; level++) {
        double *v = lf_colset_add(set, LF_DRIVER_CALENDAR, err, "%s_%s", prefix, levels[level]);
        if (!v)
            return err ? err->code : LF_ERR_NOMEM;
        for (size_t i = 0; i < set->nrows; i++) {
            lf_date d = t->first + (lf_date)(i + t->margin);
            int of_day = weekday ? lf_date_weekday(d) - 1 : lf_date_month(d) - 1;
            v[i] = of_day == level;
        }
    }
    return LF_OK;
}

static int is_bridge(const lf_day_table *t, size_t k)
{
    lf_day_type prev = t->info[k - 1].type, next = t->info[k + 1].type;
    return t->info[k].type == LF_DAY_WORKING &&
           ((prev == LF_DAY_HOLIDAY && lf_is_nonworking(next)) ||
            (next == LF_DAY_HOLIDAY && lf_is_nonworking(prev)));
}

/* One 0/1 column from a predicate on the day table. */
static int add_flag_column(lf_colset *set, const lf_day_table *t, const char *name,
                           int (*pred)(const lf_day_table *, size_t), lf_error *err)
{
    double *v = lf_colset_add(set, LF_DRIVER_CALENDAR, err, "%s", name);
    if (!v)
        return err ? err->code : LF_ERR_NOMEM;
    for (size_t i = 0; i < set->nrows; i++)
        v[i] = pred(t, i + t->margin);
    return LF_OK;
}

static int is_holiday(const lf_day_table *t, size_t k)
{
    return t->info[k].type == LF_DAY_HOLIDAY;
}

static int is_makeup(const lf_day_table *t, size_t k)
{
    return t->info[k].type == LF_DAY_MAKEUP_WORKDAY;
}

int lf_day_table_in_block_of(const lf_day_table *t, size_t k, const char *holiday)
{
    const lf_day_info *in = &t->info[k];
    if (in->block_day <= 0)
        return 0;
    long start = (long)k - in->block_day + 1;
    for (long x = start; x < start + in->block_length; x++)
        if (x >= 0 && (size_t)x < t->n && strcmp(t->info[x].holiday, holiday) == 0)
            return 1;
    return 0;
}

/* Column offset of day k within window w's columns, or -1: the before days
 * come first (-before .. -1), then the block days, then the after days. */
static int window_slot(const lf_day_table *t, size_t k, const lf_holiday_window *w, int days)
{
    if (lf_day_table_in_block_of(t, k, w->holiday)) {
        int d = t->info[k].block_day;
        return w->before + (d > days ? days : d) - 1; /* longer blocks: their last day */
    }
    for (int j = 1; j <= w->before; j++)
        if (t->info[k + (size_t)j].block_day == 1 &&
            lf_day_table_in_block_of(t, k + (size_t)j, w->holiday))
            return w->before - j;
    for (int j = 1; j <= w->after; j++) {
        const lf_day_info *prev = &t->info[k - (size_t)j];
        if (prev->block_day > 0 && prev->block_day == prev->block_length &&
            lf_day_table_in_block_of(t, k - (size_t)j, w->holiday))
            return w->before + days + j - 1;
    }
    return -1;
}

static int add_window(lf_colset *set, const lf_day_table *t, const lf_holiday_window *w,
                      int days, lf_error *err)
{
    int ncols = w->before + days + w->after;
    size_t base = set->n;
    for (int c = 0; c < ncols; c++) {
        double *v = c < w->before ? lf_colset_add(set, LF_DRIVER_CALENDAR, err, "%s -%d",
                                                  w->holiday, w->before - c)
                    : c < w->before + days
                        ? lf_colset_add(set, LF_DRIVER_CALENDAR, err, "%s day %d", w->holiday,
                                        c - w->before + 1)
                        : lf_colset_add(set, LF_DRIVER_CALENDAR, err, "%s +%d", w->holiday,
                                        c - w->before - days + 1);
        if (!v)
            return err ? err->code : LF_ERR_NOMEM;
    }
    for (size_t i = 0; i < set->nrows; i++) {
        int slot = window_slot(t, i + t->margin, w, days);
        if (slot >= 0)
            set->values[base + (size_t)slot][i] = 1;
    }
    return LF_OK;
}

static int add_all(const lf_features *f, lf_colset *set, const lf_day_table *t, lf_error *err)
{
    const lf_feature_spec *s = &f->spec;
    int rc = LF_OK;
    if (s->day_of_week)
        rc = add_dummies(set, t, !s->intercept, "dow", WEEKDAYS, 7, 1, err);
    if (rc == LF_OK && s->month)
        rc = add_dummies(set, t, !s->intercept && !s->day_of_week, "month", MONTHS, 12, 0, err);
    if (rc == LF_OK && s->holiday)
        rc = add_flag_column(set, t, "holiday", is_holiday, err);
    if (rc == LF_OK && s->bridge_day)
        rc = add_flag_column(set, t, "bridge_day", is_bridge, err);
    if (rc == LF_OK && s->makeup_workday)
        rc = add_flag_column(set, t, "makeup_workday", is_makeup, err);
    for (size_t w = 0; rc == LF_OK && w < s->nwindows; w++)
        rc = add_window(set, t, &s->windows[w], f->window_days[w], err);
    return rc;
}

/* Annual seasonality as a few smooth waves: a compact alternative to month
 * dummies that does not jump at month boundaries. */
static int add_fourier(int harmonics, lf_date first, lf_colset *set, lf_error *err)
{
    const double two_pi = 6.283185307179586476925286766559;
    for (int k = 1; k <= harmonics; k++) {
        double *sn = lf_colset_add(set, LF_DRIVER_CALENDAR, err, "sin%d_year", k);
        double *cs = sn ? lf_colset_add(set, LF_DRIVER_CALENDAR, err, "cos%d_year", k) : NULL;
        if (!cs)
            return err ? err->code : LF_ERR_NOMEM;
        for (size_t i = 0; i < set->nrows; i++) {
            double phase = two_pi * k * (double)(first + (lf_date)i) / 365.25;
            sn[i] = sin(phase);
            cs[i] = cos(phase);
        }
    }
    return LF_OK;
}

int lf_features_add_calendar(const lf_features *f, const lf_calendar *cal, lf_date first,
                             lf_colset *set, lf_error *err)
{
    const lf_feature_spec *s = &f->spec;
    int rc = LF_OK;
    if (s->day_of_week || s->month || s->holiday || s->bridge_day || s->makeup_workday ||
        s->nwindows) {
        lf_day_table t;
        rc = lf_day_table_init(&t, f, cal, first, set->nrows, err);
        if (rc != LF_OK)
            return rc;
        rc = add_all(f, set, &t, err);
        free(t.info);
    }
    return rc == LF_OK ? add_fourier(s->fourier, first, set, err) : rc;
}
