/* report.c - the report as a document (report.h): headings, paragraphs,
 * tables and charts in order, every text copied, every chart drawn into
 * memory when it is added, so the writers only copy bytes out. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/grow.h"
#include "report_internal.h"

static char *copy(const char *s)
{
    return s ? strdup(s) : NULL;
}

int lf_report_new(const char *title, lf_report **out, lf_error *err)
{
    if (!out)
        return lf_error_set(err, LF_ERR_ARG, "report: out is NULL");
    *out = NULL;
    if (!title)
        return lf_error_set(err, LF_ERR_ARG, "report: title is NULL");
    lf_report *r = calloc(1, sizeof *r);
    if (!r || !(r->title = copy(title))) {
        free(r);
        return lf_error_set(err, LF_ERR_NOMEM, "report: out of memory");
    }
    *out = r;
    return LF_OK;
}

static void free_block(lf_block *b)
{
    for (size_t i = 0; b->cells && i < (1 + b->nrows) * b->ncols; i++)
        free(b->cells[i]);
    free(b->cells);
    free(b->text);
}

void lf_report_free(lf_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nblocks; i++)
        free_block(&r->blocks[i]);
    for (size_t i = 0; i < r->ncharts; i++) {
        free(r->charts[i].name);
        free(r->charts[i].svg);
    }
    free(r->blocks);
    free(r->charts);
    free(r->title);
    free(r);
}

/* Appends b (whose memory the report then owns), or frees it on failure. */
static int add_block(lf_report *r, lf_block *b, lf_error *err)
{
    lf_block *blocks = lf_grow(r->blocks, r->nblocks, &r->block_cap, sizeof *blocks);
    if (!blocks) {
        free_block(b);
        return lf_error_set(err, LF_ERR_NOMEM, "report: out of memory");
    }
    r->blocks = blocks;
    r->blocks[r->nblocks++] = *b;
    return LF_OK;
}

int lf_report_heading(lf_report *r, int level, const char *text, lf_error *err)
{
    if (!r || !text)
        return lf_error_set(err, LF_ERR_ARG, "report heading: %s is NULL", r ? "text" : "report");
    if (level < 2 || level > 4)
        return lf_error_set(err, LF_ERR_ARG, "report heading: level %d is not 2..4", level);
    lf_block b = {.kind = LF_BLOCK_HEADING, .level = level, .text = copy(text)};
    if (!b.text)
        return lf_error_set(err, LF_ERR_NOMEM, "report: out of memory");
    return add_block(r, &b, err);
}

int lf_report_text(lf_report *r, const char *text, lf_error *err)
{
    if (!r || !text)
        return lf_error_set(err, LF_ERR_ARG, "report text: %s is NULL", r ? "text" : "report");
    lf_block b = {.kind = LF_BLOCK_TEXT, .text = copy(text)};
    if (!b.text)
        return lf_error_set(err, LF_ERR_NOMEM, "report: out of memory");
    return add_block(r, &b, err);
}

static int check_table(const lf_report *r, size_t ncols, const char *const *header,
                       size_t nrows, const char *const *cells, lf_error *err)
{
    if (!r)
        return lf_error_set(err, LF_ERR_ARG, "report table: report is NULL");
    if (ncols == 0)
        return lf_error_set(err, LF_ERR_ARG, "report table: ncols is 0");
    if (!header)
        return lf_error_set(err, LF_ERR_ARG, "report table: header is NULL");
    if (nrows && !cells)
        return lf_error_set(err, LF_ERR_ARG, "report table: cells is NULL (nrows %zu)", nrows);
    if (nrows > SIZE_MAX / ncols - 1 || (1 + nrows) * ncols > SIZE_MAX / sizeof(char *))
        return lf_error_set(err, LF_ERR_ARG, "report table: %zu x %zu cells are too many",
                            nrows, ncols);
    return LF_OK;
}

int lf_report_table(lf_report *r, const char *caption, size_t ncols,
                    const char *const *header, size_t nrows, const char *const *cells,
                    lf_error *err)
{
    int rc = check_table(r, ncols, header, nrows, cells, err);
    if (rc)
        return rc;
    size_t n = (1 + nrows) * ncols;
    lf_block b = {.kind = LF_BLOCK_TABLE, .ncols = ncols, .nrows = nrows,
                  .text = copy(caption), .cells = calloc(n, sizeof(char *))};
    int failed = !b.cells || (caption && !b.text);
    for (size_t i = 0; !failed && i < n; i++) {
        const char *s = i < ncols ? header[i] : cells[i - ncols];
        failed = s && !(b.cells[i] = copy(s));
    }
    if (failed) {
        free_block(&b);
        return lf_error_set(err, LF_ERR_NOMEM, "report: out of memory");
    }
    return add_block(r, &b, err);
}

/* ---- charts ------------------------------------------------------------------------- */

static int check_name(const lf_report *r, const char *name, lf_error *err)
{
    if (!r)
        return lf_error_set(err, LF_ERR_ARG, "report chart: report is NULL");
    if (!name)
        return lf_error_set(err, LF_ERR_ARG, "report chart: name is NULL");
    size_t n = strlen(name);
    if (n == 0 || n > LF_REPORT_NAME_MAX ||
        strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != n)
        return lf_error_set(err, LF_ERR_ARG, "report chart: name '%.*s' is not 1..%d letters, "
                            "digits, '_' or '-'", LF_REPORT_NAME_MAX, name, LF_REPORT_NAME_MAX);
    for (size_t i = 0; i < r->ncharts; i++)
        if (strcmp(r->charts[i].name, name) == 0)
            return lf_error_set(err, LF_ERR_ARG, "report chart: name '%s' is taken", name);
    return LF_OK;
}

typedef int draw_fn(FILE *fp, const void *chart, lf_error *err);

/* The svg into memory; a stream that fails there has run out of it. */
static int draw_svg(draw_fn *draw, const void *chart, lf_report_chart *out, lf_error *err)
{
    out->svg = NULL;
    out->len = 0;
    FILE *fp = open_memstream(&out->svg, &out->len);
    if (!fp)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory drawing the chart");
    int rc = draw(fp, chart, err);
    if (fclose(fp) != 0 && rc == LF_OK)
        rc = LF_ERR_IO;
    if (rc == LF_ERR_IO)
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory drawing the chart");
    if (rc) {
        free(out->svg);
        out->svg = NULL;
    }
    return rc;
}

static int add_chart(lf_report *r, const char *name, const char *caption, draw_fn *draw,
                     const void *chart, lf_error *err)
{
    int rc = check_name(r, name, err);
    if (rc)
        return rc;
    lf_report_chart c;
    if ((rc = draw_svg(draw, chart, &c, err)))
        return lf_error_prefix(err, rc, "chart '%s': ", name);
    lf_report_chart *charts = lf_grow(r->charts, r->ncharts, &r->chart_cap, sizeof *charts);
    if (charts)
        r->charts = charts;
    lf_block b = {.kind = LF_BLOCK_CHART, .text = copy(caption), .chart = r->ncharts};
    c.name = copy(name);
    if (!charts || !c.name || (caption && !b.text)) {
        free(c.svg);
        free(c.name);
        free(b.text);
        return lf_error_set(err, LF_ERR_NOMEM, "report: out of memory");
    }
    if ((rc = add_block(r, &b, err))) {
        free(c.svg);
        free(c.name);
        return rc;
    }
    r->charts[r->ncharts++] = c;
    return LF_OK;
}

static int fan(FILE *fp, const void *c, lf_error *err) { return lf_svg_fan_chart(fp, c, err); }
static int bar(FILE *fp, const void *c, lf_error *err) { return lf_svg_bar_chart(fp, c, err); }
static int duration(FILE *fp, const void *c, lf_error *err)
{
    return lf_svg_duration_chart(fp, c, err);
}

int lf_report_fan_chart(lf_report *r, const char *name, const char *caption,
                        const lf_fan_chart *c, lf_error *err)
{
    return add_chart(r, name, caption, fan, c, err);
}

int lf_report_bar_chart(lf_report *r, const char *name, const char *caption,
                        const lf_bar_chart *c, lf_error *err)
{
    return add_chart(r, name, caption, bar, c, err);
}

int lf_report_duration_chart(lf_report *r, const char *name, const char *caption,
                             const lf_duration_chart *c, lf_error *err)
{
    return add_chart(r, name, caption, duration, c, err);
}

size_t lf_report_ncharts(const lf_report *r) { return r ? r->ncharts : 0; }

const char *lf_report_chart_name(const lf_report *r, size_t i)
{
    return r && i < r->ncharts ? r->charts[i].name : NULL;
}
