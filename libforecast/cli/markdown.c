/* markdown.c - --format md: a CSV table as a GitHub-flavoured Markdown pipe
 * table, read with the library's CSV reader so that md shows exactly the
 * cells --format csv prints, whichever command made them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The whole field is a number (strtod's: nan and inf count, as they do for
 * anyone reading the CSV back; "2024-01" and "12 MW" do not). */
static int is_number(const char *s)
{
    char *end;
    strtod(s, &end);
    return end != s && *end == '\0';
}

/* numeric[j] for every column j of the header: no cell that is not a
 * number, and at least one that is.  Also checks every record's width. */
static int scan_columns(const char *path, size_t *ncols, int **numeric, lf_error *err)
{
    lf_csv *csv = lf_csv_open(path, ',', err);
    if (!csv)
        return err ? err->code : LF_ERR_IO;
    int rc = lf_csv_read_header(csv, err), has_row = 1;
    size_t n = rc == LF_OK ? lf_csv_header_count(csv) : 0;
    int *seen = calloc(n ? n : 1, sizeof *seen), *other = calloc(n ? n : 1, sizeof *other);
    if (rc == LF_OK && (!seen || !other))
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s", path);
    while (rc == LF_OK && (rc = lf_csv_next(csv, &has_row, err)) == LF_OK && has_row &&
           (rc = lf_csv_check_width(csv, err)) == LF_OK)
        for (size_t j = 0; j < n; j++) {
            const char *f = lf_csv_field(csv, j);
            if (*f)
                *(is_number(f) ? &seen[j] : &other[j]) = 1;
        }
    for (size_t j = 0; rc == LF_OK && j < n; j++)
        seen[j] = seen[j] && !other[j];
    free(other);
    lf_csv_close(csv);
    if (rc != LF_OK) {
        free(seen);
        return rc;
    }
    *ncols = n;
    *numeric = seen;
    return LF_OK;
}

/* A cell: '|' escaped so it does not end the cell, a backslash doubled so
 * that it does not escape what follows, a line break (quoted fields may
 * hold one) as <br> since a table row is one line. */
static void put_cell(FILE *out, const char *s)
{
    fputs(" ", out);
    for (; *s; s++) {
        if (*s == '|' || *s == '\\')
            fputc('\\', out);
        if (*s == '\n')
            fputs("<br>", out);
        else if (*s != '\r')
            fputc(*s, out);
    }
    fputs(" |", out);
}

static void put_row(FILE *out, const lf_csv *csv, size_t n, int header)
{
    fputc('|', out);
    for (size_t j = 0; j < n; j++)
        put_cell(out, header ? lf_csv_header_name(csv, j) : lf_csv_field(csv, j));
    fputc('\n', out);
}

static int print_table(FILE *out, const char *path, size_t n, const int *numeric,
                       lf_error *err)
{
    lf_csv *csv = lf_csv_open(path, ',', err);
    if (!csv)
        return err ? err->code : LF_ERR_IO;
    int rc = lf_csv_read_header(csv, err), has_row = 1;
    if (rc == LF_OK) {
        put_row(out, csv, n, 1);
        fputc('|', out);
        for (size_t j = 0; j < n; j++)
            fputs(numeric[j] ? " ---: |" : " --- |", out);
        fputc('\n', out);
    }
    while (rc == LF_OK && (rc = lf_csv_next(csv, &has_row, err)) == LF_OK && has_row)
        put_row(out, csv, n, 0);
    lf_csv_close(csv);
    return rc;
}

int lfc_csv_to_markdown(FILE *out, const char *csv_path, lf_error *err)
{
    size_t n = 0;
    int *numeric = NULL;
    int rc = scan_columns(csv_path, &n, &numeric, err);
    if (rc == LF_OK)
        rc = print_table(out, csv_path, n, numeric, err);
    free(numeric);
    return rc;
}

/* A private temporary file: the CSV reader reads files, and these tables
 * are small (a few hundred rows). */
int lfc_csv_fn_to_markdown(FILE *out, lfc_csv_fn *csv, const void *ctx, lf_error *err)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/lfc-md-XXXXXX", dir && *dir ? dir : "/tmp") >=
        sizeof path)
        return lf_error_set(err, LF_ERR_ARG, "TMPDIR is too long: %s", dir);
    int fd = mkstemp(path);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!fp) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            unlink(path);
        }
        return lf_error_set(err, LF_ERR_IO, "cannot create a temporary file %s: %s", path,
                            strerror(e));
    }
    csv(fp, ctx);
    int bad = ferror(fp);
    bad |= fclose(fp) != 0;
    int rc = bad ? lf_error_set(err, LF_ERR_IO, "cannot write the temporary file %s", path)
                 : lfc_csv_to_markdown(out, path, err);
    unlink(path);
    return rc;
}
