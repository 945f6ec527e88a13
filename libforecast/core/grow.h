/* grow.h (internal) - room for one more element in a doubling array. */
#ifndef LF_CORE_GROW_H
#define LF_CORE_GROW_H

#include <stddef.h>

/* Return items, or a reallocated copy with capacity for more than n elements
 * (*cap doubles, starting at 16), or NULL when memory runs out; the old array
 * is then still valid and owned by the caller. */
void *lf_grow(void *items, size_t n, size_t *cap, size_t elem_size);

#endif
