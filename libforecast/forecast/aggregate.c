/* aggregate.c - daily frame -> monthly / yearly energy, peak, load factor. */
#include "libforecast/aggregate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "libforecast/atomic.h"

lf_date lf_period_end(lf_date date, lf_period_kind kind)
{
    int y, m;
    if (kind == LF_PERIOD_DAY)
        return date;
    lf_date_to_ymd(date, &y, &m, NULL);
    if (kind == LF_PERIOD_YEAR)
        return lf_date_from_ymd(y, 12, 31);
    return lf_date_from_ymd(y, m, lf_days_in_month(y, m));
}

lf_date lf_period_start(lf_date date, lf_period_kind kind)
{
    int y, m;
    if (kind == LF_PERIOD_DAY)
        return date;
    lf_date_to_ymd(date, &y, &m, NULL);
    return lf_date_from_ymd(y, kind == LF_PERIOD_YEAR ? 1 : m, 1);
}

char *lf_period_label(lf_date date, lf_period_kind kind, char *buf, size_t size)
{
    int y, m, d;
    lf_date_to_ymd(date, &y, &m, &d);
    if (kind == LF_PERIOD_YEAR)
        snprintf(buf, size, "%04d", y);
    else if (kind == LF_PERIOD_MONTH)
        snprintf(buf, size, "%04d-%02d", y, m);
    else
        snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    return buf;
}

typedef struct load_cols {
    const double *energy, *peak, *min, *tmean;
} load_cols;

static lf_period_summary summarize_one(const lf_frame *f, const load_cols *c, lf_date first,
                                       lf_period_kind kind)
{
    lf_period_summary s = {0};
    lf_date_to_ymd(first, &s.year, &s.month, NULL);
    if (kind == LF_PERIOD_YEAR)
        s.month = 0;
    s.first = first;
    s.last = lf_period_end(first, kind);
    s.days = (int)(s.last - s.first) + 1;
    double energy = 0, peak = -INFINITY, min = INFINITY, tsum = 0;
    int tn = 0;
    for (lf_date d = s.first; d <= s.last; d++) {
        long r = lf_frame_row(f, d);
        if (r < 0 || isnan(c->energy[r])) {
            s.days_missing++;
        } else {
            energy += c->energy[r];
        }
        if (r >= 0 && !isnan(c->peak[r]) && c->peak[r] > peak) {
            peak = c->peak[r];
            s.peak_date = d;
        }
        if (r >= 0 && c->min && !isnan(c->min[r]) && c->min[r] < min)
            min = c->min[r];
        if (r >= 0 && c->tmean && !isnan(c->tmean[r])) {
            tsum += c->tmean[r];
            tn++;
        }
    }
    s.energy_mwh = s.days_missing ? NAN : energy;
    s.peak_mw = isinf(peak) ? NAN : peak;
    s.min_mw = isinf(min) ? NAN : min;
    s.load_factor = s.energy_mwh / (s.peak_mw * 24.0 * s.days);
    s.tmean_c = tn ? tsum / tn : NAN;
    return s;
}

int lf_summarize(const lf_frame *daily, lf_period_kind kind, const char *prefix,
                 lf_period_summary **out, size_t *n, lf_error *err)
{
    char name[3][128];
    const char *base[3] = {"energy_mwh", "peak_mw", "min_mw"};
    for (int k = 0; k < 3; k++)
        snprintf(name[k], sizeof name[k], "%s%s", prefix ? prefix : "", base[k]);
    load_cols c = {lf_frame_column(daily, name[0]), lf_frame_column(daily, name[1]),
                   lf_frame_column(daily, name[2]), lf_frame_column(daily, "tmean_c")};
    if (!c.energy || !c.peak)
        return lf_error_set(err, LF_ERR_NOTFOUND, "the frame has no columns %s and %s",
                            name[0], name[1]);
    size_t count = 0;
    for (lf_date p = lf_period_start(daily->start, kind); p <= lf_frame_end(daily);
         p = lf_period_end(p, kind) + 1)
        count++;
    lf_period_summary *s = malloc(count * sizeof *s);
    if (!s)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory summarizing");
    size_t i = 0;
    for (lf_date p = lf_period_start(daily->start, kind); i < count;
         p = lf_period_end(p, kind) + 1)
        s[i++] = summarize_one(daily, &c, p, kind);
    *out = s;
    *n = count;
    return LF_OK;
}

typedef struct summary_rows {
    const lf_period_summary *s;
    size_t n;
    lf_period_kind kind;
} summary_rows;

static void put_number(FILE *fp, double v, const char *fmt)
{
    fputc(',', fp);
    if (!isnan(v))
        fprintf(fp, fmt, v);
}

static int write_summary(FILE *fp, const void *ctx)
{
    const summary_rows *rows = ctx;
    fputs("period,days,days_missing,energy_mwh,peak_mw,peak_date,min_mw,load_factor,tmean_c\n",
          fp);
    for (size_t i = 0; i < rows->n; i++) {
        const lf_period_summary *s = &rows->s[i];
        char peak_date[LF_DATE_STRLEN] = "", label[LF_PERIOD_LABEL_MAX];
        if (!isnan(s->peak_mw))
            lf_date_format(s->peak_date, peak_date);
        fprintf(fp, "%s,%d,%d", lf_period_label(s->first, rows->kind, label, sizeof label),
                s->days, s->days_missing);
        put_number(fp, s->energy_mwh, "%.3f");
        put_number(fp, s->peak_mw, "%.3f");
        fprintf(fp, ",%s", peak_date);
        put_number(fp, s->min_mw, "%.3f");
        put_number(fp, s->load_factor, "%.4f");
        put_number(fp, s->tmean_c, "%.2f");
        fputc('\n', fp);
    }
    return 0;
}

int lf_summary_write_stream(FILE *fp, const lf_period_summary *s, size_t n,
                            lf_period_kind kind)
{
    summary_rows rows = {s, n, kind};
    write_summary(fp, &rows);
    return ferror(fp) ? LF_ERR_IO : LF_OK;
}

int lf_summary_write_csv(const lf_period_summary *s, size_t n, lf_period_kind kind,
                         const char *path, lf_error *err)
{
    summary_rows rows = {s, n, kind};
    return lf_atomic_write(path, write_summary, &rows, err);
}
