/* test_error.c - filling lf_error records (libforecast/core/error.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "libforecast.h"

Test(error, set_and_at)
{
    lf_error err;
    cr_assert_eq(lf_error_set(&err, LF_ERR_ARG, "n is %d", 3), LF_ERR_ARG);
    cr_assert_str_eq(err.message, "n is 3");
    cr_assert_eq(lf_error_at(&err, LF_ERR_PARSE, "a.csv", 4, 7, "bad"), LF_ERR_PARSE);
    cr_assert_str_eq(err.message, "a.csv:4:7: bad");
    cr_assert_eq(lf_error_set(NULL, LF_ERR_IO, "ignored"), LF_ERR_IO);
}

/* A context goes before the message already there, and the code is replaced. */
Test(error, prefix_keeps_the_inner_message)
{
    lf_error err;
    lf_error_set(&err, LF_ERR_ARG, "growth rate 5 %% is not a number");
    cr_assert_eq(lf_error_prefix(&err, LF_ERR_CONFIG, "scenario '%s': ", "low"),
                 LF_ERR_CONFIG);
    cr_assert_eq(err.code, LF_ERR_CONFIG);
    cr_assert_str_eq(err.message, "scenario 'low': growth rate 5 % is not a number");
    cr_assert_eq(lf_error_prefix(NULL, LF_ERR_DATA, "x: "), LF_ERR_DATA);
}

/* A message that no longer fits is cut at the record's size, never overrun. */
Test(error, prefix_truncates_safely)
{
    lf_error err;
    char inner[LF_ERROR_MESSAGE_MAX];
    memset(inner, 'e', sizeof inner - 1);
    inner[sizeof inner - 1] = '\0';
    lf_error_set(&err, LF_ERR_DATA, "%s", inner);
    lf_error_prefix(&err, LF_ERR_DATA, "context: ");
    cr_assert_eq(strlen(err.message), LF_ERROR_MESSAGE_MAX - 1);
    cr_assert_eq(strncmp(err.message, "context: eee", 12), 0);
}
