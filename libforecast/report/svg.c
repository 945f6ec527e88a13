/* svg.c - the frame every chart shares (report_internal.h): the layout of
 * title, plot and legend, the <svg> element around them, and the legend.
 * The legend sits under the x axis, wrapped into rows, so it never covers
 * data; the svg grows by its rows. */
#include <stdio.h>

#include "report_internal.h"

const char *const lf_series_colors[LF_CHART_SERIES_MAX] = {
    "#0072b2", /* blue: demand */
    "#009e73", /* bluish green: supply */
    "#999999", /* grey */
    "#e69f00", /* orange */
};

#define WIDTH 720.0
#define LEFT 72.0            /* room for tick labels like "12,345,678" */
#define RIGHT 24.0
#define TOP 56.0             /* title, then the unit and the deficit marks */
#define PLOT_HEIGHT 240.0
#define ROW 18.0             /* legend row */
#define FONT 11.0

/* Swatch, label, gap; a pair of labels is drawn as "low–high". */
static double item_width(const lf_legend_item *it)
{
    double w = lf_text_width(it->label, FONT);
    if (it->label2)
        w += lf_text_width(it->label2, FONT) + FONT;
    return 22 + w + 18;
}

/* Where item i of the legend goes: its x and its row, filling rows left to right. */
static void legend_place(const lf_plot *p, size_t i, double *x, int *row)
{
    double cx = p->left;
    int r = 0;
    for (size_t j = 0;; j++) {
        double w = item_width(&p->legend[j]);
        if (cx > p->left && cx + w - 18 > p->width - RIGHT) {
            cx = p->left;
            r++;
        }
        if (j == i) {
            *x = cx;
            *row = r;
            return;
        }
        cx += w;
    }
}

void lf_plot_layout(lf_plot *p, const lf_legend_item *legend, size_t nlegend, int x_title)
{
    p->width = WIDTH;
    p->left = LEFT;
    p->top = TOP;
    p->pw = WIDTH - LEFT - RIGHT;
    p->ph = PLOT_HEIGHT;
    p->legend = legend;
    p->nlegend = nlegend;
    /* Under the plot: tick labels (+16), the x axis title (+34), the legend. */
    p->legend_y = TOP + PLOT_HEIGHT + (x_title ? 56 : 40);
    int rows = 0;
    if (nlegend) {
        double x;
        legend_place(p, nlegend - 1, &x, &rows);
        rows++;
    }
    p->height = p->legend_y + (rows ? rows - 1 : 0) * ROW + 12;
}

double lf_px(const lf_plot *p, double x)
{
    return p->left + (x - p->x0) / (p->x1 - p->x0) * p->pw;
}

double lf_py(const lf_plot *p, double y)
{
    return p->top + (p->y.hi - y) / (p->y.hi - p->y.lo) * p->ph;
}

void lf_svg_begin(FILE *fp, const lf_plot *p, const char *kind, const char *title)
{
    lf_num w = lf_n(p->width), h = lf_n(p->height);
    fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lf-chart lf-%s\" "
            "viewBox=\"0 0 %s %s\" width=\"%s\" height=\"%s\" role=\"img\" "
            "font-family=\"sans-serif\" font-size=\"%g\">\n<title>", kind, w.s, h.s, w.s,
            h.s, FONT);
    lf_xml_put(fp, title);
    fprintf(fp, "</title>\n<rect width=\"%s\" height=\"%s\" fill=\"#ffffff\"/>\n", w.s,
            h.s);
    fputs("<text class=\"title\" x=\"16\" y=\"26\" font-size=\"15\" font-weight=\"bold\" "
          "fill=\"" LF_COLOR_TEXT "\">", fp);
    lf_xml_put(fp, title);
    fputs("</text>\n", fp);
}

void lf_svg_no_data(FILE *fp, const lf_plot *p)
{
    fprintf(fp, "<text class=\"no-data\" x=\"%s\" y=\"%s\" text-anchor=\"middle\" "
            "fill=\"" LF_COLOR_MUTED "\">no data</text>\n",
            lf_n(p->left + p->pw / 2).s, lf_n(p->top + p->ph / 2).s);
}

static void swatch(FILE *fp, const lf_legend_item *it, double x, double y)
{
    lf_num x0 = lf_n(x), x1 = lf_n(x + 16), ym = lf_n(y - 4);
    switch (it->swatch) {
    case LF_SWATCH_LINE:
    case LF_SWATCH_DASH:
        fprintf(fp, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" "
                "stroke-width=\"2\"%s/>\n", x0.s, ym.s, x1.s, ym.s, it->color,
                it->swatch == LF_SWATCH_DASH ? " stroke-dasharray=\"5 3\"" : "");
        break;
    case LF_SWATCH_BOX:
        fprintf(fp, "<rect x=\"%s\" y=\"%s\" width=\"16\" height=\"10\" fill=\"%s\"/>\n", x0.s,
                lf_n(y - 9).s, it->color);
        break;
    case LF_SWATCH_MARK:
        fprintf(fp, "<polygon points=\"%s,%s %s,%s %s,%s\" fill=\"%s\"/>\n", lf_n(x + 3).s,
                lf_n(y - 10).s, lf_n(x + 13).s, lf_n(y - 10).s, lf_n(x + 8).s, lf_n(y - 2).s,
                it->color);
        break;
    }
}

static void legend(FILE *fp, const lf_plot *p)
{
    if (!p->nlegend)
        return;
    fputs("<g class=\"legend\" fill=\"" LF_COLOR_TEXT "\">\n", fp);
    for (size_t i = 0; i < p->nlegend; i++) {
        double x;
        int row;
        legend_place(p, i, &x, &row);
        double y = p->legend_y + row * ROW;
        swatch(fp, &p->legend[i], x, y);
        fprintf(fp, "<text x=\"%s\" y=\"%s\">", lf_n(x + 22).s, lf_n(y).s);
        lf_xml_put(fp, p->legend[i].label);
        if (p->legend[i].label2) {
            fputs("\xe2\x80\x93", fp); /* an en dash */
            lf_xml_put(fp, p->legend[i].label2);
        }
        fputs("</text>\n", fp);
    }
    fputs("</g>\n", fp);
}

int lf_svg_end(FILE *fp, const lf_plot *p, const char *chart, lf_error *err)
{
    legend(fp, p);
    fputs("</svg>\n", fp);
    /* The stream is the caller's, but a buffered failure only shows on flush. */
    if (fflush(fp) != 0 || ferror(fp))
        return lf_error_set(err, LF_ERR_IO, "%s: writing the svg failed", chart);
    return LF_OK;
}
