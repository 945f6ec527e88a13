/* libforecast/csv.h - a strict CSV reader that knows where every field is.
 *
 * RFC 4180 quoting ("a,b" and "" inside quotes), LF or CRLF line ends, an
 * optional UTF-8 byte-order mark, blank lines skipped, surrounding spaces of
 * unquoted fields trimmed.  Each field's line and column are kept so errors can
 * name file:line:column.  Fields are NUL-terminated and valid until the next
 * lf_csv_next call.
 */
#ifndef LIBFORECAST_CSV_H
#define LIBFORECAST_CSV_H

#include <stddef.h>
#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lf_csv lf_csv;

/* Open a file; delimiter is ',' ';' or '\t'. */
lf_csv *lf_csv_open(const char *path, char delimiter, lf_error *err);
void lf_csv_close(lf_csv *csv);

/* Read the next record.  Returns LF_OK and sets *has_row (0 at end of file),
 * or an error (unterminated quote, overlong line, read failure). */
int lf_csv_next(lf_csv *csv, int *has_row, lf_error *err);

size_t lf_csv_nfields(const lf_csv *csv);
const char *lf_csv_field(const lf_csv *csv, size_t i); /* "" beyond the last */
long lf_csv_line(const lf_csv *csv);                   /* line of the record */
long lf_csv_column(const lf_csv *csv, size_t i);       /* 1-based column of field i */
const char *lf_csv_path(const lf_csv *csv);

/* Read the first record as a header and find a column by name (ASCII
 * case-insensitive).  lf_csv_find returns -1 for a missing name; lf_csv_require
 * fails with a message listing the header and a 'did you mean'. */
int lf_csv_read_header(lf_csv *csv, lf_error *err);
long lf_csv_find(const lf_csv *csv, const char *name);
int lf_csv_require(const lf_csv *csv, const char *name, size_t *index, lf_error *err);
size_t lf_csv_header_count(const lf_csv *csv);
const char *lf_csv_header_name(const lf_csv *csv, size_t i);

/* LF_ERR_PARSE at the record's line unless it has as many fields as the
 * header: a missing or extra delimiter would otherwise shift values between
 * columns without anyone noticing. */
int lf_csv_check_width(const lf_csv *csv, lf_error *err);

/* Field i as a number.  Empty, NA, NaN, null, '-' mean missing: *out = NaN and
 * *missing = 1 (missing may be NULL).  Anything else that is not a complete
 * finite number is LF_ERR_PARSE at file:line:column. */
int lf_csv_number(const lf_csv *csv, size_t i, double *out, int *missing, lf_error *err);

/* Record an error located at field i of the current record. */
int lf_csv_error(const lf_csv *csv, size_t i, lf_error *err, int code, const char *fmt,
                 ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#ifdef __cplusplus
}
#endif
#endif
