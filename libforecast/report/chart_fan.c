/* chart_fan.c - the fan chart (report.h): actuals as a dark line broken at
 * gaps, then the forecast band low..high shaded light blue with its median
 * line, and a dashed vertical line where the forecast starts. */
#include <math.h>
#include <stdio.h>

#include "report_internal.h"

#define CHART "fan chart"

static int check_band(const lf_fan_chart *c, lf_error *err)
{
    if (!c->low || !c->mid || !c->high)
        return lf_error_set(err, LF_ERR_ARG, CHART ": %s is NULL",
                            !c->low ? "low" : !c->mid ? "mid" : "high");
    const char *names[3] = {"low", "mid", "high"};
    for (size_t i = 0; i < c->nforecast; i++) {
        const double v[3] = {c->low[i], c->mid[i], c->high[i]};
        size_t k = c->nhistory + i;
        for (int j = 0; j < 3; j++) {
            int rc = lf_check_value(v[j], 0, CHART, names[j], i, c->year, c->month, k, err);
            if (rc)
                return rc;
        }
        if (!(v[0] <= v[1] && v[1] <= v[2]))
            return lf_error_set(err, LF_ERR_ARG, CHART ": forecast month %zu (%s): low %g, "
                                "mid %g, high %g break low <= mid <= high", i,
                                lf_month_label(c->year, c->month, k).s, v[0], v[1], v[2]);
    }
    return LF_OK;
}

static int check(const lf_fan_chart *c, lf_error *err)
{
    int rc;
    if (!c)
        return lf_error_set(err, LF_ERR_ARG, CHART ": no chart given");
    if ((rc = lf_check_title(CHART, c->title, err)) ||
        (rc = lf_check_month(CHART, c->year, c->month, err)))
        return rc;
    if (c->nforecast == 0)
        return lf_error_set(err, LF_ERR_ARG, CHART ": nforecast is 0 (at least 1 month)");
    if (c->nhistory > LF_CHART_FAN_MONTHS_MAX ||
        c->nforecast > LF_CHART_FAN_MONTHS_MAX - c->nhistory)
        return lf_error_set(err, LF_ERR_ARG, CHART ": nhistory %zu + nforecast %zu exceed %d "
                            "months", c->nhistory, c->nforecast, LF_CHART_FAN_MONTHS_MAX);
    if (c->nhistory && !c->history)
        return lf_error_set(err, LF_ERR_ARG, CHART ": history is NULL (nhistory %zu)",
                            c->nhistory);
    for (size_t i = 0; i < c->nhistory; i++)
        if ((rc = lf_check_value(c->history[i], 1, CHART, "history", i, c->year, c->month, i,
                                 err)))
            return rc;
    return check_band(c, err);
}

/* Values v[0..n) at months first.. as one path, a new subpath after each gap;
 * a value alone between gaps is a dot, as a path would not show it. */
static void line(FILE *fp, const lf_plot *p, const double *v, size_t n, size_t first,
                 const char *cls, const char *color)
{
    int open = 0;
    fprintf(fp, "<path class=\"%s\" d=\"", cls);
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i])) {
            open = 0;
            continue;
        }
        fprintf(fp, "%s%s %s", open ? " L" : i ? " M" : "M", lf_n(lf_px(p, first + i + 0.5)).s,
                lf_n(lf_py(p, v[i])).s);
        open = 1;
    }
    fprintf(fp, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n",
            color);
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i]) && (i == 0 || isnan(v[i - 1])) && (i + 1 == n || isnan(v[i + 1])))
            fprintf(fp, "<circle class=\"%s-dot\" cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"%s\"/>\n",
                    cls, lf_n(lf_px(p, first + i + 0.5)).s, lf_n(lf_py(p, v[i])).s, color);
}

/* high from left to right, then low back: 2 * nforecast points.  Its stroke
 * keeps a one-month band visible. */
static void band(FILE *fp, const lf_plot *p, const lf_fan_chart *c)
{
    fputs("<polygon class=\"band\" points=\"", fp);
    for (size_t j = 0; j < 2 * c->nforecast; j++) {
        size_t i = j < c->nforecast ? j : 2 * c->nforecast - 1 - j;
        double v = j < c->nforecast ? c->high[i] : c->low[i];
        fprintf(fp, "%s%s,%s", j ? " " : "", lf_n(lf_px(p, c->nhistory + i + 0.5)).s,
                lf_n(lf_py(p, v)).s);
    }
    fprintf(fp, "\" fill=\"" LF_COLOR_BAND "\" stroke=\"" LF_COLOR_BAND "\" "
            "stroke-width=\"%d\"/>\n", c->nforecast == 1 ? 8 : 1);
}

/* The dashed line, and "forecast" over the plot beside it (left of it when
 * the forecast is too short to hold the word). */
static void forecast_start(FILE *fp, const lf_plot *p, size_t nhistory)
{
    double xv = lf_px(p, (double)nhistory);
    int left = xv + 56 > p->left + p->pw;
    lf_num x = lf_n(xv);
    fprintf(fp, "<line class=\"forecast-start\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
            "stroke=\"" LF_COLOR_AXIS "\" stroke-dasharray=\"4 3\"/>\n", x.s,
            lf_n(p->top).s, x.s, lf_n(p->top + p->ph).s);
    fprintf(fp, "<text x=\"%s\" y=\"%s\" font-size=\"10\" text-anchor=\"%s\" fill=\""
            LF_COLOR_MUTED "\">forecast</text>\n", lf_n(xv + (left ? -4 : 4)).s,
            lf_n(p->top - 4).s, left ? "end" : "start");
}

static void y_range(const lf_fan_chart *c, lf_axis *y, int *has_history)
{
    double lo = INFINITY, hi = -INFINITY;
    *has_history = 0;
    for (size_t i = 0; i < c->nhistory; i++)
        if (!isnan(c->history[i])) {
            lo = fmin(lo, c->history[i]);
            hi = fmax(hi, c->history[i]);
            *has_history = 1;
        }
    for (size_t i = 0; i < c->nforecast; i++) {
        lo = fmin(lo, c->low[i]);
        hi = fmax(hi, c->high[i]);
    }
    lf_axis_nice(lo, hi, y);
}

int lf_svg_fan_chart(FILE *fp, const lf_fan_chart *c, lf_error *err)
{
    if (!fp)
        return lf_error_set(err, LF_ERR_ARG, CHART ": no stream given");
    int rc = check(c, err), has_history;
    if (rc)
        return rc;
    lf_plot p;
    y_range(c, &p.y, &has_history);
    lf_legend_item legend[3] = {
        {LF_SWATCH_LINE, LF_COLOR_HISTORY, "actual", NULL},
        {LF_SWATCH_LINE, LF_COLOR_MEDIAN, c->mid_label ? c->mid_label : "median", NULL},
        {LF_SWATCH_BOX, LF_COLOR_BAND, c->low_label ? c->low_label : "low",
         c->high_label ? c->high_label : "high"}};
    lf_plot_layout(&p, legend + !has_history, 3 - !has_history, 0);
    p.x0 = 0;
    p.x1 = (double)(c->nhistory + c->nforecast);
    lf_svg_begin(fp, &p, "fan", c->title);
    lf_svg_y_axis(fp, &p, c->unit);
    lf_svg_month_axis(fp, &p, c->year, c->month, c->nhistory + c->nforecast);
    band(fp, &p, c);
    if (c->nhistory)
        forecast_start(fp, &p, c->nhistory);
    if (has_history)
        line(fp, &p, c->history, c->nhistory, 0, "history", LF_COLOR_HISTORY);
    line(fp, &p, c->mid, c->nforecast, c->nhistory, "median", LF_COLOR_MEDIAN);
    return lf_svg_end(fp, &p, CHART, err);
}
