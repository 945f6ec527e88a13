/* credit_internal.h (internal) - what the credit files share. */
#ifndef LF_CUSTOMERS_CREDIT_INTERNAL_H
#define LF_CUSTOMERS_CREDIT_INTERNAL_H

#include <stddef.h>

/* A name is non-empty and ends inside its fixed-size array (callers fill
 * the arrays, and one must be terminated before it is printed). */
int credit_name_ok(const char *name, size_t size);

#endif
