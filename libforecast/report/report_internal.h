/* report_internal.h (internal) - what the chart and report files share: text
 * that stays valid XML and UTF-8, numbers as SVG and people read them, the
 * plot's frame (layout, axes, legend) and the input checks of the charts. */
#ifndef LF_REPORT_INTERNAL_H
#define LF_REPORT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "libforecast/report.h"

/* Colour-blind-safe (Okabe-Ito) series colours; red only for deficits. */
#define LF_COLOR_TEXT "#222222"
#define LF_COLOR_MUTED "#555555"
#define LF_COLOR_GRID "#e5e5e5"
#define LF_COLOR_AXIS "#888888"
#define LF_COLOR_HISTORY "#222222"
#define LF_COLOR_MEDIAN "#0072b2"
#define LF_COLOR_BAND "#c6dbef"
#define LF_COLOR_DEFICIT "#d55e00"
extern const char *const lf_series_colors[LF_CHART_SERIES_MAX];

/* ---- text (text.c) ------------------------------------------------------------------ */

/* Bytes of the valid UTF-8 character at s (1..4); 0 at the NUL or a byte that
 * starts no valid character (overlong, surrogate, above U+10FFFF, cut short). */
size_t lf_utf8_len(const char *s);

/* esc may write the ASCII character c its own way and return 1, or return 0 to
 * have it written as it is. */
typedef int lf_escape_fn(FILE *fp, char c, void *ctx);
/* s with each byte that is not UTF-8 as U+FFFD and control characters but tab
 * and newline dropped, ASCII characters through esc (NULL: none). */
void lf_put_text(FILE *fp, const char *s, lf_escape_fn *esc, void *ctx);
/* s for XML text and attribute values: & < > " ' as entities. */
void lf_xml_put(FILE *fp, const char *s);
/* About the width of s in px at font size px (sans-serif; wide for CJK). */
double lf_text_width(const char *s, double px);

typedef struct lf_num { char s[48]; } lf_num;
/* A coordinate: at most 2 decimals, no trailing zeros ("12.5", "-3", "0"). */
lf_num lf_n(double v);
/* v / scale with decimals and ',' between thousands, then suffix ("12,500"). */
lf_num lf_fixed(double v, int decimals, double scale, const char *suffix);
/* A value for a tooltip: 4 significant digits or so, ',' between thousands. */
lf_num lf_value(double v);
/* "YYYY-MM" of the month k months after year-month. */
lf_num lf_month_label(int year, int month, size_t k);

/* ---- checks (chart_check.c) ---------------------------------------------------------- */

/* v must be finite (or NaN when nan_ok) and within LF_CHART_VALUE_MAX; the
 * message is "<chart>: <field>[i] (<month>) ..." (no month when year is 0). */
int lf_check_value(double v, int nan_ok, const char *chart, const char *field, size_t i,
                   int year, int month, size_t k, lf_error *err);
int lf_check_month(const char *chart, int year, int month, lf_error *err);
int lf_check_title(const char *chart, const char *title, lf_error *err);

/* ---- the plot frame (svg.c, axis.c) -------------------------------------------------- */

/* Round ticks k * step for k = k0..k1, covering lo..hi. */
typedef struct lf_axis {
    double lo, hi, step;
    long k0, k1;
    int decimals;                 /* of the tick labels */
    double scale;                 /* 1, 1e6, 1e9, 1e12 ... */
    const char *suffix;           /* "", "M", "G", "T" */
} lf_axis;
/* lo > hi (no data) gives 0..1; lo == hi is padded. */
void lf_axis_nice(double lo, double hi, lf_axis *a);
lf_num lf_axis_label(const lf_axis *a, long k);

typedef enum lf_swatch { LF_SWATCH_LINE, LF_SWATCH_DASH, LF_SWATCH_BOX, LF_SWATCH_MARK } lf_swatch;
typedef struct lf_legend_item {
    lf_swatch swatch;
    const char *color;
    const char *label;
    const char *label2;               /* NULL, or the band's high: "label–label2" */
} lf_legend_item;
#define LF_LEGEND_MAX 8

typedef struct lf_plot {
    double width, height;             /* of the whole svg */
    double left, top, pw, ph;         /* the plot area */
    double x0, x1;                    /* data x mapped onto left .. left + pw */
    lf_axis y;
    double legend_y;                  /* the legend's first baseline */
    const lf_legend_item *legend;
    size_t nlegend;
} lf_plot;

/* Frame for a legend (kept by pointer) and with or without an x axis title. */
void lf_plot_layout(lf_plot *p, const lf_legend_item *legend, size_t nlegend, int x_title);
double lf_px(const lf_plot *p, double x);
double lf_py(const lf_plot *p, double y);

/* <svg ...><title>, the background and the title; kind names the chart in the
 * class ("fan", "bars", "duration"). */
void lf_svg_begin(FILE *fp, const lf_plot *p, const char *kind, const char *title);
/* Gridlines, tick labels and the unit of the y axis. */
void lf_svg_y_axis(FILE *fp, const lf_plot *p, const char *unit);
/* n months from year-month, x0 = 0 and x1 = n: month i is centred at i + 0.5. */
void lf_svg_month_axis(FILE *fp, const lf_plot *p, int year, int month, size_t n);
/* A value axis along x (the duration chart's share of time). */
void lf_svg_x_axis(FILE *fp, const lf_plot *p, const lf_axis *x, const char *title);
void lf_svg_no_data(FILE *fp, const lf_plot *p);
/* The legend, </svg>, and LF_ERR_IO when fp failed. */
int lf_svg_end(FILE *fp, const lf_plot *p, const char *chart, lf_error *err);

/* ---- the report's document (report.c) ------------------------------------------------ */

typedef enum lf_block_kind { LF_BLOCK_HEADING, LF_BLOCK_TEXT, LF_BLOCK_TABLE, LF_BLOCK_CHART }
    lf_block_kind;

typedef struct lf_block {
    lf_block_kind kind;
    int level;                /* a heading's */
    char *text;               /* heading, paragraph, or the table's or chart's caption
                                 (NULL: none) */
    size_t ncols, nrows;      /* a table's */
    char **cells;             /* (1 + nrows) x ncols, the header first; NULL: empty */
    size_t chart;             /* index into charts */
} lf_block;

typedef struct lf_report_chart {
    char *name;
    char *svg;                /* one <svg> element and a newline */
    size_t len;
} lf_report_chart;

struct lf_report {
    char *title;
    lf_block *blocks;
    size_t nblocks, block_cap;
    lf_report_chart *charts;
    size_t ncharts, chart_cap;
};

/* A number as lf_report_table describes it; NULL is none. */
int lf_report_is_number(const char *s);
/* Column j has a non-empty cell and every non-empty cell is a number. */
int lf_report_numeric_column(const lf_block *table, size_t j);

#endif
