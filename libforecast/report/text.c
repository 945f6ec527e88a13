/* text.c - text and numbers of the charts and reports (report_internal.h):
 * UTF-8 kept valid, XML escapes, coordinates and labels as short strings. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

size_t lf_utf8_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned lo = 0x80, hi = 0xbf;
    size_t n;
    if (u[0] < 0x80)
        return u[0] ? 1 : 0;
    if (u[0] >= 0xc2 && u[0] <= 0xdf)
        n = 2;
    else if (u[0] >= 0xe0 && u[0] <= 0xef)
        n = 3;
    else if (u[0] >= 0xf0 && u[0] <= 0xf4)
        n = 4;
    else
        return 0;
    /* The second byte's range excludes overlongs, surrogates and > U+10FFFF. */
    if (u[0] == 0xe0)
        lo = 0xa0;
    else if (u[0] == 0xed)
        hi = 0x9f;
    else if (u[0] == 0xf0)
        lo = 0x90;
    else if (u[0] == 0xf4)
        hi = 0x8f;
    if (u[1] < lo || u[1] > hi)
        return 0;
    /* Stops at a NUL, which is no continuation byte, before reading past it. */
    for (size_t i = 2; i < n; i++)
        if ((u[i] & 0xc0) != 0x80)
            return 0;
    return n;
}

void lf_put_text(FILE *fp, const char *s, lf_escape_fn *esc, void *ctx)
{
    while (*s) {
        size_t n = lf_utf8_len(s);
        unsigned char c = (unsigned char)*s;
        if (n == 0)
            fputs("\xef\xbf\xbd", fp); /* U+FFFD: XML and browsers need UTF-8 */
        else if (n > 1)
            fwrite(s, 1, n, fp);
        else if (c < 0x20 && c != '\t' && c != '\n')
            ; /* XML 1.0 allows no other control character */
        else if (!esc || !esc(fp, *s, ctx))
            fputc(c, fp);
        s += n ? n : 1;
    }
}

static int xml_escape(FILE *fp, char c, void *ctx)
{
    (void)ctx;
    const char *e = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;"
                  : c == '"' ? "&quot;" : c == '\'' ? "&#39;" : NULL;
    if (e)
        fputs(e, fp);
    return e != NULL;
}

void lf_xml_put(FILE *fp, const char *s) { lf_put_text(fp, s, xml_escape, NULL); }

double lf_text_width(const char *s, double px)
{
    double w = 0;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if ((*u & 0xc0) == 0x80)
            continue;              /* continuation byte: counted with its lead */
        w += *u >= 0xe1 ? px : 0.6 * px; /* U+1100 up: CJK and the like, full width */
    }
    return w;
}

lf_num lf_n(double v)
{
    lf_num out;
    snprintf(out.s, sizeof out.s, "%.2f", isfinite(v) ? v : 0);
    char *end = out.s + strlen(out.s);
    while (end[-1] == '0')
        *--end = '\0';
    if (end[-1] == '.')
        *--end = '\0';
    if (strcmp(out.s, "-0") == 0)
        strcpy(out.s, "0");
    return out;
}

lf_num lf_fixed(double v, int decimals, double scale, const char *suffix)
{
    char raw[48];
    lf_num out;
    char *o = out.s;
    snprintf(raw, sizeof raw, "%.*f", decimals, isfinite(v) ? v / scale : 0);
    const char *p = raw;
    if (*p == '-') {
        p++;
        if (strspn(p, "0.") != strlen(p)) /* "-0.0" is plain zero */
            *o++ = '-';
    }
    size_t ndigits = strspn(p, "0123456789");
    for (size_t i = 0; i < ndigits; i++) {
        if (i && (ndigits - i) % 3 == 0)
            *o++ = ',';
        *o++ = p[i];
    }
    snprintf(o, sizeof out.s - (size_t)(o - out.s), "%s%s", p + ndigits, suffix);
    return out;
}

lf_num lf_value(double v)
{
    double a = fabs(v);
    lf_num out = lf_fixed(v, a >= 1000 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 4, 1, "");
    if (strchr(out.s, '.')) {
        char *end = out.s + strlen(out.s);
        while (end[-1] == '0')
            *--end = '\0';
        if (end[-1] == '.')
            *--end = '\0';
    }
    return out;
}

lf_num lf_month_label(int year, int month, size_t k)
{
    lf_num out;
    long t = (long)year * 12 + (month - 1) + (long)k;
    snprintf(out.s, sizeof out.s, "%04ld-%02ld", t / 12, t % 12 + 1);
    return out;
}
