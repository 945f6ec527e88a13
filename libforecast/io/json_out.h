/* json_out.h (internal) - values of the JSON documents the library and lfc
 * write: numbers with 10 significant digits and null for NaN or infinity
 * (JSON has neither), strings escaped with UTF-8 passed through. */
#ifndef LF_IO_JSON_OUT_H
#define LF_IO_JSON_OUT_H

#include <stdio.h>

/* s as a JSON string. */
void lf_json_put_string(FILE *fp, const char *s);
/* "key": v then sep. */
void lf_json_put_number(FILE *fp, const char *key, double v, const char *sep);

#endif
