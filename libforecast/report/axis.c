/* axis.c - axes of the charts (report_internal.h): round tick steps (1, 2,
 * 2.5, 5 x 10^k, about five intervals), the y axis with its gridlines, a
 * month axis labelled YYYY-MM and thinned to a step that keeps January, and
 * the value axis along x of the duration chart. */
#include <math.h>
#include <stdio.h>

#include "report_internal.h"

/* Tick labels up to "9,000,000" fit the margin; beyond, M, G and T. */
static void label_scale(lf_axis *a)
{
    static const struct { double from, scale; const char *suffix; } scales[] = {
        {1e12, 1e12, "T"}, {1e9, 1e9, "G"}, {1e7, 1e6, "M"}, {0, 1, ""}};
    double m = fmax(fabs(a->lo), fabs(a->hi));
    size_t i = 0;
    while (m < scales[i].from)
        i++;
    a->scale = scales[i].scale;
    a->suffix = scales[i].suffix;
    /* Enough decimals that every multiple of the step prints exactly. */
    double s = a->step / a->scale;
    a->decimals = 0;
    while (a->decimals < 10 && fabs(s - round(s)) > 1e-6) {
        s *= 10;
        a->decimals++;
    }
}

void lf_axis_nice(double lo, double hi, lf_axis *a)
{
    if (lo > hi) {
        lo = 0;
        hi = 1;
    }
    /* One value (or a spread lost in rounding): pad so it sits mid-axis. */
    if (hi - lo < 1e-9 * fmax(1, fmax(fabs(lo), fabs(hi)))) {
        double mid = (lo + hi) / 2, pad = fabs(mid) >= 1e-6 ? 0.1 * fabs(mid) : 1;
        lo = mid - pad;
        hi = mid + pad;
    }
    static const double mult[] = {1, 2, 2.5, 5, 10};
    double raw = (hi - lo) / 5, mag = pow(10, floor(log10(raw)));
    size_t i = 0;
    while (mult[i] * mag < raw * (1 - 1e-9))
        i++;
    a->step = mult[i] * mag;
    /* The slack keeps a value already on a tick from adding one more. */
    a->k0 = (long)floor(lo / a->step + 1e-9);
    a->k1 = (long)ceil(hi / a->step - 1e-9);
    a->lo = (double)a->k0 * a->step;
    a->hi = (double)a->k1 * a->step;
    label_scale(a);
}

/* Zero as "0" whatever the decimals or scale: "0.0" and "0M" read oddly. */
lf_num lf_axis_label(const lf_axis *a, long k)
{
    if (k == 0)
        return lf_fixed(0, 0, 1, "");
    return lf_fixed((double)k * a->step, a->decimals, a->scale, a->suffix);
}

void lf_svg_y_axis(FILE *fp, const lf_plot *p, const char *unit)
{
    lf_num x0 = lf_n(p->left), x1 = lf_n(p->left + p->pw), xl = lf_n(p->left - 6);
    fputs("<g class=\"grid\" stroke=\"" LF_COLOR_GRID "\">\n", fp);
    for (long k = p->y.k0; k <= p->y.k1; k++) {
        lf_num y = lf_n(lf_py(p, (double)k * p->y.step));
        fprintf(fp, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>\n", x0.s, y.s, x1.s, y.s);
    }
    fputs("</g>\n<g class=\"y-axis\" fill=\"" LF_COLOR_MUTED "\" text-anchor=\"end\">\n", fp);
    for (long k = p->y.k0; k <= p->y.k1; k++)
        fprintf(fp, "<text x=\"%s\" y=\"%s\">%s</text>\n", xl.s,
                lf_n(lf_py(p, (double)k * p->y.step) + 4).s, lf_axis_label(&p->y, k).s);
    fputs("</g>\n", fp);
    if (unit) {
        fprintf(fp, "<text class=\"unit\" x=\"%s\" y=\"%s\" text-anchor=\"end\" "
                "fill=\"" LF_COLOR_MUTED "\">", xl.s, lf_n(p->top - 12).s);
        lf_xml_put(fp, unit);
        fputs("</text>\n", fp);
    }
}

/* Months between labels: the least of 1, 2, 3, 6, 12 (divisors of 12, so
 * January is always labelled) or whole years that leaves a label 48 px
 * ("2025-01" takes about 41). */
static long month_step(const lf_plot *p, size_t n)
{
    static const size_t steps[] = {1, 2, 3, 6, 12, 24, 60, 120};
    size_t fit = (size_t)(p->pw / 48), i = 0;
    while (i + 1 < sizeof steps / sizeof *steps && (n + steps[i] - 1) / steps[i] > fit)
        i++;
    return (long)steps[i];
}

static void vline(FILE *fp, double x, const char *y1, const char *y2, const char *attrs)
{
    lf_num xs = lf_n(x);
    fprintf(fp, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"%s/>\n", xs.s, y1, xs.s, y2,
            attrs);
}

static void bottom_line(FILE *fp, const lf_plot *p)
{
    lf_num y = lf_n(p->top + p->ph);
    fprintf(fp, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"" LF_COLOR_AXIS "\"/>\n",
            lf_n(p->left).s, y.s, lf_n(p->left + p->pw).s, y.s);
}

void lf_svg_month_axis(FILE *fp, const lf_plot *p, int year, int month, size_t n)
{
    long step = month_step(p, n);
    double gw = p->pw / (double)n, bottom = p->top + p->ph;
    lf_num yb = lf_n(bottom), ytop = lf_n(p->top), ylab = lf_n(bottom + 16);
    fputs("<g class=\"x-axis\" fill=\"" LF_COLOR_MUTED "\" text-anchor=\"middle\">\n", fp);
    bottom_line(fp, p);
    for (size_t i = 0; i < n; i++) {
        long t = (long)year * 12 + (month - 1) + (long)i;
        double x = lf_px(p, (double)i + 0.5);
        if (n > 12 && t % 12 == 0 && i > 0) /* a faint line between the years */
            vline(fp, lf_px(p, (double)i), ytop.s, yb.s, " stroke=\"" LF_COLOR_GRID "\"");
        int labelled = t % step == 0;
        if (labelled || gw >= 6)
            vline(fp, x, yb.s, lf_n(bottom + (labelled ? 5 : 3)).s,
                  " stroke=\"" LF_COLOR_AXIS "\"");
        if (labelled)
            fprintf(fp, "<text x=\"%s\" y=\"%s\">%s</text>\n", lf_n(x).s, ylab.s,
                    lf_month_label(year, month, i).s);
    }
    fputs("</g>\n", fp);
}

void lf_svg_x_axis(FILE *fp, const lf_plot *p, const lf_axis *x, const char *title)
{
    double bottom = p->top + p->ph;
    lf_num ytop = lf_n(p->top), yb = lf_n(bottom), ylab = lf_n(bottom + 16);
    fputs("<g class=\"grid\" stroke=\"" LF_COLOR_GRID "\">\n", fp);
    for (long k = x->k0; k <= x->k1; k++)
        vline(fp, lf_px(p, (double)k * x->step), ytop.s, yb.s, "");
    fputs("</g>\n<g class=\"x-axis\" fill=\"" LF_COLOR_MUTED "\" text-anchor=\"middle\">\n", fp);
    bottom_line(fp, p);
    for (long k = x->k0; k <= x->k1; k++)
        fprintf(fp, "<text x=\"%s\" y=\"%s\">%s%%</text>\n",
                lf_n(lf_px(p, (double)k * x->step)).s, ylab.s, lf_axis_label(x, k).s);
    fprintf(fp, "<text class=\"axis-title\" x=\"%s\" y=\"%s\">", lf_n(p->left + p->pw / 2).s,
            lf_n(bottom + 34).s);
    lf_xml_put(fp, title);
    fputs("</text>\n</g>\n", fp);
}
