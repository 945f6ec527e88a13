/* error.c - filling lf_error records. No global state: every message lives in
 * the caller's record, so concurrent callers never share a buffer. */
#include "libforecast/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void lf_error_clear(lf_error *err)
{
    if (err) {
        err->code = LF_OK;
        err->message[0] = '\0';
    }
}

static void set_message(lf_error *err, int code, const char *prefix,
                        const char *fmt, va_list ap)
{
    int used = snprintf(err->message, sizeof err->message, "%s", prefix);
    if (used < 0 || (size_t)used >= sizeof err->message)
        used = 0;
    vsnprintf(err->message + used, sizeof err->message - (size_t)used, fmt, ap);
    err->code = code;
}

int lf_error_set(lf_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        set_message(err, code, "", fmt, ap);
        va_end(ap);
    }
    return code;
}

int lf_error_prefix(lf_error *err, int code, const char *fmt, ...)
{
    if (err) {
        char inner[LF_ERROR_MESSAGE_MAX]; /* the message is rewritten in place */
        snprintf(inner, sizeof inner, "%s", err->message);
        va_list ap;
        va_start(ap, fmt);
        set_message(err, code, "", fmt, ap);
        va_end(ap);
        size_t used = strlen(err->message);
        snprintf(err->message + used, sizeof err->message - used, "%s", inner);
    }
    return code;
}

int lf_error_vat(lf_error *err, int code, const char *file, long line, long column,
                 const char *fmt, va_list ap)
{
    if (err) {
        char prefix[300];
        if (column > 0)
            snprintf(prefix, sizeof prefix, "%s:%ld:%ld: ", file ? file : "<input>",
                     line, column);
        else
            snprintf(prefix, sizeof prefix, "%s:%ld: ", file ? file : "<input>", line);
        set_message(err, code, prefix, fmt, ap);
    }
    return code;
}

int lf_error_at(lf_error *err, int code, const char *file, long line, long column,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lf_error_vat(err, code, file, line, column, fmt, ap);
    va_end(ap);
    return code;
}

const char *lf_strerror(int code)
{
    switch (code) {
    case LF_OK: return "success";
    case LF_ERR_NOMEM: return "out of memory";
    case LF_ERR_ARG: return "invalid argument";
    case LF_ERR_IO: return "input/output error";
    case LF_ERR_PARSE: return "malformed input";
    case LF_ERR_CONFIG: return "invalid configuration";
    case LF_ERR_DATA: return "unusable data";
    case LF_ERR_RANGE: return "value out of range";
    case LF_ERR_NOTFOUND: return "not found";
    case LF_ERR_SOLVER: return "solver failure";
    default: return "unknown error";
    }
}
