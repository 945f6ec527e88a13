/* config_test.h - shared by the config tests: load a config from text, or
 * expect it to fail with exactly this located message. */
#ifndef LF_TESTS_CONFIG_TEST_H
#define LF_TESTS_CONFIG_TEST_H

#include <criterion/criterion.h>

#include "libforecast/config.h"

static lf_config *load(const char *text)
{
    lf_error err;
    lf_config *cfg = NULL;
    cr_assert_eq(lf_config_load_string(text, "project.yaml", NULL, &cfg, &err), LF_OK, "%s",
                 err.message);
    return cfg;
}

static void expect_error(const char *text, const char *message)
{
    lf_error err;
    lf_config *cfg = NULL;
    int rc = lf_config_load_string(text, "project.yaml", NULL, &cfg, &err);
    cr_assert_eq(rc, LF_ERR_CONFIG, "status %d: %s", rc, err.message);
    cr_assert_null(cfg);
    cr_assert_str_eq(err.message, message);
}

#endif
