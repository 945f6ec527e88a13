/* output_files.c - the output of a subcommand that writes a set of files
 * which only make sense together (lfc peakshift, lfc tariff): all of them or
 * none, and one of them echoed on stdout for --format csv|json|md. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* NAME.part: written beside NAME so that the rename stays on one file system. */
static int part_name(char *buf, size_t size, const char *path, lf_error *err)
{
    if ((size_t)snprintf(buf, size, "%s.part", path) >= size)
        return lf_error_set(err, LF_ERR_ARG, "output path too long: %s", path);
    return LF_OK;
}

/* *written = how many parts exist (to remove them when a later one fails). */
static int write_parts(const char *dir, const char *const *names, size_t n,
                       lfc_file_writer *write, const void *ctx, char (*path)[4096],
                       size_t *written, lf_error *err)
{
    char part[4100];
    int rc = LF_OK;
    for (size_t k = 0; k < n && rc == LF_OK; k++) {
        rc = lfc_path_in(path[k], sizeof path[k], dir, names[k], err);
        if (rc == LF_OK)
            rc = part_name(part, sizeof part, path[k], err);
        if (rc == LF_OK && (rc = write(k, part, ctx, err)) == LF_OK)
            *written = k + 1;
    }
    return rc;
}

/* Files of an earlier run that this run does not write: gone, so that
 * none of them looks like a part of this run's set. */
static int remove_stale(const char *dir, const char *const *stale, size_t nstale,
                        lf_error *err)
{
    char path[4096];
    int rc = LF_OK;
    for (size_t k = 0; k < nstale && rc == LF_OK; k++)
        if ((rc = lfc_path_in(path, sizeof path, dir, stale[k], err)) == LF_OK &&
            unlink(path) != 0 && errno != ENOENT)
            rc = lf_error_set(err, LF_ERR_IO, "cannot remove %s of an earlier run: %s", path,
                              strerror(errno));
    return rc;
}

/* A run that fails half-way (a full disk) leaves none of its files: each
 * is written complete under NAME.part, the stale files removed, and only
 * then are they renamed. */
int lfc_write_file_set(const char *dir, const char *const *names, size_t n,
                       const char *const *stale, size_t nstale, lfc_file_writer *write,
                       const void *ctx, char (*path)[4096], lf_error *err)
{
    char part[4100];
    size_t written = 0;
    int rc = lfc_make_dirs(dir, err);
    if (rc == LF_OK)
        rc = write_parts(dir, names, n, write, ctx, path, &written, err);
    if (rc == LF_OK)
        rc = remove_stale(dir, stale, nstale, err);
    for (size_t k = 0; k < n && rc == LF_OK; k++)
        if ((rc = part_name(part, sizeof part, path[k], err)) == LF_OK &&
            rename(part, path[k]) != 0)
            rc = lf_error_set(err, LF_ERR_IO, "cannot rename %s to %s: %s", part, path[k],
                              strerror(errno));
    for (size_t k = 0; k < written && rc != LF_OK; k++)
        if (part_name(part, sizeof part, path[k], NULL) == LF_OK)
            unlink(part);
    return rc;
}

int lfc_copy_to_stdout(const char *path, lf_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return lf_error_set(err, LF_ERR_IO, "cannot read back %s", path);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        fwrite(buf, 1, n, stdout);
    int bad = ferror(fp);
    fclose(fp);
    return bad ? lf_error_set(err, LF_ERR_IO, "cannot read back %s", path) : LF_OK;
}

int lfc_show(const lfc_options *opt, const char *csv_path, const char *json_path,
             lfc_table_fn *table, const void *run, lf_error *err)
{
    if (opt->quiet)
        return LF_OK;
    if (opt->format == LFC_CSV)
        return lfc_copy_to_stdout(csv_path, err);
    if (opt->format == LFC_JSON)
        return lfc_copy_to_stdout(json_path, err);
    if (opt->format == LFC_MD)
        return lfc_csv_to_markdown(stdout, csv_path, err);
    table(run);
    return LF_OK;
}
