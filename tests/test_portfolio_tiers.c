/* test_portfolio_tiers.c - tiers from the customer evaluation applied to a
 * peak-shift portfolio (libforecast/planning/portfolio_tiers.c): the report's
 * counts, tier names in any case, extra columns, and the exact
 * file:line:column message of each mistake, after which the portfolio must
 * be exactly as before.  The portfolio is tests/fixtures/tiers/portfolio.yaml
 * (A1 general, B2 priority, H3 protected, D4 restricted, E5 commercial; they
 * start on lines 5, 9, 13, 17 and 21); bad tiers files are written from the
 * strings below, so each line and column can be counted right above it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scratch_file.h"
#include "libforecast/peakshift.h"

#define FIX "tests/fixtures/tiers/"

enum { RESTRICTED, GENERAL, COMMERCIAL, PRIORITY };

static lf_portfolio *fixture(void)
{
    lf_portfolio *p = NULL;
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(lf_portfolio_load(FIX "portfolio.yaml", &p, &err), LF_OK, "%s", err.message);
    cr_assert_eq(p->n, 5);
    return p;
}

static int tier_of(const lf_portfolio *p, const char *id)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->customers[i].id, id) == 0)
            return p->customers[i].tier;
    cr_assert_fail("no customer %s", id);
    return -2;
}

static lf_tiers_report apply_text(lf_portfolio *p, const char *text)
{
    scratch s;
    scratch_write(&s, "tiers.csv", text);
    lf_tiers_report r;
    memset(&r, 0xff, sizeof r);
    lf_error err;
    lf_error_clear(&err);
    int rc = lf_portfolio_apply_tiers(p, s.path, &r, &err);
    scratch_remove(&s);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    return r;
}

/* Applying text fails with code and exactly "<path>:message", and every byte
 * of the portfolio's customers is as before. */
static void expect_error(const char *text, int code, const char *message)
{
    lf_portfolio *p = fixture();
    lf_dr_customer before[5];
    memcpy(before, p->customers, sizeof before);
    scratch s;
    scratch_write(&s, "tiers.csv", text);
    lf_tiers_report r = {1, 2, 3, 4};
    lf_error err;
    lf_error_clear(&err);
    int rc = lf_portfolio_apply_tiers(p, s.path, &r, &err);
    scratch_remove(&s);
    cr_assert_eq(rc, code, "status %d: %s", rc, err.message);
    cr_assert_eq(err.code, code);
    size_t n = strlen(s.path);
    cr_assert(strncmp(err.message, s.path, n) == 0 && err.message[n] == ':', "%s",
              err.message);
    cr_assert_str_eq(err.message + n + 1, message);
    cr_assert(memcmp(before, p->customers, sizeof before) == 0, "the portfolio changed");
    cr_assert(r.applied == 0 && r.changed == 0 && r.not_in_file == 0 &&
              r.not_in_portfolio == 0, "the report is zero after an error");
    lf_portfolio_free(p);
}

/* ---- applying ----------------------------------------------------------------------- */

/* tests/fixtures/tiers/tiers.csv (columns id, name, segment, tier):
 *   A1 restricted   general -> restricted       applied, changed
 *   B2 priority     priority as before          applied
 *   H3 (empty)      protected in the portfolio  applied, keeps its tier
 *   D4 Restricted   restricted in another case  applied
 *   X9 general      not in the portfolio        not_in_portfolio
 *   E5 is not in the file                       not_in_file
 * applied 4, changed 1, not_in_file 1, not_in_portfolio 1. */
Test(portfolio_tiers, fixture_file)
{
    lf_portfolio *p = fixture();
    int h3 = tier_of(p, "H3");
    cr_assert_eq(h3, PRIORITY, "a protected customer read without a tier: the last");
    lf_tiers_report r;
    lf_error err;
    cr_assert_eq(lf_portfolio_apply_tiers(p, FIX "tiers.csv", &r, &err), LF_OK, "%s",
                 err.message);
    cr_assert_eq(r.applied, 4);
    cr_assert_eq(r.changed, 1);
    cr_assert_eq(r.not_in_file, 1);
    cr_assert_eq(r.not_in_portfolio, 1);
    cr_assert_eq(tier_of(p, "A1"), RESTRICTED);
    cr_assert_eq(tier_of(p, "B2"), PRIORITY);
    cr_assert_eq(tier_of(p, "H3"), h3);
    cr_assert_eq(tier_of(p, "D4"), RESTRICTED);
    cr_assert_eq(tier_of(p, "E5"), COMMERCIAL);
    cr_assert_eq(lf_portfolio_check(p, &err), LF_OK, "%s", err.message);
    lf_portfolio_free(p);
}

/* Every customer moved (rows in another order than the portfolio, quoted
 * and CRLF lines as the CSV reader allows): A1 general -> commercial, B2
 * priority -> general, D4 restricted -> priority, E5 commercial -> restricted;
 * changed 4 of applied 5, nothing left out on either side.  A NULL report is
 * allowed. */
Test(portfolio_tiers, every_customer_changed)
{
    lf_portfolio *p = fixture();
    const char *text = "id,tier\r\nE5,restricted\r\n\"D4\",\"priority\"\r\nH3,\r\n"
                       "B2,general\r\nA1,commercial\r\n";
    lf_tiers_report r = apply_text(p, text);
    cr_assert_eq(r.applied, 5);
    cr_assert_eq(r.changed, 4);
    cr_assert_eq(r.not_in_file, 0);
    cr_assert_eq(r.not_in_portfolio, 0);
    cr_assert_eq(tier_of(p, "A1"), COMMERCIAL);
    cr_assert_eq(tier_of(p, "B2"), GENERAL);
    cr_assert_eq(tier_of(p, "D4"), PRIORITY);
    cr_assert_eq(tier_of(p, "E5"), RESTRICTED);
    scratch s;
    scratch_write(&s, "tiers.csv", "id,tier\nA1,general\n");
    lf_error err;
    int rc = lf_portfolio_apply_tiers(p, s.path, NULL, &err);
    scratch_remove(&s);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    cr_assert_eq(tier_of(p, "A1"), GENERAL);
    lf_portfolio_free(p);
}

/* A header only: nothing applied, all 5 not in the file.  Ids of 31 bytes
 * (the most an id holds) are read and skipped as not in the portfolio. */
Test(portfolio_tiers, header_only_and_longest_id)
{
    lf_portfolio *p = fixture();
    lf_tiers_report r = apply_text(p, "id,tier\n");
    cr_assert_eq(r.applied, 0);
    cr_assert_eq(r.not_in_file, 5);
    cr_assert_eq(r.not_in_portfolio, 0);
    r = apply_text(p, "tier,id\ngeneral,abcdefghijklmnopqrstuvwxyz01234\n");
    cr_assert_eq(r.not_in_portfolio, 1);
    cr_assert_eq(r.not_in_file, 5);
    lf_portfolio_free(p);
}

/* A portfolio built in code: customers without a file line are named
 * without one. */
Test(portfolio_tiers, built_in_code)
{
    lf_error err;
    lf_portfolio *p = lf_portfolio_new(&err);
    cr_assert_not_null(p, "%s", err.message);
    p->ntiers = 2;
    strcpy(p->tiers[0], "first");
    strcpy(p->tiers[1], "last");
    lf_dr_customer c = {.id = "P", .peak_mw = 5, .tier = 1};
    cr_assert_eq(lf_portfolio_add(p, &c, &err), LF_OK, "%s", err.message);
    strcpy(c.id, "Q");
    c.is_protected = 1;
    cr_assert_eq(lf_portfolio_add(p, &c, &err), LF_OK, "%s", err.message);
    lf_tiers_report r = apply_text(p, "id,tier\nP,FIRST\nQ,\n");
    cr_assert_eq(r.applied, 2);
    cr_assert_eq(r.changed, 1);
    cr_assert_eq(p->customers[0].tier, 0);
    cr_assert_eq(p->customers[1].tier, 1);
    scratch s;
    scratch_write(&s, "tiers.csv", "id,tier\nQ,last\n");
    int rc = lf_portfolio_apply_tiers(p, s.path, NULL, &err);
    scratch_remove(&s);
    cr_assert_eq(rc, LF_ERR_DATA);
    cr_assert(strstr(err.message, ":2:3: customer 'Q' is protected in the portfolio (a "
                                  "safety load, never cut) but has tier 'last' here; leave "
                                  "its tier empty"), "%s", err.message);
    lf_portfolio_free(p);
}

/* ---- mistakes ----------------------------------------------------------------------- */

/* "B2,priorty": line 3, the tier starts at column 4. */
Test(portfolio_tiers_errors, unknown_tier)
{
    expect_error("id,tier\nA1,general\nB2,priorty\n", LF_ERR_DATA,
                 "3:4: customer 'B2': tier 'priorty' is not one of the portfolio's tiers "
                 "(restricted, general, commercial, priority) (did you mean 'priority'?); "
                 "leave it empty for a protected customer");
}

/* Also in a row the portfolio does not have (X9): the file was made with
 * other tier names. */
Test(portfolio_tiers_errors, unknown_tier_outside_the_portfolio)
{
    expect_error("id,tier\nA1,restricted\nX9,vip\n", LF_ERR_DATA,
                 "3:4: customer 'X9': tier 'vip' is not one of the portfolio's tiers "
                 "(restricted, general, commercial, priority); leave it empty for a "
                 "protected customer");
}

/* "H3,general" on line 3: H3 is protected in the portfolio (line 13). */
Test(portfolio_tiers_errors, protected_given_a_tier)
{
    expect_error("id,tier\nA1,restricted\nH3,general\n", LF_ERR_DATA,
                 "3:4: customer 'H3' is protected in the portfolio "
                 "(tests/fixtures/tiers/portfolio.yaml:13) (a safety load, never cut) but "
                 "has tier 'general' here; leave its tier empty");
}

/* "E5," on line 4: an empty tier (protected) for a customer that is not
 * (line 21); the empty field starts at column 4. */
Test(portfolio_tiers_errors, unprotected_without_tier)
{
    expect_error("id,tier\nA1,restricted\nH3,\nE5,\n", LF_ERR_DATA,
                 "4:4: customer 'E5' has an empty tier (protected) but is not protected in "
                 "the portfolio (tests/fixtures/tiers/portfolio.yaml:21); give it one of the "
                 "portfolio's tiers, or mark it protected there");
}

/* A1 on lines 2 and 4 (and 5): the error is at the second row, column 1,
 * pointing back to the first; even before the protected mismatch of H3 on
 * line 6, since errors come in file order... */
Test(portfolio_tiers_errors, duplicate_id)
{
    expect_error("id,tier\nA1,restricted\nB2,priority\nA1,general\nA1,general\nH3,general\n",
                 LF_ERR_DATA,
                 "4:1: customer 'A1' is listed twice (first on line 2); give each id one "
                 "row");
}

/* ... and the protected mismatch on line 3 comes before a duplicate on line 4. */
Test(portfolio_tiers_errors, first_error_in_file_order)
{
    expect_error("id,tier\nA1,restricted\nH3,general\nA1,general\n", LF_ERR_DATA,
                 "3:4: customer 'H3' is protected in the portfolio "
                 "(tests/fixtures/tiers/portfolio.yaml:13) (a safety load, never cut) but "
                 "has tier 'general' here; leave its tier empty");
}

/* A duplicate among ids the portfolio lacks is still a duplicate. */
Test(portfolio_tiers_errors, duplicate_outside_the_portfolio)
{
    expect_error("id,tier\nX9,general\nA1,restricted\nX9,general\n", LF_ERR_DATA,
                 "4:1: customer 'X9' is listed twice (first on line 2); give each id one "
                 "row");
}

Test(portfolio_tiers_errors, form)
{
    expect_error("id,tier\nA1,restricted\n,general\n", LF_ERR_PARSE,
                 "3:1: empty id; every row names a customer");
    expect_error("id,tier\nA1,restricted\nB2\n", LF_ERR_PARSE,
                 "3: row has 1 fields but the header has 2 (a missing or extra ','?)");
}

/* 32 bytes: one more than an id holds, at line 2 column 1. */
Test(portfolio_tiers_errors, id_too_long)
{
    expect_error("id,tier\nabcdefghijklmnopqrstuvwxyz012345,general\n", LF_ERR_PARSE,
                 "2:1: id 'abcdefghijklmnopqrstuvwxyz012345...' is longer than 31 bytes, "
                 "the most a customer id has");
}

Test(portfolio_tiers_errors, missing_column)
{
    expect_error("id,tiers\nA1,restricted\n", LF_ERR_NOTFOUND,
                 "1: no column 'tier' in the header (did you mean 'tiers'?); columns are: id, "
                 "tiers");
}

Test(portfolio_tiers_errors, empty_file)
{
    expect_error("", LF_ERR_DATA, "1: the file is empty (a header row was expected)");
}

/* A file that cannot be opened: LF_ERR_IO, also without an error record. */
Test(portfolio_tiers_errors, missing_file)
{
    lf_portfolio *p = fixture();
    lf_error err;
    cr_assert_eq(lf_portfolio_apply_tiers(p, FIX "no_such.csv", NULL, &err), LF_ERR_IO);
    cr_assert(strstr(err.message, "cannot open " FIX "no_such.csv"), "%s", err.message);
    cr_assert_eq(lf_portfolio_apply_tiers(p, FIX "no_such.csv", NULL, NULL), LF_ERR_IO);
    cr_assert_eq(lf_portfolio_apply_tiers(NULL, FIX "tiers.csv", NULL, NULL), LF_ERR_ARG);
    cr_assert_eq(lf_portfolio_apply_tiers(p, NULL, NULL, NULL), LF_ERR_ARG);
    lf_portfolio_free(p);
}

/* An invalid portfolio is reported by lf_portfolio_check, before the file
 * is read. */
Test(portfolio_tiers_errors, invalid_portfolio)
{
    lf_portfolio *p = fixture();
    p->customers[1].tier = 9;
    lf_error err;
    cr_assert_eq(lf_portfolio_apply_tiers(p, FIX "tiers.csv", NULL, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "customer 'B2': tier 9 is not one of the portfolio's 4 "
                                  "tiers"), "%s", err.message);
    cr_assert_eq(p->customers[0].tier, GENERAL);
    lf_portfolio_free(p);
}
