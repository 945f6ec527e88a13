/* csv.c - strict CSV reader with field positions (see csv.h).
 * One record is parsed into a single growing buffer of NUL-terminated fields;
 * nothing is allocated per field, so large meter files read quickly. */
#include "libforecast/csv.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/grow.h"
#include "../core/suggest.h"

#define MAX_RECORD (4u << 20) /* 4 MiB: no real meter row is longer */

typedef struct {
    size_t offset; /* into text */
    long line, column;
} field_pos;

struct lf_csv {
    FILE *fp;
    char *path;
    char delim;
    long line;          /* physical lines consumed so far */
    long record_line;   /* line where the current record starts */
    char *text;         /* field bytes, NUL-separated */
    size_t text_len, text_cap;
    field_pos *fields;
    size_t nfields, fields_cap;
    char **header;      /* copies of the header names */
    size_t nheader;
    int at_start;       /* nothing read yet: strip a BOM */
};

lf_csv *lf_csv_open(const char *path, char delimiter, lf_error *err)
{
    if (delimiter != ',' && delimiter != ';' && delimiter != '\t') {
        lf_error_set(err, LF_ERR_ARG, "CSV delimiter must be ',', ';' or tab");
        return NULL;
    }
    lf_csv *csv = calloc(1, sizeof *csv);
    char *p = csv ? malloc(strlen(path) + 1) : NULL;
    if (!p) {
        free(csv);
        lf_error_set(err, LF_ERR_NOMEM, "out of memory opening %s", path);
        return NULL;
    }
    strcpy(p, path);
    csv->path = p;
    csv->fp = fopen(path, "rb");
    if (!csv->fp) {
        lf_error_set(err, LF_ERR_IO, "cannot open %s: %s", path, strerror(errno));
        free(csv->path);
        free(csv);
        return NULL;
    }
    csv->delim = delimiter;
    csv->at_start = 1;
    return csv;
}

void lf_csv_close(lf_csv *csv)
{
    if (!csv)
        return;
    if (csv->fp)
        fclose(csv->fp);
    for (size_t i = 0; i < csv->nheader; i++)
        free(csv->header[i]);
    free(csv->header);
    free(csv->fields);
    free(csv->text);
    free(csv->path);
    free(csv);
}

static int put_char(lf_csv *csv, char c, lf_error *err)
{
    if (csv->text_len + 1 >= csv->text_cap) {
        if (csv->text_cap >= MAX_RECORD)
            return lf_error_at(err, LF_ERR_PARSE, csv->path, csv->record_line, 0,
                               "record longer than %u bytes (is this a CSV file?)",
                               MAX_RECORD);
        size_t cap = csv->text_cap ? 2 * csv->text_cap : 1024;
        char *t = realloc(csv->text, cap);
        if (!t)
            return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s", csv->path);
        csv->text = t;
        csv->text_cap = cap;
    }
    csv->text[csv->text_len++] = c;
    return LF_OK;
}

static int start_field(lf_csv *csv, long column, lf_error *err)
{
    field_pos *f = lf_grow(csv->fields, csv->nfields, &csv->fields_cap, sizeof *f);
    if (!f)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s", csv->path);
    csv->fields = f;
    csv->fields[csv->nfields++] = (field_pos){csv->text_len, csv->line, column};
    return LF_OK;
}

/* Remove trailing spaces of an unquoted field that ends at text_len. */
static void trim_field_end(lf_csv *csv, size_t start)
{
    while (csv->text_len > start && (csv->text[csv->text_len - 1] == ' ' ||
                                     csv->text[csv->text_len - 1] == '\t'))
        csv->text_len--;
}

static int end_field(lf_csv *csv, int quoted, lf_error *err)
{
    if (!quoted)
        trim_field_end(csv, csv->fields[csv->nfields - 1].offset);
    return put_char(csv, '\0', err);
}

/* Parse one record. States: at field start, in unquoted field, in quotes,
 * just after a closing quote. */
static int parse_record(lf_csv *csv, int *has_row, lf_error *err)
{
    enum { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE } state = FIELD_START;
    long column = 1;
    int rc, c, quoted = 0;
    csv->text_len = csv->nfields = 0;
    csv->record_line = csv->line + 1;
    csv->line++;
    if ((rc = start_field(csv, 1, err)) != LF_OK)
        return rc;
    for (;;) {
        c = fgetc(csv->fp);
        if (c == EOF) {
            if (ferror(csv->fp))
                return lf_error_set(err, LF_ERR_IO, "read error in %s", csv->path);
            if (state == QUOTED)
                return lf_error_at(err, LF_ERR_PARSE, csv->path, csv->record_line, 0,
                                   "unterminated quoted field (a '\"' is never closed)");
            break;
        }
        if (c == '\r' && state != QUOTED) {
            int n = fgetc(csv->fp);
            if (n != '\n' && n != EOF)
                ungetc(n, csv->fp);
            c = '\n';
        }
        if (state == QUOTED) {
            if (c == '"') {
                state = AFTER_QUOTE;
            } else {
                if (c == '\n') {
                    csv->line++;
                    column = 0;
                }
                if ((rc = put_char(csv, (char)c, err)) != LF_OK)
                    return rc;
            }
        } else if (c == '\n') {
            break;
        } else if (c == csv->delim) {
            if ((rc = end_field(csv, quoted, err)) != LF_OK ||
                (rc = start_field(csv, column + 1, err)) != LF_OK)
                return rc;
            state = FIELD_START;
            quoted = 0;
        } else if (state == AFTER_QUOTE) {
            if (c == '"') { /* "" inside quotes */
                if ((rc = put_char(csv, '"', err)) != LF_OK)
                    return rc;
                state = QUOTED;
            } else if (c != ' ' && c != '\t') {
                return lf_error_at(err, LF_ERR_PARSE, csv->path, csv->line, column,
                                   "unexpected '%c' after a closing quote", c);
            }
        } else if (state == FIELD_START && c == '"') {
            state = QUOTED;
            quoted = 1;
        } else if (state == FIELD_START && (c == ' ' || c == '\t')) {
            csv->fields[csv->nfields - 1].column = column + 1; /* leading blank */
        } else {
            state = UNQUOTED;
            if ((rc = put_char(csv, (char)c, err)) != LF_OK)
                return rc;
        }
        column++;
    }
    if ((rc = end_field(csv, quoted, err)) != LF_OK)
        return rc;
    *has_row = !(c == EOF && csv->nfields == 1 && csv->text[0] == '\0' && !quoted);
    return LF_OK;
}

static void skip_bom(lf_csv *csv)
{
    int a = fgetc(csv->fp);
    if (a == 0xEF) {
        int b = fgetc(csv->fp), c = fgetc(csv->fp);
        if (b == 0xBB && c == 0xBF)
            return;
        fseek(csv->fp, 0, SEEK_SET);
    } else if (a != EOF) {
        ungetc(a, csv->fp);
    }
}

static int is_blank_record(const lf_csv *csv)
{
    return csv->nfields == 1 && csv->text[0] == '\0';
}

int lf_csv_next(lf_csv *csv, int *has_row, lf_error *err)
{
    if (csv->at_start) {
        skip_bom(csv);
        csv->at_start = 0;
    }
    for (;;) {
        int rc = parse_record(csv, has_row, err);
        if (rc != LF_OK || !*has_row || !is_blank_record(csv))
            return rc;
    }
}

size_t lf_csv_nfields(const lf_csv *csv) { return csv->nfields; }

const char *lf_csv_field(const lf_csv *csv, size_t i)
{
    return i < csv->nfields ? csv->text + csv->fields[i].offset : "";
}

long lf_csv_line(const lf_csv *csv) { return csv->record_line; }

long lf_csv_column(const lf_csv *csv, size_t i)
{
    if (i < csv->nfields)
        return csv->fields[i].column;
    return csv->nfields ? csv->fields[csv->nfields - 1].column : 1;
}

const char *lf_csv_path(const lf_csv *csv) { return csv->path; }

int lf_csv_error(const lf_csv *csv, size_t i, lf_error *err, int code, const char *fmt,
                 ...)
{
    long line = i < csv->nfields ? csv->fields[i].line : csv->record_line;
    va_list ap;
    va_start(ap, fmt);
    lf_error_vat(err, code, csv->path, line, lf_csv_column(csv, i), fmt, ap);
    va_end(ap);
    return code;
}

int lf_csv_read_header(lf_csv *csv, lf_error *err)
{
    int has_row = 0;
    int rc = lf_csv_next(csv, &has_row, err);
    if (rc != LF_OK)
        return rc;
    if (!has_row)
        return lf_error_at(err, LF_ERR_DATA, csv->path, 1, 0,
                           "the file is empty (a header row was expected)");
    csv->header = calloc(csv->nfields, sizeof *csv->header);
    if (!csv->header)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s", csv->path);
    csv->nheader = csv->nfields;
    for (size_t i = 0; i < csv->nfields; i++) {
        const char *f = lf_csv_field(csv, i);
        csv->header[i] = malloc(strlen(f) + 1);
        if (!csv->header[i])
            return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s", csv->path);
        strcpy(csv->header[i], f);
    }
    return LF_OK;
}

size_t lf_csv_header_count(const lf_csv *csv) { return csv->nheader; }

const char *lf_csv_header_name(const lf_csv *csv, size_t i)
{
    return i < csv->nheader ? csv->header[i] : NULL;
}

long lf_csv_find(const lf_csv *csv, const char *name)
{
    for (size_t i = 0; i < csv->nheader; i++)
        if (strcasecmp(csv->header[i], name) == 0)
            return (long)i;
    return -1;
}

int lf_csv_require(const lf_csv *csv, const char *name, size_t *index, lf_error *err)
{
    long i = lf_csv_find(csv, name);
    if (i >= 0) {
        *index = (size_t)i;
        return LF_OK;
    }
    char hint[128], list[256] = "";
    lf_suggest_hint(hint, sizeof hint, name, (const char *const *)csv->header,
                    csv->nheader);
    for (size_t k = 0; k < csv->nheader; k++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", csv->header[k]);
    }
    return lf_error_at(err, LF_ERR_NOTFOUND, csv->path, 1, 0,
                       "no column '%s' in the header%s; columns are: %s", name, hint, list);
}

int lf_csv_check_width(const lf_csv *csv, lf_error *err)
{
    if (csv->nfields == csv->nheader)
        return LF_OK;
    return lf_error_at(err, LF_ERR_PARSE, csv->path, csv->record_line, 0,
                       "row has %zu fields but the header has %zu (a missing or extra "
                       "'%c'?)", csv->nfields, csv->nheader, csv->delim == '\t' ? 'T' : csv->delim);
}

static int is_missing_token(const char *s)
{
    return *s == '\0' || strcasecmp(s, "NA") == 0 || strcasecmp(s, "NaN") == 0 ||
           strcasecmp(s, "null") == 0 || strcmp(s, "-") == 0 || strcasecmp(s, "N/A") == 0;
}

int lf_csv_number(const lf_csv *csv, size_t i, double *out, int *missing, lf_error *err)
{
    const char *s = lf_csv_field(csv, i);
    if (missing)
        *missing = 0;
    if (is_missing_token(s)) {
        *out = NAN;
        if (missing)
            *missing = 1;
        return LF_OK;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v) || errno == ERANGE) {
        const char *what = i < csv->nheader ? csv->header[i] : "field";
        return lf_csv_error(csv, i, err, LF_ERR_PARSE,
                            "expected a number in column '%s', got '%.40s'", what, s);
    }
    *out = v;
    return LF_OK;
}
