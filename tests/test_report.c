/* test_report.c - charts and reports (libforecast/report/): bar heights in
 * proportion to the values from a zero baseline, deficit marks on the flagged
 * months only, markers, the fan chart's band, history gaps and forecast start,
 * duration curves sorted and spanning 0..100 %, round ticks worked out by hand
 * and thinned month labels, escaping and UTF-8, every input check; the
 * report's HTML (self-contained: no script, nothing fetched), its Markdown
 * (pipe tables with the alignment row, chart links) and chart files, byte for
 * byte reproducible, and failed writes that leave no file.  Every SVG and the
 * HTML pass the small XML well-formedness check below. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libforecast.h"
#include "report/report_internal.h" /* lf_report_is_number, lf_utf8_len */

static void has(const lf_error *err, const char *text)
{
    cr_assert(strstr(err->message, text), "message '%s' lacks '%s'", err->message, text);
}

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* ---- a small XML well-formedness check --------------------------------------------- */

#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:."

/* Length of the entity reference at p ("&amp;", "&#39;"), 0 when there is none. */
static size_t entity(const char *p)
{
    static const char *const names[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (size_t i = 0; i < 5; i++)
        if (strncmp(p, names[i], strlen(names[i])) == 0)
            return strlen(names[i]);
    size_t n = p[1] == '#' ? strspn(p + 2, "0123456789") : 0;
    return n && p[2 + n] == ';' ? n + 3 : 0;
}

/* name="value" pairs after a tag's name at q, each after a blank, values
 * without '<' and with '&' only in entities; returns the tag's '>' or "/>". */
static const char *attributes(const char *q, char *why, size_t size)
{
    for (;;) {
        size_t ws = strspn(q, " \t\n");
        q += ws;
        if (*q == '>' || (q[0] == '/' && q[1] == '>'))
            return q;
        size_t n = strspn(q, NAME_CHARS);
        if (!ws || !n || q[n] != '=' || q[n + 1] != '"') {
            snprintf(why, size, "bad attribute at '%.30s'", q);
            return NULL;
        }
        for (q += n + 2; *q != '"'; q++)
            if (!*q || *q == '<' || (*q == '&' && !entity(q))) {
                snprintf(why, size, "bad attribute value at '%.30s'", q);
                return NULL;
            }
        q++;
    }
}

static int bad(char *why, size_t size, const char *what, const char *at)
{
    snprintf(why, size, "%s at '%.30s'", what, at);
    return 0;
}

/* Tags nest and close, one root element, '&' only in entities; a declaration,
 * comments and a <!DOCTYPE> before the root are skipped. */
static int xml_ok(const char *s, char *why, size_t size)
{
    const char *stack[256];
    size_t len[256];
    int depth = 0, roots = 0;
    for (const char *p = s; *p;) {
        if (*p == '&' && !entity(p))
            return bad(why, size, "bare &", p);
        if (*p != '<') {
            p++;
            continue;
        }
        if (p[1] == '?' || p[1] == '!') {
            const char *close = p[1] == '?' ? "?>" : p[2] == '-' ? "-->" : ">";
            const char *end = strstr(p, close);
            if (!end || (p[1] == '!' && p[2] != '-' && (depth || roots)))
                return bad(why, size, "bad markup", p);
            p = end + strlen(close);
        } else if (p[1] == '/') {
            size_t n = strspn(p + 2, NAME_CHARS);
            if (!depth || n != len[depth - 1] || strncmp(p + 2, stack[depth - 1], n) != 0 ||
                p[2 + n] != '>')
                return bad(why, size, "unmatched close", p);
            depth--;
            p += n + 3;
        } else {
            size_t n = strspn(p + 1, NAME_CHARS);
            const char *q = n ? attributes(p + 1 + n, why, size) : NULL;
            if (!n)
                return bad(why, size, "bad tag", p);
            if (!q)
                return 0;
            roots += depth == 0;
            if (*q == '>' && depth < 256) {
                stack[depth] = p + 1;
                len[depth++] = n;
            }
            p = q + (*q == '>' ? 1 : 2);
        }
    }
    if (depth)
        return bad(why, size, "not closed", stack[depth - 1]);
    if (roots != 1)
        return bad(why, size, roots ? "two root elements" : "no root element", s);
    return 1;
}

static void assert_xml(const char *s, const char *what)
{
    char why[128] = "";
    cr_assert(xml_ok(s, why, sizeof why), "%s is not well-formed: %s", what, why);
}

/* The checker itself must catch what it is for. */
Test(report_xml_check, rejects_broken_markup)
{
    char why[128];
    cr_assert(xml_ok("<a x=\"1\"><b/>t &amp; &#39;</a>", why, sizeof why), "%s", why);
    const char *bad[] = {"<a><b></a></b>", "<a>", "<a></a><b></b>", "<a>&</a>",
                         "<a x=1></a>", "<a x=\"<\"></a>", "<a></b>", "<a x=\"1\"y=\"2\"/>"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert(!xml_ok(bad[i], why, sizeof why), "accepted %s", bad[i]);
}

/* ---- drawing charts into memory ------------------------------------------------------- */

typedef int draw_fn(FILE *fp, const void *chart, lf_error *err);
static int fan_fn(FILE *fp, const void *c, lf_error *e) { return lf_svg_fan_chart(fp, c, e); }
static int bar_fn(FILE *fp, const void *c, lf_error *e) { return lf_svg_bar_chart(fp, c, e); }
static int dur_fn(FILE *fp, const void *c, lf_error *e)
{
    return lf_svg_duration_chart(fp, c, e);
}

/* In every tag: at most 2 decimals, no NaN or infinity, and only the generic
 * font family. */
static void assert_tags_clean(const char *svg)
{
    for (const char *t = strchr(svg, '<'); t; t = strchr(t + 1, '<')) {
        const char *end = strchr(t, '>');
        for (const char *p = t; p < end; p++) {
            cr_assert(!(p[0] == '.' && p > t && strspn(p - 1, "0123456789") >= 1 &&
                        strspn(p + 1, "0123456789") > 2),
                      "more than 2 decimals in '%.60s'", t);
            cr_assert(strncmp(p, "nan", 3) != 0 && strncmp(p, "inf", 3) != 0,
                      "nan or inf in '%.60s'", t);
        }
    }
    for (const char *f = strstr(svg, "font-family=\""); f; f = strstr(f + 1, "font-family=\""))
        cr_assert(strncmp(f, "font-family=\"sans-serif\"", 24) == 0, "font '%.40s'", f);
}

/* One <svg> element as report.h promises it. */
static void assert_svg(const char *svg)
{
    assert_xml(svg, "the svg");
    const char *start = "<svg xmlns=\"http://www.w3.org/2000/svg\" ";
    cr_assert(strncmp(svg, start, strlen(start)) == 0, "starts '%.60s'", svg);
    const char *open_end = strchr(svg, '>');
    cr_assert(strncmp(open_end, ">\n<title>", 9) == 0, "<title> is not the first child");
    const char *attrs[] = {" viewBox=\"0 0 ", " width=\"", " height=\"", " role=\"img\""};
    for (size_t i = 0; i < 4; i++) {
        const char *a = strstr(svg, attrs[i]);
        cr_assert(a && a < open_end, "the svg element lacks%s", attrs[i]);
    }
    cr_assert_eq(count(svg, "<svg"), 1);
    cr_assert_eq(count(svg, "http"), 1, "a link beside the xmlns");
    cr_assert_null(strstr(svg, "<script"));
    cr_assert_null(strstr(svg, "href"));
    cr_assert_null(strstr(svg, "url("));
    cr_assert_null(strstr(svg, "<style"));
    assert_tags_clean(svg);
}

/* The chart's svg (free it), drawn without error and checked. */
static char *draw(draw_fn *fn, const void *chart)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    lf_error err = {0};
    int rc = fn(fp, chart, &err);
    fclose(fp);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    assert_svg(buf);
    return buf;
}

/* A refused chart: LF_ERR_ARG, a message holding text, nothing written. */
static void refused(draw_fn *fn, const void *chart, const char *text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    lf_error err = {0};
    int rc = fn(fp, chart, &err);
    fclose(fp);
    cr_assert_eq(rc, LF_ERR_ARG, "rc %d, message '%s' (want '%s')", rc, err.message, text);
    has(&err, text);
    cr_assert_eq(len, 0, "a refused chart wrote %zu bytes", len);
    free(buf);
}

/* ---- reading the svg back ------------------------------------------------------------- */

/* Attribute name of the tag at t as a number; NaN when the tag lacks it. */
static double attr(const char *t, const char *name)
{
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *a = strstr(t, key), *end = strchr(t, '>');
    return a && a < end ? strtod(a + strlen(key), NULL) : NAN;
}

/* Attribute name of every element that starts with head, in order. */
static size_t attrs(const char *svg, const char *head, const char *name, double *out, size_t max)
{
    size_t n = 0;
    for (const char *t = strstr(svg, head); t; t = strstr(t + 1, head), n++)
        if (n < max)
            out[n] = attr(t, name);
    return n;
}

/* The x,y pairs of a points or d attribute of the tag at t (M and L skipped). */
static size_t pairs(const char *t, const char *name, double *xs, double *ys, size_t max)
{
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *p = strstr(t, key);
    cr_assert_not_null(p, "no %s in '%.40s'", name, t);
    size_t n = 0;
    for (p += strlen(key);; n++) {
        p += strspn(p, " ML");
        if (*p == '"')
            return n;
        char *end;
        double x = strtod(p, &end);
        double y = strtod(end + strspn(end, " ,"), &end);
        cr_assert(end > p, "bad pair at '%.20s'", p);
        p = end;
        if (n < max) {
            xs[n] = x;
            ys[n] = y;
        }
    }
}

/* Subpaths ("M") in the d attribute of the path at t. */
static size_t subpaths(const char *t)
{
    const char *d = strstr(t, " d=\"") + 4, *end = strchr(d, '"');
    size_t n = 0;
    for (; d < end; d++)
        n += *d == 'M';
    return n;
}

/* Texts (and their x) of the <text> elements in the first <g class="cls">. */
static size_t group_texts(const char *svg, const char *cls, char texts[][32], double *xs,
                          size_t max)
{
    char head[64];
    snprintf(head, sizeof head, "<g class=\"%s\"", cls);
    const char *g = strstr(svg, head);
    cr_assert_not_null(g, "no group %s", cls);
    const char *end = strstr(g, "</g>");
    size_t n = 0;
    for (const char *t = strstr(g, "<text"); t && t < end; t = strstr(t + 1, "<text"), n++) {
        const char *a = strchr(t, '>') + 1, *b = strstr(a, "</text>");
        if (n < max) {
            snprintf(texts[n], 32, "%.*s", (int)(b - a), a);
            if (xs)
                xs[n] = attr(t, "x");
        }
    }
    return n;
}

static double tick_value(const char *s)
{
    char buf[32];
    size_t n = 0;
    for (; *s && n < sizeof buf - 1; s++)
        if (*s != ',')
            buf[n++] = *s;
    buf[n] = '\0';
    char *end;
    double v = strtod(buf, &end);
    return *end == 'M' ? v * 1e6 : *end == 'G' ? v * 1e9 : *end == 'T' ? v * 1e12 : v;
}

/* The y axis' labels into v; they are round: equal steps of 1, 2, 2.5 or 5 x
 * 10^k, each a multiple of the step, holding lo..hi with no tick to spare. */
static size_t round_ticks(const char *svg, double lo, double hi, double *v)
{
    char t[16][32];
    size_t n = group_texts(svg, "y-axis", t, NULL, 16);
    cr_assert(n >= 3 && n <= 9, "%zu ticks", n);
    for (size_t i = 0; i < n; i++)
        v[i] = tick_value(t[i]);
    double step = v[1] - v[0], mag = pow(10, floor(log10(step))), m = step / mag;
    cr_assert(fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 2.5) < 1e-6 ||
              fabs(m - 5) < 1e-6, "step %g is not round", step);
    for (size_t i = 0; i < n; i++) {
        cr_assert(i == 0 || fabs(v[i] - v[i - 1] - step) <= 1e-6 * step, "uneven at %s", t[i]);
        cr_assert(fabs(v[i] / step - round(v[i] / step)) < 1e-6, "%s is off the step", t[i]);
    }
    cr_assert(v[0] <= lo && v[n - 1] >= hi, "ticks %g..%g miss %g..%g", v[0], v[n - 1], lo, hi);
    cr_assert(v[0] > lo - step && v[n - 1] < hi + step, "a tick to spare");
    return n;
}

/* ---- bar chart ------------------------------------------------------------------------ */

static const double BARS[] = {100, 200, 50, 400};

static lf_bar_chart four_months(void)
{
    lf_bar_chart c = {.title = "Energy", .unit = "GWh", .year = 2025, .month = 1, .n = 4,
                      .nbars = 1, .bars = {BARS}, .bar_labels = {"demand"}};
    return c;
}

/* 0..400 GWh: raw step 400/5 = 80, rounded up to 100: ticks 0, 100 .. 400.
 * Heights in proportion to the values, all from the zero line. */
Test(report_bars, heights_in_proportion_from_zero)
{
    lf_bar_chart c = four_months();
    char *svg = draw(bar_fn, &c);
    double h[8], y[8], v[16];
    cr_assert_eq(attrs(svg, "<rect class=\"bar s0\"", "height", h, 8), 4);
    attrs(svg, "<rect class=\"bar s0\"", "y", y, 8);
    double zero = attr(strstr(svg, "<line class=\"zero\""), "y1");
    for (size_t i = 0; i < 4; i++) {
        cr_assert(fabs(h[i] / h[3] - BARS[i] / 400) < 1e-3, "bar %zu: %g of %g", i, h[i], h[3]);
        cr_assert(fabs(y[i] + h[i] - zero) < 0.02, "bar %zu does not stand on zero", i);
    }
    cr_assert_eq(round_ticks(svg, 0, 400, v), 5);
    cr_assert(v[0] == 0 && v[4] == 400, "ticks %g..%g", v[0], v[4]);
    /* The tallest bar reaches the top tick's gridline. */
    double grid[8];
    attrs(strstr(svg, "<g class=\"grid\""), "<line", "y1", grid, 8);
    cr_assert(fabs(y[3] - grid[4]) < 0.02, "top %g vs gridline %g", y[3], grid[4]);
    cr_assert(strstr(svg, "<title>2025-04 demand: 400 GWh</title>"), "tooltip");
    free(svg);
}

/* Long legend labels wrap into rows under the month labels, inside the svg,
 * which grows to hold them. */
Test(report_bars, legend_wraps_below_the_plot)
{
    static const int deficit[] = {1, 0, 0, 0};
    lf_bar_chart c = four_months();
    c.nbars = 4;
    for (size_t j = 0; j < 4; j++) {
        c.bars[j] = BARS;
        c.bar_labels[j] = "a rather long label for a series of bars";
    }
    c.marker = BARS;
    c.deficit = deficit;
    char *svg = draw(bar_fn, &c);
    char labels[8][32], legend[8][32];
    double lx[8], gx[8], gy[8];
    group_texts(svg, "x-axis", labels, lx, 8);
    double label_y = attr(strstr(strstr(svg, "<g class=\"x-axis\""), "<text"), "y");
    cr_assert_eq(group_texts(svg, "legend", legend, gx, 8), 6);
    const char *t = strstr(strstr(svg, "<g class=\"legend\""), "<text");
    for (size_t i = 0; i < 6; i++, t = strstr(t + 1, "<text")) {
        gy[i] = attr(t, "y");
        cr_assert(gy[i] > label_y + 10, "legend text %zu at %g", i, gy[i]);
        cr_assert(gx[i] >= 72 && gx[i] < 720, "legend text %zu at x %g", i, gx[i]);
    }
    cr_assert(gy[5] > gy[0], "one row cannot hold six long labels");
    cr_assert(attr(svg, "height") > gy[5], "the svg holds its legend");
    free(svg);
}

/* Values far from zero still get an axis from 0 (bars must not lie). */
Test(report_bars, axis_starts_at_zero)
{
    static const double high[] = {900, 950, 1000};
    lf_bar_chart c = four_months();
    c.n = 3;
    c.bars[0] = high;
    char *svg = draw(bar_fn, &c);
    double v[16];
    size_t n = round_ticks(svg, 0, 1000, v);
    cr_assert_eq(v[0], 0);
    cr_assert_eq(v[n - 1], 1000);
    free(svg);
}

/* -100 and 300 with a second series: the axis holds both signs, the negative
 * bar hangs from the zero line, a third of the positive one's height. */
Test(report_bars, negative_values_hang_below_zero)
{
    static const double a[] = {-100, 300}, b[] = {50, NAN};
    lf_bar_chart c = four_months();
    c.n = 2;
    c.nbars = 2;
    c.bars[0] = a;
    c.bars[1] = b;
    char *svg = draw(bar_fn, &c);
    double h[4], y[4], v[16];
    cr_assert_eq(attrs(svg, "<rect class=\"bar s0\"", "height", h, 4), 2);
    attrs(svg, "<rect class=\"bar s0\"", "y", y, 4);
    cr_assert_eq(count(svg, "<rect class=\"bar s1\""), 1, "NaN is no bar");
    double zero = attr(strstr(svg, "<line class=\"zero\""), "y1");
    cr_assert(fabs(y[0] - zero) < 0.02, "the negative bar starts at zero");
    cr_assert(fabs(y[1] + h[1] - zero) < 0.02, "the positive bar ends at zero");
    cr_assert(fabs(h[0] / h[1] - 1.0 / 3) < 1e-3);
    size_t n = round_ticks(svg, -100, 300, v);
    cr_assert(v[0] < 0 && v[n - 1] > 0);
    /* The side-by-side bars of a month do not overlap. */
    double x0 = attr(strstr(svg, "<rect class=\"bar s0\""), "x");
    double w0 = attr(strstr(svg, "<rect class=\"bar s0\""), "width");
    cr_assert(attr(strstr(svg, "<rect class=\"bar s1\""), "x") >= x0 + w0);
    free(svg);
}

/* February and April are deficits: a band and a mark each, centred on their
 * month's tick label, and the legend names them; the others have none. */
Test(report_bars, deficit_marks_only_flagged_months)
{
    static const int deficit[] = {0, 1, 0, 7};
    lf_bar_chart c = four_months();
    c.deficit = deficit;
    c.deficit_label = "energy deficit";
    char *svg = draw(bar_fn, &c);
    cr_assert_eq(count(svg, "class=\"deficit-mark\""), 2);
    cr_assert_eq(count(svg, "class=\"deficit-band\""), 2);
    char labels[8][32];
    double lx[8], mx[4], my[4];
    cr_assert_eq(group_texts(svg, "x-axis", labels, lx, 8), 4);
    const char *mark = strstr(svg, "class=\"deficit-mark\"");
    const char *months[] = {"2025-02", "2025-04"};
    for (int k = 0; k < 2; k++, mark = strstr(mark + 1, "class=\"deficit-mark\"")) {
        cr_assert_eq(pairs(mark, "points", mx, my, 4), 3);
        cr_assert(fabs(mx[2] - lx[2 * k + 1]) < 0.02, "mark %d at %g, month at %g", k, mx[2],
                  lx[2 * k + 1]);
        const char *tip = strstr(mark, months[k]);
        cr_assert(tip && tip < strstr(mark, "</polygon>"), "tooltip month");
        cr_assert(my[0] < attr(strstr(svg, "<rect class=\"deficit-band\""), "y"), "above");
    }
    cr_assert(strstr(strstr(svg, "<g class=\"legend\""), ">energy deficit</text>"));
    free(svg);

    static const int none[] = {0, 0, 0, 0};
    c.deficit = none;
    svg = draw(bar_fn, &c);
    cr_assert_eq(count(svg, "deficit"), 0, "no month flagged: no mark, band or legend");
    free(svg);
}

/* A marker line across each group at its value: 150 over the 100 bar sits at
 * 1.5 times its height; NaN has none. */
Test(report_bars, markers_at_their_values)
{
    static const double marker[] = {150, NAN, 60, 380};
    lf_bar_chart c = four_months();
    c.marker = marker;
    c.marker_label = "demand P90";
    char *svg = draw(bar_fn, &c);
    double my[8], mx1[8], mx2[8], h[8], bx[8], bw[8];
    cr_assert_eq(attrs(svg, "<line class=\"marker\"", "y1", my, 8), 3);
    attrs(svg, "<line class=\"marker\"", "x1", mx1, 8);
    attrs(svg, "<line class=\"marker\"", "x2", mx2, 8);
    attrs(svg, "<rect class=\"bar s0\"", "height", h, 8);
    attrs(svg, "<rect class=\"bar s0\"", "x", bx, 8);
    attrs(svg, "<rect class=\"bar s0\"", "width", bw, 8);
    double zero = attr(strstr(svg, "<line class=\"zero\""), "y1");
    cr_assert(fabs((zero - my[0]) / h[0] - 1.5) < 1e-3);
    cr_assert(fabs((zero - my[1]) / h[2] - 60.0 / 50) < 1e-3);
    cr_assert(mx1[2] < bx[3] && mx2[2] > bx[3] + bw[3], "the marker spans the group");
    cr_assert(strstr(svg, ">demand P90</text>"));
    free(svg);
}

/* n 240: labels only on Januaries (every 2nd year), at most 13 of them. */
Test(report_bars, long_horizon_labels_januaries)
{
    static double v[240];
    for (size_t i = 0; i < 240; i++)
        v[i] = (double)(i % 17);
    lf_bar_chart c = four_months();
    c.n = 240;
    c.year = 2025;
    c.month = 4;
    c.bars[0] = v;
    char *svg = draw(bar_fn, &c);
    char labels[32][32];
    size_t n = group_texts(svg, "x-axis", labels, NULL, 32);
    cr_assert(n >= 5 && n <= 13, "%zu labels", n);
    for (size_t i = 0; i < n; i++)
        cr_assert(strlen(labels[i]) == 7 && strcmp(labels[i] + 4, "-01") == 0, "%s", labels[i]);
    cr_assert_eq(count(svg, "<rect class=\"bar s0\""), 240);
    free(svg);
}

Test(report_bars, refused_inputs)
{
    static const double inf[] = {1, 2, INFINITY, 4}, big[] = {1, -2e15, 3, 4};
    lf_bar_chart c = four_months();
    refused(bar_fn, NULL, "no chart");
    c.title = NULL;
    refused(bar_fn, &c, "title");
    c = four_months();
    c.n = 0;
    refused(bar_fn, &c, "n 0");
    c.n = 241;
    refused(bar_fn, &c, "n 241");
    c = four_months();
    c.nbars = 0;
    refused(bar_fn, &c, "nbars 0");
    c.nbars = 5;
    refused(bar_fn, &c, "nbars 5");
    c.nbars = 2;
    refused(bar_fn, &c, "bars[1] is NULL");
    c = four_months();
    c.bars[0] = inf;
    refused(bar_fn, &c, "bars[0][2] (2025-03) is infinite");
    c.bars[0] = big;
    refused(bar_fn, &c, "bars[0][1] (2025-02) is beyond 1e15");
    c = four_months();
    c.marker = inf;
    refused(bar_fn, &c, "marker[2]");
    c = four_months();
    c.month = 13;
    refused(bar_fn, &c, "month 13");
    c.month = 0;
    refused(bar_fn, &c, "month 0");
    c.month = 1;
    c.year = 0;
    refused(bar_fn, &c, "year 0");
    lf_error err;
    cr_assert_eq(lf_svg_bar_chart(NULL, &c, &err), LF_ERR_ARG);
}

/* ---- fan chart ------------------------------------------------------------------------ */

static const double HIST[] = {10, 12, NAN, 11, 13, 14};
static const double LOW[] = {12, 11, 10, 9}, MID[] = {14, 14, 14, 14}, HIGH[] = {15, 17, 19, 21};

static lf_fan_chart ten_months(void)
{
    lf_fan_chart c = {.title = "Demand", .unit = "GWh", .year = 2025, .month = 1,
                      .nhistory = 6, .history = HIST, .nforecast = 4, .low = LOW, .mid = MID,
                      .high = HIGH, .low_label = "P10", .mid_label = "P50", .high_label = "P90"};
    return c;
}

/* Data 9..21: raw step 12/5 = 2.4, rounded up to 2.5: ticks 7.5 .. 22.5 (the
 * axis need not hold 0).  The band: 2 x 4 points, high left to right then low
 * back, on the forecast months' label x, as wide as high - low (3, 6, 9, 12). */
Test(report_fan, band_ticks_and_months)
{
    lf_fan_chart c = ten_months();
    char *svg = draw(fan_fn, &c);
    double v[16], bx[16], by[16], lx[16];
    char labels[16][32];
    cr_assert_eq(round_ticks(svg, 9, 21, v), 7);
    cr_assert(v[0] == 7.5 && v[6] == 22.5, "ticks %g..%g", v[0], v[6]);
    cr_assert_eq(group_texts(svg, "x-axis", labels, lx, 16), 10, "10 months, all labelled");
    cr_assert_str_eq(labels[0], "2025-01");
    cr_assert_str_eq(labels[9], "2025-10");
    cr_assert_eq(count(svg, "<polygon class=\"band\""), 1);
    cr_assert_eq(pairs(strstr(svg, "<polygon class=\"band\""), "points", bx, by, 16), 8);
    for (size_t i = 0; i < 4; i++) {
        cr_assert(fabs(bx[i] - lx[6 + i]) < 0.02 && fabs(bx[7 - i] - lx[6 + i]) < 0.02);
        double width = by[7 - i] - by[i];
        cr_assert(fabs(width / (by[7] - by[0]) - (double)(i + 1)) < 1e-3, "width %zu", i);
    }
    cr_assert(strstr(strstr(svg, "<g class=\"legend\""), ">P10\xe2\x80\x93P90</text>"));
    cr_assert(strstr(svg, ">P50</text>") && strstr(svg, ">actual</text>"));
    cr_assert(strstr(svg, ">GWh</text>"), "the unit");
    free(svg);
}

/* A gap breaks the history line: two subpaths (2 + 3 points); the dashed
 * forecast start lies between June and July; the median has 4 points, flat. */
Test(report_fan, history_gap_and_forecast_start)
{
    lf_fan_chart c = ten_months();
    char *svg = draw(fan_fn, &c);
    const char *hist = strstr(svg, "<path class=\"history\"");
    cr_assert_not_null(hist);
    cr_assert_eq(subpaths(hist), 2);
    cr_assert_eq(subpaths(strstr(svg, "<path class=\"median\"")), 1);
    double hx[16], hy[16], mx[8], my[8], lx[16];
    char labels[16][32];
    cr_assert_eq(pairs(hist, "d", hx, hy, 16), 5);
    group_texts(svg, "x-axis", labels, lx, 16);
    cr_assert(fabs(hx[2] - lx[3]) < 0.02, "after the gap: April");
    double start = attr(strstr(svg, "<line class=\"forecast-start\""), "x1");
    cr_assert(fabs(start - (lx[5] + lx[6]) / 2) < 0.02, "start %g", start);
    cr_assert(strstr(strstr(svg, "<line class=\"forecast-start\""), "stroke-dasharray"));
    cr_assert_eq(pairs(strstr(svg, "<path class=\"median\""), "d", mx, my, 8), 4);
    cr_assert(my[0] == my[3] && fabs(mx[0] - lx[6]) < 0.02);
    free(svg);
}

/* A value alone between gaps shows as a dot; no history at all: no line, no
 * "actual" in the legend, no forecast start. */
Test(report_fan, isolated_points_and_empty_history)
{
    static const double lonely[] = {10, NAN, 12, NAN, 13, 14};
    lf_fan_chart c = ten_months();
    c.history = lonely;
    char *svg = draw(fan_fn, &c);
    cr_assert_eq(count(svg, "class=\"history-dot\""), 2, "months 1 and 3 stand alone");
    free(svg);
    c.nhistory = 0;
    c.history = NULL;
    svg = draw(fan_fn, &c);
    cr_assert_null(strstr(svg, "class=\"history\""));
    cr_assert_null(strstr(svg, "forecast-start"));
    cr_assert_null(strstr(svg, ">actual<"));
    free(svg);
}

/* Degenerate ranges: all-NaN history and one flat forecast month at 5 give
 * an axis padded by 10 %, 4.5..5.5: raw step 0.2, ticks 4.4 .. 5.6. */
Test(report_fan, degenerate_ranges)
{
    static const double nan2[] = {NAN, NAN}, five[] = {5};
    lf_fan_chart c = {.title = "flat", .year = 2025, .month = 12, .nhistory = 2,
                      .history = nan2, .nforecast = 1, .low = five, .mid = five,
                      .high = five};
    char *svg = draw(fan_fn, &c);
    double v[16];
    size_t n = round_ticks(svg, 4.5, 5.5, v);
    cr_assert(fabs(v[0] - 4.4) < 1e-9 && fabs(v[n - 1] - 5.6) < 1e-9, "%g..%g", v[0], v[n - 1]);
    cr_assert_null(strstr(svg, ">actual<"), "no value in the history");
    cr_assert(strstr(svg, ">low\xe2\x80\x93high</text>") && strstr(svg, ">median</text>"));
    free(svg);
}

Test(report_fan, refused_inputs)
{
    static const double bad_order[] = {12, 11, 15, 9}, inf[] = {10, INFINITY}, nan[] = {NAN};
    lf_fan_chart c = ten_months();
    refused(fan_fn, NULL, "no chart");
    c.title = NULL;
    refused(fan_fn, &c, "title is NULL");
    c = ten_months();
    c.nforecast = 0;
    refused(fan_fn, &c, "nforecast is 0");
    c.nforecast = 475;
    refused(fan_fn, &c, "exceed 480");
    c = ten_months();
    c.history = NULL;
    refused(fan_fn, &c, "history is NULL");
    c = ten_months();
    c.history = inf;
    c.nhistory = 2;
    refused(fan_fn, &c, "history[1] (2025-02) is infinite");
    c = ten_months();
    c.mid = NULL;
    refused(fan_fn, &c, "mid is NULL");
    c = ten_months();
    c.low = bad_order; /* 15 > mid 14 in the third forecast month, 2025-09 */
    refused(fan_fn, &c, "forecast month 2 (2025-09)");
    c = ten_months();
    c.high = nan;
    c.nforecast = 1;
    refused(fan_fn, &c, "high[0] (2025-07) is NaN");
    c = ten_months();
    c.month = 13;
    refused(fan_fn, &c, "month 13");
}

/* ---- duration chart ------------------------------------------------------------------- */

static const double HOURS[] = {3, 1, 2, NAN, 5, 4};
static const double DAYS[] = {2, 6, 4};

static lf_duration_chart two_curves(void)
{
    lf_duration_chart c = {.title = "Load duration", .unit = "MW", .ncurves = 2,
                           .values = {HOURS, DAYS}, .n = {6, 3},
                           .labels = {"hourly", "daily"}, .limit = 4.5,
                           .limit_label = "supply limit"};
    return c;
}

/* Sorted descending on a copy, NaN skipped: 5 4 3 2 1 at 0, 25 .. 100 %;
 * the 3-value curve also spans 0..100 %; the limit line at 4.5 lies midway
 * between the 5 and the 4. */
Test(report_duration, sorted_spanning_and_limit)
{
    lf_duration_chart c = two_curves();
    char *svg = draw(dur_fn, &c);
    double x[16], y[16], lx[8];
    char labels[8][32];
    cr_assert_eq(group_texts(strstr(svg, "<g class=\"x-axis\""), "x-axis", labels, lx, 8), 7);
    cr_assert_str_eq(labels[0], "0%");
    cr_assert_str_eq(labels[5], "100%");
    cr_assert_str_eq(labels[6], "share of the time");
    const char *a = strstr(svg, "<polyline class=\"curve s0\"");
    cr_assert_eq(pairs(a, "points", x, y, 16), 5);
    for (size_t i = 0; i < 5; i++) {
        cr_assert(fabs(x[i] - (lx[0] + (lx[5] - lx[0]) * (double)i / 4)) < 0.02, "x %zu", i);
        cr_assert(i == 0 || fabs((y[i] - y[i - 1]) - (y[1] - y[0])) < 0.02, "y %zu", i);
    }
    cr_assert(y[1] > y[0], "largest first");
    double limit = attr(strstr(svg, "<line class=\"limit\""), "y1");
    cr_assert(fabs(limit - (y[0] + y[1]) / 2) < 0.02, "limit %g", limit);
    cr_assert(strstr(svg, ">4.5 MW</text>") && strstr(svg, ">supply limit</text>"));
    const char *b = strstr(svg, "<polyline class=\"curve s1\"");
    cr_assert_eq(pairs(b, "points", x, y, 16), 3);
    cr_assert(fabs(x[0] - lx[0]) < 0.02 && fabs(x[2] - lx[5]) < 0.02);
    free(svg);
}

/* 100 000 values: one point per half pixel at most, still from the largest
 * to the smallest, never going back up. */
Test(report_duration, long_curve_thinned)
{
    size_t n = 100000;
    double *v = malloc(n * sizeof *v), *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    for (size_t i = 0; i < n; i++)
        v[i] = (double)((i * 7919) % 1000);
    lf_duration_chart c = {.title = "hours", .ncurves = 1, .values = {v}, .n = {n},
                           .limit = NAN};
    char *svg = draw(dur_fn, &c);
    size_t m = pairs(strstr(svg, "<polyline class=\"curve s0\""), "points", x, y, n);
    cr_assert(m > 500 && m <= 1300, "%zu points", m);
    for (size_t i = 1; i < m; i++)
        cr_assert(y[i] >= y[i - 1] && x[i] > x[i - 1], "point %zu goes back", i);
    cr_assert_null(strstr(svg, "class=\"limit\""));
    double t[16];
    round_ticks(svg, 0, 999, t);
    free(svg);
    free(v);
    free(x);
    free(y);
}

/* A single value holds all the time: a flat line; no value at all: "no data". */
Test(report_duration, single_value_and_no_data)
{
    static const double one[] = {NAN, 7}, none[] = {NAN};
    lf_duration_chart c = {.title = "one", .ncurves = 2, .values = {one, none}, .n = {2, 1},
                           .limit = NAN};
    char *svg = draw(dur_fn, &c);
    double x[4], y[4];
    cr_assert_eq(pairs(strstr(svg, "<polyline class=\"curve s0\""), "points", x, y, 4), 2);
    cr_assert(y[0] == y[1] && x[1] > x[0]);
    cr_assert_null(strstr(svg, "curve s1"), "the empty curve is not drawn");
    cr_assert(strstr(svg, ">series 2</text>"), "but named in the legend");
    free(svg);
    c.ncurves = 1;
    c.values[0] = none;
    c.n[0] = 1;
    svg = draw(dur_fn, &c);
    cr_assert(strstr(svg, ">no data</text>"));
    free(svg);
}

Test(report_duration, refused_inputs)
{
    static const double inf[] = {1, 2, -INFINITY};
    lf_duration_chart c = two_curves();
    refused(dur_fn, NULL, "no chart");
    c.title = NULL;
    refused(dur_fn, &c, "title is NULL");
    c = two_curves();
    c.ncurves = 0;
    refused(dur_fn, &c, "ncurves 0");
    c.ncurves = 5;
    refused(dur_fn, &c, "ncurves 5");
    c = two_curves();
    c.values[1] = NULL;
    refused(dur_fn, &c, "values[1] is NULL");
    c = two_curves();
    c.values[1] = inf;
    refused(dur_fn, &c, "values[1][2] is infinite");
    c = two_curves();
    c.limit = INFINITY;
    refused(dur_fn, &c, "limit is infinite");
}

/* ---- every chart -------------------------------------------------------------------- */

/* Escaped in the <title>, the drawn title, the unit and the legend. */
Test(report_charts, text_is_escaped)
{
    lf_bar_chart c = four_months();
    c.title = "A<b>&\"'c";
    c.unit = "m<3>";
    c.bar_labels[0] = "x&y";
    char *svg = draw(bar_fn, &c);
    cr_assert_eq(count(svg, "A&lt;b&gt;&amp;&quot;&#39;c"), 2);
    cr_assert(strstr(svg, ">m&lt;3&gt;</text>") && strstr(svg, ">x&amp;y</text>"));
    cr_assert_null(strstr(svg, "<b>"));
    free(svg);
}

/* 36 months from May 2024: every 3rd labelled (12 labels), Januaries among
 * them; 12 months: each labelled. */
Test(report_charts, month_labels_thinned_keeping_january)
{
    static double v[36];
    lf_bar_chart c = four_months();
    c.n = 36;
    c.year = 2024;
    c.month = 5;
    c.bars[0] = v;
    char *svg = draw(bar_fn, &c);
    char labels[40][32];
    double lx[40];
    size_t n = group_texts(svg, "x-axis", labels, lx, 40);
    cr_assert_eq(n, 12);
    const char *jan[] = {"2025-01", "2026-01", "2027-01"};
    for (size_t k = 0, i = 0; k < 3; k++) {
        while (i < n && strcmp(labels[i], jan[k]) != 0)
            i++;
        cr_assert(i < n, "%s is not labelled", jan[k]);
    }
    for (size_t i = 1; i < n; i++)
        cr_assert(fabs((lx[i] - lx[i - 1]) - (lx[1] - lx[0])) < 0.02, "uneven labels");
    cr_assert_str_eq(labels[0], "2024-07");
    free(svg);
    c.n = 12;
    svg = draw(bar_fn, &c);
    cr_assert_eq(group_texts(svg, "x-axis", labels, lx, 40), 12);
    free(svg);
}

/* 0..3.4e9: raw step 6.8e8, rounded up to 1e9; the labels in G. */
Test(report_charts, large_values_scaled)
{
    static const double big[] = {1.2e9, 3.4e9, 2.2e9};
    lf_bar_chart c = four_months();
    c.n = 3;
    c.bars[0] = big;
    char *svg = draw(bar_fn, &c);
    double v[16];
    size_t n = round_ticks(svg, 0, 3.4e9, v);
    cr_assert_eq(n, 5);
    cr_assert_eq(v[n - 1], 4e9);
    cr_assert(strstr(svg, ">4G</text>") && strstr(svg, ">0</text>"));
    free(svg);
}

/* The same input, the same bytes. */
Test(report_charts, reproducible)
{
    lf_fan_chart f = ten_months();
    char *a = draw(fan_fn, &f), *b = draw(fan_fn, &f);
    cr_assert_str_eq(a, b);
    free(a);
    free(b);
}

/* A stream that fails: LF_ERR_IO for each chart. */
Test(report_charts, failed_writes_are_io_errors)
{
    FILE *fp = fopen("/dev/full", "w");
    if (!fp)
        cr_skip_test("no /dev/full");
    lf_fan_chart f = ten_months();
    lf_bar_chart b = four_months();
    lf_duration_chart d = two_curves();
    lf_error err;
    cr_assert_eq(lf_svg_fan_chart(fp, &f, &err), LF_ERR_IO);
    has(&err, "fan chart");
    clearerr(fp);
    cr_assert_eq(lf_svg_bar_chart(fp, &b, &err), LF_ERR_IO);
    clearerr(fp);
    cr_assert_eq(lf_svg_duration_chart(fp, &d, &err), LF_ERR_IO);
    fclose(fp);
}

/* ---- text helpers --------------------------------------------------------------------- */

Test(report_text, numbers_in_cells)
{
    const char *yes[] = {"0", "1,234.5", "-12%", "+3", ".5", " 42 ", "1,234,567", "-0.25%",
                         "999"};
    const char *no[] = {"", " ", "1,2", "12a", "NaN", "1,2345", "12.", "-", "%", "1 000",
                        "1e5", "--1", "12 %", "1,234,56", ",123", NULL};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        cr_assert(lf_report_is_number(yes[i]), "'%s' is a number", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        cr_assert(!lf_report_is_number(no[i]), "'%s' is no number", no[i] ? no[i] : "NULL");
}

/* ---- the report --------------------------------------------------------------------- */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/lf_test_report.XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
}

static int entries(void)
{
    DIR *d = opendir(tmpdir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static void remove_tmpdir(void)
{
    DIR *d = opendir(tmpdir);
    char p[400];
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
        if (e->d_name[0] != '.')
            unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(tmpdir);
}

TestSuite(report, .init = make_tmpdir, .fini = remove_tmpdir);

static const char *tmp_path(const char *name)
{
    static char p[4][400];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
    return p[k];
}

/* The file's bytes, NUL-terminated (free them). */
static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp, "cannot open %s", path);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    int ch;
    while ((ch = fgetc(fp)) != EOF)
        fputc(ch, out);
    fclose(out);
    fclose(fp);
    return buf;
}

static const char *const HEADER[] = {"month", "energy MWh", "change", "note"};
static const char *const CELLS[] = {
    "2025-01", "1,234.5", "-12%", "ok",
    "2025-02", "998", "n/a", "a|b <&> 电量",
    "2025-03", NULL, "+3", NULL,
};

/* A report with one of everything: heading, paragraph, table, the three charts. */
static lf_report *sample(void)
{
    lf_report *r;
    lf_error err;
    cr_assert_eq(lf_report_new("Plan 2025 & <beyond> 电量平衡计划", &r, &err), LF_OK);
    cr_assert_eq(lf_report_heading(r, 2, "Demand <P50>", &err), LF_OK);
    cr_assert_eq(lf_report_text(r, "Energy & peak: *not bold*\n- not a list\n1. not a "
                                   "number [x](y)", &err), LF_OK);
    cr_assert_eq(lf_report_table(r, "Monthly <table>", 4, HEADER, 3, CELLS, &err), LF_OK);
    lf_fan_chart f = ten_months();
    lf_bar_chart b = four_months();
    lf_duration_chart d = two_curves();
    cr_assert_eq(lf_report_fan_chart(r, "fan_energy", "Energy <forecast>", &f, &err), LF_OK,
                 "%s", err.message);
    cr_assert_eq(lf_report_bar_chart(r, "bars", "Balance", &b, &err), LF_OK);
    cr_assert_eq(lf_report_heading(r, 3, "Peaks", &err), LF_OK);
    cr_assert_eq(lf_report_duration_chart(r, "load-duration", NULL, &d, &err), LF_OK);
    return r;
}

Test(report, charts_named_in_order)
{
    lf_report *r = sample();
    cr_assert_eq(lf_report_ncharts(r), 3);
    cr_assert_str_eq(lf_report_chart_name(r, 0), "fan_energy");
    cr_assert_str_eq(lf_report_chart_name(r, 2), "load-duration");
    cr_assert_null(lf_report_chart_name(r, 3));
    cr_assert_eq(lf_report_ncharts(NULL), 0);
    lf_report_free(r);
    lf_report_free(NULL);
}

/* The page as report.h promises it, well-formed as XML. */
Test(report, html_is_self_contained)
{
    lf_report *r = sample();
    lf_error err;
    cr_assert_eq(lf_report_write_html(r, tmp_path("r.html"), &err), LF_OK, "%s", err.message);
    char *html = slurp(tmp_path("r.html"));
    cr_assert(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">\n", 33) == 0);
    const char *need[] = {"<meta charset=\"utf-8\"", "<meta name=\"viewport\"",
                          "<title>Plan 2025 &amp; &lt;beyond&gt; 电量平衡计划</title>",
                          "<figure id=\"chart-fan_energy\" class=\"chart\"><svg ",
                          "</svg><figcaption>Energy &lt;forecast&gt;</figcaption></figure>",
                          "<figure id=\"chart-load-duration\" class=\"chart\"><svg ",
                          "<h2>Demand &lt;P50&gt;</h2>", "<h3>Peaks</h3>",
                          "<caption>Monthly &lt;table&gt;</caption>"};
    for (size_t i = 0; i < sizeof need / sizeof *need; i++)
        cr_assert(strstr(html, need[i]), "lacks %s", need[i]);
    char footer[64];
    snprintf(footer, sizeof footer, "<footer>Made by libforecast %s</footer>", lf_version());
    cr_assert(strstr(html, footer));
    cr_assert_eq(count(html, "<style"), 1);
    cr_assert_eq(count(html, "<svg"), 3);
    cr_assert_eq(count(html, "<figcaption>"), 2, "the duration chart has no caption");
    cr_assert_eq(count(html, "http"), 3);
    for (const char *h = strstr(html, "http"); h; h = strstr(h + 1, "http"))
        cr_assert(strncmp(h - 7, "xmlns=\"http://www.w3.org/2000/svg\"", 34) == 0,
                  "a link: %.40s", h - 7);
    const char *banned[] = {"<script", "javascript", "onload", "src=", "url(", "@import",
                            "<link rel=\"stylesheet\"", "<img", "@font-face"};
    for (size_t i = 0; i < sizeof banned / sizeof *banned; i++)
        cr_assert_null(strstr(html, banned[i]), "holds %s", banned[i]);
    assert_xml(html, "the page");
    free(html);
    lf_report_free(r);
}

/* Numbers right-aligned cell by cell; the header of an all-number column too;
 * a NULL cell is empty; text escaped. */
Test(report, html_table_alignment)
{
    lf_report *r = sample();
    lf_error err;
    cr_assert_eq(lf_report_write_html(r, tmp_path("t.html"), &err), LF_OK);
    char *html = slurp(tmp_path("t.html"));
    const char *need[] = {
        "<thead><tr><th>month</th><th class=\"num\">energy MWh</th><th>change</th>"
        "<th>note</th></tr></thead>",
        "<tr><td>2025-01</td><td class=\"num\">1,234.5</td><td class=\"num\">-12%</td>"
        "<td>ok</td></tr>",
        "<tr><td>2025-02</td><td class=\"num\">998</td><td>n/a</td>"
        "<td>a|b &lt;&amp;&gt; 电量</td></tr>",
        "<tr><td>2025-03</td><td></td><td class=\"num\">+3</td><td></td></tr>"};
    for (size_t i = 0; i < sizeof need / sizeof *need; i++)
        cr_assert(strstr(html, need[i]), "lacks %s", need[i]);
    cr_assert(strstr(html, ".num {") && strstr(html, "text-align: right"), "the style");
    cr_assert(strstr(html, "nth-child(even)") && strstr(html, "@media print"));
    cr_assert(strstr(html, "max-width: 100%"));
    free(html);
    lf_report_free(r);
}

Test(report, markdown_document)
{
    lf_report *r = sample();
    lf_error err;
    cr_assert_eq(lf_report_write_markdown(r, tmp_path("r.md"), "plan_", &err), LF_OK, "%s",
                 err.message);
    char *md = slurp(tmp_path("r.md"));
    const char *need[] = {
        "# Plan 2025 \\& \\<beyond\\> 电量平衡计划\n\n## Demand \\<P50\\>\n\n",
        "Energy \\& peak: \\*not bold\\*\n\\- not a list\n1\\. not a number \\[x\\](y)\n",
        "Table: Monthly \\<table\\>\n\n"
        "| month | energy MWh | change | note |\n"
        "| --- | ---: | --- | --- |\n"
        "| 2025-01 | 1,234.5 | -12% | ok |\n"
        "| 2025-02 | 998 | n/a | a\\|b \\<\\&\\> 电量 |\n"
        "| 2025-03 |  | +3 |  |\n",
        "\n![Energy \\<forecast\\>](plan_fan_energy.svg)\n",
        "\n![Balance](plan_bars.svg)\n\n### Peaks\n",
        "\n![load-duration](plan_load-duration.svg)\n"};
    for (size_t i = 0; i < sizeof need / sizeof *need; i++)
        cr_assert(strstr(md, need[i]), "lacks %s\nin\n%s", need[i], md);
    char footer[64];
    snprintf(footer, sizeof footer, "\n---\n\nMade by libforecast %s\n", lf_version());
    cr_assert(strstr(md, footer));
    free(md);
    cr_assert_eq(lf_report_write_markdown(r, tmp_path("n.md"), NULL, &err), LF_OK);
    md = slurp(tmp_path("n.md"));
    cr_assert(strstr(md, "](fan_energy.svg)"));
    free(md);
    lf_report_free(r);
}

/* The chart file: the declaration, then the very svg the page holds. */
Test(report, chart_files)
{
    lf_report *r = sample();
    lf_error err;
    char *html;
    cr_assert_eq(lf_report_write_html(r, tmp_path("p.html"), &err), LF_OK);
    html = slurp(tmp_path("p.html"));
    for (size_t i = 0; i < lf_report_ncharts(r); i++) {
        cr_assert_eq(lf_report_write_chart(r, i, tmp_path("c.svg"), &err), LF_OK);
        char *svg = slurp(tmp_path("c.svg"));
        const char *decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ";
        cr_assert(strncmp(svg, decl, strlen(decl)) == 0);
        assert_xml(svg, "the svg file");
        svg[strlen(svg) - 1] = '\0'; /* the page has no newline after </svg> */
        cr_assert(strstr(html, svg + 39), "the page's svg differs"); /* after the declaration */
        free(svg);
    }
    free(html);
    cr_assert_eq(lf_report_write_chart(r, 3, tmp_path("x.svg"), &err), LF_ERR_ARG);
    cr_assert_eq(access(tmp_path("x.svg"), F_OK), -1);
    lf_report_free(r);
}

/* Two reports built alike are written byte for byte alike (no clock). */
Test(report, reproducible_files)
{
    lf_report *a = sample(), *b = sample();
    cr_assert_eq(lf_report_write_html(a, tmp_path("a.html"), NULL), LF_OK);
    cr_assert_eq(lf_report_write_html(b, tmp_path("b.html"), NULL), LF_OK);
    cr_assert_eq(lf_report_write_markdown(a, tmp_path("a.md"), "x/", NULL), LF_OK);
    cr_assert_eq(lf_report_write_markdown(b, tmp_path("b.md"), "x/", NULL), LF_OK);
    const char *pairs_[][2] = {{"a.html", "b.html"}, {"a.md", "b.md"}};
    for (size_t i = 0; i < 2; i++) {
        char *x = slurp(tmp_path(pairs_[i][0])), *y = slurp(tmp_path(pairs_[i][1]));
        cr_assert_str_eq(x, y);
        free(x);
        free(y);
    }
    lf_report_free(a);
    lf_report_free(b);
}

/* Bytes that are not UTF-8 become U+FFFD, control characters go; CJK stays. */
Test(report, utf8_stays_valid)
{
    lf_report *r;
    lf_error err;
    cr_assert_eq(lf_report_new("bad\xff" "byte \xe7\x94 cut", &r, &err), LF_OK);
    cr_assert_eq(lf_report_text(r, "ctl\x01x \xc0\xaf overlong 电量", &err), LF_OK);
    cr_assert_eq(lf_report_write_html(r, tmp_path("u.html"), &err), LF_OK);
    cr_assert_eq(lf_report_write_markdown(r, tmp_path("u.md"), "", &err), LF_OK);
    const char *files[] = {"u.html", "u.md"};
    for (size_t f = 0; f < 2; f++) {
        char *s = slurp(tmp_path(files[f]));
        for (const char *p = s; *p; p += lf_utf8_len(p))
            cr_assert(lf_utf8_len(p) > 0, "%s: invalid UTF-8 at '%.10s'", files[f], p);
        cr_assert(strstr(s, "bad\xef\xbf\xbd" "byte"));
        cr_assert(strstr(s, "ctlx") && strstr(s, "电量"));
        free(s);
    }
    lf_report_free(r);
}

Test(report, chart_names_checked)
{
    lf_report *r;
    lf_error err;
    lf_bar_chart b = four_months();
    cr_assert_eq(lf_report_new("t", &r, &err), LF_OK);
    cr_assert_eq(lf_report_bar_chart(r, "fan", "x", &b, &err), LF_OK);
    cr_assert_eq(lf_report_bar_chart(r, "fan", "y", &b, &err), LF_ERR_ARG);
    has(&err, "'fan' is taken");
    char long_name[LF_REPORT_NAME_MAX + 2];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    const char *bad[] = {"", "a b", "a/b", "a.b", "\xc3\xa4", "x\"y", long_name, NULL};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_eq(lf_report_bar_chart(r, bad[i], NULL, &b, &err), LF_ERR_ARG, "%s",
                     bad[i] ? bad[i] : "NULL");
    long_name[LF_REPORT_NAME_MAX] = '\0';
    cr_assert_eq(lf_report_bar_chart(r, long_name, NULL, &b, &err), LF_OK, "%s", err.message);
    cr_assert_eq(lf_report_ncharts(r), 2);
    lf_report_free(r);
}

/* A chart the drawing refuses: the message names the chart, the report is as it was. */
Test(report, refused_chart_leaves_report_unchanged)
{
    lf_report *r;
    lf_error err;
    lf_fan_chart f = ten_months();
    f.nforecast = 0;
    cr_assert_eq(lf_report_new("t", &r, &err), LF_OK);
    cr_assert_eq(lf_report_fan_chart(r, "fan", "x", &f, &err), LF_ERR_ARG);
    has(&err, "chart 'fan': fan chart: nforecast is 0");
    cr_assert_eq(lf_report_ncharts(r), 0);
    cr_assert_eq(lf_report_write_markdown(r, tmp_path("e.md"), NULL, &err), LF_OK);
    char *md = slurp(tmp_path("e.md"));
    cr_assert_null(strstr(md, "!["));
    free(md);
    lf_report_free(r);
}

Test(report, refused_arguments)
{
    lf_report *r = NULL;
    lf_error err;
    cr_assert_eq(lf_report_new(NULL, &r, &err), LF_ERR_ARG);
    cr_assert_null(r);
    cr_assert_eq(lf_report_new("t", NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_report_new("t", &r, &err), LF_OK);
    cr_assert_eq(lf_report_heading(r, 1, "x", &err), LF_ERR_ARG);
    has(&err, "level 1");
    cr_assert_eq(lf_report_heading(r, 5, "x", &err), LF_ERR_ARG);
    cr_assert_eq(lf_report_heading(r, 2, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_report_heading(NULL, 2, "x", &err), LF_ERR_ARG);
    cr_assert_eq(lf_report_text(r, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_report_text(NULL, "x", &err), LF_ERR_ARG);
    cr_assert_eq(lf_report_table(r, NULL, 0, HEADER, 0, NULL, &err), LF_ERR_ARG);
    has(&err, "ncols is 0");
    cr_assert_eq(lf_report_table(r, NULL, 4, NULL, 0, NULL, &err), LF_ERR_ARG);
    has(&err, "header is NULL");
    cr_assert_eq(lf_report_table(r, NULL, 4, HEADER, 2, NULL, &err), LF_ERR_ARG);
    has(&err, "cells is NULL");
    cr_assert_eq(lf_report_table(r, NULL, 4, HEADER, 0, NULL, &err), LF_OK, "a header alone");
    cr_assert_eq(lf_report_bar_chart(NULL, "b", NULL, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_report_write_html(r, NULL, &err), LF_ERR_ARG);
    cr_assert_eq(lf_report_write_html(NULL, tmp_path("n.html"), &err), LF_ERR_ARG);
    cr_assert_eq(lf_report_write_markdown(r, tmp_path("n.md"), "a b", &err), LF_ERR_ARG);
    has(&err, "chart prefix");
    cr_assert_eq(lf_report_write_markdown(r, tmp_path("n.md"), "x)", &err), LF_ERR_ARG);
    cr_assert_eq(lf_report_write_chart(r, 0, tmp_path("n.svg"), &err), LF_ERR_ARG);
    cr_assert_eq(entries(), 0, "a refused write left a file");
    lf_report_free(r);
}

/* A directory that does not exist: LF_ERR_IO and no file anywhere. */
Test(report, failed_writes_leave_nothing)
{
    lf_report *r = sample();
    lf_error err;
    cr_assert_eq(lf_report_write_html(r, tmp_path("no/such/r.html"), &err), LF_ERR_IO);
    has(&err, "no/such/r.html");
    cr_assert_eq(lf_report_write_markdown(r, tmp_path("no/such/r.md"), NULL, &err), LF_ERR_IO);
    cr_assert_eq(lf_report_write_chart(r, 0, tmp_path("no/such/c.svg"), &err), LF_ERR_IO);
    cr_assert_eq(entries(), 0, "a failed write left a file");
    lf_report_free(r);
}
