/* csv_out.h (internal) - fields of the CSV files the library writes: numbers
 * with 10 significant digits and NaN as an empty field, free text quoted. */
#ifndef LF_IO_CSV_OUT_H
#define LF_IO_CSV_OUT_H

#include <stdio.h>

/* sep (may be "") then v, or nothing for NaN (missing). */
void lf_csv_put_number(FILE *fp, const char *sep, double v);
/* s in double quotes, inner quotes doubled (notes contain commas). */
void lf_csv_put_text(FILE *fp, const char *s);

#endif
