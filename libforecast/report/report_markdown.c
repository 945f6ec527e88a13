/* report_markdown.c - the report as Markdown (report.h) and the chart files
 * it links to.  Text is escaped so it renders as written: the punctuation
 * Markdown acts on anywhere gets a backslash (CommonMark renders "\x" as x
 * for any ASCII punctuation), and at a line's start also what would open a
 * list, a heading underline or an ordered item; leading blanks, which could
 * open a code block, are dropped. */
#include <ctype.h>
#include <string.h>

#include "libforecast.h"
#include "report_internal.h"

typedef struct md_state {
    enum { MID, LINE_START, DIGITS } at;
    int one_line;             /* headings, cells, captions: a newline is a blank */
} md_state;

static int md_escape(FILE *fp, char c, void *ctx)
{
    md_state *st = ctx;
    if (st->at == LINE_START && (c == ' ' || c == '\t'))
        return 1;
    if (c == '\n' && !st->one_line) {
        fputc('\n', fp);
        st->at = LINE_START;
        return 1;
    }
    if (c == '\n' || c == '\t') {
        fputc(' ', fp);
        st->at = MID;
        return 1;
    }
    int start = st->at == LINE_START, digits = st->at == DIGITS;
    st->at = isdigit((unsigned char)c) && (start || digits) ? DIGITS : MID;
    if (strchr("\\`*_[]<>|~&#", c) || (start && strchr("-+=", c)) ||
        (digits && (c == '.' || c == ')'))) {
        fputc('\\', fp);
        fputc(c, fp);
        return 1;
    }
    return 0;
}

static void md_put(FILE *fp, const char *s, int one_line)
{
    md_state st = {one_line ? MID : LINE_START, one_line};
    lf_put_text(fp, s ? s : "", md_escape, &st);
}

/* | a | b | */
static void table_row(FILE *fp, const lf_block *t, size_t i)
{
    for (size_t j = 0; j < t->ncols; j++) {
        fputs(j ? " | " : "| ", fp);
        md_put(fp, t->cells[i * t->ncols + j], 1);
    }
    fputs(" |\n", fp);
}

static void table(FILE *fp, const lf_block *t)
{
    if (t->text) {
        fputs("Table: ", fp); /* pandoc's caption; elsewhere a plain line */
        md_put(fp, t->text, 1);
        fputs("\n\n", fp);
    }
    table_row(fp, t, 0);
    for (size_t j = 0; j < t->ncols; j++)
        fputs(lf_report_numeric_column(t, j) ? "| ---: " : "| --- ", fp);
    fputs("|\n", fp);
    for (size_t i = 1; i <= t->nrows; i++)
        table_row(fp, t, i);
}

typedef struct md_ctx {
    const lf_report *r;
    const char *prefix;
} md_ctx;

static void block(FILE *fp, const md_ctx *m, const lf_block *b)
{
    switch (b->kind) {
    case LF_BLOCK_HEADING:
        fprintf(fp, "%.*s ", b->level, "####");
        md_put(fp, b->text, 1);
        break;
    case LF_BLOCK_TEXT:
        md_put(fp, b->text, 0);
        break;
    case LF_BLOCK_TABLE:
        table(fp, b);
        return; /* ends with its newline */
    case LF_BLOCK_CHART:
        /* pandoc makes an image alone in its paragraph a figure, alt as caption */
        fputs("![", fp);
        md_put(fp, b->text ? b->text : m->r->charts[b->chart].name, 1);
        fprintf(fp, "](%s%s.svg)", m->prefix, m->r->charts[b->chart].name);
        break;
    }
    fputc('\n', fp);
}

static int write_markdown(FILE *fp, const void *ctx)
{
    const md_ctx *m = ctx;
    fputs("# ", fp);
    md_put(fp, m->r->title, 1);
    fputs("\n", fp);
    for (size_t i = 0; i < m->r->nblocks; i++) {
        fputc('\n', fp);
        block(fp, m, &m->r->blocks[i]);
    }
    fprintf(fp, "\n---\n\nMade by libforecast %s\n", lf_version());
    return ferror(fp) != 0;
}

int lf_report_write_markdown(const lf_report *r, const char *path, const char *chart_prefix,
                             lf_error *err)
{
    if (!r || !path)
        return lf_error_set(err, LF_ERR_ARG, "report markdown: %s is NULL",
                            r ? "path" : "report");
    const char *prefix = chart_prefix ? chart_prefix : "";
    if (strspn(prefix, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./") !=
        strlen(prefix))
        return lf_error_set(err, LF_ERR_ARG, "report markdown: chart prefix '%s' holds more "
                            "than letters, digits, '_', '-', '.', '/'", prefix);
    md_ctx m = {r, prefix};
    return lf_atomic_write(path, write_markdown, &m, err);
}

/* ---- the chart files ------------------------------------------------------------------ */

static int write_svg(FILE *fp, const void *ctx)
{
    const lf_report_chart *c = ctx;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
    fwrite(c->svg, 1, c->len, fp);
    return ferror(fp) != 0;
}

int lf_report_write_chart(const lf_report *r, size_t i, const char *path, lf_error *err)
{
    if (!r || !path)
        return lf_error_set(err, LF_ERR_ARG, "report chart file: %s is NULL",
                            r ? "path" : "report");
    if (i >= r->ncharts)
        return lf_error_set(err, LF_ERR_ARG, "report chart file: chart %zu of %zu", i,
                            r->ncharts);
    return lf_atomic_write(path, write_svg, &r->charts[i], err);
}
