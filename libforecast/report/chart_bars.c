/* chart_bars.c - the monthly bar chart (report.h): up to four bars side by
 * side per month from a zero baseline, an optional marker across each group,
 * and deficit months as a light red band behind the group with a red mark
 * over the plot.  Each bar, marker and mark carries a <title>: a browser
 * shows its month and value on hover, without any script. */
#include <math.h>
#include <stdio.h>

#include "report_internal.h"

#define CHART "bar chart"

static int check(const lf_bar_chart *c, lf_error *err)
{
    int rc;
    if (!c)
        return lf_error_set(err, LF_ERR_ARG, CHART ": no chart given");
    if ((rc = lf_check_title(CHART, c->title, err)) ||
        (rc = lf_check_month(CHART, c->year, c->month, err)))
        return rc;
    if (c->n < 1 || c->n > LF_CHART_BAR_MONTHS_MAX)
        return lf_error_set(err, LF_ERR_ARG, CHART ": n %zu is not 1..%d months", c->n,
                            LF_CHART_BAR_MONTHS_MAX);
    if (c->nbars < 1 || c->nbars > LF_CHART_SERIES_MAX)
        return lf_error_set(err, LF_ERR_ARG, CHART ": nbars %zu is not 1..%d", c->nbars,
                            LF_CHART_SERIES_MAX);
    for (size_t j = 0; j < c->nbars; j++) {
        if (!c->bars[j])
            return lf_error_set(err, LF_ERR_ARG, CHART ": bars[%zu] is NULL", j);
        char field[32];
        snprintf(field, sizeof field, "bars[%zu]", j);
        for (size_t i = 0; i < c->n; i++)
            if ((rc = lf_check_value(c->bars[j][i], 1, CHART, field, i, c->year, c->month, i,
                                     err)))
                return rc;
    }
    for (size_t i = 0; c->marker && i < c->n; i++)
        if ((rc = lf_check_value(c->marker[i], 1, CHART, "marker", i, c->year, c->month, i,
                                 err)))
            return rc;
    return LF_OK;
}

/* From 0 (bars grow from it) to the furthest bar or marker either way. */
static void y_range(const lf_bar_chart *c, lf_axis *y)
{
    double lo = 0, hi = 0;
    for (size_t i = 0; i < c->n; i++) {
        for (size_t j = 0; j < c->nbars; j++)
            if (!isnan(c->bars[j][i])) {
                lo = fmin(lo, c->bars[j][i]);
                hi = fmax(hi, c->bars[j][i]);
            }
        if (c->marker && !isnan(c->marker[i])) {
            lo = fmin(lo, c->marker[i]);
            hi = fmax(hi, c->marker[i]);
        }
    }
    if (hi - lo < 1e-9 * fmax(1, fmax(-lo, hi)))
        hi = lo + 1; /* nothing but zeros: 0..1, not a padded -1..1 */
    lf_axis_nice(lo, hi, y);
}

/* <title>2025-07 label: value unit</title> */
static void tooltip(FILE *fp, const lf_bar_chart *c, size_t i, const char *label, double v)
{
    fprintf(fp, "<title>%s ", lf_month_label(c->year, c->month, i).s);
    lf_xml_put(fp, label);
    if (!isnan(v)) {
        fprintf(fp, ": %s", lf_value(v).s);
        if (c->unit) {
            fputc(' ', fp);
            lf_xml_put(fp, c->unit);
        }
    }
    fputs("</title>", fp);
}

typedef struct group {
    double left, width;       /* of the month's column */
    double start, bar;        /* the first bar's x, one bar's width */
} group;

static group month_group(const lf_plot *p, const lf_bar_chart *c, size_t i)
{
    group g;
    g.left = lf_px(p, (double)i);
    g.width = p->pw / (double)c->n;
    g.bar = fmin(g.width * 0.8 / (double)c->nbars, 48);
    g.start = g.left + (g.width - g.bar * (double)c->nbars) / 2;
    return g;
}

static void deficit_band(FILE *fp, const lf_plot *p, const group *g)
{
    fprintf(fp, "<rect class=\"deficit-band\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
            "fill=\"" LF_COLOR_DEFICIT "\" fill-opacity=\"0.12\"/>\n", lf_n(g->left).s,
            lf_n(p->top).s, lf_n(g->width).s, lf_n(p->ph).s);
}

static void bars(FILE *fp, const lf_plot *p, const lf_bar_chart *c, size_t i, const group *g,
                 const char *const *labels)
{
    double y0 = lf_py(p, 0);
    for (size_t j = 0; j < c->nbars; j++) {
        double v = c->bars[j][i], y = lf_py(p, v);
        if (isnan(v))
            continue;
        fprintf(fp, "<rect class=\"bar s%zu\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                "fill=\"%s\">", j, lf_n(g->start + (double)j * g->bar).s, lf_n(fmin(y, y0)).s,
                lf_n(g->bar > 4 ? g->bar - 1 : g->bar).s, lf_n(fabs(y - y0)).s,
                lf_series_colors[j]);
        tooltip(fp, c, i, labels[j], v);
        fputs("</rect>\n", fp);
    }
}

static void marker(FILE *fp, const lf_plot *p, const lf_bar_chart *c, size_t i,
                   const group *g, const char *label)
{
    lf_num y = lf_n(lf_py(p, c->marker[i]));
    fprintf(fp, "<line class=\"marker\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
            "stroke=\"" LF_COLOR_TEXT "\" stroke-width=\"2\">", lf_n(g->start - 2).s, y.s,
            lf_n(g->start + g->bar * (double)c->nbars + 1).s, y.s);
    tooltip(fp, c, i, label, c->marker[i]);
    fputs("</line>\n", fp);
}

/* A red triangle over the plot, pointing down at the month. */
static void deficit_mark(FILE *fp, const lf_plot *p, const lf_bar_chart *c, size_t i,
                         const group *g, const char *label)
{
    double x = g->left + g->width / 2, half = fmin(5, fmax(2, g->width / 2));
    fprintf(fp, "<polygon class=\"deficit-mark\" points=\"%s,%s %s,%s %s,%s\" "
            "fill=\"" LF_COLOR_DEFICIT "\">", lf_n(x - half).s, lf_n(p->top - 11).s,
            lf_n(x + half).s, lf_n(p->top - 11).s, lf_n(x).s, lf_n(p->top - 3).s);
    tooltip(fp, c, i, label, NAN);
    fputs("</polygon>\n", fp);
}

/* The baseline bars of both signs grow from, drawn over them. */
static void zero_line(FILE *fp, const lf_plot *p)
{
    lf_num y = lf_n(lf_py(p, 0));
    fprintf(fp, "<line class=\"zero\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
            "stroke=\"#555555\"/>\n", lf_n(p->left).s, y.s, lf_n(p->left + p->pw).s, y.s);
}

static size_t make_legend(const lf_bar_chart *c, const char **labels, lf_legend_item *legend)
{
    static const char *const series[] = {"series 1", "series 2", "series 3", "series 4"};
    size_t n = 0;
    for (size_t j = 0; j < c->nbars; j++) {
        labels[j] = c->bar_labels[j] ? c->bar_labels[j] : series[j];
        legend[n++] = (lf_legend_item){LF_SWATCH_BOX, lf_series_colors[j], labels[j], NULL};
    }
    if (c->marker)
        legend[n++] = (lf_legend_item){LF_SWATCH_LINE, LF_COLOR_TEXT,
                                       c->marker_label ? c->marker_label : "marker", NULL};
    for (size_t i = 0; c->deficit && i < c->n; i++)
        if (c->deficit[i]) {
            legend[n++] = (lf_legend_item){LF_SWATCH_MARK, LF_COLOR_DEFICIT,
                                           c->deficit_label ? c->deficit_label : "deficit", NULL};
            break;
        }
    return n;
}

int lf_svg_bar_chart(FILE *fp, const lf_bar_chart *c, lf_error *err)
{
    if (!fp)
        return lf_error_set(err, LF_ERR_ARG, CHART ": no stream given");
    int rc = check(c, err);
    if (rc)
        return rc;
    const char *labels[LF_CHART_SERIES_MAX];
    lf_legend_item legend[LF_LEGEND_MAX];
    lf_plot p;
    lf_plot_layout(&p, legend, make_legend(c, labels, legend), 0);
    y_range(c, &p.y);
    p.x0 = 0;
    p.x1 = (double)c->n;
    lf_svg_begin(fp, &p, "bars", c->title);
    lf_svg_y_axis(fp, &p, c->unit);
    lf_svg_month_axis(fp, &p, c->year, c->month, c->n);
    for (size_t i = 0; c->deficit && i < c->n; i++)
        if (c->deficit[i]) {
            group g = month_group(&p, c, i);
            deficit_band(fp, &p, &g);
        }
    for (size_t i = 0; i < c->n; i++) {
        group g = month_group(&p, c, i);
        bars(fp, &p, c, i, &g, labels);
    }
    zero_line(fp, &p);
    for (size_t i = 0; i < c->n; i++) {
        group g = month_group(&p, c, i);
        if (c->marker && !isnan(c->marker[i]))
            marker(fp, &p, c, i, &g, legend[c->nbars].label);
        if (c->deficit && c->deficit[i])
            deficit_mark(fp, &p, c, i, &g, c->deficit_label ? c->deficit_label : "deficit");
    }
    return lf_svg_end(fp, &p, CHART, err);
}
