/* json_out.h (internal) - values of the JSON documents the library and lfc
 * write: numbers with 10 significant digits and null for NaN or infinity
 * (JSON has neither), strings escaped with UTF-8 passed through. */
#ifndef LF_IO_JSON_OUT_H
#define LF_IO_JSON_OUT_H

#include <stddef.h>
#include <stdio.h>

/* s as a JSON string. */
void lf_json_put_string(FILE *fp, const char *s);
/* "key": "s" then sep; null for a NULL s. */
void lf_json_put_text(FILE *fp, const char *key, const char *s, const char *sep);
/* "key": v then sep. */
void lf_json_put_number(FILE *fp, const char *key, double v, const char *sep);

/* "key": [ item 0, item 1 ... ] then sep, one item a line, indented for a
 * list inside the document's top-level object; item(fp, ctx, i) writes item i. */
typedef void lf_json_item_fn(FILE *fp, const void *ctx, size_t i);
void lf_json_put_list(FILE *fp, const char *key, size_t n, lf_json_item_fn *item,
                      const void *ctx, const char *sep);

#endif
