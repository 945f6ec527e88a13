/* csv_out.c - fields of the CSV files the library writes (csv_out.h). */
#include "csv_out.h"

#include <math.h>

void lf_csv_put_number(FILE *fp, const char *sep, double v)
{
    fputs(sep, fp);
    if (!isnan(v))
        fprintf(fp, "%.10g", v);
}

void lf_csv_put_text(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}
