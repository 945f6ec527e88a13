/* libforecast/frame.h - the daily frame: N consecutive days x named columns.
 *
 * Every series in libforecast that is indexed by day lives in a frame.  Column
 * values are plain double arrays of length ndays owned by the frame; NaN marks a
 * missing value.  Column names carry their unit as a suffix by convention
 * (energy_mwh, peak_mw, tmean_c) and the unit is also stored separately, so
 * writers can state it.  The struct is public (libsvm style) so that C callers
 * and the Python binding can read arrays without copies; change it only through
 * these functions.
 */
#ifndef LIBFORECAST_FRAME_H
#define LIBFORECAST_FRAME_H

#include <stddef.h>
#include "libforecast/date.h"
#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lf_column {
    char *name;      /* unique within the frame */
    char *unit;      /* "MWh", "MW", "degC", "1" (dimensionless), "" unknown */
    double *values;  /* ndays values, NaN = missing */
} lf_column;

typedef struct lf_frame {
    lf_date start;   /* date of row 0 */
    size_t ndays;    /* rows: start .. start + ndays - 1 */
    size_t ncols;
    size_t capacity; /* allocated column slots */
    lf_column *cols;
} lf_frame;

/* A frame of ndays >= 1 rows and no columns; NULL on failure. */
lf_frame *lf_frame_new(lf_date start, size_t ndays, lf_error *err);
void lf_frame_free(lf_frame *frame);

/* Append a column filled with NaN and return its values; NULL on failure
 * (LF_ERR_ARG when the name is empty or already used). */
double *lf_frame_add_column(lf_frame *frame, const char *name, const char *unit,
                            lf_error *err);

/* Values of a named column, or NULL if there is none. */
double *lf_frame_column(const lf_frame *frame, const char *name);
/* Index of a named column, or -1. */
long lf_frame_column_index(const lf_frame *frame, const char *name);

static inline lf_date lf_frame_end(const lf_frame *frame)
{
    return frame->start + (lf_date)frame->ndays - 1;
}

/* Row of a date, or -1 outside the frame. */
long lf_frame_row(const lf_frame *frame, lf_date date);

/* Append column c of src to dst under name (NULL = its own name), values
 * aligned by date; rows of dst outside src stay NaN.  Returns the new values
 * or NULL on failure. */
double *lf_frame_copy_column(lf_frame *dst, const lf_frame *src, size_t c, const char *name,
                             lf_error *err);

/* Copy every column of src into dst (dates aligned; rows of dst outside src stay
 * NaN).  prefix, if not NULL, is put before each copied name.  All-or-nothing:
 * on error dst is unchanged. */
int lf_frame_merge(lf_frame *dst, const lf_frame *src, const char *prefix,
                   lf_error *err);

/* Write "date,<col>,..." CSV.  The file appears complete or not at all (written
 * beside the target, then renamed). */
int lf_frame_write_csv(const lf_frame *frame, const char *path, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
