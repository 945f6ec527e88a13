/* test_csv.c - the strict CSV reader (libforecast/io/csv.c): quoting, line
 * ends, BOM, blank lines, trimming, field positions, header lookup, row width
 * and number parsing.
 *
 * Readable cases live in tests/fixtures/csv/; byte-exact ones (CRLF, BOM, no
 * final newline) are written by the test into a private mkdtemp directory that
 * fini removes, so tests stay independent when Criterion runs them in
 * parallel. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch_file.h"
#include "libforecast/csv.h"

#define FIX "tests/fixtures/csv/"

/* ---- per-test temporary directory ------------------------------------------ */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/lf_test_csv.XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir), "mkdtemp failed");
}

static void remove_tmpdir(void)
{
    if (!tmpdir[0])
        return;
    scratch_remove_dir(tmpdir);
    tmpdir[0] = '\0';
}

TestSuite(csv, .init = make_tmpdir, .fini = remove_tmpdir);

/* Write exactly len bytes to tmpdir/name and return the path (static buffer
 * per call site is not needed: each test writes at most a few files). */
static const char *write_file(const char *name, const char *bytes, size_t len)
{
    static char paths[4][400];
    static int next;
    char *p = paths[next++ % 4];
    snprintf(p, 400, "%s/%s", tmpdir, name);
    FILE *fp = fopen(p, "wb");
    cr_assert_not_null(fp, "cannot create %s", p);
    cr_assert_eq(fwrite(bytes, 1, len, fp), len);
    fclose(fp);
    return p;
}

#define WRITE(name, literal) write_file(name, literal, sizeof literal - 1)

static lf_csv *open_ok(const char *path, char delim)
{
    lf_error err;
    lf_error_clear(&err);
    lf_csv *csv = lf_csv_open(path, delim, &err);
    cr_assert_not_null(csv, "open %s: %s", path, err.message);
    return csv;
}

/* Read the next record, asserting there is one. */
static void next_row(lf_csv *csv)
{
    lf_error err;
    lf_error_clear(&err);
    int has_row = -1;
    int rc = lf_csv_next(csv, &has_row, &err);
    cr_assert_eq(rc, LF_OK, "lf_csv_next: %s", err.message);
    cr_assert_eq(has_row, 1, "expected another record");
}

static void expect_end(lf_csv *csv)
{
    int has_row = -1;
    cr_assert_eq(lf_csv_next(csv, &has_row, NULL), LF_OK);
    cr_assert_eq(has_row, 0, "expected end of file, got a record at line %ld",
                 lf_csv_line(csv));
}

static void expect_field(const lf_csv *csv, size_t i, const char *text, long line,
                         long column)
{
    cr_assert_str_eq(lf_csv_field(csv, i), text, "field %zu", i);
    if (column > 0)
        cr_assert_eq(lf_csv_column(csv, i), column, "column of field %zu ('%s')", i, text);
    if (line > 0) {
        /* the field's own line is visible through the error prefix */
        lf_error err;
        lf_csv_error(csv, i, &err, LF_ERR_DATA, "x");
        char prefix[300];
        snprintf(prefix, sizeof prefix, "%s:%ld:%ld: x", lf_csv_path(csv), line,
                 lf_csv_column(csv, i));
        cr_assert_str_eq(err.message, prefix);
    }
}

/* ---- quoting ------------------------------------------------------------------ */

Test(csv, quoted_fields_delimiters_doubled_quotes_newlines)
{
    lf_csv *csv = open_ok(FIX "quoted.csv", ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    cr_assert_eq(lf_csv_header_count(csv), 3);

    /* line 2: 1,"Smith, John","said ""hi""" */
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 2);
    cr_assert_eq(lf_csv_nfields(csv), 3);
    expect_field(csv, 0, "1", 2, 1);
    expect_field(csv, 1, "Smith, John", 2, 3);    /* opening quote at column 3 */
    expect_field(csv, 2, "said \"hi\"", 2, 17);   /* 1 , "Smith, John" (13) , -> 17 */

    /* lines 3-4: 2,"multi<LF>line",x - one record starting on line 3; the
     * third field sits on line 4 at column 7 (l i n e " , x) */
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 3);
    cr_assert_eq(lf_csv_nfields(csv), 3);
    expect_field(csv, 0, "2", 3, 1);
    expect_field(csv, 1, "multi\nline", 3, 3);
    expect_field(csv, 2, "x", 4, 7);

    /* line 5: the line count continues correctly after the multi-line field;
     * spaces inside quotes are kept */
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 5);
    expect_field(csv, 0, "3", 5, 1);
    expect_field(csv, 1, "plain", 5, 3);
    expect_field(csv, 2, "  spaced  ", 5, 9);

    /* line 6: 4,"", - a quoted empty field and an empty last field */
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 6);
    cr_assert_eq(lf_csv_nfields(csv), 3);
    expect_field(csv, 1, "", 6, 3);
    expect_field(csv, 2, "", 6, 6);
    cr_assert_eq(lf_csv_check_width(csv, NULL), LF_OK);
    expect_end(csv);
    lf_csv_close(csv);
}

Test(csv, unterminated_quote_is_an_error)
{
    const char *p = WRITE("bad.csv", "a,b\n1,2\n3,\"oops\n4,5\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    next_row(csv);
    lf_error err;
    lf_error_clear(&err);
    int has_row = 0;
    cr_assert_eq(lf_csv_next(csv, &has_row, &err), LF_ERR_PARSE);
    cr_assert_eq(err.code, LF_ERR_PARSE);
    /* the record with the open quote starts on line 3 */
    char want[400];
    snprintf(want, sizeof want, "%s:3: unterminated", p);
    cr_assert(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
    lf_csv_close(csv);
}

Test(csv, text_after_closing_quote_is_an_error)
{
    /* "ab"c: the c is at line 2, column 5 */
    const char *p = WRITE("q.csv", "h1,h2\n\"ab\"c,d\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    lf_error err;
    int has_row;
    cr_assert_eq(lf_csv_next(csv, &has_row, &err), LF_ERR_PARSE);
    char want[400];
    snprintf(want, sizeof want, "%s:2:5: ", p);
    cr_assert(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
    cr_assert(strstr(err.message, "'c'") != NULL, "%s", err.message);
    lf_csv_close(csv);
}

Test(csv, spaces_after_closing_quote_are_allowed)
{
    const char *p = WRITE("q.csv", "\"a b\"  ,  \"c\"\t\n");
    lf_csv *csv = open_ok(p, ',');
    next_row(csv);
    cr_assert_eq(lf_csv_nfields(csv), 2);
    expect_field(csv, 0, "a b", 1, 1);
    expect_field(csv, 1, "c", 1, 11); /* two blanks after ',' at column 8 */
    expect_end(csv);
    lf_csv_close(csv);
}

/* ---- line ends, BOM, blank lines, trimming -------------------------------------------- */

Test(csv, crlf_line_ends)
{
    /* line 1 header, 2 a row, 3 blank, 4 a row; no '\r' may survive */
    const char *p = WRITE("crlf.csv", "a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    cr_assert_str_eq(lf_csv_header_name(csv, 1), "b");
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 2);
    expect_field(csv, 0, "1", 2, 1);
    expect_field(csv, 1, "2", 2, 3);
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 4);
    expect_field(csv, 0, "3", 4, 1);
    /* a CRLF inside quotes is data and is kept as written */
    cr_assert_str_eq(lf_csv_field(csv, 1), "x\r\ny");
    expect_end(csv);
    lf_csv_close(csv);
}

Test(csv, bare_cr_line_ends)
{
    const char *p = WRITE("cr.csv", "a,b\r1,2\r3,4");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 2);
    cr_assert_str_eq(lf_csv_field(csv, 1), "2");
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 3);
    cr_assert_str_eq(lf_csv_field(csv, 1), "4");
    expect_end(csv);
    lf_csv_close(csv);
}

Test(csv, utf8_bom_is_skipped)
{
    const char *p = WRITE("bom.csv", "\xEF\xBB\xBF" "date,value\n2024-01-01,5\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    cr_assert_str_eq(lf_csv_header_name(csv, 0), "date");
    cr_assert_eq(lf_csv_find(csv, "date"), 0);
    cr_assert_eq(lf_csv_column(csv, 0), 1);
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 2);
    cr_assert_str_eq(lf_csv_field(csv, 0), "2024-01-01");
    lf_csv_close(csv);
}

Test(csv, leading_ef_byte_that_is_not_a_bom_is_kept)
{
    /* 0xEF 'x': not a BOM, so the first header name keeps both bytes */
    const char *p = WRITE("nobom.csv", "\xEFx,b\n1,2\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    cr_assert_str_eq(lf_csv_header_name(csv, 0), "\xEFx");
    next_row(csv);
    cr_assert_str_eq(lf_csv_field(csv, 1), "2");
    lf_csv_close(csv);
}

Test(csv, blank_lines_are_skipped_and_counted)
{
    /* lines: 1 header, 2 blank, 3 "1", 4 blank, 5 spaces only, 6 "2", 7 blank */
    const char *p = WRITE("blank.csv", "a\n\n1\n\n   \n2\n\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 3);
    cr_assert_str_eq(lf_csv_field(csv, 0), "1");
    next_row(csv);
    cr_assert_eq(lf_csv_line(csv), 6);
    cr_assert_str_eq(lf_csv_field(csv, 0), "2");
    expect_end(csv);
    lf_csv_close(csv);
}

Test(csv, no_final_newline)
{
    const char *p = WRITE("nonl.csv", "a,b\n1,2");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    next_row(csv);
    cr_assert_str_eq(lf_csv_field(csv, 1), "2");
    expect_end(csv);
    expect_end(csv); /* reading past the end stays at the end */
    lf_csv_close(csv);
}

Test(csv, trimming_and_columns)
{
    /* " a , b ,c": a at column 2, b at 6, c at 9; trailing blanks dropped */
    const char *p = WRITE("trim.csv", " a , b ,c\n\t x\t, \"q\" ,\n");
    lf_csv *csv = open_ok(p, ',');
    next_row(csv);
    cr_assert_eq(lf_csv_nfields(csv), 3);
    expect_field(csv, 0, "a", 1, 2);
    expect_field(csv, 1, "b", 1, 6);
    expect_field(csv, 2, "c", 1, 9);
    /* "\t x\t, \"q\" ,": x at column 3, the quote of q at column 7, the empty
     * last field after the ',' at column 11 starts at 12 */
    next_row(csv);
    cr_assert_eq(lf_csv_nfields(csv), 3);
    expect_field(csv, 0, "x", 2, 3);
    expect_field(csv, 1, "q", 2, 7);
    expect_field(csv, 2, "", 2, 12);
    lf_csv_close(csv);
}

Test(csv, inner_spaces_are_kept)
{
    const char *p = WRITE("inner.csv", "a b,  c  d  \n");
    lf_csv *csv = open_ok(p, ',');
    next_row(csv);
    expect_field(csv, 0, "a b", 1, 1);
    expect_field(csv, 1, "c  d", 1, 7);
    lf_csv_close(csv);
}

Test(csv, tab_and_semicolon_delimiters)
{
    const char *p = WRITE("tab.csv", "a\tb c\n1,5\t2;3\n");
    lf_csv *csv = open_ok(p, '\t');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    cr_assert_eq(lf_csv_find(csv, "b c"), 1);
    next_row(csv);
    cr_assert_eq(lf_csv_nfields(csv), 2);
    expect_field(csv, 0, "1,5", 2, 1);
    expect_field(csv, 1, "2;3", 2, 5);
    lf_csv_close(csv);

    csv = open_ok(FIX "semicolon.csv", ';');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    cr_assert_eq(lf_csv_header_count(csv), 3);
    next_row(csv);
    expect_field(csv, 1, "12.5", 2, 12);
    next_row(csv);
    expect_field(csv, 1, "12,5", 3, 12); /* a comma is data in a ';' file */
    lf_csv_close(csv);
}

/* ---- open / header errors ------------------------------------------------------------------ */

Test(csv, open_errors)
{
    lf_error err;
    lf_error_clear(&err);
    cr_assert_null(lf_csv_open(FIX "quoted.csv", '|', &err));
    cr_assert_eq(err.code, LF_ERR_ARG);
    cr_assert_null(lf_csv_open(FIX "does_not_exist.csv", ',', &err));
    cr_assert_eq(err.code, LF_ERR_IO);
    cr_assert(strstr(err.message, FIX "does_not_exist.csv") != NULL, "%s", err.message);
    cr_assert_null(lf_csv_open(FIX "does_not_exist.csv", ',', NULL));
    lf_csv_close(NULL); /* allowed */
}

Test(csv, empty_file_has_no_header)
{
    const char *p = WRITE("empty.csv", "");
    lf_csv *csv = open_ok(p, ',');
    lf_error err;
    cr_assert_eq(lf_csv_read_header(csv, &err), LF_ERR_DATA);
    cr_assert(strstr(err.message, "empty") != NULL, "%s", err.message);
    lf_csv_close(csv);

    p = WRITE("blank_only.csv", "\n\n  \n");
    csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, &err), LF_ERR_DATA);
    lf_csv_close(csv);
}

Test(csv, header_lookup_and_require)
{
    const char *p = WRITE("h.csv", "Date,Load_MW,temp\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    cr_assert_eq(lf_csv_header_count(csv), 3);
    cr_assert_str_eq(lf_csv_header_name(csv, 1), "Load_MW");
    cr_assert_null(lf_csv_header_name(csv, 3));
    cr_assert_eq(lf_csv_find(csv, "load_mw"), 1); /* ASCII case-insensitive */
    cr_assert_eq(lf_csv_find(csv, "DATE"), 0);
    cr_assert_eq(lf_csv_find(csv, "load"), -1);

    size_t idx = 99;
    lf_error err;
    cr_assert_eq(lf_csv_require(csv, "TEMP", &idx, &err), LF_OK);
    cr_assert_eq(idx, 2);

    idx = 99;
    cr_assert_eq(lf_csv_require(csv, "lod_mw", &idx, &err), LF_ERR_NOTFOUND);
    cr_assert_eq(idx, 99);
    char want[400];
    snprintf(want, sizeof want, "%s:1: no column 'lod_mw'", p);
    cr_assert(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
    cr_assert(strstr(err.message, "did you mean 'Load_MW'?") != NULL, "%s", err.message);
    cr_assert(strstr(err.message, "columns are: Date, Load_MW, temp") != NULL, "%s",
              err.message);

    /* nothing close: no suggestion, still the list */
    cr_assert_eq(lf_csv_require(csv, "humidity", &idx, &err), LF_ERR_NOTFOUND);
    cr_assert(strstr(err.message, "did you mean") == NULL, "%s", err.message);
    cr_assert(strstr(err.message, "columns are: Date, Load_MW, temp") != NULL, "%s",
              err.message);
    cr_assert_eq(lf_csv_require(csv, "humidity", &idx, NULL), LF_ERR_NOTFOUND);
    lf_csv_close(csv);
}

/* ---- width checks ------------------------------------------------------------------------------- */

Test(csv, check_width_short_and_long_rows)
{
    const char *p = WRITE("w.csv", "a,b,c\n1,2,3\n1,2\n1,2,3,4\n,,\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    lf_error err;
    next_row(csv);
    cr_assert_eq(lf_csv_check_width(csv, &err), LF_OK);

    next_row(csv); /* line 3: two fields */
    cr_assert_eq(lf_csv_check_width(csv, &err), LF_ERR_PARSE);
    char want[400];
    snprintf(want, sizeof want, "%s:3: row has 2 fields but the header has 3", p);
    cr_assert(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
    /* asking for a field past the end gives "" and the last field's column */
    cr_assert_str_eq(lf_csv_field(csv, 2), "");
    cr_assert_eq(lf_csv_column(csv, 2), 3);

    next_row(csv); /* line 4: four fields */
    cr_assert_eq(lf_csv_check_width(csv, &err), LF_ERR_PARSE);
    snprintf(want, sizeof want, "%s:4: row has 4 fields but the header has 3", p);
    cr_assert(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);

    next_row(csv); /* line 5: three empty fields is a full row */
    cr_assert_eq(lf_csv_nfields(csv), 3);
    cr_assert_eq(lf_csv_check_width(csv, NULL), LF_OK);
    lf_csv_close(csv);
}

/* ---- numbers ------------------------------------------------------------------------------------- */

Test(csv, numbers_and_missing_tokens)
{
    /* fields:   0     1   2   3    4     5  6    7     8      9     10   */
    const char *p = WRITE("n.csv", "12.5,-3,+4,1e3, 7 ,,NA,nan,NULL,-,N/A,na,\"2.5\"\n");
    lf_csv *csv = open_ok(p, ',');
    next_row(csv);
    double v;
    int missing = -1;
    const double want[] = {12.5, -3, 4, 1000, 7};
    for (size_t i = 0; i < 5; i++) {
        cr_assert_eq(lf_csv_number(csv, i, &v, &missing, NULL), LF_OK, "field %zu", i);
        cr_assert_eq(missing, 0);
        cr_assert_eq(v, want[i], "field %zu: %g", i, v);
    }
    /* empty, NA, NaN, null, -, N/A, lower-case na: all missing */
    for (size_t i = 5; i < 12; i++) {
        missing = 0;
        v = 0;
        cr_assert_eq(lf_csv_number(csv, i, &v, &missing, NULL), LF_OK, "field %zu ('%s')", i,
                     lf_csv_field(csv, i));
        cr_assert_eq(missing, 1, "field %zu ('%s')", i, lf_csv_field(csv, i));
        cr_assert(isnan(v), "field %zu", i);
    }
    cr_assert_eq(lf_csv_number(csv, 12, &v, NULL, NULL), LF_OK); /* quoted number */
    cr_assert_eq(v, 2.5);
    cr_assert_eq(lf_csv_number(csv, 5, &v, NULL, NULL), LF_OK);  /* missing may be NULL */
    cr_assert(isnan(v));
    lf_csv_close(csv);
}

/* Rejections in a ';' file, each at file:line:column of the value field. */
Test(csv, number_rejections_name_position)
{
    lf_csv *csv = open_ok(FIX "semicolon.csv", ';');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    next_row(csv); /* line 2: 12.5 is fine */
    double v = 0;
    cr_assert_eq(lf_csv_number(csv, 1, &v, NULL, NULL), LF_OK);
    cr_assert_eq(v, 12.5);

    static const char *const bad[] = {"12,5", "1e999", "3 MW"};
    for (int k = 0; k < 3; k++) {
        next_row(csv); /* lines 3, 4, 5; value field at column 12 */
        lf_error err;
        lf_error_clear(&err);
        v = 42;
        int missing = 7;
        cr_assert_eq(lf_csv_number(csv, 1, &v, &missing, &err), LF_ERR_PARSE, "%s", bad[k]);
        char want[200];
        snprintf(want, sizeof want,
                 FIX "semicolon.csv:%d:12: expected a number in column 'value', got '%s'",
                 3 + k, bad[k]);
        cr_assert_str_eq(err.message, want);
        cr_assert_eq(missing, 0);
        cr_assert_eq(v, 42); /* output untouched on failure */
    }
    lf_csv_close(csv);
}

Test(csv, more_number_rejections)
{
    const char *p = WRITE("bad.csv", "v\ninf\n-inf\n1.5.2\nabc\n12e\n--1\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    for (int k = 0; k < 6; k++) {
        next_row(csv);
        double v;
        lf_error err;
        cr_assert_eq(lf_csv_number(csv, 0, &v, NULL, &err), LF_ERR_PARSE, "'%s' accepted",
                     lf_csv_field(csv, 0));
        char want[300];
        snprintf(want, sizeof want, "%s:%d:1: ", p, 2 + k);
        cr_assert(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
    }
    lf_csv_close(csv);
}

Test(csv, number_beyond_header_is_named_field)
{
    const char *p = WRITE("x.csv", "a\n1,zz\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    next_row(csv);
    double v;
    lf_error err;
    cr_assert_eq(lf_csv_number(csv, 1, &v, NULL, &err), LF_ERR_PARSE);
    cr_assert(strstr(err.message, "column 'field'") != NULL, "%s", err.message);
    cr_assert(strstr(err.message, ":2:3: ") != NULL, "%s", err.message);
    lf_csv_close(csv);
}

Test(csv, error_helper_formats_position)
{
    const char *p = WRITE("e.csv", "a,b\n1,  two\n");
    lf_csv *csv = open_ok(p, ',');
    cr_assert_eq(lf_csv_read_header(csv, NULL), LF_OK);
    next_row(csv);
    lf_error err;
    cr_assert_eq(lf_csv_error(csv, 1, &err, LF_ERR_DATA, "bad %s %d", "thing", 7),
                 LF_ERR_DATA);
    cr_assert_eq(err.code, LF_ERR_DATA);
    char want[300];
    snprintf(want, sizeof want, "%s:2:5: bad thing 7", p); /* "two" starts at column 5 */
    cr_assert_str_eq(err.message, want);
    cr_assert_eq(lf_csv_error(csv, 1, NULL, LF_ERR_PARSE, "x"), LF_ERR_PARSE);
    cr_assert_str_eq(lf_csv_path(csv), p);
    lf_csv_close(csv);
}

Test(csv, long_record_grows_buffers)
{
    /* 5000 fields of 10 bytes each: well past the initial 1 KiB text buffer and
     * 32 field slots */
    size_t n = 5000, len = n * 11;
    char *buf = malloc(len + 1);
    cr_assert_not_null(buf);
    for (size_t i = 0; i < n; i++)
        snprintf(buf + i * 11, 12, "%010zu%c", i, i + 1 < n ? ',' : '\n');
    const char *p = write_file("long.csv", buf, len);
    free(buf);
    lf_csv *csv = open_ok(p, ',');
    next_row(csv);
    cr_assert_eq(lf_csv_nfields(csv), n);
    cr_assert_str_eq(lf_csv_field(csv, 0), "0000000000");
    cr_assert_str_eq(lf_csv_field(csv, 4999), "0000004999");
    cr_assert_eq(lf_csv_column(csv, 4999), 4999 * 11 + 1);
    lf_csv_close(csv);
}
