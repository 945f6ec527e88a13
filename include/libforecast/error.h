/* libforecast/error.h - status codes and the error record every fallible call fills.
 *
 * Convention: a fallible function returns int (LF_OK == 0 on success) and takes
 * an optional lf_error * as its last argument.  On failure the record holds the
 * same code and a message a user can act on; when the failure comes from an
 * input file the message starts with "file:line:column: ".  Passing NULL for the
 * record is allowed: the status code is still returned.
 */
#ifndef LIBFORECAST_ERROR_H
#define LIBFORECAST_ERROR_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

enum lf_status {
    LF_OK = 0,
    LF_ERR_NOMEM = 1,    /* out of memory */
    LF_ERR_ARG = 2,      /* invalid argument passed by the calling program */
    LF_ERR_IO = 3,       /* file cannot be opened, read or written */
    LF_ERR_PARSE = 4,    /* malformed input data (CSV field, date, number) */
    LF_ERR_CONFIG = 5,   /* invalid configuration (YAML structure or value) */
    LF_ERR_DATA = 6,     /* well-formed input that is inconsistent or unusable */
    LF_ERR_RANGE = 7,    /* value outside the supported range (e.g. year) */
    LF_ERR_NOTFOUND = 8, /* named item (column, calendar, key) does not exist */
    LF_ERR_SOLVER = 9    /* an optimization solver failed (not: found no solution) */
};

#define LF_ERROR_MESSAGE_MAX 512

typedef struct lf_error {
    int code;                           /* one of enum lf_status */
    char message[LF_ERROR_MESSAGE_MAX]; /* NUL-terminated, possibly truncated */
} lf_error;

/* Reset a record to LF_OK with an empty message. NULL is allowed. */
void lf_error_clear(lf_error *err);

/* Record an error and return its code, so callers can write
 * `return lf_error_set(err, LF_ERR_ARG, "ndays must be positive");`. */
int lf_error_set(lf_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Same, prefixed with "file:line:column: " (column 0 = omitted). */
int lf_error_at(lf_error *err, int code, const char *file, long line, long column,
                const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Put a context before the message already in err and set its code:
 * lf_error_prefix(err, rc, "scenario '%s': ", name) turns "bad rate" into
 * "scenario 'low': bad rate".  NULL is allowed; returns code. */
int lf_error_prefix(lf_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* va_list form of lf_error_at, for functions that take their own format. */
int lf_error_vat(lf_error *err, int code, const char *file, long line, long column,
                 const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;

/* Short English name of a status code ("out of memory", ...). Never NULL. */
const char *lf_strerror(int code);

#ifdef __cplusplus
}
#endif
#endif
