/* report_html.c - the report as one self-contained HTML page (report.h):
 * one inline stylesheet, charts as inline SVG, no script and nothing fetched
 * (the icon link is an empty data: URL, so a browser asks no server for
 * /favicon.ico).  Void elements are closed ("<meta ... />") so the page also
 * reads as XML, which the tests check. */
#include <stdio.h>
#include <string.h>

#include "libforecast.h"
#include "report_internal.h"

static const char STYLE[] =
    "body {\n"
    "  font: 15px/1.5 system-ui, sans-serif;\n"
    "  color: #222; background: #fff;\n"
    "  max-width: 960px; margin: 2em auto; padding: 0 1em;\n"
    "}\n"
    "h1 { font-size: 1.6em; border-bottom: 2px solid #0072b2; padding-bottom: .2em; }\n"
    "h2 { font-size: 1.3em; margin-top: 1.8em; }\n"
    "h3 { font-size: 1.1em; }\n"
    ".table-wrap { overflow-x: auto; }\n"
    "table { border-collapse: collapse; margin: 1em 0; font-size: .9em; }\n"
    "caption { caption-side: top; text-align: left; font-weight: 600; padding: .3em 0; }\n"
    "th, td { padding: .3em .7em; border-bottom: 1px solid #ddd; text-align: left; "
    "vertical-align: top; }\n"
    "th { background: #eef2f6; border-bottom: 2px solid #bbb; }\n"
    "tbody tr:nth-child(even) { background: #f6f8fa; }\n"
    ".num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }\n"
    "figure.chart { margin: 1.5em 0; }\n"
    "figure.chart svg { display: block; max-width: 100%; height: auto; }\n"
    "figcaption { font-size: .9em; color: #555; margin-top: .4em; }\n"
    "footer { margin-top: 3em; padding-top: .5em; border-top: 1px solid #ddd; "
    "font-size: .8em; color: #777; }\n"
    "@media print {\n"
    "  body { max-width: none; margin: 0; font-size: 10.5pt; }\n"
    "  .table-wrap { overflow: visible; }\n"
    "  figure, tr { break-inside: avoid; }\n"
    "  h2, h3, h4 { break-after: avoid; }\n"
    "}\n";

static void head(FILE *fp, const lf_report *r)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
          "<title>", fp);
    lf_xml_put(fp, r->title);
    fprintf(fp, "</title>\n<link rel=\"icon\" href=\"data:,\" />\n<style>\n%s</style>\n"
            "</head>\n<body>\n<main>\n<h1>", STYLE);
    lf_xml_put(fp, r->title);
    fputs("</h1>\n", fp);
}

static void cell(FILE *fp, const char *tag, const char *s, int num)
{
    fprintf(fp, "<%s%s>", tag, num ? " class=\"num\"" : "");
    if (s)
        lf_xml_put(fp, s);
    fprintf(fp, "</%s>", tag);
}

static void table(FILE *fp, const lf_block *t)
{
    fputs("<div class=\"table-wrap\"><table>\n", fp);
    if (t->text) {
        fputs("<caption>", fp);
        lf_xml_put(fp, t->text);
        fputs("</caption>\n", fp);
    }
    fputs("<thead><tr>", fp);
    for (size_t j = 0; j < t->ncols; j++)
        cell(fp, "th", t->cells[j], lf_report_numeric_column(t, j));
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t i = 1; i <= t->nrows; i++) {
        fputs("<tr>", fp);
        for (size_t j = 0; j < t->ncols; j++) {
            const char *s = t->cells[i * t->ncols + j];
            cell(fp, "td", s, lf_report_is_number(s));
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody>\n</table></div>\n", fp);
}

static void chart(FILE *fp, const lf_report_chart *c, const char *caption)
{
    size_t len = c->len;
    if (len && c->svg[len - 1] == '\n')
        len--;
    fprintf(fp, "<figure id=\"chart-%s\" class=\"chart\">", c->name); /* a checked name */
    fwrite(c->svg, 1, len, fp);
    if (caption) {
        fputs("<figcaption>", fp);
        lf_xml_put(fp, caption);
        fputs("</figcaption>", fp);
    }
    fputs("</figure>\n", fp);
}

static void block(FILE *fp, const lf_report *r, const lf_block *b)
{
    switch (b->kind) {
    case LF_BLOCK_HEADING:
        fprintf(fp, "<h%d>", b->level);
        lf_xml_put(fp, b->text);
        fprintf(fp, "</h%d>\n", b->level);
        break;
    case LF_BLOCK_TEXT:
        fputs("<p>", fp);
        lf_xml_put(fp, b->text);
        fputs("</p>\n", fp);
        break;
    case LF_BLOCK_TABLE:
        table(fp, b);
        break;
    case LF_BLOCK_CHART:
        chart(fp, &r->charts[b->chart], b->text);
        break;
    }
}

static int write_html(FILE *fp, const void *ctx)
{
    const lf_report *r = ctx;
    head(fp, r);
    for (size_t i = 0; i < r->nblocks; i++)
        block(fp, r, &r->blocks[i]);
    fprintf(fp, "</main>\n<footer>Made by libforecast %s</footer>\n</body>\n</html>\n",
            lf_version());
    return ferror(fp) != 0;
}

int lf_report_write_html(const lf_report *r, const char *path, lf_error *err)
{
    if (!r || !path)
        return lf_error_set(err, LF_ERR_ARG, "report html: %s is NULL", r ? "path" : "report");
    return lf_atomic_write(path, write_html, r, err);
}
