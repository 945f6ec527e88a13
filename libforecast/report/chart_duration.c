/* chart_duration.c - duration curves (report.h): each series sorted from its
 * largest value down and drawn against the share of the time, 0..100 %, so
 * a year of hours and a year of days compare; an optional limit line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report_internal.h"

#define CHART "duration chart"

static int check(const lf_duration_chart *c, lf_error *err)
{
    int rc;
    if (!c)
        return lf_error_set(err, LF_ERR_ARG, CHART ": no chart given");
    if ((rc = lf_check_title(CHART, c->title, err)))
        return rc;
    if (c->ncurves < 1 || c->ncurves > LF_CHART_SERIES_MAX)
        return lf_error_set(err, LF_ERR_ARG, CHART ": ncurves %zu is not 1..%d", c->ncurves,
                            LF_CHART_SERIES_MAX);
    for (size_t k = 0; k < c->ncurves; k++) {
        if (c->n[k] && !c->values[k])
            return lf_error_set(err, LF_ERR_ARG, CHART ": values[%zu] is NULL (n[%zu] %zu)", k,
                                k, c->n[k]);
        char field[32];
        snprintf(field, sizeof field, "values[%zu]", k);
        for (size_t i = 0; i < c->n[k]; i++)
            if ((rc = lf_check_value(c->values[k][i], 1, CHART, field, i, 0, 0, 0, err)))
                return rc;
    }
    if (!isnan(c->limit) && !(fabs(c->limit) <= LF_CHART_VALUE_MAX))
        return lf_error_set(err, LF_ERR_ARG, CHART ": limit is %s",
                            isinf(c->limit) ? "infinite" : "beyond 1e15 in size");
    return LF_OK;
}

typedef struct curve {
    double *v;                /* the finite values, largest first */
    size_t m;
} curve;

static int descending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static int sort_curves(const lf_duration_chart *c, curve *cv, lf_error *err)
{
    for (size_t k = 0; k < c->ncurves; k++) {
        cv[k].m = 0;
        cv[k].v = malloc((c->n[k] ? c->n[k] : 1) * sizeof(double));
        if (!cv[k].v)
            return lf_error_set(err, LF_ERR_NOMEM, CHART ": out of memory sorting values[%zu]",
                                k);
        for (size_t i = 0; i < c->n[k]; i++)
            if (!isnan(c->values[k][i]))
                cv[k].v[cv[k].m++] = c->values[k][i];
        qsort(cv[k].v, cv[k].m, sizeof(double), descending);
    }
    return LF_OK;
}

/* A curve with more points than half pixels is drawn through one point per
 * half pixel: it is monotone, so what lies between shows nothing more. */
static void put_curve(FILE *fp, const lf_plot *p, const curve *cv, size_t k)
{
    size_t npts = cv->m == 1 ? 2 : cv->m, limit = (size_t)(2 * p->pw) + 1;
    if (npts > limit)
        npts = limit;
    fprintf(fp, "<polyline class=\"curve s%zu\" points=\"", k);
    for (size_t s = 0; s < npts; s++) {
        /* A single value holds all the time: a flat line. */
        size_t j = cv->m == 1 ? 0 : (size_t)llround((double)s * (double)(cv->m - 1) /
                                                    (double)(npts - 1));
        double share = cv->m == 1 ? 100.0 * (double)s : 100.0 * (double)j / (double)(cv->m - 1);
        fprintf(fp, "%s%s,%s", s ? " " : "", lf_n(lf_px(p, share)).s,
                lf_n(lf_py(p, cv->v[j])).s);
    }
    fprintf(fp, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
            "stroke-linejoin=\"round\"/>\n", lf_series_colors[k]);
}

static void put_limit(FILE *fp, const lf_plot *p, const lf_duration_chart *c)
{
    lf_num y = lf_n(lf_py(p, c->limit));
    fprintf(fp, "<line class=\"limit\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#444444\" "
            "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n", lf_n(p->left).s, y.s,
            lf_n(p->left + p->pw).s, y.s);
    fprintf(fp, "<text class=\"limit-value\" x=\"%s\" y=\"%s\" text-anchor=\"end\" "
            "fill=\"#444444\">%s", lf_n(p->left + p->pw - 4).s, lf_n(lf_py(p, c->limit) - 5).s,
            lf_value(c->limit).s);
    if (c->unit) {
        fputc(' ', fp);
        lf_xml_put(fp, c->unit);
    }
    fputs("</text>\n", fp);
}

static int draw(FILE *fp, const lf_duration_chart *c, const curve *cv, lf_error *err)
{
    static const char *const series[] = {"series 1", "series 2", "series 3", "series 4"};
    lf_legend_item legend[LF_LEGEND_MAX];
    double lo = INFINITY, hi = -INFINITY;
    size_t n = 0, points = 0;
    for (size_t k = 0; k < c->ncurves; k++) {
        legend[n++] = (lf_legend_item){LF_SWATCH_LINE, lf_series_colors[k],
                                       c->labels[k] ? c->labels[k] : series[k], NULL};
        if (cv[k].m) {
            hi = fmax(hi, cv[k].v[0]);
            lo = fmin(lo, cv[k].v[cv[k].m - 1]);
            points += cv[k].m;
        }
    }
    if (!isnan(c->limit)) {
        legend[n++] = (lf_legend_item){LF_SWATCH_DASH, "#444444",
                                       c->limit_label ? c->limit_label : "limit", NULL};
        lo = fmin(lo, c->limit);
        hi = fmax(hi, c->limit);
    }
    lf_plot p;
    lf_axis x;
    lf_plot_layout(&p, legend, n, 1);
    lf_axis_nice(lo, hi, &p.y);
    lf_axis_nice(0, 100, &x);
    p.x0 = 0;
    p.x1 = 100;
    lf_svg_begin(fp, &p, "duration", c->title);
    lf_svg_y_axis(fp, &p, c->unit);
    lf_svg_x_axis(fp, &p, &x, "share of the time");
    if (!points)
        lf_svg_no_data(fp, &p);
    if (!isnan(c->limit))
        put_limit(fp, &p, c);
    for (size_t k = 0; k < c->ncurves; k++)
        if (cv[k].m)
            put_curve(fp, &p, &cv[k], k);
    return lf_svg_end(fp, &p, CHART, err);
}

int lf_svg_duration_chart(FILE *fp, const lf_duration_chart *c, lf_error *err)
{
    if (!fp)
        return lf_error_set(err, LF_ERR_ARG, CHART ": no stream given");
    int rc = check(c, err);
    if (rc)
        return rc;
    curve cv[LF_CHART_SERIES_MAX] = {{NULL, 0}};
    rc = sort_curves(c, cv, err);
    if (rc == LF_OK)
        rc = draw(fp, c, cv, err);
    for (size_t k = 0; k < c->ncurves; k++)
        free(cv[k].v);
    return rc;
}
