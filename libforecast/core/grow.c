/* grow.c - the doubling reallocation every growing array here shares. */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

void *lf_grow(void *items, size_t n, size_t *cap, size_t elem_size)
{
    if (n < *cap)
        return items;
    size_t c = *cap ? 2 * *cap : 16;
    if (c > SIZE_MAX / elem_size)
        return NULL;
    void *p = realloc(items, c * elem_size);
    if (p)
        *cap = c;
    return p;
}
