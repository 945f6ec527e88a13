/* test_frame.c - the daily frame (libforecast/core/frame.c): allocation,
 * columns, rows, merging, and atomic CSV output. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libforecast/frame.h"

/* ---- per-test temporary directory ------------------------------------------ */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/lf_test_frame.XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir), "mkdtemp failed");
}

/* Entries of a directory other than . and .. (at most 16 names kept). */
static int list_dir(const char *dir, char names[][256], int max)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n < max)
            snprintf(names[n], 256, "%s", e->d_name);
        n++;
    }
    closedir(d);
    return n;
}

static void remove_tree(const char *dir)
{
    char names[16][256];
    int n = list_dir(dir, names, 16);
    for (int i = 0; i < n && i < 16; i++) {
        char p[600];
        snprintf(p, sizeof p, "%.300s/%.255s", dir, names[i]);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            unlink(p);
    }
    rmdir(dir);
}

static void remove_tmpdir(void)
{
    if (tmpdir[0])
        remove_tree(tmpdir);
    tmpdir[0] = '\0';
}

TestSuite(frame, .init = make_tmpdir, .fini = remove_tmpdir);

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static lf_frame *new_frame(int y, int m, int d, size_t ndays)
{
    lf_error err;
    lf_frame *f = lf_frame_new(lf_date_from_ymd(y, m, d), ndays, &err);
    cr_assert_not_null(f, "lf_frame_new: %s", err.message);
    return f;
}

/* ---- construction and columns ---------------------------------------------------- */

Test(frame, new_and_bounds)
{
    lf_frame *f = new_frame(2024, 2, 27, 4);
    cr_assert_eq(f->start, lf_date_from_ymd(2024, 2, 27));
    cr_assert_eq(f->ndays, 4);
    cr_assert_eq(f->ncols, 0);
    cr_assert_eq(lf_frame_end(f), lf_date_from_ymd(2024, 3, 1)); /* 27, 28, 29, Mar 1 */
    cr_assert_eq(lf_frame_row(f, lf_date_from_ymd(2024, 2, 27)), 0);
    cr_assert_eq(lf_frame_row(f, lf_date_from_ymd(2024, 2, 29)), 2);
    cr_assert_eq(lf_frame_row(f, lf_date_from_ymd(2024, 3, 1)), 3);
    cr_assert_eq(lf_frame_row(f, lf_date_from_ymd(2024, 3, 2)), -1);
    cr_assert_eq(lf_frame_row(f, lf_date_from_ymd(2024, 2, 26)), -1);
    lf_frame_free(f);

    lf_error err;
    lf_error_clear(&err);
    cr_assert_null(lf_frame_new(0, 0, &err));
    cr_assert_eq(err.code, LF_ERR_ARG);
    cr_assert_null(lf_frame_new(0, 10u * 1000 * 1000 + 1, &err));
    cr_assert_eq(err.code, LF_ERR_ARG);
    cr_assert_null(lf_frame_new(0, 0, NULL));
    lf_frame_free(NULL); /* allowed */
}

Test(frame, add_find_columns)
{
    lf_frame *f = new_frame(2024, 1, 1, 3);
    lf_error err;
    double *a = lf_frame_add_column(f, "energy_mwh", "MWh", &err);
    cr_assert_not_null(a, "%s", err.message);
    for (size_t i = 0; i < 3; i++)
        cr_assert(isnan(a[i]), "new columns are all missing");
    double *b = lf_frame_add_column(f, "note", NULL, &err); /* NULL unit = "" */
    cr_assert_not_null(b);
    cr_assert_eq(f->ncols, 2);
    cr_assert_str_eq(f->cols[0].name, "energy_mwh");
    cr_assert_str_eq(f->cols[0].unit, "MWh");
    cr_assert_str_eq(f->cols[1].unit, "");
    cr_assert_eq(lf_frame_column(f, "energy_mwh"), a);
    cr_assert_eq(lf_frame_column(f, "note"), b);
    cr_assert_null(lf_frame_column(f, "Energy_MWh")); /* names are case-sensitive */
    cr_assert_eq(lf_frame_column_index(f, "note"), 1);
    cr_assert_eq(lf_frame_column_index(f, "nope"), -1);

    /* duplicate and empty names are refused and change nothing */
    lf_error_clear(&err);
    cr_assert_null(lf_frame_add_column(f, "energy_mwh", "MWh", &err));
    cr_assert_eq(err.code, LF_ERR_ARG);
    cr_assert(strstr(err.message, "'energy_mwh'") != NULL, "%s", err.message);
    cr_assert_null(lf_frame_add_column(f, "", "MWh", &err));
    cr_assert_eq(err.code, LF_ERR_ARG);
    cr_assert_null(lf_frame_add_column(f, NULL, "MWh", NULL));
    cr_assert_eq(f->ncols, 2);
    lf_frame_free(f);
}

Test(frame, many_columns_keep_earlier_pointers_valid)
{
    lf_frame *f = new_frame(2024, 1, 1, 5);
    double *first = lf_frame_add_column(f, "c0", "1", NULL);
    cr_assert_not_null(first);
    first[4] = 42;
    for (int k = 1; k < 40; k++) { /* past the initial 8 slots, several reallocs */
        char name[16];
        snprintf(name, sizeof name, "c%d", k);
        double *v = lf_frame_add_column(f, name, "1", NULL);
        cr_assert_not_null(v, "column %d", k);
        v[0] = k;
    }
    cr_assert_eq(f->ncols, 40);
    cr_assert_geq(f->capacity, 40);
    cr_assert_eq(lf_frame_column(f, "c0"), first); /* value arrays never move */
    cr_assert_eq(lf_frame_column(f, "c0")[4], 42);
    cr_assert_eq(lf_frame_column(f, "c39")[0], 39);
    cr_assert_eq(lf_frame_column_index(f, "c17"), 17);
    lf_frame_free(f);
}

/* ---- merge ---------------------------------------------------------------------------- */

Test(frame, merge_aligns_dates_and_prefixes)
{
    /* dst: 2024-01-01 .. 01-05; src: 2024-01-03 .. 01-07 */
    lf_frame *dst = new_frame(2024, 1, 1, 5);
    lf_frame *src = new_frame(2024, 1, 3, 5);
    double *own = lf_frame_add_column(dst, "load", "MW", NULL);
    own[0] = 1;
    double *t = lf_frame_add_column(src, "tmean_c", "degC", NULL);
    double *h = lf_frame_add_column(src, "humidity_pct", "%", NULL);
    for (int i = 0; i < 5; i++) {
        t[i] = 10 + i; /* 01-03: 10, 01-04: 11, 01-05: 12, 01-06: 13, 01-07: 14 */
        h[i] = 50 + i;
    }
    h[1] = NAN; /* 01-04 missing in src stays missing */
    lf_error err;
    cr_assert_eq(lf_frame_merge(dst, src, "w_", &err), LF_OK, "%s", err.message);
    cr_assert_eq(dst->ncols, 3);
    const double *wt = lf_frame_column(dst, "w_tmean_c");
    const double *wh = lf_frame_column(dst, "w_humidity_pct");
    cr_assert_not_null(wt);
    cr_assert_not_null(wh);
    cr_assert_str_eq(dst->cols[1].unit, "degC");
    cr_assert_str_eq(dst->cols[2].unit, "%");
    /* dst rows 01-01, 01-02 precede src: NaN; 01-03..01-05 = src rows 0..2 */
    cr_assert(isnan(wt[0]) && isnan(wt[1]));
    cr_assert_eq(wt[2], 10);
    cr_assert_eq(wt[3], 11);
    cr_assert_eq(wt[4], 12);
    cr_assert(isnan(wh[3]));
    cr_assert_eq(wh[4], 52);
    cr_assert_eq(lf_frame_column(dst, "load")[0], 1); /* existing column untouched */
    /* the copy is a copy */
    t[2] = -99;
    cr_assert_eq(wt[4], 12);

    /* src entirely before dst: all NaN; no prefix keeps the name */
    lf_frame *early = new_frame(2023, 12, 1, 10);
    double *e = lf_frame_add_column(early, "gdp", "idx", NULL);
    for (int i = 0; i < 10; i++)
        e[i] = 7;
    cr_assert_eq(lf_frame_merge(dst, early, NULL, &err), LF_OK);
    for (int i = 0; i < 5; i++)
        cr_assert(isnan(lf_frame_column(dst, "gdp")[i]));
    lf_frame_free(early);
    lf_frame_free(src);
    lf_frame_free(dst);
}

Test(frame, merge_src_covering_dst)
{
    /* src 2023-12-30 .. 2024-01-09 covers dst 2024-01-01 .. 01-03 */
    lf_frame *dst = new_frame(2024, 1, 1, 3);
    lf_frame *src = new_frame(2023, 12, 30, 11);
    double *v = lf_frame_add_column(src, "x", "1", NULL);
    for (int i = 0; i < 11; i++)
        v[i] = i; /* 2024-01-01 is src row 2 */
    cr_assert_eq(lf_frame_merge(dst, src, "", NULL), LF_OK);
    const double *x = lf_frame_column(dst, "x");
    cr_assert(x[0] == 2 && x[1] == 3 && x[2] == 4, "%g %g %g", x[0], x[1], x[2]);
    lf_frame_free(src);
    lf_frame_free(dst);
}

Test(frame, merge_is_all_or_nothing)
{
    lf_frame *dst = new_frame(2024, 1, 1, 3);
    lf_frame *src = new_frame(2024, 1, 1, 3);
    double *keep = lf_frame_add_column(dst, "b", "MW", NULL);
    keep[0] = 5;
    lf_frame_add_column(src, "a", "1", NULL)[0] = 1;
    lf_frame_add_column(src, "b", "1", NULL)[0] = 2; /* clashes with dst's b */
    lf_frame_add_column(src, "c", "1", NULL)[0] = 3;
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(lf_frame_merge(dst, src, NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "'b'") != NULL, "%s", err.message);
    /* 'a' was added before the clash and must be gone again */
    cr_assert_eq(dst->ncols, 1);
    cr_assert_null(lf_frame_column(dst, "a"));
    cr_assert_null(lf_frame_column(dst, "c"));
    cr_assert_eq(lf_frame_column(dst, "b"), keep);
    cr_assert_eq(keep[0], 5);
    cr_assert_str_eq(dst->cols[0].unit, "MW");
    /* without an error record the status still comes back */
    cr_assert_neq(lf_frame_merge(dst, src, NULL, NULL), LF_OK);
    cr_assert_eq(dst->ncols, 1);
    /* with a prefix the same merge succeeds */
    cr_assert_eq(lf_frame_merge(dst, src, "s_", &err), LF_OK);
    cr_assert_eq(dst->ncols, 4);
    cr_assert_eq(lf_frame_column(dst, "s_b")[0], 2);
    lf_frame_free(src);
    lf_frame_free(dst);
}

/* ---- CSV output ---------------------------------------------------------------------------- */

static const char *tmp_path(const char *name)
{
    static char p[400];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    return p;
}

Test(frame, write_csv_content)
{
    /* three days across the leap day; NaN is written as an empty field,
     * integers without decimals, others with up to 10 significant digits */
    lf_frame *f = new_frame(2024, 2, 28, 3);
    double *e = lf_frame_add_column(f, "energy_mwh", "MWh", NULL);
    double *p = lf_frame_add_column(f, "peak_mw", "MW", NULL);
    double *r = lf_frame_add_column(f, "ratio", "1", NULL);
    e[0] = 1234.5;
    e[2] = 7;
    p[0] = 100;
    p[1] = 0.125;
    p[2] = -3;
    r[0] = 1.0 / 3.0; /* 0.3333333333 */
    r[1] = 2e20;      /* large integers fall back to %g: 2e+20 */
    r[2] = -0.5;
    const char *path = tmp_path("out.csv");
    lf_error err;
    cr_assert_eq(lf_frame_write_csv(f, path, &err), LF_OK, "%s", err.message);
    char *text = slurp(path);
    cr_assert_not_null(text);
    cr_assert_str_eq(text, "date,energy_mwh,peak_mw,ratio\n"
                           "2024-02-28,1234.5,100,0.3333333333\n"
                           "2024-02-29,,0.125,2e+20\n"
                           "2024-03-01,7,-3,-0.5\n");
    /* only the output file is left in the directory (no temporary) */
    char names[16][256];
    cr_assert_eq(list_dir(tmpdir, names, 16), 1);
    cr_assert_str_eq(names[0], "out.csv");
    lf_frame_free(f);
}

Test(frame, write_csv_no_columns)
{
    lf_frame *f = new_frame(1999, 12, 31, 2);
    const char *path = tmp_path("dates.csv");
    cr_assert_eq(lf_frame_write_csv(f, path, NULL), LF_OK);
    cr_assert_str_eq(slurp(path), "date\n1999-12-31\n2000-01-01\n");
    lf_frame_free(f);
}

Test(frame, write_csv_replaces_existing_file)
{
    const char *path = tmp_path("out.csv");
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("old content that is longer than the new one\n\n\n\n\n\n\n\n\n", fp);
    fclose(fp);
    lf_frame *f = new_frame(2024, 1, 1, 1);
    lf_frame_add_column(f, "x", "1", NULL)[0] = 2;
    cr_assert_eq(lf_frame_write_csv(f, path, NULL), LF_OK);
    cr_assert_str_eq(slurp(path), "date,x\n2024-01-01,2\n");
    char names[16][256];
    cr_assert_eq(list_dir(tmpdir, names, 16), 1);
    /* outputs are ordinary readable files, not mkstemp's 0600 */
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert(st.st_mode & S_IRGRP, "mode %o", (unsigned)st.st_mode);
    lf_frame_free(f);
}

Test(frame, failed_write_leaves_no_file)
{
    lf_frame *f = new_frame(2024, 1, 1, 2);
    lf_frame_add_column(f, "x", "1", NULL)[0] = 1;

    /* directory does not exist: error naming the path, nothing created */
    char path[400];
    snprintf(path, sizeof path, "%s/missing_dir/out.csv", tmpdir);
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(lf_frame_write_csv(f, path, &err), LF_ERR_IO);
    cr_assert_eq(err.code, LF_ERR_IO);
    cr_assert(strstr(err.message, path) != NULL, "%s", err.message);
    cr_assert_neq(access(path, F_OK), 0);
    char names[16][256];
    cr_assert_eq(list_dir(tmpdir, names, 16), 0);

    /* target is an existing directory: the rename fails; the directory is
     * untouched and the temporary file is removed */
    snprintf(path, sizeof path, "%s/adir", tmpdir);
    cr_assert_eq(mkdir(path, 0755), 0);
    cr_assert_eq(lf_frame_write_csv(f, path, &err), LF_ERR_IO);
    cr_assert(strstr(err.message, path) != NULL, "%s", err.message);
    cr_assert_eq(list_dir(tmpdir, names, 16), 1, "a temporary file was left behind");
    cr_assert_str_eq(names[0], "adir");
    cr_assert_eq(list_dir(path, names, 16), 0);
    lf_frame_free(f);
}

Test(frame, failed_write_half_way_keeps_old_file)
{
    /* A write that fails after some bytes (as on a full disk): the file size
     * limit of this test process is 4 KiB and the frame needs ~240 KiB, so
     * fwrite fails with EFBIG part-way.  The previous output must survive
     * unchanged and no temporary file may be left. */
    const char *path = tmp_path("out.csv");
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("previous\n", fp);
    fclose(fp);
    lf_frame *f = new_frame(2000, 1, 1, 10000);
    double *v = lf_frame_add_column(f, "value_with_a_long_name", "1", NULL);
    for (size_t i = 0; i < f->ndays; i++)
        v[i] = 1.0 / (double)(i + 3); /* 10 significant digits each */
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim = {4096, 4096};
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    lf_error err;
    lf_error_clear(&err);
    int rc = lf_frame_write_csv(f, path, &err);
    cr_assert_eq(rc, LF_ERR_IO, "rc %d: %s", rc, err.message);
    cr_assert(strstr(err.message, path) != NULL, "%s", err.message);
    cr_assert_str_eq(slurp(path), "previous\n");
    char names[16][256];
    cr_assert_eq(list_dir(tmpdir, names, 16), 1, "a temporary file was left behind");
    lf_frame_free(f);
}
