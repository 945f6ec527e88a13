/* json_out.c - JSON values for the library's and lfc's documents. */
#include <math.h>

#include "json_out.h"

void lf_json_put_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(fp, "\\%c", ch);
        else if (ch == '\n')
            fputs("\\n", fp);
        else if (ch < 0x20)
            fprintf(fp, "\\u%04x", ch);
        else
            fputc(ch, fp); /* bytes from 0x80 up: names are UTF-8 */
    }
    fputc('"', fp);
}

void lf_json_put_text(FILE *fp, const char *key, const char *s, const char *sep)
{
    fprintf(fp, "\"%s\": ", key);
    if (s)
        lf_json_put_string(fp, s);
    else
        fputs("null", fp);
    fputs(sep, fp);
}

void lf_json_put_number(FILE *fp, const char *key, double v, const char *sep)
{
    if (isfinite(v))
        fprintf(fp, "\"%s\": %.10g%s", key, v, sep);
    else
        fprintf(fp, "\"%s\": null%s", key, sep);
}

void lf_json_put_list(FILE *fp, const char *key, size_t n, lf_json_item_fn *item,
                      const void *ctx, const char *sep)
{
    fprintf(fp, "  \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",\n    " : "\n    ", fp);
        item(fp, ctx, i);
    }
    fputs(n ? "\n  ]" : "]", fp);
    fputs(sep, fp);
}
