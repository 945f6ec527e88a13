/* config_test.h - shared by the config tests: load a config from text, or
 * expect it to fail with exactly this located message; for the tests of a
 * section's data files (peakshift, tariff), a scratch directory to write
 * small files into, so that their lines can be counted there.  The helpers
 * not every test uses are static inline (no unused-function warning). */
#ifndef LF_TESTS_CONFIG_TEST_H
#define LF_TESTS_CONFIG_TEST_H

#include <stdio.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "libforecast/config.h"

static inline lf_config *load(const char *text)
{
    lf_error err;
    lf_config *cfg = NULL;
    cr_assert_eq(lf_config_load_string(text, "project.yaml", NULL, &cfg, &err), LF_OK, "%s",
                 err.message);
    return cfg;
}

static inline void expect_error(const char *text, const char *message)
{
    lf_error err;
    lf_config *cfg = NULL;
    int rc = lf_config_load_string(text, "project.yaml", NULL, &cfg, &err);
    cr_assert_eq(rc, LF_ERR_CONFIG, "status %d: %s", rc, err.message);
    cr_assert_null(cfg);
    cr_assert_str_eq(err.message, message);
}

static inline lf_date day(int y, int m, int d)
{
    return lf_date_from_ymd(y, m, d);
}

/* A config whose relative paths are resolved against dir. */
static inline lf_config *load_at(const char *text, const char *dir)
{
    lf_error err;
    lf_config *cfg = NULL;
    cr_assert_eq(lf_config_load_string(text, "project.yaml", dir, &cfg, &err), LF_OK, "%s",
                 err.message);
    return cfg;
}

/* ---- a scratch directory (made by the test's scratch_new) ---- */

static char scratch[64];

static inline void scratch_file(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", scratch, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

/* Removes the files names[0..n) the test may have written, then the directory. */
static inline void scratch_clear(const char *const *names, size_t n)
{
    char path[128];
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", scratch, names[i]);
        unlink(path);
    }
    rmdir(scratch);
}

/* message with every %s replaced by the scratch directory (at most two). */
static inline const char *in_scratch(const char *message)
{
    static char buf[800];
    snprintf(buf, sizeof buf, message, scratch, scratch);
    return buf;
}

#endif
