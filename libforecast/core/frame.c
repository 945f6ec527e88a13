/* frame.c - the daily frame: allocation, columns, merging and CSV output. */
#include "libforecast/frame.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libforecast/atomic.h"
#include "grow.h"

lf_frame *lf_frame_new(lf_date start, size_t ndays, lf_error *err)
{
    if (ndays == 0 || ndays > 10u * 1000 * 1000) {
        lf_error_set(err, LF_ERR_ARG, "a frame needs 1..10000000 days, got %zu", ndays);
        return NULL;
    }
    lf_frame *f = calloc(1, sizeof *f);
    if (!f) {
        lf_error_set(err, LF_ERR_NOMEM, "out of memory allocating a frame");
        return NULL;
    }
    f->start = start;
    f->ndays = ndays;
    return f;
}

void lf_frame_free(lf_frame *frame)
{
    if (!frame)
        return;
    for (size_t i = 0; i < frame->ncols; i++) {
        free(frame->cols[i].name);
        free(frame->cols[i].unit);
        free(frame->cols[i].values);
    }
    free(frame->cols);
    free(frame);
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

long lf_frame_column_index(const lf_frame *frame, const char *name)
{
    for (size_t i = 0; i < frame->ncols; i++)
        if (strcmp(frame->cols[i].name, name) == 0)
            return (long)i;
    return -1;
}

double *lf_frame_column(const lf_frame *frame, const char *name)
{
    long i = lf_frame_column_index(frame, name);
    return i < 0 ? NULL : frame->cols[i].values;
}

static int reserve_column(lf_frame *frame, lf_error *err)
{
    lf_column *cols = lf_grow(frame->cols, frame->ncols, &frame->capacity, sizeof *cols);
    if (!cols)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory adding a column");
    frame->cols = cols;
    return LF_OK;
}

double *lf_frame_add_column(lf_frame *frame, const char *name, const char *unit,
                            lf_error *err)
{
    if (!name || !*name) {
        lf_error_set(err, LF_ERR_ARG, "a column needs a non-empty name");
        return NULL;
    }
    if (lf_frame_column_index(frame, name) >= 0) {
        lf_error_set(err, LF_ERR_ARG, "the frame already has a column '%s'", name);
        return NULL;
    }
    if (reserve_column(frame, err) != LF_OK)
        return NULL;
    lf_column col = {dup_string(name), dup_string(unit ? unit : ""),
                     malloc(frame->ndays * sizeof(double))};
    if (!col.name || !col.unit || !col.values) {
        free(col.name);
        free(col.unit);
        free(col.values);
        lf_error_set(err, LF_ERR_NOMEM, "out of memory adding column '%s'", name);
        return NULL;
    }
    for (size_t i = 0; i < frame->ndays; i++)
        col.values[i] = NAN;
    frame->cols[frame->ncols++] = col;
    return col.values;
}

long lf_frame_row(const lf_frame *frame, lf_date date)
{
    if (date < frame->start || date > lf_frame_end(frame))
        return -1;
    return (long)(date - frame->start);
}

/* Drop the columns appended after the first `keep`, undoing a failed merge. */
static void truncate_columns(lf_frame *frame, size_t keep)
{
    while (frame->ncols > keep) {
        lf_column *c = &frame->cols[--frame->ncols];
        free(c->name);
        free(c->unit);
        free(c->values);
    }
}

double *lf_frame_copy_column(lf_frame *dst, const lf_frame *src, size_t c, const char *name,
                             lf_error *err)
{
    const lf_column *col = &src->cols[c];
    double *out = lf_frame_add_column(dst, name ? name : col->name, col->unit, err);
    for (size_t r = 0; out && r < dst->ndays; r++) {
        long s = lf_frame_row(src, dst->start + (lf_date)r);
        if (s >= 0)
            out[r] = col->values[s];
    }
    return out;
}

int lf_frame_merge(lf_frame *dst, const lf_frame *src, const char *prefix, lf_error *err)
{
    size_t keep = dst->ncols;
    for (size_t c = 0; c < src->ncols; c++) {
        char name[256];
        snprintf(name, sizeof name, "%s%s", prefix ? prefix : "", src->cols[c].name);
        if (!lf_frame_copy_column(dst, src, c, name, err)) {
            truncate_columns(dst, keep);
            return err ? err->code : LF_ERR_ARG;
        }
    }
    return LF_OK;
}

static void write_value(FILE *fp, double v)
{
    if (isnan(v))
        return; /* empty field = missing */
    if (v == floor(v) && fabs(v) < 1e15)
        fprintf(fp, "%.0f", v);
    else
        fprintf(fp, "%.10g", v);
}

static int write_rows(FILE *fp, const void *ctx)
{
    const lf_frame *frame = ctx;
    fputs("date", fp);
    for (size_t c = 0; c < frame->ncols; c++)
        fprintf(fp, ",%s", frame->cols[c].name);
    fputc('\n', fp);
    for (size_t r = 0; r < frame->ndays; r++) {
        char day[LF_DATE_STRLEN];
        lf_date_format(frame->start + (lf_date)r, day);
        fputs(day, fp);
        for (size_t c = 0; c < frame->ncols; c++) {
            fputc(',', fp);
            write_value(fp, frame->cols[c].values[r]);
        }
        fputc('\n', fp);
    }
    return 0;
}

int lf_frame_write_csv(const lf_frame *frame, const char *path, lf_error *err)
{
    return lf_atomic_write(path, write_rows, frame, err);
}
