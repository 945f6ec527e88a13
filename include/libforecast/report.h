/* libforecast/report.h - charts as SVG and a report as one self-contained HTML
 * page plus a Markdown document, for the planner's reports (lfc plan).
 *
 * ---- Charts ----------------------------------------------------------------------------
 *
 * Each chart function writes ONE <svg> element to fp: xmlns, viewBox, width and
 * height, role="img", a <title>, the title drawn on top, the unit over the y axis,
 * light grey gridlines at round ticks (1, 2, 2.5 or 5 x 10^k), month ticks as
 * YYYY-MM (thinned to every 2nd, 3rd, 6th ... month, always on January), and a
 * legend under the plot.  No scripts, no links, no fonts but the generic
 * sans-serif; text is XML-escaped (& < > " '), UTF-8 passes unchanged (a byte
 * that is not UTF-8 becomes U+FFFD, a control character is dropped: XML allows
 * neither).  Coordinates carry at most 2 decimals, and nothing depends on the
 * clock, so the same input gives the same bytes.
 *
 * Inputs are checked before anything is written: a rule broken gives LF_ERR_ARG
 * naming the field and its index (and the month, where there is one); a value
 * that is infinite or beyond +-LF_CHART_VALUE_MAX is refused as well.  A write
 * that fails (ferror or fflush on fp) gives LF_ERR_IO.  Nothing is printed.
 *
 * ---- Reports ---------------------------------------------------------------------------
 *
 * An lf_report collects headings, paragraphs, tables and charts in order and
 * writes them as HTML (one inline <style>, charts inline, no JavaScript, no
 * external resource: it opens offline) and as Markdown (charts as image links
 * to .svg files the caller writes with lf_report_write_chart).  Both end with
 * "Made by libforecast VERSION"; neither holds a timestamp.  Every file is
 * written through lf_atomic_write: complete or absent.
 */
#ifndef LIBFORECAST_REPORT_H
#define LIBFORECAST_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LF_CHART_SERIES_MAX 4
#define LF_CHART_BAR_MONTHS_MAX 240  /* months of a bar chart */
#define LF_CHART_FAN_MONTHS_MAX 480  /* history + forecast months of a fan chart */
#define LF_CHART_VALUE_MAX 1e15      /* |value| above this (or infinite) is refused */
#define LF_REPORT_NAME_MAX 64        /* a chart name's characters */

/* History (a dark line) then a forecast: the band low..high shaded light blue
 * and the median line, a dashed vertical line where the forecast starts.  The
 * y axis fits the data (need not hold 0). */
typedef struct lf_fan_chart {
    const char *title;            /* required */
    const char *unit;             /* y axis unit, e.g. "GWh" (NULL: none) */
    int year, month;              /* the first month on the x axis; year 1..9999 */
    size_t nhistory;              /* months of actuals from year-month (0 allowed) */
    const double *history;        /* nhistory values, NaN = gap (line broken) */
    size_t nforecast;             /* months right after the history, >= 1 */
    const double *low, *mid, *high; /* nforecast each, finite, low <= mid <= high */
    const char *low_label, *mid_label, *high_label; /* NULL: "low", "median", "high" */
} lf_fan_chart;
int lf_svg_fan_chart(FILE *fp, const lf_fan_chart *c, lf_error *err);

/* Bars side by side per month; the y axis always holds 0 (and negative bars). */
typedef struct lf_bar_chart {
    const char *title, *unit;     /* title required; unit NULL: none */
    int year, month; size_t n;    /* n months on the x axis, 1..LF_CHART_BAR_MONTHS_MAX */
    size_t nbars;                 /* bars per month, 1..LF_CHART_SERIES_MAX */
    const double *bars[LF_CHART_SERIES_MAX];      /* n each; NaN = no bar */
    const char *bar_labels[LF_CHART_SERIES_MAX];  /* legend (NULL: "series K") */
    const double *marker;         /* optional: a horizontal tick per month across
                                     the group (e.g. demand at P90); NaN: none */
    const char *marker_label;     /* NULL: "marker" */
    const int *deficit;           /* optional: non-zero marks the month as a deficit
                                     (a light red band behind the group and a red
                                     mark above the plot) */
    const char *deficit_label;    /* legend text for the mark (NULL: "deficit"); the
                                     legend shows it only when a month is marked */
} lf_bar_chart;
int lf_svg_bar_chart(FILE *fp, const lf_bar_chart *c, lf_error *err);

/* Duration curves: x is the share of the time, 0..100 %, so curves of different
 * length compare; y the value, sorted descending (on a copy).  A curve longer
 * than the plot has pixels is drawn through one point per half pixel (it is
 * monotone, so nothing visible is lost; the first and last values are kept). */
typedef struct lf_duration_chart {
    const char *title, *unit;
    size_t ncurves;               /* 1..LF_CHART_SERIES_MAX */
    const double *values[LF_CHART_SERIES_MAX];  /* any order; NaN skipped; NULL
                                                   only when its n is 0 */
    size_t n[LF_CHART_SERIES_MAX];
    const char *labels[LF_CHART_SERIES_MAX];    /* NULL: "series K" */
    double limit;                 /* a horizontal dashed line (e.g. the supply
                                     limit), NaN: none */
    const char *limit_label;      /* NULL: "limit" */
} lf_duration_chart;
int lf_svg_duration_chart(FILE *fp, const lf_duration_chart *c, lf_error *err);

/* ---- the report ------------------------------------------------------------------------ */

typedef struct lf_report lf_report;

/* title: the page's <title> and <h1> (Markdown "# title"); required. */
int lf_report_new(const char *title, lf_report **out, lf_error *err);
void lf_report_free(lf_report *r); /* NULL allowed */

/* Every text is copied.  A heading's level is 2..4. */
int lf_report_heading(lf_report *r, int level, const char *text, lf_error *err);
/* A paragraph of plain text, escaped for each format. */
int lf_report_text(lf_report *r, const char *text, lf_error *err);
/* header[ncols] (ncols >= 1), cells row-major nrows x ncols (nrows 0 allowed; a
 * NULL header or cell is empty).  A cell that parses entirely as a number (a
 * leading sign, ',' between groups of three digits, a fraction, a trailing '%';
 * blanks around) is right-aligned in HTML, and a column whose non-empty cells all
 * do is right-aligned in Markdown's alignment row.  caption NULL: none. */
int lf_report_table(lf_report *r, const char *caption, size_t ncols,
                    const char *const *header, size_t nrows, const char *const *cells,
                    lf_error *err);

/* name: the chart's id, 1..LF_REPORT_NAME_MAX letters, digits, '_', '-', unique in
 * the report; caption: its figure caption (NULL: none).  The SVG is drawn at once
 * (into memory) and kept; a refused chart leaves the report as it was. */
int lf_report_fan_chart(lf_report *r, const char *name, const char *caption,
                        const lf_fan_chart *c, lf_error *err);
int lf_report_bar_chart(lf_report *r, const char *name, const char *caption,
                        const lf_bar_chart *c, lf_error *err);
int lf_report_duration_chart(lf_report *r, const char *name, const char *caption,
                             const lf_duration_chart *c, lf_error *err);
size_t lf_report_ncharts(const lf_report *r);  /* 0 for NULL */
const char *lf_report_chart_name(const lf_report *r, size_t i); /* NULL out of range */

/* The page: each chart inline as <figure id="chart-NAME" class="chart"><svg ...>
 * </svg><figcaption>caption</figcaption></figure>. */
int lf_report_write_html(const lf_report *r, const char *path, lf_error *err);
/* Each chart as ![caption](PREFIXname.svg); chart_prefix (NULL: "") may hold
 * letters, digits, '_', '-', '.', '/' (a directory), nothing that needs
 * escaping in a link. */
int lf_report_write_markdown(const lf_report *r, const char *path, const char *chart_prefix,
                             lf_error *err);
/* The i-th chart as a standalone .svg file (with an <?xml ...?> declaration). */
int lf_report_write_chart(const lf_report *r, size_t i, const char *path, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
